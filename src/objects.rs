//! Object-storage trigger events: Alibaba FC's OSS trigger (`aliyun-oss`) and Tencent SCF's COS trigger
//! (`tencent-cos`), through one neutral [`ObjectEvent`], as `src/timer.rs` does for timers. The wire shapes,
//! their quirks and their sources are in docs/object-events.md.
//!
//! - OSS: `{"events": [{"eventName": "ObjectCreated:PutObject", "eventTime": "…Z", "region", "oss": {"bucket":
//!   {"name", "arn", "ownerIdentity"}, "object": {"key", "size", "eTag", "deltaSize", "objectMeta"}}, …}]}`.
//!   The key is the object name as it is (Alibaba's samples pass it straight to `get_object`).
//! - COS: `{"Records": [{"cos": {"cosBucket": {"name", "appid", "region"}, "cosObject": {"key":
//!   "/<appid>/<bucket>/<percent-encoded key>", "size", "meta", "vid", "url"}}, "event": {"eventName":
//!   "cos:ObjectCreated:Put", "eventTime": <Unix seconds>, …}}]}`.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::json::{self, Map, Value};
use crate::model::{Extras, Loss, LossCode};
use crate::time::fraction;
use crate::validate::{DiagCode, Severity};
use crate::wire::{description_error, no_unknown_fields, Obj, ObjWriter};

/// What happened to the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    /// Created or overwritten (upload, copy, multipart, replication).
    Created,
    /// Deleted.
    Removed,
    /// Restored from an archive storage class.
    Restored,
    /// Changed in place (OSS only: metadata update, overwrite by replication).
    Modified,
}

impl ObjectKind {
    /// `created`, `removed`, `restored` or `modified`.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Created => "created",
            ObjectKind::Removed => "removed",
            ObjectKind::Restored => "restored",
            ObjectKind::Modified => "modified",
        }
    }
}

/// The operation behind an event, neutral: the API call or process that caused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// A simple upload (OSS `PutObject`, COS `Put`).
    Put,
    /// An HTML form upload (`PostObject`, `Post`).
    Post,
    /// A server-side copy (`CopyObject`, `Copy`).
    Copy,
    /// An append (OSS `AppendObject`).
    Append,
    /// A symbolic link created (OSS `PutSymlink`).
    Symlink,
    /// A multipart upload started (OSS `InitiateMultipartUpload`).
    InitiateMultipart,
    /// A part uploaded (OSS `UploadPart`).
    UploadPart,
    /// A part copied (OSS `UploadPartCopy`).
    UploadPartCopy,
    /// A multipart upload completed (`CompleteMultipartUpload`).
    CompleteMultipart,
    /// Fetched from the origin on a miss (COS `Origin`).
    Origin,
    /// Cross-region replication (OSS `ObjectReplication:*`, COS `Replication`).
    Replication,
    /// A delete (`DeleteObject`, COS `Delete`).
    Delete,
    /// A batch delete (OSS `DeleteObjects`).
    DeleteMultiple,
    /// A delete marker created in a versioned bucket (COS `DeleteMarkerCreated`).
    DeleteMarker,
    /// A multipart upload aborted (OSS `AbortMultipartUpload`).
    AbortMultipart,
    /// A restore job created (COS `ObjectRestore:Post`).
    RestoreStarted,
    /// A restore finished (OSS `FinishRestore`, COS `Completed`).
    RestoreCompleted,
    /// Metadata changed (OSS `UpdateObjectMeta`).
    UpdateMeta,
    /// Any operation of the kind (COS `cos:ObjectCreated:*`, which its own sample delivers).
    Any,
}

use ObjectKind::{Created, Modified, Removed, Restored};
use Operation::*;

/// OSS event names (as events carry them, without the `oss:` of trigger configurations).
const OSS_EVENTS: &[(&str, ObjectKind, Operation)] = &[
    ("ObjectCreated:PutObject", Created, Put),
    ("ObjectCreated:PostObject", Created, Post),
    ("ObjectCreated:CopyObject", Created, Copy),
    ("ObjectCreated:AppendObject", Created, Append),
    ("ObjectCreated:PutSymlink", Created, Symlink),
    ("ObjectCreated:InitiateMultipartUpload", Created, InitiateMultipart),
    ("ObjectCreated:UploadPart", Created, UploadPart),
    ("ObjectCreated:UploadPartCopy", Created, UploadPartCopy),
    ("ObjectCreated:CompleteMultipartUpload", Created, CompleteMultipart),
    ("ObjectReplication:ObjectCreated", Created, Replication),
    ("ObjectRemoved:DeleteObject", Removed, Delete),
    ("ObjectRemoved:DeleteObjects", Removed, DeleteMultiple),
    ("ObjectRemoved:AbortMultipartUpload", Removed, AbortMultipart),
    ("ObjectReplication:ObjectRemoved", Removed, Replication),
    ("ObjectModified:UpdateObjectMeta", Modified, UpdateMeta),
    ("ObjectReplication:ObjectModified", Modified, Replication),
    ("ObjectRestore:FinishRestore", Restored, RestoreCompleted),
];

/// COS event names.
const COS_EVENTS: &[(&str, ObjectKind, Operation)] = &[
    ("cos:ObjectCreated:Put", Created, Put),
    ("cos:ObjectCreated:Post", Created, Post),
    ("cos:ObjectCreated:Copy", Created, Copy),
    ("cos:ObjectCreated:CompleteMultipartUpload", Created, CompleteMultipart),
    ("cos:ObjectCreated:Origin", Created, Origin),
    ("cos:ObjectCreated:Replication", Created, Replication),
    ("cos:ObjectCreated:*", Created, Any),
    ("cos:ObjectRemove:Delete", Removed, Delete),
    ("cos:ObjectRemove:DeleteMarkerCreated", Removed, DeleteMarker),
    ("cos:ObjectRemove:*", Removed, Any),
    ("cos:ObjectRestore:Post", Restored, RestoreStarted),
    ("cos:ObjectRestore:Completed", Restored, RestoreCompleted),
    ("cos:ObjectRestore:*", Restored, Any),
];

fn events_of(format: Format) -> &'static [(&'static str, ObjectKind, Operation)] {
    if format == Format::AliyunOss {
        OSS_EVENTS
    } else {
        COS_EVENTS
    }
}

/// The kind an event name's first part names (`ObjectCreated`, COS's `ObjectRemove`, …).
fn kind_of_name(format: Format, name: &str) -> Option<ObjectKind> {
    let name = if format == Format::AliyunOss { name.strip_prefix("oss:").unwrap_or(name) } else { name.strip_prefix("cos:")? };
    let (kind, _) = name.split_once(':')?;
    match kind {
        "ObjectCreated" => Some(Created),
        "ObjectRemoved" | "ObjectRemove" => Some(Removed),
        "ObjectRestore" => Some(Restored),
        "ObjectModified" if format == Format::AliyunOss => Some(Modified),
        _ => None,
    }
}

/// One object event, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectRecord {
    /// What happened.
    pub kind: ObjectKind,
    /// The operation, when the event name is one the source platform documents.
    pub operation: Option<Operation>,
    /// The event name as the source wrote it (`ObjectCreated:PutObject`, `cos:ObjectCreated:Put`).
    pub event_name: String,
    /// Bucket name (COS: without the `-<appid>` of its host name).
    pub bucket: String,
    /// Region as the platform names it (OSS `cn-hangzhou`; COS gives a short code such as `cd`).
    pub region: Option<String>,
    /// The bucket owner's account: OSS `ownerIdentity`, COS `appid`.
    pub account: Option<String>,
    /// Object key, decoded and without platform prefixes (no COS `/<appid>/<bucket>/`).
    pub key: String,
    /// The key as the source wrote it, put back unchanged when writing into the same format.
    pub raw_key: Option<String>,
    /// Object size in bytes.
    pub size: Option<u64>,
    /// ETag (OSS only).
    pub etag: Option<String>,
    /// Version id (COS `vid`).
    pub version: Option<String>,
    /// MIME type: OSS `objectMeta.mimeType`, COS `meta["Content-Type"]`.
    pub content_type: Option<String>,
    /// User metadata, names without `x-oss-meta-` / `x-cos-meta-`, in order.
    pub metadata: Vec<(String, String)>,
    /// When it happened, RFC 3339.
    pub time: Option<String>,
    /// The time as the source wrote it (COS: a number), put back unchanged into the same format.
    pub raw_time: Option<Value>,
    /// The requester's IP address.
    pub source_ip: Option<String>,
    /// The storage service's request id: OSS `responseElements.requestId`, COS `meta["x-cos-request-id"]`.
    pub request_id: Option<String>,
}

/// An object-storage event: one or more records, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectEvent {
    /// The format it was read from.
    pub source: Format,
    /// The records, in order.
    pub records: Vec<ObjectRecord>,
    /// Fields with no neutral home (`ruleId`, `deltaSize`, `cosNotificationId`, `eventQueue`, …), with
    /// their record index in `parent`.
    pub extras: Extras,
}

fn records_key(format: Format) -> &'static str {
    if format == Format::AliyunOss {
        "events"
    } else {
        "Records"
    }
}

fn not_object(format: Format) -> Error {
    Error::new(ErrorCode::Unsupported, format!("{format} is not an object-storage format")).in_format(format)
}

/// Read an object event of `format`.
///
/// # Errors
/// `missing-field` / `invalid-field` with their pointers (an event name of no known kind is
/// `invalid-field`); `unsupported` for a format that is not an object format.
pub fn read_event(format: Format, value: Value) -> Result<ObjectEvent> {
    if !format.is_object() {
        return Err(not_object(format));
    }
    read(format, value).map_err(|e| e.in_format(format))
}

fn read(format: Format, value: Value) -> Result<ObjectEvent> {
    let mut top = Obj::new(value, "")?;
    let list = records_key(format);
    let items = match top.take(list) {
        Some(Value::Array(items)) => items,
        None | Some(Value::Null) => return Err(Error::at(ErrorCode::MissingField, format!("/{list}"), format!("`{list}` is required"))),
        Some(other) => {
            return Err(Error::at(ErrorCode::InvalidField, format!("/{list}"), format!("`{list}` must be an array, saw {}", json::type_name(&other))))
        }
    };
    let mut extras = Extras::default();
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let index = i.to_string();
        let path = format!("/{list}/{i}");
        let record = if format == Format::AliyunOss { read_oss(item, &path, &index, &mut extras)? } else { read_cos(item, &path, &index, &mut extras)? };
        records.push(record);
    }
    extras.keep(format, &[], top.rest());
    Ok(ObjectEvent { source: format, records, extras })
}

fn size_of(o: &mut Obj, key: &str) -> Result<Option<u64>> {
    let path = o.path_of(key);
    match o.str(key)? {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|_| Error::at(ErrorCode::InvalidField, path, format!("`{key}` must be a whole number of bytes, saw `{}`", crate::model::shorten(&text)))),
    }
}

fn event_type(format: Format, name: &str, path: String) -> Result<(ObjectKind, Option<Operation>)> {
    let bare = if format == Format::AliyunOss { name.strip_prefix("oss:").unwrap_or(name) } else { name };
    if let Some((_, kind, op)) = events_of(format).iter().find(|(n, _, _)| *n == bare) {
        return Ok((*kind, Some(*op)));
    }
    match kind_of_name(format, name) {
        Some(kind) => Ok((kind, None)),
        None => Err(Error::at(ErrorCode::InvalidField, path, format!("`{}` is not a {format} object event name", crate::model::shorten(name)))),
    }
}

// Not inlined: one copy serves conversion and validation (the core wasm module's size).
#[inline(never)]
fn read_oss(item: Value, path: &str, index: &str, extras: &mut Extras) -> Result<ObjectRecord> {
    const F: Format = Format::AliyunOss;
    let mut r = Obj::new(item, path)?;
    let event_name = r.req_str("eventName")?;
    let (kind, operation) = event_type(F, &event_name, r.path_of("eventName"))?;
    let time = r.str("eventTime")?;
    let region = r.str("region")?;
    let source_ip = match r.obj("requestParameters")? {
        Some(mut p) => {
            let ip = p.str("sourceIPAddress")?;
            extras.keep(F, &["events", index, "requestParameters"], p.rest());
            ip
        }
        None => None,
    };
    let request_id = match r.obj("responseElements")? {
        Some(mut p) => {
            let id = p.str("requestId")?;
            extras.keep(F, &["events", index, "responseElements"], p.rest());
            id
        }
        None => None,
    };
    let mut oss = required(&mut r, "oss")?;
    let mut bucket = required(&mut oss, "bucket")?;
    let bucket_name = bucket.req_str("name")?;
    let account = bucket.str("ownerIdentity")?;
    let arn = bucket.str("arn")?;
    if let Some(arn) = arn.filter(|a| *a != oss_arn(region.as_deref(), account.as_deref(), &bucket_name)) {
        extras.keep_one(F, &["events", index, "oss", "bucket"], "arn", Value::from(arn));
    }
    extras.keep(F, &["events", index, "oss", "bucket"], bucket.rest());
    let mut object = required(&mut oss, "object")?;
    let key = object.req_str("key")?;
    let size = size_of(&mut object, "size")?;
    let etag = object.str("eTag")?;
    let (mut content_type, mut metadata) = (None, Vec::new());
    if let Some(mut meta) = object.obj("objectMeta")? {
        content_type = meta.str("mimeType")?;
        let mut rest = Vec::new();
        for (name, value) in meta.map("userMeta")? {
            match strip_prefix_ignore_case(&name, "x-oss-meta-") {
                Some(short) => metadata.push((short.to_string(), value)),
                None => rest.push((name, Value::from(value))),
            }
        }
        if !rest.is_empty() {
            extras.keep_one(F, &["events", index, "oss", "object", "objectMeta"], "userMeta", Value::Object(rest.into_iter().collect()));
        }
        extras.keep(F, &["events", index, "oss", "object", "objectMeta"], meta.rest());
    }
    extras.keep(F, &["events", index, "oss", "object"], object.rest());
    extras.keep_unless_constant(&mut oss, "ossSchemaVersion", "1.0", F, &["events", index, "oss"]);
    extras.keep(F, &["events", index, "oss"], oss.rest());
    extras.keep_unless_constant(&mut r, "eventSource", "acs:oss", F, &["events", index]);
    extras.keep_unless_constant(&mut r, "eventVersion", "1.0", F, &["events", index]);
    extras.keep(F, &["events", index], r.rest());
    Ok(ObjectRecord {
        kind,
        operation,
        event_name,
        bucket: bucket_name,
        region,
        account,
        raw_key: Some(key.clone()),
        key,
        size,
        etag,
        version: None,
        content_type,
        metadata,
        raw_time: time.clone().map(Value::from),
        time,
        source_ip,
        request_id,
    })
}

// Not inlined: one copy serves conversion and validation (the core wasm module's size).
#[inline(never)]
fn read_cos(item: Value, path: &str, index: &str, extras: &mut Extras) -> Result<ObjectRecord> {
    const F: Format = Format::TencentCos;
    let mut r = Obj::new(item, path)?;
    let mut event = required(&mut r, "event")?;
    let event_name = event.req_str("eventName")?;
    let (kind, operation) = event_type(F, &event_name, event.path_of("eventName"))?;
    let time_path = event.path_of("eventTime");
    let raw_time = event.take("eventTime").filter(|v| !v.is_null());
    let time = match &raw_time {
        None => None,
        Some(Value::Number(n)) => Some(
            n.as_i64()
                .map(|s| crate::time::format_rfc3339(s, 0))
                .ok_or_else(|| Error::at(ErrorCode::InvalidField, time_path.clone(), format!("`eventTime` must be whole Unix seconds, saw {n}")))?,
        ),
        Some(Value::String(s)) => Some(s.parse::<i64>().map_or_else(|_| s.clone(), |secs| crate::time::format_rfc3339(secs, 0))),
        Some(other) => return Err(Error::at(ErrorCode::InvalidField, time_path, format!("`eventTime` must be a number, saw {}", json::type_name(other)))),
    };
    let source_ip = match event.obj("requestParameters")? {
        Some(mut p) => {
            let ip = p.str("requestSourceIP")?;
            extras.keep(F, &["Records", index, "event", "requestParameters"], p.rest());
            ip
        }
        None => None,
    };
    extras.keep_unless_constant(&mut event, "eventSource", "qcs::cos", F, &["Records", index, "event"]);
    extras.keep_unless_constant(&mut event, "eventVersion", "1.0", F, &["Records", index, "event"]);
    extras.keep(F, &["Records", index, "event"], event.rest());
    let mut cos = required(&mut r, "cos")?;
    let mut bucket = required(&mut cos, "cosBucket")?;
    let bucket_name = bucket.req_str("name")?;
    let account = bucket.str("appid")?;
    let region = bucket.str("region")?;
    extras.keep(F, &["Records", index, "cos", "cosBucket"], bucket.rest());
    let mut object = required(&mut cos, "cosObject")?;
    let raw_key = object.req_str("key")?;
    let key = cos_key(&raw_key, account.as_deref(), &bucket_name);
    let size = size_of(&mut object, "size")?;
    let version = object.str("vid")?.filter(|v| !v.is_empty());
    let (mut content_type, mut request_id, mut metadata) = (None, None, Vec::new());
    let mut rest = Vec::new();
    for (name, value) in object.map("meta")? {
        if name.eq_ignore_ascii_case("content-type") && content_type.is_none() {
            content_type = Some(value);
        } else if name.eq_ignore_ascii_case("x-cos-request-id") && request_id.is_none() {
            request_id = Some(value);
        } else if let Some(short) = strip_prefix_ignore_case(&name, "x-cos-meta-") {
            metadata.push((short.to_string(), value));
        } else {
            rest.push((name, Value::from(value)));
        }
    }
    extras.keep(F, &["Records", index, "cos", "cosObject", "meta"], rest.into_iter().collect());
    extras.keep(F, &["Records", index, "cos", "cosObject"], object.rest());
    extras.keep_unless_constant(&mut cos, "cosSchemaVersion", "1.0", F, &["Records", index, "cos"]);
    extras.keep(F, &["Records", index, "cos"], cos.rest());
    extras.keep(F, &["Records", index], r.rest());
    Ok(ObjectRecord {
        kind,
        operation,
        event_name,
        bucket: bucket_name,
        region,
        account,
        key,
        raw_key: Some(raw_key),
        size,
        etag: None,
        version,
        content_type,
        metadata,
        time,
        raw_time,
        source_ip,
        request_id,
    })
}

/// Take the nested object `key`, which must be there.
fn required(o: &mut Obj, key: &str) -> Result<Obj> {
    let path = o.path_of(key);
    o.obj(key)?.ok_or_else(|| Error::at(ErrorCode::MissingField, path, format!("`{key}` is required")))
}

fn strip_prefix_ignore_case<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let head = name.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| name.get(prefix.len()..)).flatten()
}

fn oss_arn(region: Option<&str>, account: Option<&str>, bucket: &str) -> String {
    format!("acs:oss:{}:{}:{bucket}", region.unwrap_or_default(), account.unwrap_or_default())
}

/// The decoded key of a COS `cosObject.key`: without `/<appid>/<bucket>/` (or, in Tencent's older sample
/// `/test.jpg`, the leading `/`), percent-decoded (`+` stays `+`, as `decodeURIComponent` reads it).
pub fn cos_key(raw: &str, appid: Option<&str>, bucket: &str) -> String {
    let prefix = format!("/{}/{bucket}/", appid.unwrap_or_default());
    // Without an appid beside it, a numeric first segment followed by the bucket is still the prefix.
    let numeric_prefix = || {
        let after = raw.strip_prefix('/')?;
        let (id, rest) = after.split_once('/')?;
        let rest = rest.strip_prefix(bucket)?.strip_prefix('/')?;
        (appid.is_none() && !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
    };
    let rest = raw.strip_prefix(&prefix).or_else(numeric_prefix).or_else(|| raw.strip_prefix('/')).unwrap_or(raw);
    percent_encoding::percent_decode_str(rest).decode_utf8_lossy().into_owned()
}

/// Bytes a COS key is written with literally: unreserved characters and `/`; everything else (a space,
/// `+`, `%`, non-ASCII) is percent-encoded, so `decodeURIComponent`, `unquote` and `unquote_plus` all read
/// the key back.
const COS_KEY_ESCAPE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// The `cosObject.key` COS would send for a decoded key.
pub fn cos_raw_key(key: &str, appid: Option<&str>, bucket: &str) -> String {
    format!("/{}/{bucket}/{}", appid.unwrap_or_default(), percent_encoding::utf8_percent_encode(key, COS_KEY_ESCAPE))
}

/// Where a neutral field lives in a record of `format`.
fn pointer(format: Format, index: usize, field: &str) -> String {
    let oss = format == Format::AliyunOss;
    let at = match field {
        "eventName" if oss => "eventName",
        "eventName" => "event/eventName",
        "eventTime" if oss => "eventTime",
        "eventTime" => "event/eventTime",
        "eTag" => "oss/object/eTag",
        "vid" => "cos/cosObject/vid",
        other => other,
    };
    format!("/{}/{index}/{at}", records_key(format))
}

/// Write an object event as `format`, reporting what it cannot carry.
///
/// # Errors
/// `unsupported` for a format that is not an object format, and for an event the target cannot express
/// at all (a COS restore that has only started, into OSS).
pub fn write_event(format: Format, mut event: ObjectEvent, losses: &mut Vec<Loss>) -> Result<Value> {
    if !format.is_object() {
        return Err(not_object(format));
    }
    let same = event.source == format;
    let mut per_record = event.extras.split_by_record(Some(records_key(event.source)), event.records.len());
    let mut items = Vec::with_capacity(event.records.len());
    for (i, (record, extras)) in event.records.into_iter().zip(per_record.iter_mut()).enumerate() {
        let name = event_name(format, event.source, i, &record, same, losses)?;
        let index = i.to_string();
        let item = if format == Format::AliyunOss {
            write_oss(record, name, same, i, &index, event.source, extras, losses)
        } else {
            write_cos(record, name, same, i, &index, event.source, extras, losses)
        };
        extras.report_dropped(format, losses);
        items.push(item);
    }
    event.extras.report_dropped(format, losses);
    let mut w = ObjWriter::new();
    w.set(records_key(format), Value::Array(items)).extras(event.extras.take(format, &[]));
    Ok(w.build())
}

/// The target's event name for a record: the same text into the same format; the exact counterpart when
/// there is one; else the nearest, with an `object-event-approximated` loss; an error when there is none.
// Not inlined: one copy serves conversion and validation (the core wasm module's size).
#[inline(never)]
fn event_name(format: Format, source: Format, i: usize, r: &ObjectRecord, same: bool, losses: &mut Vec<Loss>) -> Result<String> {
    if same {
        return Ok(r.event_name.clone());
    }
    let table = events_of(format);
    if let Some((name, _, _)) = r.operation.and_then(|op| table.iter().find(|(_, k, o)| *k == r.kind && *o == op)) {
        return Ok((*name).to_string());
    }
    let path = pointer(source, i, "eventName");
    let nearest = nearest_event(format, r.kind, r.operation);
    match nearest {
        Some((name, why)) => {
            losses.push(Loss::new(
                LossCode::ObjectEventApproximated,
                path,
                format!("{format} has no `{}` event; written as `{name}`, {why}", crate::model::shorten(&r.event_name)),
            ));
            Ok(name.to_string())
        }
        None => Err(Error::at(
            ErrorCode::Unsupported,
            path,
            format!(
                "{format} has no event for `{}` (a restore job that has started, not finished): OSS sends only `ObjectRestore:FinishRestore`, and a handler told the object is restored would fail to read it",
                crate::model::shorten(&r.event_name)
            ),
        )
        .in_format(source)),
    }
}

/// The nearest event of `format` for a kind and operation it has no exact name for, and why it is the
/// nearest; `None` when there is none (a restore that has only started, into OSS).
fn nearest_event(format: Format, kind: ObjectKind, operation: Option<Operation>) -> Option<(&'static str, &'static str)> {
    match (format, kind, operation) {
        (Format::AliyunOss, Restored, Some(RestoreStarted)) => None,
        (Format::AliyunOss, Created, _) => Some(("ObjectCreated:PutObject", "a plain upload")),
        (Format::AliyunOss, Removed, _) => Some(("ObjectRemoved:DeleteObject", "a plain delete")),
        (Format::AliyunOss, Restored, _) => Some(("ObjectRestore:FinishRestore", "a finished restore, the only restore event OSS sends")),
        (Format::AliyunOss, Modified, _) => Some(("ObjectModified:UpdateObjectMeta", "a metadata update")),
        (_, Modified, Some(Replication)) => Some(("cos:ObjectCreated:Replication", "an object created by replication: COS has no modified events")),
        (_, Modified, _) => Some(("cos:ObjectCreated:Copy", "a copy: COS changes metadata by copying an object onto itself and has no modified events")),
        (_, Removed, Some(DeleteMultiple)) => Some(("cos:ObjectRemove:Delete", "the delete event COS sends for each object of a batch")),
        (_, Created, _) => Some(("cos:ObjectCreated:*", "COS's generic upload event")),
        (_, Removed, _) => Some(("cos:ObjectRemove:*", "COS's generic delete event")),
        (_, Restored, _) => Some(("cos:ObjectRestore:*", "COS's generic restore event")),
    }
}

/// The text of the neutral time in OSS's form (`2024-01-01T00:00:00.000Z`) when it is an instant.
fn oss_time(time: &str) -> String {
    match crate::time::parse_rfc3339(time) {
        Some(secs) => {
            let whole = crate::time::format_rfc3339(secs, 0);
            let millis = fraction(time).map(|f| format!("{:0<3}", f.get(..3).unwrap_or(f))).unwrap_or_else(|| "000".into());
            format!("{}.{millis}Z", whole.trim_end_matches('Z'))
        }
        None => time.to_string(),
    }
}

// Not inlined: one copy serves conversion and validation (the core wasm module's size).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn write_oss(r: ObjectRecord, name: String, same: bool, i: usize, index: &str, source: Format, extras: &mut Extras, losses: &mut Vec<Loss>) -> Value {
    const F: Format = Format::AliyunOss;
    if let Some(version) = &r.version {
        losses.push(Loss::new(
            LossCode::ObjectVersionDropped,
            pointer(source, i, "vid"),
            format!("aliyun-oss events carry no version id; version `{}` was dropped", crate::model::shorten(version)),
        ));
    }
    let key = if same { r.raw_key.unwrap_or(r.key) } else { r.key };
    let time = match (same, r.raw_time) {
        (true, Some(raw)) => Some(raw),
        _ => r.time.as_deref().map(oss_time).map(Value::from),
    };
    let mut bucket = ObjWriter::new();
    bucket.set("arn", oss_arn(r.region.as_deref(), r.account.as_deref(), &r.bucket)).set("name", r.bucket.as_str()).opt("ownerIdentity", r.account.clone());
    let bucket_extras = extras.take(F, &["events", index, "oss", "bucket"]);
    let mut bucket_map = match bucket.build() {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let mut bucket_extras = bucket_extras;
    if let Some(arn) = bucket_extras.remove("arn") {
        bucket_map.insert("arn".into(), arn); // kept because it differs from the derived one: it wins
    }
    bucket_map.append_absent(bucket_extras);
    let mut object = ObjWriter::new();
    object.opt("eTag", r.etag).set("key", key).opt("size", r.size);
    {
        let mut meta = ObjWriter::new();
        let user: Map = r.metadata.into_iter().map(|(k, v)| (format!("x-oss-meta-{k}"), Value::from(v))).collect();
        let mut user_extras = extras.take(F, &["events", index, "oss", "object", "objectMeta"]);
        let mut user = user;
        if let Some(Value::Object(more)) = user_extras.remove("userMeta") {
            user.append_absent(more);
        }
        meta.opt("mimeType", r.content_type);
        if !user.is_empty() {
            meta.set("userMeta", Value::Object(user));
        }
        meta.extras(user_extras);
        let meta = meta.build();
        if meta.as_object().is_some_and(|m| !m.is_empty()) {
            object.set("objectMeta", meta);
        }
    }
    object.extras(extras.take(F, &["events", index, "oss", "object"]));
    let mut oss = ObjWriter::new();
    oss.set("bucket", Value::Object(bucket_map))
        .set("object", object.build())
        .extras(extras.take(F, &["events", index, "oss"]))
        .or_set("ossSchemaVersion", "1.0");
    let mut request = ObjWriter::new();
    request.opt("sourceIPAddress", r.source_ip).extras(extras.take(F, &["events", index, "requestParameters"]));
    let mut response = ObjWriter::new();
    response.opt("requestId", r.request_id).extras(extras.take(F, &["events", index, "responseElements"]));
    let mut w = ObjWriter::new();
    w.set("eventName", name)
        .set("eventTime", time)
        .set("oss", oss.build())
        .opt("region", r.region)
        .set("requestParameters", request.build())
        .set("responseElements", response.build());
    w.extras(extras.take(F, &["events", index])).or_set("eventSource", "acs:oss").or_set("eventVersion", "1.0");
    w.build()
}

// Not inlined: one copy serves conversion and validation (the core wasm module's size).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn write_cos(r: ObjectRecord, name: String, same: bool, i: usize, index: &str, source: Format, extras: &mut Extras, losses: &mut Vec<Loss>) -> Value {
    const F: Format = Format::TencentCos;
    if let Some(etag) = &r.etag {
        losses.push(Loss::new(
            LossCode::EtagDropped,
            pointer(source, i, "eTag"),
            format!("tencent-cos events carry no ETag; `{}` was dropped", crate::model::shorten(etag)),
        ));
    }
    let time = match (same, r.raw_time, r.time) {
        (true, Some(raw), _) => Some(raw),
        (_, _, None) => None,
        (_, _, Some(text)) => match crate::time::parse_rfc3339(&text) {
            Some(secs) => {
                if fraction(&text).is_some_and(|f| f.bytes().any(|b| b != b'0')) {
                    losses.push(Loss::new(
                        LossCode::TimeTruncated,
                        pointer(source, i, "eventTime"),
                        format!("COS event times are whole Unix seconds; the fraction of `{}` was dropped", crate::model::shorten(&text)),
                    ));
                }
                Some(Value::from(secs))
            }
            None => {
                losses.push(Loss::new(
                    LossCode::TimeDropped,
                    pointer(source, i, "eventTime"),
                    format!("`{}` is not an instant, and COS event times are Unix seconds", crate::model::shorten(&text)),
                ));
                None
            }
        },
    };
    let key = match (same, r.raw_key) {
        (true, Some(raw)) => raw,
        _ => cos_raw_key(&r.key, r.account.as_deref(), &r.bucket),
    };
    let mut meta = ObjWriter::new();
    meta.opt("x-cos-request-id", r.request_id).opt("Content-Type", r.content_type);
    meta.extras(r.metadata.into_iter().map(|(k, v)| (format!("x-cos-meta-{k}"), Value::from(v))).collect());
    meta.extras(extras.take(F, &["Records", index, "cos", "cosObject", "meta"]));
    let mut object = ObjWriter::new();
    object.set("meta", meta.build()).set("vid", r.version.unwrap_or_default()).set("key", key).opt("size", r.size);
    object.extras(extras.take(F, &["Records", index, "cos", "cosObject"]));
    let mut bucket = ObjWriter::new();
    bucket.opt("region", r.region).set("name", r.bucket).opt("appid", r.account).extras(extras.take(F, &["Records", index, "cos", "cosBucket"]));
    let mut cos = ObjWriter::new();
    cos.set("cosObject", object.build()).set("cosBucket", bucket.build()).extras(extras.take(F, &["Records", index, "cos"])).or_set("cosSchemaVersion", "1.0");
    let mut request = ObjWriter::new();
    request.opt("requestSourceIP", r.source_ip).extras(extras.take(F, &["Records", index, "event", "requestParameters"]));
    let mut event = ObjWriter::new();
    event.set("eventName", name).opt("eventTime", time).set("requestParameters", request.build());
    event.extras(extras.take(F, &["Records", index, "event"])).or_set("eventSource", "qcs::cos").or_set("eventVersion", "1.0");
    let mut w = ObjWriter::new();
    w.set("cos", cos.build()).set("event", event.build()).extras(extras.take(F, &["Records", index]));
    w.build()
}

/// Diagnostics for an object event: what reading refuses, no records, event names the platform does not
/// document, times it would not send, keys that readers decode differently.
// Not inlined: one copy serves conversion and validation (the core wasm module's size).
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
    let list = records_key(format);
    if event.records.is_empty() {
        push(DiagCode::ObjectRecordsEmpty, Severity::Error, format!("/{list}"), format!("`{list}` is empty: {format} always sends at least one record"));
    }
    for (i, r) in event.records.iter().enumerate() {
        if r.operation.is_none() {
            push(
                DiagCode::ObjectEventUnknown,
                Severity::Warning,
                pointer(format, i, "eventName"),
                format!("`{}` is not an event name {format} documents; read as a {} event", crate::model::shorten(&r.event_name), r.kind.as_str()),
            );
        }
        let time_ok = match (&r.raw_time, format) {
            (None, _) => true,
            (Some(Value::String(s)), Format::AliyunOss) => crate::time::parse_rfc3339(s).is_some(),
            (Some(Value::Number(_)), Format::TencentCos) => true,
            (Some(Value::String(s)), _) => crate::time::parse_rfc3339(s).is_some() || s.parse::<i64>().is_ok(),
            _ => false,
        };
        if !time_ok {
            let what = if format == Format::AliyunOss { "an RFC 3339 instant" } else { "Unix seconds" };
            push(DiagCode::ObjectTimeInvalid, Severity::Warning, pointer(format, i, "eventTime"), format!("the event time is not {what}"));
        }
        let raw = r.raw_key.as_deref().unwrap_or_default();
        let key_path = if format == Format::AliyunOss { format!("/events/{i}/oss/object/key") } else { format!("/Records/{i}/cos/cosObject/key") };
        if format == Format::TencentCos && raw.contains('+') {
            push(
                DiagCode::ObjectKeyAmbiguous,
                Severity::Warning,
                key_path,
                "the key has a literal `+`: `decodeURIComponent` (and this library) read a `+`, `unquote_plus` a space".to_string(),
            );
        } else if format == Format::AliyunOss && looks_encoded(raw) {
            push(
                DiagCode::ObjectKeyAmbiguous,
                Severity::Info,
                key_path,
                "the key holds percent escapes; OSS keys are read as literal text, so the escapes are part of the name".to_string(),
            );
        }
    }
}

/// Whether `text` has a `%XX` escape whose decoding is valid UTF-8 and differs from it.
fn looks_encoded(text: &str) -> bool {
    let b = text.as_bytes();
    let has_escape = b.windows(3).any(|w| matches!(w, [b'%', h, l] if h.is_ascii_hexdigit() && l.is_ascii_hexdigit()));
    has_escape && percent_encoding::percent_decode_str(text).decode_utf8().is_ok()
}

// ---------------------------------------------------------------------------------------------------------
// Events from a short description (`trigger-bridge event`, the package's `eventFromObject`).

/// One object of an [`ObjectSpec`]: one record of the event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecObject {
    /// The object key, decoded, without platform prefixes (`photos/a b+c.jpg`).
    pub key: String,
    /// Size in bytes.
    pub size: Option<u64>,
    /// ETag (OSS only: a loss into COS).
    pub etag: Option<String>,
    /// Version id (COS only: a loss into OSS).
    pub version: Option<String>,
}

/// A short description of what happened to one or more objects of a bucket, from which
/// [`event_from_spec`] builds the event a platform would deliver.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectSpec {
    /// Bucket name (COS: without the `-<appid>` of its host name).
    pub bucket: String,
    /// The objects, one record each, in order (at least one).
    pub objects: Vec<SpecObject>,
    /// What happened: `created` (the default), `removed`, `restored`, `modified`, or an event name of
    /// either platform (`ObjectCreated:PutObject`, `cos:ObjectRemove:Delete`, `ObjectCreated:Put`).
    pub event: Option<String>,
    /// Region as the target names it; a placeholder (`cn-hangzhou`, `gz`) when absent.
    pub region: Option<String>,
    /// Bucket owner: OSS account id or COS appid; a placeholder when absent (COS keys carry it).
    pub account: Option<String>,
    /// When it happened, RFC 3339; the caller's clock when absent.
    pub time: Option<String>,
    /// The requester's IP address.
    pub source_ip: Option<String>,
    /// The storage service's request id.
    pub request_id: Option<String>,
    /// MIME type of the objects.
    pub content_type: Option<String>,
    /// User metadata, names without `x-oss-meta-` / `x-cos-meta-`.
    pub metadata: Vec<(String, String)>,
}

/// Placeholders written where a description leaves out a field the platform always sends.
const PLACEHOLDER_OSS_REGION: &str = "cn-hangzhou";
const PLACEHOLDER_OSS_ACCOUNT: &str = "1234567890123456";
const PLACEHOLDER_COS_REGION: &str = "gz";
const PLACEHOLDER_COS_APPID: &str = "1250000000";

fn spec_size(value: Option<Value>, path: String) -> Result<Option<u64>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().or_else(|| v.as_str().and_then(|s| s.parse().ok())).map(Some).ok_or_else(|| {
            Error::at(ErrorCode::InvalidRequest, path, format!("`size` must be a whole number of bytes, saw {}", crate::model::shorten(&v.to_json_string())))
        }),
    }
}

impl ObjectSpec {
    /// Read a description from its JSON form: `{"bucket", "key" | "keys": [key | {"key", "size", "etag",
    /// "version"}], "size", "etag", "version", "event", "region", "account", "time", "sourceIp",
    /// "requestId", "contentType", "metadata": {name: value}}`. `size`, `etag` and `version` beside `key`
    /// or `keys` apply to every object that does not give its own.
    ///
    /// # Errors
    /// `invalid-request` with the pointer at fault: no bucket, no key, a size that is not a whole number,
    /// a field of the wrong type, or a field this description does not know (a typo would otherwise be
    /// silently ignored).
    pub fn from_json(value: Value) -> Result<ObjectSpec> {
        let mut o = Obj::new(value, "").map_err(description_error)?;
        let bucket = o.req_str("bucket").map_err(description_error)?;
        let size = spec_size(o.take("size"), o.path_of("size"))?;
        let etag = o.str("etag").map_err(description_error)?;
        let version = o.str("version").map_err(description_error)?;
        let mut objects = Vec::new();
        if let Some(key) = o.str("key").map_err(description_error)? {
            objects.push(SpecObject { key, size, etag: etag.clone(), version: version.clone() });
        }
        match o.take("keys") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    let path = format!("/keys/{i}");
                    let object = match item {
                        Value::Object(_) => {
                            let mut k = Obj::new(item, &path).map_err(description_error)?;
                            let key = k.req_str("key").map_err(description_error)?;
                            let own_size = spec_size(k.take("size"), k.path_of("size"))?;
                            let own_etag = k.str("etag").map_err(description_error)?;
                            let own_version = k.str("version").map_err(description_error)?;
                            no_unknown_fields(k.rest(), &path, "an object description")?;
                            SpecObject {
                                key,
                                size: own_size.or(size),
                                etag: own_etag.or_else(|| etag.clone()),
                                version: own_version.or_else(|| version.clone()),
                            }
                        }
                        Value::String(key) => SpecObject { key, size, etag: etag.clone(), version: version.clone() },
                        other => {
                            return Err(Error::at(
                                ErrorCode::InvalidRequest,
                                path,
                                format!("a key must be a string or {{key, size, etag, version}}, saw {}", json::type_name(&other)),
                            ))
                        }
                    };
                    objects.push(object);
                }
            }
            Some(other) => return Err(Error::at(ErrorCode::InvalidRequest, "/keys", format!("`keys` must be an array, saw {}", json::type_name(&other)))),
        }
        let spec = ObjectSpec {
            bucket,
            objects,
            event: o.str("event").map_err(description_error)?,
            region: o.str("region").map_err(description_error)?,
            account: o.str("account").map_err(description_error)?,
            time: o.str("time").map_err(description_error)?,
            source_ip: o.str("sourceIp").map_err(description_error)?,
            request_id: o.str("requestId").map_err(description_error)?,
            content_type: o.str("contentType").map_err(description_error)?,
            metadata: o.map("metadata").map_err(description_error)?,
        };
        no_unknown_fields(o.rest(), "", "an object description")?;
        Ok(spec)
    }
}

/// The operation a neutral kind stands for when a description names only the kind.
fn default_operation(kind: ObjectKind) -> Operation {
    match kind {
        Created => Put,
        Removed => Delete,
        Restored => RestoreCompleted,
        Modified => UpdateMeta,
    }
}

/// The format whose event table holds `name`, with its canonical name, kind and operation: `target`
/// first, then the other object format; `oss:`/`cos:` prefixes optional.
fn named_event(target: Format, name: &str) -> Option<(Format, &'static str, ObjectKind, Operation)> {
    let other = if target == Format::AliyunOss { Format::TencentCos } else { Format::AliyunOss };
    [target, other].into_iter().find_map(|format| {
        let bare = name.strip_prefix("oss:").filter(|_| format == Format::AliyunOss).unwrap_or(name);
        let prefixed = format!("cos:{bare}");
        let wanted = if format == Format::TencentCos && !bare.starts_with("cos:") { prefixed.as_str() } else { bare };
        events_of(format).iter().find(|(n, _, _)| *n == wanted).map(|(n, k, o)| (format, *n, *k, *o))
    })
}

/// Where a description's event names its kind (`created`, …) or a documented event name, the format it
/// is written in, its canonical name, kind and operation.
fn spec_event(target: Format, event: Option<&str>) -> Result<(Format, String, ObjectKind, Operation)> {
    let neutral = match event.map(str::to_ascii_lowercase).as_deref() {
        None | Some("created") => Some(Created),
        Some("removed") => Some(Removed),
        Some("restored") => Some(Restored),
        Some("modified") => Some(Modified),
        _ => None,
    };
    let found = match (neutral, event) {
        (Some(kind), _) => {
            let op = default_operation(kind);
            let other = if target == Format::AliyunOss { Format::TencentCos } else { Format::AliyunOss };
            [target, other].into_iter().find_map(|f| events_of(f).iter().find(|(_, k, o)| *k == kind && *o == op).map(|(n, k, o)| (f, *n, *k, *o)))
        }
        (None, Some(name)) => named_event(target, name),
        (None, None) => None,
    };
    found.map(|(f, n, k, o)| (f, n.to_string(), k, o)).ok_or_else(|| {
        Error::at(
            ErrorCode::InvalidRequest,
            "/event",
            format!(
                "`{}` is neither created, removed, restored, modified nor an event name of aliyun-oss or tencent-cos (`ObjectCreated:PutObject`, `cos:ObjectCreated:Put`, …)",
                crate::model::shorten(event.unwrap_or_default())
            ),
        )
    })
}

/// A conversion's loss path, from a record of the event, as the description's field: `/event`, `/etag`,
/// `/version`, `/time`.
fn spec_path(path: &str) -> String {
    let field = match path.rsplit('/').next().unwrap_or_default() {
        "eventName" => "event",
        "eTag" => "etag",
        "vid" => "version",
        "eventTime" => "time",
        other => other,
    };
    format!("/{field}")
}

/// Build the object event `to` would deliver for a description: one record per object, keys encoded as
/// the platform encodes them (COS: `/<appid>/<bucket>/` and percent escapes; OSS: as they are), times in
/// its form (`now`, Unix seconds, when the description gives none). What the target cannot carry (an ETag
/// into COS, a version into OSS, an event it has no exact counterpart for) is a loss at the description's
/// field (`/etag`, `/version`, `/event`).
///
/// # Errors
/// `unsupported` for a format that is not an object format, and for an event it cannot express (a restore
/// that has only started, into OSS); `invalid-request` for a description without a bucket or objects, an
/// empty key, a time that is not an RFC 3339 instant, or an event name neither platform documents.
pub fn event_from_spec(spec: ObjectSpec, to: Format, now: i64) -> Result<crate::Conversion> {
    if !to.is_object() {
        return Err(not_object(to));
    }
    if spec.bucket.is_empty() {
        return Err(Error::at(ErrorCode::InvalidRequest, "/bucket", "the bucket name is empty"));
    }
    if spec.objects.is_empty() {
        return Err(Error::at(ErrorCode::InvalidRequest, "/key", "an object event needs at least one key"));
    }
    if let Some(i) = spec.objects.iter().position(|o| o.key.is_empty()) {
        return Err(Error::at(
            ErrorCode::InvalidRequest,
            if spec.objects.len() == 1 { "/key".to_string() } else { format!("/keys/{i}") },
            "an object key is empty",
        ));
    }
    let time = match spec.time {
        None => crate::time::format_rfc3339(now, 0),
        Some(t) if crate::time::parse_rfc3339(&t).is_some() => t,
        Some(t) => return Err(Error::at(ErrorCode::InvalidRequest, "/time", format!("`{}` is not an RFC 3339 instant", crate::model::shorten(&t)))),
    };
    let (source, event_name, kind, operation) = spec_event(to, spec.event.as_deref())?;
    let oss = to == Format::AliyunOss;
    let region = spec.region.unwrap_or_else(|| (if oss { PLACEHOLDER_OSS_REGION } else { PLACEHOLDER_COS_REGION }).to_string());
    let account = spec.account.unwrap_or_else(|| (if oss { PLACEHOLDER_OSS_ACCOUNT } else { PLACEHOLDER_COS_APPID }).to_string());
    let records = spec
        .objects
        .into_iter()
        .map(|o| ObjectRecord {
            kind,
            operation: Some(operation),
            event_name: event_name.clone(),
            bucket: spec.bucket.clone(),
            region: Some(region.clone()),
            account: Some(account.clone()),
            key: o.key,
            raw_key: None,
            size: o.size,
            etag: o.etag,
            version: o.version,
            content_type: spec.content_type.clone(),
            metadata: spec.metadata.clone(),
            time: Some(time.clone()),
            raw_time: None,
            source_ip: spec.source_ip.clone(),
            request_id: spec.request_id.clone(),
        })
        .collect();
    let mut losses = Vec::new();
    let output = write_event(to, ObjectEvent { source, records, extras: Extras::default() }, &mut losses).map_err(|mut e| {
        e.path = spec_path(&e.path);
        e
    })?;
    for loss in &mut losses {
        loss.path = spec_path(&loss.path);
    }
    Ok(crate::Conversion::finish(crate::Kind::Event, None, to, output, losses))
}

// ---------------------------------------------------------------------------------------------------------
// Trigger configurations: an FC OSS trigger (a Serverless Devs `s.yaml` entry) ⇄ an SCF COS trigger (a
// Serverless Framework `serverless.yml` event entry, or a `CreateTrigger` configuration).

/// One event type of a trigger configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerEvent {
    /// What happens to the object.
    pub kind: ObjectKind,
    /// The operation; [`Operation::Any`] for a wildcard (`oss:ObjectCreated:*`).
    pub operation: Operation,
    /// The name as written.
    pub name: String,
    /// Its JSON pointer in the source configuration.
    pub path: String,
}

/// An object-storage trigger configuration, neutral.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectTrigger {
    /// Trigger name (COS: the entry's `name`).
    pub name: Option<String>,
    /// Bucket name (COS: without `-<appid>`).
    pub bucket: String,
    /// Region as the source names it.
    pub region: Option<String>,
    /// OSS account id or COS appid.
    pub account: Option<String>,
    /// Where the bucket was read from (its JSON pointer).
    pub bucket_path: String,
    /// The event types, in order.
    pub events: Vec<TriggerEvent>,
    /// Only keys starting with this.
    pub prefix: Option<String>,
    /// Only keys ending with this.
    pub suffix: Option<String>,
    /// Whether the trigger is enabled (COS `enable`; FC OSS triggers are always on).
    pub enabled: bool,
    /// Fields with no neutral home, with their JSON pointers, reported when dropped.
    pub dropped: Vec<(String, String)>,
}

/// A trigger configuration's event name: its kind and operation (`Any` for a wildcard).
fn config_event(format: Format, name: &str, path: &str) -> Result<(ObjectKind, Operation)> {
    let unknown = || Error::at(ErrorCode::InvalidField, path, format!("`{}` is not a {format} trigger event", crate::model::shorten(name)));
    if name.ends_with(":*") {
        return kind_of_name(format, name).map(|k| (k, Any)).ok_or_else(unknown);
    }
    let prefixed = format == Format::AliyunOss || name.starts_with("cos:");
    match event_type(format, name, path.to_string()) {
        Ok((kind, Some(op))) if prefixed => Ok((kind, op)),
        _ => Err(unknown()),
    }
}

/// The name a trigger of `format` uses for a kind and operation, and why it is only the nearest when
/// it is; `None` when `format` has none.
fn config_event_name(format: Format, kind: ObjectKind, op: Operation) -> Option<(String, Option<&'static str>)> {
    let oss = format == Format::AliyunOss;
    if op == Any {
        return Some(match (oss, kind) {
            (true, Created) => ("oss:ObjectCreated:*".into(), None),
            (true, Removed) => ("oss:ObjectRemoved:*".into(), None),
            (true, Restored) => ("oss:ObjectRestore:*".into(), None),
            (true, Modified) => ("oss:ObjectModified:*".into(), None),
            (false, Created) => ("cos:ObjectCreated:*".into(), None),
            (false, Removed) => ("cos:ObjectRemove:*".into(), None),
            (false, Restored) => ("cos:ObjectRestore:*".into(), None),
            (false, Modified) => ("cos:ObjectCreated:Copy".into(), Some("a copy: COS changes metadata by copying an object onto itself")),
        });
    }
    let prefix = if oss { "oss:" } else { "" };
    if let Some((name, _, _)) = events_of(format).iter().find(|(_, k, o)| *k == kind && *o == op) {
        return Some((format!("{prefix}{name}"), None));
    }
    nearest_event(format, kind, Some(op)).map(|(name, why)| (format!("{prefix}{name}"), Some(why)))
}

/// `<bucket>-<appid>.cos.<region>.myqcloud.com` (or a bare bucket name) as bucket, appid and region.
fn cos_bucket_host(host: &str) -> (String, Option<String>, Option<String>) {
    let host = host.trim().trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    let (full, region) = match host.split_once(".cos.") {
        Some((full, rest)) => (full, rest.strip_suffix(".myqcloud.com").map(str::to_string)),
        None => (host, None),
    };
    match full.rsplit_once('-') {
        Some((bucket, appid)) if !bucket.is_empty() && !appid.is_empty() && appid.bytes().all(|b| b.is_ascii_digit()) => {
            (bucket.to_string(), Some(appid.to_string()), region)
        }
        _ => (full.to_string(), None, region),
    }
}

fn rest_into(o: Obj, base: &str, dropped: &mut Vec<(String, String)>) {
    for (key, _) in o.rest() {
        dropped.push((json::pointer(base, &key), key));
    }
}

/// The event names of a configuration: a list of names or one name.
fn config_events(format: Format, value: Option<Value>, path: &str) -> Result<Vec<TriggerEvent>> {
    let items = match value {
        None | Some(Value::Null) => return Err(Error::at(ErrorCode::MissingField, path, "a storage trigger needs its events")),
        Some(Value::Array(items)) => items.into_iter().enumerate().map(|(i, v)| (format!("{path}/{i}"), v)).collect(),
        Some(v) => vec![(path.to_string(), v)],
    };
    let mut out = Vec::with_capacity(items.len());
    for (path, item) in items {
        let Value::String(name) = item else { return Err(Error::at(ErrorCode::InvalidField, path, "an event type is a string")) };
        let (kind, operation) = config_event(format, &name, &path)?;
        out.push(TriggerEvent { kind, operation, name, path });
    }
    if out.is_empty() {
        return Err(Error::at(ErrorCode::InvalidField, path, "a storage trigger needs at least one event"));
    }
    Ok(out)
}

/// Read an FC OSS trigger, flattened from its `s.yaml` entry (`triggerName`, `sourceArn`, and the
/// `triggerConfig` keys `events` and `filter.key.{prefix,suffix}` beside them).
pub(crate) fn read_oss_trigger(map: Map) -> Result<ObjectTrigger> {
    const F: Format = Format::AliyunOss;
    let mut o = Obj::new(Value::Object(map), "")?;
    let name = o.str("triggerName")?;
    let arn = o.req_str("sourceArn")?;
    let (region, account, bucket) = match arn.splitn(5, ':').collect::<Vec<_>>().as_slice() {
        ["acs", "oss", region, account, bucket] if !bucket.is_empty() => (region.to_string(), account.to_string(), bucket.to_string()),
        _ => {
            return Err(Error::at(
                ErrorCode::InvalidField,
                "/sourceArn",
                format!("`{}` is not an OSS bucket ARN (acs:oss:<region>:<account>:<bucket>)", crate::model::shorten(&arn)),
            ))
        }
    };
    let events = config_events(F, o.take("events"), "/events")?;
    let mut dropped = Vec::new();
    let (mut prefix, mut suffix) = (None, None);
    if let Some(mut filter) = o.obj("filter")? {
        if let Some(mut key) = filter.obj("key")? {
            prefix = key.str("prefix")?.filter(|p| !p.is_empty());
            suffix = key.str("suffix")?.filter(|s| !s.is_empty());
            rest_into(key, "/filter/key", &mut dropped);
        }
        rest_into(filter, "/filter", &mut dropped);
    }
    rest_into(o, "", &mut dropped);
    let some = |s: String| Some(s).filter(|s| !s.is_empty());
    Ok(ObjectTrigger {
        name,
        bucket,
        region: some(region),
        account: some(account),
        bucket_path: "/sourceArn".into(),
        events,
        prefix,
        suffix,
        enabled: true,
        dropped,
    })
}

/// Read an SCF COS trigger: a `serverless.yml` entry `{"cos": {"name", "parameters": {"bucket", "events",
/// "filter": {"prefix", "suffix"}, "enable"}}}` or a `CreateTrigger` configuration `{"Type": "cos",
/// "TriggerName": <bucket host>, "TriggerDesc": {"event", "filter": {"Prefix", "Suffix"}}, "Enable"}`.
pub(crate) fn read_cos_trigger(map: Map) -> Result<ObjectTrigger> {
    const F: Format = Format::TencentCos;
    let mut o = Obj::new(Value::Object(map), "")?;
    let mut dropped = Vec::new();
    let trigger = if o.has("cos") {
        let mut c = required(&mut o, "cos")?;
        let name = c.str("name")?;
        let mut p = required(&mut c, "parameters")?;
        let host = p.req_str("bucket")?;
        let events = config_events(F, p.take("events"), "/cos/parameters/events")?;
        let (mut prefix, mut suffix) = (None, None);
        if let Some(mut filter) = p.obj("filter")? {
            prefix = filter.str("prefix")?.filter(|s| !s.is_empty());
            suffix = filter.str("suffix")?.filter(|s| !s.is_empty());
            rest_into(filter, "/cos/parameters/filter", &mut dropped);
        }
        let enabled = p.bool("enable")?.unwrap_or(true);
        rest_into(p, "/cos/parameters", &mut dropped);
        rest_into(c, "/cos", &mut dropped);
        let (bucket, account, region) = cos_bucket_host(&host);
        ObjectTrigger { name, bucket, region, account, bucket_path: "/cos/parameters/bucket".into(), events, prefix, suffix, enabled, dropped: Vec::new() }
    } else {
        o.str("Type")?;
        let host = o.req_str("TriggerName")?;
        let closed = |s: &str| s.eq_ignore_ascii_case("CLOSE") || s.eq_ignore_ascii_case("false") || s == "0";
        let enabled = !o.str("Enable")?.as_deref().is_some_and(closed);
        let desc = match o.take("TriggerDesc") {
            None | Some(Value::Null) => return Err(Error::at(ErrorCode::MissingField, "/TriggerDesc", "a COS trigger needs `TriggerDesc` with its event")),
            Some(Value::String(s)) => {
                json::parse(s.as_bytes()).map_err(|e| Error::at(ErrorCode::InvalidField, "/TriggerDesc", format!("`TriggerDesc` is not JSON: {e}")))?
            }
            Some(v) => v,
        };
        let mut d = Obj::new(desc, "/TriggerDesc")?;
        let events = config_events(F, d.take("event"), "/TriggerDesc/event")?;
        let (mut prefix, mut suffix) = (None, None);
        if let Some(mut filter) = d.obj("filter")? {
            prefix = filter.str("Prefix")?.filter(|s| !s.is_empty());
            suffix = filter.str("Suffix")?.filter(|s| !s.is_empty());
            rest_into(filter, "/TriggerDesc/filter", &mut dropped);
        }
        d.take("bucketUrl");
        rest_into(d, "/TriggerDesc", &mut dropped);
        let (bucket, account, region) = cos_bucket_host(&host);
        ObjectTrigger { name: None, bucket, region, account, bucket_path: "/TriggerName".into(), events, prefix, suffix, enabled, dropped: Vec::new() }
    };
    rest_into(o, "", &mut dropped);
    Ok(ObjectTrigger { dropped, ..trigger })
}

/// Read a list of `serverless.yml` COS entries as one trigger: the same bucket and filter, their events
/// together (what one FC OSS trigger holds).
pub(crate) fn read_cos_triggers(items: Vec<Value>) -> Result<ObjectTrigger> {
    let mut merged: Option<ObjectTrigger> = None;
    for (i, item) in items.into_iter().enumerate() {
        let Value::Object(map) = item else { return Err(Error::at(ErrorCode::InvalidField, format!("/{i}"), "a COS trigger entry is an object")) };
        let at = |path: &str| format!("/{i}{path}");
        let mut t = read_cos_trigger(map)?;
        for e in &mut t.events {
            e.path = at(&e.path);
        }
        for d in &mut t.dropped {
            d.0 = at(&d.0);
        }
        t.bucket_path = at(&t.bucket_path);
        merged = Some(match merged {
            None => t,
            Some(mut m) => {
                if (&m.bucket, &m.account, &m.region, &m.prefix, &m.suffix) != (&t.bucket, &t.account, &t.region, &t.prefix, &t.suffix) {
                    return Err(Error::at(
                        ErrorCode::Unsupported,
                        format!("/{i}"),
                        "an FC OSS trigger has one bucket and one filter: these COS entries differ in them, so convert them one at a time",
                    ));
                }
                m.events.extend(t.events);
                m.dropped.extend(t.dropped);
                m.enabled &= t.enabled;
                m
            }
        });
    }
    merged.ok_or_else(|| Error::at(ErrorCode::InvalidField, "", "an empty list holds no COS trigger"))
}

fn trigger_losses(t: &ObjectTrigger, to: Format, foreign: bool, losses: &mut Vec<Loss>) {
    for (path, key) in &t.dropped {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            path.clone(),
            format!("`{}` has no counterpart in a {to} trigger configuration", crate::model::shorten(key)),
        ));
    }
    if !foreign {
        return;
    }
    losses.push(Loss::new(
        LossCode::TriggerSourceForeign,
        t.bucket_path.clone(),
        format!(
            "bucket `{}` (region {}, owner {}) is the source cloud's; the {to} trigger names it as it was: put the target bucket in before deploying",
            crate::model::shorten(&t.bucket),
            t.region.as_deref().unwrap_or("unknown"),
            t.account.as_deref().unwrap_or("unknown")
        ),
    ));
}

/// The target's names for the trigger's events, deduplicated, with a loss for each that is only the
/// nearest and an error when one has none (and is the only event).
fn target_events(t: &ObjectTrigger, to: Format, losses: &mut Vec<Loss>) -> Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut refused = None;
    for e in &t.events {
        match config_event_name(to, e.kind, e.operation) {
            Some((name, why)) => {
                if let Some(why) = why {
                    losses.push(Loss::new(
                        LossCode::ObjectEventApproximated,
                        e.path.clone(),
                        format!("a {to} trigger has no `{}` event; it listens to `{name}`, {why}", crate::model::shorten(&e.name)),
                    ));
                }
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            None => {
                losses.push(Loss::new(
                    LossCode::FieldDropped,
                    e.path.clone(),
                    format!("a {to} trigger cannot listen to `{}` (a restore that has only started); it was left out", crate::model::shorten(&e.name)),
                ));
                refused = Some(e);
            }
        }
    }
    match (names.is_empty(), refused) {
        (true, Some(e)) => Err(Error::at(
            ErrorCode::Unsupported,
            e.path.clone(),
            format!("a {to} trigger has no event for `{}`, a restore that has only started", crate::model::shorten(&e.name)),
        )),
        _ => Ok(names),
    }
}

/// Write an FC OSS trigger as a Serverless Devs `s.yaml` entry.
pub(crate) fn write_oss_trigger(t: ObjectTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Result<Value> {
    trigger_losses(&t, Format::AliyunOss, foreign, losses);
    let events = target_events(&t, Format::AliyunOss, losses)?;
    if !t.enabled {
        losses.push(Loss::new(
            LossCode::FieldDropped,
            "/cos/parameters/enable",
            "the COS trigger is disabled, and an FC OSS trigger cannot be: the converted one is live",
        ));
    }
    let mut key = ObjWriter::new();
    key.set("prefix", t.prefix.unwrap_or_default()).set("suffix", t.suffix.unwrap_or_default());
    let config = crate::json_object! {
        "events" => Value::Array(events.into_iter().map(Value::String).collect()),
        "filter" => crate::json_object! { "key" => key.build() },
    };
    let mut w = ObjWriter::new();
    w.set("triggerName", t.name.unwrap_or_else(|| "oss".to_string()))
        .set("triggerType", "oss")
        .set("sourceArn", oss_arn(t.region.as_deref(), t.account.as_deref(), &t.bucket))
        .set("triggerConfig", config);
    Ok(w.build())
}

/// Write an SCF COS trigger as `serverless.yml` event entries: one per event type (a COS trigger listens
/// to one), as a list when there are several.
pub(crate) fn write_cos_triggers(t: ObjectTrigger, foreign: bool, losses: &mut Vec<Loss>) -> Result<Value> {
    trigger_losses(&t, Format::TencentCos, foreign, losses);
    let events = target_events(&t, Format::TencentCos, losses)?;
    let host = match (&t.account, &t.region) {
        (Some(appid), Some(region)) => format!("{}-{appid}.cos.{region}.myqcloud.com", t.bucket),
        (Some(appid), None) => format!("{}-{appid}", t.bucket),
        (None, Some(region)) => format!("{}.cos.{region}.myqcloud.com", t.bucket),
        (None, None) => t.bucket.clone(),
    };
    let several = events.len() > 1;
    let mut entries: Vec<Value> = events
        .into_iter()
        .enumerate()
        .map(|(i, event)| {
            // Entries of one function need distinct names: the second and later get `-2`, `-3`, ….
            let name = t.name.as_ref().map(|n| if i == 0 { n.clone() } else { format!("{n}-{}", i + 1) });
            let mut filter = ObjWriter::new();
            filter.set("prefix", t.prefix.clone().unwrap_or_default()).set("suffix", t.suffix.clone().unwrap_or_default());
            let parameters = crate::json_object! {
                "bucket" => host.as_str(),
                "filter" => filter.build(),
                "events" => event,
                "enable" => t.enabled,
            };
            let mut cos = ObjWriter::new();
            cos.opt("name", name).set("parameters", parameters);
            crate::json_object! { "cos" => cos.build() }
        })
        .collect();
    Ok(if several { Value::Array(entries) } else { entries.pop().unwrap_or_default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_keys_lose_their_prefix_and_escapes_and_gain_them_back() {
        for key in ["a b/c+d%e.jpg", "目录/文件 1.png", "plain", "~x-y_z."] {
            let raw = cos_raw_key(key, Some("1250000000"), "bucket");
            assert!(raw.starts_with("/1250000000/bucket/"), "{raw}");
            assert!(!raw.contains(' ') && !raw.contains('+') && raw.is_ascii(), "{raw}");
            assert_eq!(cos_key(&raw, Some("1250000000"), "bucket"), key);
        }
        assert_eq!(cos_raw_key("a b+c%", Some("1"), "b"), "/1/b/a%20b%2Bc%25");
        // Tencent's older sample has no appid and bucket in the key.
        assert_eq!(cos_key("/test.jpg", Some("1251111111"), "bucketname"), "test.jpg");
        assert_eq!(cos_key("/1/b/%E4%B8%AD+x", Some("1"), "b"), "中+x");
        assert_eq!(cos_key("/1250000000/b/k/x", None, "b"), "k/x");
        assert_eq!(cos_key("/dir/b/k", None, "b"), "dir/b/k");
    }

    #[test]
    fn event_names_map_both_ways() {
        for (name, kind, op) in OSS_EVENTS {
            assert_eq!(event_type(Format::AliyunOss, name, String::new()).unwrap(), (*kind, Some(*op)));
            assert_eq!(event_type(Format::AliyunOss, &format!("oss:{name}"), String::new()).unwrap(), (*kind, Some(*op)));
        }
        for (name, kind, op) in COS_EVENTS {
            assert_eq!(event_type(Format::TencentCos, name, String::new()).unwrap(), (*kind, Some(*op)));
        }
        assert_eq!(event_type(Format::TencentCos, "cos:ObjectRemove:Future", String::new()).unwrap(), (Removed, None));
        assert_eq!(event_type(Format::AliyunOss, "Bucket:Created", "/p".into()).unwrap_err().code, ErrorCode::InvalidField);
        assert_eq!(event_type(Format::TencentCos, "ObjectModified:X", "/p".into()).unwrap_err().code, ErrorCode::InvalidField);
    }

    #[test]
    fn oss_times_keep_milliseconds() {
        assert_eq!(oss_time("2018-12-19T07:49:30Z"), "2018-12-19T07:49:30.000Z");
        assert_eq!(oss_time("2022-08-13T06:45:43.5Z"), "2022-08-13T06:45:43.500Z");
        assert_eq!(oss_time("2022-08-13T14:45:43.123456+08:00"), "2022-08-13T06:45:43.123Z");
        assert_eq!(oss_time("yesterday"), "yesterday");
        assert!(looks_encoded("a%20b") && !looks_encoded("100%") && !looks_encoded("%FF"));
    }
}
