//! `kubectl apply -f` and `kubectl create -f`: read manifests, map each document to a resource,
//! and create it — or, for apply of an object that exists, send the client-side apply patch:
//! the three-way strategic merge patch of the last-applied configuration, the new manifest (with
//! its new last-applied annotation) and the live object ([`threeway::three_way`]). An empty patch
//! is `unchanged` and nothing is sent; any other is `configured`.
//!
//! Sources (read, not copied): `kubectl/pkg/cmd/apply/apply.go` (`applyOneObject`: `--record`
//! before the manifest is serialized, the missing-annotation warning, `AddSourceToErr` around
//! the patch with the resource `Info`), `apply/patcher.go` (`patchSimple`, `Patch`: `error when
//! patching`, `creating patch with:`), `kubectl/pkg/util/apply.go`
//! (`GetModifiedConfiguration`, `GetOriginalConfiguration`), `cli-runtime/pkg/resource/info.go`
//! (`Info.String`), `cmdutil.AddSourceToErr` and `checkErr` (an Invalid error prints only its
//! details).

use cluster::api::ObjectMeta;
use cluster::object::DecodeError;
use cluster::{ApiError, Kind, Object};
use serde_json::{Map, Value};

use crate::cmd::errors::CmdError;
use crate::cmd::patch::common::{self, Failure};
use crate::cmd::patch::request::{self, FieldValidation};
use crate::cmd::patch::threeway::{self, go_json};
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

/// What one run applies with.
struct Options {
    mode: Mode,
    record: bool,
    save_config: bool,
    validation: FieldValidation,
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
    let validation = match FieldValidation::from_flag(p.get("validate")) {
        Ok(v) => v,
        Err(e) => return out.error(e),
    };
    let opts = Options { mode, record: p.bool("record"), save_config: p.bool("save-config"), validation };
    let explicit_ns = p.get("namespace").map(String::from);
    let mut read_errors = Vec::new();
    let docs = read_documents(ctx, &files, name, &mut read_errors);
    let mut errors: Vec<Failure> = read_errors.into_iter().map(Failure::Cmd).collect();
    for doc in docs {
        match apply_one(ctx, doc, explicit_ns.as_deref(), &opts, out) {
            Ok(line) => out.out(line),
            Err(e) => errors.push(e),
        }
    }
    ctx.cluster.settle();
    common::report(out, errors);
}

/// Creates or applies one document; returns kubectl's result line.
fn apply_one(ctx: &mut Context, doc: Doc, explicit_ns: Option<&str>, opts: &Options, out: &mut Output) -> Result<String, Failure> {
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
                ))
                .into())
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
    match (opts.mode, live) {
        (Mode::Apply, live) => {
            // apply records the command in the manifest, so the last-applied annotation has it too.
            if opts.record {
                set_annotation(&mut value, common::CHANGE_CAUSE, ctx_command(Mode::Apply, source));
            }
            if let Some(live) = live {
                return apply_update(ctx, kind, source, value, &live, opts.validation, out);
            }
            let annotation = last_applied(&value);
            set_annotation(&mut value, LAST_APPLIED, annotation);
            let obj = decode(value)?;
            let created = ctx.cluster.create(obj).map_err(|err| CmdError::FromFile(err, verb, source.to_string()))?;
            Ok(format!("{}/{} created\n", resource_name(kind), created.meta().name))
        }
        (Mode::Create, _) => {
            if opts.save_config {
                let annotation = last_applied(&value);
                set_annotation(&mut value, LAST_APPLIED, annotation);
            }
            let mut obj = decode(value)?;
            if opts.record {
                record_change_cause(obj.meta_mut(), &ctx_command(Mode::Create, source));
            }
            let created = ctx.cluster.create(obj).map_err(|err| CmdError::FromFile(err, verb, source.to_string()))?;
            Ok(format!("{}/{} created\n", resource_name(kind), created.meta().name))
        }
    }
}

/// The update half of `applyOneObject`: the patch from the last-applied configuration, the
/// manifest and the live object; nothing is sent when it is empty.
fn apply_update(ctx: &mut Context, kind: Kind, source: &str, manifest: Value, live: &Object, validation: FieldValidation, out: &mut Output) -> Result<String, Failure> {
    let meta = live.meta();
    let printed = format!("{}/{}", resource_name(kind), meta.name);
    let original_text = meta.annotations.get(LAST_APPLIED).cloned();
    if original_text.is_none() {
        out.err(format!(
            "Warning: resource {}/{} is missing the {LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n",
            kind.resource().plural,
            meta.name
        ));
    }
    let mut modified = manifest;
    let annotation = last_applied(&modified);
    set_annotation(&mut modified, LAST_APPLIED, annotation);
    let current = live.to_value();
    let info = info_string(kind, &meta.name, &meta.namespace);
    let wrap = |patch: &str| format!("error when applying patch:\n{patch}\nto:\n{info}\nfor: \"{source}\": error when patching \"{source}\": ");
    let creating = |e: &str| {
        let original = original_text.clone().unwrap_or_default();
        CmdError::Plain(format!(
            "{}creating patch with:\noriginal:\n{original}\nmodified:\n{}\n\ncurrent:\n{}\n\nfor:: {e}",
            wrap(""),
            go_json(&modified),
            go_json(&current)
        ))
    };
    // GetOriginalConfiguration, and CreateThreeWayMergePatch's decoding of the three documents.
    let original = match original_text.as_deref().filter(|t| !t.is_empty()).map(serde_json::from_str::<Value>) {
        None => Map::new(),
        Some(Ok(Value::Object(m))) => m,
        Some(Ok(Value::Null)) => Map::new(),
        Some(_) => return Err(creating("invalid JSON document").into()),
    };
    let empty = Map::new();
    let patch = threeway::three_way(&original, modified.as_object().unwrap_or(&empty), current.as_object().unwrap_or(&empty), kind)
        .map_err(|e| Failure::from(creating(&e)))?;
    if patch.is_empty() {
        return Ok(format!("{printed} unchanged\n"));
    }
    let patch_text = go_json(&Value::Object(patch.clone()));
    match request::patch(ctx.cluster, kind, &meta.namespace, &meta.name, &patch, validation, out) {
        Ok(_) => Ok(format!("{printed} configured\n")),
        Err(Failure::Cmd(CmdError::Api(e))) => Err(CmdError::Wrapped(e, wrap(&patch_text)).into()),
        Err(Failure::Raw(raw)) => match raw.strip_prefix("Error from server: ") {
            Some(m) => Err(Failure::Raw(format!("Error from server: {}{m}", wrap(&patch_text)))),
            None => Err(Failure::Raw(raw)),
        },
        Err(other) => Err(other),
    }
}

/// `resource.Info.String()`: the mapping (`GroupVersionResource` and `GroupVersionKind` strings)
/// and the name and namespace.
fn info_string(kind: Kind, name: &str, namespace: &str) -> String {
    let rt = kind.resource();
    format!(
        "Resource: \"{}\", GroupVersionKind: \"{}/{}, Kind={}\"\nName: \"{name}\", Namespace: \"{namespace}\"",
        rt.gvr(),
        rt.group,
        rt.version,
        rt.kind
    )
}

/// `kubernetes.io/change-cause` for `--record`.
fn record_change_cause(meta: &mut ObjectMeta, command: &str) {
    meta.annotations.insert(common::CHANGE_CAUSE.into(), command.into());
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

/// The annotation's value (`GetModifiedConfiguration`): the manifest as Go's JSON encoder
/// writes it (compact, sorted keys, HTML characters escaped), its own annotation removed
/// (leaving `annotations: {}`), and a trailing newline.
pub(crate) fn last_applied(manifest: &Value) -> String {
    let mut v = manifest.clone();
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Map::new()));
        if let Some(a) = ann.as_object_mut() {
            a.remove(LAST_APPLIED);
        }
    }
    format!("{}\n", go_json(&v))
}

fn set_path(v: &mut Value, field: &str, value: Value) {
    if let Some(m) = v.as_object_mut() {
        let meta = m.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
        if let Some(meta) = meta.as_object_mut() {
            meta.insert(field.into(), value);
        }
    }
}

pub(crate) fn set_annotation(v: &mut Value, key: &str, value: String) {
    let Some(root) = v.as_object_mut() else { return };
    let meta = root.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
    if let Some(meta) = meta.as_object_mut() {
        let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Map::new()));
        if !ann.is_object() {
            *ann = Value::Object(Map::new());
        }
        if let Some(a) = ann.as_object_mut() {
            a.insert(key.into(), Value::String(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn last_applied_is_compact_sorted_json_with_empty_annotations() {
        let m = json!({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "w", "namespace": "default"}});
        assert_eq!(last_applied(&m), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"w\",\"namespace\":\"default\"}}\n");
    }
}
