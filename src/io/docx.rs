//! The minutes as a .docx (Word, Hancom Office): a `report::Doc` written with docx-rs.
