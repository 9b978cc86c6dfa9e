//! The preliminary refusal and the applicant's objection to it: each is a signed act. The official
//! (or the applicant) reads a statement and its digest (`…/statement`), signs the digest's 64
//! characters with the SIGN key, and sends the same content with the signature; the statement is
//! kept as the act's content, so the evidence package shows what was signed.

use sea_orm::{Set, TransactionTrait};
use uuid::Uuid;

use super::deadlines::resume_clock;
use super::{Transition, Viewer, for_applicant, for_staff, load_calendar, local_day};
use crate::permits::{
    catalogue::Definition,
    dto::*,
    entity::request,
    workflow::{Action, Status},
};
use crate::{
    accounts::signature::verify_signed_by,
    db::stamp,
    eds::Verified,
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct, hash_json},
    permits::PermitsCtx,
};

/// What the official signs to announce a refusal: the request, the grounds (codes and texts in
/// both languages), the reasoned text, and who signs. Unknown grounds are a 422.
fn refusal_statement(
    r: &request::Model,
    definition: &Definition,
    viewer: &Viewer,
    grounds: &[String],
    text: &str,
) -> Result<serde_json::Value, ApiError> {
    let mut known = Vec::with_capacity(grounds.len());
    let mut unknown = Vec::new();
    for (i, code) in grounds.iter().enumerate() {
        match definition.ground(code) {
            Some(ground) => {
                known.push(serde_json::json!({"code": ground.code, "text": ground.text}))
            }
            None => unknown.push(FieldError::new(
                format!("grounds[{i}]"),
                "unknown",
                "not a refusal ground of this service",
            )),
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }
    Ok(serde_json::json!({
        "act": "preliminary-refusal",
        "request_id": r.id,
        "registration_number": r.number,
        "type": r.type_code,
        "grounds": known,
        "text": text,
        "official": {"id": viewer.account.id, "iin": viewer.account.iin},
    }))
}

/// What the applicant signs to object: the request, the refusal objected to, the reason, and who
/// signs.
fn objection_statement(r: &request::Model, viewer: &Viewer, reason: &str) -> serde_json::Value {
    serde_json::json!({
        "act": "objection",
        "request_id": r.id,
        "registration_number": r.number,
        "preliminary_refusal": r.pending_refusal,
        "reason": reason,
        "applicant": {"id": viewer.account.id, "iin": viewer.account.iin},
    })
}

/// Checks that `digest` is the statement's and that `signature` is the viewer's, with the SIGN
/// key, over it.
async fn signed(
    state: &PermitsCtx,
    viewer: &Viewer,
    statement: &serde_json::Value,
    body: (&str, &str),
) -> Result<(String, Verified), ApiError> {
    let (digest, signature) = body;
    let expected = hash_json(statement);
    if digest != expected {
        return Err(ApiError::Conflict(
            "What you sign changed since its digest was read; ask …/statement again and sign the \
             new digest."
                .into(),
        ));
    }
    let verified = verify_signed_by(
        state.eds()?,
        &viewer.account,
        signature.as_bytes(),
        expected.as_bytes(),
    )
    .await?;
    Ok((expected, verified))
}

/// The signed statement as an act of the request, in the step's transaction.
async fn record_act(
    state: &PermitsCtx,
    txn: &sea_orm::DatabaseTransaction,
    viewer: &Viewer,
    r: &request::Model,
    act: (ActKind, &str),
    statement: serde_json::Value,
    verified: &Verified,
) -> Result<(), ApiError> {
    let (kind, digest) = act;
    state
        .evidence
        .record(
            txn,
            NewAct {
                kind,
                account_id: Some(viewer.account.id),
                request_id: Some(r.id),
                reference: Some(format!("{} of request {}", kind.as_str(), r.id)),
                signed: digest.as_bytes(),
                content: Some(statement),
                verified,
            },
        )
        .await?;
    Ok(())
}

/// `POST /permit-requests/{id}/preliminary-refusal/statement`: what announcing the refusal signs.
pub async fn refusal_to_sign(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: RefusalDraft,
) -> Result<StatementDigest, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (_, _, statement) = refusal_step(state, viewer, id, &body.grounds, &body.text).await?;
    Ok(StatementDigest::of(statement))
}

/// The refusal step on the request, if the machine allows it, with the service's definition and
/// the statement the official signs.
async fn refusal_step<'a>(
    state: &'a PermitsCtx,
    viewer: &'a Viewer,
    id: Uuid,
    grounds: &[String],
    text: &str,
) -> Result<(Transition<'a>, Definition, serde_json::Value), ApiError> {
    let r = for_staff(state, viewer, id).await?;
    let step = Transition::new(state, r, Action::PreliminaryRefusal, &viewer.account)?;
    let definition = super::definition_of(state, &state.core.db, step.request()).await?;
    let statement = refusal_statement(step.request(), &definition, viewer, grounds, text)?;
    Ok((step, (*definition).clone(), statement))
}

/// `POST /permit-requests/{id}/preliminary-refusal`: grounds and reasoned text, signed; the
/// applicant may object within the type's objection period, while the clock stands still.
pub async fn preliminary_refusal(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: PreliminaryRefusalRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (step, definition, statement) =
        refusal_step(state, viewer, id, &body.grounds, &body.text).await?;
    let (digest, verified) =
        signed(state, viewer, &statement, (&body.digest, &body.signature)).await?;
    let now = state.core.now();
    let calendar = load_calendar(&state.core.db).await?;
    let objection_due = calendar.add_working_days(local_day(state, now), definition.objection_days);
    let pending = PendingRefusal {
        grounds: body.grounds,
        text: body.text,
    };
    let value = serde_json::to_value(&pending).map_err(|e| ApiError::Internal(e.into()))?;
    let txn = state.core.db.begin().await?;
    let updated = step
        .change(|c| {
            c.pending_refusal = Set(Some(value));
            c.objection_due = Set(Some(objection_due));
            c.objection = Set(None);
            c.paused_at = Set(Some(stamp(now)));
        })
        .comment(Some(pending.text.clone()))
        .data(serde_json::json!({
            "grounds": pending.grounds,
            "objection_due": objection_due,
            "digest": digest,
        }))
        .write(&txn)
        .await?;
    let act = (ActKind::PreliminaryRefusal, digest.as_str());
    record_act(state, &txn, viewer, &updated, act, statement, &verified).await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Request(updated.id))
        .await;
    Ok(updated)
}

/// The request the viewer may object to now: theirs, preliminarily refused, not objected to yet,
/// within the period.
async fn objectable(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = for_applicant(state, viewer, id).await?;
    if r.status != Status::PreliminaryRefusal {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} has no refusal to object to",
            r.status.as_str()
        )));
    }
    if r.objection.is_some() {
        return Err(ApiError::Conflict("An objection was made already.".into()));
    }
    let today = local_day(state, state.core.now());
    if r.objection_due.is_some_and(|due| today > due) {
        return Err(ApiError::Conflict(
            "The period for objecting has ended.".into(),
        ));
    }
    Ok(r)
}

/// `POST /permit-requests/{id}/objection/statement`: what objecting signs.
pub async fn objection_to_sign(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ReasonBody,
) -> Result<StatementDigest, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = objectable(state, viewer, id).await?;
    Ok(StatementDigest::of(objection_statement(
        &r,
        viewer,
        &body.reason,
    )))
}

/// `POST /permit-requests/{id}/objection`: the applicant's signed objection to a preliminary
/// refusal, once, within the period. The clock starts again: the reviewer must weigh it.
pub async fn object(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ObjectionRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = objectable(state, viewer, id).await?;
    let statement = objection_statement(&r, viewer, &body.reason);
    let (digest, verified) =
        signed(state, viewer, &statement, (&body.digest, &body.signature)).await?;
    let today = local_day(state, state.core.now());
    let calendar = load_calendar(&state.core.db).await?;
    let due = resume_clock(&r, &calendar, today, state);
    let txn = state.core.db.begin().await?;
    let updated = Transition::note(state, r, "object", &viewer.account)
        .change(|c| {
            c.objection = Set(Some(body.reason.clone()));
            due.write_to(c);
            c.paused_at = Set(None);
        })
        .comment(Some(body.reason))
        .data(serde_json::json!({"digest": digest}))
        .write(&txn)
        .await?;
    let act = (ActKind::Objection, digest.as_str());
    record_act(state, &txn, viewer, &updated, act, statement, &verified).await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Request(updated.id))
        .await;
    Ok(updated)
}
