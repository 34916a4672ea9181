//! Drawing on an A4 page: the bundled Korean font, text cut to a width, lines and boxes.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use unicode_width::UnicodeWidthChar;

use super::PrintError;

/// A4 portrait in PDF points (1/72 inch), as krilla's default page (`Document::start_page`).
pub const A4_W: f32 = 595.0;
pub const A4_H: f32 = 842.0;
/// One millimetre in points.
pub const MM: f32 = 72.0 / 25.4;

/// NanumGothic Regular (SIL OFL 1.1, see assets/fonts/); krilla embeds only the glyphs used.
static NANUM_GOTHIC: &[u8] = include_bytes!("../../../assets/fonts/NanumGothic.ttf");

pub fn font() -> Result<Font, PrintError> {
    Font::new(NANUM_GOTHIC.into(), 0).ok_or(PrintError::Font)
}

/// Width of `text` at `size`, from its display width: NanumGothic draws a Hangul syllable about
/// one em wide and Latin letters and digits about half as wide, which is what the terminal's
/// cell widths say too. Slightly generous, so cut text never runs over its cell.
pub fn text_width(text: &str, size: f32) -> f32 {
    let cells: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    cells as f32 * 0.5 * size
}

/// `text` cut with "…" so it fits `width` at `size`.
pub fn fit(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size) + size > width {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

pub struct Pen<'a, 'b> {
    pub s: &'a mut Surface<'b>,
    pub font: Font,
}

impl Pen<'_, '_> {
    /// Text with its baseline at `y`, starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.s.set_stroke(None);
        self.s.set_fill(Some(Fill::default()));
        self.s.draw_text(
            Point::from_xy(x, y),
            self.font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// Text centred on `cx`.
    pub fn centred(&mut self, cx: f32, y: f32, size: f32, text: &str) {
        self.text(cx - text_width(text, size) / 2.0, y, size, text);
    }

    /// Text ending at `right`.
    pub fn right(&mut self, right: f32, y: f32, size: f32, text: &str) {
        self.text(right - text_width(text, size), y, size, text);
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, grey: u8) {
        let mut pb = PathBuilder::new();
        pb.move_to(from.0, from.1);
        pb.line_to(to.0, to.1);
        self.stroke(pb, width, grey, None);
    }

    /// The outline of the box (x, y, width, height); `dash` for cut lines.
    pub fn frame(&mut self, b: (f32, f32, f32, f32), width: f32, grey: u8, dash: Option<f32>) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(b.0, b.1, b.2, b.3) {
            pb.push_rect(r);
        }
        self.stroke(pb, width, grey, dash);
    }

    /// A filled box (x, y, width, height); `grey` 0 is black.
    pub fn fill(&mut self, b: (f32, f32, f32, f32), grey: u8) {
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(b.0, b.1, b.2, b.3) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(Fill {
                paint: luma::Color::new(grey).into(),
                ..Fill::default()
            }));
            self.s.draw_path(&path);
        }
    }

    fn stroke(&mut self, pb: PathBuilder, width: f32, grey: u8, dash: Option<f32>) {
        if let Some(path) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(Stroke {
                paint: luma::Color::new(grey).into(),
                width,
                dash: dash.map(|d| StrokeDash {
                    array: vec![d, d],
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
            self.s.draw_path(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_fits_its_width() {
        assert_eq!(fit("한울신협", 10.0, 100.0), "한울신협");
        let cut = fit("서울특별시사회적경제지원센터", 10.0, 60.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 10.0) <= 60.0, "{cut}");
    }
}
