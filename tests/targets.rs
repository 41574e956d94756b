//! Request targets survive every conversion: 1000 seeded random targets (random bytes in path segments and in
//! query keys and values, escaped or literal) go `request → format A → format B → A`, for every pair, and
//! come back as the identical target, or with a loss that names what changed. Every event written on the
//! way has a path that Node's `http`, the WHATWG URL parser and the platforms' readers take as it is.

mod common;

use common::Lcg;
use percent_encoding::percent_decode_str;
use trigger_bridge::formats::normalize_raw_path;
use trigger_bridge::json::Value;
use trigger_bridge::{convert_event, detect, event_from_request, read_request, Conversion, Format, HttpRequest, LossCode};

/// Characters a path or query may hold literally without changing its meaning.
const LITERAL: &[&str] = &["a", "Z", "0", "9", "-", ".", "_", "~", "!", "$", "'", "(", ")", "*", ",", ";", ":", "@", "+", "=", "[", "]", "|", "^"];
/// Characters a user may type that the request target must escape: a space, quotes, braces, `\`, a lone
/// `%`, and non-ASCII.
const TYPED: &[&str] = &[" ", "\"", "<", ">", "`", "{", "}", "\\", "%", "%z", "é", "用", "😀"];

/// One piece of a path segment or a query key or value: a random byte escaped (`%2F`, `%ff`), a
/// literal character, or a character that needs escaping, typed as is.
fn piece(rng: &mut Lcg) -> String {
    match rng.below(10) {
        0..=4 => {
            let byte = rng.below(256) as u8;
            if rng.below(2) == 0 {
                format!("%{byte:02X}")
            } else {
                format!("%{byte:02x}")
            }
        }
        5..=7 => LITERAL[rng.below(LITERAL.len())].to_string(),
        _ => TYPED[rng.below(TYPED.len())].to_string(),
    }
}

fn segment(rng: &mut Lcg) -> String {
    (0..rng.below(6)).map(|_| piece(rng)).collect()
}

/// A random request target: `/seg/seg?k=v&k2=v2` (keys repeat now and then).
fn target(rng: &mut Lcg) -> (String, String) {
    // The first segment is never empty: `//x` at the start of a URL names a host, not a path.
    let mut path = format!("/{}{}", piece(rng), segment(rng));
    for _ in 0..rng.below(4) {
        path.push('/');
        path.push_str(&segment(rng));
    }
    let mut keys: Vec<String> = Vec::new();
    let mut pairs = Vec::new();
    for _ in 0..rng.below(5) {
        let key = match keys.len() {
            n if n > 0 && rng.below(3) == 0 => keys[rng.below(n)].clone(),
            _ => segment(rng),
        };
        keys.push(key.clone());
        let value = segment(rng);
        pairs.push(if value.is_empty() && rng.below(2) == 0 { key } else { format!("{key}={value}") });
    }
    let mut query = pairs.join("&");
    // A URL is trimmed before it is read, so it does not end in a space.
    if query.ends_with(' ') {
        query.push('~');
    }
    (path, query)
}

/// A query as a form decodes it: `+` is a space; the bytes of each key and value.
fn form_bytes(query: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let decode = |s: &str| percent_decode_str(&s.replace('+', " ")).collect::<Vec<u8>>();
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The values of each key, keys in first-appearance order: what a JSON map of arrays keeps.
fn grouped(pairs: &[(String, String)]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in pairs {
        match out.iter_mut().find(|(key, _)| key == k) {
            Some((_, values)) => values.push(v.clone()),
            None => out.push((k.clone(), vec![v.clone()])),
        }
    }
    out
}

/// Whether a path field is a request-target path every reader takes as it is: printable ASCII without a
/// space, `"`, `#`, `<`, `>`, `?`, `` ` ``, `{`, `}` or `\`, and every `%` starting an escape.
fn is_wire_path(path: &str) -> bool {
    let b = path.as_bytes();
    path.starts_with('/')
        && b.iter().enumerate().all(|(i, &c)| match c {
            b'%' => b.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            0x21..=0x7e => !b"\"#<>?`{}\\".contains(&c),
            _ => false,
        })
}

fn path_field(format: Format, event: &Value) -> String {
    let key = if format == Format::AliyunHttp { "rawPath" } else { "path" };
    event.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

fn step(conversion: Conversion, losses: &mut Vec<(LossCode, String)>) -> Vec<u8> {
    losses.extend(conversion.losses.iter().map(|l| (l.code, l.path.clone())));
    let to = conversion.to;
    let path = path_field(to, &conversion.output);
    assert!(is_wire_path(&path), "{to} path {path:?} is not a request target every reader accepts");
    let bytes = conversion.output.to_json_string().into_bytes();
    assert_eq!(detect(&bytes).unwrap(), to, "an event written as {to} is detected as another format");
    bytes
}

#[test]
fn a_thousand_random_targets_survive_every_pair_of_formats() {
    let mut rng = Lcg(0x7a26_e7b1_d6e5_0009);
    let (mut checked, mut with_losses) = (0, 0);
    for n in 0..1000 {
        let (path, query) = target(&mut rng);
        let host = ["fn.example.com", "x.cn-hangzhou.fcapp.run:8443", "127.0.0.1"][n % 3];
        let url = if n % 2 == 0 { format!("https://{host}{path}?{query}") } else { format!("{path}?{query}") };
        let expected_wire = normalize_raw_path(&path);
        let expected_query = form_bytes(&query);
        let not_utf8 = expected_query.iter().any(|(k, v)| std::str::from_utf8(k).is_err() || std::str::from_utf8(v).is_err());
        let lossy: Vec<(String, String)> =
            expected_query.iter().map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned())).collect();
        for a in Format::HTTP {
            for b in Format::HTTP.into_iter().filter(|b| *b != a) {
                let case = format!("#{n} {url:?}: {a} → {b} → {a}");
                let mut losses = Vec::new();
                let request = HttpRequest { url: url.clone(), ..Default::default() };
                let first = step(event_from_request(request, a).unwrap(), &mut losses);
                let second = step(convert_event(&first, Some(a), b).unwrap(), &mut losses);
                let back = step(convert_event(&second, Some(b), a).unwrap(), &mut losses);
                let returned = read_request(&back, Some(a)).unwrap();
                let lost = |code: LossCode| losses.iter().any(|(c, _)| *c == code);

                // The path has no loss to hide behind: it comes back exactly.
                assert_eq!(returned.raw_path.as_deref().map(normalize_raw_path), Some(expected_wire.clone()), "{case}");
                assert_eq!(returned.path, trigger_bridge::formats::decode_path(&path), "{case}");
                assert_eq!(returned.host.as_deref(), (n % 2 == 0).then_some(host), "{case}");

                // The query comes back as it was, or each difference has its loss.
                let exact = returned.query.iter().map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec())).collect::<Vec<_>>() == expected_query;
                checked += 1;
                if exact {
                    continue;
                }
                with_losses += 1;
                assert_eq!(not_utf8, lost(LossCode::QueryNotUtf8), "{case}: query-not-utf8 iff the query is not UTF-8; losses {losses:?}");
                if returned.query == lossy {
                    continue;
                }
                if grouped(&returned.query) == grouped(&lossy) {
                    assert!(lost(LossCode::QueryReordered), "{case}: the query was reordered without a loss: {:?} vs {lossy:?}", returned.query);
                    let moved: Vec<&String> = losses.iter().filter(|(c, _)| *c == LossCode::QueryReordered).map(|(_, p)| p).collect();
                    assert!(!moved.is_empty(), "{case}");
                    continue;
                }
                // Repeated keys were dropped (Alibaba API Gateway) or joined with commas (FC 3.0): the keys
                // stay, in order, and the loss names each.
                let dropped_or_joined = lost(LossCode::QueryRepeatedDropped) || lost(LossCode::QueryRepeatedJoined);
                assert!(dropped_or_joined, "{case}: query changed without a loss: {:?} vs {lossy:?}; losses {losses:?}", returned.query);
                let keys = |q: &[(String, Vec<String>)]| q.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
                assert_eq!(keys(&grouped(&returned.query)), keys(&grouped(&lossy)), "{case}");
                for (key, values) in grouped(&lossy).into_iter().filter(|(_, v)| v.len() > 1) {
                    let named = losses.iter().any(|(c, p)| {
                        matches!(c, LossCode::QueryRepeatedDropped | LossCode::QueryRepeatedJoined)
                            && *p == trigger_bridge::json::pointer("/queryParameters", &key)
                    });
                    assert!(named, "{case}: {} values of `{key}` changed with no loss naming it", values.len());
                }
            }
        }
    }
    assert_eq!(checked, 12_000);
    // The generator does reach every kind of change, so the branches above are exercised.
    assert!(with_losses > 500 && with_losses < checked, "{with_losses} of {checked} changed");
}

/// The cases the issue names, spelled out.
#[test]
fn encoded_slashes_spaces_and_non_ascii_keep_their_form() {
    let fc =
        br#"{"version":"v1","rawPath":"/a%2Fb/my%20file+1","requestContext":{"domainName":"x.fcapp.run","http":{"method":"GET","path":"/a/b/my file+1"}}}"#;
    for to in [Format::AliyunApigw, Format::TencentApigw, Format::TencentUrl] {
        let out = convert_event(fc, None, to).unwrap();
        assert_eq!(out.output["path"], "/a%2Fb/my%20file+1", "{to}: %2F stays distinct from /, %20 is not encoded again");
        assert_eq!(out.output["headers"]["Host"], "x.fcapp.run", "{to}");
        let back = convert_event(out.output.to_json_string().as_bytes(), None, Format::AliyunHttp).unwrap();
        assert_eq!(back.output["rawPath"], "/a%2Fb/my%20file+1", "{to}");
        assert_eq!(back.output["requestContext"]["domainName"], "x.fcapp.run", "{to}");
    }
    // A domain unlike the Host header cannot travel where the header is the host.
    let both = br#"{"version":"v1","rawPath":"/","headers":{"Host":"a.example.com"},"requestContext":{"domainName":"b.fcapp.run","http":{"method":"GET"}}}"#;
    let out = convert_event(both, None, Format::TencentUrl).unwrap();
    assert_eq!(out.output["headers"]["Host"], "a.example.com");
    assert_eq!(out.losses.iter().map(|l| (l.code, l.path.as_str())).collect::<Vec<_>>(), [(LossCode::FieldDropped, "/requestContext/domainName")]);
    let tencent = br#"{"httpMethod":"GET","path":"/my%20dir/%E4%B8%AD","queryString":{},"requestContext":{"serviceId":"s"}}"#;
    let fc = convert_event(tencent, None, Format::AliyunHttp).unwrap().output;
    assert_eq!(fc["rawPath"], "/my%20dir/%E4%B8%AD");
    assert_eq!(fc["requestContext"]["http"]["path"], "/my dir/中");
    // A decoded path (as some samples have it) is written so that Node's http accepts it.
    let decoded = r#"{"httpMethod":"GET","path":"/用户/a b?#","queryParameters":{}}"#;
    let out = convert_event(decoded.as_bytes(), None, Format::TencentUrl).unwrap().output;
    assert_eq!(out["path"], "/%E7%94%A8%E6%88%B7/a%20b%3F%23");
}
