//! Forms of the People screen: a person (add / edit every field) and an organisation.
//! Validated on save; Esc on a changed form asks before discarding.

use super::{Action, App, Effect, Roster, Tone};
use crate::i18n;
use crate::model::TextField as FieldKind;
use crate::model::contact::{normalize_phone, org_key, valid_email};
use crate::model::{
    Attendance, AttendanceStatus, District, Id, OrgKind, Organization, Person, clean_line,
    clean_multiline,
};
use crate::store::StoreError;
use crate::widgets::TextField;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PField {
    #[default]
    Name,
    Org,
    /// Kind of a new organisation (shown only when the organisation is not known).
    Kind,
    Role,
    Phone,
    Email,
    Tags,
    Notes,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonForm {
    /// The person edited; `None` adds a new one.
    pub id: Option<Id>,
    pub field: PField,
    pub name: TextField,
    pub org: TextField,
    pub kind: OrgKind,
    pub role: TextField,
    pub phone: TextField,
    pub email: TextField,
    pub tags: TextField,
    pub notes: TextField,
    /// Known organisations matching the org field while it is being typed.
    pub suggestions: Vec<Id>,
    /// The highlighted suggestion, once the user moves into the list (↓).
    pub pick: Option<usize>,
    /// The values when the form opened, to tell whether anything changed.
    original: Vec<String>,
    pub error: Option<String>,
    pub discard_armed: bool,
}

impl Default for PersonForm {
    fn default() -> Self {
        PersonForm {
            id: None,
            field: PField::Name,
            name: TextField::new(FieldKind::Name),
            org: TextField::new(FieldKind::Organization),
            kind: OrgKind::default(),
            role: TextField::new(FieldKind::Role),
            phone: TextField::new(FieldKind::Phone),
            email: TextField::new(FieldKind::Email),
            tags: TextField::new(FieldKind::Tags),
            notes: TextField::new(FieldKind::PersonNotes),
            suggestions: Vec::new(),
            pick: None,
            original: Vec::new(),
            error: None,
            discard_armed: false,
        }
    }
}

impl PersonForm {
    pub fn edit(p: &Person, roster: &Roster) -> PersonForm {
        let mut f = PersonForm {
            id: Some(p.id),
            name: TextField::with(FieldKind::Name, &p.name),
            org: TextField::with(FieldKind::Organization, roster.org_name(p)),
            role: TextField::with(FieldKind::Role, &p.role),
            phone: TextField::with(FieldKind::Phone, &p.phone),
            email: TextField::with(FieldKind::Email, &p.email),
            tags: TextField::with(FieldKind::Tags, &p.tags.join(", ")),
            notes: TextField::with(FieldKind::PersonNotes, &p.notes),
            ..Default::default()
        };
        f.original = f.values();
        f
    }

    fn values(&self) -> Vec<String> {
        [
            &self.name,
            &self.org,
            &self.role,
            &self.phone,
            &self.email,
            &self.tags,
            &self.notes,
        ]
        .map(|f| f.value().to_string())
        .to_vec()
    }

    pub fn is_dirty(&self) -> bool {
        if self.original.is_empty() {
            return self.values().iter().any(|v| !v.is_empty());
        }
        self.values() != self.original
    }

    /// The known organisation the org field names (spaces and case aside).
    pub fn known_org(&self, roster: &Roster) -> Option<Id> {
        let k = org_key(&self.org);
        if k.is_empty() {
            return None;
        }
        roster
            .orgs
            .values()
            .find(|o| org_key(&o.name) == k)
            .map(|o| o.id)
    }

    pub fn new_org(&self, roster: &Roster) -> bool {
        !self.org.trim().is_empty() && self.known_org(roster).is_none()
    }

    pub fn fields(&self, new_org: bool) -> Vec<PField> {
        let mut v = vec![PField::Name, PField::Org];
        if new_org {
            v.push(PField::Kind);
        }
        v.extend([
            PField::Role,
            PField::Phone,
            PField::Email,
            PField::Tags,
            PField::Notes,
        ]);
        v
    }

    fn text_mut(&mut self) -> Option<&mut TextField> {
        Some(match self.field {
            PField::Name => &mut self.name,
            PField::Org => &mut self.org,
            PField::Kind => return None,
            PField::Role => &mut self.role,
            PField::Phone => &mut self.phone,
            PField::Email => &mut self.email,
            PField::Tags => &mut self.tags,
            PField::Notes => &mut self.notes,
        })
    }

    /// Checks the form; on success the cleaned values (name, phone, email).
    pub fn validate(&self) -> Result<(String, String, String), (PField, &'static str)> {
        let name = clean_line(&self.name);
        if name.is_empty() {
            return Err((PField::Name, i18n::NAME_REQUIRED.get()));
        }
        let Some(phone) = normalize_phone(&self.phone) else {
            return Err((PField::Phone, i18n::PHONE_INVALID.get()));
        };
        let email = clean_line(&self.email);
        if !valid_email(&email) {
            return Err((PField::Email, i18n::P_EMAIL_INVALID.get()));
        }
        Ok((name, phone, email))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OField {
    #[default]
    Name,
    Kind,
    District,
    Contact,
}

impl OField {
    pub const ALL: [OField; 4] = [
        OField::Name,
        OField::Kind,
        OField::District,
        OField::Contact,
    ];
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrgForm {
    pub id: Option<Id>,
    pub field: OField,
    pub name: TextField,
    pub kind: OrgKind,
    pub district: District,
    pub contact: TextField,
    original: Option<Organization>,
    pub error: Option<String>,
    pub discard_armed: bool,
}

impl Default for OrgForm {
    fn default() -> Self {
        OrgForm {
            id: None,
            field: OField::Name,
            name: TextField::new(FieldKind::Organization),
            kind: OrgKind::default(),
            district: District::default(),
            contact: TextField::new(FieldKind::Contact),
            original: None,
            error: None,
            discard_armed: false,
        }
    }
}

impl OrgForm {
    pub fn edit(o: &Organization) -> OrgForm {
        OrgForm {
            id: Some(o.id),
            name: TextField::with(FieldKind::Organization, &o.name),
            kind: o.kind,
            district: o.district,
            contact: TextField::with(FieldKind::Contact, &o.contact),
            original: Some(o.clone()),
            ..Default::default()
        }
    }

    pub fn is_dirty(&self) -> bool {
        match &self.original {
            Some(o) => {
                o.name != self.name.value()
                    || o.kind != self.kind
                    || o.district != self.district
                    || o.contact != self.contact.value()
            }
            None => !self.name.is_empty() || !self.contact.is_empty(),
        }
    }
}

fn step<T: Copy + PartialEq>(all: &[T], cur: T, forward: bool) -> T {
    let i = all.iter().position(|x| *x == cur).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

impl App {
    pub(super) fn on_person_form(
        &mut self,
        f: &mut PersonForm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let new_org = f.new_org(&self.roster);
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
            Action::Input(ch) if f.field == PField::Kind => {
                if let Some(k) = OrgKind::from_digit(ch) {
                    f.kind = k;
                }
                f.error = None;
            }
            Action::Left | Action::Right if f.field == PField::Kind => {
                f.kind = step(&OrgKind::ALL, f.kind, action == Action::Right);
            }
            Action::Down if f.field == PField::Org && !f.suggestions.is_empty() => {
                f.pick = Some(f.pick.map_or(0, |p| (p + 1).min(f.suggestions.len() - 1)));
            }
            Action::Up if f.field == PField::Org && f.pick.is_some() => {
                f.pick = f.pick.and_then(|p| p.checked_sub(1));
            }
            Action::Submit | Action::NextField if f.field == PField::Org && f.pick.is_some() => {
                if let Some(o) = f
                    .pick
                    .and_then(|p| f.suggestions.get(p))
                    .and_then(|id| self.roster.orgs.get(id))
                {
                    f.org.set(&o.name);
                }
                f.pick = None;
                f.field = PField::Role;
            }
            Action::NextField | Action::Down => {
                // The field list may change once the org field is left (new organisation).
                let fields = f.fields(f.new_org(&self.roster));
                let at = fields.iter().position(|x| *x == f.field).unwrap_or(0);
                f.field = fields[(at + 1) % fields.len()];
            }
            Action::PrevField | Action::Up => {
                f.field = fields[(at + fields.len() - 1) % fields.len()];
            }
            Action::Submit => return self.save_person(f),
            _ => {}
        }
        f.suggestions.clear();
        if f.field == PField::Org && f.known_org(&self.roster).is_none() && !f.org.trim().is_empty()
        {
            let mut hits = Vec::new();
            self.roster.org_index.search_top(&f.org, 4, &mut hits);
            f.suggestions = hits.into_iter().map(|h| h.id).collect();
            // As in the walk-in form: the best suggestion is highlighted, Tab and Enter take
            // it, Esc keeps what was typed.
            if edited.is_some_and(super::Edited::changed) && !f.suggestions.is_empty() {
                f.pick = Some(0);
            }
        }
        if f.pick.is_some_and(|p| p >= f.suggestions.len()) {
            f.pick = None;
        }
        Ok(Effect::Keep)
    }

    fn save_person(&mut self, f: &mut PersonForm) -> Result<Effect, StoreError> {
        let (name, phone, email) = match f.validate() {
            Ok(v) => v,
            Err((field, why)) => {
                f.field = field;
                f.error = Some(why.into());
                return Ok(Effect::Keep);
            }
        };
        let known = f.known_org(&self.roster);
        let org_name = clean_line(&f.org);
        let mut new_org = (known.is_none() && !org_name.is_empty()).then(|| Organization {
            id: 0,
            name: org_name,
            kind: f.kind,
            district: District::Other,
            contact: String::new(),
        });
        let now = self.now();
        let mut person = match f.id.and_then(|id| self.roster.person(id)) {
            Some(p) => p.clone(),
            None => Person {
                id: 0,
                code: String::new(),
                name: String::new(),
                org_id: None,
                role: String::new(),
                phone: String::new(),
                email: String::new(),
                tags: vec![],
                notes: String::new(),
                archived: false,
                created: now,
            },
        };
        person.name = name;
        person.org_id = known;
        person.role = clean_line(&f.role);
        person.phone = phone;
        person.email = email;
        person.tags = f
            .tags
            .split(',')
            .map(clean_line)
            .filter(|t| !t.is_empty())
            .collect();
        person.notes = clean_multiline(&f.notes);
        // A person added while looking at an event's list is registered for it.
        let mut att = match (&self.event, f.id) {
            (Some(e), None) if !self.people.everyone => Some(Attendance {
                event_id: e.id,
                person_id: 0,
                status: AttendanceStatus::Expected,
                updated: now,
            }),
            _ => None,
        };
        self.store
            .put_person_with_org(&mut person, new_org.as_mut(), att.as_mut())?;
        if let Some(o) = new_org {
            self.roster.upsert_org(o);
        }
        let id = person.id;
        let who = person.name.clone();
        self.roster.upsert_person(person);
        if let Some(a) = att {
            self.roster.set_attendance(a);
        }
        self.say(Tone::Good, i18n::person_saved(&who));
        self.after_people_write();
        if let Some(i) = self.people.rows.iter().position(|r| *r == id) {
            self.people.selected = i;
            // Saved: the form closes whatever the detail pane's reload says.
            if self.people.detail.is_some()
                && let Err(e) = self.load_detail()
            {
                self.fail(e);
            }
        }
        Ok(Effect::Close)
    }

    pub(super) fn on_org_form(
        &mut self,
        f: &mut OrgForm,
        action: Action,
    ) -> Result<Effect, StoreError> {
        let at = OField::ALL.iter().position(|x| *x == f.field).unwrap_or(0);
        let n = OField::ALL.len();
        if action != Action::Cancel {
            f.discard_armed = false;
        }
        let text = match f.field {
            OField::Name => Some(&mut f.name),
            OField::Contact => Some(&mut f.contact),
            OField::Kind | OField::District => None,
        };
        let edited = text.and_then(|t| super::edit_text(t, &action));
        if self.edited(edited) {
            f.error = None;
        }
        match action {
            Action::Cancel if super::escape(f.is_dirty(), &mut f.discard_armed, &mut f.error) => {
                return Ok(Effect::Close);
            }
            _ if edited.is_some() => {}
            Action::Input(ch) => {
                match f.field {
                    OField::Kind => {
                        if let Some(k) = OrgKind::from_digit(ch) {
                            f.kind = k;
                        }
                    }
                    OField::District => {
                        if let Some(k) = ch
                            .to_digit(10)
                            .and_then(|d| District::ALL.get((d as usize).wrapping_sub(1)))
                        {
                            f.district = *k;
                        }
                    }
                    OField::Name | OField::Contact => {}
                }
                f.error = None;
            }
            Action::Left | Action::Right => {
                let fwd = action == Action::Right;
                match f.field {
                    OField::Kind => f.kind = step(&OrgKind::ALL, f.kind, fwd),
                    OField::District => f.district = step(&District::ALL, f.district, fwd),
                    _ => {}
                }
            }
            Action::NextField | Action::Down => f.field = OField::ALL[(at + 1) % n],
            Action::PrevField | Action::Up => f.field = OField::ALL[(at + n - 1) % n],
            Action::Submit => return self.save_org(f),
            _ => {}
        }
        Ok(Effect::Keep)
    }

    fn save_org(&mut self, f: &mut OrgForm) -> Result<Effect, StoreError> {
        let name = clean_line(&f.name);
        let clash = self
            .roster
            .orgs
            .values()
            .any(|o| Some(o.id) != f.id && org_key(&o.name) == org_key(&name));
        let problem = if name.is_empty() {
            Some(i18n::P_ORG_NAME_REQUIRED.get())
        } else if clash {
            Some(i18n::P_ORG_EXISTS.get())
        } else {
            None
        };
        if let Some(p) = problem {
            f.field = OField::Name;
            f.error = Some(p.into());
            return Ok(Effect::Keep);
        }
        let mut o = Organization {
            id: f.id.unwrap_or(0),
            name,
            kind: f.kind,
            district: f.district,
            contact: clean_line(&f.contact),
        };
        self.store.put_org(&mut o)?;
        let name = o.name.clone();
        let id = o.id;
        self.roster.upsert_org(o);
        self.say(Tone::Good, i18n::org_saved(&name));
        self.after_people_write();
        if let Some(i) = self.people.org_rows.iter().position(|r| *r == id) {
            self.people.org_selected = i;
        }
        Ok(Effect::Close)
    }
}
