//! The template reads a report: metadata from the title, the six sections by their
//! headings (with damaged numbering such as 「1、 总体情况」, or by the table itself when a
//! table has no heading), each table row by its label and the narrative split into the
//! template's parts by its sub-headings.
//!
//! A row's values are placed by column, never by guesswork: in a table row (Word, web page,
//! PDF) by the column its header names; in text, by the fields of the row when they are
//! separated by tabs or 「|」 (empty fields kept), or by the values that follow the label.
//! A row whose values cannot be placed is reported and left unread.

use std::ops::Range;

use super::source::{Layout, Line, Source};
use super::{CellRead, ImportReport, Imported, NotRead, hanzi};
use crate::date::Date;
use crate::draft::{CellEntry, Draft, Level, Meta};
use crate::engine;
use crate::export::Report;
use crate::number::parse_number;
use crate::template::{self, Block, Template};
use crate::text::compact;

/// What reports print in a cell that has nothing to count.
const NONE_MARKS: [&str; 9] = ["/", "／", "-", "—", "－", "无", "——", "--", "－－"];

/// Reads a report from its lines.
pub(crate) fn read(source: &Source) -> Imported {
    let lines = &source.lines;
    let mut report = ImportReport {
        interpreted: source.notes.clone(),
        ..ImportReport::default()
    };
    let title = find_title(lines);
    let year = report_year(lines, title.as_ref(), &mut report);
    let agency = title.as_ref().map(|t| t.agency.clone()).unwrap_or_default();
    if agency.is_empty() {
        report
            .missing
            .push("未找到机关全称，请在基本信息中填写".to_owned());
    }
    let level = report_level(&agency, &mut report);
    let Some(template) = choose_template(lines, year, &mut report) else {
        return Imported {
            draft: Draft::default(),
            report,
        };
    };
    let mut draft = Draft::new(
        &template,
        Meta {
            agency,
            year,
            level,
            ..Meta::default()
        },
    );
    let starts = section_starts(&template, lines, &mut report);
    let first = starts
        .iter()
        .flatten()
        .map(Start::first)
        .min()
        .unwrap_or(lines.len());
    let title_lines = title.as_ref().map_or(0..0, |t| t.lines.clone());
    preamble(&template, &lines[..first], &title_lines, &mut draft);
    read_sections(&template, source, &starts, &mut draft, &mut report);
    Imported { draft, report }
}

/// The report's year: the title's, else the year the text names most often (2024 when it
/// names none), noted either way.
fn report_year(lines: &[Line], title: Option<&Title>, report: &mut ImportReport) -> u16 {
    if let Some(t) = title {
        report
            .meta
            .push(format!("报告年度{}年、机关全称取自{}", t.year, t.text));
        return t.year;
    }
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let guess = most_common_year(&all).unwrap_or(2024);
    report.missing.push(format!(
        "未找到报告标题，报告年度按正文推断为{guess}年，请核对"
    ));
    guess
}

/// The agency's level as its name suggests, noted for the user to check (or to choose,
/// when the name does not say).
fn report_level(agency: &str, report: &mut ImportReport) -> Option<Level> {
    let level = infer_level(agency);
    match level {
        Some((level, why)) => report.meta.push(format!(
            "机关层级按机关名称推断为「{}」（{why}），请在基本信息中核对",
            level.label()
        )),
        None if !agency.is_empty() => report.meta.push(format!(
            "未能从机关名称「{agency}」推断机关层级，请在基本信息中选择（否则不检查规章的填报）"
        )),
        None => {}
    }
    level.map(|(l, _)| l)
}

/// The format to read the report with: the one its tables are printed in, else the year's,
/// else the first embedded one. A note when the printed format is not the year's.
fn choose_template(lines: &[Line], year: u16, report: &mut ImportReport) -> Option<Template> {
    let printed = printed_template(lines);
    let is_printed = printed.is_some();
    let template = printed
        .or_else(|| template::for_year(year))
        .or_else(|| template::builtin().first().cloned())?;
    if is_printed && template::for_year(year).is_some_and(|t| t.id != template.id) {
        report.interpreted.push(format!(
            "表格按《{}》印制，而{year}年度报告应使用另一格式，已按表格所用的格式读取",
            template.name
        ));
    }
    Some(template)
}

/// Reads each section found: its table and its narrative (the last section without the
/// signature). A section not found is reported, and its table's cells as not read.
fn read_sections(
    template: &Template,
    source: &Source,
    starts: &[Option<Start>],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    for (i, section) in template.sections.iter().enumerate() {
        if starts[i].is_none() {
            report
                .missing
                .push(format!("未找到「{}」", section.heading()));
            if let Some(t) = section.table {
                not_read_table(template, t, "未找到此部分", report);
            }
            continue;
        }
        let mut body = section_lines(&source.lines, starts, i);
        if i + 1 == template.sections.len() {
            body = without_signature(body, draft);
        }
        if let Some(table_idx) = section.table {
            read_table(template, table_idx, body, draft, report);
        }
        narrative(template, i, body, source.is_structured, draft);
    }
}

/// The lines of section `i` after its heading, up to the next section found.
fn section_lines<'a>(lines: &'a [Line], starts: &[Option<Start>], i: usize) -> &'a [Line] {
    let Some(start) = &starts[i] else {
        return &[];
    };
    let end = starts[i + 1..]
        .iter()
        .flatten()
        .map(Start::first)
        .min()
        .unwrap_or(lines.len());
    &lines[start.body..end.max(start.body)]
}

/// The report's title: the lines it takes and what it says.
struct Title {
    agency: String,
    year: u16,
    /// Where it was read, for the import report (「标题「…」及其下一行「…」」).
    text: String,
    /// The lines it takes when it stands on lines of its own; empty inside a sentence.
    lines: Range<usize>,
}

/// Endings of an agency's name, to tell a name on the line after the title from a sentence.
const AGENCY_ENDS: [&str; 22] = [
    "政府",
    "办事处",
    "局",
    "委员会",
    "委",
    "办公室",
    "办",
    "厅",
    "署",
    "部",
    "院",
    "中心",
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
fn find_title(lines: &[Line]) -> Option<Title> {
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
fn is_agency_name(line: &str) -> bool {
    line.chars().count() <= 30
        && AGENCY_ENDS.iter().any(|e| line.ends_with(e))
        && !line.contains(['网', '页', '：', ':'])
}

/// A line of a web page's frame or of a document's index block, not of the report:
/// breadcrumbs, publication info, font-size buttons, the site's footer.
fn is_page_chrome(line: &str) -> bool {
    const MARKS: [&str; 24] = [
        "当前位置",
        "您现在的位置",
        "您的位置",
        "字号",
        "【打印】",
        "打印本页",
        "关闭窗口",
        "【关闭",
        "无障碍",
        "长者版",
        "发布时间",
        "浏览次数",
        "分享到",
        "主办：",
        "承办：",
        "网站标识码",
        "ICP备",
        "公网安备",
        "索引号",
        "主题分类",
        "发文字号",
        "成文日期",
        "发文机关",
        "访问量",
    ];
    let l = compact(line);
    MARKS.iter().any(|m| l.contains(&compact(m)))
        || (l.chars().count() <= 24
            && (l.ends_with("年报") || l.contains("联系电话"))
            && !l.contains('。'))
}

/// The agency, year and title text of a line (whitespace removed) that holds the title.
fn parse_title(text: &str) -> Option<(String, u16, String)> {
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
    if let Some((_, after)) = prefix.rsplit_once("公布") {
        prefix = after;
    }
    let prefix = prefix
        .rsplit([
            '。', '，', ',', '>', '》', '：', ':', '|', '、', '】', '）', ')', '-', '—',
        ])
        .next()
        .unwrap_or(prefix);
    let title_start = at - prefix.len();
    let mut agency = prefix.strip_suffix("关于").unwrap_or(prefix).to_owned();
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

/// 机关层级 from the agency's name, with the reason.
fn infer_level(agency: &str) -> Option<(Level, &'static str)> {
    let a = agency;
    if a.is_empty() {
        return None;
    }
    let ends = |s: &str| a.ends_with(s);
    let township = ["街道办事处", "镇人民政府", "乡人民政府", "街道", "镇", "乡"];
    if township.iter().any(|e| ends(e)) {
        return Some((Level::TownshipGov, "名称为乡镇人民政府或街道办事处"));
    }
    if ends("人民政府") {
        let place = &a[..a.len() - "人民政府".len()];
        if place.ends_with('省')
            || place.ends_with("自治区")
            || ["北京市", "天津市", "上海市", "重庆市"].contains(&place)
        {
            return Some((Level::ProvincialGov, "名称为省、自治区、直辖市人民政府"));
        }
        if place.ends_with('县') || place.ends_with('区') || place.ends_with('旗') {
            return Some((Level::CountyGov, "名称为区、县人民政府"));
        }
        if place.ends_with("自治州") || place.ends_with('盟') {
            return Some((Level::MunicipalGov, "名称为自治州、盟人民政府"));
        }
        if place.ends_with('市') {
            return Some((
                Level::MunicipalGov,
                "名称为市人民政府；如为县级市，请改为县级人民政府",
            ));
        }
        return None;
    }
    if ends("行政公署") {
        return Some((Level::MunicipalGov, "名称为行政公署"));
    }
    let is_central = !["省", "市", "县", "区", "州", "盟", "旗", "镇", "乡"]
        .iter()
        .any(|p| a.contains(p))
        && (a.starts_with("国家")
            || a.starts_with("中国")
            || a.starts_with("国务院")
            || ends("部"));
    if is_central {
        return Some((Level::StateCouncilDept, "名称为国务院部门"));
    }
    let dept_ends = [
        "局",
        "委员会",
        "委",
        "办公室",
        "办",
        "厅",
        "署",
        "中心",
        "管理处",
    ];
    if dept_ends.iter().any(|e| ends(e)) {
        return Some((Level::GovDept, "名称为政府工作部门（局、委、办、厅）"));
    }
    None
}

/// The year most often written as 「YYYY年」.
fn most_common_year(text: &str) -> Option<u16> {
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

/// The format a report's tables are printed in, when they say: the embedded template with
/// column labels that only it has (2019 试行: 「本年新制作数量」) found in the report.
fn printed_template(lines: &[Line]) -> Option<Template> {
    // Each embedded template with the column labels no other one has (made once).
    static OWN_LABELS: std::sync::OnceLock<Vec<(Template, Vec<String>)>> =
        std::sync::OnceLock::new();
    let own_labels = OWN_LABELS.get_or_init(|| {
        let all = template::builtin();
        let labels = |t: &Template| -> Vec<String> {
            t.tables
                .iter()
                .flat_map(|table| &table.blocks)
                .flat_map(|b| &b.columns)
                .map(|c| skeleton(&c.label))
                .filter(|l| l.chars().count() >= 4)
                .collect()
        };
        all.iter()
            .map(|t| {
                let others: Vec<String> = all
                    .iter()
                    .filter(|o| o.id != t.id)
                    .flat_map(labels)
                    .collect();
                let mut own: Vec<String> = labels(t)
                    .into_iter()
                    .filter(|l| !others.contains(l))
                    .collect();
                own.sort();
                own.dedup();
                (t.clone(), own)
            })
            .collect()
    });
    let mut found = vec![0_usize; own_labels.len()];
    // Column headers are short: cells and lines of up to 60 characters.
    for text in lines
        .iter()
        .flat_map(|l| l.cells.iter().chain(std::iter::once(&l.text)))
        .filter(|t| !t.is_empty() && t.len() <= 60 * 3)
    {
        let key = skeleton(text);
        for (n, (_, own)) in found.iter_mut().zip(own_labels) {
            *n += own.iter().filter(|l| key.starts_with(l.as_str())).count();
        }
    }
    let (best, n) = found
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))?;
    (*n > 0).then(|| own_labels[best].0.clone())
}

/// Where a section starts: its heading line, if it has one, and its first line.
#[derive(Clone, Copy, Debug)]
struct Start {
    heading: Option<usize>,
    body: usize,
}

impl Start {
    fn first(&self) -> usize {
        self.heading.unwrap_or(self.body)
    }
}

/// Where each of the six sections starts: its number and words (「1、 总体情况」, 「（四）…」,
/// 「、主动公开…」 with the numeral lost), its exact title (headings numbered by Word
/// itself), or, for a table with no heading, where the table begins.
fn section_starts(
    template: &Template,
    lines: &[Line],
    report: &mut ImportReport,
) -> Vec<Option<Start>> {
    let mut starts = headed_starts(template, lines);
    tables_without_heading(template, lines, &mut starts, report);
    starts
}

/// Where each section's heading stands, looked for in order, each after the one before.
fn headed_starts(template: &Template, lines: &[Line]) -> Vec<Option<Start>> {
    const WORDS: [&[&str]; 6] = [
        &["总体情况"],
        &["主动公开"],
        &["收到和处理", "依申请"],
        &["行政复议", "行政诉讼"],
        &["问题"],
        &["其他"],
    ];
    let numbers = [
        ('一', '1'),
        ('二', '2'),
        ('三', '3'),
        ('四', '4'),
        ('五', '5'),
        ('六', '6'),
    ];
    let mut starts: Vec<Option<Start>> = vec![None; template.sections.len()];
    let mut from = 0;
    for (i, (&number, words)) in numbers.iter().zip(WORDS).enumerate() {
        let Some(section) = template.sections.get(i) else {
            break;
        };
        let title = skeleton(&section.title);
        let found = lines
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, line)| is_section_heading(line, number, words, &title));
        if let Some((at, _)) = found {
            starts[i] = Some(Start {
                heading: Some(at),
                body: at + 1,
            });
            from = at + 1;
        }
    }
    starts
}

/// Whether a line is the heading of the section numbered `cn` / `ar` (Chinese and Arabic
/// numeral) with one of `words` in it, or with the section's `title` (a skeleton).
fn is_section_heading(line: &Line, (cn, ar): (char, char), words: &[&str], title: &str) -> bool {
    // A heading is a short line (the longest, 四、, has 20 characters).
    if line.is_row() || line.text.len() > 40 * 3 {
        return false;
    }
    let l = compact(&line.text);
    let rest = l.strip_prefix(['（', '(']).map_or(l.as_str(), |r| r);
    let mut chars = rest.chars();
    let first = chars.next();
    let second = chars.next();
    let numbered = (first == Some(cn) || first == Some(ar))
        && matches!(second, Some('、' | '.' | '．' | '）' | ')'));
    let lost_numeral = first == Some('、');
    let heading_like = l.chars().count() <= 30
        && (numbered || lost_numeral)
        && words.iter().any(|w| l.contains(w))
        // Not a table row label such as 「三、本年度办理结果」.
        && !l.contains("本年");
    heading_like || title == skeleton(&l)
}

/// A table with no heading of its own: its section starts where the table does, between
/// the sections found before and after it.
fn tables_without_heading(
    template: &Template,
    lines: &[Line],
    starts: &mut [Option<Start>],
    report: &mut ImportReport,
) {
    for (i, section) in template.sections.iter().enumerate() {
        let Some(t) = section.table else {
            continue;
        };
        if starts[i].is_some() {
            continue;
        }
        let after = starts[..i]
            .iter()
            .flatten()
            .map(|s| s.body)
            .max()
            .unwrap_or(0);
        let before = starts[i + 1..]
            .iter()
            .flatten()
            .map(Start::first)
            .min()
            .unwrap_or(lines.len());
        if let Some(at) = table_begins(template, t, &lines[after..before.max(after)]) {
            starts[i] = Some(Start {
                heading: None,
                body: after + at,
            });
            report.interpreted.push(format!(
                "「{}」没有标题，按表格内容确定其位置",
                section.heading()
            ));
        }
    }
}

/// Where a table begins in `lines`: the first line holding its first block's caption,
/// corner or first row label, or — for a block with no row labels — its column headers.
fn table_begins(template: &Template, table: usize, lines: &[Line]) -> Option<usize> {
    let block = template.tables[table].blocks.first()?;
    let mut marks: Vec<String> = block
        .caption
        .iter()
        .chain(&block.corner)
        .map(|t| skeleton(t))
        .collect();
    marks.extend(block.rows.first().map(|r| skeleton(&r.label)));
    marks.extend(
        block
            .header
            .iter()
            .filter(|s| s.row == 0)
            .map(|s| skeleton(&s.text)),
    );
    marks.retain(|m| m.chars().count() >= 2);
    let matches_line = |line: &Line| {
        let whole = skeleton(&line.text);
        marks
            .iter()
            .any(|m| whole == *m || line.cells.iter().any(|c| skeleton(c) == *m))
    };
    let at = lines.iter().position(matches_line)?;
    // For a header row of a block without row labels, the table's own title may stand on
    // the line before (「行政复议」「行政诉讼」): start there too.
    Some(at)
}

/// A label as a skeleton for matching: Simplified characters, ASCII digits, no spaces or
/// punctuation, so 「(二)部分公开(区分处理的,只计这一情形,不计其他情形)」 matches
/// 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」.
fn skeleton(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '（' | '）'
                        | '('
                        | ')'
                        | '，'
                        | ','
                        | '、'
                        | '：'
                        | ':'
                        | '。'
                        | '.'
                        | '．'
                        | '“'
                        | '”'
                        | '"'
                        | '\''
                        | '‘'
                        | '’'
                        | '|'
                        | '｜'
                        | ';'
                        | '；'
                )
        })
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xff10 + u32::from(b'0')).unwrap_or(c),
            c => hanzi::simplified(c),
        })
        .collect()
}

/// A label without its annotations in brackets (「上一年项目数量(指2019年事项数)」 →
/// 「上一年项目数量」), keeping a leading number such as 「（二）」; as a skeleton.
fn core(text: &str) -> String {
    if !text.contains(['（', '(', '【', '[']) {
        return skeleton(text);
    }
    let mut out = String::new();
    let mut depth = 0_usize;
    let mut leading = true;
    let chars: Vec<char> = text.trim().chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if leading && (c == '（' || c == '(') {
            // 「（二）」 at the start is the row's number, not an annotation.
            let close = chars[i + 1..].iter().position(|&x| x == '）' || x == ')');
            if let Some(len) = close.filter(|&n| n > 0 && n <= 3) {
                out.extend(&chars[i + 1..=i + len]);
                i += len + 2;
                leading = false;
                continue;
            }
        }
        leading = false;
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
        i += 1;
    }
    // A bracket left open is a label cut short (wrapped), not an annotation.
    if depth > 0 {
        return String::new();
    }
    skeleton(&out)
}

/// Whether a cell holds a value: a number, or what reports print for none.
fn is_value(cell: &str) -> bool {
    let cell = cell.trim();
    NONE_MARKS.contains(&cell) || number_in(cell).is_some()
}

/// The number a cell prints, with its unit (「251000元」「160.5964万元」) if it has one.
fn number_in(cell: &str) -> Option<(crate::number::Decimal, &str)> {
    let cell = cell.trim();
    if let Ok(Some(n)) = parse_number(cell) {
        return Some((n, ""));
    }
    for unit in ["万元", "元", "件", "条", "个"] {
        if let Some(n) = cell
            .strip_suffix(unit)
            .and_then(|v| parse_number(v.trim()).ok().flatten())
        {
            return Some((n, unit));
        }
    }
    None
}

/// A non-empty cell of a section (or, in text, an empty field between separators), with
/// where it stands and what matching needs of it, computed once.
struct Token<'a> {
    text: &'a str,
    /// Its skeleton.
    key: String,
    /// Its skeleton without annotations (`core`).
    core: String,
    /// An empty field, a number, or a mark for none.
    is_value: bool,
    line: usize,
    col: usize,
}

impl Token<'_> {
    fn is_value(&self) -> bool {
        self.is_value
    }
}

fn tokens(body: &[Line]) -> Vec<Token<'_>> {
    body.iter()
        .enumerate()
        .flat_map(|(line, l)| {
            let keeps_empty = l.layout == Layout::Fields;
            l.cells
                .iter()
                .enumerate()
                .filter(move |(_, c)| keeps_empty || !c.is_empty())
                .map(move |(col, c)| {
                    let is_value = c.is_empty() || is_value(c);
                    Token {
                        text: c.as_str(),
                        key: skeleton(c),
                        core: if is_value { String::new() } else { core(c) },
                        is_value,
                        line,
                        col,
                    }
                })
        })
        .collect()
}

/// A row label found: the token it ends at, and values printed between its pieces (a label
/// wrapped in a narrow column, with the figures beside its first line).
struct LabelHit {
    last: usize,
    between: Vec<usize>,
}

/// Finds a row label from token `from` on: the label itself, the label with annotations
/// (「规章（设区的市…）」), or the label broken over several tokens.
fn find_label(tokens: &[Token<'_>], from: usize, label: &str) -> Option<LabelHit> {
    let wanted = skeleton(label);
    let wanted_core = core(label);
    if wanted.is_empty() {
        return None;
    }
    for i in from..tokens.len() {
        let t = &tokens[i];
        if t.key.is_empty() || t.is_value() {
            continue;
        }
        if t.key == wanted {
            return Some(LabelHit {
                last: i,
                between: Vec::new(),
            });
        }
        if t.key.chars().count() >= 2
            && wanted.starts_with(&t.key)
            && let Some(hit) = wrapped_label(tokens, i, &t.key, &wanted)
        {
            return Some(hit);
        }
        if wanted_core.chars().count() >= 2 && t.core == wanted_core {
            return Some(LabelHit {
                last: i,
                between: Vec::new(),
            });
        }
    }
    None
}

/// A label broken over several tokens from `i` on (a narrow column wraps it), with the
/// values printed between its pieces.
fn wrapped_label(tokens: &[Token<'_>], i: usize, first: &str, wanted: &str) -> Option<LabelHit> {
    let mut joined = first.to_owned();
    let mut between = Vec::new();
    for (j, next) in tokens.iter().enumerate().skip(i + 1).take(24) {
        if next.is_value() {
            between.push(j);
            continue;
        }
        let longer = format!("{joined}{}", next.key);
        if !wanted.starts_with(&longer) {
            return None;
        }
        joined = longer;
        if joined == wanted {
            return Some(LabelHit { last: j, between });
        }
    }
    None
}

/// How a table's values are laid out: where each column of a block starts, from its header.
struct Header {
    /// Line (in the section) of the header row holding the leaf labels.
    columns: Vec<(usize, usize)>,
}

/// The block's column headers in a real table: a grid cell for every column label, left to
/// right, in the rows before `limit`. None when a label is missing or repeated (table 四,
/// whose leaf labels repeat, is read in order).
fn find_header(block: &Block, body: &[Line], from_line: usize, limit: usize) -> Option<Header> {
    let labels: Vec<String> = block.columns.iter().map(|c| core(&c.label)).collect();
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    if unique.len() != labels.len() {
        return None;
    }
    let mut columns = Vec::with_capacity(labels.len());
    for label in &labels {
        let found = body
            .iter()
            .enumerate()
            .take(limit)
            .skip(from_line)
            .filter(|(_, l)| l.is_row())
            .find_map(|(i, l)| {
                l.cells
                    .iter()
                    .position(|c| !c.is_empty() && core(c) == *label)
                    .map(|col| (i, col))
            })?;
        columns.push(found);
    }
    let increasing = columns.windows(2).all(|w| w[0].1 < w[1].1);
    increasing.then_some(Header { columns })
}

/// Reads a table, block by block, noting what it could not read.
fn read_table(
    template: &Template,
    table_idx: usize,
    body: &[Line],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let table = &template.tables[table_idx];
    let n_before = report.cells_read.len();
    let tokens = tokens(body);
    let mut pos = 0;
    let mut used_lines: Vec<usize> = Vec::new();
    for block in &table.blocks {
        read_block(
            template,
            block,
            body,
            &tokens,
            &mut pos,
            &mut used_lines,
            draft,
            report,
        );
    }
    let read = &report.cells_read[n_before..];
    if read.is_empty() {
        let has_rows = body
            .iter()
            .any(|l| (l.is_row() || l.cells.len() > 2) && l.cells.iter().any(|c| is_value(c)));
        let message = if has_rows {
            format!(
                "{}：找到了表格，但未能按格式识别其中的行，单元格均未读入（不是空白），请核对后手工填写",
                table.name
            )
        } else {
            format!("未找到{}（可能以图片发布）", table.name)
        };
        report.missing.push(message);
        return;
    }
    let n_blank = read.iter().filter(|c| c.text.is_empty()).count();
    if n_blank > 0 {
        report.blanks.push((table.name.clone(), n_blank));
    }
    ignored_rows(template, table_idx, body, &used_lines, report);
}

/// Rows of a table that no row of the format matches (a provincial variant's extra row):
/// listed, not read.
fn ignored_rows(
    template: &Template,
    table_idx: usize,
    body: &[Line],
    used: &[usize],
    report: &mut ImportReport,
) {
    let table = &template.tables[table_idx];
    let known: Vec<String> = std::iter::once(skeleton(&table.title))
        .chain(table.blocks.iter().flat_map(|b| {
            b.caption
                .iter()
                .chain(&b.corner)
                .map(|t| core(t))
                .chain(b.header.iter().chain(&b.row_labels).map(|s| core(&s.text)))
                .chain(b.columns.iter().map(|c| core(&c.label)))
                .chain(b.rows.iter().map(|r| core(&r.label)))
        }))
        .collect();
    for (i, line) in body.iter().enumerate() {
        if used.contains(&i) || !(line.is_row() || line.layout == Layout::Fields) {
            continue;
        }
        let n_values = line
            .cells
            .iter()
            .filter(|c| !c.is_empty() && is_value(c))
            .count();
        if n_values == 0 {
            continue;
        }
        let Some(label) = line.cells.iter().find(|c| !c.is_empty() && !is_value(c)) else {
            continue;
        };
        let is_known = line.cells.iter().filter(|c| !is_value(c)).any(|c| {
            let k = core(c);
            !k.is_empty() && known.iter().any(|x| *x == k || x.contains(&k))
        });
        if !is_known {
            report.ignored.push(format!(
                "{}：「{}」不是本格式的行，其{}个数值未读入",
                table.name, label, n_values
            ));
        }
    }
}

/// Reads one block from `pos` (a token index) on.
#[expect(
    clippy::too_many_arguments,
    reason = "the reading state of one table, passed down"
)]
fn read_block(
    template: &Template,
    block: &Block,
    body: &[Line],
    tokens: &[Token<'_>],
    pos: &mut usize,
    used_lines: &mut Vec<usize>,
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    let n_columns = block.columns.len();
    let table_name = block
        .cells
        .first()
        .map(|&idx| template.tables[template.cells[idx].table].name.clone())
        .unwrap_or_default();
    let mut header = HeaderSearch::default();
    for (r, row) in block.rows.iter().enumerate() {
        let values = if block.label_columns == 0 {
            unlabelled_row(body, tokens, *pos, n_columns, used_lines)
        } else {
            labelled_row(
                block,
                body,
                tokens,
                &row.label,
                pos,
                used_lines,
                &mut header,
            )
        };
        match values {
            Ok(values) => store_row(template, block, r, &values, draft, report),
            Err(reason) => {
                let row_cells: Vec<usize> =
                    (0..n_columns).filter_map(|c| block.cell(r, c)).collect();
                not_read(
                    template,
                    &table_name,
                    &row.label,
                    &row_cells,
                    &reason,
                    report,
                );
            }
        }
    }
}

/// A block's column headers in a real table, looked for once: at the first row label found
/// in a table row.
#[derive(Default)]
struct HeaderSearch {
    header: Option<Header>,
    searched: bool,
}

/// The values of the row labelled `label`, looked for from `pos` on: its line is used, `pos`
/// moves past it, and the values are read by the header's columns, by the fields of the
/// line, or as the values that follow the label.
fn labelled_row(
    block: &Block,
    body: &[Line],
    tokens: &[Token<'_>],
    label: &str,
    pos: &mut usize,
    used_lines: &mut Vec<usize>,
    search: &mut HeaderSearch,
) -> Result<Vec<String>, String> {
    let n_columns = block.columns.len();
    let Some(hit) = find_label(tokens, (*pos).min(tokens.len()), label) else {
        return Err("未找到此行".to_owned());
    };
    let label = &tokens[hit.last];
    let line = &body[label.line];
    used_lines.push(label.line);
    if !search.searched && line.is_row() {
        search.searched = true;
        let from = tokens.get(*pos).map_or(0, |t| t.line);
        search.header = find_header(block, body, from, label.line);
    }
    *pos = hit.last + 1;
    while tokens.get(*pos).is_some_and(|t| t.line == label.line) {
        *pos += 1;
    }
    row_values(line, label.col, search.header.as_ref(), n_columns)
        .or_else(|| fields_values(line, label.col, n_columns))
        .unwrap_or_else(|| following_values(tokens, &hit, pos, n_columns))
}

/// The values read for row `r` of a block: each listed as read and, when it means
/// something, kept in the draft (an input cell's value, or a printed total to check).
fn store_row(
    template: &Template,
    block: &Block,
    r: usize,
    values: &[String],
    draft: &mut Draft,
    report: &mut ImportReport,
) {
    for (c, value) in values.iter().enumerate() {
        let Some(idx) = block.cell(r, c) else {
            continue;
        };
        let cell = &template.cells[idx];
        report.cells_read.push(CellRead {
            id: cell.id.clone(),
            name: cell.name.clone(),
            text: value.clone(),
        });
        let Some(entry) = interpret(&cell.name, value, report) else {
            continue;
        };
        if cell.is_input() {
            draft.cells.insert(cell.id.clone(), entry);
        } else {
            // A printed total is a fact to check, never a value.
            draft.stated.insert(cell.id.clone(), entry);
        }
    }
}

/// The values of a table row (Word, web page, PDF): by the columns the header names when it
/// was found, else the last cells of the row.
fn row_values(
    line: &Line,
    label_col: usize,
    header: Option<&Header>,
    n_columns: usize,
) -> Option<Result<Vec<String>, String>> {
    if !line.is_row() {
        return None;
    }
    if let Some(header) = header {
        // Each column's value starts in the grid column its header starts in, or (a
        // jagged grid) in the columns up to the next header.
        let starts: Vec<usize> = header.columns.iter().map(|&(_, col)| col).collect();
        let mut values = Vec::with_capacity(n_columns);
        for (k, &start) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(line.cells.len());
            let value = line
                .cells
                .get(start..end.min(line.cells.len()).max(start))
                .and_then(|cells| cells.iter().find(|c| !c.is_empty()))
                .cloned()
                .unwrap_or_default();
            values.push(value);
        }
        if starts.first().is_some_and(|&s| s > label_col) {
            return Some(Ok(values));
        }
    }
    let first_value = line.cells.len().checked_sub(n_columns)?;
    if first_value <= label_col {
        return Some(Err(format!(
            "这一行在标签之后只有{}个单元格（应有{n_columns}个），无法确定各数值所在的列",
            line.cells.len() - label_col - 1
        )));
    }
    Some(Ok(line.cells[first_value..].to_vec()))
}

/// The values of a line of text whose fields are separated by tabs or 「|」, empty fields
/// kept: the fields after the label. Merged label cells that a copy collapsed into empty
/// fields (「||」) come before the values and are dropped.
fn fields_values(
    line: &Line,
    label_col: usize,
    n_columns: usize,
) -> Option<Result<Vec<String>, String>> {
    let after = line.cells.get(label_col + 1..)?;
    if after.is_empty() {
        return None;
    }
    if line.layout != Layout::Fields {
        // Values separated by runs of spaces: no empty cell survives, so only a full row
        // can be placed.
        let values: Vec<&String> = after.iter().filter(|c| is_value(c)).collect();
        return Some(if values.len() == n_columns {
            Ok(values.into_iter().cloned().collect())
        } else {
            Err(format!(
                "这一行有{}个数值（应有{n_columns}个），以空格分隔时无法确定空白单元格的位置",
                values.len()
            ))
        });
    }
    let fields = trim_fields(after, n_columns);
    Some(if fields.len() == n_columns {
        Ok(fields.to_vec())
    } else {
        Err(format!(
            "这一行在标签之后有{}个单元格（应有{n_columns}个），无法确定各数值所在的列",
            fields.len()
        ))
    })
}

/// Fields without the empty ones at either end that make a row wider than `n_columns`:
/// merged label cells a copy collapsed (「||」) or the bars that frame a row (「| a | b |」).
fn trim_fields(fields: &[String], n_columns: usize) -> &[String] {
    let mut fields = fields;
    while fields.len() > n_columns && fields.first().is_some_and(String::is_empty) {
        fields = &fields[1..];
    }
    while fields.len() > n_columns && fields.last().is_some_and(String::is_empty) {
        fields = &fields[..fields.len() - 1];
    }
    fields
}

/// The values that follow a label in text (one cell per line, or the next line's fields),
/// with any printed between the pieces of a wrapped label.
fn following_values(
    tokens: &[Token<'_>],
    hit: &LabelHit,
    pos: &mut usize,
    n_columns: usize,
) -> Result<Vec<String>, String> {
    let mut values: Vec<String> = hit
        .between
        .iter()
        .map(|&i| tokens[i].text.to_owned())
        .collect();
    while values.len() < n_columns {
        match tokens.get(*pos) {
            Some(t) if t.is_value() => {
                values.push(t.text.to_owned());
                *pos += 1;
            }
            _ => break,
        }
    }
    if values.len() == n_columns {
        return Ok(values);
    }
    if values.iter().all(String::is_empty) && values.len() < n_columns {
        return Err("此行没有数值".to_owned());
    }
    let shown: Vec<&str> = values
        .iter()
        .map(|v| {
            if v.is_empty() {
                "（空）"
            } else {
                v.as_str()
            }
        })
        .collect();
    Err(format!(
        "只找到{}个数值（{}），应有{n_columns}个；无法确定它们各属于哪一列，未读入",
        values.len(),
        shown.join("、")
    ))
}

/// The values of a block's single unlabelled row (table 四): a row or line of exactly that
/// many values, or else the last values of the section in order.
fn unlabelled_row(
    body: &[Line],
    tokens: &[Token<'_>],
    pos: usize,
    n_columns: usize,
    used_lines: &mut Vec<usize>,
) -> Result<Vec<String>, String> {
    let from_line = tokens.get(pos).map_or(0, |t| t.line);
    for (i, line) in body.iter().enumerate().skip(from_line) {
        let mut cells: &[String] = &line.cells;
        if line.layout == Layout::Fields {
            cells = trim_fields(cells, n_columns);
        }
        let n_values = cells.iter().filter(|c| !c.is_empty()).count();
        let is_full_row = cells.len() == n_columns
            && n_values > 0
            && cells.iter().all(|c| c.is_empty() || is_value(c))
            && (line.is_row() || line.layout == Layout::Fields || n_values == n_columns);
        if is_full_row {
            used_lines.push(i);
            return Ok(cells.to_vec());
        }
    }
    let all: Vec<&str> = tokens[pos.min(tokens.len())..]
        .iter()
        .map(|t| t.text)
        .filter(|t| !t.is_empty() && is_value(t))
        .collect();
    if all.len() < n_columns {
        return Err(format!(
            "只找到{}个数值，应有{n_columns}个；无法确定它们各属于哪一列，未读入",
            all.len()
        ));
    }
    Ok(all[all.len() - n_columns..]
        .iter()
        .map(|t| (*t).to_owned())
        .collect())
}

/// Notes the cells of a row that were not read, and why.
fn not_read(
    template: &Template,
    table: &str,
    row: &str,
    cells: &[usize],
    reason: &str,
    report: &mut ImportReport,
) {
    report.not_read.push(NotRead {
        table: table.to_owned(),
        row: row.to_owned(),
        cells: cells
            .iter()
            .map(|&i| template.cells[i].id.clone())
            .collect(),
        reason: reason.to_owned(),
    });
}

/// Every cell of a table as not read.
fn not_read_table(template: &Template, table: usize, reason: &str, report: &mut ImportReport) {
    let t = &template.tables[table];
    for block in &t.blocks {
        for (r, row) in block.rows.iter().enumerate() {
            let cells: Vec<usize> = (0..block.columns.len())
                .filter_map(|c| block.cell(r, c))
                .collect();
            not_read(template, &t.name, &row.label, &cells, reason, report);
        }
    }
}

/// A printed value as a cell entry, noting anything that needed interpreting.
fn interpret(name: &str, value: &str, report: &mut ImportReport) -> Option<CellEntry> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if NONE_MARKS.contains(&value) {
        report
            .interpreted
            .push(format!("{name}：「{value}」按空白处理"));
        return None;
    }
    if let Some((number, unit)) = number_in(value)
        && !unit.is_empty()
    {
        report.interpreted.push(format!(
            "{name}：「{value}」单元格中带有单位，已读作{number}，请核对单位"
        ));
        return Some(CellEntry::Number(number));
    }
    CellEntry::parse(value)
}

/// The 前言: the text before section 一 without the title and page furniture. A preamble
/// that is exactly the one an export generates from the metadata is not kept as text (so
/// it follows later changes of the metadata); the website and contact it names are.
fn preamble(template: &Template, lines: &[Line], title: &Range<usize>, draft: &mut Draft) {
    // What stands before the title (a site's banner and menus) is not the report's.
    let lines = lines.get(title.end..).unwrap_or_default();
    let text = lines
        .iter()
        .filter(|l| !l.is_row())
        .map(|l| l.text.as_str())
        .filter(|l| {
            !l.is_empty()
                && !is_page_chrome(l)
                && !l.contains(" > ")
                && !l.ends_with("年度报告")
                && !l.ends_with('年')
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut meta = draft.meta.clone();
    meta.website = between(&text, "本报告的电子版可在", "下载。").to_owned();
    meta.contact = between(&text, "联系（", "）。").to_owned();
    let generated = Draft::new(template, meta.clone());
    let evaluation = engine::evaluate(template, &generated);
    let report = Report {
        template,
        draft: &generated,
        evaluation: &evaluation,
    };
    // The generated preamble, wrapped into other lines or spaced otherwise, is still it.
    if compact(&report.preamble()) == compact(&text) {
        draft.meta = meta;
    } else {
        draft.set_text(&template.preamble.id, &text);
    }
}

/// The text between two markers, or nothing.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.find(start)
        .map(|at| &text[at + start.len()..])
        .and_then(|rest| rest.find(end).map(|to| &rest[..to]))
        .unwrap_or_default()
}

/// The last section without the signature block after it (the agency, the date), whose
/// date becomes the publication date.
fn without_signature<'a>(body: &'a [Line], draft: &mut Draft) -> &'a [Line] {
    let mut end = body.len();
    // A web page's footer after the report.
    while end > 0 && (body[end - 1].text.is_empty() || is_page_chrome(&body[end - 1].text)) {
        end -= 1;
    }
    if end > 0
        && let Some(date) = Date::parse(&compact(&body[end - 1].text))
    {
        draft.meta.published_on = date.to_string();
        end -= 1;
    }
    while end > 0 && body[end - 1].text.is_empty() {
        end -= 1;
    }
    let agency = draft.meta.agency.as_str();
    if end > 0 && !agency.is_empty() && compact(&body[end - 1].text) == agency {
        end -= 1;
    }
    &body[..end]
}

/// Whether a line of a section is narrative. Real paragraphs (DOCX, HTML) are, except
/// table rows. In text, where a table's cells are lines too, a line in a table's section is
/// narrative when it is one piece that is neither a value nor (part of) a text of the table
/// itself (a header, a row label, a caption).
fn is_narrative(line: &Line, table_texts: &str, is_structured: bool) -> bool {
    let l = line.text.as_str();
    if line.is_row() || l.is_empty() {
        return false;
    }
    if is_structured || table_texts.is_empty() {
        return true;
    }
    // A piece of a table text counts too: labels break over lines (「商业」「企业」).
    line.cells.len() <= 1 && !is_value(l) && !table_texts.contains(skeleton(l).as_str())
}

/// Every text a table prints besides its values, as skeletons, one string (each between
/// separators, so a search finds a piece of one text, never across two).
fn table_texts(template: &Template, table: usize) -> String {
    let mut texts = vec![skeleton(&template.tables[table].title)];
    for block in &template.tables[table].blocks {
        texts.extend(
            block
                .caption
                .iter()
                .chain(&block.corner)
                .map(|t| skeleton(t)),
        );
        texts.extend(
            block
                .header
                .iter()
                .chain(&block.row_labels)
                .map(|s| skeleton(&s.text)),
        );
        texts.extend(block.columns.iter().map(|c| skeleton(&c.label)));
        texts.extend(block.rows.iter().map(|r| skeleton(&r.label)));
    }
    texts.join("\u{1}")
}

/// The narrative of section `i`, split into the template's parts by its sub-headings.
fn narrative(template: &Template, i: usize, body: &[Line], is_structured: bool, draft: &mut Draft) {
    let section = &template.sections[i];
    let table_texts = section
        .table
        .map(|t| table_texts(template, t))
        .unwrap_or_default();
    // Sub-headings as separate short lines are dropped (the template prints titles);
    // paragraphs that start with one stay whole.
    let mut current = section.parts.first().map(|p| p.id.clone());
    let mut texts: Vec<(String, Vec<&str>)> = Vec::new();
    let keywords: &[(&str, &[&str])] = &[
        ("s1.proactive", &["主动公开"]),
        ("s1.on_request", &["依申请"]),
        ("s1.management", &["管理", "规范化"]),
        ("s1.platform", &["平台"]),
        ("s1.oversight", &["监督", "保障"]),
        ("s5.problems", &["问题"]),
        ("s5.improvements", &["改进"]),
    ];
    // Parts whose title may stand as a line of its own (「其他需要报告的事项」).
    let titles: Vec<String> = section
        .parts
        .iter()
        .filter(|p| p.is_titled)
        .map(|p| skeleton(&p.title))
        .collect();
    for line in body {
        let l = line.text.as_str();
        let head: String = l.chars().take(14).collect();
        let is_marked = ["（", "("].iter().any(|m| l.starts_with(m)) || sub_numbered(l);
        if is_marked
            && !line.is_row()
            && let Some((id, _)) = keywords.iter().find(|(id, words)| {
                section.parts.iter().any(|p| &p.id == id) && words.iter().any(|w| head.contains(w))
            })
        {
            current = Some((*id).to_owned());
            if l.chars().count() <= 20 {
                continue;
            }
        }
        // A part's own title printed as a line.
        if !titles.is_empty() && l.len() <= 30 * 3 && titles.contains(&skeleton(l)) {
            continue;
        }
        if !is_narrative(line, &table_texts, is_structured) {
            continue;
        }
        let Some(id) = current.clone() else {
            continue;
        };
        match texts.iter_mut().find(|(t, _)| *t == id) {
            Some((_, v)) => v.push(l),
            None => texts.push((id, vec![l])),
        }
    }
    for (id, lines) in texts {
        draft.set_text(&id, &lines.join("\n"));
    }
}

/// A sub-heading numbered 「1.」「1、」 (the parts of section 一 in some reports).
fn sub_numbered(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('1'..='5'), Some('.' | '、' | '．'))
    )
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
    }

    #[test]
    fn annotations_and_numbers_in_labels() {
        assert_eq!(core("上一年项目数量(指2019年事项数)"), "上一年项目数量");
        assert_eq!(
            core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "二部分公开"
        );
        assert_eq!(core("规章(设区的市、自治州人民政府应提供相关数据)"), "规章");
        assert_eq!(core("本年收费金额（单位：万元）"), "本年收费金额");
    }

    #[test]
    fn levels_from_names() {
        let level = |a: &str| infer_level(a).map(|(l, _)| l);
        assert_eq!(
            level("某某市某某区某某街道办事处"),
            Some(Level::TownshipGov)
        );
        assert_eq!(level("某某县某某镇人民政府"), Some(Level::TownshipGov));
        assert_eq!(level("深圳市罗湖区人民政府"), Some(Level::CountyGov));
        assert_eq!(level("深圳市人民政府"), Some(Level::MunicipalGov));
        assert_eq!(level("北京市人民政府"), Some(Level::ProvincialGov));
        assert_eq!(level("广东省人民政府"), Some(Level::ProvincialGov));
        assert_eq!(
            level("深圳市龙岗区政务服务数据管理局"),
            Some(Level::GovDept)
        );
        assert_eq!(level("国家卫生健康委员会"), Some(Level::StateCouncilDept));
        assert_eq!(level("教育部"), Some(Level::StateCouncilDept));
        assert_eq!(level(""), None);
    }
}
