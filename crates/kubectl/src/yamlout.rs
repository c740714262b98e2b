//! `kubectl get -o yaml` and `kubectl get -o json`, byte for byte as kubectl 1.31 prints them.
//!
//! # What kubectl does
//!
//! `kubectl get` holds unstructured objects (`map[string]interface{}` decoded from the server's
//! JSON), so:
//!
//! * `-o json` (cli-runtime `JSONPrinter`) is `json.MarshalIndent(obj, "", "    ")` plus `"\n"`:
//!   map keys in byte order, 4-space indent, `{}` / `[]` for empty collections, Go's string
//!   escaping with `escapeHTML` on (`<` `>` `&` U+2028 U+2029 as `\u003c` … `\u2029`; since Go
//!   1.22 `\b` and `\f` are short escapes) and Go's float formatting. See [`to_json`].
//! * `-o yaml` (cli-runtime `YAMLPrinter`) is `sigs.k8s.io/yaml.Marshal(obj)`: `json.Marshal`,
//!   then `JSONToYAML`, which *decodes the JSON with go-yaml v2* into `interface{}` (so JSON
//!   numbers become `int`/`uint64`/`float64` by go-yaml's resolver, strings stay strings) and
//!   re-encodes it with go-yaml v2's `Marshal`. sigs.k8s.io/yaml v1.4.0 (kubectl 1.31) uses its
//!   fork `goyaml.v2`, "based on v2.4.0". See [`to_yaml`].
//!
//! # go-yaml v2 rules reimplemented here (read in source, not copied)
//!
//! * `encode.go` `stringv`: a string is emitted LITERAL if it contains `"\n"`; otherwise PLAIN
//!   if `resolve("", s)` gives `!!str` and it is not a base-60 float (`isBase60Float`);
//!   otherwise DOUBLE-QUOTED. Numbers, bools and null are PLAIN. Map keys are sorted with
//!   `sorter.go` `keyList.Less` (a "natural" order: digit runs compare numerically, non-letters
//!   sort before letters) — *not* byte order. `floatv` formats with
//!   `strconv.FormatFloat(f, 'g', -1, 64)`.
//! * `resolve.go` `resolve`: the first byte picks a hint (`+-` sign, digit, one of
//!   `yYnNtTfFoO~`, `.`); the resolve map (YAML 1.1 bools `y/yes/on/…`, nulls `~/null/…`,
//!   `.inf/.nan`); then timestamps (`parseTimestamp`: 4 digits, `-`, then Go `time.Parse`
//!   with `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`, `2006-1-2 15:4:5.999999999`,
//!   `2006-1-2`), `strconv.ParseInt(plain, 0, 64)`, `ParseUint`, the `yamlStyleFloat` regexp +
//!   `ParseFloat`, and `0b`/`-0b` binary. The big-integer branch of newer goyaml.v2 forks
//!   (added to sigs.k8s.io/yaml after v1.4.0) is left out on purpose.
//! * `emitterc.go`: `yaml_emitter_analyze_scalar` (indicators, leading/trailing space and
//!   breaks, special characters), `yaml_emitter_select_scalar_style` (PLAIN → SINGLE when plain
//!   is not allowed → DOUBLE when single is not allowed; LITERAL → DOUBLE when a block scalar is
//!   not allowed or in a simple key), `yaml_emitter_check_simple_key` (≤ 128 bytes, one line;
//!   else the `? key` / `: value` form), the block/flow sequence and mapping states (a sequence
//!   that is a mapping value is "indentless": `- ` at the key's column), `write_indent`,
//!   `write_indicator`, and the writers `yaml_emitter_write_{plain,single_quoted,double_quoted,
//!   literal}_scalar` and `yaml_emitter_write_block_scalar_hints` (`|`, `|-`, `|+`, indentation
//!   hint `|2`). `yamlprivateh.go`: `is_printable` (no tab, no CR, no DEL, no C1 controls, no
//!   U+FEFF/FFFE/FFFF, *nothing outside the BMP*: emoji are double-quoted as `\U0001F600`),
//!   `is_break` (CR, LF, NEL, LS, PS), `is_bom` (looks at the *start* of the value).
//! * Line width. goyaml.v2 `apic.go` `yaml_emitter_initialize` leaves `best_width` at 0 unless
//!   `FutureLineWrap()` set `disableLineWrapping` (kubectl never calls it), and
//!   `yaml_emitter_emit_stream_start` turns a width ≤ 2×indent into 80. So plain, single- and
//!   double-quoted scalars that are not keys are folded: at the first space of a run, when the
//!   column *already exceeds* 80 and (plain, single) the next character is not a space, the
//!   space becomes a line break plus the scalar's indentation (its parent's indent + 2).
//!   Literal scalars and keys are never folded. `yaml_emitter_set_unicode(true)` (`newEncoder`)
//!   keeps printable non-ASCII as is.
//!
//! Assumed rather than read: Go's `unicode.IsLetter` / `unicode.IsDigit` in the key sorter are
//! approximated by Rust's `char::is_alphabetic` / Nd-ish checks (identical for ASCII); strings
//! that go-yaml's *reader* would reject when re-reading the JSON (raw DEL, U+FFFE/U+FFFF) are
//! printed rather than turned into kubectl's error.

use serde_json::{Map, Number, Value};

/// go-yaml's `best_indent` (never changed by sigs.k8s.io/yaml).
const BEST_INDENT: i32 = 2;
/// go-yaml v2's default `best_width` (see the module docs on line folding).
const BEST_WIDTH: usize = 80;
/// `yaml_emitter_check_simple_key`: longer keys are written as `? key`.
const MAX_SIMPLE_KEY_BYTES: usize = 128;

/// `kubectl get -o yaml` of one object: go-yaml v2's output for the object's JSON.
pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter::new();
    // Stream start, an implicit first document (no `---`), the root node, then the implicit
    // document end (`yaml_emitter_emit_document_end`: one `write_indent`, no `...`).
    e.emit_node(v, false, false);
    e.write_indent();
    e.out
}

/// `kubectl get -o json` of one object: `json.MarshalIndent(obj, "", "    ")` and a newline.
pub fn to_json(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v, 0);
    out.push('\n');
    out
}

/// The wrapper `kubectl get` prints when it lists (`kubectl get pods -o yaml`, or several
/// names): kubectl's `get.go` builds an `UnstructuredList` with `kind: List`,
/// `apiVersion: v1`, `metadata: {resourceVersion: ""}` and the items.
pub fn list_value(items: Vec<Value>) -> Value {
    let mut metadata = Map::new();
    metadata.insert("resourceVersion".to_string(), Value::String(String::new()));
    let mut list = Map::new();
    list.insert("apiVersion".to_string(), Value::String("v1".to_string()));
    list.insert("items".to_string(), Value::Array(items));
    list.insert("kind".to_string(), Value::String("List".to_string()));
    list.insert("metadata".to_string(), Value::Object(metadata));
    Value::Object(list)
}

/// `kubectl get … -o yaml` for a list of objects (see [`list_value`]).
pub fn list_to_yaml(items: Vec<Value>) -> String {
    to_yaml(&list_value(items))
}

/// `kubectl get … -o json` for a list of objects (see [`list_value`]).
pub fn list_to_json(items: Vec<Value>) -> String {
    to_json(&list_value(items))
}

// ---------------------------------------------------------------------------------------------
// JSON (Go encoding/json)
// ---------------------------------------------------------------------------------------------

fn json_indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn write_json(out: &mut String, v: &Value, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_json_number(n)),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                json_indent(out, depth + 1);
                write_json(out, item, depth + 1);
            }
            out.push('\n');
            json_indent(out, depth);
            out.push(']');
        }
        Value::Object(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return;
            }
            // Go sorts map keys with strings.Compare: byte order.
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                json_indent(out, depth + 1);
                write_json_string(out, k);
                out.push_str(": ");
                if let Some(val) = m.get(k.as_str()) {
                    write_json(out, val, depth + 1);
                }
            }
            out.push('\n');
            json_indent(out, depth);
            out.push('}');
        }
    }
}

/// Go's `encodeState.string` with `escapeHTML` (Go ≥ 1.22: `\b` and `\f` are short escapes).
fn write_json_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{0}'..='\u{1f}' => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0xf]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

fn go_json_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    go_json_float(n.as_f64().unwrap_or(0.0))
}

// ---------------------------------------------------------------------------------------------
// Go float formatting (strconv shortest digits)
// ---------------------------------------------------------------------------------------------

/// The shortest decimal digits of |f| (f finite, non-zero) and the decimal point position:
/// |f| = 0.d1d2…dn × 10^dp. Rust's `{:e}` prints the same shortest round-trip digits as Go.
fn shortest_digits(f: f64) -> (Vec<u8>, i32) {
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((s.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp + 1)
}

/// strconv `fmtE` with all the shortest digits: `d.ddde±XX` (at least two exponent digits).
fn fmt_e(neg: bool, digits: &[u8], dp: i32) -> String {
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push(char::from(*digits.first().unwrap_or(&b'0')));
    if digits.len() > 1 {
        s.push('.');
        for &d in &digits[1..] {
            s.push(char::from(d));
        }
    }
    s.push('e');
    let exp = dp - 1;
    s.push(if exp < 0 { '-' } else { '+' });
    let exp = exp.unsigned_abs();
    if exp < 10 {
        s.push('0');
    }
    s.push_str(&exp.to_string());
    s
}

/// strconv `fmtF` with `max(nd-dp, 0)` decimals (the shortest 'f' form).
fn fmt_f(neg: bool, digits: &[u8], dp: i32) -> String {
    let nd = digits.len() as i32;
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if dp > 0 {
        for i in 0..dp {
            s.push(if i < nd {
                char::from(digits[i as usize])
            } else {
                '0'
            });
        }
    } else {
        s.push('0');
    }
    let prec = (nd - dp).max(0);
    if prec > 0 {
        s.push('.');
        for i in 1..=prec {
            let j = dp + i - 1;
            s.push(if (0..nd).contains(&j) {
                char::from(digits[j as usize])
            } else {
                '0'
            });
        }
    }
    s
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`: %e when the exponent is < -4 or ≥ 6 (the shortest
/// mode's fixed `eprec`), else %f.
fn go_format_g(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let (digits, dp) = shortest_digits(f);
    let exp = dp - 1;
    if !(-4..6).contains(&exp) {
        fmt_e(f < 0.0, &digits, dp)
    } else {
        fmt_f(f < 0.0, &digits, dp)
    }
}

/// encoding/json `floatEncoder`: 'f' unless |f| < 1e-6 or ≥ 1e21, then 'e' with `e-07`
/// cleaned up to `e-7`.
fn go_json_float(f: f64) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let (digits, dp) = shortest_digits(f);
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let mut s = fmt_e(f < 0.0, &digits, dp);
        let n = s.len();
        let b = s.as_bytes();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            s.remove(n - 2);
        }
        s
    } else {
        fmt_f(f < 0.0, &digits, dp)
    }
}

/// A JSON number as go-yaml re-encodes it after decoding Go's JSON text: integral text becomes
/// an int (`ParseInt`, then `ParseUint`), anything else a float printed with 'g'.
fn yaml_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let text = go_json_float(f);
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        if let Ok(i) = text.parse::<i64>() {
            return i.to_string();
        }
        if let Ok(u) = text.parse::<u64>() {
            return u.to_string();
        }
    }
    go_format_g(f)
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 resolver: would this string, written plain, read back as something else?
// ---------------------------------------------------------------------------------------------

/// resolve.go's `resolveMap` keys.
const RESOLVE_MAP: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No",
    "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan",
    ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    "<<",
];

/// `resolve("", s)` returns `!!str`.
fn resolves_to_str(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false; // "" is null
    };
    let hint = match first {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        _ => return true,
    };
    if RESOLVE_MAP.contains(&s) {
        return false;
    }
    match hint {
        b'M' => true,
        b'.' => !go_dot_float_ok(s),
        _ => {
            if is_yaml_timestamp(s) {
                return false;
            }
            let plain = s.replace('_', "");
            if go_parse_int(&plain, 0) || go_parse_uint(&plain, 0).is_some() {
                return false;
            }
            if yaml_style_float(plain.as_bytes()) && parse_finite(&plain) {
                return false;
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                if go_parse_int(rest, 2) || go_parse_uint(rest, 2).is_some() {
                    return false;
                }
            } else if let Some(rest) = plain.strip_prefix("-0b") {
                if go_parse_int(&format!("-{rest}"), 2) {
                    return false;
                }
            }
            true
        }
    }
}

/// `strconv.ParseUint(s, base, 64)` succeeds (base 0: `0b`/`0o`/`0x`/leading-`0` prefixes).
/// Underscores are already stripped by the caller.
fn go_parse_uint(s: &str, base: u32) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (base, digits) = if base == 0 {
        if b[0] == b'0' {
            let second = b.get(1).map(u8::to_ascii_lowercase);
            match second {
                Some(b'b') if b.len() >= 3 => (2, &b[2..]),
                Some(b'o') if b.len() >= 3 => (8, &b[2..]),
                Some(b'x') if b.len() >= 3 => (16, &b[2..]),
                _ => (8, &b[1..]),
            }
        } else {
            (10, b)
        }
    } else {
        (base, b)
    };
    let mut n: u64 = 0;
    for &c in digits {
        let d = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'a'..=b'z' | b'A'..=b'Z' => u32::from(c.to_ascii_lowercase() - b'a') + 10,
            _ => return None,
        };
        if d >= base {
            return None;
        }
        n = n.checked_mul(u64::from(base))?.checked_add(u64::from(d))?;
    }
    Some(n)
}

/// `strconv.ParseInt(s, base, 64)` succeeds.
fn go_parse_int(s: &str, base: u32) -> bool {
    let (neg, rest) = if let Some(r) = s.strip_prefix('+') {
        (false, r)
    } else if let Some(r) = s.strip_prefix('-') {
        (true, r)
    } else {
        (false, s)
    };
    match go_parse_uint(rest, base) {
        Some(u) if neg => u <= 1u64 << 63,
        Some(u) => u <= i64::MAX as u64,
        None => false,
    }
}

/// resolve.go `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &[u8]) -> bool {
    let n = s.len();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < n && s[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if i < n && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    if i < n && s[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < n && s[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < n && (s[i] == b'e' || s[i] == b'E') {
        i += 1;
        if i < n && (s[i] == b'+' || s[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == n
}

/// A syntactically valid decimal float (as checked by the caller) that `strconv.ParseFloat`
/// accepts without a range error (overflow to ±Inf is an error; underflow is not).
fn parse_finite(s: &str) -> bool {
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().map(f64::is_finite).unwrap_or(false)
}

/// strconv's `underscoreOK`: underscores only between digits (or after a base prefix).
fn go_underscore_ok(s: &[u8]) -> bool {
    let mut s = s;
    if let Some(&c) = s.first() {
        if c == b'-' || c == b'+' {
            s = &s[1..];
        }
    }
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(s[1].to_ascii_lowercase(), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = s[1].eq_ignore_ascii_case(&b'x');
    }
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c.is_ascii_digit() || (hex && matches!(c.to_ascii_lowercase(), b'a'..=b'f')) {
            saw = b'0';
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
    }
    saw != b'_'
}

/// `strconv.ParseFloat(s, 64)` succeeds for a string starting with `.` (resolve's `.` hint):
/// strconv `readFloat` (digits and `_`, one dot, optional exponent), `underscoreOK`, no
/// overflow.
fn go_dot_float_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut i, mut sawdot, mut sawdigits, mut underscores) = (0, false, false, false);
    while i < b.len() {
        match b[i] {
            b'_' => underscores = true,
            b'.' if sawdot => break,
            b'.' => sawdot = true,
            b'0'..=b'9' => sawdigits = true,
            _ => break,
        }
        i += 1;
    }
    if !sawdigits {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if i >= b.len() || !b[i].is_ascii_digit() {
            return false;
        }
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            underscores |= b[i] == b'_';
            i += 1;
        }
    }
    if i != b.len() || (underscores && !go_underscore_ok(b)) {
        return false;
    }
    parse_finite(&format!("0{s}"))
}

/// encode.go `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    let Some(&c) = b.first() else {
        return false;
    };
    if !(c == b'+' || c == b'-' || c.is_ascii_digit()) || !b.contains(&b':') {
        return false;
    }
    let mut i = 0;
    if b[i] == b'+' || b[i] == b'-' {
        i += 1;
    }
    if i >= n || !b[i].is_ascii_digit() {
        return false;
    }
    while i < n && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < n && b[i] == b':' {
        i += 1;
        // `[0-5]?[0-9]`: two characters when possible (one digit followed by a digit could
        // not be followed by `:`, `.` or the end).
        if i + 1 < n && (b'0'..=b'5').contains(&b[i]) && b[i + 1].is_ascii_digit() {
            i += 2;
        } else if i < n && b[i].is_ascii_digit() {
            i += 1;
        } else {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < n && b[i] == b'.' {
        i += 1;
        while i < n && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == n
}

/// resolve.go `parseTimestamp`: `YYYY-` and then one of the allowed Go layouts parses.
fn is_yaml_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 || digits == b.len() || b[4] != b'-' {
        return false;
    }
    [
        (Some(b'T'), true),
        (Some(b't'), true),
        (Some(b' '), false),
        (None, false),
    ]
    .iter()
    .any(|&(sep, zone)| go_time_parse(b, sep, zone).is_some())
}

/// Go `time.Parse` for `2006-1-2` + (sep `15:4:5.999999999` + (`Z07:00`)). `sep` `b' '` is a
/// layout space (matches a run of spaces, as Go's `skip`).
fn go_time_parse(b: &[u8], sep: Option<u8>, zone: bool) -> Option<()> {
    // getnum(value, false): one or two digits.
    fn getnum(b: &[u8], p: &mut usize) -> Option<u32> {
        let d0 = *b.get(*p).filter(|c| c.is_ascii_digit())?;
        *p += 1;
        let mut n = u32::from(d0 - b'0');
        if let Some(&d1) = b.get(*p).filter(|c| c.is_ascii_digit()) {
            *p += 1;
            n = n * 10 + u32::from(d1 - b'0');
        }
        Some(n)
    }
    fn expect(b: &[u8], p: &mut usize, c: u8) -> Option<()> {
        if b.get(*p) == Some(&c) {
            *p += 1;
            Some(())
        } else {
            None
        }
    }
    fn fixed2(hi: u8, lo: u8) -> Option<u32> {
        if hi.is_ascii_digit() && lo.is_ascii_digit() {
            Some(u32::from(hi - b'0') * 10 + u32::from(lo - b'0'))
        } else {
            None
        }
    }
    let year = b
        .get(..4)?
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let mut p = 4;
    expect(b, &mut p, b'-')?;
    let month = getnum(b, &mut p)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    expect(b, &mut p, b'-')?;
    let day = getnum(b, &mut p)?;
    if let Some(sep) = sep {
        if sep == b' ' {
            if p < b.len() && b[p] != b' ' {
                return None;
            }
            while p < b.len() && b[p] == b' ' {
                p += 1;
            }
        } else {
            expect(b, &mut p, sep)?;
        }
        if getnum(b, &mut p)? >= 24 {
            return None;
        }
        expect(b, &mut p, b':')?;
        if getnum(b, &mut p)? >= 60 {
            return None;
        }
        expect(b, &mut p, b':')?;
        if getnum(b, &mut p)? >= 60 {
            return None;
        }
        // stdFracSecond9: optional `.` or `,` and any number of digits.
        if p + 1 < b.len() && (b[p] == b'.' || b[p] == b',') && b[p + 1].is_ascii_digit() {
            p += 1;
            while p < b.len() && b[p].is_ascii_digit() {
                p += 1;
            }
        }
        if zone {
            if b.get(p) == Some(&b'Z') {
                p += 1;
            } else {
                let z = b.get(p..p + 6)?;
                if z[3] != b':' {
                    return None;
                }
                let (hh, mm) = (fixed2(z[1], z[2])?, fixed2(z[4], z[5])?);
                if hh > 24 || mm > 60 || !(z[0] == b'+' || z[0] == b'-') {
                    return None;
                }
                p += 6;
            }
        }
    }
    if p != b.len() {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return None;
    }
    Some(())
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 key order (sorter.go keyList.Less, string keys)
// ---------------------------------------------------------------------------------------------

fn go_is_letter(c: char) -> bool {
    c.is_alphabetic()
}

fn go_is_digit(c: char) -> bool {
    c.is_ascii_digit() || (u32::from(c) > 0xff && c.is_numeric())
}

fn yaml_key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = go_is_letter(ar[i]);
        let bl = go_is_letter(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 {
                j -= 1;
                if !go_is_digit(ar[j]) {
                    break;
                }
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let digit_val = |c: char| i64::from(u32::from(c)) - i64::from(u32::from('0'));
        let mut ai = i;
        while ai < ar.len() && go_is_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(digit_val(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && go_is_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(digit_val(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// The entries of a map in go-yaml's order. Insertion sort for short maps (what Go's
/// `sort.Sort` does for ≤ 12 elements), a merge sort otherwise; neither can panic on an odd
/// comparison.
fn sorted_entries(m: &Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut v: Vec<(&str, &Value)> = m.iter().map(|(k, val)| (k.as_str(), val)).collect();
    if v.len() <= 12 {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && yaml_key_less(v[j].0, v[j - 1].0) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        v
    } else {
        merge_sort(v)
    }
}

fn merge_sort<'a>(v: Vec<(&'a str, &'a Value)>) -> Vec<(&'a str, &'a Value)> {
    if v.len() <= 1 {
        return v;
    }
    let mut left = v;
    let right = left.split_off(left.len() / 2);
    let (left, right) = (merge_sort(left), merge_sort(right));
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => yaml_key_less(b.0, a.0),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right { r.next() } else { l.next() };
        if let Some(item) = next {
            out.push(item);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2 emitter
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

/// yamlprivateh.go `is_printable`, for a whole character.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

/// yamlprivateh.go `is_break`: CR, LF, NEL, LS, PS.
fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `is_blankz`: blank, break, or NUL.
fn is_blankz(c: char) -> bool {
    is_blank(c) || is_break(c) || c == '\0'
}

/// What `yaml_emitter_analyze_scalar` concludes about a value.
#[derive(Debug)]
struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(value: &str) -> Analysis {
    if value.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let (mut block_ind, mut flow_ind) = (false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_ind = true;
        flow_ind = true;
    }
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    let mut preceded_by_ws = true;
    let chars: Vec<char> = value.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let first = i == 0;
        let last = i + 1 == chars.len();
        let followed_by_ws = chars.get(i + 1).is_none_or(|&n| is_blank(n));
        if first {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_ind = true;
                    block_ind = true;
                }
                '?' | ':' => {
                    flow_ind = true;
                    block_ind |= followed_by_ws;
                }
                '-' if followed_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_ind = true,
                ':' => {
                    flow_ind = true;
                    block_ind |= followed_by_ws;
                }
                '#' if preceded_by_ws => {
                    flow_ind = true;
                    block_ind = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            leading_space |= first;
            trailing_space |= last;
            break_space |= prev_break;
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= first;
            trailing_break |= last;
            space_break |= prev_space;
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = is_blankz(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_ind {
        a.flow_plain_allowed = false;
    }
    if block_ind {
        a.block_plain_allowed = false;
    }
    a
}

/// encode.go `stringv`: the style go-yaml asks the emitter for.
fn string_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_to_str(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::Double
    }
}

fn is_simple_key(k: &str) -> bool {
    !analyze(k).multiline && k.len() <= MAX_SIMPLE_KEY_BYTES
}

/// The emitter state that matters for block output (go-yaml `yaml_emitter_t`).
struct Emitter {
    out: String,
    indent: i32,
    indents: Vec<i32>,
    flow_level: usize,
    /// In characters, as go-yaml's `column`.
    column: usize,
    whitespace: bool,
    indention: bool,
    mapping_context: bool,
    simple_key_context: bool,
}

impl Emitter {
    fn new() -> Self {
        // yaml_emitter_emit_stream_start
        Emitter {
            out: String::new(),
            indent: -1,
            indents: Vec::new(),
            flow_level: 0,
            column: 0,
            whitespace: true,
            indention: true,
            mapping_context: false,
            simple_key_context: false,
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// `write_break`: LF goes through `put_break`; other breaks are copied and reset the column.
    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        for c in ind.chars() {
            self.put(c);
        }
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    fn emit_node(&mut self, v: &Value, mapping: bool, simple_key: bool) {
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match v {
            Value::Object(m) => self.emit_mapping(m),
            Value::Array(items) => self.emit_sequence(items),
            Value::Null => self.emit_scalar("null", Style::Plain),
            Value::Bool(b) => self.emit_scalar(if *b { "true" } else { "false" }, Style::Plain),
            Value::Number(n) => self.emit_scalar(&yaml_number(n), Style::Plain),
            Value::String(s) => self.emit_scalar(s, string_style(s)),
        }
    }

    fn emit_key(&mut self, k: &str, simple: bool) {
        self.mapping_context = true;
        self.simple_key_context = simple;
        self.emit_scalar(k, string_style(k));
    }

    fn emit_sequence(&mut self, items: &[Value]) {
        if self.flow_level > 0 || items.is_empty() {
            self.write_indicator("[", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    self.write_indicator(",", false, false, false);
                }
                if self.column > BEST_WIDTH {
                    self.write_indent();
                }
                self.emit_node(item, false, false);
            }
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("]", false, false, false);
        } else {
            // A sequence that is a mapping's value starts at the key's column.
            let indentless = self.mapping_context && !self.indention;
            self.increase_indent(false, indentless);
            for item in items {
                self.write_indent();
                self.write_indicator("-", true, false, true);
                self.emit_node(item, false, false);
            }
            self.pop_indent();
        }
    }

    fn emit_mapping(&mut self, m: &Map<String, Value>) {
        let entries = sorted_entries(m);
        if self.flow_level > 0 || entries.is_empty() {
            self.write_indicator("{", true, true, false);
            self.increase_indent(true, false);
            self.flow_level += 1;
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    self.write_indicator(",", false, false, false);
                }
                if self.column > BEST_WIDTH {
                    self.write_indent();
                }
                if is_simple_key(k) {
                    self.emit_key(k, true);
                    self.write_indicator(":", false, false, false);
                } else {
                    self.write_indicator("?", true, false, false);
                    self.emit_key(k, false);
                    if self.column > BEST_WIDTH {
                        self.write_indent();
                    }
                    self.write_indicator(":", true, false, false);
                }
                self.emit_node(v, true, false);
            }
            self.flow_level -= 1;
            self.pop_indent();
            self.write_indicator("}", false, false, false);
        } else {
            self.increase_indent(false, false);
            for (k, v) in entries {
                self.write_indent();
                if is_simple_key(k) {
                    self.emit_key(k, true);
                    self.write_indicator(":", false, false, false);
                } else {
                    self.write_indicator("?", true, false, true);
                    self.emit_key(k, false);
                    self.write_indent();
                    self.write_indicator(":", true, false, true);
                }
                self.emit_node(v, true, false);
            }
            self.pop_indent();
        }
    }

    /// `yaml_emitter_select_scalar_style` (implicit, untagged scalars only).
    fn select_style(&self, a: &Analysis, empty: bool, requested: Style) -> Style {
        let mut style = requested;
        if self.simple_key_context && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            let flow = self.flow_level > 0;
            if (flow && !a.flow_plain_allowed) || (!flow && !a.block_plain_allowed) {
                style = Style::Single;
            }
            if empty && (flow || self.simple_key_context) {
                style = Style::Single;
            }
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal
            && (!a.block_allowed || self.flow_level > 0 || self.simple_key_context)
        {
            style = Style::Double;
        }
        style
    }

    fn emit_scalar(&mut self, text: &str, requested: Style) {
        let a = analyze(text);
        let style = self.select_style(&a, text.is_empty(), requested);
        self.increase_indent(true, false);
        let allow_breaks = !self.simple_key_context;
        let chars: Vec<char> = text.chars().collect();
        match style {
            Style::Plain => self.write_plain(&chars, allow_breaks),
            Style::Single => self.write_single_quoted(&chars, allow_breaks),
            Style::Double => self.write_double_quoted(&chars, allow_breaks),
            Style::Literal => self.write_literal(&chars),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, chars: &[char], allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_space {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, chars: &[char], allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let (mut spaces, mut breaks) = (false, false);
        let n = chars.len();
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < n
                    && !next_space
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, chars: &[char], allow_breaks: bool) {
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        // `is_bom(value, i)` looks at the start of the value, whatever i is.
        let bom = chars.first() == Some(&'\u{feff}');
        let n = chars.len();
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || bom || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let short = match c {
                    '\0' => Some('0'),
                    '\u{7}' => Some('a'),
                    '\u{8}' => Some('b'),
                    '\t' => Some('t'),
                    '\n' => Some('n'),
                    '\u{b}' => Some('v'),
                    '\u{c}' => Some('f'),
                    '\r' => Some('r'),
                    '\u{1b}' => Some('e'),
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '\u{85}' => Some('N'),
                    '\u{a0}' => Some('_'),
                    '\u{2028}' => Some('L'),
                    '\u{2029}' => Some('P'),
                    _ => None,
                };
                match short {
                    Some(s) => self.put(s),
                    None => {
                        let v = u32::from(c);
                        let (letter, width) = if v <= 0xff {
                            ('x', 2)
                        } else if v <= 0xffff {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for k in (0..width).rev() {
                            let digit = (v >> (4 * k)) & 0xf;
                            self.put(
                                char::from_digit(digit, 16)
                                    .unwrap_or('0')
                                    .to_ascii_uppercase(),
                            );
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// `yaml_emitter_write_block_scalar_hints`: `2` when the value starts with a space or a
    /// break; `-` without a final break, `+` with two (or the value is one break), else none.
    fn write_block_scalar_hints(&mut self, chars: &[char]) {
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let n = chars.len();
        let chomp = match chars.last() {
            None => Some("-"),
            Some(&last) if !is_break(last) => Some("-"),
            Some(_) if n == 1 => Some("+"),
            Some(_) if is_break(chars[n - 2]) => Some("+"),
            Some(_) => None,
        };
        if let Some(ch) = chomp {
            self.write_indicator(ch, false, false, false);
        }
    }

    fn write_literal(&mut self, chars: &[char]) {
        self.write_indicator("|", true, false, false);
        self.write_block_scalar_hints(chars);
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `k: <rendering>` for a string value at the top level.
    fn value_yaml(s: &str) -> String {
        to_yaml(&json!({ "k": s }))
    }

    #[test]
    fn scalar_styles() {
        // (input, rendering after `k: `, the rule that decides it)
        let cases: &[(&str, &str, &str)] = &[
            ("nginx", "nginx", "resolves to !!str, no indicator: plain"),
            ("", r#""""#, "resolveMap[\"\"] is null: double"),
            ("true", r#""true""#, "bool in resolveMap"),
            ("True", r#""True""#, "bool in resolveMap"),
            ("yes", r#""yes""#, "YAML 1.1 bool"),
            ("no", r#""no""#, "YAML 1.1 bool"),
            ("on", r#""on""#, "YAML 1.1 bool"),
            ("Off", r#""Off""#, "YAML 1.1 bool"),
            ("y", r#""y""#, "YAML 1.1 bool"),
            ("N", r#""N""#, "YAML 1.1 bool"),
            ("yEs", "yEs", "hint M but not in the map: str"),
            ("null", r#""null""#, "null"),
            ("~", r#""~""#, "null"),
            ("NULL", r#""NULL""#, "null"),
            ("1", r#""1""#, "ParseInt"),
            ("-1", r#""-1""#, "ParseInt with sign"),
            ("+1", r#""+1""#, "ParseInt with sign"),
            ("0", r#""0""#, "ParseInt"),
            ("0755", r#""0755""#, "ParseInt base 0: octal"),
            ("1.5", r#""1.5""#, "yamlStyleFloat"),
            ("1e3", r#""1e3""#, "yamlStyleFloat with exponent"),
            ("1.", r#""1.""#, "yamlStyleFloat: digits, dot, no fraction"),
            (".5", r#"".5""#, "hint '.': ParseFloat"),
            (
                ".5_0",
                r#"".5_0""#,
                "hint '.': ParseFloat allows _ between digits",
            ),
            ("._5", "._5", "hint '.': underscoreOK fails: str"),
            ("0x1F", r#""0x1F""#, "ParseInt base 0: hex"),
            ("0o17", r#""0o17""#, "ParseInt base 0: 0o"),
            ("0b101", r#""0b101""#, "ParseInt base 0: binary"),
            (
                "1_000",
                r#""1_000""#,
                "underscores stripped before ParseInt",
            ),
            ("0x", "0x", "ParseInt fails, no float: str"),
            ("1e", "1e", "yamlStyleFloat needs exponent digits: str"),
            ("1e400", "1e400", "ParseFloat range error: str"),
            ("1.2.3", "1.2.3", "not a number: str"),
            ("123abc", "123abc", "not a number: str"),
            ("25%", "25%", "not a number: str"),
            (".inf", r#"".inf""#, "float in resolveMap"),
            ("-.inf", r#""-.inf""#, "float in resolveMap"),
            (".nan", r#"".nan""#, "float in resolveMap"),
            ("NaN", "NaN", "hint N, not in the map: str"),
            ("inf", "inf", "no hint: str"),
            (
                "<<",
                "<<",
                "'<' has no hint, so the map's merge key is never looked up",
            ),
            (
                "2024-01-01T00:00:00Z",
                r#""2024-01-01T00:00:00Z""#,
                "timestamp (RFC 3339)",
            ),
            ("2024-01-01", r#""2024-01-01""#, "timestamp (date only)"),
            (
                "2024-1-2",
                r#""2024-1-2""#,
                "timestamp: Go layout 2006-1-2 takes one digit",
            ),
            (
                "2024-01-01 10:20:30",
                r#""2024-01-01 10:20:30""#,
                "timestamp (space form)",
            ),
            (
                "2024-01-01T10:20:30.123456789+02:00",
                r#""2024-01-01T10:20:30.123456789+02:00""#,
                "timestamp with fraction and offset",
            ),
            (
                "2024-01-01T00:00:00",
                "2024-01-01T00:00:00",
                "no zone: no layout matches: str",
            ),
            ("2024-13-01", "2024-13-01", "month out of range: str"),
            (
                "2023-02-29",
                "2023-02-29",
                "day out of range (not a leap year): str",
            ),
            ("2024-02-29", r#""2024-02-29""#, "leap day: timestamp"),
            ("1:30", r#""1:30""#, "isBase60Float"),
            ("22:05", r#""22:05""#, "isBase60Float"),
            (
                "8080:80",
                "8080:80",
                "':80' is not [0-5]?[0-9]: not base 60, plain",
            ),
            (
                "1:65",
                "1:65",
                "not base 60 ([0-5]?[0-9]); ':' not before a space: plain",
            ),
            ("*", "'*'", "'*' first: block indicator: single"),
            ("&a", "'&a'", "'&' first"),
            ("!tag", "'!tag'", "'!' first"),
            ("@x", "'@x'", "'@' first"),
            ("`x", "'`x'", "'`' first"),
            ("%x", "'%x'", "'%' first"),
            ("|x", "'|x'", "'|' first"),
            (">x", "'>x'", "'>' first"),
            ("#x", "'#x'", "'#' first"),
            ("[a]", "'[a]'", "'[' first"),
            ("{a}", "'{a}'", "'{' first"),
            (",a", "',a'", "',' first"),
            ("a,b", "a,b", "',' inside is only a flow indicator"),
            ("a[b]", "a[b]", "'[' inside is only a flow indicator"),
            ("a #b", "'a #b'", "' #' inside: block indicator"),
            ("a#b", "a#b", "'#' not after whitespace"),
            ("a: b", "'a: b'", "': ' inside: block indicator"),
            (
                "a:",
                "'a:'",
                "':' at the end counts as followed by whitespace",
            ),
            ("a:b", "a:b", "':' not before whitespace"),
            (
                "http://x:8080/p",
                "http://x:8080/p",
                "':' not before whitespace",
            ),
            (":a", ":a", "':' first, not before whitespace: flow only"),
            ("?a", "?a", "'?' first, not before whitespace: flow only"),
            ("? a", "'? a'", "'?' first before a space"),
            ("-a", "-a", "'-' first, not before whitespace"),
            ("- a", "'- a'", "'- ' first"),
            ("-", "'-'", "'-' alone: end counts as whitespace"),
            ("---", "'---'", "document marker"),
            ("...", "'...'", "document end marker"),
            (" a", "' a'", "leading space"),
            ("a ", "'a '", "trailing space"),
            ("a  b", "a  b", "inner spaces are fine"),
            ("it's", "it's", "quote inside: plain"),
            ("'q'", "'''q'''", "quote first: single, quotes doubled"),
            ("\"q\"", "'\"q\"'", "double quote first: single"),
            ("a\\b", "a\\b", "backslash is printable: plain"),
            ("a\tb", "\"a\\tb\"", "tab is not printable: double"),
            ("a\rb", "\"a\\rb\"", "CR: not printable: double"),
            ("\u{1}", "\"\\x01\"", "control: \\x escape"),
            ("\u{7f}", "\"\\x7F\"", "DEL: not printable"),
            ("\u{1b}", "\"\\e\"", "ESC: short escape"),
            ("\u{85}", "\"\\N\"", "NEL: not printable"),
            ("café", "café", "unicode on: printable non-ASCII stays"),
            ("日本語", "日本語", "BMP is printable"),
            ("a\u{a0}b", "a\u{a0}b", "NBSP is printable"),
            ("😀", "\"\\U0001F600\"", "outside the BMP is not printable"),
            (
                "\u{feff}ab",
                "\"\\uFEFF\\x61\\x62\"",
                "is_bom checks the value's start",
            ),
            ("\u{fffe}", "\"\\uFFFE\"", "U+FFFE is not printable"),
            // LS is printable but a break: plain is not allowed, single is; after a break the
            // writer re-indents (write_indent pads to the scalar's indent, 2) before `b`.
            (
                "a\u{2028}b",
                "'a\u{2028}  b'",
                "LS is a printable break: single",
            ),
            ("-1.5e+3", r#""-1.5e+3""#, "signed float with exponent"),
        ];
        assert!(cases.len() >= 40);
        for (input, want, why) in cases {
            assert_eq!(
                value_yaml(input),
                format!("k: {want}\n"),
                "{input:?}: {why}"
            );
        }
    }

    #[test]
    fn non_string_scalars() {
        let v = json!({
            "a": true,
            "b": false,
            "c": null,
            "d": 0,
            "e": -42,
            "f": 9_223_372_036_854_775_807i64,
            "g": -9_223_372_036_854_775_808i64,
            "h": 18_446_744_073_709_551_615u64,
            "i": 0.5,
            "j": 3.0,
            "k": 1e21,
            "l": 1e-7,
            "m": 1e20,
            // The key "n" is a YAML 1.1 bool, so go-yaml quotes it.
            "n": 1_234_567.5,
            "o": 100_000.5,
            "p": -0.0,
            "q": 0.0001,
            "r": 0.00001,
        });
        let want = "\
a: true
b: false
c: null
d: 0
e: -42
f: 9223372036854775807
g: -9223372036854775808
h: 18446744073709551615
i: 0.5
j: 3
k: 1e+21
l: 1e-07
m: 1e+20
\"n\": 1.2345675e+06
o: 100000.5
p: 0
q: 0.0001
r: 1e-05
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn empty_collections_and_roots() {
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!([])), "[]\n");
        assert_eq!(to_yaml(&json!("x")), "x\n");
        assert_eq!(to_yaml(&json!(null)), "null\n");
        assert_eq!(
            to_yaml(&json!({"a": {}, "b": [], "c": null, "d": [{}, [], null]})),
            "a: {}\nb: []\nc: null\nd:\n- {}\n- []\n- null\n"
        );
        assert_eq!(
            to_yaml(&json!([1, "two", {"x": 1, "y": [2]}])),
            "- 1\n- two\n- x: 1\n  \"y\":\n  - 2\n"
        );
    }

    #[test]
    fn nested_lists() {
        let v = json!({"a": [[1, 2], [3, [4, 5]], []], "b": {"c": [[]]}});
        let want = "\
a:
- - 1
  - 2
- - 3
  - - 4
    - 5
- []
b:
  c:
  - []
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn key_order_is_go_yaml_natural_order() {
        // sorter.go: letters compare as runes; a non-letter sorts before a letter; digit runs
        // compare as numbers. Byte order would be B a10 a9 aB a_ b.
        let v =
            json!({"a10": 1, "a9": 2, "aB": 3, "a_": 4, "B": 5, "b": 6, "hostIPs": 7, "hostIP": 8});
        let want = "B: 5\na_: 4\na9: 2\na10: 1\naB: 3\nb: 6\nhostIP: 8\nhostIPs: 7\n";
        assert_eq!(to_yaml(&v), want);
        // Leading zeros: "a01" and "a1" have the same number; the shorter run sorts first.
        assert_eq!(to_yaml(&json!({"a01": 1, "a1": 2})), "a1: 2\na01: 1\n");
        // More than 12 keys go through the merge sort; same order rules.
        let mut m = Map::new();
        for i in (0..20).rev() {
            m.insert(format!("k{i}"), json!(i));
        }
        let out = to_yaml(&Value::Object(m));
        let want: String = (0..20).map(|i| format!("k{i}: {i}\n")).collect();
        assert_eq!(out, want);
    }

    #[test]
    fn keys_needing_quotes() {
        let v = json!({
            "1": "a",
            "true": "b",
            "": "c",
            "a: b": "d",
            "with space": "e",
            "app.kubernetes.io/name": "f",
            "*": "g",
            "x\ty": "h",
        });
        let want = "\
\"\": c
'*': g
\"1\": a
'a: b': d
app.kubernetes.io/name: f
\"true\": b
with space: e
\"x\\ty\": h
";
        assert_eq!(to_yaml(&v), want);
    }

    #[test]
    fn complex_keys() {
        // A multi-line key is not a simple key: `? ` form, the key may be a literal.
        assert_eq!(to_yaml(&json!({"a\nb": 1})), "? |-\n  a\n  b\n: 1\n");
        // A key over 128 bytes is not a simple key either; its value goes after `: `.
        let long = "k".repeat(129);
        assert_eq!(
            to_yaml(&json!({ long.clone(): "v" })),
            format!("? {long}\n: v\n")
        );
        assert_eq!(
            to_yaml(&json!({ long.clone(): {"a": 1, "b": 2} })),
            format!("? {long}\n: a: 1\n  b: 2\n")
        );
        // A 128-byte key is still simple and is never folded.
        let k128 = format!("{} {}", "a".repeat(100), "b".repeat(27));
        assert_eq!(to_yaml(&json!({ k128.clone(): 1 })), format!("{k128}: 1\n"));
    }

    #[test]
    fn multi_line_strings() {
        let cases: &[(&str, &str)] = &[
            ("line1\nline2", "k: |-\n  line1\n  line2\n"),
            ("line1\nline2\n", "k: |\n  line1\n  line2\n"),
            ("line1\n\n", "k: |+\n  line1\n\n"),
            ("a\n\nb", "k: |-\n  a\n\n  b\n"),
            ("  indented\nx", "k: |2-\n    indented\n  x\n"),
            ("\nstarts", "k: |2-\n\n  starts\n"),
            ("\n", "k: |2+\n\n"),
            ("a\n b", "k: |-\n  a\n   b\n"),
            // Space before a break: no block scalar; double-quoted.
            ("a \nb", "k: \"a \\nb\"\n"),
            // Trailing space: no block scalar.
            ("a\nb ", "k: \"a\\nb \"\n"),
            // A tab is a special character.
            ("a\n\tb", "k: \"a\\n\\tb\"\n"),
        ];
        for (input, want) in cases {
            assert_eq!(value_yaml(input), *want, "{input:?}");
        }
        // In a sequence, and nested deeper; the following key starts on its own line.
        let v = json!({"a": {"args": ["x\ny\n", "z"], "b": "p\nq"}, "c": 1});
        let want = "a:\n  args:\n  - |\n    x\n    y\n  - z\n  b: |-\n    p\n    q\nc: 1\n";
        assert_eq!(to_yaml(&v), want);
        // Literal lines are never folded.
        let long = format!("{}\n", ["word"; 30].join(" "));
        assert_eq!(value_yaml(&long), format!("k: |\n  {long}"));
    }

    #[test]
    fn long_plain_scalars_fold_at_80() {
        // yaml_emitter_write_plain_scalar: at a space, once the column is > 80, break and
        // indent to the scalar's indent (parent indent + 2). "k: " is 3 columns; each "word "
        // is 5. After 16 words the column is 3 + 16*5 - 1 = 82 at the 16th space.
        let s = "word ".repeat(40);
        let s = s.trim_end();
        let line1 = format!("k: {}", ["word"; 16].join(" "));
        assert_eq!(line1.chars().count(), 82);
        let line2 = format!("  {}", ["word"; 16].join(" "));
        let line3 = format!("  {}", ["word"; 8].join(" "));
        assert_eq!(value_yaml(s), format!("{line1}\n{line2}\n{line3}\n"));
        // Exactly 80 columns before a space: no break (column must exceed 80).
        let s80 = format!("{} {}", "x".repeat(77), "y");
        assert_eq!(value_yaml(&s80), format!("k: {s80}\n"));
        // 81 columns before the space: break.
        let s81 = format!("{} {}", "x".repeat(78), "y");
        assert_eq!(value_yaml(&s81), format!("k: {}\n  y\n", "x".repeat(78)));
        // A run of spaces: no break before a space that is followed by another, and none at
        // the second space either (`!spaces`): the run stays on the line.
        let runs = format!("{}  y", "x".repeat(78));
        assert_eq!(value_yaml(&runs), format!("k: {runs}\n"));
        // No space after column 80: one long line.
        let unbroken = "x".repeat(200);
        assert_eq!(value_yaml(&unbroken), format!("k: {unbroken}\n"));
    }

    #[test]
    fn long_quoted_scalars_fold() {
        // A condition message as kubectl prints it: single-quoted because of ": ", folded at
        // the first space past column 80, continued at the mapping's indent + 2. After
        // "0/3 nodes" the column is exactly 80 (not > 80), so "are" still fits on line one.
        let v = json!({"status": {"conditions": [{
            "lastProbeTime": null,
            "lastTransitionTime": "2024-01-01T00:00:00Z",
            "message": "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
            "reason": "Unschedulable",
            "status": "False",
            "type": "PodScheduled",
        }]}});
        let want = "\
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: \"2024-01-01T00:00:00Z\"
    message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
      available: 3 No preemption victims found for incoming pod.'
    reason: Unschedulable
    status: \"False\"
    type: PodScheduled
";
        assert_eq!(to_yaml(&v), want);
        // Double-quoted (a tab makes it special): the same folding, and a space that follows
        // the break is kept with a leading backslash.
        let s = format!("\t{}  tail", "y".repeat(80));
        assert_eq!(
            value_yaml(&s),
            format!("k: \"\\t{}\n  \\ tail\"\n", "y".repeat(80))
        );
    }

    #[test]
    fn pod_as_kubectl_prints_it() {
        let last_applied = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"nginx\",\"ports\":[{\"containerPort\":80}]}]}}\n";
        let pod = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "annotations": {
                    "kubectl.kubernetes.io/last-applied-configuration": last_applied,
                },
                "creationTimestamp": "2024-05-01T12:00:00Z",
                "labels": {"app": "web"},
                "name": "web",
                "namespace": "default",
                "resourceVersion": "1234",
                "uid": "0b6b3c9e-5a8f-4b7e-9a4e-2f0c1d2e3f40",
            },
            "spec": {
                "containers": [{
                    "image": "nginx:1.25",
                    "imagePullPolicy": "IfNotPresent",
                    "name": "nginx",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                    "resources": {},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "volumeMounts": [{
                        "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
                        "name": "kube-api-access-x7k2p",
                        "readOnly": true,
                    }],
                }],
                "dnsPolicy": "ClusterFirst",
                "enableServiceLinks": true,
                "nodeName": "node-1",
                "preemptionPolicy": "PreemptLowerPriority",
                "priority": 0,
                "restartPolicy": "Always",
                "schedulerName": "default-scheduler",
                "securityContext": {},
                "serviceAccount": "default",
                "serviceAccountName": "default",
                "terminationGracePeriodSeconds": 30,
                "tolerations": [
                    {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                    {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300},
                ],
                "volumes": [{
                    "name": "kube-api-access-x7k2p",
                    "projected": {
                        "defaultMode": 420,
                        "sources": [
                            {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                            {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                            {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}},
                        ],
                    },
                }],
            },
            "status": {
                "conditions": [
                    {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T12:00:02Z", "status": "True", "type": "Ready"},
                    {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T12:00:00Z", "status": "True", "type": "PodScheduled"},
                ],
                "containerStatuses": [{
                    "containerID": "containerd://4f1c2b",
                    "image": "docker.io/library/nginx:1.25",
                    "imageID": "docker.io/library/nginx@sha256:0d17b565",
                    "lastState": {},
                    "name": "nginx",
                    "ready": true,
                    "restartCount": 0,
                    "started": true,
                    "state": {"running": {"startedAt": "2024-05-01T12:00:01Z"}},
                }],
                "hostIP": "10.0.0.11",
                "hostIPs": [{"ip": "10.0.0.11"}],
                "phase": "Running",
                "podIP": "10.244.1.5",
                "podIPs": [{"ip": "10.244.1.5"}],
                "qosClass": "BestEffort",
                "startTime": "2024-05-01T12:00:00Z",
            },
        });
        let want = r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}
  creationTimestamp: "2024-05-01T12:00:00Z"
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "1234"
  uid: 0b6b3c9e-5a8f-4b7e-9a4e-2f0c1d2e3f40
spec:
  containers:
  - image: nginx:1.25
    imagePullPolicy: IfNotPresent
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
    volumeMounts:
    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
      name: kube-api-access-x7k2p
      readOnly: true
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  nodeName: node-1
  preemptionPolicy: PreemptLowerPriority
  priority: 0
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  serviceAccount: default
  serviceAccountName: default
  terminationGracePeriodSeconds: 30
  tolerations:
  - effect: NoExecute
    key: node.kubernetes.io/not-ready
    operator: Exists
    tolerationSeconds: 300
  - effect: NoExecute
    key: node.kubernetes.io/unreachable
    operator: Exists
    tolerationSeconds: 300
  volumes:
  - name: kube-api-access-x7k2p
    projected:
      defaultMode: 420
      sources:
      - serviceAccountToken:
          expirationSeconds: 3607
          path: token
      - configMap:
          items:
          - key: ca.crt
            path: ca.crt
          name: kube-root-ca.crt
      - downwardAPI:
          items:
          - fieldRef:
              apiVersion: v1
              fieldPath: metadata.namespace
            path: namespace
status:
  conditions:
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T12:00:02Z"
    status: "True"
    type: Ready
  - lastProbeTime: null
    lastTransitionTime: "2024-05-01T12:00:00Z"
    status: "True"
    type: PodScheduled
  containerStatuses:
  - containerID: containerd://4f1c2b
    image: docker.io/library/nginx:1.25
    imageID: docker.io/library/nginx@sha256:0d17b565
    lastState: {}
    name: nginx
    ready: true
    restartCount: 0
    started: true
    state:
      running:
        startedAt: "2024-05-01T12:00:01Z"
  hostIP: 10.0.0.11
  hostIPs:
  - ip: 10.0.0.11
  phase: Running
  podIP: 10.244.1.5
  podIPs:
  - ip: 10.244.1.5
  qosClass: BestEffort
  startTime: "2024-05-01T12:00:00Z"
"#;
        assert_eq!(to_yaml(&pod), want);
    }

    #[test]
    fn deployment_as_kubectl_prints_it() {
        let deploy = json!({
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {
                "annotations": {"deployment.kubernetes.io/revision": "1"},
                "creationTimestamp": "2024-05-01T12:00:00Z",
                "generation": 1,
                "labels": {"app": "nginx"},
                "name": "nginx",
                "namespace": "default",
                "resourceVersion": "5821",
                "uid": "7d3e6a52-1c1b-4f0e-8d7a-3b2a1c0d9e8f",
            },
            "spec": {
                "progressDeadlineSeconds": 600,
                "replicas": 3,
                "revisionHistoryLimit": 10,
                "selector": {"matchLabels": {"app": "nginx"}},
                "strategy": {
                    "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
                    "type": "RollingUpdate",
                },
                "template": {
                    "metadata": {"creationTimestamp": null, "labels": {"app": "nginx"}},
                    "spec": {
                        "containers": [{
                            "args": ["--port", "8080"],
                            "image": "nginx",
                            "imagePullPolicy": "Always",
                            "name": "nginx",
                            "resources": {},
                            "terminationMessagePath": "/dev/termination-log",
                            "terminationMessagePolicy": "File",
                        }],
                        "dnsPolicy": "ClusterFirst",
                        "restartPolicy": "Always",
                        "schedulerName": "default-scheduler",
                        "securityContext": {},
                        "terminationGracePeriodSeconds": 30,
                    },
                },
            },
            "status": {
                "availableReplicas": 3,
                "conditions": [
                    {
                        "lastTransitionTime": "2024-05-01T12:00:10Z",
                        "lastUpdateTime": "2024-05-01T12:00:10Z",
                        "message": "Deployment has minimum availability.",
                        "reason": "MinimumReplicasAvailable",
                        "status": "True",
                        "type": "Available",
                    },
                    {
                        "lastTransitionTime": "2024-05-01T12:00:00Z",
                        "lastUpdateTime": "2024-05-01T12:00:10Z",
                        "message": "ReplicaSet \"nginx-7854ff8877\" has successfully progressed.",
                        "reason": "NewReplicaSetAvailable",
                        "status": "True",
                        "type": "Progressing",
                    },
                ],
                "observedGeneration": 1,
                "readyReplicas": 3,
                "replicas": 3,
                "updatedReplicas": 3,
            },
        });
        let want = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  creationTimestamp: "2024-05-01T12:00:00Z"
  generation: 1
  labels:
    app: nginx
  name: nginx
  namespace: default
  resourceVersion: "5821"
  uid: 7d3e6a52-1c1b-4f0e-8d7a-3b2a1c0d9e8f
spec:
  progressDeadlineSeconds: 600
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: nginx
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - args:
        - --port
        - "8080"
        image: nginx
        imagePullPolicy: Always
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status:
  availableReplicas: 3
  conditions:
  - lastTransitionTime: "2024-05-01T12:00:10Z"
    lastUpdateTime: "2024-05-01T12:00:10Z"
    message: Deployment has minimum availability.
    reason: MinimumReplicasAvailable
    status: "True"
    type: Available
  - lastTransitionTime: "2024-05-01T12:00:00Z"
    lastUpdateTime: "2024-05-01T12:00:10Z"
    message: ReplicaSet "nginx-7854ff8877" has successfully progressed.
    reason: NewReplicaSetAvailable
    status: "True"
    type: Progressing
  observedGeneration: 1
  readyReplicas: 3
  replicas: 3
  updatedReplicas: 3
"#;
        assert_eq!(to_yaml(&deploy), want);
    }

    #[test]
    fn list_wrapper() {
        let items = vec![
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}),
        ];
        let want_yaml = "\
apiVersion: v1
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: b
kind: List
metadata:
  resourceVersion: \"\"
";
        assert_eq!(list_to_yaml(items.clone()), want_yaml);
        let want_json = r#"{
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": "a"
            }
        },
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {
                "name": "b"
            }
        }
    ],
    "kind": "List",
    "metadata": {
        "resourceVersion": ""
    }
}
"#;
        assert_eq!(list_to_json(items), want_json);
        assert_eq!(
            list_to_yaml(Vec::new()),
            "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"
        );
        assert_eq!(
            list_to_json(Vec::new()),
            "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
        );
    }

    #[test]
    fn json_layout_and_order() {
        let v = json!({
            "b": [1, [2, []], {}],
            "a": {"z": null, "Z": true, "a_": false, "a9": "x", "a10": "y"},
        });
        // Go sorts map keys in byte order (unlike go-yaml's natural order).
        let want = r#"{
    "a": {
        "Z": true,
        "a10": "y",
        "a9": "x",
        "a_": false,
        "z": null
    },
    "b": [
        1,
        [
            2,
            []
        ],
        {}
    ]
}
"#;
        assert_eq!(to_json(&v), want);
        assert_eq!(to_json(&json!({})), "{}\n");
        assert_eq!(to_json(&json!("x")), "\"x\"\n");
    }

    #[test]
    fn json_escapes() {
        let cases: &[(&str, &str)] = &[
            ("<b>&</b>", r#""\u003cb\u003e\u0026\u003c/b\u003e""#),
            ("a\u{2028}b\u{2029}c", r#""a\u2028b\u2029c""#),
            ("q\"b\\s/", r#""q\"b\\s/""#),
            ("\t\n\r", r#""\t\n\r""#),
            ("\u{8}\u{c}", r#""\b\f""#),
            ("\u{0}\u{1}\u{1f}", r#""\u0000\u0001\u001f""#),
            ("\u{7f}", "\"\u{7f}\""),
            ("café 日本 😀", "\"café 日本 😀\""),
        ];
        for (input, want) in cases {
            assert_eq!(to_json(&json!(input)), format!("{want}\n"), "{input:?}");
        }
    }

    #[test]
    fn json_numbers() {
        let cases: &[(Value, &str)] = &[
            (json!(0), "0"),
            (json!(-7), "-7"),
            (json!(u64::MAX), "18446744073709551615"),
            (json!(i64::MIN), "-9223372036854775808"),
            (json!(0.5), "0.5"),
            (json!(3.0), "3"),
            (json!(1e21), "1e+21"),
            (json!(1e20), "100000000000000000000"),
            (json!(1e-7), "1e-7"),
            (json!(1.5e-7), "1.5e-7"),
            (json!(0.000001), "0.000001"),
            (json!(123_456_789.125), "123456789.125"),
            (json!(-2.5e300), "-2.5e+300"),
        ];
        for (v, want) in cases {
            assert_eq!(to_json(v), format!("{want}\n"), "{v:?}");
        }
    }

    #[test]
    fn go_float_g_format() {
        let cases: &[(f64, &str)] = &[
            (0.5, "0.5"),
            (1e6, "1e+06"),
            (123_456_789.0, "1.23456789e+08"),
            (100_000.0, "100000"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-1.5e-10, "-1.5e-10"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (f, want) in cases {
            assert_eq!(go_format_g(*f), *want, "{f}");
        }
    }
}
