//! Text for a terminal: what the command line prints to stdout and stderr passes through
//! `SafeText`, so no stored text (a crafted backup, a name written by another program) can
//! retitle the window, clear the screen or write the clipboard.

use std::io::Write;

/// Stands in for a control character or a byte that is not UTF-8.
const REPLACEMENT: &str = "\u{FFFD}";

/// A writer that lets through text, newlines, tabs and CRLF line ends, and replaces every other
/// C0 or C1 control character, DEL, a lone CR and any byte that is not UTF-8 with U+FFFD.
///
/// Writes may split a character or a CRLF anywhere; the pieces are held until the rest comes.
/// `flush` ends the text: whatever is still held is then replaced.
pub struct SafeText<W: Write> {
    inner: W,
    held: Vec<u8>,
}

impl<W: Write> SafeText<W> {
    pub fn new(inner: W) -> SafeText<W> {
        SafeText {
            inner,
            held: Vec::new(),
        }
    }

    fn put(&mut self, text: &str) -> std::io::Result<()> {
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let keep = match c {
                '\n' | '\t' => true,
                '\r' => chars.peek().is_some_and(|(_, n)| *n == '\n'),
                c => !c.is_control(),
            };
            if !keep {
                self.inner.write_all(&text.as_bytes()[start..i])?;
                self.inner.write_all(REPLACEMENT.as_bytes())?;
                start = i + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[start..])
    }
}

impl<W: Write> Write for SafeText<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.held);
        bytes.extend_from_slice(buf);
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    // A CR at the very end may be the first half of a CRLF.
                    let (text, cr) = match text.strip_suffix('\r') {
                        Some(t) => (t, true),
                        None => (text, false),
                    };
                    self.put(text)?;
                    if cr {
                        self.held.push(b'\r');
                    }
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.put(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        Some(n) => {
                            self.inner.write_all(REPLACEMENT.as_bytes())?;
                            rest = &bad[n..];
                        }
                        None => {
                            self.held.extend_from_slice(bad);
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !std::mem::take(&mut self.held).is_empty() {
            self.inner.write_all(REPLACEMENT.as_bytes())?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = SafeText::new(Vec::new());
        for p in pieces {
            out.write_all(p).expect("write to Vec");
        }
        out.flush().expect("flush");
        String::from_utf8(out.inner).expect("always UTF-8")
    }

    #[test]
    fn control_characters_become_replacement_characters() {
        let crafted = "김\u{1b}]0;pwn\u{7}기성\u{1b}[2J\u{9b}31m\u{7f}\0끝";
        assert_eq!(
            through(&[crafted.as_bytes()]),
            "김\u{FFFD}]0;pwn\u{FFFD}기성\u{FFFD}[2J\u{FFFD}31m\u{FFFD}\u{FFFD}끝"
        );
    }

    #[test]
    fn newlines_tabs_and_crlf_pass_a_lone_cr_does_not() {
        assert_eq!(through(&[b"a\tb\r\nc\n"]), "a\tb\r\nc\n");
        assert_eq!(through(&[b"a\rb"]), "a\u{FFFD}b");
        assert_eq!(through(&[b"a\r", b"\nb"]), "a\r\nb");
        assert_eq!(through(&[b"a\r", b"b"]), "a\u{FFFD}b");
        assert_eq!(through(&[b"a\r"]), "a\u{FFFD}");
    }

    #[test]
    fn characters_split_across_writes_are_kept_and_raw_c1_bytes_are_not() {
        let kim = "김".as_bytes();
        assert_eq!(through(&[&kim[..1], &kim[1..2], &kim[2..]]), "김");
        // U+009B split between writes is still caught.
        assert_eq!(through(&[b"x\xc2", b"\x9b2J"]), "x\u{FFFD}2J");
        // A lone 0x9B byte (8-bit CSI) is not UTF-8.
        assert_eq!(through(&[b"x\x9b2J"]), "x\u{FFFD}2J");
        assert_eq!(through(&[b"x\xea\xb9"]), "x\u{FFFD}");
    }
}
