//! Format ids: the names the API, the CLI and the docs use for every payload shape.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode};
use crate::json::Value;

/// A payload format. HTTP formats name both the event a function receives and the integration response it
/// returns behind that trigger; timer formats name timer events; object formats name object-storage events
/// (docs/object-events.md).
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
    /// Every format.
    pub const ALL: [Format; 8] = [
        Format::AliyunApigw,
        Format::AliyunHttp,
        Format::TencentApigw,
        Format::TencentUrl,
        Format::AliyunTimer,
        Format::TencentTimer,
        Format::AliyunOss,
        Format::TencentCos,
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
        }
    }

    /// The cloud this format belongs to.
    pub fn platform(self) -> Platform {
        match self {
            Format::AliyunApigw | Format::AliyunHttp | Format::AliyunTimer | Format::AliyunOss => Platform::Aliyun,
            Format::TencentApigw | Format::TencentUrl | Format::TencentTimer | Format::TencentCos => Platform::Tencent,
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

    /// Whether this is an HTTP format: an event with a request, and an integration response.
    pub fn is_http(self) -> bool {
        !self.is_timer() && !self.is_object()
    }

    /// What kind of trigger the format belongs to: `http`, `timer` or `object`. Events convert only
    /// between formats of one kind.
    pub fn kind(self) -> &'static str {
        if self.is_timer() {
            "timer"
        } else if self.is_object() {
            "object"
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
