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
