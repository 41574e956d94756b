//! Trigger configurations of both kinds, both ways: HTTP triggers (Alibaba FC HTTP trigger ⇄ Tencent API
//! gateway trigger or Function URL) and timer triggers (delegated to [`crate::timer::convert_config`]).
//!
//! Shapes read and written:
//! - Alibaba FC 3.0 HTTP trigger `triggerConfig` (alibabacloud.com/help/en/functioncompute/fc-3-0/developer-reference/api-fc-2023-03-30-struct-httptriggerconfig):
//!   `{"authType": "anonymous" | "function" | "jwt", "methods": ["GET", …], "disableURLInternet": false,
//!   "authConfig": …}`; a `triggerName` beside it is kept. A Serverless Devs `s.yaml` trigger entry
//!   `{"triggerName", "triggerType", "triggerConfig": {…}}` is read as well.
//! - Tencent `CreateTrigger` (cloud.tencent.com/document/product/583/18589 and 583/39901): `{"Type": "apigw",
//!   "TriggerName", "TriggerDesc": {"api": {"authRequired": "TRUE" | "FALSE", "requestConfig": {"method":
//!   "ANY" | "GET" | "HEAD" | "POST" | "PUT" | "DELETE"}, "isIntegratedResponse": "TRUE"}, "service": {…},
//!   "release": {"environmentName": "release" | "test" | "prepub"}}}` and, for a Function URL, `{"Type":
//!   "http", "TriggerDesc": {"AuthType": "NONE" | "CAM", "NetConfig": {"EnableIntranet", "EnableExtranet"}}}`.
//!   `TriggerDesc` is a JSON string in the API; an object is accepted too. Written as a string.
//! - Object-storage (OSS ⇄ COS, `objects`) and topic (MNS ⇄ CMQ, `messages`) triggers, and
//!   Kafka triggers: an FC `s.yaml` `eventbridge` entry with a Kafka event source ⇄ a `serverless.yml`
//!   `ckafka` entry (docs/message-events.md, "Kafka ⇄ CKafka").

use crate::cron::{self, Dialect, Zone};
use crate::error::{Error, ErrorCode, Result};
use crate::json::{self, Map, ToJson, Value};
use crate::model::{Loss, LossCode};
use crate::wire::{Obj, ObjWriter};

/// The methods an FC HTTP trigger can list (seed 004).
pub const FC_METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
/// The single methods a Tencent API gateway trigger can take besides `ANY` (583/39901).
pub const APIGW_METHODS: [&str; 5] = ["GET", "HEAD", "POST", "PUT", "DELETE"];

/// What kind of trigger a configuration describes, with the id used in results and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    /// Alibaba FC HTTP trigger (`aliyun-http`).
    AliyunHttp,
    /// Alibaba FC timer trigger (`aliyun-timer`).
    AliyunTimer,
    /// Tencent API gateway trigger (`tencent-apigw`).
    TencentApigw,
    /// Tencent Function URL (`tencent-url`).
    TencentUrl,
    /// Tencent timer trigger (`tencent-timer`).
    TencentTimer,
    /// Alibaba FC OSS trigger (`aliyun-oss`).
    AliyunOss,
    /// Tencent SCF COS trigger (`tencent-cos`).
    TencentCos,
    /// Alibaba FC MNS topic trigger (`aliyun-mns`).
    AliyunMns,
    /// Tencent SCF CMQ topic trigger (`tencent-cmq`).
    TencentCmq,
    /// Alibaba FC ApsaraMQ for Kafka trigger, an EventBridge trigger with a Kafka source (`aliyun-kafka`).
    AliyunKafka,
    /// Tencent SCF CKafka trigger (`tencent-ckafka`).
    TencentCkafka,
}

impl TriggerKind {
    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            TriggerKind::AliyunHttp => "aliyun-http",
            TriggerKind::AliyunTimer => "aliyun-timer",
            TriggerKind::TencentApigw => "tencent-apigw",
            TriggerKind::TencentUrl => "tencent-url",
            TriggerKind::TencentTimer => "tencent-timer",
            TriggerKind::AliyunOss => "aliyun-oss",
            TriggerKind::TencentCos => "tencent-cos",
            TriggerKind::AliyunMns => "aliyun-mns",
            TriggerKind::TencentCmq => "tencent-cmq",
            TriggerKind::AliyunKafka => "aliyun-kafka",
            TriggerKind::TencentCkafka => "tencent-ckafka",
        }
    }

    /// The cloud.
    pub fn dialect(self) -> Dialect {
        match self {
            TriggerKind::AliyunHttp | TriggerKind::AliyunTimer | TriggerKind::AliyunOss | TriggerKind::AliyunMns | TriggerKind::AliyunKafka => Dialect::Aliyun,
            _ => Dialect::Tencent,
        }
    }

    /// Whether this is a timer trigger.
    pub fn is_timer(self) -> bool {
        matches!(self, TriggerKind::AliyunTimer | TriggerKind::TencentTimer)
    }
}

impl From<TriggerKind> for Value {
    fn from(kind: TriggerKind) -> Value {
        Value::String(kind.id().to_string())
    }
}

/// Where a configuration converts to: a cloud, and for Tencent HTTP triggers which of the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerTarget {
    /// The target cloud.
    pub dialect: Dialect,
    /// For a Tencent HTTP trigger: a Function URL instead of an API gateway trigger.
    pub function_url: bool,
}

impl TriggerTarget {
    /// Read `aliyun`, `tencent` (an API gateway trigger for HTTP), `tencent-apigw` or `tencent-url`; the
    /// kind ids `aliyun-http`, `aliyun-timer`, `tencent-timer`, `aliyun-oss`, `tencent-cos`, `aliyun-mns`,
    /// `tencent-cmq`, `aliyun-kafka` and `tencent-ckafka` are accepted too.
    ///
    /// # Errors
    /// `usage` for anything else.
    pub fn parse(s: &str) -> Result<TriggerTarget> {
        let (dialect, function_url) = match s.trim().to_ascii_lowercase().as_str() {
            "aliyun" | "alibaba" | "aliyun-http" | "aliyun-timer" | "aliyun-oss" | "aliyun-mns" | "aliyun-kafka" => (Dialect::Aliyun, false),
            "tencent" | "tencent-apigw" | "tencent-timer" | "tencent-cos" | "tencent-cmq" | "tencent-ckafka" => (Dialect::Tencent, false),
            "tencent-url" => (Dialect::Tencent, true),
            other => {
                return Err(Error::new(ErrorCode::Usage, format!("unknown trigger target `{other}`: expected aliyun, tencent, tencent-apigw or tencent-url")))
            }
        };
        Ok(TriggerTarget { dialect, function_url })
    }
}

/// How callers of an HTTP trigger authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpAuth {
    /// Anyone (FC `anonymous`, Tencent `NONE` / `authRequired: FALSE`).
    Anonymous,
    /// Requests signed with the account's keys (FC `function`, Tencent Function URL `CAM`).
    Signed,
    /// API gateway key pairs (Tencent `authRequired: TRUE`).
    ApiKey,
    /// JSON Web Tokens (FC `jwt`).
    Jwt,
    /// A mode this crate does not know, kept by name.
    Other(String),
}

impl HttpAuth {
    fn name(&self) -> &str {
        match self {
            HttpAuth::Anonymous => "anonymous",
            HttpAuth::Signed => "signed requests",
            HttpAuth::ApiKey => "API gateway keys",
            HttpAuth::Jwt => "JWT",
            HttpAuth::Other(s) => s,
        }
    }
}

/// An HTTP trigger, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpTrigger {
    /// Trigger name.
    pub name: Option<String>,
    /// The methods let through, upper case; `None` is every method.
    pub methods: Option<Vec<String>>,
    /// Caller authentication.
    pub auth: HttpAuth,
    /// API gateway release environment (stage).
    pub stage: Option<String>,
    /// Reachable from the internet (`false`: FC `disableURLInternet`, Tencent `EnableExtranet: false`).
    pub internet: bool,
    /// Whether the trigger is enabled.
    pub enabled: bool,
    /// Whether the API gateway reads the result as an integration response.
    pub integrated_response: bool,
    /// Fields with no neutral home, with their JSON pointers in the source, reported when dropped.
    pub dropped: Vec<(String, String)>,
}

/// A converted trigger configuration: `{"from", "to", "config", "cron", "losses"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerConversion {
    /// The kind read.
    pub from: TriggerKind,
    /// The kind written.
    pub to: TriggerKind,
    /// The converted configuration.
    pub config: Value,
    /// For timers, the cron translation behind it.
    pub cron: Option<cron::Translation>,
    /// Everything that changed.
    pub losses: Vec<Loss>,
}

impl ToJson for TriggerConversion {
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

/// Which cloud a configuration comes from, by its keys: Tencent's are capitalised (`Type`, `TriggerDesc`).
fn detect_dialect(map: &Map) -> Dialect {
    if map.contains_key("Type") || map.contains_key("TriggerDesc") || map.contains_key("TriggerName") {
        Dialect::Tencent
    } else {
        Dialect::Aliyun
    }
}

/// Flatten an `s.yaml` trigger entry `{triggerName, triggerType, triggerConfig}` into the config beside
/// its name; the kind comes from `triggerType` when given.
fn unwrap_aliyun(mut map: Map) -> Result<(Map, Option<String>)> {
    let kind = match map.remove("triggerType") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.to_ascii_lowercase()),
        Some(_) => return Err(Error::at(ErrorCode::InvalidField, "/triggerType", "`triggerType` must be a string")),
    };
    if let Some(config) = map.remove("triggerConfig") {
        let Value::Object(config) = config else { return Err(Error::at(ErrorCode::InvalidField, "/triggerConfig", "`triggerConfig` must be an object")) };
        let mut flat = Map::new();
        if let Some(name) = map.remove("triggerName") {
            flat.insert("triggerName".to_string(), name);
        }
        flat.append_absent(config);
        flat.append_absent(map);
        return Ok((flat, kind));
    }
    Ok((map, kind))
}

/// Convert a trigger configuration (HTTP, timer, OSS ⇄ COS, MNS ⇄ CMQ or Kafka ⇄ CKafka, detected from its
/// keys) between the clouds.
/// `from` is detected when `None`. Zones apply to timers, as in [`cron::translate`].
///
/// # Errors
/// `invalid-json`, `missing-field`, `invalid-field` with JSON pointers; `invalid-cron` for a timer's
/// expression; `unsupported` when a timer would convert into an HTTP trigger or the reverse.
pub fn convert(input: &[u8], from: Option<Dialect>, to: TriggerTarget, from_zone: Option<&Zone>, to_zone: Option<&Zone>) -> Result<TriggerConversion> {
    convert_at(input, from, to, from_zone, to_zone, crate::time::now())
}

/// [`convert`], checking a timer's daylight-saving losses over the year after `at` (Unix seconds), as
/// [`crate::timer::convert_config_at`] does.
///
/// # Errors
/// As [`convert`].
pub fn convert_at(
    input: &[u8],
    from: Option<Dialect>,
    to: TriggerTarget,
    from_zone: Option<&Zone>,
    to_zone: Option<&Zone>,
    at: i64,
) -> Result<TriggerConversion> {
    let value = json::parse(input)?;
    if is_kafka_trigger(&value) {
        return kafka_trigger(value, from, to.dialect);
    }
    if is_object_trigger(&value) {
        return object_trigger(value, from, to.dialect);
    }
    if is_topic_trigger(&value) {
        return topic_trigger(value, from, to.dialect);
    }
    let Value::Object(map) = value else {
        return Err(Error::at(ErrorCode::InvalidField, "", "a trigger configuration is a JSON object"));
    };
    let from = from.unwrap_or_else(|| detect_dialect(&map));
    let (map, kind) = match from {
        Dialect::Aliyun => unwrap_aliyun(map)?,
        Dialect::Tencent => {
            let kind = map.get("Type").and_then(Value::as_str).map(str::to_ascii_lowercase);
            (map, kind)
        }
    };
    let timer = match kind.as_deref() {
        Some("timer") => true,
        Some("http" | "apigw") => false,
        Some(other) => {
            return Err(Error::at(
                ErrorCode::Unsupported,
                if from == Dialect::Aliyun { "/triggerType" } else { "/Type" },
                format!("`{other}` triggers are not converted: only http, apigw, timer, oss, cos, mns_topic, cmq, eventbridge with a Kafka source, and serverless.yml ckafka entries"),
            ))
        }
        None => {
            map.contains_key("cronExpression")
                || (from == Dialect::Tencent && map.get("TriggerDesc").and_then(Value::as_str).is_some_and(|d| !d.trim_start().starts_with('{')))
        }
    };
    if timer {
        let c = crate::timer::convert_config_at(Value::Object(map).to_json_string().as_bytes(), from, to.dialect, from_zone, to_zone, at)?;
        let kind = |d: Dialect| if d == Dialect::Aliyun { TriggerKind::AliyunTimer } else { TriggerKind::TencentTimer };
        return Ok(TriggerConversion { from: kind(from), to: kind(to.dialect), config: c.config, cron: Some(c.cron), losses: c.losses });
    }
    let (trigger, from_kind) = match from {
        Dialect::Aliyun => (read_aliyun(map)?, TriggerKind::AliyunHttp),
        Dialect::Tencent => read_tencent(map)?,
    };
    let mut losses = Vec::new();
    let (config, to_kind) = match (to.dialect, to.function_url) {
        (Dialect::Aliyun, _) => (write_aliyun(trigger, &mut losses), TriggerKind::AliyunHttp),
        (Dialect::Tencent, false) => (write_apigw(trigger, &mut losses), TriggerKind::TencentApigw),
        (Dialect::Tencent, true) => (write_url(trigger, &mut losses), TriggerKind::TencentUrl),
    };
    Ok(TriggerConversion { from: from_kind, to: to_kind, config, cron: None, losses })
}

/// Whether a parsed trigger configuration is an object-storage one: an FC entry of `triggerType: oss` or
/// with OSS `events`/an OSS `sourceArn`; a COS `serverless.yml` entry (`{"cos": …}`) or a list of them;
/// a `CreateTrigger` configuration of `Type: cos`.
pub fn is_object_trigger(value: &Value) -> bool {
    let text = |map: &Map, key: &str| map.get(key).and_then(Value::as_str).map(str::to_ascii_lowercase);
    match value {
        Value::Array(items) => items.iter().any(|i| i.as_object().is_some_and(|m| m.contains_key("cos"))),
        Value::Object(map) => {
            let config = map.get("triggerConfig").and_then(Value::as_object);
            map.contains_key("cos")
                || text(map, "Type").as_deref() == Some("cos")
                || text(map, "triggerType").as_deref() == Some("oss")
                || (!map.contains_key("triggerType") && (map.contains_key("events") || config.is_some_and(|c| c.contains_key("events"))))
                || text(map, "sourceArn").is_some_and(|a| a.starts_with("acs:oss:"))
        }
        _ => false,
    }
}

/// Convert an object-storage trigger: an FC OSS trigger (`s.yaml` entry) ⇄ SCF COS trigger entries
/// (`serverless.yml`), through [`crate::objects::ObjectTrigger`].
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn object_trigger(value: Value, from: Option<Dialect>, to: Dialect) -> Result<TriggerConversion> {
    use crate::objects;
    let tencent_keys = |m: &Map| m.contains_key("cos") || m.contains_key("Type") || m.contains_key("TriggerDesc");
    let from = from.unwrap_or(match &value {
        Value::Array(_) => Dialect::Tencent,
        Value::Object(m) if tencent_keys(m) => Dialect::Tencent,
        _ => Dialect::Aliyun,
    });
    let trigger = match (from, value) {
        (Dialect::Tencent, Value::Array(items)) => objects::read_cos_triggers(items)?,
        (Dialect::Tencent, Value::Object(map)) => objects::read_cos_trigger(map)?,
        (Dialect::Aliyun, Value::Object(map)) => objects::read_oss_trigger(unwrap_aliyun(map)?.0)?,
        _ => {
            return Err(Error::at(
                ErrorCode::InvalidField,
                "",
                "a storage trigger configuration is a JSON object (an FC OSS trigger) or one or a list of COS entries",
            ))
        }
    };
    let mut losses = Vec::new();
    let foreign = from != to;
    let config = match to {
        Dialect::Aliyun => objects::write_oss_trigger(trigger, foreign, &mut losses)?,
        Dialect::Tencent => objects::write_cos_triggers(trigger, foreign, &mut losses)?,
    };
    let kind = |d: Dialect| if d == Dialect::Aliyun { TriggerKind::AliyunOss } else { TriggerKind::TencentCos };
    Ok(TriggerConversion { from: kind(from), to: kind(to), config, cron: None, losses })
}

/// Whether a parsed trigger configuration is a topic trigger: an FC entry of `triggerType: mns_topic` or
/// with an MNS `sourceArn`; a `serverless.yml` entry `{"cmq": …}`.
fn is_topic_trigger(value: &Value) -> bool {
    let Value::Object(map) = value else { return false };
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_ascii_lowercase);
    map.contains_key("cmq") || text("triggerType").as_deref() == Some("mns_topic") || text("sourceArn").is_some_and(|a| a.starts_with("acs:mns:"))
}

/// Convert a topic trigger: an FC MNS topic trigger (`s.yaml` entry) ⇄ an SCF CMQ topic trigger
/// (`serverless.yml` entry), through [`crate::messages::TopicTrigger`].
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
fn topic_trigger(value: Value, from: Option<Dialect>, to: Dialect) -> Result<TriggerConversion> {
    use crate::messages;
    let Value::Object(map) = value else { return Err(Error::at(ErrorCode::InvalidField, "", "a trigger configuration is a JSON object")) };
    let from = from.unwrap_or(if map.contains_key("cmq") { Dialect::Tencent } else { Dialect::Aliyun });
    let trigger = match from {
        Dialect::Tencent => messages::read_cmq_trigger(map)?,
        Dialect::Aliyun => messages::read_mns_trigger(unwrap_aliyun(map)?.0)?,
    };
    let mut losses = Vec::new();
    let foreign = from != to;
    let config = match to {
        Dialect::Aliyun => messages::write_mns_trigger(trigger, foreign, &mut losses),
        Dialect::Tencent => messages::write_cmq_trigger(trigger, foreign, &mut losses),
    };
    let kind = |d: Dialect| if d == Dialect::Aliyun { TriggerKind::AliyunMns } else { TriggerKind::TencentCmq };
    Ok(TriggerConversion { from: kind(from), to: kind(to), config, cron: None, losses })
}

// ---------------------------------------------------------------------------------------------------------
// Kafka trigger configurations: an FC ApsaraMQ for Kafka trigger (a Serverless Devs `s.yaml` entry of
// `triggerType: eventbridge` with a Kafka event source) ⇄ an SCF CKafka trigger (a `serverless.yml` entry).

/// Whether a parsed trigger configuration is a Kafka one: a `serverless.yml` entry `{"ckafka": …}`, or an
/// FC `eventbridge` trigger whose `eventSourceConfig.eventSourceType` is `Kafka` (an `s.yaml` entry or its
/// `triggerConfig` alone).
fn is_kafka_trigger(value: &Value) -> bool {
    let Value::Object(map) = value else { return false };
    let config = map.get("triggerConfig").and_then(Value::as_object).unwrap_or(map);
    let source = config.get("eventSourceConfig").and_then(Value::as_object).and_then(|c| c.get("eventSourceType")).and_then(Value::as_str);
    map.contains_key("ckafka") || source.is_some_and(|s| s.eq_ignore_ascii_case("kafka"))
}

/// Kafka trigger configurations, left out of the core WebAssembly module like the message formats.
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
mod kafka {
    use super::*;

    /// `s.yaml` placeholders written into an FC Kafka trigger for what a CKafka entry does not name.
    const FC_INSTANCE_PLACEHOLDER: &str = "${env('KAFKA_INSTANCE_ID')}";
    const FC_GROUP_PLACEHOLDER: &str = "${env('KAFKA_CONSUMER_GROUP')}";
    const FC_REGION_PLACEHOLDER: &str = "${vars.region}";
    /// `serverless.yml` placeholder written into a CKafka entry for the instance an FC trigger names.
    const SCF_INSTANCE_PLACEHOLDER: &str = "${env:CKAFKA_INSTANCE_ID}";
    /// Where an FC Kafka trigger keeps its source, in the flattened `triggerConfig`.
    const FC_KAFKA: &str = "/eventSourceConfig/eventSourceParameters/sourceKafkaParameters";
    /// FC's `batchWindow.TimeBasedWindow` range in seconds (Serverless Devs fc3 docs: [0, 15]).
    const FC_MAX_WINDOW: u64 = 15;
    /// CKafka's `timeout` range in seconds (serverless-components/tencent-scf: at most 60).
    const SCF_MAX_TIMEOUT: u64 = 60;

    /// A Kafka trigger configuration, neutral.
    #[derive(Debug, Clone, PartialEq)]
    struct KafkaTrigger {
        name: Option<String>,
        /// The Kafka instance id (FC `InstanceId`, CKafka `parameters.name`), with its JSON pointer.
        instance: Option<(String, String)>,
        topic: String,
        topic_path: String,
        region: Option<String>,
        /// FC `ConsumerGroup`, with its JSON pointer; SCF makes its own consumer group per trigger.
        group: Option<(String, String)>,
        /// `latest` or `earliest`.
        offset: Option<String>,
        /// Most messages per invocation (FC `CountBasedWindow`, CKafka `maxMsgNum`).
        batch: Option<u64>,
        /// Longest wait in seconds before a batch is sent (FC `TimeBasedWindow`, CKafka `timeout`), with its pointer.
        window: Option<(u64, String)>,
        /// Retries of a failed invocation (FC `MaximumRetryAttempts`, CKafka `retry`).
        retries: Option<u64>,
        enabled: bool,
        /// Fields with no counterpart, with their JSON pointers and what they meant, reported when dropped.
        dropped: Vec<(String, String)>,
    }

    /// A whole number written as a number or as its text.
    fn count(o: &mut Obj, key: &str) -> Result<Option<u64>> {
        let path = o.path_of(key);
        match o.str(key)? {
            None => Ok(None),
            Some(text) => text.trim().parse::<u64>().map(Some).map_err(|_| {
                Error::at(ErrorCode::InvalidField, path, format!("`{key}` must be a whole number, saw {}", json::quoted(&crate::model::shorten(&text))))
            }),
        }
    }

    /// `latest` or `earliest`, any case (Serverless Devs' own sample writes `lastest`); anything else is kept
    /// for the writer to report.
    fn offset_of(text: String) -> String {
        match text.trim().to_ascii_lowercase().as_str() {
            "latest" | "lastest" => "latest".to_string(),
            "earliest" => "earliest".to_string(),
            _ => text,
        }
    }

    fn drop_rest(o: Obj, base: &str, dropped: &mut Vec<(String, String)>) {
        for (key, _) in o.rest() {
            dropped.push((json::pointer(base, &key), format!("`{}`", crate::model::shorten(&key))));
        }
    }

    /// Read an FC Kafka trigger, flattened from its `s.yaml` entry (`triggerName` and the `triggerConfig` keys).
    fn read_fc_kafka(map: Map) -> Result<KafkaTrigger> {
        let mut o = Obj::new(Value::Object(map), "")?;
        let mut dropped = Vec::new();
        let name = o.str("triggerName")?;
        if let Some(q) = o.str("qualifier")?.filter(|q| !q.eq_ignore_ascii_case("LATEST")) {
            dropped.push(("/qualifier".to_string(), format!("the qualifier `{}`", crate::model::shorten(&q))));
        }
        let enabled = o.bool("triggerEnable")?.unwrap_or(true);
        if o.bool("asyncInvocationType")? == Some(true) {
            dropped.push(("/asyncInvocationType".to_string(), "asynchronous invocation (a CKafka trigger invokes synchronously)".to_string()));
        }
        if let Some(p) = o.str("eventRuleFilterPattern")?.filter(|p| !matches!(p.trim(), "" | "{}")) {
            dropped.push(("/eventRuleFilterPattern".to_string(), format!("the event filter `{}`", crate::model::shorten(&p))));
        }
        let mut source =
            o.obj("eventSourceConfig")?.ok_or_else(|| Error::at(ErrorCode::MissingField, "/eventSourceConfig", "`eventSourceConfig` is required"))?;
        source.take("eventSourceType");
        let mut params = source
            .obj("eventSourceParameters")?
            .ok_or_else(|| Error::at(ErrorCode::MissingField, "/eventSourceConfig/eventSourceParameters", "`eventSourceParameters` is required"))?;
        let mut k = params.obj("sourceKafkaParameters")?.ok_or_else(|| Error::at(ErrorCode::MissingField, FC_KAFKA, "`sourceKafkaParameters` is required"))?;
        let topic = k.req_str("Topic")?;
        let instance = k.str("InstanceId")?.map(|i| (i, format!("{FC_KAFKA}/InstanceId")));
        let region = k.str("RegionId")?;
        let group = k.str("ConsumerGroup")?.map(|g| (g, format!("{FC_KAFKA}/ConsumerGroup")));
        let offset = k.str("OffsetReset")?.map(offset_of);
        if let Some(n) = k.str("Network")?.filter(|n| !n.eq_ignore_ascii_case("Default")) {
            dropped.push((format!("{FC_KAFKA}/Network"), format!("the network `{}`", crate::model::shorten(&n))));
        }
        drop_rest(k, FC_KAFKA, &mut dropped);
        drop_rest(params, "/eventSourceConfig/eventSourceParameters", &mut dropped);
        drop_rest(source, "/eventSourceConfig", &mut dropped);
        let (mut batch, mut window, mut retries) = (None, None, None);
        if let Some(mut run) = o.obj("runOptions")? {
            run.take("mode");
            if let Some(mut w) = run.obj("batchWindow")? {
                batch = count(&mut w, "CountBasedWindow")?;
                window = count(&mut w, "TimeBasedWindow")?.map(|s| (s, "/runOptions/batchWindow/TimeBasedWindow".to_string()));
                drop_rest(w, "/runOptions/batchWindow", &mut dropped);
            }
            if let Some(mut r) = run.obj("retryStrategy")? {
                retries = count(&mut r, "MaximumRetryAttempts")?;
                if let Some(s) = r.str("PushRetryStrategy")?.filter(|s| !s.eq_ignore_ascii_case("BACKOFF_RETRY")) {
                    dropped.push(("/runOptions/retryStrategy/PushRetryStrategy".to_string(), format!("the retry policy `{}`", crate::model::shorten(&s))));
                }
                if count(&mut r, "MaximumEventAgeInSeconds")?.is_some_and(|s| s > 0) {
                    dropped.push(("/runOptions/retryStrategy/MaximumEventAgeInSeconds".to_string(), "the event age limit".to_string()));
                }
                drop_rest(r, "/runOptions/retryStrategy", &mut dropped);
            }
            drop_rest(run, "/runOptions", &mut dropped);
        }
        if let Some(mut sink) = o.obj("eventSinkConfig")? {
            if let Some(mut d) = sink.obj("deliveryOption")? {
                d.take("mode");
                if d.str("eventSchema")?.is_some_and(|s| !s.eq_ignore_ascii_case("CloudEvents")) {
                    dropped.push((
                        "/eventSinkConfig/deliveryOption/eventSchema".to_string(),
                        "raw-data delivery (the CKafka trigger sends its Records)".to_string(),
                    ));
                }
                drop_rest(d, "/eventSinkConfig/deliveryOption", &mut dropped);
            }
            drop_rest(sink, "/eventSinkConfig", &mut dropped);
        }
        drop_rest(o, "", &mut dropped);
        Ok(KafkaTrigger { name, instance, topic, topic_path: format!("{FC_KAFKA}/Topic"), region, group, offset, batch, window, retries, enabled, dropped })
    }

    /// Read an SCF CKafka trigger: a `serverless.yml` entry `{"ckafka": {"name", "parameters": {"name":
    /// <instance>, "topic", "maxMsgNum", "offset", "retry", "timeout", "enable", "qualifier"}}}`.
    fn read_ckafka(map: Map) -> Result<KafkaTrigger> {
        let mut o = Obj::new(Value::Object(map), "")?;
        let mut c = o.obj("ckafka")?.ok_or_else(|| Error::at(ErrorCode::MissingField, "/ckafka", "`ckafka` is required"))?;
        let name = c.str("name")?;
        let mut p = c.obj("parameters")?.ok_or_else(|| Error::at(ErrorCode::MissingField, "/ckafka/parameters", "`parameters` is required"))?;
        let topic = p.req_str("topic")?;
        let instance = p.str("name")?.map(|i| (i, "/ckafka/parameters/name".to_string()));
        let batch = count(&mut p, "maxMsgNum")?;
        let offset = p.str("offset")?.map(offset_of);
        let retries = count(&mut p, "retry")?;
        let window = count(&mut p, "timeout")?.map(|s| (s, "/ckafka/parameters/timeout".to_string()));
        let enabled = p.bool("enable")?.unwrap_or(true);
        let mut dropped = Vec::new();
        if let Some(q) = p.str("qualifier")?.filter(|q| q != "$DEFAULT") {
            dropped.push(("/ckafka/parameters/qualifier".to_string(), format!("the qualifier `{}`", crate::model::shorten(&q))));
        }
        drop_rest(p, "/ckafka/parameters", &mut dropped);
        drop_rest(c, "/ckafka", &mut dropped);
        drop_rest(o, "", &mut dropped);
        Ok(KafkaTrigger {
            name,
            instance,
            topic,
            topic_path: "/ckafka/parameters/topic".to_string(),
            region: None,
            group: None,
            offset,
            batch,
            window,
            retries,
            enabled,
            dropped,
        })
    }

    fn kafka_losses(t: &KafkaTrigger, to: &str, foreign: bool, losses: &mut Vec<Loss>) {
        crate::messages::trigger_source_losses(&t.dropped, &t.topic, &t.topic_path, to, foreign, losses);
    }

    /// The start offset as the target writes it: `latest` or `earliest`; anything else becomes `latest`, reported.
    fn kafka_offset(t: &KafkaTrigger, path: &str, losses: &mut Vec<Loss>) -> &'static str {
        match t.offset.as_deref() {
            None | Some("latest") => "latest",
            Some("earliest") => "earliest",
            Some(other) => {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    path,
                    format!("the start offset `{}` has no counterpart: written as `latest`", crate::model::shorten(other)),
                ));
                "latest"
            }
        }
    }

    /// The instance a written Kafka trigger names: the source's own when both are this cloud's; else
    /// `placeholder`, reported as a loss at the source's instance (`what` names it and its cloud) or, when
    /// the source names none, at `missing_at`, saying to fill in `fill`.
    fn kafka_instance(t: &KafkaTrigger, foreign: bool, what: (&str, &str), placeholder: &str, fill: &str, missing_at: &str, losses: &mut Vec<Loss>) -> String {
        let (path, message) = match (&t.instance, foreign) {
            (Some((id, _)), false) => return id.clone(),
            (Some((id, path)), true) => (
                path.clone(),
                format!("{} `{}` is {}; written as {placeholder}: fill in your {fill}, in the function's region", what.0, crate::model::shorten(id), what.1),
            ),
            (None, _) => (missing_at.to_string(), format!("no Kafka instance is named; written as {placeholder}: fill in your {fill}")),
        };
        losses.push(Loss::new(LossCode::TriggerSourceForeign, path, message));
        placeholder.to_string()
    }

    /// Write an SCF CKafka trigger as a `serverless.yml` event entry. The instance of an FC trigger is the
    /// source cloud's: a placeholder is written instead, reported. Tencent's defaults fill what FC leaves out
    /// (`maxMsgNum` 100, `retry` 10000, `timeout` 60).
    fn write_ckafka(t: KafkaTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Value {
        kafka_losses(&t, "tencent-ckafka", foreign, losses);
        let instance = kafka_instance(&t, foreign, ("Kafka instance", "FC's"), SCF_INSTANCE_PLACEHOLDER, "CKafka instance id (ckafka-…)", FC_KAFKA, losses);
        if let Some((group, path)) = &t.group {
            losses.push(Loss::new(
                LossCode::FieldDropped,
                path.clone(),
                format!("consumer group `{}`: a CKafka trigger consumes through a group SCF creates for it", crate::model::shorten(group)),
            ));
        }
        if let (Some(region), true) = (&t.region, foreign) {
            losses.push(Loss::new(
                LossCode::FieldDropped,
                format!("{FC_KAFKA}/RegionId"),
                format!("region `{}`: a CKafka trigger's instance is in the function's region", crate::model::shorten(region)),
            ));
        }
        let offset = kafka_offset(&t, &format!("{FC_KAFKA}/OffsetReset"), losses);
        let timeout = match t.window {
            None => SCF_MAX_TIMEOUT,
            Some((0, path)) => {
                losses.push(Loss::new(LossCode::FieldDropped, path, "a batch window of 0 seconds (no wait): a CKafka trigger waits at least 1 second"));
                1
            }
            Some((s, path)) if s > SCF_MAX_TIMEOUT => {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    path,
                    format!("a batch window of {s} seconds: a CKafka trigger waits at most {SCF_MAX_TIMEOUT}"),
                ));
                SCF_MAX_TIMEOUT
            }
            Some((s, _)) => s,
        };
        let mut p = ObjWriter::new();
        p.set("name", instance)
            .set("topic", t.topic.as_str())
            .set("maxMsgNum", t.batch.unwrap_or(100))
            .set("offset", offset)
            .set("retry", t.retries.unwrap_or(10_000))
            .set("timeout", timeout)
            .set("enable", t.enabled);
        let mut c = ObjWriter::new();
        c.opt("name", t.name).set("parameters", p.build());
        crate::json_object! { "ckafka" => c.build() }
    }

    /// Write an FC Kafka trigger as a Serverless Devs `s.yaml` entry (`eventbridge`, Kafka source, event
    /// streaming). What a CKafka entry does not name (the instance, when foreign; the consumer group; the
    /// region) is written as a placeholder, each reported but the region, which `${vars.region}` resolves.
    fn write_fc_kafka(t: KafkaTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Value {
        kafka_losses(&t, "aliyun-kafka", foreign, losses);
        let instance = kafka_instance(
            &t,
            foreign,
            ("CKafka instance", "Tencent's"),
            FC_INSTANCE_PLACEHOLDER,
            "ApsaraMQ for Kafka instance id (alikafka_…)",
            "/ckafka/parameters/name",
            losses,
        );
        let group = match t.group.clone() {
            Some((g, _)) => g,
            None => {
                losses.push(Loss::new(
                    LossCode::TriggerSourceForeign,
                    "/ckafka/parameters",
                    format!("an FC Kafka trigger needs its own consumer group; written as {FC_GROUP_PLACEHOLDER}: create one for this trigger and fill it in"),
                ));
                FC_GROUP_PLACEHOLDER.to_string()
            }
        };
        let offset = kafka_offset(&t, "/ckafka/parameters/offset", losses);
        let window = match t.window {
            Some((s, path)) if s > FC_MAX_WINDOW => {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    path,
                    format!("a batch window of {s} seconds: an FC Kafka trigger waits at most {FC_MAX_WINDOW}"),
                ));
                Some(FC_MAX_WINDOW)
            }
            w => w.map(|(s, _)| s),
        };
        let kafka = crate::json_object! {
            "RegionId" => t.region.unwrap_or_else(|| FC_REGION_PLACEHOLDER.to_string()),
            "InstanceId" => instance,
            "Topic" => t.topic.as_str(),
            "ConsumerGroup" => group,
            "OffsetReset" => offset,
            "Network" => "Default",
        };
        let mut batch = ObjWriter::new();
        batch.set("CountBasedWindow", t.batch.unwrap_or(100)).set("TimeBasedWindow", window.unwrap_or(FC_MAX_WINDOW));
        let mut run = ObjWriter::new();
        run.set("mode", "event-streaming").set("batchWindow", batch.build());
        if let Some(r) = t.retries {
            run.set("retryStrategy", crate::json_object! { "PushRetryStrategy" => "BACKOFF_RETRY", "MaximumRetryAttempts" => r });
        }
        let config = crate::json_object! {
            "triggerEnable" => t.enabled,
            "asyncInvocationType" => false,
            "eventRuleFilterPattern" => "{}",
            "eventSourceConfig" => crate::json_object! {
                "eventSourceType" => "Kafka",
                "eventSourceParameters" => crate::json_object! { "sourceKafkaParameters" => kafka },
            },
            "runOptions" => run.build(),
        };
        let mut w = ObjWriter::new();
        w.set("triggerName", t.name.unwrap_or_else(|| "kafka".to_string())).set("triggerType", "eventbridge").set("triggerConfig", config);
        w.build()
    }

    /// Convert a Kafka trigger: an FC ApsaraMQ for Kafka trigger (`s.yaml` entry) ⇄ an SCF CKafka trigger
    /// (`serverless.yml` entry).
    pub(super) fn kafka_trigger(value: Value, from: Option<Dialect>, to: Dialect) -> Result<TriggerConversion> {
        let Value::Object(map) = value else { return Err(Error::at(ErrorCode::InvalidField, "", "a trigger configuration is a JSON object")) };
        let from = from.unwrap_or(if map.contains_key("ckafka") { Dialect::Tencent } else { Dialect::Aliyun });
        let trigger = match from {
            Dialect::Tencent => read_ckafka(map)?,
            Dialect::Aliyun => read_fc_kafka(unwrap_aliyun(map)?.0)?,
        };
        let mut losses = Vec::new();
        let foreign = from != to;
        let config = match to {
            Dialect::Aliyun => write_fc_kafka(trigger, foreign, &mut losses),
            Dialect::Tencent => write_ckafka(trigger, foreign, &mut losses),
        };
        let kind = |d: Dialect| if d == Dialect::Aliyun { TriggerKind::AliyunKafka } else { TriggerKind::TencentCkafka };
        Ok(TriggerConversion { from: kind(from), to: kind(to), config, cron: None, losses })
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-tools"))]
use kafka::kafka_trigger;

/// The core WebAssembly module leaves the message formats out; the tools module converts triggers.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn kafka_trigger(_: Value, _: Option<Dialect>, _: Dialect) -> Result<TriggerConversion> {
    Err(crate::objects_elsewhere(crate::format::Format::AliyunKafka))
}

/// The core WebAssembly module leaves the message formats out; the tools module converts triggers.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn topic_trigger(_: Value, _: Option<Dialect>, _: Dialect) -> Result<TriggerConversion> {
    Err(crate::objects_elsewhere(crate::format::Format::AliyunMns))
}

/// The core WebAssembly module leaves the object formats out; the tools module converts triggers.
#[cfg(not(any(not(target_arch = "wasm32"), feature = "wasm-tools")))]
fn object_trigger(_: Value, _: Option<Dialect>, _: Dialect) -> Result<TriggerConversion> {
    Err(crate::objects_elsewhere(crate::format::Format::AliyunOss))
}

fn methods_of(value: Value, path: &str) -> Result<Vec<String>> {
    let items = match value {
        Value::Array(items) => items,
        Value::String(s) => s.split(',').map(|m| Value::String(m.trim().to_string())).collect(),
        _ => return Err(Error::at(ErrorCode::InvalidField, path, "`methods` must be a list of HTTP methods")),
    };
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let Value::String(m) = item else { return Err(Error::at(ErrorCode::InvalidField, format!("{path}/{i}"), "a method is a string")) };
        let m = m.to_ascii_uppercase();
        if !FC_METHODS.contains(&m.as_str()) {
            return Err(Error::at(ErrorCode::InvalidField, format!("{path}/{i}"), format!("FC HTTP triggers take {}; saw `{m}`", FC_METHODS.join(", "))));
        }
        if !out.contains(&m) {
            out.push(m);
        }
    }
    if out.is_empty() {
        return Err(Error::at(ErrorCode::InvalidField, path, "an FC HTTP trigger needs at least one method"));
    }
    Ok(out)
}

fn read_aliyun(map: Map) -> Result<HttpTrigger> {
    let mut o = Obj::new(Value::Object(map), "")?;
    let name = o.str("triggerName")?;
    let auth = match o.str("authType")?.map(|s| s.to_ascii_lowercase()).as_deref() {
        None | Some("anonymous") => HttpAuth::Anonymous,
        Some("function") => HttpAuth::Signed,
        Some("jwt") => HttpAuth::Jwt,
        Some(other) => HttpAuth::Other(other.to_string()),
    };
    let methods = match o.take("methods") {
        None | Some(Value::Null) => FC_METHODS.iter().map(|m| m.to_string()).collect(),
        Some(v) => methods_of(v, "/methods")?,
    };
    let internet = !o.bool("disableURLInternet")?.unwrap_or(false);
    let mut dropped = Vec::new();
    for (key, _) in o.rest() {
        dropped.push((json::pointer("", &key), key));
    }
    Ok(HttpTrigger { name, methods: Some(methods), auth, stage: None, internet, enabled: true, integrated_response: true, dropped })
}

/// `TRUE`/`FALSE` as Tencent writes them; JSON booleans too.
fn flag(o: &mut Obj, key: &str) -> Result<Option<bool>> {
    o.bool(key)
}

fn enable(o: &mut Obj) -> Result<bool> {
    match o.str("Enable")?.as_deref() {
        None => Ok(true),
        Some(s) if s.eq_ignore_ascii_case("OPEN") || s.eq_ignore_ascii_case("true") || s == "1" => Ok(true),
        Some(s) if s.eq_ignore_ascii_case("CLOSE") || s.eq_ignore_ascii_case("false") || s == "0" => Ok(false),
        Some(s) => Err(Error::at(ErrorCode::InvalidField, "/Enable", format!("`Enable` must be OPEN or CLOSE, saw `{s}`"))),
    }
}

fn rest_into(o: Obj, dropped: &mut Vec<(String, String)>, base: &str) {
    for (key, _) in o.rest() {
        dropped.push((json::pointer(base, &key), key));
    }
}

fn read_tencent(map: Map) -> Result<(HttpTrigger, TriggerKind)> {
    let mut o = Obj::new(Value::Object(map), "")?;
    let kind = match o.str("Type")?.map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("http") => TriggerKind::TencentUrl,
        _ => TriggerKind::TencentApigw,
    };
    let name = o.str("TriggerName")?;
    let enabled = enable(&mut o)?;
    let desc = match o.take("TriggerDesc") {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(Value::String(s)) => {
            json::parse(s.as_bytes()).map_err(|e| Error::at(ErrorCode::InvalidField, "/TriggerDesc", format!("`TriggerDesc` is not JSON: {e}")))?
        }
        Some(v) => v,
    };
    let mut d = Obj::new(desc, "/TriggerDesc")?;
    let mut dropped = Vec::new();
    let mut trigger =
        HttpTrigger { name, methods: None, auth: HttpAuth::Anonymous, stage: None, internet: true, enabled, integrated_response: true, dropped: Vec::new() };
    if kind == TriggerKind::TencentUrl {
        trigger.auth = match d.str("AuthType")?.map(|s| s.to_ascii_uppercase()).as_deref() {
            None | Some("NONE") => HttpAuth::Anonymous,
            Some("CAM") => HttpAuth::Signed,
            Some(other) => HttpAuth::Other(other.to_string()),
        };
        if let Some(mut net) = d.obj("NetConfig")? {
            trigger.internet = net.bool("EnableExtranet")?.unwrap_or(true);
            if net.bool("EnableIntranet")? == Some(false) {
                dropped.push(("/TriggerDesc/NetConfig/EnableIntranet".to_string(), "EnableIntranet".to_string()));
            }
            rest_into(net, &mut dropped, "/TriggerDesc/NetConfig");
        }
    } else {
        if let Some(mut api) = d.obj("api")? {
            if flag(&mut api, "authRequired")? == Some(true) {
                trigger.auth = HttpAuth::ApiKey;
            }
            if let Some(mut rc) = api.obj("requestConfig")? {
                if let Some(m) = rc.str("method")? {
                    let m = m.to_ascii_uppercase();
                    if m != "ANY" {
                        if !APIGW_METHODS.contains(&m.as_str()) {
                            return Err(Error::at(
                                ErrorCode::InvalidField,
                                "/TriggerDesc/api/requestConfig/method",
                                format!("API gateway triggers take ANY, {}; saw `{m}`", APIGW_METHODS.join(", ")),
                            ));
                        }
                        trigger.methods = Some(vec![m]);
                    }
                }
                rest_into(rc, &mut dropped, "/TriggerDesc/api/requestConfig");
            }
            trigger.integrated_response = flag(&mut api, "isIntegratedResponse")?.unwrap_or(false);
            for key in ["IsBase64Encoded", "isBase64Encoded"] {
                if flag(&mut api, key)? == Some(true) {
                    dropped.push((format!("/TriggerDesc/api/{key}"), key.to_string()));
                }
            }
            rest_into(api, &mut dropped, "/TriggerDesc/api");
        } else {
            trigger.integrated_response = false;
        }
        if let Some(mut release) = d.obj("release")? {
            trigger.stage = release.str("environmentName")?;
            rest_into(release, &mut dropped, "/TriggerDesc/release");
        }
        if d.has("service") {
            d.take("service");
            dropped.push(("/TriggerDesc/service".to_string(), "service".to_string()));
        }
    }
    rest_into(d, &mut dropped, "/TriggerDesc");
    rest_into(o, &mut dropped, "");
    trigger.dropped = dropped;
    Ok((trigger, kind))
}

fn report_dropped(t: &HttpTrigger, to: &str, losses: &mut Vec<Loss>) {
    for (path, key) in &t.dropped {
        losses.push(Loss::new(LossCode::FieldDropped, path.clone(), format!("`{key}` has no counterpart in the {to} trigger configuration")));
    }
    if !t.enabled {
        losses.push(Loss::new(LossCode::FieldDropped, "/Enable", format!("the trigger is disabled, and a {to} trigger cannot be: the converted one is live")));
    }
}

fn auth_loss(t: &HttpTrigger, to: &str, written: &str, losses: &mut Vec<Loss>) {
    losses.push(Loss::new(
        LossCode::TriggerAuthChanged,
        "",
        format!("{} authentication has no counterpart in a {to} trigger; written as {written}, so callers must authenticate differently", t.auth.name()),
    ));
}

fn write_aliyun(t: HttpTrigger, losses: &mut Vec<Loss>) -> Value {
    report_dropped(&t, "aliyun-http", losses);
    let auth = match &t.auth {
        HttpAuth::Anonymous => "anonymous".to_string(),
        HttpAuth::Signed => "function".to_string(),
        HttpAuth::Jwt => "jwt".to_string(),
        HttpAuth::ApiKey => {
            auth_loss(&t, "aliyun-http", "`function` (signed requests)", losses);
            "function".to_string()
        }
        HttpAuth::Other(s) => s.clone(),
    };
    if let Some(stage) = &t.stage {
        losses.push(Loss::new(
            LossCode::StageDropped,
            "/TriggerDesc/release/environmentName",
            format!("FC HTTP triggers have no release environment; `{stage}` is dropped"),
        ));
    }
    if !t.integrated_response {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            "/TriggerDesc/api/isIntegratedResponse",
            "the API gateway passes the result through as the body; an FC HTTP trigger reads it as an HTTP response",
        ));
    }
    let methods: Vec<Value> = match t.methods {
        Some(m) => m.into_iter().map(Value::String).collect(),
        None => FC_METHODS.iter().map(|m| Value::from(*m)).collect(),
    };
    let mut w = ObjWriter::new();
    w.opt("triggerName", t.name).set("authType", auth).set("methods", methods);
    if !t.internet {
        w.set("disableURLInternet", true);
    }
    w.build()
}

fn tencent_name(name: Option<String>, default: &str, losses: &mut Vec<Loss>) -> String {
    let name = name.unwrap_or_else(|| default.to_string());
    if !(1..=100).contains(&name.len()) || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            "/TriggerName",
            format!("trigger name {} may not be a valid Tencent name (letters, digits, `-`, `_`)", json::quoted(&name)),
        ));
    }
    name
}

fn write_apigw(t: HttpTrigger, losses: &mut Vec<Loss>) -> Value {
    report_dropped(&t, "tencent-apigw", losses);
    let auth_required = match t.auth {
        HttpAuth::Anonymous => false,
        HttpAuth::ApiKey => true,
        _ => {
            auth_loss(&t, "tencent-apigw", "`authRequired: TRUE` (API gateway keys)", losses);
            true
        }
    };
    let method = match t.methods.as_deref() {
        Some([one]) if APIGW_METHODS.contains(&one.as_str()) => one.clone(),
        Some(list) => {
            let every = FC_METHODS.iter().all(|m| list.iter().any(|l| l == m));
            if !every {
                losses.push(Loss::new(
                    LossCode::TriggerMethodsWidened,
                    "/methods",
                    format!(
                        "an API gateway trigger takes one of {} or ANY; {} becomes ANY, which also lets the other methods through",
                        APIGW_METHODS.join(", "),
                        list.join(", ")
                    ),
                ));
            }
            "ANY".to_string()
        }
        None => "ANY".to_string(),
    };
    if !t.internet {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            "/disableURLInternet",
            "an API gateway trigger is reachable from the internet; disableURLInternet has no counterpart here",
        ));
    }
    let name = tencent_name(t.name, "apigw", losses);
    let desc = crate::json_object! {
        "api" => crate::json_object! {
            "authRequired" => if auth_required { "TRUE" } else { "FALSE" },
            "requestConfig" => crate::json_object! { "method" => method },
            "isIntegratedResponse" => if t.integrated_response { "TRUE" } else { "FALSE" },
        },
        "release" => crate::json_object! { "environmentName" => t.stage.unwrap_or_else(|| "release".to_string()) },
    };
    let mut w = ObjWriter::new();
    w.set("Type", "apigw").set("TriggerName", name).set("TriggerDesc", desc.to_json_string()).set("Enable", if t.enabled { "OPEN" } else { "CLOSE" });
    w.build()
}

fn write_url(t: HttpTrigger, losses: &mut Vec<Loss>) -> Value {
    report_dropped(&t, "tencent-url", losses);
    let auth = match t.auth {
        HttpAuth::Anonymous => "NONE",
        HttpAuth::Signed => "CAM",
        _ => {
            auth_loss(&t, "tencent-url", "`CAM` (signed requests)", losses);
            "CAM"
        }
    };
    if let Some(list) = t.methods.as_deref() {
        if !FC_METHODS.iter().all(|m| list.iter().any(|l| l == m)) {
            losses.push(Loss::new(
                LossCode::TriggerMethodsWidened,
                "/methods",
                format!("a Function URL takes every method; only {} were allowed before", list.join(", ")),
            ));
        }
    }
    if let Some(stage) = &t.stage {
        losses.push(Loss::new(
            LossCode::StageDropped,
            "/TriggerDesc/release/environmentName",
            format!("a Function URL has no release environment; `{stage}` is dropped"),
        ));
    }
    let name = tencent_name(t.name, "url", losses);
    let desc = crate::json_object! {
        "AuthType" => auth,
        "NetConfig" => crate::json_object! { "EnableIntranet" => true, "EnableExtranet" => t.internet },
    };
    let mut w = ObjWriter::new();
    w.set("Type", "http").set("TriggerName", name).set("TriggerDesc", desc.to_json_string());
    w.build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_to(input: &str, to: &str) -> TriggerConversion {
        convert(input.as_bytes(), None, TriggerTarget::parse(to).unwrap(), None, None).unwrap()
    }

    fn codes(c: &TriggerConversion) -> Vec<&'static str> {
        c.losses.iter().map(|l| l.code.as_str()).collect()
    }

    fn desc(c: &TriggerConversion) -> Value {
        json::parse(c.config["TriggerDesc"].as_str().unwrap().as_bytes()).unwrap()
    }

    #[test]
    fn one_fc_method_becomes_that_apigw_method() {
        let c = convert_to(r#"{"triggerName":"web","authType":"anonymous","methods":["get"]}"#, "tencent");
        assert_eq!((c.from, c.to), (TriggerKind::AliyunHttp, TriggerKind::TencentApigw));
        assert_eq!(desc(&c)["api"]["requestConfig"]["method"], "GET");
        assert_eq!(desc(&c)["api"]["authRequired"], "FALSE");
        assert_eq!(desc(&c)["release"]["environmentName"], "release");
        assert_eq!(c.config["TriggerName"], "web");
        assert!(c.losses.is_empty(), "{:?}", c.losses);
    }

    #[test]
    fn several_methods_widen_to_any_with_a_loss() {
        let c = convert_to(r#"{"authType":"anonymous","methods":["GET","POST"]}"#, "tencent-apigw");
        assert_eq!(desc(&c)["api"]["requestConfig"]["method"], "ANY");
        assert_eq!(codes(&c), ["trigger-methods-widened"]);
        let all = convert_to(r#"{"authType":"anonymous","methods":["GET","POST","PUT","DELETE","HEAD","PATCH","OPTIONS"]}"#, "tencent");
        assert!(all.losses.is_empty());
        let patch = convert_to(r#"{"authType":"anonymous","methods":["PATCH"]}"#, "tencent");
        assert_eq!(desc(&patch)["api"]["requestConfig"]["method"], "ANY");
        assert_eq!(codes(&patch), ["trigger-methods-widened"]);
    }

    #[test]
    fn jwt_has_no_tencent_counterpart_and_stays_closed() {
        let c = convert_to(r#"{"authType":"jwt","methods":["GET"],"authConfig":{"jwks":{}}}"#, "tencent-url");
        assert_eq!(c.to, TriggerKind::TencentUrl);
        assert_eq!(desc(&c)["AuthType"], "CAM");
        let mut got = codes(&c);
        got.sort_unstable();
        assert_eq!(got, ["field-dropped", "trigger-auth-changed", "trigger-methods-widened"]);
    }

    #[test]
    fn function_auth_is_cam_on_a_function_url_without_loss() {
        let c =
            convert_to(r#"{"authType":"function","methods":["GET","POST","PUT","DELETE","HEAD","PATCH","OPTIONS"],"disableURLInternet":true}"#, "tencent-url");
        assert_eq!(desc(&c)["AuthType"], "CAM");
        assert_eq!(desc(&c)["NetConfig"]["EnableExtranet"], Value::Bool(false));
        assert!(c.losses.is_empty(), "{:?}", c.losses);
        let back = convert(c.config.to_json_string().as_bytes(), None, TriggerTarget::parse("aliyun").unwrap(), None, None).unwrap();
        assert_eq!(back.config["authType"], "function");
        assert_eq!(back.config["disableURLInternet"], Value::Bool(true));
    }

    #[test]
    fn apigw_to_fc_reports_stage_service_and_key_auth() {
        let input = r#"{"Type":"apigw","TriggerName":"api","TriggerDesc":"{\"api\":{\"authRequired\":\"TRUE\",\"requestConfig\":{\"method\":\"POST\"},\"isIntegratedResponse\":\"TRUE\"},\"service\":{\"serviceName\":\"s\"},\"release\":{\"environmentName\":\"test\"}}","Enable":"OPEN"}"#;
        let c = convert_to(input, "aliyun");
        assert_eq!((c.from, c.to), (TriggerKind::TencentApigw, TriggerKind::AliyunHttp));
        assert_eq!(c.config["methods"], json!(["POST"]));
        assert_eq!(c.config["authType"], "function");
        assert_eq!(c.config["triggerName"], "api");
        let mut got = codes(&c);
        got.sort_unstable();
        assert_eq!(got, ["field-dropped", "stage-dropped", "trigger-auth-changed"]);
    }

    #[test]
    fn apigw_any_is_every_fc_method() {
        let c = convert_to(r#"{"Type":"apigw","TriggerDesc":{"api":{"requestConfig":{"method":"ANY"},"isIntegratedResponse":true}}}"#, "aliyun");
        assert_eq!(c.config["methods"].as_array().unwrap().len(), 7);
        assert_eq!(c.config["authType"], "anonymous");
        assert!(c.losses.is_empty(), "{:?}", c.losses);
    }

    #[test]
    fn s_yaml_entries_are_read_and_timers_delegate() {
        let c = convert_to(r#"{"triggerName":"h","triggerType":"http","triggerConfig":{"authType":"anonymous","methods":["GET"]}}"#, "tencent");
        assert_eq!(c.config["TriggerName"], "h");
        let t = convert_to(
            r#"{"triggerName":"daily","triggerType":"timer","triggerConfig":{"cronExpression":"0 0 9 * * ?","enable":true,"payload":"p"}}"#,
            "tencent",
        );
        assert_eq!((t.from, t.to), (TriggerKind::AliyunTimer, TriggerKind::TencentTimer));
        assert_eq!(t.config["TriggerName"], "daily");
        assert!(t.cron.is_some());
        let back = convert_to(r#"{"Type":"timer","TriggerName":"n","TriggerDesc":"0 0 9 * * * *"}"#, "aliyun");
        assert_eq!(back.to, TriggerKind::AliyunTimer);
    }

    #[test]
    fn typed_errors_with_pointers() {
        let bad = |input: &str, to: &str| convert(input.as_bytes(), None, TriggerTarget::parse(to).unwrap(), None, None).unwrap_err();
        let e = bad(r#"{"authType":"anonymous","methods":["GET","BREW"]}"#, "tencent");
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidField, "/methods/1"));
        let e = bad(r#"{"Type":"apigw","TriggerDesc":{"api":{"requestConfig":{"method":"PATCH"}}}}"#, "aliyun");
        assert_eq!(e.path, "/TriggerDesc/api/requestConfig/method");
        let e = bad(r#"{"Type":"cls","TriggerDesc":"{}"}"#, "aliyun");
        assert_eq!(e.code, ErrorCode::Unsupported);
        // A COS trigger converts, so what is wrong with one is a field.
        let e = bad(r#"{"Type":"cos","TriggerDesc":"{}"}"#, "aliyun");
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingField, "/TriggerName"));
        assert_eq!(bad("[1]", "aliyun").code, ErrorCode::InvalidField);
        assert_eq!(bad(r#"{"Type":"apigw","TriggerDesc":"{not json"}"#, "aliyun").path, "/TriggerDesc");
        assert!(TriggerTarget::parse("gcp").is_err());
    }

    /// Every value of both Kafka fixtures swapped for each JSON type converts or fails with a typed error
    /// that points into the input, never a panic.
    #[test]
    fn kafka_configs_with_any_value_swapped_fail_typed() {
        fn paths(v: &Value, at: String, out: &mut Vec<String>) {
            if let Value::Object(m) = v {
                for (k, child) in m.iter() {
                    let p = json::pointer(&at, k);
                    out.push(p.clone());
                    paths(child, p, out);
                }
            }
        }
        fn swap(v: &mut Value, tokens: &[&str], with: &Value) {
            if let (Value::Object(m), Some((first, rest))) = (v, tokens.split_first()) {
                if let Some(child) = m.get_mut(first) {
                    if rest.is_empty() {
                        *child = with.clone();
                    } else {
                        swap(child, rest, with);
                    }
                }
            }
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/configs/");
        let replacements = [Value::Null, Value::Bool(true), json!(-3), json!("x"), json!([]), json!({})];
        for (file, to) in [("aliyun-kafka.json", "tencent"), ("tencent-ckafka.json", "aliyun")] {
            let original = json::parse(&std::fs::read(format!("{dir}{file}")).unwrap()).unwrap();
            let mut all = Vec::new();
            paths(&original, String::new(), &mut all);
            assert!(all.len() > 5);
            for path in &all {
                let tokens: Vec<&str> = path.trim_start_matches('/').split('/').collect();
                for with in &replacements {
                    let mut v = original.clone();
                    swap(&mut v, &tokens, with);
                    match convert(v.to_json_string().as_bytes(), None, TriggerTarget::parse(to).unwrap(), None, None) {
                        Ok(c) => assert!(c.config.is_object(), "{file} {path}"),
                        Err(e) => assert!(!e.message.is_empty(), "{file} {path}: {e:?}"),
                    }
                }
            }
        }
    }
}
