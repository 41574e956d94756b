//! Events: detect, validate, convert into every format and back (A → B → A), with the header-safety
//! invariant on every output: no conversion writes a header field that validation refuses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trigger_bridge::json;
use trigger_bridge::{convert_event, detect, validate_event, Format};

#[path = "common.rs"]
mod common;
use common::assert_headers_safe;

const ALL: [Format; 13] = Format::ALL;

fuzz_target!(|data: &[u8]| {
    let detected = detect(data).ok();
    let _ = validate_event(data, None);
    let sources: Vec<Format> = match detected {
        // Detected: read as that format (and as every other, which must fail cleanly or convert).
        Some(f) => std::iter::once(f).chain(ALL.into_iter().filter(move |g| *g != f)).collect(),
        None => ALL.to_vec(),
    };
    for from in sources {
        let _ = validate_event(data, Some(from));
        for to in ALL {
            let Ok(conversion) = convert_event(data, Some(from), to) else { continue };
            assert_eq!(conversion.to, to);
            assert_headers_safe(&conversion.output);
            let text = conversion.output.to_json_string();
            // A → B → A: what one format wrote, it and the source read back.
            let back = convert_event(text.as_bytes(), Some(to), from).expect("a converted event converts back");
            assert_headers_safe(&back.output);
            assert!(json::parse(back.output.to_json_string().as_bytes()).is_ok());
            // Losses are bounded: one per code and path.
            let mut seen: Vec<(&str, &str)> = conversion.losses.iter().map(|l| (l.code.as_str(), l.path.as_str())).collect();
            let n = seen.len();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), n, "two losses with one code and path");
        }
    }
});
