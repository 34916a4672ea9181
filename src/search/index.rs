//! The index itself: entries in one buffer, organisations shared, search and ranking.

use std::sync::Mutex;

use super::*;

#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Span {
    pub(super) off: u32,
    pub(super) len: u32,
}
impl Span {
    #[inline(always)]
    pub(super) fn range(self) -> std::ops::Range<usize> {
        self.off as usize..(self.off + self.len) as usize
    }
}

/// Packed sort key: bits 60..64 tier, bit 59 ranked later (see `search_top_ranked`), 53..59
/// name length (capped), 5..53 first three chars (saturated to 16 bits, weakly order
/// preserving).  Equal keys fall back to a full comparison.
fn name_key(display: &str) -> u64 {
    let len = display.chars().count();
    if len >= 63 {
        return 63 << 53;
    }
    let mut key = (len as u64) << 53;
    for (k, c) in display.chars().take(3).enumerate() {
        key |= u64::from((c as u32).min(0xFFFF)) << (37 - 16 * k);
    }
    key
}

const LATER: u64 = 1 << 59;

/// The badge codes an entry's code span holds (its code and aliases, space-separated).
pub(super) fn codes_of(span: &[u8]) -> impl Iterator<Item = &[u8]> {
    span.split(|&b| b == b' ').filter(|c| !c.is_empty())
}

/// The key of a normalised badge code in [`SearchIndex::code_map`].
pub(super) fn code_hash(code: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(code);
    h.finish()
}

const NO_KIND: u8 = u8::MAX;
const NO_TIER: u8 = u8::MAX;

fn kind_code(k: Option<Kind>) -> u8 {
    k.map_or(NO_KIND, |k| k as u8)
}

fn name_tier(k: Kind) -> Tier {
    match k {
        Kind::Exact => Tier::ExactName,
        Kind::Prefix => Tier::NamePrefix,
        Kind::Substring => Tier::NameSubstring,
        Kind::FuzzyStart => Tier::NameConsonantStart,
        Kind::Fuzzy => Tier::NameConsonant,
    }
}

fn org_tier(code: u8) -> Tier {
    match code {
        0 | 1 => Tier::OrgPrefix,
        2 => Tier::OrgSubstring,
        _ => Tier::OrgConsonant,
    }
}

#[derive(Default)]
struct Scratch {
    hits: Vec<(u64, u32)>,
    cands: Vec<u32>,
    org_any: Vec<bool>,
    org_direct: Vec<u8>,
    org_keyboard: Vec<u8>,
    /// per distinct organisation: bit s set when the organisation part of split s matches it
    org_split: Vec<u8>,
    typos: Vec<u32>,
    later: Vec<u64>,
    /// per distinct organisation, once asked: (direct kind, keyboard kind, split bits)
    org_memo: Vec<Option<(u8, u8, u8)>>,
    /// bitmap of the slots a narrowed scan started from
    member: Vec<u64>,
    /// the slots of the hits of the scan under way
    slots: Vec<u32>,
    /// per distinct organisation: the tier it gives an entry whose name does not match
    org_tiers: Vec<u8>,
    /// the hits of a pass over everyone, and their tiers
    hit_slots: Vec<u32>,
    hit_tiers: Vec<u8>,
}

/// What [`SearchIndex::settle`] decides a tier from.
struct Settle<'a> {
    direct: &'a Compiled,
    /// [`Compiled::initials_starts`]
    starts: &'a [u64; PACK_MAX + 1],
    org_tiers: &'a [u8],
    org_any: &'a [bool],
}

/// How many recent queries an index remembers the hits of.
const RECENT: usize = 6;

/// A recent query and the slots it matched, valid until the index changes.
pub(super) struct Recent {
    query: Query,
    slots: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[cfg(test)]
thread_local! {
    /// How many scans this thread narrowed to an earlier query's hits.
    pub(super) static NARROWED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One distinct (normalised) organisation, shared by all entries that name it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct OrgRec {
    pub(super) units: Span,
    pub(super) masks: [u64; 2],
    pub(super) inis: u64,
    pub(super) refs: u32,
}

/// Search index over (id, name, org, badge code, phone) entries.
///
/// Layout: per-entry hot data (`name_units`, `org_of`) in parallel vectors, the name and
/// organisation units of all entries in one `units` buffer; organisations are interned, so a
/// query evaluates each distinct organisation once.  Badge codes live in a hash map; phone
/// numbers as digits in `bytes`, with their last four digits in `phone_tails` for the scan.
#[derive(Default)]
pub struct SearchIndex {
    pub(super) slot_of: FastMap<Id, u32>,
    // --- per entry (parallel vectors indexed by slot) ---
    pub(super) ids: Vec<Id>,
    pub(super) name_units: Vec<Span>,
    pub(super) name_masks: Vec<[u64; 2]>,
    pub(super) name_inis: Vec<u64>,
    pub(super) org_of: Vec<u32>,
    pub(super) sort_keys: Vec<u64>,
    /// display name (trimmed) in `bytes`
    pub(super) display: Vec<Span>,
    /// normalised badge code and aliases in `bytes`, separated by spaces ([`codes_of`])
    pub(super) codes: Vec<Span>,
    /// phone digits in `bytes`
    pub(super) phones: Vec<Span>,
    pub(super) phone_tails: Vec<u16>,
    // --- shared ---
    pub(super) orgs: Vec<OrgRec>,
    pub(super) org_slot: FastMap<String, u32>,
    pub(super) free_orgs: Vec<u32>,
    /// [`code_hash`] of a badge code → the id of one entry with that code (or hash)
    pub(super) code_map: FastMap<u64, Id>,
    /// further (hash, id) pairs when a hash is already taken: the same code twice (rare)
    pub(super) code_more: Vec<(u64, Id)>,
    pub(super) units: Vec<u32>,
    pub(super) bytes: Vec<u8>,
    pub(super) dead_units: usize,
    pub(super) dead_bytes: usize,
    pub(super) tmp: Vec<char>,
    pub(super) key: String,
    /// hits of recent queries, the next keystroke's search narrows them (emptied by every change)
    pub(super) recent: Mutex<Vec<Recent>>,
    /// An index read back from its bytes answers by these sorted columns, and its maps
    /// (`slot_of`, `org_slot`, `code_map`) are built only at its first change.
    pub(super) frozen: Option<Frozen>,
}

/// The lookups of a loaded index before its first change: no hash map is built at load.
#[derive(Default)]
pub(super) struct Frozen {
    /// every slot, by id (ascending)
    pub(super) by_id: Vec<u32>,
    /// ([`code_hash`], slot) of every badge code and alias, by hash
    pub(super) by_code: Vec<(u64, u32)>,
}

impl Frozen {
    /// The sorted columns of `ix`'s entries.
    pub(super) fn of(ix: &SearchIndex) -> Frozen {
        let mut by_id: Vec<u32> = (0..ix.ids.len() as u32).collect();
        by_id.sort_unstable_by_key(|&s| ix.ids[s as usize]);
        let mut by_code: Vec<(u64, u32)> = Vec::with_capacity(ix.ids.len());
        for (slot, c) in ix.codes.iter().enumerate() {
            by_code.extend(codes_of(&ix.bytes[c.range()]).map(|c| (code_hash(c), slot as u32)));
        }
        by_code.sort_unstable();
        Frozen { by_id, by_code }
    }
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// The slot of the entry with this id.
    #[inline]
    pub(super) fn slot(&self, id: Id) -> Option<u32> {
        match &self.frozen {
            Some(f) => f
                .by_id
                .binary_search_by_key(&id, |&s| self.ids[s as usize])
                .ok()
                .map(|k| f.by_id[k]),
            None => self.slot_of.get(&id).copied(),
        }
    }

    /// The slots of the entries with a badge code whose [`code_hash`] is `h` (once per code).
    fn code_slots(&self, h: u64) -> Vec<u32> {
        match &self.frozen {
            Some(f) => {
                let from = f.by_code.partition_point(|&(x, _)| x < h);
                f.by_code[from..]
                    .iter()
                    .take_while(|&&(x, _)| x == h)
                    .map(|&(_, s)| s)
                    .collect()
            }
            None => self
                .code_map
                .get(&h)
                .into_iter()
                .chain(self.code_more.iter().filter(|m| m.0 == h).map(|m| &m.1))
                .filter_map(|id| self.slot_of.get(id).copied())
                .collect(),
        }
    }

    /// Builds the maps a change needs, if the index was read back from bytes.
    fn thaw(&mut self) {
        if self.frozen.take().is_none() {
            return;
        }
        self.slot_of.reserve(self.ids.len());
        for (slot, &id) in self.ids.iter().enumerate() {
            self.slot_of.insert(id, slot as u32);
        }
        for (slot, o) in self.orgs.iter().enumerate() {
            if o.refs > 0 {
                let key: String = self.units[o.units.range()]
                    .iter()
                    .map(|&u| decode(u))
                    .collect();
                self.org_slot.insert(key, slot as u32);
            }
        }
        self.code_map.reserve(self.ids.len());
        for slot in 0..self.ids.len() {
            let (c, id) = (self.codes[slot], self.ids[slot]);
            let mut at = c.off as usize;
            let end = at + c.len as usize;
            while at < end {
                let len = self.bytes[at..end]
                    .iter()
                    .position(|&b| b == b' ')
                    .unwrap_or(end - at);
                if len > 0 {
                    let h = code_hash(&self.bytes[at..at + len]);
                    self.add_code(h, id);
                }
                at += len + 1;
            }
        }
    }

    /// Makes room for `n` more entries (building a large index in one go).
    pub fn reserve(&mut self, n: usize) {
        self.thaw();
        self.slot_of.reserve(n);
        self.ids.reserve(n);
        self.name_units.reserve(n);
        self.name_masks.reserve(n);
        self.name_inis.reserve(n);
        self.org_of.reserve(n);
        self.sort_keys.reserve(n);
        self.display.reserve(n);
        self.codes.reserve(n);
        self.phones.reserve(n);
        self.phone_tails.reserve(n);
        self.code_map.reserve(n);
        self.units.reserve(n * 4);
        self.bytes.reserve(n * 25);
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// About how many bytes of heap the index holds (buffers by capacity, hash tables by their
    /// slots), for the memory budget.
    pub fn heap_size(&self) -> usize {
        fn v<T>(x: &Vec<T>) -> usize {
            x.capacity() * std::mem::size_of::<T>()
        }
        fn table<K, V>(m: &FastMap<K, V>) -> usize {
            (m.capacity() * 8 / 7 + 1).next_power_of_two() * (std::mem::size_of::<(K, V)>() + 1)
        }
        let entries = v(&self.ids)
            + v(&self.name_units)
            + v(&self.name_masks)
            + v(&self.name_inis)
            + v(&self.org_of)
            + v(&self.sort_keys)
            + v(&self.display)
            + v(&self.codes)
            + v(&self.phones)
            + v(&self.phone_tails);
        let frozen = self
            .frozen
            .as_ref()
            .map_or(0, |f| v(&f.by_id) + v(&f.by_code));
        let maps = frozen
            + table(&self.slot_of)
            + table(&self.org_slot)
            + self.org_slot.keys().map(String::capacity).sum::<usize>()
            + table(&self.code_map)
            + v(&self.code_more);
        entries + maps + v(&self.orgs) + v(&self.free_orgs) + v(&self.units) + v(&self.bytes)
    }

    fn push_units(&mut self, chars: &[char]) -> Span {
        let off = self.units.len() as u32;
        self.units.extend(chars.iter().map(|&c| encode(c)));
        Span {
            off,
            len: chars.len() as u32,
        }
    }

    fn push_bytes(&mut self, b: &[u8]) -> Span {
        let off = self.bytes.len() as u32;
        self.bytes.extend_from_slice(b);
        Span {
            off,
            len: b.len() as u32,
        }
    }

    fn intern_org(&mut self, org: &str) -> u32 {
        let mut tmp = std::mem::take(&mut self.tmp);
        normalize_text(org, &mut tmp);
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        key.extend(tmp.iter());
        let slot = if let Some(&slot) = self.org_slot.get(key.as_str()) {
            slot
        } else {
            let rec = OrgRec {
                units: self.push_units(&tmp),
                masks: [text_mask(&tmp), text_im_mask(&tmp)],
                inis: pack_initials(&tmp),
                refs: 0,
            };
            let slot = match self.free_orgs.pop() {
                Some(s) => {
                    self.orgs[s as usize] = rec;
                    s
                }
                None => {
                    self.orgs.push(rec);
                    self.orgs.len() as u32 - 1
                }
            };
            self.org_slot.insert(key.clone(), slot);
            slot
        };
        self.key = key;
        self.tmp = tmp;
        self.orgs[slot as usize].refs += 1;
        slot
    }

    fn release_org(&mut self, slot: u32) {
        let rec = &mut self.orgs[slot as usize];
        rec.refs -= 1;
        if rec.refs == 0 {
            let span = rec.units;
            rec.units = Span::default();
            self.dead_units += span.len as usize;
            let key: String = self.units[span.range()]
                .iter()
                .map(|&u| decode(u))
                .collect();
            self.org_slot.remove(&key);
            self.free_orgs.push(slot);
        }
    }

    /// Drop everything the entry in `slot` references (org ref, code mapping, buffer space).
    fn release_slot(&mut self, slot: usize) {
        self.release_org(self.org_of[slot]);
        let code = self.codes[slot];
        let id = self.ids[slot];
        let hashes: Vec<u64> = codes_of(&self.bytes[code.range()]).map(code_hash).collect();
        for h in hashes {
            if self.code_map.get(&h) == Some(&id) {
                self.code_map.remove(&h);
                if let Some(k) = self.code_more.iter().position(|&(x, _)| x == h) {
                    self.code_map.insert(h, self.code_more.swap_remove(k).1);
                }
            } else {
                self.code_more.retain(|&x| x != (h, id));
            }
        }
        self.dead_units += self.name_units[slot].len as usize;
        self.dead_bytes += (code.len + self.display[slot].len + self.phones[slot].len) as usize;
    }

    pub(super) fn add_code(&mut self, h: u64, id: Id) {
        match self.code_map.entry(h) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => self.code_more.push((h, id)),
        }
    }

    /// Insert or replace the entry with this id.
    pub fn upsert(&mut self, id: Id, name: &str, org: &str, code: &str, phone: &str) {
        self.upsert_with_aliases(id, name, org, code, &[], phone);
    }

    /// `upsert`, with the alias codes that find the entry as its own code does.
    pub fn upsert_with_aliases(
        &mut self,
        id: Id,
        name: &str,
        org: &str,
        code: &str,
        aliases: &[String],
        phone: &str,
    ) {
        self.thaw();
        self.recent = Mutex::default();
        let existing = self.slot_of.get(&id).map(|&s| s as usize);
        if let Some(slot) = existing {
            self.release_slot(slot);
        }
        let display_name = name.trim();
        let norm = |c: &str| -> String {
            c.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let mut code_norm = norm(code);
        for a in aliases.iter().map(|a| norm(a)).filter(|a| !a.is_empty()) {
            if !code_norm.is_empty() {
                code_norm.push(' ');
            }
            code_norm.push_str(&a);
        }
        let mut tmp = std::mem::take(&mut self.tmp);
        normalize_text(name, &mut tmp);
        let name_span = self.push_units(&tmp);
        let name_mask = [text_mask(&tmp), text_im_mask(&tmp)];
        let name_inis = pack_initials(&tmp);
        self.tmp = tmp;
        let org_ref = self.intern_org(org);
        let code_span = self.push_bytes(code_norm.as_bytes());
        let display_span = self.push_bytes(display_name.as_bytes());
        let digits = phone_digits(phone);
        let phone_span = self.push_bytes(&digits);
        let tail = phone_tail(&digits);
        let key = name_key(display_name);
        for c in code_norm.split(' ').filter(|c| !c.is_empty()) {
            self.add_code(code_hash(c.as_bytes()), id);
        }
        match existing {
            Some(slot) => {
                self.name_units[slot] = name_span;
                self.name_masks[slot] = name_mask;
                self.name_inis[slot] = name_inis;
                self.org_of[slot] = org_ref;
                self.sort_keys[slot] = key;
                self.display[slot] = display_span;
                self.codes[slot] = code_span;
                self.phones[slot] = phone_span;
                self.phone_tails[slot] = tail;
            }
            None => {
                self.slot_of.insert(id, self.ids.len() as u32);
                self.ids.push(id);
                self.name_units.push(name_span);
                self.name_masks.push(name_mask);
                self.name_inis.push(name_inis);
                self.org_of.push(org_ref);
                self.sort_keys.push(key);
                self.display.push(display_span);
                self.codes.push(code_span);
                self.phones.push(phone_span);
                self.phone_tails.push(tail);
            }
        }
        self.maybe_compact();
    }

    /// Remove the entry with this id (no-op if absent).
    pub fn remove(&mut self, id: Id) {
        self.thaw();
        let Some(&slot) = self.slot_of.get(&id) else {
            return;
        };
        self.recent = Mutex::default();
        let slot = slot as usize;
        self.release_slot(slot);
        self.slot_of.remove(&id);
        self.ids.swap_remove(slot);
        self.name_units.swap_remove(slot);
        self.name_masks.swap_remove(slot);
        self.name_inis.swap_remove(slot);
        self.org_of.swap_remove(slot);
        self.sort_keys.swap_remove(slot);
        self.display.swap_remove(slot);
        self.codes.swap_remove(slot);
        self.phones.swap_remove(slot);
        self.phone_tails.swap_remove(slot);
        if let Some(&moved) = self.ids.get(slot) {
            self.slot_of.insert(moved, slot as u32);
        }
        self.maybe_compact();
    }

    fn maybe_compact(&mut self) {
        let live_units = self.units.len() - self.dead_units;
        let live_bytes = self.bytes.len() - self.dead_bytes;
        if self.dead_units <= live_units.max(4096) && self.dead_bytes <= live_bytes.max(4096) {
            return;
        }
        let mut units = Vec::with_capacity(live_units);
        let mut bytes = Vec::with_capacity(live_bytes);
        for sp in self
            .name_units
            .iter_mut()
            .chain(self.orgs.iter_mut().map(|o| &mut o.units))
        {
            let off = units.len() as u32;
            units.extend_from_slice(&self.units[sp.range()]);
            sp.off = off;
        }
        for sp in self
            .display
            .iter_mut()
            .chain(self.codes.iter_mut())
            .chain(self.phones.iter_mut())
        {
            let off = bytes.len() as u32;
            bytes.extend_from_slice(&self.bytes[sp.range()]);
            sp.off = off;
        }
        self.units = units;
        self.bytes = bytes;
        self.dead_units = 0;
        self.dead_bytes = 0;
    }

    /// Per distinct organisation: the kind of match of the direct and keyboard query, and which
    /// splits' organisation part it matches.
    fn eval_orgs(&self, q: &Query, scratch: &mut Scratch) {
        let Scratch {
            org_direct: direct,
            org_keyboard: keyboard,
            org_split: split,
            ..
        } = scratch;
        direct.clear();
        keyboard.clear();
        split.clear();
        for o in &self.orgs {
            let (d, k, s) = self.org_kinds(q, o);
            direct.push(d);
            if q.keyboard.is_some() {
                keyboard.push(k);
            }
            if !q.splits.is_empty() {
                split.push(s);
            }
        }
    }

    /// One organisation's (direct kind, keyboard kind, split bits).
    fn org_kinds(&self, q: &Query, o: &OrgRec) -> (u8, u8, u8) {
        let text = &self.units[o.units.range()];
        let direct = kind_code(q.direct.best_kind_masked(text, o.masks, o.inis));
        let keyboard = kind_code(
            q.keyboard
                .as_ref()
                .and_then(|kb| kb.best_kind_masked(text, o.masks, o.inis)),
        );
        let split = q
            .splits
            .iter()
            .enumerate()
            .fold(0u8, |bits, (s, (_, org))| {
                bits | u8::from(org.best_kind_masked(text, o.masks, o.inis).is_some()) << s
            });
        (direct, keyboard, split)
    }

    /// Tier of the entry in `slot`, given its organisation's (direct kind, keyboard kind, split
    /// bits) from [`org_kinds`](Self::org_kinds).
    #[inline(always)]
    fn eval_slot(
        &self,
        q: &Query,
        slot: usize,
        (org_direct, org_keyboard, org_split): (u8, u8, u8),
    ) -> Option<Tier> {
        let mask = self.name_masks[slot];
        let inis = self.name_inis[slot];
        let name = &self.units[self.name_units[slot].range()];
        if let Some(k) = q.direct.best_kind_masked(name, mask, inis) {
            return Some(name_tier(k));
        }
        if org_split != 0 && self.name_matches_a_split(q, slot, org_split) {
            return Some(Tier::NameOrg);
        }
        if org_direct != NO_KIND {
            return Some(org_tier(org_direct));
        }
        if let Some(kb) = &q.keyboard {
            if kb.best_kind_masked(name, mask, inis).is_some() {
                return Some(Tier::KeyboardName);
            }
            if org_keyboard != NO_KIND {
                return Some(Tier::KeyboardOrg);
            }
        }
        if let Some(t) = &q.typo
            && t.matches(name)
        {
            return Some(Tier::NameTypo);
        }
        None
    }

    /// Whether the name in `slot` matches the name part of a split whose bit is in `splits`.
    /// Out of line: it keeps [`eval_slot`](Self::eval_slot)'s hot path small.
    #[inline(never)]
    fn name_matches_a_split(&self, q: &Query, slot: usize, splits: u8) -> bool {
        let (mask, inis) = (self.name_masks[slot], self.name_inis[slot]);
        let name = &self.units[self.name_units[slot].range()];
        q.splits.iter().enumerate().any(|(s, (head, _))| {
            splits & 1 << s != 0 && head.best_kind_masked(name, mask, inis).is_some()
        })
    }

    /// Entries found by badge code or by phone, with that tier (the code first).
    fn exact_slots(&self, q: &Query) -> Vec<(u32, Tier)> {
        let h = code_hash(&q.raw);
        let mut found: Vec<(u32, Tier)> = self
            .code_slots(h)
            .into_iter()
            .filter(|&slot| {
                codes_of(&self.bytes[self.codes[slot as usize].range()]).any(|c| *c == q.raw[..])
            })
            .map(|slot| (slot, Tier::Code))
            .collect();
        found.sort_unstable();
        if let Some(digits) = &q.phone {
            let tail = phone_tail(digits);
            for (slot, &t) in self.phone_tails.iter().enumerate() {
                if t == tail
                    && self.bytes[self.phones[slot].range()].ends_with(digits)
                    && !found.iter().any(|&(s, _)| s as usize == slot)
                {
                    found.push((slot as u32, Tier::Phone));
                }
            }
        }
        found
    }

    /// Calls `f(slot, tier)` for every matching entry, once each.  With `within` (the hits of
    /// an earlier query that [narrows](Query::narrows) to this one) only those entries are
    /// matched by name and organisation; codes, phones and mistyped names are looked up in all.
    fn scan(
        &self,
        q: &Query,
        within: Option<&[u32]>,
        scratch: &mut Scratch,
        mut f: impl FnMut(usize, Tier),
    ) {
        let exact_slots = self.exact_slots(q);
        for &(slot, tier) in &exact_slots {
            f(slot as usize, tier);
        }
        let found = |slot: usize| {
            !exact_slots.is_empty() && exact_slots.iter().any(|&(s, _)| s as usize == slot)
        };
        match within {
            Some(prev) => self.scan_within(q, prev, scratch, found, f),
            None => self.scan_all(q, scratch, found, f),
        }
    }

    /// [`scan`](Self::scan) over the entries in `prev` (and everyone for a mistyped name).
    fn scan_within(
        &self,
        q: &Query,
        prev: &[u32],
        scratch: &mut Scratch,
        found: impl Fn(usize) -> bool,
        mut f: impl FnMut(usize, Tier),
    ) {
        let Scratch {
            org_memo, member, ..
        } = scratch;
        org_memo.clear();
        org_memo.resize(self.orgs.len(), None);
        for &slot in prev {
            let slot = slot as usize;
            if found(slot) {
                continue;
            }
            let len = self.name_units[slot].len as usize;
            let name = q.direct.initials_kind(self.name_inis[slot], len);
            if let Some(Some(k)) = name {
                f(slot, name_tier(k));
                continue;
            }
            let org = self.org_of[slot] as usize;
            let kinds = *org_memo[org].get_or_insert_with(|| self.org_kinds(q, &self.orgs[org]));
            // the name settled as no match (then so are the keyboard and a mistyped name, for
            // bare consonants), and the organisation matches nothing
            if name.is_some() && kinds == (NO_KIND, NO_KIND, 0) {
                continue;
            }
            if let Some(t) = self.eval_slot(q, slot, kinds) {
                f(slot, t);
            }
        }
        let Some(t) = &q.typo else {
            return;
        };
        member.clear();
        member.resize(self.ids.len().div_ceil(64), 0);
        for &slot in prev {
            member[slot as usize / 64] |= 1 << (slot % 64);
        }
        let entries = self.name_inis.iter().zip(&self.name_units);
        for (slot, (&inis, span)) in entries.enumerate() {
            if t.may_match(span.len as usize, inis)
                && member[slot / 64] & 1 << (slot % 64) == 0
                && t.matches(&self.units[span.range()])
                && !found(slot)
            {
                f(slot, Tier::NameTypo);
            }
        }
    }

    /// The pass of [`scan_all`](Self::scan_all) for a query of `N` (1 or 2) bare consonants: writes each
    /// hit's slot and tier at the front of `slots` and `tiers` (returns how many), and the long
    /// names the matcher must decide to `cands`.
    fn settle<const N: usize>(
        &self,
        pass: &Settle,
        cands: &mut Vec<u32>,
        slots: &mut [u32],
        tiers: &mut [u8],
    ) -> usize {
        let (start, anywhere) = (Tier::NameConsonantStart as u8, Tier::NameConsonant as u8);
        let mut k = 0usize;
        let entries = self
            .org_of
            .iter()
            .zip(&self.name_inis)
            .zip(&self.name_units);
        for (slot, ((&org, &inis), span)) in entries.enumerate() {
            let len = span.len as usize;
            let Some(&starts) = pass.starts.get(len) else {
                // a long name: the matcher decides
                let o = pass.org_any.get(org as usize).copied().unwrap_or(false);
                if o || pass.direct.may_match(self.name_masks[slot]) {
                    cands.push(slot as u32);
                }
                continue;
            };
            let at = pass.direct.initials_at::<N>(inis, starts);
            let name = if at & 0x10 != 0 { start } else { anywhere };
            let org = pass.org_tiers.get(org as usize).copied().unwrap_or(NO_TIER);
            let t = if at != 0 { name } else { org };
            if let (Some(s), Some(x)) = (slots.get_mut(k), tiers.get_mut(k)) {
                *s = slot as u32;
                *x = t;
            }
            k += usize::from(t != NO_TIER);
        }
        k
    }

    /// [`scan`](Self::scan) over everyone.
    ///
    /// Phase 1 is a pass over the per-entry prefilter masks collecting candidate slots (for
    /// a few bare consonants it settles the name's tier right there); phase 2 runs the real
    /// matcher on the candidates only.
    fn scan_all(
        &self,
        q: &Query,
        scratch: &mut Scratch,
        found: impl Fn(usize) -> bool,
        mut f: impl FnMut(usize, Tier),
    ) {
        self.eval_orgs(q, scratch);
        let Scratch {
            org_direct,
            org_keyboard,
            org_split,
            cands,
            org_any,
            typos,
            org_tiers,
            hit_slots,
            hit_tiers,
            ..
        } = scratch;
        org_any.clear();
        org_any.extend((0..org_direct.len()).map(|i| {
            org_direct[i] != NO_KIND
                || org_keyboard.get(i).is_some_and(|&k| k != NO_KIND)
                || org_split.get(i).is_some_and(|&b| b != 0)
        }));
        // phase 1
        let n = self.ids.len();
        cands.clear();
        let direct = &q.direct;
        let kb = q.keyboard.as_ref();
        let entries = self
            .name_masks
            .iter()
            .zip(&self.org_of)
            .zip(&self.name_inis)
            .zip(&self.name_units);
        // One or two bare consonants find many (a lone ㄱ two thirds of everyone): a pass without
        // branches pays.  Three or four find few, and the pass below skips most entries at one
        // well-predicted test.
        let settled = direct
            .initials_starts()
            .filter(|_| kb.is_none() && q.typo.is_none() && direct.lanes() <= 2);
        if let (Some(starts), true) = (settled, q.splits.is_empty()) {
            // The tier of every name of up to PACK_MAX chars follows from its packed initials and
            // its organisation; the pass decides it without a branch and keeps the hits.
            org_tiers.clear();
            org_tiers.extend(org_direct.iter().map(|&k| {
                if k == NO_KIND {
                    NO_TIER
                } else {
                    org_tier(k) as u8
                }
            }));
            // every entry writes its place (only the first `k` are read): no clearing
            if hit_slots.len() < n {
                hit_slots.resize(n, 0);
                hit_tiers.resize(n, NO_TIER);
            }
            let pass = Settle {
                direct,
                starts: &starts,
                org_tiers,
                org_any,
            };
            let k = match direct.lanes() {
                1 => self.settle::<1>(&pass, cands, hit_slots, hit_tiers),
                _ => self.settle::<2>(&pass, cands, hit_slots, hit_tiers),
            };
            for (&slot, &t) in hit_slots.iter().zip(hit_tiers.iter()).take(k) {
                if !found(slot as usize) {
                    f(slot as usize, ALL_TIERS[usize::from(t)]);
                }
            }
        } else if direct.initials_kind(0, 0).is_some() && kb.is_none() && q.typo.is_none() {
            // The masks only for the few long names: the pass reads a third less memory.
            let entries = self
                .org_of
                .iter()
                .zip(&self.name_inis)
                .zip(&self.name_units);
            for (slot, ((&org, &inis), span)) in entries.enumerate() {
                let len = span.len as usize;
                let o = org_any.get(org as usize).copied().unwrap_or(false);
                match direct.initials_kind(inis, len) {
                    Some(Some(k)) => {
                        if !found(slot) {
                            f(slot, name_tier(k));
                        }
                    }
                    Some(None) if !o => {}
                    Some(None) => cands.push(slot as u32),
                    None => {
                        if o || direct.may_match(self.name_masks[slot]) {
                            cands.push(slot as u32);
                        }
                    }
                }
            }
        } else {
            cands.resize(n + 1, 0);
            let mut k = 0usize;
            for (slot, (((&masks, &org), &inis), span)) in entries.enumerate() {
                let len = span.len as usize;
                let d = direct.may_match(masks)
                    && (!direct.all_initial || direct.lanes_may_match(inis, len));
                let kbm = kb.is_some_and(|kb| kb.may_match(masks));
                let o = org_any.get(org as usize).copied().unwrap_or(false);
                if let Some(c) = cands.get_mut(k) {
                    *c = slot as u32;
                }
                k += usize::from(d | kbm | o);
            }
            cands.truncate(k);
        }
        // names one syllable away that are not candidates already (those get it in phase 2)
        typos.clear();
        if let Some(t) = &q.typo {
            let mut next = 0;
            let entries = self.name_inis.iter().zip(&self.name_units);
            for (slot, (&inis, span)) in entries.enumerate() {
                if !t.may_match(span.len as usize, inis) {
                    continue;
                }
                while cands.get(next).is_some_and(|&c| (c as usize) < slot) {
                    next += 1;
                }
                if cands.get(next) != Some(&(slot as u32)) && t.matches(&self.units[span.range()]) {
                    typos.push(slot as u32);
                }
            }
        }
        // phase 2
        for &slot in cands.iter() {
            let slot = slot as usize;
            if found(slot) {
                continue;
            }
            let org = self.org_of[slot] as usize;
            let kinds = (
                org_direct.get(org).copied().unwrap_or(NO_KIND),
                org_keyboard.get(org).copied().unwrap_or(NO_KIND),
                org_split.get(org).copied().unwrap_or(0),
            );
            if let Some(t) = self.eval_slot(q, slot, kinds) {
                f(slot, t);
            }
        }
        for &slot in typos.iter() {
            if !found(slot as usize) {
                f(slot as usize, Tier::NameTypo);
            }
        }
    }

    /// [`scan`](Self::scan) for `query`, narrowed to the hits of the recent query with the
    /// fewest hits that narrows to it (typing on from it, or the same query again), and
    /// remembered for the next keystroke.
    fn scan_recent(&self, q: Query, scratch: &mut Scratch, mut f: impl FnMut(usize, Tier)) {
        // Another thread searching this index at the same time: search everyone.
        let Ok(mut recent) = self.recent.try_lock() else {
            return self.scan(&q, None, scratch, f);
        };
        let within = recent
            .iter()
            .filter(|r| q.narrows(&r.query))
            .min_by_key(|r| r.slots.len())
            .map(|r| &r.slots[..])
            // most of everyone: the pass over all is as quick
            .filter(|slots| slots.len() <= self.ids.len() / 2);
        #[cfg(test)]
        NARROWED.with(|n| n.set(n.get() + usize::from(within.is_some())));
        let mut slots = std::mem::take(&mut scratch.slots);
        slots.clear();
        self.scan(&q, within, scratch, |slot, t| {
            slots.push(slot as u32);
            f(slot, t);
        });
        recent.retain(|r| r.query.text != q.text);
        if slots.len() > self.ids.len() / 2 {
            // never narrowed to (see `within` above): not worth a copy
            scratch.slots = slots;
            return;
        }
        let keep = self.ids.len() + 65_536;
        while !recent.is_empty()
            && (recent.len() >= RECENT
                || recent.iter().map(|r| r.slots.len()).sum::<usize>() + slots.len() > keep)
        {
            recent.remove(0);
        }
        recent.push(Recent {
            query: q,
            slots: slots.clone(),
        });
        scratch.slots = slots;
    }

    #[inline]
    fn cmp_hits(&self, a: &(u64, u32), b: &(u64, u32)) -> Ordering {
        a.0.cmp(&b.0).then_with(|| {
            let (sa, sb) = (a.1 as usize, b.1 as usize);
            self.bytes[self.display[sa].range()]
                .cmp(&self.bytes[self.display[sb].range()])
                .then(self.ids[sa].cmp(&self.ids[sb]))
        })
    }

    /// Keeps the best `limit` of `hits`, in no order.
    fn keep_best(&self, hits: &mut Vec<(u64, u32)>, limit: usize) {
        if hits.len() > limit {
            if limit == 0 {
                hits.clear();
            } else {
                hits.select_nth_unstable_by(limit - 1, |a, b| self.cmp_hits(a, b));
                hits.truncate(limit);
            }
        }
    }

    /// Fills `out` (best first, at most `limit`) and returns how many matched in all; hits of
    /// the entries with the ids in `later` go after the others of their tier.
    pub(super) fn run(
        &self,
        query: &str,
        limit: Option<usize>,
        later: impl IntoIterator<Item = Id>,
        out: &mut Vec<Hit>,
    ) -> usize {
        out.clear();
        let Some(q) = Query::compile(query) else {
            return 0;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let mut hits = std::mem::take(&mut scratch.hits);
            let mut bits = std::mem::take(&mut scratch.later);
            bits.clear();
            for id in later {
                if let Some(slot) = self.slot(id) {
                    let slot = slot as usize;
                    if bits.len() <= slot / 64 {
                        bits.resize(slot / 64 + 1, 0);
                    }
                    bits[slot / 64] |= 1 << (slot % 64);
                }
            }
            hits.clear();
            // Only the best `limit` are kept: once the buffer holds twice that, it is cut back
            // and every later hit whose key is above the `limit`-th best is skipped.
            let cap = limit.map_or(usize::MAX, |l| l.saturating_mul(2).max(64));
            let mut worst = u64::MAX;
            let mut total = 0;
            self.scan_recent(q, &mut scratch, |slot, t| {
                total += 1;
                let later = bits
                    .get(slot / 64)
                    .is_some_and(|w| w & 1 << (slot % 64) != 0);
                let key = (t as u64) << 60 | self.sort_keys[slot] | if later { LATER } else { 0 };
                if key > worst {
                    return;
                }
                hits.push((key, slot as u32));
                if hits.len() >= cap
                    && let Some(limit) = limit
                {
                    self.keep_best(&mut hits, limit);
                    worst = hits.iter().map(|h| h.0).max().unwrap_or(u64::MAX);
                }
            });
            scratch.later = bits;
            if let Some(limit) = limit {
                self.keep_best(&mut hits, limit);
            }
            hits.sort_unstable_by(|a, b| self.cmp_hits(a, b));
            out.extend(hits.iter().map(|&(key, slot)| Hit {
                id: self.ids[slot as usize],
                tier: ALL_TIERS[(key >> 60) as usize],
            }));
            hits.clear();
            scratch.hits = hits;
            cell.replace(scratch);
            total
        })
    }

    /// All matching hits, best first (tier, name length, name, id).
    /// An empty / whitespace-only query matches nothing.
    pub fn search(&self, query: &str, out: &mut Vec<Hit>) {
        self.run(query, None, [], out);
    }

    /// Like [`search`](Self::search) but keeps only the best `limit` hits; returns how many
    /// matched in all (one scan serves both the list and its count).
    pub fn search_top(&self, query: &str, limit: usize, out: &mut Vec<Hit>) -> usize {
        self.run(query, Some(limit), [], out)
    }

    /// Like [`search_top`](Self::search_top), but within each tier the entries with the ids in
    /// `later` come after the others (the desk: people already arrived after those expected).
    pub fn search_top_ranked(
        &self,
        query: &str,
        limit: usize,
        later: impl IntoIterator<Item = Id>,
        out: &mut Vec<Hit>,
    ) -> usize {
        self.run(query, Some(limit), later, out)
    }

    /// Ids of all matching entries, in no particular order (for lists that sort by their own
    /// columns: skips ranking the hits).
    pub fn matching_ids(&self, query: &str, out: &mut Vec<Id>) {
        out.clear();
        let Some(q) = Query::compile(query) else {
            return;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            self.scan_recent(q, &mut scratch, |slot, _| out.push(self.ids[slot]));
            cell.replace(scratch);
        });
    }

    /// Number of matching entries, without materialising them.
    pub fn count(&self, query: &str) -> usize {
        let Some(q) = Query::compile(query) else {
            return 0;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let mut n = 0;
            self.scan_recent(q, &mut scratch, |_, _| n += 1);
            cell.replace(scratch);
            n
        })
    }

    /// Forgets the recent queries, so the next search matches everyone afresh (benchmarks
    /// of a first keystroke).
    pub fn forget_recent(&self) {
        if let Ok(mut recent) = self.recent.lock() {
            recent.clear();
        }
    }

    /// The tier the entry with `id` gets for `query` (`None` if absent or not matching).
    pub fn tier_of(&self, query: &str, id: Id) -> Option<Tier> {
        let q = Query::compile(query)?;
        let slot = self.slot(id)?;
        if let Some(&(_, tier)) = self.exact_slots(&q).iter().find(|(s, _)| *s == slot) {
            return Some(tier);
        }
        let slot = slot as usize;
        let kinds = self.org_kinds(&q, &self.orgs[self.org_of[slot] as usize]);
        self.eval_slot(&q, slot, kinds)
    }
}
