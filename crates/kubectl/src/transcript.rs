//! Transcripts: a script of command lines in, and for each command `$ ` + the command followed
//! by everything it printed. Blank lines and `#` comments are skipped. This is what the
//! `kubeplay` binary prints for non-interactive input, and what the transcript tests compare.

use crate::session::Session;

/// Runs one script line: `None` for a blank line or a comment, else the command's transcript.
pub fn run_line(session: &mut Session, line: &str) -> Option<String> {
    let cmd = line.trim();
    if cmd.is_empty() || cmd.starts_with('#') {
        return None;
    }
    Some(format!("$ {cmd}\n{}", session.run(cmd).text()))
}

/// Runs every command of `script` in `session` and returns the transcript.
pub fn run_script(session: &mut Session, script: &str) -> String {
    script.lines().filter_map(|l| run_line(session, l)).collect()
}
