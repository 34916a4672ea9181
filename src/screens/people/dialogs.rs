//! The People screen's popups: the person and organisation forms, the filter menu, the
//! confirmations, the import preview and the export path.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::OrgForm;
use super::PersonForm;
use super::view::{district_label, kind_label};
use super::{Filters, StatusFilter};
use crate::i18n::{self};
use crate::model::{District, OrgKind};
use crate::screens::people::form::{OField, PField};
use crate::widgets::THEME;
use crate::widgets::form_drawer::FormDrawer;
use crate::widgets::paint::popup;
use crate::widgets::paint::{pad, truncate};

/// Someone already in the database, told apart from namesakes: name · organisation · ☎…last 4.
fn known_person(v: &Show, id: crate::model::Id) -> String {
    format!("↳ {}", super::confirm::who(&v.data.roster, id))
}

/// The person the walk-in's phone found, highlighted in the name's list.
fn same_phone(form: &PersonForm) -> Option<crate::model::Id> {
    match form.name.picked() {
        Some(crate::widgets::Pick::Hit(id)) if form.form.focus == PField::Phone => Some(id),
        _ => None,
    }
}

pub fn draw_person_form(v: &Show, form: &PersonForm, f: &mut Frame, area: Rect) {
    let new_org = form.new_org(&v.data.roster);
    let (title, w) = match (form.walk_in, form.id) {
        (true, _) => (i18n::WALKIN_TITLE, 64),
        (false, Some(_)) => (i18n::P_PERSON_EDIT, 76),
        (false, None) => (i18n::P_PERSON_NEW, 76),
    };
    let inner_w = w.min(area.width).saturating_sub(2) as usize;
    let mut d = FormDrawer::new();
    for field in form.fields(&v.data.roster) {
        let focused = form.form.focus == field;
        let (label, value) = match field {
            PField::Name => (i18n::F_NAME, &form.name.text),
            PField::Org => (i18n::F_ORG, &form.org.text),
            PField::Kind => {
                d.choice(
                    i18n::F_KIND.get(),
                    &OrgKind::ALL,
                    form.kind,
                    kind_label,
                    focused,
                );
                continue;
            }
            PField::Role => (i18n::F_ROLE, &form.role),
            PField::Phone => (i18n::F_PHONE, &form.phone),
            PField::Email => (i18n::F_EMAIL, &form.email),
            PField::Tags => (i18n::F_TAGS, &form.tags),
            PField::Notes => (i18n::F_NOTES, &form.notes),
        };
        // A field holding line breaks (notes) shows them as ⏎; any other shows its caret.
        if value.contains('\n') {
            d.text(label.get(), &value.replace('\n', " ⏎ "), focused);
        } else {
            d.text(label.get(), value, focused);
        }
        if field == PField::Name && focused && form.walk_in {
            d.lookup(&form.name, |id| known_person(v, id), i18n::NEW_PERSON.get());
        }
        if field == PField::Phone
            && focused
            && form.walk_in
            && let Some(id) = same_phone(form)
        {
            d.line(Line::styled(
                truncate(&i18n::same_phone_found(&known_person(v, id)), inner_w),
                THEME.warn_strong,
            ));
        }
        if field == PField::Org && focused {
            let label = |id| match v.data.roster.orgs.get(&id) {
                Some(o) => format!("↳ {} · {}", o.name, kind_label(o.kind)),
                None => String::new(),
            };
            d.lookup(&form.org, label, i18n::NEW_ORG.get());
        }
    }
    // While a suggestion is highlighted, Tab or Enter will take it: no new organisation yet.
    // Focused, the lookup's own "new organisation" row says it.
    if new_org && form.form.focus != PField::Org {
        d.line(Line::styled(
            format!("“{}” {}", truncate(&form.org.text, 30), i18n::NEW_ORG.get()),
            THEME.warn,
        ));
    } else {
        d.line(Line::default());
    }
    d.draw(f, area, w, title.get(), form.form.error.as_deref());
}

pub fn draw_org_form(form: &OrgForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::P_ORG_EDIT
    } else {
        i18n::P_ORG_NEW
    };
    let mut d = FormDrawer::new();
    for field in OField::ALL {
        let focused = form.form.focus == field;
        match field {
            OField::Name => d.text(i18n::F_ORG_NAME.get(), &form.name, focused),
            OField::Kind => d.choice(
                i18n::F_ORG_KIND.get(),
                &OrgKind::ALL,
                form.kind,
                kind_label,
                focused,
            ),
            OField::District => d.choice(
                i18n::F_DISTRICT.get(),
                &District::ALL,
                form.district,
                district_label,
                focused,
            ),
            OField::Contact => d.text(i18n::F_CONTACT.get(), &form.contact, focused),
        }
    }
    d.draw(f, area, 76, title.get(), form.form.error.as_deref());
}

pub fn draw_filter_menu(s: &super::PeopleState, row: usize, f: &mut Frame, area: Rect) {
    let flt = &s.filters;
    let inner = popup(
        f,
        area,
        72,
        Filters::ROWS as u16 + 5,
        i18n::P_FILTER_TITLE.get(),
    );
    let any = i18n::P_ANY.get();
    let yes_no = |b: bool| {
        if b {
            i18n::P_ON.get()
        } else {
            i18n::P_OFF.get()
        }
    };
    let items: [(&str, String); Filters::ROWS] = [
        (
            i18n::COL_STATUS.get(),
            flt.status
                .map_or(any, |s: StatusFilter| s.label().get())
                .to_string(),
        ),
        (
            i18n::P_COL_KIND.get(),
            flt.kind.map_or(any, kind_label).to_string(),
        ),
        (
            i18n::P_COL_DISTRICT.get(),
            flt.district.map_or(any, district_label).to_string(),
        ),
        (
            i18n::P_FIRST_TIMERS.get(),
            yes_no(flt.first_time).to_string(),
        ),
        (
            i18n::P_MISSING_CONTACT.get(),
            yes_no(flt.missing_contact).to_string(),
        ),
    ];
    let mut lines: Vec<Line> = items
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let style = THEME.row(i == row);
            Line::styled(format!("{} ◂ {} ▸", pad(label, 22), pad(value, 16)), style)
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            "{}: {}",
            if s.everyone {
                i18n::P_SCOPE_ALL.get()
            } else {
                i18n::P_SCOPE_EVENT.get()
            },
            i18n::people_count(s.rows.len())
        ),
        THEME.good_strong,
    ));
    lines.push(Line::styled(
        truncate(i18n::P_FILTER_KEYS.get(), inner.width as usize),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
