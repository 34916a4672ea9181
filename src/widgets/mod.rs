//! Widget state shared by every screen: what a text field, a form, a lookup or a list holds and
//! how a key changes it. Drawing lives in `view`; the keymap's actions are mapped to these
//! widgets' keys in `state`.
mod form;
pub mod list;
mod lookup;
mod text_field;

pub use form::{Form, FormAnswer, FormKey};
pub use lookup::{Lookup, Pick};
pub use text_field::{Edit, Pasted, TextField};
