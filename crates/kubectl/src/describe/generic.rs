//! The generic describer, for kinds kubectl has no describer for (here Event and
//! ControllerRevision): name, namespace, labels, annotations, then every other field of the
//! object as served, sorted, with "smart" labels (`involvedObject` → `Involved Object`).
//!
//! Sources (read, not copied): `describe.go` v1.31 — `genericDescriber.Describe`,
//! `printUnstructuredContent`, `smartLabelFor`; `github.com/fatih/camelcase` (`Split`).

use serde_json::{Map, Value};

use cluster::{Cluster, Object};

use super::{annotations_multiline, describe_events, labels_multiline, object_events, wr, PrefixWriter, Settings, L0};

/// Fields of `.metadata` the header already shows (and managed fields, never shown).
const SKIP: &[&str] = &[".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];

pub(super) fn describe(c: &Cluster, obj: &Object, settings: Settings, w: &mut PrefixWriter) {
    let m = obj.meta();
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    if let Value::Object(content) = obj.to_value() {
        print_content(w, L0, &content, "");
    }
    if settings.show_events {
        describe_events(w, c.now(), object_events(c, obj.kind().name(), m));
    }
}

/// `printUnstructuredContent`: maps as a heading and their fields one level deeper, lists as a
/// heading and their items (maps flattened into the level below), values as `Label:\tvalue`.
fn print_content(w: &mut PrefixWriter, level: usize, content: &Map<String, Value>, prefix: &str) {
    let mut fields: Vec<&String> = content.keys().collect();
    fields.sort();
    for field in fields {
        let path = format!("{prefix}.{field}");
        if SKIP.contains(&path.as_str()) {
            continue;
        }
        match &content[field] {
            Value::Object(m) => {
                wr!(w, level, "{}:\n", smart_label(field));
                print_content(w, level + 1, m, &path);
            }
            Value::Array(items) => {
                wr!(w, level, "{}:\n", smart_label(field));
                for item in items {
                    match item {
                        Value::Object(m) => print_content(w, level + 1, m, &path),
                        v => wr!(w, level + 1, "{}\n", go_value(v)),
                    }
                }
            }
            v => wr!(w, level, "{}:\t{}\n", smart_label(field), go_value(v)),
        }
    }
}

/// Go's `%v` of a decoded JSON value.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => format!("[{}]", items.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!("map[{}]", m.iter().map(|(k, v)| format!("{k}:{}", go_value(v))).collect::<Vec<_>>().join(" ")),
    }
}

/// `smartLabelFor`: a camel-case field name as capitalised words, with common acronyms upper
/// case (`apiVersion` → `API Version`); names with characters other than letters and `-` as
/// they are.
pub(super) fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: &[&str] = &["API", "URL", "UID", "OSB", "GUID"];
    camelcase_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ACRONYMS.contains(&upper.as_str()) {
                upper
            } else {
                title(&p)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `strings.Title`: the first letter of every word upper case.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphanumeric() && c != '_' && c != '\'';
    }
    out
}

/// `camelcase.Split`: runs of lower case, upper case, digits and other characters, with the
/// last upper-case letter of a run moved to a following lower-case run (`PDFLoader` → `PDF`,
/// `Loader`).
fn camelcase_split(src: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in src.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i][0].is_uppercase() && runs[i + 1][0].is_lowercase() {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_labels() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("involvedObject"), "Involved Object");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("reportingComponent"), "Reporting Component");
        assert_eq!(smart_label("PDFLoader"), "PDF Loader");
        assert_eq!(smart_label("ca.crt"), "ca.crt");
        assert_eq!(smart_label("some-thing"), "Some - Thing");
    }

    #[test]
    fn go_values() {
        assert_eq!(go_value(&Value::Null), "<nil>");
        assert_eq!(go_value(&serde_json::json!(3)), "3");
        assert_eq!(go_value(&serde_json::json!(["a", 1])), "[a 1]");
    }
}
