//! The StatefulSet controller (`pkg/controller/statefulset`, v1.31; kubernetes-behavior.md §6).
//!
//! - Pods are named `<set>-<ordinal>` (from `spec.ordinals.start`), with `hostname` = the pod's
//!   name and `subdomain` = `serviceName`, and labelled `statefulset.kubernetes.io/pod-name`,
//!   `apps.kubernetes.io/pod-index` and `controller-revision-hash` (the revision's name).
//! - Each volumeClaimTemplate gives the pod a claim `<template>-<set>-<ordinal>`, created before
//!   the pod if missing (labelled with the selector's matchLabels), never deleted by the
//!   controller under the default `Retain` policies; `Delete` policies hand the claims to the
//!   garbage collector through ownerReferences on the set or the scaled-down pod.
//! - OrderedReady: one pod at a time, each created only when every lower ordinal is Running,
//!   Ready and available; scale-down deletes the highest ordinal first and waits for it to be
//!   gone; nothing is created or deleted while a pod terminates. Parallel creates and deletes
//!   at once.
//! - Revisions: the template is snapshotted in a ControllerRevision `<set>-<hash>` whose hash is
//!   upstream's (FNV-32 of the patch and the collision count). RollingUpdate deletes the pod with
//!   the highest ordinal ≥ `partition` that is not at the update revision, one at a time once the
//!   others are healthy; OnDelete waits for the user to delete pods. Failed pods are recreated.
//! - Events from `statefulset-controller`: `create Claim www-web-0 Pod web-0 in StatefulSet web
//!   success`, `create Pod web-0 in StatefulSet web successful`, `delete Pod web-2 in
//!   StatefulSet web successful`, and their `Failed…` forms.

use std::collections::BTreeMap;

use super::history::{self, CONTROLLER_REVISION_HASH};
use crate::api::*;
use crate::apiserver::ApiError;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::labels::Selector;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType};
use crate::time::{Duration, Time};

const REPORTER: Reporter<'static> = Reporter { component: "statefulset-controller", host: "" };
pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";
/// The label on a StatefulSet's ControllerRevisions (`history.ControllerRevisionHashLabel`).
pub const REVISION_HASH_LABEL: &str = "controller.kubernetes.io/hash";

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    match key.kind {
        Kind::StatefulSet if change.change != ChangeType::Deleted => c.enqueue(Kind::StatefulSet, &key.namespace, &key.name),
        Kind::Pod | Kind::ControllerRevision => {
            let mut owners: Vec<String> = change
                .owners
                .iter()
                .filter_map(|uid| c.store.key_of_uid(uid))
                .filter(|k| k.kind == Kind::StatefulSet && k.namespace == key.namespace)
                .map(|k| k.name.clone())
                .collect();
            let orphan = match key.kind {
                Kind::Pod => c.store.pods.get(&key.namespace, &key.name).filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| &p.metadata),
                _ => c.store.controllerrevisions.get(&key.namespace, &key.name).map(|r| &r.metadata),
            }
            .filter(|m| history::controller_uid(m).is_none());
            if let Some(m) = orphan {
                for set in c.store.statefulsets.in_namespace(&key.namespace) {
                    if selector_of(set).is_some_and(|s| s.matches(&m.labels)) {
                        owners.push(set.metadata.name.clone());
                    }
                }
            }
            owners.sort();
            owners.dedup();
            for name in owners {
                c.enqueue(Kind::StatefulSet, &key.namespace, &name);
            }
        }
        _ => {}
    }
}

fn selector_of(set: &StatefulSet) -> Option<Selector> {
    let ls = set.spec.selector.as_ref()?;
    if ls.match_labels.is_empty() && ls.match_expressions.is_empty() {
        return None;
    }
    ls.as_selector().ok()
}

/// `getParentNameAndOrdinal`: `web-2` → (`web`, 2).
fn parent_and_ordinal(pod: &str) -> Option<(&str, i32)> {
    let (parent, ordinal) = pod.rsplit_once('-')?;
    if ordinal.is_empty() || !ordinal.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((parent, ordinal.parse().ok()?))
}

fn start_ordinal(set: &StatefulSet) -> i32 {
    set.spec.ordinals.as_ref().map_or(0, |o| o.start)
}

fn replicas(set: &StatefulSet) -> i32 {
    set.spec.replicas.unwrap_or(1).max(0)
}

fn pod_name(set: &StatefulSet, ordinal: i32) -> String {
    format!("{}-{ordinal}", set.metadata.name)
}

/// `getPersistentVolumeClaimName`.
pub fn claim_name(set: &str, template: &str, ordinal: i32) -> String {
    format!("{template}-{set}-{ordinal}")
}

/// What a sync needs of one of the set's pods.
#[derive(Clone, Debug)]
struct Member {
    name: String,
    uid: String,
    ordinal: i32,
    phase: String,
    running_and_ready: bool,
    available: bool,
    available_at: Option<Time>,
    deleting: bool,
    revision: String,
    identity_ok: bool,
    storage_ok: bool,
}

impl Member {
    fn healthy(&self) -> bool {
        self.running_and_ready && !self.deleting
    }
}

fn member(set: &StatefulSet, p: &Pod, ordinal: i32, now: Time) -> Member {
    let min_ready = set.spec.min_ready_seconds;
    let running_and_ready = p.status.phase == "Running" && history::is_pod_ready(p);
    let identity_ok = p.metadata.name == pod_name(set, ordinal)
        && p.metadata.labels.get(POD_NAME_LABEL) == Some(&p.metadata.name)
        && p.metadata.labels.get(POD_INDEX_LABEL) == Some(&ordinal.to_string());
    let storage_ok = set.spec.volume_claim_templates.iter().all(|t| {
        let want = claim_name(&set.metadata.name, &t.metadata.name, ordinal);
        p.spec.volumes.iter().any(|v| v.name == t.metadata.name && v.persistent_volume_claim.as_ref().is_some_and(|s| s.claim_name == want))
    });
    Member {
        name: p.metadata.name.clone(),
        uid: p.metadata.uid.clone(),
        ordinal,
        phase: p.status.phase.clone(),
        running_and_ready,
        available: running_and_ready && history::is_pod_available(p, min_ready, now),
        available_at: history::available_at(p, min_ready),
        deleting: p.metadata.deletion_timestamp.is_some(),
        revision: p.metadata.labels.get(CONTROLLER_REVISION_HASH).cloned().unwrap_or_default(),
        identity_ok,
        storage_ok,
    }
}

/// `getPodsForStatefulSet`: the set's pods, adopting orphans whose name and labels fit and
/// releasing pods that no longer match (`ClaimPods` with the `isMemberOf` filter).
fn claim_pods(c: &mut Cluster, set: &StatefulSet, selector: &Selector) -> Vec<Member> {
    let (ns, uid, name) = (set.metadata.namespace.as_str(), set.metadata.uid.as_str(), set.metadata.name.as_str());
    let (mut owned, mut release, mut adopt) = (Vec::new(), Vec::new(), Vec::new());
    for p in c.store.pods.in_namespace(ns) {
        let member_of = parent_and_ordinal(&p.metadata.name).is_some_and(|(parent, _)| parent == name);
        let matches = member_of && selector.matches(&p.metadata.labels);
        match history::controller_uid(&p.metadata) {
            Some(u) if u == uid && !matches => release.push(p.metadata.name.clone()),
            Some(u) if u == uid => owned.push(p.metadata.name.clone()),
            None if matches && p.metadata.deletion_timestamp.is_none() && set.metadata.deletion_timestamp.is_none() => adopt.push(p.metadata.name.clone()),
            _ => {}
        }
    }
    if set.metadata.deletion_timestamp.is_none() {
        for pod in release {
            if let Some(mut p) = c.store.pods.get(ns, &pod).cloned() {
                p.metadata.owner_references.retain(|r| r.uid != uid);
                let _ = c.update(p.into());
            }
        }
    }
    for pod in adopt {
        if let Some(mut p) = c.store.pods.get(ns, &pod).cloned() {
            p.metadata.owner_references.push(history::controller_ref(Kind::StatefulSet, name, uid));
            if c.update(p.into()).is_ok() {
                owned.push(pod);
            }
        }
    }
    let now = c.now();
    owned
        .iter()
        .filter_map(|n| {
            let p = c.store.pods.get(ns, n)?;
            let (_, ordinal) = parent_and_ordinal(n)?;
            Some(member(set, p, ordinal, now))
        })
        .collect()
}

/// The set's ControllerRevisions in `SortControllerRevisions` order (revision, then creation,
/// then name), adopting orphans its selector matches (`adoptOrphanRevisions`).
fn revisions(c: &mut Cluster, set: &StatefulSet, selector: &Selector) -> Vec<ControllerRevision> {
    let uid = set.metadata.uid.as_str();
    let mut list = Vec::new();
    let mut adopt = Vec::new();
    for r in c.store.controllerrevisions.in_namespace(&set.metadata.namespace) {
        if !selector.matches(&r.metadata.labels) {
            continue;
        }
        match history::controller_uid(&r.metadata) {
            Some(u) if u == uid => list.push(r.clone()),
            None => adopt.push(r.clone()),
            _ => {}
        }
    }
    if set.metadata.deletion_timestamp.is_none() {
        for mut r in adopt {
            r.metadata.owner_references.push(history::controller_ref(Kind::StatefulSet, &set.metadata.name, uid));
            if let Ok(Object::ControllerRevision(r)) = c.update(r.into()) {
                list.push(r);
            }
        }
    }
    list.sort_by(|a, b| a.revision.cmp(&b.revision).then(a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp)).then(a.metadata.name.cmp(&b.metadata.name)));
    list
}

/// `newRevision`: the revision the set's current template would be.
fn new_revision(set: &StatefulSet, revision: i64, collision_count: i32) -> ControllerRevision {
    let data = history::template_patch(&set.spec.template);
    let hash = history::hash_revision(&data, Some(collision_count));
    let mut labels = set.spec.template.metadata.labels.clone();
    labels.insert(REVISION_HASH_LABEL.into(), hash.clone());
    ControllerRevision {
        metadata: ObjectMeta {
            name: history::revision_name(&set.metadata.name, &hash),
            namespace: set.metadata.namespace.clone(),
            labels,
            annotations: set.metadata.annotations.clone(),
            owner_references: vec![history::controller_ref(Kind::StatefulSet, &set.metadata.name, &set.metadata.uid)],
            ..Default::default()
        },
        data,
        revision,
        ..Default::default()
    }
}

/// `getStatefulSetRevisions`: (current, update, collisionCount).
fn set_revisions(c: &mut Cluster, set: &StatefulSet, revisions: &[ControllerRevision]) -> Option<(ControllerRevision, ControllerRevision, i32)> {
    let mut collision_count = set.status.collision_count.unwrap_or(0);
    let next = revisions.last().map_or(1, |r| r.revision + 1);
    let candidate = new_revision(set, next, collision_count);
    let equal: Vec<&ControllerRevision> = revisions.iter().filter(|r| r.data == candidate.data).collect();
    let update = match (equal.last(), revisions.last()) {
        // The template has not changed since the latest revision.
        (Some(e), Some(last)) if e.data == last.data => (*last).clone(),
        // Back to an older template: that revision becomes the newest again.
        (Some(e), _) => {
            let mut r = (*e).clone();
            r.revision = next;
            match c.update(r.clone().into()) {
                Ok(Object::ControllerRevision(r)) => r,
                _ => r,
            }
        }
        // `CreateControllerRevision`: a new name on every collision.
        (None, _) => loop {
            let mut r = candidate.clone();
            let hash = history::hash_revision(&r.data, Some(collision_count));
            r.metadata.name = history::revision_name(&set.metadata.name, &hash);
            match c.create(r.clone().into()) {
                Ok(Object::ControllerRevision(created)) => break created,
                Err(ApiError::AlreadyExists { .. }) => {
                    let existing = c.store.controllerrevisions.get(&set.metadata.namespace, &r.metadata.name)?;
                    if existing.data == r.data {
                        break existing.clone();
                    }
                    collision_count += 1;
                }
                _ => return None,
            }
        },
    };
    let current = revisions.iter().find(|r| r.metadata.name == set.status.current_revision).cloned().unwrap_or_else(|| update.clone());
    Some((current, update, collision_count))
}

/// `ApplyRevision`: the set with the revision's template.
fn apply_revision(set: &StatefulSet, revision: &ControllerRevision) -> StatefulSet {
    let mut s = set.clone();
    if let Some(t) = history::template_of(revision) {
        s.spec.template = t;
    }
    s
}

/// `newVersionedStatefulSetPod`: ordinals below the partition keep the current revision.
fn new_pod(current_set: &StatefulSet, update_set: &StatefulSet, current: &str, update: &str, ordinal: i32) -> Pod {
    let below_partition = current_set.spec.update_strategy.type_ == "RollingUpdate"
        && ordinal < start_ordinal(current_set) + current_set.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition).unwrap_or(0);
    let (set, revision) = if below_partition { (current_set, current) } else { (update_set, update) };
    let mut pod = stateful_pod(set, ordinal);
    pod.metadata.labels.insert(CONTROLLER_REVISION_HASH.into(), revision.into());
    pod
}

/// `newStatefulSetPod`: `GetPodFromTemplate`, then `initIdentity` and `updateStorage`.
fn stateful_pod(set: &StatefulSet, ordinal: i32) -> Pod {
    let t = &set.spec.template;
    let name = pod_name(set, ordinal);
    let mut labels = t.metadata.labels.clone();
    labels.insert(POD_NAME_LABEL.into(), name.clone());
    labels.insert(POD_INDEX_LABEL.into(), ordinal.to_string());
    let mut spec = t.spec.clone();
    spec.hostname = name.clone();
    spec.subdomain = set.spec.service_name.clone();
    let mut volumes: Vec<Volume> = set
        .spec
        .volume_claim_templates
        .iter()
        .map(|ct| Volume {
            name: ct.metadata.name.clone(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource { claim_name: claim_name(&set.metadata.name, &ct.metadata.name, ordinal), read_only: false }),
            ..Default::default()
        })
        .collect();
    volumes.extend(spec.volumes.into_iter().filter(|v| !set.spec.volume_claim_templates.iter().any(|ct| ct.metadata.name == v.name)));
    spec.volumes = volumes;
    Pod {
        metadata: ObjectMeta {
            name,
            generate_name: format!("{}-", set.metadata.name),
            namespace: set.metadata.namespace.clone(),
            labels,
            annotations: t.metadata.annotations.clone(),
            finalizers: t.metadata.finalizers.clone(),
            owner_references: vec![history::controller_ref(Kind::StatefulSet, &set.metadata.name, &set.metadata.uid)],
            ..Default::default()
        },
        spec,
        ..Default::default()
    }
}

/// `getPersistentVolumeClaims`: the claims of one ordinal, labelled with the selector's
/// matchLabels.
fn claims_for(set: &StatefulSet, ordinal: i32) -> Vec<PersistentVolumeClaim> {
    let match_labels = set.spec.selector.as_ref().map(|s| s.match_labels.clone()).unwrap_or_default();
    set.spec
        .volume_claim_templates
        .iter()
        .map(|t| {
            let mut claim = t.clone();
            claim.api_version.clear();
            claim.kind.clear();
            claim.metadata.name = claim_name(&set.metadata.name, &t.metadata.name, ordinal);
            claim.metadata.namespace = set.metadata.namespace.clone();
            claim.metadata.labels.extend(match_labels.clone());
            claim.status = Default::default();
            claim
        })
        .collect()
}

/// `recordPodEvent`.
fn pod_event(c: &mut Cluster, set: &Object, verb: &str, pod: &str, err: Option<&str>) {
    let name = set.meta().name.clone();
    let title = format!("{}{}", verb[..1].to_uppercase(), &verb[1..]);
    match err {
        None => c.record_event(set, "", "Normal", &format!("Successful{title}"), &format!("{verb} Pod {pod} in StatefulSet {name} successful"), REPORTER),
        Some(e) => c.record_event(set, "", "Warning", &format!("Failed{title}"), &format!("{verb} Pod {pod} in StatefulSet {name} failed error: {e}"), REPORTER),
    }
}

/// `createPersistentVolumeClaims`: the missing claims of one pod, with `recordClaimEvent`.
fn create_claims(c: &mut Cluster, set: &StatefulSet, obj: &Object, pod: &str, ordinal: i32) -> Result<(), String> {
    let mut errors = Vec::new();
    for claim in claims_for(set, ordinal) {
        let name = claim.metadata.name.clone();
        match c.store.persistentvolumeclaims.get(&claim.metadata.namespace, &name) {
            None => match c.create(claim.into()) {
                Ok(_) => {
                    let msg = format!("create Claim {name} Pod {pod} in StatefulSet {} success", set.metadata.name);
                    c.record_event(obj, "", "Normal", "SuccessfulCreate", &msg, REPORTER);
                }
                Err(e) => {
                    errors.push(format!("failed to create PVC {name}: {e}"));
                    if !matches!(e, ApiError::AlreadyExists { .. }) {
                        let msg = format!("create Claim {name} for Pod {pod} in StatefulSet {} failed error: {e}", set.metadata.name);
                        c.record_event(obj, "", "Warning", "FailedCreate", &msg, REPORTER);
                    }
                }
            },
            Some(existing) if existing.metadata.deletion_timestamp.is_some() => errors.push(format!("pvc {name} is being deleted")),
            Some(_) => {}
        }
    }
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        _ => Err(format!("[{}]", errors.join(", "))),
    }
}

/// `updateClaimOwnerRefForSetAndPod`: the claims of one pod carry the ownerReferences the
/// retention policy asks for (none under Retain/Retain).
fn claim_owner_refs(c: &mut Cluster, set: &StatefulSet, pod: &str, pod_uid: &str, ordinal: i32, in_range: bool) {
    let policy = set.spec.persistent_volume_claim_retention_policy.clone().unwrap_or_default();
    let (delete_on_scale, delete_on_delete) = (policy.when_scaled == "Delete", policy.when_deleted == "Delete");
    let set_ref = OwnerReference { api_version: "apps/v1".into(), kind: "StatefulSet".into(), name: set.metadata.name.clone(), uid: set.metadata.uid.clone(), ..Default::default() };
    let pod_ref = OwnerReference { api_version: "v1".into(), kind: "Pod".into(), name: pod.into(), uid: pod_uid.into(), ..Default::default() };
    let (want_set, want_pod) = match (delete_on_scale, delete_on_delete) {
        (false, false) => (false, false),
        (false, true) => (true, false),
        (true, false) => (false, !in_range),
        (true, true) => (in_range, !in_range),
    };
    for t in &set.spec.volume_claim_templates {
        let name = claim_name(&set.metadata.name, &t.metadata.name, ordinal);
        let Some(mut claim) = c.store.persistentvolumeclaims.get(&set.metadata.namespace, &name).cloned() else { continue };
        let before = claim.metadata.owner_references.clone();
        for (want, r) in [(want_set, &set_ref), (want_pod, &pod_ref)] {
            let has = claim.metadata.owner_references.iter().any(|o| o.uid == r.uid);
            if want && !has && !r.uid.is_empty() {
                claim.metadata.owner_references.push(r.clone());
            } else if !want && has {
                claim.metadata.owner_references.retain(|o| o.uid != r.uid);
            }
        }
        if claim.metadata.owner_references != before {
            let _ = c.update(claim.into());
        }
    }
}

/// One sync of one StatefulSet (`syncStatefulSet` and `UpdateStatefulSet`).
pub(crate) fn sync(c: &mut Cluster, _kind: Kind, namespace: &str, name: &str) {
    super::with_backoff(c, Kind::StatefulSet, namespace, name, |c| sync_once(c, namespace, name));
}

fn sync_once(c: &mut Cluster, namespace: &str, name: &str) {
    let Some(set) = c.store.statefulsets.get(namespace, name).cloned() else { return };
    let Some(selector) = selector_of(&set) else { return };
    let revs = revisions(c, &set, &selector);
    let members = claim_pods(c, &set, &selector);
    let Some((current, update, collision_count)) = set_revisions(c, &set, &revs) else { return };
    let status = update_stateful_set(c, &set, &current, &update, collision_count, members);
    write_status(c, &set, status);
    truncate_history(c, &set, &selector, &current, &update);
}

/// A slot of the ordinal range: a pod that exists, or one still to create.
enum Slot {
    Pod(Member),
    Missing(i32),
}

impl Slot {
    fn ordinal(&self) -> i32 {
        match self {
            Slot::Pod(m) => m.ordinal,
            Slot::Missing(o) => *o,
        }
    }
    fn healthy(&self) -> bool {
        matches!(self, Slot::Pod(m) if m.healthy())
    }
}

/// `updateStatefulSet`: create, recreate, scale down and roll, as the pod management policy
/// allows; returns the status to write.
fn update_stateful_set(c: &mut Cluster, set: &StatefulSet, current: &ControllerRevision, update: &ControllerRevision, collision_count: i32, members: Vec<Member>) -> StatefulSetStatus {
    let current_set = apply_revision(set, current);
    let update_set = apply_revision(set, update);
    let (start, count) = (start_ordinal(set), replicas(set));
    let end = start + count - 1;
    let obj: Object = set.clone().into();
    let monotonic = set.spec.pod_management_policy != "Parallel";
    let mut status = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: current.metadata.name.clone(),
        update_revision: update.metadata.name.clone(),
        collision_count: Some(collision_count),
        ..Default::default()
    };

    let mut slots: Vec<Slot> = (start..=end).map(Slot::Missing).collect();
    let mut condemned: Vec<Member> = Vec::new();
    for m in members {
        if (start..=end).contains(&m.ordinal) {
            let i = (m.ordinal - start) as usize;
            slots[i] = Slot::Pod(m);
        } else if m.ordinal >= 0 {
            condemned.push(m);
        }
    }
    condemned.sort_by_key(|m| std::cmp::Reverse(m.ordinal));
    let first_unhealthy: Option<String> = slots
        .iter()
        .find_map(|s| match s {
            Slot::Pod(m) if !m.healthy() => Some(Some(m.name.clone())),
            Slot::Missing(o) => Some(Some(pod_name(set, *o))),
            _ => None,
        })
        .flatten()
        .or_else(|| condemned.iter().rev().find(|m| !m.healthy()).map(|m| m.name.clone()));

    let count_status = |status: &mut StatefulSetStatus, slots: &[Slot], condemned: &[Member]| {
        let (mut replicas, mut ready, mut available, mut cur, mut upd) = (0, 0, 0, 0, 0);
        for m in slots.iter().filter_map(|s| if let Slot::Pod(m) = s { Some(m) } else { None }).chain(condemned.iter()) {
            replicas += 1;
            if m.running_and_ready {
                ready += 1;
                if m.available {
                    available += 1;
                }
            }
            if !m.deleting {
                if m.revision == current.metadata.name {
                    cur += 1;
                }
                if m.revision == update.metadata.name {
                    upd += 1;
                }
            }
        }
        status.replicas = replicas;
        status.ready_replicas = ready;
        status.available_replicas = available;
        status.current_replicas = cur;
        status.updated_replicas = upd;
    };
    count_status(&mut status, &slots, &condemned);
    if set.metadata.deletion_timestamp.is_some() {
        return status;
    }

    // Living replicas, in ordinal order (`processReplica`).
    let mut exit = false;
    for slot in slots.iter_mut() {
        let ordinal = slot.ordinal();
        if let Slot::Pod(m) = &*slot {
            if matches!(m.phase.as_str(), "Failed" | "Succeeded") {
                let (reason, kind, what) = if m.phase == "Failed" { ("RecreatingFailedPod", "Warning", "failed") } else { ("RecreatingTerminatedPod", "Normal", "terminated") };
                let msg = format!("StatefulSet {}/{} is recreating {what} Pod {}", set.metadata.namespace, set.metadata.name, m.name);
                c.record_event(&obj, "", kind, reason, &msg, REPORTER);
                let name = m.name.clone();
                let result = c.delete(Kind::Pod, &set.metadata.namespace, &name, Default::default());
                pod_event(c, &obj, "delete", &name, result.as_ref().err().map(|e| e.to_string()).as_deref());
                if result.is_err() {
                    exit = true;
                    break;
                }
                *slot = Slot::Missing(ordinal);
            }
        }
        if let Slot::Missing(_) = *slot {
            let pod = new_pod(&current_set, &update_set, &current.metadata.name, &update.metadata.name, ordinal);
            let name = pod.metadata.name.clone();
            // `CreateStatefulPod`: the claims first, then the pod.
            if let Err(e) = create_claims(c, &update_set, &obj, &name, ordinal) {
                pod_event(c, &obj, "create", &name, Some(&e));
                exit = true;
                break;
            }
            match c.create(pod.into()) {
                Ok(created) => {
                    claim_owner_refs(c, &update_set, &name, &created.meta().uid.clone(), ordinal, true);
                    pod_event(c, &obj, "create", &name, None);
                }
                Err(ApiError::AlreadyExists { .. }) => {
                    // Someone else's pod has the name: the sync fails and is retried.
                    super::retry_after_error(c, Kind::StatefulSet, &set.metadata.namespace, &set.metadata.name);
                    exit = true;
                    break;
                }
                Err(e) => {
                    pod_event(c, &obj, "create", &name, Some(&e.to_string()));
                    super::retry_after_error(c, Kind::StatefulSet, &set.metadata.namespace, &set.metadata.name);
                    exit = true;
                    break;
                }
            }
            if monotonic {
                exit = true;
                break;
            }
            continue;
        }
        let Slot::Pod(m) = &*slot else { continue };
        if m.deleting && monotonic {
            exit = true;
            break;
        }
        if m.phase == "Pending" {
            if let Err(e) = create_claims(c, set, &obj, &m.name.clone(), ordinal) {
                pod_event(c, &obj, "create", &m.name.clone(), Some(&e));
                exit = true;
                break;
            }
        }
        if monotonic && (!m.running_and_ready || !m.available) {
            exit = true;
            break;
        }
        // Enforce the identity (`UpdateStatefulPod`) and the claims' retention ownerships.
        let (name, uid, identity_ok, storage_ok) = (m.name.clone(), m.uid.clone(), m.identity_ok, m.storage_ok);
        if !m.deleting {
            claim_owner_refs(c, &update_set, &name, &uid, ordinal, true);
        }
        if !identity_ok || !storage_ok {
            if !storage_ok {
                if let Err(e) = create_claims(c, &update_set, &obj, &name, ordinal) {
                    pod_event(c, &obj, "update", &name, Some(&e));
                    exit = true;
                    break;
                }
            }
            if !identity_ok {
                if let Some(mut p) = c.store.pods.get(&set.metadata.namespace, &name).cloned() {
                    p.metadata.labels.insert(POD_NAME_LABEL.into(), name.clone());
                    p.metadata.labels.insert(POD_INDEX_LABEL.into(), ordinal.to_string());
                    let result = c.update(p.into());
                    pod_event(c, &obj, "update", &name, result.as_ref().err().map(|e| e.to_string()).as_deref());
                }
            }
        }
    }
    if exit {
        return status;
    }

    // Condemned pods hand their claims over to the retention policy.
    for m in &condemned {
        claim_owner_refs(c, &update_set, &m.name, &m.uid, m.ordinal, false);
    }

    // Scale down, highest ordinal first (`processCondemned`).
    for m in &condemned {
        if m.deleting {
            if monotonic {
                return status;
            }
            continue;
        }
        if monotonic && (!m.running_and_ready || !m.available) && first_unhealthy.as_deref() != Some(m.name.as_str()) {
            return status;
        }
        let result = c.delete(Kind::Pod, &set.metadata.namespace, &m.name, Default::default());
        pod_event(c, &obj, "delete", &m.name, result.as_ref().err().map(|e| e.to_string()).as_deref());
        if monotonic || result.is_err() {
            return status;
        }
    }

    if set.spec.update_strategy.type_ == "OnDelete" {
        return status;
    }
    // RollingUpdate: the largest ordinal ≥ partition not at the update revision goes, once every
    // pod above it is healthy.
    let partition = set.spec.update_strategy.rolling_update.as_ref().and_then(|r| r.partition).unwrap_or(0).max(0) as usize;
    for target in (partition..slots.len()).rev() {
        let Slot::Pod(m) = &slots[target] else { return status };
        if m.revision != update.metadata.name && !m.deleting {
            let name = m.name.clone();
            let result = c.delete(Kind::Pod, &set.metadata.namespace, &name, Default::default());
            if !matches!(result, Err(ApiError::NotFound { .. })) {
                pod_event(c, &obj, "delete", &name, result.as_ref().err().map(|e| e.to_string()).as_deref());
            }
            status.current_replicas -= 1;
            return status;
        }
        if !slots[target].healthy() {
            return status;
        }
    }
    status
}

/// `updateStatefulSetStatus`: counts from the pods as they are now (the controller's next
/// round would see its own writes), `completeRollingUpdate`, written only when it changed. A
/// pod that becomes available after `minReadySeconds` brings a sync back then.
fn write_status(c: &mut Cluster, set: &StatefulSet, mut status: StatefulSetStatus) {
    let Some(fresh) = c.store.statefulsets.get(&set.metadata.namespace, &set.metadata.name).cloned() else { return };
    let now = c.now();
    let (start, end) = (start_ordinal(set), start_ordinal(set) + replicas(set) - 1);
    let (mut n, mut ready, mut available, mut cur, mut upd) = (0, 0, 0, 0, 0);
    let mut next: Option<Time> = None;
    for p in c.store.pods.in_namespace(&set.metadata.namespace) {
        if history::controller_uid(&p.metadata) != Some(set.metadata.uid.as_str()) {
            continue;
        }
        let Some((_, ordinal)) = parent_and_ordinal(&p.metadata.name) else { continue };
        let m = member(set, p, ordinal, now);
        n += 1;
        if m.running_and_ready {
            ready += 1;
            if m.available {
                available += 1;
            } else if let Some(at) = m.available_at {
                let due = at + Duration::from_secs(1);
                next = Some(next.map_or(due, |x: Time| x.min(due)));
            }
        }
        if !m.deleting {
            cur += i32::from(m.revision == status.current_revision);
            upd += i32::from(m.revision == status.update_revision);
        }
        let _ = (start, end);
    }
    status.replicas = n;
    status.ready_replicas = ready;
    status.available_replicas = available;
    status.current_replicas = cur;
    status.updated_replicas = upd;
    if set.spec.update_strategy.type_ == "RollingUpdate" && status.updated_replicas == status.replicas && status.ready_replicas == status.replicas {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision.clone();
    }
    if let Some(due) = next.filter(|d| *d > now) {
        c.schedule(due - now, Timer::Resync { kind: Kind::StatefulSet, namespace: set.metadata.namespace.clone(), name: set.metadata.name.clone() });
    }
    status.conditions = fresh.status.conditions.clone();
    if fresh.status == status {
        return;
    }
    let mut updated = fresh;
    updated.status = status;
    let _ = c.update_status(updated.into());
}

/// `truncateHistory`: revisions no pod uses, beyond `revisionHistoryLimit`, oldest first.
fn truncate_history(c: &mut Cluster, set: &StatefulSet, selector: &Selector, current: &ControllerRevision, update: &ControllerRevision) {
    let Some(set) = c.store.statefulsets.get(&set.metadata.namespace, &set.metadata.name).cloned() else { return };
    let revs = revisions(c, &set, selector);
    let mut live: BTreeMap<String, ()> = BTreeMap::new();
    live.insert(current.metadata.name.clone(), ());
    live.insert(update.metadata.name.clone(), ());
    for p in c.store.pods.in_namespace(&set.metadata.namespace) {
        if history::controller_uid(&p.metadata) == Some(set.metadata.uid.as_str()) {
            if let Some(r) = p.metadata.labels.get(CONTROLLER_REVISION_HASH) {
                live.insert(r.clone(), ());
            }
        }
    }
    let old: Vec<&ControllerRevision> = revs.iter().filter(|r| !live.contains_key(&r.metadata.name)).collect();
    let limit = set.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    if old.len() <= limit {
        return;
    }
    let doomed: Vec<String> = old[..old.len() - limit].iter().map(|r| r.metadata.name.clone()).collect();
    for name in doomed {
        let _ = c.delete(Kind::ControllerRevision, &set.metadata.namespace, &name, Default::default());
    }
}
