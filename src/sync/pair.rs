//! Pairing two desks with a 6-digit code, and reconnecting paired desks without it.
//!
//! Pairing (the joiner connects; every frame after the 8-byte intro is `u16 BE length ‖ bytes`):
//! 1. joiner → host, clear: `NDSYNC ‖ 1 ‖ 'P'`;
//! 2. SPAKE2 (Ed25519): joiner's message A, host's message B; both derive K from the code;
//! 3. Noise `XXpsk0` with psk = K and the prologue = intro ‖ A ‖ B. A wrong code fails the
//!    host's read of Noise message 1: the host answers one refusal byte and closes;
//! 4. the host's first transport message (empty) tells the joiner it was accepted.
//!
//! A refusal is a frame of one byte; every real message is longer. Reconnecting: intro mode
//! 'R' and Noise `XX` with the remembered static keys; a side that does not know the other's
//! static closes without sending anything more.

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use hkdf::Hkdf;
use sha2::Sha256;
use snow::resolvers::{CryptoResolver, DefaultResolver};
use spake2::{Ed25519Group, Identity, Password, Spake2};

use super::LinkError;
use super::frame::{Limits, Link, NOISE_MAX, read_by, read_frame, write_by, write_frame};
use super::rng::Os;

const MAGIC: &[u8; 6] = b"NDSYNC";
const VERSION: u8 = 1;
const MODE_PAIR: u8 = b'P';
const MODE_RECONNECT: u8 = b'R';
const PAIR_NOISE: &str = "Noise_XXpsk0_25519_ChaChaPoly_BLAKE2s";
const LINK_NOISE: &str = "Noise_XX_25519_ChaChaPoly_BLAKE2s";
const REFUSED_WRONG_CODE: u8 = 0x01;
const REFUSED_CLOSED: u8 = 0x02;

/// How long a code is good for, and how many wrong codes close it.
pub const OFFER_LIFE: Duration = Duration::from_secs(10 * 60);
pub const OFFER_TRIES: u8 = 3;

/// This database's Noise static key pair (X25519). The caller keeps it; the private half never
/// leaves this laptop.
#[derive(Clone)]
pub struct Keys {
    private: [u8; 32],
    public: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

fn key32(bytes: &[u8]) -> Option<[u8; 32]> {
    bytes.try_into().ok()
}

impl Keys {
    pub fn generate() -> Result<Keys, LinkError> {
        let params = LINK_NOISE
            .parse()
            .map_err(|_| LinkError::Garbled("noise parameters"))?;
        let pair = snow::Builder::new(params)
            .generate_keypair()
            .map_err(|_| LinkError::Random)?;
        match (key32(&pair.private), key32(&pair.public)) {
            (Some(private), Some(public)) => Ok(Keys { private, public }),
            _ => Err(LinkError::Random),
        }
    }

    /// The pair from its stored private half.
    pub fn from_private(private: [u8; 32]) -> Keys {
        let mut public = [0u8; 32];
        if let Some(mut dh) = DefaultResolver.resolve_dh(&snow::params::DHChoice::Curve25519) {
            dh.set(&private);
            if let Some(p) = key32(dh.pubkey()) {
                public = p;
            }
        }
        Keys { private, public }
    }

    pub fn public(&self) -> [u8; 32] {
        self.public
    }

    pub fn private(&self) -> [u8; 32] {
        self.private
    }
}

/// What a pairing leaves both sides with, for the caller to remember.
#[derive(Clone, PartialEq, Eq)]
pub struct Paired {
    /// The other desk's static public key: reconnecting accepts exactly this one.
    pub remote_static: [u8; 32],
    /// A key both desks share, for sealing sync files to each other: HKDF-SHA256 of K.
    pub file_key: [u8; 32],
}

impl std::fmt::Debug for Paired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paired")
            .field("remote_static", &self.remote_static)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferState {
    Open,
    Expired,
    /// Closed by wrong codes.
    Closed,
    /// A pairing used it.
    Used,
}

/// The host's offer to pair: a 6-digit code, good for ten minutes, for one pairing, closed by
/// three wrong codes. Time is passed in, so the caller's clock rules.
#[derive(Clone)]
pub struct Offer {
    code: u32,
    expires: Instant,
    failures: u8,
    used: bool,
}

impl std::fmt::Debug for Offer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Offer")
            .field("failures", &self.failures)
            .field("used", &self.used)
            .finish_non_exhaustive()
    }
}

impl Offer {
    pub fn new(now: Instant) -> Result<Offer, LinkError> {
        // Below 4 294 000 000 every remainder mod 10⁶ is equally likely.
        let code = loop {
            let mut b = [0u8; 4];
            getrandom::fill(&mut b).map_err(|_| LinkError::Random)?;
            let n = u32::from_be_bytes(b);
            if n < 4_294_000_000 {
                break n % 1_000_000;
            }
        };
        Ok(Offer {
            code,
            expires: now + OFFER_LIFE,
            failures: 0,
            used: false,
        })
    }

    /// The code as shown: "123 456".
    pub fn shown(&self) -> String {
        let d = self.digits();
        format!("{} {}", &d[..3], &d[3..])
    }

    /// The code as six digits: "123456".
    pub fn digits(&self) -> String {
        format!("{:06}", self.code)
    }

    pub fn state(&self, now: Instant) -> OfferState {
        if self.used {
            OfferState::Used
        } else if self.failures >= OFFER_TRIES {
            OfferState::Closed
        } else if now >= self.expires {
            OfferState::Expired
        } else {
            OfferState::Open
        }
    }

    /// Time left before the code expires.
    pub fn remaining(&self, now: Instant) -> Duration {
        self.expires.saturating_duration_since(now)
    }

    pub fn failures(&self) -> u8 {
        self.failures
    }
}

/// A typed code: six digits, spaces and hyphens allowed between them ("123 456", "123-456").
pub fn parse_code(typed: &str) -> Option<u32> {
    let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

fn password(code: u32) -> Password {
    Password::new(format!("netday-pair-v1:{code:06}"))
}

fn spake_ids() -> (Identity, Identity) {
    (Identity::new(b"netday join"), Identity::new(b"netday host"))
}

fn file_key(k: &[u8; 32]) -> Result<[u8; 32], LinkError> {
    let mut out = [0u8; 32];
    Hkdf::<Sha256>::new(Some(b"netday-sync-v1"), k)
        .expand(b"file-key", &mut out)
        .map_err(|_| LinkError::Garbled("key derivation"))?;
    Ok(out)
}

fn intro(mode: u8) -> [u8; 8] {
    let mut i = [0u8; 8];
    i[..6].copy_from_slice(MAGIC);
    i[6] = VERSION;
    i[7] = mode;
    i
}

/// The steps of one handshake over one socket, all before one deadline.
struct Steps {
    stream: TcpStream,
    deadline: Instant,
    wait: Duration,
    buf: Vec<u8>,
}

impl Steps {
    fn new(stream: TcpStream, limits: &Limits) -> Result<Steps, LinkError> {
        stream.set_nodelay(true).map_err(|e| LinkError::io(&e))?;
        Ok(Steps {
            stream,
            deadline: Instant::now() + limits.handshake_timeout,
            wait: limits.handshake_timeout,
            buf: vec![0u8; NOISE_MAX],
        })
    }

    fn read(&mut self) -> Result<Vec<u8>, LinkError> {
        read_frame(&mut self.stream, self.deadline, self.wait)
    }

    fn write(&mut self, body: &[u8]) -> Result<(), LinkError> {
        write_frame(&mut self.stream, body, self.deadline, self.wait)
    }

    /// A frame that is not a one-byte refusal.
    fn read_unrefused(&mut self) -> Result<Vec<u8>, LinkError> {
        let f = self.read()?;
        match f.as_slice() {
            [REFUSED_WRONG_CODE] => Err(LinkError::WrongCode),
            [REFUSED_CLOSED] => Err(LinkError::OfferClosed),
            [_] => Err(LinkError::Garbled("an unknown refusal")),
            _ => Ok(f),
        }
    }

    fn refuse(mut self, why: u8) {
        let _ = self.write(&[why]);
        self.close();
    }

    fn close(self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }

    fn noise_write(&mut self, hs: &mut snow::HandshakeState) -> Result<(), LinkError> {
        let n = hs
            .write_message(&[], &mut self.buf)
            .map_err(|_| LinkError::Garbled("handshake"))?;
        let msg = self.buf[..n].to_vec();
        self.write(&msg)
    }

    /// Reads one Noise handshake message; `Err(())` when it fails authentication.
    fn noise_read(&mut self, hs: &mut snow::HandshakeState, msg: &[u8]) -> Result<(), ()> {
        hs.read_message(msg, &mut self.buf)
            .map(|_| ())
            .map_err(|_| ())
    }

    /// The proven end: the remote static and the transport.
    fn finish(
        self,
        hs: snow::HandshakeState,
        limits: Limits,
    ) -> Result<(Link, [u8; 32]), LinkError> {
        let remote = hs
            .get_remote_static()
            .and_then(key32)
            .ok_or(LinkError::Garbled("no static key"))?;
        let transport = hs
            .into_transport_mode()
            .map_err(|_| LinkError::Garbled("handshake"))?;
        Ok((Link::new(self.stream, transport, limits, remote), remote))
    }
}

fn builder<'a>(
    pattern: &str,
    keys: &'a Keys,
    prologue: &'a [u8],
) -> Result<snow::Builder<'a>, LinkError> {
    let params = pattern
        .parse()
        .map_err(|_| LinkError::Garbled("noise parameters"))?;
    snow::Builder::new(params)
        .local_private_key(&keys.private)
        .and_then(|b| b.prologue(prologue))
        .map_err(|_| LinkError::Garbled("noise parameters"))
}

fn spake_key(spake: Spake2<Ed25519Group>, theirs: &[u8]) -> Result<[u8; 32], LinkError> {
    let k = spake
        .finish(theirs)
        .map_err(|_| LinkError::Garbled("pairing message"))?;
    key32(&k).ok_or(LinkError::Garbled("pairing key"))
}

fn connect(addr: SocketAddr, limits: &Limits) -> Result<Steps, LinkError> {
    let stream = TcpStream::connect_timeout(&addr, limits.handshake_timeout)
        .map_err(|e| LinkError::Network(e.to_string()))?;
    Steps::new(stream, limits)
}

/// Which way an incoming connection wants to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pair,
    Reconnect,
}

/// A connection the host accepted, its intro read.
pub struct Incoming {
    steps: Steps,
    intro: [u8; 8],
    mode: Mode,
    limits: Limits,
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Incoming")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl Incoming {
    /// Reads the intro, within the handshake's time. Not netday's intro: closed, no answer.
    pub fn read(stream: TcpStream, limits: Limits) -> Result<Incoming, LinkError> {
        let mut steps = Steps::new(stream, &limits)?;
        let mut intro = [0u8; 8];
        let (deadline, wait) = (steps.deadline, steps.wait);
        if let Err(e) = read_by(&mut steps.stream, &mut intro, deadline, wait) {
            steps.close();
            return Err(e);
        }
        let mode = match (&intro[..6] == MAGIC, intro[6], intro[7]) {
            (true, VERSION, MODE_PAIR) => Mode::Pair,
            (true, VERSION, MODE_RECONNECT) => Mode::Reconnect,
            (true, _, _) => {
                steps.close();
                return Err(LinkError::Garbled("another version of the link"));
            }
            _ => {
                steps.close();
                return Err(LinkError::Garbled("not netday's link"));
            }
        };
        Ok(Incoming {
            steps,
            intro,
            mode,
            limits,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Turns the connection away: a pairing hears that no code is open; a reconnect hears nothing.
    pub fn refuse(self) {
        match self.mode {
            Mode::Pair => self.steps.refuse(REFUSED_CLOSED),
            Mode::Reconnect => self.steps.close(),
        }
    }

    /// Pairs with the joiner if it proves it knows the offer's code. A wrong code counts against
    /// the offer; a success uses it up.
    pub fn pair(
        self,
        offer: &mut Offer,
        keys: &Keys,
        now: Instant,
    ) -> Result<(Link, Paired), LinkError> {
        let Incoming {
            mut steps,
            intro,
            mode,
            limits,
        } = self;
        if mode != Mode::Pair {
            steps.close();
            return Err(LinkError::Garbled("not a pairing"));
        }
        if offer.state(now) != OfferState::Open {
            steps.refuse(REFUSED_CLOSED);
            return Err(LinkError::OfferClosed);
        }
        let run = |steps: &mut Steps,
                   offer: &mut Offer|
         -> Result<(snow::HandshakeState, [u8; 32]), LinkError> {
            let msg_a = steps.read()?;
            let (join, host) = spake_ids();
            let mut rng = Os::default();
            let (spake, msg_b) = Spake2::<Ed25519Group>::start_b_with_rng(
                &password(offer.code),
                &join,
                &host,
                &mut rng,
            );
            if rng.failed() {
                return Err(LinkError::Random);
            }
            steps.write(&msg_b)?;
            let k = spake_key(spake, &msg_a)?;
            let prologue = [&intro[..], &msg_a, &msg_b].concat();
            let mut hs = builder(PAIR_NOISE, keys, &prologue)?
                .psk(0, &k)
                .and_then(|b| b.build_responder())
                .map_err(|_| LinkError::Garbled("noise parameters"))?;
            let m1 = steps.read()?;
            if steps.noise_read(&mut hs, &m1).is_err() {
                offer.failures = offer.failures.saturating_add(1);
                return Err(LinkError::WrongCode);
            }
            steps.noise_write(&mut hs)?;
            let m3 = steps.read()?;
            if steps.noise_read(&mut hs, &m3).is_err() {
                offer.failures = offer.failures.saturating_add(1);
                return Err(LinkError::Garbled("the joiner's proof"));
            }
            offer.used = true;
            Ok((hs, k))
        };
        let (hs, k) = match run(&mut steps, offer) {
            Ok(done) => done,
            Err(LinkError::WrongCode) => {
                steps.refuse(REFUSED_WRONG_CODE);
                return Err(LinkError::WrongCode);
            }
            Err(e) => {
                steps.close();
                return Err(e);
            }
        };
        let file_key = file_key(&k)?;
        let (mut link, remote_static) = steps.finish(hs, limits)?;
        link.confirm()?;
        Ok((
            link,
            Paired {
                remote_static,
                file_key,
            },
        ))
    }

    /// Links again with a desk paired before, if its static key is one of `known`; otherwise
    /// closes without a word.
    pub fn reconnect(self, keys: &Keys, known: &[[u8; 32]]) -> Result<Link, LinkError> {
        let Incoming {
            mut steps,
            intro,
            mode,
            limits,
        } = self;
        if mode != Mode::Reconnect {
            steps.refuse(REFUSED_CLOSED);
            return Err(LinkError::OfferClosed);
        }
        let run = |steps: &mut Steps| -> Result<snow::HandshakeState, LinkError> {
            let mut hs = builder(LINK_NOISE, keys, &intro)?
                .build_responder()
                .map_err(|_| LinkError::Garbled("noise parameters"))?;
            let m1 = steps.read()?;
            steps
                .noise_read(&mut hs, &m1)
                .map_err(|_| LinkError::Garbled("handshake"))?;
            steps.noise_write(&mut hs)?;
            let m3 = steps.read()?;
            steps
                .noise_read(&mut hs, &m3)
                .map_err(|_| LinkError::Garbled("handshake"))?;
            Ok(hs)
        };
        let hs = match run(&mut steps) {
            Ok(hs) => hs,
            Err(e) => {
                steps.close();
                return Err(e);
            }
        };
        let (mut link, remote) = steps.finish(hs, limits)?;
        if !known.contains(&remote) {
            link.close();
            return Err(LinkError::NotPaired);
        }
        link.confirm()?;
        Ok(link)
    }
}

/// Joins the host at `addr` with the code typed there.
pub fn pair_as_joiner(
    addr: SocketAddr,
    code: &str,
    keys: &Keys,
    limits: Limits,
) -> Result<(Link, Paired), LinkError> {
    let code = parse_code(code).ok_or(LinkError::WrongCode)?;
    let mut steps = connect(addr, &limits)?;
    let run = |steps: &mut Steps| -> Result<(snow::HandshakeState, [u8; 32]), LinkError> {
        let intro = intro(MODE_PAIR);
        let (deadline, wait) = (steps.deadline, steps.wait);
        write_by(&mut steps.stream, &intro, deadline, wait)?;
        let (join, host) = spake_ids();
        let mut rng = Os::default();
        let (spake, msg_a) =
            Spake2::<Ed25519Group>::start_a_with_rng(&password(code), &join, &host, &mut rng);
        if rng.failed() {
            return Err(LinkError::Random);
        }
        steps.write(&msg_a)?;
        let msg_b = steps.read_unrefused()?;
        let k = spake_key(spake, &msg_b)?;
        let prologue = [&intro[..], &msg_a, &msg_b].concat();
        let mut hs = builder(PAIR_NOISE, keys, &prologue)?
            .psk(0, &k)
            .and_then(|b| b.build_initiator())
            .map_err(|_| LinkError::Garbled("noise parameters"))?;
        steps.noise_write(&mut hs)?;
        let m2 = steps.read_unrefused()?;
        steps
            .noise_read(&mut hs, &m2)
            .map_err(|_| LinkError::Garbled("the host's proof"))?;
        steps.noise_write(&mut hs)?;
        Ok((hs, k))
    };
    let (hs, k) = match run(&mut steps) {
        Ok(done) => done,
        Err(e) => {
            steps.close();
            return Err(e);
        }
    };
    let file_key = file_key(&k)?;
    let (mut link, remote_static) = steps.finish(hs, limits)?;
    link.confirmed()?;
    Ok((
        link,
        Paired {
            remote_static,
            file_key,
        },
    ))
}

/// Links again with a host paired before, if its static key is one of `known`.
pub fn reconnect_as_joiner(
    addr: SocketAddr,
    keys: &Keys,
    known: &[[u8; 32]],
    limits: Limits,
) -> Result<Link, LinkError> {
    let mut steps = connect(addr, &limits)?;
    let run = |steps: &mut Steps| -> Result<snow::HandshakeState, LinkError> {
        let intro = intro(MODE_RECONNECT);
        let (deadline, wait) = (steps.deadline, steps.wait);
        write_by(&mut steps.stream, &intro, deadline, wait)?;
        let mut hs = builder(LINK_NOISE, keys, &intro)?
            .build_initiator()
            .map_err(|_| LinkError::Garbled("noise parameters"))?;
        steps.noise_write(&mut hs)?;
        let m2 = steps.read_unrefused()?;
        steps
            .noise_read(&mut hs, &m2)
            .map_err(|_| LinkError::Garbled("handshake"))?;
        let remote = hs.get_remote_static().and_then(key32);
        if !remote.is_some_and(|r| known.contains(&r)) {
            return Err(LinkError::NotPaired);
        }
        steps.noise_write(&mut hs)?;
        Ok(hs)
    };
    let hs = match run(&mut steps) {
        Ok(hs) => hs,
        Err(e) => {
            steps.close();
            return Err(e);
        }
    };
    let (mut link, _) = steps.finish(hs, limits)?;
    // The host closes at once when it does not know this desk.
    link.confirmed().map_err(|e| match e {
        LinkError::Closed => LinkError::NotPaired,
        e => e,
    })?;
    Ok(link)
}
