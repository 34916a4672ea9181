//! What the app holds in memory about people: everyone, their organisations, this event's
//! attendance, each person's history, and the search index. Loaded once, kept in step with every
//! write the app makes.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::counts::{DayCount, arrived_by_kind};
use crate::model::{Attendance, AttendanceStatus, Event, Id, Organization, Person};
use crate::search::SearchIndex;
use crate::store::{Generation, Store, StoreError};

/// Suggestions a lookup shows.
pub const SUGGESTIONS: usize = 5;

/// A person's record across networking days before the current one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Networking days attended (arrived), the current one included.
    pub attended: u32,
    /// Earlier networking days attended (before the current event's date).
    pub earlier: u32,
    pub last: Option<NaiveDate>,
}

#[derive(Default)]
pub struct Roster {
    pub people: Vec<Person>,
    pos: HashMap<Id, usize>,
    pub orgs: HashMap<Id, Organization>,
    /// This event's attendance by person, archived people left out: they are never registered,
    /// counted or listed at the desk (their stored history stays).
    pub attendance: HashMap<Id, Attendance>,
    /// Who each merged-away person was merged into (the store's `merged_into`).
    pub merged_into: HashMap<Id, Id>,
    pub history: HashMap<Id, History>,
    pub index: SearchIndex,
    /// Organisations by name, for completing the walk-in form.
    pub org_index: SearchIndex,
    event: Option<(Id, NaiveDate)>,
    /// Changes whenever anything in the roster changes (people, orgs, attendance, event).
    version: u64,
    /// Which person each recent change touched: (version after it, position in `people`),
    /// so a list that keeps facts per person updates those rows instead of all 100,000.
    changes: Vec<(u64, u32)>,
    /// From this version on, `changes` names every change that touched a single person; a
    /// change before it touched everyone (a load, another event, an organisation) or was
    /// dropped from `changes`.
    changes_from: u64,
    /// Per-organisation facts the views ask for on every frame, worked out in one pass over
    /// everyone the first time they are asked after a change (`version`).
    org_facts: std::cell::RefCell<OrgFacts>,
}

/// What the organisations view and the forms need per organisation, for one roster version.
#[derive(Default)]
struct OrgFacts {
    version: u64,
    /// (people, registered for this day, arrived), archived people left out.
    counts: HashMap<Id, (usize, usize, usize)>,
    /// `org_key` of every organisation's name.
    by_key: HashMap<String, Id>,
}

/// How many single-person changes a roster remembers (see `Roster::changed_since`).
const MAX_CHANGES: usize = 4096;

/// Source of roster versions: unique across reloads, so a cache never mistakes a new roster for
/// the old one.
static VERSIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_version() -> u64 {
    VERSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Roster {
    pub fn load(
        store: &Store,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<Roster, StoreError> {
        let generation = store.generation()?;
        // The saved index first: unpacked before 100,000 people are decoded, the whole load
        // took 0.26 s and peaked at 92 MB; after them, 0.5 s and 99 MB (measured, glibc malloc).
        let saved = saved_index(store, generation)?;
        let (people, orgs) = store.people_and_orgs()?;
        let mut r = Roster {
            people,
            orgs: orgs.into_iter().map(|o| (o.id, o)).collect(),
            ..Default::default()
        };
        for o in r.orgs.values() {
            r.org_index.upsert(o.id, &o.name, "", "", "");
        }
        r.pos = r
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();
        r.index = match saved {
            Some(ix) => ix,
            None => build_index(store, generation, &r.people, &r.orgs)?,
        };
        r.merged_into = store.merged_into()?.into_iter().collect();
        r.set_event(store, event, events)?;
        Ok(r)
    }

    /// Switches to another event: reloads its attendance and everyone's history around it.
    pub fn set_event(
        &mut self,
        store: &Store,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<(), StoreError> {
        self.touch_everyone();
        self.event = event.map(|e| (e.id, e.date));
        self.attendance = match event {
            Some(e) => store
                .attendance_of_event(e.id)?
                .into_iter()
                .filter(|a| self.person(a.person_id).is_none_or(|p| !p.archived))
                .map(|a| (a.person_id, a))
                .collect(),
            None => HashMap::new(),
        };
        let dates: HashMap<Id, NaiveDate> = events.iter().map(|e| (e.id, e.date)).collect();
        self.history.clear();
        // No networking day known, no history (and no reading every attendance for it).
        let all = if dates.is_empty() {
            Vec::new()
        } else {
            store.all_attendance()?
        };
        for a in &all {
            self.add_history(a, &dates);
        }
        Ok(())
    }

    /// Counts attendance `a` (of a day among `dates`) in its person's history.
    fn add_history(&mut self, a: &Attendance, dates: &HashMap<Id, NaiveDate>) {
        let Some(&d) = dates.get(&a.event_id) else {
            return;
        };
        if !a.status.is_arrived() {
            return;
        }
        let h = self.history.entry(a.person_id).or_default();
        h.attended += 1;
        if self.event.is_some_and(|(_, c)| d < c) {
            h.earlier += 1;
        }
        if h.last.is_none_or(|l| l < d) {
            h.last = Some(d);
        }
    }

    /// Only what the check-in desk shows before anything is typed: `event`'s attendance, the
    /// people in it with their organisations and their history. It draws the first frame while
    /// `load` reads everyone (at 100,000 people the desk shows in a fraction of the time).
    pub fn load_desk(
        store: &Store,
        event: Option<&Event>,
        events: &[Event],
    ) -> Result<Roster, StoreError> {
        let mut r = Roster {
            orgs: store.orgs()?.into_iter().map(|o| (o.id, o)).collect(),
            merged_into: store.merged_into()?.into_iter().collect(),
            ..Default::default()
        };
        r.touch_everyone();
        let Some(event) = event else {
            return Ok(r);
        };
        r.event = Some((event.id, event.date));
        let dates: HashMap<Id, NaiveDate> = events.iter().map(|e| (e.id, e.date)).collect();
        for a in store.attendance_of_event(event.id)? {
            if let Some(p) = store.person(a.person_id)? {
                if p.archived {
                    continue;
                }
                for earlier in store.attendance_of_person(p.id)? {
                    r.add_history(&earlier, &dates);
                }
                r.pos.insert(p.id, r.people.len());
                r.people.push(p);
            }
            r.attendance.insert(a.person_id, a);
        }
        Ok(r)
    }

    fn index_person(&mut self, i: usize) {
        let p = &self.people[i];
        if p.archived || crate::model::privacy::is_anonymous(p) {
            self.index.remove(p.id);
            return;
        }
        let org = p
            .org_id
            .and_then(|o| self.orgs.get(&o))
            .map(|o| o.name.as_str())
            .unwrap_or("");
        self.index
            .upsert_with_aliases(p.id, &p.name, org, &p.code, &p.aliases, &p.phone);
    }

    /// The person `id` stands for now: themselves unless archived; an archived person merged
    /// into someone, the one they were merged into (through later merges too); `None` for
    /// anyone archived and not merged, or unknown.
    pub fn resolve(&self, id: Id) -> Option<Id> {
        let mut at = id;
        // A chain is at most as long as the people merged away; a cycle (a damaged store) ends.
        for _ in 0..=self.merged_into.len() {
            let p = self.person(at)?;
            if !p.archived {
                return Some(at);
            }
            at = *self.merged_into.get(&at)?;
        }
        None
    }

    /// The person someone with this name and phone or e-mail stands for, when that is only an
    /// archived record merged into another (`resolve`): the walk-in who gives the old record's
    /// details is the kept person, never a new one.
    pub fn merged_match(&self, name: &str, phone: &str, email: &str) -> Option<Id> {
        use crate::model::contact::{name_key, phone_key};
        let (name, phone, email) = (
            name_key(name),
            phone_key(phone),
            email.trim().to_lowercase(),
        );
        if name.is_empty() || (phone.len() < 9 && email.is_empty()) {
            return None;
        }
        self.merged_into
            .keys()
            .filter_map(|&dup| self.person(dup))
            .filter(|p| p.archived && name_key(&p.name) == name)
            .find(|p| {
                (phone.len() >= 9 && phone_key(&p.phone) == phone)
                    || (!email.is_empty() && p.email.trim().to_lowercase() == email)
            })
            .and_then(|p| self.resolve(p.id))
    }

    /// Index of the person with `id` in `people`.
    pub fn position(&self, id: Id) -> Option<usize> {
        self.pos.get(&id).copied()
    }

    pub fn person(&self, id: Id) -> Option<&Person> {
        self.pos.get(&id).map(|&i| &self.people[i])
    }

    pub fn org_of(&self, p: &Person) -> Option<&Organization> {
        p.org_id.and_then(|o| self.orgs.get(&o))
    }

    pub fn org_name(&self, p: &Person) -> &str {
        self.org_of(p).map(|o| o.name.as_str()).unwrap_or("")
    }

    pub fn status(&self, person: Id) -> Option<&AttendanceStatus> {
        self.attendance.get(&person).map(|a| &a.status)
    }

    /// First time: attended no earlier networking day.
    pub fn is_first_time(&self, person: Id) -> bool {
        self.history.get(&person).is_none_or(|h| h.earlier == 0)
    }

    /// Keeps memory in step after the store saved `p` (new or changed).
    /// The known organisation a name stands for (spaces and case aside).
    pub fn org_named(&self, name: &str) -> Option<Id> {
        let k = crate::model::contact::org_key(name);
        if k.is_empty() {
            return None;
        }
        self.with_org_facts(|f| f.by_key.get(&k).copied())
    }

    /// (people, registered for this day, arrived) of one organisation, archived people left
    /// out. Every organisation is counted in one pass the first time after a change, so a
    /// frame of the organisations view costs a hash lookup per row.
    pub fn org_counts(&self, org: Id) -> (usize, usize, usize) {
        self.with_org_facts(|f| f.counts.get(&org).copied().unwrap_or_default())
    }

    fn with_org_facts<T>(&self, read: impl FnOnce(&OrgFacts) -> T) -> T {
        let mut facts = self.org_facts.borrow_mut();
        if facts.version != self.version || facts.version == 0 {
            let mut counts: HashMap<Id, (usize, usize, usize)> = HashMap::new();
            for p in self.people.iter().filter(|p| !p.archived) {
                let Some(org) = p.org_id else {
                    continue;
                };
                let c = counts.entry(org).or_default();
                c.0 += 1;
                if let Some(a) = self.attendance.get(&p.id) {
                    c.1 += 1;
                    if a.status.is_arrived() {
                        c.2 += 1;
                    }
                }
            }
            // The first organisation of a name wins, as the old scan found it.
            let mut by_key = HashMap::new();
            let mut orgs: Vec<&Organization> = self.orgs.values().collect();
            orgs.sort_by_key(|o| o.id);
            for o in orgs {
                by_key
                    .entry(crate::model::contact::org_key(&o.name))
                    .or_insert(o.id);
            }
            *facts = OrgFacts {
                version: self.version,
                counts,
                by_key,
            };
        }
        read(&facts)
    }

    /// Organisations matching `text`, best first, and which of them has the whole name typed.
    pub fn orgs_like(&self, text: &str) -> (Vec<Id>, Option<usize>) {
        let mut hits = Vec::new();
        self.org_index
            .search_top(text.trim(), SUGGESTIONS, &mut hits);
        let hits: Vec<Id> = hits.into_iter().map(|h| h.id).collect();
        let exact = self
            .org_named(text)
            .and_then(|id| hits.iter().position(|h| *h == id));
        (hits, exact)
    }

    /// People matching `text`, best first, and which of them has the very name typed.
    pub fn people_like(&self, text: &str) -> (Vec<Id>, Option<usize>) {
        let mut hits = Vec::new();
        self.index.search_top(text.trim(), SUGGESTIONS, &mut hits);
        let hits: Vec<Id> = hits.into_iter().map(|h| h.id).collect();
        let typed = crate::model::contact::name_key(text);
        let exact = hits.iter().position(|id| {
            self.person(*id)
                .is_some_and(|p| crate::model::contact::name_key(&p.name) == typed)
        });
        (hits, exact)
    }

    pub fn org_label(&self, id: Id) -> String {
        self.orgs
            .get(&id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }

    pub fn person_label(&self, id: Id) -> String {
        self.person(id).map(|p| p.name.clone()).unwrap_or_default()
    }

    /// Keeps memory in step after the store saved `p`; an archived person leaves the day's
    /// attendance (and so the desk, the counts and the lists).
    pub fn upsert_person(&mut self, p: Person) {
        if p.archived {
            self.attendance.remove(&p.id);
        }
        let i = match self.pos.get(&p.id) {
            Some(&i) => {
                self.people[i] = p;
                i
            }
            None => {
                self.people.push(p);
                let i = self.people.len() - 1;
                self.pos.insert(self.people[i].id, i);
                i
            }
        };
        self.index_person(i);
        self.touch(i);
    }

    pub fn upsert_org(&mut self, o: Organization) {
        self.touch_everyone();
        let id = o.id;
        self.org_index.upsert(id, &o.name, "", "", "");
        self.orgs.insert(id, o);
        let members: Vec<usize> = (0..self.people.len())
            .filter(|&i| self.people[i].org_id == Some(id))
            .collect();
        for i in members {
            self.index_person(i);
        }
    }

    /// Keeps memory in step after the store saved an attendance of the current event (an
    /// archived person's is not shown: `attendance`).
    pub fn set_attendance(&mut self, a: Attendance) {
        if self.person(a.person_id).is_some_and(|p| p.archived) {
            self.touch_person(a.person_id);
            return;
        }
        self.touch_person(a.person_id);
        let was = self
            .attendance
            .get(&a.person_id)
            .is_some_and(|x| x.status.is_arrived());
        let now = a.status.is_arrived();
        if was != now
            && let Some((_, date)) = self.event
        {
            let h = self.history.entry(a.person_id).or_default();
            if now {
                h.attended += 1;
                if h.last.is_none_or(|l| l < date) {
                    h.last = Some(date);
                }
            } else {
                h.attended = h.attended.saturating_sub(1);
            }
        }
        self.attendance.insert(a.person_id, a);
    }

    pub fn remove_attendance(&mut self, person: Id) {
        self.touch_person(person);
        if let Some(a) = self.attendance.remove(&person)
            && a.status.is_arrived()
            && let Some(h) = self.history.get_mut(&person)
        {
            h.attended = h.attended.saturating_sub(1);
        }
    }

    /// A change that touched the person at position `i` of `people`.
    fn touch(&mut self, i: usize) {
        self.version = next_version();
        self.changes.push((self.version, i as u32));
        if self.changes.len() > MAX_CHANGES {
            // Older changes are forgotten; a list that last looked before them starts over.
            self.changes_from = self.changes[MAX_CHANGES / 2].0;
            self.changes.drain(..=MAX_CHANGES / 2);
        }
    }

    fn touch_person(&mut self, id: Id) {
        match self.position(id) {
            Some(i) => self.touch(i),
            None => self.touch_everyone(),
        }
    }

    /// A change that touched everyone.
    fn touch_everyone(&mut self) {
        self.version = next_version();
        self.changes.clear();
        self.changes_from = self.version;
    }

    /// Positions in `people` changed since version `since` (a version this roster had), each
    /// once; `None` when everyone must be looked at again (a change touched everyone, or
    /// `since` is older than what the roster remembers, or from another roster).
    pub fn changed_since(&self, since: u64) -> Option<Vec<usize>> {
        if since < self.changes_from || since > self.version {
            return None;
        }
        let mut v: Vec<usize> = self
            .changes
            .iter()
            .filter(|(at, _)| *at > since)
            .map(|(_, i)| *i as usize)
            .collect();
        v.sort_unstable();
        v.dedup();
        Some(v)
    }

    /// Version of everything in the roster (see `version`).
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn event_id(&self) -> Option<Id> {
        self.event.map(|(id, _)| id)
    }
}

/// The people search index saved at `generation` (read before the people it would be built
/// from), if no person or organisation changed since and it reads back whole.
pub fn saved_index(
    store: &Store,
    generation: Generation,
) -> Result<Option<SearchIndex>, StoreError> {
    Ok(store
        .search_cache(generation)?
        .and_then(|b| SearchIndex::from_bytes(&b)))
}

/// The people search index built from `people` (everyone not archived nor anonymous, with their
/// organisation's name, badge code and phone), saved for the next start at `generation`.
pub fn build_index(
    store: &Store,
    generation: Generation,
    people: &[Person],
    orgs: &HashMap<Id, Organization>,
) -> Result<SearchIndex, StoreError> {
    let mut ix = SearchIndex::new();
    ix.reserve(people.len());
    for p in people
        .iter()
        .filter(|p| !p.archived && !crate::model::privacy::is_anonymous(p))
    {
        let org = p
            .org_id
            .and_then(|o| orgs.get(&o))
            .map(|o| o.name.as_str())
            .unwrap_or("");
        ix.upsert_with_aliases(p.id, &p.name, org, &p.code, &p.aliases, &p.phone);
    }
    store.put_search_cache(generation, &ix.to_bytes())?;
    Ok(ix)
}

/// The day's numbers (`DayCount`, read straight through: `count().arrived`), and arrivals by
/// organisation kind for the check-in screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub day: DayCount,
    pub by_kind: [usize; 6],
}

impl std::ops::Deref for Count {
    type Target = DayCount;
    fn deref(&self) -> &DayCount {
        &self.day
    }
}

impl Roster {
    pub fn count(&self) -> Count {
        let statuses = self.attendance.values().map(|a| &a.status);
        let kinds = self.attendance.values().map(|a| {
            let kind = self.person(a.person_id).and_then(|p| self.org_of(p));
            (&a.status, kind.map(|o| o.kind).unwrap_or_default())
        });
        Count {
            day: DayCount::of(statuses),
            by_kind: arrived_by_kind(kinds),
        }
    }
}
