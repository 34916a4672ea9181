//! Finding a file to import: the folders a person keeps lists in, what is in them, and what a
//! typed path names. Reading is capped per folder, and a folder that cannot be read is left out
//! without a word (the picker is a help, the typed path still works).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Entries read from one folder at most (a Downloads folder of years holds thousands).
pub const PER_FOLDER: usize = 2_000;

/// What import reads: workbooks, CSV and tab-separated text.
const LIST_EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "csv", "tsv", "txt"];

/// One file or folder in a listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The name as shown: the file name, composed (NFC) as a Mac keeps Hangul decomposed.
    pub name: String,
    pub folder: bool,
    /// A workbook or CSV: what import reads.
    pub list: bool,
    pub modified: Option<SystemTime>,
}

/// Whether import reads a file of this name (by its extension, in any case).
pub fn is_list_file(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| LIST_EXTENSIONS.iter().any(|l| l.eq_ignore_ascii_case(e)))
}

/// Names nobody means to import: hidden files and the lock files Excel and LibreOffice leave
/// beside an open workbook (`~$명단.xlsx`, `.~lock.명단.xlsx#`).
fn is_noise(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

/// The files and folders in `dir`, at most `cap` entries read; nothing when it cannot be read.
pub fn read_folder(dir: &Path, cap: usize) -> Vec<Entry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in read.take(cap).flatten() {
        let Some(name) = entry.file_name().to_str().map(nfc) else {
            // A name that is no text could be neither shown nor typed.
            continue;
        };
        if is_noise(&name) {
            continue;
        }
        // Links followed: a link to a folder is walked into like the folder.
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            continue;
        };
        out.push(Entry {
            path: entry.path(),
            list: meta.is_file() && is_list_file(&name),
            folder: meta.is_dir(),
            modified: meta.modified().ok(),
            name,
        });
    }
    out
}

fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// Where a person keeps the lists they import, in the order looked at: the folders of past
/// imports, Downloads, Documents, the Desktop, the current folder; each once. Nothing is
/// looked at on disk here (a folder of a past import may be on a network drive that does not
/// answer): the reader leaves out what is not there.
pub fn usual_folders(
    recent: &[PathBuf],
    home: Option<&Path>,
    cwd: Option<&Path>,
    system: &[PathBuf],
) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut add = |p: PathBuf| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    recent.iter().cloned().for_each(&mut add);
    system.iter().cloned().for_each(&mut add);
    if let Some(home) = home {
        // A Korean Linux desktop names them in Korean; Windows and macOS keep English names.
        for name in [
            "Downloads",
            "다운로드",
            "Documents",
            "문서",
            "Desktop",
            "바탕화면",
            "바탕 화면",
        ] {
            add(home.join(name));
        }
    }
    if let Some(cwd) = cwd {
        add(cwd.to_path_buf());
    }
    out
}

/// The system's own Downloads, Documents and Desktop folders (where Windows or XDG say they
/// are, moved or renamed), in that order.
pub fn system_folders() -> Vec<PathBuf> {
    let Some(u) = directories::UserDirs::new() else {
        return Vec::new();
    };
    [u.download_dir(), u.document_dir(), u.desktop_dir()]
        .into_iter()
        .flatten()
        .map(Path::to_path_buf)
        .collect()
}

/// The user's home folder.
pub fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

fn is_separator(c: char) -> bool {
    c == '/' || (cfg!(windows) && c == '\\')
}

/// Typed text split into the folder it names and the start of a name in it (`~/Downloads/명`
/// → `~/Downloads/` and `명`); `None` when the text names no folder (a name to look for).
pub fn split_typed(text: &str) -> Option<(&str, &str)> {
    if let Some(i) = text.rfind(is_separator) {
        let at = i + text[i..].chars().next().map_or(1, char::len_utf8);
        return Some(text.split_at(at));
    }
    if text == "~" {
        return Some((text, ""));
    }
    // `C:` and `C:명단.xlsx` on Windows: the drive's current folder.
    let mut chars = text.chars();
    if cfg!(windows)
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.next() == Some(':')
    {
        return Some(text.split_at(2));
    }
    None
}

/// The folder a typed folder part names (`~/` is the home folder, `""` the current folder).
pub fn folder_of(typed: &str, home: Option<&Path>) -> PathBuf {
    if typed.is_empty() {
        return PathBuf::from(".");
    }
    if typed == "~" {
        return home.map_or_else(|| PathBuf::from("~"), Path::to_path_buf);
    }
    if let Some(rest) = typed
        .strip_prefix("~/")
        .or_else(|| typed.strip_prefix("~\\").filter(|_| cfg!(windows)))
        && let Some(home) = home
    {
        return home.join(rest);
    }
    PathBuf::from(typed)
}

/// The separator to end a completed folder with: the one the text already uses, else the
/// platform's.
pub fn separator_in(text: &str) -> char {
    text.chars()
        .rev()
        .find(|c| is_separator(*c))
        .unwrap_or(std::path::MAIN_SEPARATOR)
}

/// The longest start the `names` share, compared without case; taken from the first name.
pub fn common_start<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut names = names.into_iter();
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut len = first.chars().count();
    for n in names {
        len = first
            .chars()
            .zip(n.chars())
            .take(len)
            .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            .count();
    }
    first.chars().take(len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_names_a_folder_only_with_a_separator_or_home() {
        assert_eq!(split_typed("명단"), None);
        assert_eq!(split_typed("~"), Some(("~", "")));
        assert_eq!(split_typed("~/Downloads/명"), Some(("~/Downloads/", "명")));
        assert_eq!(split_typed("/"), Some(("/", "")));
        #[cfg(windows)]
        {
            assert_eq!(split_typed("C:"), Some(("C:", "")));
            assert_eq!(split_typed("C:\\Users\\명"), Some(("C:\\Users\\", "명")));
        }
    }

    #[test]
    fn the_common_start_ignores_case_and_keeps_hangul_whole() {
        assert_eq!(common_start(["명단A.xlsx", "명단a.csv"]), "명단A.");
        assert_eq!(common_start(["참석자.xlsx", "참가자.csv"]), "참");
        assert_eq!(common_start(["하나"]), "하나");
        assert_eq!(common_start(std::iter::empty::<&str>()), "");
    }

    #[test]
    fn the_usual_folders_come_in_order_each_once() {
        let home = Path::new("h");
        let recent = [home.join("행사"), home.join("Downloads")];
        let got = usual_folders(&recent, Some(home), Some(Path::new("c")), &[]);
        let want: Vec<PathBuf> = [
            "행사",
            "Downloads",
            "다운로드",
            "Documents",
            "문서",
            "Desktop",
            "바탕화면",
            "바탕 화면",
        ]
        .iter()
        .map(|n| home.join(n))
        .chain([PathBuf::from("c")])
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_typed_folder_names_home_and_the_current_folder() {
        let home = Path::new("h");
        assert_eq!(folder_of("~", Some(home)), home);
        assert_eq!(
            folder_of("~/Downloads/", Some(home)),
            home.join("Downloads/")
        );
        assert_eq!(folder_of("", Some(home)), PathBuf::from("."));
        assert_eq!(folder_of("a/b/", None), PathBuf::from("a/b/"));
    }

    #[test]
    fn lists_are_known_by_extension_in_any_case() {
        assert!(is_list_file("명단.XLSX"));
        assert!(is_list_file("a.tsv"));
        assert!(!is_list_file("사진.jpg"));
        assert!(!is_list_file("xlsx"));
    }
}
