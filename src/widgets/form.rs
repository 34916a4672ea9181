//! What every form shares, whatever its fields: which field has the focus, Tab/Shift-Tab and
//! ↑↓ between the fields shown now, the one error line, and Esc that asks before a changed form
//! is thrown away. A form keeps its own typed fields beside this.

/// A key as a form sees it (the state layer maps actions to these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKey {
    /// Tab, or ↓ where no list takes it.
    Next,
    /// Shift-Tab, or ↑.
    Prev,
    Escape,
    /// Any other key: a second Esc no longer discards.
    Other,
}

/// What a form key asks of the form's owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAnswer {
    /// The focus moved, or the first Esc on a changed form armed the second.
    Stay,
    /// Esc on an unchanged form, or the second Esc: close without saving.
    Discard,
    /// Not a form key.
    Pass,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form<F> {
    pub focus: F,
    /// The one error line: why the last save was refused, or what the first Esc means.
    pub error: Option<String>,
    /// Esc was pressed once on a changed form: the next Esc discards it.
    armed: bool,
}

impl<F: Default> Default for Form<F> {
    fn default() -> Self {
        Form::new(F::default())
    }
}

impl<F> Form<F> {
    pub fn new(focus: F) -> Form<F> {
        Form {
            focus,
            error: None,
            armed: false,
        }
    }

    /// Whether the next Esc discards (the first one said so).
    pub fn armed(&self) -> bool {
        self.armed
    }
}

impl<F: Copy + PartialEq> Form<F> {
    /// Moves the focus over `fields` (the fields shown now, in order), or handles Esc:
    /// `dirty` says whether the form holds anything that Esc would lose; `again` is the line
    /// shown after the first Esc.
    pub fn key(&mut self, key: FormKey, fields: &[F], dirty: bool, again: &str) -> FormAnswer {
        if key != FormKey::Escape {
            self.armed = false;
        }
        match key {
            FormKey::Next | FormKey::Prev => {
                self.step(fields, key == FormKey::Next);
                FormAnswer::Stay
            }
            FormKey::Escape if dirty && !self.armed => {
                self.armed = true;
                self.error = Some(again.to_string());
                FormAnswer::Stay
            }
            FormKey::Escape => FormAnswer::Discard,
            FormKey::Other => FormAnswer::Pass,
        }
    }

    /// The next (or previous) field, round the end.
    pub fn step(&mut self, fields: &[F], forward: bool) {
        let n = fields.len();
        if n == 0 {
            return;
        }
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = fields[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Refuses a save: the focus goes to the field at fault and the line says why.
    pub fn refuse(&mut self, field: F, why: &str) {
        self.focus = field;
        self.error = Some(why.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_round_the_fields_shown() {
        let mut f = Form::new(1);
        f.key(FormKey::Next, &[1, 2, 3], false, "");
        assert_eq!(f.focus, 2);
        f.key(FormKey::Prev, &[1, 2, 3], false, "");
        f.key(FormKey::Prev, &[1, 2, 3], false, "");
        assert_eq!(f.focus, 3);
        // A field that is no longer shown: from the start.
        f.key(FormKey::Next, &[1, 2], false, "");
        assert_eq!(f.focus, 2);
    }

    #[test]
    fn esc_asks_once_on_a_changed_form_and_any_other_key_disarms() {
        let mut f = Form::new(0);
        assert_eq!(
            f.key(FormKey::Escape, &[0], false, "again"),
            FormAnswer::Discard
        );
        assert_eq!(
            f.key(FormKey::Escape, &[0], true, "again"),
            FormAnswer::Stay
        );
        assert_eq!(f.error.as_deref(), Some("again"));
        assert_eq!(f.key(FormKey::Other, &[0], true, "again"), FormAnswer::Pass);
        assert_eq!(
            f.key(FormKey::Escape, &[0], true, "again"),
            FormAnswer::Stay
        );
        assert_eq!(
            f.key(FormKey::Escape, &[0], true, "again"),
            FormAnswer::Discard
        );
    }
}
