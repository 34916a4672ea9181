//! 동기화: what the exchange between two desks left for a coordinator to decide. Each conflict
//! is a field two desks changed without seeing each other's change; its values are listed with
//! the desk and the time that made them, the one both desks show for now marked. Enter on a
//! value decides it: a journal entry of its own, which travels to the other desk and closes the
//! conflict there too (and is undone from 변경 이력 like any change).

pub mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::data::SameAtTwoDesks;
use crate::i18n;
use crate::model::TextField as FieldKind;
use crate::model::sync::{Conflict, DeskCard};
use crate::screens::Step;
use crate::screens::unit::{Cx, Effect, LinkAsk, Show, Unit, What};
use crate::screens::{Action, Context, Screen, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, TextField};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JoinField {
    #[default]
    Addr,
    Code,
}

impl JoinField {
    pub const ALL: [JoinField; 2] = [JoinField::Addr, JoinField::Code];
}

/// F3: where the other laptop is and the code it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct JoinForm {
    pub form: Form<JoinField>,
    pub addr: TextField,
    pub code: TextField,
}

#[derive(Clone, Debug, Default)]
pub struct SyncState {
    /// F3's form, while open.
    pub join: Option<Box<JoinForm>>,
    pub conflicts: Vec<Conflict>,
    /// People who may be one, registered apart at two desks.
    pub same: Vec<SameAtTwoDesks>,
    /// The row pointed at, an index into `rows()`.
    pub selected: usize,
    /// This laptop as the other desk sees it (read with the conflicts).
    pub me: Option<DeskCard>,
}

/// A row of the screen's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A value of a conflict: (conflict, candidate).
    Value(usize, usize),
    /// One of the two records of a pair in `same`: (pair, the later one).
    Same(usize, bool),
}

impl SyncState {
    /// Each value of each conflict (the value shown now first, the others in the order every
    /// desk lists them), then both records of each pair that may be one person.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (i, c) in self.conflicts.iter().enumerate() {
            rows.extend(c.listed().into_iter().map(|j| Row::Value(i, j)));
        }
        for k in 0..self.same.len() {
            rows.extend([Row::Same(k, false), Row::Same(k, true)]);
        }
        rows
    }

    fn reload(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let keep = self.rows().get(self.selected).map(|&r| match r {
            Row::Value(i, j) => (Some(self.conflicts[i].id.clone()), None, j),
            Row::Same(k, later) => (None, Some(self.same[k]), usize::from(later)),
        });
        self.conflicts = cx.data.conflicts()?;
        self.same = cx.data.same_at_two_desks();
        self.me = Some(cx.data.desk_card()?);
        let rows = self.rows();
        let found = keep.and_then(|(id, pair, j)| {
            rows.iter().position(|&r| match r {
                Row::Value(i, jj) => id.as_ref() == Some(&self.conflicts[i].id) && jj == j,
                Row::Same(k, later) => pair == Some(self.same[k]) && usize::from(later) == j,
            })
        });
        self.selected = found
            .unwrap_or(self.selected)
            .min(rows.len().saturating_sub(1));
        Ok(())
    }

    fn decide(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let (i, j) = match self.rows().get(self.selected) {
            Some(&Row::Value(i, j)) => (i, j),
            // The people list merges, field by field where the records differ.
            Some(&Row::Same(k, _)) => {
                let SameAtTwoDesks { keep, dup } = self.same[k];
                return Ok(Effect::keep().go(Screen::People, Some(Action::MergePair(keep, dup))));
            }
            None => return Ok(Effect::keep()),
        };
        let c = self.conflicts[i].clone();
        cx.data.resolve_conflict(&c.id, j, cx.event, cx.events)?;
        let value = c
            .candidates
            .get(j)
            .map(|v| i18n::conflict_value(&v.value))
            .unwrap_or_default();
        cx.say(
            Tone::Good,
            i18n::conflict_decided(
                &i18n::conflict_record(c.kind, &c.record),
                i18n::conflict_field(c.field),
                &value,
            ),
        );
        self.reload(cx)?;
        Ok(Effect::keep().changed(What::ALL))
    }
}

impl SyncState {
    fn open_join(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        // The address of the desk last reached, for a link again after a restart.
        let last = cx
            .data
            .known_desks()?
            .into_iter()
            .find_map(|d| d.addr)
            .unwrap_or_default();
        self.join = Some(Box::new(JoinForm {
            form: Form::new(if last.is_empty() {
                JoinField::Addr
            } else {
                JoinField::Code
            }),
            addr: TextField::with(FieldKind::Short, &last),
            code: TextField::with(FieldKind::Short, ""),
        }));
        Ok(())
    }

    fn on_join(&mut self, cx: &mut Cx, mut jf: Box<JoinForm>, action: Action) -> Effect {
        let focus = jf.form.focus;
        let step = {
            let JoinForm { form, addr, code } = &mut *jf;
            let text = match focus {
                JoinField::Addr => addr,
                JoinField::Code => code,
            };
            crate::screens::text_form_keys(form, &JoinField::ALL, false, Some(text), &action)
        };
        match step {
            Step::Typed(e) => {
                cx.edited(Some(e));
            }
            Step::Close => return Effect::keep(),
            Step::Pass if action == Action::Submit => {
                let addr = crate::model::clean_line(&jf.addr);
                let code = crate::model::clean_line(&jf.code);
                if addr.is_empty() {
                    jf.form
                        .refuse(JoinField::Addr, i18n::SYNC_ADDR_NEEDED.get());
                } else if !code.is_empty() && crate::sync::pair::parse_code(&code).is_none() {
                    jf.form.refuse(JoinField::Code, i18n::SYNC_BAD_CODE.get());
                } else {
                    return Effect::keep().link(LinkAsk::Join { addr, code });
                }
            }
            Step::Took(_) | Step::Moved | Step::Pass => {}
        }
        self.join = Some(jf);
        Effect::keep()
    }
}

impl Unit for SyncState {
    fn context(&self) -> Context {
        if self.join.is_some() {
            Context::Form
        } else {
            Context::Sync
        }
    }

    fn holds_keys(&self) -> bool {
        self.join.is_some()
    }

    fn lazy(&self) -> bool {
        true
    }

    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        if let Some(jf) = &self.join {
            view::draw_join(jf, f, area);
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(jf) = self.join.take() {
            return Ok(self.on_join(cx, jf, action));
        }
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = crate::widgets::list::step(self.selected, k, self.rows().len());
            return Ok(Effect::keep());
        }
        match action {
            Action::Submit => self.decide(cx),
            Action::SyncHost => Ok(Effect::keep().link(LinkAsk::Host)),
            Action::SyncJoin => {
                self.open_join(cx)?;
                Ok(Effect::keep())
            }
            Action::SyncStop => Ok(Effect::keep().link(LinkAsk::Stop)),
            Action::WriteBackup => Ok(crate::screens::files::backup::open_backup(cx)),
            _ => Ok(Effect::keep()),
        }
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if !what.is_empty() {
            self.reload(cx)?;
        }
        Ok(())
    }
}
