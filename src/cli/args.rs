//! The command line's shape. What `--help` says comes from `i18n::HELP`, in the UI language.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Arg, ArgAction, Command, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::i18n;

#[derive(Parser)]
#[command(name = "netday", version)]
pub struct Cli {
    /// Taken even when empty, so that `--db ''` is refused in netday's words (`db_path`).
    #[arg(long, global = true, value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from))]
    pub db: Option<PathBuf>,
    #[arg(long, global = true)]
    pub lang: Option<String>,
    /// Measurement aid: start the TUI, draw the first frame, exit
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
    /// Measurement aid: start the TUI, draw the first frame, read everyone, draw again, exit
    #[arg(long, hide = true)]
    pub exit_when_ready: bool,
    #[command(subcommand)]
    pub cmd: Option<Cmd>,
}

/// Dates (`--event`, `--date`) are taken as typed and read by `model::dates::parse_due`, so a
/// date netday cannot read gets netday's own two-language message.
#[derive(Subcommand)]
pub enum Cmd {
    Demo,
    Import(ImportArgs),
    Export(ExportArgs),
    Print(PrintArgs),
    Search(SearchArgs),
    Checkin(CheckinArgs),
    Person(PersonArgs),
    Sync(SyncArgs),
    Events,
    History(HistoryArgs),
    Undo(UndoArgs),
    Desk(DeskArgs),
    Generate(GenerateArgs),
    Backup(BackupArgs),
    Restore(RestoreArgs),
    Compact,
    Shred(ShredArgs),
    /// Test harness: register walk-ins one by one, or with --desk pre-register people and check
    /// them in as the desk does; prints each write ("expected|arrived EVENT PERSON") only after
    /// it is durable
    #[cfg(feature = "test-hooks")]
    #[command(hide = true)]
    HarnessCheckins(HarnessArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(required_unless_present = "forget_unfinished")]
    pub file: Option<PathBuf>,
    #[arg(long, conflicts_with_all = ["file", "event", "dry_run", "map", "sheet"])]
    pub forget_unfinished: bool,
    #[arg(long)]
    pub event: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Leaves the row on this line of the file out (repeatable), as x does in the app's preview.
    #[arg(long = "skip-line", value_name = "LINE")]
    pub skip_line: Vec<usize>,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    pub what: ExportKind,
    #[arg(long)]
    pub event: Option<String>,
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long, value_enum)]
    pub format: Option<MinutesFormat>,
    /// The minutes' author (작성); else NETDAY_AUTHOR, else 사무국.
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    #[arg(long)]
    pub contacts: bool,
}

#[derive(clap::Args)]
pub struct PrintArgs {
    pub what: PrintKind,
    #[arg(long)]
    pub event: Option<String>,
    #[arg(short = 'o', long)]
    pub output: PathBuf,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub contact: bool,
    #[arg(long, value_enum)]
    pub sort: Option<PrintSort>,
    #[arg(long, default_value_t = 10)]
    pub blank: usize,
}

#[derive(clap::Args)]
pub struct SearchArgs {
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(clap::Args)]
pub struct CheckinArgs {
    pub query: String,
    #[arg(long)]
    pub event: Option<String>,
}

#[derive(clap::Args)]
pub struct PersonArgs {
    pub query: String,
    #[arg(long)]
    pub export: bool,
    #[arg(short = 'o', long, requires = "export")]
    pub output: Option<PathBuf>,
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(clap::Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub cmd: SyncCmd,
}

#[derive(Subcommand)]
pub enum SyncCmd {
    Host(SyncHostArgs),
    Join(SyncJoinArgs),
    Conflicts,
    /// Write what the paired desks may lack to FILE (a new file), sealed for them: for a USB
    /// stick or a shared folder when there is no network
    Write(SyncFileArgs),
    /// Apply a sync file a paired desk wrote (reading it twice changes nothing)
    Read(SyncFileArgs),
    /// The desks paired with this one: name, address, what they were last known to hold
    Desks,
    /// Forget a paired desk (a laptop lost or given away): it can no longer link or read this
    /// desk's files without pairing again with a code
    Forget(SyncForgetArgs),
}

#[derive(clap::Args)]
pub struct SyncForgetArgs {
    /// The desk's name, as `sync desks` lists it
    pub name: String,
}

#[derive(clap::Args)]
pub struct SyncFileArgs {
    pub file: PathBuf,
}

#[derive(clap::Args)]
pub struct SyncHostArgs {
    #[arg(long, default_value_t = 47600)]
    pub port: u16,
    #[arg(long, default_value = "0.0.0.0")]
    pub bind: std::net::IpAddr,
}

#[derive(clap::Args)]
pub struct SyncJoinArgs {
    pub addr: std::net::SocketAddr,
    /// Needed the first time only: a desk paired before links again with its remembered key.
    pub code: Option<String>,
    #[arg(long)]
    pub follow: bool,
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long)]
    pub day: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Keep this many days of changes (0: all) and fold older ones away now
    #[arg(long, value_name = "DAYS")]
    pub keep_days: Option<u64>,
}

#[derive(clap::Args)]
pub struct UndoArgs {
    pub id: String,
}

#[derive(clap::Args)]
pub struct DeskArgs {
    pub name: Option<String>,
}

#[derive(clap::Args)]
pub struct GenerateArgs {
    #[arg(long)]
    pub people: usize,
    #[arg(long)]
    pub events: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub date: Option<String>,
}

#[derive(clap::Args)]
pub struct BackupArgs {
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub encrypt: bool,
    #[arg(long, conflicts_with = "recipient")]
    pub passphrase_file: Option<PathBuf>,
    #[arg(long)]
    pub recipient: Option<String>,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    pub file: PathBuf,
    #[arg(long)]
    pub replace: bool,
    #[arg(long)]
    pub unchecked: bool,
    #[arg(long, conflicts_with = "identity")]
    pub passphrase_file: Option<PathBuf>,
    #[arg(long)]
    pub identity: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ShredArgs {
    #[arg(long, value_name = "Q")]
    pub person: Vec<String>,
    #[arg(long, conflicts_with = "person")]
    pub due: bool,
    #[arg(long)]
    pub whole: bool,
    #[arg(long)]
    pub yes: bool,
    #[arg(long, value_name = "MONTHS", value_parser = clap::value_parser!(u32).range(0..=600))]
    pub retention: Option<u32>,
}

#[cfg(feature = "test-hooks")]
#[derive(clap::Args)]
pub struct HarnessArgs {
    #[arg(long)]
    pub count: usize,
    #[arg(long)]
    pub desk: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportKind {
    People,
    Attendance,
    Minutes,
    Ideas,
    Pack,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MinutesFormat {
    Markdown,
    Text,
    Pdf,
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PrintKind {
    Signin,
    Badges,
    Attendance,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PrintSort {
    Org,
    Name,
    Arrival,
}

/// The value of `--lang` before clap has read anything, so that `--help` speaks it.
pub fn lang_flag(args: &[OsString]) -> Option<String> {
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return args.next().map(Into::into);
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// `Cli`'s command with its descriptions, headings and help/version flags in the UI language.
pub fn localized() -> Command {
    let mut cmd = Cli::command();
    for (sub, arg, text) in i18n::HELP {
        let text = text.get();
        cmd = match (*sub, *arg) {
            ("", "") => cmd.about(text),
            ("", a) => cmd.mut_arg(a, |x| x.help(text)),
            // "sync host": a command of a command.
            (s, a) if s.contains(' ') => {
                let (outer, inner) = s.split_once(' ').unwrap_or((s, ""));
                cmd.mut_subcommand(outer, |c| {
                    c.mut_subcommand(inner, |c| match a {
                        "" => c.about(text),
                        a => c.mut_arg(a, |x| x.help(text)),
                    })
                })
            }
            (s, "") => cmd.mut_subcommand(s, |c| c.about(text)),
            (s, a) => cmd.mut_subcommand(s, |c| c.mut_arg(a, |x| x.help(text))),
        };
    }
    fn headings(cmd: Command) -> Command {
        let usage = format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            i18n::HELP_USAGE
        );
        cmd.help_template(usage)
            .subcommand_help_heading(i18n::HELP_COMMANDS.get())
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help(i18n::HELP_HELP.get()),
            )
            .mut_args(|a| {
                let heading = if a.is_positional() {
                    i18n::HELP_ARGUMENTS
                } else {
                    i18n::HELP_OPTIONS
                };
                a.help_heading(heading.get())
            })
            .mut_subcommands(headings)
    }
    let mut cmd = headings(
        cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(i18n::HELP_VERSION.get()),
        ),
    );
    // `netday help` exists once the command is built.
    cmd.build();
    cmd.mut_subcommand("help", |c| c.about(i18n::HELP_SUBCOMMAND.get()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_command_and_option_is_described_in_both_languages() {
        for lang in [Lang::Ko, Lang::En] {
            i18n::with_lang(lang, || {
                let cmd = localized();
                cmd.clone().debug_assert();
                let mut all = vec![&cmd];
                all.extend(cmd.get_subcommands().filter(|c| !c.is_hide_set()));
                let nested: Vec<&Command> = all[1..]
                    .iter()
                    .flat_map(|c| c.get_subcommands())
                    .filter(|c| !c.is_hide_set() && c.get_name() != "help")
                    .collect();
                assert!(nested.iter().any(|c| c.get_name() == "host"));
                all.extend(nested);
                for c in all {
                    let name = c.get_name();
                    assert!(
                        c.get_about().is_some(),
                        "{lang:?}: {name} has no description"
                    );
                    for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                        assert!(
                            a.get_help().is_some(),
                            "{lang:?}: {name} {} has no description",
                            a.get_id()
                        );
                    }
                }
            });
        }
    }

    #[test]
    fn lang_is_read_before_clap_reads_anything() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_flag(&args(&["netday", "export", "--lang", "en"])),
            Some("en".into())
        );
        assert_eq!(
            lang_flag(&args(&["netday", "--lang=ko", "--help"])),
            Some("ko".into())
        );
        assert_eq!(
            lang_flag(&args(&["netday", "search", "--", "--lang"])),
            None
        );
        assert_eq!(lang_flag(&args(&["netday", "--help"])), None);
    }
}
