//! The change history as the screen, the person detail and `netday history` show it: each
//! change in one line (when, desk, kind, what it touched, in words), the filters, and a
//! change's records before and after, field by field.

use std::cell::RefCell;
use std::collections::HashMap;

use super::{Data, Result};
use crate::i18n::{self, L};
use crate::model::{Change, Event, Id, Organization, Person, Ts};
use crate::store::changes::{Record, decode_write};

/// What the history keeps: every part left empty keeps everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Changes to this day's records (attendance, agenda, notes, the day itself), or made on
    /// its date.
    pub day: Option<Event>,
    /// A part of the name of a person the change touched.
    pub person: String,
    /// A part of the name of an organisation the change touched (or a touched person's).
    pub org: String,
    /// A part of the kind's words, Korean or English ("체크인", "import").
    pub kind: String,
    pub desk: String,
    /// Only changes to this person's record or attendance.
    pub person_id: Option<Id>,
}

impl HistoryFilter {
    pub fn is_empty(&self) -> bool {
        *self == HistoryFilter::default()
    }

    /// The filter in words, for the screen's title line.
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if let Some(d) = &self.day {
            parts.push(d.date.format("%Y-%m-%d").to_string());
        }
        for s in [&self.person, &self.org, &self.kind, &self.desk] {
            if !s.trim().is_empty() {
                parts.push(s.trim().to_string());
            }
        }
        parts.join(" · ")
    }
}

/// One change as a line of the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeLine {
    pub order: u64,
    pub id: String,
    pub at: Ts,
    pub desk: String,
    /// The kind, in the UI language.
    pub kind: String,
    /// What it touched, in words: "김기성 (한울신협)", "안건 '공동 홍보'".
    pub touched: String,
}

impl ChangeLine {
    /// MM-DD HH:MM, local time.
    pub fn when(&self) -> String {
        self.at.local().format("%m-%d %H:%M").to_string()
    }
}

/// One field of a record, before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: L,
    pub before: String,
    pub after: String,
}

/// One record a change wrote: its label, whether it was added, removed or changed, and each
/// field that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordChange {
    pub label: String,
    pub how: L,
    pub fields: Vec<FieldChange>,
}

/// Names read from the store once per listing.
#[derive(Default)]
struct Names {
    people: HashMap<Id, Option<Person>>,
    orgs: HashMap<Id, Option<Organization>>,
    events: HashMap<Id, Event>,
}

/// How many of the newest changes the person detail looks through.
const RECENT_SCAN: usize = 500;

/// Which people each of the newest changes touched (their record or their attendance), read
/// from the keys alone; rebuilt when a newer change is on record.
pub(super) struct Touched {
    newest: u64,
    /// Per person, the orders of the changes that touched them, newest first.
    by_person: std::collections::HashMap<Id, Vec<u64>>,
}

impl Touched {
    fn read(store: &crate::store::Store, newest: u64) -> Result<Touched> {
        let mut by_person: std::collections::HashMap<Id, Vec<u64>> = Default::default();
        for c in store.recent_changes(RECENT_SCAN, usize::MAX, |_| true)? {
            let mut seen: Vec<Id> = Vec::new();
            for w in &c.writes {
                let id = match w.tree.as_str() {
                    "people" => w.key.get(..8),
                    "attendance" => w.key.get(8..16),
                    "attendance_by_person" => w.key.get(..8),
                    _ => None,
                }
                .and_then(|b| b.try_into().ok())
                .map(u64::from_be_bytes);
                if let Some(id) = id
                    && !seen.contains(&id)
                {
                    seen.push(id);
                    by_person.entry(id).or_default().push(c.order);
                }
            }
        }
        Ok(Touched { newest, by_person })
    }
}

impl Data {
    /// The changes `filter` keeps, newest first, at most `limit`, each as a line.
    pub fn history_lines(&self, filter: &HistoryFilter, limit: usize) -> Result<Vec<ChangeLine>> {
        let names = RefCell::new(self.names()?);
        let changes = self
            .store
            .changes(limit, |c| self.keeps(filter, c, &mut names.borrow_mut()))?;
        let mut names = names.into_inner();
        Ok(changes.iter().map(|c| self.line(c, &mut names)).collect())
    }

    /// The last `limit` changes to `person`'s record or attendance, newest first, among the
    /// newest `RECENT_SCAN` changes.
    pub fn person_changes(&self, person: Id, limit: usize) -> Result<Vec<ChangeLine>> {
        let newest = self.store.last_change_order()?;
        let mut guard = self.touched.lock().unwrap_or_else(|e| e.into_inner());
        if guard.as_ref().is_none_or(|t| t.newest != newest) {
            *guard = Some(Touched::read(&self.store, newest)?);
        }
        let orders: Vec<u64> = guard
            .as_ref()
            .and_then(|t| t.by_person.get(&person))
            .map(|v| v.iter().take(limit).copied().collect())
            .unwrap_or_default();
        drop(guard);
        let mut names = self.names()?;
        let mut out = Vec::new();
        for order in orders {
            if let Some(c) = self.store.change(order)? {
                out.push(self.line(&c, &mut names));
            }
        }
        Ok(out)
    }

    /// The names a history line is written with, starting from every networking day.
    fn names(&self) -> Result<Names> {
        Ok(Names {
            events: self
                .store
                .events()?
                .into_iter()
                .map(|e| (e.id, e))
                .collect(),
            ..Names::default()
        })
    }

    /// One change as a history line.
    pub fn change_line(&self, c: &Change) -> Result<ChangeLine> {
        let mut names = self.names()?;
        Ok(self.line(c, &mut names))
    }

    /// What `c` did to each record it wrote, field by field (index entries left out).
    pub fn change_fields(&self, c: &Change) -> Result<Vec<RecordChange>> {
        let mut names = self.names()?;
        let mut out = Vec::new();
        for w in &c.writes {
            let Some((before, after)) = decode_write(w) else {
                continue;
            };
            let Some(shown) = after.as_ref().or(before.as_ref()) else {
                continue;
            };
            let label = self.label(shown, &mut names);
            let shred = matches!(c.kind, crate::model::ChangeKind::Shred { .. });
            let how = match (&before, &after) {
                // A shred keeps no value from before it: it says so, and lists what it left.
                _ if shred => i18n::RECORD_SHREDDED,
                (None, Some(_)) => i18n::RECORD_ADDED,
                (Some(_), None) => i18n::RECORD_REMOVED,
                _ => i18n::RECORD_CHANGED,
            };
            let old = before
                .as_ref()
                .map(|r| self.fields(r, &mut names))
                .unwrap_or_default();
            let new = after
                .as_ref()
                .map(|r| self.fields(r, &mut names))
                .unwrap_or_default();
            let mut fields = Vec::new();
            let keys: Vec<L> = if new.is_empty() {
                old.iter().map(|(k, _)| *k).collect()
            } else {
                new.iter().map(|(k, _)| *k).collect()
            };
            for k in keys {
                let b = old.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone());
                let a = new.iter().find(|(f, _)| *f == k).map(|(_, v)| v.clone());
                let (b, a) = (b.unwrap_or_default(), a.unwrap_or_default());
                if b != a {
                    fields.push(FieldChange {
                        field: k,
                        before: b,
                        after: a,
                    });
                }
            }
            out.push(RecordChange { label, how, fields });
        }
        Ok(out)
    }

    fn keeps(&self, f: &HistoryFilter, c: &Change, names: &mut Names) -> bool {
        if !f.desk.trim().is_empty() && !contains(&c.desk, &f.desk) {
            return false;
        }
        if !f.kind.trim().is_empty() {
            let (ko, en) = c.kind.words();
            if !contains(&ko, &f.kind) && !contains(&en, &f.kind) {
                return false;
            }
        }
        if f.day.is_none()
            && f.person.trim().is_empty()
            && f.org.trim().is_empty()
            && f.person_id.is_none()
        {
            return true;
        }
        let records = records(c);
        if let Some(day) = &f.day {
            let on_day = c.at.local_date() == day.date
                || records.iter().any(|r| event_of(r) == Some(day.id));
            if !on_day {
                return false;
            }
        }
        if let Some(id) = f.person_id
            && !records.iter().any(|r| person_of(r) == Some(id))
        {
            return false;
        }
        if !f.person.trim().is_empty() {
            let hit = records.iter().any(|r| match r {
                Record::Person(p) => contains(&p.name, &f.person),
                Record::Attendance(a) => self
                    .person_named(a.person_id, names)
                    .is_some_and(|p| contains(&p.name, &f.person)),
                _ => false,
            });
            if !hit {
                return false;
            }
        }
        if !f.org.trim().is_empty() {
            let hit = records.iter().any(|r| {
                let org = match r {
                    Record::Org(o) => return contains(&o.name, &f.org),
                    Record::Person(p) => p.org_id,
                    Record::Attendance(a) => {
                        self.person_named(a.person_id, names).and_then(|p| p.org_id)
                    }
                    _ => None,
                };
                org.and_then(|o| self.org_named(o, names))
                    .is_some_and(|o| contains(&o.name, &f.org))
            });
            if !hit {
                return false;
            }
        }
        true
    }

    fn line(&self, c: &Change, names: &mut Names) -> ChangeLine {
        let (ko, en) = c.kind.words();
        ChangeLine {
            order: c.order,
            id: c.id(),
            at: c.at,
            desk: c.desk.clone(),
            kind: i18n::pick(ko, en),
            touched: self.touched(c, names),
        }
    }

    /// What a change touched, in a few words.
    fn touched(&self, c: &Change, names: &mut Names) -> String {
        let mut people: Vec<Id> = Vec::new();
        let mut person_records: HashMap<Id, Person> = HashMap::new();
        let mut others: Vec<String> = Vec::new();
        for r in records(c) {
            match &r {
                Record::Person(p) => {
                    if !people.contains(&p.id) {
                        people.push(p.id);
                    }
                    person_records.insert(p.id, p.clone());
                }
                Record::Attendance(a) => {
                    if !people.contains(&a.person_id) {
                        people.push(a.person_id);
                    }
                }
                _ => {
                    let l = self.label(&r, names);
                    if !others.contains(&l) {
                        others.push(l);
                    }
                }
            }
        }
        let person = |id: Id, names: &mut Names| -> Option<Person> {
            person_records
                .get(&id)
                .cloned()
                .or_else(|| self.person_named(id, names).cloned())
        };
        let mut parts = Vec::new();
        match people.len() {
            0 => {}
            1 => parts.push(match person(people[0], names) {
                Some(p) => self.person_words(&p, names),
                None => format!("#{}", people[0]),
            }),
            n => {
                // The organisation most of them belong to, else the first one's name.
                let mut count: HashMap<Id, usize> = HashMap::new();
                let mut first_name = None;
                for id in &people {
                    if let Some(p) = person(*id, names) {
                        first_name.get_or_insert_with(|| p.name.clone());
                        if let Some(o) = p.org_id {
                            *count.entry(o).or_default() += 1;
                        }
                    }
                }
                let top = count
                    .into_iter()
                    .max_by_key(|(o, n)| (*n, std::cmp::Reverse(*o)))
                    .and_then(|(o, _)| self.org_named(o, names).map(|o| o.name.clone()));
                let first = top.or(first_name).unwrap_or_default();
                parts.push(i18n::touched_people(n, &first));
            }
        }
        // The organisation a saved person belongs to is not news of its own.
        let mut org_of_people: Vec<String> = Vec::new();
        for id in &people {
            if let Some(o) = person(*id, names).and_then(|p| p.org_id)
                && let Some(o) = self.org_named(o, names)
            {
                org_of_people.push(i18n::touched_org(&o.name));
            }
        }
        let others: Vec<String> = others
            .into_iter()
            .filter(|o| parts.is_empty() || !org_of_people.contains(o))
            .collect();
        const SHOWN: usize = 2;
        let more = others.len().saturating_sub(SHOWN);
        parts.extend(others.into_iter().take(SHOWN));
        if more > 0 {
            parts.push(i18n::and_more(more));
        }
        parts.join(" · ")
    }

    fn person_words(&self, p: &Person, names: &mut Names) -> String {
        let org = p
            .org_id
            .and_then(|o| self.org_named(o, names))
            .map(|o| o.name.clone())
            .unwrap_or_default();
        i18n::touched_person(&p.name, &org)
    }

    /// A record's name in the before/after view and the line.
    fn label(&self, r: &Record, names: &mut Names) -> String {
        match r {
            Record::Person(p) => self.person_words(p, names),
            Record::Org(o) => i18n::touched_org(&o.name),
            Record::Event(e) => {
                i18n::touched_event(&e.date.format("%Y-%m-%d").to_string(), &e.title)
            }
            Record::Attendance(a) => {
                let who = self
                    .person_named(a.person_id, names)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| format!("#{}", a.person_id));
                let date = names
                    .events
                    .get(&a.event_id)
                    .map(|e| e.date.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| format!("#{}", a.event_id));
                i18n::attendance_label(&who, &date)
            }
            Record::Agenda(a) => i18n::touched_agenda(&a.title),
            Record::Note(n) => {
                let text = crate::model::clean_line(&n.text);
                let short = match crate::model::cut_to(&text, 20) {
                    Ok(s) => s.to_string(),
                    Err(s) => format!("{s}…"),
                };
                i18n::touched_note(&short)
            }
            Record::Idea(i) => i18n::touched_idea(&i.title),
            Record::Consent { person, .. } => {
                let who = self
                    .person_named(*person, names)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| format!("#{person}"));
                i18n::touched_consent(&who)
            }
        }
    }

    /// A record's fields in words, in the order the view shows them.
    fn fields(&self, r: &Record, names: &mut Names) -> Vec<(L, String)> {
        use crate::i18n::*;
        let yes_no = |b: bool| if b { YES.get() } else { NO.get() }.to_string();
        let time = |t: Option<chrono::NaiveTime>| {
            t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
        };
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        match r {
            Record::Person(p) => {
                let org = p
                    .org_id
                    .and_then(|o| self.org_named(o, names))
                    .map(|o| o.name.clone())
                    .unwrap_or_default();
                vec![
                    (FIELD_NAME, p.name.clone()),
                    (FIELD_ORG, org),
                    (FIELD_ROLE, p.role.clone()),
                    (FIELD_PHONE, p.phone.clone()),
                    (FIELD_EMAIL, p.email.clone()),
                    (FIELD_CODE, p.code.clone()),
                    (FIELD_TAGS, p.tags.join(", ")),
                    (FIELD_NOTES, p.notes.clone()),
                    (FIELD_ARCHIVED, yes_no(p.archived)),
                ]
            }
            Record::Org(o) => vec![
                (FIELD_NAME, o.name.clone()),
                (FIELD_KIND, o.kind.label().get().to_string()),
                (FIELD_DISTRICT, o.district.label().get().to_string()),
                (FIELD_CONTACT, o.contact.clone()),
            ],
            Record::Event(e) => vec![
                (FIELD_TITLE, e.title.clone()),
                (FIELD_DATE, date(Some(e.date))),
                (FIELD_START, time(e.start)),
                (FIELD_END, time(e.end)),
                (FIELD_VENUE, e.venue.clone()),
                (FIELD_DISTRICT, e.district.label().get().to_string()),
                (
                    FIELD_STATUS,
                    match e.status {
                        crate::model::EventStatus::Planned => OPEN_PLANNED,
                        crate::model::EventStatus::Closed => OPEN_CLOSED,
                    }
                    .get()
                    .to_string(),
                ),
            ],
            Record::Attendance(a) => {
                let mut status = a.status.label().get().to_string();
                if let Some(at) = a.status.arrived_at() {
                    status = format!("{status} {}", at.hhmm());
                }
                vec![(FIELD_STATUS, status)]
            }
            Record::Agenda(a) => vec![
                (FIELD_TITLE, a.title.clone()),
                (FIELD_START, time(a.start)),
                (FIELD_MINUTES, a.minutes.to_string()),
                (FIELD_PRESENTER, a.presenter.clone()),
                (FIELD_STATUS, a.status.label().get().to_string()),
            ],
            Record::Note(n) => {
                let mut v = vec![
                    (FIELD_TEXT, crate::model::clean_line(&n.text)),
                    (FIELD_KIND, n.kind.label().get().to_string()),
                    (FIELD_AUTHOR, n.author.clone()),
                ];
                if let crate::model::NoteKind::Action { owner, due, done } = &n.kind {
                    let owner = match owner {
                        crate::model::Owner::Nobody => String::new(),
                        crate::model::Owner::Person(id) => self
                            .person_named(*id, names)
                            .map(|p| p.name.clone())
                            .unwrap_or_else(|| format!("#{id}")),
                        crate::model::Owner::Org(id) => self
                            .org_named(*id, names)
                            .map(|o| o.name.clone())
                            .unwrap_or_else(|| format!("#{id}")),
                        crate::model::Owner::Named(n) => n.clone(),
                    };
                    v.push((FIELD_OWNER, owner));
                    v.push((FIELD_DUE, date(*due)));
                    v.push((FIELD_DONE, yes_no(*done)));
                }
                v
            }
            Record::Consent { consent, .. } => vec![
                (CONSENT_COL, consent_state(consent.state).to_string()),
                (
                    FIELD_WHEN,
                    consent
                        .at
                        .map(|t| t.local().format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_default(),
                ),
                (FIELD_HOW, consent_how(&consent.how)),
            ],
            Record::Idea(i) => {
                let orgs: Vec<String> = i
                    .org_ids
                    .iter()
                    .map(|o| {
                        self.org_named(*o, names)
                            .map(|o| o.name.clone())
                            .unwrap_or_else(|| format!("#{o}"))
                    })
                    .collect();
                let owner = i
                    .owner
                    .map(|id| {
                        self.person_named(id, names)
                            .map(|p| p.name.clone())
                            .unwrap_or_else(|| format!("#{id}"))
                    })
                    .unwrap_or_default();
                vec![
                    (FIELD_TITLE, i.title.clone()),
                    (FIELD_CATEGORY, i.category.label().get().to_string()),
                    (FIELD_STATUS, i.status.label().get().to_string()),
                    (FIELD_ORGS, orgs.join(", ")),
                    (FIELD_OWNER, owner),
                    (FIELD_NEXT_STEP, i.next_step.clone()),
                    (FIELD_DUE, date(i.next_due)),
                    (FIELD_DESCRIPTION, crate::model::clean_line(&i.description)),
                ]
            }
        }
    }

    fn person_named<'n>(&self, id: Id, names: &'n mut Names) -> Option<&'n Person> {
        names
            .people
            .entry(id)
            .or_insert_with(|| self.store.person(id).ok().flatten())
            .as_ref()
    }

    fn org_named<'n>(&self, id: Id, names: &'n mut Names) -> Option<&'n Organization> {
        names
            .orgs
            .entry(id)
            .or_insert_with(|| self.store.org(id).ok().flatten())
            .as_ref()
    }
}

/// Every record a change wrote, as it was after (or before, when it was removed).
fn records(c: &Change) -> Vec<Record> {
    c.writes
        .iter()
        .filter_map(decode_write)
        .flat_map(|(b, a)| [a, b])
        .flatten()
        .collect()
}

fn event_of(r: &Record) -> Option<Id> {
    match r {
        Record::Event(e) => Some(e.id),
        Record::Attendance(a) => Some(a.event_id),
        Record::Agenda(a) => Some(a.event_id),
        Record::Note(n) => Some(n.event_id),
        _ => None,
    }
}

fn person_of(r: &Record) -> Option<Id> {
    match r {
        Record::Person(p) => Some(p.id),
        Record::Attendance(a) => Some(a.person_id),
        _ => None,
    }
}

/// Whether `text` holds `part`, case and surrounding blanks aside.
fn contains(text: &str, part: &str) -> bool {
    text.to_lowercase().contains(&part.trim().to_lowercase())
}
