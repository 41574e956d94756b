//! The CLI through the built binary: output, stderr and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_trigger-bridge")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // A command may exit (a usage error, say) before reading its input; a closed pipe is not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn detect_prints_the_format() {
    let out = run(&["detect", &fixture("tencent-apigw/seed-post.json")], b"");
    assert_eq!((out.status.code(), text(&out.stdout).as_str()), (Some(0), "tencent-apigw\n"));
    let out = run(&["detect", "--json", "-"], br#"{"triggerTime":"x","triggerName":"y"}"#);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["format"], "aliyun-timer");
}

#[test]
fn convert_prints_json_and_losses_on_stderr() {
    let out = run(&["convert", "--to", "aliyun-apigw", &fixture("tencent-apigw/get-repeated-query.json")], b"");
    assert_eq!(out.status.code(), Some(0));
    let event: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(event["queryParameters"]["tag"], "red");
    assert!(text(&out.stderr).contains("loss query-repeated-dropped at /queryParameters/tag"), "{}", text(&out.stderr));
    let out = run(&["convert", "--json", "--response", "--from", "aliyun-apigw", "--to", "tencent-apigw", "-"], br#"{"statusCode":"201","body":{"a":1}}"#);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["response"]["statusCode"], 201);
    assert_eq!(json["response"]["body"], r#"{"a":1}"#);
}

#[test]
fn validate_exits_one_on_errors() {
    let bad = br#"{"statusCode":"200","body":"x"}"#;
    let out = run(&["validate", "--response", "--as", "tencent-apigw", "-"], bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("error status-not-integer at /statusCode [tencent]"), "{}", text(&out.stdout));
    let out = run(&["validate", "--response", "--as", "aliyun-apigw", "-"], bad);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("warning status-not-integer"));
}

#[test]
fn request_builds_events() {
    let out = run(
        &[
            "request",
            "--to",
            "aliyun-http",
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "--data",
            r#"{"a":1}"#,
            "https://x.example.com/p%20q?a=1&a=2",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let event: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(event["rawPath"], "/p%20q");
    assert_eq!(event["requestContext"]["http"]["path"], "/p q");
    assert_eq!(event["queryParameters"]["a"], "1,2");
    assert_eq!(event["body"], r#"{"a":1}"#);
    assert!(text(&out.stderr).contains("query-repeated-joined"));
}

#[test]
fn respond_shows_what_the_caller_gets() {
    let out = run(&["respond", "--as", "tencent-apigw", &fixture("responses/alibaba-node-sample.json")], b"");
    assert_eq!(out.status.code(), Some(1));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("HTTP/1.1 403 Forbidden\n"), "{shown}");
    assert!(shown.contains("Invalid scf response format"));
    let out = run(&["respond", "--as", "aliyun-apigw", &fixture("responses/seed-html.json")], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html>"));
}

#[test]
fn cron_commands() {
    let out = run(&["cron", "convert", "--from", "aliyun", "--to", "tencent", "0 0 9 * * ?"], b"");
    assert_eq!(text(&out.stdout), "0 0 17 * * * *\n");
    let out = run(&["cron", "convert", "--json", "--from", "tencent", "--to", "aliyun", "0 0 0 1 1 * 2026"], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["losses"][0]["code"], "cron-year-dropped");
    let out = run(&["cron", "explain", "--dialect", "aliyun", "--count", "2", "--after", "2024-01-01T00:00:00Z", "--json", "0 0 9 * * ?"], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["next"], serde_json::json!(["2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z"]));
    let out = run(&["cron", "explain", "--dialect", "tencent", "--tz", "UTC", "0 0 25 * * * *"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("character 5"), "{}", text(&out.stderr));
    let out = run(&["cron", "config", "--from", "aliyun", "--to", "tencent", &fixture("configs/aliyun-daily.json")], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["TriggerDesc"], "0 0 17 * * * *");
    assert_eq!(json["Enable"], "OPEN");
}

#[test]
fn usage_and_input_errors_exit_two_with_one_line() {
    for (args, stdin) in [
        (&["convert", "-"][..], &b"{}"[..]),
        (&["frobnicate"][..], &b""[..]),
        (&["detect", "-"][..], &b"{not json"[..]),
        (&["detect", "/no/such/file"][..], &b""[..]),
    ] {
        let out = run(args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).starts_with("trigger-bridge: "), "{args:?}: {}", text(&out.stderr));
    }
    let out = run(&["--help"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("cron explain"));
}

#[test]
fn every_command_prints_its_help_and_exits_zero() {
    for command in [
        &["detect"][..],
        &["convert"],
        &["validate"],
        &["request"],
        &["respond"],
        &["event"],
        &["trigger", "convert"],
        &["cron"],
        &["cron", "convert"],
        &["cron", "explain"],
        &["cron", "config"],
    ] {
        for flag in ["--help", "-h"] {
            // Help wins over everything else on the line, missing or bad options included.
            let args: Vec<&str> = command.iter().copied().chain([flag, "--to", "nowhere"]).collect();
            let out = run(&args, b"");
            let stdout = text(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
            assert!(stdout.starts_with(&format!("usage:\n  trigger-bridge {} ", command.join(" "))), "{args:?}: {stdout}");
            assert!(stdout.contains("exit codes:"), "{args:?}");
            let unlisted: Vec<&str> = trigger_bridge::Format::ALL.iter().map(|f| f.id()).filter(|id| !stdout.contains(id)).collect();
            assert!(unlisted.is_empty(), "{args:?} help does not list {unlisted:?}");
            assert_eq!(out.stderr, b"", "{args:?}");
        }
    }
    let cron = text(&run(&["cron", "--help"], b"").stdout);
    assert_eq!(cron.matches("  trigger-bridge cron ").count(), 3, "{cron}");
}

#[test]
fn fail_on_loss_turns_any_loss_into_exit_one() {
    let lossy = fixture("tencent-apigw/get-repeated-query.json");
    for json in [false, true] {
        let with = |extra: &[&str]| {
            let mut args = vec!["convert", "--to", "aliyun-apigw"];
            args.extend_from_slice(extra);
            if json {
                args.push("--json");
            }
            args.push(&lossy);
            run(&args, b"")
        };
        let plain = with(&[]);
        let strict = with(&["--fail-on-loss"]);
        assert_eq!((plain.status.code(), strict.status.code()), (Some(0), Some(1)), "json: {json}");
        assert_eq!(plain.stdout, strict.stdout, "the output is the same, only the exit code changes");
    }
    // Nothing lost: still 0.
    let same = run(&["convert", "--fail-on-loss", "--to", "tencent-apigw", &fixture("tencent-apigw/seed-post.json")], b"");
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    // cron and timer configs too.
    let cron = run(&["cron", "convert", "--fail-on-loss", "--from", "tencent", "--to", "aliyun", "0 0 0 1 1 * 2026"], b"");
    assert_eq!(cron.status.code(), Some(1), "{}", text(&cron.stderr));
    assert!(text(&cron.stderr).starts_with("loss "), "{}", text(&cron.stderr));
    let exact = run(&["cron", "convert", "--fail-on-loss", "--from", "aliyun", "--to", "tencent", "0 0 9 * * ?"], b"");
    assert_eq!(exact.status.code(), Some(0), "{}", text(&exact.stderr));
}

#[test]
fn request_reports_what_the_platform_would_refuse() {
    let out = run(&["request", "--to", "aliyun-http", "-X", "TRACE", "https://x.example.com/p"], b"");
    assert_eq!(out.status.code(), Some(1));
    let event: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(event["requestContext"]["http"]["method"], "TRACE", "the event is still printed");
    assert!(text(&out.stderr).contains("error method-not-allowed at /requestContext/http/method [aliyun]"), "{}", text(&out.stderr));
    let json = run(&["request", "--json", "--to", "aliyun-http", "-X", "TRACE", "https://x.example.com/p"], b"");
    assert_eq!(json.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "method-not-allowed");
    // Tencent's API gateway takes TRACE; FC takes GET.
    for (to, method) in [("tencent-apigw", "TRACE"), ("aliyun-http", "GET")] {
        let out = run(&["request", "--json", "--to", to, "-X", method, "https://x.example.com/p"], b"");
        assert_eq!(out.status.code(), Some(0), "{to} {method}: {}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["diagnostics"], serde_json::json!([]), "{to} {method}");
    }
}
