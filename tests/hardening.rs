//! Issue 10: header safety in every conversion, bounded losses, inert untrusted text in the CLI. Each
//! test keeps one of the issue's reproductions.

use trigger_bridge::json::{self, ToJson};
use trigger_bridge::model::{Loss, MESSAGE_MAX};
use trigger_bridge::validate::{header_problem, header_value_problem};
use trigger_bridge::{
    cli, convert_event, convert_response, event_from_request, validate_event, validate_response, DiagCode, Format, HttpRequest, LossCode, Severity,
};

const HTTP: [Format; 4] = [Format::AliyunApigw, Format::AliyunHttp, Format::TencentApigw, Format::TencentUrl];

/// Header fields no conversion may carry, with a name for each.
const UNSAFE: &[(&str, &str)] = &[
    ("X-Crlf", "a\r\nSet-Cookie: pwned=1"),
    ("X-Lf", "a\nb"),
    ("X-Nul", "a\u{0}b"),
    ("X-Ctl", "a\u{1}b"),
    ("X-Esc", "\u{1b}[2J"),
    ("X-Del", "a\u{7f}"),
    // A Latin-1 writer sends the low byte of each: CR LF.
    ("X-Wide", "a\u{10d}\u{10a}Set-Cookie: pwned=1"),
    ("X-Han", "上"),
    ("Bad Name", "x"),
    ("X-Colon:", "x"),
    ("", "empty name"),
];

/// Header fields every conversion keeps.
const SAFE: &[(&str, &str)] = &[("X-Tab", "a\tb"), ("X-Latin1", "café ÿ"), ("X-Spaces", " padded "), ("X-Token!#$%&'*+-.^_`|~", "v")];

fn headers_object() -> serde_json::Map<String, serde_json::Value> {
    UNSAFE.iter().chain(SAFE).map(|(n, v)| (n.to_string(), serde_json::Value::from(*v))).collect()
}

fn event(format: Format) -> Vec<u8> {
    let headers = headers_object();
    let e = match format {
        Format::AliyunApigw => {
            serde_json::json!({"path": "/", "httpMethod": "GET", "headers": headers, "queryParameters": {}, "body": "", "isBase64Encoded": false})
        }
        Format::AliyunHttp => {
            serde_json::json!({"version": "v1", "rawPath": "/", "headers": headers, "queryParameters": {}, "body": "", "isBase64Encoded": false,
            "requestContext": {"http": {"method": "GET", "path": "/"}}})
        }
        Format::TencentApigw => {
            serde_json::json!({"httpMethod": "GET", "path": "/", "headers": headers, "queryString": {}, "body": "", "requestContext": {"stage": "release"}})
        }
        _ => serde_json::json!({"httpMethod": "GET", "path": "/", "headers": headers, "queryString": {}, "body": "", "isBase64Encoded": false}),
    };
    e.to_string().into_bytes()
}

/// Every header name and value anywhere in `output` (maps and `multiValueHeaders` arrays).
fn assert_headers_safe(output: &json::Value, context: &str) {
    for key in ["headers", "multiValueHeaders"] {
        let Some(map) = output.get(key).and_then(json::Value::as_object) else { continue };
        for (name, value) in map {
            let values: Vec<&str> = match value {
                json::Value::Array(items) => items.iter().filter_map(json::Value::as_str).collect(),
                v => v.as_str().into_iter().collect(),
            };
            for v in values {
                assert_eq!(header_problem(name, v), None, "{context}: {name:?}: {v:?}");
            }
        }
    }
}

fn dropped_paths(losses: &[Loss]) -> Vec<String> {
    losses.iter().filter(|l| l.code == LossCode::HeaderUnsafeDropped).map(|l| l.path.clone()).collect()
}

#[test]
fn every_event_conversion_drops_unsafe_headers_with_a_loss() {
    for from in HTTP {
        let input = event(from);
        for to in HTTP {
            let c = convert_event(&input, Some(from), to).unwrap();
            let context = format!("{from} -> {to}");
            assert_headers_safe(&c.output, &context);
            let dropped = dropped_paths(&c.losses);
            assert_eq!(dropped.len(), UNSAFE.len(), "{context}: {:?}", c.losses);
            for (name, _) in UNSAFE {
                assert!(dropped.contains(&json::pointer("/headers", name)), "{context}: {name:?} not reported");
            }
            let headers = c.output["headers"].as_object().unwrap();
            for (name, value) in SAFE {
                assert_eq!(headers.get(name).and_then(json::Value::as_str), Some(*value), "{context}: {name} kept as it was");
            }
        }
    }
}

#[test]
fn every_response_conversion_drops_unsafe_headers_with_a_loss() {
    let response = serde_json::json!({"statusCode": 200, "headers": headers_object(), "body": "ok", "isBase64Encoded": false}).to_string();
    for from in HTTP {
        for to in HTTP {
            let c = convert_response(response.as_bytes(), from, to).unwrap();
            assert_headers_safe(&c.output, &format!("{from} -> {to}"));
            assert_eq!(dropped_paths(&c.losses).len(), UNSAFE.len(), "{from} -> {to}: {:?}", c.losses);
        }
    }
}

#[test]
fn events_built_from_requests_drop_unsafe_headers_and_refuse_unsafe_urls() {
    // request.rs refuses CR, LF and NUL in header values itself; the central check catches the rest.
    let headers = vec![("X-Wide".to_string(), "\u{10d}\u{10a}".to_string()), ("X-Ctl".into(), "\u{1}".into()), ("X-Ok".into(), "1".into())];
    for to in HTTP {
        let c = event_from_request(HttpRequest { url: "/p".into(), headers: headers.clone(), ..Default::default() }, to).unwrap();
        assert_headers_safe(&c.output, &to.to_string());
        assert_eq!(dropped_paths(&c.losses), ["/headers/X-Wide", "/headers/X-Ctl"], "{to}");
        for url in ["/a\r\nX-Injected: 1", "/a\nb", "/\u{0}", "https://h.example/\u{1b}[2J", "/a\u{9b}b"] {
            let e = event_from_request(HttpRequest { url: url.into(), ..Default::default() }, to).unwrap_err();
            assert_eq!((e.code.as_str(), e.path.as_str()), ("invalid-request", "/url"), "{url:?}");
        }
    }
}

#[test]
fn validation_implements_the_field_grammar() {
    for (name, value) in UNSAFE {
        assert!(header_problem(name, value).is_some(), "{name:?}: {value:?}");
    }
    for (name, value) in SAFE {
        assert_eq!(header_problem(name, value), None, "{name:?}");
    }
    // Node's http refuses exactly what lies outside HTAB, 0x20-0x7E and 0x80-0xFF.
    for c in (0u32..0x300).filter_map(char::from_u32) {
        let allowed = c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c);
        assert_eq!(header_value_problem(&format!("a{c}b")).is_none(), allowed, "U+{:04X}", u32::from(c));
    }
    assert!(header_value_problem("\u{10d}\u{10a}").unwrap().contains("U+010D"));
    let response = serde_json::json!({"statusCode": 200, "headers": {"X-Wide": "\u{10d}\u{10a}", "X-Ctl": "\u{1}", "X-Ok": "é"}}).to_string();
    for format in HTTP {
        let report = validate_response(response.as_bytes(), format);
        let invalid: Vec<&str> =
            report.diagnostics.iter().filter(|d| d.code == DiagCode::HeaderValueInvalid && d.severity == Severity::Error).map(|d| d.path.as_str()).collect();
        assert_eq!(invalid, ["/headers/X-Wide", "/headers/X-Ctl"], "{format}");
    }
    let event = r#"{"httpMethod":"GET","path":"/","queryParameters":{},"headers":{"X-Wide":"čĊ"}}"#;
    let report = validate_event(event.as_bytes(), Some(Format::AliyunApigw));
    assert!(report.diagnostics.iter().any(|d| d.code == DiagCode::HeaderValueInvalid && d.path == "/headers/X-Wide"), "{:?}", report.diagnostics);
}

/// A Tencent event whose query key `key` repeats `values` times.
fn repeated_query(key: &str, values: usize) -> String {
    let list: Vec<String> = (0..values).map(|i| format!("v{i}")).collect();
    serde_json::json!({"httpMethod": "GET", "path": "/", "headers": {}, "queryString": {key: list}, "body": "", "requestContext": {}}).to_string()
}

#[test]
fn repeated_query_values_make_one_counted_loss_with_a_short_message() {
    // Issue 10, item 2: a 25 KB event used to give 60 MB of output (a loss per value, each quoting the
    // key); this one gave 1 MB for 6 KB.
    let key = "k".repeat(2_000);
    let input = repeated_query(&key, 500);
    for to in [Format::AliyunApigw, Format::AliyunHttp] {
        let c = convert_event(input.as_bytes(), None, to).unwrap();
        let repeats: Vec<&Loss> = c.losses.iter().filter(|l| matches!(l.code, LossCode::QueryRepeatedDropped | LossCode::QueryRepeatedJoined)).collect();
        assert_eq!(repeats.len(), 1, "{to}");
        assert_eq!(repeats[0].count, 499, "{to}");
        assert!(repeats[0].message.len() <= MESSAGE_MAX + 4, "{to}: {} bytes", repeats[0].message.len());
        assert!(repeats[0].message.contains("(2000 bytes)"), "{}", repeats[0].message);
        let output = c.to_json().to_json_string();
        assert!(output.len() < 3 * input.len(), "{to}: {} bytes out of {}", output.len(), input.len());
        assert!(output.contains(r#""count":499"#));
    }
}

#[test]
fn losses_are_one_per_code_and_path() {
    use trigger_bridge::model::bound_losses;
    let losses = vec![
        Loss::new(LossCode::HeaderJoined, "/headers/a", "first"),
        Loss::new(LossCode::FieldDropped, "/x", "x"),
        Loss::new(LossCode::HeaderJoined, "/headers/a", "second").times(3),
        Loss::new(LossCode::HeaderJoined, "/headers/b", "b"),
        Loss::new(LossCode::FieldDropped, "/x", "again"),
    ];
    let bounded = bound_losses(losses);
    let summary: Vec<(&str, &str, &str, usize)> = bounded.iter().map(|l| (l.code.as_str(), l.path.as_str(), l.message.as_str(), l.count)).collect();
    assert_eq!(summary, [("header-joined", "/headers/a", "first", 4), ("field-dropped", "/x", "x", 2), ("header-joined", "/headers/b", "b", 1)]);
    assert_eq!(bounded[0].to_json().to_json_string(), r#"{"code":"header-joined","path":"/headers/a","message":"first","count":4}"#);
    assert_eq!(bounded[2].to_json().to_json_string(), r#"{"code":"header-joined","path":"/headers/b","message":"b"}"#);
}

struct Files(Vec<(String, Vec<u8>)>);

impl cli::Host for Files {
    fn read(&mut self, path: &str) -> Result<Vec<u8>, String> {
        self.0.iter().find(|(p, _)| p == path).map(|(_, b)| b.clone()).ok_or_else(|| "no such file".to_string())
    }

    fn now(&self) -> i64 {
        0
    }
}

fn cli(args: &[&str], stdin: &[u8]) -> cli::Output {
    cli::run(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>(), &mut Files(vec![("-".into(), stdin.to_vec())]))
}

/// Every line ends with one newline and holds no control character; no line is forged.
fn assert_inert(text: &str, context: &str) {
    for line in text.lines() {
        assert!(!line.chars().any(|c| c.is_control()), "{context}: {line:?}");
        assert!(!line.starts_with("loss none") && !line.starts_with("ok:") && !line.starts_with("warning"), "{context}: forged {line:?}");
    }
}

#[test]
fn the_cli_escapes_untrusted_text_in_every_human_readable_line() {
    // Issue 10, item 3: keys and values reached stderr raw.
    let evil_key = "q\nloss none: all good\u{1b}[2J\u{9b}31m\r\u{202e}";
    let event = repeated_query(evil_key, 3);
    let out = cli(&["convert", "--to", "aliyun-apigw", "-"], event.as_bytes());
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("\\nloss none: all good\\x1b[2J\\x9b31m\\r\\u{202e}"), "{}", out.stderr);
    assert_inert(&out.stderr, "convert");

    let response = serde_json::json!({"statusCode": 200, "headers": {"X-A\nok: no diagnostics": "v\u{1b}]0;pwned\u{7}", "X-B": "\u{10d}\u{10a}"}}).to_string();
    let out = cli(&["validate", "--response", "--as", "aliyun-http", "-"], response.as_bytes());
    assert_eq!(out.code, 1);
    assert_inert(&String::from_utf8(out.stdout).unwrap(), "validate");

    let out = cli(&["respond", "--as", "tencent-apigw", "-"], response.as_bytes());
    assert_inert(&out.stderr, "respond");

    let out = cli(&["convert", "--to", "aliyun-http", "-"], b"{\"\x1b[31m\nloss none\": 1}");
    assert_eq!(out.code, 2);
    assert_inert(&out.stderr, "error");

    let out = cli(&["request", "--to", "aliyun-apigw", "/\u{1b}[2J"], b"");
    assert_eq!(out.code, 2);
    assert_inert(&out.stderr, "request");

    // --json stays JSON: the same text, escaped by JSON.
    let out = cli(&["convert", "--json", "--to", "aliyun-apigw", "-"], event.as_bytes());
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(parsed["losses"][0]["message"].as_str().unwrap().contains("loss none: all good"));
}

#[test]
fn cli_line_escaping() {
    assert_eq!(cli::line("a\tb\u{0}\u{7f}é\u{2028}"), "a\\tb\\x00\\x7fé\\u{2028}\n");
    assert_eq!(cli::line("plain"), "plain\n");
}

#[test]
fn a_long_key_repeated_many_times_is_refused_not_copied_per_value() {
    // Issue 10, item 2: a 130 KB event took 9 s and 2 GB. Its key, read once per value, would still cost
    // the key's length times its count; past a budget it is refused, in time linear in the input.
    let long = repeated_query(&"k".repeat(65_000), 16_000);
    let start = std::time::Instant::now();
    let e = convert_event(long.as_bytes(), None, Format::AliyunApigw).unwrap_err();
    assert_eq!(e.code.as_str(), "invalid-field");
    assert!(e.path.starts_with("/queryString/kkk"), "{}", e.path);
    assert!(e.message.contains("65000 bytes repeats 16000 times"), "{}", e.message);
    assert!(start.elapsed() < std::time::Duration::from_secs(5), "{:?}", start.elapsed());
    // Short keys repeat freely, and a long key a few times.
    for input in [repeated_query(&"k".repeat(64), 20_000), repeated_query(&"k".repeat(10_000), 50)] {
        let c = convert_event(input.as_bytes(), None, Format::AliyunHttp).unwrap();
        assert_eq!(c.losses.iter().filter(|l| l.code == LossCode::QueryRepeatedJoined).count(), 1);
    }
}
