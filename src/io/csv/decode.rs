//! Bytes to text: UTF-8 (with or without a BOM) or CP949 as Korean Excel writes it.

use std::borrow::Cow;

use super::CsvError;

/// The text encoding a file was read in, or the kind of spreadsheet it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Cp949,
    Xlsx,
    Xls,
    Ods,
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Cp949 => "CP949/EUC-KR",
            Encoding::Xlsx => "Excel (.xlsx)",
            Encoding::Xls => "Excel 97-2003 (.xls)",
            Encoding::Ods => "OpenDocument (.ods)",
        })
    }
}

pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file's text: UTF-8 with a BOM (BOM removed), UTF-8, or CP949 (EUC-KR as WHATWG defines
/// it, which is windows-949 with the Unified Hangul Code extension Korean Excel writes).
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return std::str::from_utf8(rest)
            .map(|s| (Cow::Borrowed(s), Encoding::Utf8Bom))
            .map_err(|_| CsvError::Undecodable);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(s), Encoding::Utf8));
    }
    encoding_rs::EUC_KR
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| (s, Encoding::Cp949))
        .ok_or(CsvError::Undecodable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::csv::parse_people_csv;
    use crate::io::csv::tests::{KO, names};
    use crate::model::ImportField;
    use crate::model::OrgKind;

    #[test]
    fn utf8_with_bom() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(KO.as_bytes());
        let p = parse_people_csv(&bytes).expect("parses");
        assert_eq!(p.encoding, Encoding::Utf8Bom);
        assert_eq!(p.encoding.to_string(), "UTF-8 (BOM)");
        // The BOM must not stick to the first header title.
        assert_eq!(p.columns.index(ImportField::Name), Some(0));
        assert_eq!(names(&p), ["김철수", "이영희"]);
    }

    #[test]
    fn cp949_as_excel_writes_it() {
        let text = KO.replace('\n', "\r\n") + "박민수,똠방각하 협동조합,협동조합,남부,,,,,\r\n";
        let (bytes, _, bad) = encoding_rs::EUC_KR.encode(&text);
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err());
        let p = parse_people_csv(&bytes).expect("parses");
        assert_eq!(p.encoding, Encoding::Cp949);
        assert_eq!(p.encoding.to_string(), "CP949/EUC-KR");
        assert_eq!(names(&p), ["김철수", "이영희", "박민수"]);
        // 똠 is outside EUC-KR proper, in CP949's extension.
        assert_eq!(p.rows[2].organization, "똠방각하 협동조합");
        assert_eq!(p.rows[2].kind, Some(OrgKind::FrameworkCoop));
        assert_eq!(p.rows[2].line, 4);
        assert_eq!(p.rows[0].notes, "첫 참석");
    }

    #[test]
    fn decode_rejects_garbage() {
        assert_eq!(
            parse_people_csv(&[0xFF, 0xFE, 0x74, 0x00, 0x80]).err(),
            Some(CsvError::Undecodable)
        );
        let mut bad_after_bom = BOM.to_vec();
        bad_after_bom.extend_from_slice(&[0xC0, 0x80]);
        assert_eq!(decode(&bad_after_bom).err(), Some(CsvError::Undecodable));
        let (s, e) = decode(b"name\n").expect("decodes");
        assert_eq!((s.as_ref(), e), ("name\n", Encoding::Utf8));
        assert!(matches!(s, Cow::Borrowed(_)));
    }
}
