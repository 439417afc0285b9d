//! Calendar dates for the publication deadline (R16), without a clock.
//!
//! The core never reads the system time: whoever needs "today" (the CLI, the editor)
//! passes it in, so evaluation stays pure and tests are repeatable.

use std::fmt;

/// A day in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// The date, if it exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let date = Self { year, month, day };
        let is_valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= date.days_in_month();
        is_valid.then_some(date)
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`).
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<&str> = text
            .trim()
            .trim_end_matches('日')
            .split(['-', '/', '.', '年', '月'])
            .collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        Self::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// A date as registers and spreadsheets write it: what [`Date::parse`] reads, and also
    /// `20240105` and a time after the date (`2024-01-05 10:30`, `2024-01-05T10:30`).
    pub fn parse_loose(text: &str) -> Option<Self> {
        let text = text.trim();
        let date = text.split([' ', 'T']).next().unwrap_or(text);
        if date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()) {
            let n = |r: std::ops::Range<usize>| date[r].parse().ok();
            return Self::new(
                n(0..4)?,
                u8::try_from(n(4..6)?).ok()?,
                u8::try_from(n(6..8)?).ok()?,
            );
        }
        Self::parse(date)
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if self.is_leap_year() => 29,
            _ => 28,
        }
    }

    fn is_leap_year(self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    /// Days since 1970-01-01 (negative before), after H. Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n_days` after 1970-01-01 (for turning a system clock into a date).
    pub fn from_days_since_epoch(n_days: i64) -> Self {
        let z = n_days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// `other − self` in days.
    pub fn days_until(self, other: Self) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// The date in Chinese, e.g. 2025年1月31日.
    pub fn to_chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2025-01-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Date::parse("2025-01-31"), Date::new(2025, 1, 31));
        assert_eq!(Date::parse("2025年1月31日"), Date::new(2025, 1, 31));
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(Date::parse("2023-02-29"), None, "not a leap year");
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("tomorrow"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::new(2025, 1, 31).unwrap();
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2024, 12, 31).unwrap().days_until(d), 31);
        assert_eq!(
            Date::new(2024, 2, 28)
                .unwrap()
                .days_until(Date::new(2024, 3, 1).unwrap()),
            2
        );
    }
}
