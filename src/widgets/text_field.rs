//! One line of text being typed: the caret moves inside it (by grapheme, so a Hangul syllable
//! or an emoji is one step), Backspace and Delete work at the caret, Ctrl-U clears, Ctrl-W
//! deletes a word. What goes in is cleaned and held to the field's limit, whether typed or
//! pasted. Editing is tui-input's; this type adds the cleaning, the limit, equality, and
//! Hangul typed as separate jamo (as some Windows terminals deliver it) composed into
//! syllables the way the 2-set keyboard does.

use tui_input::{Input, InputRequest};

use crate::model::{TextField as FieldKind, clean_line, clean_multiline, cut_to};
use crate::search::{Composer, is_compat_consonant, is_compat_vowel};

/// Free notes and descriptions keep their line breaks when set or pasted (they are edited in
/// one line, but saving must not flatten what was written elsewhere).
fn clean(kind: FieldKind, s: &str) -> String {
    match kind {
        FieldKind::PersonNotes | FieldKind::NoteText | FieldKind::Description => clean_multiline(s),
        _ => clean_line(s),
    }
}

/// An edit of a text field, as the keymap names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Backspace,
    Delete,
    DeleteWord,
    Clear,
}

#[derive(Clone, Debug)]
pub struct TextField {
    input: Input,
    kind: FieldKind,
    /// The syllable being composed from jamo, which stands just before the caret; any other
    /// key or edit finishes it.
    ime: Composer,
}

/// Two fields are equal when they hold the same text for the same kind: where the caret
/// stands is not content (a form is unchanged after moving the caret).
impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.input.value() == other.input.value()
    }
}

impl Eq for TextField {}

/// The text, for reading: a field reads like the `str` it holds.
impl std::ops::Deref for TextField {
    type Target = str;
    fn deref(&self) -> &str {
        self.input.value()
    }
}

impl PartialEq<&str> for TextField {
    fn eq(&self, other: &&str) -> bool {
        self.input.value() == *other
    }
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new(FieldKind::Short)
    }
}

/// What a paste did: everything went in, or it was cut to the room the field had left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pasted {
    Whole,
    Cut { room: usize },
}

impl TextField {
    pub fn new(kind: FieldKind) -> TextField {
        TextField {
            input: Input::default(),
            kind,
            ime: Composer::default(),
        }
    }

    /// A field holding `value` (cleaned and cut to the limit), caret at the end.
    pub fn with(kind: FieldKind, value: &str) -> TextField {
        let mut f = TextField::new(kind);
        f.set(value);
        f
    }

    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_empty(&self) -> bool {
        self.input.value().is_empty()
    }

    /// Replaces the text (cleaned and cut to the limit); the caret goes to the end.
    pub fn set(&mut self, value: &str) {
        let clean = clean(self.kind, value);
        let kept = match cut_to(&clean, self.kind.limit()) {
            Ok(s) | Err(s) => s,
        };
        self.input = Input::new(kept.to_string());
        self.ime = Composer::default();
    }

    pub fn clear(&mut self) {
        self.input.reset();
        self.ime = Composer::default();
    }

    fn room(&self) -> usize {
        self.kind
            .limit()
            .saturating_sub(self.input.value().chars().count())
    }

    /// Types one character at the caret. Control characters and a full field take nothing;
    /// returns whether the text changed.
    pub fn insert(&mut self, c: char) -> bool {
        if is_compat_consonant(c) || is_compat_vowel(c) {
            return self.compose(c);
        }
        self.ime = Composer::default();
        if c.is_control() || self.room() == 0 {
            return false;
        }
        if c.is_whitespace() {
            // A space is text inside a field (cleaning trims it only at the ends of a value).
            return self
                .input
                .handle(InputRequest::InsertChar(' '))
                .is_some_and(|s| s.value);
        }
        let mut buf = [0u8; 4];
        let clean = clean_line(c.encode_utf8(&mut buf));
        let mut changed = false;
        for c in clean.chars() {
            changed |= self
                .input
                .handle(InputRequest::InsertChar(c))
                .is_some_and(|s| s.value);
        }
        changed
    }

    /// Feeds a jamo to the syllable being composed and shows the result in its place.
    fn compose(&mut self, jamo: char) -> bool {
        let mut ime = self.ime.clone();
        let before = ime.composing();
        let now = ime.push(jamo) + &ime.composing();
        self.replace_before_caret(&before, &now, ime)
    }

    /// Puts `now` where `before` (the composing syllable) stands before the caret, unless the
    /// field has no room for it.
    fn replace_before_caret(&mut self, before: &str, now: &str, ime: Composer) -> bool {
        let (before, now) = (before.chars().count(), now.chars().collect::<Vec<_>>());
        if now.len() > before + self.room() {
            return false;
        }
        let chars: Vec<char> = self.input.value().chars().collect();
        let caret = self.input.cursor().min(chars.len());
        let start = caret.saturating_sub(before);
        let value: String = chars[..start]
            .iter()
            .chain(&now)
            .chain(&chars[caret..])
            .collect();
        self.input = Input::new(value).with_cursor(start + now.len());
        self.ime = ime;
        true
    }

    /// Inserts pasted text at the caret, cleaned to one line and cut to the room left.
    pub fn paste(&mut self, text: &str) -> Pasted {
        self.ime = Composer::default();
        let clean = clean(self.kind, text);
        let room = self.room();
        let (kept, pasted) = match cut_to(&clean, room) {
            Ok(s) => (s, Pasted::Whole),
            Err(s) => (s, Pasted::Cut { room }),
        };
        for c in kept.chars() {
            self.input.handle(InputRequest::InsertChar(c));
        }
        pasted
    }

    /// Applies an edit; returns whether the text changed (a caret move alone returns false).
    pub fn edit(&mut self, e: Edit) -> bool {
        if e == Edit::Backspace && !self.ime.is_empty() {
            // Inside a syllable being composed, Backspace takes back its last jamo (닭 → 달).
            let mut ime = self.ime.clone();
            let before = ime.composing();
            ime.pop();
            let now = ime.composing();
            return self.replace_before_caret(&before, &now, ime);
        }
        self.ime = Composer::default();
        let req = match e {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::DeleteWord => return self.delete_word(),
            Edit::Clear => InputRequest::DeleteLine,
        };
        self.input.handle(req).is_some_and(|s| s.value)
    }

    /// Deletes back over spaces, then over the word before them (tui-input's own word rule
    /// takes a whole Hangul line as one word).
    fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.input.value().chars().collect();
        let caret = self.input.cursor().min(chars.len());
        let mut start = caret;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == caret {
            return false;
        }
        let value: String = chars[..start].iter().chain(&chars[caret..]).collect();
        self.input = Input::new(value).with_cursor(start);
        true
    }

    /// Display columns before the caret (where the terminal cursor goes, so the IME composes
    /// in place).
    pub fn caret_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// The first display column to show so the caret stays inside `width` columns.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_typed_as_separate_jamo_is_composed_and_initials_stay_initials() {
        assert_eq!(typed("ㅎㅏㄴㄱㅡㄹ").value(), "한글");
        assert_eq!(typed("ㄷㅏㄹㄱㅡㄴ").value(), "달근");
        assert_eq!(typed("ㄱㄱㅅ").value(), "ㄱㄱㅅ");
        assert_eq!(typed("김ㅎㅏㄴㅡㄹ").value(), "김하늘");
        assert_eq!(typed("ㅌㅐㄹㅡㅇ ㅅㅣㄴㅎㅕㅂ").value(), "태릉 신협");
        // A syllable an IME delivered whole is never taken apart or joined.
        assert_eq!(typed("가ㅏ").value(), "가ㅏ");
        let mut f = typed("ㄷㅏㄹㄱ");
        assert_eq!(f.value(), "닭");
        assert!(f.edit(Edit::Backspace));
        assert_eq!(f.value(), "달");
        assert!(f.insert('ㅁ'));
        assert_eq!(f.value(), "닮");
        assert_eq!(f.caret_column(), 2);
    }

    #[test]
    fn composing_happens_at_the_caret_and_ends_when_the_caret_moves() {
        let mut f = typed("정늘");
        f.edit(Edit::Left);
        for j in "ㅎㅏ".chars() {
            f.insert(j);
        }
        assert_eq!(f.value(), "정하늘");
        assert!(f.edit(Edit::Backspace));
        assert_eq!(f.value(), "정ㅎ늘", "Backspace takes back the vowel only");
        f.edit(Edit::Right);
        f.edit(Edit::Left);
        assert!(f.insert('ㅏ'));
        assert_eq!(
            f.value(),
            "정ㅎㅏ늘",
            "after a move the earlier jamo is finished text"
        );
        let mut f = typed("ㅎㅏㄴ");
        assert!(f.edit(Edit::Backspace));
        assert!(f.edit(Edit::Backspace));
        assert!(f.edit(Edit::Backspace));
        assert!(f.is_empty());
        assert!(!f.edit(Edit::Backspace));
    }

    #[test]
    fn a_composed_syllable_respects_the_field_limit() {
        let limit = FieldKind::Phone.limit();
        let mut f = TextField::with(FieldKind::Phone, &"1".repeat(limit - 1));
        assert!(f.insert('ㄱ'));
        assert!(f.insert('ㅏ'), "가 replaces ㄱ: no room needed");
        assert!(f.insert('ㄴ'));
        assert!(
            !f.insert('ㅏ'),
            "가나 needs one more place than the field has"
        );
        assert_eq!(f.value().chars().count(), limit);
        assert!(f.value().ends_with('간'));
    }

    fn typed(s: &str) -> TextField {
        let mut f = TextField::new(FieldKind::Name);
        for c in s.chars() {
            f.insert(c);
        }
        f
    }

    #[test]
    fn a_syllable_in_the_middle_of_a_hangul_name_can_be_fixed() {
        let mut f = typed("정하눌");
        assert!(!f.edit(Edit::Left));
        assert!(f.edit(Edit::Backspace));
        assert!(f.insert('늘'));
        assert_eq!(f.value(), "정늘눌");
        let mut f = typed("정하눌");
        f.edit(Edit::Backspace);
        f.insert('늘');
        assert_eq!(f.value(), "정하늘");
        f.edit(Edit::Home);
        f.edit(Edit::Right);
        assert_eq!(f.caret_column(), 2, "one syllable is two columns");
        f.edit(Edit::Delete);
        assert_eq!(f.value(), "정늘");
    }

    #[test]
    fn a_space_can_be_typed_between_words() {
        assert_eq!(typed("태릉 신협").value(), "태릉 신협");
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_w_deletes_a_word() {
        let mut f = typed("푸른 생협 김하늘");
        assert!(f.edit(Edit::DeleteWord));
        assert_eq!(f.value(), "푸른 생협 ");
        assert!(f.edit(Edit::Clear));
        assert!(f.is_empty());
    }

    #[test]
    fn typing_and_pasting_stop_at_the_field_limit() {
        let mut f = TextField::new(FieldKind::Phone);
        let limit = FieldKind::Phone.limit();
        assert_eq!(f.paste(&"1".repeat(limit + 5)), Pasted::Cut { room: limit });
        assert_eq!(f.value().chars().count(), limit);
        assert!(!f.insert('2'), "a full field takes nothing");
        f.edit(Edit::Clear);
        assert_eq!(f.paste("010-1234-5678"), Pasted::Whole);
    }

    #[test]
    fn pasted_and_typed_text_is_cleaned() {
        let mut f = TextField::new(FieldKind::Name);
        f.paste("김\u{1b}]0;title\u{7}하늘\n");
        assert!(!f.value().chars().any(char::is_control), "{:?}", f.value());
        assert!(!f.insert('\u{1b}'));
        assert!(!f.insert('\u{ad}'), "an invisible character is not text");
        assert_eq!(
            TextField::with(FieldKind::Name, " 정하늘\t").value(),
            "정하늘"
        );
    }
}
