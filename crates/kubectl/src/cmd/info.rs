//! Small commands about the cluster itself: `kubectl cluster-info`, `kubectl version`,
//! `kubectl api-versions`, `kubectl top pod|node`.
//!
//! Sources (kubectl 1.31, read, not copied; outputs checked against a kubectl 1.31.9 binary):
//! `pkg/cmd/clusterinfo/clusterinfo.go` (`Run`, `printService`), `pkg/cmd/version/version.go`
//! (`Validate`: `--output must be 'yaml' or 'json'`; `Run`: `yaml.Marshal` / `MarshalIndent`
//! with two spaces, each followed by a newline), `apimachinery/pkg/version.Info` (field order),
//! `pkg/cmd/apiresources/apiversions.go` (`sort.Strings` of every group version),
//! `pkg/cmd/top/top.go`, `top_pod.go`, `top_node.go` (`--sort-by accepts only cpu or memory`,
//! `Metrics API not available`).
//!
//! Deliberate differences:
//! - `cluster-info`: kubectl colours `Kubernetes control plane` green and the URL yellow with
//!   ANSI escapes, even when piped; kubeplay's terminals do not interpret ANSI, so the text is
//!   plain. The control plane's URL is the one the `kubernetes` Endpoints name
//!   (`https://172.18.0.2:6443`, the control-plane node's address): the address a kind cluster's
//!   API server has on its node network (`kind get kubeconfig --internal`). kind's host
//!   kubeconfig would show a forwarded `https://127.0.0.1:<random port>` instead.
//! - `version`: the client is kubectl v1.31.0 as released (gitCommit, buildDate, go1.22.5),
//!   the server the v1.31.0 kube-apiserver of a kind node.

use serde_json::Value;

use cluster::labels::Selector;
use cluster::{Kind, Object};

use crate::cmd::{flag_error, usage_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::resources::RESOURCE_TYPES;
use crate::yamlout;

pub const CLUSTER_INFO: Command = Command { name: "cluster-info", flags: &[], run: cluster_info };
pub const VERSION: Command = Command { name: "version", flags: &[value_flag("output", Some('o')), bool_flag("client", None)], run: version };
pub const API_VERSIONS: Command = Command { name: "api-versions", flags: &[], run: api_versions };
pub const TOP: Command = Command { name: "top", flags: TOP_FLAGS, run: top };

/// The control plane's address when the `kubernetes` Endpoints are missing.
const DEFAULT_SERVER: &str = "https://172.18.0.2:6443";

/// `kubectl cluster-info`.
fn cluster_info(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    if p.args.first().is_some_and(|a| a == "dump") {
        return out.error("kubeplay does not support \"kubectl cluster-info dump\" yet");
    }
    let host = server_url(ctx);
    let mut text = format!("Kubernetes control plane is running at {host}\n");
    // Services in kube-system labelled kubernetes.io/cluster-service=true, as the API lists them.
    for obj in ctx.cluster.list(Kind::Service, Some("kube-system")) {
        let Object::Service(svc) = obj else { continue };
        if svc.metadata.labels.get("kubernetes.io/cluster-service").map(String::as_str) != Some("true") {
            continue;
        }
        let link = match svc.status.load_balancer.ingress.first() {
            Some(ingress) => {
                let ip = if ingress.ip.is_empty() { &ingress.hostname } else { &ingress.ip };
                svc.spec.ports.iter().map(|port| format!("http://{ip}:{} ", port.port)).collect::<String>()
            }
            None => {
                let mut name = svc.metadata.name.clone();
                if let Some(port) = svc.spec.ports.first() {
                    let scheme = if port.name == "https" || port.port == 443 { "https" } else { "" };
                    // utilnet.JoinSchemeNamePort.
                    name = match (scheme.is_empty(), port.name.is_empty()) {
                        (true, true) => name,
                        (true, false) => format!("{name}:{}", port.name),
                        (false, _) => format!("{scheme}:{name}:{}", port.name),
                    };
                }
                format!("{host}/api/v1/namespaces/{}/services/{name}/proxy", svc.metadata.namespace)
            }
        };
        let title = svc.metadata.labels.get("kubernetes.io/name").cloned().unwrap_or_else(|| svc.metadata.name.clone());
        text.push_str(&format!("{title} is running at {link}\n"));
    }
    text.push_str("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    out.out(text);
}

/// `https://ADDRESS:PORT` of the `kubernetes` Endpoints in `default`.
fn server_url(ctx: &Context) -> String {
    let Ok(Object::Endpoints(ep)) = ctx.cluster.get(Kind::Endpoints, "default", "kubernetes") else {
        return DEFAULT_SERVER.to_string();
    };
    let Some(subset) = ep.subsets.first() else {
        return DEFAULT_SERVER.to_string();
    };
    match (subset.addresses.first(), subset.ports.first()) {
        (Some(a), Some(p)) => format!("https://{}:{}", a.ip, p.port),
        _ => DEFAULT_SERVER.to_string(),
    }
}

/// `kubectl version [--client] [-o yaml|json]`.
fn version(_: &mut Context, p: &Parsed, out: &mut Output) {
    let output = p.get("output").unwrap_or("");
    if !matches!(output, "" | "yaml" | "json") {
        return out.error("--output must be 'yaml' or 'json'");
    }
    let client = p.bool("client");
    let kubernetes = cluster::KUBERNETES_VERSION;
    if output.is_empty() {
        out.out(format!("Client Version: {kubernetes}\nKustomize Version: {KUSTOMIZE}\n"));
        if !client {
            out.out(format!("Server Version: {kubernetes}\n"));
        }
        return;
    }
    let mut infos = vec![("clientVersion", version_info(CLIENT_BUILD_DATE))];
    if !client {
        infos.push(("serverVersion", version_info(SERVER_BUILD_DATE)));
    }
    if output == "yaml" {
        let mut map = serde_json::Map::new();
        for (key, info) in &infos {
            map.insert(key.to_string(), Value::Object(info.iter().map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect()));
        }
        map.insert("kustomizeVersion".into(), Value::String(KUSTOMIZE.into()));
        out.out(format!("{}\n", yamlout::to_yaml(&Value::Object(map))));
    } else {
        // `MarshalIndent(v, "", "  ")`: the struct's field order, a newline after.
        let mut parts = vec![format!("  \"clientVersion\": {}", info_json(&infos[0].1))];
        parts.push(format!("  \"kustomizeVersion\": \"{KUSTOMIZE}\""));
        if let Some((_, server)) = infos.get(1) {
            parts.push(format!("  \"serverVersion\": {}", info_json(server)));
        }
        out.out(format!("{{\n{}\n}}\n", parts.join(",\n")));
    }
}

const KUSTOMIZE: &str = "v5.4.2";
/// kubectl v1.31.0's release build.
const CLIENT_BUILD_DATE: &str = "2024-08-13T07:37:34Z";
/// kube-apiserver v1.31.0's release build.
const SERVER_BUILD_DATE: &str = "2024-08-13T07:28:49Z";
/// The v1.31.0 tag.
const GIT_COMMIT: &str = "9edcffcde5595e8a5b1a35f88c421764e575afce";

/// `version.Info`'s fields in declaration order.
fn version_info(build_date: &str) -> Vec<(&'static str, String)> {
    let version = cluster::KUBERNETES_VERSION;
    let minor = version.trim_start_matches('v').split('.').nth(1).unwrap_or("").to_string();
    vec![
        ("major", "1".to_string()),
        ("minor", minor),
        ("gitVersion", version.to_string()),
        ("gitCommit", GIT_COMMIT.to_string()),
        ("gitTreeState", "clean".to_string()),
        ("buildDate", build_date.to_string()),
        ("goVersion", "go1.22.5".to_string()),
        ("compiler", "gc".to_string()),
        ("platform", "linux/amd64".to_string()),
    ]
}

/// A `version.Info` as a JSON object one level in (two-space indentation).
fn info_json(info: &[(&str, String)]) -> String {
    let lines: Vec<String> = info.iter().map(|(k, v)| format!("    \"{k}\": {}", Value::String(v.clone()))).collect();
    format!("{{\n{}\n  }}", lines.join(",\n"))
}

/// `kubectl api-versions`: every group version the server serves, sorted as strings.
fn api_versions(_: &mut Context, p: &Parsed, out: &mut Output) {
    if !p.args.is_empty() {
        return usage_error(out, "api-versions", &format!("unexpected arguments: [{}]", p.args.join(" ")));
    }
    let mut versions: Vec<String> = RESOURCE_TYPES.iter().map(|r| r.api_version()).collect();
    versions.sort();
    versions.dedup();
    out.out(versions.iter().map(|v| format!("{v}\n")).collect::<String>());
}

const TOP_FLAGS: &[Flag] = &[
    bool_flag("all-namespaces", Some('A')),
    bool_flag("containers", None),
    value_flag("field-selector", None),
    bool_flag("no-headers", None),
    value_flag("selector", Some('l')),
    bool_flag("show-capacity", None),
    value_flag("sort-by", None),
    bool_flag("sum", None),
    bool_flag("use-protocol-buffers", None),
];

/// Flags only `top pod` has.
const TOP_POD_ONLY: &[&str] = &["all-namespaces", "containers", "field-selector", "sum"];

/// `kubectl top pod|node`: there is no metrics API in kubeplay's cluster (no metrics-server).
fn top(_: &mut Context, p: &Parsed, out: &mut Output) {
    let Some(sub) = p.args.first() else {
        // cobra's DefaultSubCommandRun: the help on stderr, and a failure.
        out.err(crate::cmd::help::TOP);
        out.status = 1;
        return;
    };
    let sub = match sub.as_str() {
        "pod" | "pods" | "po" => "pod",
        "node" | "nodes" | "no" => "node",
        other => return usage_error(out, "top", &format!("unknown command {}", cluster::validation::go_quote(other))),
    };
    if sub == "node" {
        if let Some(flag) = TOP_POD_ONLY.iter().find(|f| p.values.contains_key(**f)) {
            return flag_error(out, Some("top node"), &format!("unknown flag: --{flag}"));
        }
    } else if p.values.contains_key("show-capacity") {
        return flag_error(out, Some("top pod"), "unknown flag: --show-capacity");
    }
    if p.get("sort-by").is_some_and(|s| !s.is_empty() && s != "cpu" && s != "memory") {
        return out.error("--sort-by accepts only cpu or memory");
    }
    if let Some(Err(e)) = p.get("selector").map(Selector::parse) {
        return out.error(e);
    }
    out.error("Metrics API not available");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_json_keeps_field_order() {
        let v = info_json(&version_info("d"));
        assert!(v.starts_with("{\n    \"major\": \"1\",\n    \"minor\": \"31\",\n    \"gitVersion\": \"v1.31.0\","), "{v}");
        assert!(v.ends_with("\"platform\": \"linux/amd64\"\n  }"), "{v}");
    }
}
