#!/usr/bin/env python3
"""Regenerate the PDF import fixtures in this folder (see README.md).

Usage: python3 tests/data/pdf/make-pdfs.py PATH/TO/nianbao-cli [NAME ...]

With names (e.g. `distinct-row-split`), only those PDFs are made again.

Each PDF is made the way a publisher makes one: `nianbao-cli export DRAFT --docx`,
optionally an edit of word/document.xml (string and regex edits, the DOCX re-zipped
with the same entry order), then LibreOffice `soffice --headless --convert-to pdf`.
Needs `soffice` on PATH; `pdftotext` (poppler-utils) is used, when present, to check
that each variant came out as intended. Standard library only.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)  # tests/data

# ---------------------------------------------------------------------------
# helpers


def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), r.stdout.decode(errors="replace"),
                                       r.stderr.decode(errors="replace")))
    return r.stdout.decode("utf-8", errors="replace")


def export_docx(cli, draft, docx):
    run([cli, "export", draft, "--docx", docx, "--allow-errors", "--force"])


def edit_docx(docx, edit):
    """Apply edit(str) -> str to word/document.xml, keeping entry order and metadata."""
    tmp = docx + ".tmp"
    with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(tmp, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data, compress_type=info.compress_type)
    os.replace(tmp, docx)


def to_pdf(docx, outdir, profile):
    run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
         "--convert-to", "pdf", "--outdir", outdir, docx])
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + ".pdf")
    if not os.path.exists(pdf):
        sys.exit("soffice made no PDF from " + docx)
    return pdf


def text_of(xml):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def tables(xml):
    """(start, end) of every top-level <w:tbl> (the export never nests tables)."""
    return [(m.start(), m.end()) for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S)]


def set_grid(tbl, widths):
    """Give a table new grid column widths; every cell's tcW becomes the sum of the
    columns it spans. The table width must stay the same."""
    old = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', tbl)]
    assert len(old) == len(widths), (old, widths)
    assert sum(old) == sum(widths), (sum(old), sum(widths))
    grid = "".join('<w:gridCol w:w="%d" w:type="dxa" />' % w for w in widths)
    tbl = re.sub(r"<w:tblGrid>.*?</w:tblGrid>", "<w:tblGrid>" + grid + "</w:tblGrid>", tbl,
                 count=1, flags=re.S)

    def row(m):
        pos = 0
        out = []
        last = 0
        r = m.group(0)
        for c in re.finditer(r"<w:tc>.*?</w:tc>", r, re.S):
            cell = c.group(0)
            span = re.search(r'<w:gridSpan w:val="(\d+)"', cell)
            span = int(span.group(1)) if span else 1
            w = sum(widths[pos:pos + span])
            cell = re.sub(r'<w:tcW w:w="\d+"', '<w:tcW w:w="%d"' % w, cell, count=1)
            out.append(r[last:c.start()])
            out.append(cell)
            last = c.end()
            pos += span
        out.append(r[last:])
        assert pos == len(widths), ("row does not fill the grid", pos)
        return "".join(out)

    return re.sub(r"<w:tr>.*?</w:tr>", row, tbl, flags=re.S)


def paragraphs_outside_tables(xml):
    """(start, end) of every body paragraph that is not inside a table."""
    spans = tables(xml)
    res = []
    for m in re.finditer(r"<w:p[ >].*?</w:p>", xml, re.S):
        if not any(a <= m.start() < b for a, b in spans):
            res.append((m.start(), m.end()))
    return res


def find_heading(xml, heading):
    for a, b in paragraphs_outside_tables(xml):
        p = xml[a:b]
        if 'w:eastAsia="黑体"' in p and text_of(p) == heading:
            return a, b
    sys.exit("heading not found: " + heading)


def draft_texts(path):
    """Texts of a draft (RON): key -> value, escapes undone."""
    s = open(path, encoding="utf-8").read()
    body = s[s.index("texts: {"):s.index("cells: {")]
    out = {}
    for m in re.finditer(r'"([a-z0-9_.]+)": "((?:[^"\\]|\\.)*)"', body):
        v = m.group(2)
        v = re.sub(r'\\(["\\n])', lambda e: {"n": "\n"}.get(e.group(1), e.group(1)), v)
        out[m.group(1)] = v
    return out


# ---------------------------------------------------------------------------
# edits


def narrow_labels(xml):
    """Table 三: label columns 619/972/2212 -> 420/560/1260 (value columns get the rest);
    table 二 (its four 第二十条 tables): label column 2653 -> 800."""
    done3 = 0
    done2 = 0
    for a, b in reversed(tables(xml)):
        tbl = xml[a:b]
        old = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', tbl)]
        txt = text_of(tbl)
        if "申请人情况" in txt:
            assert old[:3] == [619, 972, 2212], old
            label = [420, 560, 1260]
            free = sum(old[:3]) - sum(label)
            vals = old[3:]
            extra = [free // len(vals)] * len(vals)
            extra[-1] += free - sum(extra)
            new = label + [v + e for v, e in zip(vals, extra)]
            done3 += 1
        elif txt.startswith("第二十条"):
            assert old[0] == 2653, old
            free = old[0] - 800
            vals = old[1:]
            extra = [free // len(vals)] * len(vals)
            extra[-1] += free - sum(extra)
            new = [800] + [v + e for v, e in zip(vals, extra)]
            done2 += 1
        else:
            continue
        xml = xml[:a] + set_grid(tbl, new) + xml[b:]
    assert done3 == 1 and done2 == 4, (done3, done2)
    return xml


SPLIT_BLANK_LINES = 8
BLANK = ('<w:p><w:pPr><w:rPr /><w:ind w:left="0" w:right="0" w:firstLine="640" />'
         '<w:spacing w:line="560" w:lineRule="exact" /></w:pPr></w:p>')


def split_table(xml):
    """Empty paragraphs before table 三's heading push the table down the page."""
    a, _ = find_heading(xml, "三、收到和处理政府信息公开申请情况")
    return xml[:a] + BLANK * SPLIT_BLANK_LINES + xml[a:]


ROW_SPLIT_LABEL = "2.没有现成信息需要另行制作"
ROW_SPLIT_LINES = 16
EMPTY_LINE = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'


def row_split(xml):
    """Table 三's row 「（四）2.没有现成信息需要另行制作」 allowed to break across a page
    (no cantSplit, no keepNext), its label at the top of its cell and sixteen empty lines
    above each figure: LibreOffice prints the label at the foot of one page and the figures
    on the next, under the repeated header."""
    i = xml.find(">" + ROW_SPLIT_LABEL + "<")
    assert i > 0, "row not found"
    a = xml.rfind("<w:tr>", 0, i)
    b = xml.find("</w:tr>", i) + len("</w:tr>")
    row = xml[a:b].replace("<w:trPr><w:cantSplit/></w:trPr>", "")
    out = []
    last = 0
    for c in re.finditer(r"<w:tc>.*?</w:tc>", row, re.S):
        cell = c.group(0).replace("<w:keepNext/>", "")
        if ">" + ROW_SPLIT_LABEL + "<" in cell:
            cell = cell.replace('<w:vAlign w:val="center"/>', '<w:vAlign w:val="top"/>')
        elif "vMerge" not in cell:
            cell = cell.replace("</w:tcPr>", "</w:tcPr>" + EMPTY_LINE * ROW_SPLIT_LINES, 1)
        out.append(row[last:c.start()])
        out.append(cell)
        last = c.end()
    out.append(row[last:])
    return xml[:a] + "".join(out) + xml[b:]


def check_row_split(pdf):
    """The label on one page, its figures (2 5 8 11 14 17 57) on the next."""
    w = words(pdf)
    label = [p for p, _, t in w if t.startswith("2.没有现成")]
    figures = [p for p, _, t in w if t == "57"]
    assert len(label) == 1, label
    assert label[0] + 1 in figures, ("figures not on the next page", label, figures)
    return label[0]


HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"]
NUMERALS = "一二三四五六"

UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)([件条篇元个家])")


def spaced(text):
    return UNIT_RE.sub(r"\1 \2", text.replace("2024年", "2024 年"))


def numbering(xml, texts):
    """Headings 一、…六、 -> 1、…6、; narrative texts: a space between a figure and its
    unit (件条篇元个家) and in 「2024年」. Returns (xml, {key: new text})."""
    for i, h in enumerate(HEADINGS):
        a, b = find_heading(xml, h)
        p = xml[a:b]
        new = str(i + 1) + h[1:]
        assert h[0] == NUMERALS[i]
        p2 = p.replace(">" + h + "<", ">" + new + "<", 1)
        assert p2 != p, h
        xml = xml[:a] + p2 + xml[b:]
    narrative = {k: v for k, v in texts.items()
                 if k.split(".")[0] in ("s1", "s2", "s3", "s4", "s5", "s6")}
    changed = {}
    for key, value in narrative.items():
        new = spaced(value)
        if new == value:
            continue
        for para in value.split("\n"):
            if spaced(para) == para:
                continue
            needle = ">" + para.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "<"
            assert xml.count(needle) == 1, (key, para[:20], xml.count(needle))
            xml = xml.replace(needle, ">" + spaced(needle[1:-1]) + "<")
        changed[key] = new
    return xml, changed


# ---------------------------------------------------------------------------
# checks (need pdftotext)


def words(pdf):
    """[(page, yMin, text)] from pdftotext -bbox."""
    html = run(["pdftotext", "-bbox", pdf, "-"])
    res = []
    page = 0
    height = 0.0
    for line in html.splitlines():
        m = re.search(r'<page width="[\d.]+" height="([\d.]+)"', line)
        if m:
            page += 1
            height = float(m.group(1))
            continue
        m = re.search(r'yMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        if m:
            res.append((page, float(m.group(1)) / height, m.group(2)))
    return res


def check_split(pdf):
    w = words(pdf)
    head = [x for x in w if x[2].startswith("三、收到和处理")]
    assert len(head) == 1, head
    page, y, _ = head[0]
    assert y > 0.5, "table 三 heading not in the lower half of its page (%.2f)" % y
    last = [x for x in w if x[2].startswith("四、结转下年度")]
    assert last and last[0][0] == page + 1, "table 三 does not run onto the next page"
    # the header repeats on the next page
    rep = [x for x in w if x[2] == "申请人情况"]
    assert [p for p, _, _ in rep] == [page, page + 1], rep
    return page, y


# ---------------------------------------------------------------------------


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cli = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    work = tempfile.mkdtemp(prefix="nianbao-pdfs-")
    profile = os.path.join(work, "lo-profile-%d" % os.getpid())
    have_pdftotext = shutil.which("pdftotext") is not None
    seed3 = os.path.join(DATA, "seed-003.nianbao")
    seed4 = os.path.join(DATA, "seed-004.nianbao")
    colspan = os.path.join(work, "colspan-2019.nianbao")
    shutil.copyfile(os.path.join(DATA, "import", "colspan-2019.expected.ron"), colspan)

    jobs = [
        ("seed-003", seed3, None),
        ("seed-004", seed4, None),
        ("colspan-2019", colspan, None),
        ("seed-003-narrow-labels", seed3, narrow_labels),
        ("seed-003-split-table", seed3, split_table),
        ("seed-003-numbering", seed3, "numbering"),
        ("distinct-row-split", os.path.join(DATA, "import", "shapes", "distinct-2024.nianbao"),
         row_split),
    ]
    if only:
        jobs = [j for j in jobs if j[0] in only]
    try:
        for name, draft, edit in jobs:
            docx = os.path.join(work, name + ".docx")
            export_docx(cli, draft, docx)
            if edit == "numbering":
                texts = draft_texts(draft)
                changed = {}

                def ed(xml):
                    xml, c = numbering(xml, texts)
                    changed.update(c)
                    return xml

                edit_docx(docx, ed)
                for k in sorted(changed):
                    print("  %s: %s" % (k, changed[k]))
            elif edit is not None:
                edit_docx(docx, edit)
            pdf = to_pdf(docx, work, profile)
            dest = os.path.join(HERE, name + ".pdf")
            shutil.copyfile(pdf, dest)
            note = ""
            if have_pdftotext and name == "seed-003-split-table":
                page, y = check_split(dest)
                note = " (table 三 heading on page %d at %.0f%% of its height)" % (page, 100 * y)
            if have_pdftotext and name == "distinct-row-split":
                page = check_row_split(dest)
                note = " (the row's label on page %d, its figures on page %d)" % (page, page + 1)
            print("%s: %d bytes%s" % (os.path.relpath(dest, os.getcwd()), os.path.getsize(dest), note))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
