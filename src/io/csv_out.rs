//! Writing CSVs that Korean Excel opens correctly and that cannot smuggle formulas.

use std::borrow::Cow;

/// Cells starting with one of these would be run as a formula by a spreadsheet.
const FORMULA_LEAD: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text: a leading apostrophe before a formula character.
/// The importer takes that apostrophe off again (see `csv_in::unneutralize`).
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_LEAD.contains(&c) => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes a UTF-8 CSV with a BOM (so Excel reads Hangul) and CRLF line ends.
pub fn write_csv<W: std::io::Write>(
    mut w: W,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> std::io::Result<()> {
    w.write_all("\u{feff}".as_bytes())?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|c| neutralize(c).into_owned()))?;
    }
    out.flush()?;
    Ok(())
}

/// Column titles of the people export; the importer recognises every one of them.
pub fn people_header(korean: bool) -> [&'static str; 10] {
    if korean {
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

    #[test]
    fn formula_cells_are_neutralized() {
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("+82"), "'+82");
        assert_eq!(neutralize("-"), "'-");
        assert_eq!(neutralize("@SUM"), "'@SUM");
        assert_eq!(neutralize("김기성"), "김기성");
    }

    #[test]
    fn output_starts_with_bom_and_uses_crlf() {
        let mut buf = Vec::new();
        write_csv(&mut buf, &["이름"], vec![vec!["김기성".to_string()]]).unwrap();
        assert!(buf.starts_with("\u{feff}".as_bytes()));
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "\u{feff}이름\r\n김기성\r\n"
        );
    }
}
