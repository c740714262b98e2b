//! The transcript format and its matcher.
//!
//! A transcript file is what `kubeplay` prints for a script: lines starting with `$ ` are
//! commands, the lines up to the next command are their exact output. A command's heredoc body
//! follows its `$ ` line as lines starting with `> ` (a shell's continuation prompt); they are
//! part of the command, not of the output. Lines starting with `#` before the first command are
//! a header; `# seed: N` in it sets the simulation seed.
//! An expected line may hold `{{REGEX}}` parts for output that is random by nature (pod name
//! suffixes, IPs); everything outside `{{…}}` must match byte for byte.

use cluster::ClusterConfig;
use kubectl::{transcript, Session};

/// A parsed transcript file. Its expected text keeps the `> ` lines, and [`run`] prints them
/// back, so a failing test's "whole actual transcript" can be pasted into the file as it is.
pub struct Transcript {
    pub seed: Option<u64>,
    /// The commands, in order.
    pub commands: Vec<String>,
    /// The expected transcript (everything after the header).
    pub expected: String,
}

pub fn parse(text: &str) -> Transcript {
    let mut seed = None;
    let mut body_start = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("$ ") {
            break;
        }
        if let Some(v) = line.trim().strip_prefix("# seed:") {
            seed = v.trim().parse().ok();
        }
        body_start += line.len();
    }
    let mut commands: Vec<String> = Vec::new();
    let mut expected = String::new();
    let mut continuing = false;
    for line in text[body_start..].split_inclusive('\n') {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if let Some(cmd) = bare.strip_prefix("$ ") {
            commands.push(cmd.to_string());
            continuing = true;
            expected.push_str(line);
        } else if let (true, Some(body)) = (continuing, bare.strip_prefix("> ").or((bare == ">").then_some(""))) {
            let last = commands.last_mut().expect("a continuation follows a command");
            last.push('\n');
            last.push_str(body);
            expected.push_str(line);
        } else {
            continuing = false;
            expected.push_str(line);
        }
    }
    Transcript { seed, commands, expected }
}

/// Runs the transcript's commands in a fresh session and returns what kubeplay prints.
pub fn run(t: &Transcript) -> String {
    let mut config = ClusterConfig::default();
    if let Some(seed) = t.seed {
        config.seed = seed;
    }
    let mut session = Session::new(config);
    t.commands
        .iter()
        .map(|c| {
            // The command's heredoc body, as the `> ` lines that follow its `$ ` line.
            let body: String = c.lines().skip(1).map(|l| if l.is_empty() { ">\n".to_string() } else { format!("> {l}\n") }).collect();
            let t = transcript::run_command(&mut session, c);
            let (first, rest) = t.split_once('\n').unwrap_or((&t, ""));
            format!("{first}\n{body}{rest}")
        })
        .collect()
}

/// Compares actual output with the expected transcript line by line. Returns a readable diff
/// of the first mismatch, or `None` when they match.
pub fn mismatch(expected: &str, actual: &str) -> Option<String> {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        let ok = match (el, al) {
            (Some(el), Some(al)) => line_matches(el, al),
            _ => false,
        };
        if !ok {
            let from = i.saturating_sub(3);
            let ctx: String = a[from.min(a.len())..i.min(a.len())].iter().map(|l| format!("   {l}\n")).collect();
            return Some(format!(
                "first difference at line {}:\n{ctx}-  {}\n+  {}\n\n--- whole actual transcript ---\n{actual}",
                i + 1,
                el.unwrap_or("<end of expected>"),
                al.unwrap_or("<end of actual>"),
            ));
        }
    }
    None
}

/// Matches one line, treating `{{…}}` parts of the expected line as regular expressions
/// (a small subset: literals, `.`, `[…]` classes, `\d`, `\w`, and the `*`, `+`, `?` quantifiers).
pub fn line_matches(expected: &str, actual: &str) -> bool {
    let mut pattern = String::new();
    let mut rest = expected;
    while let Some(start) = rest.find("{{") {
        pattern.push_str(&escape(&rest[..start]));
        match rest[start + 2..].find("}}") {
            Some(end) => {
                pattern.push_str(&rest[start + 2..start + 2 + end]);
                rest = &rest[start + 2 + end + 2..];
            }
            None => {
                pattern.push_str(&escape(&rest[start..]));
                rest = "";
            }
        }
    }
    pattern.push_str(&escape(rest));
    mini_regex::full_match(&pattern, actual)
}

fn escape(s: &str) -> String {
    s.chars().flat_map(|c| if "\\.[]*+?(){}|^$".contains(c) { vec!['\\', c] } else { vec![c] }).collect()
}

mod mini_regex {
    //! A backtracking matcher for the few constructs transcripts need; no dependency.

    #[derive(Debug)]
    enum Atom {
        Char(char),
        Any,
        Class(Vec<(char, char)>, bool),
    }

    #[derive(Debug)]
    struct Piece {
        atom: Atom,
        min: usize,
        max: usize,
    }

    fn compile(p: &str) -> Vec<Piece> {
        let cs: Vec<char> = p.chars().collect();
        let mut i = 0;
        let mut out = Vec::new();
        while i < cs.len() {
            let atom = match cs[i] {
                '.' => {
                    i += 1;
                    Atom::Any
                }
                '\\' if i + 1 < cs.len() => {
                    i += 2;
                    match cs[i - 1] {
                        'd' => Atom::Class(vec![('0', '9')], false),
                        'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                        c => Atom::Char(c),
                    }
                }
                '[' => {
                    i += 1;
                    let neg = cs.get(i) == Some(&'^');
                    if neg {
                        i += 1;
                    }
                    let mut ranges = Vec::new();
                    while i < cs.len() && cs[i] != ']' {
                        let lo = cs[i];
                        if i + 2 < cs.len() && cs[i + 1] == '-' && cs[i + 2] != ']' {
                            ranges.push((lo, cs[i + 2]));
                            i += 3;
                        } else {
                            ranges.push((lo, lo));
                            i += 1;
                        }
                    }
                    i += 1;
                    Atom::Class(ranges, neg)
                }
                c => {
                    i += 1;
                    Atom::Char(c)
                }
            };
            let (min, max) = match cs.get(i) {
                Some('*') => (0, usize::MAX),
                Some('+') => (1, usize::MAX),
                Some('?') => (0, 1),
                _ => (1, 1),
            };
            if max != 1 || min != 1 {
                i += 1;
            }
            out.push(Piece { atom, min, max });
        }
        out
    }

    fn atom_matches(a: &Atom, c: char) -> bool {
        match a {
            Atom::Char(x) => *x == c,
            Atom::Any => true,
            Atom::Class(r, neg) => r.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *neg,
        }
    }

    fn go(ps: &[Piece], s: &[char]) -> bool {
        let Some((p, rest)) = ps.split_first() else {
            return s.is_empty();
        };
        let mut n = 0;
        while n < p.max && n < s.len() && atom_matches(&p.atom, s[n]) {
            n += 1;
        }
        (p.min..=n).rev().any(|k| go(rest, &s[k..]))
    }

    pub fn full_match(pattern: &str, s: &str) -> bool {
        let s: Vec<char> = s.chars().collect();
        go(&compile(pattern), &s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_only_what_they_say() {
        assert!(line_matches("web-{{[a-z0-9]+}}   1/1", "web-x2k9p   1/1"));
        assert!(!line_matches("web-{{[a-z0-9]+}}   1/1", "web-X2K9P   1/1"));
        assert!(line_matches("ip {{\\d+\\.\\d+\\.\\d+\\.\\d+}}", "ip 10.244.1.5"));
        assert!(!line_matches("ip {{\\d+}}", "ip 10.2"));
        assert!(line_matches("a.b (x) {{.*}}", "a.b (x) anything"));
        assert!(!line_matches("a.b", "axb"), "a dot outside {{}} is literal");
    }

    #[test]
    fn mismatch_reports_the_first_differing_line() {
        assert_eq!(mismatch("$ x\na\n", "$ x\na\n"), None);
        let d = mismatch("$ x\na\n", "$ x\nb\n").unwrap();
        assert!(d.contains("line 2") && d.contains("-  a") && d.contains("+  b"), "{d}");
        assert!(mismatch("$ x\na\n", "$ x\na\nextra\n").is_some());
    }

    #[test]
    fn header_sets_the_seed_and_heredoc_bodies_stay_in_the_expectation() {
        let t = parse("# what this shows\n# seed: 7\n\n$ kubectl version --client\nClient Version: v1.31.0\n");
        assert_eq!(t.seed, Some(7));
        assert_eq!(t.commands, ["kubectl version --client"]);
        assert!(t.expected.starts_with("$ kubectl version"));
        let t = parse("$ kubectl apply -f - <<EOF\n> kind: Pod\n>\n> EOF\npod/x created\n");
        assert_eq!(t.commands, ["kubectl apply -f - <<EOF\nkind: Pod\n\nEOF"]);
        assert_eq!(t.expected, "$ kubectl apply -f - <<EOF\n> kind: Pod\n>\n> EOF\npod/x created\n");
    }
}
