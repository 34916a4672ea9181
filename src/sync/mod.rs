//! The link between two desks: pairing with a 6-digit code (SPAKE2, then Noise XXpsk0 keyed by
//! it), reconnecting with the remembered static keys (Noise XX), and an encrypted, authenticated
//! `Link` that moves opaque messages of up to 4 MiB. What the messages say is the store's and the
//! exchange's business; nothing here touches the database.

pub mod addr;
mod error;
pub mod frame;
pub mod pair;
pub mod rng;

pub use error::LinkError;
pub use frame::{Limits, Link, PING_EVERY, Receiver, Sender};
pub use pair::{Incoming, Keys, Offer, OfferState, Paired};
