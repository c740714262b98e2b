//! Transcripts: a script of commands in, and for each command `$ ` + its first line followed by
//! everything it printed. Blank lines and `#` comments are skipped; a command with a heredoc
//! (`kubectl apply -f - <<EOF`) takes the lines up to its terminator. This is what the
//! `kubeplay` binary prints for non-interactive input, and what the transcript tests compare.

use crate::session::Session;

/// If `line` opens a heredoc (`<<EOF`, `<<'EOF'`, `<<"EOF"`, `<<-EOF`), its terminator word and
/// whether leading tabs are stripped (`<<-`).
pub fn heredoc_terminator(line: &str) -> Option<(String, bool)> {
    let mut in_single = false;
    let mut in_double = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' if !in_double => in_single = !in_single,
            b'"' if !in_single => in_double = !in_double,
            b'<' if !in_single && !in_double && bytes.get(i + 1) == Some(&b'<') && bytes.get(i + 2) != Some(&b'<') && (i == 0 || bytes[i - 1] != b'<') => {
                let mut rest = &line[i + 2..];
                let dash = rest.starts_with('-');
                if dash {
                    rest = &rest[1..];
                }
                let rest = rest.trim_start();
                let word: String = rest
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '|' && *c != ';')
                    .filter(|c| *c != '\'' && *c != '"')
                    .collect();
                return (!word.is_empty()).then_some((word, dash));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Groups script lines into commands: one line each, or a heredoc command with its body and
/// terminator. Blank lines and comments between commands are dropped.
pub fn split_commands(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        let cmd = line.trim();
        if cmd.is_empty() || cmd.starts_with('#') {
            continue;
        }
        let mut full = cmd.to_string();
        if let Some((word, dash)) = heredoc_terminator(cmd) {
            for body in lines.by_ref() {
                full.push('\n');
                full.push_str(body);
                let b = if dash { body.trim_start_matches('\t') } else { body };
                if b == word {
                    break;
                }
            }
        }
        out.push(full);
    }
    out
}

/// Runs one command (possibly with a heredoc body) and returns its transcript. Output that does
/// not end a line (`-o jsonpath='{.status.phase}'`) gets a newline, so the next `$ ` starts one;
/// a terminal would print the prompt right after it.
pub fn run_command(session: &mut Session, command: &str) -> String {
    let first = command.lines().next().unwrap_or("");
    let mut text = session.run(command).text();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    format!("$ {first}\n{text}")
}

/// Runs every command of `script` in `session` and returns the transcript.
pub fn run_script(session: &mut Session, script: &str) -> String {
    split_commands(script).iter().map(|c| run_command(session, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredocs_group_their_body_and_terminator() {
        let script = "# setup\nkubectl get nodes\n\ncat <<EOF\na: 1\n  EOF not yet\nEOF\nsim now\nk apply -f - <<-'END'\n\tx\n\tEND\n";
        assert_eq!(
            split_commands(script),
            ["kubectl get nodes", "cat <<EOF\na: 1\n  EOF not yet\nEOF", "sim now", "k apply -f - <<-'END'\n\tx\n\tEND"]
        );
        assert_eq!(heredoc_terminator("echo '<<EOF'"), None);
        assert_eq!(heredoc_terminator("kubectl apply -f - << \"X\""), Some(("X".into(), false)));
        assert_eq!(heredoc_terminator("base64 -d <<< YWRtaW4="), None, "a here-string is not a heredoc");
    }
}
