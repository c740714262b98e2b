//! The editor `kubectl edit` opens, as a front-end concern. kubectl writes the object to a temp
//! file, runs `$KUBE_EDITOR` / `$EDITOR` (default `vi`) on it and reads it back; here the
//! session asks its [`Editor`]:
//!
//! - the terminal binary runs the real editor on a real temp file;
//! - the web app edits asynchronously: its editor answers [`Launch::Pending`], the session keeps
//!   the edit ([`crate::Session::pending_edit`]) until the page submits the saved text
//!   ([`crate::Session::finish_edit`]);
//! - transcripts script the editor: `sim editor OP…` queues what the next opening of the editor
//!   does ([`Script`]); an opening with nothing queued saves the file unchanged ([`Unchanged`],
//!   the default editor).
//!
//! Script operations, one per argument, applied in order to the buffer, line by line like sed:
//!
//! | operation         | effect                                                              |
//! |-------------------|---------------------------------------------------------------------|
//! | `s/RE/TEXT/`      | replace the first match of the regex RE in each line (`g`: all)     |
//! | `/RE/d`           | delete the lines matching RE                                        |
//! | `/RE/a TEXT`      | add the line TEXT after each line matching RE                      |
//! | `/RE/i TEXT`      | insert the line TEXT before each line matching RE                   |
//! | `/RE/c TEXT`      | change each line matching RE to TEXT                                |
//! | `clear`           | empty the file                                                      |
//! | `keep`            | change nothing (save as it is)                                      |
//!
//! Any character can stand for `/` (`s|a/b|c|`); `\n` in TEXT is a line break, `\ ` a space
//! (to start an `a`/`i`/`c` TEXT with spaces), `$1` in `s` TEXT a capture group. RE is
//! regex-lite syntax.

use std::collections::VecDeque;

use regex_lite::Regex;

use crate::cmd::edit::EditSession;
use crate::cmd::Context;
use crate::output::Output;

/// What the editor did with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Launch {
    /// The editor exited; the file now holds this text.
    Saved(String),
    /// The editor could not run (kubectl prints the message as its error).
    Failed(String),
    /// The front end edits asynchronously; the session keeps the edit pending.
    Pending,
}

/// A front end's editor.
pub trait Editor {
    /// Opens `text`, kubectl's temp file `path`, in the editor.
    fn edit(&mut self, path: &str, text: &str) -> Launch;

    /// kubectl removed a temp file it had written.
    fn discard(&mut self, _path: &str) {}

    /// Where kubectl writes its temp files (`os.TempDir()`).
    fn temp_dir(&self) -> String {
        "/tmp".into()
    }
}

/// Saves every file as it is — an editor quit without changes. The default for sessions.
pub struct Unchanged;

impl Editor for Unchanged {
    fn edit(&mut self, _path: &str, text: &str) -> Launch {
        Launch::Saved(text.to_string())
    }
}

/// Edits asynchronously (the web app's editor pane).
pub struct Deferred;

impl Editor for Deferred {
    fn edit(&mut self, _path: &str, _text: &str) -> Launch {
        Launch::Pending
    }
}

/// An edit waiting for the front end: the file kubectl wrote, to show in an editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingEdit {
    pub path: String,
    pub text: String,
}

// ---------------------------------------------------------------------------------------------
// Scripts
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Op {
    Substitute { re: Regex, with: String, all: bool },
    Delete(Regex),
    Append(Regex, String),
    Insert(Regex, String),
    Change(Regex, String),
    Clear,
    Keep,
}

/// What one opening of the editor does: operations applied in order.
#[derive(Clone, Debug)]
pub struct Script {
    ops: Vec<Op>,
}

/// `\n` → a line break, `\\` → `\`; other escapes stay as they are.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(' ') => out.push(' '),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits `s` (after an opening delimiter) at unescaped `delim`s; `\delim` is the delimiter
/// itself.
fn split_delimited(s: &str, delim: char, parts: usize) -> Option<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some((_, d)) if d == delim => cur.push(d),
                Some((_, d)) => {
                    cur.push('\\');
                    cur.push(d);
                }
                None => cur.push('\\'),
            }
        } else if c == delim {
            out.push(std::mem::take(&mut cur));
            if out.len() == parts {
                return Some((out, s[i + c.len_utf8()..].to_string()));
            }
        } else {
            cur.push(c);
        }
    }
    None
}

fn regex(re: &str) -> Result<Regex, String> {
    Regex::new(re).map_err(|e| format!("bad regular expression {re:?}: {e}"))
}

impl Script {
    /// Parses the operations of `sim editor OP…`.
    pub fn parse(ops: &[String]) -> Result<Script, String> {
        let mut out = Vec::new();
        for op in ops {
            out.push(Self::parse_op(op)?);
        }
        Ok(Script { ops: out })
    }

    fn parse_op(op: &str) -> Result<Op, String> {
        match op {
            "clear" => return Ok(Op::Clear),
            "keep" => return Ok(Op::Keep),
            _ => {}
        }
        let bad = || format!("sim editor: cannot read the operation {op:?} (s/RE/TEXT/[g], /RE/d, /RE/a TEXT, /RE/i TEXT, /RE/c TEXT, clear, keep)");
        let mut chars = op.chars();
        match chars.next() {
            Some('s') => {
                let delim = chars.next().filter(|c| !c.is_alphanumeric() && *c != '\\' && !c.is_whitespace()).ok_or_else(bad)?;
                let rest = &op[1 + delim.len_utf8()..];
                let (parts, flags) = split_delimited(rest, delim, 2).ok_or_else(bad)?;
                let all = match flags.as_str() {
                    "" => false,
                    "g" => true,
                    _ => return Err(bad()),
                };
                Ok(Op::Substitute { re: regex(&parts[0])?, with: unescape(&parts[1]), all })
            }
            Some(delim) if !delim.is_alphanumeric() && !delim.is_whitespace() && delim != '\\' => {
                let rest = &op[delim.len_utf8()..];
                let (parts, command) = split_delimited(rest, delim, 1).ok_or_else(bad)?;
                let re = regex(&parts[0])?;
                let mut cmd = command.chars();
                let letter = cmd.next().ok_or_else(bad)?;
                let text = cmd.as_str().strip_prefix(' ').unwrap_or(cmd.as_str());
                match letter {
                    'd' if text.is_empty() => Ok(Op::Delete(re)),
                    'a' => Ok(Op::Append(re, unescape(text))),
                    'i' => Ok(Op::Insert(re, unescape(text))),
                    'c' => Ok(Op::Change(re, unescape(text))),
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    /// The buffer after the operations.
    pub fn apply(&self, text: &str) -> String {
        let mut text = text.to_string();
        for op in &self.ops {
            text = match op {
                Op::Clear => String::new(),
                Op::Keep => text,
                _ => Self::per_line(op, &text),
            };
        }
        text
    }

    fn per_line(op: &Op, text: &str) -> String {
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            let (body, nl) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            match op {
                Op::Substitute { re, with, all } => {
                    let replaced = if *all { re.replace_all(body, with.as_str()) } else { re.replace(body, with.as_str()) };
                    out.push_str(&replaced);
                    out.push_str(nl);
                }
                Op::Delete(re) if re.is_match(body) => {}
                Op::Append(re, t) if re.is_match(body) => {
                    out.push_str(body);
                    out.push('\n');
                    out.push_str(t);
                    out.push_str(if nl.is_empty() { "" } else { "\n" });
                }
                Op::Insert(re, t) if re.is_match(body) => {
                    out.push_str(t);
                    out.push('\n');
                    out.push_str(line);
                }
                Op::Change(re, t) if re.is_match(body) => {
                    out.push_str(t);
                    out.push_str(nl);
                }
                _ => out.push_str(line),
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The session's side of an edit
// ---------------------------------------------------------------------------------------------

/// The session's editor state: the front end's editor, the scripted openings queued by
/// `sim editor`, the files shown during the last edit (`sim editor show`), and an edit waiting
/// for an asynchronous editor.
pub(crate) struct Edits {
    pub editor: Box<dyn Editor>,
    pub queue: VecDeque<Script>,
    /// (path, text) of each file the editor was opened with during the last `kubectl edit`.
    pub shown: Vec<(String, String)>,
    pub pending: Option<EditSession>,
    /// How many edits the session started.
    pub started: u32,
}

impl Default for Edits {
    fn default() -> Self {
        Edits { editor: Box::new(Unchanged), queue: VecDeque::new(), shown: Vec::new(), pending: None, started: 0 }
    }
}

impl Edits {
    /// Starts the editing of a new `kubectl edit`.
    pub fn start(&mut self, mut session: EditSession, ctx: &mut Context, out: &mut Output) {
        self.started += 1;
        session.configure(&self.editor.temp_dir(), self.started);
        self.shown.clear();
        self.pending = None;
        self.drive(session, ctx, out);
    }

    /// Runs the edit until it is over or waits for an asynchronous editor.
    pub fn drive(&mut self, mut session: EditSession, ctx: &mut Context, out: &mut Output) {
        loop {
            for path in session.take_removed() {
                self.editor.discard(&path);
            }
            let Some((path, text)) = session.opening().map(|(p, t)| (p.to_string(), t.to_string())) else { return };
            self.shown.push((path.clone(), text.clone()));
            let launch = match self.queue.pop_front() {
                Some(script) => Launch::Saved(script.apply(&text)),
                None => self.editor.edit(&path, &text),
            };
            match launch {
                Launch::Saved(t) => session.saved(ctx, Ok(t), out),
                Launch::Failed(e) => session.saved(ctx, Err(e), out),
                Launch::Pending => {
                    self.pending = Some(session);
                    return;
                }
            }
        }
    }

    /// The file an asynchronous editor should show.
    pub fn pending_edit(&self) -> Option<PendingEdit> {
        let (path, text) = self.pending.as_ref()?.opening()?;
        Some(PendingEdit { path: path.to_string(), text: text.to_string() })
    }

    /// The asynchronous editor saved `text`; the edit goes on.
    pub fn finish(&mut self, text: &str, ctx: &mut Context, out: &mut Output) {
        let Some(mut session) = self.pending.take() else {
            out.error("there is no edit in progress");
            return;
        };
        session.saved(ctx, Ok(text.to_string()), out);
        self.drive(session, ctx, out);
    }

    /// `sim editor …`.
    pub fn sim(&mut self, args: &[String], out: &mut Output) {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] => out.error(format!("usage: {SIM_EDITOR_USAGE}")),
            ["show"] => {
                if self.shown.is_empty() {
                    out.out("(the editor has not been opened)\n");
                }
                for (path, text) in &self.shown {
                    out.out(format!("==> {path} <==\n{text}"));
                    if !text.is_empty() && !text.ends_with('\n') {
                        out.out("\n");
                    }
                }
            }
            ["reset"] => self.queue.clear(),
            _ => match Script::parse(args) {
                Ok(s) => self.queue.push_back(s),
                Err(e) => out.error(e),
            },
        }
    }
}

/// The `sim editor` part of `sim`'s usage.
pub const SIM_EDITOR_USAGE: &str = "sim editor OP... (what the next opening of the editor by kubectl edit does: s/RE/TEXT/[g], /RE/d, /RE/a TEXT, /RE/i TEXT, /RE/c TEXT, clear, keep)\n       sim editor show (the files the editor was opened with by the last kubectl edit) | sim editor reset";

#[cfg(test)]
mod tests {
    use super::*;

    fn script(ops: &[&str]) -> Script {
        Script::parse(&ops.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn operations() {
        let text = "a: 1\nb: 2\nc: 3\n";
        assert_eq!(script(&["s/b: 2/b: 5/"]).apply(text), "a: 1\nb: 5\nc: 3\n");
        assert_eq!(script(&["s|: (\\d)|=$1|g"]).apply(text), "a=1\nb=2\nc=3\n");
        assert_eq!(script(&["/^b/d"]).apply(text), "a: 1\nc: 3\n");
        assert_eq!(script(&["/^a/a   x: y"]).apply(text), "a: 1\n  x: y\nb: 2\nc: 3\n");
        assert_eq!(script(&["/^c/i z: 0\\nw: 1"]).apply(text), "a: 1\nb: 2\nz: 0\nw: 1\nc: 3\n");
        assert_eq!(script(&["/^a/c a: 9"]).apply(text), "a: 9\nb: 2\nc: 3\n");
        assert_eq!(script(&["s/1/one/", "clear"]).apply(text), "");
        assert_eq!(script(&["keep"]).apply(text), text);
        assert_eq!(script(&["s/x\\/y/z/"]).apply("x/y\n"), "z\n");
        assert_eq!(script(&["/^a/a \\ \\ x: y"]).apply("a: 1\n"), "a: 1\n  x: y\n");
    }

    fn session_with_web() -> crate::Session {
        let mut s = crate::Session::new(cluster::ClusterConfig::default());
        let o = s.run("kubectl create deployment web --image=nginx --replicas=2");
        assert_eq!(o.text(), "deployment.apps/web created\n");
        s
    }

    #[test]
    fn an_asynchronous_editor_leaves_the_edit_pending_until_the_text_comes_back() {
        let mut s = session_with_web();
        s.set_editor(Box::new(Deferred));
        let o = s.run("kubectl edit deploy web");
        assert_eq!(o.text(), "");
        let p = s.pending_edit().expect("an edit waits for the editor");
        assert!(p.path.starts_with("/tmp/kubectl-edit-") && p.path.ends_with(".yaml"), "{}", p.path);
        assert!(p.text.starts_with("# Please edit the object below."), "{}", p.text);
        // An invalid edit comes back with the errors on top.
        let o = s.finish_edit(&p.text.replace("replicas: 2", "replicas: -1"));
        assert_eq!(o.text(), "error: deployments.apps \"web\" is invalid\n");
        let again = s.pending_edit().expect("the file is reopened");
        assert!(again.text.contains("# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"), "{}", again.text);
        let o = s.finish_edit(&again.text.replace("replicas: -1", "replicas: 4"));
        assert_eq!((o.text().as_str(), o.status), ("deployment.apps/web edited\n", 0));
        assert!(s.pending_edit().is_none());
        assert_eq!(s.run("kubectl get deploy web -o jsonpath={.spec.replicas}").text(), "4");
        // Saving what was shown is a cancelled edit.
        s.run("kubectl edit deploy web");
        let p = s.pending_edit().unwrap();
        assert_eq!(s.finish_edit(&p.text).text(), "Edit cancelled, no changes made.\n");
        assert_eq!(s.finish_edit("x").text(), "error: there is no edit in progress\n");
    }

    #[test]
    fn scripted_openings_take_precedence_and_show_lists_the_files() {
        let mut s = session_with_web();
        s.set_editor(Box::new(Deferred));
        assert_eq!(s.run("sim editor 's/replicas: 2/replicas: 3/'").text(), "");
        assert_eq!(s.run("kubectl edit deploy web").text(), "deployment.apps/web edited\n");
        assert!(s.pending_edit().is_none());
        let shown = s.run("sim editor show").stdout();
        assert!(shown.starts_with("==> /tmp/kubectl-edit-") && shown.contains("  replicas: 2\n"), "{shown}");
        assert!(s.run("sim editor 's/a/b'").stderr().starts_with("error: sim editor: cannot read the operation"));
        assert!(s.run("sim editor").stderr().starts_with("error: usage: sim editor OP..."));
    }

    #[test]
    fn a_failing_editor_is_kubectls_error() {
        struct Broken;
        impl Editor for Broken {
            fn edit(&mut self, _: &str, _: &str) -> Launch {
                Launch::Failed("there was a problem with the editor \"vi\"".into())
            }
        }
        let mut s = session_with_web();
        s.set_editor(Box::new(Broken));
        let o = s.run("kubectl edit deploy web");
        assert_eq!((o.text().as_str(), o.status), ("error: there was a problem with the editor \"vi\"\n", 1));
    }

    #[test]
    fn bad_operations_are_reported() {
        for bad in ["s/a/b", "s/a/b/q", "/a/", "/a/x", "nope", "s/(/x/"] {
            assert!(Script::parse(&[bad.to_string()]).is_err(), "{bad}");
        }
    }
}
