//! The People screen's popups: the person and organisation forms, the filter menu, the
//! confirmations, the import preview and the export path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::form::FormDrawer;
use super::people::{district_label, kind_label};
use super::widgets::{form_field, pad, truncate};
use super::{THEME, caret, popup};
use crate::i18n::{self};
use crate::model::{District, OrgKind};
use crate::screens::import_export::{ExportDialog, ImportDialog};
use crate::screens::people::form::{OField, PField};
use crate::state::OrgForm;
use crate::state::people::{Filters, StatusFilter};
use crate::state::{App, PersonForm};
use crate::widgets::TextField;

/// Someone already in the database, told apart from namesakes: name · organisation · ☎…last 4.
fn known_person(app: &App, id: crate::model::Id) -> String {
    format!("↳ {}", super::who(app, id))
}

/// The person the walk-in's phone found, highlighted in the name's list.
fn same_phone(form: &PersonForm) -> Option<crate::model::Id> {
    match form.name.picked() {
        Some(crate::widgets::Pick::Hit(id)) if form.form.focus == PField::Phone => Some(id),
        _ => None,
    }
}

pub fn draw_person_form(app: &App, form: &PersonForm, f: &mut Frame, area: Rect) {
    let new_org = form.new_org(&app.data.roster);
    let (title, w) = match (form.walk_in, form.id) {
        (true, _) => (i18n::WALKIN_TITLE, 64),
        (false, Some(_)) => (i18n::P_PERSON_EDIT, 76),
        (false, None) => (i18n::P_PERSON_NEW, 76),
    };
    let inner_w = w.min(area.width).saturating_sub(2) as usize;
    let mut d = FormDrawer::new();
    for field in form.fields(&app.data.roster) {
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
            d.lookup(
                &form.name,
                |id| known_person(app, id),
                i18n::NEW_PERSON.get(),
            );
        }
        if field == PField::Phone
            && focused
            && form.walk_in
            && let Some(id) = same_phone(form)
        {
            d.line(Line::styled(
                truncate(&i18n::same_phone_found(&known_person(app, id)), inner_w),
                THEME.warn_strong,
            ));
        }
        if field == PField::Org && focused {
            let label = |id| match app.data.roster.orgs.get(&id) {
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

pub fn draw_filter_menu(app: &App, row: usize, f: &mut Frame, area: Rect) {
    let flt = &app.people.filters;
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
            if app.people.everyone {
                i18n::P_SCOPE_ALL.get()
            } else {
                i18n::P_SCOPE_EVENT.get()
            },
            i18n::people_count(app.people.rows.len())
        ),
        THEME.good_strong,
    ));
    lines.push(Line::styled(
        truncate(i18n::P_FILTER_KEYS.get(), inner.width as usize),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

/// An organisation told apart from a namesake: name · kind · how many people.
fn path_line(path: &TextField, w: usize) -> (Line<'static>, usize) {
    let mut lines = Vec::new();
    let x = form_field(
        &mut lines,
        i18n::F_PATH.get(),
        path,
        14,
        w.saturating_sub(15),
        true,
    )
    .map_or(0, |(x, _)| x);
    (lines.pop().unwrap_or_default(), x)
}

fn field_label(f: crate::io::csv::Field) -> &'static str {
    use crate::io::csv::Field::*;
    match f {
        Name => i18n::COL_NAME,
        Organization => i18n::COL_ORG,
        Role => i18n::COL_ROLE,
        Phone => i18n::F_PHONE,
        Email => i18n::F_EMAIL,
        Kind => i18n::P_COL_KIND,
        District => i18n::P_COL_DISTRICT,
        Code => i18n::COL_CODE,
        Tags => i18n::F_TAGS,
        Notes => i18n::F_NOTES,
        Status => i18n::COL_STATUS,
    }
    .get()
}

pub fn draw_import(app: &App, d: &ImportDialog, f: &mut Frame, area: Rect) {
    let h = if d.preview.is_some() {
        area.height.saturating_sub(2).max(8)
    } else {
        7
    };
    let inner = popup(f, area, 90, h, i18n::IMPORT_TITLE.get());
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path];
    let gray = THEME.dim;
    if let Some(p) = &d.preview {
        let parsed = &p.parsed;
        lines.push(Line::styled(
            truncate(
                &format!("{}: {}", i18n::IMPORT_ENCODING.get(), parsed.encoding),
                w,
            ),
            gray,
        ));
        // A workbook with several lists: which one this is, and how to take another.
        if let (Some(sheet), n @ 2..) = (&parsed.sheet, parsed.sheets.len()) {
            lines.push(Line::styled(
                truncate(&i18n::import_sheet_choice(sheet, n), w),
                THEME.warn_strong,
            ));
        }
        // Every column with what it is read into, a left-out one as 무시.
        let map = &parsed.columns;
        let cols: Vec<String> = map
            .titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let to = map
                    .field_of(i)
                    .map_or(i18n::IGNORED_COLUMN.get(), field_label);
                let title = if title.is_empty() {
                    format!("{}", i + 1)
                } else {
                    title.clone()
                };
                // The column Tab chose, bracketed: ↑↓ change its field.
                if i == d.column {
                    format!("[{title}→{to}]")
                } else {
                    format!("{title}→{to}")
                }
            })
            .collect();
        let chosen = cols.get(d.column).cloned().unwrap_or_default();
        let all = format!("{}: {}", i18n::IMPORT_COLUMNS.get(), cols.join(" · "));
        for line in super::widgets::wrap(&all, w).into_iter().take(4) {
            // The line holding the chosen column is bright, the others gray.
            let style = if !chosen.is_empty() && line.contains(&chosen) {
                THEME.accent
            } else {
                gray
            };
            lines.push(Line::styled(line, style));
        }
        // A left-out column that looks like one that matters is said loudly.
        for (column, field) in &map.suspicious {
            lines.push(Line::styled(
                truncate(
                    &i18n::unmapped_in_preview(column, field.ko(), field.en()),
                    w,
                ),
                THEME.warn_strong,
            ));
        }
        lines.push(Line::styled(
            truncate(
                &i18n::import_preview(
                    p.summary.added,
                    p.summary.updated,
                    p.summary.skipped,
                    p.summary.errors,
                    parsed.data_lines,
                ),
                w,
            ),
            THEME.good_strong,
        ));
        if let Some(e) = &app.event {
            let answer = if d.register { i18n::YES } else { i18n::NO };
            lines.push(Line::styled(
                truncate(
                    &i18n::import_register_question(&super::event_label(e), answer.get()),
                    w,
                ),
                THEME.accent_strong,
            ));
        }
        let room = (inner.height as usize).saturating_sub(lines.len() + 3);
        let err_room = (room / 2).min(parsed.errors.len());
        let row_room = room.saturating_sub(err_room + 2);
        lines.push(Line::styled(
            format!("— {}", i18n::IMPORT_FIRST_ROWS.get()),
            THEME.accent,
        ));
        for r in parsed.rows.iter().take(row_room) {
            let text = format!(
                "{:>4}  {} {} {} {}",
                r.line,
                pad(&r.name, 12),
                pad(&r.organization, 20),
                pad(&r.phone, 14),
                r.email
            );
            lines.push(Line::raw(truncate(&text, w)));
        }
        if !parsed.errors.is_empty() {
            lines.push(Line::styled(
                format!(
                    "— {} ({})",
                    i18n::IMPORT_ROW_ERRORS.get(),
                    parsed.errors.len()
                ),
                THEME.bad,
            ));
            for e in parsed.errors.iter().take(err_room) {
                let why = i18n::pick(e.reason.ko(), e.reason.en());
                lines.push(Line::styled(
                    truncate(&i18n::row_error(e.line, &why), w),
                    THEME.bad,
                ));
            }
        }
    }
    match &d.error {
        Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
        None => lines.push(Line::default()),
    }
    let keys = if d.preview.is_some() {
        crate::keymap::footer(crate::state::Context::ImportPreview)
    } else {
        i18n::IMPORT_KEYS_PATH.get().to_string()
    };
    // Keys on the last line of the popup.
    while lines.len() + 1 < inner.height as usize {
        lines.push(Line::default());
    }
    lines.push(Line::styled(truncate(&keys, w), THEME.muted));
    f.render_widget(Paragraph::new(lines), inner);
    if d.preview.is_none() {
        caret(f, inner.x + x as u16, inner.y, inner);
    }
}

pub fn draw_export(d: &ExportDialog, f: &mut Frame, area: Rect) {
    use crate::io::minutes::Format;
    use crate::state::Writing;
    let (title, keys) = match &d.what {
        Writing::People(_) => (i18n::EXPORT_TITLE.get(), i18n::EXPORT_KEYS),
        Writing::Minutes(Format::Markdown) => {
            (i18n::MINUTES_EXPORT_TITLE.get(), i18n::MINUTES_EXPORT_KEYS)
        }
        Writing::Minutes(Format::Text) => (
            i18n::MINUTES_TEXT_EXPORT_TITLE.get(),
            i18n::MINUTES_EXPORT_KEYS,
        ),
        Writing::Print(kind) => (i18n::print_kind(*kind).0.get(), i18n::PRINT_EXPORT_KEYS),
    };
    let inner = popup(f, area, 90, 7, title);
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path, Line::default()];
    match &d.error {
        Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
        None => lines.push(Line::default()),
    }
    lines.push(Line::default());
    lines.push(Line::styled(truncate(keys.get(), w), THEME.muted));
    f.render_widget(Paragraph::new(lines), inner);
    caret(f, inner.x + x as u16, inner.y, inner);
}

/// Ctrl-P: what to print, one row per document with what it is for.
pub fn draw_print_menu(row: usize, f: &mut Frame, area: Rect) {
    let kinds = crate::screens::print::KINDS;
    let inner = popup(
        f,
        area,
        72,
        kinds.len() as u16 * 2 + 3,
        i18n::PRINT_MENU_TITLE.get(),
    );
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for (i, kind) in kinds.iter().enumerate() {
        let (name, what) = i18n::print_kind(*kind);
        let style = if i == row { THEME.selected } else { THEME.bold };
        lines.push(Line::styled(
            truncate(&format!(" {}. {}", i + 1, name.get()), w),
            style,
        ));
        lines.push(Line::styled(
            truncate(&format!("    {}", what.get()), w),
            THEME.dim,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        truncate(&crate::keymap::footer(crate::state::Context::PrintMenu), w),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
