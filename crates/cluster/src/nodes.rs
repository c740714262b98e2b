//! The nodes a cluster starts with (its preset) and the ones a teacher adds or removes.
//!
//! - `default`: a kind-like cluster — `control-plane` (tainted `NoSchedule`) and `node-1`…`node-3`,
//!   4 CPUs and 8 GiB each, containerd, InternalIPs from 172.18.0.2, pod CIDRs 10.244.N.0/24.
//! - `minikube`: the single node `minikube` (control plane, not tainted) the textbooks assume,
//!   2 CPUs, Docker, 192.168.49.2, API server port 8443.

use std::collections::BTreeMap;

use crate::api::*;
use crate::cluster::{Cluster, KUBERNETES_VERSION};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    #[default]
    Default,
    Minikube,
}

impl Preset {
    pub fn parse(name: &str) -> Option<Preset> {
        match name {
            "default" => Some(Preset::Default),
            "minikube" => Some(Preset::Minikube),
            _ => None,
        }
    }

    /// The API server's address behind the `kubernetes` Service.
    pub fn api_server(self) -> (&'static str, i32) {
        match self {
            Preset::Default => ("172.18.0.2", 6443),
            Preset::Minikube => ("192.168.49.2", 8443),
        }
    }
}

/// What makes one node different from another.
#[derive(Clone, Debug)]
pub struct NodeTemplate {
    pub name: String,
    pub control_plane: bool,
    pub tainted: bool,
    pub address: String,
    pub pod_cidr: String,
    pub cpu: String,
    pub memory: String,
    pub labels: BTreeMap<String, String>,
    pub runtime: &'static str,
    pub os_image: &'static str,
}

pub(crate) fn preset(p: Preset) -> Vec<NodeTemplate> {
    match p {
        Preset::Default => (0..4)
            .map(|i| NodeTemplate {
                name: if i == 0 { "control-plane".into() } else { format!("node-{i}") },
                control_plane: i == 0,
                tainted: i == 0,
                address: format!("172.18.0.{}", i + 2),
                pod_cidr: format!("10.244.{i}.0/24"),
                cpu: "4".into(),
                memory: "8148204Ki".into(),
                labels: BTreeMap::new(),
                runtime: "containerd://1.7.18",
                os_image: "Debian GNU/Linux 12 (bookworm)",
            })
            .collect(),
        Preset::Minikube => vec![NodeTemplate {
            name: "minikube".into(),
            control_plane: true,
            tainted: false,
            address: "192.168.49.2".into(),
            pod_cidr: "10.244.0.0/24".into(),
            cpu: "2".into(),
            memory: "3912532Ki".into(),
            labels: [
                ("minikube.k8s.io/commit", "210b148df93a80eb872ecbeb7e35281b3c582c61"),
                ("minikube.k8s.io/name", "minikube"),
                ("minikube.k8s.io/primary", "true"),
                ("minikube.k8s.io/version", "v1.34.0"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            runtime: "docker://27.2.0",
            os_image: "Ubuntu 22.04.4 LTS",
        }],
    }
}

/// The Node object a template describes, Ready from the current instant.
pub(crate) fn build(c: &mut Cluster, t: &NodeTemplate) -> Node {
    let now = c.now();
    let name = t.name.as_str();
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
    labels.extend(t.labels.clone());
    let mut taints = Vec::new();
    if t.control_plane {
        labels.insert("node-role.kubernetes.io/control-plane".into(), String::new());
        labels.insert("node.kubernetes.io/exclude-from-external-load-balancers".into(), String::new());
    }
    if t.tainted {
        taints.push(Taint { key: "node-role.kubernetes.io/control-plane".into(), effect: "NoSchedule".into(), ..Default::default() });
    }
    let resources: BTreeMap<String, String> = [
        ("cpu", t.cpu.as_str()),
        ("ephemeral-storage", "102625208Ki"),
        ("hugepages-1Gi", "0"),
        ("hugepages-2Mi", "0"),
        ("memory", t.memory.as_str()),
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
    let socket = if t.runtime.starts_with("docker") { "unix:///var/run/cri-dockerd.sock" } else { "unix:///run/containerd/containerd.sock" };
    let rng = c.rng_mut();
    let (boot_id, machine_id, system_uuid) = (rng.uuid(), rng.uuid().replace('-', ""), rng.uuid());
    Node {
        metadata: ObjectMeta {
            name: name.into(),
            labels,
            annotations: [
                ("kubeadm.alpha.kubernetes.io/cri-socket", socket),
                ("node.alpha.kubernetes.io/ttl", "0"),
                ("volumes.kubernetes.io/controller-managed-attach-detach", "true"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
            ..Default::default()
        },
        spec: NodeSpec { pod_cidrs: vec![t.pod_cidr.clone()], pod_cidr: t.pod_cidr.clone(), taints, ..Default::default() },
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
                NodeAddress { type_: "InternalIP".into(), address: t.address.clone() },
                NodeAddress { type_: "Hostname".into(), address: name.into() },
            ],
            node_info: NodeSystemInfo {
                architecture: "amd64".into(),
                boot_id,
                container_runtime_version: t.runtime.into(),
                kernel_version: "6.8.0-45-generic".into(),
                kube_proxy_version: KUBERNETES_VERSION.into(),
                kubelet_version: KUBERNETES_VERSION.into(),
                machine_id,
                operating_system: "linux".into(),
                os_image: t.os_image.into(),
                system_uuid,
            },
        },
    }
}

/// How many nodes the pod network has room for: a /24 per node out of 10.244.0.0/14 … 10.255.
pub const MAX_NODES: usize = 12 * 256;

/// The pod CIDR of the `index`th node: 10.244.0.0/24, 10.244.1.0/24, …, 10.245.0.0/24, …
fn pod_cidr(index: usize) -> String {
    format!("10.{}.{}.0/24", 244 + index / 256, index % 256)
}

impl Cluster {
    /// `sim node add NAME [--label k=v]… [--cpu N] [--memory Q]`: a worker joins, Ready at once.
    pub fn add_node(&mut self, name: &str, labels: BTreeMap<String, String>, cpu: Option<&str>, memory: Option<&str>) -> Result<(), String> {
        if self.store.nodes.get("", name).is_some() {
            return Err(format!("node \"{name}\" already exists"));
        }
        for (what, q) in [("--cpu", cpu), ("--memory", memory)] {
            if let Some(q) = q {
                crate::quantity::Quantity::parse(q).map_err(|e| format!("{what} {q}: {e}"))?;
            }
        }
        // The next free address and pod CIDR after the existing nodes'.
        let used: std::collections::BTreeSet<&str> = self.store.nodes.iter().map(|n| n.spec.pod_cidr.as_str()).collect();
        let Some(index) = (0..MAX_NODES).find(|&i| !used.contains(pod_cidr(i).as_str())) else {
            return Err(format!("the sandbox has room for at most {MAX_NODES} nodes"));
        };
        let (api_ip, _) = self.config().preset.api_server();
        // The node network is a /16 (172.18.0.0/16 like kind's, 192.168.0.0/16 for minikube).
        let mut octets = api_ip.split('.');
        let base = format!("{}.{}", octets.next().unwrap_or("172"), octets.next().unwrap_or("18"));
        let host = index + 2;
        let template = NodeTemplate {
            name: name.into(),
            control_plane: false,
            tainted: false,
            address: format!("{base}.{}.{}", host / 256 + if base == "192.168" { 49 } else { 0 }, host % 256),
            pod_cidr: pod_cidr(index),
            cpu: cpu.unwrap_or("4").into(),
            memory: memory.unwrap_or("8148204Ki").into(),
            labels,
            runtime: if self.config().preset == Preset::Minikube { "docker://27.2.0" } else { "containerd://1.7.18" },
            os_image: if self.config().preset == Preset::Minikube { "Ubuntu 22.04.4 LTS" } else { "Debian GNU/Linux 12 (bookworm)" },
        };
        let node = build(self, &template);
        self.create(node.into()).map_err(|e| e.to_string())?;
        self.settle();
        Ok(())
    }

    /// `sim node remove NAME`: the Node object goes; pods bound to it are garbage-collected by
    /// PodGC (kubeplay removes them at once).
    pub fn remove_node(&mut self, name: &str) -> Result<(), String> {
        if self.store.nodes.get("", name).is_none() {
            return Err(format!("node \"{name}\" not found"));
        }
        let _ = self.delete(crate::object::Kind::Node, "", name, Default::default());
        let pods: Vec<(String, String)> =
            self.store.pods.iter().filter(|p| p.spec.node_name == name).map(|p| (p.metadata.namespace.clone(), p.metadata.name.clone())).collect();
        for (ns, pod) in pods {
            let _ = self.delete(crate::object::Kind::Pod, &ns, &pod, crate::apiserver::DeleteOptions { grace_period_seconds: Some(0), ..Default::default() });
        }
        self.settle();
        Ok(())
    }
}
