//! The `trigger-bridge` command line, as a pure function: arguments and a [`Host`] (files, clock) in;
//! stdout bytes, stderr text and an exit code out. The native binary and the npm package's `npx
//! trigger-bridge` both run exactly this code.
//!
//! Exit codes: 0 success; 1 validation found an error, the gateway rejects the result (`respond`), the
//! platform would refuse the request (`request`), or anything was lost under `--fail-on-loss`; 2 usage
//! errors and unreadable or invalid input, with a one-line message on stderr.

use std::fmt::Write as _;

use crate::cron::{self, Dialect, Zone};
use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{ToJson, Value};
use crate::{client, Conversion, HttpRequest};

/// What the CLI needs from its environment.
pub trait Host {
    /// The bytes of a file; `-` is standard input.
    ///
    /// # Errors
    /// A short reason when the file cannot be read: `not found`, `permission denied`, `is a directory`,
    /// or the platform's message. The CLI prints `cannot read <path>: <reason>`.
    fn read(&mut self, path: &str) -> std::result::Result<Vec<u8>, String>;
    /// Now, in Unix seconds (for `cron explain` without `--after`).
    fn now(&self) -> i64;
}

/// The CLI's result.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    /// Bytes for standard output.
    pub stdout: Vec<u8>,
    /// Text for standard error.
    pub stderr: String,
    /// Process exit code.
    pub code: u8,
}

/// Usage text.
pub const USAGE: &str = "\
trigger-bridge: convert Alibaba FC and Tencent SCF events, responses and timers

usage:
  trigger-bridge detect [--json] FILE|-
  trigger-bridge convert --to FORMAT [--from FORMAT] [--response] [--fail-on-loss] [--json] FILE|-
  trigger-bridge validate [--as FORMAT] [--response] [--json] FILE|-
  trigger-bridge request --to FORMAT [-X METHOD] [-H 'Name: value']... [--data TEXT|@FILE] [--fail-on-loss] [--json] URL
  trigger-bridge respond --as FORMAT [--json] FILE|-
  trigger-bridge event --to aliyun-oss|tencent-cos --bucket NAME --key KEY [--key KEY]... [--size BYTES]... [--event KIND|NAME] [--region R] [--account ID] [--etag E]... [--version-id V]... [--time RFC3339] [--source-ip IP] [--request-id ID] [--content-type TYPE] [--meta NAME=VALUE]... [--fail-on-loss] [--json]
  trigger-bridge event --to aliyun-mns|tencent-cmq|aliyun-kafka|tencent-ckafka|aliyun-rocketmq --body TEXT [--body TEXT]... [--topic T] [--key K]... [--partition N]... [--offset N]... [--message-id ID]... [--tag T]... [--owner ID] [--subscription S] [--request-id ID] [--time RFC3339] [--fail-on-loss] [--json]
  trigger-bridge cron convert --from aliyun|tencent --to aliyun|tencent [--from-tz ZONE] [--to-tz ZONE] [--after RFC3339] [--fail-on-loss] [--json] EXPR
  trigger-bridge cron explain --dialect aliyun|tencent [--tz ZONE] [--count N] [--after RFC3339] [--json] EXPR
  trigger-bridge cron config --from aliyun|tencent --to aliyun|tencent [--from-tz ZONE] [--to-tz ZONE] [--after RFC3339] [--fail-on-loss] [--json] FILE|-
  trigger-bridge trigger convert --to aliyun|tencent|tencent-apigw|tencent-url [--from aliyun|tencent] [--from-tz ZONE] [--to-tz ZONE] [--after RFC3339] [--fail-on-loss] [--json] FILE|-
  npx trigger-bridge serve [ENTRY] --as FORMAT [--handler NAME] [--port N] [--host ADDR] [--record FILE] [--watch] [--timer CRON]
                                       (Node only: runs a handler behind an emulated gateway; npx trigger-bridge serve --help)
  trigger-bridge COMMAND --help

formats: aliyun-apigw aliyun-http tencent-apigw tencent-url aliyun-timer tencent-timer aliyun-oss tencent-cos
         aliyun-mns tencent-cmq aliyun-kafka tencent-ckafka aliyun-rocketmq
exit codes: 0 ok; 1 validation errors, a gateway rejection, a refused request, or a loss with --fail-on-loss; 2 usage or input errors
";

/// What each command does, for `trigger-bridge COMMAND --help` (its usage lines come from [`USAGE`]).
const HELP: &[(&str, &str)] = &[
    ("detect", "Print the format of an event."),
    (
        "convert",
        "Convert an event into --to (its format is detected unless --from), or with --response a function result
from --from into --to. The converted JSON goes to stdout and each loss to stderr; --json prints
{from, to, event|response, losses} instead. --fail-on-loss exits 1 when anything was lost (for CI).",
    ),
    (
        "validate",
        "Check an event (format detected unless --as) or, with --response, a function result against the
platform's rules. Prints each diagnostic; exits 1 when any is an error.",
    ),
    (
        "request",
        "Build the event --to delivers for a plain HTTP request, like curl's options. The event goes to stdout,
each loss to stderr, and each rule of the target platform the request breaks (a TRACE request to an FC
HTTP trigger, oversized headers, ...) as a diagnostic to stderr, exiting 1 when the platform would refuse
the request. --json prints {from, to, event, losses, diagnostics}.",
    ),
    (
        "respond",
        "Print the HTTP response a caller receives when a function behind --as returns the result in FILE: the
status line, headers and body, or the gateway's error (exit 1).",
    ),
    (
        "event",
        "Build the event --to delivers when objects of a bucket are created (the default), removed, restored or
modified: one record per --key (decoded text; COS gets /<appid>/<bucket>/ and percent escapes, OSS the
key as it is). --size, --etag and --version-id are given once for every key or once per key, in order.
--event is created|removed|restored|modified or an event name of either cloud (ObjectCreated:PutObject,
cos:ObjectRemove:Delete). --time defaults to now; --region and --account to placeholders (cn-hangzhou,
1234567890123456 on OSS; gz, 1250000000 on COS). The event goes to stdout, each loss (an ETag into COS, a
version into OSS, an event with no exact counterpart) to stderr; --json prints {from, to, event, losses}.
For a message format: one message per --body (--key, --partition, --offset, --message-id once for every
message or once per message; --tag for every message); what the target cannot carry is a loss.",
    ),
    ("cron", "Translate (convert), explain, or convert timer trigger configurations (config) between the dialects."),
    ("cron convert", "Translate a cron expression between the dialects; each loss goes to stderr. --fail-on-loss exits 1 on any."),
    ("cron explain", "Describe an expression and print its next fire instants (5 unless --count)."),
    ("cron config", "Convert a timer trigger configuration; each loss goes to stderr. --fail-on-loss exits 1 on any."),
    ("trigger", "Convert trigger configurations (convert) between the clouds."),
    (
        "trigger convert",
        "Convert an HTTP trigger (FC {authType, methods} <-> a Tencent API gateway trigger, or with --to tencent-url
a Function URL), a timer trigger (as cron config), or a storage trigger (an FC OSS trigger s.yaml entry
{triggerType: oss, sourceArn, triggerConfig: {events, filter}} <-> serverless.yml COS entries {cos: {parameters:
{bucket, events, filter, enable}}}, one per event type), or a topic trigger (an FC MNS s.yaml entry {triggerType:
mns_topic, sourceArn, triggerConfig} <-> a serverless.yml CMQ entry {cmq: {parameters: {name, enable}}}) between
the clouds; the kind and, unless --from,
the cloud are read from the keys, and an s.yaml trigger entry is accepted. Each loss goes to stderr;
--fail-on-loss exits 1 on any.",
    ),
];

/// The usage lines of `command` from [`USAGE`] and what it does.
fn command_help(command: &str) -> Option<String> {
    let (_, what) = HELP.iter().find(|(name, _)| *name == command)?;
    let prefix = format!("  trigger-bridge {command} ");
    let mut text = String::from("usage:\n");
    for usage_line in USAGE.lines().filter(|l| l.starts_with(&prefix)) {
        let _ = writeln!(text, "{usage_line}");
    }
    let _ = writeln!(text, "\n{what}\n");
    // The format list (over two lines) and the exit codes close every help text.
    if let Some(at) = USAGE.find("\nformats:") {
        text.push_str(USAGE.get(at + 1..).unwrap_or_default());
    }
    Some(text)
}

/// Flags that take a value.
const VALUE_FLAGS: &[&str] = &[
    "--to",
    "--from",
    "--as",
    "-X",
    "--request",
    "-H",
    "--header",
    "--data",
    "-d",
    "--dialect",
    "--tz",
    "--count",
    "--after",
    "--from-tz",
    "--to-tz",
    // `event`
    "--bucket",
    "--key",
    "--size",
    "--event",
    "--region",
    "--account",
    "--etag",
    "--version-id",
    "--time",
    "--source-ip",
    "--request-id",
    "--content-type",
    "--meta",
    "--body",
    "--topic",
    "--partition",
    "--offset",
    "--message-id",
    "--tag",
    "--owner",
    "--subscription",
];

struct Args {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Args {
    fn parse(args: &[String]) -> Result<Args> {
        let mut out = Args { positional: Vec::new(), flags: Vec::new(), switches: Vec::new() };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if let Some((name, value)) = arg.split_once('=').filter(|(n, _)| n.starts_with("--") && VALUE_FLAGS.contains(n)) {
                out.flags.push((name.to_string(), value.to_string()));
            } else if VALUE_FLAGS.contains(&arg.as_str()) {
                let value = it.next().ok_or_else(|| usage(format!("{arg} needs a value")))?;
                out.flags.push((arg.clone(), value.clone()));
            } else if arg.starts_with('-') && arg.len() > 1 {
                out.switches.push(arg.clone());
            } else {
                out.positional.push(arg.clone());
            }
        }
        Ok(out)
    }

    fn value(&self, names: &[&str]) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| names.contains(&n.as_str())).map(|(_, v)| v.as_str())
    }

    fn values<'a>(&'a self, names: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
        self.flags.iter().filter(move |(n, _)| names.contains(&n.as_str())).map(|(_, v)| v.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    fn format(&self, names: &[&str]) -> Result<Option<Format>> {
        self.value(names).map(str::parse).transpose()
    }

    fn one_input(&self) -> Result<&str> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            [] => Err(usage("expected one input: a file name, or - for standard input")),
            _ => Err(usage(format!("expected one input, saw {}", self.positional.len()))),
        }
    }

    fn check_switches(&self, allowed: &[&str]) -> Result<()> {
        match self.switches.iter().find(|s| !allowed.contains(&s.as_str())) {
            Some(s) => Err(usage(format!("unknown option {s}"))),
            None => Ok(()),
        }
    }
}

/// One human-readable line of output: `text` with every control character escaped, then a newline.
///
/// Keys, values and messages come from untrusted input; printed raw, an ESC would drive the terminal and
/// a CR or LF would forge a line (`loss none: all good`). C0 controls, DEL and C1 controls become `\n`,
/// `\r`, `\t` or `\xNN`; line and paragraph separators and bidirectional overrides become `\u{NNNN}`.
/// `--json` output needs none of this: its strings are JSON-escaped.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

fn usage(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::Usage, message)
}

/// Run the CLI.
pub fn run(args: &[String], host: &mut dyn Host) -> Output {
    let json = args.iter().any(|a| a == "--json");
    match dispatch(args, host) {
        Ok(out) => out,
        Err(e) => {
            let mut out = Output { code: 2, stderr: line(&format!("trigger-bridge: {e}")), ..Default::default() };
            if e.code == ErrorCode::Usage {
                out.stderr.push_str("run `trigger-bridge --help` for usage\n");
            }
            if json {
                out.stdout = to_json(&crate::json_object! { "error" => e.to_json() });
            }
            out
        }
    }
}

fn dispatch(args: &[String], host: &mut dyn Host) -> Result<Output> {
    let Some((command, rest)) = args.split_first() else {
        return Err(usage("no command given"));
    };
    // `COMMAND --help` (and `cron SUB --help`) before anything else the command would check.
    let wants_help = |rest: &[String]| rest.iter().any(|a| a == "--help" || a == "-h");
    let sub = match (command.as_str(), rest.first()) {
        ("cron" | "trigger", Some(sub)) if !sub.starts_with('-') => format!("{command} {sub}"),
        _ => command.clone(),
    };
    if wants_help(rest) {
        if let Some(text) = command_help(&sub).or_else(|| command_help(command)) {
            return Ok(ok(text.into_bytes()));
        }
    }
    match command.as_str() {
        "--help" | "-h" | "help" => Ok(Output { stdout: USAGE.as_bytes().to_vec(), ..Default::default() }),
        "--version" | "-V" => Ok(Output { stdout: format!("trigger-bridge {}\n", env!("CARGO_PKG_VERSION")).into_bytes(), ..Default::default() }),
        "detect" => detect(&Args::parse(rest)?, host),
        "convert" => convert(&Args::parse(rest)?, host),
        "validate" => validate(&Args::parse(rest)?, host),
        "request" => request(&Args::parse(rest)?, host),
        "respond" => respond(&Args::parse(rest)?, host),
        "event" => event(&Args::parse(rest)?, host),
        "cron" => match rest.split_first() {
            Some((sub, rest)) if sub == "convert" => cron_convert(&Args::parse(rest)?, host),
            Some((sub, rest)) if sub == "explain" => cron_explain(&Args::parse(rest)?, host),
            Some((sub, rest)) if sub == "config" => cron_config(&Args::parse(rest)?, host),
            _ => Err(usage("cron takes convert, explain or config")),
        },
        "trigger" => match rest.split_first() {
            Some((sub, rest)) if sub == "convert" => trigger_convert(&Args::parse(rest)?, host),
            _ => Err(usage("trigger takes convert")),
        },
        "serve" => Ok(Output {
            stderr: "trigger-bridge: serve runs your handler in Node.js, so it is part of the npm package: run `npx trigger-bridge serve`\n".to_string(),
            code: 2,
            ..Default::default()
        }),
        other => Err(usage(format!("unknown command `{other}`"))),
    }
}

fn read(host: &mut dyn Host, path: &str) -> Result<Vec<u8>> {
    let name = if path == "-" { "standard input" } else { path };
    host.read(path).map_err(|reason| Error::new(ErrorCode::Io, format!("cannot read {name}: {reason}")))
}

/// Indented JSON and a newline.
fn to_json(value: &Value) -> Vec<u8> {
    let mut text = value.to_pretty_string();
    text.push('\n');
    text.into_bytes()
}

fn ok(stdout: Vec<u8>) -> Output {
    Output { stdout, ..Default::default() }
}

fn detect(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json"])?;
    let format = crate::detect(&read(host, args.one_input()?)?)?;
    Ok(ok(if args.has("--json") { to_json(&crate::json_object! { "format" => format }) } else { format!("{format}\n").into_bytes() }))
}

/// Exit code 1 for a result with losses when `--fail-on-loss` was given.
fn loss_code(args: &Args, lost: bool) -> u8 {
    u8::from(lost && args.has("--fail-on-loss"))
}

/// Each loss as a line of text, `loss CODE at PATH: MESSAGE`, escaped for a terminal.
fn loss_lines(losses: &[crate::Loss]) -> String {
    losses
        .iter()
        .map(|loss| line(&format!("loss {} at {}: {}", loss.code.as_str(), if loss.path.is_empty() { "/" } else { &loss.path }, loss.message)))
        .collect()
}

fn conversion_output(conversion: Conversion, args: &Args) -> Output {
    let code = loss_code(args, !conversion.losses.is_empty());
    if args.has("--json") {
        return Output { stdout: to_json(&conversion.into_json()), code, ..Default::default() };
    }
    let stderr = loss_lines(&conversion.losses);
    Output { stdout: to_json(&conversion.output), stderr, code }
}

/// One diagnostic as a line of text (`validate`, `request`).
fn diagnostic_line(out: &mut String, d: &crate::Diagnostic) {
    out.push_str(&line(&format!(
        "{} {} at {} [{}]: {}",
        d.severity.as_str(),
        d.code.as_str(),
        if d.path.is_empty() { "/" } else { &d.path },
        d.platform.id(),
        d.message
    )));
}

fn convert(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--response", "--fail-on-loss"])?;
    let to = args.format(&["--to"])?.ok_or_else(|| usage("convert needs --to FORMAT"))?;
    let from = args.format(&["--from"])?;
    let input = read(host, args.one_input()?)?;
    let conversion = if args.has("--response") {
        let from = from.ok_or_else(|| usage("a response's format cannot be detected: pass --from FORMAT"))?;
        crate::convert_response(&input, from, to)?
    } else {
        crate::convert_event(&input, from, to)?
    };
    Ok(conversion_output(conversion, args))
}

fn validate(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--response"])?;
    let format = args.format(&["--as"])?;
    let input = read(host, args.one_input()?)?;
    let report = if args.has("--response") {
        crate::validate_response(&input, format.ok_or_else(|| usage("a response's format cannot be detected: pass --as FORMAT"))?)
    } else {
        crate::validate_event(&input, format)
    };
    let code = u8::from(report.has_errors());
    if args.has("--json") {
        return Ok(Output { stdout: to_json(&report.to_json()), code, ..Default::default() });
    }
    let mut stdout = String::new();
    if let Some(f) = report.format {
        let _ = writeln!(stdout, "format: {f}");
    }
    for d in &report.diagnostics {
        diagnostic_line(&mut stdout, d);
    }
    if report.diagnostics.is_empty() {
        stdout.push_str("ok: no diagnostics\n");
    }
    Ok(Output { stdout: stdout.into_bytes(), code, ..Default::default() })
}

fn request(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--fail-on-loss"])?;
    let to = args.format(&["--to"])?.ok_or_else(|| usage("request needs --to FORMAT"))?;
    let url = match args.positional.as_slice() {
        [url] => url.clone(),
        _ => return Err(usage("request takes exactly one URL")),
    };
    let mut headers = Vec::new();
    for h in args.values(&["-H", "--header"]) {
        let (name, value) = h.split_once(':').ok_or_else(|| usage(format!("header `{h}` is not `Name: value`")))?;
        headers.push((name.trim().to_string(), value.trim_start().to_string()));
    }
    let body = match args.value(&["--data", "-d"]) {
        Some(data) => match data.strip_prefix('@') {
            Some(path) => read(host, path)?,
            None => data.as_bytes().to_vec(),
        },
        None => Vec::new(),
    };
    let method = args.value(&["-X", "--request"]).unwrap_or_default().to_string();
    let req = HttpRequest { method, url, headers, body, ..Default::default() };
    let conversion = crate::event_from_request(req, to)?;
    // What the target platform would refuse, by the same rules as `validate`.
    let report = crate::validate_event(conversion.output.to_json_string().as_bytes(), Some(to));
    let refused = u8::from(report.has_errors());
    let mut out = if args.has("--json") {
        let code = loss_code(args, !conversion.losses.is_empty());
        let mut value = conversion.into_json();
        if let Value::Object(map) = &mut value {
            map.insert("diagnostics".to_string(), report.diagnostics.to_json());
        }
        Output { stdout: to_json(&value), code, ..Default::default() }
    } else {
        let mut out = conversion_output(conversion, args);
        for d in &report.diagnostics {
            diagnostic_line(&mut out.stderr, d);
        }
        out
    };
    out.code = out.code.max(refused);
    Ok(out)
}

fn respond(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json"])?;
    let format = args.format(&["--as"])?.ok_or_else(|| usage("respond needs --as FORMAT"))?;
    let response = client::client_response(&read(host, args.one_input()?)?, format);
    let code = u8::from(response.gateway_error.is_some());
    if args.has("--json") {
        return Ok(Output { stdout: to_json(&response.to_json()), code, ..Default::default() });
    }
    let mut head = format!("HTTP/1.1 {} {}\n", response.status, client::reason_phrase(response.status));
    for (name, value) in response.headers.iter() {
        head.push_str(&line(&format!("{name}: {value}")));
    }
    head.push('\n');
    let mut stdout = head.into_bytes();
    stdout.extend_from_slice(&response.body);
    let mut stderr = String::new();
    if let Some(e) = &response.gateway_error {
        stderr.push_str(&line(&format!("gateway rejected the result: {}", e.reason)));
    }
    Ok(Output { stdout, stderr, code })
}

/// `--NAME` given once for every key or once per key: the value for key `i` of `n`.
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn per_key<'a>(args: &'a Args, name: &'a str, n: usize) -> Result<Vec<Option<&'a str>>> {
    let values: Vec<&str> = args.flags.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect();
    match values.as_slice() {
        [] => Ok(vec![None; n]),
        [one] => Ok(vec![Some(*one); n]),
        many if many.len() == n => Ok(many.iter().map(|v| Some(*v)).collect()),
        many => Err(usage(format!("{name} is given {} times for {n} keys: give it once, or once per --key", many.len()))),
    }
}

/// `event` for a message format: one message per `--body`.
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn message_event(args: &Args, to: Format, host: &mut dyn Host) -> Result<Output> {
    let bodies: Vec<&str> = args.values(&["--body"]).collect();
    if bodies.is_empty() {
        return Err(usage("event needs --body TEXT (once per message)"));
    }
    let n = bodies.len();
    let (keys, partitions, offsets, ids) =
        (per_key(args, "--key", n)?, per_key(args, "--partition", n)?, per_key(args, "--offset", n)?, per_key(args, "--message-id", n)?);
    let number = |name: &str, v: Option<&str>| -> Result<Option<i64>> {
        v.map(|s| s.parse::<i64>().map_err(|_| usage(format!("{name} must be a whole number, saw `{s}`")))).transpose()
    };
    let tags: Vec<String> = args.values(&["--tag"]).map(str::to_string).collect();
    let mut messages = Vec::with_capacity(n);
    for (i, body) in bodies.iter().enumerate() {
        let at = |v: &Vec<Option<&str>>| v.get(i).copied().flatten().map(str::to_string);
        messages.push(crate::messages::SpecMessage {
            body: (*body).to_string(),
            key: at(&keys),
            partition: number("--partition", at(&partitions).as_deref())?,
            offset: number("--offset", at(&offsets).as_deref())?,
            message_id: at(&ids),
            tags: tags.clone(),
        });
    }
    let text = |name: &str| args.value(&[name]).map(str::to_string);
    let spec = crate::messages::MessageSpec {
        messages,
        topic: text("--topic"),
        owner: text("--owner"),
        subscription: text("--subscription"),
        request_id: text("--request-id"),
        time: text("--time"),
    };
    let conversion = crate::messages::event_from_spec(spec, to, host.now().saturating_mul(1000))?;
    Ok(conversion_output(conversion, args))
}

/// The core WebAssembly module leaves the object formats out; the tools module, which runs the CLI, has them.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn event(_: &Args, _: &mut dyn Host) -> Result<Output> {
    Err(crate::objects_elsewhere(Format::AliyunOss))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn event(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--fail-on-loss"])?;
    if let Some(extra) = args.positional.first() {
        return Err(usage(format!("event takes no input file, saw `{extra}`")));
    }
    let to = args.format(&["--to"])?.ok_or_else(|| usage("event needs --to FORMAT (an object or message format)"))?;
    if to.is_message() {
        return message_event(args, to, host);
    }
    let bucket = args.value(&["--bucket"]).ok_or_else(|| usage("event needs --bucket NAME"))?.to_string();
    let keys: Vec<&str> = args.values(&["--key"]).collect();
    if keys.is_empty() {
        return Err(usage("event needs --key KEY (once per object)"));
    }
    let (sizes, etags, versions) = (per_key(args, "--size", keys.len())?, per_key(args, "--etag", keys.len())?, per_key(args, "--version-id", keys.len())?);
    let mut objects = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        let size = match sizes.get(i).copied().flatten() {
            Some(s) => Some(s.parse::<u64>().map_err(|_| usage(format!("--size must be a whole number of bytes, saw `{s}`")))?),
            None => None,
        };
        let text = |v: &[Option<&str>]| v.get(i).copied().flatten().map(str::to_string);
        objects.push(crate::objects::SpecObject { key: (*key).to_string(), size, etag: text(&etags), version: text(&versions) });
    }
    let mut metadata = Vec::new();
    for m in args.values(&["--meta"]) {
        let (name, value) = m.split_once('=').ok_or_else(|| usage(format!("--meta `{m}` is not NAME=VALUE")))?;
        metadata.push((name.to_string(), value.to_string()));
    }
    let text = |name: &str| args.value(&[name]).map(str::to_string);
    let spec = crate::objects::ObjectSpec {
        bucket,
        objects,
        event: text("--event"),
        region: text("--region"),
        account: text("--account"),
        time: text("--time"),
        source_ip: text("--source-ip"),
        request_id: text("--request-id"),
        content_type: text("--content-type"),
        metadata,
    };
    let conversion = crate::objects::event_from_spec(spec, to, host.now())?;
    Ok(conversion_output(conversion, args))
}

fn zone(args: &Args, name: &str) -> Result<Option<Zone>> {
    args.value(&[name]).map(Zone::parse).transpose()
}

fn dialect(args: &Args, name: &str) -> Result<Dialect> {
    Dialect::parse(args.value(&[name]).ok_or_else(|| usage(format!("cron needs {name} aliyun|tencent")))?)
}

fn expression(args: &Args) -> Result<String> {
    if args.positional.is_empty() {
        return Err(usage("expected a cron expression (quote it)"));
    }
    Ok(args.positional.join(" "))
}

/// `--after RFC3339`, else now: where `cron explain` starts and the year a translation is checked over.
fn after(args: &Args, host: &dyn Host) -> Result<i64> {
    match args.value(&["--after"]) {
        Some(t) => crate::time::parse_rfc3339(t).ok_or_else(|| usage(format!("--after `{t}` is not an RFC 3339 instant"))),
        None => Ok(host.now()),
    }
}

fn cron_convert(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--fail-on-loss"])?;
    let (from, to) = (dialect(args, "--from")?, dialect(args, "--to")?);
    let t = cron::translate_at(&expression(args)?, from, to, zone(args, "--from-tz")?.as_ref(), zone(args, "--to-tz")?.as_ref(), after(args, host)?)?;
    let code = loss_code(args, !t.losses.is_empty());
    if args.has("--json") {
        return Ok(Output { stdout: to_json(&t.to_json()), code, ..Default::default() });
    }
    let mut stderr = String::new();
    for loss in &t.losses {
        stderr.push_str(&line(&format!("loss {}: {}", loss.code.as_str(), loss.message)));
    }
    Ok(Output { stdout: line(&t.expression).into_bytes(), stderr, code })
}

fn cron_explain(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json"])?;
    let dialect = dialect(args, "--dialect")?;
    let zone = zone(args, "--tz")?;
    let count = match args.value(&["--count"]) {
        Some(n) => n.parse::<usize>().ok().filter(|n| (1..=1000).contains(n)).ok_or_else(|| usage(format!("--count must be 1 to 1000, saw {n}")))?,
        None => 5,
    };
    let e = cron::explain(&expression(args)?, dialect, zone.as_ref(), count, after(args, host)?)?;
    if args.has("--json") {
        return Ok(ok(to_json(&e.to_json())));
    }
    let mut stdout = line(&e.description);
    for t in e.next {
        let _ = writeln!(stdout, "{t}");
    }
    Ok(ok(stdout.into_bytes()))
}

fn cron_config(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--fail-on-loss"])?;
    let (from, to) = (dialect(args, "--from")?, dialect(args, "--to")?);
    let input = read(host, args.one_input()?)?;
    let c = crate::timer::convert_config_at(&input, from, to, zone(args, "--from-tz")?.as_ref(), zone(args, "--to-tz")?.as_ref(), after(args, host)?)?;
    let code = loss_code(args, !c.losses.is_empty());
    if args.has("--json") {
        return Ok(Output { stdout: to_json(&c.to_json()), code, ..Default::default() });
    }
    let stderr = loss_lines(&c.losses);
    Ok(Output { stdout: to_json(&c.config), stderr, code })
}

fn trigger_convert(args: &Args, host: &mut dyn Host) -> Result<Output> {
    args.check_switches(&["--json", "--fail-on-loss"])?;
    let to = crate::trigger::TriggerTarget::parse(
        args.value(&["--to"]).ok_or_else(|| usage("trigger convert needs --to aliyun|tencent|tencent-apigw|tencent-url"))?,
    )?;
    let from = args.value(&["--from"]).map(Dialect::parse).transpose()?;
    let input = read(host, args.one_input()?)?;
    let at = after(args, host)?;
    let c = crate::trigger::convert_at(&input, from, to, zone(args, "--from-tz")?.as_ref(), zone(args, "--to-tz")?.as_ref(), at)?;
    let code = loss_code(args, !c.losses.is_empty());
    if args.has("--json") {
        return Ok(Output { stdout: to_json(&c.to_json()), code, ..Default::default() });
    }
    let stderr = loss_lines(&c.losses);
    Ok(Output { stdout: to_json(&c.config), stderr, code })
}
