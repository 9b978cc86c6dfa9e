//! The agreement documents Saulet ships with (`api/agreements/`): the portal's user agreement
//! (its Kazakh text as published, with Russian and English translations) and a consent to the
//! processing of personal data (Law No. 94-V). A database with no version of a kind gets them as
//! version 1, in force from the first start, so nobody registers without
//! accepting anything. Administrators replace them as any version, with the notice period.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{
    dto::PersonalDataDetails,
    entity::agreement::{self, AgreementKind},
    service::sha256_hex,
};
use crate::{db::stamp, i18n::Localized};

const TERMS: [&str; 3] = [
    include_str!("../../agreements/terms.kk.txt"),
    include_str!("../../agreements/terms.ru.txt"),
    include_str!("../../agreements/terms.en.txt"),
];
const PERSONAL_DATA: [&str; 3] = [
    include_str!("../../agreements/personal-data.kk.txt"),
    include_str!("../../agreements/personal-data.ru.txt"),
    include_str!("../../agreements/personal-data.en.txt"),
];
const DETAILS: &str = include_str!("../../agreements/personal-data.details.json");
const TITLES: &str = include_str!("../../agreements/titles.json");

#[derive(serde::Deserialize)]
struct Titles {
    terms: Localized,
    personal_data: Localized,
}

fn localized([kk, ru, en]: [&str; 3]) -> Localized {
    Localized {
        kk: kk.trim().to_owned(),
        ru: ru.trim().to_owned(),
        en: en.trim().to_owned(),
    }
}

/// One shipped document: its kind, title, body and (for the consent) details.
type Shipped = (
    AgreementKind,
    Localized,
    Localized,
    Option<PersonalDataDetails>,
);

/// The shipped documents.
fn documents() -> anyhow::Result<Vec<Shipped>> {
    let titles: Titles = serde_json::from_str(TITLES)?;
    let details: PersonalDataDetails = serde_json::from_str(DETAILS)?;
    Ok(vec![
        (AgreementKind::Terms, titles.terms, localized(TERMS), None),
        (
            AgreementKind::PersonalData,
            titles.personal_data,
            localized(PERSONAL_DATA),
            Some(details),
        ),
    ])
}

/// Puts the shipped version of each kind the database has none of in force at `now`.
pub async fn seed<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> anyhow::Result<()> {
    for (kind, title, body, details) in documents()? {
        let present = agreement::Entity::find()
            .filter(agreement::Column::Kind.eq(kind))
            .one(conn)
            .await?;
        if present.is_some() {
            continue;
        }
        let hashes = Localized {
            kk: sha256_hex(&body.kk),
            ru: sha256_hex(&body.ru),
            en: sha256_hex(&body.en),
        };
        let row = agreement::ActiveModel {
            id: Set(Uuid::now_v7()),
            kind: Set(kind),
            version: Set(1),
            title: Set(serde_json::to_value(&title)?),
            body: Set(serde_json::to_value(&body)?),
            body_sha256: Set(serde_json::to_value(&hashes)?),
            details: Set(details.as_ref().map(serde_json::to_value).transpose()?),
            published_at: Set(stamp(now)),
            effective_at: Set(stamp(now)),
            published_by: Set(None),
        };
        // Two nodes starting together on an empty database: the second's insert of the same
        // (kind, version) fails on the unique index, and the first's version stands.
        if let Err(error) = row.insert(conn).await {
            let again = agreement::Entity::find()
                .filter(agreement::Column::Kind.eq(kind))
                .one(conn)
                .await?;
            if again.is_none() {
                return Err(error.into());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use validator::Validate;

    use super::*;

    #[test]
    fn the_shipped_documents_are_whole_in_every_language_and_valid() {
        let documents = documents().expect("the shipped documents parse");
        assert_eq!(documents.len(), 2);
        for (kind, title, body, details) in documents {
            for lang in [
                crate::i18n::Lang::Kk,
                crate::i18n::Lang::Ru,
                crate::i18n::Lang::En,
            ] {
                assert!(
                    !title.get(lang).trim().is_empty(),
                    "{kind:?} title in {lang:?}"
                );
                assert!(
                    body.get(lang).len() > 2000,
                    "{kind:?} body in {lang:?} is too short"
                );
            }
            title.validate().expect("titles within limits");
            body.validate().expect("bodies within limits");
            assert_eq!(details.is_some(), kind == AgreementKind::PersonalData);
            if let Some(details) = details {
                details.validate().expect("details within limits");
            }
        }
    }

    #[test]
    fn the_kazakh_user_agreement_is_the_published_text() {
        assert!(TERMS[0].contains("«Электрондық сәулет»"));
        let clauses = |text: &str| {
            text.lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|w| {
                    w.ends_with('.') && w.chars().next().is_some_and(|c| c.is_ascii_digit())
                })
                .count()
        };
        // The translations keep every numbered clause of the Kazakh text.
        assert_eq!(clauses(TERMS[1]), clauses(TERMS[0]));
        assert_eq!(clauses(TERMS[2]), clauses(TERMS[0]));
    }
}
