//! Integration responses: what an event function returns behind each HTTP trigger. All four formats share
//! `{"isBase64Encoded", "statusCode", "headers", "body"}` (seeds 000/001 "Step 5", seed 003); the Tencent
//! Function URL response has no `isBase64Encoded`. What each platform *accepts* differs, and is the business
//! of [`crate::validate`]; reading here is tolerant so that any result a platform accepts converts.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::Value;
use crate::model::{decode_body, encode_body, text_body, Headers, Loss, NeutralResponse};
use crate::wire::{flat_headers, Obj, ObjWriter};

/// Whether `format` answers a result without `statusCode` with 200 and the result as a JSON body, instead
/// of rejecting it (Tencent Function URL; FC 3.0 HTTP trigger, whose doc says a result that is not a
/// response struct is returned as the body).
pub fn passes_through(format: Format) -> bool {
    matches!(format, Format::TencentUrl | Format::AliyunHttp)
}

/// Read a function result as the response of `format`.
///
/// `statusCode` may be an integer or a numeric string, `isBase64Encoded` a boolean or `"true"`/`"false"`,
/// `body` a string or any JSON value (serialized, as Alibaba does with the object body of its Node sample).
///
/// # Errors
/// `missing-field` when `statusCode` is absent on a format that needs it; `invalid-field` for a status
/// outside 100–599, a non-object result, headers that are not a map.
pub fn read(format: Format, value: Value) -> Result<NeutralResponse> {
    if !format.is_http() {
        return Err(super::not_http(format));
    }
    let result = match value {
        Value::Object(ref map) if map.contains_key("statusCode") => read_integration(format, value),
        other if passes_through(format) => Ok(passthrough(&other)),
        Value::Object(_) => Err(Error::at(ErrorCode::MissingField, "/statusCode", "`statusCode` is required")),
        other => Err(Error::new(ErrorCode::InvalidField, format!("a response must be a JSON object, saw {}", crate::json::type_name(&other)))),
    };
    result.map_err(|e| e.in_format(format))
}

/// What a pass-through format makes of a result without `statusCode`: 200, JSON, the result as body.
pub fn passthrough(value: &Value) -> NeutralResponse {
    let mut headers = Headers::new();
    headers.append("Content-Type", "application/json");
    NeutralResponse { status: 200, headers, body: value.to_string().into_bytes().into(), ..Default::default() }
}

fn read_integration(format: Format, value: Value) -> Result<NeutralResponse> {
    let mut o = Obj::new(value, "")?;
    let status_text = o.req_str("statusCode")?;
    let status =
        status_text.trim().parse::<u16>().ok().filter(|s| (100..=599).contains(s)).ok_or_else(|| {
            Error::at(ErrorCode::InvalidField, "/statusCode", format!("`statusCode` must be an integer from 100 to 599, saw `{status_text}`"))
        })?;
    let body_was_base64 = o.bool("isBase64Encoded")?.unwrap_or(false);
    let headers = o.map("headers")?.into_iter().collect();
    let body_text = match o.take("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
    };
    let read = decode_body(body_text, body_was_base64, "/body");
    let tolerated = read.tolerated.into_iter().collect();
    let mut response = NeutralResponse { status, headers, body: read.body, body_was_base64: read.was_base64, tolerated, ..Default::default() };
    response.extras.keep(format, &[], o.rest());
    Ok(response)
}

/// Write a neutral response as the integration response of `format`.
///
/// # Errors
/// `unsupported` for a timer format.
pub fn write(format: Format, mut r: NeutralResponse, losses: &mut Vec<Loss>) -> Result<Value> {
    if !format.is_http() {
        return Err(super::not_http(format));
    }
    losses.append(&mut r.tolerated);
    r.extras.report_dropped(format, losses);
    let headers = flat_headers(std::mem::take(&mut r.headers).into_flat(losses));
    let body = std::mem::take(&mut r.body);
    let mut w = ObjWriter::new();
    if format == Format::TencentUrl {
        w.set("statusCode", r.status).set("headers", headers).set("body", text_body(body, format, losses));
    } else {
        let (body, base64) = encode_body(body, r.body_was_base64);
        w.set("isBase64Encoded", base64).set("statusCode", r.status).set("headers", headers).set("body", body);
    }
    w.extras(r.extras.take(format, &[]));
    Ok(w.build())
}
