//! Merging two people whose records differ: the dialog that makes the coordinator choose, field
//! by field, which value the kept record gets. Two identical records are merged after the one
//! yes/no confirm instead (`Question::Merge`).

use crate::model::{Id, PersonField};
use crate::screens::Action;
use crate::screens::Roster;

/// One field the two records differ in, and the value chosen for the kept record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldChoice {
    pub field: PersonField,
    /// `None` until chosen; `Some(true)`: the duplicate's value, `Some(false)`: the kept one's.
    pub take_dup: Option<bool>,
}

/// The merge being chosen: `dup` goes into `keep`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeChoice {
    pub keep: Id,
    pub dup: Id,
    pub rows: Vec<FieldChoice>,
    /// The highlighted row.
    pub row: usize,
    /// Enter was pressed before every row was chosen.
    pub unchosen: bool,
}

/// What a key did to the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeStep {
    Open,
    Cancelled,
    /// Every row chosen and confirmed: the fields to take from the duplicate.
    Merge(Vec<PersonField>),
}

impl MergeChoice {
    /// The choice for merging `dup` into `keep`; `None` when their records agree in every field
    /// a merge asks about (or either is unknown).
    pub fn new(roster: &Roster, keep: Id, dup: Id) -> Option<MergeChoice> {
        let (k, d) = (roster.person(keep)?, roster.person(dup)?);
        let rows: Vec<FieldChoice> = PersonField::MERGED
            .into_iter()
            .filter(|f| f.differs(k, d))
            .map(|field| FieldChoice {
                field,
                take_dup: None,
            })
            .collect();
        (!rows.is_empty()).then_some(MergeChoice {
            keep,
            dup,
            rows,
            row: 0,
            unchosen: false,
        })
    }

    /// ↑↓ between rows; ← the kept record's value, → (or Space) the duplicate's; Enter merges
    /// once every row is chosen; Esc cancels.
    pub fn update(&mut self, action: &Action) -> MergeStep {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(last),
            Action::Left | Action::Right => {
                if let Some(r) = self.rows.get_mut(self.row) {
                    r.take_dup = Some(*action == Action::Right);
                }
                if self.rows.iter().all(|r| r.take_dup.is_some()) {
                    self.unchosen = false;
                }
                // On to the next row still open, so two keys per row are never needed.
                if let Some(next) = self.rows.iter().position(|r| r.take_dup.is_none()) {
                    self.row = next;
                }
            }
            Action::Submit => match self.rows.iter().position(|r| r.take_dup.is_none()) {
                Some(open) => {
                    self.row = open;
                    self.unchosen = true;
                }
                None => {
                    return MergeStep::Merge(
                        self.rows
                            .iter()
                            .filter(|r| r.take_dup == Some(true))
                            .map(|r| r.field)
                            .collect(),
                    );
                }
            },
            Action::Cancel => return MergeStep::Cancelled,
            _ => {}
        }
        MergeStep::Open
    }
}
