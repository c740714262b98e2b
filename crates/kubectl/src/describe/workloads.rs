//! Describers of the workload kinds: ReplicationController, ReplicaSet, Deployment, DaemonSet,
//! StatefulSet, Job, CronJob. Each prints its own fields, then the pod template.
//!
//! Sources (read, not copied): `describe.go` v1.31 — `describeReplicationController`,
//! `describeReplicaSet`, `getPodStatusForController`, `describeDeployment`,
//! `printReplicaSetsByLabels`, `describeDaemonSet`, `describeStatefulSet`,
//! `describeVolumeClaimTemplates`, `describeJob`, `capIndexesListOrNone`, `describeCronJob`,
//! `describeJobTemplate`, `printActiveJobs`; `pkg/util/deployment` (`GetAllReplicaSetsInChunks`,
//! `FindNewReplicaSet`, `FindOldReplicaSets`, `EqualIgnoreHash`).

use cluster::api::*;
use cluster::labels::Selector;
use cluster::time::human_duration;
use cluster::Cluster;

use super::pod::describe_pod_template;
use super::{
    annotations_multiline, controller_of, events_of, format_labels, labels_multiline, labels_multiline_indent, print_bool, rfc1123z, wr, PrefixWriter,
    Settings, L0, L1,
};

/// `getPodStatusForController`: the pods the selector matches that this object controls,
/// counted by phase (running, waiting, succeeded, failed).
fn pod_status_for_controller(c: &Cluster, namespace: &str, selector: &Selector, uid: &str) -> (usize, usize, usize, usize) {
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for p in c.store.pods.in_namespace(namespace) {
        if !selector.matches(&p.metadata.labels) {
            continue;
        }
        let controlled = p.metadata.owner_references.iter().find(|r| r.controller == Some(true)).is_some_and(|r| r.uid == uid);
        if !controlled {
            continue;
        }
        match p.status.phase.as_str() {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    (running, waiting, succeeded, failed)
}

/// `metav1.LabelSelectorAsSelector`: a missing selector selects nothing.
fn selector_of(s: Option<&LabelSelector>) -> Selector {
    match s {
        None => Selector::nothing(),
        Some(s) => s.as_selector().unwrap_or_else(|_| Selector::nothing()),
    }
}

fn pods_status_line(w: &mut PrefixWriter, (running, waiting, succeeded, failed): (usize, usize, usize, usize)) {
    wr!(w, L0, "Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n");
}

/// The `Type/Status/Reason` conditions table of ReplicationControllers, ReplicaSets and
/// Deployments.
fn conditions_table<'a>(w: &mut PrefixWriter, conditions: impl ExactSizeIterator<Item = (&'a str, &'a str, &'a str)>) {
    if conditions.len() == 0 {
        return;
    }
    w.write(L0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(L1, "----\t------\t------\n");
    for (t, s, r) in conditions {
        wr!(w, L1, "{t} \t{s}\t{r}\n");
    }
}

pub(super) fn describe_rc(c: &Cluster, rc: &ReplicationController, settings: Settings, w: &mut PrefixWriter) {
    let m = &rc.metadata;
    let selector = Selector::from_set(&rc.spec.selector);
    let counts = pod_status_for_controller(c, &m.namespace, &selector, &m.uid);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "Selector:\t{}\n", format_labels(&rc.spec.selector));
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Replicas:\t{} current / {} desired\n", rc.status.replicas, rc.spec.replicas.unwrap_or(1));
    pods_status_line(w, counts);
    describe_pod_template(rc.spec.template.as_ref(), w);
    conditions_table(w, rc.status.conditions.iter().map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())));
    events_of(w, c, settings, "ReplicationController", m);
}

pub(super) fn describe_rs(c: &Cluster, rs: &ReplicaSet, settings: Settings, w: &mut PrefixWriter) {
    let m = &rs.metadata;
    let counts = pod_status_for_controller(c, &m.namespace, &selector_of(rs.spec.selector.as_ref()), &m.uid);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "Selector:\t{}\n", rs.spec.selector.as_ref().map(|s| s.format()).unwrap_or_else(|| "<none>".into()));
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    if let Some(by) = controller_of(m) {
        wr!(w, L0, "Controlled By:\t{by}\n");
    }
    wr!(w, L0, "Replicas:\t{} current / {} desired\n", rs.status.replicas, rs.spec.replicas.unwrap_or(1));
    pods_status_line(w, counts);
    describe_pod_template(Some(&rs.spec.template), w);
    conditions_table(w, rs.status.conditions.iter().map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())));
    events_of(w, c, settings, "ReplicaSet", m);
}

/// `EqualIgnoreHash`: two pod templates are equal apart from the `pod-template-hash` label.
fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    let strip = |t: &PodTemplateSpec| {
        let mut t = t.clone();
        t.metadata.labels.remove("pod-template-hash");
        t
    };
    strip(a) == strip(b)
}

/// `GetAllReplicaSetsInChunks`: the ReplicaSets the deployment's selector matches and the
/// deployment controls; the new one is the oldest whose template equals the deployment's, the
/// others are old.
fn replica_sets_of<'c>(c: &'c Cluster, d: &Deployment) -> (Vec<&'c ReplicaSet>, Option<&'c ReplicaSet>) {
    let selector = selector_of(d.spec.selector.as_ref());
    let owned: Vec<&ReplicaSet> = c
        .store
        .replicasets
        .iter()
        .filter(|rs| rs.metadata.namespace == d.metadata.namespace)
        .filter(|rs| selector.matches(&rs.metadata.labels))
        .filter(|rs| rs.metadata.owner_references.iter().any(|r| r.controller == Some(true) && r.uid == d.metadata.uid))
        .collect();
    let mut by_age = owned.clone();
    by_age.sort_by(|a, b| (a.metadata.creation_timestamp, &a.metadata.name).cmp(&(b.metadata.creation_timestamp, &b.metadata.name)));
    let new = by_age.into_iter().find(|rs| equal_ignore_hash(&rs.spec.template, &d.spec.template));
    let old = owned.into_iter().filter(|rs| new.is_none_or(|n| n.metadata.uid != rs.metadata.uid)).collect();
    (old, new)
}

/// `printReplicaSetsByLabels`: `name (1/3 replicas created), …`, `<none>`.
fn replica_sets_text(list: &[&ReplicaSet]) -> String {
    if list.is_empty() {
        return "<none>".into();
    }
    list.iter().map(|rs| format!("{} ({}/{} replicas created)", rs.metadata.name, rs.status.replicas, rs.spec.replicas.unwrap_or(1))).collect::<Vec<_>>().join(", ")
}

/// `IntOrString.String()` of an optional value: `<nil>` when unset.
fn int_or_string(v: Option<&IntOrString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "<nil>".into())
}

pub(super) fn describe_deployment(c: &Cluster, d: &Deployment, settings: Settings, w: &mut PrefixWriter) {
    let m = &d.metadata;
    let (old, new) = replica_sets_of(c, d);
    let s = &d.status;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "CreationTimestamp:\t{}\n", super::rfc1123z_or_zero(m.creation_timestamp));
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Selector:\t{}\n", selector_of(d.spec.selector.as_ref()));
    wr!(
        w,
        L0,
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        d.spec.replicas.unwrap_or(1),
        s.updated_replicas,
        s.replicas,
        s.available_replicas,
        s.unavailable_replicas
    );
    wr!(w, L0, "StrategyType:\t{}\n", d.spec.strategy.type_);
    wr!(w, L0, "MinReadySeconds:\t{}\n", d.spec.min_ready_seconds);
    if let Some(ru) = &d.spec.strategy.rolling_update {
        wr!(
            w,
            L0,
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
            int_or_string(ru.max_unavailable.as_ref()),
            int_or_string(ru.max_surge.as_ref())
        );
    }
    describe_pod_template(Some(&d.spec.template), w);
    conditions_table(w, s.conditions.iter().map(|c| (c.type_.as_str(), c.status.as_str(), c.reason.as_str())));
    if !old.is_empty() || new.is_some() {
        wr!(w, L0, "OldReplicaSets:\t{}\n", replica_sets_text(&old));
        wr!(w, L0, "NewReplicaSet:\t{}\n", replica_sets_text(&new.into_iter().collect::<Vec<_>>()));
    }
    events_of(w, c, settings, "Deployment", m);
}

pub(super) fn describe_daemon_set(c: &Cluster, ds: &DaemonSet, settings: Settings, w: &mut PrefixWriter) {
    let m = &ds.metadata;
    let selector = selector_of(ds.spec.selector.as_ref());
    let counts = pod_status_for_controller(c, &m.namespace, &selector, &m.uid);
    let s = &ds.status;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "Selector:\t{selector}\n");
    wr!(w, L0, "Node-Selector:\t{}\n", format_labels(&ds.spec.template.spec.node_selector));
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Desired Number of Nodes Scheduled: {}\n", s.desired_number_scheduled);
    wr!(w, L0, "Current Number of Nodes Scheduled: {}\n", s.current_number_scheduled);
    wr!(w, L0, "Number of Nodes Scheduled with Up-to-date Pods: {}\n", s.updated_number_scheduled);
    wr!(w, L0, "Number of Nodes Scheduled with Available Pods: {}\n", s.number_available);
    wr!(w, L0, "Number of Nodes Misscheduled: {}\n", s.number_misscheduled);
    pods_status_line(w, counts);
    describe_pod_template(Some(&ds.spec.template), w);
    events_of(w, c, settings, "DaemonSet", m);
}

pub(super) fn describe_stateful_set(c: &Cluster, ss: &StatefulSet, settings: Settings, w: &mut PrefixWriter) {
    let m = &ss.metadata;
    let selector = selector_of(ss.spec.selector.as_ref());
    let counts = pod_status_for_controller(c, &m.namespace, &selector, &m.uid);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    wr!(w, L0, "CreationTimestamp:\t{}\n", super::rfc1123z_or_zero(m.creation_timestamp));
    wr!(w, L0, "Selector:\t{selector}\n");
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Replicas:\t{} desired | {} total\n", ss.spec.replicas.unwrap_or(1), ss.status.replicas);
    wr!(w, L0, "Update Strategy:\t{}\n", ss.spec.update_strategy.type_);
    if let Some(ru) = &ss.spec.update_strategy.rolling_update {
        if let Some(p) = ru.partition {
            wr!(w, L1, "Partition:\t{p}\n");
            if let Some(mu) = &ru.max_unavailable {
                wr!(w, L1, "MaxUnavailable:\t{mu}\n");
            }
        }
    }
    pods_status_line(w, counts);
    describe_pod_template(Some(&ss.spec.template), w);
    describe_volume_claim_templates(&ss.spec.volume_claim_templates, w);
    events_of(w, c, settings, "StatefulSet", m);
}

/// `describeVolumeClaimTemplates`.
fn describe_volume_claim_templates(templates: &[PersistentVolumeClaim], w: &mut PrefixWriter) {
    if templates.is_empty() {
        w.write(L0, "Volume Claims:\t<none>\n");
        return;
    }
    w.write(L0, "Volume Claims:\n");
    for pvc in templates {
        wr!(w, L1, "Name:\t{}\n", pvc.metadata.name);
        wr!(w, L1, "StorageClass:\t{}\n", super::resources::pvc_class(pvc));
        labels_multiline_indent(w, "  ", "Labels", "\t", &pvc.metadata.labels);
        labels_multiline_indent(w, "  ", "Annotations", "\t", &pvc.metadata.annotations);
        match pvc.spec.resources.requests.get("storage") {
            Some(q) => wr!(w, L1, "Capacity:\t{q}\n"),
            None => w.write(L1, "Capacity:\t<default>\n"),
        }
        wr!(w, L1, "Access Modes:\t{}\n", super::go_slice(&pvc.spec.access_modes));
    }
}

pub(super) fn describe_job(c: &Cluster, j: &Job, settings: Settings, w: &mut PrefixWriter) {
    let m = &j.metadata;
    let (spec, s) = (&j.spec, &j.status);
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    job_selector(w, spec.selector.as_ref(), false);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    if let Some(by) = controller_of(m) {
        wr!(w, L0, "Controlled By:\t{by}\n");
    }
    if let Some(p) = spec.parallelism {
        wr!(w, L0, "Parallelism:\t{p}\n");
    }
    match spec.completions {
        Some(n) => wr!(w, L0, "Completions:\t{n}\n"),
        None => w.write(L0, "Completions:\t<unset>\n"),
    }
    if let Some(mode) = &spec.completion_mode {
        wr!(w, L0, "Completion Mode:\t{mode}\n");
    }
    if let Some(suspend) = spec.suspend {
        wr!(w, L0, "Suspend:\t{suspend}\n");
    }
    if let Some(b) = spec.backoff_limit {
        wr!(w, L0, "Backoff Limit:\t{b}\n");
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        wr!(w, L0, "TTL Seconds After Finished:\t{ttl}\n");
    }
    if let Some(t) = s.start_time {
        wr!(w, L0, "Start Time:\t{}\n", rfc1123z(t));
    }
    if let Some(t) = s.completion_time {
        wr!(w, L0, "Completed At:\t{}\n", rfc1123z(t));
    }
    if let (Some(start), Some(end)) = (s.start_time, s.completion_time) {
        wr!(w, L0, "Duration:\t{}\n", human_duration(end - start));
    }
    if let Some(a) = spec.active_deadline_seconds {
        wr!(w, L0, "Active Deadline Seconds:\t{a}s\n");
    }
    match s.ready {
        None => wr!(w, L0, "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n", s.active, s.succeeded, s.failed),
        Some(r) => wr!(w, L0, "Pods Statuses:\t{} Active ({r} Ready) / {} Succeeded / {} Failed\n", s.active, s.succeeded, s.failed),
    }
    if spec.completion_mode.as_deref() == Some("Indexed") {
        wr!(w, L0, "Completed Indexes:\t{}\n", cap_indexes(&s.completed_indexes, 50));
    }
    describe_pod_template(Some(&spec.template), w);
    events_of(w, c, settings, "Job", m);
}

/// A Job's (or job template's) `Selector:` line: the selector, `<unset>` for a template without
/// one.
fn job_selector(w: &mut PrefixWriter, s: Option<&LabelSelector>, template: bool) {
    match s {
        None if template => w.write(L0, "Selector:\t<unset>\n"),
        None => w.write(L0, "Selector:\t\n"),
        Some(s) => match s.as_selector() {
            Ok(sel) => wr!(w, L0, "Selector:\t{sel}\n"),
            Err(e) => wr!(w, L0, "Selector:\tFailed to get selector: {e}\n"),
        },
    }
}

/// `capIndexesListOrNone`: the completed indexes, cut after the first comma past `limit`.
fn cap_indexes(indexes: &str, limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    let b = indexes.as_bytes();
    let mut ix = limit;
    while ix < b.len() && b[ix] != b',' {
        ix += 1;
    }
    if ix >= b.len() {
        return indexes.to_string();
    }
    format!("{}...", &indexes[..=ix])
}

pub(super) fn describe_cron_job(c: &Cluster, cj: &CronJob, settings: Settings, w: &mut PrefixWriter) {
    let m = &cj.metadata;
    let spec = &cj.spec;
    wr!(w, L0, "Name:\t{}\n", m.name);
    wr!(w, L0, "Namespace:\t{}\n", m.namespace);
    labels_multiline(w, "Labels", &m.labels);
    annotations_multiline(w, "Annotations", &m.annotations);
    wr!(w, L0, "Schedule:\t{}\n", spec.schedule);
    wr!(w, L0, "Concurrency Policy:\t{}\n", spec.concurrency_policy);
    wr!(w, L0, "Suspend:\t{}\n", spec.suspend.map(print_bool).unwrap_or("<unset>"));
    let unset = |v: Option<String>| v.unwrap_or_else(|| "<unset>".into());
    wr!(w, L0, "Successful Job History Limit:\t{}\n", unset(spec.successful_jobs_history_limit.map(|n| n.to_string())));
    wr!(w, L0, "Failed Job History Limit:\t{}\n", unset(spec.failed_jobs_history_limit.map(|n| n.to_string())));
    wr!(w, L0, "Starting Deadline Seconds:\t{}\n", unset(spec.starting_deadline_seconds.map(|n| format!("{n}s"))));
    let jt = &spec.job_template.spec;
    job_selector(w, jt.selector.as_ref(), true);
    wr!(w, L0, "Parallelism:\t{}\n", unset(jt.parallelism.map(|n| n.to_string())));
    wr!(w, L0, "Completions:\t{}\n", unset(jt.completions.map(|n| n.to_string())));
    if let Some(a) = jt.active_deadline_seconds {
        wr!(w, L0, "Active Deadline Seconds:\t{a}s\n");
    }
    describe_pod_template(Some(&jt.template), w);
    wr!(w, L0, "Last Schedule Time:\t{}\n", unset(cj.status.last_schedule_time.map(rfc1123z)));
    w.write(L0, "Active Jobs:\t");
    let names: Vec<&str> = cj.status.active.iter().map(|r| r.name.as_str()).collect();
    w.line(if names.is_empty() { "<none>".to_string() } else { names.join(", ") }.as_str());
    events_of(w, c, settings, "CronJob", m);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completed_indexes_are_capped_after_a_comma() {
        assert_eq!(cap_indexes("", 50), "<none>");
        assert_eq!(cap_indexes("1-3,5", 50), "1-3,5");
        assert_eq!(cap_indexes("1,3,5,7", 2), "1,3,...");
    }
}
