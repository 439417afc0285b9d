//! The audit as one web page with nothing outside it: the overview as a table (a click on a
//! heading sorts it, by a few lines of inline script; without script it stays sorted by
//! errors), a bar chart of how many reports each rule flags (inline SVG), each report's
//! findings under its own heading, linked from its row, and the files not read.

use std::fmt::Write as _;

use super::{Audit, Audited, Balance};
use crate::engine::Severity;
use crate::export::escape_markup as esc;

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",\"微软雅黑\",\"PingFang SC\",sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}h3{font-size:1.05em}\
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top}\
th{background:#dde6f0;cursor:pointer;white-space:nowrap}td.n{text-align:right}table.sortable td{white-space:nowrap}\
tr.err td.e{background:#f8d7d4;font-weight:bold}tr.warn td.w{background:#fcefc7}\
.broken{color:#b00020;font-weight:bold}.late{color:#b00020}.muted{color:#777}\
.sev-error{color:#b00020}.sev-warning{color:#8a5a00}.sev-info{color:#555}";

const SORT_SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){th.title='点击排序';th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0],rows=Array.from(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';rows.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,c=y.cells[i].dataset.v||y.cells[i].textContent,na=parseFloat(a),nc=parseFloat(c),r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'zh-CN');return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})})});";

/// The page.
pub fn html(audit: &Audit) -> String {
    let mut s = String::new();
    write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>政府信息公开工作年度报告审查结果</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>政府信息公开工作年度报告审查结果</h1>\n<p>{}</p>\n",
        esc(&super::summary_line(audit))
    )
    .ok();
    overview(&mut s, audit);
    chart(&mut s, audit);
    for (i, report) in audit.reports.iter().enumerate() {
        findings(&mut s, i, report);
    }
    unreadable(&mut s, audit);
    write!(s, "<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n").ok();
    s
}

fn overview(s: &mut String, audit: &Audit) {
    s.push_str("<h2>概况</h2>\n<table class=\"sortable\">\n<thead><tr>");
    let names = Audit::figure_names();
    for h in [
        "机关全称",
        "年度",
        "文件类型",
        "错误",
        "警告",
        "提示",
        "表三勾稽",
    ] {
        write!(s, "<th>{h}</th>").ok();
    }
    for name in &names {
        write!(s, "<th>{}</th>", esc(name)).ok();
    }
    s.push_str(
        "<th>落款日期</th><th>逾期</th><th>读取单元格</th><th>文件</th></tr></thead>\n<tbody>\n",
    );
    for (i, r) in audit.reports.iter().enumerate() {
        let class = if r.errors > 0 {
            " class=\"err\""
        } else if r.warnings > 0 {
            " class=\"warn\""
        } else {
            ""
        };
        let agency = if r.agency.is_empty() {
            "（未读到机关名称）"
        } else {
            &r.agency
        };
        write!(
            s,
            "<tr{class}><td><a href=\"#r{i}\">{}</a></td><td class=\"n\">{}</td><td>{}</td>\
             <td class=\"n e\">{}</td><td class=\"n w\">{}</td><td class=\"n\">{}</td><td>{}</td>",
            esc(agency),
            r.year,
            r.source,
            r.errors,
            r.warnings,
            r.hints,
            balance(r)
        )
        .ok();
        for figure in &r.figures {
            write!(
                s,
                "<td class=\"n\">{}</td>",
                figure.map_or_else(String::new, |v| v.to_string())
            )
            .ok();
        }
        let (date, late) = match (r.published_on, r.is_late()) {
            (Some(d), Some(true)) => (d.to_string(), "<span class=\"late\">是</span>"),
            (Some(d), _) => (d.to_string(), "否"),
            (None, _) => (String::new(), "<span class=\"muted\">未注明日期</span>"),
        };
        writeln!(
            s,
            "<td>{date}</td><td>{late}</td><td class=\"n\" data-v=\"{}\">{}/{}</td><td>{}</td></tr>",
            r.cells_read,
            r.cells_read,
            r.cells_read + r.cells_not_read,
            esc(&r.file)
        ).ok();
    }
    s.push_str("</tbody>\n</table>\n");
}

/// R1 in a few words, marked by its state.
fn balance(r: &Audited) -> String {
    let (text, state) = r.balance_summary();
    match state {
        Balance::Broken => format!("<span class=\"broken\">{}</span>", esc(&text)),
        Balance::Incomplete => format!("<span class=\"muted\">{text}</span>"),
        Balance::Holds => text,
    }
}

/// Horizontal bars: how many reports each rule flags.
fn chart(s: &mut String, audit: &Audit) {
    let counts = audit.rule_counts();
    if counts.is_empty() {
        return;
    }
    let max = counts.iter().map(|(_, n, _)| *n).max().unwrap_or(1).max(1);
    let (bar_h, label_w, bar_w) = (22, 60, 480);
    let height = counts.len() * bar_h + 10;
    write!(
        s,
        "<h2>各规则涉及的报告数</h2>\n<p class=\"muted\">红：错误　黄：警告　灰：提示</p>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\" aria-label=\"各规则涉及的报告数\">\n",
        label_w + bar_w + 60
    ).ok();
    for (i, (rule, n, severity)) in counts.iter().enumerate() {
        let fill = match severity {
            Severity::Error => "#c0392b",
            Severity::Warning => "#d4a017",
            Severity::Info => "#8a9bb0",
        };
        let y = i * bar_h + 5;
        let w = (n * bar_w / max).max(1);
        writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{fill}\"><title>{} {n}</title></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            label_w - 6,
            y + 15,
            esc(rule),
            bar_h - 6,
            severity.label(),
            label_w + w + 6,
            y + 15
        )
        .ok();
    }
    s.push_str("</svg>\n");
}

fn findings(s: &mut String, i: usize, r: &Audited) {
    let agency = if r.agency.is_empty() {
        "（未读到机关名称）"
    } else {
        &r.agency
    };
    writeln!(
        s,
        "<h3 id=\"r{i}\">{} {}年度 <span class=\"muted\">{}</span></h3>",
        esc(agency),
        r.year,
        esc(&r.file)
    )
    .ok();
    if r.issues.is_empty() {
        s.push_str("<p>未发现问题。</p>\n");
    } else {
        s.push_str("<table>\n<thead><tr><th>部分</th><th>规则</th><th>级别</th><th>问题</th><th>依据</th></tr></thead>\n<tbody>\n");
        for issue in &r.issues {
            writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td class=\"sev-{}\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&issue.part),
                esc(&issue.rule),
                issue.severity.id(),
                issue.severity.label(),
                esc(&issue.message),
                esc(&issue.evidence)
            )
            .ok();
        }
        s.push_str("</tbody>\n</table>\n");
    }
    if !r.rows_not_read.is_empty() {
        writeln!(
            s,
            "<p class=\"muted\">未读取的行：{}</p>",
            esc(&r.rows_not_read.join("；"))
        )
        .ok();
    }
}

fn unreadable(s: &mut String, audit: &Audit) {
    if audit.unreadable.is_empty() {
        return;
    }
    s.push_str(
        "<h2>未能读取</h2>\n<table>\n<thead><tr><th>文件</th><th>原因</th></tr></thead>\n<tbody>\n",
    );
    for u in &audit.unreadable {
        writeln!(
            s,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(&u.file),
            esc(&u.reason)
        )
        .ok();
    }
    s.push_str("</tbody>\n</table>\n");
}
