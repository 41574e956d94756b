//! Request and response parts (src/parts.rs): the request an app sees for each format's event, and the
//! integration response each format gets for an app's response.

use std::fs;
use std::path::Path;

use trigger_bridge::parts::{integration_response, is_base64_body, request_parts, BodyEncoding, ResponseParts};
use trigger_bridge::{client_response, DiagCode, Format, Headers, LossCode};

fn fixture(path: &str) -> Vec<u8> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[test]
fn urls_keep_the_host_the_raw_path_and_every_query_value_in_order() {
    let fc = request_parts(&fixture("aliyun-http/encoded-path-binary.json"), None, false).unwrap();
    assert_eq!(fc.format, Format::AliyunHttp);
    assert_eq!(fc.method, "POST");
    // The host from requestContext.domainName (no Host header), the path as sent, the query re-encoded.
    assert_eq!(fc.url, "https://x.cn-hangzhou.fcapp.run/files/my%20report+final.gz?v=a+b&tag=x%2By");
    use base64::Engine;
    assert_eq!(fc.body, base64::engine::general_purpose::STANDARD.decode("H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==").unwrap());
    assert_eq!(
        (fc.client_ip.as_deref(), fc.request_id.as_deref(), fc.time.as_deref()),
        (Some("1.2.3.4"), Some("1-6590b1e0-abc"), Some("2024-01-01T00:00:00Z"))
    );

    let tencent = request_parts(&fixture("tencent-apigw/get-repeated-query.json"), None, false).unwrap();
    assert_eq!(tencent.format, Format::TencentApigw);
    assert_eq!(tencent.url, "https://service-abc.gz.apigw.tencentcs.com/search?tag=red&tag=blue&q=shoes");
    assert_eq!(tencent.stage.as_deref(), Some("release"));
    assert_eq!(tencent.path_template.as_deref(), Some("/search"));
    assert_eq!(header(&tencent.headers, "cookie"), Some("a=1; b=2"));
    assert!(tencent.losses.is_empty());
}

#[test]
fn every_fixture_reads_into_parts_whose_url_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut seen = 0;
    for format in Format::HTTP {
        for file in fs::read_dir(root.join(format.id())).unwrap().flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                let parts = request_parts(&fs::read(file.path()).unwrap(), None, false).unwrap();
                assert_eq!(parts.format, format, "{}", file.path().display());
                assert!(parts.url.starts_with("https://") || parts.url.starts_with("http://"), "{}", parts.url);
                let after_scheme = parts.url.split_once("://").unwrap().1;
                assert!(after_scheme.contains('/'), "{}", parts.url);
                assert!(!parts.url.contains(' '), "{}", parts.url);
                seen += 1;
            }
        }
    }
    assert!(seen >= 10);
}

#[test]
fn a_get_body_is_dropped_for_fetch_with_a_loss() {
    let event = br#"{"httpMethod":"GET","path":"/","queryString":{},"headers":{"Host":"h"},"body":"data"}"#;
    let kept = request_parts(event, None, false).unwrap();
    assert_eq!(kept.body, b"data");
    assert!(kept.losses.is_empty());
    let fetch = request_parts(event, None, true).unwrap();
    assert!(fetch.body.is_empty());
    assert_eq!(fetch.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::BodyDropped]);
    // POST keeps it either way; an event without a host gets localhost.
    let post = request_parts(br#"{"httpMethod":"POST","path":"/","queryString":{},"headers":{},"body":"data"}"#, None, true).unwrap();
    assert_eq!((post.body.as_slice(), post.url.as_str()), (b"data".as_slice(), "https://localhost/"));
    // A timer is not a request.
    let timer = request_parts(br#"{"Type":"Timer","TriggerName":"t","Time":"2024-01-01T00:00:00Z","Message":""}"#, None, true);
    assert_eq!(timer.unwrap_err().code, trigger_bridge::ErrorCode::Unsupported);
}

fn png() -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    bytes.extend((0..=255u8).rev());
    bytes
}

#[test]
fn a_png_goes_out_as_base64_and_comes_back_byte_for_byte() {
    let parts = ResponseParts { status: 200, headers: vec![("Content-Type".into(), "image/png".into())], body: png() };
    for format in [Format::AliyunApigw, Format::AliyunHttp, Format::TencentApigw] {
        let out = integration_response(parts.clone(), format, &BodyEncoding::default()).unwrap();
        assert_eq!(out.response["isBase64Encoded"].as_bool(), Some(true), "{format}");
        assert!(out.losses.is_empty() && out.gateway_error.is_none(), "{format}: {out:?}");
        let client = client_response(out.response.to_json_string().as_bytes(), format);
        assert_eq!(client.body, png(), "{format}");
    }
    // Function URL has no flag: the bytes cannot go through, and that is a loss.
    let url = integration_response(parts, Format::TencentUrl, &BodyEncoding::default()).unwrap();
    assert_eq!(url.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::BinaryBody]);
}

#[test]
fn three_set_cookies_are_a_loss_in_every_flat_header_map() {
    let parts = ResponseParts {
        status: 200,
        headers: vec![("Set-Cookie".into(), "a=1".into()), ("Set-Cookie".into(), "b=2; Path=/".into()), ("set-cookie".into(), "c=3".into())],
        body: b"ok".to_vec(),
    };
    for format in Format::HTTP {
        let out = integration_response(parts.clone(), format, &BodyEncoding::default()).unwrap();
        assert_eq!(out.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::SetCookieDropped], "{format}");
        assert_eq!(out.response["headers"]["Set-Cookie"], "a=1", "{format}");
        assert_eq!(out.response["body"], "ok");
    }
}

#[test]
fn text_or_base64_follows_type_encoding_and_the_callers_choice() {
    let with = |headers: &[(&str, &str)], body: &[u8], encoding: &BodyEncoding| {
        let h: Headers = headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        is_base64_body(&h, body, encoding)
    };
    let auto = BodyEncoding::default();
    assert!(!with(&[("Content-Type", "application/json; charset=utf-8")], b"{}", &auto));
    assert!(!with(&[("Content-Type", "image/svg+xml")], b"<svg/>", &auto));
    assert!(with(&[("Content-Type", "application/json"), ("Content-Encoding", "br")], b"x", &auto));
    assert!(with(&[("Content-Type", "application/pdf")], b"%PDF", &auto));
    let list = BodyEncoding { base64: None, binary_types: vec!["application/x-custom".into()] };
    assert!(with(&[("Content-Type", "application/x-custom; v=1")], b"x", &list));
    // Bytes that are not UTF-8 go out as base64 even when the caller asked for text.
    let text = BodyEncoding { base64: Some(false), binary_types: vec![] };
    let out = integration_response(
        ResponseParts { status: 200, headers: vec![("Content-Type".into(), "image/png".into())], body: png() },
        Format::TencentApigw,
        &text,
    )
    .unwrap();
    assert_eq!(out.response["isBase64Encoded"].as_bool(), Some(true));
    let out = integration_response(
        ResponseParts { status: 200, headers: vec![("Content-Type".into(), "image/png".into())], body: b"PNG".to_vec() },
        Format::AliyunApigw,
        &text,
    )
    .unwrap();
    assert_eq!((out.response["isBase64Encoded"].as_bool(), out.response["body"].as_str()), (Some(false), Some("PNG")));
}

#[test]
fn framing_headers_are_left_to_the_gateway_and_empty_bodies_stay_empty() {
    let parts = ResponseParts {
        status: 204,
        headers: vec![("Content-Length".into(), "0".into()), ("Connection".into(), "keep-alive".into()), ("X-Id".into(), "1".into())],
        body: Vec::new(),
    };
    let out = integration_response(parts, Format::AliyunHttp, &BodyEncoding::default()).unwrap();
    let headers = out.response["headers"].as_object().unwrap();
    assert_eq!(headers.keys().map(String::as_str).collect::<Vec<_>>(), ["X-Id"]);
    assert_eq!((out.response["statusCode"].as_u64(), out.response["body"].as_str()), (Some(204), Some("")));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn a_response_the_gateway_rejects_becomes_the_gateways_answer() {
    // Over 6 MB on SCF: 407.
    let big = ResponseParts { status: 200, headers: vec![("Content-Type".into(), "text/plain".into())], body: vec![b'a'; 6 * 1024 * 1024 + 1] };
    for format in [Format::TencentApigw, Format::TencentUrl] {
        let out = integration_response(big.clone(), format, &BodyEncoding::default()).unwrap();
        assert_eq!(out.gateway_error.as_ref().map(|e| e.status), Some(407), "{format}");
        assert_eq!(out.response["statusCode"].as_u64(), Some(407));
        assert!(out.response["body"].as_str().unwrap().len() < 200);
        assert!(out.diagnostics.iter().any(|d| d.code == DiagCode::ResponseTooLarge));
        // What the caller receives for the original says the same.
        let original = integration_response(big.clone(), format, &BodyEncoding { base64: Some(false), binary_types: vec![] }).unwrap();
        assert_eq!(original.response["statusCode"].as_u64(), Some(407));
    }
    // The same body is fine on Alibaba.
    let out = integration_response(big, Format::AliyunHttp, &BodyEncoding::default()).unwrap();
    assert!(out.gateway_error.is_none());
    // Headers over 8 KB on FC: 502 BadResponse.
    let headers = ResponseParts { status: 200, headers: vec![("X-Big".into(), "x".repeat(9000))], body: Vec::new() };
    let out = integration_response(headers.clone(), Format::AliyunHttp, &BodyEncoding::default()).unwrap();
    let error = out.gateway_error.unwrap();
    assert_eq!((error.status, error.code), (502, Some("BadResponse")));
    assert_eq!(out.response["statusCode"].as_u64(), Some(502));
    // Tencent has no such header limit here.
    assert!(integration_response(headers, Format::TencentApigw, &BodyEncoding::default()).unwrap().gateway_error.is_none());
    // A forbidden FC header is a warning: FC drops it and answers.
    let out = integration_response(
        ResponseParts { status: 200, headers: vec![("X-Fc-Thing".into(), "1".into())], body: Vec::new() },
        Format::AliyunHttp,
        &BodyEncoding::default(),
    )
    .unwrap();
    assert!(out.gateway_error.is_none());
    assert_eq!(out.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), [DiagCode::ResponseHeaderForbidden]);
    // A status out of range is the caller's error, not a response.
    assert!(integration_response(ResponseParts { status: 42, ..Default::default() }, Format::AliyunHttp, &BodyEncoding::default()).is_err());
}

#[cfg(feature = "http")]
#[test]
fn http_crate_types() {
    use trigger_bridge::parts::{http_integration_response, http_request, RequestInfo};
    let request = http_request(&fixture("tencent-apigw/get-repeated-query.json"), None).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(request.uri().host(), Some("service-abc.gz.apigw.tencentcs.com"));
    assert_eq!(request.uri().query(), Some("tag=red&tag=blue&q=shoes"));
    let info = request.extensions().get::<RequestInfo>().unwrap();
    assert_eq!((info.format, info.stage.as_deref()), (Some(Format::TencentApigw), Some("release")));

    let response =
        http::Response::builder().status(201).header("content-type", "image/png").header("set-cookie", "a=1").header("set-cookie", "b=2").body(png()).unwrap();
    let out = http_integration_response(response, Format::AliyunApigw, &BodyEncoding::default()).unwrap();
    assert_eq!(out.response["statusCode"].as_u64(), Some(201));
    assert_eq!(out.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::SetCookieDropped]);
    assert_eq!(client_response(out.response.to_json_string().as_bytes(), Format::AliyunApigw).body, png());
}

#[cfg(feature = "serde")]
#[test]
fn parts_serialize_with_bytes_and_camel_case() {
    let parts = request_parts(&fixture("tencent-apigw/get-repeated-query.json"), None, false).unwrap();
    let json = serde_json::to_value(&parts).unwrap();
    assert_eq!(json["format"], "tencent-apigw");
    assert_eq!(json["clientIp"], "203.0.113.9");
    assert_eq!(json["headers"][0], serde_json::json!(["Host", "service-abc.gz.apigw.tencentcs.com"]));
    let back: ResponseParts = serde_json::from_value(serde_json::json!({"status": 200, "headers": [["A", "1"]], "body": [104, 105]})).unwrap();
    assert_eq!(back, ResponseParts { status: 200, headers: vec![("A".into(), "1".into())], body: b"hi".to_vec() });
}
