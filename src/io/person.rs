//! A person's request to see what is held about them (개인정보 보호법 제35조): the report
//! `data::Data::person_report` gathers, decided once as a `report::Doc` (sections of headings and
//! tables, Korean with English beside), then written as plain text (columns lined up by display
//! width, one line per item) or as a PDF through `print::report`.

use chrono::NaiveDate;

use crate::i18n::{self, L, Lang, both};
use crate::io::report::{Block, Col, Doc, Row, Table};
use crate::model::text::pad;
use crate::model::{
    AttendanceStatus, ChangeKind, Idea, Note, NoteKind, Organization, Owner, Person, Ts,
};

/// Everything netday holds about one person, as read for their request. Each part is one
/// section of the document, in this order.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonReport {
    /// When the report was made, and at which desk.
    pub made: Ts,
    pub desk: String,
    /// Their own record, with their organisation.
    pub record: PersonRecord,
    /// Records merged into theirs (`merged_into`), each kept whole.
    pub merged: Vec<PersonRecord>,
    /// Every networking day they were registered for or came to, oldest first.
    pub days: Vec<DayLine>,
    /// Action items they own, oldest first.
    pub actions: Vec<NoteLine>,
    /// Other notes whose text (or an action item's owner written as a name) names them, oldest
    /// first.
    pub mentions: Vec<NoteLine>,
    /// Ideas they own.
    pub ideas: Vec<Idea>,
    /// Their consent on record (개인정보 보호법 제15조), if any.
    pub consent: Option<crate::model::Consent>,
    /// The retention rule in force (months after the last attendance).
    pub retention_months: u32,
    /// The journal's entries that touched any of their records, oldest first.
    pub changes: Vec<ChangeEntry>,
    /// Some of the journal was folded away (`Store::fold_changes`): older entries are not held.
    pub journal_folded: bool,
}

/// A person's record and their organisation, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonRecord {
    pub person: Person,
    pub org: Option<Organization>,
}

/// One networking day of theirs.
#[derive(Clone, Debug, PartialEq)]
pub struct DayLine {
    pub date: NaiveDate,
    pub title: String,
    pub status: AttendanceStatus,
}

/// A note (an action item, or a note that names them) and the date of its day.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteLine {
    pub date: Option<NaiveDate>,
    pub note: Note,
}

/// What in a journal entry was theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Touched {
    Person,
    Attendance,
    Note,
    Idea,
}

/// One entry of the change journal that touched their records.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeEntry {
    pub at: Ts,
    pub id: String,
    pub desk: String,
    pub kind: ChangeKind,
    pub touched: Vec<Touched>,
    /// Each field of their person records this entry changed, with the value before and
    /// after: the journal keeps both, so earlier values (an old phone number) are held too.
    pub fields: Vec<FieldChange>,
}

/// One field of a person record, before and after a change (`record_fields` names them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// Whose record: name and badge code after the change (before, when it was removed).
    pub who: String,
    pub field: L,
    pub before: String,
    pub after: String,
}

/// Local date and time, as netday shows them everywhere.
fn when(t: Ts) -> String {
    t.local().format("%Y-%m-%d %H:%M").to_string()
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Korean, then English in brackets; one of them when both say the same.
fn pair(ko: &str, en: &str) -> String {
    if ko == en || en.is_empty() {
        ko.to_string()
    } else if ko.is_empty() {
        en.to_string()
    } else {
        format!("{ko} ({en})")
    }
}

fn col(l: L, weight: u16, centred: bool) -> Col {
    Col::new(both(l), weight, centred)
}

/// A field's text on one line (a note's line breaks become " / ").
fn one_line(s: &str) -> String {
    crate::model::clean_multiline(s)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn yes_no(b: bool) -> String {
    both(if b { i18n::PR_YES } else { i18n::PR_NO })
}

/// A person record's fields in words, in the order the document lists them (`org`: their
/// organisation, when they have one).
pub fn record_fields(p: &Person, org: Option<&Organization>) -> Vec<(L, String)> {
    vec![
        (i18n::PR_F_NAME, p.name.clone()),
        (i18n::PR_F_CODE, p.code.clone()),
        (i18n::PR_F_ALIASES, p.aliases.join(", ")),
        (
            i18n::PR_F_ORG,
            org.map(|o| o.name.clone()).unwrap_or_default(),
        ),
        (
            i18n::PR_F_ORG_KIND,
            org.map(|o| pair(o.kind.ko(), o.kind.en()))
                .unwrap_or_default(),
        ),
        (
            i18n::PR_F_DISTRICT,
            org.map(|o| pair(o.district.ko(), o.district.en()))
                .unwrap_or_default(),
        ),
        (i18n::PR_F_ROLE, one_line(&p.role)),
        (i18n::PR_F_PHONE, p.phone.clone()),
        (i18n::PR_F_EMAIL, p.email.clone()),
        (i18n::PR_F_TAGS, p.tags.join(", ")),
        (i18n::PR_F_NOTES, one_line(&p.notes)),
        (i18n::PR_F_ARCHIVED, yes_no(p.archived)),
        (i18n::PR_F_CREATED, when(p.created)),
    ]
}

fn record_table(r: &PersonRecord) -> Table {
    let rows = record_fields(&r.person, r.org.as_ref());
    Table {
        cols: vec![
            col(i18n::PR_COL_FIELD, 2, false),
            col(i18n::PR_COL_VALUE, 5, false),
        ],
        rows: rows
            .into_iter()
            .map(|(f, v)| Row::new(vec![both(f), v]))
            .collect(),
        note: None,
    }
}

fn status_words(s: &AttendanceStatus) -> String {
    let l = s.label();
    pair(l.0, l.1)
}

fn days_table(days: &[DayLine]) -> Table {
    Table {
        cols: vec![
            col(i18n::PR_COL_DATE, 2, true),
            col(i18n::PR_COL_DAY, 4, false),
            col(i18n::PR_COL_STATUS, 3, false),
            col(i18n::PR_COL_ARRIVED, 2, true),
            col(i18n::PR_COL_DESK, 2, false),
        ],
        rows: days
            .iter()
            .map(|d| {
                let (at, desk) = match &d.status {
                    AttendanceStatus::CheckedIn { at, desk }
                    | AttendanceStatus::WalkIn { at, desk } => (at.hhmm(), desk.clone()),
                    _ => (String::new(), String::new()),
                };
                Row::new(vec![
                    date(d.date),
                    d.title.clone(),
                    status_words(&d.status),
                    at,
                    desk,
                ])
            })
            .collect(),
        note: None,
    }
}

fn actions_table(lines: &[NoteLine]) -> Table {
    Table {
        cols: vec![
            col(i18n::PR_COL_DATE, 2, true),
            col(i18n::PR_COL_TEXT, 6, false),
            col(i18n::PR_COL_DUE, 2, true),
            col(i18n::PR_COL_DONE, 1, true),
        ],
        rows: lines
            .iter()
            .map(|l| {
                let (due, done) = match &l.note.kind {
                    NoteKind::Action { due, done, .. } => {
                        (due.map(date).unwrap_or_default(), yes_no(*done))
                    }
                    _ => (String::new(), String::new()),
                };
                Row::new(vec![
                    l.date.map(date).unwrap_or_default(),
                    one_line(&l.note.text),
                    due,
                    done,
                ])
            })
            .collect(),
        note: None,
    }
}

fn mentions_table(lines: &[NoteLine]) -> Table {
    Table {
        cols: vec![
            col(i18n::PR_COL_DATE, 2, true),
            col(i18n::PR_COL_KIND, 2, false),
            col(i18n::PR_COL_TEXT, 6, false),
        ],
        rows: lines
            .iter()
            .map(|l| {
                let k = l.note.kind.label();
                let kind = match &l.note.kind {
                    // An action item owned by someone else, named in its text.
                    NoteKind::Action {
                        owner: Owner::Named(n),
                        ..
                    } if !n.is_empty() => format!("{} — {n}", pair(k.0, k.1)),
                    _ => pair(k.0, k.1),
                };
                Row::new(vec![
                    l.date.map(date).unwrap_or_default(),
                    kind,
                    one_line(&l.note.text),
                ])
            })
            .collect(),
        note: None,
    }
}

fn ideas_table(ideas: &[Idea]) -> Table {
    Table {
        cols: vec![
            col(i18n::PR_COL_TITLE, 4, false),
            col(i18n::PR_COL_CATEGORY, 3, false),
            col(i18n::PR_COL_STATUS, 2, false),
            col(i18n::PR_COL_NEXT, 4, false),
            col(i18n::PR_COL_DUE, 2, true),
        ],
        rows: ideas
            .iter()
            .map(|i| {
                let (c, s) = (i.category.label(), i.status.label());
                Row::new(vec![
                    i.title.clone(),
                    pair(c.0, c.1),
                    pair(s.0, s.1),
                    one_line(&i.next_step),
                    i.next_due.map(date).unwrap_or_default(),
                ])
            })
            .collect(),
        note: None,
    }
}

fn touched_words(t: Touched) -> String {
    both(match t {
        Touched::Person => i18n::PR_REC_PERSON,
        Touched::Attendance => i18n::PR_REC_ATTENDANCE,
        Touched::Note => i18n::PR_REC_NOTE,
        Touched::Idea => i18n::PR_REC_IDEA,
    })
}

fn changes_table(changes: &[ChangeEntry], folded: bool) -> Table {
    let mut notes = vec![i18n::PR_CHANGES_NOTE];
    if folded {
        notes.push(i18n::PR_FOLDED_NOTE);
    }
    let note = notes
        .iter()
        .map(|l| format!("{}\n{}", l.0, l.1))
        .collect::<Vec<_>>()
        .join("\n");
    Table {
        cols: vec![
            col(i18n::PR_COL_WHEN, 3, true),
            col(i18n::PR_COL_DESK, 2, false),
            col(i18n::PR_COL_KIND, 3, false),
            col(i18n::PR_COL_RECORD, 3, false),
            col(i18n::PR_COL_ID, 2, true),
        ],
        rows: changes
            .iter()
            .map(|c| {
                let (ko, en) = c.kind.words();
                Row::new(vec![
                    when(c.at),
                    c.desk.clone(),
                    pair(&ko, &en),
                    c.touched
                        .iter()
                        .map(|t| touched_words(*t))
                        .collect::<Vec<_>>()
                        .join(", "),
                    c.id.clone(),
                ])
            })
            .collect(),
        note: Some(note),
    }
}

fn fields_table(changes: &[ChangeEntry]) -> Table {
    Table {
        cols: vec![
            col(i18n::PR_COL_WHEN, 3, true),
            col(i18n::PR_COL_ID, 2, true),
            col(i18n::PR_COL_RECORD, 3, false),
            col(i18n::PR_COL_FIELD, 3, false),
            col(i18n::PR_COL_BEFORE, 4, false),
            col(i18n::PR_COL_AFTER, 4, false),
        ],
        rows: changes
            .iter()
            .flat_map(|c| {
                c.fields.iter().map(|f| {
                    Row::new(vec![
                        when(c.at),
                        c.id.clone(),
                        f.who.clone(),
                        both(f.field),
                        f.before.clone(),
                        f.after.clone(),
                    ])
                })
            })
            .collect(),
        note: None,
    }
}

/// A section: its heading, then its table, or "(없음)" when it has no rows.
fn section(blocks: &mut Vec<Block>, heading: L, table: Table) {
    blocks.push(Block::Heading {
        level: 1,
        text: both(heading),
    });
    push_table(blocks, table);
}

fn push_table(blocks: &mut Vec<Block>, table: Table) {
    if table.rows.is_empty() {
        blocks.push(Block::Quiet(both(i18n::PR_NONE)));
        if let Some(n) = table.note {
            blocks.push(Block::Quiet(n));
        }
    } else {
        blocks.push(Block::Table(table));
    }
}

/// The report as a document: the title block, then one section per part of `PersonReport`.
pub fn doc(r: &PersonReport) -> Doc {
    let p = &r.record.person;
    let who = format!("{} [{}]", p.name, p.code);
    let mut blocks = vec![Block::Text(
        [i18n::PR_SCOPE, i18n::PR_COPIES]
            .iter()
            .flat_map(|l| [l.0, l.1])
            .collect::<Vec<_>>()
            .join("\n"),
    )];
    section(&mut blocks, i18n::PR_RECORD, record_table(&r.record));
    blocks.push(Block::Heading {
        level: 1,
        text: both(i18n::PR_MERGED),
    });
    if r.merged.is_empty() {
        blocks.push(Block::Quiet(both(i18n::PR_NONE)));
    }
    for m in &r.merged {
        blocks.push(Block::Heading {
            level: 2,
            text: i18n::pr_merged_heading(&m.person.name, &m.person.code),
        });
        blocks.push(Block::Table(record_table(m)));
    }
    section(&mut blocks, i18n::PR_DAYS, days_table(&r.days));
    section(&mut blocks, i18n::PR_ACTIONS, actions_table(&r.actions));
    section(&mut blocks, i18n::PR_MENTIONS, mentions_table(&r.mentions));
    section(&mut blocks, i18n::PR_IDEAS, ideas_table(&r.ideas));
    blocks.push(Block::Heading {
        level: 1,
        text: both(i18n::PR_CONSENT),
    });
    let in_both = |f: &dyn Fn() -> String| {
        format!(
            "{} ({})",
            i18n::with_lang(i18n::Lang::Ko, f),
            i18n::with_lang(i18n::Lang::En, f)
        )
    };
    blocks.push(Block::Text(format!(
        "{}\n{}",
        in_both(&|| i18n::consent_line(r.consent.as_ref())),
        in_both(&|| i18n::retention_rule(r.retention_months)),
    )));
    section(
        &mut blocks,
        i18n::PR_CHANGES,
        changes_table(&r.changes, r.journal_folded),
    );
    section(&mut blocks, i18n::PR_EARLIER, fields_table(&r.changes));
    Doc {
        title: both(i18n::PR_TITLE),
        subtitle: both(i18n::PR_SUBTITLE),
        fields: vec![
            (both(i18n::PR_WHO), who.clone()),
            (both(i18n::PR_MADE), when(r.made)),
            (both(i18n::PR_DESK), r.desk.clone()),
        ],
        blocks,
        footer: format!("{} — {who}", both(i18n::PR_TITLE)),
        lang: Lang::Ko,
    }
}

/// The document as plain text: headings, "label: value" lines, and each table one line per
/// row with its columns lined up by display width (Hangul takes two columns). Every column is
/// as wide as its widest cell, so `pad` never cuts: the report leaves nothing out.
pub fn text(doc: &Doc) -> String {
    let mut out = String::new();
    out.push_str(&doc.title);
    out.push('\n');
    if !doc.subtitle.is_empty() {
        out.push_str(&doc.subtitle);
        out.push('\n');
    }
    out.push('\n');
    let label_w = doc
        .fields
        .iter()
        .map(|(k, _)| crate::model::text::width(k))
        .max()
        .unwrap_or(0);
    for (k, v) in &doc.fields {
        out.push_str(&format!("{}  {v}\n", pad(k, label_w)));
    }
    for b in &doc.blocks {
        match b {
            Block::Heading { level: 1, text } => {
                out.push_str(&format!("\n■ {text}\n"));
            }
            Block::Heading { text, .. } => out.push_str(&format!("\n  □ {text}\n")),
            Block::Text(t) => {
                out.push('\n');
                for l in t.lines() {
                    out.push_str(l);
                    out.push('\n');
                }
            }
            Block::Quiet(t) => {
                for l in t.lines() {
                    out.push_str(&format!("  {l}\n"));
                }
            }
            Block::Note {
                kind, text, meta, ..
            } => {
                out.push_str(&format!("  {kind}: {} ({meta})\n", one_line(text)));
            }
            Block::Table(t) => table_text(&mut out, t),
            Block::PageBreak => {}
        }
    }
    out
}

fn table_text(out: &mut String, t: &Table) {
    let n = t.cols.len();
    let mut widths: Vec<usize> = t
        .cols
        .iter()
        .map(|c| crate::model::text::width(&c.title))
        .collect();
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate().take(n) {
            widths[i] = widths[i].max(crate::model::text::width(c));
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let mut l = String::from("  ");
        let cells: Vec<&str> = cells.collect();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                l.push_str(c);
            } else {
                l.push_str(&pad(c, widths[i]));
                l.push_str("  ");
            }
        }
        l.trim_end().to_string()
    };
    out.push_str(&line(&mut t.cols.iter().map(|c| c.title.as_str())));
    out.push('\n');
    let rule: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
    out.push_str(&format!("  {}\n", "-".repeat(rule)));
    for r in &t.rows {
        out.push_str(&line(&mut r.cells.iter().map(String::as_str)));
        out.push('\n');
    }
    if let Some(note) = &t.note {
        for l in note.lines() {
            out.push_str(&format!("  {l}\n"));
        }
    }
}

/// The report as a PDF (A4, the bundled font), through the minutes' writer.
pub fn pdf(
    doc: &Doc,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<u8>, crate::io::print::PrintError> {
    Ok(crate::io::print::report::render(doc, progress)?.0)
}
