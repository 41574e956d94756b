//! Civil-time arithmetic on UTC seconds: RFC 3339 in and out, the calendar conversions the cron engine
//! needs (algorithms after Howard Hinnant's `days_from_civil`), and named IANA time zones from real tz data
//! ([`NamedZone`]): the system's tzdb through `jiff` natively, the host's `Intl` in WebAssembly.

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1–12).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month 1–12, day 1–31) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Day of week of a day count, 0 = Sunday.
pub fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// Days in a month.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parse an RFC 3339 timestamp (`2024-01-01T00:00:00Z`, `…+08:00`, fractional seconds ignored) into Unix
/// seconds. `None` when it is not one.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> { s.get(from..to)?.parse::<i64>().ok() };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if !(1..=12).contains(&month) || day < 1 || day > i64::from(days_in_month(year, month as u32)) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => parse_offset(rest)?,
    };
    Some(days_from_civil(year, month as u32, day as u32) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Parse `+08:00` / `-0530` into seconds east of UTC.
pub fn parse_offset(s: &str) -> Option<i64> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s.get(1..)?.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i64 = digits.get(0..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..4)?.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 3600 + minutes * 60))
}

/// Format Unix seconds as RFC 3339 at a UTC offset (`Z` for 0, else `+hh:mm`).
pub fn format_rfc3339(secs: i64, offset: i64) -> String {
    let local = secs + offset;
    let (y, mo, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", offset.abs() / 3600, offset.abs() % 3600 / 60)
    };
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}{zone}", s / 3600, s % 3600 / 60, s % 60)
}

/// The current time in Unix seconds: the system clock natively, `Date.now()` in WebAssembly.
pub fn now() -> i64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::time::{SystemTime, UNIX_EPOCH};
        match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
    #[cfg(all(target_arch = "wasm32", feature = "wasm-tools"))]
    {
        crate::wasm::tool_exports::now()
    }
    #[cfg(all(target_arch = "wasm32", not(feature = "wasm-tools")))]
    {
        0
    }
}

/// Instants handed to tz data are kept within ±30,000 years of 1970, where every backend answers
/// (the last known rules apply beyond the data).
const INSTANT_LIMIT: i64 = 30_000 * 366 * 86_400;

/// A named IANA time zone (`America/New_York`, `Asia/Kathmandu`) with its UTC offsets and their changes,
/// from real tz data: natively the system's tzdb (`/usr/share/zoneinfo`), else the copy bundled with
/// `jiff`; in WebAssembly the host's `Intl.DateTimeFormat` (Node's and browsers' ICU tz data, zero bytes).
#[derive(Debug, Clone)]
pub struct NamedZone {
    name: String,
    #[cfg(not(target_arch = "wasm32"))]
    tz: jiff::tz::TimeZone,
}

/// What a tz name may look like (`Area/Location`, `Etc/GMT+5`, `EST5EDT`): ASCII letters, digits, `/`,
/// `_`, `-`, `+`, at most 64 bytes, no empty or dot segments. Anything else is refused before a lookup, so
/// no name reaches the file system or the host that could not be a zone.
fn plausible_zone_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
        && name.split('/').all(|segment| !segment.is_empty() && segment.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()))
}

impl NamedZone {
    /// Look a zone up by its IANA name (case-insensitive). The name is returned as the tz data spells it.
    /// `None` when the tz data does not know it.
    pub fn find(name: &str) -> Option<NamedZone> {
        if !plausible_zone_name(name) {
            return None;
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let tz = jiff::tz::db().get(name).ok()?;
            let name = tz.iana_name().unwrap_or(name).to_string();
            Some(NamedZone { name, tz })
        }
        #[cfg(all(target_arch = "wasm32", feature = "wasm-tools"))]
        {
            crate::wasm::tool_exports::intl_zone(name).map(|name| NamedZone { name })
        }
        #[cfg(all(target_arch = "wasm32", not(feature = "wasm-tools")))]
        {
            None
        }
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The UTC offset in effect at Unix second `t`, in seconds east of UTC.
    pub fn offset_at(&self, t: i64) -> i64 {
        let t = t.clamp(-INSTANT_LIMIT, INSTANT_LIMIT);
        #[cfg(not(target_arch = "wasm32"))]
        {
            let ts = jiff::Timestamp::from_second(t).unwrap_or(if t < 0 { jiff::Timestamp::MIN } else { jiff::Timestamp::MAX });
            i64::from(self.tz.to_offset(ts).seconds())
        }
        #[cfg(all(target_arch = "wasm32", feature = "wasm-tools"))]
        {
            crate::wasm::tool_exports::intl_offset(&self.name, t).unwrap_or(0)
        }
        #[cfg(all(target_arch = "wasm32", not(feature = "wasm-tools")))]
        {
            // The core module has no cron and so no named zones.
            let _ = t;
            0
        }
    }

    /// The first instant in `(from, until]` whose offset differs from the offset at `from`: the next
    /// daylight-saving (or other) change. `None` when the offset stays the same throughout.
    pub fn next_change(&self, from: i64, until: i64) -> Option<i64> {
        let (from, until) = (from.clamp(-INSTANT_LIMIT, INSTANT_LIMIT), until.clamp(-INSTANT_LIMIT, INSTANT_LIMIT));
        if until <= from {
            return None;
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let base = self.offset_at(from);
            let start = jiff::Timestamp::from_second(from).ok()?;
            for transition in self.tz.following(start) {
                let at = transition.timestamp().as_second();
                if at > until {
                    return None;
                }
                if i64::from(transition.offset().seconds()) != base {
                    return Some(at);
                }
            }
            None
        }
        #[cfg(target_arch = "wasm32")]
        {
            scan_change(|t| self.offset_at(t), from, until)
        }
    }
}

/// The first instant in `(from, until]` where `offset_at` differs from its value at `from`, for tz data that
/// answers only "what is the offset at t" (the host's `Intl`): sampled once a day, then bisected to the
/// second. Two changes within one day that cancel out are not seen; no zone has had such a pair.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn scan_change(offset_at: impl Fn(i64) -> i64, from: i64, until: i64) -> Option<i64> {
    let base = offset_at(from);
    let mut low = from;
    while low < until {
        let high = low.saturating_add(86_400).min(until);
        if offset_at(high) != base {
            let (mut same, mut changed) = (low, high);
            while changed - same > 1 {
                let middle = same + (changed - same) / 2;
                if offset_at(middle) == base {
                    same = middle;
                } else {
                    changed = middle;
                }
            }
            return Some(changed);
        }
        low = high;
    }
    None
}

/// The fraction-of-second digits of an RFC 3339 time (`123` of `2024-01-01T00:00:00.123Z`), if it has any.
pub(crate) fn fraction(time: &str) -> Option<&str> {
    let (_, after) = time.get(19..)?.split_once('.')?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    after.get(..digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trip() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2023-09-05T06:41:11Z"), Some(1_693_896_071));
        assert_eq!(parse_rfc3339("2024-01-01T08:00:00.123+08:00"), Some(1_704_067_200));
        assert_eq!(parse_rfc3339("2024-02-30T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("nope"), None);
        assert_eq!(format_rfc3339(1_704_067_200, 8 * 3600), "2024-01-01T08:00:00+08:00");
        for days in [-1000, 0, 19_000, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(weekday(0), 4); // 1970-01-01 was a Thursday
    }

    #[test]
    fn named_zones_from_tz_data() {
        let ny = NamedZone::find("america/new_york").unwrap();
        assert_eq!(ny.name(), "America/New_York");
        let winter = parse_rfc3339("2026-01-15T12:00:00Z").unwrap();
        assert_eq!(ny.offset_at(winter), -5 * 3600);
        // 2026-03-08 02:00 EST becomes 03:00 EDT, at 07:00 UTC.
        let change = ny.next_change(winter, winter + 200 * 86_400).unwrap();
        assert_eq!(format_rfc3339(change, 0), "2026-03-08T07:00:00Z");
        assert_eq!(ny.offset_at(change), -4 * 3600);
        // The sampled scan agrees with the tz data's own transitions.
        assert_eq!(scan_change(|t| ny.offset_at(t), winter, winter + 200 * 86_400), Some(change));
        assert_eq!(NamedZone::find("Asia/Kathmandu").unwrap().offset_at(winter), 5 * 3600 + 45 * 60);
        assert_eq!(NamedZone::find("Asia/Kolkata").unwrap().next_change(winter, winter + 400 * 86_400), None);
        for bad in ["", "Mars/Olympus", "../etc/passwd", "/etc/passwd", "Asia//Tokyo", "Asia/Tokyo\0", "a b"] {
            assert!(NamedZone::find(bad).is_none(), "{bad}");
        }
        assert_eq!(ny.offset_at(i64::MAX), ny.offset_at(INSTANT_LIMIT));
    }
}
