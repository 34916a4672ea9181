//! Meeting notes of the current networking day: notes, decisions and action items, optionally
//! tied to an agenda item; a multi-line editor whose draft is saved while typing and restored
//! after a crash; open action items carried over from earlier networking days.

pub mod view;

pub mod action_form;

use ratatui::Frame;
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{Input, TextArea, WrapMode};

use crate::i18n;
use crate::model::MinutesFormat as Format;
use crate::model::{AgendaItem, Draft, Id, Note, NoteKind, Owner, Ts, clean_multiline};
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Question, Show, Unit, What};
use crate::screens::{Action, Context, Screen, Tone};
use crate::search::{Composer, is_compat_consonant, is_compat_vowel};
use crate::store::StoreError;
pub use action_form::{ActionField, ActionForm, OwnerPick};

/// A draft is written at least this often while typing (and on every pause, close or quit).
pub const DRAFT_EVERY_MS: i64 = 2_000;

/// Which kinds the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum KindFilter {
    #[default]
    All,
    Note,
    Decision,
    Action,
}

impl KindFilter {
    pub fn next(self) -> KindFilter {
        match self {
            KindFilter::All => KindFilter::Note,
            KindFilter::Note => KindFilter::Decision,
            KindFilter::Decision => KindFilter::Action,
            KindFilter::Action => KindFilter::All,
        }
    }
    pub fn matches(self, k: &NoteKind) -> bool {
        matches!(
            (self, k),
            (KindFilter::All, _)
                | (KindFilter::Note, NoteKind::Note)
                | (KindFilter::Decision, NoteKind::Decision)
                | (KindFilter::Action, NoteKind::Action { .. })
        )
    }
}

/// The three kinds, in the order F2 cycles them.
pub fn next_kind(k: &NoteKind) -> NoteKind {
    match k {
        NoteKind::Note => NoteKind::Decision,
        NoteKind::Decision => NoteKind::Action {
            owner: Owner::Nobody,
            due: None,
            done: false,
        },
        NoteKind::Action { .. } => NoteKind::Note,
    }
}

/// The text being written, with what it will be saved as.
#[derive(Clone, Debug)]
pub struct NoteEditor {
    pub textarea: TextArea<'static>,
    /// The note being edited; `None` writes a new one.
    pub note_id: Option<Id>,
    pub kind: NoteKind,
    pub agenda_id: Option<Id>,
    /// Changed since it was opened (or restored from a draft).
    pub dirty: bool,
    /// Typed since the draft was last written.
    pub draft_pending: bool,
    pub draft_saved: Option<Ts>,
    /// The draft key last written, so a changed key replaces it.
    pub draft_key: Option<String>,
    /// The syllable being composed from jamo, just before the caret (as in every text field).
    ime: Composer,
}

impl NoteEditor {
    fn new(text: &str) -> NoteEditor {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_string).collect()
        };
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            textarea,
            note_id: None,
            kind: NoteKind::Note,
            agenda_id: None,
            dirty: false,
            draft_pending: false,
            draft_saved: None,
            draft_key: None,
            ime: Default::default(),
        }
    }

    /// Puts `now` where `before` (the syllable being composed) stands before the caret.
    fn replace_composing(&mut self, before: &str, now: &str) {
        for _ in before.chars() {
            self.textarea.delete_char();
        }
        self.textarea.insert_str(now);
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The draft key: one draft per event, naming the note, agenda item and kind.
    pub fn key(&self, event: Id) -> String {
        let kind = match self.kind {
            NoteKind::Note => 'n',
            NoteKind::Decision => 'd',
            NoteKind::Action { .. } => 'a',
        };
        format!(
            "{}{}:{}:{kind}",
            draft_prefix(event),
            self.note_id.unwrap_or(0),
            self.agenda_id.unwrap_or(0)
        )
    }
}

/// Drafts of notes for `event` start with this.
pub fn draft_prefix(event: Id) -> String {
    format!("note:{event}:")
}

/// Reads a draft key back: (note id, agenda id, kind).
fn parse_draft_key(key: &str, event: Id) -> Option<(Option<Id>, Option<Id>, NoteKind)> {
    let rest = key.strip_prefix(&draft_prefix(event))?;
    let mut parts = rest.split(':');
    let note: Id = parts.next()?.parse().ok()?;
    let agenda: Id = parts.next()?.parse().ok()?;
    let kind = match parts.next()? {
        "d" => NoteKind::Decision,
        "a" => NoteKind::Action {
            owner: Owner::Nobody,
            due: None,
            done: false,
        },
        _ => NoteKind::Note,
    };
    Some((
        (note != 0).then_some(note),
        (agenda != 0).then_some(agenda),
        kind,
    ))
}

/// What the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum NotesView {
    /// This event's notes, open action items from earlier days on top.
    #[default]
    Event,
    /// Open action items of every networking day.
    OpenActions,
}

#[derive(Clone, Debug, Default)]
pub struct NotesState {
    /// Every note of every event (a few thousand at most), by id.
    pub all: HashMap<Id, Note>,
    /// Event dates, for carry-over and the open-actions list.
    pub dates: HashMap<Id, NaiveDate>,
    pub view: NotesView,
    /// Agenda item filter: `None` shows all.
    pub agenda_filter: Option<Id>,
    pub kind_filter: KindFilter,
    /// Notes shown, in order.
    pub rows: Vec<Id>,
    /// The first `carried` rows are open action items from earlier networking days.
    pub carried: usize,
    pub selected: usize,
    pub editor: Option<NoteEditor>,
    /// The owner and due date of an action item being set.
    pub action_form: Option<Box<crate::screens::ActionForm>>,
    /// The current day's agenda (what notes are tied to).
    pub agenda: Vec<AgendaItem>,
}

impl NotesState {
    pub fn note(&self, id: Id) -> Option<&Note> {
        self.all.get(&id)
    }
    pub fn selected_note(&self) -> Option<&Note> {
        self.rows.get(self.selected).and_then(|id| self.all.get(id))
    }

    /// Recomputes the rows of the list.
    pub fn refresh(&mut self, event: Option<(Id, NaiveDate)>) {
        let mut rows: Vec<&Note> = Vec::new();
        self.carried = 0;
        match self.view {
            NotesView::OpenActions => {
                // Keep rows toggled done in this view visible, so a slip can be toggled back.
                let keep: Vec<Id> = self.rows.clone();
                rows = self
                    .all
                    .values()
                    .filter(|n| n.is_open_action() || keep.contains(&n.id))
                    .filter(|n| matches!(n.kind, NoteKind::Action { .. }))
                    .collect();
                rows.sort_by_key(|n| (due_of(n).unwrap_or(NaiveDate::MAX), n.at, n.id));
            }
            NotesView::Event => {
                let Some((eid, date)) = event else {
                    self.rows.clear();
                    self.selected = 0;
                    return;
                };
                let mut carry: Vec<&Note> = self
                    .all
                    .values()
                    .filter(|n| n.carried_from(eid, date, &self.dates).is_some())
                    .collect();
                carry.sort_by_key(|n| (self.dates.get(&n.event_id).copied(), n.at, n.id));
                if self.agenda_filter.is_none()
                    && matches!(self.kind_filter, KindFilter::All | KindFilter::Action)
                {
                    self.carried = carry.len();
                    rows.extend(carry);
                }
                let mut own: Vec<&Note> = self
                    .all
                    .values()
                    .filter(|n| n.event_id == eid)
                    .filter(|n| self.kind_filter.matches(&n.kind))
                    .filter(|n| self.agenda_filter.is_none() || n.agenda_id == self.agenda_filter)
                    .collect();
                own.sort_by_key(|n| (n.at, n.id));
                rows.extend(own);
            }
        }
        self.rows = rows.into_iter().map(|n| n.id).collect();
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }
}

fn due_of(n: &Note) -> Option<NaiveDate> {
    match &n.kind {
        NoteKind::Action { due, .. } => *due,
        _ => None,
    }
}

impl Unit for NotesState {
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        if let Some(form) = &self.action_form {
            view::draw_action_form(v, form, f, area);
        }
    }

    fn holds_keys(&self) -> bool {
        self.editor.is_some() || self.action_form.is_some()
    }

    fn context(&self) -> Context {
        match (&self.editor, &self.action_form) {
            (_, Some(_)) => Context::Form,
            (Some(_), None) => Context::NoteEditor,
            (None, None) => Context::Notes,
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        if let Some(mut form) = self.action_form.take() {
            let end = self.on_action_form(cx, &mut form, action);
            if matches!(end, Ok(false) | Err(_)) {
                self.action_form = Some(form);
            }
            return end.map(|done| match done {
                true => Effect::keep().changed(What::NOTES),
                false => Effect::keep(),
            });
        }
        if self.editor.is_some() {
            return self.on_editor(cx, action);
        }
        if let Some(k) = crate::screens::list_key(&action) {
            self.selected = crate::widgets::list::step(self.selected, k, self.rows.len());
            return Ok(Effect::keep());
        }
        let key = event_key(cx);
        match action {
            Action::AddItem => self.open_editor(cx, None),
            Action::Submit | Action::Edit => {
                if let Some(id) = self.selected_note().map(|n| n.id) {
                    self.open_editor(cx, Some(id));
                }
            }
            Action::Delete => {
                if let Some(n) = self.selected_note() {
                    let first = n.text.lines().next().unwrap_or("");
                    return Ok(Effect::ask(Ask::new(
                        Asker::Screen(Screen::Notes),
                        Question::DeleteNote(n.id),
                        i18n::DELETE_TITLE.get(),
                        i18n::confirm_delete(&crate::model::text::truncate(first, 30)),
                    )));
                }
            }
            Action::CycleKindFilter => {
                self.kind_filter = self.kind_filter.next();
                self.selected = 0;
                self.refresh(key);
            }
            Action::CycleAgendaFilter => {
                self.agenda_filter = next_item(&self.agenda, self.agenda_filter);
                self.selected = 0;
                self.refresh(key);
            }
            Action::OpenActions => {
                self.view = match self.view {
                    NotesView::Event => NotesView::OpenActions,
                    NotesView::OpenActions => NotesView::Event,
                };
                self.rows.clear();
                self.selected = 0;
                self.refresh(key);
            }
            Action::ToggleDone => return self.toggle_done(cx),
            Action::OwnerDue => {
                if let Some(id) = self.selected_note().map(|n| n.id) {
                    self.open_action_form(cx, id);
                }
            }
            Action::ExportMinutes => return Ok(export_minutes(cx, Format::Markdown)),
            Action::ExportMinutesText => return Ok(export_minutes(cx, Format::Text)),
            Action::ExportPack => return Ok(export_pack(cx)),
            Action::IdeaFromNote => {
                if let Some(id) = self.selected_note().map(|n| n.id) {
                    return Ok(Effect::keep().go(Screen::Ideas, Some(Action::IdeaFrom(id))));
                }
            }
            _ => {}
        }
        Ok(Effect::keep())
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        match (q, a) {
            (Question::DeleteNote(id), Answer::Yes) => {
                if let Some(n) = self.all.get(&id).cloned() {
                    cx.data.delete_note(&n)?;
                    self.all.remove(&id);
                    self.refresh(event_key(cx));
                    cx.say(Tone::Info, i18n::NOTE_DELETED.get());
                    return Ok(Effect::close().changed(What::NOTES));
                }
            }
            (Question::CloseNote, Answer::Yes) => {
                if let Some(ed) = self.editor.as_mut() {
                    ed.draft_pending = true;
                }
                self.flush_draft(cx)?;
                self.editor = None;
                cx.say(Tone::Info, i18n::DRAFT_KEPT.get());
            }
            (Question::CloseNote, Answer::Discard) => {
                if let Some(k) = self.editor.as_ref().and_then(|ed| ed.draft_key.clone()) {
                    cx.data.delete_draft(&k)?;
                }
                self.editor = None;
                cx.say(Tone::Info, i18n::DRAFT_DISCARDED.get());
            }
            _ => {}
        }
        Ok(Effect::close())
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if what.has(What::DAY) {
            self.agenda_filter = None;
            self.selected = 0;
        }
        if what.has(What::AGENDA | What::DAY | What::EVENTS) {
            self.agenda = match cx.event {
                Some(e) => cx.data.agenda_of_event(e.id)?,
                None => Vec::new(),
            };
        }
        if what.has(What::NOTES | What::AGENDA | What::DAY | What::EVENTS | What::PEOPLE) {
            self.load(cx)?;
        }
        Ok(())
    }

    /// The screen comes up: a draft left behind (after a crash or a close without saving) is
    /// put back into the editor.
    fn on_enter(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        if self.editor.is_none() {
            self.restore_draft(cx)?;
        }
        Ok(())
    }

    fn flush(&mut self, cx: &mut Cx) -> Result<bool, StoreError> {
        let pending = self.editor.as_ref().is_some_and(|ed| ed.draft_pending);
        self.flush_draft(cx)?;
        Ok(pending)
    }
}

/// The agenda item after `cur` (the first after none; none after the last), as F3 and `a` cycle
/// through them.
fn next_item(agenda: &[AgendaItem], cur: Option<Id>) -> Option<Id> {
    match cur {
        None => agenda.first().map(|i| i.id),
        Some(cur) => agenda
            .iter()
            .position(|i| i.id == cur)
            .and_then(|p| agenda.get(p + 1))
            .map(|i| i.id),
    }
}

fn event_key(cx: &Cx) -> Option<(Id, NaiveDate)> {
    cx.event.map(|e| (e.id, e.date))
}

impl NotesState {
    /// Reads all notes again and rebuilds the list.
    fn load(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        self.all = cx.data.notes()?.into_iter().map(|n| (n.id, n)).collect();
        self.dates = cx.events.iter().map(|e| (e.id, e.date)).collect();
        if self
            .agenda_filter
            .is_some_and(|a| !self.agenda.iter().any(|i| i.id == a))
        {
            self.agenda_filter = None;
        }
        self.refresh(event_key(cx));
        Ok(())
    }

    /// Opens the editor on the draft left for this event, if any. Returns whether one was found.
    pub fn restore_draft(&mut self, cx: &mut Cx) -> Result<bool, StoreError> {
        let Some(eid) = cx.event_id() else {
            return Ok(false);
        };
        let prefix = draft_prefix(eid);
        let mut drafts: Vec<Draft> = cx
            .data
            .drafts()?
            .into_iter()
            .filter(|d| d.key.starts_with(&prefix))
            .collect();
        drafts.sort_by_key(|d| d.saved);
        let Some(d) = drafts.pop() else {
            return Ok(false);
        };
        let Some((note_id, agenda_id, kind)) = parse_draft_key(&d.key, eid) else {
            return Ok(false);
        };
        let mut ed = NoteEditor::new(&d.text);
        ed.note_id = note_id.filter(|id| self.all.contains_key(id));
        ed.kind = match (ed.note_id.and_then(|id| self.all.get(&id)), kind) {
            // Keep owner and due of an action item being edited.
            (Some(n), NoteKind::Action { .. }) if matches!(n.kind, NoteKind::Action { .. }) => {
                n.kind.clone()
            }
            (_, k) => k,
        };
        ed.agenda_id = agenda_id.filter(|a| self.agenda.iter().any(|i| i.id == *a));
        ed.dirty = true;
        ed.draft_key = Some(d.key.clone());
        ed.draft_saved = Some(d.saved);
        self.editor = Some(ed);
        cx.say(Tone::Info, i18n::draft_restored(&d.saved.hhmm()));
        Ok(true)
    }

    /// Writes the editor's draft now, if anything was typed since the last write.
    pub fn flush_draft(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let Some(eid) = cx.event_id() else {
            return Ok(());
        };
        let now = cx.now;
        let Some(ed) = self.editor.as_mut() else {
            return Ok(());
        };
        if !ed.draft_pending {
            return Ok(());
        }
        let key = ed.key(eid);
        let d = Draft {
            key: key.clone(),
            text: ed.text(),
            saved: now,
        };
        cx.data.save_draft(&d)?;
        if let Some(old) = ed.draft_key.take()
            && old != key
        {
            cx.data.delete_draft(&old)?;
        }
        ed.draft_key = Some(key);
        ed.draft_saved = Some(now);
        ed.draft_pending = false;
        Ok(())
    }

    /// After a keystroke: the draft is written if the last write is old enough.
    fn draft_after_edit(&mut self, cx: &mut Cx) -> Result<(), StoreError> {
        let now = cx.now;
        let due = self.editor.as_ref().is_some_and(|ed| {
            ed.draft_saved
                .is_none_or(|t| now.0 - t.0 >= DRAFT_EVERY_MS || now.0 < t.0)
        });
        if due {
            self.flush_draft(cx)?;
        }
        Ok(())
    }

    fn open_editor(&mut self, cx: &mut Cx, note: Option<Id>) {
        if cx.need_event().is_none() {
            return;
        }
        let ed = match note.and_then(|id| self.all.get(&id)) {
            Some(n) => {
                let mut ed = NoteEditor::new(&n.text);
                ed.note_id = Some(n.id);
                ed.kind = n.kind.clone();
                ed.agenda_id = n.agenda_id;
                ed
            }
            None => {
                let mut ed = NoteEditor::new("");
                // A new note belongs to the filtered item, else to the item running now.
                ed.agenda_id = self.agenda_filter.or_else(|| {
                    crate::model::dates::running(&self.agenda, cx.event, cx.now)
                        .and_then(|(i, _)| self.agenda.get(i))
                        .map(|i| i.id)
                });
                if self.kind_filter == KindFilter::Decision {
                    ed.kind = NoteKind::Decision;
                } else if self.kind_filter == KindFilter::Action {
                    ed.kind = next_kind(&NoteKind::Decision);
                }
                ed
            }
        };
        self.editor = Some(ed);
    }

    fn on_editor(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let Some(ed) = self.editor.as_mut() else {
            return Ok(Effect::keep());
        };
        let mut edited = false;
        match action {
            Action::Input(c) if is_compat_consonant(c) || is_compat_vowel(c) => {
                let before = ed.ime.composing();
                let now = ed.ime.push(c) + &ed.ime.composing();
                ed.replace_composing(&before, &now);
                edited = true;
            }
            Action::Backspace if !ed.ime.is_empty() => {
                // Inside a syllable being composed, Backspace takes back its last jamo (닭 → 달).
                let before = ed.ime.composing();
                ed.ime.pop();
                let now = ed.ime.composing();
                ed.replace_composing(&before, &now);
                edited = true;
            }
            Action::Input(c) if c == '\n' || !c.is_control() => {
                ed.ime = Default::default();
                if c == '\n' {
                    ed.textarea.insert_newline();
                } else {
                    ed.textarea.insert_char(c);
                }
                edited = true;
            }
            Action::Paste(s) => {
                ed.ime = Default::default();
                let s = clean_multiline(&s.replace("\r\n", "\n").replace('\r', "\n"));
                edited = ed.textarea.insert_str(s);
            }
            Action::Backspace => edited = ed.textarea.delete_char(),
            // Ctrl-U clears back to the start of the line, as in every other field (the
            // textarea's own Ctrl-U is undo).
            Action::EditKey(k)
                if k.code == KeyCode::Char('u') && k.modifiers == KeyModifiers::CONTROL =>
            {
                ed.ime = Default::default();
                edited = ed.textarea.delete_line_by_head();
            }
            Action::EditKey(k) => {
                ed.ime = Default::default();
                edited = ed.textarea.input(to_input(k));
            }
            Action::CycleKind => {
                ed.kind = next_kind(&ed.kind);
                edited = true;
            }
            Action::CycleAgendaFilter => {
                ed.agenda_id = next_item(&self.agenda, ed.agenda_id);
                edited = true;
            }
            Action::Save => return self.save_note(cx),
            Action::Cancel => {
                if ed.dirty {
                    let mut ask = Ask::new(
                        Asker::Screen(Screen::Notes),
                        Question::CloseNote,
                        i18n::UNSAVED_NOTE_TITLE.get(),
                        i18n::CONFIRM_CLOSE_EDITOR.get(),
                    );
                    ask.discard = true;
                    return Ok(Effect::ask(ask));
                }
                let key = ed.draft_key.clone();
                self.editor = None;
                if let Some(k) = key {
                    cx.data.delete_draft(&k)?;
                }
                return Ok(Effect::keep());
            }
            _ => {}
        }
        if edited {
            ed.dirty = true;
            ed.draft_pending = true;
            self.draft_after_edit(cx)?;
        }
        Ok(Effect::keep())
    }

    /// Saves the editor's note (durably), then drops its draft.
    pub fn save_note(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let Some(eid) = cx.event_id() else {
            return Ok(Effect::keep());
        };
        let Some(ed) = self.editor.as_ref() else {
            return Ok(Effect::keep());
        };
        let text = clean_multiline(ed.text().trim_end());
        if text.trim().is_empty() {
            cx.say(Tone::Warn, i18n::NOTE_EMPTY.get());
            return Ok(Effect::keep());
        }
        let mut note = match ed.note_id.and_then(|id| self.all.get(&id)) {
            Some(n) => n.clone(),
            None => Note {
                id: 0,
                event_id: eid,
                agenda_id: None,
                at: cx.now,
                author: cx.author.to_string(),
                text: String::new(),
                kind: NoteKind::Note,
            },
        };
        note.text = text;
        note.agenda_id = ed.agenda_id;
        note.kind = match (&note.kind, &ed.kind) {
            (NoteKind::Action { .. }, NoteKind::Action { .. }) if ed.note_id.is_some() => {
                note.kind.clone()
            }
            (_, k) => k.clone(),
        };
        let draft_key = ed.draft_key.clone();
        let current_key = ed.key(eid);
        cx.data.save_note(&mut note)?;
        for k in draft_key.into_iter().chain(Some(current_key)) {
            cx.data.delete_draft(&k)?;
        }
        self.editor = None;
        let id = note.id;
        let needs_owner = matches!(
            note.kind,
            NoteKind::Action {
                owner: Owner::Nobody,
                ..
            }
        );
        self.all.insert(id, note);
        self.refresh(event_key(cx));
        if let Some(i) = self.rows.iter().position(|r| *r == id) {
            self.selected = i;
        }
        cx.say(Tone::Good, i18n::NOTE_SAVED.get());
        if needs_owner {
            self.open_action_form(cx, id);
        }
        Ok(Effect::keep().changed(What::NOTES))
    }

    fn toggle_done(&mut self, cx: &mut Cx) -> Result<Effect, StoreError> {
        let Some(mut n) = self.selected_note().cloned() else {
            return Ok(Effect::keep());
        };
        let NoteKind::Action { done, .. } = &mut n.kind else {
            cx.say(Tone::Warn, i18n::NOT_AN_ACTION.get());
            return Ok(Effect::keep());
        };
        *done = !*done;
        let now_done = *done;
        cx.data.save_note(&mut n)?;
        let label = n.text.lines().next().unwrap_or("").to_string();
        self.all.insert(n.id, n);
        // In the event view a finished carry-over leaves the list; in the open-actions view it
        // stays (rows are kept) so it can be toggled back.
        if self.view == NotesView::Event {
            self.refresh(event_key(cx));
        }
        cx.say(Tone::Good, i18n::action_toggled(&label, now_done));
        Ok(Effect::keep().changed(What::NOTES))
    }
}

/// Where the TUI proposes to write the current day's minutes (in `format`).
pub fn minutes_path(cx: &Cx, format: Format) -> Option<PathBuf> {
    let e = cx.event?;
    let name = i18n::minutes_file_name(&e.date.format("%Y-%m-%d").to_string());
    Some(crate::screens::replace::export_path(cx, &name)?.with_extension(format.extension()))
}

/// Asks where to write the minutes, with the file name proposed (Enter writes it there).
fn export_minutes(cx: &mut Cx, format: Format) -> Effect {
    if cx.need_event().is_none() {
        return Effect::keep();
    }
    let Some(path) = minutes_path(cx, format) else {
        cx.say(Tone::Error, i18n::NO_HOME.get());
        return Effect::keep();
    };
    let shown = path.display().to_string();
    Effect::open(crate::screens::ExportDialog::modal(
        &shown,
        crate::screens::Writing::Minutes(format),
    ))
}

/// Asks where the day's evidence pack goes: a folder named by the date in the export folder
/// (Tab: one .zip instead).
fn export_pack(cx: &mut Cx) -> Effect {
    let Some(e) = cx.need_event() else {
        return Effect::keep();
    };
    let name = i18n::pack_name(&e.date.format("%Y-%m-%d").to_string());
    let Some(path) = crate::screens::replace::export_path(cx, &name) else {
        cx.say(Tone::Error, i18n::NO_HOME.get());
        return Effect::keep();
    };
    Effect::open(crate::screens::ExportDialog::modal(
        &path.display().to_string(),
        crate::screens::Writing::Pack,
    ))
}

/// The current networking day's minutes as a file of `format` holds them; the words say why a
/// PDF or .docx could not be made.
pub(crate) fn minutes_bytes(
    cx: &Cx,
    format: Format,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Result<Vec<u8>, String>, StoreError> {
    let Some(e) = cx.event else {
        return Ok(Ok(Vec::new()));
    };
    let data = cx.data.minutes(e)?;
    let o = crate::io::minutes::ReportOptions {
        author: cx.author.to_string(),
        contacts: false,
    };
    Ok(
        crate::io::minutes::write(&data, format, &o, i18n::lang(), progress)
            .map_err(|e| i18n::pick(e.ko(), e.en())),
    )
}

fn to_input(k: KeyEvent) -> Input {
    Input::from(k)
}
