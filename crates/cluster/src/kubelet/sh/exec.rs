//! The machine that runs compiled code. One [`Job`] per shell process of a container (PID 1
//! and its background jobs); each has a program counter into a code unit, an explicit frame
//! stack (loops, `case`, redirections, subshells, function calls, traps) and a stack of
//! commands being built. Nothing recurses on the script: a job can stop after any instruction
//! (a `sleep`, a blocking read, the step budget) and continue on the next call.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::compile::{compile, Code, Op, SubKind, Tail, WMode};
use super::fs::{normalize, FsError};
use super::parser::{is_name, parse_partial, POp, RKind};
use super::{arith, cmds, pattern, Host, Lines, Signal};
use crate::time::Time;

/// Deepest frame stack (nested loops, calls, subshells) before the job is stopped.
pub const MAX_FRAMES: usize = 500;
/// Longest word or variable value (bytes); longer values are cut.
pub const MAX_VALUE: usize = 1 << 20;
/// Most arguments one command gets.
pub const MAX_ARGS: usize = 100_000;
/// Most output a command substitution or pipeline stage captures (bytes).
pub const MAX_CAPTURE: usize = 1 << 20;
/// Most variables one shell holds.
pub const MAX_VARS: usize = 10_000;
/// Most names one pathname expansion produces.
const MAX_GLOB: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    pub value: String,
    pub exported: bool,
    seq: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opts {
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
    pub pipefail: bool,
}

/// A trap: its text (as `trap` prints it) and compiled action (`None`: ignore the signal).
#[derive(Clone, Debug)]
pub struct Trap {
    pub text: String,
    pub code: Option<Code>,
}

/// What a subshell copies and restores.
#[derive(Clone, Debug)]
pub struct Scope {
    pub vars: Arc<BTreeMap<String, Var>>,
    pub funcs: Arc<BTreeMap<String, Code>>,
    pub args: Arc<Vec<String>>,
    pub arg0: String,
    pub cwd: String,
    pub traps: Arc<BTreeMap<&'static str, Trap>>,
    pub opts: Opts,
}

/// Where a file descriptor points.
#[derive(Clone, Debug, PartialEq)]
pub enum Fd {
    /// The container's stdout / stderr.
    Out,
    Err,
    Null,
    /// A file, appended to on every write.
    File(String),
    /// The capture buffer of the frame at this index.
    Capture(usize),
    /// Text being read, and the read position.
    Input(Arc<str>, usize),
    /// The container's stdin.
    Stdin,
    Closed,
}

pub type Fds = [Fd; 3];

#[derive(Clone, Debug, Default)]
struct Field {
    text: String,
    /// The text as a pattern: quoted characters escaped.
    pat: String,
    glob: bool,
    /// Something (even an empty quoted string) made this a field.
    real: bool,
}

#[derive(Clone, Debug)]
struct Acc {
    mode: WMode,
    fields: Vec<Field>,
    cur: Field,
}

fn clip(s: &str, room: usize) -> &str {
    if s.len() <= room {
        return s;
    }
    let mut end = room;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Acc {
    fn new(mode: WMode) -> Acc {
        Acc { mode, fields: Vec::new(), cur: Field::default() }
    }

    fn push_char(&mut self, c: char, quoted: bool) {
        if self.cur.text.len() >= MAX_VALUE {
            return;
        }
        self.cur.text.push(c);
        if quoted && matches!(c, '*' | '?' | '[' | ']' | '\\') {
            self.cur.pat.push('\\');
        }
        if !quoted && matches!(c, '*' | '?' | '[') {
            self.cur.glob = true;
        }
        self.cur.pat.push(c);
        self.cur.real = true;
    }

    fn push_text(&mut self, s: &str, quoted: bool) {
        let s = clip(s, MAX_VALUE.saturating_sub(self.cur.text.len()));
        if quoted {
            s.chars().for_each(|c| self.push_char(c, true));
        } else {
            self.cur.text.push_str(s);
            self.cur.pat.push_str(s);
            self.cur.glob |= s.contains(['*', '?', '[']);
        }
        self.cur.real = true;
    }

    fn end_field(&mut self) {
        if self.fields.len() < MAX_ARGS {
            let f = std::mem::take(&mut self.cur);
            self.fields.push(f);
        } else {
            self.cur = Field::default();
        }
    }

    /// Appends the result of an expansion: unquoted in an argument, it is split into fields.
    fn expand(&mut self, s: &str, quoted: bool, ifs: &str) {
        if quoted || self.mode != WMode::Fields {
            self.push_text(s, quoted);
            return;
        }
        for c in s.chars() {
            if ifs.contains(c) {
                if !matches!(c, ' ' | '\t' | '\n') || self.cur.real {
                    self.end_field();
                }
            } else {
                self.push_char(c, false);
            }
        }
    }

    fn finish(mut self) -> Vec<Field> {
        if self.mode != WMode::Fields || self.cur.real {
            self.fields.push(self.cur);
        }
        self.fields
    }
}

#[derive(Clone, Debug, Default)]
struct Builder {
    argv: Vec<String>,
    assigns: Vec<(String, String)>,
    redirs: Vec<(u32, RKind, String)>,
    accs: Vec<Acc>,
    /// The status of the last command substitution (the status of a command without words).
    sub_status: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CallKind {
    Func,
    /// `.` and `eval`.
    Source,
    /// A signal trap; `$?` is restored afterwards.
    Trap {
        status: i32,
    },
    /// The EXIT trap; the shell then exits with `code`.
    ExitTrap {
        code: i32,
    },
}

#[derive(Clone, Debug)]
enum Frame {
    Redir(Fds),
    Loop { brk: usize, cont: usize, status: i32, items: Option<Vec<String>>, idx: usize, builders: usize, cond: u32 },
    Case { subject: String },
    Pipe { input: Option<Arc<str>>, status: i32, failed: i32 },
    Sub { kind: SubKind, saved: Scope, fds: Fds, capture: String, ret: (Code, usize), builders: usize, cond: u32, exit_after: bool },
    Call { kind: CallKind, ret: (Code, usize), args: Option<Arc<Vec<String>>>, locals: Vec<(String, Option<Var>)>, builders: usize, cond: u32 },
}

/// What a job waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum Wait {
    None,
    /// Until the clock reaches `at`; then the command ends with `status` (after printing `msg`
    /// on its stderr); `exit_after`: it was `exec`ed, the shell ends with it.
    Until {
        at: Time,
        status: i32,
        msg: Option<String>,
        exit_after: bool,
    },
    /// Forever (only a trapped signal ends it).
    Forever,
    /// `wait`: for background jobs (all, or one pid).
    Jobs(Option<u32>),
    /// An interactive shell at its prompt: for the next line of input.
    Input,
}

/// How a command ended.
pub enum Flow {
    Done(i32),
    /// The shell (or subshell) exits.
    Exit(i32),
    Wait(Wait),
    /// The command moved the program counter (a function, a script, `break`, ...).
    Jumped,
}

/// What reading stdin gave.
pub enum Input {
    Data(String),
    Eof,
    Block,
}

/// What a job's run may touch outside itself.
pub struct Ctx<'a> {
    pub host: &'a mut dyn Host,
    pub lines: &'a mut Lines,
    pub now: Time,
    /// Instructions left in this run.
    pub budget: u64,
    pub spawned: Vec<Job>,
    pub next_pid: u32,
    pub stdin_open: bool,
    /// (pid, command line) of the processes, for `ps`.
    pub procs: Vec<(u32, String)>,
    pub jobs_alive: usize,
    /// Lines typed at an interactive shell, not yet read.
    pub input: &'a mut std::collections::VecDeque<String>,
    /// An interactive shell's unfinished command (a line that needs more lines: `if …; then`).
    pub partial: &'a mut String,
}

/// One shell process.
#[derive(Clone, Debug)]
pub struct Job {
    pub pid: u32,
    pub parent: u32,
    /// The command line (`ps`).
    pub cmd: String,
    code: Code,
    pc: usize,
    frames: Vec<Frame>,
    builders: Vec<Builder>,
    pub scope: Scope,
    pub fds: Fds,
    pub status: i32,
    cond: u32,
    pub wait: Wait,
    pub exit: Option<i32>,
    pending_exit: Option<i32>,
    pub last_bg: Option<u32>,
    seq: u64,
    /// Assignments in front of the running command (its extra environment).
    pub tmp_env: Vec<(String, String)>,
    /// `env -i`: the running command's environment is `tmp_env` alone.
    pub env_only: bool,
    /// Bytes copied by the current instruction (charged to the step budget).
    work: usize,
    /// Give the other jobs a turn before going on.
    yield_now: bool,
}

fn is_special_builtin(name: &str) -> bool {
    matches!(
        name,
        ":" | "." | "break" | "continue" | "eval" | "exec" | "exit" | "export" | "readonly" | "return" | "set" | "shift" | "trap" | "unset"
    )
}

fn join_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else if prefix.ends_with('/') {
        format!("{prefix}{name}")
    } else {
        format!("{prefix}/{name}")
    }
}

impl arith::Vars for Job {
    fn get(&self, name: &str) -> Option<String> {
        Job::get(self, name)
    }
    fn set(&mut self, name: &str, value: String) {
        self.set_var(name, value);
    }
}

impl Job {
    /// A job that runs `code` with the given environment (all exported).
    pub fn new(pid: u32, cmd: String, code: Code, env: Vec<(String, String)>) -> Job {
        let mut j = Job {
            pid,
            parent: 0,
            cmd,
            code,
            pc: 0,
            frames: Vec::new(),
            builders: Vec::new(),
            scope: Scope {
                vars: Arc::default(),
                funcs: Arc::default(),
                args: Arc::default(),
                arg0: "sh".into(),
                cwd: "/".into(),
                traps: Arc::default(),
                opts: Opts::default(),
            },
            fds: [Fd::Stdin, Fd::Out, Fd::Err],
            status: 0,
            cond: 0,
            wait: Wait::None,
            exit: None,
            pending_exit: None,
            last_bg: None,
            seq: 0,
            tmp_env: Vec::new(),
            env_only: false,
            work: 0,
            yield_now: false,
        };
        for (k, v) in env {
            if is_name(&k) {
                j.set_var(&k, v);
                j.export(&k);
            }
        }
        if let Some(pwd) = j.get("PWD").filter(|p| p.starts_with('/')) {
            j.scope.cwd = normalize("/", &pwd);
        }
        j
    }

    // ---- variables ----

    pub fn get(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.status.to_string()),
            "$" => Some("1".into()),
            "#" => Some(self.scope.args.len().to_string()),
            "!" => self.last_bg.map(|p| p.to_string()),
            "@" | "*" => Some(self.scope.args.join(" ")),
            "0" => Some(self.scope.arg0.clone()),
            "-" => {
                let o = &self.scope.opts;
                let mut s = String::new();
                for (on, c) in [(o.errexit, 'e'), (o.nounset, 'u'), (o.xtrace, 'x')] {
                    if on {
                        s.push(c);
                    }
                }
                Some(s)
            }
            n if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                self.scope.args.get(i.checked_sub(1)?).cloned()
            }
            n => self.scope.vars.get(n).map(|v| v.value.clone()),
        }
    }

    pub fn set_var(&mut self, name: &str, value: String) {
        self.work += value.len();
        let value = if value.len() > MAX_VALUE { clip(&value, MAX_VALUE).to_string() } else { value };
        let vars = Arc::make_mut(&mut self.scope.vars);
        if let Some(v) = vars.get_mut(name) {
            v.value = value;
            return;
        }
        if vars.len() >= MAX_VARS {
            return;
        }
        self.seq += 1;
        vars.insert(name.to_string(), Var { value, exported: false, seq: self.seq });
    }

    pub fn export(&mut self, name: &str) {
        if !self.scope.vars.contains_key(name) {
            self.set_var(name, String::new());
        }
        if let Some(v) = Arc::make_mut(&mut self.scope.vars).get_mut(name) {
            v.exported = true;
        }
    }

    pub fn unset(&mut self, name: &str) {
        Arc::make_mut(&mut self.scope.vars).remove(name);
    }

    /// The environment a command gets: exported variables in the order they were created, then
    /// the assignments in front of the command.
    pub fn env(&self) -> Vec<(String, String)> {
        if self.env_only {
            return self.tmp_env.clone();
        }
        let mut vars: Vec<(&String, &Var)> = self.scope.vars.iter().filter(|(_, v)| v.exported).collect();
        vars.sort_by_key(|(_, v)| v.seq);
        let mut out: Vec<(String, String)> = vars.into_iter().map(|(k, v)| (k.clone(), v.value.clone())).collect();
        for (k, v) in &self.tmp_env {
            match out.iter_mut().find(|(n, _)| n == k) {
                Some(e) => e.1 = v.clone(),
                None => out.push((k.clone(), v.clone())),
            }
        }
        out
    }

    fn ifs(&self) -> String {
        self.scope.vars.get("IFS").map_or_else(|| " \t\n".to_string(), |v| v.value.clone())
    }

    /// Declares `name` local to the innermost function call (`local`).
    pub fn make_local(&mut self, name: &str) -> bool {
        let old = self.scope.vars.get(name).cloned();
        for f in self.frames.iter_mut().rev() {
            match f {
                Frame::Call { kind: CallKind::Func, locals, .. } => {
                    if !locals.iter().any(|(n, _)| n == name) {
                        locals.push((name.to_string(), old));
                    }
                    return true;
                }
                Frame::Sub { .. } => break,
                _ => {}
            }
        }
        false
    }

    // ---- output and input ----

    /// Writes to a file descriptor.
    pub fn write(&mut self, ctx: &mut Ctx, fd: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        ctx.budget = ctx.budget.saturating_sub(text.len() as u64 / 256);
        match self.fds.get(fd) {
            Some(Fd::Out) => ctx.lines.write(&mut *ctx.host, false, text),
            Some(Fd::Err) => ctx.lines.write(&mut *ctx.host, true, text),
            Some(Fd::File(p)) => {
                let p = p.clone();
                let _ = ctx.host.fs().write(&p, text, true);
            }
            Some(Fd::Capture(i)) => {
                let i = *i;
                if let Some(Frame::Sub { capture, .. }) = self.frames.get_mut(i) {
                    let room = MAX_CAPTURE.saturating_sub(capture.len());
                    capture.push_str(clip(text, room));
                }
            }
            _ => {}
        }
    }

    pub fn out(&mut self, ctx: &mut Ctx, text: &str) {
        self.write(ctx, 1, text)
    }

    /// A line on stderr.
    pub fn errln(&mut self, ctx: &mut Ctx, msg: &str) {
        self.write(ctx, 2, &format!("{msg}\n"))
    }

    /// All of stdin that is left.
    pub fn read_all(&mut self, ctx: &Ctx) -> Input {
        match &mut self.fds[0] {
            Fd::Input(data, pos) => {
                let s = data[*pos..].to_string();
                *pos = data.len();
                Input::Data(s)
            }
            Fd::Stdin if ctx.stdin_open => Input::Block,
            _ => Input::Eof,
        }
    }

    /// One line of stdin, with its newline if it had one.
    pub fn read_line(&mut self, ctx: &Ctx) -> Input {
        match &mut self.fds[0] {
            Fd::Input(data, pos) => {
                if *pos >= data.len() {
                    return Input::Eof;
                }
                let rest = &data[*pos..];
                let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                let line = rest[..end].to_string();
                *pos += end;
                Input::Data(line)
            }
            Fd::Stdin if ctx.stdin_open => Input::Block,
            _ => Input::Eof,
        }
    }

    // ---- running ----

    /// Runs until the job waits, exits or the budget is spent.
    pub fn run(&mut self, ctx: &mut Ctx) {
        self.yield_now = false;
        while self.exit.is_none() && self.wait == Wait::None && ctx.budget > 0 && !self.yield_now {
            ctx.budget -= 1;
            if let Some(s) = self.pending_exit.take() {
                self.exit_scope(ctx, s);
                continue;
            }
            self.step(ctx);
            // Copying a kilobyte costs about as much as sixteen instructions.
            ctx.budget = ctx.budget.saturating_sub((std::mem::take(&mut self.work) / 64) as u64);
        }
    }

    /// The wait is over (its time came, or the jobs it waited for ended with `status`).
    pub fn wake(&mut self, ctx: &mut Ctx, status: i32) {
        match std::mem::replace(&mut self.wait, Wait::None) {
            Wait::Until { status, msg, exit_after, .. } => {
                if let Some(m) = msg {
                    self.errln(ctx, &m);
                }
                if exit_after {
                    self.status = status;
                    self.pending_exit = Some(status);
                } else {
                    self.complete(status);
                }
            }
            Wait::Jobs(_) => self.complete(status),
            w => self.wait = w,
        }
    }

    /// A signal arrived: runs its trap, interrupting a wait. Without a trap, the shell (as
    /// PID 1) ignores it.
    pub fn deliver(&mut self, sig: Signal) {
        if self.exit.is_some() {
            return;
        }
        let Some(code) = self.scope.traps.get(sig.name()).and_then(|t| t.code.clone()) else { return };
        if self.wait != Wait::None {
            self.wait = Wait::None;
            self.status = 128 + sig.number();
        }
        self.frames.push(Frame::Call {
            kind: CallKind::Trap { status: self.status },
            ret: (self.code.clone(), self.pc),
            args: None,
            locals: Vec::new(),
            builders: self.builders.len(),
            cond: self.cond,
        });
        self.code = code;
        self.pc = 0;
    }

    /// A command ended with `status`: `$?`, and `set -e`.
    fn complete(&mut self, status: i32) {
        self.status = status;
        if status != 0 && self.cond == 0 && self.scope.opts.errexit {
            self.pending_exit = Some(status);
        }
    }

    fn top_acc(&mut self) -> Option<&mut Acc> {
        self.builders.last_mut().and_then(|b| b.accs.last_mut())
    }

    fn pop_acc(&mut self) -> Option<Acc> {
        self.builders.last_mut().and_then(|b| b.accs.pop())
    }

    fn expand(&mut self, text: &str, quoted: bool) {
        self.work += text.len();
        let ifs = if quoted { String::new() } else { self.ifs() };
        if let Some(a) = self.top_acc() {
            a.expand(text, quoted, &ifs);
        }
    }

    fn step(&mut self, ctx: &mut Ctx) {
        if self.frames.len() > MAX_FRAMES || self.builders.len() > MAX_FRAMES {
            self.frames.clear();
            self.builders.clear();
            self.fds = [Fd::Null, Fd::Out, Fd::Err];
            self.errln(ctx, "sh: recursion too deep");
            self.exit = Some(2);
            return;
        }
        let code = self.code.clone();
        let Some(op) = code.get(self.pc) else {
            self.exit_scope(ctx, self.status);
            return;
        };
        self.pc += 1;
        match op {
            Op::Begin => self.builders.push(Builder::default()),
            Op::Word(mode) => {
                if let Some(b) = self.builders.last_mut() {
                    b.accs.push(Acc::new(*mode));
                }
            }
            Op::Lit(s) => {
                if let Some(a) = self.top_acc() {
                    a.push_text(s, false);
                }
            }
            Op::QLit(s) => {
                if let Some(a) = self.top_acc() {
                    a.push_text(s, true);
                }
            }
            Op::Tilde => {
                let home = self.get("HOME").unwrap_or_else(|| "/root".into());
                if let Some(a) = self.top_acc() {
                    a.push_text(&home, true);
                }
            }
            Op::Param { name, len, quoted } => self.param(ctx, name, *len, *quoted),
            Op::ParamBegin { name, op, colon, quoted, skip } => {
                let val = self.get(name);
                let set = val.as_ref().is_some_and(|v| !(*colon && v.is_empty()));
                let need = match op {
                    POp::Default | POp::Assign | POp::Error => !set,
                    POp::Alt => set,
                    _ => true,
                };
                if need {
                    if let Some(b) = self.builders.last_mut() {
                        b.accs.push(Acc::new(WMode::Single));
                    }
                } else {
                    let v = if *op == POp::Alt { String::new() } else { val.unwrap_or_default() };
                    self.expand(&v, *quoted);
                    self.pc = *skip as usize;
                }
            }
            Op::ParamEnd { name, op, quoted } => {
                let field = self.pop_acc().map(|a| a.finish().into_iter().next().unwrap_or_default()).unwrap_or_default();
                let val = self.get(name).unwrap_or_default();
                let result = match op {
                    POp::Assign => {
                        if is_name(name) {
                            self.set_var(name, field.text.clone());
                        } else {
                            self.errln(ctx, &format!("sh: ${name}: can't assign"));
                            self.exit_scope(ctx, 2);
                            return;
                        }
                        field.text
                    }
                    POp::Error => {
                        let msg = if field.text.is_empty() { "parameter not set".to_string() } else { field.text };
                        self.errln(ctx, &format!("sh: {name}: {msg}"));
                        self.exit_scope(ctx, 2);
                        return;
                    }
                    POp::TrimPre => pattern::trim(&val, &field.pat, false, false),
                    POp::TrimPreLong => pattern::trim(&val, &field.pat, false, true),
                    POp::TrimSuf => pattern::trim(&val, &field.pat, true, false),
                    POp::TrimSufLong => pattern::trim(&val, &field.pat, true, true),
                    _ => field.text,
                };
                self.expand(&result, *quoted);
            }
            Op::SubWord => {
                if let Some(b) = self.builders.last_mut() {
                    b.accs.push(Acc::new(WMode::Single));
                }
            }
            Op::ArithEnd { quoted } => {
                let text = self.pop_acc().map(|a| a.finish().into_iter().next().unwrap_or_default().text).unwrap_or_default();
                match arith::eval(&text, self) {
                    Ok(v) => self.expand(&v.to_string(), *quoted),
                    Err(e) => {
                        self.errln(ctx, &format!("sh: {e}"));
                        self.exit_scope(ctx, 2);
                    }
                }
            }
            Op::Arg => {
                if let Some(acc) = self.pop_acc() {
                    let words = self.finish_word(ctx, acc);
                    if let Some(b) = self.builders.last_mut() {
                        let room = MAX_ARGS.saturating_sub(b.argv.len());
                        b.argv.extend(words.into_iter().take(room));
                    }
                }
            }
            Op::Assign(name) => {
                let text = self.pop_acc().map(|a| a.finish().into_iter().next().unwrap_or_default().text).unwrap_or_default();
                if let Some(b) = self.builders.last_mut() {
                    b.assigns.push((name.to_string(), text));
                }
            }
            Op::Redir { fd, kind } => {
                let text = self.pop_acc().map(|a| a.finish().into_iter().next().unwrap_or_default().text).unwrap_or_default();
                if let Some(b) = self.builders.last_mut() {
                    b.redirs.push((*fd, *kind, text));
                }
            }
            Op::Exec => self.exec(ctx),
            Op::PushRedir { end } => {
                let b = self.builders.pop().unwrap_or_default();
                self.frames.push(Frame::Redir(self.fds.clone()));
                if let Err(m) = self.apply_redirs(ctx, &b.redirs) {
                    self.errln(ctx, &m);
                    self.complete(1);
                    self.pc = *end as usize;
                }
            }
            Op::PopRedir => {
                if let Some(Frame::Redir(fds)) = self.frames.last() {
                    self.fds = fds.clone();
                    self.frames.pop();
                }
            }
            Op::Jump(t) => self.pc = *t as usize,
            Op::JumpIf { on_success, to } => {
                if (self.status == 0) == *on_success {
                    self.pc = *to as usize;
                }
            }
            Op::Not => self.status = i32::from(self.status == 0),
            Op::Cond(enter) => {
                if *enter {
                    self.cond += 1;
                } else {
                    self.cond = self.cond.saturating_sub(1);
                }
            }
            Op::Status(s) => self.status = *s,
            Op::LoopEnter { brk, cont } => self.frames.push(Frame::Loop {
                brk: *brk as usize,
                cont: *cont as usize,
                status: 0,
                items: None,
                idx: 0,
                builders: self.builders.len(),
                cond: self.cond,
            }),
            Op::ForEnter { brk, cont, positional } => {
                let b = self.builders.pop().unwrap_or_default();
                let items = if *positional { self.scope.args.to_vec() } else { b.argv };
                self.frames.push(Frame::Loop {
                    brk: *brk as usize,
                    cont: *cont as usize,
                    status: 0,
                    items: Some(items),
                    idx: 0,
                    builders: self.builders.len(),
                    cond: self.cond,
                });
            }
            Op::ForNext { var, end } => {
                let next = match self.frames.last_mut() {
                    Some(Frame::Loop { items: Some(items), idx, .. }) if *idx < items.len() => {
                        *idx += 1;
                        Some(std::mem::take(&mut items[*idx - 1]))
                    }
                    _ => None,
                };
                match next {
                    Some(v) => self.set_var(var, v),
                    None => self.pc = *end as usize,
                }
            }
            Op::LoopBody => {
                let s = self.status;
                if let Some(Frame::Loop { status, .. }) = self.frames.last_mut() {
                    *status = s;
                }
            }
            Op::LoopExit => {
                if let Some(Frame::Loop { status, .. }) = self.frames.last() {
                    self.status = *status;
                    self.frames.pop();
                }
            }
            Op::CaseEnter => {
                let b = self.builders.pop().unwrap_or_default();
                let subject = b.argv.into_iter().next().unwrap_or_default();
                self.frames.push(Frame::Case { subject });
            }
            Op::CaseTest { to } => {
                let b = self.builders.pop().unwrap_or_default();
                let pat = b.argv.into_iter().next().unwrap_or_default();
                if let Some(Frame::Case { subject }) = self.frames.last() {
                    if pattern::pmatch(&pat, subject) {
                        self.pc = *to as usize;
                    }
                }
            }
            Op::CaseExit => {
                if let Some(Frame::Case { .. }) = self.frames.last() {
                    self.frames.pop();
                }
            }
            Op::SubBegin { end, kind } => self.sub_begin(*end as usize, *kind),
            Op::SubEnd | Op::End => self.exit_scope(ctx, self.status),
            Op::PipeBegin => self.frames.push(Frame::Pipe { input: None, status: 0, failed: 0 }),
            Op::PipeEnd { bang } => {
                if let Some(Frame::Pipe { status, failed, .. }) = self.frames.last() {
                    let s = if self.scope.opts.pipefail && *failed != 0 { *failed } else { *status };
                    self.frames.pop();
                    if *bang {
                        self.status = i32::from(s == 0);
                    } else {
                        self.complete(s);
                    }
                }
            }
            Op::DefFunc { name, body } => {
                Arc::make_mut(&mut self.scope.funcs).insert(name.to_string(), body.clone());
                self.status = 0;
            }
            Op::Background { body, text } => self.spawn_background(ctx, body.clone(), text),
            Op::SyntaxError(msg) => {
                self.errln(ctx, &format!("sh: {msg}"));
                self.exit_scope(ctx, 2);
            }
            Op::Ret => self.ret_op(),
            Op::Prompt => {
                self.pc -= 1;
                match ctx.input.pop_front() {
                    Some(line) => self.interactive_line(ctx, line),
                    None => self.wait = Wait::Input,
                }
            }
        }
    }

    /// A line typed at an interactive shell: runs it in the shell (as `eval` would, so `cd`,
    /// variables and `exit` act on the shell), unless it does not parse: a syntax error is
    /// printed and nothing runs; an unfinished command waits for more lines.
    fn interactive_line(&mut self, ctx: &mut Ctx, line: String) {
        let text = if ctx.partial.is_empty() { line } else { format!("{}\n{line}", std::mem::take(ctx.partial)) };
        let (_, err) = parse_partial(&text);
        match err {
            Some(e) if e.contains("end of file") || e.contains("unterminated") => *ctx.partial = text,
            Some(e) => {
                self.errln(ctx, &format!("{}: {e}", self.scope.arg0));
                self.status = 2;
            }
            None if text.trim().is_empty() => {}
            None => {
                self.source(&text);
            }
        }
    }

    fn param(&mut self, ctx: &mut Ctx, name: &str, len: bool, quoted: bool) {
        if (name == "@" || name == "*") && !len {
            let args = self.scope.args.clone();
            let fields = self.top_acc().is_some_and(|a| a.mode == WMode::Fields);
            if name == "@" && quoted && fields {
                if let Some(a) = self.top_acc() {
                    for (i, v) in args.iter().enumerate() {
                        if i > 0 {
                            a.end_field();
                        }
                        a.push_text(v, true);
                    }
                }
                return;
            }
            let sep = if quoted && name == "*" { self.ifs().chars().next().map(String::from).unwrap_or_default() } else { " ".into() };
            let joined = args.join(&sep);
            self.expand(&joined, quoted);
            return;
        }
        let v = match self.get(name) {
            Some(v) => v,
            None if self.scope.opts.nounset && name != "!" => {
                self.errln(ctx, &format!("sh: {name}: parameter not set"));
                self.exit_scope(ctx, 2);
                return;
            }
            None => String::new(),
        };
        let v = if len { v.chars().count().to_string() } else { v };
        self.expand(&v, quoted);
    }

    fn finish_word(&mut self, ctx: &mut Ctx, acc: Acc) -> Vec<String> {
        let mode = acc.mode;
        let fields = acc.finish();
        match mode {
            WMode::Single => vec![fields.into_iter().next().map(|f| f.text).unwrap_or_default()],
            WMode::Pattern => vec![fields.into_iter().next().map(|f| f.pat).unwrap_or_default()],
            WMode::Fields => {
                let mut out = Vec::new();
                for f in fields {
                    if f.glob && pattern::has_glob(&f.pat) {
                        let m = self.glob(ctx, &f.pat);
                        if !m.is_empty() {
                            out.extend(m);
                            continue;
                        }
                    }
                    out.push(f.text);
                }
                out
            }
        }
    }

    /// Pathname expansion against the container's filesystem.
    fn glob(&mut self, ctx: &mut Ctx, pat: &str) -> Vec<String> {
        let fs = ctx.host.fs();
        let cwd = &self.scope.cwd;
        let comps: Vec<&str> = pat.split('/').filter(|c| !c.is_empty()).collect();
        let mut cur = vec![if pat.starts_with('/') { "/".to_string() } else { String::new() }];
        for (k, comp) in comps.iter().enumerate() {
            let last = k + 1 == comps.len();
            let mut next = Vec::new();
            for prefix in &cur {
                let dir = normalize(cwd, if prefix.is_empty() { "." } else { prefix });
                if pattern::has_glob(comp) {
                    let Ok(entries) = fs.list(&dir) else { continue };
                    let pc: Vec<char> = comp.chars().collect();
                    for (name, is_dir) in entries {
                        if (name.starts_with('.') && !comp.starts_with('.')) || !(last || is_dir) {
                            continue;
                        }
                        let nc: Vec<char> = name.chars().collect();
                        if pattern::pmatch_chars(&pc, &nc) {
                            next.push(join_path(prefix, &name));
                        }
                    }
                } else {
                    let cand = join_path(prefix, &pattern::unescape(comp));
                    let p = normalize(cwd, &cand);
                    if fs.is_dir(&p) || (last && fs.exists(&p)) {
                        next.push(cand);
                    }
                }
                if next.len() > MAX_GLOB {
                    break;
                }
            }
            cur = next;
            if cur.is_empty() {
                break;
            }
        }
        cur.sort();
        cur.truncate(MAX_GLOB);
        cur
    }

    // ---- redirections ----

    fn apply_redirs(&mut self, ctx: &mut Ctx, redirs: &[(u32, RKind, String)]) -> Result<(), String> {
        for (fd, kind, target) in redirs {
            let fd = *fd as usize;
            let path = normalize(&self.scope.cwd, target);
            let new = match kind {
                RKind::Out | RKind::Append | RKind::OutErr => match target.as_str() {
                    "/dev/null" => Fd::Null,
                    "/dev/stdout" => self.fds[1].clone(),
                    "/dev/stderr" => self.fds[2].clone(),
                    _ => {
                        let r = if target.is_empty() { Err(FsError::NotFound) } else { ctx.host.fs().write(&path, "", *kind == RKind::Append) };
                        if let Err(e) = r {
                            let why = if e == FsError::NotFound { "nonexistent directory" } else { e.text() };
                            return Err(format!("sh: can't create {target}: {why}"));
                        }
                        Fd::File(path)
                    }
                },
                RKind::In | RKind::ReadWrite => match target.as_str() {
                    "/dev/null" | "/dev/zero" => Fd::Null,
                    "/dev/stdin" => self.fds[0].clone(),
                    _ => {
                        let fs = ctx.host.fs();
                        if *kind == RKind::ReadWrite && !fs.exists(&path) {
                            let _ = fs.write(&path, "", true);
                        }
                        match fs.read(&path) {
                            Ok(data) => Fd::Input(Arc::from(data), 0),
                            Err(e) => {
                                let why = if e == FsError::NotFound { "no such file" } else { e.text() };
                                return Err(format!("sh: can't open {target}: {why}"));
                            }
                        }
                    }
                },
                RKind::Dup => match target.as_str() {
                    "-" => Fd::Closed,
                    "0" | "1" | "2" => self.fds[target.parse::<usize>().unwrap_or(0)].clone(),
                    t if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && t.len() < 4 => Fd::Null,
                    _ => return Err(format!("sh: {target}: bad file descriptor")),
                },
                RKind::HereDoc => Fd::Input(Arc::from(target.as_str()), 0),
            };
            if *kind == RKind::OutErr {
                self.fds[1] = new.clone();
                self.fds[2] = new;
            } else if fd < 3 {
                self.fds[fd] = new;
            }
        }
        Ok(())
    }

    // ---- commands ----

    fn exec(&mut self, ctx: &mut Ctx) {
        let Some(b) = self.builders.pop() else { return };
        if self.scope.opts.xtrace && !(b.argv.is_empty() && b.assigns.is_empty()) {
            let mut t = String::from("+");
            for (k, v) in &b.assigns {
                t.push_str(&format!(" {k}={v}"));
            }
            for a in &b.argv {
                t.push(' ');
                t.push_str(a);
            }
            self.errln(ctx, &t);
        }
        if !b.redirs.is_empty() {
            self.frames.push(Frame::Redir(self.fds.clone()));
            if let Err(m) = self.apply_redirs(ctx, &b.redirs) {
                self.errln(ctx, &m);
                self.complete(1);
                return;
            }
        }
        if b.argv.is_empty() {
            for (k, v) in b.assigns {
                self.set_var(&k, v);
            }
            self.complete(b.sub_status.unwrap_or(0));
            return;
        }
        if b.argv.len() == 1 && b.argv[0] == "exec" {
            // `exec >file`: the redirections stay.
            if let Some(Frame::Redir(saved)) = self.frames.last_mut() {
                if !b.redirs.is_empty() {
                    *saved = self.fds.clone();
                }
            }
            self.complete(0);
            return;
        }
        self.run_command(ctx, b.argv, b.assigns, false);
    }

    /// Runs a command: a function, a builtin or a utility. `exec`: the shell ends with it.
    pub fn run_command(&mut self, ctx: &mut Ctx, argv: Vec<String>, assigns: Vec<(String, String)>, exec: bool) {
        let name = argv[0].as_str();
        if is_special_builtin(name) && name != "exec" {
            for (k, v) in assigns {
                self.set_var(&k, v);
            }
        } else {
            if !exec {
                if let Some(body) = self.scope.funcs.get(name).cloned() {
                    let mut locals = Vec::new();
                    for (k, v) in assigns {
                        locals.push((k.clone(), self.scope.vars.get(&k).cloned()));
                        self.set_var(&k, v);
                    }
                    let args = std::mem::replace(&mut self.scope.args, Arc::new(argv[1..].to_vec()));
                    self.frames.push(Frame::Call {
                        kind: CallKind::Func,
                        ret: (self.code.clone(), self.pc),
                        args: Some(args),
                        locals,
                        builders: self.builders.len(),
                        cond: self.cond,
                    });
                    self.code = body;
                    self.pc = 0;
                    return;
                }
            }
            self.tmp_env = assigns;
        }
        let flow = cmds::run(self, ctx, &argv, exec);
        self.tmp_env.clear();
        match flow {
            Flow::Done(s) if exec => {
                self.status = s;
                self.pending_exit = Some(s);
            }
            Flow::Done(s) => self.complete(s),
            Flow::Exit(s) => self.exit_scope(ctx, s),
            Flow::Wait(mut w) => {
                if let Wait::Until { exit_after, .. } = &mut w {
                    *exit_after = exec;
                }
                self.wait = w;
            }
            Flow::Jumped => {}
        }
    }

    fn sub_begin(&mut self, end: usize, kind: SubKind) {
        let idx = self.frames.len();
        let mut fds = self.fds.clone();
        match kind {
            SubKind::CmdSub { .. } => fds[1] = Fd::Capture(idx),
            SubKind::Stage { last } => {
                if let Some(Frame::Pipe { input, .. }) = self.frames.last_mut() {
                    if let Some(data) = input.take() {
                        fds[0] = Fd::Input(data, 0);
                    }
                }
                if !last {
                    fds[1] = Fd::Capture(idx);
                }
            }
            _ => {}
        }
        let saved_fds = std::mem::replace(&mut self.fds, fds);
        self.frames.push(Frame::Sub {
            kind,
            saved: self.scope.clone(),
            fds: saved_fds,
            capture: String::new(),
            ret: (self.code.clone(), end + 1),
            builders: self.builders.len(),
            cond: self.cond,
            exit_after: false,
        });
    }

    /// Runs a script as a child shell (`sh -c`, `sh FILE`): a fresh scope with the exported
    /// variables; `exec`: the shell ends when it does.
    pub fn start_script(&mut self, src: &str, arg0: String, args: Vec<String>, opts: Opts, exec: bool) -> Flow {
        let (cmds, err) = parse_partial(src);
        let code = compile(&cmds, err, Tail::End);
        let mut env = self.env();
        let level = env.iter().find(|(k, _)| k == "SHLVL").and_then(|(_, v)| v.parse::<u32>().ok()).unwrap_or(0);
        env.retain(|(k, _)| k != "SHLVL");
        env.push(("SHLVL".into(), (level + 1).to_string()));
        if !env.iter().any(|(k, _)| k == "PWD") {
            env.push(("PWD".into(), self.scope.cwd.clone()));
        }
        let saved = self.scope.clone();
        let mut vars = BTreeMap::new();
        for (k, v) in env {
            self.seq += 1;
            vars.insert(k, Var { value: v, exported: true, seq: self.seq });
        }
        self.frames.push(Frame::Sub {
            kind: SubKind::Script,
            saved,
            fds: self.fds.clone(),
            capture: String::new(),
            ret: (self.code.clone(), self.pc),
            builders: self.builders.len(),
            cond: self.cond,
            exit_after: exec,
        });
        self.scope = Scope {
            vars: Arc::new(vars),
            funcs: Arc::default(),
            args: Arc::new(args),
            arg0,
            cwd: self.scope.cwd.clone(),
            traps: Arc::default(),
            opts,
        };
        self.cond = 0;
        self.code = code;
        self.pc = 0;
        Flow::Jumped
    }

    /// Runs text in the current shell (`eval`, `.`).
    pub fn source(&mut self, src: &str) -> Flow {
        let (cmds, err) = parse_partial(src);
        let code = compile(&cmds, err, Tail::Ret);
        self.frames.push(Frame::Call {
            kind: CallKind::Source,
            ret: (self.code.clone(), self.pc),
            args: None,
            locals: Vec::new(),
            builders: self.builders.len(),
            cond: self.cond,
        });
        self.code = code;
        self.pc = 0;
        Flow::Jumped
    }

    fn spawn_background(&mut self, ctx: &mut Ctx, body: Code, text: &str) {
        if ctx.jobs_alive + ctx.spawned.len() >= super::MAX_JOBS {
            if !ctx.spawned.is_empty() {
                // Let the jobs just started run (and perhaps end) first, then try again.
                self.pc -= 1;
                self.yield_now = true;
                return;
            }
            self.errln(ctx, "sh: can't fork: Resource temporarily unavailable");
            self.pending_exit = Some(2);
            return;
        }
        let pid = ctx.next_pid;
        ctx.next_pid += 1;
        let mut fds = self.fds.clone();
        for (i, fd) in fds.iter_mut().enumerate() {
            match fd {
                Fd::Capture(_) => *fd = Fd::Null,
                Fd::Stdin if i == 0 => *fd = Fd::Null,
                _ => {}
            }
        }
        let mut scope = self.scope.clone();
        scope.traps = Arc::default();
        let job = Job {
            pid,
            parent: self.pid,
            cmd: text.to_string(),
            code: body,
            pc: 0,
            frames: Vec::new(),
            builders: Vec::new(),
            scope,
            fds,
            status: self.status,
            cond: 0,
            wait: Wait::None,
            exit: None,
            pending_exit: None,
            last_bg: None,
            seq: self.seq,
            tmp_env: Vec::new(),
            env_only: false,
            work: 0,
            yield_now: false,
        };
        ctx.spawned.push(job);
        self.last_bg = Some(pid);
        self.status = 0;
    }

    // ---- leaving scopes ----

    fn restore_call(&mut self, args: Option<Arc<Vec<String>>>, locals: Vec<(String, Option<Var>)>) {
        if let Some(a) = args {
            self.scope.args = a;
        }
        if !locals.is_empty() {
            let vars = Arc::make_mut(&mut self.scope.vars);
            for (k, old) in locals.into_iter().rev() {
                match old {
                    Some(v) => {
                        vars.insert(k, v);
                    }
                    None => {
                        vars.remove(&k);
                    }
                }
            }
        }
    }

    fn ret_op(&mut self) {
        match self.frames.pop() {
            Some(Frame::Call { kind, ret, args, locals, builders, cond }) => {
                self.restore_call(args, locals);
                self.builders.truncate(builders);
                self.cond = cond;
                self.code = ret.0;
                self.pc = ret.1;
                match kind {
                    CallKind::Func => self.complete(self.status),
                    CallKind::Source => {}
                    CallKind::Trap { status } => self.status = status,
                    CallKind::ExitTrap { code } => self.pending_exit = Some(code),
                }
            }
            Some(other) => {
                self.frames.push(other);
                self.pending_exit = Some(self.status);
            }
            None => self.pending_exit = Some(self.status),
        }
    }

    /// `return N`: leaves the innermost function (or sourced text).
    pub fn do_return(&mut self, status: i32) -> Flow {
        let target = self.frames.iter().rposition(|f| matches!(f, Frame::Call { kind: CallKind::Func | CallKind::Source, .. } | Frame::Sub { .. }));
        match target.map(|t| (t, &self.frames[t])) {
            Some((t, Frame::Call { .. })) => {
                while self.frames.len() > t + 1 {
                    if let Some(Frame::Redir(fds)) = self.frames.pop() {
                        self.fds = fds;
                    }
                }
                self.status = status;
                self.ret_op();
                Flow::Jumped
            }
            _ => Flow::Exit(status),
        }
    }

    /// `break N` / `continue N`.
    pub fn do_break(&mut self, n: usize, cont: bool) -> Flow {
        let mut count = 0;
        let mut target = None;
        for (i, f) in self.frames.iter().enumerate().rev() {
            match f {
                Frame::Loop { .. } => {
                    count += 1;
                    target = Some(i);
                    if count == n {
                        break;
                    }
                }
                Frame::Sub { .. } | Frame::Call { .. } => break,
                _ => {}
            }
        }
        let Some(t) = target else { return Flow::Done(0) };
        while self.frames.len() > t + 1 {
            if let Some(Frame::Redir(fds)) = self.frames.pop() {
                self.fds = fds;
            }
        }
        if let Some(Frame::Loop { brk, cont: c, status, builders, cond, .. }) = self.frames.last_mut() {
            self.builders.truncate(*builders);
            self.cond = *cond;
            if cont {
                self.pc = *c;
            } else {
                *status = 0;
                self.pc = *brk;
            }
        }
        self.status = 0;
        Flow::Jumped
    }

    /// Starts the EXIT trap if one is set (and forgets it).
    fn run_exit_trap(&mut self, status: i32) -> bool {
        let Some(trap) = Arc::make_mut(&mut self.scope.traps).remove("EXIT") else { return false };
        let Some(code) = trap.code else { return false };
        self.frames.push(Frame::Call {
            kind: CallKind::ExitTrap { code: status },
            ret: (self.code.clone(), self.pc),
            args: None,
            locals: Vec::new(),
            builders: self.builders.len(),
            cond: 0,
        });
        self.code = code;
        self.pc = 0;
        self.wait = Wait::None;
        self.status = status;
        true
    }

    /// `exit N` (or the end of a script): unwinds to the innermost subshell, or ends the job.
    pub fn exit_scope(&mut self, ctx: &mut Ctx, status: i32) {
        self.status = status;
        loop {
            match self.frames.pop() {
                None => {
                    if !self.run_exit_trap(status) {
                        self.exit = Some(status);
                    }
                    return;
                }
                Some(Frame::Redir(fds)) => self.fds = fds,
                Some(Frame::Call { args, locals, .. }) => self.restore_call(args, locals),
                Some(f @ Frame::Sub { .. }) => {
                    if matches!(f, Frame::Sub { kind: SubKind::Script, .. }) && self.scope.traps.contains_key("EXIT") {
                        self.frames.push(f);
                        if self.run_exit_trap(status) {
                            return;
                        }
                        continue;
                    }
                    self.finish_sub(ctx, f, status);
                    return;
                }
                Some(_) => {}
            }
        }
    }

    fn finish_sub(&mut self, _ctx: &mut Ctx, f: Frame, status: i32) {
        let Frame::Sub { kind, saved, fds, capture, ret, builders, cond, exit_after } = f else { return };
        self.scope = saved;
        self.fds = fds;
        self.builders.truncate(builders);
        self.cond = cond;
        self.code = ret.0;
        self.pc = ret.1;
        self.status = status;
        match kind {
            SubKind::CmdSub { quoted } => {
                let text = capture.trim_end_matches('\n');
                let ifs = self.ifs();
                if let Some(b) = self.builders.last_mut() {
                    b.sub_status = Some(status);
                    if let Some(a) = b.accs.last_mut() {
                        a.expand(text, quoted, &ifs);
                    }
                }
            }
            SubKind::Stage { last } => {
                if let Some(Frame::Pipe { input, status: st, failed }) = self.frames.last_mut() {
                    if !last {
                        *input = Some(Arc::from(capture));
                    }
                    *st = status;
                    if status != 0 {
                        *failed = status;
                    }
                }
            }
            SubKind::Subshell | SubKind::Script => {
                if exit_after {
                    self.pending_exit = Some(status);
                } else {
                    self.complete(status);
                }
            }
        }
    }

    /// Sets a trap (`None` action: reset to default).
    pub fn set_trap(&mut self, sig: &'static str, action: Option<&str>) {
        let traps = Arc::make_mut(&mut self.scope.traps);
        match action {
            None => {
                traps.remove(sig);
            }
            Some(text) => {
                let code = if text.is_empty() {
                    None
                } else {
                    let (cmds, err) = parse_partial(text);
                    Some(compile(&cmds, err, Tail::Ret))
                };
                traps.insert(sig, Trap { text: text.to_string(), code });
            }
        }
    }
}
