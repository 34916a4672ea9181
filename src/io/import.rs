//! Applying a parsed people CSV to the store: the one path for `netday import`, the TUI's
//! import screen and the demo data.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::csv::{Flag, ImportRow, ParsedCsv, RowError, RowFlag, RowProblem, Rsvp};
use crate::model::contact::{mask_email, mask_phone, name_key, org_key, phone_key};
use crate::model::{
    Attendance, AttendanceStatus, Consent, ConsentHow, ConsentState, District, Event, EventStatus,
    Id, MAX_ALIASES, OrgKind, Organization, Person, Ts,
};
use crate::progress::Progress;
use crate::store::journal::ImportJournal;
use crate::store::{Store, StoreError};

/// What an import did (or, in a plan, would do).
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
    /// People whose 불참 or 미정 for the day stays because their row gave no answer: only a
    /// newer explicit answer replaces an explicit one.
    pub kept: usize,
    /// People not registered who answered 불참: recorded as 불참 for the day.
    pub declined: usize,
    /// New organisations with the kind they get: the file's, else the one their name says
    /// (`OrgKind::guess`, as the walk-in form does), else 기타.
    pub new_orgs: Vec<(String, OrgKind)>,
    /// Organisations still 기타 here that the file gives a kind: they take it.
    pub kinds_set: usize,
    pub event_id: Option<Id>,
    /// Rows left out because their badge code belongs to someone else here, with another
    /// name or with contact details that say it is another person (also counted in `errors`).
    pub conflicts: Vec<RowError>,
    /// Rows whose phone or e-mail belongs to someone already here under another name, in file
    /// order (imported all the same; the file's own flags are `ParsedCsv::flags`).
    pub flags: Vec<RowFlag>,
    /// Rows that said no to consent and gave a phone or an e-mail: those were left out.
    pub withheld: usize,
    /// People already here whose kept phone or e-mail a "no" in the file removes — from every
    /// earlier record of them too (a withdrawal: `store::consent`). Counted as updated.
    pub withdrawn: usize,
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

/// Every flag of the rows, by line: the file's own (junk, a name like an organisation's) and
/// the import's (a phone or e-mail someone else here has).
pub fn row_flags(parsed: &ParsedCsv, summary: &ImportSummary) -> Vec<RowFlag> {
    let mut all: Vec<RowFlag> = parsed.flags.iter().chain(&summary.flags).cloned().collect();
    all.sort_by_key(|f| f.line);
    all
}

/// `parsed` without the rows on `lines` (left out by hand in the preview), their flags with
/// them; borrowed when there are none.
pub fn without_lines<'a>(
    parsed: &'a ParsedCsv,
    lines: &std::collections::BTreeSet<usize>,
) -> std::borrow::Cow<'a, ParsedCsv> {
    if lines.is_empty() {
        return std::borrow::Cow::Borrowed(parsed);
    }
    let mut kept = parsed.clone();
    kept.rows.retain(|r| !lines.contains(&r.line));
    kept.flags.retain(|f| !lines.contains(&f.line));
    std::borrow::Cow::Owned(kept)
}

/// Moves the rows `summary` found in conflict out of `parsed` into its errors, so a preview
/// shows them and applying the same `parsed` later counts them once.
pub fn set_aside_conflicts(parsed: &mut ParsedCsv, summary: &mut ImportSummary) {
    let lines: Vec<usize> = summary.conflicts.iter().map(|e| e.line).collect();
    parsed.rows.retain(|r| !lines.contains(&r.line));
    parsed.flags.retain(|f| !lines.contains(&f.line));
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
        title: crate::model::dates::title_for(date, crate::model::dates::DEFAULT_PLACE),
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
    /// 불참 from someone not registered: kept as 불참, so a later list without answers
    /// does not register them.
    Decline,
}

/// What importing a file would do, worked out against the store as it is: the counts to show
/// (`summary`) and every write, decided. Nothing is written until [`apply`]; a plan is applied
/// at once (the store must not change in between), or dropped (a preview, `--dry-run`).
pub struct ImportPlan<'a> {
    pub summary: ImportSummary,
    event: Option<NaiveDate>,
    /// The networking day on `event`, if it exists already.
    existing: Option<Event>,
    orgs: HashMap<String, Organization>,
    /// Keys into `orgs` of the organisations to create.
    new_orgs: Vec<String>,
    /// Keys into `orgs` of organisations here whose 기타 the file replaces with a kind.
    kinded_orgs: Vec<String>,
    known: Known<'a>,
    day_writes: Vec<(usize, DayChange)>,
    /// The consent each person's last row answered (by index into `known`), in file order.
    consents: Vec<(usize, ConsentState, Option<Ts>)>,
}

/// Works out what importing the good rows of `parsed` does; writes nothing. With `event`,
/// everyone is registered for the networking day on that date (made when the first
/// registrations are written), as their answers say: 참석 (or no answer) registers as
/// expected, 미정 as tentative, 불참 registers nobody and cancels a registration still open;
/// a later answer changes an earlier one (in the file or in the store), never an arrival.
/// Re-importing the same file, or another database's export of the same people, adds nothing.
/// A row finds its person in this order: the holder of its badge code, when their name agrees
/// and their contact details do not say otherwise (`Known::agrees`); else the person with the
/// same name and phone, else the same name and e-mail, else the same name and organisation
/// unless the phones tell two people apart. A code new here is kept as an alias of the person
/// found, so the other office's badge scans; a code that names someone else here is never taken
/// over: the row is matched by its other fields or refused.
/// `progress` hears one stage, the rows checked; told to stop, the plan says
/// `Stopped::BeforeWriting` and applying it writes nothing.
pub fn plan<'a>(
    store: &Store,
    parsed: &'a ParsedCsv,
    event: Option<NaiveDate>,
    progress: &mut dyn Progress,
) -> Result<ImportPlan<'a>, StoreError> {
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
    let mut at_id: HashMap<Id, usize> = HashMap::new();
    // Whose phone and e-mail each is among the people here (not archived), to flag a row that
    // gives someone else's under another name.
    let (mut phone_owner, mut email_owner) = (Index::default(), Index::default());
    for p in store.people()? {
        let org = p.org_id.and_then(|o| org_names.get(&o).copied());
        if !p.archived {
            let (ph, em) = (phone_key(&p.phone), email_key(&p.email));
            if ph.len() >= 9 {
                phone_owner.add(hash(&ph), k.who.len());
            }
            if !em.is_empty() {
                email_owner.add(hash(&em), k.who.len());
            }
        }
        at_id.insert(p.id, k.who.len());
        k.add(Who::Person(Box::new(p)), org.unwrap_or(NO_ORG), None);
    }
    let merged: HashMap<Id, Id> = store.merged_into()?.into_iter().collect();
    // Whom person `i` stands for: themselves unless archived; an archived person merged into
    // someone, the one they were merged into (through later merges too); else nobody.
    let stands_for = |k: &Known, mut i: usize| -> Option<usize> {
        for _ in 0..=merged.len() {
            match &k.who[i] {
                Who::Person(p) if p.archived => i = *at_id.get(merged.get(&p.id)?)?,
                _ => return Some(i),
            }
        }
        None
    };
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

    // Decide everything first, so a preview reports exactly what applying does.
    let mut new_orgs: Vec<String> = Vec::new();
    let mut kinded_orgs: Vec<String> = Vec::new();
    let mut day_order: Vec<usize> = Vec::new();
    let mut consents: Vec<(usize, ConsentState, Option<Ts>)> = Vec::new();
    let mut withdrawn: std::collections::HashSet<usize> = Default::default();
    summary.withheld = parsed.rows.iter().filter(|r| r.withheld).count();
    progress.start(crate::progress::Stage::CheckRows, parsed.rows.len() as u64);
    for (n, row) in parsed.rows.iter().enumerate() {
        if n.is_multiple_of(STEP) {
            progress.set(n as u64);
            if progress.cancelled() {
                summary.stopped = Some(Stopped::BeforeWriting);
                break;
            }
        }
        let code = row.code.to_ascii_uppercase();
        let okey = org_key(&row.organization);
        let org = k.org(&okey);
        let ph = phone_key(&row.phone);
        let em = email_key(&row.email);
        // The same name and phone is the same person, even in another organisation (they
        // moved); a shared office phone under another name is not. Else the same name and
        // e-mail. Else name + organisation, unless the phones tell two people apart (two
        // 김민지 in one co-op). A row with a code never lands on someone an earlier row with
        // another code already named: the file's own database holds two people there.
        let coded = !code.is_empty();
        let by_fields = || {
            k.by_phone(&ph, &row.name, coded)
                .or_else(|| k.by_email(&em, &row.name, coded))
                .or_else(|| {
                    k.by_name_org(&row.name, org, coded).filter(|&i| {
                        let theirs = phone_key(k.who[i].phone());
                        ph.len() < 9 || theirs.len() < 9 || theirs == ph
                    })
                })
        };
        // A badge code (as netday exports it) names its holder only when the names agree and
        // nothing else says it is someone else: another database's export carries codes
        // that here belong to another person, sometimes of the same name.
        let holder = k.by_code(&code);
        let found = match holder {
            Some(h)
                if name_key(k.who[h].name()) == name_key(&row.name)
                    && k.agrees(h, org, &ph, &em) =>
            {
                Some(h)
            }
            Some(h) => match by_fields() {
                Some(m) => Some(m),
                None => {
                    let reason = if name_key(k.who[h].name()) == name_key(&row.name) {
                        RowProblem::CodeOfNamesake {
                            code,
                            holder: k.who[h].described(),
                        }
                    } else {
                        RowProblem::CodeTaken {
                            code,
                            holder: k.who[h].name().to_string(),
                        }
                    };
                    summary.conflicts.push(RowError {
                        line: row.line,
                        reason,
                    });
                    continue;
                }
            },
            None => by_fields(),
        };
        // Someone here, not the one found, with another name, has this phone or e-mail. A row
        // whose match holds it too is not flagged: the sharing was there before this file.
        let other = |i: usize| Some(i) != found && name_key(k.who[i].name()) != name_key(&row.name);
        let found_phone = found.is_some_and(|f| phone_key(k.who[f].phone()) == ph);
        let found_email = found.is_some_and(|f| email_key(k.who[f].email()) == em);
        if ph.len() >= 9
            && !found_phone
            && let Some(o) =
                phone_owner.find(hash(&ph), |i| other(i) && phone_key(k.who[i].phone()) == ph)
        {
            summary.flags.push(RowFlag {
                line: row.line,
                field: crate::model::ImportField::Phone,
                what: Flag::PhoneOf(k.who[o].name().to_string()),
            });
        }
        if !em.is_empty()
            && !found_email
            && let Some(o) =
                email_owner.find(hash(&em), |i| other(i) && email_key(k.who[i].email()) == em)
        {
            summary.flags.push(RowFlag {
                line: row.line,
                field: crate::model::ImportField::Email,
                what: Flag::EmailOf(k.who[o].name().to_string()),
            });
        }
        // A row that finds someone archived changes nobody: the merge chose the kept record's
        // values. It counts for the one they were merged into, if any; nobody archived is ever
        // registered (a ghost on the desk list, the counts and the sign-in sheet).
        if let Some(i) = found
            && matches!(&k.who[i], Who::Person(p) if p.archived)
        {
            summary.skipped += 1;
            if let Some(kept) = stands_for(&k, i)
                && event.is_some()
            {
                k.answered(kept, row.answer, &mut day_order);
            }
            continue;
        }
        match orgs.get_mut(&okey) {
            _ if okey.is_empty() => {}
            None => {
                let kind = row
                    .kind
                    .or_else(|| OrgKind::guess(&row.organization))
                    .unwrap_or(OrgKind::Other);
                orgs.insert(
                    okey.clone(),
                    Organization {
                        id: 0,
                        name: row.organization.clone(),
                        kind,
                        district: row.district.unwrap_or(District::Other),
                        contact: String::new(),
                    },
                );
                summary.new_orgs.push((row.organization.clone(), kind));
                new_orgs.push(okey.clone());
            }
            // Only 기타 gives way: a kind someone chose stays.
            Some(o) if o.id != 0 && o.kind == OrgKind::Other => {
                if let Some(kind) = row.kind.filter(|k| *k != OrgKind::Other) {
                    o.kind = kind;
                    summary.kinds_set += 1;
                    kinded_orgs.push(okey.clone());
                }
            }
            Some(_) => {}
        }
        let idx = match found {
            Some(i) => {
                let current_org = k.key_org[i];
                let moved = k.who[i].id() != 0 && org != NO_ORG && current_org != org;
                // A code nobody here has is kept, so the badge it is printed on scans.
                let aliased = holder.is_none() && !code.is_empty() && k.alias(i, &code);
                if merge_row(k.who[i].person(), row) || moved || aliased {
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
        if coded {
            k.coded[idx] = true;
        }
        if event.is_some() {
            k.answered(idx, row.answer, &mut day_order);
        }
        if row.consent != ConsentState::NotAsked {
            if row.consent == ConsentState::No && k.who[idx].id() != 0 && !withdrawn.contains(&idx)
            {
                let p = k.who[idx].person();
                if !p.phone.is_empty() || !p.email.is_empty() {
                    withdrawn.insert(idx);
                    summary.withdrawn += 1;
                    // The row changes them after all: updated, not skipped.
                    if found.is_some() && !k.changed[idx] {
                        summary.skipped -= 1;
                        summary.updated += 1;
                    }
                }
            }
            consents.push((idx, row.consent, row.consent_at));
        }
    }
    if summary.stopped.is_some() {
        return Ok(ImportPlan {
            summary,
            event,
            existing,
            orgs,
            new_orgs,
            kinded_orgs,
            known: k,
            day_writes: Vec::new(),
            consents: Vec::new(),
        });
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
                (Some(Rsvp::No), None) => DayChange::Decline,
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
    summary.kept = day_order
        .iter()
        .filter(|&&i| {
            let id = k.who[i].id();
            k.answer[i].flatten().is_none()
                && id != 0
                && existing_att.get(&id).is_some_and(|a| {
                    matches!(
                        a.status,
                        AttendanceStatus::Cancelled | AttendanceStatus::Tentative
                    )
                })
        })
        .count();
    let changes = |which| day_writes.iter().filter(|(_, c)| *c == which).count();
    summary.registered = changes(DayChange::Register);
    summary.tentative = changes(DayChange::Tentative);
    summary.cancelled = changes(DayChange::Cancel);
    summary.declined = changes(DayChange::Decline);
    summary.errors += summary.conflicts.len();
    Ok(ImportPlan {
        summary,
        event,
        existing,
        orgs,
        new_orgs,
        kinded_orgs,
        known: k,
        day_writes,
        consents,
    })
}

/// Writes what `plan` decided: organisations, people in chunks of `PEOPLE_PER_WRITE`, then the
/// registrations in chunks, each chunk one change on the store's bulk path (whole or absent
/// after a kill, finished on the next open if cut between its batches), and one sync at the
/// end (a stop between two chunks syncs first). Cut short, the chunks before stay written, and
/// importing the file again finishes it (`apply_file` keeps it named as unfinished until then).
/// `progress` hears one stage, the records written.
pub fn apply(
    store: &Store,
    plan: ImportPlan<'_>,
    progress: &mut dyn Progress,
) -> Result<ImportSummary, StoreError> {
    apply_as(store, plan, None, progress)
}

/// `apply`, with every write on record as a chunk of the import of `source` (the file's name
/// and the group its chunks share in the change journal).
fn apply_as(
    store: &Store,
    plan: ImportPlan<'_>,
    source: Option<(&str, u64)>,
    progress: &mut dyn Progress,
) -> Result<ImportSummary, StoreError> {
    let ImportPlan {
        mut summary,
        event,
        existing,
        orgs,
        new_orgs,
        kinded_orgs,
        known: k,
        day_writes,
        consents,
    } = plan;
    if summary.stopped.is_some() {
        return Ok(summary);
    }
    let changed: Vec<usize> = (0..k.who.len()).filter(|&i| k.changed[i]).collect();
    let total = (new_orgs.len() + kinded_orgs.len() + changed.len() + day_writes.len()) as u64;
    progress.start(crate::progress::Stage::Import, total);
    let made = store.write_bulk(|tx| {
        if let Some((file, group)) = source {
            tx.chunk_of_import(file, group);
        }
        let mut made = Vec::with_capacity(new_orgs.len());
        for key in &new_orgs {
            if let Some(o) = orgs.get(key) {
                let mut o = o.clone();
                tx.put_org(&mut o)?;
                made.push((key, o.id));
            }
        }
        for key in &kinded_orgs {
            if let Some(o) = orgs.get(key) {
                tx.put_org(&mut o.clone())?;
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
    let mut done = (new_orgs.len() + kinded_orgs.len()) as u64;
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
        let written = store.write_bulk(|tx| {
            if let Some((file, group)) = source {
                tx.chunk_of_import(file, group);
            }
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
    // After the people, so that a new person has an id; a "no" empties the phone and e-mail
    // of someone already here in the same write (`store::consent`).
    let how = ConsentHow::Import {
        file: source.map(|(f, _)| f.to_string()).unwrap_or_default(),
    };
    let now = Ts::now();
    for chunk in consents.chunks(5000) {
        store.write_bulk(|tx| {
            if let Some((file, group)) = source {
                tx.chunk_of_import(file, group);
            }
            for &(i, state, at) in chunk.iter().filter(|(i, ..)| ids[*i] != 0) {
                let at = at.unwrap_or(now);
                tx.put_consent(ids[i], &Consent::new(state, at, how.clone()))?;
            }
            Ok(())
        })?;
    }
    if let Some(date) = event {
        let mut day = existing;
        for chunk in day_writes.chunks(5000) {
            if let Some(s) = stop_here(progress, people_done)? {
                summary.stopped = Some(s);
                return Ok(summary);
            }
            day = Some(store.write_bulk(|tx| {
                if let Some((file, group)) = source {
                    tx.chunk_of_import(file, group);
                }
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
                            DayChange::Cancel | DayChange::Decline => AttendanceStatus::Cancelled,
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
    // A "no" that emptied someone's kept phone or e-mail: out of the journal now.
    store.scrub_withdrawn()?;
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
    fn email(&self) -> &str {
        match self {
            Who::Person(p) => &p.email,
            Who::Row(r) => &r.email,
        }
    }
    fn id(&self) -> Id {
        match self {
            Who::Person(p) => p.id,
            Who::Row(_) => 0,
        }
    }
    /// Whether `code` (upper case) is theirs or one of their aliases.
    fn has_code(&self, code: &str) -> bool {
        match self {
            Who::Person(p) => p.codes().any(|c| c == code),
            Who::Row(r) => r.code.eq_ignore_ascii_case(code),
        }
    }
    /// Their name with what tells them apart from a namesake: the masked phone, else the
    /// masked e-mail.
    fn described(&self) -> String {
        let (name, phone, email) = (self.name(), self.phone(), self.email());
        if !phone.is_empty() {
            format!("{name}, {}", mask_phone(phone))
        } else if !email.is_empty() {
            format!("{name}, {}", mask_email(email))
        } else {
            name.to_string()
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

/// Everyone the import knows, with the four ways a row finds someone among them, tried in this
/// order (`plan`): badge code (their own or an alias), then name and phone, name and e-mail,
/// name and organisation.
#[derive(Default)]
struct Known<'a> {
    who: Vec<Who<'a>>,
    /// The organisation (an index into `org_keys`) each person is found under.
    key_org: Vec<u32>,
    /// The organisation the person's last row named, to be written.
    row_org: Vec<u32>,
    changed: Vec<bool>,
    /// Named by a row of this file that carried a badge code.
    coded: Vec<bool>,
    /// The last answer each person gave in the file (outer `None`: no row for the day).
    answer: Vec<Option<Option<Rsvp>>>,
    org_keys: Vec<String>,
    org_at: HashMap<String, u32>,
    name_org: Index,
    phone: Index,
    email: Index,
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
        let ph = match &new {
            Some((ph, code)) => {
                if !code.is_empty() {
                    self.code.add(hash(code), i);
                }
                ph.clone()
            }
            None => {
                if let Who::Person(p) = &who {
                    for c in p.codes() {
                        self.code.add(hash(c), i);
                    }
                }
                phone_key(who.phone())
            }
        };
        self.name_org.add(hash((who.name(), org)), i);
        if ph.len() >= 9 {
            self.phone.add(hash((&ph, who.name())), i);
        }
        let em = email_key(who.email());
        if !em.is_empty() {
            self.email.add(hash((&em, who.name())), i);
        }
        self.who.push(who);
        self.key_org.push(org);
        self.row_org.push(NO_ORG);
        self.changed.push(new.is_some());
        self.coded
            .push(new.as_ref().is_some_and(|(_, code)| !code.is_empty()));
        self.answer.push(None);
        i
    }

    /// Person `i` gave `answer` in a row: the last answer a person gave in the file counts; a
    /// row without one keeps it. The first answer puts them in `order`.
    fn answered(&mut self, i: usize, answer: Option<Rsvp>, order: &mut Vec<usize>) {
        match &mut self.answer[i] {
            Some(a) => *a = answer.or(*a),
            a @ None => {
                *a = Some(answer);
                order.push(i);
            }
        }
    }

    fn by_code(&self, code: &str) -> Option<usize> {
        if code.is_empty() {
            return None;
        }
        self.code.find(hash(code), |i| self.who[i].has_code(code))
    }

    /// Keeps `code` (upper case, nobody's yet) as person `i`'s alias, or as their code when
    /// they have none; true if it was new to them. Past `MAX_ALIASES` a code is not kept (the
    /// row still updates them), so no file can grow one record past the store's limit.
    fn alias(&mut self, i: usize, code: &str) -> bool {
        if self.who[i].has_code(code) {
            return false;
        }
        let p = self.who[i].person();
        if p.code.is_empty() {
            p.code = code.to_string();
        } else if p.aliases.len() < MAX_ALIASES {
            p.aliases.push(code.to_string());
        } else {
            return false;
        }
        self.code.add(hash(code), i);
        true
    }

    /// Whether a row under organisation `org` with phone key `ph` and e-mail key `em` may be
    /// person `i`, whose badge code (and name) it carries: their phone, e-mail or organisation
    /// agree, or none of them differs. So the code never makes a namesake from another office,
    /// with their own phone and organisation, into the person here.
    fn agrees(&self, i: usize, org: u32, ph: &str, em: &str) -> bool {
        let theirs_ph = phone_key(self.who[i].phone());
        let theirs_em = email_key(self.who[i].email());
        let theirs_org = self.key_org[i];
        let phone = (ph.len() >= 9 && theirs_ph.len() >= 9).then(|| ph == theirs_ph);
        let email = (!em.is_empty() && !theirs_em.is_empty()).then(|| em == theirs_em);
        let org = (org != NO_ORG && theirs_org != NO_ORG).then_some(org == theirs_org);
        let fields = [phone, email, org];
        fields.contains(&Some(true)) || !fields.contains(&Some(false))
    }

    /// Whether a row may be found as person `i` by its fields: with a code of its own
    /// (`coded`), not if an earlier row gave them another.
    fn open_to(&self, i: usize, coded: bool) -> bool {
        !(coded && self.coded[i])
    }

    fn by_email(&self, em: &str, name: &str, coded: bool) -> Option<usize> {
        if em.is_empty() {
            return None;
        }
        self.email.find(hash((em, name)), |i| {
            self.who[i].name() == name && self.open_to(i, coded)
        })
    }

    fn by_phone(&self, ph: &str, name: &str, coded: bool) -> Option<usize> {
        if ph.len() < 9 {
            return None;
        }
        // Under the phone they were added with, even if a row changed it since (names do
        // not change).
        self.phone.find(hash((ph, name)), |i| {
            self.who[i].name() == name && self.open_to(i, coded)
        })
    }

    fn by_name_org(&self, name: &str, org: u32, coded: bool) -> Option<usize> {
        self.name_org.find(hash((name, org)), |i| {
            self.who[i].name() == name && self.key_org[i] == org && self.open_to(i, coded)
        })
    }
}

/// What to tell the user about imports that never finished (one line each): how to finish
/// each, or, when its file is gone, that it cannot be; `forget` says how to dismiss it where the
/// lines are shown (the command line, or the key in the app).
pub fn unfinished(store: &Store, forget: (&str, &str)) -> Result<Vec<String>, StoreError> {
    Ok(store
        .pending_imports()?
        .iter()
        .map(|j| {
            let gone = !std::path::Path::new(&j.file).is_file();
            crate::i18n::import_unfinished(
                &j.file,
                j.size,
                &j.started.local().format("%Y-%m-%d %H:%M").to_string(),
                j.event.map(|d| d.to_string()),
                gone,
                forget,
            )
        })
        .collect())
}

/// How the command line forgets an unfinished import.
pub const FORGET_ON_THE_COMMAND_LINE: (&str, &str) = (
    "netday import --forget-unfinished",
    "netday import --forget-unfinished",
);

/// Plans and applies the import of a file the user named. The import is recorded in the store
/// as in progress before anything is written and forgotten after its last write, so one that
/// is cut short (killed, power lost, disk full) is named on the next start; importing the file
/// again finishes it, as re-importing adds nobody twice.
pub fn apply_file(
    store: &Store,
    parsed: &ParsedCsv,
    file: &std::path::Path,
    event: Option<NaiveDate>,
    progress: &mut dyn Progress,
) -> Result<ImportSummary, StoreError> {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let journal = ImportJournal {
        file: file.display().to_string(),
        size: std::fs::metadata(&file).map_or(0, |m| m.len()),
        started: Ts::now(),
        event,
    };
    store.begin_import(&journal)?;
    let mut heard = Heard {
        inner: progress,
        writing: false,
        done: 0,
        total: 0,
    };
    let group = journal.started.0.max(0) as u64;
    let name = file
        .file_name()
        .map_or_else(|| journal.file.clone(), |n| n.to_string_lossy().to_string());
    let summary = plan(store, parsed, event, &mut heard)
        .and_then(|plan| apply_as(store, plan, Some((&name, group)), &mut heard))
        .and_then(|summary| {
            // Stopped half-way, it stays named as unfinished until the file is imported again.
            if !matches!(summary.stopped, Some(Stopped::Writing { .. })) {
                store.end_import(&journal.file)?;
            }
            Ok(summary)
        });
    let (done, total) = (heard.done, heard.total);
    summary.map_err(|e| cut_short(store, parsed, event, &journal.file, e, done, total))
}

/// Passes progress on, keeping how many records of the writing stage were written.
struct Heard<'a> {
    inner: &'a mut dyn Progress,
    writing: bool,
    done: u64,
    total: u64,
}

impl Progress for Heard<'_> {
    fn start(&mut self, what: crate::progress::Stage, total: u64) {
        self.writing = what == crate::progress::Stage::Import;
        if self.writing {
            self.total = total;
        }
        self.inner.start(what, total);
    }
    fn set(&mut self, done: u64) {
        if self.writing {
            self.done = done;
        }
        self.inner.set(done);
    }
    fn cancelled(&mut self) -> bool {
        self.inner.cancelled()
    }
    fn ending(&mut self) -> bool {
        self.inner.ending()
    }
}

/// An import the disk filled under: the transactions before the last were written, so what
/// the database holds now is read again (sled reopens from the disk) and what is still missing
/// is counted by a plan of the same file.
fn cut_short(
    store: &Store,
    parsed: &ParsedCsv,
    event: Option<NaiveDate>,
    file: &str,
    e: StoreError,
    done: u64,
    total: u64,
) -> StoreError {
    if !e.is_disk_full() {
        return e;
    }
    let missing = |s: &Store| {
        plan(s, parsed, event, &mut crate::progress::Silent).map(|p| {
            let s = p.summary;
            (
                s.added + s.updated,
                s.registered + s.tentative + s.cancelled,
            )
        })
    };
    // On a disk too full for sled to open again, a copy elsewhere is read.
    let left = if done == 0 {
        None
    } else {
        store
            .durable()
            .and_then(|()| missing(store))
            .or_else(|_| Store::open_to_read(store.path()).and_then(|s| missing(&s)))
            .ok()
    };
    StoreError::ImportCut {
        path: store.path().to_path_buf(),
        file: file.to_string(),
        event,
        done,
        total,
        left,
    }
}

/// An e-mail address as two spellings of it compare: trimmed, lower case.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_writes_nothing_and_applying_it_does_what_it_said() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("db")).expect("open");
        let csv =
            "이름,소속,전화,참석\n김민지,햇살생협,010-1234-5678,참석\n이서준,푸른신협,,미정\n";
        let parsed = super::super::csv::parse_people_csv(csv.as_bytes()).expect("parse");
        let day = NaiveDate::from_ymd_opt(2026, 3, 12).expect("date");
        let syncs = store.sync_count();
        let silent = &mut crate::progress::Silent;
        let preview = plan(&store, &parsed, Some(day), silent).expect("plan");
        let planned = preview.summary.clone();
        drop(preview);
        assert_eq!(store.sync_count(), syncs);
        assert!(store.people().expect("people").is_empty());
        assert!(store.orgs().expect("orgs").is_empty());
        assert!(store.events().expect("events").is_empty(), "no day made");
        assert_eq!(
            (planned.added, planned.registered, planned.tentative),
            (2, 1, 1)
        );
        let done = apply(
            &store,
            plan(&store, &parsed, Some(day), silent).expect("plan"),
            silent,
        )
        .expect("apply");
        assert_eq!(
            ImportSummary {
                event_id: None,
                ..done.clone()
            },
            planned
        );
        assert_eq!(store.people().expect("people").len(), 2);
        assert!(done.event_id.is_some());
    }
}
