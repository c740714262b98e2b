//! Cascading deletion through the API server and the garbage collector (kubernetes-behavior.md §10).

use cluster::api::*;
use cluster::time::Duration;
use cluster::{Cluster, DeleteOptions, Kind, Object, Propagation};

fn rs_and_pod(c: &mut Cluster) -> (String, String) {
    let rs = ReplicaSet {
        metadata: ObjectMeta { name: "web".into(), ..Default::default() },
        spec: ReplicaSetSpec {
            replicas: Some(1),
            selector: Some(LabelSelector { match_labels: [("app".to_string(), "web".to_string())].into(), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: [("app".to_string(), "web".to_string())].into(), ..Default::default() },
                spec: PodSpec { containers: vec![Container { name: "web".into(), image: "nginx".into(), ..Default::default() }], ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    };
    let rs = c.create(rs.into()).expect("valid ReplicaSet");
    // The ReplicaSet controller creates the pod and names the ReplicaSet its controlling owner.
    c.settle();
    let pods = c.store.dependents_of(&rs.meta().uid);
    assert_eq!(pods.len(), 1, "the ReplicaSet controller created one pod");
    let pod = c.store.get_key(&pods[0]).expect("the dependent exists");
    assert_eq!(pod.meta().owner_references[0].controller, Some(true));
    (rs.meta().uid.clone(), pod.meta().name.clone())
}

fn delete_rs(c: &mut Cluster, propagation: Propagation) {
    c.delete(Kind::ReplicaSet, "default", "web", DeleteOptions { propagation: Some(propagation), ..Default::default() }).unwrap();
    c.settle();
}

#[test]
fn background_deletes_the_owner_then_its_dependents() {
    let mut c = Cluster::default();
    let (_, pod) = rs_and_pod(&mut c);
    delete_rs(&mut c, Propagation::Background);
    assert!(c.get(Kind::ReplicaSet, "default", "web").is_err());
    // The scheduler bound the pod to a node: its kubelet stops the containers, then removes it.
    c.advance(Duration::from_secs(1));
    assert!(c.get(Kind::Pod, "default", &pod).is_err(), "the GC deleted the dangling pod");
}

#[test]
fn orphan_keeps_dependents_and_strips_the_reference() {
    let mut c = Cluster::default();
    let (_, pod) = rs_and_pod(&mut c);
    delete_rs(&mut c, Propagation::Orphan);
    assert!(c.get(Kind::ReplicaSet, "default", "web").is_err(), "the orphan finalizer ran and let the owner go");
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", &pod) else { panic!("the pod survives") };
    assert!(p.metadata.owner_references.is_empty());
}

#[test]
fn foreground_removes_dependents_before_the_owner() {
    let mut c = Cluster::default();
    let (rs_uid, pod) = rs_and_pod(&mut c);
    // Without settling, the owner is marked and waits for its dependents.
    let marked = c.delete(Kind::ReplicaSet, "default", "web", DeleteOptions { propagation: Some(Propagation::Foreground), ..Default::default() }).unwrap();
    assert!(marked.meta().deletion_timestamp.is_some());
    assert_eq!(marked.meta().finalizers, ["foregroundDeletion"]);
    assert_eq!(c.store.dependents_of(&rs_uid).len(), 1);
    c.settle();
    c.advance(Duration::from_secs(1));
    assert!(c.get(Kind::Pod, "default", &pod).is_err());
    assert!(c.get(Kind::ReplicaSet, "default", "web").is_err());
}

#[test]
fn deleting_a_namespace_deletes_what_is_in_it() {
    let mut c = Cluster::default();
    c.create(Namespace { metadata: ObjectMeta { name: "dev".into(), ..Default::default() }, ..Default::default() }.into()).unwrap();
    c.settle();
    c.create(ConfigMap { metadata: ObjectMeta { name: "cfg".into(), namespace: "dev".into(), ..Default::default() }, ..Default::default() }.into()).unwrap();
    c.delete(Kind::Namespace, "", "dev", DeleteOptions::default()).unwrap();
    c.settle();
    assert!(c.get(Kind::Namespace, "", "dev").is_err());
    assert!(c.list(Kind::ConfigMap, Some("dev")).is_empty());
    let err = c.create(ConfigMap { metadata: ObjectMeta { name: "late".into(), namespace: "dev".into(), ..Default::default() }, ..Default::default() }.into()).unwrap_err();
    assert_eq!(err.to_string(), "namespaces \"dev\" not found");
}
