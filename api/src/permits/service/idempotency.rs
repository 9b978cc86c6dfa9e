//! `Idempotency-Key`: a retried creation or submission gets the first answer again.

use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use uuid::Uuid;

use crate::permits::entity::idempotency;
use crate::{
    db::{is_unique_violation, stamp},
    error::{ApiError, FieldError},
    permits::PermitsCtx,
};

/// Runs `op` once per (account, scope, `Idempotency-Key`): a retry with the same key and body
/// gets the first answer again; with a different body, 422; while the first is still running, 409.
pub async fn idempotent<F, Fut>(
    state: &PermitsCtx,
    account: Uuid,
    scope: &str,
    key: Option<&str>,
    body_hash: &str,
    op: F,
) -> Result<(u16, serde_json::Value), ApiError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(u16, serde_json::Value), ApiError>>,
{
    let Some(key) = key else {
        return op().await;
    };
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "Idempotency-Key",
            "length",
            "1 to 255 characters",
        )]));
    }
    let find = || {
        idempotency::Entity::find_by_id((account, scope.to_owned(), key.to_owned()))
            .one(&state.core.db)
    };
    let replay = |row: idempotency::Model| {
        if row.request_hash != body_hash {
            Err(ApiError::IdempotencyKeyReused)
        } else if row.status == 0 {
            Err(ApiError::Conflict(
                "A request with this Idempotency-Key is still being processed; retry shortly."
                    .into(),
            ))
        } else {
            Ok((u16::try_from(row.status).unwrap_or(200), row.body))
        }
    };
    if let Some(row) = find().await? {
        return replay(row);
    }
    let reserved = idempotency::ActiveModel {
        account_id: Set(account),
        scope: Set(scope.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(body_hash.to_owned()),
        status: Set(0),
        body: Set(serde_json::Value::Null),
        created_at: Set(stamp(state.core.clock.now())),
    }
    .insert(&state.core.db)
    .await;
    if let Err(e) = reserved {
        if is_unique_violation(&e) {
            let row = find().await?.ok_or(ApiError::Conflict(
                "A request with this Idempotency-Key is still being processed; retry shortly."
                    .into(),
            ))?;
            return replay(row);
        }
        return Err(e.into());
    }
    let outcome = op().await;
    let row = idempotency::Entity::find_by_id((account, scope.to_owned(), key.to_owned()));
    match &outcome {
        Ok((status, body)) => {
            if let Some(row) = row.one(&state.core.db).await? {
                let mut row: idempotency::ActiveModel = row.into();
                row.status = Set(i32::from(*status));
                row.body = Set(body.clone());
                row.update(&state.core.db).await?;
            }
        }
        Err(_) => {
            // Nothing was done: the key is free for a corrected retry.
            idempotency::Entity::delete_by_id((account, scope.to_owned(), key.to_owned()))
                .exec(&state.core.db)
                .await?;
        }
    }
    outcome
}
