//! The filters a learner pipes kubectl's output into (`grep`, `head`, `tail`, `wc`, `sort`,
//! `uniq`, `cut`, `base64`, `cat`, `less`, `more`) and the `echo`, `true` and `false` builtins.
//! Each is a pure function of its arguments and its standard input that behaves like GNU
//! coreutils 9 / GNU grep 3 for the options it models, GNU's error texts included (in a UTF-8
//! locale, so coreutils quote operands as `‘x’`). There is no file system: a FILE operand other
//! than `-` is reported as missing, as GNU reports a file that does not exist.

use regex_lite::{Regex, RegexBuilder};

use crate::output::Output;

/// Runs `program` if it is one of the filters or builtins here; `None` if it is not.
pub fn run(program: &str, args: &[String], stdin: &str) -> Option<Output> {
    Some(match program {
        "grep" => grep(args, stdin),
        "egrep" => grep_as(Some(Syntax::Extended), args, stdin),
        "fgrep" => grep_as(Some(Syntax::Fixed), args, stdin),
        "head" => head(args, stdin),
        "tail" => tail(args, stdin),
        "wc" => wc(args, stdin),
        "sort" => sort(args, stdin),
        "uniq" => uniq(args, stdin),
        "cut" => cut(args, stdin),
        "base64" => base64(args, stdin),
        "cat" => cat(args, stdin),
        "less" | "more" => pager(program, args, stdin),
        "echo" => echo(args),
        "true" => Output::default(),
        "false" => Output { status: 1, ..Output::default() },
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Option parsing: glibc's getopt_long (permutation, clusters, `--`, unique prefixes of long
// options, and its error texts).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HasArg {
    No,
    Required,
    Optional,
}

use HasArg::{No, Optional, Required};

/// A program's options: short letters and long names, each mapped to a key.
struct Spec {
    shorts: &'static [(char, HasArg, &'static str)],
    longs: &'static [(&'static str, HasArg, &'static str)],
    /// Digits in a short cluster are a number option (`grep -5`), returned under key "digits".
    digits: bool,
}

struct Opt {
    key: &'static str,
    value: Option<String>,
    /// How the option was written (`-z`, `--null-data`), for "not supported" messages.
    written: String,
}

struct Parsed {
    opts: Vec<Opt>,
    operands: Vec<String>,
}

fn getopt(spec: &Spec, args: &[String]) -> Result<Parsed, String> {
    let mut opts = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let found = match spec.longs.iter().find(|l| l.0 == name) {
                Some(l) => *l,
                None => {
                    let cands: Vec<_> = spec.longs.iter().filter(|l| l.0.starts_with(name)).collect();
                    let Some(first) = cands.first() else {
                        return Err(format!("unrecognized option '{a}'"));
                    };
                    let differ: Vec<_> = cands.iter().skip(1).filter(|l| l.1 != first.1 || l.2 != first.2).collect();
                    if !differ.is_empty() {
                        let list: String =
                            std::iter::once(first).chain(differ).map(|l| format!(" '--{}'", l.0)).collect();
                        return Err(format!("option '{a}' is ambiguous; possibilities:{list}"));
                    }
                    **first
                }
            };
            let (long, has_arg, key) = found;
            let value = match (has_arg, inline) {
                (No, Some(_)) => return Err(format!("option '--{long}' doesn't allow an argument")),
                (No, None) | (Optional, None) => None,
                (_, Some(v)) => Some(v),
                (Required, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        Some(v.clone())
                    }
                    None => return Err(format!("option '--{long}' requires an argument")),
                },
            };
            opts.push(Opt { key, value, written: format!("--{long}") });
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a.chars().skip(1).collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                if spec.digits && c.is_ascii_digit() {
                    let mut n = c.to_string();
                    while j < chars.len() && chars[j].is_ascii_digit() {
                        n.push(chars[j]);
                        j += 1;
                    }
                    opts.push(Opt { key: "digits", value: Some(n), written: format!("-{c}") });
                    continue;
                }
                let Some(&(_, has_arg, key)) = spec.shorts.iter().find(|s| s.0 == c) else {
                    return Err(format!("invalid option -- '{c}'"));
                };
                let rest: String = chars[j..].iter().collect();
                let value = match has_arg {
                    No => None,
                    Optional => {
                        j = chars.len();
                        (!rest.is_empty()).then_some(rest)
                    }
                    Required => {
                        j = chars.len();
                        if !rest.is_empty() {
                            Some(rest)
                        } else if let Some(v) = args.get(i) {
                            i += 1;
                            Some(v.clone())
                        } else {
                            return Err(format!("option requires an argument -- '{c}'"));
                        }
                    }
                };
                opts.push(Opt { key, value, written: format!("-{c}") });
            }
        } else {
            operands.push(a.clone());
        }
    }
    Ok(Parsed { opts, operands })
}

/// `PROG: MSG` and coreutils' "Try" line.
fn usage_error(prog: &str, msg: &str, status: i32) -> Output {
    let mut out = Output::default();
    if !msg.is_empty() {
        out.err(format!("{prog}: {msg}\n"));
    }
    out.err(format!("Try '{prog} --help' for more information.\n"));
    out.status = status;
    out
}

fn fail(prog: &str, msg: &str, status: i32) -> Output {
    let mut out = Output::default();
    out.err(format!("{prog}: {msg}\n"));
    out.status = status;
    out
}

fn not_supported(prog: &str, what: &str, status: i32) -> Output {
    fail(prog, &format!("kubeplay does not support {what} yet"), status)
}

/// coreutils' quoting of an operand in a UTF-8 locale.
fn q(s: &str) -> String {
    format!("\u{2018}{s}\u{2019}")
}

/// The input split into lines without their `\n`; a last line without one still counts.
fn lines(input: &str) -> Vec<&str> {
    let mut v: Vec<&str> = input.split('\n').collect();
    if v.last() == Some(&"") {
        v.pop();
    }
    v
}

/// Reads the FILE operands: `-` is standard input (read once), anything else does not exist.
/// Returns the text to process and prints GNU's message for each missing file.
fn read_operands(operands: &[String], stdin: &str, out: &mut Output, missing: impl Fn(&str) -> String) -> (String, bool) {
    if operands.is_empty() {
        return (stdin.to_string(), true);
    }
    let mut text = String::new();
    let mut ok = true;
    let mut used = false;
    for f in operands {
        if f == "-" {
            if !used {
                text.push_str(stdin);
                used = true;
            }
        } else {
            out.err(format!("{}\n", missing(f)));
            ok = false;
        }
    }
    (text, ok)
}

// ---------------------------------------------------------------------------------------------
// echo (bash's builtin)

/// `echo [-neE] WORDS...`: the words joined by spaces and a newline (none with `-n`); `-e`
/// interprets backslash escapes. An argument that is not made only of `n`, `e`, `E` is a word.
pub fn echo(args: &[String]) -> Output {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let Some(flags) = a.strip_prefix('-') else { break };
        if flags.is_empty() || !flags.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
            break;
        }
        for c in flags.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                _ => escapes = false,
            }
        }
        i += 1;
    }
    let mut text = args[i..].join(" ");
    if escapes {
        let (t, stop) = echo_escapes(&text);
        text = t;
        if stop {
            newline = false;
        }
    }
    if newline {
        text.push('\n');
    }
    let mut out = Output::default();
    out.out(text);
    out
}

/// bash's `echo -e` escapes. Returns the text and whether `\c` cut it short.
fn echo_escapes(s: &str) -> (String, bool) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let digits = |i: &mut usize, radix: u32, max: usize| -> Option<u32> {
        let mut v = 0u32;
        let mut n = 0;
        while n < max {
            match cs.get(*i).and_then(|c| c.to_digit(radix)) {
                Some(d) => {
                    v = v * radix + d;
                    *i += 1;
                    n += 1;
                }
                None => break,
            }
        }
        (n > 0).then_some(v)
    };
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c != '\\' || i == cs.len() {
            out.push(c);
            continue;
        }
        let e = cs[i];
        i += 1;
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'c' => return (out, true),
            'e' | 'E' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '0' => {
                let v = digits(&mut i, 8, 3).unwrap_or(0);
                out.push(char::from_u32(v & 0xff).unwrap_or('\u{fffd}'));
            }
            'x' => match digits(&mut i, 16, 2) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('\u{fffd}')),
                None => out.push_str("\\x"),
            },
            'u' | 'U' => match digits(&mut i, 16, if e == 'u' { 4 } else { 8 }) {
                Some(v) => out.push(char::from_u32(v).unwrap_or('\u{fffd}')),
                None => {
                    out.push('\\');
                    out.push(e);
                }
            },
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    (out, false)
}

// ---------------------------------------------------------------------------------------------
// grep

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Basic,
    Extended,
    Fixed,
    Perl,
}

const GREP_SHORTS: &[(char, HasArg, &str)] = &[
    ('A', Required, "A"), ('B', Required, "B"), ('C', Required, "C"), ('D', Required, "D"),
    ('E', No, "E"), ('F', No, "F"), ('G', No, "G"), ('H', No, "H"), ('I', No, "I"), ('L', No, "L"),
    ('P', No, "P"), ('R', No, "R"), ('T', No, "T"), ('U', No, "U"), ('V', No, "V"), ('X', Required, "X"),
    ('Z', No, "Z"), ('a', No, "a"), ('b', No, "b"), ('c', No, "c"), ('d', Required, "d"),
    ('e', Required, "e"), ('f', Required, "f"), ('h', No, "h"), ('i', No, "i"), ('l', No, "l"),
    ('m', Required, "m"), ('n', No, "n"), ('o', No, "o"), ('q', No, "q"), ('r', No, "r"), ('s', No, "s"),
    ('u', No, "u"), ('v', No, "v"), ('w', No, "w"), ('x', No, "x"), ('y', No, "i"), ('z', No, "z"),
];

/// GNU grep's long options, in its table's order (which its ambiguity messages follow).
const GREP_LONGS: &[(&str, HasArg, &str)] = &[
    ("basic-regexp", No, "G"), ("extended-regexp", No, "E"), ("fixed-regexp", No, "F"),
    ("fixed-strings", No, "F"), ("perl-regexp", No, "P"), ("after-context", Required, "A"),
    ("before-context", Required, "B"), ("binary-files", Required, "binary-files"), ("byte-offset", No, "b"),
    ("context", Required, "C"), ("color", Optional, "color"), ("colour", Optional, "color"),
    ("count", No, "c"), ("devices", Required, "D"), ("directories", Required, "d"),
    ("dereference-recursive", No, "R"), ("exclude", Required, "exclude"), ("exclude-from", Required, "exclude-from"),
    ("exclude-dir", Required, "exclude-dir"), ("file", Required, "f"), ("files-with-matches", No, "l"),
    ("files-without-match", No, "L"), ("group-separator", Required, "group-separator"), ("help", No, "help"),
    ("include", Required, "include"), ("ignore-case", No, "i"), ("no-ignore-case", No, "no-ignore-case"),
    ("initial-tab", No, "T"), ("label", Required, "label"), ("line-buffered", No, "line-buffered"),
    ("line-number", No, "n"), ("line-regexp", No, "x"), ("max-count", Required, "m"), ("no-filename", No, "h"),
    ("no-group-separator", No, "no-group-separator"), ("no-messages", No, "s"), ("null", No, "Z"),
    ("null-data", No, "z"), ("only-matching", No, "o"), ("quiet", No, "q"), ("recursive", No, "r"),
    ("regexp", Required, "e"), ("invert-match", No, "v"), ("silent", No, "q"), ("text", No, "a"),
    ("binary", No, "U"), ("unix-byte-offsets", No, "u"), ("version", No, "V"), ("with-filename", No, "H"),
    ("word-regexp", No, "w"),
];

const GREP_USAGE: &str = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

fn grep_usage(msg: &str) -> Output {
    let mut out = Output::default();
    if !msg.is_empty() {
        out.err(format!("grep: {msg}\n"));
    }
    out.err(GREP_USAGE);
    out.status = 2;
    out
}

/// `grep [OPTION]... PATTERNS [FILE]...` over standard input.
pub fn grep(args: &[String], stdin: &str) -> Output {
    grep_as(None, args, stdin)
}

#[derive(Default)]
struct GrepOpts {
    syntax: Option<Syntax>,
    patterns: Vec<String>,
    icase: bool,
    invert: bool,
    word: bool,
    line: bool,
    count: bool,
    number: bool,
    only: bool,
    quiet: bool,
    no_messages: bool,
    with_filename: Option<bool>,
    list: Option<bool>,
    text: bool,
    max: Option<u64>,
    after: usize,
    before: usize,
    label: Option<String>,
    group_separator: Option<String>,
}

fn context_arg(v: &str) -> Result<usize, String> {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        Ok(v.parse::<usize>().unwrap_or(usize::MAX))
    } else {
        Err(format!("{v}: invalid context length argument"))
    }
}

fn grep_as(forced: Option<Syntax>, args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: GREP_SHORTS, longs: GREP_LONGS, digits: true };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return grep_usage(&e),
    };
    let mut o = GrepOpts { syntax: forced, group_separator: Some("--".into()), ..GrepOpts::default() };
    let mut files_with_patterns = Vec::new();
    let mut digits_context: Option<usize> = None;
    for opt in parsed.opts {
        let v = opt.value.clone().unwrap_or_default();
        let set_syntax = |o: &mut GrepOpts, s: Syntax| -> Result<(), ()> {
            match o.syntax {
                Some(old) if old != s => Err(()),
                _ => {
                    o.syntax = Some(s);
                    Ok(())
                }
            }
        };
        let syntax = match opt.key {
            "E" => Some(Syntax::Extended),
            "F" => Some(Syntax::Fixed),
            "G" => Some(Syntax::Basic),
            "P" => Some(Syntax::Perl),
            _ => None,
        };
        if let Some(s) = syntax {
            if set_syntax(&mut o, s).is_err() {
                let mut out = Output::default();
                out.err("grep: conflicting matchers specified\n");
                out.status = 2;
                return out;
            }
            continue;
        }
        match opt.key {
            "e" => o.patterns.push(v),
            "f" => files_with_patterns.push(v),
            "i" => o.icase = true,
            "no-ignore-case" => o.icase = false,
            "v" => o.invert = true,
            "w" => o.word = true,
            "x" => o.line = true,
            "c" => o.count = true,
            "n" => o.number = true,
            "o" => o.only = true,
            "q" => o.quiet = true,
            "s" => o.no_messages = true,
            "h" => o.with_filename = Some(false),
            "H" => o.with_filename = Some(true),
            "l" => o.list = Some(true),
            "L" => o.list = Some(false),
            "a" => o.text = true,
            "label" => o.label = Some(v),
            "group-separator" => o.group_separator = Some(v),
            "no-group-separator" => o.group_separator = None,
            "m" => match v.trim().parse::<i64>() {
                Ok(n) => o.max = (n >= 0).then_some(n as u64),
                Err(_) => return fail("grep", "invalid max count", 2),
            },
            "A" | "B" | "C" => match context_arg(&v) {
                Ok(n) => match opt.key {
                    "A" => o.after = n,
                    "B" => o.before = n,
                    _ => {
                        o.after = n;
                        o.before = n;
                    }
                },
                Err(e) => return fail("grep", &e, 2),
            },
            "digits" => {
                digits_context = Some(context_arg(&v).unwrap_or(usize::MAX));
            }
            // Accepted and ignored: colours, buffering, binary-file and display details.
            "color" | "line-buffered" | "U" | "u" | "Z" | "T" | "I" | "binary-files" | "D" | "d" => {}
            _ => return not_supported("grep", &format!("'{}'", opt.written), 2),
        }
    }
    if let Some(n) = digits_context {
        o.after = o.after.max(n);
        o.before = o.before.max(n);
    }
    let mut operands = parsed.operands;
    let mut out = Output::default();
    let mut error = false;
    for f in &files_with_patterns {
        if f == "-" {
            o.patterns.extend(lines(stdin).iter().map(|s| s.to_string()));
        } else {
            if !o.no_messages {
                out.err(format!("grep: {f}: No such file or directory\n"));
            }
            out.status = 2;
            return out;
        }
    }
    if o.patterns.is_empty() && files_with_patterns.is_empty() {
        if operands.is_empty() {
            return grep_usage("");
        }
        o.patterns.push(operands.remove(0));
    }
    let matcher = match Matcher::new(&o) {
        Ok(m) => m,
        Err((msg, _)) => {
            // An error hides the warnings.
            out.err(format!("grep: {msg}\n"));
            out.status = 2;
            return out;
        }
    };
    for w in &matcher.warnings {
        out.err(format!("grep: warning: {w}\n"));
    }
    let with_filename = o.with_filename.unwrap_or(operands.len() > 1);
    let stdin_name = o.label.clone().unwrap_or_else(|| "(standard input)".into());
    let names: Vec<String> = if operands.is_empty() { vec!["-".into()] } else { operands };
    let mut selected_any = false;
    let mut stdin_used = false;
    for name in &names {
        if name != "-" {
            if !o.no_messages {
                out.err(format!("grep: {name}: No such file or directory\n"));
            }
            error = true;
            continue;
        }
        let text = if stdin_used { "" } else { stdin };
        stdin_used = true;
        let prefix = if with_filename { Some(stdin_name.as_str()) } else { None };
        if grep_text(&o, &matcher, text, prefix, &stdin_name, &mut out) {
            selected_any = true;
            if o.quiet {
                break;
            }
        }
    }
    out.status = if error && !(o.quiet && selected_any) {
        2
    } else if selected_any {
        0
    } else {
        1
    };
    out
}

/// Searches one input; returns whether a line was selected.
fn grep_text(o: &GrepOpts, m: &Matcher, text: &str, prefix: Option<&str>, name: &str, out: &mut Output) -> bool {
    let all = lines(text);
    let binary = !o.text && text.contains('\0');
    let mut count: u64 = 0;
    let mut printed_upto: Option<usize> = None; // index after the last printed line
    let mut after_left = 0usize;
    let context = !o.only && (o.after > 0 || o.before > 0);
    let silent = o.quiet || o.list.is_some() || o.count;
    let mut buf = String::new();
    let line_prefix = |idx: usize, sep: char| -> String {
        let mut p = String::new();
        if let Some(f) = prefix {
            p.push_str(f);
            p.push(sep);
        }
        if o.number {
            p.push_str(&(idx + 1).to_string());
            p.push(sep);
        }
        p
    };
    for (idx, line) in all.iter().enumerate() {
        if o.max.is_some_and(|mx| count >= mx) {
            // GNU still prints the trailing context of the last selected line.
            if after_left > 0 && !m.selects(line, o.invert) {
                buf.push_str(&line_prefix(idx, '-'));
                buf.push_str(line);
                buf.push('\n');
                after_left -= 1;
                continue;
            }
            break;
        }
        let selected = m.selects(line, o.invert);
        if selected {
            count += 1;
            if silent {
                if o.quiet || o.list.is_some() {
                    break;
                }
                continue;
            }
            if binary {
                break;
            }
            if context {
                let from = idx.saturating_sub(o.before).max(printed_upto.unwrap_or(0));
                if let (Some(p), Some(sep)) = (printed_upto, &o.group_separator) {
                    if from > p {
                        buf.push_str(sep);
                        buf.push('\n');
                    }
                }
                for (k, l) in all.iter().enumerate().take(idx).skip(from) {
                    buf.push_str(&line_prefix(k, '-'));
                    buf.push_str(l);
                    buf.push('\n');
                }
            }
            if o.only {
                if !o.invert {
                    for mt in m.re.find_iter(line).filter(|mt| !mt.as_str().is_empty()) {
                        buf.push_str(&line_prefix(idx, ':'));
                        buf.push_str(mt.as_str());
                        buf.push('\n');
                    }
                }
            } else {
                buf.push_str(&line_prefix(idx, ':'));
                buf.push_str(line);
                buf.push('\n');
            }
            printed_upto = Some(idx + 1);
            after_left = o.after;
        } else if context && after_left > 0 && !silent {
            buf.push_str(&line_prefix(idx, '-'));
            buf.push_str(line);
            buf.push('\n');
            printed_upto = Some(idx + 1);
            after_left -= 1;
        }
    }
    if o.count {
        if let Some(f) = prefix {
            buf.push_str(f);
            buf.push(':');
        }
        buf.push_str(&format!("{count}\n"));
    }
    match o.list {
        Some(true) if count > 0 => buf.push_str(&format!("{name}\n")),
        Some(false) if count == 0 => buf.push_str(&format!("{name}\n")),
        _ => {}
    }
    if binary && count > 0 && !silent {
        buf.push_str(&format!("Binary file {name} matches\n"));
    }
    if !o.quiet {
        out.out(buf);
    }
    count > 0
}

struct Matcher {
    re: Regex,
    warnings: Vec<String>,
}

impl Matcher {
    fn new(o: &GrepOpts) -> Result<Matcher, (String, Vec<String>)> {
        let syntax = o.syntax.unwrap_or(Syntax::Basic);
        let mut warnings = Vec::new();
        let mut parts = Vec::new();
        for p in o.patterns.iter().flat_map(|p| p.split('\n')) {
            let t = match syntax {
                Syntax::Fixed => regex_lite::escape(p),
                Syntax::Perl => p.to_string(),
                Syntax::Basic | Syntax::Extended => {
                    translate(p, syntax == Syntax::Extended, &mut warnings).map_err(|e| (e, warnings.clone()))?
                }
            };
            parts.push(t);
        }
        let mut pattern = match parts.len() {
            1 => parts.pop().unwrap_or_default(),
            _ => parts.iter().map(|p| format!("(?:{p})")).collect::<Vec<_>>().join("|"),
        };
        if o.line {
            pattern = format!("^(?:{pattern})$");
        } else if o.word {
            pattern = format!(r"\b{{start-half}}(?:{pattern})\b{{end-half}}");
        }
        match RegexBuilder::new(&pattern).case_insensitive(o.icase).build() {
            Ok(re) => Ok(Matcher { re, warnings }),
            Err(e) => {
                let e = e.to_string();
                let msg = if e.contains("too big") || e.contains("exceeds") {
                    "Regular expression too big".to_string()
                } else if syntax == Syntax::Perl {
                    e.lines().last().unwrap_or("invalid regular expression").trim().to_string()
                } else {
                    "kubeplay cannot match this pattern yet".to_string()
                };
                Err((msg, warnings))
            }
        }
    }

    fn selects(&self, line: &str, invert: bool) -> bool {
        self.re.is_match(line) != invert
    }
}

const RE_DUP_MAX: u32 = 32767;

/// Translates a GNU basic (`extended == false`) or extended regular expression into
/// regex-lite's syntax, with GNU's error texts. Warnings (GNU 3.8's "… at start of
/// expression") are appended to `warnings`.
pub fn translate(p: &str, extended: bool, warnings: &mut Vec<String>) -> Result<String, String> {
    let cs: Vec<char> = p.chars().collect();
    let mut out = String::new();
    // Start (in `out`) of the last atom, and whether it already carries a quantifier.
    let mut atom: Option<usize> = None;
    let mut quantified = false;
    // At the start of an expression: the pattern, after `(` or `|` (and after a leading `^`).
    let mut at_start = true;
    let mut groups: Vec<usize> = Vec::new();
    let mut closed_groups = 0usize;
    // A repetition right after an assertion (`\b+`, `\>*`) changes nothing in GNU's matcher.
    let mut after_assertion = false;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        let assertion_before = std::mem::take(&mut after_assertion);
        // The repetition operator `c` (with what follows) is, when it is one; every other
        // element `continue`s.
        let quant: Option<String>;
        match (c, extended) {
            ('\\', _) => {
                let Some(&e) = cs.get(i) else {
                    return Err("Trailing backslash".into());
                };
                i += 1;
                match (e, extended) {
                    ('(', false) => {
                        groups.push(out.len());
                        out.push('(');
                        atom = None;
                        at_start = true;
                        continue;
                    }
                    (')', false) => {
                        let Some(start) = groups.pop() else {
                            return Err("Unmatched ) or \\)".into());
                        };
                        out.push(')');
                        closed_groups += 1;
                        atom = Some(start);
                        quantified = false;
                        at_start = false;
                        continue;
                    }
                    ('|', false) => {
                        out.push('|');
                        atom = None;
                        at_start = true;
                        continue;
                    }
                    ('{', false) => {
                        if assertion_before && !at_start {
                            if let Some((_, next)) = interval(&cs, i, false)? {
                                i = next;
                                after_assertion = true;
                                continue;
                            }
                        }
                        if at_start || atom.is_none() {
                            push_literal(&mut out, &mut atom, &mut quantified, '{');
                            at_start = false;
                            continue;
                        }
                        let (q, next) = interval(&cs, i, false)?.ok_or_else(|| "Unmatched \\{".to_string())?;
                        i = next;
                        quant = Some(q);
                    }
                    ('+' | '?', false) => {
                        if assertion_before && !at_start {
                            after_assertion = true;
                            continue;
                        }
                        if at_start || atom.is_none() {
                            push_literal(&mut out, &mut atom, &mut quantified, e);
                            at_start = false;
                            continue;
                        }
                        quant = Some(e.to_string());
                    }
                    ('1'..='9', _) => {
                        let n = e as usize - '0' as usize;
                        if n > closed_groups {
                            return Err("Invalid back reference".into());
                        }
                        return Err("kubeplay does not support back-references yet".into());
                    }
                    ('w' | 'W' | 's' | 'S' | 'b' | 'B', _) => {
                        let start = out.len();
                        out.push('\\');
                        out.push(e);
                        if matches!(e, 'b' | 'B') {
                            atom = None;
                            after_assertion = true;
                        } else {
                            atom = Some(start);
                            quantified = false;
                            at_start = false;
                        }
                        continue;
                    }
                    ('<', _) | ('>', _) => {
                        out.push_str(if e == '<' { r"\b{start}" } else { r"\b{end}" });
                        atom = None;
                        after_assertion = true;
                        continue;
                    }
                    ('`', _) | ('\'', _) => {
                        out.push_str(if e == '`' { r"\A" } else { r"\z" });
                        atom = None;
                        after_assertion = true;
                        continue;
                    }
                    (lit, _) => {
                        push_literal(&mut out, &mut atom, &mut quantified, lit);
                        at_start = false;
                        continue;
                    }
                }
            }
            ('[', _) => {
                let (class, next) = bracket(&cs, i)?;
                i = next;
                atom = Some(out.len());
                quantified = false;
                out.push_str(&class);
                at_start = false;
                continue;
            }
            ('.', _) => {
                atom = Some(out.len());
                quantified = false;
                out.push('.');
                at_start = false;
                continue;
            }
            ('^', _) => {
                if extended || at_start && atom.is_none() && out_ends_group_start(&out, &groups) {
                    out.push('^');
                    atom = None;
                    after_assertion = extended;
                    // `*` after a leading `^` is still at the start of the expression.
                    continue;
                }
                push_literal(&mut out, &mut atom, &mut quantified, '^');
                at_start = false;
                continue;
            }
            ('$', _) => {
                let at_end = extended
                    || i == cs.len()
                    || (cs.get(i) == Some(&'\\') && matches!(cs.get(i + 1), Some(')') | Some('|')));
                if at_end {
                    out.push('$');
                    atom = None;
                    after_assertion = extended;
                    at_start &= extended;
                } else {
                    push_literal(&mut out, &mut atom, &mut quantified, '$');
                    at_start = false;
                }
                continue;
            }
            ('*', false) if at_start || atom.is_none() => {
                push_literal(&mut out, &mut atom, &mut quantified, '*');
                at_start = false;
                continue;
            }
            ('*', _) | ('+' | '?', true) => {
                if at_start || (atom.is_none() && !assertion_before) {
                    warnings.push(format!("{c} at start of expression"));
                    continue;
                }
                if assertion_before {
                    after_assertion = true;
                    continue;
                }
                quant = Some(c.to_string());
            }
            ('{', true) => match interval(&cs, i, true)? {
                Some((q, next)) => {
                    i = next;
                    if at_start || (atom.is_none() && !assertion_before) {
                        warnings.push("{...} at start of expression".into());
                        // Further intervals repeat nothing, silently.
                        after_assertion = true;
                        continue;
                    }
                    if assertion_before {
                        after_assertion = true;
                        continue;
                    }
                    quant = Some(q);
                }
                None => {
                    push_literal(&mut out, &mut atom, &mut quantified, '{');
                    at_start = false;
                    continue;
                }
            },
            ('(', true) => {
                groups.push(out.len());
                out.push('(');
                atom = None;
                at_start = true;
                continue;
            }
            (')', true) => {
                match groups.pop() {
                    Some(start) => {
                        out.push(')');
                        closed_groups += 1;
                        atom = Some(start);
                        quantified = false;
                    }
                    None => push_literal(&mut out, &mut atom, &mut quantified, ')'),
                }
                at_start = false;
                continue;
            }
            ('|', true) => {
                out.push('|');
                atom = None;
                at_start = true;
                continue;
            }
            (lit, _) => {
                push_literal(&mut out, &mut atom, &mut quantified, lit);
                at_start = false;
                continue;
            }
        }
        // A repetition operator applies to the last atom; a second one applies to the first
        // repetition as a whole (regex-lite would read `a+?` as lazy and reject `a**`).
        if let (Some(q), Some(start)) = (quant, atom) {
            if quantified {
                out.insert_str(start, "(?:");
                out.push(')');
            }
            out.push_str(&q);
            quantified = true;
            at_start = false;
        }
    }
    if !groups.is_empty() {
        return Err("Unmatched ( or \\(".into());
    }
    Ok(out)
}

/// Whether `out` is at the start of the pattern or right after a group's `(` or an `|`.
fn out_ends_group_start(out: &str, groups: &[usize]) -> bool {
    out.is_empty() || out.ends_with('|') || groups.last().is_some_and(|&g| g + 1 == out.len())
}

fn push_literal(out: &mut String, atom: &mut Option<usize>, quantified: &mut bool, c: char) {
    *atom = Some(out.len());
    *quantified = false;
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
    }
    out.push(c);
}

/// Parses an interval after `{` (ERE) or `\{` (BRE) at `cs[i]`, as glibc's `parse_dup_op`.
/// `Ok(None)`: not an interval (ERE: the `{` is a literal; BRE: "Unmatched \{"). Returns
/// regex-lite's `{n,m}` and the index after the interval.
fn interval(cs: &[char], i: usize, extended: bool) -> Result<Option<(String, usize)>, String> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Tok {
        Digit(u32),
        Comma,
        Close,
        End,
        Other,
    }
    let token = |j: usize| -> (Tok, usize) {
        match cs.get(j) {
            None => (Tok::End, j),
            Some('\\') if !extended => match cs.get(j + 1) {
                Some('}') => (Tok::Close, j + 2),
                Some(_) => (Tok::Other, j + 2),
                None => (Tok::End, j + 1),
            },
            Some('}') if extended => (Tok::Close, j + 1),
            Some(',') => (Tok::Comma, j + 1),
            Some(c) => match c.to_digit(10) {
                Some(d) => (Tok::Digit(d), j + 1),
                None => (Tok::Other, j + 1),
            },
        }
    };
    // glibc's fetch_number: -1 no digits, -2 invalid; stops after `,`, the closing brace or
    // the end, which it returns.
    let fetch = |mut j: usize| -> (i64, Tok, usize) {
        let mut num: i64 = -1;
        loop {
            let (t, next) = token(j);
            j = next;
            match t {
                Tok::End => return (-2, t, j),
                Tok::Close | Tok::Comma => return (num, t, j),
                Tok::Digit(d) if num != -2 => {
                    num = if num == -1 { i64::from(d) } else { (num * 10 + i64::from(d)).min(i64::from(RE_DUP_MAX) + 1) }
                }
                _ => num = -2,
            }
        }
    };
    let invalid = |t: Tok| -> Result<Option<(String, usize)>, String> {
        if extended || t == Tok::End {
            Ok(None)
        } else {
            Err("Invalid content of \\{\\}".into())
        }
    };
    let (mut lo, t, j) = fetch(i);
    if lo == -1 {
        match t {
            Tok::Comma => lo = 0,
            // `{}` is an error even where other bad intervals are literals.
            Tok::Close => return Err("Invalid content of \\{\\}".into()),
            _ => return invalid(t),
        }
    }
    if lo == -2 {
        return invalid(t);
    }
    let (hi, t, j) = match t {
        Tok::Close => (lo, t, j),
        Tok::Comma => fetch(j),
        _ => (-2, t, j),
    };
    if hi == -2 || t != Tok::Close {
        return invalid(t);
    }
    if hi != -1 && lo > hi {
        return Err("Invalid content of \\{\\}".into());
    }
    if lo > i64::from(RE_DUP_MAX) || hi > i64::from(RE_DUP_MAX) {
        return Err("Regular expression too big".into());
    }
    let q = if hi == -1 {
        format!("{{{lo},}}")
    } else if hi == lo {
        format!("{{{lo}}}")
    } else {
        format!("{{{lo},{hi}}}")
    };
    Ok(Some((q, j)))
}

/// Parses a POSIX bracket expression whose `[` is just before `cs[i]` into a regex-lite class.
fn bracket(cs: &[char], mut i: usize) -> Result<(String, usize), String> {
    const UNMATCHED: &str = "Unmatched [, [^, [:, [., or [=";
    let start = i;
    let mut out = String::from("[");
    if cs.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let first = i;
    if first == cs.len() {
        // `[` or `[^` ends the pattern.
        return Err("Invalid regular expression".into());
    }
    let mut items: Vec<(char, char)> = Vec::new();
    let mut classes: Vec<String> = Vec::new();
    loop {
        let Some(&c) = cs.get(i) else {
            return Err(UNMATCHED.into());
        };
        if c == ']' && i > first {
            i += 1;
            break;
        }
        // One element: a class, an equivalence class, a collating symbol or a character.
        let lo = if c == '[' && matches!(cs.get(i + 1), Some(':') | Some('=') | Some('.')) {
            let kind = cs[i + 1];
            let body_start = i + 2;
            let mut j = body_start;
            while j + 1 < cs.len() && !(cs[j] == kind && cs[j + 1] == ']') {
                j += 1;
            }
            if j + 1 >= cs.len() {
                return Err(UNMATCHED.into());
            }
            let body: String = cs[body_start..j].iter().collect();
            i = j + 2;
            match kind {
                ':' => {
                    const NAMES: &[&str] =
                        &["alpha", "upper", "lower", "digit", "xdigit", "space", "print", "punct", "graph", "cntrl", "blank", "alnum"];
                    if !NAMES.contains(&body.as_str()) {
                        return Err("Invalid character class name".into());
                    }
                    classes.push(body);
                    continue;
                }
                _ => {
                    let mut b = body.chars();
                    match (b.next(), b.next()) {
                        (Some(ch), None) => ch,
                        _ => return Err("Invalid collation character".into()),
                    }
                }
            }
        } else {
            i += 1;
            c
        };
        // A range `lo-hi` (a `-` before the closing `]` is a literal).
        if cs.get(i) == Some(&'-') && cs.get(i + 1).is_some_and(|&n| n != ']') {
            let hi_c = cs[i + 1];
            let hi = if hi_c == '[' && matches!(cs.get(i + 2), Some('.') | Some('=')) {
                let kind = cs[i + 2];
                let mut j = i + 3;
                while j + 1 < cs.len() && !(cs[j] == kind && cs[j + 1] == ']') {
                    j += 1;
                }
                if j + 1 >= cs.len() {
                    return Err(UNMATCHED.into());
                }
                let body: Vec<char> = cs[i + 3..j].to_vec();
                if body.len() != 1 {
                    return Err("Invalid collation character".into());
                }
                i = j + 2;
                body[0]
            } else {
                i += 2;
                hi_c
            };
            if hi < lo {
                return Err("Invalid range end".into());
            }
            items.push((lo, hi));
        } else {
            items.push((lo, lo));
        }
    }
    // `[:space:]` written without the outer brackets.
    let body: String = cs[start..i - 1].iter().collect();
    if body.len() >= 2 && body.starts_with(':') && body.ends_with(':') {
        // GNU's text names `space` whatever the class.
        return Err("character class syntax is [[:space:]], not [:space:]".into());
    }
    let esc = |c: char, s: &mut String| {
        if c.is_ascii_punctuation() || c.is_ascii_whitespace() {
            s.push('\\');
            s.push(c);
        } else if c.is_ascii_control() {
            s.push_str(&format!("\\x{:02X}", c as u32));
        } else {
            s.push(c);
        }
    };
    for (lo, hi) in items {
        esc(lo, &mut out);
        if hi != lo {
            out.push('-');
            esc(hi, &mut out);
        }
    }
    for c in classes {
        out.push_str(&format!("[:{c}:]"));
    }
    out.push(']');
    Ok((out, i))
}

// ---------------------------------------------------------------------------------------------
// head and tail

/// A line or byte count: `N`, or `-N` (head: all but the last N) / `+N` (tail: from the Nth).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Count {
    n: u64,
    /// head: `-N` (all but the last N); tail: `+N` (starting with the Nth).
    other_end: bool,
    bytes: bool,
}

fn parse_count(prog: &str, v: &str, bytes: bool) -> Result<Count, Output> {
    let (other_end, digits) = match (prog, v.chars().next()) {
        ("head", Some('-')) => (true, &v[1..]),
        ("tail", Some('+')) => (true, &v[1..]),
        ("tail", Some('-')) => (false, &v[1..]),
        (_, Some('+')) => (false, &v[1..]),
        _ => (false, v),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let what = if bytes { "bytes" } else { "lines" };
        return Err(fail(prog, &format!("invalid number of {what}: {}", q(v)), 1));
    }
    Ok(Count { n: digits.parse::<u64>().unwrap_or(u64::MAX), other_end, bytes })
}

const HEAD_SHORTS: &[(char, HasArg, &str)] =
    &[('c', Required, "c"), ('n', Required, "n"), ('q', No, "q"), ('v', No, "v"), ('z', No, "z")];
const HEAD_LONGS: &[(&str, HasArg, &str)] = &[
    ("bytes", Required, "c"), ("lines", Required, "n"), ("quiet", No, "q"), ("silent", No, "q"),
    ("verbose", No, "v"), ("zero-terminated", No, "z"), ("help", No, "help"), ("version", No, "version"),
];
const TAIL_SHORTS: &[(char, HasArg, &str)] = &[
    ('c', Required, "c"), ('f', No, "f"), ('F', No, "f"), ('n', Required, "n"), ('q', No, "q"),
    ('s', Required, "s"), ('v', No, "v"), ('z', No, "z"),
];
const TAIL_LONGS: &[(&str, HasArg, &str)] = &[
    ("bytes", Required, "c"), ("follow", Optional, "f"), ("lines", Required, "n"), ("max-unchanged-stats", Required, "s"),
    ("pid", Required, "s"), ("quiet", No, "q"), ("retry", No, "f"), ("silent", No, "q"), ("sleep-interval", Required, "s"),
    ("verbose", No, "v"), ("zero-terminated", No, "z"), ("help", No, "help"), ("version", No, "version"),
];

/// `head [-n N | -N | -n -N | -c N]`.
pub fn head(args: &[String], stdin: &str) -> Output {
    head_tail("head", args, stdin)
}

/// `tail [-n N | -N | +N | -n +N | -c N]` (`-f` is accepted: the input has ended).
pub fn tail(args: &[String], stdin: &str) -> Output {
    head_tail("tail", args, stdin)
}

fn head_tail(prog: &str, args: &[String], stdin: &str) -> Output {
    let is_head = prog == "head";
    let mut count = Count { n: 10, other_end: false, bytes: false };
    let mut args = args.to_vec();
    // The obsolete `-N` (and tail's `+N`) form, only as the first argument.
    if let Some(first) = args.first() {
        let obsolete = first.len() > 1
            && (first.starts_with('-') || (!is_head && first.starts_with('+')))
            && first[1..].bytes().all(|b| b.is_ascii_digit());
        if obsolete {
            count = Count { n: first[1..].parse().unwrap_or(u64::MAX), other_end: first.starts_with('+'), bytes: false };
            args.remove(0);
        }
    }
    let spec = if is_head {
        Spec { shorts: HEAD_SHORTS, longs: HEAD_LONGS, digits: false }
    } else {
        Spec { shorts: TAIL_SHORTS, longs: TAIL_LONGS, digits: false }
    };
    let parsed = match getopt(&spec, &args) {
        Ok(p) => p,
        Err(e) => return usage_error(prog, &e, 1),
    };
    for opt in &parsed.opts {
        let v = opt.value.clone().unwrap_or_default();
        match opt.key {
            "n" | "c" => match parse_count(prog, &v, opt.key == "c") {
                Ok(c) => count = c,
                Err(out) => return out,
            },
            "q" | "v" | "f" | "s" => {}
            _ => return not_supported(prog, &format!("'{}'", opt.written), 1),
        }
    }
    let mut out = Output::default();
    let (text, ok) = read_operands(&parsed.operands, stdin, &mut out, |f| {
        if is_head {
            format!("head: cannot open {} for reading: No such file or directory", q(f))
        } else {
            format!("tail: cannot open {} for reading: No such file or directory", q(f))
        }
    });
    let n = usize::try_from(count.n).unwrap_or(usize::MAX);
    let result = if count.bytes {
        let b = text.as_bytes();
        let range = match (is_head, count.other_end) {
            (true, false) => &b[..n.min(b.len())],
            (true, true) => &b[..b.len().saturating_sub(n)],
            (false, false) => &b[b.len().saturating_sub(n)..],
            (false, true) => &b[n.saturating_sub(1).min(b.len())..],
        };
        String::from_utf8_lossy(range).into_owned()
    } else {
        let ls: Vec<&str> = text.split_inclusive('\n').collect();
        let range = match (is_head, count.other_end) {
            (true, false) => &ls[..n.min(ls.len())],
            (true, true) => &ls[..ls.len().saturating_sub(n)],
            (false, false) => &ls[ls.len().saturating_sub(n)..],
            (false, true) => &ls[n.saturating_sub(1).min(ls.len())..],
        };
        range.concat()
    };
    out.out(result);
    if !ok {
        out.status = 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// wc

const WC_SHORTS: &[(char, HasArg, &str)] =
    &[('c', No, "c"), ('l', No, "l"), ('L', No, "L"), ('m', No, "m"), ('w', No, "w")];
const WC_LONGS: &[(&str, HasArg, &str)] = &[
    ("bytes", No, "c"), ("chars", No, "m"), ("lines", No, "l"), ("files0-from", Required, "files0-from"),
    ("max-line-length", No, "L"), ("words", No, "w"), ("total", Required, "total"), ("help", No, "help"),
    ("version", No, "version"),
];

/// `wc [-lwcmL]`: with no option, lines, words and bytes in GNU's columns for standard input.
pub fn wc(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: WC_SHORTS, longs: WC_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("wc", &e, 1),
    };
    let (mut l, mut w, mut m, mut c, mut max) = (false, false, false, false, false);
    for opt in &parsed.opts {
        match opt.key {
            "l" => l = true,
            "w" => w = true,
            "m" => m = true,
            "c" => c = true,
            "L" => max = true,
            _ => return not_supported("wc", &format!("'{}'", opt.written), 1),
        }
    }
    if !(l || w || m || c || max) {
        (l, w, c) = (true, true, true);
    }
    let mut out = Output::default();
    if parsed.operands.iter().any(|f| f != "-") {
        for f in &parsed.operands {
            if f != "-" {
                out.err(format!("wc: {f}: No such file or directory\n"));
            }
        }
        out.status = 1;
        if !parsed.operands.iter().any(|f| f == "-") {
            return out;
        }
    }
    let mut counts = Vec::new();
    if l {
        counts.push(stdin.bytes().filter(|&b| b == b'\n').count());
    }
    if w {
        counts.push(stdin.split_whitespace().count());
    }
    if m {
        counts.push(stdin.chars().count());
    }
    if c {
        counts.push(stdin.len());
    }
    if max {
        let longest = stdin
            .split('\n')
            .map(|line| line.chars().fold(0usize, |col, ch| if ch == '\t' { col / 8 * 8 + 8 } else { col + 1 }))
            .max()
            .unwrap_or(0);
        counts.push(longest);
    }
    let width = if counts.len() == 1 { 1 } else { 7 };
    let cols: Vec<String> = counts.iter().map(|n| format!("{n:>width$}")).collect();
    let name = if parsed.operands.iter().any(|f| f == "-") { " -" } else { "" };
    out.out(format!("{}{name}\n", cols.join(" ")));
    out
}

// ---------------------------------------------------------------------------------------------
// sort

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Ordering {
    numeric: bool,
    reverse: bool,
    fold: bool,
    blanks: bool,
}

impl Ordering {
    fn is_default(&self) -> bool {
        *self == Ordering::default()
    }
}

#[derive(Clone, Debug)]
struct Key {
    start_field: usize,
    start_char: usize,
    /// 0: to the end of the line.
    end_field: usize,
    end_char: usize,
    ord: Ordering,
    end_blanks: bool,
}

const SORT_SHORTS: &[(char, HasArg, &str)] = &[
    ('b', No, "b"), ('c', No, "c"), ('C', No, "C"), ('d', No, "d"), ('f', No, "f"), ('g', No, "g"), ('h', No, "h"),
    ('i', No, "i"), ('k', Required, "k"), ('m', No, "m"), ('M', No, "M"), ('n', No, "n"), ('o', Required, "o"),
    ('r', No, "r"), ('R', No, "R"), ('s', No, "s"), ('S', Required, "S"), ('t', Required, "t"), ('T', Required, "T"),
    ('u', No, "u"), ('V', No, "V"), ('z', No, "z"),
];
const SORT_LONGS: &[(&str, HasArg, &str)] = &[
    ("ignore-leading-blanks", No, "b"), ("check", Optional, "c"), ("compress-program", Required, "compress-program"),
    ("debug", No, "debug"), ("dictionary-order", No, "d"), ("ignore-case", No, "f"), ("files0-from", Required, "files0-from"),
    ("general-numeric-sort", No, "g"), ("ignore-nonprinting", No, "i"), ("key", Required, "k"), ("merge", No, "m"),
    ("month-sort", No, "M"), ("numeric-sort", No, "n"), ("human-numeric-sort", No, "h"), ("version-sort", No, "V"),
    ("random-sort", No, "R"), ("random-source", Required, "random-source"), ("sort", Required, "sort"),
    ("output", Required, "o"), ("reverse", No, "r"), ("stable", No, "s"), ("batch-size", Required, "batch-size"),
    ("buffer-size", Required, "S"), ("field-separator", Required, "t"), ("temporary-directory", Required, "T"),
    ("unique", No, "u"), ("zero-terminated", No, "z"), ("parallel", Required, "parallel"), ("help", No, "help"),
    ("version", No, "version"),
];

fn sort_key_error(what: &str, spec: &str) -> Output {
    fail("sort", &format!("{what}: invalid field specification {}", q(spec)), 2)
}

fn parse_key(spec: &str) -> Result<Key, Output> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let num = |i: &mut usize| -> Option<usize> {
        let s = *i;
        while cs.get(*i).is_some_and(|c| c.is_ascii_digit()) {
            *i += 1;
        }
        (*i > s).then(|| cs[s..*i].iter().collect::<String>().parse::<usize>().unwrap_or(usize::MAX))
    };
    let opts = |i: &mut usize, ord: &mut Ordering, blanks: &mut bool| -> Result<(), ()> {
        while let Some(&c) = cs.get(*i) {
            match c {
                'n' => ord.numeric = true,
                'r' => ord.reverse = true,
                'f' => ord.fold = true,
                'b' => *blanks = true,
                ',' => return Ok(()),
                _ => return Err(()),
            }
            *i += 1;
        }
        Ok(())
    };
    let Some(sf) = num(&mut i) else {
        return Err(fail("sort", &format!("invalid number at field start: invalid count at start of {}", q(spec)), 2));
    };
    if sf == 0 {
        return Err(sort_key_error("field number is zero", spec));
    }
    let mut sc = 0;
    if cs.get(i) == Some(&'.') {
        i += 1;
        match num(&mut i) {
            Some(0) => return Err(sort_key_error("character offset is zero", spec)),
            Some(n) => sc = n - 1,
            None => {
                return Err(fail("sort", &format!("invalid number after '.': invalid count at start of {}", q(&cs[i..].iter().collect::<String>())), 2))
            }
        }
    }
    let mut ord = Ordering::default();
    let mut start_blanks = false;
    if opts(&mut i, &mut ord, &mut start_blanks).is_err() {
        return Err(sort_key_error("stray character in field spec", spec));
    }
    ord.blanks = start_blanks;
    let (mut ef, mut ec, mut end_blanks) = (0, 0, false);
    if cs.get(i) == Some(&',') {
        i += 1;
        match num(&mut i) {
            Some(0) => return Err(sort_key_error("field number is zero", spec)),
            Some(n) => ef = n,
            None => {
                return Err(fail("sort", &format!("invalid number after ',': invalid count at start of {}", q(&cs[i..].iter().collect::<String>())), 2))
            }
        }
        if cs.get(i) == Some(&'.') {
            i += 1;
            match num(&mut i) {
                Some(n) => ec = n,
                None => {
                    return Err(fail("sort", &format!("invalid number after '.': invalid count at start of {}", q(&cs[i..].iter().collect::<String>())), 2))
                }
            }
        }
        if opts(&mut i, &mut ord, &mut end_blanks).is_err() || i < cs.len() {
            return Err(sort_key_error("stray character in field spec", spec));
        }
    }
    Ok(Key { start_field: sf - 1, start_char: sc, end_field: ef, end_char: ec, ord, end_blanks })
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The byte offset where field `n` (0-based) begins: with a separator, just after the n-th
/// one; without, at the blanks before the field (GNU's default, without `-b`).
fn field_start(line: &[u8], n: usize, tab: Option<u8>) -> usize {
    let mut p = 0;
    for _ in 0..n {
        match tab {
            Some(t) => match line[p..].iter().position(|&b| b == t) {
                Some(off) => p += off + 1,
                None => return line.len(),
            },
            None => {
                while p < line.len() && is_blank(line[p]) {
                    p += 1;
                }
                while p < line.len() && !is_blank(line[p]) {
                    p += 1;
                }
            }
        }
    }
    p
}

fn key_bytes<'a>(line: &'a [u8], k: &Key, tab: Option<u8>) -> &'a [u8] {
    let mut s = field_start(line, k.start_field, tab);
    if k.ord.blanks {
        while s < line.len() && is_blank(line[s]) {
            s += 1;
        }
    }
    s = (s + k.start_char).min(line.len());
    let e = if k.end_field == 0 {
        line.len()
    } else {
        let mut e = field_start(line, k.end_field - 1, tab);
        if k.end_char == 0 {
            match tab {
                Some(t) => e += line[e..].iter().position(|&b| b == t).unwrap_or(line.len() - e),
                None => {
                    while e < line.len() && is_blank(line[e]) {
                        e += 1;
                    }
                    while e < line.len() && !is_blank(line[e]) {
                        e += 1;
                    }
                }
            }
        } else {
            if k.end_blanks {
                while e < line.len() && is_blank(line[e]) {
                    e += 1;
                }
            }
            e = (e + k.end_char).min(line.len());
        }
        e
    };
    if e <= s {
        &[]
    } else {
        &line[s..e]
    }
}

/// GNU sort's `-n`: leading blanks, an optional `-`, digits, an optional fraction. Anything
/// else (or nothing) is zero.
fn numeric_cmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    fn parse(s: &[u8]) -> (bool, &[u8], &[u8]) {
        let mut i = 0;
        while i < s.len() && is_blank(s[i]) {
            i += 1;
        }
        let neg = s.get(i) == Some(&b'-');
        if neg {
            i += 1;
        }
        let int_start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        let mut int = &s[int_start..i];
        while int.first() == Some(&b'0') {
            int = &int[1..];
        }
        let mut frac: &[u8] = &[];
        if s.get(i) == Some(&b'.') {
            let f = i + 1;
            let mut j = f;
            while j < s.len() && s[j].is_ascii_digit() {
                j += 1;
            }
            frac = &s[f..j];
            while frac.last() == Some(&b'0') {
                frac = &frac[..frac.len() - 1];
            }
        }
        let zero = int.is_empty() && frac.is_empty();
        (neg && !zero, int, frac)
    }
    let (na, ia, fa) = parse(a);
    let (nb, ib, fb) = parse(b);
    let mag = ia.len().cmp(&ib.len()).then_with(|| ia.cmp(ib)).then_with(|| fa.cmp(fb));
    match (na, nb) {
        (false, false) => mag,
        (true, true) => mag.reverse(),
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
    }
}

fn compare_with(a: &[u8], b: &[u8], ord: &Ordering) -> std::cmp::Ordering {
    let strip = |s: &[u8]| -> Vec<u8> {
        let mut s = s;
        if ord.blanks {
            while s.first().is_some_and(|&c| is_blank(c)) {
                s = &s[1..];
            }
        }
        if ord.fold {
            s.iter().map(|c| c.to_ascii_uppercase()).collect()
        } else {
            s.to_vec()
        }
    };
    let r = if ord.numeric { numeric_cmp(a, b) } else { strip(a).cmp(&strip(b)) };
    if ord.reverse {
        r.reverse()
    } else {
        r
    }
}

/// `sort [-bfnru] [-k POS1[,POS2]]... [-t SEP]`, in byte order (LC_ALL=C).
pub fn sort(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: SORT_SHORTS, longs: SORT_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("sort", &e, 2),
    };
    let mut global = Ordering::default();
    let mut keys = Vec::new();
    let mut unique = false;
    let mut stable = false;
    let mut tab: Option<u8> = None;
    for opt in &parsed.opts {
        let v = opt.value.clone().unwrap_or_default();
        match opt.key {
            "b" => global.blanks = true,
            "f" => global.fold = true,
            "n" => global.numeric = true,
            "r" => global.reverse = true,
            "u" => unique = true,
            "s" => stable = true,
            "k" => match parse_key(&v) {
                Ok(k) => keys.push(k),
                Err(out) => return out,
            },
            "t" => {
                let b = v.as_bytes();
                if b.len() > 1 && v != "\\0" {
                    return fail("sort", &format!("multi-character tab {}", q(&v)), 2);
                }
                if b.is_empty() {
                    return fail("sort", "empty tab", 2);
                }
                tab = Some(if v == "\\0" { 0 } else { b[0] });
            }
            "S" | "T" | "parallel" | "batch-size" => {}
            _ => return not_supported("sort", &format!("'{}'", opt.written), 2),
        }
    }
    for k in keys.iter_mut() {
        if k.ord.is_default() && !k.end_blanks {
            k.ord = global;
            k.end_blanks = global.blanks;
        }
    }
    let mut out = Output::default();
    let (text, ok) = read_operands(&parsed.operands, stdin, &mut out, |f| {
        format!("sort: cannot read: {f}: No such file or directory")
    });
    if !ok {
        out.status = 2;
        return out;
    }
    let mut ls: Vec<&str> = lines(&text);
    let cmp_keys = |a: &str, b: &str| -> std::cmp::Ordering {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if keys.is_empty() {
            return compare_with(a, b, &global);
        }
        for k in &keys {
            let r = compare_with(key_bytes(a, k, tab), key_bytes(b, k, tab), &k.ord);
            if r != std::cmp::Ordering::Equal {
                return r;
            }
        }
        std::cmp::Ordering::Equal
    };
    // GNU's last-resort comparison of whole lines breaks ties, unless -u or -s.
    let last_resort = !(unique || stable);
    ls.sort_by(|a, b| {
        cmp_keys(a, b).then_with(|| {
            if last_resort {
                let r = a.as_bytes().cmp(b.as_bytes());
                if global.reverse {
                    r.reverse()
                } else {
                    r
                }
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    if unique {
        ls.dedup_by(|b, a| cmp_keys(a, b) == std::cmp::Ordering::Equal);
    }
    let mut s = String::new();
    for l in ls {
        s.push_str(l);
        s.push('\n');
    }
    out.out(s);
    out
}

// ---------------------------------------------------------------------------------------------
// uniq

const UNIQ_SHORTS: &[(char, HasArg, &str)] = &[
    ('c', No, "c"), ('d', No, "d"), ('D', No, "D"), ('f', Required, "f"), ('i', No, "i"), ('s', Required, "s"),
    ('u', No, "u"), ('w', Required, "w"), ('z', No, "z"),
];
const UNIQ_LONGS: &[(&str, HasArg, &str)] = &[
    ("count", No, "c"), ("repeated", No, "d"), ("all-repeated", Optional, "D"), ("group", Optional, "group"),
    ("ignore-case", No, "i"), ("unique", No, "u"), ("skip-fields", Required, "f"), ("skip-chars", Required, "s"),
    ("check-chars", Required, "w"), ("zero-terminated", No, "z"), ("help", No, "help"), ("version", No, "version"),
];

/// `uniq [-c] [-d] [-u] [-i]`: collapses runs of equal adjacent lines.
pub fn uniq(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: UNIQ_SHORTS, longs: UNIQ_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("uniq", &e, 1),
    };
    let (mut count, mut repeated, mut uniques, mut icase) = (false, false, false, false);
    for opt in &parsed.opts {
        match opt.key {
            "c" => count = true,
            "d" => repeated = true,
            "u" => uniques = true,
            "i" => icase = true,
            _ => return not_supported("uniq", &format!("'{}'", opt.written), 1),
        }
    }
    if parsed.operands.len() > 2 {
        return usage_error("uniq", &format!("extra operand {}", q(&parsed.operands[2])), 1);
    }
    if let Some(f) = parsed.operands.first().filter(|f| *f != "-") {
        return fail("uniq", &format!("{f}: No such file or directory"), 1);
    }
    if let Some(f) = parsed.operands.get(1) {
        return not_supported("uniq", &format!("writing to the file {}", q(f)), 1);
    }
    let ls = lines(stdin);
    let same = |a: &str, b: &str| if icase { a.eq_ignore_ascii_case(b) } else { a == b };
    let mut s = String::new();
    let mut i = 0;
    while i < ls.len() {
        let mut j = i + 1;
        while j < ls.len() && same(ls[i], ls[j]) {
            j += 1;
        }
        let n = j - i;
        let show = match (repeated, uniques) {
            (true, true) => false,
            (true, false) => n > 1,
            (false, true) => n == 1,
            (false, false) => true,
        };
        if show {
            if count {
                s.push_str(&format!("{n:>7} "));
            }
            s.push_str(ls[i]);
            s.push('\n');
        }
        i = j;
    }
    let mut out = Output::default();
    out.out(s);
    out
}

// ---------------------------------------------------------------------------------------------
// cut

const CUT_SHORTS: &[(char, HasArg, &str)] = &[
    ('b', Required, "b"), ('c', Required, "c"), ('d', Required, "d"), ('f', Required, "f"), ('n', No, "n"),
    ('s', No, "s"), ('z', No, "z"),
];
const CUT_LONGS: &[(&str, HasArg, &str)] = &[
    ("bytes", Required, "b"), ("characters", Required, "c"), ("delimiter", Required, "d"), ("fields", Required, "f"),
    ("only-delimited", No, "s"), ("output-delimiter", Required, "output-delimiter"), ("complement", No, "complement"),
    ("zero-terminated", No, "z"), ("help", No, "help"), ("version", No, "version"),
];

/// A cut list: 1-based inclusive ranges (`usize::MAX` for an open end).
fn parse_list(v: &str, fields: bool) -> Result<Vec<(usize, usize)>, Output> {
    let mut ranges = Vec::new();
    let zero = if fields { "fields are numbered from 1" } else { "byte/character positions are numbered from 1" };
    for item in v.split([',', ' ']) {
        if item.is_empty() {
            continue;
        }
        let invalid = || {
            let what = if fields { "field value" } else { "byte/character position" };
            usage_error("cut", &format!("invalid {what} {}", q(item)), 1)
        };
        let num = |s: &str| -> Result<Option<usize>, Output> {
            if s.is_empty() {
                return Ok(None);
            }
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            match s.parse::<usize>() {
                Ok(0) => Err(usage_error("cut", zero, 1)),
                Ok(n) => Ok(Some(n)),
                Err(_) => Ok(Some(usize::MAX)),
            }
        };
        let (lo, hi) = match item.split_once('-') {
            Some((a, b)) => {
                let lo = num(a)?;
                let hi = num(b)?;
                if lo.is_none() && hi.is_none() {
                    return Err(usage_error("cut", "invalid range with no endpoint: -", 1));
                }
                (lo.unwrap_or(1), hi.unwrap_or(usize::MAX))
            }
            None => {
                let n = num(item)?.unwrap_or(1);
                (n, n)
            }
        };
        if hi < lo {
            return Err(usage_error("cut", "invalid decreasing range", 1));
        }
        ranges.push((lo, hi));
    }
    if ranges.is_empty() {
        let what = if fields { "fields" } else { "positions" };
        return Err(usage_error("cut", &format!("missing list of {what}"), 1));
    }
    Ok(ranges)
}

/// `cut -f LIST [-d DELIM] [-s]` or `cut -c LIST` / `cut -b LIST`.
pub fn cut(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: CUT_SHORTS, longs: CUT_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("cut", &e, 1),
    };
    let mut list: Option<(bool, String)> = None;
    let mut delim: Option<String> = None;
    let mut only_delimited = false;
    let mut complement = false;
    let mut out_delim: Option<String> = None;
    for opt in &parsed.opts {
        let v = opt.value.clone().unwrap_or_default();
        match opt.key {
            "b" | "c" | "f" => {
                if list.is_some() {
                    return usage_error("cut", "only one list may be specified", 1);
                }
                list = Some((opt.key == "f", v));
            }
            "d" => delim = Some(v),
            "s" => only_delimited = true,
            "n" => {}
            "complement" => complement = true,
            "output-delimiter" => out_delim = Some(v),
            _ => return not_supported("cut", &format!("'{}'", opt.written), 1),
        }
    }
    let Some((fields, list)) = list else {
        return usage_error("cut", "you must specify a list of bytes, characters, or fields", 1);
    };
    let ranges = match parse_list(&list, fields) {
        Ok(r) => r,
        Err(out) => return out,
    };
    if !fields && delim.is_some() {
        return usage_error("cut", "an input delimiter may be specified only when operating on fields", 1);
    }
    if !fields && only_delimited {
        return usage_error("cut", "suppressing non-delimited lines makes sense\n\tonly when operating on fields", 1);
    }
    let d = match &delim {
        Some(d) if d.chars().count() > 1 => return usage_error("cut", "the delimiter must be a single character", 1),
        Some(d) if d.is_empty() => '\0',
        Some(d) => d.chars().next().unwrap_or('\t'),
        None => '\t',
    };
    let selected = |i: usize| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&i)) != complement;
    let mut out = Output::default();
    let (text, ok) =
        read_operands(&parsed.operands, stdin, &mut out, |f| format!("cut: {f}: No such file or directory"));
    let mut s = String::new();
    for line in lines(&text) {
        if fields {
            if !line.contains(d) {
                if !only_delimited {
                    s.push_str(line);
                    s.push('\n');
                }
                continue;
            }
            let od = out_delim.clone().unwrap_or_else(|| d.to_string());
            let picked: Vec<&str> =
                line.split(d).enumerate().filter(|(i, _)| selected(i + 1)).map(|(_, f)| f).collect();
            s.push_str(&picked.join(&od));
        } else {
            let bytes: Vec<u8> =
                line.bytes().enumerate().filter(|(i, _)| selected(i + 1)).map(|(_, b)| b).collect();
            s.push_str(&String::from_utf8_lossy(&bytes));
        }
        s.push('\n');
    }
    out.out(s);
    if !ok {
        out.status = 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// base64

const BASE64_SHORTS: &[(char, HasArg, &str)] = &[('d', No, "d"), ('i', No, "i"), ('w', Required, "w")];
const BASE64_LONGS: &[(&str, HasArg, &str)] = &[
    ("decode", No, "d"), ("wrap", Required, "w"), ("ignore-garbage", No, "i"), ("help", No, "help"),
    ("version", No, "version"),
];

/// `base64 [-d [-i]] [-w COLS]`: encodes (wrapping at 76 columns) or decodes standard input.
pub fn base64(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: BASE64_SHORTS, longs: BASE64_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("base64", &e, 1),
    };
    let (mut decode, mut garbage, mut wrap) = (false, false, 76usize);
    for opt in &parsed.opts {
        let v = opt.value.clone().unwrap_or_default();
        match opt.key {
            "d" => decode = true,
            "i" => garbage = true,
            "w" => match v.parse::<u64>() {
                Ok(n) => wrap = usize::try_from(n).unwrap_or(usize::MAX),
                Err(_) => return fail("base64", &format!("invalid wrap size: {}", q(&v)), 1),
            },
            _ => return not_supported("base64", &format!("'{}'", opt.written), 1),
        }
    }
    if parsed.operands.len() > 1 {
        return usage_error("base64", &format!("extra operand {}", q(&parsed.operands[1])), 1);
    }
    if let Some(f) = parsed.operands.first().filter(|f| *f != "-") {
        return fail("base64", &format!("{f}: No such file or directory"), 1);
    }
    let mut out = Output::default();
    if decode {
        let (bytes, ok) = base64_decode_gnu(stdin, garbage);
        out.out(String::from_utf8_lossy(&bytes).into_owned());
        if !ok {
            out.err("base64: invalid input\n");
            out.status = 1;
        }
        return out;
    }
    let encoded = cluster::api::base64_encode(stdin.as_bytes());
    if encoded.is_empty() {
        return out;
    }
    let mut s = String::new();
    if wrap == 0 {
        // GNU ends the output with a newline only when it wraps.
        s.push_str(&encoded);
    } else {
        for chunk in encoded.as_bytes().chunks(wrap) {
            s.push_str(&String::from_utf8_lossy(chunk));
            s.push('\n');
        }
    }
    out.out(s);
    out
}

fn b64_value(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// GNU's decoder (gnulib base64_decode_ctx): newlines are ignored (with `garbage`, everything
/// outside the alphabet but `=`); quanta of four decode in turn, and at the first invalid one
/// what was decoded so far is kept and the input is invalid.
fn base64_decode_gnu(input: &str, garbage: bool) -> (Vec<u8>, bool) {
    let data: Vec<u8> = input
        .bytes()
        .filter(|&b| if garbage { b64_value(b).is_some() || b == b'=' } else { b != b'\n' })
        .collect();
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    for q in data.chunks(4) {
        if q.len() < 2 {
            return (out, false);
        }
        let (Some(a), Some(b)) = (b64_value(q[0]), b64_value(q[1])) else {
            return (out, false);
        };
        out.push(((a << 2) | (b >> 4)) as u8);
        if q.len() == 2 {
            return (out, false);
        }
        if q[2] == b'=' {
            if q.len() != 4 || q[3] != b'=' {
                return (out, false);
            }
            continue;
        }
        let Some(c) = b64_value(q[2]) else {
            return (out, false);
        };
        out.push((((b << 4) & 0xf0) | (c >> 2)) as u8);
        if q.len() == 3 {
            return (out, false);
        }
        if q[3] == b'=' {
            continue;
        }
        let Some(d) = b64_value(q[3]) else {
            return (out, false);
        };
        out.push((((c << 6) & 0xc0) | d) as u8);
    }
    (out, true)
}

// ---------------------------------------------------------------------------------------------
// cat, less, more

const CAT_SHORTS: &[(char, HasArg, &str)] = &[
    ('A', No, "A"), ('b', No, "b"), ('e', No, "e"), ('E', No, "E"), ('n', No, "n"), ('s', No, "s"), ('t', No, "t"),
    ('T', No, "T"), ('u', No, "u"), ('v', No, "v"),
];
const CAT_LONGS: &[(&str, HasArg, &str)] = &[
    ("show-all", No, "A"), ("number-nonblank", No, "b"), ("show-ends", No, "E"), ("number", No, "n"),
    ("squeeze-blank", No, "s"), ("show-tabs", No, "T"), ("show-nonprinting", No, "v"), ("help", No, "help"),
    ("version", No, "version"),
];

/// `cat [-nbEsT] [-]`: standard input, optionally numbered.
pub fn cat(args: &[String], stdin: &str) -> Output {
    let spec = Spec { shorts: CAT_SHORTS, longs: CAT_LONGS, digits: false };
    let parsed = match getopt(&spec, args) {
        Ok(p) => p,
        Err(e) => return usage_error("cat", &e, 1),
    };
    let (mut number, mut nonblank, mut ends, mut squeeze, mut tabs, mut nonprinting) =
        (false, false, false, false, false, false);
    for opt in &parsed.opts {
        match opt.key {
            "n" => number = true,
            "b" => nonblank = true,
            "E" => ends = true,
            "s" => squeeze = true,
            "T" => tabs = true,
            "v" => nonprinting = true,
            "A" => (nonprinting, ends, tabs) = (true, true, true),
            "e" => (nonprinting, ends) = (true, true),
            "t" => (nonprinting, tabs) = (true, true),
            "u" => {}
            _ => return not_supported("cat", &format!("'{}'", opt.written), 1),
        }
    }
    let mut out = Output::default();
    let (text, ok) =
        read_operands(&parsed.operands, stdin, &mut out, |f| format!("cat: {f}: No such file or directory"));
    if !(number || nonblank || ends || squeeze || tabs || nonprinting) {
        out.out(text);
    } else {
        let mut s = String::new();
        let mut n = 0;
        let mut prev_blank = false;
        for piece in text.split_inclusive('\n') {
            let (line, nl) = match piece.strip_suffix('\n') {
                Some(l) => (l, true),
                None => (piece, false),
            };
            let blank = line.is_empty() && nl;
            if squeeze && blank && prev_blank {
                continue;
            }
            prev_blank = blank;
            if (nonblank && !blank) || (number && !nonblank) {
                n += 1;
                s.push_str(&format!("{n:>6}\t"));
            }
            if nonprinting {
                s.push_str(&show_nonprinting(line, tabs));
            } else if tabs {
                s.push_str(&line.replace('\t', "^I"));
            } else {
                s.push_str(line);
            }
            if nl {
                if ends {
                    s.push('$');
                }
                s.push('\n');
            }
        }
        out.out(s);
    }
    if !ok {
        out.status = 1;
    }
    out
}

/// `cat -v`: control bytes as `^X`, DEL as `^?`, bytes above 127 as `M-` and the same notation.
fn show_nonprinting(line: &str, tabs: bool) -> String {
    let mut s = String::new();
    for &b in line.as_bytes() {
        let (meta, c) = if b >= 128 { (true, b - 128) } else { (false, b) };
        if meta {
            s.push_str("M-");
        }
        match c {
            b'\t' if !tabs && !meta => s.push('\t'),
            0..=31 => {
                s.push('^');
                s.push(char::from(c + 64));
            }
            127 => s.push_str("^?"),
            _ => s.push(char::from(c)),
        }
    }
    s
}

/// `less` / `more`: a pager shows its input; the sandbox's terminal scrolls by itself.
fn pager(prog: &str, args: &[String], stdin: &str) -> Output {
    let mut out = Output::default();
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with('-') && !a.starts_with('+')).collect();
    if files.is_empty() {
        out.out(stdin);
        return out;
    }
    for f in files {
        match prog {
            "more" => out.err(format!("more: cannot open {f}: No such file or directory\n")),
            _ => out.err(format!("{f}: No such file or directory\n")),
        }
    }
    out.status = 1;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    /// (stdout, stderr, status)
    fn run_(prog: &str, args: &[&str], input: &str) -> (String, String, i32) {
        let o = run(prog, &a(args), input).expect("a known program");
        (o.stdout(), o.stderr(), o.status)
    }

    fn ok(s: &str) -> (String, String, i32) {
        (s.to_string(), String::new(), 0)
    }

    const TABLE: &str = "NAME            STATUS   ROLES           AGE   VERSION\n\
                         control-plane   Ready    control-plane   0s    v1.31.0\n\
                         node-1          Ready    <none>          0s    v1.31.0\n\
                         node-2          Ready    <none>          0s    v1.31.0\n";

    #[test]
    fn grep_selects_counts_and_numbers_lines() {
        assert_eq!(run_("grep", &["control-plane"], TABLE), ok("control-plane   Ready    control-plane   0s    v1.31.0\n"));
        assert_eq!(run_("grep", &["-c", "Ready"], TABLE), ok("3\n"));
        assert_eq!(run_("grep", &["-vc", "Ready"], TABLE), ok("1\n"));
        assert_eq!(run_("grep", &["-n", "node-2"], TABLE), ok("4:node-2          Ready    <none>          0s    v1.31.0\n"));
        assert_eq!(run_("grep", &["-i", "NODE-1", "--color=auto"], TABLE).0.lines().count(), 1);
        assert_eq!(run_("grep", &["-o", "node-[0-9]"], TABLE), ok("node-1\nnode-2\n"));
        assert_eq!(run_("grep", &["-on", "v1\\.[0-9]*"], "a v1.31 b v1.2\nno\n"), ok("1:v1.31\n1:v1.2\n"));
        assert_eq!(run_("grep", &["nothing"], TABLE), (String::new(), String::new(), 1));
        assert_eq!(run_("grep", &["-c", "nothing"], TABLE), ("0\n".into(), String::new(), 1));
        assert_eq!(run_("grep", &["-q", "node"], TABLE), (String::new(), String::new(), 0));
        assert_eq!(run_("grep", &["-e", "x", "-e", "y"], "x\ny\nz"), ok("x\ny\n"));
        assert_eq!(run_("grep", &["x\ny"], "x\ny\nz"), ok("x\ny\n"));
        assert_eq!(run_("grep", &["-w", "node"], "node-1\nnodes\na node\n"), ok("node-1\na node\n"));
        assert_eq!(run_("grep", &["-x", "ab"], "ab\nabc\n"), ok("ab\n"));
        assert_eq!(run_("grep", &["b", "-"], "ab\nc\n"), ok("ab\n"), "options and operands in any order, - is stdin");
        assert_eq!(run_("grep", &["", "-"], "x\n\n"), ok("x\n\n"));
        assert_eq!(run_("grep", &["-l", "a"], "a\n"), ok("(standard input)\n"));
        assert_eq!(run_("grep", &["-H", "a"], "a\n"), ok("(standard input):a\n"));
        assert_eq!(run_("grep", &["-m1", "a"], "a1\na2\n"), ok("a1\n"));
    }

    #[test]
    fn grep_context_lines_and_separators() {
        let input = "1\n2\nx\n4\n5\n6\n7\nx\n9\n";
        assert_eq!(run_("grep", &["-A1", "x"], input), ok("x\n4\n--\nx\n9\n"));
        assert_eq!(run_("grep", &["-B", "1", "-n", "x"], input), ok("2-2\n3:x\n--\n7-7\n8:x\n"));
        assert_eq!(run_("grep", &["-C2", "x"], input), ok("1\n2\nx\n4\n5\n6\n7\nx\n9\n"));
        assert_eq!(run_("grep", &["-1", "x"], "x\nx\n3\n"), ok("x\nx\n3\n"));
        assert_eq!(run_("grep", &["-A", "x", "y"], "").1, "grep: x: invalid context length argument\n");
    }

    #[test]
    fn grep_basic_and_extended_syntax() {
        let input = "a+b\nab\naab\n(x)\nx{2}\nxx\n*star\nfoo bar\n";
        assert_eq!(run_("grep", &["a+b"], input), ok("a+b\n"));
        assert_eq!(run_("grep", &["-E", "a+b"], input), ok("ab\naab\n"));
        assert_eq!(run_("grep", &["-E", "^a+b$"], input), ok("ab\naab\n"));
        assert_eq!(run_("grep", &["^a\\+b$"], input), ok("ab\naab\n"));
        assert_eq!(run_("grep", &["\\(x\\)"], input), ok("(x)\nx{2}\nxx\n"));
        assert_eq!(run_("grep", &["(x)"], input), ok("(x)\n"));
        assert_eq!(run_("grep", &["x\\{2\\}"], input), ok("xx\n"));
        assert_eq!(run_("grep", &["x{2}"], input), ok("x{2}\n"));
        assert_eq!(run_("grep", &["-E", "x{2}"], input), ok("xx\n"));
        assert_eq!(run_("grep", &["-E", "x{"], input), ok("x{2}\n"));
        assert_eq!(run_("grep", &["*star"], input), ok("*star\n"));
        assert_eq!(run_("grep", &["ab\\|foo"], input), ok("ab\naab\nfoo bar\n"));
        assert_eq!(run_("grep", &["-E", "^(ab|foo)"], input), ok("ab\nfoo bar\n"));
        assert_eq!(run_("egrep", &["ab|foo"], input), ok("ab\naab\nfoo bar\n"));
        assert_eq!(run_("grep", &["-F", "a+b"], input), ok("a+b\n"));
        assert_eq!(run_("grep", &["[[:upper:]]"], "abc\naBc\n"), ok("aBc\n"));
        assert_eq!(run_("grep", &["[]x]"], "]\ny\n"), ok("]\n"));
        assert_eq!(run_("grep", &["[\\-]"], "a-b\n\\\nc\n"), ok("a-b\n\\\n"));
        assert_eq!(run_("grep", &["a^b$c"], "a^b$c\n"), ok("a^b$c\n"));
        assert_eq!(run_("grep", &["-E", "a+?b"], "b\n"), ok("b\n"), "`+?` is greedy-then-optional, not lazy");
        let (o, e, s) = run_("grep", &["-E", "*star"], "star\n");
        assert_eq!((o.as_str(), e.as_str(), s), ("star\n", "grep: warning: * at start of expression\n", 0));
    }

    #[test]
    fn grep_usage_and_pattern_errors() {
        let usage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
        assert_eq!(run_("grep", &["-z"], "").1, "grep: kubeplay does not support '-z' yet\n");
        assert_eq!(run_("grep", &["-Q", "x"], ""), (String::new(), format!("grep: invalid option -- 'Q'\n{usage}"), 2));
        assert_eq!(run_("grep", &[], ""), (String::new(), usage.to_string(), 2));
        assert_eq!(run_("grep", &["-e"], "").1, format!("grep: option requires an argument -- 'e'\n{usage}"));
        assert_eq!(run_("grep", &["--foo", "x"], "").1, format!("grep: unrecognized option '--foo'\n{usage}"));
        assert_eq!(
            run_("grep", &["--co", "x"], "").1,
            format!("grep: option '--co' is ambiguous; possibilities: '--context' '--color' '--colour' '--count'\n{usage}")
        );
        assert_eq!(run_("grep", &["--regexp"], "").1, format!("grep: option '--regexp' requires an argument\n{usage}"));
        assert_eq!(run_("grep", &["--count=3", "x"], "").1, format!("grep: option '--count' doesn't allow an argument\n{usage}"));
        assert_eq!(run_("grep", &["--col", "x"], "x\n"), ok("x\n"), "--col abbreviates --color and --colour alike");
        let err = |p: &str, e: bool| {
            let args: Vec<&str> = if e { vec!["-E", p] } else { vec![p] };
            let (_, stderr, status) = run_("grep", &args, "x\n");
            assert_eq!(status, 2, "{p}");
            stderr
        };
        assert_eq!(err("[", false), "grep: Invalid regular expression\n");
        assert_eq!(err("[a", false), "grep: Unmatched [, [^, [:, [., or [=\n");
        assert_eq!(err("\\(", false), "grep: Unmatched ( or \\(\n");
        assert_eq!(err("(", true), "grep: Unmatched ( or \\(\n");
        assert_eq!(err("\\)", false), "grep: Unmatched ) or \\)\n");
        assert_eq!(err("a\\", false), "grep: Trailing backslash\n");
        assert_eq!(err("x\\{2", false), "grep: Unmatched \\{\n");
        assert_eq!(err("a{2,1}", true), "grep: Invalid content of \\{\\}\n");
        assert_eq!(err("[b-a]", false), "grep: Invalid range end\n");
        assert_eq!(err("[[:foo:]]", false), "grep: Invalid character class name\n");
        assert_eq!(err("[:space:]", false), "grep: character class syntax is [[:space:]], not [:space:]\n");
        assert_eq!(err("\\1", false), "grep: Invalid back reference\n");
        assert_eq!(run_("grep", &["-E", ")"], "(x)\n"), ok("(x)\n"));
        assert_eq!(run_("grep", &["x", "pods.txt"], "x\n"), (String::new(), "grep: pods.txt: No such file or directory\n".into(), 2));
        assert_eq!(run_("grep", &["-E", "-F", "x"], "x\n").1, "grep: conflicting matchers specified\n");
    }

    #[test]
    fn head_and_tail_counts() {
        let input: String = (1..=12).map(|i| format!("l{i}\n")).collect();
        assert_eq!(run_("head", &[], &input).0.lines().count(), 10);
        assert_eq!(run_("head", &["-n", "2"], &input), ok("l1\nl2\n"));
        assert_eq!(run_("head", &["-2"], &input), ok("l1\nl2\n"));
        assert_eq!(run_("head", &["-n2"], &input), ok("l1\nl2\n"));
        assert_eq!(run_("head", &["--lines=2"], &input), ok("l1\nl2\n"));
        assert_eq!(run_("head", &["-n", "-10"], &input), ok("l1\nl2\n"));
        assert_eq!(run_("head", &["-c", "4"], &input), ok("l1\nl"));
        assert_eq!(run_("tail", &["-n", "2"], &input), ok("l11\nl12\n"));
        assert_eq!(run_("tail", &["-2"], &input), ok("l11\nl12\n"));
        assert_eq!(run_("tail", &["-n", "+11"], &input), ok("l11\nl12\n"));
        assert_eq!(run_("tail", &["+12"], &input), ok("l12\n"));
        assert_eq!(run_("tail", &["-f", "-n1"], "a\nb"), ok("b"));
        assert_eq!(run_("head", &["-n", "x"], ""), (String::new(), "head: invalid number of lines: \u{2018}x\u{2019}\n".into(), 1));
        assert_eq!(
            run_("head", &["-n"], ""),
            (String::new(), "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n".into(), 1)
        );
        assert_eq!(run_("tail", &["-x"], "").1, "tail: invalid option -- 'x'\nTry 'tail --help' for more information.\n");
    }

    #[test]
    fn wc_columns() {
        assert_eq!(run_("wc", &[], "l1\nl2\nl3\n"), ok("      3       3       9\n"));
        assert_eq!(run_("wc", &["-l"], "l1\nl2\nl3\n"), ok("3\n"));
        assert_eq!(run_("wc", &["-lw"], "a b\nc\n"), ok("      2       3\n"));
        assert_eq!(run_("wc", &["-c"], "héllo\n"), ok("7\n"));
        assert_eq!(run_("wc", &["-m"], "héllo\n"), ok("6\n"));
        assert_eq!(run_("wc", &["-L"], "x\tb\n"), ok("9\n"));
        assert_eq!(run_("wc", &["-l"], ""), ok("0\n"));
        assert_eq!(run_("wc", &["-x"], "").1, "wc: invalid option -- 'x'\nTry 'wc --help' for more information.\n");
        assert_eq!(run_("wc", &["x"], ""), (String::new(), "wc: x: No such file or directory\n".into(), 1));
    }

    #[test]
    fn sort_orders_keys_and_uniques() {
        assert_eq!(run_("sort", &[], "b\na\nc\n"), ok("a\nb\nc\n"));
        assert_eq!(run_("sort", &["-r"], "b\na\nc\n"), ok("c\nb\na\n"));
        assert_eq!(run_("sort", &["-n"], "10\n9\n-1\nx\n1.5\n"), ok("-1\nx\n1.5\n9\n10\n"));
        assert_eq!(run_("sort", &["-u"], "b\na\nb\n"), ok("a\nb\n"));
        assert_eq!(run_("sort", &["-k2", "-n"], "b 2\na 10\nc 1\n"), ok("c 1\nb 2\na 10\n"));
        assert_eq!(run_("sort", &["-k", "2"], "a  b\na c\n"), ok("a  b\na c\n"), "a key keeps its leading blanks");
        assert_eq!(run_("sort", &["-k", "2b"], "a  c\na b\n"), ok("a b\na  c\n"));
        assert_eq!(run_("sort", &["-t", ":", "-k", "2,2"], "x:b:1\ny:a:2\n"), ok("y:a:2\nx:b:1\n"));
        assert_eq!(run_("sort", &["-k2nr"], "a 1\nb 3\nc 2\n"), ok("b 3\nc 2\na 1\n"));
        assert_eq!(run_("sort", &["-n", "-u"], "1\n01\n2\n"), ok("1\n2\n"));
        assert_eq!(run_("sort", &["-f"], "b\nA\na\n"), ok("A\na\nb\n"));
        assert_eq!(run_("sort", &["-k", "x"], "").1, "sort: invalid number at field start: invalid count at start of \u{2018}x\u{2019}\n");
        assert_eq!(run_("sort", &["-k", "0"], "").1, "sort: field number is zero: invalid field specification \u{2018}0\u{2019}\n");
        assert_eq!(run_("sort", &["-t", "ab"], ""), (String::new(), "sort: multi-character tab \u{2018}ab\u{2019}\n".into(), 2));
        assert_eq!(run_("sort", &["-k"], "").2, 2);
    }

    #[test]
    fn uniq_and_cut() {
        assert_eq!(run_("uniq", &[], "a\na\nb\na\n"), ok("a\nb\na\n"));
        assert_eq!(run_("uniq", &["-c"], "a\na\nb\n"), ok("      2 a\n      1 b\n"));
        assert_eq!(run_("uniq", &["-d"], "a\na\nb\n"), ok("a\n"));
        assert_eq!(run_("uniq", &["a", "b", "c"], "").1, "uniq: extra operand \u{2018}c\u{2019}\nTry 'uniq --help' for more information.\n");
        assert_eq!(run_("cut", &["-d", ":", "-f", "2"], "a:b:c\nnone\n"), ok("b\nnone\n"));
        assert_eq!(run_("cut", &["-d:", "-f1,3"], "a:b:c\n"), ok("a:c\n"));
        assert_eq!(run_("cut", &["-d", " ", "-f", "2-"], "a b c\n"), ok("b c\n"));
        assert_eq!(run_("cut", &["-s", "-d:", "-f1"], "a:b\nnone\n"), ok("a\n"));
        assert_eq!(run_("cut", &["-c", "1-3"], "abcdef\n"), ok("abc\n"));
        assert_eq!(run_("cut", &["-f1"], "a\tb\n"), ok("a\n"));
        let try_ = "Try 'cut --help' for more information.\n";
        assert_eq!(run_("cut", &[], "").1, format!("cut: you must specify a list of bytes, characters, or fields\n{try_}"));
        assert_eq!(run_("cut", &["-d:", "-f0"], "").1, format!("cut: fields are numbered from 1\n{try_}"));
        assert_eq!(run_("cut", &["-d", "ab", "-f1"], "").1, format!("cut: the delimiter must be a single character\n{try_}"));
        assert_eq!(run_("cut", &["-f3-1"], "").1, format!("cut: invalid decreasing range\n{try_}"));
        assert_eq!(run_("cut", &["-fx"], "").1, format!("cut: invalid field value \u{2018}x\u{2019}\n{try_}"));
    }

    #[test]
    fn base64_encodes_wraps_and_decodes() {
        assert_eq!(run_("base64", &[], "admin"), ok("YWRtaW4=\n"));
        assert_eq!(run_("base64", &[], "admin\n"), ok("YWRtaW4K\n"));
        assert_eq!(run_("base64", &[], ""), ok(""));
        let zeros = "\0".repeat(100);
        let line = "A".repeat(76);
        assert_eq!(run_("base64", &[], &zeros), ok(&format!("{line}\n{}==\n", "A".repeat(58))));
        assert_eq!(run_("base64", &["-w", "0"], "admin"), ok("YWRtaW4="));
        assert_eq!(run_("base64", &["-w", "4"], "admin"), ok("YWRt\naW4=\n"));
        assert_eq!(run_("base64", &["--decode"], "YWRtaW4=\n"), ok("admin"));
        assert_eq!(run_("base64", &["-d"], "YWJj\nZGVm\n"), ok("abcdef"));
        assert_eq!(run_("base64", &["-d"], "YWRta W4=\n"), ("adm".into(), "base64: invalid input\n".into(), 1));
        assert_eq!(run_("base64", &["-d"], "YWRtaW4\n"), ("admin".into(), "base64: invalid input\n".into(), 1));
        assert_eq!(run_("base64", &["-d"], "YWRtaW4==\n"), ("admin".into(), "base64: invalid input\n".into(), 1));
        assert_eq!(run_("base64", &["-d", "-i"], "YWRt*aW4=\n"), ok("admin"));
        assert_eq!(run_("base64", &["-d"], "/w==").0, "\u{fffd}", "bytes that are not UTF-8 show lossily");
        assert_eq!(run_("base64", &["--", "decode"], "x"), (String::new(), "base64: decode: No such file or directory\n".into(), 1));
        assert_eq!(
            run_("base64", &["a", "b"], "").1,
            "base64: extra operand \u{2018}b\u{2019}\nTry 'base64 --help' for more information.\n"
        );
        assert_eq!(run_("base64", &["-x"], "").1, "base64: invalid option -- 'x'\nTry 'base64 --help' for more information.\n");
    }

    #[test]
    fn cat_pagers_echo() {
        assert_eq!(run_("cat", &[], "a\nb"), ok("a\nb"));
        assert_eq!(run_("cat", &["-n"], "a\n\nb\n"), ok("     1\ta\n     2\t\n     3\tb\n"));
        assert_eq!(run_("cat", &["-A"], "a\tb\u{e9}\x01\n"), ok("a^IbM-CM-)^A$\n"));
        assert_eq!(run_("cat", &["x"], "a"), (String::new(), "cat: x: No such file or directory\n".into(), 1));
        assert_eq!(run_("less", &["-R"], "a\n"), ok("a\n"));
        assert_eq!(run_("more", &[], "a\n"), ok("a\n"));
        assert_eq!(run_("echo", &["-n", "admin"], ""), ok("admin"));
        assert_eq!(run_("echo", &["a", "b"], ""), ok("a b\n"));
        assert_eq!(run_("echo", &[], ""), ok("\n"));
        assert_eq!(run_("echo", &["-e", "a\\tb\\n"], ""), ok("a\tb\n\n"));
        assert_eq!(run_("echo", &["-e", "a\\cb"], ""), ok("a"));
        assert_eq!(run_("echo", &["-x", "--", "-n"], ""), ok("-x -- -n\n"));
        assert_eq!(run_("false", &[], "").2, 1);
        assert!(run("vim", &[], "").is_none());
    }
}
