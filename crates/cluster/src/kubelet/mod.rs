//! The kubelet of every node (`pkg/kubelet`, v1.31): runs the pods bound to its node on the
//! virtual clock and reports their status.
//!
//! A pod worker per pod (`pod_workers.go`): the sandbox comes up 1 s after the pod is bound
//! (`PodReadyToStartContainers`, a pod IP from the node's pod CIDR); containers start one after
//! another — pull (`Pulling`/`Pulled`, or `already present on machine`), `Created`, `Started` —
//! and run their process (`runtime.rs`): the image's ENTRYPOINT/CMD as `command`/`args` override
//! them, in a filesystem made of the image's files ([`images`]) and the pod's volumes, with the
//! environment the kubelet builds (env, envFrom, the downward API, Service variables). A native
//! program of the image ([`apps`]: nginx, kubia, …) or the container shell ([`sh`]) runs it; a
//! shell process that sleeps is woken by a timer, nothing polls. What it writes goes to the
//! container's log ([`logs`], `kubectl logs`); `kubectl exec` and exec probes run commands in
//! the same container (`exec.rs`). A command the image lacks is `CreateContainerConfigError`
//! (missing ConfigMap keys and the like) or `StartError` (exit code 128) as upstream reports
//! them. A container that exits is seen by the PLEG
//! within 1 s; the restart policy decides whether it restarts, through the crash-loop back-off
//! of `kuberuntime_manager.go doBackOff` (10 s doubling to 300 s, reset after 10 minutes; each
//! sync inside the window records `BackOff` and requeues after 10–15 s). Deleting a pod sends
//! the stop signal (`Killing`): servers handle it (nginx's SIGQUIT), a shell as PID 1 ignores
//! SIGTERM unless it traps it, Node.js ignores it; what does not exit by the end of the grace
//! period gets SIGKILL (137); then the kubelet removes the pod object. Everything is a timer: an
//! idle node costs nothing.

pub mod apps;
mod exec;
pub mod images;
pub mod logs;
pub mod prober;
mod runtime;
pub mod sh;

pub use exec::{Exec, ExecError, ExecOptions, ExecState};
pub use logs::{LogLine, LogStream};

use std::collections::{BTreeMap, BTreeSet};

use crate::api::*;
use crate::apiserver::DeleteOptions;
use crate::cluster::{Cluster, Timer};
use crate::events::Reporter;
use crate::object::{Kind, Object};
use crate::store::{Change, ChangeType, ObjectKey};
use crate::time::{Duration, Time};

use images::ImageRef;
use logs::LogBuf;
use prober::{ProbeKind, Published};
use runtime::{Main, Run, RunHost, Sink, StartError};
use sh::Fs;

/// Crash-loop and image-pull back-off (`backOffPeriod`, `MaxContainerBackOff`).
const BACKOFF_INITIAL: Duration = Duration::from_secs(10);
const BACKOFF_MAX: Duration = Duration::from_secs(300);
/// How long the PLEG takes to notice a container exited (`plegRelistPeriod`).
const PLEG_PERIOD: Duration = Duration::from_secs(1);
/// Sandbox creation and pod networking.
const SANDBOX_DELAY: Duration = Duration::from_secs(1);

/// What the kubelets know that the API does not: containers, images on each node, back-offs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Kubelets {
    pods: BTreeMap<String, PodWorker>,
    nodes: BTreeMap<String, NodeRuntime>,
    /// Per container (pod uid, index, init containers first): what runs and what it logged.
    /// Kept apart from the pod workers, which are cloned freely.
    containers: BTreeMap<String, Vec<CtrData>>,
    /// The emptyDir volumes of each pod (by pod uid, then volume name).
    pod_volumes: BTreeMap<String, BTreeMap<String, Fs>>,
    /// The data of PersistentVolumes (by PV name, or `ns/claim` while unbound): it outlives pods.
    claims: BTreeMap<String, Fs>,
    /// The files of each image (by full reference), shared by its containers until one changes
    /// its own.
    templates: BTreeMap<String, Fs>,
}

impl Kubelets {
    fn data(&self, uid: &str, i: usize) -> Option<&CtrData> {
        self.containers.get(uid).and_then(|v| v.get(i))
    }

    fn data_mut(&mut self, uid: &str, i: usize) -> Option<&mut CtrData> {
        self.containers.get_mut(uid).and_then(|v| v.get_mut(i))
    }

    fn data_entry(&mut self, uid: &str, i: usize) -> &mut CtrData {
        let v = self.containers.entry(uid.to_string()).or_default();
        if v.len() <= i {
            v.resize_with(i + 1, CtrData::default);
        }
        &mut v[i]
    }
}

/// A container's run and logs.
#[derive(Clone, Debug, Default)]
pub(crate) struct CtrData {
    run: Option<Run>,
    /// The log of the current (or last) run…
    logs: LogBuf,
    /// …and of the run before it (`kubectl logs --previous`).
    previous: Option<LogBuf>,
}

#[derive(Clone, Debug, Default)]
struct NodeRuntime {
    /// Images pulled on this node (full references).
    images: BTreeSet<String>,
    /// The next host part of a pod IP (host-local IPAM hands them out in order).
    next_ip: u32,
    /// The kubelet is dark (`sim node stop`): its work waits here until it is back.
    stopped: bool,
    deferred: Vec<(String, KubeletStep)>,
    /// hostPath volumes' data, by path.
    host_paths: BTreeMap<String, Fs>,
}

#[derive(Clone, Debug)]
struct PodWorker {
    key: ObjectKey,
    node: String,
    /// When the pod was admitted: probe workers tick on a grid from here.
    admitted: Time,
    ip: String,
    sandbox_ready: bool,
    /// Init containers first, then the app containers.
    containers: Vec<Ctr>,
    /// How many of `containers` are init containers.
    inits: usize,
    terminating: bool,
}

#[derive(Clone, Debug)]
struct Ctr {
    name: String,
    /// The image as the spec writes it (events quote it so).
    image: String,
    reference: ImageRef,
    state: CtrState,
    restart_count: i32,
    last: Option<ContainerStateTerminated>,
    /// The crash-loop back-off entry: (current back-off, last update).
    backoff: Option<(Duration, Time)>,
    /// The image-pull back-off entry, likewise.
    pull_backoff: Option<(Duration, Time)>,
    /// Bumped on every start, so timers for an earlier run are ignored.
    generation: u32,
    image_id: String,
    container_id: String,
    /// Probe workers of this container's probes.
    probes: BTreeMap<ProbeKind, prober::Worker>,
    /// The startup probe has succeeded (or there is none).
    started: bool,
    /// The current run was stopped because a liveness or startup probe failed.
    killed_by_probe: bool,
    /// An image pull for the next run is under way.
    pulling: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum CtrState {
    Waiting { reason: String, message: String },
    Running { since: Time },
    Terminated(ContainerStateTerminated),
}

/// Work the kubelet does later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KubeletStep {
    SandboxReady,
    PullDone { container: usize, generation: u32 },
    ProcessExit { container: usize, generation: u32, code: i32 },
    /// A pod worker sync (after the PLEG saw an exit, or a back-off requeue).
    Sync,
    /// The grace period is over: SIGKILL what still runs.
    GraceOver,
    /// A probe worker's tick.
    Probe { container: usize, generation: u32, kind: ProbeKind },
    /// A container's shell process is due to run again (its `sleep` is over).
    Wake { container: usize, generation: u32 },
    /// A one-shot program finishes.
    AppExit { container: usize, generation: u32 },
}

fn reporter(node: &str) -> Reporter<'_> {
    Reporter { component: "kubelet", host: node }
}

impl Cluster {
    /// Whether the kubelet of `node` runs (nodes are up unless stopped with [`Cluster::stop_node`]).
    pub fn kubelet_running(&self, node: &str) -> bool {
        !self.kubelets.nodes.get(node).is_some_and(|n| n.stopped)
    }

    /// `sim node stop`: the node's kubelet and network go dark. Its containers keep running
    /// unobserved; nothing about them reaches the API until [`Cluster::start_node`].
    pub fn stop_node(&mut self, name: &str) -> Result<(), String> {
        let Some(node) = self.store.nodes.get("", name) else { return Err(format!("node \"{name}\" not found")) };
        if !self.kubelet_running(name) {
            return Err(format!("node \"{name}\" is already stopped"));
        }
        let anchor = node.metadata.creation_timestamp.unwrap_or(self.config().start);
        let renew = crate::controller::nodelifecycle::LEASE_RENEW.as_millis();
        let since = (self.now() - anchor).as_millis().max(0);
        let last_renew = anchor + Duration::from_millis(since - since % renew);
        self.kubelets.nodes.entry(name.into()).or_default().stopped = true;
        crate::controller::nodelifecycle::kubelet_stopped(self, name, last_renew);
        Ok(())
    }

    /// `sim node start`: the kubelet is back. It reports the node Ready, catches up on what
    /// happened while it was away (new pods, deletions, exits) and resumes its probes.
    pub fn start_node(&mut self, name: &str) -> Result<(), String> {
        if self.store.nodes.get("", name).is_none() {
            return Err(format!("node \"{name}\" not found"));
        }
        if self.kubelet_running(name) {
            return Err(format!("node \"{name}\" is already running"));
        }
        let runtime = self.kubelets.nodes.entry(name.into()).or_default();
        runtime.stopped = false;
        let deferred = std::mem::take(&mut runtime.deferred);
        crate::controller::nodelifecycle::kubelet_started(self, name);
        let now = self.now();
        for (uid, step) in deferred {
            match step {
                KubeletStep::Probe { container, generation, kind } => {
                    let Some((pod, w)) = pod_and_worker(self, &uid) else { continue };
                    let (Some(spec), Some(k)) = (spec_of(&pod, w.inits, container), w.containers.get(container)) else { continue };
                    let (Some(p), CtrState::Running { since }) = (kind.spec(spec), &k.state) else { continue };
                    let at = prober::next_tick(w.admitted, now, *since, p);
                    self.schedule(at - now, Timer::Kubelet { uid, step: KubeletStep::Probe { container, generation, kind } });
                }
                step => fire(self, &uid, step),
            }
        }
        // Pods bound or deleted while the kubelet was away.
        let pods: Vec<Pod> = self.store.pods.iter().filter(|p| p.spec.node_name == name).cloned().collect();
        for pod in pods {
            let uid = pod.metadata.uid.clone();
            match self.kubelets.pods.get(&uid) {
                None if pod.metadata.deletion_timestamp.is_some() => {
                    let _ = self.delete(Kind::Pod, &pod.metadata.namespace, &pod.metadata.name, DeleteOptions { grace_period_seconds: Some(0), ..Default::default() });
                }
                None => admit(self, &pod),
                Some(w) if pod.metadata.deletion_timestamp.is_some() && !w.terminating => terminate(self, &uid, &pod),
                Some(_) => write_status(self, &uid),
            }
        }
        Ok(())
    }
}

/// The spec of container `i` (init containers first).
fn spec_of(pod: &Pod, inits: usize, i: usize) -> Option<&Container> {
    if i < inits {
        pod.spec.init_containers.get(i)
    } else {
        pod.spec.containers.get(i - inits)
    }
}

/// The field path events give a container: `spec.containers{web}`, `spec.initContainers{init}`.
fn path_of(inits: usize, i: usize, name: &str) -> String {
    if i < inits {
        format!("spec.initContainers{{{name}}}")
    } else {
        format!("spec.containers{{{name}}}")
    }
}

fn node_of(c: &Cluster, uid: &str) -> Option<String> {
    c.kubelets.pods.get(uid).map(|w| w.node.clone())
}

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    if change.key.kind != Kind::Pod {
        return;
    }
    if change.change == ChangeType::Deleted {
        c.kubelets.pods.remove(&change.uid);
        let uid = change.uid.clone();
        c.kubelets.containers.remove(&uid);
        c.kubelets.pod_volumes.remove(&uid);
        return;
    }
    let Some(pod) = c.store.pods.get(&change.key.namespace, &change.key.name).cloned() else { return };
    if pod.spec.node_name.is_empty() || c.store.nodes.get("", &pod.spec.node_name).is_none() || !c.kubelet_running(&pod.spec.node_name) {
        return;
    }
    let uid = pod.metadata.uid.clone();
    if !c.kubelets.pods.contains_key(&uid) {
        if pod.metadata.deletion_timestamp.is_some() {
            // Deleted before it started here: nothing runs, so the kubelet confirms at once.
            let _ = c.delete(Kind::Pod, &pod.metadata.namespace, &pod.metadata.name, DeleteOptions { grace_period_seconds: Some(0), ..Default::default() });
            return;
        }
        if matches!(pod.status.phase.as_str(), "Succeeded" | "Failed") {
            return;
        }
        admit(c, &pod);
    }
    if pod.metadata.deletion_timestamp.is_some() && c.kubelets.pods.get(&uid).is_some_and(|w| !w.terminating) {
        terminate(c, &uid, &pod);
    }
}

/// A timer of a pod worker fired.
pub(crate) fn fire(c: &mut Cluster, uid: &str, step: KubeletStep) {
    let Some(node) = node_of(c, uid) else { return };
    if !c.kubelet_running(&node) {
        c.kubelets.nodes.entry(node).or_default().deferred.push((uid.to_string(), step));
        return;
    }
    match step {
        KubeletStep::SandboxReady => {
            if let Some(w) = c.kubelets.pods.get_mut(uid) {
                w.sandbox_ready = true;
            }
            write_status(c, uid);
            start_next(c, uid);
        }
        KubeletStep::PullDone { container, generation } => pulled(c, uid, container, generation),
        KubeletStep::ProcessExit { container, generation, code } => exited(c, uid, container, generation, code, ""),
        KubeletStep::Sync => sync(c, uid),
        KubeletStep::GraceOver => kill_remaining(c, uid),
        KubeletStep::Probe { container, generation, kind } => probe(c, uid, container, generation, kind),
        KubeletStep::Wake { container, generation } => wake(c, uid, container, generation),
        KubeletStep::AppExit { container, generation } => app_exit(c, uid, container, generation),
    }
}

/// The pod is new on this node: set up its worker and report it.
fn admit(c: &mut Cluster, pod: &Pod) {
    let node = pod.spec.node_name.clone();
    let runtime = c.kubelets.nodes.entry(node.clone()).or_default();
    runtime.next_ip = runtime.next_ip.max(2);
    let host = runtime.next_ip;
    runtime.next_ip = if host >= 254 { 2 } else { host + 1 };
    let subnet = c
        .store
        .nodes
        .get("", &node)
        .map(|n| n.spec.pod_cidr.trim_end_matches("0/24").to_string())
        .unwrap_or_else(|| "10.244.0.".into());
    let first_reason = if pod.spec.init_containers.is_empty() { "ContainerCreating" } else { "PodInitializing" };
    let worker = PodWorker {
        key: ObjectKey::of(&Object::Pod(pod.clone())),
        node,
        admitted: c.now(),
        ip: format!("{subnet}{host}"),
        sandbox_ready: false,
        inits: pod.spec.init_containers.len(),
        containers: pod
            .spec
            .init_containers
            .iter()
            .chain(&pod.spec.containers)
            .map(|spec| Ctr {
                name: spec.name.clone(),
                image: spec.image.clone(),
                reference: ImageRef::parse(&spec.image),
                state: CtrState::Waiting { reason: first_reason.into(), message: String::new() },
                restart_count: 0,
                last: None,
                backoff: None,
                pull_backoff: None,
                generation: 0,
                image_id: String::new(),
                container_id: String::new(),
                probes: BTreeMap::new(),
                started: false,
                killed_by_probe: false,
                pulling: false,
            })
            .collect(),
        terminating: false,
    };
    let uid = pod.metadata.uid.clone();
    c.kubelets.pods.insert(uid.clone(), worker);
    write_status(c, &uid);
    c.schedule(SANDBOX_DELAY, Timer::Kubelet { uid, step: KubeletStep::SandboxReady });
}

/// Starts the next container: init containers one at a time, each after the previous one
/// completed, then the app containers in order.
fn start_next(c: &mut Cluster, uid: &str) {
    let Some(w) = c.kubelets.pods.get(uid) else { return };
    if !w.sandbox_ready || w.terminating {
        return;
    }
    let fresh = |k: &Ctr| {
        k.generation == 0 && !k.pulling && matches!(&k.state, CtrState::Waiting { reason, .. } if reason == "ContainerCreating" || reason == "PodInitializing")
    };
    for (i, k) in w.containers.iter().enumerate().take(w.inits) {
        if matches!(&k.state, CtrState::Terminated(t) if t.exit_code == 0) {
            continue;
        }
        if fresh(k) {
            return ensure_image(c, uid, i);
        }
        return; // running, pulling or failed: the rest waits
    }
    match (w.inits..w.containers.len()).find(|i| fresh(&w.containers[*i])) {
        Some(i) => ensure_image(c, uid, i),
        None => write_status(c, uid),
    }
}

/// `EnsureImageExists`: pull if the policy says so, else go straight to creating.
fn ensure_image(c: &mut Cluster, uid: &str, i: usize) {
    let Some((pod, w)) = pod_and_worker(c, uid) else { return };
    let ctr = &w.containers[i];
    let policy = spec_of(&pod, w.inits, i).map(|s| s.image_pull_policy.clone()).unwrap_or_default();
    let full = ctr.reference.full();
    let present = c.kubelets.nodes.get(&w.node).is_some_and(|n| n.images.contains(&full));
    let path = path_of(w.inits, i, &ctr.name);
    let obj = Object::Pod(pod);
    let node = w.node.clone();
    if present && policy != "Always" {
        let msg = format!("Container image \"{}\" already present on machine", ctr.image);
        c.record_event(&obj, &path, "Normal", "Pulled", &msg, reporter(&node));
        return create_and_start(c, uid, i);
    }
    let now = c.now();
    if ctr.pull_backoff.is_some_and(|(b, last)| !expired(now, last) && now - last < b) {
        // IsInBackOffSinceUpdate: wait for the next sync.
        let msg = format!("Back-off pulling image \"{}\"", ctr.image);
        c.record_event(&obj, &path, "Normal", "BackOff", &msg, reporter(&node));
        c.record_event(&obj, &path, "Warning", "Failed", "Error: ImagePullBackOff", reporter(&node));
        set_state(c, uid, i, CtrState::Waiting { reason: "ImagePullBackOff".into(), message: msg });
        write_status(c, uid);
        return requeue(c, uid);
    }
    let msg = format!("Pulling image \"{}\"", ctr.image);
    c.record_event(&obj, &path, "Normal", "Pulling", &msg, reporter(&node));
    let image = images::lookup(&ctr.reference.name);
    let took = if images::pull_error(&ctr.reference).is_some() {
        images::PULL_FAILURE_TIME
    } else if present {
        images::repull_time(image.size)
    } else {
        images::pull_time(image.size)
    };
    let generation = ctr.generation;
    if let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
        k.pulling = true;
    }
    c.schedule(took, Timer::Kubelet { uid: uid.into(), step: KubeletStep::PullDone { container: i, generation } });
}

fn pulled(c: &mut Cluster, uid: &str, i: usize, generation: u32) {
    let Some((pod, w)) = pod_and_worker(c, uid) else { return };
    let Some(ctr) = w.containers.get(i).filter(|k| k.generation == generation) else { return };
    if let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
        k.pulling = false;
    }
    let (full, name, image_text, node) = (ctr.reference.full(), ctr.reference.name.clone(), ctr.image.clone(), w.node.clone());
    let path = path_of(w.inits, i, &ctr.name);
    if let Some(err) = images::pull_error(&ctr.reference) {
        let obj = Object::Pod(pod);
        let now = c.now();
        c.record_event(&obj, &path, "Warning", "Failed", &format!("Failed to pull image \"{image_text}\": {err}"), reporter(&node));
        c.record_event(&obj, &path, "Warning", "Failed", "Error: ErrImagePull", reporter(&node));
        if let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
            k.pull_backoff = Some(next_backoff(k.pull_backoff, now));
        }
        set_state(c, uid, i, CtrState::Waiting { reason: "ErrImagePull".into(), message: err });
        write_status(c, uid);
        requeue(c, uid);
        return start_next(c, uid);
    }
    let image = images::lookup(&name);
    // The pull took as long as the timer that brought us here.
    let present = c.kubelets.nodes.get(&node).is_some_and(|n| n.images.contains(&full));
    let took = if present { images::repull_time(image.size) } else { images::pull_time(image.size) };
    c.kubelets.nodes.entry(node.clone()).or_default().images.insert(full);
    let took = took.go_string();
    let msg = format!("Successfully pulled image \"{image_text}\" in {took} ({took} including waiting). Image size: {} bytes.", image.size);
    c.record_event(&Object::Pod(pod), &path, "Normal", "Pulled", &msg, reporter(&node));
    create_and_start(c, uid, i);
}

/// Creates and starts container `i`, then moves on to the next container.
fn create_and_start(c: &mut Cluster, uid: &str, i: usize) {
    let now = c.now();
    let Some((pod, w)) = pod_and_worker(c, uid) else { return };
    let node = w.node.clone();
    let spec = spec_of(&pod, w.inits, i).cloned().unwrap_or_default();
    let inits = w.inits;
    let Some(reference) = w.containers.get(i).map(|k| k.reference.clone()) else { return };
    let prepared = runtime::prepare(c, &runtime::Spec { pod: &pod, container: &spec, image: &reference, pod_ip: &w.ip, node: &node });
    let path = path_of(inits, i, &spec.name);
    let obj = Object::Pod(pod.clone());
    let (run, argv, program) = match prepared {
        Err(StartError::Config(msg)) => {
            // generateContainerConfig failed: nothing is created; the next sync tries again.
            c.record_event(&obj, &path, "Warning", "Failed", &format!("Error: {msg}"), reporter(&node));
            set_state(c, uid, i, CtrState::Waiting { reason: "CreateContainerConfigError".into(), message: msg });
            write_status(c, uid);
            requeue(c, uid);
            return start_next(c, uid);
        }
        Err(StartError::Start(msg)) => (None, Vec::new(), Err(msg)),
        Ok((run, argv, program)) => (Some(run), argv, Ok(program)),
    };
    let container_id = format!("containerd://{}", hex64(c));
    let salt = u64::from_str_radix(&container_id[13..29], 16).unwrap_or(0);
    let container_id_now = container_id.clone();
    let Some(ctr) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) else { return };
    ctr.generation += 1;
    ctr.state = CtrState::Running { since: now };
    ctr.container_id = container_id;
    ctr.started = spec.startup_probe.is_none();
    ctr.killed_by_probe = false;
    ctr.probes.values_mut().for_each(prober::Worker::reset);
    ctr.image_id = format!("{}@{}", ctr.reference.repository, images::digest(&ctr.reference.repository, &ctr.reference.tag));
    let (name, generation) = (ctr.name.clone(), ctr.generation);
    let data = c.kubelets.data_entry(uid, i);
    let old = std::mem::replace(&mut data.logs, LogBuf::new(&container_id_now, salt));
    if generation > 1 {
        data.previous = Some(old);
    }
    c.record_event(&obj, &path, "Normal", "Created", &format!("Created container {name}"), reporter(&node));
    let program = match program {
        Err(msg) => {
            // The runtime created the container but could not start its command.
            c.record_event(&obj, &path, "Warning", "Failed", &format!("Error: {msg}"), reporter(&node));
            if let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
                k.state = CtrState::Terminated(ContainerStateTerminated {
                    exit_code: 128,
                    reason: "StartError".into(),
                    message: msg,
                    started_at: Some(Time(0)),
                    finished_at: Some(now),
                    container_id: k.container_id.clone(),
                    ..Default::default()
                });
            }
            write_status(c, uid);
            c.schedule(PLEG_PERIOD, Timer::Kubelet { uid: uid.into(), step: KubeletStep::Sync });
            return start_next(c, uid);
        }
        Ok(p) => p,
    };
    c.record_event(&obj, &path, "Normal", "Started", &format!("Started container {name}"), reporter(&node));
    let mut run = run.unwrap_or_else(unreachable_run);
    match program {
        Some(program) => {
            let declared: Vec<i32> = spec.ports.iter().map(|p| p.container_port).collect();
            let info = runtime::start_info(c, &node, &run.hostname, &w.ip, declared);
            let mut app = apps::App::new(program, now, &info);
            let mut lines = Vec::new();
            let exit = app.start(now, &info, &mut |e, l| lines.push((e, l)));
            run.main = Main::App(Box::new(app));
            for (e, l) in lines {
                runtime::log_line(c, uid, i, now, e, &l);
            }
            if let Some((after, _)) = exit {
                c.schedule(after, Timer::Kubelet { uid: uid.into(), step: KubeletStep::AppExit { container: i, generation } });
            }
        }
        None => {
            let p = sh::Process::spawn(&argv, run.env.clone()).with_stdin(spec.stdin).with_cwd(&run.workdir);
            run.main = Main::Shell(Box::new(p));
            // The process runs as soon as the kubelet is done starting it.
            c.schedule(Duration::from_millis(0), Timer::Kubelet { uid: uid.into(), step: KubeletStep::Wake { container: i, generation } });
        }
    }
    if let Some(d) = c.kubelets.data_mut(uid, i) {
        d.run = Some(run);
    }
    let admitted = w.admitted;
    for kind in [ProbeKind::Startup, ProbeKind::Liveness, ProbeKind::Readiness] {
        if let Some(p) = kind.spec(&spec) {
            let at = prober::next_tick(admitted, now, now, p);
            c.schedule(at - now, Timer::Kubelet { uid: uid.into(), step: KubeletStep::Probe { container: i, generation, kind } });
        }
    }
    start_next(c, uid);
    write_status(c, uid);
}

fn unreachable_run() -> Run {
    Run {
        main: Main::None,
        fs: None,
        template: String::new(),
        extra: Vec::new(),
        mount_paths: Vec::new(),
        image: ImageRef::parse("scratch"),
        env: Vec::new(),
        userland: images::Userland::Scratch,
        tools: Default::default(),
        hostname: String::new(),
        workdir: "/".into(),
        sleeping: false,
    }
}

/// The current run of container `i`, if it is generation `generation` and running.
fn running(c: &Cluster, uid: &str, i: usize, generation: u32) -> bool {
    c.kubelets.pods.get(uid).and_then(|w| w.containers.get(i)).is_some_and(|k| k.generation == generation && matches!(k.state, CtrState::Running { .. }))
}

/// A container's shell process runs (it was started, its sleep is over, or a signal came).
fn wake(c: &mut Cluster, uid: &str, i: usize, generation: u32) {
    if !running(c, uid, i, generation) {
        return;
    }
    let key = (uid, i);
    let Some(mut run) = c.kubelets.data_mut(key.0, key.1).and_then(|d| d.run.take()) else { return };
    let Main::Shell(mut p) = std::mem::replace(&mut run.main, Main::None) else {
        if let Some(d) = c.kubelets.data_mut(key.0, key.1) {
            d.run = Some(run);
        }
        return;
    };
    let mut host = RunHost::new(c, uid, i, &mut run, Sink::Log);
    let state = p.run(&mut host);
    let serve = host.serve.take();
    host.finish();
    run.main = Main::Shell(p);
    run.sleeping = matches!(state, sh::State::Sleeping { .. });
    if let Some(program) = serve {
        // The script started the image's server (`exec nginx -g 'daemon off;'`): from now on
        // the container is that server.
        let now = c.now();
        let (node, ip, declared) = match pod_and_worker(c, uid) {
            Some((pod, w)) => (w.node.clone(), w.ip.clone(), spec_of(&pod, w.inits, i).map(|s| s.ports.iter().map(|p| p.container_port).collect()).unwrap_or_default()),
            None => (String::new(), String::new(), Vec::new()),
        };
        let info = runtime::start_info(c, &node, &run.hostname, &ip, declared);
        let mut app = apps::App::new(program, now, &info);
        let mut lines = Vec::new();
        app.start(now, &info, &mut |e, l| lines.push((e, l)));
        run.main = Main::App(Box::new(app));
        run.sleeping = false;
        for (e, l) in lines {
            runtime::log_line(c, uid, i, now, e, &l);
        }
    }
    if let Some(d) = c.kubelets.data_mut(key.0, key.1) {
        d.run = Some(run);
    }
    match state {
        sh::State::Exited(code) => exited(c, uid, i, generation, code, ""),
        sh::State::Sleeping { until } => {
            let now = c.now();
            let after = if until > now { until - now } else { Duration::from_millis(0) };
            c.schedule(after, Timer::Kubelet { uid: uid.into(), step: KubeletStep::Wake { container: i, generation } });
        }
        sh::State::Blocked => {}
    }
}

/// A one-shot program is done: it writes its output and exits.
fn app_exit(c: &mut Cluster, uid: &str, i: usize, generation: u32) {
    if !running(c, uid, i, generation) {
        return;
    }
    let now = c.now();
    let key = (uid, i);
    let mut lines = Vec::new();
    let mut code = 0;
    if let Some(Main::App(app)) = c.kubelets.data_mut(key.0, key.1).and_then(|d| d.run.as_mut()).map(|r| &mut r.main) {
        app.finish(&mut |e, l| lines.push((e, l)));
        code = app.exit_code;
    }
    for (e, l) in lines {
        runtime::log_line(c, uid, i, now, e, &l);
    }
    exited(c, uid, i, generation, code, "");
}

/// The runtime stops container `i` (SIGTERM or the image's stop signal): what its process does
/// about it. Returns whether it exits by itself; otherwise SIGKILL ends it at the deadline.
fn stop_container(c: &mut Cluster, uid: &str, i: usize, generation: u32) -> bool {
    let now = c.now();
    let key = (uid, i);
    let mut lines = Vec::new();
    let outcome = match c.kubelets.data_mut(key.0, key.1).and_then(|d| d.run.as_mut()).map(|r| &mut r.main) {
        Some(Main::App(app)) => app.stop(now, &mut |e, l| lines.push((e, l))).map(|(after, code)| (Some(after), code)),
        Some(Main::Shell(p)) => {
            p.signal(sh::Signal::Term);
            // Without a trap, the shell as PID 1 ignores SIGTERM.
            p.traps(sh::Signal::Term).then_some((None, 0))
        }
        _ => None,
    };
    for (e, l) in lines {
        runtime::log_line(c, uid, i, now, e, &l);
    }
    match outcome {
        Some((Some(after), code)) => {
            c.schedule(after, Timer::Kubelet { uid: uid.into(), step: KubeletStep::ProcessExit { container: i, generation, code } });
            true
        }
        Some((None, _)) => {
            c.schedule(Duration::from_millis(0), Timer::Kubelet { uid: uid.into(), step: KubeletStep::Wake { container: i, generation } });
            true
        }
        None => false,
    }
}

/// The main process of container `i` exited.
fn exited(c: &mut Cluster, uid: &str, i: usize, generation: u32, code: i32, reason: &str) {
    let now = c.now();
    let Some(w) = c.kubelets.pods.get_mut(uid) else { return };
    let Some(ctr) = w.containers.get_mut(i).filter(|k| k.generation == generation) else { return };
    let CtrState::Running { since } = ctr.state else { return };
    let reason = if !reason.is_empty() {
        reason.to_string()
    } else if code == 0 {
        "Completed".into()
    } else {
        "Error".into()
    };
    ctr.state = CtrState::Terminated(ContainerStateTerminated {
        exit_code: code,
        reason,
        started_at: Some(since),
        finished_at: Some(now),
        container_id: ctr.container_id.clone(),
        ..Default::default()
    });
    let terminating = w.terminating;
    let killed_by_probe = ctr.killed_by_probe;
    // The container's process and filesystem are gone; its log stays.
    if let Some(d) = c.kubelets.data_mut(uid, i) {
        d.run = None;
    }
    write_status(c, uid);
    if terminating {
        finish_termination(c, uid);
    } else if killed_by_probe {
        restart_after_probe_kill(c, uid, i);
    } else {
        c.schedule(PLEG_PERIOD, Timer::Kubelet { uid: uid.into(), step: KubeletStep::Sync });
    }
}

/// The sync that killed a container for a failed probe starts it again at once; its back-off
/// check (`doBackOff`) sees the pod status from before the kill, so it measures from the end of
/// the run before the one just killed.
fn restart_after_probe_kill(c: &mut Cluster, uid: &str, i: usize) {
    let now = c.now();
    let Some((pod, w)) = pod_and_worker(c, uid) else { return };
    let Some(ctr) = w.containers.get(i) else { return };
    let CtrState::Terminated(killed) = ctr.state.clone() else { return };
    let restart = match pod.spec.restart_policy.as_str() {
        "Never" => false,
        "OnFailure" => killed.exit_code != 0,
        _ => true,
    };
    if !restart {
        return;
    }
    let previous = ctr.last.as_ref().and_then(|t| t.finished_at);
    let pod_desc = format!("{}_{}({})", pod.metadata.name, pod.metadata.namespace, pod.metadata.uid);
    let (name, node) = (ctr.name.clone(), w.node.clone());
    let in_backoff = match (previous, ctr.backoff) {
        (Some(ts), Some((b, last))) => !expired(ts, last) && now - ts < b,
        _ => false,
    };
    let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) else { return };
    k.last = Some(killed);
    if in_backoff {
        let b = k.backoff.map(|(b, _)| b).unwrap_or(BACKOFF_INITIAL);
        let message = format!("back-off {} restarting failed container={name} pod={pod_desc}", b.go_string());
        k.state = CtrState::Waiting { reason: "CrashLoopBackOff".into(), message };
        let msg = format!("Back-off restarting failed container {name} in pod {pod_desc}");
        c.record_event(&Object::Pod(pod), &path_of(w.inits, i, &name), "Warning", "BackOff", &msg, reporter(&node));
        write_status(c, uid);
        return requeue(c, uid);
    }
    if let Some(ts) = previous {
        k.backoff = Some(next_backoff(k.backoff, ts));
    }
    k.restart_count += 1;
    k.state = CtrState::Waiting { reason: "ContainerCreating".into(), message: String::new() };
    ensure_image(c, uid, i);
    write_status(c, uid);
}

/// A probe worker's tick.
fn probe(c: &mut Cluster, uid: &str, i: usize, generation: u32, kind: ProbeKind) {
    // Borrowed, not cloned: a thousand probed pods tick a hundred times an hour.
    let Some(w) = c.kubelets.pods.get(uid) else { return };
    let Some(pod) = c.store.pods.get(&w.key.namespace, &w.key.name).filter(|p| p.metadata.uid == uid) else { return };
    let Some(ctr) = w.containers.get(i).filter(|k| k.generation == generation) else { return };
    if !matches!(ctr.state, CtrState::Running { .. }) || w.terminating || ctr.killed_by_probe {
        return;
    }
    let Some(spec) = spec_of(pod, w.inits, i) else { return };
    let Some(p) = kind.spec(spec).cloned() else { return };
    let period = Duration::from_secs(i64::from(p.period_seconds.max(1)));
    let again = Timer::Kubelet { uid: uid.into(), step: KubeletStep::Probe { container: i, generation, kind } };
    if kind == ProbeKind::Startup && ctr.started {
        return;
    }
    if kind != ProbeKind::Startup && !ctr.started {
        return c.schedule(period, again);
    }
    let (name, node, ip, inits) = (ctr.name.clone(), w.node.clone(), w.ip.clone(), w.inits);
    let (restart_policy, pod_grace) = (pod.spec.restart_policy.clone(), pod.spec.termination_grace_period_seconds);
    let (ok, output) = match &p.exec {
        Some(e) => exec::probe(c, uid, i, &e.command, &p),
        None => {
            // Only the ports matter (named probe ports).
            let ports = Container { ports: spec.ports.clone(), ..Default::default() };
            prober::network_probe(c, uid, &p, &ports, &ip)
        }
    };
    let path = path_of(inits, i, &name);
    let pod_object = |c: &Cluster| c.store.pods.get(&w_key(c, uid).0, &w_key(c, uid).1).cloned().map(Object::Pod);
    if !ok {
        let msg = format!("{} probe failed: {output}", kind.title());
        if let Some(obj) = pod_object(c) {
            c.record_event(&obj, &path, "Warning", "Unhealthy", &msg, reporter(&node));
        }
    }
    let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) else { return };
    let worker = k.probes.entry(kind).or_default();
    let before = worker.result;
    let published = worker.record(ok, &p);
    match (kind, published) {
        (ProbeKind::Liveness | ProbeKind::Startup, Published::Failure) => {
            let what = if kind == ProbeKind::Liveness { "liveness" } else { "startup" };
            let suffix = if restart_policy == "Never" { "" } else { ", will be restarted" };
            let msg = format!("Container {name} failed {what} probe{suffix}");
            k.killed_by_probe = true;
            if let Some(obj) = pod_object(c) {
                c.record_event(&obj, &path, "Normal", "Killing", &msg, reporter(&node));
            }
            let grace = p.termination_grace_period_seconds.or(pod_grace).unwrap_or(30).max(2);
            // What does not stop by itself is killed (SIGKILL, 137) at the end of the grace period.
            stop_container(c, uid, i, generation);
            return c.schedule(Duration::from_secs(grace), Timer::Kubelet { uid: uid.into(), step: KubeletStep::ProcessExit { container: i, generation, code: 137 } });
        }
        (ProbeKind::Startup, Published::Success) => {
            k.started = true;
            write_status(c, uid);
            return;
        }
        (ProbeKind::Readiness, _) => {
            let after = k.probes.get(&kind).and_then(|w| w.result);
            if after != before {
                write_status(c, uid);
            }
        }
        _ => {}
    }
    c.schedule(period, again);
}

/// The namespace and name of the pod of a worker.
fn w_key(c: &Cluster, uid: &str) -> (String, String) {
    c.kubelets.pods.get(uid).map(|w| (w.key.namespace.clone(), w.key.name.clone())).unwrap_or_default()
}

/// A pod worker sync: restart exited containers as the restart policy and back-off allow.
fn sync(c: &mut Cluster, uid: &str) {
    let now = c.now();
    let Some((pod, w)) = pod_and_worker(c, uid) else { return };
    if w.terminating {
        return;
    }
    let policy = pod.spec.restart_policy.clone();
    let pod_desc = format!("{}_{}({})", pod.metadata.name, pod.metadata.namespace, pod.metadata.uid);
    let mut requeue = false;
    let mut restart = Vec::new();
    let mut backoff_events = Vec::new();
    let worker = c.kubelets.pods.get_mut(uid).expect("checked above");
    let mut pull_again = Vec::new();
    for (i, ctr) in worker.containers.iter_mut().enumerate() {
        if matches!(&ctr.state, CtrState::Waiting { reason, .. } if reason == "ErrImagePull" || reason == "ImagePullBackOff" || reason == "CreateContainerConfigError") {
            pull_again.push(i);
            continue;
        }
        // The exited run: a terminated state, or the one kept while waiting in back-off.
        let exited = match &ctr.state {
            CtrState::Terminated(t) => t.clone(),
            CtrState::Waiting { reason, .. } if reason == "CrashLoopBackOff" => match &ctr.last {
                Some(t) => t.clone(),
                None => continue,
            },
            _ => continue,
        };
        let should_restart = match policy.as_str() {
            "Never" => false,
            "OnFailure" => exited.exit_code != 0,
            _ => i >= worker.inits || exited.exit_code != 0,
        };
        if !should_restart {
            continue;
        }
        let finished = exited.finished_at.unwrap_or(now);
        // flowcontrol.Backoff: IsInBackOffSince, then Next.
        match ctr.backoff {
            Some((b, last)) if !expired(finished, last) && now - finished < b => {
                let message = format!("back-off {} restarting failed container={} pod={pod_desc}", b.go_string(), ctr.name);
                ctr.last = Some(exited);
                ctr.state = CtrState::Waiting { reason: "CrashLoopBackOff".into(), message };
                backoff_events.push(path_of(worker.inits, i, &ctr.name));
                requeue = true;
            }
            entry => {
                ctr.backoff = Some(next_backoff(entry, finished));
                restart.push((i, exited));
            }
        }
    }
    let node = worker.node.clone();
    let obj = Object::Pod(pod);
    for path in backoff_events {
        let name = path.split(['{', '}']).nth(1).unwrap_or_default();
        let msg = format!("Back-off restarting failed container {name} in pod {pod_desc}");
        c.record_event(&obj, &path, "Warning", "BackOff", &msg, reporter(&node));
    }
    for (i, exited) in restart {
        if let Some(ctr) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
            ctr.restart_count += 1;
            ctr.last = Some(exited);
            ctr.state = CtrState::Waiting { reason: "ContainerCreating".into(), message: String::new() };
        }
        ensure_image_restart(c, uid, i);
    }
    for i in pull_again {
        ensure_image(c, uid, i);
    }
    start_next(c, uid);
    write_status(c, uid);
    if requeue {
        self::requeue(c, uid);
    }
}

/// The pod worker retries a failed sync after `wait.Jitter(10s, 0.5)`.
fn requeue(c: &mut Cluster, uid: &str) {
    let jitter = c.rng_mut().below(5_000) as i64;
    c.schedule(Duration::from_millis(10_000 + jitter), Timer::Kubelet { uid: uid.into(), step: KubeletStep::Sync });
}

/// `flowcontrol.Backoff.hasExpired`: an entry last updated more than twice the maximum ago.
fn expired(event: Time, last_update: Time) -> bool {
    event - last_update > Duration::from_millis(BACKOFF_MAX.as_millis() * 2)
}

/// `flowcontrol.Backoff.Next`: start at 10 s, double up to 300 s.
fn next_backoff(entry: Option<(Duration, Time)>, event: Time) -> (Duration, Time) {
    match entry {
        Some((b, last)) if !expired(event, last) => (Duration::from_millis((b.as_millis() * 2).min(BACKOFF_MAX.as_millis())), event),
        _ => (BACKOFF_INITIAL, event),
    }
}

fn set_state(c: &mut Cluster, uid: &str, i: usize, state: CtrState) {
    if let Some(k) = c.kubelets.pods.get_mut(uid).and_then(|w| w.containers.get_mut(i)) {
        k.state = state;
    }
}

/// Restarting goes through the same image check as the first start.
fn ensure_image_restart(c: &mut Cluster, uid: &str, i: usize) {
    ensure_image(c, uid, i);
}

/// The pod is being deleted: SIGTERM every running container (`Killing`), SIGKILL at the end of
/// the grace period.
fn terminate(c: &mut Cluster, uid: &str, pod: &Pod) {
    let now = c.now();
    let deadline = pod.metadata.deletion_timestamp.unwrap_or(now);
    let Some(w) = c.kubelets.pods.get_mut(uid) else { return };
    w.terminating = true;
    let node = w.node.clone();
    let mut killing = Vec::new();
    for (i, ctr) in w.containers.iter_mut().enumerate() {
        match ctr.state {
            CtrState::Running { .. } => killing.push((i, ctr.name.clone(), ctr.generation)),
            CtrState::Waiting { .. } => {
                // Nothing runs: the container is simply not started.
                ctr.generation += 1;
            }
            CtrState::Terminated(_) => {}
        }
    }
    let obj = Object::Pod(pod.clone());
    let inits = w.inits;
    for (i, name, generation) in killing {
        let path = path_of(inits, i, &name);
        c.record_event(&obj, &path, "Normal", "Killing", &format!("Stopping container {name}"), reporter(&node));
        // A server handles its stop signal and exits at once; a shell or a plain process as
        // PID 1 has no handler (unless it traps TERM) and waits for SIGKILL.
        stop_container(c, uid, i, generation);
    }
    let after = if deadline > now { deadline - now } else { Duration::from_millis(0) };
    c.schedule(after, Timer::Kubelet { uid: uid.into(), step: KubeletStep::GraceOver });
    finish_termination(c, uid);
}

fn kill_remaining(c: &mut Cluster, uid: &str) {
    let running: Vec<(usize, u32)> = c
        .kubelets
        .pods
        .get(uid)
        .map(|w| w.containers.iter().enumerate().filter(|(_, k)| matches!(k.state, CtrState::Running { .. })).map(|(i, k)| (i, k.generation)).collect())
        .unwrap_or_default();
    for (i, generation) in running {
        exited(c, uid, i, generation, 137, "Error");
    }
    finish_termination(c, uid);
}

/// Once nothing runs any more, the kubelet deletes the pod object for good.
fn finish_termination(c: &mut Cluster, uid: &str) {
    let Some(w) = c.kubelets.pods.get(uid) else { return };
    if !w.terminating || w.containers.iter().any(|k| matches!(k.state, CtrState::Running { .. })) {
        return;
    }
    let key = w.key.clone();
    c.kubelets.pods.remove(uid);
    let _ = c.delete(Kind::Pod, &key.namespace, &key.name, DeleteOptions { grace_period_seconds: Some(0), ..Default::default() });
}

fn pod_and_worker(c: &Cluster, uid: &str) -> Option<(Pod, PodWorker)> {
    let w = c.kubelets.pods.get(uid)?;
    let pod = c.store.pods.get(&w.key.namespace, &w.key.name).filter(|p| p.metadata.uid == uid)?;
    Some((pod.clone(), w.clone()))
}

fn hex64(c: &mut Cluster) -> String {
    let rng = c.rng_mut();
    (0..4).map(|_| format!("{:016x}", rng.next_u64())).collect()
}

/// `generateAPIPodStatus`: phase, conditions, IPs and container statuses from the worker.
fn write_status(c: &mut Cluster, uid: &str) {
    let now = c.now();
    let Some((mut pod, w)) = pod_and_worker(c, uid) else { return };
    let node_ip = c
        .store
        .nodes
        .get("", &w.node)
        .and_then(|n| n.status.addresses.iter().find(|a| a.type_ == "InternalIP").map(|a| a.address.clone()))
        .unwrap_or_default();
    let mut all: Vec<ContainerStatus> = w
        .containers
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let running = matches!(k.state, CtrState::Running { .. });
            let has_readiness = spec_of(&pod, w.inits, i).is_some_and(|s| s.readiness_probe.is_some());
            let readiness_ok = !has_readiness || k.probes.get(&ProbeKind::Readiness).and_then(|w| w.result) == Some(true);
            let ready = running && k.started && readiness_ok;
            let state = match &k.state {
                CtrState::Waiting { reason, message } => ContainerState {
                    waiting: Some(ContainerStateWaiting { reason: reason.clone(), message: message.clone() }),
                    ..Default::default()
                },
                CtrState::Running { since } => ContainerState { running: Some(ContainerStateRunning { started_at: Some(*since) }), ..Default::default() },
                CtrState::Terminated(t) => ContainerState { terminated: Some(t.clone()), ..Default::default() },
            };
            let mounts = spec_of(&pod, w.inits, i).map(|s| s.volume_mounts.clone()).unwrap_or_default();
            ContainerStatus {
                name: k.name.clone(),
                state,
                last_state: ContainerState { terminated: k.last.clone(), ..Default::default() },
                ready,
                restart_count: k.restart_count,
                image: k.reference.full(),
                image_id: k.image_id.clone(),
                container_id: if k.generation > 0 { k.container_id.clone() } else { String::new() },
                started: Some(running && k.started),
                volume_mounts: if k.generation > 0 {
                    mounts
                        .iter()
                        .map(|m| VolumeMountStatus {
                            name: m.name.clone(),
                            mount_path: m.mount_path.clone(),
                            read_only: m.read_only,
                            recursive_read_only: m.read_only.then(|| "Disabled".to_string()),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    // Init containers keep the spec's order; app containers are sorted by name.
    let mut statuses = all.split_off(w.inits.min(all.len()));
    let init_statuses = all;
    statuses.sort_by(|a, b| a.name.cmp(&b.name));
    let all_ready = !statuses.is_empty() && statuses.iter().all(|s| s.ready);
    let ready_names: BTreeSet<&str> = statuses.iter().filter(|s| s.ready).map(|s| s.name.as_str()).collect();
    let unready: Vec<&str> = w.containers[w.inits..].iter().map(|k| k.name.as_str()).filter(|n| !ready_names.contains(n)).collect();
    let incomplete: Vec<&str> =
        w.containers[..w.inits].iter().filter(|k| !matches!(&k.state, CtrState::Terminated(t) if t.exit_code == 0)).map(|k| k.name.as_str()).collect();
    let phase = phase(&pod, &w);
    let status = &mut pod.status;
    status.phase = phase.into();
    status.host_ip = node_ip.clone();
    status.host_ips = vec![HostIp { ip: node_ip }];
    if w.sandbox_ready {
        status.pod_ip = w.ip.clone();
        status.pod_ips = vec![PodIp { ip: w.ip.clone() }];
    }
    status.start_time = status.start_time.or(Some(now));
    let message = format!("containers with unready status: [{}]", unready.join(" "));
    let not_initialized = format!("containers with incomplete status: [{}]", incomplete.join(" "));
    let mut conditions = vec![
        condition(&status.conditions, "PodReadyToStartContainers", w.sandbox_ready, "", "", now),
        condition(&status.conditions, "Initialized", incomplete.is_empty(), "ContainersNotInitialized", &not_initialized, now),
        condition(&status.conditions, "Ready", all_ready, "ContainersNotReady", &message, now),
        condition(&status.conditions, "ContainersReady", all_ready, "ContainersNotReady", &message, now),
    ];
    let scheduled = status.conditions.iter().find(|c| c.type_ == "PodScheduled").cloned();
    conditions.push(scheduled.unwrap_or_else(|| condition(&[], "PodScheduled", true, "", "", now)));
    status.conditions = conditions;
    status.container_statuses = statuses;
    status.init_container_statuses = init_statuses;
    let _ = c.update_status(pod.into());
}

/// A condition with the transition time kept while its status stays the same.
fn condition(old: &[PodCondition], type_: &str, ok: bool, reason: &str, message: &str, now: Time) -> PodCondition {
    let status = if ok { "True" } else { "False" };
    let previous = old.iter().find(|c| c.type_ == type_);
    let since = match previous {
        Some(p) if p.status == status => p.last_transition_time,
        _ => Some(now),
    };
    PodCondition {
        type_: type_.into(),
        status: status.into(),
        last_probe_time: None,
        last_transition_time: since,
        reason: if ok { String::new() } else { reason.into() },
        message: if ok { String::new() } else { message.into() },
    }
}

/// `getPhase`.
fn phase(pod: &Pod, w: &PodWorker) -> &'static str {
    // Init containers: a failed one ends the pod under restartPolicy Never; otherwise the pod is
    // Pending until they have all completed.
    for k in &w.containers[..w.inits] {
        match &k.state {
            CtrState::Terminated(t) if t.exit_code == 0 => continue,
            CtrState::Terminated(_) if pod.spec.restart_policy == "Never" => return "Failed",
            _ => return "Pending",
        }
    }
    let (mut waiting, mut running, mut stopped, mut succeeded) = (0, 0, 0, 0);
    for k in &w.containers[w.inits..] {
        match &k.state {
            CtrState::Running { .. } => running += 1,
            CtrState::Terminated(t) => {
                stopped += 1;
                if t.exit_code == 0 {
                    succeeded += 1;
                }
            }
            CtrState::Waiting { .. } if k.last.is_some() => stopped += 1,
            CtrState::Waiting { .. } => waiting += 1,
        }
    }
    if waiting > 0 && running == 0 && stopped == 0 || waiting > 0 && !w.sandbox_ready {
        return "Pending";
    }
    if running > 0 || waiting > 0 {
        return "Running";
    }
    match pod.spec.restart_policy.as_str() {
        "Never" if stopped == succeeded => "Succeeded",
        "Never" => "Failed",
        "OnFailure" if stopped == succeeded => "Succeeded",
        _ => "Running",
    }
}
