//! What the caller actually receives for a function result behind each trigger: the gateway's HTTP
//! response after the platform's rules, or the gateway's own error when it cannot read the result.

use crate::format::{Format, Platform};
use crate::json::{self, ToJson, Value};
use crate::model::Headers;
use crate::validate::{self, DiagCode, Diagnostic, Severity};

/// The gateway's own answer when it cannot read the function result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayError {
    /// HTTP status the caller gets (502 on Alibaba, 403 on Tencent).
    pub status: u16,
    /// The platform's error name where it documents one (`BadResponse`).
    pub code: Option<&'static str>,
    /// Why: the first error diagnostic.
    pub reason: String,
}

/// The HTTP response a caller receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientResponse {
    /// The trigger format the result was returned behind.
    pub format: Format,
    /// Status code.
    pub status: u16,
    /// Header fields after the platform's rules, in order.
    pub headers: Headers,
    /// Body bytes, base64 in JSON.
    pub body: Vec<u8>,
    /// Set when the gateway rejected the result.
    pub gateway_error: Option<GatewayError>,
    /// Everything validation found, including the reason for a gateway error.
    pub diagnostics: Vec<Diagnostic>,
}

impl ClientResponse {
    /// The body as text, when it is UTF-8.
    pub fn body_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

/// `{"status", "code", "reason"}`.
impl ToJson for GatewayError {
    fn to_json(&self) -> Value {
        crate::json_object! { "status" => self.status, "code" => self.code, "reason" => self.reason.as_str() }
    }
}

impl ClientResponse {
    /// The JSON form with `body` as given: base64 text for [`ToJson`], `null` when the caller hands the
    /// bytes over apart (the npm package does, so a 32 MB body is not also 43 MB of base64 in a JSON text).
    pub fn to_json_with_body(&self, body: Value) -> Value {
        crate::json_object! {
            "format" => self.format,
            "status" => self.status,
            "headers" => self.headers.to_json(),
            "body" => body,
            "gatewayError" => self.gateway_error.to_json(),
            "diagnostics" => self.diagnostics.to_json(),
        }
    }
}

/// `{"format", "status", "headers", "body", "gatewayError", "diagnostics"}`, the body as base64.
impl ToJson for ClientResponse {
    fn to_json(&self) -> Value {
        self.to_json_with_body(crate::model::base64_encode(&self.body).into())
    }
}

/// The body Tencent answers with when it cannot read a result (seed 003).
pub const TENCENT_ERROR_BODY: &str = r#"{"errno":403,"error":"Invalid scf response format. please check your scf response format."}"#;

/// What a caller receives when a function behind `format` returns `result` (JSON bytes).
///
/// Never fails: unreadable input becomes the gateway's error response with the diagnostics that explain it.
pub fn client_response(result: &[u8], format: Format) -> ClientResponse {
    from_parsed(json::parse(result), format)
}

/// [`client_response`] on bytes it may keep: the body becomes the input's own buffer where it can
/// ([`json::parse_owned`]), and the result is parsed once, so the peak is about the result's size twice.
pub fn client_response_owned(result: Vec<u8>, format: Format) -> ClientResponse {
    from_parsed(json::parse_owned(result), format)
}

fn from_parsed(parsed: crate::Result<Value>, format: Format) -> ClientResponse {
    let (report, neutral) = validate::read_response(parsed, format);
    let reject = |reason: String, too_large: bool, diagnostics| {
        let error = gateway_error(format, reason, too_large);
        let (headers, body) = gateway_body(format, error.status);
        ClientResponse { format, status: error.status, headers, body, gateway_error: Some(error), diagnostics }
    };
    let mut neutral = match (report.diagnostics.iter().find(|d| d.severity == Severity::Error), neutral) {
        (None, Some(n)) => n,
        (first, _) => {
            let reason = first.map_or_else(|| "the result could not be read".to_string(), |d| d.message.clone());
            let too_large = first.is_some_and(|d| d.code == DiagCode::ResponseTooLarge);
            return reject(reason, too_large, report.diagnostics);
        }
    };
    if format == Format::AliyunHttp {
        neutral.headers.retain(|name, value| {
            let lower = name.to_ascii_lowercase();
            !(validate::is_forbidden_response_header(&lower) || lower == "content-disposition" && value.trim().to_ascii_lowercase().starts_with("attachment"))
        });
    }
    ClientResponse {
        format,
        status: neutral.status,
        headers: neutral.headers,
        body: neutral.body.into_bytes(),
        gateway_error: None,
        diagnostics: report.diagnostics,
    }
}

/// The gateway's error for a result it rejects: 502 (`BadResponse` on FC 3.0) on Alibaba; on Tencent 407
/// for a response over 6 MB, else 403 (583/42611).
pub fn gateway_error(format: Format, reason: String, too_large: bool) -> GatewayError {
    let (status, code) = match format.platform() {
        Platform::Tencent if too_large => (407, None),
        Platform::Tencent => (403, None),
        Platform::Aliyun => (502, (format == Format::AliyunHttp).then_some("BadResponse")),
    };
    GatewayError { status, code, reason }
}

/// The headers and body the gateway answers with for its error `status` (Tencent's 403 body is seed 003's;
/// the 407 body is this library's wording, as no source shows Tencent's; Alibaba's 502 is empty here).
pub fn gateway_body(format: Format, status: u16) -> (Headers, Vec<u8>) {
    match format.platform() {
        Platform::Tencent => {
            let mut h = Headers::new();
            h.append("Content-Type", "application/json");
            let body = if status == 407 { TENCENT_TOO_LARGE_BODY } else { TENCENT_ERROR_BODY };
            (h, body.as_bytes().to_vec())
        }
        Platform::Aliyun => (Headers::new(), Vec::new()),
    }
}

/// The body this library answers for a Tencent response over 6 MB (status 407).
pub const TENCENT_TOO_LARGE_BODY: &str = r#"{"errno":407,"error":"the function response is larger than 6 MB"}"#;

/// The reason phrase of a status code, for status lines.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}
