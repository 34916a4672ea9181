//! A day's agenda items and notes (decisions and action items included): their writes, kept
//! in step with the by-event indexes, and lookups. Touches the `agenda`, `notes` and their
//! `_by_event` trees only.

use super::layout::{AGENDA, AGENDA_BY_EVENT, NOTES, NOTES_BY_EVENT, be, pair};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{AgendaItem, ChangeKind, Id, Note};

impl Tx<'_> {
    pub fn put_agenda(&self, a: &mut AgendaItem) -> TxResult<()> {
        self.is_default(ChangeKind::AgendaSaved);
        self.assign_id(AGENDA, &mut a.id)?;
        self.mark(AGENDA_BY_EVENT, &pair(a.event_id, a.id))?;
        self.put(AGENDA, &be(a.id), a)
    }

    pub fn put_note(&self, n: &mut Note) -> TxResult<()> {
        self.is_default(ChangeKind::NoteSaved);
        self.assign_id(NOTES, &mut n.id)?;
        self.mark(NOTES_BY_EVENT, &pair(n.event_id, n.id))?;
        self.put(NOTES, &be(n.id), n)
    }
}

impl Store {
    // --- agenda ---
    pub fn agenda_of_event(&self, event: Id) -> Result<Vec<AgendaItem>> {
        let mut v: Vec<AgendaItem> = self.by_index(AGENDA_BY_EVENT, event, AGENDA, be)?;
        v.sort_by_key(|a| (a.order, a.id));
        Ok(v)
    }
    pub fn put_agenda(&self, a: &mut AgendaItem) -> Result<()> {
        self.save(a, |tx, a| tx.put_agenda(a))
    }
    /// Saves a whole agenda at once (reordering rewrites several items atomically).
    pub fn put_agenda_items(&self, items: &mut [AgendaItem]) -> Result<()> {
        let saved = self.write(|tx| {
            let mut out = items.to_vec();
            for a in out.iter_mut() {
                tx.put_agenda(a)?;
            }
            Ok(out)
        })?;
        items.clone_from_slice(&saved);
        Ok(())
    }
    /// Deletes an agenda item; its notes stay with the event, unattached.
    pub fn delete_agenda(&self, item: &AgendaItem) -> Result<()> {
        let notes = self.notes_of_event(item.event_id)?;
        self.write(|tx| {
            tx.is(ChangeKind::AgendaDeleted);
            tx.del(AGENDA, &be(item.id))?;
            tx.del(AGENDA_BY_EVENT, &pair(item.event_id, item.id))?;
            for n in notes.iter().filter(|n| n.agenda_id == Some(item.id)) {
                let mut n = n.clone();
                n.agenda_id = None;
                tx.put_note(&mut n)?;
            }
            Ok(())
        })
    }

    // --- notes ---
    pub fn notes_of_event(&self, event: Id) -> Result<Vec<Note>> {
        let mut v: Vec<Note> = self.by_index(NOTES_BY_EVENT, event, NOTES, be)?;
        v.sort_by_key(|n| (n.at, n.id));
        Ok(v)
    }
    pub fn notes(&self) -> Result<Vec<Note>> {
        self.all(NOTES)
    }
    pub fn put_note(&self, n: &mut Note) -> Result<()> {
        self.save(n, |tx, n| tx.put_note(n))
    }
    pub fn delete_note(&self, n: &Note) -> Result<()> {
        self.write(|tx| {
            tx.is(ChangeKind::NoteDeleted);
            tx.del(NOTES, &be(n.id))?;
            tx.del(NOTES_BY_EVENT, &pair(n.event_id, n.id))
        })
    }
}
