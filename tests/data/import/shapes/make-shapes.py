#!/usr/bin/env python3
"""Writes the shape fixtures of this folder from one report with distinct figures.

    python3 tests/data/import/shapes/make-shapes.py

Every figure of `distinct-2024.nianbao` differs from its neighbours in its row and its
column, so a value read one column or one row off shows as a wrong figure, never as a
lucky match. Each `*.txt`/`*.html` file prints that report (or a variant named in
README.md) in one shape that real published reports take. Standard library only;
the output is deterministic.
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

AGENCY = "青川市人民政府"
YEAR = 2024
SIGNED = "2025年1月22日"

APPLICANTS = ["natural", "commercial", "research", "public_welfare", "legal_service", "other_org"]
RESULT_ROWS = [
    ("r1_granted", "（一）予以公开", None),
    ("r2_partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("r3_1", "1.属于国家秘密", "（三）不予公开"),
    ("r3_2", "2.其他法律行政法规禁止公开", None),
    ("r3_3", "3.危及“三安全一稳定”", None),
    ("r3_4", "4.保护第三方合法权益", None),
    ("r3_5", "5.属于三类内部事务信息", None),
    ("r3_6", "6.属于四类过程性信息", None),
    ("r3_7", "7.属于行政执法案卷", None),
    ("r3_8", "8.属于行政查询事项", None),
    ("r4_1", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("r4_2", "2.没有现成信息需要另行制作", None),
    ("r4_3", "3.补正后申请内容仍不明确", None),
    ("r5_1", "1.信访举报投诉类申请", "（五）不予处理"),
    ("r5_2", "2.重复申请", None),
    ("r5_3", "3.要求提供公开出版物", None),
    ("r5_4", "4.无正当理由大量反复申请", None),
    ("r5_5", "5.要求行政机关确认或重新出具已获取信息", None),
    ("r6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("r6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None),
    ("r6_3", "3.其他", None),
]



def complete_t3(t3, carried_over, carried_forward):
    """表三 from its result rows: （七）总计 per column, and 本年新收 such that
    新收 + 上年结转 = 办理结果 + 结转下年度 in every column."""
    t3 = dict(t3)
    for rid, _, _ in RESULT_ROWS:
        t3.setdefault(rid, [0] * 6)
    t3["carried_over"] = carried_over
    t3["carried_forward"] = carried_forward
    t3["r7_total"] = [sum(t3[rid][c] for rid, _, _ in RESULT_ROWS) for c in range(6)]
    t3["new_received"] = [
        t3["r7_total"][c] + carried_forward[c] - carried_over[c] for c in range(6)
    ]
    return t3


# The distinct report: each result row's figures differ along the row and from the rows
# around it.
DISTINCT = {
    "t2": {
        "rules": [2, 1, 17],
        "normative": [5, 3, 48],
        "licensing": [1357],
        "penalty": [246],
        "coercion": [38],
        "fees": ["12.5"],
    },
    "t3": complete_t3(
        {rid: [1 + (r * 7 + c * 3) % 19 for c in range(6)]
         for r, (rid, _, _) in enumerate(RESULT_ROWS)},
        carried_over=[3 + 2 * c for c in range(6)],
        carried_forward=[2 + c for c in range(6)],
    ),
    "t4": {
        "review": [6, 2, 1, 3],
        "lit_direct": [4, 0, 5, 2],
        "lit_after_review": [7, 1, 2, 0],
    },
}

# A small report as most agencies print one (mostly zeros), for flattened rows: every
# row of 表三 and 表四 splits one way only by its own total, except （一）予以公开
# (11|2|… or 1|12|…, both add up to 13); 行政规范性文件 5|3|48 has four digits for three
# columns.
SMALL = {
    "t2": {
        "rules": [0, 0, 0],
        "normative": [5, 3, 48],
        "licensing": [26367],
        "penalty": [143],
        "coercion": [30],
        "fees": ["90"],
    },
    "t3": complete_t3(
        {
            "r1_granted": [11, 2, 0, 0, 0, 0],
            "r2_partial": [7, 0, 1, 0, 2, 0],
            "r3_3": [2, 0, 0, 0, 0, 0],
            "r3_5": [1, 0, 0, 0, 0, 0],
            "r4_1": [9, 1, 0, 0, 0, 0],
            "r4_2": [3, 0, 0, 0, 1, 0],
            "r5_2": [4, 0, 0, 0, 0, 0],
            "r6_1": [2, 0, 0, 0, 0, 1],
            "r6_3": [1, 0, 0, 0, 0, 0],
        },
        carried_over=[5, 0, 0, 0, 1, 0],
        carried_forward=[8, 0, 0, 0, 1, 0],
    ),
    "t4": {
        "review": [1, 0, 0, 2],
        "lit_direct": [0, 0, 0, 0],
        "lit_after_review": [0, 1, 0, 0],
    },
}

ROW_LABELS_T3 = [("new_received", "一、本年新收政府信息公开申请数量", None),
                 ("carried_over", "二、上年结转政府信息公开申请数量", None)]
ROW_LABELS_T3 += [(rid, label, group) for rid, label, group in RESULT_ROWS]
ROW_LABELS_T3 += [("r7_total", "（七）总计", None),
                  ("carried_forward", "四、结转下年度继续办理", None)]

T2_BLOCKS = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("rules", "规章"), ("normative", "行政规范性文件")], ["made", "repealed", "in_force"]),
    ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可")], ["decisions"]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("penalty", "行政处罚"), ("coercion", "行政强制")],
     ["decisions"]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")], ["amount"]),
]

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"



def texts_for(fig):
    """The narrative, its figures those of the tables."""
    t2, t3 = fig["t2"], fig["t3"]
    n_new = sum(t3["new_received"])
    n_over = sum(t3["carried_over"])
    n_done = sum(t3["r7_total"])
    n_forward = sum(t3["carried_forward"])
    return {
        "s1.overview": f"{YEAR}年，{AGENCY}坚持以公开为常态、不公开为例外，围绕全市中心工作推进政务公开，各项工作有序开展。",
        "s1.proactive": f"全年通过政府门户网站主动公开政府信息3186条，其中本年制发行政规范性文件{t2['normative'][0]}件，现行有效行政规范性文件{t2['normative'][2]}件；发布政策解读材料57篇，召开新闻发布会9场。",
        "s1.on_request": f"全年新收政府信息公开申请{n_new}件，上年结转{n_over}件，本年度办结{n_done}件，结转下年度继续办理{n_forward}件，均在法定期限内答复。",
        "s1.management": "严格落实公文公开属性源头认定和保密审查制度，全年清理政策文件两批，对失效、废止文件及时标注。",
        "s1.platform": "优化政府门户网站政府信息公开专栏，完成政务新媒体账号年度核查，关停整合账号4个。",
        "s1.oversight": "将政务公开纳入年度绩效考核，组织全市政务公开业务培训3次，本年度未发生因政务公开工作被追责的情形。",
        "s5.problems": "政策解读形式仍较单一，部分单位信息更新不够及时。",
        "s5.improvements": "2025年将丰富图解、视频等解读形式，建立信息更新月度通报机制。",
        "s6.body": "本年度未收取信息处理费。无其他需要报告的事项。",
    }


PARTS = [
    ("一、总体情况", [("s1.overview", None), ("s1.proactive", "（一）主动公开"),
                  ("s1.on_request", "（二）依申请公开"), ("s1.management", "（三）政府信息管理"),
                  ("s1.platform", "（四）政府信息公开平台建设"), ("s1.oversight", "（五）监督保障")]),
    ("二、主动公开政府信息情况", []),
    ("三、收到和处理政府信息公开申请情况", []),
    ("四、政府信息公开行政复议、行政诉讼情况", []),
    ("五、存在的主要问题及改进情况", [("s5.problems", "（一）存在的主要问题"),
                            ("s5.improvements", "（二）改进情况")]),
    ("六、其他需要报告的事项", [("s6.body", None)]),
]

PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    f"（国办公开办函〔2021〕30号）要求，现公布{AGENCY}{YEAR}年政府信息公开工作年度报告。"
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
    "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。"
    f"本报告所列数据的统计期限自{YEAR}年1月1日起至{YEAR}年12月31日止。"
)


def t3_row(fig, rid):
    """The seven printed figures of a row of 表三: six applicants and the total."""
    values = fig["t3"][rid]
    return [str(v) for v in values] + [str(sum(values))]


def t4_row(fig):
    out = []
    for group in ["review", "lit_direct", "lit_after_review"]:
        out += [str(v) for v in fig["t4"][group]] + [str(sum(fig["t4"][group]))]
    return out


# ---------------------------------------------------------------------------------------
# The expected draft.

def ron_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def expected_draft(fig, blank=(), texts=None, published_on="2025-01-22", agency=AGENCY,
                   level="MunicipalGov"):
    """The draft every file of the distinct report should import as; `blank` cell ids
    are printed blank (so absent)."""
    texts = texts_for(fig) if texts is None else texts
    T2, T3, T4 = fig["t2"], fig["t3"], fig["t4"]
    cells, stated = [], []
    for row, cols in [("rules", ["made", "repealed", "in_force"]),
                      ("normative", ["made", "repealed", "in_force"]),
                      ("licensing", ["decisions"]), ("penalty", ["decisions"]),
                      ("coercion", ["decisions"]), ("fees", ["amount"])]:
        for col, v in zip(cols, T2[row]):
            cells.append((f"t2.{row}.{col}", str(v)))
    for rid, _, _ in ROW_LABELS_T3:
        if rid == "r7_total":
            continue
        for col, v in zip(APPLICANTS, T3[rid]):
            cells.append((f"t3.{rid}.{col}", str(v)))
    for group in ["review", "lit_direct", "lit_after_review"]:
        for col, v in zip(["upheld", "corrected", "other", "pending"], T4[group]):
            cells.append((f"t4.{group}.{col}", str(v)))
    for rid, _, _ in ROW_LABELS_T3:
        if rid == "r7_total":
            for col, v in zip(APPLICANTS + ["total"], t3_row(fig, "r7_total")):
                stated.append((f"t3.r7_total.{col}", v))
        else:
            stated.append((f"t3.{rid}.total", str(sum(T3[rid]))))
    for group in ["review", "lit_direct", "lit_after_review"]:
        stated.append((f"t4.{group}.total", str(sum(T4[group]))))
    cells = [(k, v) for k, v in cells if k not in blank]
    stated = [(k, v) for k, v in stated if k not in blank]
    # Cells and printed totals in template order, as nianbao writes them.
    order = [k for k, _ in cells]
    lines = ["(", "    format_version: 1,", '    template: "gov-info-disclosure-2021",',
             "    template_file: None,", "    meta: (", f"        agency: {ron_string(agency)},",
             f"        year: {YEAR},", f"        level: Some({level}),",
             f"        published_on: {ron_string(published_on)},",
             '        website: "",', '        contact: "",', "    ),", "    texts: {"]
    for k, v in texts.items():
        lines.append(f"        {ron_string(k)}: {ron_string(v)},")
    lines.append("    },")
    lines.append("    cells: {")
    for k, v in cells:
        lines.append(f"        {ron_string(k)}: {ron_string(v)},")
    lines.append("    },")
    lines.append("    stated: {")
    for k, v in stated:
        lines.append(f"        {ron_string(k)}: {ron_string(v)},")
    lines.append("    },")
    lines.append(")")
    del order
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# Tables as cells in document order: each table a list of rows, each row a list of cells.

def t2_rows(fig, blank=()):
    T2 = fig["t2"]
    rows = []
    for caption, headers, body, cols in T2_BLOCKS:
        rows.append([caption])
        rows.append(["信息内容"] + headers)
        for rid, label in body:
            cells = []
            for col, v in zip(cols, T2[rid]):
                cells.append("" if f"t2.{rid}.{col}" in blank else str(v))
            rows.append([label] + cells)
    return rows


def t3_rows(fig, blank=(), split_header=False, single_other=False):
    """表三 as the official template prints it, the merged row labels collapsed (the first
    row of a block carries its group label)."""
    rows = [[T3_CORNER, "申请人情况"],
            ["自然人", "法人或其他组织", "总计"],
            ["商业\n企业" if split_header else "商业企业", "科研\n机构" if split_header else "科研机构",
             "社会公益组织", "法律服务机构", "其他"]]
    for rid, label, group in ROW_LABELS_T3:
        if single_other and rid in ("r6_2", "r6_3"):
            continue
        if single_other and rid == "r6_1":
            values = [sum(fig["t3"][r][c] for r in ("r6_1", "r6_2", "r6_3")) for c in range(6)]
            row = ["（六）其他处理"] + [str(v) for v in values] + [str(sum(values))]
            rows.append(row)
            continue
        figures = t3_row(fig, rid)
        ids = [f"t3.{rid}.{c}" for c in APPLICANTS + ["total"]]
        figures = ["" if i in blank else f for i, f in zip(ids, figures)]
        lead = []
        if rid == "r1_granted":
            lead.append("三、本年度办理结果")
        if group:
            lead.append(group)
        rows.append(lead + [label] + figures)
    return rows


def t4_rows(fig):
    return [["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
             "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
            t4_row(fig)]


def narrative_lines(section_index, texts, repeat_heading=False):
    """The lines of a narrative section: sub-headings on lines of their own."""
    out = []
    for pid, heading in PARTS[section_index][1]:
        if pid not in texts:
            continue
        if heading:
            out.append(heading)
        text = texts[pid]
        if repeat_heading and heading:
            # The heading again at the start of its paragraph, as a sentence.
            text = heading + "情况。" + text
        out.append(text)
    return out


def report(fig, tables, title_lines=None, head=(), tail=(), texts=None, repeat_heading=False,
           signature=(AGENCY, SIGNED)):
    """A whole report as lines of text; `tables` maps a section index to its lines."""
    texts = texts_for(fig) if texts is None else texts
    lines = list(head)
    lines += title_lines or [f"{AGENCY}{YEAR}年政府信息公开工作年度报告"]
    lines.append(PREAMBLE)
    for i, (heading, _) in enumerate(PARTS):
        lines.append(heading)
        lines += narrative_lines(i, texts, repeat_heading)
        lines += tables.get(i, [])
    lines += list(signature)
    lines += list(tail)
    return lines


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------
# Shapes.

def cells_with_bar_lines(rows):
    """Every cell on its own line, a line holding only 「|」 between any two cells (rows
    included); a cell printed blank is an empty line between two bars; a cell whose text
    breaks inside it keeps the break."""
    out = []
    for row in rows:
        for cell in row:
            if out:
                out.append("|")
            out.extend(cell.split("\n") if cell else [""])
    return out


def cells_closed_by_bars(rows, filler_line="||", row_opener=False):
    """Every cell on its own line ending in 「 |」, a cell printed blank a line holding only
    「|」; after each row a line of bars run together (the filler a site prints for the grid
    cells its merged cells cover), or, with `row_opener`, a 「|」 line before each row and the
    filler run at the end of the row's last line."""
    out = []
    for row in rows:
        if row_opener:
            out.append("|")
        lines = [(c.replace("\n", "") + " |") if c else "|" for c in row]
        if row_opener:
            lines[-1] += " " + filler_line
        out += lines
        if not row_opener:
            out.append(filler_line)
    return out


def cells_with_blank_lines(rows):
    """Every cell on its own line with an empty line between any two cells; figures
    indented by one or two spaces as some sites print them."""
    out = []
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            if out:
                out.append("")
            is_figure = cell.replace(".", "").isdigit()
            pad = " " * (1 + (r + k) % 2) if is_figure else ""
            if cell == "（三）不予公开":
                out += ["（三）", "", "不予公开"]
                continue
            out.extend(pad + piece for piece in cell.split("\n"))
    return out


def flattened(rows):
    """A row's cells run together with no separator (a site's text export)."""
    return ["".join(c.replace("\n", "") for c in row) for row in rows]


def bar_rows(rows):
    return [" | ".join(c.replace("\n", "") for c in row) for row in rows]


BLANK_BARS = {"t2.rules.repealed", "t3.r3_8.other_org", "t3.r5_2.research"}


# ---------------------------------------------------------------------------------------
# A CMS web page: the site's frame around the report, tables with the official spans.

def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def td(text, rowspan=1, colspan=1):
    attrs = ""
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f"<td{attrs}>{esc(text)}</td>"


def html_t2(fig):
    out = ['<table border="1">']
    for caption, headers, body, cols in T2_BLOCKS:
        out.append(f"<tr>{td(caption, colspan=4)}</tr>")
        span = 4 - len(headers)
        head = "".join(td(h, colspan=span if len(headers) == 1 else 1) for h in headers)
        out.append(f"<tr>{td('信息内容')}{head}</tr>")
        for rid, label in body:
            cells = "".join(td(str(v), colspan=span if len(headers) == 1 else 1)
                            for v in fig["t2"][rid])
            out.append(f"<tr>{td(label)}{cells}</tr>")
    out.append("</table>")
    return out


def html_t3(fig):
    out = ['<table border="1">',
           f"<tr>{td(T3_CORNER, 3, 3)}{td('申请人情况', colspan=7)}</tr>",
           f"<tr>{td('自然人', 2)}{td('法人或其他组织', colspan=5)}{td('总计', 2)}</tr>",
           "<tr>" + "".join(td(h) for h in ["商业企业", "科研机构", "社会公益组织",
                                               "法律服务机构", "其他"]) + "</tr>"]
    spans = {"（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    for rid, label, group in ROW_LABELS_T3:
        figures = "".join(td(f) for f in t3_row(fig, rid))
        if rid in ("new_received", "carried_over", "carried_forward"):
            out.append(f"<tr>{td(label, colspan=3)}{figures}</tr>")
            continue
        lead = td("三、本年度办理结果", rowspan=22) if rid == "r1_granted" else ""
        if group:
            lead += td(group, rowspan=spans[group])
            out.append(f"<tr>{lead}{td(label)}{figures}</tr>")
        elif rid in ("r1_granted", "r2_partial", "r7_total"):
            out.append(f"<tr>{lead}{td(label, colspan=2)}{figures}</tr>")
        else:
            out.append(f"<tr>{td(label)}{figures}</tr>")
    out.append("</table>")
    return out


def html_t4(fig):
    leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return ['<table border="1">',
            f"<tr>{td('行政复议', colspan=5)}{td('行政诉讼', colspan=10)}</tr>",
            "<tr>" + "".join(td(h, 2) for h in leaves)
            + f"{td('未经复议直接起诉', colspan=5)}{td('复议后起诉', colspan=5)}</tr>",
            "<tr>" + "".join(td(h) for h in leaves * 2) + "</tr>",
            "<tr>" + "".join(td(v) for v in t4_row(fig)) + "</tr>",
            "</table>"]


WEB_AGENCY = "青川市清河区人民政府"
WEB_TITLE = "清河区人民政府2024年政府信息公开工作年度报告"
WEB_PREAMBLE = (
    "根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求，编制本报告。"
    "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    "本报告的电子版可在清河区人民政府门户网站下载。"
)


def web_page(fig):
    texts = texts_for(fig)
    p = lambda t: f"<p>{esc(t)}</p>"
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
           f"<title>{WEB_TITLE}_青川市清河区人民政府</title></head><body>",
           '<div class="top">无障碍 | 长者版 | 登录 | 注册</div>',
           '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> '
           '<a href="/zwfw">政务服务</a> <a href="/hd">互动交流</a></div>',
           '<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>',
           f"<h1>{WEB_TITLE}</h1>",
           '<div class="info">来源：清河区人民政府办公室　发布时间：2025-01-23 09:30　字号：[大 中 小]</div>',
           '<div class="share">分享到：微信 微博 QQ空间</div>',
           '<div class="ver">全真版 | 文字版</div>',
           '<div class="content">', p(WEB_PREAMBLE)]
    tables = {1: html_t2(fig), 2: html_t3(fig), 3: html_t4(fig)}
    for i, (heading, parts) in enumerate(PARTS):
        out.append(f"<p><strong>{esc(heading)}</strong></p>")
        for pid, sub in parts:
            if sub:
                out.append(f"<p><strong>{esc(sub)}</strong></p>")
                # The sub-heading again at the start of its paragraph, as a sentence.
                said = sub if sub.endswith("情况") else sub + "情况"
                out.append(p(f"{said}。{texts[pid]}"))
            else:
                out.append(p(texts[pid]))
        out += tables.get(i, [])
    out += ['<p style="text-align: right">青川市清河区人民政府</p>', "</div>",
            '<div class="attach">文件下载：清河区2024年政府信息公开工作年度报告.pdf</div>',
            "<div>相关链接</div>",
            "<ul><li><a href=\"/2024/1.html\">清河区人民政府2023年政府信息公开工作年度报告</a></li></ul>",
            "<div>友情链接：中国政府网 | 云岭省人民政府</div>",
            "<div>网站地图 | 联系我们</div>",
            "<div>主办：青川市清河区人民政府办公室　ICP备案：滇ICP备12345678号</div>",
            "<div>建议使用IE9以上浏览器、1366×768分辨率浏览本站</div>",
            "</body></html>"]
    return out


def main():
    d = DISTINCT
    write("distinct-2024.nianbao", [expected_draft(d).rstrip("\n")])

    # 1. One cell per line, 「|」 lines between cells; three cells printed blank.
    bars = {1: cells_with_bar_lines(t2_rows(d, BLANK_BARS)),
            2: cells_with_bar_lines(t3_rows(d, BLANK_BARS, split_header=True)),
            3: cells_with_bar_lines(t4_rows(d))}
    write("cells-bar-lines.txt", report(d, bars))
    write("cells-bar-lines.expected.nianbao", [expected_draft(d, blank=BLANK_BARS).rstrip("\n")])

    # 1b. One cell per line, each closed by 「 |」, 「|」 for a blank cell, bars run together
    # after each row (or a 「|」 line before each row and the bars after its last cell).
    closed = {1: cells_closed_by_bars(t2_rows(d, BLANK_BARS)),
              2: cells_closed_by_bars(t3_rows(d, BLANK_BARS)),
              3: cells_closed_by_bars(t4_rows(d))}
    write("cells-closed-bars.txt", report(d, closed))
    opened = {1: cells_closed_by_bars(t2_rows(d, BLANK_BARS), "|||||||||", True),
              2: cells_closed_by_bars(t3_rows(d, BLANK_BARS), "|||||||||", True),
              3: cells_closed_by_bars(t4_rows(d), "|||||||||", True)}
    write("cells-closed-bars-opened.txt", report(d, opened))

    # 2. One cell per line, empty lines between cells.
    blanks = {1: cells_with_blank_lines(t2_rows(d)),
              2: cells_with_blank_lines(t3_rows(d, split_header=True)),
              3: cells_with_blank_lines(t4_rows(d))}
    write("cells-blank-lines.txt", report(d, blanks))

    # 3. Flattened rows: no separator at all between a row's cells.
    s = SMALL
    flat = {1: flattened(t2_rows(s)), 2: flattened(t3_rows(s)), 3: flattened(t4_rows(s))}
    write("flattened.txt", report(s, flat))
    write("flattened.nianbao", [expected_draft(s).rstrip("\n")])

    # 5. Row labels with a character or two missing or wrong; one beyond that.
    damaged = {
        "行政规范性文件": "行政规范性文",
        "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数",
        "5.属于三类内部事务信息": "5.属于三类内容事务信息",
        "2.没有现成信息需要另行制作": "2.没有现成信息需要另行制做",
        "4.保护第三方合法权益": "4.保护第三人权益",
    }

    def damage(rows):
        return [[damaged.get(c, c) for c in row] for row in rows]

    labels = {1: bar_rows(damage(t2_rows(d))), 2: bar_rows(damage(t3_rows(d))),
              3: bar_rows(t4_rows(d))}
    write("damaged-labels.txt", report(d, labels))

    # 6. A web page: the site's frame around the report; a sub-heading repeated at the
    # start of its paragraph; the agency in full only in the signature; the date only in
    # the page's info line.
    write("web-page.html", web_page(d))
    texts = dict(texts_for(d))
    texts["s0.preamble"] = WEB_PREAMBLE
    write("web-page.expected.nianbao", [expected_draft(
        d, texts=texts, published_on="2025-01-23", agency=WEB_AGENCY, level="CountyGov")
        .rstrip("\n")])

    # 3b. A site's text export that also runs every heading into the text after it.
    glued = []
    texts = texts_for(s)
    glued.append(f"{AGENCY}{YEAR}年政府信息公开工作年度报告")
    glued.append(PREAMBLE)
    for i, (heading, parts) in enumerate(PARTS):
        pending = heading
        for pid, sub in parts:
            text = texts[pid]
            if sub:
                text = sub + text
            glued.append(pending + text if pending else text)
            pending = ""
        if pending:
            glued.append(pending + ("该部分以表格形式报告。" if i in flat else ""))
        glued += flat.get(i, [])
    glued += [AGENCY, SIGNED]
    write("flattened-glued.txt", glued)

    # 4. 表三 printing （六）其他处理 as one row.
    single = {1: bar_rows(t2_rows(d)), 2: bar_rows(t3_rows(d, single_other=True)),
              3: bar_rows(t4_rows(d))}
    write("single-other-row.txt", report(d, single))


if __name__ == "__main__":
    main()
