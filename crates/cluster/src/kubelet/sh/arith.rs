//! Shell arithmetic (`$(( … ))`): 64-bit integers with wrapping, C operators and precedence,
//! variables by name, assignments (`=`, `+=`, …, `++`, `--`). Errors are ash's texts.

/// Variable access for arithmetic.
pub trait Vars {
    fn get(&self, name: &str) -> Option<String>;
    fn set(&mut self, name: &str, value: String);
}

const SYNTAX: &str = "arithmetic syntax error";
const MAX_DEPTH: u32 = 64;

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: [&str; 36] = [
    "<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*",
    "/", "%", "<", ">", "!", "~", "&", "|", "^", "?", ":", "=",
];

/// Parses an integer as the shell does: decimal, `0x` hex, leading-`0` octal, optional sign and
/// surrounding blanks.
pub fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\n');
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if t.is_empty() {
        return None;
    }
    let v = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()? as i64
    } else if t.len() > 1 && t.starts_with('0') {
        u64::from_str_radix(&t[1..], 8).ok()? as i64
    } else {
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse::<u64>().ok()? as i64
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

fn lex(s: &str) -> Result<Vec<T>, String> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    'outer: while i < b.len() {
        let c = b[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let st = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let text: String = b[st..i].iter().collect();
            out.push(T::Num(parse_int(&text).ok_or(SYNTAX)?));
            continue;
        }
        if c == '_' || c.is_ascii_alphabetic() {
            let st = i;
            while i < b.len() && (b[i] == '_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            out.push(T::Name(b[st..i].iter().collect()));
            continue;
        }
        if c == '(' || c == ')' {
            out.push(T::Op(if c == '(' { "(" } else { ")" }));
            i += 1;
            continue;
        }
        for op in OPS {
            if op.chars().enumerate().all(|(k, oc)| b.get(i + k) == Some(&oc)) {
                out.push(T::Op(op));
                i += op.len();
                continue 'outer;
            }
        }
        return Err(SYNTAX.into());
    }
    Ok(out)
}

struct P<'a> {
    t: Vec<T>,
    i: usize,
    vars: &'a mut dyn Vars,
    depth: u32,
}

/// A value, and the variable it was read from (for assignments).
type V = (i64, Option<String>);

impl P<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.t.get(self.i) {
            Some(T::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn var(&mut self, name: &str, live: bool) -> Result<i64, String> {
        let mut v = self.vars.get(name).unwrap_or_default();
        // A variable may hold a name, which is followed (a few times at most).
        for _ in 0..8 {
            if v.trim().is_empty() {
                return Ok(0);
            }
            if let Some(n) = parse_int(&v) {
                return Ok(n);
            }
            if !live || !super::parser::is_name(v.trim()) {
                break;
            }
            v = self.vars.get(v.trim()).unwrap_or_default();
        }
        if live {
            Err(SYNTAX.into())
        } else {
            Ok(0)
        }
    }

    fn assign(&mut self, live: bool) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SYNTAX.into());
        }
        let r = self.assign_inner(live);
        self.depth -= 1;
        r
    }

    fn assign_inner(&mut self, live: bool) -> Result<i64, String> {
        if let (Some(T::Name(name)), Some(T::Op(op))) = (self.t.get(self.i).cloned(), self.t.get(self.i + 1).cloned()) {
            if matches!(op, "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=") {
                self.i += 2;
                let rhs = self.assign(live)?;
                let v = if op == "=" {
                    rhs
                } else {
                    let cur = self.var(&name, live)?;
                    binop(&op[..op.len() - 1], cur, rhs, live)?
                };
                if live {
                    self.vars.set(&name, v.to_string());
                }
                return Ok(v);
            }
        }
        self.ternary(live)
    }

    fn ternary(&mut self, live: bool) -> Result<i64, String> {
        let c = self.binary(0, live)?;
        if self.eat("?") {
            let a = self.assign(live && c != 0)?;
            if !self.eat(":") {
                return Err(SYNTAX.into());
            }
            let b = self.ternary(live && c == 0)?;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }

    fn binary(&mut self, level: usize, live: bool) -> Result<i64, String> {
        const LEVELS: [&[&str]; 10] =
            [&["||"], &["&&"], &["|"], &["^"], &["&"], &["==", "!="], &["<", ">", "<=", ">="], &["<<", ">>"], &["+", "-"], &["*", "/", "%"]];
        if level == LEVELS.len() {
            return self.unary(live);
        }
        let mut l = self.binary(level + 1, live)?;
        while let Some(op) = self.peek_op().filter(|o| LEVELS[level].contains(o)) {
            self.i += 1;
            let r = match op {
                "&&" => self.binary(level + 1, live && l != 0)?,
                "||" => self.binary(level + 1, live && l == 0)?,
                _ => self.binary(level + 1, live)?,
            };
            l = match op {
                "&&" => i64::from(l != 0 && r != 0),
                "||" => i64::from(l != 0 || r != 0),
                _ => binop(op, l, r, live)?,
            };
        }
        Ok(l)
    }

    fn unary(&mut self, live: bool) -> Result<i64, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SYNTAX.into());
        }
        let r = self.unary_inner(live);
        self.depth -= 1;
        r
    }

    fn unary_inner(&mut self, live: bool) -> Result<i64, String> {
        match self.peek_op() {
            Some(op @ ("+" | "-" | "!" | "~")) => {
                self.i += 1;
                let v = self.unary(live)?;
                Ok(match op {
                    "+" => v,
                    "-" => v.wrapping_neg(),
                    "!" => i64::from(v == 0),
                    _ => !v,
                })
            }
            Some(op @ ("++" | "--")) => {
                self.i += 1;
                let Some(T::Name(name)) = self.t.get(self.i).cloned() else { return Err(SYNTAX.into()) };
                self.i += 1;
                let v = self.var(&name, live)?.wrapping_add(if op == "++" { 1 } else { -1 });
                if live {
                    self.vars.set(&name, v.to_string());
                }
                Ok(v)
            }
            _ => self.postfix(live),
        }
    }

    fn postfix(&mut self, live: bool) -> Result<i64, String> {
        let (v, name): V = match self.t.get(self.i).cloned() {
            Some(T::Num(n)) => {
                self.i += 1;
                (n, None)
            }
            Some(T::Name(n)) => {
                self.i += 1;
                (self.var(&n, live)?, Some(n))
            }
            Some(T::Op("(")) => {
                self.i += 1;
                let v = self.assign(live)?;
                if !self.eat(")") {
                    return Err(SYNTAX.into());
                }
                (v, None)
            }
            _ => return Err(SYNTAX.into()),
        };
        if let (Some(op @ ("++" | "--")), Some(name)) = (self.peek_op(), name) {
            self.i += 1;
            if live {
                self.vars.set(&name, v.wrapping_add(if op == "++" { 1 } else { -1 }).to_string());
            }
        }
        Ok(v)
    }
}

fn binop(op: &str, l: i64, r: i64, live: bool) -> Result<i64, String> {
    Ok(match op {
        "+" => l.wrapping_add(r),
        "-" => l.wrapping_sub(r),
        "*" => l.wrapping_mul(r),
        "/" | "%" => {
            if r == 0 {
                return if live { Err("divide by zero".into()) } else { Ok(0) };
            }
            if op == "/" {
                l.wrapping_div(r)
            } else {
                l.wrapping_rem(r)
            }
        }
        "<<" => l.wrapping_shl(r as u32),
        ">>" => l.wrapping_shr(r as u32),
        "&" => l & r,
        "|" => l | r,
        "^" => l ^ r,
        "==" => i64::from(l == r),
        "!=" => i64::from(l != r),
        "<" => i64::from(l < r),
        ">" => i64::from(l > r),
        "<=" => i64::from(l <= r),
        ">=" => i64::from(l >= r),
        _ => return Err(SYNTAX.into()),
    })
}

/// Evaluates an arithmetic expression (already parameter-expanded). The empty expression is 0.
pub fn eval(expr: &str, vars: &mut dyn Vars) -> Result<i64, String> {
    let t = lex(expr)?;
    if t.is_empty() {
        return Ok(0);
    }
    let mut p = P { t, i: 0, vars, depth: 0 };
    let v = p.assign(true)?;
    if p.i != p.t.len() {
        return Err(SYNTAX.into());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct M(BTreeMap<String, String>);
    impl Vars for M {
        fn get(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
        fn set(&mut self, name: &str, value: String) {
            self.0.insert(name.into(), value);
        }
    }

    #[test]
    fn arithmetic() {
        let mut m = M(BTreeMap::new());
        m.set("i", "5".into());
        let mut e = |s: &str| eval(s, &mut m);
        assert_eq!(e("1 + 2 * 3"), Ok(7));
        assert_eq!(e("(1 + 2) * 3"), Ok(9));
        assert_eq!(e("i + 1"), Ok(6));
        assert_eq!(e("i += 2"), Ok(7));
        assert_eq!(e("i++"), Ok(7));
        assert_eq!(e("i"), Ok(8));
        assert_eq!(e("--i"), Ok(7));
        assert_eq!(e("10 / 3 % 2"), Ok(1));
        assert_eq!(e("-7 / 2"), Ok(-3));
        assert_eq!(e("3 > 2 && 1 < 0 || 5 == 5"), Ok(1));
        assert_eq!(e("0 && 1/0"), Ok(0));
        assert_eq!(e("1 ? 2 : 3"), Ok(2));
        assert_eq!(e("0x10 + 010"), Ok(24));
        assert_eq!(e("unset_var + 1"), Ok(1));
        assert_eq!(e("1 / 0"), Err("divide by zero".into()));
        assert_eq!(e("1 +"), Err(SYNTAX.into()));
        assert_eq!(e("9223372036854775807 + 1"), Ok(i64::MIN));
        assert!(e(&"(".repeat(1000)).is_err());
        assert!(e(&"-".repeat(1000)).is_err());
    }
}
