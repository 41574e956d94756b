//! A tolerant, path-aware reader for platform payloads, and helpers to write them.
//!
//! Each format module takes the fields it knows out of an [`Obj`]; what remains are the payload's extras.
//! The reader accepts the quirks real payloads have (booleans as `"true"`, numbers as strings or strings as
//! numbers, `null` maps, arrays of values in maps) and reports anything else with the JSON pointer of the value.

use crate::error::{Error, ErrorCode, Result};
use crate::json::{pointer, type_name, Map, Value};

/// Keys up to this many bytes may repeat (as an array of values) any number of times.
pub const SHORT_KEY: usize = 64;

/// Bytes of key copies one map may make for longer keys repeated as arrays: `{"k": ["1", "2"]}` is read
/// as one pair per value, each holding the key, so without a bound a key of K bytes with N values would
/// cost K × N, quadratic in the input. No platform sends such a key (query and headers are a few KB).
pub const REPEATED_KEY_BUDGET: usize = 1 << 20;

/// One JSON object being read, with its JSON pointer.
pub struct Obj {
    map: Map,
    path: String,
}

impl Obj {
    /// Read `value` as an object at `path`.
    ///
    /// # Errors
    /// `invalid-field` when it is not an object.
    pub fn new(value: Value, path: &str) -> Result<Obj> {
        match value {
            Value::Object(map) => Ok(Obj { map, path: path.to_string() }),
            other => Err(Error::at(ErrorCode::InvalidField, path, format!("expected an object, saw {}", type_name(&other)))),
        }
    }

    /// The JSON pointer of `key` in this object.
    pub fn path_of(&self, key: &str) -> String {
        pointer(&self.path, key)
    }

    /// Whether the object has `key` (even if null).
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Take a raw value. Every accessor takes through here, and what is left in order is the extras.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// Take a string. Numbers and booleans are accepted as their text; `null` or absence is `None`.
    ///
    /// # Errors
    /// `invalid-field` for arrays and objects.
    pub fn str(&mut self, key: &str) -> Result<Option<String>> {
        match self.take(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => scalar_text(v).map(Some).map_err(|v| self.wrong(key, "a string", &v)),
        }
    }

    /// Take a string that must be there.
    ///
    /// # Errors
    /// `missing-field` when absent or null, `invalid-field` when not a string.
    pub fn req_str(&mut self, key: &str) -> Result<String> {
        self.str(key)?.ok_or_else(|| Error::at(ErrorCode::MissingField, self.path_of(key), format!("`{key}` is required")))
    }

    /// Take a boolean; `"true"`/`"false"` (any case) are accepted as Alibaba documents them.
    ///
    /// # Errors
    /// `invalid-field` for anything else.
    pub fn bool(&mut self, key: &str) -> Result<Option<bool>> {
        match self.take(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Some(v) => Err(self.wrong(key, "a boolean", &v)),
        }
    }

    /// Take a map of strings. `null` or absence is empty; a value may be a scalar (one entry) or an array of
    /// scalars (one entry per element, same key); order is kept.
    ///
    /// # Errors
    /// `invalid-field` when the map is not an object or a value is an object or nested array.
    pub fn map(&mut self, key: &str) -> Result<Vec<(String, String)>> {
        Ok(self.opt_map(key)?.unwrap_or_default())
    }

    /// Like [`Obj::map`], but tells absence (`None`) from an empty map.
    ///
    /// # Errors
    /// As [`Obj::map`].
    pub fn opt_map(&mut self, key: &str) -> Result<Option<Vec<(String, String)>>> {
        let map = match self.take(key) {
            None => return Ok(None),
            Some(Value::Null) => return Ok(Some(Vec::new())),
            Some(Value::Object(map)) => map,
            Some(v) => return Err(self.wrong(key, "an object", &v)),
        };
        let base = || self.path_of(key);
        let mut out = Vec::with_capacity(map.len());
        let mut copied = 0usize;
        for (name, value) in map {
            match value {
                Value::Null => {}
                Value::Array(items) => {
                    // One pair per value, each with its own copy of the key: bounded, so that a long key
                    // repeated many times cannot cost its length times its count (docs/limits.md).
                    if name.len() > SHORT_KEY {
                        copied = copied.saturating_add(name.len().saturating_mul(items.len().saturating_sub(1)));
                        if copied > REPEATED_KEY_BUDGET {
                            return Err(Error::at(
                                ErrorCode::InvalidField,
                                pointer(&base(), &name),
                                format!(
                                    "a key of {} bytes repeats {} times; keys over {SHORT_KEY} bytes may repeat for at most {REPEATED_KEY_BUDGET} bytes of copies",
                                    name.len(),
                                    items.len()
                                ),
                            ));
                        }
                    }
                    for (i, item) in items.into_iter().enumerate() {
                        let text = scalar_text(item).map_err(|v| {
                            Error::at(ErrorCode::InvalidField, format!("{}/{i}", pointer(&base(), &name)), format!("expected a string, saw {}", type_name(&v)))
                        })?;
                        out.push((name.clone(), text));
                    }
                }
                v => {
                    let text = scalar_text(v)
                        .map_err(|v| Error::at(ErrorCode::InvalidField, pointer(&base(), &name), format!("expected a string, saw {}", type_name(&v))))?;
                    out.push((name, text));
                }
            }
        }
        Ok(Some(out))
    }

    /// Take a nested object; `null` or absence is `None`.
    ///
    /// # Errors
    /// `invalid-field` when present and not an object.
    pub fn obj(&mut self, key: &str) -> Result<Option<Obj>> {
        match self.take(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => Obj::new(v, &self.path_of(key)).map(Some),
        }
    }

    /// What was not taken: the payload's extras at this level.
    pub fn rest(self) -> Map {
        self.map
    }

    fn wrong(&self, key: &str, expected: &str, saw: &Value) -> Error {
        Error::at(ErrorCode::InvalidField, self.path_of(key), format!("`{key}` must be {expected}, saw {}", type_name(saw)))
    }
}

/// The text of a scalar; gives the value back when it is not one.
fn scalar_text(value: Value) -> std::result::Result<String, Value> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(other),
    }
}

/// Builds a JSON object in insertion order.
#[derive(Default)]
pub struct ObjWriter(Map);

impl ObjWriter {
    /// An empty object.
    pub fn new() -> Self {
        ObjWriter(Map::new())
    }

    /// Set a field.
    pub fn set(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0.insert(key.to_string(), value.into());
        self
    }

    /// Set a field unless it is already there.
    pub fn or_set(&mut self, key: &str, value: impl Into<Value>) -> &mut Self {
        self.0.insert_if_absent(key.to_string(), value.into());
        self
    }

    /// Set a field when there is a value.
    pub fn opt(&mut self, key: &str, value: Option<impl Into<Value>>) -> &mut Self {
        if let Some(v) = value {
            self.set(key, v);
        }
        self
    }

    /// Add extras (fields of the same format that had no neutral home). Known fields win over extras.
    pub fn extras(&mut self, extras: Map) -> &mut Self {
        self.0.append_absent(extras);
        self
    }

    /// The finished object.
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

/// A flat string map as a JSON object (the last value wins for a repeated key; callers fold first).
pub fn flat_map(pairs: Vec<(String, String)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
}

/// [`flat_map`] of pairs whose keys are already unique, even ignoring case (headers from
/// [`crate::model::Headers::into_flat`]): no second search for repeats.
pub fn flat_headers(pairs: Vec<(String, String)>) -> Value {
    Value::Object(Map::from_unique(pairs.into_iter().map(|(k, v)| (k, Value::String(v))).collect()))
}

/// A JSON object where a repeated key becomes an array of its values, in order.
pub fn multi_map(pairs: Vec<(String, String)>) -> Value {
    let grouped = crate::keys::group(pairs, false).into_iter().map(|(k, mut values)| match values.len() {
        1 => (k, Value::String(values.pop().unwrap_or_default())),
        _ => (k, Value::from(values)),
    });
    Value::Object(grouped.collect())
}

/// An error reading a short description (events built from one): the same message and path, coded
/// `invalid-request`, since the description is the caller's request rather than a platform payload.
pub(crate) fn description_error(e: Error) -> Error {
    Error::at(ErrorCode::InvalidRequest, e.path, e.message)
}

/// `invalid-request` naming the first field left in `rest` that a description (`what`, such as "an object
/// description") does not have.
///
/// # Errors
/// That error, when `rest` is not empty.
pub(crate) fn no_unknown_fields(rest: Map, path: &str, what: &str) -> Result<()> {
    match rest.into_iter().next() {
        None => Ok(()),
        Some((name, _)) => {
            Err(Error::at(ErrorCode::InvalidRequest, pointer(path, &name), format!("`{}` is not a field of {what}", crate::model::shorten(&name))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_reads_with_paths() {
        let mut o = Obj::new(json!({"a": 1, "b": "TRUE", "m": {"x": ["1", 2], "y": null}, "bad": {"k": {}}}), "").unwrap();
        assert_eq!(o.str("a").unwrap().as_deref(), Some("1"));
        assert_eq!(o.bool("b").unwrap(), Some(true));
        assert_eq!(o.map("m").unwrap(), [("x".to_string(), "1".to_string()), ("x".into(), "2".into())]);
        let err = o.map("bad").unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidField, "/bad/k"));
        assert_eq!(o.req_str("zzz").unwrap_err().code, ErrorCode::MissingField);
    }

    #[test]
    fn multi_map_groups_repeats() {
        let v = multi_map(vec![("a".into(), "1".into()), ("b".into(), "x".into()), ("a".into(), "2".into())]);
        assert_eq!(v, json!({"a": ["1", "2"], "b": "x"}));
    }
}
