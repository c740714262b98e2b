//! `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type strategic|merge|json]`: the patch
//! is applied by the API server (here: [`server_patch`] on the stored object's JSON, then the
//! same decode, admission, validation and write as any update), or by kubectl itself for
//! `--dry-run=client`.
//!
//! The patch algorithms are pure modules: [`strategic`] (strategic merge patch), [`merge`]
//! (RFC 7386), [`jsonpatch`] (RFC 6902), with Go's JSON messages in [`gojson`]. [`common`] holds
//! what the commands changing existing objects share.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/patch/patch.go` (`Complete`,
//! `Validate`, `RunPatch`: a continue-on-error visit, `patched`/`patched (no change)` from
//! comparing the object before and after — and the dry-run suffix lost because `ToPrinter`
//! overwrites the operation that `PrintFlagsWithDryRunStrategy` had completed; `getPatchedJSON`
//! for client-side patches), `apimachinery/pkg/util/yaml.ToJSON` (input starting with `{` is sent
//! as it is; anything else is YAML converted to JSON), and the API server's
//! `endpoints/handlers/patch.go` (field validation `Warn` by default: unknown fields become
//! warnings; `error decoding patch:` for JSON and merge patches; a JSON patch that does not
//! apply is a 422 without details; `checkName`, `EnsureObjectNamespaceMatchesRequestNamespace`).
//!
//! Not modelled: `-f`/`-k`/`--local`, `--subresource`, `--field-manager` (managed fields are not
//! tracked).

pub(crate) mod common;
pub(crate) mod gojson;
pub(crate) mod jsonpatch;
pub(crate) mod merge;
pub(crate) mod request;
pub(crate) mod strategic;
pub(crate) mod threeway;

use cluster::object::DecodeError;
use cluster::validation::{go_quote, FieldError, GoValue};
use cluster::{ApiError, Cluster, Kind, Object};
use serde_json::Value;

use crate::cmd::errors::CmdError;
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::{Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::manifest;
use crate::output::Output;

use common::{DryRun, Failure, Printing};

pub const COMMAND: Command = Command { name: "patch", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("patch", Some('p')),
    value_flag("patch-file", None),
    value_flag("type", None),
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
    bool_flag("record", None),
    value_flag("dry-run", None),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    bool_flag("local", None),
    value_flag("field-manager", None),
    value_flag("subresource", None),
];

/// The three patch types (`--type`, case-insensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    Json,
    Merge,
    Strategic,
}

/// The request body: what `yaml.ToJSON` leaves. Text starting with `{` is sent as typed (the
/// server checks its syntax); YAML has been converted already.
#[derive(Clone, Debug)]
enum Body {
    Text(String),
    Value(Value),
}

/// The 422 a JSON patch that does not apply gets (`NewGenericServerResponse` drops the detail).
const UNPROCESSABLE: &str = "The request is invalid: the server rejected our request due to an error in our request";

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    common::deprecations(p, out, &[common::RECORD_DEPRECATED]);
    let dry_run = match common::dry_run_strategy(p) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    // Validate.
    let patch_text = p.get("patch").unwrap_or("");
    let patch_file = p.get("patch-file").unwrap_or("");
    let local = p.bool("local");
    if !patch_text.is_empty() && !patch_file.is_empty() {
        return out.error("cannot specify --patch and --patch-file together");
    }
    if patch_text.is_empty() && patch_file.is_empty() {
        return out.error("must specify --patch or --patch-file containing the contents of the patch");
    }
    if local && !p.args.is_empty() {
        return out.error("cannot specify --local and server resources");
    }
    if local && dry_run == DryRun::Server {
        return out.error("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    let patch_type = match p.get("type").unwrap_or("strategic").to_ascii_lowercase().as_str() {
        "json" => PatchType::Json,
        "merge" => PatchType::Merge,
        "strategic" | "" => PatchType::Strategic,
        _ => return out.error(format!("--type must be one of [json merge strategic], not {}", go_quote(p.get("type").unwrap_or("")))),
    };
    if let Some(sub) = p.get("subresource").filter(|s| !s.is_empty()) {
        if sub != "status" && sub != "scale" {
            return out.error(format!("invalid subresource value: {}. Must be one of [status scale]", go_quote(sub)));
        }
        return out.error("kubeplay does not support \"kubectl patch --subresource\" yet");
    }
    for flag in ["filename", "kustomize"] {
        if p.values.contains_key(flag) {
            return out.error(format!("kubeplay does not support \"kubectl patch --{flag}\" yet"));
        }
    }
    if local {
        return out.error("kubeplay does not support \"kubectl patch --local\" yet");
    }
    // RunPatch: the patch document.
    let text = if patch_file.is_empty() {
        patch_text.to_string()
    } else {
        match ctx.files.read(patch_file) {
            Ok(t) => t,
            Err(_) => return out.error(format!("unable to read patch file: open {patch_file}: no such file or directory")),
        }
    };
    let body = match to_json(&text) {
        Ok(b) => b,
        // kubectl names the -p value here, even when the patch came from a file.
        Err(e) => return out.error(format!("unable to parse {}: {e}", go_quote(patch_text))),
    };
    let namespace = ctx.namespace.clone();
    let source = match resolve(&p.args, false, "", &namespace, false).1 {
        Ok(s) => s,
        Err(e) => return common::report(out, vec![e.into()]),
    };
    let found = fetch(ctx.cluster, source, &namespace, "");
    let mut errs: Vec<Failure> = Vec::new();
    let mut dry_cluster: Option<Cluster> = None;
    let mut count = 0;
    let record = p.bool("record").then(|| common::change_cause(&["patch"], p));
    for item in found.items {
        let (_, obj) = match item {
            Ok(x) => x,
            Err(e) => {
                errs.push(e.into());
                continue;
            }
        };
        count += 1;
        let kind = obj.kind();
        let result = match dry_run {
            DryRun::Client => client_patch(patch_type, &body, &obj.to_value(), kind).map(|v| {
                let changed = v != obj.to_value();
                (v, changed)
            }),
            DryRun::None | DryRun::Server => {
                let target: &mut Cluster = match dry_run {
                    DryRun::Server => dry_cluster.get_or_insert_with(|| ctx.cluster.clone()),
                    _ => &mut *ctx.cluster,
                };
                let r = patch_object(target, &obj, patch_type, &body, record.as_deref(), out);
                if dry_run == DryRun::None {
                    ctx.cluster.settle();
                }
                r.map(|(written, changed)| {
                    let mut v = written.to_value();
                    if dry_run == DryRun::Server {
                        // A dry-run write answers with the object as it would be, unversioned.
                        if let Some(m) = v.pointer_mut("/metadata").and_then(Value::as_object_mut) {
                            m.insert("resourceVersion".into(), Value::String(obj.meta().resource_version.clone()));
                        }
                    }
                    (v, changed)
                })
            }
        };
        match result {
            Ok((value, changed)) => {
                // kubectl asks for its printer here, after the write.
                let printer = match common::printer_for(p) {
                    Ok(pr) => pr,
                    Err(e) => {
                        errs.push(CmdError::Plain(e).into());
                        continue;
                    }
                };
                // A printer per object (no `---` between YAML documents), and the dry-run suffix
                // lost: `ToPrinter` overwrites the operation PrintFlags had completed.
                let operation = if changed { "patched" } else { "patched (no change)" };
                if let Err(e) = Printing::new(printer, DryRun::None).print(out, kind, &value, operation) {
                    errs.push(CmdError::Plain(e).into());
                }
            }
            Err(e) => errs.push(e),
        }
    }
    if errs.is_empty() && count == 0 {
        return out.error("no objects passed to patch");
    }
    common::report(out, errs);
}

/// `yaml.ToJSON`: JSON (starting with `{`) as it is, YAML converted (go-yaml's messages).
fn to_json(text: &str) -> Result<Body, String> {
    if text.trim_start().starts_with('{') {
        return Ok(Body::Text(text.to_string()));
    }
    match manifest::parse("", text).into_iter().next() {
        None => Ok(Body::Value(Value::Null)),
        Some(Ok(doc)) => Ok(Body::Value(doc.value)),
        Some(Err(e)) => {
            let msg = e.message;
            let msg = msg.strip_prefix("error parsing : ").unwrap_or(&msg);
            Err(msg.to_string())
        }
    }
}

/// The patch document as the server decodes it: syntax first (Go's messages), then its type.
fn body_value(body: &Body) -> Result<Value, String> {
    match body {
        Body::Text(t) => gojson::parse(t),
        Body::Value(v) => Ok(v.clone()),
    }
}

fn bad_request(msg: impl Into<String>) -> Failure {
    Failure::Cmd(CmdError::Api(ApiError::BadRequest(msg.into())))
}

/// What the API server's patch handler does to the stored object's JSON.
fn server_patch(patch_type: PatchType, body: &Body, original: &Value, kind: Kind) -> Result<Value, Failure> {
    match patch_type {
        PatchType::Json => {
            let v = body_value(body).map_err(|e| bad_request(format!("error decoding patch: {e}")))?;
            let ops = jsonpatch::decode(&v, jsonpatch::Decoder::Server).map_err(|e| bad_request(format!("error decoding patch: {e}")))?;
            if ops.len() > 10_000 {
                return Err(ApiError::TooLarge(format!("The allowed maximum operations in a JSON patch is 10000, got {}", ops.len())).into());
            }
            jsonpatch::apply(original, &ops).map_err(|_| Failure::Raw(UNPROCESSABLE.into()))
        }
        PatchType::Merge => {
            let v = body_value(body).map_err(|e| bad_request(format!("error decoding patch: {e}")))?;
            match &v {
                Value::Object(_) | Value::Null => {}
                other => return Err(bad_request(format!("error decoding patch: {}", gojson::unmarshal_type_error(other, "map[string]interface {}")))),
            }
            merge::merge_patch(original, &v).map_err(bad_request)
        }
        PatchType::Strategic => {
            let v = body_value(body).map_err(bad_request)?;
            let empty = serde_json::Map::new();
            let patch = match &v {
                Value::Object(m) => m,
                Value::Null => &empty,
                other => return Err(bad_request(gojson::unmarshal_type_error(other, "map[string]interface {}"))),
            };
            strategic::apply(original, patch, kind).map_err(|e| match e {
                strategic::SmpError::BadRequest(m) => bad_request(m),
                strategic::SmpError::Unprocessable(_) => Failure::Raw(UNPROCESSABLE.into()),
                strategic::SmpError::Other(m) => Failure::Raw(format!("Error from server: {m}")),
            })
        }
    }
}

/// What kubectl's `getPatchedJSON` does for `--dry-run=client`; errors are kubectl's own.
fn client_patch(patch_type: PatchType, body: &Body, original: &Value, kind: Kind) -> Result<Value, Failure> {
    let plain = |m: String| Failure::Cmd(CmdError::Plain(m));
    match patch_type {
        PatchType::Json => {
            let v = body_value(body).map_err(plain)?;
            let ops = jsonpatch::decode(&v, jsonpatch::Decoder::Client).map_err(plain)?;
            jsonpatch::apply(original, &ops).map_err(|e| match e.find("key:") {
                Some(ix) if e.contains("doc is missing key") => plain(format!("Object to be patched is missing field ({})", e.get(ix + 5..).unwrap_or(""))),
                _ => plain(e),
            })
        }
        PatchType::Merge => {
            let v = body_value(body).map_err(|_| plain(merge::BAD_JSON_PATCH.into()))?;
            merge::merge_patch(original, &v).map_err(|e| plain(e.into()))
        }
        PatchType::Strategic => {
            let bad_doc = || plain("invalid JSON document".into());
            let v = body_value(body).map_err(|_| bad_doc())?;
            let empty = serde_json::Map::new();
            let patch = match &v {
                Value::Object(m) => m,
                Value::Null => &empty,
                _ => return Err(bad_doc()),
            };
            strategic::apply(original, patch, kind).map_err(|e| plain(e.message().to_string()))
        }
    }
}

/// Patches one object on `target` (the cluster, or its copy for a server-side dry run):
/// returns the object as written and whether it changed.
fn patch_object(
    target: &mut Cluster,
    info: &Object,
    patch_type: PatchType,
    body: &Body,
    record: Option<&str>,
    out: &mut Output,
) -> Result<(Object, bool), Failure> {
    let kind = info.kind();
    let m = info.meta();
    let current = target.get(kind, &m.namespace, &m.name)?;
    let patched = server_patch(patch_type, body, &current.to_value(), kind)?;
    let obj = decode_patched(kind, &current, patched, patch_type, body, out)?;
    let written = target.update(obj)?;
    let changed = written != current;
    let Some(cause) = record else {
        return Ok((written, changed));
    };
    // `MakeRecordMergePatch`: a second write when the change cause differs.
    if written.meta().annotations.get(common::CHANGE_CAUSE).map(String::as_str) == Some(cause) {
        return Ok((written, changed));
    }
    let mut again = written.clone();
    again.meta_mut().annotations.insert(common::CHANGE_CAUSE.into(), cause.to_string());
    again.meta_mut().resource_version.clear();
    Ok((target.update(again).unwrap_or(written), changed))
}

/// The patched JSON back to a typed object as the API server decodes it: the request's name
/// and namespace must hold, unknown fields are warnings (field validation `Warn`) and are
/// dropped, a value of the wrong type fails the request.
fn decode_patched(kind: Kind, current: &Object, mut patched: Value, patch_type: PatchType, body: &Body, out: &mut Output) -> Result<Object, Failure> {
    let (name, namespace) = (current.meta().name.clone(), current.meta().namespace.clone());
    if let Some(meta) = patched.as_object_mut().map(|o| o.entry("metadata").or_insert_with(|| Value::Object(Default::default()))) {
        if let Some(meta) = meta.as_object_mut() {
            let ns = meta.get("namespace").and_then(Value::as_str).unwrap_or("").to_string();
            if !kind.namespaced() {
                meta.remove("namespace");
            } else if ns.is_empty() {
                meta.insert("namespace".into(), Value::String(namespace.clone()));
            } else if ns != namespace {
                return Err(bad_request("the namespace of the provided object does not match the namespace sent on the request"));
            }
            let obj_name = meta.get("name").and_then(Value::as_str).unwrap_or("");
            if obj_name != name {
                return Err(bad_request(format!("the name of the object ({obj_name}) does not match the name on the URL ({name})")));
            }
        }
    }
    let mut warned = Vec::new();
    loop {
        match Object::from_value(kind, patched.clone()) {
            Ok(obj) => {
                for f in warned {
                    out.err(format!("Warning: unknown field \"{f}\"\n"));
                }
                return Ok(obj);
            }
            Err(DecodeError::UnknownFields(fields)) if warned.len() < 1000 => {
                for f in &fields {
                    remove_path(&mut patched, f);
                }
                warned.extend(fields);
            }
            Err(e) => return Err(type_error(e, patch_type, body, &patched)),
        }
    }
}

/// A patched document that does not decode: `The request is invalid: patch: Invalid value: …`
/// with the patch (strategic: Go's `%+v` of the patch map) or the patched object (JSON and
/// merge patches), and the decoder's message.
fn type_error(e: DecodeError, patch_type: PatchType, body: &Body, patched: &Value) -> Failure {
    let detail = match e {
        DecodeError::Type { path, found, expected } if patch_type == PatchType::Strategic => {
            let _ = path;
            let from = match found {
                "number" => "int64",
                "array" => "[]interface {}",
                "object" => "map[string]interface {}",
                other => other,
            };
            match expected.as_str() {
                "int32" | "int64" | "uint64" | "float64" | "bool" | "string" => format!("cannot convert {from} to {expected}"),
                "array" => format!("cannot restore slice from {}", kind_word(found)),
                e if e.starts_with("map[") => format!("cannot restore map from {}", kind_word(found)),
                _ => format!("cannot restore struct from: {}", kind_word(found)),
            }
        }
        DecodeError::Type { path, found, expected } => {
            let dotted: String = path.split('[').map(|s| s.split_once(']').map_or(s, |(_, r)| r)).collect();
            format!("json: cannot unmarshal {found} into Go struct field .{dotted} of type {expected}")
        }
        DecodeError::UnknownFields(f) => f.iter().map(|f| format!("unknown field \"{f}\"")).collect::<Vec<_>>().join(", "),
        DecodeError::Other(m) => m,
    };
    let shown = match (patch_type, body_value(body)) {
        (PatchType::Strategic, Ok(v)) => gojson::go_value(&v),
        _ => serde_json::to_string(patched).unwrap_or_default(),
    };
    ApiError::Invalid { kind: "", name: String::new(), causes: vec![FieldError::invalid("patch", GoValue::raw(go_quote(&shown)), detail)] }.into()
}

/// `reflect.Kind` of a decoded JSON value, as `%v` prints it.
fn kind_word(found: &str) -> &'static str {
    match found {
        "string" => "string",
        "number" => "int64",
        "bool" => "bool",
        "array" => "slice",
        "object" => "map",
        _ => "interface",
    }
}

/// Removes `a.b[0].c` from a JSON value.
fn remove_path(v: &mut Value, path: &str) {
    let mut segs: Vec<String> = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        while let Some(i) = rest.find('[') {
            if i > 0 {
                segs.push(rest[..i].to_string());
            }
            let end = rest[i..].find(']').map(|e| i + e + 1).unwrap_or(rest.len());
            segs.push(rest[i..end].to_string());
            rest = &rest[end..];
        }
        if !rest.is_empty() {
            segs.push(rest.to_string());
        }
    }
    let Some((last, parents)) = segs.split_last() else { return };
    let mut cur = v;
    for s in parents {
        let next = match s.strip_prefix('[').and_then(|s| s.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok()) {
            Some(i) => cur.as_array_mut().and_then(|a| a.get_mut(i)),
            None => cur.as_object_mut().and_then(|m| m.get_mut(s.as_str())),
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Some(m) = cur.as_object_mut() {
        m.remove(last.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::NoFiles;
    use crate::shell::{tokenize, Token};
    use serde_json::json;

    fn kubectl(cluster: &mut Cluster, line: &str) -> Output {
        let words: Vec<String> = tokenize(line)
            .unwrap()
            .into_iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w),
                Token::Pipe => None,
            })
            .collect();
        let mut out = Output::default();
        let mut ctx = Context { cluster, namespace: "default".into(), stdin: None, files: &NoFiles };
        crate::cmd::kubectl(&mut ctx, &words[1..], &mut out);
        out
    }

    fn with_web() -> Cluster {
        let mut c = Cluster::default();
        let d = json!({"metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}}}});
        c.create(Object::from_value(Kind::Deployment, d).unwrap()).unwrap();
        c.create(Object::from_value(Kind::ConfigMap, json!({"metadata": {"name": "cfg", "namespace": "default"}, "data": {"a": "1"}})).unwrap()).unwrap();
        c.settle();
        c
    }

    fn containers(c: &Cluster) -> Value {
        c.get(Kind::Deployment, "default", "web").unwrap().to_value()["spec"]["template"]["spec"]["containers"].clone()
    }

    #[test]
    fn strategic_merge_updates_a_container_by_name() {
        let mut c = with_web();
        let o = kubectl(&mut c, r#"kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'"#);
        assert_eq!(o.text(), "deployment.apps/web patched\n");
        assert_eq!(containers(&c)[0]["image"], "nginx:1.26");
        let o = kubectl(&mut c, r#"kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.26"}]}}}}'"#);
        assert_eq!(o.text(), "deployment.apps/web patched (no change)\n");
        let generation = c.get(Kind::Deployment, "default", "web").unwrap().meta().generation;
        assert_eq!(generation, 2, "one spec change");
    }

    #[test]
    fn yaml_patches_and_merge_and_json_types() {
        let mut c = with_web();
        assert_eq!(kubectl(&mut c, "kubectl patch cm cfg -p 'data: {b: \"2\"}'").text(), "configmap/cfg patched\n");
        assert_eq!(kubectl(&mut c, r#"kubectl patch cm cfg --type merge -p '{"data":{"a":null}}'"#).text(), "configmap/cfg patched\n");
        let data = c.get(Kind::ConfigMap, "default", "cfg").unwrap().to_value()["data"].clone();
        assert_eq!(data, json!({"b": "2"}));
        let o = kubectl(&mut c, r#"kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":5}]'"#);
        assert_eq!(o.text(), "deployment.apps/web patched\n");
        assert_eq!(c.get(Kind::Deployment, "default", "web").unwrap().to_value()["spec"]["replicas"], 5);
        // A merge patch replaces lists.
        kubectl(&mut c, r#"kubectl patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"httpd"}]}}}}'"#);
        assert_eq!(containers(&c), json!([{"name": "app", "image": "httpd", "imagePullPolicy": "Always", "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}]));
    }

    #[test]
    fn errors() {
        let mut c = with_web();
        let rows: &[(&str, &str)] = &[
            ("kubectl patch deploy web", "error: must specify --patch or --patch-file containing the contents of the patch\n"),
            ("kubectl patch deploy web -p '{}' --patch-file x", "error: cannot specify --patch and --patch-file together\n"),
            ("kubectl patch deploy web -p '{}' --type foo", "error: --type must be one of [json merge strategic], not \"foo\"\n"),
            ("kubectl patch deploy web -p '{spec:{replicas:3}}'", "Error from server (BadRequest): invalid character 's' looking for beginning of object key string\n"),
            ("kubectl patch deploy web --type merge -p '{spec:{replicas:3}}'", "Error from server (BadRequest): error decoding patch: invalid character 's' looking for beginning of object key string\n"),
            ("kubectl patch deploy web --type json -p '{\"op\":\"add\"}'", "Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n"),
            ("kubectl patch deploy web --type json -p '[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]'", "The request is invalid: the server rejected our request due to an error in our request\n"),
            ("kubectl patch deploy web -p 'a: b: c'", "error: unable to parse \"a: b: c\": error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context\n"),
            ("kubectl patch deploy nope -p '{}'", "Error from server (NotFound): deployments.apps \"nope\" not found\n"),
            ("kubectl patch deploy -p '{}'", "error: resource(s) were provided, but no name was specified\n"),
            ("kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}}}'", "Error from server: map: map[image:x] does not contain declared merge key: name\n"),
            ("kubectl patch deploy web -p '{\"spec\":{\"replicas\":-1}}'", "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"),
            ("kubectl patch deploy web -p '{\"metadata\":{\"name\":\"other\"}}'", "Error from server (BadRequest): the name of the object (other) does not match the name on the URL (web)\n"),
            ("kubectl patch deploy web -p '{\"spec\":{\"replicas\":\"three\"}}'", "The request is invalid: patch: Invalid value: \"map[spec:map[replicas:three]]\": cannot convert string to int32\n"),
        ];
        for (cmd, want) in rows {
            let o = kubectl(&mut c, cmd);
            assert_eq!((o.text().as_str(), o.status), (*want, 1), "{cmd}");
        }
    }

    #[test]
    fn unknown_fields_are_warnings_and_dropped() {
        let mut c = with_web();
        let o = kubectl(&mut c, r#"kubectl patch deploy web -p '{"spec":{"template":{"spec":{"ServiceAccount":"x"}}}}'"#);
        assert_eq!(o.stderr(), "Warning: unknown field \"spec.template.spec.ServiceAccount\"\n");
        assert_eq!(o.stdout(), "deployment.apps/web patched (no change)\n");
        assert_eq!(o.status, 0);
    }

    #[test]
    fn dry_runs_change_nothing_and_print_no_suffix() {
        let mut c = with_web();
        for mode in ["client", "server"] {
            let o = kubectl(&mut c, &format!("kubectl patch deploy web -p '{{\"spec\":{{\"replicas\":7}}}}' --dry-run={mode}"));
            assert_eq!(o.text(), "deployment.apps/web patched\n", "{mode}");
        }
        assert_eq!(c.get(Kind::Deployment, "default", "web").unwrap().to_value()["spec"]["replicas"], 2);
        let o = kubectl(&mut c, r#"kubectl patch deploy web --type json -p '[{"op":"replace","path":"/spec/nope/x","value":1}]' --dry-run=client"#);
        assert_eq!(o.stderr(), "error: replace operation does not apply: doc is missing path: /spec/nope/x: missing value\n");
        let o = kubectl(&mut c, r#"kubectl patch deploy web -p '{"spec":{"replicas":7}}' --dry-run=client -o yaml"#);
        assert!(o.stdout().contains("  replicas: 7\n"), "{}", o.stdout());
    }

    #[test]
    fn odd_input_never_panics() {
        let mut c = with_web();
        let deep = format!("{}{}", "{\"a\":".repeat(300), "}".repeat(300));
        let deep_yaml = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        let lines = [
            "kubectl patch".to_string(),
            "kubectl patch deploy web -p '[]'".into(),
            "kubectl patch deploy web -p 'null'".into(),
            "kubectl patch deploy web -p '\"x\"'".into(),
            "kubectl patch deploy web -p '{\"$patch\":\"replace\"}'".into(),
            "kubectl patch deploy web -p '{\"$patch\":\"delete\"}'".into(),
            "kubectl patch deploy web -p '{\"spec\":{\"$retainKeys\":5}}'".into(),
            "kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[1,\"a\",{}]}}}}'".into(),
            "kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":{\"x\":1}}]}}}}'".into(),
            "kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"z\"}],\"containers\":[{\"name\":\"q\",\"image\":\"i\"}]}}}}'".into(),
            "kubectl patch deploy web -p '{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"],\"$deleteFromPrimitiveListx\":1}}'".into(),
            "kubectl patch deploy web --type json -p '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/-99999999999999999999\",\"value\":1}]'".into(),
            "kubectl patch deploy web --type json -p '[{\"op\":\"move\",\"from\":\"/spec\",\"path\":\"/spec/x\"}]'".into(),
            "kubectl patch deploy web --type json -p '[{\"op\":\"copy\",\"from\":\"/nope\",\"path\":\"/x\"},{}]' --dry-run=client".into(),
            "kubectl patch deploy web --type json -p '[{\"op\":\"replace\",\"path\":\"\",\"value\":1}]'".into(),
            "kubectl patch deploy web --type merge -p '[1]'".into(),
            "kubectl patch deploy web --type merge -p '{\"metadata\":null}'".into(),
            "kubectl patch deploy web --type merge -p '{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"other\"}}'".into(),
            format!("kubectl patch deploy web -p '{deep}'"),
            format!("kubectl patch deploy web -p '{deep_yaml}'"),
            "kubectl patch node node-1 -p '{\"spec\":{\"unschedulable\":true}}' -o yaml".into(),
            "kubectl patch deploy web -p '{}' -o jsonpath='{.x'".into(),
            "kubectl scale deploy web --replicas=9999999999".into(),
            "kubectl scale deploy web --replicas=0x10 --current-replicas=-1 -o json".into(),
            "kubectl scale --replicas=1".into(),
            "kubectl scale node node-1 --replicas=1".into(),
            "kubectl set image".into(),
            "kubectl set image = =".into(),
            "kubectl set image deploy/web =x".into(),
            "kubectl set image node/node-1 a=b".into(),
            "kubectl set image deploy -l 'x in (' a=b".into(),
            "kubectl cordon -l 'a in ('".into(),
            "kubectl cordon /".into(),
            "kubectl uncordon node/".into(),
            "kubectl drain node-1 --timeout=-5s --grace-period=-7 --skip-wait-for-delete-timeout=1".into(),
            "kubectl drain -l ''".into(),
            "kubectl drain control-plane --force --ignore-daemonsets --delete-local-data".into(),
        ];
        for line in &lines {
            let _ = kubectl(&mut c, line);
        }
    }

    #[test]
    fn record_sets_the_change_cause() {
        let mut c = with_web();
        let o = kubectl(&mut c, r#"kubectl patch deploy web -p '{"spec":{"replicas":3}}' --record"#);
        assert_eq!(o.stderr(), "Flag --record has been deprecated, --record will be removed in the future\n");
        let d = c.get(Kind::Deployment, "default", "web").unwrap();
        assert_eq!(d.meta().annotations[common::CHANGE_CAUSE], "kubectl patch deploy web --patch={\"spec\":{\"replicas\":3}} --record=true");
    }
}
