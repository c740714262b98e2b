//! Controllers: level-triggered reconcilers, one module each, named as upstream's
//! `pkg/controller/*`. Each reads the store and writes through the API server; none calls
//! another. [`on_change`] hands every change of the watch stream to the controllers that
//! watch its kind.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
pub mod endpoint;
pub mod garbagecollector;
pub(crate) mod history;
pub mod job;
pub mod kubernetesservice;
pub mod namespace;
pub mod nodelifecycle;
pub mod persistentvolume;
pub mod replicaset;
pub mod statefulset;
pub mod volumeprotection;

use crate::cluster::Cluster;
use crate::store::Change;

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    garbagecollector::on_change(c, change);
    namespace::on_change(c, change);
    kubernetesservice::on_change(c, change);
    nodelifecycle::on_change(c, change);
    volumeprotection::on_change(c, change);
    persistentvolume::on_change(c, change);
    endpoint::on_change(c, change);
    replicaset::on_change(c, change);
    deployment::on_change(c, change);
    daemonset::on_change(c, change);
    statefulset::on_change(c, change);
    job::on_change(c, change);
    cronjob::on_change(c, change);
    crate::scheduler::on_change(c, change);
    crate::kubelet::on_change(c, change);
}

/// A requeued sync of one object is due.
pub(crate) fn resync(c: &mut Cluster, kind: crate::object::Kind, namespace: &str, name: &str) {
    use crate::object::Kind;
    match kind {
        Kind::ReplicaSet | Kind::ReplicationController => replicaset::sync(c, kind, namespace, name),
        Kind::Deployment => deployment::sync(c, kind, namespace, name),
        Kind::DaemonSet => daemonset::sync(c, kind, namespace, name),
        Kind::StatefulSet => statefulset::sync(c, kind, namespace, name),
        Kind::Job => job::sync(c, kind, namespace, name),
        Kind::CronJob => cronjob::sync(c, kind, namespace, name),
        Kind::PersistentVolumeClaim | Kind::PersistentVolume => persistentvolume::resync(c, kind, namespace, name),
        Kind::Pod => crate::scheduler::volumebinding::poll(c, namespace, name),
        _ => {}
    }
}

/// `queue.AddRateLimited` after a sync failed: the object is synced again after 5 ms, doubling
/// with each failure in a row up to 1000 s (client-go's default per-item back-off), so a
/// controller blocked by someone else's object retries without polling.
pub(crate) fn retry_after_error(c: &mut Cluster, kind: crate::object::Kind, namespace: &str, name: &str) {
    let failures = c.failures.entry((kind, namespace.to_string(), name.to_string())).or_default();
    *failures += 1;
    let ms = 5i64.saturating_mul(1i64 << (*failures - 1).min(30)).min(1_000_000);
    c.schedule(crate::time::Duration::from_millis(ms), crate::cluster::Timer::Resync { kind, namespace: namespace.to_string(), name: name.to_string() });
}

/// Runs one sync, forgetting the object's failures (`queue.Forget`) if it did not fail again.
pub(crate) fn with_backoff(c: &mut Cluster, kind: crate::object::Kind, namespace: &str, name: &str, sync: impl FnOnce(&mut Cluster)) {
    let key = (kind, namespace.to_string(), name.to_string());
    let before = c.failures.get(&key).copied();
    sync(c);
    if c.failures.get(&key).copied() == before {
        c.failures.remove(&key);
    }
}
