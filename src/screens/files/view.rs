//! How the import and export dialogs and the print menu are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::import_export::{ExportDialog, ImportDialog};
use crate::i18n;
use crate::screens::unit::Show;
use crate::widgets::paint::{caret, form_field, pad, popup, truncate};
use crate::widgets::{THEME, TextField};

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

pub fn draw_import(v: &Show, d: &ImportDialog, f: &mut Frame, area: Rect) {
    if d.preview.is_none() {
        return super::picker::draw(&d.picker, &d.path, d.error.as_deref(), f, area);
    }
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
        for line in crate::widgets::paint::wrap(&all, w).into_iter().take(4) {
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
        // The kind each new organisation gets, so 구분별 도착 is right without fixing each.
        if !p.summary.new_orgs.is_empty() || p.summary.kinds_set > 0 {
            let kinds = i18n::org_kinds(&p.summary.new_orgs, p.summary.kinds_set);
            let wrapped = crate::widgets::paint::wrap(&kinds, w);
            let more = wrapped.len() > 2;
            for (n, line) in wrapped.into_iter().take(2).enumerate() {
                let line = if more && n == 1 {
                    truncate(&format!("{line}…"), w)
                } else {
                    line
                };
                lines.push(Line::styled(line, gray));
            }
        }
        if let Some(e) = &v.event {
            let answer = if d.register { i18n::YES } else { i18n::NO };
            // Wrapped, never cut: it says what happens to everyone's registration.
            let question = i18n::import_register_question(
                &crate::widgets::paint::event_label(e),
                answer.get(),
            );
            for line in crate::widgets::paint::wrap(&question, w) {
                lines.push(Line::styled(line, THEME.accent_strong));
            }
            if d.register && p.summary.kept > 0 {
                let kept = i18n::kept_answers(p.summary.kept, &e.title);
                for line in crate::widgets::paint::wrap(&kept, w) {
                    lines.push(Line::styled(line, THEME.warn_strong));
                }
            }
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
        crate::keymap::footer(crate::keymap::Context::ImportPreview)
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
    use super::Writing;
    use crate::model::MinutesFormat as Format;
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
        truncate(&crate::keymap::footer(crate::keymap::Context::PrintMenu), w),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
}
