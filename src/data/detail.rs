//! The person detail pane's query: attendance month by month, the notes and action items that
//! mention them or their organisation, and their organisation's ideas. The notes and ideas are
//! read once and kept until a write can change them, not scanned on every ↑/↓.

use chrono::NaiveDate;

use super::{Data, Result};
use crate::model::{AttendanceStatus, Event, Id, Idea, Note, NoteKind, Owner};

/// How many of a person's changes the detail pane lists.
const PERSON_CHANGES: usize = 5;

/// One attended (or registered) networking day in the detail pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub date: NaiveDate,
    pub title: String,
    pub status: AttendanceStatus,
}

/// What the detail pane shows about one person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    pub person: Id,
    pub history: Vec<HistoryRow>,
    /// Notes and action items mentioning the person or their organisation, newest first.
    pub notes: Vec<Note>,
    pub ideas: Vec<Idea>,
    /// The last changes to their record or attendance, newest first.
    pub changes: Vec<super::ChangeLine>,
    /// Their consent on record (`None`: never asked).
    pub consent: Option<crate::model::Consent>,
}

/// Every note and idea, as the store held them when read.
pub(super) struct Meeting {
    notes: Vec<Note>,
    ideas: Vec<Idea>,
}

impl Data {
    /// Drops the notes and ideas kept for the detail pane (after a write that can change them).
    pub(super) fn forget_meeting(&mut self) {
        self.meeting = None;
    }

    fn meeting(&mut self) -> Result<&Meeting> {
        let meeting = match self.meeting.take() {
            Some(m) => m,
            None => {
                self.meeting_reads += 1;
                Meeting {
                    notes: self.store.notes()?,
                    ideas: self.store.ideas()?,
                }
            }
        };
        Ok(self.meeting.insert(meeting))
    }

    /// What the detail pane shows about `person` (`None` when the roster does not know them);
    /// `events` name the days of their history.
    pub fn person_detail(&mut self, person: Id, events: &[Event]) -> Result<Option<Detail>> {
        let Some(p) = self.roster.person(person) else {
            return Ok(None);
        };
        let org = self.roster.org_of(p);
        let org_id = org.map(|o| o.id);
        let org_name = org.map(|o| o.name.clone()).unwrap_or_default();
        let name = p.name.clone();
        let mut history: Vec<HistoryRow> = self
            .store
            .attendance_of_person(person)?
            .into_iter()
            .filter_map(|a| {
                let e = events.iter().find(|e| e.id == a.event_id)?;
                Some(HistoryRow {
                    date: e.date,
                    title: e.title.clone(),
                    status: a.status,
                })
            })
            .collect();
        history.sort_by_key(|h| std::cmp::Reverse(h.date));
        let meeting = self.meeting()?;
        let mut notes: Vec<Note> = meeting
            .notes
            .iter()
            .filter(|n| {
                let owner = match &n.kind {
                    NoteKind::Action { owner, .. } => match owner {
                        Owner::Person(o) => *o == person,
                        Owner::Org(o) => Some(*o) == org_id,
                        Owner::Nobody | Owner::Named(_) => false,
                    },
                    _ => false,
                };
                owner
                    || (!name.is_empty() && n.text.contains(&name))
                    || (!org_name.is_empty() && n.text.contains(&org_name))
            })
            .cloned()
            .collect();
        notes.sort_by_key(|n| std::cmp::Reverse(n.at));
        let ideas: Vec<Idea> = meeting
            .ideas
            .iter()
            .filter(|i| i.owner == Some(person) || org_id.is_some_and(|o| i.org_ids.contains(&o)))
            .cloned()
            .collect();
        let changes = self.person_changes(person, PERSON_CHANGES)?;
        let consent = self.store.consent(person)?;
        Ok(Some(Detail {
            person,
            history,
            notes,
            ideas,
            changes,
            consent,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ts;
    use crate::store::Store;

    /// A day and twenty people, written through the core as the screens write them.
    fn demo() -> (tempfile::TempDir, Data, Vec<Event>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut data = Data::new(Store::open(&dir.path().join("db")).expect("open"));
        let mut day = Event {
            id: 0,
            title: "12월 네트워킹데이".into(),
            date: crate::model::today(),
            start: None,
            end: None,
            venue: String::new(),
            district: crate::model::District::Other,
            status: crate::model::EventStatus::Planned,
        };
        data.save_event(&mut day).expect("day");
        for i in 0..20 {
            let mut p = crate::model::Person::new(format!("사람{i:02}"), Ts::now());
            data.save_person(&mut p, None, None).expect("person");
        }
        let events = data.events().expect("events");
        data.reload(events.first(), &events).expect("reload");
        (dir, data, events)
    }

    #[test]
    fn the_detail_reads_notes_and_ideas_once_until_a_write_changes_them() {
        let (_dir, mut data, events) = demo();
        let people: Vec<Id> = data.roster.people.iter().map(|p| p.id).take(20).collect();
        // ↑/↓ over twenty people: one read of the notes and ideas, not one per key.
        for &id in people.iter().chain(&people) {
            data.person_detail(id, &events).expect("detail");
        }
        assert_eq!(data.meeting_reads, 1);
        let kim = people[0];
        let name = data
            .roster
            .person(kim)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let before = data.person_detail(kim, &events).expect("detail");
        let mut note = Note {
            id: 0,
            event_id: events[0].id,
            agenda_id: None,
            at: Ts::now(),
            author: String::new(),
            text: format!("{name} 님이 공간 공유를 제안"),
            kind: NoteKind::Note,
        };
        data.save_note(&mut note).expect("note");
        let after = data.person_detail(kim, &events).expect("detail");
        let count = |d: &Option<Detail>| d.as_ref().map_or(0, |d| d.notes.len());
        assert_eq!(count(&after), count(&before) + 1, "the new note is shown");
        assert_eq!(data.meeting_reads, 2);
        data.delete_note(&note).expect("delete");
        let gone = data.person_detail(kim, &events).expect("detail");
        assert_eq!(count(&gone), count(&before), "the deleted note is gone");
    }
}
