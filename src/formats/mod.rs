//! One module per platform wire format. Each knows its own shape and the neutral model, never another
//! format: `read` turns a payload into a [`NeutralRequest`], `write` turns a neutral request into a payload
//! and reports what the format cannot carry.

pub mod aliyun_apigw;
pub mod aliyun_http;
pub mod response;
pub mod tencent;

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::Value;
use crate::model::{Loss, LossCode, NeutralRequest};

/// Read an HTTP event of `format` into the neutral model.
///
/// # Errors
/// `missing-field`, `invalid-field`, `invalid-base64` with the JSON pointer at fault; `unsupported` for a
/// timer format.
pub fn read_event(format: Format, value: Value) -> Result<NeutralRequest> {
    let result = match format {
        Format::AliyunApigw => aliyun_apigw::read(value),
        Format::AliyunHttp => aliyun_http::read(value),
        Format::TencentApigw | Format::TencentUrl => tencent::read(format, value),
        Format::AliyunTimer | Format::TencentTimer => Err(not_http(format)),
    };
    let mut request = result.map_err(|e| e.in_format(format))?;
    request.source = Some(format);
    Ok(request)
}

/// Write the neutral request as an HTTP event of `format`, appending what it cannot carry to `losses`.
///
/// # Errors
/// `unsupported` for a timer format.
pub fn write_event(format: Format, request: NeutralRequest, losses: &mut Vec<Loss>) -> Result<Value> {
    match format {
        Format::AliyunApigw => Ok(aliyun_apigw::write(request, losses)),
        Format::AliyunHttp => Ok(aliyun_http::write(request, losses)),
        Format::TencentApigw | Format::TencentUrl => Ok(tencent::write(format, request, losses)),
        Format::AliyunTimer | Format::TencentTimer => Err(not_http(format)),
    }
}

pub(crate) fn not_http(format: Format) -> Error {
    Error::new(ErrorCode::Unsupported, format!("{format} is a timer format, not an HTTP request or response")).in_format(format)
}

/// Neutral fields that only some formats can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    ClientIp,
    RequestId,
    Stage,
    PathParameters,
    PathTemplate,
    Time,
}

impl Field {
    const ALL: [Field; 6] = [Field::ClientIp, Field::RequestId, Field::Stage, Field::PathParameters, Field::PathTemplate, Field::Time];

    fn is_set(self, r: &NeutralRequest) -> bool {
        match self {
            Field::ClientIp => r.client_ip.is_some(),
            Field::RequestId => r.request_id.is_some(),
            Field::Stage => r.stage.is_some(),
            Field::PathParameters => !r.path_parameters.is_empty(),
            Field::PathTemplate => r.path_template.is_some(),
            Field::Time => r.time.is_some(),
        }
    }

    fn loss(self) -> (LossCode, &'static str) {
        match self {
            Field::ClientIp => (LossCode::ClientIpDropped, "client IP"),
            Field::RequestId => (LossCode::RequestIdDropped, "request id"),
            Field::Stage => (LossCode::StageDropped, "gateway stage"),
            Field::PathParameters => (LossCode::PathParametersDropped, "path parameters"),
            Field::PathTemplate => (LossCode::PathTemplateDropped, "API path template"),
            Field::Time => (LossCode::TimeDropped, "request time"),
        }
    }

    /// Where the field lives in a payload of `format` (the neutral name when the source is unknown).
    fn pointer(self, format: Option<Format>) -> &'static str {
        use Format::*;
        match (self, format) {
            (Field::ClientIp, Some(AliyunHttp)) => "/requestContext/http/sourceIp",
            (Field::ClientIp, Some(TencentApigw)) => "/requestContext/sourceIp",
            (Field::ClientIp, Some(TencentUrl)) => "/headers/x-scf-remote-addr",
            (Field::RequestId, Some(AliyunHttp | TencentApigw)) => "/requestContext/requestId",
            (Field::Stage, Some(TencentApigw)) => "/requestContext/stage",
            (Field::PathTemplate, Some(TencentApigw)) => "/requestContext/path",
            (Field::Time, Some(AliyunHttp)) => "/requestContext/time",
            (Field::PathParameters, _) => "/pathParameters",
            (Field::ClientIp, _) => "/clientIp",
            (Field::RequestId, _) => "/requestId",
            (Field::Stage, _) => "/stage",
            (Field::PathTemplate, _) => "/pathTemplate",
            (Field::Time, _) => "/time",
        }
    }
}

/// Report every neutral field that is set but not in `carried` as a loss.
pub(crate) fn report_unsupported(r: &NeutralRequest, source: Option<Format>, target: Format, carried: &[Field], losses: &mut Vec<Loss>) {
    for field in Field::ALL.into_iter().filter(|f| !carried.contains(f) && f.is_set(r)) {
        let (code, what) = field.loss();
        losses.push(Loss::new(code, field.pointer(source), format!("{target} has no place for the {what}")));
    }
}

/// Percent-encode a decoded path for a `rawPath`: everything but unreserved characters, `/` and the
/// sub-delimiters a path may hold literally.
pub(crate) fn encode_path(path: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const PATH: &AsciiSet =
        &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}').add(b'%').add(b'\\').add(b'^').add(b'|');
    utf8_percent_encode(path, PATH).to_string()
}

/// Percent-decode a raw path. Invalid UTF-8 after decoding is replaced, never an error.
pub(crate) fn decode_path(raw: &str) -> String {
    percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_encoding_round_trips() {
        for p in ["/my path", "/用户/张三", "/a+b/c%d", "/q?x#y"] {
            assert_eq!(decode_path(&encode_path(p)), p);
        }
        assert_eq!(encode_path("/a b/+"), "/a%20b/+");
    }
}
