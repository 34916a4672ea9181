//! Cleaning text at the boundary: nothing from a file or a paste may drive the terminal or hide
//! in a name, and no field grows past its limit.

use unicode_normalization::UnicodeNormalization;

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1): characters
/// that draw as nothing. It includes the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the
/// bidi controls, the zero-width characters, the variation selectors and the tag characters.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Unicode's line and paragraph separators (not controls, but they break a line).
fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

const ZWJ: char = '\u{200D}';

/// Pictographs that join into one emoji with a ZWJ (👩‍💻, 👨‍👩‍👧, 🏳‍🌈): the emoji blocks,
/// skin tones included, and the older symbol blocks such as ❤ and ☕.
fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

/// Keeps `c` unless it is a control or invisible; a ZWJ only between two emoji.
struct Cleaner {
    out: String,
    /// A ZWJ seen right after an emoji, kept if another emoji follows.
    zwj: bool,
}

impl Cleaner {
    fn new(len: usize) -> Cleaner {
        Cleaner {
            out: String::with_capacity(len),
            zwj: false,
        }
    }

    fn push(&mut self, c: char) {
        if c == ZWJ {
            self.zwj = self.out.chars().next_back().is_some_and(is_emoji);
            return;
        }
        if (c.is_control() && c != '\n') || is_default_ignorable(c) {
            return;
        }
        if std::mem::take(&mut self.zwj) && is_emoji(c) {
            self.out.push(ZWJ);
        }
        self.out.push(c);
    }
}

/// One-line text: NFC; controls and default-ignorable characters (bidi controls, zero-width
/// characters, soft hyphens, Hangul fillers, variation selectors, tags) removed, except a ZWJ
/// inside an emoji sequence; tabs and line breaks turned to spaces, outer whitespace trimmed.
/// ESC sequences lose their ESC and become harmless text.
pub fn clean_line(s: &str) -> String {
    let mut c = Cleaner::new(s.len());
    for ch in s.nfc() {
        if ch == '\t' || ch == '\n' || ch == '\r' || is_separator(ch) {
            c.push(' ');
        } else {
            c.push(ch);
        }
    }
    let out = c.out;
    let t = out.trim();
    if t.len() == out.len() {
        out
    } else {
        t.to_string()
    }
}

/// Multi-line text: like `clean_line` but line breaks are kept (as LF; CR dropped).
pub fn clean_multiline(s: &str) -> String {
    let mut c = Cleaner::new(s.len());
    for ch in s.nfc() {
        if ch == '\n' || is_separator(ch) {
            c.push('\n');
        } else if ch == '\t' {
            c.push(' ');
        } else {
            c.push(ch);
        }
    }
    let mut out = c.out;
    out.truncate(out.trim_end().len());
    out
}

/// A text field someone can fill in, by what it holds. Each has one limit, applied at every way
/// in (import, paste): far above any real value, far below what could hurt the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Name,
    Organization,
    Role,
    Phone,
    Email,
    BadgeCode,
    /// One tag.
    Tag,
    /// All of one person's tags, as typed in one box or one cell.
    Tags,
    /// A person's or organisation's free notes.
    PersonNotes,
    /// Contact line of an organisation.
    Contact,
    /// Text of a meeting note (메모, 결정 사항, 실행 과제).
    NoteText,
    /// Titles: networking day, agenda item, collaboration idea.
    Title,
    /// Presenter, owner, venue and other short one-line fields.
    Short,
    /// A collaboration idea's description.
    Description,
    /// A search or filter box.
    Search,
    /// A file path typed or pasted.
    Path,
}

impl TextField {
    /// At most this many characters.
    pub const fn limit(self) -> usize {
        match self {
            TextField::Name => 100,
            TextField::Organization | TextField::Contact | TextField::Title => 200,
            TextField::Role | TextField::Short | TextField::Search => 100,
            TextField::Phone => 40,
            TextField::Email => 254,
            TextField::BadgeCode => 16,
            TextField::Tag => 50,
            TextField::Tags => 500,
            TextField::PersonNotes => 10_000,
            TextField::NoteText | TextField::Description => 20_000,
            TextField::Path => 4_096,
        }
    }
}

/// `s` when it fits `field`; otherwise `Err` with the longest prefix that fits.
pub fn fit(field: TextField, s: &str) -> Result<&str, &str> {
    cut_to(s, field.limit())
}

/// `s` when it has at most `max` characters; otherwise `Err` with its first `max` characters.
pub fn cut_to(s: &str, max: usize) -> Result<&str, &str> {
    match s.char_indices().nth(max) {
        None => Ok(s),
        Some((at, _)) => Err(&s[..at]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(clean_line("김\u{1b}[31m기성\u{7}"), "김[31m기성");
        assert_eq!(clean_line("\u{9b}2J강민수"), "2J강민수");
        assert!(!clean_line("a\u{1b}]0;pwn\u{7}b").contains('\u{1b}'));
    }

    #[test]
    fn nfc_joins_decomposed_hangul() {
        // 김 as conjoining jamo (NFD, as macOS writes it) becomes one syllable.
        assert_eq!(clean_line("\u{1100}\u{1175}\u{11B7}"), "김");
    }

    #[test]
    fn multiline_keeps_newlines_drops_cr() {
        assert_eq!(clean_multiline("가\r\n나\u{1b}\n"), "가\n나");
    }

    #[test]
    fn invisible_characters_are_removed() {
        let hidden = [
            '\u{00AD}',
            '\u{034F}',
            '\u{061C}',
            '\u{115F}',
            '\u{1160}',
            '\u{17B4}',
            '\u{180E}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{206F}',
            '\u{3164}',
            '\u{FE00}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{FFF0}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{E0100}',
            '\u{E01EF}',
        ];
        for h in hidden {
            let s = format!("{h}김{h}하{h}늘{h}");
            assert_eq!(clean_line(&s), "김하늘", "U+{:04X}", h as u32);
            assert_eq!(clean_multiline(&s), "김하늘", "U+{:04X}", h as u32);
        }
        // A name of fillers alone is empty (and so refused as a name).
        assert_eq!(clean_line("\u{3164}\u{115F}\u{1160}\u{FFA0} \u{200B}"), "");
        // Ordinary letters, spaces and marks stay.
        assert_eq!(clean_line("Ángel O'Brien-김"), "Ángel O'Brien-김");
    }

    #[test]
    fn zwj_stays_only_inside_emoji_sequences() {
        let woman_technologist = "👩\u{200D}💻";
        assert_eq!(clean_line(woman_technologist), woman_technologist);
        let family = "👨\u{200D}👩\u{200D}👧";
        assert_eq!(clean_line(&format!("김 {family}")), format!("김 {family}"));
        // The variation selector goes; the joined heart stays joined.
        assert_eq!(
            clean_line("👩\u{200D}❤\u{FE0F}\u{200D}👨"),
            "👩\u{200D}❤\u{200D}👨"
        );
        for s in [
            "김\u{200D}하늘",
            "👩\u{200D}하늘",
            "김\u{200D}💻",
            "👩\u{200D}",
        ] {
            assert!(!clean_line(s).contains('\u{200D}'), "{s:?}");
        }
    }

    #[test]
    fn fit_cuts_by_characters() {
        assert_eq!(fit(TextField::Phone, "010-1234-5678"), Ok("010-1234-5678"));
        let long = "가".repeat(TextField::Name.limit() + 1);
        let cut = fit(TextField::Name, &long).expect_err("too long");
        assert_eq!(cut.chars().count(), TextField::Name.limit());
        assert_eq!(cut_to("가나다", 2), Err("가나"));
        assert_eq!(cut_to("가나", 2), Ok("가나"));
    }
}
