//! `tencent-apigw` (SCF API Gateway trigger, integration request; seed 003) and `tencent-url` (SCF
//! Function URL, Tencent doc 583/96099). The Function URL event is the gateway event without
//! `requestContext`, the configured-parameter maps and `isBase64Encoded`; the client IP arrives in the
//! header `x-scf-remote-addr`.
//!
//! `queryString` holds the whole query; a repeated key is read from and written as an array of values.
//!
//! Path policy: `path` is the request target's path, percent-encoded (`/my%20file`), as
//! `tencent-serverless-http` hands it to Node's `http`; a path that arrives decoded is read all the same.
//! `queryString` holds decoded keys and values. The host is the `Host` header.

use super::{host_header, read_target_path, report_unsupported, target_path, Field};
use crate::error::Result;
use crate::format::Format;
use crate::json::{Map, Value};
use crate::model::{encode_body, text_body, Loss, LossCode, NeutralRequest};
use crate::wire::{flat_headers, flat_map, multi_map, Obj, ObjWriter};

const CONTEXT: &[&str] = &["requestContext"];
/// Header in which a Function URL passes the client address.
pub const REMOTE_ADDR: &str = "x-scf-remote-addr";

/// Read a `tencent-apigw` or `tencent-url` event (the reader is the same; absent fields stay absent).
///
/// # Errors
/// `missing-field` for `path` or the method; `invalid-field` with its pointer.
#[inline(never)] // see formats::read_event
pub fn read(format: Format, value: Value) -> Result<NeutralRequest> {
    let mut o = Obj::new(value, "")?;
    let mut r = NeutralRequest::default();
    let mut context = o.obj("requestContext")?;
    let top_method = o.str("httpMethod")?;
    let context_method = match &mut context {
        Some(c) => c.str("httpMethod")?,
        None => None,
    };
    r.method = match (top_method, context_method) {
        (Some(m), _) | (None, Some(m)) => m,
        (None, None) => return Err(crate::error::Error::at(crate::error::ErrorCode::MissingField, "/httpMethod", "`httpMethod` is required")),
    };
    read_target_path(&mut r, o.req_str("path")?);
    r.headers = o.map("headers")?.into_iter().collect();
    r.host = r.headers.get("host").map(str::to_string);
    r.query = o.map("queryString")?;
    r.path_parameters = o.map("pathParameters")?;
    super::read_body(&mut o, &mut r)?;
    if let Some(mut c) = context {
        r.path_template = c.str("path")?;
        r.request_id = c.str("requestId")?;
        r.client_ip = c.str("sourceIp")?;
        r.stage = c.str("stage")?;
        r.extras.keep(format, CONTEXT, c.rest());
    }
    if r.client_ip.is_none() {
        r.client_ip = r.headers.get(REMOTE_ADDR).map(str::to_string);
    }
    // Configured-parameter maps: kept for a round trip into the same format, dropped elsewhere, but an
    // empty one is no information (Function URL events carry them empty).
    for key in ["queryStringParameters", "headerParameters", "stageVariables"] {
        match o.take(key) {
            Some(Value::Object(m)) if m.is_empty() => {}
            Some(Value::Null) | None => {}
            Some(v) => r.extras.keep_one(format, &[], key, v),
        }
    }
    r.extras.keep(format, &[], o.rest());
    Ok(r)
}

/// Write a `tencent-apigw` or `tencent-url` event.
#[inline(never)] // see formats::read_event
pub fn write(format: Format, mut r: NeutralRequest, losses: &mut Vec<Loss>) -> Value {
    let url = format == Format::TencentUrl;
    let carried: &[Field] =
        if url { &[Field::ClientIp] } else { &[Field::ClientIp, Field::RequestId, Field::Stage, Field::PathParameters, Field::PathTemplate] };
    report_unsupported(&r, r.source, format, carried, losses);
    r.extras.report_dropped(format, losses);
    let path = target_path(&mut r, format);
    host_header(&mut r, format, losses);
    let has_remote_addr = r.headers.contains(REMOTE_ADDR);
    let headers = flat_headers(std::mem::take(&mut r.headers).into_flat(losses));
    report_reordered(&r.query, losses);
    let query = multi_map(std::mem::take(&mut r.query));
    let body = std::mem::take(&mut r.body);
    let mut w = ObjWriter::new();
    if url {
        // Captured Function URL events carry the client address as `requestContext.sourceIp`; the doc
        // names the `x-scf-remote-addr` header. Both are read; a header that is there is kept as it is.
        let mut context = ObjWriter::new();
        context.extras(r.extras.take(format, CONTEXT));
        context.opt("sourceIp", r.client_ip.filter(|_| !has_remote_addr));
        let context = context.build();
        w.set("body", text_body(body, format, losses)).set("headers", headers).set("httpMethod", r.method).set("path", path).set("queryString", query);
        if context.as_object().is_some_and(|c| !c.is_empty()) {
            w.set("requestContext", context);
        }
        return with_extras(w, r.extras.take(format, &[]));
    }
    let (body, base64) = encode_body(body, r.body_was_base64);
    let mut context = ObjWriter::new();
    context.extras(r.extras.take(format, CONTEXT));
    context
        .set("path", r.path_template.unwrap_or_else(|| path.clone()))
        .set("httpMethod", r.method.clone())
        .opt("requestId", r.request_id)
        .opt("sourceIp", r.client_ip)
        .opt("stage", r.stage);
    let mut rest = r.extras.take(format, &[]);
    let mut configured = |key: &str| rest.remove(key).unwrap_or_else(|| Value::Object(Map::new()));
    let (query_params, header_params, stage_vars) = (configured("queryStringParameters"), configured("headerParameters"), configured("stageVariables"));
    w.set("requestContext", context.build())
        .set("headers", headers)
        .set("body", body)
        .set("pathParameters", flat_map(r.path_parameters))
        .set("queryStringParameters", query_params)
        .set("headerParameters", header_params)
        .set("stageVariables", stage_vars)
        .set("path", path)
        .set("queryString", query)
        .set("httpMethod", r.method)
        .set("isBase64Encoded", base64);
    with_extras(w, rest)
}

/// A JSON map groups the values of a repeated key: report each key whose values were interleaved with
/// other keys (`a=1&b=2&a=3` is written `{"a": ["1", "3"], "b": "2"}`).
fn report_reordered(query: &[(String, String)], losses: &mut Vec<Loss>) {
    let keys: Vec<&str> = query.iter().map(|(k, _)| k.as_str()).collect();
    let firsts = crate::keys::first_positions(&keys, false);
    let mut reported = vec![false; keys.len()];
    for (i, pair) in firsts.windows(2).enumerate() {
        if let [before, this] = *pair {
            let seen = reported.get_mut(this);
            if this != i + 1 && before != this && seen.as_deref() == Some(&false) {
                if let Some(seen) = seen {
                    *seen = true;
                }
                let key = keys.get(this).copied().unwrap_or_default();
                losses.push(Loss::new(
                    LossCode::QueryReordered,
                    crate::json::pointer("/queryString", key),
                    format!("query key `{key}` repeats between other keys; a JSON map groups its values, so the order of the query changed"),
                ));
            }
        }
    }
}

fn with_extras(mut w: ObjWriter, extras: Map) -> Value {
    w.extras(extras);
    w.build()
}
