//! The walk-in form: name, organisation (completed from known ones, or a new one with its kind),
//! phone. Saving creates the person and checks them in, in one durable step.

use super::{Action, App, Effect, Roster, Step, Tone};
use crate::i18n;
use crate::model::contact::normalize_phone;
use crate::model::{
    Attendance, AttendanceStatus, District, Id, OrgKind, Organization, Person,
    TextField as FieldKind, clean_line,
};
use crate::store::StoreError;
use crate::widgets::{Form, Lookup, Pick, TextField};

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
    pub form: Form<Field>,
    pub name: TextField,
    /// Completed from known organisations; what is typed may also be a new one.
    pub org: Lookup<Id>,
    /// The kind of a new organisation.
    pub kind: OrgKind,
    pub phone: TextField,
}

impl Default for WalkInForm {
    fn default() -> Self {
        WalkInForm {
            form: Form::default(),
            name: TextField::new(FieldKind::Name),
            org: Lookup::new(FieldKind::Organization, true),
            kind: OrgKind::default(),
            phone: TextField::new(FieldKind::Phone),
        }
    }
}

impl WalkInForm {
    pub fn is_dirty(&self) -> bool {
        !(self.name.is_empty() && self.org.text.is_empty() && self.phone.is_empty())
    }

    /// The known organisation the org field stands for: the one taken from the list, or the
    /// one whose whole name was typed.
    pub fn known_org(&self, roster: &Roster) -> Option<Id> {
        self.org.chosen.or_else(|| roster.org_named(&self.org.text))
    }

    /// Whether saving creates the organisation typed (then its kind is asked): not while a
    /// known one is highlighted, which Tab or Enter would take.
    pub fn new_org(&self, roster: &Roster) -> bool {
        !self.org.text.trim().is_empty()
            && self.known_org(roster).is_none()
            && !matches!(self.org.picked(), Some(Pick::Hit(_)))
    }

    /// Fields in Tab order; the kind field only for a new organisation.
    fn fields(&self, roster: &Roster) -> Vec<Field> {
        if self.new_org(roster) {
            vec![Field::Name, Field::Org, Field::Kind, Field::Phone]
        } else {
            vec![Field::Name, Field::Org, Field::Phone]
        }
    }
}

impl App {
    pub(super) fn on_walk_in(
        &mut self,
        f: &mut WalkInForm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let fields = f.fields(&self.data.roster);
        let dirty = f.is_dirty();
        let (text, list) = match f.form.focus {
            Field::Name => (Some(&mut f.name), None),
            Field::Org => (None, Some(&mut f.org)),
            Field::Phone => (Some(&mut f.phone), None),
            Field::Kind => (None, None),
        };
        let roster = &self.data.roster;
        let step = super::form_keys(
            &mut f.form,
            &fields,
            dirty,
            text,
            list,
            |id| roster.org_label(id),
            &action,
        );
        match step {
            Step::Typed(e) => {
                if self.edited(Some(e)) && f.form.focus == Field::Org {
                    self.data.roster.suggest_orgs(&mut f.org);
                }
            }
            // Taken: on to the next field (the kind, when the typed name is a new one).
            Step::Took(_) => f.form.step(&f.fields(&self.data.roster), true),
            Step::Moved | Step::Pass if f.form.focus == Field::Kind => match action {
                Action::Input(ch) => {
                    if let Some(k) = OrgKind::from_digit(ch) {
                        f.kind = k;
                    }
                }
                Action::Left | Action::Right => {
                    f.kind = super::cycle(&OrgKind::ALL, f.kind, action == Action::Right)
                }
                Action::Submit => return self.save_walk_in(f),
                _ => {}
            },
            Step::Moved => {}
            Step::Close => return Ok(Effect::Close),
            Step::Pass => {
                if action == Action::Submit {
                    return self.save_walk_in(f);
                }
            }
        }
        if f.form.focus != Field::Org {
            f.org.close();
        }
        Ok(Effect::Keep)
    }

    fn save_walk_in(&mut self, f: &mut WalkInForm) -> Result<Effect, StoreError> {
        let name = clean_line(&f.name);
        let phone = normalize_phone(&f.phone);
        let Some(event) = self.event.as_ref().map(|e| e.id) else {
            f.form.error = Some(i18n::NO_EVENT_SELECTED.get().into());
            return Ok(Effect::Keep);
        };
        if name.is_empty() {
            f.form.refuse(Field::Name, i18n::NAME_REQUIRED.get());
            return Ok(Effect::Keep);
        }
        if phone.is_none() {
            f.form.refuse(Field::Phone, i18n::PHONE_INVALID.get());
            return Ok(Effect::Keep);
        }
        let org_name = clean_line(&f.org.text);
        let known = f.known_org(&self.data.roster);
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
        self.data
            .save_person(&mut person, new_org.as_mut(), Some(&mut att))?;
        let who = format!("{} ({})", person.name, self.data.roster.org_name(&person));
        let id = person.id;
        self.checkin.undo.push((id, None));
        self.say(Tone::Good, i18n::walked_in(&who, &now.hhmm()));
        self.checkin.query.clear();
        self.checkin.refresh(&self.data.roster);
        Ok(Effect::Close)
    }
}
