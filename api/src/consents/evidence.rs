//! My own signed acts as an evidence package: registration, every agreement version accepted (each
//! acceptance with the agreement's text whose SHA-256 was signed) and every consent withdrawn (with
//! the statement whose SHA-256 was signed).

use sea_orm::EntityTrait;

use super::{
    ConsentsCtx,
    entity::agreement::{self, AgreementKind},
    service::sha256_hex,
};
use crate::{
    accounts::auth::AuthUser,
    error::ApiError,
    i18n::{Lang, Localized},
};

/// `GET /accounts/me/evidence`: my registration and every agreement version I accepted, as an
/// evidence package; each acceptance ships the agreement's text, whose SHA-256 is what I signed.
pub async fn evidence_package(state: &ConsentsCtx, user: &AuthUser) -> Result<Vec<u8>, ApiError> {
    use crate::evidence::{ActKind, ActOwner, canonical_json, package::PackagedAct};
    let db = &state.core.db;
    let acts = state
        .evidence
        .acts_of(db, ActOwner::Account(user.id()))
        .await?;
    let mut texts = std::collections::HashMap::new();
    for version in agreement::Entity::find().all(db).await? {
        let body: Localized = serde_json::from_value(version.body.clone())
            .map_err(|e| ApiError::Internal(e.into()))?;
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let text = body.get(lang).to_owned();
            texts.insert(
                sha256_hex(&text),
                (version.kind, version.version, lang, text),
            );
        }
    }
    let packaged = acts
        .into_iter()
        .map(|act| {
            let signed = String::from_utf8_lossy(&act.signed_bytes).into_owned();
            let withdrawal = act.kind == ActKind::ConsentWithdrawal.as_str();
            if let (true, Some(statement)) = (withdrawal, act.content.as_ref()) {
                let bytes = canonical_json(statement).into_bytes();
                return PackagedAct::signing(act, "withdrawal.json", bytes);
            }
            match texts.get(&signed) {
                Some((kind, version, lang, text)) if act.kind != "registration" => {
                    let kind = match kind {
                        AgreementKind::Terms => "user-agreement",
                        AgreementKind::PersonalData => "personal-data-consent",
                    };
                    let name = format!("{kind}-v{version}.{}.txt", lang.code());
                    PackagedAct::signing(act, &name, text.clone().into_bytes())
                }
                _ => PackagedAct::bare(act),
            }
        })
        .collect();
    let subject = serde_json::json!({
        "account": user.id(),
        "what": "the account's registration and agreements",
    });
    state
        .evidence
        .package(db, subject, packaged, anchors(state))
        .await
}

/// The certification authorities the signatures chain to (none when EDS is not configured).
fn anchors(state: &ConsentsCtx) -> &[openssl::x509::X509] {
    state.eds.as_deref().map(|eds| eds.anchors()).unwrap_or(&[])
}
