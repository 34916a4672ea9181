//! The index itself: entries in one buffer, organisations shared, search and ranking.

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

/// Packed sort key: bits 60..64 tier, 54..60 name length (capped), 6..54 first three chars
/// (saturated to 16 bits, weakly order preserving).  Equal keys fall back to a full comparison.
fn name_key(display: &str) -> u64 {
    let len = display.chars().count();
    if len >= 63 {
        return 63 << 54;
    }
    let mut key = (len as u64) << 54;
    for (k, c) in display.chars().take(3).enumerate() {
        key |= u64::from((c as u32).min(0xFFFF)) << (38 - 16 * k);
    }
    key
}

const NO_KIND: u8 = u8::MAX;

fn kind_code(k: Option<Kind>) -> u8 {
    k.map_or(NO_KIND, |k| k as u8)
}

fn name_tier(k: Kind) -> Tier {
    match k {
        Kind::Exact => Tier::ExactName,
        Kind::Prefix => Tier::NamePrefix,
        Kind::Substring => Tier::NameSubstring,
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
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// One distinct (normalised) organisation, shared by all entries that name it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct OrgRec {
    pub(super) units: Span,
    pub(super) masks: [u64; 2],
    pub(super) inis: u64,
    pub(super) refs: u32,
}

/// Search index over (id, name, org, badge code) entries.
///
/// Layout: per-entry hot data (`name_units`, `org_of`) in parallel vectors, the name and
/// organisation units of all entries in one `units` buffer; organisations are interned, so a
/// query evaluates each distinct organisation once.  Badge codes live in a hash map.
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
    /// normalised badge code in `bytes`
    pub(super) codes: Vec<Span>,
    // --- shared ---
    pub(super) orgs: Vec<OrgRec>,
    pub(super) org_slot: FastMap<String, u32>,
    pub(super) free_orgs: Vec<u32>,
    pub(super) code_map: FastMap<String, Vec<Id>>,
    pub(super) units: Vec<u32>,
    pub(super) bytes: Vec<u8>,
    pub(super) dead_units: usize,
    pub(super) dead_bytes: usize,
    tmp: Vec<char>,
    key: String,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Makes room for `n` more entries (building a large index in one go).
    pub fn reserve(&mut self, n: usize) {
        self.slot_of.reserve(n);
        self.ids.reserve(n);
        self.name_units.reserve(n);
        self.name_masks.reserve(n);
        self.name_inis.reserve(n);
        self.org_of.reserve(n);
        self.sort_keys.reserve(n);
        self.display.reserve(n);
        self.codes.reserve(n);
        self.code_map.reserve(n);
        self.units.reserve(n * 4);
        self.bytes.reserve(n * 14);
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
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
        if code.len > 0 {
            let key = String::from_utf8_lossy(&self.bytes[code.range()]).into_owned();
            if let Some(ids) = self.code_map.get_mut(&key) {
                let id = self.ids[slot];
                ids.retain(|&x| x != id);
                if ids.is_empty() {
                    self.code_map.remove(&key);
                }
            }
        }
        self.dead_units += self.name_units[slot].len as usize;
        self.dead_bytes += (code.len + self.display[slot].len) as usize;
    }

    /// Insert or replace the entry with this id.
    pub fn upsert(&mut self, id: Id, name: &str, org: &str, code: &str) {
        let existing = self.slot_of.get(&id).map(|&s| s as usize);
        if let Some(slot) = existing {
            self.release_slot(slot);
        }
        let display_name = name.trim();
        let code_norm: String = code
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        let mut tmp = std::mem::take(&mut self.tmp);
        normalize_text(name, &mut tmp);
        let name_span = self.push_units(&tmp);
        let name_mask = [text_mask(&tmp), text_im_mask(&tmp)];
        let name_inis = pack_initials(&tmp);
        self.tmp = tmp;
        let org_ref = self.intern_org(org);
        let code_span = self.push_bytes(code_norm.as_bytes());
        let display_span = self.push_bytes(display_name.as_bytes());
        let key = name_key(display_name);
        if !code_norm.is_empty() {
            self.code_map.entry(code_norm).or_default().push(id);
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
            }
        }
        self.maybe_compact();
    }

    /// Remove the entry with this id (no-op if absent).
    pub fn remove(&mut self, id: Id) {
        let Some(&slot) = self.slot_of.get(&id) else {
            return;
        };
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
        for sp in self.display.iter_mut().chain(self.codes.iter_mut()) {
            let off = bytes.len() as u32;
            bytes.extend_from_slice(&self.bytes[sp.range()]);
            sp.off = off;
        }
        self.units = units;
        self.bytes = bytes;
        self.dead_units = 0;
        self.dead_bytes = 0;
    }

    /// Per distinct organisation: the kind of match of the direct and keyboard query.
    fn eval_orgs(&self, q: &Query, direct: &mut Vec<u8>, keyboard: &mut Vec<u8>) {
        direct.clear();
        keyboard.clear();
        for o in &self.orgs {
            let text = &self.units[o.units.range()];
            direct.push(kind_code(q.direct.best_kind_masked(text, o.masks, o.inis)));
            if let Some(kb) = &q.keyboard {
                keyboard.push(kind_code(kb.best_kind_masked(text, o.masks, o.inis)));
            }
        }
    }

    /// Tier of the entry in `slot`; `org_direct`/`org_keyboard` are its org's precomputed kinds.
    #[inline(always)]
    fn eval_slot(&self, q: &Query, slot: usize, org_direct: u8, org_keyboard: u8) -> Option<Tier> {
        let mask = self.name_masks[slot];
        let inis = self.name_inis[slot];
        let name = &self.units[self.name_units[slot].range()];
        if let Some(k) = q.direct.best_kind_masked(name, mask, inis) {
            return Some(name_tier(k));
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
        None
    }

    fn code_slots(&self, q: &Query) -> Vec<u32> {
        std::str::from_utf8(&q.raw)
            .ok()
            .and_then(|raw| self.code_map.get(raw))
            .map(|ids| {
                ids.iter()
                    .filter_map(|id| self.slot_of.get(id).copied())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Calls `f(slot, tier)` for every matching entry.
    ///
    /// Phase 1 is a branch-free pass over the per-entry prefilter masks collecting candidate
    /// slots; phase 2 runs the real matcher on the candidates only.
    fn scan(&self, q: &Query, scratch: &mut Scratch, mut f: impl FnMut(usize, Tier)) {
        let code_slots = self.code_slots(q);
        for &slot in &code_slots {
            f(slot as usize, Tier::Code);
        }
        let Scratch {
            org_direct,
            org_keyboard,
            cands,
            org_any,
            ..
        } = scratch;
        self.eval_orgs(q, org_direct, org_keyboard);
        org_any.clear();
        org_any.extend((0..org_direct.len()).map(|i| {
            org_direct[i] != NO_KIND || org_keyboard.get(i).is_some_and(|&k| k != NO_KIND)
        }));
        // phase 1
        let n = self.ids.len();
        cands.clear();
        cands.resize(n + 1, 0);
        let mut k = 0usize;
        let direct = &q.direct;
        let kb = q.keyboard.as_ref();
        let entries = self
            .name_masks
            .iter()
            .zip(&self.org_of)
            .zip(&self.name_inis)
            .zip(&self.name_units);
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
        // phase 2
        for &slot in cands.iter() {
            let slot = slot as usize;
            if !code_slots.is_empty() && code_slots.contains(&(slot as u32)) {
                continue;
            }
            let org = self.org_of[slot] as usize;
            let od = org_direct.get(org).copied().unwrap_or(NO_KIND);
            let ok = org_keyboard.get(org).copied().unwrap_or(NO_KIND);
            if let Some(t) = self.eval_slot(q, slot, od, ok) {
                f(slot, t);
            }
        }
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

    /// Fills `out` (best first, at most `limit`) and returns how many matched in all.
    pub(super) fn run(&self, query: &str, limit: Option<usize>, out: &mut Vec<Hit>) -> usize {
        out.clear();
        let Some(q) = Query::compile(query) else {
            return 0;
        };
        SCRATCH.with(|cell| {
            let mut scratch = cell.take();
            let mut hits = std::mem::take(&mut scratch.hits);
            hits.clear();
            self.scan(&q, &mut scratch, |slot, t| {
                hits.push(((t as u64) << 60 | self.sort_keys[slot], slot as u32));
            });
            let total = hits.len();
            if let Some(limit) = limit
                && hits.len() > limit
            {
                if limit == 0 {
                    hits.clear();
                } else {
                    hits.select_nth_unstable_by(limit - 1, |a, b| self.cmp_hits(a, b));
                    hits.truncate(limit);
                }
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
        self.run(query, None, out);
    }

    /// Like [`search`](Self::search) but keeps only the best `limit` hits; returns how many
    /// matched in all (one scan serves both the list and its count).
    pub fn search_top(&self, query: &str, limit: usize, out: &mut Vec<Hit>) -> usize {
        self.run(query, Some(limit), out)
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
            self.scan(&q, &mut scratch, |slot, _| out.push(self.ids[slot]));
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
            self.scan(&q, &mut scratch, |_, _| n += 1);
            cell.replace(scratch);
            n
        })
    }

    /// The tier the entry with `id` gets for `query` (`None` if absent or not matching).
    pub fn tier_of(&self, query: &str, id: Id) -> Option<Tier> {
        let q = Query::compile(query)?;
        let slot = *self.slot_of.get(&id)? as usize;
        if self.code_slots(&q).contains(&(slot as u32)) {
            return Some(Tier::Code);
        }
        let rec = self.orgs[self.org_of[slot] as usize];
        let org = &self.units[rec.units.range()];
        let od = kind_code(q.direct.best_kind_masked(org, rec.masks, rec.inis));
        let ok = kind_code(
            q.keyboard
                .as_ref()
                .and_then(|kb| kb.best_kind_masked(org, rec.masks, rec.inis)),
        );
        self.eval_slot(&q, slot, od, ok)
    }
}
