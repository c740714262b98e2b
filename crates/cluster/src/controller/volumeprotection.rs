//! The PVC and PV protection controllers (`pkg/controller/volume/pvcprotection`,
//! `pvprotection`): a claim being deleted keeps its `kubernetes.io/pvc-protection` finalizer
//! (and shows `Terminating`) while a pod that is not finished uses it; a volume keeps
//! `kubernetes.io/pv-protection` while it is bound.

use crate::cluster::Cluster;
use crate::object::Kind;
use crate::store::{Change, ChangeType};

const PVC_FINALIZER: &str = "kubernetes.io/pvc-protection";
const PV_FINALIZER: &str = "kubernetes.io/pv-protection";

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    match (change.key.kind, change.change) {
        (Kind::PersistentVolumeClaim, ChangeType::Added | ChangeType::Modified) => sync_claim(c, &change.key.namespace, &change.key.name),
        // A pod that goes (or finishes) may free the claims it used.
        (Kind::Pod, _) => {
            let deleting: Vec<String> = c
                .store
                .persistentvolumeclaims
                .in_namespace(&change.key.namespace)
                .filter(|p| p.metadata.deletion_timestamp.is_some())
                .map(|p| p.metadata.name.clone())
                .collect();
            for name in deleting {
                sync_claim(c, &change.key.namespace, &name);
            }
        }
        (Kind::PersistentVolume, ChangeType::Added | ChangeType::Modified) => {
            let Some(mut pv) = c.store.persistentvolumes.get("", &change.key.name).cloned() else { return };
            if pv.metadata.deletion_timestamp.is_some() && pv.status.phase != "Bound" && pv.metadata.finalizers.iter().any(|f| f == PV_FINALIZER) {
                pv.metadata.finalizers.retain(|f| f != PV_FINALIZER);
                let _ = c.update(pv.into());
            }
        }
        _ => {}
    }
}

fn sync_claim(c: &mut Cluster, namespace: &str, name: &str) {
    let Some(mut pvc) = c.store.persistentvolumeclaims.get(namespace, name).cloned() else { return };
    if pvc.metadata.deletion_timestamp.is_none() || !pvc.metadata.finalizers.iter().any(|f| f == PVC_FINALIZER) {
        return;
    }
    let in_use = c.store.pods.in_namespace(namespace).any(|p| {
        !matches!(p.status.phase.as_str(), "Succeeded" | "Failed")
            && p.spec.volumes.iter().any(|v| v.persistent_volume_claim.as_ref().is_some_and(|s| s.claim_name == name))
    });
    if !in_use {
        pvc.metadata.finalizers.retain(|f| f != PVC_FINALIZER);
        let _ = c.update(pvc.into());
    }
}
