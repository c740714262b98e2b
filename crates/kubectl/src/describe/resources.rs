//! Describers of the cluster's other kinds: Node, Namespace, ConfigMap, Secret, Service,
//! Endpoints, ServiceAccount, PersistentVolumeClaim, PersistentVolume, StorageClass.
//!
//! Sources (read, not copied): `describe.go` v1.31 — `describeNode`, `describeNodeLease`,
//! `describeNodeResource`, `getPodsTotalRequestsAndLimits`, `findNodeRoles`,
//! `printTaintsMultilineWithIndent`, `describeNamespace`, `DescribeResourceQuotas`,
//! `DescribeLimitRanges`, `ConfigMapDescriber` (1.31 prints a blank line after each value),
//! `describeSecret`, `describeService`, `formatEndpoints`, `describeEndpoints`,
//! `describeServiceAccount`, `printPersistentVolumeClaim`, `getPodsForPVC`,
//! `describePersistentVolume`, `printVolumeNodeAffinity`, `describeStorageClass`,
//! `printAllowedTopologies`; `pkg/util/resource` (`PodRequestsAndLimits`), `pkg/util/storage`.

use std::collections::{BTreeMap, BTreeSet};

use cluster::api::*;
use cluster::quantity::Quantity as Q;
use cluster::time::Duration;
use cluster::Cluster;

use super::pod::{host_path_source, nfs_source};
use super::{
    access_modes, annotations_multiline, describe_events, events_of, format_labels, go_slice, labels_multiline, print_bool, rfc1123z, rfc1123z_or_zero,
    search_events, since, wr, EventRef, PrefixWriter, Settings, L0, L1, L2,
};

// ---------------------------------------------------------------------------------------------
// Node

/// How often a kubelet renews its node's Lease (a quarter of its 40 s duration).
const LEASE_RENEW_INTERVAL: Duration = Duration::from_secs(10);

pub(super) fn describe_node(c: &Cluster, n: &Node, settings: Settings, w: &mut PrefixWriter) {
    let m = &n.metadata;
    let now = c.now();
    wr!(w, L0, "Name:\t{}\n", m.name);
    let roles = node_roles(&m.labels);
    wr!(w, L0, "Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") });
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "CreationTimestamp:\t{}\n", rfc1123z_or_zero(m.creation_timestamp));
    taints_multiline(w, "Taints", &n.spec.taints);
    wr!(w, L0, "Unschedulable:\t{}\n", n.spec.unschedulable);
    // kubeplay has no Lease objects: the kubelet's lease in kube-node-lease is the node's own,
    // renewed every 10 s since the node registered, as a real kubelet's is.
    w.write(L0, "Lease:\n");
    wr!(w, L1, "HolderIdentity:\t{}\n", m.name);
    w.write(L1, "AcquireTime:\t<unset>\n");
    let renew = m.creation_timestamp.map(|t0| {
        let since = (now - t0).as_millis().max(0);
        t0 + Duration::from_millis(since - since % LEASE_RENEW_INTERVAL.as_millis())
    });
    wr!(w, L1, "RenewTime:\t{}\n", renew.map(rfc1123z).unwrap_or_else(|| "<unset>".into()));
    if !n.status.conditions.is_empty() {
        w.write(L0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(L1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for cond in &n.status.conditions {
            wr!(
                w,
                L1,
                "{} \t{} \t{} \t{} \t{} \t{}\n",
                cond.type_,
                cond.status,
                rfc1123z_or_zero(cond.last_heartbeat_time),
                rfc1123z_or_zero(cond.last_transition_time),
                cond.reason,
                cond.message
            );
        }
    }
    w.write(L0, "Addresses:\n");
    for a in &n.status.addresses {
        wr!(w, L1, "{}:\t{}\n", a.type_, a.address);
    }
    for (title, list) in [("Capacity", &n.status.capacity), ("Allocatable", &n.status.allocatable)] {
        if list.is_empty() {
            continue;
        }
        wr!(w, L0, "{title}:\n");
        for (name, value) in list {
            wr!(w, L0, "  {name}:\t{value}\n");
        }
    }
    let info = &n.status.node_info;
    w.write(L0, "System Info:\n");
    wr!(w, L0, "  Machine ID:\t{}\n", info.machine_id);
    wr!(w, L0, "  System UUID:\t{}\n", info.system_uuid);
    wr!(w, L0, "  Boot ID:\t{}\n", info.boot_id);
    wr!(w, L0, "  Kernel Version:\t{}\n", info.kernel_version);
    wr!(w, L0, "  OS Image:\t{}\n", info.os_image);
    wr!(w, L0, "  Operating System:\t{}\n", info.operating_system);
    wr!(w, L0, "  Architecture:\t{}\n", info.architecture);
    wr!(w, L0, "  Container Runtime Version:\t{}\n", info.container_runtime_version);
    wr!(w, L0, "  Kubelet Version:\t{}\n", info.kubelet_version);
    wr!(w, L0, "  Kube-Proxy Version:\t{}\n", info.kube_proxy_version);
    if !n.spec.pod_cidr.is_empty() {
        wr!(w, L0, "PodCIDR:\t{}\n", n.spec.pod_cidr);
    }
    if !n.spec.pod_cidrs.is_empty() {
        wr!(w, L0, "PodCIDRs:\t{}\n", n.spec.pod_cidrs.join(","));
    }
    let pods: Vec<&Pod> =
        c.store.pods.iter().filter(|p| p.spec.node_name == m.name && p.status.phase != "Succeeded" && p.status.phase != "Failed").collect();
    describe_node_resource(c, &pods, n, w);
    if settings.show_events {
        // Controllers name the node by its uid, the kubelet by its name.
        let mut events = search_events(c, &EventRef { namespace: "", name: &m.name, kind: "Node", uid: &m.uid });
        events.extend(search_events(c, &EventRef { namespace: "", name: &m.name, kind: "Node", uid: &m.name }));
        describe_events(w, now, events);
    }
}

/// `findNodeRoles`: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role=<role>`.
fn node_roles(labels: &BTreeMap<String, String>) -> Vec<&str> {
    let mut roles = BTreeSet::new();
    for (k, v) in labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role);
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.insert(v.as_str());
        }
    }
    roles.into_iter().collect()
}

/// `printTaintsMultilineWithIndent`: `key=value:Effect`, sorted by effect then key.
fn taints_multiline(w: &mut PrefixWriter, title: &str, taints: &[Taint]) {
    wr!(w, L0, "{title}:\t");
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Taint> = taints.iter().collect();
    sorted.sort_by_key(|t| format!("{},{}", t.effect, t.key));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(L0, "\t");
        }
        if t.value.is_empty() {
            wr!(w, L0, "{}:{}\n", t.key, t.effect);
        } else {
            wr!(w, L0, "{}={}:{}\n", t.key, t.value, t.effect);
        }
    }
}

type ResourceMap = BTreeMap<String, Q>;

fn parse_list(list: &ResourceList) -> ResourceMap {
    list.iter().map(|(k, v)| (k.clone(), Q::parse(v.as_str()).unwrap_or_default())).collect()
}

/// `addResourceList`.
fn add_list(list: &mut ResourceMap, other: &ResourceMap) {
    for (name, q) in other {
        let sum = match list.get(name) {
            Some(v) => v.checked_add(q).unwrap_or_else(|| v.clone()),
            None => q.clone(),
        };
        list.insert(name.clone(), sum);
    }
}

/// `maxResourceList`.
fn max_list(list: &mut ResourceMap, other: &ResourceMap) {
    for (name, q) in other {
        if list.get(name).is_none_or(|v| q > v) {
            list.insert(name.clone(), q.clone());
        }
    }
}

/// `resourcehelper.PodRequestsAndLimits`: the containers' sums, at least the largest init
/// container's (sidecars counted with both), plus the pod overhead.
pub(super) fn pod_requests_and_limits(p: &Pod) -> (ResourceMap, ResourceMap) {
    let total = |pick: fn(&Container) -> &ResourceList| {
        let mut sum = ResourceMap::new();
        for ctr in &p.spec.containers {
            add_list(&mut sum, &parse_list(pick(ctr)));
        }
        let mut restartable = ResourceMap::new();
        let mut init = ResourceMap::new();
        for ctr in &p.spec.init_containers {
            let own = parse_list(pick(ctr));
            let effective = if ctr.restart_policy.as_deref() == Some("Always") {
                add_list(&mut sum, &own);
                add_list(&mut restartable, &own);
                restartable.clone()
            } else {
                let mut tmp = own;
                add_list(&mut tmp, &restartable);
                tmp
            };
            max_list(&mut init, &effective);
        }
        max_list(&mut sum, &init);
        sum
    };
    let mut requests = total(|c| &c.resources.requests);
    let mut limits = total(|c| &c.resources.limits);
    let overhead = parse_list(&p.spec.overhead);
    add_list(&mut requests, &overhead);
    for (name, q) in &overhead {
        if let Some(v) = limits.get(name) {
            let sum = v.checked_add(q).unwrap_or_else(|| v.clone());
            limits.insert(name.clone(), sum);
        }
    }
    (requests, limits)
}

/// Go's `int64(x)` of a float: truncation; amd64 turns NaN and ±Inf into the smallest int64.
fn go_int64(x: f64) -> i64 {
    if x.is_finite() {
        x as i64
    } else {
        i64::MIN
    }
}

fn percent(part: i64, whole: i64) -> i64 {
    go_int64(part as f64 / whole as f64 * 100.0)
}

/// Like [`percent`], but 0 for a zero whole (the allocated-resources totals).
fn percent_or_zero(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        percent(part, whole)
    }
}

/// `describeNodeResource`: the node's non-terminated pods with their requests and limits (and
/// what share of the allocatable they are), then the totals.
fn describe_node_resource(c: &Cluster, pods: &[&Pod], n: &Node, w: &mut PrefixWriter) {
    wr!(w, L0, "Non-terminated Pods:\t({} in total)\n", pods.len());
    w.write(L1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(L1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    let source = if n.status.allocatable.is_empty() { &n.status.capacity } else { &n.status.allocatable };
    let allocatable: ResourceMap = source.iter().map(|(k, v)| (k.clone(), Q::parse(v).unwrap_or_default())).collect();
    let get = |m: &ResourceMap, k: &str| m.get(k).cloned().unwrap_or_default();
    let alloc_cpu = get(&allocatable, "cpu").milli_value();
    let alloc_mem = get(&allocatable, "memory").value();
    let mut total_req = ResourceMap::new();
    let mut total_lim = ResourceMap::new();
    for p in pods {
        let (req, lim) = pod_requests_and_limits(p);
        let (cr, cl, mr, ml) = (get(&req, "cpu"), get(&lim, "cpu"), get(&req, "memory"), get(&lim, "memory"));
        wr!(
            w,
            L1,
            "{}\t{}\t\t{cr} ({}%)\t{cl} ({}%)\t{mr} ({}%)\t{ml} ({}%)\t{}\n",
            p.metadata.namespace,
            p.metadata.name,
            percent(cr.milli_value(), alloc_cpu),
            percent(cl.milli_value(), alloc_cpu),
            percent(mr.value(), alloc_mem),
            percent(ml.value(), alloc_mem),
            since(c.now(), p.metadata.creation_timestamp)
        );
        add_list(&mut total_req, &req);
        add_list(&mut total_lim, &lim);
    }
    w.write(L0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(L1, "Resource\tRequests\tLimits\n");
    w.write(L1, "--------\t--------\t------\n");
    let row = |w: &mut PrefixWriter, name: &str, milli: bool| {
        let (r, l, a) = (get(&total_req, name), get(&total_lim, name), get(&allocatable, name));
        let value = |q: &Q| if milli { q.milli_value() } else { q.value() };
        let whole = value(&a);
        wr!(w, L1, "{name}\t{r} ({}%)\t{l} ({}%)\n", percent_or_zero(value(&r), whole), percent_or_zero(value(&l), whole));
    };
    row(w, "cpu", true);
    row(w, "memory", false);
    row(w, "ephemeral-storage", false);
    let standard = ["cpu", "memory", "ephemeral-storage", "pods"];
    for name in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        row(w, name, false);
    }
    for name in allocatable.keys().filter(|k| !k.starts_with("hugepages-") && !standard.contains(&k.as_str())) {
        wr!(w, L1, "{name}\t{}\t{}\n", get(&total_req, name), get(&total_lim, name));
    }
}

// ---------------------------------------------------------------------------------------------
// Namespace, ConfigMap, Secret

pub(super) fn describe_namespace(ns: &Namespace, w: &mut PrefixWriter) {
    let m = &ns.metadata;
    wr!(w, L0, "Name:\t{}\n", m.name);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Status:\t{}\n", ns.status.phase);
    if !ns.status.conditions.is_empty() {
        w.write(L0, "Conditions:\n");
        w.write(L1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(L1, "----\t------\t------------------\t------\t-------\n");
        for cond in &ns.status.conditions {
            wr!(w, L1, "{}\t{}\t{}\t{}\t{}\n", cond.type_, cond.status, rfc1123z_or_zero(cond.last_transition_time), cond.reason, cond.message);
        }
    }
    // ResourceQuotas and LimitRanges are not modelled: the lists are empty.
    w.write(L0, "\n");
    w.write(L0, "No resource quota.\n");
    w.write(L0, "\n");
    w.write(L0, "No LimitRange resource.\n");
}

pub(super) fn describe_config_map(c: &Cluster, cm: &ConfigMap, settings: Settings, w: &mut PrefixWriter) {
    let m = &cm.metadata;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    w.write(L0, "\nData\n====\n");
    // Go ranges over the map in random order; kubeplay prints the keys sorted.
    for (k, v) in &cm.data {
        wr!(w, L0, "{k}:\n----\n");
        wr!(w, L0, "{v}\n");
        w.write(L0, "\n");
    }
    w.write(L0, "\nBinaryData\n====\n");
    for (k, v) in &cm.binary_data {
        wr!(w, L0, "{k}: {} bytes\n", decoded_len(v));
    }
    w.write(L0, "\n");
    events_of(w, c, settings, "ConfigMap", m);
}

fn decoded_len(b64: &str) -> usize {
    base64_decode(b64).map(|b| b.len()).unwrap_or(0)
}

pub(super) fn describe_secret(s: &Secret, w: &mut PrefixWriter) {
    let m = &s.metadata;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "\nType:\t{}\n", s.type_);
    w.write(L0, "\nData\n====\n");
    for (k, v) in &s.data {
        if k == "token" && s.type_ == "kubernetes.io/service-account-token" {
            let token = base64_decode(v).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
            wr!(w, L0, "{k}:\t{token}\n");
        } else {
            wr!(w, L0, "{k}:\t{} bytes\n", decoded_len(v));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Service, Endpoints, ServiceAccount

pub(super) fn describe_service(c: &Cluster, s: &Service, settings: Settings, w: &mut PrefixWriter) {
    let m = &s.metadata;
    let spec = &s.spec;
    let endpoints = c.store.endpoints.get(&m.namespace, &m.name);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Selector:\t{}\n", format_labels(&spec.selector));
    wr!(w, L0, "Type:\t{}\n", spec.type_);
    if let Some(p) = &spec.ip_family_policy {
        wr!(w, L0, "IP Family Policy:\t{p}\n");
    }
    if spec.ip_families.is_empty() {
        w.write(L0, "IP Families:\t<none>\n");
    } else {
        wr!(w, L0, "IP Families:\t{}\n", spec.ip_families.join(","));
    }
    wr!(w, L0, "IP:\t{}\n", spec.cluster_ip);
    if spec.cluster_ips.is_empty() {
        w.write(L0, "IPs:\t<none>\n");
    } else {
        wr!(w, L0, "IPs:\t{}\n", spec.cluster_ips.join(","));
    }
    if !spec.external_ips.is_empty() {
        wr!(w, L0, "External IPs:\t{}\n", spec.external_ips.join(","));
    }
    if !spec.load_balancer_ip.is_empty() {
        wr!(w, L0, "Desired LoadBalancer IP:\t{}\n", spec.load_balancer_ip);
    }
    if !spec.external_name.is_empty() {
        wr!(w, L0, "External Name:\t{}\n", spec.external_name);
    }
    if !s.status.load_balancer.ingress.is_empty() {
        let list: Vec<String> = s
            .status
            .load_balancer
            .ingress
            .iter()
            .map(|i| match (&i.ip, &i.ip_mode) {
                (ip, Some(mode)) if !ip.is_empty() => format!("{ip} ({mode})"),
                (ip, None) if !ip.is_empty() => ip.clone(),
                _ => i.hostname.clone(),
            })
            .collect();
        wr!(w, L0, "LoadBalancer Ingress:\t{}\n", list.join(", "));
    }
    for sp in &spec.ports {
        let name = if sp.name.is_empty() { "<unset>" } else { &sp.name };
        wr!(w, L0, "Port:\t{name}\t{}/{}\n", sp.port, sp.protocol);
        let target = sp.target_port.clone().unwrap_or_default();
        wr!(w, L0, "TargetPort:\t{target}/{}\n", sp.protocol);
        if sp.node_port != 0 {
            wr!(w, L0, "NodePort:\t{name}\t{}/{}\n", sp.node_port, sp.protocol);
        }
        wr!(w, L0, "Endpoints:\t{}\n", format_endpoints(endpoints, &sp.name));
    }
    wr!(w, L0, "Session Affinity:\t{}\n", spec.session_affinity);
    if !spec.external_traffic_policy.is_empty() {
        wr!(w, L0, "External Traffic Policy:\t{}\n", spec.external_traffic_policy);
    }
    if let Some(p) = &spec.internal_traffic_policy {
        wr!(w, L0, "Internal Traffic Policy:\t{p}\n");
    }
    if spec.health_check_node_port != 0 {
        wr!(w, L0, "HealthCheck NodePort:\t{}\n", spec.health_check_node_port);
    }
    if !spec.load_balancer_source_ranges.is_empty() {
        wr!(w, L0, "LoadBalancer Source Ranges:\t{}\n", spec.load_balancer_source_ranges.join(","));
    }
    if let Some(d) = &spec.traffic_distribution {
        wr!(w, L0, "Traffic Distribution:\t{d}\n");
    }
    events_of(w, c, settings, "Service", m);
}

/// `formatEndpoints`: up to three `ip:port` of the endpoint port named like the service port,
/// then `+ N more...`; `<none>` without subsets.
fn format_endpoints(ep: Option<&Endpoints>, port_name: &str) -> String {
    let Some(ep) = ep.filter(|e| !e.subsets.is_empty()) else {
        return "<none>".into();
    };
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let (mut more, mut count) = (false, 0);
    for ss in &ep.subsets {
        if ss.ports.is_empty() {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(a.ip.clone());
            }
            continue;
        }
        for port in ss.ports.iter().filter(|p| p.name == port_name) {
            count += ss.addresses.len();
            for a in &ss.addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                let host = if a.ip.contains(':') { format!("[{}]", a.ip) } else { a.ip.clone() };
                list.push(format!("{host}:{}", port.port));
            }
        }
    }
    let ret = list.join(",");
    if more {
        format!("{ret} + {} more...", count - MAX)
    } else {
        ret
    }
}

pub(super) fn describe_endpoints(c: &Cluster, ep: &Endpoints, settings: Settings, w: &mut PrefixWriter) {
    let m = &ep.metadata;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    w.write(L0, "Subsets:\n");
    let ips = |list: &[EndpointAddress]| {
        let s = list.iter().map(|a| a.ip.as_str()).collect::<Vec<_>>().join(",");
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s
        }
    };
    for ss in &ep.subsets {
        wr!(w, L1, "Addresses:\t{}\n", ips(&ss.addresses));
        wr!(w, L1, "NotReadyAddresses:\t{}\n", ips(&ss.not_ready_addresses));
        if !ss.ports.is_empty() {
            w.write(L1, "Ports:\n");
            w.write(L2, "Name\tPort\tProtocol\n");
            w.write(L2, "----\t----\t--------\n");
            for p in &ss.ports {
                let name = if p.name.is_empty() { "<unset>" } else { &p.name };
                wr!(w, L2, "{name}\t{}\t{}\n", p.port, p.protocol);
            }
        }
        w.write(L0, "\n");
    }
    events_of(w, c, settings, "Endpoints", m);
}

pub(super) fn describe_service_account(c: &Cluster, sa: &ServiceAccount, settings: Settings, w: &mut PrefixWriter) {
    let m = &sa.metadata;
    let secrets: Vec<&Secret> = c.store.secrets.in_namespace(&m.namespace).collect();
    let tokens: Vec<&str> = secrets
        .iter()
        .filter(|s| s.type_ == "kubernetes.io/service-account-token")
        .filter(|s| {
            let a = &s.metadata.annotations;
            a.get("kubernetes.io/service-account.name") == Some(&m.name) && a.get("kubernetes.io/service-account.uid") == Some(&m.uid)
        })
        .map(|s| s.metadata.name.as_str())
        .collect();
    let existing: BTreeSet<&str> = secrets.iter().map(|s| s.metadata.name.as_str()).collect();
    let missing = |name: &str| !existing.contains(name);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    let pull: Vec<&str> = sa.image_pull_secrets.iter().map(|s| s.name.as_str()).collect();
    let mount: Vec<&str> = sa.secrets.iter().map(|s| s.name.as_str()).collect();
    // The headers in sorted order, padded to one width as upstream writes them.
    for (header, names) in [("Image pull secrets:", pull), ("Mountable secrets: ", mount), ("Tokens:            ", tokens)] {
        if names.is_empty() {
            wr!(w, L0, "{header}\t<none>\n");
            continue;
        }
        let mut prefix = header;
        for name in names {
            if missing(name) {
                wr!(w, L0, "{prefix}\t{name} (not found)\n");
            } else {
                wr!(w, L0, "{prefix}\t{name}\n");
            }
            prefix = "                   ";
        }
    }
    events_of(w, c, settings, "ServiceAccount", m);
}

// ---------------------------------------------------------------------------------------------
// PersistentVolumeClaim, PersistentVolume, StorageClass

/// `storageutil.GetPersistentVolumeClaimClass`: the beta annotation, else the spec's class.
pub(super) fn pvc_class(pvc: &PersistentVolumeClaim) -> String {
    if let Some(class) = pvc.metadata.annotations.get("volume.beta.kubernetes.io/storage-class") {
        return class.clone();
    }
    pvc.spec.storage_class_name.clone().unwrap_or_default()
}

pub(super) fn describe_pvc(c: &Cluster, pvc: &PersistentVolumeClaim, settings: Settings, w: &mut PrefixWriter) {
    let m = &pvc.metadata;
    let spec = &pvc.spec;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "StorageClass:\t{}\n", pvc_class(pvc));
    if m.deletion_timestamp.is_some() {
        wr!(w, L0, "Status:\tTerminating (lasts {})\n", since(c.now(), m.deletion_timestamp));
    } else {
        wr!(w, L0, "Status:\t{}\n", pvc.status.phase);
    }
    wr!(w, L0, "Volume:\t{}\n", spec.volume_name);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Finalizers:\t{}\n", go_slice(&m.finalizers));
    let (capacity, modes) = if spec.volume_name.is_empty() {
        (String::new(), String::new())
    } else {
        (pvc.status.capacity.get("storage").map(|q| q.to_string()).unwrap_or_else(|| "0".into()), access_modes(&pvc.status.access_modes))
    };
    wr!(w, L0, "Capacity:\t{capacity}\n");
    wr!(w, L0, "Access Modes:\t{modes}\n");
    if let Some(mode) = &spec.volume_mode {
        wr!(w, L0, "VolumeMode:\t{mode}\n");
    }
    // `getPodsForPVC`: pods mounting the claim (once per such volume), then pods owning it.
    let pods: Vec<&Pod> = c.store.pods.in_namespace(&m.namespace).collect();
    let mut users: Vec<&Pod> = Vec::new();
    for p in &pods {
        for v in &p.spec.volumes {
            if v.persistent_volume_claim.as_ref().is_some_and(|s| s.claim_name == m.name) {
                users.push(p);
            }
        }
    }
    for owner in m.owner_references.iter().filter(|r| r.kind == "Pod") {
        if let Some(p) = pods.iter().find(|p| p.metadata.uid == owner.uid) {
            if !users.iter().any(|u| u.metadata.uid == p.metadata.uid) {
                users.push(p);
            }
        }
    }
    users.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    w.write(L0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    } else {
        for (i, p) in users.iter().enumerate() {
            if i != 0 {
                w.write(L0, "\t");
            }
            wr!(w, L0, "{}\n", p.metadata.name);
        }
    }
    events_of(w, c, settings, "PersistentVolumeClaim", m);
}

pub(super) fn describe_pv(c: &Cluster, pv: &PersistentVolume, settings: Settings, w: &mut PrefixWriter) {
    let m = &pv.metadata;
    let spec = &pv.spec;
    wr!(w, L0, "Name:\t{}\n", m.name);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Finalizers:\t{}\n", go_slice(&m.finalizers));
    let class = m.annotations.get("volume.beta.kubernetes.io/storage-class").unwrap_or(&spec.storage_class_name);
    wr!(w, L0, "StorageClass:\t{class}\n");
    if m.deletion_timestamp.is_some() {
        wr!(w, L0, "Status:\tTerminating (lasts {})\n", since(c.now(), m.deletion_timestamp));
    } else {
        wr!(w, L0, "Status:\t{}\n", pv.status.phase);
    }
    let claim = spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)).unwrap_or_default();
    wr!(w, L0, "Claim:\t{claim}\n");
    wr!(w, L0, "Reclaim Policy:\t{}\n", spec.persistent_volume_reclaim_policy);
    wr!(w, L0, "Access Modes:\t{}\n", access_modes(&spec.access_modes));
    if let Some(mode) = &spec.volume_mode {
        wr!(w, L0, "VolumeMode:\t{mode}\n");
    }
    wr!(w, L0, "Capacity:\t{}\n", spec.capacity.get("storage").map(|q| q.to_string()).unwrap_or_else(|| "0".into()));
    w.write(L0, "Node Affinity:\t");
    match spec.node_affinity.as_ref().and_then(|a| a.required.as_ref()) {
        None => w.line("<none>"),
        Some(required) => {
            w.line("");
            w.write(L1, "Required Terms:\t");
            if required.node_selector_terms.is_empty() {
                w.line("<none>");
            } else {
                w.line("");
                for (i, term) in required.node_selector_terms.iter().enumerate() {
                    wr!(w, L2, "Term {i}:\t");
                    if term.match_expressions.is_empty() {
                        w.line("<none>");
                    }
                    for (j, req) in term.match_expressions.iter().enumerate() {
                        if j != 0 {
                            w.write(L2, "\t");
                        }
                        let mut expr = format!("{} {}", req.key, req.operator.to_lowercase());
                        if !req.values.is_empty() {
                            expr = format!("{expr} [{}]", req.values.join(", "));
                        }
                        wr!(w, L0, "{expr}\n");
                    }
                }
            }
        }
    }
    wr!(w, L0, "Message:\t{}\n", pv.status.message);
    w.write(L0, "Source:\n");
    if let Some(h) = &spec.host_path {
        host_path_source(h, w);
    } else if let Some(n) = &spec.nfs {
        nfs_source(n, w);
    } else if let Some(l) = &spec.local {
        wr!(w, L2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n", l.path);
    } else {
        w.write(L1, "<unknown>\n");
    }
    events_of(w, c, settings, "PersistentVolume", m);
}

pub(super) fn describe_storage_class(c: &Cluster, sc: &StorageClass, settings: Settings, w: &mut PrefixWriter) {
    let m = &sc.metadata;
    let default = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
        .iter()
        .any(|k| m.annotations.get(*k).is_some_and(|v| v == "true"));
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "IsDefaultClass:\t{}\n", if default { "Yes" } else { "No" });
    wr!(w, L0, "Annotations:\t{}\n", format_labels(&m.annotations));
    wr!(w, L0, "Provisioner:\t{}\n", sc.provisioner);
    wr!(w, L0, "Parameters:\t{}\n", format_labels(&sc.parameters));
    wr!(w, L0, "AllowVolumeExpansion:\t{}\n", sc.allow_volume_expansion.map(print_bool).unwrap_or("<unset>"));
    if sc.mount_options.is_empty() {
        w.write(L0, "MountOptions:\t<none>\n");
    } else {
        w.write(L0, "MountOptions:\n");
        for o in &sc.mount_options {
            wr!(w, L1, "{o}\n");
        }
    }
    if let Some(p) = &sc.reclaim_policy {
        wr!(w, L0, "ReclaimPolicy:\t{p}\n");
    }
    if let Some(mode) = &sc.volume_binding_mode {
        wr!(w, L0, "VolumeBindingMode:\t{mode}\n");
    }
    if !sc.allowed_topologies.is_empty() {
        w.write(L0, "AllowedTopologies:\t");
        w.line("");
        for (i, term) in sc.allowed_topologies.iter().enumerate() {
            wr!(w, L1, "Term {i}:\t");
            if term.match_label_expressions.is_empty() {
                w.line("<none>");
            }
            for (j, req) in term.match_label_expressions.iter().enumerate() {
                if j != 0 {
                    w.write(L1, "\t");
                }
                let mut expr = format!("{} in", req.key);
                if !req.values.is_empty() {
                    expr = format!("{expr} [{}]", req.values.join(", "));
                }
                wr!(w, L0, "{expr}\n");
            }
        }
    }
    events_of(w, c, settings, "StorageClass", m);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoints(json: serde_json::Value) -> Endpoints {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn endpoints_of_a_service_port() {
        assert_eq!(format_endpoints(None, "http"), "<none>");
        let ep = endpoints(serde_json::json!({"subsets": [{
            "addresses": [{"ip": "10.244.1.2"}, {"ip": "10.244.1.3"}, {"ip": "10.244.2.2"}, {"ip": "10.244.3.2"}],
            "ports": [{"name": "http", "port": 80}, {"name": "metrics", "port": 9090}]}]}));
        assert_eq!(format_endpoints(Some(&ep), "http"), "10.244.1.2:80,10.244.1.3:80,10.244.2.2:80 + 1 more...");
        assert_eq!(format_endpoints(Some(&ep), "other"), "");
    }

    #[test]
    fn requests_and_limits_count_init_containers_and_sidecars() {
        let pod: Pod = serde_json::from_value(serde_json::json!({"spec": {
            "containers": [{"name": "a", "resources": {"requests": {"cpu": "100m"}, "limits": {"memory": "64Mi"}}},
                           {"name": "b", "resources": {"requests": {"cpu": "250m", "memory": "32Mi"}}}],
            "initContainers": [{"name": "init", "resources": {"requests": {"cpu": "1"}}},
                               {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"memory": "16Mi"}}}]}}))
        .unwrap();
        let (req, lim) = pod_requests_and_limits(&pod);
        assert_eq!(req["cpu"].to_string(), "1");
        assert_eq!(req["memory"].to_string(), "48Mi");
        assert_eq!(lim["memory"].to_string(), "64Mi");
        assert!(!lim.contains_key("cpu"));
        assert_eq!(percent(350, 4000), 8);
        assert_eq!(percent(1, 0), i64::MIN);
        assert_eq!(percent_or_zero(1, 0), 0);
    }
}
