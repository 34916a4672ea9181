//! The evidence pack of one networking day (결과보고 자료): what a support centre or funder asks
//! for after the day, made in one go and named by the day's date — the minutes as a PDF and as a
//! .docx, the attendance as an .xlsx, the 출석부 PDF and the 서명부 as printed for the door
//! (names and blank rows). `parts` makes the files; `write_to` writes them into a folder or as
//! one .zip (`zip`), through `files`.

use std::io::Write;

use crate::i18n::{self, Lang};
use crate::io::export::{self, ExportError};
use crate::io::minutes::{self, MinutesData, ReportOptions};
use crate::io::print::{self, PrintError};
use crate::model::{MinutesFormat, PrintKind};
use crate::store::{Store, StoreError};

/// One file of the pack: its name (no folder) and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Minutes(#[from] minutes::MinutesError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the archive could not be made: {0}")]
    Zip(String),
    #[error(transparent)]
    File(#[from] crate::files::FileError),
}

impl PackError {
    fn words(&self) -> (String, String) {
        match self {
            PackError::Minutes(e) => (e.ko(), e.en()),
            PackError::Print(e) => (e.ko(), e.en()),
            PackError::Export(e) => (e.ko(), e.en()),
            PackError::Store(e) => (e.ko(), e.en()),
            PackError::File(e) => (e.ko(), e.en()),
            PackError::Zip(why) => (
                format!("압축 파일을 만들지 못했습니다 ({why}). 아무 파일도 쓰지 않았습니다."),
                format!("The archive could not be made ({why}); no file was written."),
            ),
        }
    }
    pub fn ko(&self) -> String {
        self.words().0
    }
    pub fn en(&self) -> String {
        self.words().1
    }
}

/// The pack's files for the day `d` describes, in the order a reader opens them. Contact
/// columns (phone, e-mail) are in the 출석부 of the minutes and in the attendance workbook only
/// when `o.contacts` says so.
pub fn parts(
    store: &Store,
    d: &MinutesData,
    o: &ReportOptions,
    l: Lang,
    progress: &mut dyn crate::progress::Progress,
) -> Result<Vec<Part>, PackError> {
    let date = d.event.date.format("%Y-%m-%d").to_string();
    let minutes_name = |f: MinutesFormat| {
        std::path::Path::new(&i18n::with_lang(l, || i18n::minutes_file_name(&date)))
            .with_extension(f.extension())
            .display()
            .to_string()
    };
    // One document for both writers.
    let doc = minutes::report(d, o, l);
    let mut out = vec![
        Part {
            name: minutes_name(MinutesFormat::Pdf),
            bytes: print::report::render(&doc, progress)?.0,
        },
        Part {
            name: minutes_name(MinutesFormat::Docx),
            bytes: crate::io::docx::write(&doc).map_err(minutes::MinutesError::from)?,
        },
    ];
    let mut table = i18n::with_lang(l, || export::attendance_table(store, d.event.id))?;
    if !o.contacts {
        table.header.truncate(export::ATTENDANCE_CONTACTS_FROM);
        for r in &mut table.rows {
            r.truncate(export::ATTENDANCE_CONTACTS_FROM);
        }
    }
    out.push(Part {
        name: i18n::with_lang(l, || i18n::pack_attendance_name(&date)),
        bytes: table.encode(export::Format::Xlsx)?,
    });
    for kind in [PrintKind::Attendance, PrintKind::Signin] {
        let opt = print::Options {
            contact: o.contacts,
            ..print::Options::default()
        };
        let printed = print::document(store, &d.event, kind, &opt, l, progress)?;
        out.push(Part {
            name: i18n::with_lang(l, || i18n::print_file_name(kind, &date)),
            bytes: printed.bytes,
        });
    }
    Ok(out)
}

/// The parts as one .zip archive, each file inside it owner-only and dated 1980-01-01 so the
/// same pack makes the same bytes.
pub fn zip(parts: &[Part]) -> Result<Vec<u8>, PackError> {
    let zip_err = |e: zip::result::ZipError| PackError::Zip(e.to_string());
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600);
    for p in parts {
        w.start_file(p.name.as_str(), options).map_err(zip_err)?;
        w.write_all(&p.bytes)
            .map_err(|e| PackError::Zip(e.to_string()))?;
    }
    Ok(w.finish().map_err(zip_err)?.into_inner())
}

/// Writes the parts where `path` says: one .zip archive when its name ends in .zip, else into
/// the folder `path` (made when it is not there). Either way as every export is written: new
/// owner-only files, an existing one replaced only when `replace` says so, never inside the
/// database directory `db_dir`; in a folder, every file is checked before any is written.
pub fn write_to(
    path: &std::path::Path,
    parts: &[Part],
    replace: crate::files::Replace,
    db_dir: &std::path::Path,
) -> Result<(), PackError> {
    let zipped = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("zip"));
    if zipped {
        crate::files::write(path, &zip(parts)?, replace, Some(db_dir))?;
    } else {
        let list: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|p| (p.name.as_str(), p.bytes.as_slice()))
            .collect();
        crate::files::write_folder(path, &list, replace, Some(db_dir))?;
    }
    Ok(())
}
