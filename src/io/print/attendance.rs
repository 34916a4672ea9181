//! The attendance record (참석자 출석부), printed after the day: who came, when, and whether they
//! had registered beforehand.

use super::layout::{Col, Sheet, sheet};
use super::{Entry, PrintError};
use crate::i18n::{self, Lang};
use crate::model::Event;
use crate::model::counts::DayCount;

/// `people` are the day's arrivals; `count` is the whole day's numbers.
pub fn render(
    event: &Event,
    people: &[Entry],
    count: &DayCount,
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, PrintError> {
    sheet(&table(event, people, count, l), l, progress)
}

/// The record as laid out: its columns and a row of cells per arrival.
pub fn table<'a>(event: &'a Event, people: &[Entry], count: &DayCount, l: Lang) -> Sheet<'a> {
    let t = |x: i18n::L| x.in_lang(l);
    let col = |title: i18n::L, width: f32, centred: bool| Col {
        title: t(title),
        width,
        centred,
    };
    let cols = vec![
        col(i18n::PRINT_COL_ORG, 150.0, false),
        col(i18n::PRINT_COL_ROLE, 80.0, false),
        col(i18n::PRINT_COL_NAME, 90.0, false),
        col(i18n::PRINT_COL_KIND, 70.0, true),
        col(i18n::PRINT_COL_ARRIVED, 0.0, true),
    ];
    let rows = people
        .iter()
        .map(|p| {
            let kind = if p.walk_in {
                i18n::PRINT_WALK_IN
            } else {
                i18n::PRINT_PRE_REGISTERED
            };
            vec![
                p.org.clone(),
                p.role.clone(),
                p.name.clone(),
                t(kind).to_string(),
                p.arrived.map(|at| at.hhmm()).unwrap_or_default(),
            ]
        })
        .collect();
    Sheet {
        title: t(i18n::PRINT_ATTENDANCE_TITLE),
        event,
        note: i18n::with_lang(l, || i18n::day_count(count)),
        cols,
        rows,
        blank: 0,
    }
}
