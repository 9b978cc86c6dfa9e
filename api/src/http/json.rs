//! The JSON body extractor every handler uses instead of `actix_web::web::Json`.
//!
//! It answers each client mistake with its own problem (R-3.3.2): a wrong or missing
//! `Content-Type` → 415, a body over the limit → 413, a body that is not JSON → 400
//! `malformed-body`, a well-formed body whose fields have the wrong type or are missing → 422
//! `validation` naming each field by its path, and `validator` rules → 422 with every failure.
//!
//! Who may call comes first: when the body is refused and the request carries credentials, the
//! [`CallerGate`] the accounts area registers decides first, so a caller without the right gets
//! its 401 or 403, never a 422 that tells it about a body it may not send.

use std::{future::Future, pin::Pin, sync::Arc};

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use validator::Validate;

use crate::error::{ApiError, FieldError, field_errors};

/// The JSON body limit; registered as app data from `server.json_body_limit_bytes`.
#[derive(Debug, Clone, Copy)]
pub struct JsonLimit(pub usize);

impl Default for JsonLimit {
    fn default() -> Self {
        JsonLimit(1024 * 1024)
    }
}

/// Whether the caller may call the operation at all (authenticated, with the role or scope it
/// needs), asked before a refused body is answered.
pub trait CallerGate: Send + Sync {
    fn check(&self, req: HttpRequest) -> Pin<Box<dyn Future<Output = Result<(), ApiError>>>>;
}

/// The gates, asked in order (the areas' own, from the bottom up); registered as app data.
#[derive(Clone)]
pub struct Gate(pub Arc<[Arc<dyn CallerGate>]>);

/// A JSON request body, parsed and validated.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<JsonLimit>().copied().unwrap_or_default().0;
        let content_type_ok = is_json(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        let gate = req
            .headers()
            .contains_key(header::AUTHORIZATION)
            .then(|| req.app_data::<Gate>().cloned())
            .flatten()
            .map(|gate| (gate, req.clone()));
        let read = async move {
            if !content_type_ok {
                return Err(ApiError::UnsupportedMediaType {
                    expected: "application/json",
                });
            }
            if declared_length.is_some_and(|length| length > limit) {
                return Err(ApiError::PayloadTooLarge { limit });
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| ApiError::MalformedBody(e.to_string()))?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::PayloadTooLarge { limit });
                }
                body.extend_from_slice(&chunk);
            }
            let value = parse::<T>(&body)?;
            value
                .validate()
                .map_err(|e| ApiError::Validation(field_errors(&e)))?;
            Ok(Json(value))
        };
        Box::pin(async move {
            match read.await {
                Err(refused) => {
                    if let Some((gate, req)) = gate {
                        for one in gate.0.iter() {
                            one.check(req.clone()).await?;
                        }
                    }
                    Err(refused)
                }
                read => read,
            }
        })
    }
}

fn is_json(req: &HttpRequest) -> bool {
    match req.mime_type() {
        Ok(Some(mime)) => {
            mime.type_() == mime::APPLICATION
                && (mime.subtype() == mime::JSON || mime.suffix() == Some(mime::JSON))
        }
        _ => false,
    }
}

/// Deserialises `body`, telling a syntax error (400) from a data error (422 with the field).
/// An integral number written with a fraction (`1000.0`) is an integer, as JSON Schema says: a
/// body refused only for such a number is read again with those numbers made integers.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    match parse_exact(body) {
        Err(ApiError::Validation(errors))
            if errors
                .iter()
                .any(|e| e.message.starts_with("invalid type: floating point")) =>
        {
            let mut value: serde_json::Value =
                serde_json::from_slice(body).map_err(|e| ApiError::MalformedBody(e.to_string()))?;
            make_integral(&mut value);
            serde_path_to_error::deserialize(value).map_err(|err| {
                let path = err.path().to_string();
                ApiError::Validation(vec![data_error(&path, &err.into_inner())])
            })
        }
        other => other,
    }
}

/// Every number in `value` that is a whole number written as a float (`3.0`, `1e3`), made an
/// integer; others stay as they are.
fn make_integral(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // The range check makes both conversions exact.
                *value = if f < 0.0 {
                    Value::from(f as i64)
                } else {
                    Value::from(f as u64)
                };
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_integral),
        Value::Object(fields) => fields.values_mut().for_each(make_integral),
        _ => {}
    }
}

fn parse_exact<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                ApiError::Validation(vec![data_error(&path, &inner)])
            }
            _ if body.iter().all(u8::is_ascii_whitespace) => {
                ApiError::MalformedBody("the body is empty".into())
            }
            _ => ApiError::MalformedBody(inner.to_string()),
        }
    })?;
    // Anything after the value (a second document, stray text) makes the body malformed.
    deserializer
        .end()
        .map_err(|e| ApiError::MalformedBody(e.to_string()))?;
    Ok(value)
}

/// Turns a serde data error into a field error with a stable code.
fn data_error(path: &str, err: &serde_json::Error) -> FieldError {
    let full = err.to_string();
    // serde appends " at line L column C"; the field path says more to a client.
    let message = full.split(" at line ").next().unwrap_or(&full).to_owned();
    let join = |field: &str| {
        if path == "." || path.is_empty() {
            field.to_owned()
        } else {
            format!("{path}.{field}")
        }
    };
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return FieldError::new(join(field), "required", "is required");
    }
    let code = if message.starts_with("invalid type") {
        "invalid_type"
    } else if message.starts_with("unknown field") {
        "unknown_field"
    } else {
        "invalid_value"
    };
    let field = if path == "." {
        String::new()
    } else {
        path.to_owned()
    };
    FieldError::new(field, code, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    struct Applicant {
        #[validate(length(min = 2, max = 10))]
        name: String,
        #[validate(range(min = 1, max = 5))]
        floors: u32,
        #[validate(nested)]
        #[serde(default)]
        contacts: Vec<Contact>,
    }

    #[derive(Debug, Deserialize, Validate)]
    struct Contact {
        #[validate(email)]
        email: String,
    }

    #[test]
    fn not_json_is_malformed() {
        let err = parse::<Applicant>(b"{\"name\": ").expect_err("truncated");
        assert_eq!(err.slug(), "malformed-body");
        let err = parse::<Applicant>(b"   ").expect_err("empty");
        assert!(matches!(err, ApiError::MalformedBody(ref why) if why.contains("empty")));
        let err =
            parse::<Applicant>(b"{\"name\":\"ab\",\"floors\":1} trailing").expect_err("trailing");
        assert_eq!(err.slug(), "malformed-body");
    }

    #[test]
    fn an_integral_number_written_with_a_fraction_is_an_integer() {
        let read: Applicant =
            parse(br#"{"name": "Asan", "floors": 3.0, "contacts": []}"#).expect("accepted");
        assert_eq!(read.floors, 3);
        let Err(ApiError::Validation(errors)) =
            parse::<Applicant>(br#"{"name": "Asan", "floors": 3.5}"#)
        else {
            panic!("3.5 floors is refused");
        };
        assert_eq!(errors[0].field, "floors");
        assert_eq!(errors[0].code, "invalid_type");
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let err = parse::<Applicant>(br#"{"name":"ab","floors":"three"}"#).expect_err("wrong type");
        let ApiError::Validation(errors) = err else {
            panic!("expected validation")
        };
        assert_eq!(errors[0].field, "floors");
        assert_eq!(errors[0].code, "invalid_type");
        assert!(!errors[0].message.contains("line"), "{}", errors[0].message);
    }

    #[test]
    fn a_missing_field_is_required() {
        let err = parse::<Applicant>(br#"{"floors":3}"#).expect_err("missing");
        let ApiError::Validation(errors) = err else {
            panic!("expected validation")
        };
        assert_eq!(
            errors,
            vec![FieldError::new("name", "required", "is required")]
        );
    }

    #[test]
    fn nested_paths_are_kept() {
        let err = parse::<Applicant>(br#"{"name":"ab","floors":1,"contacts":[{"email":5}]}"#)
            .expect_err("nested wrong type");
        let ApiError::Validation(errors) = err else {
            panic!("expected validation")
        };
        assert_eq!(errors[0].field, "contacts[0].email");
    }

    #[test]
    fn validation_rules_report_every_failure() {
        let value: Applicant =
            parse(br#"{"name":"a","floors":9,"contacts":[{"email":"x"}]}"#).expect("parses");
        let errors = field_errors(&value.validate().expect_err("three rules broken"));
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("contacts[0].email", "email"),
                ("floors", "range"),
                ("name", "length")
            ]
        );
        assert_eq!(
            errors[2].message,
            "must be between 2 and 10 characters long"
        );
    }
}
