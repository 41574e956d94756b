//! Cron dialects of Alibaba FC and Tencent SCF timer triggers: parsing with errors that point at the field
//! and character, translation between the dialects (exact where possible, else the nearest expression and
//! losses saying what changed), next fire instants and a plain-language description.
//!
//! - Alibaba: 6 fields `sec min hour day-of-month month day-of-week`, `* , - ? /`, month and day names, or
//!   `@every 5m`; UTC unless prefixed with `CRON_TZ=Zone`.
//! - Tencent: 7 fields `sec min hour day-of-month month day-of-week year` (year 1970–2099), or the legacy
//!   5 fields `min hour day-of-month month day-of-week`; `* , - /` and names. Day-of-week 0 is Sunday in the
//!   current English doc, Monday in an older Chinese one: numeric days are read as 0 = Sunday, and a
//!   translation reports the ambiguity. Tencent documents no time zone; the default is Beijing time.
//!
//! Day matching follows the cron convention both clouds' engines share: when day-of-month and day-of-week
//! are both restricted a day matching either fires; when one is `*` or `?` only the other counts.
//!
//! Zones are fixed offsets or IANA names with their daylight-saving rules from real tz data
//! ([`time::NamedZone`]). Around a change a schedule fires at every instant whose wall clock matches, as
//! Alibaba's scheduler (Go's robfig/cron, which walks real instants) does and as its doc 2513615 warns
//! ("runs may repeat or be skipped when daylight saving time changes"): a local time the clocks skip does
//! not fire that day, one they pass twice fires twice. Tencent documents no zone handling; its default,
//! Beijing time, has no daylight saving time, and other zones are read by the same rule.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::error::{Error, ErrorCode, Result};
use crate::json::{ToJson, Value};
use crate::model::{Loss, LossCode};
use crate::time;

/// Instants are kept within ±10,000 years of 1970, so that no sum of them overflows.
const INSTANT_LIMIT: i64 = 10_000 * 366 * 86_400;

/// Which cloud's cron syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Alibaba Function Compute.
    Aliyun,
    /// Tencent SCF.
    Tencent,
}

impl Dialect {
    /// `aliyun` or `tencent`.
    pub fn id(self) -> &'static str {
        match self {
            Dialect::Aliyun => "aliyun",
            Dialect::Tencent => "tencent",
        }
    }

    /// Parse `aliyun` / `tencent`.
    ///
    /// # Errors
    /// `usage` for anything else.
    pub fn parse(s: &str) -> Result<Dialect> {
        match s {
            "aliyun" => Ok(Dialect::Aliyun),
            "tencent" => Ok(Dialect::Tencent),
            _ => Err(Error::new(ErrorCode::Usage, format!("unknown cron dialect `{s}`; expected aliyun or tencent"))),
        }
    }

    /// The documented default zone: UTC for Alibaba (doc 2513615), Beijing time for Tencent (not stated
    /// by Tencent's doc; what its console and users assume). Beijing time is UTC+8 all year: China has had
    /// no daylight saving time since 1991.
    pub fn default_zone(self) -> Zone {
        match self {
            Dialect::Aliyun => Zone::utc(),
            Dialect::Tencent => Zone::fixed("Asia/Shanghai", 8 * 3600),
        }
    }
}

/// A time zone: a fixed offset (`UTC`, `+05:30`, `UTC+8`) or a named IANA zone with its daylight-saving
/// rules from real tz data (`America/New_York`, `Asia/Kathmandu`; see [`time::NamedZone`]).
#[derive(Debug, Clone)]
pub struct Zone {
    /// The name as given (`UTC`, `+08:00`), or as the tz data spells it (`America/New_York`).
    pub name: String,
    /// Seconds east of UTC: for a fixed zone its offset; for a named zone its offset at the instant this
    /// value describes (a translation's first checked instant, an explanation's first fire time, or the
    /// time [`Zone::parse`] was called).
    pub offset: i64,
    rules: Option<time::NamedZone>,
}

/// Same name and, for fixed zones, the same offset.
impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name && self.rules.is_some() == other.rules.is_some() && (self.rules.is_some() || self.offset == other.offset)
    }
}

impl Eq for Zone {}

/// The dialect id as a JSON string.
impl From<Dialect> for Value {
    fn from(d: Dialect) -> Self {
        Value::from(d.id())
    }
}

/// `{"name", "offset"}`, the offset in seconds east of UTC (see [`Zone::offset`]).
impl ToJson for Zone {
    fn to_json(&self) -> Value {
        crate::json_object! { "name" => self.name.as_str(), "offset" => self.offset }
    }
}

impl Zone {
    /// UTC.
    pub fn utc() -> Zone {
        Zone::fixed("UTC", 0)
    }

    fn fixed(name: &str, offset: i64) -> Zone {
        Zone { name: name.into(), offset, rules: None }
    }

    /// Parse a zone: an IANA name (`America/New_York`, case-insensitive), `UTC`/`GMT`, `UTC±h`, or an
    /// offset `±hh:mm`.
    ///
    /// # Errors
    /// `invalid-time-zone` naming the accepted forms.
    pub fn parse(s: &str) -> Result<Zone> {
        let s = s.trim();
        if ["UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "UCT", "Etc/UCT", "Zulu", "Etc/Zulu"].iter().any(|n| n.eq_ignore_ascii_case(s)) {
            return Ok(Zone::utc());
        }
        let offset = if let Some(rest) = s.strip_prefix("UTC").or_else(|| s.strip_prefix("GMT")) {
            rest.parse::<i64>().ok().filter(|h| (-14..=14).contains(h)).map(|h| h * 3600).or_else(|| time::parse_offset(rest))
        } else {
            time::parse_offset(s)
        };
        if let Some(offset) = offset {
            return Ok(Zone::fixed(s, offset));
        }
        match time::NamedZone::find(s) {
            Some(named) => Ok(Zone { name: named.name().to_string(), offset: 0, rules: Some(named) }.at(time::now())),
            None => Err(Error::new(
                ErrorCode::InvalidTimeZone,
                format!("unknown time zone `{s}`; use an IANA name like Asia/Shanghai or America/New_York, an offset like +08:00, or UTC+8"),
            )),
        }
    }

    /// Whether the offset is the same at every instant (no tz rules behind it).
    pub fn is_fixed(&self) -> bool {
        self.rules.is_none()
    }

    /// The UTC offset at Unix second `t`, in seconds east of UTC.
    pub fn offset_at(&self, t: i64) -> i64 {
        self.rules.as_ref().map_or(self.offset, |r| r.offset_at(t))
    }

    /// The first instant in `(from, until]` with another offset than `from` has.
    fn next_change(&self, from: i64, until: i64) -> Option<i64> {
        self.rules.as_ref().and_then(|r| r.next_change(from, until))
    }

    /// This zone with [`Zone::offset`] set to its offset at Unix second `t`.
    pub fn at(mut self, t: i64) -> Zone {
        self.offset = self.offset_at(t);
        self
    }
}

/// A set of allowed values of one field, as a bit mask (bit n = value n).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Bits(u128);

impl Bits {
    fn range(lo: u32, hi: u32) -> Bits {
        Bits((lo..=hi).fold(0, |acc, v| acc | (1u128 << v)))
    }
    fn has(self, v: u32) -> bool {
        v < 128 && self.0 & (1u128 << v) != 0
    }
    fn values(self) -> impl Iterator<Item = u32> {
        (0..128).filter(move |v| self.has(*v))
    }
    fn count(self) -> u32 {
        self.0.count_ones()
    }
}

/// One field of a cron expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
    Year,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::DayOfMonth => "day-of-month",
            Unit::Month => "month",
            Unit::DayOfWeek => "day-of-week",
            Unit::Year => "year",
        }
    }
    fn bounds(self) -> (u32, u32) {
        match self {
            Unit::Second | Unit::Minute => (0, 59),
            Unit::Hour => (0, 23),
            Unit::DayOfMonth => (1, 31),
            Unit::Month => (1, 12),
            Unit::DayOfWeek => (0, 6),
            Unit::Year => (1970, 2099),
        }
    }
    fn names(self) -> &'static [&'static str] {
        match self {
            Unit::Month => &["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
            Unit::DayOfWeek => &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
            _ => &[],
        }
    }
}

/// A parsed wall-clock schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    seconds: Bits,
    minutes: Bits,
    hours: Bits,
    days: Bits,
    months: Bits,
    weekdays: Bits,
    /// Years, sorted; `None` means every year.
    years: Option<Vec<u32>>,
    days_any: bool,
    weekdays_any: bool,
    numeric_weekday: bool,
}

/// What a cron expression says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timing {
    /// Fire at wall-clock instants.
    Schedule(Schedule),
    /// Fire every so many seconds (`@every`), counted from when the trigger was created.
    Every(u64),
}

/// A parsed cron expression of one dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    /// The dialect it was written in.
    pub dialect: Dialect,
    /// What it says.
    pub timing: Timing,
    /// The zone named by a `CRON_TZ=` prefix (Alibaba only).
    pub zone: Option<Zone>,
}

fn cron_error(expr: &str, column: usize, message: String) -> Error {
    Error::at(ErrorCode::InvalidCron, format!("/{column}"), format!("{message} (character {} of `{expr}`)", column + 1))
}

/// Parse a cron expression of `dialect`.
///
/// # Errors
/// `invalid-cron`; the error's `path` is `/<0-based character offset>` and the message names the field and
/// the 1-based character.
pub fn parse(expr: &str, dialect: Dialect) -> Result<Cron> {
    let mut rest = expr.trim_start();
    let mut column = expr.len() - rest.len();
    let mut zone = None;
    if let Some(tz) = rest.strip_prefix("CRON_TZ=").or_else(|| rest.strip_prefix("TZ=")) {
        if dialect == Dialect::Tencent {
            return Err(cron_error(expr, column, "Tencent cron has no CRON_TZ prefix".into()));
        }
        let end = tz.find(char::is_whitespace).unwrap_or(tz.len());
        zone = Some(Zone::parse(&tz[..end]).map_err(|e| cron_error(expr, column, e.message))?);
        let after = &tz[end..];
        column += rest.len() - after.len();
        let trimmed = after.trim_start();
        column += after.len() - trimmed.len();
        rest = trimmed;
    }
    if let Some(interval) = rest.strip_prefix("@every") {
        if dialect == Dialect::Tencent {
            return Err(cron_error(expr, column, "Tencent cron has no @every intervals".into()));
        }
        let seconds = parse_duration(interval.trim())
            .ok_or_else(|| cron_error(expr, column + 7, format!("`{}` is not a duration like 30s, 5m, 1h30m", interval.trim())))?;
        return Ok(Cron { dialect, timing: Timing::Every(seconds), zone });
    }
    // Split into fields, remembering where each starts.
    let mut fields: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in rest.char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                fields.push((column + s, &rest[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        fields.push((column + s, &rest[s..]));
    }
    let units: &[Unit] = match (dialect, fields.len()) {
        (Dialect::Aliyun, 6) => &[Unit::Second, Unit::Minute, Unit::Hour, Unit::DayOfMonth, Unit::Month, Unit::DayOfWeek],
        (Dialect::Tencent, 7) => &[Unit::Second, Unit::Minute, Unit::Hour, Unit::DayOfMonth, Unit::Month, Unit::DayOfWeek, Unit::Year],
        (Dialect::Tencent, 5) => &[Unit::Minute, Unit::Hour, Unit::DayOfMonth, Unit::Month, Unit::DayOfWeek],
        (Dialect::Aliyun, n) => return Err(cron_error(expr, column, format!("Alibaba cron has 6 fields (sec min hour day month weekday) or @every; saw {n}"))),
        (Dialect::Tencent, n) => {
            return Err(cron_error(expr, column, format!("Tencent cron has 7 fields (sec min hour day month weekday year) or the legacy 5; saw {n}")))
        }
    };
    let mut s = Schedule {
        seconds: Bits(1),
        minutes: Bits(0),
        hours: Bits(0),
        days: Bits(0),
        months: Bits(0),
        weekdays: Bits(0),
        years: None,
        days_any: false,
        weekdays_any: false,
        numeric_weekday: false,
    };
    for (&unit, &(at, text)) in units.iter().zip(&fields) {
        let field = parse_field(expr, at, text, unit, dialect)?;
        match unit {
            Unit::Second => s.seconds = field.bits(),
            Unit::Minute => s.minutes = field.bits(),
            Unit::Hour => s.hours = field.bits(),
            Unit::DayOfMonth => (s.days, s.days_any) = (field.bits(), field.any),
            Unit::Month => s.months = field.bits(),
            Unit::DayOfWeek => (s.weekdays, s.weekdays_any, s.numeric_weekday) = (field.bits(), field.any, field.numeric),
            Unit::Year => s.years = (!field.any).then_some(field.values),
        }
    }
    Ok(Cron { dialect, timing: Timing::Schedule(s), zone })
}

struct Field {
    values: Vec<u32>,
    any: bool,
    numeric: bool,
}

impl Field {
    fn bits(&self) -> Bits {
        Bits(self.values.iter().filter(|v| **v < 128).fold(0, |acc, v| acc | (1u128 << v)))
    }
}

fn parse_field(expr: &str, at: usize, text: &str, unit: Unit, dialect: Dialect) -> Result<Field> {
    let (lo, hi) = unit.bounds();
    let err = |offset: usize, msg: String| cron_error(expr, at + offset, format!("{} field `{text}`: {msg}", unit.name()));
    if text == "?" {
        if dialect == Dialect::Tencent || !matches!(unit, Unit::DayOfMonth | Unit::DayOfWeek) {
            return Err(err(0, "`?` is only allowed in Alibaba's day-of-month and day-of-week".into()));
        }
        return Ok(Field { values: (lo..=hi).collect(), any: true, numeric: false });
    }
    let mut values = Vec::new();
    let mut numeric = false;
    let mut offset = 0;
    for item in text.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().ok().filter(|s| *s > 0).ok_or_else(|| err(offset + r.len() + 1, format!("step `{s}` is not a positive number")))?;
                (r, step)
            }
            None => (item, 1),
        };
        let (from, to) = if range == "*" {
            (lo, hi)
        } else if let Some((a, b)) = range.split_once('-') {
            let from = value(a, unit).ok_or_else(|| err(offset, format!("`{a}` is not a {} value ({lo}-{hi})", unit.name())))?;
            let to = value(b, unit).ok_or_else(|| err(offset + a.len() + 1, format!("`{b}` is not a {} value ({lo}-{hi})", unit.name())))?;
            numeric |= a.parse::<u32>().is_ok() || b.parse::<u32>().is_ok();
            if from > to {
                return Err(err(offset, format!("range {a}-{b} runs backwards")));
            }
            (from, to)
        } else {
            let v = value(range, unit).ok_or_else(|| err(offset, format!("`{range}` is not a {} value ({lo}-{hi})", unit.name())))?;
            numeric |= range.parse::<u32>().is_ok();
            // `a/n` means from a to the end in steps of n.
            (v, if step > 1 { hi } else { v })
        };
        values.extend((from..=to).step_by(step as usize));
        offset += item.len() + 1;
    }
    values.sort_unstable();
    values.dedup();
    Ok(Field { values, any: text == "*", numeric: numeric && unit == Unit::DayOfWeek })
}

fn value(text: &str, unit: Unit) -> Option<u32> {
    let (lo, hi) = unit.bounds();
    if let Ok(v) = text.parse::<u32>() {
        // Tencent and Alibaba both take 0-6 for weekdays; 7 is accepted as Sunday, as cron engines do.
        let v = if unit == Unit::DayOfWeek && v == 7 { 0 } else { v };
        return (lo..=hi).contains(&v).then_some(v);
    }
    let upper = text.to_ascii_uppercase();
    unit.names().iter().position(|n| *n == upper).map(|i| i as u32 + if unit == Unit::Month { 1 } else { 0 })
}

/// Parse a Go-style duration (`90s`, `5m`, `1h30m`, `1.5h`, `500ms`) into whole seconds, 1 to 10^9.
fn parse_duration(text: &str) -> Option<u64> {
    let mut total_ms: u128 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let (number, tail) = rest.split_at(rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count());
        let (unit_ms, unit_len) = match tail.as_bytes() {
            [b'm', b's', ..] => (1, 2),
            [b'h', ..] => (3_600_000, 1),
            [b'm', ..] => (60_000, 1),
            [b's', ..] => (1000, 1),
            _ => return None,
        };
        total_ms = total_ms.saturating_add(milliseconds(number, unit_ms)?);
        rest = tail.get(unit_len..)?;
    }
    if !(1000..=1_000_000_000_000).contains(&total_ms) {
        return None;
    }
    u64::try_from((total_ms + 500) / 1000).ok()
}

/// `number` (decimal, with an optional fraction) times `unit_ms`, exactly, in milliseconds (a fraction
/// finer than a millisecond is dropped).
fn milliseconds(number: &str, unit_ms: u128) -> Option<u128> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if (whole.is_empty() && fraction.is_empty()) || fraction.contains('.') {
        return None;
    }
    let digits = |s: &str| s.bytes().fold(0u128, |acc, d| acc.saturating_mul(10).saturating_add(u128::from(d - b'0')));
    let fraction = fraction.get(..fraction.len().min(12)).unwrap_or_default();
    let scale = 10u128.pow(fraction.len() as u32);
    Some(digits(whole).saturating_mul(unit_ms).saturating_add(digits(fraction) * unit_ms / scale))
}

impl Schedule {
    fn day_matches(&self, year: i64, month: u32, day: u32) -> bool {
        let dom = self.days.has(day);
        let dow = self.weekdays.has(time::weekday(time::days_from_civil(year, month, day)));
        if self.days_any || self.weekdays_any {
            dom && dow
        } else {
            dom || dow
        }
    }

    fn year_ok(&self, year: i64) -> bool {
        match &self.years {
            None => true,
            Some(years) => u32::try_from(year).is_ok_and(|y| years.binary_search(&y).is_ok()),
        }
    }

    /// The first instant strictly after `after` whose wall clock in `zone` matches: within each stretch
    /// of constant offset the first matching local second, taken if no offset change comes before it.
    fn next_in_zone(&self, after: i64, zone: &Zone) -> Option<i64> {
        let mut t = after;
        // Each round moves past one offset change; a schedule that fires at all fires within a few.
        for _ in 0..2_000 {
            let offset = zone.offset_at(t.checked_add(1)?);
            let candidate = self.next_local(t.checked_add(offset)?, 400)?.checked_sub(offset)?;
            match zone.next_change(t + 1, candidate) {
                None => return Some(candidate),
                Some(change) => t = change - 1,
            }
        }
        None
    }

    /// Whether the schedule fires on a local day (days since 1970-01-01).
    fn fires_on(&self, days: i64) -> bool {
        let (y, mo, d) = time::civil_from_days(days);
        self.year_ok(y) && self.months.has(mo) && self.day_matches(y, mo, d)
    }

    /// The first local second strictly after `local`, scanning at most `limit_years` ahead.
    fn next_local(&self, local: i64, limit_years: i64) -> Option<i64> {
        let mut t = local + 1;
        let (start_year, _, _) = time::civil_from_days(t.div_euclid(86_400));
        for _ in 0..2_000_000 {
            let days = t.div_euclid(86_400);
            let (y, mo, d) = time::civil_from_days(days);
            if y > start_year + limit_years {
                return None;
            }
            let sod = t.rem_euclid(86_400);
            let (h, mi, s) = ((sod / 3600) as u32, (sod % 3600 / 60) as u32, (sod % 60) as u32);
            if !self.year_ok(y) {
                t = time::days_from_civil(y + 1, 1, 1) * 86_400;
            } else if !self.months.has(mo) {
                let (ny, nm) = if mo == 12 { (y + 1, 1) } else { (y, mo + 1) };
                t = time::days_from_civil(ny, nm, 1) * 86_400;
            } else if !self.day_matches(y, mo, d) {
                t = (days + 1) * 86_400;
            } else if !self.hours.has(h) {
                // Straight to the next allowed hour, second or minute of the same day, hour or minute.
                t = match (h + 1..24).find(|v| self.hours.has(*v)) {
                    Some(next) => days * 86_400 + i64::from(next) * 3600,
                    None => (days + 1) * 86_400,
                };
            } else if !self.minutes.has(mi) {
                t = days * 86_400 + i64::from(h) * 3600 + (mi + 1..60).find(|v| self.minutes.has(*v)).map_or(3600, |next| i64::from(next) * 60);
            } else if !self.seconds.has(s) {
                t = days * 86_400 + i64::from(h) * 3600 + i64::from(mi) * 60 + (s + 1..60).find(|v| self.seconds.has(*v)).map_or(60, i64::from);
            } else {
                return Some(t);
            }
        }
        None
    }
}

impl Cron {
    /// The zone the expression runs in: its `CRON_TZ`, else `zone`, else the dialect's default.
    pub fn effective_zone(&self, zone: Option<&Zone>) -> Zone {
        self.zone.clone().or_else(|| zone.cloned()).unwrap_or_else(|| self.dialect.default_zone())
    }

    /// The next `count` fire instants (Unix seconds) strictly after `after`, in `zone` (see
    /// [`Cron::effective_zone`]). An `@every` interval counts from `after`.
    ///
    /// A schedule fires at every instant whose wall-clock time in the zone matches it, which is what
    /// Alibaba's scheduler does around daylight-saving changes (its doc warns that runs may repeat or be
    /// skipped then): a local time the clocks jump over (02:30 on the spring-forward day in New York)
    /// does not fire that day, and a local time the clocks pass twice (01:30 on the fall-back day) fires
    /// twice, once at each offset.
    pub fn next(&self, after: i64, count: usize, zone: Option<&Zone>) -> Vec<i64> {
        let zone = self.effective_zone(zone);
        let mut out = Vec::with_capacity(count.min(10_000));
        let mut t = after.clamp(-INSTANT_LIMIT, INSTANT_LIMIT);
        for _ in 0..count {
            let next = match &self.timing {
                Timing::Every(secs) => i64::try_from(*secs).ok().and_then(|s| t.checked_add(s)),
                Timing::Schedule(s) => s.next_in_zone(t, &zone),
            };
            match next {
                Some(n) => {
                    out.push(n);
                    t = n;
                }
                None => break,
            }
        }
        out
    }

    /// A plain-language description, naming the zone.
    pub fn describe(&self, zone: Option<&Zone>) -> String {
        let zone = self.effective_zone(zone);
        let s = match &self.timing {
            Timing::Every(secs) => return format!("every {}, counted from when the trigger was created ({})", human_duration(*secs), zone.name),
            Timing::Schedule(s) => s,
        };
        let mut out = String::new();
        let single = |b: Bits| (b.count() == 1).then(|| b.values().next().unwrap_or(0));
        match (single(s.hours), single(s.minutes), single(s.seconds)) {
            (Some(h), Some(m), Some(sec)) => {
                let _ = write!(out, "at {h:02}:{m:02}:{sec:02}");
            }
            _ => {
                let parts = [describe_bits(s.seconds, Unit::Second), describe_bits(s.minutes, Unit::Minute), describe_bits(s.hours, Unit::Hour)];
                out.push_str(&parts.join(", "));
            }
        }
        let days_all = s.days.count() == 31;
        let weekdays_all = s.weekdays.count() == 7;
        match (days_all || s.days_any, weekdays_all || s.weekdays_any) {
            (true, true) => out.push_str(", every day"),
            (false, true) => {
                let _ = write!(out, ", on {}", describe_bits(s.days, Unit::DayOfMonth));
            }
            (true, false) => {
                let _ = write!(out, ", on {}", describe_bits(s.weekdays, Unit::DayOfWeek));
            }
            (false, false) => {
                let _ = write!(out, ", on {} or {}", describe_bits(s.days, Unit::DayOfMonth), describe_bits(s.weekdays, Unit::DayOfWeek));
            }
        }
        if s.months.count() != 12 {
            let _ = write!(out, ", in {}", describe_bits(s.months, Unit::Month));
        }
        if let Some(years) = &s.years {
            let _ = write!(out, ", in {}", compress(years));
        }
        let _ = write!(out, " ({})", zone.name);
        out
    }
}

fn human_duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut parts = Vec::new();
    for (n, unit) in [(h, "hour"), (m, "minute"), (s, "second")] {
        if n > 0 {
            parts.push(format!("{n} {unit}{}", if n == 1 { "" } else { "s" }));
        }
    }
    parts.join(" ")
}

fn describe_bits(bits: Bits, unit: Unit) -> String {
    let (lo, hi) = unit.bounds();
    let values: Vec<u32> = bits.values().collect();
    let label = |v: u32| match unit {
        Unit::Month => MONTH_NAMES.get((v as usize).wrapping_sub(1)).map_or(v.to_string(), |s| s.to_string()),
        Unit::DayOfWeek => DAY_NAMES.get(v as usize).map_or(v.to_string(), |s| s.to_string()),
        Unit::DayOfMonth => format!("day {v}"),
        _ => v.to_string(),
    };
    if values.len() as u32 == hi - lo + 1 {
        return format!("every {}", unit.name());
    }
    if let Some((first, step, last)) = progression(&values) {
        if first < step + lo && hi - last < step {
            return format!("every {step} {}s from {}", unit.name(), label(first));
        }
    }
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => format!("{} {}", unit.name(), compress(&values)),
        _ => values.iter().map(|v| label(*v)).collect::<Vec<_>>().join(", "),
    }
}

const MONTH_NAMES: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY_NAMES: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// Consecutive runs of sorted values: `[1, 2, 3, 5]` → `[(1, 3), (5, 5)]`.
fn runs(values: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &v in values {
        match out.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => out.push((v, v)),
        }
    }
    out
}

/// `(first, step, last)` when the sorted values are three or more in steps greater than one.
fn progression(values: &[u32]) -> Option<(u32, u32, u32)> {
    let (&first, rest) = values.split_first()?;
    let step = rest.first()? - first;
    let last = *values.last()?;
    (values.len() > 2 && step > 1 && values.windows(2).all(|w| matches!(w, [a, b] if b - a == step))).then_some((first, step, last))
}

/// `1, 2, 3, 5` → `1-3, 5`.
fn compress(values: &[u32]) -> String {
    runs(values)
        .into_iter()
        .map(|(a, b)| match b - a {
            0 => a.to_string(),
            1 => format!("{a}, {b}"),
            _ => format!("{a}-{b}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plain-language description and the next fire instants of an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What the expression does, naming the zone.
    pub description: String,
    /// The zone the instants are in.
    pub zone: Zone,
    /// The next fire instants, RFC 3339 in `zone`.
    pub next: Vec<String>,
}

/// `{"description", "zone", "next"}`.
impl ToJson for Explanation {
    fn to_json(&self) -> Value {
        crate::json_object! { "description" => self.description.as_str(), "zone" => self.zone.to_json(), "next" => self.next.clone() }
    }
}

/// Explain `expr`: its description and the next `count` fire instants after `after` (Unix seconds), each
/// at the offset in effect then (daylight saving as [`Cron::next`] describes). The zone's `offset` is
/// the one at the first fire instant.
///
/// # Errors
/// `invalid-cron` for an expression that does not parse.
pub fn explain(expr: &str, dialect: Dialect, zone: Option<&Zone>, count: usize, after: i64) -> Result<Explanation> {
    let cron = parse(expr, dialect)?;
    let effective = cron.effective_zone(zone);
    let instants = cron.next(after, count, zone);
    let next = instants.iter().map(|t| time::format_rfc3339(*t, effective.offset_at(*t))).collect();
    let zone = effective.at(instants.first().copied().unwrap_or(after));
    Ok(Explanation { description: cron.describe(Some(&zone)), zone, next })
}

/// The result of translating an expression into the other dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The expression in the target dialect.
    pub expression: String,
    /// The zone the source runs in.
    pub from_zone: Zone,
    /// The zone the target runs in.
    pub to_zone: Zone,
    /// What changed; empty when both fire at the same instants.
    pub losses: Vec<Loss>,
}

/// `{"expression", "fromZone", "toZone", "losses"}`.
impl ToJson for Translation {
    fn to_json(&self) -> Value {
        crate::json_object! {
            "expression" => self.expression.as_str(),
            "fromZone" => self.from_zone.to_json(),
            "toZone" => self.to_zone.to_json(),
            "losses" => self.losses.to_json(),
        }
    }
}

/// Translate `expr` from one dialect into another, checking the year from now: [`translate_at`] with
/// [`time::now`].
///
/// # Errors
/// `invalid-cron` for an expression that does not parse.
pub fn translate(expr: &str, from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>) -> Result<Translation> {
    translate_at(expr, from, to, from_zone, to_zone, time::now())
}

/// How far a translation is checked for daylight-saving changes: one year (366 days) from its start.
pub const CHECKED_SPAN: i64 = 366 * 86_400;

/// Translate `expr` from one dialect into another. Each side's zone is an option defaulting to the
/// dialect's documented default; an Alibaba `CRON_TZ` prefix overrides its side. Into Alibaba, a source
/// zone other than UTC is kept with a `CRON_TZ=` prefix; into Tencent, which has no zone setting, the
/// times are shifted by the zones' difference, to the second (Asia/Kolkata 09:00 is 11:30 in Beijing).
///
/// When the difference changes during the year from `at` (Unix seconds) to `at` + [`CHECKED_SPAN`]
/// (daylight saving time on one side only, or on different dates), no one expression keeps the same
/// instants all year: the translation uses the difference that leaves the fewest days different, and a
/// `cron-daylight-saving` loss names the other differences and every date (in the source zone) on which
/// the translation fires at other instants, including the change days themselves, where a local time may
/// not exist or occur twice (see [`Cron::next`]).
///
/// # Errors
/// `invalid-cron` for an expression that does not parse.
pub fn translate_at(expr: &str, from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>, at: i64) -> Result<Translation> {
    let at = at.clamp(-INSTANT_LIMIT, INSTANT_LIMIT);
    let cron = parse(expr, from)?;
    let from_zone = cron.effective_zone(from_zone);
    let mut losses = Vec::new();
    let mut schedule = match &cron.timing {
        Timing::Schedule(s) => s.clone(),
        Timing::Every(secs) => {
            let (s, exact) = nearest_schedule(*secs);
            losses.push(Loss::new(
                LossCode::CronIntervalApproximated,
                "",
                format!(
                    "@every {} fires every {} counted from the trigger's creation; the nearest wall-clock schedule fires {}",
                    human_duration(*secs),
                    human_duration(*secs),
                    if exact { "at the same rate, aligned to the clock" } else { "at a different rate" }
                ),
            ));
            s
        }
    };
    if from == Dialect::Tencent && schedule.numeric_weekday && !schedule.weekdays_any {
        losses.push(Loss::new(
            LossCode::CronDayOfWeekAmbiguous,
            "",
            "numeric day-of-week read as 0 = Sunday (Tencent's English doc); an older Chinese doc says 0 = Monday, which would move every weekday by one",
        ));
    }
    if to == Dialect::Aliyun {
        if let Some(years) = schedule.years.take() {
            losses.push(Loss::new(
                LossCode::CronYearDropped,
                "",
                format!("Alibaba cron has no year field; the restriction to {} was dropped and the schedule repeats every year", compress(&years)),
            ));
        }
    }
    let target_zone = match to {
        // Alibaba can name the zone, so the source's wall clock is kept.
        Dialect::Aliyun => loadable_by_alibaba(to_zone.cloned().unwrap_or_else(|| from_zone.clone())),
        Dialect::Tencent => to_zone.cloned().unwrap_or_else(|| to.default_zone()),
    };
    if target_zone != from_zone {
        let stretches = stretches(&from_zone, &target_zone, at, at.saturating_add(CHECKED_SPAN));
        let mut deltas: Vec<i64> = Vec::new();
        for stretch in &stretches {
            if !deltas.contains(&stretch.delta()) {
                deltas.push(stretch.delta());
            }
        }
        match deltas.as_slice() {
            [] | [0] => {}
            [delta] => shift(&mut schedule, *delta, &mut losses),
            _ => {
                let original = schedule.clone();
                let check = DayCheck::new(&original);
                // The difference that leaves the fewest days firing at other instants; on a tie, the one in
                // effect longest.
                let mut best: Option<(i64, BTreeSet<i64>, i64)> = None;
                for &delta in &deltas {
                    let dates = check.dates_differing(&stretches, delta);
                    let duration: i64 = stretches.iter().filter(|s| s.delta() == delta).map(|s| s.end - s.start).sum();
                    if best.as_ref().is_none_or(|(_, d, l)| (dates.len(), -duration) < (d.len(), -*l)) {
                        best = Some((delta, dates, duration));
                    }
                }
                if let Some((delta, dates, _)) = best {
                    shift(&mut schedule, delta, &mut losses);
                    if !dates.is_empty() {
                        losses.push(daylight_saving_loss(&original, &from_zone, &target_zone, &stretches, delta, &dates));
                    }
                }
            }
        }
    }
    let mut expression = String::new();
    if to == Dialect::Aliyun && !(target_zone.is_fixed() && target_zone.offset == 0) {
        let _ = write!(expression, "CRON_TZ={} ", target_zone.name);
    }
    expression.push_str(&render(&schedule, to));
    Ok(Translation { expression, from_zone: from_zone.at(at), to_zone: target_zone.at(at), losses })
}

/// The zone as Alibaba's scheduler can name it in `CRON_TZ=`: it loads zones by IANA name only, so a fixed
/// offset like `+08:00` (which it cannot load) becomes `Etc/GMT-8` (POSIX sign: east is negative), and an
/// offset of no whole hour (no `Etc/` zone has one) becomes UTC, the schedule shifted to keep its instants.
fn loadable_by_alibaba(zone: Zone) -> Zone {
    let offset_named = zone.name.starts_with(['+', '-']) || zone.name.starts_with("UTC") || zone.name.starts_with("GMT");
    if !zone.is_fixed() || zone.offset == 0 || !offset_named {
        return zone;
    }
    let hours = zone.offset / 3600;
    if zone.offset % 3600 == 0 && (-12..=14).contains(&hours) {
        Zone::fixed(&format!("Etc/GMT{:+}", -hours), zone.offset)
    } else {
        Zone::utc()
    }
}

/// A stretch of time in which both zones keep their offsets.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    /// First instant (Unix seconds).
    start: i64,
    /// First instant after it.
    end: i64,
    /// The source zone's offset.
    from: i64,
    /// The target zone's offset.
    to: i64,
}

impl Stretch {
    /// Target wall clock minus source wall clock.
    fn delta(&self) -> i64 {
        self.to - self.from
    }
}

/// Cut `[start, end)` at every offset change of either zone.
fn stretches(from: &Zone, to: &Zone, start: i64, end: i64) -> Vec<Stretch> {
    let mut out = Vec::new();
    let mut t = start;
    while t < end {
        let next = [from.next_change(t, end), to.next_change(t, end)].into_iter().flatten().min().unwrap_or(end).min(end);
        out.push(Stretch { start: t, end: next, from: from.offset_at(t), to: to.offset_at(t) });
        t = next;
    }
    out
}

/// Compares a schedule with itself moved in time, day by day, on its times of day as a bit set.
struct DayCheck<'a> {
    schedule: &'a Schedule,
    /// Seconds of the day it fires at, ascending.
    times: Vec<u32>,
    /// The same as bits: second n is bit n % 64 of word n / 64.
    bits: Vec<u64>,
}

impl<'a> DayCheck<'a> {
    fn new(schedule: &'a Schedule) -> DayCheck<'a> {
        let mut times = Vec::new();
        let mut bits = vec![0u64; 86_400 / 64 + 1];
        for h in schedule.hours.values() {
            for m in schedule.minutes.values() {
                for sec in schedule.seconds.values() {
                    let tod = h * 3600 + m * 60 + sec;
                    times.push(tod);
                    if let Some(word) = bits.get_mut(tod as usize / 64) {
                        *word |= 1 << (tod % 64);
                    }
                }
            }
        }
        times.sort_unstable();
        DayCheck { schedule, times, bits }
    }

    /// Whether the schedule fires at local second `x` (seconds since 1970-01-01 on the local clock).
    fn fires(&self, x: i64) -> bool {
        let tod = x.rem_euclid(86_400) as usize;
        self.bits.get(tod / 64).is_some_and(|w| w & (1 << (tod % 64)) != 0) && self.schedule.fires_on(x.div_euclid(86_400))
    }

    /// Whether, for some local second `x` in `[low, high)` (within day `day`), "fires at x" differs from
    /// "fires at x + k".
    fn differs(&self, day: i64, low: i64, high: i64, k: i64) -> bool {
        let own = self.schedule.fires_on(day) && self.times.iter().map(|t| day * 86_400 + i64::from(*t)).any(|x| x >= low && x < high && !self.fires(x + k));
        own || ((low + k).div_euclid(86_400)..=(high - 1 + k).div_euclid(86_400)).any(|other| {
            self.schedule.fires_on(other) && self.times.iter().map(|t| other * 86_400 + i64::from(*t) - k).any(|x| x >= low && x < high && !self.fires(x))
        })
    }

    /// The local dates (days since 1970-01-01 in the source zone) on which a translation that moves the
    /// schedule by `delta` fires at other instants than the source does.
    fn dates_differing(&self, stretches: &[Stretch], delta: i64) -> BTreeSet<i64> {
        let mut dates = BTreeSet::new();
        // A whole day's answer depends only on whether the schedule fires on it and its neighbours.
        let mut whole_days: [Option<bool>; 8] = [None; 8];
        for s in stretches.iter().filter(|s| s.delta() != delta) {
            // The source fires at instant t when it fires at local x = t + from; the translation fires at
            // t when the source fires at x + k.
            let k = s.delta() - delta;
            let (low, high) = (s.start + s.from, s.end + s.from);
            for day in low.div_euclid(86_400)..=(high - 1).div_euclid(86_400) {
                let (day_low, day_high) = ((day * 86_400).max(low), ((day + 1) * 86_400).min(high));
                let whole = day_low == day * 86_400 && day_high == (day + 1) * 86_400 && k.abs() < 86_400;
                let differs = if whole {
                    let key = usize::from(self.schedule.fires_on(day - 1))
                        | usize::from(self.schedule.fires_on(day)) << 1
                        | usize::from(self.schedule.fires_on(day + 1)) << 2;
                    match whole_days.get(key).copied().flatten() {
                        Some(known) => known,
                        None => {
                            let answer = self.differs(day, day_low, day_high, k);
                            if let Some(slot) = whole_days.get_mut(key) {
                                *slot = Some(answer);
                            }
                            answer
                        }
                    }
                } else {
                    self.differs(day, day_low, day_high, k)
                };
                if differs {
                    dates.insert(day);
                }
            }
        }
        dates
    }
}

/// `+05:45`, `-01:00`.
fn signed_hm(secs: i64) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    format!("{sign}{:02}:{:02}", secs.abs() / 3600, secs.abs() % 3600 / 60)
}

/// Date ranges `2026-01-01 to 2026-03-07, 2026-11-01` of sorted local day numbers, at most `limit` ranges.
fn date_ranges(days: impl IntoIterator<Item = i64>, limit: usize) -> String {
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    for day in days {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == day => *end = day,
            _ => ranges.push((day, day)),
        }
    }
    periods(&ranges, limit)
}

/// `2026-01-01 to 2026-03-07, 2026-11-01` for (first, last) local day numbers, at most `limit` of them.
fn periods(ranges: &[(i64, i64)], limit: usize) -> String {
    let date = |d: i64| {
        let (y, m, d) = time::civil_from_days(d);
        format!("{y:04}-{m:02}-{d:02}")
    };
    let mut parts: Vec<String> = ranges.iter().take(limit).map(|&(a, b)| if a == b { date(a) } else { format!("{} to {}", date(a), date(b)) }).collect();
    if ranges.len() > limit {
        parts.push(format!("and {} more ranges", ranges.len() - limit));
    }
    parts.join(", ")
}

/// The loss of a translation whose zones' difference changes during the checked year.
fn daylight_saving_loss(schedule: &Schedule, from: &Zone, to: &Zone, stretches: &[Stretch], delta: i64, dates: &BTreeSet<i64>) -> Loss {
    let local_days = |delta: i64| -> BTreeSet<i64> {
        stretches.iter().filter(|s| s.delta() == delta).flat_map(|s| (s.start + s.from).div_euclid(86_400)..=(s.end - 1 + s.from).div_euclid(86_400)).collect()
    };
    let mut others: Vec<i64> = stretches.iter().map(Stretch::delta).filter(|d| *d != delta).collect();
    others.sort_unstable();
    others.dedup();
    let ks: BTreeSet<i64> = others.iter().map(|d| d - delta).collect();
    let how = match ks.iter().collect::<Vec<_>>().as_slice() {
        [k] if **k > 0 => format!(" {} early", human_duration(k.unsigned_abs())),
        [k] => format!(" {} late", human_duration(k.unsigned_abs())),
        _ => " at other instants".to_string(),
    };
    // Runs of dates broken only by days the schedule does not fire on (weekends, for a weekday schedule):
    // when there are fewer of them than runs of consecutive dates, say "the days either fires" in each.
    let mut spans: Vec<(i64, i64)> = Vec::new();
    for &day in dates {
        match spans.last_mut() {
            Some((_, end)) if (*end + 1..day).all(|d| !schedule.fires_on(d)) => *end = day,
            _ => spans.push((day, day)),
        }
    }
    let consecutive = dates.iter().zip(dates.iter().skip(1)).filter(|(a, b)| **a + 1 != **b).count() + 1;
    let named = if spans.len() < consecutive { format!("the days either fires from {}", periods(&spans, 8)) } else { date_ranges(dates.iter().copied(), 8) };
    // The dates first: messages are cut at `MESSAGE_MAX` bytes, and they are what this loss is for.
    let mut message = format!(
        "daylight saving time changes how far {} is from {}: this translation fires{how} on {named} ({} days in {}); it uses {}",
        to.name,
        from.name,
        dates.len(),
        from.name,
        signed_hm(delta),
    );
    if let (Some(h), Some(m), Some(sec)) = (single(schedule.hours), single(schedule.minutes), single(schedule.seconds)) {
        let moved = (i64::from(h * 3600 + m * 60 + sec) + delta).rem_euclid(86_400);
        let _ = write!(message, " ({h:02}:{m:02}:{sec:02} → {:02}:{:02}:{:02})", moved / 3600, moved % 3600 / 60, moved % 60);
    }
    let _ = write!(message, ", the difference on {}", date_ranges(local_days(delta), 4));
    for other in others {
        let _ = write!(message, "; it is {} on {}", signed_hm(other), date_ranges(local_days(other), 4));
    }
    Loss::new(LossCode::CronDaylightSaving, "", message)
}

fn single(b: Bits) -> Option<u32> {
    (b.count() == 1).then(|| b.values().next()).flatten()
}

/// The clock-aligned schedule nearest to an interval, and whether it keeps the rate exactly.
fn nearest_schedule(secs: u64) -> (Schedule, bool) {
    let every = |n: u32, hi: u32| Bits((0..=hi).step_by(n.max(1) as usize).fold(0, |acc, v| acc | (1u128 << v)));
    let nearest_divisor = |n: u64, of: u32| -> u32 { (1..=of).filter(|d| of % d == 0).min_by_key(|d| (i64::from(*d) - n as i64).unsigned_abs()).unwrap_or(1) };
    let base = Schedule {
        seconds: Bits(1),
        minutes: Bits(1),
        hours: Bits(1),
        days: Bits::range(1, 31),
        months: Bits::range(1, 12),
        weekdays: Bits::range(0, 6),
        years: None,
        days_any: true,
        weekdays_any: true,
        numeric_weekday: false,
    };
    if secs < 60 {
        let d = nearest_divisor(secs, 60);
        return (Schedule { seconds: every(d, 59), minutes: Bits::range(0, 59), hours: Bits::range(0, 23), ..base }, u64::from(d) == secs);
    }
    if secs < 3600 {
        let d = nearest_divisor((secs + 30) / 60, 60);
        return (Schedule { minutes: every(d, 59), hours: Bits::range(0, 23), ..base }, u64::from(d) * 60 == secs);
    }
    let d = nearest_divisor((secs + 1800) / 3600, 24);
    (Schedule { hours: every(d, 23), ..base }, u64::from(d) * 3600 == secs)
}

/// Move a schedule by `delta` seconds (target wall clock = source wall clock + delta), to the second:
/// minutes and seconds move too when the zones are not whole hours apart (Asia/Kolkata → Asia/Shanghai is
/// +02:30). The moved times of day must again be some hours × minutes × seconds; when they are not, every
/// combination of them is kept and a loss counts the extra fires. Days move when times cross midnight.
fn shift(s: &mut Schedule, delta: i64, losses: &mut Vec<Loss>) {
    let whole_days = delta.div_euclid(86_400);
    let rest = delta.rem_euclid(86_400) as u32;
    let (mut seconds, mut minutes, mut hours) = (0u128, 0u128, 0u128);
    let mut times = 0u64;
    let mut day_moves = [false; 2];
    for h in s.hours.values() {
        for m in s.minutes.values() {
            for sec in s.seconds.values() {
                let moved = h * 3600 + m * 60 + sec + rest;
                if let Some(seen) = day_moves.get_mut(usize::from(moved >= 86_400)) {
                    *seen = true;
                }
                let moved = moved % 86_400;
                hours |= 1 << (moved / 3600);
                minutes |= 1 << (moved % 3600 / 60);
                seconds |= 1 << (moved % 60);
                times += 1;
            }
        }
    }
    let (old_hours, old_minutes, old_seconds) = (s.hours, s.minutes, s.seconds);
    (s.seconds, s.minutes, s.hours) = (Bits(seconds), Bits(minutes), Bits(hours));
    let combinations = u64::from(s.hours.count()) * u64::from(s.minutes.count()) * u64::from(s.seconds.count());
    if combinations != times {
        losses.push(Loss::new(
            LossCode::CronTimeZoneShifted,
            "",
            format!(
                "the zones are {} apart, and the times of day ({}; {}; {}) moved by that are not the hours × minutes × seconds of one expression; the translation fires at every combination of the moved values, {} times a day instead of {}",
                signed_hm(delta),
                describe_bits(old_hours, Unit::Hour),
                describe_bits(old_minutes, Unit::Minute),
                describe_bits(old_seconds, Unit::Second),
                combinations,
                times
            ),
        ));
    }
    let moves: Vec<i64> = day_moves.iter().zip([whole_days, whole_days + 1]).filter(|(seen, _)| **seen).map(|(_, m)| m).collect();
    let first = moves.first().copied().unwrap_or(0);
    let days_restricted = !(s.days_any || s.days.count() == 31) || !(s.weekdays_any || s.weekdays.count() == 7) || s.months.count() != 12 || s.years.is_some();
    if moves.iter().all(|m| *m == 0) || !days_restricted {
        return;
    }
    let only_weekdays = (s.days_any || s.days.count() == 31) && s.months.count() == 12 && s.years.is_none();
    if moves.iter().all(|m| *m == first) && only_weekdays {
        let mut rotated = 0u128;
        for d in s.weekdays.values() {
            rotated |= 1u128 << (i64::from(d) + first).rem_euclid(7);
        }
        s.weekdays = Bits(rotated);
        return;
    }
    losses.push(Loss::new(
        LossCode::CronTimeZoneShifted,
        "",
        "shifting the times to the target zone crosses midnight while days, months or years are restricted; those were kept as they were, so some fire times move by a day",
    ));
}

/// Write a schedule in a dialect: Alibaba 6 fields with `?` for an unrestricted day field; Tencent 7
/// fields, weekdays as names so that no reader has to guess which day 0 is.
fn render(s: &Schedule, dialect: Dialect) -> String {
    let days_unrestricted = s.days_any || s.days.count() == 31;
    let weekdays_unrestricted = s.weekdays_any || s.weekdays.count() == 7;
    let (days, weekdays) = match (days_unrestricted, weekdays_unrestricted, dialect) {
        (true, true, Dialect::Aliyun) => ("*".to_string(), "?".to_string()),
        (false, true, Dialect::Aliyun) => (render_bits(s.days, Unit::DayOfMonth), "?".to_string()),
        (true, false, Dialect::Aliyun) => ("?".to_string(), render_bits(s.weekdays, Unit::DayOfWeek)),
        (true, true, Dialect::Tencent) => ("*".into(), "*".into()),
        (false, true, Dialect::Tencent) => (render_bits(s.days, Unit::DayOfMonth), "*".into()),
        (true, false, Dialect::Tencent) => ("*".into(), render_bits(s.weekdays, Unit::DayOfWeek)),
        (false, false, _) => (render_bits(s.days, Unit::DayOfMonth), render_bits(s.weekdays, Unit::DayOfWeek)),
    };
    let mut fields = vec![
        render_bits(s.seconds, Unit::Second),
        render_bits(s.minutes, Unit::Minute),
        render_bits(s.hours, Unit::Hour),
        days,
        render_bits(s.months, Unit::Month),
        weekdays,
    ];
    if dialect == Dialect::Tencent {
        fields.push(match &s.years {
            None => "*".into(),
            Some(years) => render_values(years, Unit::Year),
        });
    }
    fields.join(" ")
}

fn render_bits(bits: Bits, unit: Unit) -> String {
    render_values(&bits.values().collect::<Vec<_>>(), unit)
}

fn render_values(values: &[u32], unit: Unit) -> String {
    let (lo, hi) = unit.bounds();
    if values.len() as u32 == hi - lo + 1 {
        return "*".into();
    }
    if let Some((first, step, last)) = progression(values) {
        if hi - last < step {
            return if first == lo { format!("*/{step}") } else { format!("{first}/{step}") };
        }
    }
    let label = |v: u32| if unit == Unit::DayOfWeek { unit.names().get(v as usize).map_or(v.to_string(), |n| n.to_string()) } else { v.to_string() };
    runs(values)
        .into_iter()
        .map(|(a, b)| match b - a {
            0 => label(a),
            1 => format!("{},{}", label(a), label(b)),
            _ => format!("{}-{}", label(a), label(b)),
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_point_at_field_and_character() {
        let e = parse("0 0 25 * * ?", Dialect::Aliyun).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidCron);
        assert_eq!(e.path, "/4");
        assert!(e.message.contains("hour field"), "{}", e.message);
        assert!(e.message.contains("character 5"), "{}", e.message);
        assert_eq!(parse("0 0 9 * * ? 2024", Dialect::Aliyun).unwrap_err().code, ErrorCode::InvalidCron);
        assert_eq!(parse("0 0 9 ? * * *", Dialect::Tencent).unwrap_err().path, "/6");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5m"), Some(300));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("1.5h"), Some(5400));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("1m30s500ms"), Some(91));
        assert_eq!(parse_duration("0.25h"), Some(900));
        for bad in ["", ".", "1..5s", "5", "0.4s", "99999999999999999999999999999h", "1s1"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn next_fire_times() {
        let c = parse("0 30 9 * * MON-FRI", Dialect::Aliyun).unwrap();
        // 2024-01-06 is a Saturday; the next weekday 09:30 UTC is Monday 2024-01-08.
        let after = time::parse_rfc3339("2024-01-06T00:00:00Z").unwrap();
        let next = c.next(after, 2, None);
        assert_eq!(time::format_rfc3339(next[0], 0), "2024-01-08T09:30:00Z");
        assert_eq!(time::format_rfc3339(next[1], 0), "2024-01-09T09:30:00Z");
        let leap = parse("0 0 0 29 2 * *", Dialect::Tencent).unwrap();
        let n = leap.next(after, 1, Some(&Zone::utc()));
        assert_eq!(time::format_rfc3339(n[0], 0), "2024-02-29T00:00:00Z");
    }

    #[test]
    fn render_compacts() {
        assert_eq!(render_values(&[0, 15, 30, 45], Unit::Minute), "*/15");
        assert_eq!(render_values(&[1, 2, 3, 5], Unit::DayOfWeek), "MON-WED,FRI");
        assert_eq!(render_values(&[1, 2], Unit::Hour), "1,2");
    }
}
