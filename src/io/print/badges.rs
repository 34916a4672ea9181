//! Name badges: 2 × 4 on an A4 page, each with name, organisation, role and a QR code of the
//! person's badge code (a keyboard-wedge scanner at the desk types it, and the desk checks in).

use krilla::Document;
use qrcode::{Color, QrCode};

use super::layout::{A4_H, A4_W, Fit, MM, Pen, Run, fit, font, set, shrink};
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

/// Badge text: the name from 26 pt, down to 18 pt on one line, then two lines from 18 pt to
/// 12 pt; the organisation from 12 pt to 8 pt, then two lines from 10 pt to 7 pt.
pub const NAME: Fit = Fit {
    big: 26.0,
    small: 18.0,
    two_big: 18.0,
    two_small: 12.0,
};
pub const ORG: Fit = Fit {
    big: 12.0,
    small: 8.0,
    two_big: 10.0,
    two_small: 7.0,
};
const PAD: f32 = 6.0 * MM;
/// A scanner needs four modules of white around the code: text stays that far away.
pub const TEXT_W: f32 = BADGE_W - 2.0 * PAD - QR_SIDE - QUIET;

/// The text of the badge whose top-left corner is (x, y): the day's title across the top, then
/// left of the QR code the name, organisation and role, each measured with the font. A run's
/// box is the width it may use and the badge's height.
pub fn badge_text(event: &Event, p: &Entry, x: f32, y: f32) -> Vec<Run> {
    let run = |baseline: f32, size: f32, text: String, w: f32| Run {
        page: 0,
        x: x + PAD,
        baseline,
        size,
        text,
        cell: (x + PAD, y, w, BADGE_H),
    };
    let mut out = Vec::new();
    if !event.title.is_empty() {
        let full = BADGE_W - 2.0 * PAD;
        out.push(run(y + PAD + 8.0, 8.0, fit(&event.title, 8.0, full), full));
    }
    // Two lines of a name grow upwards from where one line sits.
    let name = set(&p.name, NAME, TEXT_W);
    let name_y = y + 30.0 * MM - name.size * 1.15 * (name.lines.len() as f32 - 1.0);
    for (i, line) in name.lines.into_iter().enumerate() {
        out.push(run(
            name_y + name.size * 1.15 * i as f32,
            name.size,
            line,
            TEXT_W,
        ));
    }
    // Two lines of an organisation start a little higher and push the role down.
    let org = set(&p.org, ORG, TEXT_W);
    let mut next = y + 39.0 * MM;
    if org.lines.len() > 1 {
        next = y + 37.0 * MM;
    }
    for line in org.lines.into_iter().filter(|l| !l.is_empty()) {
        out.push(run(next, org.size, line, TEXT_W));
        next += org.size * 1.15;
    }
    let role_y = (next - org.size * 1.15 + 6.5 * MM).max(y + 45.5 * MM);
    let (role_size, role) = shrink(&p.role, 10.0, 8.0, TEXT_W);
    if !role.is_empty() {
        out.push(run(role_y, role_size, role, TEXT_W));
    }
    out
}

fn badge(pen: &mut Pen, x: f32, y: f32, event: &Event, p: &Entry) -> Result<(), PrintError> {
    // Cut line.
    pen.frame((x, y, BADGE_W, BADGE_H), 0.5, 150, Some(3.0));
    pen.line(
        (x + PAD, y + PAD + 13.0),
        (x + BADGE_W - PAD, y + PAD + 13.0),
        0.6,
        0,
    );
    for r in badge_text(event, p, x, y) {
        pen.text(r.x, r.baseline, r.size, &r.text);
    }

    // QR at the right, the code in text under it for eyes and for typing.
    if p.code.is_empty() {
        return Ok(());
    }
    let (n, dark) = qr_modules(&p.code)?;
    let module = QR_SIDE / n as f32;
    let qx = x + BADGE_W - PAD - QR_SIDE;
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
        use crate::io::print::layout::{Set, text_width};
        let w = TEXT_W;
        let widest = |n: &Set| {
            n.lines
                .iter()
                .map(|l| text_width(l, n.size))
                .fold(0.0, f32::max)
        };
        for name in [
            "김기성",
            "Maximilian Wolfgang Schwarzenberg-Montgomery",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
            "MARIA DEL MAR WOODWARD",
            "남궁 민수",
            "황보다솜누리아름별하늘빛가온",
        ] {
            let set = set(name, NAME, w);
            assert!(widest(&set) <= w, "{name}: {set:?}");
        }
        assert_eq!(
            set("김기성", NAME, w),
            Set {
                size: 26.0,
                lines: vec!["김기성".into()]
            }
        );
        assert_eq!(
            set("Bartholomew Montgomery", NAME, w).lines,
            ["Bartholomew", "Montgomery"]
        );
        // Without a space a Hangul name goes on to a second line between syllables.
        assert_eq!(
            set("황보다솜누리아름별하늘빛가온", NAME, w).lines.concat(),
            "황보다솜누리아름별하늘빛가온"
        );
        let cut = set(&"W".repeat(60), NAME, w);
        assert_eq!(cut.size, 12.0);
        assert!(cut.lines[1].ends_with('…'), "{cut:?}");
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
