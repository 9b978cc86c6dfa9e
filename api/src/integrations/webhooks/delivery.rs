//! The delivery worker: sends each delivery due, signed; a 2xx answer delivers it, anything else
//! (another status, a timeout, a refused connection) schedules the next attempt with backoff
//! (5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h). A delivery still failing a day (the setting)
//! after its event is given up: the subscription is disabled and the client's owner is emailed.
//! Nodes sharing a database share the work: a delivery is claimed by moving its next attempt
//! forward, which only one node can do.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait, sea_query::Expr,
};

use super::super::{
    IntegrationsCtx,
    entity::{api_client, webhook_delivery, webhook_subscription},
};
use crate::{
    accounts::entity::account,
    db::stamp,
    error::ApiError,
    messaging::{
        outbox::{NewEmail, enqueue},
        templates::Template,
    },
};

/// How long past the receiver's timeout a claimed delivery stays claimed: time enough to record
/// the answer. A node that dies mid-delivery leaves it to be sent again once the claim lapses.
const LEASE_MARGIN_SECS: i64 = 5;

/// How long after the `attempts`-th failure the next attempt is due.
pub fn backoff(attempts: i32) -> Duration {
    match attempts {
        ..=1 => Duration::seconds(5),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        5 => Duration::hours(5),
        _ => Duration::hours(10),
    }
}

/// The `webhook-signature` header: one `v1,…` per secret in use (the new one, and the previous
/// one for a day after a rotation).
pub fn signature(
    subscription: &webhook_subscription::Model,
    message_id: &str,
    timestamp: i64,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let mut secrets = vec![subscription.secret.as_str()];
    if let (Some(previous), Some(until)) = (
        subscription.previous_secret.as_deref(),
        subscription.previous_secret_until,
    ) && until > now
    {
        secrets.push(previous);
    }
    let mut signatures = Vec::with_capacity(secrets.len());
    for secret in secrets {
        let signer = standardwebhooks::Webhook::new(secret)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("webhook secret: {e}")))?;
        signatures.push(
            signer
                .sign(message_id, timestamp, payload.as_bytes())
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("webhook signature: {e}")))?,
        );
    }
    Ok(signatures.join(" "))
}

/// Sends every delivery due now (a batch at a time); how many were attempted.
pub async fn deliver_due(ctx: &IntegrationsCtx) -> Result<usize, ApiError> {
    let db = &ctx.core.db;
    let now = ctx.core.now();
    let due = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::Status.eq("pending"))
        .filter(webhook_delivery::Column::NextAttemptAt.lte(stamp(now)))
        .order_by_asc(webhook_delivery::Column::NextAttemptAt)
        .limit(20)
        .all(db)
        .await?;
    let mut attempted = 0;
    for delivery in due {
        let lease = now + Duration::seconds(ctx.webhooks.timeout_secs as i64 + LEASE_MARGIN_SECS);
        let claimed = webhook_delivery::Entity::update_many()
            .col_expr(
                webhook_delivery::Column::NextAttemptAt,
                Expr::value(stamp(lease)),
            )
            .filter(webhook_delivery::Column::Id.eq(delivery.id))
            .filter(webhook_delivery::Column::Status.eq("pending"))
            .filter(webhook_delivery::Column::NextAttemptAt.eq(delivery.next_attempt_at))
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            attempt(ctx, delivery, now).await?;
            attempted += 1;
        }
    }
    Ok(attempted)
}

/// One attempt, and what it leaves: delivered, due again later, or given up.
async fn attempt(
    ctx: &IntegrationsCtx,
    delivery: webhook_delivery::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let subscription = webhook_subscription::Entity::find_by_id(delivery.subscription_id)
        .one(&ctx.core.db)
        .await?;
    let outcome = match &subscription {
        Some(s) if s.enabled => send(ctx, s, &delivery, now).await,
        _ => Err((None, "the subscription is disabled".to_owned())),
    };
    let attempts = delivery.attempts + 1;
    let given_up = delivery.created_at + Duration::hours(ctx.webhooks.give_up_after_hours) <= now;
    let mut row = delivery.into_active_model();
    row.attempts = Set(attempts);
    row.last_attempt_at = Set(Some(stamp(now)));
    let txn = ctx.core.db.begin().await?;
    match outcome {
        Ok(status) => {
            row.status = Set("delivered".into());
            row.last_status = Set(Some(status));
            row.last_error = Set(None);
            row.delivered_at = Set(Some(stamp(now)));
        }
        Err((status, error)) => {
            row.last_status = Set(status);
            row.last_error = Set(Some(error.chars().take(500).collect()));
            let enabled = subscription.as_ref().is_some_and(|s| s.enabled);
            if given_up || !enabled {
                row.status = Set("failed".into());
                if let Some(s) = subscription.filter(|s| s.enabled) {
                    disable(ctx, &txn, s, now).await?;
                }
            } else {
                row.next_attempt_at = Set(stamp(now + backoff(attempts)));
            }
        }
    }
    row.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// POSTs the delivery: the receiver's status when it is 2xx, else the status (if any) and why.
async fn send(
    ctx: &IntegrationsCtx,
    subscription: &webhook_subscription::Model,
    delivery: &webhook_delivery::Model,
    now: DateTime<Utc>,
) -> Result<i32, (Option<i32>, String)> {
    let message_id = delivery.message_id();
    let timestamp = now.timestamp();
    let signature = signature(subscription, &message_id, timestamp, &delivery.payload, now)
        .map_err(|e| (None, e.to_string()))?;
    let answer = ctx
        .http
        .post(&subscription.url)
        .header("content-type", "application/json")
        .header("webhook-id", &message_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(delivery.payload.clone())
        .send()
        .await
        .map_err(|e| (None, format!("no answer: {e}")))?;
    let status = i32::from(answer.status().as_u16());
    if answer.status().is_success() {
        Ok(status)
    } else {
        Err((Some(status), format!("the receiver answered {status}")))
    }
}

/// Disables a subscription that failed for a day, and tells the client's owner by email.
async fn disable(
    ctx: &IntegrationsCtx,
    txn: &sea_orm::DatabaseTransaction,
    subscription: webhook_subscription::Model,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let url = subscription.url.clone();
    let client_id = subscription.client_id;
    let mut row = subscription.into_active_model();
    row.enabled = Set(false);
    row.disabled_at = Set(Some(stamp(now)));
    row.disabled_reason = Set(Some(format!(
        "deliveries failed for {} hours",
        ctx.webhooks.give_up_after_hours
    )));
    row.update(txn).await?;
    let Some(client) = api_client::Entity::find_by_id(client_id).one(txn).await? else {
        return Ok(());
    };
    let Some(owner) = account::Entity::find_by_id(client.owner_id)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    tracing::warn!(client = %client.id, "webhook subscription disabled after failing deliveries");
    enqueue(
        txn,
        NewEmail {
            account_id: Some(owner.id),
            to_address: owner.email.clone(),
            language: crate::accounts::dto::parse_lang(&owner.language),
            template: Template::WebhookDisabled {
                client: client.name,
                url,
                link: ctx.messaging.link("/account/api-clients"),
            },
            unsubscribe_url: None,
        },
        now,
    )
    .await?;
    Ok(())
}

/// Runs [`deliver_due`] every `every` until `shutdown`.
pub fn spawn_worker(
    ctx: IntegrationsCtx,
    every: std::time::Duration,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match deliver_due(&ctx).await {
                // A full batch: more may be due at once.
                Ok(20..) => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "webhook deliveries failed; will retry"),
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(every) => {}
            }
        }
    })
}
