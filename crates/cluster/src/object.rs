//! Every kind the cluster stores, as one enum: what generic code (the API server, the garbage
//! collector, kubectl's generic commands) works with. Controllers use the typed tables instead.
//!
//! `define_kinds!` is the single list of kinds: adding a kind there adds its `Kind` variant,
//! its `Object` variant, its typed table in the store, and the conversions.

use serde_json::Value;

use crate::api::*;
use crate::discovery::{self, ResourceType};
use crate::store::Table;

macro_rules! define_kinds {
    ($( $variant:ident => $field:ident ),* $(,)?) => {
        /// A kind of object.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind { $($variant),* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// The kind's name as a manifest spells it (`ReplicaSet`).
            pub fn name(self) -> &'static str {
                match self { $(Kind::$variant => <$variant as crate::api::Object>::KIND),* }
            }

            pub fn api_version(self) -> &'static str {
                match self { $(Kind::$variant => <$variant as crate::api::Object>::API_VERSION),* }
            }
        }

        /// An object of any kind. Variants are stored inline (a Pod is much larger than a
        /// ConfigMap); boxing them would shrink moves and the wasm, a measured trade-off for the
        /// page-size budget.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        pub enum Object { $($variant($variant)),* }

        impl Object {
            pub fn kind(&self) -> Kind {
                match self { $(Object::$variant(_) => Kind::$variant),* }
            }

            pub fn meta(&self) -> &ObjectMeta {
                match self { $(Object::$variant(o) => &o.metadata),* }
            }

            pub fn meta_mut(&mut self) -> &mut ObjectMeta {
                match self { $(Object::$variant(o) => &mut o.metadata),* }
            }

            /// The object as the API serves it: its fields plus `apiVersion` and `kind`.
            pub fn to_value(&self) -> Value {
                let mut v = match self {
                    $(Object::$variant(o) => serde_json::to_value(o),)*
                }
                .unwrap_or(Value::Null);
                if let Value::Object(m) = &mut v {
                    m.insert("apiVersion".into(), Value::String(self.kind().api_version().into()));
                    m.insert("kind".into(), Value::String(self.kind().name().into()));
                }
                v
            }

            /// Decodes a JSON object of the given kind strictly: unknown fields are errors.
            pub fn from_value(kind: Kind, value: Value) -> Result<Object, DecodeError> {
                match kind {
                    $(Kind::$variant => decode::<$variant>(value).map(Object::$variant),)*
                }
            }
        }

        $(
            impl From<$variant> for Object {
                fn from(o: $variant) -> Object { Object::$variant(o) }
            }

            impl TryFrom<Object> for $variant {
                type Error = Object;
                fn try_from(o: Object) -> Result<$variant, Object> {
                    match o { Object::$variant(x) => Ok(x), other => Err(other) }
                }
            }

            impl Typed for $variant {
                const KIND_ENUM: Kind = Kind::$variant;
                fn table(t: &Tables) -> &Table<Self> { &t.$field }
                fn table_mut(t: &mut Tables) -> &mut Table<Self> { &mut t.$field }
            }
        )*

        /// One typed table per kind.
        #[derive(Clone, Debug, Default)]
        pub struct Tables { $(pub $field: Table<$variant>),* }

        impl Tables {
            pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Option<Object> {
                match kind { $(Kind::$variant => self.$field.get(namespace, name).cloned().map(Object::$variant),)* }
            }

            /// Inserts or replaces; returns the previous object under that key.
            pub(crate) fn put(&mut self, obj: Object) -> Option<Object> {
                match obj { $(Object::$variant(o) => self.$field.put(o).map(Object::$variant),)* }
            }

            pub(crate) fn remove(&mut self, kind: Kind, namespace: &str, name: &str) -> Option<Object> {
                match kind { $(Kind::$variant => self.$field.remove(namespace, name).map(Object::$variant),)* }
            }

            /// (namespace, name) of every object of `kind`, in order; within `namespace` if given.
            pub fn keys(&self, kind: Kind, namespace: Option<&str>) -> Vec<(String, String)> {
                match kind { $(Kind::$variant => self.$field.keys(namespace),)* }
            }

            pub fn len(&self, kind: Kind) -> usize {
                match kind { $(Kind::$variant => self.$field.len(),)* }
            }
        }
    };
}

define_kinds! {
    Namespace => namespaces,
    Node => nodes,
    Pod => pods,
    ReplicationController => replicationcontrollers,
    Service => services,
    Endpoints => endpoints,
    Event => events,
    ConfigMap => configmaps,
    Secret => secrets,
    ServiceAccount => serviceaccounts,
    PersistentVolumeClaim => persistentvolumeclaims,
    PersistentVolume => persistentvolumes,
    Deployment => deployments,
    ReplicaSet => replicasets,
    DaemonSet => daemonsets,
    StatefulSet => statefulsets,
    ControllerRevision => controllerrevisions,
    Job => jobs,
    CronJob => cronjobs,
    StorageClass => storageclasses,
}

/// A kind with a typed table in the store.
pub trait Typed: crate::api::Object + Into<Object> + TryFrom<Object> {
    const KIND_ENUM: Kind;
    fn table(t: &Tables) -> &Table<Self>;
    fn table_mut(t: &mut Tables) -> &mut Table<Self>;
}

impl Kind {
    /// Discovery data for the kind (plural, short names, group, scope).
    pub fn resource(self) -> &'static ResourceType {
        discovery::for_kind(self.name()).expect("every kind is in the discovery table")
    }

    pub fn namespaced(self) -> bool {
        self.resource().namespaced
    }

    pub fn from_name(kind: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == kind)
    }
}

/// Why a JSON document could not become a typed object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Fields the type does not have, as dotted paths (`spec.containers[0].imagee`).
    UnknownFields(Vec<String>),
    /// A value of the wrong JSON type: (path, what was found, the Go type expected).
    Type { path: String, found: &'static str, expected: String },
    Other(String),
}

/// At most this many unknown fields are reported for one object.
const MAX_UNKNOWN_FIELDS: usize = 100;

/// Strict decoding: like the API server's `fieldValidation=Strict`, every unknown field is
/// reported (not just the first), by removing each one found and decoding again. Explicit
/// `null`s are dropped first: Go's decoder leaves a field at its zero value for `null`.
///
/// serde reports an unknown field by name only; its path is found by searching the input for
/// that key, in the order serde visits it (sorted keys, list order), skipping occurrences whose
/// removal does not change the error (a valid field of the same name elsewhere).
fn decode<T: serde::de::DeserializeOwned>(mut value: Value) -> Result<T, DecodeError> {
    if let Value::Object(m) = &mut value {
        m.remove("apiVersion");
        m.remove("kind");
    }
    strip_nulls(&mut value);
    let mut unknown = Vec::new();
    loop {
        let err = match serde_json::from_value::<T>(value.clone()) {
            Ok(obj) if unknown.is_empty() => return Ok(obj),
            Ok(_) => return Err(DecodeError::UnknownFields(unknown)),
            Err(e) => e.to_string(),
        };
        if let Some(field) = err.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
            if unknown.len() < MAX_UNKNOWN_FIELDS {
                if let Some(path) = locate_unknown(&mut value, field, &err) {
                    unknown.push(path);
                    continue;
                }
            }
        }
        if !unknown.is_empty() {
            return Err(DecodeError::UnknownFields(unknown));
        }
        return Err(type_error(&value, &err));
    }
}

/// Removes `key: null` entries everywhere (Go's "null means unset").
pub(crate) fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(strip_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// Every path at which an object has `key`, in serde's visiting order.
fn paths_of_key(v: &Value, key: &str, here: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if here.is_empty() { k.clone() } else { format!("{here}.{k}") };
                if k == key {
                    out.push(p.clone());
                }
                paths_of_key(x, key, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                paths_of_key(x, key, &format!("{here}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Finds (and removes) the occurrence of `field` that serde rejected. serde's message lists the
/// fields of the struct it was decoding (`expected one of `a`, `b``); the culprit is the first
/// occurrence, in serde's visiting order, whose sibling keys all belong to that struct.
fn locate_unknown(value: &mut Value, field: &str, err: &str) -> Option<String> {
    let expected: Vec<&str> = err.split_once(", ").map(|(_, rest)| rest.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
    let mut candidates = Vec::new();
    paths_of_key(value, field, "", &mut candidates);
    // How well a candidate's siblings match the struct: 2 = some sibling is one of its fields and
    // none is foreign, 1 = no siblings at all, 0 = a foreign sibling (another struct's field).
    let fit = |path: &str| {
        let segs = segments(path);
        let parent = segs[..segs.len() - 1].iter().try_fold(&*value, |v, s| step(v, s));
        let Some(m) = parent.and_then(Value::as_object) else { return 0 };
        let siblings: Vec<&str> = m.keys().map(String::as_str).filter(|k| *k != field).collect();
        match (siblings.is_empty(), siblings.iter().all(|k| expected.contains(k))) {
            (true, _) => 1,
            (false, true) => 2,
            (false, false) => 0,
        }
    };
    let best = (1..=2).rev().find_map(|want| candidates.iter().find(|p| fit(p) == want));
    let path = best.or(candidates.first())?.clone();
    remove_path(value, &path).then_some(path)
}

/// Go's `json: cannot unmarshal <found> into … of type <expected>` parts, from serde's message
/// (`invalid type: string "three", expected i32`); the path is the first value (in serde's
/// visiting order) of that JSON type and literal.
fn type_error(value: &Value, msg: &str) -> DecodeError {
    let Some(rest) = msg.strip_prefix("invalid type: ") else {
        return DecodeError::Other(msg.to_string());
    };
    let (found_part, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
    let found: &'static str = match found_part.split(' ').next().unwrap_or("") {
        "string" => "string",
        "integer" | "floating" => "number",
        "boolean" => "bool",
        "sequence" => "array",
        "map" => "object",
        _ => "value",
    };
    let literal = found_part.split_once(' ').map(|(_, l)| l.trim_matches('"').to_string());
    let matches = |v: &Value| match (found, v) {
        ("string", Value::String(s)) => literal.as_deref().is_none_or(|l| l == s),
        ("number", Value::Number(n)) => literal.as_deref().is_none_or(|l| l == n.to_string()),
        ("bool", Value::Bool(b)) => literal.as_deref().is_none_or(|l| l == b.to_string()),
        ("array", Value::Array(_)) | ("object", Value::Object(_)) => true,
        _ => false,
    };
    let mut path = String::new();
    first_path(value, "", &matches, &mut path);
    let expected = match expected {
        "i32" => "int32".to_string(),
        "i64" => "int64".to_string(),
        "u32" | "u64" => "uint64".to_string(),
        "f64" => "float64".to_string(),
        "a boolean" => "bool".to_string(),
        "a string" => "string".to_string(),
        "a sequence" => "array".to_string(),
        "a map" => "map[string]string".to_string(),
        e if e.starts_with("struct ") => e.trim_start_matches("struct ").to_string(),
        e => e.to_string(),
    };
    DecodeError::Type { path, found, expected }
}

/// The first path (in serde's visiting order, the root excluded) whose value satisfies `f`.
fn first_path(v: &Value, here: &str, f: &dyn Fn(&Value) -> bool, out: &mut String) -> bool {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m.iter().map(|(k, x)| (if here.is_empty() { k.clone() } else { format!("{here}.{k}") }, x)).collect(),
        Value::Array(a) => a.iter().enumerate().map(|(i, x)| (format!("{here}[{i}]"), x)).collect(),
        _ => return false,
    };
    for (p, x) in children {
        if f(x) {
            *out = p;
            return true;
        }
        if first_path(x, &p, f, out) {
            return true;
        }
    }
    false
}

/// Splits `a.b[0].c` into segments: `a`, `b`, `[0]`, `c`.
fn segments(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        while let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(rest[..i].to_string());
            }
            let end = rest[i..].find(']').map(|e| i + e + 1).unwrap_or(rest.len());
            out.push(rest[i..end].to_string());
            rest = &rest[end..];
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out
}

fn step<'a>(v: &'a Value, seg: &str) -> Option<&'a Value> {
    match seg.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(i) => v.as_array()?.get(i.parse::<usize>().ok()?),
        None => v.as_object()?.get(seg),
    }
}

fn remove_path(v: &mut Value, path: &str) -> bool {
    let segs = segments(path);
    let Some((last, parents)) = segs.split_last() else { return false };
    let mut cur = v;
    for s in parents {
        cur = match s.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(i) => match i.parse::<usize>().ok().and_then(|i| cur.as_array_mut()?.get_mut(i)) {
                Some(c) => c,
                None => return false,
            },
            None => match cur.as_object_mut().and_then(|m| m.get_mut(s.as_str())) {
                Some(c) => c,
                None => return false,
            },
        };
    }
    cur.as_object_mut().is_some_and(|m| m.remove(last.as_str()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_is_served_and_named_consistently() {
        for k in Kind::ALL {
            assert_eq!(k.resource().kind, k.name());
            assert_eq!(k.resource().api_version(), k.api_version());
            assert_eq!(Kind::from_name(k.name()), Some(*k));
        }
    }

    #[test]
    fn strict_decoding_reports_every_unknown_field_with_its_path() {
        let v = json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web", "lables": {"a": "b"}},
            "spec": {"containers": [{"name": "web", "imagee": "nginx"}]}
        });
        assert_eq!(
            Object::from_value(Kind::Pod, v),
            Err(DecodeError::UnknownFields(vec!["metadata.lables".into(), "spec.containers[0].imagee".into()]))
        );
    }

    #[test]
    fn an_unknown_field_is_found_where_its_struct_is_not_where_the_name_is_valid() {
        let v = json!({
            "metadata": {"name": "web"},
            "spec": {"name": "oops", "template": {"spec": {"containers": [{"name": "c", "image": "i"}, {"name": "d", "image": "i", "imagee": "x"}]}}}
        });
        assert_eq!(
            Object::from_value(Kind::Deployment, v),
            Err(DecodeError::UnknownFields(vec!["spec.name".into(), "spec.template.spec.containers[1].imagee".into()]))
        );
        let nulls = json!({"metadata": {"name": "web", "labels": null}, "spec": {"containers": null}});
        assert!(Object::from_value(Kind::Pod, nulls).is_ok(), "null means unset, as in Go");
    }

    #[test]
    fn type_errors_name_the_path_and_go_types() {
        let v = json!({"metadata": {"name": "web"}, "spec": {"replicas": "three"}});
        assert_eq!(
            Object::from_value(Kind::Deployment, v),
            Err(DecodeError::Type { path: "spec.replicas".into(), found: "string", expected: "int32".into() })
        );
    }

    #[test]
    fn to_value_adds_api_version_and_kind() {
        let obj = Object::from_value(Kind::ConfigMap, json!({"metadata": {"name": "c"}, "data": {"k": "v"}})).unwrap();
        let v = obj.to_value();
        assert_eq!(v["apiVersion"], "v1");
        assert_eq!(v["kind"], "ConfigMap");
        assert_eq!(v["data"]["k"], "v");
    }
}
