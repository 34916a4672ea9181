//! Cleaning text at the boundary: nothing from a file or a paste may drive the terminal or hide
//! in a name, and no field grows past its limit.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

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

/// Display width of `s` in terminal columns (a Hangul syllable takes two).
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` with every control character (a line break too) shown as `�`, so nothing stored can
/// drive the terminal.
fn visible(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` cut to at most `max` display columns, ending in `…` when cut (a wide character that
/// would be cut in half goes whole); control characters are shown as `�`.
pub fn truncate(s: &str, max: usize) -> String {
    let s = visible(s);
    if s.width() <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let (kept, _) = s.unicode_truncate(max - 1);
    format!("{kept}…")
}

/// `s` cut to `w` columns and padded with spaces to exactly `w`.
pub fn pad(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let n = t.width();
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(n)));
    t
}

/// `text` broken into lines of at most `width` display columns (see `wrap_indented`).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, "", "")
}

/// `text` broken into lines of at most `width` display columns, counting the `first` line's
/// prefix and the `rest` prefix of the lines after it. Lines break after a space, "·" or ",";
/// a word wider than a line is cut where it must be. Each line break of `text` starts a new
/// line; control characters are shown as `�`.
pub fn wrap_indented(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    use textwrap::{Options, WordSeparator, WordSplitter, WrapAlgorithm};
    let width = width.max(2);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = visible(para.strip_suffix('\r').unwrap_or(para));
        let indent = if out.is_empty() { first } else { rest };
        let options = Options::new(width)
            .initial_indent(indent)
            .subsequent_indent(rest)
            .word_separator(WordSeparator::Custom(after_space_or_mark))
            .word_splitter(WordSplitter::NoHyphenation)
            .wrap_algorithm(WrapAlgorithm::FirstFit)
            .break_words(true);
        out.extend(
            textwrap::wrap(&para, options)
                .into_iter()
                .map(Cow::into_owned),
        );
    }
    out
}

/// Words of a line for `textwrap`, each ending after a space, "·" or ",".
fn after_space_or_mark(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut start = 0;
    let mut after_break = false;
    let mut chars = line.char_indices();
    Box::new(std::iter::from_fn(move || {
        for (at, c) in chars.by_ref() {
            let split = after_break && c != ' ';
            after_break = matches!(c, ' ' | '·' | ',');
            if split {
                let word = textwrap::core::Word::from(&line[start..at]);
                start = at;
                return Some(word);
            }
        }
        (start < line.len()).then(|| {
            let word = textwrap::core::Word::from(&line[start..]);
            start = line.len();
            word
        })
    }))
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

    #[test]
    fn truncate_cuts_by_columns_not_chars() {
        assert_eq!(truncate("김기성", 6), "김기성");
        assert_eq!(truncate("김기성", 5), "김기…");
        assert_eq!(truncate("김기성", 4), "김…");
        assert_eq!(truncate("태릉신협협동조합", 7), "태릉신…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("김", 4), "김  ");
        assert_eq!(width(&pad("한울신협 이사장", 9)), 9);
        for w in 0..20 {
            assert!(width(&truncate("서울 마포구 협동조합 a", w)) <= w, "{w}");
        }
    }

    #[test]
    fn truncate_never_passes_control_characters() {
        let cut = truncate("a\u{1b}[2Jb\u{9b}", 10);
        assert!(!cut.chars().any(char::is_control), "{cut:?}");
        assert!(width(&truncate("\u{1b}\u{1b}\u{1b}\u{1b}", 2)) <= 2);
    }

    #[test]
    fn wrap_never_exceeds_the_width() {
        let text =
            "데이터베이스가 비어 있습니다. 예시 네트워킹데이(데모)를 불러올까요?\n\nEnter 불러오기";
        for w in 2..60 {
            for line in wrap(text, w) {
                assert!(width(&line) <= w, "{w}: {line:?}");
            }
        }
        assert_eq!(wrap("가나 다라", 5), vec!["가나", "다라"]);
        assert_eq!(wrap("가나다라마", 4), vec!["가나", "다라", "마"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert!(!wrap("a\u{1b}[2J", 10).concat().contains('\u{1b}'));
    }

    #[test]
    fn wrap_indented_counts_its_prefixes() {
        assert_eq!(
            wrap_indented("가나 다라 마바", 8, "- ", "  "),
            vec!["- 가나", "  다라", "  마바"]
        );
        assert_eq!(
            wrap_indented("16·expected 39", 10, "", ""),
            vec!["16·", "expected", "39"]
        );
    }
}
