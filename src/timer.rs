//! Timer triggers: `aliyun-timer` ⇄ `tencent-timer` events, and trigger configurations with their cron
//! expressions translated by [`crate::cron`].
//!
//! - Alibaba event (seed 002): `{"triggerTime":"2018-02-09T05:49:00Z","triggerName":"timer-trigger","payload":"awesome-fc"}`,
//!   payload up to 128 KB.
//! - Tencent event (doc 583/9708): `{"Type":"Timer","TriggerName":"EveryDay","Time":"2019-02-21T11:49:00Z","Message":"…"}`,
//!   Message up to 4 KB.

use crate::cron::{self, Dialect, Zone};
use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{ToJson, Value};
use crate::model::{Extras, Loss, LossCode};
use crate::validate::{DiagCode, Severity};
use crate::wire::{Obj, ObjWriter};

/// Largest Alibaba timer payload, in bytes.
pub const ALIYUN_PAYLOAD_LIMIT: usize = 128 * 1024;
/// Largest Tencent timer Message, in bytes.
pub const TENCENT_PAYLOAD_LIMIT: usize = 4 * 1024;

fn payload_limit(format: Format) -> usize {
    if format == Format::AliyunTimer {
        ALIYUN_PAYLOAD_LIMIT
    } else {
        TENCENT_PAYLOAD_LIMIT
    }
}

/// A timer firing, neutral.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimerEvent {
    /// Trigger name.
    pub name: String,
    /// When it fired, RFC 3339.
    pub time: String,
    /// The user-defined payload (Alibaba `payload`, Tencent `Message`).
    pub payload: String,
    /// Fields with no neutral home.
    pub extras: Extras,
}

/// Read a timer event of `format`.
///
/// # Errors
/// `missing-field` / `invalid-field` with their pointers; `unsupported` for an HTTP format.
pub fn read_event(format: Format, value: Value) -> Result<TimerEvent> {
    let (name, time, payload) = keys(format)?;
    let mut o = Obj::new(value, "").map_err(|e| e.in_format(format))?;
    let read = |o: &mut Obj| -> Result<TimerEvent> {
        if format == Format::TencentTimer {
            o.str("Type")?;
        }
        Ok(TimerEvent { name: o.req_str(name)?, time: o.req_str(time)?, payload: o.str(payload)?.unwrap_or_default(), extras: Extras::default() })
    };
    let mut event = read(&mut o).map_err(|e| e.in_format(format))?;
    event.extras.keep(format, &[], o.rest());
    Ok(event)
}

/// Write a timer event as `format`, reporting a payload over the target's limit (kept whole: a real
/// trigger of that platform could not have sent it) and fields the target cannot carry.
///
/// # Errors
/// `unsupported` for an HTTP format.
pub fn write_event(format: Format, mut event: TimerEvent, losses: &mut Vec<Loss>) -> Result<Value> {
    let (name, time, payload) = keys(format)?;
    let limit = payload_limit(format);
    if event.payload.len() > limit {
        losses.push(Loss::new(
            LossCode::PayloadOverLimit,
            format!("/{payload}"),
            format!(
                "the payload is {} bytes; {format} timers carry at most {} KB, so no real {format} trigger can deliver it",
                event.payload.len(),
                limit / 1024
            ),
        ));
    }
    event.extras.report_dropped(format, losses);
    let mut w = ObjWriter::new();
    if format == Format::TencentTimer {
        w.set("Type", "Timer");
    }
    w.set(name, event.name).set(time, event.time).set(payload, event.payload).extras(event.extras.take(format, &[]));
    Ok(w.build())
}

fn keys(format: Format) -> Result<(&'static str, &'static str, &'static str)> {
    match format {
        Format::AliyunTimer => Ok(("triggerName", "triggerTime", "payload")),
        Format::TencentTimer => Ok(("TriggerName", "Time", "Message")),
        other => Err(Error::new(ErrorCode::Unsupported, format!("{other} is an HTTP format, not a timer")).in_format(other)),
    }
}

/// Diagnostics for a timer event: payload size, time, and (Tencent) trigger name and `Type`.
pub(crate) fn check_event(value: &Value, format: Format, push: &mut dyn FnMut(DiagCode, Severity, String, String)) {
    let event = match read_event(format, value.clone()) {
        Ok(e) => e,
        Err(e) => {
            let code = if e.code == ErrorCode::MissingField { DiagCode::MissingField } else { DiagCode::InvalidField };
            push(code, Severity::Error, e.path, e.message);
            return;
        }
    };
    let (name_key, time_key, payload_key) = keys(format).unwrap_or(("", "", ""));
    let limit = payload_limit(format);
    if event.payload.len() > limit {
        push(
            DiagCode::PayloadTooLarge,
            Severity::Error,
            format!("/{payload_key}"),
            format!("the payload is {} bytes; {format} timers carry at most {} KB", event.payload.len(), limit / 1024),
        );
    } else if format == Format::AliyunTimer && event.payload.len() > TENCENT_PAYLOAD_LIMIT {
        push(
            DiagCode::PayloadTooLarge,
            Severity::Warning,
            format!("/{payload_key}"),
            format!("the payload is {} bytes: fine on Alibaba, over Tencent's 4 KB", event.payload.len()),
        );
    }
    if crate::time::parse_rfc3339(&event.time).is_none() {
        push(DiagCode::TimerTimeInvalid, Severity::Warning, format!("/{time_key}"), format!("`{}` is not an RFC 3339 instant", event.time));
    }
    if format == Format::TencentTimer && !valid_tencent_name(&event.name) {
        push(
            DiagCode::TriggerNameInvalid,
            Severity::Error,
            format!("/{name_key}"),
            format!("trigger name {} must be 1–100 letters, digits, `-` or `_`", crate::json::quoted(&event.name)),
        );
    }
}

fn valid_tencent_name(name: &str) -> bool {
    (1..=100).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A timer trigger configuration of either cloud.
///
/// - Alibaba (seed 002): `{"cronExpression": "0 0 9 * * ?", "enable": true, "payload": "…"}` (a
///   `triggerName` beside it is kept).
/// - Tencent (CreateTrigger): `{"Type": "timer", "TriggerName": "…", "TriggerDesc": "<cron>",
///   "CustomArgument": "…", "Enable": "OPEN" | "CLOSE"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigConversion {
    /// The dialect converted from.
    pub from: Dialect,
    /// The dialect converted to.
    pub to: Dialect,
    /// The converted configuration.
    pub config: Value,
    /// The cron translation behind it.
    pub cron: cron::Translation,
    /// Everything that changed: the cron losses, and payload or name problems.
    pub losses: Vec<Loss>,
}

/// `{"from", "to", "config", "cron", "losses"}`.
impl ToJson for ConfigConversion {
    fn to_json(&self) -> Value {
        crate::json_object! {
            "from" => self.from,
            "to" => self.to,
            "config" => self.config.clone(),
            "cron" => self.cron.to_json(),
            "losses" => self.losses.to_json(),
        }
    }
}

/// Convert a timer trigger configuration between the clouds, checking the year from now:
/// [`convert_config_at`] with [`crate::time::now`].
///
/// # Errors
/// As [`convert_config_at`].
pub fn convert_config(input: &[u8], from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>) -> Result<ConfigConversion> {
    convert_config_at(input, from, to, from_zone, to_zone, crate::time::now())
}

/// Convert a timer trigger configuration between the clouds. Zones default, and daylight-saving changes
/// in the year from `at` (Unix seconds) are reported, as in [`cron::translate_at`].
///
/// # Errors
/// `invalid-json`, `missing-field`, `invalid-field` with pointers; `invalid-cron` for the expression.
pub fn convert_config_at(input: &[u8], from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>, at: i64) -> Result<ConfigConversion> {
    let mut o = Obj::new(crate::json::parse(input)?, "")?;
    let (expr_key, enable, payload, name) = match from {
        Dialect::Aliyun => {
            let expr = o.req_str("cronExpression")?;
            (expr, o.bool("enable")?.unwrap_or(true), o.str("payload")?.unwrap_or_default(), o.str("triggerName")?)
        }
        Dialect::Tencent => {
            o.str("Type")?;
            let expr = o.req_str("TriggerDesc")?;
            let enable = match o.str("Enable")?.as_deref() {
                None => true,
                Some(s) if s.eq_ignore_ascii_case("OPEN") || s.eq_ignore_ascii_case("true") || s == "1" => true,
                Some(s) if s.eq_ignore_ascii_case("CLOSE") || s.eq_ignore_ascii_case("false") || s == "0" => false,
                Some(s) => return Err(Error::at(ErrorCode::InvalidField, "/Enable", format!("`Enable` must be OPEN or CLOSE, saw `{s}`"))),
            };
            (expr, enable, o.str("CustomArgument")?.unwrap_or_default(), o.str("TriggerName")?)
        }
    };
    let path = if from == Dialect::Aliyun { "/cronExpression" } else { "/TriggerDesc" };
    let translation = cron::translate_at(&expr_key, from, to, from_zone, to_zone, at).map_err(|mut e| {
        e.path = format!("{path}{}", e.path);
        e
    })?;
    let mut losses = translation.losses.clone();
    let mut w = ObjWriter::new();
    match to {
        Dialect::Aliyun => {
            if payload.len() > ALIYUN_PAYLOAD_LIMIT {
                losses.push(Loss::new(LossCode::PayloadOverLimit, "/payload", "the payload is over Alibaba's 128 KB"));
            }
            w.opt("triggerName", name).set("cronExpression", translation.expression.clone()).set("enable", enable).set("payload", payload);
        }
        Dialect::Tencent => {
            if payload.len() > TENCENT_PAYLOAD_LIMIT {
                losses.push(Loss::new(LossCode::PayloadOverLimit, "/CustomArgument", format!("the payload is {} bytes, over Tencent's 4 KB", payload.len())));
            }
            let name = name.unwrap_or_else(|| "timer".to_string());
            if !valid_tencent_name(&name) {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    "/TriggerName",
                    format!("trigger name {} is not a valid Tencent name (letters, digits, `-`, `_`)", crate::json::quoted(&name)),
                ));
            }
            w.set("Type", "timer")
                .set("TriggerName", name)
                .set("TriggerDesc", translation.expression.clone())
                .set("CustomArgument", payload)
                .set("Enable", if enable { "OPEN" } else { "CLOSE" });
        }
    }
    for (key, _) in o.rest() {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            crate::json::pointer("", &key),
            format!("`{key}` has no counterpart in the {} trigger configuration", to.id()),
        ));
    }
    Ok(ConfigConversion { from, to, config: w.build(), cron: translation, losses })
}
