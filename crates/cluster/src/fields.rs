//! Field selectors (`kubectl get pods --field-selector status.phase=Running,spec.nodeName=node-1`):
//! the parser of apimachinery `fields.ParseSelector` and, per kind, the field labels the API
//! server's conversion functions accept (`pkg/apis/*/v1/conversion.go`
//! `AddFieldLabelConversionsFor…`, and `runtime.DefaultMetaV1FieldSelectorConversion` for every
//! other kind: `metadata.name`, `metadata.namespace`).

use crate::object::{Kind, Object};

/// One `field=value` / `field==value` / `field!=value` term.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    field: String,
    equals: bool,
    value: String,
}

/// A parsed field selector. The empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    terms: Vec<Term>,
}

impl FieldSelector {
    /// `fields.ParseSelector`: comma-separated terms; `\,` `\=` `\!` `\\` escape.
    /// Error: `invalid selector: 'SEL'; can't understand 'TERM'`.
    pub fn parse(selector: &str) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in split_unescaped(selector, ',') {
            if part.is_empty() {
                continue;
            }
            let term = ["!=", "==", "="].iter().find_map(|op| {
                find_unescaped(&part, op).map(|i| Term {
                    field: unescape(&part[..i]),
                    equals: *op != "!=",
                    value: unescape(&part[i + op.len()..]),
                })
            });
            match term {
                Some(t) => terms.push(t),
                None => return Err(format!("invalid selector: '{selector}'; can't understand '{part}'")),
            }
        }
        Ok(FieldSelector { terms })
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The API server's check that every field is one the kind can be selected by:
    /// `field label not supported: FIELD`.
    pub fn check(&self, kind: Kind) -> Result<(), String> {
        for t in &self.terms {
            if !supported(kind).contains(&t.field.as_str()) {
                return Err(format!("field label not supported: {}", t.field));
            }
        }
        Ok(())
    }

    /// Whether the object satisfies every term (unsupported fields never match; call
    /// [`FieldSelector::check`] first).
    pub fn matches(&self, obj: &Object) -> bool {
        self.terms.iter().all(|t| match field_value(obj, &t.field) {
            Some(v) => (v == t.value) == t.equals,
            None => false,
        })
    }
}

impl std::fmt::Display for FieldSelector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let terms: Vec<String> =
            self.terms.iter().map(|t| format!("{}{}{}", t.field, if t.equals { "=" } else { "!=" }, t.value)).collect();
        f.write_str(&terms.join(","))
    }
}

const META: &[&str] = &["metadata.name", "metadata.namespace"];

/// The field labels each kind accepts (v1.31).
fn supported(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Pod => &[
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        Kind::Node => &["metadata.name", "metadata.namespace", "spec.unschedulable"],
        Kind::Event => &[
            "metadata.name",
            "metadata.namespace",
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
        ],
        Kind::Namespace => &["metadata.name", "metadata.namespace", "status.phase"],
        Kind::Secret => &["metadata.name", "metadata.namespace", "type"],
        Kind::ReplicationController | Kind::ReplicaSet => &["metadata.name", "metadata.namespace", "status.replicas"],
        Kind::Job => &["metadata.name", "metadata.namespace", "status.successful"],
        _ => META,
    }
}

/// The value a field label selects on, as the server's `…ToSelectableFields` renders it.
fn field_value(obj: &Object, field: &str) -> Option<String> {
    let meta = obj.meta();
    match field {
        "metadata.name" => return Some(meta.name.clone()),
        "metadata.namespace" => return Some(meta.namespace.clone()),
        _ => {}
    }
    Some(match (obj, field) {
        (Object::Pod(p), "spec.nodeName") => p.spec.node_name.clone(),
        (Object::Pod(p), "spec.restartPolicy") => p.spec.restart_policy.clone(),
        (Object::Pod(p), "spec.schedulerName") => p.spec.scheduler_name.clone(),
        (Object::Pod(p), "spec.serviceAccountName") => p.spec.service_account_name.clone(),
        (Object::Pod(p), "spec.hostNetwork") => p.spec.host_network.to_string(),
        (Object::Pod(p), "status.phase") => p.status.phase.clone(),
        (Object::Pod(p), "status.podIP") => p.status.pod_ip.clone(),
        (Object::Pod(p), "status.podIPs") => p.status.pod_ips.first().map(|i| i.ip.clone()).unwrap_or_default(),
        (Object::Pod(p), "status.nominatedNodeName") => p.status.nominated_node_name.clone(),
        (Object::Node(n), "spec.unschedulable") => n.spec.unschedulable.to_string(),
        (Object::Event(e), f) => event_field(e, f)?,
        (Object::Namespace(n), "status.phase") => n.status.phase.clone(),
        (Object::Secret(s), "type") => s.type_.clone(),
        (Object::ReplicationController(r), "status.replicas") => r.status.replicas.to_string(),
        (Object::ReplicaSet(r), "status.replicas") => r.status.replicas.to_string(),
        (Object::Job(j), "status.successful") => j.status.succeeded.to_string(),
        _ => return None,
    })
}

fn event_field(e: &crate::api::Event, field: &str) -> Option<String> {
    let o = &e.involved_object;
    Some(
        match field {
            "involvedObject.kind" => &o.kind,
            "involvedObject.namespace" => &o.namespace,
            "involvedObject.name" => &o.name,
            "involvedObject.uid" => &o.uid,
            "involvedObject.apiVersion" => &o.api_version,
            "involvedObject.resourceVersion" => &o.resource_version,
            "involvedObject.fieldPath" => &o.field_path,
            "reason" => &e.reason,
            "reportingComponent" => &e.reporting_component,
            "source" => &e.source.component,
            "type" => &e.type_,
            _ => return None,
        }
        .clone(),
    )
}

fn split_unescaped(s: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut escaped = false;
    for c in s.chars() {
        if escaped {
            parts.last_mut().unwrap().push(c);
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            parts.last_mut().unwrap().push(c);
        } else if c == sep {
            parts.push(String::new());
        } else {
            parts.last_mut().unwrap().push(c);
        }
    }
    parts
}

/// The byte index of the first unescaped `op` in `s`.
fn find_unescaped(s: &str, op: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if s[i..].starts_with(op) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cluster;

    #[test]
    fn parses_terms_and_rejects_what_it_cannot_understand() {
        let s = FieldSelector::parse("status.phase=Running,spec.nodeName!=node-1,metadata.name==a").unwrap();
        assert_eq!(s.to_string(), "status.phase=Running,spec.nodeName!=node-1,metadata.name=a");
        assert!(FieldSelector::parse("").unwrap().is_empty());
        assert_eq!(FieldSelector::parse("a=b,foo").unwrap_err(), "invalid selector: 'a=b,foo'; can't understand 'foo'");
        assert_eq!(FieldSelector::parse(r"metadata.name=a\,b").unwrap().terms[0].value, "a,b");
    }

    #[test]
    fn only_the_kinds_field_labels_are_supported() {
        let s = FieldSelector::parse("status.phase=Running").unwrap();
        assert_eq!(s.check(Kind::Pod), Ok(()));
        assert_eq!(s.check(Kind::Service).unwrap_err(), "field label not supported: status.phase");
        assert_eq!(FieldSelector::parse("spec.unschedulable=true").unwrap().check(Kind::Node), Ok(()));
    }

    #[test]
    fn selects_nodes_and_namespaces() {
        let c = Cluster::default();
        let sel = FieldSelector::parse("metadata.name!=control-plane,spec.unschedulable=false").unwrap();
        let names: Vec<String> =
            c.list(Kind::Node, None).iter().filter(|o| sel.matches(o)).map(|o| o.meta().name.clone()).collect();
        assert_eq!(names, ["node-1", "node-2", "node-3"]);
        let active = FieldSelector::parse("status.phase=Active").unwrap();
        assert_eq!(c.list(Kind::Namespace, None).iter().filter(|o| active.matches(o)).count(), 4);
    }
}
