//! Percentages quoted in prose (「占…4.35%」) and how they compare with a share of the
//! tables' figures, in exact arithmetic: a printed percentage matches when it is the share
//! rounded or cut at its printed precision.

use crate::number::Decimal;

/// 「占…X%」 or 「占比X%」 right after a figure, as a percentage printed to so many decimals.
/// `piece` is the rest of the figure's clause, or the next clause when that is empty
/// (「3件，占…」).
pub(super) fn percent_after(piece: &str) -> Option<Percent> {
    let at = piece.find('占')?;
    if piece[..at].chars().count() > 2 {
        return None;
    }
    let rest = &piece[at..];
    let rest = &rest[..rest.char_indices().nth(16).map_or(rest.len(), |(i, _)| i)];
    let pct = rest.find(['%', '％'])?;
    let start = rest[..pct]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()?
        .0;
    let digits = &rest[start..pct];
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let decimals = u32::try_from(fraction.len()).ok().filter(|&d| d <= 6)?;
    let hundredths: i128 = format!("{whole}{fraction}").parse().ok()?;
    Some(Percent {
        scaled: hundredths,
        decimals,
    })
}

/// A percentage as printed: `scaled` ÷ 10^`decimals` (5.1% is 51 and 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Percent {
    pub(super) scaled: i128,
    pub(super) decimals: u32,
}

impl Percent {
    /// Whether `part` of `whole` is this percentage rounded or cut at its printed
    /// precision (35 of 805 = 4.348% may be printed 4.35% or 4.34%), in exact arithmetic:
    /// with n = part·100·10^d and w = whole, rounded is |n − p·w| ≤ w/2 and cut is
    /// p·w ≤ n < (p+1)·w. Figures too large to compare are taken as matching.
    pub(super) fn matches(self, part: Decimal, whole: Decimal) -> bool {
        let Some((n, w)) = ratio(part, whole, self.decimals) else {
            return true;
        };
        let Some(pw) = self.scaled.checked_mul(w) else {
            return true;
        };
        let rounded = (n - pw)
            .checked_abs()
            .and_then(|d| d.checked_mul(2))
            .is_some_and(|d| d <= w);
        let cut = pw <= n && n - pw < w;
        rounded || cut
    }

    pub(super) fn show(self) -> String {
        fixed(self.scaled, self.decimals)
    }
}

/// part·100·10^decimals and whole as integers of the same scale, whole > 0.
pub(super) fn ratio(part: Decimal, whole: Decimal, decimals: u32) -> Option<(i128, i128)> {
    let scale = u32::from(part.scale().max(whole.scale()));
    let at_scale = |d: Decimal| {
        d.mantissa()
            .checked_mul(10_i128.checked_pow(scale - u32::from(d.scale()))?)
    };
    let n = at_scale(part)?
        .checked_mul(100)?
        .checked_mul(10_i128.checked_pow(decimals)?)?;
    let w = at_scale(whole)?;
    (w > 0).then_some((n, w))
}

/// part of whole as a percentage rounded half up to `decimals` places (「4.35」).
pub(super) fn percent_of(part: Decimal, whole: Decimal, decimals: u32) -> Option<String> {
    let (n, w) = ratio(part, whole, decimals)?;
    let rounded = n
        .checked_mul(2)?
        .checked_add(w)?
        .checked_div(w.checked_mul(2)?)?;
    Some(fixed(rounded, decimals))
}

/// `scaled` ÷ 10^`decimals`, written with that many decimals.
pub(super) fn fixed(scaled: i128, decimals: u32) -> String {
    let digits = format!(
        "{:0>width$}",
        scaled.unsigned_abs(),
        width = decimals as usize + 1
    );
    let (whole, fraction) = digits.split_at(digits.len() - decimals as usize);
    let sign = if scaled < 0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_and_compared_exactly() {
        let pct = |scaled, decimals| Some(Percent { scaled, decimals });
        assert_eq!(percent_after("占已答复件数的5.1%"), pct(51, 1));
        assert_eq!(percent_after("占比61%"), pct(61, 0));
        // 35 of 805 is 4.3478…%: printed rounded or cut, never otherwise.
        let (part, whole) = (Decimal::from_int(35), Decimal::from_int(805));
        assert!(
            Percent {
                scaled: 435,
                decimals: 2
            }
            .matches(part, whole)
        );
        assert!(
            Percent {
                scaled: 434,
                decimals: 2
            }
            .matches(part, whole)
        );
        assert!(
            !Percent {
                scaled: 436,
                decimals: 2
            }
            .matches(part, whole)
        );
        assert!(
            Percent {
                scaled: 4,
                decimals: 0
            }
            .matches(part, whole)
        );
        assert_eq!(percent_of(part, whole, 2).as_deref(), Some("4.35"));
        assert_eq!(
            percent_of(Decimal::from_int(1), Decimal::from_int(3), 0).as_deref(),
            Some("33")
        );
        assert_eq!(fixed(5, 2), "0.05");
        assert_eq!(percent_after("同比增长5%"), None);
    }
}
