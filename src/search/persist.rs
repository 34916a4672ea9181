//! Saving and loading a built index (a plain little-endian layout, no serde).

use super::*;

/// The layout's name and version: a cache written in another layout is not read but rebuilt.
/// 05: an entry's codes are its badge code and aliases, separated by spaces.
/// 06: the slots by id and the badge codes' hashes by hash, so loading builds no hash map.
const MAGIC: &[u8; 8] = b"NDSIDX06";

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    fn len(&mut self, each: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(each)? <= self.0.len()).then_some(n)
    }
    /// `n` values of `N` bytes each, stored one after the other (one column of the index).
    fn column<const N: usize, T>(&mut self, n: usize, f: impl Fn([u8; N]) -> T) -> Option<Vec<T>> {
        let b = self.take(n.checked_mul(N)?)?;
        Some(
            b.chunks_exact(N)
                .map(|c| f(c.try_into().unwrap_or([0; N])))
                .collect(),
        )
    }
    fn span(&mut self) -> Option<Span> {
        Some(Span {
            off: self.u32()?,
            len: self.u32()?,
        })
    }
}

fn le_u64(b: [u8; 8]) -> u64 {
    u64::from_le_bytes(b)
}
fn le_u32(b: [u8; 4]) -> u32 {
    u32::from_le_bytes(b)
}
fn le_span(b: [u8; 8]) -> Span {
    let [a0, a1, a2, a3, b0, b1, b2, b3] = b;
    Span {
        off: u32::from_le_bytes([a0, a1, a2, a3]),
        len: u32::from_le_bytes([b0, b1, b2, b3]),
    }
}
fn le_masks(b: [u8; 16]) -> [u64; 2] {
    let (lo, hi) = b.split_at(8);
    [
        lo.try_into().map_or(0, u64::from_le_bytes),
        hi.try_into().map_or(0, u64::from_le_bytes),
    ]
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(&s.off.to_le_bytes());
    out.extend_from_slice(&s.len.to_le_bytes());
}

/// Bytes per entry in the columns (the slots by id among them).
const ENTRY_BYTES: usize = 82;

impl SearchIndex {
    /// The built index as bytes, so a later run can load it instead of building it again
    /// (`netday search` on a large roster). Read back with [`from_bytes`](Self::from_bytes).
    /// Each per-entry vector is one column, so loading is a copy per column.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self.ids.len() * ENTRY_BYTES
                + self.units.len() * 4
                + self.bytes.len()
                + self.orgs.len() * 36
                + self.ids.len() * 12,
        );
        out.extend_from_slice(MAGIC);
        put_len(&mut out, self.ids.len());
        out.extend(self.ids.iter().flat_map(|x| x.to_le_bytes()));
        for &s in &self.name_units {
            put_span(&mut out, s);
        }
        out.extend(
            self.name_masks
                .iter()
                .flatten()
                .flat_map(|x| x.to_le_bytes()),
        );
        out.extend(self.name_inis.iter().flat_map(|x| x.to_le_bytes()));
        out.extend(self.org_of.iter().flat_map(|x| x.to_le_bytes()));
        out.extend(self.sort_keys.iter().flat_map(|x| x.to_le_bytes()));
        for col in [&self.display, &self.codes, &self.phones] {
            for &s in col {
                put_span(&mut out, s);
            }
        }
        out.extend(self.phone_tails.iter().flat_map(|x| x.to_le_bytes()));
        put_len(&mut out, self.orgs.len());
        for o in &self.orgs {
            put_span(&mut out, o.units);
            for m in o.masks {
                out.extend_from_slice(&m.to_le_bytes());
            }
            out.extend_from_slice(&o.inis.to_le_bytes());
            out.extend_from_slice(&o.refs.to_le_bytes());
        }
        put_len(&mut out, self.free_orgs.len());
        out.extend(self.free_orgs.iter().flat_map(|x| x.to_le_bytes()));
        put_len(&mut out, self.units.len());
        out.extend(self.units.iter().flat_map(|x| x.to_le_bytes()));
        put_len(&mut out, self.bytes.len());
        out.extend_from_slice(&self.bytes);
        put_len(&mut out, self.dead_units);
        put_len(&mut out, self.dead_bytes);
        let sorted;
        let frozen = match &self.frozen {
            Some(f) => f,
            None => {
                sorted = Frozen::of(self);
                &sorted
            }
        };
        out.extend(frozen.by_id.iter().flat_map(|x| x.to_le_bytes()));
        put_len(&mut out, frozen.by_code.len());
        for &(h, slot) in &frozen.by_code {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&slot.to_le_bytes());
        }
        out
    }

    /// Loads what [`to_bytes`](Self::to_bytes) wrote; `None` if the bytes are not a whole,
    /// consistent index (the caller then builds one from the people).
    pub fn from_bytes(b: &[u8]) -> Option<SearchIndex> {
        let mut r = Reader(b);
        if r.take(8)? != MAGIC {
            return None;
        }
        let n = r.len(ENTRY_BYTES)?;
        let mut ix = SearchIndex {
            ids: r.column(n, le_u64)?,
            name_units: r.column(n, le_span)?,
            name_masks: r.column(n, le_masks)?,
            name_inis: r.column(n, le_u64)?,
            org_of: r.column(n, le_u32)?,
            sort_keys: r.column(n, le_u64)?,
            display: r.column(n, le_span)?,
            codes: r.column(n, le_span)?,
            phones: r.column(n, le_span)?,
            phone_tails: r.column(n, u16::from_le_bytes)?,
            ..SearchIndex::new()
        };
        let n_orgs = r.len(36)?;
        ix.orgs = (0..n_orgs)
            .map(|_| {
                Some(OrgRec {
                    units: r.span()?,
                    masks: [r.u64()?, r.u64()?],
                    inis: r.u64()?,
                    refs: r.u32()?,
                })
            })
            .collect::<Option<_>>()?;
        let n_free = r.len(4)?;
        ix.free_orgs = r.column(n_free, le_u32)?;
        let n_units = r.len(4)?;
        ix.units = r.column(n_units, le_u32)?;
        let nb = r.len(1)?;
        ix.bytes = r.take(nb)?.to_vec();
        ix.dead_units = usize::try_from(r.u64()?).ok()?;
        ix.dead_bytes = usize::try_from(r.u64()?).ok()?;
        let by_id = r.column(n, le_u32)?;
        let n_codes = r.len(12)?;
        let by_code = r.column(n_codes, |b: [u8; 12]| {
            let (h, s) = b.split_at(8);
            (
                h.try_into().map_or(0, u64::from_le_bytes),
                s.try_into().map_or(u32::MAX, u32::from_le_bytes),
            )
        })?;
        if !r.0.is_empty() {
            return None;
        }
        // Every span inside its buffer, every org reference valid.
        let in_units = |s: &Span| {
            (s.off as usize)
                .checked_add(s.len as usize)
                .is_some_and(|e| e <= ix.units.len())
        };
        let in_bytes = |s: &Span| {
            (s.off as usize)
                .checked_add(s.len as usize)
                .is_some_and(|e| e <= ix.bytes.len())
        };
        let ok = ix.name_units.iter().all(in_units)
            && ix.orgs.iter().all(|o| in_units(&o.units))
            && ix.display.iter().all(in_bytes)
            && ix.codes.iter().all(in_bytes)
            && ix.phones.iter().all(in_bytes)
            && ix.org_of.iter().all(|&o| (o as usize) < ix.orgs.len())
            && ix.free_orgs.iter().all(|&o| (o as usize) < ix.orgs.len());
        if !ok {
            return None;
        }
        // Every slot once by id (ids strictly ascending), every code's slot an entry.
        let ids = &ix.ids;
        let by_id_ok = by_id.iter().all(|&s| (s as usize) < n)
            && by_id
                .windows(2)
                .all(|w| ids[w[0] as usize] < ids[w[1] as usize]);
        let by_code_ok = by_code.iter().all(|&(_, s)| (s as usize) < n)
            && by_code.windows(2).all(|w| w[0] <= w[1]);
        if !by_id_ok || !by_code_ok {
            return None;
        }
        ix.frozen = Some(Frozen { by_id, by_code });
        Some(ix)
    }

    /// The trimmed display name of the entry with this id.
    pub fn display_name(&self, id: Id) -> Option<&str> {
        let slot = self.slot(id)? as usize;
        std::str::from_utf8(&self.bytes[self.display[slot].range()]).ok()
    }
}
