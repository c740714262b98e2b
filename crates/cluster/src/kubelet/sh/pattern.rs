//! Shell patterns (`*`, `?`, `[…]`, backslash escapes) for `case`, pathname expansion and
//! `${x#…}`; and a small regular-expression engine (POSIX basic and extended syntax, no
//! back-references or intervals) for `grep`, run as a Thompson NFA so every match is linear
//! in the input.

/// One element of a bracket expression: an inclusive range.
type Ranges = Vec<(char, char)>;

/// Parses a bracket expression starting after `[`; returns (ranges, negated, index after `]`),
/// or `None` if it is not closed (then `[` is literal).
fn bracket(p: &[char], mut i: usize) -> Option<(Ranges, bool, usize)> {
    let neg = matches!(p.get(i), Some('!' | '^'));
    if neg {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == ']' && !first {
            return Some((ranges, neg, i + 1));
        }
        first = false;
        if c == '[' && p.get(i + 1) == Some(&':') {
            let end = (i + 2..p.len().saturating_sub(1)).find(|&k| p[k] == ':' && p[k + 1] == ']')?;
            let name: String = p[i + 2..end].iter().collect();
            let add: &[(char, char)] = match name.as_str() {
                "alpha" => &[('a', 'z'), ('A', 'Z')],
                "digit" => &[('0', '9')],
                "alnum" => &[('a', 'z'), ('A', 'Z'), ('0', '9')],
                "upper" => &[('A', 'Z')],
                "lower" => &[('a', 'z')],
                "space" => &[(' ', ' '), ('\t', '\r')],
                "xdigit" => &[('0', '9'), ('a', 'f'), ('A', 'F')],
                "punct" => &[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
                _ => &[],
            };
            ranges.extend_from_slice(add);
            i = end + 2;
            continue;
        }
        let (lo, next) = if c == '\\' && i + 1 < p.len() { (p[i + 1], i + 2) } else { (c, i + 1) };
        if p.get(next) == Some(&'-') && p.get(next + 1).is_some_and(|&h| h != ']') {
            let hi = p[next + 1];
            ranges.push((lo, hi));
            i = next + 2;
        } else {
            ranges.push((lo, lo));
            i = next;
        }
    }
}

fn in_ranges(r: &[(char, char)], c: char) -> bool {
    r.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

/// Whether the shell pattern `pat` matches all of `s`.
pub fn pmatch(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let s: Vec<char> = s.chars().collect();
    pmatch_chars(&p, &s)
}

pub fn pmatch_chars(p: &[char], s: &[char]) -> bool {
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        let step = match p.get(pi) {
            Some('*') => {
                star = Some((pi + 1, si));
                pi += 1;
                continue;
            }
            Some('?') => Some(pi + 1),
            Some('[') => match bracket(p, pi + 1) {
                Some((r, neg, next)) => (in_ranges(&r, s[si]) != neg).then_some(next),
                None => (s[si] == '[').then_some(pi + 1),
            },
            Some('\\') if pi + 1 < p.len() => (s[si] == p[pi + 1]).then_some(pi + 2),
            Some(&c) => (s[si] == c).then_some(pi + 1),
            None => None,
        };
        match step {
            Some(next) => {
                pi = next;
                si += 1;
            }
            None => match star {
                Some((sp, ss)) => {
                    pi = sp;
                    si = ss + 1;
                    star = Some((sp, ss + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

/// Whether a pattern has unescaped glob characters.
pub fn has_glob(pat: &str) -> bool {
    let mut esc = false;
    for c in pat.chars() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

/// Removes pattern escapes: the literal text a pattern stands for.
pub fn unescape(pat: &str) -> String {
    let mut out = String::with_capacity(pat.len());
    let mut esc = false;
    for c in pat.chars() {
        if !esc && c == '\\' {
            esc = true;
            continue;
        }
        esc = false;
        out.push(c);
    }
    out
}

/// The result of `${s#p}` (`longest`: `##`) or, `suffix`, `${s%p}` / `${s%%p}`. Gives up
/// (returns `s`) on inputs so long that trying every cut would cost too much.
pub fn trim(s: &str, pat: &str, suffix: bool, longest: bool) -> String {
    let p: Vec<char> = pat.chars().collect();
    let c: Vec<char> = s.chars().collect();
    if c.len().saturating_mul(p.len() + 1) > 4_000_000 {
        return s.to_string();
    }
    let n = c.len();
    let cuts: Box<dyn Iterator<Item = usize>> = if longest { Box::new((0..=n).rev()) } else { Box::new(0..=n) };
    for k in cuts {
        let (keep, test) = if suffix { (&c[..n - k], &c[n - k..]) } else { (&c[k..], &c[..k]) };
        if pmatch_chars(&p, test) {
            return keep.iter().collect();
        }
    }
    s.to_string()
}

// ---- regular expressions ----

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Ranges, bool),
    Bol,
    Eol,
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Rep(Box<Node>, u8), // 0: *, 1: +, 2: ?
}

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Class(Ranges, bool),
    Bol,
    Eol,
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled regular expression.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    icase: bool,
}

struct RParser<'a> {
    p: &'a [char],
    i: usize,
    ere: bool,
    depth: u32,
}

impl RParser<'_> {
    fn is_op(&self, c: char) -> Option<usize> {
        // Returns the length of the operator token `c` at i, if it is one.
        let here = self.p.get(self.i).copied();
        if self.ere {
            (here == Some(c)).then_some(1)
        } else {
            (here == Some('\\') && self.p.get(self.i + 1) == Some(&c)).then_some(2)
        }
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.cat()?];
        while let Some(n) = self.is_op('|') {
            self.i += n;
            alts.push(self.cat()?);
        }
        Ok(if alts.len() == 1 { alts.pop().expect("one") } else { Node::Alt(alts) })
    }

    fn cat(&mut self) -> Result<Node, String> {
        let mut items: Vec<Node> = Vec::new();
        let start = self.i;
        while self.i < self.p.len() {
            if self.is_op('|').is_some() || self.is_op(')').is_some() {
                break;
            }
            let c = self.p[self.i];
            let atom = if let Some(n) = self.is_op('(') {
                self.i += n;
                self.depth += 1;
                if self.depth > 32 {
                    return Err("regular expression too complex".into());
                }
                let inner = self.alt()?;
                self.depth -= 1;
                match self.is_op(')') {
                    Some(n) => self.i += n,
                    None => return Err("Unmatched ( or \\(".into()),
                }
                inner
            } else if c == '*' && (self.ere || !items.is_empty()) {
                let Some(last) = items.pop() else {
                    self.i += 1;
                    continue;
                };
                self.i += 1;
                items.push(Node::Rep(Box::new(last), 0));
                continue;
            } else if let Some(n) = self.is_op('+').or(self.is_op('?')) {
                let kind = if self.p[self.i + n - 1] == '+' { 1 } else { 2 };
                self.i += n;
                match items.pop() {
                    Some(last) => items.push(Node::Rep(Box::new(last), kind)),
                    None => items.push(Node::Char(self.p[self.i - 1])),
                }
                continue;
            } else if c == '^' && (self.ere || self.i == start) {
                self.i += 1;
                Node::Bol
            } else if c == '$' && (self.ere || self.i + 1 == self.p.len() || self.is_at_group_end(self.i + 1)) {
                self.i += 1;
                Node::Eol
            } else if c == '.' {
                self.i += 1;
                Node::Any
            } else if c == '[' {
                match bracket(self.p, self.i + 1) {
                    Some((r, neg, next)) => {
                        self.i = next;
                        Node::Class(r, neg)
                    }
                    None => return Err("Unmatched [, [^, [:, [., or [=".into()),
                }
            } else if c == '\\' && self.i + 1 < self.p.len() {
                let e = self.p[self.i + 1];
                self.i += 2;
                match e {
                    'd' => Node::Class(vec![('0', '9')], false),
                    's' => Node::Class(vec![(' ', ' '), ('\t', '\r')], false),
                    'w' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                    't' => Node::Char('\t'),
                    'n' => Node::Char('\n'),
                    e => Node::Char(e),
                }
            } else {
                self.i += 1;
                Node::Char(c)
            };
            items.push(atom);
        }
        Ok(Node::Cat(items))
    }

    fn is_at_group_end(&self, at: usize) -> bool {
        if self.ere {
            matches!(self.p.get(at), Some(')' | '|'))
        } else {
            self.p.get(at) == Some(&'\\') && matches!(self.p.get(at + 1), Some(')' | '|'))
        }
    }
}

fn emit(n: &Node, prog: &mut Vec<Inst>) {
    match n {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class(r, neg) => prog.push(Inst::Class(r.clone(), *neg)),
        Node::Bol => prog.push(Inst::Bol),
        Node::Eol => prog.push(Inst::Eol),
        Node::Cat(items) => items.iter().for_each(|i| emit(i, prog)),
        Node::Alt(alts) => {
            let mut jumps = Vec::new();
            for (k, a) in alts.iter().enumerate() {
                if k + 1 < alts.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(a, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    emit(a, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Rep(inner, kind) => match kind {
            0 => {
                let split = prog.len();
                prog.push(Inst::Split(split + 1, 0));
                emit(inner, prog);
                prog.push(Inst::Jmp(split));
                let end = prog.len();
                prog[split] = Inst::Split(split + 1, end);
            }
            1 => {
                let start = prog.len();
                emit(inner, prog);
                let after = prog.len() + 1;
                prog.push(Inst::Split(start, after));
            }
            _ => {
                let split = prog.len();
                prog.push(Inst::Split(split + 1, 0));
                emit(inner, prog);
                let end = prog.len();
                prog[split] = Inst::Split(split + 1, end);
            }
        },
    }
}

impl Regex {
    /// Compiles a basic (`ere == false`) or extended regular expression; `icase` ignores case.
    pub fn new(pattern: &str, ere: bool, icase: bool) -> Result<Regex, String> {
        let chars: Vec<char> = if icase { pattern.to_lowercase().chars().collect() } else { pattern.chars().collect() };
        if chars.len() > 4096 {
            return Err("regular expression too big".into());
        }
        let mut p = RParser { p: &chars, i: 0, ere, depth: 0 };
        let node = p.alt()?;
        if p.i < chars.len() {
            return Err("Unmatched ) or \\)".into());
        }
        let mut prog = Vec::new();
        emit(&node, &mut prog);
        prog.push(Inst::Match);
        Ok(Regex { prog, icase })
    }

    /// A regular expression matching `text` literally (`grep -F`).
    pub fn literal(text: &str, icase: bool) -> Regex {
        let t = if icase { text.to_lowercase() } else { text.to_string() };
        let mut prog: Vec<Inst> = t.chars().map(Inst::Char).collect();
        prog.push(Inst::Match);
        Regex { prog, icase }
    }

    fn add(&self, list: &mut Vec<usize>, seen: &mut [usize], stamp: usize, pc: usize, at: usize, len: usize) {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == stamp {
                continue;
            }
            seen[pc] = stamp;
            match &self.prog[pc] {
                Inst::Jmp(t) => stack.push(*t),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Bol => {
                    if at == 0 {
                        stack.push(pc + 1)
                    }
                }
                Inst::Eol => {
                    if at == len {
                        stack.push(pc + 1)
                    }
                }
                _ => list.push(pc),
            }
        }
    }

    /// Whether the expression matches somewhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        let lowered;
        let line = if self.icase {
            lowered = line.to_lowercase();
            &lowered
        } else {
            line
        };
        let chars: Vec<char> = line.chars().collect();
        let mut seen = vec![usize::MAX; self.prog.len()];
        let (mut cur, mut next) = (Vec::new(), Vec::new());
        // Threads of one position share a generation stamp, so each instruction runs once per
        // position; a new search starts at every position (the match is unanchored).
        for at in 0..=chars.len() {
            self.add(&mut cur, &mut seen, at, 0, at, chars.len());
            if cur.iter().any(|&pc| matches!(self.prog[pc], Inst::Match)) {
                return true;
            }
            let Some(x) = chars.get(at) else { break };
            for &pc in &cur {
                let ok = match &self.prog[pc] {
                    Inst::Char(c) => c == x,
                    Inst::Any => true,
                    Inst::Class(r, neg) => in_ranges(r, *x) != *neg,
                    _ => false,
                };
                if ok {
                    self.add(&mut next, &mut seen, at + 1, pc + 1, at + 1, chars.len());
                }
            }
            std::mem::swap(&mut cur, &mut next);
            next.clear();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_patterns() {
        assert!(pmatch("*", "anything"));
        assert!(pmatch("a*b?c", "axxbyc"));
        assert!(!pmatch("a*b?c", "axxbc"));
        assert!(pmatch("[a-c]x", "bx"));
        assert!(pmatch("[!a-c]x", "dx"));
        assert!(pmatch("\\*", "*"));
        assert!(!pmatch("\\*", "a"));
        assert!(pmatch("*.txt", "notes.txt"));
        assert!(pmatch("[[:digit:]]*", "7up"));
        assert!(pmatch("[", "["));
        assert!(has_glob("a*") && !has_glob("a\\*"));
        assert_eq!(trim("/a/b/c.txt", "*/", false, true), "c.txt");
        assert_eq!(trim("/a/b/c.txt", "*/", false, false), "a/b/c.txt");
        assert_eq!(trim("c.tar.gz", ".*", true, false), "c.tar");
        assert_eq!(trim("c.tar.gz", ".*", true, true), "c");
    }

    #[test]
    fn regular_expressions() {
        let m = |p: &str, ere: bool, s: &str| Regex::new(p, ere, false).unwrap().is_match(s);
        assert!(m("hello", false, "say hello world"));
        assert!(m("^nameserver", false, "nameserver 10.96.0.10"));
        assert!(!m("^nameserver", false, "# nameserver"));
        assert!(m("a.c$", false, "xxabc"));
        assert!(m("ab*c", false, "ac"));
        assert!(m("a\\(b\\|x\\)c", false, "axc"));
        assert!(m("(b|x)+c$", true, "abxbc"));
        assert!(!m("^a+$", true, "aab"));
        assert!(m("[0-9][0-9]*", false, "port 80"));
        assert!(Regex::new("ERROR", false, true).unwrap().is_match("an error"));
        assert!(m("x?y", true, "y"));
        assert!(Regex::new("(a", true, false).is_err());
        // Linear time on the classic exponential case.
        let p = format!("{}{}", "a?".repeat(30), "a".repeat(30));
        assert!(m(&p, true, &"a".repeat(30)));
    }
}
