//! Cron translation keeps meaning: wherever no loss is reported, an expression and its translation fire
//! at exactly the same instants over a whole year; where daylight saving time makes that impossible, they
//! fire at the same instants on every date except exactly those the loss names.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Lcg;
use trigger_bridge::cron::{self, Dialect, Zone, CHECKED_SPAN};
use trigger_bridge::time::{days_from_civil, format_rfc3339, parse_rfc3339};
use trigger_bridge::LossCode;

const YEAR: i64 = 366 * 86_400;

/// Where the translations of these tests start checking: 2025-01-01T00:00:00Z.
const AT: i64 = 1_735_689_600;

fn instants(expr: &str, dialect: Dialect, zone: &Zone, after: i64, until: i64) -> Vec<i64> {
    let c = cron::parse(expr, dialect).unwrap();
    let mut out = Vec::new();
    let mut t = after;
    loop {
        let next = c.next(t, 1, Some(zone));
        match next.first() {
            Some(&n) if n <= until => {
                out.push(n);
                t = n;
            }
            _ => return out,
        }
    }
}

fn zone(name: &str) -> Zone {
    Zone::parse(name).unwrap()
}

/// The dates (days since 1970-01-01 on the source zone's clock) a loss message names after "this
/// translation fires", whether it names them as "the days either fires from" periods, and the count it gives.
fn named_dates(message: &str) -> (BTreeSet<i64>, bool, usize) {
    let from = message.find("this translation fires").unwrap_or_else(|| panic!("no dates in {message}"));
    let tail = &message[from..];
    let (list, count) = tail[..tail.find(" days in ").unwrap()].rsplit_once(" (").unwrap();
    let list = list.split_once(" on ").unwrap().1;
    let (list, firing_days) = match list.strip_prefix("the days either fires from ") {
        Some(rest) => (rest, true),
        None => (list, false),
    };
    assert!(!list.contains("more ranges"), "{message}");
    let day = |d: &str| {
        let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap();
        days_from_civil(i64::from(n(0..4)), n(5..7), n(8..10))
    };
    let mut dates = BTreeSet::new();
    for item in list.split(", ") {
        match item.split_once(" to ") {
            Some((a, b)) => dates.extend(day(a)..=day(b)),
            None => {
                dates.insert(day(item));
            }
        }
    }
    (dates, firing_days, count.parse().unwrap())
}

/// Fire instants in `[from, until)`, grouped by date on `zone`'s clock.
fn by_local_date(instants: &[i64], zone: &Zone) -> BTreeMap<i64, Vec<i64>> {
    let mut out: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for &t in instants {
        out.entry((t + zone.offset_at(t)).div_euclid(86_400)).or_default().push(t);
    }
    out
}

/// Translate and prove it over the checked year: with no loss the instants are identical; with a
/// `cron-daylight-saving` loss (and no other that changes instants) they are identical on every date but
/// exactly the dates the loss names.
fn same_instants_for_a_year(expr: &str, from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>) -> (String, Vec<LossCode>) {
    let t = cron::translate_at(expr, from, to, from_zone, to_zone, AT).unwrap();
    let codes: Vec<LossCode> = t.losses.iter().map(|l| l.code).collect();
    let proven = codes.iter().all(|c| matches!(c, LossCode::CronDaylightSaving | LossCode::CronDayOfWeekAmbiguous));
    if proven {
        let a = instants(expr, from, &t.from_zone, AT - 1, AT + CHECKED_SPAN - 1);
        let b = instants(&t.expression, to, &t.to_zone, AT - 1, AT + CHECKED_SPAN - 1);
        assert!(!a.is_empty(), "{expr} never fires");
        match t.losses.iter().find(|l| l.code == LossCode::CronDaylightSaving) {
            None => assert_eq!(a, b, "{expr} ({from:?}) vs {} ({to:?})", t.expression),
            Some(loss) => {
                let (a, b) = (by_local_date(&a, &t.from_zone), by_local_date(&b, &t.from_zone));
                let differing: BTreeSet<i64> = a.keys().chain(b.keys()).filter(|d| a.get(d) != b.get(d)).copied().collect();
                let (mut named, firing_days, count) = named_dates(&loss.message);
                if firing_days {
                    named.retain(|d| a.contains_key(d) || b.contains_key(d));
                }
                let show = |days: &BTreeSet<i64>| days.iter().map(|d| format_rfc3339(d * 86_400, 0)[..10].to_string()).collect::<Vec<_>>();
                assert_eq!(show(&named), show(&differing), "{expr} → {}: {}", t.expression, loss.message);
                assert_eq!(count, differing.len());
            }
        }
    }
    (t.expression, codes)
}

#[test]
fn daily_nine_oclock_fires_identically_on_both_clouds() {
    let (expr, losses) = same_instants_for_a_year("0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, None, None);
    assert_eq!(expr, "0 0 17 * * * *");
    assert!(losses.is_empty());
    let after = parse_rfc3339("2025-01-01T00:00:00Z").unwrap();
    assert_eq!(instants("0 0 9 * * ?", Dialect::Aliyun, &Zone::utc(), after, after + YEAR).len(), 366);
}

#[test]
fn lossless_translations_fire_at_the_same_instants() {
    let cases: &[(&str, Dialect, Dialect)] = &[
        ("0 */15 * * * ?", Dialect::Aliyun, Dialect::Tencent),
        ("30 0 2 1,15 * ?", Dialect::Aliyun, Dialect::Tencent),
        ("0 0 9 ? * MON-FRI", Dialect::Aliyun, Dialect::Tencent),
        ("0 0 20 ? * SUN", Dialect::Aliyun, Dialect::Tencent),
        ("0 0 12 1 JAN,JUL ?", Dialect::Aliyun, Dialect::Tencent),
        ("CRON_TZ=Asia/Shanghai 0 30 8 * * ?", Dialect::Aliyun, Dialect::Tencent),
        ("0 0 10 * * MON-FRI *", Dialect::Tencent, Dialect::Aliyun),
        ("0 */5 * * * * *", Dialect::Tencent, Dialect::Aliyun),
        ("*/30 * * * *", Dialect::Tencent, Dialect::Aliyun),
        ("0 0 1 L * * *", Dialect::Tencent, Dialect::Aliyun),
    ];
    let mut checked = 0;
    for (expr, from, to) in cases {
        if cron::parse(expr, *from).is_err() {
            continue; // `L` is not part of either documented dialect.
        }
        let (translated, losses) = same_instants_for_a_year(expr, *from, *to, None, None);
        assert!(losses.is_empty(), "{expr} → {translated}: {losses:?}");
        checked += 1;
    }
    assert_eq!(checked, cases.len() - 1);
}

#[test]
fn weekday_rotates_when_the_zone_shift_crosses_midnight() {
    // 20:00 UTC on Sunday is 04:00 Monday in Beijing.
    let (expr, losses) = same_instants_for_a_year("0 0 20 ? * SUN", Dialect::Aliyun, Dialect::Tencent, None, None);
    assert_eq!(expr, "0 0 4 * * MON *");
    assert!(losses.is_empty());
}

#[test]
fn tencent_year_is_a_loss_into_alibaba() {
    let t = cron::translate_at("0 0 0 1 1 * 2026", Dialect::Tencent, Dialect::Aliyun, None, None, AT).unwrap();
    assert_eq!(t.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::CronYearDropped]);
    assert!(t.losses[0].message.contains("2026"));
    assert!(t.expression.starts_with("CRON_TZ=Asia/Shanghai "), "{}", t.expression);
}

#[test]
fn every_interval_becomes_the_nearest_schedule_with_a_loss() {
    let t = cron::translate("@every 5m", Dialect::Aliyun, Dialect::Tencent, None, None).unwrap();
    assert_eq!(t.expression, "0 */5 * * * * *");
    assert_eq!(t.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::CronIntervalApproximated]);
    let odd = cron::translate("@every 7m", Dialect::Aliyun, Dialect::Tencent, None, None).unwrap();
    assert!(odd.losses[0].message.contains("different rate"));
}

#[test]
fn numeric_tencent_weekdays_are_flagged_and_zones_are_explicit() {
    let t = cron::translate("0 0 9 * * 1 *", Dialect::Tencent, Dialect::Aliyun, None, Some(&Zone::utc())).unwrap();
    assert_eq!(t.expression, "0 0 1 ? * MON");
    assert_eq!(t.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::CronDayOfWeekAmbiguous]);
    let explained = cron::parse("0 0 9 * * ?", Dialect::Aliyun).unwrap().describe(None);
    assert_eq!(explained, "at 09:00:00, every day (UTC)");
    let tencent = cron::parse("0 */10 8-18 * * MON-FRI *", Dialect::Tencent).unwrap().describe(None);
    assert!(tencent.contains("Asia/Shanghai") && tencent.contains("Monday"), "{tencent}");
}

#[test]
fn a_zone_shift_that_moves_restricted_days_is_a_loss() {
    let t = cron::translate_at("0 0 23 1 * ?", Dialect::Aliyun, Dialect::Tencent, None, None, AT).unwrap();
    assert_eq!(t.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::CronTimeZoneShifted]);
    // Named target zone equal to the source: exact.
    let (expr, losses) = same_instants_for_a_year("0 0 23 1 * ?", Dialect::Aliyun, Dialect::Tencent, None, Some(&Zone::utc()));
    assert_eq!(expr, "0 0 23 1 * * *");
    assert!(losses.is_empty());
}

/// Random cron fields over the shared generator.
trait CronFields {
    fn below64(&mut self, n: u64) -> u64;
    fn field(&mut self, lo: u64, hi: u64, max_values: u64, names: &[&str]) -> String;
}

impl CronFields for Lcg {
    fn below64(&mut self, n: u64) -> u64 {
        self.below(n as usize) as u64
    }

    fn field(&mut self, lo: u64, hi: u64, max_values: u64, names: &[&str]) -> String {
        match self.below64(5) {
            0 => "*".to_string(),
            1 => {
                let a = lo + self.below64(hi - lo + 1);
                let b = a + self.below64((hi - a).min(max_values) + 1);
                if b > a {
                    format!("{a}-{b}")
                } else {
                    a.to_string()
                }
            }
            2 if !names.is_empty() => names[self.below64(names.len() as u64) as usize].to_string(),
            3 => {
                let step = 2 + self.below64(((hi - lo) / 2).max(1));
                format!("{lo}/{step}")
            }
            _ => {
                let mut values: Vec<u64> = (0..1 + self.below64(max_values)).map(|_| lo + self.below64(hi - lo + 1)).collect();
                values.sort_unstable();
                values.dedup();
                values.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
            }
        }
    }
}

#[test]
fn randomized_translations_without_losses_fire_at_the_same_instants() {
    let mut rng = Lcg(0x7269_6767_6572);
    let days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "MON-FRI"];
    let months = ["JAN", "MAR-MAY", "DEC"];
    let (mut exact, mut lossy) = (0, 0);
    for i in 0..80 {
        let second = rng.below64(60);
        let minute = rng.below64(60);
        let hours = rng.field(0, 23, 3, &[]);
        let (dom, dow) = match rng.below64(3) {
            0 => (rng.field(1, 31, 3, &[]), "?".to_string()),
            1 => ("?".to_string(), rng.field(0, 6, 2, &days)),
            _ => ("*".to_string(), "?".to_string()),
        };
        let month = if rng.below64(3) == 0 { rng.field(1, 12, 3, &months) } else { "*".to_string() };
        let aliyun = format!("{second} {minute} {hours} {dom} {month} {dow}");
        let (from, to, expr) = if i % 2 == 0 {
            (Dialect::Aliyun, Dialect::Tencent, aliyun)
        } else {
            // The same shape as a Tencent expression: `?` becomes `*`, and a year field.
            (Dialect::Tencent, Dialect::Aliyun, format!("{} *", aliyun.replace('?', "*")))
        };
        if cron::parse(&expr, from).is_err() {
            continue;
        }
        let (_, losses) = same_instants_for_a_year(&expr, from, to, None, None);
        if losses.is_empty() {
            exact += 1;
        } else {
            lossy += 1;
        }
    }
    // Most random schedules translate exactly; those that do are checked instant by instant above.
    assert!(exact >= 40, "only {exact} exact translations ({lossy} lossy)");
}

/// The report: 09:00 in Kolkata is 11:30 in Beijing, not 11:00.
#[test]
fn half_and_quarter_hour_zones_shift_minutes_exactly_both_ways() {
    /// Expression, dialects, zones, expected translation.
    type Case<'a> = (&'a str, Dialect, Dialect, Option<&'a str>, Option<&'a str>, &'a str);
    let cases: &[Case] = &[
        ("0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, Some("Asia/Kolkata"), None, "0 30 11 * * * *"),
        ("0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, Some("Asia/Kathmandu"), None, "0 15 11 * * * *"),
        ("CRON_TZ=Asia/Kathmandu 0 50 23 ? * SUN", Dialect::Aliyun, Dialect::Tencent, None, None, "0 5 2 * * MON *"),
        ("0 */15 * * * ?", Dialect::Aliyun, Dialect::Tencent, Some("Asia/Kathmandu"), None, "0 */15 * * * * *"),
        ("0 30 8-17 * * ?", Dialect::Aliyun, Dialect::Tencent, Some("Asia/Kolkata"), None, "0 0 11-20 * * * *"),
        ("0 0 9 * * * *", Dialect::Tencent, Dialect::Aliyun, None, Some("Asia/Kolkata"), "CRON_TZ=Asia/Kolkata 0 30 6 * * ?"),
        ("0 0 9 * * MON-FRI *", Dialect::Tencent, Dialect::Aliyun, None, Some("Asia/Kathmandu"), "CRON_TZ=Asia/Kathmandu 0 45 6 ? * MON-FRI"),
        ("0 0 1 * * * *", Dialect::Tencent, Dialect::Aliyun, None, Some("UTC"), "0 0 17 * * ?"),
    ];
    for (expr, from, to, from_zone, to_zone, want) in cases {
        let (fz, tz) = (from_zone.map(zone), to_zone.map(zone));
        let (got, losses) = same_instants_for_a_year(expr, *from, *to, fz.as_ref(), tz.as_ref());
        assert_eq!((got.as_str(), losses), (*want, vec![]), "{expr}");
    }
    // Moved by 2:30, 09:00 and 09:45 are 11:30 and 12:15: not hours × minutes, so a loss counts the extras.
    let t = cron::translate_at("0 0,45 9 * * ?", Dialect::Aliyun, Dialect::Tencent, Some(&zone("Asia/Kolkata")), None, AT).unwrap();
    assert_eq!(t.expression, "0 15,30 11,12 * * * *");
    assert_eq!(t.losses.iter().map(|l| l.code).collect::<Vec<_>>(), [LossCode::CronTimeZoneShifted]);
    assert!(t.losses[0].message.contains("4 times a day instead of 2"), "{}", t.losses[0].message);
}

/// New York 09:00 is 21:00 in Beijing while New York keeps daylight saving time (EDT, UTC-4: from the
/// second Sunday of March to the first Sunday of November) and 22:00 otherwise (EST, UTC-5). Daylight
/// time covers more of the year, so 21:00 is chosen and the loss names the standard-time dates.
#[test]
fn new_york_to_beijing_picks_daylight_time_and_names_the_standard_time_dates() {
    let (expr, losses) = same_instants_for_a_year("0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, Some(&zone("America/New_York")), None);
    assert_eq!((expr.as_str(), losses), ("0 0 21 * * * *", vec![LossCode::CronDaylightSaving]));
    let t = cron::translate_at("0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, Some(&zone("America/New_York")), None, AT).unwrap();
    let message = &t.losses[0].message;
    // 2025: EDT from March 9 to November 2; the year checked runs to 2026-01-01.
    assert!(message.contains("fires 1 hour early on 2025-01-01 to 2025-03-08, 2025-11-02 to 2026-01-01 (128 days in America/New_York)"), "{message}");
    assert!(message.contains("it uses +12:00 (09:00:00 → 21:00:00), the difference on 2025-03-09 to 2025-11-02; it is +13:00 on"), "{message}");
    assert_eq!(named_dates(message).2, 67 + 61);
    // The offsets reported are those at the start of the checked year.
    assert_eq!((t.from_zone.offset, t.to_zone.offset), (-5 * 3600, 8 * 3600));
}

#[test]
fn dst_zones_through_both_changes_in_both_directions() {
    let ny = zone("America/New_York");
    let berlin = zone("Europe/Berlin");
    let sydney = zone("Australia/Sydney");
    let lord_howe = zone("Australia/Lord_Howe"); // half-hour daylight saving: +10:30 / +11:00
    let london = zone("Europe/London");
    let kolkata = zone("Asia/Kolkata");
    // Times inside the spring-forward gap (02:30) and the fall-back fold (01:30 in New York, 02:30 in
    // Berlin and Sydney), hourly and half-hourly schedules that no change can disturb, weekday
    // restrictions, and evening times that cross midnight in Beijing.
    let times = ["0 0 9 * * ?", "0 30 1 * * ?", "0 30 2 * * ?", "0 0 * * * ?", "0 */30 * * * ?", "0 0 9 ? * MON-FRI", "0 0 23 * * ?", "30 15 2,14 1,15 * ?"];
    let mut checked = 0;
    for from_zone in [&ny, &berlin, &sydney, &lord_howe] {
        for expr in times {
            // Alibaba (CRON_TZ zone) → Tencent (Beijing time), and the translation back again.
            let (there, _) = same_instants_for_a_year(expr, Dialect::Aliyun, Dialect::Tencent, Some(from_zone), None);
            same_instants_for_a_year(&there, Dialect::Tencent, Dialect::Aliyun, None, Some(from_zone));
            checked += 2;
        }
    }
    // Zones that both keep daylight saving time, on different dates (Europe from the last Sunday of March,
    // the US from the second Sunday), and on the same instants (Berlin and London: no loss at all).
    for expr in times {
        same_instants_for_a_year(expr, Dialect::Aliyun, Dialect::Tencent, Some(&berlin), Some(&ny));
        same_instants_for_a_year(expr, Dialect::Aliyun, Dialect::Aliyun, Some(&ny), Some(&berlin));
        same_instants_for_a_year(expr, Dialect::Aliyun, Dialect::Tencent, Some(&kolkata), Some(&ny));
        let (_, losses) = same_instants_for_a_year(expr, Dialect::Aliyun, Dialect::Tencent, Some(&berlin), Some(&london));
        assert!(losses.is_empty(), "{expr}: {losses:?}");
        checked += 4;
    }
    assert_eq!(checked, 4 * times.len() * 2 + times.len() * 4);
    // Hourly schedules fire every hour in every zone: no loss, not even on the change days.
    let (expr, losses) = same_instants_for_a_year("0 0 * * * ?", Dialect::Aliyun, Dialect::Tencent, Some(&ny), None);
    assert_eq!((expr.as_str(), losses), ("0 0 * * * * *", vec![]));
    // Beijing 13:30 is 01:30 in New York in summer: into New York time, the translation fires twice on the
    // fall-back day and the loss names it.
    let t = cron::translate_at("0 30 13 * * * *", Dialect::Tencent, Dialect::Aliyun, None, Some(&ny), AT).unwrap();
    assert_eq!(t.expression, "CRON_TZ=America/New_York 0 30 1 * * ?");
    assert!(t.losses[0].message.contains("2025-11-02"), "{}", t.losses[0].message);
}

#[test]
fn randomized_zone_translations_differ_only_on_the_named_dates() {
    let zones =
        ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Chatham", "UTC", "+05:30"];
    let mut rng = Lcg(0x7a6f_6e65);
    let (mut exact, mut dst) = (0, 0);
    for _ in 0..60 {
        let second = rng.below(60);
        let minute = [0, 15, 30, 45, rng.below(60)][rng.below(5)];
        let hours = rng.field(0, 23, 3, &[]);
        let dow = if rng.below(3) == 0 { rng.field(0, 6, 2, &["MON-FRI", "SUN"]) } else { "?".to_string() };
        let dom = if dow == "?" && rng.below(2) == 0 {
            rng.field(1, 28, 2, &[])
        } else if dow == "?" {
            "*".to_string()
        } else {
            "?".to_string()
        };
        let expr = format!("{second} {minute} {hours} {dom} * {dow}");
        let from_zone = zone(zones[rng.below(zones.len())]);
        let to_zone = zone(zones[rng.below(zones.len())]);
        if cron::parse(&expr, Dialect::Aliyun).is_err() {
            continue;
        }
        let (there, losses) = same_instants_for_a_year(&expr, Dialect::Aliyun, Dialect::Tencent, Some(&from_zone), Some(&to_zone));
        same_instants_for_a_year(&there, Dialect::Tencent, Dialect::Aliyun, Some(&to_zone), Some(&from_zone));
        match losses.as_slice() {
            [] => exact += 1,
            [LossCode::CronDaylightSaving] => dst += 1,
            _ => {}
        }
    }
    assert!(exact >= 10 && dst >= 10, "{exact} exact, {dst} with daylight-saving losses");
}

/// Next fire times across the changes follow Alibaba's scheduler: every instant whose wall clock
/// matches, so a skipped local time does not fire and a repeated one fires twice.
#[test]
fn explain_crosses_daylight_saving_changes() {
    let next = |expr: &str, tz: &str, after: &str, count: usize| {
        cron::explain(expr, Dialect::Aliyun, Some(&zone(tz)), count, parse_rfc3339(after).unwrap()).unwrap().next
    };
    // 2026-03-08 02:00 EST → 03:00 EDT: 02:30 does not exist that day.
    assert_eq!(
        next("0 30 2 * * ?", "America/New_York", "2026-03-07T00:00:00Z", 3),
        ["2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"]
    );
    // 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens twice.
    assert_eq!(
        next("0 30 1 * * ?", "America/New_York", "2026-10-31T12:00:00Z", 3),
        ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"]
    );
    // 09:00 keeps its wall-clock time across the change; the offset in each instant changes.
    assert_eq!(next("0 0 9 * * ?", "Europe/Berlin", "2026-03-28T12:00:00Z", 2), ["2026-03-29T09:00:00+02:00", "2026-03-30T09:00:00+02:00"]);
    // Southern hemisphere: Sydney falls back on 2026-04-05 (03:00 AEDT → 02:00 AEST), springs on 2026-10-04.
    assert_eq!(
        next("0 30 2 * * ?", "Australia/Sydney", "2026-04-04T00:00:00Z", 3),
        ["2026-04-05T02:30:00+11:00", "2026-04-05T02:30:00+10:00", "2026-04-06T02:30:00+10:00"]
    );
    assert_eq!(next("0 30 2 * * ?", "Australia/Sydney", "2026-10-02T12:00:00Z", 2), ["2026-10-03T02:30:00+10:00", "2026-10-05T02:30:00+11:00"]);
    // Hourly across the fold: three instants an hour apart, two of them at 01:00.
    assert_eq!(
        next("0 0 * * * ?", "America/New_York", "2026-11-01T04:30:00Z", 3),
        ["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"]
    );
    assert_eq!(next("0 0 9 * * ?", "Asia/Kathmandu", "2026-01-01T00:00:00Z", 1), ["2026-01-01T09:00:00+05:45"]);
    let e = cron::explain("CRON_TZ=America/New_York 0 0 9 * * ?", Dialect::Aliyun, None, 1, parse_rfc3339("2026-07-01T00:00:00Z").unwrap()).unwrap();
    assert_eq!((e.zone.name.as_str(), e.zone.offset), ("America/New_York", -4 * 3600));
    assert!(e.description.ends_with("(America/New_York)"), "{}", e.description);
}

#[test]
fn unknown_zones_are_refused_with_the_accepted_forms() {
    for bad in ["Mars/Olympus", "America/New_Yrok", "../../etc/passwd", "UTC+99"] {
        let e = Zone::parse(bad).unwrap_err();
        assert_eq!(e.code, trigger_bridge::ErrorCode::InvalidTimeZone, "{bad}");
        assert!(e.message.contains("IANA name"), "{}", e.message);
    }
    let e = cron::parse("CRON_TZ=Mars/Olympus 0 0 9 * * ?", Dialect::Aliyun).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (trigger_bridge::ErrorCode::InvalidCron, "/0"));
}

/// The same through the native binary, as a user runs it.
#[test]
fn the_cli_translates_zones_and_names_dates() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_trigger-bridge")).args(args).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, stdout, stderr) = run(&["cron", "convert", "--from", "aliyun", "--to", "tencent", "--from-tz", "Asia/Kolkata", "0 0 9 * * ?"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "0 30 11 * * * *\n", ""));
    let (code, stdout, stderr) =
        run(&["cron", "convert", "--from", "aliyun", "--to", "tencent", "--after", "2025-01-01T00:00:00Z", "CRON_TZ=America/New_York 0 0 9 * * ?"]);
    assert_eq!((code, stdout.as_str()), (Some(0), "0 0 21 * * * *\n"));
    assert!(stderr.starts_with("loss cron-daylight-saving: ") && stderr.contains(" on 2025-01-01 to 2025-03-08, 2025-11-02 to 2026-01-01 ("), "{stderr}");
    let (code, stdout, _) =
        run(&["cron", "explain", "--dialect", "aliyun", "--tz", "America/New_York", "--after", "2026-10-31T12:00:00Z", "--count", "2", "0 30 1 * * ?"]);
    assert_eq!((code, stdout.as_str()), (Some(0), "at 01:30:00, every day (America/New_York)\n2026-11-01T01:30:00-04:00\n2026-11-01T01:30:00-05:00\n"));
    let (code, _, stderr) = run(&["cron", "convert", "--from", "aliyun", "--to", "tencent", "--from-tz", "Mars/Olympus", "0 0 9 * * ?"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("invalid-time-zone"), "{stderr}");
}

/// Alibaba's scheduler loads `CRON_TZ` zones by IANA name only: a fixed offset is written as the `Etc/GMT`
/// zone of that offset (POSIX sign), and one of no whole hour as UTC with the schedule shifted; either way the
/// translation fires at the same instants (Tencent runs at Beijing time, +08:00).
#[test]
fn fixed_offsets_into_alibaba_are_zones_it_can_load() {
    let cases = [
        ("0 0 9 * * * *", Some("+08:00"), "CRON_TZ=Etc/GMT-8 0 0 9 * * ?"),
        ("0 0 9 * * * *", Some("UTC-5"), "CRON_TZ=Etc/GMT+5 0 0 20 * * ?"),
        ("0 0 9 * * * *", Some("+05:30"), "0 0 1 * * ?"),
    ];
    for (expr, to_zone, want) in cases {
        let tz = to_zone.map(zone);
        let (got, losses) = same_instants_for_a_year(expr, Dialect::Tencent, Dialect::Aliyun, None, tz.as_ref());
        assert_eq!((got.as_str(), losses), (want, vec![]), "{expr} into {to_zone:?}");
        cron::parse(&got, Dialect::Aliyun).unwrap();
    }
    let back = cron::translate_at("CRON_TZ=Etc/GMT-8 0 0 9 * * ?", Dialect::Aliyun, Dialect::Tencent, None, None, AT).unwrap();
    assert_eq!((back.expression.as_str(), back.losses.len()), ("0 0 9 * * * *", 0));
}
