//! JSON: the crate's one value type, its parser for untrusted bytes and its writers.
//!
//! Objects keep their keys in order (a header map comes out in the order it went in), numbers keep the text
//! they arrived as (`1.50` stays `1.50`, a 30-digit id is not rounded through `f64`), and a document nests
//! at most [`MAX_DEPTH`] levels. The parser and writers are written for this crate instead of using
//! serde_json: with one value type and one output path, the WebAssembly build is over a quarter smaller and
//! starts that much faster (docs/design.md, docs/performance.md). The tests hold this parser to serde_json's
//! verdicts.

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, ErrorCode, Result};
use crate::keys;

/// Deepest nesting accepted, in levels of arrays and objects. Checked while parsing, so a deep input is
/// rejected before it costs stack or memory.
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its JSON text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in order.
    Object(Map),
}

/// A JSON number, kept as the text it was written with (always valid JSON number syntax).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The number's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as a `u64` when it is written as a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The value as an `i64` when it is written as an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON object: entries in order, each key once (a later duplicate replaces the value in place, as
/// `JSON.parse` and serde_json do).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Map(Vec::new())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is there (even with a `null` value).
    pub fn contains_key(&self, key: &str) -> bool {
        self.index_of(key).is_some()
    }

    /// Set `key`: an existing entry keeps its place and gets the new value (the old one is returned), a new
    /// one goes last. Looks the key up linearly: for the few fields of an object being written; many
    /// entries go in with `collect()`, which finds repeats in O(n log n).
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Set `key` unless it is already there.
    pub fn insert_if_absent(&mut self, key: String, value: Value) {
        if !self.contains_key(&key) {
            self.0.push((key, value));
        }
    }

    /// Append the entries of `other` whose keys are not here yet. The keys of `other` are unique, so each is
    /// compared only with the entries that were here before: linear in the size of `other`.
    pub fn append_absent(&mut self, other: Map) {
        let before = self.0.len();
        for (k, v) in other {
            if !self.0.iter().take(before).any(|(existing, _)| *existing == k) {
                self.0.push((k, v));
            }
        }
    }

    /// Remove `key`, keeping the order of the other entries.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.index_of(key).map(|i| self.0.remove(i).1)
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.into_iter()
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Value)>, fn(&'a (String, Value)) -> (&'a String, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// `map["key"]`: the value, or `null` when there is none.
impl std::ops::Index<&str> for Map {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl Map {
    /// A map of entries whose keys are already unique (a header map after [`crate::model::Headers::into_flat`]),
    /// without looking for repeats again.
    pub(crate) fn from_unique(entries: Vec<(String, Value)>) -> Map {
        debug_assert!(dedup(entries.clone()).len() == entries.len(), "keys repeat");
        Map(entries)
    }
}

/// A repeated key keeps its first place and its last value, as with [`Map::insert`] (in O(n log n)).
impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map(dedup(iter.into_iter().collect()))
    }
}

static NULL: Value = Value::Null;

impl Value {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, when this is one.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array, when this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The number as a `u64`, when it is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The member `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.get(key))
    }

    /// The value at a JSON pointer (RFC 6901), e.g. `/headers/Content-Type` or `/items/0`.
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut current = self;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            current = match current {
                Value::Object(m) => m.get(&token)?,
                Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// Move the value out, leaving `null`.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }

    /// The compact JSON text (as `JSON.stringify` writes it).
    pub fn to_json_string(&self) -> String {
        let mut out = String::new();
        write_compact(self, &mut out);
        out
    }

    /// The JSON text indented by two spaces, as the CLI prints it.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        write_pretty(self, 0, &mut out);
        out
    }
}

/// `value["key"]`: the member, or `null` when there is none (also for values that are not objects).
impl std::ops::Index<&str> for Value {
    type Output = Value;

    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl PartialEq<&str> for Value {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

/// Compact JSON text.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_string())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(Number(n.to_string()))
            }
        }
    )*};
}
from_integer!(u8, u16, u32, u64, usize, i64);

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// A type with a JSON form: the results the API returns and the CLI prints with `--json`.
pub trait ToJson {
    /// The JSON form.
    fn to_json(&self) -> Value;
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

/// With the `serde` feature, [`Value`] and every [`ToJson`] type of the crate serialize through serde as
/// their JSON form, for Rust callers who keep results in their own serde pipeline.
#[cfg(feature = "serde")]
mod serde_impls {
    use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

    use super::{ToJson, Value};

    impl Serialize for Value {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Value::Null => s.serialize_unit(),
                Value::Bool(b) => s.serialize_bool(*b),
                Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => s.serialize_u64(u),
                    (None, Some(i)) => s.serialize_i64(i),
                    // Fractions and exponents: the nearest f64, as serde_json would read them.
                    #[cfg(not(target_arch = "wasm32"))]
                    (None, None) => s.serialize_f64(n.as_str().parse().unwrap_or(f64::NAN)),
                    // In the npm package's modules (whose results hold integers only), exact, as text: float
                    // parsing would add its tables to the core module for a case that does not occur.
                    #[cfg(target_arch = "wasm32")]
                    (None, None) => s.serialize_str(n.as_str()),
                },
                Value::String(text) => s.serialize_str(text),
                Value::Array(items) => {
                    let mut seq = s.serialize_seq(Some(items.len()))?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Value::Object(map) => {
                    let mut out = s.serialize_map(Some(map.len()))?;
                    for (k, v) in map {
                        out.serialize_entry(k, v)?;
                    }
                    out.end()
                }
            }
        }
    }

    macro_rules! serialize_as_json {
        ($($t:ty),*) => {$(
            impl Serialize for $t {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    self.to_json().serialize(s)
                }
            }
        )*};
    }

    serialize_as_json!(
        crate::Conversion,
        crate::error::Error,
        crate::model::Loss,
        crate::model::Headers,
        crate::validate::Diagnostic,
        crate::validate::Report,
        crate::client::ClientResponse,
        crate::client::GatewayError,
        crate::cron::Translation,
        crate::cron::Explanation,
        crate::cron::Zone,
        crate::timer::ConfigConversion
    );
}

/// Build a JSON object from `key => value` pairs, where each value is anything `Into<Value>`.
#[macro_export]
#[doc(hidden)]
macro_rules! json_object {
    ($($key:expr => $value:expr),* $(,)?) => {{
        let mut map = $crate::json::Map::new();
        $(map.insert(::std::string::String::from($key), $crate::json::Value::from($value));)*
        $crate::json::Value::Object(map)
    }};
}

/// Parse JSON from bytes (UTF-8, an optional BOM is skipped).
///
/// A top-level JSON *string* whose text is itself a JSON object is unwrapped once: Alibaba's Python and PHP
/// samples return `json.dumps(response)`, and logs often hold events that were serialized twice.
///
/// # Errors
/// `invalid-json` for anything that is not JSON, with the line and column; `too-deep` past
/// [`MAX_DEPTH`] levels.
pub fn parse(bytes: &[u8]) -> Result<Value> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| syntax_error(bytes, e.valid_up_to(), "invalid UTF-8", (0, 0)))?;
    unwrap_double_encoded(parse_text(Cow::Borrowed(text))?)
}

/// [`parse`] on bytes it may keep: a long string (a body) becomes the input's own buffer, moved to its
/// start, instead of a copy, so parsing a 40 MB event needs about 40 MB, not 80.
///
/// # Errors
/// As [`parse`].
pub fn parse_owned(mut bytes: Vec<u8>) -> Result<Value> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| syntax_error(e.as_bytes(), e.utf8_error().valid_up_to(), "invalid UTF-8", (0, 0)))?;
    unwrap_double_encoded(parse_text(Cow::Owned(text))?)
}

fn unwrap_double_encoded(value: Value) -> Result<Value> {
    if let Value::String(text) = &value {
        let inner = text.trim_start();
        if inner.starts_with('{') {
            if let Ok(object @ Value::Object(_)) = parse_text(Cow::Borrowed(inner)) {
                return Ok(object);
            }
        }
    }
    Ok(value)
}

fn parse_text(text: Cow<'_, str>) -> Result<Value> {
    let mut p = Parser { text, at: 0, depth: 0, before: (0, 0) };
    p.skip_whitespace();
    let value = p.value()?;
    p.skip_whitespace();
    if p.at < p.text.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// The error for `what` at byte `at` of `bytes`, which start after `before` (lines, columns) of the
/// document.
fn syntax_error(bytes: &[u8], at: usize, what: &str, before: (usize, usize)) -> Error {
    let (line, column) = advance(before, bytes.get(..at).unwrap_or(bytes));
    Error::new(ErrorCode::InvalidJson, format!("not valid JSON: {what} at line {} column {}", line + 1, column + 1))
}

/// Lines and columns after `text`, starting from `(line, column)`.
fn advance((line, column): (usize, usize), text: &[u8]) -> (usize, usize) {
    match text.iter().rposition(|b| *b == b'\n') {
        Some(last) => (line + text.iter().filter(|b| **b == b'\n').count(), text.len() - last - 1),
        None => (line, column + text.len()),
    }
}

/// Strings at least this long are moved out of an owned input instead of copied.
const STEAL_MIN: usize = 64 * 1024;

struct Parser<'a> {
    /// The input, already checked to be UTF-8; when owned, long strings are cut out of it.
    text: Cow<'a, str>,
    /// Byte offset of the next character.
    at: usize,
    /// Arrays and objects open around `at`.
    depth: usize,
    /// Lines and columns of the document before `text` (what was cut off with a moved string).
    before: (usize, usize),
}

impl Parser<'_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn error(&self, what: &str) -> Error {
        syntax_error(self.text.as_bytes(), self.at, what, self.before)
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value> {
        if self.text.as_bytes().get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn value(&mut self) -> Result<Value> {
        match self.peek() {
            None => Err(self.error("unexpected end of input")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.array(),
            Some(b'{') => self.object(),
            Some(_) => Err(self.error("expected a value")),
        }
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth == MAX_DEPTH {
            return Err(Error::new(ErrorCode::TooDeep, format!("input nests deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        self.at += 1;
        self.skip_whitespace();
        Ok(())
    }

    /// After an element: `,` (then whitespace) or the closing bracket. Returns whether the container ended.
    fn next_or_end(&mut self, close: u8, what: &str) -> Result<bool> {
        self.skip_whitespace();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_whitespace();
                Ok(false)
            }
            Some(c) if c == close => {
                self.at += 1;
                self.depth -= 1;
                Ok(true)
            }
            None => Err(self.error("unexpected end of input")),
            Some(_) => Err(self.error(what)),
        }
    }

    fn array(&mut self) -> Result<Value> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.next_or_end(b']', "expected `,` or `]`")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn object(&mut self) -> Result<Value> {
        self.enter()?;
        let mut entries: Vec<(String, Value)> = Vec::new();
        if self.peek() == Some(b'}') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Object(Map(entries)));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error(if self.peek().is_none() { "unexpected end of input" } else { "expected a string key" }));
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            self.skip_whitespace();
            let value = self.value()?;
            entries.push((key, value));
            if self.next_or_end(b'}', "expected `,` or `}`")? {
                return Ok(Value::Object(Map(dedup(entries))));
            }
        }
    }

    fn number(&mut self) -> Result<Value> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let digits = |at: usize| bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
        let mut end = start + usize::from(bytes.get(start) == Some(&b'-'));
        match (bytes.get(end), digits(end)) {
            (Some(b'0'), _) => end += 1,
            (_, 0) => return Err(syntax_error(bytes, end, "invalid number", self.before)),
            (_, n) => end += n,
        }
        if bytes.get(end) == Some(&b'.') {
            match digits(end + 1) {
                0 => return Err(syntax_error(bytes, end + 1, "invalid number", self.before)),
                n => end += 1 + n,
            }
        }
        if matches!(bytes.get(end), Some(b'e' | b'E')) {
            end += 1;
            if matches!(bytes.get(end), Some(b'+' | b'-')) {
                end += 1;
            }
            match digits(end) {
                0 => return Err(syntax_error(bytes, end, "invalid number", self.before)),
                n => end += n,
            }
        }
        self.at = end;
        let text = self.text.get(start..end).ok_or_else(|| self.error("invalid number"))?;
        Ok(Value::Number(Number(text.to_string())))
    }

    /// A string; `at` is on the opening quote.
    fn string(&mut self) -> Result<String> {
        self.at += 1;
        let mut out = String::new();
        let mut start = self.at;
        loop {
            self.at += self.text.as_bytes().get(self.at..).map_or(0, plain_run);
            // Quotes and backslashes are ASCII, so both ends of the run are character boundaries.
            match self.peek() {
                Some(b'"') => {
                    if out.is_empty() && self.at - start >= STEAL_MIN {
                        if let Some(moved) = self.cut(start) {
                            return Ok(moved);
                        }
                    }
                    let chunk = self.text.get(start..self.at).ok_or_else(|| self.error("invalid string"))?;
                    self.at += 1;
                    if out.is_empty() {
                        return Ok(chunk.to_string());
                    }
                    out.push_str(chunk);
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(start..self.at).ok_or_else(|| self.error("invalid string"))?);
                    self.at += 1;
                    if let Some(b'"' | b'\\' | b'/') = self.peek() {
                        // The escaped character is itself: it starts the next run, one copy instead of two
                        // (JSON text inside a JSON string escapes every quote).
                        start = self.at;
                        self.at += 1;
                        continue;
                    }
                    self.escape(&mut out)?;
                    start = self.at;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    /// Take the string that runs from `start` to the closing quote at `at` out of an owned input, when that
    /// costs no more than copying it: only a string at least as long as the rest of the input (everything
    /// before and after it) is taken, by copying the text after the quote into a new input and shrinking the
    /// old buffer to the string. Each byte is then copied at most once over the whole parse (a taken string
    /// is at least half of what remains, so the copied tails shrink geometrically): linear time, and a taken
    /// string holds no spare capacity. Returns `None` when the string should simply be copied.
    fn cut(&mut self, start: usize) -> Option<String> {
        let Cow::Owned(text) = &mut self.text else { return None };
        let len = self.at.checked_sub(start)?;
        if len < text.len() - len {
            return None;
        }
        let rest = text.get(self.at + 1..).map(str::to_string)?;
        let mut string = std::mem::replace(text, rest);
        self.before = advance(self.before, string.as_bytes().get(..=self.at)?);
        string.truncate(self.at);
        string.drain(..start);
        // In place on the allocators this runs on (dlmalloc in wasm, the system one natively): no copy.
        string.shrink_to_fit();
        self.at = 0;
        Some(string)
    }

    /// One escape; `at` is after the backslash.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(self.error("lone leading surrogate in a \\u escape"));
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error("lone leading surrogate in a \\u escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in a \\u escape")),
                    _ => unit,
                };
                out.push(char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?);
                return Ok(());
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        self.at += 1;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or_else(|| self.error("invalid \\u escape"))?;
        self.at += 4;
        Ok(value)
    }
}

/// Make keys unique: the first occurrence keeps its place and takes the last occurrence's value.
fn dedup(mut entries: Vec<(String, Value)>) -> Vec<(String, Value)> {
    // Most objects are small and have no repeat: tell that without allocating.
    let small_and_unique =
        entries.len() <= keys::SMALL && entries.iter().enumerate().all(|(i, (k, _))| entries.iter().take(i).all(|(b, _)| !keys::same_key(b, k, false)));
    if small_and_unique {
        return entries;
    }
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    let firsts = keys::first_positions(&keys, false);
    drop(keys);
    if firsts.iter().enumerate().all(|(i, first)| i == *first) {
        return entries;
    }
    // In order, so that the last value of a repeated key is the one that stays.
    for (i, &first) in firsts.iter().enumerate().filter(|(i, first)| i != *first) {
        let value = entries.get_mut(i).map(|e| e.1.take()).unwrap_or_default();
        if let Some(e) = entries.get_mut(first) {
            e.1 = value;
        }
    }
    let mut firsts = firsts.into_iter().enumerate();
    entries.retain(|_| firsts.next().is_some_and(|(i, first)| i == first));
    entries
}

/// The length of the longest prefix of `bytes` that a JSON string holds as it is: no `"`, `\` or control
/// character. Eight bytes at a time, as bodies and header values are long runs of plain text.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` is below `n` (n <= 128) when the subtraction borrows into a byte whose top bit was clear.
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH != 0;
    let mut i = 0;
    for chunk in bytes.chunks_exact(8) {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        if below(w, 0x20) | below(w ^ (ONES * u64::from(b'"')), 1) | below(w ^ (ONES * u64::from(b'\\')), 1) {
            break;
        }
        i += 8;
    }
    i + bytes.get(i..).map_or(0, |rest| rest.iter().take_while(|b| **b != b'"' && **b != b'\\' && **b >= 0x20).count())
}

/// Where JSON text goes: a string, or (with a sink) pieces of at most [`CHUNK`] bytes handed to the sink
/// as they fill, so that a 40 MB result never exists as one 40 MB string in this module's memory.
struct Out<'a> {
    text: &'a mut String,
    sink: Option<&'a mut dyn FnMut(&str)>,
}

/// The most text [`write_chunked`] hands over at once, in bytes.
pub const CHUNK: usize = 1 << 20;

impl Out<'_> {
    fn push_str(&mut self, s: &str) {
        if self.sink.is_none() || self.text.len() + s.len() <= CHUNK {
            self.text.push_str(s);
        } else {
            self.flush_with(s);
        }
    }

    /// One ASCII character (a byte store: small copies cost a call in wasm).
    #[inline]
    fn push(&mut self, c: char) {
        if self.sink.is_some() && self.text.len() >= CHUNK {
            self.flush_with("");
        }
        self.text.push(c);
    }

    /// The text so far and then `s` go to the sink, `s` in pieces of at most [`CHUNK`] bytes.
    #[cold]
    fn flush_with(&mut self, s: &str) {
        let Some(sink) = &mut self.sink else { return };
        if !self.text.is_empty() {
            sink(self.text);
            self.text.clear();
        }
        let mut rest = s;
        while rest.len() > CHUNK {
            let cut = (0..=CHUNK).rev().find(|i| rest.is_char_boundary(*i)).unwrap_or(0);
            let Some((piece, tail)) = rest.split_at_checked(cut) else { break };
            sink(piece);
            rest = tail;
        }
        self.text.push_str(rest);
    }

    fn finish(self) {
        if let Some(sink) = self.sink {
            if !self.text.is_empty() {
                sink(self.text);
                self.text.clear();
            }
        }
    }
}

/// Write `value` as compact JSON text in pieces of at most [`CHUNK`] bytes, each handed to `sink` in
/// order (one piece for anything smaller).
pub fn write_chunked(value: &Value, sink: &mut dyn FnMut(&str)) {
    let mut text = String::with_capacity(CHUNK.min(4096));
    let mut out = Out { text: &mut text, sink: Some(sink) };
    write_value(value, &mut out);
    out.finish();
}

/// Append `s` as a JSON string literal: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
/// escapes, everything else as it is.
pub fn write_string(s: &str, out: &mut String) {
    write_str(s, &mut Out { text: out, sink: None });
}

fn write_str(s: &str, out: &mut Out<'_>) {
    out.push('"');
    let mut rest = s;
    loop {
        let run = plain_run(rest.as_bytes());
        // The run ends before an ASCII byte or at the end, so both splits are on character boundaries.
        if run > 0 {
            out.push_str(rest.get(..run).unwrap_or_default());
        }
        let Some(&b) = rest.as_bytes().get(run) else { break };
        // Two byte stores rather than a two-byte copy, which costs a call in wasm.
        let mut escape = |c: char| {
            out.push('\\');
            out.push(c);
        };
        match b {
            b'"' => escape('"'),
            b'\\' => escape('\\'),
            b'\n' => escape('n'),
            b'\r' => escape('r'),
            b'\t' => escape('t'),
            0x08 => escape('b'),
            0x0c => escape('f'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let hex = |n: u8| char::from(HEX.get(usize::from(n)).copied().unwrap_or(b'0'));
                out.push_str(&format!("\\u00{}{}", hex(b >> 4), hex(b & 0xf)));
            }
        }
        rest = rest.get(run + 1..).unwrap_or_default();
    }
    out.push('"');
}

/// The JSON string literal of `s` (for quoting user text in messages).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_string(s, &mut out);
    out
}

/// Append the compact JSON text of `value`.
pub fn write_compact(value: &Value, out: &mut String) {
    write_value(value, &mut Out { text: out, sink: None });
}

fn write_value(value: &Value, out: &mut Out<'_>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.0.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

fn write_pretty(value: &Value, indent: usize, out: &mut String) {
    let newline = |out: &mut String, indent: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", indent));
    };
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                newline(out, indent + 1);
                write_pretty(item, indent + 1, out);
            }
            newline(out, indent);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (i, (k, v)) in map.0.iter().enumerate() {
                out.push_str(if i > 0 { "," } else { "" });
                newline(out, indent + 1);
                write_string(k, out);
                out.push_str(": ");
                write_pretty(v, indent + 1, out);
            }
            newline(out, indent);
            out.push('}');
        }
        other => write_compact(other, out),
    }
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
    let mut out = String::with_capacity(key.len());
    push_token(key, &mut out);
    out
}

fn push_token(key: &str, out: &mut String) {
    if !key.contains(['~', '/']) {
        out.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// Join a parent pointer and a key. (Readers build one for every object they enter, so without the
/// formatting machinery.)
pub fn pointer(parent: &str, key: &str) -> String {
    let mut out = String::with_capacity(parent.len() + 1 + key.len());
    out.push_str(parent);
    out.push('/');
    push_token(key, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_input_is_a_typed_error_and_the_limit_is_exact() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(deep.as_bytes()).unwrap_err().code, ErrorCode::TooDeep);
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(at_limit.as_bytes()).is_ok());
        let over = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(over.as_bytes()).unwrap_err().code, ErrorCode::TooDeep);
    }

    #[test]
    fn double_encoded_object_is_unwrapped_but_plain_string_is_kept() {
        assert!(parse(br#""{\"a\":1}""#).unwrap().is_object());
        assert_eq!(parse(br#""hello""#).unwrap(), Value::String("hello".into()));
    }

    #[test]
    fn bom_and_bad_utf8() {
        assert!(parse(b"\xEF\xBB\xBF{}").unwrap().is_object());
        let err = parse(b"{\"a\":\n\"\xff\"}").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidJson);
        assert!(err.message.ends_with("invalid UTF-8 at line 2 column 2"), "{}", err.message);
    }

    #[test]
    fn numbers_keep_their_text_and_strings_their_escapes() {
        let v = parse(br#"{"a":1.50,"b":-0,"c":12345678901234567890123,"d":"\u00e9\ud83d\ude00\n\"\\\/"}"#).unwrap();
        assert_eq!(v.to_json_string(), r#"{"a":1.50,"b":-0,"c":12345678901234567890123,"d":"é😀\n\"\\/"}"#);
        assert_eq!(parse(b"200").unwrap().as_u64(), Some(200));
        assert_eq!(parse(b"200.0").unwrap().as_u64(), None);
    }

    #[test]
    fn escaped_quotes_slashes_and_backslashes_read_and_write_as_serde_json_does() {
        // The escapes that stand for themselves start the next run: at the start, in a row, at the end,
        // next to the other escapes, in a long string, and in a long one that only begins with one, which
        // the owned parser takes from its input.
        let long = format!(r#"{{\"items\":[{}],\"note\":\"a\\/b\"}}"#, r#"{\"id\":1,\"tag\":\"x\\\"y\"},"#.repeat(40));
        let strings = [
            r#"\"a"#.to_string(),
            r#"\\\"\/"#.to_string(),
            r#"a\"\"\"b"#.to_string(),
            r#"end\""#.to_string(),
            r#"\n\"\u00e9\\\t\/x"#.to_string(),
            r#"\/\/\/"#.to_string(),
            long,
            format!(r#"\"{}"#, "x".repeat(STEAL_MIN)),
        ];
        for inner in &strings {
            let text = format!(r#"{{"k":"{inner}"}}"#);
            let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
            for ours in [parse(text.as_bytes()).unwrap(), parse_owned(text.clone().into_bytes()).unwrap()] {
                assert_eq!(ours.get("k").and_then(Value::as_str), expected["k"].as_str(), "{inner}");
                let written: serde_json::Value = serde_json::from_str(&ours.to_json_string()).unwrap();
                assert_eq!(written, expected, "{inner}");
            }
        }
    }

    #[test]
    fn duplicate_keys_keep_the_first_place_and_the_last_value() {
        let v = parse(br#"{"a":1,"b":2,"a":3,"c":4,"a":5}"#).unwrap();
        assert_eq!(v.to_json_string(), r#"{"a":5,"b":2,"c":4}"#);
    }

    #[test]
    fn many_keys_with_repeats_dedup_in_order() {
        // Over the small-object threshold, so the sorting path runs: 100 keys, every fifth repeated later.
        let mut text = String::from("{");
        for i in 0..100 {
            text.push_str(&format!("\"k{}\":{i},", i % 80));
        }
        text.push_str("\"end\":true}");
        let v = parse(text.as_bytes()).unwrap();
        let map = v.as_object().unwrap();
        assert_eq!(map.len(), 81);
        assert_eq!(map.keys().take(3).collect::<Vec<_>>(), ["k0", "k1", "k2"]);
        assert_eq!(map.get("k5").and_then(Value::as_u64), Some(85));
        assert_eq!(map.get("k79").and_then(Value::as_u64), Some(79));
    }

    #[test]
    fn owned_parsing_moves_long_strings_and_reads_the_same() {
        let long = "b".repeat(STEAL_MIN);
        let docs = [
            format!("{{\"body\":\"{long}\"}}"),
            format!("{{\"body\":\"{long}\",\"after\":[1,\"{long}x\",{{\"k\":\"v\"}}],\n \"last\":true}}"),
            format!("[\"{long}\", \"{long}\\n\", \"short\"]"),
            format!("\u{feff}  \"{long}\"  "),
        ];
        for doc in &docs {
            assert_eq!(parse_owned(doc.clone().into_bytes()).unwrap(), parse(doc.as_bytes()).unwrap());
        }
        // Errors after a moved string still count lines and columns from the document's start.
        let bad = format!("{{\n\"body\": \"{long}\", \"x\": tru}}");
        let column = r#""body": ""#.len() + long.len() + r#"", "x": "#.len() + 1;
        for err in [parse_owned(bad.clone().into_bytes()).unwrap_err(), parse(bad.as_bytes()).unwrap_err()] {
            assert!(err.message.ends_with(&format!("at line 2 column {column}")), "{}", err.message);
        }
    }

    #[test]
    fn owned_parsing_of_many_long_strings_keeps_no_spare_capacity() {
        // Issue 10, item 1: 200 header values of 64 KiB each used to copy the rest of the document per value
        // and leave each value with the whole document's capacity.
        let value = "v".repeat(STEAL_MIN);
        let mut doc = String::from("{\"headers\":{");
        for i in 0..200 {
            doc.push_str(&format!("\"h{i}\":\"{value}\","));
        }
        doc.push_str(&format!("\"last\":\"{value}\"}},\"body\":\"{}\"}}", "b".repeat(3 * STEAL_MIN)));
        let parsed = parse_owned(doc.clone().into_bytes()).unwrap();
        assert_eq!(parsed, parse(doc.as_bytes()).unwrap());
        let mut strings = 0;
        let mut check = |s: &String| {
            strings += 1;
            assert!(s.capacity() <= s.len() + 8, "capacity {} for a string of {}", s.capacity(), s.len());
        };
        let Value::Object(top) = &parsed else { panic!() };
        for (_, v) in top {
            match v {
                Value::String(s) => check(s),
                Value::Object(m) => m.iter().for_each(|(_, v)| {
                    if let Value::String(s) = v {
                        check(s)
                    }
                }),
                _ => {}
            }
        }
        assert_eq!(strings, 202);
        // A long string that is most of the document is still taken, not copied: it is the input's buffer.
        let body_doc = format!("{{\"a\":1,\"body\":\"{}\"}}", "x".repeat(4 * STEAL_MIN));
        let Value::Object(m) = parse_owned(body_doc.into_bytes()).unwrap() else { panic!() };
        let Some(Value::String(body)) = m.get("body") else { panic!() };
        assert!(body.capacity() == body.len());
    }

    #[test]
    fn syntax_errors_say_where() {
        for (bad, what) in [
            ("{\"a\" 1}", "expected `:` at line 1 column 6"),
            ("[1,]", "expected a value at line 1 column 4"),
            ("01", "trailing characters at line 1 column 2"),
            ("1.", "invalid number at line 1 column 3"),
            ("\"\\ud800\"", "lone leading surrogate"),
            ("\"\\udc00\"", "lone trailing surrogate"),
            ("\"a\u{1}\"", "control character"),
            ("{\"a\":1", "unexpected end of input"),
            ("", "unexpected end of input"),
            ("nul", "expected a value"),
        ] {
            let err = parse(bad.as_bytes()).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidJson, "{bad}");
            assert!(err.message.contains(what), "{bad}: {}", err.message);
        }
    }

    #[test]
    fn writers_escape_and_indent() {
        let v = json_object! { "s" => "a\u{1}\"\u{7f}", "e" => Vec::<Value>::new(), "o" => json_object! { "n" => 1u16 } };
        assert_eq!(v.to_json_string(), "{\"s\":\"a\\u0001\\\"\u{7f}\",\"e\":[],\"o\":{\"n\":1}}");
        assert_eq!(v.to_pretty_string(), "{\n  \"s\": \"a\\u0001\\\"\u{7f}\",\n  \"e\": [],\n  \"o\": {\n    \"n\": 1\n  }\n}");
    }

    #[test]
    fn chunked_output_is_the_same_text_in_bounded_pieces() {
        let long = "é".repeat(CHUNK / 2 + 3) + "\n" + &"x".repeat(CHUNK);
        let v = json_object! { "a" => long.as_str(), "b" => vec![long.as_str(), "short"], "c" => 1u8 };
        let mut pieces = Vec::new();
        write_chunked(&v, &mut |piece| pieces.push(piece.to_string()));
        assert!(pieces.len() > 3 && pieces.iter().all(|p| p.len() <= CHUNK), "{:?}", pieces.iter().map(String::len).collect::<Vec<_>>());
        assert_eq!(pieces.concat(), v.to_json_string());
        let mut small = Vec::new();
        write_chunked(&json_object! { "a" => 1u8 }, &mut |piece| small.push(piece.to_string()));
        assert_eq!(small, ["{\"a\":1}"]);
    }

    #[test]
    fn pointers() {
        let v = parse(br#"{"a/b":{"c~d":[10,20]}}"#).unwrap();
        assert_eq!(v.pointer("/a~1b/c~0d/1").and_then(Value::as_u64), Some(20));
        assert_eq!(pointer("/headers", "a/b~c"), "/headers/a~1b~0c");
        assert_eq!(pointer("", "plain"), "/plain");
        assert_eq!(pointer("/q", "~/é~01"), "/q/~0~1é~001");
        assert_eq!(pointer_token("/~"), "~1~0");
        // A token reads back to its key.
        let key = "x/~y~1";
        let doc = Value::Object(Map::from_unique(vec![(key.to_string(), Value::Bool(true))]));
        assert_eq!(doc.pointer(&pointer("", key)), Some(&Value::Bool(true)));
    }
}
