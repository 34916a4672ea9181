//! Widget state shared by every screen: what a text field, a form or a list holds and how a
//! key changes it. Drawing lives in `view`.
mod text_field;

pub use text_field::{Edit, Pasted, TextField};
