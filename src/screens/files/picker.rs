//! Finding the file to import without typing its whole path: under the import dialog's path
//! field, the lists in the folders of past imports, Downloads, Documents, the Desktop and the
//! current folder, newest first. Typing a name narrows them (Hangul by its jamo, so a syllable
//! still being composed matches); a typed folder lists that folder, subfolders too; ↑↓ choose,
//! Enter takes, Tab completes the typed path as a shell does or takes the chosen row's path.
//!
//! Folders are read on a thread of their own, each capped (`listing::PER_FOLDER`): a folder on a
//! network drive that does not answer leaves the list without it, never the dialog waiting.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::files::listing::{self, Entry};
use crate::i18n;
use crate::screens::Action;
use crate::screens::unit::Cx;
use crate::widgets::list::{ListKey, offset, step};
use crate::widgets::paint::{caret, pad, popup, truncate};
use crate::widgets::{THEME, TextField};

/// Rows kept after filtering (what is drawn is far fewer; the count says how many matched).
const LIST_CAP: usize = 500;

/// How long opening the dialog or typing a folder waits for the folders to be read: local
/// folders are read long before; a slow one shows up on a later key or the next second's tick.
const WAIT: Duration = Duration::from_millis(300);

/// Where the picker looks when no folder is typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    /// The folders of past imports, newest first.
    pub recent: Vec<PathBuf>,
    pub home: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    /// The system's own Downloads, Documents and Desktop (moved or named in the user's language).
    pub system: Vec<PathBuf>,
}

impl Places {
    /// The user's folders, with the folders of past imports first.
    pub fn of_user(recent: Vec<PathBuf>) -> Places {
        Places {
            recent,
            home: listing::home(),
            cwd: std::env::current_dir().ok(),
            system: listing::system_folders(),
        }
    }

    /// Only the folders under `home` (tests: a home of their own, nothing of the machine's).
    pub fn at_home(home: &Path, recent: Vec<PathBuf>) -> Places {
        Places {
            recent,
            home: Some(home.to_path_buf()),
            cwd: None,
            system: Vec::new(),
        }
    }

    fn folders(&self) -> Vec<PathBuf> {
        listing::usual_folders(
            &self.recent,
            self.home.as_deref(),
            self.cwd.as_deref(),
            &self.system,
        )
    }
}

/// What the reading threads have found so far.
#[derive(Debug, Default)]
struct Found {
    entries: Vec<Entry>,
    /// The folders read, as the system names them (a folder reached twice is listed once).
    read: Vec<PathBuf>,
    /// Folders still being read.
    pending: usize,
}

/// Folders being read (or read): shared with the threads reading them.
#[derive(Clone, Debug, Default)]
struct Scan(Arc<Mutex<Found>>);

impl Scan {
    fn with<T>(&self, f: impl FnOnce(&mut Found) -> T) -> T {
        match self.0.lock() {
            Ok(mut g) => f(&mut g),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    /// Starts reading `folders` (only their lists when `only_lists`), each on a thread of its
    /// own so that one that does not answer holds up no other, and waits up to `WAIT`.
    fn start(folders: Vec<PathBuf>, only_lists: bool) -> Scan {
        let scan = Scan::default();
        let (tx, rx) = mpsc::channel();
        for dir in folders {
            let (theirs, tx) = (scan.clone(), tx.clone());
            scan.with(|f| f.pending += 1);
            let spawned = std::thread::Builder::new()
                .name("netday-files".into())
                .spawn(move || {
                    // Not there, or not to be read: left out.
                    let named = dir.canonicalize().ok();
                    let mut found = match &named {
                        Some(_) => listing::read_folder(&dir, listing::PER_FOLDER),
                        None => Vec::new(),
                    };
                    if only_lists {
                        found.retain(|e| e.list);
                    }
                    theirs.with(|f| {
                        if let Some(named) = named
                            && !f.read.contains(&named)
                        {
                            f.read.push(named);
                            f.entries.extend(found);
                        }
                        f.pending -= 1;
                    });
                    let _ = tx.send(());
                });
            if spawned.is_err() {
                // No thread: that folder is not listed; the typed path still works.
                scan.with(|f| f.pending -= 1);
            }
        }
        drop(tx);
        let until = std::time::Instant::now() + WAIT;
        while scan.with(|f| f.pending) > 0 {
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() || rx.recv_timeout(left).is_err() {
                break;
            }
        }
        scan
    }
}

/// What a key did in the picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    /// Not the picker's key: the dialog does what it did before.
    NotMine,
    /// Handled (the list or the typed path changed).
    Kept,
    /// A file was taken into the path field: read it for the preview.
    Take,
}

#[derive(Clone, Debug, Default)]
pub struct Picker {
    places: Places,
    /// The usual folders' lists.
    usual: Scan,
    /// The folder typed: as typed, the folder it names, and its listing.
    typed: Option<(String, PathBuf, Scan)>,
    /// What the reading threads had found (and how many were still reading) when the rows
    /// were worked out.
    seen: (usize, usize),
    /// The entries matching what is typed, in the order shown, at most `LIST_CAP`.
    pub rows: Vec<Entry>,
    /// How many matched in all.
    pub matched: usize,
    pub selected: usize,
    /// ↑↓ were pressed since the last typing: Tab takes the chosen row, not a completion.
    moved: bool,
    /// The text the rows were worked out for.
    text: String,
}

/// Two pickers are alike when they show the same: the threads behind them are no content.
impl PartialEq for Picker {
    fn eq(&self, other: &Self) -> bool {
        self.places == other.places
            && self.rows == other.rows
            && self.selected == other.selected
            && self.text == other.text
    }
}

impl Eq for Picker {}

/// The keys of `s` as a 2-set keyboard types them, lowercased: a name matches a typed part of
/// it even while its last syllable is being composed (참ㅅ, 참서 → 참석).
fn keys(s: &str) -> Vec<char> {
    crate::search::jamo_keys(&s.to_lowercase())
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

impl Picker {
    /// The picker over `places`, the usual folders read (or being read).
    pub fn open(places: Places) -> Picker {
        let usual = Scan::start(places.folders(), true);
        let mut p = Picker {
            places,
            usual,
            ..Picker::default()
        };
        p.refresh();
        p
    }

    /// The picker of the dialog `cx` opens: the user's folders, those of past imports first.
    pub fn for_user(cx: &Cx) -> Picker {
        let recent = cx.data.recent_import_folders();
        Picker::open(match cx.home {
            Some(home) => Places::at_home(home, recent),
            None => Places::of_user(recent),
        })
    }

    /// A typed path's folder part and name part; `None` when what is typed is a name to find.
    fn split(text: &str) -> Option<(&str, &str)> {
        listing::split_typed(text)
    }

    /// Takes in the reading threads' news; `true` when the rows changed (a redraw is due).
    pub fn poll(&mut self) -> bool {
        let before = (self.rows.len(), self.matched);
        self.refresh();
        before != (self.rows.len(), self.matched)
    }

    /// Whether folders are still being read for the list shown.
    pub fn reading(&self) -> bool {
        self.scan().with(|f| f.pending > 0)
    }

    fn scan(&self) -> &Scan {
        match &self.typed {
            Some((_, _, scan)) => scan,
            None => &self.usual,
        }
    }

    /// Follows the text typed: a new folder is read; the rows are worked out again.
    fn follow(&mut self, text: &str) {
        self.moved = false;
        self.selected = 0;
        match Self::split(text) {
            Some((folder, _)) => {
                if self.typed.as_ref().is_none_or(|(f, _, _)| f != folder) {
                    // `~` as the preview reads it.
                    let dir = listing::folder_of(folder, listing::home().as_deref());
                    let scan = Scan::start(vec![dir.clone()], false);
                    self.typed = Some((folder.to_string(), dir, scan));
                }
            }
            None => self.typed = None,
        }
        self.text = text.to_string();
        // Typing starts from the best match: no row stays chosen.
        self.rows.clear();
        self.seen = (usize::MAX, 0);
        self.refresh();
    }

    /// Works out the rows again when the reading threads found more (or the text changed).
    fn refresh(&mut self) {
        let scan = self.scan().clone();
        let seen = scan.with(|f| (f.entries.len(), f.pending));
        if seen == self.seen {
            return;
        }
        self.seen = seen;
        let wanted = match Self::split(&self.text) {
            Some((_, name)) => keys(name),
            None => keys(&self.text),
        };
        let in_folder = self.typed.is_some();
        let mut rows: Vec<Entry> = scan.with(|f| {
            f.entries
                .iter()
                .filter(|e| contains(&keys(&e.name), &wanted))
                .cloned()
                .collect()
        });
        // Lists first, newest first; then (in a typed folder) its folders, then anything else.
        rows.sort_by(|a, b| {
            let rank = |e: &Entry| (!e.list, !e.folder);
            rank(a)
                .cmp(&rank(b))
                .then_with(|| {
                    if a.list && b.list {
                        b.modified.cmp(&a.modified)
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then_with(|| a.path.cmp(&b.path))
        });
        if !in_folder {
            // The same file reached through two folders (Documents is also the current one).
            rows.dedup_by(|a, b| a.path == b.path);
        }
        self.matched = rows.len();
        rows.truncate(LIST_CAP);
        // The chosen row stays chosen when more are found above it.
        let chosen = self.rows.get(self.selected).map(|e| e.path.clone());
        self.selected = chosen
            .and_then(|p| rows.iter().position(|e| e.path == p))
            .unwrap_or(self.selected)
            .min(rows.len().saturating_sub(1));
        self.rows = rows;
    }

    /// How `path` is shown: under the home folder as `~/…`.
    fn shown(&self, path: &Path, folder: bool) -> String {
        self.written_from(self.places.home.as_deref(), path, folder)
    }

    /// How `path` is written in the field: as `~/…` only where `~` means the same when read.
    fn written(&self, path: &Path, folder: bool) -> String {
        let home = self
            .places
            .home
            .clone()
            .filter(|h| Some(h) == listing::home().as_ref());
        self.written_from(home.as_deref(), path, folder)
    }

    fn written_from(&self, home: Option<&Path>, path: &Path, folder: bool) -> String {
        let sep = listing::separator_in(&self.text);
        let mut text = match home.and_then(|h| path.strip_prefix(h).ok()) {
            Some(rest) if rest.as_os_str().is_empty() => "~".to_string(),
            Some(rest) => {
                let rest: Vec<String> = rest
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                format!("~{sep}{}", rest.join(&sep.to_string()))
            }
            _ => path.display().to_string(),
        };
        if folder && !text.ends_with(sep) {
            text.push(sep);
        }
        text
    }

    /// Puts the chosen row's path into the field; `Take` for a file, a folder is listed.
    fn take_row(&mut self, path: &mut TextField) -> Picked {
        let Some(row) = self.rows.get(self.selected).cloned() else {
            return Picked::NotMine;
        };
        path.set(&self.written(&row.path, row.folder));
        self.follow(path.value());
        if row.folder {
            Picked::Kept
        } else {
            Picked::Take
        }
    }

    /// Tab on a typed path: as far as the names in its folder that start so agree; a folder
    /// reached whole gets its separator and is listed.
    fn complete(&mut self, path: &mut TextField) {
        let text = path.value().to_string();
        let Some((folder, name)) = Self::split(&text) else {
            return;
        };
        let start = keys(name);
        let found: Vec<(String, bool)> = self.scan().with(|f| {
            f.entries
                .iter()
                .filter(|e| keys(&e.name).starts_with(&start))
                .map(|e| (e.name.clone(), e.folder))
                .collect()
        });
        let completed = match found.as_slice() {
            [] => return,
            [(one, is_folder)] => {
                let sep = if *is_folder {
                    listing::separator_in(&text).to_string()
                } else {
                    String::new()
                };
                format!("{folder}{one}{sep}")
            }
            many => {
                let common = listing::common_start(many.iter().map(|(n, _)| n.as_str()));
                if keys(&common).len() <= start.len() {
                    return;
                }
                format!("{folder}{common}")
            }
        };
        path.set(&completed);
        self.follow(&completed);
    }

    /// A key of the import dialog's path stage: the list's keys, Tab, Enter on a listed file,
    /// and typing (which narrows the list).
    pub fn update(&mut self, cx: &mut Cx, path: &mut TextField, action: &Action) -> Picked {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let key = match action {
                    Action::Up => ListKey::Up,
                    Action::Down => ListKey::Down,
                    Action::PageUp => ListKey::PageUp,
                    _ => ListKey::PageDown,
                };
                self.selected = step(self.selected, key, self.rows.len());
                self.moved = true;
                Picked::Kept
            }
            Action::NextField => {
                if self.moved || Self::split(path.value()).is_none() {
                    if self.take_row(path) == Picked::NotMine {
                        return Picked::Kept;
                    }
                } else {
                    self.complete(path);
                }
                Picked::Kept
            }
            Action::Submit => {
                // A file typed in full is read as typed.
                let typed = crate::files::expand_home(path.value());
                if !self.moved && !path.trim().is_empty() && typed.is_file() {
                    return Picked::NotMine;
                }
                self.take_row(path)
            }
            a => match crate::screens::edit_text(path, a) {
                None => Picked::NotMine,
                Some(edited) => {
                    cx.edited(Some(edited));
                    if path.value() != self.text {
                        self.follow(path.value());
                    }
                    Picked::Kept
                }
            },
        }
    }
}

/// The import dialog at its path stage: the path field, the files to choose from, what went
/// wrong, the keys.
pub fn draw(picker: &Picker, path: &TextField, error: Option<&str>, f: &mut Frame, area: Rect) {
    // As tall as a screenful of names, and no taller: the height stays while the list narrows.
    let h = area.height.saturating_sub(2).clamp(7, 20);
    let inner = popup(f, area, 100, h, i18n::IMPORT_TITLE.get());
    let w = inner.width as usize;
    let (path_line, x) = super::view::path_line(path, w);
    let mut lines = vec![path_line];
    let in_folder = picker.typed.as_ref().map(|(_, dir, _)| dir);
    let head = match in_folder {
        Some(dir) => i18n::picker_in(&picker.shown(dir, true)),
        None => i18n::PICKER_USUAL.get().to_string(),
    };
    lines.push(Line::styled(truncate(&head, w), THEME.dim));
    // Under the list: how many more, what went wrong, the keys.
    let room = (inner.height as usize).saturating_sub(lines.len() + 3);
    let top = offset(picker.selected, room);
    let wide = w >= 100;
    let time_w = if wide { 16 } else { 11 };
    let folder_w = if in_folder.is_some() {
        0
    } else {
        (w / 4).min(28)
    };
    let name_w = w.saturating_sub(2 + time_w + 1 + folder_w + usize::from(folder_w > 0));
    for (i, e) in picker.rows.iter().enumerate().skip(top).take(room) {
        let mut name = e.name.clone();
        if e.folder {
            name.push(listing::separator_in(&picker.text));
        }
        let when = if e.folder {
            i18n::PICKER_FOLDER.get().to_string()
        } else {
            e.modified
                .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| {
                    let t = crate::model::Ts(i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
                    let format = if wide {
                        "%Y-%m-%d %H:%M"
                    } else {
                        "%m-%d %H:%M"
                    };
                    t.local().format(format).to_string()
                })
                .unwrap_or_default()
        };
        let mut text = format!(
            "{} {}",
            if i == picker.selected { "▸" } else { " " },
            pad(&name, name_w)
        );
        if folder_w > 0 {
            let folder = e
                .path
                .parent()
                .map(|p| picker.shown(p, false))
                .unwrap_or_default();
            text.push(' ');
            text.push_str(&pad(&folder, folder_w));
        }
        text.push(' ');
        text.push_str(&pad(&when, time_w));
        let style = if i == picker.selected {
            THEME.selected
        } else if e.list || e.folder {
            THEME.plain
        } else {
            THEME.dim
        };
        lines.push(Line::styled(truncate(&text, w), style));
    }
    if picker.rows.is_empty() {
        lines.push(Line::styled(
            truncate(i18n::PICKER_NONE.get(), w),
            THEME.muted,
        ));
    }
    let shown = room.min(picker.rows.len());
    while lines.len() < (inner.height as usize).saturating_sub(3) {
        lines.push(Line::default());
    }
    if picker.matched > shown {
        lines.push(Line::styled(
            truncate(&i18n::picker_more(shown, picker.matched), w),
            THEME.muted,
        ));
    } else {
        lines.push(Line::default());
    }
    match error {
        Some(e) => lines.push(Line::styled(truncate(e, w), THEME.error)),
        None => lines.push(Line::default()),
    }
    lines.push(Line::styled(
        truncate(
            &crate::keymap::footer(crate::keymap::Context::ImportPath),
            w,
        ),
        THEME.muted,
    ));
    f.render_widget(Paragraph::new(lines), inner);
    caret(f, inner.x + x as u16, inner.y, inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(name: &str) -> Entry {
        Entry {
            path: PathBuf::from(name),
            name: name.to_string(),
            folder: false,
            list: true,
            modified: None,
        }
    }

    #[test]
    fn a_folder_read_after_the_dialog_stopped_waiting_shows_on_the_next_poll() {
        let scan = Scan::default();
        scan.with(|f| f.pending = 1);
        let mut p = Picker {
            usual: scan.clone(),
            ..Picker::default()
        };
        p.follow("");
        assert!(p.rows.is_empty() && p.reading());
        assert!(!p.poll(), "nothing new yet");
        scan.with(|f| {
            f.entries.push(list("늦은 명단.csv"));
            f.pending = 0;
        });
        assert!(p.poll(), "the app redraws");
        assert_eq!(p.rows, [list("늦은 명단.csv")]);
        assert!(!p.reading());
    }

    #[test]
    fn the_chosen_row_stays_chosen_when_more_are_found_above_it() {
        let scan = Scan::default();
        scan.with(|f| {
            f.entries.push(list("나.csv"));
            f.entries.push(list("다.csv"));
            f.pending = 1;
        });
        let mut p = Picker {
            usual: scan.clone(),
            ..Picker::default()
        };
        p.follow("");
        p.selected = 1;
        scan.with(|f| {
            f.entries.push(list("가.csv"));
            f.pending = 0;
        });
        assert!(p.poll());
        assert_eq!(p.rows[p.selected].name, "다.csv");
    }
}
