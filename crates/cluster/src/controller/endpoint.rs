//! The endpoints controller (`pkg/controller/endpoint`, v1.31): for every Service with a
//! selector, an Endpoints object of the same name listing the selected pods that have an IP —
//! ready ones under `addresses`, the others under `notReadyAddresses` — with each service port
//! resolved against the pod's container ports (`FindPort`), grouped into subsets by port set
//! (`RepackSubsets`). Services without a selector (like `kubernetes`) are left alone.

use std::collections::BTreeMap;

/// The (name, port, protocol) triples one subset serves.
type PortSet = Vec<(String, i32, String)>;

use crate::api::*;
use crate::cluster::Cluster;
use crate::object::Kind;
use crate::store::{Change, ChangeType};

const TRIGGER_TIME: &str = "endpoints.kubernetes.io/last-change-trigger-time";

pub(crate) fn on_change(c: &mut Cluster, change: &Change) {
    match change.key.kind {
        Kind::Service => {
            if change.change == ChangeType::Deleted {
                // The Endpoints go with their Service (the controller deletes them).
                if c.store.endpoints.get(&change.key.namespace, &change.key.name).is_some() {
                    let _ = c.delete(Kind::Endpoints, &change.key.namespace, &change.key.name, Default::default());
                }
            } else {
                sync(c, &change.key.namespace, &change.key.name);
            }
        }
        Kind::Pod => {
            // Every Service of the namespace whose selector matches the pod (before or after).
            let services: Vec<String> = c
                .store
                .services
                .in_namespace(&change.key.namespace)
                .filter(|s| !s.spec.selector.is_empty())
                .map(|s| s.metadata.name.clone())
                .collect();
            for name in services {
                sync(c, &change.key.namespace, &name);
            }
        }
        _ => {}
    }
}

fn pod_ready(p: &Pod) -> bool {
    p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

/// `FindPort`: a number, or the container port of that name.
fn find_port(p: &Pod, target: &IntOrString, protocol: &str) -> Option<i32> {
    match target {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(name) => p
            .spec
            .containers
            .iter()
            .flat_map(|c| &c.ports)
            .find(|cp| cp.name == *name && (cp.protocol.is_empty() && protocol == "TCP" || cp.protocol == protocol))
            .map(|cp| cp.container_port),
    }
}

fn sync(c: &mut Cluster, namespace: &str, name: &str) {
    let Some(svc) = c.store.services.get(namespace, name).cloned() else { return };
    if svc.spec.selector.is_empty() || svc.metadata.deletion_timestamp.is_some() {
        return;
    }
    let Ok(selector) = crate::labels::label_selector_as_selector(&svc.spec.selector, &[]) else { return };
    let tolerate_unready = svc.spec.publish_not_ready_addresses;
    // (ready addresses, not-ready addresses) per distinct port set.
    let mut subsets: BTreeMap<PortSet, (Vec<EndpointAddress>, Vec<EndpointAddress>)> = BTreeMap::new();
    let mut pods: Vec<&Pod> = c.store.pods.in_namespace(namespace).filter(|p| selector.matches(&p.metadata.labels)).collect();
    pods.sort_by(|a, b| a.status.pod_ip.cmp(&b.status.pod_ip));
    for p in pods {
        if p.status.pod_ip.is_empty() || (!tolerate_unready && p.metadata.deletion_timestamp.is_some()) {
            continue;
        }
        let address = EndpointAddress {
            ip: p.status.pod_ip.clone(),
            hostname: if !p.spec.hostname.is_empty() && p.spec.subdomain == svc.metadata.name { p.spec.hostname.clone() } else { String::new() },
            node_name: (!p.spec.node_name.is_empty()).then(|| p.spec.node_name.clone()),
            target_ref: Some(ObjectReference {
                kind: "Pod".into(),
                namespace: p.metadata.namespace.clone(),
                name: p.metadata.name.clone(),
                uid: p.metadata.uid.clone(),
                ..Default::default()
            }),
        };
        let mut ports = Vec::new();
        for sp in &svc.spec.ports {
            let protocol = if sp.protocol.is_empty() { "TCP".to_string() } else { sp.protocol.clone() };
            let target = sp.target_port.clone().unwrap_or(IntOrString::Int(sp.port));
            if let Some(port) = find_port(p, &target, &protocol) {
                ports.push((sp.name.clone(), port, protocol));
            }
        }
        if ports.is_empty() && !svc.spec.ports.is_empty() {
            continue;
        }
        ports.sort();
        let entry = subsets.entry(ports).or_default();
        let finished = matches!(p.status.phase.as_str(), "Succeeded" | "Failed");
        if tolerate_unready || pod_ready(p) {
            entry.0.push(address);
        } else if !finished {
            entry.1.push(address);
        }
    }
    let subsets: Vec<EndpointSubset> = subsets
        .into_iter()
        .filter(|(_, (ready, not_ready))| !ready.is_empty() || !not_ready.is_empty())
        .map(|(ports, (addresses, not_ready_addresses))| EndpointSubset {
            addresses,
            not_ready_addresses,
            ports: ports.into_iter().map(|(name, port, protocol)| EndpointPort { name, port, protocol, app_protocol: None }).collect(),
        })
        .collect();
    let mut labels = svc.metadata.labels.clone();
    if svc.spec.cluster_ip == "None" {
        labels.insert("service.kubernetes.io/headless".into(), String::new());
    }
    let now = c.now().rfc3339();
    match c.store.endpoints.get(namespace, name).cloned() {
        Some(ep) if ep.subsets == subsets && ep.metadata.labels == labels => {}
        Some(mut ep) => {
            ep.subsets = subsets;
            ep.metadata.labels = labels;
            ep.metadata.annotations.insert(TRIGGER_TIME.into(), now);
            let _ = c.update(ep.into());
        }
        None => {
            let ep = Endpoints {
                metadata: ObjectMeta {
                    name: name.into(),
                    namespace: namespace.into(),
                    labels,
                    annotations: [(TRIGGER_TIME.to_string(), now)].into(),
                    ..Default::default()
                },
                subsets,
                ..Default::default()
            };
            let _ = c.create(ep.into());
        }
    }
}
