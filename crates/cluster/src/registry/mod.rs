//! Per-kind registry strategies, as upstream's `pkg/registry/*/strategy.go`: what the API server
//! does to an object of each kind on create, update and delete, besides storing it.
//! Defaulting is in [`defaults`], validation in [`validate`].

mod admission;
mod defaults;
mod validate;

use crate::api::PodStatus;
use crate::apiserver::Propagation;
use crate::object::{Kind, Object};
use crate::time::Time;

pub(crate) use admission::admit;
pub(crate) use defaults::defaults;
pub(crate) use validate::{validate, validate_meta, validate_update};

/// Kinds whose `metadata.generation` counts spec changes.
pub(crate) fn tracks_generation(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::ReplicationController
            | Kind::Deployment
            | Kind::ReplicaSet
            | Kind::DaemonSet
            | Kind::StatefulSet
            | Kind::Job
            | Kind::CronJob
    )
}

/// What `kubectl delete` does to dependents when no policy is given: apps/v1 kinds and CronJob
/// delete them, core/v1 ReplicationController and batch/v1 Job orphan them (kept for
/// compatibility). kubectl always sends a policy, so this matters for API clients.
pub(crate) fn default_propagation(kind: Kind) -> Propagation {
    match kind {
        Kind::ReplicationController | Kind::Job => Propagation::Orphan,
        _ => Propagation::Background,
    }
}

/// The grace period a deletion gets: pods bound to a node wait for the kubelet
/// (`terminationGracePeriodSeconds`, default 30); everything else goes at once.
pub(crate) fn grace_period(obj: &Object, requested: Option<i64>) -> Option<i64> {
    match obj {
        Object::Pod(p) if !p.spec.node_name.is_empty() && !matches!(p.status.phase.as_str(), "Succeeded" | "Failed") => {
            Some(requested.unwrap_or(p.spec.termination_grace_period_seconds.unwrap_or(30)).max(0))
        }
        _ => None,
    }
}

/// Whether something must still happen before a deleting object may go: metadata finalizers,
/// or a namespace's `spec.finalizers` (the namespace controller's `kubernetes`).
pub(crate) fn has_finalizers(obj: &Object) -> bool {
    !obj.meta().finalizers.is_empty() || matches!(obj, Object::Namespace(n) if !n.spec.finalizers.is_empty())
}

/// Changes a deletion makes beyond the deletion timestamp.
pub(crate) fn on_delete(obj: &mut Object) {
    if let Object::Namespace(ns) = obj {
        ns.status.phase = "Terminating".into();
    }
}

/// Server-side fields of a new object (status starts empty; pods start Pending).
pub(crate) fn prepare_for_create(obj: &mut Object, _now: Time) {
    match obj {
        Object::Pod(p) => {
            let qos = qos_class(&p.spec);
            p.status = PodStatus { phase: "Pending".into(), qos_class: qos, ..Default::default() };
        }
        Object::Namespace(n) => {
            n.status = Default::default();
            n.status.phase = "Active".into();
            if n.spec.finalizers.is_empty() {
                n.spec.finalizers = vec!["kubernetes".into()];
            }
        }
        Object::PersistentVolumeClaim(c) => {
            c.status = Default::default();
            c.status.phase = "Pending".into();
        }
        Object::PersistentVolume(v) => {
            v.status = Default::default();
            v.status.phase = "Pending".into();
        }
        Object::Job(j) => {
            j.status = Default::default();
            let uid = j.metadata.uid.clone();
            defaults::job_selector(j, &uid);
        }
        Object::ReplicationController(o) => o.status = Default::default(),
        Object::Service(o) => o.status = Default::default(),
        Object::Deployment(o) => o.status = Default::default(),
        Object::ReplicaSet(o) => o.status = Default::default(),
        Object::DaemonSet(o) => {
            o.status = Default::default();
            let generation = o.metadata.annotations.get(DAEMONSET_TEMPLATE_GENERATION).and_then(|g| g.parse::<i64>().ok()).filter(|g| *g >= 1).unwrap_or(1);
            o.metadata.annotations.insert(DAEMONSET_TEMPLATE_GENERATION.into(), generation.to_string());
        }
        Object::StatefulSet(o) => o.status = Default::default(),
        Object::CronJob(o) => o.status = Default::default(),
        _ => {}
    }
}

/// Applies `$body` to the (old, new) pair when both are the same kind with a `status` field.
macro_rules! with_status {
    ($old:expr, $new:expr, |$o:ident, $n:ident| $body:expr) => {
        match ($old, $new) {
            (Object::Namespace($o), Object::Namespace($n)) => $body,
            (Object::Node($o), Object::Node($n)) => $body,
            (Object::Pod($o), Object::Pod($n)) => $body,
            (Object::ReplicationController($o), Object::ReplicationController($n)) => $body,
            (Object::Service($o), Object::Service($n)) => $body,
            (Object::PersistentVolumeClaim($o), Object::PersistentVolumeClaim($n)) => $body,
            (Object::PersistentVolume($o), Object::PersistentVolume($n)) => $body,
            (Object::Deployment($o), Object::Deployment($n)) => $body,
            (Object::ReplicaSet($o), Object::ReplicaSet($n)) => $body,
            (Object::DaemonSet($o), Object::DaemonSet($n)) => $body,
            (Object::StatefulSet($o), Object::StatefulSet($n)) => $body,
            (Object::Job($o), Object::Job($n)) => $body,
            (Object::CronJob($o), Object::CronJob($n)) => $body,
            _ => {}
        }
    };
}

/// A main-resource update cannot change status: keep the stored one.
pub(crate) fn keep_status(old: &Object, new: &mut Object) {
    with_status!(old, new, |o, n| n.status = o.status.clone());
}

/// The annotation that serves a DaemonSet's template generation (`spec.templateGeneration`
/// of the internal type), which its pods carry as `pod-template-generation`.
pub const DAEMONSET_TEMPLATE_GENERATION: &str = "deprecated.daemonset.template.generation";

/// `PrepareForUpdate`: the status stays as stored, and a DaemonSet's template generation is the
/// server's: kept, or moved on by one when the template changed.
pub(crate) fn prepare_for_update(old: &Object, new: &mut Object) {
    keep_status(old, new);
    if let (Object::DaemonSet(o), Object::DaemonSet(n)) = (old, new) {
        let generation = o.metadata.annotations.get(DAEMONSET_TEMPLATE_GENERATION).and_then(|g| g.parse::<i64>().ok()).unwrap_or(1);
        let generation = if o.spec.template != n.spec.template { generation + 1 } else { generation };
        n.metadata.annotations.insert(DAEMONSET_TEMPLATE_GENERATION.into(), generation.to_string());
    }
}

/// A status update changes only status: everything else stays as stored.
pub(crate) fn keep_spec(old: &Object, new: &mut Object) {
    with_status!(old, new, |o, n| {
        let status = std::mem::take(&mut n.status);
        *n = o.clone();
        n.status = status;
    });
}

/// Whether an update changed the spec of a kind that tracks generation.
pub(crate) fn spec_changed(old: &Object, new: &Object) -> bool {
    match (old, new) {
        (Object::ReplicationController(o), Object::ReplicationController(n)) => o.spec != n.spec,
        (Object::Deployment(o), Object::Deployment(n)) => o.spec != n.spec,
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => o.spec != n.spec,
        (Object::DaemonSet(o), Object::DaemonSet(n)) => o.spec != n.spec,
        (Object::StatefulSet(o), Object::StatefulSet(n)) => o.spec != n.spec,
        (Object::Job(o), Object::Job(n)) => o.spec != n.spec,
        (Object::CronJob(o), Object::CronJob(n)) => o.spec != n.spec,
        _ => false,
    }
}

/// `qos.GetPodQOS`: Guaranteed when every container has equal cpu and memory requests and
/// limits, BestEffort when none has any, else Burstable.
pub fn qos_class(spec: &crate::api::PodSpec) -> String {
    let containers = spec.init_containers.iter().chain(&spec.containers);
    let mut any = false;
    let mut guaranteed = true;
    for c in containers {
        let (req, lim) = (&c.resources.requests, &c.resources.limits);
        if !req.is_empty() || !lim.is_empty() {
            any = true;
        }
        for r in ["cpu", "memory"] {
            match (lim.get(r), req.get(r)) {
                (Some(l), Some(q)) if l == q => {}
                (Some(_), None) => {} // requests default to limits
                _ => guaranteed = false,
            }
        }
    }
    if !any {
        "BestEffort".into()
    } else if guaranteed {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}
