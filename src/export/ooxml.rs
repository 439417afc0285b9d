//! The package a DOCX is: its XML parts written in the child order the ISO/IEC 29500
//! schemas give (Word is strict about it where LibreOffice is lenient), every part
//! referenced, and the zip deflated with fixed timestamps, so that the same report gives the
//! same bytes.

use std::io::Write as _;

use super::ExportError;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An XML document written as text. Elements are opened and closed by the caller, in
/// schema order; text and attribute values are escaped here.
pub(super) struct Xml(String);

impl Xml {
    pub(super) fn new() -> Self {
        Self(String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
        ))
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape_into(&mut self.0, value);
            self.0.push('"');
        }
    }

    /// `<tag attrs>`.
    pub(super) fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.0.push('>');
    }

    /// `<tag attrs/>`.
    pub(super) fn empty(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.start(tag, attrs);
        self.0.push_str("/>");
    }

    /// `</tag>`.
    pub(super) fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// `<tag>text</tag>`.
    pub(super) fn element(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(tag, attrs);
        self.text(text);
        self.close(tag);
    }

    /// Escaped text.
    pub(super) fn text(&mut self, text: &str) {
        escape_into(&mut self.0, text);
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.0.into_bytes()
    }
}

fn escape_into(out: &mut String, text: &str) {
    super::escape_markup_into(out, text);
}

/// A part of the package: its path, content type (for `[Content_Types].xml`) and bytes.
pub(super) struct Part {
    pub(super) path: &'static str,
    pub(super) content_type: &'static str,
    pub(super) bytes: Vec<u8>,
}

/// A relationship from the main document to one of its parts: id, type (the last segment of
/// the relationship type URI) and target (relative to `word/`).
pub(super) const DOCUMENT_RELS: [(&str, &str, &str); 5] = [
    ("rIdStyles", "styles", "styles.xml"),
    ("rIdSettings", "settings", "settings.xml"),
    ("rIdFonts", "fontTable", "fontTable.xml"),
    ("rIdFooterOdd", "footer", "footer1.xml"),
    ("rIdFooterEven", "footer", "footer2.xml"),
];

/// The document's relationships (`word/_rels/document.xml.rels`).
pub(super) fn document_rels() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", PKG_RELS)]);
    for (id, kind, target) in DOCUMENT_RELS {
        x.empty(
            "Relationship",
            &[
                ("Id", id),
                ("Type", &format!("{REL_TYPE}/{kind}")),
                ("Target", target),
            ],
        );
    }
    x.close("Relationships");
    x.into_bytes()
}

/// The package's relationships (`_rels/.rels`): the document and its properties.
fn package_rels() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("Relationships", &[("xmlns", PKG_RELS)]);
    for (id, kind, target) in [
        (
            "rId1",
            format!("{REL_TYPE}/officeDocument"),
            "word/document.xml",
        ),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_owned(),
            "docProps/core.xml",
        ),
        (
            "rId3",
            format!("{REL_TYPE}/extended-properties"),
            "docProps/app.xml",
        ),
    ] {
        x.empty(
            "Relationship",
            &[("Id", id), ("Type", &kind), ("Target", target)],
        );
    }
    x.close("Relationships");
    x.into_bytes()
}

/// What the document says about itself (`docProps/core.xml`, `docProps/app.xml`).
pub(super) struct Properties<'a> {
    pub(super) title: &'a str,
    pub(super) creator: &'a str,
    /// W3CDTF, e.g. `2025-01-10T00:00:00Z`; no dates are written without one.
    pub(super) date: Option<String>,
    /// 定稿 or 未定稿 (`cp:contentStatus`), for a report.
    pub(super) status: Option<&'a str>,
    /// Who signed the report off, when, and its content's hash (`dc:description`).
    pub(super) description: Option<&'a str>,
}

fn core_properties(p: &Properties<'_>) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.element("dc:title", &[], p.title);
    if !p.creator.is_empty() {
        x.element("dc:creator", &[], p.creator);
        x.element("cp:lastModifiedBy", &[], p.creator);
    }
    x.element("dc:language", &[], "zh-CN");
    if let Some(status) = p.status {
        x.element("cp:contentStatus", &[], status);
    }
    if let Some(description) = p.description {
        x.element("dc:description", &[], description);
    }
    if let Some(date) = &p.date {
        for tag in ["dcterms:created", "dcterms:modified"] {
            x.element(tag, &[("xsi:type", "dcterms:W3CDTF")], date);
        }
    }
    x.close("cp:coreProperties");
    x.into_bytes()
}

fn app_properties(p: &Properties<'_>) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    x.element(
        "Application",
        &[],
        concat!("nianbao ", env!("CARGO_PKG_VERSION")),
    );
    x.element("DocSecurity", &[], "0");
    if !p.creator.is_empty() {
        x.element("Company", &[], p.creator);
    }
    x.close("Properties");
    x.into_bytes()
}

fn content_types(parts: &[Part]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    );
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    );
    for part in parts {
        x.empty(
            "Override",
            &[
                ("PartName", &format!("/{}", part.path)),
                ("ContentType", part.content_type),
            ],
        );
    }
    x.close("Types");
    x.into_bytes()
}

pub(super) const CT_CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
pub(super) const CT_APP: &str =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";

/// The zip: content types, package relationships, the properties, then `parts` (the
/// document's), deflated. `date` is the entries' timestamp (1980-01-01 without one).
pub(super) fn pack(
    parts: Vec<Part>,
    properties: &Properties<'_>,
    date: Option<crate::date::Date>,
) -> Result<Vec<u8>, ExportError> {
    let mut all = vec![
        Part {
            path: "docProps/core.xml",
            content_type: CT_CORE,
            bytes: core_properties(properties),
        },
        Part {
            path: "docProps/app.xml",
            content_type: CT_APP,
            bytes: app_properties(properties),
        },
    ];
    all.extend(parts);
    let timestamp = date
        .and_then(|d| {
            zip::DateTime::from_date_and_time(u16::try_from(d.year).ok()?, d.month, d.day, 0, 0, 0)
                .ok()
        })
        .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(timestamp);
    let pack_error = |e: &dyn std::fmt::Display| ExportError::Pack(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let heads = [
        ("[Content_Types].xml", content_types(&all)),
        ("_rels/.rels", package_rels()),
    ];
    for (path, bytes) in heads
        .iter()
        .map(|(p, b)| (*p, b.as_slice()))
        .chain(all.iter().map(|p| (p.path, p.bytes.as_slice())))
    {
        zip.start_file(path, options).map_err(|e| pack_error(&e))?;
        zip.write_all(bytes).map_err(|e| pack_error(&e))?;
    }
    let cursor = zip.finish().map_err(|e| pack_error(&e))?;
    Ok(cursor.into_inner())
}
