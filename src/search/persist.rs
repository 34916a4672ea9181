//! Saving and loading a built index (a plain little-endian layout, no serde).

use super::*;

/// The layout's name and version: a cache written in another layout is not read but rebuilt.
const MAGIC: &[u8; 8] = b"NDSIDX03";

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    pub(super) fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    pub(super) fn u32(&mut self) -> Option<u32> {
        self.take(4)?.try_into().ok().map(u32::from_le_bytes)
    }
    pub(super) fn u64(&mut self) -> Option<u64> {
        self.take(8)?.try_into().ok().map(u64::from_le_bytes)
    }
    pub(super) fn len(&mut self, each: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(each)? <= self.0.len()).then_some(n)
    }
    pub(super) fn vec<T>(
        &mut self,
        each: usize,
        mut f: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let n = self.len(each)?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }
    pub(super) fn span(&mut self) -> Option<Span> {
        Some(Span {
            off: self.u32()?,
            len: self.u32()?,
        })
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

fn put_span(out: &mut Vec<u8>, s: Span) {
    out.extend_from_slice(&s.off.to_le_bytes());
    out.extend_from_slice(&s.len.to_le_bytes());
}

impl SearchIndex {
    /// The built index as bytes, so a later run can load it instead of building it again
    /// (`netday search` on a large roster). Read back with [`from_bytes`](Self::from_bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self.ids.len() * 78
                + self.units.len() * 4
                + self.bytes.len()
                + self.orgs.len() * 36,
        );
        out.extend_from_slice(MAGIC);
        put_len(&mut out, self.ids.len());
        for i in 0..self.ids.len() {
            out.extend_from_slice(&self.ids[i].to_le_bytes());
            put_span(&mut out, self.name_units[i]);
            for m in self.name_masks[i] {
                out.extend_from_slice(&m.to_le_bytes());
            }
            out.extend_from_slice(&self.name_inis[i].to_le_bytes());
            out.extend_from_slice(&self.org_of[i].to_le_bytes());
            out.extend_from_slice(&self.sort_keys[i].to_le_bytes());
            put_span(&mut out, self.display[i]);
            put_span(&mut out, self.codes[i]);
            put_span(&mut out, self.phones[i]);
            out.extend_from_slice(&self.phone_tails[i].to_le_bytes());
        }
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
        for f in &self.free_orgs {
            out.extend_from_slice(&f.to_le_bytes());
        }
        put_len(&mut out, self.units.len());
        for u in &self.units {
            out.extend_from_slice(&u.to_le_bytes());
        }
        put_len(&mut out, self.bytes.len());
        out.extend_from_slice(&self.bytes);
        put_len(&mut out, self.dead_units);
        put_len(&mut out, self.dead_bytes);
        out
    }

    /// Loads what [`to_bytes`](Self::to_bytes) wrote; `None` if the bytes are not a whole,
    /// consistent index (the caller then builds one from the people).
    pub fn from_bytes(b: &[u8]) -> Option<SearchIndex> {
        let mut r = Reader(b);
        if r.take(8)? != MAGIC {
            return None;
        }
        let n = r.len(78)?;
        let mut ix = SearchIndex::new();
        ix.reserve(n);
        for _ in 0..n {
            ix.ids.push(r.u64()?);
            ix.name_units.push(r.span()?);
            ix.name_masks.push([r.u64()?, r.u64()?]);
            ix.name_inis.push(r.u64()?);
            ix.org_of.push(r.u32()?);
            ix.sort_keys.push(r.u64()?);
            ix.display.push(r.span()?);
            ix.codes.push(r.span()?);
            ix.phones.push(r.span()?);
            ix.phone_tails
                .push(u16::from_le_bytes(r.take(2)?.try_into().ok()?));
        }
        ix.orgs = r.vec(36, |r| {
            Some(OrgRec {
                units: r.span()?,
                masks: [r.u64()?, r.u64()?],
                inis: r.u64()?,
                refs: r.u32()?,
            })
        })?;
        ix.free_orgs = r.vec(4, Reader::u32)?;
        ix.units = r.vec(4, Reader::u32)?;
        let nb = r.len(1)?;
        ix.bytes = r.take(nb)?.to_vec();
        ix.dead_units = usize::try_from(r.u64()?).ok()?;
        ix.dead_bytes = usize::try_from(r.u64()?).ok()?;
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
        for (slot, &id) in ix.ids.iter().enumerate() {
            ix.slot_of.insert(id, slot as u32);
        }
        for (slot, o) in ix.orgs.iter().enumerate() {
            if o.refs > 0 {
                let key: String = ix.units[o.units.range()]
                    .iter()
                    .map(|&u| decode(u))
                    .collect();
                ix.org_slot.insert(key, slot as u32);
            }
        }
        for (slot, c) in ix.codes.iter().enumerate() {
            if c.len > 0 {
                let key = String::from_utf8_lossy(&ix.bytes[c.range()]).into_owned();
                ix.code_map.entry(key).or_default().push(ix.ids[slot]);
            }
        }
        (ix.slot_of.len() == ix.ids.len()).then_some(ix)
    }

    /// The trimmed display name of the entry with this id.
    pub fn display_name(&self, id: Id) -> Option<&str> {
        let slot = *self.slot_of.get(&id)? as usize;
        std::str::from_utf8(&self.bytes[self.display[slot].range()]).ok()
    }
}
