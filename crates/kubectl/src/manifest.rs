//! Reading manifests as kubectl does: split a YAML stream into documents on `---` lines
//! (apimachinery's `YAMLReader`), convert each document to JSON on its own (sigs.k8s.io/yaml),
//! skip empty ones. A broken document is an error for that document only; line numbers in
//! messages are relative to the document, as kubectl's are, while [`Document::start_line`] and
//! [`ManifestError::line`] keep absolute positions for the editor.

use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// Inputs larger than this are refused before parsing (the API server's request limit is 3 MiB).
pub const MAX_MANIFEST_BYTES: usize = 3 * 1024 * 1024;

/// One decoded document of a manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 1-based line of the file where the document starts.
    pub start_line: usize,
    pub value: Value,
}

/// A document that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestError {
    /// kubectl's message, without the leading `error: `.
    pub message: String,
    /// 1-based absolute line and column of the problem in the file, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// Splits `text` into (start line, document text) chunks at lines that start with `---`
/// followed by nothing but whitespace or a comment.
pub fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut start_line = 1;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if rest.is_empty() || rest.starts_with('#') {
                chunks.push((start_line, &text[start..offset]));
                start = offset + line.len();
                start_line = i + 2;
            }
        }
        offset += line.len();
    }
    chunks.push((start_line, &text[start..]));
    chunks
}

/// Parses every document of a manifest. `source` names it in messages (a file name, or `STDIN`).
pub fn parse(source: &str, text: &str) -> Vec<Result<Document, ManifestError>> {
    if text.len() > MAX_MANIFEST_BYTES {
        return vec![Err(ManifestError {
            message: format!(
                "error reading {source}: the manifest is {} bytes; kubeplay accepts at most {MAX_MANIFEST_BYTES} bytes (3 MiB, the API server's request limit)",
                text.len()
            ),
            line: None,
            column: None,
        })];
    }
    let mut out = Vec::new();
    for (start_line, chunk) in split_documents(text) {
        match yaml_to_json(chunk) {
            Ok(Value::Null) => {} // an empty document
            Ok(value) => out.push(Ok(Document { start_line, value })),
            Err((msg, pos)) => out.push(Err(ManifestError {
                message: format!("error parsing {source}: error converting YAML to JSON: {msg}"),
                line: pos.map(|(l, _)| start_line + l - 1),
                column: pos.map(|(_, c)| c),
            })),
        }
    }
    out
}

type Position = Option<(usize, usize)>;

/// One YAML document to JSON, with go-yaml's message form (`yaml: line N: problem`).
fn yaml_to_json(doc: &str) -> Result<Value, (String, Position)> {
    let mut docs = serde_yaml::Deserializer::from_str(doc);
    let Some(first) = docs.next() else {
        return Ok(Value::Null);
    };
    let yaml = serde_yaml::Value::deserialize(first).map_err(|e| {
        let pos = e.location().map(|l| (l.line(), l.column()));
        let text = e.to_string();
        // serde_yaml appends " at line L column C[, while …]"; go-yaml puts the line first.
        let problem = text.split(" at line ").next().unwrap_or(&text).to_string();
        let msg = match pos {
            Some((line, _)) => format!("yaml: line {line}: {problem}"),
            None => format!("yaml: {problem}"),
        };
        (msg, pos)
    })?;
    convert(yaml).map_err(|m| (m, None))
}

fn convert(v: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Number(i.into())
            } else if let Some(u) = n.as_u64() {
                Value::Number(u.into())
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                Value::Number(Number::from_f64(f).ok_or_else(|| format!("json: unsupported value: {f}"))?)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(convert).collect::<Result<_, _>>()?),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    Y::Null => "null".to_string(),
                    other => return Err(format!("yaml: invalid map key: {other:?}")),
                };
                out.insert(key, convert(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => convert(t.value)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn splits_on_separator_lines_only() {
        let text = "a: 1\n---\nb: 2\n--- # next\nc: '---'\n---x: no\n";
        let chunks = split_documents(text);
        assert_eq!(chunks, [(1, "a: 1\n"), (3, "b: 2\n"), (5, "c: '---'\n---x: no\n")]);
    }

    #[test]
    fn documents_parse_independently_and_empty_ones_are_skipped() {
        let text = "---\napiVersion: v1\nkind: Pod\n---\n\n---\nbad: [1, 2\n---\nkind: Service\n";
        let docs = parse("app.yaml", text);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap(), &Document { start_line: 2, value: json!({"apiVersion": "v1", "kind": "Pod"}) });
        let err = docs[1].as_ref().unwrap_err();
        assert_eq!(
            err.message,
            "error parsing app.yaml: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"
        );
        assert_eq!((err.line, err.column), (Some(8), Some(1)), "absolute position for the editor");
        assert_eq!(docs[2].as_ref().unwrap().value, json!({"kind": "Service"}));
    }

    #[test]
    fn syntax_errors_read_like_go_yaml() {
        let e = |t: &str| parse("p.yaml", t).remove(0).unwrap_err().message;
        assert_eq!(
            e("metadata:\n  name: x\n  labels: a: b\n"),
            "error parsing p.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context"
        );
        assert_eq!(
            e("a:\n\tb: 1\n"),
            "error parsing p.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token"
        );
    }

    #[test]
    fn keys_become_strings_and_numbers_stay_numbers() {
        let d = parse("-", "1: a\ntrue: b\nn: 3\nf: 0.5\nbig: 18446744073709551615\n").remove(0).unwrap();
        assert_eq!(d.value, json!({"1": "a", "true": "b", "n": 3, "f": 0.5, "big": 18446744073709551615u64}));
    }

    #[test]
    fn hostile_inputs_fail_fast_with_a_message() {
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        assert!(parse("bomb.yaml", bomb)[0].as_ref().unwrap_err().message.ends_with("yaml: repetition limit exceeded"));
        let deep = format!("{}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse("deep.yaml", &deep)[0].as_ref().unwrap_err().message.contains("recursion limit exceeded"));
        let huge = "a".repeat(MAX_MANIFEST_BYTES + 1);
        let e = parse("huge.yaml", &huge);
        assert_eq!(e.len(), 1);
        assert!(e[0].as_ref().unwrap_err().message.contains("at most 3145728 bytes"));
    }
}
