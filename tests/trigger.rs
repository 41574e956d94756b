//! `trigger convert` through the built binary, HTTP and timer trigger configurations, and `serve`'s pointer
//! to the npm package.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trigger-bridge")).args(args).output().unwrap()
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/configs/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn an_fc_http_trigger_becomes_an_api_gateway_trigger_with_its_losses() {
    let out = run(&["trigger", "convert", "--to", "tencent", &fixture("aliyun-http.json")]);
    assert_eq!(out.status.code(), Some(0));
    let config = json(&out);
    assert_eq!(config["Type"], "apigw");
    assert_eq!(config["TriggerName"], "http-trigger");
    let desc: serde_json::Value = serde_json::from_str(config["TriggerDesc"].as_str().unwrap()).unwrap();
    assert_eq!(desc["api"]["requestConfig"]["method"], "ANY");
    assert!(String::from_utf8_lossy(&out.stderr).contains("loss trigger-methods-widened at /methods"));
}

#[test]
fn an_api_gateway_trigger_becomes_an_fc_http_trigger() {
    let out = run(&["trigger", "convert", "--json", "--to", "aliyun", &fixture("tencent-apigw.json")]);
    let c = json(&out);
    assert_eq!((c["from"].as_str(), c["to"].as_str()), (Some("tencent-apigw"), Some("aliyun-http")));
    assert_eq!(c["config"]["methods"], serde_json::json!(["POST"]));
    let codes: Vec<&str> = c["losses"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"stage-dropped") && codes.contains(&"field-dropped"), "{codes:?}");
    assert!(c["cron"].is_null());
}

#[test]
fn timers_convert_through_the_same_command() {
    let out = run(&["trigger", "convert", "--json", "--to", "tencent", &fixture("aliyun-daily.json")]);
    let c = json(&out);
    assert_eq!(c["to"], "tencent-timer");
    assert_eq!(c["config"]["TriggerDesc"], "0 0 17 * * * *");
    assert_eq!(c["cron"]["expression"], "0 0 17 * * * *");
    let alias = run(&["cron", "config", "--from", "aliyun", "--to", "tencent", &fixture("aliyun-daily.json")]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&alias.stdout).unwrap(), c["config"]);
}

#[test]
fn errors_and_serve() {
    let out = run(&["trigger", "convert", "--to", "gcp", &fixture("aliyun-http.json")]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["trigger", "convert", "--json", "--to", "tencent", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["serve", "--as", "tencent-apigw"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("npx trigger-bridge serve"));
}

fn losses(c: &serde_json::Value) -> Vec<(String, String)> {
    c["losses"].as_array().unwrap().iter().map(|l| (l["code"].as_str().unwrap().to_string(), l["path"].as_str().unwrap().to_string())).collect()
}

/// A file of its own for `input` (tests run in parallel).
fn temp_file(input: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("tb-trigger-{}-{n}.json", std::process::id()));
    std::fs::write(&path, input).unwrap();
    path
}

fn convert_json(input: &str, to: &str) -> serde_json::Value {
    let dir = temp_file(input);
    let out = run(&["trigger", "convert", "--json", "--to", to, dir.to_str().unwrap()]);
    let _ = std::fs::remove_file(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    json(&out)
}

/// An FC OSS trigger (s.yaml entry, FC doc's events and filter) becomes one COS entry per event type,
/// each with the bucket, filter and name; the bucket is reported as the source cloud's; and back.
#[test]
fn an_oss_trigger_becomes_cos_entries_and_back() {
    let out = run(&["trigger", "convert", "--json", "--to", "tencent", &fixture("aliyun-oss.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let c = json(&out);
    assert_eq!((c["from"].as_str(), c["to"].as_str()), (Some("aliyun-oss"), Some("tencent-cos")));
    let entries = c["config"].as_array().unwrap();
    let events: Vec<&str> = entries.iter().map(|e| e["cos"]["parameters"]["events"].as_str().unwrap()).collect();
    assert_eq!(events, ["cos:ObjectCreated:Put", "cos:ObjectCreated:Post"]);
    let names: Vec<&str> = entries.iter().map(|e| e["cos"]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["uploads", "uploads-2"]);
    for e in entries {
        let p = &e["cos"]["parameters"];
        assert_eq!(p["bucket"], "my-photos-1234567890123456.cos.cn-hangzhou.myqcloud.com");
        assert_eq!(p["filter"], serde_json::json!({"prefix": "source/", "suffix": ".png"}));
        assert_eq!(p["enable"], true);
    }
    let mut got = losses(&c);
    got.sort();
    assert_eq!(got, [("field-dropped".to_string(), "/invocationRole".to_string()), ("trigger-source-foreign".to_string(), "/sourceArn".to_string())]);

    let back = convert_json(&c["config"].to_string(), "aliyun");
    assert_eq!((back["from"].as_str(), back["to"].as_str()), (Some("tencent-cos"), Some("aliyun-oss")));
    assert_eq!(back["config"]["sourceArn"], "acs:oss:cn-hangzhou:1234567890123456:my-photos");
    assert_eq!(back["config"]["triggerName"], "uploads");
    assert_eq!(back["config"]["triggerType"], "oss");
    assert_eq!(back["config"]["triggerConfig"]["events"], serde_json::json!(["oss:ObjectCreated:PutObject", "oss:ObjectCreated:PostObject"]));
    assert_eq!(back["config"]["triggerConfig"]["filter"]["key"], serde_json::json!({"prefix": "source/", "suffix": ".png"}));
    assert_eq!(losses(&back), [("trigger-source-foreign".to_string(), "/0/cos/parameters/bucket".to_string())]);
}

/// The Serverless Framework's COS sample and a CreateTrigger configuration become FC OSS triggers:
/// wildcards stay wildcards, a disabled trigger is reported (FC's are always on), `Prefix`/`Suffix` read.
#[test]
fn cos_triggers_become_oss_triggers() {
    let c = json(&run(&["trigger", "convert", "--json", "--to", "aliyun", &fixture("tencent-cos.json")]));
    assert_eq!(c["config"]["sourceArn"], "acs:oss:ap-beijing:1250000000:cli");
    assert_eq!(c["config"]["triggerName"], "cli-appid.cos.ap-beijing.myqcloud.com");
    assert_eq!(c["config"]["triggerConfig"]["events"], serde_json::json!(["oss:ObjectCreated:*"]));
    assert_eq!(c["config"]["triggerConfig"]["filter"]["key"], serde_json::json!({"prefix": "filterdir/", "suffix": ".jpg"}));

    let out = run(&["trigger", "convert", "--to", "aliyun-oss", "--fail-on-loss", &fixture("tencent-cos-api.json")]);
    assert_eq!(out.status.code(), Some(1));
    let config: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(config["sourceArn"], "acs:oss:ap-guangzhou:1250000000:photos");
    assert_eq!(config["triggerConfig"]["events"], serde_json::json!(["oss:ObjectRemoved:*"]));
    assert_eq!(config["triggerConfig"]["filter"]["key"]["prefix"], "tmp/");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("loss field-dropped at /cos/parameters/enable") && stderr.contains("loss trigger-source-foreign at /TriggerName"), "{stderr}");
}

/// Event types with no exact counterpart: the nearest, with a loss at the event; a COS restore that has
/// only started cannot be listened to on FC (left out, or refused when it is the only event); a
/// metadata update becomes COS's copy; same-cloud conversion reports no foreign bucket.
#[test]
fn trigger_event_types_approximate_or_refuse() {
    let oss = |events: &str| format!(r#"{{"triggerType":"oss","sourceArn":"acs:oss:cn-shanghai:1:b","triggerConfig":{{"events":{events}}}}}"#);
    let c = convert_json(&oss(r#"["oss:ObjectModified:UpdateObjectMeta","oss:ObjectRemoved:DeleteObjects"]"#), "tencent");
    let events: Vec<&str> = c["config"].as_array().unwrap().iter().map(|e| e["cos"]["parameters"]["events"].as_str().unwrap()).collect();
    assert_eq!(events, ["cos:ObjectCreated:Copy", "cos:ObjectRemove:Delete"]);
    let got = losses(&c);
    assert!(
        got.contains(&("object-event-approximated".into(), "/events/0".into())) && got.contains(&("object-event-approximated".into(), "/events/1".into())),
        "{got:?}"
    );
    // One event: one entry, an object rather than a list.
    let single = convert_json(&oss(r#""oss:ObjectCreated:*""#), "tencent");
    assert_eq!(single["config"]["cos"]["parameters"]["events"], "cos:ObjectCreated:*");
    assert!(single["config"]["cos"].get("name").is_none());
    let same = convert_json(&oss(r#"["oss:ObjectCreated:*"]"#), "aliyun");
    assert_eq!(losses(&same), Vec::<(String, String)>::new());
    assert_eq!(same["config"]["triggerName"], "oss");

    let cos = |event: &str| format!(r#"{{"cos":{{"parameters":{{"bucket":"b-1.cos.ap-chengdu.myqcloud.com","events":"{event}"}}}}}}"#);
    let restored = convert_json(&cos("cos:ObjectRestore:Completed"), "aliyun");
    assert_eq!(restored["config"]["triggerConfig"]["events"], serde_json::json!(["oss:ObjectRestore:FinishRestore"]));
    let list = format!("[{},{}]", cos("cos:ObjectRestore:Post"), cos("cos:ObjectRemove:DeleteMarkerCreated"));
    let mixed = convert_json(&list, "aliyun");
    assert_eq!(mixed["config"]["triggerConfig"]["events"], serde_json::json!(["oss:ObjectRemoved:DeleteObject"]));
    let got = losses(&mixed);
    assert!(
        got.contains(&("field-dropped".into(), "/0/cos/parameters/events".into()))
            && got.contains(&("object-event-approximated".into(), "/1/cos/parameters/events".into())),
        "{got:?}"
    );
}

#[test]
fn storage_trigger_errors_are_typed_with_pointers() {
    let err = |input: &str, to: &str| {
        let dir = temp_file(input);
        let out = run(&["trigger", "convert", "--json", "--to", to, dir.to_str().unwrap()]);
        let _ = std::fs::remove_file(&dir);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let e = json(&out)["error"].clone();
        (e["code"].as_str().unwrap().to_string(), e["path"].as_str().unwrap().to_string())
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(err(r#"{"triggerType":"oss","triggerConfig":{"events":["oss:ObjectCreated:*"]}}"#, "tencent"), pair("missing-field", "/sourceArn"));
    assert_eq!(
        err(r#"{"triggerType":"oss","sourceArn":"acs:mns:x","triggerConfig":{"events":["oss:ObjectCreated:*"]}}"#, "tencent"),
        pair("invalid-field", "/sourceArn")
    );
    assert_eq!(
        err(r#"{"triggerType":"oss","sourceArn":"acs:oss:r:1:b","triggerConfig":{"events":["oss:Bucket:Made"]}}"#, "tencent"),
        pair("invalid-field", "/events/0")
    );
    assert_eq!(err(r#"{"triggerType":"oss","sourceArn":"acs:oss:r:1:b","triggerConfig":{"events":[]}}"#, "tencent"), pair("invalid-field", "/events"));
    assert_eq!(err(r#"{"cos":{"parameters":{"bucket":"b","events":"ObjectCreated:Put"}}}"#, "aliyun"), pair("invalid-field", "/cos/parameters/events"));
    assert_eq!(err(r#"{"cos":{"parameters":{"events":"cos:ObjectCreated:*"}}}"#, "aliyun"), pair("missing-field", "/cos/parameters/bucket"));
    assert_eq!(err(r#"{"cos":{"parameters":{"bucket":"b","events":"cos:ObjectRestore:Post"}}}"#, "aliyun"), pair("unsupported", "/cos/parameters/events"));
    let two = r#"[{"cos":{"parameters":{"bucket":"a","events":"cos:ObjectCreated:*"}}},{"cos":{"parameters":{"bucket":"b","events":"cos:ObjectRemove:*"}}}]"#;
    assert_eq!(err(two, "aliyun"), pair("unsupported", "/1"));
    assert_eq!(err(r#"{"Type":"cos","TriggerName":"b","TriggerDesc":"{oops"}"#, "aliyun"), pair("invalid-field", "/TriggerDesc"));
}

/// An FC MNS topic trigger (FC's MnsTopicTriggerConfig in an s.yaml entry) ⇄ a CMQ topic trigger (the
/// Serverless Framework's sample): the topic carries over with `trigger-source-foreign`; what CMQ's
/// trigger cannot express (a filter tag, the role) is dropped with a loss; back on FC it is written in
/// the JSON notify format, FC's default being STREAM.
#[test]
fn an_mns_topic_trigger_becomes_a_cmq_trigger_and_back() {
    let c = json(&run(&["trigger", "convert", "--json", "--to", "tencent", &fixture("aliyun-mns.json")]));
    assert_eq!((c["from"].as_str(), c["to"].as_str()), (Some("aliyun-mns"), Some("tencent-cmq")));
    assert_eq!(c["config"], serde_json::json!({"cmq": {"name": "orders", "parameters": {"name": "orders", "enable": true}}}));
    let mut got = losses(&c);
    got.sort();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(got, [pair("field-dropped", "/filterTag"), pair("field-dropped", "/invocationRole"), pair("trigger-source-foreign", "/sourceArn")]);

    let back = json(&run(&["trigger", "convert", "--json", "--to", "aliyun", &fixture("tencent-cmq.json")]));
    assert_eq!((back["from"].as_str(), back["to"].as_str()), (Some("tencent-cmq"), Some("aliyun-mns")));
    assert_eq!(back["config"]["triggerType"], "mns_topic");
    assert_eq!(back["config"]["triggerName"], "cmq_trigger");
    assert_eq!(back["config"]["sourceArn"], "acs:mns:${vars.region}:${config('AccountID')}:/topics/test-topic");
    assert_eq!(back["config"]["triggerConfig"]["notifyContentFormat"], "JSON");
    assert_eq!(losses(&back), [pair("trigger-source-foreign", "/cmq/parameters/name")]);

    let round = convert_json(&c["config"].to_string(), "aliyun");
    assert_eq!(round["config"]["sourceArn"], "acs:mns:${vars.region}:${config('AccountID')}:/topics/orders");
    let disabled = convert_json(r#"{"cmq":{"parameters":{"name":"t","enable":false}}}"#, "aliyun");
    assert!(losses(&disabled).contains(&pair("field-dropped", "/cmq/parameters/enable")));
    let stream = convert_json(
        r#"{"triggerType":"mns_topic","sourceArn":"acs:mns:cn-shanghai:1:/topics/t","triggerConfig":{"notifyContentFormat":"STREAM"}}"#,
        "tencent",
    );
    assert!(losses(&stream).contains(&pair("field-dropped", "/notifyContentFormat")));
    let bad = run(&[
        "trigger",
        "convert",
        "--json",
        "--to",
        "tencent",
        temp_file(r#"{"triggerType":"mns_topic","sourceArn":"acs:mns:r:1:/queues/q"}"#).to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(json(&bad)["error"]["path"], "/sourceArn");
}

/// An FC Kafka trigger (the Serverless Devs fc3 sample: `eventbridge`, Kafka source, event streaming) ⇄ a
/// CKafka trigger (the serverless.yml sample): topic, start offset, batch size and window, retries and
/// enable carry over; the other cloud's instance becomes a placeholder with `trigger-source-foreign`; the
/// network, task count, dead-letter queue and consumer group, which CKafka cannot carry, are reported.
#[test]
fn a_kafka_trigger_becomes_a_ckafka_trigger_and_back() {
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    let k = "/eventSourceConfig/eventSourceParameters/sourceKafkaParameters";
    let c = json(&run(&["trigger", "convert", "--json", "--to", "tencent", &fixture("aliyun-kafka.json")]));
    assert_eq!((c["from"].as_str(), c["to"].as_str()), (Some("aliyun-kafka"), Some("tencent-ckafka")));
    let p = &c["config"]["ckafka"]["parameters"];
    assert_eq!(c["config"]["ckafka"]["name"], "orders-kafka");
    assert_eq!(p["name"], "${env:CKAFKA_INSTANCE_ID}");
    assert_eq!((p["topic"].as_str(), p["offset"].as_str(), p["enable"].as_bool()), (Some("orders"), Some("earliest"), Some(true)));
    assert_eq!((p["maxMsgNum"].as_u64(), p["retry"].as_u64(), p["timeout"].as_u64()), (Some(2), Some(5), Some(10)));
    let mut got = losses(&c);
    got.sort();
    let mut want = vec![
        pair("field-dropped", &format!("{k}/ConsumerGroup")),
        pair("field-dropped", &format!("{k}/Network")),
        pair("field-dropped", &format!("{k}/RegionId")),
        pair("field-dropped", &format!("{k}/SecurityGroupId")),
        pair("field-dropped", &format!("{k}/VSwitchIds")),
        pair("field-dropped", &format!("{k}/VpcId")),
        pair("field-dropped", "/runOptions/deadLetterQueue"),
        pair("field-dropped", "/runOptions/errorsTolerance"),
        pair("field-dropped", "/runOptions/maximumTasks"),
        pair("trigger-source-foreign", &format!("{k}/InstanceId")),
        pair("trigger-source-foreign", &format!("{k}/Topic")),
    ];
    want.sort();
    assert_eq!(got, want);
    let placeholder = c["losses"].as_array().unwrap().iter().find(|l| l["path"] == format!("{k}/InstanceId")).unwrap();
    assert!(placeholder["message"].as_str().unwrap().contains("fill in your CKafka instance id"));

    // Back on FC: the instance and the consumer group FC requires are placeholders to fill, reported.
    let back = json(&run(&["trigger", "convert", "--json", "--to", "aliyun", &fixture("tencent-ckafka.json")]));
    assert_eq!((back["from"].as_str(), back["to"].as_str()), (Some("tencent-ckafka"), Some("aliyun-kafka")));
    assert_eq!(back["config"]["triggerType"], "eventbridge");
    assert_eq!(back["config"]["triggerName"], "ckafka_trigger");
    let config = &back["config"]["triggerConfig"];
    assert_eq!(config["eventSourceConfig"]["eventSourceType"], "Kafka");
    assert_eq!(
        config["eventSourceConfig"]["eventSourceParameters"]["sourceKafkaParameters"],
        serde_json::json!({"RegionId": "${vars.region}", "InstanceId": "${env('KAFKA_INSTANCE_ID')}", "Topic": "test",
            "ConsumerGroup": "${env('KAFKA_CONSUMER_GROUP')}", "OffsetReset": "latest", "Network": "Default"})
    );
    assert_eq!(config["runOptions"]["mode"], "event-streaming");
    assert_eq!(config["runOptions"]["batchWindow"], serde_json::json!({"CountBasedWindow": 999, "TimeBasedWindow": 15}));
    assert_eq!(config["runOptions"]["retryStrategy"]["MaximumRetryAttempts"], 10000);
    assert_eq!(config["triggerEnable"], true);
    let mut got = losses(&back);
    got.sort();
    assert_eq!(
        got,
        [
            pair("field-dropped", "/ckafka/parameters/timeout"),
            pair("trigger-source-foreign", "/ckafka/parameters"),
            pair("trigger-source-foreign", "/ckafka/parameters/name"),
            pair("trigger-source-foreign", "/ckafka/parameters/topic"),
        ]
    );

    // Round trip: what both carry comes back as it was.
    let round = convert_json(&c["config"].to_string(), "aliyun");
    let source = &round["config"]["triggerConfig"]["eventSourceConfig"]["eventSourceParameters"]["sourceKafkaParameters"];
    assert_eq!((source["Topic"].as_str(), source["OffsetReset"].as_str()), (Some("orders"), Some("earliest")));
    assert_eq!(round["config"]["triggerConfig"]["runOptions"]["batchWindow"], serde_json::json!({"CountBasedWindow": 2, "TimeBasedWindow": 10}));
    assert_eq!(round["config"]["triggerConfig"]["runOptions"]["retryStrategy"]["MaximumRetryAttempts"], 5);
    assert_eq!(round["config"]["triggerName"], "orders-kafka");
    let again = convert_json(&back["config"].to_string(), "tencent");
    assert_eq!(again["config"]["ckafka"]["parameters"]["topic"], "test");
    assert_eq!(again["config"]["ckafka"]["parameters"]["maxMsgNum"], 999);
    assert_eq!(again["config"]["ckafka"]["parameters"]["timeout"], 15);
}

/// A disabled trigger stays disabled both ways; same-cloud conversion keeps the instance and reports
/// nothing; a bare `triggerConfig` is read; odd values are reported or refused with pointers.
#[test]
fn kafka_trigger_details_and_errors() {
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    let fc = |params: &str, extra: &str| {
        format!(
            r#"{{"triggerType":"eventbridge","triggerConfig":{{"triggerEnable":false{extra},"eventSourceConfig":{{"eventSourceType":"Kafka","eventSourceParameters":{{"sourceKafkaParameters":{params}}}}}}}}}"#
        )
    };
    let plain = fc(r#"{"RegionId":"cn-shanghai","InstanceId":"alikafka-1","Topic":"t","ConsumerGroup":"g","OffsetReset":"latest","Network":"Default"}"#, "");
    let same = convert_json(&plain, "aliyun");
    assert_eq!(losses(&same), Vec::<(String, String)>::new());
    assert_eq!(same["config"]["triggerConfig"]["triggerEnable"], false);
    assert_eq!(same["config"]["triggerConfig"]["eventSourceConfig"]["eventSourceParameters"]["sourceKafkaParameters"]["InstanceId"], "alikafka-1");
    let scf = convert_json(&plain, "tencent-ckafka");
    assert_eq!(scf["config"]["ckafka"]["parameters"]["enable"], false);
    assert_eq!(scf["config"]["ckafka"]["parameters"]["maxMsgNum"], 100);
    let back = convert_json(&scf["config"].to_string(), "aliyun");
    assert_eq!(back["config"]["triggerConfig"]["triggerEnable"], false);
    let same_scf = convert_json(r#"{"ckafka":{"parameters":{"name":"ckafka-1","topic":"t","enable":false}}}"#, "tencent");
    assert_eq!(losses(&same_scf), Vec::<(String, String)>::new());
    assert_eq!(same_scf["config"]["ckafka"]["parameters"]["name"], "ckafka-1");

    // The triggerConfig alone; asynchronous invocation, a filter and raw delivery have no CKafka counterpart.
    let bare = r#"{"asyncInvocationType":true,"eventRuleFilterPattern":"{\"source\":[\"x\"]}","eventSinkConfig":{"deliveryOption":{"eventSchema":"RawData","concurrency":4}},"eventSourceConfig":{"eventSourceType":"kafka","eventSourceParameters":{"sourceKafkaParameters":{"Topic":"t","OffsetReset":"lastest"}}},"runOptions":{"batchWindow":{"TimeBasedWindow":0}}}"#;
    let c = convert_json(bare, "tencent");
    assert_eq!(c["config"]["ckafka"]["parameters"]["offset"], "latest");
    assert_eq!(c["config"]["ckafka"]["parameters"]["timeout"], 1);
    let got = losses(&c);
    for want in [
        pair("field-dropped", "/asyncInvocationType"),
        pair("field-dropped", "/eventRuleFilterPattern"),
        pair("field-dropped", "/eventSinkConfig/deliveryOption/eventSchema"),
        pair("field-dropped", "/eventSinkConfig/deliveryOption/concurrency"),
        pair("field-dropped", "/runOptions/batchWindow/TimeBasedWindow"),
        pair("trigger-source-foreign", "/eventSourceConfig/eventSourceParameters/sourceKafkaParameters"),
    ] {
        assert!(got.contains(&want), "{want:?} in {got:?}");
    }
    // A timestamp start offset has no FC counterpart.
    let ts = convert_json(r#"{"ckafka":{"parameters":{"name":"c","topic":"t","offset":"1700000000"}}}"#, "aliyun");
    assert!(losses(&ts).contains(&pair("field-dropped", "/ckafka/parameters/offset")));

    let err = |input: &str| {
        let dir = temp_file(input);
        let out = run(&["trigger", "convert", "--json", "--to", "tencent", dir.to_str().unwrap()]);
        let _ = std::fs::remove_file(&dir);
        assert_eq!(out.status.code(), Some(2), "{input}");
        let e = json(&out)["error"].clone();
        (e["code"].as_str().unwrap().to_string(), e["path"].as_str().unwrap().to_string())
    };
    assert_eq!(err(&fc(r#"{"InstanceId":"i"}"#, "")), pair("missing-field", "/eventSourceConfig/eventSourceParameters/sourceKafkaParameters/Topic"));
    assert_eq!(
        err(&fc(r#"{"Topic":"t"}"#, r#","runOptions":{"batchWindow":{"CountBasedWindow":"many"}}"#)),
        pair("invalid-field", "/runOptions/batchWindow/CountBasedWindow")
    );
    assert_eq!(err(r#"{"ckafka":{"parameters":{"name":"c"}}}"#), pair("missing-field", "/ckafka/parameters/topic"));
    assert_eq!(err(r#"{"ckafka":{"parameters":{"topic":"t","maxMsgNum":-1}}}"#), pair("invalid-field", "/ckafka/parameters/maxMsgNum"));
    assert_eq!(err(r#"{"ckafka":{"name":"n"}}"#), pair("missing-field", "/ckafka/parameters"));
    // Other EventBridge sources have no counterpart yet.
    assert_eq!(
        err(r#"{"triggerType":"eventbridge","triggerConfig":{"eventSourceConfig":{"eventSourceType":"RocketMQ"}}}"#),
        pair("unsupported", "/triggerType")
    );
}
