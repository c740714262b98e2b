//! The StatefulSet controller (kubernetes-behavior.md §6) and the volumes its claims get from
//! the presets' default StorageClass.

use std::collections::BTreeMap;

use cluster::api::*;
use cluster::nodes::Preset;
use cluster::time::Duration;
use cluster::{Cluster, ClusterConfig, Kind, Object};

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn statefulset(replicas: i32, claims: bool) -> StatefulSet {
    let claim = PersistentVolumeClaim {
        metadata: ObjectMeta { name: "www".into(), ..Default::default() },
        spec: PersistentVolumeClaimSpec {
            access_modes: vec!["ReadWriteOnce".into()],
            resources: VolumeResourceRequirements { requests: [("storage".to_string(), Quantity::from("1Gi"))].into(), ..Default::default() },
            ..Default::default()
        },
        ..Default::default()
    };
    StatefulSet {
        metadata: ObjectMeta { name: "web".into(), ..Default::default() },
        spec: StatefulSetSpec {
            replicas: Some(replicas),
            service_name: "nginx".into(),
            selector: Some(LabelSelector { match_labels: labels(&[("app", "nginx")]), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: labels(&[("app", "nginx")]), ..Default::default() },
                spec: PodSpec {
                    containers: vec![Container {
                        name: "nginx".into(),
                        image: "nginx:1.25".into(),
                        volume_mounts: if claims { vec![VolumeMount { name: "www".into(), mount_path: "/usr/share/nginx/html".into(), ..Default::default() }] } else { vec![] },
                        ..Default::default()
                    }],
                    ..Default::default()
                },
            },
            volume_claim_templates: if claims { vec![claim] } else { vec![] },
            ..Default::default()
        },
        ..Default::default()
    }
}

fn create(c: &mut Cluster, set: StatefulSet) {
    c.create(set.into()).unwrap();
    c.settle();
}

/// The set's pods that are not terminating.
fn live(c: &Cluster) -> Vec<String> {
    c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| p.metadata.name.clone()).collect()
}

fn terminating(c: &Cluster) -> Vec<String> {
    c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_some()).map(|p| p.metadata.name.clone()).collect()
}

fn set(c: &Cluster) -> StatefulSet {
    let Ok(Object::StatefulSet(s)) = c.get(Kind::StatefulSet, "default", "web") else { panic!() };
    s
}

fn scale(c: &mut Cluster, replicas: i32) {
    let mut s = set(c);
    s.spec.replicas = Some(replicas);
    c.update(s.into()).unwrap();
    c.settle();
}

fn set_messages(c: &Cluster) -> Vec<String> {
    c.store.events.iter().filter(|e| e.involved_object.kind == "StatefulSet").map(|e| format!("{} {}", e.reason, e.message)).collect()
}

#[test]
fn ordered_ready_creates_one_pod_at_a_time_with_stable_identities() {
    let mut c = Cluster::default();
    create(&mut c, statefulset(3, false));
    assert_eq!(live(&c), ["web-0"]);
    // web-1 only once web-0 is Running and Ready (nginx pulls in about 6 s).
    c.advance(Duration::from_secs(5));
    assert_eq!(live(&c), ["web-0"]);
    c.advance(Duration::from_secs(2));
    assert_eq!(live(&c), ["web-0", "web-1"]);
    c.advance(Duration::from_secs(20));
    assert_eq!(live(&c), ["web-0", "web-1", "web-2"]);
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web-1") else { panic!() };
    assert_eq!((p.spec.hostname.as_str(), p.spec.subdomain.as_str(), p.metadata.generate_name.as_str()), ("web-1", "nginx", "web-"));
    assert_eq!(p.metadata.labels["statefulset.kubernetes.io/pod-name"], "web-1");
    assert_eq!(p.metadata.labels["apps.kubernetes.io/pod-index"], "1");
    let s = set(&c);
    assert_eq!(p.metadata.labels["controller-revision-hash"], s.status.update_revision);
    assert!(s.status.update_revision.starts_with("web-"));
    assert_eq!((s.status.replicas, s.status.ready_replicas, s.status.current_replicas, s.status.updated_replicas, s.status.available_replicas), (3, 3, 3, 3, 3));
    assert_eq!((s.status.current_revision.as_str(), s.status.collision_count, s.status.observed_generation), (s.status.update_revision.as_str(), Some(0), 1));
    let Ok(Object::ControllerRevision(r)) = c.get(Kind::ControllerRevision, "default", &s.status.update_revision) else { panic!() };
    assert_eq!(r.revision, 1);
    assert!(r.metadata.labels.contains_key("controller.kubernetes.io/hash"));
    assert_eq!(
        set_messages(&c),
        ["SuccessfulCreate create Pod web-0 in StatefulSet web successful", "SuccessfulCreate create Pod web-1 in StatefulSet web successful", "SuccessfulCreate create Pod web-2 in StatefulSet web successful"]
    );
}

#[test]
fn scale_down_goes_from_the_highest_ordinal_one_at_a_time() {
    let mut c = Cluster::default();
    create(&mut c, statefulset(3, false));
    c.advance(Duration::from_secs(30));
    scale(&mut c, 0);
    assert_eq!(terminating(&c), ["web-2"]);
    assert_eq!(live(&c), ["web-0", "web-1"]);
    // web-1 goes only once web-2 is gone (the kubelet stops nginx within a second).
    c.advance(Duration::from_secs(60));
    let deletes: Vec<String> = set_messages(&c).into_iter().filter(|m| m.starts_with("SuccessfulDelete")).collect();
    assert_eq!(
        deletes,
        ["SuccessfulDelete delete Pod web-2 in StatefulSet web successful", "SuccessfulDelete delete Pod web-1 in StatefulSet web successful", "SuccessfulDelete delete Pod web-0 in StatefulSet web successful"]
    );
    let times: Vec<_> = c.store.events.iter().filter(|e| e.reason == "SuccessfulDelete").map(|e| e.first_timestamp).collect();
    assert!(times[0] < times[1] && times[1] < times[2], "{times:?}");
    assert!(c.store.pods.is_empty());
    assert_eq!(set(&c).status.replicas, 0);
}

#[test]
fn parallel_creates_and_deletes_at_once() {
    let mut c = Cluster::default();
    let mut s = statefulset(3, false);
    s.spec.pod_management_policy = "Parallel".into();
    create(&mut c, s);
    assert_eq!(live(&c), ["web-0", "web-1", "web-2"]);
    c.advance(Duration::from_secs(30));
    scale(&mut c, 1);
    assert_eq!(terminating(&c), ["web-1", "web-2"]);
}

#[test]
fn claims_per_ordinal_are_provisioned_bound_and_kept() {
    let mut c = Cluster::default();
    create(&mut c, statefulset(2, true));
    // The claim comes before the pod; kind's class waits for the pod to be scheduled.
    let Ok(Object::PersistentVolumeClaim(pvc)) = c.get(Kind::PersistentVolumeClaim, "default", "www-web-0") else { panic!() };
    assert_eq!((pvc.spec.storage_class_name.as_deref(), pvc.status.phase.as_str()), (Some("standard"), "Pending"));
    assert_eq!(pvc.metadata.labels, labels(&[("app", "nginx")]));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web-0") else { panic!() };
    assert!(p.spec.node_name.is_empty(), "waits for its volume");
    assert_eq!(p.spec.volumes[0].persistent_volume_claim.as_ref().unwrap().claim_name, "www-web-0");
    c.advance(Duration::from_secs(3));
    let Ok(Object::PersistentVolumeClaim(pvc)) = c.get(Kind::PersistentVolumeClaim, "default", "www-web-0") else { panic!() };
    assert_eq!(pvc.status.phase, "Bound");
    assert_eq!(pvc.spec.volume_name, format!("pvc-{}", pvc.metadata.uid));
    let Ok(Object::PersistentVolume(pv)) = c.get(Kind::PersistentVolume, "default", &pvc.spec.volume_name) else { panic!() };
    assert_eq!((pv.status.phase.as_str(), pv.spec.claim_ref.as_ref().unwrap().name.as_str()), ("Bound", "www-web-0"));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web-0") else { panic!() };
    let node = p.spec.node_name.clone();
    assert!(!node.is_empty());
    assert_eq!(pvc.metadata.annotations["volume.kubernetes.io/selected-node"], node);
    c.advance(Duration::from_secs(30));
    assert_eq!(live(&c), ["web-0", "web-1"]);
    let volume0 = pvc.spec.volume_name.clone();
    // Scale down and delete: the claims stay (Retain); scaling up again reuses them.
    scale(&mut c, 0);
    c.advance(Duration::from_secs(60));
    assert!(c.store.pods.is_empty());
    assert_eq!(c.store.persistentvolumeclaims.len(), 2);
    scale(&mut c, 1);
    c.advance(Duration::from_secs(15));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web-0") else { panic!() };
    assert_eq!(p.spec.node_name, node, "the local volume pins the pod to its node");
    let Ok(Object::PersistentVolumeClaim(pvc)) = c.get(Kind::PersistentVolumeClaim, "default", "www-web-0") else { panic!() };
    assert_eq!(pvc.spec.volume_name, volume0);
    c.delete(Kind::StatefulSet, "default", "web", Default::default()).unwrap();
    c.advance(Duration::from_secs(60));
    assert_eq!(c.store.persistentvolumeclaims.len(), 2);
    let msgs = set_messages(&c);
    assert_eq!(msgs[0], "SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success");
    assert_eq!(msgs[1], "SuccessfulCreate create Pod web-0 in StatefulSet web successful");
    let claim_events: Vec<String> = c.store.events.iter().filter(|e| e.involved_object.name == "www-web-0").map(|e| format!("{} x{}", e.reason, e.count)).collect();
    assert_eq!(claim_events, ["WaitForFirstConsumer x1", "ExternalProvisioning x2", "Provisioning x1", "ProvisioningSucceeded x1"]);
    // Deleting the claims releases the volumes, which their provisioner deletes.
    for n in ["www-web-0", "www-web-1"] {
        c.delete(Kind::PersistentVolumeClaim, "default", n, Default::default()).unwrap();
    }
    c.settle();
    assert!(c.store.persistentvolumes.iter().all(|v| v.status.phase == "Released"));
    c.advance(Duration::from_secs(5));
    assert!(c.store.persistentvolumes.is_empty());
}

#[test]
fn minikube_binds_claims_at_once_and_the_scheduler_retries() {
    let mut c = Cluster::new(ClusterConfig { preset: Preset::Minikube, ..Default::default() });
    create(&mut c, statefulset(1, true));
    let scheduling: Vec<String> = c.store.events.iter().filter(|e| e.reason == "FailedScheduling").map(|e| e.message.clone()).collect();
    assert_eq!(scheduling.len(), 1);
    assert!(scheduling[0].starts_with("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."));
    c.advance(Duration::from_secs(2));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web-0") else { panic!() };
    assert_eq!(p.spec.node_name, "minikube");
    let pv = c.store.persistentvolumes.iter().next().unwrap();
    assert_eq!(pv.spec.host_path.as_ref().unwrap().path, "/tmp/hostpath-provisioner/default/www-web-0");
}

#[test]
fn rolling_update_respects_the_partition_highest_ordinal_first() {
    let mut c = Cluster::default();
    let mut s = statefulset(3, false);
    s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy { partition: Some(1), ..Default::default() });
    create(&mut c, s);
    c.advance(Duration::from_secs(30));
    let old = set(&c).status.current_revision;
    let mut s = set(&c);
    s.spec.template.spec.containers[0].image = "nginx:1.26".into();
    c.update(s.into()).unwrap();
    c.settle();
    assert_eq!(terminating(&c), ["web-2"]);
    c.advance(Duration::from_secs(60));
    let revision = |c: &Cluster, n: &str| c.store.pods.get("default", n).unwrap().metadata.labels["controller-revision-hash"].clone();
    let new = set(&c).status.update_revision;
    assert_ne!(old, new);
    assert_eq!([revision(&c, "web-0"), revision(&c, "web-1"), revision(&c, "web-2")], [old.clone(), new.clone(), new.clone()]);
    let st = set(&c).status;
    assert_eq!((st.current_revision.as_str(), st.current_replicas, st.updated_replicas), (old.as_str(), 1, 2));
    // Partition 0: web-0 too, and the update completes.
    let mut s = set(&c);
    s.spec.update_strategy.rolling_update = Some(RollingUpdateStatefulSetStrategy { partition: Some(0), ..Default::default() });
    c.update(s.into()).unwrap();
    c.advance(Duration::from_secs(30));
    let st = set(&c).status;
    assert_eq!((st.current_revision.as_str(), st.current_replicas, st.updated_replicas), (new.as_str(), 3, 3));
    assert_eq!(c.store.controllerrevisions.len(), 2);
}

#[test]
fn on_delete_waits_for_the_user() {
    let mut c = Cluster::default();
    let mut s = statefulset(2, false);
    s.spec.update_strategy = StatefulSetUpdateStrategy { type_: "OnDelete".into(), rolling_update: None };
    create(&mut c, s);
    c.advance(Duration::from_secs(30));
    let mut s = set(&c);
    s.spec.template.spec.containers[0].image = "nginx:1.26".into();
    c.update(s.into()).unwrap();
    c.advance(Duration::from_secs(30));
    assert!(terminating(&c).is_empty());
    assert_eq!(set(&c).status.updated_replicas, 0);
    c.delete(Kind::Pod, "default", "web-1", Default::default()).unwrap();
    c.advance(Duration::from_secs(30));
    assert_eq!(c.store.pods.get("default", "web-1").unwrap().spec.containers[0].image, "nginx:1.26");
    assert_eq!(set(&c).status.updated_replicas, 1);
}

#[test]
fn a_deleted_pod_comes_back_with_the_same_name() {
    let mut c = Cluster::default();
    create(&mut c, statefulset(2, false));
    c.advance(Duration::from_secs(30));
    let uid = c.store.pods.get("default", "web-0").unwrap().metadata.uid.clone();
    c.delete(Kind::Pod, "default", "web-0", Default::default()).unwrap();
    c.advance(Duration::from_secs(5));
    let p = c.store.pods.get("default", "web-0").unwrap();
    assert_ne!(p.metadata.uid, uid);
}

#[test]
fn retention_policy_delete_hands_claims_to_the_garbage_collector() {
    let mut c = Cluster::default();
    let mut s = statefulset(2, true);
    s.spec.persistent_volume_claim_retention_policy = Some(StatefulSetPersistentVolumeClaimRetentionPolicy { when_deleted: "Delete".into(), when_scaled: "Delete".into() });
    create(&mut c, s);
    c.advance(Duration::from_secs(40));
    let owners = |c: &Cluster, n: &str| c.store.persistentvolumeclaims.get("default", n).map(|p| p.metadata.owner_references.iter().map(|o| o.kind.clone()).collect::<Vec<_>>());
    assert_eq!(owners(&c, "www-web-1"), Some(vec!["StatefulSet".to_string()]));
    scale(&mut c, 1);
    c.advance(Duration::from_secs(30));
    assert_eq!(owners(&c, "www-web-1"), None, "the scaled-down pod's claim went with it");
    assert_eq!(owners(&c, "www-web-0"), Some(vec!["StatefulSet".to_string()]));
    c.delete(Kind::StatefulSet, "default", "web", Default::default()).unwrap();
    c.advance(Duration::from_secs(30));
    assert!(c.store.persistentvolumeclaims.is_empty());
}
