//! Name badges: 2 × 4 on an A4 page, each with name, organisation, role and a QR code of the
//! person's badge code (a keyboard-wedge scanner at the desk types it, and the desk checks in).

use krilla::Document;
use qrcode::{Color, QrCode};

use super::layout::{A4_H, A4_W, MM, Pen, fit, font, shrink, text_width};
use super::{Entry, PrintError, finish};
use crate::i18n::Lang;
use crate::model::Event;

const COLS: usize = 2;
const ROWS: usize = 4;
const BADGE_W: f32 = 90.0 * MM;
const BADGE_H: f32 = 60.0 * MM;
const QR_SIDE: f32 = 26.0 * MM;
/// Four modules of the smallest QR code (21 modules across) at `QR_SIDE`, and a little more.
const QUIET: f32 = 6.0 * MM;

/// The QR code of `code` as modules, row by row (`true` = dark), and its side in modules.
pub fn qr_modules(code: &str) -> Result<(usize, Vec<bool>), PrintError> {
    let qr = QrCode::new(code.as_bytes()).map_err(|e| PrintError::Qr(e.to_string()))?;
    let dark = qr
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok((qr.width(), dark))
}

pub fn pages(people: usize) -> usize {
    people.div_ceil(COLS * ROWS).max(1)
}

pub fn render(
    event: &Event,
    people: &[Entry],
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, PrintError> {
    let font = font()?;
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(event.title.clone())
            .language(if l == Lang::Ko { "ko" } else { "en" }.into())
            .creator("netday".into()),
    );
    let left = (A4_W - COLS as f32 * BADGE_W) / 2.0;
    let top = (A4_H - ROWS as f32 * BADGE_H) / 2.0;
    let chunks: Vec<&[Entry]> = if people.is_empty() {
        vec![&[]]
    } else {
        people.chunks(COLS * ROWS).collect()
    };
    for (page_no, chunk) in chunks.into_iter().enumerate() {
        let mut page = doc.start_page();
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            font: font.clone(),
        };
        for (i, p) in chunk.iter().enumerate() {
            let x = left + (i % COLS) as f32 * BADGE_W;
            let y = top + (i / COLS) as f32 * BADGE_H;
            badge(&mut pen, x, y, event, p)?;
        }
        s.finish();
        page.finish();
        progress.set(page_no as u64 + 1);
    }
    finish(doc)
}

fn badge(pen: &mut Pen, x: f32, y: f32, event: &Event, p: &Entry) -> Result<(), PrintError> {
    // Cut line.
    pen.frame((x, y, BADGE_W, BADGE_H), 0.5, 150, Some(3.0));
    let pad = 6.0 * MM;
    // A scanner needs four modules of white around the code: text stays that far away.
    let text_w = BADGE_W - 2.0 * pad - QR_SIDE - QUIET;
    pen.text(
        x + pad,
        y + pad + 8.0,
        8.0,
        &fit(&event.title, 8.0, BADGE_W - 2.0 * pad),
    );
    pen.line(
        (x + pad, y + pad + 13.0),
        (x + BADGE_W - pad, y + pad + 13.0),
        0.6,
        0,
    );

    // Everything left of the QR code is measured with the font: a long name gets a smaller
    // size, then two lines (at a space), and only then is it cut.
    let name_y = y + 30.0 * MM;
    match name_lines(&p.name, text_w) {
        NameLines::One(size, line) => pen.text(x + pad, name_y, size, &line),
        NameLines::Two(size, first, second) => {
            pen.text(x + pad, name_y - size * 1.15, size, &first);
            pen.text(x + pad, name_y, size, &second);
        }
    }
    let (org_size, org) = shrink(&p.org, 12.0, 8.0, text_w);
    pen.text(x + pad, y + 39.0 * MM, org_size, &org);
    let (role_size, role) = shrink(&p.role, 10.0, 8.0, text_w);
    pen.text(x + pad, y + 45.5 * MM, role_size, &role);

    // QR at the right, the code in text under it for eyes and for typing.
    if p.code.is_empty() {
        return Ok(());
    }
    let (n, dark) = qr_modules(&p.code)?;
    let module = QR_SIDE / n as f32;
    let qx = x + BADGE_W - pad - QR_SIDE;
    let qy = y + 20.0 * MM;
    for (k, on) in dark.iter().enumerate() {
        if *on {
            let (r, c) = (k / n, k % n);
            // A hair wider than the module so neighbours touch without seams.
            pen.fill(
                (
                    qx + c as f32 * module,
                    qy + r as f32 * module,
                    module + 0.05,
                    module + 0.05,
                ),
                0,
            );
        }
    }
    pen.centred(qx + QR_SIDE / 2.0, qy + QR_SIDE + 11.0, 9.0, &p.code);
    Ok(())
}

/// How a name is set on a badge.
#[derive(Debug, PartialEq)]
pub enum NameLines {
    One(f32, String),
    /// Two lines at one size, split at a space.
    Two(f32, String, String),
}

/// The name at 26 pt, or smaller down to 18 pt; failing that on two lines split at a space,
/// from 18 pt down to 12 pt; failing that on one line from 18 pt down to 12 pt, cut with "…".
/// No line is wider than `width`.
pub fn name_lines(name: &str, width: f32) -> NameLines {
    let (size, line) = shrink(name, 26.0, 18.0, width);
    if text_width(name, size) <= width {
        return NameLines::One(size, line);
    }
    // The split whose longer line is shortest.
    let split = name
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| (name[..i].trim_end(), name[i..].trim_start()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .min_by(|x, y| {
            let w = |(a, b): &(&str, &str)| text_width(a, 1.0).max(text_width(b, 1.0));
            w(x).total_cmp(&w(y))
        });
    if let Some((first, second)) = split {
        let longer = text_width(first, 1.0).max(text_width(second, 1.0));
        let mut size = 18.0;
        while size > 12.0 && longer * size > width {
            size -= 0.5;
        }
        return NameLines::Two(size, fit(first, size, width), fit(second, size, width));
    }
    let (size, line) = shrink(name, 18.0, 12.0, width);
    NameLines::One(size, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules drawn on the badge, as an image a camera would see (4 modules of white
    /// around, 4 pixels a module), read back by a QR decoder.
    fn decode(n: usize, dark: &[bool]) -> String {
        let (quiet, scale) = (4, 4);
        let side = (n + 2 * quiet) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (c, r) = (
                (x / scale).wrapping_sub(quiet),
                (y / scale).wrapping_sub(quiet),
            );
            if r < n && c < n && dark[r * n + c] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code on the badge");
        match grids[0].decode() {
            Ok((_, text)) => text,
            Err(e) => panic!("the QR code does not decode: {e}"),
        }
    }

    #[test]
    fn a_name_is_set_within_its_width_shrunk_then_on_two_lines_then_cut() {
        let w = 50.0 * MM;
        let width = |n: &NameLines| match n {
            NameLines::One(size, l) => text_width(l, *size),
            NameLines::Two(size, a, b) => text_width(a, *size).max(text_width(b, *size)),
        };
        for name in [
            "김기성",
            "Maximilian Wolfgang Schwarzenberg-Montgomery",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "MARIA DEL MAR WOODWARD",
            "남궁 민수",
        ] {
            let set = name_lines(name, w);
            assert!(width(&set) <= w, "{name}: {set:?}");
        }
        assert_eq!(
            name_lines("김기성", w),
            NameLines::One(26.0, "김기성".into())
        );
        assert!(matches!(
            name_lines("Bartholomew Montgomery", w),
            NameLines::Two(_, a, b) if a == "Bartholomew" && b == "Montgomery"
        ));
        assert!(matches!(
            name_lines("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", w),
            NameLines::One(12.0, l) if l.ends_with('…')
        ));
    }

    #[test]
    fn the_badge_qr_code_reads_back_as_the_badge_code() {
        for code in ["K7Q2M9", "A1B2C3D4", "0001"] {
            let (n, dark) = qr_modules(code).unwrap();
            assert_eq!(dark.len(), n * n);
            assert_eq!(decode(n, &dark), code);
        }
    }
}
