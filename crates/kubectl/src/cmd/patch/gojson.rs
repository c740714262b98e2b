//! Go's `encoding/json` as the API server uses it on a patch body: the syntax checker's
//! messages (`invalid character 's' looking for beginning of object key string`, `unexpected
//! end of JSON input`), the type errors of decoding into a Go map or slice, and Go's `%v` of a
//! decoded value (`map[image:nginx name:web]`), which strategic-merge errors print.
//!
//! Sources (read, not copied): Go `encoding/json/scanner.go` (the state machine, `quoteChar`,
//! `checkValid`), `encoding/json/decode.go` (`UnmarshalTypeError`), `fmt/print.go` (`%v` of maps,
//! slices, nil) and `strconv/ftoa.go` (`%v` of a float64: shortest `%g`, `%e` form when the
//! exponent is below -4 or at least 6).

use serde_json::Value;

/// Parses `text` as Go's `json.Unmarshal` would: the whole input is checked for syntax first
/// (Go's messages), then decoded.
pub fn parse(text: &str) -> Result<Value, String> {
    check_valid(text.as_bytes())?;
    serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("number out of range") {
            "json: cannot unmarshal number into Go value of type float64".to_string()
        } else {
            // Deeper than serde_json's limit, or a lone surrogate: no Go message to match.
            format!("json: {}", msg.split(" at line ").next().unwrap_or(&msg))
        }
    })
}

/// Go's name for a JSON value's type in `UnmarshalTypeError` (`cannot unmarshal array into …`).
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `json: cannot unmarshal <type> into Go value of type <go_type>`.
pub fn unmarshal_type_error(v: &Value, go_type: &str) -> String {
    format!("json: cannot unmarshal {} into Go value of type {go_type}", json_type(v))
}

/// `reflect.TypeOf(v).String()` for a decoded value (integers decode as `int64` where the API
/// server preserves them).
pub fn go_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// Go's `%v` of a decoded JSON value: `map[k:v …]` with sorted keys, `[a b]`, `<nil>`.
pub fn go_value(v: &Value) -> String {
    let mut s = String::new();
    write_go_value(&mut s, v);
    s
}

fn write_go_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) if !n.is_f64() => out.push_str(&i.to_string()),
            (_, Some(u)) if !n.is_f64() => out.push_str(&u.to_string()),
            _ => out.push_str(&go_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_go_value(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_go_value(out, x);
            }
            out.push(']');
        }
    }
}

/// `%v` of a float64: the shortest representation, in `%e` form when the decimal exponent is
/// below -4 or at least 6 (`%g` with the shortest precision: `1e+06`, `123456`).
pub fn go_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `1.5e6`.
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..6).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    format!("{f}")
}

/// Go's `quoteChar`: how the scanner names the offending byte.
fn quote_char(c: u8) -> String {
    match c {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        _ => {
            let q = cluster::validation::go_quote(&char::from(c).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

fn syntax(c: u8, context: &str) -> String {
    format!("invalid character {} {context}", quote_char(c))
}

const EOF: &str = "unexpected end of JSON input";

/// Go's `checkValid`: the scanner's first error over the whole input.
fn check_valid(b: &[u8]) -> Result<(), String> {
    let mut p = Scanner { b, i: 0, depth: 0 };
    p.skip_space();
    p.value()?;
    p.skip_space();
    match p.peek() {
        None => Ok(()),
        Some(c) => Err(syntax(c, "after top-level value")),
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

/// Go's decoder gives up beyond 10000 levels (`maxNestingDepth`); kubeplay's scanner, which
/// recurses, and serde_json give up at 128.
const MAX_DEPTH: usize = 128;

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Result<u8, String> {
        let c = self.peek().ok_or_else(|| EOF.to_string())?;
        self.i += 1;
        Ok(c)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Result<(), String> {
        let c = self.next()?;
        match c {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(c),
            b't' => self.literal(b"rue", "true"),
            b'f' => self.literal(b"alse", "false"),
            b'n' => self.literal(b"ull", "null"),
            c => Err(syntax(c, "looking for beginning of value")),
        }
    }

    fn nest(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("exceeded max depth".into());
        }
        Ok(())
    }

    fn object(&mut self) -> Result<(), String> {
        self.nest()?;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.i += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            self.skip_space();
            match self.next()? {
                b'"' => self.string()?,
                c => return Err(syntax(c, "looking for beginning of object key string")),
            }
            self.skip_space();
            match self.next()? {
                b':' => {}
                c => return Err(syntax(c, "after object key")),
            }
            self.skip_space();
            self.value()?;
            self.skip_space();
            match self.next()? {
                b',' => continue,
                b'}' => {
                    self.depth -= 1;
                    return Ok(());
                }
                c => return Err(syntax(c, "after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<(), String> {
        self.nest()?;
        self.skip_space();
        if self.peek() == Some(b']') {
            self.i += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            self.skip_space();
            self.value()?;
            self.skip_space();
            match self.next()? {
                b',' => continue,
                b']' => {
                    self.depth -= 1;
                    return Ok(());
                }
                c => return Err(syntax(c, "after array element")),
            }
        }
    }

    fn string(&mut self) -> Result<(), String> {
        loop {
            match self.next()? {
                b'"' => return Ok(()),
                b'\\' => match self.next()? {
                    b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"' => {}
                    b'u' => {
                        for _ in 0..4 {
                            let c = self.next()?;
                            if !c.is_ascii_hexdigit() {
                                return Err(syntax(c, "in \\u hexadecimal character escape"));
                            }
                        }
                    }
                    c => return Err(syntax(c, "in string escape code")),
                },
                c if c < 0x20 => return Err(syntax(c, "in string literal")),
                _ => {}
            }
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    fn number(&mut self, first: u8) -> Result<(), String> {
        let first = if first == b'-' {
            match self.next()? {
                c @ b'0'..=b'9' => c,
                c => return Err(syntax(c, "in numeric literal")),
            }
        } else {
            first
        };
        if first != b'0' {
            self.digits();
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            match self.next()? {
                b'0'..=b'9' => self.digits(),
                c => return Err(syntax(c, "after decimal point in numeric literal")),
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            let mut c = self.next()?;
            if c == b'+' || c == b'-' {
                c = self.next()?;
            }
            if !c.is_ascii_digit() {
                return Err(syntax(c, "in exponent of numeric literal"));
            }
            self.digits();
        }
        Ok(())
    }

    fn literal(&mut self, rest: &[u8], word: &str) -> Result<(), String> {
        for &want in rest {
            let c = self.next()?;
            if c != want {
                return Err(syntax(c, &format!("in literal {word} (expecting {})", quote_char(want))));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn syntax_errors_read_like_go() {
        let e = |s: &str| parse(s).unwrap_err();
        assert_eq!(e("{spec:{replicas:3}}"), "invalid character 's' looking for beginning of object key string");
        assert_eq!(e("{\"spec\":"), "unexpected end of JSON input");
        assert_eq!(e(""), "unexpected end of JSON input");
        assert_eq!(e("{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(e("{\"a\":1 \"b\":2}"), "invalid character '\"' after object key:value pair");
        assert_eq!(e("[1 2]"), "invalid character '2' after array element");
        assert_eq!(e("{} x"), "invalid character 'x' after top-level value");
        assert_eq!(e("{'a':1}"), "invalid character '\\'' looking for beginning of object key string");
        assert_eq!(e("[tru]"), "invalid character ']' in literal true (expecting 'e')");
        assert_eq!(e("[01]"), "invalid character '1' after array element");
        assert_eq!(e("[1.]"), "invalid character ']' after decimal point in numeric literal");
        assert_eq!(e("[\"\\x\"]"), "invalid character 'x' in string escape code");
        assert_eq!(e("[\"a\tb\"]"), "invalid character '\\t' in string literal");
        assert_eq!(e("[-]"), "invalid character ']' in numeric literal");
    }

    #[test]
    fn valid_documents_decode() {
        assert_eq!(parse(" {\"a\": [1, 2.5, -3e2, true, null, \"x\\u00e9\"]} ").unwrap(), json!({"a": [1, 2.5, -300.0, true, null, "xé"]}));
    }

    #[test]
    fn go_formatting() {
        assert_eq!(go_value(&json!({"name": "web", "ports": [80, 443], "x": null, "f": 1.5})), "map[f:1.5 name:web ports:[80 443] x:<nil>]");
        assert_eq!(go_float(1e6), "1e+06");
        assert_eq!(go_float(1234567.0), "1.234567e+06");
        assert_eq!(go_float(123456.0), "123456");
        assert_eq!(go_float(0.00001), "1e-05");
        assert_eq!(go_type_name(&json!([1])), "[]interface {}");
        assert_eq!(unmarshal_type_error(&json!([1]), "map[string]interface {}"), "json: cannot unmarshal array into Go value of type map[string]interface {}");
    }
}
