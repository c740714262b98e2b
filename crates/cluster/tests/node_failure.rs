//! A node whose kubelet goes dark, minute by minute (kubernetes-behavior.md §9).

use cluster::api::*;
use cluster::time::Duration;
use cluster::{Cluster, Kind, Object};

fn pod(c: &mut Cluster, name: &str) -> String {
    let p = Pod {
        metadata: ObjectMeta { name: name.into(), ..Default::default() },
        spec: PodSpec { containers: vec![Container { name: "web".into(), image: "nginx:1.25".into(), ..Default::default() }], ..Default::default() },
        ..Default::default()
    };
    c.create(p.into()).unwrap();
    c.settle();
    c.advance(Duration::from_secs(10));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", name) else { panic!() };
    assert_eq!(p.status.phase, "Running");
    p.spec.node_name
}

fn node(c: &Cluster, name: &str) -> Node {
    c.store.nodes.get("", name).unwrap().clone()
}

fn ready(n: &Node) -> (String, String) {
    let r = n.status.conditions.iter().find(|c| c.type_ == "Ready").unwrap();
    (r.status.clone(), r.reason.clone())
}

#[test]
fn unreachable_node_taints_evicts_and_recovers() {
    let mut c = Cluster::default();
    let node_name = pod(&mut c, "web");
    c.advance(Duration::from_secs(3)); // t = 13 s; the lease was renewed at 10 s
    c.stop_node(&node_name).unwrap();
    assert_eq!(c.stop_node(&node_name).unwrap_err(), format!("node \"{node_name}\" is already stopped"));
    // Grace period: 40 s after the last renewal (10 s) → noticed at the 55 s monitor tick.
    c.advance(Duration::from_secs(41)); // t = 54 s
    assert_eq!(ready(&node(&c, &node_name)).0, "True");
    c.advance(Duration::from_secs(1)); // t = 55 s
    let n = node(&c, &node_name);
    assert_eq!(ready(&n), ("Unknown".to_string(), "NodeStatusUnknown".to_string()));
    let taints: Vec<(String, String)> = n.spec.taints.iter().map(|t| (t.key.clone(), t.effect.clone())).collect();
    assert!(taints.contains(&("node.kubernetes.io/unreachable".into(), "NoExecute".into())));
    assert!(taints.contains(&("node.kubernetes.io/unreachable".into(), "NoSchedule".into())));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web") else { panic!() };
    assert_eq!(p.status.conditions.iter().find(|c| c.type_ == "Ready").unwrap().status, "False");
    assert!(p.status.container_statuses[0].ready, "READY 1/1 stays: containers' flags are the kubelet's");
    // The default toleration: 300 s after the taint, the pod is marked for deletion.
    c.advance(Duration::from_secs(299));
    assert!(c.get(Kind::Pod, "default", "web").unwrap().meta().deletion_timestamp.is_none());
    c.advance(Duration::from_secs(1));
    let Ok(Object::Pod(p)) = c.get(Kind::Pod, "default", "web") else { panic!() };
    assert!(p.metadata.deletion_timestamp.is_some(), "Terminating");
    assert!(p.status.conditions.iter().any(|c| c.type_ == "DisruptionTarget" && c.reason == "DeletionByTaintManager"));
    // It stays Terminating while the kubelet is away…
    c.advance(Duration::from_secs(600));
    assert!(c.get(Kind::Pod, "default", "web").is_ok());
    // …and goes when the kubelet is back; the node is Ready again, the taints go.
    c.start_node(&node_name).unwrap();
    c.settle();
    c.advance(Duration::from_secs(1)); // nginx stops at once on SIGTERM
    assert!(c.get(Kind::Pod, "default", "web").is_err());
    assert_eq!(ready(&node(&c, &node_name)).0, "True");
    assert!(!node(&c, &node_name).spec.taints.iter().any(|t| t.effect == "NoSchedule"));
    c.advance(Duration::from_secs(5));
    assert!(node(&c, &node_name).spec.taints.is_empty() || node_name == "control-plane");
}

#[test]
fn an_idle_cluster_with_healthy_nodes_schedules_nothing() {
    let mut c = Cluster::default();
    pod(&mut c, "web");
    // What is due fires (the events' one-hour expiry), then nothing more.
    c.advance(Duration::from_secs(2 * 3600));
    let fired = c.timers_fired();
    c.advance(Duration::from_secs(30 * 24 * 3600));
    assert_eq!(c.timers_fired(), fired, "no periodic work while nothing happens");
}

#[test]
fn a_cordoned_node_carries_the_unschedulable_taint() {
    let mut c = Cluster::default();
    let mut n = node(&c, "node-1");
    n.spec.unschedulable = true;
    c.update(n.into()).unwrap();
    c.settle();
    let taints: Vec<String> = node(&c, "node-1").spec.taints.iter().map(|t| format!("{}:{}", t.key, t.effect)).collect();
    assert_eq!(taints, ["node.kubernetes.io/unschedulable:NoSchedule"]);
    let mut n = node(&c, "node-1");
    n.spec.unschedulable = false;
    c.update(n.into()).unwrap();
    c.settle();
    assert!(node(&c, "node-1").spec.taints.is_empty());
}
