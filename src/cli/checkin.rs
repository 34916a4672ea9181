//! `netday checkin CODE|QUERY`: one person checked in from the command line by the desk's own
//! rules (`Data::desk_candidates`, then `Data::check_in`), or nobody, with the candidates listed.

use std::io::Write;
use std::path::PathBuf;

use super::args::CheckinArgs;
use super::db::{data, date_arg, pick_event};
use super::error::CliError;
use super::out::{print, product_out, stdout};
use crate::data::{CheckIn, Data};
use crate::i18n;
use crate::model::{self, EventStatus, Id, Ts};

/// Most candidates listed when a query finds several.
const LISTED: usize = 20;

pub fn run(db: Option<PathBuf>, CheckinArgs { query, event }: CheckinArgs) -> anyhow::Result<()> {
    product_out()?;
    let query = model::clean_line(&query);
    if query.is_empty() {
        return Err(CliError::from(i18n::CHECKIN_EMPTY).into());
    }
    let date = date_arg(event)?;
    let mut data = data(db)?;
    let events = data.events()?;
    // An arrival is now: without --event, only today's day, never the next or the last one.
    let day = match date {
        Some(d) => pick_event(&data, Some(d))?,
        None => {
            let today = model::today();
            match events.iter().find(|e| e.date == today) {
                Some(e) => e.clone(),
                None => {
                    let (ko, en) = i18n::checkin_no_day_today(&today.to_string());
                    return Err(CliError::Said { ko, en }.into());
                }
            }
        }
    };
    if day.status == EventStatus::Closed {
        let (ko, en) = i18n::checkin_day_closed(&day.title, &day.date.to_string());
        return Err(CliError::Said { ko, en }.into());
    }
    data.reload(Some(&day), &events)?;
    let found = data.desk_candidates(&query, LISTED);
    let Some(person) = found.only() else {
        list(&data, &found.ids)?;
        let (ko, en) = match found.total {
            0 => i18n::checkin_nobody(&query),
            1 => i18n::checkin_only_alike(&query),
            n => i18n::checkin_several(&query, n, found.ids.len()),
        };
        return Err(CliError::Said { ko, en }.into());
    };
    let desk = data.desk_name();
    let done = data.check_in(day.id, person, &desk, Ts::now())?;
    match done {
        CheckIn::Arrived { .. } | CheckIn::AlreadyArrived { .. } => {
            if let Some(line) = done.message() {
                print(line)?;
            }
            Ok(())
        }
        CheckIn::NotAsShown { ko, en } => Err(CliError::Said { ko, en }.into()),
        // The roster was read just now: the person it found is in it.
        CheckIn::Unknown => {
            let (ko, en) = i18n::checkin_nobody(&query);
            Err(CliError::Said { ko, en }.into())
        }
    }
}

/// The candidates, one a line, as the desk shows them (the phone masked).
fn list(data: &Data, ids: &[Id]) -> Result<(), CliError> {
    let mut out = stdout();
    for &id in ids {
        let Some(p) = data.roster.person(id) else {
            continue;
        };
        let arrived = data
            .roster
            .status(id)
            .and_then(|s| s.arrived_at())
            .map(Ts::hhmm);
        let line = i18n::checkin_candidate(
            &p.name,
            data.roster.org_name(p),
            &model::contact::mask_phone(&p.phone),
            &p.code,
            arrived.as_deref(),
        );
        writeln!(out, "{line}").map_err(CliError::Stdout)?;
    }
    out.flush().map_err(CliError::Stdout)
}
