//! `aliyun-http`: Alibaba Function Compute 3.0 HTTP trigger, event function in a built-in runtime
//! (Alibaba doc "HTTP trigger invoking function"; `aliyun/fc-runtime-go-sdk` `events/http.go`).
//!
//! Repeated header and query values arrive joined with commas, which cannot be split again.
//!
//! Path policy: `rawPath` is the request target's path, percent-encoded (`/my%20file`, `%2F` kept), and
//! is what readers use (the Hono FC 3.0 adapter builds its URL from `https://` + `domainName` +
//! `rawPath`); `requestContext.http.path` is the same path decoded. `queryParameters` holds decoded keys
//! and values. The host is `requestContext.domainName`.

use super::{decode_path, encode_path, report_unsupported, target_path, Field};
use crate::error::Result;
use crate::format::Format;
use crate::json::Value;
use crate::model::{encode_body, Loss, LossCode, NeutralRequest};
use crate::time;
use crate::wire::{flat_map, Obj, ObjWriter};

const FORMAT: Format = Format::AliyunHttp;
const CONTEXT: &[&str] = &["requestContext"];
const HTTP: &[&str] = &["requestContext", "http"];

/// Read an `aliyun-http` event.
///
/// # Errors
/// `missing-field` for `requestContext.http.method`; `invalid-field` with its pointer.
#[inline(never)] // see formats::read_event
pub fn read(value: Value) -> Result<NeutralRequest> {
    let mut o = Obj::new(value, "")?;
    let mut r = NeutralRequest::default();
    match o.str("version")? {
        Some(v) if v != "v1" => r.extras.keep_one(FORMAT, &[], "version", Value::String(v)),
        _ => {}
    }
    let raw_path = o.str("rawPath")?;
    super::read_body(&mut o, &mut r)?;
    r.headers = o.map("headers")?.into_iter().collect();
    r.query = o.map("queryParameters")?;
    let mut context = match o.obj("requestContext")? {
        Some(c) => c,
        None => Obj::new(Value::Object(Default::default()), "/requestContext")?,
    };
    let mut http = match context.obj("http")? {
        Some(h) => h,
        None => Obj::new(Value::Object(Default::default()), "/requestContext/http")?,
    };
    r.method = http.req_str("method")?;
    let path = http.str("path")?;
    r.client_ip = http.str("sourceIp")?;
    // The writer always says HTTP/1.1; only another protocol is information.
    match http.str("protocol")? {
        Some(p) if p != "HTTP/1.1" => r.extras.keep_one(FORMAT, HTTP, "protocol", Value::String(p)),
        _ => {}
    }
    // userAgent repeats the User-Agent header; keep it only when the header is missing.
    if let Some(agent) = http.str("userAgent")? {
        if r.headers.get("user-agent") != Some(agent.as_str()) {
            r.extras.keep_one(FORMAT, HTTP, "userAgent", Value::String(agent));
        }
    }
    r.host = context.str("domainName")?.or_else(|| r.headers.get("host").map(str::to_string));
    // domainPrefix repeats the first label of domainName; keep it only when it says something else.
    if let Some(prefix) = context.str("domainPrefix")? {
        if r.host.as_deref().and_then(domain_prefix) != Some(prefix.as_str()) {
            r.extras.keep_one(FORMAT, CONTEXT, "domainPrefix", Value::String(prefix));
        }
    }
    r.request_id = context.str("requestId")?;
    r.time = context.str("time")?;
    // timeEpoch repeats time in milliseconds; keep it unless the writer would derive exactly the same.
    if let Some(epoch) = context.str("timeEpoch")? {
        let derived = r.time.as_deref().and_then(time::parse_rfc3339).map(|secs| (secs * 1000).to_string());
        if derived.as_deref() != Some(epoch.as_str()) {
            r.extras.keep_one(FORMAT, CONTEXT, "timeEpoch", Value::String(epoch));
        }
    }
    r.path = match (&path, &raw_path) {
        (Some(p), _) => p.clone(),
        (None, Some(raw)) => decode_path(raw),
        (None, None) => "/".to_string(),
    };
    r.raw_path = Some(raw_path.unwrap_or_else(|| encode_path(&r.path)));
    r.extras.keep(FORMAT, HTTP, http.rest());
    r.extras.keep(FORMAT, CONTEXT, context.rest());
    r.extras.keep(FORMAT, &[], o.rest());
    Ok(r)
}

/// Write an `aliyun-http` event.
#[inline(never)] // see formats::read_event
pub fn write(mut r: NeutralRequest, losses: &mut Vec<Loss>) -> Value {
    report_unsupported(&r, r.source, FORMAT, &[Field::ClientIp, Field::RequestId, Field::Time], losses);
    r.extras.report_dropped(FORMAT, losses);
    let headers = r.headers.flatten(losses);
    let user_agent = r.headers.get("user-agent").map(str::to_string);
    let query = joined_values(std::mem::take(&mut r.query), losses);
    let (body, base64) = encode_body(std::mem::take(&mut r.body), r.body_was_base64);
    let raw_path = target_path(&mut r, FORMAT);
    // The domain: the source's, or its Host header.
    let domain = r.host.take().or_else(|| r.headers.get("host").map(str::to_string));
    let prefix = domain.as_deref().and_then(domain_prefix).map(str::to_string);
    let epoch = r.time.as_deref().and_then(time::parse_rfc3339).map(|secs| (secs * 1000).to_string());

    let mut http = ObjWriter::new();
    http.set("method", r.method).set("path", r.path);
    http.extras(r.extras.take(FORMAT, HTTP));
    http.or_set("protocol", "HTTP/1.1").opt("sourceIp", r.client_ip).opt("userAgent", user_agent);
    let mut context = ObjWriter::new();
    context.extras(r.extras.take(FORMAT, CONTEXT));
    context.opt("domainName", domain);
    if let Some(prefix) = prefix {
        context.or_set("domainPrefix", prefix);
    }
    context.set("http", http.build()).opt("requestId", r.request_id).opt("time", r.time);
    if let Some(epoch) = epoch {
        context.or_set("timeEpoch", epoch);
    }

    let mut w = ObjWriter::new();
    w.set("version", "v1")
        .set("rawPath", raw_path)
        .set("body", body)
        .set("isBase64Encoded", base64)
        .set("headers", flat_map(headers))
        .set("queryParameters", flat_map(query))
        .set("requestContext", context.build())
        .extras(r.extras.take(FORMAT, &[]));
    w.build()
}

/// The domain prefix FC 3.0 reports beside a domain: its first label (`x` of `x.cn-hangzhou.fcapp.run`),
/// for a name with several labels that is not an IP address.
fn domain_prefix(domain: &str) -> Option<&str> {
    let name = match domain.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.contains(':') => name,
        _ => domain,
    };
    let (first, rest) = name.split_once('.')?;
    let ip = name.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    (!first.is_empty() && !rest.is_empty() && !ip && !name.starts_with('[')).then_some(first)
}

/// Join repeated query keys with commas as FC 3.0 does, reporting each join.
fn joined_values(query: Vec<(String, String)>, losses: &mut Vec<Loss>) -> Vec<(String, String)> {
    let grouped = crate::keys::group(query, false);
    let mut out = Vec::with_capacity(grouped.len());
    for (k, values) in grouped {
        // One loss per key, counted: a loss per value would repeat the key once per value.
        if values.len() > 1 {
            losses.push(
                Loss::new(
                    LossCode::QueryRepeatedJoined,
                    crate::json::pointer("/queryParameters", &k),
                    format!("query key `{k}` repeats; {FORMAT} joins the values with commas and the split is not recoverable"),
                )
                .times(values.len() - 1),
            );
        }
        out.push((k, values.join(",")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_prefix_is_the_first_label_of_a_name() {
        for (domain, prefix) in [
            ("x.cn-hangzhou.fcapp.run", Some("x")),
            ("api.example.com:8443", Some("api")),
            ("localhost", None),
            ("127.0.0.1", None),
            ("127.0.0.1:9000", None),
            ("[::1]:80", None),
            (".example.com", None),
        ] {
            assert_eq!(domain_prefix(domain), prefix, "{domain}");
        }
    }

    #[test]
    fn every_field_a_reader_needs_is_written() {
        let request = crate::HttpRequest {
            url: "https://trig-abc.cn-hangzhou.fcapp.run/a%2Fb/c%20d?q=1".into(),
            headers: vec![("User-Agent".into(), "curl/8.4.0".into())],
            client_ip: Some("1.2.3.4".into()),
            request_id: Some("1-abc".into()),
            time: Some("2024-01-01T00:00:00Z".into()),
            ..Default::default()
        };
        let event = crate::event_from_request(request, FORMAT).unwrap().output;
        let context = &event["requestContext"];
        assert_eq!(event["rawPath"], "/a%2Fb/c%20d");
        assert_eq!(context["domainName"], "trig-abc.cn-hangzhou.fcapp.run");
        assert_eq!(context["domainPrefix"], "trig-abc");
        assert_eq!(context["http"]["path"], "/a/b/c d");
        assert_eq!(context["http"]["protocol"], "HTTP/1.1");
        assert_eq!(context["http"]["sourceIp"], "1.2.3.4");
        assert_eq!(context["http"]["userAgent"], "curl/8.4.0");
        assert_eq!(context["requestId"], "1-abc");
        assert_eq!(context["time"], "2024-01-01T00:00:00Z");
        assert_eq!(context["timeEpoch"], "1704067200000");
        // From another format, the domain comes from the Host header.
        let tencent = br#"{"httpMethod":"GET","path":"/","queryString":{},"headers":{"Host":"svc.gz.apigw.tencentcs.com"},"requestContext":{"serviceId":"s"}}"#;
        let out = crate::convert_event(tencent, None, FORMAT).unwrap();
        assert_eq!(out.output["requestContext"]["domainName"], "svc.gz.apigw.tencentcs.com");
        assert!(out.losses.iter().all(|l| !l.path.contains("domain")), "{:?}", out.losses);
    }
}
