//! The collaboration ideas board: one column per status, ideas moved between them with their
//! history recorded, a form to create and edit, filters, and a detail view with linked notes.
//! Every confirmed change is written (durably) before memory and the screen show it.

use super::{Action, App, Context, Screen, Tone};
use crate::i18n;
use crate::model::{
    Id, Idea, IdeaCategory, IdeaMove, IdeaStatus, Note, NoteKind, Owner, TextField as FieldKind,
    Ts, clean_line, clean_multiline,
};
use crate::search::SearchIndex;
use crate::store::{Store, StoreError};
use crate::widgets::TextField;

/// An idea untouched this long is "stale".
pub const STALE_DAYS: i64 = 60;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Suggestions shown under a lookup field.
const SUGGESTIONS: usize = 5;

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

/// A text field that completes to a known record (an organisation or a person).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    pub text: TextField,
    pub hits: Vec<Id>,
    /// The highlighted suggestion, once the user moved into the list.
    pub sel: Option<usize>,
}

impl Lookup {
    fn search(&mut self, index: &SearchIndex) {
        self.sel = None;
        self.hits.clear();
        if self.text.trim().is_empty() {
            return;
        }
        let mut hits = Vec::new();
        index.search_top(self.text.trim(), SUGGESTIONS, &mut hits);
        self.hits = hits.into_iter().map(|h| h.id).collect();
    }
    fn down(&mut self) -> bool {
        if self.hits.is_empty() {
            return false;
        }
        self.sel = Some(self.sel.map_or(0, |s| (s + 1).min(self.hits.len() - 1)));
        true
    }
    fn up(&mut self) -> bool {
        match self.sel {
            Some(s) => {
                self.sel = s.checked_sub(1);
                true
            }
            None => false,
        }
    }
    /// The highlighted (else the best) suggestion; clears the field.
    fn take(&mut self) -> Option<Id> {
        let id = self.hits.get(self.sel.unwrap_or(0)).copied();
        if id.is_some() {
            self.text.clear();
            self.hits.clear();
            self.sel = None;
        }
        id
    }
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
    pub field: FormField,
    pub title: TextField,
    pub category: IdeaCategory,
    pub org_ids: Vec<Id>,
    pub orgs: Lookup,
    pub owner: Option<Id>,
    pub owner_lookup: Lookup,
    pub next_step: TextField,
    pub due: TextField,
    pub description: TextField,
    pub note_ids: Vec<Id>,
    pub error: Option<String>,
    /// Esc was pressed once on a changed form: the next Esc discards it.
    pub discard_armed: bool,
}

impl Default for IdeaForm {
    fn default() -> Self {
        IdeaForm {
            id: 0,
            field: FormField::Title,
            title: TextField::new(FieldKind::Title),
            category: IdeaCategory::default(),
            org_ids: Vec::new(),
            orgs: Lookup::default(),
            owner: None,
            owner_lookup: Lookup::default(),
            next_step: TextField::new(FieldKind::Short),
            due: TextField::new(FieldKind::Short),
            description: TextField::new(FieldKind::Description),
            note_ids: Vec::new(),
            error: None,
            discard_armed: false,
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

    fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.field {
            FormField::Title => Some(&mut self.title),
            FormField::Orgs => Some(&mut self.orgs.text),
            FormField::Owner => Some(&mut self.owner_lookup.text),
            FormField::NextStep => Some(&mut self.next_step),
            FormField::Due => Some(&mut self.due),
            FormField::Description => Some(&mut self.description),
            FormField::Category => None,
        }
    }

    fn lookup_mut(&mut self) -> Option<&mut Lookup> {
        match self.field {
            FormField::Orgs => Some(&mut self.orgs),
            FormField::Owner => Some(&mut self.owner_lookup),
            _ => None,
        }
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterForm {
    pub field: FilterField,
    pub filter: IdeaFilter,
    pub org: Lookup,
    pub owner: Lookup,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum IdeasMode {
    #[default]
    Board,
    Form(Box<IdeaForm>),
    Filter(Box<FilterForm>),
    /// One idea in full, with the text of its linked notes (loaded when opened).
    Detail {
        id: Id,
        notes: Vec<Note>,
        scroll: u16,
    },
}

#[derive(Clone, Debug, Default)]
pub struct IdeasState {
    pub ideas: Vec<Idea>,
    pub filter: IdeaFilter,
    pub show_dropped: bool,
    /// Selected column (index into `columns()`) and card within it.
    pub col: usize,
    pub row: usize,
    pub mode: IdeasMode,
}

impl IdeasState {
    pub fn load(store: &Store) -> Result<IdeasState, StoreError> {
        let mut s = IdeasState::default();
        s.set_ideas(store.ideas()?);
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

    fn store_saved(&mut self, idea: Idea) {
        match self.ideas.iter_mut().find(|i| i.id == idea.id) {
            Some(slot) => *slot = idea,
            None => self.ideas.push(idea),
        }
    }

    pub fn context(&self) -> Context {
        match self.mode {
            IdeasMode::Board => Context::IdeasBoard,
            IdeasMode::Form(_) => Context::IdeaForm,
            IdeasMode::Filter(_) => Context::IdeaFilter,
            IdeasMode::Detail { .. } => Context::IdeaDetail,
        }
    }
}

fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let i = all.iter().position(|x| *x == current).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// None (every category) followed by each category.
fn cycle_category(c: Option<IdeaCategory>, forward: bool) -> Option<IdeaCategory> {
    let mut all: Vec<Option<IdeaCategory>> = vec![None];
    all.extend(IdeaCategory::ALL.iter().copied().map(Some));
    cycle(&all, c, forward)
}

impl App {
    /// Opens the idea form prefilled from a note (title from its first line, the note linked,
    /// organisations it names, the owner and due date of an action item) on the Ideas screen.
    pub fn start_idea_from_note(&mut self, note: &Note) {
        let mut lines = note.text.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = lines.next().unwrap_or("");
        let rest: Vec<&str> = lines.collect();
        let mut form = IdeaForm {
            title: TextField::with(FieldKind::Title, title),
            description: TextField::with(FieldKind::Description, &rest.join("\n")),
            note_ids: vec![note.id],
            ..Default::default()
        };
        let mut named: Vec<(usize, Id)> = self
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
        self.modal = None;
        self.screen = Screen::Ideas;
        self.ideas.mode = IdeasMode::Form(Box::new(form));
    }

    pub(super) fn on_ideas(&mut self, action: Action) -> Result<(), StoreError> {
        match std::mem::take(&mut self.ideas.mode) {
            IdeasMode::Board => self.on_ideas_board(action),
            IdeasMode::Form(f) => self.on_idea_form(*f, action),
            IdeasMode::Filter(f) => {
                self.on_idea_filter(*f, action);
                Ok(())
            }
            IdeasMode::Detail { id, notes, scroll } => {
                self.on_idea_detail(id, notes, scroll, action);
                Ok(())
            }
        }
    }

    fn on_ideas_board(&mut self, action: Action) -> Result<(), StoreError> {
        let now = self.now();
        let s = &mut self.ideas;
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
            Action::Up => s.row = s.row.saturating_sub(1),
            Action::Down => s.row += 1,
            Action::PageUp => s.row = s.row.saturating_sub(super::checkin::PAGE),
            Action::PageDown => s.row += super::checkin::PAGE,
            Action::Home => s.row = 0,
            Action::End => s.row = usize::MAX / 2,
            Action::MoveIdeaBack => return self.step_selected(false),
            Action::MoveIdeaForward => return self.step_selected(true),
            Action::DropIdea => return self.drop_or_restore_selected(),
            Action::ToggleDropped => {
                s.show_dropped = !s.show_dropped;
                let text = if s.show_dropped {
                    i18n::DROPPED_SHOWN
                } else {
                    i18n::DROPPED_HIDDEN
                };
                self.say(Tone::Info, text.get());
            }
            Action::NewIdea => s.mode = IdeasMode::Form(Box::default()),
            Action::EditIdea => match s.selected(now) {
                Some(i) => s.mode = IdeasMode::Form(Box::new(IdeaForm::edit(i))),
                None => self.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get()),
            },
            Action::OpenIdea | Action::Submit => match s.selected(now).map(|i| i.id) {
                Some(id) => self.open_idea_detail(id)?,
                None => self.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get()),
            },
            Action::FilterMenu => {
                s.mode = IdeasMode::Filter(Box::new(FilterForm {
                    filter: s.filter.clone(),
                    ..Default::default()
                }))
            }
            Action::ToggleStale => {
                s.filter.stale = !s.filter.stale;
                s.select_nonempty(now);
            }
            Action::ClearFilter | Action::Cancel => {
                if s.filter.is_active() {
                    s.filter = IdeaFilter::default();
                    self.say(Tone::Info, i18n::FILTER_CLEARED.get());
                }
                self.ideas.clamp(now);
            }
            _ => {}
        }
        self.ideas.clamp(now);
        Ok(())
    }

    fn open_idea_detail(&mut self, id: Id) -> Result<(), StoreError> {
        let links = self
            .ideas
            .idea(id)
            .map(|i| i.note_ids.clone())
            .unwrap_or_default();
        let notes = if links.is_empty() {
            Vec::new()
        } else {
            let mut v: Vec<Note> = self
                .store
                .notes()?
                .into_iter()
                .filter(|n| links.contains(&n.id))
                .collect();
            v.sort_by_key(|n| (n.at, n.id));
            v
        };
        self.ideas.mode = IdeasMode::Detail {
            id,
            notes,
            scroll: 0,
        };
        Ok(())
    }

    fn on_idea_detail(&mut self, id: Id, notes: Vec<Note>, scroll: u16, action: Action) {
        let scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1),
            Action::PageUp => scroll.saturating_sub(10),
            Action::PageDown => scroll.saturating_add(10),
            Action::EditIdea | Action::Submit => {
                if let Some(i) = self.ideas.idea(id) {
                    self.ideas.mode = IdeasMode::Form(Box::new(IdeaForm::edit(i)));
                }
                return;
            }
            Action::Cancel => return,
            _ => scroll,
        };
        self.ideas.mode = IdeasMode::Detail { id, notes, scroll };
    }

    /// Saves a changed copy of an idea; memory follows only once the store has it.
    fn save_idea(&mut self, mut idea: Idea) -> Result<Id, StoreError> {
        self.store.put_idea(&mut idea)?;
        let id = idea.id;
        self.ideas.store_saved(idea);
        Ok(id)
    }

    /// Moves an idea to `to`, recording the move in its history; durable before it shows.
    pub fn move_idea(&mut self, id: Id, to: IdeaStatus) -> Result<(), StoreError> {
        let Some(mut idea) = self.ideas.idea(id).cloned() else {
            return Ok(());
        };
        if idea.status == to {
            return Ok(());
        }
        let now = self.now();
        idea.history.push(IdeaMove {
            at: now,
            from: idea.status,
            to,
        });
        idea.status = to;
        idea.updated = now;
        let title = idea.title.clone();
        self.save_idea(idea)?;
        self.ideas.select(id, now);
        let hidden = to == IdeaStatus::Dropped && !self.ideas.show_dropped;
        self.say(Tone::Good, i18n::idea_moved(&title, to, hidden));
        Ok(())
    }

    fn step_selected(&mut self, forward: bool) -> Result<(), StoreError> {
        let now = self.now();
        let Some(i) = self.ideas.selected(now) else {
            self.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get());
            return Ok(());
        };
        let (id, status) = (i.id, i.status);
        let pipe = &IdeaStatus::PIPELINE;
        let to = match pipe.iter().position(|s| *s == status) {
            Some(p) if forward => pipe.get(p + 1).copied(),
            Some(p) => p.checked_sub(1).map(|q| pipe[q]),
            None => {
                self.say(Tone::Warn, i18n::RESTORE_FIRST.get());
                return Ok(());
            }
        };
        match to {
            Some(to) => self.move_idea(id, to),
            None => Ok(()),
        }
    }

    fn drop_or_restore_selected(&mut self) -> Result<(), StoreError> {
        let now = self.now();
        let Some(i) = self.ideas.selected(now) else {
            self.say(Tone::Warn, i18n::NO_IDEA_SELECTED.get());
            return Ok(());
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
        self.move_idea(id, to)
    }

    fn on_idea_form(&mut self, mut f: IdeaForm, action: Action) -> Result<(), StoreError> {
        let at = FormField::ALL
            .iter()
            .position(|x| *x == f.field)
            .unwrap_or(0);
        let n = FormField::ALL.len();
        if action != Action::Cancel {
            f.discard_armed = false;
        }
        // Backspace in an empty lookup takes back the last organisation or the owner chosen.
        let unchoose =
            action == Action::Backspace && f.lookup_mut().is_some_and(|l| l.text.is_empty());
        let edited = match f.text_mut() {
            Some(t) if !unchoose => super::edit_text(t, &action),
            _ => None,
        };
        let research = self.edited(edited);
        if research {
            f.error = None;
        }
        match action {
            _ if edited.is_some() => {}
            Action::Cancel => {
                if let Some(l) = f.lookup_mut().filter(|l| !l.hits.is_empty()) {
                    l.hits.clear();
                    l.sel = None;
                } else if !f.discard_armed && f != IdeaForm::edit_base(&f, &self.ideas) {
                    f.discard_armed = true;
                    f.error = Some(i18n::ESC_AGAIN_TO_DISCARD.get().into());
                } else {
                    return Ok(());
                }
            }
            Action::Backspace if f.field == FormField::Orgs => {
                f.org_ids.pop();
            }
            Action::Backspace if f.field == FormField::Owner => f.owner = None,
            Action::Left | Action::Right if f.field == FormField::Category => {
                f.category = cycle(&IdeaCategory::ALL, f.category, action == Action::Right);
            }
            Action::Down if f.lookup_mut().is_some_and(|l| l.down()) => {}
            Action::Up if f.lookup_mut().is_some_and(|l| l.up()) => {}
            Action::NextField | Action::Down => f.field = FormField::ALL[(at + 1) % n],
            Action::PrevField | Action::Up => f.field = FormField::ALL[(at + n - 1) % n],
            Action::Submit => {
                if f.field == FormField::Orgs && !f.orgs.hits.is_empty() {
                    if let Some(id) = f.orgs.take()
                        && !f.org_ids.contains(&id)
                    {
                        f.org_ids.push(id);
                    }
                } else if f.field == FormField::Owner && !f.owner_lookup.hits.is_empty() {
                    if let Some(id) = f.owner_lookup.take() {
                        f.owner = Some(id);
                    }
                } else {
                    return self.save_idea_form(f);
                }
            }
            _ => {}
        }
        if research {
            match f.field {
                FormField::Orgs => f.orgs.search(&self.roster.org_index),
                FormField::Owner => f.owner_lookup.search(&self.roster.index),
                _ => {}
            }
        }
        self.ideas.mode = IdeasMode::Form(Box::new(f));
        Ok(())
    }

    fn save_idea_form(&mut self, mut f: IdeaForm) -> Result<(), StoreError> {
        let now = self.now();
        let title = clean_line(&f.title);
        let due = if f.due.trim().is_empty() {
            Ok(None)
        } else {
            crate::model::dates::parse_due(&f.due, now.local_date())
                .map(Some)
                .ok_or(())
        };
        let problem = if title.is_empty() {
            f.field = FormField::Title;
            Some(i18n::IDEA_TITLE_REQUIRED.get())
        } else if due.is_err() {
            f.field = FormField::Due;
            Some(i18n::DUE_INVALID.get())
        } else if !f.orgs.text.trim().is_empty() {
            f.field = FormField::Orgs;
            Some(i18n::PICK_OR_CLEAR.get())
        } else if !f.owner_lookup.text.trim().is_empty() {
            f.field = FormField::Owner;
            Some(i18n::PICK_OR_CLEAR.get())
        } else {
            None
        };
        if let Some(p) = problem {
            f.error = Some(p.into());
            self.ideas.mode = IdeasMode::Form(Box::new(f));
            return Ok(());
        }
        let mut idea = match self.ideas.idea(f.id) {
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
        match self.save_idea(idea) {
            Ok(id) => {
                self.ideas.mode = IdeasMode::Board;
                self.ideas.select(id, now);
                let text = if created {
                    i18n::idea_created(&title)
                } else {
                    i18n::idea_saved(&title)
                };
                self.say(Tone::Good, text);
                Ok(())
            }
            Err(e) => {
                // Keep what was typed; the error shows in the status line.
                self.ideas.mode = IdeasMode::Form(Box::new(f));
                Err(e)
            }
        }
    }

    fn on_idea_filter(&mut self, mut f: FilterForm, action: Action) {
        let at = FilterField::ALL
            .iter()
            .position(|x| *x == f.field)
            .unwrap_or(0);
        let n = FilterField::ALL.len();
        let text = match f.field {
            FilterField::Org => Some(&mut f.org.text),
            FilterField::Owner => Some(&mut f.owner.text),
            FilterField::Text => Some(&mut f.filter.text),
            FilterField::Category | FilterField::Stale => None,
        };
        // Backspace in an empty lookup takes back the organisation or owner chosen.
        let unchoose = action == Action::Backspace && text.as_ref().is_some_and(|t| t.is_empty());
        let edited = match text {
            Some(t) if !unchoose => super::edit_text(t, &action),
            _ => None,
        };
        let research = self.edited(edited);
        match action {
            _ if edited.is_some() => {}
            Action::Cancel => {
                let open = match f.field {
                    FilterField::Org => &mut f.org,
                    FilterField::Owner => &mut f.owner,
                    _ => {
                        return;
                    }
                };
                if open.hits.is_empty() {
                    return;
                }
                open.hits.clear();
                open.sel = None;
            }
            Action::Input(' ') if f.field == FilterField::Stale => f.filter.stale = !f.filter.stale,
            Action::Backspace => match f.field {
                FilterField::Org => f.filter.org = None,
                FilterField::Owner => f.filter.owner = None,
                FilterField::Category => f.filter.category = None,
                FilterField::Stale => f.filter.stale = false,
                FilterField::Text => {}
            },
            Action::Left | Action::Right if f.field == FilterField::Category => {
                f.filter.category = cycle_category(f.filter.category, action == Action::Right);
            }
            Action::Left | Action::Right if f.field == FilterField::Stale => {
                f.filter.stale = !f.filter.stale;
            }
            Action::Down if f.field == FilterField::Org && f.org.down() => {}
            Action::Down if f.field == FilterField::Owner && f.owner.down() => {}
            Action::Up if f.field == FilterField::Org && f.org.up() => {}
            Action::Up if f.field == FilterField::Owner && f.owner.up() => {}
            Action::NextField | Action::Down => f.field = FilterField::ALL[(at + 1) % n],
            Action::PrevField | Action::Up => f.field = FilterField::ALL[(at + n - 1) % n],
            Action::Submit => {
                if f.field == FilterField::Org && !f.org.hits.is_empty() {
                    f.filter.org = f.org.take();
                } else if f.field == FilterField::Owner && !f.owner.hits.is_empty() {
                    f.filter.owner = f.owner.take();
                } else {
                    let now = self.now();
                    self.ideas.filter = f.filter;
                    self.ideas.row = 0;
                    self.ideas.select_nonempty(now);
                    return;
                }
            }
            _ => {}
        }
        if research {
            match f.field {
                FilterField::Org => f.org.search(&self.roster.org_index),
                FilterField::Owner => f.owner.search(&self.roster.index),
                _ => {}
            }
        }
        self.ideas.mode = IdeasMode::Filter(Box::new(f));
    }
}

impl IdeaForm {
    /// The form as it was opened, to tell whether anything was typed since.
    fn edit_base(f: &IdeaForm, s: &IdeasState) -> IdeaForm {
        let mut base = match s.idea(f.id) {
            Some(i) if f.id != 0 => IdeaForm::edit(i),
            _ => IdeaForm::default(),
        };
        base.field = f.field;
        base.note_ids = f.note_ids.clone();
        base.discard_armed = f.discard_armed;
        base.error = f.error.clone();
        base.orgs.hits = f.orgs.hits.clone();
        base.orgs.sel = f.orgs.sel;
        base.owner_lookup.hits = f.owner_lookup.hits.clone();
        base.owner_lookup.sel = f.owner_lookup.sel;
        base
    }
}
