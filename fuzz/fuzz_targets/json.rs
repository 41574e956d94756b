//! The crate's JSON parser against serde_json: the same verdicts, the same values; the writer's text reads
//! back to the same value; `parse` and `parse_owned` agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trigger_bridge::json::{self, Value};
use trigger_bridge::ErrorCode;

fuzz_target!(|data: &[u8]| {
    let ours = json::parse(data);
    // parse_owned moves long strings out of its buffer instead of copying them: same result, same errors.
    let owned = json::parse_owned(data.to_vec());
    match (&ours, &owned) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "parse and parse_owned disagree"),
        (Err(a), Err(b)) => assert_eq!((a.code, &a.message), (b.code, &b.message), "parse and parse_owned fail differently"),
        _ => panic!("parse and parse_owned disagree on {:?}", String::from_utf8_lossy(data)),
    }
    // The known differences from serde_json: an optional BOM is skipped, a number beyond f64 is kept as
    // its text (serde_json refuses it), serde_json nests one level less, and a string holding a JSON
    // object is unwrapped once.
    let bytes = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let theirs = serde_json::from_slice::<serde_json::Value>(bytes);
    match (theirs, &ours) {
        (Ok(serde_json::Value::String(s)), _) if s.trim_start().starts_with('{') => {}
        (Ok(theirs), Ok(ours)) => {
            let ours: serde_json::Value = serde_json::from_str(&ours.to_json_string()).expect("our compact text is JSON");
            assert_eq!(ours, theirs, "values differ");
        }
        (Ok(_), Err(e)) => panic!("refused what serde_json reads: {e}"),
        (Err(_), Ok(_)) => {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                text.contains(['e', 'E']) || text.bytes().filter(|b| *b == b'[' || *b == b'{').count() >= 127,
                "accepted what serde_json refuses: {text:?}"
            );
        }
        (Err(_), Err(e)) => assert!(matches!(e.code, ErrorCode::InvalidJson | ErrorCode::TooDeep), "{e}"),
    }
    if let Ok(value) = ours {
        // Writer round trip: compact and pretty text read back to the same value.
        for text in [value.to_json_string(), value.to_pretty_string()] {
            let again = json::parse(text.as_bytes()).expect("our own text parses");
            if !matches!(value, Value::String(_)) {
                assert_eq!(again, value, "round trip changed the value");
            }
        }
    }
});
