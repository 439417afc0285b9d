//! The narrative: the preamble before section 一, each section's text split into the
//! template's parts by its sub-headings, and the signature after section 六.

use std::ops::Range;

use super::super::source::Line;
use super::chrome::is_page_chrome;
use super::labels::{is_value, skeleton};
use super::title::is_agency_name;
use crate::date::Date;
use crate::draft::Draft;
use crate::export::generated_preamble;
use crate::template::Template;
use crate::text::compact;

/// The 前言: the text before section 一 without the title and the page's frame. A
/// preamble that is exactly the one an export generates from the metadata is not kept as
/// text (so it follows later changes of the metadata); the website and contact it names
/// are. Returns the lines of the page's frame: what stands before the title (a site's banner
/// and menus) and between it and the report (info line, buttons).
pub(super) fn preamble(
    template: &Template,
    lines: &[Line],
    title: &Range<usize>,
    draft: &mut Draft,
) -> Vec<String> {
    let mut frame: Vec<String> = lines
        .get(..title.start)
        .unwrap_or_default()
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| l.text.clone())
        .collect();
    let mut text = Vec::new();
    for l in lines.get(title.end..).unwrap_or_default() {
        let t = l.text.as_str();
        if l.is_row() || t.is_empty() {
            continue;
        }
        if is_page_chrome(t) || t.contains(" > ") {
            frame.push(t.to_owned());
        } else if !is_title_piece(t) && !is_table_row(l) {
            text.push(t);
        }
    }
    let text = text.join("\n");
    let mut meta = draft.meta.clone();
    meta.website = between(&text, "本报告的电子版可在", "下载。").to_owned();
    meta.contact = between(&text, "联系（", "）。").to_owned();
    // The generated preamble, wrapped into other lines or spaced otherwise, is still it.
    if compact(&generated_preamble(template, &meta)) == compact(&text) {
        draft.meta = meta;
    } else {
        draft.set_text(&template.preamble.id, &text);
    }
    frame
}

/// A piece of a title the title's lines left out (「…2024年政府信息公开工作年」「度报告」
/// broken mid-word), not a line of the preamble that happens to end in 年.
fn is_title_piece(line: &str) -> bool {
    let l = compact(line);
    let has_year = l.char_indices().any(|(i, c)| {
        c == '年' && i >= 4 && l[..i].chars().rev().take(4).all(|d| d.is_ascii_digit())
    });
    l == "度报告"
        || (l.chars().count() <= 40
            && l.contains("信息公开")
            && (l.ends_with("年度报告") || l.ends_with('年'))
            && has_year)
}

/// A line of text that is a table's row (a label and its figures), found where no table
/// was looked for: not the preamble's.
fn is_table_row(line: &Line) -> bool {
    line.cells.len() >= 3
        && line
            .cells
            .iter()
            .skip(1)
            .all(|c| c.is_empty() || is_value(c))
}

/// The text between two markers, or nothing.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.find(start)
        .map(|at| &text[at + start.len()..])
        .and_then(|rest| rest.find(end).map(|to| &rest[..to]))
        .unwrap_or_default()
}

/// Where the report ends, and what its signature says.
pub(super) struct End {
    /// The first line (of all the lines) after the report's text.
    pub(super) at: usize,
    /// The agency the signature names, as printed (without spaces).
    pub(super) agency: Option<String>,
    /// The signature's date.
    pub(super) date: Option<Date>,
    /// The lines after the report that are not its signature: the page's footer.
    pub(super) left_out: Vec<String>,
}

/// The end of the report, looked for from line `from` (the last section's text) on: its
/// signature (an agency's name followed by a date, by the page's frame or by nothing, or a
/// date alone so), or else the first line of the page's frame.
pub(super) fn report_end(lines: &[Line], from: usize) -> End {
    let non_empty = |i: usize| {
        lines
            .iter()
            .enumerate()
            .skip(i)
            .find(|(_, l)| !l.text.trim().is_empty())
    };
    let date_of = |l: &Line| Date::parse(&compact(&l.text));
    let mut end = End {
        at: lines.len(),
        agency: None,
        date: None,
        left_out: Vec::new(),
    };
    // The page's frame ends the report once its text has begun (a page mark right after
    // a flip-book's page title comes before it).
    let mut has_text = false;
    for (i, line) in lines.iter().enumerate().skip(from) {
        let t = compact(&line.text);
        if t.is_empty() || line.is_row() {
            continue;
        }
        if is_page_chrome(&line.text) {
            if !has_text {
                continue;
            }
            end.at = i;
            break;
        }
        has_text = true;
        let next = non_empty(i + 1);
        let ends_here = next.is_none_or(|(_, n)| date_of(n).is_some() || is_page_chrome(&n.text));
        if let Some(date) =
            date_of(line).filter(|_| next.is_none_or(|(_, n)| is_page_chrome(&n.text)))
        {
            end.at = i;
            end.date = Some(date);
            break;
        }
        if is_agency_name(&t) && ends_here {
            end.at = i;
            end.agency = Some(t);
            end.date = next.and_then(|(_, n)| date_of(n));
            break;
        }
    }
    let signature = usize::from(end.agency.is_some()) + usize::from(end.date.is_some());
    end.left_out = lines
        .iter()
        .skip(end.at)
        .filter(|l| !l.text.trim().is_empty())
        .skip(signature)
        .map(|l| l.text.clone())
        .collect();
    end
}

/// Whether a line of a section is narrative. Real paragraphs (DOCX, HTML) are, except
/// table rows. In text, where a table's cells are lines too, a line in a table's section is
/// narrative when it is one piece that is neither a value nor (part of) a text of the table
/// itself (a header, a row label, a caption).
fn is_narrative(line: &Line, table_texts: &TableTexts, is_structured: bool) -> bool {
    let l = line.text.as_str();
    if line.is_row() || l.is_empty() {
        return false;
    }
    if is_structured || table_texts.joined.is_empty() {
        return true;
    }
    // A piece of a table text counts too: labels break over lines (「商业」「企业」); and
    // texts of the table run together, with their figures after them (a flattened row).
    line.cells.len() <= 1
        && !is_value(l)
        && !table_texts.joined.contains(skeleton(l).as_str())
        && !table_texts.is_run_together(l)
        && !table_texts.is_column_of_characters(l)
}

/// Every text a table prints besides its values, as skeletons: each alone, and all in one
/// string (each between separators, so a search finds a piece of one text, never across
/// two).
#[derive(Default)]
struct TableTexts {
    each: Vec<String>,
    joined: String,
}

impl TableTexts {
    /// 「结 结 其 尚」「结果 结果 其他 尚未 总」: a header printed a line of pieces across
    /// its columns, each piece one or two characters of the table's texts.
    fn is_column_of_characters(&self, line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.len() >= 2
            && words
                .iter()
                .all(|w| w.chars().count() <= 2 && self.joined.contains(&skeleton(w)))
    }

    /// Whether a line is texts of the table run together (「自然人法人或其他组织总计」),
    /// figures after them allowed (「（三）不予公开1.属于国家秘密0000000」).
    fn is_run_together(&self, line: &str) -> bool {
        let text = super::flat::trailing_digits(line).map_or(line, |(label, _)| label);
        let key: Vec<char> = skeleton(text).chars().collect();
        if key.is_empty() {
            return false;
        }
        // Whether key[..i] is a run of table texts, for each i.
        let mut ends = vec![false; key.len() + 1];
        ends[0] = true;
        for i in 0..key.len() {
            if !ends[i] {
                continue;
            }
            for t in self.each.iter().filter(|t| !t.is_empty()) {
                let n = t.chars().count();
                if i + n <= key.len() && key[i..i + n].iter().copied().eq(t.chars()) {
                    ends[i + n] = true;
                }
            }
        }
        ends[key.len()]
    }
}

fn table_texts(template: &Template, table: usize) -> TableTexts {
    let mut texts = vec![skeleton(&template.tables[table].title)];
    for block in &template.tables[table].blocks {
        texts.extend(block.caption_and_corner().map(skeleton));
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
    let joined = texts.join("\u{1}");
    TableTexts {
        each: texts,
        joined,
    }
}

/// The narrative of section `i`, split into the template's parts by its sub-headings.
pub(super) fn narrative(
    template: &Template,
    i: usize,
    body: &[Line],
    is_structured: bool,
    draft: &mut Draft,
) {
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
        let mut l = line.text.as_str();
        let head: String = l.chars().take(14).collect();
        let is_marked = ["（", "("].iter().any(|m| l.starts_with(m)) || sub_numbered(l);
        if is_marked
            && !line.is_row()
            && let Some((id, words)) = keywords.iter().find(|(id, words)| {
                section.parts.iter().any(|p| &p.id == id) && words.iter().any(|w| head.contains(w))
            })
        {
            current = Some((*id).to_owned());
            if l.chars().count() <= 20 {
                continue;
            }
            // The sub-heading again as the paragraph's first sentence, or run into it: the
            // format prints the heading, so the text keeps one.
            let title = section
                .parts
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.title.as_str());
            l = without_heading(l, title.unwrap_or_default(), words);
        }
        // A part's own title printed as a line.
        if !titles.is_empty() && l.len() <= 30 * 3 && titles.contains(&skeleton(l)) {
            continue;
        }
        if !is_narrative(line, &table_texts, is_structured) || is_page_chrome(l) {
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

/// A paragraph without the numbered sub-heading it starts with as a sentence of its own
/// (「（一）主动公开情况。」「(二)依申请公开方面：」) when the heading names the part
/// (`words`); else the paragraph as it is.
fn without_heading<'a>(paragraph: &'a str, title: &str, words: &[&str]) -> &'a str {
    // 「（一）主动公开全年通过…」: the title itself, run into the paragraph.
    let ascii = title.replace('（', "(").replace('）', ")");
    if let Some(rest) = [title, ascii.as_str()]
        .iter()
        .filter(|t| !t.is_empty())
        .find_map(|t| paragraph.strip_prefix(*t))
    {
        let rest = rest.trim_start_matches([' ', '\u{3000}', '。', '：', ':', '，']);
        if !rest.is_empty() && !rest.starts_with(['情', '方', '工']) {
            return rest;
        }
    }
    let Some((end, stop)) = paragraph
        .char_indices()
        .take(20)
        .find(|&(_, c)| matches!(c, '。' | '：' | ':'))
    else {
        return paragraph;
    };
    let heading = &paragraph[..end];
    if !words.iter().any(|w| heading.contains(w)) || heading.contains(['，', ',']) {
        return paragraph;
    }
    // Only the part's own heading goes (「（一）主动公开情况」「(四)平台建设方面」); one that
    // says more (「(五)依申请公开规范回复」) is the report's words, kept.
    let mut said = skeleton(heading);
    said = said
        .trim_start_matches(|c: char| "一二三四五六七八九十0123456789".contains(c))
        .to_owned();
    for filler in ["情况", "方面", "工作", "政府信息", "信息"] {
        said = said.replace(filler, "");
    }
    let own = skeleton(title);
    if said.is_empty() || !own.contains(&said) {
        return paragraph;
    }
    paragraph[end + stop.len_utf8()..].trim_start()
}

/// A sub-heading numbered 「1.」「1、」 (the parts of section 一 in some reports).
fn sub_numbered(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('1'..='5'), Some('.' | '、' | '．'))
    )
}
