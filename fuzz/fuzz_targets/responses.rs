//! Responses: validate, clientResponse, convert every pair, with the header-safety invariant: no output
//! and no client response that the gateway accepts carries a header field that validation refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trigger_bridge::validate::header_problem;
use trigger_bridge::{client_response, convert_response, validate_response, Severity};

#[path = "common.rs"]
mod common;
use common::{assert_headers_safe, HTTP};

fuzz_target!(|data: &[u8]| {
    for from in HTTP {
        let report = validate_response(data, from);
        let client = client_response(data, from);
        assert_eq!(client.gateway_error.is_some(), report.has_errors(), "clientResponse and validation disagree");
        if client.gateway_error.is_none() {
            for (name, value) in client.headers.iter() {
                assert_eq!(header_problem(name, value), None, "the caller would get an unsafe header");
            }
        }
        assert!(client.diagnostics.iter().all(|d| d.severity != Severity::Error) || client.gateway_error.is_some());
        for to in HTTP {
            let Ok(conversion) = convert_response(data, from, to) else { continue };
            assert_headers_safe(&conversion.output);
            let text = conversion.output.to_json_string();
            let back = convert_response(text.as_bytes(), to, from).expect("a converted response converts back");
            assert_headers_safe(&back.output);
        }
    }
});
