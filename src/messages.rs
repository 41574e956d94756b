//! Message-queue trigger events through one neutral [`MessageEvent`], as `src/objects.rs` does for object
//! storage. The wire shapes, their quirks and their sources are in docs/message-events.md.
//!
//! Pairs (a trigger with a counterpart on the other cloud converts to it; formats of different pairs do not
//! convert into each other, because a handler of one reads fields the other never sends):
//! - `aliyun-mns` (FC's MNS topic trigger, JSON notify format: one message, `{"TopicOwner", "TopicName",
//!   "Subscriber", "SubscriptionName", "MessageId", "Message", "MessageMD5", "MessageTag", "PublishTime"}`)
//!   ⇄ `tencent-cmq` (SCF's CMQ topic trigger: `{"Records": [{"CMQ": {"type", "topicOwner", "topicName",
//!   "subscriptionName", "publishTime", "msgId", "requestId", "msgBody", "msgTag"}}]}`).
//! - `aliyun-kafka` (FC's ApsaraMQ for Kafka trigger through EventBridge: an array of CloudEvents, each
//!   an object or, in older deliveries, a JSON string holding one; `data` has `topic`, `partition`,
//!   `offset`, `timestamp`, `headers`, `key`, `value`) ⇄ `tencent-ckafka` (`{"Records": [{"Ckafka":
//!   {"topic", "partition", "offset", "msgKey", "msgBody"}}]}`).
//! - `aliyun-rocketmq` (FC's ApsaraMQ for RocketMQ trigger, CloudEvents): no SCF counterpart; it is read
//!   and validated, and converting it elsewhere is `unsupported`.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{self, Map, Value};
use crate::model::{shorten, Extras, Loss, LossCode};
use crate::time::fraction;
use crate::validate::{DiagCode, Severity};
use crate::wire::{description_error, no_unknown_fields, Obj, ObjWriter};

/// One message, neutral.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MessageRecord {
    /// The message body, bytes (every platform sends it as JSON text: MNS `Message`, CMQ `msgBody`,
    /// Kafka `value` / `msgBody`, RocketMQ `body`).
    pub body: Vec<u8>,
    /// The message id: MNS `MessageId`, CMQ `msgId`, the CloudEvent `id` of EventBridge deliveries.
    pub message_id: Option<String>,
    /// The push request's id (CMQ `requestId`).
    pub request_id: Option<String>,
    /// Topic (or queue) name.
    pub topic: Option<String>,
    /// The topic owner's account: MNS `TopicOwner`, CMQ `topicOwner`.
    pub owner: Option<String>,
    /// The subscription that delivered the message: MNS `SubscriptionName`, CMQ `subscriptionName`.
    pub subscription: Option<String>,
    /// Message tags: MNS `MessageTag` (one), CMQ `msgTag` (a list), RocketMQ `TAGS`.
    pub tags: Vec<String>,
    /// The Kafka record key (`key`, `msgKey`) or RocketMQ `KEYS`.
    pub key: Option<String>,
    /// Kafka partition.
    pub partition: Option<i64>,
    /// Kafka offset within the partition.
    pub offset: Option<i64>,
    /// User properties (RocketMQ `userProperties`), in order.
    pub attributes: Vec<(String, String)>,
    /// When the message was published or stored, RFC 3339 with milliseconds.
    pub time: Option<String>,
    /// The time as the source wrote it, put back unchanged into the same format.
    pub raw_time: Option<Value>,
    /// The tags as the source wrote them (CMQ: a list, or one comma-separated string), put back unchanged.
    pub raw_tags: Option<Value>,
    /// The record's text when it arrived as a JSON string holding the CloudEvent (FC's older Kafka
    /// delivery), put back unchanged into the same format.
    pub raw_text: Option<String>,
}

/// A message-queue event: one or more messages, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageEvent {
    /// The format it was read from.
    pub source: Format,
    /// The messages, in order.
    pub records: Vec<MessageRecord>,
    /// Whether the payload was a top-level array (a Kafka or RocketMQ batch, an array of MNS
    /// notifications) rather than one object; kept when writing into the same format.
    pub array: bool,
    /// Fields with no neutral home (`MessageMD5`, `Subscriber`, `subject`, Kafka `headers`, …), with their
    /// record index in `parent`.
    pub extras: Extras,
}

fn not_message(format: Format) -> Error {
    Error::new(ErrorCode::Unsupported, format!("{format} is not a message-queue format")).in_format(format)
}

/// Read a message event of `format`.
///
/// # Errors
/// `missing-field` / `invalid-field` with their pointers; `unsupported` for a format that is not a
/// message format.
pub fn read_event(format: Format, value: Value) -> Result<MessageEvent> {
    if !format.is_message() {
        return Err(not_message(format));
    }
    let mut extras = Extras::default();
    let array = value.is_array();
    let records = match format {
        Format::AliyunMns => read_mns_list(value, &mut extras),
        Format::TencentCmq | Format::TencentCkafka => read_records(format, value, &mut extras),
        _ => read_cloud_events(format, value, &mut extras),
    }
    .map_err(|e| e.in_format(format))?;
    Ok(MessageEvent { source: format, records, extras, array })
}

/// A whole number that may arrive as a string.
fn integer(o: &mut Obj, key: &str) -> Result<Option<i64>> {
    let path = o.path_of(key);
    match o.str(key)? {
        None => Ok(None),
        Some(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| Error::at(ErrorCode::InvalidField, path, format!("`{key}` must be a whole number, saw `{}`", shorten(&text)))),
    }
}

/// RFC 3339 with milliseconds of a Unix time in milliseconds.
pub fn millis_to_rfc3339(ms: i64) -> String {
    let whole = crate::time::format_rfc3339(ms.div_euclid(1000), 0);
    format!("{}.{:03}Z", whole.trim_end_matches('Z'), ms.rem_euclid(1000))
}

/// Unix milliseconds of an RFC 3339 instant (digits beyond milliseconds dropped).
pub fn rfc3339_to_millis(time: &str) -> Option<i64> {
    let secs = crate::time::parse_rfc3339(time)?;
    let millis = fraction(time).map(|f| format!("{:0<3}", f.get(..3).unwrap_or(f)).parse::<i64>().unwrap_or(0)).unwrap_or(0);
    secs.checked_mul(1000)?.checked_add(millis)
}

/// The neutral time of a raw time: Unix milliseconds (a number or digits) or an RFC 3339 text as it is.
fn time_of(raw: &Value) -> Option<String> {
    match raw {
        Value::Number(n) => n.as_i64().map(millis_to_rfc3339),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok().map(millis_to_rfc3339),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn body_of(text: Option<String>) -> Vec<u8> {
    text.map(String::into_bytes).unwrap_or_default()
}

/// One MNS notification, or an array of them: the form this library writes for several messages (FC
/// invokes an MNS topic trigger once per message; an adapter invokes the handler once per item).
fn read_mns_list(value: Value, extras: &mut Extras) -> Result<Vec<MessageRecord>> {
    match value {
        Value::Array(items) => items.into_iter().enumerate().map(|(i, item)| read_mns(item, &format!("/{i}"), &[&i.to_string()], extras)).collect(),
        other => read_mns(other, "", &[], extras).map(|r| vec![r]),
    }
}

// Not inlined: one copy serves conversion and validation (the tools wasm module's size).
#[inline(never)]
fn read_mns(value: Value, path: &str, parent: &[&str], extras: &mut Extras) -> Result<MessageRecord> {
    const F: Format = Format::AliyunMns;
    let mut o = Obj::new(value, path)?;
    if !o.has("Message") {
        return Err(Error::at(ErrorCode::MissingField, o.path_of("Message"), "`Message` is required (an MNS topic trigger's JSON notify format)"));
    }
    let body = body_of(o.str("Message")?);
    let raw_time = o.take("PublishTime").filter(|v| !v.is_null());
    let tag = o.str("MessageTag")?;
    let record = MessageRecord {
        body,
        message_id: o.str("MessageId")?,
        topic: o.str("TopicName")?,
        owner: o.str("TopicOwner")?,
        subscription: o.str("SubscriptionName")?,
        tags: tag.iter().filter(|t| !t.is_empty()).cloned().collect(),
        raw_tags: tag.map(Value::from),
        time: raw_time.as_ref().and_then(time_of),
        raw_time,
        ..MessageRecord::default()
    };
    extras.keep(F, parent, o.rest());
    Ok(record)
}

fn list_key(format: Format) -> &'static str {
    if format == Format::TencentCmq {
        "CMQ"
    } else {
        "Ckafka"
    }
}

fn read_records(format: Format, value: Value, extras: &mut Extras) -> Result<Vec<MessageRecord>> {
    let mut top = Obj::new(value, "")?;
    let items = match top.take("Records") {
        Some(Value::Array(items)) => items,
        None | Some(Value::Null) => return Err(Error::at(ErrorCode::MissingField, "/Records", "`Records` is required")),
        Some(other) => return Err(Error::at(ErrorCode::InvalidField, "/Records", format!("`Records` must be an array, saw {}", json::type_name(&other)))),
    };
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let index = i.to_string();
        let mut r = Obj::new(item, &format!("/Records/{i}"))?;
        let inner_key = list_key(format);
        let path = r.path_of(inner_key);
        let inner = r.obj(inner_key)?.ok_or_else(|| Error::at(ErrorCode::MissingField, path, format!("`{inner_key}` is required")))?;
        let record = if format == Format::TencentCmq { read_cmq(inner, &index, extras)? } else { read_ckafka(inner, &index, extras)? };
        extras.keep(format, &["Records", &index], r.rest());
        records.push(record);
    }
    extras.keep(format, &[], top.rest());
    Ok(records)
}

// Not inlined: one copy serves conversion and validation (the tools wasm module's size).
#[inline(never)]
fn read_cmq(mut m: Obj, index: &str, extras: &mut Extras) -> Result<MessageRecord> {
    const F: Format = Format::TencentCmq;
    let tags_path = m.path_of("msgTag");
    let raw_tags = m.take("msgTag").filter(|v| !v.is_null());
    let tags = match &raw_tags {
        None => Vec::new(),
        Some(Value::String(s)) => s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect(),
        Some(Value::Array(items)) => {
            let mut tags = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(t) => tags.push(t.to_string()),
                    None => {
                        return Err(Error::at(
                            ErrorCode::InvalidField,
                            format!("{tags_path}/{i}"),
                            format!("a tag must be a string, saw {}", json::type_name(item)),
                        ))
                    }
                }
            }
            tags
        }
        Some(other) => {
            return Err(Error::at(ErrorCode::InvalidField, tags_path, format!("`msgTag` must be a list or a string, saw {}", json::type_name(other))))
        }
    };
    let raw_time = m.take("publishTime").filter(|v| !v.is_null());
    let record = MessageRecord {
        body: body_of(m.str("msgBody")?),
        message_id: m.str("msgId")?,
        request_id: m.str("requestId")?,
        topic: m.str("topicName")?,
        owner: m.str("topicOwner")?,
        subscription: m.str("subscriptionName")?,
        tags,
        raw_tags,
        time: raw_time.as_ref().and_then(time_of),
        raw_time,
        ..MessageRecord::default()
    };
    extras.keep_unless_constant(&mut m, "type", "topic", F, &["Records", index, "CMQ"]);
    extras.keep(F, &["Records", index, "CMQ"], m.rest());
    Ok(record)
}

// Not inlined: one copy serves conversion and validation (the tools wasm module's size).
#[inline(never)]
fn read_ckafka(mut m: Obj, index: &str, extras: &mut Extras) -> Result<MessageRecord> {
    let record = MessageRecord {
        topic: m.str("topic")?,
        partition: integer(&mut m, "partition")?,
        offset: integer(&mut m, "offset")?,
        key: m.str("msgKey")?,
        body: body_of(m.str("msgBody")?),
        ..MessageRecord::default()
    };
    extras.keep(Format::TencentCkafka, &["Records", index, "Ckafka"], m.rest());
    Ok(record)
}

/// The CloudEvent `source` and `type` of an EventBridge delivery of `format`.
fn cloud_event_kind(format: Format) -> (&'static str, &'static str) {
    if format == Format::AliyunKafka {
        ("acs:alikafka", "alikafka:Topic:Message")
    } else {
        ("acs:mq", "mq:Topic:SendMessage")
    }
}

fn read_cloud_events(format: Format, value: Value, extras: &mut Extras) -> Result<Vec<MessageRecord>> {
    // A batch is an array; RocketMQ's sample without batching is one CloudEvent.
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        other => return Err(Error::at(ErrorCode::InvalidField, "", format!("expected an array of CloudEvents, saw {}", json::type_name(&other)))),
    };
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("/{i}");
        let (item, raw_text) = match item {
            Value::String(text) => (
                json::parse(text.as_bytes())
                    .map_err(|e| Error::at(ErrorCode::InvalidField, path.clone(), format!("a record given as text must hold a CloudEvent: {}", e.message)))?,
                Some(text),
            ),
            other => (other, None),
        };
        let mut record = read_cloud_event(format, Obj::new(item, &path)?, &i.to_string(), extras)?;
        record.raw_text = raw_text;
        records.push(record);
    }
    Ok(records)
}

// Not inlined: one copy serves conversion and validation (the tools wasm module's size).
#[inline(never)]
fn read_cloud_event(format: Format, mut e: Obj, index: &str, extras: &mut Extras) -> Result<MessageRecord> {
    let data_path = e.path_of("data");
    let mut data = e.obj("data")?.ok_or_else(|| Error::at(ErrorCode::MissingField, data_path, "`data` is required"))?;
    let mut record = MessageRecord { message_id: e.str("id")?, topic: data.str("topic")?, ..MessageRecord::default() };
    let event_time = e.take("time").filter(|v| !v.is_null());
    let kafka = format == Format::AliyunKafka;
    if kafka {
        record.partition = integer(&mut data, "partition")?;
        record.offset = integer(&mut data, "offset")?;
        record.key = data.str("key")?;
        record.body = body_of(data.str("value")?);
        record.raw_time = data.take("timestamp").filter(|v| !v.is_null());
    } else {
        record.body = body_of(data.str("body")?);
        record.attributes = data.map("userProperties")?;
        if let Some(mut system) = data.obj("systemProperties")? {
            record.tags = system.str("TAGS")?.into_iter().filter(|t| !t.is_empty()).collect();
            record.key = system.str("KEYS")?;
            extras.keep(format, &[index, "data", "systemProperties"], system.rest());
        }
    }
    // Kafka: the record's own `timestamp` is the message time, and the CloudEvent's `time` (when the
    // timestamp is missing, the time) stays an extra; RocketMQ has only the CloudEvent's `time`.
    let event_time_text = event_time.as_ref().and_then(time_of);
    match event_time {
        Some(t) if kafka => extras.keep_one(format, &[index], "time", t),
        Some(t) => record.raw_time = Some(t),
        None => {}
    }
    record.time = record.raw_time.as_ref().and_then(time_of).or(event_time_text);
    let (source, kind) = cloud_event_kind(format);
    extras.keep_unless_constant(&mut e, "source", source, format, &[index]);
    extras.keep_unless_constant(&mut e, "type", kind, format, &[index]);
    extras.keep_unless_constant(&mut e, "specversion", "1.0", format, &[index]);
    extras.keep_unless_constant(&mut e, "datacontenttype", "application/json; charset=utf-8", format, &[index]);
    extras.keep(format, &[index, "data"], data.rest());
    extras.keep(format, &[index], e.rest());
    Ok(record)
}

fn records_prefix(format: Format) -> Option<&'static str> {
    match format {
        Format::TencentCmq | Format::TencentCkafka => Some("Records"),
        _ => None,
    }
}

/// Where a neutral field of record `i` lives in `format` (for loss paths).
fn pointer(format: Format, i: usize, field: &str) -> String {
    match format {
        Format::AliyunMns if i == 0 => format!("/{field}"),
        Format::AliyunMns => format!("/{i}/{field}"),
        Format::TencentCmq => format!("/Records/{i}/CMQ/{field}"),
        Format::TencentCkafka => format!("/Records/{i}/Ckafka/{field}"),
        _ if field == "id" || field == "time" => format!("/{i}/{field}"),
        _ => format!("/{i}/data/{field}"),
    }
}

/// Why two message formats do not convert into each other, or `None` when they do.
fn refusal(from: Format, to: Format) -> Option<String> {
    if from == to || from.targets().contains(&to) {
        return None;
    }
    let why = if from == Format::AliyunRocketmq || to == Format::AliyunRocketmq {
        "Tencent SCF has no RocketMQ trigger (its trigger list and event structures, 583/31439, name CMQ and CKafka), so no SCF handler expects this event"
            .to_string()
    } else {
        let pair = |f: Format| {
            if matches!(f, Format::AliyunMns | Format::TencentCmq) {
                "a topic push (MNS ⇄ CMQ)"
            } else {
                "a Kafka batch (ApsaraMQ for Kafka ⇄ CKafka)"
            }
        };
        format!("{from} is {} and {to} {}: a handler of one reads fields the other never sends", pair(from), pair(to))
    };
    Some(format!("cannot convert {from} into {to}: {why}"))
}

/// Write a message event as `format`, reporting what it cannot carry.
///
/// # Errors
/// `unsupported` for a format that is not a message format, for formats that are not counterparts
/// ([`Format::targets`]: RocketMQ has none), and for several messages into `aliyun-mns`, which delivers
/// one message per invocation.
pub fn write_event(format: Format, mut event: MessageEvent, losses: &mut Vec<Loss>) -> Result<Value> {
    if !format.is_message() {
        return Err(not_message(format));
    }
    if let Some(why) = refusal(event.source, format) {
        return Err(Error::new(ErrorCode::Unsupported, why).in_format(event.source));
    }
    let same = event.source == format;
    // One object, not an array: MNS and RocketMQ notifications that came (or are written) one at a time.
    let single = if same { !event.array } else { event.records.len() == 1 };
    if format == Format::AliyunMns && !single && !same {
        losses.push(Loss::new(
            LossCode::MessageRecordsSplit,
            records_prefix(event.source).map(|l| format!("/{l}")).unwrap_or_default(),
            format!(
                "FC invokes an MNS topic trigger once per message; the {} messages are written as an array of notifications, one per invocation",
                event.records.len()
            ),
        ));
    }
    let mut per_record = event.extras.split_by_record(records_prefix(event.source), event.records.len());
    let mut items = Vec::with_capacity(event.records.len());
    for (i, (record, extras)) in event.records.into_iter().zip(per_record.iter_mut()).enumerate() {
        let index = i.to_string();
        let w = Writer { format, source: event.source, same, i, index: &index };
        let item = match format {
            Format::AliyunMns => w.mns(record, extras, single.then_some(&mut event.extras), losses),
            Format::TencentCmq => w.cmq(record, extras, losses),
            Format::TencentCkafka => w.ckafka(record, extras, losses),
            _ => w.cloud_event(record, extras, losses),
        };
        extras.report_dropped(format, losses);
        items.push(item);
    }
    event.extras.report_dropped(format, losses);
    Ok(match format {
        Format::AliyunMns if single => items.into_iter().next().unwrap_or_else(|| Value::Object(Map::new())),
        Format::TencentCmq | Format::TencentCkafka => {
            let mut w = ObjWriter::new();
            w.set("Records", Value::Array(items)).extras(event.extras.take(format, &[]));
            w.build()
        }
        Format::AliyunRocketmq if single => items.into_iter().next().unwrap_or_else(|| Value::Object(Map::new())),
        _ => Value::Array(items),
    })
}

/// Split an event into one event per record (extras follow their record), e.g. to deliver a CMQ or
/// CKafka batch to an `aliyun-mns` handler, which takes one message per invocation.
pub fn split_records(mut event: MessageEvent) -> Vec<MessageEvent> {
    let prefix = records_prefix(event.source);
    let per_record = event.extras.split_by_record(prefix, event.records.len());
    let source = event.source;
    event
        .records
        .into_iter()
        .zip(per_record)
        .map(|(record, extras)| {
            // Each record becomes record 0 of its own event.
            let extras = Extras(
                extras
                    .0
                    .into_iter()
                    .map(|mut e| {
                        let at = usize::from(prefix.is_some());
                        if let Some(slot) = e.parent.get_mut(at) {
                            *slot = "0".into();
                        }
                        e
                    })
                    .chain(event.extras.0.iter().cloned())
                    .collect(),
            );
            MessageEvent { source, records: vec![record], extras, array: false }
        })
        .collect()
}

/// An `aliyun-mns` event read from the STREAM notify format (the trigger's default), in which FC hands the
/// function the message body alone, as published: one message with that body and nothing else.
pub fn read_stream(body: Vec<u8>) -> MessageEvent {
    MessageEvent { source: Format::AliyunMns, records: vec![MessageRecord { body, ..MessageRecord::default() }], extras: Extras::default(), array: false }
}

/// The bodies an MNS topic trigger in the STREAM notify format would hand the function for `event`, one
/// per message (one invocation each). Everything but the body has no place there: each record's other
/// fields are reported as one `field-dropped` loss at the record, and its extras as usual.
pub fn write_stream(mut event: MessageEvent, losses: &mut Vec<Loss>) -> Vec<Vec<u8>> {
    let source = event.source;
    let mut per_record = event.extras.split_by_record(records_prefix(source), event.records.len());
    let mut bodies = Vec::with_capacity(event.records.len());
    for (i, (r, extras)) in event.records.into_iter().zip(per_record.iter_mut()).enumerate() {
        let fields: Vec<&str> = [
            ("message id", r.message_id.is_some()),
            ("request id", r.request_id.is_some()),
            ("topic", r.topic.is_some()),
            ("owner", r.owner.is_some()),
            ("subscription", r.subscription.is_some()),
            ("tags", !r.tags.is_empty()),
            ("key", r.key.is_some()),
            ("partition", r.partition.is_some()),
            ("offset", r.offset.is_some()),
            ("attributes", !r.attributes.is_empty()),
            ("time", r.time.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect();
        if !fields.is_empty() {
            let at = match records_prefix(source) {
                Some(list) => format!("/{list}/{i}"),
                None if event.array => format!("/{i}"),
                None => String::new(),
            };
            losses.push(Loss::new(
                LossCode::FieldDropped,
                at,
                format!("the STREAM notify format carries the message body alone; its {} were dropped", fields.join(", ")),
            ));
        }
        extras.report_dropped(Format::AliyunMns, losses);
        bodies.push(r.body);
    }
    event.extras.report_dropped(Format::AliyunMns, losses);
    bodies
}

/// The body as JSON text: itself when UTF-8; else base64 of the bytes, with a `binary-body` loss.
fn body_text(body: Vec<u8>, path: String, losses: &mut Vec<Loss>) -> String {
    match String::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            losses.push(Loss::new(LossCode::BinaryBody, path, "the message body is not UTF-8 and the target carries text: written as base64 of the bytes"));
            crate::model::base64_encode(e.as_bytes())
        }
    }
}

/// A topic owner as CMQ writes it: a number (`topicOwner` is an integer in its typed libraries) when it is one.
fn owner_value(owner: String) -> Value {
    match owner.parse::<u64>() {
        Ok(n) => Value::from(n),
        Err(_) => Value::from(owner),
    }
}

struct Writer<'a> {
    format: Format,
    source: Format,
    same: bool,
    i: usize,
    index: &'a str,
}

impl Writer<'_> {
    fn lost(&self, losses: &mut Vec<Loss>, code: LossCode, field: &str, message: String) {
        losses.push(Loss::new(code, pointer(self.source, self.i, field), message));
    }

    /// The time as `format` writes it: the raw value into the same format; else through `convert`.
    fn time(&self, r: &mut MessageRecord, field: &str, losses: &mut Vec<Loss>, convert: fn(&str) -> Option<Value>) -> Option<Value> {
        if self.same {
            return r.raw_time.take();
        }
        let text = r.time.take()?;
        let value = convert(&text);
        if value.is_none() {
            self.lost(losses, LossCode::TimeDropped, field, format!("`{}` is not an instant, and {} needs one", shorten(&text), self.format));
        }
        value
    }

    fn common_drops(&self, r: &MessageRecord, losses: &mut Vec<Loss>) {
        let (id_field, rid_field) = match self.source {
            Format::AliyunMns => ("MessageId", "requestId"),
            Format::TencentCmq => ("msgId", "requestId"),
            _ => ("id", "requestId"),
        };
        let carries_id = matches!(self.format, Format::AliyunMns | Format::TencentCmq | Format::AliyunKafka | Format::AliyunRocketmq);
        if let (Some(id), false) = (&r.message_id, carries_id) {
            self.lost(losses, LossCode::MessageIdDropped, id_field, format!("{} records carry no message id; `{}` was dropped", self.format, shorten(id)));
        }
        if let (Some(id), false) = (&r.request_id, self.format == Format::TencentCmq) {
            self.lost(losses, LossCode::RequestIdDropped, rid_field, format!("{} events carry no request id; `{}` was dropped", self.format, shorten(id)));
        }
    }

    /// One MNS notification; `top` holds the extras of a notification that is the whole event.
    fn mns(&self, mut r: MessageRecord, extras: &mut Extras, top: Option<&mut Extras>, losses: &mut Vec<Loss>) -> Value {
        const F: Format = Format::AliyunMns;
        self.common_drops(&r, losses);
        let time = self.time(&mut r, "publishTime", losses, |t| rfc3339_to_millis(t).map(Value::from));
        let tag = match (self.same, r.raw_tags.take()) {
            (true, raw) => raw,
            _ if r.tags.len() > 1 => {
                self.lost(
                    losses,
                    LossCode::MessageTagsJoined,
                    "msgTag",
                    format!("an MNS message has one tag; the {} tags were joined with `,` into one", r.tags.len()),
                );
                Some(Value::from(r.tags.join(",")))
            }
            _ => r.tags.pop().map(Value::from),
        };
        let mut w = ObjWriter::new();
        w.opt("TopicOwner", r.owner)
            .opt("TopicName", r.topic)
            .opt("SubscriptionName", r.subscription)
            .opt("MessageId", r.message_id)
            .set("Message", body_text(r.body, pointer(self.source, self.i, "msgBody"), losses))
            .opt("MessageTag", tag)
            .opt("PublishTime", time);
        w.extras(extras.take(F, &[self.index]));
        if let Some(top) = top {
            w.extras(top.take(F, &[]));
        }
        w.build()
    }

    fn cmq(&self, mut r: MessageRecord, extras: &mut Extras, losses: &mut Vec<Loss>) -> Value {
        const F: Format = Format::TencentCmq;
        self.common_drops(&r, losses);
        let time = self.time(&mut r, "PublishTime", losses, |t| rfc3339_to_millis(t).map(|ms| Value::from(millis_to_rfc3339(ms))));
        let tags = match (self.same, r.raw_tags.take()) {
            (true, raw) => raw,
            _ if r.tags.is_empty() => None,
            _ => Some(Value::from(std::mem::take(&mut r.tags))),
        };
        let mut m = ObjWriter::new();
        m.set("type", "topic")
            .opt("topicOwner", r.owner.map(owner_value))
            .opt("topicName", r.topic)
            .opt("subscriptionName", r.subscription)
            .opt("publishTime", time)
            .opt("msgId", r.message_id)
            .opt("requestId", r.request_id)
            .set("msgBody", body_text(r.body, pointer(self.source, self.i, "Message"), losses))
            .opt("msgTag", tags);
        m.extras(extras.take(F, &["Records", self.index, "CMQ"]));
        let mut w = ObjWriter::new();
        w.set("CMQ", m.build()).extras(extras.take(F, &["Records", self.index]));
        w.build()
    }

    fn ckafka(&self, mut r: MessageRecord, extras: &mut Extras, losses: &mut Vec<Loss>) -> Value {
        const F: Format = Format::TencentCkafka;
        self.common_drops(&r, losses);
        if let (Some(time), false) = (r.time.take(), self.same) {
            self.lost(losses, LossCode::TimeDropped, "timestamp", format!("CKafka records carry no time; `{}` was dropped", shorten(&time)));
        }
        let mut m = ObjWriter::new();
        m.opt("topic", r.topic).opt("partition", r.partition).opt("offset", r.offset).opt("msgKey", r.key);
        m.set("msgBody", body_text(r.body, pointer(self.source, self.i, "value"), losses));
        m.extras(extras.take(F, &["Records", self.index, "Ckafka"]));
        let mut w = ObjWriter::new();
        w.set("Ckafka", m.build()).extras(extras.take(F, &["Records", self.index]));
        w.build()
    }

    fn cloud_event(&self, mut r: MessageRecord, extras: &mut Extras, losses: &mut Vec<Loss>) -> Value {
        let f = self.format;
        self.common_drops(&r, losses);
        let kafka = f == Format::AliyunKafka;
        let time = self.time(&mut r, "msgTime", losses, |t| rfc3339_to_millis(t).map(Value::from));
        let mut data = ObjWriter::new();
        data.opt("topic", r.topic.clone());
        if kafka {
            data.opt("partition", r.partition).opt("offset", r.offset).opt("timestamp", time.clone());
            data.extras(extras.take(f, &[self.index, "data"]));
            data.or_set("headers", crate::json_object! { "headers" => Value::Array(Vec::new()), "isReadOnly" => false });
            data.opt("key", r.key).set("value", body_text(r.body, pointer(self.source, self.i, "msgBody"), losses));
        } else {
            let mut system = ObjWriter::new();
            system.opt("TAGS", (!r.tags.is_empty()).then(|| r.tags.join("||"))).opt("KEYS", r.key);
            system.extras(extras.take(f, &[self.index, "data", "systemProperties"]));
            data.set("systemProperties", system.build()).set("userProperties", crate::wire::flat_map(r.attributes));
            data.set("body", body_text(r.body, pointer(self.source, self.i, "body"), losses));
            data.extras(extras.take(f, &[self.index, "data"]));
        }
        let (source, kind) = cloud_event_kind(f);
        let mut e = ObjWriter::new();
        e.opt("id", r.message_id);
        e.extras(extras.take(f, &[self.index]));
        e.or_set("source", source).or_set("specversion", "1.0").or_set("type", kind).or_set("datacontenttype", "application/json; charset=utf-8");
        // The event's time: kept as written when it was an extra; else the message's own.
        if !kafka {
            e.opt("time", time.clone());
        } else if let (false, Some(t)) = (self.same, r.time.or_else(|| time.as_ref().and_then(time_of))) {
            e.or_set("time", t);
        }
        e.set("data", data.build());
        match (r.raw_text, self.same) {
            (Some(text), true) => Value::from(text),
            _ => e.build(),
        }
    }
}

/// Diagnostics for a message event: what reading refuses, no records, times the platform would not send.
// Not inlined: one copy serves conversion and validation (the tools wasm module's size).
#[inline(never)]
pub(crate) fn check_event(value: Value, format: Format, push: &mut dyn FnMut(DiagCode, Severity, String, String)) {
    let event = match read_event(format, value) {
        Ok(e) => e,
        Err(e) => {
            let code = if e.code == ErrorCode::MissingField { DiagCode::MissingField } else { DiagCode::InvalidField };
            push(code, Severity::Error, e.path, e.message);
            return;
        }
    };
    if event.records.is_empty() {
        let path = records_prefix(format).map(|l| format!("/{l}")).unwrap_or_default();
        push(DiagCode::MessageRecordsEmpty, Severity::Error, path, format!("the event has no messages: {format} always sends at least one"));
    }
    for (i, r) in event.records.iter().enumerate() {
        let (field, ok, what) = match (format, &r.raw_time) {
            (_, None) => continue,
            (Format::AliyunMns, Some(raw)) => {
                ("PublishTime", matches!(raw, Value::Number(_)) || raw.as_str().is_some_and(|s| s.parse::<i64>().is_ok()), "Unix milliseconds")
            }
            (Format::TencentCmq, Some(raw)) => ("publishTime", raw.as_str().is_some_and(|s| crate::time::parse_rfc3339(s).is_some()), "an RFC 3339 instant"),
            (Format::AliyunKafka, Some(raw)) => {
                ("timestamp", matches!(raw, Value::Number(_)) || raw.as_str().is_some_and(|s| crate::time::parse_rfc3339(s).is_some()), "Unix milliseconds")
            }
            (_, Some(raw)) => ("time", raw.as_str().is_some_and(|s| crate::time::parse_rfc3339(s).is_some()), "an RFC 3339 instant"),
        };
        if !ok {
            push(DiagCode::MessageTimeInvalid, Severity::Warning, pointer(format, i, field), format!("the message time is not {what}, which {format} sends"));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Events from a short description (`trigger-bridge message`, the package's `eventFromMessage`).

/// One message of a [`MessageSpec`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecMessage {
    /// The body, text.
    pub body: String,
    /// Kafka record key (Kafka formats only).
    pub key: Option<String>,
    /// Kafka partition.
    pub partition: Option<i64>,
    /// Kafka offset.
    pub offset: Option<i64>,
    /// Message id.
    pub message_id: Option<String>,
    /// Tags (MNS: one; CMQ: a list; RocketMQ `TAGS`).
    pub tags: Vec<String>,
}

/// A short description of messages delivered to a function, from which [`event_from_spec`] builds the
/// event a trigger would deliver.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MessageSpec {
    /// The messages, in order (at least one).
    pub messages: Vec<SpecMessage>,
    /// Topic name.
    pub topic: Option<String>,
    /// Topic owner (MNS `TopicOwner`, CMQ `topicOwner`).
    pub owner: Option<String>,
    /// Subscription name (MNS, CMQ).
    pub subscription: Option<String>,
    /// Push request id (CMQ).
    pub request_id: Option<String>,
    /// When the messages were published, RFC 3339; the caller's clock when absent.
    pub time: Option<String>,
}

/// A body given as text, or any other JSON value as its JSON text.
fn spec_body(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => other.to_json_string(),
    }
}

fn spec_int(o: &mut Obj, key: &str) -> Result<Option<i64>> {
    let path = o.path_of(key);
    match o.take(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match &v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
        .map(Some)
        .ok_or_else(|| Error::at(ErrorCode::InvalidRequest, path, format!("`{key}` must be a whole number"))),
    }
}

fn spec_tags(o: &mut Obj, key: &str) -> Result<Option<Vec<String>>> {
    let path = o.path_of(key);
    match o.take(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(vec![s])),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err(Error::at(ErrorCode::InvalidRequest, path.clone(), "a tag is a string")),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some),
        Some(_) => Err(Error::at(ErrorCode::InvalidRequest, path, "`tags` is a string or a list of strings")),
    }
}

impl MessageSpec {
    /// Read a description from its JSON form: `{"body" | "messages": [body | {"body", "key", "partition",
    /// "offset", "messageId", "tags"}], "key", "partition", "offset", "messageId", "tags", "topic", "owner",
    /// "subscription", "requestId", "time"}`. A body that is not a string is sent as its JSON text; `key`,
    /// `partition`, `offset`, `messageId` and `tags` beside `body` or `messages` apply to every message
    /// that does not give its own.
    ///
    /// # Errors
    /// `invalid-request` with the pointer at fault, a field this description does not know included.
    pub fn from_json(value: Value) -> Result<MessageSpec> {
        let mut o = Obj::new(value, "").map_err(description_error)?;
        let shared = SpecMessage {
            body: String::new(),
            key: o.str("key").map_err(description_error)?,
            partition: spec_int(&mut o, "partition")?,
            offset: spec_int(&mut o, "offset")?,
            message_id: o.str("messageId").map_err(description_error)?,
            tags: spec_tags(&mut o, "tags")?.unwrap_or_default(),
        };
        let mut messages = Vec::new();
        if let Some(body) = o.take("body").filter(|v| !v.is_null()) {
            messages.push(SpecMessage { body: spec_body(body), ..shared.clone() });
        }
        match o.take("messages") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    let path = format!("/messages/{i}");
                    let message = match item {
                        Value::Object(_) => {
                            let mut m = Obj::new(item, &path).map_err(description_error)?;
                            let body = m
                                .take("body")
                                .map(spec_body)
                                .ok_or_else(|| Error::at(ErrorCode::InvalidRequest, format!("{path}/body"), "a message needs a body"))?;
                            let message = SpecMessage {
                                body,
                                key: m.str("key").map_err(description_error)?.or_else(|| shared.key.clone()),
                                partition: spec_int(&mut m, "partition")?.or(shared.partition),
                                offset: spec_int(&mut m, "offset")?.or(shared.offset),
                                message_id: m.str("messageId").map_err(description_error)?.or_else(|| shared.message_id.clone()),
                                tags: spec_tags(&mut m, "tags")?.unwrap_or_else(|| shared.tags.clone()),
                            };
                            no_unknown_fields(m.rest(), &path, "a message description")?;
                            message
                        }
                        other => SpecMessage { body: spec_body(other), ..shared.clone() },
                    };
                    messages.push(message);
                }
            }
            Some(other) => {
                return Err(Error::at(ErrorCode::InvalidRequest, "/messages", format!("`messages` must be an array, saw {}", json::type_name(&other))))
            }
        }
        let spec = MessageSpec {
            messages,
            topic: o.str("topic").map_err(description_error)?,
            owner: o.str("owner").map_err(description_error)?,
            subscription: o.str("subscription").map_err(description_error)?,
            request_id: o.str("requestId").map_err(description_error)?,
            time: o.str("time").map_err(description_error)?,
        };
        no_unknown_fields(o.rest(), "", "a message description")?;
        Ok(spec)
    }
}

/// Build the message event `to` would deliver for a description: one record per message, times and tags
/// in its form. What `to` cannot carry is a loss at the description's field: a key, partition or offset
/// into MNS or CMQ (`field-dropped`), tags into Kafka formats (`field-dropped`), several tags into MNS
/// (`message-tags-joined`), a message id into CKafka (`message-id-dropped`), several messages into MNS
/// (`message-records-split`: an array of notifications, one per invocation).
///
/// # Errors
/// `unsupported` for a format that is not a message format; `invalid-request` for no messages or a time
/// that is not an RFC 3339 instant.
pub fn event_from_spec(spec: MessageSpec, to: Format, now_ms: i64) -> Result<crate::Conversion> {
    if !to.is_message() {
        return Err(not_message(to));
    }
    if spec.messages.is_empty() {
        return Err(Error::at(ErrorCode::InvalidRequest, "/body", "a message event needs at least one message"));
    }
    let ms = match &spec.time {
        None => now_ms,
        Some(t) => rfc3339_to_millis(t).ok_or_else(|| Error::at(ErrorCode::InvalidRequest, "/time", format!("`{}` is not an RFC 3339 instant", shorten(t))))?,
    };
    let kafka = matches!(to, Format::AliyunKafka | Format::TencentCkafka);
    // RocketMQ carries a key (`KEYS`) and tags (`TAGS`), no partition or offset.
    let keyed = kafka || to == Format::AliyunRocketmq;
    let mut losses = Vec::new();
    let several = spec.messages.len() > 1;
    if several && to == Format::AliyunMns {
        losses.push(Loss::new(
            LossCode::MessageRecordsSplit,
            "/messages",
            format!(
                "FC invokes an MNS topic trigger once per message; the {} messages are written as an array of notifications, one per invocation",
                spec.messages.len()
            ),
        ));
    }
    let mut records = Vec::with_capacity(spec.messages.len());
    for (i, m) in spec.messages.into_iter().enumerate() {
        let at = |field: &str| if several { format!("/messages/{i}/{field}") } else { format!("/{field}") };
        let mut drop = |field: &str, what: String| losses.push(Loss::new(LossCode::FieldDropped, at(field), what));
        if let (Some(key), false) = (&m.key, keyed) {
            drop("key", format!("{to} messages carry no key; `{}` was dropped", shorten(key)));
        }
        if !kafka && (m.partition.is_some() || m.offset.is_some()) {
            drop("partition", format!("{to} messages carry no partition or offset"));
        }
        if kafka && !m.tags.is_empty() {
            drop("tags", format!("{to} records carry no tags"));
        }
        if to == Format::TencentCkafka {
            if let Some(id) = &m.message_id {
                losses.push(Loss::new(
                    LossCode::MessageIdDropped,
                    at("messageId"),
                    format!("tencent-ckafka records carry no message id; `{}` was dropped", shorten(id)),
                ));
            }
        }
        if to == Format::AliyunMns && m.tags.len() > 1 {
            losses.push(Loss::new(
                LossCode::MessageTagsJoined,
                at("tags"),
                format!("an MNS message has one tag; the {} tags were joined with `,`", m.tags.len()),
            ));
        }
        let raw_time = match to {
            Format::TencentCmq | Format::AliyunRocketmq => Some(Value::from(millis_to_rfc3339(ms))),
            Format::TencentCkafka => None,
            _ => Some(Value::from(ms)),
        };
        let raw_tags = match to {
            Format::AliyunMns if !m.tags.is_empty() => Some(Value::from(m.tags.join(","))),
            Format::TencentCmq if !m.tags.is_empty() => Some(Value::from(m.tags.clone())),
            _ => None,
        };
        records.push(MessageRecord {
            body: m.body.into_bytes(),
            message_id: m.message_id.filter(|_| to != Format::TencentCkafka),
            request_id: spec.request_id.clone().filter(|_| to == Format::TencentCmq),
            topic: spec.topic.clone(),
            owner: spec.owner.clone(),
            subscription: spec.subscription.clone(),
            tags: m.tags,
            key: m.key.filter(|_| keyed),
            partition: m.partition.filter(|_| kafka),
            offset: m.offset.filter(|_| kafka),
            attributes: Vec::new(),
            time: Some(millis_to_rfc3339(ms)),
            raw_time,
            raw_tags,
            raw_text: None,
        });
    }
    if let (Some(id), false) = (&spec.request_id, to == Format::TencentCmq) {
        losses.push(Loss::new(LossCode::RequestIdDropped, "/requestId", format!("{to} events carry no request id; `{}` was dropped", shorten(id))));
    }
    let array = several || to == Format::AliyunKafka;
    // Written into its own format, so the writer reports nothing: every loss is the description's, above.
    let output = write_event(to, MessageEvent { source: to, records, array, extras: Extras::default() }, &mut losses)?;
    Ok(crate::Conversion::finish(crate::Kind::Event, None, to, output, losses))
}

// ---------------------------------------------------------------------------------------------------------
// Trigger configurations: an FC MNS topic trigger (a Serverless Devs `s.yaml` entry) ⇄ an SCF CMQ topic
// trigger (a Serverless Framework `serverless.yml` event entry).

/// A topic trigger configuration, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicTrigger {
    /// Trigger name.
    pub name: Option<String>,
    /// Topic name.
    pub topic: String,
    /// Region as the source names it.
    pub region: Option<String>,
    /// Topic owner's account.
    pub account: Option<String>,
    /// Where the topic was read from (its JSON pointer).
    pub topic_path: String,
    /// Whether the trigger is enabled (CMQ `enable`; FC triggers are always on).
    pub enabled: bool,
    /// Fields with no counterpart, with their JSON pointers and what they meant, reported when dropped.
    pub dropped: Vec<(String, String)>,
}

/// Read an FC MNS topic trigger, flattened from its `s.yaml` entry (`triggerName`, `sourceArn`
/// `acs:mns:<region>:<account>:/topics/<topic>`, and the `triggerConfig` keys beside them).
pub(crate) fn read_mns_trigger(map: Map) -> Result<TopicTrigger> {
    let mut o = Obj::new(Value::Object(map), "")?;
    let name = o.str("triggerName")?;
    let arn = o.req_str("sourceArn")?;
    let parsed = match arn.splitn(5, ':').collect::<Vec<_>>().as_slice() {
        ["acs", "mns", region, account, resource] => {
            resource.strip_prefix("/topics/").filter(|t| !t.is_empty()).map(|t| (region.to_string(), account.to_string(), t.to_string()))
        }
        _ => None,
    };
    let (region, account, topic) = parsed.ok_or_else(|| {
        Error::at(ErrorCode::InvalidField, "/sourceArn", format!("`{}` is not an MNS topic ARN (acs:mns:<region>:<account>:/topics/<topic>)", shorten(&arn)))
    })?;
    let mut dropped = Vec::new();
    if let Some(tag) = o.str("filterTag")?.filter(|t| !t.is_empty()) {
        dropped.push((
            "/filterTag".to_string(),
            format!("the filter tag `{}`: a CMQ trigger receives every message of the topic; filter in the handler", shorten(&tag)),
        ));
    }
    if let Some(format) = o.str("notifyContentFormat")?.filter(|f| !f.eq_ignore_ascii_case("JSON")) {
        dropped.push(("/notifyContentFormat".to_string(), format!("`notifyContentFormat: {}`: a CMQ trigger always sends its JSON records", shorten(&format))));
    }
    if let Some(strategy) = o.str("notifyStrategy")?.filter(|s| !s.eq_ignore_ascii_case("BACKOFF_RETRY")) {
        dropped.push(("/notifyStrategy".to_string(), format!("the retry policy `{}`", shorten(&strategy))));
    }
    for (key, _) in o.rest() {
        dropped.push((json::pointer("", &key), format!("`{}`", shorten(&key))));
    }
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    Ok(TopicTrigger { name, topic, region: some(region), account: some(account), topic_path: "/sourceArn".into(), enabled: true, dropped })
}

/// Read an SCF CMQ topic trigger: a `serverless.yml` entry `{"cmq": {"name", "parameters": {"name":
/// <topic>, "enable"}}}`.
pub(crate) fn read_cmq_trigger(map: Map) -> Result<TopicTrigger> {
    let mut o = Obj::new(Value::Object(map), "")?;
    let mut c = o.obj("cmq")?.ok_or_else(|| Error::at(ErrorCode::MissingField, "/cmq", "`cmq` is required"))?;
    let name = c.str("name")?;
    let mut p = c.obj("parameters")?.ok_or_else(|| Error::at(ErrorCode::MissingField, "/cmq/parameters", "`parameters` is required"))?;
    let topic = p.req_str("name")?;
    let enabled = p.bool("enable")?.unwrap_or(true);
    let mut dropped = Vec::new();
    for (base, rest) in [("/cmq/parameters", p.rest()), ("/cmq", c.rest()), ("", o.rest())] {
        for (key, _) in rest {
            dropped.push((json::pointer(base, &key), format!("`{}`", shorten(&key))));
        }
    }
    Ok(TopicTrigger { name, topic, region: None, account: None, topic_path: "/cmq/parameters/name".into(), enabled, dropped })
}

fn topic_losses(t: &TopicTrigger, to: Format, foreign: bool, losses: &mut Vec<Loss>) {
    trigger_source_losses(&t.dropped, &t.topic, &t.topic_path, to, foreign, losses);
}

/// The losses of a queue or Kafka trigger configuration written as `to`: each field the source had that
/// has no counterpart, and, when the source is the other cloud's, that its topic is named as it was.
pub(crate) fn trigger_source_losses(
    dropped: &[(String, String)],
    topic: &str,
    topic_path: &str,
    to: impl std::fmt::Display,
    foreign: bool,
    losses: &mut Vec<Loss>,
) {
    for (path, what) in dropped {
        losses.push(Loss::new(LossCode::FieldDropped, path.clone(), format!("{what} has no counterpart in a {to} trigger configuration")));
    }
    if foreign {
        losses.push(Loss::new(
            LossCode::TriggerSourceForeign,
            topic_path,
            format!(
                "topic `{}` is the source cloud's; the {to} trigger names it as it was: create the topic there, or put yours in, before deploying",
                shorten(topic)
            ),
        ));
    }
}

/// Write an FC MNS topic trigger as a Serverless Devs `s.yaml` entry, in the JSON notify format the
/// `aliyun-mns` format reads (FC's default is STREAM). A region or account the source does not name is
/// written as the `s.yaml` variables `${vars.region}` and `${config('AccountID')}`.
pub(crate) fn write_mns_trigger(t: TopicTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Value {
    topic_losses(&t, Format::AliyunMns, foreign, losses);
    if !t.enabled {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            "/cmq/parameters/enable",
            "the CMQ trigger is disabled, and an FC MNS trigger cannot be: the converted one is live",
        ));
    }
    let region = t.region.unwrap_or_else(|| "${vars.region}".to_string());
    let account = t.account.unwrap_or_else(|| "${config('AccountID')}".to_string());
    let config = crate::json_object! { "notifyContentFormat" => "JSON", "notifyStrategy" => "BACKOFF_RETRY" };
    let mut w = ObjWriter::new();
    w.set("triggerName", t.name.unwrap_or_else(|| "mns".to_string()))
        .set("triggerType", "mns_topic")
        .set("sourceArn", format!("acs:mns:{region}:{account}:/topics/{}", t.topic))
        .set("triggerConfig", config);
    w.build()
}

/// Write an SCF CMQ topic trigger as a `serverless.yml` event entry.
pub(crate) fn write_cmq_trigger(t: TopicTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Value {
    topic_losses(&t, Format::TencentCmq, foreign, losses);
    let parameters = crate::json_object! { "name" => t.topic.as_str(), "enable" => t.enabled };
    let mut c = ObjWriter::new();
    c.opt("name", t.name).set("parameters", parameters);
    crate::json_object! { "cmq" => c.build() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millisecond_times_both_ways() {
        assert_eq!(millis_to_rfc3339(1658235558094), "2022-07-19T12:59:18.094Z");
        assert_eq!(rfc3339_to_millis("2022-07-19T12:59:18.094Z"), Some(1658235558094));
        assert_eq!(rfc3339_to_millis("2022-07-19T20:59:18.0945+08:00"), Some(1658235558094));
        assert_eq!(rfc3339_to_millis("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(millis_to_rfc3339(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(rfc3339_to_millis("soon"), None);
        // Any number a payload holds formats without overflow.
        for ms in [i64::MAX, i64::MIN, i64::MAX - 999] {
            assert!(!millis_to_rfc3339(ms).is_empty());
        }
    }

    #[test]
    fn only_counterparts_convert() {
        assert!(refusal(Format::AliyunMns, Format::TencentCmq).is_none());
        assert!(refusal(Format::TencentCkafka, Format::AliyunKafka).is_none());
        assert!(refusal(Format::AliyunRocketmq, Format::AliyunRocketmq).is_none());
        assert!(refusal(Format::AliyunRocketmq, Format::TencentCmq).unwrap().contains("no RocketMQ trigger"));
        assert!(refusal(Format::AliyunMns, Format::TencentCkafka).unwrap().contains("topic push"));
    }

    #[test]
    fn binary_bodies_become_base64_with_a_loss() {
        let mut losses = Vec::new();
        assert_eq!(body_text(vec![0xff, 0, 1], "/p".into(), &mut losses), "/wAB");
        assert_eq!(losses.first().map(|l| l.code), Some(LossCode::BinaryBody));
        assert_eq!(body_text("中\0".as_bytes().to_vec(), "/p".into(), &mut losses), "中\0");
        assert_eq!(losses.len(), 1);
    }
}
