//! The gateway's own answers around a function call, for a local gateway (`trigger-bridge serve`): a request
//! the platform refuses before the function runs, and a call that fails (the function throws, times out, or
//! answers with more than the platform carries). A successful result is [`crate::client_response`]'s job.
//!
//! Sources: FC's error table (alibabacloud.com/help/doc-detail/85445: `FcCommonError` 400 for requests over
//! the limits, 403 for a method the trigger does not list; `UnhandledInvocationError` 502 for a function
//! error, with the `{errorMessage, errorType, stackTrace}` body); SCF's status codes (cloud.tencent.com
//! document 583/42611 and intl 583/35311: 406 RequestTooLarge, 407 response over 6 MB, 430 user code
//! exception, 433 time limit reached), answered in the `{"errno", "error"}` body Tencent's API gateway uses
//! for its 403 (seed 003). Where a platform documents the status but not the body, the body says so in
//! this crate's words.

use crate::client::{ClientResponse, GatewayError};
use crate::error::{Error, ErrorCode, Result};
use crate::format::{Format, Platform};
use crate::json::{self, Value};
use crate::model::Headers;
use crate::validate::{self, DiagCode, Severity};

/// Largest synchronous SCF request event and response, in bytes (583/11637).
pub const SCF_SYNC_LIMIT: usize = 6 * 1024 * 1024;

fn answer(format: Format, status: u16, code: Option<&'static str>, headers: Headers, body: Vec<u8>, reason: String) -> ClientResponse {
    ClientResponse { format, status, headers, body, gateway_error: Some(GatewayError { status, code, reason }), diagnostics: Vec::new() }
}

fn json_headers() -> Headers {
    let mut h = Headers::new();
    h.append("Content-Type", "application/json");
    h
}

fn fc_common(format: Format, status: u16, code: &'static str, reason: String) -> ClientResponse {
    let mut h = json_headers();
    h.append("x-fc-error-type", "FcCommonError");
    let body = crate::json_object! { "ErrorCode" => code, "ErrorMessage" => reason.as_str() }.to_json_string().into_bytes();
    answer(format, status, Some(code), h, body, reason)
}

fn scf(format: Format, status: u16, error: &'static str, reason: String) -> ClientResponse {
    let body = crate::json_object! { "errno" => status, "error" => error }.to_json_string().into_bytes();
    answer(format, status, Some(error), json_headers(), body, reason)
}

/// What the gateway of `format` answers, before calling the function, to the request whose event is
/// `event` (JSON bytes of that format) and whose method is `method`; `None` when it lets it through.
/// `methods` is the trigger's method list (upper case; `None` lets every method through).
///
/// - FC HTTP trigger: headers over 8 KB, path and query over 4 KB, a body over 32 MB, a method FC does not
///   take → 400 `InvalidArgument`; a method the trigger does not list → 403 (CORS preflights included).
/// - Tencent: an event over 6 MB → 406 `RequestTooLarge`; an API gateway trigger answers 404 for a method
///   its API does not take.
/// - Alibaba API Gateway: 404 for a method its API does not take.
///
/// `signed` says the FC trigger's `authType` is `function`: a request without `Authorization` or `Date`
/// headers is refused with 400 (FC's error table). A local gateway cannot check the signature itself: any
/// value passes.
pub fn refusal(event: &[u8], format: Format, method: &str, methods: Option<&[String]>, signed: bool) -> Option<ClientResponse> {
    let method = method.to_ascii_uppercase();
    let listed = methods.is_none_or(|m| m.iter().any(|x| x.eq_ignore_ascii_case(&method)));
    match format {
        Format::AliyunHttp => {
            let report = validate::validate_event(event, Some(format));
            let limits = [
                DiagCode::RequestHeadersTooLarge,
                DiagCode::PathTooLong,
                DiagCode::BodyTooLarge,
                DiagCode::MethodNotAllowed,
                DiagCode::MethodInvalid,
                DiagCode::AsyncDelayInvalid,
            ];
            if let Some(d) = report.diagnostics.iter().find(|d| d.severity == Severity::Error && limits.contains(&d.code)) {
                return Some(fc_common(format, 400, "InvalidArgument", d.message.clone()));
            }
            if !listed {
                return Some(fc_common(format, 403, "AccessDenied", format!("the HTTP trigger does not list the method {method}")));
            }
            if signed {
                let headers = crate::read_request(event, Some(format)).map(|r| r.headers).unwrap_or_default();
                if let Some(missing) = ["Authorization", "Date"].into_iter().find(|h| headers.get(h).is_none()) {
                    return Some(fc_common(
                        format,
                        400,
                        "MissingRequiredHeader",
                        format!("the trigger requires signed requests (authType function) and the request has no {missing} header"),
                    ));
                }
            }
            None
        }
        Format::TencentApigw | Format::TencentUrl => {
            if event.len() > SCF_SYNC_LIMIT {
                return Some(scf(format, 406, "RequestTooLarge", format!("the request event is {} bytes, over SCF's 6 MB", event.len())));
            }
            if !listed && format == Format::TencentApigw {
                let reason = format!("the API takes {}, not {method}", methods.map(|m| m.join(", ")).unwrap_or_default());
                let body = crate::json_object! { "errno" => 404u16, "error" => format!("There is no api match method {method}") }.to_json_string().into_bytes();
                return Some(answer(format, 404, None, json_headers(), body, reason));
            }
            None
        }
        Format::AliyunApigw if !listed => {
            let mut h = Headers::new();
            h.append("X-Ca-Error-Message", "Invalid Url");
            Some(answer(format, 404, None, h, Vec::new(), format!("the API does not take the method {method}")))
        }
        _ => None,
    }
}

/// One API of a Tencent API gateway service: a front-end path and the methods it takes (`None`: `ANY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Api {
    /// Front-end path: `=/exact`, `^~/prefix`, `/with/{variables}`, or a plain prefix (628/11939).
    pub path: String,
    /// Upper-case methods, or `None` for `ANY`.
    pub methods: Option<Vec<String>>,
}

/// The API a request hit, and what it puts into the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Index of the API in the list given.
    pub index: usize,
    /// The API's path, as configured (`requestContext.path` of the event).
    pub template: String,
    /// Values of the path's `{variables}`, in order.
    pub parameters: Vec<(String, String)>,
}

fn match_variables(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    let (mut t, mut p) = (template.split('/'), path.split('/'));
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(params),
            (Some(ts), Some(ps)) => {
                if let Some(name) = ts.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
                    if ps.is_empty() {
                        return None;
                    }
                    params.push((name.to_string(), ps.to_string()));
                } else if ts != ps {
                    return None;
                }
            }
            // A trailing slash on either side still matches.
            (Some(""), None) | (None, Some("")) => return Some(params),
            _ => return None,
        }
    }
}

/// Which API of a Tencent API gateway service `method path` hits, by the documented priority (628/11939):
/// `=` exact paths first, then `^~` prefixes, then paths with `{variables}`, then plain paths by longest
/// prefix; only APIs taking the method count. `Err` is the gateway's 404 when none does.
///
/// # Errors
/// The caller's answer: 404 with `{"message": "There is no api match uri[…]"}`.
pub fn route(format: Format, path: &str, method: &str, apis: &[Api]) -> std::result::Result<Route, Box<ClientResponse>> {
    let method = method.to_ascii_uppercase();
    let mut best: Option<(u8, usize, Route)> = None;
    for (index, api) in apis.iter().enumerate() {
        if !api.methods.as_ref().is_none_or(|m| m.iter().any(|x| x.eq_ignore_ascii_case(&method) || x == "ANY")) {
            continue;
        }
        let hit = if let Some(exact) = api.path.strip_prefix('=') {
            (exact.trim() == path).then(|| (4, 0, Vec::new()))
        } else if let Some(prefix) = api.path.strip_prefix("^~") {
            path.starts_with(prefix.trim()).then(|| (3, prefix.trim().len(), Vec::new()))
        } else if api.path.contains('{') {
            match_variables(&api.path, path).map(|params| (2, api.path.len(), params))
        } else {
            path.starts_with(api.path.as_str()).then(|| (1, api.path.len(), Vec::new()))
        };
        if let Some((rank, length, parameters)) = hit {
            if best.as_ref().is_none_or(|(r, l, _)| (rank, length) > (*r, *l)) {
                best = Some((rank, length, Route { index, template: api.path.trim_start_matches("^~").trim_start_matches('=').to_string(), parameters }));
            }
        }
    }
    best.map(|(_, _, r)| r).ok_or_else(|| {
        let message = format!("There is no api match uri[{}]", path.replace('/', "\\/"));
        let body = crate::json_object! { "message" => message.as_str() }.to_json_string().into_bytes();
        Box::new(answer(format, 404, None, json_headers(), body, format!("no API of the service takes {method} {path}")))
    })
}

/// Read APIs from JSON: `[{"path": "/items/{id}", "method": "GET" | "ANY" | ["GET", "POST"]}, …]`.
///
/// # Errors
/// `invalid-json`, `invalid-field` / `missing-field` with pointers.
pub fn apis_from_json(input: &[u8]) -> Result<Vec<Api>> {
    let Value::Array(items) = json::parse(input)? else {
        return Err(Error::at(ErrorCode::InvalidField, "", "APIs are a JSON array of {path, method}"));
    };
    let mut apis = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let mut o = crate::wire::Obj::new(item, &format!("/{i}"))?;
        let path = o.req_str("path")?;
        let methods = match o.take("method").or_else(|| o.take("methods")) {
            None | Some(Value::Null) => None,
            Some(Value::String(m)) if m.eq_ignore_ascii_case("ANY") => None,
            Some(Value::String(m)) => Some(vec![m.to_ascii_uppercase()]),
            Some(Value::Array(list)) => {
                let list: Vec<String> = list.iter().filter_map(|v| v.as_str().map(str::to_ascii_uppercase)).collect();
                if list.iter().any(|m| m == "ANY") {
                    None
                } else {
                    Some(list)
                }
            }
            Some(_) => return Err(Error::at(ErrorCode::InvalidField, format!("/{i}/method"), "`method` is a string or a list of strings")),
        };
        apis.push(Api { path, methods });
    }
    Ok(apis)
}

/// The event of `format` (JSON bytes) with the route's API path and path parameters filled in.
///
/// # Errors
/// As [`crate::read_request`] for an event that is not of `format`.
pub fn routed_event(event: &[u8], format: Format, route: &Route) -> Result<Value> {
    let mut request = crate::read_request(event, Some(format))?;
    request.path_template = Some(route.template.clone());
    request.path_parameters = route.parameters.clone();
    crate::formats::write_event(format, request, &mut Vec::new())
}

/// How a function call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The function threw or called back with an error.
    Error {
        /// The error's type (`Error`, `TypeError`, …).
        error_type: String,
        /// Its message.
        message: String,
        /// Stack lines.
        stack: Vec<String>,
    },
    /// The function did not answer within its timeout.
    Timeout {
        /// The timeout, in milliseconds.
        timeout_ms: u64,
    },
    /// The function answered with more bytes than the platform carries.
    ResponseTooLarge {
        /// The result's size, in bytes.
        size: usize,
    },
}

impl Failure {
    /// Read `{"kind": "error", "errorType", "errorMessage", "stackTrace": [..]}`, `{"kind": "timeout",
    /// "timeoutMs"}` or `{"kind": "response-too-large", "size"}`.
    ///
    /// # Errors
    /// `invalid-field` / `missing-field` with pointers.
    pub fn from_json(input: &[u8]) -> Result<Failure> {
        let mut o = crate::wire::Obj::new(json::parse(input)?, "")?;
        let number = |o: &mut crate::wire::Obj, key: &str| -> Result<u64> {
            let text = o.req_str(key)?;
            text.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(|n| n as u64)
                .ok_or_else(|| Error::at(ErrorCode::InvalidField, format!("/{key}"), format!("`{key}` must be a number")))
        };
        match o.req_str("kind")?.as_str() {
            "error" => {
                let stack = match o.take("stackTrace") {
                    Some(Value::Array(items)) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
                    Some(Value::String(s)) => s.lines().map(str::to_string).collect(),
                    _ => Vec::new(),
                };
                Ok(Failure::Error {
                    error_type: o.str("errorType")?.unwrap_or_else(|| "Error".to_string()),
                    message: o.str("errorMessage")?.unwrap_or_default(),
                    stack,
                })
            }
            "timeout" => Ok(Failure::Timeout { timeout_ms: number(&mut o, "timeoutMs")? }),
            "response-too-large" => Ok(Failure::ResponseTooLarge { size: number(&mut o, "size")? as usize }),
            other => Err(Error::at(ErrorCode::InvalidField, "/kind", format!("`kind` is error, timeout or response-too-large, saw `{other}`"))),
        }
    }
}

/// Whether a result of `size` bytes is more than `format`'s platform carries back (SCF: 6 MB; FC documents no
/// limit on response bodies).
pub fn response_too_large(format: Format, size: usize) -> bool {
    format.platform() == Platform::Tencent && size > SCF_SYNC_LIMIT
}

/// What the caller of a function behind `format` receives when the call fails.
///
/// FC HTTP trigger: 502 with `x-fc-error-type: UnhandledInvocationError` and FC's JSON error body. Alibaba
/// API Gateway: 502 with an empty body (as for a result it cannot read). Tencent: 430 for an exception, 433
/// for a timeout, 407 for a response over 6 MB.
pub fn failure(format: Format, failure: &Failure) -> ClientResponse {
    let reason = match failure {
        Failure::Error { error_type, message, .. } => format!("the function threw {error_type}: {message}"),
        Failure::Timeout { timeout_ms } => format!("the function did not answer within {timeout_ms} ms"),
        Failure::ResponseTooLarge { size } => format!("the function answered {size} bytes, more than the platform carries"),
    };
    match (format.platform(), failure) {
        (Platform::Tencent, Failure::Error { .. }) => scf(format, 430, "User code exception caught", reason),
        (Platform::Tencent, Failure::Timeout { .. }) => scf(format, 433, "TimeLimitReached", reason),
        (Platform::Tencent, Failure::ResponseTooLarge { .. }) => scf(format, 407, "The size of response exceeds the upper limit (6MB)", reason),
        (Platform::Aliyun, _) if format == Format::AliyunApigw => answer(format, 502, None, Headers::new(), Vec::new(), reason),
        (Platform::Aliyun, f) => {
            let (error_type, message, stack) = match f {
                Failure::Error { error_type, message, stack } => (error_type.clone(), message.clone(), stack.clone()),
                Failure::Timeout { timeout_ms } => {
                    ("FunctionTimeout".to_string(), format!("Function timed out after {} seconds", timeout_ms.div_ceil(1000)), Vec::new())
                }
                Failure::ResponseTooLarge { size } => ("ResponseTooLarge".to_string(), format!("the response is {size} bytes"), Vec::new()),
            };
            let mut h = json_headers();
            h.append("x-fc-error-type", "UnhandledInvocationError");
            let stack: Vec<Value> = stack.into_iter().map(Value::String).collect();
            let body = crate::json_object! { "errorMessage" => message, "errorType" => error_type, "stackTrace" => stack }.to_json_string().into_bytes();
            answer(format, 502, Some("UnhandledInvocationError"), h, body, reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HttpRequest;

    fn event(format: Format, method: &str, url: &str, body: Vec<u8>) -> Vec<u8> {
        let req = HttpRequest { method: method.into(), url: url.into(), body, ..Default::default() };
        crate::event_from_request(req, format).unwrap().output.to_json_string().into_bytes()
    }

    #[test]
    fn fc_refuses_unlisted_methods_with_403_and_oversized_paths_with_400() {
        let get = ["GET".to_string()];
        let e = event(Format::AliyunHttp, "OPTIONS", "/", Vec::new());
        let r = refusal(&e, Format::AliyunHttp, "OPTIONS", Some(&get), false).unwrap();
        assert_eq!(r.status, 403);
        assert_eq!(r.headers.get("x-fc-error-type"), Some("FcCommonError"));
        assert!(refusal(&event(Format::AliyunHttp, "GET", "/", Vec::new()), Format::AliyunHttp, "get", Some(&get), false).is_none());
        let signed = refusal(&event(Format::AliyunHttp, "GET", "/", Vec::new()), Format::AliyunHttp, "GET", None, true).unwrap();
        assert_eq!((signed.status, signed.gateway_error.unwrap().code), (400, Some("MissingRequiredHeader")));
        let req = HttpRequest { url: "/".into(), headers: vec![("Authorization".into(), "FC k:s".into()), ("Date".into(), "x".into())], ..Default::default() };
        let with = crate::event_from_request(req, Format::AliyunHttp).unwrap().output.to_json_string();
        assert!(refusal(with.as_bytes(), Format::AliyunHttp, "GET", None, true).is_none());
        let long = format!("/{}", "a".repeat(5000));
        let r = refusal(&event(Format::AliyunHttp, "GET", &long, Vec::new()), Format::AliyunHttp, "GET", None, false).unwrap();
        assert_eq!((r.status, r.gateway_error.unwrap().code), (400, Some("InvalidArgument")));
    }

    #[test]
    fn tencent_refuses_events_over_6_mb_and_unmatched_methods() {
        let big = event(Format::TencentApigw, "POST", "/", vec![b'a'; SCF_SYNC_LIMIT]);
        assert_eq!(refusal(&big, Format::TencentApigw, "POST", None, false).unwrap().status, 406);
        let small = event(Format::TencentApigw, "PUT", "/", Vec::new());
        assert_eq!(refusal(&small, Format::TencentApigw, "PUT", Some(&["GET".to_string()]), false).unwrap().status, 404);
        assert!(refusal(&small, Format::TencentUrl, "PUT", Some(&["GET".to_string()]), false).is_none());
    }

    #[test]
    fn routes_follow_the_documented_priority() {
        let api = |path: &str, methods: Option<&[&str]>| Api { path: path.into(), methods: methods.map(|m| m.iter().map(|x| x.to_string()).collect()) };
        let apis =
            [api("/", Some(&["GET"])), api("/items", Some(&["POST"])), api("/items/{id}", None), api("=/items/special", None), api("/items/long/prefix", None)];
        let hit = |path: &str, method: &str| route(Format::TencentApigw, path, method, &apis);
        assert_eq!(hit("/anything", "GET").unwrap().index, 0);
        assert_eq!(hit("/items", "POST").unwrap().index, 1);
        let r = hit("/items/42", "DELETE").unwrap();
        assert_eq!((r.index, r.template.as_str(), r.parameters.clone()), (2, "/items/{id}", vec![("id".to_string(), "42".to_string())]));
        assert_eq!(hit("/items/special", "GET").unwrap().index, 3);
        assert_eq!(hit("/items/long/prefix/x", "GET").unwrap().index, 4);
        let miss = hit("/items", "PUT").unwrap_err();
        assert_eq!(miss.status, 404);
        assert!(miss.body_text().unwrap().contains("There is no api match uri"));
        let event = event(Format::TencentApigw, "GET", "/items/42", Vec::new());
        let routed = routed_event(&event, Format::TencentApigw, &hit("/items/42", "GET").unwrap()).unwrap();
        assert_eq!(routed["requestContext"]["path"], "/items/{id}");
        assert_eq!(routed["pathParameters"]["id"], "42");
    }

    #[test]
    fn failures_answer_as_each_platform() {
        let thrown = Failure::from_json(br#"{"kind":"error","errorType":"TypeError","errorMessage":"boom","stackTrace":["at x"]}"#).unwrap();
        let fc = failure(Format::AliyunHttp, &thrown);
        assert_eq!(fc.status, 502);
        let body = json::parse(&fc.body).unwrap();
        assert_eq!((body["errorType"].as_str(), body["errorMessage"].as_str()), (Some("TypeError"), Some("boom")));
        assert_eq!(failure(Format::TencentApigw, &thrown).status, 430);
        let timeout = Failure::from_json(br#"{"kind":"timeout","timeoutMs":3000}"#).unwrap();
        assert_eq!(failure(Format::TencentUrl, &timeout).status, 433);
        assert_eq!(json::parse(&failure(Format::AliyunHttp, &timeout).body).unwrap()["errorMessage"], "Function timed out after 3 seconds");
        assert_eq!(failure(Format::AliyunApigw, &timeout).status, 502);
        let large = Failure::ResponseTooLarge { size: SCF_SYNC_LIMIT + 1 };
        assert_eq!(failure(Format::TencentApigw, &large).status, 407);
        assert!(response_too_large(Format::TencentApigw, SCF_SYNC_LIMIT + 1) && !response_too_large(Format::AliyunHttp, usize::MAX));
        assert_eq!(Failure::from_json(br#"{"kind":"nap"}"#).unwrap_err().path, "/kind");
    }
}
