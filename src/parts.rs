//! Request and response parts: the HTTP request an app sees for an event, and the integration response a
//! format needs for the HTTP response an app returns. The adapters (`handle`, `handleNode`, `adapt` in the npm
//! package; [`http`](https://docs.rs/http) types for Rust callers with the `http` feature) sit on these two
//! functions, so every rule stays in the formats and the neutral model.
//!
//! ```
//! use trigger_bridge::parts::{integration_response, request_parts, BodyEncoding, ResponseParts};
//! use trigger_bridge::Format;
//!
//! let event = br#"{"path":"/users/42","httpMethod":"GET","headers":{"Host":"api.example.com"},
//!                  "queryParameters":{"q":"1"},"pathParameters":{},"body":"","isBase64Encoded":false}"#;
//! let request = request_parts(event, None, false).unwrap();
//! assert_eq!(request.url, "https://api.example.com/users/42?q=1");
//!
//! let png = ResponseParts { status: 200, headers: vec![("Content-Type".into(), "image/png".into())], body: vec![0x89, b'P'] };
//! let out = integration_response(png, Format::TencentApigw, &BodyEncoding::default()).unwrap();
//! assert_eq!(out.response["isBase64Encoded"].as_bool(), Some(true));
//! assert!(out.gateway_error.is_none());
//! ```

use crate::client::{self, GatewayError};
use crate::error::Result;
use crate::format::Format;
use crate::formats::{self, response};
use crate::json::{self, Value};
use crate::model::{Headers, Loss, LossCode, NeutralRequest, NeutralResponse};
use crate::validate::{self, DiagCode, Diagnostic, Severity};

/// The HTTP request an app sees for an event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct RequestParts {
    /// The format the event was read as.
    #[cfg_attr(feature = "serde", serde(serialize_with = "format_id"))]
    pub format: Format,
    /// Method as sent, e.g. `POST`.
    pub method: String,
    /// Absolute URL: `https://` (or the scheme of `X-Forwarded-Proto`), the host from the event's domain
    /// or `Host` header (`localhost` when neither exists), the path as the client sent it
    /// (percent-encoded), and the query in order with its repeats.
    pub url: String,
    /// Header fields in order; a name may repeat. (In the npm package's modules they serialize as one
    /// string, `name\nvalue\nname\nvalue…`, which the JS wrapper splits back into pairs: one string crosses
    /// the boundary instead of two per field, and no name or value can hold a line break once
    /// [`request_parts`] has dropped the unsafe fields.)
    #[cfg_attr(all(feature = "serde", target_arch = "wasm32"), serde(serialize_with = "flat_pairs"))]
    pub headers: Vec<(String, String)>,
    /// Body bytes (a `Uint8Array` in JS).
    #[cfg_attr(feature = "serde", serde(with = "serde_bytes"))]
    pub body: Vec<u8>,
    /// Client address.
    pub client_ip: Option<String>,
    /// The platform's request id.
    pub request_id: Option<String>,
    /// API Gateway stage or environment.
    pub stage: Option<String>,
    /// Path parameters the gateway extracted, in order.
    pub path_parameters: Vec<(String, String)>,
    /// The API's path template, e.g. `/users/{id}`.
    pub path_template: Option<String>,
    /// Request time, RFC 3339 (UTC).
    pub time: Option<String>,
    /// What reading the event tolerated, and a body dropped for a fetch `Request` (see [`request_parts`]).
    pub losses: Vec<Loss>,
}

#[cfg(feature = "serde")]
fn format_id<S: serde::Serializer>(format: &Format, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(format.id())
}

#[cfg(all(feature = "serde", target_arch = "wasm32"))]
fn flat_pairs<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> std::result::Result<S::Ok, S::Error> {
    let mut flat = String::with_capacity(pairs.iter().map(|(n, v)| n.len() + v.len() + 2).sum());
    for (name, value) in pairs {
        if !flat.is_empty() {
            flat.push('\n');
        }
        flat.push_str(name);
        flat.push('\n');
        flat.push_str(value);
    }
    s.serialize_str(&flat)
}

/// Methods whose WHATWG `Request` cannot carry a body.
fn bodyless(method: &str) -> bool {
    method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD")
}

/// The request an app sees for an HTTP event (JSON bytes; FC's Buffer), detecting the format unless `from`
/// is given. With `fetch`, a body on a GET or HEAD request (which a WHATWG `Request` refuses) is dropped
/// and reported as a `body-dropped` loss instead of failing the request.
///
/// # Errors
/// As [`crate::convert_event`]: `invalid-json`, `too-deep`, `unknown-format`, `missing-field`,
/// `invalid-field`, `invalid-base64`; `unsupported` for a timer event.
pub fn request_parts(input: &[u8], from: Option<Format>, fetch: bool) -> Result<RequestParts> {
    request_parts_value(json::parse(input)?, from, fetch)
}

/// [`request_parts`] on an already parsed event.
///
/// # Errors
/// As [`request_parts`].
pub fn request_parts_value(value: Value, from: Option<Format>, fetch: bool) -> Result<RequestParts> {
    let format = match from {
        Some(f) => f,
        None => crate::detect::detect_value(&value)?,
    };
    let request = formats::read_event(format, value)?;
    Ok(from_neutral(format, request, fetch))
}

fn from_neutral(format: Format, mut r: NeutralRequest, fetch: bool) -> RequestParts {
    // What reading tolerated, then the header fields HTTP cannot carry (as every conversion does).
    let mut losses = std::mem::take(&mut r.tolerated);
    crate::drop_unsafe_headers(&mut r.headers, &mut losses);
    let scheme = match r.headers.get("x-forwarded-proto").map(|p| p.trim().to_ascii_lowercase()) {
        Some(p) if p == "http" || p == "https" => p,
        _ => "https".to_string(),
    };
    let host = r.host.take().filter(|h| !h.is_empty()).unwrap_or_else(|| "localhost".to_string());
    // The request target's path: escapes as the client sent them, only what a URL cannot hold encoded.
    let mut path = match r.raw_path.take() {
        Some(raw) => formats::normalize_raw_path(&raw),
        None => formats::encode_path(&r.path),
    };
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let mut url = scheme;
    url.push_str("://");
    url.push_str(&host);
    url.push_str(&path);
    if !r.query.is_empty() {
        url.push('?');
        url.push_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(r.query.iter()).finish());
    }
    let mut body = std::mem::take(&mut r.body).into_bytes();
    if fetch && bodyless(&r.method) && !body.is_empty() {
        losses.push(Loss::new(
            LossCode::BodyDropped,
            "/body",
            format!("a {} request with a {}-byte body: a fetch Request cannot carry it, so the app sees none", r.method, body.len()),
        ));
        body = Vec::new();
    }
    RequestParts {
        format,
        method: r.method,
        url,
        headers: r.headers.into_pairs(),
        body,
        client_ip: r.client_ip,
        request_id: r.request_id,
        stage: r.stage,
        path_parameters: r.path_parameters,
        path_template: r.path_template,
        time: r.time,
        losses,
    }
}

/// An HTTP response as an app returns it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(rename_all = "camelCase"))]
pub struct ResponseParts {
    /// Status code, 100–599.
    pub status: u16,
    /// Header fields in order; `Set-Cookie` may repeat.
    #[cfg_attr(feature = "serde", serde(default))]
    pub headers: Vec<(String, String)>,
    /// Body bytes (a `Uint8Array` from JS).
    #[cfg_attr(feature = "serde", serde(default, with = "serde_bytes"))]
    pub body: Vec<u8>,
}

/// How to choose between a text and a base64 body (formats with an `isBase64Encoded` flag).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(rename_all = "camelCase", default))]
pub struct BodyEncoding {
    /// The answer, when the caller decided (a JS `binary` function): `true` base64, `false` text (base64
    /// all the same when the bytes are not UTF-8).
    pub base64: Option<bool>,
    /// Media types that are always base64, besides the default rule: `image/png`, `image/*`, `*/*`.
    pub binary_types: Vec<String>,
}

/// The default rule's textual media types (lower case, without parameters).
fn is_text_type(media: &str) -> bool {
    media.starts_with("text/")
        || media.ends_with("json")
        || media.ends_with("xml")
        || matches!(media, "application/javascript" | "application/x-www-form-urlencoded" | "application/graphql")
}

fn matches_type(pattern: &str, media: &str) -> bool {
    let pattern = pattern.trim().to_ascii_lowercase();
    match pattern.strip_suffix("/*") {
        Some("*") => true,
        Some(top) => media.split('/').next() == Some(top),
        None => pattern == media,
    }
}

/// Whether a response body goes out as base64: the caller's answer if given; base64 for a
/// `Content-Encoding` other than `identity` (compressed bytes); base64 for a type in `binary_types`; text
/// for a textual type (`text/*`, any `…json` or `…xml` type, JavaScript, forms, GraphQL) or one with a
/// `charset`; text without a
/// `Content-Type` when the bytes are UTF-8; base64 otherwise. Bytes that are not UTF-8 are base64 whatever
/// the rule says, where the format has the flag.
pub fn is_base64_body(headers: &Headers, body: &[u8], encoding: &BodyEncoding) -> bool {
    if let Some(answer) = encoding.base64 {
        return answer;
    }
    if headers.get("content-encoding").is_some_and(|e| !e.trim().is_empty() && !e.trim().eq_ignore_ascii_case("identity")) {
        return true;
    }
    let Some(content_type) = headers.get("content-type") else {
        return std::str::from_utf8(body).is_err();
    };
    let lower = content_type.to_ascii_lowercase();
    let media = lower.split(';').next().unwrap_or_default().trim();
    if encoding.binary_types.iter().any(|p| matches_type(p, media)) {
        return true;
    }
    // A byte search: a str pattern brings the standard library's substring searcher and its panic paths.
    let charset = lower.as_bytes().windows(8).any(|w| w == b"charset=");
    !(is_text_type(media) || charset)
}

/// Headers that describe the app's connection, not the response: the gateway frames the response itself.
fn is_framing(name: &str) -> bool {
    ["connection", "keep-alive", "transfer-encoding", "content-length"].iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// An integration response and what it cost.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IntegrationResponse {
    /// The format written.
    #[cfg_attr(feature = "serde", serde(serialize_with = "format_id"))]
    pub format: Format,
    /// What to return from the handler: the integration response, or, when the platform would reject it,
    /// the platform's own answer (see `gateway_error`).
    pub response: Value,
    /// What the format could not carry (several `Set-Cookie` in a flat map, a binary body without a flag).
    pub losses: Vec<Loss>,
    /// What the platform says about the integration response (validation of the written response).
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the platform would reject the integration response; `response` is then its answer.
    pub gateway_error: Option<GatewayError>,
}

/// Write an app's response as the integration response of `format`: the body as text or base64 by
/// [`is_base64_body`], repeated headers folded as the format requires (losses), framing headers
/// (`Connection`, `Keep-Alive`, `Transfer-Encoding`, `Content-Length`) left to the gateway, and the
/// result validated as the platform would. A result the platform would reject (headers over 8 KB on FC, a
/// response over 6 MB on SCF, a header value with CR or LF) is replaced by the platform's answer (502 on
/// Alibaba, 407 for size and 403 otherwise on Tencent) with `gateway_error` set.
///
/// # Errors
/// `invalid-field` for a status outside 100–599; `unsupported` for a timer or object format.
pub fn integration_response(parts: ResponseParts, format: Format, encoding: &BodyEncoding) -> Result<IntegrationResponse> {
    if !format.is_http() {
        return Err(formats::not_http(format));
    }
    if !(100..=599).contains(&parts.status) {
        return Err(crate::Error::at(crate::ErrorCode::InvalidField, "/status", "status must be from 100 to 599").in_format(format));
    }
    let mut headers: Headers = parts.headers.into_iter().filter(|(n, _)| !is_framing(n)).collect();
    let mut losses = Vec::new();
    crate::drop_unsafe_headers(&mut headers, &mut losses);
    let base64 = is_base64_body(&headers, &parts.body, encoding);
    let neutral = NeutralResponse { status: parts.status, headers, body: parts.body.into(), body_was_base64: base64, ..Default::default() };
    let value = response::write(format, neutral, &mut losses)?;
    let diagnostics = validate::validate_response_value(&value, format).diagnostics;
    let gateway_error = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map(|d| client::gateway_error(format, d.message.clone(), d.code == DiagCode::ResponseTooLarge));
    let response = match &gateway_error {
        Some(e) => gateway_answer(format, e.status),
        None => value,
    };
    Ok(IntegrationResponse { format, response, losses, diagnostics, gateway_error })
}

/// The platform's answer as an integration response of `format`.
fn gateway_answer(format: Format, status: u16) -> Value {
    let (headers, body) = client::gateway_body(format, status);
    let neutral = NeutralResponse { status, headers, body: body.into(), ..Default::default() };
    response::write(format, neutral, &mut Vec::new()).unwrap_or(Value::Null)
}

#[cfg(feature = "http")]
mod http_types {
    //! `http::Request<Vec<u8>>` and `http::Response<Vec<u8>>` for Rust callers, as `lambda_http` gives AWS.

    use super::{integration_response, request_parts, BodyEncoding, IntegrationResponse, RequestParts, ResponseParts};
    use crate::error::{Error, ErrorCode, Result};
    use crate::format::Format;

    /// What an event knew beyond the HTTP request, in the request's extensions.
    #[derive(Debug, Clone, Default, PartialEq, Eq)]
    pub struct RequestInfo {
        /// The format the event was read as.
        pub format: Option<Format>,
        /// Client address.
        pub client_ip: Option<String>,
        /// The platform's request id.
        pub request_id: Option<String>,
        /// API Gateway stage.
        pub stage: Option<String>,
        /// Path parameters, in order.
        pub path_parameters: Vec<(String, String)>,
        /// The API's path template.
        pub path_template: Option<String>,
        /// Request time, RFC 3339.
        pub time: Option<String>,
        /// What reading the event tolerated.
        pub losses: Vec<crate::Loss>,
    }

    impl TryFrom<RequestParts> for http::Request<Vec<u8>> {
        type Error = Error;

        /// Build the request; the rest of the parts go into a [`RequestInfo`] extension.
        ///
        /// # Errors
        /// `invalid-request` for a method, URL or header the `http` crate refuses.
        fn try_from(p: RequestParts) -> Result<Self> {
            let bad = |what: &str, e: &dyn std::fmt::Display| Error::new(ErrorCode::InvalidRequest, format!("{what}: {e}"));
            let mut builder = http::Request::builder().method(p.method.as_str()).uri(p.url.as_str());
            for (name, value) in &p.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            let info = RequestInfo {
                format: Some(p.format),
                client_ip: p.client_ip,
                request_id: p.request_id,
                stage: p.stage,
                path_parameters: p.path_parameters,
                path_template: p.path_template,
                time: p.time,
                losses: p.losses,
            };
            builder.extension(info).body(p.body).map_err(|e| bad("the request is not valid HTTP", &e))
        }
    }

    impl From<http::Response<Vec<u8>>> for ResponseParts {
        fn from(response: http::Response<Vec<u8>>) -> Self {
            let (head, body) = response.into_parts();
            let headers = head.headers.iter().map(|(n, v)| (n.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
            ResponseParts { status: head.status.as_u16(), headers, body }
        }
    }

    /// The `http::Request` for an HTTP event (see [`request_parts`]); extra fields in [`RequestInfo`].
    ///
    /// # Errors
    /// As [`request_parts`], and `invalid-request` for what the `http` crate refuses.
    pub fn http_request(input: &[u8], from: Option<Format>) -> Result<http::Request<Vec<u8>>> {
        request_parts(input, from, false)?.try_into()
    }

    /// The integration response of `format` for an `http::Response` (see [`integration_response`]).
    ///
    /// # Errors
    /// As [`integration_response`].
    pub fn http_integration_response(response: http::Response<Vec<u8>>, format: Format, encoding: &BodyEncoding) -> Result<IntegrationResponse> {
        integration_response(response.into(), format, encoding)
    }
}

#[cfg(feature = "http")]
pub use http_types::{http_integration_response, http_request, RequestInfo};

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn text_or_base64() {
        let d = BodyEncoding::default();
        assert!(!is_base64_body(&headers(&[("Content-Type", "text/html")]), b"x", &d));
        assert!(!is_base64_body(&headers(&[("Content-Type", "application/problem+json")]), b"x", &d));
        assert!(!is_base64_body(&headers(&[("Content-Type", "application/octet-stream; charset=utf-8")]), b"x", &d));
        assert!(is_base64_body(&headers(&[("Content-Type", "image/png")]), b"x", &d));
        assert!(is_base64_body(&headers(&[("Content-Type", "text/html"), ("Content-Encoding", "gzip")]), b"x", &d));
        assert!(!is_base64_body(&headers(&[("Content-Type", "text/html"), ("Content-Encoding", "identity")]), b"x", &d));
        assert!(!is_base64_body(&headers(&[]), b"hello", &d));
        assert!(is_base64_body(&headers(&[]), &[0xff], &d));
        let list = BodyEncoding { base64: None, binary_types: vec!["text/*".into()] };
        assert!(is_base64_body(&headers(&[("Content-Type", "text/csv")]), b"x", &list));
        let forced = BodyEncoding { base64: Some(false), binary_types: vec!["*/*".into()] };
        assert!(!is_base64_body(&headers(&[("Content-Type", "image/png")]), b"x", &forced));
    }
}
