//! Cleaning text at the boundary: nothing from a file or a paste may drive the terminal.

use unicode_normalization::UnicodeNormalization;

fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// One-line text: NFC, control and bidi characters removed (ESC sequences lose their ESC and
/// become harmless text), tabs and newlines turned to spaces, outer whitespace trimmed.
pub fn clean_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if c == '\t' || c == '\n' || c == '\r' {
            out.push(' ');
        } else if !is_control(c) {
            out.push(c);
        }
    }
    let t = out.trim();
    if t.len() == out.len() {
        out
    } else {
        t.to_string()
    }
}

/// Multi-line text: like `clean_line` but newlines are kept (CRLF folded to LF).
pub fn clean_multiline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if c == '\n' {
            out.push('\n');
        } else if c == '\t' {
            out.push(' ');
        } else if !is_control(c) {
            out.push(c);
        }
    }
    out.trim_end().to_string()
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
}
