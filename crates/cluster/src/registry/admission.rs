//! Admission: what the default admission plugins change on create — ServiceAccount (the
//! `default` account and its `kube-api-access-*` token volume), DefaultTolerationSeconds,
//! Priority, DefaultStorageClass, StorageObjectInUseProtection — plus the Service registry's ClusterIP and NodePort
//! allocation.

use std::collections::BTreeSet;

use crate::api::*;
use crate::cluster::Cluster;
use crate::object::Object;

/// The Service CIDR (`10.96.0.0/12`); `.0.1` is the `kubernetes` Service's, `.0.10` kube-dns'.
const SERVICE_CIDR_BASE: u32 = (10 << 24) | (96 << 16);
const SERVICE_CIDR_SIZE: u32 = 1 << 20;
const NODE_PORT_MIN: i32 = 30000;
const NODE_PORT_MAX: i32 = 32767;

pub(crate) fn admit(cluster: &mut Cluster, obj: &mut Object) {
    match obj {
        Object::Pod(p) => {
            let suffix = cluster.rng_mut().name_suffix(5);
            pod(&mut p.spec, &suffix);
        }
        Object::Service(s) => service(cluster, s),
        // DefaultStorageClass (the newest default class, by name on a tie), then
        // StorageObjectInUseProtection.
        Object::PersistentVolumeClaim(c) => {
            if c.spec.storage_class_name.is_none() {
                let default = cluster
                    .store
                    .storageclasses
                    .iter()
                    .filter(|sc| sc.metadata.annotations.get("storageclass.kubernetes.io/is-default-class").is_some_and(|v| v == "true"))
                    .max_by(|a, b| a.metadata.creation_timestamp.cmp(&b.metadata.creation_timestamp).then(b.metadata.name.cmp(&a.metadata.name)));
                if let Some(sc) = default {
                    c.spec.storage_class_name = Some(sc.metadata.name.clone());
                }
            }
            add_finalizer(&mut c.metadata, "kubernetes.io/pvc-protection")
        }
        Object::PersistentVolume(v) => add_finalizer(&mut v.metadata, "kubernetes.io/pv-protection"),
        _ => {}
    }
}

fn add_finalizer(meta: &mut ObjectMeta, finalizer: &str) {
    if !meta.finalizers.iter().any(|f| f == finalizer) {
        meta.finalizers.push(finalizer.into());
    }
}

fn pod(spec: &mut PodSpec, token_suffix: &str) {
    // ServiceAccount admission.
    if spec.service_account_name.is_empty() {
        spec.service_account_name = if spec.service_account.is_empty() { "default".into() } else { spec.service_account.clone() };
    }
    spec.service_account = spec.service_account_name.clone();
    let token_mount = "/var/run/secrets/kubernetes.io/serviceaccount";
    let mounts_token = spec.containers.iter().chain(&spec.init_containers).any(|c| c.volume_mounts.iter().any(|m| m.mount_path == token_mount));
    if spec.automount_service_account_token != Some(false) && !mounts_token {
        let name = format!("kube-api-access-{token_suffix}");
        spec.volumes.push(Volume {
            name: name.clone(),
            projected: Some(ProjectedVolumeSource {
                default_mode: Some(420),
                sources: vec![
                    VolumeProjection {
                        service_account_token: Some(ServiceAccountTokenProjection {
                            expiration_seconds: Some(3607),
                            path: "token".into(),
                            ..Default::default()
                        }),
                        ..Default::default()
                    },
                    VolumeProjection {
                        config_map: Some(ConfigMapProjection {
                            name: "kube-root-ca.crt".into(),
                            items: vec![KeyToPath { key: "ca.crt".into(), path: "ca.crt".into(), mode: None }],
                            optional: None,
                        }),
                        ..Default::default()
                    },
                    VolumeProjection {
                        downward_api: Some(DownwardApiProjection {
                            items: vec![DownwardApiVolumeFile {
                                path: "namespace".into(),
                                field_ref: Some(ObjectFieldSelector { api_version: "v1".into(), field_path: "metadata.namespace".into() }),
                                ..Default::default()
                            }],
                        }),
                        ..Default::default()
                    },
                ],
            }),
            ..Default::default()
        });
        for c in spec.init_containers.iter_mut().chain(spec.containers.iter_mut()) {
            c.volume_mounts.push(VolumeMount { name: name.clone(), mount_path: token_mount.into(), read_only: true, ..Default::default() });
        }
    }
    // DefaultTolerationSeconds.
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
        let tolerated = spec.tolerations.iter().any(|t| {
            (t.key == key || (t.key.is_empty() && t.operator == "Exists")) && (t.effect.is_empty() || t.effect == "NoExecute")
        });
        if !tolerated {
            spec.tolerations.push(Toleration {
                key: key.into(),
                operator: "Exists".into(),
                effect: "NoExecute".into(),
                toleration_seconds: Some(300),
                ..Default::default()
            });
        }
    }
    // Priority.
    spec.priority.get_or_insert(0);
    spec.preemption_policy.get_or_insert_with(|| "PreemptLowerPriority".into());
}

/// Allocates a ClusterIP (random free address of the Service CIDR, seeded) unless the Service is
/// headless, ExternalName, or names one; NodePorts for NodePort and LoadBalancer Services.
fn service(cluster: &mut Cluster, svc: &mut Service) {
    let used_ips: BTreeSet<String> = cluster.store.services.iter().map(|s| s.spec.cluster_ip.clone()).collect();
    let used_ports: BTreeSet<i32> = cluster.store.services.iter().flat_map(|s| s.spec.ports.iter().map(|p| p.node_port)).collect();
    let s = &mut svc.spec;
    if s.type_ != "ExternalName" {
        if s.cluster_ip.is_empty() {
            s.cluster_ip = loop {
                let n = SERVICE_CIDR_BASE + 2 + cluster.rng_mut().below((SERVICE_CIDR_SIZE - 3) as u64) as u32;
                let ip = format!("{}.{}.{}.{}", n >> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255);
                if !used_ips.contains(&ip) && !ip.ends_with(".0.10") {
                    break ip;
                }
            };
        }
        if s.cluster_ips.is_empty() {
            s.cluster_ips = vec![s.cluster_ip.clone()];
        }
        if s.ip_families.is_empty() {
            s.ip_families = vec!["IPv4".into()];
        }
        s.ip_family_policy.get_or_insert_with(|| "SingleStack".into());
    }
    if matches!(s.type_.as_str(), "NodePort" | "LoadBalancer") {
        let mut taken = used_ports;
        for p in &mut s.ports {
            if p.node_port == 0 {
                let span = (NODE_PORT_MAX - NODE_PORT_MIN + 1) as u64;
                let start = cluster.rng_mut().below(span) as i32;
                let free = (0..span as i32).map(|i| NODE_PORT_MIN + (start + i) % span as i32).find(|n| !taken.contains(n));
                if let Some(n) = free {
                    p.node_port = n;
                    taken.insert(n);
                }
            }
        }
    }
}
