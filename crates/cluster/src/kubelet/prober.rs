//! Probes (`pkg/kubelet/prober`, v1.31): one worker per container and probe type, ticking every
//! `periodSeconds` on a grid that starts when the pod is admitted (`worker.run`), skipping ticks
//! before `initialDelaySeconds` of container uptime and, for liveness and readiness, until the
//! startup probe has succeeded (`worker.doProbe`). Results count in runs of identical results
//! and are published at the thresholds; the initial results are readiness Failure, liveness
//! Success, startup Unknown. Each failed attempt records `Unhealthy` `<Type> probe failed:
//! <output>` (`prober.go`); a published liveness or startup failure kills the container.
//! HTTP probes are served by the container's program (nginx logs them, kubia counts them);
//! exec probes run their command in the container (`exec.rs`).

use crate::api::{Container, IntOrString, Probe};
use crate::time::{Duration, Time};

use super::apps::Request;
use super::runtime;
use crate::cluster::Cluster;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProbeKind {
    Liveness,
    Readiness,
    Startup,
}

impl ProbeKind {
    /// `probeType.String()`, as events name it.
    pub fn title(self) -> &'static str {
        match self {
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
            ProbeKind::Startup => "Startup",
        }
    }

    pub fn spec(self, c: &Container) -> Option<&Probe> {
        match self {
            ProbeKind::Liveness => c.liveness_probe.as_ref(),
            ProbeKind::Readiness => c.readiness_probe.as_ref(),
            ProbeKind::Startup => c.startup_probe.as_ref(),
        }
    }
}

/// A probe worker's state for one container.
#[derive(Clone, Debug, Default)]
pub struct Worker {
    /// The result of the last attempt and how many identical ones in a row.
    last: Option<bool>,
    run: i32,
    /// The published result.
    pub result: Option<bool>,
}

/// The outcome of one attempt that should be published.
pub enum Published {
    Nothing,
    Success,
    Failure,
}

impl Worker {
    /// Counts an attempt's result; returns what becomes the published result, if anything.
    pub fn record(&mut self, ok: bool, probe: &Probe) -> Published {
        if self.last == Some(ok) {
            self.run += 1;
        } else {
            self.last = Some(ok);
            self.run = 1;
        }
        let threshold = if ok { probe.success_threshold.max(1) } else { probe.failure_threshold.max(1) };
        if self.run < threshold {
            return Published::Nothing;
        }
        self.result = Some(ok);
        if ok {
            Published::Success
        } else {
            Published::Failure
        }
    }

    /// A new container: the worker starts over.
    pub fn reset(&mut self) {
        *self = Worker::default();
    }
}

/// The next tick of a worker whose grid started at `anchor`, at or after `now`, at which a
/// container started at `started` is past its initial delay (`int32(time.Since(startedAt)
/// .Seconds()) < initialDelaySeconds` skips the tick).
pub fn next_tick(anchor: Time, now: Time, started: Time, probe: &Probe) -> Time {
    let period = i64::from(probe.period_seconds.max(1)) * 1000;
    let since = (now - anchor).as_millis().max(0);
    let mut t = anchor + Duration::from_millis(since.div_euclid(period) * period);
    if t < now {
        t = t + Duration::from_millis(period);
    }
    let delay = i64::from(probe.initial_delay_seconds.max(0));
    while (t - started).as_secs() < delay {
        t = t + Duration::from_millis(period);
    }
    t
}

/// A port given by number or by the name of one of the container's ports.
pub fn resolve_port(port: &IntOrString, c: &Container) -> Option<i32> {
    match port {
        IntOrString::Int(p) => Some(*p),
        IntOrString::String(name) => c.ports.iter().find(|p| p.name == *name).map(|p| p.container_port),
    }
}

/// The address the kubelet's probes come from, as the pod sees it: its network's gateway.
pub fn gateway(pod_ip: &str) -> String {
    match pod_ip.rsplit_once('.') {
        Some((net, _)) => format!("{net}.1"),
        None => pod_ip.to_string(),
    }
}

/// What an HTTP, TCP or gRPC probe of container `c` of pod `uid` finds, as (success, output).
/// HTTP probes are requests like any other: the container serves (and logs) them.
pub fn network_probe(cl: &mut Cluster, uid: &str, probe: &Probe, c: &Container, pod_ip: &str) -> (bool, String) {
    if let Some(h) = &probe.http_get {
        let Some(port) = resolve_port(&h.port, c) else {
            return (false, format!("Get \"http://{pod_ip}/\": invalid port {:?}", h.port));
        };
        let host = if h.host.is_empty() { pod_ip } else { h.host.as_str() };
        let path = if h.path.is_empty() { "/" } else { h.path.as_str() };
        let scheme = if h.scheme.is_empty() { "http".to_string() } else { h.scheme.to_lowercase() };
        let url = format!("{scheme}://{host}:{port}{path}");
        let Some(j) = runtime::listener(cl, uid, port) else {
            return (false, format!("Get \"{url}\": dial tcp {host}:{port}: connect: connection refused"));
        };
        let client = gateway(pod_ip);
        let host_header = format!("{host}:{port}");
        let req = Request { method: "GET", path, port, client: &client, host: &host_header, agent: "kube-probe/1.31" };
        return match runtime::serve(cl, uid, j, &req) {
            Some((code, _)) if (200..400).contains(&code) => (true, String::new()),
            Some((code, _)) => (false, format!("HTTP probe failed with statuscode: {code}")),
            None => (false, format!("Get \"{url}\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \"-ERR wrong number of arguments for 'get' command\"")),
        };
    }
    if let Some(t) = &probe.tcp_socket {
        let Some(port) = resolve_port(&t.port, c) else {
            return (false, format!("dial tcp {pod_ip}: invalid port {:?}", t.port));
        };
        let host = if t.host.is_empty() { pod_ip } else { t.host.as_str() };
        return if runtime::listener(cl, uid, port).is_some() {
            (true, String::new())
        } else {
            (false, format!("dial tcp {host}:{port}: connect: connection refused"))
        };
    }
    if let Some(g) = &probe.grpc {
        return if runtime::listener(cl, uid, g.port).is_some() {
            (true, String::new())
        } else {
            (false, format!("timeout: failed to connect service \"{pod_ip}:{}\" within 1s: context deadline exceeded", g.port))
        };
    }
    (true, String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(period: i32, delay: i32) -> Probe {
        Probe { period_seconds: period, initial_delay_seconds: delay, success_threshold: 1, failure_threshold: 3, ..Default::default() }
    }

    #[test]
    fn ticks_follow_the_grid_and_wait_out_the_initial_delay() {
        let anchor = Time(0);
        let started = Time(5_300);
        assert_eq!(next_tick(anchor, started, started, &probe(10, 0)), Time(10_000));
        // 15 s after the start (at 20.3 s): the tick at 30 s is the first past the delay.
        assert_eq!(next_tick(anchor, started, started, &probe(10, 15)), Time(30_000));
        assert_eq!(next_tick(anchor, Time(10_000), started, &probe(10, 0)), Time(10_000));
    }

    #[test]
    fn results_publish_at_the_thresholds() {
        let p = probe(10, 0);
        let mut w = Worker::default();
        assert!(matches!(w.record(false, &p), Published::Nothing));
        assert!(matches!(w.record(false, &p), Published::Nothing));
        assert!(matches!(w.record(false, &p), Published::Failure));
        assert!(matches!(w.record(true, &p), Published::Success));
    }
}
