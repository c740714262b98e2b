//! kubectl for the simulated cluster, and the sandbox session both front ends drive.
//!
//! A command line flows: [`Session::run`] → [`shell::tokenize`] → `kubectl` dispatch (global
//! flags, subcommand, [`flags::parse`]) → the command reads/writes the [`cluster::Cluster`] →
//! [`printers`] render tables → [`Output`] (stdout and stderr chunks in order).

mod cmd;
pub mod coreutils;
pub mod custom_columns;
mod describe;
pub mod editor;
mod explain_schema;
pub mod flags;
pub mod jsonpath;
pub mod manifest;
pub mod output;
pub mod printers;
pub mod resources;
mod session;
pub mod shell;
pub mod sort;
pub mod tables;
pub mod transcript;
pub mod yamlout;

pub use output::{Output, Stream};
pub use editor::{Editor, Launch, PendingEdit};
pub use session::{FileSource, NoFiles, Session};
