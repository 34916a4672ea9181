//! A day's agenda items and notes (decisions and action items included): their writes, kept
//! in step with the by-event indexes, and lookups.

use super::layout::{AGENDA, AGENDA_BY_EVENT, NOTES, NOTES_BY_EVENT, be, pair};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{AgendaItem, Id, Note};

impl Tx<'_> {
    pub fn put_agenda(&self, a: &mut AgendaItem) -> TxResult<()> {
        if a.id == 0 {
            a.id = self.next_id(AGENDA)?;
        }
        self.mark(AGENDA_BY_EVENT, &pair(a.event_id, a.id))?;
        self.put(AGENDA, &be(a.id), a)
    }

    pub fn put_note(&self, n: &mut Note) -> TxResult<()> {
        if n.id == 0 {
            n.id = self.next_id(NOTES)?;
        }
        self.mark(NOTES_BY_EVENT, &pair(n.event_id, n.id))?;
        self.put(NOTES, &be(n.id), n)
    }
}

impl Store {
    // --- agenda ---
    pub fn agenda_of_event(&self, event: Id) -> Result<Vec<AgendaItem>> {
        let mut v: Vec<AgendaItem> = self.by_index(AGENDA_BY_EVENT, event, AGENDA)?;
        v.sort_by_key(|a| (a.order, a.id));
        Ok(v)
    }
    pub fn put_agenda(&self, a: &mut AgendaItem) -> Result<()> {
        let saved = self.write(|tx| {
            let mut a = a.clone();
            tx.put_agenda(&mut a)?;
            Ok(a)
        })?;
        *a = saved;
        Ok(())
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
        let mut v: Vec<Note> = self.by_index(NOTES_BY_EVENT, event, NOTES)?;
        v.sort_by_key(|n| (n.at, n.id));
        Ok(v)
    }
    pub fn notes(&self) -> Result<Vec<Note>> {
        self.all(NOTES)
    }
    pub fn put_note(&self, n: &mut Note) -> Result<()> {
        let saved = self.write(|tx| {
            let mut n = n.clone();
            tx.put_note(&mut n)?;
            Ok(n)
        })?;
        *n = saved;
        Ok(())
    }
    pub fn delete_note(&self, n: &Note) -> Result<()> {
        self.write(|tx| {
            tx.del(NOTES, &be(n.id))?;
            tx.del(NOTES_BY_EVENT, &pair(n.event_id, n.id))
        })
    }
}
