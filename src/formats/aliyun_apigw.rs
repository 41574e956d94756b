//! `aliyun-apigw`: Alibaba API Gateway → Function Compute event function (seeds 000/001, "Step 4").
//!
//! ```json
//! {"path":"/api/users/42","httpMethod":"POST","headers":{…},"queryParameters":{…},
//!  "pathParameters":{"id":"42"},"body":"eyJhIjoxfQ==","isBase64Encoded":true}
//! ```
//! `queryParameters` is flat: of a repeated key only the first value is written, with a loss.
//!
//! Path policy: `path` is the request target's path, percent-encoded (`/my%20file`), as the readers of this
//! format (`@webserverless/fc-express`, Midway) hand it to Node's `http`; a path that arrives decoded is
//! read all the same. `queryParameters` holds decoded keys and values. The host is the `Host` header.

use super::{host_header, read_target_path, report_unsupported, target_path, Field};
use crate::error::Result;
use crate::format::Format;
use crate::json::Value;
use crate::model::{encode_body, Loss, LossCode, NeutralRequest};
use crate::wire::{flat_headers, flat_map, Obj, ObjWriter};

const FORMAT: Format = Format::AliyunApigw;

/// Read an `aliyun-apigw` event.
///
/// # Errors
/// `missing-field` for `httpMethod` or `path`; `invalid-field` with its pointer.
#[inline(never)] // see formats::read_event
pub fn read(value: Value) -> Result<NeutralRequest> {
    let mut o = Obj::new(value, "")?;
    let mut r = NeutralRequest { method: o.req_str("httpMethod")?, ..Default::default() };
    read_target_path(&mut r, o.req_str("path")?);
    r.headers = o.map("headers")?.into_iter().collect();
    r.host = r.headers.get("host").map(str::to_string);
    r.query = o.map("queryParameters")?;
    r.path_parameters = o.map("pathParameters")?;
    super::read_body(&mut o, &mut r)?;
    r.extras.keep(FORMAT, &[], o.rest());
    Ok(r)
}

/// Write an `aliyun-apigw` event.
#[inline(never)] // see formats::read_event
pub fn write(mut r: NeutralRequest, losses: &mut Vec<Loss>) -> Value {
    report_unsupported(&r, r.source, FORMAT, &[Field::PathParameters], losses);
    r.extras.report_dropped(FORMAT, losses);
    let path = target_path(&mut r, FORMAT);
    host_header(&mut r, FORMAT, losses);
    let headers = std::mem::take(&mut r.headers).into_flat(losses);
    let query = first_values(std::mem::take(&mut r.query), losses);
    let (body, base64) = encode_body(std::mem::take(&mut r.body), r.body_was_base64);
    let mut w = ObjWriter::new();
    w.set("path", path)
        .set("httpMethod", r.method)
        .set("headers", flat_headers(headers))
        .set("queryParameters", flat_map(query))
        .set("pathParameters", flat_map(r.path_parameters))
        .set("body", body)
        .set("isBase64Encoded", base64)
        .extras(r.extras.take(FORMAT, &[]));
    w.build()
}

/// Keep the first value of each query key, reporting the others.
fn first_values(query: Vec<(String, String)>, losses: &mut Vec<Loss>) -> Vec<(String, String)> {
    let grouped = crate::keys::group(query, false);
    let mut out = Vec::with_capacity(grouped.len());
    for (k, mut values) in grouped {
        // One loss per key, counted: a loss per value would repeat the key once per value.
        if let Some(v) = values.get(1) {
            let dropped = values.len() - 1;
            losses.push(
                Loss::new(
                    LossCode::QueryRepeatedDropped,
                    crate::json::pointer("/queryParameters", &k),
                    format!("query key `{k}` repeats; {FORMAT} keeps one value per key, so `{v}` was dropped"),
                )
                .times(dropped),
            );
        }
        values.truncate(1);
        out.push((k, values.pop().unwrap_or_default()));
    }
    out
}
