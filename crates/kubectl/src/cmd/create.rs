//! `kubectl create namespace|configmap|secret generic`: objects built from flags.

use std::collections::BTreeMap;

use cluster::api::{base64_encode, ConfigMap, Namespace, ObjectMeta, Secret};
use cluster::Object;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::{flag_error, resource_name, usage_error, Context, GLOBAL_FLAGS};
use crate::flags::{self, bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

/// `kubectl create` subcommands not modelled yet.
pub const NOT_YET: &[&str] = &[
    "clusterrole", "clusterrolebinding", "cronjob", "cj", "deployment", "deploy", "ingress", "ing", "job",
    "poddisruptionbudget", "pdb", "priorityclass", "pc", "quota", "resourcequota", "role", "rolebinding",
    "service", "svc", "serviceaccount", "sa", "token",
];

/// The subcommands built here, with the words that name them.
pub fn subcommand(word: &str) -> Option<&'static str> {
    match word {
        "namespace" | "ns" => Some("namespace"),
        "configmap" | "cm" => Some("configmap"),
        "secret" => Some("secret"),
        _ => None,
    }
}

const COMMON: &[Flag] = &[
    value_flag("dry-run", None),
    value_flag("output", Some('o')),
    value_flag("field-manager", None),
    bool_flag("save-config", None),
    value_flag("validate", None),
];

const DATA: &[Flag] = &[
    value_flag("from-literal", None),
    value_flag("from-file", None),
    value_flag("from-env-file", None),
    bool_flag("append-hash", None),
    value_flag("type", None),
];

/// Runs `kubectl create <sub> ARGS` (`args` without the subcommand word).
pub fn run(ctx: &mut Context, sub: &'static str, args: &[String], out: &mut Output) {
    let path = if sub == "secret" { "create secret generic".to_string() } else { format!("create {sub}") };
    let mut spec: Vec<Flag> = COMMON.iter().chain(GLOBAL_FLAGS).copied().collect();
    if sub != "namespace" {
        spec.extend_from_slice(DATA);
    }
    let p = match flags::parse(args, &spec) {
        Ok(p) => p,
        Err(e) => return flag_error(out, Some(&path), &e),
    };
    if p.bool("help") {
        return out.out(crate::cmd::help::for_command("create"));
    }
    for unsupported in ["dry-run", "output", "from-file", "from-env-file", "append-hash"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl {path} --{unsupported}\" yet"));
        }
    }
    let mut positional: Vec<&String> = p.args.iter().collect();
    if sub == "secret" {
        match positional.first().map(|s| s.as_str()) {
            Some("generic") => {
                positional.remove(0);
            }
            Some(kind @ ("docker-registry" | "tls")) => return out.error(format!("kubeplay does not support \"kubectl create secret {kind}\" yet")),
            _ => return out.out(crate::cmd::help::for_command("create")),
        }
    }
    if positional.len() != 1 {
        return usage_error(out, &path, &format!("exactly one NAME is required, got {}", positional.len()));
    }
    let name = positional[0].clone();
    if let Some(ns) = p.get("namespace") {
        ctx.namespace = ns.to_string();
    }
    let meta = ObjectMeta { name: name.clone(), namespace: ctx.namespace.clone(), ..Default::default() };
    let obj: Object = match sub {
        "namespace" => Namespace { metadata: ObjectMeta { name, ..Default::default() }, ..Default::default() }.into(),
        _ => {
            let kind_name = if sub == "secret" { "Secret" } else { "ConfigMap" };
            let data = match literals(&p, kind_name, &name) {
                Ok(d) => d,
                Err(e) => return out.error(e),
            };
            if sub == "secret" {
                Secret {
                    metadata: meta,
                    type_: p.get("type").unwrap_or("Opaque").to_string(),
                    data: data.into_iter().map(|(k, v)| (k, base64_encode(v.as_bytes()))).collect(),
                    ..Default::default()
                }
                .into()
            } else {
                ConfigMap { metadata: meta, data, ..Default::default() }.into()
            }
        }
    };
    let kind = obj.kind();
    match ctx.cluster.create(obj) {
        Ok(created) => out.out(format!("{}/{} created\n", resource_name(kind), created.meta().name)),
        Err(err) => print_errors(out, vec![CmdError::Api(err)]),
    }
    ctx.cluster.settle();
}

/// `--from-literal=key=value` pairs, with kubectl's errors.
fn literals(p: &Parsed, kind: &str, name: &str) -> Result<BTreeMap<String, String>, String> {
    let mut data = BTreeMap::new();
    for lit in p.values.get("from-literal").into_iter().flatten() {
        let Some((k, v)) = lit.split_once('=').filter(|(k, _)| !k.is_empty()) else {
            return Err(format!("invalid literal source {lit}, expected key=value"));
        };
        if data.insert(k.to_string(), v.to_string()).is_some() {
            return Err(format!("cannot add key {k}, another key by that name already exists in Data for {kind} \"{name}\""));
        }
    }
    Ok(data)
}
