//! The cluster: store, virtual clock and RNG, and the preset that builds its nodes.

use std::collections::BTreeMap;

use crate::api::{Node, NodeAddress, NodeCondition, NodeSpec, NodeStatus, NodeSystemInfo, ObjectMeta, Taint};
use crate::clock::Clock;
use crate::rng::Rng;
use crate::store::Store;
use crate::time::{Duration, Time, DEFAULT_START};

/// The Kubernetes version the simulated cluster reports (kubelet, API server).
pub const KUBERNETES_VERSION: &str = "v1.31.0";

/// How to build a new cluster.
#[derive(Clone, Debug)]
pub struct ClusterConfig {
    pub seed: u64,
    pub start: Time,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { seed: Rng::DEFAULT_SEED, start: DEFAULT_START }
    }
}

/// Work the clock can be asked to do later. Empty until controllers and the kubelet arrive.
#[derive(Clone, Debug)]
pub enum Timer {}

/// A simulated cluster. Everything it does is a function of its config and the calls made on it.
#[derive(Clone, Debug)]
pub struct Cluster {
    config: ClusterConfig,
    pub store: Store,
    clock: Clock<Timer>,
    rng: Rng,
}

impl Cluster {
    /// The default cluster: `control-plane` plus workers `node-1`, `node-2`, `node-3`.
    pub fn new(config: ClusterConfig) -> Self {
        let mut c = Cluster {
            store: Store::default(),
            clock: Clock::new(config.start),
            rng: Rng::new(config.seed),
            config,
        };
        c.add_node("control-plane", true);
        for i in 1..=3 {
            c.add_node(&format!("node-{i}"), false);
        }
        c
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    pub fn now(&self) -> Time {
        self.clock.now()
    }

    /// Moves virtual time forward by `d`, firing every timer that falls due, in order.
    pub fn advance(&mut self, d: Duration) {
        let deadline = self.clock.now() + Duration(d.0.max(0));
        while let Some(timer) = self.clock.pop_due(deadline) {
            match timer {}
        }
        self.clock.set_now(deadline);
    }

    /// Timers fired so far: a measure of the work `advance` has done.
    pub fn timers_fired(&self) -> u64 {
        self.clock.fired()
    }

    fn add_node(&mut self, name: &str, control_plane: bool) {
        let index = self.store.nodes.len();
        let now = self.clock.now();
        let mut labels: BTreeMap<String, String> = [
            ("beta.kubernetes.io/arch", "amd64"),
            ("beta.kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", "amd64"),
            ("kubernetes.io/hostname", name),
            ("kubernetes.io/os", "linux"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut taints = Vec::new();
        if control_plane {
            labels.insert("node-role.kubernetes.io/control-plane".into(), String::new());
            labels.insert("node.kubernetes.io/exclude-from-external-load-balancers".into(), String::new());
            taints.push(Taint {
                key: "node-role.kubernetes.io/control-plane".into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: None,
            });
        }
        let resources: BTreeMap<String, String> = [
            ("cpu", "4"),
            ("ephemeral-storage", "102625208Ki"),
            ("hugepages-1Gi", "0"),
            ("hugepages-2Mi", "0"),
            ("memory", "8148204Ki"),
            ("pods", "110"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let condition = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
            type_: type_.into(),
            status: status.into(),
            last_heartbeat_time: Some(now),
            last_transition_time: Some(now),
            reason: reason.into(),
            message: message.into(),
        };
        let pod_cidr = format!("10.244.{index}.0/24");
        let node = Node {
            metadata: ObjectMeta {
                name: name.into(),
                uid: self.rng.uuid(),
                creation_timestamp: Some(now),
                labels,
                annotations: [
                    ("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock"),
                    ("node.alpha.kubernetes.io/ttl", "0"),
                    ("volumes.kubernetes.io/controller-managed-attach-detach", "true"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
                ..Default::default()
            },
            spec: NodeSpec { pod_cidrs: vec![pod_cidr.clone()], pod_cidr, taints, unschedulable: false },
            status: NodeStatus {
                allocatable: resources.clone(),
                capacity: resources,
                conditions: vec![
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                addresses: vec![
                    NodeAddress { type_: "InternalIP".into(), address: format!("172.18.0.{}", index + 2) },
                    NodeAddress { type_: "Hostname".into(), address: name.into() },
                ],
                node_info: NodeSystemInfo {
                    architecture: "amd64".into(),
                    boot_id: self.rng.uuid(),
                    container_runtime_version: "containerd://1.7.18".into(),
                    kernel_version: "6.8.0-45-generic".into(),
                    kube_proxy_version: KUBERNETES_VERSION.into(),
                    kubelet_version: KUBERNETES_VERSION.into(),
                    machine_id: self.rng.uuid().replace('-', ""),
                    operating_system: "linux".into(),
                    os_image: "Debian GNU/Linux 12 (bookworm)".into(),
                    system_uuid: self.rng.uuid(),
                },
            },
        };
        self.store.insert_node(node);
    }
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::new(ClusterConfig::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cluster_has_a_tainted_control_plane_and_three_workers() {
        let c = Cluster::default();
        let names: Vec<&str> = c.store.nodes.iter().map(|n| n.metadata.name.as_str()).collect();
        assert_eq!(names, ["control-plane", "node-1", "node-2", "node-3"]);
        let cp = c.store.nodes.get("", "control-plane").unwrap();
        assert!(cp.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"));
        assert_eq!(cp.spec.taints[0].key, "node-role.kubernetes.io/control-plane");
        assert_eq!(cp.spec.taints[0].effect, "NoSchedule");
        let w = c.store.nodes.get("", "node-2").unwrap();
        assert!(w.spec.taints.is_empty());
        assert_eq!(w.ready_status(), Some("True"));
        assert_eq!(w.address("InternalIP"), Some("172.18.0.4"));
        assert_eq!(w.status.node_info.kubelet_version, KUBERNETES_VERSION);
        assert_eq!(c.now().rfc3339(), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn uids_depend_on_the_seed_only() {
        let uid = |seed| Cluster::new(ClusterConfig { seed, ..Default::default() }).store.nodes.get("", "node-1").unwrap().metadata.uid.clone();
        assert_eq!(uid(1), uid(1));
        assert_ne!(uid(1), uid(2));
    }

    #[test]
    fn advancing_an_idle_cluster_fires_no_timers() {
        let mut c = Cluster::default();
        c.advance(Duration::from_secs(30 * 86_400));
        assert_eq!(c.timers_fired(), 0);
        assert_eq!(c.now().rfc3339(), "2024-01-31T00:00:00Z");
    }
}
