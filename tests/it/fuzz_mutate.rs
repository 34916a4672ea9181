//! What the fuzz tests share: a seeded random source (the same inputs on every run), byte
//! mutations steered by a dictionary of what each format counts on, zip entries taken apart and
//! put back, and the kept corpus of inputs that once crashed or hung.

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// SplitMix64: enough randomness for mutations, and no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
}

/// One to four edits of `bytes`: a flipped or replaced byte, a cut, a span deleted or doubled, a
/// dictionary word put in, a number made huge.
pub fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, dictionary: &[&[u8]]) {
    for _ in 0..1 + rng.below(4) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = *rng.pick(b"<>/\"'=&;:09 \n\0\xff\xea");
            }
            2 => bytes.truncate(at),
            3 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                bytes.drain(at.min(end)..end);
            }
            4 if len > 0 => {
                let from = rng.below(len);
                let end = (from + 1 + rng.below(256)).min(len);
                let span = bytes[from..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, span);
            }
            5 => {
                let digits: &[&[u8]] = &[
                    b"0",
                    b"16384",
                    b"1048576",
                    b"4294967296",
                    b"18446744073709551616",
                    b"-1",
                ];
                // The next run of digits, made one of these.
                if let Some(start) = bytes[at.min(len)..]
                    .iter()
                    .position(u8::is_ascii_digit)
                    .map(|p| p + at)
                {
                    let end = bytes[start..]
                        .iter()
                        .position(|b| !b.is_ascii_digit())
                        .map_or(len, |p| p + start);
                    bytes.splice(start..end, rng.pick(digits).iter().copied());
                }
            }
            _ => {
                let word = rng.pick(dictionary);
                bytes.splice(at..at, word.iter().copied());
            }
        }
    }
}

/// The entries of a zip, in order; `None` when it is not one.
pub fn unzip(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        out.push((f.name().ok()?.to_string(), data));
    }
    Some(out)
}

/// Entries back into a zip; stored (fast in a debug build) or deflated.
pub fn rezip(entries: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        let method = if name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            method
        };
        zip.start_file(
            name.as_str(),
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// `entries` with the one named `name` replaced by `f` of it.
pub fn with_entry(
    entries: &[(String, Vec<u8>)],
    name: &str,
    f: impl FnOnce(&[u8]) -> Vec<u8>,
) -> Vec<(String, Vec<u8>)> {
    let mut f = Some(f);
    entries
        .iter()
        .map(|(n, d)| match f.take_if(|_| n == name) {
            Some(f) => (n.clone(), f(d)),
            None => (n.clone(), d.clone()),
        })
        .collect()
}

pub fn corpus_dir(reader: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(reader)
}

/// Every file kept for `reader`, by name.
pub fn corpus(reader: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir(reader))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// What a kept file must give, by its name: `*.bad.*` damaged, `*.big.*` too large, any other
/// an answer of any kind (no panic, abort or loop is the whole promise).
pub fn expected(name: &str) -> Option<netday::io::csv::CsvError> {
    use netday::io::csv::CsvError;
    if name.contains(".bad.") {
        Some(CsvError::BadSheet)
    } else if name.contains(".big.") {
        Some(CsvError::TooBig)
    } else {
        None
    }
}

/// Runs `read` on `input`; a panic fails the test naming the file it was kept in, so it can
/// join the corpus.
pub fn survive<T>(reader: &str, n: usize, input: &[u8], read: impl FnOnce(&[u8]) -> T) -> T {
    match catch_unwind(AssertUnwindSafe(|| read(input))) {
        Ok(t) => t,
        Err(_) => {
            let path = std::env::temp_dir().join(format!("netday-fuzz-{reader}-{n}.bin"));
            std::fs::write(&path, input).unwrap();
            panic!(
                "{reader} input {n} panicked; kept in {}; add it to tests/corpus/{reader}/",
                path.display()
            );
        }
    }
}
