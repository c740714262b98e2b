//! `kubectl apply -f` and `kubectl create -f`: read manifests, map each document to a resource,
//! and create it (or, for apply, three-way merge it into the live object).

use cluster::api::ObjectMeta;
use cluster::object::DecodeError;
use cluster::{ApiError, Kind, Object};
use serde_json::{Map, Value};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{kind_of, read_documents, Doc};
use crate::cmd::{resource_name, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const APPLY: Command = Command { name: "apply", flags: APPLY_FLAGS, run: |c, p, o| run(c, p, Mode::Apply, o) };
pub const CREATE: Command = Command { name: "create", flags: CREATE_FLAGS, run: |c, p, o| run(c, p, Mode::Create, o) };

const APPLY_FLAGS: &[Flag] = &[
    value_flag("filename", Some('f')),
    bool_flag("recursive", Some('R')),
    value_flag("output", Some('o')),
    value_flag("dry-run", None),
    bool_flag("record", None),
    value_flag("validate", None),
    bool_flag("server-side", None),
    bool_flag("force", None),
    bool_flag("prune", None),
    value_flag("selector", Some('l')),
    value_flag("field-manager", None),
    bool_flag("overwrite", None),
];

const CREATE_FLAGS: &[Flag] = &[
    value_flag("filename", Some('f')),
    bool_flag("recursive", Some('R')),
    value_flag("output", Some('o')),
    value_flag("dry-run", None),
    bool_flag("record", None),
    value_flag("validate", None),
    bool_flag("save-config", None),
    value_flag("field-manager", None),
];

/// The annotation `kubectl apply` keeps the applied manifest in.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Create,
}

pub fn run(ctx: &mut Context, p: &Parsed, mode: Mode, out: &mut Output) {
    let name = if mode == Mode::Apply { "apply" } else { "create" };
    let files: Vec<String> = p.values.get("filename").cloned().unwrap_or_default();
    if files.is_empty() {
        if mode == Mode::Apply {
            return out.error("must specify one of -f and -k");
        }
        // `kubectl create` without -f and no subcommand: cobra's fallback.
        out.err("Error: must specify one of -f and -k\n\n");
        if p.args.is_empty() {
            out.status = 1;
            return out.out(crate::cmd::help::for_command("create"));
        }
        return crate::cmd::usage_error(out, "create", &format!("unknown command \"{}\"", p.args.join(" ")));
    }
    for unsupported in ["dry-run", "server-side", "prune", "selector", "output"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl {name} --{unsupported}\" yet"));
        }
    }
    let explicit_ns = p.get("namespace").map(String::from);
    let mut errors = Vec::new();
    for doc in read_documents(ctx, &files, name, &mut errors) {
        match apply_one(ctx, doc, explicit_ns.as_deref(), mode, p.bool("record")) {
            Ok(line) => out.out(line),
            Err(e) => errors.push(e),
        }
    }
    ctx.cluster.settle();
    print_errors(out, errors);
}

/// Creates or applies one document; returns kubectl's result line.
fn apply_one(ctx: &mut Context, doc: Doc, explicit_ns: Option<&str>, mode: Mode, record: bool) -> Result<String, CmdError> {
    let kind = kind_of(&doc)?;
    let Doc { source, mut value } = doc;
    let source = source.as_str();
    let api_version = kind.api_version().to_string();
    let name = value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
    // The namespace: the document's, else -n / the context's; a conflict is kubectl's error.
    if kind.namespaced() {
        let doc_ns = value.pointer("/metadata/namespace").and_then(Value::as_str).map(String::from);
        let ns = match (doc_ns, explicit_ns) {
            (Some(d), Some(e)) if d != e => {
                return Err(CmdError::Plain(format!(
                    "the namespace from the provided object \"{d}\" does not match the namespace \"{e}\". You must pass '--namespace={d}' to perform this operation."
                )))
            }
            (Some(d), _) => d,
            (None, _) => ctx.namespace.clone(),
        };
        set_path(&mut value, "namespace", Value::String(ns));
    }
    let verb = "creating";
    let decode = |v: Value| -> Result<Object, CmdError> {
        Object::from_value(kind, v).map_err(|e| CmdError::FromFile(decode_error(kind, &api_version, e), verb, source.to_string()))
    };
    let namespace = value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("").to_string();
    let live = if name.is_empty() { None } else { ctx.cluster.get(kind, &namespace, &name).ok() };
    let printed = format!("{}/{}", resource_name(kind), if name.is_empty() { "" } else { &name });
    match (mode, live) {
        (Mode::Create, _) | (Mode::Apply, None) => {
            if mode == Mode::Apply {
                let annotation = last_applied(&value);
                let meta = value.as_object_mut().and_then(|m| m.entry("metadata").or_insert_with(|| Value::Object(Map::new())).as_object_mut());
                if let Some(meta) = meta {
                    let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Map::new()));
                    if let Some(a) = ann.as_object_mut() {
                        a.insert(LAST_APPLIED.into(), Value::String(annotation));
                    }
                }
            }
            let mut obj = decode(value)?;
            if record {
                record_change_cause(obj.meta_mut(), &ctx_command(mode, source));
            }
            let created = ctx.cluster.create(obj).map_err(|err| CmdError::FromFile(err, verb, source.to_string()))?;
            Ok(format!("{}/{} created\n", resource_name(kind), created.meta().name))
        }
        (Mode::Apply, Some(live)) => {
            let verb = "patching";
            let last: Option<Value> = live.meta().annotations.get(LAST_APPLIED).and_then(|s| serde_json::from_str(s).ok());
            let annotation = last_applied(&value);
            let mut merged = live.to_value();
            three_way_merge(&mut merged, last.as_ref(), &value);
            set_annotation(&mut merged, LAST_APPLIED, annotation);
            if let Some(m) = merged.pointer_mut("/metadata").and_then(Value::as_object_mut) {
                m.remove("resourceVersion");
            }
            let mut obj = Object::from_value(kind, merged).map_err(|e| CmdError::FromFile(decode_error(kind, &api_version, e), verb, source.to_string()))?;
            if record {
                record_change_cause(obj.meta_mut(), &ctx_command(mode, source));
            }
            let before = live.meta().resource_version.clone();
            let updated = ctx.cluster.update(obj).map_err(|err| CmdError::FromFile(err, verb, source.to_string()))?;
            let word = if updated.meta().resource_version == before { "unchanged" } else { "configured" };
            Ok(format!("{printed} {word}\n"))
        }
    }
}

/// `kubernetes.io/change-cause` for `--record`.
fn record_change_cause(meta: &mut ObjectMeta, command: &str) {
    meta.annotations.insert("kubernetes.io/change-cause".into(), command.into());
}

fn ctx_command(mode: Mode, source: &str) -> String {
    let verb = if mode == Mode::Apply { "apply" } else { "create" };
    format!("kubectl {verb} --filename={source} --record=true")
}

/// The server's reply to a document it cannot decode.
fn decode_error(kind: Kind, api_version: &str, e: DecodeError) -> ApiError {
    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    let prefix = format!("{k} in version \"{version}\" cannot be handled as a {k}", k = kind.name());
    ApiError::BadRequest(match e {
        DecodeError::UnknownFields(fields) => {
            let list: Vec<String> = fields.iter().map(|f| format!("unknown field \"{f}\"")).collect();
            format!("{prefix}: strict decoding error: {}", list.join(", "))
        }
        DecodeError::Type { path, found, expected } => {
            let dotted: String = path.split('[').map(|s| s.split_once(']').map_or(s, |(_, r)| r)).collect();
            format!("{prefix}: json: cannot unmarshal {found} into Go struct field .{dotted} of type {expected}")
        }
        DecodeError::Other(m) => format!("{prefix}: {m}"),
    })
}

/// The annotation's value: the manifest as compact JSON with sorted keys, its own annotation
/// removed (leaving `annotations: {}`), and a trailing newline — as kubectl writes it.
fn last_applied(manifest: &Value) -> String {
    let mut v = manifest.clone();
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Map::new()));
        if let Some(a) = ann.as_object_mut() {
            a.remove(LAST_APPLIED);
        }
    }
    format!("{}\n", serde_json::to_string(&v).unwrap_or_default())
}

fn set_path(v: &mut Value, field: &str, value: Value) {
    if let Some(m) = v.as_object_mut() {
        let meta = m.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert(field.into(), value);
        }
    }
}

fn set_annotation(v: &mut Value, key: &str, value: String) {
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Map::new()));
        if let Some(a) = ann.as_object_mut() {
            a.insert(key.into(), Value::String(value));
        }
    }
}

/// Client-side apply's three-way merge: fields of the new manifest are set on the live object
/// (maps merge key by key, lists are replaced), and fields the previous manifest had but the new
/// one dropped are removed. Fields set by others (status, defaults, allocations) stay.
pub fn three_way_merge(live: &mut Value, last: Option<&Value>, new: &Value) {
    let (Some(l), Some(n)) = (live.as_object_mut(), new.as_object()) else {
        *live = new.clone();
        return;
    };
    if let Some(Value::Object(last)) = last {
        for key in last.keys() {
            if !n.contains_key(key) {
                l.remove(key);
            }
        }
    }
    for (key, nv) in n {
        let last_v = last.and_then(|x| x.get(key));
        match (l.get_mut(key), nv) {
            (Some(lv @ Value::Object(_)), Value::Object(_)) => three_way_merge(lv, last_v, nv),
            _ => {
                l.insert(key.clone(), nv.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_sets_new_fields_drops_removed_ones_and_keeps_the_rest() {
        let mut live = json!({"metadata": {"name": "w", "uid": "u", "labels": {"a": "1", "b": "2"}}, "spec": {"replicas": 5, "paused": true}, "status": {"x": 1}});
        let last = json!({"metadata": {"name": "w", "labels": {"a": "1", "b": "2"}}, "spec": {"replicas": 3, "paused": true}});
        let new = json!({"metadata": {"name": "w", "labels": {"a": "1"}}, "spec": {"replicas": 3}});
        three_way_merge(&mut live, Some(&last), &new);
        assert_eq!(live, json!({"metadata": {"name": "w", "uid": "u", "labels": {"a": "1"}}, "spec": {"replicas": 3}, "status": {"x": 1}}));
    }

    #[test]
    fn last_applied_is_compact_sorted_json_with_empty_annotations() {
        let m = json!({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "w", "namespace": "default"}});
        assert_eq!(last_applied(&m), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"w\",\"namespace\":\"default\"}}\n");
    }
}
