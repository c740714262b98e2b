//! `kubectl get`.

use cluster::api::Node;
use cluster::time::human_duration;
use cluster::Cluster;

use crate::cmd::{usage_error, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::printers::{col, print_table, wide, Column, Row, TableOptions};
use crate::resources::{self, ResourceType};

pub const FLAGS: &[Flag] = &[
    bool_flag("all-namespaces", Some('A')),
    value_flag("output", Some('o')),
    value_flag("selector", Some('l')),
    value_flag("field-selector", None),
    value_flag("label-columns", Some('L')),
    bool_flag("show-labels", None),
    bool_flag("no-headers", None),
    bool_flag("watch", Some('w')),
    bool_flag("watch-only", None),
    value_flag("sort-by", None),
    value_flag("filename", Some('f')),
    bool_flag("ignore-not-found", None),
    bool_flag("show-kind", None),
];

const OUTPUT_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

pub fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    for unsupported in ["selector", "field-selector", "watch", "watch-only", "sort-by", "filename"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl get --{unsupported}\" yet"));
        }
    }
    let format = p.get("output").unwrap_or("");
    match format {
        "" | "wide" | "name" => {}
        f if OUTPUT_FORMATS.split(',').any(|k| f == k || f.starts_with(&format!("{k}="))) => {
            return out.error(format!("kubeplay does not support \"-o {f}\" yet"));
        }
        f => {
            return out.error(format!(
                "unable to match a printer suitable for the output format \"{f}\", allowed formats are: {OUTPUT_FORMATS}"
            ))
        }
    }
    let Some(first) = p.args.first() else {
        out.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
        return usage_error(
            out,
            "get",
            "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).",
        );
    };
    // `TYPE NAME...` or `TYPE/NAME`.
    let (typed, names): (&str, Vec<String>) = match first.split_once('/') {
        Some((t, n)) => (t, std::iter::once(n.to_string()).chain(p.args[1..].iter().cloned()).collect()),
        None => (first.as_str(), p.args[1..].to_vec()),
    };
    if typed.contains(',') {
        return out.error("kubeplay does not support listing several resource types at once yet");
    }
    let Some(rt) = resources::lookup(typed) else {
        return out.error(format!("the server doesn't have a resource type \"{typed}\""));
    };
    let opts = TableOptions {
        wide: format == "wide",
        no_headers: p.bool("no-headers"),
        show_labels: p.bool("show-labels"),
        label_columns: p.values.get("label-columns").into_iter().flatten().flat_map(|v| v.split(',')).filter(|s| !s.is_empty()).map(String::from).collect(),
        with_namespace: rt.namespaced && p.bool("all-namespaces"),
    };
    let Some((columns, mut rows)) = table_for(ctx.cluster, rt) else {
        return out.error(format!("kubeplay does not simulate {} yet", rt.plural));
    };
    let mut missing = Vec::new();
    if !names.is_empty() {
        let mut picked = Vec::new();
        for n in &names {
            match rows.iter().position(|r| &r.cells[0] == n) {
                Some(i) => picked.push(rows[i].clone()),
                None => missing.push(n.clone()),
            }
        }
        rows = picked;
    }
    if format == "name" {
        let prefix = if rt.group.is_empty() { rt.singular.to_string() } else { format!("{}.{}", rt.singular, rt.group) };
        for r in &rows {
            out.out(format!("{prefix}/{}\n", r.cells[0]));
        }
    } else if !rows.is_empty() {
        out.out(print_table(columns, &rows, &opts));
    }
    for n in &missing {
        if !p.bool("ignore-not-found") {
            out.err(format!("Error from server (NotFound): {} \"{n}\" not found\n", rt.qualified_plural()));
            out.status = 1;
        }
    }
    if rows.is_empty() && names.is_empty() {
        if rt.namespaced && !p.bool("all-namespaces") {
            out.err(format!("No resources found in {} namespace.\n", ctx.namespace));
        } else {
            out.err("No resources found\n");
        }
    }
}

/// The columns and rows of a resource type, or `None` for a kind the cluster does not simulate yet.
fn table_for(cluster: &Cluster, rt: &ResourceType) -> Option<(&'static [Column], Vec<Row>)> {
    match rt.kind {
        "Node" => Some((NODE_COLUMNS, cluster.store.nodes.iter().map(|n| node_row(cluster, n)).collect())),
        _ => None,
    }
}

const NODE_COLUMNS: &[Column] = &[
    col("NAME"),
    col("STATUS"),
    col("ROLES"),
    col("AGE"),
    col("VERSION"),
    wide("INTERNAL-IP"),
    wide("EXTERNAL-IP"),
    wide("OS-IMAGE"),
    wide("KERNEL-VERSION"),
    wide("CONTAINER-RUNTIME"),
];

/// `printNode`: STATUS from the Ready condition (`NotReady` for False and Unknown),
/// `,SchedulingDisabled` when cordoned; ROLES from `node-role.kubernetes.io/<role>` labels.
fn node_row(cluster: &Cluster, n: &Node) -> Row {
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
    let age = match n.metadata.creation_timestamp {
        Some(t) => human_duration(cluster.now() - t),
        None => "<unknown>".into(),
    };
    let or_none = |s: Option<&str>| s.filter(|s| !s.is_empty()).unwrap_or("<none>").to_string();
    let info = &n.status.node_info;
    Row {
        namespace: String::new(),
        cells: vec![
            n.metadata.name.clone(),
            status,
            if roles.is_empty() { "<none>".into() } else { roles.join(",") },
            age,
            info.kubelet_version.clone(),
            or_none(n.address("InternalIP")),
            or_none(n.address("ExternalIP")),
            or_none(Some(&info.os_image)),
            or_none(Some(&info.kernel_version)),
            or_none(Some(&info.container_runtime_version)),
        ],
        labels: n.metadata.labels.clone(),
    }
}
