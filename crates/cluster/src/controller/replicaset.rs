//! The ReplicaSet controller (`pkg/controller/replicaset`, v1.31), which also runs
//! ReplicationControllers (upstream adapts them into the same code): keeps as many active pods as
//! `spec.replicas` asks, adopting orphans that match the selector and releasing pods whose labels
//! no longer match (`ControllerRefManager.ClaimPods`), creating from the template
//! (`SuccessfulCreate`) and deleting by upstream's ranking (`ActivePodsWithRanks`:
//! unassigned, phase, readiness, deletion cost, pods doubled up on a node, log2 buckets of ready
//! time, restarts, log2 buckets of age) with `SuccessfulDelete`. Status counts are computed from
//! the pods seen at the start of a sync, as upstream does; the next sync catches up.

use std::collections::{BTreeMap, BTreeSet};

use crate::api::*;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::labels::Selector;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType, ObjectKey};
use crate::time::{Duration, Time};

/// At most this many pods are created or deleted per sync (`burstReplicas`).
const BURST: usize = 500;

/// A ReplicaSet or a ReplicationController, seen the same way.
struct Owner {
    kind: Kind,
    namespace: String,
    name: String,
    uid: String,
    replicas: i32,
    min_ready_seconds: i32,
    selector: Selector,
    template: PodTemplateSpec,
    generation: i64,
}

fn owner(c: &Cluster, kind: Kind, namespace: &str, name: &str) -> Option<Owner> {
    let (meta, replicas, min_ready, selector, template) = match kind {
        Kind::ReplicaSet => {
            let rs = c.store.replicasets.get(namespace, name)?;
            let sel = rs.spec.selector.as_ref()?.as_selector().ok()?;
            (&rs.metadata, rs.spec.replicas.unwrap_or(1), rs.spec.min_ready_seconds, sel, rs.spec.template.clone())
        }
        Kind::ReplicationController => {
            let rc = c.store.replicationcontrollers.get(namespace, name)?;
            let sel = crate::labels::label_selector_as_selector(&rc.spec.selector, &[]).ok()?;
            (&rc.metadata, rc.spec.replicas.unwrap_or(1), rc.spec.min_ready_seconds, sel, rc.spec.template.clone()?)
        }
        _ => return None,
    };
    if meta.deletion_timestamp.is_some() || selector.is_empty() {
        return None;
    }
    Some(Owner {
        kind,
        namespace: namespace.into(),
        name: name.into(),
        uid: meta.uid.clone(),
        replicas,
        min_ready_seconds: min_ready,
        selector,
        template,
        generation: meta.generation,
    })
}

fn reporter(kind: Kind) -> Reporter<'static> {
    let component = if kind == Kind::ReplicaSet { "replicaset-controller" } else { "replication-controller" };
    Reporter { component, host: "" }
}

/// The controller's view of its pods, kept from the watch stream, so a pod whose readiness
/// changes costs a status update, not a walk over every pod: what each pod controlled by a
/// ReplicaSet/RC counts towards, the totals per owner, and which owners need which kind of sync.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cache {
    pods: BTreeMap<ObjectKey, Counted>,
    owners: BTreeMap<String, Counts>,
    /// Owners whose pods came, went, stopped or changed labels: they need a full sync.
    full: BTreeSet<(Kind, String, String)>,
}

/// What one pod contributes to its controller's status.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Counted {
    owner: String,
    owner_kind: Kind,
    owner_name: String,
    active: bool,
    matches: bool,
    fully_labeled: bool,
    ready_since: Option<Time>,
}

/// One owner's totals over its active pods.
#[derive(Clone, Debug, Default)]
struct Counts {
    active: i32,
    fully_labeled: i32,
    /// Ready pods by the time they became ready (for `minReadySeconds`).
    ready: BTreeMap<Time, i32>,
}

impl Counts {
    fn add(&mut self, p: &Counted, sign: i32) {
        if !p.active {
            return;
        }
        self.active += sign;
        if p.fully_labeled {
            self.fully_labeled += sign;
        }
        if let Some(t) = p.ready_since {
            let n = self.ready.entry(t).or_default();
            *n += sign;
            if *n == 0 {
                self.ready.remove(&t);
            }
        }
    }
}

/// What a pod counts towards, if a ReplicaSet or ReplicationController controls it.
fn counted(c: &Cluster, p: &Pod) -> Option<Counted> {
    let r = p.metadata.owner_references.iter().find(|r| r.controller == Some(true))?;
    let key = c.store.key_of_uid(&r.uid)?;
    let labels = &p.metadata.labels;
    let (matches, template) = match key.kind {
        Kind::ReplicaSet => {
            let rs = c.store.replicasets.get(&key.namespace, &key.name)?;
            (rs.spec.selector.as_ref().and_then(|s| s.as_selector().ok()).is_some_and(|s| !s.is_empty() && s.matches(labels)), &rs.spec.template.metadata.labels)
        }
        Kind::ReplicationController => {
            let rc = c.store.replicationcontrollers.get(&key.namespace, &key.name)?;
            let template = rc.spec.template.as_ref().map(|t| &t.metadata.labels)?;
            (!rc.spec.selector.is_empty() && rc.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v)), template)
        }
        _ => return None,
    };
    Some(Counted {
        owner: r.uid.clone(),
        owner_kind: key.kind,
        owner_name: key.name.clone(),
        active: is_active(p),
        matches,
        fully_labeled: template.iter().all(|(k, v)| labels.get(k) == Some(v)),
        ready_since: ready_since(p),
    })
}

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    match key.kind {
        Kind::ReplicaSet | Kind::ReplicationController if change.change != ChangeType::Deleted => {
            // A spec the controller has not acted on yet (its own status writes need nothing).
            let unobserved = match key.kind {
                Kind::ReplicaSet => c.store.replicasets.get(&key.namespace, &key.name).is_some_and(|rs| rs.metadata.generation != rs.status.observed_generation),
                _ => c.store.replicationcontrollers.get(&key.namespace, &key.name).is_some_and(|rc| rc.metadata.generation != rc.status.observed_generation),
            };
            if unobserved {
                c.replicasets.full.insert((key.kind, key.namespace.clone(), key.name.clone()));
                c.enqueue(key.kind, &key.namespace, &key.name);
            }
        }
        Kind::ReplicaSet | Kind::ReplicationController => {
            c.replicasets.owners.remove(&change.uid);
        }
        Kind::Pod => {
            let pod = c.store.pods.get(&key.namespace, &key.name);
            let new = pod.and_then(|p| counted(c, p));
            let old = c.replicasets.pods.get(key).cloned();
            // Which owners to sync, and whether only their status can have changed.
            let mut owners: Vec<(Kind, String, bool)> = Vec::new();
            match (&old, &new) {
                (Some(o), Some(n)) if o.owner == n.owner && o.active == n.active && o.matches == n.matches && o.fully_labeled == n.fully_labeled => {
                    if o.ready_since != n.ready_since {
                        owners.push((n.owner_kind, n.owner_name.clone(), false));
                    }
                }
                _ => {
                    for x in old.iter().chain(new.iter()) {
                        owners.push((x.owner_kind, x.owner_name.clone(), true));
                    }
                }
            }
            // An orphan: every owner whose selector matches it may adopt it.
            if let Some(p) = pod {
                if !p.metadata.owner_references.iter().any(|o| o.controller == Some(true)) && p.metadata.deletion_timestamp.is_none() {
                    let labels = &p.metadata.labels;
                    for rs in c.store.replicasets.in_namespace(&key.namespace) {
                        if rs.spec.selector.as_ref().and_then(|s| s.as_selector().ok()).is_some_and(|s| !s.is_empty() && s.matches(labels)) {
                            owners.push((Kind::ReplicaSet, rs.metadata.name.clone(), true));
                        }
                    }
                    for rc in c.store.replicationcontrollers.in_namespace(&key.namespace) {
                        if !rc.spec.selector.is_empty() && rc.spec.selector.iter().all(|(k, v)| labels.get(k) == Some(v)) {
                            owners.push((Kind::ReplicationController, rc.metadata.name.clone(), true));
                        }
                    }
                }
            }
            let cache = &mut c.replicasets;
            if let Some(o) = &old {
                cache.owners.entry(o.owner.clone()).or_default().add(o, -1);
            }
            match new {
                Some(n) => {
                    cache.owners.entry(n.owner.clone()).or_default().add(&n, 1);
                    cache.pods.insert(key.clone(), n);
                }
                None => {
                    cache.pods.remove(key);
                }
            }
            for (kind, name, full) in owners {
                if full {
                    c.replicasets.full.insert((kind, key.namespace.clone(), name.clone()));
                }
                c.enqueue(kind, &key.namespace, &name);
            }
        }
        _ => {}
    }
}

fn is_active(p: &Pod) -> bool {
    p.metadata.deletion_timestamp.is_none() && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
}

pub(crate) fn ready_since(p: &Pod) -> Option<Time> {
    p.status.conditions.iter().find(|c| c.type_ == "Ready" && c.status == "True").and_then(|c| c.last_transition_time)
}

/// What a sync needs of one owned pod (pods are not cloned: a sync runs often).
struct PodInfo {
    name: String,
    uid: String,
    node: String,
    phase: String,
    active: bool,
    ready_since: Option<Time>,
    deletion_cost: i32,
    restarts: i32,
    created: Option<Time>,
}

impl PodInfo {
    fn of(p: &Pod) -> PodInfo {
        PodInfo {
            name: p.metadata.name.clone(),
            uid: p.metadata.uid.clone(),
            node: p.spec.node_name.clone(),
            phase: p.status.phase.clone(),
            active: is_active(p),
            ready_since: ready_since(p),
            deletion_cost: p.metadata.annotations.get("controller.kubernetes.io/pod-deletion-cost").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
            restarts: p.status.container_statuses.iter().map(|s| s.restart_count).max().unwrap_or(0),
            created: p.metadata.creation_timestamp,
        }
    }
}

/// One sync of one owner (`syncReplicaSet`). When only the readiness of its pods changed since
/// the last one, the status is all there is to do.
pub(crate) fn sync(c: &mut Cluster, kind: Kind, namespace: &str, name: &str) {
    let full = c.replicasets.full.remove(&(kind, namespace.to_string(), name.to_string()));
    let Some(o) = owner(c, kind, namespace, name) else { return };
    if !full {
        return write_status(c, &o, None);
    }
    let mut owned: Vec<PodInfo> = Vec::new();
    let (mut release, mut adopt) = (Vec::new(), Vec::new());
    for p in c.store.pods.in_namespace(namespace) {
        let controller = p.metadata.owner_references.iter().find(|r| r.controller == Some(true)).map(|r| r.uid.as_str());
        let matches = o.selector.matches(&p.metadata.labels);
        match controller {
            // Release: the pod's labels no longer match.
            Some(uid) if uid == o.uid && !matches => release.push(p.metadata.name.clone()),
            Some(uid) if uid == o.uid => owned.push(PodInfo::of(p)),
            // Adopt an orphan.
            None if matches && p.metadata.deletion_timestamp.is_none() => adopt.push(p.metadata.name.clone()),
            _ => {}
        }
    }
    for pod in release {
        if let Some(mut p) = c.store.pods.get(namespace, &pod).cloned() {
            p.metadata.owner_references.retain(|r| r.uid != o.uid);
            let _ = c.update(p.into());
        }
    }
    for pod in adopt {
        if let Some(mut p) = c.store.pods.get(namespace, &pod).cloned() {
            p.metadata.owner_references.push(controller_ref(&o));
            if let Ok(Object::Pod(adopted)) = c.update(p.into()) {
                owned.push(PodInfo::of(&adopted));
            }
        }
    }
    let active: Vec<&PodInfo> = owned.iter().filter(|p| p.active).collect();
    let diff = active.len() as i64 - i64::from(o.replicas.max(0));
    let owner_obj = c.get(kind, namespace, name).ok();
    let mut failure = None;
    if diff < 0 {
        for _ in 0..(-diff as usize).min(BURST) {
            match c.create(pod_from_template(&o).into()) {
                Ok(created) => {
                    if let Some(obj) = &owner_obj {
                        let msg = format!("Created pod: {}", created.meta().name);
                        c.record_event(obj, "", "Normal", "SuccessfulCreate", &msg, reporter(kind));
                    }
                }
                Err(e) => {
                    let msg = format!("Error creating: {e}");
                    if let Some(obj) = &owner_obj {
                        c.record_event(obj, "", "Warning", "FailedCreate", &msg, reporter(kind));
                    }
                    failure = Some(msg);
                    break;
                }
            }
        }
    } else if diff > 0 {
        let now = c.now();
        for p in pods_to_delete(&active, diff as usize, now).into_iter().take(BURST) {
            if c.delete(Kind::Pod, namespace, &p.name, Default::default()).is_ok() {
                if let Some(obj) = &owner_obj {
                    let msg = format!("Deleted pod: {}", p.name);
                    c.record_event(obj, "", "Normal", "SuccessfulDelete", &msg, reporter(kind));
                }
            }
        }
    }
    write_status(c, &o, failure);
}

fn controller_ref(o: &Owner) -> OwnerReference {
    OwnerReference {
        api_version: o.kind.api_version().into(),
        kind: o.kind.name().into(),
        name: o.name.clone(),
        uid: o.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// `GetPodFromTemplate`: the template's labels, annotations and spec, named `<owner>-xxxxx`.
fn pod_from_template(o: &Owner) -> Pod {
    let t = &o.template;
    Pod {
        metadata: ObjectMeta {
            generate_name: format!("{}-", o.name),
            namespace: o.namespace.clone(),
            labels: t.metadata.labels.clone(),
            annotations: t.metadata.annotations.clone(),
            finalizers: t.metadata.finalizers.clone(),
            owner_references: vec![controller_ref(o)],
            ..Default::default()
        },
        spec: t.spec.clone(),
        ..Default::default()
    }
}

/// `getPodsToDelete`: the first `n` pods in `ActivePodsWithRanks` order. The rank of a pod is
/// how many of the owner's active pods share its node.
fn pods_to_delete<'a>(active: &[&'a PodInfo], n: usize, now: Time) -> Vec<&'a PodInfo> {
    if n >= active.len() {
        return active.to_vec();
    }
    let mut on_node: BTreeMap<&str, i64> = BTreeMap::new();
    for p in active.iter().filter(|p| !p.node.is_empty()) {
        *on_node.entry(p.node.as_str()).or_default() += 1;
    }
    let rank = |p: &PodInfo| if p.node.is_empty() { 0 } else { on_node.get(p.node.as_str()).copied().unwrap_or(0) };
    let phase = |p: &PodInfo| match p.phase.as_str() {
        "Pending" | "" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    let log2 = |t: Time| {
        let d = (now - t).as_millis();
        if d > 0 {
            ((d as f64) * 1e6).log2() as i64
        } else {
            -1
        }
    };
    let mut sorted: Vec<&PodInfo> = active.to_vec();
    sorted.sort_by(|a, b| {
        use std::cmp::Ordering::*;
        let (an, bn) = (a.node.is_empty(), b.node.is_empty());
        if a.node != b.node && (an || bn) {
            return if an { Less } else { Greater };
        }
        if phase(a) != phase(b) {
            return phase(a).cmp(&phase(b));
        }
        let (ar, br) = (a.ready_since.is_some(), b.ready_since.is_some());
        if ar != br {
            return if !ar { Less } else { Greater };
        }
        if a.deletion_cost != b.deletion_cost {
            return a.deletion_cost.cmp(&b.deletion_cost);
        }
        if rank(a) != rank(b) {
            return rank(b).cmp(&rank(a));
        }
        if let (Some(ta), Some(tb)) = (a.ready_since, b.ready_since) {
            if ta != tb {
                let diff = log2(ta) - log2(tb);
                return if diff == 0 { a.uid.cmp(&b.uid) } else { diff.cmp(&0) };
            }
        }
        if a.restarts != b.restarts {
            return b.restarts.cmp(&a.restarts);
        }
        match (a.created, b.created) {
            (Some(ta), Some(tb)) if ta != tb => {
                let diff = log2(ta) - log2(tb);
                if diff == 0 {
                    a.uid.cmp(&b.uid)
                } else {
                    diff.cmp(&0)
                }
            }
            _ => Equal,
        }
    });
    sorted.truncate(n);
    sorted
}

/// `calculateStatus` and `updateReplicaSetStatus`: written only when something changed. A pod
/// that will become available after `minReadySeconds` brings a sync back then.
fn write_status(c: &mut Cluster, o: &Owner, failure: Option<String>) {
    let now = c.now();
    let counts = c.replicasets.owners.get(&o.uid).cloned().unwrap_or_default();
    let fully_labeled = counts.fully_labeled;
    let min_ready = Duration::from_secs(i64::from(o.min_ready_seconds));
    // Ready at or before this instant: available now.
    let cutoff = Time(now.0 - min_ready.0);
    let available: i32 = counts.ready.range(..=cutoff).map(|(_, n)| n).sum();
    if let Some((t, _)) = counts.ready.range((std::ops::Bound::Excluded(cutoff), std::ops::Bound::Unbounded)).next() {
        c.schedule(*t + min_ready - now, Timer::Resync { kind: o.kind, namespace: o.namespace.clone(), name: o.name.clone() });
    }
    let (replicas, ready_count) = (counts.active, counts.ready.values().sum::<i32>());
    let condition = |type_: &str| failure.as_ref().map(|msg| (type_.to_string(), "True".to_string(), now, "FailedCreate".to_string(), msg.clone()));
    match c.get(o.kind, &o.namespace, &o.name) {
        Ok(Object::ReplicaSet(mut rs)) => {
            let s = &mut rs.status;
            s.replicas = replicas;
            s.fully_labeled_replicas = fully_labeled;
            s.ready_replicas = ready_count;
            s.available_replicas = available;
            s.observed_generation = o.generation;
            match condition("ReplicaFailure") {
                Some((t, st, at, reason, message)) => {
                    if !s.conditions.iter().any(|c| c.type_ == t) {
                        s.conditions.push(ReplicaSetCondition { type_: t, status: st, last_transition_time: Some(at), reason, message });
                    }
                }
                None => s.conditions.retain(|c| c.type_ != "ReplicaFailure"),
            }
            let _ = c.update_status(rs.into());
        }
        Ok(Object::ReplicationController(mut rc)) => {
            let s = &mut rc.status;
            s.replicas = replicas;
            s.fully_labeled_replicas = fully_labeled;
            s.ready_replicas = ready_count;
            s.available_replicas = available;
            s.observed_generation = o.generation;
            match condition("ReplicaFailure") {
                Some((t, st, at, reason, message)) => {
                    if !s.conditions.iter().any(|c| c.type_ == t) {
                        s.conditions.push(ReplicationControllerCondition { type_: t, status: st, last_transition_time: Some(at), reason, message });
                    }
                }
                None => s.conditions.retain(|c| c.type_ != "ReplicaFailure"),
            }
            let _ = c.update_status(rc.into());
        }
        _ => {}
    }
}
