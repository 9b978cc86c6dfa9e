//! Renders a permit decision (a permit or a reasoned refusal) as an A4 PDF, in Kazakh (the state
//! language) and Russian, as Kazakh official documents are: every label and fixed wording in both
//! (`texts`), the object the permit concerns (name, address, cadastral number, premises) among
//! the rows.
//!
//! The document is laid out by hand with `printpdf`: text is set in DejaVu Sans,
//! which is embedded (and subset) so that Kazakh and Russian Cyrillic render and
//! can be copied or extracted from the PDF. Long text is wrapped by measuring
//! glyph advances from the font and flows onto further pages. The last page ends
//! with a QR code that encodes the verification URL, drawn as vector rectangles.

use chrono::{DateTime, FixedOffset, Utc};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, OffsetDateTime, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, TextItem, WindingOrder,
};
use qrcode::{EcLevel, QrCode};

mod texts;

pub use crate::i18n::Lang;
pub use texts::ObjectField;
use texts::{both, title_lines};

/// DejaVu Sans (regular), see `assets/DejaVu-LICENSE.txt`.
const FONT_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, see `assets/DejaVu-LICENSE.txt`.
const FONT_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Dates are printed in Kazakhstan time (a single UTC+5 zone since March 2024).
const DISPLAY_UTC_OFFSET_SECS: i32 = 5 * 3600;

// Page geometry, in millimetres.
const PAGE_W_MM: f32 = 210.0;
const PAGE_H_MM: f32 = 297.0;
const MARGIN_LEFT_MM: f32 = 20.0;
const MARGIN_RIGHT_MM: f32 = 20.0;
const MARGIN_TOP_MM: f32 = 20.0;
/// Lowest point body text may reach; the footer lives below it.
const CONTENT_BOTTOM_MM: f32 = 22.0;
/// Baseline of the footer (page number and registration number).
const FOOTER_BASELINE_MM: f32 = 12.0;
/// Width of the labels column in the labelled rows.
const LABEL_COL_MM: f32 = 60.0;
/// Gap between the label column and the value column.
const LABEL_GAP_MM: f32 = 3.0;
/// Indent of a numbered refusal ground relative to its number.
const LIST_INDENT_MM: f32 = 8.0;
/// Width and height of the QR code, including its quiet zone.
const QR_SIZE_MM: f32 = 35.0;
/// Light modules kept around the QR symbol (the minimum the standard asks for).
const QR_QUIET_ZONE: usize = 4;

// Type sizes, in points.
const SIZE_ORG: f32 = 11.0;
const SIZE_TITLE: f32 = 16.0;
const SIZE_SUBTITLE: f32 = 11.0;
const SIZE_LABEL: f32 = 9.5;
const SIZE_BODY: f32 = 10.5;
const SIZE_HEADING: f32 = 11.0;
const SIZE_SMALL: f32 = 8.5;
const SIZE_FOOTER: f32 = 8.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.35;

/// Grey used for labels and the footer (0 is black, 1 is white).
const GREY: f32 = 0.35;

/// Which decision the document records (the decision row's kind).
pub use super::entity::decision::DecisionKind;

/// Everything printed on a decision document.
#[derive(Debug, Clone)]
pub struct DecisionDocument<'a> {
    /// Whether this is a permit or a reasoned refusal.
    pub kind: DecisionKind,
    /// Registration number, e.g. `AST-2026-000042`.
    pub number: &'a str,
    /// Name of the permit type, in the document's language.
    pub permit_type: &'a str,
    /// Applicant name (a person or a company).
    pub holder: &'a str,
    /// Applicant identifier as printed, e.g. `ЖСН / ИИН 850314300183` or
    /// `БСН / БИН 150640001234`.
    pub holder_id: &'a str,
    /// Name of the issuing organisation.
    pub organisation: &'a str,
    /// Full name of the official who made the decision.
    pub official: &'a str,
    /// When the decision was made.
    pub decided_at: DateTime<Utc>,
    /// Free text of the decision; may span several lines and pages.
    pub decision_text: &'a str,
    /// Grounds for a refusal, printed as a numbered list (empty for a permit).
    pub grounds: &'a [String],
    /// Verification URL, encoded in the QR code and printed under it.
    pub verify_url: &'a str,
    /// The check code (in the URL too), printed on its own so that anyone can check the document
    /// by its number and this code on the public check page.
    pub verify_code: &'a str,
    /// The object the decision concerns, from the request's form (rows left out when empty).
    pub object: &'a [(ObjectField, String)],
}

/// Why a decision document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// One of the embedded fonts could not be parsed.
    #[error("the embedded font {0} could not be parsed")]
    Font(&'static str),
    /// The verification URL does not fit in a QR code.
    #[error("the verification URL cannot be encoded as a QR code: {0}")]
    Qr(#[from] qrcode::types::QrError),
    /// The PDF writer reported an error.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// Renders `doc` as an A4 PDF and returns the file's bytes.
///
/// The fonts are embedded as subsets, so a typical one- or two-page document
/// is a few tens of kilobytes.
pub fn render(doc: &DecisionDocument) -> Result<Vec<u8>, RenderError> {
    let mut pdf = PdfDocument::new(&format!("{} {}", title_lines(doc.kind)[0], doc.number));
    let regular = Face::load(&mut pdf, FONT_REGULAR, "DejaVu Sans")?;
    let bold = Face::load(&mut pdf, FONT_BOLD, "DejaVu Sans Bold")?;
    let qr = QrCode::with_error_correction_level(doc.verify_url.as_bytes(), EcLevel::M)?;

    let mut writer = Writer::new(&regular, &bold);
    write_body(&mut writer, doc);
    write_closing_block(&mut writer, doc, &qr);
    let pages = writer.finish(doc);

    let info = &mut pdf.metadata.info;
    info.author = doc.organisation.to_owned();
    info.subject = doc.permit_type.to_owned();
    info.creator = "Saulet".to_owned();
    info.producer = "Saulet".to_owned();
    if let Ok(date) = OffsetDateTime::from_unix_timestamp(doc.decided_at.timestamp()) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }

    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = pdf.with_pages(pages).save(&options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(RenderError::Pdf(error.msg.clone()));
    }
    Ok(bytes)
}

/// Header, title, labelled rows, decision text and refusal grounds.
fn write_body(w: &mut Writer, doc: &DecisionDocument) {
    let content_w = w.content_width();

    w.centered(w.bold, SIZE_ORG, doc.organisation, content_w);
    w.gap(mm(1.5));
    w.rule();
    w.gap(mm(6.0));
    for title in title_lines(doc.kind) {
        w.centered(w.bold, SIZE_TITLE, title, content_w);
    }
    w.gap(mm(1.0));
    let subtitle = format!("№ {}, {}", doc.number, display_date(doc.decided_at));
    w.centered(w.regular, SIZE_SUBTITLE, &subtitle, content_w);
    w.gap(mm(6.0));

    let outcome = match doc.kind {
        DecisionKind::Permit => both(|t| t.granted),
        DecisionKind::Refusal => both(|t| t.refused),
    };
    let mut rows = vec![
        (both(|t| t.permit_type), doc.permit_type.to_owned()),
        (both(|t| t.holder), doc.holder.to_owned()),
        (both(|t| t.holder_id), doc.holder_id.to_owned()),
    ];
    rows.extend(
        doc.object
            .iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(field, value)| (field.label(), value.clone())),
    );
    rows.extend([
        (both(|t| t.decision), outcome),
        (both(|t| t.organisation), doc.organisation.to_owned()),
        (both(|t| t.official), doc.official.to_owned()),
    ]);
    for (label, value) in rows {
        w.labelled_row(&label, &value);
        w.gap(mm(1.2));
    }

    if !doc.decision_text.trim().is_empty() {
        w.gap(mm(4.0));
        w.heading(&both(|t| t.decision_text));
        w.paragraph(w.regular, SIZE_BODY, doc.decision_text, w.left, content_w);
    }

    if doc.kind == DecisionKind::Refusal && !doc.grounds.is_empty() {
        w.gap(mm(4.0));
        w.heading(&both(|t| t.grounds));
        for (index, ground) in doc.grounds.iter().enumerate() {
            w.numbered_item(index + 1, ground);
            w.gap(mm(1.0));
        }
    }
}

/// QR code, verification caption and e-signature notice at the bottom of the
/// last page (on a fresh page if the body left no room for them).
fn write_closing_block(w: &mut Writer, doc: &DecisionDocument, qr: &QrCode) {
    let content_w = w.content_width();
    let caption = format!(
        "{}: {}\n{}: {} · {}",
        both(|t| t.verify),
        doc.verify_url,
        both(|t| t.check_code),
        doc.number,
        doc.verify_code
    );
    let caption_lines: Vec<String> = caption
        .lines()
        .flat_map(|line| w.regular.wrap(line, SIZE_SMALL, content_w))
        .collect();
    let signed = format!("{}: {}", both(|t| t.signed), doc.official);
    let signed_lines = w.regular.wrap(&signed, SIZE_SMALL, content_w);

    let small_lh = SIZE_SMALL * LEADING;
    let qr_size = mm(QR_SIZE_MM);
    let text_h = (caption_lines.len() + signed_lines.len()) as f32 * small_lh + mm(2.0);
    let block_h = qr_size + text_h;
    let bottom = mm(CONTENT_BOTTOM_MM);

    // Keep a little air between the body and the block.
    if w.y - mm(6.0) < bottom + block_h {
        w.new_page();
    }

    let qr_top = bottom + block_h;
    // Let the quiet zone reach into the margin so the symbol lines up with the text.
    let quiet = QR_QUIET_ZONE as f32 * qr_size / (qr.width() + 2 * QR_QUIET_ZONE) as f32;
    w.set_fill(0.0);
    w.qr(qr, w.left - quiet, qr_top - qr_size, qr_size);

    // Baselines below the QR; the quiet zone already separates them from it.
    w.y = qr_top - qr_size;
    w.set_fill(GREY);
    for line in &caption_lines {
        w.y -= small_lh;
        w.text(w.regular, SIZE_SMALL, w.left, w.y, line);
    }
    w.y -= mm(2.0);
    for line in &signed_lines {
        w.y -= small_lh;
        w.text(w.regular, SIZE_SMALL, w.left, w.y, line);
    }
    w.set_fill(0.0);
}

/// The decision date as `dd.mm.yyyy` in Kazakhstan time.
fn display_date(at: DateTime<Utc>) -> String {
    match FixedOffset::east_opt(DISPLAY_UTC_OFFSET_SECS) {
        Some(offset) => at.with_timezone(&offset).format("%d.%m.%Y").to_string(),
        None => at.format("%d.%m.%Y").to_string(),
    }
}

/// Millimetres to PDF points.
fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// An embedded font plus what is needed to measure text set in it.
struct Face {
    font: ParsedFont,
    id: FontId,
    units_per_em: f32,
}

impl Face {
    /// Parses `bytes` and registers the font with `pdf`.
    fn load(pdf: &mut PdfDocument, bytes: &[u8], name: &'static str) -> Result<Self, RenderError> {
        let font =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(RenderError::Font(name))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(RenderError::Font(name));
        }
        let id = pdf.add_font(&font);
        Ok(Self {
            font,
            id,
            units_per_em,
        })
    }

    /// Advance width of `c` at `size` points (that of the missing glyph if the
    /// font has no glyph for it).
    fn char_width(&self, c: char, size: f32) -> f32 {
        let glyph = self.font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(glyph)) * size / self.units_per_em
    }

    /// Width of `text` at `size` points. `printpdf` maps characters to glyphs
    /// one to one (no kerning or ligatures), so this is exact.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// Replaces characters the font cannot draw with `?` and control
    /// characters (such as tabs) with spaces.
    fn clean(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if self.font.lookup_glyph_index(u32::from(c)).is_some() {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }

    /// Breaks `text` into lines no wider than `max_width` points. Existing
    /// line breaks are kept (an empty line stays empty), words go on the next
    /// line when they do not fit, and words longer than a whole line are split
    /// between characters.
    fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let space = self.char_width(' ', size);
        let mut lines = Vec::new();
        for source_line in text.lines() {
            let source_line = self.clean(source_line);
            let mut line = String::new();
            let mut line_w = 0.0;
            let mut any_word = false;
            for word in source_line.split_whitespace() {
                any_word = true;
                let word_w = self.width(word, size);
                let sep = if line.is_empty() { 0.0 } else { space };
                if line_w + sep + word_w <= max_width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += sep + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if word_w <= max_width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                for c in word.chars() {
                    let c_w = self.char_width(c, size);
                    if !line.is_empty() && line_w + c_w > max_width {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
                }
            }
            if any_word {
                lines.push(line);
            } else {
                lines.push(String::new());
            }
        }
        // Blank lines at the end add nothing but height.
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    }
}

/// Places content top-down and starts new pages when the current one is full.
struct Writer<'f> {
    regular: &'f Face,
    bold: &'f Face,
    /// Drawing operations, one list per page.
    pages: Vec<Vec<Op>>,
    /// Left edge of the text column, in points.
    left: f32,
    /// Current vertical position (from the bottom of the page), in points;
    /// the next line's top.
    y: f32,
}

impl<'f> Writer<'f> {
    fn new(regular: &'f Face, bold: &'f Face) -> Self {
        Self {
            regular,
            bold,
            pages: vec![Vec::new()],
            left: mm(MARGIN_LEFT_MM),
            y: mm(PAGE_H_MM - MARGIN_TOP_MM),
        }
    }

    fn content_width(&self) -> f32 {
        mm(PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM)
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = mm(PAGE_H_MM - MARGIN_TOP_MM);
    }

    /// Starts a new page unless `height` points still fit above the bottom margin.
    fn ensure(&mut self, height: f32) {
        if self.y - height < mm(CONTENT_BOTTOM_MM) {
            self.new_page();
        }
    }

    fn gap(&mut self, height: f32) {
        self.y -= height;
    }

    fn set_fill(&mut self, grey: f32) {
        self.ops().push(fill(grey));
    }

    /// Draws one line of text with its baseline at `(x, y)`.
    fn text(&mut self, face: &Face, size: f32, x: f32, y: f32, text: &str) {
        let ops = text_ops(face, size, x, y, text);
        self.ops().extend(ops);
    }

    /// Moves down one line of `size` and returns that line's baseline.
    fn next_line(&mut self, size: f32) -> f32 {
        let lh = size * LEADING;
        self.ensure(lh);
        self.y -= lh;
        // Baseline sits a bit above the bottom of the line box.
        self.y + (lh - size) / 2.0 + size * 0.22
    }

    fn centered(&mut self, face: &Face, size: f32, text: &str, width: f32) {
        for line in face.wrap(text, size, width) {
            let baseline = self.next_line(size);
            let x = self.left + (width - face.width(&line, size)) / 2.0;
            self.text(face, size, x, baseline, &line);
        }
    }

    fn paragraph(&mut self, face: &Face, size: f32, text: &str, x: f32, width: f32) {
        for line in face.wrap(text, size, width) {
            let baseline = self.next_line(size);
            self.text(face, size, x, baseline, &line);
        }
    }

    fn heading(&mut self, text: &str) {
        // Keep a heading together with at least two lines of what follows.
        self.ensure(SIZE_HEADING * LEADING + 2.0 * SIZE_BODY * LEADING);
        let width = self.content_width();
        self.paragraph(self.bold, SIZE_HEADING, text, self.left, width);
        self.gap(mm(1.0));
    }

    /// A label in the left column and its value beside it, both wrapped.
    fn labelled_row(&mut self, label: &str, value: &str) {
        let value = if value.trim().is_empty() {
            "—"
        } else {
            value
        };
        let value_x = self.left + mm(LABEL_COL_MM + LABEL_GAP_MM);
        let value_w = self.content_width() - mm(LABEL_COL_MM + LABEL_GAP_MM);
        let labels = self.regular.wrap(label, SIZE_LABEL, mm(LABEL_COL_MM));
        let values = self.regular.wrap(value, SIZE_BODY, value_w);
        for index in 0..labels.len().max(values.len()) {
            let baseline = self.next_line(SIZE_BODY);
            if let Some(line) = labels.get(index) {
                self.set_fill(GREY);
                self.text(self.regular, SIZE_LABEL, self.left, baseline, line);
                self.set_fill(0.0);
            }
            if let Some(line) = values.get(index) {
                self.text(self.regular, SIZE_BODY, value_x, baseline, line);
            }
        }
    }

    /// `number.` in the margin and the wrapped text indented beside it.
    fn numbered_item(&mut self, number: usize, text: &str) {
        let indent = mm(LIST_INDENT_MM);
        let width = self.content_width() - indent;
        let mut lines = self.regular.wrap(text, SIZE_BODY, width);
        if lines.is_empty() {
            lines.push(String::new());
        }
        for (index, line) in lines.iter().enumerate() {
            let baseline = self.next_line(SIZE_BODY);
            if index == 0 {
                let marker = format!("{number}.");
                self.text(self.regular, SIZE_BODY, self.left, baseline, &marker);
            }
            self.text(self.regular, SIZE_BODY, self.left + indent, baseline, line);
        }
    }

    /// A thin horizontal rule across the text column, just below `y`.
    fn rule(&mut self) {
        let y = Pt(self.y);
        let from = Pt(self.left);
        let to = Pt(self.left + self.content_width());
        self.ops().extend([
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale {
                    percent: GREY,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point { x: from, y },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point { x: to, y },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Draws `code` as filled rectangles in a `size`-point square whose lower
    /// left corner is `(x, y)`; the square includes the quiet zone. Dark
    /// modules next to each other in a row are merged into one rectangle, and
    /// all of them are filled as one path so that no hairline seams appear.
    fn qr(&mut self, code: &QrCode, x: f32, y: f32, size: f32) {
        let modules = code.width();
        let total = modules + 2 * QR_QUIET_ZONE;
        let unit = size / total as f32;
        let top = y + size;
        let mut rings = Vec::new();
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                if code[(col, row)] != qrcode::Color::Dark {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < modules && code[(col, row)] == qrcode::Color::Dark {
                    col += 1;
                }
                let x0 = x + (QR_QUIET_ZONE + start) as f32 * unit;
                let x1 = x + (QR_QUIET_ZONE + col) as f32 * unit;
                let y1 = top - (QR_QUIET_ZONE + row) as f32 * unit;
                let y0 = y1 - unit;
                rings.push(PolygonRing {
                    points: [(x0, y1), (x1, y1), (x1, y0), (x0, y0)]
                        .into_iter()
                        .map(|(px, py)| LinePoint {
                            p: Point {
                                x: Pt(px),
                                y: Pt(py),
                            },
                            bezier: false,
                        })
                        .collect(),
                });
            }
        }
        self.ops().push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// Adds the footer to every page and returns the finished pages.
    fn finish(self, doc: &DecisionDocument) -> Vec<PdfPage> {
        let count = self.pages.len();
        let right = mm(PAGE_W_MM - MARGIN_RIGHT_MM);
        let baseline = mm(FOOTER_BASELINE_MM);
        let face = self.regular;
        let number = face.clean(doc.number);
        let mut pages = Vec::with_capacity(count);
        for (index, mut ops) in self.pages.into_iter().enumerate() {
            let page_label = texts::page(index + 1, count);
            let label_x = right - face.width(&page_label, SIZE_FOOTER);
            ops.push(fill(GREY));
            ops.extend(text_ops(face, SIZE_FOOTER, self.left, baseline, &number));
            ops.extend(text_ops(face, SIZE_FOOTER, label_x, baseline, &page_label));
            pages.push(PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops));
        }
        pages
    }
}

/// Sets the fill colour (for text and shapes) to a grey level, 0 being black.
fn fill(grey: f32) -> Op {
    Op::SetFillColor {
        col: Color::Greyscale(Greyscale {
            percent: grey,
            icc_profile: None,
        }),
    }
}

/// Operations drawing one line of text with its baseline starting at `(x, y)`.
/// Each line is its own text object, so positions are absolute.
fn text_ops(face: &Face, size: f32, x: f32, y: f32, text: &str) -> Vec<Op> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(face.id.clone()),
            size: Pt(size),
        },
        Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        },
        Op::EndTextSection,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::process::Command;

    const URL: &str = "https://saulet.example.kz/verify/AST-2026-000042?c=9f2b61d0";

    fn grounds() -> Vec<String> {
        vec![
            "Жобалау құжаттамасы қала құрылысы регламентіне сәйкес келмейді.".to_owned(),
            "Не представлено согласование с инженерными службами.".to_owned(),
        ]
    }

    fn object() -> Vec<(ObjectField, String)> {
        vec![
            (ObjectField::Name, "Тұрғын үй кешені".into()),
            (
                ObjectField::Address,
                "Астана, Мәңгілік Ел даңғылы 55".into(),
            ),
            (ObjectField::CadastralNumber, "21:320:128:45".into()),
            (ObjectField::Premises, String::new()),
        ]
    }

    fn sample<'a>(
        kind: DecisionKind,
        object: &'a [(ObjectField, String)],
        grounds: &'a [String],
    ) -> DecisionDocument<'a> {
        DecisionDocument {
            kind,
            number: "AST-2026-000042",
            permit_type: "Құрылыс-монтаж жұмыстарын жүргізуге рұқсат",
            holder: "Әлімжан Ғалымұлы Қасымов",
            holder_id: "ЖСН / ИИН 850314300183",
            organisation: "Астана қаласының Сәулет және қала құрылысы басқармасы",
            official: "Нұрлан Үсенұлы Һасенов",
            decided_at: Utc
                .with_ymd_and_hms(2026, 3, 14, 9, 30, 0)
                .single()
                .expect("valid date"),
            decision_text: "Өтініш қаралды.\nҚұжаттар толық ұсынылды; Ә Ғ Қ Ң Ө Ұ Ү Һ І.",
            grounds: match kind {
                DecisionKind::Permit => &[],
                DecisionKind::Refusal => grounds,
            },
            verify_url: URL,
            verify_code: "7KQ4-M2XD",
            object,
        }
    }

    fn pdftotext(pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, pdf).expect("write pdf");
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (Debian package poppler-utils) must be installed");
        assert!(out.status.success(), "pdftotext failed: {out:?}");
        String::from_utf8(out.stdout).expect("utf-8 text")
    }

    #[test]
    fn renders_every_kind_with_and_without_an_object() {
        let grounds = grounds();
        let object = object();
        for kind in [DecisionKind::Permit, DecisionKind::Refusal] {
            for object in [&object[..], &[]] {
                let pdf = render(&sample(kind, object, &grounds)).expect("render");
                assert!(pdf.starts_with(b"%PDF"), "{kind:?}");
            }
        }
    }

    #[test]
    fn the_text_is_in_kazakh_and_russian_and_names_the_object() {
        let grounds = grounds();
        let object = object();
        let pdf = render(&sample(DecisionKind::Refusal, &object, &grounds)).expect("render");
        let text = pdftotext(&pdf);
        assert!(text.contains("AST-2026-000042"), "{text}");
        assert!(text.contains("Әлімжан Ғалымұлы Қасымов"), "{text}");
        for both in [
            "ДӘЛЕЛДІ ШЕШІМ",
            "МОТИВИРОВАННЫЙ ОТКАЗ",
            "Бас тарту негіздері / Основания для отказа",
            "Тексеру / Проверка",
            "Тексеру коды / Код проверки: AST-2026-000042 · 7KQ4-M2XD",
            "ЖСН / ИИН 850314300183",
            "Мекенжайы / Адрес",
            "Кадастрлық нөмірі",
            "Кадастровый номер",
            "Астана, Мәңгілік Ел даңғылы 55",
            "21:320:128:45",
            "Бет 1 / 1 · Страница 1 из 1",
        ] {
            assert!(text.contains(both), "{both} is missing from:\n{text}");
        }
        // An empty field of the object is left out, not printed as a dash.
        assert!(!text.contains("Үй-жай"), "{text}");
        assert!(text.contains("14.03.2026"), "{text}");
        let permit = render(&sample(DecisionKind::Permit, &object, &grounds)).expect("render");
        let text = pdftotext(&permit);
        assert!(
            text.contains("РҰҚСАТ") && text.contains("РАЗРЕШЕНИЕ"),
            "{text}"
        );
        assert!(
            text.contains("Рұқсат берілді / Разрешение выдано"),
            "{text}"
        );
    }

    #[test]
    fn long_text_flows_onto_more_pages() {
        let grounds: Vec<String> = (1..=15)
            .map(|i| format!("Основание {i}: {}", "очень длинное обоснование ".repeat(12)))
            .collect();
        let long = "Шешімнің мәтіні өте ұзын болуы мүмкін. ".repeat(120);
        let url = format!("{URL}&pad={}", "x".repeat(150));
        let object = object();
        let mut doc = sample(DecisionKind::Refusal, &object, &grounds);
        doc.decision_text = &long;
        doc.verify_url = &url;
        let pdf = render(&doc).expect("render");
        let text = pdftotext(&pdf);
        let pages = text.matches('\u{c}').count();
        assert!(pages >= 3, "expected several pages, got {pages}");
        assert!(
            text.contains(&format!(
                "Бет {pages} / {pages} · Страница {pages} из {pages}"
            )),
            "{text}"
        );
        // The last ground and the end of the decision text are not cut off.
        assert!(text.contains("Основание 15:"), "{text}");
    }

    #[test]
    fn wraps_within_width_and_splits_long_words() {
        let face =
            Face::load(&mut PdfDocument::new("test"), FONT_REGULAR, "regular").expect("font");
        let max = 100.0;
        let text = format!("Қысқа сөз\n\n{}", "ә".repeat(60));
        let lines = face.wrap(&text, 10.0, max);
        assert_eq!(lines[0], "Қысқа сөз");
        assert_eq!(lines[1], "");
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| face.width(l, 10.0) <= max));
        assert_eq!(lines[2..].concat(), "ә".repeat(60));
    }
}
