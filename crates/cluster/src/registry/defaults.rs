//! Defaulting, as upstream's `pkg/apis/*/v1/defaults.go` (`SetDefaults_*`): the values the API
//! server fills in when a manifest leaves a field out.

use crate::api::*;
use crate::object::Object;

pub(crate) fn defaults(obj: &mut Object) {
    match obj {
        Object::Pod(p) => pod_spec(&mut p.spec),
        Object::ReplicationController(rc) => {
            let s = &mut rc.spec;
            if let Some(t) = &mut s.template {
                pod_spec(&mut t.spec);
                if s.selector.is_empty() {
                    s.selector = t.metadata.labels.clone();
                }
                if rc.metadata.labels.is_empty() {
                    rc.metadata.labels = t.metadata.labels.clone();
                }
            }
            s.replicas.get_or_insert(1);
        }
        Object::ReplicaSet(rs) => {
            rs.spec.replicas.get_or_insert(1);
            pod_spec(&mut rs.spec.template.spec);
        }
        Object::Deployment(d) => {
            let s = &mut d.spec;
            s.replicas.get_or_insert(1);
            if s.strategy.type_.is_empty() {
                s.strategy.type_ = "RollingUpdate".into();
            }
            if s.strategy.type_ == "RollingUpdate" {
                let ru = s.strategy.rolling_update.get_or_insert_with(Default::default);
                ru.max_unavailable.get_or_insert(IntOrString::String("25%".into()));
                ru.max_surge.get_or_insert(IntOrString::String("25%".into()));
            }
            s.revision_history_limit.get_or_insert(10);
            s.progress_deadline_seconds.get_or_insert(600);
            pod_spec(&mut s.template.spec);
        }
        Object::DaemonSet(ds) => {
            let s = &mut ds.spec;
            if s.update_strategy.type_.is_empty() {
                s.update_strategy.type_ = "RollingUpdate".into();
            }
            if s.update_strategy.type_ == "RollingUpdate" {
                let ru = s.update_strategy.rolling_update.get_or_insert_with(Default::default);
                ru.max_unavailable.get_or_insert(IntOrString::Int(1));
                ru.max_surge.get_or_insert(IntOrString::Int(0));
            }
            s.revision_history_limit.get_or_insert(10);
            pod_spec(&mut s.template.spec);
        }
        Object::StatefulSet(ss) => {
            let s = &mut ss.spec;
            s.replicas.get_or_insert(1);
            if s.pod_management_policy.is_empty() {
                s.pod_management_policy = "OrderedReady".into();
            }
            if s.update_strategy.type_.is_empty() {
                s.update_strategy.type_ = "RollingUpdate".into();
            }
            if s.update_strategy.type_ == "RollingUpdate" {
                s.update_strategy.rolling_update.get_or_insert_with(Default::default).partition.get_or_insert(0);
            }
            s.revision_history_limit.get_or_insert(10);
            s.persistent_volume_claim_retention_policy.get_or_insert_with(|| StatefulSetPersistentVolumeClaimRetentionPolicy {
                when_deleted: "Retain".into(),
                when_scaled: "Retain".into(),
            });
            for c in &mut s.volume_claim_templates {
                c.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
                if c.status.phase.is_empty() {
                    c.status.phase = "Pending".into();
                }
            }
            pod_spec(&mut s.template.spec);
        }
        Object::Job(j) => {
            job_spec(&mut j.spec);
        }
        Object::CronJob(cj) => {
            let s = &mut cj.spec;
            if s.concurrency_policy.is_empty() {
                s.concurrency_policy = "Allow".into();
            }
            s.suspend.get_or_insert(false);
            s.successful_jobs_history_limit.get_or_insert(3);
            s.failed_jobs_history_limit.get_or_insert(1);
            pod_spec(&mut s.job_template.spec.template.spec);
        }
        Object::Service(svc) => {
            let s = &mut svc.spec;
            if s.type_.is_empty() {
                s.type_ = "ClusterIP".into();
            }
            if s.session_affinity.is_empty() {
                s.session_affinity = "None".into();
            }
            for p in &mut s.ports {
                if p.protocol.is_empty() {
                    p.protocol = "TCP".into();
                }
                if p.target_port.is_none() {
                    p.target_port = Some(IntOrString::Int(p.port));
                }
            }
            if matches!(s.type_.as_str(), "NodePort" | "LoadBalancer") && s.external_traffic_policy.is_empty() {
                s.external_traffic_policy = "Cluster".into();
            }
            if s.type_ != "ExternalName" {
                s.internal_traffic_policy.get_or_insert_with(|| "Cluster".into());
            }
            if s.type_ == "LoadBalancer" {
                s.allocate_load_balancer_node_ports.get_or_insert(true);
            }
        }
        Object::Namespace(ns) => {
            let name = ns.metadata.name.clone();
            ns.metadata.labels.insert("kubernetes.io/metadata.name".into(), name);
        }
        Object::Secret(s) => {
            if s.type_.is_empty() {
                s.type_ = "Opaque".into();
            }
            for (k, v) in std::mem::take(&mut s.string_data) {
                s.data.insert(k, base64_encode(v.as_bytes()));
            }
        }
        Object::PersistentVolumeClaim(c) => {
            c.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
        }
        Object::PersistentVolume(v) => {
            if v.spec.persistent_volume_reclaim_policy.is_empty() {
                v.spec.persistent_volume_reclaim_policy = "Retain".into();
            }
            v.spec.volume_mode.get_or_insert_with(|| "Filesystem".into());
        }
        Object::StorageClass(sc) => {
            sc.reclaim_policy.get_or_insert_with(|| "Delete".into());
            sc.volume_binding_mode.get_or_insert_with(|| "Immediate".into());
        }
        _ => {}
    }
}

/// `SetDefaults_JobSpec` (everything but the generated selector, which needs the uid).
pub(crate) fn job_spec(s: &mut JobSpec) {
    if s.completions.is_none() && s.parallelism.is_none() {
        s.completions = Some(1);
    }
    s.parallelism.get_or_insert(1);
    if s.backoff_limit.is_none() {
        s.backoff_limit = Some(if s.backoff_limit_per_index.is_some() { i32::MAX } else { 6 });
    }
    s.completion_mode.get_or_insert_with(|| "NonIndexed".into());
    s.suspend.get_or_insert(false);
    s.pod_replacement_policy.get_or_insert_with(|| {
        if s.pod_failure_policy.is_some() { "Failed".into() } else { "TerminatingOrFailed".into() }
    });
    pod_spec(&mut s.template.spec);
}

/// The Job's generated selector and pod labels (`batch.kubernetes.io/controller-uid`, …), as
/// the job registry's `generateSelector` adds them unless `manualSelector` is true.
pub(crate) fn job_selector(j: &mut Job, uid: &str) {
    if j.spec.manual_selector != Some(true) {
        let labels = &mut j.spec.template.metadata.labels;
        labels.insert("batch.kubernetes.io/controller-uid".into(), uid.into());
        labels.insert("batch.kubernetes.io/job-name".into(), j.metadata.name.clone());
        labels.insert("controller-uid".into(), uid.into());
        labels.insert("job-name".into(), j.metadata.name.clone());
        if j.spec.selector.is_none() {
            j.spec.selector = Some(LabelSelector {
                match_labels: [("batch.kubernetes.io/controller-uid".to_string(), uid.to_string())].into(),
                ..Default::default()
            });
        }
    }
    if j.metadata.labels.is_empty() {
        j.metadata.labels = j.spec.template.metadata.labels.clone();
    }
}

/// `SetDefaults_PodSpec` and what it calls for containers, probes, ports and volumes.
pub(crate) fn pod_spec(s: &mut PodSpec) {
    if s.dns_policy.is_empty() {
        s.dns_policy = "ClusterFirst".into();
    }
    if s.restart_policy.is_empty() {
        s.restart_policy = "Always".into();
    }
    s.termination_grace_period_seconds.get_or_insert(30);
    if s.scheduler_name.is_empty() {
        s.scheduler_name = "default-scheduler".into();
    }
    s.security_context.get_or_insert_with(Default::default);
    s.enable_service_links.get_or_insert(true);
    for c in s.init_containers.iter_mut().chain(s.containers.iter_mut()) {
        container(c);
    }
    for v in &mut s.volumes {
        volume(v);
    }
}

fn container(c: &mut Container) {
    if c.termination_message_path.is_empty() {
        c.termination_message_path = "/dev/termination-log".into();
    }
    if c.termination_message_policy.is_empty() {
        c.termination_message_policy = "File".into();
    }
    if c.image_pull_policy.is_empty() {
        c.image_pull_policy = image_pull_policy(&c.image).into();
    }
    for p in &mut c.ports {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
    }
    for e in &mut c.env {
        if let Some(EnvVarSource { field_ref: Some(f), .. }) = &mut e.value_from {
            if f.api_version.is_empty() {
                f.api_version = "v1".into();
            }
        }
    }
    for p in [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe].into_iter().flatten() {
        probe(p);
    }
}

/// `Always` for `:latest` or an untagged image, else `IfNotPresent` (digests included).
pub fn image_pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, "latest")) | None => "Always",
        Some(_) => "IfNotPresent",
    }
}

fn probe(p: &mut Probe) {
    if p.timeout_seconds == 0 {
        p.timeout_seconds = 1;
    }
    if p.period_seconds == 0 {
        p.period_seconds = 10;
    }
    if p.success_threshold == 0 {
        p.success_threshold = 1;
    }
    if p.failure_threshold == 0 {
        p.failure_threshold = 3;
    }
    if let Some(h) = &mut p.http_get {
        if h.path.is_empty() {
            h.path = "/".into();
        }
        if h.scheme.is_empty() {
            h.scheme = "HTTP".into();
        }
    }
}

fn volume(v: &mut Volume) {
    let has_source = v.host_path.is_some()
        || v.empty_dir.is_some()
        || v.secret.is_some()
        || v.nfs.is_some()
        || v.persistent_volume_claim.is_some()
        || v.downward_api.is_some()
        || v.config_map.is_some()
        || v.projected.is_some();
    if !has_source {
        v.empty_dir = Some(Default::default());
    }
    if let Some(c) = &mut v.config_map {
        c.default_mode.get_or_insert(420);
    }
    if let Some(s) = &mut v.secret {
        s.default_mode.get_or_insert(420);
    }
    if let Some(h) = &mut v.host_path {
        h.type_.get_or_insert_with(String::new);
    }
    if let Some(p) = &mut v.projected {
        p.default_mode.get_or_insert(420);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_pull_policy_follows_the_tag() {
        assert_eq!(image_pull_policy("nginx"), "Always");
        assert_eq!(image_pull_policy("nginx:latest"), "Always");
        assert_eq!(image_pull_policy("nginx:1.25"), "IfNotPresent");
        assert_eq!(image_pull_policy("localhost:5000/app"), "Always");
        assert_eq!(image_pull_policy("localhost:5000/app:v2"), "IfNotPresent");
        assert_eq!(image_pull_policy("busybox@sha256:abc"), "IfNotPresent");
    }
}
