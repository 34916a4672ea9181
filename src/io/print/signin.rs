//! The sign-in sheet (참석자 서명부): everyone on the day's list with an empty signature cell.

use super::layout::{Col, Sheet, sheet, sheet_pages};
use super::{Entry, PrintError};
use crate::i18n::{self, Lang};
use crate::model::Event;

pub struct Options {
    /// Show the phone number, masked as on the desk.
    pub contact: bool,
    /// Empty numbered rows after the list, for walk-ins.
    pub blank: usize,
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
    let mut cols = vec![
        col(i18n::PRINT_COL_ORG, 140.0),
        col(i18n::PRINT_COL_ROLE, 70.0),
        col(i18n::PRINT_COL_NAME, 80.0),
    ];
    if opt.contact {
        cols.push(col(i18n::PRINT_COL_PHONE, 90.0));
    }
    cols.push(col(i18n::PRINT_COL_SIGN, 0.0));
    let rows = people
        .iter()
        .map(|p| {
            let mut row = vec![p.org.clone(), p.role.clone(), p.name.clone()];
            if opt.contact {
                row.push(crate::model::contact::mask_phone(&p.phone));
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
