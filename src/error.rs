//! The one error type of the crate. Every failure on untrusted input becomes an [`Error`] with a stable
//! [`ErrorCode`], the JSON pointer of the offending value and, when known, the format being read.

use std::fmt;

use crate::format::Format;
use crate::json::{ToJson, Value};

/// Stable, machine-readable error codes. Their kebab-case names (`invalid-json`, …) are part of the public
/// API of the CLI, the npm package and `docs/codes.md`; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input is not JSON (or not UTF-8).
    InvalidJson,
    /// The input nests deeper than [`crate::json::MAX_DEPTH`] levels.
    TooDeep,
    /// No format probe matched the input.
    UnknownFormat,
    /// A field has a type or value that the format cannot accept.
    InvalidField,
    /// A field that the format requires is absent.
    MissingField,
    /// A body flagged as base64 is not valid base64.
    InvalidBase64,
    /// A plain HTTP request (method, URL, header) could not be turned into an event.
    InvalidRequest,
    /// A cron expression could not be parsed.
    InvalidCron,
    /// A time zone name or offset is not one this crate knows.
    InvalidTimeZone,
    /// The conversion asked for makes no sense (a timer event into an HTTP event, …).
    Unsupported,
    /// Command-line usage error.
    Usage,
    /// A file could not be read.
    Io,
}

impl ErrorCode {
    /// The stable kebab-case name of the code.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid-json",
            ErrorCode::TooDeep => "too-deep",
            ErrorCode::UnknownFormat => "unknown-format",
            ErrorCode::InvalidField => "invalid-field",
            ErrorCode::MissingField => "missing-field",
            ErrorCode::InvalidBase64 => "invalid-base64",
            ErrorCode::InvalidRequest => "invalid-request",
            ErrorCode::InvalidCron => "invalid-cron",
            ErrorCode::InvalidTimeZone => "invalid-time-zone",
            ErrorCode::Unsupported => "unsupported",
            ErrorCode::Usage => "usage",
            ErrorCode::Io => "io",
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL: [ErrorCode; 12] = [
        ErrorCode::InvalidJson,
        ErrorCode::TooDeep,
        ErrorCode::UnknownFormat,
        ErrorCode::InvalidField,
        ErrorCode::MissingField,
        ErrorCode::InvalidBase64,
        ErrorCode::InvalidRequest,
        ErrorCode::InvalidCron,
        ErrorCode::InvalidTimeZone,
        ErrorCode::Unsupported,
        ErrorCode::Usage,
        ErrorCode::Io,
    ];
}

/// A failure with a stable code, a human message, the JSON pointer (RFC 6901, `""` for the whole input) of
/// the value at fault and the format that was being read, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Stable code.
    pub code: ErrorCode,
    /// One-line human explanation.
    pub message: String,
    /// JSON pointer of the offending value; `""` means the whole input.
    pub path: String,
    /// The format being read or written, when one was involved.
    pub format: Option<Format>,
}

impl Error {
    /// An error at the root of the input.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), path: String::new(), format: None }
    }

    /// An error at a JSON pointer.
    pub fn at(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), path: path.into(), format: None }
    }

    /// Attach the format being read, keeping one already set.
    pub fn in_format(mut self, format: Format) -> Self {
        self.format.get_or_insert(format);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        if let Some(format) = self.format {
            write!(f, " [{}]", format.id())?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// `{"code", "message", "path", "format"}`.
impl ToJson for Error {
    fn to_json(&self) -> Value {
        crate::json_object! { "code" => self.code.as_str(), "message" => self.message.as_str(), "path" => self.path.as_str(), "format" => self.format }
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
