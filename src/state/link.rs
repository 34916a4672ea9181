//! The app's link to another desk: hosting (this laptop's address and a 6-digit code) or
//! joining (an address and the code), over `sync::Driver`. The driver's threads do the sockets;
//! this thread owns the database: `pump` takes in what arrived, applies it, reads everything
//! again when something changed, and sends this desk's own changes.

use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use super::App;
use crate::i18n;
use crate::model::sync::LinkResume;
use crate::screens::Tone;
use crate::sync::{Config, Driver, Happened, Offer, OfferState};

/// The port a hosting desk listens on first (another when it is taken).
pub const PORT: u16 = 47600;

pub struct Linking {
    pub driver: Driver,
    pub hosting: bool,
    /// Host: this laptop's addresses with the port; joiner: the address typed.
    pub addrs: Vec<String>,
    /// The code offered (host), as shown.
    pub code: Option<u32>,
    /// The desk linked or last linked.
    pub peer: Option<String>,
    /// Said when the link gave up (a wrong code, another list).
    pub failed: Option<String>,
}

impl Linking {
    /// The address a joiner reached the host at (`None` at the host).
    fn joined_addr(&self) -> Option<&str> {
        (!self.hosting)
            .then(|| self.addrs.first().map(String::as_str))
            .flatten()
    }
}

impl std::fmt::Debug for Linking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linking")
            .field("hosting", &self.hosting)
            .field("addrs", &self.addrs)
            .field("peer", &self.peer)
            .finish_non_exhaustive()
    }
}

/// Where a hosting desk listens: `bind` (`App::link_bind`; the tests bind 127.0.0.1 only),
/// else what `NETDAY_SYNC_BIND` says, else all of this laptop's networks on `PORT` (another
/// port when it is taken).
fn listen(bind: Option<&str>) -> std::io::Result<TcpListener> {
    let env = std::env::var_os("NETDAY_SYNC_BIND").and_then(|v| v.into_string().ok());
    if let Some(at) = bind.map(str::to_string).or(env) {
        return TcpListener::bind(at.as_str());
    }
    TcpListener::bind(("0.0.0.0", PORT)).or_else(|_| TcpListener::bind(("0.0.0.0", 0)))
}

impl App {
    /// Offers this desk to another: listens, shows the addresses and a new code. Already
    /// hosting: a new code.
    pub fn start_hosting(&mut self) {
        if let Some(l) = &mut self.link
            && l.hosting
        {
            match Offer::new(Instant::now()) {
                Ok(offer) => {
                    l.code = offer.digits().parse().ok();
                    l.failed = None;
                    l.driver.new_offer(offer);
                }
                Err(e) => self.say(Tone::Error, i18n::pick(e.ko(), e.en())),
            }
            return;
        }
        self.host(None);
    }

    /// Links again the way this desk was linked when it last ran (after a crash, a kill or a
    /// quit while linked): a joiner to the address it joined, without the code; a host on the
    /// address it listened on, offering a code only when no desk has paired with it yet.
    pub fn resume_link(&mut self) {
        match self.data.link_resume() {
            Ok(Some(LinkResume::Host { listen })) => self.host(Some(listen)),
            Ok(Some(LinkResume::Join { addr })) => {
                if let Err(words) = self.start_joining(&addr, "") {
                    self.say(Tone::Error, words);
                }
            }
            Ok(None) => {}
            Err(e) => self.fail(e),
        }
    }

    /// Listens (on `again`, the address listened on before, when it is free) and offers a code
    /// unless this is a host resuming with desks already paired.
    fn host(&mut self, again: Option<String>) {
        self.stop_link();
        let started = (|| -> Result<Linking, (String, String)> {
            let words = |e: crate::store::StoreError| (e.ko(), e.en());
            self.data.start_sync_set().map_err(words)?;
            let keys = self.data.link_keys().map_err(words)?;
            let known = self.data.known_desks().map_err(words)?;
            let listener = match again.as_deref().map(TcpListener::bind) {
                Some(Ok(l)) => l,
                _ => listen(self.link_bind.as_deref())
                    .map_err(|e| i18n::sync_listen_failed(&e.to_string()))?,
            };
            let local = listener.local_addr().ok();
            let port = local.map(|a| a.port()).unwrap_or(PORT);
            let offer = if again.is_some() && !known.is_empty() {
                None
            } else {
                Some(Offer::new(Instant::now()).map_err(|e| (e.ko(), e.en()))?)
            };
            let code = offer.as_ref().and_then(|o| o.digits().parse().ok());
            let driver = Driver::host(
                listener,
                keys,
                offer,
                known.iter().map(|d| d.remote_static).collect(),
                &Config::default(),
            )
            .map_err(|e| (e.ko(), e.en()))?;
            let mut addrs: Vec<String> = crate::sync::addr::lan_addresses()
                .unwrap_or_default()
                .into_iter()
                .map(|a| format!("{}:{port}", a.ip))
                .collect();
            if let Some(local) = driver.local_addr()
                && !local.ip().is_unspecified()
            {
                addrs = vec![local.to_string()];
            }
            if let Some(at) = local {
                let resume = LinkResume::Host {
                    listen: at.to_string(),
                };
                self.data.set_link_resume(Some(&resume)).map_err(words)?;
            }
            Ok(Linking {
                driver,
                hosting: true,
                addrs,
                code,
                peer: (known.len() == 1).then(|| known[0].name.clone()),
                failed: None,
            })
        })();
        match started {
            Ok(l) => self.link = Some(l),
            Err((ko, en)) => self.say(Tone::Error, i18n::pick(ko, en)),
        }
    }

    /// Links to the desk at `addr` with `code` (empty: a desk paired before).
    pub fn start_joining(&mut self, addr: &str, code: &str) -> Result<(), String> {
        let addr = addr.trim();
        let at: SocketAddr = match addr.parse() {
            Ok(a) => a,
            Err(_) => match format!("{addr}:{PORT}").parse() {
                Ok(a) => a,
                Err(_) => return Err(i18n::sync_bad_address(addr)),
            },
        };
        let code = code.trim();
        let code = if code.is_empty() {
            None
        } else {
            match crate::sync::pair::parse_code(code) {
                Some(c) => Some(format!("{c:06}")),
                None => return Err(i18n::SYNC_BAD_CODE.get().to_string()),
            }
        };
        let words = |e: crate::store::StoreError| i18n::pick(e.ko(), e.en());
        let keys = self.data.link_keys().map_err(words)?;
        let known = self.data.known_desks().map_err(words)?;
        if code.is_none() && known.is_empty() {
            return Err(i18n::SYNC_CODE_NEEDED.get().to_string());
        }
        self.data
            .set_link_resume(Some(&LinkResume::Join {
                addr: at.to_string(),
            }))
            .map_err(words)?;
        self.stop_link();
        let peer = known
            .iter()
            .find(|d| d.addr.as_deref() == Some(&at.to_string()))
            .map(|d| d.name.clone());
        let driver = Driver::join(
            at,
            code,
            keys,
            known.iter().map(|d| d.remote_static).collect(),
            &Config::default(),
        );
        self.link = Some(Linking {
            driver,
            hosting: false,
            addrs: vec![at.to_string()],
            code: None,
            peer,
            failed: None,
        });
        Ok(())
    }

    /// Ends the link (the other desk sees it cut; nothing is lost: the next link catches up).
    pub fn stop_link(&mut self) {
        if let Some(l) = self.link.take() {
            if let Err(e) = self.data.note_acks(&l.driver) {
                self.fail(e);
            }
            l.driver.close();
        }
    }

    /// Ends the link on purpose (F4): the next start does not link again by itself.
    pub fn unlink(&mut self) {
        self.stop_link();
        if let Err(e) = self.data.set_link_resume(None) {
            self.fail(e);
        }
    }

    /// Takes in what the other desk sent, sends this desk's own changes; whether the screen
    /// needs drawing again.
    pub fn pump_link(&mut self) -> bool {
        let words_before = self.link_words();
        let Some(mut l) = self.link.take() else {
            return false;
        };
        let mut changed = false;
        let happened = {
            let mut j = self.data.sync_journal();
            let mut h = l.driver.pump(&mut j, Duration::ZERO);
            h.extend(l.driver.local_news(&mut j));
            h
        };
        let mut dirty = !happened.is_empty();
        for h in happened {
            match h {
                Happened::Paired(p) => {
                    if let Err(e) = self.data.remember_paired(&p, l.joined_addr()) {
                        self.fail(e);
                    }
                }
                Happened::Met {
                    peer,
                    remote_static,
                    ..
                } => {
                    if let Err(e) = self
                        .data
                        .remember_link(remote_static, &peer, l.joined_addr())
                    {
                        self.fail(e);
                    }
                    self.say(Tone::Good, i18n::sync_linked(&peer.name));
                    l.peer = Some(peer.name);
                }
                Happened::Heard { heard, .. } => changed |= heard.joined || heard.applied > 0,
                Happened::Linked { .. } => {}
                Happened::Cut { why, .. } => {
                    // What the other desk holds, for a sync file written while apart.
                    if let Err(e) = self.data.note_acks(&l.driver) {
                        self.fail(e);
                    }
                    self.say(Tone::Warn, i18n::sync_cut(&i18n::pick(why.ko(), why.en())));
                }
                Happened::Failed(why) => {
                    let words = i18n::pick(why.ko(), why.en());
                    self.say(Tone::Error, words.clone());
                    l.failed = Some(words);
                }
            }
        }
        self.link = Some(l);
        if changed && self.data.shred_unfinished().unwrap_or(false) {
            // The other desk shredded personal data: its values already left the journal here;
            // the files are rewritten now, before anything else is shown.
            match self.data.finish_shred(&mut crate::progress::Silent) {
                Ok(_) => self.say(Tone::Good, i18n::SHRED_FROM_OTHER_DESK.get()),
                Err(e) => self.fail(e),
            }
            // Its withdrawals, if any, are in that rewrite too: no second one (`Job::Rewrite`).
            let _ = self.data.rewrite_due();
        }
        if changed {
            // Another desk's changes: everything is read again, as after a restore.
            if let Err(e) = self.reload() {
                self.fail(e);
            }
            dirty = true;
        }
        // The list arrived (a join resumed after a restart): the empty database's question
        // (make a day, load the demo) no longer applies, and its demo would travel.
        if matches!(self.modal, Some(crate::state::Modal::OfferDemo)) && !self.data.is_empty() {
            self.modal = None;
            dirty = true;
        }
        // The header's words changed (a change made here not sent yet, seconds since the
        // last sync): drawn again though nothing arrived.
        dirty || self.link_words() != words_before
    }

    /// The link as the 동기화 screen shows it.
    pub fn link_view(&self) -> Option<crate::screens::unit::LinkView> {
        let l = self.link.as_ref()?;
        Some(crate::screens::unit::LinkView {
            hosting: l.hosting,
            offering: l.hosting
                && l.code.is_some()
                && l.driver.offer_state(Instant::now()) == Some(OfferState::Open),
            addrs: l.addrs.clone(),
            words: self.link_words().unwrap_or_default(),
        })
    }

    /// The header's words for the link, if any.
    pub fn link_words(&self) -> Option<String> {
        let l = self.link.as_ref()?;
        if let Some(f) = &l.failed {
            return Some(i18n::sync_failed_short(f));
        }
        let s = l.driver.status();
        if s.linked > 0 {
            let since = s.last_sync.map(|t| t.elapsed().as_secs());
            return Some(i18n::link_up(l.peer.as_deref(), since));
        }
        if l.hosting
            && let (Some(code), Some(OfferState::Open)) =
                (l.code, l.driver.offer_state(Instant::now()))
        {
            let left = l
                .driver
                .offer_remaining(Instant::now())
                .map_or(0, |d| d.as_secs());
            return Some(i18n::link_offer(code, left));
        }
        Some(i18n::link_down(l.peer.as_deref(), s.unacked))
    }
}
