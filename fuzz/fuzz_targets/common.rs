//! What several fuzz targets check (included with `#[path]`; not a target itself).

use trigger_bridge::json::Value;
use trigger_bridge::validate::header_problem;
use trigger_bridge::Format;

/// The HTTP formats.
#[allow(dead_code)]
pub const HTTP: [Format; 4] = [Format::AliyunApigw, Format::AliyunHttp, Format::TencentApigw, Format::TencentUrl];

/// Every header field of an output (`headers` and `multiValueHeaders`, string or array values) is one that
/// validation accepts.
pub fn assert_headers_safe(output: &Value) {
    for key in ["headers", "multiValueHeaders"] {
        let Some(map) = output.get(key).and_then(Value::as_object) else { continue };
        for (name, value) in map {
            let values: Vec<&str> = match value {
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                v => v.as_str().into_iter().collect(),
            };
            for v in values {
                assert_eq!(header_problem(name, v), None, "unsafe header {name:?}: {v:?} in the output");
            }
        }
    }
}
