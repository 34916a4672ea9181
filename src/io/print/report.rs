//! A `report::Doc` on A4 pages (the minutes as a PDF).
// Stand-in until the writer lands (same branch of work).
pub fn render(
    _doc: &crate::io::report::Doc,
    _progress: &mut dyn crate::progress::Progress,
) -> Result<(Vec<u8>, usize), super::PrintError> {
    Err(super::PrintError::Font)
}
