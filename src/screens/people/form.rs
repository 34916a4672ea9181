//! The person form, in its two uses: the walk-in at the desk (name, organisation, role, phone;
//! saved and checked in at once) and a person on the People screen (every field); and the
//! organisation form. Validated on save; Esc on a changed form asks before discarding.

use crate::i18n;
use crate::model::TextField as FieldKind;
use crate::model::contact::{normalize_phone, org_key, valid_email};
use crate::model::{
    Attendance, AttendanceStatus, Consent, ConsentHow, ConsentState, District, Id, OrgKind,
    Organization, Person, clean_line, clean_multiline,
};
use crate::screens::unit::Cx;
use crate::screens::{Action, Roster, Step, Tone};
use crate::store::{ConsentWrite, StoreError};
use crate::widgets::{Form, Lookup, Pick, TextField};

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
    /// Consent to keep the phone and e-mail: 동의 / 미동의 / 묻지 않음.
    Consent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonForm {
    /// The person edited; `None` adds a new one.
    pub id: Option<Id>,
    /// A walk-in at the desk: fewer fields, and saving checks the person in.
    pub walk_in: bool,
    pub form: Form<PField>,
    /// For a walk-in, people already in the database who match what is typed (the same name,
    /// a near one, or the same phone): taking one checks that person in instead.
    pub name: Lookup<Id>,
    /// Completed from known organisations; what is typed may also be a new one.
    pub org: Lookup<Id>,
    pub kind: OrgKind,
    /// The kind was chosen by hand (else it follows the organisation's name).
    kind_chosen: bool,
    pub role: TextField,
    pub phone: TextField,
    pub email: TextField,
    pub tags: TextField,
    pub notes: TextField,
    /// The consent chosen, and the one on record when the form opened (saved only when
    /// changed, so its time and way stay those of the answer).
    pub consent: ConsentState,
    consent_was: ConsentState,
    /// The values when the form opened, to tell whether anything changed.
    original: Vec<String>,
}

impl Default for PersonForm {
    fn default() -> Self {
        PersonForm {
            id: None,
            walk_in: false,
            form: Form::default(),
            name: Lookup::new(FieldKind::Name, false),
            org: Lookup::new(FieldKind::Organization, true),
            kind: OrgKind::default(),
            kind_chosen: false,
            role: TextField::new(FieldKind::Role),
            phone: TextField::new(FieldKind::Phone),
            email: TextField::new(FieldKind::Email),
            tags: TextField::new(FieldKind::Tags),
            notes: TextField::new(FieldKind::PersonNotes),
            consent: ConsentState::NotAsked,
            consent_was: ConsentState::NotAsked,
            original: Vec::new(),
        }
    }
}

impl PersonForm {
    pub fn edit(p: &Person, roster: &Roster) -> PersonForm {
        let mut f = PersonForm {
            id: Some(p.id),
            name: Lookup::with(FieldKind::Name, false, &p.name, None),
            org: Lookup::with(FieldKind::Organization, true, roster.org_name(p), p.org_id),
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

    /// The form with the person's consent on record.
    pub fn consenting(mut self, c: Option<&Consent>) -> PersonForm {
        let state = c.map_or(ConsentState::NotAsked, |c| c.state);
        self.consent = state;
        self.consent_was = state;
        self
    }

    /// A walk-in at the desk, with the name typed in the search box (if any).
    pub fn walk_in(name: &str) -> PersonForm {
        let mut f = PersonForm {
            walk_in: true,
            name: Lookup::new(FieldKind::Name, true),
            ..Default::default()
        };
        f.name.text.set(name);
        f
    }

    fn values(&self) -> Vec<String> {
        [
            &self.name.text,
            &self.org.text,
            &self.role,
            &self.phone,
            &self.email,
            &self.tags,
            &self.notes,
        ]
        .map(|f| f.value().to_string())
        .to_vec()
    }

    /// Whether saving turns the consent on record to "no" for someone whose phone or e-mail
    /// is kept: the save removes them from the history too (the form warns).
    pub fn withdraws_contact(&self) -> bool {
        self.consent == ConsentState::No
            && self.consent_was != ConsentState::No
            && self
                .original
                .get(3..5)
                .is_some_and(|kept| kept.iter().any(|v| !v.is_empty()))
    }

    pub fn is_dirty(&self) -> bool {
        if self.consent != self.consent_was {
            return true;
        }
        if self.original.is_empty() {
            return self.values().iter().any(|v| !v.is_empty());
        }
        self.values() != self.original
    }

    /// The known organisation the org field stands for: the one taken from the list, or the
    /// one whose whole name was typed.
    pub fn known_org(&self, roster: &Roster) -> Option<Id> {
        self.org.chosen.or_else(|| roster.org_named(&self.org.text))
    }

    pub fn new_org(&self, roster: &Roster) -> bool {
        !self.org.text.trim().is_empty()
            && self.known_org(roster).is_none()
            && !matches!(self.org.picked(), Some(Pick::Hit(_)))
    }

    /// Fields in Tab order; the kind field only for a new organisation.
    pub fn fields(&self, roster: &Roster) -> Vec<PField> {
        let mut v = vec![PField::Name, PField::Org];
        if self.new_org(roster) {
            v.push(PField::Kind);
        }
        if self.walk_in {
            v.extend([PField::Role, PField::Phone, PField::Consent]);
            return v;
        }
        v.extend([
            PField::Role,
            PField::Phone,
            PField::Email,
            PField::Consent,
            PField::Tags,
            PField::Notes,
        ]);
        v
    }

    /// Checks the form; on success the cleaned values (name, phone, email).
    pub fn validate(&self) -> Result<(String, String, String), (PField, &'static str)> {
        let name = clean_line(&self.name.text);
        if name.is_empty() {
            return Err((PField::Name, i18n::NAME_REQUIRED.get()));
        }
        let email = clean_line(&self.email);
        // Without consent the contact details are not kept (the store leaves them out), so
        // what was typed there is not refused.
        if self.consent == ConsentState::No {
            let phone = normalize_phone(&self.phone).unwrap_or_default();
            let email = if valid_email(&email) {
                email
            } else {
                String::new()
            };
            return Ok((name, phone, email));
        }
        let Some(phone) = normalize_phone(&self.phone) else {
            return Err((PField::Phone, i18n::PHONE_INVALID.get()));
        };
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
    pub form: Form<OField>,
    pub name: TextField,
    pub kind: OrgKind,
    pub district: District,
    pub contact: TextField,
    original: Option<Organization>,
}

impl Default for OrgForm {
    fn default() -> Self {
        OrgForm {
            id: None,
            form: Form::default(),
            name: TextField::new(FieldKind::Organization),
            kind: OrgKind::default(),
            district: District::default(),
            contact: TextField::new(FieldKind::Contact),
            original: None,
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

/// How a key left a person or organisation form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormEnd {
    /// Still open.
    Open,
    /// Closed without saving.
    Closed,
    /// Saved: this person or organisation.
    Saved(Id),
    /// A walk-in was saved and checked in.
    WalkedIn(Id),
    /// The walk-in is someone already in the database: check them in.
    Existing(Id),
}

impl PersonForm {
    /// A key for the form. `register` adds a new person to the day open now (the People
    /// screen showing that day's list).
    pub fn update(
        &mut self,
        cx: &mut Cx,
        action: Action,
        register: bool,
    ) -> Result<FormEnd, StoreError> {
        let f = self;
        let fields = f.fields(&cx.data.roster);
        let dirty = f.is_dirty();
        let (text, list) = match f.form.focus {
            PField::Name => (None, Some(&mut f.name)),
            PField::Org => (None, Some(&mut f.org)),
            PField::Kind | PField::Consent => (None, None),
            PField::Role => (Some(&mut f.role), None),
            PField::Phone => (Some(&mut f.phone), None),
            PField::Email => (Some(&mut f.email), None),
            PField::Tags => (Some(&mut f.tags), None),
            PField::Notes => (Some(&mut f.notes), None),
        };
        let focus = f.form.focus;
        let roster = &cx.data.roster;
        let step = crate::screens::form_keys(
            &mut f.form,
            &fields,
            dirty,
            text,
            list,
            |id| match focus {
                PField::Name => roster.person_label(id),
                _ => roster.org_label(id),
            },
            &action,
        );
        match step {
            Step::Typed(e) => {
                if cx.edited(Some(e)) {
                    match focus {
                        PField::Org => {
                            crate::screens::suggest_orgs(&cx.data.roster, &mut f.org);
                            if !f.kind_chosen {
                                f.kind = OrgKind::guess(&f.org.text).unwrap_or_default();
                            }
                        }
                        PField::Name if f.walk_in => f.suggest_known_people(&cx.data.roster),
                        PField::Phone if f.walk_in => f.point_at_same_phone(&cx.data.roster),
                        _ => {}
                    }
                }
            }
            // A walk-in who is already in the database: checked in as themselves.
            Step::Took(Pick::Hit(id)) if focus == PField::Name => {
                return Ok(FormEnd::Existing(id));
            }
            // Taken: on to the next field (the kind, when the typed name is a new one).
            Step::Took(_) => f.form.step(&f.fields(&cx.data.roster), true),
            Step::Moved | Step::Pass if f.form.focus == PField::Kind => match action {
                Action::Input(ch) => {
                    if let Some(k) = OrgKind::from_digit(ch) {
                        f.kind = k;
                        f.kind_chosen = true;
                    }
                }
                Action::Left | Action::Right => {
                    f.kind = crate::screens::cycle(&OrgKind::ALL, f.kind, action == Action::Right);
                    f.kind_chosen = true;
                }
                Action::Submit => return f.save(cx, register),
                _ => {}
            },
            Step::Moved | Step::Pass if f.form.focus == PField::Consent => match action {
                Action::Left | Action::Right => {
                    f.consent = crate::screens::cycle(
                        &ConsentState::ALL,
                        f.consent,
                        action == Action::Right,
                    );
                }
                Action::Input(d @ '1'..='3') => {
                    let i = d as usize - '1' as usize;
                    f.consent = ConsentState::ALL[i];
                }
                Action::Input('y' | 'Y' | 'ㅛ') => f.consent = ConsentState::Yes,
                Action::Input('n' | 'N' | 'ㅜ') => f.consent = ConsentState::No,
                Action::Submit => {
                    // The same phone found someone: Enter checks that person in (their answer
                    // is recorded by the desk).
                    if let (true, Some(Pick::Hit(id))) = (f.walk_in, f.name.picked()) {
                        return Ok(FormEnd::Existing(id));
                    }
                    return f.save(cx, register);
                }
                _ => {}
            },
            Step::Moved => {}
            Step::Close => return Ok(FormEnd::Closed),
            Step::Pass => {
                if action == Action::Submit {
                    // The same phone found someone: Enter checks that person in.
                    if let (true, Some(Pick::Hit(id))) = (f.walk_in, f.name.picked()) {
                        return Ok(FormEnd::Existing(id));
                    }
                    return f.save(cx, register);
                }
            }
        }
        if f.form.focus != PField::Org {
            f.org.close();
        }
        if f.form.focus != PField::Name && !matches!(f.name.picked(), Some(Pick::Hit(_))) {
            f.name.close();
        }
        Ok(FormEnd::Open)
    }

    /// People already in the database with the name typed, or a near one; the one with the
    /// very name is highlighted, a near one only offered.
    fn suggest_known_people(&mut self, roster: &Roster) {
        let (hits, exact) = roster.people_like(&self.name.text);
        self.name.suggest_quietly(hits, exact);
    }

    /// Someone already in the database with the phone typed: highlighted, Enter checks them in.
    fn point_at_same_phone(&mut self, roster: &Roster) {
        let f = self;
        let typed = crate::model::contact::phone_key(&f.phone);
        if typed.len() < 9 {
            return;
        }
        let with_phone = || {
            roster
                .people
                .iter()
                .filter(|p| crate::model::contact::phone_key(&p.phone) == typed)
        };
        // Someone merged away under that phone is the person they were merged into.
        let same = with_phone()
            .find(|p| !p.archived)
            .map(|p| p.id)
            .or_else(|| {
                with_phone()
                    .filter(|p| roster.merged_into.contains_key(&p.id))
                    .find_map(|p| roster.resolve(p.id))
            });
        if let Some(id) = same {
            f.name.point_at(id);
        }
    }

    fn save(&mut self, cx: &mut Cx, register: bool) -> Result<FormEnd, StoreError> {
        let f = self;
        // A walk-in is checked in to the networking day open at the desk.
        let walk_in_at = match (cx.event, f.walk_in) {
            (Some(e), true) => Some(e.id),
            (None, true) => {
                f.form.error = Some(i18n::NO_EVENT_SELECTED.get().into());
                return Ok(FormEnd::Open);
            }
            (_, false) => None,
        };
        let (name, phone, email) = match f.validate() {
            Ok(v) => v,
            Err((field, why)) => {
                f.form.refuse(field, why);
                return Ok(FormEnd::Open);
            }
        };
        // The name and phone (or e-mail) of a record merged away: the person it was merged into
        // has come, checked in as themselves, never registered twice.
        if f.walk_in
            && let Some(kept) = cx.data.roster.merged_match(&name, &phone, &email)
        {
            return Ok(FormEnd::Existing(kept));
        }
        let known = f.known_org(&cx.data.roster);
        let org_name = clean_line(&f.org.text);
        let mut new_org = (known.is_none() && !org_name.is_empty()).then(|| Organization {
            id: 0,
            name: org_name,
            kind: f.kind,
            district: District::Other,
            contact: String::new(),
        });
        let now = cx.now;
        let mut person = match f.id.and_then(|id| cx.data.roster.person(id)) {
            Some(p) => p.clone(),
            None => Person::new(String::new(), now),
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
        // A walk-in arrives now; a person added while looking at an event's list is registered
        // for it.
        let status = match (walk_in_at, cx.event, f.id) {
            (Some(_), _, _) => Some(AttendanceStatus::WalkIn {
                at: now,
                desk: cx.desk.to_string(),
            }),
            (None, Some(_), None) if register => Some(AttendanceStatus::Expected),
            _ => None,
        };
        let mut att = status.zip(cx.event).map(|(status, e)| Attendance {
            event_id: e.id,
            person_id: 0,
            status,
            updated: now,
        });
        let how = if f.walk_in {
            ConsentHow::WalkIn
        } else {
            ConsentHow::PersonForm
        };
        let answer = Consent::new(f.consent, now, how);
        let consent = match f.consent {
            c if c == f.consent_was => ConsentWrite::Keep,
            ConsentState::NotAsked => ConsentWrite::Clear,
            _ => ConsentWrite::Set(&answer),
        };
        let withheld =
            cx.data
                .save_person_consenting(&mut person, new_org.as_mut(), att.as_mut(), consent)?;
        let id = person.id;
        let said = if f.walk_in {
            let who = i18n::name_and_org(&person.name, cx.data.roster.org_name(&person));
            i18n::walked_in(&who, &now.hhmm())
        } else {
            i18n::person_saved(&person.name)
        };
        if withheld {
            cx.say(
                Tone::Warn,
                format!("{said} · {}", i18n::CONTACT_NOT_KEPT.get()),
            );
        } else {
            cx.say(Tone::Good, said);
        }
        if f.walk_in {
            Ok(FormEnd::WalkedIn(id))
        } else {
            Ok(FormEnd::Saved(id))
        }
    }
}

impl OrgForm {
    pub fn update(&mut self, cx: &mut Cx, action: Action) -> Result<FormEnd, StoreError> {
        let f = self;
        let dirty = f.is_dirty();
        let text = match f.form.focus {
            OField::Name => Some(&mut f.name),
            OField::Contact => Some(&mut f.contact),
            OField::Kind | OField::District => None,
        };
        let step = crate::screens::text_form_keys(&mut f.form, &OField::ALL, dirty, text, &action);
        match step {
            Step::Typed(e) => {
                cx.edited(Some(e));
            }
            Step::Close => return Ok(FormEnd::Closed),
            Step::Took(_) | Step::Moved => {}
            Step::Pass => match action {
                Action::Submit => return f.save(cx),
                Action::Input(ch) => {
                    match f.form.focus {
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
                    f.form.error = None;
                }
                Action::Left | Action::Right => {
                    let fwd = action == Action::Right;
                    match f.form.focus {
                        OField::Kind => f.kind = crate::screens::cycle(&OrgKind::ALL, f.kind, fwd),
                        OField::District => {
                            f.district = crate::screens::cycle(&District::ALL, f.district, fwd)
                        }
                        _ => {}
                    }
                }
                _ => {}
            },
        }
        Ok(FormEnd::Open)
    }

    fn save(&mut self, cx: &mut Cx) -> Result<FormEnd, StoreError> {
        let f = self;
        let name = clean_line(&f.name);
        let clash = cx
            .data
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
            f.form.refuse(OField::Name, p);
            return Ok(FormEnd::Open);
        }
        let mut o = Organization {
            id: f.id.unwrap_or(0),
            name,
            kind: f.kind,
            district: f.district,
            contact: clean_line(&f.contact),
        };
        cx.data.save_org(&mut o)?;
        let name = o.name.clone();
        let id = o.id;
        cx.say(Tone::Good, i18n::org_saved(&name));
        Ok(FormEnd::Saved(id))
    }
}
