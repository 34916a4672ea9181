//! What every screen is built from: the state of a text field, a form, a lookup or a list and
//! how a key changes it; and how they are drawn: one theme, one table, one search box, one form
//! drawer, popups and the caret (`paint`).
mod form;
pub mod form_drawer;
pub mod list;
mod lookup;
pub mod paint;
pub mod search_box;
pub mod table;
mod text_field;
pub mod theme;

pub use form::{Form, FormAnswer, FormKey};
pub use lookup::{Lookup, Pick};
pub use text_field::{Edit, Pasted, TextField};
pub use theme::THEME;
