//! The loops of `netday sync host` and `netday sync join`, over any `Journal`. Not yet behind
//! a command: the store's `Journal` (layer 5, `data::sync`) and the remembered peers come with
//! the engine's side; `main` will open the database, build the `Driver` and call these.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

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
