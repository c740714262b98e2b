//! `kubectl label` and `kubectl annotate`: both read objects through the resource builder's rules
//! (`TYPE NAME…`, `TYPE/NAME…`, `--all`, `-l`), change one metadata map and write the object back.
//!
//! Sources (kubectl 1.31, read, not copied):
//! - `kubectl/pkg/cmd/label/label.go`: `Complete`/`ToOptions`, `Validate`, `RunLabel`,
//!   `parseLabels`, `labelFunc`, `validateNoOverwrites`, `updateDataChangeMsg` (the length-based
//!   `labeled`/`unlabeled`/`not labeled`; "label(s) changed" only arrived in 1.35), the
//!   `label %q not found.` line on stdout, and the dry-run suffix applied after the operation is
//!   chosen (kubernetes#111571, 1.25).
//! - `kubectl/pkg/cmd/annotate/annotate.go`, the 1.28–1.32 `AnnotateFlags.ToOptions` (printer
//!   built right after `--dry-run` is read; its `--list`/`--output` check reads a field nothing
//!   sets, so annotate accepts both — confirmed against a kubectl 1.32 binary), `RunAnnotate`,
//!   `validateAnnotations`, `validateNoAnnotationOverwrites`, `updateAnnotations`. Setting a key
//!   to the value it already has is not an error for either command (kubernetes#105936, #109505).
//! - `kubectl/pkg/cmd/util/helpers.go`: `GetResourcesAndPairs`, `ParsePairs`,
//!   `GetDryRunStrategy`, `PrintFlagsWithDryRunStrategy`, `checkErr`, `MultipleErrors`,
//!   `StandardErrorMessage`.
//! - `cli-runtime/pkg/resource/builder.go`: `ResourceTypeOrNameArgs`,
//!   `normalizeMultipleResourcesArgs`, `hasCombinedTypeArgs`, `splitResourceTypeName`,
//!   `visitorResult`, `visitBySelector`, `visitByResource`, `visitByName`; `visitor.go`
//!   `ContinueOnErrorVisitor` (every object is tried; errors are printed at the end).
//! - `cli-runtime/pkg/printers/name.go` (`kind[.group]/name operation`),
//!   `genericclioptions` `NoCompatiblePrinterError` (allowed formats sorted).
//!
//! Not modelled: `-f`/`-k`/`--local`, `--field-selector`, `--template` and `-o jsonpath=…`,
//! `--record`, category aliases such as `all`, the klog warning kubectl prints for boolean or bare
//! `--dry-run` values. PrintFlags and the dry-run strategy are shared (cmd/printflags.rs).
//! kubectl ranges over Go maps for `--list` and for several overwrite errors, so its order
//! varies from run to run; kubeplay sorts by key.

use std::collections::BTreeMap;

use cluster::validation::{go_quote, is_valid_label_value};
use cluster::{ApiError, Cluster, Object};
use serde_json::Value;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::printflags::{dry_run_strategy, printer_for, DryRun, Printer, TEMPLATE_FORMATS};
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::{Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::resources::ResourceType;
use crate::yamlout;

/// The flags `kubectl label` and `kubectl annotate` share (PrintFlags, RecordFlags, the resource
/// builder's flags, `--dry-run`, `--field-manager` and the command's own).
const FLAGS: &[Flag] = &[
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
    bool_flag("record", None),
    bool_flag("overwrite", None),
    bool_flag("list", None),
    bool_flag("local", None),
    value_flag("selector", Some('l')),
    value_flag("field-selector", None),
    bool_flag("all", None),
    bool_flag("all-namespaces", Some('A')),
    value_flag("resource-version", None),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    value_flag("dry-run", None),
    value_flag("field-manager", None),
];

pub const LABEL: Command = Command { name: "label", flags: FLAGS, run: |c, p, o| run(c, p, Op::Label, o) };
pub const ANNOTATE: Command = Command { name: "annotate", flags: FLAGS, run: |c, p, o| run(c, p, Op::Annotate, o) };

/// Which command runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Label,
    Annotate,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Label => "label",
            Op::Annotate => "annotate",
        }
    }
}

/// Runs `kubectl label` or `kubectl annotate`.
pub fn run(ctx: &mut Context, p: &Parsed, op: Op, out: &mut Output) {
    let cmd = op.name();
    for flag in ["filename", "kustomize", "field-selector", "template"] {
        if p.values.contains_key(flag) {
            return out.error(format!("kubeplay does not support \"kubectl {cmd} --{flag}\" yet"));
        }
    }
    for flag in ["local", "recursive", "record"] {
        if p.bool(flag) {
            return out.error(format!("kubeplay does not support \"kubectl {cmd} --{flag}\" yet"));
        }
    }
    let output = p.get("output").unwrap_or("");
    if TEMPLATE_FORMATS.iter().any(|f| output.starts_with(&format!("{f}="))) {
        return out.error(format!("kubeplay does not support \"-o {output}\" yet"));
    }
    let dry_run = match dry_run_strategy(p.get("dry-run")) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    // annotate builds its printer right away; label asks for one per object, when it prints.
    let annotate_printer = match op {
        Op::Annotate => match printer_for(output) {
            Ok(pr) => Some(pr),
            Err(e) => return out.error(e),
        },
        Op::Label => None,
    };
    let mut args = p.args.clone();
    args.extend(p.after_dashdash.iter().flatten().cloned());
    let (resource_args, pairs) = match resources_and_pairs(&args, if op == Op::Label { "label" } else { "annotation" }) {
        Ok(r) => r,
        Err(e) => return out.error(e),
    };
    let parsed = match op {
        Op::Label => parse_labels(&pairs),
        Op::Annotate => parse_annotations(&pairs),
    };
    let (new, remove) = match parsed {
        Ok(r) => r,
        Err(e) => return out.error(e),
    };
    let list = p.bool("list");
    // annotate 1.31 compares --list with a field that is never set (AnnotateFlags.OutputFormat),
    // so only label refuses the combination; annotate --list ignores -o.
    if op == Op::Label && list && !output.is_empty() {
        return out.error("--list and --output may not be specified together");
    }
    let selector = p.get("selector").unwrap_or("");
    let all = p.bool("all");
    if all && !selector.is_empty() {
        return out.error("cannot set --all and --selector at the same time");
    }
    if resource_args.is_empty() {
        return out.error("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if new.is_empty() && remove.is_empty() && !list {
        return out.error(format!("at least one {} update is required", if op == Op::Label { "label" } else { "annotation" }));
    }
    if op == Op::Annotate {
        let both: Vec<&str> = remove.iter().filter(|k| new.contains_key(*k)).map(String::as_str).collect();
        if !both.is_empty() {
            return out
                .error(format!("can not both modify and remove the following annotation(s) in the same command: {}", both.join(", ")));
        }
    }
    let all_namespaces = p.bool("all-namespaces");
    let namespace = if all_namespaces { String::new() } else { ctx.namespace.clone() };
    let (one, source) = resolve(&resource_args, all, selector, &namespace, all_namespaces);
    let source = match source {
        Ok(s) => s,
        Err(e) => return print_errors(out, vec![e]),
    };
    let resource_version = p.get("resource-version").filter(|v| !v.is_empty()).map(String::from);
    if !one && resource_version.is_some() {
        return out.error("--resource-version may only be used with a single resource");
    }
    let mut run = Run {
        op,
        overwrite: p.bool("overwrite"),
        list,
        dry_run,
        resource_version,
        output: output.to_string(),
        new,
        remove,
        one,
        printer: annotate_printer,
        printed: 0,
        dry_cluster: None,
        errs: Vec::new(),
    };
    let found = fetch(ctx.cluster, source, &namespace, "");
    for item in found.items {
        match item {
            Ok((rt, obj)) => run.visit(ctx, rt, obj, out),
            Err(e) => run.errs.push(e),
        }
    }
    // The selectors' list errors come back from the visitor list as one aggregate, after the
    // objects' errors.
    let mut errs = std::mem::take(&mut run.errs);
    if !found.list_errors.is_empty() {
        errs.push(CmdError::Agg(found.list_errors));
    }
    print_errors(out, errs);
}

/// `cmdutil.GetResourcesAndPairs`: resources first, then `KEY=VALUE` / `KEY-` pairs.
fn resources_and_pairs(args: &[String], pair_type: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for s in args {
        let is_pair = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        match (pairs.is_empty(), is_pair) {
            (_, true) => pairs.push(s.clone()),
            (true, false) => resources.push(s.clone()),
            (false, false) => return Err(format!("all resources must be specified before {pair_type} changes: {s}")),
        }
    }
    Ok((resources, pairs))
}

type Updates = (BTreeMap<String, String>, Vec<String>);

/// label.go `parseLabels`: the value is checked here, the key by the API server.
fn parse_labels(specs: &[String]) -> Result<Updates, String> {
    let mut labels = BTreeMap::new();
    let mut remove = Vec::new();
    for spec in specs {
        if spec.contains('=') {
            let parts: Vec<&str> = spec.split('=').collect();
            let [key, value] = parts.as_slice() else {
                return Err(format!("invalid label spec: {spec}"));
            };
            let errs = is_valid_label_value(value);
            if !errs.is_empty() {
                return Err(format!("invalid label value: {}: {}", go_quote(spec), errs.join(";")));
            }
            labels.insert(key.to_string(), value.to_string());
        } else if let Some(key) = spec.strip_suffix('-') {
            remove.push(key.to_string());
        } else {
            return Err(format!("unknown label spec: {spec}"));
        }
    }
    if remove.iter().any(|k| labels.contains_key(k)) {
        return Err("can not both modify and remove a label in the same command".into());
    }
    Ok((labels, remove))
}

/// `cmdutil.ParsePairs(args, "annotation", true)`: the value is everything after the first `=`.
fn parse_annotations(specs: &[String]) -> Result<Updates, String> {
    let mut new = BTreeMap::new();
    let mut remove = Vec::new();
    let mut invalid = Vec::new();
    for spec in specs {
        if spec.contains('=') && !spec.starts_with('=') {
            if let Some((k, v)) = spec.split_once('=') {
                new.insert(k.to_string(), v.to_string());
            }
        } else if spec.ends_with('-') && spec != "-" {
            remove.push(spec[..spec.len() - 1].to_string());
        } else {
            invalid.push(spec.as_str());
        }
    }
    if !invalid.is_empty() {
        return Err(format!("invalid annotation format: {}", invalid.join(", ")));
    }
    Ok((new, remove))
}

/// One run over the selected objects.
struct Run {
    op: Op,
    overwrite: bool,
    list: bool,
    dry_run: DryRun,
    resource_version: Option<String>,
    output: String,
    new: BTreeMap<String, String>,
    remove: Vec<String>,
    /// The arguments named a single object (`--list` then prints no header).
    one: bool,
    /// annotate's printer (label makes one per object).
    printer: Option<Printer>,
    /// Objects printed so far (the YAML printer separates documents with `---`).
    printed: usize,
    /// The copy of the cluster server-side dry-run writes go to.
    dry_cluster: Option<Cluster>,
    errs: Vec<CmdError>,
}

impl Run {
    fn visit(&mut self, ctx: &mut Context, rt: &'static ResourceType, obj: Object, out: &mut Output) {
        match self.op {
            Op::Label => self.label(ctx, rt, obj, out),
            Op::Annotate => self.annotate(ctx, rt, obj, out),
        }
    }

    /// label.go `RunLabel`'s visitor.
    fn label(&mut self, ctx: &mut Context, rt: &'static ResourceType, mut obj: Object, out: &mut Output) {
        if self.resource_version.is_some() {
            obj.meta_mut().resource_version.clear();
        }
        let old_json = go_json(&obj.to_value());
        let local = self.dry_run == DryRun::Client || self.list;
        if !local {
            for key in &self.remove {
                if !obj.meta().labels.contains_key(key) {
                    out.out(format!("label {} not found.\n", go_quote(key)));
                }
            }
        }
        if let Err(e) = self.label_func(&mut obj) {
            return self.errs.push(e);
        }
        let value = with_map(obj.to_value(), "labels");
        let msg = change_message(&old_json, &go_json(&value), self.overwrite);
        if !local {
            if let Err(e) = self.write(ctx, &obj) {
                return self.errs.push(CmdError::Api(e));
            }
        }
        if self.list {
            return self.list_map(rt, &obj, &obj.meta().labels, out);
        }
        // label.go asks for its printer per object, after the write.
        match printer_for(&self.output) {
            Ok(printer) => self.print(&printer, rt, &obj, &value, msg, false, out),
            Err(e) => self.errs.push(CmdError::Plain(e)),
        }
    }

    /// `labelFunc`.
    fn label_func(&self, obj: &mut Object) -> Result<(), CmdError> {
        if !self.overwrite {
            let labels = &obj.meta().labels;
            let errs: Vec<CmdError> = self
                .new
                .iter()
                .filter_map(|(k, v)| match labels.get(k) {
                    Some(cur) if cur != v => Some(CmdError::plain(format!("'{k}' already has a value ({cur}), and --overwrite is false"))),
                    _ => None,
                })
                .collect();
            if !errs.is_empty() {
                return Err(CmdError::Agg(errs));
            }
        }
        let m = obj.meta_mut();
        m.labels.extend(self.new.iter().map(|(k, v)| (k.clone(), v.clone())));
        for k in &self.remove {
            m.labels.remove(k);
        }
        if let Some(rv) = &self.resource_version {
            m.resource_version = rv.clone();
        }
        Ok(())
    }

    /// annotate.go `RunAnnotate`'s visitor.
    fn annotate(&mut self, ctx: &mut Context, rt: &'static ResourceType, mut obj: Object, out: &mut Output) {
        let (shown, value) = if self.dry_run == DryRun::Client || self.list {
            if let Err(e) = self.update_annotations(&mut obj) {
                return self.errs.push(e);
            }
            let value = with_map(obj.to_value(), "annotations");
            (obj, value)
        } else {
            let stored_rv = obj.meta().resource_version.clone();
            if self.resource_version.is_some() {
                obj.meta_mut().resource_version.clear();
            }
            if let Err(e) = self.update_annotations(&mut obj) {
                return self.errs.push(e);
            }
            match self.write(ctx, &obj) {
                Ok(mut written) => {
                    if self.dry_run == DryRun::Server {
                        // A dry-run write answers with the object as it would be, unversioned.
                        written.meta_mut().resource_version = stored_rv;
                    }
                    let value = written.to_value();
                    (written, value)
                }
                Err(e) => return self.errs.push(CmdError::Api(e)),
            }
        };
        if self.list {
            return self.list_map(rt, &shown, &shown.meta().annotations, out);
        }
        let printer = self.printer.clone().unwrap_or(Printer::Name { short: false });
        self.print(&printer, rt, &shown, &value, "annotated", true, out);
    }

    /// `updateAnnotations` with `validateNoAnnotationOverwrites`.
    fn update_annotations(&self, obj: &mut Object) -> Result<(), CmdError> {
        if !self.overwrite {
            let annotations = &obj.meta().annotations;
            let found: Vec<String> = self
                .new
                .iter()
                .filter(|(k, _)| k.as_str() != "kubernetes.io/change-cause")
                .filter_map(|(k, v)| match annotations.get(k) {
                    Some(cur) if cur != v => Some(format!("'{k}' already has a value ({cur})")),
                    _ => None,
                })
                .collect();
            if !found.is_empty() {
                return Err(CmdError::plain(format!(
                    "--overwrite is false but found the following declared annotation(s): {}",
                    found.join("; ")
                )));
            }
        }
        let m = obj.meta_mut();
        m.annotations.extend(self.new.iter().map(|(k, v)| (k.clone(), v.clone())));
        for k in &self.remove {
            m.annotations.remove(k);
        }
        if let Some(rv) = &self.resource_version {
            m.resource_version = rv.clone();
        }
        Ok(())
    }

    /// Sends the change to the API server (or, for `--dry-run=server`, to a copy of it) the way
    /// kubectl's merge patch does: only the keys set and removed (and `resourceVersion` when
    /// given) are applied to the object as the server holds it now.
    fn write(&mut self, ctx: &mut Context, changed: &Object) -> Result<Object, ApiError> {
        let target: &mut Cluster = match self.dry_run {
            DryRun::Server => self.dry_cluster.get_or_insert_with(|| ctx.cluster.clone()),
            _ => &mut *ctx.cluster,
        };
        let m = changed.meta();
        let mut current = target.get(changed.kind(), &m.namespace, &m.name)?;
        let cm = current.meta_mut();
        let map = if self.op == Op::Label { &mut cm.labels } else { &mut cm.annotations };
        map.extend(self.new.iter().map(|(k, v)| (k.clone(), v.clone())));
        for k in &self.remove {
            map.remove(k);
        }
        cm.resource_version = self.resource_version.clone().unwrap_or_default();
        let written = target.update(current)?;
        if self.dry_run != DryRun::Server {
            ctx.cluster.settle();
        }
        Ok(written)
    }

    /// `--list`: `key=value` lines (kubectl ranges over a Go map, so its order varies; kubeplay
    /// sorts), under a `Listing labels for Kind.group/name:` header when several objects may be
    /// listed.
    fn list_map(&self, rt: &ResourceType, obj: &Object, map: &BTreeMap<String, String>, out: &mut Output) {
        let mut text = String::new();
        let mut indent = "";
        if !self.one {
            indent = " ";
            let what = if self.op == Op::Label { "labels" } else { "annotations" };
            text.push_str(&format!("Listing {what} for {}.{}/{}:\n", rt.kind, rt.group, obj.meta().name));
        }
        for (k, v) in map {
            text.push_str(&format!("{indent}{k}={v}\n"));
        }
        out.out(text);
    }

    /// The printers: `kind[.group]/name operation[ (dry run)]`, `-o name`, `-o json`, `-o yaml`.
    #[allow(clippy::too_many_arguments)]
    fn print(&mut self, printer: &Printer, rt: &ResourceType, obj: &Object, value: &Value, operation: &str, shared: bool, out: &mut Output) {
        match printer {
            Printer::Name { short } => {
                let short = *short;
                let kind = rt.kind.to_ascii_lowercase();
                let mut line = if rt.group.is_empty() {
                    format!("{kind}/{}", obj.meta().name)
                } else {
                    format!("{kind}.{}/{}", rt.group, obj.meta().name)
                };
                if !short {
                    line.push(' ');
                    line.push_str(operation);
                    match self.dry_run {
                        DryRun::Client => line.push_str(" (dry run)"),
                        DryRun::Server => line.push_str(" (server dry run)"),
                        DryRun::None => {}
                    }
                }
                out.out(format!("{line}\n"));
            }
            Printer::Json => out.out(yamlout::to_json(value)),
            Printer::Yaml => {
                // One YAMLPrinter separates its documents; label makes a new printer each time.
                if shared && self.printed > 0 {
                    out.out("---\n");
                }
                out.out(yamlout::to_yaml(value));
            }
            // Refused before any object is visited (see `run`); kept for completeness.
            Printer::JsonPath(jp) => match jp.print_obj(value) {
                Ok(text) => out.out(text),
                Err(e) => self.errs.push(CmdError::Plain(e)),
            },
        }
        self.printed += 1;
    }
}

/// The object's JSON with `metadata.<field>` present even when empty: the client-side object
/// after `SetLabels`/`SetAnnotations` keeps an empty map (the server's JSON omits it).
fn with_map(mut v: Value, field: &str) -> Value {
    if let Some(Value::Object(meta)) = v.get_mut("metadata") {
        meta.entry(field.to_string()).or_insert_with(|| Value::Object(Default::default()));
    }
    v
}

/// `json.Marshal`'s output, as far as its length goes (see [`go_json_len`]).
fn go_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The byte length Go's `json.Marshal` gives the text serde_json wrote: Go also escapes `<`,
/// `>`, `&` (`\u003c`, 6 bytes for 1) and U+2028/U+2029 (6 bytes for 3); the rest is the same.
fn go_json_len(s: &str) -> usize {
    s.len()
        + s.chars()
            .map(|c| match c {
                '<' | '>' | '&' => 5,
                '\u{2028}' | '\u{2029}' => 3,
                _ => 0,
            })
            .sum::<usize>()
}

/// label.go `updateDataChangeMsg` (kubectl ≤ 1.34): compares the object's JSON before and after.
fn change_message(old: &str, new: &str, overwrite: bool) -> &'static str {
    if old == new {
        "not labeled"
    } else if !overwrite && go_json_len(new) < go_json_len(old) {
        "unlabeled"
    } else {
        "labeled"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::NoFiles;
    use crate::shell::{tokenize, Token};
    use crate::Session;
    use cluster::{ClusterConfig, Kind};
    use serde_json::json;

    /// Runs commands in one session; returns the last command's stdout, stderr and status.
    fn session_run(cmds: &[&str]) -> (String, String, i32) {
        let mut s = Session::new(ClusterConfig::default());
        let mut last = Output::default();
        for c in cmds {
            last = s.run(c);
        }
        (last.stdout(), last.stderr(), last.status)
    }

    fn ok(cmds: &[&str]) -> String {
        let (o, e, st) = session_run(cmds);
        assert_eq!((e.as_str(), st), ("", 0), "stdout: {o}");
        o
    }

    fn fails(cmds: &[&str]) -> String {
        let (o, e, st) = session_run(cmds);
        assert_eq!((o.as_str(), st), ("", 1), "stderr: {e}");
        e
    }

    /// Runs one kubectl command line against `cluster` (for kinds kubectl cannot create yet).
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

    fn create(cluster: &mut Cluster, kind: Kind, v: Value) {
        let obj = Object::from_value(kind, v).unwrap();
        cluster.create(obj).unwrap();
        cluster.settle();
    }

    fn with_workloads() -> Cluster {
        let mut c = Cluster::default();
        create(
            &mut c,
            Kind::Deployment,
            json!({"metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
                   "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                            "template": {"metadata": {"labels": {"app": "web"}},
                                         "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}),
        );
        create(&mut c, Kind::ConfigMap, json!({"metadata": {"name": "plain", "namespace": "default"}}));
        create(&mut c, Kind::ConfigMap, json!({"metadata": {"name": "tagged", "namespace": "default", "labels": {"tier": "db"}}}));
        c
    }

    fn node_labels(cmds: &[&str], node: &str) -> BTreeMap<String, String> {
        let mut s = Session::new(ClusterConfig::default());
        for c in cmds {
            s.run(c);
        }
        s.cluster().store.nodes.get("", node).unwrap().metadata.labels.clone()
    }

    #[test]
    fn labels_and_unlabels_a_node() {
        assert_eq!(ok(&["kubectl label node node-1 disk=ssd"]), "node/node-1 labeled\n");
        assert_eq!(node_labels(&["kubectl label node node-1 disk=ssd"], "node-1").get("disk").map(String::as_str), Some("ssd"));
        assert_eq!(ok(&["kubectl label node node-1 disk=ssd", "kubectl label nodes/node-1 disk-"]), "node/node-1 unlabeled\n");
        assert!(!node_labels(&["kubectl label node node-1 disk=ssd", "kubectl label no node-1 disk-"], "node-1").contains_key("disk"));
        // The same value again is no change, and no error.
        assert_eq!(ok(&["kubectl label node node-1 disk=ssd", "kubectl label node node-1 disk=ssd"]), "node/node-1 not labeled\n");
    }

    #[test]
    fn existing_key_needs_overwrite() {
        let e = fails(&["kubectl label node node-1 disk=ssd", "kubectl label node node-1 disk=hdd"]);
        assert_eq!(e, "error: 'disk' already has a value (ssd), and --overwrite is false\n");
        let e = fails(&["kubectl label node node-1 a=1 b=2", "kubectl label node node-1 a=3 b=4"]);
        assert_eq!(e, "'a' already has a value (1), and --overwrite is false\n'b' already has a value (2), and --overwrite is false\n");
        assert_eq!(ok(&["kubectl label node node-1 disk=ssd", "kubectl label node node-1 disk=hdd --overwrite"]), "node/node-1 labeled\n");
        assert_eq!(
            node_labels(&["kubectl label node node-1 disk=ssd", "kubectl label node node-1 disk=hdd --overwrite"], "node-1")["disk"],
            "hdd"
        );
        // With --overwrite a removal still says "labeled" (the JSON-length rule only applies without it).
        assert_eq!(ok(&["kubectl label node node-1 disk=ssd", "kubectl label node node-1 disk- --overwrite"]), "node/node-1 labeled\n");
    }

    #[test]
    fn removing_a_missing_label_says_so_on_stdout() {
        assert_eq!(ok(&["kubectl label node node-1 nope-"]), "label \"nope\" not found.\nnode/node-1 not labeled\n");
        // Client-side dry run does not look.
        assert_eq!(ok(&["kubectl label node node-1 nope- --dry-run=client"]), "node/node-1 not labeled (dry run)\n");
    }

    #[test]
    fn argument_errors() {
        let rows: &[(&str, &str)] = &[
            ("kubectl label node node-1", "error: at least one label update is required\n"),
            ("kubectl annotate node node-1", "error: at least one annotation update is required\n"),
            ("kubectl label a=b", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"),
            ("kubectl label node a=b node-1", "error: all resources must be specified before label changes: node-1\n"),
            ("kubectl annotate node a=b node-1", "error: all resources must be specified before annotation changes: node-1\n"),
            ("kubectl label node node-1 a=b=c", "error: invalid label spec: a=b=c\n"),
            (
                "kubectl label node node-1 'disk=a b'",
                "error: invalid label value: \"disk=a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
            ),
            ("kubectl label node node-1 a=b a-", "error: can not both modify and remove a label in the same command\n"),
            ("kubectl annotate node node-1 a=b a- c=d c-", "error: can not both modify and remove the following annotation(s) in the same command: a, c\n"),
            ("kubectl label nodez node-1 a=b", "error: the server doesn't have a resource type \"nodez\"\n"),
            ("kubectl label node node-9 a=b", "Error from server (NotFound): nodes \"node-9\" not found\n"),
            ("kubectl label node a=b", "error: resource(s) were provided, but no name was specified\n"),
            ("kubectl label node node-1 -l x=y a=b", "error: name cannot be provided when a selector is specified\n"),
            ("kubectl label node --all -l x=y a=b", "error: cannot set --all and --selector at the same time\n"),
            ("kubectl label node node-1 --list -o name", "error: --list and --output may not be specified together\n"),
            ("kubectl label node node-1 a=b --dry-run=maybe", "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n"),
            ("kubectl label nodes --all a=b --resource-version=1", "error: --resource-version may only be used with a single resource\n"),
            ("kubectl label node node-1 node/node-2 a=b", "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"),
            ("kubectl label node/a/b a=b", "error: arguments in resource/name form may not have more than one slash\n"),
            ("kubectl label pod x a=b -A", "error: a resource cannot be retrieved by name across all namespaces\n"),
            ("kubectl annotate node node-1 a=b -o yml", "error: unable to match a printer suitable for the output format \"yml\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"),
            ("kubectl label node node-1 a=b --local", "error: kubeplay does not support \"kubectl label --local\" yet\n"),
            ("kubectl annotate node a=b node-1 -o yml", "error: unable to match a printer suitable for the output format \"yml\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"),
            ("kubectl annotate node node-1 a=b -o jsonpath", "error: template format specified but no template given\n"),
        ];
        for (cmd, want) in rows {
            assert_eq!(fails(&[cmd]), *want, "{cmd}");
        }
        // Nothing was written by any of them.
        assert!(!node_labels(&[rows[5].0, rows[20].0], "node-1").contains_key("a"));
    }

    #[test]
    fn invalid_key_is_the_servers_error() {
        let e = fails(&["kubectl label node node-1 'a b=c'"]);
        assert_eq!(
            e,
            "The Node \"node-1\" is invalid: metadata.labels: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n"
        );
    }

    #[test]
    fn several_names_continue_past_errors() {
        let (o, e, st) = session_run(&["kubectl label node node-9 node-1 node-8 disk=ssd"]);
        assert_eq!(o, "node/node-1 labeled\n");
        assert_eq!(
            e,
            "Error from server (NotFound): nodes \"node-9\" not found\nError from server (NotFound): nodes \"node-8\" not found\n"
        );
        assert_eq!(st, 1);
        // Several types with the same names become type/name pairs.
        let (o, e, _) = session_run(&["kubectl label node,ns default node-1 x=y"]);
        assert_eq!(o, "node/node-1 labeled\nnamespace/default labeled\n");
        assert_eq!(
            e,
            "Error from server (NotFound): nodes \"default\" not found\nError from server (NotFound): namespaces \"node-1\" not found\n"
        );
    }

    #[test]
    fn all_and_selector() {
        assert_eq!(
            ok(&["kubectl label nodes --all zone=a"]),
            "node/control-plane labeled\nnode/node-1 labeled\nnode/node-2 labeled\nnode/node-3 labeled\n"
        );
        assert_eq!(
            ok(&["kubectl label node node-2 disk=ssd", "kubectl label nodes -l disk=ssd,!node-role.kubernetes.io/control-plane fast=yes"]),
            "node/node-2 labeled\n"
        );
        assert_eq!(ok(&["kubectl label nodes -l nothing=here a=b"]), "");
        assert_eq!(
            fails(&["kubectl label nodes -l 'a b' x=y"]),
            "Error from server (BadRequest): Unable to find \"/v1, Resource=nodes\" that match label selector \"a b\", field selector \"\": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n"
        );
    }

    #[test]
    fn list_shows_labels_without_writing() {
        assert_eq!(ok(&["kubectl label ns default --list"]), "kubernetes.io/metadata.name=default\n");
        assert_eq!(
            ok(&["kubectl label ns default kube-public --list team=a"]),
            "Listing labels for Namespace./default:\n kubernetes.io/metadata.name=default\n team=a\nListing labels for Namespace./kube-public:\n kubernetes.io/metadata.name=kube-public\n team=a\n"
        );
        let mut s = Session::new(ClusterConfig::default());
        s.run("kubectl label ns default --list team=a");
        assert!(!s.cluster().store.namespaces.get("", "default").unwrap().metadata.labels.contains_key("team"));
    }

    #[test]
    fn the_server_puts_the_namespace_name_label_back() {
        // kubectl reports what it sent; the API server's defaulting restores the label.
        assert_eq!(
            ok(&["kubectl label ns default kubernetes.io/metadata.name-", "kubectl label ns default --list"]),
            "kubernetes.io/metadata.name=default\n"
        );
        assert_eq!(ok(&["kubectl label ns default kubernetes.io/metadata.name-"]), "namespace/default unlabeled\n");
    }

    #[test]
    fn dry_runs_change_nothing() {
        assert_eq!(ok(&["kubectl label node node-1 a=b --dry-run=client"]), "node/node-1 labeled (dry run)\n");
        assert_eq!(ok(&["kubectl label node node-1 a=b --dry-run=server"]), "node/node-1 labeled (server dry run)\n");
        assert_eq!(ok(&["kubectl label node node-1 a=b --dry-run=server -o name"]), "node/node-1\n");
        assert_eq!(ok(&["kubectl annotate node node-1 a=b --dry-run=client"]), "node/node-1 annotated (dry run)\n");
        assert_eq!(ok(&["kubectl annotate node node-1 a=b --dry-run=server"]), "node/node-1 annotated (server dry run)\n");
        for cmd in ["kubectl label node node-1 a=b --dry-run=client", "kubectl label node node-1 a=b --dry-run=server"] {
            assert!(!node_labels(&[cmd], "node-1").contains_key("a"), "{cmd}");
        }
        // Server-side dry run still validates.
        assert!(fails(&["kubectl label node node-1 'a b=c' --dry-run=server"]).starts_with("The Node \"node-1\" is invalid: "));
    }

    #[test]
    fn annotate_sets_overwrites_and_removes() {
        let mut s = Session::new(ClusterConfig::default());
        assert_eq!(s.run("kubectl annotate node node-1 'note=hello world' team=a=b").text(), "node/node-1 annotated\n");
        let n = s.cluster().store.nodes.get("", "node-1").unwrap();
        assert_eq!(n.metadata.annotations.get("note").map(String::as_str), Some("hello world"));
        assert_eq!(n.metadata.annotations.get("team").map(String::as_str), Some("a=b"));
        let o = s.run("kubectl annotate node node-1 note=bye team=c");
        assert_eq!(
            (o.stderr().as_str(), o.status),
            (
                "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello world); 'team' already has a value (a=b)\n",
                1
            )
        );
        assert_eq!(s.run("kubectl annotate node node-1 note=bye --overwrite").text(), "node/node-1 annotated\n");
        assert_eq!(s.run("kubectl annotate node node-1 note- nothing-").text(), "node/node-1 annotated\n");
        assert_eq!(
            s.run("kubectl annotate node node-1 --list").text(),
            "kubeadm.alpha.kubernetes.io/cri-socket=unix:///run/containerd/containerd.sock\nnode.alpha.kubernetes.io/ttl=0\nteam=a=b\nvolumes.kubernetes.io/controller-managed-attach-detach=true\n"
        );
        let n = s.cluster().store.nodes.get("", "node-1").unwrap();
        assert!(!n.metadata.annotations.contains_key("note"));
        // annotate (unlike label) lets --list through with -o, and ignores -o.
        assert_eq!(s.run("kubectl annotate node node-1 --list -o yaml").text(), s.run("kubectl annotate node node-1 --list").text());
        // The change-cause annotation may always be overwritten.
        s.run("kubectl annotate node node-1 kubernetes.io/change-cause=one");
        assert_eq!(s.run("kubectl annotate node node-1 kubernetes.io/change-cause=two").text(), "node/node-1 annotated\n");
    }

    #[test]
    fn group_qualified_names_and_namespaces() {
        let mut c = with_workloads();
        assert_eq!(kubectl(&mut c, "kubectl label deploy web tier=front").text(), "deployment.apps/web labeled\n");
        assert_eq!(kubectl(&mut c, "kubectl annotate deployments.apps/web note=x").text(), "deployment.apps/web annotated\n");
        assert_eq!(c.store.deployments.get("default", "web").unwrap().metadata.labels["tier"], "front");
        assert_eq!(
            kubectl(&mut c, "kubectl label deploy web tier=front -n kube-system").stderr(),
            "Error from server (NotFound): deployments.apps \"web\" not found\n"
        );
        assert_eq!(kubectl(&mut c, "kubectl label deployment web --list a=b").text(), "a=b\napp=web\ntier=front\n");
        let o = kubectl(&mut c, "kubectl label deploy,cm web plain --list");
        assert_eq!(o.stdout(), "Listing labels for Deployment.apps/web:\n app=web\n tier=front\nListing labels for ConfigMap./plain:\n");
        assert_eq!(
            o.stderr(),
            "Error from server (NotFound): deployments.apps \"plain\" not found\nError from server (NotFound): configmaps \"web\" not found\n"
        );
    }

    #[test]
    fn change_message_follows_the_json_length() {
        let mut c = with_workloads();
        // An object without labels gains an empty map: kubectl calls that "labeled".
        let o = kubectl(&mut c, "kubectl label cm plain gone-");
        assert_eq!(o.text(), "label \"gone\" not found.\nconfigmap/plain labeled\n");
        // Adding and removing at once: the longer JSON wins.
        assert_eq!(kubectl(&mut c, "kubectl label cm tagged tier- a=b").text(), "configmap/tagged unlabeled\n");
        assert_eq!(kubectl(&mut c, "kubectl label cm tagged a- longer-key=value").text(), "configmap/tagged labeled\n");
        assert_eq!(
            kubectl(&mut c, "kubectl label cm --all -A owner=me").text(),
            "configmap/kube-root-ca.crt labeled\nconfigmap/plain labeled\nconfigmap/tagged labeled\nconfigmap/kube-root-ca.crt labeled\nconfigmap/kube-root-ca.crt labeled\nconfigmap/kube-root-ca.crt labeled\n"
        );
    }

    #[test]
    fn resource_version_guards_the_write() {
        let mut c = with_workloads();
        let rv = c.store.configmaps.get("default", "tagged").unwrap().metadata.resource_version.clone();
        let o = kubectl(&mut c, "kubectl label cm tagged a=b --resource-version=1");
        assert_eq!(
            o.stderr(),
            "Error from server (Conflict): Operation cannot be fulfilled on configmaps \"tagged\": the object has been modified; please apply your changes to the latest version and try again\n"
        );
        let o = kubectl(&mut c, &format!("kubectl label cm tagged a=b --resource-version={rv}"));
        assert_eq!(o.text(), "configmap/tagged labeled\n");
        assert_eq!(c.store.configmaps.get("default", "tagged").unwrap().metadata.labels["a"], "b");
    }

    #[test]
    fn yaml_and_json_output() {
        let mut c = with_workloads();
        let o = kubectl(&mut c, "kubectl label cm plain a=b -o yaml");
        let y = o.stdout();
        assert!(y.starts_with("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"), "{y}");
        assert!(y.contains("  labels:\n    a: b\n"), "{y}");
        let o = kubectl(&mut c, "kubectl annotate cm plain tagged x=y -o yaml");
        assert_eq!(o.stdout().matches("\n---\n").count(), 1, "{}", o.stdout());
        let o = kubectl(&mut c, "kubectl annotate cm plain z=1 -o json --dry-run=client");
        let v: Value = serde_json::from_str(&o.stdout()).unwrap();
        assert_eq!(v["metadata"]["annotations"]["z"], "1");
        assert!(!c.store.configmaps.get("default", "plain").unwrap().metadata.annotations.contains_key("z"));
        // label asks for its printer after the write: a bad -o still labels, then fails.
        let o = kubectl(&mut c, "kubectl label cm plain late=yes -o bogus");
        assert_eq!(o.status, 1);
        assert!(o.stderr().starts_with("error: unable to match a printer suitable for the output format \"bogus\""));
        assert_eq!(c.store.configmaps.get("default", "plain").unwrap().metadata.labels["late"], "yes");
    }

    #[test]
    fn json_length_counts_go_escapes() {
        assert_eq!(go_json_len("\"a<b\""), 10);
        assert_eq!(go_json_len("\"\u{2028}\""), 8);
        assert_eq!(change_message("{}", "{}", false), "not labeled");
        assert_eq!(change_message("{\"a\":1}", "{}", false), "unlabeled");
        assert_eq!(change_message("{\"a\":1}", "{}", true), "labeled");
    }

    #[test]
    fn odd_input_never_panics() {
        let mut c = with_workloads();
        for line in [
            "kubectl label",
            "kubectl label - -",
            "kubectl label = =-",
            "kubectl label '' ''",
            "kubectl label , a=b",
            "kubectl label / a=b",
            "kubectl label node/ a=b",
            "kubectl label ,/x a=b",
            "kubectl label node node-1 ==",
            "kubectl label node node-1 é-",
            "kubectl label node node-1 'é=ü'",
            "kubectl annotate node node-1 'é=ü'",
            "kubectl label node -l '' a=b",
            "kubectl label node -l '(' a=b",
            "kubectl label cm --all -A a=b --dry-run=server -o yaml",
            "kubectl annotate cm,deploy,no --all -A a=b -o json",
            "kubectl label node node-1 a=b --dry-run",
            "kubectl annotate -A pods -l 'x in (a' a=b",
        ] {
            let _ = kubectl(&mut c, line);
        }
    }
}
