//! A permit request's signed acts: their evidence package (every submission with the form and
//! documents it signed, every decision with its PDF) and their validation at the time of signing.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Viewer, canonical_json, store, visible};
use crate::{
    eds::KeyPurpose,
    error::ApiError,
    evidence::{
        ActOwner,
        acts::validation_items,
        entity::signed_act,
        package::{NamedDocument, PackagedAct},
    },
    permits::{PermitsCtx, entity::version},
};

/// One signed act of a request, and whether it verifies as of its time of signing.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActView {
    /// The act's index in the transparency log.
    pub seq: i64,
    /// `submission`, `decision`, …
    pub kind: String,
    pub reference: Option<String>,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// When the time-stamping authority saw the signature; absent until it has.
    pub time_stamped_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The signer certificate's serial number.
    pub certificate_serial: String,
    /// `valid-at-signing-time`: the signature, its certificate chain and the revocation list kept
    /// with it check out at the time the time-stamp proves (or, without one yet, the time
    /// recorded), whatever the certificate's state today. `invalid`: they do not (see `problem`).
    #[schema(example = "valid-at-signing-time")]
    pub verification: String,
    pub problem: Option<String>,
}

/// `GET /permit-requests/{id}/acts`.
pub async fn acts(state: &PermitsCtx, viewer: &Viewer, id: Uuid) -> Result<Vec<ActView>, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let eds = state.eds_shared()?;
    let acts = state
        .evidence
        .acts_of(&state.core.db, ActOwner::Request(r.id))
        .await?;
    let tsa_anchors = state.evidence.tsa_anchors().to_vec();
    // Chain and signature checks are CPU work: on the blocking pool, as the verify page's are.
    tokio::task::spawn_blocking(move || {
        acts.into_iter()
            .map(|act| view_of(&eds, &tsa_anchors, act))
            .collect()
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))
}

/// One act, checked as of its time of signing.
fn view_of(
    eds: &crate::eds::EdsVerifier,
    tsa_anchors: &[openssl::x509::X509],
    act: signed_act::Model,
) -> ActView {
    let at = act.tst_time.unwrap_or(act.recorded_at);
    let purpose = if act.kind == "registration" {
        KeyPurpose::Authentication
    } else {
        KeyPurpose::Signing
    };
    let crls = validation_items(&act, "crls");
    let checked = eds
        .verify_archived(&act.cms, &act.signed_bytes, purpose, at, &crls)
        .map_err(|e| e.to_string())
        .and_then(|_| match &act.tst {
            Some(token) => crate::eds::tsa::verify_token(token, &act.cms, tsa_anchors, None)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            None => Ok(()),
        });
    ActView {
        seq: act.seq,
        kind: act.kind,
        reference: act.reference,
        recorded_at: act.recorded_at,
        time_stamped_at: act.tst_time,
        certificate_serial: act.signer_serial,
        verification: if checked.is_ok() {
            "valid-at-signing-time".into()
        } else {
            "invalid".into()
        },
        problem: checked.err(),
    }
}

/// An act that signed the SHA-256 of `content`'s canonical JSON (shipped as `content/<name>`),
/// with every document `content` names by its SHA-256. A document no longer in the store is left
/// out, and `verify.sh` then reports it missing, as it should.
async fn with_documents(
    files: &crate::permits::storage::FileStore,
    act: signed_act::Model,
    name: &str,
    content: &serde_json::Value,
) -> PackagedAct {
    let listed_in = format!("content/{name}");
    let mut item = PackagedAct::signing(act, name, canonical_json(content).into_bytes());
    for document in content["documents"].as_array().into_iter().flatten() {
        let (Some(sha256), Some(file_name)) =
            (document["sha256"].as_str(), document["file_name"].as_str())
        else {
            continue;
        };
        let Ok(bytes) = files.read(sha256).await else {
            continue;
        };
        let file = format!(
            "content/documents/{}-{}",
            &sha256[..12.min(sha256.len())],
            super::clean_file_name(file_name)
        );
        // Two slots may hold the same file: it is shipped once, and checked for each.
        if !item.files.iter().any(|(path, _)| *path == file) {
            item.files.push((file.clone(), bytes));
        }
        item.documents.push(NamedDocument {
            file,
            sha256: sha256.to_owned(),
            listed_in: Some(listed_in.clone()),
        });
    }
    item
}

/// `GET /permit-requests/{id}/evidence`: the request's acts as an evidence package.
pub async fn package(state: &PermitsCtx, viewer: &Viewer, id: Uuid) -> Result<Vec<u8>, ApiError> {
    let db = &state.core.db;
    let r = visible(db, viewer, id).await?;
    let acts = state.evidence.acts_of(db, ActOwner::Request(r.id)).await?;
    let versions = version::Entity::find()
        .filter(version::Column::RequestId.eq(r.id))
        .all(db)
        .await?;
    let files = store(state);
    let mut packaged = Vec::with_capacity(acts.len());
    for act in acts {
        let signed = String::from_utf8_lossy(&act.signed_bytes).into_owned();
        let item = match act.kind.as_str() {
            "submission" => match versions.iter().find(|v| v.digest == signed) {
                Some(v) => {
                    with_documents(&files, act.clone(), "form.json", &v.content.clone()).await
                }
                None => PackagedAct::bare(act),
            },
            "approval" => match act.content.clone() {
                Some(answer) => with_documents(&files, act.clone(), "answer.json", &answer).await,
                None => PackagedAct::bare(act),
            },
            kind @ ("preliminary-refusal" | "objection" | "deemed-approval") => {
                match act.content.clone() {
                    Some(statement) => {
                        let name = format!("{kind}.json");
                        with_documents(&files, act.clone(), &name, &statement).await
                    }
                    None => PackagedAct::bare(act),
                }
            }
            "decision" => match files.read(&signed).await {
                Ok(pdf) => PackagedAct::signing(act, "decision.pdf", pdf),
                Err(_) => PackagedAct::bare(act),
            },
            _ => PackagedAct::bare(act),
        };
        packaged.push(item);
    }
    let subject = serde_json::json!({
        "permit_request": r.id,
        "registration_number": r.number,
        "type": r.type_code,
        "title": r.title,
    });
    let anchors = state.eds.as_deref().map(|eds| eds.anchors()).unwrap_or(&[]);
    state.evidence.package(db, subject, packaged, anchors).await
}
