//! The PersistentVolume controller (`pkg/controller/volume/persistentvolume`, v1.31: binding
//! claims and volumes, events from `persistentvolume-controller`) and the external provisioners
//! of the presets' default StorageClass `standard` (sig-storage-lib-external-provisioner):
//! kind's `rancher.io/local-path` (WaitForFirstConsumer) and minikube's
//! `k8s.io/minikube-hostpath` (Immediate).
//!
//! An unbound claim is bound to a volume already made for it, or to the smallest Available
//! volume of its class that fits (not for WaitForFirstConsumer classes, which the scheduler
//! binds). Otherwise a claim of a WaitForFirstConsumer class waits (`WaitForFirstConsumer`)
//! until the scheduler picks a node for a pod using it (`volume.kubernetes.io/selected-node`);
//! a claim with a class gets its provisioner's annotations and `ExternalProvisioning`; a claim
//! without one gets `FailedBinding`. The provisioner reports `Provisioning`, works (local-path
//! runs a helper pod on the node: about 3 s; hostpath makes a directory), creates the volume
//! `pvc-<claim uid>` pre-bound to the claim and reports `ProvisioningSucceeded`; the controller
//! then binds both (volume `Bound`; claim `Bound` with `volumeName`, capacity and access modes).
//! A volume whose claim is gone is `Released`; under the `Delete` policy its provisioner deletes
//! it. Pending claims are looked at again on the controller's 15 s resync grid
//! (`--pvclaimbinder-sync-period`), repeating their waiting events as upstream does.

use std::collections::BTreeSet;

use crate::api::*;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType};
use crate::time::Duration;

const REPORTER: Reporter<'static> = Reporter { component: "persistentvolume-controller", host: "" };
/// `--pvclaimbinder-sync-period`.
const RESYNC: Duration = Duration::from_secs(15);

pub const ANN_SELECTED_NODE: &str = "volume.kubernetes.io/selected-node";
pub const ANN_STORAGE_PROVISIONER: &str = "volume.kubernetes.io/storage-provisioner";
pub const ANN_BETA_STORAGE_PROVISIONER: &str = "volume.beta.kubernetes.io/storage-provisioner";
pub const ANN_BIND_COMPLETED: &str = "pv.kubernetes.io/bind-completed";
pub const ANN_BOUND_BY_CONTROLLER: &str = "pv.kubernetes.io/bound-by-controller";
pub const ANN_PROVISIONED_BY: &str = "pv.kubernetes.io/provisioned-by";
pub const ANN_DEFAULT_CLASS: &str = "storageclass.kubernetes.io/is-default-class";

pub const LOCAL_PATH: &str = "rancher.io/local-path";
pub const MINIKUBE_HOSTPATH: &str = "k8s.io/minikube-hostpath";

/// Claims (by uid) an external provisioner is working on (`claimsInProgress`).
#[derive(Clone, Debug, Default)]
pub(crate) struct InProgress {
    claims: BTreeSet<String>,
}

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    let key = &change.key;
    match (key.kind, change.change) {
        (Kind::PersistentVolumeClaim, ChangeType::Added) => {
            schedule_resync(c, &key.namespace, &key.name);
            sync_claim(c, &key.namespace, &key.name, false);
        }
        (Kind::PersistentVolumeClaim, ChangeType::Modified) => sync_claim(c, &key.namespace, &key.name, false),
        (Kind::PersistentVolumeClaim, ChangeType::Deleted) => {
            c.provisioning.claims.remove(&change.uid);
            // The volume bound to it is released.
            let bound: Vec<String> = c
                .store
                .persistentvolumes
                .iter()
                .filter(|v| v.spec.claim_ref.as_ref().is_some_and(|r| r.uid == change.uid))
                .map(|v| v.metadata.name.clone())
                .collect();
            for pv in bound {
                sync_volume(c, &pv);
            }
        }
        (Kind::PersistentVolume, ChangeType::Added | ChangeType::Modified) => sync_volume(c, &key.name),
        _ => {}
    }
}

/// A timer: the 15 s resync of one pending claim (`kind` PersistentVolumeClaim); an external
/// provisioner finishing its work on one claim (`kind` PersistentVolume, named by the claim's
/// namespace and name) or deleting a released volume (`kind` PersistentVolume, no namespace).
pub(crate) fn resync(c: &mut Cluster, kind: Kind, namespace: &str, name: &str) {
    match kind {
        Kind::PersistentVolumeClaim => {
            let pending = c.store.persistentvolumeclaims.get(namespace, name).is_some_and(|p| p.status.phase != "Bound");
            if pending {
                sync_claim(c, namespace, name, true);
                schedule_resync(c, namespace, name);
            }
        }
        Kind::PersistentVolume if namespace.is_empty() => delete_released(c, name),
        Kind::PersistentVolume => finish_provisioning(c, namespace, name),
        _ => {}
    }
}

/// The next tick of the 15 s resync grid (counted from the cluster's start).
fn schedule_resync(c: &mut Cluster, namespace: &str, name: &str) {
    let since = (c.now() - c.config().start).as_millis();
    let period = RESYNC.as_millis();
    let next = since - since.rem_euclid(period) + period;
    c.schedule(Duration::from_millis(next - since), Timer::Resync { kind: Kind::PersistentVolumeClaim, namespace: namespace.into(), name: name.into() });
}

/// The claim's class: its `storageClassName` (none and `""` both mean no class).
fn class_of(pvc: &PersistentVolumeClaim) -> &str {
    pvc.spec.storage_class_name.as_deref().unwrap_or("")
}

fn storage(list: &ResourceList) -> i64 {
    list.get("storage").and_then(|q| q.value()).unwrap_or(0)
}

/// Whether a claim of this class waits for its first consumer (`IsDelayBindingMode`).
fn delays_binding(c: &Cluster, class: &str) -> bool {
    !class.is_empty() && c.store.storageclasses.get("", class).is_some_and(|sc| sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"))
}

/// `findBestMatchForClaim`: a volume pre-bound to the claim, else (unless binding waits for the
/// scheduler) the smallest Available one of the claim's class that fits.
fn best_match(c: &Cluster, pvc: &PersistentVolumeClaim, delay: bool) -> Option<String> {
    let m = &pvc.metadata;
    let prebound = c.store.persistentvolumes.iter().find(|v| {
        v.spec.claim_ref.as_ref().is_some_and(|r| r.namespace == m.namespace && r.name == m.name && (r.uid.is_empty() || r.uid == m.uid)) && v.metadata.deletion_timestamp.is_none()
    });
    if let Some(v) = prebound {
        return Some(v.metadata.name.clone());
    }
    if delay {
        return None;
    }
    let want = storage(&pvc.spec.resources.requests);
    let selector = pvc.spec.selector.as_ref().and_then(|s| s.as_selector().ok());
    let mode = pvc.spec.volume_mode.as_deref().unwrap_or("Filesystem");
    c.store
        .persistentvolumes
        .iter()
        .filter(|v| {
            v.spec.claim_ref.is_none()
                && v.metadata.deletion_timestamp.is_none()
                && v.status.phase == "Available"
                && v.spec.storage_class_name == class_of(pvc)
                && v.spec.volume_mode.as_deref().unwrap_or("Filesystem") == mode
                && pvc.spec.access_modes.iter().all(|a| v.spec.access_modes.contains(a))
                && storage(&v.spec.capacity) >= want
                && selector.as_ref().is_none_or(|s| s.matches(&v.metadata.labels))
        })
        .min_by_key(|v| (storage(&v.spec.capacity), v.metadata.name.clone()))
        .map(|v| v.metadata.name.clone())
}

/// `syncClaim`.
fn sync_claim(c: &mut Cluster, namespace: &str, name: &str, periodic: bool) {
    let Some(pvc) = c.store.persistentvolumeclaims.get(namespace, name).cloned() else { return };
    if pvc.spec.volume_name.is_empty() {
        let class = class_of(&pvc).to_string();
        let delay = delays_binding(c, &class);
        if let Some(pv) = best_match(c, &pvc, delay) {
            bind(c, &pv, namespace, name);
            return;
        }
        let obj: Object = pvc.clone().into();
        let selected = pvc.metadata.annotations.contains_key(ANN_SELECTED_NODE);
        if delay && !selected {
            // `emitEventForUnboundDelayBindingClaim`: pods created before the claim that use
            // it and wait for the scheduler are named.
            let waiting: Vec<String> = c
                .store
                .pods
                .in_namespace(namespace)
                .filter(|p| p.spec.node_name.is_empty() && p.metadata.resource_version.parse::<u64>().unwrap_or(0) < pvc_created_rv(&pvc, periodic))
                .filter(|p| p.spec.volumes.iter().any(|v| v.persistent_volume_claim.as_ref().is_some_and(|s| s.claim_name == name)))
                .map(|p| p.metadata.name.clone())
                .collect();
            match waiting.as_slice() {
                [] => c.record_event(&obj, "", "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding", REPORTER),
                [one] => c.record_event(&obj, "", "Normal", "WaitForPodScheduled", &format!("waiting for pod {one} to be scheduled"), REPORTER),
                many => c.record_event(&obj, "", "Normal", "WaitForPodScheduled", &format!("waiting for pods {} to be scheduled", many.join(",")), REPORTER),
            }
        } else if !class.is_empty() {
            provision_claim(c, pvc, &class);
            return;
        } else {
            c.record_event(&obj, "", "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set", REPORTER);
        }
        set_claim_phase(c, namespace, name, "Pending");
        return;
    }
    // The claim names its volume.
    let volume = pvc.spec.volume_name.clone();
    let Some(pv) = c.store.persistentvolumes.get("", &volume).cloned() else {
        if pvc.status.phase == "Bound" {
            set_claim_phase(c, namespace, name, "Lost");
            let obj: Object = pvc.into();
            c.record_event(&obj, "", "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on this volume is lost!", REPORTER);
        }
        return;
    };
    match &pv.spec.claim_ref {
        None => bind(c, &volume, namespace, name),
        Some(r) if r.uid == pvc.metadata.uid || (r.uid.is_empty() && r.namespace == namespace && r.name == name) => {
            if pvc.status.phase != "Bound" || pv.status.phase != "Bound" {
                bind(c, &volume, namespace, name);
            }
        }
        Some(_) => {
            if pvc.status.phase == "Bound" {
                set_claim_phase(c, namespace, name, "Lost");
                let obj: Object = pvc.into();
                c.record_event(&obj, "", "Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly", REPORTER);
            }
        }
    }
}

/// The resourceVersion the claim was created with (its first write); for a periodic sync
/// every waiting pod counts.
fn pvc_created_rv(pvc: &PersistentVolumeClaim, periodic: bool) -> u64 {
    if periodic {
        return u64::MAX;
    }
    pvc.metadata.resource_version.parse().unwrap_or(u64::MAX)
}

fn set_claim_phase(c: &mut Cluster, namespace: &str, name: &str, phase: &str) {
    if let Some(mut pvc) = c.store.persistentvolumeclaims.get(namespace, name).cloned() {
        if pvc.status.phase != phase {
            pvc.status.phase = phase.into();
            let _ = c.update_status(pvc.into());
        }
    }
}

/// `provisionClaim` for an external provisioner: the claim names it, the controller says it
/// waits for it, and the provisioner (if it is one kubeplay runs) takes the claim on.
fn provision_claim(c: &mut Cluster, pvc: PersistentVolumeClaim, class: &str) {
    let Some(sc) = c.store.storageclasses.get("", class).cloned() else {
        let obj: Object = pvc.into();
        c.record_event(&obj, "", "Warning", "ProvisioningFailed", &format!("storageclass.storage.k8s.io \"{class}\" not found"), REPORTER);
        return;
    };
    let (namespace, name) = (pvc.metadata.namespace.clone(), pvc.metadata.name.clone());
    let provisioner = sc.provisioner.clone();
    let mut annotated = pvc.clone();
    let ann = &mut annotated.metadata.annotations;
    let missing = ann.get(ANN_STORAGE_PROVISIONER) != Some(&provisioner) || ann.get(ANN_BETA_STORAGE_PROVISIONER) != Some(&provisioner);
    if missing {
        ann.insert(ANN_BETA_STORAGE_PROVISIONER.into(), provisioner.clone());
        ann.insert(ANN_STORAGE_PROVISIONER.into(), provisioner.clone());
    }
    let pvc = if missing {
        match c.update(annotated.into()) {
            Ok(Object::PersistentVolumeClaim(p)) => p,
            _ => return,
        }
    } else {
        pvc
    };
    let obj: Object = pvc.clone().into();
    let msg = format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
    c.record_event(&obj, "", "Normal", "ExternalProvisioning", &msg, REPORTER);
    set_claim_phase(c, &namespace, &name, "Pending");
    start_provisioning(c, &pvc, &sc);
}

/// How long a provisioner takes to make a volume.
fn provisioning_time(provisioner: &str) -> Option<Duration> {
    match provisioner {
        LOCAL_PATH => Some(Duration::from_millis(2_600)),
        MINIKUBE_HOSTPATH => Some(Duration::from_millis(150)),
        _ => None,
    }
}

/// The provisioner's identity in its events: `<name>_<host>_<uuid>`.
fn provisioner_identity(c: &Cluster, provisioner: &str) -> String {
    // Stable for a cluster, derived from its seed without drawing on its RNG.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ c.config().seed;
    let mut next = || {
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 29;
        h
    };
    let (a, b) = (next(), next());
    let uuid = format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        ((b >> 48) & 0x3fff) | 0x8000,
        b & 0xffff_ffff_ffff
    );
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let rs_number = next() % 10_000_000_000;
    let mut pick = |_| ALPHANUMS[(next() % ALPHANUMS.len() as u64) as usize] as char;
    match provisioner {
        LOCAL_PATH => {
            // A pod-template-hash: SafeEncodeString of a decimal number.
            let rs = super::history::safe_encode(&format!("{rs_number:010}"));
            let pod: String = (0..5).map(&mut pick).collect();
            format!("{provisioner}_local-path-provisioner-{rs}-{pod}_{uuid}")
        }
        _ => format!("{provisioner}_minikube_{uuid}"),
    }
}

/// The external provisioner sees a claim it should provision (`shouldProvision`) and starts.
fn start_provisioning(c: &mut Cluster, pvc: &PersistentVolumeClaim, sc: &StorageClass) {
    let Some(delay) = provisioning_time(&sc.provisioner) else { return };
    let m = &pvc.metadata;
    let named = m.annotations.get(ANN_STORAGE_PROVISIONER).or(m.annotations.get(ANN_BETA_STORAGE_PROVISIONER)) == Some(&sc.provisioner);
    let wffc = sc.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer");
    if !named || (wffc && !m.annotations.contains_key(ANN_SELECTED_NODE)) || m.deletion_timestamp.is_some() {
        return;
    }
    if c.provisioning.claims.contains(&m.uid) || c.store.persistentvolumes.get("", &format!("pvc-{}", m.uid)).is_some() {
        return;
    }
    c.provisioning.claims.insert(m.uid.clone());
    let who = provisioner_identity(c, &sc.provisioner);
    let obj: Object = pvc.clone().into();
    let msg = format!("External provisioner is provisioning volume for claim \"{}/{}\"", m.namespace, m.name);
    c.record_event(&obj, "", "Normal", "Provisioning", &msg, Reporter { component: &who, host: "" });
    c.schedule(delay, Timer::Resync { kind: Kind::PersistentVolume, namespace: m.namespace.clone(), name: m.name.clone() });
}

/// The provisioner's work is done: the volume, pre-bound to the claim.
fn finish_provisioning(c: &mut Cluster, namespace: &str, name: &str) {
    let Some(pvc) = c.store.persistentvolumeclaims.get(namespace, name).cloned() else { return };
    let uid = pvc.metadata.uid.clone();
    if !c.provisioning.claims.remove(&uid) {
        return;
    }
    let Some(sc) = c.store.storageclasses.get("", class_of(&pvc)).cloned() else { return };
    if !pvc.spec.volume_name.is_empty() || pvc.metadata.deletion_timestamp.is_some() {
        return;
    }
    let pv_name = format!("pvc-{uid}");
    let node = pvc.metadata.annotations.get(ANN_SELECTED_NODE).cloned().unwrap_or_default();
    let mut annotations = std::collections::BTreeMap::new();
    annotations.insert(ANN_PROVISIONED_BY.to_string(), sc.provisioner.clone());
    let (host_path, node_affinity) = if sc.provisioner == LOCAL_PATH {
        annotations.insert("local.path.provisioner/selected-node".into(), node.clone());
        let path = format!("/var/local-path-provisioner/{pv_name}_{namespace}_{name}");
        let affinity = VolumeNodeAffinity {
            required: Some(NodeSelector {
                node_selector_terms: vec![NodeSelectorTerm {
                    match_expressions: vec![NodeSelectorRequirement { key: "kubernetes.io/hostname".into(), operator: "In".into(), values: vec![node] }],
                    ..Default::default()
                }],
            }),
        };
        (HostPathVolumeSource { path, type_: Some("DirectoryOrCreate".into()) }, Some(affinity))
    } else {
        annotations.insert("hostPathProvisionerIdentity".into(), provisioner_identity(c, &sc.provisioner).rsplit('_').next().unwrap_or_default().to_string());
        (HostPathVolumeSource { path: format!("/tmp/hostpath-provisioner/{namespace}/{name}"), type_: Some(String::new()) }, None)
    };
    let mut capacity = ResourceList::new();
    if let Some(q) = pvc.spec.resources.requests.get("storage") {
        capacity.insert("storage".into(), q.clone());
    }
    let pv = PersistentVolume {
        metadata: ObjectMeta { name: pv_name.clone(), annotations, ..Default::default() },
        spec: PersistentVolumeSpec {
            capacity,
            host_path: Some(host_path),
            access_modes: pvc.spec.access_modes.clone(),
            claim_ref: Some(ObjectReference {
                kind: "PersistentVolumeClaim".into(),
                namespace: namespace.into(),
                name: name.into(),
                uid,
                api_version: "v1".into(),
                resource_version: pvc.metadata.resource_version.clone(),
                field_path: String::new(),
            }),
            persistent_volume_reclaim_policy: sc.reclaim_policy.clone().unwrap_or_else(|| "Delete".into()),
            storage_class_name: sc.metadata.name.clone(),
            volume_mode: pvc.spec.volume_mode.clone(),
            node_affinity,
            ..Default::default()
        },
        ..Default::default()
    };
    let who = provisioner_identity(c, &sc.provisioner);
    let obj: Object = pvc.into();
    match c.create(pv.into()) {
        Ok(_) => c.record_event(&obj, "", "Normal", "ProvisioningSucceeded", &format!("Successfully provisioned volume {pv_name}"), Reporter { component: &who, host: "" }),
        Err(e) => c.record_event(&obj, "", "Warning", "ProvisioningFailed", &format!("failed to provision volume with StorageClass \"{}\": {e}", sc.metadata.name), Reporter { component: &who, host: "" }),
    }
}

/// The provisioner deletes a volume still Released under the `Delete` policy.
fn delete_released(c: &mut Cluster, name: &str) {
    let Some(pv) = c.store.persistentvolumes.get("", name) else { return };
    if pv.status.phase == "Released" && pv.spec.persistent_volume_reclaim_policy == "Delete" && pv.metadata.deletion_timestamp.is_none() {
        let _ = c.delete(Kind::PersistentVolume, "", name, Default::default());
    }
}

/// `syncVolume`.
fn sync_volume(c: &mut Cluster, name: &str) {
    let Some(pv) = c.store.persistentvolumes.get("", name).cloned() else { return };
    let Some(r) = pv.spec.claim_ref.clone() else {
        if pv.status.phase != "Available" && pv.metadata.deletion_timestamp.is_none() {
            set_volume_phase(c, name, "Available");
        }
        return;
    };
    let claim = c.store.persistentvolumeclaims.get(&r.namespace, &r.name).filter(|p| r.uid.is_empty() || p.metadata.uid == r.uid).cloned();
    match claim {
        None if r.uid.is_empty() => {
            // Pre-bound by name to a claim that does not exist yet.
            if pv.status.phase != "Available" {
                set_volume_phase(c, name, "Available");
            }
        }
        None => {
            if matches!(pv.status.phase.as_str(), "Released" | "Failed") {
                return;
            }
            set_volume_phase(c, name, "Released");
            // `reclaimVolume`: under `Delete` an external provisioner deletes what it made (the
            // PV controller leaves it to it), taking as long as it took to make it.
            let delay = pv.metadata.annotations.get(ANN_PROVISIONED_BY).and_then(|p| provisioning_time(p));
            if let Some(delay) = delay.filter(|_| pv.spec.persistent_volume_reclaim_policy == "Delete" && pv.metadata.deletion_timestamp.is_none()) {
                c.schedule(delay, Timer::Resync { kind: Kind::PersistentVolume, namespace: String::new(), name: name.into() });
            }
        }
        Some(pvc) if pvc.spec.volume_name.is_empty() => sync_claim(c, &r.namespace, &r.name, false),
        Some(pvc) if pvc.spec.volume_name == name => {
            if pv.status.phase != "Bound" {
                set_volume_phase(c, name, "Bound");
            }
        }
        Some(_) => {}
    }
}

fn set_volume_phase(c: &mut Cluster, name: &str, phase: &str) {
    if let Some(mut pv) = c.store.persistentvolumes.get("", name).cloned() {
        if pv.status.phase != phase {
            pv.status.phase = phase.into();
            pv.status.last_phase_transition_time = Some(c.now());
            let _ = c.update_status(pv.into());
        }
    }
}

/// `bind`: the volume names the claim and is Bound; the claim names the volume and is Bound
/// with the volume's capacity and access modes.
fn bind(c: &mut Cluster, volume: &str, namespace: &str, name: &str) {
    let (Some(mut pv), Some(mut pvc)) = (c.store.persistentvolumes.get("", volume).cloned(), c.store.persistentvolumeclaims.get(namespace, name).cloned()) else { return };
    let claim_ref_ok = pv.spec.claim_ref.as_ref().is_some_and(|r| r.uid == pvc.metadata.uid);
    if !claim_ref_ok {
        pv.spec.claim_ref = Some(ObjectReference {
            kind: "PersistentVolumeClaim".into(),
            namespace: namespace.into(),
            name: name.into(),
            uid: pvc.metadata.uid.clone(),
            api_version: "v1".into(),
            resource_version: pvc.metadata.resource_version.clone(),
            field_path: String::new(),
        });
        pv.metadata.annotations.insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
        pv = match c.update(pv.into()) {
            Ok(Object::PersistentVolume(v)) => v,
            _ => return,
        };
    }
    if pv.status.phase != "Bound" {
        set_volume_phase(c, volume, "Bound");
    }
    let mut changed = false;
    if pvc.spec.volume_name != volume {
        pvc.spec.volume_name = volume.into();
        pvc.metadata.annotations.insert(ANN_BOUND_BY_CONTROLLER.into(), "yes".into());
        changed = true;
    }
    if pvc.metadata.annotations.get(ANN_BIND_COMPLETED).map(String::as_str) != Some("yes") {
        pvc.metadata.annotations.insert(ANN_BIND_COMPLETED.into(), "yes".into());
        changed = true;
    }
    if changed {
        pvc = match c.update(pvc.into()) {
            Ok(Object::PersistentVolumeClaim(p)) => p,
            _ => return,
        };
    }
    if pvc.status.phase != "Bound" || pvc.status.capacity != pv.spec.capacity || pvc.status.access_modes != pv.spec.access_modes {
        pvc.status.phase = "Bound".into();
        pvc.status.capacity = pv.spec.capacity.clone();
        pvc.status.access_modes = pv.spec.access_modes.clone();
        let _ = c.update_status(pvc.into());
    }
}

/// The presets' default StorageClass `standard`: kind's local-path (WaitForFirstConsumer) or
/// minikube's hostpath (Immediate).
pub(crate) fn default_class(preset: crate::nodes::Preset) -> StorageClass {
    let minikube = preset == crate::nodes::Preset::Minikube;
    let mut labels = std::collections::BTreeMap::new();
    if minikube {
        labels.insert("addonmanager.kubernetes.io/mode".to_string(), "EnsureExists".to_string());
    }
    StorageClass {
        metadata: ObjectMeta {
            name: "standard".into(),
            labels,
            annotations: [(ANN_DEFAULT_CLASS.to_string(), "true".to_string())].into(),
            ..Default::default()
        },
        provisioner: if minikube { MINIKUBE_HOSTPATH } else { LOCAL_PATH }.into(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some(if minikube { "Immediate" } else { "WaitForFirstConsumer" }.into()),
        ..Default::default()
    }
}
