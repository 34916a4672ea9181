//! The minutes as a .docx (Word, Hancom Office): a `report::Doc` written with docx-rs.
// Stand-in until the writer lands (same branch of work).
#[derive(Debug, thiserror::Error)]
#[error("docx")]
pub enum DocxError {
    Pack,
}
impl DocxError {
    pub fn ko(&self) -> String {
        String::new()
    }
    pub fn en(&self) -> String {
        String::new()
    }
}
pub fn write(_doc: &crate::io::report::Doc) -> Result<Vec<u8>, DocxError> {
    Err(DocxError::Pack)
}
