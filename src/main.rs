//! The netday command: parse arguments, open the store, run the TUI or a subcommand.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::builder::TypedValueParser;
use clap::{
    Arg, ArgAction, Command, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum,
};

use netday::files::{self, Replace};
use netday::i18n::{self, Lang};
use netday::io::csv::{self};
use netday::io::safe_out::SafeText;
use netday::io::{export, import};
use netday::model::counts::DayCount;
use netday::model::{self, Attendance, AttendanceStatus, Id, Ts};
use netday::store::{BackupError, Fault, Format, Snapshot, Store};
use netday::terminal::code_page::{CodePageOut, output_code_page, text_encoding};

mod cli_error;
use cli_error::*;
mod cli_progress;
use cli_progress::Bar;

// The command line's shape; what `--help` says comes from `i18n::HELP`, in the UI language.
#[derive(Parser)]
#[command(name = "netday", version)]
struct Cli {
    /// Taken even when empty, so that `--db ''` is refused in netday's words (`db_path`).
    #[arg(long, global = true, value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from))]
    db: Option<PathBuf>,
    #[arg(long, global = true)]
    lang: Option<String>,
    /// Measurement aid: start the TUI, draw the first frame, exit
    #[arg(long, hide = true)]
    exit_after_first_frame: bool,
    /// Measurement aid: start the TUI, draw the first frame, read everyone, draw again, exit
    #[arg(long, hide = true)]
    exit_when_ready: bool,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

/// Dates (`--event`, `--date`) are taken as typed and read by `model::dates::parse_due`, so a
/// date netday cannot read gets netday's own two-language message.
#[derive(Subcommand)]
enum Cmd {
    Demo,
    Import {
        #[arg(required_unless_present = "forget_unfinished")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["file", "event", "dry_run", "map", "sheet"])]
        forget_unfinished: bool,
        #[arg(long)]
        event: Option<String>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        map: Vec<String>,
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    Export {
        what: ExportKind,
        #[arg(long)]
        event: Option<String>,
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum)]
        format: Option<MinutesFormat>,
    },
    Print {
        what: PrintKind,
        #[arg(long)]
        event: Option<String>,
        #[arg(short = 'o', long)]
        output: PathBuf,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        contact: bool,
        #[arg(long, value_enum)]
        sort: Option<PrintSort>,
        #[arg(long, default_value_t = 10)]
        blank: usize,
    },
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    Events,
    Generate {
        #[arg(long)]
        people: usize,
        #[arg(long)]
        events: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        date: Option<String>,
    },
    Backup {
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    Restore {
        file: PathBuf,
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        unchecked: bool,
    },
    /// Test harness: register walk-ins one by one, or with --desk pre-register people and check
    /// them in as the desk does; prints each write ("expected|arrived EVENT PERSON") only after
    /// it is durable
    #[command(hide = true)]
    HarnessCheckins {
        #[arg(long)]
        count: usize,
        #[arg(long)]
        desk: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportKind {
    People,
    Attendance,
    Minutes,
    Ideas,
}

#[derive(Clone, Copy, ValueEnum)]
enum MinutesFormat {
    Markdown,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum PrintKind {
    Signin,
    Badges,
    Attendance,
}

#[derive(Clone, Copy, ValueEnum)]
enum PrintSort {
    Org,
    Name,
    Arrival,
}

/// The value of `--lang` before clap has read anything, so that `--help` speaks it.
fn lang_flag(args: &[OsString]) -> Option<String> {
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
fn localized() -> Command {
    let mut cmd = Cli::command();
    for (sub, arg, text) in i18n::HELP {
        let text = text.get();
        cmd = match (*sub, *arg) {
            ("", "") => cmd.about(text),
            ("", a) => cmd.mut_arg(a, |x| x.help(text)),
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
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_pipe(&e) => ExitCode::from(CLOSED_PIPE),
        Err(e) => {
            let (ko, en) = user_message(&e);
            let (first, second) = if lang == Lang::Ko { (ko, en) } else { (en, ko) };
            note(format_args!("{}: {first}", i18n::ERROR));
            if second != first {
                note(format_args!("  {second}"));
            }
            ExitCode::from(1)
        }
    }
}

/// Standard output for text people read: buffered, with every control character replaced
/// (`SafeText`), in the console's code page when it goes to a pipe or a file (`CodePageOut`).
fn stdout() -> SafeText<CodePageOut<std::io::BufWriter<std::io::StdoutLock<'static>>>> {
    use std::io::IsTerminal;
    let out = std::io::stdout();
    let encoding = text_encoding(output_code_page(), out.is_terminal());
    SafeText::new(CodePageOut::new(
        std::io::BufWriter::new(out.lock()),
        encoding,
    ))
}

/// Standard output for a file's contents (an export): UTF-8 as the file would be.
fn data_stdout() -> SafeText<std::io::BufWriter<std::io::StdoutLock<'static>>> {
    SafeText::new(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// Standard output for what a command exists to write (a list, an export, a backup): refused
/// in words when it is closed, where writing would seem to work and write nothing.
fn product_out() -> Result<(), files::FileError> {
    if files::stdout_closed() {
        return Err(files::FileError::StdoutClosed);
    }
    Ok(())
}

/// `-o -` (and `-o /dev/stdout`) is standard output.
fn to_stdout(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p == Path::new("-") || (cfg!(unix) && p == Path::new("/dev/stdout")))
}

/// Writes bytes that are no text (a PDF, a backup) to standard output, unless it is a terminal.
fn binary_to_stdout(bytes: &[u8], what: files::Binary) -> anyhow::Result<()> {
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
fn print(line: impl Display) -> Result<(), CliError> {
    let mut out = stdout();
    writeln!(out, "{line}")
        .and_then(|()| out.flush())
        .map_err(CliError::Stdout)
}

/// Prints one line to standard error; a message that cannot be shown is dropped.
fn note(line: impl Display) {
    use std::io::IsTerminal;
    let err = std::io::stderr();
    let encoding = text_encoding(output_code_page(), err.is_terminal());
    let mut err = SafeText::new(CodePageOut::new(err.lock(), encoding));
    let _ = writeln!(err, "{line}").and_then(|()| err.flush());
}

/// The database directory: --db, NETDAY_DB, or the platform data directory. An empty one is
/// refused: it names no database, and taking the default instead would open another one.
fn db_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    let named = match flag {
        Some(p) if p.as_os_str().is_empty() => return Err(CliError::EmptyDb { env: false }),
        Some(p) => Some(p),
        None => match std::env::var_os("NETDAY_DB") {
            Some(v) if v.is_empty() => return Err(CliError::EmptyDb { env: true }),
            v => v.map(PathBuf::from),
        },
    };
    if let Some(p) = named {
        return Ok(std::path::absolute(&p).unwrap_or(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "netday").ok_or(CliError::NoHome)?;
    Ok(dirs.data_dir().join("netday.db"))
}

fn open(flag: Option<PathBuf>) -> anyhow::Result<Store> {
    open_with(flag, |path| {
        Store::open(path).map_err(|e| match e {
            netday::store::StoreError::DiskFull { .. } => {
                let (ko, en) = i18n::full_disk_on_open(&path.display().to_string());
                anyhow::Error::new(CliError::Said { ko, en })
            }
            e => e.into(),
        })
    })
}

/// For commands that only read: a database on a full disk or a read-only one is read from a
/// copy, so its data can still be exported or backed up elsewhere.
fn open_to_read(flag: Option<PathBuf>) -> anyhow::Result<Store> {
    open_with(flag, |path| Ok(Store::open_to_read(path)?))
}

fn open_with(
    flag: Option<PathBuf>,
    open: fn(&Path) -> anyhow::Result<Store>,
) -> anyhow::Result<Store> {
    let path = db_path(flag)?;
    if let Some(parent) = path.parent()
        && !parent.exists()
    {
        let failed = |source| CliError::CreateDir {
            path: parent.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(parent).map_err(failed)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700))
                .map_err(failed)?;
        }
    }
    let store = open(&path)?;
    store.warn_damaged_on_close();
    Ok(store)
}

fn say(path: &Option<PathBuf>, rows: usize) {
    if let Some(p) = path {
        note(i18n::wrote_file(&p.display().to_string(), rows));
    }
}

/// A date as the coordinator typed it (`model::dates::parse_due`), or why not.
fn date_arg(given: Option<String>) -> Result<Option<NaiveDate>, CliError> {
    given
        .map(|s| model::dates::parse_due(&s, model::today()).ok_or(CliError::BadDate(s)))
        .transpose()
}

/// Which sheet and header row were read, every column's field on a dry run, and a loud
/// warning for each column left out that looks like one a person would miss.
fn describe_columns(parsed: &csv::ParsedCsv, dry_run: bool, event: bool) -> Result<(), CliError> {
    let cols = &parsed.columns;
    match &parsed.sheet {
        Some(sheet) => print(i18n::sheet_taken(sheet, parsed.header_line))?,
        None if parsed.header_line > 1 => print(i18n::header_below_top(parsed.header_line))?,
        None => {}
    }
    if dry_run {
        print(i18n::MAPPING_TITLE)?;
        for (i, title) in cols.titles.iter().enumerate() {
            if title.is_empty() && cols.field_of(i).is_none() {
                continue;
            }
            let to = cols.field_of(i).map_or(i18n::IGNORED_COLUMN.get(), |f| {
                i18n::L(f.ko(), f.en()).get()
            });
            print(format_args!("  {title} → {to}"))?;
        }
    }
    for (column, field) in &cols.suspicious {
        note(i18n::unmapped_warning(column, field.ko(), field.en()));
    }
    if !event && let Some(i) = cols.index(model::ImportField::Status) {
        note(i18n::answers_without_event(
            cols.titles.get(i).map_or("", String::as_str),
        ));
    }
    Ok(())
}

fn pick_event(store: &Store, date: Option<NaiveDate>) -> anyhow::Result<model::Event> {
    let events = store.events()?;
    let found = match date {
        Some(d) => events.into_iter().find(|e| e.date == d),
        None => netday::state::default_event(&events, model::today()).cloned(),
    };
    Ok(found.ok_or(CliError::NoEvent(date))?)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(cmd) = cli.cmd else {
        use std::io::IsTerminal;
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(CliError::from(i18n::NEEDS_TERMINAL).into());
        }
        let store = open(cli.db)?;
        // The TUI alone switches the console to UTF-8, and only while it runs.
        let _console = netday::terminal::utf8_console();
        let until = if cli.exit_after_first_frame {
            netday::event_loop::Until::FirstFrame
        } else if cli.exit_when_ready {
            netday::event_loop::Until::Ready
        } else {
            netday::event_loop::Until::Quit
        };
        return netday::event_loop::run(store, until);
    };
    match cmd {
        Cmd::Demo => {
            let store = open(cli.db)?;
            let s = netday::demo::load(&store, model::today())?;
            print(format_args!(
                "{} — {}",
                i18n::DEMO_LOADED,
                i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
            ))?;
        }
        Cmd::Import {
            forget_unfinished: true,
            ..
        } => {
            let store = open(cli.db)?;
            let forgotten = store.forget_imports()?;
            for j in &forgotten {
                note(i18n::import_forgotten(&j.file));
            }
            print(i18n::imports_forgotten(forgotten.len()))?;
        }
        Cmd::Import {
            file,
            event,
            dry_run,
            map,
            sheet,
            ..
        } => {
            // clap requires the file unless --forget-unfinished (the arm above) is given.
            let Some(file) = file else {
                return Ok(());
            };
            let event = date_arg(event)?;
            let overrides = map
                .iter()
                .map(|m| {
                    csv::Override::parse(m).ok_or_else(|| {
                        let (ko, en) = i18n::bad_map(m);
                        CliError::Said { ko, en }
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let bytes = read_file(&file)?;
            let mut reading = Bar::new();
            let parsed =
                csv::parse_people_sheet_with(&bytes, &overrides, sheet.as_deref(), &mut reading)
                    .map_err(|source| CliError::Csv {
                        path: file.clone(),
                        source,
                    })?;
            reading.clear();
            // The rows are all the import needs from here on (91 MB at 1,000,000 rows).
            drop(bytes);
            // A workbook with several lists is read only from the one the user names.
            let shown = file.display().to_string();
            let listed = || {
                parsed
                    .sheets
                    .iter()
                    .map(|s| format!("‘{s}’"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match &sheet {
                Some(want) if parsed.sheet.as_deref() != Some(want.as_str()) => {
                    let (ko, en) = i18n::no_such_sheet(&shown, want, &listed());
                    return Err(CliError::Said { ko, en }.into());
                }
                None if parsed.sheets.len() > 1 && !dry_run => {
                    let (ko, en) = i18n::choose_sheet(&shown, &listed());
                    return Err(CliError::Said { ko, en }.into());
                }
                None if parsed.sheets.len() > 1 => note(i18n::several_sheets(&listed())),
                _ => {}
            }
            if let Some(missing) = parsed.columns.unmatched(&overrides).first() {
                let titles: Vec<&str> = parsed
                    .columns
                    .titles
                    .iter()
                    .filter(|t| !t.is_empty())
                    .map(String::as_str)
                    .collect();
                let (ko, en) = i18n::map_no_such_header(
                    &file.display().to_string(),
                    missing,
                    &titles.join(", "),
                );
                return Err(CliError::Said { ko, en }.into());
            }
            describe_columns(&parsed, dry_run, event.is_some())?;
            let store = if dry_run {
                open_to_read(cli.db)?
            } else {
                open(cli.db)?
            };
            for line in import::unfinished(&store, import::FORGET_ON_THE_COMMAND_LINE)? {
                note(line);
            }
            let mut bar = Bar::new();
            let s = import::apply_file(&store, &parsed, &file, event, dry_run, &mut bar)?;
            bar.clear();
            for err in import::row_errors(&parsed, &s) {
                note(i18n::row_error(
                    err.line,
                    &i18n::pick(err.reason.ko(), err.reason.en()),
                ));
            }
            print(format!(
                "{} ({})",
                i18n::import_lines(parsed.data_lines, s.people()),
                i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
            ))?;
            if let (Some(id), Some(_)) = (s.event_id, event)
                && let Some(e) = store.event(id)?
            {
                print(i18n::registered_for(s.registered, &e.title))?;
                if s.tentative > 0 {
                    print(i18n::tentative_for(s.tentative, &e.title))?;
                }
                if s.cancelled > 0 {
                    print(i18n::cancelled_for(s.cancelled, &e.title))?;
                }
            }
            if dry_run {
                print(i18n::DRY_RUN)?;
            }
        }
        Cmd::Export {
            what,
            event,
            output: out,
            force,
            format,
        } => {
            if matches!(format, Some(MinutesFormat::Text)) && !matches!(what, ExportKind::Minutes) {
                let i18n::L(ko, en) = i18n::MINUTES_FORMAT_ONLY_MINUTES;
                return Err(CliError::Said {
                    ko: ko.into(),
                    en: en.into(),
                }
                .into());
            }
            let event = date_arg(event)?;
            let out = out.filter(|p| !to_stdout(Some(p)));
            if out.is_none() {
                product_out()?;
            }
            let store = open_to_read(cli.db)?;
            let bytes;
            let table_format = out
                .as_deref()
                .map_or(export::Format::Csv, export::Format::for_path);
            let said = |e: export::ExportError| CliError::Said {
                ko: e.ko(),
                en: e.en(),
            };
            let n = match what {
                ExportKind::People => {
                    let orgs: HashMap<Id, model::Organization> =
                        store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
                    let mut people = store.people()?;
                    people.retain(|p| !p.archived);
                    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
                    let refs: Vec<&model::Person> = people.iter().collect();
                    let t = export::people_table(&refs, &orgs);
                    bytes = t.encode(table_format).map_err(said)?;
                    t.rows.len()
                }
                ExportKind::Attendance => {
                    let e = pick_event(&store, event)?;
                    let t = export::attendance_table(&store, e.id)?;
                    bytes = t.encode(table_format).map_err(said)?;
                    t.rows.len()
                }
                ExportKind::Minutes => {
                    let e = pick_event(&store, event)?;
                    use netday::io::minutes;
                    let data = minutes::MinutesData::load(&store, &e)?;
                    // Asked for, else as the file's name says (.txt: chat text).
                    let txt = out.as_deref().is_some_and(|p| {
                        p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
                    });
                    let format = match format {
                        Some(MinutesFormat::Text) => model::MinutesFormat::Text,
                        Some(MinutesFormat::Markdown) => model::MinutesFormat::Markdown,
                        None if txt => model::MinutesFormat::Text,
                        None => model::MinutesFormat::Markdown,
                    };
                    let text = minutes::render_as(&data, format, i18n::lang());
                    bytes = text.into_bytes();
                    bytes.iter().filter(|b| **b == b'\n').count()
                }
                ExportKind::Ideas => {
                    let t = export::ideas_table(&store)?;
                    bytes = t.encode(table_format).map_err(said)?;
                    t.rows.len()
                }
            };
            match &out {
                Some(p) => {
                    let replace = if force { Replace::Yes } else { Replace::No };
                    files::write(p, &bytes, replace, Some(store.path()))?;
                }
                None => {
                    let mut w = data_stdout();
                    w.write_all(&bytes)
                        .and_then(|()| w.flush())
                        .map_err(CliError::Stdout)?;
                }
            }
            say(&out, n);
        }
        Cmd::Print {
            what,
            event,
            output,
            force,
            contact,
            sort,
            blank,
        } => {
            use netday::io::print::{self, Sort};
            use netday::model::PrintKind as Kind;
            let kind = match what {
                PrintKind::Signin => Kind::Signin,
                PrintKind::Badges => Kind::Badges,
                PrintKind::Attendance => Kind::Attendance,
            };
            let sort = sort.map(|s| match s {
                PrintSort::Org => Sort::Org,
                PrintSort::Name => Sort::Name,
                PrintSort::Arrival => Sort::Arrival,
            });
            // Each blank row is laid out and drawn: a number without a bound was a PDF
            // without a bound.
            const MAX_BLANK: usize = 1000;
            if blank > MAX_BLANK {
                let (ko, en) = i18n::too_many_blank_rows(blank, MAX_BLANK);
                return Err(CliError::Said { ko, en }.into());
            }
            let event = date_arg(event)?;
            if to_stdout(Some(&output)) {
                product_out()?;
            }
            let store = open_to_read(cli.db)?;
            let e = pick_event(&store, event)?;
            let opt = print::Options {
                sort,
                contact,
                blank,
            };
            let mut bar = Bar::new();
            let printed =
                print::document(&store, &e, kind, &opt, i18n::lang(), &mut bar).map_err(|err| {
                    CliError::Said {
                        ko: err.ko(),
                        en: err.en(),
                    }
                })?;
            bar.clear();
            if to_stdout(Some(&output)) {
                return binary_to_stdout(&printed.bytes, files::Binary::Pdf);
            }
            let replace = if force { Replace::Yes } else { Replace::No };
            files::write(&output, &printed.bytes, replace, Some(store.path()))?;
            note(i18n::printed(
                &output.display().to_string(),
                printed.people,
                printed.pages,
            ));
            if !printed.unprintable.is_empty() {
                note(i18n::print_unprintable(&printed.unprintable));
            }
        }
        Cmd::Search { query, limit } => {
            product_out()?;
            let store = open_to_read(cli.db)?;
            // The saved index when nobody changed since it was saved: one read, no rebuild.
            let generation = store.generation()?;
            let index = match netday::data::roster::saved_index(&store, generation)? {
                Some(ix) => ix,
                None => {
                    let (people, orgs) = store.people_and_orgs()?;
                    let orgs: HashMap<Id, model::Organization> =
                        orgs.into_iter().map(|o| (o.id, o)).collect();
                    netday::data::roster::build_index(&store, generation, &people, &orgs)?
                }
            };
            let mut hits = Vec::new();
            index.search_top(&query, limit, &mut hits);
            if hits.is_empty() {
                note(i18n::NO_MATCH);
            }
            let mut out = stdout();
            for h in hits {
                let name = index.display_name(h.id).unwrap_or("");
                let org = match store.person(h.id)?.and_then(|p| p.org_id) {
                    Some(o) => store.org(o)?.map(|o| o.name).unwrap_or_default(),
                    None => String::new(),
                };
                writeln!(out, "{name}\t{org}").map_err(CliError::Stdout)?;
            }
            out.flush().map_err(CliError::Stdout)?;
            // 100,000 entries freed one by one would cost more than the search did.
            std::mem::forget(index);
        }
        Cmd::Generate {
            people,
            events,
            seed,
            date,
        } => {
            let date = date_arg(date)?;
            let store = open(cli.db)?;
            let t = std::time::Instant::now();
            let mut bar = Bar::new();
            let g = netday::generate::write(
                &store,
                people,
                events,
                seed,
                date.unwrap_or_else(model::today),
                &mut bar,
            )?;
            bar.clear();
            print(i18n::generated(
                [g.people, g.orgs, g.events, g.attendance, g.notes, g.ideas],
                t.elapsed().as_millis(),
            ))?;
        }
        Cmd::Events => {
            product_out()?;
            let store = open_to_read(cli.db)?;
            let mut events = store.events()?;
            if events.is_empty() {
                print(i18n::NO_EVENTS)?;
            }
            events.sort_by_key(|e| e.date);
            let mut out = stdout();
            for e in events {
                let att = store.attendance_of_event(e.id)?;
                let count = DayCount::of(att.iter().map(|a| &a.status));
                writeln!(out, "{}\t{}\t{}", e.date, e.title, i18n::day_count(&count))
                    .map_err(CliError::Stdout)?;
            }
            out.flush().map_err(CliError::Stdout)?;
        }
        Cmd::Backup { output, force } => backup(cli.db, output.as_deref(), force)?,
        Cmd::Restore {
            file,
            replace,
            unchecked,
        } => restore(cli.db, &file, replace, unchecked)?,
        Cmd::HarnessCheckins { count, desk } => {
            let store = open(cli.db)?;
            let event = match store.events()?.into_iter().next() {
                Some(e) => e,
                None => {
                    let mut e = import::event_on(&store, model::today(), true)?
                        .ok_or_else(|| anyhow::anyhow!("no event"))?;
                    e.title = "harness".into();
                    store.put_event(&mut e)?;
                    e
                }
            };
            let mut out = std::io::stdout().lock();
            let status = |at| match desk {
                true => AttendanceStatus::Expected,
                false => AttendanceStatus::WalkIn {
                    at,
                    desk: "harness".into(),
                },
            };
            for i in 0..count {
                let mut p = model::Person::new(format!("체크인{i}"), Ts::now());
                let mut att = Attendance {
                    event_id: event.id,
                    person_id: 0,
                    status: status(Ts::now()),
                    updated: Ts::now(),
                };
                store.put_person_with_org(&mut p, None, Some(&mut att))?;
                let what = if desk { "expected" } else { "arrived" };
                writeln!(out, "{what} {} {}", event.id, p.id)?;
                out.flush()?;
            }
            if desk {
                // Everyone still expected, checked in through the desk's own function.
                let mut app = netday::state::App::new(store)?;
                let mut waiting: Vec<Id> = app
                    .data
                    .roster
                    .attendance
                    .values()
                    .filter(|a| a.event_id == event.id && a.status == AttendanceStatus::Expected)
                    .map(|a| a.person_id)
                    .collect();
                waiting.sort_unstable();
                for person in waiting {
                    app.check_in(person)?;
                    if app
                        .data
                        .roster
                        .attendance
                        .get(&person)
                        .is_some_and(|a| a.status.is_arrived())
                    {
                        writeln!(out, "arrived {} {person}", event.id)?;
                        out.flush()?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    Ok(std::fs::read(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })?)
}

/// `netday backup`: a new file (owner-only; an existing one only with --force), or stdout.
fn backup(db: Option<PathBuf>, out: Option<&Path>, force: bool) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let out = out.filter(|p| !to_stdout(Some(p)));
    if out.is_none() {
        product_out()?;
        if std::io::stdout().is_terminal() {
            return Err(CliError::from(i18n::BACKUP_TO_TERMINAL).into());
        }
    }
    let store = open_to_read(db)?;
    let mut bar = Bar::new();
    let snap = store.snapshot_with(&mut bar, netday::progress::Stage::Backup)?;
    let bytes = snap.to_bytes()?;
    match out {
        Some(p) => {
            let replace = if force { Replace::Yes } else { Replace::No };
            files::write(p, &bytes, replace, Some(store.path()))?;
            bar.clear();
            note(i18n::backup_written(
                &p.display().to_string(),
                &snap.counts(),
            ));
        }
        None => {
            bar.clear();
            binary_to_stdout(&bytes, files::Binary::Backup)?;
        }
    }
    Ok(())
}

/// `netday restore`: the backup is checked whole before anything changes; the database is
/// replaced in one step (see `Store::replace_with`), after a safety copy of what it held.
/// A backup without a checksum is restored only when the user says `--unchecked`.
fn restore(db: Option<PathBuf>, file: &Path, replace: bool, unchecked: bool) -> anyhow::Result<()> {
    let (snap, format) = Snapshot::read(file)?;
    if format == Format::Unchecked {
        if !unchecked {
            return Err(BackupError {
                path: file.to_path_buf(),
                fault: Fault::Unchecked,
            }
            .into());
        }
        note(i18n::backup_unchecked(&file.display().to_string()));
    }
    let (snap, cut) = snap.cleaned();
    if cut > 0 {
        note(i18n::restore_cut(cut));
    }
    let store = open(db)?;
    let mut bar = Bar::new();
    let old = store.snapshot_with(&mut bar, netday::progress::Stage::SafetyCopy)?;
    if old.counts() != model::counts::RecordCounts::default() {
        if !replace {
            return Err(CliError::from(i18n::RESTORE_NOT_EMPTY).into());
        }
        let copy = safety_copy(&store, &old)?;
        bar.clear();
        note(i18n::saved_before_restore(
            &copy.display().to_string(),
            &old.counts(),
        ));
    }
    let replaced = store.replace_with(&snap, &mut bar).map_err(|e| match e {
        netday::store::StoreError::SwapUnfinished(_) => CliError::Said {
            ko: e.ko(),
            en: e.en(),
        },
        e => CliError::Said {
            ko: format!("{}: {}", i18n::NOT_RESTORED.0, e.ko()),
            en: format!("{}: {}", i18n::NOT_RESTORED.1, e.en()),
        },
    })?;
    bar.clear();
    print(i18n::restored(&snap.counts()))?;
    if let Some(old) = replaced.left_behind {
        note(i18n::replaced_left_behind(&old.display().to_string()));
    }
    Ok(())
}

/// Writes `old` beside the database under a name no earlier copy holds.
fn safety_copy(store: &Store, old: &Snapshot) -> anyhow::Result<PathBuf> {
    let bytes = old.to_bytes()?;
    let stamp = Ts::now().local().format("%Y%m%d-%H%M%S");
    for n in 1u32.. {
        let name = match n {
            1 => format!("{}{stamp}.ndbak", netday::store::SAFETY_COPY),
            n => format!("{}{stamp}-{n}.ndbak", netday::store::SAFETY_COPY),
        };
        let path = store.path().with_file_name(name);
        match files::write(&path, &bytes, Replace::No, Some(store.path())) {
            Err(files::FileError::Exists(_)) if n < 1000 => {}
            Err(e) => return Err(e.into()),
            Ok(()) => return Ok(path),
        }
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_is_described_in_both_languages() {
        for lang in [Lang::Ko, Lang::En] {
            i18n::with_lang(lang, || {
                let cmd = localized();
                cmd.clone().debug_assert();
                let mut all = vec![&cmd];
                all.extend(cmd.get_subcommands().filter(|c| !c.is_hide_set()));
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
