//! 파기: who the retention rule makes due (개인정보 보호법 Art. 21), marked by hand and shredded
//! after one question. w switches what a shred removes (the contact data, or the whole person:
//! then people without contact data are listed too); r sets the rule. The shred runs as a job
//! with the gauge: the journal is scrubbed, then the database's files are rewritten (Esc stops
//! the rewrite, not the shred: the next start rewrites them).

pub mod view;

use std::collections::BTreeSet;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::data::Due;
use crate::i18n;
use crate::model::Id;
use crate::model::TextField as FieldKind;
use crate::model::privacy::{MAX_RETENTION_MONTHS, ShredScope};
use crate::progress::Progress;
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Job, Question, Show, Unit, What};
use crate::screens::{Action, Context, Screen, Step, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, TextField};

#[derive(Clone, Debug)]
pub struct PrivacyState {
    /// The retention rule in force, in months after the last attendance.
    pub months: u32,
    /// Who a shred with `scope` would change and the rule makes due, oldest first.
    pub due: Vec<Due>,
    /// The people marked, all of them in `due`.
    pub marked: BTreeSet<Id>,
    pub selected: usize,
    pub scope: ShredScope,
    /// r's form, while open.
    pub form: Option<Box<RetentionForm>>,
    /// What the last shred came to, in full (the status line cuts it to the terminal's
    /// width; the backups it cannot reach must be read).
    pub notice: Option<String>,
}

impl Default for PrivacyState {
    fn default() -> PrivacyState {
        PrivacyState {
            months: crate::model::privacy::DEFAULT_RETENTION_MONTHS,
            due: Vec::new(),
            marked: BTreeSet::new(),
            selected: 0,
            scope: ShredScope::Contact,
            form: None,
            notice: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RetentionField {
    #[default]
    Months,
}

/// r: the months kept after the last attendance.
#[derive(Clone, Debug, PartialEq)]
pub struct RetentionForm {
    pub form: Form<RetentionField>,
    pub months: TextField,
}

/// What the retention form's text says, if it is a rule netday takes (0–600 months).
pub fn parse_months(typed: &str) -> Option<u32> {
    let t = typed.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u32>().ok().filter(|m| *m <= MAX_RETENTION_MONTHS)
}

impl PrivacyState {
    pub fn selected_due(&self) -> Option<&Due> {
        self.due.get(self.selected)
    }

    /// The people marked, in the list's order.
    pub fn marked_ids(&self) -> Vec<Id> {
        self.due
            .iter()
            .filter(|d| self.marked.contains(&d.id))
            .map(|d| d.id)
            .collect()
    }

    fn reload(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let keep = self.selected_due().map(|d| d.id);
        self.months = cx.data.retention_months()?;
        self.due = cx.data.due_for_shred(cx.now.local_date(), self.scope)?;
        let listed: BTreeSet<Id> = self.due.iter().map(|d| d.id).collect();
        self.marked.retain(|id| listed.contains(id));
        self.selected = keep
            .and_then(|id| self.due.iter().position(|d| d.id == id))
            .unwrap_or(self.selected)
            .min(self.due.len().saturating_sub(1));
        Ok(())
    }

    fn mark_row(&mut self) {
        let Some(id) = self.selected_due().map(|d| d.id) else {
            return;
        };
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        // On to the next, so that several are marked with Space, Space.
        self.selected = (self.selected + 1).min(self.due.len().saturating_sub(1));
    }

    fn mark_all(&mut self) {
        if !self.due.is_empty() && self.marked.len() == self.due.len() {
            self.marked.clear();
        } else {
            self.marked = self.due.iter().map(|d| d.id).collect();
        }
    }

    fn ask_shred(&self, cx: &mut Cx) -> Effect {
        let ids = self.marked_ids();
        if ids.is_empty() {
            cx.say(Tone::Warn, i18n::PRIVACY_NOTHING_CHOSEN.get());
            return Effect::keep();
        }
        let (ko, en) = i18n::privacy_confirm(ids.len(), self.scope);
        Effect::ask(Ask::new(
            Asker::Screen(Screen::Privacy),
            Question::Shred {
                ids,
                scope: self.scope,
            },
            i18n::PRIVACY_CONFIRM_TITLE.get(),
            i18n::pick(ko, en),
        ))
    }

    /// Shreds `ids` (the confirm's, as the user said yes) and rewrites the database's files,
    /// reporting the rewrite to `progress`, which may stop it. Says what was done, or that the
    /// files wait for the next start; a failure is said in the store's words.
    pub fn shred_now(
        &mut self,
        cx: &mut Cx,
        ids: &[Id],
        scope: ShredScope,
        progress: &mut dyn Progress,
    ) -> Result<Effect, StoreError> {
        match cx.data.shred(ids, scope, progress, cx.event, cx.events) {
            Ok(done) => {
                let (tone, said) = match done.compacted {
                    Some(_) => {
                        let (ko, en) =
                            i18n::shredded(done.shredded.people, done.shredded.entries, scope);
                        (Tone::Good, i18n::pick(ko, en))
                    }
                    None => (Tone::Warn, i18n::SHRED_REWRITE_LATER.get().to_string()),
                };
                let said = format!("{said} {}", i18n::SHRED_BACKUPS.get());
                cx.say(tone, said.clone());
                self.notice = Some(said);
                self.marked.clear();
            }
            // Part of it may stand (the shred before a failed rewrite): everything is read
            // again.
            Err(e) => cx.fail(e),
        }
        Ok(Effect::close().changed(What::ALL))
    }

    fn open_form(&mut self) {
        self.form = Some(Box::new(RetentionForm {
            form: Form::new(RetentionField::Months),
            months: TextField::with(FieldKind::Short, &self.months.to_string()),
        }));
    }

    fn on_form(
        &mut self,
        cx: &mut Cx,
        mut rf: Box<RetentionForm>,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let step = {
            let RetentionForm { form, months } = &mut *rf;
            crate::screens::text_form_keys(
                form,
                &[RetentionField::Months],
                false,
                Some(months),
                &action,
            )
        };
        match step {
            Step::Typed(e) => {
                cx.edited(Some(e));
            }
            Step::Close => return Ok(Effect::keep()),
            Step::Pass if action == Action::Submit => match parse_months(&rf.months) {
                Some(m) => {
                    cx.data.set_retention_months(m)?;
                    cx.say(Tone::Good, i18n::retention_set(m));
                    self.reload(cx)?;
                    return Ok(Effect::keep());
                }
                None => rf
                    .form
                    .refuse(RetentionField::Months, i18n::PRIVACY_RETENTION_BAD.get()),
            },
            Step::Took(_) | Step::Moved | Step::Pass => {}
        }
        self.form = Some(rf);
        Ok(Effect::keep())
    }
}

impl Unit for PrivacyState {
    fn context(&self) -> Context {
        if self.form.is_some() {
            Context::Form
        } else {
            Context::Privacy
        }
    }

    fn holds_keys(&self) -> bool {
        self.form.is_some()
    }

    /// Who is due is worked out from every person and every attendance.
    fn lazy(&self) -> bool {
        true
    }

    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, f, body);
        if let Some(rf) = &self.form {
            view::draw_form(rf, f, area);
        }
        let _ = v;
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(rf) = self.form.take() {
            return self.on_form(cx, rf, action);
        }
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = crate::widgets::list::step(self.selected, k, self.due.len());
            return Ok(Effect::keep());
        }
        match action {
            Action::MarkRow => self.mark_row(),
            Action::MarkAll => self.mark_all(),
            Action::SwitchScope => {
                self.scope = match self.scope {
                    ShredScope::Contact => ShredScope::Whole,
                    ShredScope::Whole => ShredScope::Contact,
                };
                self.reload(cx)?;
            }
            Action::SetRetention => self.open_form(),
            Action::ShredMarked => return Ok(self.ask_shred(cx)),
            _ => {}
        }
        Ok(Effect::keep())
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        let _ = cx;
        match (q, a) {
            // The confirm stays up under the gauge; the job closes it.
            (Question::Shred { .. }, Answer::Yes) => Ok(Effect::keep().job(Job::Shred)),
            _ => Ok(Effect::close()),
        }
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if !what.is_empty() {
            self.reload(cx)?;
        }
        Ok(())
    }
}
