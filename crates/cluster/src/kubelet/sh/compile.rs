//! The syntax tree → a flat instruction list. Control flow is jumps; loops, `case`,
//! subshells, pipelines and redirections push frames on the machine's explicit stack (see
//! `exec.rs`), so a process can stop after any instruction and resume later.
//!
//! Words compile to instructions that build them on the machine's word stack: literal text,
//! parameter expansions (with the alternative word compiled inline and skipped when not
//! needed), command substitutions (a subshell whose captured output joins the word) and
//! arithmetic.

use std::sync::Arc;

use super::parser::{Cmd, Compound, POp, Part, RKind, Word};

/// A unit of compiled code: a script, a function body, a trap action.
pub type Code = Arc<[Op]>;

/// How a word is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WMode {
    /// Command arguments and `for` lists: field splitting and pathname expansion.
    Fields,
    /// Assignments, redirection targets, `case` subjects: one string, no splitting.
    Single,
    /// `case` patterns: one string in which quoted characters are escaped.
    Pattern,
}

/// What kind of subshell a `SubBegin` starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubKind {
    /// `( … )`
    Subshell,
    /// `$( … )`: the output replaces the substitution.
    CmdSub { quoted: bool },
    /// One command of a pipeline: reads the previous command's output; all but the last have
    /// their output captured for the next.
    Stage { last: bool },
    /// `sh -c …` and scripts (not compiled; pushed by the `sh` command).
    Script,
}

#[derive(Debug)]
pub enum Op {
    /// Starts a command: a new word list.
    Begin,
    /// Starts a word.
    Word(WMode),
    Lit(Box<str>),
    QLit(Box<str>),
    Tilde,
    Param {
        name: Box<str>,
        len: bool,
        quoted: bool,
    },
    /// `${name op word}`: decides whether the word is needed; if not, appends the value and
    /// jumps to `skip` (after the matching `ParamEnd`).
    ParamBegin {
        name: Box<str>,
        op: POp,
        colon: bool,
        quoted: bool,
        skip: u32,
    },
    ParamEnd {
        name: Box<str>,
        op: POp,
        quoted: bool,
    },
    /// Starts the text of an arithmetic expansion.
    SubWord,
    ArithEnd {
        quoted: bool,
    },
    /// Finishes a word into the command's arguments.
    Arg,
    Assign(Box<str>),
    Redir {
        fd: u32,
        kind: RKind,
    },
    /// Runs the command built since `Begin`. Pushes a redirection frame if it has
    /// redirections (a `PopRedir` follows).
    Exec,
    /// Applies the redirections built since `Begin` to a compound command; on failure jumps to
    /// `end` (its `PopRedir`).
    PushRedir {
        end: u32,
    },
    PopRedir,
    Jump(u32),
    /// Jumps if the last status is success (`on_success`) or failure.
    JumpIf {
        on_success: bool,
        to: u32,
    },
    Not,
    /// Enters (true) or leaves a condition, where `set -e` does not apply.
    Cond(bool),
    Status(i32),
    LoopEnter {
        brk: u32,
        cont: u32,
    },
    /// Pops the word list built since `Begin` as the items of a `for` loop (or the positional
    /// parameters).
    ForEnter {
        brk: u32,
        cont: u32,
        positional: bool,
    },
    ForNext {
        var: Box<str>,
        end: u32,
    },
    /// The body of a loop ran: remember its status.
    LoopBody,
    LoopExit,
    CaseEnter,
    CaseTest {
        to: u32,
    },
    CaseExit,
    SubBegin {
        end: u32,
        kind: SubKind,
    },
    SubEnd,
    PipeBegin,
    PipeEnd {
        bang: bool,
    },
    DefFunc {
        name: Box<str>,
        body: Code,
    },
    Background {
        body: Code,
        text: Box<str>,
    },
    /// Prints a syntax error found after the commands before it ran, and exits with 2.
    SyntaxError(Box<str>),
    /// The end of a function body, `eval` text, sourced file or trap action.
    Ret,
    /// The end of a script.
    End,
    /// An interactive shell's prompt: runs the next line of input in the shell itself, then
    /// comes back here; waits while there is none.
    Prompt,
}

/// How a code unit ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    End,
    Ret,
}

struct C {
    ops: Vec<Op>,
}

/// Compiles a list of commands; `error` (a syntax error after them) is reported when reached.
pub fn compile(cmds: &[Cmd], error: Option<String>, tail: Tail) -> Code {
    let mut c = C { ops: Vec::new() };
    c.list(cmds);
    if let Some(e) = error {
        c.ops.push(Op::SyntaxError(e.into()));
    }
    c.ops.push(if tail == Tail::End { Op::End } else { Op::Ret });
    c.ops.into()
}

/// A command as `ps` and `jobs` show it (roughly the source).
fn describe(c: &Cmd) -> String {
    match c {
        Cmd::Simple { words, .. } => words
            .iter()
            .map(|w| {
                w.iter()
                    .map(|p| match p {
                        Part::Lit(s) | Part::QLit(s) => s.clone(),
                        Part::Param { name, .. } => format!("${name}"),
                        _ => String::new(),
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" "),
        _ => "sh".into(),
    }
}

impl C {
    fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    fn patch(&mut self, at: usize, to: u32) {
        match &mut self.ops[at] {
            Op::Jump(t) | Op::JumpIf { to: t, .. } | Op::CaseTest { to: t } | Op::PushRedir { end: t } | Op::SubBegin { end: t, .. } => *t = to,
            Op::ParamBegin { skip, .. } => *skip = to,
            Op::ForNext { end, .. } => *end = to,
            Op::LoopEnter { brk, .. } | Op::ForEnter { brk, .. } => *brk = to,
            _ => {}
        }
    }

    fn list(&mut self, cmds: &[Cmd]) {
        for c in cmds {
            self.cmd(c);
        }
    }

    fn cond(&mut self, cmds: &[Cmd]) {
        self.ops.push(Op::Cond(true));
        self.list(cmds);
        self.ops.push(Op::Cond(false));
    }

    fn word(&mut self, w: &Word, mode: WMode) {
        self.ops.push(Op::Word(mode));
        self.parts(w);
    }

    fn parts(&mut self, w: &Word) {
        for p in w {
            match p {
                Part::Lit(s) => self.ops.push(Op::Lit(s.as_str().into())),
                Part::QLit(s) => self.ops.push(Op::QLit(s.as_str().into())),
                Part::Tilde => self.ops.push(Op::Tilde),
                Part::Param { name, op, colon, word, quoted } => match (op, word) {
                    (POp::Plain | POp::Len, _) | (_, None) => {
                        self.ops.push(Op::Param { name: name.as_str().into(), len: *op == POp::Len, quoted: *quoted })
                    }
                    (op, Some(w)) => {
                        let at = self.ops.len();
                        self.ops.push(Op::ParamBegin { name: name.as_str().into(), op: *op, colon: *colon, quoted: *quoted, skip: 0 });
                        self.parts(w);
                        self.ops.push(Op::ParamEnd { name: name.as_str().into(), op: *op, quoted: *quoted });
                        let end = self.here();
                        self.patch(at, end);
                    }
                },
                Part::CmdSub { body, quoted } => {
                    let at = self.ops.len();
                    self.ops.push(Op::SubBegin { end: 0, kind: SubKind::CmdSub { quoted: *quoted } });
                    self.list(body);
                    let end = self.here();
                    self.patch(at, end);
                    self.ops.push(Op::SubEnd);
                }
                Part::Arith { expr, quoted } => {
                    self.ops.push(Op::SubWord);
                    self.parts(expr);
                    self.ops.push(Op::ArithEnd { quoted: *quoted });
                }
            }
        }
    }

    fn redirs(&mut self, redirs: &[super::parser::Redir]) {
        for r in redirs {
            self.word(&r.target, WMode::Single);
            self.ops.push(Op::Redir { fd: r.fd, kind: r.kind });
        }
    }

    fn cmd(&mut self, c: &Cmd) {
        match c {
            Cmd::Simple { assigns, words, redirs } => {
                self.ops.push(Op::Begin);
                for (name, w) in assigns {
                    self.word(w, WMode::Single);
                    self.ops.push(Op::Assign(name.as_str().into()));
                }
                for w in words {
                    self.word(w, WMode::Fields);
                    self.ops.push(Op::Arg);
                }
                self.redirs(redirs);
                self.ops.push(Op::Exec);
                if !redirs.is_empty() {
                    self.ops.push(Op::PopRedir);
                }
            }
            Cmd::Compound { body, redirs } => {
                if redirs.is_empty() {
                    self.compound(body);
                } else {
                    self.ops.push(Op::Begin);
                    self.redirs(redirs);
                    let at = self.ops.len();
                    self.ops.push(Op::PushRedir { end: 0 });
                    self.compound(body);
                    let end = self.here();
                    self.patch(at, end);
                    self.ops.push(Op::PopRedir);
                }
            }
            Cmd::FuncDef { name, body } => {
                let code = compile(std::slice::from_ref(&**body), None, Tail::Ret);
                self.ops.push(Op::DefFunc { name: name.as_str().into(), body: code });
            }
            Cmd::Pipeline { bang, cmds } => {
                if *bang {
                    self.ops.push(Op::Cond(true));
                }
                if cmds.len() == 1 {
                    self.cmd(&cmds[0]);
                    self.ops.push(Op::Not);
                } else {
                    self.ops.push(Op::PipeBegin);
                    for (i, c) in cmds.iter().enumerate() {
                        let at = self.ops.len();
                        self.ops.push(Op::SubBegin { end: 0, kind: SubKind::Stage { last: i + 1 == cmds.len() } });
                        self.cmd(c);
                        let end = self.here();
                        self.patch(at, end);
                        self.ops.push(Op::SubEnd);
                    }
                    self.ops.push(Op::PipeEnd { bang: *bang });
                }
                if *bang {
                    self.ops.push(Op::Cond(false));
                }
            }
            Cmd::AndOr { first, rest } => {
                self.cond(std::slice::from_ref(&**first));
                for (k, (and, c)) in rest.iter().enumerate() {
                    let at = self.ops.len();
                    self.ops.push(Op::JumpIf { on_success: !*and, to: 0 });
                    if k + 1 == rest.len() {
                        self.cmd(c);
                    } else {
                        self.cond(std::slice::from_ref(c));
                    }
                    let end = self.here();
                    self.patch(at, end);
                }
            }
            Cmd::Background(c) => {
                let body = compile(std::slice::from_ref(&**c), None, Tail::End);
                self.ops.push(Op::Background { body, text: describe(c).into() });
            }
        }
    }

    fn compound(&mut self, body: &Compound) {
        match body {
            Compound::Brace(l) => self.list(l),
            Compound::Subshell(l) => {
                let at = self.ops.len();
                self.ops.push(Op::SubBegin { end: 0, kind: SubKind::Subshell });
                self.list(l);
                let end = self.here();
                self.patch(at, end);
                self.ops.push(Op::SubEnd);
            }
            Compound::If { arms, otherwise } => {
                let mut ends = Vec::new();
                for (cond, body) in arms {
                    self.cond(cond);
                    let skip = self.ops.len();
                    self.ops.push(Op::JumpIf { on_success: false, to: 0 });
                    self.list(body);
                    ends.push(self.ops.len());
                    self.ops.push(Op::Jump(0));
                    let next = self.here();
                    self.patch(skip, next);
                }
                match otherwise {
                    Some(l) => self.list(l),
                    None => self.ops.push(Op::Status(0)),
                }
                let end = self.here();
                for e in ends {
                    self.patch(e, end);
                }
            }
            Compound::While { until, cond, body } => {
                let enter = self.ops.len();
                self.ops.push(Op::LoopEnter { brk: 0, cont: enter as u32 + 1 });
                let top = self.here();
                self.cond(cond);
                let exit = self.ops.len();
                self.ops.push(Op::JumpIf { on_success: *until, to: 0 });
                self.list(body);
                self.ops.push(Op::LoopBody);
                self.ops.push(Op::Jump(top));
                let end = self.here();
                self.patch(exit, end);
                self.patch(enter, end);
                self.ops.push(Op::LoopExit);
            }
            Compound::For { var, items, body } => {
                self.ops.push(Op::Begin);
                for w in items.iter().flatten() {
                    self.word(w, WMode::Fields);
                    self.ops.push(Op::Arg);
                }
                let enter = self.ops.len();
                self.ops.push(Op::ForEnter { brk: 0, cont: enter as u32 + 1, positional: items.is_none() });
                let next = self.ops.len();
                self.ops.push(Op::ForNext { var: var.as_str().into(), end: 0 });
                self.list(body);
                self.ops.push(Op::LoopBody);
                self.ops.push(Op::Jump(next as u32));
                let end = self.here();
                self.patch(next, end);
                self.patch(enter, end);
                self.ops.push(Op::LoopExit);
            }
            Compound::Case { subject, arms } => {
                self.ops.push(Op::Begin);
                self.word(subject, WMode::Single);
                self.ops.push(Op::Arg);
                self.ops.push(Op::CaseEnter);
                let mut to_end = Vec::new();
                let mut fall_from: Option<usize> = None;
                for (pats, body, fall) in arms {
                    let mut tests = Vec::new();
                    for p in pats {
                        self.ops.push(Op::Begin);
                        self.word(p, WMode::Pattern);
                        self.ops.push(Op::Arg);
                        tests.push(self.ops.len());
                        self.ops.push(Op::CaseTest { to: 0 });
                    }
                    let skip = self.ops.len();
                    self.ops.push(Op::Jump(0));
                    let start = self.here();
                    for t in tests {
                        self.patch(t, start);
                    }
                    if let Some(f) = fall_from.take() {
                        self.patch(f, start);
                    }
                    if body.is_empty() {
                        self.ops.push(Op::Status(0));
                    } else {
                        self.list(body);
                    }
                    if *fall {
                        fall_from = Some(self.ops.len());
                    } else {
                        to_end.push(self.ops.len());
                    }
                    self.ops.push(Op::Jump(0));
                    let next = self.here();
                    self.patch(skip, next);
                }
                self.ops.push(Op::Status(0));
                let end = self.here();
                for e in to_end.into_iter().chain(fall_from) {
                    self.patch(e, end);
                }
                self.ops.push(Op::CaseExit);
            }
        }
    }
}
