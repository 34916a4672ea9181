//! Collaboration ideas: their writes and the list.

use super::layout::{IDEAS, be};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::Idea;

impl Tx<'_> {
    pub fn put_idea(&self, i: &mut Idea) -> TxResult<()> {
        if i.id == 0 {
            i.id = self.next_id(IDEAS)?;
        }
        self.put(IDEAS, &be(i.id), i)
    }
}

impl Store {
    // --- ideas ---
    pub fn ideas(&self) -> Result<Vec<Idea>> {
        self.all(IDEAS)
    }
    pub fn put_idea(&self, i: &mut Idea) -> Result<()> {
        let saved = self.write(|tx| {
            let mut i = i.clone();
            tx.put_idea(&mut i)?;
            Ok(i)
        })?;
        *i = saved;
        Ok(())
    }
}
