//! Fixture-driven tests: detection, round trips, every pair converted (compared with the expected
//! conversions stored beside each fixture), and client responses. Set `UPDATE_EXPECT=1` to rewrite the
//! expected files after an intended change, then review the diff.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use trigger_bridge::formats::normalize_raw_path;
use trigger_bridge::json::ToJson;
use trigger_bridge::{client_response, convert_event, convert_response, read_request, validate_response, Format, LossCode, Severity};

/// The crate's JSON value as a serde_json value, to compare with what serde_json reads from the fixtures.
fn sj(value: &trigger_bridge::json::Value) -> Value {
    serde_json::from_str(&value.to_json_string()).unwrap()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The formats an event of `from` converts into: those of its kind (for messages, its counterparts).
fn targets(from: Format) -> &'static [Format] {
    from.targets()
}

/// `(format, case name, bytes)` for every event fixture.
fn event_fixtures() -> Vec<(Format, String, Vec<u8>)> {
    let mut out = Vec::new();
    for format in Format::ALL {
        let dir = fixtures().join(format.id());
        let mut entries: Vec<_> =
            fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
        entries.sort();
        assert!(!entries.is_empty(), "no fixtures for {format}");
        for path in entries {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((format, name, fs::read(&path).unwrap()));
        }
    }
    out
}

fn response_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut entries: Vec<_> = fs::read_dir(fixtures().join("responses"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    entries.into_iter().map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap())).collect()
}

/// Compare `actual` with the stored expectation at `path`, or write it when `UPDATE_EXPECT` is set.
fn expect_json(path: &Path, actual: &Value) {
    let text = serde_json::to_string_pretty(actual).unwrap() + "\n";
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &text).unwrap();
        return;
    }
    let stored = fs::read_to_string(path).unwrap_or_else(|_| panic!("missing {}; run with UPDATE_EXPECT=1 and review", path.display()));
    let stored: Value = serde_json::from_str(&stored).unwrap();
    assert_eq!(&stored, actual, "{} differs", path.display());
}

#[test]
fn every_fixture_is_detected_as_its_folder() {
    for (format, name, bytes) in event_fixtures() {
        assert_eq!(trigger_bridge::detect(&bytes).unwrap(), format, "{format}/{name}");
    }
}

/// `detect` recognises everything the project writes: every fixture converted into every format, and
/// every request of the tests built into every format, is detected as that format.
#[test]
fn detection_recognises_every_output() {
    for (from, name, bytes) in event_fixtures() {
        for &to in targets(from) {
            let output = convert_event(&bytes, None, to).unwrap().output.to_json_string();
            assert_eq!(trigger_bridge::detect(output.as_bytes()).unwrap(), to, "{from}/{name} into {to}");
        }
    }
    for request in test_requests() {
        for to in Format::HTTP {
            let output = trigger_bridge::event_from_request(request.clone(), to).unwrap().output.to_json_string();
            assert_eq!(trigger_bridge::detect(output.as_bytes()).unwrap(), to, "{} into {to}", request.url);
        }
    }
}

/// Requests the tests build events from: every method and body kind, with and without a host.
fn test_requests() -> Vec<trigger_bridge::HttpRequest> {
    use trigger_bridge::HttpRequest;
    let header = |n: &str, v: &str| (n.to_string(), v.to_string());
    vec![
        HttpRequest { url: "/".into(), ..Default::default() },
        HttpRequest {
            url: "https://x.example.com/p?q=1".into(),
            method: "POST".into(),
            body: br#"{"a":1}"#.to_vec(),
            headers: vec![header("Content-Type", "application/json")],
            ..Default::default()
        },
        HttpRequest {
            url: "http://127.0.0.1:9000/a%2Fb/c%20d?x=%E4%B8%AD&x=2".into(),
            body: vec![0xff, 0, 1],
            client_ip: Some("1.2.3.4".into()),
            request_id: Some("r".into()),
            time: Some("2024-01-01T00:00:00Z".into()),
            ..Default::default()
        },
        HttpRequest {
            url: "/form".into(),
            method: "PUT".into(),
            body: b"a=1&b=2".to_vec(),
            headers: vec![header("content-type", "application/x-www-form-urlencoded"), header("Host", "h")],
            ..Default::default()
        },
        HttpRequest { url: "/用户/张三?城市=北京#frag".into(), method: "DELETE".into(), ..Default::default() },
    ]
}

/// Losses that reading reports for a payload that is itself inconsistent (a body flagged as base64 that is
/// not, or not canonically): they come with any conversion, into the payload's own format too.
const TOLERATED: [LossCode; 2] = [LossCode::BodyNotBase64, LossCode::BodyBase64Lenient];

/// The request as a conversion writes it: what reading tolerated has been reported and fixed.
fn untolerated(mut r: trigger_bridge::NeutralRequest) -> trigger_bridge::NeutralRequest {
    r.tolerated.clear();
    r
}

#[test]
fn parse_serialize_parse_is_stable() {
    for (format, name, bytes) in event_fixtures().into_iter().filter(|(f, _, _)| f.is_http()) {
        let once = convert_event(&bytes, Some(format), format).unwrap();
        assert!(once.losses.iter().all(|l| TOLERATED.contains(&l.code)), "{format}/{name} into itself lost {:?}", once.losses);
        let text = once.output.to_json_string().into_bytes();
        let twice = convert_event(&text, Some(format), format).unwrap();
        assert!(twice.losses.is_empty(), "{format}/{name}: a second pass lost {:?}", twice.losses);
        assert_eq!(once.output, twice.output, "{format}/{name}");
        assert_eq!(untolerated(read_request(&bytes, Some(format)).unwrap()), read_request(&text, Some(format)).unwrap(), "{format}/{name}");
    }
}

#[test]
fn every_pair_converts_as_expected() {
    for (from, name, bytes) in event_fixtures() {
        for &to in targets(from) {
            let conversion = convert_event(&bytes, None, to).unwrap();
            let path = fixtures().join(from.id()).join(format!("{name}.expected")).join(format!("{to}.json"));
            expect_json(&path, &sj(&conversion.to_json()));
        }
    }
}

/// A → B → A keeps method, path, query, headers and body wherever B can carry them, and B reports a
/// loss wherever it cannot.
#[test]
fn round_trips_keep_what_the_middle_format_carries() {
    for (from, name, bytes) in event_fixtures().into_iter().filter(|(f, _, _)| f.is_http()) {
        let original = read_request(&bytes, Some(from)).unwrap();
        for via in Format::HTTP {
            let there = convert_event(&bytes, Some(from), via).unwrap();
            let back = convert_event(&there.output.to_json_string().into_bytes(), Some(via), from).unwrap();
            let returned = read_request(&back.output.to_json_string().into_bytes(), Some(from)).unwrap();
            let lost: BTreeSet<LossCode> = there.losses.iter().map(|l| l.code).collect();
            let case = format!("{from}/{name} via {via}");
            assert_eq!(returned.method, original.method, "{case}");
            assert_eq!(returned.path, original.path, "{case}");
            // The request target's path is kept exactly, up to escapes added where the text had none.
            let wire = |r: &trigger_bridge::NeutralRequest| r.raw_path.as_deref().map(normalize_raw_path);
            assert_eq!(wire(&returned), wire(&original), "{case}");
            assert_eq!(returned.host, original.host, "{case}");
            if !lost.contains(&LossCode::QueryRepeatedDropped) && !lost.contains(&LossCode::QueryRepeatedJoined) {
                assert_eq!(returned.query, original.query, "{case}");
            }
            if !lost.contains(&LossCode::HeaderJoined) {
                // FC 3.0 carries the host as `requestContext.domainName`; the other formats, whose readers
                // take it from the headers, as a `Host` header: one fact in two places.
                let mut headers = returned.headers.clone();
                if !original.headers.contains("host") && headers.get("host") == original.host.as_deref() {
                    headers.remove("host");
                }
                assert_eq!(headers, original.headers, "{case}");
            }
            if lost.contains(&LossCode::BinaryBody) {
                assert!(std::str::from_utf8(&original.body.to_bytes()).is_err(), "{case}: binary-body loss on a text body");
            } else {
                assert_eq!(returned.body, original.body, "{case}");
            }
            for (field, code) in [
                (original.client_ip.is_some() && returned.client_ip.is_none(), LossCode::ClientIpDropped),
                (original.request_id.is_some() && returned.request_id.is_none(), LossCode::RequestIdDropped),
                (original.stage.is_some() && returned.stage.is_none(), LossCode::StageDropped),
                (!original.path_parameters.is_empty() && returned.path_parameters.is_empty(), LossCode::PathParametersDropped),
                (original.path_template.is_some() && returned.path_template.is_none(), LossCode::PathTemplateDropped),
                (original.time.is_some() && returned.time.is_none(), LossCode::TimeDropped),
            ] {
                if field {
                    assert!(lost.contains(&code), "{case}: lost a field without reporting {code:?}");
                }
            }
            if via == from {
                assert!(there.losses.iter().all(|l| TOLERATED.contains(&l.code)), "{case}: {:?}", there.losses);
                assert_eq!(returned, untolerated(original.clone()), "{case}");
            }
        }
    }
}

#[test]
fn timer_payloads_survive_both_ways() {
    for (from, name, bytes) in event_fixtures().into_iter().filter(|(f, _, _)| f.is_timer()) {
        let other = if from == Format::AliyunTimer { Format::TencentTimer } else { Format::AliyunTimer };
        let there = convert_event(&bytes, None, other).unwrap();
        let back = convert_event(&there.output.to_json_string().into_bytes(), None, from).unwrap();
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(sj(&back.output), original, "{from}/{name}");
        assert!(there.losses.is_empty(), "{from}/{name}: {:?}", there.losses);
    }
}

#[test]
fn responses_convert_and_reach_callers_as_expected() {
    for (name, bytes) in response_fixtures() {
        for format in Format::HTTP {
            let client = client_response(&bytes, format);
            let report = validate_response(&bytes, format);
            assert_eq!(client.gateway_error.is_some(), report.has_errors(), "{name} as {format}");
            let mut expected = sj(&client.to_json());
            if let Ok(conversion) = convert_response(&bytes, format, Format::TencentApigw) {
                expected["asTencentApigw"] = sj(&conversion.to_json());
            }
            expect_json(&fixtures().join("responses").join(format!("{name}.expected")).join(format!("{format}.json")), &expected);
        }
    }
}

#[test]
fn platform_tolerance_differs_as_documented() {
    let node_sample = fs::read(fixtures().join("responses/alibaba-node-sample.json")).unwrap();
    let aliyun = client_response(&node_sample, Format::AliyunApigw);
    assert_eq!(aliyun.status, 200);
    assert_eq!(serde_json::from_slice::<Value>(&aliyun.body).unwrap()["path"], "/api");
    let tencent = client_response(&node_sample, Format::TencentApigw);
    assert_eq!(tencent.status, 403);
    assert!(tencent.body_text().unwrap().contains("Invalid scf response format"));
    let warnings: Vec<_> = validate_response(&node_sample, Format::AliyunApigw)
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(warnings, ["status-not-integer", "body-not-string"]);

    let plain = fs::read(fixtures().join("responses/plain-json.json")).unwrap();
    assert_eq!(client_response(&plain, Format::TencentUrl).status, 200);
    assert_eq!(client_response(&plain, Format::AliyunApigw).status, 502);

    let forbidden = fs::read(fixtures().join("responses/fc-forbidden-headers.json")).unwrap();
    let fc = client_response(&forbidden, Format::AliyunHttp);
    let names: Vec<&str> = fc.headers.iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["Content-Type", "X-Request-Id"]);
    assert_eq!(client_response(&forbidden, Format::TencentApigw).headers.len(), 6);
}

#[test]
fn binary_bodies_stay_bytes() {
    let png = fs::read(fixtures().join("responses/binary-png.json")).unwrap();
    let client = client_response(&png, Format::TencentApigw);
    assert_eq!(client.body.get(1..4), Some(&b"PNG"[..]));
    let to_url = convert_response(&png, Format::AliyunApigw, Format::TencentUrl).unwrap();
    assert_eq!(to_url.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::BinaryBody]);
}

/// Every leaf `(pointer, value)` of a JSON document.
fn leaves(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                leaves(v, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, format!("{pointer}/{i}"), out);
            }
        }
        leaf => out.push((pointer, leaf.clone())),
    }
}

/// Converting a payload into its own format changes no value silently: each leaf of the original is at the
/// same pointer with the same value, up to the documented normalizations (`"true"` → `true`, a number
/// given as a string or the reverse, `null` or empty maps that carry nothing, and a body that reading
/// tolerated, reported as a loss).
#[test]
fn converting_into_the_same_format_changes_no_value() {
    for (format, name, bytes) in event_fixtures() {
        let original: Value = serde_json::from_slice(&bytes).unwrap();
        let conversion = convert_event(&bytes, Some(format), format).unwrap();
        // A body read tolerantly is written as what it is, and the loss says so.
        let body_fixed = conversion.losses.iter().any(|l| TOLERATED.contains(&l.code) && l.path == "/body");
        let output = sj(&conversion.output);
        let mut original_leaves = Vec::new();
        leaves(&original, String::new(), &mut original_leaves);
        for (pointer, value) in original_leaves {
            let got = output.pointer(&pointer);
            let same = match (&value, got) {
                (a, Some(b)) if a == b => true,
                _ if body_fixed && (pointer == "/body" || pointer == "/isBase64Encoded") => true,
                (Value::String(s), Some(Value::Bool(b))) => s.eq_ignore_ascii_case(&b.to_string()),
                (Value::Number(n), Some(Value::String(s))) | (Value::String(s), Some(Value::Number(n))) => n.to_string() == *s,
                (Value::Null, None | Some(Value::Object(_))) => true,
                (Value::Object(m), None) => m.is_empty(),
                // Function URL events drop the flag and the configured-parameter maps they carry empty.
                (Value::Bool(false), None) => format == Format::TencentUrl && pointer == "/isBase64Encoded",
                _ => false,
            };
            assert!(same, "{format}/{name}: {pointer} was {value}, became {got:?}");
        }
    }
}

#[test]
fn fc_http_events_from_requests_leave_out_the_headers_fc_reserves() {
    use trigger_bridge::{event_from_request, HttpRequest};
    let headers = [("Connection", "keep-alive"), ("x-fc-foo", "1"), ("X-Fc-Log-Type", "None"), ("Accept", "*/*")];
    let request = || HttpRequest {
        url: "https://x.example.com/p".into(),
        headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        ..Default::default()
    };
    let c = event_from_request(request(), Format::AliyunHttp).unwrap();
    let kept: Vec<&str> = c.output["headers"].as_object().unwrap().iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kept, ["X-Fc-Log-Type", "Accept", "Host"]);
    let dropped: Vec<&str> = c.losses.iter().filter(|l| l.code == LossCode::FieldDropped).map(|l| l.path.as_str()).collect();
    assert_eq!(dropped, ["/headers/Connection", "/headers/x-fc-foo"]);
    // Tencent's gateways reserve none of them.
    let tencent = event_from_request(request(), Format::TencentApigw).unwrap();
    assert!(tencent.output["headers"]["x-fc-foo"].as_str().is_some());
}
