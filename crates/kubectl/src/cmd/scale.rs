//! `kubectl scale --replicas=N (TYPE NAME… | TYPE/NAME… | TYPE -l SELECTOR | TYPE --all)`:
//! sets `spec.replicas` through the `/scale` subresource, which only Deployments, ReplicaSets,
//! ReplicationControllers and StatefulSets serve.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/scale/scale.go` (`ToOptions`,
//! `Validate`, `RunScale`: the builder's objects first, `cannot use --resource-version with
//! multiple resources`, `no objects passed to scale`, the first scale error ends the command and
//! the builder's errors come last, `--record`'s merge patch after the scale), `kubectl/pkg/scale/
//! scale.go` (`ScaleSimple`: a GET and an update when `--current-replicas` or
//! `--resource-version` is given, else a merge patch; `PreconditionError` texts;
//! `WaitForScaleHasDesiredReplicas` for `--timeout`: `timed out waiting for %q to be synced`),
//! and the API server answering `…/jobs/NAME/scale` with a 404 without details
//! (`the server could not find the requested resource`; kubernetes-behavior.md §7.15).
//! `required flag(s) "replicas" not set` is cobra's check of the required flag.

use cluster::time::{parse_go_duration, Duration};
use cluster::validation::{go_quote, FieldError, GoValue};
use cluster::{ApiError, Cluster, Kind, Object};
use serde_json::Value;

use crate::cmd::errors::CmdError;
use crate::cmd::patch::common::{self, DryRun, Failure, Printing};
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::wait::block_until;
use crate::cmd::{flag_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "scale", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("replicas", None),
    value_flag("current-replicas", None),
    value_flag("resource-version", None),
    value_flag("timeout", None),
    value_flag("selector", Some('l')),
    bool_flag("all", None),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    value_flag("dry-run", None),
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
    bool_flag("record", None),
];

/// The kinds with a `/scale` subresource.
fn scalable(kind: Kind) -> bool {
    matches!(kind, Kind::Deployment | Kind::ReplicaSet | Kind::ReplicationController | Kind::StatefulSet)
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    common::deprecations(p, out, &[common::RECORD_DEPRECATED]);
    // pflag parses the typed flags first…
    let int = |flag: &str, default: i64| -> Result<i64, String> {
        match p.get(flag) {
            None => Ok(default),
            Some(v) => common::parse_int_flag(flag, v),
        }
    };
    let (replicas, current) = match (int("replicas", 0), int("current-replicas", -1)) {
        (Ok(r), Ok(c)) => (r, c),
        (Err(e), _) | (_, Err(e)) => return flag_error(out, Some("scale"), &e),
    };
    let timeout = match p.get("timeout").map(parse_go_duration) {
        None => Duration::ZERO,
        Some(Ok(d)) => d,
        Some(Err(e)) => return flag_error(out, Some("scale"), &format!("invalid argument {} for \"--timeout\" flag: {e}", go_quote(p.get("timeout").unwrap_or("")))),
    };
    // …then cobra checks the required one.
    if p.get("replicas").is_none() {
        return out.error("required flag(s) \"replicas\" not set");
    }
    // ToOptions.
    let dry_run = match common::dry_run_strategy(p) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    let printer = match common::printer_for(p) {
        Ok(pr) => pr,
        Err(e) => return out.error(e),
    };
    // Validate.
    if replicas < 0 {
        return out.error("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    }
    if current < -1 {
        return out.error("The --current-replicas must specify an integer of -1 or greater");
    }
    for flag in ["filename", "kustomize"] {
        if p.values.contains_key(flag) {
            return out.error(format!("kubeplay does not support \"kubectl scale --{flag}\" yet"));
        }
    }
    // RunScale.
    let namespace = ctx.namespace.clone();
    let source = match resolve(&p.args, p.bool("all"), p.get("selector").unwrap_or(""), &namespace, false).1 {
        Ok(s) => s,
        Err(e) => return common::report(out, vec![e.into()]),
    };
    let found = fetch(ctx.cluster, source, &namespace, "");
    let mut info_errs: Vec<Failure> = Vec::new();
    let mut infos = Vec::new();
    for item in found.items {
        match item {
            Ok((_, obj)) => infos.push(obj),
            Err(e) => info_errs.push(e.into()),
        }
    }
    if !found.list_errors.is_empty() {
        info_errs.push(CmdError::Agg(found.list_errors).into());
    }
    let resource_version = p.get("resource-version").filter(|v| !v.is_empty());
    if resource_version.is_some() && infos.len() > 1 {
        return out.error("cannot use --resource-version with multiple resources");
    }
    if infos.is_empty() {
        if info_errs.is_empty() {
            return out.error("no objects passed to scale");
        }
        return common::report(out, info_errs);
    }
    let precondition = (current != -1 || resource_version.is_some()).then_some((current, resource_version));
    let record = p.bool("record").then(|| common::change_cause(&["scale"], p));
    let mut printing = Printing::new(printer, dry_run);
    let mut dry_cluster: Option<Cluster> = None;
    for info in infos {
        let kind = info.kind();
        if dry_run == DryRun::Client {
            if let Err(e) = printing.print(out, kind, &info.to_value(), "scaled") {
                return out.error(e);
            }
            continue;
        }
        let target: &mut Cluster = match dry_run {
            DryRun::Server => dry_cluster.get_or_insert_with(|| ctx.cluster.clone()),
            _ => &mut *ctx.cluster,
        };
        let scaled = match scale(target, &info, replicas, precondition) {
            Ok(o) => o,
            Err(e) => return common::report(out, vec![e]),
        };
        if dry_run == DryRun::None {
            ctx.cluster.settle();
            if timeout.as_millis() != 0 {
                if let Err(e) = wait_for_replicas(ctx.cluster, &info, replicas, timeout) {
                    return common::report(out, vec![e]);
                }
            }
        }
        let mut shown = scaled;
        if let Some(cause) = &record {
            // `MakeRecordMergePatch`: a second write when the change cause differs.
            if shown.meta().annotations.get(common::CHANGE_CAUSE) != Some(cause) {
                let target: &mut Cluster = match dry_run {
                    DryRun::Server => dry_cluster.get_or_insert_with(|| ctx.cluster.clone()),
                    _ => &mut *ctx.cluster,
                };
                let mut again = shown.clone();
                again.meta_mut().annotations.insert(common::CHANGE_CAUSE.into(), cause.clone());
                again.meta_mut().resource_version.clear();
                if let Ok(o) = target.update(again) {
                    shown = o;
                }
                if dry_run == DryRun::None {
                    ctx.cluster.settle();
                }
            }
        }
        if let Err(e) = printing.print(out, kind, &shown.to_value(), "scaled") {
            return out.error(e);
        }
    }
    common::report(out, info_errs);
}

/// `ScaleSimple` against the `/scale` subresource.
fn scale(target: &mut Cluster, info: &Object, replicas: i64, precondition: Option<(i64, Option<&str>)>) -> Result<Object, Failure> {
    let kind = info.kind();
    let m = info.meta();
    if !scalable(kind) {
        return Err(Failure::Raw("Error from server (NotFound): the server could not find the requested resource".into()));
    }
    let current = target.get(kind, &m.namespace, &m.name)?;
    let value = current.to_value();
    if let Some((size, rv)) = precondition {
        let have = value.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
        if size != -1 && have != size {
            return Err(CmdError::Plain(format!("Expected replicas to be {size}, was {have}")).into());
        }
        if let Some(rv) = rv {
            if current.meta().resource_version != rv {
                return Err(CmdError::Plain(format!("Expected resource version to be {rv}, was {}", current.meta().resource_version)).into());
            }
        }
    }
    let Ok(replicas32) = i32::try_from(replicas) else {
        // The Scale object's `spec.replicas` is an int32.
        let patch = format!("{{\"spec\":{{\"replicas\":{replicas}}}}}");
        return Err(ApiError::Invalid {
            kind: "",
            name: String::new(),
            causes: vec![FieldError::invalid(
                "patch",
                GoValue::raw(go_quote(&patch)),
                format!("json: cannot unmarshal number {replicas} into Go struct field ScaleSpec.spec.replicas of type int32"),
            )],
        }
        .into());
    };
    let mut obj = current;
    match &mut obj {
        Object::Deployment(d) => d.spec.replicas = Some(replicas32),
        Object::ReplicaSet(r) => r.spec.replicas = Some(replicas32),
        Object::ReplicationController(r) => r.spec.replicas = Some(replicas32),
        Object::StatefulSet(s) => s.spec.replicas = Some(replicas32),
        _ => {}
    }
    obj.meta_mut().resource_version.clear();
    Ok(target.update(obj)?)
}

/// `WaitForScaleHasDesiredReplicas` on the virtual clock: until `status.replicas` is the new
/// size (or someone else changed `spec.replicas`).
fn wait_for_replicas(cluster: &mut Cluster, info: &Object, replicas: i64, timeout: Duration) -> Result<(), Failure> {
    let (kind, ns, name) = (info.kind(), info.meta().namespace.clone(), info.meta().name.clone());
    let deadline = cluster.now() + timeout;
    let mut gone = None;
    let synced = |c: &Cluster, gone: &mut Option<ApiError>| match c.get(kind, &ns, &name) {
        Err(e) => {
            *gone = Some(e);
            true
        }
        Ok(o) => {
            let v = o.to_value();
            let spec = v.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
            let status = v.pointer("/status/replicas").and_then(Value::as_i64).unwrap_or(0);
            spec != replicas || status == replicas
        }
    };
    let done = block_until(cluster, deadline, |c| synced(c, &mut gone));
    if let Some(e) = gone {
        return Err(e.into());
    }
    if !done {
        return Err(CmdError::Plain(format!("timed out waiting for {} to be synced", go_quote(&name))).into());
    }
    Ok(())
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

    fn workloads() -> Cluster {
        let mut c = Cluster::default();
        let template = json!({"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}});
        for (kind, name) in [(Kind::Deployment, "web"), (Kind::ReplicaSet, "rs"), (Kind::StatefulSet, "db")] {
            let v = json!({"metadata": {"name": name, "namespace": "default", "labels": {"tier": "a"}},
                           "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}, "template": template, "serviceName": "db"}});
            let mut v = v;
            if kind != Kind::StatefulSet {
                v["spec"].as_object_mut().unwrap().remove("serviceName");
            }
            c.create(Object::from_value(kind, v).unwrap()).unwrap();
        }
        let job = json!({"metadata": {"name": "once", "namespace": "default"},
                         "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox"}]}}}});
        c.create(Object::from_value(Kind::Job, job).unwrap()).unwrap();
        c.settle();
        c
    }

    fn replicas(c: &Cluster, kind: Kind, name: &str) -> i64 {
        c.get(kind, "default", name).unwrap().to_value()["spec"]["replicas"].as_i64().unwrap()
    }

    #[test]
    fn scales_each_kind_with_a_scale_subresource() {
        let mut c = workloads();
        assert_eq!(kubectl(&mut c, "kubectl scale deploy web --replicas=3").text(), "deployment.apps/web scaled\n");
        assert_eq!(kubectl(&mut c, "kubectl scale rs --replicas 4 rs").text(), "replicaset.apps/rs scaled\n");
        assert_eq!(kubectl(&mut c, "kubectl scale --replicas=2 statefulset/db").text(), "statefulset.apps/db scaled\n");
        assert_eq!((replicas(&c, Kind::Deployment, "web"), replicas(&c, Kind::ReplicaSet, "rs"), replicas(&c, Kind::StatefulSet, "db")), (3, 4, 2));
        assert_eq!(
            kubectl(&mut c, "kubectl scale deploy,rs,sts -l tier=a --replicas=0").text(),
            "deployment.apps/web scaled\nreplicaset.apps/rs scaled\nstatefulset.apps/db scaled\n"
        );
        assert_eq!(replicas(&c, Kind::StatefulSet, "db"), 0);
    }

    #[test]
    fn errors() {
        let mut c = workloads();
        let rows: &[(&str, &str)] = &[
            ("kubectl scale deploy web", "error: required flag(s) \"replicas\" not set\n"),
            ("kubectl scale deploy web --replicas=abc", "error: invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl scale --help' for usage.\n"),
            ("kubectl scale deploy web --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"),
            ("kubectl scale deploy web --replicas=1 --current-replicas=-2", "error: The --current-replicas must specify an integer of -1 or greater\n"),
            ("kubectl scale job once --replicas=2", "Error from server (NotFound): the server could not find the requested resource\n"),
            ("kubectl scale deploy nope --replicas=2", "Error from server (NotFound): deployments.apps \"nope\" not found\n"),
            ("kubectl scale deploy web --replicas=2 --current-replicas=5", "error: Expected replicas to be 5, was 1\n"),
            ("kubectl scale deploy web --replicas=2 --resource-version=1", &format!("error: Expected resource version to be 1, was {}\n", c.get(Kind::Deployment, "default", "web").unwrap().meta().resource_version)),
            ("kubectl scale deploy,rs --all --replicas=2 --resource-version=1", "error: cannot use --resource-version with multiple resources\n"),
            ("kubectl scale deploy -l nothing=here --replicas=2", "error: no objects passed to scale\n"),
            ("kubectl scale deploy web --replicas=60000", "The Deployment \"web\" is invalid: spec.replicas: Invalid value: 60000: must be no more than 50000 in kubeplay (a sandbox limit; a real cluster would try)\n"),
            ("kubectl scale deploy web --replicas=1 -o wide", "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"),
        ];
        for (cmd, want) in rows {
            let o = kubectl(&mut c, cmd);
            assert_eq!((o.text().as_str(), o.status), (*want, 1), "{cmd}");
        }
        assert_eq!(replicas(&c, Kind::Deployment, "web"), 1, "nothing was scaled");
    }

    #[test]
    fn first_scale_error_ends_the_command_and_builder_errors_come_last() {
        let mut c = workloads();
        let o = kubectl(&mut c, "kubectl scale deploy web nope --replicas=2");
        assert_eq!(o.stdout(), "deployment.apps/web scaled\n");
        assert_eq!(o.stderr(), "Error from server (NotFound): deployments.apps \"nope\" not found\n");
        let o = kubectl(&mut c, "kubectl scale job/once deploy/web --replicas=5");
        assert_eq!(o.text(), "Error from server (NotFound): the server could not find the requested resource\n");
        assert_eq!(replicas(&c, Kind::Deployment, "web"), 2);
    }

    #[test]
    fn preconditions_dry_runs_record_and_output() {
        let mut c = workloads();
        assert_eq!(kubectl(&mut c, "kubectl scale deploy web --current-replicas=1 --replicas=3").text(), "deployment.apps/web scaled\n");
        assert_eq!(kubectl(&mut c, "kubectl scale deploy web --replicas=9 --dry-run=client").text(), "deployment.apps/web scaled (dry run)\n");
        assert_eq!(kubectl(&mut c, "kubectl scale deploy web --replicas=9 --dry-run=server").text(), "deployment.apps/web scaled (server dry run)\n");
        assert_eq!(replicas(&c, Kind::Deployment, "web"), 3);
        assert_eq!(kubectl(&mut c, "kubectl scale deploy web --replicas=4 -o name").text(), "deployment.apps/web\n");
        let o = kubectl(&mut c, "kubectl scale deploy web --replicas=5 --record");
        assert_eq!(o.text(), "Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/web scaled\n");
        let d = c.get(Kind::Deployment, "default", "web").unwrap();
        assert_eq!(d.meta().annotations[common::CHANGE_CAUSE], "kubectl scale deploy web --record=true --replicas=5");
    }

    #[test]
    fn timeout_waits_on_the_virtual_clock() {
        let mut c = workloads();
        let before = c.now();
        let o = kubectl(&mut c, "kubectl scale deploy web --replicas=3 --timeout=30s");
        // Without a controller reporting status.replicas, the wait runs out.
        if o.status == 1 {
            assert_eq!(o.text(), "error: timed out waiting for \"web\" to be synced\n");
            assert_eq!((c.now() - before).as_secs(), 30);
        }
        assert_eq!(
            kubectl(&mut c, "kubectl scale deploy web --replicas=3 --timeout=x").text(),
            "error: invalid argument \"x\" for \"--timeout\" flag: time: invalid duration \"x\"\nSee 'kubectl scale --help' for usage.\n"
        );
    }
}
