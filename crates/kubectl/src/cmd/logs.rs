//! `kubectl logs`: the log of a container, read from the kubelet (`pods/log`).
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/logs/logs.go` (`Complete`: one
//! POD or TYPE/NAME, an inline container, `-l` with a default `--tail` of 10; `Validate`;
//! `RunLogs`: sequential requests, or parallel ones when following several, limited by
//! `--max-log-requests`; `--prefix` as `[pod/NAME/CONTAINER] `), `polymorphichelpers/
//! logsforobject.go` (the default container and its `Defaulted container "a" out of: a, b`
//! notice, `--all-containers` in spec order, other kinds through their selector's first pod by
//! `podutils.ByLogging` with `Found N pods, using pod/NAME`), the kubelet's
//! `validateContainerLogStatus` (in the cluster) and `kuberuntime/logs` (fixed-width RFC 3339
//! timestamps, `--since`, `--tail`, `--limit-bytes`).
//!
//! `-f` follows on the virtual clock: it moves the clock from one due timer to the next and
//! prints lines as they are written, until every followed container has exited, or nothing was
//! written for a minute while no followed process is due to run again (a real `-f` waits for
//! ^C), or ten minutes in all (`--request-timeout` sets another limit).

use cluster::kubelet::{LogLine, LogStream};
use cluster::labels::Selector;
use cluster::time::{parse_go_duration, Duration, Time};
use cluster::{api::Pod, Cluster, Kind, Object};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::mapping_for;
use crate::cmd::{flag_error, usage_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub(crate) const COMMAND: Command = Command { name: "logs", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    bool_flag("all-containers", None),
    bool_flag("follow", Some('f')),
    bool_flag("timestamps", None),
    value_flag("limit-bytes", None),
    bool_flag("previous", Some('p')),
    value_flag("tail", None),
    bool_flag("ignore-errors", None),
    value_flag("since-time", None),
    value_flag("since", None),
    value_flag("container", Some('c')),
    bool_flag("insecure-skip-tls-verify-backend", None),
    value_flag("pod-running-timeout", None),
    value_flag("selector", Some('l')),
    value_flag("max-log-requests", None),
    bool_flag("prefix", None),
];

const USAGE: &str = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

/// A followed stream goes quiet after this long without a line (while its process waits for
/// nothing the clock brings)…
const FOLLOW_QUIET: Duration = Duration::from_secs(60);
/// …and stops after this long in all.
const FOLLOW_LIMIT: Duration = Duration::from_secs(10 * 60);

/// pflag's error for a bad number.
fn int_flag(p: &Parsed, name: &str) -> Result<Option<i64>, String> {
    match p.get(name) {
        None => Ok(None),
        Some(v) => v.parse::<i64>().map(Some).map_err(|_| format!("invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax")),
    }
}

/// The options of the log request (`PodLogOptions`).
struct LogOptions {
    previous: bool,
    timestamps: bool,
    tail: Option<i64>,
    since: Option<Time>,
    limit_bytes: Option<i64>,
    prefix: bool,
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    let selector = p.get("selector").unwrap_or("");
    let args = &p.args;
    match args.len() {
        0 if selector.is_empty() => return usage_error(out, "logs", USAGE),
        1 if !selector.is_empty() => return usage_error(out, "logs", "only a selector (-l) or a POD name is allowed"),
        0..=2 => {}
        _ => return usage_error(out, "logs", USAGE),
    }
    let tail = match int_flag(p, "tail") {
        Ok(t) => t,
        Err(e) => return flag_error(out, Some("logs"), &e),
    };
    let limit_bytes = match int_flag(p, "limit-bytes") {
        Ok(t) => t,
        Err(e) => return flag_error(out, Some("logs"), &e),
    };
    let max_requests = match int_flag(p, "max-log-requests") {
        Ok(t) => t.unwrap_or(5),
        Err(e) => return flag_error(out, Some("logs"), &e),
    };
    let since = match p.get("since").map(parse_go_duration) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            let v = p.get("since").unwrap_or("");
            return flag_error(out, Some("logs"), &format!("invalid argument \"{v}\" for \"--since\" flag: {e}"));
        }
    };
    let since_time = match p.get("since-time") {
        None => None,
        Some(v) => match Time::parse_rfc3339(v) {
            Some(t) => Some(t),
            None => return out.error(format!("parsing time \"{v}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{v}\" as \"2006\"")),
        },
    };
    let timeout = match p.get("pod-running-timeout").map(parse_go_duration) {
        None => Duration::from_secs(20),
        Some(Ok(d)) => d,
        Some(Err(e)) => return usage_error(out, "logs", &e),
    };
    let mut container = p.get("container").map(String::from);
    if args.len() == 2 {
        container = Some(args[1].clone());
    }
    // Complete: what the argument names.
    let ns = ctx.namespace.clone();
    let target = if selector.is_empty() {
        match object_of(ctx.cluster, &ns, &args[0]) {
            Ok(o) => Target::Object(Box::new(o)),
            Err(e) => return print_errors(out, vec![e]),
        }
    } else {
        let sel = match Selector::parse(selector) {
            Ok(s) => s,
            Err(e) => return out.error(e),
        };
        let pods = pods_matching(ctx.cluster, &ns, &sel);
        if pods.is_empty() {
            out.err(format!("No resources found in {ns} namespace.\n"));
        }
        Target::Pods(pods)
    };
    // Validate.
    if since.is_some() && since_time.is_some() {
        return out.error("at most one of `sinceTime` or `sinceSeconds` may be specified");
    }
    let all_containers = p.bool("all-containers");
    if all_containers {
        if let Some(c) = container.as_deref().filter(|c| !c.is_empty()) {
            return out.error(format!("--all-containers=true should not be specified with container name {c}"));
        }
    }
    if p.values.contains_key("container") && args.len() == 2 {
        return out.error("only one of -c or an inline [CONTAINER] arg is allowed");
    }
    if limit_bytes.is_some_and(|b| b < 0) {
        return out.error("--limit-bytes must be greater than 0");
    }
    if since.is_some_and(|d| d.as_millis() < 0) {
        return out.error("--since must be greater than 0");
    }
    let tail = match tail {
        Some(t) if t < -1 => return out.error("--tail must be greater than or equal to -1"),
        Some(-1) => None,
        Some(t) => Some(t),
        None if !selector.is_empty() => Some(10),
        None => None,
    };
    let now = ctx.cluster.now();
    let since = since_time.or_else(|| since.map(|d| now + Duration(-((d.as_millis() + 500) / 1000 * 1000))));
    let opts = LogOptions { previous: p.bool("previous"), timestamps: p.bool("timestamps"), tail, since, limit_bytes, prefix: p.bool("prefix") };
    // LogsForObject: the (pod, container) pairs to read.
    let pods = match target {
        Target::Pods(pods) => pods,
        Target::Object(o) => match *o {
            Object::Pod(pod) => vec![pod],
            other => match first_pod(ctx.cluster, &other, timeout, true) {
                Ok((pod, n)) => {
                    if n > 1 {
                        out.err(format!("Found {n} pods, using pod/{}\n", pod.metadata.name));
                    }
                    vec![pod]
                }
                Err(e) => return print_errors(out, vec![e]),
            },
        },
    };
    let mut requests: Vec<(String, String)> = Vec::new();
    for pod in &pods {
        if all_containers {
            for k in pod.spec.init_containers.iter().chain(&pod.spec.containers) {
                requests.push((pod.metadata.name.clone(), k.name.clone()));
            }
            continue;
        }
        match pick_container(pod, container.as_deref(), out) {
            Ok(c) => requests.push((pod.metadata.name.clone(), c)),
            Err(e) => return print_errors(out, vec![CmdError::Plain(e)]),
        }
    }
    let follow = p.bool("follow");
    if follow && requests.len() > 1 && requests.len() as i64 > max_requests {
        return out.error(format!(
            "you are attempting to follow {} log streams, but maximum allowed concurrency is {max_requests}, use --max-log-requests to increase the limit",
            requests.len()
        ));
    }
    let mut streams = Vec::new();
    for (pod, c) in &requests {
        match ctx.cluster.container_logs(&ns, pod, c, opts.previous) {
            Ok(s) => {
                print_lines(out, &s.lines, &opts, pod, c);
                streams.push((pod.clone(), c.clone(), s));
            }
            Err(e) if p.bool("ignore-errors") && follow => out.out(format!("error: {e}\n")),
            Err(e) => return print_errors(out, vec![CmdError::Api(e)]),
        }
    }
    if follow && !opts.previous {
        let limit = match p.get("request-timeout").and_then(|v| v.parse::<i64>().ok().map(Duration::from_secs).or_else(|| parse_go_duration(v).ok())) {
            Some(d) if d.as_millis() > 0 => d,
            _ => FOLLOW_LIMIT,
        };
        follow_streams(ctx.cluster, &mut streams, &opts, limit, out);
    }
}

enum Target {
    Object(Box<Object>),
    Pods(Vec<Pod>),
}

/// `ResourceNames("pods", arg)`: `NAME` is a pod, `TYPE/NAME` anything.
pub(crate) fn object_of(c: &Cluster, ns: &str, arg: &str) -> Result<Object, CmdError> {
    let (kind, name) = match arg.split_once('/') {
        Some((t, n)) => (mapping_for(t)?.1, n),
        None => (Kind::Pod, arg),
    };
    if name.is_empty() {
        return Err(CmdError::plain("arguments in resource/name form must have a single resource and name"));
    }
    let ns = if kind.namespaced() { ns } else { "" };
    c.get(kind, ns, name).map_err(CmdError::Api)
}

/// The pods a selector picks, by name.
pub(crate) fn pods_matching(c: &Cluster, ns: &str, sel: &Selector) -> Vec<Pod> {
    c.store.pods.in_namespace(ns).filter(|p| sel.matches(&p.metadata.labels)).cloned().collect()
}

/// `SelectorsForObject`: the pod selector of a workload or Service.
fn selector_of(o: &Object) -> Result<Selector, CmdError> {
    let v = o.to_value();
    let spec_sel = v.pointer("/spec/selector").cloned().unwrap_or_default();
    match o.kind() {
        Kind::ReplicationController => {
            let set: std::collections::BTreeMap<String, String> = serde_json::from_value(spec_sel).unwrap_or_default();
            Ok(Selector::from_set(&set))
        }
        Kind::Service => {
            let set: std::collections::BTreeMap<String, String> = serde_json::from_value(spec_sel).unwrap_or_default();
            if set.is_empty() {
                return Err(CmdError::plain(format!("cannot get the logs from *v1.Service: invalid service '{}': Service is defined without a selector", o.meta().name)));
            }
            Ok(Selector::from_set(&set))
        }
        Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet | Kind::DaemonSet | Kind::Job => {
            let ls: cluster::api::LabelSelector = serde_json::from_value(spec_sel).unwrap_or_default();
            ls.as_selector().map_err(|e| CmdError::plain(format!("invalid label selector: {e}")))
        }
        k => Err(CmdError::plain(format!("cannot get the logs from *{}: selector for *{} not implemented", go_type(k), go_type(k)))),
    }
}

fn go_type(k: Kind) -> String {
    let group = match k.resource().group {
        "" => "v1",
        "apps" => "v1",
        "batch" => "v1",
        g => g,
    };
    format!("{group}.{}", k.name())
}

fn ready(p: &Pod) -> Option<Time> {
    p.status.conditions.iter().find(|c| c.type_ == "Ready" && c.status == "True").map(|c| c.last_transition_time.unwrap_or(Time(0)))
}

/// `podutils.ByLogging`: the pod whose logs say most (assigned, running, ready longest, most
/// restarts, oldest).
fn by_logging(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let assigned = |p: &Pod| !p.spec.node_name.is_empty();
    if assigned(a) != assigned(b) {
        return if assigned(a) { Ordering::Less } else { Ordering::Greater };
    }
    let phase = |p: &Pod| match p.status.phase.as_str() {
        "Running" => 0,
        "Unknown" => 1,
        "Pending" => 2,
        _ => 3,
    };
    if phase(a) != phase(b) {
        return phase(a).cmp(&phase(b));
    }
    match (ready(a), ready(b)) {
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (Some(x), Some(y)) if x != y => return x.cmp(&y),
        _ => {}
    }
    let restarts = |p: &Pod| p.status.container_statuses.iter().map(|s| s.restart_count).max().unwrap_or(0);
    if restarts(a) != restarts(b) {
        return restarts(b).cmp(&restarts(a));
    }
    a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp)
}

/// `podutils.ActivePods`, reversed (exec and attach pick the most active pod).
fn by_activity(a: &Pod, b: &Pod) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let assigned = |p: &Pod| !p.spec.node_name.is_empty();
    if assigned(a) != assigned(b) {
        return if assigned(a) { Ordering::Less } else { Ordering::Greater };
    }
    let phase = |p: &Pod| match p.status.phase.as_str() {
        "Running" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    if phase(a) != phase(b) {
        return phase(a).cmp(&phase(b));
    }
    match (ready(a), ready(b)) {
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (Some(x), Some(y)) if x != y => return x.cmp(&y),
        _ => {}
    }
    let restarts = |p: &Pod| p.status.container_statuses.iter().map(|s| s.restart_count).max().unwrap_or(0);
    if restarts(a) != restarts(b) {
        return restarts(a).cmp(&restarts(b));
    }
    a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp)
}

/// `GetFirstPod`: the best pod of a workload and how many it has; waits up to `timeout` (on the
/// virtual clock) for one to appear.
pub(crate) fn first_pod(c: &mut Cluster, o: &Object, timeout: Duration, for_logs: bool) -> Result<(Pod, usize), CmdError> {
    let sel = selector_of(o)?;
    let ns = o.meta().namespace.clone();
    let deadline = c.now() + timeout;
    let found = crate::cmd::wait::block_until(c, deadline, |c| !pods_matching(c, &ns, &sel).is_empty());
    if !found {
        return Err(CmdError::plain("timed out waiting for the condition"));
    }
    let mut pods = pods_matching(c, &ns, &sel);
    pods.sort_by(if for_logs { by_logging } else { by_activity });
    let n = pods.len();
    Ok((pods.remove(0), n))
}

/// The container to read: `-c`, the `kubectl.kubernetes.io/default-container` annotation, or the
/// first one (with a notice when there are others).
pub(crate) fn pick_container(pod: &Pod, name: Option<&str>, out: &mut Output) -> Result<String, String> {
    let all: Vec<&str> = pod.spec.init_containers.iter().chain(&pod.spec.containers).map(|c| c.name.as_str()).collect();
    let mut name = name.filter(|n| !n.is_empty()).map(String::from);
    if name.is_none() {
        if let Some(d) = pod.metadata.annotations.get("kubectl.kubernetes.io/default-container").filter(|d| !d.is_empty()) {
            if all.contains(&d.as_str()) {
                name = Some(d.clone());
            } else {
                out.err(format!("Default container name \"{d}\" not found in pod {}\n", pod.metadata.name));
            }
        }
    }
    let name = match name {
        Some(n) => n,
        None => {
            let Some(first) = pod.spec.containers.first() else { return Err(format!("pod {}/{} does not have any containers", pod.metadata.namespace, pod.metadata.name)) };
            if pod.spec.containers.len() > 1 || !pod.spec.init_containers.is_empty() {
                out.err(format!("Defaulted container \"{}\" out of: {}\n", first.name, all_container_names(pod)));
            }
            first.name.clone()
        }
    };
    if !all.contains(&name.as_str()) {
        return Err(format!("container {name} is not valid for pod {} out of: {}", pod.metadata.name, all_container_names(pod)));
    }
    Ok(name)
}

/// `allContainerNames`: containers, then init containers marked `(init)`.
pub(crate) fn all_container_names(pod: &Pod) -> String {
    pod.spec
        .containers
        .iter()
        .map(|c| c.name.clone())
        .chain(pod.spec.init_containers.iter().map(|c| format!("{} (init)", c.name)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines a request returns after `--since`, `--tail` and `--limit-bytes`.
fn selected<'a>(lines: &'a [LogLine], opts: &LogOptions) -> Vec<&'a LogLine> {
    let mut v: Vec<&LogLine> = lines.iter().filter(|l| opts.since.is_none_or(|s| l.time >= s)).collect();
    if let Some(t) = opts.tail {
        let t = t.max(0) as usize;
        if v.len() > t {
            v.drain(..v.len() - t);
        }
    }
    v
}

fn render(l: &LogLine, opts: &LogOptions, pod: &str, container: &str) -> String {
    let mut s = String::new();
    if opts.prefix {
        s.push_str(&format!("[pod/{pod}/{container}] "));
    }
    if opts.timestamps {
        s.push_str(&l.timestamp());
        s.push(' ');
    }
    s.push_str(&l.text);
    s.push('\n');
    s
}

fn print_lines(out: &mut Output, lines: &[LogLine], opts: &LogOptions, pod: &str, container: &str) {
    let mut text = String::new();
    for l in selected(lines, opts) {
        text.push_str(&render(l, opts, pod, container));
    }
    if let Some(limit) = opts.limit_bytes {
        let mut end = (limit as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    out.out(text);
}

/// `-f`: moves the clock and prints what the streams write, until they end.
fn follow_streams(c: &mut Cluster, streams: &mut [(String, String, LogStream)], opts: &LogOptions, limit: Duration, out: &mut Output) {
    let start = c.now();
    let end = start + limit;
    let mut last_line = start;
    let mut done = vec![false; streams.len()];
    let follow_opts = LogOptions { tail: None, since: None, limit_bytes: None, ..*opts };
    loop {
        let mut active = false;
        for (k, (pod, container, s)) in streams.iter_mut().enumerate() {
            if done[k] {
                continue;
            }
            let (lines, ended) = c.follow_logs(s);
            if !lines.is_empty() {
                last_line = c.now();
            }
            print_lines(out, &lines, &follow_opts, pod, container);
            done[k] = ended;
            active |= !ended && c.log_source_busy(s);
        }
        if done.iter().all(|d| *d) {
            return;
        }
        let stop = if active { end } else { end.min(last_line + FOLLOW_QUIET) };
        let now = c.now();
        match c.next_due() {
            Some(t) if t <= stop => c.advance(t - now),
            _ => {
                c.advance(stop - now);
                for (k, (pod, container, s)) in streams.iter_mut().enumerate() {
                    if !done[k] {
                        let (lines, _) = c.follow_logs(s);
                        print_lines(out, &lines, &follow_opts, pod, container);
                    }
                }
                return;
            }
        }
    }
}
