//! Every loss and diagnostic code is produced by some input, and means what it says.

use std::collections::BTreeSet;

use trigger_bridge::cron::{self, Dialect, Zone};
use trigger_bridge::{
    convert_event, convert_response, event_from_request, validate_event, validate_response, DiagCode, Format, HttpRequest, LossCode, Severity,
};

fn losses_of(result: trigger_bridge::Result<trigger_bridge::Conversion>) -> Vec<LossCode> {
    result.unwrap().losses.into_iter().map(|l| l.code).collect()
}

#[test]
fn every_loss_code_is_reachable() {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut add = |codes: Vec<LossCode>| seen.extend(codes.into_iter().map(LossCode::as_str));

    let tencent_repeat = br#"{"httpMethod":"GET","path":"/","queryString":{"a":["1","2"]},"headers":{"Accept":["x","y"]},
        "requestContext":{"serviceId":"s","stage":"release","path":"/{p}","requestId":"r","sourceIp":"1.2.3.4"},"pathParameters":{"p":"v"}}"#;
    add(losses_of(convert_event(tencent_repeat, None, Format::AliyunApigw)));
    add(losses_of(convert_event(tencent_repeat, None, Format::AliyunHttp)));
    let fc = br#"{"version":"v1","rawPath":"/","body":"/w==","isBase64Encoded":true,"headers":{},"queryParameters":{},
        "requestContext":{"http":{"method":"POST","path":"/"},"requestId":"r","time":"2024-01-01T00:00:00Z"}}"#;
    add(losses_of(convert_event(fc, None, Format::TencentUrl)));
    add(losses_of(convert_response(br#"{"statusCode":200,"headers":{"Set-Cookie":["a=1","b=2"]},"body":""}"#, Format::AliyunApigw, Format::TencentApigw)));
    add(losses_of(convert_response(br#"{"statusCode":200,"headers":{"X-Evil":"a\r\nb"},"body":""}"#, Format::AliyunApigw, Format::TencentApigw)));
    let big = format!(r#"{{"triggerTime":"2024-01-01T00:00:00Z","triggerName":"t","payload":"{}"}}"#, "x".repeat(5000));
    add(losses_of(convert_event(big.as_bytes(), None, Format::TencentTimer)));
    add(event_from_request(HttpRequest { url: "/".into(), ..Default::default() }, Format::AliyunApigw).unwrap().losses.into_iter().map(|l| l.code).collect());
    let get_with_body = br#"{"httpMethod":"GET","path":"/","queryString":{},"headers":{},"body":"x"}"#;
    add(trigger_bridge::parts::request_parts(get_with_body, None, true).unwrap().losses.into_iter().map(|l| l.code).collect());
    add(event_from_request(HttpRequest { url: "/?a=1&b=%FF&a=3".into(), ..Default::default() }, Format::TencentUrl)
        .unwrap()
        .losses
        .into_iter()
        .map(|l| l.code)
        .collect());
    // Tencent's API Gateway doc sample flags a body that is not base64; padding left off decodes as Node does.
    for body in ["{key:value}", "aGk"] {
        let event =
            format!(r#"{{"httpMethod":"POST","path":"/","queryString":{{}},"requestContext":{{"stage":"release"}},"body":"{body}","isBase64Encoded":"true"}}"#);
        add(losses_of(convert_event(event.as_bytes(), None, Format::TencentApigw)));
    }
    // Object events: an OSS upload with an ETag and milliseconds, an OSS metadata update (COS has none), a COS
    // version id (OSS has none).
    let oss = br#"{"events":[{"eventName":"ObjectModified:UpdateObjectMeta","eventTime":"2024-01-01T00:00:00.5Z",
        "oss":{"bucket":{"name":"b"},"object":{"key":"k","eTag":"E"}}}]}"#;
    add(losses_of(convert_event(oss, None, Format::TencentCos)));
    let cos = br#"{"Records":[{"event":{"eventName":"cos:ObjectCreated:Put","eventTime":1},"cos":{"cosBucket":{"name":"b","appid":"1"},
        "cosObject":{"key":"/1/b/k","vid":"v1"}}}]}"#;
    add(losses_of(convert_event(cos, None, Format::AliyunOss)));
    // Message events: a CMQ batch with two tags and request ids into MNS; a Kafka record with an id into CKafka.
    let cmq = br#"{"Records":[{"CMQ":{"msgBody":"a","msgTag":["x","y"],"requestId":"r"}},{"CMQ":{"msgBody":"b"}}]}"#;
    add(losses_of(convert_event(cmq, None, Format::AliyunMns)));
    let kafka = br#"[{"id":"i","type":"alikafka:Topic:Message","data":{"topic":"t","value":"v","timestamp":1}}]"#;
    add(losses_of(convert_event(kafka, None, Format::TencentCkafka)));
    for (expr, from, to) in [
        ("@every 7m", Dialect::Aliyun, Dialect::Tencent),
        ("0 0 0 1 1 1 2026", Dialect::Tencent, Dialect::Aliyun),
        ("0 0 23 1 * ?", Dialect::Aliyun, Dialect::Tencent),
        ("CRON_TZ=+05:30 0 0,45 1 * * ?", Dialect::Aliyun, Dialect::Tencent),
        ("CRON_TZ=America/New_York 0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent),
    ] {
        add(cron::translate(expr, from, to, None, None).unwrap().losses.into_iter().map(|l| l.code).collect());
    }
    let trigger = trigger_bridge::trigger::TriggerTarget::parse("tencent").unwrap();
    let http = trigger_bridge::trigger::convert(br#"{"authType":"jwt","methods":["GET","POST"]}"#, None, trigger, None, None).unwrap();
    add(http.losses.into_iter().map(|l| l.code).collect());
    let oss_trigger = br#"{"triggerType":"oss","sourceArn":"acs:oss:cn-hangzhou:1:b","triggerConfig":{"events":["oss:ObjectCreated:*"]}}"#;
    add(trigger_bridge::trigger::convert(oss_trigger, None, trigger, None, None).unwrap().losses.into_iter().map(|l| l.code).collect());
    let all: BTreeSet<&str> = LossCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(seen, all, "missing: {:?}", all.difference(&seen).collect::<Vec<_>>());
}

#[test]
fn every_diagnostic_code_is_reachable() {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut add = |report: trigger_bridge::Report| seen.extend(report.diagnostics.iter().map(|d| d.code.as_str()));
    let responses: &[(&[u8], Format)] = &[
        (b"{", Format::TencentApigw),
        ("[".repeat(500).as_bytes().to_vec().leak(), Format::TencentApigw),
        (b"[1]", Format::AliyunApigw),
        (b"{}", Format::AliyunApigw),
        (br#"{"statusCode":"200","isBase64Encoded":"false","body":{}}"#, Format::TencentApigw),
        (br#"{"statusCode":99}"#, Format::TencentApigw),
        (br#"{"statusCode":200,"isBase64Encoded":7}"#, Format::TencentApigw),
        (br#"{"statusCode":200,"headers":[]}"#, Format::TencentApigw),
        (br#"{"statusCode":200,"headers":{"a":1,"b c":"x","d":"\r\n"}}"#, Format::AliyunApigw),
        (br#"{"statusCode":200,"isBase64Encoded":true,"body":"@@@"}"#, Format::AliyunApigw),
        (br#"{"statusCode":200,"isBase64Encoded":true,"body":"aGk"}"#, Format::AliyunApigw),
        (br#"{"statusCode":200,"headers":{"Server":"x","Content-Disposition":"attachment"},"extra":1}"#, Format::AliyunHttp),
        (br#"{"ok":true}"#, Format::TencentUrl),
        (br#"{"statusCode":200,"isBase64Encoded":true,"body":"aGk="}"#, Format::TencentUrl),
    ];
    for (input, format) in responses {
        add(validate_response(input, *format));
    }
    let huge_body = "x".repeat(6 * 1024 * 1024);
    add(validate_response(format!(r#"{{"statusCode":200,"body":"{huge_body}"}}"#).as_bytes(), Format::TencentUrl));
    let huge_header = "x".repeat(9000);
    add(validate_response(format!(r#"{{"statusCode":200,"headers":{{"X-Big":"{huge_header}"}}}}"#).as_bytes(), Format::AliyunHttp));
    let fc = |method: &str, extra_headers: &str, body: &str, path: &str| {
        format!(r#"{{"version":"v1","rawPath":"{path}","body":"{body}","headers":{{{extra_headers}}},"requestContext":{{"http":{{"method":"{method}"}}}}}}"#)
    };
    for event in [
        fc("TRACE", "", "", "/"),
        fc("GE T", "", "", "/"),
        fc("GET", "", "", "relative"),
        fc("GET", &format!(r#""X-Big":"{huge_header}""#), "", "/"),
        fc("GET", "", "", &format!("/{}", "a".repeat(5000))),
        fc("POST", r#""X-Fc-Invocation-Type":"Async","x-fc-async-delay":"7200","x-fc-secret":"1","Connection":"close""#, &"a".repeat(200_000), "/"),
        r#"{"foo":1}"#.to_string(),
        r#"{"httpMethod":"GET","path":"/","queryParameters":{},"isBase64Encoded":"false"}"#.to_string(),
        r#"{"httpMethod":"GET","queryParameters":{}, "path": null}"#.to_string(),
        r#"{"httpMethod":"GET","path":"/","queryParameters":{},"headers":{"a":{}}}"#.to_string(),
        format!(r#"{{"triggerTime":"yesterday","triggerName":"t","payload":"{}"}}"#, "x".repeat(200_000)),
        r#"{"Type":"Timer","TriggerName":"bad name!","Time":"2024-01-01T00:00:00Z","Message":""}"#.to_string(),
        r#"{"events":[{"eventName":"ObjectCreated:Future","eventTime":"soon","oss":{"bucket":{"name":"b"},"object":{"key":"a%20b"}}}]}"#.to_string(),
        r#"{"Records":[{"event":{"eventName":"cos:ObjectCreated:Put","eventTime":"later"},"cos":{"cosBucket":{"name":"b"},"cosObject":{"key":"/1/b/a+b"}}}]}"#
            .to_string(),
    ] {
        add(validate_event(event.as_bytes(), None));
    }
    add(validate_event(br#"{"events":[]}"#, Some(Format::AliyunOss)));
    add(validate_event(br#"{"Records":[]}"#, Some(Format::TencentCkafka)));
    add(validate_event(br#"{"TopicName":"t","Message":"m","PublishTime":"yesterday"}"#, None));
    let all: BTreeSet<&str> = DiagCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(seen, all, "missing: {:?}", all.difference(&seen).collect::<Vec<_>>());
}

#[test]
fn severities_follow_the_platform() {
    let quirky = br#"{"statusCode":"200","isBase64Encoded":"false","body":{"a":1}}"#;
    for (format, severity) in [(Format::AliyunApigw, Severity::Warning), (Format::TencentApigw, Severity::Error)] {
        let report = validate_response(quirky, format);
        assert_eq!(report.diagnostics.len(), 3);
        assert!(report.diagnostics.iter().all(|d| d.severity == severity), "{format}: {:?}", report.diagnostics);
    }
    let async_body = format!(
        r#"{{"version":"v1","rawPath":"/","body":"{}","headers":{{"X-Fc-Invocation-Type":"Async"}},"requestContext":{{"http":{{"method":"POST"}}}}}}"#,
        "a".repeat(131_073)
    );
    let report = validate_event(async_body.as_bytes(), None);
    assert!(report.diagnostics.iter().any(|d| d.code == DiagCode::BodyTooLarge && d.severity == Severity::Error));
    let sync_body = async_body.replace("Async", "Sync");
    assert!(!validate_event(sync_body.as_bytes(), None).has_errors());
}

#[test]
fn zone_names_and_offsets() {
    assert_eq!(Zone::parse("Asia/Shanghai").unwrap().offset, 8 * 3600);
    assert_eq!(Zone::parse("UTC+9").unwrap().offset, 9 * 3600);
    assert_eq!(Zone::parse("-05:30").unwrap().offset, -(5 * 3600 + 1800));
    assert_eq!(Zone::parse("Asia/Kathmandu").unwrap().offset, 5 * 3600 + 45 * 60);
    assert!(!Zone::parse("Europe/Berlin").unwrap().is_fixed());
    assert_eq!(Zone::parse("Mars/Olympus").unwrap_err().code, trigger_bridge::ErrorCode::InvalidTimeZone);
}

#[test]
fn docs_list_every_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/codes.md")).unwrap();
    let listed = |code: &str| docs.contains(&format!("| `{code}` |"));
    let missing: Vec<&str> = LossCode::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(DiagCode::ALL.iter().map(|c| c.as_str()))
        .chain(trigger_bridge::ErrorCode::ALL.iter().map(|c| c.as_str()))
        .filter(|c| !listed(c))
        .collect();
    assert!(missing.is_empty(), "docs/codes.md lacks {missing:?}");
}

/// The quoted ids of the TypeScript union `export type NAME = ...;` in pkg/index.d.ts, following the names
/// of other unions it is made of.
fn ts_union(types: &str, name: &str) -> BTreeSet<String> {
    let start = format!("export type {name} =");
    let Some(at) = types.find(&start) else { panic!("pkg/index.d.ts has no `{start}`") };
    let body = &types[at + start.len()..];
    let body = &body[..body.find(';').unwrap()];
    let mut ids = BTreeSet::new();
    for part in body.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        match part.strip_prefix('\'').and_then(|p| p.strip_suffix('\'')) {
            Some(id) => {
                ids.insert(id.to_string());
            }
            None => ids.extend(ts_union(types, part)),
        }
    }
    ids
}

/// The package's types name exactly the codes and formats the core has: a code added in Rust and not in the
/// types (or the other way round) fails here, not in a user's type check.
#[test]
fn typescript_unions_match_the_core() {
    let types = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/index.d.ts")).unwrap();
    let set = |ids: Vec<&str>| ids.into_iter().map(String::from).collect::<BTreeSet<String>>();
    assert_eq!(ts_union(&types, "LossCode"), set(LossCode::ALL.iter().map(|c| c.as_str()).collect()));
    assert_eq!(ts_union(&types, "DiagCode"), set(DiagCode::ALL.iter().map(|c| c.as_str()).collect()));
    assert_eq!(ts_union(&types, "FormatId"), set(Format::ALL.iter().map(|f| f.id()).collect()));
    // The package adds its own error codes (`usage`, `wasm-not-found`, ...) to the core's.
    let core_errors = set(trigger_bridge::ErrorCode::ALL.iter().map(|c| c.as_str()).collect());
    let typed_errors = ts_union(&types, "ErrorCode");
    let missing: Vec<&String> = core_errors.difference(&typed_errors).collect();
    assert!(missing.is_empty(), "ErrorCode in pkg/index.d.ts lacks {missing:?}");
}
