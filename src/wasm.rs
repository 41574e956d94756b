//! The only binding layer: JS values in, one core call, JS values out. Compiled for wasm32 only.
//!
//! Payloads cross as bytes (copied once into wasm memory) and results as JSON text (conversions hand it to
//! a JS sink in pieces) that the JS wrapper turns into plain objects with `JSON.parse`: no `Map`s,
//! `__proto__` keys stay own data, and the parser's nesting limit applies to everything untrusted. Errors are real JS `Error`s carrying
//! `code`, `path` and `format`; the wrapper re-raises them as its `TriggerBridgeError` subclass.
//!
//! Two modules are built from this file. The features `wasm-core` (events and responses: what a function
//! handler needs) and `wasm-tools` (cron, timer configurations and the CLI) choose the exports, and the
//! linker keeps only the code they reach, so a handler loads and compiles the small core module and the
//! tools module is fetched only when cron or the CLI is used.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::json::ToJson;

/// Build the JS error for a core error: `name`, `message`, `code`, `path`, `format`.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("TriggerBridgeError");
    let _ = Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let _ = Reflect::set(&err, &"path".into(), &e.path.as_str().into());
    let _ = Reflect::set(&err, &"format".into(), &e.format.map_or(JsValue::NULL, |f| f.id().into()));
    err.into()
}

/// The heap allocator of the core module: Talc rather than Rust's default dlmalloc, 1.9 KB less brotli in the
/// core module and as fast on a 2 KB conversion with the inlining threshold of scripts/build-wasm.sh
/// (issue 14, bench/quick.mjs), behind a per-call bump region (`crate::arena`). The tools module, whose
/// size matters less, keeps dlmalloc.
#[cfg(feature = "wasm-core")]
#[global_allocator]
static ALLOCATOR: crate::arena::Arena<talc::wasm::WasmDynamicTalc> = crate::arena::Arena::new(talc::wasm::new_wasm_dynamic_allocator());

/// Allocate from the per-call region until the returned guard is dropped: only in calls whose results
/// leave as JS values before it is (see `crate::arena`).
#[cfg(feature = "wasm-core")]
fn arena_scope() -> crate::arena::Scope<talc::wasm::WasmDynamicTalc> {
    crate::arena::Scope::open(&ALLOCATOR)
}

/// Run `f` with the per-call region off: for code that may keep allocations beyond the call (see
/// `crate::arena::Pause`).
#[cfg(feature = "wasm-core")]
fn without_arena<T>(f: impl FnOnce() -> T) -> T {
    let _pause = crate::arena::Pause::open(&ALLOCATOR);
    f()
}

type JsResult<T> = Result<T, JsValue>;

fn json<T: ToJson>(value: &T) -> String {
    value.to_json().to_json_string()
}

/// Hand the compact JSON text of `value` to the JS function `sink` in pieces (one for a small result):
/// a large result never exists as one string in wasm memory, only in the JS heap, once.
fn send(value: &crate::json::Value, sink: &js_sys::Function) -> JsResult<()> {
    let mut failed = None;
    crate::json::write_chunked(value, &mut |piece| {
        if failed.is_none() {
            failed = sink.call1(&JsValue::NULL, &JsValue::from_str(piece)).err();
        }
    });
    failed.map_or(Ok(()), Err)
}

#[cfg(feature = "wasm-core")]
mod core_exports {
    use wasm_bindgen::prelude::*;

    use super::{js_error, json, send, JsResult};
    use crate::format::Format;
    use crate::json::{self, Value};

    fn format(id: &str) -> JsResult<Format> {
        id.parse().map_err(|e| js_error(&e))
    }

    fn opt_format(id: Option<String>) -> JsResult<Option<Format>> {
        id.as_deref().map(format).transpose()
    }

    /// Detect the format of an event (JSON bytes). Returns the format id.
    #[wasm_bindgen(js_name = detect)]
    pub fn detect(input: &[u8]) -> JsResult<String> {
        crate::detect(input).map(|f| f.id().to_string()).map_err(|e| js_error(&e))
    }

    /// Bodies at least this long (bytes of text) go to the body sink apart from the JSON text.
    const BODY_APART: usize = 1024;

    /// When `body_sink` is given and the conversion's `<key>.body` is a long string, hand it to
    /// `body_sink` as its own JS string and leave `null` in its place: the JS side puts it back after
    /// `JSON.parse`, so a 32 MB body is never also 32 MB inside a JSON text, a joined copy and a parse.
    fn send_body_apart(json: &mut Value, key: &str, body_sink: Option<&js_sys::Function>) -> JsResult<()> {
        let Some(body_sink) = body_sink else { return Ok(()) };
        let Value::Object(top) = json else { return Ok(()) };
        let Some(Value::Object(payload)) = top.get_mut(key) else { return Ok(()) };
        let Some(body @ Value::String(_)) = payload.get_mut("body") else { return Ok(()) };
        if body.as_str().map_or(0, str::len) < BODY_APART {
            return Ok(());
        }
        if let Value::String(text) = body.take() {
            body_sink.call1(&JsValue::NULL, &JsValue::from_str(&text))?;
        }
        Ok(())
    }

    /// Convert an event; hands the JSON text of `{from, to, event, losses}` to `sink` (see `send`), and a
    /// long body apart to `body_sink` when given (see `send_body_apart`).
    #[wasm_bindgen(js_name = convertEvent)]
    pub fn convert_event(input: Vec<u8>, to: &str, from: Option<String>, sink: &js_sys::Function, body_sink: Option<js_sys::Function>) -> JsResult<()> {
        let _arena = super::arena_scope();
        let (from, to) = (opt_format(from)?, format(to)?);
        // The input buffer becomes the parsed body (json::parse_owned), so it is held once.
        let value = json::parse_owned(input).map_err(|e| js_error(&e))?;
        let conversion = crate::convert_event_value(value, from, to).map_err(|e| js_error(&e))?;
        let mut json = conversion.into_json();
        send_body_apart(&mut json, "event", body_sink.as_ref())?;
        send(&json, sink)
    }

    /// Convert a function result; hands the JSON text of `{from, to, response, losses}` to `sink`, and a
    /// long body apart to `body_sink` when given.
    #[wasm_bindgen(js_name = convertResponse)]
    pub fn convert_response(input: Vec<u8>, from: &str, to: &str, sink: &js_sys::Function, body_sink: Option<js_sys::Function>) -> JsResult<()> {
        let _arena = super::arena_scope();
        let (from, to) = (format(from)?, format(to)?);
        let value = json::parse_owned(input).map_err(|e| js_error(&e))?;
        let conversion = crate::convert_response_value(value, from, to).map_err(|e| js_error(&e))?;
        let mut json = conversion.into_json();
        send_body_apart(&mut json, "response", body_sink.as_ref())?;
        send(&json, sink)
    }

    /// Internal: traps on purpose, so that tests can prove the wrapper recovers from a trapped instance.
    #[wasm_bindgen(js_name = __trap)]
    pub fn trap() {
        core::arch::wasm32::unreachable()
    }

    /// Validate an event; returns the JSON text of `{format, diagnostics}`.
    #[wasm_bindgen(js_name = validateEvent)]
    pub fn validate_event(input: &[u8], format_id: Option<String>) -> JsResult<String> {
        Ok(json(&crate::validate_event(input, opt_format(format_id)?)))
    }

    /// Validate a function result; returns the JSON text of `{format, diagnostics}`.
    #[wasm_bindgen(js_name = validateResponse)]
    pub fn validate_response(input: &[u8], format_id: &str) -> JsResult<String> {
        Ok(json(&crate::validate_response(input, format(format_id)?)))
    }

    /// What the caller receives; returns the JSON text of a `ClientResponse`. Without `body_sink` the body
    /// is base64 in the text; with it, the bytes go to `body_sink` as a `Uint8Array` and the text has
    /// `"body": null` (a 32 MB body is then never 43 MB of base64 text plus its decoding).
    #[wasm_bindgen(js_name = clientResponse)]
    pub fn client_response(input: Vec<u8>, format_id: &str, body_sink: Option<js_sys::Function>) -> JsResult<String> {
        let response = crate::client::client_response_owned(input, format(format_id)?);
        match body_sink {
            None => Ok(json(&response)),
            Some(sink) => {
                sink.call1(&JsValue::NULL, &js_sys::Uint8Array::from(response.body.as_slice()))?;
                Ok(response.to_json_with_body(Value::Null).to_json_string())
            }
        }
    }

    // ---- Request and response parts (src/parts.rs, issue 11): typed values through their serde derives and
    // serde-wasm-bindgen, bodies as Uint8Array both ways (serde_bytes); no JSON text and no base64 of a body
    // on this path. Only `Serialize` crosses out and only `Deserialize` of the two flat input types comes in,
    // which keeps the serde code the core module carries small (measured in docs/performance.md). JSON
    // objects (the integration response, losses, diagnostics) cross as JS `Map`s, which the wrapper turns
    // into plain objects with `Object.fromEntries`: an indexing setter would make a `__proto__` header
    // change the object's prototype instead of being a key. ----

    use crate::parts::{BodyEncoding, ResponseParts};

    /// Through serde-wasm-bindgen, with the per-call region off: it caches field names' JS strings for good.
    fn to_js<T: serde::Serialize>(value: &T) -> JsResult<JsValue> {
        super::without_arena(|| value.serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true)).map_err(JsValue::from))
    }

    /// The request an app sees for an event (JSON bytes): `{format, method, url, headers: "name\nvalue\n…",
    /// body: Uint8Array, clientIp, requestId, stage, pathParameters: [[name, value]], pathTemplate, time,
    /// losses}` (absent values are `null`; each loss a `Map`). With `fetch`, a GET or HEAD body is
    /// dropped with a `body-dropped` loss.
    #[wasm_bindgen(js_name = requestParts)]
    pub fn request_parts(input: Vec<u8>, from: Option<String>, fetch: bool) -> JsResult<JsValue> {
        let _arena = super::arena_scope();
        let from = opt_format(from)?;
        let value = json::parse_owned(input).map_err(|e| js_error(&e))?;
        let parts = crate::parts::request_parts_value(value, from, fetch).map_err(|e| js_error(&e))?;
        to_js(&parts)
    }

    /// The integration response of `format` for an app's response: `status`, `headers` as one flat list
    /// `[name, value, name, value, …]`, the body bytes, and `base64` and `binary_types` as in
    /// `BodyEncoding`. Returns `{format, response, losses, diagnostics, gatewayError}` (JSON objects as
    /// `Map`s). The inputs are wasm-bindgen's own typed parameters rather than a deserialized object: serde's
    /// deserializer errors format floats, and float formatting and parsing measured 28 KB of brotli together.
    #[wasm_bindgen(js_name = integrationResponse)]
    pub fn integration_response(
        status: u16,
        headers: Vec<String>,
        body: Vec<u8>,
        format_id: &str,
        base64: Option<bool>,
        binary_types: Vec<String>,
    ) -> JsResult<JsValue> {
        let _arena = super::arena_scope();
        let format = format(format_id)?;
        let mut pairs = Vec::with_capacity(headers.len() / 2);
        let mut fields = headers.into_iter();
        while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
            pairs.push((name, value));
        }
        let parts = ResponseParts { status, headers: pairs, body };
        let out = crate::parts::integration_response(parts, format, &BodyEncoding { base64, binary_types }).map_err(|e| js_error(&e))?;
        to_js(&out)
    }
}

#[cfg(feature = "wasm-tools")]
pub(crate) mod tool_exports {
    use std::cell::RefCell;

    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{js_error, json, JsResult};
    use crate::cron::{self, Dialect, Zone};

    fn opt_format(id: Option<String>) -> JsResult<Option<crate::format::Format>> {
        id.as_deref().map(str::parse).transpose().map_err(|e| js_error(&e))
    }

    /// Build an event from the JSON text of a plain request `{method, url, headers: [[name, value]],
    /// clientIp, requestId, time}` (the wrapper writes exactly these fields) and body bytes; hands the JSON
    /// text of the conversion to `sink`. In the tools module: a local gateway or a test builds events, a
    /// handler receives them.
    #[wasm_bindgen(js_name = eventFromRequest)]
    pub fn event_from_request(request: &[u8], body: Vec<u8>, to: &str, sink: &js_sys::Function) -> JsResult<()> {
        let to: crate::format::Format = to.parse().map_err(|e| js_error(&e))?;
        let mut request = crate::json::parse(request).and_then(crate::HttpRequest::from_json).map_err(|e| js_error(&e))?;
        request.body = body;
        let conversion = crate::event_from_request(request, to).map_err(|e| js_error(&e))?;
        super::send(&conversion.into_json(), sink)
    }

    /// Convert an event into an object-storage format (`aliyun-oss`, `tencent-cos`), which the core module
    /// leaves out for its size; returns the JSON text of `{from, to, event, losses}`.
    #[wasm_bindgen(js_name = convertObjectEvent)]
    pub fn convert_object_event(input: &[u8], to: &str, from: Option<String>) -> JsResult<String> {
        let to = to.parse().map_err(|e| js_error(&e))?;
        crate::convert_event(input, opt_format(from)?, to).map(|c| json(&c)).map_err(|e| js_error(&e))
    }

    /// Validate an event, object-storage formats included; returns the JSON text of the report.
    #[wasm_bindgen(js_name = validateObjectEvent)]
    pub fn validate_object_event(input: &[u8], format_id: Option<String>) -> JsResult<String> {
        Ok(json(&crate::validate_event(input, opt_format(format_id)?)))
    }

    /// Convert an event into a message-queue format (`aliyun-mns`, `tencent-cmq`, `aliyun-kafka`,
    /// `tencent-ckafka`, `aliyun-rocketmq`), which the core module leaves out for its size; returns the
    /// JSON text of `{from, to, event, losses}`.
    #[wasm_bindgen(js_name = convertMessageEvent)]
    pub fn convert_message_event(input: &[u8], to: &str, from: Option<String>) -> JsResult<String> {
        let to = to.parse().map_err(|e| js_error(&e))?;
        crate::convert_event(input, opt_format(from)?, to).map(|c| json(&c)).map_err(|e| js_error(&e))
    }

    /// Validate an event, message-queue formats included; returns the JSON text of the report.
    #[wasm_bindgen(js_name = validateMessageEvent)]
    pub fn validate_message_event(input: &[u8], format_id: Option<String>) -> JsResult<String> {
        Ok(json(&crate::validate_event(input, opt_format(format_id)?)))
    }

    /// Build the object-storage event `to` delivers for a description (the JSON text of
    /// [`crate::objects::ObjectSpec::from_json`]), the time defaulting to `Date.now()`; returns the JSON
    /// text of `{from: null, to, event, losses}`.
    #[wasm_bindgen(js_name = eventFromObject)]
    pub fn event_from_object(description: &[u8], to: &str) -> JsResult<String> {
        let to = to.parse().map_err(|e| js_error(&e))?;
        let spec = crate::json::parse(description).and_then(crate::objects::ObjectSpec::from_json).map_err(|e| js_error(&e))?;
        crate::objects::event_from_spec(spec, to, now()).map(|c| json(&c)).map_err(|e| js_error(&e))
    }

    /// Build the message-queue event `to` delivers for a description (the JSON text of
    /// [`crate::messages::MessageSpec::from_json`]), the time defaulting to `Date.now()`; returns the JSON
    /// text of `{from: null, to, event, losses}`.
    #[wasm_bindgen(js_name = eventFromMessage)]
    pub fn event_from_message(description: &[u8], to: &str) -> JsResult<String> {
        let to = to.parse().map_err(|e| js_error(&e))?;
        let spec = crate::json::parse(description).and_then(crate::messages::MessageSpec::from_json).map_err(|e| js_error(&e))?;
        crate::messages::event_from_spec(spec, to, js_sys::Date::now() as i64).map(|c| json(&c)).map_err(|e| js_error(&e))
    }

    /// The current time in Unix seconds, from `Date.now()` (for [`crate::time::now`]).
    pub(crate) fn now() -> i64 {
        (js_sys::Date::now() / 1000.0).floor() as i64
    }

    /// A zone's formatter: the host's bound `format` function, and where year, month, day, hour, minute
    /// and second come among the numbers it prints (learnt once from `formatToParts`).
    #[derive(Clone)]
    struct ZoneFormat {
        zone: String,
        canonical: String,
        format: js_sys::Function,
        order: [usize; 6],
    }

    thread_local! {
        /// One formatter per zone used, newest last: building one costs far more than using it.
        static FORMATS: RefCell<Vec<ZoneFormat>> = const { RefCell::new(Vec::new()) };
    }

    /// At most this many zones keep a formatter.
    const FORMATS_KEPT: usize = 16;

    const FIELDS: [&str; 6] = ["year", "month", "day", "hour", "minute", "second"];

    /// Answer from the formatter of `zone`, building it on first use.
    fn with_format<T>(zone: &str, f: impl Fn(&ZoneFormat) -> Option<T>) -> Option<T> {
        match FORMATS.with(|formats| formats.borrow().iter().rev().find(|z| z.zone == zone).map(&f)) {
            Some(answer) => answer,
            None => f(&new_format(zone)?),
        }
    }

    /// The host's `Intl.DateTimeFormat` for `zone` (numeric Gregorian fields, 24-hour clock, Latin
    /// digits), kept for the next calls. `None` when the host does not know the zone (its constructor
    /// throws a `RangeError`, caught here through `Reflect.construct` rather than thrown through wasm).
    fn new_format(zone: &str) -> Option<ZoneFormat> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
        let options = Object::new();
        for (key, value) in [("timeZone", zone), ("calendar", "gregory"), ("numberingSystem", "latn"), ("hourCycle", "h23")] {
            Reflect::set(&options, &key.into(), &value.into()).ok()?;
        }
        for key in FIELDS {
            Reflect::set(&options, &key.into(), &"numeric".into()).ok()?;
        }
        let dtf: js_sys::Intl::DateTimeFormat = Reflect::construct(&constructor, &Array::of2(&"en-US".into(), &options)).ok()?.unchecked_into();
        // The order of the numeric fields in the formatted text (month/day/year for en-US).
        let mut order = [usize::MAX; 6];
        let mut position = 0;
        for part in dtf.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(0.0))).iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            if let Some(field) = FIELDS.iter().position(|k| *k == kind) {
                *order.get_mut(field)? = position;
                position += 1;
            }
        }
        if position != 6 || order.contains(&usize::MAX) {
            return None;
        }
        let canonical = Reflect::get(&dtf.resolved_options(), &"timeZone".into()).ok()?.as_string()?;
        let found = ZoneFormat { zone: zone.to_string(), canonical, format: dtf.format(), order };
        FORMATS.with(|f| {
            let mut f = f.borrow_mut();
            if f.len() >= FORMATS_KEPT {
                f.remove(0);
            }
            f.push(found.clone());
        });
        Some(found)
    }

    /// The host's canonical spelling of a zone name, or `None` when the host's `Intl` does not know it.
    pub(crate) fn intl_zone(name: &str) -> Option<String> {
        let resolved = with_format(name, |f| Some(f.canonical.clone()))?;
        // Keep the caller's name when the host answers with another alias of the same zone
        // (`Asia/Kolkata` is `Asia/Calcutta` in older ICU); take the host's casing otherwise.
        Some(if resolved.eq_ignore_ascii_case(name) { resolved } else { name.to_string() })
    }

    /// The UTC offset of `zone` at Unix second `t`, in seconds east of UTC: the wall-clock fields the
    /// host's `Intl` prints for that instant, read as UTC, minus the instant. One call and one string per
    /// offset (`formatToParts` costs several times more).
    pub(crate) fn intl_offset(zone: &str, t: i64) -> Option<i64> {
        // From year 1 on: the era-less fields below cannot say "BC".
        let t = t.max(-62_135_596_800);
        let (text, order) = with_format(zone, |f| Some((f.format.call1(&JsValue::NULL, &JsValue::from_f64(t as f64 * 1000.0)).ok()?.as_string()?, f.order)))?;
        let mut numbers = [0i64; 6];
        let mut count = 0;
        for run in text.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty()) {
            *numbers.get_mut(count)? = run.parse().ok()?;
            count += 1;
        }
        if count != 6 {
            return None;
        }
        let field = |i: usize| order.get(i).and_then(|p| numbers.get(*p)).copied();
        let (year, month, day) = (field(0)?, field(1)?, field(2)?);
        let (hour, minute, second) = (field(3)?, field(4)?, field(5)?);
        let month = u32::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        let day = u32::try_from(day).ok().filter(|d| (1..=31).contains(d))?;
        // Some engines print midnight as 24 even with `h23`.
        let local = crate::time::days_from_civil(year, month, day) * 86_400 + (hour % 24) * 3600 + minute * 60 + second;
        Some(local - t)
    }

    fn dialect(id: &str) -> JsResult<Dialect> {
        Dialect::parse(id).map_err(|e| js_error(&e))
    }

    fn zone(name: Option<String>) -> JsResult<Option<Zone>> {
        name.as_deref().map(Zone::parse).transpose().map_err(|e| js_error(&e))
    }

    /// Translate a cron expression; returns the JSON text of `{expression, fromZone, toZone, losses}`.
    /// `after_ms` (Unix milliseconds, default now) starts the year checked for daylight-saving changes.
    #[wasm_bindgen(js_name = cronConvert)]
    pub fn cron_convert(expression: &str, from: &str, to: &str, from_tz: Option<String>, to_tz: Option<String>, after_ms: Option<f64>) -> JsResult<String> {
        let (from, to, from_tz, to_tz) = (dialect(from)?, dialect(to)?, zone(from_tz)?, zone(to_tz)?);
        let t = cron::translate_at(expression, from, to, from_tz.as_ref(), to_tz.as_ref(), seconds(after_ms)).map_err(|e| js_error(&e))?;
        Ok(json(&t))
    }

    /// Unix milliseconds as whole seconds; now when absent or not a number.
    fn seconds(ms: Option<f64>) -> i64 {
        ms.filter(|ms| ms.is_finite()).map_or_else(crate::time::now, |ms| (ms / 1000.0).floor() as i64)
    }

    /// Explain a cron expression: the JSON text of `{description, zone, next: [RFC 3339]}`; `after` is Unix
    /// milliseconds.
    #[wasm_bindgen(js_name = cronExplain)]
    pub fn cron_explain(expression: &str, dialect_id: &str, tz: Option<String>, count: u32, after_ms: f64) -> JsResult<String> {
        let after = if after_ms.is_finite() { (after_ms / 1000.0).floor() as i64 } else { 0 };
        let e = cron::explain(expression, dialect(dialect_id)?, zone(tz)?.as_ref(), count.min(1000) as usize, after).map_err(|e| js_error(&e))?;
        Ok(json(&e))
    }

    /// Convert a timer trigger configuration; returns the JSON text of `{from, to, config, cron, losses}`.
    /// `after_ms` as for `cronConvert`.
    #[wasm_bindgen(js_name = convertTimerConfig)]
    pub fn convert_timer_config(input: &[u8], from: &str, to: &str, from_tz: Option<String>, to_tz: Option<String>, after_ms: Option<f64>) -> JsResult<String> {
        let (from, to, from_tz, to_tz) = (dialect(from)?, dialect(to)?, zone(from_tz)?, zone(to_tz)?);
        let c = crate::timer::convert_config_at(input, from, to, from_tz.as_ref(), to_tz.as_ref(), seconds(after_ms)).map_err(|e| js_error(&e))?;
        Ok(json(&c))
    }

    struct JsHost<'a> {
        read: &'a js_sys::Function,
        now_ms: f64,
    }

    impl crate::cli::Host for JsHost<'_> {
        fn read(&mut self, path: &str) -> Result<Vec<u8>, String> {
            match self.read.call1(&JsValue::NULL, &JsValue::from_str(path)) {
                Ok(bytes) => Ok(Uint8Array::new(&bytes).to_vec()),
                Err(e) => Err(Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "unreadable".to_string())),
            }
        }

        fn now(&self) -> i64 {
            (self.now_ms / 1000.0).floor() as i64
        }
    }

    /// Run the command line: `read(path)` returns a file's bytes (`-` is standard input). Returns
    /// `{stdout: Uint8Array, stderr: string, code: number}`.
    #[wasm_bindgen(js_name = runCli)]
    pub fn run_cli(args: Vec<String>, read: &js_sys::Function, now_ms: f64) -> JsValue {
        let out = crate::cli::run(&args, &mut JsHost { read, now_ms });
        let result = Object::new();
        let _ = Reflect::set(&result, &"stdout".into(), &Uint8Array::from(out.stdout.as_slice()));
        let _ = Reflect::set(&result, &"stderr".into(), &out.stderr.into());
        let _ = Reflect::set(&result, &"code".into(), &out.code.into());
        result.into()
    }
}

/// Trigger configurations and the local gateway's own answers (`serve`), in the tools module.
#[cfg(feature = "wasm-tools")]
mod trigger_exports {
    use wasm_bindgen::prelude::*;

    use super::{js_error, json, JsResult};
    use crate::cron::{Dialect, Zone};
    use crate::format::Format;

    fn format(id: &str) -> JsResult<Format> {
        id.parse::<Format>().map_err(|e| js_error(&e))
    }

    /// Convert an HTTP or timer trigger configuration; returns the JSON text of `{from, to, config, cron,
    /// losses}`.
    #[wasm_bindgen(js_name = convertTrigger)]
    pub fn convert_trigger(input: &[u8], to: &str, from: Option<String>, from_tz: Option<String>, to_tz: Option<String>) -> JsResult<String> {
        let to = crate::trigger::TriggerTarget::parse(to).map_err(|e| js_error(&e))?;
        let from = from.as_deref().map(Dialect::parse).transpose().map_err(|e| js_error(&e))?;
        let zone = |z: Option<String>| z.as_deref().map(Zone::parse).transpose().map_err(|e| js_error(&e));
        let c = crate::trigger::convert(input, from, to, zone(from_tz)?.as_ref(), zone(to_tz)?.as_ref()).map_err(|e| js_error(&e))?;
        Ok(json(&c))
    }

    /// The gateway's answer to a request it refuses before calling the function: the JSON text of a client
    /// response, or `null`. `methods` is the trigger's method list, `undefined` for every method; `signed`:
    /// the FC trigger requires signed requests.
    #[wasm_bindgen(js_name = gatewayRefusal)]
    pub fn gateway_refusal(event: &[u8], format_id: &str, method: &str, methods: Option<Vec<String>>, signed: bool) -> JsResult<String> {
        let answer = crate::gateway::refusal(event, format(format_id)?, method, methods.as_deref(), signed);
        Ok(answer.map_or_else(|| "null".to_string(), |a| json(&a)))
    }

    /// The gateway's answer when a call fails (`{kind: "error" | "timeout" | "response-too-large", …}`):
    /// the JSON text of a client response.
    #[wasm_bindgen(js_name = gatewayFailure)]
    pub fn gateway_failure(failure: &[u8], format_id: &str) -> JsResult<String> {
        let f = crate::gateway::Failure::from_json(failure).map_err(|e| js_error(&e))?;
        Ok(json(&crate::gateway::failure(format(format_id)?, &f)))
    }

    /// Route a request among a Tencent API gateway service's APIs (`apis`: JSON `[{path, method}]`): the JSON
    /// text of `{"event", "api": {"template", "parameters"}, "refusal": null}` with the API's path and path
    /// parameters filled into `event`, or of `{"event": null, "api": null, "refusal": <client response>}`.
    #[wasm_bindgen(js_name = gatewayRoute)]
    pub fn gateway_route(event: &[u8], format_id: &str, method: &str, path: &str, apis: &[u8]) -> JsResult<String> {
        let format = format(format_id)?;
        let apis = crate::gateway::apis_from_json(apis).map_err(|e| js_error(&e))?;
        let out = match crate::gateway::route(format, path, method, &apis) {
            Ok(route) => {
                let routed = crate::gateway::routed_event(event, format, &route).map_err(|e| js_error(&e))?;
                let params: Vec<crate::json::Value> =
                    route.parameters.iter().map(|(k, v)| crate::json_object! { "name" => k.as_str(), "value" => v.as_str() }).collect();
                crate::json_object! {
                    "event" => routed,
                    "api" => crate::json_object! { "index" => route.index, "template" => route.template.as_str(), "parameters" => params },
                    "refusal" => crate::json::Value::Null,
                }
            }
            Err(refusal) => {
                crate::json_object! { "event" => crate::json::Value::Null, "api" => crate::json::Value::Null, "refusal" => crate::json::ToJson::to_json(refusal.as_ref()) }
            }
        };
        Ok(out.to_json_string())
    }

    /// Whether a result of `size` bytes exceeds what `format`'s platform carries back.
    #[wasm_bindgen(js_name = responseTooLarge)]
    pub fn response_too_large(format_id: &str, size: f64) -> JsResult<bool> {
        Ok(crate::gateway::response_too_large(format(format_id)?, if size.is_finite() && size > 0.0 { size as usize } else { 0 }))
    }
}
