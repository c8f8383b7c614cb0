//! Lays [`Block`]s out on A4 pages and writes them with krilla.
//!
//! krilla shapes and subsets but does no line breaking, so this module wraps text itself,
//! measuring each candidate line with the embedded font's shaped advances, and starts a new
//! page when the next line would run into the footer.

use std::sync::LazyLock;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::contract::{Block, Tone};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the embedded font could not be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: rustybuzz::Face<'static>,
    bold_face: rustybuzz::Face<'static>,
}

static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: Font::new(REGULAR.into(), 0)?,
        bold: Font::new(BOLD.into(), 0)?,
        regular_face: rustybuzz::Face::from_slice(REGULAR, 0)?,
        bold_face: rustybuzz::Face::from_slice(BOLD, 0)?,
    })
});

impl Fonts {
    fn font(&self, bold: bool) -> Font {
        if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }

    /// The width of `text` at `size` points, as krilla will draw it (same shaper, same font).
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold {
            &self.bold_face
        } else {
            &self.regular_face
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em().max(1) as f32
    }
}

/// The first character of `text` that the regular or bold font has no glyph for.
#[cfg(test)]
pub(crate) fn first_missing_glyph(text: &str) -> Option<char> {
    let fonts = FONTS.as_ref()?;
    text.chars().find(|&c| {
        !c.is_whitespace()
            && (fonts.regular_face.glyph_index(c).is_none()
                || fonts.bold_face.glyph_index(c).is_none())
    })
}

/// A QR code's module matrix (dark = true), row by row.
pub(crate) struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
    svg: String,
}

impl QrMatrix {
    pub(crate) fn new(data: &str) -> Result<QrMatrix, qrcode::types::QrError> {
        let code = qrcode::QrCode::with_error_correction_level(data, qrcode::EcLevel::M)?;
        let svg = code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build();
        // Inline in HTML: drop the XML declaration the renderer starts with.
        let svg = match svg.find("<svg") {
            Some(start) => svg[start..].to_owned(),
            None => svg,
        };
        Ok(QrMatrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
            svg,
        })
    }

    pub(crate) fn svg(&self) -> &str {
        &self.svg
    }
}

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const MARGIN_TOP: f32 = 44.0;
const CONTENT_BOTTOM: f32 = PAGE_H - 62.0;
const FOOTER_BASELINE: f32 = PAGE_H - 32.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const BODY: f32 = 10.0;
const LABEL_W: f32 = 165.0;
const GAP: f32 = 12.0;
const QR_SIZE: f32 = 108.0;

#[derive(Clone, Copy)]
struct Color(u8, u8, u8);

const BLACK: Color = Color(17, 17, 17);
const GREY: Color = Color(80, 80, 80);

enum Op {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        color: Color,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
    Qr {
        x: f32,
        y: f32,
        size: f32,
        width: usize,
        dark: Vec<bool>,
    },
}

struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    bottom: f32,
}

fn line_height(size: f32) -> f32 {
    size * 1.32
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
            bottom: CONTENT_BOTTOM,
        }
    }

    /// How tall `blocks` are when laid out without page breaks.
    fn height_of(&self, blocks: &[Block]) -> f32 {
        let mut scratch = Layout {
            fonts: self.fonts,
            pages: vec![Vec::new()],
            y: 0.0,
            bottom: f32::INFINITY,
        };
        for block in blocks {
            scratch.block(block);
        }
        scratch.y
    }

    /// Lays out `blocks`, starting each section on a new page when the section would fit on
    /// one page but not in what is left of this one.
    fn blocks(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            if matches!(block, Block::Section(_)) {
                let end = blocks[i + 1..]
                    .iter()
                    .position(|b| matches!(b, Block::Section(_) | Block::Notice { .. }))
                    .map_or(blocks.len(), |p| i + 1 + p);
                let height = self.height_of(&blocks[i..end]);
                if height <= CONTENT_BOTTOM - MARGIN_TOP {
                    self.ensure(height);
                }
            }
            self.block(block);
        }
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
        self.y = MARGIN_TOP;
    }

    /// Makes room for `height` points, starting a new page when needed.
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    /// Breaks `text` into lines no wider than `width`; explicit newlines are kept and a word
    /// wider than the line is cut between characters.
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let fits = |s: &str| self.fonts.width(s, size, bold) <= width;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if fits(word) {
                    line = word.to_owned();
                    continue;
                }
                for ch in word.chars() {
                    let mut next = line.clone();
                    next.push(ch);
                    if !line.is_empty() && !fits(&next) {
                        lines.push(std::mem::take(&mut line));
                        line.push(ch);
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }

    fn text_line(&mut self, x: f32, size: f32, bold: bool, color: Color, text: String) {
        let baseline = self.y + size;
        if !text.is_empty() {
            self.ops().push(Op::Text {
                x,
                baseline,
                size,
                bold,
                color,
                text,
            });
        }
    }

    fn paragraph(&mut self, text: &str, size: f32, bold: bool, color: Color) {
        for line in self.wrap(text, size, bold, CONTENT_W) {
            self.ensure(line_height(size));
            self.text_line(MARGIN_X, size, bold, color, line);
            self.y += line_height(size);
        }
    }

    /// A framed, tinted box of lines, kept on one page when it fits one.
    fn boxed(&mut self, lines: &[(String, f32, bool)], fill: Color, edge: Color) {
        let pad = 8.0;
        let inner = CONTENT_W - 2.0 * pad;
        let wrapped: Vec<_> = lines
            .iter()
            .flat_map(|(text, size, bold)| {
                self.wrap(text, *size, *bold, inner)
                    .into_iter()
                    .map(move |l| (l, *size, *bold))
            })
            .collect();
        let height: f32 = wrapped.iter().map(|(_, s, _)| line_height(*s)).sum::<f32>() + 2.0 * pad;
        self.ensure(height);
        let (x, y, w) = (MARGIN_X, self.y, CONTENT_W);
        self.ops().push(Op::Rect {
            x,
            y,
            w,
            h: height,
            color: edge,
        });
        self.ops().push(Op::Rect {
            x: x + 1.5,
            y: y + 1.5,
            w: w - 3.0,
            h: height - 3.0,
            color: fill,
        });
        self.y += pad;
        for (line, size, bold) in wrapped {
            self.text_line(MARGIN_X + pad, size, bold, BLACK, line);
            self.y += line_height(size);
        }
        self.y += pad + 6.0;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Banner { tone, text } => {
                let (fill, edge) = match tone {
                    Tone::Warning => (Color(255, 244, 214), Color(201, 138, 0)),
                    Tone::Danger => (Color(253, 226, 225), Color(179, 38, 30)),
                };
                self.boxed(&[(text.clone(), 11.0, true)], fill, edge);
            }
            Block::Title(text) => {
                self.paragraph(text, 20.0, true, BLACK);
            }
            Block::Subtitle(text) => {
                self.paragraph(text, 9.5, false, GREY);
                self.y += 3.0;
            }
            Block::Section(text) => {
                // Keep a heading with at least one line of what follows.
                self.ensure(line_height(12.5) + 10.0 + line_height(BODY));
                self.y += 6.0;
                self.paragraph(text, 12.5, true, BLACK);
                let y = self.y;
                self.ops().push(Op::Rect {
                    x: MARGIN_X,
                    y,
                    w: CONTENT_W,
                    h: 0.7,
                    color: Color(150, 150, 150),
                });
                self.y += 5.0;
            }
            Block::Field { label, value } => {
                let labels = self.wrap(label, BODY, false, LABEL_W);
                let values = self.wrap(value, BODY, false, CONTENT_W - LABEL_W - GAP);
                let rows = labels.len().max(values.len());
                for i in 0..rows {
                    self.ensure(line_height(BODY));
                    if let Some(l) = labels.get(i) {
                        self.text_line(MARGIN_X, BODY, false, GREY, l.clone());
                    }
                    if let Some(v) = values.get(i) {
                        self.text_line(MARGIN_X + LABEL_W + GAP, BODY, false, BLACK, v.clone());
                    }
                    self.y += line_height(BODY);
                }
                self.y += 1.5;
            }
            Block::Notice { title, lines } => {
                self.y += 4.0;
                let mut rows = vec![(title.clone(), 12.5, true)];
                for (i, line) in lines.iter().enumerate() {
                    if i == 0 {
                        rows.push((line.clone(), 14.0, true));
                    } else {
                        rows.push((line.clone(), BODY, false));
                    }
                }
                self.boxed(&rows, Color(232, 245, 233), Color(27, 110, 32));
            }
            Block::Verify {
                hint,
                url,
                code_line,
                qr,
            } => {
                let text_x = MARGIN_X + if qr.is_some() { QR_SIZE + 16.0 } else { 0.0 };
                let text_w = PAGE_W - MARGIN_X - text_x;
                let mut rows: Vec<(String, f32, bool)> = self
                    .wrap(code_line, 14.0, true, text_w)
                    .into_iter()
                    .map(|l| (l, 14.0, true))
                    .collect();
                if let Some(url) = url {
                    rows.extend(
                        self.wrap(hint, BODY, false, text_w)
                            .into_iter()
                            .map(|l| (l, BODY, false)),
                    );
                    rows.extend(
                        self.wrap(url, 9.0, false, text_w)
                            .into_iter()
                            .map(|l| (l, 9.0, false)),
                    );
                }
                let text_h: f32 = rows.iter().map(|(_, s, _)| line_height(*s) + 2.0).sum();
                let qr_h = if qr.is_some() { QR_SIZE } else { 0.0 };
                self.ensure(text_h.max(qr_h) + 4.0);
                let top = self.y + 2.0;
                if let Some(qr) = qr {
                    self.ops().push(Op::Qr {
                        x: MARGIN_X,
                        y: top,
                        size: QR_SIZE,
                        width: qr.width,
                        dark: qr.dark.clone(),
                    });
                }
                // Centre the text beside the QR code.
                self.y = top + ((qr_h - text_h) / 2.0).max(0.0);
                for (line, size, bold) in rows {
                    self.text_line(text_x, size, bold, BLACK, line);
                    self.y += line_height(size) + 2.0;
                }
                self.y = self.y.max(top + qr_h) + 6.0;
            }
        }
    }
}

fn fill(color: Color) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(surface: &mut Surface<'_>, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text {
            x,
            baseline,
            size,
            bold,
            color,
            text,
        } => {
            surface.set_fill(Some(fill(*color)));
            surface.draw_text(
                Point::from_xy(*x, *baseline),
                fonts.font(*bold),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, color } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Op::Qr {
            x,
            y,
            size,
            width,
            dark,
        } => {
            // A quiet zone of four modules on each side, as the standard asks.
            let quiet = 4usize;
            let cells = (*width + 2 * quiet) as f32;
            let module = size / cells;
            let mut pb = PathBuilder::new();
            for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
                let (row, col) = (i / width, i % width);
                if let Some(rect) = Rect::from_xywh(
                    x + (col + quiet) as f32 * module,
                    y + (row + quiet) as f32 * module,
                    module,
                    module,
                ) {
                    pb.push_rect(rect);
                }
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(Color(0, 0, 0))));
                surface.draw_path(&path);
            }
        }
    }
}

/// Renders `blocks` to PDF; `footer(page, pages)` gives each page's footer line.
pub(crate) fn render(
    blocks: &[Block],
    title: &str,
    language: &str,
    footer: &dyn Fn(usize, usize) -> String,
) -> Result<Vec<u8>, RenderError> {
    let fonts = FONTS.as_ref().ok_or(RenderError::Font)?;
    let mut layout = Layout::new(fonts);
    layout.blocks(blocks);
    let pages = layout.pages;
    let total = pages.len();

    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(language.to_owned())
            .creator("Orgnabor".to_owned()),
    );
    for (index, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| RenderError::Pdf("invalid page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, op);
        }
        draw(
            &mut surface,
            fonts,
            &Op::Text {
                x: MARGIN_X,
                baseline: FOOTER_BASELINE,
                size: 8.0,
                bold: false,
                color: GREY,
                text: footer(index + 1, total),
            },
        );
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| RenderError::Pdf(e.to_string()))
}
