//! The spreadsheet readers (.xlsx, .ods) never panic, abort or loop: the files that once did
//! (issue 21), kept in tests/corpus/, and seeded mutations of an Excel-made and a LibreOffice-
//! shaped workbook, read under a small budget so that no input can take long.

use netday::io::csv::{CsvError, ParsedCsv, SheetBudget, parse_people_within};

use super::fuzz_mutate::{
    Rng, corpus, corpus_dir, expected, mutate, rezip, survive, unzip, with_entry,
};

/// Small enough that the largest input the budget admits is read in moments by a debug build.
const SMALL: SheetBudget = SheetBudget {
    cells: 100_000,
    entry_bytes: 2 << 20,
    total_bytes: 4 << 20,
    text_bytes: 2 << 20,
};

fn read(bytes: &[u8]) -> Result<ParsedCsv, CsvError> {
    parse_people_within(bytes, &SheetBudget::DEFAULT)
}

/// A workbook made at a fixed time, so that its bytes are the same on every run.
fn workbook() -> rust_xlsxwriter::Workbook {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
    let mut book = Workbook::new();
    let made = ExcelDateTime::from_ymd(2026, 12, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    book
}

/// A roster as Excel saves it: numbers, a date, a second sheet.
fn seed_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::Format;
    let mut book = workbook();
    let list = book.add_worksheet();
    list.set_name("명단").unwrap();
    for (c, h) in ["이름", "소속", "연락처", "이메일", "등록일"]
        .iter()
        .enumerate()
    {
        list.write_string(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for r in 1..6u32 {
        list.write_string(r, 0, format!("김기성{r}")).unwrap();
        list.write_string(r, 1, "한울신협").unwrap();
        list.write_number(r, 2, 1012345678.0 + f64::from(r))
            .unwrap();
        list.write_string(r, 3, format!("k{r}@hanul.kr")).unwrap();
        list.write_number_with_format(r, 4, 46357.0, &date).unwrap();
    }
    book.add_worksheet()
        .write_string(0, 0, "소속은 정식 명칭으로")
        .unwrap();
    book.save_to_buffer().unwrap()
}

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>"#;
const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

/// An .ods with `content` as its content.xml, zipped as LibreOffice zips one.
fn ods_with_content(content: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    rezip(
        &[
            (
                "mimetype".to_string(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "META-INF/manifest.xml".to_string(),
                manifest.as_bytes().to_vec(),
            ),
            ("content.xml".to_string(), content.as_bytes().to_vec()),
        ],
        true,
    )
}

fn ods_with_tables(tables: &str) -> Vec<u8> {
    ods_with_content(&format!("{ODS_HEAD}{tables}{ODS_TAIL}"))
}

fn text_cell(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
    )
}

/// A list as LibreOffice writes one: repeated blank cells and rows, a covered (merged) cell, a
/// note on a cell, spaces written as `<text:s>`, a float phone, a second table.
fn seed_ods() -> Vec<u8> {
    let row = |cells: &[String]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let phone = r#"<table:table-cell office:value-type="float" office:value="1055554444"><text:p>1055554444</text:p></table:table-cell>"#;
    let noted = r#"<table:table-cell office:value-type="string"><office:annotation><text:p>메모</text:p></office:annotation><text:p>정<text:s text:c="2"/>하늘</text:p></table:table-cell>"#;
    let rows = [
        r#"<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>신청자</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>"#.to_string(),
        row(&[text_cell("이름"), text_cell("소속"), text_cell("연락처")]),
        row(&[noted.to_string(), text_cell("푸른마을생협"), phone.to_string()]),
        row(&[
            text_cell("오세훈"),
            text_cell("한울신협"),
            text_cell("010-7777-8888"),
            r#"<table:table-cell table:number-columns-repeated="1021"/>"#.to_string(),
        ]),
        r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#.to_string(),
    ];
    ods_with_tables(&format!(
        r#"<table:table table:name="신청"><table:table-column table:number-columns-repeated="3"/>{}</table:table><table:table table:name="안내">{}</table:table><table:named-expressions><table:named-range table:name="x" table:cell-range-address="$신청.$A$1"/></table:named-expressions>"#,
        rows.concat(),
        row(&[text_cell("소속은 정식 명칭으로")])
    ))
}

// The files of issue 21, built here; the corpus keeps them as they were found.

/// 1.7 KB, values in A1 and XFD1048576: calamine's range between them is 512 GiB.
fn far_corner_xlsx() -> Vec<u8> {
    let mut book = workbook();
    let s = book.add_worksheet();
    s.write_string(0, 0, "이름").unwrap();
    s.write_string(1_048_575, 16_383, "끝").unwrap();
    book.save_to_buffer().unwrap()
}

/// A shared-string table announcing four billion strings: calamine reserves room for them all.
fn announced_strings_xlsx() -> Vec<u8> {
    let entries = unzip(&seed_xlsx()).unwrap();
    let entries = with_entry(&entries, "xl/sharedStrings.xml", |d| {
        String::from_utf8(d.to_vec())
            .unwrap()
            .replacen("uniqueCount=\"", "uniqueCount=\"4000000000", 1)
            .into_bytes()
    });
    rezip(&entries, true)
}

/// 1 KB: one cell repeated 94 columns wide and a million rows down: 98.6 million cells, just
/// under calamine's own cap, so it makes them all (5.5 GB).
fn repeated_ods() -> Vec<u8> {
    ods_with_tables(&format!(
        r#"<table:table table:name="t"><table:table-row>{}</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="94" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
        text_cell("이름")
    ))
}

/// A content.xml that ends inside `<table:table>`: calamine's table loop reads on forever.
fn cut_in_table_ods() -> Vec<u8> {
    ods_with_content(&format!(
        r#"{ODS_HEAD}<table:table table:name="t"><table:table-row>{}</table:table-row>"#,
        text_cell("이름")
    ))
}

/// A content.xml that ends inside a cell's note: calamine's note loop reads on forever.
fn cut_in_note_ods() -> Vec<u8> {
    ods_with_content(&format!(
        r#"{ODS_HEAD}<table:table table:name="t"><table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>메모"#
    ))
}

/// Four billion spaces in one `<text:s>`.
fn spaces_ods() -> Vec<u8> {
    ods_with_tables(
        r#"<table:table table:name="t"><table:table-row><table:table-cell office:value-type="string"><text:p>이<text:s text:c="4000000000"/>름</text:p></table:table-cell></table:table-row></table:table>"#,
    )
}

#[test]
fn a_cell_at_the_last_row_and_column_is_read_without_the_cells_between() {
    let bytes = far_corner_xlsx();
    assert!(bytes.len() < 8 * 1024, "{}", bytes.len());
    let parsed = read(&bytes).unwrap();
    // Row 1,048,576 is wider than the header row: left out, and said.
    assert_eq!(parsed.rows.len(), 0);
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(parsed.errors[0].line, 1_048_576);
}

#[test]
fn an_xlsx_announcing_more_shared_strings_than_it_holds_is_damaged() {
    assert_eq!(
        read(&announced_strings_xlsx()).err(),
        Some(CsvError::BadSheet)
    );
    // The seed it was made from is read.
    assert_eq!(read(&seed_xlsx()).unwrap().rows.len(), 5);
}

#[test]
fn repeated_ods_cells_past_the_budget_are_refused_before_calamine_makes_them() {
    let bytes = repeated_ods();
    assert!(bytes.len() < 2 * 1024, "{}", bytes.len());
    assert_eq!(read(&bytes).err(), Some(CsvError::TooBig));
    assert_eq!(read(&spaces_ods()).err(), Some(CsvError::TooBig));
}

#[test]
fn an_ods_cut_short_inside_a_table_or_a_note_is_damaged_not_a_loop() {
    assert_eq!(read(&cut_in_table_ods()).err(), Some(CsvError::BadSheet));
    assert_eq!(read(&cut_in_note_ods()).err(), Some(CsvError::BadSheet));
}

#[test]
fn the_ods_seed_is_read_as_libreoffice_writes_it() {
    let parsed = read(&seed_ods()).unwrap();
    assert_eq!(parsed.sheet.as_deref(), Some("신청"));
    let names: Vec<&str> = parsed.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["정  하늘", "오세훈"]);
}

#[test]
fn a_zip_entry_inflating_past_the_budget_is_refused_before_it_is_parsed() {
    let entries = unzip(&seed_xlsx()).unwrap();
    // 3 MB of blanks inside the worksheet: whitespace any XML reader accepts.
    let bomb = with_entry(&entries, "xl/worksheets/sheet1.xml", |d| {
        let mut d = d.to_vec();
        let at = d.len() - "</worksheet>".len();
        d.splice(at..at, std::iter::repeat_n(b' ', 3 << 20));
        d
    });
    let bytes = rezip(&bomb, true);
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    assert_eq!(
        parse_people_within(&bytes, &SMALL).err(),
        Some(CsvError::TooBig)
    );
    // Under the real budget it is an ordinary file.
    assert_eq!(read(&bytes).unwrap().rows.len(), 5);
}

#[test]
fn every_spreadsheet_that_once_crashed_or_hung_gets_an_answer() {
    for reader in ["xlsx", "ods"] {
        let files = corpus(reader);
        assert!(files.len() >= 2, "{reader}: {files:?}", files = files.len());
        for (n, (name, bytes)) in files.iter().enumerate() {
            let got = survive(reader, n, bytes, read);
            if let Some(want) = expected(name) {
                assert_eq!(got.err(), Some(want), "{reader}/{name}");
            }
        }
    }
}

/// Writes the corpus files from the builders above (run once with NETDAY_WRITE_CORPUS=1 when a
/// builder is added); otherwise checks each kept file still gives what its builder's does.
#[test]
fn the_corpus_holds_the_files_of_issue_21() {
    let files: [(&str, &str, Vec<u8>); 6] = [
        ("xlsx", "far-corner.xlsx", far_corner_xlsx()),
        (
            "xlsx",
            "announced-strings.bad.xlsx",
            announced_strings_xlsx(),
        ),
        ("ods", "repeated-cells.big.ods", repeated_ods()),
        ("ods", "spaces.big.ods", spaces_ods()),
        ("ods", "cut-in-table.bad.ods", cut_in_table_ods()),
        ("ods", "cut-in-note.bad.ods", cut_in_note_ods()),
    ];
    for (reader, name, bytes) in files {
        let path = corpus_dir(reader).join(name);
        if std::env::var_os("NETDAY_WRITE_CORPUS").is_some() {
            std::fs::create_dir_all(corpus_dir(reader)).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let kept = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(
            read(&kept).err(),
            read(&bytes).err(),
            "{reader}/{name} and its builder"
        );
    }
}

const XLSX_WORDS: &[&[u8]] = &[
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    b"<row r=\"1048576\">",
    b"</row>",
    b"<sheetData>",
    b"</sheetData>",
    b" uniqueCount=\"4000000000\"",
    b"<dimension ref=\"A1:XFD1048576\"/>",
    b"<si><t>x</t></si>",
    b" t=\"inlineStr\"><is><t>a</t></is>",
    b" t=\"d\"><v>2026-13-45T99:00</v>",
    b" t=\"e\"",
    b" s=\"99999\"",
    b"<f t=\"shared\" si=\"99999999\" ref=\"A1:XFD1048576\">A1</f>",
    b"<v>1e308</v>",
    b"&amp;",
    b"&#0;",
    b"<![CDATA[x",
    b"<!--",
    b"<sheet name=\"x\" sheetId=\"9\" r:id=\"rId1\"/>",
    b"</worksheet>",
    b"<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>",
];

const ODS_WORDS: &[&[u8]] = &[
    b" table:number-rows-repeated=\"1048576\"",
    b" table:number-columns-repeated=\"16384\"",
    b"<text:s text:c=\"100000\"/>",
    b"<table:table table:name=\"t\">",
    b"</table:table>",
    b"<table:table-row>",
    b"</table:table-row>",
    b"<table:table-cell office:value-type=\"string\">",
    b"</table:table-cell>",
    b"<office:annotation>",
    b"</office:annotation>",
    b"<text:p>",
    b"</text:p>",
    b" office:value=\"1e308\"",
    b" office:date-value=\"2026-13-45\"",
    b" office:value-type=\"boolean\" office:boolean-value=\"true\"",
    b" table:formula=\"of:=1\"",
    b"<table:covered-table-cell/>",
    b"<table:named-expressions>",
    b"&amp;",
    b"<![CDATA[x",
];

/// Inputs per reader; `NETDAY_FUZZ_RUNS` runs more (the same seed, so the first ones are the
/// ones CI runs).
fn runs(default: usize) -> usize {
    std::env::var("NETDAY_FUZZ_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// `runs` mutations of `seed`, each read under the small budget: XML mutated inside an entry
/// and zipped again (most of them), or the zip's own bytes mutated. Returns how many inputs
/// were read, and how many of them gave rows.
fn fuzz_zipped(
    reader: &str,
    seed: &[u8],
    parts: &[&str],
    words: &[&[u8]],
    rng_seed: u64,
    runs: usize,
) -> (usize, usize) {
    let entries = unzip(seed).unwrap();
    let mut rng = Rng::new(rng_seed);
    let mut read_ok = 0;
    for n in 0..runs {
        let input = if rng.below(5) == 0 {
            let mut raw = seed.to_vec();
            mutate(&mut rng, &mut raw, words);
            raw
        } else {
            let part = *rng.pick(parts);
            let mut changed = with_entry(&entries, part, |d| {
                let mut d = d.to_vec();
                mutate(&mut rng, &mut d, words);
                d
            });
            // Now and then two parts at once.
            if rng.below(4) == 0 {
                let other = *rng.pick(parts);
                changed = with_entry(&changed, other, |d| {
                    let mut d = d.to_vec();
                    mutate(&mut rng, &mut d, words);
                    d
                });
            }
            rezip(&changed, rng.below(4) == 0)
        };
        let got = survive(reader, n, &input, |b| parse_people_within(b, &SMALL));
        read_ok += usize::from(got.is_ok_and(|p| !p.rows.is_empty()));
    }
    (runs, read_ok)
}

#[test]
fn fuzz_xlsx() {
    let parts = [
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/styles.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
    ];
    let (n, ok) = fuzz_zipped("xlsx", &seed_xlsx(), &parts, XLSX_WORDS, 21, runs(2000));
    // The mutations must leave many inputs readable, or they test only the first check.
    assert!(ok * 5 > n, "{ok} of {n} read");
    println!("xlsx: {n} inputs, {ok} read with rows");
}

#[test]
fn fuzz_ods() {
    let parts = [
        "content.xml",
        "content.xml",
        "content.xml",
        "content.xml",
        "content.xml",
        "META-INF/manifest.xml",
        "mimetype",
    ];
    let (n, ok) = fuzz_zipped("ods", &seed_ods(), &parts, ODS_WORDS, 21, runs(3000));
    // calamine refuses an .ods row holding anything but cells, so fewer survive a mutation.
    assert!(ok * 20 > n, "{ok} of {n} read");
    println!("ods: {n} inputs, {ok} read with rows");
}
