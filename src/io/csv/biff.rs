//! An .xls (BIFF in an OLE compound file) measured before calamine reads it. calamine 0.38
//! builds every sheet when the workbook is opened and sizes its memory from what the file
//! says, so the file is walked here first the way calamine walks it:
//! - the compound file's sector chains: calamine follows a chain until it ends or the stream's
//!   stated length is reached, so a chain that loops grows without end, and a DIFAT naming one
//!   sector many times multiplies the FAT; a chain must visit each sector once;
//! - a sheet's DIMENSIONS record, whose rows × columns calamine reserves up front;
//! - the rectangle from the first to the last cell record of each sheet, which calamine makes
//!   whole (rows × columns, not the count of cells), for values and for formulas;
//! - shared strings: each LABELSST cell is a copy of its string, so ten bytes of file can
//!   become 200 KB of text; formula tokens of a few bytes write out a sheet or defined name;
//! - time: a sheet is walked once per BoundSheet naming it; an SST's CONTINUE records cost the
//!   square of their count; calamine inserts a formula's spaces, parentheses and signs into
//!   its text one by one (a formula of 2,000 space tokens, 8 KB, takes 1.6 s; a file of a
//!   thousand of them, half an hour).
//!
//! calamine's other allocations (string capacities, XF and name lists, the cells it collects
//! before making the rectangle) are bounded by the bytes of the stream, bounded by the file.

use super::CsvError;
use super::zipped::SheetBudget;

const SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// calamine reads a stream shorter than this from the mini stream.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Sectors of `size` bytes laid out after the header, as calamine numbers them.
struct Sectors<'a> {
    data: &'a [u8],
    size: usize,
    maxid: u32,
    /// The mini stream: calamine fills a mini sector it ends inside from wherever its file
    /// reader stands, bytes not seen here, so such a sector is damaged.
    whole: bool,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Result<&'a [u8], CsvError> {
        if id > self.maxid {
            return Err(CsvError::BadSheet);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        // A sector the file ends inside is cut short, as calamine reads it; one it ends
        // before is damaged (calamine's slice would start past its end).
        if self.whole && end > self.data.len() {
            return Err(CsvError::BadSheet);
        }
        self.data
            .get(start..self.data.len().min(end))
            .ok_or(CsvError::BadSheet)
    }

    /// The chain from `id`, no longer than `len`, as calamine's `get_chain` reads it; a chain
    /// that comes back to a sector it has visited is damaged (calamine would follow it forever).
    fn chain(&self, mut id: u32, fats: &[u32], len: usize) -> Result<Vec<u8>, CsvError> {
        let mut seen = vec![false; self.maxid as usize + 1];
        let mut chain = Vec::new();
        while id != ENDOFCHAIN {
            let sector = self.get(id)?;
            let visited = seen.get_mut(id as usize).ok_or(CsvError::BadSheet)?;
            if *visited {
                return Err(CsvError::BadSheet);
            }
            *visited = true;
            let take = sector.len().min(len - chain.len());
            chain.extend_from_slice(&sector[..take]);
            if chain.len() >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or(CsvError::BadSheet)?;
        }
        Ok(chain)
    }
}

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

/// The `Workbook` (or `Book`) stream as calamine will read it out of the compound file.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, CsvError> {
    let header = bytes.get(..512).ok_or(CsvError::BadSheet)?;
    if !header.starts_with(SIGNATURE) {
        return Err(CsvError::BadSheet);
    }
    let bad = CsvError::BadSheet;
    let version = u16_at(header, 26).ok_or(bad)?;
    let (size, large) = match u16_at(header, 30).ok_or(bad)? {
        0x0009 => (512usize, false),
        0x000C => (4096, true),
        _ => return Err(bad),
    };
    if u16_at(header, 32) != Some(6) {
        return Err(bad);
    }
    let body = bytes.get(if large { 4096 } else { 512 }..).ok_or(bad)?;
    let maxid = bytes.len() / size;
    let sectors = Sectors {
        data: body,
        size,
        maxid: u32::try_from(maxid).map_err(|_| CsvError::TooBig)?,
        whole: false,
    };
    let dir_start = u32_at(header, 48).ok_or(bad)?;
    let mini_fat_start = u32_at(header, 60).ok_or(bad)?;
    let mini_fat_len = u32_at(header, 64).ok_or(bad)? as usize;
    let mut id = u32_at(header, 68).ok_or(bad)?;

    let mut difat: Vec<u32> = u32s(&header[76..512]).collect();
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid + 1 {
            return Err(bad);
        }
        difat.extend(u32s(sectors.get(id)?));
        id = difat.pop().ok_or(bad)?;
    }
    // Each FAT sector named is read in full: no more of them than the file has sectors.
    let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_sectors.len() > maxid + 1 {
        return Err(bad);
    }
    let mut fats = Vec::with_capacity(fat_sectors.len() * size / 4);
    for id in fat_sectors {
        fats.extend(u32s(sectors.get(id)?));
    }

    let dirs: Vec<Directory> = sectors
        .chain(dir_start, &fats, usize::MAX)?
        .chunks_exact(128)
        .map(|c| {
            let name: Vec<u16> = c[..64]
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            let mut name = String::from_utf16_lossy(&name);
            if let Some(l) = name.find('\0') {
                name.truncate(l);
            }
            let len = if large {
                u32_at(c, 120)
                    .map(u64::from)
                    .and_then(|lo| u32_at(c, 124).map(|hi| (u64::from(hi) << 32) | lo))
            } else {
                u32_at(c, 120).map(u64::from)
            };
            Directory {
                name,
                start: u32_at(c, 116).unwrap_or(ENDOFCHAIN),
                len: len.map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX)),
            }
        })
        .collect();
    let root = dirs.first().ok_or(bad)?;
    if version != 3 && root.start == ENDOFCHAIN {
        return Err(bad);
    }
    let (mini_fats, ministream): (Vec<u32>, Vec<u8>) = if mini_fat_len > 0 {
        let ministream = sectors.chain(root.start, &fats, root.len)?;
        let minifat = sectors.chain(mini_fat_start, &fats, mini_fat_len.saturating_mul(size))?;
        (u32s(&minifat).collect(), ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let minis = Sectors {
        data: &ministream,
        size: MINI_SECTOR,
        maxid: u32::try_from(maxid * 8).map_err(|_| CsvError::TooBig)?,
        whole: true,
    };
    let stream = |name: &str| -> Result<Vec<u8>, CsvError> {
        let d = dirs
            .iter()
            .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
            .ok_or(bad)?;
        if d.len < MINI_CUTOFF {
            minis.chain(d.start, &mini_fats, d.len)
        } else {
            sectors.chain(d.start, &fats, d.len)
        }
    };
    stream("Workbook").or_else(|_| stream("Book"))
}

/// A BIFF record with the CONTINUE records after it, as calamine's `RecordIter` gives it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

fn records(mut stream: &[u8]) -> impl Iterator<Item = Result<Record<'_>, CsvError>> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return (!stream.is_empty()).then_some(Err(CsvError::BadSheet));
        }
        let typ = u16::from_le_bytes([stream[0], stream[1]]);
        let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
        let Some(data) = stream.get(4..4 + len) else {
            return Some(Err(CsvError::BadSheet));
        };
        stream = &stream[4 + len..];
        let mut cont = Vec::new();
        while stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
            let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
            let Some(more) = stream.get(4..4 + len) else {
                return Some(Err(CsvError::BadSheet));
            };
            cont.push(more);
            stream = &stream[4 + len..];
        }
        Some(Ok(Record { typ, data, cont }))
    })
}

/// The UTF-8 bytes each shared string can become (three per UTF-16 unit at most), read as
/// calamine reads the SST; where calamine would give up, so does this (the cells then refer
/// to no string).
fn shared_string_sizes(r: &Record<'_>) -> Vec<u64> {
    let mut sizes = Vec::new();
    let mut data = r.data.get(8..).unwrap_or_default();
    let mut cont = r.cont.iter();
    loop {
        if data.is_empty() {
            match cont.next() {
                Some(next) => data = next,
                None => break,
            }
            // calamine reads an empty CONTINUE as an empty string.
            if data.is_empty() {
                sizes.push(0);
                continue;
            }
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            break;
        };
        sizes.push(u64::from(cch) * 3);
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = u16_at(data, 0) else { break };
            skip += usize::from(runs) * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(ext) = u32_at(data, 0) else { break };
            skip = skip.saturating_add(ext as usize);
            data = &data[4..];
        }
        // The characters, then the runs and phonetic data, across CONTINUE records (each
        // CONTINUE inside the characters starts with a flags byte).
        let mut chars = usize::from(cch);
        let mut wide = flags & 0x1 != 0;
        loop {
            let width = if wide { 2 } else { 1 };
            let here = chars.min(data.len() / width);
            data = &data[here * width..];
            chars -= here;
            if chars == 0 {
                break;
            }
            match cont.next() {
                Some(next) if !next.is_empty() => {
                    wide = next[0] & 0x1 != 0;
                    data = &next[1..];
                }
                _ => return sizes,
            }
        }
        while skip > 0 {
            if data.is_empty() {
                match cont.next() {
                    Some(next) => data = next,
                    None => return sizes,
                }
            }
            let l = skip.min(data.len());
            data = &data[l..];
            skip -= l;
        }
    }
    sizes
}

/// The smallest rectangle holding a sheet's cells, as calamine's `Range::from_sparse` makes it.
#[derive(Default)]
struct Rectangle(Option<(u32, u32, u32, u32)>);

impl Rectangle {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn cells(&self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

/// The cells calamine reserves for a DIMENSIONS record (its `parse_dimensions`).
fn dimensions(d: &[u8]) -> Result<u64, CsvError> {
    let bad = CsvError::BadSheet;
    let (rf, rl, mut cf, cl) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).ok_or(bad)?),
            u32::from(u16_at(d, 2).ok_or(bad)?),
            u32::from(u16_at(d, 4).ok_or(bad)?),
            u32::from(u16_at(d, 6).ok_or(bad)?),
        ),
        14 | 16 => (
            u32_at(d, 0).ok_or(bad)?,
            u32_at(d, 4).ok_or(bad)?,
            u32::from(u16_at(d, 8).ok_or(bad)?),
            u32::from(u16_at(d, 10).ok_or(bad)?),
        ),
        _ => return Err(bad),
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(1);
    }
    // calamine subtracts without a check: an end before the start wraps to four billion.
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    Ok(u64::from(rows) * u64::from(cols))
}

/// CONTINUE records an SST may have: calamine takes each from the front of a list, so their
/// cost grows with the square of their count (16,384 of them hold 130 MB of strings).
const SST_CONTINUES: usize = 16_384;

/// Text a formula's token can become per byte of the token, beyond the names it writes out:
/// a 4-byte PtgAttrSpace writes up to 255 spaces.
const FORMULA_TEXT_PER_BYTE: u64 = 64;

/// Bytes calamine may move inserting into formula text, all formulas together (about a
/// second; 200,000 ordinary formulas are estimated at a sixtieth of it).
const FORMULA_WORK: u64 = 1 << 36;

/// What inserting into the formula `rgce` costs calamine, at most: the characters it inserts
/// (PtgAttrSpace's spaces; PtgUplus, PtgUminus and PtgParen, counted wherever their byte
/// appears) times the length of the text they go into.
fn formula_work(rgce: &[u8], text: u64) -> u64 {
    let spaces: u64 = rgce
        .windows(4)
        .filter(|w| w[0] == 0x19 && matches!(w[1], 0x40 | 0x41))
        .map(|w| u64::from(w[3]))
        .sum();
    let signs = rgce
        .iter()
        .filter(|b| matches!(b, 0x12 | 0x13 | 0x15))
        .count() as u64;
    (spaces + signs).saturating_mul(spaces + text)
}

/// Checks what calamine will build from the .xls in `bytes` against the budget.
pub(super) fn measure(bytes: &[u8], budget: &SheetBudget) -> Result<(), CsvError> {
    let stream = workbook_stream(bytes)?;
    let mut sheets = Vec::new();
    let mut strings: Vec<u64> = Vec::new();
    // The longest sheet or defined name: a formula token of a few bytes writes one out.
    let mut longest_name = 0u64;
    let mut names_rgce = 0u64;
    for r in records(&stream) {
        let r = r?;
        match r.typ {
            0x0085 => {
                let pos = u32_at(r.data, 0).ok_or(CsvError::BadSheet)? as usize;
                if pos > stream.len() || r.data.len() < 6 {
                    return Err(CsvError::BadSheet);
                }
                sheets.push(pos);
                longest_name = longest_name.max(r.data.get(6).map_or(0, |c| u64::from(*c)));
            }
            0x0018 => {
                longest_name = longest_name.max(r.data.get(3).map_or(0, |c| u64::from(*c)));
                names_rgce += u64::from(u16_at(r.data, 4).unwrap_or(0));
            }
            0x00FC => {
                if r.cont.len() > SST_CONTINUES {
                    return Err(CsvError::TooBig);
                }
                strings = shared_string_sizes(&r);
            }
            0x000A => break,
            _ => {}
        }
    }
    let formula_text = |rgce: u64| rgce.saturating_mul(3 * longest_name + FORMULA_TEXT_PER_BYTE);
    let mut cells = 0u64;
    let mut text = formula_text(names_rgce);
    // Each sheet is read from its BoundSheet's offset to its EOF; sheets that overlap (many
    // BoundSheets naming one offset) are read again and again.
    let mut walked = 0u64;
    let mut work = 0u64;
    for pos in sheets {
        let (mut values, mut formulas) = (Rectangle::default(), Rectangle::default());
        let mut reserved = 0u64;
        let mut formula_at = (0u32, 0u32);
        let (mut seen_bof, mut depth) = (false, 0usize);
        for r in records(&stream[pos..]) {
            let r = r?;
            let d = r.data;
            walked += 4 + (d.len() + r.cont.iter().map(|c| 4 + c.len()).sum::<usize>()) as u64;
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = |d: &[u8]| -> Option<(u32, u32)> {
                Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)))
            };
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x0200 => reserved = reserved.max(dimensions(d)?),
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E => {
                    if let Some((row, col)) = at(d) {
                        values.add(row, col);
                    }
                }
                0x0207 => values.add(formula_at.0, formula_at.1),
                0x00FD => {
                    if let (Some((row, col)), Some(i)) = (at(d), u32_at(d, 6))
                        && let Some(size) = strings.get(i as usize)
                    {
                        values.add(row, col);
                        text = text.saturating_add(*size);
                    }
                }
                0x00BD if d.len() >= 6 => {
                    if let Some((row, first)) = at(d) {
                        let n = (d.len() - 6) / 6;
                        values.add(row, first);
                        if n > 0 {
                            values.add(row, first + n as u32 - 1);
                        }
                    }
                }
                0x0006 => {
                    if let Some((row, col)) = at(d) {
                        formula_at = (row, col);
                        values.add(row, col);
                        formulas.add(row, col);
                    }
                    let cce = u16_at(d, 20)
                        .map_or(0, |cce| usize::from(cce).min(d.len().saturating_sub(22)));
                    let written = formula_text(cce as u64);
                    text = text.saturating_add(written);
                    let rgce = d.get(22..22 + cce).unwrap_or_default();
                    work = work.saturating_add(formula_work(rgce, written));
                }
                0x000A => break,
                _ => {}
            }
        }
        if walked > 2 * stream.len() as u64 + (1 << 16) {
            return Err(CsvError::TooBig);
        }
        cells = cells
            .saturating_add(reserved)
            .saturating_add(values.cells())
            .saturating_add(formulas.cells());
        if cells > budget.cells || text > budget.text_bytes || work > FORMULA_WORK {
            return Err(CsvError::TooBig);
        }
    }
    Ok(())
}
