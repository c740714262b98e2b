//! Splits a command line into words the way a POSIX shell does for the simple cases learners
//! type: whitespace, `'single'` and `"double"` quotes, backslash escapes, and `|` pipes.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    Word(String),
    Pipe,
}

/// Tokenises one command line. Errors read like bash's.
pub fn tokenize(line: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => word.push(ch),
                        None => return Err("unexpected EOF while looking for matching `''".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => word.push(ch),
                            Some('\n') => {}
                            Some(ch) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err("unexpected EOF while looking for matching `\"'".into()),
                        },
                        Some(ch) => word.push(ch),
                        None => return Err("unexpected EOF while looking for matching `\"'".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') | None => {}
                    Some(ch) => word.push(ch),
                }
            }
            '|' => {
                if in_word {
                    out.push(Token::Word(std::mem::take(&mut word)));
                    in_word = false;
                }
                out.push(Token::Pipe);
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push(Token::Word(std::mem::take(&mut word)));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        out.push(Token::Word(word));
    }
    Ok(out)
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
        assert_eq!(tokenize("echo 'oops").unwrap_err(), "unexpected EOF while looking for matching `''");
    }
}
