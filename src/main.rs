//! The netday command: parse the arguments in the UI language, run the TUI or a command
//! (`netday::cli`), and say what went wrong in both languages.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::FromArgMatches;

use netday::cli::args::{Cli, lang_flag, localized};
use netday::cli::error::{CLOSED_PIPE, closed_pipe, user_message};
use netday::cli::out::{note, stdout};
use netday::i18n::{self, Lang};

fn main() -> ExitCode {
    netday::store::owner_only_from_now_on();
    let args: Vec<OsString> = std::env::args_os().collect();
    i18n::set_lang(Lang::detect(lang_flag(&args).as_deref()));
    let parsed = localized()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version go out as clap writes them to a terminal; errors repeat what was
        // typed, so they pass through `SafeText` like every other message.
        Err(e) if !e.use_stderr() => {
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() {
                e.exit();
            }
            // Through a pipe or into a file: plain, in the console's code page like all text.
            let mut out = stdout();
            let _ = write!(out, "{}", e.render()).and_then(|()| out.flush());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(0));
        }
        Err(e) => {
            note(e.render());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let lang = Lang::detect(cli.lang.as_deref());
    i18n::set_lang(lang);
    match netday::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_pipe(&e) => ExitCode::from(CLOSED_PIPE),
        Err(e) => {
            let (ko, en) = user_message(&e);
            let (first, second) = if lang == Lang::Ko { (ko, en) } else { (en, ko) };
            note(format_args!("{}: {first}", i18n::ERROR));
            if second != first {
                note(format_args!("  {second}"));
            }
            ExitCode::from(netday::cli::error::exit_code(&e))
        }
    }
}
