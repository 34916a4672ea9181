//! Writing CSVs that Korean Excel opens correctly (UTF-8 with a BOM, CRLF) and that cannot
//! smuggle formulas into a spreadsheet.

use std::borrow::Cow;

/// A cell starting with one of these would be run as a formula (or shifted) by a spreadsheet.
pub(crate) const FORMULA_LEAD: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell (after any leading apostrophes) starts with a formula character.
/// Counting past apostrophes keeps `neutralize` and the importer's undoing of it exact
/// inverses, even for a value that itself begins with `'=`.
pub(crate) fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(|c: char| FORMULA_LEAD.contains(&c))
}

/// The cell as a spreadsheet should see it: text, never a formula. A cell whose first
/// character (after any apostrophes) is `= + - @`, tab or CR gets one leading apostrophe.
/// The importer (`rows::unguard`) takes exactly that apostrophe off again.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes a UTF-8 CSV with a BOM (so Excel reads Hangul) and CRLF line ends. Every cell,
/// header included, goes through `neutralize`; the csv crate quotes commas, quotes and
/// line breaks.
pub fn write_csv<W: std::io::Write>(
    mut w: W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(w);
    out.write_record(header.iter().map(|h| neutralize(h)).map(|c| c.into_owned()))?;
    for row in rows {
        out.write_record(row.iter().map(|c| neutralize(c).into_owned()))?;
    }
    out.flush()?;
    Ok(())
}

/// Number of columns in the people export.
pub const PEOPLE_COLUMNS: usize = 10;

/// Column titles of the people export, in export order; the importer (`headers`) recognises every one.
pub fn people_header(lang_ko: bool) -> [&'static str; PEOPLE_COLUMNS] {
    if lang_ko {
        [
            "코드",
            "이름",
            "소속",
            "구분",
            "지역",
            "직함",
            "연락처",
            "이메일",
            "태그",
            "메모",
        ]
    } else {
        [
            "code",
            "name",
            "organization",
            "kind",
            "district",
            "role",
            "phone",
            "email",
            "tags",
            "notes",
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
        let mut buf = Vec::new();
        write_csv(&mut buf, header, rows).expect("write to Vec");
        buf
    }

    #[test]
    fn neutralize_table() {
        let cases = [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+82 10", "'+82 10"),
            ("-5", "'-5"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'abc", "'abc"),
            ("홍길동", "홍길동"),
            ("010-1234-5678", "010-1234-5678"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(neutralize(input), want, "input {input:?}");
        }
        assert!(matches!(neutralize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn bom_crlf_and_quoting() {
        let buf = written(
            &people_header(true)[..2],
            vec![
                vec!["A1".into(), "김, \"철수\"\n둘째 줄".into()],
                vec!["=1+1".into(), "-".into()],
            ],
        );
        assert!(buf.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = std::str::from_utf8(&buf[3..]).expect("utf-8");
        assert_eq!(
            text,
            "코드,이름\r\nA1,\"김, \"\"철수\"\"\n둘째 줄\"\r\n'=1+1,'-\r\n"
        );
    }

    #[test]
    fn headers_have_ten_distinct_titles() {
        for ko in [true, false] {
            let h = people_header(ko);
            let mut v = h.to_vec();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), PEOPLE_COLUMNS);
        }
    }
}
