//! The node lifecycle controller (`pkg/controller/nodelifecycle`, v1.31) and the taint-based
//! eviction it drives (`pkg/controller/tainteviction`).
//!
//! Timeline of a node whose kubelet goes dark (kubernetes-behavior.md §9): its Lease was last
//! renewed on the kubelet's 10 s grid; the controller's monitor, on its 5 s grid, sees the
//! lease older than the 40 s grace period and sets `Ready`, `MemoryPressure`, `DiskPressure`
//! and `PIDPressure` to `Unknown` (`NodeStatusUnknown`, `Kubelet stopped posting node
//! status.`), records `NodeNotReady` on the node, marks its pods not ready (`NodeNotReady`
//! events) and taints the node `node.kubernetes.io/unreachable` with `NoSchedule` and
//! `NoExecute`. Pods that do not tolerate the NoExecute taint are evicted at once, the others
//! after their `tolerationSeconds` (300 s by default): `TaintManagerEviction` `Marking for
//! deletion Pod ns/name`, the `DisruptionTarget` condition, then a graceful delete. When the
//! kubelet is back and reports `Ready`, the taints go (NoSchedule at once, NoExecute at the
//! next monitor tick) and pending evictions are cancelled.
//!
//! Only these moments are scheduled; nothing ticks while all nodes are healthy.

use crate::api::{Node, NodeCondition, Pod, PodCondition, Taint, Toleration};
use crate::apiserver::DeleteOptions;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::object::Object;
use crate::time::{Duration, Time};

/// `--node-monitor-period`, `--node-monitor-grace-period` (40 s until 1.32).
const MONITOR_PERIOD: Duration = Duration::from_secs(5);
pub(crate) const GRACE_PERIOD: Duration = Duration::from_secs(40);
/// The kubelet renews its Lease every 10 s.
pub(crate) const LEASE_RENEW: Duration = Duration::from_secs(10);

pub const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
pub const NOT_READY: &str = "node.kubernetes.io/not-ready";
pub const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";

const NODE_CONTROLLER: Reporter<'static> = Reporter { component: "node-controller", host: "" };
const TAINT_EVICTION: Reporter<'static> = Reporter { component: "taint-eviction-controller", host: "" };

/// `doNoScheduleTaintingPass` on a node change: a cordoned node (`spec.unschedulable`) carries
/// `node.kubernetes.io/unschedulable:NoSchedule`.
pub(crate) fn on_change(c: &mut Cluster, change: &crate::store::Change) {
    if change.key.kind != crate::object::Kind::Node || change.change == crate::store::ChangeType::Deleted {
        return;
    }
    if let Some(unschedulable) = c.store.nodes.get("", &change.key.name).map(|n| n.spec.unschedulable) {
        set_taint(c, &change.key.name, UNSCHEDULABLE, "NoSchedule", unschedulable);
    }
}

/// The first monitor tick (5 s grid from the cluster's start) at or after `t`.
fn monitor_tick_after(c: &Cluster, t: Time) -> Time {
    let since = (t - c.config().start).as_millis();
    let period = MONITOR_PERIOD.as_millis();
    let ticks = since.div_euclid(period) + i64::from(since.rem_euclid(period) != 0);
    c.config().start + Duration::from_millis(ticks * period)
}

/// The kubelet of `node` stopped at `stopped`, its lease last renewed at `last_renew`: the
/// controller will notice at the first monitor tick more than the grace period later.
pub(crate) fn kubelet_stopped(c: &mut Cluster, node: &str, last_renew: Time) {
    let noticed = monitor_tick_after(c, last_renew + GRACE_PERIOD + Duration::from_millis(1));
    let after = noticed - c.now();
    c.schedule(after, Timer::NodeMonitor { node: node.into() });
}

/// The kubelet of `node` is back: its own status update makes the node Ready; the controller
/// lifts the NoExecute taint at its next tick.
pub(crate) fn kubelet_started(c: &mut Cluster, node: &str) {
    let now = c.now();
    if let Some(mut n) = c.store.nodes.get("", node).cloned() {
        for cond in &mut n.status.conditions {
            let (status, reason, message) = match cond.type_.as_str() {
                "Ready" => ("True", "KubeletReady", "kubelet is posting ready status"),
                "MemoryPressure" => ("False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                "DiskPressure" => ("False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                "PIDPressure" => ("False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                _ => continue,
            };
            if cond.status != status {
                cond.last_transition_time = Some(now);
            }
            cond.status = status.into();
            cond.reason = reason.into();
            cond.message = message.into();
            cond.last_heartbeat_time = Some(now);
        }
        let _ = c.update_status(n.into());
    }
    // doNoScheduleTaintingPass runs on the node update.
    set_taint(c, node, UNREACHABLE, "NoSchedule", false);
    let after = monitor_tick_after(c, now) - now;
    c.schedule(after, Timer::NodeMonitor { node: node.into() });
}

/// A monitor tick for one node (`monitorNodeHealth`, `processTaintBaseEviction`).
pub(crate) fn monitor(c: &mut Cluster, node: &str) {
    let Some(n) = c.store.nodes.get("", node).cloned() else { return };
    let healthy = c.kubelet_running(node);
    let ready = n.status.conditions.iter().find(|c| c.type_ == "Ready").map(|c| c.status.as_str()) == Some("True");
    if !healthy && ready {
        mark_unknown(c, n);
        set_taint(c, node, UNREACHABLE, "NoSchedule", true);
        set_taint(c, node, UNREACHABLE, "NoExecute", true);
    } else if healthy && ready {
        set_taint(c, node, UNREACHABLE, "NoExecute", false);
        set_taint(c, node, NOT_READY, "NoExecute", false);
    }
}

fn mark_unknown(c: &mut Cluster, mut n: Node) {
    let now = c.now();
    for cond in &mut n.status.conditions {
        if matches!(cond.type_.as_str(), "Ready" | "MemoryPressure" | "DiskPressure" | "PIDPressure") {
            *cond = NodeCondition {
                type_: cond.type_.clone(),
                status: "Unknown".into(),
                last_heartbeat_time: cond.last_heartbeat_time,
                last_transition_time: Some(now),
                reason: "NodeStatusUnknown".into(),
                message: "Kubelet stopped posting node status.".into(),
            };
        }
    }
    let name = n.metadata.name.clone();
    let node = match c.update_status(n.into()) {
        Ok(o) => o,
        Err(_) => return,
    };
    c.record_event(&node, "", "Normal", "NodeNotReady", &format!("Node {name} status is now: NodeNotReady"), NODE_CONTROLLER);
    // MarkPodsNotReady: the pods' Ready condition turns False (their containers' ready flags stay).
    let pods: Vec<Pod> = c.store.pods.iter().filter(|p| p.spec.node_name == name).cloned().collect();
    for mut p in pods {
        if let Some(cond) = p.status.conditions.iter_mut().find(|c| c.type_ == "Ready") {
            if cond.status != "False" {
                cond.status = "False".into();
                cond.last_transition_time = Some(now);
            }
        }
        if let Ok(written) = c.update_status(p.into()) {
            c.record_event(&written, "", "Warning", "NodeNotReady", "Node is not ready", NODE_CONTROLLER);
        }
    }
}

/// Adds or removes one taint; adding a NoExecute taint starts the evictions it causes, removing
/// it cancels those still pending.
fn set_taint(c: &mut Cluster, node: &str, key: &str, effect: &str, present: bool) {
    let Some(mut n) = c.store.nodes.get("", node).cloned() else { return };
    let has = n.spec.taints.iter().any(|t| t.key == key && t.effect == effect);
    if has == present {
        return;
    }
    let now = c.now();
    if present {
        let time_added = (effect == "NoExecute").then_some(now);
        n.spec.taints.push(Taint { key: key.into(), value: String::new(), effect: effect.into(), time_added });
    } else {
        n.spec.taints.retain(|t| !(t.key == key && t.effect == effect));
    }
    if c.update(n.into()).is_err() || effect != "NoExecute" {
        return;
    }
    if present {
        schedule_evictions(c, node, key);
    } else {
        cancel_evictions(c, node, key);
    }
}

fn tolerates(t: &Toleration, key: &str) -> bool {
    (t.effect.is_empty() || t.effect == "NoExecute") && (t.key == key || t.key.is_empty() && t.operator == "Exists")
}

/// The taint eviction controller's `processPodOnNode` for every pod on the node.
fn schedule_evictions(c: &mut Cluster, node: &str, key: &str) {
    let pods: Vec<Pod> = c.store.pods.iter().filter(|p| p.spec.node_name == node && p.metadata.deletion_timestamp.is_none()).cloned().collect();
    for p in pods {
        let tolerating: Vec<&Toleration> = p.spec.tolerations.iter().filter(|t| tolerates(t, key)).collect();
        if !tolerating.is_empty() && tolerating.iter().any(|t| t.toleration_seconds.is_none()) {
            continue; // tolerated forever (DaemonSet pods)
        }
        let wait = tolerating.iter().filter_map(|t| t.toleration_seconds).min().unwrap_or(0).max(0);
        c.schedule(Duration::from_secs(wait), Timer::TaintEviction { namespace: p.metadata.namespace.clone(), name: p.metadata.name.clone(), uid: p.metadata.uid.clone() });
    }
}

fn cancel_evictions(c: &mut Cluster, node: &str, key: &str) {
    let pods: Vec<Pod> = c.store.pods.iter().filter(|p| p.spec.node_name == node && p.metadata.deletion_timestamp.is_none()).cloned().collect();
    for p in pods {
        let tolerated_forever = p.spec.tolerations.iter().any(|t| tolerates(t, key) && t.toleration_seconds.is_none());
        if !tolerated_forever && c.kubelet_running(node) {
            let msg = format!("Cancelling deletion of Pod {}/{}", p.metadata.namespace, p.metadata.name);
            c.record_event(&Object::Pod(p), "", "Normal", "TaintManagerEviction", &msg, TAINT_EVICTION);
        }
    }
}

/// An eviction is due: if the pod is still on a node with an untolerated NoExecute taint, mark
/// it and delete it (`addConditionAndDeletePod`).
pub(crate) fn evict(c: &mut Cluster, namespace: &str, name: &str, uid: &str) {
    let Some(mut p) = c.store.pods.get(namespace, name).filter(|p| p.metadata.uid == uid && p.metadata.deletion_timestamp.is_none()).cloned()
    else {
        return;
    };
    let Some(node) = c.store.nodes.get("", &p.spec.node_name) else { return };
    let still_tainted = node.spec.taints.iter().any(|t| t.effect == "NoExecute" && (t.key == UNREACHABLE || t.key == NOT_READY));
    if !still_tainted {
        return;
    }
    let now = c.now();
    let msg = format!("Marking for deletion Pod {namespace}/{name}");
    c.record_event(&Object::Pod(p.clone()), "", "Normal", "TaintManagerEviction", &msg, TAINT_EVICTION);
    p.status.conditions.push(PodCondition {
        type_: "DisruptionTarget".into(),
        status: "True".into(),
        last_probe_time: None,
        last_transition_time: Some(now),
        reason: "DeletionByTaintManager".into(),
        message: "Taint manager: deleting due to NoExecute taint".into(),
    });
    let _ = c.update_status(p.into());
    let _ = c.delete(crate::object::Kind::Pod, namespace, name, DeleteOptions::default());
}
