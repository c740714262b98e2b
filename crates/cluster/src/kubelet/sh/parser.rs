//! The POSIX sh grammar subset, as busybox ash parses it: words with quotes, escapes and
//! expansions; simple commands with assignments and redirections (here-documents too);
//! pipelines, and-or lists, lists; `{ }`, `( )`, `if`, `while`/`until`, `for`, `case`, function
//! definitions. Errors are ash's texts without the `sh: ` prefix.
//!
//! Bounded: scripts up to [`MAX_SCRIPT`] characters and [`MAX_DEPTH`] levels of nesting; lists,
//! and-or lists and pipelines are flat vectors, so nothing else recurses on the input.

/// The longest script the shell accepts (characters).
pub const MAX_SCRIPT: usize = 256 * 1024;
/// The deepest nesting of compound commands and substitutions.
pub const MAX_DEPTH: u32 = 64;

pub type Word = Vec<Part>;

#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Unquoted text: may be field-split only if it came from an expansion, may glob.
    Lit(String),
    /// Quoted or escaped text.
    QLit(String),
    /// `~` or `~/…` at the start of a word: `$HOME`.
    Tilde,
    Param {
        name: String,
        op: POp,
        colon: bool,
        word: Option<Word>,
        quoted: bool,
    },
    CmdSub {
        body: Vec<Cmd>,
        quoted: bool,
    },
    Arith {
        expr: Word,
        quoted: bool,
    },
}

/// The operator of a `${…}` expansion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum POp {
    Plain,
    /// `${#x}`
    Len,
    /// `${x-w}` / `${x:-w}`
    Default,
    /// `${x=w}` / `${x:=w}`
    Assign,
    /// `${x?w}` / `${x:?w}`
    Error,
    /// `${x+w}` / `${x:+w}`
    Alt,
    /// `${x#p}`
    TrimPre,
    /// `${x##p}`
    TrimPreLong,
    /// `${x%p}`
    TrimSuf,
    /// `${x%%p}`
    TrimSufLong,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RKind {
    /// `>` (and `>|`)
    Out,
    /// `>>`
    Append,
    /// `<`
    In,
    /// `<>`
    ReadWrite,
    /// `>&N` / `<&N` (the target word names the fd, or `-` to close)
    Dup,
    /// `&>` (stdout and stderr to a file)
    OutErr,
    /// `<<`: the target is the document's body.
    HereDoc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    pub fd: u32,
    pub kind: RKind,
    pub target: Word,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cmd {
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirs: Vec<Redir>,
    },
    Compound {
        body: Compound,
        redirs: Vec<Redir>,
    },
    FuncDef {
        name: String,
        body: Box<Cmd>,
    },
    Pipeline {
        bang: bool,
        cmds: Vec<Cmd>,
    },
    /// `a && b || c`: the first pipeline, then (is `&&`, pipeline) pairs.
    AndOr {
        first: Box<Cmd>,
        rest: Vec<(bool, Cmd)>,
    },
    Background(Box<Cmd>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Compound {
    Brace(Vec<Cmd>),
    Subshell(Vec<Cmd>),
    If {
        arms: Vec<(Vec<Cmd>, Vec<Cmd>)>,
        otherwise: Option<Vec<Cmd>>,
    },
    While {
        until: bool,
        cond: Vec<Cmd>,
        body: Vec<Cmd>,
    },
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: Vec<Cmd>,
    },
    /// Arms: patterns, body, falls through (`;&`).
    Case {
        subject: Word,
        arms: Vec<(Vec<Word>, Vec<Cmd>, bool)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word { parts: Word, raw: String, plain: bool },
    IoNum(u32),
    Op(&'static str),
    Newline,
    Eof,
}

const OPS: [&str; 19] = ["&&", "||", ";;", ";&", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "&>", "&", "|", ";", "<", ">", "(", ")"];
const RESERVED: [&str; 16] = ["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "{", "}", "!"];
/// Reserved words that end a list.
const STOPS: [&str; 8] = ["then", "do", "done", "fi", "else", "elif", "esac", "}"];

pub fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some(ch) if ch == '_' || ch.is_ascii_alphabetic()) && c.all(|ch| ch == '_' || ch.is_ascii_alphanumeric())
}

/// Parses a whole script.
#[cfg(test)]
pub fn parse(src: &str) -> Result<Vec<Cmd>, String> {
    if src.len() > MAX_SCRIPT {
        return Err("script too long".into());
    }
    let mut p = Parser::new(src, 0);
    let cmds = p.list()?;
    match p.peek()? {
        Tok::Eof => Ok(cmds),
        t => Err(unexpected(t, None)),
    }
}

/// Parses a script one complete command (a line) at a time, as ash does: the commands before
/// a syntax error are returned with the error, so they can run before it is reported.
pub fn parse_partial(src: &str) -> (Vec<Cmd>, Option<String>) {
    if src.len() > MAX_SCRIPT {
        return (Vec::new(), Some("script too long".into()));
    }
    let mut p = Parser::new(src, 0);
    let mut out = Vec::new();
    loop {
        match p.complete_command() {
            Ok(true) => {}
            Ok(false) => return (out, None),
            Err(e) => return (out, Some(e)),
        }
        out.append(&mut p.done);
    }
}

fn tok_name(t: &Tok) -> String {
    match t {
        Tok::Word { raw, plain: true, .. } if RESERVED.contains(&raw.as_str()) => format!("\"{raw}\""),
        Tok::Word { .. } | Tok::IoNum(_) => "word".into(),
        Tok::Op(o) => format!("\"{o}\""),
        Tok::Newline => "newline".into(),
        Tok::Eof => "end of file".into(),
    }
}

fn unexpected(t: &Tok, expecting: Option<&str>) -> String {
    match expecting {
        Some(e) => format!("syntax error: unexpected {} (expecting \"{e}\")", tok_name(t)),
        None => format!("syntax error: unexpected {}", tok_name(t)),
    }
}

const UNTERMINATED: &str = "syntax error: unterminated quoted string";
const BAD_SUBST: &str = "syntax error: bad substitution";

struct Parser {
    s: Vec<char>,
    i: usize,
    depth: u32,
    peeked: Option<Tok>,
    /// Commands of the line being parsed by `complete_command`.
    done: Vec<Cmd>,
}

/// Appends literal text to a word, merging with a preceding literal of the same kind.
fn push_lit(w: &mut Word, text: &str, quoted: bool) {
    match (w.last_mut(), quoted) {
        (Some(Part::Lit(s)), false) | (Some(Part::QLit(s)), true) => s.push_str(text),
        _ => w.push(if quoted { Part::QLit(text.into()) } else { Part::Lit(text.into()) }),
    }
}

fn push_char(w: &mut Word, c: char, quoted: bool) {
    let mut b = [0u8; 4];
    push_lit(w, c.encode_utf8(&mut b), quoted)
}

impl Parser {
    fn new(src: &str, depth: u32) -> Parser {
        Parser { s: src.chars().collect(), i: 0, depth, peeked: None, done: Vec::new() }
    }

    fn ch(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn ch_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("syntax error: nesting too deep".into());
        }
        Ok(())
    }

    fn peek(&mut self) -> Result<&Tok, String> {
        if self.peeked.is_none() {
            let t = self.token()?;
            self.peeked = Some(t);
        }
        Ok(self.peeked.as_ref().expect("just set"))
    }

    fn next(&mut self) -> Result<Tok, String> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.token(),
        }
    }

    fn peek_is_word(&mut self, w: &str) -> Result<bool, String> {
        Ok(matches!(self.peek()?, Tok::Word { raw, plain: true, .. } if raw == w))
    }

    fn peek_is_op(&mut self, o: &str) -> Result<bool, String> {
        Ok(matches!(self.peek()?, Tok::Op(x) if *x == o))
    }

    fn expect_word(&mut self, w: &str) -> Result<(), String> {
        if self.peek_is_word(w)? {
            self.next()?;
            Ok(())
        } else {
            Err(unexpected(self.peek()?, Some(w)))
        }
    }

    fn expect_op(&mut self, o: &str) -> Result<(), String> {
        if self.peek_is_op(o)? {
            self.next()?;
            Ok(())
        } else {
            Err(unexpected(self.peek()?, Some(o)))
        }
    }

    fn skip_newlines(&mut self) -> Result<(), String> {
        while matches!(self.peek()?, Tok::Newline) {
            self.next()?;
        }
        Ok(())
    }

    // ---- tokens ----

    fn token(&mut self) -> Result<Tok, String> {
        loop {
            match self.ch() {
                Some(' ' | '\t' | '\r') => self.i += 1,
                Some('\\') if self.ch_at(1) == Some('\n') => self.i += 2,
                Some('#') => {
                    while !matches!(self.ch(), None | Some('\n')) {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
        let Some(c) = self.ch() else { return Ok(Tok::Eof) };
        if c == '\n' {
            self.i += 1;
            return Ok(Tok::Newline);
        }
        for op in OPS {
            if op.chars().enumerate().all(|(k, oc)| self.ch_at(k) == Some(oc)) {
                self.i += op.chars().count();
                return Ok(Tok::Op(op));
            }
        }
        let start = self.i;
        let parts = self.word(false)?;
        let raw: String = self.s[start..self.i].iter().collect();
        if matches!(self.ch(), Some('<' | '>')) && !raw.is_empty() && raw.len() <= 4 && raw.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Tok::IoNum(raw.parse().unwrap_or(0)));
        }
        let plain = parts.iter().all(|p| matches!(p, Part::Lit(_)));
        Ok(Tok::Word { parts, raw, plain })
    }

    /// An unquoted word, up to a metacharacter (or, `in_brace`, up to an unbalanced `}`; blanks
    /// then belong to the word).
    fn word(&mut self, in_brace: bool) -> Result<Word, String> {
        let mut w = Word::new();
        let start = self.i;
        loop {
            let Some(c) = self.ch() else {
                if in_brace {
                    return Err("syntax error: missing '}'".into());
                }
                break;
            };
            if in_brace {
                if c == '}' {
                    break;
                }
            } else if matches!(c, ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')') {
                break;
            }
            match c {
                '\\' => {
                    self.i += 1;
                    match self.ch() {
                        Some('\n') => self.i += 1,
                        Some(e) => {
                            self.i += 1;
                            push_char(&mut w, e, true);
                        }
                        None => push_char(&mut w, '\\', false),
                    }
                }
                '\'' => {
                    self.i += 1;
                    let from = self.i;
                    while self.ch() != Some('\'') {
                        if self.ch().is_none() {
                            return Err(UNTERMINATED.into());
                        }
                        self.i += 1;
                    }
                    let text: String = self.s[from..self.i].iter().collect();
                    self.i += 1;
                    push_lit(&mut w, &text, true);
                }
                '"' => {
                    self.i += 1;
                    let inner = self.dquoted(Some('"'), false)?;
                    if inner.is_empty() {
                        push_lit(&mut w, "", true);
                    }
                    w.extend(inner);
                }
                '$' => self.dollar(&mut w, false)?,
                '`' => self.backtick(&mut w, false)?,
                '~' if self.i == start
                    && !in_brace
                    && matches!(self.ch_at(1), None | Some('/' | ' ' | '\t' | '\n' | ';' | '&' | '|' | ')' | ':')) =>
                {
                    self.i += 1;
                    w.push(Part::Tilde);
                }
                c => {
                    self.i += 1;
                    push_char(&mut w, c, false);
                }
            }
        }
        Ok(w)
    }

    /// Double-quoted text up to `end` (`None`: to the end of input, for here-documents, where `"`
    /// is not special).
    fn dquoted(&mut self, end: Option<char>, heredoc: bool) -> Result<Word, String> {
        let mut w = Word::new();
        loop {
            let Some(c) = self.ch() else {
                if end.is_some() {
                    return Err(UNTERMINATED.into());
                }
                break;
            };
            if Some(c) == end {
                self.i += 1;
                break;
            }
            match c {
                '\\' => {
                    self.i += 1;
                    match self.ch() {
                        Some('\n') => self.i += 1,
                        Some(e @ ('$' | '`' | '\\')) => {
                            self.i += 1;
                            push_char(&mut w, e, true);
                        }
                        Some('"') if !heredoc => {
                            self.i += 1;
                            push_char(&mut w, '"', true);
                        }
                        _ => push_char(&mut w, '\\', true),
                    }
                }
                '$' => self.dollar(&mut w, true)?,
                '`' => self.backtick(&mut w, true)?,
                c => {
                    self.i += 1;
                    push_char(&mut w, c, true);
                }
            }
        }
        Ok(w)
    }

    fn dollar(&mut self, w: &mut Word, quoted: bool) -> Result<(), String> {
        self.i += 1; // '$'
        match self.ch() {
            Some('(') if self.ch_at(1) == Some('(') => {
                self.i += 2;
                self.enter()?;
                let expr = self.arith_body()?;
                self.depth -= 1;
                w.push(Part::Arith { expr, quoted });
            }
            Some('(') => {
                self.i += 1;
                self.enter()?;
                let saved = self.peeked.take();
                let body = self.list()?;
                self.expect_op(")")?;
                self.peeked = saved;
                self.depth -= 1;
                w.push(Part::CmdSub { body, quoted });
            }
            Some('{') => {
                self.i += 1;
                self.enter()?;
                let part = self.brace_param(quoted)?;
                self.depth -= 1;
                w.push(part);
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                let from = self.i;
                while matches!(self.ch(), Some(c) if c == '_' || c.is_ascii_alphanumeric()) {
                    self.i += 1;
                }
                let name: String = self.s[from..self.i].iter().collect();
                w.push(Part::Param { name, op: POp::Plain, colon: false, word: None, quoted });
            }
            Some(c) if c.is_ascii_digit() || matches!(c, '?' | '$' | '#' | '!' | '@' | '*' | '-') => {
                self.i += 1;
                w.push(Part::Param { name: c.to_string(), op: POp::Plain, colon: false, word: None, quoted });
            }
            _ => push_char(w, '$', quoted),
        }
        Ok(())
    }

    /// `${…}` after the `{`.
    fn brace_param(&mut self, quoted: bool) -> Result<Part, String> {
        let mut len = false;
        if self.ch() == Some('#') && !matches!(self.ch_at(1), Some('}')) {
            len = true;
            self.i += 1;
        }
        let from = self.i;
        match self.ch() {
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                while matches!(self.ch(), Some(c) if c == '_' || c.is_ascii_alphanumeric()) {
                    self.i += 1;
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while matches!(self.ch(), Some(c) if c.is_ascii_digit()) {
                    self.i += 1;
                }
            }
            Some('?' | '$' | '#' | '!' | '@' | '*' | '-') => self.i += 1,
            _ => return Err(BAD_SUBST.into()),
        }
        let name: String = self.s[from..self.i].iter().collect();
        if len {
            if self.ch() != Some('}') {
                return Err(BAD_SUBST.into());
            }
            self.i += 1;
            return Ok(Part::Param { name, op: POp::Len, colon: false, word: None, quoted });
        }
        let colon = self.ch() == Some(':');
        if colon {
            self.i += 1;
        }
        let op = match (self.ch(), self.ch_at(1)) {
            (Some('}'), _) if !colon => {
                self.i += 1;
                return Ok(Part::Param { name, op: POp::Plain, colon: false, word: None, quoted });
            }
            (Some('-'), _) => POp::Default,
            (Some('='), _) => POp::Assign,
            (Some('?'), _) => POp::Error,
            (Some('+'), _) => POp::Alt,
            (Some('#'), Some('#')) if !colon => POp::TrimPreLong,
            (Some('#'), _) if !colon => POp::TrimPre,
            (Some('%'), Some('%')) if !colon => POp::TrimSufLong,
            (Some('%'), _) if !colon => POp::TrimSuf,
            (None, _) => return Err("syntax error: missing '}'".into()),
            _ => return Err(BAD_SUBST.into()),
        };
        self.i += if matches!(op, POp::TrimPreLong | POp::TrimSufLong) { 2 } else { 1 };
        let mut word = self.word(true)?;
        self.i += 1; // '}'
        if quoted {
            for p in &mut word {
                if let Part::Lit(s) = p {
                    *p = Part::QLit(std::mem::take(s));
                }
            }
        }
        Ok(Part::Param { name, op, colon, word: Some(word), quoted })
    }

    /// The expression of `$(( … ))` after the `((`, through the closing `))`.
    fn arith_body(&mut self) -> Result<Word, String> {
        let mut w = Word::new();
        let mut depth = 0u32;
        loop {
            match self.ch() {
                None => return Err("syntax error: missing '))'".into()),
                Some(')') if depth == 0 => {
                    if self.ch_at(1) != Some(')') {
                        return Err("syntax error: missing '))'".into());
                    }
                    self.i += 2;
                    return Ok(w);
                }
                Some(c @ ('(' | ')')) => {
                    depth = if c == '(' { depth + 1 } else { depth - 1 };
                    self.i += 1;
                    push_char(&mut w, c, true);
                }
                Some('$') => self.dollar(&mut w, true)?,
                Some('`') => self.backtick(&mut w, true)?,
                Some('\\') if self.ch_at(1) == Some('\n') => self.i += 2,
                Some('"' | '\'') => self.i += 1, // quotes are dropped
                Some(c) => {
                    self.i += 1;
                    push_char(&mut w, c, true);
                }
            }
        }
    }

    fn backtick(&mut self, w: &mut Word, quoted: bool) -> Result<(), String> {
        self.i += 1;
        let mut src = String::new();
        loop {
            match self.ch() {
                None => return Err(UNTERMINATED.into()),
                Some('`') => {
                    self.i += 1;
                    break;
                }
                Some('\\') => {
                    self.i += 1;
                    match self.ch() {
                        Some(e @ ('`' | '\\' | '$')) => src.push(e),
                        Some(e) => {
                            src.push('\\');
                            src.push(e);
                        }
                        None => return Err(UNTERMINATED.into()),
                    }
                    self.i += 1;
                }
                Some(c) => {
                    src.push(c);
                    self.i += 1;
                }
            }
        }
        let mut p = Parser::new(&src, self.depth);
        p.enter()?;
        let body = p.list()?;
        match p.peek()? {
            Tok::Eof => {}
            t => return Err(unexpected(t, None)),
        }
        w.push(Part::CmdSub { body, quoted });
        Ok(())
    }

    // ---- grammar ----

    fn list(&mut self) -> Result<Vec<Cmd>, String> {
        let mut cmds = Vec::new();
        loop {
            self.skip_newlines()?;
            match self.peek()? {
                Tok::Eof | Tok::Op(")" | ";;" | ";&") => break,
                Tok::Word { raw, plain: true, .. } if STOPS.contains(&raw.as_str()) => break,
                _ => {}
            }
            let mut c = self.and_or()?;
            match self.peek()? {
                Tok::Op("&") => {
                    self.next()?;
                    c = Cmd::Background(Box::new(c));
                }
                Tok::Op(";") | Tok::Newline => {
                    self.next()?;
                }
                _ => {
                    cmds.push(c);
                    match self.peek()? {
                        Tok::Eof | Tok::Op(")" | ";;" | ";&") => break,
                        Tok::Word { raw, plain: true, .. } if STOPS.contains(&raw.as_str()) => break,
                        t => return Err(unexpected(t, None)),
                    }
                }
            }
            cmds.push(c);
        }
        Ok(cmds)
    }

    /// One line of a script into `self.done`; false at the end of the input.
    fn complete_command(&mut self) -> Result<bool, String> {
        self.skip_newlines()?;
        if matches!(self.peek()?, Tok::Eof) {
            return Ok(false);
        }
        let mut line = Vec::new();
        loop {
            if matches!(self.peek()?, Tok::Eof | Tok::Newline) {
                break;
            }
            let mut c = self.and_or()?;
            match self.peek()? {
                Tok::Op("&") => {
                    self.next()?;
                    c = Cmd::Background(Box::new(c));
                }
                Tok::Op(";") => {
                    self.next()?;
                }
                Tok::Newline | Tok::Eof => {}
                t => return Err(unexpected(t, None)),
            }
            line.push(c);
        }
        self.done = line;
        Ok(true)
    }

    /// A list that must not be empty; `closer` is what ends the construct (named when the
    /// input ends early).
    fn nonempty_list(&mut self, closer: &str) -> Result<Vec<Cmd>, String> {
        let l = self.list()?;
        if l.is_empty() {
            let t = self.peek()?;
            return Err(unexpected(t, matches!(t, Tok::Eof).then_some(closer)));
        }
        Ok(l)
    }

    fn and_or(&mut self) -> Result<Cmd, String> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = match self.peek()? {
                Tok::Op("&&") => true,
                Tok::Op("||") => false,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((and, self.pipeline()?));
        }
        Ok(if rest.is_empty() { first } else { Cmd::AndOr { first: Box::new(first), rest } })
    }

    fn pipeline(&mut self) -> Result<Cmd, String> {
        let mut bang = false;
        while self.peek_is_word("!")? {
            self.next()?;
            bang = !bang;
        }
        let mut cmds = vec![self.command()?];
        while self.peek_is_op("|")? {
            self.next()?;
            self.skip_newlines()?;
            cmds.push(self.command()?);
        }
        Ok(if cmds.len() == 1 && !bang { cmds.pop().expect("one") } else { Cmd::Pipeline { bang, cmds } })
    }

    fn command(&mut self) -> Result<Cmd, String> {
        self.enter()?;
        let c = self.command_inner();
        self.depth -= 1;
        c
    }

    fn command_inner(&mut self) -> Result<Cmd, String> {
        self.peek()?;
        let paren = self.after_blanks() == Some('(');
        let kw = match self.peek()? {
            Tok::Op("(") => "(",
            Tok::Word { raw, plain: true, .. } => match raw.as_str() {
                "{" => "{",
                "if" => "if",
                "while" => "while",
                "until" => "until",
                "for" => "for",
                "case" => "case",
                r if STOPS.contains(&r) => "stop",
                r if is_name(r) && paren => "()",
                _ => "",
            },
            _ => "",
        };
        let body = match kw {
            "" => return self.simple(),
            "stop" => return Err(unexpected(self.peek()?, None)),
            "()" => {
                let Tok::Word { raw: name, .. } = self.next()? else { unreachable!("peeked a word") };
                self.expect_op("(")?;
                self.expect_op(")")?;
                self.skip_newlines()?;
                let body = self.command()?;
                if !matches!(body, Cmd::Compound { .. }) {
                    return Err("syntax error: bad function body".into());
                }
                return Ok(Cmd::FuncDef { name, body: Box::new(body) });
            }
            "(" => {
                self.next()?;
                let l = self.nonempty_list(")")?;
                self.expect_op(")")?;
                Compound::Subshell(l)
            }
            "{" => {
                self.next()?;
                let l = self.nonempty_list("}")?;
                self.expect_word("}")?;
                Compound::Brace(l)
            }
            "if" => {
                self.next()?;
                let mut arms = Vec::new();
                let mut otherwise = None;
                loop {
                    let cond = self.nonempty_list("then")?;
                    self.expect_word("then")?;
                    let body = self.nonempty_list("fi")?;
                    arms.push((cond, body));
                    if self.peek_is_word("elif")? {
                        self.next()?;
                        continue;
                    }
                    if self.peek_is_word("else")? {
                        self.next()?;
                        otherwise = Some(self.nonempty_list("fi")?);
                    }
                    self.expect_word("fi")?;
                    break;
                }
                Compound::If { arms, otherwise }
            }
            "while" | "until" => {
                self.next()?;
                let cond = self.nonempty_list("do")?;
                self.expect_word("do")?;
                let body = self.nonempty_list("done")?;
                self.expect_word("done")?;
                Compound::While { until: kw == "until", cond, body }
            }
            "for" => {
                self.next()?;
                let var = match self.next()? {
                    Tok::Word { raw, plain: true, .. } if is_name(&raw) => raw,
                    _ => return Err("syntax error: bad for loop variable".into()),
                };
                self.skip_newlines()?;
                let mut items = None;
                if self.peek_is_word("in")? {
                    self.next()?;
                    let mut list = Vec::new();
                    loop {
                        match self.next()? {
                            Tok::Word { parts, .. } => list.push(parts),
                            Tok::Op(";") | Tok::Newline => break,
                            t => return Err(unexpected(&t, None)),
                        }
                    }
                    items = Some(list);
                } else if self.peek_is_op(";")? {
                    self.next()?;
                }
                self.skip_newlines()?;
                self.expect_word("do")?;
                let body = self.nonempty_list("done")?;
                self.expect_word("done")?;
                Compound::For { var, items, body }
            }
            _ => {
                // case
                self.next()?;
                let subject = match self.next()? {
                    Tok::Word { parts, .. } => parts,
                    t => return Err(unexpected(&t, None)),
                };
                self.skip_newlines()?;
                self.expect_word("in")?;
                let mut arms = Vec::new();
                loop {
                    self.skip_newlines()?;
                    if self.peek_is_word("esac")? {
                        self.next()?;
                        break;
                    }
                    if self.peek_is_op("(")? {
                        self.next()?;
                    }
                    let mut pats = Vec::new();
                    loop {
                        match self.next()? {
                            Tok::Word { parts, .. } => pats.push(parts),
                            t => return Err(unexpected(&t, None)),
                        }
                        if self.peek_is_op("|")? {
                            self.next()?;
                        } else {
                            break;
                        }
                    }
                    self.expect_op(")")?;
                    let body = self.list()?;
                    let mut fall = false;
                    match self.peek()? {
                        Tok::Op(";;") => {
                            self.next()?;
                        }
                        Tok::Op(";&") => {
                            self.next()?;
                            fall = true;
                        }
                        Tok::Word { raw, plain: true, .. } if raw == "esac" => {}
                        t => return Err(unexpected(t, Some("esac"))),
                    }
                    arms.push((pats, body, fall));
                }
                Compound::Case { subject, arms }
            }
        };
        let mut redirs = Vec::new();
        while let Some(r) = self.redirection()? {
            redirs.push(r);
        }
        Ok(Cmd::Compound { body, redirs })
    }

    /// The next non-blank character after the peeked token.
    fn after_blanks(&self) -> Option<char> {
        self.s[self.i..].iter().copied().find(|c| *c != ' ' && *c != '\t')
    }

    fn simple(&mut self) -> Result<Cmd, String> {
        let (mut assigns, mut words, mut redirs) = (Vec::new(), Vec::new(), Vec::new());
        loop {
            if let Some(r) = self.redirection()? {
                redirs.push(r);
                continue;
            }
            if !matches!(self.peek()?, Tok::Word { .. }) {
                break;
            }
            let Tok::Word { mut parts, .. } = self.next()? else { unreachable!("peeked a word") };
            if words.is_empty() {
                if let Some(Part::Lit(first)) = parts.first() {
                    if let Some(eq) = first.find('=') {
                        if is_name(&first[..eq]) {
                            let name = first[..eq].to_string();
                            let rest = first[eq + 1..].to_string();
                            parts[0] = Part::Lit(rest);
                            if let Some(Part::Lit(s)) = parts.first() {
                                if s.is_empty() {
                                    parts.remove(0);
                                }
                            }
                            assigns.push((name, parts));
                            continue;
                        }
                    }
                }
            }
            words.push(parts);
        }
        if assigns.is_empty() && words.is_empty() && redirs.is_empty() {
            return Err(unexpected(self.peek()?, None));
        }
        Ok(Cmd::Simple { assigns, words, redirs })
    }

    fn redirection(&mut self) -> Result<Option<Redir>, String> {
        let fd = match self.peek()? {
            Tok::IoNum(n) => {
                let n = *n;
                self.next()?;
                Some(n)
            }
            _ => None,
        };
        let (kind, dfd) = match self.peek()? {
            Tok::Op(">") | Tok::Op(">|") => (RKind::Out, 1),
            Tok::Op(">>") => (RKind::Append, 1),
            Tok::Op("<") => (RKind::In, 0),
            Tok::Op("<>") => (RKind::ReadWrite, 0),
            Tok::Op(">&") => (RKind::Dup, 1),
            Tok::Op("<&") => (RKind::Dup, 0),
            Tok::Op("&>") if fd.is_none() => (RKind::OutErr, 1),
            Tok::Op(o @ ("<<" | "<<-")) => {
                let strip = *o == "<<-";
                self.next()?;
                let fd = fd.unwrap_or(0);
                return self.heredoc(fd, strip).map(Some);
            }
            t => {
                if fd.is_some() {
                    return Err(unexpected(t, None));
                }
                return Ok(None);
            }
        };
        self.next()?;
        let target = match self.next()? {
            Tok::Word { parts, .. } => parts,
            Tok::IoNum(n) => vec![Part::Lit(n.to_string())],
            t => return Err(unexpected(&t, None)),
        };
        Ok(Some(Redir { fd: fd.unwrap_or(dfd), kind, target }))
    }

    /// Reads the delimiter, then cuts the document's lines out of the input after the end of
    /// the current line.
    fn heredoc(&mut self, fd: u32, strip: bool) -> Result<Redir, String> {
        let (parts, raw) = match self.next()? {
            Tok::Word { parts, raw, .. } => (parts, raw),
            t => return Err(unexpected(&t, None)),
        };
        let quoted = raw.contains(['\'', '"', '\\']);
        let delim: String = parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) | Part::QLit(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
        let line_end = (self.i..self.s.len()).find(|&k| self.s[k] == '\n');
        let mut body = String::new();
        if let Some(nl) = line_end {
            let start = nl + 1;
            let mut k = start;
            let mut end = self.s.len();
            while k < self.s.len() {
                let e = (k..self.s.len()).find(|&j| self.s[j] == '\n').unwrap_or(self.s.len());
                let mut line: &[char] = &self.s[k..e];
                if strip {
                    while let [first, rest @ ..] = line {
                        if *first != '\t' {
                            break;
                        }
                        line = rest;
                    }
                }
                let text: String = line.iter().collect();
                if text == delim {
                    end = (e + 1).min(self.s.len());
                    break;
                }
                body.push_str(&text);
                body.push('\n');
                k = e + 1;
            }
            self.s.drain(start..end.max(start));
        }
        let target = if quoted {
            vec![Part::QLit(body)]
        } else {
            let mut p = Parser::new(&body, self.depth);
            p.dquoted(None, true)?
        };
        Ok(Redir { fd, kind: RKind::HereDoc, target })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Part {
        Part::Lit(s.into())
    }

    #[test]
    fn simple_commands_and_words() {
        let c = parse("X=1 echo 'a b' \"c $Y\" d\\ e >> /tmp/f 2>&1").unwrap();
        let Cmd::Simple { assigns, words, redirs } = &c[0] else { panic!("{c:?}") };
        assert_eq!(assigns, &vec![("X".to_string(), vec![lit("1")])]);
        assert_eq!(words[0], vec![lit("echo")]);
        assert_eq!(words[1], vec![Part::QLit("a b".into())]);
        assert_eq!(words[2], vec![Part::QLit("c ".into()), Part::Param { name: "Y".into(), op: POp::Plain, colon: false, word: None, quoted: true }]);
        assert_eq!(words[3], vec![lit("d"), Part::QLit(" ".into()), lit("e")]);
        assert_eq!(redirs[0], Redir { fd: 1, kind: RKind::Append, target: vec![lit("/tmp/f")] });
        assert_eq!(redirs[1], Redir { fd: 2, kind: RKind::Dup, target: vec![lit("1")] });
    }

    #[test]
    fn compound_commands() {
        let src = "f() { echo $1; }\nfor i in 1 2 3; do\n  if [ $i = 2 ]; then echo two; elif true; then :; else echo other; fi\ndone\ncase $x in a|b) echo ab;; *) ;; esac\nwhile true; do sleep 5; done | cat &";
        let c = parse(src).unwrap();
        assert_eq!(c.len(), 4);
        assert!(matches!(&c[0], Cmd::FuncDef { name, .. } if name == "f"));
        assert!(matches!(&c[1], Cmd::Compound { body: Compound::For { var, items: Some(items), .. }, .. } if var == "i" && items.len() == 3));
        assert!(matches!(&c[2], Cmd::Compound { body: Compound::Case { arms, .. }, .. } if arms.len() == 2 && arms[0].0.len() == 2));
        assert!(matches!(&c[3], Cmd::Background(b) if matches!(**b, Cmd::Pipeline { .. })));
    }

    #[test]
    fn here_documents_are_cut_from_the_input() {
        let c = parse("cat <<EOF > /tmp/x; echo after\nline $A\n  EOF\nEOF\necho next").unwrap();
        assert_eq!(c.len(), 3);
        let Cmd::Simple { redirs, .. } = &c[0] else { panic!() };
        assert_eq!(redirs[0].kind, RKind::HereDoc);
        assert_eq!(redirs[0].target[0], Part::QLit("line ".into()));
        let c = parse("cat <<-'E'\n\t$x\n\tE\n").unwrap();
        let Cmd::Simple { redirs, .. } = &c[0] else { panic!() };
        assert_eq!(redirs[0].target, vec![Part::QLit("$x\n".into())]);
    }

    #[test]
    fn syntax_errors_read_like_ash() {
        assert_eq!(parse("if true; then echo; fi fi").unwrap_err(), "syntax error: unexpected \"fi\"");
        assert_eq!(parse("if true; then echo").unwrap_err(), "syntax error: unexpected end of file (expecting \"fi\")");
        assert_eq!(parse("echo 'abc").unwrap_err(), "syntax error: unterminated quoted string");
        assert_eq!(parse("echo )").unwrap_err(), "syntax error: unexpected \")\"");
        assert_eq!(parse("; echo").unwrap_err(), "syntax error: unexpected \";\"");
        assert_eq!(parse("echo ${").unwrap_err(), "syntax error: bad substitution");
        assert_eq!(parse("while true; do done").unwrap_err(), "syntax error: unexpected \"done\"");
        assert!(parse(&"(".repeat(10_000)).unwrap_err().contains("nesting too deep"));
        assert!(parse(&"$(".repeat(10_000)).unwrap_err().contains("nesting too deep"));
        assert!(parse("echo a && ".repeat(20_000).trim_end_matches("&& ")).is_ok());
    }
}
