//! Applying a parsed people CSV to the store: the one path for `netday import`, the TUI's
//! import screen and the demo data.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::csv::{ImportRow, ParsedCsv, RowError, RowProblem, Rsvp};
use crate::model::contact::{name_key, org_key, phone_key};
use crate::model::{
    Attendance, AttendanceStatus, District, Event, EventStatus, Id, OrgKind, Organization, Person,
    Ts,
};
use crate::progress::Progress;
use crate::store::journal::ImportJournal;
use crate::store::{Store, StoreError};

/// What an import did (or, on a dry run, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
    pub errors: usize,
    pub registered: usize,
    /// People registered for the day whose answer is now 불참: their registration is cancelled.
    pub cancelled: usize,
    /// People whose answer is 미정: registered as tentative.
    pub tentative: usize,
    pub event_id: Option<Id>,
    /// Rows left out because their badge code belongs to someone with another name (also
    /// counted in `errors`).
    pub conflicts: Vec<RowError>,
}

impl ImportSummary {
    /// Rows that came through as people: added, updated or already there.
    pub fn people(&self) -> usize {
        self.added + self.updated + self.skipped
    }
}

/// Every row left out, by line: the file's own problems and the badge-code conflicts.
pub fn row_errors(parsed: &ParsedCsv, summary: &ImportSummary) -> Vec<RowError> {
    let mut all: Vec<RowError> = parsed
        .errors
        .iter()
        .chain(&summary.conflicts)
        .cloned()
        .collect();
    all.sort_by_key(|e| e.line);
    all
}

/// Moves the rows `summary` found in conflict out of `parsed` into its errors, so a preview
/// shows them and applying the same `parsed` later counts them once.
pub fn set_aside_conflicts(parsed: &mut ParsedCsv, summary: &mut ImportSummary) {
    let lines: Vec<usize> = summary.conflicts.iter().map(|e| e.line).collect();
    parsed.rows.retain(|r| !lines.contains(&r.line));
    parsed.errors = row_errors(parsed, summary);
    summary.conflicts.clear();
}

/// Finds the networking day on `date`, or makes one (title from the date) when `create`.
pub fn event_on(store: &Store, date: NaiveDate, create: bool) -> Result<Option<Event>, StoreError> {
    if let Some(e) = store.events()?.into_iter().find(|e| e.date == date) {
        return Ok(Some(e));
    }
    if !create {
        return Ok(None);
    }
    let mut e = new_event(date);
    store.put_event(&mut e)?;
    Ok(Some(e))
}

/// A networking day on `date`, not yet saved (id 0).
fn new_event(date: NaiveDate) -> Event {
    Event {
        id: 0,
        title: format!("{} 네트워킹데이", date.format("%Y년 %-m월")),
        date,
        start: Some(crate::model::dates::DAY_START),
        end: Some(crate::model::dates::DAY_END),
        venue: String::new(),
        district: District::Other,
        status: EventStatus::Planned,
    }
}

/// What an import does to someone's registration for the day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DayChange {
    Register,
    Tentative,
    Cancel,
}

/// Imports the good rows of `parsed`; with `event`, registers everyone as expected for it
/// (the event is created if missing), as their answers say: 참석 (or no answer) registers as
/// expected, 미정 as tentative, 불참 registers nobody and cancels a registration still open;
/// a later answer changes an earlier one (in the file or in the store), never an arrival. Re-importing the same file adds nothing: a row matches an
/// existing person by name + organisation, or by phone. Nothing is written on a dry run.
/// `progress` hears two stages: the rows checked, then (unless a dry run) the records written.
pub fn apply(
    store: &Store,
    parsed: &ParsedCsv,
    event: Option<NaiveDate>,
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<ImportSummary, StoreError> {
    let mut summary = ImportSummary {
        errors: parsed.errors.len(),
        ..Default::default()
    };
    let mut orgs: HashMap<String, Organization> = store
        .orgs()?
        .into_iter()
        .map(|o| (org_key(&o.name), o))
        .collect();
    let org_names: HashMap<Id, String> = orgs.values().map(|o| (o.id, org_key(&o.name))).collect();
    let mut people = store.people()?;
    let mut by_name_org: FxHashMap<(String, String), usize> = FxHashMap::default();
    let mut by_phone: FxHashMap<(String, String), usize> = FxHashMap::default();
    let mut by_code: FxHashMap<String, usize> = FxHashMap::default();
    for (i, p) in people.iter().enumerate() {
        let org = p
            .org_id
            .and_then(|o| org_names.get(&o))
            .cloned()
            .unwrap_or_default();
        by_name_org.insert((p.name.clone(), org), i);
        by_code.insert(p.code.clone(), i);
        let ph = phone_key(&p.phone);
        if ph.len() >= 9 {
            by_phone.insert((ph, p.name.clone()), i);
        }
    }
    // A networking day that does not exist yet is made with the first registrations, so an
    // import that stops early leaves no empty day behind.
    let existing = match event {
        Some(d) => event_on(store, d, false)?,
        None => None,
    };
    summary.event_id = existing.as_ref().map(|e| e.id);
    let existing_att: HashMap<Id, Attendance> = match summary.event_id {
        Some(e) => store
            .attendance_of_event(e)?
            .into_iter()
            .map(|a| (a.person_id, a))
            .collect(),
        None => HashMap::new(),
    };

    // Decide everything first (so a dry run reports exactly what a real run does) …
    let mut new_orgs: Vec<String> = Vec::new();
    let mut changed: Vec<usize> = Vec::new();
    let mut day_order: Vec<usize> = Vec::new();
    let mut answers: FxHashMap<usize, Option<Rsvp>> = FxHashMap::default();
    let mut row_org: FxHashMap<usize, String> = FxHashMap::default();
    progress.start(crate::i18n::PROGRESS_CHECK_ROWS, parsed.rows.len() as u64);
    for (n, row) in parsed.rows.iter().enumerate() {
        if n.is_multiple_of(STEP) {
            progress.set(n as u64);
        }
        // A badge code (as netday exports it) names one person exactly, but only if the names
        // agree: another database's export carries codes that here belong to someone else.
        let code = row.code.to_ascii_uppercase();
        let by_this_code = by_code.get(&code).copied().filter(|_| !code.is_empty());
        if let Some(i) = by_this_code
            && name_key(&people[i].name) != name_key(&row.name)
        {
            summary.conflicts.push(RowError {
                line: row.line,
                reason: RowProblem::CodeTaken {
                    code,
                    holder: people[i].name.clone(),
                },
            });
            continue;
        }
        let okey = org_key(&row.organization);
        if !okey.is_empty() && !orgs.contains_key(&okey) {
            orgs.insert(
                okey.clone(),
                Organization {
                    id: 0,
                    name: row.organization.clone(),
                    kind: row.kind.unwrap_or(OrgKind::Other),
                    district: row.district.unwrap_or(District::Other),
                    contact: String::new(),
                },
            );
            new_orgs.push(okey.clone());
        }
        let ph = phone_key(&row.phone);
        // Else the same name and phone is the same person, even in another organisation (they
        // moved); a shared office phone under another name is not. Otherwise name +
        // organisation, unless the phones tell two people apart (two 김민지 in one co-op).
        let by_ph = if ph.len() >= 9 {
            by_phone.get(&(ph.clone(), row.name.clone())).copied()
        } else {
            None
        };
        // A row with a code is that person or a new one, never matched by name or phone.
        let found = if !code.is_empty() {
            by_this_code
        } else {
            by_ph.or_else(|| {
                by_name_org
                    .get(&(row.name.clone(), okey.clone()))
                    .copied()
                    .filter(|&i| {
                        let theirs = phone_key(&people[i].phone);
                        ph.len() < 9 || theirs.len() < 9 || theirs == ph
                    })
            })
        };
        let idx = match found {
            Some(i) => {
                let current_org = people[i]
                    .org_id
                    .and_then(|o| org_names.get(&o))
                    .map(String::as_str)
                    .unwrap_or("");
                let moved = people[i].id != 0 && !okey.is_empty() && current_org != okey;
                if merge_row(&mut people[i], row) || moved {
                    // Every row lands in one count: added, updated, skipped or errors.
                    summary.updated += 1;
                    changed.push(i);
                } else {
                    summary.skipped += 1;
                }
                i
            }
            None => {
                people.push(new_person(row));
                let i = people.len() - 1;
                summary.added += 1;
                changed.push(i);
                by_name_org.insert((row.name.clone(), okey.clone()), i);
                if ph.len() >= 9 {
                    by_phone.insert((ph, row.name.clone()), i);
                }
                if !code.is_empty() {
                    by_code.insert(code, i);
                }
                i
            }
        };
        // The organisation the row named, resolved to an id when written.
        if !okey.is_empty() {
            row_org.insert(idx, okey);
        }
        // The last answer a person gave in the file counts; a row without one keeps it.
        if event.is_some() {
            match answers.get_mut(&idx) {
                Some(a) => *a = row.answer.or(*a),
                None => {
                    answers.insert(idx, row.answer);
                    day_order.push(idx);
                }
            }
        }
    }
    progress.set(parsed.rows.len() as u64);
    let day_writes: Vec<(usize, DayChange)> = day_order
        .iter()
        .filter_map(|&i| {
            let now = existing_att
                .get(&people[i].id)
                .filter(|_| people[i].id != 0)
                .map(|a| &a.status);
            use AttendanceStatus::{Cancelled, Expected, NoShow, Tentative};
            let change = match (answers.get(&i).copied().flatten(), now) {
                (Some(Rsvp::No), Some(Expected | Tentative)) => DayChange::Cancel,
                (None, None) | (Some(Rsvp::Yes), None | Some(Cancelled | NoShow | Tentative)) => {
                    DayChange::Register
                }
                (Some(Rsvp::Maybe), None | Some(Cancelled | NoShow | Expected)) => {
                    DayChange::Tentative
                }
                _ => return None,
            };
            Some((i, change))
        })
        .collect();
    let changes = |which| day_writes.iter().filter(|(_, c)| *c == which).count();
    summary.registered = changes(DayChange::Register);
    summary.tentative = changes(DayChange::Tentative);
    summary.cancelled = changes(DayChange::Cancel);
    summary.errors += summary.conflicts.len();
    if dry_run {
        return Ok(summary);
    }

    // … then write: organisations, people in chunks, attendance; one sync at the end.
    changed.sort_unstable();
    changed.dedup();
    let total = (new_orgs.len() + changed.len() + day_writes.len()) as u64;
    progress.start(crate::i18n::PROGRESS_IMPORT, total);
    store.write_unsynced(|tx| {
        for key in &new_orgs {
            if let Some(o) = orgs.get(key) {
                let mut o = o.clone();
                tx.put_org(&mut o)?;
            }
        }
        Ok(())
    })?;
    let orgs: HashMap<String, Id> = store
        .orgs()?
        .into_iter()
        .map(|o| (org_key(&o.name), o.id))
        .collect();
    let mut done = new_orgs.len() as u64;
    progress.set(done);
    for chunk in changed.chunks(2000) {
        let written = store.write_unsynced(|tx| {
            let mut out = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let mut p = people[i].clone();
                if let Some(k) = row_org.get(&i) {
                    p.org_id = orgs.get(k).copied();
                }
                tx.put_person(&mut p)?;
                out.push((i, p));
            }
            Ok(out)
        })?;
        for (i, p) in written {
            people[i] = p;
        }
        done += chunk.len() as u64;
        progress.set(done);
    }
    if let Some(date) = event {
        let mut day = existing;
        for chunk in day_writes.chunks(5000) {
            day = Some(store.write_unsynced(|tx| {
                let mut e = day.clone().unwrap_or_else(|| new_event(date));
                if e.id == 0 {
                    tx.put_event(&mut e)?;
                }
                for &(i, change) in chunk {
                    tx.put_attendance(&Attendance {
                        event_id: e.id,
                        person_id: people[i].id,
                        status: match change {
                            DayChange::Register => AttendanceStatus::Expected,
                            DayChange::Tentative => AttendanceStatus::Tentative,
                            DayChange::Cancel => AttendanceStatus::Cancelled,
                        },
                        updated: Ts::now(),
                    })?;
                }
                Ok(e)
            })?);
            done += chunk.len() as u64;
            progress.set(done);
        }
        summary.event_id = day.map(|e| e.id);
    }
    store.durable()?;
    Ok(summary)
}

/// What to tell the user about imports that never finished (one line each).
pub fn unfinished(store: &Store) -> Result<Vec<String>, StoreError> {
    Ok(store
        .pending_imports()?
        .iter()
        .map(|j| {
            crate::i18n::import_unfinished(
                &j.file,
                j.size,
                &j.started.local().format("%Y-%m-%d %H:%M").to_string(),
                j.event.map(|d| d.to_string()),
            )
        })
        .collect())
}

/// `apply` for a file the user named. Unless a dry run, the import is recorded in the store as
/// in progress before its first write and forgotten after its last, so one that is cut short
/// (killed, power lost, disk full) is named on the next start; importing the file again
/// finishes it, as re-importing adds nobody twice.
pub fn apply_file(
    store: &Store,
    parsed: &ParsedCsv,
    file: &std::path::Path,
    event: Option<NaiveDate>,
    dry_run: bool,
    progress: &mut dyn Progress,
) -> Result<ImportSummary, StoreError> {
    if dry_run {
        return apply(store, parsed, event, true, progress);
    }
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let journal = ImportJournal {
        file: file.display().to_string(),
        size: std::fs::metadata(&file).map_or(0, |m| m.len()),
        started: Ts::now(),
        event,
    };
    store.begin_import(&journal)?;
    let summary = apply(store, parsed, event, false, progress)?;
    store.end_import(&journal.file)?;
    Ok(summary)
}

/// Rows checked between two reports of progress.
const STEP: usize = 1000;

fn new_person(row: &ImportRow) -> Person {
    Person {
        code: row.code.to_ascii_uppercase(),
        role: row.role.clone(),
        phone: row.phone.clone(),
        email: row.email.clone(),
        tags: row.tags.clone(),
        notes: row.notes.clone(),
        ..Person::new(row.name.clone(), Ts::now())
    }
}

/// Copies the row's non-empty fields onto an existing person; true if anything changed.
fn merge_row(p: &mut Person, row: &ImportRow) -> bool {
    let before = p.clone();
    for (dst, src) in [
        (&mut p.role, &row.role),
        (&mut p.phone, &row.phone),
        (&mut p.email, &row.email),
        (&mut p.notes, &row.notes),
    ] {
        if !src.is_empty() {
            dst.clone_from(src);
        }
    }
    for t in &row.tags {
        if !p.tags.contains(t) {
            p.tags.push(t.clone());
        }
    }
    if !row.code.is_empty() && p.code.is_empty() {
        p.code = row.code.to_ascii_uppercase();
    }
    *p != before
}
