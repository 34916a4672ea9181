//! netday: check-in desk, attendee lists and meeting minutes for cooperative networking days.
//!
//! Data flows one way: key → `keymap` → `state::Action` → `App::update` (which writes through
//! `data::Data`, the store and the roster in step) → `view::draw`.
pub mod cli;
pub mod data;
pub mod demo;
pub mod event_loop;
pub mod files;
pub mod generate;
pub mod i18n;
pub mod io;
pub mod job;
pub mod keymap;
pub mod model;
pub mod progress;
pub mod screens;
pub mod search;
pub mod state;
pub mod store;
pub mod sync;
pub mod synthetic;
pub mod terminal;
pub mod view;
pub mod widgets;
