//! Object-storage events (`aliyun-oss` ⇄ `tencent-cos`): what a handler on the other cloud reads, round
//! trips, refusals and validation. The expected conversions of every fixture are in tests/conversions.rs.

#[path = "common/events.rs"]
mod events;

use events::{converted, fixture, json};
use trigger_bridge::objects::{self, ObjectKind};
use trigger_bridge::{convert_event, detect, event_from_request, validate_event, DiagCode, ErrorCode, Format, HttpRequest, LossCode, Severity};

/// `decodeURIComponent`, as Node COS handlers read `cosObject.key` after cutting `/<appid>/<bucket>/`.
fn decode_uri_component(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().unwrap().into_owned()
}

/// Python's `unquote_plus`, as Python COS handlers read it.
fn unquote_plus(text: &str) -> String {
    decode_uri_component(&text.replace('+', " "))
}

const KEYS: [&str; 4] = ["2024/春节 照片/a+b 100%.jpg", "tmp/old file.txt", "docs/ünïcødé.pdf", "archive/2019.tar"];

/// An FC handler's upload event behind a COS trigger: the key a COS handler decodes, either way it
/// decodes, is the object's name; size, bucket and account are where a COS handler reads them.
#[test]
fn oss_records_reach_cos_handlers_with_their_keys() {
    let (cos, losses) = converted(&fixture(Format::AliyunOss, "records-keys-kinds"), Format::TencentCos);
    let records = cos["Records"].as_array().unwrap();
    assert_eq!(records.len(), 4);
    for (record, expected) in records.iter().zip(KEYS) {
        let appid = record["cos"]["cosBucket"]["appid"].as_str().unwrap();
        let bucket = record["cos"]["cosBucket"]["name"].as_str().unwrap();
        assert_eq!((appid, bucket), ("1237050315505689", "photos"));
        let raw = record["cos"]["cosObject"]["key"].as_str().unwrap();
        let rest = raw.strip_prefix(&format!("/{appid}/{bucket}/")).unwrap();
        assert!(rest.is_ascii() && !rest.contains(' ') && !rest.contains('+'), "{raw}");
        assert_eq!(decode_uri_component(rest), expected);
        assert_eq!(unquote_plus(rest), expected);
    }
    assert_eq!(records[0]["cos"]["cosObject"]["size"], 2048);
    assert_eq!(records[0]["event"]["eventTime"], 1_709_280_000);
    assert_eq!(records[0]["event"]["requestParameters"]["requestSourceIP"], "203.0.113.7");
    assert_eq!(records[2]["cos"]["cosObject"]["meta"]["x-cos-meta-owner"], "finance");
    assert_eq!(records[2]["cos"]["cosObject"]["meta"]["Content-Type"], "application/pdf");
    let names: Vec<&str> = records.iter().map(|r| r["event"]["eventName"].as_str().unwrap()).collect();
    assert_eq!(names, ["cos:ObjectCreated:Put", "cos:ObjectRemove:Delete", "cos:ObjectCreated:Copy", "cos:ObjectRestore:Completed"]);
    let at = |code: LossCode| -> Vec<&str> { losses.iter().filter(|l| l.code == code).map(|l| l.path.as_str()).collect() };
    assert_eq!(at(LossCode::ObjectEventApproximated), ["/events/1/eventName", "/events/2/eventName"]);
    assert_eq!(at(LossCode::EtagDropped).len(), 4);
    assert_eq!(at(LossCode::TimeTruncated), ["/events/0/eventTime"]);
    assert!(at(LossCode::FieldDropped).contains(&"/events/0/oss/ruleId"));
}

/// A COS handler's events behind an OSS trigger: decoded keys, no prefix, sizes and times as OSS writes them.
#[test]
fn cos_records_reach_oss_handlers_decoded() {
    let (oss, losses) = converted(&fixture(Format::TencentCos, "records-keys-kinds"), Format::AliyunOss);
    let events = oss["events"].as_array().unwrap();
    let keys: Vec<&str> = events.iter().map(|e| e["oss"]["object"]["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["2024/春节 照片/a+b 100%.jpg", "tmp/old file.txt", "archive/2019.tar"]);
    assert_eq!(events[0]["oss"]["object"]["size"], 2048);
    assert_eq!(events[0]["eventTime"], "2024-03-01T08:00:00.000Z");
    assert_eq!(events[0]["oss"]["bucket"]["name"], "photos");
    assert_eq!(events[0]["oss"]["bucket"]["ownerIdentity"], "1250000000");
    assert_eq!(events[0]["responseElements"]["requestId"], "NjVlMThiMDBfYWJjZGVmXzE=");
    assert_eq!(events[2]["oss"]["object"]["objectMeta"]["userMeta"]["x-oss-meta-owner"], "finance");
    let names: Vec<&str> = events.iter().map(|e| e["eventName"].as_str().unwrap()).collect();
    assert_eq!(names, ["ObjectCreated:PutObject", "ObjectRemoved:DeleteObject", "ObjectRestore:FinishRestore"]);
    let version = losses.iter().find(|l| l.code == LossCode::ObjectVersionDropped).unwrap();
    assert_eq!(version.path, "/Records/1/cos/cosObject/vid");
    assert!(losses.iter().any(|l| l.code == LossCode::ObjectEventApproximated && l.path == "/Records/1/event/eventName"));
    // Tencent's older sample: the size a string, the time an ISO string, a key without appid and bucket.
    let (legacy, _) = converted(&fixture(Format::TencentCos, "doc-legacy-strings"), Format::AliyunOss);
    let event = &legacy["events"][0];
    assert_eq!((event["oss"]["object"]["key"].as_str(), event["oss"]["object"]["size"].as_u64()), (Some("test.jpg"), Some(1024)));
    assert_eq!(event["eventTime"], "1970-01-01T00:00:00.000Z");
}

/// A → B → A returns every neutral field B carries, record by record; into its own format nothing is lost
/// and nothing changes.
#[test]
fn round_trips_keep_the_neutral_record() {
    let cases = [
        (Format::AliyunOss, "doc-put-object"),
        (Format::AliyunOss, "sdk-go-readme"),
        (Format::AliyunOss, "records-keys-kinds"),
        (Format::TencentCos, "doc-created"),
        (Format::TencentCos, "doc-legacy-strings"),
        (Format::TencentCos, "records-keys-kinds"),
    ];
    for (from, name) in cases {
        let bytes = fixture(from, name);
        let original = objects::read_event(from, trigger_bridge::json::parse(&bytes).unwrap()).unwrap();
        let same = convert_event(&bytes, Some(from), from).unwrap();
        assert!(same.losses.is_empty(), "{from}/{name}: {:?}", same.losses);
        let again = objects::read_event(from, same.output.clone()).unwrap();
        assert_eq!(again, original, "{from}/{name} into itself");
        let other = if from == Format::AliyunOss { Format::TencentCos } else { Format::AliyunOss };
        let there = convert_event(&bytes, Some(from), other).unwrap();
        let back = convert_event(there.output.to_json_string().as_bytes(), Some(other), from).unwrap();
        let returned = objects::read_event(from, back.output).unwrap();
        assert_eq!(returned.records.len(), original.records.len());
        for (i, (a, b)) in original.records.iter().zip(&returned.records).enumerate() {
            let case = format!("{from}/{name} record {i} via {other}");
            assert_eq!((&a.key, &a.bucket, &a.region, &a.account), (&b.key, &b.bucket, &b.region, &b.account), "{case}");
            assert_eq!((a.size, &a.source_ip, &a.request_id), (b.size, &b.source_ip, &b.request_id), "{case}");
            assert_eq!((&a.content_type, &a.metadata), (&b.content_type, &b.metadata), "{case}");
            let secs = |t: &Option<String>| t.as_deref().and_then(trigger_bridge::time::parse_rfc3339);
            assert_eq!(secs(&a.time), secs(&b.time), "{case}");
            let list = if from == Format::AliyunOss { "events" } else { "Records" };
            let approximated = there.losses.iter().any(|l| l.code == LossCode::ObjectEventApproximated && l.path.starts_with(&format!("/{list}/{i}/")));
            if approximated {
                // Only OSS has modified events; COS writes them as created ones.
                assert!(a.kind == b.kind || (a.kind == ObjectKind::Modified && b.kind == ObjectKind::Created), "{case}");
            } else {
                assert_eq!((a.kind, a.operation.is_some()), (b.kind, true), "{case}");
                assert_eq!(a.event_name, b.event_name, "{case}");
            }
            if a.etag.is_some() && b.etag.is_none() {
                assert!(there.losses.iter().any(|l| l.code == LossCode::EtagDropped), "{case}");
            }
            if a.version.is_some() && b.version.is_none() {
                assert!(there.losses.iter().any(|l| l.code == LossCode::ObjectVersionDropped), "{case}");
            }
        }
    }
}

#[test]
fn converting_into_the_same_format_is_the_identity_for_doc_samples() {
    for (format, name) in [(Format::AliyunOss, "doc-put-object"), (Format::AliyunOss, "sdk-go-readme"), (Format::TencentCos, "doc-created")] {
        let bytes = fixture(format, name);
        let (output, losses) = converted(&bytes, format);
        assert!(losses.is_empty());
        assert_eq!(output, json(&bytes), "{format}/{name}");
    }
}

#[test]
fn a_started_restore_has_no_oss_event_and_is_refused() {
    let started = br#"{"Records":[{"event":{"eventName":"cos:ObjectRestore:Post","eventTime":1700000000},
        "cos":{"cosBucket":{"name":"b","appid":"1","region":"gz"},"cosObject":{"key":"/1/b/cold.tar","size":10}}}]}"#;
    let err = convert_event(started, None, Format::AliyunOss).unwrap_err();
    assert_eq!((err.code, err.path.as_str(), err.format), (ErrorCode::Unsupported, "/Records/0/event/eventName", Some(Format::TencentCos)));
    assert!(err.message.contains("FinishRestore"), "{}", err.message);
    // Into COS itself it is fine.
    assert!(convert_event(started, None, Format::TencentCos).unwrap().losses.is_empty());
}

#[test]
fn object_and_http_or_timer_events_do_not_convert() {
    let oss = fixture(Format::AliyunOss, "doc-put-object");
    for to in Format::HTTP.into_iter().chain(Format::TIMER) {
        let err = convert_event(&oss, None, to).unwrap_err();
        assert_eq!(err.code, ErrorCode::Unsupported, "{to}");
        assert!(err.message.contains("an object event") && err.message.contains(to.kind()), "{}", err.message);
    }
    let apigw = br#"{"path":"/","httpMethod":"GET","headers":{},"queryParameters":{}}"#;
    let err = convert_event(apigw, None, Format::TencentCos).unwrap_err();
    assert_eq!(err.code, ErrorCode::Unsupported);
    assert!(err.message.contains("an http event"), "{}", err.message);
    let err = event_from_request(HttpRequest { url: "/".into(), ..Default::default() }, Format::AliyunOss).unwrap_err();
    assert_eq!(err.code, ErrorCode::Unsupported);
    assert!(trigger_bridge::read_request(&oss, None).is_err());
    assert!(trigger_bridge::validate_response(br#"{"statusCode":200}"#, Format::TencentCos).has_errors());
}

#[test]
fn detection_and_buffers() {
    assert_eq!(detect(&fixture(Format::AliyunOss, "doc-put-object")).unwrap(), Format::AliyunOss);
    assert_eq!(detect(&fixture(Format::TencentCos, "doc-legacy-strings")).unwrap(), Format::TencentCos);
    // FC hands the event to Node as a Buffer of JSON; Python gets text that may be a JSON string of it.
    let text = String::from_utf8(fixture(Format::AliyunOss, "doc-put-object")).unwrap();
    let double = serde_json::to_string(&text).unwrap();
    assert_eq!(detect(double.as_bytes()).unwrap(), Format::AliyunOss);
    // A CDN event also has `events`, but it is not an object-storage event.
    let cdn = br#"{"events":[{"eventName":"LogFileCreated","eventSource":"cdn","region":"cn-hangzhou"}]}"#;
    assert_eq!(detect(cdn).unwrap_err().code, ErrorCode::UnknownFormat);
}

#[test]
fn bad_records_are_typed_errors_with_pointers() {
    let cases: [(&[u8], ErrorCode, &str); 6] = [
        (br#"{"events":{}}"#, ErrorCode::InvalidField, "/events"),
        (
            br#"{"events":[{"eventName":"ObjectCreated:PutObject","oss":{"bucket":{"name":"b"},"object":{"key":"k","size":"big"}}}]}"#,
            ErrorCode::InvalidField,
            "/events/0/oss/object/size",
        ),
        (
            br#"{"events":[{"eventName":"ObjectCreated:PutObject","oss":{"bucket":{"name":"b"},"object":{}}}]}"#,
            ErrorCode::MissingField,
            "/events/0/oss/object/key",
        ),
        (br#"{"events":[{"eventName":"Bucket:Gone","oss":{}}]}"#, ErrorCode::InvalidField, "/events/0/eventName"),
        (br#"{"Records":[{"event":{"eventName":"cos:ObjectCreated:Put","eventTime":1.5},"cos":{}}]}"#, ErrorCode::InvalidField, "/Records/0/event/eventTime"),
        (br#"{"Records":[{"cos":{"cosBucket":{"name":"b"}}}]}"#, ErrorCode::MissingField, "/Records/0/event"),
    ];
    for (input, code, path) in cases {
        let format = if input.starts_with(br#"{"events""#) { Format::AliyunOss } else { Format::TencentCos };
        let err = convert_event(input, Some(format), Format::TencentCos).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (code, path), "{}", String::from_utf8_lossy(input));
        let report = validate_event(input, Some(format));
        assert!(report.has_errors(), "{}", String::from_utf8_lossy(input));
    }
}

#[test]
fn validation_names_the_quirks() {
    let codes = |input: &[u8]| -> Vec<(DiagCode, Severity)> { validate_event(input, None).diagnostics.iter().map(|d| (d.code, d.severity)).collect() };
    for (format, name) in [(Format::AliyunOss, "doc-put-object"), (Format::TencentCos, "doc-created"), (Format::TencentCos, "records-keys-kinds")] {
        assert_eq!(codes(&fixture(format, name)), [], "{format}/{name}");
    }
    let plus = br#"{"Records":[{"event":{"eventName":"cos:ObjectCreated:Put","eventTime":1},"cos":{"cosBucket":{"name":"b","appid":"1"},"cosObject":{"key":"/1/b/a+b"}}}]}"#;
    assert_eq!(codes(plus), [(DiagCode::ObjectKeyAmbiguous, Severity::Warning)]);
    let oss = br#"{"events":[{"eventName":"ObjectCreated:Future","eventTime":"2024-01-01 00:00","oss":{"bucket":{"name":"b"},"object":{"key":"a%20b"}}}]}"#;
    assert_eq!(
        codes(oss),
        [(DiagCode::ObjectEventUnknown, Severity::Warning), (DiagCode::ObjectTimeInvalid, Severity::Warning), (DiagCode::ObjectKeyAmbiguous, Severity::Info)]
    );
    let report = validate_event(br#"{"Records":[]}"#, Some(Format::TencentCos));
    assert_eq!(report.diagnostics.first().map(|d| (d.code, d.path.as_str())), Some((DiagCode::ObjectRecordsEmpty, "/Records")));
    // An unknown operation of a known kind still converts, to the target's generic event of that kind.
    let c = convert_event(oss, None, Format::TencentCos).unwrap();
    assert_eq!(c.output.pointer("/Records/0/event/eventName").and_then(|v| v.as_str()), Some("cos:ObjectCreated:*"));
    assert_eq!(objects::read_event(Format::AliyunOss, trigger_bridge::json::parse(oss).unwrap()).unwrap().records[0].kind, ObjectKind::Created);
}

/// Many records with extras convert in time linear in the event (each record searches only its own extras).
#[test]
fn many_records_convert_in_linear_time() {
    let record = r#"{"eventName":"ObjectCreated:PutObject","eventTime":"2024-01-01T00:00:00.000Z","region":"cn-hangzhou",
        "oss":{"bucket":{"name":"b","ownerIdentity":"1","virtualBucket":""},"object":{"key":"k","size":1,"deltaSize":1,"eTag":"E"},"ruleId":"r"},
        "userIdentity":{"principalId":"1"}}"#;
    let n = 10_000;
    let event = format!(r#"{{"events":[{}]}}"#, vec![record; n].join(","));
    let start = std::time::Instant::now();
    for to in Format::OBJECT {
        let c = convert_event(event.as_bytes(), None, to).unwrap();
        let list = if to == Format::AliyunOss { "/events" } else { "/Records" };
        assert_eq!(c.output.pointer(list).and_then(|v| v.as_array()).map(Vec::len), Some(n));
    }
    // Generous: quadratic work on 10 000 records takes minutes.
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
}

// ---- Events from a description (`trigger-bridge event`, `eventFromObject`) ----

fn spec(keys: &[&str]) -> objects::ObjectSpec {
    objects::ObjectSpec {
        bucket: "photos".into(),
        objects: keys.iter().map(|k| objects::SpecObject { key: (*k).to_string(), size: Some(10), ..Default::default() }).collect(),
        time: Some("2024-03-01T08:00:00.250Z".into()),
        ..Default::default()
    }
}

fn built(spec: objects::ObjectSpec, to: Format) -> (serde_json::Value, Vec<trigger_bridge::Loss>) {
    let c = objects::event_from_spec(spec, to, 1_700_000_000).unwrap();
    assert_eq!((c.from, c.to), (None, to));
    (json(c.output.to_json_string().as_bytes()), c.losses)
}

/// Each key as the platform encodes it: COS prefixes `/<appid>/<bucket>/` and percent-encodes, so every
/// decoder a COS handler uses reads the key back; OSS writes it as it is. The built event is one the
/// platform's validation accepts, and reading it back gives the described keys and sizes.
#[test]
fn described_keys_are_encoded_as_each_platform_sends_them() {
    let (cos, losses) = built(spec(&KEYS), Format::TencentCos);
    assert_eq!(losses.iter().map(|l| (l.code, l.path.as_str())).collect::<Vec<_>>(), [(LossCode::TimeTruncated, "/time")]);
    let records = cos["Records"].as_array().unwrap();
    assert_eq!(records.len(), KEYS.len());
    for (record, expected) in records.iter().zip(KEYS) {
        let raw = record["cos"]["cosObject"]["key"].as_str().unwrap();
        let rest = raw.strip_prefix("/1250000000/photos/").unwrap();
        assert!(rest.is_ascii() && !rest.contains(' ') && !rest.contains('+'), "{raw}");
        assert_eq!(decode_uri_component(rest), expected);
        assert_eq!(unquote_plus(rest), expected);
        assert_eq!(record["cos"]["cosObject"]["size"], 10);
        assert_eq!(record["event"]["eventName"], "cos:ObjectCreated:Put");
        assert_eq!(record["event"]["eventTime"], 1_709_280_000);
        assert_eq!(record["cos"]["cosBucket"]["region"], "gz");
    }
    assert_eq!(records[0]["cos"]["cosObject"]["key"], "/1250000000/photos/2024/%E6%98%A5%E8%8A%82%20%E7%85%A7%E7%89%87/a%2Bb%20100%25.jpg");
    let bytes = cos.to_string();
    assert_eq!(detect(bytes.as_bytes()).unwrap(), Format::TencentCos);
    assert!(!validate_event(bytes.as_bytes(), Some(Format::TencentCos)).has_errors());
    let back = objects::read_event(Format::TencentCos, trigger_bridge::json::parse(bytes.as_bytes()).unwrap()).unwrap();
    assert_eq!(back.records.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), KEYS);

    let (oss, losses) = built(spec(&KEYS), Format::AliyunOss);
    assert!(losses.is_empty(), "{losses:?}");
    let records = oss["events"].as_array().unwrap();
    for (record, expected) in records.iter().zip(KEYS) {
        assert_eq!(record["oss"]["object"]["key"], expected);
        assert_eq!(record["oss"]["object"]["size"], 10);
        assert_eq!(record["eventName"], "ObjectCreated:PutObject");
        assert_eq!(record["eventTime"], "2024-03-01T08:00:00.250Z");
        assert_eq!(record["oss"]["bucket"]["arn"], "acs:oss:cn-hangzhou:1234567890123456:photos");
    }
    let bytes = oss.to_string();
    assert_eq!(detect(bytes.as_bytes()).unwrap(), Format::AliyunOss);
    assert!(!validate_event(bytes.as_bytes(), Some(Format::AliyunOss)).has_errors());
}

/// Event kinds and names of either cloud; what the target cannot carry is a loss at the description's
/// field; what it cannot express at all is refused there.
#[test]
fn described_events_name_kinds_and_report_losses_at_their_fields() {
    let name = |to: Format, event: &str| {
        let mut s = spec(&["k"]);
        s.event = Some(event.into());
        let c = objects::event_from_spec(s, to, 0).unwrap();
        let out = json(c.output.to_json_string().as_bytes());
        let name = if to == Format::AliyunOss { out["events"][0]["eventName"].clone() } else { out["Records"][0]["event"]["eventName"].clone() };
        (name.as_str().unwrap().to_string(), c.losses.iter().map(|l| (l.code, l.path.clone())).collect::<Vec<_>>())
    };
    let oss = Format::AliyunOss;
    let cos = Format::TencentCos;
    assert_eq!(name(oss, "removed").0, "ObjectRemoved:DeleteObject");
    assert_eq!(name(oss, "Restored").0, "ObjectRestore:FinishRestore");
    assert_eq!(name(oss, "modified").0, "ObjectModified:UpdateObjectMeta");
    assert_eq!(name(oss, "oss:ObjectCreated:AppendObject").0, "ObjectCreated:AppendObject");
    assert_eq!(name(oss, "cos:ObjectCreated:Copy").0, "ObjectCreated:CopyObject");
    assert_eq!(name(cos, "ObjectCreated:Put").0, "cos:ObjectCreated:Put");
    assert_eq!(name(cos, "ObjectCreated:CompleteMultipartUpload").0, "cos:ObjectCreated:CompleteMultipartUpload");
    assert_eq!(name(cos, "removed").0, "cos:ObjectRemove:Delete");
    assert_eq!(name(cos, "restored").0, "cos:ObjectRestore:Completed");
    assert_eq!(
        name(cos, "modified"),
        ("cos:ObjectCreated:Copy".into(), vec![(LossCode::ObjectEventApproximated, "/event".into()), (LossCode::TimeTruncated, "/time".into())])
    );
    assert_eq!(
        name(oss, "cos:ObjectRemove:DeleteMarkerCreated"),
        ("ObjectRemoved:DeleteObject".into(), vec![(LossCode::ObjectEventApproximated, "/event".into())])
    );

    let mut s = spec(&["a", "b"]);
    s.objects[0].etag = Some("\"e1\"".into());
    s.objects[1].version = Some("v2".into());
    let (out, losses) = built(s.clone(), Format::TencentCos);
    assert_eq!(out["Records"][1]["cos"]["cosObject"]["vid"], "v2");
    assert!(losses.iter().any(|l| l.code == LossCode::EtagDropped && l.path == "/etag"));
    let (out, losses) = built(s, Format::AliyunOss);
    assert_eq!(out["events"][0]["oss"]["object"]["eTag"], "\"e1\"");
    assert!(losses.iter().any(|l| l.code == LossCode::ObjectVersionDropped && l.path == "/version"));

    let refuse = |s: objects::ObjectSpec, to: Format| objects::event_from_spec(s, to, 0).unwrap_err();
    let mut s = spec(&["k"]);
    s.event = Some("cos:ObjectRestore:Post".into());
    let e = refuse(s, oss);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::Unsupported, "/event"));
    let mut s = spec(&["k"]);
    s.event = Some("Bucket:Created".into());
    let e = refuse(s, cos);
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, "/event"));
    let mut s = spec(&["k"]);
    s.time = Some("yesterday".into());
    assert_eq!(refuse(s, cos).path, "/time");
    assert_eq!(refuse(spec(&[]), cos).path, "/key");
    assert_eq!(refuse(spec(&["a", ""]), cos).path, "/keys/1");
    let mut s = spec(&["k"]);
    s.bucket.clear();
    assert_eq!(refuse(s, cos).path, "/bucket");
    assert_eq!(refuse(spec(&["k"]), Format::AliyunTimer).code, ErrorCode::Unsupported);
}

/// The JSON form the npm package sends: `key`/`keys`, per-key fields over shared ones, typed errors.
#[test]
fn descriptions_read_from_json_with_typed_errors() {
    let read = |text: &str| objects::ObjectSpec::from_json(trigger_bridge::json::parse(text.as_bytes()).unwrap());
    let s =
        read(r#"{"bucket":"b","key":"x","keys":["y",{"key":"z","size":"7","etag":"t"}],"size":3,"event":"removed","metadata":{"a":"1"},"sourceIp":"1.2.3.4"}"#)
            .unwrap();
    let got: Vec<(&str, Option<u64>, Option<&str>)> = s.objects.iter().map(|o| (o.key.as_str(), o.size, o.etag.as_deref())).collect();
    assert_eq!(got, [("x", Some(3), None), ("y", Some(3), None), ("z", Some(7), Some("t"))]);
    assert_eq!((s.event.as_deref(), s.source_ip.as_deref(), s.metadata.len()), (Some("removed"), Some("1.2.3.4"), 1));
    for (text, path) in [
        (r#"{"key":"x"}"#, "/bucket"),
        (r#"{"bucket":"b","key":"x","size":-1}"#, "/size"),
        (r#"{"bucket":"b","key":"x","size":1.5}"#, "/size"),
        (r#"{"bucket":"b","keys":"x"}"#, "/keys"),
        (r#"{"bucket":"b","keys":[1]}"#, "/keys/0"),
        (r#"{"bucket":"b","keys":[{"size":1}]}"#, "/keys/0/key"),
        (r#"{"bucket":"b","keys":[{"key":"k","sise":1}]}"#, "/keys/0/sise"),
        (r#"{"bucket":"b","key":"x","bukket":"c"}"#, "/bukket"),
        (r#"{"bucket":"b","key":{"a":1}}"#, "/key"),
        (r#"[]"#, ""),
    ] {
        let e = read(text).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, path), "{text}");
    }
}

struct NoFiles;

impl trigger_bridge::cli::Host for NoFiles {
    fn read(&mut self, _: &str) -> Result<Vec<u8>, String> {
        Err("not found".into())
    }
    fn now(&self) -> i64 {
        1_700_000_000
    }
}

fn cli(args: &[&str]) -> trigger_bridge::cli::Output {
    trigger_bridge::cli::run(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>(), &mut NoFiles)
}

/// `trigger-bridge event`: one record per `--key`, per-key or shared sizes, now as the default time,
/// losses on stderr and `--fail-on-loss`, usage errors with exit 2.
#[test]
fn the_event_command_builds_object_events() {
    let out = cli(&[
        "event",
        "--to",
        "tencent-cos",
        "--bucket",
        "b",
        "--key",
        "a b+%.txt",
        "--key",
        "中",
        "--size",
        "1",
        "--size",
        "2",
        "--account",
        "125",
        "--region",
        "cd",
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let v = json(&out.stdout);
    assert_eq!(v["Records"][0]["cos"]["cosObject"]["key"], "/125/b/a%20b%2B%25.txt");
    assert_eq!(v["Records"][1]["cos"]["cosObject"]["key"], "/125/b/%E4%B8%AD");
    assert_eq!((v["Records"][0]["cos"]["cosObject"]["size"].as_u64(), v["Records"][1]["cos"]["cosObject"]["size"].as_u64()), (Some(1), Some(2)));
    assert_eq!(v["Records"][1]["event"]["eventTime"], 1_700_000_000);
    assert_eq!(v["Records"][1]["cos"]["cosBucket"]["region"], "cd");

    let out = cli(&[
        "event",
        "--to",
        "aliyun-oss",
        "--bucket",
        "b",
        "--key",
        "k",
        "--event",
        "cos:ObjectRemove:Delete",
        "--version-id",
        "v",
        "--meta",
        "a=1",
        "--fail-on-loss",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("loss object-version-dropped at /version"), "{}", out.stderr);
    let v = json(&out.stdout);
    assert_eq!(v["events"][0]["eventName"], "ObjectRemoved:DeleteObject");
    assert_eq!(v["events"][0]["eventTime"], "2023-11-14T22:13:20.000Z");
    assert_eq!(v["events"][0]["oss"]["object"]["objectMeta"]["userMeta"]["x-oss-meta-a"], "1");

    let out = cli(&["event", "--to", "aliyun-oss", "--bucket", "b", "--key", "k", "--etag", "e", "--json"]);
    let v = json(&out.stdout);
    assert_eq!((v["from"].is_null(), v["to"].as_str(), v["losses"].as_array().map(Vec::len)), (true, Some("aliyun-oss"), Some(0)));
    assert_eq!(v["event"]["events"][0]["oss"]["object"]["eTag"], "e");

    for args in [
        &["event", "--to", "tencent-cos", "--key", "k"][..],
        &["event", "--to", "tencent-cos", "--bucket", "b"],
        &["event", "--bucket", "b", "--key", "k"],
        &["event", "--to", "tencent-cos", "--bucket", "b", "--key", "k", "--key", "j", "--size", "1", "--size", "2", "--size", "3"],
        &["event", "--to", "tencent-cos", "--bucket", "b", "--key", "k", "--size", "ten"],
        &["event", "--to", "tencent-cos", "--bucket", "b", "--key", "k", "--meta", "novalue"],
        &["event", "--to", "tencent-cos", "--bucket", "b", "--key", "k", "file.json"],
        &["event", "--to", "tencent-timer", "--bucket", "b", "--key", "k"],
        &["event", "--to", "tencent-cos", "--bucket", "b", "--key", "k", "--event", "Nope"],
    ] {
        let out = cli(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty() && out.stderr.starts_with("trigger-bridge: "), "{args:?}");
    }
    let help = cli(&["event", "--help"]);
    assert!(String::from_utf8(help.stdout).unwrap().contains("trigger-bridge event --to aliyun-oss|tencent-cos --bucket NAME --key KEY"));
}
