//! The ReplicaSet/ReplicationController controller (kubernetes-behavior.md §3).

use cluster::api::*;
use cluster::time::Duration;
use cluster::{Cluster, Kind, Object};

fn labels(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn rs(c: &mut Cluster, replicas: i32) {
    let rs = ReplicaSet {
        metadata: ObjectMeta { name: "web".into(), ..Default::default() },
        spec: ReplicaSetSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector { match_labels: labels(&[("app", "web")]), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: labels(&[("app", "web")]), ..Default::default() },
                spec: PodSpec { containers: vec![Container { name: "web".into(), image: "nginx:1.25".into(), ..Default::default() }], ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    };
    c.create(rs.into()).unwrap();
    c.settle();
}

fn owned(c: &Cluster) -> Vec<Pod> {
    c.store.pods.iter().filter(|p| p.metadata.owner_references.iter().any(|o| o.name == "web")).cloned().collect()
}

fn status(c: &Cluster) -> ReplicaSetStatus {
    let Ok(Object::ReplicaSet(r)) = c.get(Kind::ReplicaSet, "default", "web") else { panic!() };
    r.status
}

#[test]
fn creates_replicas_and_reports_them_ready() {
    let mut c = Cluster::default();
    rs(&mut c, 3);
    let pods = owned(&c);
    assert_eq!(pods.len(), 3);
    assert!(pods.iter().all(|p| p.metadata.name.starts_with("web-") && p.metadata.name.len() == 9));
    c.advance(Duration::from_secs(10));
    let s = status(&c);
    assert_eq!((s.replicas, s.ready_replicas, s.available_replicas, s.fully_labeled_replicas), (3, 3, 3, 3));
    // Spread over the three workers by the scheduler.
    let mut nodes: Vec<String> = owned(&c).iter().map(|p| p.spec.node_name.clone()).collect();
    nodes.sort();
    assert_eq!(nodes, ["node-1", "node-2", "node-3"]);
}

#[test]
fn a_relabeled_pod_is_released_and_replaced_and_an_orphan_is_adopted() {
    let mut c = Cluster::default();
    rs(&mut c, 2);
    c.advance(Duration::from_secs(10));
    let mut p = owned(&c).remove(0);
    let name = p.metadata.name.clone();
    p.metadata.labels.insert("app".into(), "debug".into());
    c.update(p.into()).unwrap();
    c.settle();
    let Ok(Object::Pod(released)) = c.get(Kind::Pod, "default", &name) else { panic!() };
    assert!(released.metadata.owner_references.is_empty(), "released");
    assert_eq!(owned(&c).len(), 2, "a replacement was created");
    // Put the label back: now there are three matching pods; the orphan is adopted and one goes.
    let mut p = released;
    p.metadata.labels.insert("app".into(), "web".into());
    c.update(p.into()).unwrap();
    c.settle();
    let active: Vec<Pod> = owned(&c).into_iter().filter(|p| p.metadata.deletion_timestamp.is_none()).collect();
    assert_eq!(active.len(), 2);
}

#[test]
fn scale_down_deletes_the_newest_pending_pods_first() {
    let mut c = Cluster::default();
    rs(&mut c, 2);
    c.advance(Duration::from_secs(60));
    let mut r = match c.get(Kind::ReplicaSet, "default", "web").unwrap() {
        Object::ReplicaSet(r) => r,
        _ => unreachable!(),
    };
    r.spec.replicas = Some(4);
    c.update(r.clone().into()).unwrap();
    c.settle();
    let young: Vec<String> = owned(&c).iter().filter(|p| p.status.phase == "Pending").map(|p| p.metadata.name.clone()).collect();
    assert_eq!(young.len(), 2);
    r.spec.replicas = Some(2);
    r.metadata.resource_version.clear();
    c.update(r.into()).unwrap();
    c.settle();
    let deleting: Vec<String> = owned(&c).iter().filter(|p| p.metadata.deletion_timestamp.is_some() || c.get(Kind::Pod, "default", &p.metadata.name).is_err()).map(|p| p.metadata.name.clone()).collect();
    let remaining: Vec<String> = owned(&c).iter().filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| p.metadata.name.clone()).collect();
    assert!(young.iter().all(|y| !remaining.contains(y)), "the pending pods went first: {deleting:?} {remaining:?}");
}
