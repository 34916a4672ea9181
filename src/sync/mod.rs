//! The link between two desks and the exchange over it: pairing with a 6-digit code (SPAKE2,
//! then Noise XXpsk0 keyed by it), reconnecting with the remembered static keys (Noise XX), an
//! encrypted, authenticated `Link` that moves messages of up to 4 MiB, the exchange of journal
//! entries (`session`, without I/O, over the `Journal` trait) and the threads that run it
//! (`driver`), and the sealed sync file. Nothing here touches the database: the caller's
//! `Journal` does.

pub mod addr;
pub mod driver;
mod error;
pub mod file;
pub mod frame;
pub mod pair;
pub mod rng;
pub mod session;
pub mod wire;

pub use driver::{Backoff, Config, Driver, Happened, Status};
pub use error::{LinkError, SyncError};
pub use frame::{Limits, Link, PING_EVERY, Receiver, Sender};
pub use pair::{Incoming, Keys, Offer, OfferState, Paired};
pub use session::{Journal, Role, Session};
pub use wire::{DeskCard, Msg};
