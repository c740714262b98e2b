//! Virtual time: instants as milliseconds since the Unix epoch, Go-style durations, and the
//! two ways kubectl renders time (RFC 3339 timestamps and `HumanDuration` ages).

use std::fmt;

/// An instant on the virtual clock, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

/// A span of virtual time in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Duration(pub i64);

impl Duration {
    pub const ZERO: Duration = Duration(0);
    pub const fn from_secs(s: i64) -> Self {
        Duration(s * 1000)
    }
    pub const fn from_millis(ms: i64) -> Self {
        Duration(ms)
    }
    pub const fn as_millis(self) -> i64 {
        self.0
    }
    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// Go's `time.Duration.String()` at millisecond precision: `512ms`, `5.123s`, `1m20s`,
    /// `5m0s`, `1h0m0s`.
    pub fn go_string(self) -> String {
        let ms = self.0;
        if ms == 0 {
            return "0s".into();
        }
        let sign = if ms < 0 { "-" } else { "" };
        let ms = ms.unsigned_abs();
        if ms < 1000 {
            return format!("{sign}{ms}ms");
        }
        let (h, m, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        let secs = if frac == 0 { format!("{s}s") } else { format!("{s}.{}s", format!("{frac:03}").trim_end_matches('0')) };
        match (h, m) {
            (0, 0) => format!("{sign}{secs}"),
            (0, m) => format!("{sign}{m}m{secs}"),
            (h, m) => format!("{sign}{h}h{m}m{secs}"),
        }
    }
}

impl std::ops::Add<Duration> for Time {
    type Output = Time;
    fn add(self, d: Duration) -> Time {
        Time(self.0.saturating_add(d.0))
    }
}

impl std::ops::Sub<Time> for Time {
    type Output = Duration;
    fn sub(self, t: Time) -> Duration {
        Duration(self.0.saturating_sub(t.0))
    }
}

/// 2024-01-01T00:00:00Z, where every new cluster's clock starts unless told otherwise.
pub const DEFAULT_START: Time = Time(1_704_067_200_000);

/// Days since 1970-01-01 → (year, month 1..=12, day 1..=31). Howard Hinnant's civil_from_days.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01. Inverse of [`civil_from_days`].
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Broken-down UTC time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 = Sunday.
    pub weekday: u32,
}

impl Time {
    pub fn civil(self) -> Civil {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    pub fn from_civil(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Time {
        let days = days_from_civil(year, month, day);
        Time((days * 86_400 + hour as i64 * 3600 + minute as i64 * 60 + second as i64) * 1000)
    }

    /// RFC 3339 with second precision, as the API server serialises `metav1.Time`.
    pub fn rfc3339(self) -> String {
        let c = self.civil();
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }

    /// Parses the RFC 3339 form [`Time::rfc3339`] prints (a `Z` suffix, optional fraction).
    pub fn parse_rfc3339(s: &str) -> Option<Time> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        let (y, mo, d, h, mi, se) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
            return None;
        }
        let rest = &s[19..];
        let rest = match rest.strip_prefix('.') {
            Some(frac) => frac.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => rest,
        };
        if rest != "Z" && rest != "z" {
            return None;
        }
        Some(Time::from_civil(y as i64, mo, d, h, mi, se))
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

/// apimachinery `duration.HumanDuration`: how kubectl prints AGE, LAST SEEN, DURATION.
pub fn human_duration(d: Duration) -> String {
    let ms = d.0;
    if ms < -1000 {
        return "<invalid>".into();
    }
    if ms < 0 {
        return "0s".into();
    }
    let seconds = ms / 1000;
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 { format!("{minutes}m") } else { format!("{minutes}m{s}s") };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 { format!("{hours}h") } else { format!("{hours}h{m}m") };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        let days = hours / 24;
        return if h == 0 { format!("{days}d") } else { format!("{days}d{h}h") };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        let years = hours / 24 / 365;
        return if dy == 0 { format!("{years}y") } else { format!("{years}y{dy}d") };
    }
    format!("{}y", hours / 24 / 365)
}

/// Parses a Go `time.ParseDuration` string (`90s`, `5m`, `1h30m`, `1.5h`, `250ms`).
/// Units: ns, us, µs, ms, s, m, h. Returns a message naming the input on error, like Go.
pub fn parse_go_duration(s: &str) -> Result<Duration, String> {
    let err = || format!("time: invalid duration \"{s}\"");
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Ok(Duration::ZERO);
    }
    if rest.is_empty() {
        return Err(err());
    }
    // Accumulate in nanoseconds as f64-free integer math: whole part and fraction separately.
    let mut total_ns: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let int_part = &rest[..int_len];
        rest = &rest[int_len..];
        let mut frac_part = "";
        if let Some(r) = rest.strip_prefix('.') {
            let frac_len = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            frac_part = &r[..frac_len];
            rest = &r[frac_len..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err());
        }
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(format!("time: missing unit in duration \"{s}\"")),
            _ => return Err(format!("time: unknown unit \"{unit}\" in duration \"{s}\"")),
        };
        let whole: i128 = if int_part.is_empty() { 0 } else { int_part.parse::<i128>().map_err(|_| err())? };
        let mut v = whole.checked_mul(scale).ok_or_else(err)?;
        let mut div: i128 = 1;
        for c in frac_part.chars().take(18) {
            div *= 10;
            v += (c as i128 - '0' as i128) * scale / div;
        }
        total_ns = total_ns.checked_add(v).ok_or_else(err)?;
        if total_ns > i64::MAX as i128 {
            return Err(err());
        }
    }
    let ms = (total_ns / 1_000_000) as i64;
    Ok(Duration(if neg { -ms } else { ms }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_duration_strings() {
        let f = |ms| Duration::from_millis(ms).go_string();
        assert_eq!([f(0), f(512), f(5123), f(10_000), f(80_000), f(300_000), f(3_600_000), f(90_500)], ["0s", "512ms", "5.123s", "10s", "1m20s", "5m0s", "1h0m0s", "1m30.5s"]);
    }

    #[test]
    fn human_duration_matches_upstream_examples() {
        // The examples of kubernetes-behavior.md §12.2, computed from apimachinery's HumanDuration.
        let cases = [
            (45, "45s"), (60, "60s"), (90, "90s"), (119, "119s"), (120, "2m"), (125, "2m5s"),
            (310, "5m10s"), (605, "10m"), (179 * 60, "179m"), (3 * 3600, "3h"),
            (3 * 3600 + 15 * 60, "3h15m"), (8 * 3600, "8h"), (24 * 3600, "24h"), (47 * 3600, "47h"),
            (48 * 3600, "2d"), (51 * 3600, "2d3h"), (8 * 86400, "8d"), (729 * 86400, "729d"),
            (2 * 365 * 86400, "2y"), (2 * 365 * 86400 + 3 * 86400, "2y3d"), (9 * 365 * 86400, "9y"),
        ];
        for (secs, want) in cases {
            assert_eq!(human_duration(Duration::from_secs(secs)), want, "{secs}s");
        }
        assert_eq!(human_duration(Duration(-500)), "0s");
        assert_eq!(human_duration(Duration(-5000)), "<invalid>");
    }

    #[test]
    fn rfc3339_round_trips_and_knows_the_calendar() {
        assert_eq!(DEFAULT_START.rfc3339(), "2024-01-01T00:00:00Z");
        assert_eq!(DEFAULT_START.civil().weekday, 1, "2024-01-01 was a Monday");
        let leap = Time::from_civil(2024, 2, 29, 23, 59, 59);
        assert_eq!(leap.rfc3339(), "2024-02-29T23:59:59Z");
        assert_eq!(Time::parse_rfc3339("2024-02-29T23:59:59Z"), Some(leap));
        assert_eq!(Time::parse_rfc3339("2024-02-29T23:59:59.123Z"), Some(leap));
        assert_eq!(Time::parse_rfc3339("1969-12-31T23:59:59Z"), Some(Time(-1000)));
        assert_eq!(Time::parse_rfc3339("2024-13-01T00:00:00Z"), None);
        assert_eq!(Time::parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn go_durations_parse_like_time_parse_duration() {
        assert_eq!(parse_go_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_go_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("1.5h"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("250ms"), Ok(Duration(250)));
        assert_eq!(parse_go_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_go_duration("-2m"), Ok(Duration::from_secs(-120)));
        assert_eq!(parse_go_duration("5"), Err("time: missing unit in duration \"5\"".into()));
        assert_eq!(parse_go_duration("5d"), Err("time: unknown unit \"d\" in duration \"5d\"".into()));
        assert_eq!(parse_go_duration(""), Err("time: invalid duration \"\"".into()));
        assert!(parse_go_duration("99999999999999999999h").is_err());
    }
}
