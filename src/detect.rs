//! Format detection by explicit, ordered probes on discriminating keys. The first probe that matches wins;
//! when none does, the error names the keys it saw and every probe it tried.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{Map, Value};

type Probe = (Format, &'static str, fn(&Map) -> bool);

/// The probes in order: the most specific shapes first.
const PROBES: [Probe; 13] = [
    (Format::AliyunTimer, "`triggerTime` and `triggerName`", |m| m.contains_key("triggerTime") && m.contains_key("triggerName")),
    (Format::TencentTimer, "`Type: \"Timer\"`, or `TriggerName` and `Time`", |m| {
        m.get("Type").and_then(Value::as_str).is_some_and(|t| t.eq_ignore_ascii_case("timer")) || (m.contains_key("TriggerName") && m.contains_key("Time"))
    }),
    // Object-storage events: a list of records whose first names its service.
    (Format::AliyunOss, "`events` whose first item has `oss` or `eventSource: \"acs:oss\"`", |m| {
        first_record(m, "events").is_some_and(|r| r.get("oss").is_some_and(Value::is_object) || r.get("eventSource").and_then(Value::as_str) == Some("acs:oss"))
    }),
    (Format::TencentCos, "`Records` whose first item has `cos` or `event.eventSource: \"qcs::cos\"`", |m| {
        first_record(m, "Records").is_some_and(|r| {
            r.get("cos").is_some_and(Value::is_object) || r.get("event").and_then(|e| e.get("eventSource")).and_then(Value::as_str) == Some("qcs::cos")
        })
    }),
    // Message-queue events: MNS's JSON notify format names its topic and message; SCF's records name
    // their service; EventBridge CloudEvents name their type.
    (Format::AliyunMns, "`Message` with `TopicName` or `MessageId`", is_mns),
    (Format::TencentCmq, "`Records` whose first item has `CMQ`", |m| first_record(m, "Records").is_some_and(|r| r.get("CMQ").is_some_and(Value::is_object))),
    (Format::TencentCkafka, "`Records` whose first item has `Ckafka`", |m| {
        first_record(m, "Records").is_some_and(|r| r.get("Ckafka").is_some_and(Value::is_object))
    }),
    (Format::AliyunKafka, "a CloudEvent (or an array of them) of `type: \"alikafka:Topic:Message\"`", |m| cloud_event_type(m) == Some(Format::AliyunKafka)),
    (Format::AliyunRocketmq, "a CloudEvent (or an array of them) of `type: \"mq:Topic:SendMessage\"`", |m| cloud_event_type(m) == Some(Format::AliyunRocketmq)),
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

/// Whether an object is an MNS topic notification in the JSON notify format.
fn is_mns(m: &Map) -> bool {
    m.contains_key("Message") && (m.contains_key("TopicName") || m.contains_key("MessageId"))
}

/// The message format an EventBridge CloudEvent's `type` (or, for Kafka, `source`) names.
fn cloud_event_type(m: &Map) -> Option<Format> {
    let kind = m.get("type").and_then(Value::as_str).unwrap_or_default();
    if !m.contains_key("data") {
        return None;
    }
    if kind.starts_with("alikafka:") || m.get("source").and_then(Value::as_str) == Some("acs:alikafka") {
        Some(Format::AliyunKafka)
    } else if kind.starts_with("mq:Topic:") {
        Some(Format::AliyunRocketmq)
    } else {
        None
    }
}

/// The format of an array event: FC's Kafka and RocketMQ triggers deliver a batch as an array of
/// CloudEvents, each an object or (older Kafka deliveries) a JSON string holding one; an array of MNS
/// notifications is what this library writes for several messages into `aliyun-mns`.
fn detect_array(items: &[Value]) -> Option<Format> {
    match items.first()? {
        Value::Object(m) if is_mns(m) => Some(Format::AliyunMns),
        Value::Object(m) => cloud_event_type(m),
        Value::String(text) => match crate::json::parse(text.as_bytes()).ok()? {
            Value::Object(m) => cloud_event_type(&m),
            _ => None,
        },
        _ => None,
    }
}

/// The first item of the array `key`, when it is an object.
fn first_record<'a>(m: &'a Map, key: &str) -> Option<&'a Map> {
    m.get(key).and_then(Value::as_array).and_then(|items| items.first()).and_then(Value::as_object)
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
    if let Some(format) = value.as_array().and_then(|items| detect_array(items)) {
        return Ok(format);
    }
    let Some(map) = value.as_object() else {
        return Err(Error::new(
            ErrorCode::UnknownFormat,
            format!("an event is a JSON object (or an array of Kafka or RocketMQ CloudEvents), saw {}", crate::json::type_name(value)),
        ));
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
            (json!({"events": [{"eventSource": "acs:oss", "oss": {}}]}), Format::AliyunOss),
            (json!({"Records": [{"cos": {}, "event": {"eventSource": "qcs::cos"}}]}), Format::TencentCos),
            (json!({"TopicName": "t", "Message": "m"}), Format::AliyunMns),
            (json!({"Records": [{"CMQ": {"msgBody": "m"}}]}), Format::TencentCmq),
            (json!({"Records": [{"Ckafka": {"msgBody": "m"}}]}), Format::TencentCkafka),
            (json!([{"type": "alikafka:Topic:Message", "data": {}}]), Format::AliyunKafka),
            (json!(["{\"source\":\"acs:alikafka\",\"data\":{}}"]), Format::AliyunKafka),
            (json!({"type": "mq:Topic:SendMessage", "data": {}}), Format::AliyunRocketmq),
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
