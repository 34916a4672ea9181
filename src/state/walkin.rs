//! The walk-in form: name, organisation (completed from known ones, or a new one with its kind),
//! phone. Saving creates the person and checks them in, in one durable step.

use super::{Action, App, Edited, Effect, Tone};
use crate::i18n;
use crate::model::contact::{normalize_phone, org_key};
use crate::model::{
    Attendance, AttendanceStatus, District, Id, OrgKind, Organization, Person,
    TextField as FieldKind, clean_line,
};
use crate::store::StoreError;
use crate::widgets::TextField;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Field {
    #[default]
    Name,
    Org,
    Kind,
    Phone,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WalkInForm {
    pub field: Field,
    pub name: TextField,
    pub org: TextField,
    pub kind: OrgKind,
    pub phone: TextField,
    /// Known organisations matching what is typed in the organisation field.
    pub suggestions: Vec<Id>,
    /// The highlighted suggestion, if the user moved into the list.
    pub pick: Option<usize>,
    pub error: Option<String>,
    /// Esc was pressed once on a form with text: the next Esc discards it.
    pub discard_armed: bool,
}

impl Default for WalkInForm {
    fn default() -> Self {
        WalkInForm {
            field: Field::Name,
            name: TextField::new(FieldKind::Name),
            org: TextField::new(FieldKind::Organization),
            kind: OrgKind::default(),
            phone: TextField::new(FieldKind::Phone),
            suggestions: Vec::new(),
            pick: None,
            error: None,
            discard_armed: false,
        }
    }
}

impl WalkInForm {
    pub fn is_dirty(&self) -> bool {
        !(self.name.is_empty() && self.org.is_empty() && self.phone.is_empty())
    }

    /// The known organisation the org field names exactly (spaces and case aside).
    pub fn known_org<'a>(&self, orgs: impl Iterator<Item = &'a Organization>) -> Option<Id> {
        let k = org_key(&self.org);
        if k.is_empty() {
            return None;
        }
        orgs.into_iter()
            .find(|o| org_key(&o.name) == k)
            .map(|o| o.id)
    }

    /// Fields in order; the kind field only matters for a new organisation.
    fn fields(&self, new_org: bool) -> Vec<Field> {
        if new_org {
            vec![Field::Name, Field::Org, Field::Kind, Field::Phone]
        } else {
            vec![Field::Name, Field::Org, Field::Phone]
        }
    }

    fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.field {
            Field::Name => Some(&mut self.name),
            Field::Org => Some(&mut self.org),
            Field::Phone => Some(&mut self.phone),
            Field::Kind => None,
        }
    }
}

impl App {
    fn org_suggestions(&self, text: &str) -> Vec<Id> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        self.roster.org_index.search_top(text, 5, &mut hits);
        hits.into_iter().map(|h| h.id).collect()
    }

    pub(super) fn on_walk_in(
        &mut self,
        f: &mut WalkInForm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let new_org = !f.org.trim().is_empty() && f.known_org(self.roster.orgs.values()).is_none();
        let fields = f.fields(new_org);
        let at = fields.iter().position(|x| *x == f.field).unwrap_or(0);
        if action != Action::Cancel {
            f.discard_armed = false;
        }
        let edited = f.text_mut().and_then(|t| super::edit_text(t, &action));
        if self.edited(edited) {
            f.error = None;
            f.pick = None;
        }
        match action {
            _ if edited.is_some() => {}
            Action::Cancel if f.pick.is_some() => f.pick = None,
            Action::Cancel if super::escape(f.is_dirty(), &mut f.discard_armed, &mut f.error) => {
                return Ok(Effect::Close);
            }
            Action::Cancel => {}
            Action::Input(ch) if f.field == Field::Kind => {
                if let Some(k) = OrgKind::from_digit(ch) {
                    f.kind = k;
                }
                f.error = None;
            }
            Action::Left | Action::Right if f.field == Field::Kind => {
                let i = OrgKind::ALL.iter().position(|k| *k == f.kind).unwrap_or(0);
                let n = OrgKind::ALL.len();
                let j = if action == Action::Right {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                f.kind = OrgKind::ALL[j];
            }
            Action::Down if f.field == Field::Org && !f.suggestions.is_empty() => {
                f.pick = Some(f.pick.map_or(0, |p| (p + 1).min(f.suggestions.len() - 1)));
            }
            Action::Up if f.field == Field::Org && f.pick.is_some() => {
                f.pick = f.pick.and_then(|p| p.checked_sub(1));
            }
            Action::NextField | Action::Down => {
                accept_pick(f, self);
                let new_org =
                    !f.org.trim().is_empty() && f.known_org(self.roster.orgs.values()).is_none();
                let fields = f.fields(new_org);
                let at = fields.iter().position(|x| *x == f.field).unwrap_or(0);
                f.field = fields[(at + 1) % fields.len()];
            }
            Action::PrevField | Action::Up => {
                f.field = fields[(at + fields.len() - 1) % fields.len()];
            }
            Action::Submit => {
                if f.field == Field::Org && f.pick.is_some() {
                    accept_pick(f, self);
                    f.field = Field::Phone;
                } else {
                    return self.save_walk_in(f);
                }
            }
            _ => {}
        }
        if f.field == Field::Org && edited.is_some_and(Edited::changed) {
            f.suggestions = self.org_suggestions(&f.org);
            // The best suggestion is highlighted unless the text names a known organisation
            // already: Tab and Enter take it, Esc keeps what was typed (a new organisation).
            f.pick = (!f.suggestions.is_empty()
                && f.known_org(self.roster.orgs.values()).is_none())
            .then_some(0);
        }
        Ok(Effect::Keep)
    }

    fn save_walk_in(&mut self, f: &mut WalkInForm) -> Result<Effect, StoreError> {
        let name = clean_line(&f.name);
        let phone = normalize_phone(&f.phone);
        let problem = if name.is_empty() {
            f.field = Field::Name;
            Some(i18n::NAME_REQUIRED.get())
        } else if phone.is_none() {
            f.field = Field::Phone;
            Some(i18n::PHONE_INVALID.get())
        } else {
            None
        };
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            f.error = Some(i18n::NO_EVENT_SELECTED.get().into());
            return Ok(Effect::Keep);
        };
        if let Some(p) = problem {
            f.error = Some(p.into());
            return Ok(Effect::Keep);
        }
        let org_name = clean_line(&f.org);
        let known = f.known_org(self.roster.orgs.values());
        let mut new_org = if known.is_none() && !org_name.is_empty() {
            Some(Organization {
                id: 0,
                name: org_name,
                kind: f.kind,
                district: District::Other,
                contact: String::new(),
            })
        } else {
            None
        };
        let now = self.now();
        let mut person = Person {
            org_id: known,
            phone: phone.unwrap_or_default(),
            ..Person::new(name, now)
        };
        let mut att = Attendance {
            event_id: event,
            person_id: 0,
            status: AttendanceStatus::WalkIn {
                at: now,
                desk: self.desk.clone(),
            },
            updated: now,
        };
        self.store
            .put_person_with_org(&mut person, new_org.as_mut(), Some(&mut att))?;
        if let Some(o) = new_org {
            self.roster.upsert_org(o);
        }
        let who = format!("{} ({})", person.name, self.roster.org_name(&person));
        let id = person.id;
        self.roster.upsert_person(person);
        self.roster.set_attendance(att);
        self.checkin.undo.push((id, None));
        self.say(Tone::Good, i18n::walked_in(&who, &now.hhmm()));
        self.checkin.query.clear();
        self.checkin.refresh(&self.roster);
        Ok(Effect::Close)
    }
}

fn accept_pick(f: &mut WalkInForm, app: &App) {
    if let Some(id) = f.pick.and_then(|p| f.suggestions.get(p)).copied()
        && let Some(o) = app.roster.orgs.get(&id)
    {
        f.org.set(&o.name);
    }
    f.pick = None;
    f.suggestions.clear();
}
