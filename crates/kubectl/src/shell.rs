//! Splits command lines the way a POSIX shell (bash) does for what learners type: words with
//! `'single'` and `"double"` quotes and backslash escapes, pipelines (`|`), lists (`&&`, `||`,
//! `;`, newlines), redirections (`2>&1`, `>/dev/null`, `<<<`), heredocs (`<<EOF`) and comments.
//! Aliases are expanded while parsing, as bash does: the first word of each simple command.
//! There are no variables, globs or command substitutions: `$`, `*`, `(` are plain characters.

use std::collections::BTreeMap;

/// A word or a pipe: what [`tokenize`] returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Word(String),
    Pipe,
}

/// Tokenises a command line into words and pipes (other operators, such as `;` and `&&`, come
/// back as words of their own). Errors read like bash's. [`parse_line`] is the full parser.
pub fn tokenize(line: &str) -> Result<Vec<Token>, String> {
    let (lexemes, _) = lex(line, false)?;
    Ok(lexemes
        .into_iter()
        .map(|l| match l {
            Lexeme::Word { text, .. } => Token::Word(text),
            Lexeme::Pipe => Token::Pipe,
            other => Token::Word(other.text()),
        })
        .collect())
}

/// A lexical element of a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lexeme {
    /// A word after quote removal; `quoted` if any part of it was quoted or escaped (such a
    /// word is never an alias).
    Word { text: String, quoted: bool },
    /// `|`
    Pipe,
    /// `&&`
    AndIf,
    /// `||`
    OrIf,
    /// `;` (or a newline inside an alias)
    Semi,
    /// `&`
    Amp,
    /// `;;` (only meaningful in a `case`, which kubeplay does not have: a syntax error)
    DoubleSemi,
    /// A redirection operator (`>`, `>>`, `>&`, `>|`, `<`, `<&`, `<>`, `&>`, `&>>`, `<<<`) with
    /// its file descriptor (`2>`). Its target is the next word.
    Redirect { fd: Option<u32>, op: String },
    /// `<<WORD` or `<<-WORD` (strip leading tabs): the body follows the line.
    Heredoc { delimiter: String, strip_tabs: bool },
}

impl Lexeme {
    /// The lexeme as written (for syntax errors).
    pub fn text(&self) -> String {
        match self {
            Lexeme::Word { text, .. } => text.clone(),
            Lexeme::Pipe => "|".into(),
            Lexeme::AndIf => "&&".into(),
            Lexeme::OrIf => "||".into(),
            Lexeme::Semi => ";".into(),
            Lexeme::Amp => "&".into(),
            Lexeme::DoubleSemi => ";;".into(),
            Lexeme::Redirect { fd, op } => format!("{}{op}", fd.map(|f| f.to_string()).unwrap_or_default()),
            Lexeme::Heredoc { strip_tabs, .. } => if *strip_tabs { "<<-" } else { "<<" }.into(),
        }
    }

    fn ends_command(&self) -> bool {
        matches!(self, Lexeme::Pipe | Lexeme::AndIf | Lexeme::OrIf | Lexeme::Semi | Lexeme::Amp | Lexeme::DoubleSemi)
    }
}

/// Characters that end an unquoted word.
fn is_meta(c: char) -> bool {
    matches!(c, '|' | '&' | ';' | '<' | '>') || c.is_whitespace()
}

/// Lexes `input` up to the first unquoted newline (which is consumed) when `one_line`, or all
/// of it (newlines become [`Lexeme::Semi`]). Returns the lexemes and the bytes consumed.
pub fn lex(input: &str, one_line: bool) -> Result<(Vec<Lexeme>, usize), String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    let mut it = input.char_indices().peekable();
    let mut consumed = input.len();
    fn finish(out: &mut Vec<Lexeme>, word: &mut String, in_word: &mut bool, quoted: &mut bool) {
        if *in_word {
            out.push(Lexeme::Word { text: std::mem::take(word), quoted: *quoted });
        }
        *in_word = false;
        *quoted = false;
    }
    while let Some((i, c)) = it.next() {
        match c {
            '\n' => {
                finish(&mut out, &mut word, &mut in_word, &mut quoted);
                if one_line {
                    consumed = i + 1;
                    break;
                }
                if out.last().is_some_and(|l| !l.ends_command()) {
                    out.push(Lexeme::Semi);
                }
            }
            '\'' => {
                in_word = true;
                quoted = true;
                loop {
                    match it.next() {
                        Some((_, '\'')) => break,
                        Some((_, ch)) => word.push(ch),
                        None => return Err("unexpected EOF while looking for matching `''".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                quoted = true;
                loop {
                    match it.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match it.next() {
                            Some((_, ch @ ('"' | '\\' | '$' | '`'))) => word.push(ch),
                            Some((_, '\n')) => {}
                            Some((_, ch)) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err("unexpected EOF while looking for matching `\"'".into()),
                        },
                        Some((_, ch)) => word.push(ch),
                        None => return Err("unexpected EOF while looking for matching `\"'".into()),
                    }
                }
            }
            '\\' => match it.next() {
                // A line continuation joins the lines; it does not start a word.
                Some((_, '\n')) | None => {}
                Some((_, ch)) => {
                    in_word = true;
                    quoted = true;
                    word.push(ch);
                }
            },
            '|' => {
                finish(&mut out, &mut word, &mut in_word, &mut quoted);
                if it.next_if(|&(_, n)| n == '|').is_some() {
                    out.push(Lexeme::OrIf);
                } else {
                    out.push(Lexeme::Pipe);
                }
            }
            ';' => {
                finish(&mut out, &mut word, &mut in_word, &mut quoted);
                if it.next_if(|&(_, n)| n == ';').is_some() {
                    out.push(Lexeme::DoubleSemi);
                } else {
                    out.push(Lexeme::Semi);
                }
            }
            '&' => {
                finish(&mut out, &mut word, &mut in_word, &mut quoted);
                if it.next_if(|&(_, n)| n == '&').is_some() {
                    out.push(Lexeme::AndIf);
                } else if it.next_if(|&(_, n)| n == '>').is_some() {
                    let op = if it.next_if(|&(_, n)| n == '>').is_some() { "&>>" } else { "&>" };
                    out.push(Lexeme::Redirect { fd: None, op: op.into() });
                } else {
                    out.push(Lexeme::Amp);
                }
            }
            '<' | '>' => {
                // `2>`: a word of digits right before the operator is its file descriptor.
                let fd = if in_word && !quoted && !word.is_empty() && word.len() <= 9 && word.bytes().all(|b| b.is_ascii_digit()) {
                    let fd = word.parse::<u32>().ok();
                    word.clear();
                    in_word = false;
                    fd
                } else {
                    finish(&mut out, &mut word, &mut in_word, &mut quoted);
                    None
                };
                let mut op = c.to_string();
                if c == '>' {
                    if let Some((_, n)) = it.next_if(|&(_, n)| matches!(n, '>' | '&' | '|')) {
                        op.push(n);
                    }
                } else if it.next_if(|&(_, n)| n == '<').is_some() {
                    if it.next_if(|&(_, n)| n == '<').is_some() {
                        op = "<<<".into();
                    } else {
                        let strip_tabs = it.next_if(|&(_, n)| n == '-').is_some();
                        while it.next_if(|&(_, n)| n == ' ' || n == '\t').is_some() {}
                        let mut delimiter = String::new();
                        let mut any = false;
                        while let Some(&(_, n)) = it.peek() {
                            if is_meta(n) {
                                break;
                            }
                            it.next();
                            any = true;
                            match n {
                                '\'' | '"' => {
                                    for (_, ch) in it.by_ref() {
                                        if ch == n {
                                            break;
                                        }
                                        delimiter.push(ch);
                                    }
                                }
                                '\\' => {
                                    if let Some((_, ch)) = it.next() {
                                        delimiter.push(ch);
                                    }
                                }
                                ch => delimiter.push(ch),
                            }
                        }
                        if !any {
                            let next = match it.peek() {
                                None | Some((_, '\n')) => "newline".to_string(),
                                Some(&(_, n)) => n.to_string(),
                            };
                            return Err(format!("syntax error near unexpected token `{next}'"));
                        }
                        out.push(Lexeme::Heredoc { delimiter, strip_tabs });
                        continue;
                    }
                } else if let Some((_, n)) = it.next_if(|&(_, n)| matches!(n, '&' | '>')) {
                    op.push(n);
                }
                out.push(Lexeme::Redirect { fd, op });
            }
            c if c.is_whitespace() => finish(&mut out, &mut word, &mut in_word, &mut quoted),
            '#' if !in_word => {
                // A comment runs to the end of the line.
                while it.next_if(|&(_, n)| n != '\n').is_some() {}
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    finish(&mut out, &mut word, &mut in_word, &mut quoted);
    Ok((out, consumed))
}

/// A redirection of a stage: `fd` (default 0 for `<`, 1 for `>`), the operator, the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub fd: Option<u32>,
    pub op: String,
    pub target: String,
}

/// One simple command of a pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stage {
    pub words: Vec<String>,
    /// Output redirections and `<` in the order written (heredocs and `<<<` are in `stdin`).
    pub redirects: Vec<Redirect>,
    /// The text of a heredoc or here-string, if the stage reads one.
    pub stdin: Option<String>,
}

impl Stage {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.redirects.is_empty() && self.stdin.is_none()
    }
}

/// Stages connected by pipes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pipeline {
    pub stages: Vec<Stage>,
}

/// How a pipeline joins the list: it always runs (first, or after `;` / a newline), or only
/// if the previous one succeeded (`&&`) or failed (`||`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    Seq,
    And,
    Or,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// bash's text (`syntax error near unexpected token `|'`).
    Syntax(String),
    /// What kubeplay does not model (the `X` of "kubeplay does not support X yet").
    Unsupported(String),
}

/// At most this many alias expansions in one line (aliases can't loop, but can multiply).
const MAX_EXPANSIONS: usize = 200;

/// Expands aliases in the command positions of `v`, as bash does: an unquoted first word of a
/// simple command that names an alias is replaced by the alias's value, lexed anew; the
/// first word of the result is checked again, but an alias is not expanded inside its own
/// expansion; if the value ends in a blank, the word after it is checked too.
fn expand_aliases(mut v: Vec<Lexeme>, aliases: &BTreeMap<String, String>) -> Result<Vec<Lexeme>, ParseError> {
    if aliases.is_empty() {
        return Ok(v);
    }
    let mut i = 0;
    let mut command_start = true;
    // Expansions in progress: (end index, alias name).
    let mut active: Vec<(usize, String)> = Vec::new();
    let mut check_at: Option<usize> = None;
    let mut expansions = 0;
    while i < v.len() {
        active.retain(|(end, _)| *end > i);
        let candidate = command_start || check_at == Some(i);
        match &v[i] {
            Lexeme::Word { text, quoted: false } if candidate => {
                let value = aliases.get(text).filter(|_| expansions < MAX_EXPANSIONS && !active.iter().any(|(_, n)| n == text));
                let Some(value) = value else {
                    command_start = false;
                    i += 1;
                    continue;
                };
                expansions += 1;
                let name = text.clone();
                let (lexemes, _) = lex(value, false).map_err(ParseError::Syntax)?;
                let n = lexemes.len();
                v.splice(i..i + 1, lexemes);
                for a in active.iter_mut() {
                    a.0 = a.0 + n - 1;
                }
                check_at = check_at.filter(|&c| c > i).map(|c| c + n - 1);
                active.push((i + n, name));
                if value.ends_with([' ', '\t']) {
                    check_at = Some(i + n);
                }
                // The first word of the expansion is in command position again.
            }
            Lexeme::Word { .. } => {
                command_start = false;
                i += 1;
            }
            Lexeme::Redirect { .. } => {
                // Its target is not a command word.
                i += if matches!(v.get(i + 1), Some(Lexeme::Word { .. })) { 2 } else { 1 };
            }
            Lexeme::Heredoc { .. } => i += 1,
            _ => {
                command_start = true;
                i += 1;
            }
        }
    }
    Ok(v)
}

/// A parsed line: pipelines with their connectors.
pub type List = Vec<(Connector, Pipeline)>;

/// Parses the first line of `input` (to its first unquoted newline) and the bodies of its
/// heredocs, which follow it. Returns the list and how many bytes of `input` it used (always
/// at least one, unless `input` is empty), so a caller can run a script line by line.
pub fn parse_line(input: &str, aliases: &BTreeMap<String, String>) -> (Result<List, ParseError>, usize) {
    let (lexemes, mut used) = match lex(input, true) {
        Ok(r) => r,
        Err(e) => return (Err(ParseError::Syntax(e)), input.len()),
    };
    let lexemes = match expand_aliases(lexemes, aliases) {
        Ok(l) => l,
        Err(e) => return (Err(e), used),
    };
    let syntax = |tok: &str| ParseError::Syntax(format!("syntax error near unexpected token `{tok}'"));
    let mut list: List = Vec::new();
    let mut pipeline = Pipeline::default();
    let mut stage = Stage::default();
    let mut connector = Connector::Seq;
    // (pipeline index in list or usize::MAX for the current one, stage index) per heredoc.
    let mut heredocs: Vec<(usize, usize, String, bool)> = Vec::new();
    let mut it = lexemes.into_iter().peekable();
    while let Some(l) = it.next() {
        match l {
            Lexeme::Word { text, .. } => stage.words.push(text),
            Lexeme::Redirect { fd, op } => {
                let target = match it.next() {
                    Some(Lexeme::Word { text, .. }) => text,
                    Some(other) => return (Err(syntax(&other.text())), used),
                    None => return (Err(syntax("newline")), used),
                };
                if op == "<<<" {
                    stage.stdin = Some(format!("{target}\n"));
                } else {
                    stage.redirects.push(Redirect { fd, op, target });
                }
            }
            Lexeme::Heredoc { delimiter, strip_tabs } => {
                // Placeholder: the body is read after the line.
                stage.stdin = Some(String::new());
                heredocs.push((list.len(), pipeline.stages.len(), delimiter, strip_tabs));
            }
            Lexeme::Pipe => {
                if stage.is_empty() {
                    return (Err(syntax("|")), used);
                }
                pipeline.stages.push(std::mem::take(&mut stage));
            }
            Lexeme::DoubleSemi => return (Err(syntax(";;")), used),
            Lexeme::Amp => {
                if stage.is_empty() {
                    return (Err(syntax("&")), used);
                }
                return (Err(ParseError::Unsupported("running commands in the background (`&`)".into())), used);
            }
            op @ (Lexeme::AndIf | Lexeme::OrIf | Lexeme::Semi) => {
                if stage.is_empty() {
                    return (Err(syntax(&op.text())), used);
                }
                pipeline.stages.push(std::mem::take(&mut stage));
                list.push((connector, std::mem::take(&mut pipeline)));
                connector = match op {
                    Lexeme::AndIf => Connector::And,
                    Lexeme::OrIf => Connector::Or,
                    _ => Connector::Seq,
                };
            }
        }
    }
    if stage.is_empty() {
        if !pipeline.stages.is_empty() {
            return (Err(syntax("|")), used);
        }
        match connector {
            Connector::And if !list.is_empty() => return (Err(syntax("&&")), used),
            Connector::Or if !list.is_empty() => return (Err(syntax("||")), used),
            _ => {}
        }
    } else {
        pipeline.stages.push(stage);
        list.push((connector, pipeline));
    }
    // The heredoc bodies, in order, from the lines after this one.
    for (p, s, delimiter, strip_tabs) in heredocs {
        let mut body = String::new();
        let rest = &input[used..];
        let mut taken = 0;
        for piece in rest.split_inclusive('\n') {
            taken += piece.len();
            let line = piece.strip_suffix('\n').unwrap_or(piece);
            let line = if strip_tabs { line.trim_start_matches('\t') } else { line };
            if line == delimiter {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        used += taken;
        if let Some(stage) = list.get_mut(p).and_then(|(_, pl)| pl.stages.get_mut(s)) {
            stage.stdin = Some(body);
        }
    }
    (Ok(list), used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        tokenize(line)
            .unwrap()
            .into_iter()
            .map(|t| match t {
                Token::Word(w) => w,
                Token::Pipe => "|".into(),
            })
            .collect()
    }

    #[test]
    fn quotes_escapes_pipes_and_comments() {
        assert_eq!(words("kubectl  get nodes"), ["kubectl", "get", "nodes"]);
        assert_eq!(words(r#"echo 'a b' "c \"d\"" e\ f"#), ["echo", "a b", "c \"d\"", "e f"]);
        assert_eq!(words("k get po|grep x"), ["k", "get", "po", "|", "grep", "x"]);
        assert_eq!(words("k get po # all of them"), ["k", "get", "po"]);
        assert_eq!(words("echo a#b ''"), ["echo", "a#b", ""]);
        assert_eq!(words("echo 'a|b' \"c && d\" e\\;f"), ["echo", "a|b", "c && d", "e;f"]);
        assert_eq!(words("a&&b;c"), ["a", "&&", "b", ";", "c"]);
        assert_eq!(words("k get \\\n  nodes"), ["k", "get", "nodes"]);
        assert_eq!(tokenize("echo 'oops").unwrap_err(), "unexpected EOF while looking for matching `''");
    }

    fn no_aliases() -> BTreeMap<String, String> {
        BTreeMap::new()
    }

    fn stage(words: &[&str]) -> Stage {
        Stage { words: words.iter().map(|w| w.to_string()).collect(), ..Stage::default() }
    }

    fn parse(line: &str) -> Result<List, ParseError> {
        parse_line(line, &no_aliases()).0
    }

    fn err(line: &str) -> String {
        match parse(line) {
            Err(ParseError::Syntax(e)) => e,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn pipelines_and_lists() {
        assert_eq!(
            parse("k get po | grep web | wc -l").unwrap(),
            vec![(Connector::Seq, Pipeline { stages: vec![stage(&["k", "get", "po"]), stage(&["grep", "web"]), stage(&["wc", "-l"])] })]
        );
        let l = parse("a && b || c ; d;").unwrap();
        let conns: Vec<Connector> = l.iter().map(|(c, _)| *c).collect();
        assert_eq!(conns, [Connector::Seq, Connector::And, Connector::Or, Connector::Seq]);
        assert_eq!(l[3].1.stages, [stage(&["d"])]);
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(parse("   # just a comment").unwrap(), vec![]);
    }

    #[test]
    fn syntax_errors_read_like_bash() {
        assert_eq!(err("| grep x"), "syntax error near unexpected token `|'");
        assert_eq!(err("kubectl get pods |"), "syntax error near unexpected token `|'");
        assert_eq!(err("a | | b"), "syntax error near unexpected token `|'");
        assert_eq!(err("&& b"), "syntax error near unexpected token `&&'");
        assert_eq!(err("a &&"), "syntax error near unexpected token `&&'");
        assert_eq!(err("a ||"), "syntax error near unexpected token `||'");
        assert_eq!(err("; a"), "syntax error near unexpected token `;'");
        assert_eq!(err("a ;; b"), "syntax error near unexpected token `;;'");
        assert_eq!(err("a >"), "syntax error near unexpected token `newline'");
        assert_eq!(err("a > | b"), "syntax error near unexpected token `|'");
        assert_eq!(err("cat <<"), "syntax error near unexpected token `newline'");
        assert_eq!(err("echo \"x"), "unexpected EOF while looking for matching `\"'");
        assert_eq!(parse("sleep 1 &"), Err(ParseError::Unsupported("running commands in the background (`&`)".into())));
    }

    #[test]
    fn redirections_and_heredocs() {
        let l = parse("k get po 2>&1 >/dev/null | grep x").unwrap();
        assert_eq!(
            l[0].1.stages[0].redirects,
            [
                Redirect { fd: Some(2), op: ">&".into(), target: "1".into() },
                Redirect { fd: None, op: ">".into(), target: "/dev/null".into() }
            ]
        );
        assert_eq!(l[0].1.stages[0].words, ["k", "get", "po"]);
        let l = parse("base64 -d <<< YWRtaW4=").unwrap();
        assert_eq!(l[0].1.stages[0].stdin.as_deref(), Some("YWRtaW4=\n"));
        let script = "kubectl apply -f - <<EOF | grep created\nkind: Pod\n  EOF\nEOF\nnext line";
        let (l, used) = parse_line(script, &no_aliases());
        let l = l.unwrap();
        assert_eq!(l[0].1.stages[0].words, ["kubectl", "apply", "-f", "-"]);
        assert_eq!(l[0].1.stages[0].stdin.as_deref(), Some("kind: Pod\n  EOF\n"));
        assert_eq!(l[0].1.stages[1].words, ["grep", "created"]);
        assert_eq!(&script[used..], "next line");
        let (l, _) = parse_line("cat <<-'END' | kubectl apply -f -\n\tx: 1\n\tEND", &no_aliases());
        let l = l.unwrap();
        assert_eq!(l[0].1.stages[0].stdin.as_deref(), Some("x: 1\n"));
        assert_eq!(l[0].1.stages[1].stdin, None);
        // `echo "<<EOF"` is no heredoc; `a<<X` is one.
        assert_eq!(parse("echo '<<EOF'").unwrap()[0].1.stages[0].words, ["echo", "<<EOF"]);
        assert_eq!(parse("cat<<X\nbody\nX").unwrap()[0].1.stages[0].stdin.as_deref(), Some("body\n"));
    }

    #[test]
    fn aliases_expand_the_first_word_of_each_command() {
        let mut a = BTreeMap::new();
        a.insert("kgp".to_string(), "kubectl get pods".to_string());
        a.insert("ll".to_string(), "ls -l".to_string());
        a.insert("ls".to_string(), "ls -F".to_string());
        a.insert("loop1".to_string(), "loop2 x".to_string());
        a.insert("loop2".to_string(), "loop1 y".to_string());
        a.insert("kgpw".to_string(), "kubectl get pods | grep web".to_string());
        a.insert("sudo".to_string(), "sudo ".to_string());
        let words = |line: &str| -> Vec<Vec<String>> {
            parse_line(line, &a).0.unwrap().into_iter().flat_map(|(_, p)| p.stages.into_iter().map(|s| s.words)).collect()
        };
        assert_eq!(words("kgp -o wide"), [["kubectl", "get", "pods", "-o", "wide"]]);
        assert_eq!(words("echo kgp | kgp"), vec![vec!["echo", "kgp"], vec!["kubectl", "get", "pods"]]);
        assert_eq!(words("kgp && kgp"), vec![vec!["kubectl", "get", "pods"], vec!["kubectl", "get", "pods"]]);
        assert_eq!(words("ll x"), [["ls", "-F", "-l", "x"]]);
        assert_eq!(words("loop1"), [["loop1", "y", "x"]]);
        assert_eq!(words("'kgp'"), [["kgp"]]);
        assert_eq!(words("\\kgp"), [["kgp"]]);
        assert_eq!(words("kgpw -A"), vec![vec!["kubectl", "get", "pods"], vec!["grep", "web", "-A"]]);
        assert_eq!(words("sudo kgp"), [["sudo", "kubectl", "get", "pods"]]);
        assert_eq!(words("x kgp"), [["x", "kgp"]]);
    }
}
