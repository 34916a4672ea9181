//! Text for people written where the console's programs read it: the console itself takes
//! Unicode whatever its code page, but `netday … | more` or `> list.txt` then `type` is read in
//! the console's output code page, which on Korean Windows is 949.

use std::io::Write;

use encoding_rs::EncoderResult;

/// How text meant for people is written to a stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// Windows' Korean code page (encoding_rs's EUC-KR is its superset, windows-949).
    Cp949,
}

/// Code page 949, the Korean ANSI and OEM code page.
pub const KOREAN: u32 = 949;

/// The encoding for text written to a stream: UTF-8 to the console itself (Rust writes it as
/// Unicode there) and to pipes and files when the code page is UTF-8 (65001) or anything but
/// Korean; CP949 to a pipe or file when the console reads code page 949.
pub fn text_encoding(code_page: u32, to_console: bool) -> TextEncoding {
    if !to_console && code_page == KOREAN {
        TextEncoding::Cp949
    } else {
        TextEncoding::Utf8
    }
}

/// The code page programs in this console read text in: the console's output code page,
/// else (no console) the system's ANSI code page.
#[cfg(windows)]
pub fn output_code_page() -> u32 {
    use windows_sys::Win32::Globalization::GetACP;
    use windows_sys::Win32::System::Console::GetConsoleOutputCP;
    // SAFETY: both only read process and system settings.
    match unsafe { GetConsoleOutputCP() } {
        0 => unsafe { GetACP() },
        cp => cp,
    }
}

/// Unix terminals and pipes take UTF-8.
#[cfg(not(windows))]
pub fn output_code_page() -> u32 {
    65001
}

/// Writes UTF-8 text to `inner` in `encoding`. A character the encoding lacks becomes '?';
/// a character split between writes waits for its rest; bytes that are no UTF-8 become '?'.
pub struct CodePageOut<W: Write> {
    inner: W,
    encoding: TextEncoding,
    held: Vec<u8>,
}

impl<W: Write> CodePageOut<W> {
    pub fn new(inner: W, encoding: TextEncoding) -> CodePageOut<W> {
        CodePageOut {
            inner,
            encoding,
            held: Vec::new(),
        }
    }
}

/// Appends `text` in CP949 to `out`.
fn cp949(text: &str, out: &mut Vec<u8>) {
    let mut encoder = encoding_rs::EUC_KR.new_encoder();
    let mut rest = text;
    let mut buf = [0u8; 1024];
    loop {
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
        out.extend_from_slice(&buf[..written]);
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return,
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(_) => out.push(b'?'),
        }
    }
}

impl<W: Write> Write for CodePageOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.encoding == TextEncoding::Utf8 {
            return self.inner.write(buf);
        }
        self.held.extend_from_slice(buf);
        let mut out = Vec::with_capacity(self.held.len());
        let mut rest = &self.held[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    cp949(text, &mut out);
                    rest = &[];
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    cp949(std::str::from_utf8(valid).unwrap_or_default(), &mut out);
                    match e.error_len() {
                        // The start of a character whose rest comes with the next write.
                        None => {
                            rest = after;
                            break;
                        }
                        Some(n) => {
                            out.push(b'?');
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        self.held = rest.to_vec();
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.held.is_empty() {
            self.held.clear();
            self.inner.write_all(b"?")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn korean_text_to_a_pipe_follows_code_page_949_and_the_console_keeps_unicode() {
        assert_eq!(text_encoding(949, false), TextEncoding::Cp949);
        assert_eq!(text_encoding(949, true), TextEncoding::Utf8);
        assert_eq!(text_encoding(65001, false), TextEncoding::Utf8);
        assert_eq!(text_encoding(65001, true), TextEncoding::Utf8);
        assert_eq!(text_encoding(437, false), TextEncoding::Utf8);
    }

    fn through(encoding: TextEncoding, pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = CodePageOut::new(Vec::new(), encoding);
        for p in pieces {
            out.write_all(p).unwrap();
        }
        out.flush().unwrap();
        out.inner
    }

    #[test]
    fn cp949_output_reads_back_as_the_text_even_when_a_syllable_is_split() {
        let line = "2026-12-07\t서울 네트워킹데이\t예정 3 · 도착 1\n";
        let (want, _, bad) = encoding_rs::EUC_KR.encode(line);
        assert!(!bad);
        assert_eq!(
            through(TextEncoding::Cp949, &[line.as_bytes()]),
            want.as_ref()
        );
        let bytes = line.as_bytes();
        for cut in 0..bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(
                through(TextEncoding::Cp949, &[a, b]),
                want.as_ref(),
                "cut {cut}"
            );
        }
        assert_eq!(through(TextEncoding::Utf8, &[bytes]), bytes);
    }

    #[test]
    fn what_cp949_lacks_becomes_a_question_mark_never_an_entity() {
        assert_eq!(
            through(TextEncoding::Cp949, &["a😀b\n".as_bytes()]),
            b"a?b\n"
        );
        assert_eq!(
            through(TextEncoding::Cp949, &[b"a\xffb", "가".as_bytes()]),
            {
                let mut v = b"a?b".to_vec();
                v.extend_from_slice(&encoding_rs::EUC_KR.encode("가").0);
                v
            }
        );
        // A character cut off at the very end.
        assert_eq!(through(TextEncoding::Cp949, &[&"가".as_bytes()[..2]]), b"?");
    }
}
