//! Drafts of unfinished forms, kept so a restart does not lose what was typed. Touches the
//! `drafts` tree only.

use super::layout::DRAFTS;
use super::{Result, Store};
use crate::model::Draft;

impl Store {
    // --- drafts ---
    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        self.one(DRAFTS, key.as_bytes())
    }
    pub fn drafts(&self) -> Result<Vec<Draft>> {
        self.all(DRAFTS)
    }
    pub fn put_draft(&self, d: &Draft) -> Result<()> {
        self.write(|tx| tx.put(DRAFTS, d.key.as_bytes(), d))
    }
    pub fn delete_draft(&self, key: &str) -> Result<()> {
        self.write(|tx| tx.del(DRAFTS, key.as_bytes()))
    }
}
