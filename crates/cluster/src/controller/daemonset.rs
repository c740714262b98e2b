//! The DaemonSet controller (`pkg/controller/daemon`, v1.31; kubernetes-behavior.md §5): one pod
//! per eligible node.
//!
//! - A node is eligible (`NodeShouldRunDaemonPod`) when it matches the template's `nodeName`,
//!   `nodeSelector` and required node affinity, and has no NoSchedule/NoExecute taint the pod does
//!   not tolerate. Daemon pods tolerate `not-ready` and `unreachable` NoExecute for ever, and the
//!   `disk-pressure`, `memory-pressure`, `pid-pressure` and `unschedulable` NoSchedule taints
//!   (`network-unavailable` too with `hostNetwork`), so they survive node failure and cordons. A
//!   pod already on a node that only fails a NoSchedule taint keeps running.
//! - Pods are created from the template with those tolerations, the labels
//!   `controller-revision-hash` and `pod-template-generation`, and a required node affinity
//!   `matchFields metadata.name In [node]` that replaces the template's required terms; the
//!   scheduler binds them. `SuccessfulCreate`/`SuccessfulDelete` events come from
//!   `daemonset-controller`.
//! - Pods are claimed as the ReplicaSet controller claims them (ownerReferences decide: a pod
//!   another controller owns is never touched); a pod relabeled out of the selector is released
//!   and replaced.
//! - Updates: each template is snapshotted in a ControllerRevision `<ds>-<hash>`. RollingUpdate
//!   without surge deletes old pods on at most `maxUnavailable` nodes (unavailable old pods
//!   first, without counting) and the node gets its new pod once the old one is gone; with
//!   `maxSurge` a new pod starts next to the old one, which goes once the new one is available.
//!   OnDelete replaces pods only when they are deleted. A sync that created or deleted pods does
//!   not also roll (upstream's expectations are unsatisfied until the informer sees its writes).

use std::collections::BTreeMap;

use super::history::{self, CONTROLLER_REVISION_HASH};
use crate::api::*;
use crate::apiserver::ApiError;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::labels::Selector;
use crate::object::{Kind, Object};
use crate::registry::DAEMONSET_TEMPLATE_GENERATION;
use crate::scheduler::plugins::{matches_node_selector, tolerates};
use crate::store::{Change, ChangeType};
use crate::time::{Duration, Time};

/// At most this many pods are created or deleted per sync (`BurstReplicas`).
const BURST: usize = 250;
const REPORTER: Reporter<'static> = Reporter { component: "daemonset-controller", host: "" };
/// The pod label carrying the template generation the pod was made from.
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    match key.kind {
        Kind::DaemonSet if change.change != ChangeType::Deleted => c.enqueue(Kind::DaemonSet, &key.namespace, &key.name),
        // A node that joins, goes, or changes labels, taints or conditions may change where
        // daemon pods belong; syncs are idempotent, so every DaemonSet looks again.
        Kind::Node => {
            let all: Vec<(String, String)> = c.store.daemonsets.iter().map(|d| (d.metadata.namespace.clone(), d.metadata.name.clone())).collect();
            for (ns, name) in all {
                c.enqueue(Kind::DaemonSet, &ns, &name);
            }
        }
        Kind::Pod | Kind::ControllerRevision => {
            let mut owners: Vec<String> = change
                .owners
                .iter()
                .filter_map(|uid| c.store.key_of_uid(uid))
                .filter(|k| k.kind == Kind::DaemonSet && k.namespace == key.namespace)
                .map(|k| k.name.clone())
                .collect();
            // An orphan: every DaemonSet whose selector matches it may adopt it.
            let labels = match key.kind {
                Kind::Pod => c.store.pods.get(&key.namespace, &key.name).filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| &p.metadata),
                _ => c.store.controllerrevisions.get(&key.namespace, &key.name).map(|r| &r.metadata),
            }
            .filter(|m| history::controller_uid(m).is_none())
            .map(|m| &m.labels);
            if let Some(labels) = labels {
                for ds in c.store.daemonsets.in_namespace(&key.namespace) {
                    if selector_of(ds).is_some_and(|s| s.matches(labels)) {
                        owners.push(ds.metadata.name.clone());
                    }
                }
            }
            owners.sort();
            owners.dedup();
            for name in owners {
                c.enqueue(Kind::DaemonSet, &key.namespace, &name);
            }
        }
        _ => {}
    }
}

/// The DaemonSet's selector, unless it is missing, invalid or empty.
fn selector_of(ds: &DaemonSet) -> Option<Selector> {
    let ls = ds.spec.selector.as_ref()?;
    if ls.match_labels.is_empty() && ls.match_expressions.is_empty() {
        return None;
    }
    ls.as_selector().ok()
}

/// `util.GetTemplateGeneration`: the annotation the API server keeps.
fn template_generation(ds: &DaemonSet) -> Option<i64> {
    ds.metadata.annotations.get(DAEMONSET_TEMPLATE_GENERATION).and_then(|g| g.parse().ok())
}

/// `util.AddOrUpdateDaemonPodTolerations`.
pub(crate) fn add_daemon_tolerations(spec: &mut PodSpec) {
    let mut wanted = vec![
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if spec.host_network {
        wanted.push(("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    for (key, effect) in wanted {
        let t = Toleration { key: key.into(), operator: "Exists".into(), effect: effect.into(), ..Default::default() };
        // `AddOrUpdateTolerationInPodSpec`: one with the same key, operator, value and effect
        // is replaced (dropping its tolerationSeconds), else the toleration is appended.
        match spec.tolerations.iter_mut().find(|x| x.key == t.key && x.operator == t.operator && x.value == t.value && x.effect == t.effect) {
            Some(existing) => *existing = t,
            None => spec.tolerations.push(t),
        }
    }
}

/// `util.ReplaceDaemonSetPodNodeNameNodeAffinity`: the pod may only go to `node`.
fn pin_to_node(affinity: &mut Option<Affinity>, node: &str) {
    let term = NodeSelectorTerm {
        match_fields: vec![NodeSelectorRequirement { key: "metadata.name".into(), operator: "In".into(), values: vec![node.into()] }],
        ..Default::default()
    };
    let na = affinity.get_or_insert_with(Default::default).node_affinity.get_or_insert_with(Default::default);
    na.required_during_scheduling_ignored_during_execution = Some(NodeSelector { node_selector_terms: vec![term] });
}

/// `util.GetTargetNodeName`: the pod's node, or the one its node affinity pins it to.
fn target_node(p: &Pod) -> Option<&str> {
    if !p.spec.node_name.is_empty() {
        return Some(&p.spec.node_name);
    }
    let terms = &p.spec.affinity.as_ref()?.node_affinity.as_ref()?.required_during_scheduling_ignored_during_execution.as_ref()?.node_selector_terms;
    terms.iter().flat_map(|t| &t.match_fields).find(|r| r.key == "metadata.name" && r.operator == "In").filter(|r| r.values.len() == 1).map(|r| r.values[0].as_str())
}

/// Where the DaemonSet's pods belong: per node, (`shouldRun`, `shouldContinueRunning`).
struct Eligibility {
    pod: Pod,
}

impl Eligibility {
    /// `NewPod`: the template with the daemon tolerations, as the predicates see it.
    fn new(ds: &DaemonSet) -> Eligibility {
        let mut spec = ds.spec.template.spec.clone();
        add_daemon_tolerations(&mut spec);
        Eligibility { pod: Pod { metadata: ds.spec.template.metadata.clone(), spec, ..Default::default() } }
    }

    /// `NodeShouldRunDaemonPod`.
    fn check(&self, node: &Node) -> (bool, bool) {
        let name = &self.pod.spec.node_name;
        if !name.is_empty() && *name != node.metadata.name {
            return (false, false);
        }
        if !matches_node_selector(&self.pod, node) {
            return (false, false);
        }
        let untolerated = |effects: &[&str]| node.spec.taints.iter().any(|t| effects.contains(&t.effect.as_str()) && !tolerates(&self.pod.spec.tolerations, t));
        if untolerated(&["NoSchedule", "NoExecute"]) {
            return (false, !untolerated(&["NoExecute"]));
        }
        (true, true)
    }
}

/// What a sync needs of one of the DaemonSet's pods.
#[derive(Clone, Debug)]
struct DaemonPod {
    name: String,
    node: String,
    scheduled: bool,
    deleting: bool,
    phase: String,
    ready: bool,
    available: bool,
    available_at: Option<Time>,
    created: Time,
    hash: String,
    updated: bool,
}

impl DaemonPod {
    fn terminal(&self) -> bool {
        matches!(self.phase.as_str(), "Succeeded" | "Failed")
    }
}

/// `podByCreationTimestampAndPhase`: scheduled pods first, then the oldest, then by name.
fn by_age(a: &&DaemonPod, b: &&DaemonPod) -> std::cmp::Ordering {
    b.scheduled.cmp(&a.scheduled).then(a.created.cmp(&b.created)).then(a.name.cmp(&b.name))
}

/// `getDaemonPods` (adopting orphans and releasing pods that no longer match, as `ClaimPods`)
/// grouped by target node (`getNodesToDaemonPods`). Terminal pods being deleted are left out,
/// unless `include_deleted_terminal`.
fn daemon_pods(c: &mut Cluster, ds: &DaemonSet, selector: &Selector, hash: &str, claim: bool, include_deleted_terminal: bool) -> BTreeMap<String, Vec<DaemonPod>> {
    let (ns, uid) = (ds.metadata.namespace.as_str(), ds.metadata.uid.as_str());
    let mut owned: Vec<String> = Vec::new();
    let (mut release, mut adopt) = (Vec::new(), Vec::new());
    for p in c.store.pods.in_namespace(ns) {
        let matches = selector.matches(&p.metadata.labels);
        match history::controller_uid(&p.metadata) {
            Some(u) if u == uid && !matches => release.push(p.metadata.name.clone()),
            Some(u) if u == uid => owned.push(p.metadata.name.clone()),
            None if matches && p.metadata.deletion_timestamp.is_none() => adopt.push(p.metadata.name.clone()),
            _ => {}
        }
    }
    if claim {
        for name in release {
            if let Some(mut p) = c.store.pods.get(ns, &name).cloned() {
                p.metadata.owner_references.retain(|r| r.uid != uid);
                let _ = c.update(p.into());
            }
        }
        for name in adopt {
            if let Some(mut p) = c.store.pods.get(ns, &name).cloned() {
                p.metadata.owner_references.push(history::controller_ref(Kind::DaemonSet, &ds.metadata.name, uid));
                if c.update(p.into()).is_ok() {
                    owned.push(name);
                }
            }
        }
    }
    let (now, min_ready, generation) = (c.now(), ds.spec.min_ready_seconds, template_generation(ds));
    let mut by_node: BTreeMap<String, Vec<DaemonPod>> = BTreeMap::new();
    for name in owned {
        let Some(p) = c.store.pods.get(ns, &name) else { continue };
        let Some(node) = target_node(p) else { continue };
        let pod_hash = p.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned().unwrap_or_default();
        let gen_matches = generation.is_some_and(|g| p.metadata.labels.get(TEMPLATE_GENERATION_LABEL).is_some_and(|l| *l == g.to_string()));
        let dp = DaemonPod {
            name,
            node: node.to_string(),
            scheduled: !p.spec.node_name.is_empty(),
            deleting: p.metadata.deletion_timestamp.is_some(),
            phase: p.status.phase.clone(),
            ready: history::is_pod_ready(p),
            available: history::is_pod_available(p, min_ready, now),
            available_at: history::available_at(p, min_ready),
            created: p.metadata.creation_timestamp.unwrap_or(now),
            updated: (!hash.is_empty() && pod_hash == hash) || gen_matches,
            hash: pod_hash,
        };
        if !include_deleted_terminal && dp.terminal() && dp.deleting {
            continue;
        }
        by_node.entry(dp.node.clone()).or_default().push(dp);
    }
    by_node
}

/// One sync of one DaemonSet (`syncDaemonSet`).
pub(crate) fn sync(c: &mut Cluster, _kind: Kind, namespace: &str, name: &str) {
    let Some(ds) = c.store.daemonsets.get(namespace, name) else { return };
    if ds.metadata.deletion_timestamp.is_some() {
        return;
    }
    let Some(selector) = selector_of(ds) else {
        if ds.spec.selector.as_ref().is_some_and(|s| s.match_labels.is_empty() && s.match_expressions.is_empty()) {
            let obj: Object = ds.clone().into();
            c.record_event(&obj, "", "Warning", "SelectingAll", "This daemon set is selecting all pods. A non-empty selector is required.", REPORTER);
        }
        return;
    };
    let ds = ds.clone();
    let Some((hash, old)) = construct_history(c, &ds, &selector) else {
        // A hash collision bumped collisionCount; the status change brings the next sync.
        return;
    };
    let Some(ds) = c.store.daemonsets.get(namespace, name).cloned() else { return };
    let eligibility = Eligibility::new(&ds);
    let nodes: Vec<(String, bool, bool)> = c.store.nodes.iter().map(|n| {
        let (run, cont) = eligibility.check(n);
        (n.metadata.name.clone(), run, cont)
    }).collect();

    let pods = daemon_pods(c, &ds, &selector, &hash, true, false);
    let (creates, deletes) = manage(c, &ds, &nodes, &pods, &hash);
    let acted = !creates.is_empty() || !deletes.is_empty();
    sync_nodes(c, &ds, &hash, &creates, &deletes);
    if !acted && ds.spec.update_strategy.type_ == "RollingUpdate" {
        let pods = daemon_pods(c, &ds, &selector, &hash, false, false);
        let (creates, deletes) = rolling_update(&ds, &nodes, pods);
        sync_nodes(c, &ds, &hash, &creates, &deletes);
    }
    cleanup_history(c, &ds, &selector, &hash, old);
    update_status(c, &ds, &selector, &nodes, &hash);
}

fn surge_count(ds: &DaemonSet, number: i32) -> i32 {
    let s = &ds.spec.update_strategy;
    if s.type_ != "RollingUpdate" {
        return 0;
    }
    s.rolling_update.as_ref().map_or(0, |r| history::scaled_value(r.max_surge.as_ref(), number, true))
}

fn unavailable_count(ds: &DaemonSet, number: i32) -> i32 {
    let s = &ds.spec.update_strategy;
    if s.type_ != "RollingUpdate" {
        return 0;
    }
    s.rolling_update.as_ref().map_or(0, |r| history::scaled_value(r.max_unavailable.as_ref(), number, true))
}

/// `manage` and `podsShouldBeOnNode`: the nodes that need a pod and the pods to delete.
fn manage(c: &mut Cluster, ds: &DaemonSet, nodes: &[(String, bool, bool)], pods: &BTreeMap<String, Vec<DaemonPod>>, hash: &str) -> (Vec<String>, Vec<String>) {
    let (mut creates, mut deletes) = (Vec::new(), Vec::new());
    let allows_surge = surge_count(ds, 1) != 0;
    let obj: Object = ds.clone().into();
    let ns = &ds.metadata.namespace;
    for (node, should_run, should_continue) in nodes {
        let on_node = pods.get(node);
        let exists = on_node.is_some();
        if *should_run && !exists {
            creates.push(node.clone());
        } else if *should_continue {
            let mut running: Vec<&DaemonPod> = Vec::new();
            for p in on_node.into_iter().flatten().filter(|p| !p.deleting) {
                match p.phase.as_str() {
                    "Failed" => {
                        let msg = format!("Found failed daemon pod {ns}/{} on node {node}, will try to kill it", p.name);
                        c.record_event(&obj, "", "Warning", "FailedDaemonPod", &msg, REPORTER);
                        deletes.push(p.name.clone());
                    }
                    "Succeeded" => {
                        let msg = format!("Found succeeded daemon pod {ns}/{} on node {node}, will try to delete it", p.name);
                        c.record_event(&obj, "", "Normal", "SucceededDaemonPod", &msg, REPORTER);
                        deletes.push(p.name.clone());
                    }
                    _ => running.push(p),
                }
            }
            running.sort_by(by_age);
            if !allows_surge {
                // More than one pod on a node: all but the oldest go.
                deletes.extend(running.iter().skip(1).map(|p| p.name.clone()));
                continue;
            }
            if running.len() <= 1 {
                if running.is_empty() && *should_run {
                    creates.push(node.clone());
                }
                continue;
            }
            // Surging: keep the oldest new and the oldest old pod; the old one goes once it is
            // not ready, or once the new one is available.
            let (mut newest, mut oldest): (Option<&DaemonPod>, Option<&DaemonPod>) = (None, None);
            for p in running {
                let slot = if p.hash == hash { &mut newest } else { &mut oldest };
                if slot.is_none() {
                    *slot = Some(p);
                } else {
                    deletes.push(p.name.clone());
                }
            }
            if let (Some(new), Some(old)) = (newest, oldest) {
                if !old.ready || new.available {
                    deletes.push(old.name.clone());
                }
            }
        } else if exists {
            deletes.extend(on_node.into_iter().flatten().filter(|p| !p.deleting).map(|p| p.name.clone()));
        }
    }
    // Unscheduled pods meant for nodes that are gone (`getUnscheduledPodsWithoutNode`).
    for (node, list) in pods {
        if !nodes.iter().any(|(n, _, _)| n == node) {
            deletes.extend(list.iter().filter(|p| !p.scheduled).map(|p| p.name.clone()));
        }
    }
    (creates, deletes)
}

/// `rollingUpdate`: old pods to delete (and, when surging, nodes to start a new pod on).
fn rolling_update(ds: &DaemonSet, nodes: &[(String, bool, bool)], mut pods: BTreeMap<String, Vec<DaemonPod>>) -> (Vec<String>, Vec<String>) {
    // `updatedDesiredNodeCounts`.
    let mut desired = 0;
    for (node, run, _) in nodes {
        if *run {
            desired += 1;
            pods.entry(node.clone()).or_default();
        }
    }
    let max_surge = surge_count(ds, desired);
    let mut max_unavailable = unavailable_count(ds, desired);
    if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        max_unavailable = 1;
    }
    let should_run = |node: &str| nodes.iter().any(|(n, run, _)| n == node && *run);
    // `findUpdatedPodsOnNode`: at most one new and one old live pod, else let manage prune.
    let split = |list: &[DaemonPod]| -> Option<(Option<DaemonPod>, Option<DaemonPod>)> {
        let (mut new, mut old) = (None, None);
        for p in list.iter().filter(|p| !p.deleting) {
            let slot = if p.updated { &mut new } else { &mut old };
            if slot.is_some() {
                return None;
            }
            *slot = Some(p.clone());
        }
        Some((new, old))
    };
    if max_surge == 0 {
        let mut unavailable = 0;
        let (mut replacements, mut candidates) = (Vec::new(), Vec::new());
        for list in pods.values() {
            let Some((new, old)) = split(list) else {
                unavailable += 1;
                continue;
            };
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => unavailable += 1,
                (Some(new), None) => {
                    if !new.available {
                        unavailable += 1;
                    }
                }
                (None, Some(old)) => {
                    if !old.available {
                        replacements.push(old.name);
                        unavailable += 1;
                    } else if unavailable < max_unavailable {
                        candidates.push(old.name);
                    }
                }
            }
        }
        let remaining = (max_unavailable - unavailable).max(0) as usize;
        replacements.extend(candidates.into_iter().take(remaining));
        return (Vec::new(), replacements);
    }
    let (mut deletes, mut should_not_run, mut candidates, mut allowed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut surging, mut available) = (0, 0);
    for (node, list) in &pods {
        let Some((new, old)) = split(list) else {
            surging += 1;
            continue;
        };
        match (&old, &new) {
            (Some(o), _) if o.available => available += 1,
            (None, Some(n)) if n.available => available += 1,
            _ => {}
        }
        match (new, old) {
            (_, None) => {}
            (None, Some(old)) => {
                if !old.available {
                    if should_run(node) {
                        allowed.push(node.clone());
                    } else {
                        deletes.push(old.name);
                    }
                } else if !should_run(node) {
                    should_not_run.push(old.name);
                } else if surging < max_surge {
                    candidates.push(node.clone());
                }
            }
            (Some(new), Some(old)) => {
                if new.available {
                    deletes.push(old.name);
                } else {
                    surging += 1;
                }
            }
        }
    }
    let deletable = (available - desired).max(0) as usize;
    deletes.extend(should_not_run.into_iter().take(deletable));
    let remaining = (max_surge - surging).max(0) as usize;
    allowed.extend(candidates.into_iter().take(remaining));
    (allowed, deletes)
}

/// `syncNodes`: creates a pod on each node in `creates` and deletes the pods in `deletes`.
fn sync_nodes(c: &mut Cluster, ds: &DaemonSet, hash: &str, creates: &[String], deletes: &[String]) {
    if creates.is_empty() && deletes.is_empty() {
        return;
    }
    let obj: Object = ds.clone().into();
    let ns = &ds.metadata.namespace;
    if !creates.is_empty() {
        // `CreatePodTemplate` and `GetPodFromTemplate`.
        let t = &ds.spec.template;
        let mut labels = t.metadata.labels.clone();
        if let Some(g) = template_generation(ds) {
            labels.insert(TEMPLATE_GENERATION_LABEL.into(), g.to_string());
        }
        if !hash.is_empty() {
            labels.insert(CONTROLLER_REVISION_HASH.into(), hash.into());
        }
        let mut spec = t.spec.clone();
        add_daemon_tolerations(&mut spec);
        let prefix = format!("{}-", ds.metadata.name);
        let template = Pod {
            metadata: ObjectMeta {
                generate_name: if crate::validation::is_dns1123_subdomain(&format!("{prefix}a")).is_empty() { prefix } else { ds.metadata.name.clone() },
                namespace: ns.clone(),
                labels,
                annotations: t.metadata.annotations.clone(),
                finalizers: t.metadata.finalizers.clone(),
                owner_references: vec![history::controller_ref(Kind::DaemonSet, &ds.metadata.name, &ds.metadata.uid)],
                ..Default::default()
            },
            spec,
            ..Default::default()
        };
        for node in creates.iter().take(BURST) {
            let mut pod = template.clone();
            pin_to_node(&mut pod.spec.affinity, node);
            match c.create(pod.into()) {
                Ok(created) => {
                    let msg = format!("Created pod: {}", created.meta().name);
                    c.record_event(&obj, "", "Normal", "SuccessfulCreate", &msg, REPORTER);
                }
                Err(e) => {
                    let namespace_going = matches!(&e, ApiError::Forbidden(m) if m.contains("because it is being terminated"));
                    if !namespace_going {
                        c.record_event(&obj, "", "Warning", "FailedCreate", &format!("Error creating: {e}"), REPORTER);
                    }
                    // Slow start: the remaining creations wait for the next sync.
                    break;
                }
            }
        }
    }
    for name in deletes.iter().take(BURST) {
        match c.delete(Kind::Pod, ns, name, Default::default()) {
            Ok(_) => c.record_event(&obj, "", "Normal", "SuccessfulDelete", &format!("Deleted pod: {name}"), REPORTER),
            Err(ApiError::NotFound { .. }) => {}
            Err(e) => c.record_event(&obj, "", "Warning", "FailedDelete", &format!("Error deleting: {e}"), REPORTER),
        }
    }
}

/// `constructHistory`: the current revision's hash (creating the revision if the template is
/// new, or renumbering it when the template comes back) and the old revisions. `None` after a
/// hash collision, which bumps `status.collisionCount`.
fn construct_history(c: &mut Cluster, ds: &DaemonSet, selector: &Selector) -> Option<(String, Vec<ControllerRevision>)> {
    let (ns, uid) = (ds.metadata.namespace.clone(), ds.metadata.uid.clone());
    // `controlledHistories`: claim revisions as pods are claimed.
    let mut histories: Vec<ControllerRevision> = Vec::new();
    let mut changes: Vec<ControllerRevision> = Vec::new();
    for r in c.store.controllerrevisions.in_namespace(&ns) {
        let matches = selector.matches(&r.metadata.labels);
        match history::controller_uid(&r.metadata) {
            Some(u) if u == uid && !matches => {
                let mut r = r.clone();
                r.metadata.owner_references.retain(|o| o.uid != uid);
                changes.push(r);
            }
            Some(u) if u == uid => histories.push(r.clone()),
            None if matches && r.metadata.deletion_timestamp.is_none() => {
                let mut r = r.clone();
                r.metadata.owner_references.push(history::controller_ref(Kind::DaemonSet, &ds.metadata.name, &uid));
                changes.push(r.clone());
                histories.push(r);
            }
            _ => {}
        }
    }
    for r in changes {
        let _ = c.update(r.into());
    }
    let patch = history::template_patch(&ds.spec.template);
    let (mut current, mut old): (Vec<ControllerRevision>, Vec<ControllerRevision>) = (Vec::new(), Vec::new());
    for mut h in histories {
        if !h.metadata.labels.contains_key(CONTROLLER_REVISION_HASH) {
            h.metadata.labels.insert(CONTROLLER_REVISION_HASH.into(), h.metadata.name.clone());
            if let Ok(Object::ControllerRevision(u)) = c.update(h.clone().into()) {
                h = u;
            }
        }
        if h.data == patch {
            current.push(h);
        } else {
            old.push(h);
        }
    }
    let next = old.iter().map(|h| h.revision).max().unwrap_or(0) + 1;
    let cur = if current.is_empty() {
        snapshot(c, ds, patch, next)?
    } else {
        // `dedupCurHistories`: keep the highest revision, relabel pods, delete the others.
        current.sort_by_key(|h| h.revision);
        let keep = current.pop()?;
        if !current.is_empty() {
            let keep_hash = keep.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned().unwrap_or_default();
            let relabel: Vec<Pod> = c
                .store
                .pods
                .in_namespace(&ns)
                .filter(|p| history::controller_uid(&p.metadata) == Some(uid.as_str()) && p.metadata.labels.get(CONTROLLER_REVISION_HASH) != Some(&keep_hash))
                .cloned()
                .collect();
            for mut p in relabel {
                p.metadata.labels.insert(CONTROLLER_REVISION_HASH.into(), keep_hash.clone());
                let _ = c.update(p.into());
            }
            for dup in current {
                let _ = c.delete(Kind::ControllerRevision, &ns, &dup.metadata.name, Default::default());
            }
        }
        if keep.revision < next {
            let mut renumbered = keep.clone();
            renumbered.revision = next;
            match c.update(renumbered.into()) {
                Ok(Object::ControllerRevision(r)) => r,
                _ => keep,
            }
        } else {
            keep
        }
    };
    let hash = cur.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned().unwrap_or_default();
    Some((hash, old))
}

/// `snapshot`: a new revision `<ds>-<hash>` of the current template.
fn snapshot(c: &mut Cluster, ds: &DaemonSet, patch: serde_json::Value, revision: i64) -> Option<ControllerRevision> {
    let hash = history::compute_hash(&ds.spec.template, ds.status.collision_count);
    let name = history::revision_name(&ds.metadata.name, &hash);
    let mut labels = ds.spec.template.metadata.labels.clone();
    labels.insert(CONTROLLER_REVISION_HASH.into(), hash);
    let cr = ControllerRevision {
        metadata: ObjectMeta {
            name: name.clone(),
            namespace: ds.metadata.namespace.clone(),
            labels,
            annotations: ds.metadata.annotations.clone(),
            owner_references: vec![history::controller_ref(Kind::DaemonSet, &ds.metadata.name, &ds.metadata.uid)],
            ..Default::default()
        },
        data: patch.clone(),
        revision,
        ..Default::default()
    };
    match c.create(cr.into()) {
        Ok(Object::ControllerRevision(r)) => Some(r),
        Err(ApiError::AlreadyExists { .. }) => {
            let existing = c.store.controllerrevisions.get(&ds.metadata.namespace, &name)?.clone();
            if existing.data == patch {
                return Some(existing);
            }
            // A different template hashed to the same name: count the collision.
            let mut current = c.store.daemonsets.get(&ds.metadata.namespace, &ds.metadata.name)?.clone();
            current.status.collision_count = Some(current.status.collision_count.unwrap_or(0) + 1);
            let _ = c.update_status(current.into());
            None
        }
        _ => None,
    }
}

/// `cleanupHistory`: old revisions beyond `revisionHistoryLimit` that no pod uses go, oldest
/// first.
fn cleanup_history(c: &mut Cluster, ds: &DaemonSet, selector: &Selector, hash: &str, mut old: Vec<ControllerRevision>) {
    let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    if old.len() <= limit {
        return;
    }
    let mut to_kill = old.len() - limit;
    let pods = daemon_pods(c, ds, selector, hash, false, true);
    let live: std::collections::BTreeSet<&str> = pods.values().flatten().map(|p| p.hash.as_str()).filter(|h| !h.is_empty()).collect();
    old.sort_by_key(|h| h.revision);
    let mut doomed = Vec::new();
    for h in &old {
        if to_kill == 0 {
            break;
        }
        if h.metadata.labels.get(CONTROLLER_REVISION_HASH).is_some_and(|x| live.contains(x.as_str())) {
            continue;
        }
        doomed.push(h.metadata.name.clone());
        to_kill -= 1;
    }
    for name in doomed {
        let _ = c.delete(Kind::ControllerRevision, &ds.metadata.namespace, &name, Default::default());
    }
}

/// `updateDaemonSetStatus`: counts per node from the oldest pod on it; written only when
/// something changed. A pod that becomes available after `minReadySeconds` brings a sync back
/// a second after that (`updatePod` requeues after minReadySeconds + 1 s).
fn update_status(c: &mut Cluster, ds: &DaemonSet, selector: &Selector, nodes: &[(String, bool, bool)], hash: &str) {
    let pods = daemon_pods(c, ds, selector, hash, false, false);
    let (mut desired, mut current, mut misscheduled, mut ready, mut updated, mut available) = (0, 0, 0, 0, 0, 0);
    let mut next: Option<Time> = None;
    let now = c.now();
    for (node, should_run, _) in nodes {
        let list = pods.get(node).filter(|l| !l.is_empty());
        if !should_run {
            if list.is_some() {
                misscheduled += 1;
            }
            continue;
        }
        desired += 1;
        let Some(list) = list else { continue };
        current += 1;
        let mut sorted: Vec<&DaemonPod> = list.iter().collect();
        sorted.sort_by(by_age);
        let p = sorted[0];
        if p.ready {
            ready += 1;
            if p.available {
                available += 1;
            }
        }
        if p.updated {
            updated += 1;
        }
    }
    if ds.spec.min_ready_seconds > 0 {
        for p in pods.values().flatten().filter(|p| p.ready && !p.available) {
            if let Some(at) = p.available_at {
                let due = at + Duration::from_secs(1);
                if due > now {
                    next = Some(next.map_or(due, |n: Time| n.min(due)));
                }
            }
        }
    }
    if let Some(due) = next {
        c.schedule(due - now, Timer::Resync { kind: Kind::DaemonSet, namespace: ds.metadata.namespace.clone(), name: ds.metadata.name.clone() });
    }
    let Some(mut fresh) = c.store.daemonsets.get(&ds.metadata.namespace, &ds.metadata.name).cloned() else { return };
    let s = &mut fresh.status;
    let unavailable = desired - available;
    let same = (s.desired_number_scheduled, s.current_number_scheduled, s.number_misscheduled, s.number_ready, s.updated_number_scheduled, s.number_available, s.number_unavailable)
        == (desired, current, misscheduled, ready, updated, available, unavailable);
    if same && s.observed_generation >= ds.metadata.generation {
        return;
    }
    s.observed_generation = ds.metadata.generation;
    s.desired_number_scheduled = desired;
    s.current_number_scheduled = current;
    s.number_misscheduled = misscheduled;
    s.number_ready = ready;
    s.updated_number_scheduled = updated;
    s.number_available = available;
    s.number_unavailable = unavailable;
    let _ = c.update_status(fresh.into());
}
