//! Exact numbers for table cells, and the parser for what a user types into one.
//!
//! A cell holds a [`Decimal`]: an integer mantissa and a count of decimal places, so that
//! money in 万元 keeps every digit it was given and sums are exact (never `f64`).
//! [`parse_number`] accepts what people type in Chinese office software: ASCII or
//! full-width digits (IME full-width mode), thousands separators, a sign, and surrounding
//! spaces. Whether a number suits a given cell (a count must be a whole number ≥ 0) is the
//! cell's [`Kind`]'s question, answered by [`Kind::check`].

use std::cmp::Ordering;
use std::fmt;

/// The most decimal places a number may carry: 6 places of 万元 is one 分.
pub const MAX_SCALE: u8 = 6;

/// An exact decimal number: `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug)]
pub struct Decimal {
    mantissa: i128,
    scale: u8,
}

impl Decimal {
    /// Zero, with no decimal places.
    pub const ZERO: Self = Self {
        mantissa: 0,
        scale: 0,
    };

    /// A whole number.
    #[inline]
    pub fn from_int(value: i128) -> Self {
        Self {
            mantissa: value,
            scale: 0,
        }
    }

    /// `mantissa / 10^scale`; `None` when `scale` exceeds [`MAX_SCALE`].
    pub fn new(mantissa: i128, scale: u8) -> Option<Self> {
        (scale <= MAX_SCALE).then_some(Self { mantissa, scale })
    }

    /// Decimal places as written (`5.0` has one).
    #[inline]
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// The digits as a whole number: the value is `mantissa / 10^scale`.
    #[inline]
    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    /// Whether both are the same number written the same way (`5` and `5.0` are not).
    #[inline]
    pub fn is_same_repr(self, other: Self) -> bool {
        self.mantissa == other.mantissa && self.scale == other.scale
    }

    /// Whether the number is below zero.
    #[inline]
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// Whether the number is zero.
    #[inline]
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// The value as a whole number, when it has no fractional part.
    pub fn to_int(self) -> Option<i128> {
        if self.scale == 0 {
            return Some(self.mantissa);
        }
        let factor = 10i128.checked_pow(u32::from(self.scale))?;
        (self.mantissa % factor == 0).then_some(self.mantissa / factor)
    }

    /// Exact sum; `None` on overflow.
    #[inline]
    pub fn checked_add(self, other: Self) -> Option<Self> {
        // Counts all have scale 0: the common case needs no rescaling, and is small enough
        // to be inlined into every total (the rescaling is out of line).
        if self.scale == other.scale {
            return Some(Self {
                mantissa: self.mantissa.checked_add(other.mantissa)?,
                scale: self.scale,
            });
        }
        self.checked_add_rescaled(other)
    }

    /// [`Decimal::checked_add`] of numbers with different scales.
    #[cold]
    #[inline(never)]
    fn checked_add_rescaled(self, other: Self) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        let a = self.rescaled(scale)?;
        let b = other.rescaled(scale)?;
        Some(Self {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// Exact difference; `None` on overflow.
    #[inline]
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.checked_add(Self {
            mantissa: other.mantissa.checked_neg()?,
            scale: other.scale,
        })
    }

    /// The absolute value; `None` on overflow.
    #[inline]
    pub fn checked_abs(self) -> Option<Self> {
        Some(Self {
            mantissa: self.mantissa.checked_abs()?,
            scale: self.scale,
        })
    }

    fn rescaled(self, scale: u8) -> Option<i128> {
        let factor = 10i128.checked_pow(u32::from(scale - self.scale))?;
        self.mantissa.checked_mul(factor)
    }
}

impl Decimal {
    /// The same number written the same way (「2」 and 「2.0」 are equal, not identical).
    #[inline]
    pub fn is_identical(&self, other: &Self) -> bool {
        self.mantissa == other.mantissa && self.scale == other.scale
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.scale == other.scale {
            return self.mantissa.cmp(&other.mantissa);
        }
        let scale = self.scale.max(other.scale);
        match (self.rescaled(scale), other.rescaled(scale)) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Rescaling overflows only for huge magnitudes: compare signs, then the magnitude
            // that did not overflow is the smaller one.
            (None, Some(_)) => {
                if self.mantissa < 0 {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (Some(_), None) => {
                if other.mantissa < 0 {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (None, None) => self.mantissa.cmp(&other.mantissa),
        }
    }
}

impl fmt::Display for Decimal {
    /// Plain digits as typed: `-8`, `52.15`, `0.50` (no thousands separators).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = usize::from(self.scale);
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

/// Why a typed value is not a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Occurs when the text contains a character that is not part of a number.
    NotANumber { found: char },
    /// Occurs when thousands separators are not between groups of three digits.
    BadGrouping,
    /// Occurs when there are more than [`MAX_SCALE`] decimal places.
    TooManyDecimals,
    /// Occurs when the number has more digits than any cell can hold.
    TooLarge,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber { found } => write!(f, "不是数字（含有「{found}」）"),
            Self::BadGrouping => f.write_str("千位分隔符的位置不对"),
            Self::TooManyDecimals => write!(f, "小数位数超过{MAX_SCALE}位"),
            Self::TooLarge => f.write_str("数值过大"),
        }
    }
}

/// Parses what a user typed into a number cell.
///
/// Returns `Ok(None)` for an empty cell (only spaces), which is never the same as 0.
/// Accepts ASCII and full-width digits, `,` `，` as thousands separators, `.` `．` as the
/// The value of an Arabic digit, half or full width (「５」 is 5): how every reader of
/// figures (numbers typed, prose, imported tables) reads digits.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A full-width digit as its ASCII digit; any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match digit_value(c) {
        Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
        _ => c,
    }
}

/// decimal point and a leading `+` `-` (ASCII, full-width or U+2212).
pub fn parse_number(text: &str) -> Result<Option<Decimal>, NumberError> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if trimmed.is_empty() {
        return Ok(None);
    }
    let mut chars = trimmed.chars().peekable();
    let mut negative = false;
    if let Some(&c) = chars.peek()
        && matches!(c, '-' | '－' | '−' | '+' | '＋')
    {
        negative = matches!(c, '-' | '－' | '−');
        chars.next();
    }
    let mut mantissa: i128 = 0;
    let mut scale: u8 = 0;
    let mut in_fraction = false;
    let mut n_digits = 0usize;
    // Digits since the last thousands separator, and whether one was seen.
    let mut group_len = 0usize;
    let mut grouped = false;
    for c in chars {
        let digit = digit_value(c);
        if let Some(d) = digit {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(d)))
                .ok_or(NumberError::TooLarge)?;
            n_digits += 1;
            if in_fraction {
                scale += 1;
                if scale > MAX_SCALE {
                    return Err(NumberError::TooManyDecimals);
                }
            } else {
                group_len += 1;
            }
            continue;
        }
        match c {
            ',' | '，' if !in_fraction => {
                if n_digits == 0 || (grouped && group_len != 3) || (!grouped && group_len > 3) {
                    return Err(NumberError::BadGrouping);
                }
                grouped = true;
                group_len = 0;
            }
            '.' | '．' if !in_fraction => {
                if grouped && group_len != 3 {
                    return Err(NumberError::BadGrouping);
                }
                in_fraction = true;
            }
            _ => return Err(NumberError::NotANumber { found: c }),
        }
    }
    if n_digits == 0 {
        let found = trimmed.chars().next().unwrap_or(' ');
        return Err(NumberError::NotANumber { found });
    }
    if !in_fraction && grouped && group_len != 3 {
        return Err(NumberError::BadGrouping);
    }
    if negative {
        mantissa = -mantissa;
    }
    Ok(Some(Decimal { mantissa, scale }))
}

/// What a cell may hold. Set per column in the template.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub enum Kind {
    /// A count of cases or documents: a whole number ≥ 0 (rule R6).
    #[default]
    Count,
    /// A signed whole number, e.g. the 2019 format's 本年增/减 (「减用负值表示」).
    Signed,
    /// An amount of money in the given unit, exact to [`MAX_SCALE`] decimal places, ≥ 0.
    Money {
        /// The unit printed in the header, e.g. 万元.
        unit: String,
    },
}

/// Why a number does not suit a cell's [`Kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindError {
    /// Occurs when a count or money cell holds a negative number.
    Negative,
    /// Occurs when a count cell holds a number with decimal places.
    NotWhole,
    /// Occurs when the number is beyond what the cell holds (u64 for counts).
    OutOfRange,
}

impl fmt::Display for KindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Negative => "不能为负数",
            Self::NotWhole => "应为整数，不能有小数",
            Self::OutOfRange => "超出可填写的范围",
        })
    }
}

impl Kind {
    /// Checks that `value` suits this kind of cell (rule R6).
    pub fn check(&self, value: Decimal) -> Result<(), KindError> {
        match self {
            Self::Count => {
                if value.is_negative() {
                    return Err(KindError::Negative);
                }
                if value.scale > 0 {
                    return Err(KindError::NotWhole);
                }
                u64::try_from(value.mantissa).map_err(|_err| KindError::OutOfRange)?;
            }
            Self::Signed => {
                if value.scale > 0 {
                    return Err(KindError::NotWhole);
                }
                i64::try_from(value.mantissa).map_err(|_err| KindError::OutOfRange)?;
            }
            Self::Money { .. } => {
                if value.is_negative() {
                    return Err(KindError::Negative);
                }
                // Amounts are bounded like counts, on their integer part.
                let factor = 10i128.pow(u32::from(value.scale));
                if u64::try_from(value.mantissa / factor).is_err() {
                    return Err(KindError::OutOfRange);
                }
            }
        }
        Ok(())
    }

    /// The unit to show beside a value, if any.
    pub fn unit(&self) -> Option<&str> {
        match self {
            Self::Money { unit } => Some(unit),
            Self::Count | Self::Signed => None,
        }
    }

    /// Whether values of this kind are whole numbers (JSON writes them as numbers).
    pub fn is_integer(&self) -> bool {
        matches!(self, Self::Count | Self::Signed)
    }
}

#[cfg(test)]
mod tests {
    use super::{Decimal, Kind, KindError, NumberError, parse_number};

    fn p(text: &str) -> String {
        match parse_number(text) {
            Ok(Some(d)) => d.to_string(),
            Ok(None) => "empty".to_owned(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn accepts_what_people_type() {
        assert_eq!(p("23"), "23");
        assert_eq!(p(" 23 "), "23");
        assert_eq!(p("２３"), "23", "full-width digits");
        assert_eq!(p("26,367"), "26367");
        assert_eq!(p("２６，３６７"), "26367", "full-width separator");
        assert_eq!(p("1,234,567.50"), "1234567.50");
        assert_eq!(p("52.15"), "52.15");
        assert_eq!(p("５２．１５"), "52.15");
        assert_eq!(p("-8"), "-8");
        assert_eq!(p("－8"), "-8");
        assert_eq!(p("+3"), "3");
        assert_eq!(p("0"), "0");
        assert_eq!(p("\u{3000}7\u{3000}"), "7", "ideographic spaces");
    }

    #[test]
    fn empty_is_not_zero() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("   "), Ok(None));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(p("abc"), "error: 不是数字（含有「a」）");
        assert_eq!(p("/"), "error: 不是数字（含有「/」）");
        assert_eq!(p("251000元"), "error: 不是数字（含有「元」）");
        assert_eq!(p("减4"), "error: 不是数字（含有「减」）");
        assert_eq!(p("-"), "error: 不是数字（含有「-」）");
        assert_eq!(p("1,23"), "error: 千位分隔符的位置不对");
        assert_eq!(p("1234,567"), "error: 千位分隔符的位置不对");
        assert_eq!(p("1.2.3"), "error: 不是数字（含有「.」）");
        assert_eq!(p("0.1234567"), "error: 小数位数超过6位");
        assert_eq!(
            parse_number("999999999999999999999999999999999999999999"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn sums_are_exact() {
        let a = parse_number("0.1").unwrap().unwrap();
        let b = parse_number("0.2").unwrap().unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "0.3");
        assert_eq!(
            Decimal::from_int(5),
            parse_number("5.00").unwrap().unwrap(),
            "equal values compare equal across scales"
        );
        assert!(
            Decimal::from_int(i128::MAX)
                .checked_add(Decimal::from_int(1))
                .is_none()
        );
    }

    #[test]
    fn kinds() {
        let n = |t: &str| parse_number(t).unwrap().unwrap();
        assert_eq!(Kind::Count.check(n("3")), Ok(()));
        assert_eq!(Kind::Count.check(n("-3")), Err(KindError::Negative));
        assert_eq!(Kind::Count.check(n("3.5")), Err(KindError::NotWhole));
        assert_eq!(Kind::Count.check(n("3.0")), Err(KindError::NotWhole));
        assert_eq!(
            Kind::Count.check(n("18446744073709551616")),
            Err(KindError::OutOfRange),
            "u64::MAX + 1"
        );
        assert_eq!(Kind::Count.check(n("18446744073709551615")), Ok(()));
        assert_eq!(Kind::Signed.check(n("-8")), Ok(()));
        let money = Kind::Money {
            unit: "万元".to_owned(),
        };
        assert_eq!(money.check(n("52.15")), Ok(()));
        assert_eq!(money.check(n("-1")), Err(KindError::Negative));
        assert_eq!(
            money.check(n("99999999999999999999999.5")),
            Err(KindError::OutOfRange)
        );
    }
}
