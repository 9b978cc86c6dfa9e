//! Deemed approvals (Law of the Republic of Kazakhstan No. 202-V «On Permits and
//! Notifications», Art. 25): an organisation asked for its approval that stays silent past its
//! period (the type's `approval_days` working days) is deemed to have given it. At the period's
//! end the task is recorded as approved, the department's seal signs a statement saying so (an
//! act in the evidence, like any other), and the applicant, the assignee and the organisation's
//! people are told.
//!
//! The seal is an organisation key of the department (`permits.seal_p12_file`), verified like any
//! signature before it is kept, so the act carries its chain and revocation data. Without one,
//! the law's effect still happens; the history says so, and no act is recorded.

use anyhow::Context;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
    sea_query::Expr,
};
use secrecy::{ExposeSecret, SecretString};

use super::{HistoryRow, record};
use crate::permits::{
    PermitSettings, PermitsCtx,
    entity::{
        organisation, request,
        task::{self, TaskStatus},
    },
    workflow::Status,
};
use crate::{
    accounts::entity::account::{self, Role},
    db::stamp,
    eds::{
        KeyPurpose,
        sign::{SignError, sign_detached},
    },
    error::ApiError,
    evidence::{ActKind, ActOwner, NewAct, hash_json},
    i18n::Localized,
    integrations::webhooks::{Published, publish},
    notifications::{
        event::Event,
        service::{Recipient, notify_many},
    },
};

/// The department's seal: its key file and password.
pub struct Seal {
    p12: Vec<u8>,
    password: SecretString,
}

impl Seal {
    /// The seal `settings` name, checked by signing once; `None` when none is configured.
    pub fn load(settings: &PermitSettings) -> anyhow::Result<Option<Self>> {
        let Some(path) = &settings.seal_p12_file else {
            return Ok(None);
        };
        let p12 = std::fs::read(path)
            .with_context(|| format!("cannot read permits.seal_p12_file {}", path.display()))?;
        let seal = Self {
            p12,
            password: settings
                .seal_password
                .clone()
                .unwrap_or_else(|| SecretString::from(String::new())),
        };
        seal.sign(b"probe")
            .with_context(|| format!("permits.seal_p12_file {} cannot sign", path.display()))?;
        Ok(Some(seal))
    }

    /// A detached CMS over `content`, DER.
    pub fn sign(&self, content: &[u8]) -> Result<Vec<u8>, SignError> {
        sign_detached(&self.p12, self.password.expose_secret(), content)
    }
}

/// Deems approved every pending task whose period has ended, on a request still in review;
/// how many. Run by the reminder worker on every node: a task is deemed once, by whichever
/// node moves it from `pending` first.
pub async fn deem_overdue_tasks(state: &PermitsCtx) -> Result<usize, ApiError> {
    let now = state.core.now();
    let due = task::Entity::find()
        .filter(task::Column::Status.eq(TaskStatus::Pending))
        .filter(task::Column::DueAt.lte(stamp(now)))
        .order_by_asc(task::Column::DueAt)
        .limit(50)
        .all(&state.core.db)
        .await?;
    let mut deemed = 0;
    for t in due {
        if deem(state, t).await? {
            deemed += 1;
        }
    }
    Ok(deemed)
}

/// The statement the seal signs.
fn statement(
    r: &request::Model,
    t: &task::Model,
    org: &organisation::Model,
    name: &Localized,
    due_at: DateTime<Utc>,
) -> serde_json::Value {
    serde_json::json!({
        "act": "deemed-approval",
        "law": "Law of the Republic of Kazakhstan No. 202-V «On Permits and Notifications», Article 25",
        "permit_request": r.id,
        "registration_number": r.number,
        "title": r.title,
        "task": t.id,
        "organisation": {"code": org.code, "bin": org.bin, "name": name},
        "asked_at": t.created_at,
        "period_ended_at": due_at,
        "text": {
            "kk": "Ұйым келісу мерзімі ішінде жауап бермеді; келісім берілді деп есептеледі.",
            "ru": "Организация не ответила в срок согласования; согласование считается полученным.",
            "en": "The organisation did not answer within its period; its approval is deemed given.",
        },
    })
}

/// The organisation's name in each language (its code, should the stored name not read).
fn name_of(org: &organisation::Model) -> Localized {
    serde_json::from_value(org.name.clone()).unwrap_or_else(|_| Localized {
        kk: org.code.clone(),
        ru: org.code.clone(),
        en: org.code.clone(),
    })
}

/// One task: sealed, recorded, told. `false` when it is not (or no longer) to be deemed.
async fn deem(state: &PermitsCtx, t: task::Model) -> Result<bool, ApiError> {
    let db = &state.core.db;
    let Some(due_at) = t.due_at else {
        return Ok(false);
    };
    let Some(r) = request::Entity::find_by_id(t.request_id).one(db).await? else {
        return Ok(false);
    };
    if r.status != Status::InReview {
        return Ok(false);
    }
    let org = organisation::Entity::find_by_id(t.organisation_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let name = name_of(&org);
    let statement = statement(&r, &t, &org, &name, due_at);
    let digest = hash_json(&statement);
    let sealed = match &state.seal {
        Some(seal) => {
            let (seal, content) = (seal.clone(), digest.clone());
            let cms = tokio::task::spawn_blocking(move || seal.sign(content.as_bytes()))
                .await
                .map_err(|e| ApiError::Internal(e.into()))?
                .map_err(|e| ApiError::Internal(anyhow::anyhow!("the seal cannot sign: {e}")))?;
            // Verified like any signature: what anyone checking the act will check.
            Some(
                state
                    .eds()?
                    .verify_with_evidence(&cms, digest.as_bytes(), KeyPurpose::Signing)
                    .await?,
            )
        }
        None => None,
    };
    let txn = db.begin().await?;
    let done = task::Entity::update_many()
        .col_expr(
            task::Column::Status,
            Expr::value(TaskStatus::Approved.as_str()),
        )
        .col_expr(task::Column::Deemed, Expr::value(true))
        .col_expr(task::Column::DecidedAt, Expr::value(Some(stamp(due_at))))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq(TaskStatus::Pending))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Ok(false);
    }
    super::register::on_deemed(&txn, state, t.organisation_id, &r.type_code, due_at).await?;
    let data = serde_json::json!({
        "task_id": t.id,
        "organisation_id": t.organisation_id,
        "period_ended_at": due_at,
        "digest": digest,
        "sealed": sealed.is_some(),
    });
    record(
        &txn,
        state,
        HistoryRow {
            request: &r,
            action: "task_deemed_approved",
            from: r.status,
            actor: None,
            comment: None,
            data: Some(data),
            quiet: true,
        },
    )
    .await?;
    let bins: Vec<&str> = [r.applicant_bin.as_deref(), org.bin.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let event = Published {
        event_type: "approval_task.answered",
        organisations: &bins,
        data: serde_json::json!({
            "task_id": t.id,
            "request_id": r.id,
            "registration_number": r.number,
            "organisation": org.code,
            "verdict": "approved",
            "deemed": true,
            "digest": digest,
        }),
    };
    publish(&txn, event, state.core.now()).await?;
    match &sealed {
        Some(verified) => {
            state
                .evidence
                .record(
                    &txn,
                    NewAct {
                        kind: ActKind::DeemedApproval,
                        account_id: None,
                        request_id: Some(r.id),
                        reference: Some(format!("task {} deemed", t.id)),
                        signed: digest.as_bytes(),
                        content: Some(statement),
                        verified,
                    },
                )
                .await?;
        }
        None => tracing::warn!(
            task = %t.id,
            "an approval was deemed given without a sealed act: permits.seal_p12_file is not set"
        ),
    }
    tell(state, &txn, &r, &org, name, due_at).await?;
    txn.commit().await?;
    if sealed.is_some() {
        state.evidence.stamp_owned(ActOwner::Request(r.id)).await;
    }
    Ok(true)
}

/// The notice to the applicant, the assignee and the organisation's people.
async fn tell(
    state: &PermitsCtx,
    txn: &sea_orm::DatabaseTransaction,
    r: &request::Model,
    org: &organisation::Model,
    name: Localized,
    due_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut ids = vec![r.applicant_id];
    ids.extend(r.assignee_id);
    let mut people = account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(txn)
        .await?;
    if let Some(bin) = org.bin.as_deref() {
        people.extend(
            account::Entity::find()
                .filter(account::Column::Bin.eq(bin))
                .filter(account::Column::Role.eq(Role::Reviewer))
                .limit(200)
                .all(txn)
                .await?,
        );
    }
    people.sort_by_key(|a| a.id);
    people.dedup_by_key(|a| a.id);
    let recipients: Vec<Recipient> = people.iter().map(Recipient::from).collect();
    let event = Event::ApprovalDeemed {
        request_id: r.id,
        number: r.number.clone(),
        title: r.title.clone(),
        organisation: name,
        due_at,
    };
    notify_many(txn, &state.notifier(), &recipients, &event).await
}
