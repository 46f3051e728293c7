//! Calendar days as integers (days since 1970-01-01, proleptic Gregorian), the date spellings found in
//! ACLED and UCDP exports, ISO weeks and months for trend bins.
//!
//! Own code, not `time` or `jiff`: `time` cannot read ACLED's `16-May-25`, and neither reads its
//! `30-Sept-24`; the parser here reads every spelling the sources write, with no format string.

/// Days since 1970-01-01 (negative before). Day arithmetic is integer arithmetic.
pub type Day = i32;

/// Day number of a civil date; `None` when the date does not exist.
///
/// ```
/// assert_eq!(riskcard::date::from_ymd(1970, 1, 1), Some(0));
/// assert_eq!(riskcard::date::from_ymd(2026, 7, 14), Some(20648));
/// assert_eq!(riskcard::date::from_ymd(2025, 2, 29), None);
/// ```
pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1000..=9999).contains(&y) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Civil date `(year, month, day)` of a day number.
///
/// ```
/// assert_eq!(riskcard::date::to_ymd(20648), (2026, 7, 14));
/// ```
pub fn to_ymd(z: Day) -> (i32, u32, u32) {
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

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(riskcard::date::format(20648), "2026-07-14");
/// ```
pub fn format(day: Day) -> String {
    let (y, m, d) = to_ymd(day);
    match u32::try_from(y) {
        // Digit by digit: a report formats ~170 dates, and `format!` was a tenth of a quiet site's
        // report in V8.
        Ok(y) if y <= 9999 => {
            let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
            [digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), '-', digit(m / 10), digit(m), '-', digit(d / 10), digit(d)].into_iter().collect()
        }
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// A date written `YYYY-MM-DD` and nothing else (what options take: `1/8/2020` is refused, not
/// read as 1 August or 8 January).
///
/// ```
/// use riskcard::date::{parse_iso, from_ymd};
/// assert_eq!(parse_iso("2026-07-31"), from_ymd(2026, 7, 31));
/// for bad in ["1/8/2020", "31 Jul 2026", "2026-07-31T00:00", "2026-7-31", "2026-02-30"] {
///     assert_eq!(parse_iso(bad), None, "{bad}");
/// }
/// ```
pub fn parse_iso(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    from_ymd(digits(s.get(0..4)?)? as i32, digits(s.get(5..7)?)?, digits(s.get(8..10)?)?)
}

/// A date as a file writes it: a day, or a numeric date whose first two parts may be day then month
/// or month then day (`31/07/2020`, `7/31/2020`, `03-04-20`). Which order a file uses is a question
/// for the whole file (`ingest` decides it from the dates that can only be read one way); one such
/// date alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// An unambiguous spelling (`2020-07-31`, `31 July 2020`, `31-Jul-20`, `2020/07/31`).
    Day(Day),
    /// `first/second/year` (or with `-` or `.`), the parts as written, the year in four digits.
    Numeric {
        /// The first part.
        first: u32,
        /// The second part.
        second: u32,
        /// The year.
        year: i32,
    },
}

impl Reading {
    /// The day when the first part is the day, and when it is the month (`None` where that date
    /// does not exist); for a [`Reading::Day`], that day twice.
    ///
    /// ```
    /// use riskcard::date::{read, from_ymd};
    /// assert_eq!(read("7/31/2020").unwrap().days(), (None, from_ymd(2020, 7, 31)));
    /// assert_eq!(read("03/04/2020").unwrap().days(), (from_ymd(2020, 4, 3), from_ymd(2020, 3, 4)));
    /// ```
    pub fn days(self) -> (Option<Day>, Option<Day>) {
        match self {
            Reading::Day(d) => (Some(d), Some(d)),
            Reading::Numeric { first, second, year } => (from_ymd(year, second, first), from_ymd(year, first, second)),
        }
    }
}

/// Reads a date as a file writes it (see [`Reading`]); `None` when it is no date. A time after a
/// numeric date (`7/31/2020 0:00`, as Excel writes) is left out.
///
/// ```
/// use riskcard::date::{read, Reading, from_ymd};
/// assert_eq!(read("2020-07-31"), from_ymd(2020, 7, 31).map(Reading::Day));
/// assert_eq!(read("31-Jul-20"), from_ymd(2020, 7, 31).map(Reading::Day));
/// assert_eq!(read("7/31/20 0:00"), Some(Reading::Numeric { first: 7, second: 31, year: 2020 }));
/// assert_eq!(read("31.07.2020"), Some(Reading::Numeric { first: 31, second: 7, year: 2020 }));
/// assert_eq!(read("7/31"), None);
/// ```
pub fn read(s: &str) -> Option<Reading> {
    let s = s.trim();
    match numeric(s) {
        Some(r) => Some(r),
        None => parse(s).map(Reading::Day),
    }
}

/// `a/b/y`, `a-b-y` or `a.b.y`: `a` and `b` of one or two digits, `y` of two or four.
fn numeric(s: &str) -> Option<Reading> {
    let b = s.as_bytes();
    // The separator is the second or third character (a quick refusal for ISO dates and names).
    let sep = match (b.get(1), b.get(2)) {
        (Some(c), _) if !c.is_ascii_digit() => *c,
        (_, Some(c)) => *c,
        _ => return None,
    };
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let date = match s.split_once(' ') {
        Some((d, time)) if time.contains(':') => d,
        _ => s,
    };
    let mut parts = date.split(sep as char);
    let (x, y, z) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || x.len() > 2 || y.len() > 2 {
        return None;
    }
    let year = match z.len() {
        2 => two_digit_year(digits(z)?),
        4 => digits(z)? as i32,
        _ => return None,
    };
    Some(Reading::Numeric { first: digits(x)?, second: digits(y)?, year })
}

/// A two-digit year: 1970–2069.
fn two_digit_year(yy: u32) -> i32 {
    if yy < 70 {
        2000 + yy as i32
    } else {
        1900 + yy as i32
    }
}

/// Parses the date spellings of ACLED and UCDP exports: `2025-05-16`, `2026-06-29 00:00:00.000`,
/// `2026-06-29T00:00:00Z`, `16 May 2025`, `16-May-25`, `30-Sept-24`, `16 September 2025`,
/// `2025/05/16`. Two-digit years are 1970–2069. Returns `None` for anything else. A numeric date
/// such as `05/04/2025` is read day first here; a file's rows are read through [`read`], which
/// leaves the order to the file.
///
/// ```
/// use riskcard::date::{parse, from_ymd};
/// assert_eq!(parse("30-Sept-24"), from_ymd(2024, 9, 30));
/// assert_eq!(parse("2026-06-29 00:00:00.000"), from_ymd(2026, 6, 29));
/// assert_eq!(parse("16 May 2025"), from_ymd(2025, 5, 16));
/// assert_eq!(parse("31-Apr-25"), None);
/// ```
pub fn parse(s: &str) -> Option<Day> {
    let s = s.trim();
    let b = s.as_bytes();
    // ISO: YYYY-MM-DD optionally followed by a time.
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        if b.len() > 10 && !matches!(b[10], b' ' | b'T' | b't') {
            return None;
        }
        let y = s.get(0..4)?.parse().ok()?;
        let m = digits(s.get(5..7)?)?;
        let d = digits(s.get(8..10)?)?;
        return from_ymd(y, m, d);
    }
    let mut parts = s.split([' ', '-', '/']).filter(|p| !p.is_empty());
    let (a, mo, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if a.len() == 4 {
        // 2025/05/16
        return from_ymd(a.parse().ok()?, digits(mo)?, digits(c)?);
    }
    let d = digits(a)?;
    let m = month(mo)?;
    let y: i32 = match c.len() {
        2 => two_digit_year(digits(c)?),
        4 => c.parse().ok()?,
        _ => return None,
    };
    from_ymd(y, m, d)
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn month(s: &str) -> Option<u32> {
    if let Some(n) = digits(s) {
        return Some(n);
    }
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    if l.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&l)).map(|i| i as u32 + 1)
}

/// Monday of the ISO week that holds `day`.
///
/// ```
/// // 2026-07-14 is a Tuesday; its ISO week starts on Monday 2026-07-13.
/// assert_eq!(riskcard::date::week_start(20648), 20647);
/// ```
pub fn week_start(day: Day) -> Day {
    day - (day + 3).rem_euclid(7)
}

/// First day of the month that holds `day`.
///
/// ```
/// assert_eq!(riskcard::date::format(riskcard::date::month_start(20648)), "2026-07-01");
/// ```
pub fn month_start(day: Day) -> Day {
    let (y, m, _) = to_ymd(day);
    from_ymd(y, m, 1).unwrap_or(day)
}

/// First day of the month `n` months after the month of `month_first` (n may be negative).
///
/// ```
/// use riskcard::date::{add_months, from_ymd, format};
/// assert_eq!(format(add_months(from_ymd(2026, 1, 1).unwrap(), -12)), "2025-01-01");
/// assert_eq!(format(add_months(from_ymd(2026, 11, 1).unwrap(), 3)), "2027-02-01");
/// ```
pub fn add_months(month_first: Day, n: i32) -> Day {
    let (y, m, _) = to_ymd(month_first);
    let idx = y * 12 + (m as i32 - 1) + n;
    from_ymd(idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32, 1).unwrap_or(month_first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_day_of_two_centuries() {
        let start = from_ymd(1950, 1, 1).unwrap();
        let end = from_ymd(2150, 12, 31).unwrap();
        for z in start..=end {
            let (y, m, d) = to_ymd(z);
            assert_eq!(from_ymd(y, m, d), Some(z));
        }
        assert_eq!(end - start + 1, 73_414);
    }

    #[test]
    fn format_is_the_formatting_macros_text() {
        let f = |z: Day| {
            let (y, m, d) = to_ymd(z);
            format!("{y:04}-{m:02}-{d:02}")
        };
        // Every day a store holds, and years before 1000, after 9999 and before year 0.
        let days = (crate::store::DAY_BASE..=crate::store::DAY_LAST).chain([-719_468, -719_469, -700_000, -365_000, 2_932_896, 2_932_897, 5_000_000]);
        for z in days {
            assert_eq!(format(z), f(z), "day {z}");
        }
        assert_eq!((format(-719_468), format(2_932_897)), ("0000-03-01".to_string(), "10000-01-01".to_string()));
    }

    #[test]
    fn acled_spellings() {
        let may16 = from_ymd(2025, 5, 16);
        for s in ["2025-05-16", "16 May 2025", "16-May-25", "16-may-2025", " 16 MAY 2025 ", "2025/05/16", "16 May. 2025"] {
            assert_eq!(parse(s), may16, "{s}");
        }
        assert_eq!(parse("30-Sept-24"), from_ymd(2024, 9, 30));
        assert_eq!(parse("1-Jan-97"), from_ymd(1997, 1, 1));
        assert_eq!(parse("2026-06-29T00:00:00Z"), from_ymd(2026, 6, 29));
        // The UCDP API's spellings of a date.
        assert_eq!((parse("2023-05-01T00:00:00"), parse("2023-05-01T00:00:00.000")), (from_ymd(2023, 5, 1), from_ymd(2023, 5, 1)));
        for bad in ["", "2025-13-01", "2025-02-30", "16 Mai 2025", "May 2025", "16-Ma-25", "2025-05-16x", "1/2/3/4", "99999-01-01"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-01-01 is a Thursday: ISO week 1 of 2026 starts on Monday 2025-12-29.
        assert_eq!(format(week_start(from_ymd(2026, 1, 1).unwrap())), "2025-12-29");
        let mon = from_ymd(2026, 7, 13).unwrap();
        for d in mon..mon + 7 {
            assert_eq!(week_start(d), mon);
        }
    }
}
