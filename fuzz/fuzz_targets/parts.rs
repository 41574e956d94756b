//! The adapters' request and response parts: any event read as request parts (detected and as every HTTP
//! format, for fetch apps and Node listeners) and any response parts written as every HTTP format's
//! integration response, with the header-safety invariant: no parts and no integration response carry a
//! header field that validation refuses, and a response the gateway accepts converts back into its format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trigger_bridge::parts::{integration_response, request_parts, BodyEncoding, ResponseParts};
use trigger_bridge::validate::header_problem;
use trigger_bridge::convert_response;

#[path = "common.rs"]
mod common;
use common::{assert_headers_safe, HTTP};

/// Response parts from bytes: two bytes of status, then `name: value` lines up to an empty line, then the body.
fn response_parts(data: &[u8]) -> Option<ResponseParts> {
    let (status, rest) = data.split_first_chunk::<2>()?;
    let text = String::from_utf8_lossy(rest);
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let headers = head.lines().filter_map(|l| l.split_once(':')).map(|(n, v)| (n.to_string(), v.trim_start().to_string())).collect();
    Some(ResponseParts { status: u16::from_be_bytes(*status) % 700, headers, body: body.as_bytes().to_vec() })
}

fuzz_target!(|data: &[u8]| {
    for from in [None].into_iter().chain(HTTP.map(Some)) {
        for fetch in [false, true] {
            let Ok(parts) = request_parts(data, from, fetch) else { continue };
            for (name, value) in &parts.headers {
                assert_eq!(header_problem(name, value), None, "request parts carry an unsafe header {name:?}: {value:?}");
            }
            assert!(parts.losses.len() <= data.len() + 16, "{} losses for {} bytes", parts.losses.len(), data.len());
        }
    }
    let Some(parts) = response_parts(data) else { return };
    for format in HTTP {
        for base64 in [None, Some(true), Some(false)] {
            let encoding = BodyEncoding { base64, binary_types: vec!["image/*".into()] };
            let Ok(out) = integration_response(parts.clone(), format, &encoding) else {
                assert!(!(100..=599).contains(&parts.status), "refused status {}", parts.status);
                continue;
            };
            assert_headers_safe(&out.response);
            if out.gateway_error.is_none() {
                let text = out.response.to_json_string();
                convert_response(text.as_bytes(), format, format).expect("an accepted integration response reads back as its format");
            }
        }
    }
});
