//! `[schema version][bincode bytes]`: the one encoding of every stored value.

use serde::{Serialize, de::DeserializeOwned};

use super::StoreError;

/// Version of the record layout this build writes.
pub const SCHEMA: u8 = 2;

/// No single record may claim more than this when decoded (guards against corrupt lengths).
const LIMIT: usize = 4 * 1024 * 1024;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<LIMIT>()
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = vec![SCHEMA];
    // Encoding our own plain types into a Vec cannot fail; an empty record would be refused on read.
    if let Ok(bytes) = bincode::serde::encode_to_vec(value, config()) {
        out.extend_from_slice(&bytes);
    }
    out
}

/// Decodes a record written at `SCHEMA`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&SCHEMA, body)) => decode_body(body),
        Some((v, _)) => Err(StoreError::Corrupt(format!("record version {v}"))),
        None => Err(StoreError::Corrupt("empty record".into())),
    }
}

/// Decodes the bincode part alone (migrations read older layouts with it).
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, StoreError> {
    bincode::serde::decode_from_slice(body, config())
        .map(|(v, _)| v)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Encodes without the version byte (portable snapshots carry their own header).
pub fn encode_body<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Decodes a snapshot body, which may be larger than one record.
pub fn decode_snapshot<T: DeserializeOwned>(body: &[u8]) -> Result<T, StoreError> {
    bincode::serde::decode_from_slice(
        body,
        bincode::config::standard().with_limit::<{ 1 << 31 }>(),
    )
    .map(|(v, _)| v)
    .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Encodes a value that may be larger than one record (the roster cache), with the version byte.
pub fn encode_large<T: Serialize>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![SCHEMA];
    out.extend_from_slice(&encode_body(value)?);
    Ok(out)
}

/// Decodes what `encode_large` wrote (refuses another version).
pub fn decode_large<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&SCHEMA, body)) => decode_snapshot(body),
        Some((v, _)) => Err(StoreError::Corrupt(format!("record version {v}"))),
        None => Err(StoreError::Corrupt("empty record".into())),
    }
}
