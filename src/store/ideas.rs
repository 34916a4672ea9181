//! Collaboration ideas: their writes and the list. Touches the `ideas` tree only.

use super::layout::{IDEAS, be};
use super::write::{Tx, TxResult};
use super::{Result, Store};
use crate::model::{ChangeKind, Idea};

impl Tx<'_> {
    pub fn put_idea(&self, i: &mut Idea) -> TxResult<()> {
        self.is_default(ChangeKind::IdeaSaved);
        self.assign_id(IDEAS, &mut i.id)?;
        self.put(IDEAS, &be(i.id), i)
    }
}

impl Store {
    pub fn ideas(&self) -> Result<Vec<Idea>> {
        self.all(IDEAS)
    }
    pub fn put_idea(&self, i: &mut Idea) -> Result<()> {
        self.save(i, |tx, i| tx.put_idea(i))
    }
}
