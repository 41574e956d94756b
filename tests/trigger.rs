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
