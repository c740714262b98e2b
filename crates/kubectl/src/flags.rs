//! pflag-compatible flag parsing: `--name=value`, `--name value`, `-n value`, `-nvalue`,
//! grouped boolean shorthands (`-it`), `--` to end flags, and pflag's error texts.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Value,
}

#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
}

pub const fn bool_flag(long: &'static str, short: Option<char>) -> Flag {
    Flag { long, short, kind: Kind::Bool }
}

pub const fn value_flag(long: &'static str, short: Option<char>) -> Flag {
    Flag { long, short, kind: Kind::Value }
}

/// The result of parsing: positional arguments, flag values by long name (repeated flags keep
/// every value in order), and whatever followed `--`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub args: Vec<String>,
    pub values: BTreeMap<&'static str, Vec<String>>,
    pub after_dashdash: Option<Vec<String>>,
}

impl Parsed {
    /// The last value given for a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.values.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    /// A boolean flag: present without a value, or `=true`.
    pub fn bool(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }
}

/// Parses `argv` against `flags`. Errors are pflag's messages (without kubectl's usage line).
pub fn parse(argv: &[String], flags: &[Flag]) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    let by_long = |name: &str| flags.iter().find(|f| f.long == name);
    let by_short = |c: char| flags.iter().find(|f| f.short == Some(c));
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.after_dashdash = Some(argv[i..].to_vec());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(f) = by_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match (f.kind, inline) {
                (Kind::Bool, None) => "true".to_string(),
                (Kind::Bool, Some(v)) => parse_bool(&v).map_err(|_| {
                    format!("invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax")
                })?,
                (Kind::Value, Some(v)) => v,
                (Kind::Value, None) => {
                    let Some(v) = argv.get(i) else {
                        return Err(format!("flag needs an argument: --{name}"));
                    };
                    i += 1;
                    v.clone()
                }
            };
            p.values.entry(f.long).or_default().push(value);
        } else if a.len() > 1 && a.starts_with('-') {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                let Some(f) = by_short(c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {a}"));
                };
                j += 1;
                match f.kind {
                    Kind::Bool => {
                        if shorts.get(j) == Some(&'=') {
                            let v: String = shorts[j + 1..].iter().collect();
                            let b = parse_bool(&v).map_err(|_| {
                                format!("invalid argument \"{v}\" for \"-{c}, --{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax", f.long)
                            })?;
                            p.values.entry(f.long).or_default().push(b);
                            break;
                        }
                        p.values.entry(f.long).or_default().push("true".into());
                    }
                    Kind::Value => {
                        let rest: String = shorts[j..].iter().collect();
                        let value = if let Some(v) = rest.strip_prefix('=') {
                            v.to_string()
                        } else if !rest.is_empty() {
                            rest
                        } else if let Some(v) = argv.get(i) {
                            i += 1;
                            v.clone()
                        } else {
                            return Err(format!("flag needs an argument: '{c}' in -{c}"));
                        };
                        p.values.entry(f.long).or_default().push(value);
                        break;
                    }
                }
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
}

/// Go's `strconv.ParseBool`, normalised to `"true"`/`"false"`.
fn parse_bool(v: &str) -> Result<String, ()> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok("true".into()),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok("false".into()),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        value_flag("namespace", Some('n')),
        value_flag("output", Some('o')),
        bool_flag("all-namespaces", Some('A')),
        bool_flag("stdin", Some('i')),
        bool_flag("tty", Some('t')),
        bool_flag("show-labels", None),
    ];

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn long_short_inline_grouped_and_dashdash() {
        let p = parse(&argv("nodes -n kube-system --output=wide -it --show-labels x -- sh -c"), FLAGS).unwrap();
        assert_eq!(p.args, ["nodes", "x"]);
        assert_eq!(p.get("namespace"), Some("kube-system"));
        assert_eq!(p.get("output"), Some("wide"));
        assert!(p.bool("stdin") && p.bool("tty") && p.bool("show-labels") && !p.bool("all-namespaces"));
        assert_eq!(p.after_dashdash, Some(argv("sh -c")));
        let p = parse(&argv("-nfoo -o=yaml --show-labels=false"), FLAGS).unwrap();
        assert_eq!((p.get("namespace"), p.get("output"), p.bool("show-labels")), (Some("foo"), Some("yaml"), false));
    }

    #[test]
    fn pflag_error_texts() {
        assert_eq!(parse(&argv("-a"), FLAGS).unwrap_err(), "unknown shorthand flag: 'a' in -a");
        assert_eq!(parse(&argv("-Aa"), FLAGS).unwrap_err(), "unknown shorthand flag: 'a' in -Aa");
        assert_eq!(parse(&argv("--foo=1"), FLAGS).unwrap_err(), "unknown flag: --foo");
        assert_eq!(parse(&argv("--namespace"), FLAGS).unwrap_err(), "flag needs an argument: --namespace");
        assert_eq!(parse(&argv("-n"), FLAGS).unwrap_err(), "flag needs an argument: 'n' in -n");
        assert_eq!(
            parse(&argv("--show-labels=maybe"), FLAGS).unwrap_err(),
            "invalid argument \"maybe\" for \"--show-labels\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
    }
}
