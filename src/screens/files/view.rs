//! How the import and export dialogs are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::import_export::{ExportDialog, ImportDialog};
use crate::i18n;
use crate::screens::unit::Show;
use crate::widgets::paint::{caret, form_field, popup, truncate};
use crate::widgets::{THEME, TextField};

/// The path field as one line, and where its caret goes.
pub(super) fn path_line(path: &TextField, w: usize) -> (Line<'static>, usize) {
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
        Consent => i18n::CONSENT_COL,
    }
    .get()
}

/// Lines of `text` wrapped to `w`, each in `style`.
fn wrapped(text: &str, w: usize, style: ratatui::style::Style) -> Vec<Line<'static>> {
    crate::widgets::paint::wrap(text, w)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect()
}

/// The import dialog: the path, then the preview, one honest screen as wide as the terminal:
/// where the list comes from, every column with what Enter reads it into, what importing does
/// (or why it cannot), the answers, the rows with what to check in each, the keys. Nothing
/// that matters is cut: long lines wrap.
pub fn draw_import(v: &Show, d: &ImportDialog, f: &mut Frame, area: Rect) {
    if d.preview.is_none() {
        return super::picker::draw(&d.picker, &d.path, d.error.as_deref(), f, area);
    }
    let h = if d.preview.is_some() {
        area.height.saturating_sub(2).max(8)
    } else {
        7
    };
    let width = if d.preview.is_some() {
        area.width.saturating_sub(4).max(90)
    } else {
        90
    };
    let inner = popup(f, area, width, h, i18n::IMPORT_TITLE.get());
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path];
    let mut bottom: Vec<Line> = Vec::new();
    if let Some(p) = &d.preview {
        preview_lines(v, d, p, w, inner.height as usize, &mut lines, &mut bottom);
    } else {
        match &d.error {
            Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
            None => lines.push(Line::default()),
        }
        bottom.push(Line::styled(
            truncate(i18n::IMPORT_KEYS_PATH.get(), w),
            THEME.muted,
        ));
    }
    // Keys on the last lines of the popup.
    while lines.len() + bottom.len() < inner.height as usize {
        lines.push(Line::default());
    }
    lines.extend(bottom);
    f.render_widget(Paragraph::new(lines), inner);
    if d.preview.is_none() {
        caret(f, inner.x + x as u16, inner.y, inner);
    }
}

fn preview_lines(
    v: &Show,
    d: &ImportDialog,
    p: &super::import_export::Preview,
    w: usize,
    height: usize,
    lines: &mut Vec<Line<'static>>,
    bottom: &mut Vec<Line<'static>>,
) {
    let gray = THEME.dim;
    let parsed = &p.parsed;
    let current = d.current().is_some();
    // The keys, and a message, at the bottom; the rest fills what is left.
    if let Some(e) = d.error.as_ref().filter(|_| current) {
        bottom.extend(wrapped(e, w, THEME.error));
    }
    bottom.extend(wrapped(
        &crate::keymap::footer(crate::keymap::Context::ImportPreview),
        w,
        THEME.muted,
    ));
    // A workbook with several lists: which one this is, and how to take another.
    if let (Some(sheet), n @ 2..) = (&parsed.sheet, parsed.sheets.len()) {
        lines.extend(wrapped(
            &i18n::import_sheet_choice(sheet, n),
            w,
            THEME.warn_strong,
        ));
    }
    lines.extend(wrapped(
        &i18n::preview_source(
            parsed.sheet.as_deref(),
            parsed.header_line,
            &parsed.encoding.to_string(),
        ),
        w,
        gray,
    ));
    // Every column with what Enter reads it into (as chosen, previewed or not), a left-out
    // one as 무시.
    let Some(map) = d.columns() else {
        return;
    };
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
    for line in crate::widgets::paint::wrap(&all, w) {
        // The line holding the chosen column is bright, the others gray.
        let style = if !chosen.is_empty() && line.contains(&chosen) {
            THEME.accent
        } else {
            gray
        };
        lines.push(Line::styled(line, style));
    }
    if !current {
        // Nothing read with other choices is shown as if it were what Enter imports.
        match &d.error {
            Some(e) => lines.extend(wrapped(&i18n::cannot_import(e), w, THEME.error)),
            None => lines.extend(wrapped(i18n::PREVIEW_AGAIN.get(), w, gray)),
        }
        return;
    }
    // A left-out column that looks like one that matters is said loudly.
    for (column, field) in &map.suspicious {
        lines.extend(wrapped(
            &i18n::unmapped_in_preview(column, field.ko(), field.en()),
            w,
            THEME.warn_strong,
        ));
    }
    let skipped = &p.basis.skipped;
    let flags = crate::io::import::row_flags(parsed, &p.summary);
    let to_check: std::collections::BTreeSet<usize> = flags
        .iter()
        .map(|f| f.line)
        .filter(|l| !skipped.contains(l))
        .collect();
    let mut counts = i18n::import_preview(
        p.summary.added,
        p.summary.updated,
        p.summary.skipped,
        p.summary.errors,
        parsed.data_lines,
    );
    if !to_check.is_empty() {
        counts = format!("{counts} · {}", i18n::rows_to_check(to_check.len()));
    }
    if !skipped.is_empty() {
        counts = format!("{counts} · {}", i18n::skipped_by_hand(skipped.len()));
    }
    lines.extend(wrapped(&counts, w, THEME.good_strong));
    // The answers the file gives, when it has a column for them.
    if let Some(i) = map.index(crate::model::ImportField::Status) {
        use crate::io::csv::Rsvp;
        let kept = parsed.rows.iter().filter(|r| !skipped.contains(&r.line));
        let (mut yes, mut no, mut maybe, mut none) = (0, 0, 0, 0);
        for r in kept {
            match r.answer {
                Some(Rsvp::Yes) => yes += 1,
                Some(Rsvp::No) => no += 1,
                Some(Rsvp::Maybe) => maybe += 1,
                None => none += 1,
            }
        }
        let column = map.titles.get(i).map_or("", String::as_str);
        lines.extend(wrapped(
            &i18n::preview_answers(column, yes, no, maybe, none),
            w,
            THEME.accent,
        ));
    }
    // The kind each new organisation gets, so 구분별 도착 is right without fixing each: as
    // many as two lines hold, the rest counted.
    let new_orgs = &p.summary.new_orgs;
    if !new_orgs.is_empty() || p.summary.kinds_set > 0 {
        let total = new_orgs.len();
        let mut shown = total.min(40);
        let text = loop {
            let text = i18n::org_kinds_some(&new_orgs[..shown], total, p.summary.kinds_set);
            if shown == 0 || crate::widgets::paint::wrap(&text, w).len() <= 2 {
                break text;
            }
            shown -= 1;
        };
        lines.extend(wrapped(&text, w, gray));
    }
    if p.summary.withdrawn > 0 {
        lines.extend(wrapped(
            &i18n::import_withdrawn(p.summary.withdrawn),
            w,
            THEME.accent,
        ));
    }
    if p.summary.withheld > 0 {
        lines.extend(wrapped(
            &i18n::import_withheld(p.summary.withheld),
            w,
            THEME.accent,
        ));
    }
    if let Some(e) = &v.event {
        let answer = if d.register { i18n::YES } else { i18n::NO };
        // Wrapped, never cut: it says what happens to everyone's registration.
        let question =
            i18n::import_register_question(&crate::widgets::paint::event_label(e), answer.get());
        lines.extend(wrapped(&question, w, THEME.accent_strong));
        if d.register && p.summary.kept > 0 {
            let kept = i18n::kept_answers(p.summary.kept, &e.title);
            lines.extend(wrapped(&kept, w, THEME.warn_strong));
        }
    }
    let room = height.saturating_sub(lines.len() + bottom.len());
    // The rows left out with an error: half the room at most, each wrapped.
    let mut errors: Vec<Line> = Vec::new();
    if !parsed.errors.is_empty() && room > 4 {
        errors.push(Line::styled(
            format!(
                "— {} ({})",
                i18n::IMPORT_ROW_ERRORS.get(),
                parsed.errors.len()
            ),
            THEME.bad,
        ));
        for e in &parsed.errors {
            let why = i18n::pick(e.reason.ko(), e.reason.en());
            let text = wrapped(&i18n::row_error(e.line, &why), w, THEME.bad);
            if errors.len() + text.len() > room / 2 {
                break;
            }
            errors.extend(text);
        }
    }
    let room = room.saturating_sub(errors.len());
    lines.extend(row_lines(d, p, &flags, w, room));
    lines.extend(errors);
}

/// The rows, from the first or from the one pointed at (n/p) so that it shows with what to
/// check in it; a row left out by hand marked so.
fn row_lines(
    d: &ImportDialog,
    p: &super::import_export::Preview,
    flags: &[crate::io::csv::RowFlag],
    w: usize,
    room: usize,
) -> Vec<Line<'static>> {
    use crate::io::csv::Rsvp;
    let rows = &p.parsed.rows;
    if room < 2 || rows.is_empty() {
        return Vec::new();
    }
    let block = |i: usize| -> Vec<Line<'static>> {
        let r = &rows[i];
        let out = p.basis.skipped.contains(&r.line);
        let answer = match r.answer {
            Some(Rsvp::Yes) => i18n::ANSWER_YES.get(),
            Some(Rsvp::No) => i18n::ANSWER_NO.get(),
            Some(Rsvp::Maybe) => i18n::ANSWER_MAYBE.get(),
            None => "",
        };
        let cells: Vec<&str> = [
            r.name.as_str(),
            r.organization.as_str(),
            r.phone.as_str(),
            r.email.as_str(),
            answer,
        ]
        .into_iter()
        .filter(|c| !c.is_empty())
        .collect();
        let mark = if i == d.row { "▶" } else { " " };
        let left_out = if out { i18n::ROW_LEFT_OUT.get() } else { "" };
        let first = format!("{mark}{:>4} {left_out}", r.line);
        let style = if out {
            THEME.muted
        } else if i == d.row {
            THEME.selected
        } else {
            THEME.plain
        };
        let mut block: Vec<Line> =
            crate::model::text::wrap_indented(&cells.join(" · "), w, &first, "       ")
                .into_iter()
                .map(|l| Line::styled(l, style))
                .collect();
        // `flags` are in line order: the row's are found, not looked for among all.
        let at = flags.partition_point(|f| f.line < r.line);
        for f in flags[at..].iter().take_while(|f| f.line == r.line) {
            let what = i18n::pick(f.ko(), f.en());
            block.extend(
                crate::model::text::wrap_indented(&what, w, "       ⚠ ", "         ")
                    .into_iter()
                    .map(|l| Line::styled(l, THEME.warn_strong)),
            );
        }
        block
    };
    // From the first row when the one pointed at shows from there, else from it.
    let fits_from = |start: usize| {
        let mut used = 1;
        for i in start..=d.row.min(rows.len() - 1) {
            used += block(i).len();
        }
        used <= room
    };
    // Every row takes a line at least: a row further down than the room never shows from 0.
    let start = if d.row < room && fits_from(0) {
        0
    } else {
        d.row.min(rows.len() - 1)
    };
    let mut out = vec![Line::styled(
        i18n::preview_rows_title(start == 0, rows[start].line),
        THEME.accent,
    )];
    let mut i = start;
    while i < rows.len() {
        let b = block(i);
        // One line kept to say how many rows are not shown.
        let last = i + 1 == rows.len();
        if out.len() + b.len() + usize::from(!last) > room {
            break;
        }
        out.extend(b);
        i += 1;
    }
    if i < rows.len() {
        out.push(Line::styled(
            i18n::more_rows(rows.len() - i + start),
            THEME.muted,
        ));
    }
    out
}

pub fn draw_export(d: &ExportDialog, f: &mut Frame, area: Rect) {
    use super::Writing;
    if let Some(p) = &d.pass {
        return super::backup::draw(d, p, f, area);
    }
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
        Writing::Minutes(Format::Pdf) => (
            i18n::MINUTES_PDF_EXPORT_TITLE.get(),
            i18n::MINUTES_EXPORT_KEYS,
        ),
        Writing::Minutes(Format::Docx) => (
            i18n::MINUTES_DOCX_EXPORT_TITLE.get(),
            i18n::MINUTES_EXPORT_KEYS,
        ),
        Writing::Pack => (i18n::PACK_EXPORT_TITLE.get(), i18n::PACK_EXPORT_KEYS),
        Writing::Print(kind, _) => (i18n::print_kind(*kind).0.get(), i18n::PRINT_EXPORT_KEYS),
        Writing::Person(_) => (i18n::PR_EXPORT_TITLE.get(), i18n::PR_EXPORT_KEYS),
        Writing::Backup(_) => (i18n::BACKUP_TITLE.get(), i18n::BACKUP_HINT),
    };
    let inner = popup(f, area, 90, 7, title);
    let w = inner.width as usize;
    let (path, x) = path_line(&d.path, w);
    let mut lines = vec![path, Line::default()];
    match &d.error {
        Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
        None => lines.push(Line::default()),
    }
    if d.what == Writing::Pack {
        lines.push(Line::raw(truncate(i18n::PACK_EXPORT_WHAT.get(), w)));
    } else {
        lines.push(Line::default());
    }
    lines.push(Line::styled(truncate(keys.get(), w), THEME.muted));
    f.render_widget(Paragraph::new(lines), inner);
    caret(f, inner.x + x as u16, inner.y, inner);
}
