//! The .xls reader never panics or aborts: the files that once did (issue 21), kept in
//! tests/corpus/xls/, and seeded mutations of a roster saved as Excel 97 saves one (BIFF8
//! records in an OLE compound file), read under a small budget.

use netday::io::csv::{CsvError, ParsedCsv, SheetBudget, parse_people_within};

use super::fuzz_mutate::{Rng, corpus, corpus_dir, expected, mutate, survive};

const SMALL: SheetBudget = SheetBudget {
    cells: 100_000,
    entry_bytes: 2 << 20,
    total_bytes: 4 << 20,
    text_bytes: 2 << 20,
};

fn read(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    parse_people_within(bytes, &SheetBudget::DEFAULT)
}

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn bof(kind: u16) -> Vec<u8> {
    let mut d = Vec::new();
    for v in [0x0600u16, kind, 0x0DBB, 0x07CC] {
        d.extend(v.to_le_bytes());
    }
    d.extend(0u32.to_le_bytes());
    d.extend(6u32.to_le_bytes());
    record(0x0809, &d)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// A cell record's first six bytes: row, column, XF.
fn cell(row: u16, col: u16) -> Vec<u8> {
    [row.to_le_bytes(), col.to_le_bytes(), 15u16.to_le_bytes()].concat()
}

fn number(row: u16, col: u16, v: f64) -> Vec<u8> {
    record(0x0203, &[cell(row, col), v.to_le_bytes().to_vec()].concat())
}

/// A string as BIFF8 writes it: its length in UTF-16 units, a flags byte (1: two bytes each).
fn unicode(s: &str, len_bytes: usize) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut d = if len_bytes == 1 {
        vec![units.len() as u8]
    } else {
        (units.len() as u16).to_le_bytes().to_vec()
    };
    d.push(1);
    d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    d
}

/// The globals: BOF, code page and shared strings.
fn globals(strings: &[&str]) -> Vec<u8> {
    let mut sst = Vec::new();
    sst.extend((strings.len() as u32).to_le_bytes());
    sst.extend((strings.len() as u32).to_le_bytes());
    for s in strings {
        sst.extend(unicode(s, 2));
    }
    [
        bof(0x0005),
        record(0x0042, &1200u16.to_le_bytes()),
        record(0x00FC, &sst),
    ]
    .concat()
}

/// `globals`, a BoundSheet for each sheet and the sheets, as one `Workbook` stream; padded
/// past 4,096 bytes so it lives in the compound file's big sectors.
fn stream(globals: &[u8], sheets: &[(String, Vec<u8>)]) -> Vec<u8> {
    stream_padded(globals, sheets, 700)
}

fn stream_padded(globals: &[u8], sheets: &[(String, Vec<u8>)], pad: usize) -> Vec<u8> {
    let bound = |pos: u32, name: &str| {
        let mut d = pos.to_le_bytes().to_vec();
        d.extend([0, 0]);
        d.extend(unicode(name, 1));
        record(0x0085, &d)
    };
    let bounds_len: usize = sheets.iter().map(|(n, _)| bound(0, n).len()).sum();
    let padding = record(0x00EF, &[0, 0]).repeat(pad);
    let mut pos = globals.len() + bounds_len + padding.len() + eof().len();
    let mut bounds = Vec::new();
    for (name, body) in sheets {
        bounds.extend(bound(pos as u32, name));
        pos += body.len();
    }
    let mut stream = [globals.to_vec(), bounds, padding, eof()].concat();
    for (_, body) in sheets {
        stream.extend(body);
    }
    stream
}

fn workbook(strings: &[&str], sheets: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let sheets: Vec<(String, Vec<u8>)> = sheets
        .iter()
        .map(|(n, b)| (n.to_string(), b.clone()))
        .collect();
    stream(&globals(strings), &sheets)
}

/// `stream` as the only stream, `Workbook`, of a version 3 compound file of 512-byte sectors:
/// the FAT sectors first, then the directory, then the stream.
fn compound(stream: &[u8]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    let n = stream.len().div_ceil(512);
    let fats = (n + 1).div_ceil(127);
    assert!(fats <= 109, "the header's DIFAT holds the test's FAT");
    let dir = fats as u32;
    let mut fat = vec![FATSECT; fats];
    fat.push(END);
    fat.extend((0..n).map(|i| if i + 1 < n { dir + 2 + i as u32 } else { END }));
    fat.resize(128 * fats, FREE);
    let mut out = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    out.extend([0; 16]);
    for v in [0x3Eu16, 3, 0xFFFE, 9, 6] {
        out.extend(v.to_le_bytes());
    }
    out.extend([0; 6]);
    for v in [0u32, fats as u32, dir, 0, 4096, END, 0, END, 0] {
        out.extend(v.to_le_bytes());
    }
    for i in 0..109 {
        out.extend(if i < fats { i as u32 } else { FREE }.to_le_bytes());
    }
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let name_len = if name.is_empty() { 0 } else { e.len() + 2 };
        e.resize(64, 0);
        e.extend((name_len as u16).to_le_bytes());
        e.extend([kind, 1]);
        for v in [FREE, FREE, child] {
            e.extend(v.to_le_bytes());
        }
        e.extend([0; 36]);
        e.extend(start.to_le_bytes());
        e.extend(size.to_le_bytes());
        e.extend([0; 4]);
        e
    };
    out.extend(entry("Root Entry", 5, 1, END, 0));
    out.extend(entry("Workbook", 2, FREE, dir + 1, stream.len() as u32));
    out.extend(entry("", 0, FREE, 0, 0).repeat(2));
    out.extend(stream);
    out.resize(512 * (fats + 2 + n), 0);
    out
}

/// `stream` (under 4,096 bytes) in the mini stream of a compound file, as Excel keeps a small
/// stream: sector 0 is the FAT, 1 the directory, 2 the mini FAT, 3.. the mini stream, whose
/// size the root entry states as `root_len`.
fn compound_mini(stream: &[u8], root_len: u32) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FATSECT: u32 = 0xFFFF_FFFD;
    assert!(stream.len() < 4096);
    let minis = stream.len().div_ceil(64);
    let n = (minis * 64).div_ceil(512);
    let mut fat = vec![FATSECT, END, END];
    fat.extend((0..n).map(|i| if i + 1 < n { 4 + i as u32 } else { END }));
    fat.resize(128, FREE);
    let mut minifat: Vec<u32> = (0..minis)
        .map(|i| if i + 1 < minis { i as u32 + 1 } else { END })
        .collect();
    minifat.resize(128, FREE);
    let mut out = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    out.extend([0; 16]);
    for v in [0x3Eu16, 3, 0xFFFE, 9, 6] {
        out.extend(v.to_le_bytes());
    }
    out.extend([0; 6]);
    for v in [0u32, 1, 1, 0, 4096, 2, 1, END, 0, 0] {
        out.extend(v.to_le_bytes());
    }
    for _ in 0..108 {
        out.extend(FREE.to_le_bytes());
    }
    out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let name_len = if name.is_empty() { 0 } else { e.len() + 2 };
        e.resize(64, 0);
        e.extend((name_len as u16).to_le_bytes());
        e.extend([kind, 1]);
        for v in [FREE, FREE, child] {
            e.extend(v.to_le_bytes());
        }
        e.extend([0; 36]);
        e.extend(start.to_le_bytes());
        e.extend(size.to_le_bytes());
        e.extend([0; 4]);
        e
    };
    out.extend(entry("Root Entry", 5, 1, 3, root_len));
    out.extend(entry("Workbook", 2, FREE, 0, stream.len() as u32));
    out.extend(entry("", 0, FREE, 0, 0).repeat(2));
    out.extend(minifat.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(stream);
    out.resize(512 * (4 + n), 0);
    out
}

fn small_stream() -> Vec<u8> {
    let (globals, sheets) = seed_parts();
    stream_padded(&globals, &sheets, 0)
}

#[test]
fn a_small_xls_in_the_mini_stream_is_read_and_one_cut_short_is_damaged() {
    let stream = small_stream();
    let whole = stream.len().div_ceil(64) as u32 * 64;
    assert_eq!(read(&compound_mini(&stream, whole)).unwrap().rows.len(), 3);
    // The root entry says the mini stream ends inside the stream's last mini sector.
    assert_eq!(
        read(&compound_mini(&stream, whole - 32)).err(),
        Some(CsvError::BadSheet)
    );
}

/// A roster as Excel 97 saves one: a header row of shared strings, names as shared strings,
/// organisations as plain labels and as a formula's string result, phones as numbers, notes as
/// RK and MULRK numbers, and a second sheet.
fn seed_parts() -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let strings = [
        "이름",
        "소속",
        "연락처",
        "비고",
        "태그",
        "김기성",
        "박하늘",
        "이도윤",
        "안내",
    ];
    let sst = |row: u16, col: u16, i: u32| {
        record(0x00FD, &[cell(row, col), i.to_le_bytes().to_vec()].concat())
    };
    let label =
        |row: u16, col: u16, s: &str| record(0x0204, &[cell(row, col), unicode(s, 2)].concat());
    // An RK integer: the value shifted past two flag bits.
    let rk = |v: u32| ((v << 2) | 2).to_le_bytes();
    let mut dimensions = Vec::new();
    dimensions.extend(0u32.to_le_bytes());
    dimensions.extend(4u32.to_le_bytes());
    for v in [0u16, 5, 0] {
        dimensions.extend(v.to_le_bytes());
    }
    let mut list = [
        bof(0x0010),
        record(0x0200, &dimensions),
        sst(0, 0, 0),
        sst(0, 1, 1),
        sst(0, 2, 2),
        sst(0, 3, 3),
        sst(0, 4, 4),
        sst(1, 0, 5),
        label(1, 1, "한울신협"),
        number(1, 2, 1012345678.0),
        record(0x027E, &[cell(1, 3), rk(7).to_vec()].concat()),
        sst(2, 0, 6),
        label(2, 1, "푸른마을생협"),
        number(2, 2, 1055554444.0),
        sst(3, 0, 7),
    ]
    .concat();
    // A formula whose value is the string in the STRING record after it.
    let mut formula = cell(3, 1);
    formula.extend([0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
    formula.extend([0; 6]);
    formula.extend([3, 0, 0x1E, 1, 0]);
    list.extend(record(0x0006, &formula));
    list.extend(record(0x0207, &unicode("한울신협", 2)));
    list.extend(number(3, 2, 1077778888.0));
    let mut mulrk = cell(2, 3)[..4].to_vec();
    for v in [12, 30] {
        mulrk.extend(15u16.to_le_bytes());
        mulrk.extend(rk(v));
    }
    mulrk.extend(4u16.to_le_bytes());
    list.extend(record(0x00BD, &mulrk));
    list.extend(eof());
    let note = [bof(0x0010), sst(0, 0, 8), eof()].concat();
    (
        globals(&strings),
        vec![("명단".to_string(), list), ("안내".to_string(), note)],
    )
}

fn seed() -> Vec<u8> {
    let (globals, sheets) = seed_parts();
    compound(&stream(&globals, &sheets))
}

/// The first sheet of a workbook holding `cells` (records after the BOF).
fn sheet_of(cells: Vec<u8>) -> Vec<u8> {
    let body = [bof(0x0010), cells, eof()].concat();
    compound(&workbook(&["이름"], &[("Sheet1", body)]))
}

// The files of issue 21, built here; the corpus keeps them as they were found.

/// A DIMENSIONS record of rows 0..4294967295 × columns 0..65535: calamine reserves room for
/// them all before reading a cell (11 PB).
fn dimensions_xls() -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(0u32.to_le_bytes());
    d.extend(u32::MAX.to_le_bytes());
    for v in [0u16, 0xFFFF, 0] {
        d.extend(v.to_le_bytes());
    }
    sheet_of([record(0x0200, &d), number(0, 0, 1.0)].concat())
}

/// Numbers at A1 and at row 65536, column 65536: calamine fills the rectangle between (4.3
/// billion cells).
fn far_corner_xls() -> Vec<u8> {
    sheet_of([number(0, 0, 1.0), number(0xFFFF, 0xFFFF, 2.0)].concat())
}

/// One long shared string and 300 ten-byte cells showing it: each cell is a copy of it.
fn copied_strings_xls() -> Vec<u8> {
    let long = "가".repeat(8000);
    let mut cells = Vec::new();
    for i in 0..300u16 {
        cells.extend(record(
            0x00FD,
            &[cell(i, 0), 0u32.to_le_bytes().to_vec()].concat(),
        ));
    }
    let body = [bof(0x0010), cells, eof()].concat();
    compound(&workbook(&[long.as_str()], &[("Sheet1", body)]))
}

/// A directory sector whose FAT entry points at itself: calamine reads the directory forever.
fn looped_chain_xls() -> Vec<u8> {
    let mut bytes = sheet_of(number(0, 0, 1.0));
    // FAT entry 1 (the directory sector) is at 512 + 4.
    bytes[516..520].copy_from_slice(&1u32.to_le_bytes());
    bytes
}

/// A DIFAT naming the FAT sector 109 times and a Workbook stream of 4 GB whose chain loops.
fn looped_stream_xls() -> Vec<u8> {
    let mut bytes = sheet_of(number(0, 0, 1.0));
    let stream_end = bytes.len() / 512 - 2;
    // The stream's last sector points back at its first.
    let at = 512 + 4 * stream_end;
    bytes[at..at + 4].copy_from_slice(&2u32.to_le_bytes());
    // The Workbook directory entry's size.
    let size = 512 + 512 + 128 + 120;
    bytes[size..size + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    for i in 1..109 {
        bytes[76 + 4 * i..80 + 4 * i].copy_from_slice(&0u32.to_le_bytes());
    }
    bytes
}

/// A workbook whose first BOF record is one byte long: calamine reads two and panics.
fn cut_bof_xls() -> Vec<u8> {
    let (globals, sheets) = seed_parts();
    let globals = [record(0x0809, &[0]), globals[bof(0x0005).len()..].to_vec()].concat();
    compound(&stream(&globals, &sheets))
}

/// 400 BoundSheets naming one sheet: calamine reads it 400 times.
fn overlapping_sheets_xls() -> Vec<u8> {
    let body = [bof(0x0010), number(0, 0, 1.0).repeat(40), eof()].concat();
    let sheets: Vec<(String, Vec<u8>)> = (0..400).map(|i| (format!("s{i}"), Vec::new())).collect();
    let mut stream = stream(&globals(&["이름"]), &sheets);
    // Every BoundSheet points at the end of the stream (the sheets are empty): the one sheet.
    stream.extend(body);
    compound(&stream)
}

/// An SST followed by 20,000 empty CONTINUE records: calamine's cost grows with their square.
fn continued_sst_xls() -> Vec<u8> {
    let mut globals = globals(&["이름"]);
    globals.extend(record(0x003C, &[]).repeat(20_000));
    let body = [bof(0x0010), number(0, 0, 1.0), eof()].concat();
    compound(&stream(&globals, &[("Sheet1".to_string(), body)]))
}

/// A sheet named with 255 characters and a formula of 8,000 bytes of tokens, each of which
/// may write the name out.
fn long_formula_xls() -> Vec<u8> {
    let mut formula = cell(0, 1);
    formula.extend([0; 14]);
    formula.extend(8000u16.to_le_bytes());
    formula.extend(std::iter::repeat_n(0x3Au8, 8000));
    let body = [bof(0x0010), record(0x0006, &formula), eof()].concat();
    compound(&stream(&globals(&["이름"]), &[("가".repeat(255), body)]))
}

/// A formula of 2,000 space tokens of 255 spaces each: calamine inserts half a million spaces
/// one by one at the front of the formula's text (1.6 s; a file of a thousand such formulas
/// takes half an hour).
fn spaced_formula_xls() -> Vec<u8> {
    let mut rgce = vec![0x1E, 1, 0];
    for _ in 0..2000 {
        rgce.extend([0x19, 0x40, 0x00, 0xFF]);
    }
    let mut formula = cell(0, 1);
    formula.extend([0; 14]);
    formula.extend((rgce.len() as u16).to_le_bytes());
    formula.extend(rgce);
    let body = [bof(0x0010), record(0x0006, &formula), eof()].concat();
    compound(&stream(
        &globals(&["이름"]),
        &[("Sheet1".to_string(), body)],
    ))
}

#[test]
fn an_xls_read_over_and_over_or_copied_into_long_formulas_is_refused() {
    assert_eq!(read(&spaced_formula_xls()).err(), Some(CsvError::TooBig));
    assert_eq!(
        read(&overlapping_sheets_xls()).err(),
        Some(CsvError::TooBig)
    );
    assert_eq!(read(&continued_sst_xls()).err(), Some(CsvError::TooBig));
    assert_eq!(
        parse_people_within(&long_formula_xls(), &SMALL).err(),
        Some(CsvError::TooBig)
    );
}

#[test]
fn an_xls_calamine_would_panic_on_is_damaged() {
    assert_eq!(read(&cut_bof_xls()).err(), Some(CsvError::BadSheet));
}

/// A 300-row roster LibreOffice 7.4 saved as "Excel 97" (`soffice --convert-to xls`): a
/// compound file with a mini stream beside the Workbook stream, and shared strings running
/// over into CONTINUE records.
fn libreoffice_xls() -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/libreoffice-roster.xls"),
    )
    .unwrap()
}

#[test]
fn an_xls_saved_by_libreoffice_is_read_whole() {
    let parsed = read(&libreoffice_xls()).unwrap();
    assert_eq!(parsed.rows.len(), 300);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.rows[299].phone, "010-1299-5678");
    assert_eq!(parsed.rows[299].notes, "메모".repeat(4));
}

#[test]
fn the_xls_seed_is_read_as_excel_writes_it() {
    let parsed = read(&seed()).unwrap();
    assert_eq!(parsed.sheet.as_deref(), Some("명단"));
    let rows: Vec<(&str, &str, &str, &str)> = parsed
        .rows
        .iter()
        .map(|r| {
            (
                r.name.as_str(),
                r.organization.as_str(),
                r.phone.as_str(),
                r.notes.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("김기성", "한울신협", "010-1234-5678", "7"),
            ("박하늘", "푸른마을생협", "010-5555-4444", "12"),
            ("이도윤", "한울신협", "010-7777-8888", ""),
        ]
    );
}

#[test]
fn an_xls_stating_or_spanning_more_cells_than_the_budget_is_refused_before_calamine() {
    for (what, bytes) in [
        ("dimensions", dimensions_xls()),
        ("far corner", far_corner_xls()),
    ] {
        assert!(bytes.len() < 8 * 1024, "{what}: {}", bytes.len());
        assert_eq!(read(&bytes).err(), Some(CsvError::TooBig), "{what}");
    }
    // Text copied into cells counts against the text budget.
    assert_eq!(
        parse_people_within(&copied_strings_xls(), &SMALL).err(),
        Some(CsvError::TooBig)
    );
}

#[test]
fn an_xls_whose_sector_chains_loop_is_damaged() {
    assert_eq!(read(&looped_chain_xls()).err(), Some(CsvError::BadSheet));
    assert_eq!(read(&looped_stream_xls()).err(), Some(CsvError::BadSheet));
}

#[test]
fn every_xls_that_once_crashed_gets_an_answer() {
    let files = corpus("xls");
    assert!(files.len() >= 2, "{}", files.len());
    for (n, (name, bytes)) in files.iter().enumerate() {
        let got = survive("xls", n, bytes, read);
        if let Some(want) = expected(name) {
            assert_eq!(got.err(), Some(want), "xls/{name}");
        }
    }
}

/// Writes the corpus files from the builders above with NETDAY_WRITE_CORPUS=1; otherwise
/// checks each kept file still gives what its builder's does.
#[test]
fn the_xls_corpus_holds_the_files_of_issue_21() {
    let files = [
        ("dimensions.big.xls", dimensions_xls()),
        ("far-corner.big.xls", far_corner_xls()),
        ("looped-chain.bad.xls", looped_chain_xls()),
        ("looped-stream.bad.xls", looped_stream_xls()),
        ("cut-bof.bad.xls", cut_bof_xls()),
        ("overlapping-sheets.big.xls", overlapping_sheets_xls()),
        ("continued-sst.big.xls", continued_sst_xls()),
        ("spaced-formula.big.xls", spaced_formula_xls()),
    ];
    for (name, bytes) in files {
        let path = corpus_dir("xls").join(name);
        if std::env::var_os("NETDAY_WRITE_CORPUS").is_some() {
            std::fs::create_dir_all(corpus_dir("xls")).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let kept = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(read(&kept).err(), read(&bytes).err(), "xls/{name}");
    }
}

const XLS_WORDS: &[&[u8]] = &[
    // DIMENSIONS of the whole sheet, a NUMBER at the far corner, a LABELSST of string 0.
    b"\x00\x02\x0e\x00\x00\x00\x00\x00\xff\xff\xff\xff\x00\x00\xff\xff\x00\x00",
    b"\x03\x02\x0e\x00\xff\xff\xff\xff\x0f\x00\x00\x00\x00\x00\x00\x00\xf0\x3f",
    b"\xfd\x00\x0a\x00\x00\x00\x00\x00\x0f\x00\x00\x00\x00\x00",
    // CONTINUE, EOF, BOF, an SST counting four billion strings.
    b"\x3c\x00\x04\x00\xff\xff\x01\x00",
    b"\x0a\x00\x00\x00",
    b"\x09\x08\x10\x00\x00\x06\x10\x00",
    b"\xfc\x00\x08\x00\xff\xff\xff\xff\xff\xff\xff\xff",
    b"\xff\xff\xff\xff",
    b"\xfe\xff\xff\xff",
    b"\x00\x00\x00\x00",
    b"\x01\x00\x00\x00",
    b"\xff\xff",
];

/// The records of a BIFF stream, each as type and data; what is left over after the last
/// whole record is kept as one record of type 0xFFFF.
fn split(mut bytes: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    while bytes.len() >= 4 {
        let len = usize::from(u16::from_le_bytes([bytes[2], bytes[3]]));
        if bytes.len() < 4 + len {
            break;
        }
        out.push((
            u16::from_le_bytes([bytes[0], bytes[1]]),
            bytes[4..4 + len].to_vec(),
        ));
        bytes = &bytes[4 + len..];
    }
    if !bytes.is_empty() {
        out.push((0xFFFF, bytes.to_vec()));
    }
    out
}

/// One to three edits that keep the records framed (a record's data mutated, a dictionary
/// record put in, a record dropped or doubled), or now and then a byte-level one.
fn mutate_records(rng: &mut Rng, bytes: &mut Vec<u8>) {
    if rng.below(6) == 0 {
        mutate(rng, bytes, XLS_WORDS);
        return;
    }
    let mut records = split(bytes);
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(records.len());
        match rng.below(6) {
            0..=2 if !records.is_empty() => mutate(rng, &mut records[at].1, XLS_WORDS),
            3 => {
                let word = rng.pick(XLS_WORDS);
                records.extend(split(word));
                let added = records.pop().unwrap_or((0x00EF, Vec::new()));
                records.insert(at, added);
            }
            4 if !records.is_empty() => {
                records.remove(at);
            }
            _ if !records.is_empty() => {
                let r = records[at].clone();
                records.insert(at, r);
            }
            _ => {}
        }
    }
    *bytes = records
        .into_iter()
        .flat_map(|(t, d)| {
            if t == 0xFFFF {
                d
            } else {
                let mut d = d;
                d.truncate(0xFFFF);
                record(t, &d)
            }
        })
        .collect();
}

fn runs(default: usize) -> usize {
    std::env::var("NETDAY_FUZZ_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Mutations of the seed: of its globals or one of its sheets, put back into a sound stream
/// and compound file (most of them), of the whole stream (offsets then point astray), or of
/// the compound file's header, FAT and directory.
#[test]
fn fuzz_xls() {
    let (globals, sheets) = seed_parts();
    let mut rng = Rng::new(21);
    let n = runs(1000);
    let mut read_ok = 0;
    for i in 0..n {
        let bytes = match rng.below(8) {
            0 => {
                let mut bytes = compound(&stream(&globals, &sheets));
                let mut head = bytes[..1536].to_vec();
                mutate(&mut rng, &mut head, XLS_WORDS);
                bytes.splice(..1536, head);
                bytes
            }
            1 => {
                let mut whole = stream(&globals, &sheets);
                mutate(&mut rng, &mut whole, XLS_WORDS);
                whole.resize(whole.len().max(4096), 0);
                compound(&whole)
            }
            2 | 3 => {
                let mut globals = globals.clone();
                mutate_records(&mut rng, &mut globals);
                compound(&stream(&globals, &sheets))
            }
            _ => {
                let mut sheets = sheets.clone();
                let at = usize::from(rng.below(5) == 0);
                mutate_records(&mut rng, &mut sheets[at].1);
                compound(&stream(&globals, &sheets))
            }
        };
        let got = survive("xls", i, &bytes, |b| parse_people_within(b, &SMALL));
        read_ok += usize::from(got.is_ok_and(|p| !p.rows.is_empty()));
    }
    // The mutations must leave many inputs readable, or they test only the first check.
    assert!(read_ok * 5 > n, "{read_ok} of {n} read");
    println!("xls: {n} inputs, {read_ok} read with rows");
}

/// Byte mutations anywhere in a file LibreOffice wrote: its header, FAT, mini FAT, directory
/// and streams.
#[test]
fn fuzz_xls_libreoffice() {
    let seed = libreoffice_xls();
    let mut rng = Rng::new(21);
    let n = runs(300);
    let mut read_ok = 0;
    for i in 0..n {
        let mut bytes = seed.clone();
        // Mostly the compound file's own sectors (the first 2 KB and the last 4 KB, where
        // LibreOffice puts its FAT and directory), else anywhere.
        let (from, to) = match rng.below(3) {
            0 => (0, 2048),
            1 => (bytes.len() - 4096, bytes.len()),
            _ => (0, bytes.len()),
        };
        let mut part = bytes[from..to].to_vec();
        mutate(&mut rng, &mut part, XLS_WORDS);
        // Keep the sectors where they were unless the mutation cut the file.
        part.resize(to - from, 0);
        bytes.splice(from..to, part);
        let got = survive("xls-lo", i, &bytes, |b| parse_people_within(b, &SMALL));
        read_ok += usize::from(got.is_ok_and(|p| !p.rows.is_empty()));
    }
    assert!(read_ok * 20 > n, "{read_ok} of {n} read");
    println!("xls (LibreOffice): {n} inputs, {read_ok} read with rows");
}
