//! Message-queue events (`aliyun-mns` ⇄ `tencent-cmq`, `aliyun-kafka` ⇄ `tencent-ckafka`, and
//! `aliyun-rocketmq`, which has no counterpart): what a handler on the other cloud reads, round trips,
//! losses, refusals and validation. The expected conversions of every fixture are in tests/conversions.rs.

#[path = "common/events.rs"]
mod events;

use std::fs;
use std::path::Path;

use events::{converted, fixture, json};
use trigger_bridge::messages::{self, MessageEvent, MessageRecord};
use trigger_bridge::model::Extras;
use trigger_bridge::{convert_event, detect, validate_event, DiagCode, ErrorCode, Format, LossCode, Severity};

fn codes(losses: &[trigger_bridge::Loss]) -> Vec<LossCode> {
    let mut codes: Vec<LossCode> = losses.iter().map(|l| l.code).collect();
    codes.sort_by_key(|c| c.as_str());
    codes.dedup();
    codes
}

fn read(format: Format, bytes: &[u8]) -> MessageEvent {
    messages::read_event(format, trigger_bridge::json::parse(bytes).unwrap()).unwrap()
}

/// An FC MNS handler behind a CMQ trigger: each CMQ record becomes one notification with the body,
/// topic, ids, tag and time where an MNS handler reads them.
#[test]
fn cmq_records_reach_mns_handlers() {
    let (mns, losses) = converted(&fixture(Format::TencentCmq, "records-several"), Format::AliyunMns);
    let items = mns.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let first = &items[0];
    assert_eq!(json(first["Message"].as_str().unwrap().as_bytes())["order"], "订单-42");
    assert_eq!((first["TopicName"].as_str(), first["TopicOwner"].as_str()), (Some("orders"), Some("1250000000")));
    assert_eq!(first["MessageId"], "1EAD5E05003A6767C1FC9160304F98");
    assert_eq!(first["PublishTime"], 1_704_067_200_123u64);
    assert_eq!(first["MessageTag"], "paid");
    assert!(items[1].get("MessageTag").is_none(), "no tags, no MessageTag");
    assert_eq!(items[1]["Message"], "😀 \u{0} binary-ish \u{ff}");
    assert_eq!(items[2]["MessageTag"], "refund,urgent");
    assert_eq!(codes(&losses), [LossCode::MessageRecordsSplit, LossCode::MessageTagsJoined, LossCode::RequestIdDropped]);
    let joined = losses.iter().find(|l| l.code == LossCode::MessageTagsJoined).unwrap();
    assert_eq!(joined.path, "/Records/2/CMQ/msgTag");
    // One record: one notification, not an array, and nothing split.
    let (one, losses) = converted(&fixture(Format::TencentCmq, "doc-topic"), Format::AliyunMns);
    assert_eq!(one["Message"], "Hello from CMQ!");
    assert_eq!(one["PublishTime"], 0);
    assert!(!codes(&losses).contains(&LossCode::MessageRecordsSplit));
    assert_eq!(detect(one.to_string().as_bytes()).unwrap(), Format::AliyunMns);
}

/// A CMQ handler behind an MNS trigger: `msgBody`, `msgTag` as a list, `publishTime` as RFC 3339, the
/// owner as a number; what CMQ has no place for (`MessageMD5`, `Subscriber`) is reported.
#[test]
fn mns_notifications_reach_cmq_handlers() {
    let (cmq, losses) = converted(&fixture(Format::AliyunMns, "doc-notify-json"), Format::TencentCmq);
    let m = &cmq["Records"][0]["CMQ"];
    assert_eq!(
        (m["type"].as_str(), m["msgBody"].as_str(), m["msgId"].as_str()),
        (Some("topic"), Some("xxxxx"), Some("6CC4D900CA59A2CD-1-15180534A8F-20000****"))
    );
    assert_eq!(m["msgTag"], serde_json::json!(["important"]));
    assert_eq!(m["publishTime"], "2015-12-08T06:42:00.975Z");
    assert_eq!(m["topicName"], "TopicName");
    let dropped: Vec<&str> = losses.iter().filter(|l| l.code == LossCode::FieldDropped).map(|l| l.path.as_str()).collect();
    assert_eq!(dropped, ["/Subscriber", "/MessageMD5"]);
    let (cmq, _) = converted(&fixture(Format::AliyunMns, "json-body-unicode"), Format::TencentCmq);
    assert_eq!(cmq["Records"][0]["CMQ"]["topicOwner"], 1_649_015_465_574_023u64);
    let body: serde_json::Value = serde_json::from_str(cmq["Records"][0]["CMQ"]["msgBody"].as_str().unwrap()).unwrap();
    assert_eq!(body["note"], "a + b = 100% \u{0} end");
}

/// Kafka batches cross both ways with topic, partition, offset, key and body; what one side alone has
/// (the CloudEvent id, the time, headers) is reported.
#[test]
fn kafka_batches_cross_both_ways() {
    for name in ["doc-batch", "sdk-go-readme-strings", "keys-unicode"] {
        let bytes = fixture(Format::AliyunKafka, name);
        let original = read(Format::AliyunKafka, &bytes);
        let (ckafka, losses) = converted(&bytes, Format::TencentCkafka);
        assert!(codes(&losses).contains(&LossCode::MessageIdDropped), "{name}");
        assert!(codes(&losses).contains(&LossCode::TimeDropped), "{name}");
        let back = read(Format::TencentCkafka, ckafka.to_string().as_bytes());
        assert_eq!(back.records.len(), original.records.len(), "{name}");
        for (a, b) in original.records.iter().zip(&back.records) {
            assert_eq!((&a.topic, a.partition, a.offset, &a.key, &a.body), (&b.topic, b.partition, b.offset, &b.key, &b.body), "{name}");
        }
    }
    let (kafka, losses) = converted(&fixture(Format::TencentCkafka, "keys-unicode"), Format::AliyunKafka);
    assert_eq!(losses, []);
    assert_eq!(kafka[0]["data"]["key"], "用户-7");
    assert_eq!(kafka[0]["data"]["offset"], 9_007_199_254_740_000u64);
    assert_eq!(kafka[1]["data"]["partition"], 3, "a partition given as text becomes a number");
    assert_eq!(kafka[0]["type"], "alikafka:Topic:Message");
    // The older delivery's records are JSON strings; a handler on CKafka reads the value inside.
    let (ck, _) = converted(&fixture(Format::AliyunKafka, "sdk-go-readme-strings"), Format::TencentCkafka);
    assert_eq!(ck["Records"][0]["Ckafka"]["msgBody"], "b'{\\n    \"Test\": \"TestKafkaEventBridgetrigger\"\\n}'");
    assert_eq!(ck["Records"][0]["Ckafka"]["topic"], "HelloTopic");
}

/// A → B → A: what the middle format carries comes back exactly; into the same format nothing changes.
#[test]
fn round_trips_keep_what_the_middle_carries() {
    let cases = [
        (Format::AliyunMns, "sdk-go-readme", Format::TencentCmq),
        (Format::AliyunMns, "doc-notify-json", Format::TencentCmq),
        (Format::AliyunMns, "json-body-unicode", Format::TencentCmq),
        (Format::TencentCmq, "doc-topic", Format::AliyunMns),
        (Format::TencentCmq, "doc-topic-tag-list", Format::AliyunMns),
        (Format::TencentCkafka, "doc-two-records", Format::AliyunKafka),
        (Format::TencentCkafka, "keys-unicode", Format::AliyunKafka),
        (Format::AliyunKafka, "doc-batch", Format::TencentCkafka),
    ];
    for (from, name, via) in cases {
        let bytes = fixture(from, name);
        let original = read(from, &bytes);
        let there = convert_event(&bytes, Some(from), via).unwrap();
        let back = convert_event(there.output.to_json_string().as_bytes(), Some(via), from).unwrap();
        let returned = read(from, back.output.to_json_string().as_bytes());
        let lost = codes(&there.losses);
        for (a, b) in original.records.iter().zip(&returned.records) {
            let case = format!("{from}/{name} via {via}");
            assert_eq!(a.body, b.body, "{case}");
            assert_eq!(
                (&a.topic, &a.owner, &a.subscription, a.partition, a.offset, &a.key),
                (&b.topic, &b.owner, &b.subscription, b.partition, b.offset, &b.key),
                "{case}"
            );
            if !lost.contains(&LossCode::MessageIdDropped) {
                assert_eq!(a.message_id, b.message_id, "{case}");
            }
            if !lost.contains(&LossCode::RequestIdDropped) {
                assert_eq!(a.request_id, b.request_id, "{case}");
            }
            if !lost.contains(&LossCode::MessageTagsJoined) {
                assert_eq!(a.tags, b.tags, "{case}");
            }
            if !lost.contains(&LossCode::TimeDropped) {
                assert_eq!(a.time, b.time, "{case}");
            }
        }
        let same = convert_event(&bytes, Some(from), from).unwrap();
        assert_eq!(same.losses, [], "{from}/{name} into itself");
        let mut expected = json(&bytes);
        if from == Format::TencentCkafka {
            // A partition or offset given as text is written as the number it is.
            for r in expected["Records"].as_array_mut().unwrap() {
                for field in ["partition", "offset"] {
                    if let Some(text) = r["Ckafka"][field].as_str() {
                        r["Ckafka"][field] = serde_json::json!(text.parse::<i64>().unwrap());
                    }
                }
            }
        }
        assert_eq!(json(same.output.to_json_string().as_bytes()), expected, "{from}/{name} into itself");
    }
}

/// Bodies are bytes: text of any kind passes unchanged; bytes that are not UTF-8 (from a neutral event
/// built by hand) are written as base64 with a `binary-body` loss; base64-looking text stays text.
#[test]
fn bodies_are_bytes() {
    let (mns, _) = converted(&fixture(Format::TencentCmq, "records-several"), Format::AliyunMns);
    assert_eq!(mns[2]["Message"], "aGVsbG8gd29ybGQ=", "CMQ does not encode bodies: base64-looking text is text");
    for to in [Format::TencentCmq, Format::AliyunMns] {
        let event = MessageEvent {
            source: Format::TencentCmq,
            records: vec![MessageRecord { body: vec![0xff, 0xfe, 0, b'a'], topic: Some("t".into()), ..MessageRecord::default() }],
            extras: Extras::default(),
            array: false,
        };
        let mut losses = Vec::new();
        let out = json(messages::write_event(to, event, &mut losses).unwrap().to_json_string().as_bytes());
        let body = if to == Format::AliyunMns { &out["Message"] } else { &out["Records"][0]["CMQ"]["msgBody"] };
        assert_eq!(body, "//4AYQ==", "{to}");
        assert_eq!(codes(&losses), [LossCode::BinaryBody], "{to}");
    }
}

/// MNS's STREAM notify format (the default): the function gets the body alone, bytes as published.
#[test]
fn mns_stream_bodies_both_ways() {
    let event = messages::read_stream(vec![0xff, b'{', b'}']);
    let mut losses = Vec::new();
    let cmq = json(messages::write_event(Format::TencentCmq, event, &mut losses).unwrap().to_json_string().as_bytes());
    assert_eq!(cmq["Records"][0]["CMQ"]["msgBody"], "/3t9", "bytes that are not UTF-8 go as base64");
    assert_eq!(codes(&losses), [LossCode::BinaryBody]);
    let batch = read(Format::TencentCmq, &fixture(Format::TencentCmq, "records-several"));
    let bodies: Vec<Vec<u8>> = batch.records.iter().map(|r| r.body.clone()).collect();
    let mut losses = Vec::new();
    assert_eq!(messages::write_stream(batch, &mut losses), bodies);
    assert_eq!(losses.len(), 3);
    assert!(losses.iter().all(|l| l.code == LossCode::FieldDropped && l.message.contains("message id, request id, topic")), "{losses:?}");
    assert_eq!(losses[1].path, "/Records/1");
    let mut none = Vec::new();
    assert_eq!(messages::write_stream(messages::read_stream(b"hi".to_vec()), &mut none), [b"hi".to_vec()]);
    assert_eq!(none, []);
}

/// Split a batch into one event per record, extras following their record.
#[test]
fn batches_split_into_single_messages() {
    let event = read(Format::TencentCmq, &fixture(Format::TencentCmq, "records-several"));
    let parts = messages::split_records(event.clone());
    assert_eq!(parts.len(), 3);
    for (part, record) in parts.into_iter().zip(&event.records) {
        assert_eq!(part.records, std::slice::from_ref(record));
        let mut losses = Vec::new();
        let mns = messages::write_event(Format::AliyunMns, part, &mut losses).unwrap();
        assert!(mns.as_object().is_some(), "one record, one notification");
        assert!(!codes(&losses).contains(&LossCode::MessageRecordsSplit));
    }
}

/// Formats that are not counterparts, and RocketMQ, which has none on SCF, are refused with the reason.
#[test]
fn only_counterparts_convert() {
    let rocket = fixture(Format::AliyunRocketmq, "sdk-go-readme");
    for to in [Format::TencentCmq, Format::TencentCkafka, Format::AliyunMns, Format::AliyunKafka] {
        let err = convert_event(&rocket, None, to).unwrap_err();
        assert_eq!((err.code, err.format), (ErrorCode::Unsupported, Some(Format::AliyunRocketmq)), "{to}");
        assert!(err.message.contains("no RocketMQ trigger"), "{}", err.message);
    }
    // Into itself it is unchanged, one object or a batch.
    for name in ["sdk-go-readme", "sdk-go-readme-batch"] {
        let bytes = fixture(Format::AliyunRocketmq, name);
        let same = convert_event(&bytes, None, Format::AliyunRocketmq).unwrap();
        assert_eq!(json(same.output.to_json_string().as_bytes()), json(&bytes), "{name}");
    }
    let err = convert_event(&fixture(Format::AliyunMns, "sdk-go-readme"), None, Format::TencentCkafka).unwrap_err();
    assert!(err.message.contains("topic push") && err.message.contains("Kafka batch"), "{}", err.message);
    let err = convert_event(&fixture(Format::TencentCkafka, "doc-two-records"), None, Format::AliyunHttp).unwrap_err();
    assert_eq!(err.code, ErrorCode::Unsupported);
    assert!(err.message.contains("a message event"), "{}", err.message);
    let read = messages::read_event(Format::AliyunOss, trigger_bridge::json::parse(b"{}").unwrap()).unwrap_err();
    assert_eq!(read.code, ErrorCode::Unsupported);
}

#[test]
fn detection_of_each_shape() {
    for (format, name) in [
        (Format::AliyunMns, "sdk-go-readme"),
        (Format::TencentCmq, "doc-topic"),
        (Format::TencentCkafka, "doc-two-records"),
        (Format::AliyunKafka, "doc-batch"),
        (Format::AliyunKafka, "sdk-go-readme-strings"),
        (Format::AliyunRocketmq, "sdk-go-readme"),
        (Format::AliyunRocketmq, "sdk-go-readme-batch"),
    ] {
        assert_eq!(detect(&fixture(format, name)).unwrap(), format, "{name}");
    }
    // FC hands events to Node as a Buffer; a JSON string holding the notification is unwrapped once.
    let wrapped = serde_json::to_string(&String::from_utf8(fixture(Format::AliyunMns, "sdk-go-readme")).unwrap()).unwrap();
    assert_eq!(detect(wrapped.as_bytes()).unwrap(), Format::AliyunMns);
    let err = detect(b"[1,2]").unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownFormat);
    assert!(err.message.contains("array"), "{}", err.message);
}

#[test]
fn bad_input_gets_a_typed_error_with_a_path() {
    let cases: [(&[u8], Format, ErrorCode, &str); 7] = [
        (br#"{"Records":{}}"#, Format::TencentCmq, ErrorCode::InvalidField, "/Records"),
        (br#"{"Records":[{"CMQ":{"msgTag":[1]}}]}"#, Format::TencentCmq, ErrorCode::InvalidField, "/Records/0/CMQ/msgTag/0"),
        (br#"{"Records":[{}]}"#, Format::TencentCkafka, ErrorCode::MissingField, "/Records/0/Ckafka"),
        (br#"{"Records":[{"Ckafka":{"offset":"x"}}]}"#, Format::TencentCkafka, ErrorCode::InvalidField, "/Records/0/Ckafka/offset"),
        (br#"{"TopicName":"t"}"#, Format::AliyunMns, ErrorCode::MissingField, "/Message"),
        (br#"[{"type":"alikafka:Topic:Message"}]"#, Format::AliyunKafka, ErrorCode::MissingField, "/0/data"),
        (br#"["{nope"]"#, Format::AliyunKafka, ErrorCode::InvalidField, "/0"),
    ];
    for (input, format, code, path) in cases {
        let err = convert_event(input, Some(format), format).unwrap_err();
        assert_eq!((err.code, err.path.as_str(), err.format), (code, path, Some(format)), "{}", String::from_utf8_lossy(input));
        assert!(validate_event(input, Some(format)).has_errors());
    }
}

#[test]
fn validation_names_the_quirks() {
    let diags = |input: &[u8], format: Option<Format>| -> Vec<(DiagCode, Severity, String)> {
        validate_event(input, format).diagnostics.into_iter().map(|d| (d.code, d.severity, d.path)).collect()
    };
    for format in [Format::AliyunMns, Format::TencentCmq, Format::TencentCkafka, Format::AliyunKafka, Format::AliyunRocketmq] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format.id());
        for entry in fs::read_dir(dir).unwrap().filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "json")) {
            assert_eq!(diags(&fs::read(entry.path()).unwrap(), None), [], "{}", entry.path().display());
        }
    }
    assert_eq!(diags(br#"{"Records":[]}"#, Some(Format::TencentCmq)), [(DiagCode::MessageRecordsEmpty, Severity::Error, "/Records".to_string())]);
    assert_eq!(diags(b"[]", Some(Format::AliyunKafka)), [(DiagCode::MessageRecordsEmpty, Severity::Error, String::new())]);
    assert_eq!(
        diags(br#"{"Records":[{"CMQ":{"msgBody":"m","publishTime":"1700000000"}}]}"#, None),
        [(DiagCode::MessageTimeInvalid, Severity::Warning, "/Records/0/CMQ/publishTime".to_string())]
    );
    assert_eq!(
        diags(br#"[{"type":"alikafka:Topic:Message","data":{"value":"v","timestamp":"2024"}}]"#, None),
        [(DiagCode::MessageTimeInvalid, Severity::Warning, "/0/data/timestamp".to_string())]
    );
}

/// Many records with extras convert in time linear in the event.
#[test]
fn many_records_convert_in_linear_time() {
    let record = r#"{"specversion":"1.0","id":"i","source":"acs:alikafka","type":"alikafka:Topic:Message","subject":"s","aliyunaccountid":"1",
        "time":"2024-01-01T00:00:00.000Z","data":{"topic":"t","partition":1,"offset":2,"timestamp":1,"headers":{"headers":[],"isReadOnly":false},"key":"k","value":"v"}}"#;
    let n = 10_000;
    let event = format!("[{}]", vec![record; n].join(","));
    let start = std::time::Instant::now();
    let c = convert_event(event.as_bytes(), None, Format::TencentCkafka).unwrap();
    assert_eq!(c.output.pointer("/Records").and_then(|v| v.as_array()).map(Vec::len), Some(n));
    let back = convert_event(c.output.to_json_string().as_bytes(), None, Format::AliyunKafka).unwrap();
    assert_eq!(back.output.as_array().map(Vec::len), Some(n));
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
}

/// The CLI: detect, convert (losses on stderr, `--fail-on-loss`), validate, a refused pair, `--help` ids.
#[test]
fn the_cli_handles_message_events() {
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_trigger-bridge")).args(args).output().unwrap();
    let path = |format: Format, name: &str| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(format.id()).join(format!("{name}.json"));
    let cmq = path(Format::TencentCmq, "records-several");
    let cmq = cmq.to_str().unwrap();
    let out = run(&["detect", cmq]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "tencent-cmq\n");
    let out = run(&["convert", "--to", "aliyun-mns", "--fail-on-loss", cmq]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out.stdout).as_array().map(Vec::len), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loss message-records-split at /Records"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["validate", path(Format::TencentCkafka, "doc-two-records").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = run(&["convert", "--to", "tencent-cmq", path(Format::AliyunRocketmq, "sdk-go-readme").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no RocketMQ trigger"), "{}", String::from_utf8_lossy(&out.stderr));
    let help = String::from_utf8_lossy(&run(&["--help"]).stdout).into_owned();
    for format in Format::MESSAGE {
        assert!(help.contains(format.id()), "--help lacks {format}");
    }
}
