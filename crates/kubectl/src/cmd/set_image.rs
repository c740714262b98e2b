//! `kubectl set image (TYPE NAME | TYPE/NAME | TYPE -l SEL | TYPE --all) CONTAINER=IMAGE…`
//! (`*=IMAGE` for every container): the images of a pod or a pod template, init containers
//! included. `kubectl set` itself is registered here; its other subcommands are not modelled.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/set/set_image.go` (`Complete`:
//! the builder's errors end the command before `Validate`; `Validate`'s aggregate; `Run`: a
//! container name not found is `error: unable to find container named %q`, an object without a
//! pod template is `error: <resource>/<name> the object is not a pod or does not have a pod
//! template: *v1.Kind` plus a newline, an unchanged object prints nothing, a failed patch is
//! `failed to patch image update to pod template: …`), `set/helper.go` (`CalculatePatches`),
//! `polymorphichelpers/updatepodspec.go` (which kinds have a pod spec), `set/set.go` (the bare
//! `kubectl set` prints its help on stderr and fails; an unknown subcommand is a usage error),
//! `cmdutil.GetResourcesAndPairs`/`ParsePairs`, and `RecordFlags` (the change cause is the
//! command line; `--record` is deprecated).

use std::collections::BTreeMap;

use cluster::{Cluster, Kind, Object};
use serde_json::Value;

use crate::cmd::errors::CmdError;
use crate::cmd::patch::common::{self, DryRun, Failure};
use crate::cmd::printflags::ObjectPrinter;
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::{usage_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "set", flags: FLAGS, run };

/// `set image`'s flags, and those of the other `set` subcommands so that they get as far as
/// "not supported yet".
const FLAGS: &[Flag] = &[
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
    bool_flag("record", None),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    bool_flag("all", None),
    value_flag("selector", Some('l')),
    bool_flag("local", None),
    value_flag("dry-run", None),
    value_flag("field-manager", None),
    // set env / resources / selector / serviceaccount / subject
    value_flag("containers", Some('c')),
    value_flag("env", Some('e')),
    value_flag("from", None),
    value_flag("keys", None),
    value_flag("prefix", None),
    bool_flag("list", None),
    bool_flag("overwrite", None),
    bool_flag("resolve", None),
    value_flag("limits", None),
    value_flag("requests", None),
    value_flag("resource-version", None),
    value_flag("group", None),
    value_flag("user", None),
    value_flag("serviceaccount", None),
];

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    match p.args.first().map(String::as_str) {
        None => {
            // `DefaultSubCommandRun`: the help on stderr, and a failure.
            out.err(crate::cmd::help::SET);
            out.status = 1;
        }
        Some("image") => image(ctx, p, out),
        Some(sub @ ("env" | "resources" | "selector" | "serviceaccount" | "sa" | "subject")) => {
            out.error(format!("kubeplay does not support \"kubectl set {sub}\" yet"))
        }
        // `RequireNoArguments`: every word is named.
        Some(_) => usage_error(out, "set", &format!("unknown command {}", cluster::validation::go_quote(&p.args.join(" ")))),
    }
}

fn image(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    common::deprecations(p, out, &[common::RECORD_DEPRECATED]);
    let words = &p.args[1..];
    // Complete.
    let dry_run = match common::dry_run_strategy(p) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    let mut printer = match ObjectPrinter::new(p.get("output"), p.get("template"), "image updated", dry_run) {
        Ok(pr) => pr,
        Err(e) => return out.error(e),
    };
    let (resources, images) = match resources_and_images(words) {
        Ok(r) => r,
        Err(e) => return out.error(e),
    };
    if p.bool("local") {
        return out.error("kubeplay does not support \"kubectl set image --local\" yet");
    }
    for flag in ["filename", "kustomize"] {
        if p.values.contains_key(flag) {
            return out.error(format!("kubeplay does not support \"kubectl set image --{flag}\" yet"));
        }
    }
    let selector = p.get("selector").unwrap_or("");
    let all = p.bool("all");
    let namespace = ctx.namespace.clone();
    let source = match resolve(&resources, all, selector, &namespace, false).1 {
        Ok(s) => s,
        Err(e) => return common::report(out, vec![e.into()]),
    };
    let found = fetch(ctx.cluster, source, &namespace, "");
    let mut infos = Vec::new();
    let mut errs: Vec<Failure> = Vec::new();
    for item in found.items {
        match item {
            Ok((_, obj)) => infos.push(obj),
            Err(e) => errs.push(e.into()),
        }
    }
    if !found.list_errors.is_empty() {
        errs.push(CmdError::Agg(found.list_errors).into());
    }
    if !errs.is_empty() {
        return common::report(out, errs);
    }
    // Validate.
    let mut invalid = Vec::new();
    if all && !selector.is_empty() {
        invalid.push("cannot set --all and --selector at the same time");
    }
    if resources.is_empty() {
        invalid.push("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if images.is_empty() {
        invalid.push("at least one image update is required");
    } else if images.len() > 1 && images.contains_key("*") {
        invalid.push("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    }
    if !invalid.is_empty() {
        let errs: Vec<Failure> = invalid.into_iter().map(|e| CmdError::plain(e).into()).collect();
        return common::report(out, errs);
    }
    // Run.
    let record = p.bool("record").then(|| common::change_cause(&["set"], p));
    let mut dry_cluster: Option<Cluster> = None;
    for info in infos {
        let before = info.to_value();
        let mut after = before.clone();
        if let Err(e) = set_images(&mut after, info.kind(), &images, &mut errs) {
            let name = format!("{}/{}", info.kind().resource().plural, info.meta().name);
            errs.push(CmdError::Plain(format!("error: {name} {e}\n")).into());
            continue;
        }
        if let Some(cause) = &record {
            if let Some(meta) = after.get_mut("metadata").and_then(Value::as_object_mut) {
                let ann = meta.entry("annotations").or_insert_with(|| Value::Object(Default::default()));
                if let Some(a) = ann.as_object_mut() {
                    a.insert(common::CHANGE_CAUSE.into(), Value::String(cause.clone()));
                }
            }
        }
        if after == before {
            continue; // no changes: nothing to patch, nothing printed
        }
        let Ok(mutated) = Object::from_value(info.kind(), after.clone()) else { continue };
        if dry_run == DryRun::Client {
            if let Err(e) = printer.print(&mutated, out) {
                errs.push(CmdError::Plain(e).into());
            }
            continue;
        }
        let target: &mut Cluster = match dry_run {
            DryRun::Server => dry_cluster.get_or_insert_with(|| ctx.cluster.clone()),
            _ => &mut *ctx.cluster,
        };
        match patch(target, &info, &images, record.as_deref()) {
            Ok(mut written) => {
                if dry_run == DryRun::None {
                    ctx.cluster.settle();
                } else {
                    written.meta_mut().resource_version = info.meta().resource_version.clone();
                }
                if let Err(e) = printer.print(&written, out) {
                    errs.push(CmdError::Plain(e).into());
                }
            }
            Err(e) => errs.push(CmdError::Plain(format!("failed to patch image update to pod template: {e}")).into()),
        }
    }
    common::report(out, errs);
}

/// `GetResourcesAndPairs(args, "image")` and `ParsePairs(pairs, "image", false)`.
fn resources_and_images(args: &[String]) -> Result<(Vec<String>, BTreeMap<String, String>), String> {
    let mut resources = Vec::new();
    let mut pairs: Vec<&str> = Vec::new();
    for s in args {
        let is_pair = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        match (pairs.is_empty(), is_pair) {
            (_, true) => pairs.push(s),
            (true, false) => resources.push(s.clone()),
            (false, false) => return Err(format!("all resources must be specified before image changes: {s}")),
        }
    }
    let mut images = BTreeMap::new();
    let mut invalid = Vec::new();
    for pair in pairs {
        match pair.split_once('=').filter(|_| !pair.starts_with('=')) {
            Some((k, v)) => {
                images.insert(k.to_string(), v.to_string());
            }
            None => invalid.push(pair),
        }
    }
    if !invalid.is_empty() {
        return Err(format!("invalid image format: {}", invalid.join(", ")));
    }
    Ok((resources, images))
}

/// Where a kind keeps its pod spec (`UpdatePodSpecForObjectFn`).
fn pod_spec_path(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Pod => Some("/spec"),
        Kind::ReplicationController | Kind::Deployment | Kind::DaemonSet | Kind::ReplicaSet | Kind::StatefulSet | Kind::Job => {
            Some("/spec/template/spec")
        }
        Kind::CronJob => Some("/spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// Sets the images on an object's JSON. A container name matching nothing is an error of its
/// own (collected in `errs`); an object without a pod spec fails.
fn set_images(obj: &mut Value, kind: Kind, images: &BTreeMap<String, String>, errs: &mut Vec<Failure>) -> Result<(), String> {
    let Some(spec) = pod_spec_path(kind).and_then(|p| obj.pointer_mut(p)) else {
        return Err(format!("the object is not a pod or does not have a pod template: *v1.{}", kind.name()));
    };
    for (name, image) in images {
        let mut found = false;
        for list in ["initContainers", "containers"] {
            let Some(containers) = spec.get_mut(list).and_then(Value::as_array_mut) else { continue };
            for c in containers {
                if name == "*" || c.get("name").and_then(Value::as_str) == Some(name) {
                    found = true;
                    if let Some(m) = c.as_object_mut() {
                        m.insert("image".into(), Value::String(image.clone()));
                    }
                }
            }
        }
        if !found {
            errs.push(CmdError::Plain(format!("error: unable to find container named {}", cluster::validation::go_quote(name))).into());
        }
    }
    Ok(())
}

/// The strategic merge patch of the images (and change cause) applied to the object as the
/// server holds it now; the error is the server's message.
fn patch(target: &mut Cluster, info: &Object, images: &BTreeMap<String, String>, record: Option<&str>) -> Result<Object, String> {
    let m = info.meta();
    let current = target.get(info.kind(), &m.namespace, &m.name).map_err(|e| common::status_message(&e))?;
    let mut v = current.to_value();
    let mut ignored = Vec::new();
    set_images(&mut v, info.kind(), images, &mut ignored)?;
    let mut obj = Object::from_value(info.kind(), v).map_err(|e| format!("{e:?}"))?;
    if let Some(cause) = record {
        obj.meta_mut().annotations.insert(common::CHANGE_CAUSE.into(), cause.to_string());
    }
    obj.meta_mut().resource_version.clear();
    target.update(obj).map_err(|e| common::status_message(&e))
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

    fn cluster() -> Cluster {
        let mut c = Cluster::default();
        let spec = json!({"initContainers": [{"name": "init", "image": "busybox"}],
                          "containers": [{"name": "nginx", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}]});
        let d = json!({"metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}, "template": {"metadata": {"labels": {"app": "web"}}, "spec": spec}}});
        c.create(Object::from_value(Kind::Deployment, d).unwrap()).unwrap();
        let cj = json!({"metadata": {"name": "tick", "namespace": "default"},
            "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}}}}}});
        c.create(Object::from_value(Kind::CronJob, cj).unwrap()).unwrap();
        c.create(Object::from_value(Kind::ConfigMap, json!({"metadata": {"name": "cfg", "namespace": "default"}})).unwrap()).unwrap();
        c.settle();
        c
    }

    fn images(c: &Cluster) -> Vec<String> {
        let v = c.get(Kind::Deployment, "default", "web").unwrap().to_value();
        let spec = &v["spec"]["template"]["spec"];
        spec["initContainers"].as_array().unwrap().iter().chain(spec["containers"].as_array().unwrap()).map(|c| c["image"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn sets_images_by_name_and_wildcard() {
        let mut c = cluster();
        assert_eq!(kubectl(&mut c, "kubectl set image deployment/web nginx=nginx:1.26").text(), "deployment.apps/web image updated\n");
        assert_eq!(images(&c), ["busybox", "nginx:1.26", "busybox"]);
        assert_eq!(kubectl(&mut c, "kubectl set image deploy web init=alpine log=busybox:1.36").text(), "deployment.apps/web image updated\n");
        assert_eq!(images(&c), ["alpine", "nginx:1.26", "busybox:1.36"]);
        assert_eq!(kubectl(&mut c, "kubectl set image deploy/web '*=nginx:1.27'").text(), "deployment.apps/web image updated\n");
        assert_eq!(images(&c), ["nginx:1.27", "nginx:1.27", "nginx:1.27"]);
        // Nothing changes: nothing printed.
        assert_eq!(kubectl(&mut c, "kubectl set image deploy/web '*=nginx:1.27'").text(), "");
        assert_eq!(kubectl(&mut c, "kubectl set image cronjob/tick c=alpine").text(), "cronjob.batch/tick image updated\n");
    }

    #[test]
    fn errors() {
        let mut c = cluster();
        let rows: &[(&str, &str)] = &[
            ("kubectl set image deploy/web nope=x", "error: unable to find container named \"nope\"\n"),
            ("kubectl set image deploy/web", "error: at least one image update is required\n"),
            ("kubectl set image deploy/web a=b '*=c'", "error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n"),
            ("kubectl set image deploy/web nginx=x extra", "error: all resources must be specified before image changes: extra\n"),
            ("kubectl set image deploy/web nginx-", "error: invalid image format: nginx-\n"),
            ("kubectl set image deploy/nope nginx=x", "Error from server (NotFound): deployments.apps \"nope\" not found\n"),
            ("kubectl set image cm/cfg nginx=x", "error: configmaps/cfg the object is not a pod or does not have a pod template: *v1.ConfigMap\n"),
            ("kubectl set image deploy/web nginx=", "error: failed to patch image update to pod template: Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required value\n"),
            ("kubectl set image deploy/web a=x b=y", "error: unable to find container named \"a\"\nerror: unable to find container named \"b\"\n"),
            ("kubectl set foo bar", "error: unknown command \"foo bar\"\nSee 'kubectl set -h' for help and examples\n"),
            ("kubectl set env deploy/web A=b", "error: kubeplay does not support \"kubectl set env\" yet\n"),
        ];
        for (cmd, want) in rows {
            let o = kubectl(&mut c, cmd);
            assert_eq!((o.text().as_str(), o.status), (*want, 1), "{cmd}");
        }
        assert_eq!(images(&c), ["busybox", "nginx:1.25", "busybox"]);
        let o = kubectl(&mut c, "kubectl set");
        assert!(o.stderr().starts_with("Configure application resources."));
        assert_eq!(o.status, 1);
    }

    #[test]
    fn found_containers_change_even_when_another_name_is_missing() {
        let mut c = cluster();
        let o = kubectl(&mut c, "kubectl set image deploy/web nginx=nginx:2 nope=x");
        assert_eq!(o.stdout(), "deployment.apps/web image updated\n");
        assert_eq!(o.stderr(), "error: unable to find container named \"nope\"\n");
        assert_eq!(images(&c)[1], "nginx:2");
    }

    #[test]
    fn record_and_dry_runs() {
        let mut c = cluster();
        let o = kubectl(&mut c, "kubectl set image deployment/web nginx=nginx:1.26 --record=true");
        assert_eq!(o.text(), "Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/web image updated\n");
        let d = c.get(Kind::Deployment, "default", "web").unwrap();
        assert_eq!(d.meta().annotations[common::CHANGE_CAUSE], "kubectl set image deployment/web nginx=nginx:1.26 --record=true");
        assert_eq!(kubectl(&mut c, "kubectl set image deploy/web nginx=x --dry-run=client").text(), "deployment.apps/web image updated (dry run)\n");
        assert_eq!(kubectl(&mut c, "kubectl set image deploy/web nginx=x --dry-run=server").text(), "deployment.apps/web image updated (server dry run)\n");
        assert_eq!(images(&c)[1], "nginx:1.26");
        let o = kubectl(&mut c, "kubectl set image deploy/web nginx=nginx:9 -o yaml --dry-run=client");
        assert!(o.stdout().contains("image: nginx:9\n"), "{}", o.stdout());
    }
}
