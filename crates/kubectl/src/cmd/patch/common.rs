//! What the commands that change existing objects (`scale`, `patch`, `set image`, `cordon`,
//! `uncordon`, `drain`) share: `--dry-run`, the name/yaml/json printers of PrintFlags,
//! `--record`'s change cause, pflag's integer parsing, and errors printed the way `CheckErr`
//! prints errors that kubeplay's `ApiError` has no variant for.
//!
//! Sources (read, not copied): `kubectl/pkg/cmd/util/helpers.go` (`GetDryRunStrategy`,
//! `PrintFlagsWithDryRunStrategy`, `checkErr`, `MultipleErrors`), `cli-runtime/pkg/
//! genericclioptions/record_flags.go` (`parseCommandArguments`, `ChangeCauseRecorder`),
//! `cli-runtime/pkg/printers/name.go`, `spf13/pflag` (`IntVar` parses with
//! `strconv.ParseInt(s, 0, 64)`; `MarkDeprecated` prints `Flag --x has been deprecated, …`).

use cluster::validation::{go_quote, invalid_status_message};
use cluster::{ApiError, Kind};
use serde_json::Value;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::{printflags, resource_name};
use crate::flags::Parsed;
use crate::output::Output;
use crate::yamlout;

pub use crate::cmd::printflags::{DryRun, Printer};

/// `--dry-run` (printflags' `GetDryRunStrategy`).
pub fn dry_run_strategy(p: &Parsed) -> Result<DryRun, String> {
    printflags::dry_run_strategy(p.get("dry-run"))
}

/// `PrintFlags.ToPrinter` for `-o` (`--template` is not modelled).
pub fn printer_for(p: &Parsed) -> Result<Printer, String> {
    if p.get("template").is_some_and(|t| !t.is_empty()) {
        return Err("kubeplay does not support \"--template\" yet".into());
    }
    printflags::printer_for(p.get("output").unwrap_or(""))
}

/// One printer over objects as an unstructured builder returns them (`kubectl scale`, `kubectl
/// patch`): JSON with sorted keys, YAML documents separated by `---`.
pub struct Printing {
    pub printer: Printer,
    pub dry_run: DryRun,
    printed: usize,
}

impl Printing {
    pub fn new(printer: Printer, dry_run: DryRun) -> Printing {
        Printing { printer, dry_run, printed: 0 }
    }

    /// Prints `obj` (its JSON) after `operation` (`scaled`, `patched (no change)`, …); a
    /// JSONPath that fails on it is the error.
    pub fn print(&mut self, out: &mut Output, kind: Kind, obj: &Value, operation: &str) -> Result<(), String> {
        let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
        match &self.printer {
            Printer::Name { short: true } => out.out(format!("{}/{name}\n", resource_name(kind))),
            Printer::Name { short: false } => out.out(format!("{}/{name} {operation}{}\n", resource_name(kind), self.dry_run.suffix())),
            Printer::Json => out.out(yamlout::to_json(obj)),
            Printer::Yaml => {
                if self.printed > 0 {
                    out.out("---\n");
                }
                out.out(yamlout::to_yaml(obj));
            }
            Printer::JsonPath(jp) => out.out(jp.print_obj(obj)?),
        }
        self.printed += 1;
        Ok(())
    }
}

/// pflag's notice for a deprecated flag the command line used.
pub fn deprecations(p: &Parsed, out: &mut Output, flags: &[(&str, &str)]) {
    for (flag, why) in flags {
        if p.values.contains_key(flag) {
            out.err(format!("Flag --{flag} has been deprecated, {why}\n"));
        }
    }
}

/// The `--record` deprecation every command that records prints.
pub const RECORD_DEPRECATED: (&str, &str) = ("record", "--record will be removed in the future");

/// `RecordFlags.parseCommandArguments`: `kubectl`, the positional words (the command's own
/// name first), then ` --flag=value` for each flag given. kubectl lists the flags as typed;
/// kubeplay's parser keeps them by name, so they come in alphabetical order.
pub fn change_cause(command: &[&str], p: &Parsed) -> String {
    let mut s = String::from("kubectl");
    for w in command.iter().copied().chain(p.args.iter().map(String::as_str)) {
        s.push(' ');
        s.push_str(w);
    }
    for (flag, values) in &p.values {
        for v in values {
            s.push_str(&format!(" --{flag}={v}"));
        }
    }
    s
}

/// `kubernetes.io/change-cause`.
pub const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// pflag's `IntVar`: `strconv.ParseInt(s, 0, 64)` (sign, `0x`/`0o`/`0b`/`0` prefixes,
/// underscores between digits), with pflag's message on failure.
pub fn parse_int_flag(flag: &str, s: &str) -> Result<i64, String> {
    go_parse_int(s).map_err(|why| format!("invalid argument {q} for \"--{flag}\" flag: strconv.ParseInt: parsing {q}: {why}", q = go_quote(s)))
}

fn go_parse_int(s: &str) -> Result<i64, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (base, digits, prefixed) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_string(), true)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_string(), true)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_string(), true)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string(), true)
    } else {
        (10, lower.clone(), false)
    };
    if digits.is_empty() && !(prefixed && base == 8) {
        return Err(SYNTAX);
    }
    // Underscores only between digits (or right after a prefix).
    let mut prev_underscore = !prefixed;
    for (i, c) in digits.chars().enumerate() {
        if c == '_' {
            if prev_underscore && !(i == 0 && prefixed) {
                return Err(SYNTAX);
            }
            prev_underscore = true;
        } else {
            prev_underscore = false;
        }
    }
    if digits.ends_with('_') || (!prefixed && digits.starts_with('_')) {
        return Err(SYNTAX);
    }
    let mut v: i128 = 0;
    for c in digits.chars().filter(|c| *c != '_') {
        let d = c.to_digit(base).ok_or(SYNTAX)? as i128;
        v = v * base as i128 + d;
        if v > i64::MAX as i128 + 1 {
            v = i64::MAX as i128 + 2;
        }
    }
    let v = if neg { -v } else { v };
    i64::try_from(v).map_err(|_| "value out of range")
}

/// `err.Error()` of an API error: the server's status message (an Invalid one names the
/// GroupKind: `Deployment.apps "web" is invalid: …`).
pub fn status_message(e: &ApiError) -> String {
    match e {
        ApiError::Invalid { kind, name, causes } => {
            let group = Kind::from_name(kind).map(|k| k.resource().group).unwrap_or("");
            let qualified = if group.is_empty() { kind.to_string() } else { format!("{kind}.{group}") };
            invalid_status_message(&qualified, name, causes)
        }
        e => e.to_string(),
    }
}

/// An error as a command collects it: one kubeplay can describe as a [`CmdError`], or the exact
/// text kubectl prints for it (`Error from server: …` for a status without a reason, `The
/// request is invalid: …` for a 422 without details).
#[derive(Clone, Debug)]
pub enum Failure {
    Cmd(CmdError),
    Raw(String),
}

impl From<CmdError> for Failure {
    fn from(e: CmdError) -> Failure {
        Failure::Cmd(e)
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        Failure::Cmd(CmdError::Api(e))
    }
}

/// Prints what a command collected as `CheckErr` does: one error alone (a message that ends in
/// a newline keeps just that one), several one per line.
pub fn report(out: &mut Output, mut errs: Vec<Failure>) {
    match errs.len() {
        0 => {}
        1 => match errs.remove(0) {
            Failure::Raw(s) => {
                out.err(if s.ends_with('\n') { s } else { format!("{s}\n") });
                out.status = 1;
            }
            Failure::Cmd(CmdError::Plain(s)) if s.ends_with('\n') => {
                print_errors(out, vec![CmdError::Plain(s.trim_end_matches('\n').to_string())]);
            }
            Failure::Cmd(e) => print_errors(out, vec![e]),
        },
        _ => {
            let all = errs
                .into_iter()
                .map(|f| match f {
                    Failure::Raw(s) => CmdError::Plain(s),
                    Failure::Cmd(e) => e,
                })
                .collect();
            print_errors(out, all);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_integers() {
        assert_eq!(go_parse_int("42"), Ok(42));
        assert_eq!(go_parse_int("-3"), Ok(-3));
        assert_eq!(go_parse_int("0x1f"), Ok(31));
        assert_eq!(go_parse_int("010"), Ok(8));
        assert_eq!(go_parse_int("1_000"), Ok(1000));
        assert_eq!(go_parse_int("0"), Ok(0));
        assert_eq!(go_parse_int("abc"), Err("invalid syntax"));
        assert_eq!(go_parse_int(""), Err("invalid syntax"));
        assert_eq!(go_parse_int("1.5"), Err("invalid syntax"));
        assert_eq!(go_parse_int("99999999999999999999"), Err("value out of range"));
        assert_eq!(go_parse_int("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(
            parse_int_flag("replicas", "abc").unwrap_err(),
            "invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax"
        );
    }
}
