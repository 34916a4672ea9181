//! Where the command line writes: text for people, a file's contents, bytes that are no text.

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::CliError;
use crate::files;
use crate::i18n;
use crate::io::safe_out::SafeText;
use crate::terminal::code_page::{CodePageOut, output_code_page, text_encoding};

/// Standard output for text people read: buffered, with every control character replaced
/// (`SafeText`), in the console's code page when it goes to a pipe or a file (`CodePageOut`).
pub fn stdout() -> SafeText<CodePageOut<std::io::BufWriter<std::io::StdoutLock<'static>>>> {
    use std::io::IsTerminal;
    let out = std::io::stdout();
    let encoding = text_encoding(output_code_page(), out.is_terminal());
    SafeText::new(CodePageOut::new(
        std::io::BufWriter::new(out.lock()),
        encoding,
    ))
}

/// Standard output for a file's contents (an export): UTF-8 as the file would be.
pub fn data_stdout() -> SafeText<std::io::BufWriter<std::io::StdoutLock<'static>>> {
    SafeText::new(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// Standard output for what a command exists to write (a list, an export, a backup): refused
/// in words when it is closed, where writing would seem to work and write nothing.
pub fn product_out() -> Result<(), files::FileError> {
    if files::stdout_closed() {
        return Err(files::FileError::StdoutClosed);
    }
    Ok(())
}

/// `-o -` (and `-o /dev/stdout`) is standard output.
pub fn to_stdout(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p == Path::new("-") || (cfg!(unix) && p == Path::new("/dev/stdout")))
}

/// Writes bytes that are no text (a PDF, a backup) to standard output, unless it is a terminal.
pub fn binary_to_stdout(bytes: &[u8], what: files::Binary) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    product_out()?;
    if std::io::stdout().is_terminal() {
        return Err(files::FileError::BinaryToTerminal(what).into());
    }
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(CliError::Stdout)?;
    Ok(())
}

/// Prints one line of text to standard output.
pub fn print(line: impl Display) -> Result<(), CliError> {
    let mut out = stdout();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(CliError::Stdout)
}

/// Prints one line to standard error; a message that cannot be shown is dropped.
pub fn note(line: impl Display) {
    to_stderr(format_args!("{line}\n"));
}

/// Writes a question to standard error without a line end, for the answer to follow on the
/// same line (a passphrase, a yes).
pub fn prompt(text: &str) {
    to_stderr(format_args!("{text}"));
}

/// Standard error for people: control characters replaced, in the console's code page.
fn to_stderr(text: std::fmt::Arguments) {
    use std::io::IsTerminal;
    let err = std::io::stderr();
    let encoding = text_encoding(output_code_page(), err.is_terminal());
    let mut err = SafeText::new(CodePageOut::new(err.lock(), encoding));
    let _ = err.write_fmt(text).and_then(|()| err.flush());
}

pub fn say(path: &Option<PathBuf>, rows: usize) {
    if let Some(p) = path {
        note(i18n::wrote_file(&p.display().to_string(), rows));
    }
}

/// Prints a two-language message on two lines of standard output, the UI language first.
pub fn print_both((ko, en): (String, String)) -> Result<(), CliError> {
    let (first, second) = if i18n::lang() == i18n::Lang::Ko {
        (ko, en)
    } else {
        (en, ko)
    };
    print(first)?;
    print(second)
}
