//! `netday sync host` and `netday sync join`: the loops over any `Journal`, and the commands
//! over the database's (`data::sync`). Each run draws new link keys, so a join pairs with the
//! code every time: remembering paired desks across runs needs the store to keep them.

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::args::{SyncArgs, SyncCmd, SyncHostArgs, SyncJoinArgs};
use super::db::data;
use super::error::CliError;
use super::out::{note, print, product_out};
use crate::data::Data;
use crate::sync::driver::Config;

use crate::i18n;
use crate::sync::driver::{Driver, Happened};
use crate::sync::pair::OFFER_LIFE;
use crate::sync::session::Counts;
use crate::sync::wire::Refusal;
use crate::sync::{Journal, LinkError, Offer, SyncError};

/// How often the loops look at the stop flag while nothing arrives.
const TICK: Duration = Duration::from_millis(200);
/// A `sync join` without `--follow` that has not been linked for this long gives up.
pub const JOIN_GIVES_UP: Duration = Duration::from_secs(30);

/// The exit status of `sync join` for a failure: 3 wrong code, 4 offer closed or this desk
/// unknown to the host, 5 another database, 2 the network, 1 anything else.
pub fn exit_code(e: &SyncError) -> i32 {
    match e {
        SyncError::Link(LinkError::WrongCode) => 3,
        SyncError::Link(LinkError::OfferClosed | LinkError::NotPaired) => 4,
        SyncError::Refused(Refusal::OtherSet | Refusal::SameDesk | Refusal::NoSet)
        | SyncError::Journal { .. } => 5,
        SyncError::Link(LinkError::Network(_) | LinkError::Timeout(_) | LinkError::Closed) => 2,
        _ => 1,
    }
}

/// What `sync host` prints, flushed, before serving: a line for the coordinator and one for
/// scripts (`listening ADDR code NNNNNN`).
pub fn hosting_lines(addr: SocketAddr, offer: &Offer) -> [String; 2] {
    [
        i18n::sync_hosting(&addr.to_string(), &offer.shown(), OFFER_LIFE.as_secs() / 60),
        format!("listening {addr} code {}", offer.digits()),
    ]
}

/// Serves until `stop` (Ctrl-C): every link's messages, and what `on` must remember (a
/// paired desk's keys).
pub fn serve(
    j: &mut impl Journal,
    driver: &mut Driver,
    stop: &AtomicBool,
    on: &mut dyn FnMut(&Happened),
) {
    while !stop.load(Ordering::SeqCst) {
        for h in driver.pump(j, TICK) {
            on(&h);
        }
    }
}

/// Runs a joiner until both desks hold the same entries (or, with `follow`, until `stop`).
/// A refusal, a wrong code, or no link for `give_up` (`JOIN_GIVES_UP`; not with `follow`) is
/// the error.
pub fn join(
    j: &mut impl Journal,
    driver: &mut Driver,
    follow: bool,
    give_up: Duration,
    stop: &AtomicBool,
    on: &mut dyn FnMut(&Happened),
) -> Result<Counts, SyncError> {
    let mut unlinked_since = Some(Instant::now());
    let mut last_cut: Option<SyncError> = None;
    while !stop.load(Ordering::SeqCst) {
        for h in driver.pump(j, TICK) {
            on(&h);
            match h {
                Happened::Failed(why) => return Err(why),
                Happened::Met { .. } => unlinked_since = None,
                Happened::Cut { why, .. } => last_cut = Some(why),
                _ => {}
            }
        }
        if driver.status().linked == 0 {
            let since = *unlinked_since.get_or_insert_with(Instant::now);
            if !follow && since.elapsed() >= give_up {
                return Err(last_cut.unwrap_or(SyncError::Link(LinkError::Timeout(give_up))));
            }
        } else {
            unlinked_since = None;
        }
        if !follow && driver.settled() {
            return Ok(driver.status().counts);
        }
    }
    Ok(driver.status().counts)
}

pub fn run(db: Option<PathBuf>, args: SyncArgs) -> anyhow::Result<()> {
    product_out()?;
    match args.cmd {
        SyncCmd::Host(a) => host(db, a),
        SyncCmd::Join(a) => join_cmd(db, a),
        SyncCmd::Conflicts => conflicts(db),
        SyncCmd::Write(a) => write_file(db, &a.file),
        SyncCmd::Read(a) => read_file(db, &a.file),
        SyncCmd::Desks => desks(db),
        SyncCmd::Forget(a) => forget(db, &a.name),
    }
}

/// `netday sync desks`: a line each: name, address (at a joiner), changes it was last known
/// to hold.
fn desks(db: Option<PathBuf>) -> anyhow::Result<()> {
    use std::io::Write;
    let data = super::db::data_to_read(db)?;
    let known = data.known_desks()?;
    if known.is_empty() {
        note(i18n::NO_PAIRED_DESKS.get());
        return Ok(());
    }
    let mut out = super::out::stdout();
    for d in known {
        let held: u64 = d.seen.0.values().sum();
        writeln!(
            out,
            "{}\t{}\t{}",
            d.name,
            d.addr.as_deref().unwrap_or("-"),
            i18n::desk_held(held)
        )?;
    }
    Ok(())
}

/// `netday sync forget NAME`.
fn forget(db: Option<PathBuf>, name: &str) -> anyhow::Result<()> {
    let data = data(db)?;
    if data.forget_desk(name)? == 0 {
        let (ko, en) = i18n::no_such_desk(name);
        return Err(CliError::Said { ko, en }.into());
    }
    print(i18n::desk_forgotten(name))?;
    Ok(())
}

fn said(e: &SyncError) -> CliError {
    CliError::Said {
        ko: e.ko(),
        en: e.en(),
    }
}

/// `netday sync write FILE`.
fn write_file(db: Option<PathBuf>, file: &std::path::Path) -> anyhow::Result<()> {
    let data = data(db)?;
    let wrote = data
        .write_sync_file(file, crate::model::Ts::now())
        .map_err(|e| said(&e))?;
    print(i18n::sync_file_written(
        &file.display().to_string(),
        wrote.entries,
        &wrote.desks,
    ))?;
    Ok(())
}

/// `netday sync read FILE`.
fn read_file(db: Option<PathBuf>, file: &std::path::Path) -> anyhow::Result<()> {
    let mut data = data(db)?;
    let read = data.read_sync_file(file).map_err(|e| said(&e))?;
    let open = data.conflicts()?.len();
    print(i18n::sync_file_read(
        &file.display().to_string(),
        &read.from.name,
        read.entries,
        read.applied,
        open,
    ))?;
    super::shred::finish_pending(&mut data)
}

/// `netday sync conflicts`: each value of each open conflict, a line each, in the order every
/// desk lists them (the value shown now first): number, record, field, value, desk, time, and
/// 지금 값 on the one shown now.
fn conflicts(db: Option<PathBuf>) -> anyhow::Result<()> {
    use std::io::Write;
    let data = super::db::data_to_read(db)?;
    let list = data.conflicts()?;
    if list.is_empty() {
        note(i18n::NO_CONFLICTS.get());
        return Ok(());
    }
    let mut out = super::out::stdout();
    for (n, c) in list.iter().enumerate() {
        for v in c.listed().into_iter().map(|j| &c.candidates[j]) {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                n + 1,
                i18n::conflict_record(c.kind, &c.record),
                i18n::conflict_field(c.field),
                i18n::conflict_value(&v.value),
                v.desk_name,
                v.at.local().format("%Y-%m-%d %H:%M"),
                if v.provisional {
                    i18n::SHOWN_NOW.get()
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

/// Ctrl-C (and a polite kill) ends the loops; a second one ends the process as usual.
fn stop_flag() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// Says what happened, and remembers a desk met (paired now, or before), so that the next
/// run links again without the code.
fn happened<'a>(data: &'a Data, addr: Option<String>) -> impl FnMut(&Happened) + 'a {
    let said = |r: Result<(), crate::store::StoreError>| {
        if let Err(e) = r {
            note(i18n::pick(e.ko(), e.en()));
        }
    };
    move |h| match h {
        Happened::Paired(p) => said(data.remember_paired(p, addr.as_deref())),
        Happened::Met {
            peer,
            remote_static,
            ..
        } => {
            said(data.remember_link(*remote_static, peer, addr.as_deref()));
            note(i18n::sync_linked(&peer.name));
        }
        Happened::Cut { why, .. } => note(i18n::sync_cut(&i18n::pick(why.ko(), why.en()))),
        _ => {}
    }
}

/// The static keys of the desks paired with this one.
fn known(data: &Data) -> anyhow::Result<Vec<[u8; 32]>> {
    Ok(data
        .known_desks()?
        .into_iter()
        .map(|d| d.remote_static)
        .collect())
}

fn host(db: Option<PathBuf>, SyncHostArgs { port, bind }: SyncHostArgs) -> anyhow::Result<()> {
    let mut data = data(db)?;
    data.start_sync_set()?;
    let listener = TcpListener::bind((bind, port)).map_err(|e| {
        let e = LinkError::Network(e.to_string());
        CliError::Said {
            ko: e.ko(),
            en: e.en(),
        }
    })?;
    let addr = listener.local_addr()?;
    let offer = Offer::new(Instant::now())?;
    for line in hosting_lines(addr, &offer) {
        print(line)?;
    }
    let stop = stop_flag()?;
    let mut driver = Driver::host(
        listener,
        data.link_keys()?,
        Some(offer),
        known(&data)?,
        &Config::default(),
    )?;
    serve(
        &mut data.sync_journal(),
        &mut driver,
        &stop,
        &mut happened(&data, None),
    );
    data.note_acks(&driver)?;
    driver.close();
    super::shred::finish_pending(&mut data)
}

fn join_cmd(
    db: Option<PathBuf>,
    SyncJoinArgs { addr, code, follow }: SyncJoinArgs,
) -> anyhow::Result<()> {
    let mut data = data(db)?;
    let stop = stop_flag()?;
    let mut driver = Driver::join(
        addr,
        code,
        data.link_keys()?,
        known(&data)?,
        &Config::default(),
    );
    let done = join(
        &mut data.sync_journal(),
        &mut driver,
        follow,
        JOIN_GIVES_UP,
        &stop,
        &mut happened(&data, Some(addr.to_string())),
    );
    data.note_acks(&driver)?;
    driver.close();
    let counts = done?;
    print(i18n::sync_joined(counts.received, counts.sent))?;
    super::shred::finish_pending(&mut data)
}
