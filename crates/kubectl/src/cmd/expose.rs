//! `kubectl expose TYPE NAME [--port] …`: a Service selecting what a pod, service, replication
//! controller, deployment or replica set selects.
//!
//! Sources (kubectl 1.31, read, not copied; outputs checked against a kubectl 1.31.9 binary):
//! `pkg/cmd/expose/expose.go` (`ExposeServiceFlags`, `RunExpose`, `createService`,
//! `parseLabels`, `parseProtocols`), `pkg/polymorphichelpers/canbeexposed.go` (`cannot expose a
//! Job.batch`), `mapbasedselectorforobject.go` (`the pod has no labels and cannot be exposed`,
//! `the service has no pod selector set`, `couldn't convert expressions - "%+v" to map-based
//! selector format`), `portsforobject.go`, `multiprotocolsforobject.go`, `helpers.go`
//! (`MakeLabels`), `intstr.Parse`, and cli-runtime's builder (`ContinueOnError`: every named
//! object is tried, the errors are printed after).
//!
//! As in kubectl 1.31, what `RunExpose` derives for the first object — the selector, the ports,
//! the protocols, the labels, the default name — is kept in its options and reused for the next
//! objects of the same command (`kubectl expose deploy a b` gives `b` the selector of `a`).
//!
//! Not modelled: `-f`/`-k`, `--overrides`, `--record`.

use std::collections::BTreeMap;

use cluster::api::{IntOrString, LabelSelector, ObjectMeta, PodSpec, Service, ServicePort, ServiceSpec};
use cluster::{Kind, Object};

use crate::cmd::create::{go_atoi, write};
use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::printflags::{self, DryRun, ObjectPrinter};
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::run::parse_labels;
use crate::cmd::{Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "expose", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("cluster-ip", None),
    value_flag("dry-run", None),
    value_flag("external-ip", None),
    value_flag("field-manager", None),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    value_flag("labels", Some('l')),
    value_flag("load-balancer-ip", None),
    value_flag("name", None),
    value_flag("override-type", None),
    value_flag("overrides", None),
    value_flag("port", None),
    value_flag("protocol", None),
    bool_flag("record", None),
    bool_flag("recursive", Some('R')),
    bool_flag("save-config", None),
    value_flag("selector", None),
    value_flag("session-affinity", None),
    value_flag("target-port", None),
    value_flag("type", None),
    // PrintFlags.
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
];

/// `ExposeServiceOptions`: the flags, and what `RunExpose` derives and keeps.
#[derive(Default)]
struct Options {
    selector: String,
    port: String,
    ports: String,
    protocol: String,
    protocols: BTreeMap<String, Vec<String>>,
    labels: String,
    name: String,
    default_name: String,
    target_port: String,
    external_ip: String,
    type_: String,
    load_balancer_ip: String,
    session_affinity: String,
    cluster_ip: String,
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    if p.values.contains_key("record") {
        out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    }
    let dry_run = match printflags::dry_run_strategy(p.get("dry-run")) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    let mut printer = match ObjectPrinter::new(p.get("output"), p.get("template"), "exposed", dry_run) {
        Ok(pr) => pr,
        Err(e) => return out.error(e),
    };
    for flag in ["filename", "kustomize", "overrides"] {
        if p.values.contains_key(flag) {
            return out.error(format!("kubeplay does not support \"kubectl expose --{flag}\" yet"));
        }
    }
    if p.bool("record") {
        return out.error("kubeplay does not support \"kubectl expose --record\" yet");
    }
    let get = |f: &str| p.get(f).unwrap_or("").to_string();
    let mut o = Options {
        selector: get("selector"),
        port: get("port"),
        protocol: get("protocol"),
        labels: get("labels"),
        name: get("name"),
        target_port: get("target-port"),
        external_ip: get("external-ip"),
        type_: get("type"),
        load_balancer_ip: get("load-balancer-ip"),
        session_affinity: get("session-affinity"),
        cluster_ip: get("cluster-ip"),
        ..Default::default()
    };
    let enforce_namespace = p.get("namespace").is_some();
    let namespace = ctx.namespace.clone();
    let (_, source) = resolve(&p.args, false, "", &namespace, false);
    let source = match source {
        Ok(s) => s,
        Err(e) => return print_errors(out, vec![e]),
    };
    let found = fetch(ctx.cluster, source, &namespace, "");
    let mut errs = Vec::new();
    for item in found.items {
        let obj = match item {
            Ok((_, obj)) => obj,
            Err(e) => {
                errs.push(e);
                continue;
            }
        };
        let service = match o.visit(&obj) {
            Ok(s) => s,
            Err(e) => {
                errs.push(CmdError::Plain(e));
                continue;
            }
        };
        let mut service: Object = service.into();
        let written = if dry_run == DryRun::Client {
            if enforce_namespace {
                service.meta_mut().namespace = namespace.clone();
            }
            service
        } else {
            if p.bool("save-config") {
                printflags::save_config(&mut service);
            }
            service.meta_mut().namespace = namespace.clone();
            match write(ctx, service, dry_run) {
                Ok(s) => s,
                Err(e) => {
                    errs.push(CmdError::Api(e));
                    continue;
                }
            }
        };
        if let Err(e) = printer.print(&written, out) {
            errs.push(CmdError::Plain(e));
        }
    }
    print_errors(out, errs);
}

impl Options {
    /// One object of `RunExpose`'s visitor: the Service it would expose, or the error.
    fn visit(&mut self, obj: &Object) -> Result<Service, String> {
        if !matches!(obj.kind(), Kind::Deployment | Kind::ReplicaSet | Kind::Service | Kind::Pod | Kind::ReplicationController) {
            let rt = obj.kind().resource();
            let gk = if rt.group.is_empty() { rt.kind.to_string() } else { format!("{}.{}", rt.kind, rt.group) };
            return Err(format!("cannot expose a {gk}"));
        }
        let name = &obj.meta().name;
        self.default_name = name.chars().take(63).collect();
        if self.selector.is_empty() {
            self.selector =
                selector_for(obj).map_err(|e| format!("couldn't retrieve selectors via --selector flag or introspection: {e}"))?;
        }
        if self.port.is_empty() {
            let ports = ports_for(obj);
            match ports.len() {
                0 if self.cluster_ip != "None" => return Err("couldn't find port via --port flag or introspection".into()),
                0 => {}
                1 => self.port = ports[0].clone(),
                _ => self.ports = ports.join(","),
            }
        }
        let protocols = protocols_for(obj);
        if !protocols.is_empty() {
            self.protocols = protocols;
        }
        if self.labels.is_empty() {
            self.labels = make_labels(&obj.meta().labels);
        }
        self.create_service()
    }

    /// `createService`.
    fn create_service(&self) -> Result<Service, String> {
        if self.selector.is_empty() {
            return Err("selector must be specified".into());
        }
        let selector = parse_labels(&self.selector)?;
        let labels = if self.labels.is_empty() { BTreeMap::new() } else { parse_labels(&self.labels)? };
        let name = if self.name.is_empty() { self.default_name.clone() } else { self.name.clone() };
        if name.is_empty() {
            return Err("name must be specified".into());
        }
        let port_string = if self.ports.is_empty() { &self.port } else { &self.ports };
        let mut ports = Vec::new();
        if !port_string.is_empty() {
            let specs: Vec<&str> = port_string.split(',').collect();
            for (i, spec) in specs.iter().enumerate() {
                let port = go_atoi(spec)? as i32;
                let name = if specs.len() > 1 { format!("port-{}", i + 1) } else { String::new() };
                let mut protocol = self.protocol.clone();
                if protocol.is_empty() {
                    protocol = "TCP".into();
                    if let Some(found) = self.protocols.get(*spec) {
                        if let [one] = found.as_slice() {
                            protocol = one.clone();
                        } else {
                            for p in found {
                                ports.push(ServicePort {
                                    name: format!("port-{}-{}", i + 1, p.to_lowercase()),
                                    port,
                                    protocol: p.clone(),
                                    ..Default::default()
                                });
                            }
                            continue;
                        }
                    }
                }
                ports.push(ServicePort { name, port, protocol, ..Default::default() });
            }
        }
        for p in &mut ports {
            p.target_port = Some(if self.target_port.is_empty() {
                IntOrString::Int(p.port)
            } else {
                match go_atoi(&self.target_port) {
                    Ok(n) => IntOrString::Int(n as i32),
                    Err(_) => IntOrString::String(self.target_port.clone()),
                }
            });
        }
        let mut spec = ServiceSpec { selector, ports, ..Default::default() };
        if !self.external_ip.is_empty() {
            spec.external_ips = vec![self.external_ip.clone()];
        }
        spec.type_ = self.type_.clone();
        if spec.type_ == "LoadBalancer" {
            spec.load_balancer_ip = self.load_balancer_ip.clone();
        }
        match self.session_affinity.as_str() {
            "" => {}
            a @ ("None" | "ClientIP") => spec.session_affinity = a.to_string(),
            other => return Err(format!("unknown session affinity: {other}")),
        }
        spec.cluster_ip = self.cluster_ip.clone();
        Ok(Service { metadata: ObjectMeta { name, labels, ..Default::default() }, spec, ..Default::default() })
    }
}

/// `MapBasedSelectorForObjectFn`.
fn selector_for(obj: &Object) -> Result<String, String> {
    let from_label_selector = |s: &Option<LabelSelector>| -> Result<String, String> {
        let s = s.clone().unwrap_or_default();
        if !s.match_expressions.is_empty() {
            let exprs: Vec<String> = s
                .match_expressions
                .iter()
                .map(|e| format!("{{Key:{} Operator:{} Values:[{}]}}", e.key, e.operator, e.values.join(" ")))
                .collect();
            return Err(format!("couldn't convert expressions - \"[{}]\" to map-based selector format", exprs.join(" ")));
        }
        Ok(make_labels(&s.match_labels))
    };
    match obj {
        Object::Pod(pod) if pod.metadata.labels.is_empty() => Err("the pod has no labels and cannot be exposed".into()),
        Object::Pod(pod) => Ok(make_labels(&pod.metadata.labels)),
        Object::Service(svc) if svc.spec.selector.is_empty() => Err("the service has no pod selector set".into()),
        Object::Service(svc) => Ok(make_labels(&svc.spec.selector)),
        Object::ReplicationController(rc) => Ok(make_labels(&rc.spec.selector)),
        Object::Deployment(d) => from_label_selector(&d.spec.selector),
        Object::ReplicaSet(rs) => from_label_selector(&rs.spec.selector),
        other => Err(format!("cannot extract pod selector from {}", other.kind().name())),
    }
}

/// `PortsForObjectFn`: the containers' ports, or a service's ports.
fn ports_for(obj: &Object) -> Vec<String> {
    match obj {
        Object::Service(svc) => svc.spec.ports.iter().map(|p| p.port.to_string()).collect(),
        other => pod_spec_of(other).map(|s| s.containers.iter().flat_map(|c| c.ports.iter().map(|p| p.container_port.to_string())).collect()).unwrap_or_default(),
    }
}

/// `MultiProtocolsForObjectFn`: each port's protocols (`TCP` when unset), without repeats.
fn protocols_for(obj: &Object) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut add = |port: i32, protocol: &str| {
        let protocol = if protocol.is_empty() { "TCP" } else { protocol };
        let list = out.entry(port.to_string()).or_default();
        if !list.iter().any(|p| p == protocol) {
            list.push(protocol.to_string());
        }
    };
    match obj {
        Object::Service(svc) => svc.spec.ports.iter().for_each(|p| add(p.port, &p.protocol)),
        other => {
            if let Some(spec) = pod_spec_of(other) {
                spec.containers.iter().flat_map(|c| &c.ports).for_each(|p| add(p.container_port, &p.protocol));
            }
        }
    }
    out
}

fn pod_spec_of(obj: &Object) -> Option<&PodSpec> {
    match obj {
        Object::Pod(p) => Some(&p.spec),
        Object::Deployment(d) => Some(&d.spec.template.spec),
        Object::ReplicaSet(rs) => Some(&rs.spec.template.spec),
        Object::ReplicationController(rc) => rc.spec.template.as_ref().map(|t| &t.spec),
        _ => None,
    }
}

/// `MakeLabels`: `k=v` joined with commas (Go ranges over a map; kubeplay sorts, which only
/// matters to the order the labels are parsed back in).
fn make_labels(labels: &BTreeMap<String, String>) -> String {
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}
