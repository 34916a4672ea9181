//! Runs `Session`s over real links. Threads do the sockets (a listener or a connector, and a
//! reader and a writer per link); the caller's thread owns the database and every `Session`,
//! and calls `pump` to take in what arrived. So the store is only ever touched by its owner.
//!
//! The host listens (a pairing with the offer's code, or a reconnect from a remembered desk;
//! at most `MAX_LINKS` at once). The joiner pairs once with the code, then reconnects with the
//! remembered key after every cut, waiting `Backoff` between tries.

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::model::sync::Vv;

use super::frame::{Limits, Link, PING_EVERY};
use super::pair::{
    Incoming, Keys, Mode, Offer, OfferState, Paired, pair_as_joiner, reconnect_as_joiner,
};
use super::session::{Counts, Heard, Journal, Role, Session};
use super::wire::{DeskCard, Msg};
use super::{LinkError, SyncError};

/// The most links a host keeps at once.
pub const MAX_LINKS: usize = 4;

/// How long a joiner waits before trying again after a failed or cut link: `first`, doubled
/// each time, at most `max`; back to `first` once linked.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            first: Duration::from_secs(1),
            max: Duration::from_secs(30),
        }
    }
}

/// Called from the link threads whenever something arrived (the TUI's waker).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

#[derive(Clone, Default)]
pub struct Config {
    pub limits: Limits,
    pub backoff: Backoff,
    pub wake: Option<Wake>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("limits", &self.limits)
            .field("backoff", &self.backoff)
            .finish_non_exhaustive()
    }
}

/// What `pump` saw, for the caller to act on (remember a paired desk, reload, say a word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Happened {
    /// Paired with the code: remember `paired` (its static key and file key) for this desk.
    Paired(Paired),
    /// A link is up (its Hello not yet heard).
    Linked { conn: u64 },
    /// The other desk's Hello was accepted.
    Met {
        conn: u64,
        peer: DeskCard,
        remote_static: [u8; 32],
    },
    /// Entries were applied, or the snapshot taken in.
    Heard { conn: u64, heard: Heard },
    /// A link ended (it may come back by itself: the joiner reconnects).
    Cut { conn: u64, why: SyncError },
    /// Nothing more will be tried: a wrong code, a closed offer, an unknown host, another list.
    Failed(SyncError),
}

/// The header's words come from this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Links up now.
    pub linked: usize,
    /// When entries last moved either way and were acknowledged (or the snapshot was taken in).
    pub last_sync: Option<Instant>,
    /// Entries held here that some desk this one linked with has not acknowledged.
    pub unacked: u64,
    pub counts: Counts,
    /// The joiner gave up (see `Happened::Failed`).
    pub failed: bool,
}

enum Event {
    Up {
        conn: u64,
        outbound: mpsc::Sender<Vec<u8>>,
        remote_static: [u8; 32],
        paired: Option<Paired>,
    },
    Msg {
        conn: u64,
        msg: Msg,
    },
    Down {
        conn: u64,
        why: SyncError,
    },
    Failed(SyncError),
}

struct Conn {
    outbound: Option<mpsc::Sender<Vec<u8>>>,
    session: Session,
    remote_static: [u8; 32],
    met: bool,
    /// This side ended it (and said why then).
    ended: bool,
}

/// Shared by the threads of one driver.
struct Shared {
    events: mpsc::Sender<Event>,
    wake: Option<Wake>,
    stop: AtomicBool,
    next_conn: AtomicU64,
    links: AtomicUsize,
    limits: Limits,
}

impl Shared {
    fn tell(&self, e: Event) {
        let _ = self.events.send(e);
        if let Some(w) = &self.wake {
            w();
        }
    }

    /// Sleeps `d` unless told to stop; whether to go on.
    fn nap(&self, d: Duration) -> bool {
        let end = Instant::now() + d;
        while Instant::now() < end {
            if self.stop.load(Ordering::SeqCst) {
                return false;
            }
            thread::sleep(
                Duration::from_millis(20).min(end.saturating_duration_since(Instant::now())),
            );
        }
        !self.stop.load(Ordering::SeqCst)
    }

    /// Starts the reader and writer of a proven link; `down` hears when it ends.
    fn run_link(
        self: &Arc<Self>,
        link: Link,
        paired: Option<Paired>,
        down: Option<mpsc::Sender<()>>,
    ) -> Vec<JoinHandle<()>> {
        let conn = self.next_conn.fetch_add(1, Ordering::SeqCst);
        let remote_static = link.remote_static();
        let (tx, mut rx) = match link.split() {
            Ok(halves) => halves,
            Err(e) => {
                self.tell(Event::Down {
                    conn,
                    why: e.into(),
                });
                return Vec::new();
            }
        };
        let (outbound, out_rx) = mpsc::channel::<Vec<u8>>();
        self.links.fetch_add(1, Ordering::SeqCst);
        self.tell(Event::Up {
            conn,
            outbound,
            remote_static,
            paired,
        });
        let writer = thread::spawn(move || {
            let _ = tx.pump(&out_rx, PING_EVERY);
        });
        let me = self.clone();
        let reader = thread::spawn(move || {
            let why = loop {
                match rx.recv() {
                    Ok(bytes) => match Msg::decode(&bytes) {
                        Ok(msg) => me.tell(Event::Msg { conn, msg }),
                        Err(e) => {
                            rx.close();
                            break e;
                        }
                    },
                    Err(e) => break SyncError::Link(e),
                }
            };
            me.links.fetch_sub(1, Ordering::SeqCst);
            me.tell(Event::Down { conn, why });
            if let Some(d) = down {
                let _ = d.send(());
            }
        });
        vec![writer, reader]
    }
}

pub struct Driver {
    role: Role,
    shared: Arc<Shared>,
    events: mpsc::Receiver<Event>,
    conns: BTreeMap<u64, Conn>,
    threads: Arc<Mutex<Vec<JoinHandle<()>>>>,
    offer: Option<Arc<Mutex<Offer>>>,
    /// What each desk (by its static key) last acknowledged.
    acked: BTreeMap<[u8; 32], Vv>,
    my_have: Vv,
    last_sync: Option<Instant>,
    counts: Counts,
    failed: bool,
    local: Option<SocketAddr>,
}

impl std::fmt::Debug for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Driver")
            .field("role", &self.role)
            .field("links", &self.conns.len())
            .finish_non_exhaustive()
    }
}

impl Driver {
    fn new(role: Role, config: &Config) -> (Driver, Arc<Shared>) {
        let (events_tx, events) = mpsc::channel();
        let shared = Arc::new(Shared {
            events: events_tx,
            wake: config.wake.clone(),
            stop: AtomicBool::new(false),
            next_conn: AtomicU64::new(1),
            links: AtomicUsize::new(0),
            limits: config.limits,
        });
        let d = Driver {
            role,
            shared: shared.clone(),
            events,
            conns: BTreeMap::new(),
            threads: Arc::new(Mutex::new(Vec::new())),
            offer: None,
            acked: BTreeMap::new(),
            my_have: Vv::default(),
            last_sync: None,
            counts: Counts::default(),
            failed: false,
            local: None,
        };
        (d, shared)
    }

    /// Serves on `listener`: pairs with `offer`'s code (if any) and links again with the desks
    /// whose static keys are `known` (and those paired since).
    pub fn host(
        listener: TcpListener,
        keys: Keys,
        offer: Option<Offer>,
        known: Vec<[u8; 32]>,
        config: &Config,
    ) -> Result<Driver, SyncError> {
        let (mut d, shared) = Driver::new(Role::Host, config);
        d.local = listener.local_addr().ok();
        listener
            .set_nonblocking(true)
            .map_err(|e| SyncError::Link(LinkError::io(&e)))?;
        let offer = offer.map(|o| Arc::new(Mutex::new(o)));
        d.offer = offer.clone();
        let known = Arc::new(Mutex::new(known));
        let threads = d.threads.clone();
        let acceptor = thread::spawn(move || {
            while !shared.stop.load(Ordering::SeqCst) {
                let stream = match listener.accept() {
                    Ok((s, _)) => s,
                    Err(_) => {
                        shared.nap(Duration::from_millis(50));
                        continue;
                    }
                };
                let (shared, keys, offer, known, threads2) = (
                    shared.clone(),
                    keys.clone(),
                    offer.clone(),
                    known.clone(),
                    threads.clone(),
                );
                let handshake = thread::spawn(move || {
                    if stream.set_nonblocking(false).is_err() {
                        return;
                    }
                    let Ok(incoming) = Incoming::read(stream, shared.limits) else {
                        return;
                    };
                    if shared.links.load(Ordering::SeqCst) >= MAX_LINKS {
                        incoming.refuse();
                        return;
                    }
                    let linked = match (incoming.mode(), &offer) {
                        (Mode::Pair, Some(offer)) => {
                            let Ok(mut offer) = offer.lock() else { return };
                            incoming
                                .pair(&mut offer, &keys, Instant::now())
                                .map(|(l, p)| (l, Some(p)))
                        }
                        (Mode::Pair, None) => {
                            incoming.refuse();
                            return;
                        }
                        (Mode::Reconnect, _) => {
                            let known = known.lock().map(|k| k.clone()).unwrap_or_default();
                            incoming.reconnect(&keys, &known).map(|l| (l, None))
                        }
                    };
                    if let Ok((link, paired)) = linked {
                        if let (Some(p), Ok(mut k)) = (&paired, known.lock()) {
                            k.push(p.remote_static);
                        }
                        let hs = shared.run_link(link, paired, None);
                        if let Ok(mut t) = threads2.lock() {
                            t.extend(hs);
                        }
                    }
                });
                if let Ok(mut t) = threads.lock() {
                    t.retain(|h| !h.is_finished());
                    t.push(handshake);
                }
            }
        });
        d.push_thread(acceptor);
        Ok(d)
    }

    /// Links to the host at `addr`: pairs with `code` the first time, otherwise reconnects
    /// with the remembered `known` keys; after every cut, tries again.
    pub fn join(
        addr: SocketAddr,
        code: Option<String>,
        keys: Keys,
        known: Vec<[u8; 32]>,
        config: &Config,
    ) -> Driver {
        let (mut d, shared) = Driver::new(Role::Joiner, config);
        let backoff = config.backoff;
        let threads = d.threads.clone();
        let connector = thread::spawn(move || {
            let (mut code, mut known) = (code, known);
            let mut wait = backoff.first;
            while !shared.stop.load(Ordering::SeqCst) {
                let linked = match &code {
                    Some(c) => {
                        pair_as_joiner(addr, c, &keys, shared.limits).map(|(l, p)| (l, Some(p)))
                    }
                    None => {
                        reconnect_as_joiner(addr, &keys, &known, shared.limits).map(|l| (l, None))
                    }
                };
                match linked {
                    Ok((link, paired)) => {
                        if let Some(p) = &paired {
                            known.push(p.remote_static);
                            code = None;
                        }
                        wait = backoff.first;
                        let (down_tx, down) = mpsc::channel();
                        let hs = shared.run_link(link, paired, Some(down_tx));
                        if let Ok(mut t) = threads.lock() {
                            t.retain(|h| !h.is_finished());
                            t.extend(hs);
                        }
                        loop {
                            if shared.stop.load(Ordering::SeqCst) {
                                return;
                            }
                            match down.recv_timeout(Duration::from_millis(50)) {
                                Err(mpsc::RecvTimeoutError::Timeout) => {}
                                _ => break,
                            }
                        }
                    }
                    Err(
                        e @ (LinkError::WrongCode | LinkError::OfferClosed | LinkError::NotPaired),
                    ) => {
                        shared.tell(Event::Failed(e.into()));
                        return;
                    }
                    Err(_) => {
                        if !shared.nap(wait) {
                            return;
                        }
                        wait = (wait * 2).min(backoff.max);
                    }
                }
            }
        });
        d.push_thread(connector);
        d
    }

    fn push_thread(&mut self, h: JoinHandle<()>) {
        if let Ok(mut t) = self.threads.lock() {
            t.push(h);
        }
    }

    /// The address the host listens on.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local
    }

    /// The host's offer as it stands (used, closed by wrong codes, expired).
    pub fn offer_state(&self, now: Instant) -> Option<OfferState> {
        self.offer
            .as_ref()
            .and_then(|o| o.lock().ok().map(|o| o.state(now)))
    }

    /// How long the host's offer is good for still.
    pub fn offer_remaining(&self, now: Instant) -> Option<Duration> {
        self.offer
            .as_ref()
            .and_then(|o| o.lock().ok().map(|o| o.remaining(now)))
    }

    /// A new code for the next pairing.
    pub fn new_offer(&mut self, offer: Offer) {
        match &self.offer {
            Some(o) => {
                if let Ok(mut o) = o.lock() {
                    *o = offer;
                }
            }
            None => self.offer = Some(Arc::new(Mutex::new(offer))),
        }
    }

    /// Takes in what arrived, waiting up to `wait` for the first of it, and sends the answers.
    pub fn pump(&mut self, j: &mut impl Journal, wait: Duration) -> Vec<Happened> {
        let mut out = Vec::new();
        let first = match self.events.recv_timeout(wait) {
            Ok(e) => e,
            Err(_) => return out,
        };
        self.event(j, first, &mut out);
        // Bounded: what arrives meanwhile waits for the next call.
        for _ in 0..256 {
            match self.events.try_recv() {
                Ok(e) => self.event(j, e, &mut out),
                Err(_) => break,
            }
        }
        out
    }

    fn event(&mut self, j: &mut impl Journal, e: Event, out: &mut Vec<Happened>) {
        match e {
            Event::Up {
                conn,
                outbound,
                remote_static,
                paired,
            } => {
                if let Some(p) = paired {
                    out.push(Happened::Paired(p));
                }
                let mut session = Session::new(self.role);
                let started = session.start(j);
                self.conns.insert(
                    conn,
                    Conn {
                        outbound: Some(outbound),
                        session,
                        remote_static,
                        met: false,
                        ended: false,
                    },
                );
                out.push(Happened::Linked { conn });
                match started {
                    Ok(()) => self.flush(conn),
                    Err(why) => self.end(conn, why, out),
                }
            }
            Event::Msg { conn, msg } => {
                let Some(c) = self.conns.get_mut(&conn) else {
                    return;
                };
                let is_ack = matches!(msg, Msg::Ack { .. });
                let before = c.session.counts();
                let r = c.session.receive(j, msg);
                let after = c.session.counts();
                self.counts.sent += after.sent - before.sent;
                self.counts.received += after.received - before.received;
                self.counts.applied += after.applied - before.applied;
                if !c.met
                    && let Some(peer) = c.session.peer()
                {
                    c.met = true;
                    out.push(Happened::Met {
                        conn,
                        peer: peer.clone(),
                        remote_static: c.remote_static,
                    });
                }
                self.acked
                    .insert(c.remote_static, c.session.peer_acked().clone());
                self.my_have = c.session.my_have().clone();
                let closed = c.session.closed();
                // A host that served a join hears no Ack for it: the other desk holding
                // everything here is a sync too (else the header says 아직 동기화 전).
                // (A joiner holding nothing yet would count as level: only the host.)
                let level = self.role == Role::Host
                    && !c.session.peer_acked().lacks_from(c.session.my_have());
                match r {
                    Ok(heard) => {
                        if is_ack
                            || heard.applied > 0
                            || heard.joined
                            || (level && self.last_sync.is_none())
                        {
                            self.last_sync = Some(Instant::now());
                        }
                        if heard.applied > 0 || heard.joined {
                            out.push(Happened::Heard { conn, heard });
                            // What came from one desk goes on to the others.
                            self.news_except(j, conn, out);
                        }
                        self.flush(conn);
                        if closed {
                            // The other desk said Bye.
                            self.drop_conn(conn);
                            out.push(Happened::Cut {
                                conn,
                                why: SyncError::Link(LinkError::Closed),
                            });
                        }
                    }
                    Err(why) => self.end(conn, why, out),
                }
            }
            Event::Down { conn, why } => {
                // A link this side ended was reported then.
                if let Some(Conn { ended: false, .. }) = self.conns.remove(&conn) {
                    out.push(Happened::Cut { conn, why });
                }
            }
            Event::Failed(why) => {
                self.failed = true;
                out.push(Happened::Failed(why));
            }
        }
    }

    /// Sends what the session queued, then ends the link (a refusal goes out first).
    fn end(&mut self, conn: u64, why: SyncError, out: &mut Vec<Happened>) {
        self.flush(conn);
        self.drop_conn(conn);
        // A reconnect would meet the same answer: another list, another version, a gap, or
        // this database refusing (a joiner with records of its own and no set).
        let fatal = matches!(
            why,
            SyncError::Refused(_)
                | SyncError::Proto { .. }
                | SyncError::Layout { .. }
                | SyncError::Gap { .. }
                | SyncError::Journal { .. }
        );
        if fatal && self.role == Role::Joiner {
            // Trying again would meet the same refusal.
            self.shared.stop.store(true, Ordering::SeqCst);
            self.failed = true;
            out.push(Happened::Failed(why));
        } else {
            out.push(Happened::Cut { conn, why });
        }
    }

    fn drop_conn(&mut self, conn: u64) {
        if let Some(c) = self.conns.get_mut(&conn) {
            // The writer sends what is queued, then closes the link; its reader reports Down.
            c.outbound = None;
            c.ended = true;
        }
    }

    fn flush(&mut self, conn: u64) {
        let Some(c) = self.conns.get_mut(&conn) else {
            return;
        };
        while let Some(m) = c.session.next_out() {
            let sent = match (m.encode(), &c.outbound) {
                (Ok(bytes), Some(tx)) => tx.send(bytes).is_ok(),
                _ => false,
            };
            if !sent {
                c.outbound = None;
                break;
            }
        }
    }

    fn news_except(&mut self, j: &mut impl Journal, except: u64, out: &mut Vec<Happened>) {
        let ids: Vec<u64> = self
            .conns
            .keys()
            .copied()
            .filter(|&c| c != except)
            .collect();
        for conn in ids {
            let r = match self.conns.get_mut(&conn) {
                Some(c) => c.session.local_news(j),
                None => continue,
            };
            match r {
                Ok(()) => self.flush(conn),
                Err(why) => self.end(conn, why, out),
            }
        }
    }

    /// Sends what changed here (a local write) to every linked desk.
    pub fn local_news(&mut self, j: &mut impl Journal) -> Vec<Happened> {
        let mut out = Vec::new();
        if let Ok(h) = j.have() {
            self.my_have = h;
        }
        self.news_except(j, 0, &mut out);
        out
    }

    /// At least one desk is linked, and every linked desk holds what this one holds and
    /// the other way round, as far as heard.
    pub fn settled(&self) -> bool {
        !self.conns.is_empty() && self.conns.values().all(|c| c.session.settled())
    }

    pub fn status(&self) -> Status {
        let unacked = self
            .acked
            .values()
            .map(|acked| {
                self.my_have
                    .0
                    .iter()
                    .map(|(&desk, &seq)| seq.saturating_sub(acked.get(desk)))
                    .sum::<u64>()
            })
            .max()
            .unwrap_or(0);
        Status {
            linked: self.conns.values().filter(|c| c.outbound.is_some()).count(),
            last_sync: self.last_sync,
            unacked,
            counts: self.counts,
            failed: self.failed,
        }
    }

    /// Says Bye on every link, stops the threads and waits for them.
    pub fn close(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        let ids: Vec<u64> = self.conns.keys().copied().collect();
        for conn in ids {
            if let Some(c) = self.conns.get_mut(&conn) {
                c.session.bye();
            }
            self.flush(conn);
            self.drop_conn(conn);
        }
        self.conns.clear();
        self.shared.stop.store(true, Ordering::SeqCst);
        // Links that came up unheard: dropping their outbound closes them.
        while self.events.try_recv().is_ok() {}
        let handles: Vec<JoinHandle<()>> = match self.threads.lock() {
            Ok(mut t) => t.drain(..).collect(),
            Err(_) => Vec::new(),
        };
        for h in handles {
            let _ = h.join();
        }
    }
}

impl Driver {
    /// What each desk met (by its static key) has acknowledged holding.
    pub fn acked(&self) -> impl Iterator<Item = (&[u8; 32], &Vv)> {
        self.acked.iter()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.shut();
    }
}
