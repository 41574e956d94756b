//! # trigger-bridge
//!
//! Parse, validate, detect and convert the HTTP events, integration responses and timer events of
//! Alibaba Cloud Function Compute and Tencent Cloud SCF, through one neutral HTTP model, reporting every
//! loss; tell what a caller receives for a function result on each platform; build events from plain HTTP
//! requests; translate timer cron expressions.
//!
//! ```
//! use trigger_bridge::{convert_event, Format};
//!
//! let alibaba = br#"{"path":"/hi","httpMethod":"GET","headers":{},"queryParameters":{"q":"1"},
//!                    "pathParameters":{},"body":"","isBase64Encoded":false}"#;
//! let converted = convert_event(alibaba, None, Format::TencentApigw).unwrap();
//! assert_eq!(converted.from, Some(Format::AliyunApigw));
//! assert_eq!(converted.output["queryString"]["q"], "1");
//! assert!(converted.losses.is_empty());
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic))]

/// Unit tests write JSON with serde_json's `json!` and get the crate's own value.
#[cfg(test)]
macro_rules! json {
    ($($t:tt)+) => {
        crate::json::parse(serde_json::json!($($t)+).to_string().as_bytes()).unwrap()
    };
}

pub mod cli;
pub mod client;
pub mod cron;
pub mod detect;
pub mod error;
pub mod format;
pub mod formats;
pub mod gateway;
pub mod json;
mod keys;
pub mod model;
pub mod parts;
// Object-storage formats are compiled natively and into the tools WebAssembly module, not into the core
// module a handler loads (its size budget, docs/performance.md); the npm package sends them to the tools
// module.
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
pub mod objects;
// Message-queue formats: like the object formats, natively and in the tools module only.
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
pub mod messages;
pub mod request;
pub mod time;
pub mod timer;
pub mod trigger;
pub mod validate;
pub mod wire;

#[cfg(all(target_arch = "wasm32", any(feature = "wasm-core", feature = "wasm-tools")))]
mod wasm;
// The one module with `unsafe`: the core module's allocator (see its documentation).
#[cfg(any(test, all(target_arch = "wasm32", feature = "wasm-core")))]
#[allow(unsafe_code)]
mod arena;

use json::{ToJson, Value};

pub use client::{client_response, ClientResponse, GatewayError};
pub use detect::detect;
pub use error::{Error, ErrorCode, Result};
pub use format::{Format, Platform};
pub use model::{Headers, Loss, LossCode, NeutralRequest, NeutralResponse};
pub use request::HttpRequest;
pub use validate::{validate_event, validate_response, DiagCode, Diagnostic, Report, Severity};

/// What a conversion produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An event (HTTP or timer).
    Event,
    /// An integration response.
    Response,
}

/// A converted payload and everything the target could not carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// Event or response.
    pub kind: Kind,
    /// The source format (`None` for an event built from a plain request).
    pub from: Option<Format>,
    /// The target format.
    pub to: Format,
    /// The converted payload.
    pub output: Value,
    /// What was lost, in the order it was found.
    pub losses: Vec<Loss>,
}

impl Conversion {
    /// The JSON form, moving the payload instead of copying it: `{"from", "to", "event" | "response",
    /// "losses"}`.
    pub fn into_json(self) -> Value {
        let key = if self.kind == Kind::Event { "event" } else { "response" };
        crate::json_object! { "from" => self.from, "to" => self.to, key => self.output, "losses" => self.losses.to_json() }
    }

    /// The one place every event and response conversion ends: its losses are bounded here
    /// ([`model::bound_losses`]: one per code and path, with a count), whatever the writers reported.
    fn finish(kind: Kind, from: Option<Format>, to: Format, output: Value, losses: Vec<Loss>) -> Conversion {
        Conversion { kind, from, to, output, losses: model::bound_losses(losses) }
    }
}

/// Drop every header field HTTP cannot carry safely, reporting each as a `header-unsafe-dropped` loss at
/// `/headers/<name>`. Every event and response conversion passes its neutral headers through here, so no
/// output carries a field that [`validate::header_problem`] refuses: a name that is not a token, a value
/// with CR, LF, NUL or another control character, or a character beyond Latin-1 (U+010D U+010A would reach
/// the wire as CR LF through a Latin-1 writer; Node's `http` throws on it). Dropping, not keeping with a
/// diagnostic, is what each gateway amounts to: no gateway delivers such a field in an event (its HTTP
/// parser refuses the request), and a response carrying one is refused or becomes a header injection.
pub(crate) fn drop_unsafe_headers(headers: &mut Headers, losses: &mut Vec<Loss>) {
    headers.retain(|name, value| match validate::header_problem(name, value) {
        None => true,
        Some(problem) => {
            losses.push(Loss::new(LossCode::HeaderUnsafeDropped, json::pointer("/headers", name), format!("{problem}; the field was dropped")));
            false
        }
    });
}

/// As [`Conversion::into_json`].
impl ToJson for Conversion {
    fn to_json(&self) -> Value {
        self.clone().into_json()
    }
}

/// Convert an event (JSON bytes or text; a Buffer's bytes on FC) into `to`. The source format is detected
/// unless `from` is given.
///
/// # Errors
/// `invalid-json`, `too-deep`, `unknown-format`, `missing-field`, `invalid-field` with the JSON pointer at
/// fault; `unsupported` between formats of different kinds (HTTP, timer, object storage: [`Format::kind`]),
/// and for an object event the target cannot express at all.
pub fn convert_event(input: &[u8], from: Option<Format>, to: Format) -> Result<Conversion> {
    convert_event_value(json::parse(input)?, from, to)
}

/// [`convert_event`] on an already parsed payload (lets a caller free the input bytes first).
///
/// # Errors
/// As [`convert_event`].
pub fn convert_event_value(value: Value, from: Option<Format>, to: Format) -> Result<Conversion> {
    let from = match from {
        Some(f) => f,
        None => detect::detect_value(&value)?,
    };
    let mut losses = Vec::new();
    let output = match (from.kind(), to.kind()) {
        ("timer", "timer") => timer::write_event(to, timer::read_event(from, value)?, &mut losses)?,
        ("object", "object") => convert_objects(from, to, value, &mut losses)?,
        ("message", "message") => convert_messages(from, to, value, &mut losses)?,
        ("http", "http") => {
            let mut request = formats::read_event(from, value)?;
            drop_unsafe_headers(&mut request.headers, &mut losses);
            formats::write_event(to, request, &mut losses)?
        }
        (a, b) => {
            return Err(Error::new(
                ErrorCode::Unsupported,
                format!(
                    "cannot convert an event of {from} into {to}: one is {} {a} event, the other {} {b} event, and nothing in one means anything in the other",
                    article(a),
                    article(b)
                ),
            )
            .in_format(from))
        }
    };
    Ok(Conversion::finish(Kind::Event, Some(from), to, output, losses))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn convert_objects(from: Format, to: Format, value: Value, losses: &mut Vec<Loss>) -> Result<Value> {
    objects::write_event(to, objects::read_event(from, value)?, losses)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn convert_messages(from: Format, to: Format, value: Value, losses: &mut Vec<Loss>) -> Result<Value> {
    messages::write_event(to, messages::read_event(from, value)?, losses)
}

/// The core WebAssembly module leaves the message formats out (the package calls the tools module for them).
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn convert_messages(from: Format, _to: Format, _value: Value, _losses: &mut Vec<Loss>) -> Result<Value> {
    Err(objects_elsewhere(from))
}

/// The core WebAssembly module leaves the object formats out (the package calls the tools module for them).
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn convert_objects(from: Format, _to: Format, _value: Value, _losses: &mut Vec<Loss>) -> Result<Value> {
    Err(objects_elsewhere(from))
}

/// The error of the core WebAssembly module for an object format, which only the tools module converts.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
pub(crate) fn objects_elsewhere(format: Format) -> Error {
    let (convert, validate) = if format.is_message() { ("convertMessageEvent", "validateMessageEvent") } else { ("convertObjectEvent", "validateObjectEvent") };
    Error::new(ErrorCode::Unsupported, format!("{format} events are converted and validated by the tools module ({convert}, {validate})")).in_format(format)
}

fn article(kind: &str) -> &'static str {
    if kind == "object" || kind == "http" {
        "an"
    } else {
        "a"
    }
}

/// Convert a function result from the response format of `from` into that of `to`. A result without
/// `statusCode` behind a pass-through trigger (Tencent Function URL, FC 3.0 HTTP trigger) becomes the
/// explicit 200 JSON response the caller would have received.
///
/// # Errors
/// As [`convert_event`], and `missing-field` for a result without `statusCode` from a gateway format.
pub fn convert_response(input: &[u8], from: Format, to: Format) -> Result<Conversion> {
    convert_response_value(json::parse(input)?, from, to)
}

/// [`convert_response`] on an already parsed result.
///
/// # Errors
/// As [`convert_response`].
pub fn convert_response_value(value: Value, from: Format, to: Format) -> Result<Conversion> {
    let mut neutral = formats::response::read(from, value)?;
    let mut losses = Vec::new();
    drop_unsafe_headers(&mut neutral.headers, &mut losses);
    let output = formats::response::write(to, neutral, &mut losses)?;
    Ok(Conversion::finish(Kind::Response, Some(from), to, output, losses))
}

/// Build the event that format `to` would deliver for a plain HTTP request. Header fields HTTP cannot
/// carry safely are dropped with a `header-unsafe-dropped` loss, and for `aliyun-http` the request headers
/// FC reserves (`x-fc-*` other than its documented controls, `connection`, `keep-alive`) with a
/// `field-dropped` loss, since FC does not pass them to the function.
///
/// # Errors
/// `invalid-request` with the field at fault; `unsupported` for a timer or object format.
pub fn event_from_request(request: HttpRequest, to: Format) -> Result<Conversion> {
    if !to.is_http() {
        return Err(formats::not_http(to));
    }
    let mut neutral = request::to_neutral(request, to)?;
    let mut losses = Vec::new();
    drop_unsafe_headers(&mut neutral.headers, &mut losses);
    if to == Format::AliyunHttp {
        // FC's HTTP trigger does not pass the request headers it reserves to the function.
        neutral.headers.retain(|name, _| {
            let reserved = validate::is_reserved_request_header(&name.to_ascii_lowercase());
            if reserved {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    json::pointer("/headers", name),
                    format!("FC reserves the request header `{name}` and does not pass it to the function"),
                ));
            }
            !reserved
        });
    }
    let output = formats::write_event(to, neutral, &mut losses)?;
    Ok(Conversion::finish(Kind::Event, None, to, output, losses))
}

/// Read an HTTP event into the neutral model (detecting the format unless given).
///
/// # Errors
/// As [`convert_event`].
pub fn read_request(input: &[u8], from: Option<Format>) -> Result<NeutralRequest> {
    let value = json::parse(input)?;
    let from = match from {
        Some(f) => f,
        None => detect::detect_value(&value)?,
    };
    formats::read_event(from, value)
}
