//! Flattened rows: a row whose cells a copy ran together with no separator
//! (「一、本年新收政府信息公开申请数量421000043」 is 42|1|0|0|0|0|43). The digits are split
//! only where the row's own arithmetic leaves one way: the template's totals within the row
//! (the applicants add up to 总计; table 四's four results to each 总计). A row without such
//! a total is read only when its digits leave one split (as many digits as cells). Never a
//! guess: with no split or several, the row is refused and the candidates are listed.

use crate::number::{Decimal, ascii_digit, digit_value, parse_number};
use crate::template::{Block, Template};

/// A total within a row: the cell at `total` is the sum of the cells at `terms` (columns of
/// the block).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct RowSum {
    pub(super) total: usize,
    pub(super) terms: Vec<usize>,
}

/// The sums that hold within data row `row` of `block`: its computed cells whose terms all
/// stand in the same row.
pub(super) fn row_sums(template: &Template, block: &Block, row: usize) -> Vec<RowSum> {
    (0..block.columns.len())
        .filter_map(|col| {
            let cell = &template.cells[block.cell(row, col)?];
            let formula = cell.formula.as_ref()?;
            let terms: Option<Vec<usize>> = formula
                .terms
                .iter()
                .map(|&t| {
                    let term = &template.cells[t];
                    (term.table == cell.table && term.block == cell.block && term.row == row)
                        .then_some(term.col)
                })
                .collect();
            Some(RowSum {
                total: col,
                terms: terms?,
            })
        })
        .collect()
}

/// What the split of a row's digits came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Split {
    /// Exactly one way: the values, in column order.
    One(Vec<String>),
    /// No way, or several (the first few listed), or too many to try.
    Refused(String),
}

/// How many candidate splits a refusal lists.
const MAX_LISTED: usize = 6;
/// Steps of the search before it gives up (a row of 15 cells with long figures).
const MAX_STEPS: usize = 200_000;
/// Digits a figure of a flattened row may have.
const MAX_FIGURE_LEN: usize = 9;

/// Splits `digits` into `n` figures so that every sum in `sums` holds.
pub(super) fn split(digits: &str, n: usize, sums: &[RowSum]) -> Split {
    let mut search = Search {
        digits,
        n,
        sums,
        parts: Vec::with_capacity(n),
        found: Vec::new(),
        n_found: 0,
        steps: 0,
    };
    search.from(0);
    if search.steps > MAX_STEPS {
        return Split::Refused(format!(
            "数字连排（{digits}），可能的拆分过多，无法确定各数值，未读入"
        ));
    }
    let check = if sums.is_empty() {
        "按位数".to_owned()
    } else {
        "按本行合计".to_owned()
    };
    match search.n_found {
        1 => Split::One(search.found.swap_remove(0)),
        0 => Split::Refused(format!(
            "数字连排（{digits}），{check}无法拆分为{n}个数值，未读入"
        )),
        k => {
            let listed: Vec<String> = search.found.iter().map(|s| s.join("|")).collect();
            let more = if k > listed.len() { "等" } else { "" };
            Split::Refused(format!(
                "数字连排（{digits}），{check}有{k}种拆分：{}{more}，无法确定，未读入",
                listed.join("；")
            ))
        }
    }
}

struct Search<'a> {
    digits: &'a str,
    n: usize,
    sums: &'a [RowSum],
    parts: Vec<&'a str>,
    found: Vec<Vec<String>>,
    n_found: usize,
    steps: usize,
}

impl<'a> Search<'a> {
    /// Every split of `digits[at..]` into the figures still missing.
    fn from(&mut self, at: usize) {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return;
        }
        let rest = &self.digits[at..];
        if self.parts.len() == self.n {
            if rest.is_empty() {
                self.n_found += 1;
                if self.found.len() < MAX_LISTED {
                    self.found
                        .push(self.parts.iter().map(|p| (*p).to_owned()).collect());
                }
            }
            return;
        }
        let still = self.n - self.parts.len();
        let longest = rest.len().saturating_sub(still - 1).min(MAX_FIGURE_LEN);
        for len in 1..=longest {
            let part = &rest[..len];
            if !is_figure(part) {
                // A figure with a leading zero only grows worse.
                if part.starts_with('0') && !part.starts_with("0.") {
                    break;
                }
                continue;
            }
            self.parts.push(part);
            if self.holds() {
                self.from(at + len);
            }
            self.parts.pop();
        }
    }

    /// Whether every sum whose cells are all split so far holds.
    fn holds(&self) -> bool {
        let known = self.parts.len();
        self.sums.iter().all(|sum| {
            if sum.total >= known || sum.terms.iter().any(|&t| t >= known) {
                return true;
            }
            let value = |i: usize| parse_number(self.parts[i]).ok().flatten();
            let total = sum
                .terms
                .iter()
                .try_fold(Decimal::from_int(0), |acc, &t| acc.checked_add(value(t)?));
            total.is_some() && total == value(sum.total)
        })
    }
}

/// A figure as printed: no leading zero (but 0 itself), a point only between digits.
fn is_figure(part: &str) -> bool {
    let (int, frac) = part.split_once('.').unwrap_or((part, ""));
    let int_ok = int == "0" || (!int.is_empty() && !int.starts_with('0'));
    let frac_ok = !part.contains('.') || !frac.is_empty();
    int_ok && frac_ok && part.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The digits a flattened cell ends with: the trailing run of figures (ASCII or full-width
/// digits and points), in ASCII, with where the text before it ends; none when the text
/// holds nothing else or no digit.
pub(super) fn trailing_digits(text: &str) -> Option<(&str, String)> {
    let text = text.trim_end();
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| digit_value(*c).is_some() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let (label, digits) = text.split_at(start);
    let digits: String = digits.chars().map(ascii_digit).collect();
    let digits = digits.trim_start_matches('.').to_owned();
    (!label.trim().is_empty() && digits.chars().any(|c| c.is_ascii_digit()))
        .then_some((label, digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applicants() -> Vec<RowSum> {
        vec![RowSum {
            total: 6,
            terms: (0..6).collect(),
        }]
    }

    #[test]
    fn a_row_splits_by_its_total() {
        assert_eq!(
            split("421000043", 7, &applicants()),
            Split::One(
                vec!["42", "1", "0", "0", "0", "0", "43"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        let Split::Refused(why) = split("112000013", 7, &applicants()) else {
            panic!("two splits add up");
        };
        assert!(why.contains("2种拆分"), "{why}");
        assert!(
            why.contains("1|12|0|0|0|0|13") && why.contains("11|2|0|0|0|0|13"),
            "{why}"
        );
        let Split::Refused(why) = split("1234567", 7, &applicants()) else {
            panic!("no split adds up");
        };
        assert!(why.contains("无法拆分"), "{why}");
    }

    #[test]
    fn without_a_total_only_the_digit_count_decides() {
        assert!(matches!(split("128", 3, &[]), Split::One(v) if v == ["1", "2", "8"]));
        assert!(matches!(split("26367", 1, &[]), Split::One(v) if v == ["26367"]));
        assert!(matches!(split("12.5", 1, &[]), Split::One(v) if v == ["12.5"]));
        let Split::Refused(why) = split("5348", 3, &[]) else {
            panic!("three ways");
        };
        assert!(why.contains("3种拆分"), "{why}");
    }

    #[test]
    fn table_four_splits_by_each_group() {
        let groups: Vec<RowSum> = (0..3)
            .map(|g| RowSum {
                total: g * 5 + 4,
                terms: (g * 5..g * 5 + 4).collect(),
            })
            .collect();
        assert!(matches!(
            split("100230000001001", 15, &groups),
            Split::One(v) if v.join("|") == "1|0|0|2|3|0|0|0|0|0|0|1|0|0|1"
        ));
    }

    #[test]
    fn trailing_digits_of_a_cell() {
        assert_eq!(
            trailing_digits("一、本年新收政府信息公开申请数量421000043"),
            Some(("一、本年新收政府信息公开申请数量", "421000043".to_owned()))
        );
        assert_eq!(
            trailing_digits("行政事业性收费１２.５"),
            Some(("行政事业性收费", "12.5".to_owned()))
        );
        assert_eq!(trailing_digits("421000043"), None);
        assert_eq!(trailing_digits("规章"), None);
    }
}
