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
