//! Files in and out: CSV import (encodings, header mapping, row errors) and exports.
pub mod csv_in;
pub mod csv_out;
pub mod export;
pub mod import;
pub mod minutes;
