//! What netday reads and writes for the user, named where every layer may see it: the field an
//! imported column is read into, the printed documents and the two shapes of the minutes.

/// A printed document (`io::print` draws it; `i18n::print_kind` names it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintKind {
    /// 참석자 서명부: everyone registered or arrived, with a signature column.
    Signin,
    /// Name badges with QR codes, 8 per page.
    Badges,
    /// 출석부: who arrived, when, pre-registered or walk-in.
    Attendance,
}

/// The shapes of the minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MinutesFormat {
    /// For files: headings and tables.
    #[default]
    Markdown,
    /// For a chat group: no Markdown symbols, short lines.
    Text,
    /// To print and send: A4 pages with the 출석부 at the end.
    Pdf,
    /// To edit in Word or Hancom Office: the same document as the PDF.
    Docx,
}

impl MinutesFormat {
    /// The file extension a saved copy takes.
    pub fn extension(self) -> &'static str {
        match self {
            MinutesFormat::Markdown => "md",
            MinutesFormat::Text => "txt",
            MinutesFormat::Pdf => "pdf",
            MinutesFormat::Docx => "docx",
        }
    }

    pub const ALL: [MinutesFormat; 4] = [
        MinutesFormat::Pdf,
        MinutesFormat::Docx,
        MinutesFormat::Markdown,
        MinutesFormat::Text,
    ];

    /// The shape a file's name asks for by its extension (any case), if it names one.
    pub fn for_path(path: &std::path::Path) -> Option<MinutesFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        MinutesFormat::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
    }
}

/// What a column of an imported list is read into (`io::csv` reads headers into it, the import
/// preview names it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportField {
    Name,
    Organization,
    Role,
    Phone,
    Email,
    Kind,
    District,
    /// Badge code.
    Code,
    Tags,
    Notes,
    /// The answer to "will you come?" (참석 / 불참 / 미정), or an exported attendance status.
    Status,
    /// The answer to "may we keep your personal data?" (동의 / 미동의; `model::ConsentState`).
    Consent,
}

impl ImportField {
    pub const ALL: [ImportField; 12] = [
        ImportField::Name,
        ImportField::Organization,
        ImportField::Role,
        ImportField::Phone,
        ImportField::Email,
        ImportField::Kind,
        ImportField::District,
        ImportField::Code,
        ImportField::Tags,
        ImportField::Notes,
        ImportField::Status,
        ImportField::Consent,
    ];
}
