//! Frames and messages over TCP. Every frame is `u16 BE length ‖ bytes` (a Noise message, at
//! most 65 535 bytes). An application message is `u32 BE total ‖ bytes`, split over as many
//! Noise messages as it needs. Every read and write has a deadline, so a silent or trickling
//! peer costs at most that long; any error ends the link for good.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::LinkError;

/// The largest Noise message, and the plaintext one carries (its AEAD tag is 16 bytes).
pub const NOISE_MAX: usize = 65_535;
pub const PLAIN_MAX: usize = NOISE_MAX - 16;
/// The largest application message.
pub const MESSAGE_MAX: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest message sent or accepted; a larger one is refused and the link dropped.
    pub max_message: usize,
    /// How long one frame may take to arrive (or to leave), waiting included.
    pub frame_timeout: Duration,
    /// How long a whole handshake may take.
    pub handshake_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message: MESSAGE_MAX,
            frame_timeout: Duration::from_secs(15),
            handshake_timeout: Duration::from_secs(10),
        }
    }
}

/// Fills `buf` from the stream before `deadline`, however the bytes trickle in.
pub(crate) fn read_by(
    stream: &mut TcpStream,
    buf: &mut [u8],
    deadline: Instant,
    waited: Duration,
) -> Result<(), LinkError> {
    let mut got = 0;
    while got < buf.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(LinkError::Timeout(waited));
        }
        stream
            .set_read_timeout(Some(left.max(Duration::from_millis(1))))
            .map_err(|e| LinkError::io(&e))?;
        match stream.read(&mut buf[got..]) {
            Ok(0) => return Err(LinkError::Closed),
            Ok(n) => got += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(LinkError::io(&e)),
        }
    }
    Ok(())
}

/// Writes all of `bytes` before `deadline` (a peer that stops reading stalls the write).
pub(crate) fn write_by(
    stream: &mut TcpStream,
    bytes: &[u8],
    deadline: Instant,
    waited: Duration,
) -> Result<(), LinkError> {
    let mut sent = 0;
    while sent < bytes.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(LinkError::Timeout(waited));
        }
        stream
            .set_write_timeout(Some(left.max(Duration::from_millis(1))))
            .map_err(|e| LinkError::io(&e))?;
        match stream.write(&bytes[sent..]) {
            Ok(0) => return Err(LinkError::Closed),
            Ok(n) => sent += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock
                        | std::io::ErrorKind::TimedOut
                        | std::io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(LinkError::io(&e)),
        }
    }
    Ok(())
}

/// One frame, read before `deadline`. An empty frame is never sent, so it is refused.
pub(crate) fn read_frame(
    stream: &mut TcpStream,
    deadline: Instant,
    waited: Duration,
) -> Result<Vec<u8>, LinkError> {
    let mut len = [0u8; 2];
    read_by(stream, &mut len, deadline, waited)?;
    let len = usize::from(u16::from_be_bytes(len));
    if len == 0 {
        return Err(LinkError::Garbled("empty frame"));
    }
    let mut body = vec![0u8; len];
    read_by(stream, &mut body, deadline, waited)?;
    Ok(body)
}

pub(crate) fn write_frame(
    stream: &mut TcpStream,
    body: &[u8],
    deadline: Instant,
    waited: Duration,
) -> Result<(), LinkError> {
    let len = u16::try_from(body.len()).map_err(|_| LinkError::TooLarge {
        size: body.len() as u64,
        limit: NOISE_MAX as u64,
    })?;
    let mut out = Vec::with_capacity(body.len() + 2);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(body);
    write_by(stream, &out, deadline, waited)?;
    stream.flush().map_err(|e| LinkError::io(&e))
}

/// The length a keep-alive announces in place of a message's: no message is that long.
const PING: u32 = u32::MAX;
/// Liveness: a link that sent nothing for `PING_EVERY` sends a keep-alive; the other side's
/// `frame_timeout` (15 s by default) cuts a link that heard nothing at all.
pub const PING_EVERY: Duration = Duration::from_secs(5);

/// An encrypted, authenticated link to a proven desk. `send` and `recv` move opaque messages;
/// after any error every call answers `Closed` and the socket is shut.
pub struct Link {
    stream: TcpStream,
    /// Shared by the two halves of a split link: each direction has its own cipher state
    /// inside, so the lock is held only to seal or open one Noise message.
    noise: Arc<Mutex<snow::TransportState>>,
    limits: Limits,
    remote_static: [u8; 32],
    broken: Arc<AtomicBool>,
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("peer", &self.stream.peer_addr().ok())
            .field("broken", &self.is_broken())
            .finish_non_exhaustive()
    }
}

impl Link {
    pub(crate) fn new(
        stream: TcpStream,
        noise: snow::TransportState,
        limits: Limits,
        remote_static: [u8; 32],
    ) -> Link {
        Link {
            stream,
            noise: Arc::new(Mutex::new(noise)),
            limits,
            remote_static,
            broken: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The other desk's Noise static public key, proven by the handshake.
    pub fn remote_static(&self) -> [u8; 32] {
        self.remote_static
    }

    pub fn peer_addr(&self) -> Option<std::net::SocketAddr> {
        self.stream.peer_addr().ok()
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn is_broken(&self) -> bool {
        self.broken.load(Ordering::SeqCst)
    }

    /// Ends the link: the socket is shut both ways (for both halves of a split link).
    pub fn close(&mut self) {
        self.broken.store(true, Ordering::SeqCst);
        let _ = self.stream.shutdown(Shutdown::Both);
    }

    fn fail<T>(&mut self, e: LinkError) -> Result<T, LinkError> {
        self.close();
        Err(e)
    }

    /// One half to send from (a writer thread) and one to receive on (a reader thread).
    pub fn split(self) -> Result<(Sender, Receiver), LinkError> {
        let stream = match self.stream.try_clone() {
            Ok(s) => s,
            Err(e) => {
                let mut me = self;
                return me.fail(LinkError::io(&e));
            }
        };
        let other = Link {
            stream,
            noise: self.noise.clone(),
            limits: self.limits,
            remote_static: self.remote_static,
            broken: self.broken.clone(),
        };
        Ok((Sender(self), Receiver(other)))
    }

    fn seal(&mut self, plain: &[u8], out: &mut [u8]) -> Result<usize, LinkError> {
        let mut noise = self
            .noise
            .lock()
            .map_err(|_| LinkError::Garbled("encryption failed"))?;
        noise
            .write_message(plain, out)
            .map_err(|_| LinkError::Garbled("encryption failed"))
    }

    fn write_sealed(&mut self, plain: &[u8], sealed: &mut [u8]) -> Result<(), LinkError> {
        let n = self.seal(plain, sealed)?;
        let wait = self.limits.frame_timeout;
        write_frame(&mut self.stream, &sealed[..n], Instant::now() + wait, wait)
    }

    /// The host's first transport message: empty, it says "you are accepted". The joiner sends
    /// nothing before it has read it.
    pub(crate) fn confirm(&mut self) -> Result<(), LinkError> {
        let mut sealed = vec![0u8; 64];
        match self.write_sealed(&[], &mut sealed) {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    pub(crate) fn confirmed(&mut self) -> Result<(), LinkError> {
        match self.recv_plain() {
            Ok(p) if p.is_empty() => Ok(()),
            Ok(_) => self.fail(LinkError::Garbled("no acceptance")),
            Err(e) => self.fail(e),
        }
    }

    /// Sends one message. Too large a message is refused before a byte leaves, and ends the
    /// link like every other error (the exchange above must not go on as if it had left).
    pub fn send(&mut self, message: &[u8]) -> Result<(), LinkError> {
        if self.is_broken() {
            return Err(LinkError::Closed);
        }
        let total = match u32::try_from(message.len()) {
            Ok(t) if message.len() <= self.limits.max_message && t != PING => t,
            _ => {
                return self.fail(LinkError::TooLarge {
                    size: message.len() as u64,
                    limit: self.limits.max_message as u64,
                });
            }
        };
        let mut plain = Vec::with_capacity(message.len() + 4);
        plain.extend_from_slice(&total.to_be_bytes());
        plain.extend_from_slice(message);
        let mut sealed = vec![0u8; NOISE_MAX];
        for chunk in plain.chunks(PLAIN_MAX) {
            if let Err(e) = self.write_sealed(chunk, &mut sealed) {
                return self.fail(e);
            }
        }
        Ok(())
    }

    /// A keep-alive: one Noise message the other side's `recv` reads and drops.
    pub fn ping(&mut self) -> Result<(), LinkError> {
        if self.is_broken() {
            return Err(LinkError::Closed);
        }
        let mut sealed = vec![0u8; 64];
        match self.write_sealed(&PING.to_be_bytes(), &mut sealed) {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    fn recv_plain(&mut self) -> Result<Vec<u8>, LinkError> {
        let wait = self.limits.frame_timeout;
        let frame = read_frame(&mut self.stream, Instant::now() + wait, wait)?;
        let mut plain = vec![0u8; frame.len()];
        let n = {
            let mut noise = self
                .noise
                .lock()
                .map_err(|_| LinkError::Garbled("decryption failed"))?;
            noise
                .read_message(&frame, &mut plain)
                .map_err(|_| LinkError::Garbled("a message failed authentication"))?
        };
        plain.truncate(n);
        Ok(plain)
    }

    /// The next message. Waits at most `frame_timeout` for each of its frames (keep-alives
    /// included, and dropped); a message announced larger than `max_message` is refused and
    /// the link dropped.
    pub fn recv(&mut self) -> Result<Vec<u8>, LinkError> {
        if self.is_broken() {
            return Err(LinkError::Closed);
        }
        loop {
            match self.recv_message() {
                Ok(Some(m)) => return Ok(m),
                Ok(None) => {}
                Err(e) => return self.fail(e),
            }
        }
    }

    /// A message, or `None` for a keep-alive.
    fn recv_message(&mut self) -> Result<Option<Vec<u8>>, LinkError> {
        let first = self.recv_plain()?;
        let Some((total, rest)) = first.split_first_chunk::<4>() else {
            return Err(LinkError::Garbled("a message without its length"));
        };
        let total = u32::from_be_bytes(*total);
        if total == PING && rest.is_empty() {
            return Ok(None);
        }
        let total = total as usize;
        if total > self.limits.max_message {
            return Err(LinkError::TooLarge {
                size: total as u64,
                limit: self.limits.max_message as u64,
            });
        }
        // Every Noise message but the last is full, so a message takes at most 65 frames and a
        // peer cannot stretch one out with tiny pieces.
        if first.len() != (total + 4).min(PLAIN_MAX) {
            return Err(LinkError::Garbled("a message cut into wrong pieces"));
        }
        let mut message = Vec::with_capacity(total);
        message.extend_from_slice(rest);
        while message.len() < total {
            let more = self.recv_plain()?;
            if more.len() != (total - message.len()).min(PLAIN_MAX) {
                return Err(LinkError::Garbled("a message cut into wrong pieces"));
            }
            message.extend_from_slice(&more);
        }
        Ok(Some(message))
    }
}

/// The sending half of a split link.
#[derive(Debug)]
pub struct Sender(Link);

impl Sender {
    pub fn send(&mut self, message: &[u8]) -> Result<(), LinkError> {
        self.0.send(message)
    }

    pub fn ping(&mut self) -> Result<(), LinkError> {
        self.0.ping()
    }

    pub fn close(&mut self) {
        self.0.close();
    }

    /// A writer thread's loop: sends what arrives on `outbound`, a keep-alive after `idle`
    /// without anything to send, and closes the link when `outbound` is dropped. Returns the
    /// error that ended the link, or `Ok` after that clean close.
    pub fn pump(
        mut self,
        outbound: &mpsc::Receiver<Vec<u8>>,
        idle: Duration,
    ) -> Result<(), LinkError> {
        loop {
            match outbound.recv_timeout(idle) {
                Ok(m) => self.send(&m)?,
                Err(mpsc::RecvTimeoutError::Timeout) => self.ping()?,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    self.close();
                    return Ok(());
                }
            }
        }
    }
}

/// The receiving half of a split link.
#[derive(Debug)]
pub struct Receiver(Link);

impl Receiver {
    pub fn recv(&mut self) -> Result<Vec<u8>, LinkError> {
        self.0.recv()
    }

    pub fn close(&mut self) {
        self.0.close();
    }

    pub fn remote_static(&self) -> [u8; 32] {
        self.0.remote_static()
    }
}
