//! The DaemonSet controller (kubernetes-behavior.md §5).

use std::collections::BTreeMap;

use cluster::api::*;
use cluster::nodes::Preset;
use cluster::time::Duration;
use cluster::{Cluster, ClusterConfig, Kind, Object};

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn daemonset(name: &str, node_selector: &[(&str, &str)]) -> DaemonSet {
    DaemonSet {
        metadata: ObjectMeta { name: name.into(), ..Default::default() },
        spec: DaemonSetSpec {
            selector: Some(LabelSelector { match_labels: labels(&[("app", name)]), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: labels(&[("app", name)]), ..Default::default() },
                spec: PodSpec {
                    node_selector: labels(node_selector),
                    containers: vec![Container { name: "main".into(), image: "nginx:1.25".into(), ..Default::default() }],
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

fn create(c: &mut Cluster, obj: Object) {
    c.create(obj).unwrap();
    c.settle();
}

/// The DaemonSet's live pods as (node, pod name), by node.
fn pods(c: &Cluster, ds: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = c
        .store
        .pods
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none() && p.metadata.owner_references.iter().any(|o| o.kind == "DaemonSet" && o.name == ds))
        .map(|p| (p.spec.node_name.clone(), p.metadata.name.clone()))
        .collect();
    v.sort();
    v
}

fn nodes_of(c: &Cluster, ds: &str) -> Vec<String> {
    pods(c, ds).into_iter().map(|(n, _)| n).collect()
}

fn status(c: &Cluster, name: &str) -> DaemonSetStatus {
    let Ok(Object::DaemonSet(d)) = c.get(Kind::DaemonSet, "default", name) else { panic!() };
    d.status
}

fn counts(s: &DaemonSetStatus) -> (i32, i32, i32, i32, i32, i32) {
    (s.desired_number_scheduled, s.current_number_scheduled, s.number_ready, s.updated_number_scheduled, s.number_available, s.number_misscheduled)
}

fn set_node_label(c: &mut Cluster, node: &str, key: &str, value: Option<&str>) {
    let mut n = c.store.nodes.get("", node).unwrap().clone();
    match value {
        Some(v) => n.metadata.labels.insert(key.into(), v.into()),
        None => n.metadata.labels.remove(key),
    };
    c.update(n.into()).unwrap();
    c.settle();
}

#[test]
fn one_pod_per_worker_pinned_by_node_affinity_with_daemon_tolerations() {
    let mut c = Cluster::default();
    create(&mut c, daemonset("agent", &[]).into());
    // The control plane's NoSchedule taint keeps it out.
    assert_eq!(nodes_of(&c, "agent"), ["node-1", "node-2", "node-3"]);
    let name = &pods(&c, "agent")[0].1;
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", name) else { panic!() };
    assert!(p.metadata.generate_name == "agent-" && p.metadata.name.len() == "agent-".len() + 5);
    let terms = &p.spec.affinity.as_ref().unwrap().node_affinity.as_ref().unwrap().required_during_scheduling_ignored_during_execution.as_ref().unwrap().node_selector_terms;
    assert_eq!(terms[0].match_fields[0], NodeSelectorRequirement { key: "metadata.name".into(), operator: "In".into(), values: vec!["node-1".into()] });
    let tolerations: Vec<(String, String, Option<i64>)> = p.spec.tolerations.iter().map(|t| (t.key.clone(), t.effect.clone(), t.toleration_seconds)).collect();
    assert_eq!(
        tolerations,
        [
            ("node.kubernetes.io/not-ready".into(), "NoExecute".into(), None),
            ("node.kubernetes.io/unreachable".into(), "NoExecute".into(), None),
            ("node.kubernetes.io/disk-pressure".into(), "NoSchedule".into(), None),
            ("node.kubernetes.io/memory-pressure".into(), "NoSchedule".into(), None),
            ("node.kubernetes.io/pid-pressure".into(), "NoSchedule".into(), None),
            ("node.kubernetes.io/unschedulable".into(), "NoSchedule".into(), None),
        ]
    );
    assert_eq!(p.metadata.labels["pod-template-generation"], "1");
    let hash = p.metadata.labels["controller-revision-hash"].clone();
    let Ok(Object::ControllerRevision(cr)) = c.get(Kind::ControllerRevision, "default", &format!("agent-{hash}")) else { panic!("revision agent-{hash}") };
    assert_eq!((cr.revision, cr.data["spec"]["template"]["$patch"].as_str()), (1, Some("replace")));
    assert_eq!(counts(&status(&c, "agent")), (3, 3, 0, 3, 0, 0));
    c.advance(Duration::from_secs(10));
    assert_eq!(counts(&status(&c, "agent")), (3, 3, 3, 3, 3, 0));
    assert_eq!(status(&c, "agent").observed_generation, 1);
    // Tolerating the control plane's taint puts a pod there too.
    let Ok(Object::DaemonSet(mut ds)) = c.get(Kind::DaemonSet, "default", "agent") else { panic!() };
    ds.spec.template.spec.tolerations = vec![Toleration { key: "node-role.kubernetes.io/control-plane".into(), operator: "Exists".into(), effect: "NoSchedule".into(), ..Default::default() }];
    c.update(ds.into()).unwrap();
    c.settle();
    assert!(nodes_of(&c, "agent").contains(&"control-plane".to_string()));
}

#[test]
fn pods_follow_nodes_that_join_and_leave() {
    let mut c = Cluster::default();
    create(&mut c, daemonset("agent", &[]).into());
    c.add_node("node-4", BTreeMap::new(), None, None).unwrap();
    assert_eq!(nodes_of(&c, "agent"), ["node-1", "node-2", "node-3", "node-4"]);
    c.remove_node("node-2").unwrap();
    c.advance(Duration::from_secs(1));
    assert_eq!(nodes_of(&c, "agent"), ["node-1", "node-3", "node-4"]);
    assert_eq!(status(&c, "agent").desired_number_scheduled, 3);
}

#[test]
fn node_labels_decide_with_a_node_selector() {
    let mut c = Cluster::new(ClusterConfig { preset: Preset::Minikube, ..Default::default() });
    create(&mut c, daemonset("ssd-monitor", &[("disk", "ssd")]).into());
    assert!(pods(&c, "ssd-monitor").is_empty());
    assert_eq!(counts(&status(&c, "ssd-monitor")), (0, 0, 0, 0, 0, 0));
    set_node_label(&mut c, "minikube", "disk", Some("ssd"));
    assert_eq!(nodes_of(&c, "ssd-monitor"), ["minikube"]);
    c.advance(Duration::from_secs(35));
    assert_eq!(counts(&status(&c, "ssd-monitor")), (1, 1, 1, 1, 1, 0));
    // disk=hdd: the pod is deleted (Terminating until the kubelet has stopped it).
    set_node_label(&mut c, "minikube", "disk", Some("hdd"));
    assert!(pods(&c, "ssd-monitor").is_empty());
    assert_eq!(c.store.pods.len(), 1, "the pod is terminating");
    assert_eq!(counts(&status(&c, "ssd-monitor")), (0, 0, 0, 0, 0, 1));
    c.advance(Duration::from_secs(35));
    assert_eq!(c.store.pods.len(), 0);
    assert_eq!(counts(&status(&c, "ssd-monitor")), (0, 0, 0, 0, 0, 0));
    let reasons: Vec<String> = c.store.events.iter().filter(|e| e.involved_object.kind == "DaemonSet").map(|e| format!("{} {}", e.reason, e.source.component)).collect();
    assert_eq!(reasons, ["SuccessfulCreate daemonset-controller", "SuccessfulDelete daemonset-controller"]);
}

#[test]
fn a_relabeled_pod_is_released_and_replaced_and_a_replicaset_on_the_same_labels_does_not_fight() {
    let mut c = Cluster::new(ClusterConfig { preset: Preset::Minikube, ..Default::default() });
    let rs = ReplicaSet {
        metadata: ObjectMeta { name: "my-replicaset".into(), ..Default::default() },
        spec: ReplicaSetSpec {
            replicas: Some(3),
            selector: Some(LabelSelector { match_labels: labels(&[("app", "my-app")]), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels: labels(&[("app", "my-app")]), ..Default::default() },
                spec: PodSpec { containers: vec![Container { name: "c".into(), image: "nginx".into(), ..Default::default() }], ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    };
    create(&mut c, rs.into());
    let mut ds = daemonset("my-daemonset", &[]);
    ds.spec.selector = Some(LabelSelector { match_labels: labels(&[("app", "my-app")]), ..Default::default() });
    ds.spec.template.metadata.labels = labels(&[("app", "my-app")]);
    create(&mut c, ds.into());
    c.advance(Duration::from_secs(60));
    let owners = |c: &Cluster| {
        let mut v: Vec<String> = c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_none()).map(|p| p.metadata.owner_references.first().map_or("-".to_string(), |o| o.kind.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(owners(&c), ["DaemonSet", "ReplicaSet", "ReplicaSet", "ReplicaSet"]);
    // `kubectl label pod my-daemonset-x app=no-app --overwrite`
    let first = pods(&c, "my-daemonset")[0].1.clone();
    let Ok(Object::Pod(mut p)) = c.get(Kind::Pod, "default", &first) else { panic!() };
    p.metadata.labels.insert("app".into(), "no-app".into());
    c.update(p.into()).unwrap();
    c.settle();
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", &first) else { panic!() };
    assert!(p.metadata.owner_references.is_empty(), "released");
    let now = pods(&c, "my-daemonset");
    assert_eq!(now.len(), 1);
    assert_ne!(now[0].1, first, "replaced");
    assert_eq!(owners(&c), ["-", "DaemonSet", "ReplicaSet", "ReplicaSet", "ReplicaSet"]);
    // Deleting the DaemonSet takes its pod, not the released one.
    c.delete(Kind::DaemonSet, "default", "my-daemonset", Default::default()).unwrap();
    c.advance(Duration::from_secs(60));
    assert_eq!(owners(&c), ["-", "ReplicaSet", "ReplicaSet", "ReplicaSet"]);
    assert!(c.get(Kind::Pod, "default", &first).is_ok());
}

#[test]
fn daemon_pods_survive_node_failure() {
    let mut c = Cluster::default();
    create(&mut c, daemonset("agent", &[]).into());
    c.advance(Duration::from_secs(10));
    let on_node2 = pods(&c, "agent").into_iter().find(|(n, _)| n == "node-2").unwrap().1;
    c.stop_node("node-2").unwrap();
    c.advance(Duration::from_secs(15 * 60));
    // Unreachable: the NoExecute taint is tolerated for ever, so the pod stays; the NoSchedule
    // one is not, so the node no longer counts as desired and its pod is misscheduled.
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", &on_node2) else { panic!("evicted") };
    assert!(p.metadata.deletion_timestamp.is_none());
    assert_eq!(counts(&status(&c, "agent")), (2, 2, 2, 2, 2, 1));
    c.start_node("node-2").unwrap();
    c.advance(Duration::from_secs(30));
    assert_eq!(counts(&status(&c, "agent")), (3, 3, 3, 3, 3, 0));
    assert_eq!(pods(&c, "agent").len(), 3);
}

#[test]
fn rolling_update_replaces_one_node_at_a_time() {
    let mut c = Cluster::default();
    create(&mut c, daemonset("agent", &[]).into());
    c.advance(Duration::from_secs(10));
    let before: Vec<String> = pods(&c, "agent").into_iter().map(|(_, p)| p).collect();
    let Ok(Object::DaemonSet(mut ds)) = c.get(Kind::DaemonSet, "default", "agent") else { panic!() };
    ds.spec.template.spec.containers[0].image = "nginx:1.26".into();
    c.update(ds.into()).unwrap();
    c.settle();
    let Ok(Object::DaemonSet(ds)) = c.get(Kind::DaemonSet, "default", "agent") else { panic!() };
    assert_eq!(ds.metadata.annotations["deprecated.daemonset.template.generation"], "2");
    // maxUnavailable 1: one old pod goes; the others wait.
    let terminating = c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_some()).count();
    assert_eq!(terminating, 1);
    let mut max_terminating_or_unready = 0;
    for _ in 0..60 {
        c.advance(Duration::from_secs(1));
        let down = c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_some() || !p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")).count();
        max_terminating_or_unready = max_terminating_or_unready.max(down);
    }
    assert_eq!(max_terminating_or_unready, 1, "never more than one node without an available pod");
    let after: Vec<String> = pods(&c, "agent").into_iter().map(|(_, p)| p).collect();
    assert_eq!(after.len(), 3);
    assert!(after.iter().all(|p| !before.contains(p)));
    assert_eq!(counts(&status(&c, "agent")), (3, 3, 3, 3, 3, 0));
    let revisions: Vec<i64> = c.store.controllerrevisions.iter().map(|r| r.revision).collect();
    assert_eq!(revisions.len(), 2);
    assert!(c.store.pods.iter().all(|p| p.metadata.labels["pod-template-generation"] == "2"));
}

#[test]
fn surge_starts_the_new_pod_before_the_old_one_goes() {
    let mut c = Cluster::default();
    let mut ds = daemonset("agent", &[]);
    ds.spec.update_strategy = DaemonSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDaemonSet { max_unavailable: Some(IntOrString::Int(0)), max_surge: Some(IntOrString::Int(1)) }),
    };
    create(&mut c, ds.into());
    c.advance(Duration::from_secs(10));
    let Ok(Object::DaemonSet(mut ds)) = c.get(Kind::DaemonSet, "default", "agent") else { panic!() };
    ds.spec.template.spec.containers[0].image = "nginx:1.26".into();
    c.update(ds.into()).unwrap();
    c.settle();
    assert_eq!(pods(&c, "agent").len(), 4, "a new pod next to an old one");
    assert_eq!(c.store.pods.iter().filter(|p| p.metadata.deletion_timestamp.is_some()).count(), 0);
    c.advance(Duration::from_secs(120));
    assert_eq!(pods(&c, "agent").len(), 3);
    assert_eq!(counts(&status(&c, "agent")), (3, 3, 3, 3, 3, 0));
}

#[test]
fn on_delete_replaces_only_deleted_pods() {
    let mut c = Cluster::default();
    let mut ds = daemonset("agent", &[]);
    ds.spec.update_strategy.type_ = "OnDelete".into();
    create(&mut c, ds.into());
    c.advance(Duration::from_secs(10));
    let Ok(Object::DaemonSet(mut ds)) = c.get(Kind::DaemonSet, "default", "agent") else { panic!() };
    ds.spec.template.spec.containers[0].image = "nginx:1.26".into();
    c.update(ds.into()).unwrap();
    c.advance(Duration::from_secs(60));
    assert_eq!(status(&c, "agent").updated_number_scheduled, 0);
    let victim = pods(&c, "agent")[0].1.clone();
    c.delete(Kind::Pod, "default", &victim, Default::default()).unwrap();
    c.advance(Duration::from_secs(60));
    assert_eq!(status(&c, "agent").updated_number_scheduled, 1);
    let images: Vec<String> = c.store.pods.iter().map(|p| p.spec.containers[0].image.clone()).collect();
    assert_eq!(images.iter().filter(|i| *i == "nginx:1.26").count(), 1);
}
