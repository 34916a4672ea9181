//! The People screen's popups: the person and organisation forms, the filter menu, the
//! confirmations, the import preview and the export path.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::people::{district_label, kind_label};
use super::widgets::{Editable, choice_line, fit, form_field, lookup_lines, pad};
use super::{ACCENT, BAD, GOOD, WARN, caret, popup};
use crate::i18n::{self};
use crate::model::{District, OrgKind};
use crate::state::OrgForm;
use crate::state::PeopleConfirm;
use crate::state::people::{Filters, StatusFilter};
use crate::state::people_form::{OField, PField};
use crate::state::people_io::{ExportDialog, ImportDialog};
use crate::state::{App, PersonForm};
use crate::widgets::TextField;

/// One labelled text field of a form; returns the caret column when focused.
fn form_line(
    lines: &mut Vec<Line<'static>>,
    label: &str,
    value: &(impl Editable + ?Sized),
    focused: bool,
    value_w: usize,
) -> Option<usize> {
    form_field(lines, label, value, 14, value_w, focused).map(|(x, _)| x)
}

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
    let fields = form.fields(&app.data.roster);
    let list = match form.form.focus {
        PField::Org => form.org.rows(),
        PField::Name => form.name.rows(),
        _ => 0,
    } + usize::from(
        form.walk_in && form.form.focus == PField::Phone && same_phone(form).is_some(),
    );
    let h = fields.len() as u16 + 6 + list as u16;
    let (title, w) = match (form.walk_in, form.id) {
        (true, _) => (i18n::WALKIN_TITLE, 64),
        (false, Some(_)) => (i18n::P_PERSON_EDIT, 76),
        (false, None) => (i18n::P_PERSON_NEW, 76),
    };
    let inner = popup(f, area, w, h, title.get());
    let value_w = (inner.width as usize).saturating_sub(15);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut caret_at = None;
    for field in fields {
        let focused = form.form.focus == field;
        let (label, value) = match field {
            PField::Name => (i18n::F_NAME, &form.name.text),
            PField::Org => (i18n::F_ORG, &form.org.text),
            PField::Kind => {
                lines.push(choice_line(
                    i18n::F_KIND.get(),
                    &OrgKind::ALL,
                    form.kind,
                    kind_label,
                    focused,
                ));
                continue;
            }
            PField::Role => (i18n::F_ROLE, &form.role),
            PField::Phone => (i18n::F_PHONE, &form.phone),
            PField::Email => (i18n::F_EMAIL, &form.email),
            PField::Tags => (i18n::F_TAGS, &form.tags),
            PField::Notes => (i18n::F_NOTES, &form.notes),
        };
        // A field holding line breaks (notes) shows them as ⏎; any other shows its caret.
        let x = if value.contains('\n') {
            let shown = value.replace('\n', " ⏎ ");
            form_line(&mut lines, label.get(), &shown, focused, value_w)
        } else {
            form_line(&mut lines, label.get(), value, focused, value_w)
        };
        if let Some(x) = x {
            caret_at = Some((x, lines.len() - 1));
        }
        if field == PField::Name && focused && form.walk_in {
            let w = inner.width as usize;
            let label = |id| known_person(app, id);
            lookup_lines(&mut lines, &form.name, 15, w, label, i18n::NEW_PERSON.get());
        }
        if field == PField::Phone
            && focused
            && form.walk_in
            && let Some(id) = same_phone(form)
        {
            lines.push(Line::styled(
                fit(
                    &i18n::same_phone_found(&known_person(app, id)),
                    inner.width as usize,
                ),
                Style::new().fg(WARN).bold(),
            ));
        }
        if field == PField::Org && focused {
            let label = |id| match app.data.roster.orgs.get(&id) {
                Some(o) => format!("↳ {} · {}", o.name, kind_label(o.kind)),
                None => String::new(),
            };
            let w = inner.width as usize;
            lookup_lines(&mut lines, &form.org, 15, w, label, i18n::NEW_ORG.get());
        }
    }
    // While a suggestion is highlighted, Tab or Enter will take it: no new organisation yet.
    // Focused, the lookup's own "new organisation" row says it.
    if new_org && form.form.focus != PField::Org {
        lines.push(Line::styled(
            format!("“{}” {}", fit(&form.org.text, 30), i18n::NEW_ORG.get()),
            Style::new().fg(WARN),
        ));
    } else {
        lines.push(Line::default());
    }
    super::finish_form(
        f,
        inner,
        lines,
        form.form.error.as_deref(),
        crate::state::Context::Form,
        caret_at,
    );
}

pub fn draw_org_form(form: &OrgForm, f: &mut Frame, area: Rect) {
    let title = if form.id.is_some() {
        i18n::P_ORG_EDIT
    } else {
        i18n::P_ORG_NEW
    };
    let inner = popup(f, area, 76, 9, title.get());
    let value_w = (inner.width as usize).saturating_sub(15);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut caret_at = None;
    for field in OField::ALL {
        let focused = form.form.focus == field;
        match field {
            OField::Name => {
                if let Some(x) = form_line(
                    &mut lines,
                    i18n::F_ORG_NAME.get(),
                    &form.name,
                    focused,
                    value_w,
                ) {
                    caret_at = Some((x, lines.len() - 1));
                }
            }
            OField::Kind => lines.push(choice_line(
                i18n::F_ORG_KIND.get(),
                &OrgKind::ALL,
                form.kind,
                kind_label,
                focused,
            )),
            OField::District => lines.push(choice_line(
                i18n::F_DISTRICT.get(),
                &District::ALL,
                form.district,
                district_label,
                focused,
            )),
            OField::Contact => {
                if let Some(x) = form_line(
                    &mut lines,
                    i18n::F_CONTACT.get(),
                    &form.contact,
                    focused,
                    value_w,
                ) {
                    caret_at = Some((x, lines.len() - 1));
                }
            }
        }
    }
    super::finish_form(
        f,
        inner,
        lines,
        form.form.error.as_deref(),
        crate::state::Context::Form,
        caret_at,
    );
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
            let style = if i == row {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
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
        Style::new().fg(GOOD).bold(),
    ));
    lines.push(Line::styled(
        fit(i18n::P_FILTER_KEYS.get(), inner.width as usize),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
}

/// An organisation told apart from a namesake: name · kind · how many people.
fn org_who(app: &App, id: crate::model::Id) -> String {
    let r = &app.data.roster;
    match r.orgs.get(&id) {
        Some(o) => {
            let (people, _, _) = r.org_counts(id);
            format!(
                "{} · {} · {}",
                o.name,
                kind_label(o.kind),
                i18n::people_n(people)
            )
        }
        None => String::new(),
    }
}

pub fn confirm_text(app: &App, what: &PeopleConfirm) -> (&'static str, String) {
    let name = |id| super::who(app, id);
    let (title, body) = match what {
        PeopleConfirm::Archive(id) => {
            (i18n::ARCHIVE_TITLE.get(), i18n::confirm_archive(&name(*id)))
        }
        PeopleConfirm::Merge { keep, dup } => (
            i18n::MERGE_TITLE.get(),
            i18n::confirm_merge(&name(*dup), &name(*keep)),
        ),
        PeopleConfirm::MergeOrgs { keep, dup } => (
            i18n::MERGE_ORGS_TITLE.get(),
            i18n::confirm_merge_orgs(&org_who(app, *dup), &org_who(app, *keep)),
        ),
        PeopleConfirm::CloseDay { expected } => (
            i18n::CLOSE_DAY_TITLE.get(),
            i18n::confirm_close_day(*expected),
        ),
        PeopleConfirm::UndoCloseDay => (
            i18n::UNDO_CLOSE_TITLE.get(),
            i18n::confirm_undo_close(app.people.close_undo.len()),
        ),
    };
    (title, body)
}

fn path_line(path: &TextField, w: usize) -> (Line<'static>, usize) {
    let mut lines = Vec::new();
    let x = form_line(
        &mut lines,
        i18n::F_PATH.get(),
        path,
        true,
        w.saturating_sub(15),
    )
    .unwrap_or(0);
    (lines.pop().unwrap_or_default(), x)
}

fn field_label(f: crate::model::ImportField) -> &'static str {
    use crate::model::ImportField::*;
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
    let gray = Style::new().fg(Color::Gray);
    if let Some(p) = &d.preview {
        let parsed = &p.parsed;
        lines.push(Line::styled(
            fit(
                &format!("{}: {}", i18n::IMPORT_ENCODING.get(), parsed.encoding),
                w,
            ),
            gray,
        ));
        // A workbook with several lists: which one this is, and how to take another.
        if let (Some(sheet), n @ 2..) = (&parsed.sheet, parsed.sheets.len()) {
            lines.push(Line::styled(
                fit(&i18n::import_sheet_choice(sheet, n), w),
                Style::new().fg(WARN).bold(),
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
                Style::new().fg(ACCENT)
            } else {
                gray
            };
            lines.push(Line::styled(line, style));
        }
        // A left-out column that looks like one that matters is said loudly.
        for (column, field) in &map.suspicious {
            lines.push(Line::styled(
                fit(
                    &i18n::unmapped_in_preview(column, field.ko(), field.en()),
                    w,
                ),
                Style::new().fg(WARN).bold(),
            ));
        }
        lines.push(Line::styled(
            fit(
                &i18n::import_preview(
                    p.summary.added,
                    p.summary.updated,
                    p.summary.skipped,
                    p.summary.errors,
                    parsed.data_lines,
                ),
                w,
            ),
            Style::new().fg(GOOD).bold(),
        ));
        if let Some(e) = &app.event {
            let answer = if d.register { i18n::YES } else { i18n::NO };
            lines.push(Line::styled(
                fit(
                    &i18n::import_register_question(&super::event_label(e), answer.get()),
                    w,
                ),
                Style::new().fg(ACCENT).bold(),
            ));
        }
        let room = (inner.height as usize).saturating_sub(lines.len() + 3);
        let err_room = (room / 2).min(parsed.errors.len());
        let row_room = room.saturating_sub(err_room + 2);
        lines.push(Line::styled(
            format!("— {}", i18n::IMPORT_FIRST_ROWS.get()),
            Style::new().fg(ACCENT),
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
            lines.push(Line::raw(fit(&text, w)));
        }
        if !parsed.errors.is_empty() {
            lines.push(Line::styled(
                format!(
                    "— {} ({})",
                    i18n::IMPORT_ROW_ERRORS.get(),
                    parsed.errors.len()
                ),
                Style::new().fg(BAD),
            ));
            for e in parsed.errors.iter().take(err_room) {
                let why = i18n::pick(e.reason.ko(), e.reason.en());
                lines.push(Line::styled(
                    fit(&i18n::row_error(e.line, &why), w),
                    Style::new().fg(BAD),
                ));
            }
        }
    }
    match &d.error {
        Some(e) => lines.push(Line::styled(fit(e, w), Style::new().fg(BAD).bold())),
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
    lines.push(Line::styled(
        fit(&keys, w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
    if d.preview.is_none() {
        caret(f, inner.x + x as u16, inner.y, inner);
    }
}

pub fn draw_export(d: &ExportDialog, f: &mut Frame, area: Rect) {
    use crate::model::MinutesFormat as Format;
    use crate::state::Writing;
    let (title, keys) = match d.what {
        Writing::People => (i18n::EXPORT_TITLE.get(), i18n::EXPORT_KEYS),
        Writing::Minutes(Format::Markdown) => {
            (i18n::MINUTES_EXPORT_TITLE.get(), i18n::MINUTES_EXPORT_KEYS)
        }
        Writing::Minutes(Format::Text) => (
            i18n::MINUTES_TEXT_EXPORT_TITLE.get(),
            i18n::MINUTES_EXPORT_KEYS,
        ),
        Writing::Print(kind) => (i18n::print_kind(kind).0.get(), i18n::PRINT_EXPORT_KEYS),
    };
    let inner = popup(f, area, 90, 7, title);
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path, Line::default()];
    match &d.error {
        Some(e) => lines.push(Line::styled(fit(e, w), Style::new().fg(BAD).bold())),
        None => lines.push(Line::default()),
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(keys.get(), w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
    caret(f, inner.x + x as u16, inner.y, inner);
}

/// Ctrl-P: what to print, one row per document with what it is for.
pub fn draw_print_menu(row: usize, f: &mut Frame, area: Rect) {
    let kinds = crate::state::print::KINDS;
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
        let style = if i == row {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bold()
        };
        lines.push(Line::styled(
            fit(&format!(" {}. {}", i + 1, name.get()), w),
            style,
        ));
        lines.push(Line::styled(
            fit(&format!("    {}", what.get()), w),
            Style::new().fg(Color::Gray),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        fit(&crate::keymap::footer(crate::state::Context::PrintMenu), w),
        Style::new().fg(Color::DarkGray),
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
