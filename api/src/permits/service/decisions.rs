//! Decisions: the decision PDF drafted for the official, signed with their EDS over its
//! SHA-256 (approved and issued, or refused), its download, and the public verify page.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
    QueryTrait, Set, TransactionTrait, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::approvals::check_tasks;
use super::{Transition, Viewer, for_staff, local_day, next, store, visible};
use crate::permits::{
    catalogue::Definition,
    document::{DecisionDocument, ObjectField},
    dto::*,
    entity::{
        decision::{self, DecisionKind},
        organisation, request,
    },
    workflow::{Action, Status},
};
use crate::{
    accounts::entity::account,
    accounts::signature::verify_signed_by,
    db::{BuiltOnce, stamp},
    eds::KeyPurpose,
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct, entity::signed_act},
    i18n::Localized,
    permits::PermitsCtx,
    permits::verified::CheckedAgainst,
};

/// The address of the public verify page of a decision.
pub(super) fn verify_url(state: &PermitsCtx, number: &str, code: &str) -> String {
    state
        .messaging
        .link(&format!("/verify/{number}?code={code}"))
}

fn random_code() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `POST /permit-requests/{id}/decision-draft`: renders the decision PDF (a permit, or a reasoned
/// refusal after a preliminary one) for the official to sign.
pub async fn decision_draft(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: DecisionDraftRequest,
) -> Result<DecisionView, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let kind = DecisionKind::parse(&body.kind).ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new(
            "kind",
            "invalid",
            "`permit` or `refusal`",
        )])
    })?;
    check_decidable(state, &r, kind).await?;
    let definition = super::definition_of(state, &state.core.db, &r).await?;
    let org = organisation::Entity::find_by_id(r.organisation_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let applicant = account::Entity::find_by_id(r.applicant_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let lang = crate::accounts::dto::parse_lang(&applicant.language);
    let org_name: Localized =
        serde_json::from_value(org.name.clone()).map_err(|e| ApiError::Internal(e.into()))?;
    let number = r
        .number
        .clone()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no number")))?;
    let grounds = refusal_grounds(kind, &r, &definition)?;
    let text = decision_text(kind, &r, body.comment.as_deref());
    let code = random_code();
    let url = verify_url(state, &number, &code);
    let now = state.core.now();
    let pdf = render(Printed {
        kind,
        texts: [
            number.clone(),
            kk_ru(&definition.name),
            r.holder_name.clone(),
            printed_identifier(&r.holder_id),
            kk_ru(&org_name),
            viewer.account.full_name.clone(),
            text.clone(),
            url.clone(),
            code.clone(),
        ],
        grounds: grounds.clone(),
        decided_at: now,
        object: object_of(&r.form_data),
    })
    .await?;
    let sha256 = store(state).put_bytes(&pdf).await?;
    let row = decision::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        kind: Set(kind),
        number: Set(number),
        language: Set(lang.code().into()),
        pdf_sha256: Set(sha256),
        pdf_size: Set(i64::try_from(pdf.len()).unwrap_or(i64::MAX)),
        verify_code: Set(code),
        official_id: Set(viewer.account.id),
        official_name: Set(viewer.account.full_name.clone()),
        comment: Set(Some(text)),
        grounds: Set(Some(serde_json::json!(grounds))),
        signature: Set(None),
        signer_serial: Set(None),
        signed_at: Set(None),
        created_at: Set(stamp(now)),
    };
    let row = replace_draft(state, row).await?;
    Ok(DecisionView::new(row, url))
}

/// Whether `r` may be decided `kind` now: a permit once every approval is given, a refusal once
/// the applicant objected to the preliminary one or the period for it ended.
async fn check_decidable(
    state: &PermitsCtx,
    r: &request::Model,
    kind: DecisionKind,
) -> Result<(), ApiError> {
    match kind {
        DecisionKind::Permit => {
            next(r, Action::Approve)?;
            check_tasks(&state.core.db, r).await
        }
        DecisionKind::Refusal => {
            next(r, Action::Refuse)?;
            let today = local_day(state, state.core.now());
            let objection_over =
                r.objection.is_some() || r.objection_due.is_some_and(|d| today > d);
            if objection_over {
                Ok(())
            } else {
                Err(ApiError::IllegalTransition(format!(
                    "the applicant may object until {}; refuse after that or after their objection",
                    r.objection_due.map(|d| d.to_string()).unwrap_or_default()
                )))
            }
        }
    }
}

/// Kazakh and Russian, as the document prints them: `қазақша / по-русски`.
fn kk_ru(text: &Localized) -> String {
    if text.kk == text.ru {
        text.kk.clone()
    } else {
        format!("{} / {}", text.kk, text.ru)
    }
}

/// What the decision concerns, from the request's form: name, address, cadastral number,
/// premises (absent fields are left out).
fn object_of(form: &serde_json::Value) -> Vec<(ObjectField, String)> {
    ObjectField::ALL
        .iter()
        .filter_map(|(field, key)| {
            let value = match &form[*key] {
                serde_json::Value::String(text) => text.trim().to_owned(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return None,
            };
            (!value.is_empty()).then_some((*field, value))
        })
        .collect()
}

/// A refusal's grounds in Kazakh and Russian, from the preliminary refusal.
fn refusal_grounds(
    kind: DecisionKind,
    r: &request::Model,
    definition: &Definition,
) -> Result<Vec<String>, ApiError> {
    match (kind, &r.pending_refusal) {
        (DecisionKind::Refusal, Some(p)) => {
            let p: PendingRefusal =
                serde_json::from_value(p.clone()).map_err(|e| ApiError::Internal(e.into()))?;
            Ok(p.grounds
                .iter()
                .filter_map(|g| definition.ground(g))
                .map(|g| kk_ru(&g.text))
                .collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// The decision's text: the official's comment; otherwise a refusal's reasoned text from the
/// preliminary refusal, or the standard sentence of approval.
fn decision_text(kind: DecisionKind, r: &request::Model, comment: Option<&str>) -> String {
    match (kind, &r.pending_refusal, comment) {
        (_, _, Some(c)) if !c.trim().is_empty() => c.to_owned(),
        (DecisionKind::Refusal, Some(p), _) => p
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_owned(),
        _ => "Өтінім қаралып, мақұлданды. / Заявка рассмотрена и одобрена.".to_owned(),
    }
}

/// What a decision PDF prints, owned, so that it can move to the blocking pool.
struct Printed {
    kind: DecisionKind,
    /// Number, permit type, holder, holder's id, organisation, official, text, verify address,
    /// check code.
    texts: [String; 9],
    grounds: Vec<String>,
    decided_at: DateTime<Utc>,
    object: Vec<(ObjectField, String)>,
}

/// The holder's identifier as the bilingual document prints it: the IIN is ЖСН / ИИН, the BIN
/// БСН / БИН (the request keeps `IIN …` / `BIN …`).
fn printed_identifier(holder_id: &str) -> String {
    if let Some(iin) = holder_id.strip_prefix("IIN ") {
        format!("ЖСН / ИИН {iin}")
    } else if let Some(bin) = holder_id.strip_prefix("BIN ") {
        format!("БСН / БИН {bin}")
    } else {
        holder_id.to_owned()
    }
}

/// Lays out the PDF: milliseconds of CPU, so on the blocking pool, not an async worker.
async fn render(printed: Printed) -> Result<Vec<u8>, ApiError> {
    tokio::task::spawn_blocking(move || {
        let [
            number,
            permit_type,
            holder,
            holder_id,
            organisation,
            official,
            text,
            url,
            code,
        ] = &printed.texts;
        crate::permits::document::render(&DecisionDocument {
            kind: printed.kind,
            number,
            permit_type,
            holder,
            holder_id,
            organisation,
            official,
            decided_at: printed.decided_at,
            decision_text: text,
            grounds: &printed.grounds,
            verify_url: url,
            verify_code: code,
            object: &printed.object,
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("rendering the decision failed: {e}")))
}

/// Stores a new draft in place of any unsigned one of the request (their files stay: stored by
/// hash).
async fn replace_draft(
    state: &PermitsCtx,
    row: decision::ActiveModel,
) -> Result<decision::Model, ApiError> {
    let request_id = row.request_id.clone().unwrap();
    decision::Entity::delete_many()
        .filter(decision::Column::RequestId.eq(request_id))
        .filter(decision::Column::Signature.is_null())
        .exec(&state.core.db)
        .await?;
    Ok(row.insert(&state.core.db).await?)
}

/// `POST /permit-requests/{id}/approve` and `/refuse`: verifies the official's signature over the
/// prepared PDF's SHA-256, and decides: approved and issued, or refused.
pub async fn sign_decision(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    permit: bool,
    body: SignDecisionRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let d = decision::Entity::find_by_id(body.decision_id)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    let expected = if permit {
        DecisionKind::Permit
    } else {
        DecisionKind::Refusal
    };
    if d.kind != expected || d.signature.is_some() || d.official_id != viewer.account.id {
        return Err(ApiError::Conflict(format!(
            "Sign an unsigned {} draft that you prepared (POST …/decision-draft).",
            expected.as_str()
        )));
    }
    let action = if permit {
        Action::Approve
    } else {
        Action::Refuse
    };
    let decide = Transition::new(state, r, action, &viewer.account)?;
    if permit {
        check_tasks(&state.core.db, decide.request()).await?;
    }
    let verified = verify_signed_by(
        state.eds()?,
        &viewer.account,
        body.signature.as_bytes(),
        d.pdf_sha256.as_bytes(),
    )
    .await?;
    let signer = &verified.signer;
    let now = stamp(state.core.now());
    let txn = state.core.db.begin().await?;
    let signed = decision::Entity::update_many()
        .col_expr(
            decision::Column::Signature,
            Expr::value(Some(body.signature)),
        )
        .col_expr(
            decision::Column::SignerSerial,
            Expr::value(Some(signer.serial_number.clone())),
        )
        .col_expr(decision::Column::SignedAt, Expr::value(Some(now)))
        .filter(decision::Column::Id.eq(d.id))
        .filter(decision::Column::Signature.is_null())
        .exec(&txn)
        .await?;
    if signed.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The decision was signed meanwhile.".into(),
        ));
    }
    let data = serde_json::json!({"decision_id": d.id, "pdf_sha256": d.pdf_sha256});
    let mut decide = decide
        .change(|c| {
            c.decided_at = Set(Some(now));
            c.paused_at = Set(None);
        })
        .comment(d.comment.clone())
        .data(data.clone());
    if permit {
        // The issue that follows in this transaction is what the applicant hears of.
        decide = decide.quiet();
    }
    let mut updated = decide.write(&txn).await?;
    if permit {
        // The signed permit is issued at once.
        updated = Transition::new(state, updated, Action::Issue, &viewer.account)?
            .comment(d.comment.clone())
            .data(data)
            .write(&txn)
            .await?;
    }
    state
        .evidence
        .record(
            &txn,
            NewAct {
                kind: ActKind::Decision,
                account_id: Some(viewer.account.id),
                request_id: Some(d.request_id),
                reference: Some(d.id.to_string()),
                signed: d.pdf_sha256.as_bytes(),
                content: None,
                verified: &verified,
            },
        )
        .await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Request(d.request_id))
        .await;
    Ok(updated)
}

/// A decision's PDF (signed ones for everyone who sees the request; drafts for its staff).
pub async fn decision_pdf(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    decision_id: Uuid,
) -> Result<(decision::Model, Vec<u8>), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let d = decision::Entity::find_by_id(decision_id)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .filter(|d| d.signature.is_some() || viewer.is_routed_staff(&r))
        .ok_or(ApiError::NotFound)?;
    let bytes = store(state).read(&d.pdf_sha256).await?;
    Ok((d, bytes))
}

/// `GET /permits/{number}/verify?code=` (public): genuine and in force, with the holder masked.
pub async fn verify(state: &PermitsCtx, number: &str, code: &str) -> Result<VerifyView, ApiError> {
    if code.len() != 32 || number.len() > 32 {
        return Err(ApiError::NotFound);
    }
    // The public page's statements are the same text on every call: built once (BuiltOnce).
    static DECISION: BuiltOnce = BuiltOnce::new();
    static REQUEST: BuiltOnce = BuiltOnce::new();
    static ACT: BuiltOnce = BuiltOnce::new();
    let reader = state.core.reader();
    let backend = reader.get_database_backend();
    let statement = DECISION.statement(
        backend,
        vec![number.into(), code.into(), 1u64.into()],
        |backend| {
            decision::Entity::find()
                .filter(decision::Column::Number.eq(number))
                .filter(decision::Column::VerifyCode.eq(code))
                .filter(decision::Column::Signature.is_not_null())
                .limit(1)
                .build(backend)
        },
    );
    let d = decision::Entity::find()
        .from_raw_sql(statement)
        .one(reader)
        .await?
        .ok_or(ApiError::NotFound)?;
    let statement = REQUEST.statement(backend, vec![d.request_id.into(), 1u64.into()], |backend| {
        request::Entity::find_by_id(d.request_id)
            .limit(1)
            .build(backend)
    });
    let r = request::Entity::find()
        .from_raw_sql(statement)
        .one(reader)
        .await?
        .ok_or(ApiError::NotFound)?;
    let definition = super::definition_of(state, reader, &r).await?;
    let org = state
        .catalogue
        .organisations(reader)
        .await?
        .get(&r.organisation_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    let genuine = check_decision(state, &d).await?;
    // Only the act's place in the log: its row carries the signed bytes, the CMS and the token.
    let reference = d.id.to_string();
    let statement = ACT.statement(
        backend,
        vec![
            d.request_id.into(),
            ActKind::Decision.as_str().into(),
            reference.as_str().into(),
            1u64.into(),
        ],
        |backend| {
            signed_act::Entity::find()
                .select_only()
                .column(signed_act::Column::Seq)
                .filter(signed_act::Column::RequestId.eq(d.request_id))
                .filter(signed_act::Column::Kind.eq(ActKind::Decision.as_str()))
                .filter(signed_act::Column::Reference.eq(reference.as_str()))
                .limit(1)
                .build(backend)
        },
    );
    let act_seq: Option<i64> = match reader.query_one(statement).await? {
        Some(row) => Some(row.try_get_by_index(0)?),
        None => None,
    };
    let transparency = match act_seq {
        Some(seq) => Some(state.evidence.log().inclusion(reader, seq, None).await?),
        None => None,
    };
    Ok(VerifyView {
        genuine,
        in_force: genuine && d.kind == DecisionKind::Permit && r.status == Status::Issued,
        number: d.number,
        kind: d.kind.as_str().to_owned(),
        permit_type: definition.name.clone(),
        holder: mask_name(&r.holder_name),
        organisation: serde_json::from_value(org.name).map_err(|e| ApiError::Internal(e.into()))?,
        official: d.official_name,
        signed_at: d.signed_at,
        pdf_sha256: d.pdf_sha256,
        object: object_of(&r.form_data)
            .into_iter()
            .map(|(field, value)| ObjectEntry {
                field: field.key().to_owned(),
                value,
            })
            .collect(),
        transparency,
    })
}

/// Is the stored file still the one that was signed, and does the signature hold? Hashing the
/// file and checking the CMS signature take CPU: they run on the blocking pool, and a check that
/// held is remembered while nothing it depended on changes ([`crate::permits::verified`]).
async fn check_decision(state: &PermitsCtx, d: &decision::Model) -> Result<bool, ApiError> {
    let (Some(signature), Some(eds)) = (d.signature.clone(), state.eds.clone()) else {
        return Ok(false);
    };
    let signature_sha256: [u8; 32] = Sha256::digest(signature.as_bytes()).into();
    let revocation_epoch = eds.revocation_epoch();
    let files = store(state);
    if state.verified.holds_unasked(
        d.id,
        &d.pdf_sha256,
        &signature_sha256,
        revocation_epoch,
        files.version_recheck(),
    ) {
        return Ok(true);
    }
    let against = CheckedAgainst {
        pdf_sha256: d.pdf_sha256.clone(),
        signature_sha256,
        stored_version: files.version(&d.pdf_sha256).await?,
        revocation_epoch,
    };
    if state.verified.holds(d.id, &against) {
        return Ok(true);
    }
    let pdf = files.read(&d.pdf_sha256).await?;
    let (signed_hash, signed_at) = (d.pdf_sha256.clone(), d.signed_at.unwrap_or(d.created_at));
    let genuine = tokio::task::spawn_blocking(move || {
        hex::encode(Sha256::digest(&pdf)) == signed_hash
            && eds
                .verify_detached_at(
                    signature.as_bytes(),
                    signed_hash.as_bytes(),
                    KeyPurpose::Signing,
                    signed_at,
                )
                .is_ok()
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?;
    if genuine {
        state.verified.remember(d.id, against);
    }
    Ok(genuine)
}

/// Keeps each word's first letter and its punctuation: «АСАНОВ АСАН» → «А***** А***».
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut seen_letter = false;
            word.chars()
                .map(|c| {
                    if !c.is_alphanumeric() {
                        c
                    } else if seen_letter {
                        '*'
                    } else {
                        seen_letter = true;
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_every_word_but_its_first_letter() {
        assert_eq!(mask_name("АСАНОВ АСАН"), "А***** А***");
        assert_eq!(mask_name("«ТЕСТ» ТОО"), "«Т***» Т**");
    }
}
