//! The netday command: parse arguments, open the store, run the TUI or a subcommand.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use netday::i18n::{self, Lang};
use netday::io::{csv_in, export, import};
use netday::model::{self, Attendance, AttendanceStatus, Id, Ts};
use netday::store::{Snapshot, Store, StoreError};

#[derive(Parser)]
#[command(
    name = "netday",
    version,
    about = "협동조합 네트워킹데이 체크인·명단·회의록 / check-in desk, attendee lists and minutes for cooperative networking days"
)]
struct Cli {
    /// Database directory (default: the platform data directory; also NETDAY_DB)
    #[arg(long, global = true, env = "NETDAY_DB")]
    db: Option<PathBuf>,
    /// UI language: ko or en (default: Korean unless LANG says otherwise)
    #[arg(long, global = true)]
    lang: Option<String>,
    /// Measurement aid: start the TUI, draw the first frame, exit
    #[arg(long, hide = true)]
    exit_after_first_frame: bool,
    #[command(subcommand)]
    cmd: Option<Cmd>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Load the sample networking day (idempotent)
    Demo,
    /// Import people from a CSV file (UTF-8, UTF-8 with BOM or CP949)
    Import {
        file: PathBuf,
        /// Register everyone as expected for the networking day on this date (created if missing)
        #[arg(long)]
        event: Option<NaiveDate>,
        /// Check and report, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export people, attendance, minutes or ideas
    Export {
        what: ExportKind,
        /// Networking day (YYYY-MM-DD) for attendance and minutes (default: today's or the latest)
        #[arg(long)]
        event: Option<NaiveDate>,
        /// Output file (default: standard output)
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Find people by name or organisation, best match first
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// List networking days
    Events,
    /// Fill an EMPTY database with deterministic synthetic data (speed and scale tests)
    Generate {
        /// Number of people
        #[arg(long)]
        people: usize,
        /// Number of monthly networking days (the latest on --date)
        #[arg(long)]
        events: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Date of the latest networking day (default: today)
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Write a portable backup of everything
    Backup {
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Restore a portable backup into the database
    Restore {
        file: PathBuf,
        /// Replace a non-empty database (a backup of it is written first)
        #[arg(long)]
        replace: bool,
    },
    /// Test harness: check in people one by one, printing each id only after it is durable
    #[command(hide = true)]
    HarnessCheckins {
        #[arg(long)]
        count: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportKind {
    People,
    Attendance,
    /// The minutes (회의록) of one networking day, as Markdown
    Minutes,
    Ideas,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::detect(cli.lang.as_deref());
    i18n::set_lang(lang);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let (ko, en) = match e.downcast_ref::<StoreError>() {
                Some(se) => (se.ko(), se.en()),
                None => (e.to_string(), e.to_string()),
            };
            let first = if lang == Lang::Ko { &ko } else { &en };
            eprintln!("{}: {}", i18n::ERROR, first);
            if ko != en {
                let second = if lang == Lang::Ko { &en } else { &ko };
                eprintln!("  {second}");
            }
            ExitCode::from(1)
        }
    }
}

/// The database directory: --db, NETDAY_DB, or the platform data directory.
fn db_path(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p);
    }
    let dirs = directories::ProjectDirs::from("", "", "netday")
        .ok_or_else(|| anyhow::anyhow!("no home directory / 홈 디렉터리를 찾을 수 없습니다"))?;
    Ok(dirs.data_dir().join("netday.db"))
}

fn open(flag: Option<PathBuf>) -> anyhow::Result<Store> {
    let path = db_path(flag)?;
    if let Some(parent) = path.parent()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    let store = Store::open(&path)?;
    store.warn_damaged_on_close();
    Ok(store)
}

fn output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn say(path: &Option<PathBuf>, rows: usize) {
    if let Some(p) = path {
        eprintln!("{}", i18n::wrote_file(&p.display().to_string(), rows));
    }
}

fn pick_event(store: &Store, date: Option<NaiveDate>) -> anyhow::Result<model::Event> {
    let events = store.events()?;
    let found = match date {
        Some(d) => events.into_iter().find(|e| e.date == d),
        None => netday::state::default_event(&events, model::today()).cloned(),
    };
    found.ok_or_else(|| anyhow::anyhow!(i18n::NO_SUCH_EVENT.get()))
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let Some(cmd) = cli.cmd else {
        let store = open(cli.db)?;
        return netday::event_loop::run(store, cli.exit_after_first_frame);
    };
    match cmd {
        Cmd::Demo => {
            let store = open(cli.db)?;
            let s = netday::demo::load(&store, model::today())?;
            println!(
                "{} — {}",
                i18n::DEMO_LOADED,
                i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
            );
        }
        Cmd::Import {
            file,
            event,
            dry_run,
        } => {
            let bytes = read_file(&file)?;
            let parsed = csv_in::parse_people_csv(&bytes)
                .map_err(|e| anyhow::anyhow!(i18n::pick(e.ko(), e.en())))?;
            let store = open(cli.db)?;
            for err in &parsed.errors {
                eprintln!(
                    "{}",
                    i18n::row_error(err.line, &i18n::pick(err.reason.ko(), err.reason.en()))
                );
            }
            let s = import::apply(&store, &parsed, event, dry_run)?;
            println!(
                "{}",
                i18n::import_summary(s.added, s.updated, s.skipped, s.errors)
            );
            if let (Some(id), Some(_)) = (s.event_id, event)
                && let Some(e) = store.event(id)?
            {
                println!("{}", i18n::registered_for(s.registered, &e.title));
            }
            if dry_run {
                println!("{}", i18n::DRY_RUN);
            }
        }
        Cmd::Export {
            what,
            event,
            output: out,
        } => {
            let store = open(cli.db)?;
            let n = match what {
                ExportKind::People => {
                    let orgs: HashMap<Id, model::Organization> =
                        store.orgs()?.into_iter().map(|o| (o.id, o)).collect();
                    let mut people = store.people()?;
                    people.retain(|p| !p.archived);
                    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
                    let refs: Vec<&model::Person> = people.iter().collect();
                    export::write_people(output(&out)?, &refs, &orgs)?
                }
                ExportKind::Attendance => {
                    let e = pick_event(&store, event)?;
                    export::write_attendance(output(&out)?, &store, e.id)?
                }
                ExportKind::Minutes => {
                    let e = pick_event(&store, event)?;
                    let data = netday::io::minutes::MinutesData::load(&store, &e)?;
                    let text = netday::io::minutes::render(&data, i18n::lang());
                    match &out {
                        Some(p) => write_durably(p, text.as_bytes())?,
                        None => std::io::stdout().lock().write_all(text.as_bytes())?,
                    }
                    text.lines().count()
                }
                ExportKind::Ideas => export::write_ideas(output(&out)?, &store)?,
            };
            say(&out, n);
        }
        Cmd::Search { query, limit } => {
            let store = open(cli.db)?;
            // The saved index when nobody changed since it was saved: one read, no rebuild.
            let generation = store.generation()?;
            let index = match store
                .search_cache(generation)?
                .and_then(|b| netday::search::SearchIndex::from_bytes(&b))
            {
                Some(ix) => ix,
                None => {
                    let (people, orgs) = store.people_and_orgs()?;
                    let orgs: HashMap<Id, model::Organization> =
                        orgs.into_iter().map(|o| (o.id, o)).collect();
                    netday::state::roster::people_index(&store, generation, &people, &orgs)?
                }
            };
            let mut hits = Vec::new();
            index.search_top(&query, limit, &mut hits);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if hits.is_empty() {
                eprintln!("{}", i18n::NO_MATCH);
            }
            for h in hits {
                let name = index.display_name(h.id).unwrap_or("");
                let org = match store.person(h.id)?.and_then(|p| p.org_id) {
                    Some(o) => store.org(o)?.map(|o| o.name).unwrap_or_default(),
                    None => String::new(),
                };
                writeln!(out, "{name}\t{org}")?;
            }
        }
        Cmd::Generate {
            people,
            events,
            seed,
            date,
        } => {
            let store = open(cli.db)?;
            let t = std::time::Instant::now();
            let g = netday::generate::write(
                &store,
                people,
                events,
                seed,
                date.unwrap_or_else(model::today),
            )?;
            println!("{}", i18n::generated(&g, t.elapsed().as_millis()));
        }
        Cmd::Events => {
            let store = open(cli.db)?;
            let mut events = store.events()?;
            if events.is_empty() {
                println!("{}", i18n::NO_EVENTS);
            }
            events.sort_by_key(|e| e.date);
            for e in events {
                let att = store.attendance_of_event(e.id)?;
                let arrived = att.iter().filter(|a| a.status.is_arrived()).count();
                println!("{}\t{}\t{}/{}", e.date, e.title, arrived, att.len());
            }
        }
        Cmd::Backup { output: out } => {
            let store = open(cli.db)?;
            let snap = store.snapshot()?;
            let bytes = snap.to_bytes()?;
            match &out {
                Some(p) => write_durably(p, &bytes)?,
                None => std::io::stdout().lock().write_all(&bytes)?,
            }
            say(&out, snap.people.len());
        }
        Cmd::Restore { file, replace } => {
            let bytes = read_file(&file)?;
            let snap = Snapshot::from_bytes(&bytes)?;
            let store = open(cli.db)?;
            if !store.is_empty() {
                if !replace {
                    anyhow::bail!(i18n::RESTORE_NOT_EMPTY.get());
                }
                let stamp = Ts::now().local().format("%Y%m%d-%H%M%S");
                let backup = store
                    .path()
                    .with_file_name(format!("before-restore-{stamp}.ndbak"));
                write_durably(&backup, &store.snapshot()?.to_bytes()?)?;
                eprintln!("{}", i18n::wrote_file(&backup.display().to_string(), 0));
            }
            store.restore(&snap)?;
            println!("{}", i18n::import_summary(snap.people.len(), 0, 0, 0));
        }
        Cmd::HarnessCheckins { count } => {
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
            for i in 0..count {
                let mut p = model::Person::new(format!("체크인{i}"), Ts::now());
                let mut att = Attendance {
                    event_id: event.id,
                    person_id: 0,
                    status: AttendanceStatus::WalkIn {
                        at: Ts::now(),
                        desk: "harness".into(),
                    },
                    updated: Ts::now(),
                };
                store.put_person_with_org(&mut p, None, Some(&mut att))?;
                writeln!(out, "{} {}", event.id, p.id)?;
                out.flush()?;
            }
        }
    }
    Ok(())
}

fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        anyhow::anyhow!(i18n::pick(
            format!("파일을 읽을 수 없습니다: {} ({e})", path.display()),
            format!("cannot read {}: {e}", path.display()),
        ))
    })
}

/// Writes a file and syncs it before saying it is written.
fn write_durably(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}
