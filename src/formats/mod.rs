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
/// Each format's `read` and `write` is kept out of line (`#[inline(never)]` here, and `NO_INLINE` in
/// scripts/build-wasm.sh for wasm-opt, which inlines every function that has one caller): inlined into this dispatch,
/// every format's code would be one function, and WebAssembly engines compile a whole function the first
/// time it runs, so a handler's first conversion would compile all four readers and writers to use one of
/// each (measured: 111 functions and 69 KB of code on the first `convertEvent`).
///
/// # Errors
/// `missing-field`, `invalid-field` with the JSON pointer at fault; `unsupported` for a
/// timer format.
pub fn read_event(format: Format, value: Value) -> Result<NeutralRequest> {
    let result = match format {
        Format::AliyunApigw => aliyun_apigw::read(value),
        Format::AliyunHttp => aliyun_http::read(value),
        Format::TencentApigw | Format::TencentUrl => tencent::read(format, value),
        _ => Err(not_http(format)),
    };
    let mut request = result.map_err(|e| e.in_format(format))?;
    request.source = Some(format);
    Ok(request)
}

/// Write the neutral request as an HTTP event of `format`, appending what it cannot carry to `losses`.
///
/// # Errors
/// `unsupported` for a timer format.
pub fn write_event(format: Format, mut request: NeutralRequest, losses: &mut Vec<Loss>) -> Result<Value> {
    if !format.is_http() {
        return Err(not_http(format));
    }
    // What reading tolerated comes first, so every conversion carries it.
    losses.append(&mut request.tolerated);
    match format {
        Format::AliyunApigw => Ok(aliyun_apigw::write(request, losses)),
        Format::AliyunHttp => Ok(aliyun_http::write(request, losses)),
        Format::TencentApigw | Format::TencentUrl => Ok(tencent::write(format, request, losses)),
        _ => Err(not_http(format)),
    }
}

pub(crate) fn not_http(format: Format) -> Error {
    Error::new(
        ErrorCode::Unsupported,
        format!("{format} is a{} {} format, not an HTTP request or response", if format.is_object() { "n" } else { "" }, format.kind()),
    )
    .in_format(format)
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

/// Bytes a request target's path never holds literally: controls, space, non-ASCII, the WHATWG URL
/// path percent-encode set (`"` `#` `<` `>` `?` `` ` `` `{` `}`), and `\` (which a URL parser reads as
/// `/`). Everything else, sub-delimiters and `+` included, is left as it is: Node's `http`, the WHATWG
/// URL parser and the platforms all take it literally.
const PATH_ESCAPE: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}').add(b'\\');
/// [`PATH_ESCAPE`] and `%`, for a decoded path.
const DECODED_PATH_ESCAPE: &percent_encoding::AsciiSet = &PATH_ESCAPE.add(b'%');

/// Whether a byte of a raw path is one of [`PATH_ESCAPE`] (non-ASCII included).
fn needs_escape(b: u8) -> bool {
    !(0x20..0x7F).contains(&b) || b" \"#<>?`{}\\".contains(&b)
}

/// Percent-encode a decoded path into a request-target path: every `%`, control, space, non-ASCII byte,
/// `"` `#` `<` `>` `?` `` ` `` `{` `}` and `\`. `decode_path(&encode_path(p)) == p` for every `p`.
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, DECODED_PATH_ESCAPE).to_string()
}

/// The request-target form of a raw path as a source gave it: escapes already there (`%2F`, `%20`) are
/// kept exactly, so nothing is encoded twice and `%2F` stays distinct from `/`; a `%` that starts no
/// escape and the bytes a request target cannot hold literally (controls, a space, non-ASCII, `"` `#` `<`
/// `>` `?` `` ` `` `{` `}` `\`) are encoded. The decoded path is unchanged:
/// `decode_path(&normalize_raw_path(r)) == decode_path(r)`.
pub fn normalize_raw_path(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let is_escape = |i: usize| bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
    let mut out = String::with_capacity(raw.len());
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'%' && !is_escape(i)) || (b != b'%' && needs_escape(b)) {
            out.push_str(percent_encoding::percent_encode_byte(b));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

/// The raw path to write into `target`: the source's text unchanged when writing back into the format it
/// came from (so `A → A` changes nothing), else its request-target form ([`normalize_raw_path`]); a
/// request without one has its decoded path encoded.
pub(crate) fn target_path(r: &mut NeutralRequest, target: Format) -> String {
    match r.raw_path.take() {
        Some(raw) if r.source == Some(target) => raw,
        Some(raw) => normalize_raw_path(&raw),
        None => encode_path(&r.path),
    }
}

/// Read a path field that holds the request target's path (percent-encoded): the decoded path and the
/// raw text, kept as given.
pub(crate) fn read_target_path(r: &mut NeutralRequest, raw: String) {
    r.path = decode_path(&raw);
    r.raw_path = Some(raw);
}

/// Read `body` and `isBase64Encoded` into the request (one copy of the tolerant reading for every format).
///
/// # Errors
/// `invalid-field` for a flag or body of the wrong type.
#[inline(never)]
pub(crate) fn read_body(o: &mut crate::wire::Obj, r: &mut NeutralRequest) -> Result<()> {
    let flagged = o.bool("isBase64Encoded")?.unwrap_or(false);
    let read = crate::model::decode_body(o.str("body")?.unwrap_or_default(), flagged, "/body");
    r.body = read.body;
    r.body_was_base64 = read.was_base64;
    r.tolerated.extend(read.tolerated);
    Ok(())
}

/// Add a `Host` header from the neutral host when the headers have none (formats whose readers take the
/// host from the headers: everything but FC 3.0, which has `requestContext.domainName`).
/// A host that differs from the `Host` header already there (an FC 3.0 `domainName` unlike its `Host`
/// header) has no place: reported as `field-dropped`.
pub(crate) fn host_header(r: &mut NeutralRequest, target: Format, losses: &mut Vec<Loss>) {
    let Some(host) = r.host.as_deref() else { return };
    match r.headers.get("host") {
        None => r.headers.append("Host", host),
        Some(header) if header != host => losses.push(Loss::new(
            LossCode::FieldDropped,
            "/requestContext/domainName",
            format!("the domain `{host}` differs from the Host header `{header}`, and {target} carries only the header"),
        )),
        Some(_) => {}
    }
}

/// Percent-decode a raw path. Invalid UTF-8 after decoding is replaced, never an error.
pub fn decode_path(raw: &str) -> String {
    percent_encoding::percent_decode_str(raw).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_encoding_round_trips() {
        for p in ["/my path", "/用户/张三", "/a+b/c%d", "/q?x#y", "/a\\b", "/%2F"] {
            assert_eq!(decode_path(&encode_path(p)), p);
            assert_eq!(normalize_raw_path(&encode_path(p)), encode_path(p), "{p}");
        }
        assert_eq!(encode_path("/a b/+"), "/a%20b/+");
    }

    #[test]
    fn the_escape_set_and_the_byte_test_agree() {
        for b in 0u8..0x80 {
            let c = char::from(b).to_string();
            assert_eq!(encode_path(&c) != c, b == b'%' || needs_escape(b), "{b:#x}");
        }
    }

    #[test]
    fn raw_paths_keep_their_escapes_and_gain_only_the_missing_ones() {
        for (raw, wire) in [
            ("/a%2Fb/c", "/a%2Fb/c"),
            ("/my%20report+final.gz", "/my%20report+final.gz"),
            ("/my report", "/my%20report"),
            ("/100%", "/100%25"),
            ("/%zz%4", "/%25zz%254"),
            ("/用户", "/%E7%94%A8%E6%88%B7"),
            ("/a?b#c", "/a%3Fb%23c"),
            ("/[x]|^;=@:!$&'()*,", "/[x]|^;=@:!$&'()*,"),
        ] {
            assert_eq!(normalize_raw_path(raw), wire, "{raw}");
            assert_eq!(decode_path(wire), decode_path(raw), "{raw}");
        }
    }
}
