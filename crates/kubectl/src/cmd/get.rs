//! `kubectl get`.

use cluster::Kind;

use crate::cmd::{resource_name, usage_error, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::printers::{print_table, TableOptions};
use crate::{resources, tables, yamlout};

pub const COMMAND: crate::cmd::Command = crate::cmd::Command { name: "get", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
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
    for unsupported in ["field-selector", "watch", "watch-only", "sort-by", "filename"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl get --{unsupported}\" yet"));
        }
    }
    let format = p.get("output").unwrap_or("");
    match format {
        "" | "wide" | "name" | "yaml" | "json" => {}
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
    let Some(kind) = resources::lookup(typed).and_then(|rt| Kind::from_name(rt.kind)) else {
        return out.error(format!("the server doesn't have a resource type \"{typed}\""));
    };
    let selector = match p.get("selector").map(cluster::labels::Selector::parse) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            out.err(format!("{}\n", cluster::labels::list_selector_error(&kind.resource().gvr(), p.get("selector").unwrap_or(""), "", &e)));
            out.status = 1;
            return;
        }
    };
    let all_ns = p.bool("all-namespaces") && names.is_empty();
    let ns_filter = if all_ns || !kind.namespaced() { None } else { Some(ctx.namespace.as_str()) };
    let mut objects = Vec::new();
    let mut missing = Vec::new();
    if names.is_empty() {
        objects = ctx.cluster.list(kind, ns_filter);
        if let Some(sel) = &selector {
            objects.retain(|o| sel.matches(&o.meta().labels));
        }
    } else {
        for n in &names {
            match ctx.cluster.get(kind, &ctx.namespace, n) {
                Ok(o) => objects.push(o),
                Err(e) => missing.push(e),
            }
        }
    }
    match format {
        "yaml" | "json" => {
            let mut values: Vec<serde_json::Value> = objects.iter().map(|o| o.to_value()).collect();
            let single = names.len() == 1 && values.len() == 1;
            let text = match (format, single) {
                ("yaml", true) => yamlout::to_yaml(&values.remove(0)),
                ("json", true) => yamlout::to_json(&values.remove(0)),
                ("yaml", false) if !values.is_empty() || missing.is_empty() => yamlout::list_to_yaml(values),
                ("json", false) if !values.is_empty() || missing.is_empty() => yamlout::list_to_json(values),
                _ => String::new(),
            };
            out.out(text);
        }
        "name" => {
            for o in &objects {
                out.out(format!("{}/{}\n", resource_name(kind), o.meta().name));
            }
        }
        _ if !objects.is_empty() => {
            let opts = TableOptions {
                wide: format == "wide",
                no_headers: p.bool("no-headers"),
                show_labels: p.bool("show-labels"),
                label_columns: p.values.get("label-columns").into_iter().flatten().flat_map(|v| v.split(',')).filter(|s| !s.is_empty()).map(String::from).collect(),
                with_namespace: kind.namespaced() && all_ns,
            };
            let rows: Vec<_> = objects.iter().map(|o| tables::row(ctx.cluster, o)).collect();
            out.out(print_table(tables::columns(kind), &rows, &opts));
        }
        _ => {}
    }
    for e in &missing {
        if !p.bool("ignore-not-found") {
            out.err(format!("Error from server ({}): {e}\n", e.reason()));
            out.status = 1;
        }
    }
    if objects.is_empty() && names.is_empty() && !matches!(format, "yaml" | "json") {
        match ns_filter {
            Some(ns) => out.err(format!("No resources found in {ns} namespace.\n")),
            None => out.err("No resources found\n"),
        }
    }
}
