//! The scheduler (`pkg/scheduler`, v1.31 default profile): binds each new pod that names no
//! node to the best feasible one, or records why none fits.
//!
//! - A pod is tried when it is created. If no node fits, it gets the `PodScheduled=False`
//!   condition (reason `Unschedulable`) and a `FailedScheduling` event with the `FitError` text
//!   (`0/4 nodes are available: 1 node(s) had untolerated taint {…}, 3 Insufficient cpu.
//!   preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No
//!   preemption victims found for incoming pod.`), and waits in the unschedulable pool.
//! - Node additions and changes and pod deletions move waiting pods back after their back-off
//!   (1 s doubling to 10 s per attempt); a pod that waited 5 minutes is retried at the next
//!   30-second flush anyway. Each retry is a timer, so a quiet cluster costs nothing.
//! - Binding (the `pods/binding` subresource) sets `spec.nodeName` and `PodScheduled=True`, and
//!   the scheduler records `Scheduled` `Successfully assigned ns/pod to node`.
//! - Ties between equally good nodes are broken with the cluster's seeded RNG (upstream picks
//!   at random too).

pub mod plugins;
pub(crate) mod volumebinding;

use std::collections::BTreeMap;

use crate::api::{Node, Pod, PodCondition};
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType, ObjectKey};
use crate::time::{Duration, Time};

use plugins::{NodeUsage, Rejection};

pub const SCHEDULER_NAME: &str = "default-scheduler";
const REPORTER: Reporter<'static> = Reporter {
    component: SCHEDULER_NAME,
    host: "",
};

const INITIAL_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// `podMaxInUnschedulablePodsDuration`, checked by a flush every 30 s.
const MAX_UNSCHEDULABLE: Duration = Duration::from_secs(5 * 60);
const FLUSH_PERIOD: Duration = Duration::from_secs(30);

/// Pods that failed to schedule, waiting for a retry.
#[derive(Clone, Debug, Default)]
pub(crate) struct Queue {
    pending: BTreeMap<ObjectKey, Waiting>,
    /// Pods with a node chosen, waiting for their volumes to be bound (VolumeBinding's PreBind).
    pub(crate) binding: BTreeMap<ObjectKey, volumebinding::Parked>,
    /// The scheduler's cache: what the pods bound to each node use, kept up to date from the
    /// watch stream (and at once for a pod it binds itself, upstream's "assume").
    usage: BTreeMap<String, NodeUsage>,
    /// What each counted pod added to `usage`, to take it back when the pod changes.
    counted: BTreeMap<ObjectKey, Counted>,
    /// Where the next cycle starts looking among the nodes (`nextStartNodeIndex`).
    next_start: usize,
}

#[derive(Clone, Debug)]
struct Counted {
    node: String,
    requests: (i64, i64, i64, i64),
    host_ports: Vec<(String, String, i32)>,
    owner: Option<String>,
}

#[derive(Clone, Debug)]
struct Waiting {
    uid: String,
    attempts: u32,
    last: Time,
    /// A back-off retry is already scheduled.
    retry_scheduled: bool,
}

/// Brings the cache up to date with one pod: takes back what it counted before and counts it
/// again if it is bound to a node and not terminated.
fn account(c: &mut Cluster, key: &ObjectKey) {
    let q = &mut c.scheduler;
    if let Some(old) = q.counted.remove(key) {
        if let Some(u) = q.usage.get_mut(&old.node) {
            let (cpu, mem, nz_cpu, nz_mem) = old.requests;
            u.pods -= 1;
            u.cpu -= cpu;
            u.memory -= mem;
            u.nonzero_cpu -= nz_cpu;
            u.nonzero_memory -= nz_mem;
            for hp in &old.host_ports {
                if let Some(i) = u.host_ports.iter().position(|x| x == hp) {
                    u.host_ports.remove(i);
                }
            }
            if let Some(o) = &old.owner {
                if let Some(n) = u.by_owner.get_mut(o) {
                    *n -= 1;
                    if *n <= 0 {
                        u.by_owner.remove(o);
                    }
                }
            }
        }
    }
    let Some(p) = c.store.pods.get(&key.namespace, &key.name) else { return };
    if p.spec.node_name.is_empty() || matches!(p.status.phase.as_str(), "Succeeded" | "Failed") {
        return;
    }
    let host_ports: Vec<(String, String, i32)> = p
        .spec
        .containers
        .iter()
        .flat_map(|c| &c.ports)
        .filter(|port| port.host_port > 0)
        .map(|port| {
            let protocol = if port.protocol.is_empty() { "TCP".to_string() } else { port.protocol.clone() };
            let ip = if port.host_ip.is_empty() { "0.0.0.0".to_string() } else { port.host_ip.clone() };
            (ip, protocol, port.host_port)
        })
        .collect();
    let counted = Counted {
        node: p.spec.node_name.clone(),
        requests: plugins::pod_requests(p),
        host_ports,
        owner: p.metadata.owner_references.iter().find(|o| o.controller == Some(true)).map(|o| o.uid.clone()),
    };
    let u = q.usage.entry(counted.node.clone()).or_default();
    let (cpu, mem, nz_cpu, nz_mem) = counted.requests;
    u.pods += 1;
    u.cpu += cpu;
    u.memory += mem;
    u.nonzero_cpu += nz_cpu;
    u.nonzero_memory += nz_mem;
    u.host_ports.extend(counted.host_ports.iter().cloned());
    if let Some(o) = &counted.owner {
        *u.by_owner.entry(o.clone()).or_default() += 1;
    }
    q.counted.insert(key.clone(), counted);
}

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    match change.key.kind {
        Kind::Pod => {
            account(c, &change.key);
            if change.change == ChangeType::Deleted {
                c.scheduler.binding.remove(&change.key);
                let was_waiting = c.scheduler.pending.remove(&change.key).is_some();
                if !was_waiting {
                    wake_all(c); // a bound pod's resources are free again
                }
                return;
            }
            let Some(pod) = c.store.pods.get(&change.key.namespace, &change.key.name) else {
                return;
            };
            if needs_scheduling(pod) && !c.scheduler.pending.contains_key(&change.key) && !c.scheduler.binding.contains_key(&change.key) {
                schedule_one(c, &change.key);
            }
        }
        Kind::Node => {
            let alloc = c.store.nodes.get("", &change.key.name).map(plugins::allocatable);
            match alloc {
                Some(a) => c.scheduler.usage.entry(change.key.name.clone()).or_default().allocatable = Some(a),
                None => {
                    c.scheduler.usage.remove(&change.key.name);
                }
            }
            wake_all(c)
        }
        // VolumeBinding's events: claims and volumes that appear or bind may let pods go on.
        Kind::PersistentVolumeClaim | Kind::PersistentVolume | Kind::StorageClass => {
            wake_all(c);
            volumebinding::claims_changed(c);
        }
        _ => {}
    }
}

/// A retry timer fired: try again if the pod is still waiting for this attempt.
pub(crate) fn retry(c: &mut Cluster, key: &ObjectKey, uid: &str, attempt: u32) {
    let current = c
        .scheduler
        .pending
        .get(key)
        .is_some_and(|w| w.uid == uid && w.attempts == attempt);
    if current
        && c.store
            .pods
            .get(&key.namespace, &key.name)
            .is_some_and(needs_scheduling)
    {
        schedule_one(c, key);
    } else if !current {
        // A newer attempt owns the retries.
    } else {
        c.scheduler.pending.remove(key);
    }
}

fn needs_scheduling(pod: &Pod) -> bool {
    pod.spec.node_name.is_empty()
        && pod.metadata.deletion_timestamp.is_none()
        && pod.spec.scheduling_gates.is_empty()
        && (pod.spec.scheduler_name.is_empty() || pod.spec.scheduler_name == SCHEDULER_NAME)
        && !matches!(pod.status.phase.as_str(), "Succeeded" | "Failed")
}

/// Moves every waiting pod to the back-off queue (`MoveAllToActiveOrBackoffQueue`).
fn wake_all(c: &mut Cluster) {
    let now = c.now();
    let mut timers = Vec::new();
    for (key, w) in c
        .scheduler
        .pending
        .iter_mut()
        .filter(|(_, w)| !w.retry_scheduled)
    {
        w.retry_scheduled = true;
        let at = w.last + backoff(w.attempts);
        let after = if at > now {
            at - now
        } else {
            Duration::from_millis(0)
        };
        timers.push((
            after,
            Timer::SchedulerRetry {
                key: key.clone(),
                uid: w.uid.clone(),
                attempt: w.attempts,
            },
        ));
    }
    for (after, t) in timers {
        c.schedule(after, t);
    }
}

fn backoff(attempts: u32) -> Duration {
    let ms = INITIAL_BACKOFF
        .as_millis()
        .saturating_mul(1i64 << attempts.saturating_sub(1).min(20));
    Duration::from_millis(ms.min(MAX_BACKOFF.as_millis()))
}

/// How many feasible nodes a cycle looks for before it stops filtering
/// (`numFeasibleNodesToFind` with the adaptive `percentageOfNodesToScore`).
fn feasible_to_find(nodes: usize) -> usize {
    const MIN_FEASIBLE: usize = 100;
    if nodes <= MIN_FEASIBLE {
        return nodes;
    }
    let percentage = (50 - nodes as i64 / 125).max(5) as usize;
    (nodes * percentage / 100).max(MIN_FEASIBLE)
}

/// One scheduling cycle for one pod.
fn schedule_one(c: &mut Cluster, key: &ObjectKey) {
    let Some(pod) = c.store.pods.get(&key.namespace, &key.name).cloned() else {
        return;
    };
    let node_count = c.store.nodes.len();
    let unbound_claims = match volumebinding::pre_filter(c, &pod) {
        Ok(claims) => claims,
        Err(reason) => {
            // A PreFilter rejection: every node has the same unresolvable status.
            let rejected = vec![unresolvable_rejection(&reason); node_count];
            let message = fit_error(&pod, node_count, &rejected).replacen(&format!("{}. preemption", histogram_of(&rejected)), &format!("{reason}. preemption"), 1);
            return unschedulable(c, key, &pod, &message);
        }
    };
    let owner = pod.metadata.owner_references.iter().find(|o| o.controller == Some(true)).map(|o| o.uid.clone());
    let requests = plugins::pod_requests(&pod);
    let nodes: Vec<&Node> = c.store.nodes.iter().collect();
    let usage = &c.scheduler.usage;
    let empty = NodeUsage::default();
    // Filter from where the last cycle stopped, until enough feasible nodes are found.
    let want = feasible_to_find(node_count);
    let start = if node_count > 100 { c.scheduler.next_start % node_count } else { 0 };
    let mut feasible: Vec<(&Node, &NodeUsage)> = Vec::new();
    let mut rejected: Vec<Rejection> = Vec::new();
    let mut processed = 0;
    for i in 0..node_count {
        if feasible.len() >= want {
            break;
        }
        let node = nodes[(start + i) % node_count];
        processed += 1;
        let u = usage.get(&node.metadata.name).unwrap_or(&empty);
        match plugins::filter(&pod, requests, node, u) {
            Ok(()) => match volumebinding::filter(c, &pod, node) {
                None => feasible.push((node, u)),
                Some(reason) => rejected.push(unresolvable_rejection(reason)),
            },
            Err(r) => rejected.push(r),
        }
    }
    if feasible.is_empty() {
        let message = fit_error(&pod, node_count, &rejected);
        return unschedulable(c, key, &pod, &message);
    }
    let max_same_owner = owner
        .as_ref()
        .map(|o| feasible.iter().map(|(_, u)| u.by_owner.get(o).copied().unwrap_or(0)).max().unwrap_or(0))
        .unwrap_or(0);
    let scores: Vec<i64> = feasible.iter().map(|(n, u)| plugins::score(&pod, requests, n, u, owner.as_deref(), max_same_owner)).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    let ties: Vec<String> = (0..feasible.len()).filter(|i| scores[*i] == best).map(|i| feasible[i].0.metadata.name.clone()).collect();
    c.scheduler.next_start = (start + processed) % node_count.max(1);
    let node_name = if ties.len() == 1 { ties[0].clone() } else { ties[c.rng_mut().below(ties.len() as u64) as usize].clone() };
    c.scheduler.pending.remove(key);
    if !unbound_claims.is_empty() {
        // The claims are provisioned or bound for this node first (VolumeBinding PreBind).
        return volumebinding::assume(c, key, &pod, &node_name, &unbound_claims);
    }
    bind_and_report(c, key, &node_name);
}

/// Binding: the pod goes to its node, and the scheduler says so.
pub(crate) fn bind_and_report(c: &mut Cluster, key: &ObjectKey, node_name: &str) {
    if let Ok(bound) = c.bind(&key.namespace, &key.name, node_name) {
        account(c, key);
        let message = format!(
            "Successfully assigned {}/{} to {node_name}",
            key.namespace, key.name
        );
        c.record_event(&bound, "", "Normal", "Scheduled", &message, REPORTER);
    }
}

fn unresolvable_rejection(reason: &str) -> Rejection {
    Rejection { reasons: vec![reason.to_string()], resolvable: false }
}

/// The filter part of a FitError for these rejections (`3 <reason>`), as `fit_error` words it.
fn histogram_of(rejected: &[Rejection]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in rejected.iter().flat_map(|r| r.reasons.iter()) {
        *counts.entry(r.clone()).or_default() += 1;
    }
    let mut lines: Vec<String> = counts.into_iter().map(|(r, n)| format!("{n} {r}")).collect();
    lines.sort();
    lines.join(", ")
}

/// `FitError.Error()` followed by the default preemption plugin's message.
fn fit_error(pod: &Pod, nodes: usize, rejected: &[Rejection]) -> String {
    if nodes == 0 {
        return "no nodes available to schedule pods".into();
    }
    let histogram = |reasons: Vec<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for r in reasons {
            *counts.entry(r).or_default() += 1;
        }
        let mut lines: Vec<String> = counts
            .into_iter()
            .map(|(r, n)| format!("{n} {r}"))
            .collect();
        lines.sort();
        lines.join(", ")
    };
    let filter_msg = histogram(rejected.iter().flat_map(|r| r.reasons.clone()).collect());
    let preemption = if pod.spec.preemption_policy.as_deref() == Some("Never") {
        "not eligible due to preemptionPolicy=Never".to_string()
    } else {
        // Every pod has the same priority here, so no node offers victims.
        let why = rejected
            .iter()
            .map(|r| {
                if r.resolvable {
                    "No preemption victims found for incoming pod"
                } else {
                    "Preemption is not helpful for scheduling"
                }
                .to_string()
            })
            .collect();
        format!("0/{nodes} nodes are available: {}", histogram(why))
    };
    format!("0/{nodes} nodes are available: {filter_msg}. preemption: {preemption}.")
}

/// Records a failed attempt: the pod condition, the event, and the 5-minute flush retry.
fn unschedulable(c: &mut Cluster, key: &ObjectKey, pod: &Pod, message: &str) {
    let now = c.now();
    let attempts = c.scheduler.pending.get(key).map_or(0, |w| w.attempts) + 1;
    c.scheduler.pending.insert(
        key.clone(),
        Waiting {
            uid: pod.metadata.uid.clone(),
            attempts,
            last: now,
            retry_scheduled: false,
        },
    );
    let mut updated = pod.clone();
    set_condition(&mut updated, "False", "Unschedulable", message, now);
    let written = c
        .update_status(updated.into())
        .unwrap_or_else(|_| Object::Pod(pod.clone()));
    c.record_event(
        &written,
        "",
        "Warning",
        "FailedScheduling",
        message,
        REPORTER,
    );
    // The flush runs every 30 s from the start; it retries pods that waited 5 minutes.
    let due = now + MAX_UNSCHEDULABLE;
    let since_start = (due - c.config().start).as_millis();
    let period = FLUSH_PERIOD.as_millis();
    let tick = since_start - since_start.rem_euclid(period) + period;
    let after = Duration::from_millis(tick - (now - c.config().start).as_millis());
    c.schedule(
        after,
        Timer::SchedulerRetry {
            key: key.clone(),
            uid: pod.metadata.uid.clone(),
            attempt: attempts,
        },
    );
}

/// `podutil.UpdatePodCondition` for PodScheduled: the transition time moves only when the
/// status does.
pub(crate) fn set_condition(pod: &mut Pod, status: &str, reason: &str, message: &str, now: Time) {
    let conditions = &mut pod.status.conditions;
    match conditions.iter_mut().find(|c| c.type_ == "PodScheduled") {
        Some(cond) => {
            if cond.status != status {
                cond.last_transition_time = Some(now);
            }
            cond.status = status.into();
            cond.reason = reason.into();
            cond.message = message.into();
        }
        None => conditions.push(PodCondition {
            type_: "PodScheduled".into(),
            status: status.into(),
            last_probe_time: None,
            last_transition_time: Some(now),
            reason: reason.into(),
            message: message.into(),
        }),
    }
}
