//! The app's panes, one component per file.

pub mod terminal;
