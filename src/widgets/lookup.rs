//! A text field that completes to a known record: an organisation, a person, or an owner that
//! is either. The same rules in every form: suggestions while typing, the best one (or the one
//! whose whole name was typed) highlighted, ↑↓ to move, Enter and Tab take the highlighted one,
//! Esc drops the highlight. Where the field allows one, the list ends with an explicit entry
//! for what was typed ("new organisation …"), and Tab with nothing highlighted keeps the text.

use super::TextField;
use crate::model::TextField as FieldKind;

/// The highlighted row of a lookup's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick<T> {
    Hit(T),
    /// The entry for the typed text itself (only where the field allows free text).
    Typed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup<T> {
    pub text: TextField,
    /// Records matching the text, best first.
    pub hits: Vec<T>,
    /// The highlighted row: an index into `hits`, or `hits.len()` for the typed entry.
    pub sel: Option<usize>,
    /// The record taken for the text (cleared when the text changes).
    pub chosen: Option<T>,
    /// Whether the text may stand for itself (a new organisation).
    pub free: bool,
    /// The text names a hit exactly (then no typed entry is offered).
    exact: Option<usize>,
}

impl<T: Copy + PartialEq> Lookup<T> {
    pub fn new(kind: FieldKind, free: bool) -> Lookup<T> {
        Lookup {
            text: TextField::new(kind),
            hits: Vec::new(),
            sel: None,
            chosen: None,
            free,
            exact: None,
        }
    }

    /// A lookup holding a record already chosen, shown by its name.
    pub fn with(kind: FieldKind, free: bool, name: &str, chosen: Option<T>) -> Lookup<T> {
        let mut l = Lookup::new(kind, free);
        l.text.set(name);
        l.chosen = chosen;
        l
    }

    /// Whether the list offers an entry for the typed text itself.
    pub fn offers_typed(&self) -> bool {
        self.free && !self.text.trim().is_empty() && self.exact.is_none()
    }

    /// Rows in the list: the hits, then the typed entry when offered.
    pub fn rows(&self) -> usize {
        self.hits.len() + usize::from(self.offers_typed())
    }

    /// New suggestions for what was typed: `exact` is the hit whose whole name is the text.
    /// That one is highlighted, else the best hit; the text no longer stands for a record.
    pub fn suggest(&mut self, hits: Vec<T>, exact: Option<usize>) {
        self.chosen = None;
        self.exact = exact.filter(|i| *i < hits.len());
        self.hits = if self.text.trim().is_empty() {
            Vec::new()
        } else {
            hits
        };
        self.sel = self.exact.or((!self.hits.is_empty()).then_some(0));
    }

    /// Like [`suggest`](Self::suggest), but only the hit named exactly is highlighted: for a
    /// list that says "this may be someone you have" without taking them on a Tab.
    pub fn suggest_quietly(&mut self, hits: Vec<T>, exact: Option<usize>) {
        self.suggest(hits, exact);
        self.sel = self.exact;
    }

    /// Puts `hit` first in the list and highlights it (a match found by another field).
    pub fn point_at(&mut self, hit: T) {
        self.hits.retain(|h| *h != hit);
        self.hits.insert(0, hit);
        self.exact = None;
        self.sel = Some(0);
    }

    /// Drops the list (the field lost the focus).
    pub fn close(&mut self) {
        self.hits.clear();
        self.sel = None;
        self.exact = None;
    }

    pub fn is_open(&self) -> bool {
        self.rows() > 0
    }

    /// ↓: into the list, or one row further. False when there is no list to move in.
    pub fn down(&mut self) -> bool {
        let n = self.rows();
        if n == 0 {
            return false;
        }
        self.sel = Some(self.sel.map_or(0, |s| (s + 1).min(n - 1)));
        true
    }

    /// ↑: one row back, or out of the list from its top. False when nothing is highlighted.
    pub fn up(&mut self) -> bool {
        match self.sel {
            Some(s) => {
                self.sel = s.checked_sub(1);
                true
            }
            None => false,
        }
    }

    /// Esc: drops the highlight. False when nothing was highlighted (the form's Esc then).
    pub fn unpick(&mut self) -> bool {
        self.sel.take().is_some()
    }

    /// The highlighted row.
    pub fn picked(&self) -> Option<Pick<T>> {
        let s = self.sel?;
        match self.hits.get(s) {
            Some(h) => Some(Pick::Hit(*h)),
            None if s == self.hits.len() && self.offers_typed() => Some(Pick::Typed),
            None => None,
        }
    }

    /// Enter or Tab on the list: the highlighted hit becomes the field's record and `name`
    /// its text; the typed entry keeps the text as it is. Returns what was taken, or `None`
    /// when nothing was highlighted.
    pub fn take(&mut self, name: impl Fn(T) -> String) -> Option<Pick<T>> {
        let p = self.picked()?;
        if let Pick::Hit(h) = p {
            self.text.set(&name(h));
            self.chosen = Some(h);
        }
        self.close();
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, free: bool) -> Lookup<u32> {
        let mut l = Lookup::new(FieldKind::Organization, free);
        l.text.set(text);
        l
    }

    #[test]
    fn the_best_hit_is_highlighted_and_taken() {
        let mut l = typed("푸른", true);
        l.suggest(vec![7, 8], None);
        assert_eq!(l.picked(), Some(Pick::Hit(7)));
        assert_eq!(l.rows(), 3, "two hits and the typed entry");
        assert_eq!(l.take(|_| "푸른생협".into()), Some(Pick::Hit(7)));
        assert_eq!(&*l.text, "푸른생협");
        assert_eq!(l.chosen, Some(7));
    }

    #[test]
    fn the_whole_name_typed_wins_over_the_best_hit() {
        let mut l = typed("다솜", true);
        l.suggest(vec![1, 2], Some(1));
        assert_eq!(l.picked(), Some(Pick::Hit(2)));
        assert!(
            !l.offers_typed(),
            "the typed text names a record: no 'new' entry"
        );
    }

    #[test]
    fn the_typed_entry_keeps_the_text_and_esc_drops_the_highlight() {
        let mut l = typed("푸른", true);
        l.suggest(vec![7], None);
        assert!(l.down());
        assert_eq!(l.picked(), Some(Pick::Typed));
        assert!(
            !l.down() || l.picked() == Some(Pick::Typed),
            "stays on the last row"
        );
        assert_eq!(l.take(|_| unreachable!()), Some(Pick::Typed));
        assert_eq!(&*l.text, "푸른");
        assert_eq!(l.chosen, None);

        let mut l = typed("푸른", true);
        l.suggest(vec![7], None);
        assert!(l.unpick());
        assert_eq!(
            l.take(|_| unreachable!()),
            None,
            "nothing highlighted: nothing taken"
        );
        assert!(!l.unpick(), "a second Esc is the form's");
    }

    #[test]
    fn a_closed_list_offers_no_typed_entry_and_no_highlight() {
        let mut l = typed("", true);
        l.suggest(vec![1], None);
        assert_eq!(l.rows(), 0);
        assert_eq!(l.picked(), None);
        let mut l = typed("x", false);
        l.suggest(vec![], None);
        assert_eq!(l.rows(), 0, "no free text in this field");
        assert!(!l.down());
    }
}
