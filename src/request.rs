//! Events from plain HTTP requests: method, URL, headers and body → the event any format would deliver.
//! The inverse of reading an event, for tests and local play-back without a cloud.

use crate::error::{Error, ErrorCode, Result};
use crate::format::Format;
use crate::formats::decode_path;
use crate::json::{quoted, Value};
use crate::model::{Headers, Loss, LossCode, NeutralRequest};
use crate::validate::is_token;

/// A plain HTTP request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpRequest {
    /// Method; empty means `GET`, or `POST` when there is a body (as curl does).
    pub method: String,
    /// Absolute URL (`https://host/path?query`) or origin-form path (`/path?query`).
    pub url: String,
    /// Header fields in order; a name may repeat.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Client address to record, where the format has a place for it.
    pub client_ip: Option<String>,
    /// Request id to record.
    pub request_id: Option<String>,
    /// Request time, RFC 3339.
    pub time: Option<String>,
}

impl HttpRequest {
    /// Read the JSON form `{"method", "url", "headers": [[name, value], …], "clientIp", "requestId",
    /// "time"}` (every field optional; the body travels separately as bytes).
    ///
    /// # Errors
    /// `invalid-request` with the pointer of a field of the wrong type.
    pub fn from_json(value: Value) -> Result<HttpRequest> {
        let wrong = |e: Error| Error { code: ErrorCode::InvalidRequest, ..e };
        let mut o = crate::wire::Obj::new(value, "").map_err(wrong)?;
        let pairs = match o.take("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(pairs)) => pairs,
            Some(_) => return Err(Error::at(ErrorCode::InvalidRequest, "/headers", "`headers` must be an array of [name, value] pairs")),
        };
        let mut headers = Vec::with_capacity(pairs.len());
        for (i, pair) in pairs.into_iter().enumerate() {
            let Value::Array(pair) = pair else { return Err(not_a_pair(i)) };
            let Ok([Value::String(name), Value::String(value)]) = <[Value; 2]>::try_from(pair) else { return Err(not_a_pair(i)) };
            headers.push((name, value));
        }
        Ok(HttpRequest {
            method: o.str("method").map_err(wrong)?.unwrap_or_default(),
            url: o.str("url").map_err(wrong)?.unwrap_or_default(),
            headers,
            body: Vec::new(),
            client_ip: o.str("clientIp").map_err(wrong)?,
            request_id: o.str("requestId").map_err(wrong)?,
            time: o.str("time").map_err(wrong)?,
        })
    }
}

fn not_a_pair(i: usize) -> Error {
    Error::at(ErrorCode::InvalidRequest, format!("/headers/{i}"), "a header is a pair of strings [name, value]")
}

/// Build the neutral request for `target`: the URL is split and decoded (`+` is a space in the query,
/// not in the path), a `Host` header is added from an absolute URL, and the body encoding follows the
/// target platform's habit (Alibaba API Gateway base64-encodes every body but forms).
///
/// # Errors
/// `invalid-request` for a method that is not a token, a URL that is neither absolute nor a path, or a
/// header name or value HTTP does not allow; the path names the culprit (`/url`, `/headers/2`).
pub fn to_neutral(req: HttpRequest, target: Format) -> Result<NeutralRequest> {
    let HttpRequest { method, url, headers: fields, body, client_ip, request_id, time } = req;
    let method = match method.trim() {
        "" if body.is_empty() => "GET".to_string(),
        "" => "POST".to_string(),
        m => m.to_string(),
    };
    if !is_token(&method) {
        return Err(Error::at(ErrorCode::InvalidRequest, "/method", format!("method {} is not an HTTP token", quoted(&method))));
    }
    let url = url.trim();
    // CR and LF would split a request line; no control character (C0, DEL, C1) belongs in a URL.
    if let Some(c) = url.chars().find(|c| c.is_control()) {
        return Err(Error::at(ErrorCode::InvalidRequest, "/url", format!("the URL contains the control character U+{:04X}", u32::from(c))));
    }
    let url = url.split('#').next().unwrap_or_default();
    let (authority, rest) = split_authority(url)?;
    let (raw_path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let raw_path = if raw_path.is_empty() { "/" } else { raw_path };
    let mut headers = Headers::new();
    for (i, (name, value)) in fields.into_iter().enumerate() {
        if !is_token(&name) || value.contains(['\r', '\n', '\0']) {
            return Err(Error::at(ErrorCode::InvalidRequest, format!("/headers/{i}"), format!("header {} is not valid HTTP", quoted(&name))));
        }
        headers.append(name, value);
    }
    if let Some(host) = authority {
        if !headers.contains("host") {
            headers.append("Host", host);
        }
    }
    let host = headers.get("host").map(str::to_string);
    let (query, tolerated) = parse_query(query);
    let body_was_base64 = match target {
        Format::AliyunApigw => {
            let form = headers.get("content-type").is_some_and(|c| c.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
            !form && !body.is_empty()
        }
        _ => std::str::from_utf8(&body).is_err(),
    };
    Ok(NeutralRequest {
        source: None,
        method,
        path: decode_path(raw_path),
        raw_path: Some(raw_path.to_string()),
        host,
        query,
        tolerated,
        headers,
        body: body.into(),
        body_was_base64,
        client_ip,
        request_id,
        time,
        // An API gateway trigger is published to an environment, `release` unless configured (583/39901); a
        // real event always names it, and detection tells it from a Function URL event by it.
        stage: (target == Format::TencentApigw).then(|| "release".to_string()),
        ..Default::default()
    })
}

/// Split and decode a query string as a form would (`+` is a space). A key or value whose decoded bytes
/// are not UTF-8 has them replaced, with a `query-not-utf8` loss: the neutral query is text.
#[inline(never)]
fn parse_query(query: &str) -> (Vec<(String, String)>, Vec<Loss>) {
    let mut losses = Vec::new();
    let pairs = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .zip(query.split('&').filter(|s| !s.is_empty()))
        .map(|((k, v), text)| {
            if !is_utf8(text) {
                losses.push(Loss::new(
                    LossCode::QueryNotUtf8,
                    crate::json::pointer("/url/query", &k),
                    format!("query parameter {} decodes to bytes that are not UTF-8; they were replaced with U+FFFD", quoted(text)),
                ));
            }
            (k, v)
        })
        .collect();
    (pairs, losses)
}

/// Whether `key=value` percent-decodes to UTF-8 (`=` and `+` are ASCII: decoding the pair whole answers
/// for both halves).
fn is_utf8(text: &str) -> bool {
    std::str::from_utf8(&percent_encoding::percent_decode_str(text).collect::<Vec<u8>>()).is_ok()
}

/// Split `scheme://authority/rest` into the host (userinfo removed) and the rest; a path passes through.
fn split_authority(url: &str) -> Result<(Option<&str>, &str)> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok((None, url));
    }
    // A byte search: str patterns bring the standard library's substring searcher and its panic paths.
    let scheme_end = url.as_bytes().windows(3).position(|w| w == b"://");
    let scheme = scheme_end.and_then(|i| url.get(..i)).unwrap_or_default();
    let after_scheme = match scheme_end.and_then(|i| url.get(i + 3..)) {
        Some(rest) if !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) => rest,
        _ => url
            .strip_prefix("//")
            .ok_or_else(|| Error::at(ErrorCode::InvalidRequest, "/url", format!("{} is neither an absolute URL nor a path starting with `/`", quoted(url))))?,
    };
    let end = after_scheme.find(['/', '?']).unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at_checked(end).unwrap_or((after_scheme, ""));
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(Error::at(ErrorCode::InvalidRequest, "/url", format!("{} has no valid host", quoted(url))));
    }
    Ok((Some(host), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_is_split_and_decoded() {
        let req = HttpRequest { url: "https://u:p@example.com:8443/a+b/c%20d?q=a+b&r=a%20b&q=2#frag".into(), ..Default::default() };
        let n = to_neutral(req, Format::TencentApigw).unwrap();
        assert_eq!(n.method, "GET");
        assert_eq!(n.path, "/a+b/c d");
        assert_eq!(n.raw_path.as_deref(), Some("/a+b/c%20d"));
        assert_eq!(n.query, [("q".to_string(), "a b".to_string()), ("r".into(), "a b".into()), ("q".into(), "2".into())]);
        assert_eq!(n.headers.get("host"), Some("example.com:8443"));
        assert_eq!(n.host.as_deref(), Some("example.com:8443"));
        assert!(n.tolerated.is_empty());
    }

    #[test]
    fn query_bytes_that_are_not_utf8_are_reported() {
        let req = HttpRequest { url: "/p?a=%FF&%E4%B8%AD=%E6%96%87&b=%EF%BF%BD".into(), ..Default::default() };
        let n = to_neutral(req, Format::TencentUrl).unwrap();
        assert_eq!(n.query, [("a".to_string(), "\u{FFFD}".to_string()), ("中".into(), "文".into()), ("b".into(), "\u{FFFD}".into())]);
        assert_eq!(n.tolerated.iter().map(|l| (l.code, l.path.as_str())).collect::<Vec<_>>(), [(LossCode::QueryNotUtf8, "/url/query/a")]);
    }

    #[test]
    fn requests_read_from_json_with_typed_errors() {
        let req = HttpRequest::from_json(json!({"method": "PUT", "url": "/a", "headers": [["A", "1"], ["a", "2"]], "clientIp": "1.2.3.4"})).unwrap();
        assert_eq!((req.method.as_str(), req.url.as_str(), req.client_ip.as_deref()), ("PUT", "/a", Some("1.2.3.4")));
        assert_eq!(req.headers, [("A".to_string(), "1".to_string()), ("a".into(), "2".into())]);
        assert_eq!(HttpRequest::from_json(json!({})).unwrap(), HttpRequest::default());
        for (bad, path) in [
            (json!([]), ""),
            (json!({"headers": {"A": "1"}}), "/headers"),
            (json!({"headers": [["A"]]}), "/headers/0"),
            (json!({"headers": [["A", "1"], ["B", 2]]}), "/headers/1"),
            (json!({"url": {"x": 1}}), "/url"),
        ] {
            let e = HttpRequest::from_json(bad).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, path));
        }
    }

    #[test]
    fn bad_requests_are_typed() {
        for (req, path) in [
            (HttpRequest { url: "example.com/x".into(), ..Default::default() }, "/url"),
            (HttpRequest { url: "/a\r\nX-Injected: 1".into(), ..Default::default() }, "/url"),
            (HttpRequest { url: "https://example.com/a\u{0}b".into(), ..Default::default() }, "/url"),
            (HttpRequest { url: "/a?q=\u{1b}[31m".into(), ..Default::default() }, "/url"),
            (HttpRequest { url: "/a\u{85}b".into(), ..Default::default() }, "/url"),
            (HttpRequest { url: "/x".into(), method: "GE T".into(), ..Default::default() }, "/method"),
            (HttpRequest { url: "/x".into(), headers: vec![("A".into(), "b\r\nc".into())], ..Default::default() }, "/headers/0"),
        ] {
            let e = to_neutral(req, Format::AliyunHttp).unwrap_err();
            assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRequest, path));
        }
    }
}
