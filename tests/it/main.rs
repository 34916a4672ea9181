//! The app in-process: state flows, screens (in Korean, and in English beside them: the UI
//! language belongs to the thread), the minutes golden file, imports, files the TUI writes. One
//! test binary, because linking dominates a cold `cargo test`.

#![allow(clippy::unwrap_used)] // tests may unwrap, helpers included

#[path = "../common/mod.rs"]
mod common;

mod agenda_screens;
mod agenda_state;
mod backup_dialog;
mod cache_identity;
mod changes;
mod changes_property;
mod checkin_screen;
mod checkin_state;
mod consent;
mod day_state;
mod docx_report;
mod english_screen;
mod fuzz_backup;
mod fuzz_csv;
mod fuzz_mutate;
mod fuzz_sheets;
mod fuzz_xls;
mod history_screen;
mod ideas_screen;
mod ideas_state;
mod import_answers;
mod import_kinds;
mod import_offices;
mod import_picker;
mod import_preview;
mod import_safety;
mod jobs_state;
mod layers;
mod merge_safe;
mod minutes_golden;
mod minutes_report;
mod particles;
mod people_screen;
mod people_speed;
mod people_state;
mod person_report;
mod print_fit;
mod print_options;
mod print_report;
mod privacy_screen;
mod progress_stages;
mod screen_snapshots;
mod speed_state;
mod sync_cli;
mod sync_driver;
mod sync_engine;
mod sync_exchange;
mod sync_fake;
mod sync_file;
mod sync_link;
mod sync_screen;
mod sync_stores;
mod sync_tui;
mod tui_files;
mod xlsx_export;
