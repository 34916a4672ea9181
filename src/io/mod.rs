//! Files in and out: CSV import (encodings, header mapping, row errors), exports (CSV, .xlsx), printed PDFs (`print`), the minutes as a
//! document (`report`, written as a PDF by `print::report` and as a .docx by `docx`), and the one way
//! netday writes a file for the user (`files`).
pub mod csv;
pub mod docx;
pub mod encrypted;
pub mod export;
pub mod import;
pub mod minutes;
pub mod pack;
pub mod person;
pub mod print;
pub mod report;
pub mod safe_out;
pub mod xlsx;
