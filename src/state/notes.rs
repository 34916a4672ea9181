//! Meeting notes of the current networking day: notes, decisions and action items, optionally
//! tied to an agenda item; a multi-line editor whose draft is saved while typing and restored
//! after a crash; open action items carried over from earlier networking days.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{Input, TextArea, WrapMode};

pub use super::action_form::{ActionField, OwnerPick};
use super::{Action, App, Effect, Modal, Tone};
use crate::i18n;
use crate::model::MinutesFormat as Format;
use crate::model::{Draft, Id, Note, NoteKind, Owner, Ts, clean_multiline};
use crate::store::StoreError;

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
    /// Esc was pressed with unsaved text: waiting for the choice.
    pub confirm_close: bool,
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
            confirm_close: false,
        }
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
    /// Something changed elsewhere (agenda, event): reload before showing.
    pub dirty: bool,
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
                    .filter(|n| {
                        n.is_open_action()
                            && n.event_id != eid
                            && self.dates.get(&n.event_id).is_some_and(|d| *d < date)
                    })
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

impl App {
    fn event_key(&self) -> Option<(Id, NaiveDate)> {
        self.event.as_ref().map(|e| (e.id, e.date))
    }

    /// Reads all notes again and rebuilds the list.
    pub(super) fn load_notes(&mut self) -> Result<(), StoreError> {
        self.notes.all = self.data.notes()?.into_iter().map(|n| (n.id, n)).collect();
        self.notes.dates = self.events.iter().map(|e| (e.id, e.date)).collect();
        if self
            .notes
            .agenda_filter
            .is_some_and(|a| !self.agenda.items.iter().any(|i| i.id == a))
        {
            self.notes.agenda_filter = None;
        }
        self.notes.dirty = false;
        let key = self.event_key();
        self.notes.refresh(key);
        Ok(())
    }

    /// Called when the Notes screen comes up: fresh data, and a draft left behind (after a crash
    /// or a close without saving) is put back into the editor.
    pub(super) fn enter_notes(&mut self) -> Result<(), StoreError> {
        self.load_notes()?;
        if self.notes.editor.is_none() {
            self.restore_draft()?;
        }
        Ok(())
    }

    /// Opens the editor on the draft left for this event, if any. Returns whether one was found.
    pub fn restore_draft(&mut self) -> Result<bool, StoreError> {
        let Some(eid) = self.event.as_ref().map(|e| e.id) else {
            return Ok(false);
        };
        let prefix = draft_prefix(eid);
        let mut drafts: Vec<Draft> = self
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
        ed.note_id = note_id.filter(|id| self.notes.all.contains_key(id));
        ed.kind = match (ed.note_id.and_then(|id| self.notes.all.get(&id)), kind) {
            // Keep owner and due of an action item being edited.
            (Some(n), NoteKind::Action { .. }) if matches!(n.kind, NoteKind::Action { .. }) => {
                n.kind.clone()
            }
            (_, k) => k,
        };
        ed.agenda_id = agenda_id.filter(|a| self.agenda.items.iter().any(|i| i.id == *a));
        ed.dirty = true;
        ed.draft_key = Some(d.key.clone());
        ed.draft_saved = Some(d.saved);
        self.notes.editor = Some(ed);
        self.say(Tone::Info, i18n::draft_restored(&d.saved.hhmm()));
        Ok(true)
    }

    /// Writes the editor's draft now, if anything was typed since the last write.
    pub fn flush_draft(&mut self) -> Result<(), StoreError> {
        let Some(eid) = self.event.as_ref().map(|e| e.id) else {
            return Ok(());
        };
        let now = self.now();
        let Some(ed) = self.notes.editor.as_mut() else {
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
        self.data.save_draft(&d)?;
        if let Some(old) = ed.draft_key.take()
            && old != key
        {
            self.data.delete_draft(&old)?;
        }
        ed.draft_key = Some(key);
        ed.draft_saved = Some(now);
        ed.draft_pending = false;
        Ok(())
    }

    /// After a keystroke: the draft is written if the last write is old enough.
    fn draft_after_edit(&mut self) -> Result<(), StoreError> {
        let now = self.now();
        let due = self.notes.editor.as_ref().is_some_and(|ed| {
            ed.draft_saved
                .is_none_or(|t| now.0 - t.0 >= DRAFT_EVERY_MS || now.0 < t.0)
        });
        if due {
            self.flush_draft()?;
        }
        Ok(())
    }

    fn open_editor(&mut self, note: Option<Id>) {
        if self.event.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return;
        }
        let ed = match note.and_then(|id| self.notes.all.get(&id)) {
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
                ed.agenda_id = self.notes.agenda_filter.or_else(|| {
                    self.agenda_now()
                        .and_then(|(i, _)| self.agenda.items.get(i))
                        .map(|i| i.id)
                });
                if self.notes.kind_filter == KindFilter::Decision {
                    ed.kind = NoteKind::Decision;
                } else if self.notes.kind_filter == KindFilter::Action {
                    ed.kind = next_kind(&NoteKind::Decision);
                }
                ed
            }
        };
        self.notes.editor = Some(ed);
    }

    pub(super) fn on_notes(&mut self, action: Action) -> Result<(), StoreError> {
        if self.notes.dirty {
            self.load_notes()?;
        }
        if self.notes.editor.is_some() {
            return self.on_editor(action);
        }
        if let Some(k) = super::list_key(&action) {
            let n = &mut self.notes;
            n.selected = crate::widgets::list::step(n.selected, k, n.rows.len());
            return Ok(());
        }
        let key = self.event_key();
        match action {
            Action::AddItem => self.open_editor(None),
            Action::Submit | Action::Edit => {
                if let Some(id) = self.notes.selected_note().map(|n| n.id) {
                    self.open_editor(Some(id));
                }
            }
            Action::Delete => {
                if let Some(id) = self.notes.selected_note().map(|n| n.id) {
                    self.open(Modal::ConfirmDeleteNote { id });
                }
            }
            Action::CycleKindFilter => {
                self.notes.kind_filter = self.notes.kind_filter.next();
                self.notes.selected = 0;
                self.notes.refresh(key);
            }
            Action::CycleAgendaFilter => {
                let ids: Vec<Id> = self.agenda.items.iter().map(|i| i.id).collect();
                self.notes.agenda_filter = match self.notes.agenda_filter {
                    None => ids.first().copied(),
                    Some(cur) => ids
                        .iter()
                        .position(|i| *i == cur)
                        .and_then(|p| ids.get(p + 1))
                        .copied(),
                };
                self.notes.selected = 0;
                self.notes.refresh(key);
            }
            Action::OpenActions => {
                self.notes.view = match self.notes.view {
                    NotesView::Event => NotesView::OpenActions,
                    NotesView::OpenActions => NotesView::Event,
                };
                self.notes.rows.clear();
                self.notes.selected = 0;
                self.notes.refresh(key);
            }
            Action::ToggleDone => return self.toggle_done(),
            Action::OwnerDue => {
                if let Some(id) = self.notes.selected_note().map(|n| n.id) {
                    self.open_action_form(id);
                }
            }
            Action::ExportMinutes => return self.export_minutes_file(Format::Markdown),
            Action::ExportMinutesText => return self.export_minutes_file(Format::Text),
            Action::IdeaFromNote => {
                if let Some(note) = self.notes.selected_note().cloned() {
                    self.start_idea_from_note(&note);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn on_editor(&mut self, action: Action) -> Result<(), StoreError> {
        let Some(ed) = self.notes.editor.as_mut() else {
            return Ok(());
        };
        if ed.confirm_close {
            let action = match action {
                Action::EditKey(k) if k.code == ratatui::crossterm::event::KeyCode::Enter => {
                    Action::Submit
                }
                other => other,
            };
            match action {
                _ if super::confirm_answer(&action) == Some(true) => {
                    ed.draft_pending = true;
                    self.flush_draft()?;
                    self.notes.editor = None;
                    self.say(Tone::Info, i18n::DRAFT_KEPT.get());
                }
                Action::Input('d') | Action::Input('D') => {
                    if let Some(k) = ed.draft_key.clone() {
                        self.data.delete_draft(&k)?;
                    }
                    self.notes.editor = None;
                    self.say(Tone::Info, i18n::DRAFT_DISCARDED.get());
                }
                _ if super::confirm_answer(&action) == Some(false) => {
                    ed.confirm_close = false;
                }
                _ => {}
            }
            return Ok(());
        }
        let mut edited = false;
        match action {
            Action::Input(c) if c == '\n' || !c.is_control() => {
                if c == '\n' {
                    ed.textarea.insert_newline();
                } else {
                    ed.textarea.insert_char(c);
                }
                edited = true;
            }
            Action::Paste(s) => {
                let s = clean_multiline(&s.replace("\r\n", "\n").replace('\r', "\n"));
                edited = ed.textarea.insert_str(s);
            }
            Action::Backspace => edited = ed.textarea.delete_char(),
            Action::EditKey(k) => edited = ed.textarea.input(to_input(k)),
            Action::CycleKind => {
                ed.kind = next_kind(&ed.kind);
                edited = true;
            }
            Action::CycleAgendaFilter => {
                let ids: Vec<Id> = self.agenda.items.iter().map(|i| i.id).collect();
                ed.agenda_id = match ed.agenda_id {
                    None => ids.first().copied(),
                    Some(cur) => ids
                        .iter()
                        .position(|i| *i == cur)
                        .and_then(|p| ids.get(p + 1))
                        .copied(),
                };
                edited = true;
            }
            Action::Save => return self.save_note(),
            Action::Cancel => {
                if ed.dirty {
                    ed.confirm_close = true;
                    return Ok(());
                }
                let key = ed.draft_key.clone();
                self.notes.editor = None;
                if let Some(k) = key {
                    self.data.delete_draft(&k)?;
                }
                return Ok(());
            }
            _ => {}
        }
        if edited {
            ed.dirty = true;
            ed.draft_pending = true;
            self.draft_after_edit()?;
        }
        Ok(())
    }

    /// Saves the editor's note (durably), then drops its draft.
    pub fn save_note(&mut self) -> Result<(), StoreError> {
        let Some(eid) = self.event.as_ref().map(|e| e.id) else {
            return Ok(());
        };
        let Some(ed) = self.notes.editor.as_ref() else {
            return Ok(());
        };
        let text = clean_multiline(ed.text().trim_end());
        if text.trim().is_empty() {
            self.say(Tone::Warn, i18n::NOTE_EMPTY.get());
            return Ok(());
        }
        let mut note = match ed.note_id.and_then(|id| self.notes.all.get(&id)) {
            Some(n) => n.clone(),
            None => Note {
                id: 0,
                event_id: eid,
                agenda_id: None,
                at: self.now(),
                author: self.author.clone(),
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
        self.data.save_note(&mut note)?;
        for k in draft_key.into_iter().chain(Some(current_key)) {
            self.data.delete_draft(&k)?;
        }
        self.notes.editor = None;
        let id = note.id;
        let needs_owner = matches!(
            note.kind,
            NoteKind::Action {
                owner: Owner::Nobody,
                ..
            }
        );
        self.notes.all.insert(id, note);
        self.notes.refresh(self.event_key());
        if let Some(i) = self.notes.rows.iter().position(|r| *r == id) {
            self.notes.selected = i;
        }
        self.say(Tone::Good, i18n::NOTE_SAVED.get());
        if needs_owner {
            self.open_action_form(id);
        }
        Ok(())
    }

    pub(super) fn on_confirm_delete_note(
        &mut self,
        id: Id,
        action: Action,
    ) -> Result<Effect, StoreError> {
        match super::confirm_answer(&action) {
            Some(true) => {
                if let Some(n) = self.notes.all.get(&id).cloned() {
                    self.data.delete_note(&n)?;
                    self.notes.all.remove(&id);
                    self.notes.refresh(self.event_key());
                    self.say(Tone::Info, i18n::NOTE_DELETED.get());
                }
                Ok(Effect::Close)
            }
            Some(false) => Ok(Effect::Close),
            None => Ok(Effect::Keep),
        }
    }

    fn toggle_done(&mut self) -> Result<(), StoreError> {
        let Some(mut n) = self.notes.selected_note().cloned() else {
            return Ok(());
        };
        let NoteKind::Action { done, .. } = &mut n.kind else {
            self.say(Tone::Warn, i18n::NOT_AN_ACTION.get());
            return Ok(());
        };
        *done = !*done;
        let now_done = *done;
        self.data.save_note(&mut n)?;
        let label = n.text.lines().next().unwrap_or("").to_string();
        self.notes.all.insert(n.id, n);
        // In the event view a finished carry-over leaves the list; in the open-actions view it
        // stays (rows are kept) so it can be toggled back.
        if self.notes.view == NotesView::Event {
            self.notes.refresh(self.event_key());
        }
        self.say(Tone::Good, i18n::action_toggled(&label, now_done));
        Ok(())
    }

    /// Where the TUI proposes to write the minutes (in `format`): `export_path`.
    pub fn minutes_path(&self, format: Format) -> Option<PathBuf> {
        let e = self.event.as_ref()?;
        let name = i18n::minutes_file_name(&e.date.format("%Y-%m-%d").to_string());
        Some(self.export_path(&name)?.with_extension(format.extension()))
    }

    /// `name` in the directory the app writes files to: `export_dir`, else the user's
    /// Documents, else the current directory.
    pub(super) fn export_path(&self, name: &str) -> Option<PathBuf> {
        let dir = self.export_dir.clone().or_else(crate::files::default_dir)?;
        Some(dir.join(name))
    }

    fn export_minutes_file(&mut self, format: Format) -> Result<(), StoreError> {
        if self.event.is_none() {
            self.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            return Ok(());
        }
        let Some(path) = self.minutes_path(format) else {
            self.say(Tone::Error, i18n::NO_HOME.get());
            return Ok(());
        };
        // Asks where, with the file name proposed (Enter writes it there).
        let shown = path.display().to_string();
        self.open(super::ExportDialog::modal(
            &shown,
            super::Writing::Minutes(format),
        ));
        Ok(())
    }

    /// The current networking day's minutes as a file holds them, and their line count.
    pub(super) fn minutes_bytes(&self, format: Format) -> Result<(Vec<u8>, usize), StoreError> {
        let Some(e) = &self.event else {
            return Ok((Vec::new(), 0));
        };
        let data = self.data.minutes(e)?;
        let text = crate::io::minutes::render_as(&data, format, i18n::lang());
        let lines = text.lines().count();
        Ok((text.into_bytes(), lines))
    }
}

fn to_input(k: KeyEvent) -> Input {
    Input::from(k)
}
