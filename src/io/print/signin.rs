//! The sign-in sheet (참석자 서명부): everyone on the day's list with an empty signature cell,
//! and a consent column (개인정보 수집·이용 동의) to tick, the answer on record pre-marked.

use super::layout::{Col, Sheet, sheet, sheet_pages};
use super::{Entry, PrintError};
use crate::i18n::{self, Lang};
use crate::model::{ConsentState, Event};

pub struct Options {
    /// Show the phone number, masked as on the desk.
    pub contact: bool,
    /// Empty numbered rows after the list, for walk-ins.
    pub blank: usize,
    /// A column to tick consent to keep personal data in (동의 / 미동의), the answer on record
    /// pre-marked.
    pub consent: bool,
}

/// Number of pages for `rows` rows, blank ones included.
pub fn pages(rows: usize) -> usize {
    sheet_pages(rows)
}

pub fn render(
    event: &Event,
    people: &[Entry],
    opt: &Options,
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, PrintError> {
    sheet(&table(event, people, opt, l), l, progress)
}

/// The sheet as laid out: its columns and a row of cells per person.
pub fn table<'a>(event: &'a Event, people: &[Entry], opt: &Options, l: Lang) -> Sheet<'a> {
    let t = |x: i18n::L| x.in_lang(l);
    let col = |title: i18n::L, width: f32| Col {
        title: t(title),
        width,
        centred: false,
    };
    // With both the phone and the consent column, organisation and role give up some room so
    // that the signature keeps a cell to sign in.
    let narrow = opt.contact && opt.consent;
    let mut cols = vec![
        col(i18n::PRINT_COL_ORG, if narrow { 120.0 } else { 140.0 }),
        col(i18n::PRINT_COL_ROLE, if narrow { 60.0 } else { 70.0 }),
        col(i18n::PRINT_COL_NAME, 80.0),
    ];
    if opt.contact {
        cols.push(col(i18n::PRINT_COL_PHONE, if narrow { 80.0 } else { 90.0 }));
    }
    if opt.consent {
        cols.push(Col {
            title: t(i18n::CONSENT_SIGN_HEAD),
            width: CONSENT_W,
            centred: true,
        });
    }
    cols.push(col(i18n::PRINT_COL_SIGN, 0.0));
    let rows = people
        .iter()
        .map(|p| {
            let mut row = vec![p.org.clone(), p.role.clone(), p.name.clone()];
            if opt.contact {
                row.push(crate::model::contact::mask_phone(&p.phone));
            }
            if opt.consent {
                row.push(consent_boxes(p.consent, l));
            }
            row
        })
        .collect();
    Sheet {
        title: t(i18n::PRINT_SIGNIN_TITLE),
        event,
        note: i18n::print_registered(people.len(), l),
        cols,
        rows,
        blank: opt.blank,
    }
}

/// The consent column's width (points).
const CONSENT_W: f32 = 72.0;

/// The consent cell: two boxes to tick, the answer on record filled ("■동의 □미동의"); a box
/// stays with its word when the cell wraps.
pub fn consent_boxes(state: ConsentState, l: Lang) -> String {
    let mark = |on: bool| if on { '■' } else { '□' };
    let yes = i18n::L("동의", "Yes").in_lang(l);
    let no = i18n::L("미동의", "No").in_lang(l);
    format!(
        "{}{yes} {}{no}",
        mark(state == ConsentState::Yes),
        mark(state == ConsentState::No)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_consent_boxes_print_in_the_sheet_s_font() {
        for s in ConsentState::ALL {
            for l in [Lang::Ko, Lang::En] {
                let text = consent_boxes(s, l);
                assert!(super::super::layout::all_printable(&text), "{text}");
            }
        }
        assert_eq!(consent_boxes(ConsentState::No, Lang::Ko), "□동의 ■미동의");
    }
}
