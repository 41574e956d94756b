//! `aliyun-apigw`: Alibaba API Gateway → Function Compute event function (seeds 000/001, "Step 4").
//!
//! ```json
//! {"path":"/api/users/42","httpMethod":"POST","headers":{…},"queryParameters":{…},
//!  "pathParameters":{"id":"42"},"body":"eyJhIjoxfQ==","isBase64Encoded":true}
//! ```
//! `queryParameters` is flat: of a repeated key only the first value is written, with a loss.

use super::{report_unsupported, Field};
use crate::error::Result;
use crate::format::Format;
use crate::json::Value;
use crate::model::{decode_body, encode_body, Loss, LossCode, NeutralRequest};
use crate::wire::{flat_map, Obj, ObjWriter};

const FORMAT: Format = Format::AliyunApigw;

/// Read an `aliyun-apigw` event.
///
/// # Errors
/// `missing-field` for `httpMethod` or `path`; `invalid-field`, `invalid-base64` with their pointers.
pub fn read(value: Value) -> Result<NeutralRequest> {
    let mut o = Obj::new(value, "")?;
    let mut r = NeutralRequest {
        method: o.req_str("httpMethod")?,
        path: o.req_str("path")?,
        headers: o.map("headers")?.into_iter().collect(),
        query: o.map("queryParameters")?,
        path_parameters: o.map("pathParameters")?,
        ..Default::default()
    };
    r.body_was_base64 = o.bool("isBase64Encoded")?.unwrap_or(false);
    r.body = decode_body(o.str("body")?.unwrap_or_default(), r.body_was_base64, "/body")?;
    r.extras.keep(FORMAT, &[], o.rest());
    Ok(r)
}

/// Write an `aliyun-apigw` event.
pub fn write(mut r: NeutralRequest, losses: &mut Vec<Loss>) -> Value {
    report_unsupported(&r, r.source, FORMAT, &[Field::PathParameters], losses);
    r.extras.report_dropped(FORMAT, losses);
    let headers = r.headers.flatten(losses);
    let query = first_values(std::mem::take(&mut r.query), losses);
    let (body, base64) = encode_body(std::mem::take(&mut r.body), r.body_was_base64);
    let mut w = ObjWriter::new();
    w.set("path", r.path)
        .set("httpMethod", r.method)
        .set("headers", flat_map(headers))
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
