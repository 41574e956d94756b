//! Cron translation keeps meaning: wherever no loss is reported, an expression and its translation fire
//! at exactly the same instants over a whole year.

mod common;

use common::Lcg;
use trigger_bridge::cron::{self, Dialect, Zone};
use trigger_bridge::time::parse_rfc3339;
use trigger_bridge::LossCode;

const YEAR: i64 = 366 * 86_400;

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

fn same_instants_for_a_year(expr: &str, from: Dialect, to: Dialect, from_zone: Option<&Zone>, to_zone: Option<&Zone>) -> (String, Vec<LossCode>) {
    let t = cron::translate(expr, from, to, from_zone, to_zone).unwrap();
    let codes: Vec<LossCode> = t.losses.iter().map(|l| l.code).collect();
    if codes.is_empty() {
        let after = parse_rfc3339("2025-01-01T00:00:00Z").unwrap();
        let a = instants(expr, from, &t.from_zone, after, after + YEAR);
        let b = instants(&t.expression, to, &t.to_zone, after, after + YEAR);
        assert!(!a.is_empty(), "{expr} never fires");
        assert_eq!(a, b, "{expr} ({from:?}) vs {} ({to:?})", t.expression);
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
    let t = cron::translate("0 0 0 1 1 * 2026", Dialect::Tencent, Dialect::Aliyun, None, None).unwrap();
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
    let t = cron::translate("0 0 23 1 * ?", Dialect::Aliyun, Dialect::Tencent, None, None).unwrap();
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
