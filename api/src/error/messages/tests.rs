//! The catalogue is whole and well-formed: every problem type has its title and default detail in
//! the three languages, every translation uses its English template's placeholders, and a
//! problem's detail and field messages follow the request's language.

use std::{collections::HashSet, sync::Arc};

use actix_web::http::Method;

use super::{CATALOGUE, Part, entries, localize, parts, scan::shape};
use crate::{
    error::{ApiError, FieldError, SignatureRefusal, title, titles::TITLES},
    i18n::Lang,
    request_context::{self, RequestContext},
};

/// One value of every variant, with a payload the code really sends.
fn every_variant() -> Vec<ApiError> {
    let one = FieldError::new("email", "email", "must be a valid email address");
    let two = FieldError::new("name", "length", "must be between 1 and 50 characters long");
    vec![
        ApiError::Validation(vec![one.clone()]),
        ApiError::Validation(vec![one, two]),
        ApiError::MalformedBody("the body is empty".into()),
        ApiError::InvalidQuery("the search text contains control characters".into()),
        ApiError::Unauthenticated,
        ApiError::Forbidden,
        ApiError::NotFound,
        ApiError::MethodNotAllowed(vec![Method::GET, Method::HEAD]),
        ApiError::Conflict("The request conflicts with the current state.".into()),
        ApiError::IdentityTaken,
        ApiError::EmailTaken,
        ApiError::InvalidCredentials,
        ApiError::AccountBlocked,
        ApiError::AccountLocked {
            until: chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default(),
            retry_after_secs: 900,
        },
        ApiError::RateLimited {
            retry_after_secs: 30,
        },
        ApiError::TokenInvalid,
        ApiError::Signature(SignatureRefusal {
            slug: "eds-expired",
            status: actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            detail: "The certificate is not valid at this time: the signer's certificate has \
                     expired."
                .into(),
        }),
        ApiError::ChallengeExpired,
        ApiError::IdentityMismatch,
        ApiError::LegalHold,
        ApiError::ConsentRequired(vec![uuid::Uuid::nil()]),
        ApiError::PayloadTooLarge { limit: 1_048_576 },
        ApiError::UnsupportedMediaType {
            expected: "application/json",
        },
        ApiError::ServiceUnavailable("The database is unreachable".into()),
        ApiError::IllegalTransition("a request that is in_review cannot be edited".into()),
        ApiError::PreconditionRequired,
        ApiError::PreconditionFailed,
        ApiError::IdempotencyKeyReused,
        ApiError::UnsupportedFileType(
            "The file's content is not a recognised document; this document must be \
             application/pdf."
                .into(),
        ),
        ApiError::EmptyFile,
        ApiError::InvalidClient,
        ApiError::AssertionExpired,
        ApiError::AssertionReplayed,
        ApiError::ClientRevoked,
        ApiError::InsufficientScope(
            "This operation is not open to API clients: a person signs in for it.".into(),
        ),
        ApiError::InvalidScope("permits:read".into()),
        ApiError::UnsupportedGrantType,
        ApiError::Internal(anyhow::anyhow!("a defect")),
    ]
}

/// Does not compile when a variant is added: add it to [`every_variant`] too.
fn sampled(error: &ApiError) {
    match error {
        ApiError::Validation(_)
        | ApiError::MalformedBody(_)
        | ApiError::InvalidQuery(_)
        | ApiError::Unauthenticated
        | ApiError::Forbidden
        | ApiError::NotFound
        | ApiError::MethodNotAllowed(_)
        | ApiError::Conflict(_)
        | ApiError::IdentityTaken
        | ApiError::EmailTaken
        | ApiError::InvalidCredentials
        | ApiError::AccountBlocked
        | ApiError::AccountLocked { .. }
        | ApiError::RateLimited { .. }
        | ApiError::TokenInvalid
        | ApiError::Signature(_)
        | ApiError::ChallengeExpired
        | ApiError::IdentityMismatch
        | ApiError::LegalHold
        | ApiError::ConsentRequired(_)
        | ApiError::PayloadTooLarge { .. }
        | ApiError::UnsupportedMediaType { .. }
        | ApiError::ServiceUnavailable(_)
        | ApiError::IllegalTransition(_)
        | ApiError::PreconditionRequired
        | ApiError::PreconditionFailed
        | ApiError::IdempotencyKeyReused
        | ApiError::UnsupportedFileType(_)
        | ApiError::EmptyFile
        | ApiError::InvalidClient
        | ApiError::AssertionExpired
        | ApiError::AssertionReplayed
        | ApiError::ClientRevoked
        | ApiError::InsufficientScope(_)
        | ApiError::InvalidScope(_)
        | ApiError::UnsupportedGrantType
        | ApiError::Internal(_) => {}
    }
}

/// Whether `translated` is a real translation of `english`: written, and not English still.
fn translated(english: &str, translated: &str) -> bool {
    !translated.trim().is_empty() && translated != english
}

#[test]
fn every_problem_type_has_a_title_and_a_detail_in_each_language() {
    let variants = every_variant();
    let mut problems = Vec::new();
    for error in &variants {
        sampled(error);
        let slug = error.slug();
        if slug != "internal" && !TITLES.iter().any(|(s, ..)| *s == slug) {
            problems.push(format!("{slug}: no title"));
        }
        for lang in [Lang::Kk, Lang::Ru] {
            if !translated(title(slug, Lang::En), title(slug, lang)) {
                problems.push(format!("{slug}: no {} title", lang.code()));
            }
        }
        let detail = error.detail();
        if detail.trim().is_empty() || localize(&detail, Lang::En) != detail {
            problems.push(format!("{slug}: the English detail is not kept as written"));
        }
        for lang in [Lang::Kk, Lang::Ru] {
            let local = localize(&detail, lang);
            if !translated(&detail, &local) {
                problems.push(format!("{slug}: no {} detail for {detail:?}", lang.code()));
            }
        }
    }
    // Every type the titles name is sampled here, or is an EDS refusal (`eds/error.rs` checks
    // those, with the refusals themselves).
    let sampled: HashSet<&str> = variants.iter().map(ApiError::slug).collect();
    for (slug, ..) in TITLES {
        if !sampled.contains(slug) && !slug.starts_with("eds-") {
            problems.push(format!("{slug}: titled but not sampled here"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_is_sent_as_written() {
    for text in ["The file is empty.", "no such template, at all", ""] {
        assert_eq!(localize(text, Lang::En), text);
    }
    assert_eq!(
        localize("no such template, at all", Lang::Kk),
        "no such template, at all"
    );
}

#[test]
fn a_reason_inside_a_frame_is_translated_too() {
    assert_eq!(
        localize(
            "The database is unreachable. Please retry shortly.",
            Lang::Ru
        ),
        "База данных недоступна. Повторите попытку чуть позже."
    );
    // The reason's own template wins over the one that would leave its verb in English.
    assert_eq!(
        localize("a request that is draft cannot be assigned.", Lang::Kk),
        "«жоба» мәртебесіндегі өтінімге орындаушы тағайындауға болмайды."
    );
    // A quoted value is code or a name: it stays as sent.
    assert_eq!(
        localize("unknown status `draft`", Lang::Ru),
        "неизвестный статус `draft`"
    );
    // A reason with no template stays English inside the translated frame.
    assert_eq!(
        localize(
            "The request body is not valid JSON: EOF while parsing a value at line 1 column 9.",
            Lang::Kk
        ),
        "Сұрау денесі жарамды JSON емес: EOF while parsing a value at line 1 column 9."
    );
}

#[test]
fn values_go_where_each_translation_puts_them() {
    assert_eq!(
        localize("act 7 is not in the tree of 5 acts (0 to 4)", Lang::Ru),
        "акта 7 нет в дереве (актов в дереве: 5, номера от 0 до 4)"
    );
    // The most specific template wins: the one that also translates the "or".
    assert_eq!(
        localize(
            "The file's content is image/png, but this document must be application/pdf or \
             image/jpeg.",
            Lang::Ru
        ),
        "Содержимое файла — image/png, а этот документ должен быть в формате application/pdf \
         или image/jpeg."
    );
    assert_eq!(
        localize("must be between 3 and 2000 characters long", Lang::Kk),
        "ұзындығы 3–2000 таңба аралығында болуы керек"
    );
    assert_eq!(
        localize(
            "The certificate is not valid at this time: the CA certificate 1 level(s) above the \
             signer's has expired.",
            Lang::Ru
        ),
        "Сертификат сейчас недействителен: сертификат УЦ выше сертификата подписанта (уровень: \
         1): срок действия истёк."
    );
}

#[test]
fn a_client_text_quoted_back_is_kept_as_sent() {
    let quoted = "The database is unreachable: ".repeat(5000);
    let english = format!("invalid type: string \"{quoted}\", expected u32");
    assert_eq!(
        localize(&english, Lang::Ru),
        format!("неверный тип: получено string \"{quoted}\", ожидалось u32")
    );
}

/// The placeholder names of a template, sorted (unnamed ones as empty names).
fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = parts(template)
        .into_iter()
        .filter_map(|p| match p {
            Part::Hole(name) => Some(name),
            Part::Text(_) => None,
        })
        .collect();
    names.sort_unstable();
    names
}

#[test]
fn every_translation_uses_the_placeholders_of_its_template() {
    let mut problems = Vec::new();
    for m in entries() {
        let en = placeholders(m.en);
        for (code, text) in [("kk", m.kk), ("ru", m.ru)] {
            if placeholders(text) != en {
                problems.push(format!(
                    "{code} {text:?} has placeholders {:?}, {:?} has {en:?}",
                    placeholders(text),
                    m.en
                ));
            }
        }
        let mut seen = HashSet::new();
        if en.iter().any(|n| !n.is_empty() && !seen.insert(*n)) {
            problems.push(format!("{:?} names a placeholder twice", m.en));
        }
        let template = parts(m.en);
        if template
            .windows(2)
            .any(|w| matches!(w, [Part::Hole(_), Part::Hole(_)]))
        {
            problems.push(format!("{:?} has two placeholders in a row", m.en));
        }
        if super::literal_chars(&template) == 0 {
            problems.push(format!("{:?} has no text of its own", m.en));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_template_is_translated_once() {
    let mut problems = Vec::new();
    let mut shapes = HashSet::new();
    for m in entries() {
        // A frame of punctuation only ("{why}.") reads the same in every language.
        let has_words = parts(m.en)
            .iter()
            .any(|p| matches!(p, Part::Text(t) if t.chars().any(char::is_alphabetic)));
        for (code, text) in [("kk", m.kk), ("ru", m.ru)] {
            if text.trim().is_empty() || (has_words && text == m.en) {
                problems.push(format!("{:?} has no {code} translation", m.en));
            }
        }
        if !shapes.insert(shape(m.en)) {
            problems.push(format!("{:?} is in the catalogue twice", m.en));
        }
    }
    assert!(CATALOGUE.iter().map(|g| g.len()).sum::<usize>() > 200);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_validator_rule_without_a_message_has_its_translations() {
    use std::{borrow::Cow, collections::HashMap};
    let params = |pairs: &[(&'static str, u64)]| -> HashMap<Cow<'static, str>, serde_json::Value> {
        pairs
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), serde_json::Value::from(*v)))
            .collect()
    };
    let cases = [
        ("length", params(&[("min", 2), ("max", 10)])),
        ("length", params(&[("min", 2)])),
        ("length", params(&[("max", 10)])),
        ("length", params(&[("equal", 64)])),
        ("range", params(&[("min", 1), ("max", 5)])),
        ("range", params(&[("min", 1)])),
        ("range", params(&[("max", 5)])),
        ("range", params(&[])),
        ("email", params(&[])),
        ("url", params(&[])),
        ("required", params(&[])),
        ("custom_rule", params(&[])),
    ];
    for (code, params) in &cases {
        let english = crate::error::describe(code, params);
        for lang in [Lang::Kk, Lang::Ru] {
            assert!(
                translated(&english, &localize(&english, lang)),
                "{code}: {english:?} has no {} text",
                lang.code()
            );
        }
    }
}

async fn problem_in(lang: Lang, error: &ApiError) -> crate::error::Problem {
    let context = RequestContext {
        id: "test".into(),
        path: "/api/v1/test".into(),
        lang,
        statements: Arc::default(),
        client: crate::request_context::ClientAddress {
            ip: std::net::IpAddr::from([127, 0, 0, 1]),
            forwarded: false,
        },
        reads_primary: Arc::default(),
    };
    request_context::scope(context, async { error.to_problem() }).await
}

#[tokio::test]
async fn a_problem_speaks_the_request_language_and_keeps_its_codes() {
    let error = ApiError::Validation(vec![
        FieldError::new("name", "length", "must be between 1 and 50 characters long"),
        FieldError::new("email", "email", "must be a valid email address"),
    ]);
    let ru = problem_in(Lang::Ru, &error).await;
    assert_eq!(ru.detail, "Неверно заполненных полей в запросе: 2.");
    assert_eq!(
        ru.errors[0].message,
        "длина должна быть от 1 до 50 символов"
    );
    assert_eq!(
        ru.errors[1].message,
        "требуется корректный адрес электронной почты"
    );
    assert_eq!(ru.errors[0].code, "length");
    assert_eq!(ru.errors[1].field, "email");

    let kk = problem_in(Lang::Kk, &error).await;
    assert_eq!(kk.detail, "Сұраудағы қате толтырылған өрістер саны: 2.");
    assert_eq!(
        kk.errors[1].message,
        "жарамды электрондық пошта мекенжайы қажет"
    );

    let en = problem_in(Lang::En, &error).await;
    assert_eq!(en.detail, "The request has 2 invalid fields.");
    assert_eq!(en.errors[1].message, "must be a valid email address");
}
