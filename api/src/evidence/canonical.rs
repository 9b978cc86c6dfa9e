//! Canonical JSON: what a person signs when they sign a statement rather than a document. The
//! same value always gives the same bytes (object keys sorted at every depth, no white space), so
//! anyone can recompute the SHA-256 that was signed from the statement kept in the evidence.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// Serialises JSON with object keys sorted and no white space: the same value always gives the
/// same bytes, whatever order it was built in.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            out.push('{');
            let sorted: BTreeMap<&String, &serde_json::Value> = map.iter().collect();
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The SHA-256 (lower-case hex) of `value`'s canonical JSON: the text a signer signs.
pub fn hash_json(value: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(canonical_json(value).as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let a = serde_json::json!({"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": "é"}});
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"x":"é","y":[1,{"c":3,"d":2}]},"b":1}"#
        );
    }
}
