//! `kubectl drain NODE…` (or `-l SELECTOR`): cordon the nodes, then evict (or, with
//! `--disable-eviction`, delete) their pods and wait — on the virtual clock — until they are
//! gone. Pods are filtered as upstream: DaemonSet-managed pods block the drain unless
//! `--ignore-daemonsets` (and are never evicted), pods without a controller need `--force`,
//! pods with `emptyDir` volumes need `--delete-emptydir-data`, mirror pods are skipped, finished
//! pods always go.
//!
//! Eviction here is a delete through the API server with the drain's grace period:
//! PodDisruptionBudgets are not modelled, so an eviction is never refused with 429.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/drain/drain.go` (`NewCmdDrain`,
//! `Complete` — `--pod-selector=<pod_selector> must be a valid label selector` —, `RunDrain`:
//! `error: unable to drain node %q due to error: %s, continuing command...`, `There are pending
//! nodes to be drained:`, `deleteOrEvictPodsSimple`: the `Warning:` line, `evicting pod %s/%s
//! (dry run)`, `There are pending pods in node %q when an error occurred: %v`),
//! `kubectl/pkg/drain/drain.go` (`GetPodsForDeletion`, `filterPods`, `DeleteOrEvictPods`,
//! `evictPods` — `evicting pod %s/%s`, `error when evicting pods/%q -n %q: %v`, `error when
//! waiting for pod %q in namespace %q to terminate: %v`, `global timeout reached: %v` —,
//! `deletePods`, `waitForDelete`, `makeDeleteOptions`), `kubectl/pkg/drain/filters.go` (the
//! filters in order, their messages, `Warnings()` and `errors()`), and `wait.PollImmediate`'s
//! `timed out waiting for the condition`. kubectl ranges over Go maps for the warnings and
//! errors; kubeplay sorts them by message.

use std::collections::BTreeMap;

use cluster::api::Pod;
use cluster::labels::Selector;
use cluster::time::{parse_go_duration, Duration, Time};
use cluster::validation::{go_quote, join_aggregate};
use cluster::{ApiError, Cluster, DeleteOptions, Kind, Object};

use crate::cmd::cordon::{cordon_or_uncordon, find_nodes};
use crate::cmd::errors::CmdError;
use crate::cmd::patch::common::{self, DryRun, Failure};
use crate::cmd::wait::block_until;
use crate::cmd::{flag_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "drain", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    bool_flag("force", None),
    bool_flag("ignore-daemonsets", None),
    bool_flag("delete-local-data", None),
    bool_flag("delete-emptydir-data", None),
    value_flag("grace-period", None),
    value_flag("timeout", None),
    value_flag("selector", Some('l')),
    value_flag("pod-selector", None),
    bool_flag("disable-eviction", None),
    value_flag("skip-wait-for-delete-timeout", None),
    value_flag("chunk-size", None),
    value_flag("dry-run", None),
];

/// How long kubeplay waits when kubectl would wait forever (`--timeout=0`, the default).
const FOREVER: Duration = Duration::from_secs(7 * 24 * 3600);

const DAEMONSET_FATAL: &str = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING: &str = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL: &str = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING: &str = "deleting Pods with local storage";
const UNMANAGED_FATAL: &str = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING: &str = "deleting Pods that declare no controller";
const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";

/// The drain's settings (`drain.Helper`).
struct Helper {
    force: bool,
    ignore_daemonsets: bool,
    delete_emptydir_data: bool,
    grace_period: i64,
    timeout: Duration,
    pod_selector: Selector,
    disable_eviction: bool,
    skip_wait_timeout: i64,
    dry_run: DryRun,
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    common::deprecations(p, out, &[("delete-local-data", "This option is deprecated and will be deleted. Use --delete-emptydir-data.")]);
    let int = |flag: &str, default: i64| -> Result<i64, String> {
        match p.get(flag) {
            None => Ok(default),
            Some(v) => common::parse_int_flag(flag, v),
        }
    };
    let (grace_period, skip_wait_timeout) = match (int("grace-period", -1), int("skip-wait-for-delete-timeout", 0), int("chunk-size", 500)) {
        (Ok(g), Ok(s), Ok(_)) => (g, s),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return flag_error(out, Some("drain"), &e),
    };
    let timeout = match p.get("timeout").map(parse_go_duration) {
        None => Duration::ZERO,
        Some(Ok(d)) => d,
        Some(Err(e)) => return flag_error(out, Some("drain"), &format!("invalid argument {} for \"--timeout\" flag: {e}", go_quote(p.get("timeout").unwrap_or("")))),
    };
    // Complete: the arguments, --dry-run, then --pod-selector, then the nodes.
    let (has_args, selector) = (!p.args.is_empty(), p.get("selector"));
    let usage_ok = (has_args || selector.is_some()) && !(has_args && selector.is_some_and(|s| !s.is_empty()));
    let pod_selector = match Selector::parse(p.get("pod-selector").unwrap_or("")) {
        Ok(s) => s,
        Err(_) if usage_ok && common::dry_run_strategy(p).is_ok() => {
            return out.error("--pod-selector=<pod_selector> must be a valid label selector");
        }
        Err(_) => Selector::everything(),
    };
    let Some(nodes) = find_nodes(ctx.cluster, p, "drain", &ctx.namespace, out) else { return };
    let dry_run = common::dry_run_strategy(p).unwrap_or(DryRun::None);
    let helper = Helper {
        force: p.bool("force"),
        ignore_daemonsets: p.bool("ignore-daemonsets"),
        delete_emptydir_data: p.bool("delete-emptydir-data") || p.bool("delete-local-data"),
        grace_period,
        timeout,
        pod_selector,
        disable_eviction: p.bool("disable-eviction"),
        skip_wait_timeout,
        dry_run,
    };
    // RunDrain.
    cordon_or_uncordon(ctx.cluster, &nodes, true, dry_run, out);
    let mut fatal: Vec<NodeError> = Vec::new();
    let mut remaining = Vec::new();
    for node in &nodes {
        match delete_or_evict_pods_simple(ctx.cluster, &helper, node, out) {
            Ok(()) => out.out(format!("node/{node} drained{}\n", dry_run.suffix())),
            Err(e) => {
                out.err(format!("error: unable to drain node {} due to error: {}, continuing command...\n", go_quote(node), e.error()));
                fatal.push(e);
                remaining.push(node.clone());
            }
        }
    }
    if !remaining.is_empty() {
        let mut s = String::from("There are pending nodes to be drained:\n");
        for n in &remaining {
            s.push_str(&format!(" {n}\n"));
        }
        out.err(s);
    }
    report(out, fatal);
}

/// Why a node was not drained: the aggregate of the pod filters' or the evictions' errors, or a
/// single error (a failed delete, the delete wait's time-out).
enum NodeError {
    Agg(Vec<Failure>),
    One(Failure),
}

/// `err.Error()`.
fn text(f: &Failure) -> String {
    match f {
        Failure::Cmd(CmdError::Api(e)) => common::status_message(e),
        Failure::Cmd(CmdError::Plain(s)) | Failure::Raw(s) => s.clone(),
        Failure::Cmd(e) => format!("{e:?}"),
    }
}

impl NodeError {
    fn error(&self) -> String {
        match self {
            NodeError::Agg(v) => join_aggregate(&v.iter().map(text).collect::<Vec<_>>()),
            NodeError::One(f) => text(f),
        }
    }
}

/// `CheckErr(utilerrors.NewAggregate(fatal))`: one node's aggregate prints one line per error
/// (no `error: ` prefix); several nodes one line each.
fn report(out: &mut Output, mut fatal: Vec<NodeError>) {
    let line = |f: Failure| match f {
        Failure::Cmd(CmdError::Plain(s)) => Failure::Raw(s),
        other => other,
    };
    match fatal.len() {
        0 => {}
        1 => match fatal.remove(0) {
            NodeError::Agg(v) => common::report(out, v.into_iter().map(line).collect()),
            NodeError::One(f) => common::report(out, vec![f]),
        },
        _ => {
            let lines = fatal
                .into_iter()
                .map(|e| match e {
                    NodeError::One(f @ Failure::Cmd(CmdError::Api(_))) => f,
                    e => Failure::Raw(e.error()),
                })
                .collect();
            common::report(out, lines);
        }
    }
}

/// A pod and what the filters decided (`PodDelete`, `PodDeleteStatus`).
struct PodDelete {
    pod: Pod,
    delete: bool,
    /// `Okay`, `Skip`, `Warning` or `Error`, with the message of the last two.
    reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reason {
    Okay,
    Skip,
    Warning(String),
    Error(String),
}

/// One of `makeFilters`: whether the pod may go, and why (not).
type Filter<'a> = &'a dyn Fn(&Pod) -> (bool, Reason);

fn okay() -> (bool, Reason) {
    (true, Reason::Okay)
}

impl Helper {
    /// `GetPodsForDeletion`: the node's pods (all namespaces, `--pod-selector`) through the
    /// filters; the filters' errors, grouped by message.
    fn pods_for_deletion(&self, cluster: &Cluster, node: &str) -> (Vec<PodDelete>, Vec<Failure>) {
        let mut list = Vec::new();
        for obj in cluster.list(Kind::Pod, None) {
            let Object::Pod(pod) = obj else { continue };
            if pod.spec.node_name != node || !self.pod_selector.matches(&pod.metadata.labels) {
                continue;
            }
            let filters: [Filter; 5] = [
                &|p| self.skip_deleted_filter(cluster, p),
                &|p| self.daemonset_filter(cluster, p),
                &|p| mirror_pod_filter(p),
                &|p| self.local_storage_filter(p),
                &|p| self.unreplicated_filter(p),
            ];
            let mut status = okay();
            for f in filters {
                status = f(&pod);
                if !status.0 {
                    break;
                }
            }
            list.push(PodDelete { pod, delete: status.0, reason: status.1 });
        }
        let mut failed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for d in &list {
            if let Reason::Error(msg) = &d.reason {
                let msg = if msg.is_empty() { "unexpected error".to_string() } else { msg.clone() };
                failed.entry(msg).or_default().push(format!("{}/{}", d.pod.metadata.namespace, d.pod.metadata.name));
            }
        }
        let errs = failed
            .into_iter()
            .map(|(msg, pods)| {
                let text = if msg.to_lowercase().starts_with("cannot delete") {
                    format!("{msg}: {}", pods.join(", "))
                } else {
                    format!("cannot delete {msg}: {}", pods.join(", "))
                };
                CmdError::Plain(text).into()
            })
            .collect();
        (list, errs)
    }

    fn skip_deleted_filter(&self, cluster: &Cluster, pod: &Pod) -> (bool, Reason) {
        if self.should_skip(cluster, pod) {
            return (false, Reason::Skip);
        }
        okay()
    }

    /// `shouldSkipPod`: `--skip-wait-for-delete-timeout` and a deletion older than that.
    fn should_skip(&self, cluster: &Cluster, pod: &Pod) -> bool {
        self.skip_wait_timeout > 0
            && pod.metadata.deletion_timestamp.is_some_and(|t: Time| (cluster.now() - t).as_secs() > self.skip_wait_timeout)
    }

    fn daemonset_filter(&self, cluster: &Cluster, pod: &Pod) -> (bool, Reason) {
        let Some(owner) = controller_of(pod).filter(|o| o.kind == "DaemonSet") else {
            return okay();
        };
        if finished(pod) {
            return okay();
        }
        if let Err(e) = cluster.get(Kind::DaemonSet, &pod.metadata.namespace, &owner.name) {
            let msg = common::status_message(&e);
            if matches!(e, ApiError::NotFound { .. }) && self.force {
                return (true, Reason::Warning(msg));
            }
            return (false, Reason::Error(msg));
        }
        if !self.ignore_daemonsets {
            return (false, Reason::Error(DAEMONSET_FATAL.into()));
        }
        (false, Reason::Warning(DAEMONSET_WARNING.into()))
    }

    fn local_storage_filter(&self, pod: &Pod) -> (bool, Reason) {
        if !pod.spec.volumes.iter().any(|v| v.empty_dir.is_some()) || finished(pod) {
            return okay();
        }
        if !self.delete_emptydir_data {
            return (false, Reason::Error(LOCAL_STORAGE_FATAL.into()));
        }
        (true, Reason::Warning(LOCAL_STORAGE_WARNING.into()))
    }

    fn unreplicated_filter(&self, pod: &Pod) -> (bool, Reason) {
        if finished(pod) || controller_of(pod).is_some() {
            return okay();
        }
        if self.force {
            return (true, Reason::Warning(UNMANAGED_WARNING.into()));
        }
        (false, Reason::Error(UNMANAGED_FATAL.into()))
    }

    fn delete_options(&self) -> DeleteOptions {
        DeleteOptions { grace_period_seconds: (self.grace_period >= 0).then_some(self.grace_period), propagation: None }
    }
}

fn mirror_pod_filter(pod: &Pod) -> (bool, Reason) {
    if pod.metadata.annotations.contains_key(MIRROR_ANNOTATION) {
        return (false, Reason::Skip);
    }
    okay()
}

fn finished(pod: &Pod) -> bool {
    matches!(pod.status.phase.as_str(), "Succeeded" | "Failed")
}

fn controller_of(pod: &Pod) -> Option<&cluster::api::OwnerReference> {
    pod.metadata.owner_references.iter().find(|o| o.controller == Some(true))
}

/// `PodDeleteList.Warnings()`: `message: ns/a, ns/b` per message, joined by `; `.
fn warnings(list: &[PodDelete]) -> String {
    let mut by_msg: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for d in list {
        if let Reason::Warning(msg) = &d.reason {
            by_msg.entry(msg).or_default().push(format!("{}/{}", d.pod.metadata.namespace, d.pod.metadata.name));
        }
    }
    by_msg.into_iter().map(|(m, pods)| format!("{m}: {}", pods.join(", "))).collect::<Vec<_>>().join("; ")
}

/// `deleteOrEvictPodsSimple`.
fn delete_or_evict_pods_simple(cluster: &mut Cluster, d: &Helper, node: &str, out: &mut Output) -> Result<(), NodeError> {
    let (list, errs) = d.pods_for_deletion(cluster, node);
    if !errs.is_empty() {
        return Err(NodeError::Agg(errs));
    }
    let w = warnings(&list);
    if !w.is_empty() {
        out.err(format!("Warning: {w}\n"));
    }
    let pods: Vec<&Pod> = list.iter().filter(|p| p.delete).map(|p| &p.pod).collect();
    if d.dry_run == DryRun::Client {
        for p in pods {
            out.out(format!("evicting pod {}/{} (dry run)\n", p.metadata.namespace, p.metadata.name));
        }
        return Ok(());
    }
    let Err(err) = delete_or_evict(cluster, d, &pods, out) else { return Ok(()) };
    let (pending, new_errs) = d.pods_for_deletion(cluster, node);
    let pending: Vec<&PodDelete> = pending.iter().filter(|p| p.delete).collect();
    if !pending.is_empty() {
        let mut s = format!("There are pending pods in node {} when an error occurred: {}\n", go_quote(node), err.error());
        for p in pending {
            s.push_str(&format!("pod/{}\n", p.pod.metadata.name));
        }
        out.err(s);
    }
    if !new_errs.is_empty() {
        out.err(format!("Following errors occurred while getting the list of pods to delete:\n{}", join_aggregate(&new_errs.iter().map(text).collect::<Vec<_>>())));
    }
    Err(err)
}

/// `DeleteOrEvictPods`: evictions (the API server serves `pods/eviction`), or deletes.
fn delete_or_evict(cluster: &mut Cluster, d: &Helper, pods: &[&Pod], out: &mut Output) -> Result<(), NodeError> {
    if pods.is_empty() {
        return Ok(());
    }
    if d.disable_eviction {
        delete_pods(cluster, d, pods, out)
    } else {
        evict_pods(cluster, d, pods, out)
    }
}

/// A pod being waited for: (namespace, name, uid).
type Pending = (String, String, String);

fn evict_pods(cluster: &mut Cluster, d: &Helper, pods: &[&Pod], out: &mut Output) -> Result<(), NodeError> {
    let mut errors: Vec<Failure> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let server_dry_run = d.dry_run == DryRun::Server;
    let mut dry_cluster = server_dry_run.then(|| cluster.clone());
    for pod in pods {
        let (ns, name) = (&pod.metadata.namespace, &pod.metadata.name);
        out.out(format!("evicting pod {ns}/{name}{}\n", if server_dry_run { " (server dry run)" } else { "" }));
        let target = dry_cluster.as_mut().unwrap_or(&mut *cluster);
        match target.delete(Kind::Pod, ns, name, d.delete_options()) {
            Ok(_) if server_dry_run => {}
            Ok(_) => pending.push((ns.clone(), name.clone(), pod.metadata.uid.clone())),
            Err(ApiError::NotFound { .. }) => {}
            Err(e) => errors.push(CmdError::Plain(format!("error when evicting pods/{} -n {}: {}", go_quote(name), go_quote(ns), common::status_message(&e))).into()),
        }
        cluster.settle();
    }
    let timed_out = wait_for_delete(cluster, d, &mut pending, "evicted", out);
    for (ns, name, _) in timed_out {
        let why = match d.timeout.as_millis() {
            0 => format!("kubeplay stopped waiting after {} of virtual time (kubectl would wait until interrupted)", FOREVER.go_string()),
            _ => format!("global timeout reached: {}", d.timeout.go_string()),
        };
        errors.push(CmdError::Plain(format!("error when waiting for pod {} in namespace {} to terminate: {why}", go_quote(&name), go_quote(&ns))).into());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(NodeError::Agg(errors))
    }
}

fn delete_pods(cluster: &mut Cluster, d: &Helper, pods: &[&Pod], out: &mut Output) -> Result<(), NodeError> {
    let server_dry_run = d.dry_run == DryRun::Server;
    let mut dry_cluster = server_dry_run.then(|| cluster.clone());
    let mut pending: Vec<Pending> = Vec::new();
    for pod in pods {
        let (ns, name) = (&pod.metadata.namespace, &pod.metadata.name);
        let target = dry_cluster.as_mut().unwrap_or(&mut *cluster);
        match target.delete(Kind::Pod, ns, name, d.delete_options()) {
            Ok(_) | Err(ApiError::NotFound { .. }) => pending.push((ns.clone(), name.clone(), pod.metadata.uid.clone())),
            Err(e) => return Err(NodeError::One(e.into())),
        }
        cluster.settle();
    }
    if server_dry_run {
        // kubectl would now wait for pods a dry run never deletes; kubeplay does not.
        return Ok(());
    }
    if wait_for_delete(cluster, d, &mut pending, "deleted", out).is_empty() {
        return Ok(());
    }
    let msg = match d.timeout.as_millis() {
        0 => format!("kubeplay stopped waiting after {} of virtual time (kubectl would wait until interrupted)", FOREVER.go_string()),
        _ => "timed out waiting for the condition".to_string(),
    };
    Err(NodeError::One(CmdError::Plain(msg).into()))
}

/// `waitForDelete` on the virtual clock: each pod's `pod/NAME <verb>` line as it goes, until
/// all are gone or the timeout (a week of virtual time for kubectl's "forever"). Returns the
/// pods still there.
fn wait_for_delete(cluster: &mut Cluster, d: &Helper, pending: &mut Vec<Pending>, verb: &str, out: &mut Output) -> Vec<Pending> {
    let timeout = if d.timeout.as_millis() <= 0 { FOREVER } else { d.timeout };
    let deadline = cluster.now() + timeout;
    block_until(cluster, deadline, |c| {
        pending.retain(|(ns, name, uid)| match c.get(Kind::Pod, ns, name) {
            Ok(Object::Pod(p)) if p.metadata.uid == *uid => {
                if d.should_skip(c, &p) {
                    out.out(format!("pod {} has DeletionTimestamp older than {} seconds, skipping\n", go_quote(name), d.skip_wait_timeout));
                    return false;
                }
                true
            }
            _ => {
                out.out(format!("pod/{name} {verb}\n"));
                false
            }
        });
        pending.is_empty()
    });
    std::mem::take(pending)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::NoFiles;
    use crate::shell::{tokenize, Token};
    use serde_json::{json, Value};

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

    fn pod(c: &mut Cluster, name: &str, extra: Value) {
        let mut v = json!({"metadata": {"name": name, "namespace": "default"},
                           "spec": {"nodeName": "node-1", "containers": [{"name": "c", "image": "nginx"}]}});
        if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            for (k, x) in e {
                match (m.get_mut(k), x) {
                    (Some(Value::Object(a)), Value::Object(b)) => a.extend(b.clone()),
                    _ => {
                        m.insert(k.clone(), x.clone());
                    }
                }
            }
        }
        c.create(Object::from_value(Kind::Pod, v).unwrap()).unwrap();
        c.settle();
    }

    /// An owner that exists (the garbage collector deletes pods whose owner does not).
    fn owner(c: &mut Cluster, kind: &str, name: &str) -> String {
        let k = Kind::from_name(kind).unwrap();
        if let Ok(o) = c.get(k, "default", name) {
            return o.meta().uid.clone();
        }
        let mut v = json!({"metadata": {"name": name, "namespace": "default"},
            "spec": {"selector": {"matchLabels": {"app": name}}, "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [{"name": "c", "image": "busybox"}]}}}});
        if k == Kind::ReplicaSet {
            v["spec"]["replicas"] = json!(0);
        }
        let o = c.create(Object::from_value(k, v).unwrap()).unwrap();
        c.settle();
        o.meta().uid.clone()
    }

    fn owned(c: &mut Cluster, name: &str, kind: &str, owner_name: &str) -> Value {
        let uid = owner(c, kind, owner_name);
        // The pod joins its ReplicaSet's count, so the controller neither deletes it as excess nor creates another.
        if let Ok(Object::ReplicaSet(mut rs)) = c.get(Kind::ReplicaSet, "default", owner_name) {
            rs.spec.replicas = Some(rs.spec.replicas.unwrap_or(0) + 1);
            c.update(rs.into()).unwrap();
        }
        json!({"metadata": {"name": name, "namespace": "default", "labels": {"app": owner_name}, "ownerReferences": [{"apiVersion": "apps/v1", "kind": kind, "name": owner_name, "uid": uid, "controller": true}]}})
    }

    fn owned_pod(c: &mut Cluster, name: &str, kind: &str, owner_name: &str) {
        let extra = owned(c, name, kind, owner_name);
        pod(c, name, extra);
    }

    #[test]
    fn drains_replicated_pods() {
        let mut c = Cluster::default();
        owned_pod(&mut c, "web-1", "ReplicaSet", "web");
        owned_pod(&mut c, "web-2", "ReplicaSet", "web");
        c.advance(Duration::from_secs(30));
        let before = c.now();
        let o = kubectl(&mut c, "kubectl drain node-1");
        assert_eq!(
            o.text(),
            "node/node-1 cordoned\nevicting pod default/web-1\nevicting pod default/web-2\npod/web-1 evicted\npod/web-2 evicted\nnode/node-1 drained\n"
        );
        assert_eq!(o.status, 0);
        assert!(c.get(Kind::Pod, "default", "web-1").is_err());
        assert!(c.now() > before, "waiting took virtual time");
        assert_eq!(kubectl(&mut c, "kubectl drain node-1").text(), "node/node-1 already cordoned\nnode/node-1 drained\n");
    }

    #[test]
    fn filters_block_the_drain() {
        let mut c = Cluster::default();
        pod(&mut c, "bare", json!({}));
        owned_pod(&mut c, "web-1", "ReplicaSet", "web");
        let o = kubectl(&mut c, "kubectl drain node-1");
        assert_eq!(
            o.text(),
            "node/node-1 cordoned\nerror: unable to drain node \"node-1\" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete Pods that declare no controller (use --force to override): default/bare\n"
        );
        assert_eq!(o.status, 1);
        assert!(c.get(Kind::Pod, "default", "web-1").is_ok(), "nothing was evicted");
        let o = kubectl(&mut c, "kubectl drain node-1 --force --grace-period=0");
        assert_eq!(
            o.text(),
            "node/node-1 already cordoned\nWarning: deleting Pods that declare no controller: default/bare\nevicting pod default/bare\nevicting pod default/web-1\npod/bare evicted\npod/web-1 evicted\nnode/node-1 drained\n"
        );
    }

    #[test]
    fn daemonsets_local_storage_mirror_pods() {
        let mut c = Cluster::default();
        // A real DaemonSet: its controller puts a pod on every worker, node-1's among them.
        owner(&mut c, "DaemonSet", "agent");
        let agent = c.store.pods.iter().find(|p| p.metadata.name.starts_with("agent-") && p.spec.node_name == "node-1").map(|p| p.metadata.name.clone()).unwrap();
        let mut extra = owned(&mut c, "cache", "ReplicaSet", "web");
        extra["spec"] = json!({"volumes": [{"name": "tmp", "emptyDir": {}}]});
        pod(&mut c, "cache", extra);
        pod(&mut c, "static", json!({"metadata": {"annotations": {"kubernetes.io/config.mirror": "x"}}}));
        let o = kubectl(&mut c, "kubectl drain node-1");
        assert_eq!(
            o.stderr(),
            format!("error: unable to drain node \"node-1\" due to error: [cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache], continuing command...\nThere are pending nodes to be drained:\n node-1\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/{agent}\ncannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache\n")
        );
        let o = kubectl(&mut c, "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data");
        assert_eq!(
            o.text(),
            format!("node/node-1 already cordoned\nWarning: ignoring DaemonSet-managed Pods: default/{agent}\nevicting pod default/cache\npod/cache evicted\nnode/node-1 drained\n")
        );
        // The DaemonSet's pod stays: daemon pods tolerate the unschedulable taint.
        assert!(c.get(Kind::Pod, "default", &agent).is_ok() && c.get(Kind::Pod, "default", "static").is_ok());
    }

    #[test]
    fn dry_runs_delete_mode_timeouts_and_errors() {
        let mut c = Cluster::default();
        owned_pod(&mut c, "web-1", "ReplicaSet", "web");
        assert_eq!(
            kubectl(&mut c, "kubectl drain node-1 --dry-run=client").text(),
            "node/node-1 cordoned (dry run)\nevicting pod default/web-1 (dry run)\nnode/node-1 drained (dry run)\n"
        );
        assert_eq!(
            kubectl(&mut c, "kubectl drain node-1 --dry-run=server").text(),
            "node/node-1 cordoned (server dry run)\nevicting pod default/web-1 (server dry run)\nnode/node-1 drained (server dry run)\n"
        );
        assert!(c.get(Kind::Pod, "default", "web-1").is_ok());
        assert!(!c.store.nodes.get("", "node-1").unwrap().spec.unschedulable);
        // A finalizer keeps the pod: the timeout ends the wait.
        let mut extra = owned(&mut c, "stuck", "ReplicaSet", "web");
        extra["metadata"]["finalizers"] = json!(["example.com/keep"]);
        pod(&mut c, "stuck", extra);
        let o = kubectl(&mut c, "kubectl drain node-1 --pod-selector=!nothing --timeout=20s --disable-eviction");
        assert_eq!(
            o.text(),
            "node/node-1 cordoned\npod/web-1 deleted\nThere are pending pods in node \"node-1\" when an error occurred: timed out waiting for the condition\npod/stuck\nerror: unable to drain node \"node-1\" due to error: timed out waiting for the condition, continuing command...\nThere are pending nodes to be drained:\n node-1\nerror: timed out waiting for the condition\n"
        );
        let o = kubectl(&mut c, "kubectl drain node-1 --timeout=20s");
        assert_eq!(
            o.text(),
            "node/node-1 already cordoned\nevicting pod default/stuck\nThere are pending pods in node \"node-1\" when an error occurred: error when waiting for pod \"stuck\" in namespace \"default\" to terminate: global timeout reached: 20s\npod/stuck\nerror: unable to drain node \"node-1\" due to error: error when waiting for pod \"stuck\" in namespace \"default\" to terminate: global timeout reached: 20s, continuing command...\nThere are pending nodes to be drained:\n node-1\nerror when waiting for pod \"stuck\" in namespace \"default\" to terminate: global timeout reached: 20s\n"
        );
        let rows: &[(&str, &str)] = &[
            ("kubectl drain", "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n"),
            ("kubectl drain node-1 -l a=b", "error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n"),
            ("kubectl drain node-1 --pod-selector='a b'", "error: --pod-selector=<pod_selector> must be a valid label selector\n"),
            ("kubectl drain node-9", "Error from server (NotFound): nodes \"node-9\" not found\n"),
            ("kubectl drain node-1 --grace-period=x", "error: invalid argument \"x\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl drain --help' for usage.\n"),
        ];
        for (cmd, want) in rows {
            let o = kubectl(&mut c, cmd);
            assert_eq!((o.text().as_str(), o.status), (*want, 1), "{cmd}");
        }
    }
}
