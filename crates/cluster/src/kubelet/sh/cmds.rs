//! Builtins and the busybox utilities a container's shell finds, with busybox's option syntax,
//! output formats and error texts (`sh: X: not found`, `cat: can't open 'X': No such file or
//! directory`, ...). Network tools ask the [`Host`](super::Host).

use super::exec::{Ctx, Flow, Input, Job, Opts, Wait};
use super::fs::{self, normalize, FsError};
use super::parser::is_name;
use super::pattern::Regex;
use super::{arith, HttpError, Signal};
use crate::time::{Duration, Time};

/// Utilities found in `/bin` (for `which`, `command -v`, `/bin/X` and [`command_exists`]).
const UTILS: &[&str] = &[
    "ash", "basename", "bash", "cat", "chmod", "cp", "curl", "cut", "dash", "date", "dirname", "echo", "egrep", "env", "expr", "false", "fgrep",
    "grep", "head", "hostname", "id", "kill", "ls", "mkdir", "mv", "nc", "nslookup", "printenv", "printf", "ps", "pwd", "rm", "rmdir", "seq", "sh",
    "sleep", "sort", "tail", "tee", "test", "touch", "tr", "true", "uname", "uniq", "wc", "wget", "whoami", "[",
];

/// Builtins of the shell itself (no file in `/bin`).
const BUILTINS: &[&str] = &[
    ":", ".", "break", "cd", "command", "continue", "eval", "exec", "exit", "export", "jobs", "local", "read", "readonly", "return", "set", "shift",
    "source", "trap", "type", "ulimit", "umask", "unset", "wait", "which",
];

/// Busybox applets kubeplay knows exist but does not simulate.
const UNSUPPORTED: &[&str] =
    &["awk", "sed", "find", "xargs", "vi", "top", "ping", "apk", "apt", "apt-get", "netstat", "ip", "ifconfig", "dd", "tar", "gzip"];

const BIN_DIRS: &[&str] = &["/bin", "/usr/bin", "/sbin", "/usr/sbin", "/usr/local/bin"];

/// Most numbers `seq` prints, lines `yes`-like loops produce in one command.
const MAX_SEQ: usize = 100_000;

/// Whether a container can run `name` as its command (a utility, or a file in its filesystem).
pub fn command_exists(name: &str, fs: &fs::Fs) -> bool {
    if UTILS.contains(&name) {
        return true;
    }
    if name.contains('/') {
        let (dir, base) = name.rsplit_once('/').unwrap_or(("", name));
        return (BIN_DIRS.contains(&dir) && UTILS.contains(&base)) || fs.is_file(&normalize("/", name));
    }
    false
}

fn lookup_kind(job: &Job, name: &str) -> Option<&'static str> {
    if job.scope.funcs.contains_key(name) {
        Some("function")
    } else if BUILTINS.contains(&name) || name == "true" || name == "false" || name == "echo" || name == "printf" || name == "test" || name == "[" {
        Some("builtin")
    } else if UTILS.contains(&name) {
        Some("util")
    } else {
        None
    }
}

/// Runs the builtin or utility `argv[0]`.
pub fn run(job: &mut Job, ctx: &mut Ctx, argv: &[String], exec: bool) -> Flow {
    let Some(name) = argv.first().map(String::as_str) else { return Flow::Done(0) };
    let args = &argv[1..];
    if UTILS.contains(&name) && !ctx.host.has_command(name) {
        let msg = ctx.host.not_found(&job.scope.arg0, name);
        job.errln(ctx, &msg);
        return Flow::Done(127);
    }
    match name {
        ":" | "true" => Flow::Done(0),
        "false" => Flow::Done(1),
        "echo" => echo(job, ctx, args),
        "printf" => printf(job, ctx, args),
        "exit" => match args.first() {
            None => Flow::Exit(job.status),
            Some(a) => match a.parse::<i64>() {
                Ok(n) => Flow::Exit((n & 255) as i32),
                Err(_) => {
                    job.errln(ctx, &format!("sh: exit: Illegal number: {a}"));
                    Flow::Exit(2)
                }
            },
        },
        "return" => {
            let n = match args.first() {
                None => job.status,
                Some(a) => match a.parse::<i64>() {
                    Ok(n) => (n & 255) as i32,
                    Err(_) => {
                        job.errln(ctx, &format!("sh: return: Illegal number: {a}"));
                        2
                    }
                },
            };
            job.do_return(n)
        }
        "break" | "continue" => {
            let n = match args.first().map(|a| a.parse::<usize>()) {
                None => 1,
                Some(Ok(n)) if n > 0 => n,
                Some(_) => {
                    job.errln(ctx, &format!("sh: {name}: Illegal number: {}", args[0]));
                    return Flow::Done(2);
                }
            };
            job.do_break(n, name == "continue")
        }
        "export" | "readonly" => export(job, ctx, args, name == "export"),
        "unset" => {
            let funcs = args.first().is_some_and(|a| a == "-f");
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                if funcs {
                    std::sync::Arc::make_mut(&mut job.scope.funcs).remove(a.as_str());
                } else {
                    job.unset(a);
                }
            }
            Flow::Done(0)
        }
        "local" => {
            for a in args {
                let (n, v) = match a.split_once('=') {
                    Some((n, v)) => (n, Some(v)),
                    None => (a.as_str(), None),
                };
                if !job.make_local(n) {
                    job.errln(ctx, "sh: local: not in a function");
                    return Flow::Done(1);
                }
                job.set_var(n, v.unwrap_or_default().to_string());
            }
            Flow::Done(0)
        }
        "set" => set(job, ctx, args),
        "shift" => {
            let n = args.first().and_then(|a| a.parse::<usize>().ok()).unwrap_or(1);
            if n > job.scope.args.len() {
                job.errln(ctx, "sh: shift: can't shift that many");
                return Flow::Done(1);
            }
            let rest = job.scope.args[n..].to_vec();
            job.scope.args = std::sync::Arc::new(rest);
            Flow::Done(0)
        }
        "cd" => cd(job, ctx, args),
        "pwd" => {
            let d = job.scope.cwd.clone();
            job.out(ctx, &format!("{d}\n"));
            Flow::Done(0)
        }
        "eval" => job.source(&args.join(" ")),
        "." | "source" => {
            let Some(f) = args.first() else { return Flow::Done(0) };
            let p = normalize(&job.scope.cwd, f);
            match ctx.host.fs().read(&p) {
                Ok(src) => {
                    let src = src.to_string();
                    job.source(&src)
                }
                Err(e) => {
                    job.errln(ctx, &format!("sh: .: can't open '{f}': {}", e.text()));
                    Flow::Done(2)
                }
            }
        }
        "exec" if args.is_empty() => Flow::Done(0),
        "exec" => {
            let env = std::mem::take(&mut job.tmp_env);
            job.run_command(ctx, args.to_vec(), env, true);
            Flow::Jumped
        }
        "trap" => trap(job, ctx, args),
        "wait" => match args.first() {
            None => Flow::Wait(Wait::Jobs(None)),
            Some(p) => match p.trim_start_matches('%').parse::<u32>() {
                Ok(pid) => Flow::Wait(Wait::Jobs(Some(pid))),
                Err(_) => {
                    job.errln(ctx, &format!("sh: wait: {p}: bad pid"));
                    Flow::Done(127)
                }
            },
        },
        "kill" => {
            if args.first().is_some_and(|a| a == "-l") {
                job.out(ctx, " 1) HUP\n 2) INT\n 3) QUIT\n 9) KILL\n10) USR1\n12) USR2\n15) TERM\n");
            }
            Flow::Done(0)
        }
        "jobs" => Flow::Done(0),
        "umask" => {
            if args.is_empty() {
                job.out(ctx, "0022\n");
            }
            Flow::Done(0)
        }
        "ulimit" => {
            job.out(ctx, "unlimited\n");
            Flow::Done(0)
        }
        "read" => read(job, ctx, args),
        "test" => test(job, ctx, args),
        "[" => match args.last() {
            Some(l) if l == "]" => test(job, ctx, &args[..args.len() - 1]),
            _ => {
                job.errln(ctx, "sh: missing ]");
                Flow::Done(2)
            }
        },
        "type" | "which" | "command" => which(job, ctx, name, args, exec),
        "sleep" => sleep(job, ctx, args),
        "date" => date(job, ctx, args),
        "touch" | "rm" | "mkdir" | "rmdir" | "cp" | "mv" | "chmod" => files(job, ctx, name, args),
        "cat" => cat(job, ctx, args),
        "ls" => ls(job, ctx, args),
        "env" | "printenv" => env(job, ctx, name, args, exec),
        "hostname" => {
            let h = ctx.host.hostname();
            job.out(ctx, &format!("{h}\n"));
            Flow::Done(0)
        }
        "id" => {
            let out = match args.first().map(String::as_str) {
                Some("-u" | "-g") => "0",
                Some("-un" | "-gn" | "-nu" | "-ng") => "root",
                _ => "uid=0(root) gid=0(root) groups=0(root),10(wheel)",
            };
            job.out(ctx, &format!("{out}\n"));
            Flow::Done(0)
        }
        "whoami" => {
            job.out(ctx, "root\n");
            Flow::Done(0)
        }
        "wc" | "head" | "tail" | "sort" | "uniq" | "tee" | "tr" | "cut" => text_filter(job, ctx, name, args),
        "grep" | "egrep" | "fgrep" => grep(job, ctx, name, args),
        "seq" => seq(job, ctx, args),
        "expr" => expr(job, ctx, args),
        "basename" | "dirname" => {
            let Some(p) = args.first() else {
                job.errln(ctx, &format!("Usage: {name} FILE"));
                return Flow::Done(1);
            };
            let t = p.trim_end_matches('/');
            let out = if name == "basename" {
                let b = if t.is_empty() && !p.is_empty() { "/" } else { t.rsplit('/').next().unwrap_or(t) };
                match args.get(1) {
                    Some(suf) if b.len() > suf.len() && b.ends_with(suf.as_str()) => b[..b.len() - suf.len()].to_string(),
                    _ => b.to_string(),
                }
            } else {
                match t.rfind('/') {
                    None => ".".to_string(),
                    Some(0) => "/".to_string(),
                    Some(i) => t[..i].trim_end_matches('/').to_string(),
                }
            };
            job.out(ctx, &format!("{out}\n"));
            Flow::Done(0)
        }
        "ps" => {
            let mut out = String::from("PID   USER     TIME  COMMAND\n");
            let procs = ctx.procs.clone();
            for (pid, cmd) in procs {
                out.push_str(&format!("{pid:>5} root      0:00 {cmd}\n"));
            }
            let me = ctx.next_pid;
            ctx.next_pid += 1;
            out.push_str(&format!("{me:>5} root      0:00 ps{}\n", args.iter().map(|a| format!(" {a}")).collect::<String>()));
            job.out(ctx, &out);
            Flow::Done(0)
        }
        "uname" => {
            let host = ctx.host.hostname();
            let all = [
                ("s", "Linux".to_string()),
                ("n", host),
                ("r", "5.15.0".into()),
                ("v", "#1 SMP Mon Jan 1 00:00:00 UTC 2024".into()),
                ("m", "x86_64".into()),
                ("o", "GNU/Linux".into()),
            ];
            let flags: String = args.iter().filter_map(|a| a.strip_prefix('-')).collect();
            let picked: Vec<&str> = all.iter().filter(|(f, _)| flags.contains('a') || flags.contains(f)).map(|(_, v)| v.as_str()).collect();
            let line = if picked.is_empty() { "Linux".to_string() } else { picked.join(" ") };
            job.out(ctx, &format!("{line}\n"));
            Flow::Done(0)
        }
        "wget" => wget(job, ctx, args),
        "curl" => curl(job, ctx, args),
        "nslookup" => nslookup(job, ctx, args),
        "nc" => nc(job, ctx, args),
        "sh" | "bash" | "ash" | "dash" => shell(job, ctx, argv, exec),
        _ if name.contains('/') => path_command(job, ctx, argv, exec),
        _ if UNSUPPORTED.contains(&name) => {
            job.errln(ctx, &format!("sh: {name}: kubeplay does not support {name} yet"));
            Flow::Done(127)
        }
        _ => {
            if let Some(flow) = external(job, ctx, argv) {
                return flow;
            }
            let msg = ctx.host.not_found(&job.scope.arg0, name);
            job.errln(ctx, &msg);
            Flow::Done(127)
        }
    }
}

/// A program of the image that is not a shell utility (`nginx`, `node app.js`), run by the host.
fn external(job: &mut Job, ctx: &mut Ctx, argv: &[String]) -> Option<Flow> {
    Some(match ctx.host.external(argv)? {
        super::External::Exited(code, lines) => {
            for (err, line) in lines {
                job.write(ctx, if err { 2 } else { 1 }, &format!("{line}\n"));
            }
            Flow::Done(code)
        }
        super::External::Serve => Flow::Wait(Wait::Forever),
    })
}

/// `/bin/echo`, `./script.sh`, `/scripts/run.sh`.
fn path_command(job: &mut Job, ctx: &mut Ctx, argv: &[String], exec: bool) -> Flow {
    let name = &argv[0];
    let (dir, base) = name.rsplit_once('/').unwrap_or(("", name));
    if BIN_DIRS.contains(&dir) && UTILS.contains(&base) {
        let mut v = argv.to_vec();
        v[0] = base.to_string();
        return run(job, ctx, &v, exec);
    }
    let p = normalize(&job.scope.cwd, name);
    if !ctx.host.fs().exists(&p) {
        if let Some(flow) = external(job, ctx, argv) {
            return flow;
        }
    }
    let fs = ctx.host.fs();
    if !fs.exists(&p) {
        let msg = ctx.host.not_found(&job.scope.arg0, name);
        job.errln(ctx, &msg);
        return Flow::Done(127);
    }
    let executable = fs.is_file(&p) && fs.mode(&p).unwrap_or(0) & 0o111 != 0;
    if !executable {
        job.errln(ctx, &format!("sh: {name}: Permission denied"));
        return Flow::Done(126);
    }
    let src = fs.read(&p).unwrap_or_default().to_string();
    job.start_script(&src, name.clone(), argv[1..].to_vec(), Opts::default(), exec)
}

/// `sh [-eux] -c SCRIPT [NAME ARGS…]`, `sh FILE ARGS…`, or `sh` reading its script from stdin.
fn shell(job: &mut Job, ctx: &mut Ctx, argv: &[String], exec: bool) -> Flow {
    let mut opts = Opts::default();
    let mut cmd = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a == "--" || a == "-" {
            i += 1;
            break;
        }
        let Some(flags) = a.strip_prefix('-').or_else(|| a.strip_prefix('+')).filter(|f| !f.is_empty()) else { break };
        let on = a.starts_with('-');
        for c in flags.chars() {
            match c {
                'c' => cmd = true,
                'e' => opts.errexit = on,
                'x' => opts.xtrace = on,
                'u' => opts.nounset = on,
                'o' => {
                    i += 1;
                    if argv.get(i).is_some_and(|o| o == "pipefail") {
                        opts.pipefail = on;
                    }
                }
                'l' | 'i' | 's' | 'v' | 'f' | 'm' | 'h' => {}
                _ => {
                    job.errln(ctx, &format!("sh: -{c}: invalid option"));
                    return Flow::Done(2);
                }
            }
        }
        i += 1;
    }
    let (src, arg0, args) = if cmd {
        let Some(src) = argv.get(i) else {
            job.errln(ctx, "sh: -c requires an argument");
            return Flow::Done(2);
        };
        let arg0 = argv.get(i + 1).cloned().unwrap_or_else(|| argv[0].clone());
        (src.clone(), arg0, argv.get(i + 2..).map(<[String]>::to_vec).unwrap_or_default())
    } else if let Some(file) = argv.get(i) {
        let p = normalize(&job.scope.cwd, file);
        match ctx.host.fs().read(&p) {
            Ok(s) => (s.to_string(), file.clone(), argv[i + 1..].to_vec()),
            Err(e) => {
                job.errln(ctx, &format!("sh: can't open '{file}': {}", e.text()));
                return Flow::Done(2);
            }
        }
    } else {
        match job.read_all(ctx) {
            Input::Data(s) => (s, argv[0].clone(), Vec::new()),
            Input::Eof => return Flow::Done(0),
            Input::Block => return Flow::Wait(Wait::Forever),
        }
    };
    job.start_script(&src, arg0, args, opts, exec)
}

// ---- output ----

/// Backslash escapes of `echo -e`, `printf` formats and `%b`. Sets `stop` at `\c`.
fn escapes(s: &str, printf_octal: bool, stop: &mut bool) -> String {
    let c: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] != '\\' || i + 1 == c.len() {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        let e = c[i];
        i += 1;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'e' => out.push('\x1b'),
            '\\' => out.push('\\'),
            'c' => {
                *stop = true;
                return out;
            }
            'x' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && i < c.len() && c[i].is_ascii_hexdigit() {
                    v = v * 16 + c[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
            }
            '0'..='7' if e == '0' || printf_octal => {
                let mut v = if e == '0' && !printf_octal { 0 } else { e.to_digit(8).unwrap_or(0) };
                let mut n = 0;
                while n < 3 - usize::from(printf_octal) && i < c.len() && ('0'..='7').contains(&c[i]) {
                    v = v * 8 + c[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v & 0xff).unwrap_or('?'));
            }
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    out
}

fn echo(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let (mut newline, mut esc) = (true, false);
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let Some(f) = a.strip_prefix('-') else { break };
        if f.is_empty() || !f.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
            break;
        }
        for c in f.chars() {
            match c {
                'n' => newline = false,
                'e' => esc = true,
                _ => esc = false,
            }
        }
        i += 1;
    }
    let mut out = args[i..].join(" ");
    let mut stop = false;
    if esc {
        out = escapes(&out, false, &mut stop);
    }
    if newline && !stop {
        out.push('\n');
    }
    job.out(ctx, &out);
    Flow::Done(0)
}

fn pad(s: &str, width: usize, left: bool, zero: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let fill = width - n;
    if left {
        format!("{s}{}", " ".repeat(fill))
    } else if zero {
        let (sign, digits) = if s.starts_with(['-', '+']) { s.split_at(1) } else { ("", s) };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

fn num_arg(a: &str, bad: &mut Vec<String>) -> i64 {
    if let Some(c) = a.strip_prefix(['\'', '"']) {
        return c.chars().next().map_or(0, |c| c as i64);
    }
    match arith::parse_int(a) {
        Some(v) => v,
        None if a.is_empty() => 0,
        None => {
            // A number followed by junk counts as far as it goes, with an error.
            let t = a.trim();
            let end = t.char_indices().find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && (c == '-' || c == '+')))).map_or(t.len(), |x| x.0);
            bad.push(a.to_string());
            t[..end].parse().unwrap_or(0)
        }
    }
}

fn fmt_exp(v: f64, prec: usize, upper: bool) -> String {
    if v == 0.0 || !v.is_finite() {
        let s = format!("{:.*}e+00", prec, v);
        return if upper { s.to_uppercase() } else { s };
    }
    let mut exp = v.abs().log10().floor() as i32;
    let mut mant = v / 10f64.powi(exp);
    if format!("{:.*}", prec, mant.abs()).starts_with("10") {
        exp += 1;
        mant = v / 10f64.powi(exp);
    }
    let s = format!("{:.*}e{}{:02}", prec, mant, if exp < 0 { '-' } else { '+' }, exp.abs());
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// One pass of a `printf` format over the arguments; returns whether `\c` stopped output.
fn printf_once(fmt: &[char], args: &mut std::slice::Iter<'_, String>, out: &mut String, bad: &mut Vec<String>, used: &mut bool) -> bool {
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c == '\\' {
            let mut j = i + 1;
            // Take the escape and let `escapes` decode it.
            if j < fmt.len() {
                j += 1;
                if matches!(fmt[i + 1], '0'..='7') {
                    while j < fmt.len() && j < i + 4 && matches!(fmt[j], '0'..='7') {
                        j += 1;
                    }
                } else if fmt[i + 1] == 'x' {
                    while j < fmt.len() && j < i + 4 && fmt[j].is_ascii_hexdigit() {
                        j += 1;
                    }
                }
            }
            let seq: String = fmt[i..j].iter().collect();
            let mut stop = false;
            out.push_str(&escapes(&seq, true, &mut stop));
            if stop {
                return true;
            }
            i = j;
            continue;
        }
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if fmt.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let (mut left, mut zero, mut plus, mut space) = (false, false, false, false);
        while let Some(&f) = fmt.get(i) {
            match f {
                '-' => left = true,
                '0' => zero = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => {}
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        if fmt.get(i) == Some(&'*') {
            *used = true;
            width = args.next().map_or(0, |a| num_arg(a, bad).clamp(0, 1000) as usize);
            i += 1;
        }
        while let Some(d) = fmt.get(i).and_then(|c| c.to_digit(10)) {
            width = (width * 10 + d as usize).min(1000);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if fmt.get(i) == Some(&'.') {
            i += 1;
            let mut p = 0usize;
            if fmt.get(i) == Some(&'*') {
                *used = true;
                p = args.next().map_or(0, |a| num_arg(a, bad).clamp(0, 1000) as usize);
                i += 1;
            }
            while let Some(d) = fmt.get(i).and_then(|c| c.to_digit(10)) {
                p = (p * 10 + d as usize).min(1000);
                i += 1;
            }
            prec = Some(p);
        }
        while matches!(fmt.get(i), Some('l' | 'h' | 'z' | 'j' | 'q' | 'L')) {
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.push('%');
            break;
        };
        i += 1;
        let arg = args.next();
        if arg.is_some() {
            *used = true;
        }
        let a = arg.map_or("", String::as_str);
        let s = match conv {
            's' => match prec {
                Some(p) => a.chars().take(p).collect(),
                None => a.to_string(),
            },
            'b' => {
                let mut stop = false;
                let s = escapes(a, false, &mut stop);
                if stop {
                    out.push_str(&pad(&s, width, left, false));
                    return true;
                }
                s
            }
            'c' => a.chars().next().map(String::from).unwrap_or_default(),
            'd' | 'i' => {
                let v = num_arg(a, bad);
                let mut digits = v.unsigned_abs().to_string();
                if let Some(p) = prec {
                    if digits.len() < p {
                        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                    }
                }
                let sign = if v < 0 {
                    "-"
                } else if plus {
                    "+"
                } else if space {
                    " "
                } else {
                    ""
                };
                format!("{sign}{digits}")
            }
            'u' | 'o' | 'x' | 'X' => {
                let v = num_arg(a, bad) as u64;
                match conv {
                    'o' => format!("{v:o}"),
                    'x' => format!("{v:x}"),
                    'X' => format!("{v:X}"),
                    _ => v.to_string(),
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let v: f64 = a.trim().parse().unwrap_or_else(|_| {
                    if !a.is_empty() {
                        bad.push(a.to_string());
                    }
                    0.0
                });
                let p = prec.unwrap_or(6);
                let s = match conv {
                    'e' | 'E' => fmt_exp(v, p, conv == 'E'),
                    'g' | 'G' => {
                        let s = format!("{v}");
                        if conv == 'G' {
                            s.to_uppercase()
                        } else {
                            s
                        }
                    }
                    _ => format!("{v:.p$}"),
                };
                if plus && v >= 0.0 {
                    format!("+{s}")
                } else {
                    s
                }
            }
            other => {
                out.push('%');
                out.push(other);
                continue;
            }
        };
        let numeric = !matches!(conv, 's' | 'b' | 'c');
        out.push_str(&pad(&s, width, left, zero && numeric && !left));
    }
    false
}

fn printf(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let Some(fmt) = args.first() else {
        job.errln(ctx, "printf: usage: printf FORMAT [ARGUMENT...]");
        return Flow::Done(1);
    };
    let fmt: Vec<char> = fmt.chars().collect();
    let mut it = args[1..].iter();
    let mut out = String::new();
    let mut bad = Vec::new();
    loop {
        let mut used = false;
        let stop = printf_once(&fmt, &mut it, &mut out, &mut bad, &mut used);
        if stop || !used || it.len() == 0 || out.len() > super::exec::MAX_CAPTURE {
            break;
        }
    }
    job.out(ctx, &out);
    for b in &bad {
        job.errln(ctx, &format!("printf: invalid number '{b}'"));
    }
    Flow::Done(i32::from(!bad.is_empty()))
}

// ---- shell state ----

fn quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\"'\"'"))
}

fn export(job: &mut Job, ctx: &mut Ctx, args: &[String], export: bool) -> Flow {
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if names.is_empty() {
        let kw = if export { "export" } else { "readonly" };
        let mut out = String::new();
        for (k, v) in job.scope.vars.iter().filter(|(_, v)| v.exported || !export) {
            out.push_str(&format!("{kw} {k}={}\n", quote(&v.value)));
        }
        job.out(ctx, &out);
        return Flow::Done(0);
    }
    let mut status = 0;
    for a in names {
        let (n, v) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (a.as_str(), None),
        };
        if !is_name(n) {
            job.errln(ctx, &format!("sh: {}: bad variable name", if export { "export" } else { "readonly" }));
            status = 1;
            continue;
        }
        if let Some(v) = v {
            job.set_var(n, v.to_string());
        }
        if export {
            job.export(n);
        } else if v.is_none() && job.get(n).is_none() {
            job.set_var(n, String::new());
        }
    }
    Flow::Done(status)
}

fn set(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    if args.is_empty() {
        let mut out = String::new();
        for (k, v) in job.scope.vars.iter() {
            out.push_str(&format!("{k}={}\n", quote(&v.value)));
        }
        job.out(ctx, &out);
        return Flow::Done(0);
    }
    let mut i = 0;
    let mut positional = None;
    while let Some(a) = args.get(i) {
        if a == "--" {
            positional = Some(i + 1);
            break;
        }
        let on = a.starts_with('-');
        let Some(flags) = a.strip_prefix(['-', '+']).filter(|f| !f.is_empty()) else {
            positional = Some(i);
            break;
        };
        for c in flags.chars() {
            let o = &mut job.scope.opts;
            match c {
                'e' => o.errexit = on,
                'x' => o.xtrace = on,
                'u' => o.nounset = on,
                'o' => {
                    i += 1;
                    match args.get(i).map(String::as_str) {
                        Some("errexit") => o.errexit = on,
                        Some("xtrace") => o.xtrace = on,
                        Some("nounset") => o.nounset = on,
                        Some("pipefail") => o.pipefail = on,
                        Some(_) => {}
                        None => {
                            let o = o.clone();
                            let mut out = String::new();
                            for (n, v) in [("errexit", o.errexit), ("nounset", o.nounset), ("pipefail", o.pipefail), ("xtrace", o.xtrace)] {
                                out.push_str(&format!("{n:<16}{}\n", if v { "on" } else { "off" }));
                            }
                            job.out(ctx, &out);
                        }
                    }
                }
                'f' | 'v' | 'm' | 'h' | 'a' | 'b' | 'n' | 'C' => {}
                _ => {
                    job.errln(ctx, &format!("sh: set: illegal option -{c}"));
                    return Flow::Done(2);
                }
            }
        }
        i += 1;
    }
    if let Some(p) = positional {
        job.scope.args = std::sync::Arc::new(args[p.min(args.len())..].to_vec());
    }
    Flow::Done(0)
}

fn cd(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let target = match args.first().map(String::as_str) {
        None => job.get("HOME").unwrap_or_else(|| "/".into()),
        Some("-") => job.get("OLDPWD").unwrap_or_else(|| job.scope.cwd.clone()),
        Some(d) => d.to_string(),
    };
    let p = normalize(&job.scope.cwd, &target);
    let fs = ctx.host.fs();
    if !fs.is_dir(&p) {
        let why = if fs.exists(&p) { FsError::NotDir } else { FsError::NotFound };
        job.errln(ctx, &format!("sh: cd: can't cd to {target}: {}", why.text()));
        return Flow::Done(2);
    }
    let old = std::mem::replace(&mut job.scope.cwd, p.clone());
    job.set_var("OLDPWD", old);
    job.set_var("PWD", p.clone());
    if args.first().is_some_and(|a| a == "-") {
        job.out(ctx, &format!("{p}\n"));
    }
    Flow::Done(0)
}

fn signal_name(s: &str) -> Option<&'static str> {
    let u = s.to_ascii_uppercase();
    let u = u.strip_prefix("SIG").unwrap_or(&u);
    Some(match u {
        "0" | "EXIT" => "EXIT",
        "1" | "HUP" => "HUP",
        "2" | "INT" => "INT",
        "3" | "QUIT" => "QUIT",
        "9" | "KILL" => "KILL",
        "10" | "USR1" => "USR1",
        "12" | "USR2" => "USR2",
        "13" | "PIPE" => "PIPE",
        "14" | "ALRM" => "ALRM",
        "15" | "TERM" => "TERM",
        "17" | "CHLD" => "CHLD",
        "28" | "WINCH" => "WINCH",
        _ => return None,
    })
}

fn trap(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let args: Vec<&String> = args.iter().skip_while(|a| *a == "--").collect();
    if args.is_empty() || args[0] == "-p" {
        let mut out = String::new();
        for (sig, t) in job.scope.traps.iter() {
            out.push_str(&format!("trap -- {} {sig}\n", quote(&t.text)));
        }
        job.out(ctx, &out);
        return Flow::Done(0);
    }
    let (action, sigs) = if args[0] == "-" || (args[0].bytes().all(|b| b.is_ascii_digit()) && !args[0].is_empty()) {
        (None, if args[0] == "-" { &args[1..] } else { &args[..] })
    } else {
        (Some(args[0].as_str()), &args[1..])
    };
    let mut status = 0;
    for s in sigs {
        match signal_name(s) {
            Some(name) => job.set_trap(name, action),
            None => {
                job.errln(ctx, &format!("sh: trap: {s}: bad trap"));
                status = 1;
            }
        }
    }
    Flow::Done(status)
}

fn read(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let mut raw = false;
    let mut timeout = None;
    let mut names = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-r" => raw = true,
            "-p" | "-u" | "-n" | "-d" => i += 1,
            "-t" => {
                i += 1;
                timeout = args.get(i).and_then(|t| t.parse::<f64>().ok());
            }
            "-s" => {}
            n => names.push(n.to_string()),
        }
        i += 1;
    }
    if names.is_empty() {
        names.push("REPLY".into());
    }
    let (line, status) = match job.read_line(ctx) {
        Input::Data(l) => {
            let nl = l.ends_with('\n');
            (l.trim_end_matches('\n').to_string(), i32::from(!nl))
        }
        Input::Eof => (String::new(), 1),
        Input::Block => {
            return match timeout {
                Some(t) => Flow::Wait(Wait::Until { at: ctx.now + Duration((t * 1000.0) as i64), status: 1, msg: None, exit_after: false }),
                None => Flow::Wait(Wait::Forever),
            }
        }
    };
    let line = if raw {
        line
    } else {
        let mut out = String::new();
        let mut esc = false;
        for c in line.chars() {
            if esc || c != '\\' {
                out.push(c);
                esc = false;
            } else {
                esc = true;
            }
        }
        out
    };
    let ifs = job.get("IFS").unwrap_or_else(|| " \t\n".into());
    let is_ifs = |c: char| ifs.contains(c);
    let mut rest = line.trim_start_matches(|c: char| is_ifs(c) && c.is_whitespace());
    for (k, n) in names.iter().enumerate() {
        if k + 1 == names.len() {
            let v = rest.trim_end_matches(|c: char| is_ifs(c) && c.is_whitespace());
            job.set_var(n, v.to_string());
        } else {
            let end = rest.find(is_ifs).unwrap_or(rest.len());
            job.set_var(n, rest[..end].to_string());
            rest = rest[end..].trim_start_matches(|c: char| is_ifs(c) && c.is_whitespace());
            if let Some(r) = rest.strip_prefix(|c: char| is_ifs(c) && !c.is_whitespace()) {
                rest = r.trim_start_matches(|c: char| is_ifs(c) && c.is_whitespace());
            }
        }
    }
    Flow::Done(status)
}

fn which(job: &mut Job, ctx: &mut Ctx, name: &str, args: &[String], exec: bool) -> Flow {
    if name == "command" && !args.first().is_some_and(|a| a == "-v" || a == "-V") {
        let rest: Vec<String> = args.iter().skip_while(|a| *a == "-p").cloned().collect();
        if rest.is_empty() {
            return Flow::Done(0);
        }
        return run(job, ctx, &rest, exec);
    }
    let names = if name == "command" { &args[1..] } else { args };
    let mut status = 0;
    let mut out = String::new();
    for n in names.iter().filter(|n| !n.starts_with('-')) {
        let kind = lookup_kind(job, n);
        match (name, kind) {
            ("which", Some("util")) => out.push_str(&format!("/bin/{n}\n")),
            ("command", Some("util")) => out.push_str(&format!("/bin/{n}\n")),
            ("command", Some(_)) => out.push_str(&format!("{n}\n")),
            ("type", Some("function")) => out.push_str(&format!("{n} is a function\n")),
            ("type", Some("builtin")) => out.push_str(&format!("{n} is a shell builtin\n")),
            ("type", Some(_)) => out.push_str(&format!("{n} is /bin/{n}\n")),
            ("type", None) => {
                out.push_str(&format!("{n}: not found\n"));
                status = 127;
            }
            _ => status = 1,
        }
    }
    job.out(ctx, &out);
    Flow::Done(status)
}

// ---- time ----

/// Parses a `sleep` operand: seconds with an optional fraction and an `s`/`m`/`h`/`d` suffix.
/// `None` (inside `Some`) is forever.
fn sleep_arg(a: &str) -> Option<Option<i64>> {
    if a == "inf" || a == "infinity" {
        return Some(None);
    }
    let (num, mult) = match a.char_indices().last() {
        Some((i, 's')) => (&a[..i], 1000.0),
        Some((i, 'm')) => (&a[..i], 60_000.0),
        Some((i, 'h')) => (&a[..i], 3_600_000.0),
        Some((i, 'd')) => (&a[..i], 86_400_000.0),
        _ => (a, 1000.0),
    };
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit() || b == b'.') || num.matches('.').count() > 1 {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    Some(Some((v * mult).ceil().min(1e15) as i64))
}

fn sleep(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    if args.is_empty() {
        job.errln(ctx, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays");
        return Flow::Done(1);
    }
    let mut total: i64 = 0;
    for a in args {
        match sleep_arg(a) {
            Some(Some(ms)) => total = total.saturating_add(ms),
            Some(None) => return Flow::Wait(Wait::Forever),
            None => {
                job.errln(ctx, &format!("sleep: invalid number '{a}'"));
                return Flow::Done(1);
            }
        }
    }
    if total <= 0 {
        return Flow::Done(0);
    }
    Flow::Wait(Wait::Until { at: ctx.now + Duration(total), status: 0, msg: None, exit_after: false })
}

const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// `strftime` in UTC for the conversions busybox `date` users write.
pub fn strftime(t: Time, fmt: &str) -> String {
    let c = t.civil();
    let mut out = String::new();
    let mut it = fmt.chars();
    let wd = DAYS[c.weekday as usize % 7];
    let mo = MONTHS[(c.month as usize + 11) % 12];
    let h12 = match c.hour % 12 {
        0 => 12,
        h => h,
    };
    while let Some(ch) = it.next() {
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(f) = it.next() else {
            out.push('%');
            break;
        };
        let s = match f {
            'a' => wd[..3].to_string(),
            'A' => wd.to_string(),
            'b' | 'h' => mo[..3].to_string(),
            'B' => mo.to_string(),
            'c' => strftime(t, "%a %b %e %H:%M:%S %Y"),
            'C' => format!("{:02}", c.year / 100),
            'd' => format!("{:02}", c.day),
            'D' | 'x' => strftime(t, "%m/%d/%y"),
            'e' => format!("{:>2}", c.day),
            'F' => strftime(t, "%Y-%m-%d"),
            'H' => format!("{:02}", c.hour),
            'I' => format!("{h12:02}"),
            'j' => {
                let jan1 = Time::from_civil(c.year, 1, 1, 0, 0, 0);
                format!("{:03}", (t.0 - jan1.0).div_euclid(86_400_000) + 1)
            }
            'k' => format!("{:>2}", c.hour),
            'l' => format!("{h12:>2}"),
            'm' => format!("{:02}", c.month),
            'M' => format!("{:02}", c.minute),
            'n' => "\n".into(),
            'N' => format!("{:09}", t.0.rem_euclid(1000) * 1_000_000),
            'p' => (if c.hour < 12 { "AM" } else { "PM" }).into(),
            'r' => strftime(t, "%I:%M:%S %p"),
            'R' => strftime(t, "%H:%M"),
            's' => t.0.div_euclid(1000).to_string(),
            'S' => format!("{:02}", c.second),
            't' => "\t".into(),
            'T' | 'X' => strftime(t, "%H:%M:%S"),
            'u' => (if c.weekday == 0 { 7 } else { c.weekday }).to_string(),
            'w' => c.weekday.to_string(),
            'y' => format!("{:02}", c.year.rem_euclid(100)),
            'Y' => c.year.to_string(),
            'z' => "+0000".into(),
            'Z' => "UTC".into(),
            '%' => "%".into(),
            other => format!("%{other}"),
        };
        out.push_str(&s);
    }
    out
}

fn date(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let mut t = ctx.now;
    let mut fmt = "%a %b %e %H:%M:%S %Z %Y".to_string();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if let Some(f) = a.strip_prefix('+') {
            fmt = f.to_string();
        } else if a == "-u" || a == "--utc" {
        } else if a == "-R" {
            fmt = "%a, %d %b %Y %H:%M:%S +0000".into();
        } else if a == "-I" || a == "-Idate" {
            fmt = "%Y-%m-%d".into();
        } else if a == "-Iseconds" {
            fmt = "%Y-%m-%dT%H:%M:%S+00:00".into();
        } else if a == "-d" || a.starts_with("-d") || a.starts_with("--date=") {
            let v = if a == "-d" {
                i += 1;
                args.get(i).cloned().unwrap_or_default()
            } else {
                a.trim_start_matches("--date=").trim_start_matches("-d").to_string()
            };
            match v.strip_prefix('@').and_then(|s| s.parse::<i64>().ok()) {
                Some(s) => t = Time(s.saturating_mul(1000)),
                None => match Time::parse_rfc3339(&v) {
                    Some(p) => t = p,
                    None => {
                        job.errln(ctx, &format!("date: invalid date '{v}'"));
                        return Flow::Done(1);
                    }
                },
            }
        } else {
            job.errln(ctx, &format!("date: invalid date '{a}'"));
            return Flow::Done(1);
        }
        i += 1;
    }
    let s = strftime(t, &fmt);
    job.out(ctx, &format!("{s}\n"));
    Flow::Done(0)
}

// ---- test ----

struct TestP<'a> {
    a: &'a [String],
    i: usize,
    depth: u32,
}

fn is_unop(s: &str) -> bool {
    matches!(
        s,
        "-e" | "-f"
            | "-d"
            | "-s"
            | "-r"
            | "-w"
            | "-x"
            | "-z"
            | "-n"
            | "-L"
            | "-h"
            | "-p"
            | "-S"
            | "-b"
            | "-c"
            | "-t"
            | "-k"
            | "-u"
            | "-g"
            | "-O"
            | "-G"
    )
}

fn is_binop(s: &str) -> bool {
    matches!(s, "=" | "==" | "!=" | "<" | ">" | "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" | "-nt" | "-ot" | "-ef")
}

fn test_num(s: &str) -> Result<i64, String> {
    let t = s.trim_matches(|c: char| c == ' ' || c == '\t');
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{s}: bad number"));
    }
    t.parse::<i64>().map_err(|_| format!("{s}: out of range"))
}

impl TestP<'_> {
    fn left(&self) -> usize {
        self.a.len() - self.i
    }

    fn or(&mut self, fs: &fs::Fs, cwd: &str) -> Result<bool, String> {
        let mut v = self.and(fs, cwd)?;
        while self.a.get(self.i).is_some_and(|x| x == "-o") {
            self.i += 1;
            let r = self.and(fs, cwd)?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self, fs: &fs::Fs, cwd: &str) -> Result<bool, String> {
        let mut v = self.not(fs, cwd)?;
        while self.a.get(self.i).is_some_and(|x| x == "-a") {
            self.i += 1;
            let r = self.not(fs, cwd)?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self, fs: &fs::Fs, cwd: &str) -> Result<bool, String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err("expression too complex".into());
        }
        let r = if self.a.get(self.i).is_some_and(|x| x == "!") && self.left() > 1 {
            self.i += 1;
            self.not(fs, cwd).map(|v| !v)
        } else {
            self.primary(fs, cwd)
        };
        self.depth -= 1;
        r
    }

    fn primary(&mut self, fs: &fs::Fs, cwd: &str) -> Result<bool, String> {
        let Some(a) = self.a.get(self.i) else { return Err("argument expected".into()) };
        if self.left() >= 3 && is_binop(&self.a[self.i + 1]) {
            let (l, op, r) = (a.as_str(), self.a[self.i + 1].as_str(), self.a[self.i + 2].as_str());
            self.i += 3;
            return Ok(match op {
                "=" | "==" => l == r,
                "!=" => l != r,
                "<" => l < r,
                ">" => l > r,
                "-nt" | "-ot" | "-ef" => false,
                _ => {
                    let (x, y) = (test_num(l)?, test_num(r)?);
                    match op {
                        "-eq" => x == y,
                        "-ne" => x != y,
                        "-lt" => x < y,
                        "-le" => x <= y,
                        "-gt" => x > y,
                        _ => x >= y,
                    }
                }
            });
        }
        if a == "(" && self.left() >= 3 {
            self.i += 1;
            let v = self.or(fs, cwd)?;
            if self.a.get(self.i).is_some_and(|x| x == ")") {
                self.i += 1;
                return Ok(v);
            }
            return Err("missing )".into());
        }
        if is_unop(a) && self.left() >= 2 {
            let x = self.a[self.i + 1].as_str();
            self.i += 2;
            let p = normalize(cwd, x);
            return Ok(match a.as_str() {
                "-z" => x.is_empty(),
                "-n" => !x.is_empty(),
                "-e" => !x.is_empty() && fs.exists(&p),
                "-f" => !x.is_empty() && fs.is_file(&p),
                "-d" => !x.is_empty() && fs.is_dir(&p),
                "-s" => !x.is_empty() && (fs.is_dir(&p) || fs.read(&p).is_ok_and(|d| !d.is_empty())),
                "-r" | "-w" => !x.is_empty() && fs.exists(&p),
                "-x" => !x.is_empty() && fs.mode(&p).is_some_and(|m| m & 0o111 != 0),
                _ => false,
            });
        }
        self.i += 1;
        Ok(!a.is_empty())
    }
}

fn test(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    if args.is_empty() {
        return Flow::Done(1);
    }
    let cwd = job.scope.cwd.clone();
    let mut p = TestP { a: args, i: 0, depth: 0 };
    let r = p.or(ctx.host.fs(), &cwd);
    match r {
        Ok(_) if p.i < args.len() => {
            job.errln(ctx, &format!("sh: {}: unknown operand", args[p.i]));
            Flow::Done(2)
        }
        Ok(v) => Flow::Done(i32::from(!v)),
        Err(e) => {
            job.errln(ctx, &format!("sh: {e}"));
            Flow::Done(2)
        }
    }
}

// ---- files ----

/// Splits `-abc` style flags from operands (up to `--`).
fn flags_and_operands(args: &[String]) -> (String, Vec<String>) {
    let mut flags = String::new();
    let mut ops = Vec::new();
    let mut done = false;
    for a in args {
        if !done && a == "--" {
            done = true;
        } else if !done && a.len() > 1 && a.starts_with('-') {
            flags.push_str(&a[1..]);
        } else {
            ops.push(a.clone());
        }
    }
    (flags, ops)
}

fn files(job: &mut Job, ctx: &mut Ctx, name: &str, args: &[String]) -> Flow {
    let (flags, ops) = flags_and_operands(args);
    let cwd = job.scope.cwd.clone();
    let mut errs = Vec::new();
    let fs = ctx.host.fs();
    match name {
        "touch" => {
            for o in &ops {
                let p = normalize(&cwd, o);
                if !fs.exists(&p) && !flags.contains('c') {
                    if let Err(e) = fs.write(&p, "", true) {
                        errs.push(format!("touch: {o}: {}", e.text()));
                    }
                }
            }
        }
        "rm" => {
            let (force, rec) = (flags.contains('f'), flags.contains('r') || flags.contains('R'));
            for o in &ops {
                let p = normalize(&cwd, o);
                if fs.is_dir(&p) && !rec {
                    errs.push(format!("rm: '{o}' is a directory"));
                } else if let Err(e) = fs.remove(&p, rec) {
                    if !(force && e == FsError::NotFound) {
                        errs.push(format!("rm: can't remove '{o}': {}", e.text()));
                    }
                }
            }
        }
        "mkdir" => {
            for o in &ops {
                if let Err(e) = fs.mkdir(&normalize(&cwd, o), flags.contains('p')) {
                    errs.push(format!("mkdir: can't create directory '{o}': {}", e.text()));
                }
            }
        }
        "rmdir" => {
            for o in &ops {
                if let Err(e) = fs.rmdir(&normalize(&cwd, o)) {
                    errs.push(format!("rmdir: '{o}': {}", e.text()));
                }
            }
        }
        "chmod" => {
            let (Some(mode), files) = (ops.first(), ops.get(1..).unwrap_or_default()) else {
                errs.push("chmod: missing operand".into());
                return finish_errs(job, ctx, errs);
            };
            for o in files {
                let p = normalize(&cwd, o);
                let Some(cur) = fs.mode(&p) else {
                    errs.push(format!("chmod: cannot access '{o}': No such file or directory"));
                    continue;
                };
                let new = if let Ok(m) = u32::from_str_radix(mode, 8) {
                    m
                } else {
                    let (who, rest) = mode.split_at(mode.find(['+', '-', '=']).unwrap_or(0));
                    let mut bits = 0;
                    for c in rest.chars().skip(1) {
                        bits |= match c {
                            'r' => 0o444,
                            'w' => 0o222,
                            'x' => 0o111,
                            _ => 0,
                        };
                    }
                    let mask = if who.is_empty() || who.contains('a') {
                        0o777
                    } else {
                        who.chars()
                            .map(|c| match c {
                                'u' => 0o700,
                                'g' => 0o070,
                                'o' => 0o007,
                                _ => 0,
                            })
                            .fold(0, |a, b| a | b)
                    };
                    match rest.chars().next() {
                        Some('+') => cur | (bits & mask),
                        Some('-') => cur & !(bits & mask),
                        Some('=') => (cur & !mask) | (bits & mask),
                        _ => {
                            errs.push(format!("chmod: invalid mode '{mode}'"));
                            break;
                        }
                    }
                };
                let _ = fs.set_mode(&p, new);
            }
        }
        _ => {
            // cp, mv
            let rec = flags.contains('r') || flags.contains('R') || flags.contains('a');
            if ops.len() < 2 {
                errs.push(format!("{name}: missing file operand"));
                return finish_errs(job, ctx, errs);
            }
            let dest = normalize(&cwd, &ops[ops.len() - 1]);
            let into_dir = fs.is_dir(&dest);
            if ops.len() > 2 && !into_dir {
                errs.push(format!("{name}: '{}' is not a directory", ops[ops.len() - 1]));
                return finish_errs(job, ctx, errs);
            }
            for o in &ops[..ops.len() - 1] {
                let src = normalize(&cwd, o);
                let to = if into_dir { normalize(&dest, fs::base(&src)) } else { dest.clone() };
                if !fs.exists(&src) {
                    errs.push(if name == "cp" {
                        format!("cp: can't stat '{o}': No such file or directory")
                    } else {
                        format!("mv: can't rename '{o}': No such file or directory")
                    });
                    continue;
                }
                let r = if name == "cp" {
                    if fs.is_dir(&src) && !rec {
                        errs.push(format!("cp: omitting directory '{o}'"));
                        continue;
                    }
                    fs.copy(&src, &to, true)
                } else {
                    fs.rename(&src, &to)
                };
                if let Err(e) = r {
                    errs.push(format!("{name}: can't create '{}': {}", ops[ops.len() - 1], e.text()));
                }
            }
        }
    }
    finish_errs(job, ctx, errs)
}

fn finish_errs(job: &mut Job, ctx: &mut Ctx, errs: Vec<String>) -> Flow {
    for e in &errs {
        job.errln(ctx, e);
    }
    Flow::Done(i32::from(!errs.is_empty()))
}

/// The contents of the operands (or stdin for none or `-`), with errors as `NAME: …` texts.
/// `Err(())`: stdin would block.
/// Each operand and its text, or the error to print.
type Texts = Vec<(String, Result<String, String>)>;

fn inputs(job: &mut Job, ctx: &mut Ctx, cmd: &str, ops: &[String], cant_open: bool) -> Result<Texts, ()> {
    let mut out = Vec::new();
    if ops.is_empty() {
        return match job.read_all(ctx) {
            Input::Data(s) => Ok(vec![("-".into(), Ok(s))]),
            Input::Eof => Ok(vec![("-".into(), Ok(String::new()))]),
            Input::Block => Err(()),
        };
    }
    for o in ops {
        if o == "-" || o == "/dev/stdin" {
            match job.read_all(ctx) {
                Input::Data(s) => out.push((o.clone(), Ok(s))),
                Input::Eof => out.push((o.clone(), Ok(String::new()))),
                Input::Block => return Err(()),
            }
            continue;
        }
        if o == "/dev/null" || o == "/dev/zero" {
            out.push((o.clone(), Ok(String::new())));
            continue;
        }
        let p = normalize(&job.scope.cwd, o);
        let r = match ctx.host.fs().read(&p) {
            Ok(s) => Ok(s.to_string()),
            Err(FsError::IsDir) => Err(format!("{cmd}: read error: Is a directory")),
            Err(e) if cant_open => Err(format!("{cmd}: can't open '{o}': {}", e.text())),
            Err(e) => Err(format!("{cmd}: {o}: {}", e.text())),
        };
        out.push((o.clone(), r));
    }
    Ok(out)
}

fn cat(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let (flags, ops) = flags_and_operands(args);
    let number = flags.contains('n');
    let Ok(ins) = inputs(job, ctx, "cat", &ops, true) else { return Flow::Wait(Wait::Forever) };
    let mut status = 0;
    let mut n = 0;
    for (_, r) in ins {
        match r {
            Ok(s) if number => {
                let mut out = String::new();
                for l in s.split_inclusive('\n') {
                    n += 1;
                    out.push_str(&format!("{n:>6}\t{l}"));
                }
                job.out(ctx, &out);
            }
            Ok(s) => job.out(ctx, &s),
            Err(e) => {
                job.errln(ctx, &e);
                status = 1;
            }
        }
    }
    Flow::Done(status)
}

fn mode_string(dir: bool, mode: u32) -> String {
    let mut s = String::from(if dir { "d" } else { "-" });
    for shift in [6, 3, 0] {
        let m = (mode >> shift) & 7;
        s.push(if m & 4 != 0 { 'r' } else { '-' });
        s.push(if m & 2 != 0 { 'w' } else { '-' });
        s.push(if m & 1 != 0 { 'x' } else { '-' });
    }
    if mode & 0o1000 != 0 {
        s.pop();
        s.push('t');
    }
    s
}

fn ls(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let (flags, mut ops) = flags_and_operands(args);
    let (long, all, almost, dirself) = (flags.contains('l'), flags.contains('a'), flags.contains('A'), flags.contains('d'));
    if ops.is_empty() {
        ops.push(".".into());
    }
    let when = strftime(ctx.now, "%b %e %H:%M");
    let cwd = job.scope.cwd.clone();
    // On a terminal, plain listings come in columns (busybox: fixed width; GNU: per column).
    let columns = (!long && !flags.contains('1') && job.fds[1] == super::exec::Fd::Out && ctx.host.tty()).then(|| ctx.host.gnu());
    let fs = ctx.host.fs();
    let entry = |name: &str, path: &str| -> String {
        if !long {
            return format!("{name}\n");
        }
        let dir = fs.is_dir(path);
        let size = if dir { 4096 } else { fs.read(path).map_or(0, str::len) };
        format!("{} {:>4} root     root     {size:>9} {when} {name}\n", mode_string(dir, fs.mode(path).unwrap_or(0o644)), if dir { 2 } else { 1 })
    };
    let mut errs = Vec::new();
    let (mut files_out, mut dirs) = (String::new(), Vec::new());
    let mut sorted = ops.clone();
    sorted.sort();
    for o in &sorted {
        let p = normalize(&cwd, o);
        if !fs.exists(&p) {
            errs.push(format!("ls: {o}: No such file or directory"));
        } else if fs.is_dir(&p) && !dirself {
            dirs.push((o.clone(), p));
        } else {
            files_out.push_str(&entry(o, &p));
        }
    }
    let mut out = files_out;
    let multi = sorted.len() > 1;
    for (k, (o, p)) in dirs.iter().enumerate() {
        if multi {
            if !out.is_empty() || k > 0 {
                out.push('\n');
            }
            out.push_str(&format!("{o}:\n"));
        }
        let mut names: Vec<String> = Vec::new();
        if all {
            names.push(".".into());
            names.push("..".into());
        }
        names.extend(fs.list(p).unwrap_or_default().into_iter().map(|(n, _)| n).filter(|n| all || almost || !n.starts_with('.')));
        if long {
            let blocks: usize = names
                .iter()
                .filter(|n| *n != "." && *n != "..")
                .map(|n| {
                    let cp = normalize(p, n);
                    if fs.is_dir(&cp) {
                        4
                    } else {
                        fs.read(&cp).map_or(0, |d| d.len().div_ceil(4096) * 4)
                    }
                })
                .sum();
            out.push_str(&format!("total {blocks}\n"));
        }
        match columns {
            Some(gnu) => out.push_str(&in_columns(&names, 80, gnu)),
            None => {
                for n in names {
                    let cp = normalize(p, &n);
                    out.push_str(&entry(&n, &cp));
                }
            }
        }
    }
    for e in &errs {
        job.errln(ctx, e);
    }
    job.out(ctx, &out);
    Flow::Done(i32::from(!errs.is_empty()))
}

/// Names in columns, down then across, as `ls` prints them on a terminal `width` wide: busybox
/// gives every column the longest name plus two; GNU fits as many columns as their own widths
/// allow.
fn in_columns(names: &[String], width: usize, gnu: bool) -> String {
    if names.is_empty() {
        return String::new();
    }
    let n = names.len();
    let len = |s: &String| s.chars().count();
    let layout = |cols: usize| -> Vec<usize> {
        let rows = n.div_ceil(cols);
        (0..cols).map(|c| names.iter().skip(c * rows).take(rows).map(len).max().unwrap_or(0) + 2).collect()
    };
    let widths: Vec<usize> = if gnu {
        (1..=n)
            .rev()
            .map(layout)
            .find(|w| w.len() == 1 || w.iter().sum::<usize>() - 2 <= width && w.iter().all(|x| *x > 2))
            .unwrap_or_else(|| vec![0])
    } else {
        let w = names.iter().map(len).max().unwrap_or(0) + 2;
        let cols = (width / w).max(1);
        vec![w; cols.min(n)]
    };
    let cols = widths.len().max(1);
    let rows = n.div_ceil(cols);
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        let mut pad = 0;
        for (c, w) in widths.iter().enumerate() {
            let Some(name) = names.get(c * rows + r) else { continue };
            line.push_str(&" ".repeat(pad));
            line.push_str(name);
            pad = w - len(name);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn env(job: &mut Job, ctx: &mut Ctx, name: &str, args: &[String], exec: bool) -> Flow {
    let mut extra = Vec::new();
    let mut i = 0;
    let mut clear = false;
    if name == "env" {
        while let Some(a) = args.get(i) {
            if a == "-i" || a == "-" {
                clear = true;
            } else if let Some((k, v)) = a.split_once('=').filter(|(k, _)| is_name(k)) {
                extra.push((k.to_string(), v.to_string()));
            } else {
                break;
            }
            i += 1;
        }
    }
    let mut vars = if clear { Vec::new() } else { job.env() };
    for (k, v) in extra {
        match vars.iter_mut().find(|(n, _)| *n == k) {
            Some(e) => e.1 = v,
            None => vars.push((k, v)),
        }
    }
    if name == "env" && i < args.len() {
        job.tmp_env = vars;
        job.env_only = true;
        let f = run(job, ctx, &args[i..], exec);
        job.env_only = false;
        return f;
    }
    if name == "printenv" && !args.is_empty() {
        let mut status = 0;
        let mut out = String::new();
        for a in args {
            match vars.iter().find(|(k, _)| k == a) {
                Some((_, v)) => out.push_str(&format!("{v}\n")),
                None => status = 1,
            }
        }
        job.out(ctx, &out);
        return Flow::Done(status);
    }
    let out: String = vars.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
    job.out(ctx, &out);
    Flow::Done(0)
}

// ---- text ----

fn count_arg(flags: &[String], i: &mut usize, short: char) -> Option<String> {
    // `-n 5`, `-n5`, `-5`.
    let a = &flags[*i];
    let rest = a.strip_prefix('-')?;
    if let Some(v) = rest.strip_prefix(short) {
        if v.is_empty() {
            *i += 1;
            return flags.get(*i).cloned();
        }
        return Some(v.to_string());
    }
    if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
        return Some(rest.to_string());
    }
    None
}

fn text_filter(job: &mut Job, ctx: &mut Ctx, name: &str, args: &[String]) -> Flow {
    let mut n: Option<String> = None;
    let mut flags = String::new();
    let mut ops = Vec::new();
    let mut delim = None;
    let mut list = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if matches!(name, "head" | "tail")
            && (a.starts_with("-n") || (a.len() > 1 && a[1..].bytes().all(|b| b.is_ascii_digit()) && a.starts_with('-')))
        {
            n = count_arg(args, &mut i, 'n');
        } else if matches!(name, "head" | "tail") && a == "-c" {
            i += 1;
            flags.push('c');
            n = args.get(i).cloned();
        } else if name == "cut" && (a.starts_with("-d") || a.starts_with("-f") || a.starts_with("-c")) {
            let key = a.as_bytes()[1];
            let v = if a.len() > 2 {
                a[2..].to_string()
            } else {
                i += 1;
                args.get(i).cloned().unwrap_or_default()
            };
            if key == b'd' {
                delim = Some(v);
            } else {
                if key == b'c' {
                    flags.push('c');
                }
                list = Some(v);
            }
        } else if a.len() > 1 && a.starts_with('-') && (name != "tr" || ops.is_empty()) {
            flags.push_str(&a[1..]);
        } else {
            ops.push(a.clone());
        }
        i += 1;
    }
    if name == "tr" {
        return tr(job, ctx, &flags, &ops);
    }
    let Ok(ins) = inputs(job, ctx, name, if name == "tee" { &[] } else { &ops }, matches!(name, "tail" | "sort")) else {
        return Flow::Wait(Wait::Forever);
    };
    let mut status = 0;
    let mut texts = Vec::new();
    for (o, r) in ins {
        match r {
            Ok(s) => texts.push((o, s)),
            Err(e) => {
                job.errln(ctx, &e);
                status = 1;
            }
        }
    }
    let mut out = String::new();
    match name {
        "wc" => {
            let f = if flags.is_empty() { "lwc".to_string() } else { flags.clone() };
            let mut tot = [0usize; 4];
            let several = texts.len() > 1;
            for (o, s) in &texts {
                let c = [s.matches('\n').count(), s.split_whitespace().count(), s.len(), s.chars().count()];
                for k in 0..4 {
                    tot[k] += c[k];
                }
                out.push_str(&wc_line(&f, &c, if o == "-" { None } else { Some(o) }));
            }
            if several {
                out.push_str(&wc_line(&f, &tot, Some("total")));
            }
        }
        "head" | "tail" => {
            let follow = flags.contains('f') || flags.contains('F');
            let bytes = flags.contains('c');
            let spec = n.unwrap_or_else(|| "10".into());
            let from_start = spec.starts_with('+');
            let k: usize = spec.trim_start_matches(['+', '-']).parse().unwrap_or(10);
            let several = texts.len() > 1;
            for (idx, (o, s)) in texts.iter().enumerate() {
                if several {
                    out.push_str(&format!("{}==> {o} <==\n", if idx > 0 { "\n" } else { "" }));
                }
                if bytes {
                    let b: Vec<char> = s.chars().collect();
                    let part: String = if name == "head" {
                        b.iter().take(k).collect()
                    } else if from_start {
                        b.iter().skip(k.saturating_sub(1)).collect()
                    } else {
                        b[b.len().saturating_sub(k)..].iter().collect()
                    };
                    out.push_str(&part);
                    continue;
                }
                let lines: Vec<&str> = s.split_inclusive('\n').collect();
                let part: &[&str] = if name == "head" {
                    &lines[..k.min(lines.len())]
                } else if from_start {
                    &lines[k.saturating_sub(1).min(lines.len())..]
                } else {
                    &lines[lines.len().saturating_sub(k)..]
                };
                part.iter().for_each(|l| out.push_str(l));
            }
            if name == "tail" && follow {
                job.out(ctx, &out);
                return Flow::Wait(Wait::Forever);
            }
        }
        "sort" => {
            let mut lines: Vec<&str> = texts.iter().flat_map(|(_, s)| s.lines()).collect();
            if flags.contains('n') {
                let key = |l: &str| -> f64 {
                    let t = l.trim_start();
                    let end = t.char_indices().find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && c == '-'))).map_or(t.len(), |x| x.0);
                    t[..end].parse().unwrap_or(0.0)
                };
                lines.sort_by(|a, b| key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(b)));
            } else {
                lines.sort();
            }
            if flags.contains('r') {
                lines.reverse();
            }
            if flags.contains('u') {
                lines.dedup();
            }
            lines.iter().for_each(|l| {
                out.push_str(l);
                out.push('\n');
            });
        }
        "uniq" => {
            let lines: Vec<&str> = texts.iter().flat_map(|(_, s)| s.lines()).collect();
            let mut k = 0;
            while k < lines.len() {
                let mut j = k;
                while j < lines.len() && lines[j] == lines[k] {
                    j += 1;
                }
                let count = j - k;
                let show = (!flags.contains('d') || count > 1) && (!flags.contains('u') || count == 1);
                if show {
                    if flags.contains('c') {
                        out.push_str(&format!("{count:>7} {}\n", lines[k]));
                    } else {
                        out.push_str(&format!("{}\n", lines[k]));
                    }
                }
                k = j;
            }
        }
        "tee" => {
            let data: String = texts.into_iter().map(|(_, s)| s).collect();
            let append = flags.contains('a');
            for o in &ops {
                let p = normalize(&job.scope.cwd, o);
                if let Err(e) = ctx.host.fs().write(&p, &data, append) {
                    job.errln(ctx, &format!("tee: {o}: {}", e.text()));
                    status = 1;
                }
            }
            out = data;
        }
        _ => {
            // cut
            let Some(list) = list else {
                job.errln(ctx, "cut: expected a list of bytes, characters, or fields");
                return Flow::Done(1);
            };
            let d = delim.and_then(|d| d.chars().next()).unwrap_or('\t');
            let mut ranges = Vec::new();
            for part in list.split(',') {
                let (a, b) = part.split_once('-').unwrap_or((part, part));
                let a: usize = if a.is_empty() { 1 } else { a.parse().unwrap_or(1) };
                let b: usize = if b.is_empty() { usize::MAX } else { b.parse().unwrap_or(a) };
                ranges.push((a, b));
            }
            let want = |k: usize| ranges.iter().any(|&(a, b)| a <= k && k <= b);
            for (_, s) in &texts {
                for line in s.lines() {
                    if flags.contains('c') {
                        out.extend(line.chars().enumerate().filter(|(k, _)| want(k + 1)).map(|(_, c)| c));
                    } else if !line.contains(d) {
                        out.push_str(line);
                    } else {
                        let f: Vec<&str> = line.split(d).enumerate().filter(|(k, _)| want(k + 1)).map(|(_, x)| x).collect();
                        out.push_str(&f.join(&d.to_string()));
                    }
                    out.push('\n');
                }
            }
        }
    }
    job.out(ctx, &out);
    Flow::Done(status)
}

fn wc_line(flags: &str, c: &[usize; 4], name: Option<&str>) -> String {
    let mut cols = Vec::new();
    for (f, k) in [('l', 0), ('w', 1), ('c', 2), ('m', 3)] {
        if flags.contains(f) {
            cols.push(c[k]);
        }
    }
    let mut s =
        if cols.len() == 1 && name.is_none() { cols[0].to_string() } else { cols.iter().map(|v| format!("{v:>9}")).collect::<Vec<_>>().join(" ") };
    if let Some(n) = name {
        if cols.len() == 1 {
            s = format!("{} {n}", cols[0]);
        } else {
            s.push(' ');
            s.push_str(n);
        }
    }
    s.push('\n');
    s
}

fn tr_set(s: &str) -> Vec<char> {
    let mut stop = false;
    let s = escapes(s, true, &mut stop);
    let s = s.replace("[:upper:]", "A-Z").replace("[:lower:]", "a-z").replace("[:digit:]", "0-9").replace("[:space:]", " \t\n\r");
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if i + 2 < c.len() && c[i + 1] == '-' && c[i] <= c[i + 2] {
            let (lo, hi) = (c[i] as u32, c[i + 2] as u32);
            out.extend((lo..=hi.min(lo + 0x10000)).filter_map(char::from_u32));
            i += 3;
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn tr(job: &mut Job, ctx: &mut Ctx, flags: &str, ops: &[String]) -> Flow {
    let Some(set1) = ops.first() else {
        job.errln(ctx, "tr: missing operand");
        return Flow::Done(1);
    };
    let s1 = tr_set(set1);
    let s2 = ops.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let data = match job.read_all(ctx) {
        Input::Data(s) => s,
        Input::Eof => String::new(),
        Input::Block => return Flow::Wait(Wait::Forever),
    };
    let mut out = String::with_capacity(data.len());
    let mut last: Option<char> = None;
    for ch in data.chars() {
        let mapped = match s1.iter().position(|&c| c == ch) {
            Some(_) if flags.contains('d') => continue,
            Some(k) if !s2.is_empty() => s2[k.min(s2.len() - 1)],
            _ => ch,
        };
        if flags.contains('s') && last == Some(mapped) && (s2.contains(&mapped) || (s2.is_empty() && s1.contains(&mapped))) {
            continue;
        }
        last = Some(mapped);
        out.push(mapped);
    }
    job.out(ctx, &out);
    Flow::Done(0)
}

fn grep(job: &mut Job, ctx: &mut Ctx, name: &str, args: &[String]) -> Flow {
    let mut flags = String::from(match name {
        "egrep" => "E",
        "fgrep" => "F",
        _ => "",
    });
    let mut pats: Vec<String> = Vec::new();
    let mut ops = Vec::new();
    let mut i = 0;
    let mut done = false;
    while i < args.len() {
        let a = &args[i];
        if !done && a == "--" {
            done = true;
        } else if !done && a == "-e" {
            i += 1;
            pats.extend(args.get(i).cloned());
        } else if !done && a.len() > 1 && a.starts_with('-') {
            flags.push_str(&a[1..]);
        } else {
            ops.push(a.clone());
        }
        i += 1;
    }
    if pats.is_empty() {
        if ops.is_empty() {
            job.errln(ctx, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
            return Flow::Done(2);
        }
        pats.push(ops.remove(0));
    }
    let icase = flags.contains('i');
    let mut res = Vec::new();
    for p in pats.iter().flat_map(|p| p.split('\n')) {
        let r = if flags.contains('F') { Ok(Regex::literal(p, icase)) } else { Regex::new(p, flags.contains('E'), icase) };
        match r {
            Ok(r) => res.push(r),
            Err(e) => {
                job.errln(ctx, &format!("grep: bad regex '{p}': {e}"));
                return Flow::Done(2);
            }
        }
    }
    let Ok(ins) = inputs(job, ctx, "grep", &ops, false) else { return Flow::Wait(Wait::Forever) };
    let (invert, quiet, count, number, list) =
        (flags.contains('v'), flags.contains('q'), flags.contains('c'), flags.contains('n'), flags.contains('l'));
    let prefix = (ins.len() > 1 || flags.contains('H')) && !flags.contains('h');
    let mut out = String::new();
    let mut matched = false;
    let mut error = false;
    for (o, r) in ins {
        let s = match r {
            Ok(s) => s,
            Err(e) => {
                if !flags.contains('s') {
                    job.errln(ctx, &e);
                }
                error = true;
                continue;
            }
        };
        let label = if o == "-" { "(standard input)".to_string() } else { o.clone() };
        let mut n = 0;
        for (k, line) in s.lines().enumerate() {
            if res.iter().any(|r| r.is_match(line)) != invert {
                n += 1;
                matched = true;
                if quiet {
                    return Flow::Done(0);
                }
                if !count && !list {
                    if prefix {
                        out.push_str(&format!("{label}:"));
                    }
                    if number {
                        out.push_str(&format!("{}:", k + 1));
                    }
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        if count {
            if prefix {
                out.push_str(&format!("{label}:"));
            }
            out.push_str(&format!("{n}\n"));
        } else if list && n > 0 {
            out.push_str(&format!("{label}\n"));
        }
    }
    job.out(ctx, &out);
    Flow::Done(if error && !matched { 2 } else { i32::from(!matched) })
}

fn seq(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let mut sep = "\n".to_string();
    let mut width = false;
    let mut nums = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-s" {
            i += 1;
            sep = args.get(i).cloned().unwrap_or_default();
        } else if a == "-w" {
            width = true;
        } else {
            nums.push(a.clone());
        }
        i += 1;
    }
    let (first, inc, last) = match nums.as_slice() {
        [l] => ("1", "1", l.as_str()),
        [f, l] => (f.as_str(), "1", l.as_str()),
        [f, s, l] => (f.as_str(), s.as_str(), l.as_str()),
        _ => {
            job.errln(ctx, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: seq [-w] [-s SEP] [FIRST [INC]] LAST");
            return Flow::Done(1);
        }
    };
    let mut vals = [0f64; 3];
    let mut decimals = 0;
    for (k, s) in [first, inc, last].iter().enumerate() {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() => vals[k] = v,
            _ => {
                job.errln(ctx, &format!("seq: invalid number '{s}'"));
                return Flow::Done(1);
            }
        }
        if k < 2 {
            decimals = decimals.max(s.split_once('.').map_or(0, |(_, d)| d.len()));
        }
    }
    let [f, step, l] = vals;
    let mut items = Vec::new();
    if step != 0.0 {
        let mut k = 0;
        loop {
            let v = f + step * k as f64;
            if (step > 0.0 && v > l + 1e-9) || (step < 0.0 && v < l - 1e-9) || items.len() >= MAX_SEQ {
                break;
            }
            items.push(format!("{v:.decimals$}"));
            k += 1;
        }
    }
    if width {
        let w = items.iter().map(String::len).max().unwrap_or(0);
        for it in &mut items {
            *it = pad(it, w, false, true);
        }
    }
    let mut out = items.join(&sep);
    if !items.is_empty() {
        out.push('\n');
    }
    job.out(ctx, &out);
    Flow::Done(0)
}

// ---- expr ----

struct ExprP<'a> {
    a: &'a [String],
    i: usize,
    depth: u32,
}

impl ExprP<'_> {
    fn peek(&self) -> Option<&str> {
        self.a.get(self.i).map(String::as_str)
    }

    fn or(&mut self) -> Result<String, String> {
        self.depth += 1;
        if self.depth > 64 {
            return Err("expr: syntax error".into());
        }
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            let r = self.and()?;
            if l.is_empty() || l == "0" {
                l = r;
            }
        }
        self.depth -= 1;
        Ok(l)
    }

    fn and(&mut self) -> Result<String, String> {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            let r = self.cmp()?;
            if l.is_empty() || l == "0" || r.is_empty() || r == "0" {
                l = "0".into();
            }
        }
        Ok(l)
    }

    fn cmp(&mut self) -> Result<String, String> {
        let mut l = self.add()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "=" | "!=" | "<" | "<=" | ">" | ">=")) {
            let op = op.to_string();
            self.i += 1;
            let r = self.add()?;
            let ord = match (l.parse::<i64>(), r.parse::<i64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                _ => l.cmp(&r),
            };
            let t = match op.as_str() {
                "=" => ord.is_eq(),
                "!=" => !ord.is_eq(),
                "<" => ord.is_lt(),
                "<=" => ord.is_le(),
                ">" => ord.is_gt(),
                _ => ord.is_ge(),
            };
            l = i64::from(t).to_string();
        }
        Ok(l)
    }

    fn num(s: &str) -> Result<i64, String> {
        s.parse::<i64>().map_err(|_| "expr: non-numeric argument".to_string())
    }

    fn add(&mut self) -> Result<String, String> {
        let mut l = self.mul()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "+" | "-")) {
            let plus = op == "+";
            self.i += 1;
            let r = self.mul()?;
            let (x, y) = (Self::num(&l)?, Self::num(&r)?);
            l = if plus { x.wrapping_add(y) } else { x.wrapping_sub(y) }.to_string();
        }
        Ok(l)
    }

    fn mul(&mut self) -> Result<String, String> {
        let mut l = self.prim()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "*" | "/" | "%")) {
            let op = op.to_string();
            self.i += 1;
            let r = self.prim()?;
            let (x, y) = (Self::num(&l)?, Self::num(&r)?);
            if op != "*" && y == 0 {
                return Err("expr: division by zero".into());
            }
            l = match op.as_str() {
                "*" => x.wrapping_mul(y),
                "/" => x.wrapping_div(y),
                _ => x.wrapping_rem(y),
            }
            .to_string();
        }
        Ok(l)
    }

    fn prim(&mut self) -> Result<String, String> {
        match self.peek() {
            None => Err("expr: syntax error".into()),
            Some("(") => {
                self.i += 1;
                let v = self.or()?;
                if self.peek() != Some(")") {
                    return Err("expr: syntax error".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some("length") if self.a.len() > self.i + 1 => {
                self.i += 1;
                let v = self.prim()?;
                Ok(v.chars().count().to_string())
            }
            Some(v) => {
                let v = v.to_string();
                self.i += 1;
                Ok(v)
            }
        }
    }
}

fn expr(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let mut p = ExprP { a: args, i: 0, depth: 0 };
    match p.or() {
        Ok(_) if p.i < args.len() => {
            job.errln(ctx, "expr: syntax error");
            Flow::Done(2)
        }
        Ok(v) => {
            job.out(ctx, &format!("{v}\n"));
            Flow::Done(i32::from(v.is_empty() || v == "0"))
        }
        Err(e) => {
            job.errln(ctx, &e);
            Flow::Done(2)
        }
    }
}

// ---- network ----

struct Url {
    full: String,
    host: String,
    port: u16,
}

fn parse_url(u: &str) -> Url {
    let full = if u.contains("://") { u.to_string() } else { format!("http://{u}") };
    let (scheme, rest) = full.split_once("://").unwrap_or(("http", &full));
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let default = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => (h, p.parse().unwrap_or(default)),
        _ => (authority, default),
    };
    let full = if rest.contains('/') { full.clone() } else { format!("{full}/") };
    Url { full, host: host.to_string(), port }
}

fn is_ip(s: &str) -> bool {
    s.split('.').count() == 4 && s.split('.').all(|p| p.parse::<u8>().is_ok())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

fn ip_of(ctx: &mut Ctx, host: &str) -> String {
    if is_ip(host) {
        return host.to_string();
    }
    ctx.host.resolve(host).map_or_else(|| host.to_string(), |(_, ip)| ip)
}

fn secs(s: Option<&String>) -> Option<i64> {
    s.and_then(|v| v.parse::<f64>().ok()).map(|v| (v * 1000.0).max(0.0) as i64)
}

fn wget(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let mut quiet = false;
    let mut spider = false;
    let mut out_file: Option<String> = None;
    let mut timeout = 900_000i64;
    let mut urls = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(v) = a.strip_prefix("--timeout=").or_else(|| a.strip_prefix("-T").filter(|v| !v.is_empty())) {
            timeout = secs(Some(&v.to_string())).unwrap_or(timeout);
        } else if a == "-T" {
            i += 1;
            timeout = secs(args.get(i)).unwrap_or(timeout);
        } else if a == "--spider" {
            spider = true;
        } else if a == "--quiet" {
            quiet = true;
        } else if let Some(v) = a.strip_prefix("--output-document=") {
            out_file = Some(v.to_string());
        } else if a.starts_with("--") {
        } else if let Some(fl) = a.strip_prefix('-').filter(|f| !f.is_empty()) {
            let chars: Vec<char> = fl.chars().collect();
            let mut k = 0;
            while k < chars.len() {
                match chars[k] {
                    'q' => quiet = true,
                    'O' => {
                        let rest: String = chars[k + 1..].iter().collect();
                        out_file = Some(if rest.is_empty() {
                            i += 1;
                            args.get(i).cloned().unwrap_or_else(|| "-".into())
                        } else {
                            rest
                        });
                        break;
                    }
                    'U' | 'Y' | 'P' | 't' | 'e' | 'o' | 'a' => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                k += 1;
            }
        } else {
            urls.push(a.clone());
        }
        i += 1;
    }
    let Some(u) = urls.first() else {
        job.errln(ctx, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...");
        return Flow::Done(1);
    };
    let url = parse_url(u);
    let ip = ip_of(ctx, &url.host);
    if !quiet {
        job.errln(ctx, &format!("Connecting to {} ({ip}:{})", url.host, url.port));
    }
    match ctx.host.http(if spider { "HEAD" } else { "GET" }, &url.full, "Wget") {
        Err(HttpError::UnknownHost) => {
            job.errln(ctx, &format!("wget: bad address '{}'", url.host));
            Flow::Done(1)
        }
        Err(HttpError::Refused) => {
            job.errln(ctx, &format!("wget: can't connect to remote host ({ip}): Connection refused"));
            Flow::Done(1)
        }
        Err(HttpError::Unreachable) => {
            job.errln(ctx, &format!("wget: can't connect to remote host ({ip}): Host is unreachable"));
            Flow::Done(1)
        }
        Err(HttpError::Timeout) => {
            Flow::Wait(Wait::Until { at: ctx.now + Duration(timeout), status: 1, msg: Some("wget: download timed out".into()), exit_after: false })
        }
        Ok((status, _)) if status >= 400 => {
            job.errln(ctx, &format!("wget: server returned error: HTTP/1.1 {status} {}", reason(status)));
            Flow::Done(1)
        }
        Ok(_) if spider => {
            if !quiet {
                job.errln(ctx, "remote file exists");
            }
            Flow::Done(0)
        }
        Ok((_, body)) => {
            let dest = out_file.unwrap_or_else(|| {
                let last = url.full.rsplit('/').next().unwrap_or("").split('?').next().unwrap_or("");
                if last.is_empty() {
                    "index.html".into()
                } else {
                    last.to_string()
                }
            });
            let progress = |name: &str| format!("{name:<20} 100% |********************************| {:>5}  0:00:00 ETA", body.len());
            if dest == "-" {
                if !quiet {
                    job.errln(ctx, "writing to stdout");
                }
                job.out(ctx, &body);
                if !quiet {
                    job.errln(ctx, &progress("-"));
                    job.errln(ctx, "written to stdout");
                }
            } else {
                let p = normalize(&job.scope.cwd, &dest);
                if !quiet {
                    job.errln(ctx, &format!("saving to '{dest}'"));
                }
                if let Err(e) = ctx.host.fs().write(&p, &body, false) {
                    job.errln(ctx, &format!("wget: can't open '{dest}': {}", e.text()));
                    return Flow::Done(1);
                }
                if !quiet {
                    job.errln(ctx, &progress(&dest));
                    job.errln(ctx, &format!("'{dest}' saved"));
                }
            }
            Flow::Done(0)
        }
    }
}

fn curl(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let (mut silent, mut show_err, mut fail, mut head, mut include) = (false, false, false, false, false);
    let mut method = "GET".to_string();
    let mut out_file: Option<String> = None;
    let mut write_out: Option<String> = None;
    let mut timeout: Option<i64> = None;
    let mut urls = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let mut next = || {
            i += 1;
            args.get(i).cloned()
        };
        match a {
            "--silent" => silent = true,
            "--show-error" => show_err = true,
            "--fail" => fail = true,
            "--head" => head = true,
            "--include" => include = true,
            "--request" => method = next().unwrap_or(method),
            "--output" => out_file = next(),
            "--write-out" => write_out = next(),
            "--max-time" | "--connect-timeout" => timeout = secs(next().as_ref()),
            "--data" | "--data-raw" | "--data-binary" => {
                next();
                if method == "GET" {
                    method = "POST".into();
                }
            }
            "--header" | "--user-agent" | "--user" | "--retry" => {
                next();
            }
            _ if a.starts_with("--") => {}
            _ if a.starts_with('-') && a.len() > 1 => {
                let chars: Vec<char> = a[1..].chars().collect();
                for (k, c) in chars.iter().enumerate() {
                    let rest: String = chars[k + 1..].iter().collect();
                    let val = |i: &mut usize| {
                        if rest.is_empty() {
                            *i += 1;
                            args.get(*i).cloned()
                        } else {
                            Some(rest.clone())
                        }
                    };
                    match c {
                        's' => silent = true,
                        'S' => show_err = true,
                        'f' => fail = true,
                        'I' => head = true,
                        'i' => include = true,
                        'X' => {
                            method = val(&mut i).unwrap_or(method);
                            break;
                        }
                        'o' => {
                            out_file = val(&mut i);
                            break;
                        }
                        'w' => {
                            write_out = val(&mut i);
                            break;
                        }
                        'm' => {
                            timeout = secs(val(&mut i).as_ref());
                            break;
                        }
                        'd' => {
                            val(&mut i);
                            if method == "GET" {
                                method = "POST".into();
                            }
                            break;
                        }
                        'H' | 'A' | 'u' | 'e' => {
                            val(&mut i);
                            break;
                        }
                        _ => {}
                    }
                }
            }
            _ => urls.push(a.to_string()),
        }
        i += 1;
    }
    let errors = !silent || show_err;
    let Some(u) = urls.first() else {
        if errors {
            job.errln(ctx, "curl: try 'curl --help' or 'curl --manual' for more information");
        }
        return Flow::Done(2);
    };
    if head {
        method = "HEAD".into();
    }
    let url = parse_url(u);
    let r = ctx.host.http(&method, &url.full, "curl/7.88.1");
    let fail_msg = |code: i32, msg: String| (code, msg);
    let err = match r {
        Err(HttpError::UnknownHost) => Some(fail_msg(6, format!("curl: (6) Could not resolve host: {}", url.host))),
        Err(HttpError::Refused | HttpError::Unreachable) => {
            Some(fail_msg(7, format!("curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server", url.host, url.port)))
        }
        Err(HttpError::Timeout) => {
            let ms = timeout.unwrap_or(300_000);
            let msg = if timeout.is_some() {
                format!("curl: (28) Connection timed out after {ms} milliseconds")
            } else {
                format!("curl: (28) Failed to connect to {} port {} after {ms} ms: Timeout was reached", url.host, url.port)
            };
            return Flow::Wait(Wait::Until { at: ctx.now + Duration(ms), status: 28, msg: errors.then_some(msg), exit_after: false });
        }
        Ok((status, _)) if fail && status >= 400 => Some(fail_msg(22, format!("curl: (22) The requested URL returned error: {status}"))),
        Ok(_) => None,
    };
    // The progress meter shows unless the body goes to the terminal.
    let meter = !silent && (out_file.as_deref().is_some_and(|f| f != "-") || !ctx.host.tty());
    if let Some((code, msg)) = err {
        if meter {
            job.errln(ctx, "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current");
            job.errln(ctx, "                                 Dload  Upload   Total   Spent    Left  Speed");
            job.errln(ctx, "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0");
        }
        if errors {
            job.errln(ctx, &msg);
        }
        if let Some(w) = &write_out {
            let mut stop = false;
            let text = escapes(&w.replace("%{http_code}", "000"), false, &mut stop);
            job.out(ctx, &text);
        }
        return Flow::Done(code);
    }
    let Ok((status, body)) = r else { return Flow::Done(1) };
    let mut data = String::new();
    if head || include {
        data.push_str(&format!("HTTP/1.1 {status} {}\r\nContent-Length: {}\r\n\r\n", reason(status), body.len()));
    }
    if !head {
        data.push_str(&body);
    }
    if meter {
        let n = body.len();
        job.errln(ctx, "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current");
        job.errln(ctx, "                                 Dload  Upload   Total   Spent    Left  Speed");
        job.errln(ctx, &format!("100 {n:>5}  100 {n:>5}    0     0  {n:>5}      0 --:--:-- --:--:-- --:--:-- {n:>5}"));
    }
    match &out_file {
        Some(f) if f != "-" && f != "/dev/stdout" => {
            if f != "/dev/null" {
                let p = normalize(&job.scope.cwd, f);
                if let Err(e) = ctx.host.fs().write(&p, &data, false) {
                    if errors {
                        job.errln(ctx, &format!("curl: (23) Failure writing output to destination: {}", e.text()));
                    }
                    return Flow::Done(23);
                }
            }
        }
        _ => job.out(ctx, &data),
    }
    if let Some(w) = &write_out {
        let mut stop = false;
        let text = escapes(&w.replace("%{http_code}", &status.to_string()).replace("%{size_download}", &body.len().to_string()), false, &mut stop);
        job.out(ctx, &text);
    }
    Flow::Done(0)
}

fn nslookup(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let Some(name) = args.iter().find(|a| !a.starts_with('-')) else {
        job.errln(
            ctx,
            "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]",
        );
        return Flow::Done(1);
    };
    let server = ctx
        .host
        .fs()
        .read("/etc/resolv.conf")
        .ok()
        .and_then(|r| r.lines().find_map(|l| l.strip_prefix("nameserver").map(|s| s.trim().to_string())))
        .unwrap_or_else(|| "10.96.0.10".into());
    let mut out = format!("Server:\t\t{server}\nAddress:\t{server}:53\n\n");
    let status = match ctx.host.resolve(name) {
        Some((fqdn, ip)) => {
            out.push_str(&format!("Name:\t{fqdn}\nAddress: {ip}\n\n"));
            0
        }
        None => {
            out.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n"));
            1
        }
    };
    job.out(ctx, &out);
    Flow::Done(status)
}

fn nc(job: &mut Job, ctx: &mut Ctx, args: &[String]) -> Flow {
    let (flags, ops) = flags_and_operands(args);
    if flags.contains('l') {
        return Flow::Wait(Wait::Forever);
    }
    let ops: Vec<&String> = ops.iter().filter(|o| o.parse::<f64>().is_err() || ops.len() <= 2).collect();
    let (Some(host), Some(port)) = (ops.first(), ops.get(1)) else {
        job.errln(ctx, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen");
        return Flow::Done(1);
    };
    let ip = ip_of(ctx, host);
    let r = ctx.host.http("HEAD", &format!("http://{host}:{port}/"), "nc");
    let verbose = flags.contains('v');
    match r {
        Ok(_) => {
            if verbose {
                job.errln(ctx, &format!("{host} ({ip}:{port}) open"));
            }
            if flags.contains('z') {
                return Flow::Done(0);
            }
            match job.read_all(ctx) {
                Input::Block => Flow::Wait(Wait::Forever),
                _ => Flow::Done(0),
            }
        }
        Err(HttpError::UnknownHost) => {
            job.errln(ctx, &format!("nc: bad address '{host}'"));
            Flow::Done(1)
        }
        Err(HttpError::Timeout) => Flow::Wait(Wait::Until {
            at: ctx.now + Duration::from_secs(if flags.contains('w') { 2 } else { 75 }),
            status: 1,
            msg: Some(format!("nc: can't connect to remote host ({ip}): Connection timed out")),
            exit_after: false,
        }),
        Err(_) => {
            job.errln(ctx, &format!("nc: can't connect to remote host ({ip}): Connection refused"));
            Flow::Done(1)
        }
    }
}

/// The signal numbers `kill -l` and traps use.
impl Signal {
    pub fn from_name(s: &str) -> Option<Signal> {
        Some(match signal_name(s)? {
            "TERM" => Signal::Term,
            "INT" => Signal::Int,
            "HUP" => Signal::Hup,
            "QUIT" => Signal::Quit,
            "USR1" => Signal::Usr1,
            "USR2" => Signal::Usr2,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_like_busybox() {
        let t = Time::from_civil(2024, 1, 2, 3, 4, 5);
        assert_eq!(strftime(t, "%a %b %e %H:%M:%S %Z %Y"), "Tue Jan  2 03:04:05 UTC 2024");
        assert_eq!(strftime(t, "%F %T %s %j %u %I%p %y %%"), "2024-01-02 03:04:05 1704164645 002 2 03AM 24 %");
        assert_eq!(strftime(Time(t.0 + 250), "%N"), "250000000");
    }

    #[test]
    fn sleep_operands() {
        assert_eq!(sleep_arg("30"), Some(Some(30_000)));
        assert_eq!(sleep_arg("1.5"), Some(Some(1_500)));
        assert_eq!(sleep_arg("1m"), Some(Some(60_000)));
        assert_eq!(sleep_arg("0.5h"), Some(Some(1_800_000)));
        assert_eq!(sleep_arg("infinity"), Some(None));
        assert_eq!(sleep_arg("abc"), None);
        assert_eq!(sleep_arg("-1"), None);
        assert_eq!(sleep_arg("1.2.3"), None);
    }

    #[test]
    fn escapes_and_urls() {
        let mut stop = false;
        assert_eq!(escapes("a\\tb\\n\\0101\\x41", false, &mut stop), "a\tb\nAA");
        assert_eq!(escapes("x\\cy", false, &mut stop), "x");
        assert!(stop);
        let u = parse_url("web-svc:8080");
        assert_eq!((u.full.as_str(), u.host.as_str(), u.port), ("http://web-svc:8080/", "web-svc", 8080));
        let u = parse_url("https://a.b/c?d");
        assert_eq!((u.full.as_str(), u.host.as_str(), u.port), ("https://a.b/c?d", "a.b", 443));
    }
}
