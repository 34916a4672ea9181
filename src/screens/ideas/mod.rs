//! The collaboration ideas board: one column per status, ideas moved between them with their
//! history recorded, a form to create and edit, filters, and a detail view with linked notes.
//! Every confirmed change is written (durably) before memory and the screen show it.

pub mod view;

use crate::i18n;
use crate::model::{
    Id, Idea, IdeaCategory, IdeaMove, IdeaStatus, Note, NoteKind, Owner, TextField as FieldKind,
    Ts, clean_line, clean_multiline,
};
use crate::screens::unit::{Cx, Effect, Show, Unit, What};
use crate::screens::{Action, Context, Step, Tone};
use crate::store::StoreError;
use crate::widgets::{Form, Lookup, Pick, TextField};
use ratatui::Frame;
use ratatui::layout::Rect;

/// An idea untouched this long is "stale".
pub const STALE_DAYS: i64 = 60;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Which ideas the board shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdeaFilter {
    pub category: Option<IdeaCategory>,
    pub org: Option<Id>,
    pub owner: Option<Id>,
    /// Only ideas with no change for `STALE_DAYS`.
    pub stale: bool,
    /// Words that must appear in title, next step or description.
    pub text: TextField,
}

impl IdeaFilter {
    pub fn is_active(&self) -> bool {
        *self != IdeaFilter::default()
    }

    pub fn matches(&self, i: &Idea, now: Ts) -> bool {
        if self.category.is_some_and(|c| c != i.category) {
            return false;
        }
        if self.org.is_some_and(|o| !i.org_ids.contains(&o)) {
            return false;
        }
        if self.owner.is_some_and(|o| i.owner != Some(o)) {
            return false;
        }
        if self.stale && !is_stale(i, now) {
            return false;
        }
        let t = self.text.trim().to_lowercase();
        if !t.is_empty() {
            let hay = format!("{}\n{}\n{}", i.title, i.next_step, i.description).to_lowercase();
            if !t.split_whitespace().all(|w| hay.contains(w)) {
                return false;
            }
        }
        true
    }
}

/// No change for `STALE_DAYS` days.
pub fn is_stale(i: &Idea, now: Ts) -> bool {
    now.0 - i.updated.0 >= STALE_DAYS * DAY_MS
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FormField {
    #[default]
    Title,
    Category,
    Orgs,
    Owner,
    NextStep,
    Due,
    Description,
}

impl FormField {
    pub const ALL: [FormField; 7] = [
        FormField::Title,
        FormField::Category,
        FormField::Orgs,
        FormField::Owner,
        FormField::NextStep,
        FormField::Due,
        FormField::Description,
    ];
}

/// Creating (id 0) or editing an idea.
#[derive(Clone, Debug, PartialEq)]
pub struct IdeaForm {
    pub id: Id,
    pub form: Form<FormField>,
    pub title: TextField,
    pub category: IdeaCategory,
    /// The organisations taken so far; `orgs` adds the next one.
    pub org_ids: Vec<Id>,
    pub orgs: Lookup<Id>,
    pub owner: Option<Id>,
    pub owner_lookup: Lookup<Id>,
    pub next_step: TextField,
    pub due: TextField,
    pub description: TextField,
    pub note_ids: Vec<Id>,
}

impl Default for IdeaForm {
    fn default() -> Self {
        IdeaForm {
            id: 0,
            form: Form::default(),
            title: TextField::new(FieldKind::Title),
            category: IdeaCategory::default(),
            org_ids: Vec::new(),
            orgs: Lookup::new(FieldKind::Organization, false),
            owner: None,
            owner_lookup: Lookup::new(FieldKind::Name, false),
            next_step: TextField::new(FieldKind::Short),
            due: TextField::new(FieldKind::Short),
            description: TextField::new(FieldKind::Description),
            note_ids: Vec::new(),
        }
    }
}

impl IdeaForm {
    pub fn edit(i: &Idea) -> IdeaForm {
        IdeaForm {
            id: i.id,
            title: TextField::with(FieldKind::Title, &i.title),
            category: i.category,
            org_ids: i.org_ids.clone(),
            owner: i.owner,
            next_step: TextField::with(FieldKind::Short, &i.next_step),
            due: TextField::with(
                FieldKind::Short,
                &i.next_due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            description: TextField::with(FieldKind::Description, &i.description),
            note_ids: i.note_ids.clone(),
            ..Default::default()
        }
    }

    /// Whether anything differs from `base` (the form as it was opened), typed-but-not-taken
    /// text included.
    fn differs(&self, base: &IdeaForm) -> bool {
        self.title != base.title
            || self.category != base.category
            || self.org_ids != base.org_ids
            || self.owner != base.owner
            || self.next_step != base.next_step
            || self.due != base.due
            || self.description != base.description
            || !self.orgs.text.is_empty()
            || !self.owner_lookup.text.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FilterField {
    #[default]
    Category,
    Org,
    Owner,
    Stale,
    Text,
}

impl FilterField {
    pub const ALL: [FilterField; 5] = [
        FilterField::Category,
        FilterField::Org,
        FilterField::Owner,
        FilterField::Stale,
        FilterField::Text,
    ];
}

/// The filter menu: edits a copy of the filter, applied with Enter.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterForm {
    pub form: Form<FilterField>,
    pub filter: IdeaFilter,
    pub org: Lookup<Id>,
    pub owner: Lookup<Id>,
}

impl FilterForm {
    fn new(filter: IdeaFilter) -> FilterForm {
        FilterForm {
            form: Form::default(),
            filter,
            org: Lookup::new(FieldKind::Organization, false),
            owner: Lookup::new(FieldKind::Name, false),
        }
    }
}

/// One idea in full, with the text of its linked notes (loaded when opened).
#[derive(Clone, Debug, PartialEq)]
pub struct IdeaDetail {
    pub id: Id,
    pub notes: Vec<Note>,
    pub scroll: u16,
}

#[derive(Clone, Debug, Default)]
pub struct IdeasState {
    pub ideas: Vec<Idea>,
    pub filter: IdeaFilter,
    pub show_dropped: bool,
    /// Selected column (index into `columns()`) and card within it.
    pub col: usize,
    pub row: usize,
    /// The form, filter or detail open over the board.
    pub dialog: Option<IdeaDialog>,
}

/// What opens over the board.
#[derive(Clone, Debug, PartialEq)]
pub enum IdeaDialog {
    Form(Box<IdeaForm>),
    Filter(Box<FilterForm>),
    Detail(Box<IdeaDetail>),
}

impl IdeasState {
    pub fn load(data: &crate::data::Data) -> Result<IdeasState, StoreError> {
        let mut s = IdeasState::default();
        s.set_ideas(data.ideas()?);
        Ok(s)
    }

    fn set_ideas(&mut self, mut ideas: Vec<Idea>) {
        ideas.sort_by_key(|i| (i.created, i.id));
        self.ideas = ideas;
    }

    /// The board's columns, in order: the pipeline, then dropped ideas when shown.
    pub fn columns(&self) -> Vec<IdeaStatus> {
        let mut c = IdeaStatus::PIPELINE.to_vec();
        if self.show_dropped {
            c.push(IdeaStatus::Dropped);
        }
        c
    }

    /// Ideas of one status that pass the filter, oldest first.
    pub fn column(&self, status: IdeaStatus, now: Ts) -> Vec<&Idea> {
        self.ideas
            .iter()
            .filter(|i| i.status == status && self.filter.matches(i, now))
            .collect()
    }

    /// How many ideas pass the filter, per status (in `IdeaStatus` order, dropped last).
    pub fn counts(&self, now: Ts) -> [usize; 6] {
        let mut c = [0; 6];
        for i in self.ideas.iter().filter(|i| self.filter.matches(i, now)) {
            c[i.status as usize] += 1;
        }
        c
    }

    pub fn idea(&self, id: Id) -> Option<&Idea> {
        self.ideas.iter().find(|i| i.id == id)
    }

    pub fn selected_status(&self) -> IdeaStatus {
        self.columns()
            .get(self.col)
            .copied()
            .unwrap_or(IdeaStatus::Idea)
    }

    pub fn selected(&self, now: Ts) -> Option<&Idea> {
        self.column(self.selected_status(), now)
            .get(self.row)
            .copied()
    }

    fn clamp(&mut self, now: Ts) {
        let n = self.columns().len();
        self.col = self.col.min(n - 1);
        let len = self.column(self.selected_status(), now).len();
        self.row = self.row.min(len.saturating_sub(1));
    }

    /// Puts the selection on idea `id` (if it is on the board).
    pub fn select(&mut self, id: Id, now: Ts) {
        let Some(status) = self.idea(id).map(|i| i.status) else {
            return;
        };
        if let Some(c) = self.columns().iter().position(|s| *s == status) {
            self.col = c;
            if let Some(r) = self.column(status, now).iter().position(|i| i.id == id) {
                self.row = r;
            }
        }
        self.clamp(now);
    }

    /// Keeps the selected column if it has cards, else goes to the first column that has.
    fn select_nonempty(&mut self, now: Ts) {
        self.clamp(now);
        if self.selected(now).is_none()
            && let Some(c) = self
                .columns()
                .iter()
                .position(|s| !self.column(*s, now).is_empty())
        {
            self.col = c;
            self.row = 0;
        }
    }

    fn keep_saved(&mut self, idea: Idea) {
        match self.ideas.iter_mut().find(|i| i.id == idea.id) {
            Some(slot) => *slot = idea,
            None => self.ideas.push(idea),
        }
    }
}

/// None (every category) followed by each category.
fn cycle_category(c: Option<IdeaCategory>, forward: bool) -> Option<IdeaCategory> {
    let mut all: Vec<Option<IdeaCategory>> = vec![None];
    all.extend(IdeaCategory::ALL.iter().copied().map(Some));
    crate::screens::cycle(&all, c, forward)
}

impl Unit for IdeasState {
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        match &self.dialog {
            Some(IdeaDialog::Form(form)) => view::draw_form(v, form, f, area),
            Some(IdeaDialog::Filter(form)) => view::draw_filter(v, form, f, area),
            Some(IdeaDialog::Detail(d)) => view::draw_idea_detail(self, v, d, f, body),
            None => {}
        }
    }

    fn holds_keys(&self) -> bool {
        self.dialog.is_some()
    }

    fn context(&self) -> Context {
        match &self.dialog {
            None => Context::IdeasBoard,
            Some(IdeaDialog::Detail(_)) => Context::IdeaDetail,
            Some(IdeaDialog::Form(_) | IdeaDialog::Filter(_)) => Context::Form,
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let Some(mut dialog) = self.dialog.take() else {
            return self.on_board(cx, action);
        };
        let next = match &mut dialog {
            IdeaDialog::Form(f) => self.on_idea_form(cx, f, action),
            IdeaDialog::Filter(f) => Ok(self.on_idea_filter(cx, f, action)),
            IdeaDialog::Detail(d) => Ok(self.on_idea_detail(d, action)),
        };
        match next {
            Ok(Next::Keep) => self.dialog = Some(dialog),
            Err(e) => {
                self.dialog = Some(dialog);
                return Err(e);
            }
            Ok(Next::Close) => {}
            Ok(Next::Saved) => return Ok(Effect::keep().changed(What::IDEAS)),
            Ok(Next::Open(d)) => self.dialog = Some(d),
        }
        Ok(Effect::keep())
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if what.has(What::IDEAS | What::PEOPLE | What::DAY) {
            self.set_ideas(cx.data.ideas()?);
            self.clamp(cx.now);
        }
        Ok(())
    }
}

/// What a key did in one of the board's dialogs.
enum Next {
    Keep,
    Close,
    Saved,
    Open(IdeaDialog),
}

impl IdeasState {
    /// Opens the idea form prefilled from a note (title from its first line, the note linked,
    /// organisations it names, the owner and due date of an action item).
    pub fn start_from_note(&mut self, cx: &Cx, note: &Note) {
        let mut lines = note.text.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or("");
        let rest: Vec<&str> = lines.collect();
        let mut form = IdeaForm {
            title: TextField::with(FieldKind::Title, title),
            description: TextField::with(FieldKind::Description, &rest.join("\n")),
            note_ids: vec![note.id],
            ..Default::default()
        };
        let mut named: Vec<(usize, Id)> = cx
            .data
            .roster
            .orgs
            .values()
            .filter_map(|o| note.text.find(o.name.as_str()).map(|at| (at, o.id)))
            .collect();
        named.sort();
        form.org_ids = named.into_iter().map(|(_, id)| id).collect();
        if let NoteKind::Action { owner, due, .. } = &note.kind {
            match owner {
                Owner::Person(p) => form.owner = Some(*p),
                Owner::Org(o) if !form.org_ids.contains(o) => form.org_ids.push(*o),
                _ => {}
            }
            if let Some(d) = due {
                form.due.set(&d.format("%Y-%m-%d").to_string());
            }
        }
        self.dialog = Some(IdeaDialog::Form(Box::new(form)));
    }

    fn on_board(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let now = cx.now;
        let s = &mut *self;
        let ncols = s.columns().len();
        match action {
            Action::PrevColumn => {
                s.col = (s.col + ncols - 1) % ncols;
                s.clamp(now);
            }
            Action::NextColumn => {
                s.col = (s.col + 1) % ncols;
                s.clamp(now);
            }
            a if crate::screens::list_key(&a).is_some() => {
                let len = s.column(s.selected_status(), now).len();
                if let Some(k) = crate::screens::list_key(&a) {
                    s.row = crate::widgets::list::step(s.row, k, len);
                }
            }
            Action::MoveIdeaBack => return self.step_selected(cx, false),
            Action::MoveIdeaForward => return self.step_selected(cx, true),
            Action::DropIdea => return self.drop_or_restore_selected(cx),
            Action::IdeaFrom(note) => {
                let found = cx.data.notes()?.into_iter().find(|n| n.id == note);
                if let Some(n) = found {
                    self.start_from_note(cx, &n);
                }
                return Ok(Effect::keep());
            }
            Action::ToggleDropped => {
                s.show_dropped = !s.show_dropped;
                let text = if s.show_dropped {
                    i18n::DROPPED_SHOWN
                } else {
                    i18n::DROPPED_HIDDEN
                };
                cx.say(Tone::Info, text.get());
            }
            Action::NewIdea => s.dialog = Some(IdeaDialog::Form(Box::default())),
            Action::EditIdea => match s.selected(now) {
                Some(i) => s.dialog = Some(IdeaDialog::Form(Box::new(IdeaForm::edit(i)))),
                None => cx.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get()),
            },
            Action::OpenIdea | Action::Submit => match s.selected(now).map(|i| i.id) {
                Some(id) => self.open_idea_detail(cx, id)?,
                None => cx.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get()),
            },
            Action::FilterMenu => {
                s.dialog = Some(IdeaDialog::Filter(Box::new(FilterForm::new(
                    s.filter.clone(),
                ))))
            }
            Action::ToggleStale => {
                s.filter.stale = !s.filter.stale;
                s.select_nonempty(now);
            }
            Action::ClearFilter | Action::Cancel => {
                if s.filter.is_active() {
                    s.filter = IdeaFilter::default();
                    cx.say(Tone::Info, i18n::FILTER_CLEARED.get());
                }
                self.clamp(now);
            }
            _ => {}
        }
        self.clamp(now);
        Ok(Effect::keep())
    }

    fn open_idea_detail(&mut self, cx: &mut Cx, id: Id) -> Result<(), StoreError> {
        let links = self
            .idea(id)
            .map(|i| i.note_ids.clone())
            .unwrap_or_default();
        let notes = if links.is_empty() {
            Vec::new()
        } else {
            let mut v: Vec<Note> = cx
                .data
                .notes()?
                .into_iter()
                .filter(|n| links.contains(&n.id))
                .collect();
            v.sort_by_key(|n| (n.at, n.id));
            v
        };
        self.dialog = Some(IdeaDialog::Detail(Box::new(IdeaDetail {
            id,
            notes,
            scroll: 0,
        })));
        Ok(())
    }

    fn on_idea_detail(&mut self, d: &mut IdeaDetail, action: Action) -> Next {
        d.scroll = match action {
            Action::Up => d.scroll.saturating_sub(1),
            Action::Down => d.scroll.saturating_add(1),
            Action::PageUp => d.scroll.saturating_sub(10),
            Action::PageDown => d.scroll.saturating_add(10),
            Action::EditIdea | Action::Submit => {
                return match self.idea(d.id) {
                    Some(i) => Next::Open(IdeaDialog::Form(Box::new(IdeaForm::edit(i)))),
                    None => Next::Close,
                };
            }
            Action::Cancel => return Next::Close,
            _ => d.scroll,
        };
        Next::Keep
    }

    /// Saves a changed copy of an idea; memory follows only once the store has it.
    fn save_idea(&mut self, cx: &mut Cx, mut idea: Idea) -> Result<Id, StoreError> {
        cx.data.save_idea(&mut idea)?;
        let id = idea.id;
        self.keep_saved(idea);
        Ok(id)
    }

    /// Moves an idea to `to`, recording the move in its history; durable before it shows.
    pub fn move_idea(&mut self, cx: &mut Cx, id: Id, to: IdeaStatus) -> Result<Effect, StoreError> {
        let Some(mut idea) = self.idea(id).cloned() else {
            return Ok(Effect::keep());
        };
        if idea.status == to {
            return Ok(Effect::keep());
        }
        let now = cx.now;
        idea.history.push(IdeaMove {
            at: now,
            from: idea.status,
            to,
        });
        idea.status = to;
        idea.updated = now;
        let title = idea.title.clone();
        self.save_idea(cx, idea)?;
        self.select(id, now);
        let hidden = to == IdeaStatus::Dropped && !self.show_dropped;
        cx.say(Tone::Good, i18n::idea_moved(&title, to, hidden));
        Ok(Effect::keep().changed(What::IDEAS))
    }

    fn step_selected(&mut self, cx: &mut Cx, forward: bool) -> Result<Effect, StoreError> {
        let now = cx.now;
        let Some(i) = self.selected(now) else {
            cx.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get());
            return Ok(Effect::keep());
        };
        let (id, status) = (i.id, i.status);
        let pipe = &IdeaStatus::PIPELINE;
        let to = match pipe.iter().position(|s| *s == status) {
            Some(p) if forward => pipe.get(p + 1).copied(),
            Some(p) => p.checked_sub(1).map(|q| pipe[q]),
            None => {
                cx.say(Tone::Warn, i18n::RESTORE_FIRST.get());
                return Ok(Effect::keep());
            }
        };
        match to {
            Some(to) => self.move_idea(cx, id, to),
            None => Ok(Effect::keep()),
        }
    }

    fn drop_or_restore_selected(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let now = cx.now;
        let Some(i) = self.selected(now) else {
            cx.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get());
            return Ok(Effect::keep());
        };
        let id = i.id;
        let to = if i.status == IdeaStatus::Dropped {
            // Back to where it was dropped from.
            i.history
                .iter()
                .rev()
                .find(|m| m.to == IdeaStatus::Dropped)
                .map(|m| m.from)
                .unwrap_or(IdeaStatus::Idea)
        } else {
            IdeaStatus::Dropped
        };
        self.move_idea(cx, id, to)
    }

    fn on_idea_form(
        &mut self,
        cx: &mut Cx,
        f: &mut IdeaForm,
        action: Action,
    ) -> Result<Next, StoreError> {
        let focus = f.form.focus;
        // Backspace in an empty lookup takes back the last organisation or the owner chosen.
        if action == Action::Backspace {
            match focus {
                FormField::Orgs if f.orgs.text.is_empty() => {
                    f.org_ids.pop();
                    return Ok(Next::Keep);
                }
                FormField::Owner if f.owner_lookup.text.is_empty() => {
                    f.owner = None;
                    return Ok(Next::Keep);
                }
                _ => {}
            }
        }
        let dirty = f.differs(&IdeaForm::base(f, self));
        let (text, list) = match focus {
            FormField::Title => (Some(&mut f.title), None),
            FormField::Category => (None, None),
            FormField::Orgs => (None, Some(&mut f.orgs)),
            FormField::Owner => (None, Some(&mut f.owner_lookup)),
            FormField::NextStep => (Some(&mut f.next_step), None),
            FormField::Due => (Some(&mut f.due), None),
            FormField::Description => (Some(&mut f.description), None),
        };
        let step = crate::screens::form_keys(
            &mut f.form,
            &FormField::ALL,
            dirty,
            text,
            list,
            |_| String::new(),
            &action,
        );
        match step {
            Step::Typed(e) => {
                if cx.edited(Some(e)) {
                    match focus {
                        FormField::Orgs => {
                            crate::screens::suggest_orgs(&cx.data.roster, &mut f.orgs)
                        }
                        FormField::Owner => {
                            crate::screens::suggest_people(&cx.data.roster, &mut f.owner_lookup)
                        }
                        _ => {}
                    }
                }
            }
            // The field shows what was taken beside the lookup, which starts empty again:
            // the next organisation can be added at once.
            Step::Took(Pick::Hit(id)) if focus == FormField::Orgs => {
                f.orgs.text.clear();
                if !f.org_ids.contains(&id) {
                    f.org_ids.push(id);
                }
            }
            Step::Took(Pick::Hit(id)) => {
                f.owner_lookup.text.clear();
                f.owner = Some(id);
                f.form.step(&FormField::ALL, true);
            }
            Step::Took(Pick::Typed) | Step::Moved => {}
            Step::Close => return Ok(Next::Close),
            Step::Pass => match action {
                Action::Left | Action::Right if focus == FormField::Category => {
                    f.category = crate::screens::cycle(
                        &IdeaCategory::ALL,
                        f.category,
                        action == Action::Right,
                    );
                }
                Action::Submit => return self.save_idea_form(cx, f),
                _ => {}
            },
        }
        if f.form.focus != FormField::Orgs {
            f.orgs.close();
        }
        if f.form.focus != FormField::Owner {
            f.owner_lookup.close();
        }
        Ok(Next::Keep)
    }

    fn save_idea_form(&mut self, cx: &mut Cx, f: &mut IdeaForm) -> Result<Next, StoreError> {
        let now = cx.now;
        let title = clean_line(&f.title);
        let due = if f.due.trim().is_empty() {
            Ok(None)
        } else {
            crate::model::dates::parse_due(&f.due, now.local_date())
                .map(Some)
                .ok_or(())
        };
        let problem = if title.is_empty() {
            Some((FormField::Title, i18n::IDEA_TITLE_REQUIRED))
        } else if due.is_err() {
            Some((FormField::Due, i18n::DUE_INVALID))
        } else if !f.orgs.text.trim().is_empty() {
            Some((FormField::Orgs, i18n::PICK_OR_CLEAR))
        } else if !f.owner_lookup.text.trim().is_empty() {
            Some((FormField::Owner, i18n::PICK_OR_CLEAR))
        } else {
            None
        };
        if let Some((field, why)) = problem {
            f.form.refuse(field, why.get());
            return Ok(Next::Keep);
        }
        let mut idea = match self.idea(f.id) {
            Some(i) if f.id != 0 => i.clone(),
            _ => Idea {
                id: 0,
                title: String::new(),
                category: IdeaCategory::Other,
                org_ids: vec![],
                owner: None,
                status: IdeaStatus::Idea,
                next_step: String::new(),
                next_due: None,
                description: String::new(),
                note_ids: vec![],
                history: vec![],
                created: now,
                updated: now,
            },
        };
        idea.title = title;
        idea.category = f.category;
        idea.org_ids = f.org_ids.clone();
        idea.owner = f.owner;
        idea.next_step = clean_line(&f.next_step);
        idea.next_due = due.ok().flatten();
        idea.description = clean_multiline(&f.description);
        for n in &f.note_ids {
            if !idea.note_ids.contains(n) {
                idea.note_ids.push(*n);
            }
        }
        idea.updated = now;
        let created = f.id == 0;
        let title = idea.title.clone();
        // On a failure the form stays open with what was typed (the modal's rule).
        let id = self.save_idea(cx, idea)?;
        self.select(id, now);
        let text = if created {
            i18n::idea_created(&title)
        } else {
            i18n::idea_saved(&title)
        };
        cx.say(Tone::Good, text);
        Ok(Next::Saved)
    }

    fn on_idea_filter(&mut self, cx: &mut Cx, f: &mut FilterForm, action: Action) -> Next {
        let focus = f.form.focus;
        let (text, list) = match focus {
            FilterField::Org => (None, Some(&mut f.org)),
            FilterField::Owner => (None, Some(&mut f.owner)),
            FilterField::Text => (Some(&mut f.filter.text), None),
            FilterField::Category | FilterField::Stale => (None, None),
        };
        // Backspace where nothing is typed takes back what the field filters by.
        let typed = match (&text, &list) {
            (Some(t), _) => !t.is_empty(),
            (_, Some(l)) => !l.text.is_empty(),
            _ => false,
        };
        if action == Action::Backspace && !typed {
            match focus {
                FilterField::Org => f.filter.org = None,
                FilterField::Owner => f.filter.owner = None,
                FilterField::Category => f.filter.category = None,
                FilterField::Stale => f.filter.stale = false,
                FilterField::Text => {}
            }
            return Next::Keep;
        }
        let step = crate::screens::form_keys(
            &mut f.form,
            &FilterField::ALL,
            false,
            text,
            list,
            |_| String::new(),
            &action,
        );
        match step {
            Step::Typed(e) => {
                if cx.edited(Some(e)) {
                    match focus {
                        FilterField::Org => {
                            crate::screens::suggest_orgs(&cx.data.roster, &mut f.org)
                        }
                        FilterField::Owner => {
                            crate::screens::suggest_people(&cx.data.roster, &mut f.owner)
                        }
                        _ => {}
                    }
                }
            }
            Step::Took(Pick::Hit(id)) => match focus {
                FilterField::Org => {
                    f.org.text.clear();
                    f.filter.org = Some(id);
                }
                _ => {
                    f.owner.text.clear();
                    f.filter.owner = Some(id);
                }
            },
            Step::Took(Pick::Typed) | Step::Moved => {}
            Step::Close => return Next::Close,
            Step::Pass => match action {
                Action::Input(' ') if focus == FilterField::Stale => {
                    f.filter.stale = !f.filter.stale
                }
                Action::Left | Action::Right if focus == FilterField::Category => {
                    f.filter.category = cycle_category(f.filter.category, action == Action::Right);
                }
                Action::Left | Action::Right if focus == FilterField::Stale => {
                    f.filter.stale = !f.filter.stale;
                }
                Action::Submit => {
                    let now = cx.now;
                    self.filter = f.filter.clone();
                    self.row = 0;
                    self.select_nonempty(now);
                    return Next::Close;
                }
                _ => {}
            },
        }
        if f.form.focus != FilterField::Org {
            f.org.close();
        }
        if f.form.focus != FilterField::Owner {
            f.owner.close();
        }
        Next::Keep
    }
}

impl IdeaForm {
    /// The form as it was opened, to tell whether anything was typed since.
    fn base(f: &IdeaForm, s: &IdeasState) -> IdeaForm {
        let mut base = match s.idea(f.id) {
            Some(i) if f.id != 0 => IdeaForm::edit(i),
            _ => IdeaForm::default(),
        };
        base.note_ids = f.note_ids.clone();
        base
    }
}
