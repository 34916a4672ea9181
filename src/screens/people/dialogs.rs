//! The People screen's popups: the person and organisation forms, the filter menu, the
//! confirmations, the import preview and the export path.

use crate::screens::unit::Show;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::MergeChoice;
use super::OrgForm;
use super::PersonForm;
use super::view::{district_label, kind_label};
use super::{Filters, StatusFilter};
use crate::i18n::{self};
use crate::model::{District, OrgKind, PersonField};
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
            PField::Consent => {
                if form.walk_in {
                    for line in crate::widgets::paint::wrap(
                        &i18n::walk_in_notice(
                            v.data
                                .retention_months()
                                .unwrap_or(crate::model::privacy::DEFAULT_RETENTION_MONTHS),
                        ),
                        inner_w,
                    ) {
                        d.line(Line::styled(line, THEME.muted));
                    }
                }
                d.choice(
                    i18n::CONSENT_COL.get(),
                    &crate::model::ConsentState::ALL,
                    form.consent,
                    i18n::consent_state,
                    focused,
                );
                if form.withdraws_contact() {
                    for line in crate::widgets::paint::wrap(i18n::WITHDRAW_WARNING.get(), inner_w) {
                        d.line(Line::styled(line, THEME.warn));
                    }
                } else if focused {
                    for line in crate::widgets::paint::wrap(i18n::CONSENT_HINT.get(), inner_w) {
                        d.line(Line::styled(line, THEME.muted));
                    }
                }
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
            // Wrapped, never cut: its end says what Enter does.
            let text = i18n::same_phone_found(&known_person(v, id));
            for line in crate::widgets::paint::wrap(&text, inner_w) {
                d.line(Line::styled(line, THEME.warn_strong));
            }
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

/// The label of a field a merge asks about.
fn field_label(field: PersonField) -> &'static str {
    match field {
        PersonField::Name => i18n::COL_NAME.get(),
        PersonField::Org => i18n::COL_ORG.get(),
        PersonField::Role => i18n::COL_ROLE.get(),
        PersonField::Phone => i18n::F_PHONE.get(),
        PersonField::Email => i18n::F_EMAIL.get(),
    }
}

/// A person's value of `field` as the merge shows it (the organisation by name; "none" for empty).
fn field_value(v: &Show, field: PersonField, id: crate::model::Id) -> String {
    let r = &v.data.roster;
    let value = match (field, r.person(id)) {
        (_, None) => String::new(),
        (PersonField::Org, Some(p)) => r.org_name(p).to_string(),
        (f, Some(p)) => f.text(p).to_string(),
    };
    if value.is_empty() {
        format!("({})", i18n::D_NONE.get())
    } else {
        value
    }
}

/// The merge of two differing records: one row per field they differ in, the kept record's
/// value on the left and the duplicate's on the right, the chosen one marked ●.
pub fn draw_merge_choice(v: &Show, m: &MergeChoice, f: &mut Frame, area: Rect) {
    let h = m.rows.len() as u16 + 10;
    let inner = popup(f, area, 76, h, i18n::P_MERGE_CHOICE_TITLE.get());
    let w = inner.width as usize;
    let label_w = 11;
    let col = w.saturating_sub(label_w) / 2;
    let who = |id| truncate(&super::confirm::who(&v.data.roster, id), w);
    let mut lines: Vec<Line> = vec![
        Line::styled(
            truncate(&i18n::merge_fields_open(m.rows.len()), w),
            THEME.plain,
        ),
        Line::styled(
            truncate(&format!("{}: {}", i18n::P_MERGE_KEPT.get(), who(m.keep)), w),
            THEME.dim,
        ),
        Line::styled(
            truncate(&format!("{}: {}", i18n::P_MERGE_DUP.get(), who(m.dup)), w),
            THEME.dim,
        ),
        Line::default(),
        Line::from(vec![
            Span::raw(pad("", label_w)),
            Span::styled(pad(i18n::P_MERGE_KEPT.get(), col), THEME.table_head),
            Span::styled(pad(i18n::P_MERGE_DUP.get(), col), THEME.table_head),
        ]),
    ];
    for (i, row) in m.rows.iter().enumerate() {
        let at = i == m.row;
        let cell = |id, chosen: bool| {
            let mark = if chosen { "● " } else { "○ " };
            let text = truncate(
                &format!("{mark}{}", field_value(v, row.field, id)),
                col.saturating_sub(1),
            );
            let style = match (chosen, at) {
                (true, true) => THEME.selected,
                (true, false) => THEME.good_strong,
                (false, _) => THEME.plain,
            };
            Span::styled(pad(&text, col), style)
        };
        lines.push(Line::from(vec![
            Span::styled(pad(field_label(row.field), label_w), THEME.row(at)),
            cell(m.keep, row.take_dup == Some(false)),
            cell(m.dup, row.take_dup == Some(true)),
        ]));
    }
    lines.push(Line::default());
    if m.unchosen {
        lines.push(Line::styled(
            truncate(i18n::P_MERGE_CHOOSE_ALL.get(), w),
            THEME.warn_strong,
        ));
    } else {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        truncate(
            &crate::keymap::footer(crate::keymap::Context::MergeChoice),
            w,
        ),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
