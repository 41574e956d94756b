//! Format detection by explicit, ordered probes on discriminating keys. The first probe that matches wins;
//! when none does, the error names the keys it saw and every probe it tried.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{Map, Value};

type Probe = (Format, &'static str, fn(&Map) -> bool);

/// The probes in order: the most specific shapes first.
const PROBES: [Probe; 6] = [
    (Format::AliyunTimer, "`triggerTime` and `triggerName`", |m| m.contains_key("triggerTime") && m.contains_key("triggerName")),
    (Format::TencentTimer, "`Type: \"Timer\"`, or `TriggerName` and `Time`", |m| {
        m.get("Type").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("timer")) || (m.contains_key("TriggerName") && m.contains_key("Time"))
    }),
    (Format::AliyunHttp, "`requestContext.http`, or `rawPath` and `version`", |m| {
        context(m).is_some_and(|c| c.get("http").is_some_and(Value::is_object)) || (m.contains_key("rawPath") && m.contains_key("version"))
    }),
    // The gateway's request context names the service, or the API's method and path template; a Function
    // URL's carries at most `sourceIp`.
    (Format::TencentApigw, "`httpMethod`, `path` and `requestContext.serviceId`, or `queryString` and `requestContext.stage|identity|httpMethod|path`", |m| {
        http_like(m)
            && context(m).is_some_and(|c| {
                c.contains_key("serviceId") || (m.contains_key("queryString") && ["stage", "identity", "httpMethod", "path"].iter().any(|k| c.contains_key(k)))
            })
    }),
    (Format::TencentUrl, "`httpMethod`, `path` and `queryString` (no `queryParameters`)", |m| {
        http_like(m) && !m.contains_key("queryParameters") && (m.contains_key("queryString") || headers_have_scf(m))
    }),
    (Format::AliyunApigw, "`httpMethod` and `path` (with `queryParameters`, `pathParameters` or `headers`)", |m| {
        http_like(m) && ["queryParameters", "pathParameters", "headers"].iter().any(|k| m.contains_key(k))
    }),
];

/// AWS Lambda's API Gateway events look much like these formats; they are recognised so that they are
/// refused with a clear message instead of being read as an Alibaba or Tencent event.
fn looks_like_aws(m: &Map) -> bool {
    let version = m.get("version").and_then(Value::as_str);
    m.contains_key("routeKey")
        || matches!(version, Some("1.0" | "2.0"))
        || m.contains_key("multiValueHeaders")
        || m.contains_key("multiValueQueryStringParameters")
        || (m.contains_key("resource") && context(m).is_some_and(|c| c.contains_key("resourceId") || c.contains_key("apiId")))
}

fn context(m: &Map) -> Option<&Map> {
    m.get("requestContext").and_then(Value::as_object)
}

fn http_like(m: &Map) -> bool {
    m.contains_key("path") && (m.contains_key("httpMethod") || context(m).is_some_and(|c| c.contains_key("httpMethod")))
}

fn headers_have_scf(m: &Map) -> bool {
    m.get("headers").and_then(Value::as_object).is_some_and(|h| h.keys().any(|k| k.to_ascii_lowercase().starts_with("x-scf-")))
}

/// Detect the format of a parsed event.
///
/// # Errors
/// `unknown-format` naming the keys seen and the probes tried (and a hint when the input looks like a
/// function result rather than an event).
pub fn detect_value(value: &Value) -> Result<Format> {
    let Some(map) = value.as_object() else {
        return Err(Error::new(ErrorCode::UnknownFormat, format!("an event is a JSON object, saw {}", crate::json::type_name(value))));
    };
    if looks_like_aws(map) {
        return Err(Error::new(
            ErrorCode::UnknownFormat,
            "this looks like an AWS Lambda API Gateway event (`routeKey`, `version` 1.0/2.0, `multiValueHeaders` or `resource`), which trigger-bridge does not read",
        ));
    }
    if let Some((format, _, _)) = PROBES.iter().find(|(_, _, probe)| probe(map)) {
        return Ok(*format);
    }
    let keys: Vec<&str> = map.keys().map(String::as_str).take(20).collect();
    let tried: Vec<String> = PROBES.iter().map(|(f, what, _)| format!("{f} ({what})")).collect();
    let hint = if map.contains_key("statusCode") { "; it looks like a function result: validate it as a response with an explicit format" } else { "" };
    Err(Error::new(ErrorCode::UnknownFormat, format!("expected one of {}; saw keys [{}]{hint}", tried.join(", "), keys.join(", "))))
}

/// Parse bytes and detect the event format.
///
/// # Errors
/// `invalid-json`, `too-deep`, `unknown-format`.
pub fn detect(input: &[u8]) -> Result<Format> {
    detect_value(&crate::json::parse(input)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_pick_the_right_format() {
        let cases = [
            (json!({"triggerTime": "x", "triggerName": "t", "payload": ""}), Format::AliyunTimer),
            (json!({"Type": "Timer", "TriggerName": "t", "Time": "x", "Message": ""}), Format::TencentTimer),
            (json!({"version": "v1", "rawPath": "/", "requestContext": {"http": {"method": "GET"}}}), Format::AliyunHttp),
            (json!({"httpMethod": "GET", "path": "/", "requestContext": {"serviceId": "s"}, "queryString": {}}), Format::TencentApigw),
            (json!({"httpMethod": "GET", "path": "/", "queryString": {}, "requestContext": {"sourceIp": "1.2.3.4"}}), Format::TencentUrl),
            (json!({"httpMethod": "GET", "path": "/", "queryParameters": {}}), Format::AliyunApigw),
        ];
        for (value, format) in cases {
            assert_eq!(detect_value(&value).unwrap(), format, "{value}");
        }
    }

    #[test]
    fn aws_events_are_refused_not_misread() {
        let rest = json!({"resource": "/{proxy+}", "path": "/a", "httpMethod": "GET", "headers": {}, "multiValueHeaders": {},
            "requestContext": {"stage": "prod", "identity": {}, "resourceId": "x"}});
        let http_api = json!({"version": "2.0", "routeKey": "$default", "rawPath": "/a", "requestContext": {"http": {"method": "GET"}}});
        for event in [rest, http_api] {
            let err = detect_value(&event).unwrap_err();
            assert_eq!(err.code, ErrorCode::UnknownFormat);
            assert!(err.message.contains("AWS Lambda"), "{}", err.message);
        }
    }

    #[test]
    fn unknown_input_names_keys_and_probes() {
        let err = detect_value(&json!({"foo": 1, "statusCode": 200})).unwrap_err();
        assert_eq!(err.code, ErrorCode::UnknownFormat);
        assert!(err.message.contains("saw keys [foo, statusCode]"), "{}", err.message);
        assert!(err.message.contains("aliyun-apigw"));
        assert!(err.message.contains("function result"));
    }
}
