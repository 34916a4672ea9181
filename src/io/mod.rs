//! Files in and out: CSV import (encodings, header mapping, row errors), exports (CSV, .xlsx), printed PDFs (`print`), and the one way
//! netday writes a file for the user (`files`).
pub mod csv;
pub mod export;
pub mod import;
pub mod minutes;
pub mod print;
pub mod safe_out;
pub mod xlsx;
