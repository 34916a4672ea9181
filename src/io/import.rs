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
    /// Set when the one waiting said to stop (`Progress::cancelled`); the counts above are
    /// then what the whole file would have done.
    pub stopped: Option<Stopped>,
}

/// Where an import stopped when told to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// While the rows were checked: nothing was written.
    BeforeWriting,
    /// Between two synced writes: `people` of the `of` people to write are saved (all of them
    /// once the registrations are being written). Importing the file again finishes it.
    Writing { people: usize, of: usize },
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
    let mut k = Known::default();
    let org_names: HashMap<Id, u32> = orgs.iter().map(|(key, o)| (o.id, k.org(key))).collect();
    for p in store.people()? {
        let org = p.org_id.and_then(|o| org_names.get(&o).copied());
        k.add(Who::Person(Box::new(p)), org.unwrap_or(NO_ORG), None);
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
    let mut day_order: Vec<usize> = Vec::new();
    progress.start(crate::i18n::PROGRESS_CHECK_ROWS, parsed.rows.len() as u64);
    for (n, row) in parsed.rows.iter().enumerate() {
        if n.is_multiple_of(STEP) {
            progress.set(n as u64);
            if progress.cancelled() {
                summary.stopped = Some(Stopped::BeforeWriting);
                return Ok(summary);
            }
        }
        // A badge code (as netday exports it) names one person exactly, but only if the names
        // agree: another database's export carries codes that here belong to someone else.
        let code = row.code.to_ascii_uppercase();
        let by_this_code = k.by_code(&code);
        if let Some(i) = by_this_code
            && name_key(k.who[i].name()) != name_key(&row.name)
        {
            summary.conflicts.push(RowError {
                line: row.line,
                reason: RowProblem::CodeTaken {
                    code,
                    holder: k.who[i].name().to_string(),
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
        let org = k.org(&okey);
        let ph = phone_key(&row.phone);
        // Else the same name and phone is the same person, even in another organisation (they
        // moved); a shared office phone under another name is not. Otherwise name +
        // organisation, unless the phones tell two people apart (two 김민지 in one co-op).
        // A row with a code is that person or a new one, never matched by name or phone.
        let found = if !code.is_empty() {
            by_this_code
        } else {
            k.by_phone(&ph, &row.name).or_else(|| {
                k.by_name_org(&row.name, org).filter(|&i| {
                    let theirs = phone_key(k.who[i].phone());
                    ph.len() < 9 || theirs.len() < 9 || theirs == ph
                })
            })
        };
        let idx = match found {
            Some(i) => {
                let current_org = k.key_org[i];
                let moved = k.who[i].id() != 0 && org != NO_ORG && current_org != org;
                if merge_row(k.who[i].person(), row) || moved {
                    // Every row lands in one count: added, updated, skipped or errors.
                    summary.updated += 1;
                    k.changed[i] = true;
                } else {
                    summary.skipped += 1;
                }
                i
            }
            None => {
                summary.added += 1;
                k.add(Who::Row(row), org, Some((ph, code)))
            }
        };
        // The organisation the row named, resolved to an id when written.
        if org != NO_ORG {
            k.row_org[idx] = org;
        }
        // The last answer a person gave in the file counts; a row without one keeps it.
        if event.is_some() {
            match &mut k.answer[idx] {
                Some(a) => *a = row.answer.or(*a),
                a @ None => {
                    *a = Some(row.answer);
                    day_order.push(idx);
                }
            }
        }
    }
    progress.set(parsed.rows.len() as u64);
    let day_writes: Vec<(usize, DayChange)> = day_order
        .iter()
        .filter_map(|&i| {
            let id = k.who[i].id();
            let now = existing_att.get(&id).filter(|_| id != 0).map(|a| &a.status);
            use AttendanceStatus::{Cancelled, Expected, NoShow, Tentative};
            let change = match (k.answer[i].flatten(), now) {
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
    let changed: Vec<usize> = (0..k.who.len()).filter(|&i| k.changed[i]).collect();
    let total = (new_orgs.len() + changed.len() + day_writes.len()) as u64;
    progress.start(crate::i18n::PROGRESS_IMPORT, total);
    let made = store.write_unsynced(|tx| {
        let mut made = Vec::with_capacity(new_orgs.len());
        for key in &new_orgs {
            if let Some(o) = orgs.get(key) {
                let mut o = o.clone();
                tx.put_org(&mut o)?;
                made.push((key, o.id));
            }
        }
        Ok(made)
    })?;
    // Organisation ids by the index `Known::org` gave their keys.
    let mut org_ids: Vec<Option<Id>> = vec![None; k.org_keys.len()];
    for (key, o) in orgs.iter() {
        if let Some(&at) = k.org_at.get(key.as_str()) {
            org_ids[at as usize] = Some(o.id).filter(|&id| id != 0);
        }
    }
    for (key, id) in made {
        if let Some(&at) = k.org_at.get(key.as_str()) {
            org_ids[at as usize] = Some(id);
        }
    }
    let mut done = new_orgs.len() as u64;
    progress.set(done);
    let mut ids: Vec<Id> = k.who.iter().map(Who::id).collect();
    let mut people_done = 0;
    let stop_here = |progress: &mut dyn Progress, people| {
        let stop = progress.cancelled();
        if stop {
            store.durable()?;
        }
        Ok::<_, StoreError>(stop.then_some(Stopped::Writing {
            people,
            of: changed.len(),
        }))
    };
    for chunk in changed.chunks(PEOPLE_PER_WRITE) {
        if let Some(s) = stop_here(progress, people_done)? {
            summary.stopped = Some(s);
            return Ok(summary);
        }
        let people: Vec<Person> = chunk
            .iter()
            .map(|&i| {
                let mut p = k.who[i].to_person();
                if let Some(&o) = k.row_org.get(i).filter(|&&o| o != NO_ORG) {
                    p.org_id = org_ids.get(o as usize).copied().flatten();
                }
                p
            })
            .collect();
        let written = store.write_unsynced(|tx| {
            let mut out = Vec::with_capacity(people.len());
            for p in &people {
                let mut p = p.clone();
                tx.put_person(&mut p)?;
                out.push(p.id);
            }
            Ok(out)
        })?;
        for (&i, id) in chunk.iter().zip(written) {
            ids[i] = id;
        }
        people_done += chunk.len();
        done += chunk.len() as u64;
        progress.set(done);
    }
    drop(k);
    if let Some(date) = event {
        let mut day = existing;
        for chunk in day_writes.chunks(5000) {
            if let Some(s) = stop_here(progress, people_done)? {
                summary.stopped = Some(s);
                return Ok(summary);
            }
            day = Some(store.write_unsynced(|tx| {
                let mut e = day.clone().unwrap_or_else(|| new_event(date));
                if e.id == 0 {
                    tx.put_event(&mut e)?;
                }
                for &(i, change) in chunk {
                    tx.put_attendance(&Attendance {
                        event_id: e.id,
                        person_id: ids[i],
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

/// People written in one transaction.
const PEOPLE_PER_WRITE: usize = 2000;

/// No organisation (in `Known`'s per-person organisation columns).
const NO_ORG: u32 = u32::MAX;
/// End of a chain of people sharing a hash (`Index`).
const END: u32 = u32::MAX;

/// Someone an import knows of: a person in the store (or one a row changed), or a new person
/// still only a row of the file, made into a `Person` when written, so a large file's new
/// people are not held twice.
enum Who<'a> {
    /// Boxed: most of a large import is rows, and each entry is only as big as its largest kind.
    Person(Box<Person>),
    Row(&'a ImportRow),
}

impl Who<'_> {
    fn name(&self) -> &str {
        match self {
            Who::Person(p) => &p.name,
            Who::Row(r) => &r.name,
        }
    }
    fn phone(&self) -> &str {
        match self {
            Who::Person(p) => &p.phone,
            Who::Row(r) => &r.phone,
        }
    }
    fn id(&self) -> Id {
        match self {
            Who::Person(p) => p.id,
            Who::Row(_) => 0,
        }
    }
    fn code(&self) -> &str {
        match self {
            Who::Person(p) => &p.code,
            Who::Row(r) => &r.code,
        }
    }
    fn to_person(&self) -> Person {
        match self {
            Who::Person(p) => Person::clone(p),
            Who::Row(r) => new_person(r),
        }
    }
    /// The person, to change (a new one is made from its row first).
    fn person(&mut self) -> &mut Person {
        if let Who::Row(r) = self {
            *self = Who::Person(Box::new(new_person(r)));
        }
        match self {
            Who::Person(p) => p,
            Who::Row(_) => unreachable!("made a person just above"),
        }
    }
}

/// A hash index over `Known::who`: each hash names the latest person added under it, and
/// `next` the one added before under the same hash, so only numbers are kept, never keys.
#[derive(Default)]
struct Index {
    head: FxHashMap<u64, u32>,
    next: Vec<u32>,
}

impl Index {
    fn add(&mut self, hash: u64, i: usize) {
        if self.next.len() <= i {
            self.next.resize(i + 1, END);
        }
        self.next[i] = self.head.insert(hash, i as u32).unwrap_or(END);
    }
    /// The latest person under `hash` for whom `is` holds.
    fn find(&self, hash: u64, is: impl Fn(usize) -> bool) -> Option<usize> {
        let mut at = self.head.get(&hash).copied().unwrap_or(END);
        while at != END {
            if is(at as usize) {
                return Some(at as usize);
            }
            at = self.next[at as usize];
        }
        None
    }
}

fn hash(parts: impl std::hash::Hash) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(parts)
}

/// Everyone the import knows, with the three ways a row finds someone among them: name and
/// organisation, phone and name, badge code.
#[derive(Default)]
struct Known<'a> {
    who: Vec<Who<'a>>,
    /// The organisation (an index into `org_keys`) each person is found under.
    key_org: Vec<u32>,
    /// The organisation the person's last row named, to be written.
    row_org: Vec<u32>,
    changed: Vec<bool>,
    /// The last answer each person gave in the file (outer `None`: no row for the day).
    answer: Vec<Option<Option<Rsvp>>>,
    org_keys: Vec<String>,
    org_at: HashMap<String, u32>,
    name_org: Index,
    phone: Index,
    code: Index,
}

impl<'a> Known<'a> {
    /// The index of an organisation key (`org_key` of a name), given on first sight;
    /// `NO_ORG` for none.
    fn org(&mut self, key: &str) -> u32 {
        if key.is_empty() {
            return NO_ORG;
        }
        if let Some(&at) = self.org_at.get(key) {
            return at;
        }
        let at = self.org_keys.len() as u32;
        self.org_keys.push(key.to_string());
        self.org_at.insert(key.to_string(), at);
        at
    }

    /// Adds someone found under organisation `org`; `new` holds a new row's phone key and
    /// upper-case code (a stored person's are read from it). New people are changed people.
    fn add(&mut self, who: Who<'a>, org: u32, new: Option<(String, String)>) -> usize {
        let i = self.who.len();
        let (ph, code) = match &new {
            Some((ph, code)) => (ph.clone(), code.clone()),
            None => (phone_key(who.phone()), who.code().to_string()),
        };
        self.name_org.add(hash((who.name(), org)), i);
        if ph.len() >= 9 {
            self.phone.add(hash((&ph, who.name())), i);
        }
        if !code.is_empty() {
            self.code.add(hash(&code), i);
        }
        self.who.push(who);
        self.key_org.push(org);
        self.row_org.push(NO_ORG);
        self.changed.push(new.is_some());
        self.answer.push(None);
        i
    }

    fn by_code(&self, code: &str) -> Option<usize> {
        if code.is_empty() {
            return None;
        }
        self.code.find(hash(code), |i| {
            let theirs = self.who[i].code();
            match &self.who[i] {
                Who::Person(_) => theirs == code,
                Who::Row(_) => theirs.eq_ignore_ascii_case(code),
            }
        })
    }

    fn by_phone(&self, ph: &str, name: &str) -> Option<usize> {
        if ph.len() < 9 {
            return None;
        }
        // Under the phone they were added with, even if a row changed it since (names do
        // not change).
        self.phone
            .find(hash((ph, name)), |i| self.who[i].name() == name)
    }

    fn by_name_org(&self, name: &str, org: u32) -> Option<usize> {
        self.name_org.find(hash((name, org)), |i| {
            self.who[i].name() == name && self.key_org[i] == org
        })
    }
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
    // Stopped half-way, it stays named as unfinished until the file is imported again.
    if !matches!(summary.stopped, Some(Stopped::Writing { .. })) {
        store.end_import(&journal.file)?;
    }
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
