//! Validation: [`Diagnostic`]s that reproduce what each platform does with a payload. An `error` is
//! something the platform rejects (the 502 of Alibaba API Gateway, the 403 "Invalid scf response format" of
//! Tencent, the 400 `InvalidArgument` of an FC HTTP trigger); a `warning` is something it alters, drops or
//! accepts only on one cloud; `info` is worth knowing.

use crate::error::{Error, ErrorCode};
use crate::format::{Format, Platform};
use crate::formats::{self, response};
use crate::json::{self, pointer, Map, ToJson, Value};
use crate::model::{NeutralRequest, NeutralResponse};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The platform rejects the payload.
    Error,
    /// The platform changes or drops something, or only one cloud accepts it.
    Warning,
    /// Worth knowing; nothing breaks.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

macro_rules! diag_codes {
    ($($variant:ident = $name:literal: $doc:literal,)*) => {
        /// Stable diagnostic codes; each is explained in `docs/codes.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum DiagCode { $(#[doc = $doc] $variant,)* }
        impl DiagCode {
            /// Every code.
            pub const ALL: &'static [DiagCode] = &[$(DiagCode::$variant,)*];
            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str { match self { $(DiagCode::$variant => $name,)* } }
            /// What the code means.
            pub fn doc(self) -> &'static str { match self { $(DiagCode::$variant => $doc,)* } }
        }
    };
}

diag_codes! {
    InvalidJson = "invalid-json": "The payload is not JSON.",
    TooDeep = "too-deep": "The payload nests deeper than 128 levels.",
    UnknownFormat = "unknown-format": "No format probe matched the event.",
    InvalidField = "invalid-field": "A field has a type or value the format cannot read.",
    MissingField = "missing-field": "A required field is absent.",
    InvalidBase64 = "invalid-base64": "The body is flagged as base64 but is not (conversions read it as text, with a `body-not-base64` loss).",
    Base64NotCanonical = "base64-not-canonical": "The base64 body lacks padding, has bits after its last byte, uses the URL-safe alphabet or breaks lines (conversions decode it as Node's `Buffer.from` does, with a `body-base64-lenient` loss).",
    ResponseNotObject = "response-not-object": "The function result is not a JSON object, so the gateway cannot read an integration response from it.",
    StatusMissing = "status-missing": "The result has no `statusCode`.",
    StatusNotInteger = "status-not-integer": "`statusCode` is a string: Alibaba accepts it, Tencent requires an integer.",
    StatusOutOfRange = "status-out-of-range": "`statusCode` is not a whole number from 100 to 599.",
    Base64FlagNotBoolean = "base64-flag-not-boolean": "`isBase64Encoded` is the string \"true\"/\"false\": Alibaba documents and accepts it, Tencent requires a JSON boolean.",
    BodyNotString = "body-not-string": "`body` is a JSON object, array or number: Alibaba serializes it, Tencent requires a string.",
    HeadersNotObject = "headers-not-object": "`headers` is not a JSON object.",
    HeaderValueNotString = "header-value-not-string": "A header value is a number or boolean (sent as its text), an array (undocumented; one field per value) or an object (rejected).",
    HeaderNameInvalid = "header-name-invalid": "A header name is not an HTTP token (RFC 9110).",
    HeaderValueInvalid = "header-value-invalid": "A header value contains CR, LF or NUL.",
    ResponseHeadersTooLarge = "response-headers-too-large": "Response header names and values exceed 8 KB: FC answers 502 BadResponse (seed 004).",
    ResponseHeaderForbidden = "response-header-forbidden": "A response header FC does not let a function set (`x-fc-*`, `connection`, `content-length`, `date`, `keep-alive`, `server`, `upgrade`; seed 004).",
    ContentDispositionAttachment = "content-disposition-attachment": "`content-disposition: attachment` is not accepted from an FC function (seed 004).",
    PassthroughResult = "passthrough-result": "The result has no `statusCode`; this trigger answers 200 with the result as a JSON body.",
    BinaryBodyUnflagged = "binary-body-unflagged": "A Function URL response has no documented base64 flag; a base64 body may reach the caller as text.",
    UnknownField = "unknown-field": "A field the format does not define; the platform ignores it.",
    MethodNotAllowed = "method-not-allowed": "The method is not one an FC HTTP trigger accepts (GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS; seed 004).",
    MethodInvalid = "method-invalid": "The method is not an HTTP token.",
    PathNotAbsolute = "path-not-absolute": "The path does not start with `/`.",
    RequestHeadersTooLarge = "request-headers-too-large": "Request header names and values exceed 8 KB: FC answers 400 InvalidArgument (seed 004).",
    PathTooLong = "path-too-long": "Path and query exceed 4 KB: FC answers 400 InvalidArgument (seed 004).",
    BodyTooLarge = "body-too-large": "The body exceeds 32 MB (synchronous) or 128 KB (asynchronous): FC answers 400 InvalidArgument (seed 004).",
    RequestHeaderForbidden = "request-header-forbidden": "A request header FC reserves (`x-fc-*` other than its documented controls, `connection`, `keep-alive`; seed 004).",
    AsyncDelayInvalid = "async-delay-invalid": "`x-fc-async-delay` is not a number of seconds in (0, 3600) (seed 004).",
    PayloadTooLarge = "payload-too-large": "A timer payload exceeds the platform limit (Alibaba 128 KB, Tencent 4 KB).",
    TimerTimeInvalid = "timer-time-invalid": "A timer event's time is not an RFC 3339 instant.",
    TriggerNameInvalid = "trigger-name-invalid": "A Tencent trigger name is not 1–100 letters, digits, `-` or `_`.",
    ObjectEventUnknown = "object-event-unknown": "An object event name that the platform does not document (its kind is known, the operation is not): conversions write the target's generic event of that kind.",
    ObjectTimeInvalid = "object-time-invalid": "An object event's time is not what the platform sends (OSS: an RFC 3339 instant; COS: Unix seconds, or an RFC 3339 instant in older samples).",
    ObjectKeyAmbiguous = "object-key-ambiguous": "An object key that readers decode differently: a COS key with a literal `+` (a space to `unquote_plus`, a `+` to `decodeURIComponent` and here), or an OSS key that looks percent-encoded (OSS keys are read as literal text).",
    ObjectRecordsEmpty = "object-records-empty": "An object event with no records: no platform sends one, and a handler reading the first record fails.",
    ResponseTooLarge = "response-too-large": "A synchronous response over SCF's 6 MB: the caller gets 407 (583/11637, 583/42611).",
    MessageRecordsEmpty = "message-records-empty": "A message event with no messages: no platform sends one, and a handler reading the first fails.",
    MessageTimeInvalid = "message-time-invalid": "A message time is not what the platform sends (MNS `PublishTime` and Kafka `timestamp`: Unix milliseconds; CMQ `publishTime` and CloudEvent `time`: an RFC 3339 instant).",
}

/// One finding about a payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code.
    pub code: DiagCode,
    /// How bad it is.
    pub severity: Severity,
    /// JSON pointer of the value at fault (`""` for the whole payload).
    pub path: String,
    /// The cloud whose behaviour this describes.
    pub platform: Platform,
    /// What happens and why.
    pub message: String,
}

/// The result of validating one payload as one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The format validated against (detected when not given; `None` when detection failed).
    pub format: Option<Format>,
    /// Findings, in payload order.
    pub diagnostics: Vec<Diagnostic>,
}

/// `{"code", "severity", "path", "platform", "message"}`.
impl ToJson for Diagnostic {
    fn to_json(&self) -> Value {
        crate::json_object! {
            "code" => self.code.as_str(),
            "severity" => self.severity.as_str(),
            "path" => self.path.as_str(),
            "platform" => self.platform,
            "message" => self.message.as_str(),
        }
    }
}

/// `{"format", "diagnostics"}`.
impl ToJson for Report {
    fn to_json(&self) -> Value {
        crate::json_object! { "format" => self.format, "diagnostics" => self.diagnostics.to_json() }
    }
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

struct Sink {
    platform: Platform,
    out: Vec<Diagnostic>,
}

impl Sink {
    fn push(&mut self, code: DiagCode, severity: Severity, path: impl Into<String>, message: impl Into<String>) {
        self.out.push(Diagnostic { code, severity, path: path.into(), platform: self.platform, message: message.into() });
    }

    fn push_error(&mut self, e: &Error) {
        let code = match e.code {
            ErrorCode::InvalidJson => DiagCode::InvalidJson,
            ErrorCode::TooDeep => DiagCode::TooDeep,
            ErrorCode::UnknownFormat => DiagCode::UnknownFormat,
            ErrorCode::MissingField => DiagCode::MissingField,
            ErrorCode::InvalidBase64 => DiagCode::InvalidBase64,
            _ => DiagCode::InvalidField,
        };
        self.push(code, Severity::Error, e.path.clone(), e.message.clone());
    }

    /// A quirk that Alibaba tolerates and Tencent rejects.
    fn cross_cloud(&mut self, code: DiagCode, path: String, what: &str, rejection: &str) {
        match self.platform {
            Platform::Aliyun => self.push(code, Severity::Warning, path, format!("{what}: Alibaba accepts it, but Tencent would reject it ({rejection})")),
            Platform::Tencent => self.push(code, Severity::Error, path, format!("{what}: Tencent rejects it, the caller gets {rejection}")),
        }
    }
}

/// What the caller sees when Tencent cannot read a result.
pub const TENCENT_REJECTION: &str = "403 \"Invalid scf response format\"";

/// Validate a function result as the integration response of `format`.
pub fn validate_response(input: &[u8], format: Format) -> Report {
    read_response(json::parse(input), format).0
}

/// Validate a parsed function result and read it: the report, and the neutral response when the report
/// has no error. One parse serves both (`clientResponse` used to parse the result twice).
pub(crate) fn read_response(parsed: Result<Value, Error>, format: Format) -> (Report, Option<NeutralResponse>) {
    let mut sink = Sink { platform: format.platform(), out: Vec::new() };
    if !format.is_http() {
        sink.push_error(&formats::not_http(format));
        return (Report { format: Some(format), diagnostics: sink.out }, None);
    }
    let value = match parsed {
        Ok(v) => v,
        Err(e) => {
            sink.push_error(&e);
            return (Report { format: Some(format), diagnostics: sink.out }, None);
        }
    };
    check_response_value(&value, format, &mut sink);
    let mut neutral = None;
    if !sink.out.iter().any(|d| d.severity == Severity::Error) {
        match response::read(format, value) {
            Ok(n) => neutral = Some(n),
            Err(e) => sink.push_error(&e),
        }
    }
    (Report { format: Some(format), diagnostics: sink.out }, neutral)
}

/// Validate an integration response that is already a JSON value (one this crate wrote, say), without
/// serializing it again. The same checks as [`validate_response`].
pub fn validate_response_value(value: &Value, format: Format) -> Report {
    let mut sink = Sink { platform: format.platform(), out: Vec::new() };
    if !format.is_http() {
        sink.push_error(&formats::not_http(format));
    } else {
        check_response_value(value, format, &mut sink);
    }
    Report { format: Some(format), diagnostics: sink.out }
}

/// Tencent's limit on a synchronous request or response (cloud.tencent.com/document/product/583/11637).
pub const TENCENT_SYNC_LIMIT: usize = 6 * 1024 * 1024;

/// About the size of `value` serialized: its strings' lengths and the JSON punctuation, escapes not counted.
fn json_size(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len() + 2,
        Value::Object(map) => map.iter().map(|(k, v)| k.len() + 4 + json_size(v)).sum::<usize>() + 2,
        Value::Array(items) => items.iter().map(|v| json_size(v) + 1).sum::<usize>() + 2,
        Value::Number(n) => n.as_str().len(),
        Value::Bool(_) | Value::Null => 5,
    }
}

fn rejection(format: Format) -> &'static str {
    match format.platform() {
        Platform::Aliyun if format == Format::AliyunHttp => "502 BadResponse",
        Platform::Aliyun => "502",
        Platform::Tencent => TENCENT_REJECTION,
    }
}

fn check_response_value(value: &Value, format: Format, sink: &mut Sink) {
    let Some(map) = value.as_object().filter(|m| m.contains_key("statusCode")) else {
        if response::passes_through(format) {
            sink.push(
                DiagCode::PassthroughResult,
                Severity::Info,
                "",
                format!("no `statusCode`: {format} answers 200 with the result as an application/json body"),
            );
        } else if value.is_object() {
            sink.push(DiagCode::StatusMissing, Severity::Error, "/statusCode", format!("no `statusCode`: the caller gets {}", rejection(format)));
        } else {
            sink.push(
                DiagCode::ResponseNotObject,
                Severity::Error,
                "",
                format!("the result is {}, not an object: the caller gets {}", json::type_name(value), rejection(format)),
            );
        }
        return;
    };
    match &map["statusCode"] {
        Value::Number(n) if n.as_u64().is_some_and(|s| (100..=599).contains(&s)) => {}
        Value::String(s) if s.trim().parse::<u16>().is_ok_and(|s| (100..=599).contains(&s)) => {
            sink.cross_cloud(DiagCode::StatusNotInteger, "/statusCode".into(), &format!("`statusCode` is the string \"{s}\""), TENCENT_REJECTION);
        }
        other => sink.push(
            DiagCode::StatusOutOfRange,
            Severity::Error,
            "/statusCode",
            format!("`statusCode` must be an integer from 100 to 599, saw {}: the caller gets {}", short(other), rejection(format)),
        ),
    }
    match map.get("isBase64Encoded") {
        None | Some(Value::Null | Value::Bool(_)) => {}
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") => {
            sink.cross_cloud(DiagCode::Base64FlagNotBoolean, "/isBase64Encoded".into(), &format!("`isBase64Encoded` is the string \"{s}\""), TENCENT_REJECTION);
        }
        Some(other) => sink.push(
            DiagCode::InvalidField,
            Severity::Error,
            "/isBase64Encoded",
            format!("`isBase64Encoded` must be a boolean, saw {}: the caller gets {}", short(other), rejection(format)),
        ),
    }
    if format == Format::TencentUrl
        && map.get("isBase64Encoded").is_some_and(|v| v.as_bool() == Some(true) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")))
    {
        sink.push(
            DiagCode::BinaryBodyUnflagged,
            Severity::Warning,
            "/isBase64Encoded",
            "the Function URL response format documents no `isBase64Encoded`; the caller may receive the base64 text",
        );
    }
    check_base64_body(map, sink);
    match map.get("body") {
        None | Some(Value::Null | Value::String(_)) => {}
        Some(other) => sink.cross_cloud(DiagCode::BodyNotString, "/body".into(), &format!("`body` is {}", json::type_name(other)), TENCENT_REJECTION),
    }
    match map.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(headers)) => check_headers(headers, "/headers", sink, Some(format)),
        Some(other) => sink.push(
            DiagCode::HeadersNotObject,
            Severity::Error,
            "/headers",
            format!("`headers` must be an object, saw {}: the caller gets {}", json::type_name(other), rejection(format)),
        ),
    }
    if format == Format::AliyunHttp {
        check_fc_response_headers(map.get("headers").and_then(Value::as_object), sink);
    }
    if format.platform() == Platform::Tencent {
        let size = json_size(value);
        if size > TENCENT_SYNC_LIMIT {
            sink.push(DiagCode::ResponseTooLarge, Severity::Error, "", format!("the response is about {size} bytes, over SCF's 6 MB: the caller gets 407"));
        }
    }
    let known: &[&str] = if format == Format::TencentUrl {
        &["statusCode", "headers", "body", "isBase64Encoded"]
    } else {
        &["isBase64Encoded", "statusCode", "headers", "body"]
    };
    for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
        sink.push(DiagCode::UnknownField, Severity::Info, pointer("", key), format!("`{key}` is not part of the {format} response; the gateway ignores it"));
    }
}

/// The strict verdict on a body flagged as base64, which reading tolerates: not base64 at all is an
/// `invalid-base64` error, base64 that is not canonical a `base64-not-canonical` warning.
fn check_base64_body(map: &Map, sink: &mut Sink) {
    let flagged = map.get("isBase64Encoded").is_some_and(|v| v.as_bool() == Some(true) || v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")));
    let Some(body) = map.get("body").and_then(Value::as_str).filter(|_| flagged) else { return };
    match crate::model::base64_problem(body) {
        None => {}
        Some(crate::model::Base64Problem::NotBase64(why)) => {
            sink.push(DiagCode::InvalidBase64, Severity::Error, "/body", format!("the body is flagged as base64 but is not: {why}"));
        }
        Some(crate::model::Base64Problem::NotCanonical(why)) => {
            sink.push(DiagCode::Base64NotCanonical, Severity::Warning, "/body", format!("the base64 body has {why}; it decodes only leniently"));
        }
    }
}

/// Check header names and values (all formats): RFC 9110 tokens, no CR/LF/NUL. `response` is the format
/// whose rejection a bad value causes, `None` for requests.
fn check_headers(headers: &Map, base: &str, sink: &mut Sink, response: Option<Format>) {
    for (name, value) in headers {
        // Built only for a diagnostic: most fields have none.
        let path = || pointer(base, name);
        if !is_token(name) {
            sink.push(DiagCode::HeaderNameInvalid, Severity::Error, path(), format!("header name {} is not an HTTP token", json::quoted(name)));
        }
        let values = match value {
            Value::Array(items) => items.as_slice(),
            v => std::slice::from_ref(v),
        };
        if value.is_object() {
            let consequence = response.map(|f| format!(": the caller gets {}", rejection(f))).unwrap_or_default();
            sink.push(DiagCode::HeaderValueNotString, Severity::Error, path(), format!("header `{name}` is an object{consequence}"));
        } else if value.is_array() {
            sink.push(
                DiagCode::HeaderValueNotString,
                Severity::Warning,
                path(),
                format!(
                    "header `{name}` is an array: neither platform documents multi-value headers; read as one field per value, but a flat map keeps only one"
                ),
            );
        }
        for v in values {
            match v {
                Value::String(s) => {
                    if let Some(problem) = header_value_problem(s) {
                        sink.push(DiagCode::HeaderValueInvalid, Severity::Error, path(), format!("header `{name}` {problem}"));
                    }
                }
                Value::Number(_) | Value::Bool(_) => {
                    sink.push(
                        DiagCode::HeaderValueNotString,
                        Severity::Warning,
                        path(),
                        format!("header `{name}` is {}; it is sent as its text", json::type_name(v)),
                    );
                }
                _ => {}
            }
        }
    }
}

fn check_fc_response_headers(headers: Option<&Map>, sink: &mut Sink) {
    let Some(headers) = headers else { return };
    let size: usize = headers.iter().map(|(k, v)| k.len() + v.as_str().map_or_else(|| v.to_string().len(), str::len)).sum();
    if size > HEADER_LIMIT {
        sink.push(
            DiagCode::ResponseHeadersTooLarge,
            Severity::Error,
            "/headers",
            format!("response headers are {size} bytes, over FC's 8 KB: the caller gets 502 BadResponse"),
        );
    }
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if is_forbidden_response_header(&lower) {
            sink.push(
                DiagCode::ResponseHeaderForbidden,
                Severity::Warning,
                pointer("/headers", name),
                format!("FC does not let a function set `{name}`; it is not passed to the caller"),
            );
        }
        if lower == "content-disposition" && value.as_str().is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("attachment")) {
            sink.push(
                DiagCode::ContentDispositionAttachment,
                Severity::Warning,
                pointer("/headers", name),
                "FC does not accept `content-disposition: attachment` from a function; it is not passed to the caller",
            );
        }
    }
}

/// Header names and values FC counts against its 8 KB limits (seed 004).
pub const HEADER_LIMIT: usize = 8 * 1024;

/// Response headers an FC function may not set (seed 004), lower-case.
pub fn is_forbidden_response_header(lower: &str) -> bool {
    lower.starts_with("x-fc-") || matches!(lower, "connection" | "content-length" | "date" | "keep-alive" | "server" | "upgrade")
}

/// `x-fc-*` request headers FC documents as controls a client may send.
const FC_REQUEST_CONTROLS: &[&str] = &[
    "x-fc-invocation-type",
    "x-fc-async-delay",
    "x-fc-log-type",
    "x-fc-stateful-async-invocation-id",
    "x-fc-trace-id",
    "x-fc-account-id",
    "x-fc-date",
    "x-fc-content-md5",
];

/// Request headers FC reserves and does not pass to a function (seed 004), lower-case: `x-fc-*` other than
/// its documented controls, `connection` and `keep-alive`.
pub fn is_reserved_request_header(lower: &str) -> bool {
    (lower.starts_with("x-fc-") && !FC_REQUEST_CONTROLS.contains(&lower)) || lower == "connection" || lower == "keep-alive"
}

/// Whether `name` is an RFC 9110 token (`tchar`: letters, digits and ``!#$%&'*+-.^_`|~``): the grammar of
/// a field name and of a method, and what Node's `http` accepts as a header name.
pub fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| TOKEN.get(usize::from(b)).copied().unwrap_or(false))
}

/// Whether each byte is a token character (RFC 9110 `tchar`): one load per byte (a 128-bit mask costs a
/// shift call per byte in wasm32).
// Indexing in a constant is checked when it is compiled: it cannot panic at run time.
#[allow(clippy::indexing_slicing)]
const TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] =
            c.is_ascii_alphanumeric() || matches!(c, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~');
        b += 1;
    }
    table
};

/// Why `value` cannot be sent as a header field value, or `None` when it can.
///
/// The grammar is RFC 9110's `field-value` (`field-vchar`, SP and HTAB, where `obs-text` is the bytes
/// 0x80–0xFF, here the characters U+0080–U+00FF) and exactly what Node's `http` accepts
/// (`/[^\t\x20-\x7e\x80-\xff]/` refuses a value): no CR, LF, NUL or other control character, and no
/// character beyond Latin-1, which a Latin-1 writer would send as its low byte (U+010D U+010A becomes
/// CR LF). Leading and trailing spaces are allowed (a parser strips them).
pub fn header_value_problem(value: &str) -> Option<String> {
    if plain_header_value(value.as_bytes()) {
        return None;
    }
    let bad = value.chars().find(|c| !matches!(c, '\t' | ' '..='~' | '\u{80}'..='\u{ff}'))?;
    Some(match bad {
        '\r' | '\n' | '\0' => "contains CR, LF or NUL".to_string(),
        c if u32::from(c) < 0x80 => format!("contains the control character U+{:04X}", u32::from(c)),
        c => format!(
            "contains U+{:04X}, beyond Latin-1: HTTP carries bytes, a Latin-1 writer would send U+{:04X} and Node's http refuses it",
            u32::from(c),
            u32::from(c) & 0xff
        ),
    })
}

/// Whether `bytes` are all printable ASCII or tabs (nearly every header value): eight bytes at a time,
/// before the character loop of [`header_value_problem`] that finds out why not.
fn plain_header_value(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ok = |b: &u8| *b == b'\t' || (b' '..=b'~').contains(b);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        let del = w ^ (ONES * 0x7f);
        // A byte with its top bit set, below 0x20, or 0x7F (may also flag a chunk that is fine: then bytewise).
        let suspicious = (w | (w.wrapping_sub(ONES * 0x20) & !w) | (del.wrapping_sub(ONES) & !del)) & HIGH;
        if suspicious != 0 && !chunk.iter().all(ok) {
            return false;
        }
    }
    chunks.remainder().iter().all(ok)
}

/// Why the header field `name: value` cannot be sent as it is, or `None` when it can: the name is not a
/// token ([`is_token`]) or the value breaks [`header_value_problem`]. One rule for validation and for every
/// conversion.
pub fn header_problem(name: &str, value: &str) -> Option<String> {
    if !is_token(name) {
        return Some(format!("header name {} is not an HTTP token", json::quoted(&crate::model::shorten(name))));
    }
    header_value_problem(value).map(|problem| format!("header `{}` {problem}", crate::model::shorten(name)))
}

/// Validate an event as `format`, or as the detected format when `format` is `None`.
pub fn validate_event(input: &[u8], format: Option<Format>) -> Report {
    let value = match json::parse(input) {
        Ok(v) => v,
        Err(e) => return single(format, &e),
    };
    let format = match format.map_or_else(|| crate::detect::detect_value(&value), Ok) {
        Ok(f) => f,
        Err(e) => return single(None, &e),
    };
    let mut sink = Sink { platform: format.platform(), out: Vec::new() };
    if format.is_timer() {
        crate::timer::check_event(&value, format, &mut |code, severity, path, message| sink.push(code, severity, path, message));
        return Report { format: Some(format), diagnostics: sink.out };
    }
    if format.is_object() {
        #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
        crate::objects::check_event(value, format, &mut |code, severity, path, message| sink.push(code, severity, path, message));
        #[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
        {
            drop(value);
            sink.push_error(&crate::objects_elsewhere(format));
        }
        return Report { format: Some(format), diagnostics: sink.out };
    }
    if format.is_message() {
        #[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
        crate::messages::check_event(value, format, &mut |code, severity, path, message| sink.push(code, severity, path, message));
        #[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
        {
            drop(value);
            sink.push_error(&crate::objects_elsewhere(format));
        }
        return Report { format: Some(format), diagnostics: sink.out };
    }
    if let Some(headers) = value.get("headers").and_then(Value::as_object) {
        check_headers(headers, "/headers", &mut sink, None);
    }
    if let Some(flag @ Value::String(_)) = value.get("isBase64Encoded") {
        let (severity, note) =
            if format == Format::AliyunApigw { (Severity::Info, "as Alibaba documents it") } else { (Severity::Warning, "where a boolean is expected") };
        sink.push(DiagCode::Base64FlagNotBoolean, severity, "/isBase64Encoded", format!("`isBase64Encoded` is the string {flag} {note}; read as a boolean"));
    }
    if let Some(map) = value.as_object() {
        check_base64_body(map, &mut sink);
    }
    match formats::read_event(format, value) {
        Ok(request) => check_request(&request, format, &mut sink),
        Err(e) => sink.push_error(&e),
    }
    Report { format: Some(format), diagnostics: sink.out }
}

fn single(format: Option<Format>, e: &Error) -> Report {
    let platform = format.map_or(Platform::Aliyun, Format::platform);
    let mut sink = Sink { platform, out: Vec::new() };
    sink.push_error(e);
    Report { format, diagnostics: sink.out }
}

/// Largest synchronous request body FC accepts (seed 004).
pub const SYNC_BODY_LIMIT: usize = 32 * 1024 * 1024;
/// Largest asynchronous request body FC accepts (seed 004).
pub const ASYNC_BODY_LIMIT: usize = 128 * 1024;

fn check_request(r: &NeutralRequest, format: Format, sink: &mut Sink) {
    if !is_token(&r.method) {
        sink.push(DiagCode::MethodInvalid, Severity::Error, method_pointer(format), format!("method {} is not an HTTP token", json::quoted(&r.method)));
    }
    if !r.path.starts_with('/') {
        sink.push(DiagCode::PathNotAbsolute, Severity::Warning, "/path", format!("path {} does not start with `/`", json::quoted(&r.path)));
    }
    if format != Format::AliyunHttp {
        return;
    }
    // FC HTTP trigger limits (seed 004).
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
    if is_token(&r.method) && !METHODS.contains(&r.method.as_str()) {
        sink.push(
            DiagCode::MethodNotAllowed,
            Severity::Error,
            method_pointer(format),
            format!("FC HTTP triggers accept {}; not {}", METHODS.join(", "), r.method),
        );
    }
    let header_size = r.headers.byte_size();
    if header_size > HEADER_LIMIT {
        sink.push(
            DiagCode::RequestHeadersTooLarge,
            Severity::Error,
            "/headers",
            format!("request headers are {header_size} bytes, over 8 KB: FC answers 400 InvalidArgument"),
        );
    }
    let raw = r.raw_path.clone().unwrap_or_else(|| formats::encode_path(&r.path));
    let query: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(&r.query).finish();
    let path_size = raw.len() + if query.is_empty() { 0 } else { query.len() + 1 };
    if path_size > 4096 {
        sink.push(
            DiagCode::PathTooLong,
            Severity::Error,
            "/rawPath",
            format!("path and query are {path_size} bytes, over 4 KB: FC answers 400 InvalidArgument"),
        );
    }
    let is_async = r.headers.get("x-fc-invocation-type").is_some_and(|v| v.eq_ignore_ascii_case("async"));
    let limit = if is_async { ASYNC_BODY_LIMIT } else { SYNC_BODY_LIMIT };
    if r.body.len() > limit {
        let kind = if is_async { "asynchronous calls (128 KB)" } else { "synchronous calls (32 MB)" };
        sink.push(
            DiagCode::BodyTooLarge,
            Severity::Error,
            "/body",
            format!("the body is {} bytes, over the limit for {kind}: FC answers 400 InvalidArgument", r.body.len()),
        );
    }
    for (name, value) in r.headers.iter() {
        let lower = name.to_ascii_lowercase();
        if is_reserved_request_header(&lower) {
            sink.push(
                DiagCode::RequestHeaderForbidden,
                Severity::Warning,
                pointer("/headers", name),
                format!("FC reserves the request header `{name}`; a client cannot pass it to the function"),
            );
        }
        if lower == "x-fc-async-delay" && !is_delay_seconds(value.trim()) {
            sink.push(
                DiagCode::AsyncDelayInvalid,
                Severity::Error,
                pointer("/headers", name),
                format!("`x-fc-async-delay` must be seconds in (0, 3600), saw {}", json::quoted(value)),
            );
        }
    }
}

fn method_pointer(format: Format) -> &'static str {
    if format == Format::AliyunHttp {
        "/requestContext/http/method"
    } else {
        "/httpMethod"
    }
}

/// Whether `text` is a decimal number of seconds in (0, 3600), such as `5` or `0.5`.
fn is_delay_seconds(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) || text.ends_with('.') {
        return false;
    }
    let whole = whole.trim_start_matches('0');
    let seconds: u32 = if whole.len() > 4 { u32::MAX } else { whole.parse().unwrap_or(0) };
    seconds < 3600 && (seconds > 0 || fraction.bytes().any(|b| b != b'0'))
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or_default()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_tchar_set() {
        for b in 0u8..=255 {
            let tchar = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            assert_eq!(is_token(std::str::from_utf8(&[b]).unwrap_or("\u{80}")), tchar, "{b:#x}");
        }
        assert!(!is_token(""));
    }

    #[test]
    fn plain_header_values_are_told_apart_at_every_position() {
        for len in 1..20 {
            for at in 0..len {
                for (b, plain) in [(b'\t', true), (b' ', true), (b'~', true), (0x7f, false), (0x1f, false), (0x00, false), (0x80, false), (0xff, false)] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    assert_eq!(plain_header_value(&bytes), plain, "len {len}, byte {b:#x} at {at}");
                }
            }
        }
    }
}
