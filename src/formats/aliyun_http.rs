//! `aliyun-http`: Alibaba Function Compute 3.0 HTTP trigger, event function in a built-in runtime
//! (Alibaba doc "HTTP trigger invoking function"; `aliyun/fc-runtime-go-sdk` `events/http.go`).
//!
//! Repeated header and query values arrive joined with commas, which cannot be split again; `rawPath` is
//! percent-encoded and `requestContext.http.path` decoded.

use super::{decode_path, encode_path, report_unsupported, Field};
use crate::error::Result;
use crate::format::Format;
use crate::json::Value;
use crate::model::{decode_body, encode_body, Loss, LossCode, NeutralRequest};
use crate::time;
use crate::wire::{flat_map, Obj, ObjWriter};

const FORMAT: Format = Format::AliyunHttp;
const CONTEXT: &[&str] = &["requestContext"];
const HTTP: &[&str] = &["requestContext", "http"];

/// Read an `aliyun-http` event.
///
/// # Errors
/// `missing-field` for `requestContext.http.method`; `invalid-field`, `invalid-base64` with their pointers.
pub fn read(value: Value) -> Result<NeutralRequest> {
    let mut o = Obj::new(value, "")?;
    let mut r = NeutralRequest::default();
    match o.str("version")? {
        Some(v) if v != "v1" => r.extras.keep_one(FORMAT, &[], "version", Value::String(v)),
        _ => {}
    }
    let raw_path = o.str("rawPath")?;
    r.body_was_base64 = o.bool("isBase64Encoded")?.unwrap_or(false);
    r.body = decode_body(o.str("body")?.unwrap_or_default(), r.body_was_base64, "/body")?;
    r.headers = o.map("headers")?.into_iter().collect();
    r.query = o.map("queryParameters")?;
    let mut context = match o.obj("requestContext")? {
        Some(c) => c,
        None => Obj::new(Value::Object(Default::default()), "/requestContext")?,
    };
    let mut http = match context.obj("http")? {
        Some(h) => h,
        None => Obj::new(Value::Object(Default::default()), "/requestContext/http")?,
    };
    r.method = http.req_str("method")?;
    let path = http.str("path")?;
    r.client_ip = http.str("sourceIp")?;
    // The writer always says HTTP/1.1; only another protocol is information.
    match http.str("protocol")? {
        Some(p) if p != "HTTP/1.1" => r.extras.keep_one(FORMAT, HTTP, "protocol", Value::String(p)),
        _ => {}
    }
    // userAgent repeats the User-Agent header; keep it only when the header is missing.
    if let Some(agent) = http.str("userAgent")? {
        if r.headers.get("user-agent") != Some(agent.as_str()) {
            r.extras.keep_one(FORMAT, HTTP, "userAgent", Value::String(agent));
        }
    }
    r.request_id = context.str("requestId")?;
    r.time = context.str("time")?;
    // timeEpoch repeats time in milliseconds; keep it unless the writer would derive exactly the same.
    if let Some(epoch) = context.str("timeEpoch")? {
        let derived = r.time.as_deref().and_then(time::parse_rfc3339).map(|secs| (secs * 1000).to_string());
        if derived.as_deref() != Some(epoch.as_str()) {
            r.extras.keep_one(FORMAT, CONTEXT, "timeEpoch", Value::String(epoch));
        }
    }
    r.path = match (&path, &raw_path) {
        (Some(p), _) => p.clone(),
        (None, Some(raw)) => decode_path(raw),
        (None, None) => "/".to_string(),
    };
    r.raw_path = raw_path;
    r.extras.keep(FORMAT, HTTP, http.rest());
    r.extras.keep(FORMAT, CONTEXT, context.rest());
    r.extras.keep(FORMAT, &[], o.rest());
    Ok(r)
}

/// Write an `aliyun-http` event.
pub fn write(mut r: NeutralRequest, losses: &mut Vec<Loss>) -> Value {
    report_unsupported(&r, r.source, FORMAT, &[Field::ClientIp, Field::RequestId, Field::Time], losses);
    r.extras.report_dropped(FORMAT, losses);
    let headers = r.headers.flatten(losses);
    let user_agent = r.headers.get("user-agent").map(str::to_string);
    let query = joined_values(std::mem::take(&mut r.query), losses);
    let (body, base64) = encode_body(std::mem::take(&mut r.body), r.body_was_base64);
    let raw_path = r.raw_path.take().unwrap_or_else(|| encode_path(&r.path));
    let epoch = r.time.as_deref().and_then(time::parse_rfc3339).map(|secs| (secs * 1000).to_string());

    let mut http = ObjWriter::new();
    http.set("method", r.method).set("path", r.path);
    http.extras(r.extras.take(FORMAT, HTTP));
    http.or_set("protocol", "HTTP/1.1").opt("sourceIp", r.client_ip).opt("userAgent", user_agent);
    let mut context = ObjWriter::new();
    context.extras(r.extras.take(FORMAT, CONTEXT));
    context.set("http", http.build()).opt("requestId", r.request_id).opt("time", r.time);
    if let Some(epoch) = epoch {
        context.or_set("timeEpoch", epoch);
    }

    let mut w = ObjWriter::new();
    w.set("version", "v1")
        .set("rawPath", raw_path)
        .set("body", body)
        .set("isBase64Encoded", base64)
        .set("headers", flat_map(headers))
        .set("queryParameters", flat_map(query))
        .set("requestContext", context.build())
        .extras(r.extras.take(FORMAT, &[]));
    w.build()
}

/// Join repeated query keys with commas as FC 3.0 does, reporting each join.
fn joined_values(query: Vec<(String, String)>, losses: &mut Vec<Loss>) -> Vec<(String, String)> {
    let grouped = crate::keys::group(query, false);
    let mut out = Vec::with_capacity(grouped.len());
    for (k, values) in grouped {
        // One loss per key, counted: a loss per value would repeat the key once per value.
        if values.len() > 1 {
            losses.push(
                Loss::new(
                    LossCode::QueryRepeatedJoined,
                    crate::json::pointer("/queryParameters", &k),
                    format!("query key `{k}` repeats; {FORMAT} joins the values with commas and the split is not recoverable"),
                )
                .times(values.len() - 1),
            );
        }
        out.push((k, values.join(",")));
    }
    out
}
