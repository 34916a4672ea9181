//! Files in and out: CSV import (encodings, header mapping, row errors), exports, and the one way
//! netday writes a file for the user (`files`).
pub mod csv;
pub mod export;
pub mod files;
pub mod import;
pub mod minutes;
pub mod safe_out;
