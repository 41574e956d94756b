//! Cron: parse, translate both ways, explain the next runs, and time zones, on arbitrary text. The first
//! byte picks the dialects and whether zones are given; the rest is the expression (and zone names).
#![no_main]

use libfuzzer_sys::fuzz_target;
use trigger_bridge::cron::{self, Dialect, Zone};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(3, '\u{1}');
    let expression = parts.next().unwrap_or_default();
    let zones: Vec<Zone> = parts.filter_map(|z| Zone::parse(z).ok()).collect();
    let (from, to) = match selector & 3 {
        0 => (Dialect::Aliyun, Dialect::Tencent),
        1 => (Dialect::Tencent, Dialect::Aliyun),
        2 => (Dialect::Aliyun, Dialect::Aliyun),
        _ => (Dialect::Tencent, Dialect::Tencent),
    };
    let (from_zone, to_zone) = if selector & 4 != 0 { (zones.first(), zones.get(1)) } else { (None, None) };
    let _ = cron::parse(expression, from);
    if let Ok(t) = cron::translate(expression, from, to, from_zone, to_zone) {
        // What a translation writes, the target dialect reads.
        assert!(cron::parse(&t.expression, to).is_ok(), "translation {:?} does not parse as {to:?}", t.expression);
    }
    let after = i64::from(selector) * 86_400 * 365;
    let _ = cron::explain(expression, from, from_zone, 3, after);
    let _ = cron::explain(expression, from, None, 1, i64::MIN / 2);
});
