//! The sign-in sheet (참석자 서명부): A4 portrait, the day's header and the table on every page.

use krilla::Document;

use super::layout::{A4_H, A4_W, MM, Pen, fit, font};
use super::{Entry, PrintError, finish};
use crate::i18n::{self, Lang};
use crate::model::Event;

pub struct Options {
    /// Show the phone number, masked as on the desk.
    pub contact: bool,
    /// Empty numbered rows after the list, for walk-ins.
    pub blank: usize,
}

const MARGIN: f32 = 15.0 * MM;
const TABLE_TOP: f32 = 128.0;
const HEAD_H: f32 = 22.0;
const ROW_H: f32 = 25.0;
const FOOTER: f32 = A4_H - 10.0 * MM;
const TEXT: f32 = 10.0;

/// Rows that fit below the header and above the page number.
fn rows_per_page() -> usize {
    ((FOOTER - 18.0 - TABLE_TOP - HEAD_H) / ROW_H) as usize
}

/// Number of pages for `rows` rows (at least one, so an empty day still prints its header).
pub fn pages(rows: usize) -> usize {
    rows.div_ceil(rows_per_page()).max(1)
}

pub fn render(
    event: &Event,
    people: &[Entry],
    opt: &Options,
    l: Lang,
) -> Result<Vec<u8>, PrintError> {
    let font = font()?;
    let t = |x: i18n::L| x.in_lang(l);
    // (title, width in points; 0 = what is left)
    let mut cols: Vec<(&str, f32)> = vec![
        (t(i18n::PRINT_COL_NO), 30.0),
        (t(i18n::PRINT_COL_ORG), 140.0),
        (t(i18n::PRINT_COL_ROLE), 70.0),
        (t(i18n::PRINT_COL_NAME), 80.0),
    ];
    if opt.contact {
        cols.push((t(i18n::PRINT_COL_PHONE), 90.0));
    }
    cols.push((t(i18n::PRINT_COL_SIGN), 0.0));
    let width = A4_W - 2.0 * MARGIN;
    let used: f32 = cols.iter().map(|c| c.1).sum();
    if let Some(last) = cols.last_mut() {
        last.1 = width - used;
    }

    let total = people.len() + opt.blank;
    let per_page = rows_per_page();
    let n_pages = pages(total);
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("{} — {}", t(i18n::PRINT_SIGNIN_TITLE), event.title))
            .language(if l == Lang::Ko { "ko" } else { "en" }.into())
            .creator("netday".into()),
    );
    for page_no in 0..n_pages {
        let mut page = doc.start_page();
        let mut s = page.surface();
        let mut pen = Pen {
            s: &mut s,
            font: font.clone(),
        };

        pen.centred(A4_W / 2.0, 62.0, 20.0, t(i18n::PRINT_SIGNIN_TITLE));
        pen.centred(A4_W / 2.0, 84.0, 12.0, &fit(&event.title, 12.0, width));
        let when = i18n::print_when(event, l);
        pen.text(
            MARGIN,
            108.0,
            TEXT,
            &format!("{}  {when}", t(i18n::PRINT_WHEN)),
        );
        if !event.venue.is_empty() {
            let venue = format!("{}  {}", t(i18n::PRINT_VENUE), event.venue);
            pen.text(MARGIN, 122.0, TEXT, &fit(&venue, TEXT, width / 2.0));
        }
        pen.right(
            A4_W - MARGIN,
            122.0,
            TEXT,
            &i18n::print_registered(people.len(), l),
        );

        // Header row, repeated on every page.
        pen.fill((MARGIN, TABLE_TOP, width, HEAD_H), 225);
        let mut x = MARGIN;
        for (title, w) in &cols {
            pen.centred(x + w / 2.0, TABLE_TOP + 15.0, TEXT, title);
            x += w;
        }
        let first = page_no * per_page;
        let rows = (total - first.min(total)).min(per_page);
        let mut y = TABLE_TOP + HEAD_H;
        for i in first..first + rows {
            let base = y + ROW_H / 2.0 + TEXT * 0.35;
            let mut x = MARGIN;
            let no = (i + 1).to_string();
            pen.centred(x + cols[0].1 / 2.0, base, TEXT, &no);
            x += cols[0].1;
            if let Some(p) = people.get(i) {
                let mut cells = vec![&p.org, &p.role, &p.name];
                let masked;
                if opt.contact {
                    masked = crate::model::contact::mask_phone(&p.phone);
                    cells.push(&masked);
                }
                for (cell, (_, w)) in cells.into_iter().zip(&cols[1..]) {
                    pen.text(x + 4.0, base, TEXT, &fit(cell, TEXT, w - 8.0));
                    x += w;
                }
            }
            y += ROW_H;
        }
        // Grid: outer box, row lines, column lines.
        let bottom = TABLE_TOP + HEAD_H + rows as f32 * ROW_H;
        let mut ly = TABLE_TOP + HEAD_H;
        while ly < bottom - 0.5 {
            pen.line((MARGIN, ly), (MARGIN + width, ly), 0.4, 120);
            ly += ROW_H;
        }
        let mut lx = MARGIN;
        for (_, w) in &cols[..cols.len() - 1] {
            lx += w;
            pen.line((lx, TABLE_TOP), (lx, bottom), 0.4, 120);
        }
        pen.frame((MARGIN, TABLE_TOP, width, bottom - TABLE_TOP), 0.9, 0, None);

        pen.centred(
            A4_W / 2.0,
            FOOTER,
            9.0,
            &i18n::print_page(page_no + 1, n_pages, l),
        );
        s.finish();
        page.finish();
    }
    finish(doc)
}
