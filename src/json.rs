//! Reading untrusted JSON: bytes in, a `serde_json::Value` out, with a nesting limit and typed errors.

use serde_json::Value;

use crate::error::{Error, ErrorCode, Result};

/// Deepest nesting accepted, in levels of arrays and objects. serde_json enforces the same limit while it
/// parses, so a deep input is rejected before it costs stack or memory.
pub const MAX_DEPTH: usize = 128;

/// Parse JSON from bytes (UTF-8, an optional BOM is skipped).
///
/// A top-level JSON *string* whose text is itself a JSON object is unwrapped once: Alibaba's Python and PHP
/// samples return `json.dumps(response)`, and logs often hold events that were serialized twice.
///
/// # Errors
/// `invalid-json` for anything that is not JSON, `too-deep` past [`MAX_DEPTH`] levels.
pub fn parse(bytes: &[u8]) -> Result<Value> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value = from_slice(bytes)?;
    if let Value::String(text) = &value {
        let inner = text.trim_start();
        if inner.starts_with('{') {
            if let Ok(object @ Value::Object(_)) = from_slice(inner.as_bytes()) {
                return Ok(object);
            }
        }
    }
    Ok(value)
}

fn from_slice(bytes: &[u8]) -> Result<Value> {
    serde_json::from_slice(bytes).map_err(|e| {
        let message = e.to_string();
        if message.contains("recursion limit") {
            Error::new(ErrorCode::TooDeep, format!("input nests deeper than {MAX_DEPTH} levels"))
        } else {
            Error::new(ErrorCode::InvalidJson, format!("not valid JSON: {message}"))
        }
    })
}

/// The JSON type name of a value, for messages ("expected a string, saw an object").
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Escape one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Join a parent pointer and a key.
pub fn pointer(parent: &str, key: &str) -> String {
    format!("{parent}/{}", pointer_token(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_input_is_a_typed_error() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(deep.as_bytes()).unwrap_err().code, ErrorCode::TooDeep);
    }

    #[test]
    fn double_encoded_object_is_unwrapped_but_plain_string_is_kept() {
        assert!(parse(br#""{\"a\":1}""#).unwrap().is_object());
        assert_eq!(parse(br#""hello""#).unwrap(), Value::String("hello".into()));
    }

    #[test]
    fn bom_and_bad_utf8() {
        assert!(parse(b"\xEF\xBB\xBF{}").unwrap().is_object());
        assert_eq!(parse(b"{\"a\":\"\xff\"}").unwrap_err().code, ErrorCode::InvalidJson);
    }

    #[test]
    fn pointer_escapes() {
        assert_eq!(pointer("/headers", "a/b~c"), "/headers/a~1b~0c");
    }
}
