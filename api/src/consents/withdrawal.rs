//! Withdrawing a personal-data consent is an act of the same weight as giving it: the
//! holder signs, with the SIGN key, the SHA-256 of a statement that names the consent withdrawn
//! (`GET /consents/{id}/withdrawal`), and the signed statement is kept as evidence beside the
//! acceptance it ends.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::{
    ConsentsCtx,
    dto::{ConsentView, SignedWithdrawal, WithdrawalStatement},
    entity::{
        agreement::{self, AgreementKind},
        consent_record,
    },
    service::{NewRecord, Provenance, append, lock_chain},
};
use crate::{
    accounts::{auth::AuthUser, signature::verify_signed_by},
    db::stamp,
    error::ApiError,
    evidence::{ActKind, ActOwner, NewAct, hash_json},
    i18n::Lang,
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
};

/// The standing acceptance of the personal-data consent that `record_id` (one of the account's
/// records) belongs to, with its agreement version.
async fn standing<C: ConnectionTrait>(
    conn: &C,
    user: &AuthUser,
    record_id: Uuid,
) -> Result<(agreement::Model, consent_record::Model), ApiError> {
    let record = consent_record::Entity::find_by_id(record_id)
        .one(conn)
        .await?
        .filter(|r| r.account_id == user.id())
        .ok_or(ApiError::NotFound)?;
    let agreement = agreement::Entity::find_by_id(record.agreement_id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if agreement.kind != AgreementKind::PersonalData {
        return Err(ApiError::Conflict(
            "The user agreement is not withdrawn: close the account to stop using the service."
                .into(),
        ));
    }
    let latest = latest_record(conn, user.id(), agreement.id).await?;
    match latest {
        Some(latest) if latest.action == "accepted" => Ok((agreement, latest)),
        _ => Err(ApiError::Conflict(
            "This consent is withdrawn already.".into(),
        )),
    }
}

async fn latest_record<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    agreement: Uuid,
) -> Result<Option<consent_record::Model>, ApiError> {
    Ok(consent_record::Entity::find()
        .filter(consent_record::Column::AccountId.eq(account))
        .filter(consent_record::Column::AgreementId.eq(agreement))
        .order_by_desc(consent_record::Column::Seq)
        .one(conn)
        .await?)
}

/// The sentence the holder signs, in the language the consent was given in.
fn sentence(lang: Lang, version: i32, accepted_on: &str) -> String {
    match lang {
        Lang::Kk => format!(
            "Мен {accepted_on} берген дербес деректерді жинауға және өңдеуге келісімімді \
             (нұсқа {version}) кері қайтарып аламын."
        ),
        Lang::Ru => format!(
            "Я отзываю своё согласие на сбор и обработку персональных данных (версия {version}), \
             данное {accepted_on}."
        ),
        Lang::En => format!(
            "I withdraw my consent to the collection and processing of my personal data \
             (version {version}) given on {accepted_on}."
        ),
    }
}

/// The statement that withdrawing `standing` signs: who, which consent (its record, the
/// agreement version and the SHA-256 of the text accepted), in words.
fn statement(
    user: &AuthUser,
    agreement: &agreement::Model,
    standing: &consent_record::Model,
) -> serde_json::Value {
    let lang = crate::accounts::dto::parse_lang(&standing.language);
    let accepted_on = standing.recorded_at.format("%Y-%m-%d").to_string();
    serde_json::json!({
        "act": "personal-data-consent-withdrawal",
        "account": {"id": user.id(), "iin": user.account.iin},
        "agreement": {
            "id": agreement.id,
            "version": agreement.version,
            "document_sha256": standing.document_sha256,
        },
        "consent_record": standing.id,
        "accepted_at": standing.recorded_at,
        "language": standing.language,
        "statement": sentence(lang, agreement.version, &accepted_on),
    })
}

/// `GET /consents/{id}/withdrawal`: what withdrawing this consent signs.
pub async fn withdrawal(
    state: &ConsentsCtx,
    user: &AuthUser,
    record_id: Uuid,
) -> Result<WithdrawalStatement, ApiError> {
    let (agreement, standing) = standing(&state.core.db, user, record_id).await?;
    let statement = statement(user, &agreement, &standing);
    Ok(WithdrawalStatement {
        digest: hash_json(&statement),
        statement,
    })
}

/// `POST /consents/{id}/withdraw`: withdraws a personal-data consent with the holder's signature
/// over the statement's digest (the user agreement is left by closing the account). Refused with
/// `legal-hold` while an obligation is in progress; otherwise recorded in the chain and as a
/// signed act, and the account is gated until it consents again, which the owner is told by email.
pub async fn withdraw(
    state: &ConsentsCtx,
    user: &AuthUser,
    record_id: Uuid,
    body: SignedWithdrawal,
    provenance: Provenance,
) -> Result<ConsentView, ApiError> {
    use validator::Validate;
    body.validate()?;
    let now = state.core.clock.now();
    let (agreement, standing) = standing(&state.core.db, user, record_id).await?;
    let statement = statement(user, &agreement, &standing);
    let digest = hash_json(&statement);
    if body.digest != digest {
        return Err(ApiError::Conflict(
            "The consent changed since the statement was read; read GET …/withdrawal again and \
             sign the new digest."
                .into(),
        ));
    }
    if state.legal_hold.has_open_obligations(user.id()).await? {
        return Err(ApiError::LegalHold);
    }
    let verified = verify_signed_by(
        state.eds()?,
        &user.account,
        body.signature.as_bytes(),
        digest.as_bytes(),
    )
    .await?;
    let txn = state.core.db.begin().await?;
    lock_chain(&txn).await?;
    // Two withdrawals at once: the second finds the chain moved on under the lock.
    if latest_record(&txn, user.id(), agreement.id)
        .await?
        .is_none_or(|l| l.id != standing.id)
    {
        return Err(ApiError::Conflict(
            "This consent is withdrawn already.".into(),
        ));
    }
    let withdrawn = append(
        &txn,
        NewRecord {
            account_id: user.id(),
            agreement_id: agreement.id,
            document_sha256: standing.document_sha256.clone(),
            action: "withdrawn",
            channel: "web",
            language: &standing.language,
            ip_address: provenance.ip_address,
            user_agent: provenance
                .user_agent
                .map(|ua| ua.chars().take(300).collect()),
            signature: Some(body.signature),
            signer_serial: Some(verified.signer.serial_number.clone()),
            recorded_at: stamp(now),
        },
    )
    .await?;
    state
        .evidence
        .record(
            &txn,
            NewAct {
                kind: ActKind::ConsentWithdrawal,
                account_id: Some(user.id()),
                request_id: None,
                reference: Some(format!("consent record {} withdrawn", standing.id)),
                signed: digest.as_bytes(),
                content: Some(statement),
                verified: &verified,
            },
        )
        .await?;
    notify(
        &txn,
        &state.notifier(),
        &Recipient::from(&user.account),
        Event::ConsentWithdrawn,
    )
    .await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Account(user.id()))
        .await;
    Ok(withdrawn.into())
}
