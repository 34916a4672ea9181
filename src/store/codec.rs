//! `[schema version][bincode bytes]`: the one encoding of every stored value.
//!
//! Writing and reading agree on one limit, the encoded size: what `encode` accepts, `decode`
//! reads back, and a value too large is refused before anything is written.

use serde::{Serialize, de::DeserializeOwned};

use super::StoreError;

/// Version of the record layout this build writes.
pub const SCHEMA: u8 = 3;

/// Largest encoded record (version byte excluded).
pub const LIMIT: usize = 4 * 1024 * 1024;

/// Largest encoded value that may hold many records (the roster cache, a backup's body).
pub const LARGE_LIMIT: usize = 1 << 31;

/// What bincode may allocate while decoding `limit` bytes: guards against a damaged length
/// prefix, never reached by a value within `limit` (no element of our types decodes to more
/// than 64 bytes of memory per encoded byte).
const fn claim_limit(limit: usize) -> usize {
    limit.saturating_mul(64)
}

fn config<const CLAIM: usize>() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<CLAIM>()
}

const RECORD_CLAIM: usize = claim_limit(LIMIT);
const LARGE_CLAIM: usize = claim_limit(LARGE_LIMIT);

fn encode_within<T: Serialize>(
    value: &T,
    limit: usize,
    out: &mut Vec<u8>,
) -> Result<(), StoreError> {
    let start = out.len();
    // Only a serde impl that fails on purpose can make this fail; ours never do.
    bincode::serde::encode_into_std_write(value, out, bincode::config::standard()).map_err(
        |_| {
            StoreError::Invalid(
                "기록을 저장 형식으로 바꿀 수 없습니다 / the record cannot be encoded".into(),
            )
        },
    )?;
    let bytes = out.len() - start;
    if bytes > limit {
        return Err(StoreError::TooLarge {
            bytes: bytes as u64,
            limit: limit as u64,
        });
    }
    Ok(())
}

/// Encodes one record; refuses one that `decode` would not read back.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![SCHEMA];
    encode_within(value, LIMIT, &mut out)?;
    Ok(out)
}

/// Why a stored value cannot be read (the caller knows which record or file it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecodable {
    Empty,
    Version(u8),
    TooLarge,
    Garbled,
}

/// Decodes a record written at `SCHEMA`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Undecodable> {
    match bytes.split_first() {
        Some((&SCHEMA, body)) => decode_body(body),
        Some((v, _)) => Err(Undecodable::Version(*v)),
        None => Err(Undecodable::Empty),
    }
}

/// Decodes the bincode part alone (migrations read older layouts with it).
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Undecodable> {
    if body.len() > LIMIT {
        return Err(Undecodable::TooLarge);
    }
    bincode::serde::decode_from_slice(body, config::<RECORD_CLAIM>())
        .map(|(v, _)| v)
        .map_err(|_| Undecodable::Garbled)
}

/// Encodes without the version byte (portable snapshots carry their own header).
pub fn encode_body<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::new();
    encode_within(value, LARGE_LIMIT, &mut out)?;
    Ok(out)
}

/// Decodes what `encode_large` wrote, read from `r` as it decodes (no copy of the whole value
/// in memory first). The caller checks that `r` held exactly that value.
pub fn decode_large_from<T: DeserializeOwned>(
    r: &mut impl std::io::Read,
) -> Result<T, Undecodable> {
    let mut version = [0u8; 1];
    r.read_exact(&mut version).map_err(|_| Undecodable::Empty)?;
    if version[0] != SCHEMA {
        return Err(Undecodable::Version(version[0]));
    }
    bincode::serde::decode_from_std_read(r, config::<LARGE_CLAIM>())
        .map_err(|_| Undecodable::Garbled)
}

/// Decodes a snapshot body (which may be larger than one record) that must be exactly one
/// value: trailing bytes make it undecodable.
pub fn decode_whole<T: DeserializeOwned>(body: &[u8]) -> Result<T, Undecodable> {
    if body.len() > LARGE_LIMIT {
        return Err(Undecodable::TooLarge);
    }
    match bincode::serde::decode_from_slice(body, config::<LARGE_CLAIM>()) {
        Ok((v, used)) if used == body.len() => Ok(v),
        _ => Err(Undecodable::Garbled),
    }
}

/// Encodes a value that may be larger than one record (the roster cache), with the version byte.
pub fn encode_large<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![SCHEMA];
    encode_within(value, LARGE_LIMIT, &mut out)?;
    Ok(out)
}

/// Encodes a message between two desks: the version byte, then the value, at most `limit`
/// bytes in all. The only encoding `sync` uses, so that bincode stays in `store`.
pub fn to_wire<T: Serialize>(value: &T, limit: usize) -> Result<Vec<u8>, Unencodable> {
    let mut out = vec![SCHEMA];
    match encode_within(value, limit.saturating_sub(1), &mut out) {
        Ok(()) => Ok(out),
        Err(StoreError::TooLarge { bytes, .. }) => Err(Unencodable::TooLarge {
            bytes: bytes + 1,
            limit: limit as u64,
        }),
        Err(_) => Err(Unencodable::Failed),
    }
}

/// Why a message cannot be encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unencodable {
    TooLarge { bytes: u64, limit: u64 },
    Failed,
}

/// Decodes what `to_wire` wrote, refusing more than `limit` bytes, another version, trailing
/// bytes, and anything that does not decode to a whole `T`.
pub fn from_wire<T: DeserializeOwned>(bytes: &[u8], limit: usize) -> Result<T, Undecodable> {
    if bytes.len() > limit || bytes.len() > LARGE_LIMIT {
        return Err(Undecodable::TooLarge);
    }
    let body = match bytes.split_first() {
        Some((&SCHEMA, body)) => body,
        Some((v, _)) => return Err(Undecodable::Version(*v)),
        None => return Err(Undecodable::Empty),
    };
    // A length inside larger than the message is refused as bincode reads it (serde's
    // collections never reserve more than a cautious amount ahead of the bytes).
    let decoded = bincode::serde::decode_from_slice(body, config::<LARGE_CLAIM>());
    match decoded {
        Ok((v, used)) if used == body.len() => Ok(v),
        _ => Err(Undecodable::Garbled),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_message_reads_back_whole_and_nothing_else_does() {
        let v: (u32, String, Vec<u8>) = (7, "김민지".into(), vec![1, 2, 3]);
        let bytes = to_wire(&v, 1024).unwrap();
        assert_eq!(
            from_wire::<(u32, String, Vec<u8>)>(&bytes, 1024),
            Ok(v.clone())
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            from_wire::<(u32, String, Vec<u8>)>(&longer, 1024),
            Err(Undecodable::Garbled),
            "trailing bytes"
        );
        assert_eq!(
            from_wire::<(u32, String, Vec<u8>)>(&bytes[..bytes.len() - 1], 1024),
            Err(Undecodable::Garbled)
        );
        let mut other = bytes.clone();
        other[0] = SCHEMA + 1;
        assert_eq!(
            from_wire::<(u32, String, Vec<u8>)>(&other, 1024),
            Err(Undecodable::Version(SCHEMA + 1))
        );
        assert_eq!(
            from_wire::<(u32, String, Vec<u8>)>(&bytes, bytes.len() - 1),
            Err(Undecodable::TooLarge)
        );
        assert_eq!(
            to_wire(&v, bytes.len() - 1),
            Err(Unencodable::TooLarge {
                bytes: bytes.len() as u64,
                limit: bytes.len() as u64 - 1
            })
        );
        // A vector announcing far more elements than the message holds.
        let mut huge = vec![SCHEMA];
        huge.extend_from_slice(&[0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert_eq!(
            from_wire::<Vec<u64>>(&huge, 1024),
            Err(Undecodable::Garbled)
        );
    }
}
