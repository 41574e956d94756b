//! Message events from a short description (`trigger-bridge event --to tencent-cmq --body …`,
//! `eventFromMessage`): each trigger's shape, what each cannot carry, typed errors; every built event is
//! detected as its format and passes its validation.

use trigger_bridge::messages::{self, MessageSpec, SpecMessage};
use trigger_bridge::{detect, validate_event, ErrorCode, Format, LossCode};

const T: i64 = 1_704_067_200_123; // 2024-01-01T00:00:00.123Z

fn spec(bodies: &[&str]) -> MessageSpec {
    MessageSpec {
        messages: bodies.iter().map(|b| SpecMessage { body: (*b).to_string(), ..Default::default() }).collect(),
        topic: Some("orders".into()),
        ..Default::default()
    }
}

fn built(spec: MessageSpec, to: Format) -> (serde_json::Value, Vec<(LossCode, String)>) {
    let c = messages::event_from_spec(spec, to, T).unwrap();
    let text = c.output.to_json_string();
    assert_eq!(detect(text.as_bytes()).unwrap(), to, "{text}");
    let report = validate_event(text.as_bytes(), Some(to));
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    (serde_json::from_str(&text).unwrap(), c.losses.into_iter().map(|l| (l.code, l.path)).collect())
}

#[test]
fn each_trigger_gets_its_own_shape() {
    let mut s = spec(&["{\"id\":1}", "two 中 + %"]);
    s.messages[0].tags = vec!["paid".into()];
    s.messages[1].message_id = Some("m2".into());
    let (cmq, losses) = built(s.clone(), Format::TencentCmq);
    assert!(losses.is_empty(), "{losses:?}");
    let r = &cmq["Records"];
    assert_eq!((r[0]["CMQ"]["msgBody"].as_str(), r[1]["CMQ"]["msgBody"].as_str()), (Some("{\"id\":1}"), Some("two 中 + %")));
    assert_eq!(r[0]["CMQ"]["publishTime"], "2024-01-01T00:00:00.123Z");
    assert_eq!(r[0]["CMQ"]["msgTag"], serde_json::json!(["paid"]));
    assert_eq!(r[1]["CMQ"]["msgId"], "m2");

    let (mns, losses) = built(s.clone(), Format::AliyunMns);
    assert_eq!(losses, [(LossCode::MessageRecordsSplit, "/messages".to_string())]);
    assert_eq!(mns[0]["PublishTime"], T);
    assert_eq!(mns[0]["MessageTag"], "paid");
    assert_eq!(mns[1]["Message"], "two 中 + %");
    let (one, losses) = built(spec(&["only"]), Format::AliyunMns);
    assert!(losses.is_empty() && one["Message"] == "only", "{one}");

    let mut k = spec(&["v1", "v2"]);
    k.messages[0].key = Some("用户-7".into());
    k.messages[0].partition = Some(3);
    k.messages[0].offset = Some(9_007_199_254_740_000);
    let (ck, losses) = built(k.clone(), Format::TencentCkafka);
    assert!(losses.is_empty(), "{losses:?}");
    assert_eq!(
        ck["Records"][0]["Ckafka"],
        serde_json::json!({"topic": "orders", "partition": 3, "offset": 9_007_199_254_740_000_i64, "msgKey": "用户-7", "msgBody": "v1"})
    );
    let (ak, _) = built(k, Format::AliyunKafka);
    assert_eq!((ak[0]["data"]["key"].as_str(), ak[0]["data"]["timestamp"].as_i64(), ak[1]["data"]["value"].as_str()), (Some("用户-7"), Some(T), Some("v2")));
    let (rocket, _) = built(spec(&["r"]), Format::AliyunRocketmq);
    assert_eq!((rocket["data"]["body"].as_str(), rocket["time"].as_str()), (Some("r"), Some("2024-01-01T00:00:00.123Z")));
}

#[test]
fn what_a_trigger_cannot_carry_is_a_loss_at_the_field() {
    let mut s = spec(&["x"]);
    s.messages[0].key = Some("k".into());
    s.messages[0].partition = Some(1);
    s.messages[0].tags = vec!["a".into(), "b".into()];
    s.messages[0].message_id = Some("id".into());
    s.request_id = Some("r".into());
    let codes = |to: Format| built(s.clone(), to).1;
    assert_eq!(
        codes(Format::AliyunMns),
        [
            (LossCode::FieldDropped, "/key".into()),
            (LossCode::FieldDropped, "/partition".into()),
            (LossCode::MessageTagsJoined, "/tags".into()),
            (LossCode::RequestIdDropped, "/requestId".into())
        ]
    );
    assert_eq!(codes(Format::TencentCmq), [(LossCode::FieldDropped, "/key".into()), (LossCode::FieldDropped, "/partition".into())]);
    assert_eq!(
        codes(Format::TencentCkafka),
        [(LossCode::FieldDropped, "/tags".into()), (LossCode::MessageIdDropped, "/messageId".into()), (LossCode::RequestIdDropped, "/requestId".into())]
    );
}

#[test]
fn descriptions_are_read_with_typed_errors() {
    let read = |text: &str| MessageSpec::from_json(trigger_bridge::json::parse(text.as_bytes()).unwrap());
    let s = read(r#"{"body":{"a":1},"messages":["b",{"body":"c","key":"k2","tags":"t"}],"key":"k","partition":"2","topic":"t"}"#).unwrap();
    let got: Vec<(&str, Option<&str>, Option<i64>, usize)> =
        s.messages.iter().map(|m| (m.body.as_str(), m.key.as_deref(), m.partition, m.tags.len())).collect();
    assert_eq!(got, [("{\"a\":1}", Some("k"), Some(2), 0), ("b", Some("k"), Some(2), 0), ("c", Some("k2"), Some(2), 1)]);
    for (text, path) in [
        (r#"{"body":"x","partition":1.5}"#, "/partition"),
        (r#"{"messages":"x"}"#, "/messages"),
        (r#"{"messages":[{"key":"k"}]}"#, "/messages/0/body"),
        (r#"{"messages":[{"body":"b","sise":1}]}"#, "/messages/0/sise"),
        (r#"{"body":"x","tags":[1]}"#, "/tags"),
        (r#"{"body":"x","topik":"t"}"#, "/topik"),
    ] {
        let e = read(text).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, path), "{text}");
    }
    let e = messages::event_from_spec(spec(&[]), Format::TencentCmq, T).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, "/body"));
    let mut late = spec(&["x"]);
    late.time = Some("soon".into());
    assert_eq!(messages::event_from_spec(late, Format::TencentCmq, T).unwrap_err().path, "/time");
    assert_eq!(messages::event_from_spec(spec(&["x"]), Format::TencentCos, T).unwrap_err().code, ErrorCode::Unsupported);
}

#[test]
fn the_event_command_builds_message_events() {
    struct Clock;
    impl trigger_bridge::cli::Host for Clock {
        fn read(&mut self, _: &str) -> Result<Vec<u8>, String> {
            Err("not found".into())
        }
        fn now(&self) -> i64 {
            1_700_000_000
        }
    }
    let run = |args: &[&str]| trigger_bridge::cli::run(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>(), &mut Clock);
    let out = run(&["event", "--to", "tencent-ckafka", "--body", "a", "--body", "b", "--key", "k1", "--key", "k2", "--partition", "0", "--topic", "t"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["Records"][1]["Ckafka"], serde_json::json!({"topic": "t", "partition": 0, "msgKey": "k2", "msgBody": "b"}));
    let out = run(&["event", "--to", "aliyun-mns", "--body", "x", "--tag", "a", "--tag", "b", "--fail-on-loss"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("loss message-tags-joined at /tags"), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["PublishTime"], 1_700_000_000_000_i64);
    for args in [
        &["event", "--to", "tencent-cmq"][..],
        &["event", "--to", "tencent-cmq", "--body", "a", "--offset", "x"],
        &["event", "--to", "tencent-cmq", "--body", "a", "--body", "b", "--key", "1", "--key", "2", "--key", "3"],
    ] {
        assert_eq!(run(args).code, 2, "{args:?}");
    }
}
