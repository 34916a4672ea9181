//! The hidden `harness-checkins` command the crash and fdatasync tests drive; built only with
//! the `test-hooks` feature, so the binary users run does not have it.

use std::io::Write;
use std::path::PathBuf;

use super::args::HarnessArgs;
use super::db::data;
use crate::data::CheckIn;
use crate::model::{self, Attendance, AttendanceStatus, Id, Ts};

const DESK: &str = "harness";

/// Registers `count` people one by one (walk-ins; with `desk`, expected and then checked in
/// through the desk's use-case), printing each write only after it is durable.
pub fn run(db: Option<PathBuf>, HarnessArgs { count, desk }: HarnessArgs) -> anyhow::Result<()> {
    let mut data = data(db)?;
    let event = match data.events()?.into_iter().next() {
        Some(e) => e,
        None => {
            let mut e = crate::io::import::event_on(data.store(), model::today(), true)?
                .ok_or_else(|| anyhow::anyhow!("no event"))?;
            e.title = "harness".into();
            data.save_event(&mut e)?;
            e
        }
    };
    let mut out = std::io::stdout().lock();
    for i in 0..count {
        let mut p = model::Person::new(format!("체크인{i}"), Ts::now());
        if desk {
            let mut att = Attendance {
                event_id: event.id,
                person_id: 0,
                status: AttendanceStatus::Expected,
                updated: Ts::now(),
            };
            data.save_person(&mut p, None, Some(&mut att))?;
            writeln!(out, "expected {} {}", event.id, p.id)?;
        } else {
            data.walk_in(event.id, &mut p, None, DESK, Ts::now())?;
            writeln!(out, "arrived {} {}", event.id, p.id)?;
        }
        out.flush()?;
    }
    if desk {
        // Everyone still expected, checked in through the desk's own use-case.
        let events = data.events()?;
        data.reload(Some(&event), &events)?;
        let mut waiting: Vec<Id> = data
            .roster
            .attendance
            .values()
            .filter(|a| a.event_id == event.id && a.status == AttendanceStatus::Expected)
            .map(|a| a.person_id)
            .collect();
        waiting.sort_unstable();
        for person in waiting {
            if let CheckIn::Arrived { .. } = data.check_in(event.id, person, DESK, Ts::now())? {
                writeln!(out, "arrived {} {person}", event.id)?;
                out.flush()?;
            }
        }
    }
    Ok(())
}
