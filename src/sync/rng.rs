//! The operating system's randomness (getrandom 0.3) for crates that take a `rand_core` 0.6
//! generator (spake2). `fill_bytes` cannot fail by its signature, so a failure is remembered
//! and the caller checks `failed()` before using what was drawn.

use rand_core::{CryptoRng, RngCore};

#[derive(Debug, Default)]
pub struct Os {
    failed: bool,
}

impl Os {
    pub fn failed(&self) -> bool {
        self.failed
    }
}

impl RngCore for Os {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }

    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        if getrandom::fill(dest).is_err() {
            dest.fill(0);
            self.failed = true;
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        match std::num::NonZeroU32::new(rand_core::Error::CUSTOM_START) {
            Some(code) if self.failed => Err(rand_core::Error::from(code)),
            _ => Ok(()),
        }
    }
}

impl CryptoRng for Os {}
