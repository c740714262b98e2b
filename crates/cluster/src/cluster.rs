//! The cluster: store, virtual clock and RNG; the loop that runs controllers until the cluster
//! is quiescent at the current instant; and the preset that bootstraps it.

use crate::api::*;
use crate::clock::Clock;
use crate::controller;
use crate::object::{Kind, Object};
use crate::rng::Rng;
use crate::store::{ObjectKey, Store};
use crate::time::{Duration, Time, DEFAULT_START};

/// The Kubernetes version the simulated cluster reports (kubelet, API server).
pub const KUBERNETES_VERSION: &str = "v1.31.0";

/// How many rounds of controller work one instant may take before the cluster gives up on
/// settling (a bound on runaway feedback loops; never reached by well-behaved controllers).
const MAX_SETTLE_ROUNDS: usize = 10_000;

/// How to build a new cluster.
#[derive(Clone, Debug)]
pub struct ClusterConfig {
    pub seed: u64,
    pub start: Time,
    pub preset: crate::nodes::Preset,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { seed: Rng::DEFAULT_SEED, start: DEFAULT_START, preset: crate::nodes::Preset::Default }
    }
}

/// Work the clock does later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// A pod's termination grace period is over: the kubelet confirms the deletion.
    PodGraceExpired { key: ObjectKey, uid: String },
    /// An Event's time to live may be over.
    EventExpired { key: ObjectKey, uid: String },
    /// The API server's periodic check that the `kubernetes` Service and Endpoints exist.
    KubernetesServiceReconcile,
    /// A pod waiting in the scheduler's unschedulable pool is due for another attempt.
    SchedulerRetry { key: ObjectKey, uid: String, attempt: u32 },
    /// Work of the kubelet's worker for one pod.
    Kubelet { uid: String, step: crate::kubelet::KubeletStep },
    /// The node lifecycle controller looks at one node's health.
    NodeMonitor { node: String },
    /// The taint eviction controller's deadline for one pod.
    TaintEviction { namespace: String, name: String, uid: String },
    /// A controller's requeue of one object (`AddAfter`), e.g. when pods become available.
    Resync { kind: Kind, namespace: String, name: String },
}

/// A simulated cluster. Everything it does is a function of its config and the calls made on it.
#[derive(Clone, Debug)]
pub struct Cluster {
    config: ClusterConfig,
    pub store: Store,
    clock: Clock<Timer>,
    rng: Rng,
    /// Messages for the user about limits the cluster hit (drained by the front end).
    warnings: Vec<String>,
    events: crate::events::EventCache,
    pub(crate) scheduler: crate::scheduler::Queue,
    pub(crate) kubelets: crate::kubelet::Kubelets,
    /// Claims the external volume provisioners are working on.
    pub(crate) provisioning: crate::controller::persistentvolume::InProgress,
    /// Controller work queue (upstream's workqueue): keys to sync once the current changes are
    /// handed out. A key queued many times in one round is synced once.
    queue: std::collections::BTreeSet<(Kind, String, String)>,
    pub(crate) replicasets: controller::replicaset::Cache,
    /// Failed syncs per object, for the work queue's per-item back-off.
    pub(crate) failures: std::collections::BTreeMap<(Kind, String, String), u32>,
}

impl Cluster {
    /// The default cluster: namespaces, the `kubernetes` Service, `control-plane` plus workers
    /// `node-1`, `node-2`, `node-3`.
    pub fn new(config: ClusterConfig) -> Self {
        let mut c = Cluster {
            store: Store::default(),
            clock: Clock::new(config.start),
            rng: Rng::new(config.seed),
            config,
            warnings: Vec::new(),
            events: Default::default(),
            scheduler: Default::default(),
            kubelets: Default::default(),
            provisioning: Default::default(),
            queue: Default::default(),
            replicasets: Default::default(),
            failures: Default::default(),
        };
        c.bootstrap();
        c
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    pub fn now(&self) -> Time {
        self.clock.now()
    }

    pub(crate) fn rng_mut(&mut self) -> &mut Rng {
        &mut self.rng
    }

    pub(crate) fn events_cache(&self) -> &crate::events::EventCache {
        &self.events
    }

    pub(crate) fn events_cache_mut(&mut self) -> &mut crate::events::EventCache {
        &mut self.events
    }

    /// Schedules `timer` to fire `after` from now.
    pub(crate) fn schedule(&mut self, after: Duration, timer: Timer) {
        self.clock.schedule(after, timer);
    }

    /// Runs every controller until nothing changes any more at the current instant.
    pub fn settle(&mut self) {
        let mut rounds = 0;
        while self.store.has_changes() || !self.queue.is_empty() {
            rounds += 1;
            if rounds > MAX_SETTLE_ROUNDS {
                self.warnings.push(format!("kubeplay: controllers did not settle after {MAX_SETTLE_ROUNDS} rounds; stopped"));
                self.store.drain_changes();
                self.queue.clear();
                break;
            }
            for change in self.store.drain_changes() {
                controller::on_change(self, &change);
            }
            if !self.store.has_changes() {
                for (kind, namespace, name) in std::mem::take(&mut self.queue) {
                    controller::resync(self, kind, &namespace, &name);
                }
            }
        }
    }

    /// Queues a controller sync of one object for when the current changes have been handed
    /// out (`queue.Add`): many changes to an owner's pods in one round cost one sync.
    pub(crate) fn enqueue(&mut self, kind: Kind, namespace: &str, name: &str) {
        self.queue.insert((kind, namespace.to_string(), name.to_string()));
    }

    /// Moves virtual time forward by `d`, firing every timer that falls due, in order, and
    /// letting the controllers settle after each.
    pub fn advance(&mut self, d: Duration) {
        self.settle();
        let deadline = self.clock.now() + Duration(d.0.max(0));
        while let Some(timer) = self.clock.pop_due(deadline) {
            self.fire(timer);
            self.settle();
        }
        self.clock.set_now(deadline);
    }

    /// When the next timer is due, if any ("next event").
    pub fn next_due(&self) -> Option<Time> {
        self.clock.next_due()
    }

    /// Timers fired so far: a measure of the work `advance` has done.
    pub fn timers_fired(&self) -> u64 {
        self.clock.fired()
    }

    /// Takes the warnings recorded since the last call.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::PodGraceExpired { key, uid } => {
                // A node's kubelet confirms its own pods; a pod bound to a node that does not
                // exist goes when its grace period is over (PodGC).
                let done = matches!(self.store.get_key(&key), Some(Object::Pod(p))
                    if p.metadata.uid == uid && p.metadata.finalizers.is_empty()
                        && self.store.nodes.get("", &p.spec.node_name).is_none()
                        && p.metadata.deletion_timestamp.is_some_and(|t| t <= self.now()));
                if done {
                    self.store.remove(&key);
                }
            }
            Timer::EventExpired { key, uid } => self.expire_event(key, uid),
            Timer::KubernetesServiceReconcile => controller::kubernetesservice::ensure(self),
            Timer::SchedulerRetry { key, uid, attempt } => crate::scheduler::retry(self, &key, &uid, attempt),
            Timer::Kubelet { uid, step } => crate::kubelet::fire(self, &uid, step),
            Timer::NodeMonitor { node } => controller::nodelifecycle::monitor(self, &node),
            Timer::TaintEviction { namespace, name, uid } => controller::nodelifecycle::evict(self, &namespace, &name, &uid),
            Timer::Resync { kind, namespace, name } => controller::resync(self, kind, &namespace, &name),
        }
    }

    pub(crate) fn schedule_grace_expiry(&mut self, key: &ObjectKey, uid: &str, seconds: i64) {
        self.clock.schedule(Duration::from_secs(seconds), Timer::PodGraceExpired { key: key.clone(), uid: uid.to_string() });
    }

    fn bootstrap(&mut self) {
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            self.must_create(Namespace { metadata: named(ns), ..Default::default() }.into());
        }
        controller::kubernetesservice::ensure(self);
        for template in crate::nodes::preset(self.config.preset) {
            let node = crate::nodes::build(self, &template);
            self.must_create(node.into());
        }
        // The default StorageClass draws its uid from a stream of its own, so that every other
        // random value of a session stays what it was before clusters had one.
        let main = std::mem::replace(&mut self.rng, Rng::new(self.config.seed ^ 0x5354_4f52_4147_4543));
        self.must_create(controller::persistentvolume::default_class(self.config.preset).into());
        self.rng = main;
        self.settle();
    }

    /// Creates a built-in object; the presets are valid by construction.
    fn must_create(&mut self, obj: Object) {
        if let Err(e) = self.create(obj) {
            self.warnings.push(format!("kubeplay: bootstrap failed: {e}"));
        }
    }
}

fn named(name: &str) -> ObjectMeta {
    ObjectMeta { name: name.into(), ..Default::default() }
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::new(ClusterConfig::default())
    }
}

/// Objects of `kind` for tests and front ends: cloned, in kubectl's order.
impl Cluster {
    pub fn list(&self, kind: Kind, namespace: Option<&str>) -> Vec<Object> {
        let ns = if kind.namespaced() { namespace } else { None };
        self.store.keys(kind, ns).into_iter().filter_map(|(n, name)| self.store.get(kind, &n, &name)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_cluster_has_a_tainted_control_plane_and_three_workers() {
        let c = Cluster::default();
        assert!(c.clone().take_warnings().is_empty(), "{:?}", c.clone().take_warnings());
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
    fn namespaces_and_the_kubernetes_service_exist_from_the_start() {
        let c = Cluster::default();
        let ns: Vec<&str> = c.store.namespaces.iter().map(|n| n.metadata.name.as_str()).collect();
        assert_eq!(ns, ["default", "kube-node-lease", "kube-public", "kube-system"]);
        let svc = c.store.services.get("default", "kubernetes").unwrap();
        assert_eq!(svc.spec.cluster_ip, "10.96.0.1");
        assert_eq!(svc.spec.ports[0].port, 443);
        assert!(c.store.serviceaccounts.get("kube-system", "default").is_some(), "every namespace gets a default ServiceAccount");
        assert!(c.store.configmaps.get("default", "kube-root-ca.crt").is_some());
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
