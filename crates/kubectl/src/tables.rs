//! Per-kind table rows for `kubectl get`, as the API server's table printers produce them
//! (`pkg/printers/internalversion/printers.go`): columns, and the cells computed from an object.

use std::collections::BTreeMap;

use cluster::api::*;
use cluster::time::{human_duration, Time};
use cluster::{Cluster, Kind, Object};

use crate::printers::{col, wide, Column, Row};

/// The columns of a kind's table.
pub fn columns(kind: Kind) -> &'static [Column] {
    match kind {
        Kind::Node => {
            const C: &[Column] = &[col("NAME"), col("STATUS"), col("ROLES"), col("AGE"), col("VERSION"), wide("INTERNAL-IP"), wide("EXTERNAL-IP"), wide("OS-IMAGE"), wide("KERNEL-VERSION"), wide("CONTAINER-RUNTIME")];
            C
        }
        Kind::Pod => {
            const C: &[Column] = &[col("NAME"), col("READY"), col("STATUS"), col("RESTARTS"), col("AGE"), wide("IP"), wide("NODE"), wide("NOMINATED NODE"), wide("READINESS GATES")];
            C
        }
        Kind::Namespace => {
            const C: &[Column] = &[col("NAME"), col("STATUS"), col("AGE")];
            C
        }
        Kind::ConfigMap => {
            const C: &[Column] = &[col("NAME"), col("DATA"), col("AGE")];
            C
        }
        Kind::Secret => {
            const C: &[Column] = &[col("NAME"), col("TYPE"), col("DATA"), col("AGE")];
            C
        }
        Kind::ServiceAccount => {
            const C: &[Column] = &[col("NAME"), col("SECRETS"), col("AGE")];
            C
        }
        Kind::Service => {
            const C: &[Column] = &[col("NAME"), col("TYPE"), col("CLUSTER-IP"), col("EXTERNAL-IP"), col("PORT(S)"), col("AGE"), wide("SELECTOR")];
            C
        }
        Kind::Endpoints => {
            const C: &[Column] = &[col("NAME"), col("ENDPOINTS"), col("AGE")];
            C
        }
        Kind::ReplicationController | Kind::ReplicaSet => {
            const C: &[Column] = &[col("NAME"), col("DESIRED"), col("CURRENT"), col("READY"), col("AGE"), wide("CONTAINERS"), wide("IMAGES"), wide("SELECTOR")];
            C
        }
        Kind::Deployment => {
            const C: &[Column] = &[col("NAME"), col("READY"), col("UP-TO-DATE"), col("AVAILABLE"), col("AGE"), wide("CONTAINERS"), wide("IMAGES"), wide("SELECTOR")];
            C
        }
        Kind::DaemonSet => {
            const C: &[Column] = &[col("NAME"), col("DESIRED"), col("CURRENT"), col("READY"), col("UP-TO-DATE"), col("AVAILABLE"), col("NODE SELECTOR"), col("AGE"), wide("CONTAINERS"), wide("IMAGES"), wide("SELECTOR")];
            C
        }
        Kind::StatefulSet => {
            const C: &[Column] = &[col("NAME"), col("READY"), col("AGE"), wide("CONTAINERS"), wide("IMAGES")];
            C
        }
        Kind::Job => {
            const C: &[Column] = &[col("NAME"), col("STATUS"), col("COMPLETIONS"), col("DURATION"), col("AGE"), wide("CONTAINERS"), wide("IMAGES"), wide("SELECTOR")];
            C
        }
        Kind::CronJob => {
            const C: &[Column] = &[col("NAME"), col("SCHEDULE"), col("TIMEZONE"), col("SUSPEND"), col("ACTIVE"), col("LAST SCHEDULE"), col("AGE"), wide("CONTAINERS"), wide("IMAGES"), wide("SELECTOR")];
            C
        }
        Kind::PersistentVolumeClaim => {
            const C: &[Column] = &[col("NAME"), col("STATUS"), col("VOLUME"), col("CAPACITY"), col("ACCESS MODES"), col("STORAGECLASS"), col("VOLUMEATTRIBUTESCLASS"), col("AGE"), wide("VOLUMEMODE")];
            C
        }
        Kind::PersistentVolume => {
            const C: &[Column] = &[col("NAME"), col("CAPACITY"), col("ACCESS MODES"), col("RECLAIM POLICY"), col("STATUS"), col("CLAIM"), col("STORAGECLASS"), col("VOLUMEATTRIBUTESCLASS"), col("REASON"), col("AGE"), wide("VOLUMEMODE")];
            C
        }
        Kind::StorageClass => {
            const C: &[Column] = &[col("NAME"), col("PROVISIONER"), col("RECLAIMPOLICY"), col("VOLUMEBINDINGMODE"), col("ALLOWVOLUMEEXPANSION"), col("AGE")];
            C
        }
        Kind::Event => {
            const C: &[Column] = &[col("LAST SEEN"), col("TYPE"), col("REASON"), col("OBJECT"), col("MESSAGE")];
            C
        }
        Kind::ControllerRevision => {
            const C: &[Column] = &[col("NAME"), col("CONTROLLER"), col("REVISION"), col("AGE")];
            C
        }
    }
}

/// The row of one object.
pub fn row(c: &Cluster, obj: &Object) -> Row {
    let now = c.now();
    let m = obj.meta();
    let age = age(now, m.creation_timestamp);
    let name = m.name.clone();
    let cells: Vec<String> = match obj {
        Object::Node(n) => node(now, n),
        Object::Pod(p) => pod(now, p),
        Object::Namespace(n) => vec![name, n.status.phase.clone(), age],
        Object::ConfigMap(cm) => vec![name, (cm.data.len() + cm.binary_data.len()).to_string(), age],
        Object::Secret(s) => vec![name, s.type_.clone(), s.data.len().to_string(), age],
        Object::ServiceAccount(sa) => vec![name, sa.secrets.len().to_string(), age],
        Object::Service(s) => service(s, name, age),
        Object::Endpoints(e) => vec![name, endpoints(e), age],
        Object::ReplicationController(rc) => {
            let t = rc.spec.template.as_ref();
            let sel = rc.spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
            let (cs, is) = t.map(|t| containers_images(&t.spec)).unwrap_or_default();
            vec![name, rc.spec.replicas.unwrap_or(1).to_string(), rc.status.replicas.to_string(), rc.status.ready_replicas.to_string(), age, cs, is, sel]
        }
        Object::ReplicaSet(rs) => {
            let (cs, is) = containers_images(&rs.spec.template.spec);
            vec![name, rs.spec.replicas.unwrap_or(1).to_string(), rs.status.replicas.to_string(), rs.status.ready_replicas.to_string(), age, cs, is, selector(rs.spec.selector.as_ref())]
        }
        Object::Deployment(d) => {
            let (cs, is) = containers_images(&d.spec.template.spec);
            vec![
                name,
                format!("{}/{}", d.status.ready_replicas, d.spec.replicas.unwrap_or(1)),
                d.status.updated_replicas.to_string(),
                d.status.available_replicas.to_string(),
                age,
                cs,
                is,
                selector(d.spec.selector.as_ref()),
            ]
        }
        Object::DaemonSet(ds) => {
            let (cs, is) = containers_images(&ds.spec.template.spec);
            let s = &ds.status;
            let ns = ds.spec.template.spec.node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",");
            vec![
                name,
                s.desired_number_scheduled.to_string(),
                s.current_number_scheduled.to_string(),
                s.number_ready.to_string(),
                s.updated_number_scheduled.to_string(),
                s.number_available.to_string(),
                if ns.is_empty() { "<none>".into() } else { ns },
                age,
                cs,
                is,
                selector(ds.spec.selector.as_ref()),
            ]
        }
        Object::StatefulSet(ss) => {
            let (cs, is) = containers_images(&ss.spec.template.spec);
            vec![name, format!("{}/{}", ss.status.ready_replicas, ss.spec.replicas.unwrap_or(1)), age, cs, is]
        }
        Object::Job(j) => job(now, j, name, age),
        Object::CronJob(cj) => {
            let (cs, is) = containers_images(&cj.spec.job_template.spec.template.spec);
            let last = cj.status.last_schedule_time.map(|t| human_duration(now - t)).unwrap_or_else(|| "<none>".into());
            vec![
                name,
                cj.spec.schedule.clone(),
                cj.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
                if cj.spec.suspend == Some(true) { "True".into() } else { "False".into() },
                cj.status.active.len().to_string(),
                last,
                age,
                cs,
                is,
                selector(cj.spec.job_template.spec.selector.as_ref()),
            ]
        }
        Object::PersistentVolumeClaim(pvc) => {
            let bound = pvc.status.phase == "Bound";
            vec![
                name,
                pvc.status.phase.clone(),
                pvc.spec.volume_name.clone(),
                if bound { pvc.status.capacity.get("storage").map(|q| q.to_string()).unwrap_or_default() } else { String::new() },
                if bound { access_modes(&pvc.status.access_modes) } else { String::new() },
                pvc.spec.storage_class_name.clone().unwrap_or_default(),
                pvc.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
                age,
                pvc.spec.volume_mode.clone().unwrap_or_default(),
            ]
        }
        Object::PersistentVolume(pv) => {
            let claim = pv.spec.claim_ref.as_ref().map(|r| format!("{}/{}", r.namespace, r.name)).unwrap_or_default();
            vec![
                name,
                pv.spec.capacity.get("storage").map(|q| q.to_string()).unwrap_or_default(),
                access_modes(&pv.spec.access_modes),
                pv.spec.persistent_volume_reclaim_policy.clone(),
                pv.status.phase.clone(),
                claim,
                pv.spec.storage_class_name.clone(),
                pv.spec.volume_attributes_class_name.clone().unwrap_or_else(|| "<unset>".into()),
                pv.status.reason.clone(),
                age,
                pv.spec.volume_mode.clone().unwrap_or_default(),
            ]
        }
        Object::StorageClass(sc) => {
            let default = sc.metadata.annotations.get("storageclass.kubernetes.io/is-default-class").is_some_and(|v| v == "true");
            vec![
                if default { format!("{name} (default)") } else { name },
                sc.provisioner.clone(),
                sc.reclaim_policy.clone().unwrap_or_default(),
                sc.volume_binding_mode.clone().unwrap_or_default(),
                sc.allow_volume_expansion.unwrap_or(false).to_string(),
                age,
            ]
        }
        Object::Event(e) => {
            let last = e.last_timestamp.or(e.event_time.map(|t| t.0)).or(m.creation_timestamp);
            let object = format!("{}/{}", e.involved_object.kind.to_lowercase(), e.involved_object.name);
            vec![age_or_unknown(now, last), e.type_.clone(), e.reason.clone(), object, e.message.clone()]
        }
        Object::ControllerRevision(cr) => {
            let owner = m.owner_references.iter().find(|r| r.controller == Some(true)).map(|r| format!("{}/{}", r.kind.to_lowercase(), r.name)).unwrap_or_else(|| "<none>".into());
            let owner = owner.replacen("statefulset/", "statefulset.apps/", 1).replacen("daemonset/", "daemonset.apps/", 1);
            vec![name, owner, cr.revision.to_string(), age]
        }
    };
    Row { namespace: m.namespace.clone(), cells, labels: m.labels.clone() }
}

fn age(now: Time, t: Option<Time>) -> String {
    age_or_unknown(now, t)
}

fn age_or_unknown(now: Time, t: Option<Time>) -> String {
    t.map(|t| human_duration(now - t)).unwrap_or_else(|| "<unknown>".into())
}

fn selector(s: Option<&LabelSelector>) -> String {
    match s {
        None => "<none>".into(),
        Some(s) => s.format(),
    }
}

fn containers_images(spec: &PodSpec) -> (String, String) {
    let names: Vec<&str> = spec.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = spec.containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}

fn access_modes(modes: &[String]) -> String {
    let mut short: Vec<&str> = Vec::new();
    for (long, s) in [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")] {
        if modes.iter().any(|m| m == long) {
            short.push(s);
        }
    }
    short.join(",")
}

/// `printNode`: STATUS from the Ready condition (`NotReady` for False and Unknown),
/// `,SchedulingDisabled` when cordoned; ROLES from `node-role.kubernetes.io/<role>` labels.
pub fn node(now: Time, n: &Node) -> Vec<String> {
    let mut status = match n.ready_status() {
        Some("True") => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if n.spec.unschedulable {
        status.push_str(",SchedulingDisabled");
    }
    let mut roles: Vec<&str> = n
        .metadata
        .labels
        .iter()
        .filter_map(|(k, v)| match k.strip_prefix("node-role.kubernetes.io/") {
            Some(role) if !role.is_empty() => Some(role),
            _ if k == "kubernetes.io/role" && !v.is_empty() => Some(v.as_str()),
            _ => None,
        })
        .collect();
    roles.sort_unstable();
    roles.dedup();
    let or_none = |s: Option<&str>| s.filter(|s| !s.is_empty()).unwrap_or("<none>").to_string();
    let info = &n.status.node_info;
    vec![
        n.metadata.name.clone(),
        status,
        if roles.is_empty() { "<none>".into() } else { roles.join(",") },
        age(now, n.metadata.creation_timestamp),
        info.kubelet_version.clone(),
        or_none(n.address("InternalIP")),
        or_none(n.address("ExternalIP")),
        or_none(Some(&info.os_image)),
        or_none(Some(&info.kernel_version)),
        or_none(Some(&info.container_runtime_version)),
    ]
}

/// `printPod`: READY, the STATUS algorithm (kubernetes-behavior.md §12.4), RESTARTS with the
/// last restart's age.
pub fn pod(now: Time, p: &Pod) -> Vec<String> {
    let s = &p.status;
    let total = p.spec.containers.len() + p.spec.init_containers.iter().filter(|c| c.restart_policy.as_deref() == Some("Always")).count();
    let mut ready = 0;
    let mut restarts = 0;
    let mut last_restart: Option<Time> = None;
    let mut reason = if s.reason.is_empty() { s.phase.clone() } else { s.reason.clone() };
    let mut initializing = false;
    for (i, c) in s.init_container_statuses.iter().enumerate() {
        restarts += c.restart_count;
        if let Some(t) = c.last_state.terminated.as_ref().and_then(|t| t.finished_at) {
            last_restart = last_restart.max(Some(t));
        }
        if let Some(t) = &c.state.terminated {
            if t.exit_code == 0 {
                continue;
            }
            reason = if !t.reason.is_empty() { format!("Init:{}", t.reason) } else if t.signal != 0 { format!("Init:Signal:{}", t.signal) } else { format!("Init:ExitCode:{}", t.exit_code) };
        } else if let Some(w) = c.state.waiting.as_ref().filter(|w| !w.reason.is_empty() && w.reason != "PodInitializing") {
            reason = format!("Init:{}", w.reason);
        } else {
            reason = format!("Init:{}/{}", i, p.spec.init_containers.len());
        }
        initializing = true;
        break;
    }
    if !initializing {
        restarts = 0;
        let mut has_running = false;
        for c in s.container_statuses.iter().rev() {
            restarts += c.restart_count;
            if let Some(t) = c.last_state.terminated.as_ref().and_then(|t| t.finished_at) {
                last_restart = last_restart.max(Some(t));
            }
            if let Some(w) = c.state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                reason = w.reason.clone();
            } else if let Some(t) = &c.state.terminated {
                reason = if !t.reason.is_empty() { t.reason.clone() } else if t.signal != 0 { format!("Signal:{}", t.signal) } else { format!("ExitCode:{}", t.exit_code) };
            } else if c.ready && c.state.running.is_some() {
                has_running = true;
                ready += 1;
            } else if c.state.running.is_some() {
                has_running = true;
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = s.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True");
            reason = if pod_ready { "Running".into() } else { "NotReady".into() };
        }
    }
    if p.metadata.deletion_timestamp.is_some() {
        reason = if s.reason == "NodeLost" { "Unknown".into() } else { "Terminating".into() };
    }
    let restarts_cell = match last_restart {
        Some(t) if restarts > 0 => format!("{restarts} ({} ago)", human_duration(now - t)),
        _ => restarts.to_string(),
    };
    let or_none = |v: &str| if v.is_empty() { "<none>".to_string() } else { v.to_string() };
    let gates = if p.spec.readiness_gates.is_empty() {
        "<none>".to_string()
    } else {
        let met = p.spec.readiness_gates.iter().filter(|g| s.conditions.iter().any(|c| c.type_ == g.condition_type && c.status == "True")).count();
        format!("{met}/{}", p.spec.readiness_gates.len())
    };
    vec![
        p.metadata.name.clone(),
        format!("{ready}/{total}"),
        reason,
        restarts_cell,
        age(now, p.metadata.creation_timestamp),
        or_none(&s.pod_ip),
        or_none(&p.spec.node_name),
        or_none(&s.nominated_node_name),
        gates,
    ]
}

fn service(s: &Service, name: String, age: String) -> Vec<String> {
    let spec = &s.spec;
    let external = match spec.type_.as_str() {
        "ExternalName" => spec.external_name.clone(),
        "LoadBalancer" => {
            let ingress: Vec<String> = s.status.load_balancer.ingress.iter().map(|i| if i.ip.is_empty() { i.hostname.clone() } else { i.ip.clone() }).collect();
            if !ingress.is_empty() {
                ingress.join(",")
            } else if !spec.external_ips.is_empty() {
                spec.external_ips.join(",")
            } else {
                "<pending>".into()
            }
        }
        _ if !spec.external_ips.is_empty() => spec.external_ips.join(","),
        _ => "<none>".into(),
    };
    let ports: Vec<String> = spec
        .ports
        .iter()
        .map(|p| if p.node_port != 0 { format!("{}:{}/{}", p.port, p.node_port, p.protocol) } else { format!("{}/{}", p.port, p.protocol) })
        .collect();
    let sel: BTreeMap<String, String> = spec.selector.clone();
    vec![
        name,
        spec.type_.clone(),
        if spec.cluster_ip.is_empty() { "<none>".into() } else { spec.cluster_ip.clone() },
        external,
        if ports.is_empty() { "<none>".into() } else { ports.join(",") },
        age,
        if sel.is_empty() { "<none>".into() } else { sel.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",") },
    ]
}

/// `formatEndpoints`: `ip:port` pairs, at most 3, then ` + N more...`.
fn endpoints(e: &Endpoints) -> String {
    let mut list = Vec::new();
    let mut count = 0;
    for s in &e.subsets {
        for a in &s.addresses {
            if s.ports.is_empty() {
                count += 1;
                if list.len() < 3 {
                    list.push(a.ip.clone());
                }
            }
            for p in &s.ports {
                count += 1;
                if list.len() < 3 {
                    list.push(format!("{}:{}", a.ip, p.port));
                }
            }
        }
    }
    if list.is_empty() {
        return "<none>".into();
    }
    let mut out = list.join(",");
    if count > list.len() {
        out.push_str(&format!(" + {} more...", count - list.len()));
    }
    out
}

/// `printJob` (1.31): STATUS, COMPLETIONS, DURATION.
fn job(now: Time, j: &Job, name: String, age: String) -> Vec<String> {
    let s = &j.status;
    let cond = |t: &str| s.conditions.iter().any(|c| c.type_ == t && c.status == "True");
    let status = if cond("Complete") {
        "Complete"
    } else if cond("Failed") {
        "Failed"
    } else if j.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if cond("Suspended") {
        "Suspended"
    } else if cond("FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    };
    let completions = match j.spec.completions {
        Some(c) => format!("{}/{c}", s.succeeded),
        None => match j.spec.parallelism {
            Some(p) if p > 1 => format!("{}/1 of {p}", s.succeeded),
            _ => format!("{}/1", s.succeeded),
        },
    };
    let duration = match (s.start_time, s.completion_time) {
        (Some(st), Some(ct)) => human_duration(ct - st),
        (Some(st), None) => human_duration(now - st),
        _ => String::new(),
    };
    let (cs, is) = containers_images(&j.spec.template.spec);
    vec![name, status.into(), completions, duration, age, cs, is, selector(j.spec.selector.as_ref())]
}
