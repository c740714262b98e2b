//! Validation, as upstream's `pkg/apis/*/validation`: the field errors a create or update is
//! refused with, in upstream's order and wording. Kinds and fields learners meet are covered;
//! the rest is accepted as the API server would accept a well-formed value.

use std::collections::BTreeSet;

use crate::api::*;
use crate::labels::Selector;
use crate::object::{Kind, Object};
use crate::validation::{self as v, FieldError, GoValue};

/// The most replicas one workload may ask for in the sandbox (the API server has no such limit;
/// a browser tab does).
pub const MAX_REPLICAS: i32 = 50_000;

/// `ValidateObjectMeta` and the kind's name rule.
pub(crate) fn validate_meta(obj: &Object) -> Vec<FieldError> {
    let m = obj.meta();
    let mut errs = Vec::new();
    if m.name.is_empty() && m.generate_name.is_empty() {
        errs.push(FieldError::required("metadata.name", "name or generateName is required"));
    } else if !m.name.is_empty() {
        let msgs = match obj.kind() {
            Kind::Namespace | Kind::StatefulSet => v::is_dns1123_label(&m.name),
            Kind::Service => v::is_dns1035_label(&m.name),
            Kind::CronJob => {
                let mut e = v::is_dns1123_subdomain(&m.name);
                if m.name.len() > 52 {
                    e.push(v::max_len_error(52));
                }
                e
            }
            _ => v::is_dns1123_subdomain(&m.name),
        };
        for msg in msgs {
            errs.push(FieldError::invalid("metadata.name", m.name.as_str(), msg));
        }
    }
    for (k, val) in &m.labels {
        for msg in v::is_qualified_name(k) {
            errs.push(FieldError::invalid("metadata.labels", k.as_str(), msg));
        }
        for msg in v::is_valid_label_value(val) {
            errs.push(FieldError::invalid("metadata.labels", val.as_str(), msg));
        }
    }
    for k in m.annotations.keys() {
        for msg in v::is_qualified_name(&k.to_ascii_lowercase()) {
            errs.push(FieldError::invalid("metadata.annotations", k.as_str(), msg));
        }
    }
    let total: usize = m.annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > 256 * 1024 {
        errs.push(FieldError::too_long("metadata.annotations", 256 * 1024));
    }
    errs
}

pub(crate) fn validate(obj: &Object) -> Vec<FieldError> {
    let mut e = Vec::new();
    match obj {
        Object::Pod(p) => pod_spec(&p.spec, "spec", &mut e),
        Object::ReplicationController(rc) => {
            let s = &rc.spec;
            replicas(s.replicas, "spec.replicas", &mut e);
            non_negative(s.min_ready_seconds as i64, "spec.minReadySeconds", &mut e);
            if s.selector.is_empty() {
                e.push(FieldError::required("spec.selector", ""));
            } else {
                for msg in s.selector.iter().flat_map(|(k, val)| v::is_qualified_name(k).into_iter().chain(v::is_valid_label_value(val))) {
                    e.push(FieldError::invalid("spec.selector", GoValue::string_map(Some(&s.selector)), msg));
                }
            }
            match &s.template {
                None => e.push(FieldError::required("spec.template", "")),
                Some(t) => {
                    let sel = Selector::from_set(&s.selector);
                    replica_template(t, &sel, "spec.template", &mut e);
                }
            }
        }
        Object::ReplicaSet(rs) => {
            let s = &rs.spec;
            replicas(s.replicas, "spec.replicas", &mut e);
            non_negative(s.min_ready_seconds as i64, "spec.minReadySeconds", &mut e);
            let sel = selector(s.selector.as_ref(), "deployment", &mut e);
            replica_template(&s.template, &sel, "spec.template", &mut e);
        }
        Object::Deployment(d) => {
            let s = &d.spec;
            replicas(s.replicas, "spec.replicas", &mut e);
            let sel = selector(s.selector.as_ref(), "deployment", &mut e);
            replica_template(&s.template, &sel, "spec.template", &mut e);
            match s.strategy.type_.as_str() {
                "Recreate" => {
                    if s.strategy.rolling_update.is_some() {
                        e.push(FieldError::forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
                    }
                }
                "RollingUpdate" => {
                    if let Some(ru) = &s.strategy.rolling_update {
                        rolling_update(ru.max_unavailable.as_ref(), ru.max_surge.as_ref(), "spec.strategy.rollingUpdate", &mut e);
                    }
                }
                other => e.push(FieldError::unsupported("spec.strategy.type", other, &["Recreate", "RollingUpdate"])),
            }
            non_negative(s.min_ready_seconds as i64, "spec.minReadySeconds", &mut e);
            if let Some(r) = s.revision_history_limit {
                non_negative(r as i64, "spec.revisionHistoryLimit", &mut e);
            }
            if let Some(p) = s.progress_deadline_seconds {
                non_negative(p as i64, "spec.progressDeadlineSeconds", &mut e);
                if p <= s.min_ready_seconds {
                    e.push(FieldError::invalid("spec.progressDeadlineSeconds", GoValue::raw(p.to_string()), "must be greater than minReadySeconds"));
                }
            }
        }
        Object::DaemonSet(ds) => {
            let s = &ds.spec;
            let sel = selector(s.selector.as_ref(), "daemonset", &mut e);
            replica_template(&s.template, &sel, "spec.template", &mut e);
            non_negative(s.min_ready_seconds as i64, "spec.minReadySeconds", &mut e);
            match s.update_strategy.type_.as_str() {
                "OnDelete" | "RollingUpdate" => {}
                other => e.push(FieldError::unsupported("spec.updateStrategy.type", other, &["OnDelete", "RollingUpdate"])),
            }
        }
        Object::StatefulSet(ss) => {
            let s = &ss.spec;
            match s.pod_management_policy.as_str() {
                "OrderedReady" | "Parallel" => {}
                other => e.push(FieldError::unsupported("spec.podManagementPolicy", other, &["OrderedReady", "Parallel"])),
            }
            match s.update_strategy.type_.as_str() {
                "OnDelete" | "RollingUpdate" => {}
                other => e.push(FieldError::unsupported("spec.updateStrategy.type", other, &["OnDelete", "RollingUpdate"])),
            }
            replicas(s.replicas, "spec.replicas", &mut e);
            let sel = selector(s.selector.as_ref(), "statefulset", &mut e);
            // ValidatePodTemplateSpecForStatefulSet checks only the labels against the selector
            // (its pod spec validation is a TODO upstream): templates may mount volumes that
            // only the volumeClaimTemplates provide.
            if !sel.is_empty() && !sel.matches_nothing() && !sel.matches(&s.template.metadata.labels) {
                e.push(FieldError::invalid(
                    "spec.template.metadata.labels",
                    GoValue::string_map(Some(&s.template.metadata.labels)),
                    "`selector` does not match template `labels`",
                ));
            }
            for (i, c) in s.volume_claim_templates.iter().enumerate() {
                if c.metadata.name.is_empty() {
                    e.push(FieldError::required(format!("spec.volumeClaimTemplates[{i}].metadata.name"), ""));
                }
            }
        }
        Object::Job(j) => job_spec(&j.spec, "spec", &mut e),
        Object::CronJob(cj) => {
            let s = &cj.spec;
            if s.schedule.is_empty() {
                e.push(FieldError::required("spec.schedule", ""));
            } else if s.schedule.contains("TZ") {
                e.push(FieldError::invalid("spec.schedule", s.schedule.as_str(), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
            }
            match s.concurrency_policy.as_str() {
                "Allow" | "Forbid" | "Replace" => {}
                other => e.push(FieldError::unsupported("spec.concurrencyPolicy", other, &["Allow", "Forbid", "Replace"])),
            }
            if let Some(d) = s.starting_deadline_seconds {
                non_negative(d, "spec.startingDeadlineSeconds", &mut e);
            }
            job_spec(&s.job_template.spec, "spec.jobTemplate.spec", &mut e);
        }
        Object::Service(svc) => service(svc, &mut e),
        Object::ConfigMap(cm) => {
            for k in cm.data.keys().chain(cm.binary_data.keys()) {
                for msg in config_key(k) {
                    e.push(FieldError::invalid(format!("data[{k}]"), k.as_str(), msg));
                }
            }
        }
        Object::Secret(s) => {
            for k in s.data.keys() {
                for msg in config_key(k) {
                    e.push(FieldError::invalid(format!("data[{k}]"), k.as_str(), msg));
                }
            }
        }
        _ => {}
    }
    e
}

/// `IsConfigMapKey`: `[-._a-zA-Z0-9]+`, at most 253 characters, not `.` or `..`.
fn config_key(k: &str) -> Vec<String> {
    let mut out = Vec::new();
    if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || "-._".contains(c)) {
        out.push(v::regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", "[-._a-zA-Z0-9]+", &["key.name", "KEY_NAME", "key-name"]));
    }
    if k.len() > 253 {
        out.push(v::max_len_error(253));
    }
    if k == "." || k == ".." {
        out.push(format!("must not be '{k}'"));
    }
    out
}

pub(crate) fn validate_update(old: &Object, new: &Object) -> Vec<FieldError> {
    let mut e = Vec::new();
    let immutable_selector = |o: Option<&LabelSelector>, n: Option<&LabelSelector>, e: &mut Vec<FieldError>| {
        if o != n {
            let rendered = match n {
                Some(s) => {
                    let exprs = s.expressions();
                    GoValue::label_selector(
                        (!s.match_labels.is_empty()).then_some(&s.match_labels),
                        (!exprs.is_empty()).then_some(exprs.as_slice()),
                    )
                }
                None => GoValue::raw("(*v1.LabelSelector)(nil)"),
            };
            e.push(FieldError::invalid("spec.selector", rendered, v::FIELD_IMMUTABLE_ERROR_MSG));
        }
    };
    match (old, new) {
        (Object::Deployment(o), Object::Deployment(n)) => immutable_selector(o.spec.selector.as_ref(), n.spec.selector.as_ref(), &mut e),
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => immutable_selector(o.spec.selector.as_ref(), n.spec.selector.as_ref(), &mut e),
        (Object::DaemonSet(o), Object::DaemonSet(n)) => immutable_selector(o.spec.selector.as_ref(), n.spec.selector.as_ref(), &mut e),
        (Object::StatefulSet(o), Object::StatefulSet(n)) => {
            let (mut a, mut b) = (o.spec.clone(), n.spec.clone());
            for s in [&mut a, &mut b] {
                s.replicas = None;
                s.template = Default::default();
                s.update_strategy = Default::default();
                s.persistent_volume_claim_retention_policy = None;
                s.min_ready_seconds = 0;
                s.ordinals = None;
                s.revision_history_limit = None;
            }
            if a != b {
                e.push(FieldError::forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
            }
        }
        (Object::Job(o), Object::Job(n)) => {
            immutable_selector(o.spec.selector.as_ref(), n.spec.selector.as_ref(), &mut e);
            if o.spec.completions != n.spec.completions {
                e.push(FieldError::invalid("spec.completions", GoValue::raw(n.spec.completions.map_or("nil".into(), |c| c.to_string())), v::FIELD_IMMUTABLE_ERROR_MSG));
            }
            if o.spec.template != n.spec.template {
                e.push(FieldError::invalid("spec.template", GoValue::raw("core.PodTemplateSpec{...}"), v::FIELD_IMMUTABLE_ERROR_MSG));
            }
        }
        (Object::Pod(o), Object::Pod(n)) => {
            // Only images, activeDeadlineSeconds, tolerations (additions) and a few more may change.
            let mut a = o.spec.clone();
            let b = &n.spec;
            for (c, nc) in a.containers.iter_mut().zip(&b.containers) {
                c.image = nc.image.clone();
            }
            for (c, nc) in a.init_containers.iter_mut().zip(&b.init_containers) {
                c.image = nc.image.clone();
            }
            a.active_deadline_seconds = b.active_deadline_seconds;
            a.tolerations = b.tolerations.clone();
            a.termination_grace_period_seconds = b.termination_grace_period_seconds;
            if a.node_name.is_empty() {
                a.node_name = b.node_name.clone();
            }
            a.scheduling_gates = b.scheduling_gates.clone();
            if a != *b {
                e.push(FieldError::forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
            }
        }
        (Object::Service(o), Object::Service(n))
            if !o.spec.cluster_ip.is_empty() && o.spec.cluster_ip != n.spec.cluster_ip && n.spec.type_ != "ExternalName" =>
        {
            e.push(FieldError::invalid("spec.clusterIPs[0]", n.spec.cluster_ip.as_str(), "may not change once set"));
        }
        (Object::PersistentVolumeClaim(o), Object::PersistentVolumeClaim(n)) => {
            let (mut a, mut b) = (o.spec.clone(), n.spec.clone());
            a.resources = Default::default();
            b.resources = Default::default();
            if a.volume_name.is_empty() {
                a.volume_name = b.volume_name.clone();
            }
            if a != b {
                e.push(FieldError::forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
            }
        }
        _ => {}
    }
    e
}

fn non_negative(value: i64, path: &str, e: &mut Vec<FieldError>) {
    if value < 0 {
        e.push(FieldError::invalid(path, GoValue::raw(value.to_string()), v::IS_NEGATIVE_ERROR_MSG));
    }
}

fn replicas(r: Option<i32>, path: &str, e: &mut Vec<FieldError>) {
    let r = r.unwrap_or(0);
    non_negative(r as i64, path, e);
    if r > MAX_REPLICAS {
        e.push(FieldError::invalid(path, GoValue::raw(r.to_string()), format!("must be no more than {MAX_REPLICAS} in kubeplay (a sandbox limit; a real cluster would try)")));
    }
}

/// The apps/v1 selector checks; returns the selector to match templates with.
fn selector(s: Option<&LabelSelector>, what: &str, e: &mut Vec<FieldError>) -> Selector {
    match s {
        None => {
            e.push(FieldError::required("spec.selector", ""));
            Selector::nothing()
        }
        Some(s) if s.match_labels.is_empty() && s.match_expressions.is_empty() => {
            e.push(FieldError::invalid("spec.selector", GoValue::raw("v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"), format!("empty selector is invalid for {what}")));
            Selector::nothing()
        }
        Some(s) => match s.as_selector() {
            Ok(sel) => sel,
            Err(msg) => {
                e.push(FieldError::invalid("spec.selector", GoValue::raw(format!("{s:?}")), format!("invalid label selector: {msg}")));
                Selector::nothing()
            }
        },
    }
}

/// `ValidatePodTemplateSpecForReplicaSet`: labels match the selector, restartPolicy Always.
fn replica_template(t: &PodTemplateSpec, sel: &Selector, path: &str, e: &mut Vec<FieldError>) {
    if !sel.matches_nothing() && !sel.is_empty() && !sel.matches(&t.metadata.labels) {
        e.push(FieldError::invalid(
            format!("{path}.metadata.labels"),
            GoValue::string_map(Some(&t.metadata.labels)),
            "`selector` does not match template `labels`",
        ));
    } else if sel.matches_nothing() {
        e.push(FieldError::invalid(
            format!("{path}.metadata.labels"),
            GoValue::string_map(if t.metadata.labels.is_empty() { None } else { Some(&t.metadata.labels) }),
            "`selector` does not match template `labels`",
        ));
    }
    pod_spec(&t.spec, &format!("{path}.spec"), e);
    if t.spec.restart_policy != "Always" {
        e.push(FieldError::unsupported(format!("{path}.spec.restartPolicy"), t.spec.restart_policy.as_str(), &["Always"]));
    }
    if t.spec.active_deadline_seconds.is_some() {
        e.push(FieldError::forbidden(format!("{path}.spec.activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
}

fn job_spec(s: &JobSpec, path: &str, e: &mut Vec<FieldError>) {
    if let Some(p) = s.parallelism {
        non_negative(p as i64, &format!("{path}.parallelism"), e);
    }
    if let Some(c) = s.completions {
        non_negative(c as i64, &format!("{path}.completions"), e);
    }
    if let Some(b) = s.backoff_limit {
        non_negative(b as i64, &format!("{path}.backoffLimit"), e);
    }
    if let Some(a) = s.active_deadline_seconds {
        if a <= 0 {
            e.push(FieldError::invalid(format!("{path}.activeDeadlineSeconds"), GoValue::raw(a.to_string()), v::IS_NOT_POSITIVE_ERROR_MSG));
        }
    }
    if let Some(m) = &s.completion_mode {
        if m != "NonIndexed" && m != "Indexed" {
            e.push(FieldError::unsupported(format!("{path}.completionMode"), m.as_str(), &["NonIndexed", "Indexed"]));
        }
    }
    if let Some(p) = s.parallelism.filter(|p| *p > MAX_REPLICAS) {
        e.push(FieldError::invalid(format!("{path}.parallelism"), GoValue::raw(p.to_string()), format!("must be no more than {MAX_REPLICAS} in kubeplay (a sandbox limit)")));
    }
    pod_spec(&s.template.spec, &format!("{path}.template.spec"), e);
    if !matches!(s.template.spec.restart_policy.as_str(), "OnFailure" | "Never") {
        e.push(FieldError::required(format!("{path}.template.spec.restartPolicy"), "valid values: \"OnFailure\", \"Never\""));
    }
}

/// `ValidatePodSpec` for what learners write: volumes, containers, probes, restart policy.
fn pod_spec(s: &PodSpec, path: &str, e: &mut Vec<FieldError>) {
    let mut volume_names = BTreeSet::new();
    for (i, vol) in s.volumes.iter().enumerate() {
        let p = format!("{path}.volumes[{i}]");
        if vol.name.is_empty() {
            e.push(FieldError::required(format!("{p}.name"), ""));
        } else {
            for msg in v::is_dns1123_label(&vol.name) {
                e.push(FieldError::invalid(format!("{p}.name"), vol.name.as_str(), msg));
            }
            if !volume_names.insert(vol.name.as_str()) {
                e.push(FieldError::duplicate(format!("{p}.name"), vol.name.as_str()));
            }
        }
        if let Some(c) = &vol.persistent_volume_claim {
            if c.claim_name.is_empty() {
                e.push(FieldError::required(format!("{p}.persistentVolumeClaim.claimName"), ""));
            }
        }
    }
    let mut names = BTreeSet::new();
    containers(&s.init_containers, &format!("{path}.initContainers"), &volume_names, &mut names, true, e);
    if s.containers.is_empty() {
        e.push(FieldError::required(format!("{path}.containers"), ""));
    }
    containers(&s.containers, &format!("{path}.containers"), &volume_names, &mut names, false, e);
    match s.restart_policy.as_str() {
        "Always" | "OnFailure" | "Never" => {}
        "" => e.push(FieldError::required(format!("{path}.restartPolicy"), "")),
        other => e.push(FieldError::unsupported(format!("{path}.restartPolicy"), other, &["Always", "OnFailure", "Never"])),
    }
    match s.dns_policy.as_str() {
        "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None" => {}
        other => e.push(FieldError::unsupported(format!("{path}.dnsPolicy"), other, &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"])),
    }
    if let Some(g) = s.termination_grace_period_seconds {
        non_negative(g, &format!("{path}.terminationGracePeriodSeconds"), e);
    }
    if let Some(a) = s.active_deadline_seconds {
        if a <= 0 {
            e.push(FieldError::invalid(format!("{path}.activeDeadlineSeconds"), GoValue::raw(a.to_string()), "must be between 1 and 2147483647, inclusive"));
        }
    }
    for (i, t) in s.tolerations.iter().enumerate() {
        let p = format!("{path}.tolerations[{i}]");
        match t.operator.as_str() {
            "" | "Equal" => {}
            "Exists" if !t.value.is_empty() => {
                e.push(FieldError::invalid(format!("{p}.operator"), t.value.as_str(), "value must be empty when `operator` is 'Exists'"))
            }
            "Exists" => {}
            other => e.push(FieldError::unsupported(format!("{p}.operator"), other, &["Equal", "Exists"])),
        }
        match t.effect.as_str() {
            "" | "NoSchedule" | "PreferNoSchedule" | "NoExecute" => {}
            other => e.push(FieldError::unsupported(format!("{p}.effect"), other, &["NoSchedule", "PreferNoSchedule", "NoExecute"])),
        }
    }
    for (k, val) in &s.node_selector {
        for msg in v::is_qualified_name(k) {
            e.push(FieldError::invalid(format!("{path}.nodeSelector"), k.as_str(), msg));
        }
        for msg in v::is_valid_label_value(val) {
            e.push(FieldError::invalid(format!("{path}.nodeSelector"), val.as_str(), msg));
        }
    }
}

fn containers(cs: &[Container], path: &str, volumes: &BTreeSet<&str>, names: &mut BTreeSet<String>, init: bool, e: &mut Vec<FieldError>) {
    for (i, c) in cs.iter().enumerate() {
        let p = format!("{path}[{i}]");
        if c.name.is_empty() {
            e.push(FieldError::required(format!("{p}.name"), ""));
        } else {
            for msg in v::is_dns1123_label(&c.name) {
                e.push(FieldError::invalid(format!("{p}.name"), c.name.as_str(), msg));
            }
            if !names.insert(c.name.clone()) {
                e.push(FieldError::duplicate(format!("{p}.name"), c.name.as_str()));
            }
        }
        if c.image.trim().is_empty() {
            e.push(FieldError::required(format!("{p}.image"), ""));
        }
        let mut port_names = BTreeSet::new();
        for (j, port) in c.ports.iter().enumerate() {
            let pp = format!("{p}.ports[{j}]");
            if !port.name.is_empty() {
                if port.name.len() > 15 || !port.name.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') || !port.name.chars().any(|ch| ch.is_ascii_lowercase()) {
                    e.push(FieldError::invalid(format!("{pp}.name"), port.name.as_str(), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
                }
                if !port_names.insert(port.name.as_str()) {
                    e.push(FieldError::duplicate(format!("{pp}.name"), port.name.as_str()));
                }
            }
            if port.container_port == 0 {
                e.push(FieldError::required(format!("{pp}.containerPort"), ""));
            } else if !(1..=65535).contains(&port.container_port) {
                e.push(FieldError::invalid(format!("{pp}.containerPort"), GoValue::raw(port.container_port.to_string()), v::inclusive_range_error(1, 65535)));
            }
            if port.host_port != 0 && !(1..=65535).contains(&port.host_port) {
                e.push(FieldError::invalid(format!("{pp}.hostPort"), GoValue::raw(port.host_port.to_string()), v::inclusive_range_error(1, 65535)));
            }
            match port.protocol.as_str() {
                "TCP" | "UDP" | "SCTP" => {}
                "" => e.push(FieldError::required(format!("{pp}.protocol"), "")),
                other => e.push(FieldError::unsupported(format!("{pp}.protocol"), other, &["SCTP", "TCP", "UDP"])),
            }
        }
        for (j, env) in c.env.iter().enumerate() {
            if env.name.is_empty() {
                e.push(FieldError::required(format!("{p}.env[{j}].name"), ""));
            }
        }
        for (j, m) in c.volume_mounts.iter().enumerate() {
            let mp = format!("{p}.volumeMounts[{j}]");
            if m.name.is_empty() {
                e.push(FieldError::required(format!("{mp}.name"), ""));
            } else if !volumes.contains(m.name.as_str()) {
                e.push(FieldError::not_found(format!("{mp}.name"), m.name.as_str()));
            }
            if m.mount_path.is_empty() {
                e.push(FieldError::required(format!("{mp}.mountPath"), ""));
            }
        }
        let restartable_init = init && c.restart_policy.as_deref() == Some("Always");
        for (probe, name) in [(&c.liveness_probe, "livenessProbe"), (&c.readiness_probe, "readinessProbe"), (&c.startup_probe, "startupProbe")] {
            let Some(pr) = probe else { continue };
            let pp = format!("{p}.{name}");
            if init && !restartable_init {
                e.push(FieldError::forbidden(&pp, "may not be set for init containers without restartPolicy=Always"));
                continue;
            }
            validate_probe(pr, &pp, name != "readinessProbe", e);
        }
    }
}

fn validate_probe(p: &Probe, path: &str, must_succeed_once: bool, e: &mut Vec<FieldError>) {
    let handlers = [p.exec.is_some(), p.http_get.is_some(), p.tcp_socket.is_some(), p.grpc.is_some()].iter().filter(|h| **h).count();
    if handlers == 0 {
        e.push(FieldError::required(path, "must specify a handler type"));
    } else if handlers > 1 {
        let which = if p.http_get.is_some() && p.exec.is_some() { "httpGet" } else if p.tcp_socket.is_some() { "tcpSocket" } else { "grpc" };
        e.push(FieldError::forbidden(format!("{path}.{which}"), "may not specify more than 1 handler type"));
    }
    for (value, name) in [
        (p.initial_delay_seconds, "initialDelaySeconds"),
        (p.timeout_seconds, "timeoutSeconds"),
        (p.period_seconds, "periodSeconds"),
        (p.success_threshold, "successThreshold"),
        (p.failure_threshold, "failureThreshold"),
    ] {
        non_negative(value as i64, &format!("{path}.{name}"), e);
    }
    if must_succeed_once && p.success_threshold != 1 {
        e.push(FieldError::invalid(format!("{path}.successThreshold"), GoValue::raw(p.success_threshold.to_string()), "must be 1"));
    }
    if let Some(h) = &p.http_get {
        port_num_or_name(&h.port, &format!("{path}.httpGet.port"), e);
        if !matches!(h.scheme.as_str(), "HTTP" | "HTTPS") {
            e.push(FieldError::unsupported(format!("{path}.httpGet.scheme"), h.scheme.as_str(), &["HTTP", "HTTPS"]));
        }
    }
    if let Some(t) = &p.tcp_socket {
        port_num_or_name(&t.port, &format!("{path}.tcpSocket.port"), e);
    }
    if let Some(x) = &p.exec {
        if x.command.is_empty() {
            e.push(FieldError::required(format!("{path}.exec.command"), ""));
        }
    }
}

fn port_num_or_name(port: &IntOrString, path: &str, e: &mut Vec<FieldError>) {
    match port {
        IntOrString::Int(n) if !(1..=65535).contains(n) => {
            e.push(FieldError::invalid(path, GoValue::raw(n.to_string()), v::inclusive_range_error(1, 65535)))
        }
        IntOrString::String(s) if s.is_empty() => e.push(FieldError::required(path, "")),
        IntOrString::String(s) if s.len() > 15 || !s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') => {
            e.push(FieldError::invalid(path, s.as_str(), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"))
        }
        _ => {}
    }
}

fn rolling_update(max_unavailable: Option<&IntOrString>, max_surge: Option<&IntOrString>, path: &str, e: &mut Vec<FieldError>) {
    let check = |v: Option<&IntOrString>, name: &str, e: &mut Vec<FieldError>| -> Option<bool> {
        let v = v?;
        match v {
            IntOrString::Int(i) => {
                non_negative(*i as i64, &format!("{path}.{name}"), e);
                Some(*i == 0)
            }
            IntOrString::String(s) => match s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()) {
                Some(p) if p < 0 => {
                    e.push(FieldError::invalid(format!("{path}.{name}"), s.as_str(), v::IS_NEGATIVE_ERROR_MSG));
                    Some(false)
                }
                Some(p) if p > 100 && name == "maxUnavailable" => {
                    e.push(FieldError::invalid(format!("{path}.{name}"), s.as_str(), "must not be greater than 100%"));
                    Some(false)
                }
                Some(p) => Some(p == 0),
                None => {
                    e.push(FieldError::invalid(format!("{path}.{name}"), s.as_str(), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    Some(false)
                }
            },
        }
    };
    let unavailable_zero = check(max_unavailable, "maxUnavailable", e);
    let surge_zero = check(max_surge, "maxSurge", e);
    if unavailable_zero == Some(true) && surge_zero == Some(true) {
        e.push(FieldError::invalid(format!("{path}.maxUnavailable"), GoValue::raw("0"), "may not be 0 when `maxSurge` is 0"));
    }
}

fn service(svc: &Service, e: &mut Vec<FieldError>) {
    let s = &svc.spec;
    match s.type_.as_str() {
        "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName" => {}
        other => e.push(FieldError::unsupported("spec.type", other, &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"])),
    }
    if s.type_ == "ExternalName" {
        if s.external_name.is_empty() {
            e.push(FieldError::required("spec.externalName", ""));
        }
        return;
    }
    let headless = s.cluster_ip == "None";
    if s.ports.is_empty() && !headless {
        e.push(FieldError::required("spec.ports", ""));
    }
    let mut names = BTreeSet::new();
    for (i, p) in s.ports.iter().enumerate() {
        let pp = format!("spec.ports[{i}]");
        if s.ports.len() > 1 && p.name.is_empty() {
            e.push(FieldError::required(format!("{pp}.name"), ""));
        } else if !p.name.is_empty() {
            for msg in v::is_dns1123_label(&p.name) {
                e.push(FieldError::invalid(format!("{pp}.name"), p.name.as_str(), msg));
            }
            if !names.insert(p.name.as_str()) {
                e.push(FieldError::duplicate(format!("{pp}.name"), p.name.as_str()));
            }
        }
        if !(1..=65535).contains(&p.port) {
            e.push(FieldError::invalid(format!("{pp}.port"), GoValue::raw(p.port.to_string()), v::inclusive_range_error(1, 65535)));
        }
        match p.protocol.as_str() {
            "TCP" | "UDP" | "SCTP" => {}
            other => e.push(FieldError::unsupported(format!("{pp}.protocol"), other, &["SCTP", "TCP", "UDP"])),
        }
        if let Some(t) = &p.target_port {
            port_num_or_name(t, &format!("{pp}.targetPort"), e);
        }
        if p.node_port != 0 {
            if s.type_ == "ClusterIP" {
                e.push(FieldError::forbidden(format!("{pp}.nodePort"), "may not be used when `type` is 'ClusterIP'"));
            } else if !(30000..=32767).contains(&p.node_port) {
                e.push(FieldError::invalid(format!("{pp}.nodePort"), GoValue::raw(p.node_port.to_string()), "provided port is not in the valid range. The range of valid ports is 30000-32767"));
            }
        }
    }
    for (k, val) in &s.selector {
        for msg in v::is_qualified_name(k).into_iter().chain(v::is_valid_label_value(val)) {
            e.push(FieldError::invalid("spec.selector", GoValue::string_map(Some(&s.selector)), msg));
        }
    }
}
