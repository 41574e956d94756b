//! Format ids: the names the API, the CLI and the docs use for every payload shape.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode};
use crate::json::Value;

/// A payload format. HTTP formats name both the event a function receives and the integration response it
/// returns behind that trigger; timer formats name timer events; object formats name object-storage events
/// (docs/object-events.md); message formats name message-queue trigger events (docs/message-events.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// Alibaba API Gateway → Function Compute event function (seeds 000/001).
    AliyunApigw,
    /// Alibaba FC 3.0 HTTP trigger, event function in a built-in runtime.
    AliyunHttp,
    /// Tencent SCF API Gateway trigger, integration request/response (seed 003).
    TencentApigw,
    /// Tencent SCF Function URL.
    TencentUrl,
    /// Alibaba FC timer trigger event (seed 002).
    AliyunTimer,
    /// Tencent SCF timer trigger event.
    TencentTimer,
    /// Alibaba FC OSS (object storage) trigger event.
    AliyunOss,
    /// Tencent SCF COS (object storage) trigger event.
    TencentCos,
    /// Alibaba FC Simple Message Queue (formerly MNS) topic trigger event, JSON notify format.
    AliyunMns,
    /// Alibaba FC ApsaraMQ for Kafka trigger event (EventBridge CloudEvents, a batch as an array).
    AliyunKafka,
    /// Alibaba FC ApsaraMQ for RocketMQ trigger event (EventBridge CloudEvents); no Tencent counterpart.
    AliyunRocketmq,
    /// Tencent SCF CMQ topic trigger event (also what TDMQ for CMQ topics deliver).
    TencentCmq,
    /// Tencent SCF CKafka trigger event.
    TencentCkafka,
}

/// The cloud a format belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Alibaba Cloud Function Compute.
    Aliyun,
    /// Tencent Cloud Serverless Cloud Function.
    Tencent,
}

impl Platform {
    /// `aliyun` or `tencent`.
    pub fn id(self) -> &'static str {
        match self {
            Platform::Aliyun => "aliyun",
            Platform::Tencent => "tencent",
        }
    }
}

impl Format {
    /// The four HTTP-style formats, in detection order of preference for display.
    pub const HTTP: [Format; 4] = [Format::AliyunApigw, Format::AliyunHttp, Format::TencentApigw, Format::TencentUrl];
    /// The two timer formats.
    pub const TIMER: [Format; 2] = [Format::AliyunTimer, Format::TencentTimer];
    /// The two object-storage formats.
    pub const OBJECT: [Format; 2] = [Format::AliyunOss, Format::TencentCos];
    /// The five message-queue formats.
    pub const MESSAGE: [Format; 5] = [Format::AliyunMns, Format::AliyunKafka, Format::AliyunRocketmq, Format::TencentCmq, Format::TencentCkafka];
    /// Every format.
    pub const ALL: [Format; 13] = [
        Format::AliyunApigw,
        Format::AliyunHttp,
        Format::TencentApigw,
        Format::TencentUrl,
        Format::AliyunTimer,
        Format::TencentTimer,
        Format::AliyunOss,
        Format::TencentCos,
        Format::AliyunMns,
        Format::AliyunKafka,
        Format::AliyunRocketmq,
        Format::TencentCmq,
        Format::TencentCkafka,
    ];

    /// The kebab-case id, e.g. `aliyun-apigw`.
    pub fn id(self) -> &'static str {
        match self {
            Format::AliyunApigw => "aliyun-apigw",
            Format::AliyunHttp => "aliyun-http",
            Format::TencentApigw => "tencent-apigw",
            Format::TencentUrl => "tencent-url",
            Format::AliyunTimer => "aliyun-timer",
            Format::TencentTimer => "tencent-timer",
            Format::AliyunOss => "aliyun-oss",
            Format::TencentCos => "tencent-cos",
            Format::AliyunMns => "aliyun-mns",
            Format::AliyunKafka => "aliyun-kafka",
            Format::AliyunRocketmq => "aliyun-rocketmq",
            Format::TencentCmq => "tencent-cmq",
            Format::TencentCkafka => "tencent-ckafka",
        }
    }

    /// The cloud this format belongs to.
    pub fn platform(self) -> Platform {
        match self {
            Format::AliyunApigw
            | Format::AliyunHttp
            | Format::AliyunTimer
            | Format::AliyunOss
            | Format::AliyunMns
            | Format::AliyunKafka
            | Format::AliyunRocketmq => Platform::Aliyun,
            Format::TencentApigw | Format::TencentUrl | Format::TencentTimer | Format::TencentCos | Format::TencentCmq | Format::TencentCkafka => {
                Platform::Tencent
            }
        }
    }

    /// Whether this is a timer format (no HTTP request or response).
    pub fn is_timer(self) -> bool {
        matches!(self, Format::AliyunTimer | Format::TencentTimer)
    }

    /// Whether this is an object-storage format (no HTTP request or response).
    pub fn is_object(self) -> bool {
        matches!(self, Format::AliyunOss | Format::TencentCos)
    }

    /// Whether this is a message-queue format (no HTTP request or response).
    pub fn is_message(self) -> bool {
        matches!(self, Format::AliyunMns | Format::AliyunKafka | Format::AliyunRocketmq | Format::TencentCmq | Format::TencentCkafka)
    }

    /// Whether this is an HTTP format: an event with a request, and an integration response.
    pub fn is_http(self) -> bool {
        !self.is_timer() && !self.is_object() && !self.is_message()
    }

    /// The formats an event of this format converts into: those of its kind, and for a message format its
    /// counterpart on the other cloud (MNS topic ⇄ CMQ topic, ApsaraMQ for Kafka ⇄ CKafka) and itself.
    pub fn targets(self) -> &'static [Format] {
        match self {
            Format::AliyunMns | Format::TencentCmq => &[Format::AliyunMns, Format::TencentCmq],
            Format::AliyunKafka | Format::TencentCkafka => &[Format::AliyunKafka, Format::TencentCkafka],
            Format::AliyunRocketmq => &[Format::AliyunRocketmq],
            f if f.is_timer() => &Format::TIMER,
            f if f.is_object() => &Format::OBJECT,
            _ => &Format::HTTP,
        }
    }

    /// What kind of trigger the format belongs to: `http`, `timer`, `object` or `message`. Events convert
    /// only between formats of one kind ([`Format::targets`]).
    pub fn kind(self) -> &'static str {
        if self.is_timer() {
            "timer"
        } else if self.is_object() {
            "object"
        } else if self.is_message() {
            "message"
        } else {
            "http"
        }
    }

    /// A short human title.
    pub fn title(self) -> &'static str {
        match self {
            Format::AliyunApigw => "Alibaba API Gateway → FC event function",
            Format::AliyunHttp => "Alibaba FC 3.0 HTTP trigger",
            Format::TencentApigw => "Tencent SCF API Gateway trigger",
            Format::TencentUrl => "Tencent SCF Function URL",
            Format::AliyunTimer => "Alibaba FC timer trigger",
            Format::TencentTimer => "Tencent SCF timer trigger",
            Format::AliyunOss => "Alibaba FC OSS trigger",
            Format::TencentCos => "Tencent SCF COS trigger",
            Format::AliyunMns => "Alibaba FC MNS topic trigger",
            Format::AliyunKafka => "Alibaba FC ApsaraMQ for Kafka trigger",
            Format::AliyunRocketmq => "Alibaba FC ApsaraMQ for RocketMQ trigger",
            Format::TencentCmq => "Tencent SCF CMQ topic trigger",
            Format::TencentCkafka => "Tencent SCF CKafka trigger",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Format::ALL.into_iter().find(|f| f.id() == s).ok_or_else(|| {
            let ids: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
            Error::new(ErrorCode::Usage, format!("unknown format `{s}`; expected one of {}", ids.join(", ")))
        })
    }
}

/// The format id as a JSON string.
impl From<Format> for Value {
    fn from(f: Format) -> Self {
        Value::from(f.id())
    }
}

/// The platform id as a JSON string.
impl From<Platform> for Value {
    fn from(p: Platform) -> Self {
        Value::from(p.id())
    }
}
