//! The VolumeBinding plugin (`pkg/scheduler/framework/plugins/volumebinding`, v1.31) for the
//! pods' PersistentVolumeClaims:
//!
//! - PreFilter: every claim must exist and not be being deleted (`persistentvolumeclaim "x"
//!   not found`), and claims of Immediate classes must already be bound (`pod has unbound
//!   immediate PersistentVolumeClaims`); both reject every node (UnschedulableAndUnresolvable).
//! - Filter: a node must satisfy the node affinity of the volumes already bound (`node(s) had
//!   volume node affinity conflict`).
//! - Reserve/PreBind: claims of WaitForFirstConsumer classes that are still unbound get the
//!   chosen node (`volume.kubernetes.io/selected-node`), which starts their provisioning; the pod
//!   is bound once they are all bound, on PreBind's one-second poll.

use crate::api::{Node, Pod};
use crate::cluster::{Cluster, Timer};
use crate::controller::persistentvolume::ANN_SELECTED_NODE;
use crate::object::Kind;
use crate::store::ObjectKey;
use crate::time::{Duration, Time};

/// A pod whose node is chosen, waiting for its claims to be bound (PreBind).
#[derive(Clone, Debug)]
pub(crate) struct Parked {
    pub uid: String,
    pub node: String,
    pub since: Time,
    /// The poll that will find the claims bound is already on the clock.
    pub poll_scheduled: bool,
}

fn claims(pod: &Pod) -> impl Iterator<Item = &str> {
    pod.spec.volumes.iter().filter_map(|v| v.persistent_volume_claim.as_ref()).map(|s| s.claim_name.as_str())
}

/// Whether a claim waits for its first consumer (`IsDelayBindingMode`).
fn delayed(c: &Cluster, class: Option<&str>) -> bool {
    let class = class.unwrap_or("");
    !class.is_empty() && c.store.storageclasses.get("", class).is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"))
}

/// PreFilter: the claims still to bind for the chosen node, or why no node can take the pod.
pub(crate) fn pre_filter(c: &Cluster, pod: &Pod) -> Result<Vec<String>, String> {
    let ns = &pod.metadata.namespace;
    for name in claims(pod) {
        match c.store.persistentvolumeclaims.get(ns, name) {
            None => return Err(format!("persistentvolumeclaim \"{name}\" not found")),
            Some(p) if p.metadata.deletion_timestamp.is_some() => return Err(format!("persistentvolumeclaim \"{name}\" is being deleted")),
            Some(_) => {}
        }
    }
    let mut unbound_delayed = Vec::new();
    let mut unbound_immediate = false;
    for name in claims(pod) {
        let Some(pvc) = c.store.persistentvolumeclaims.get(ns, name) else { continue };
        let bound = !pvc.spec.volume_name.is_empty() && pvc.status.phase == "Bound";
        if bound {
            continue;
        }
        if delayed(c, pvc.spec.storage_class_name.as_deref()) && pvc.spec.volume_name.is_empty() {
            unbound_delayed.push(name.to_string());
        } else {
            unbound_immediate = true;
        }
    }
    if unbound_immediate {
        return Err("pod has unbound immediate PersistentVolumeClaims".into());
    }
    Ok(unbound_delayed)
}

/// Filter: the node affinity of the pod's bound volumes.
pub(crate) fn filter(c: &Cluster, pod: &Pod, node: &Node) -> Option<&'static str> {
    for name in claims(pod) {
        let Some(pvc) = c.store.persistentvolumeclaims.get(&pod.metadata.namespace, name) else { continue };
        let Some(pv) = c.store.persistentvolumes.get("", &pvc.spec.volume_name) else { continue };
        let Some(required) = pv.spec.node_affinity.as_ref().and_then(|a| a.required.as_ref()) else { continue };
        let probe = Pod {
            spec: crate::api::PodSpec {
                affinity: Some(crate::api::Affinity {
                    node_affinity: Some(crate::api::NodeAffinity { required_during_scheduling_ignored_during_execution: Some(required.clone()), ..Default::default() }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        if !super::plugins::matches_node_selector(&probe, node) {
            return Some("node(s) had volume node affinity conflict");
        }
    }
    None
}

/// Reserve and the start of PreBind: the unbound claims learn the node; the pod waits.
pub(crate) fn assume(c: &mut Cluster, key: &ObjectKey, pod: &Pod, node: &str, unbound: &[String]) {
    for name in unbound {
        if let Some(mut pvc) = c.store.persistentvolumeclaims.get(&key.namespace, name).cloned() {
            if pvc.metadata.annotations.get(ANN_SELECTED_NODE).map(String::as_str) != Some(node) {
                pvc.metadata.annotations.insert(ANN_SELECTED_NODE.into(), node.into());
                let _ = c.update(pvc.into());
            }
        }
    }
    let parked = Parked { uid: pod.metadata.uid.clone(), node: node.into(), since: c.now(), poll_scheduled: false };
    c.scheduler.binding.insert(key.clone(), parked);
    claims_changed(c);
}

fn all_bound(c: &Cluster, pod: &Pod) -> bool {
    claims(pod).all(|name| {
        c.store.persistentvolumeclaims.get(&pod.metadata.namespace, name).is_some_and(|p| !p.spec.volume_name.is_empty() && p.status.phase == "Bound")
    })
}

/// Claims or volumes changed: parked pods whose claims are all bound are bound at PreBind's next
/// poll (every second from when it started waiting).
pub(crate) fn claims_changed(c: &mut Cluster) {
    if c.scheduler.binding.is_empty() {
        return;
    }
    let now = c.now();
    let mut polls = Vec::new();
    let keys: Vec<ObjectKey> = c.scheduler.binding.keys().cloned().collect();
    for key in keys {
        let Some(pod) = c.store.pods.get(&key.namespace, &key.name) else {
            c.scheduler.binding.remove(&key);
            continue;
        };
        let ready = all_bound(c, pod);
        let Some(p) = c.scheduler.binding.get_mut(&key) else { continue };
        if p.uid != pod.metadata.uid {
            continue;
        }
        if ready && !p.poll_scheduled {
            p.poll_scheduled = true;
            let waited = (now - p.since).as_millis();
            let polls_done = waited.div_euclid(1000);
            let next = p.since + Duration::from_millis((polls_done + 1) * 1000);
            polls.push((next - now, key.clone()));
        }
    }
    for (after, key) in polls {
        c.schedule(after, Timer::Resync { kind: Kind::Pod, namespace: key.namespace, name: key.name });
    }
}

/// PreBind's poll found the claims bound: the pod is bound to its node.
pub(crate) fn poll(c: &mut Cluster, namespace: &str, name: &str) {
    let key = ObjectKey { kind: Kind::Pod, namespace: namespace.into(), name: name.into() };
    let Some(parked) = c.scheduler.binding.get(&key).cloned() else { return };
    let Some(pod) = c.store.pods.get(namespace, name) else {
        c.scheduler.binding.remove(&key);
        return;
    };
    if pod.metadata.uid != parked.uid || pod.metadata.deletion_timestamp.is_some() {
        c.scheduler.binding.remove(&key);
        return;
    }
    if !all_bound(c, pod) {
        if let Some(p) = c.scheduler.binding.get_mut(&key) {
            p.poll_scheduled = false;
        }
        return;
    }
    c.scheduler.binding.remove(&key);
    super::bind_and_report(c, &key, &parked.node);
}
