//! The check-in desk: type to find, Enter to check in, one key to undo or register a walk-in.

pub mod view;

pub mod missing;

use crate::data::CheckIn;
use crate::i18n;
use crate::model::{Id, TextField as FieldKind};
use crate::screens::checkin::missing::MissingList;
use crate::screens::people::form::FormEnd;
use crate::screens::unit::{Answer, Ask, Asker, Cx, Effect, Question, Show, Unit, What};
use crate::screens::{Action, Context, PersonForm, Roster, Screen, Tone};
use crate::search::{Hit, Tier};
use crate::store::StoreError;
use crate::widgets::TextField;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Most search results kept for the list; nobody scrolls further at a door.
pub const MAX_ROWS: usize = 1000;

#[derive(Clone, Debug)]
pub struct CheckinState {
    pub query: TextField,
    /// People shown, best first.
    pub rows: Vec<Id>,
    /// How many matched in all (rows may be cut at MAX_ROWS).
    pub total: usize,
    pub selected: usize,
    /// The highlight was moved by hand (↑↓) since the list was last rebuilt: with an empty
    /// box, only then does Enter check the highlighted person in.
    pub picked: bool,
    pub show_contacts: bool,
    /// This session's check-ins, newest last, with what each replaced.
    pub undo: Vec<(Id, u64)>,
    /// The query found its person by badge code.
    pub code_hit: bool,
    /// The walk-in form or the 미도착 list, open over the desk.
    pub dialog: Option<CheckinDialog>,
    hits: Vec<Hit>,
}

impl Default for CheckinState {
    fn default() -> Self {
        CheckinState {
            query: TextField::new(FieldKind::Search),
            rows: Vec::new(),
            total: 0,
            selected: 0,
            picked: false,
            show_contacts: false,
            undo: Vec::new(),
            code_hit: false,
            dialog: None,
            hits: Vec::new(),
        }
    }
}

impl CheckinState {
    /// Recomputes the rows for the current query.
    pub fn refresh(&mut self, roster: &Roster) {
        self.selected = 0;
        self.picked = false;
        self.code_hit = false;
        if self.query.trim().is_empty() {
            // No query: the people registered for this event, still-expected first.
            let mut rows: Vec<(&str, bool, i64, Id)> = roster
                .attendance
                .values()
                .filter_map(|a| {
                    let p = roster.person(a.person_id)?;
                    let arrived = a.status.arrived_at();
                    Some((
                        p.name.as_str(),
                        arrived.is_some(),
                        -arrived.map_or(0, |t| t.0),
                        p.id,
                    ))
                })
                .collect();
            rows.sort_by(|a, b| (a.1, a.2, a.0, a.3).cmp(&(b.1, b.2, b.0, b.3)));
            self.rows = rows.into_iter().map(|r| r.3).collect();
            self.total = self.rows.len();
            return;
        }
        // At equal match quality, who is still expected comes before who has arrived.
        let arrived = roster
            .attendance
            .values()
            .filter(|a| a.status.is_arrived())
            .map(|a| a.person_id);
        self.total = roster
            .index
            .search_top_ranked(&self.query, MAX_ROWS, arrived, &mut self.hits);
        self.code_hit = self.hits.first().is_some_and(|h| h.tier == Tier::Code);
        self.rows.clear();
        self.rows.extend(self.hits.iter().map(|h| h.id));
    }

    pub fn selected_person(&self) -> Option<Id> {
        self.rows.get(self.selected).copied()
    }
}

/// What opens over the desk.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckinDialog {
    /// A walk-in being registered.
    WalkIn(Box<PersonForm>),
    /// 미도착: who is expected and has not come.
    Missing(Box<MissingList>),
}

impl Unit for CheckinState {
    fn draw(&self, f: &mut Frame, area: Rect, body: Rect, v: &Show) {
        view::draw(self, v, f, body);
        match &self.dialog {
            Some(CheckinDialog::WalkIn(form)) => {
                crate::screens::people::dialogs::draw_person_form(v, form, f, area)
            }
            Some(CheckinDialog::Missing(m)) => view::draw_missing(self, v, m, f, area),
            None => {}
        }
    }

    fn holds_keys(&self) -> bool {
        self.dialog.is_some()
    }

    fn context(&self) -> Context {
        match &self.dialog {
            None => Context::Checkin,
            Some(CheckinDialog::WalkIn(_)) => Context::Form,
            Some(CheckinDialog::Missing(_)) => Context::Missing,
        }
    }

    fn update(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        match self.dialog.take() {
            None => self.on_desk(cx, action),
            Some(CheckinDialog::WalkIn(mut f)) => {
                let end = f.update(cx, action, false);
                match end {
                    Ok(FormEnd::Open) | Err(_) => {
                        self.dialog = Some(CheckinDialog::WalkIn(f));
                    }
                    Ok(FormEnd::Existing(id)) => {
                        // The answer they gave at the walk-in form is theirs all the same.
                        if f.consent != crate::model::ConsentState::NotAsked {
                            let c = crate::model::Consent::new(
                                f.consent,
                                cx.now,
                                crate::model::ConsentHow::WalkIn,
                            );
                            cx.data.record_consent(id, &c)?;
                        }
                        self.check_in(cx, id)?
                    }
                    Ok(FormEnd::WalkedIn(id)) => {
                        if let Some(order) = last_change(cx)? {
                            self.undo.push((id, order));
                        }
                        self.query.clear();
                        self.refresh(&cx.data.roster);
                    }
                    Ok(FormEnd::Closed | FormEnd::Saved(_)) => {}
                }
                end.map(|_| Effect::keep())
            }
            Some(CheckinDialog::Missing(mut m)) => {
                let open = self.on_missing(cx, &mut m, action);
                if matches!(open, Ok(true) | Err(_)) {
                    self.dialog = Some(CheckinDialog::Missing(m));
                }
                open.map(|_| Effect::keep())
            }
        }
    }

    fn answer(&mut self, cx: &mut Cx, q: Question, a: Answer) -> Result<Effect, StoreError> {
        let (Question::UndoCheckIn(person), Answer::Yes) = (q, a) else {
            return Ok(Effect::close());
        };
        let Some(pos) = self.undo.iter().rposition(|(p, _)| *p == person) else {
            return Ok(Effect::close());
        };
        let (_, order) = self.undo[pos];
        let name = cx
            .data
            .roster
            .person(person)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        // The change itself is undone: a walk-in's person (and new organisation) goes with
        // their arrival, unless something refers to them since.
        let walk_in = cx
            .data
            .change(&order.to_string())?
            .is_some_and(|c| c.kind == crate::model::ChangeKind::WalkIn);
        match cx.data.undo(order, cx.event, cx.events) {
            Ok(_) => {}
            Err(e @ StoreError::UndoRefused { .. }) => {
                cx.say(Tone::Warn, i18n::pick(e.ko(), e.en()));
                return Ok(Effect::close());
            }
            Err(e) => return Err(e),
        }
        self.undo.remove(pos);
        cx.say(
            Tone::Info,
            if walk_in {
                i18n::walk_in_undone(&name)
            } else {
                i18n::undone(&name)
            },
        );
        self.refresh(&cx.data.roster);
        Ok(Effect::close().changed(What::ALL))
    }

    fn on_changed(&mut self, cx: &mut Cx, what: What) -> Result<(), StoreError> {
        if what.has(What::DAY) {
            *self = CheckinState {
                show_contacts: self.show_contacts,
                ..CheckinState::default()
            };
        }
        self.refresh(&cx.data.roster);
        Ok(())
    }
}

impl CheckinState {
    fn on_desk(&mut self, cx: &mut Cx, action: Action) -> Result<Effect, StoreError> {
        let c = self;
        // Pasted text never acts as Enter: its line breaks only end up in the box.
        let pasted_lines = matches!(&action, Action::Paste(s) if s.contains(['\n', '\r']));
        // The list keeps ↑↓ PgUp PgDn Home End; every other editing key goes to the search box.
        if !matches!(action, Action::Home | Action::End)
            && let Some(e) = crate::screens::edit_text(&mut c.query, &action)
        {
            if cx.edited(Some(e)) {
                c.refresh(&cx.data.roster);
            }
            if pasted_lines {
                cx.say(Tone::Warn, i18n::PASTED_NOT_CHECKED_IN.get());
            }
            return Ok(Effect::keep());
        }
        match action {
            Action::Cancel => {
                c.query.clear();
                c.refresh(&cx.data.roster);
                cx.hush();
            }
            a if crate::screens::list_key(&a).is_some() => {
                if let Some(k) = crate::screens::list_key(&a) {
                    c.selected = crate::widgets::list::step(c.selected, k, c.rows.len());
                    c.picked = true;
                }
            }
            Action::ToggleContacts => {
                c.show_contacts = !c.show_contacts;
                let text = if c.show_contacts {
                    i18n::CONTACTS_SHOWN
                } else {
                    i18n::CONTACTS_HIDDEN
                };
                cx.say(Tone::Info, text.get());
            }
            // An Enter in an empty box (a scanner's second Enter, a key pressed twice) would
            // check in whoever is listed first: never the wrong person, so it asks for a name.
            Action::Submit if c.query.trim().is_empty() && !c.picked => {
                cx.say(Tone::Warn, i18n::TYPE_OR_PICK_FIRST.get());
            }
            Action::Submit => {
                let target = if c.code_hit {
                    c.rows.first()
                } else {
                    c.rows.get(c.selected)
                };
                match target.copied() {
                    Some(id) => c.check_in(cx, id)?,
                    None => cx.say(Tone::Warn, i18n::NOBODY_SELECTED.get()),
                }
            }
            Action::Undo => match c.undo.last() {
                Some(&(person, _)) => {
                    return Ok(Effect::ask(Ask::new(
                        Asker::Screen(Screen::Checkin),
                        Question::UndoCheckIn(person),
                        i18n::UNDO_TITLE.get(),
                        i18n::confirm_undo(&crate::screens::people::confirm::who(
                            &cx.data.roster,
                            person,
                        )),
                    )));
                }
                None => cx.say(Tone::Warn, i18n::NOTHING_TO_UNDO.get()),
            },
            Action::ShowMissing => c.open_missing(cx),
            // The morning starts with the list: the desk opens the same import as 명단.
            Action::ImportPeople => return Ok(crate::screens::import_export::open_import(cx)),
            Action::ForgetImports => {
                let n = cx.data.forget_imports()?.len();
                cx.say(Tone::Info, i18n::imports_forgotten(n));
            }
            Action::WalkIn if cx.event.is_none() => {
                // Say it now, not after the whole form is filled.
                cx.say(Tone::Warn, i18n::NO_EVENT_SELECTED.get());
            }
            Action::WalkIn => {
                // What was typed is most likely the newcomer's name.
                let q = c.query.trim();
                let name = if q.is_ascii() { "" } else { q };
                let form = PersonForm::walk_in(name);
                c.dialog = Some(CheckinDialog::WalkIn(Box::new(form)));
            }
            _ => {}
        }
        Ok(Effect::keep())
    }

    /// Whether `typed`, arriving in one go and followed by Enter, is a badge scan: at the desk
    /// (`at_desk`), the search box with it is a known badge code or alias; elsewhere `typed`
    /// alone is.
    pub fn would_scan(&self, roster: &Roster, typed: &str, at_desk: bool) -> bool {
        let mut query = self.query.clone();
        if !at_desk {
            query.clear();
        }
        query.paste(typed);
        let mut hits = Vec::new();
        roster.index.search_top(&query, 1, &mut hits);
        hits.first().is_some_and(|h| h.tier == Tier::Code)
    }

    /// Checks `person` in to the current event (`Data::check_in`); durable before the row
    /// shows it.
    pub fn check_in(&mut self, cx: &mut Cx, person: Id) -> Result<(), StoreError> {
        let Some(event) = cx.need_event() else {
            return Ok(());
        };
        let event = event.id;
        let done = cx.data.check_in(event, person, cx.desk, cx.now)?;
        let Some(text) = done.message() else {
            return Ok(());
        };
        let tone = match done {
            CheckIn::Arrived { .. } => {
                if let Some(order) = last_change(cx)? {
                    self.undo.push((person, order));
                }
                self.query.clear();
                self.refresh(&cx.data.roster);
                Tone::Good
            }
            CheckIn::AlreadyArrived { .. } => {
                // A rescanned badge is forgiven: the next scan starts in an empty box.
                if self.code_hit {
                    self.query.clear();
                    self.refresh(&cx.data.roster);
                }
                Tone::Warn
            }
            CheckIn::NotAsShown { .. } => {
                // The roster is read again from the store: the list shows what it holds.
                self.query.clear();
                cx.data.reload(cx.event, cx.events)?;
                self.refresh(&cx.data.roster);
                Tone::Error
            }
            CheckIn::Unknown => return Ok(()),
        };
        cx.say(tone, text);
        Ok(())
    }
}

/// The order of the change just made, which the desk's Ctrl-Z undoes.
fn last_change(cx: &Cx) -> Result<Option<u64>, StoreError> {
    Ok(cx.data.history(1, |_| true)?.first().map(|c| c.order))
}
