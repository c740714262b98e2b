//! The Pod describer and what the workload describers share with it: containers (ports,
//! command, state, resources, probes, environment, mounts), volumes, tolerations and the
//! pod template (`DescribePodTemplate`).
//!
//! Sources (read, not copied): `describe.go` v1.31 — `describePod`, `describePodIPs`,
//! `describeTopologySpreadConstraints`, `describeVolumes` and the `print*VolumeSource`
//! functions (1.31's projected-volume lines, `ConfigMapOptional: <nil>`), `describeContainers`
//! and its helpers, `DescribeProbe`, `EnvValueRetriever`, `describeStatus`,
//! `printTolerationsMultilineWithIndent`, `DescribePodTemplate`; `pkg/util/qos`
//! (`GetPodQOS`); `pkg/util/resource` (`ExtractContainerResourceValue`).

use std::collections::BTreeMap;

use cluster::api::*;
use cluster::quantity::Quantity as Q;
use cluster::validation::go_quote;
use cluster::Cluster;

use super::{
    annotations_multiline, controller_of, describe_events, labels_multiline, print_bool, rfc1123z, rfc1123z_or_zero, search_events, since, wr,
    EventRef, PrefixWriter, Settings, L0, L1, L2, L3,
};

pub(super) fn describe_pod(c: &Cluster, pod: &Pod, settings: Settings, w: &mut PrefixWriter) {
    let m = &pod.metadata;
    let (spec, status) = (&pod.spec, &pod.status);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    if let Some(p) = spec.priority {
        wr!(w, L0, "Priority:\t{p}\n");
    }
    if !spec.priority_class_name.is_empty() {
        wr!(w, L0, "Priority Class Name:\t{}\n", spec.priority_class_name);
    }
    if let Some(rc) = spec.runtime_class_name.as_deref().filter(|s| !s.is_empty()) {
        wr!(w, L0, "Runtime Class Name:\t{rc}\n");
    }
    if !spec.service_account_name.is_empty() {
        wr!(w, L0, "Service Account:\t{}\n", spec.service_account_name);
    }
    if spec.node_name.is_empty() {
        w.write(L0, "Node:\t<none>\n");
    } else {
        wr!(w, L0, "Node:\t{}/{}\n", spec.node_name, status.host_ip);
    }
    if let Some(t) = status.start_time {
        wr!(w, L0, "Start Time:\t{}\n", rfc1123z(t));
    }
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    if m.deletion_timestamp.is_some() && status.phase != "Failed" && status.phase != "Succeeded" {
        wr!(w, L0, "Status:\tTerminating (lasts {})\n", since(c.now(), m.deletion_timestamp));
        wr!(w, L0, "Termination Grace Period:\t{}s\n", m.deletion_grace_period_seconds.unwrap_or(0));
    } else {
        wr!(w, L0, "Status:\t{}\n", status.phase);
    }
    if !status.reason.is_empty() {
        wr!(w, L0, "Reason:\t{}\n", status.reason);
    }
    if !status.message.is_empty() {
        wr!(w, L0, "Message:\t{}\n", status.message);
    }
    if let Some(sp) = spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()) {
        wr!(w, L0, "SeccompProfile:\t{}\n", sp.type_);
        if sp.type_ == "Localhost" {
            wr!(w, L0, "LocalhostProfile:\t{}\n", sp.localhost_profile.as_deref().unwrap_or(""));
        }
    }
    wr!(w, L0, "IP:\t{}\n", status.pod_ip);
    if status.pod_ips.is_empty() {
        w.write(L0, "IPs:\t<none>\n");
    } else {
        w.write(L0, "IPs:\n");
        for ip in &status.pod_ips {
            wr!(w, L1, "IP:\t{}\n", ip.ip);
        }
    }
    if let Some(by) = controller_of(m) {
        wr!(w, L0, "Controlled By:\t{by}\n");
    }
    if !status.nominated_node_name.is_empty() {
        wr!(w, L0, "NominatedNodeName:\t{}\n", status.nominated_node_name);
    }
    let env = EnvResolver::Pod(pod);
    if !spec.init_containers.is_empty() {
        describe_containers("Init Containers", &spec.init_containers, Some(&status.init_container_statuses), &env, w, "");
    }
    describe_containers("Containers", &spec.containers, Some(&status.container_statuses), &env, w, "");
    if !spec.readiness_gates.is_empty() {
        w.write(L0, "Readiness Gates:\n  Type\tStatus\n");
        for g in &spec.readiness_gates {
            let status = status.conditions.iter().find(|c| c.type_ == g.condition_type).map(|c| c.status.as_str()).unwrap_or("<none>");
            wr!(w, L1, "{} \t{status} \n", g.condition_type);
        }
    }
    if !status.conditions.is_empty() {
        w.write(L0, "Conditions:\n  Type\tStatus\n");
        for cond in &status.conditions {
            wr!(w, L1, "{} \t{} \n", cond.type_, cond.status);
        }
    }
    describe_volumes(&spec.volumes, w, "");
    let qos = if status.qos_class.is_empty() { compute_qos(spec) } else { status.qos_class.clone() };
    wr!(w, L0, "QoS Class:\t{qos}\n");
    labels_multiline(w, "Node-Selectors", &spec.node_selector);
    tolerations_multiline(w, "", "Tolerations", &spec.tolerations);
    describe_topology_spread_constraints(&spec.topology_spread_constraints, w, "");
    if settings.show_events {
        // Pods' events are searched without a kind; a mirror pod's by its config's uid.
        let uid = m.annotations.get("kubernetes.io/config.mirror").unwrap_or(&m.uid);
        let events = search_events(c, &EventRef { namespace: &m.namespace, name: &m.name, kind: "", uid });
        describe_events(w, c.now(), events);
    }
}

/// `qos.ComputePodQOS`, for a pod whose status has no QoS class yet.
fn compute_qos(spec: &PodSpec) -> String {
    let mut requests: BTreeMap<&str, Q> = BTreeMap::new();
    let mut limits: BTreeMap<&str, Q> = BTreeMap::new();
    let mut guaranteed = true;
    let supported = |name: &str| name == "cpu" || name == "memory";
    let positive = |q: &Quantity| Q::parse(q.as_str()).ok().filter(|q| q.sign() > 0);
    for ctr in spec.containers.iter().chain(&spec.init_containers) {
        for (name, q) in &ctr.resources.requests {
            if let Some(q) = positive(q).filter(|_| supported(name)) {
                let sum = requests.get(name.as_str()).and_then(|r| q.checked_add(r)).unwrap_or(q);
                requests.insert(name, sum);
            }
        }
        let mut found = Vec::new();
        for (name, q) in &ctr.resources.limits {
            if let Some(q) = positive(q).filter(|_| supported(name)) {
                found.push(name.as_str());
                let sum = limits.get(name.as_str()).and_then(|l| q.checked_add(l)).unwrap_or(q);
                limits.insert(name, sum);
            }
        }
        if !(found.contains(&"memory") && found.contains(&"cpu")) {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".into();
    }
    if guaranteed && requests.iter().all(|(n, r)| limits.get(n).is_some_and(|l| l == r)) && requests.len() == limits.len() {
        return "Guaranteed".into();
    }
    "Burstable".into()
}

/// How `fieldRef` environment values resolve: from the pod (`EnvValueRetriever`), or not at all
/// in a pod template.
pub(super) enum EnvResolver<'a> {
    Pod(&'a Pod),
    None,
}

impl EnvResolver<'_> {
    /// kubectl converts the field path with its own scheme, which only knows `metadata.name` and
    /// `metadata.namespace` (`DefaultMetaV1FieldSelectorConversion`): every other field is empty.
    fn resolve(&self, f: &ObjectFieldSelector) -> String {
        match self {
            EnvResolver::Pod(p) => match f.field_path.as_str() {
                "metadata.name" => p.metadata.name.clone(),
                "metadata.namespace" => p.metadata.namespace.clone(),
                _ => String::new(),
            },
            EnvResolver::None => String::new(),
        }
    }
}

/// `describeContainers`: the label (`<none>` when there are none), then each container; its
/// status parts only when the pod has a status for it.
pub(super) fn describe_containers(
    label: &str,
    containers: &[Container],
    statuses: Option<&[ContainerStatus]>,
    env: &EnvResolver,
    w: &mut PrefixWriter,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    wr!(w, L0, "{space}{label}:{none}\n");
    for ctr in containers {
        let status = statuses.and_then(|s| s.iter().rev().find(|s| s.name == ctr.name));
        describe_container_basic_info(ctr, status, space, w);
        describe_container_command(ctr, w);
        if let Some(s) = status {
            describe_container_state(s, w);
        }
        describe_resources(&ctr.resources, w, L2);
        describe_container_probes(ctr, w);
        if !ctr.env_from.is_empty() {
            describe_env_from(ctr, w);
        }
        describe_env(ctr, env, w);
        describe_container_volumes(ctr, w);
    }
}

fn describe_container_basic_info(ctr: &Container, status: Option<&ContainerStatus>, space: &str, w: &mut PrefixWriter) {
    let name_indent = if space.is_empty() { "" } else { " " };
    wr!(w, L1, "{name_indent}{}:\n", ctr.name);
    if let Some(s) = status {
        wr!(w, L2, "Container ID:\t{}\n", s.container_id);
    }
    wr!(w, L2, "Image:\t{}\n", ctr.image);
    if let Some(s) = status {
        wr!(w, L2, "Image ID:\t{}\n", s.image_id);
    }
    let ports: Vec<String> = ctr.ports.iter().map(|p| format!("{}/{}", p.container_port, p.protocol)).collect();
    let ports = ports.join(", ");
    if ports.contains(',') {
        wr!(w, L2, "Ports:\t{ports}\n");
    } else {
        wr!(w, L2, "Port:\t{}\n", or_none(&ports));
    }
    let host_ports: Vec<String> = ctr.ports.iter().map(|p| format!("{}/{}", p.host_port, p.protocol)).collect();
    let host_ports = host_ports.join(", ");
    if host_ports.contains(',') {
        wr!(w, L2, "Host Ports:\t{host_ports}\n");
    } else {
        wr!(w, L2, "Host Port:\t{}\n", or_none(&host_ports));
    }
    if let Some(sp) = ctr.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()) {
        wr!(w, L2, "SeccompProfile:\t{}\n", sp.type_);
        if sp.type_ == "Localhost" {
            wr!(w, L3, "LocalhostProfile:\t{}\n", sp.localhost_profile.as_deref().unwrap_or(""));
        }
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "<none>"
    } else {
        s
    }
}

fn describe_container_command(ctr: &Container, w: &mut PrefixWriter) {
    for (title, items) in [("Command", &ctr.command), ("Args", &ctr.args)] {
        if items.is_empty() {
            continue;
        }
        wr!(w, L2, "{title}:\n");
        for item in items {
            for s in item.split('\n') {
                wr!(w, L3, "{s}\n");
            }
        }
    }
}

/// `describeResources`: limits, then requests, each sorted by name.
pub(super) fn describe_resources(r: &ResourceRequirements, w: &mut PrefixWriter, level: usize) {
    for (title, list) in [("Limits", &r.limits), ("Requests", &r.requests)] {
        if list.is_empty() {
            continue;
        }
        wr!(w, level, "{title}:\n");
        for (name, q) in list {
            wr!(w, level + 1, "{name}:\t{q}\n");
        }
    }
}

fn describe_container_state(s: &ContainerStatus, w: &mut PrefixWriter) {
    describe_status("State", &s.state, w);
    if s.last_state.terminated.is_some() {
        describe_status("Last State", &s.last_state, w);
    }
    wr!(w, L2, "Ready:\t{}\n", print_bool(s.ready));
    wr!(w, L2, "Restart Count:\t{}\n", s.restart_count);
}

/// `describeStatus`.
fn describe_status(name: &str, state: &ContainerState, w: &mut PrefixWriter) {
    if let Some(r) = &state.running {
        wr!(w, L2, "{name}:\tRunning\n");
        wr!(w, L3, "Started:\t{}\n", rfc1123z_or_zero(r.started_at));
    } else if let Some(wt) = &state.waiting {
        wr!(w, L2, "{name}:\tWaiting\n");
        if !wt.reason.is_empty() {
            wr!(w, L3, "Reason:\t{}\n", wt.reason);
        }
    } else if let Some(t) = &state.terminated {
        wr!(w, L2, "{name}:\tTerminated\n");
        if !t.reason.is_empty() {
            wr!(w, L3, "Reason:\t{}\n", t.reason);
        }
        if !t.message.is_empty() {
            wr!(w, L3, "Message:\t{}\n", t.message);
        }
        wr!(w, L3, "Exit Code:\t{}\n", t.exit_code);
        if t.signal > 0 {
            wr!(w, L3, "Signal:\t{}\n", t.signal);
        }
        wr!(w, L3, "Started:\t{}\n", rfc1123z_or_zero(t.started_at));
        wr!(w, L3, "Finished:\t{}\n", rfc1123z_or_zero(t.finished_at));
    } else {
        wr!(w, L2, "{name}:\tWaiting\n");
    }
}

fn describe_container_probes(ctr: &Container, w: &mut PrefixWriter) {
    for (title, probe) in [("Liveness", &ctr.liveness_probe), ("Readiness", &ctr.readiness_probe), ("Startup", &ctr.startup_probe)] {
        if let Some(p) = probe {
            wr!(w, L2, "{title}:\t{}\n", describe_probe(p));
        }
    }
}

/// `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1
/// #failure=3`, `exec [cat /tmp/healthy] …`, `tcp-socket :8080 …`, `grpc <pod>:2379  …`.
pub fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds, p.timeout_seconds, p.period_seconds, p.success_threshold, p.failure_threshold
    );
    if let Some(e) = &p.exec {
        return format!("exec [{}] {attrs}", e.command.join(" "));
    }
    if let Some(h) = &p.http_get {
        let port = h.port.to_string();
        let host = if port.is_empty() { h.host.clone() } else { join_host_port(&h.host, &port) };
        return format!("http-get {} {attrs}", url_string(&h.scheme.to_lowercase(), &host, &h.path));
    }
    if let Some(t) = &p.tcp_socket {
        return format!("tcp-socket {}:{} {attrs}", t.host, t.port);
    }
    if let Some(g) = &p.grpc {
        return format!("grpc <pod>:{} {} {attrs}", g.port, g.service.as_deref().unwrap_or(""));
    }
    format!("unknown {attrs}")
}

/// Go's `net.JoinHostPort`: brackets around a host that contains a colon.
fn join_host_port(host: &str, port: &str) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

/// Go's `url.URL{Scheme, Host, Path}.String()`: `scheme://host/path`, the path escaped as a
/// URL path (`EscapedPath`) and given a leading `/` after a host.
fn url_string(scheme: &str, host: &str, path: &str) -> String {
    let mut out = String::new();
    if !scheme.is_empty() {
        out.push_str(scheme);
        out.push(':');
    }
    if !scheme.is_empty() || !host.is_empty() {
        out.push_str("//");
        out.push_str(host);
    }
    if !path.is_empty() && !path.starts_with('/') && !host.is_empty() {
        out.push('/');
    }
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-_.~$&+,/:;=@".contains(&b);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `describeContainerEnvFrom`.
fn describe_env_from(ctr: &Container, w: &mut PrefixWriter) {
    w.write(L2, "Environment Variables from:\n");
    for e in &ctr.env_from {
        let (from, name, optional) = if let Some(cm) = &e.config_map_ref {
            ("ConfigMap", cm.name.as_str(), cm.optional == Some(true))
        } else if let Some(s) = &e.secret_ref {
            ("Secret", s.name.as_str(), s.optional == Some(true))
        } else {
            ("", "", false)
        };
        if e.prefix.is_empty() {
            wr!(w, L3, "{name}\t{from}\tOptional: {optional}\n");
        } else {
            wr!(w, L3, "{name}\t{from} with prefix '{}'\tOptional: {optional}\n", e.prefix);
        }
    }
}

/// `describeContainerEnvVars`.
fn describe_env(ctr: &Container, env: &EnvResolver, w: &mut PrefixWriter) {
    let none = if ctr.env.is_empty() { "\t<none>" } else { "" };
    wr!(w, L2, "Environment:{none}\n");
    for e in &ctr.env {
        let Some(from) = &e.value_from else {
            for (i, s) in e.value.split('\n').enumerate() {
                if i == 0 {
                    wr!(w, L3, "{}:\t{s}\n", e.name);
                } else {
                    wr!(w, L3, "\t{s}\n");
                }
            }
            continue;
        };
        if let Some(f) = &from.field_ref {
            wr!(w, L3, "{}:\t{} ({}:{})\n", e.name, env.resolve(f), f.api_version, f.field_path);
        } else if let Some(r) = &from.resource_field_ref {
            let mut value = container_resource_value(r, ctr).unwrap_or_default();
            if value == "0" && (r.resource == "limits.cpu" || r.resource == "limits.memory") {
                value = "node allocatable".into();
            }
            wr!(w, L3, "{}:\t{value} ({})\n", e.name, r.resource);
        } else if let Some(s) = &from.secret_key_ref {
            let optional = s.optional == Some(true);
            wr!(w, L3, "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n", e.name, s.key, s.name);
        } else if let Some(cm) = &from.config_map_key_ref {
            let optional = cm.optional == Some(true);
            wr!(w, L3, "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n", e.name, cm.key, cm.name);
        }
    }
}

/// `resourcehelper.ExtractContainerResourceValue`: the container's request or limit divided by
/// the divisor (1 when zero), rounded up.
fn container_resource_value(r: &ResourceFieldSelector, ctr: &Container) -> Option<String> {
    let divisor = Q::parse(r.divisor.as_str()).ok().filter(|d| !d.is_zero()).unwrap_or_else(|| Q::new(1, cluster::quantity::Format::DecimalSI));
    let (list, name) = match r.resource.split_once('.') {
        Some(("limits", n)) => (&ctr.resources.limits, n),
        Some(("requests", n)) => (&ctr.resources.requests, n),
        _ => return None,
    };
    let q = list.get(name).and_then(|q| Q::parse(q.as_str()).ok()).unwrap_or_default();
    let value = match name {
        "cpu" => (q.milli_value() as f64 / divisor.milli_value() as f64).ceil(),
        "memory" | "ephemeral-storage" => (q.value() as f64 / divisor.value() as f64).ceil(),
        n if n.starts_with("hugepages-") => (q.value() as f64 / divisor.value() as f64).ceil(),
        _ => return None,
    };
    Some(format!("{}", value as i64))
}

/// `describeContainerVolumes`: mounts sorted by path (`ro`/`rw`, `path="sub"`), then devices.
fn describe_container_volumes(ctr: &Container, w: &mut PrefixWriter) {
    let none = if ctr.volume_mounts.is_empty() { "\t<none>" } else { "" };
    wr!(w, L2, "Mounts:{none}\n");
    let mut mounts: Vec<&VolumeMount> = ctr.volume_mounts.iter().collect();
    mounts.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
    for m in mounts {
        let mut flags = vec![if m.read_only { "ro".to_string() } else { "rw".to_string() }];
        if !m.sub_path.is_empty() {
            flags.push(format!("path={}", go_quote(&m.sub_path)));
        }
        wr!(w, L3, "{} from {} ({})\n", m.mount_path, m.name, flags.join(","));
    }
    if !ctr.volume_devices.is_empty() {
        wr!(w, L2, "Devices:{none}\n");
        let mut devices: Vec<&VolumeDevice> = ctr.volume_devices.iter().collect();
        devices.sort_by(|a, b| a.device_path.cmp(&b.device_path));
        for d in devices {
            wr!(w, L3, "{} from {}\n", d.device_path, d.name);
        }
    }
}

/// `describeVolumes`.
pub(super) fn describe_volumes(volumes: &[Volume], w: &mut PrefixWriter, space: &str) {
    if volumes.is_empty() {
        wr!(w, L0, "{space}Volumes:\t<none>\n");
        return;
    }
    wr!(w, L0, "{space}Volumes:\n");
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        wr!(w, L1, "{name_indent}{}:\n", v.name);
        if let Some(h) = &v.host_path {
            host_path_source(h, w);
        } else if let Some(e) = &v.empty_dir {
            let size = e.size_limit.as_ref().filter(|q| Q::parse(q.as_str()).is_ok_and(|q| q.sign() > 0)).map(|q| q.to_string());
            wr!(
                w,
                L2,
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{}\n",
                e.medium,
                size.as_deref().unwrap_or("<unset>")
            );
        } else if let Some(s) = &v.secret {
            wr!(
                w,
                L2,
                "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                s.secret_name,
                s.optional == Some(true)
            );
        } else if let Some(cm) = &v.config_map {
            wr!(w, L2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n", cm.name, cm.optional == Some(true));
        } else if let Some(n) = &v.nfs {
            nfs_source(n, w);
        } else if let Some(p) = &v.persistent_volume_claim {
            wr!(
                w,
                L2,
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                p.claim_name,
                p.read_only
            );
        } else if let Some(d) = &v.downward_api {
            w.write(L2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for item in &d.items {
                if let Some(f) = &item.field_ref {
                    wr!(w, L3, "{} -> {}\n", f.field_path, item.path);
                }
                if let Some(r) = &item.resource_field_ref {
                    wr!(w, L3, "{} -> {}\n", r.resource, item.path);
                }
            }
        } else if let Some(p) = &v.projected {
            w.write(L2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for s in &p.sources {
                if let Some(sec) = &s.secret {
                    wr!(w, L2, "SecretName:\t{}\n    SecretOptionalName:\t{}\n", sec.name, super::bool_ptr(sec.optional));
                } else if s.downward_api.is_some() {
                    w.write(L2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = &s.config_map {
                    wr!(w, L2, "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n", cm.name, super::bool_ptr(cm.optional));
                } else if let Some(t) = &s.service_account_token {
                    wr!(w, L2, "TokenExpirationSeconds:\t{}\n", t.expiration_seconds.unwrap_or(3600));
                }
            }
        } else {
            w.write(L1, "<unknown>\n");
        }
    }
}

/// `printHostPathVolumeSource` (pods and PersistentVolumes).
pub(super) fn host_path_source(h: &HostPathVolumeSource, w: &mut PrefixWriter) {
    wr!(
        w,
        L2,
        "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
        h.path,
        h.type_.as_deref().unwrap_or("<none>")
    );
}

/// `printNFSVolumeSource` (pods and PersistentVolumes).
pub(super) fn nfs_source(n: &NfsVolumeSource, w: &mut PrefixWriter) {
    wr!(w, L2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n", n.server, n.path, n.read_only);
}

/// `printTolerationsMultilineWithIndent`: `key=value:Effect op=Exists for 300s`, sorted by key.
pub(super) fn tolerations_multiline(w: &mut PrefixWriter, initial: &str, title: &str, tolerations: &[Toleration]) {
    let inner = "\t";
    wr!(w, L0, "{initial}{title}:{inner}");
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(L0, initial);
            w.write(L0, inner);
        }
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push('=');
            s.push_str(&t.value);
        }
        if !t.effect.is_empty() {
            s.push(':');
            s.push_str(&t.effect);
        }
        if t.operator == "Exists" && t.value.is_empty() {
            s.push_str(if !t.key.is_empty() || !t.effect.is_empty() { " op=Exists" } else { "op=Exists" });
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        wr!(w, L0, "{s}\n");
    }
}

/// `describeTopologySpreadConstraints`, sorted by topology key.
fn describe_topology_spread_constraints(tscs: &[TopologySpreadConstraint], w: &mut PrefixWriter, space: &str) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&TopologySpreadConstraint> = tscs.iter().collect();
    sorted.sort_by(|a, b| a.topology_key.cmp(&b.topology_key));
    wr!(w, L0, "{space}Topology Spread Constraints:\t");
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            wr!(w, L0, "{space}\t");
        }
        wr!(w, L0, "{}:{} when max skew {} is exceeded", t.topology_key, t.when_unsatisfiable, t.max_skew);
        if let Some(sel) = &t.label_selector {
            wr!(w, L0, " for selector {}", sel.format());
        }
        w.write(L0, "\n");
    }
}

/// `DescribePodTemplate`, shared by the workload describers.
pub(super) fn describe_pod_template(t: Option<&PodTemplateSpec>, w: &mut PrefixWriter) {
    w.write(L0, "Pod Template:\n");
    let Some(t) = t else {
        w.write(L1, "<unset>");
        return;
    };
    labels_multiline(w, "  Labels", &t.metadata.labels);
    if !t.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &t.metadata.annotations);
    }
    let spec = &t.spec;
    if !spec.service_account_name.is_empty() {
        wr!(w, L1, "Service Account:\t{}\n", spec.service_account_name);
    }
    if !spec.init_containers.is_empty() {
        describe_containers("Init Containers", &spec.init_containers, None, &EnvResolver::None, w, "  ");
    }
    describe_containers("Containers", &spec.containers, None, &EnvResolver::None, w, "  ");
    describe_volumes(&spec.volumes, w, "  ");
    describe_topology_spread_constraints(&spec.topology_spread_constraints, w, "  ");
    if !spec.priority_class_name.is_empty() {
        wr!(w, L1, "Priority Class Name:\t{}\n", spec.priority_class_name);
    }
    labels_multiline(w, "  Node-Selectors", &spec.node_selector);
    tolerations_multiline(w, "", "  Tolerations", &spec.tolerations);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(json: serde_json::Value) -> Probe {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn probe_strings() {
        let http = probe(serde_json::json!({"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}));
        assert_eq!(describe_probe(&http), "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3");
        let named = probe(serde_json::json!({"httpGet": {"path": "a b", "port": "http", "host": "::1", "scheme": "HTTPS"}, "initialDelaySeconds": 5}));
        assert_eq!(describe_probe(&named), "http-get https://[::1]:http/a%20b delay=5s timeout=0s period=0s #success=0 #failure=0");
        let exec = probe(serde_json::json!({"exec": {"command": ["cat", "/tmp/healthy"]}, "periodSeconds": 5}));
        assert_eq!(describe_probe(&exec), "exec [cat /tmp/healthy] delay=0s timeout=0s period=5s #success=0 #failure=0");
        let tcp = probe(serde_json::json!({"tcpSocket": {"port": 8080}}));
        assert_eq!(describe_probe(&tcp), "tcp-socket :8080 delay=0s timeout=0s period=0s #success=0 #failure=0");
        let grpc = probe(serde_json::json!({"grpc": {"port": 2379, "service": ""}}));
        assert_eq!(describe_probe(&grpc), "grpc <pod>:2379  delay=0s timeout=0s period=0s #success=0 #failure=0");
        assert_eq!(describe_probe(&Probe::default()), "unknown delay=0s timeout=0s period=0s #success=0 #failure=0");
    }

    #[test]
    fn tolerations_print_like_kubectl() {
        let t: Vec<Toleration> = serde_json::from_value(serde_json::json!([
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"},
            {"operator": "Exists"}
        ]))
        .unwrap();
        let mut w = PrefixWriter::default();
        tolerations_multiline(&mut w, "", "Tolerations", &t);
        assert_eq!(
            super::super::tabwriter::format(&w.buf),
            "Tolerations:  op=Exists\n              dedicated=gpu:NoSchedule\n              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
        );
    }

    #[test]
    fn qos_classes() {
        let spec = |res: serde_json::Value| -> PodSpec { serde_json::from_value(serde_json::json!({"containers": [{"name": "c", "resources": res}]})).unwrap() };
        assert_eq!(compute_qos(&spec(serde_json::json!({}))), "BestEffort");
        assert_eq!(compute_qos(&spec(serde_json::json!({"requests": {"cpu": "100m"}}))), "Burstable");
        let same = serde_json::json!({"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "1000m", "memory": "1Gi"}});
        assert_eq!(compute_qos(&spec(same)), "Guaranteed");
    }
}
