//! `kubectl run NAME --image=IMAGE`: one pod built from flags (and with `--expose`, a ClusterIP
//! service in front of it).
//!
//! Sources (kubectl 1.31, read, not copied; outputs checked against a kubectl 1.31.9 binary):
//! `pkg/cmd/run/run.go` (`addRunFlags`, `Complete`: `-i` implies `--attach` unless `--attach`
//! is given; `Run`'s checks in order; `generateService`, which prints the service first and an
//! extra `---` for `-o yaml`; `createGeneratedObject`), `pkg/generate/versioned/run.go`
//! (`BasicPod`: labels `run=NAME` by default, container named after the pod, `dnsPolicy:
//! ClusterFirst`, restart policy, args or `--command`, env, port, privileged, annotations),
//! `pkg/generate/versioned/service.go` (`ServiceGeneratorV2`), `generate.ParseLabels`,
//! `cmdutil.ParsePairs`, and `github.com/distribution/reference`'s `ReferenceRegexp` (image
//! names). Parameter errors come in kubectl's order: env, annotations, labels, port.
//!
//! Not modelled: attaching (`--attach`, or `-i`, which implies it; so `--rm` too) — kubeplay has
//! no attach or exec yet, so such a run is refused after kubectl's own checks and before anything
//! is created; `--overrides`; `--record` (its change-cause needs the command line as typed).

use std::collections::BTreeMap;

use cluster::api::{Container, ContainerPort, EnvVar, IntOrString, ObjectMeta, Pod, PodSpec, SecurityContext, Service, ServicePort, ServiceSpec};
use cluster::validation::go_quote;
use cluster::Object;

use crate::cmd::create::{go_atoi, is_env_var_name, write};
use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::printflags::{self, DryRun, ObjectPrinter};
use crate::cmd::{usage_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "run", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("annotations", None),
    bool_flag("attach", None),
    value_flag("cascade", None),
    bool_flag("command", None),
    value_flag("dry-run", None),
    value_flag("env", None),
    bool_flag("expose", None),
    value_flag("field-manager", None),
    value_flag("filename", Some('f')),
    bool_flag("force", None),
    value_flag("grace-period", None),
    value_flag("image", None),
    value_flag("image-pull-policy", None),
    value_flag("kustomize", Some('k')),
    value_flag("labels", Some('l')),
    bool_flag("leave-stdin-open", None),
    value_flag("override-type", None),
    value_flag("overrides", None),
    value_flag("pod-running-timeout", None),
    value_flag("port", None),
    bool_flag("privileged", None),
    bool_flag("quiet", Some('q')),
    bool_flag("record", None),
    bool_flag("recursive", Some('R')),
    value_flag("restart", None),
    bool_flag("rm", None),
    bool_flag("save-config", None),
    bool_flag("stdin", Some('i')),
    value_flag("timeout", None),
    bool_flag("tty", Some('t')),
    bool_flag("wait", None),
    // PrintFlags.
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
];

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    // pflag's typed flags reject bad values while parsing.
    for flag in ["pod-running-timeout", "timeout"] {
        if let Some(v) = p.get(flag) {
            if let Err(e) = cluster::time::parse_go_duration(v) {
                return crate::cmd::flag_error(out, Some("run"), &format!("invalid argument {} for \"--{flag}\" flag: {e}", go_quote(v)));
            }
        }
    }
    if let Some(v) = p.get("grace-period") {
        if let Err(e) = crate::cmd::create::parse_int(v, 64) {
            return crate::cmd::flag_error(out, Some("run"), &format!("invalid argument {} for \"--grace-period\" flag: {e}", go_quote(v)));
        }
    }
    if p.values.contains_key("record") {
        out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    }
    // cobra's MarkFlagRequired.
    if !p.values.contains_key("image") {
        return out.error("required flag(s) \"image\" not set");
    }
    // Complete.
    let dry_run = match printflags::dry_run_strategy(p.get("dry-run")) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    let interactive = p.bool("stdin");
    let attach = if p.values.contains_key("attach") { p.bool("attach") } else { interactive };
    let mut printer = match ObjectPrinter::new(p.get("output"), p.get("template"), "created", dry_run) {
        Ok(pr) => pr,
        Err(e) => return out.error(e),
    };
    // Run's checks.
    let mut words: Vec<String> = p.args.clone();
    words.extend(p.after_dashdash.iter().flatten().cloned());
    if words.is_empty() {
        return usage_error(out, "run", "NAME is required for run");
    }
    if p.get("pod-running-timeout").and_then(|t| cluster::time::parse_go_duration(t).ok()).is_some_and(|d| d.0 <= 0) {
        return usage_error(out, "run", "--pod-running-timeout must be higher than zero");
    }
    let image = p.get("image").unwrap_or("");
    if image.is_empty() {
        return out.error("--image is required");
    }
    if !is_image_reference(image) {
        return out.error(format!("Invalid image name {}: invalid reference format", go_quote(image)));
    }
    if p.bool("tty") && !interactive {
        return usage_error(out, "run", "-i/--stdin is required for containers with -t/--tty=true");
    }
    let port = p.get("port").unwrap_or("");
    if p.bool("expose") && port.is_empty() {
        return usage_error(out, "run", "--port must be set when exposing a service");
    }
    let restart = p.get("restart").unwrap_or("Always");
    let restart_policy = match restart {
        "" if interactive => "OnFailure",
        "" => "Always",
        r @ ("Always" | "OnFailure" | "Never") => r,
        other => return usage_error(out, "run", &format!("invalid restart policy: {other}")),
    };
    if !attach && p.bool("rm") {
        return usage_error(out, "run", "--rm should only be used for attached containers");
    }
    if attach && dry_run != DryRun::None {
        return usage_error(out, "run", "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    let pull_policy = p.get("image-pull-policy").unwrap_or("");
    if !matches!(pull_policy, "" | "Always" | "IfNotPresent" | "Never") {
        return usage_error(out, "run", &format!("invalid image pull policy: {pull_policy}"));
    }
    for flag in ["overrides", "record"] {
        if p.values.contains_key(flag) && p.get(flag) != Some("") && p.get(flag) != Some("false") {
            return out.error(format!("kubeplay does not support \"kubectl run --{flag}\" yet"));
        }
    }
    if attach {
        return out.error("kubeplay does not support attaching to a container yet (\"kubectl run\" with --attach, -i/--stdin or -t/--tty)");
    }
    let name = words.remove(0);
    let pod = match generate_pod(p, &name, image, restart_policy, pull_policy, words) {
        Ok(pod) => pod,
        Err(e) => return out.error(e),
    };
    let enforce_namespace = p.get("namespace").is_some();
    let namespace = ctx.namespace.clone();
    // The pod is created first; with --expose the service follows and is printed before it.
    let pod = match create(ctx, pod, dry_run, enforce_namespace, p.bool("save-config"), &namespace) {
        Ok(pod) => pod,
        Err(e) => return print_errors(out, vec![CmdError::Api(e)]),
    };
    let mut errs = Vec::new();
    if p.bool("expose") {
        let svc = generate_service(p, &name, port).map_err(CmdError::Plain);
        match svc.and_then(|svc| create(ctx, svc, dry_run, enforce_namespace, p.bool("save-config"), &namespace).map_err(CmdError::Api)) {
            Ok(svc) => {
                if let Err(e) = printer.print(&svc, out) {
                    return print_errors(out, vec![CmdError::Plain(e)]);
                }
                // generateService compares the flag's value itself.
                if p.get("output") == Some("yaml") {
                    out.out("---\n");
                }
            }
            Err(e) => errs.push(e),
        }
    }
    if let Err(e) = printer.print(&pod, out) {
        return print_errors(out, vec![CmdError::Plain(e)]);
    }
    print_errors(out, errs);
}

/// `createGeneratedObject`: the object as the server stores it, or for a client dry run as
/// built (with `-n`'s namespace).
fn create(ctx: &mut Context, mut obj: Object, dry_run: DryRun, enforce: bool, save_config: bool, namespace: &str) -> Result<Object, cluster::ApiError> {
    if dry_run == DryRun::Client {
        if enforce {
            obj.meta_mut().namespace = namespace.to_string();
        }
        return Ok(obj);
    }
    if save_config {
        printflags::save_config(&mut obj);
    }
    obj.meta_mut().namespace = namespace.to_string();
    write(ctx, obj, dry_run)
}

/// `BasicPod.Generate`.
fn generate_pod(p: &Parsed, name: &str, image: &str, restart: &str, pull_policy: &str, args: Vec<String>) -> Result<Object, String> {
    let mut env = Vec::new();
    for e in p.values.get("env").into_iter().flatten() {
        match e.split_once('=') {
            Some((k, v)) if !k.is_empty() && is_env_var_name(k) => env.push(EnvVar { name: k.into(), value: v.into(), ..Default::default() }),
            _ => return Err(format!("invalid env: {e}")),
        }
    }
    let annotations = parse_pairs(p.values.get("annotations").map(Vec::as_slice).unwrap_or_default(), "annotations")?;
    let labels = match p.get("labels").filter(|l| !l.is_empty()) {
        Some(spec) => parse_labels(spec)?,
        None => [("run".to_string(), name.to_string())].into(),
    };
    let mut container = Container {
        name: name.to_string(),
        image: image.to_string(),
        stdin: p.bool("stdin"),
        stdin_once: p.bool("stdin") && !p.bool("leave-stdin-open"),
        tty: p.bool("tty"),
        env,
        image_pull_policy: pull_policy.to_string(),
        ..Default::default()
    };
    if !args.is_empty() {
        if p.bool("command") {
            container.command = args;
        } else {
            container.args = args;
        }
    }
    if let Some(port) = p.get("port").filter(|v| !v.is_empty()) {
        let port = go_atoi(port)?;
        container.ports = vec![ContainerPort { container_port: port as i32, ..Default::default() }];
    }
    if p.bool("privileged") {
        container.security_context = Some(SecurityContext { privileged: Some(true), ..Default::default() });
    }
    Ok(Pod {
        metadata: ObjectMeta { name: name.to_string(), labels, annotations, ..Default::default() },
        spec: PodSpec { containers: vec![container], dns_policy: "ClusterFirst".into(), restart_policy: restart.to_string(), ..Default::default() },
        ..Default::default()
    }
    .into())
}

/// `generateService`: `ServiceGeneratorV2` with the pod's name, `--labels` (also as the
/// selector, else `run=NAME`) and `--port`.
fn generate_service(p: &Parsed, name: &str, port: &str) -> Result<Object, String> {
    let label_spec = p.get("labels").unwrap_or("");
    let selector = if label_spec.is_empty() { parse_labels(&format!("run={name}"))? } else { parse_labels(label_spec)? };
    let labels = if label_spec.is_empty() { BTreeMap::new() } else { parse_labels(label_spec)? };
    let specs: Vec<&str> = port.split(',').collect();
    let mut ports = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let n = go_atoi(s)? as i32;
        ports.push(ServicePort {
            name: if specs.len() > 1 { format!("port-{}", i + 1) } else { String::new() },
            port: n,
            protocol: "TCP".into(),
            target_port: Some(IntOrString::Int(n)),
            ..Default::default()
        });
    }
    Ok(Service {
        metadata: ObjectMeta { name: name.to_string(), labels, ..Default::default() },
        spec: ServiceSpec { selector, ports, ..Default::default() },
        ..Default::default()
    }
    .into())
}

/// `generate.ParseLabels`: `k=v,k2=v2`.
pub(crate) fn parse_labels(spec: &str) -> Result<BTreeMap<String, String>, String> {
    if spec.is_empty() {
        return Err("no label spec passed".into());
    }
    let mut labels = BTreeMap::new();
    for part in spec.split(',') {
        let kv: Vec<&str> = part.split('=').collect();
        let [k, v] = kv.as_slice() else {
            return Err(format!("unexpected label spec: {part}"));
        };
        if k.is_empty() {
            return Err("unexpected empty label key".into());
        }
        labels.insert(k.to_string(), v.to_string());
    }
    Ok(labels)
}

/// `cmdutil.ParsePairs(pairs, kind, false)`: `key=value`, the value after the first `=`.
fn parse_pairs(pairs: &[String], kind: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let mut invalid = Vec::new();
    for pair in pairs {
        match pair.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                out.insert(k.to_string(), v.to_string());
            }
            _ => invalid.push(pair.as_str()),
        }
    }
    if !invalid.is_empty() {
        return Err(format!("invalid {kind} format: {}", invalid.join(", ")));
    }
    Ok(out)
}

/// `reference.ReferenceRegexp`: `[domain/]path[:tag][@digest]`, anchored.
pub(crate) fn is_image_reference(s: &str) -> bool {
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if digest.is_some_and(|d| !is_digest(d)) {
        return false;
    }
    // A tag is what follows the last ':' after the last '/'.
    let last_slash = rest.rfind('/');
    let (name, tag) = match rest.rfind(':') {
        Some(i) if last_slash.is_none_or(|j| i > j) => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) {
        return false;
    }
    let parts: Vec<&str> = name.split('/').collect();
    let (first, others) = parts.split_first().unwrap_or((&"", &[]));
    let first_ok = is_path_component(first) || (parts.len() > 1 && is_domain(first));
    first_ok && others.iter().all(|c| is_path_component(c))
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
fn is_path_component(s: &str) -> bool {
    let b = s.as_bytes();
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &s[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|c| c == b'-')) {
            return false;
        }
    }
    true
}

/// `domainComponent(\.domainComponent)*(:[0-9]+)?`.
fn is_domain(s: &str) -> bool {
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (s, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit())) {
        return false;
    }
    host.split('.').all(|c| {
        let b = c.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
    })
}

/// `[\w][\w.-]{0,127}`.
fn is_tag(s: &str) -> bool {
    let b = s.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    !b.is_empty() && b.len() <= 128 && word(b[0]) && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}`.
fn is_digest(s: &str) -> bool {
    let Some((alg, hex)) = s.split_once(':') else {
        return false;
    };
    if hex.len() < 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return false;
    }
    alg.split(['-', '_', '+', '.']).all(|c| {
        let b = c.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|x| x.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        for ok in [
            "nginx",
            "nginx:1.25",
            "library/nginx:latest",
            "registry.k8s.io/pause:3.9",
            "localhost:5000/a/b-c__d.e:v1",
            "gcr.io/x/y@sha256:0123456789abcdef0123456789abcdef",
            "a---b",
            "Registry.Example.com/app",
        ] {
            assert!(is_image_reference(ok), "{ok}");
        }
        for bad in ["", "UPPER", "nginx:", ":tag", "a//b", "-a", "a-", "nginx@sha256:12", "a:b:c", "a b", "a/B"] {
            assert!(!is_image_reference(bad), "{bad}");
        }
    }

    #[test]
    fn labels_and_pairs() {
        assert_eq!(parse_labels("a=b,c=d").unwrap().len(), 2);
        assert_eq!(parse_labels(",a=b").unwrap_err(), "unexpected label spec: ");
        assert_eq!(parse_labels("=b").unwrap_err(), "unexpected empty label key");
        let pairs: Vec<String> = ["a=b=c", "=x", "y"].iter().map(|s| s.to_string()).collect();
        assert_eq!(parse_pairs(&pairs, "annotations").unwrap_err(), "invalid annotations format: =x, y");
    }
}
