//! The neutral HTTP model every format converts into and out of, and the [`Loss`] values that conversion
//! reports beside its result.

use base64::Engine;

use crate::format::Format;
use crate::json::{Map, ToJson, Value};

/// An ordered multi-map of HTTP header fields. Names keep the case that arrived; lookups ignore case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// An empty map.
    pub fn new() -> Self {
        Headers(Vec::new())
    }

    /// Append a field, keeping earlier fields of the same name.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The first value of `name`, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether any field is called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Remove every field called `name`.
    pub fn remove(&mut self, name: &str) {
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// All fields in order, moved out.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.0
    }

    /// All fields in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of fields (a repeated name counts each time).
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no fields.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keep only the fields for which `keep(name, value)` is true, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &str) -> bool) {
        self.0.retain(|(n, v)| keep(n, v));
    }

    /// Total size of names and values in bytes, as the platform limits count it.
    pub fn byte_size(&self) -> usize {
        self.0.iter().map(|(n, v)| n.len() + v.len()).sum()
    }

    /// Fold into a flat map (one value per case-insensitive name) for a wire format that has no multi-value
    /// headers. Repeated fields are joined with `, ` (`; ` for `Cookie`), except `Set-Cookie`, whose values
    /// cannot be joined: all but the first are dropped. Each fold is reported as a loss at `/headers/<name>`.
    pub fn flatten(&self, losses: &mut Vec<Loss>) -> Vec<(String, String)> {
        self.clone().into_flat(losses)
    }

    /// [`Headers::flatten`], consuming the headers: when no name repeats (nearly always), the fields are
    /// returned as they are, without a copy.
    pub fn into_flat(self, losses: &mut Vec<Loss>) -> Vec<(String, String)> {
        let keys: Vec<&str> = self.0.iter().map(|(k, _)| k.as_str()).collect();
        let unique = crate::keys::first_positions(&keys, true).into_iter().enumerate().all(|(i, first)| i == first);
        drop(keys);
        if unique {
            return self.0;
        }
        crate::keys::group(self.0, true)
            .into_iter()
            .map(|(name, values)| {
                if values.len() > 1 {
                    let path = crate::json::pointer("/headers", &name);
                    if !name.eq_ignore_ascii_case("set-cookie") {
                        let separator = if name.eq_ignore_ascii_case("cookie") { "; " } else { ", " };
                        losses.push(Loss::new(
                            LossCode::HeaderJoined,
                            path,
                            format!("{} values of `{name}` joined into one; the split is not recoverable", values.len()),
                        ));
                        return (name, values.join(separator));
                    }
                    losses.push(Loss::new(
                        LossCode::SetCookieDropped,
                        path,
                        format!("{} Set-Cookie values; a flat header map carries only the first", values.len()),
                    ));
                }
                (name, values.into_iter().next().unwrap_or_default())
            })
            .collect()
    }
}

/// `[[name, value], …]` in order.
impl ToJson for Headers {
    fn to_json(&self) -> Value {
        Value::Array(self.0.iter().map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()])).collect())
    }
}

impl FromIterator<(String, String)> for Headers {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Headers(iter.into_iter().collect())
    }
}

/// A body: bytes, or base64 text that has not been decoded.
///
/// A body that arrives as canonical base64 stays text until something needs the bytes, so a body that
/// passes from one base64 format to another is never decoded and re-encoded (for a 32 MB body, that is
/// 75 MB less memory and most of the time). Equality compares the bytes. The representation is private:
/// only [`decode_body`] makes base64 text, after checking that it is canonical.
#[derive(Debug, Clone, Default)]
pub struct Body(Repr);

#[derive(Debug, Clone)]
enum Repr {
    /// Raw bytes.
    Bytes(Vec<u8>),
    /// Canonical standard base64 (padded, no stray bits) of the bytes.
    Base64(String),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Bytes(Vec::new())
    }
}

impl Body {
    /// Length of the bytes.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Bytes(b) => b.len(),
            Repr::Base64(s) => (s.len() / 4 * 3).saturating_sub(s.bytes().rev().take_while(|c| *c == b'=').count()),
        }
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, decoding base64 text.
    pub fn into_bytes(self) -> Vec<u8> {
        match self.0 {
            Repr::Bytes(b) => b,
            // Canonical by construction (only decode_body makes it), so decoding cannot fail.
            Repr::Base64(s) => base64::engine::general_purpose::STANDARD.decode(s).unwrap_or_default(),
        }
    }

    /// The bytes, borrowed when they are bytes already.
    pub fn to_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.0 {
            Repr::Bytes(b) => std::borrow::Cow::Borrowed(b),
            Repr::Base64(_) => std::borrow::Cow::Owned(self.clone().into_bytes()),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(Repr::Bytes(bytes))
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Repr::Base64(a), Repr::Base64(b)) => a == b,
            _ => self.to_bytes() == other.to_bytes(),
        }
    }
}

/// Which bytes are in the standard base64 alphabet (a table: bodies are long).
// Indexing is checked at compile time here: a constant that indexes out of bounds does not build.
#[allow(clippy::indexing_slicing)]
const BASE64_ALPHABET: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/');
        b += 1;
    }
    table
};

/// Whether `text` is canonical standard base64: what `STANDARD.encode` would produce for some bytes.
fn is_canonical_base64(text: &str) -> bool {
    let b = text.as_bytes();
    let pad = b.iter().rev().take_while(|c| **c == b'=').count();
    if b.len() % 4 != 0 || pad > 2 {
        return false;
    }
    let (data, _) = b.split_at(b.len() - pad);
    // Branch-free within a chunk: a body is long, and nearly always canonical.
    let in_alphabet = |c: &u8| BASE64_ALPHABET.get(usize::from(*c)).copied().unwrap_or(false);
    if !data.chunks(64).all(|chunk| chunk.iter().fold(true, |all, c| all & in_alphabet(c))) {
        return false;
    }
    let sextet = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    // The bits after the last whole byte must be zero.
    let unused_mask = match pad {
        1 => 0b11,
        2 => 0b1111,
        _ => 0,
    };
    data.last().is_none_or(|c| sextet(*c) & unused_mask == 0)
}

/// A field of a platform payload that has no home in the neutral model, kept so that converting back into
/// its own format restores it, and reported as a [`Loss`] when the target format cannot carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// The format the field belongs to.
    pub format: Format,
    /// Keys of the objects that contain the field, outermost first (`["requestContext"]`).
    pub parent: Vec<String>,
    /// The field's key.
    pub key: String,
    /// The field's value, untouched.
    pub value: Value,
}

impl Extra {
    /// The JSON pointer of the field in its source payload.
    pub fn pointer(&self) -> String {
        let mut p = String::new();
        for segment in self.parent.iter().chain(std::iter::once(&self.key)) {
            p = crate::json::pointer(&p, segment);
        }
        p
    }
}

/// The extras of one payload.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extras(pub Vec<Extra>);

impl Extras {
    /// Record every entry of `map` as an extra of `format` under `parent`.
    pub fn keep(&mut self, format: Format, parent: &[&str], map: Map) {
        let parent: Vec<String> = parent.iter().map(|s| s.to_string()).collect();
        self.0.extend(map.into_iter().map(|(key, value)| Extra { format, parent: parent.clone(), key, value }));
    }

    /// Record one field.
    pub fn keep_one(&mut self, format: Format, parent: &[&str], key: &str, value: Value) {
        self.0.push(Extra { format, parent: parent.iter().map(|s| s.to_string()).collect(), key: key.into(), value });
    }

    /// Remove and return the extras of `format` that live directly under `parent`, as a map to flatten back
    /// into that level of the payload.
    pub fn take(&mut self, format: Format, parent: &[&str]) -> Map {
        let mut out = Vec::new();
        let mut rest = Vec::with_capacity(self.0.len());
        for extra in self.0.drain(..) {
            if extra.format == format && extra.parent.iter().map(String::as_str).eq(parent.iter().copied()) {
                out.push((extra.key, extra.value));
            } else {
                rest.push(extra);
            }
        }
        self.0 = rest;
        out.into_iter().collect()
    }

    // Used by the object and message formats, which the core wasm module leaves out.
    #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
    /// Move out the extras of each of `n` records, by the record index their parent starts with (after
    /// `list`, the key of the records' array, unless the records are the top level); the rest stay.
    pub(crate) fn split_by_record(&mut self, list: Option<&str>, n: usize) -> Vec<Extras> {
        let mut out = vec![Extras::default(); n];
        let mut rest = Vec::new();
        for extra in self.0.drain(..) {
            let index = match (list, extra.parent.as_slice()) {
                (Some(list), [first, index, ..]) if first == list => Some(index),
                (None, [index, ..]) => Some(index),
                _ => None,
            };
            match index.and_then(|i| i.parse::<usize>().ok()).and_then(|i| out.get_mut(i)) {
                Some(set) => set.0.push(extra),
                None => rest.push(extra),
            }
        }
        self.0 = rest;
        out
    }

    #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
    /// Take `key` out of `o`: nothing is kept when it is absent or holds `expected`, the constant `format`
    /// always writes there; any other value is kept as an extra.
    pub(crate) fn keep_unless_constant(&mut self, o: &mut crate::wire::Obj, key: &str, expected: &str, format: Format, parent: &[&str]) {
        match o.take(key) {
            Some(Value::String(s)) if s == expected => {}
            None => {}
            Some(other) => self.keep_one(format, parent, key, other),
        }
    }

    /// Report every extra that `target` does not carry as a `field-dropped` loss.
    pub fn report_dropped(&self, target: Format, losses: &mut Vec<Loss>) {
        for extra in self.0.iter().filter(|e| e.format != target) {
            losses.push(Loss::new(LossCode::FieldDropped, extra.pointer(), format!("`{}` of {} has no place in {}", extra.pointer(), extra.format, target)));
        }
    }
}

/// A plain HTTP request: what every event format describes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeutralRequest {
    /// The format this request was read from, if any.
    pub source: Option<Format>,
    /// Method as sent, e.g. `POST`.
    pub method: String,
    /// Decoded path, e.g. `/my path` (bytes that are not UTF-8 replaced: `raw_path` is exact).
    pub path: String,
    /// Path as the request target has it, percent-encoded (`/my%20path`; `%2F` stays distinct from `/`).
    /// Every reader sets it; `None` only for a request built by hand, when writers encode `path`.
    pub raw_path: Option<String>,
    /// Host the request was sent to (`host[:port]`): FC 3.0's `requestContext.domainName`, the `Host`
    /// header elsewhere, the URL's authority for a plain request.
    pub host: Option<String>,
    /// Decoded query parameters in order; a name may repeat.
    pub query: Vec<(String, String)>,
    /// Header fields.
    pub headers: Headers,
    /// The body (base64 of it in JSON).
    pub body: Body,
    /// Whether the source format delivered the body base64-encoded.
    pub body_was_base64: bool,
    /// Client address.
    pub client_ip: Option<String>,
    /// The platform's request id.
    pub request_id: Option<String>,
    /// API Gateway stage or environment (`release`, …).
    pub stage: Option<String>,
    /// Path parameters the gateway extracted, in order.
    pub path_parameters: Vec<(String, String)>,
    /// The API's path template, e.g. `/users/{id}`.
    pub path_template: Option<String>,
    /// Request time as RFC 3339 (UTC).
    pub time: Option<String>,
    /// Platform fields with no neutral home.
    pub extras: Extras,
    /// What reading tolerated and changed (a body flagged as base64 that was not, a query that is not
    /// UTF-8): every write reports these first, so they travel as losses beside any conversion.
    pub tolerated: Vec<Loss>,
}

/// A plain HTTP response: what every integration-response format describes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeutralResponse {
    /// Status code, 100–599.
    pub status: u16,
    /// Header fields; `Set-Cookie` may repeat.
    pub headers: Headers,
    /// The body (base64 of it in JSON).
    pub body: Body,
    /// Whether the source delivered the body base64-encoded.
    pub body_was_base64: bool,
    /// Platform fields with no neutral home.
    pub extras: Extras,
    /// What reading tolerated and changed (a body flagged as base64 that was not): every write reports
    /// these first.
    pub tolerated: Vec<Loss>,
}

/// Stable codes of everything a conversion can lose. Listed with explanations in `docs/codes.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LossCode {
    /// A repeated query key into a flat map that keeps one value.
    QueryRepeatedDropped,
    /// A repeated query key into a flat map that joins values with commas (FC 3.0).
    QueryRepeatedJoined,
    /// Repeated header fields joined into one value.
    HeaderJoined,
    /// Several `Set-Cookie` values into a flat header map.
    SetCookieDropped,
    /// A body that is not UTF-8 into a format that has no base64 flag.
    BinaryBody,
    /// Path parameters into a format without them.
    PathParametersDropped,
    /// The API path template into a format without one.
    PathTemplateDropped,
    /// The gateway stage into a format without one.
    StageDropped,
    /// The client IP into a format without one.
    ClientIpDropped,
    /// The request id into a format without one.
    RequestIdDropped,
    /// The request time into a format without one.
    TimeDropped,
    /// A platform-specific field the target cannot carry.
    FieldDropped,
    /// A timer payload larger than the target platform accepts.
    PayloadOverLimit,
    /// A cron year restriction that Alibaba cannot express.
    CronYearDropped,
    /// A numeric day-of-week whose meaning differs between Tencent's documents.
    CronDayOfWeekAmbiguous,
    /// An `@every` interval replaced by the nearest wall-clock schedule.
    CronIntervalApproximated,
    /// A schedule shifted to another time zone, where the shift changes which days or times it fires on.
    CronTimeZoneShifted,
    /// An HTTP trigger's method list the target cannot express, widened to more methods.
    TriggerMethodsWidened,
    /// An HTTP trigger's authentication mode with no counterpart on the target.
    TriggerAuthChanged,
    /// A header field HTTP cannot carry safely (a name that is not a token; a value with CR, LF, NUL,
    /// another control character or a character beyond Latin-1), dropped.
    HeaderUnsafeDropped,
    /// A body flagged as base64 that is not base64, read as text.
    BodyNotBase64,
    /// A base64 body that is not canonical, decoded as Node's `Buffer.from` does.
    BodyBase64Lenient,
    /// A repeated query key whose values were interleaved with other keys: JSON maps group them.
    QueryReordered,
    /// A query key or value whose percent-decoded bytes are not UTF-8.
    QueryNotUtf8,
    /// A schedule translated between zones whose difference changes during the year (daylight saving
    /// time): no single expression keeps the same instants all year; the message names the dates.
    CronDaylightSaving,
    /// An object event type the target has no exact counterpart for, written as the nearest one.
    ObjectEventApproximated,
    /// An object's ETag into a format without one (COS events carry none).
    EtagDropped,
    /// An object's version id into a format without one (OSS events carry none).
    ObjectVersionDropped,
    /// An event time with fractions of a second into a format that counts whole seconds (COS).
    TimeTruncated,
    /// A body on a GET or HEAD request, which a fetch `Request` cannot carry.
    BodyDropped,
    /// A storage or message trigger's source (bucket or topic, region, owner) written as it was: it names
    /// the source cloud's resource, which the target cloud does not have.
    TriggerSourceForeign,
    /// Several message tags into a format with one tag (MNS `MessageTag`), joined with `,`.
    MessageTagsJoined,
    /// A message id into a format without one (CKafka records).
    MessageIdDropped,
    /// Several messages into a format that delivers one per invocation (MNS): written as an array of
    /// notifications, one per invocation.
    MessageRecordsSplit,
}

impl LossCode {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            LossCode::QueryRepeatedDropped => "query-repeated-dropped",
            LossCode::QueryRepeatedJoined => "query-repeated-joined",
            LossCode::HeaderJoined => "header-joined",
            LossCode::SetCookieDropped => "set-cookie-dropped",
            LossCode::BinaryBody => "binary-body",
            LossCode::PathParametersDropped => "path-parameters-dropped",
            LossCode::PathTemplateDropped => "path-template-dropped",
            LossCode::StageDropped => "stage-dropped",
            LossCode::ClientIpDropped => "client-ip-dropped",
            LossCode::RequestIdDropped => "request-id-dropped",
            LossCode::TimeDropped => "time-dropped",
            LossCode::FieldDropped => "field-dropped",
            LossCode::PayloadOverLimit => "payload-over-limit",
            LossCode::CronYearDropped => "cron-year-dropped",
            LossCode::CronDayOfWeekAmbiguous => "cron-day-of-week-ambiguous",
            LossCode::CronIntervalApproximated => "cron-interval-approximated",
            LossCode::CronTimeZoneShifted => "cron-time-zone-shifted",
            LossCode::TriggerMethodsWidened => "trigger-methods-widened",
            LossCode::TriggerAuthChanged => "trigger-auth-changed",
            LossCode::HeaderUnsafeDropped => "header-unsafe-dropped",
            LossCode::BodyNotBase64 => "body-not-base64",
            LossCode::BodyBase64Lenient => "body-base64-lenient",
            LossCode::QueryReordered => "query-reordered",
            LossCode::QueryNotUtf8 => "query-not-utf8",
            LossCode::CronDaylightSaving => "cron-daylight-saving",
            LossCode::ObjectEventApproximated => "object-event-approximated",
            LossCode::EtagDropped => "etag-dropped",
            LossCode::ObjectVersionDropped => "object-version-dropped",
            LossCode::TimeTruncated => "time-truncated",
            LossCode::BodyDropped => "body-dropped",
            LossCode::TriggerSourceForeign => "trigger-source-foreign",
            LossCode::MessageTagsJoined => "message-tags-joined",
            LossCode::MessageIdDropped => "message-id-dropped",
            LossCode::MessageRecordsSplit => "message-records-split",
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [LossCode; 34] = [
        LossCode::QueryRepeatedDropped,
        LossCode::QueryRepeatedJoined,
        LossCode::HeaderJoined,
        LossCode::SetCookieDropped,
        LossCode::BinaryBody,
        LossCode::PathParametersDropped,
        LossCode::PathTemplateDropped,
        LossCode::StageDropped,
        LossCode::ClientIpDropped,
        LossCode::RequestIdDropped,
        LossCode::TimeDropped,
        LossCode::FieldDropped,
        LossCode::PayloadOverLimit,
        LossCode::CronYearDropped,
        LossCode::CronDayOfWeekAmbiguous,
        LossCode::CronIntervalApproximated,
        LossCode::CronTimeZoneShifted,
        LossCode::TriggerMethodsWidened,
        LossCode::TriggerAuthChanged,
        LossCode::HeaderUnsafeDropped,
        LossCode::BodyNotBase64,
        LossCode::BodyBase64Lenient,
        LossCode::QueryReordered,
        LossCode::QueryNotUtf8,
        LossCode::CronDaylightSaving,
        LossCode::ObjectEventApproximated,
        LossCode::EtagDropped,
        LossCode::ObjectVersionDropped,
        LossCode::TimeTruncated,
        LossCode::BodyDropped,
        LossCode::TriggerSourceForeign,
        LossCode::MessageTagsJoined,
        LossCode::MessageIdDropped,
        LossCode::MessageRecordsSplit,
    ];
}

/// Something the target format could not carry: returned beside every conversion result, never logged.
///
/// A conversion reports each code and path once ([`bound_losses`]): what happened several times there is
/// one loss with a [`count`](Loss::count), so the losses of any input are at most as many as its fields.
/// Messages quote keys and values shortened to [`QUOTE_MAX`] bytes and are at most [`MESSAGE_MAX`] bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// Stable code.
    pub code: LossCode,
    /// JSON pointer of what was lost, in the source payload (or the target's field, for folds).
    pub path: String,
    /// What was lost and why (of the first occurrence, when there were several).
    pub message: String,
    /// How many times this code happened at this path (1 or more).
    pub count: usize,
}

/// `{"code", "path", "message"}`, and `"count"` when it is more than 1.
impl ToJson for Loss {
    fn to_json(&self) -> Value {
        let mut json = crate::json_object! { "code" => self.code.as_str(), "path" => self.path.as_str(), "message" => self.message.as_str() };
        if let (Value::Object(map), true) = (&mut json, self.count > 1) {
            map.insert("count".into(), Value::from(self.count));
        }
        json
    }
}

impl Loss {
    /// A loss that happened once. A message longer than [`MESSAGE_MAX`] bytes has its backquoted keys
    /// and values shortened (see [`shorten`]) and is then cut.
    pub fn new(code: LossCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Loss { code, path: path.into(), message: shorten_message(message.into()), count: 1 }
    }

    /// The same loss, happened `count` times.
    pub fn times(mut self, count: usize) -> Self {
        self.count = count.max(1);
        self
    }
}

/// Longest key or value a loss message quotes whole, in bytes.
pub const QUOTE_MAX: usize = 64;

/// Longest loss message, in bytes (plus the `…` that marks a cut). Long enough for the generated date
/// lists of a `cron-daylight-saving` loss (bounded by one year of dates), which quote nothing untrusted.
pub const MESSAGE_MAX: usize = 4096;

/// `text` when it is at most [`QUOTE_MAX`] bytes, else its first characters, `…` and its length: for
/// quoting an untrusted key or value in a message.
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= QUOTE_MAX {
        return std::borrow::Cow::Borrowed(text);
    }
    let cut = (0..=QUOTE_MAX).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    std::borrow::Cow::Owned(format!("{}… ({} bytes)", text.get(..cut).unwrap_or_default(), text.len()))
}

/// A message of at most [`MESSAGE_MAX`] bytes: each backquoted span longer than [`QUOTE_MAX`] shortened,
/// then the whole cut.
fn shorten_message(message: String) -> String {
    // Odd parts of a split at backquotes are inside them: the quoted keys and values.
    let long_quote = || message.split('`').skip(1).step_by(2).any(|quoted| quoted.len() > QUOTE_MAX);
    if message.len() <= MESSAGE_MAX && !long_quote() {
        return message;
    }
    let mut out = String::with_capacity(MESSAGE_MAX + 16);
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts are inside backquotes: the quoted keys and values.
        out.push_str(&if i % 2 == 1 { shorten(part) } else { std::borrow::Cow::Borrowed(part) });
        if out.len() > MESSAGE_MAX {
            break;
        }
    }
    if out.len() > MESSAGE_MAX {
        let cut = (0..=MESSAGE_MAX).rev().find(|i| out.is_char_boundary(*i)).unwrap_or(0);
        out.truncate(cut);
        out.push('…');
    }
    out
}

/// The losses of one conversion as it returns them: one per code and path, in the order each was first
/// found, with the counts added up. Every conversion passes its losses through here, so no input makes
/// more losses than it has fields, however the format writers report them.
pub fn bound_losses(mut losses: Vec<Loss>) -> Vec<Loss> {
    if losses.len() < 2 {
        return losses;
    }
    // Sort positions by (code, path), stably: the first of each run is the one that stays. The crate's
    // merge sort, not the standard library's: its generic sorts cost the core module 2 KB of brotli.
    let key = |i: usize| losses.get(i).map(|l| (l.code, l.path.as_str()));
    let order = crate::keys::merge_sort(losses.len(), &|a, b| key(a) <= key(b));
    let mut keep = vec![true; losses.len()];
    let mut run_start: Option<usize> = None;
    for &i in &order {
        let same = run_start.and_then(|s| losses.get(s)).zip(losses.get(i)).is_some_and(|(s, l)| s.code == l.code && s.path == l.path);
        if same {
            let count = losses.get(i).map_or(0, |l| l.count);
            if let Some(first) = run_start.and_then(|s| losses.get_mut(s)) {
                first.count = first.count.saturating_add(count);
            }
            if let Some(k) = keep.get_mut(i) {
                *k = false;
            }
        } else {
            run_start = Some(i);
        }
    }
    let mut keep = keep.into_iter();
    losses.retain(|_| keep.next().unwrap_or(true));
    losses
}

/// A body as read from a wire payload, and what reading it had to tolerate.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadBody {
    /// The bytes.
    pub body: Body,
    /// Whether the body really was base64 (false when it was flagged but read as text).
    pub was_base64: bool,
    /// A `body-not-base64` or `body-base64-lenient` loss when the flag and the text disagreed.
    pub tolerated: Option<Loss>,
}

/// What is wrong with a body flagged as base64, by the strict rule (canonical standard base64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Problem {
    /// Not base64 at all: it is read as text. Holds a description in the project's words.
    NotBase64(String),
    /// base64, but not as `STANDARD.encode` writes it (missing padding, stray bits, URL-safe alphabet,
    /// line breaks): it is decoded as Node's `Buffer.from(text, 'base64')` does.
    NotCanonical(String),
}

/// Judge a body flagged as base64 by the strict rule; `None` when it is canonical standard base64.
///
/// Text counts as base64 when, ignoring ASCII whitespace, it is made of the standard or URL-safe
/// alphabet followed by at most two `=` and its length leaves no single stray character; anything else
/// (a JSON text such as Tencent's doc sample `{key:value}`) is not base64.
#[inline(never)]
pub fn base64_problem(text: &str) -> Option<Base64Problem> {
    if is_canonical_base64(text) {
        return None;
    }
    let (mut data, mut padding, mut spaces, mut url_safe) = (0usize, 0usize, false, false);
    for (offset, &b) in text.as_bytes().iter().enumerate() {
        let in_alphabet = BASE64_ALPHABET.get(usize::from(b)).copied().unwrap_or(false) || b == b'-' || b == b'_';
        if b.is_ascii_whitespace() {
            spaces = true;
        } else if b == b'=' && padding < 2 {
            padding += 1;
        } else if in_alphabet && padding == 0 {
            data += 1;
            url_safe |= b == b'-' || b == b'_';
        } else {
            let what = if in_alphabet || b == b'=' { "after the padding" } else { "is not a base64 character" };
            // The offset counts bytes; the character is shown whole.
            let shown = text.get(offset..).and_then(|rest| rest.chars().next()).unwrap_or_default();
            return Some(Base64Problem::NotBase64(format!("`{shown}` at byte {offset} {what}")));
        }
    }
    if data % 4 == 1 {
        return Some(Base64Problem::NotBase64(format!("{data} base64 characters leave one over, which encodes no byte")));
    }
    let why = match (spaces, url_safe, (data + padding) % 4 != 0) {
        (true, _, _) => "white space",
        (_, true, _) => "the URL-safe alphabet",
        (_, _, true) => "missing or extra padding",
        _ => "bits set after the last byte",
    };
    Some(Base64Problem::NotCanonical(why.to_string()))
}

/// Decode base64 as Node's `Buffer.from(text, 'base64')` does for text that [`base64_problem`] accepts:
/// both alphabets, white space skipped, padding optional, bits after the last whole byte ignored.
fn decode_like_node(text: &str) -> Vec<u8> {
    let sextet = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let (mut acc, mut bits) = (0u32, 0u32);
    for value in text.bytes().take_while(|b| *b != b'=').filter_map(sextet) {
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Read a wire body. Flagged base64 that is canonical stays base64 text (not decoded until needed);
/// other base64 is decoded as Node's `Buffer.from(text, 'base64')` does, with a `body-base64-lenient`
/// loss; text flagged as base64 that is not base64 is read as text, with a `body-not-base64` loss.
/// Unflagged text becomes its UTF-8 bytes (moved, not copied). Never fails: the strict verdict is
/// [`crate::validate`]'s (`invalid-base64`, `base64-not-canonical`).
#[inline(never)]
pub fn decode_body(text: String, base64: bool, pointer: &str) -> ReadBody {
    if !base64 {
        return ReadBody { body: Body::from(text.into_bytes()), was_base64: false, tolerated: None };
    }
    match base64_problem(&text) {
        None => ReadBody { body: Body(Repr::Base64(text)), was_base64: true, tolerated: None },
        Some(Base64Problem::NotCanonical(why)) => ReadBody {
            body: Body::from(decode_like_node(&text)),
            was_base64: true,
            tolerated: Some(Loss::new(
                LossCode::BodyBase64Lenient,
                pointer,
                format!("the body is base64 with {why}; it was decoded as Node's Buffer.from(text, 'base64') does and is written canonically"),
            )),
        },
        Some(Base64Problem::NotBase64(why)) => ReadBody {
            body: Body::from(text.into_bytes()),
            was_base64: false,
            tolerated: Some(Loss::new(
                LossCode::BodyNotBase64,
                pointer,
                format!("the body is flagged as base64 but is not ({why}); it was read as text and is written unflagged"),
            )),
        },
    }
}

/// Standard base64 (with padding) of `bytes`.
///
/// `Engine::encode` would do, but its `expect`s (buffer size, UTF-8) bring `core::fmt`'s `Debug` machinery
/// into the core wasm module, about 1 KB brotli (issue 14); `encode_slice` into a buffer of the exact
/// length has no panicking path. Both fallbacks are unreachable: the length overflows only for inputs
/// larger than memory, and base64 output is ASCII.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = vec![0; base64::encoded_len(bytes.len(), true).unwrap_or(0)];
    let written = base64::engine::general_purpose::STANDARD.encode_slice(bytes, &mut out).unwrap_or(0);
    out.truncate(written);
    String::from_utf8(out).unwrap_or_default()
}

/// Encode a body for a wire format: text when it is UTF-8 and `prefer_base64` is false, else base64.
/// Returns the text and whether it is base64. Base64 text passes through without being decoded.
pub fn encode_body(body: Body, prefer_base64: bool) -> (String, bool) {
    match (body.0, prefer_base64) {
        (Repr::Base64(text), true) => (text, true),
        (Repr::Bytes(bytes), true) => (base64_encode(&bytes), true),
        (repr, false) => match String::from_utf8(Body(repr).into_bytes()) {
            Ok(text) => (text, false),
            Err(e) => (base64_encode(e.as_bytes()), true),
        },
    }
}

/// Encode a body for a format that cannot flag base64: UTF-8 text, with invalid sequences replaced and a
/// `binary-body` loss when the bytes are not UTF-8.
pub fn text_body(body: Body, target: Format, losses: &mut Vec<Loss>) -> String {
    match String::from_utf8(body.into_bytes()) {
        Ok(text) => text,
        Err(e) => {
            losses.push(Loss::new(
                LossCode::BinaryBody,
                "/body",
                format!("the body is binary ({} bytes) and {target} has no base64 flag; invalid UTF-8 was replaced", e.as_bytes().len()),
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_lookup_ignores_case_and_keeps_it() {
        let mut h = Headers::new();
        h.append("Content-Type", "text/plain");
        h.append("set-cookie", "a=1");
        h.append("Set-Cookie", "b=2");
        assert_eq!(h.get("content-type"), Some("text/plain"));
        assert_eq!(h.get_all("SET-COOKIE").collect::<Vec<_>>(), ["a=1", "b=2"]);
        let mut losses = Vec::new();
        let flat = h.flatten(&mut losses);
        assert_eq!(flat, [("Content-Type".to_string(), "text/plain".to_string()), ("set-cookie".into(), "a=1".into())]);
        assert_eq!(losses[0].code, LossCode::SetCookieDropped);
    }

    #[test]
    fn repeated_headers_join_with_a_loss() {
        let h: Headers = [("Accept".to_string(), "a".to_string()), ("accept".into(), "b".into())].into_iter().collect();
        let mut losses = Vec::new();
        assert_eq!(h.flatten(&mut losses), [("Accept".to_string(), "a, b".to_string())]);
        assert_eq!(losses[0].code, LossCode::HeaderJoined);
        assert_eq!(losses[0].path, "/headers/Accept");
    }

    #[test]
    fn base64_decodes_as_node_does_with_a_loss() {
        // Each expectation is what Node 20 answers for `[...Buffer.from(text, 'base64')]`.
        for (text, node) in [
            ("aGk", &[104u8, 105][..]),
            ("aGl=", &[104, 105]),
            ("aG\nk=", &[104, 105]),
            ("aG k=", &[104, 105]),
            ("-_8=", &[251, 255]),
            ("aGkx=", &[104, 105, 49]),
            ("aGk==", &[104, 105]),
            ("YQ", &[97]),
            ("YR==", &[97]),
            ("YWJjZA", &[97, 98, 99, 100]),
        ] {
            let read = decode_body(text.into(), true, "/body");
            assert_eq!(read.body, Body::from(node.to_vec()), "{text:?}");
            assert!(read.was_base64);
            let loss = read.tolerated.unwrap();
            assert_eq!((loss.code, loss.path.as_str()), (LossCode::BodyBase64Lenient, "/body"), "{text:?}");
            assert!(matches!(base64_problem(text), Some(Base64Problem::NotCanonical(_))), "{text:?}");
        }
    }

    #[test]
    fn flagged_text_that_is_not_base64_is_read_as_text_with_a_loss() {
        // Tencent's API Gateway doc sample flags `{key:value}` as base64.
        for text in ["{key:value}", "%%%", "aGk=aGk=", "aGk=x", "hello", "a", "aGk==="] {
            let read = decode_body(text.into(), true, "/body");
            assert_eq!(read.body, Body::from(text.as_bytes().to_vec()), "{text:?}");
            assert!(!read.was_base64);
            let loss = read.tolerated.unwrap();
            assert_eq!(loss.code, LossCode::BodyNotBase64, "{text:?}");
            // The project's own words, not the base64 crate's ("Invalid symbol 33, offset 9").
            assert!(loss.message.starts_with("the body is flagged as base64 but is not ("), "{}", loss.message);
            assert!(!loss.message.contains("Invalid symbol"), "{}", loss.message);
            assert!(matches!(base64_problem(text), Some(Base64Problem::NotBase64(_))), "{text:?}");
        }
        let Some(Base64Problem::NotBase64(why)) = base64_problem("{key:value}") else { panic!() };
        assert_eq!(why, "`{` at byte 0 is not a base64 character");
        assert_eq!(decode_body("plain".into(), false, "/body"), ReadBody { body: Body::from(b"plain".to_vec()), was_base64: false, tolerated: None });
    }

    #[test]
    fn base64_encode_matches_the_engine() {
        use base64::engine::general_purpose::STANDARD;
        for len in 0..70u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(91).wrapping_add(len)).collect();
            assert_eq!(base64_encode(&bytes), STANDARD.encode(&bytes), "{len} bytes");
        }
    }

    #[test]
    fn canonical_base64_stays_text_and_means_the_same_bytes() {
        use base64::engine::general_purpose::STANDARD;
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37)).collect();
            let text = STANDARD.encode(&bytes);
            let read = decode_body(text.clone(), true, "/body");
            assert_eq!(read.tolerated, None);
            let body = read.body;
            assert!(matches!(body.0, Repr::Base64(_)), "{text}");
            assert_eq!(body.len(), bytes.len());
            assert_eq!(body, Body::from(bytes.clone()));
            assert_eq!(encode_body(body, true), (text, true));
        }
        // Stray bits, URL-safe alphabet and missing padding are decoded, not kept.
        for odd in ["aGl=", "aGk", "-_8=", "aG k="] {
            assert!(!matches!(decode_body(odd.into(), true, "/body").body, Body(Repr::Base64(_))), "{odd}");
        }
    }
}
