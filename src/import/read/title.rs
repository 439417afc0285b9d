//! The report's title: its agency and year, in the forms real reports print it.

use std::ops::Range;

use super::super::hanzi;
use super::super::source::Line;
use crate::meta::DEPARTMENT_ENDS;
use crate::text::compact;

/// The report's title: the lines it takes and what it says.
pub(super) struct Title {
    pub(super) agency: String,
    pub(super) year: u16,
    /// Where it was read, for the import report (「标题「…」及其下一行「…」」).
    pub(super) text: String,
    /// The lines it takes when it stands on lines of its own; empty inside a sentence.
    pub(super) lines: Range<usize>,
}

/// Endings of an agency's name besides a department's ([`DEPARTMENT_ENDS`]), to tell a
/// name on the line after the title from a sentence.
const AGENCY_ENDS: [&str; 14] = [
    "政府",
    "办事处",
    "部",
    "院",
    "所",
    "站",
    "馆",
    "处",
    "队",
    "会",
    "街道",
    "镇",
    "乡",
    "公署",
];

/// The title in its forms: 「2024年XX局政府信息公开工作年度报告」, 「XX局2024年…」,
/// 「2024 年…」 with spaces, 「XX关于2022年…的年度报告」, over two lines, with the agency on
/// the line after it, or in the preamble's sentence (「现公布XX2024年…」).
pub(super) fn find_title(lines: &[Line]) -> Option<Title> {
    let head: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .take(40)
        // Only lines that may hold or continue a title are looked at closely.
        .filter(|(_, l)| {
            !l.is_row()
                && !l.text.is_empty()
                && (l.text.len() <= 60 * 3 || l.text.contains(['报', '報']))
        })
        // A title in Traditional characters (a mirror site's copy) is read in Simplified.
        .map(|(i, l)| (i, compact(&hanzi::to_simplified(&l.text))))
        .collect();
    // Every line that holds a title; the first that names its agency wins, then the first
    // on a line of its own, then one inside a sentence (the preamble's 「现公布…」).
    let mut candidates: Vec<Title> = (0..head.len())
        .filter_map(|k| title_at(lines, &head, k))
        .collect();
    let own = |t: &&Title| !t.lines.is_empty();
    let pick = candidates
        .iter()
        .position(|t| own(&t) && !t.agency.is_empty())
        .or_else(|| candidates.iter().position(|t| own(&t)))
        .or_else(|| (!candidates.is_empty()).then_some(0))?;
    let mut title = candidates.swap_remove(pick);
    if title.agency.is_empty()
        && let Some(named) = candidates.iter().find(|t| !t.agency.is_empty())
    {
        title.agency.clone_from(&named.agency);
    }
    Some(title)
}

/// The title that line `k` of `head` (the compacted lines that may hold one, with their
/// index in `lines`) holds, alone or with the next line; its agency, when it names none, from
/// a line of its own just before or after it.
fn title_at(lines: &[Line], head: &[(usize, String)], k: usize) -> Option<Title> {
    let (i, line) = &head[k];
    // A title may run over two lines: the line alone, else with the next.
    let mut found = parse_title(line).map(|t| (t, *i));
    if found.is_none()
        && let Some((j, next)) = head.get(k + 1)
        && parse_title(next).is_none()
    {
        found = parse_title(&format!("{line}{next}")).map(|t| (t, *j));
    }
    let ((mut agency, year, text), last) = found?;
    // A title inside a sentence or a page's caption (「…年度报告_XX人民政府」) is not a
    // line of its own.
    let is_own_line = compact(&lines[last].text).chars().count() <= text.chars().count() + 2;
    let (mut start, mut end) = (*i, last + 1);
    let mut from = format!("标题「{text}」");
    if agency.is_empty() && is_own_line {
        // The agency on a line of its own, before the title or after it.
        if let Some((j, before)) = k.checked_sub(1).and_then(|b| head.get(b))
            && is_agency_name(before)
        {
            agency.clone_from(before);
            start = *j;
            from = format!("标题「{text}」及其上一行「{before}」");
        } else if let Some((j, after)) = head.iter().find(|(j, _)| *j > last)
            && is_agency_name(after)
        {
            agency.clone_from(after);
            end = j + 1;
            from = format!("标题「{text}」及其下一行「{after}」");
        }
    }
    Some(Title {
        agency,
        year,
        text: from,
        lines: if is_own_line { start..end } else { 0..0 },
    })
}

/// A compacted line that is an agency's name alone: short, with an agency's ending, not a
/// web page's caption.
pub(super) fn is_agency_name(line: &str) -> bool {
    line.chars().count() <= 30
        && AGENCY_ENDS
            .iter()
            .chain(&DEPARTMENT_ENDS)
            .any(|e| line.ends_with(e))
        && !line.contains([
            '网', '页', '：', ':', '、', '，', ',', '《', '》', '“', '。',
        ])
}

/// The agency, year and title text of a line (whitespace removed) that holds the title.
pub(super) fn parse_title(text: &str) -> Option<(String, u16, String)> {
    ["年度报告", "信息公开年报", "工作年报"]
        .iter()
        .find_map(|end| {
            text.match_indices(end)
                .find_map(|(at, marker)| title_ending_at(text, at + marker.len()))
        })
}

/// The title that ends at `end` (after 「年度报告」 or 「年报」), when a year precedes its
/// subject.
fn title_ending_at(text: &str, end: usize) -> Option<(String, u16, String)> {
    let before = &text[..end];
    let open = before.rfind("信息公开")?;
    // The year: the last 「YYYY年」 before 「信息公开」.
    let (at, year) = before[..open].rmatch_indices('年').find_map(|(at, _)| {
        let digits = before.get(at.checked_sub(4)?..at)?;
        let year: u16 = digits.parse().ok()?;
        (2000..=2100).contains(&year).then_some((at - 4, year))
    })?;
    // Text before the year: 「…现公布XX2024年…」 (the agency follows 公布); a breadcrumb, a
    // date or another sentence ends at punctuation.
    let mut prefix = &before[..at];
    // Inside 《》 the title is a title only when the 》 closes right after it (「现发布《XX镇
    // 2022年…年度报告》」), not a document's name that goes on (「《关于做好2022年度…年度
    // 报告编制公布工作的通知》」); its agency starts after the 《.
    if prefix.matches('《').count() > prefix.matches('》').count() {
        if !text[end..].starts_with('》') {
            return None;
        }
        prefix = prefix.rsplit_once('《').map_or(prefix, |(_, after)| after);
    }
    // 「现将XX局2024年…」「特发布XX县2024年…」: the agency follows the words leading in.
    for lead_in in ["公布", "发布", "现将", "特将", "编制", "下面是", "以下是"] {
        if let Some((_, after)) = prefix.rsplit_once(lead_in) {
            prefix = after;
        }
    }
    let prefix = prefix
        .rsplit([
            '。', '，', ',', '>', '》', '：', ':', '|', '、', '】', '）', ')', '-', '—',
        ])
        .next()
        .unwrap_or(prefix);
    let title_start = at - prefix.len();
    let mut agency = prefix.strip_suffix("关于").unwrap_or(prefix).to_owned();
    // 「本局」「我委」「本机关」 name no one: the user is asked.
    if (agency.starts_with('本') || agency.starts_with('我')) && agency.chars().count() <= 4 {
        agency.clear();
    }
    if agency.is_empty() {
        // 「2024年XX局政府信息公开…」: the agency stands between the year and the subject.
        let after_year = &before[at + "2024年".len()..open];
        let after_year = after_year.strip_prefix('度').unwrap_or(after_year);
        let name = match after_year.strip_suffix("政府") {
            // 「XX县人民政府信息公开」: 政府 belongs to the name.
            Some(name) if name.ends_with("人民") => after_year,
            Some(name) => name,
            None => after_year,
        };
        agency = name.to_owned();
    }
    Some((agency, year, text[title_start..end].to_owned()))
}

/// The year most often written as 「YYYY年」.
pub(super) fn most_common_year(text: &str) -> Option<u16> {
    let text = compact(text);
    let mut counts: Vec<(u16, usize)> = Vec::new();
    for (at, _) in text.match_indices('年') {
        let Some(digits) = at.checked_sub(4).and_then(|from| text.get(from..at)) else {
            continue;
        };
        let Ok(year) = digits.parse::<u16>() else {
            continue;
        };
        if !(2019..=2100).contains(&year) {
            continue;
        }
        match counts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => counts.push((year, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_their_forms() {
        let cases = [
            (
                "2024年深圳市罗湖区人民政府政府信息公开工作年度报告",
                ("深圳市罗湖区人民政府", 2024),
            ),
            (
                "深圳市罗湖区人民政府2024年政府信息公开工作年度报告",
                ("深圳市罗湖区人民政府", 2024),
            ),
            ("2024 年政府信息公开工作年度报告", ("", 2024)),
            (
                "某某县财政局关于2022年政府信息公开工作的年度报告",
                ("某某县财政局", 2022),
            ),
            ("某某县2023年度政府信息公开工作年度报告", ("某某县", 2023)),
        ];
        for (text, (agency, year)) in cases {
            let (a, y, _) = parse_title(&compact(text)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((a.as_str(), y), (agency, year), "{text}");
        }
        assert!(parse_title("首页>政务公开>年度报告").is_none());
        // A title inside a sentence: the agency never takes the sentence's words.
        for (text, agency) in [
            (
                "根据要求，现将本局2024年政府信息公开工作年度报告公布如下。",
                "",
            ),
            (
                "按照条例规定特发布青川县2024年政府信息公开工作年度报告",
                "青川县",
            ),
            (
                "现将青川县财政局2024年政府信息公开工作年度报告予以公布",
                "青川县财政局",
            ),
            ("下面是清河镇2024年政府信息公开工作年度报告", "清河镇"),
            ("我局2024年政府信息公开工作年度报告如下", ""),
            (
                "根据条例，特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告",
                "湛江市人民政府地方志办公室",
            ),
            ("根据条例要求，编制我单位2021年政府信息公开工作年度报告", ""),
            (
                "现发布《临洮县新添镇2022年政府信息公开工作年度报告》",
                "临洮县新添镇",
            ),
        ] {
            let (a, _, _) = parse_title(&compact(text)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(a, agency, "{text}");
        }
        // A document's name that holds the words of a title is no title.
        let citation = "按照镇安县人民政府办公室《关于做好2022年度政府信息公开年度报告编制公布工作的通知》要求";
        assert_eq!(parse_title(&compact(citation)), None);
    }
}
