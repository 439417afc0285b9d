//! The package's other parts: styles, settings, the font table with its substitutes, the
//! page setup and the page numbers' footers.

use super::flow::{Para, Writer, run, run_properties};
use super::{A4_TWIPS, DocxOptions, LATIN_FONT, mm_to_twips, page_grid};
use crate::export::ooxml::{self, Part, R, W, Xml};

impl Writer<'_> {
    /// The package's parts: the document, its styles, settings, font table, the two page
    /// number footers and the document's relationships.
    pub(super) fn parts(&self, document: Vec<u8>) -> Vec<Part> {
        vec![
            Part {
                path: "word/document.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                bytes: document,
            },
            Part {
                path: "word/styles.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
                bytes: self.styles(),
            },
            Part {
                path: "word/settings.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
                bytes: settings(),
            },
            Part {
                path: "word/fontTable.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
                bytes: font_table(self.options),
            },
            Part {
                path: "word/footer1.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                bytes: self.footer(true),
            },
            Part {
                path: "word/footer2.xml",
                content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
                bytes: self.footer(false),
            },
            Part {
                path: "word/_rels/document.xml.rels",
                content_type: "application/vnd.openxmlformats-package.relationships+xml",
                bytes: ooxml::document_rels(),
            },
        ]
    }

    /// The section: A4, the margins, and the page numbers' footers (odd pages right, even
    /// pages left).
    pub(super) fn section(&self, x: &mut Xml) {
        let o = self.options;
        let [top, bottom, left, right] = o.margins_mm.map(mm_to_twips);
        // GB/T 9704: the page number's line starts 7 mm below the text block.
        let number_height = u32::try_from(o.page_number_size_half_points * 10).unwrap_or(280);
        let footer = mm_to_twips(o.margins_mm[1].saturating_sub(7)).saturating_sub(number_height);
        x.open("w:sectPr", &[]);
        x.empty(
            "w:footerReference",
            &[("w:type", "default"), ("r:id", "rIdFooterOdd")],
        );
        x.empty(
            "w:footerReference",
            &[("w:type", "even"), ("r:id", "rIdFooterEven")],
        );
        x.empty(
            "w:pgSz",
            &[
                ("w:w", &A4_TWIPS.0.to_string()),
                ("w:h", &A4_TWIPS.1.to_string()),
            ],
        );
        x.empty(
            "w:pgMar",
            &[
                ("w:top", &top.to_string()),
                ("w:right", &right.to_string()),
                ("w:bottom", &bottom.to_string()),
                ("w:left", &left.to_string()),
                ("w:header", "851"),
                ("w:footer", &footer.to_string()),
                ("w:gutter", "0"),
            ],
        );
        x.empty("w:pgNumType", &[("w:fmt", "decimal"), ("w:start", "1")]);
        x.empty("w:cols", &[("w:space", "425")]);
        let (line_pitch, _) = page_grid(self.options);
        x.empty(
            "w:docGrid",
            &[
                ("w:type", "lines"),
                ("w:linePitch", &line_pitch.to_string()),
            ],
        );
        x.close("w:sectPr");
    }

    /// A footer with the page number 「— N —」 in 4号 半角宋体, on odd pages at the right
    /// and on even pages at the left, one character in from the edge of the text.
    pub(super) fn footer(&self, odd: bool) -> Vec<u8> {
        let o = self.options;
        let size = o.page_number_size_half_points;
        let one_char = i32::try_from(size * 10).unwrap_or(280);
        let mut x = Xml::new();
        x.open("w:ftr", &[("xmlns:w", W), ("xmlns:r", R)]);
        x.open("w:p", &[]);
        Para {
            spacing: Some((one_char, 0)),
            ind: Some(if odd {
                (0, one_char, 0)
            } else {
                (one_char, 0, 0)
            }),
            jc: Some(if odd { "right" } else { "left" }),
            off_grid: true,
            ..Para::default()
        }
        .write(&mut x);
        let font = "宋体";
        run(&mut x, "— ", font, font, size);
        // Every run of the field in the page number's font and size: Word shows the number
        // in the field code's run properties when it updates it.
        let field = |x: &mut Xml, kind: &str| {
            x.open("w:r", &[]);
            run_properties(x, (font, font), size, 0);
            x.empty("w:fldChar", &[("w:fldCharType", kind)]);
            x.close("w:r");
        };
        field(&mut x, "begin");
        x.open("w:r", &[]);
        run_properties(&mut x, (font, font), size, 0);
        x.element("w:instrText", &[("xml:space", "preserve")], " PAGE ");
        x.close("w:r");
        field(&mut x, "separate");
        run(&mut x, "1", font, font, size);
        field(&mut x, "end");
        run(&mut x, " —", font, font, size);
        x.close("w:p");
        x.close("w:ftr");
        x.into_bytes()
    }

    /// Defaults (the body font, 三号, Chinese language, widow control), the normal
    /// paragraph and the normal table.
    pub(super) fn styles(&self) -> Vec<u8> {
        let mut x = Xml::new();
        x.open("w:styles", &[("xmlns:w", W)]);
        self.doc_defaults(&mut x);
        normal_styles(&mut x);
        table_normal_style(&mut x);
        x.close("w:styles");
        x.into_bytes()
    }

    /// The document defaults: runs in the body font at body size, Chinese language, and
    /// paragraphs with widow control.
    pub(super) fn doc_defaults(&self, x: &mut Xml) {
        let o = self.options;
        let size = o.body_size_half_points.to_string();
        x.open("w:docDefaults", &[]);
        x.open("w:rPrDefault", &[]);
        x.open("w:rPr", &[]);
        x.empty(
            "w:rFonts",
            &[
                ("w:ascii", LATIN_FONT),
                ("w:hAnsi", LATIN_FONT),
                ("w:eastAsia", &o.body_font),
                ("w:cs", LATIN_FONT),
            ],
        );
        x.empty("w:kern", &[("w:val", "2")]);
        x.empty("w:sz", &[("w:val", &size)]);
        x.empty("w:szCs", &[("w:val", &size)]);
        x.empty(
            "w:lang",
            &[
                ("w:val", "en-US"),
                ("w:eastAsia", "zh-CN"),
                ("w:bidi", "ar-SA"),
            ],
        );
        x.close("w:rPr");
        x.close("w:rPrDefault");
        x.open("w:pPrDefault", &[]);
        x.open("w:pPr", &[]);
        x.empty("w:widowControl", &[]);
        x.close("w:pPr");
        x.close("w:pPrDefault");
        x.close("w:docDefaults");
    }
}

/// The default paragraph style (Normal, with widow control) and the default character style.
fn normal_styles(x: &mut Xml) {
    x.open(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
    );
    x.empty("w:name", &[("w:val", "Normal")]);
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:widowControl", &[]);
    x.close("w:pPr");
    x.close("w:style");

    x.open(
        "w:style",
        &[
            ("w:type", "character"),
            ("w:default", "1"),
            ("w:styleId", "DefaultParagraphFont"),
        ],
    );
    x.empty("w:name", &[("w:val", "Default Paragraph Font")]);
    x.empty("w:uiPriority", &[("w:val", "1")]);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.close("w:style");
}

/// The default table style (Normal Table): no indent, Word's usual cell margins.
fn table_normal_style(x: &mut Xml) {
    x.open(
        "w:style",
        &[
            ("w:type", "table"),
            ("w:default", "1"),
            ("w:styleId", "TableNormal"),
        ],
    );
    x.empty("w:name", &[("w:val", "Normal Table")]);
    x.empty("w:uiPriority", &[("w:val", "99")]);
    x.empty("w:semiHidden", &[]);
    x.empty("w:unhideWhenUsed", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    x.open("w:tblCellMar", &[]);
    for (side, w) in [
        ("w:top", "0"),
        ("w:left", "108"),
        ("w:bottom", "0"),
        ("w:right", "108"),
    ] {
        x.empty(side, &[("w:w", w), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.close("w:style");
}

/// Settings: 100 % zoom, odd and even footers, Chinese punctuation compressed, Word 2013+
/// layout.
fn settings() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W)]);
    x.empty("w:zoom", &[("w:percent", "100")]);
    x.empty("w:defaultTabStop", &[("w:val", "420")]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty(
        "w:characterSpacingControl",
        &[("w:val", "compressPunctuation")],
    );
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.empty(
        "w:themeFontLang",
        &[("w:val", "en-US"), ("w:eastAsia", "zh-CN")],
    );
    x.close("w:settings");
    x.into_bytes()
}

/// The font table: Times New Roman and the Chinese fonts (GB2312 charset), each with the
/// substitute Word and WPS use where it is not installed, and that one listed too, with its
/// own (仿宋_GB2312 → 仿宋 → `FangSong`), and each with its kind of face, so that a PC
/// without them still sets the body in a serif face, the headings in a hei face and the
/// second headings in a kai face (not one sans face for everything).
fn font_table(options: &DocxOptions) -> Vec<u8> {
    let mut names: Vec<&str> = [
        &options.title_font,
        &options.body_font,
        &options.heading1_font,
        &options.heading2_font,
        &options.table_font,
    ]
    .map(String::as_str)
    .to_vec();
    let alt = |name: &str| {
        options
            .font_fallbacks
            .iter()
            .find(|(font, _)| font == name)
            .map(|(_, alt)| alt.as_str())
    };
    // Each substitute in turn, as far as the chain goes.
    let mut at = 0;
    while at < names.len() {
        if let Some(next) = alt(names[at])
            && !names.contains(&next)
        {
            names.push(next);
        }
        at += 1;
    }
    names.sort_unstable();
    names.dedup();
    let mut x = Xml::new();
    x.open("w:fonts", &[("xmlns:w", W)]);
    x.open("w:font", &[("w:name", LATIN_FONT)]);
    x.empty("w:panose1", &[("w:val", "02020603050405020304")]);
    x.empty("w:charset", &[("w:val", "00")]);
    x.empty("w:family", &[("w:val", "roman")]);
    x.empty("w:pitch", &[("w:val", "variable")]);
    x.close("w:font");
    for name in names {
        x.open("w:font", &[("w:name", name)]);
        if let Some(alt) = alt(name) {
            x.empty("w:altName", &[("w:val", alt)]);
        }
        x.empty("w:charset", &[("w:val", "86")]);
        x.empty("w:family", &[("w:val", face_family(name))]);
        x.empty("w:pitch", &[("w:val", "variable")]);
        x.close("w:font");
    }
    x.close("w:fonts");
    x.into_bytes()
}

/// The kind of face a Chinese font is, as Word's font table names kinds: 黑体 a sans
/// (swiss), 楷体 a script, 宋体, 仿宋 and the title's 小标宋 a serif (roman).
fn face_family(name: &str) -> &'static str {
    if name.contains('黑') || name.contains("Hei") {
        "swiss"
    } else if name.contains('楷') || name.contains("Kai") {
        "script"
    } else {
        "roman"
    }
}

#[cfg(test)]
mod tests {
    use super::font_table;
    use crate::export::DocxOptions;

    #[test]
    pub(super) fn chinese_fonts_are_declared_with_substitutes() {
        let out = String::from_utf8(font_table(&DocxOptions::default())).unwrap();
        assert!(
            out.contains(
                r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>"#),
            "{out}"
        );
        // The chain goes on to the English names, each face with its kind.
        assert!(
            out.contains(
                r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:charset w:val="86"/><w:family w:val="roman"/>"#
            ),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="swiss"/>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:charset w:val="86"/><w:family w:val="script"/>"#),
            "{out}"
        );
        assert!(out.contains(r#"<w:font w:name="KaiTi">"#), "{out}");
    }
}
