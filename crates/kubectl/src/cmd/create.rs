//! `kubectl create <subcommand>`: objects built from flags — namespace, configmap, secret
//! generic, deployment, job (also `--from=cronjob/NAME`), cronjob, service
//! (clusterip|nodeport|loadbalancer|externalname) and serviceaccount — with `--dry-run`,
//! `-o`/PrintFlags and `--save-config`. Not modelled: `--append-hash`, `secret docker-registry|tls`,
//! and the other subcommands in [`NOT_YET`].
//!
//! Sources (kubectl 1.31, read, not copied; outputs checked against a kubectl 1.31.9 binary):
//! `pkg/cmd/create/create.go` (`NameFromCommandArgs`), `create_namespace.go`,
//! `create_configmap.go` (`handleConfigMapFrom{File,Literal,EnvFile}Sources`,
//! `validateNewConfigMap`), `create_secret.go`, `create_deployment.go` (`buildPodSpec`,
//! `sanitizeAndUniquify`), `create_job.go` (`createJobFromCronJob`), `create_cronjob.go`,
//! `create_service.go` (`parsePorts`), `create_serviceaccount.go`, `pkg/util/...`
//! `ParseLiteralSource`/`ParseFileSource`, `cmdutil.AddFromEnvFile`, `k8s.io/utils/net.ParsePort`,
//! and cobra's required-flag check (`required flag(s) "image" not set`, printed by `CheckErr`).
//!
//! Errors of the create call: namespace returns the API error as is (`Error from server
//! (AlreadyExists): …`); the others wrap its message (`failed to create deployment: …`;
//! `failed to create secret` has no colon; services say `failed to create ClusterIP service: …`).

use std::collections::BTreeMap;

use cluster::api::{
    base64_encode, ConfigMap, Container, ContainerPort, CronJob, CronJobSpec, Deployment, DeploymentSpec, IntOrString, Job, JobSpec,
    JobTemplateSpec, LabelSelector, Namespace, ObjectMeta, OwnerReference, PodSpec, PodTemplateSpec, Secret, Service, ServiceAccount,
    ServicePort, ServiceSpec,
};
use cluster::rng::Rng;
use cluster::validation::{go_quote, inclusive_range_error, invalid_status_message, is_dns1123_subdomain, max_len_error};
use cluster::{ApiError, Kind, Object};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::printflags::{self, DryRun, ObjectPrinter, PRINT_FLAGS};
use crate::cmd::resource::{fetch, resolve};
use crate::cmd::{flag_error, usage_error, Context, GLOBAL_FLAGS};
use crate::flags::{self, bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

/// `kubectl create` subcommands not modelled yet.
pub const NOT_YET: &[&str] = &[
    "clusterrole", "clusterrolebinding", "ingress", "ing", "poddisruptionbudget", "pdb", "priorityclass", "pc", "quota",
    "resourcequota", "role", "rolebinding", "token",
];

/// The subcommands built here, with the words that name them.
pub fn subcommand(word: &str) -> Option<&'static str> {
    match word {
        "namespace" | "ns" => Some("namespace"),
        "configmap" | "cm" => Some("configmap"),
        "secret" => Some("secret"),
        "deployment" | "deploy" => Some("deployment"),
        "job" => Some("job"),
        "cronjob" | "cj" => Some("cronjob"),
        "service" | "svc" => Some("service"),
        "serviceaccount" | "sa" => Some("serviceaccount"),
        _ => None,
    }
}

/// Flags every `create` subcommand has (besides PrintFlags and the global ones).
const COMMON: &[Flag] = &[
    value_flag("dry-run", None),
    value_flag("field-manager", None),
    bool_flag("save-config", None),
    value_flag("validate", None),
];

const DATA: &[Flag] = &[
    value_flag("from-literal", None),
    value_flag("from-file", None),
    value_flag("from-env-file", None),
    bool_flag("append-hash", None),
];
const SECRET: &[Flag] = &[value_flag("type", None)];
const DEPLOYMENT: &[Flag] = &[value_flag("image", None), value_flag("port", None), value_flag("replicas", Some('r'))];
const JOB: &[Flag] = &[value_flag("image", None), value_flag("from", None)];
const CRONJOB: &[Flag] = &[value_flag("image", None), value_flag("schedule", None), value_flag("restart", None)];
const SERVICE_CLUSTERIP: &[Flag] = &[value_flag("tcp", None), value_flag("clusterip", None)];
const SERVICE_NODEPORT: &[Flag] = &[value_flag("tcp", None), value_flag("node-port", None)];
const SERVICE_LOADBALANCER: &[Flag] = &[value_flag("tcp", None)];
const SERVICE_EXTERNALNAME: &[Flag] = &[value_flag("tcp", None), value_flag("external-name", None)];

/// What is being created.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Namespace,
    ConfigMap,
    Secret,
    Deployment,
    Job,
    CronJob,
    Service(&'static str),
    ServiceAccount,
}

impl What {
    /// The subcommand's own flags.
    fn flags(self) -> Vec<Flag> {
        let own: &[&[Flag]] = match self {
            What::Namespace | What::ServiceAccount => &[],
            What::ConfigMap => &[DATA],
            What::Secret => &[DATA, SECRET],
            What::Deployment => &[DEPLOYMENT],
            What::Job => &[JOB],
            What::CronJob => &[CRONJOB],
            What::Service("ClusterIP") => &[SERVICE_CLUSTERIP],
            What::Service("NodePort") => &[SERVICE_NODEPORT],
            What::Service("LoadBalancer") => &[SERVICE_LOADBALANCER],
            What::Service(_) => &[SERVICE_EXTERNALNAME],
        };
        own.iter().flat_map(|f| f.iter()).chain(COMMON).chain(PRINT_FLAGS).chain(GLOBAL_FLAGS).copied().collect()
    }

    /// Flags cobra requires (`MarkFlagRequired`), in pflag's sorted order.
    fn required(self) -> &'static [&'static str] {
        match self {
            What::Deployment => &["image"],
            What::CronJob => &["image", "schedule"],
            What::Service("ExternalName") => &["external-name"],
            _ => &[],
        }
    }
}

/// Runs `kubectl create <sub> ARGS` (`args` without the subcommand word).
pub fn run(ctx: &mut Context, sub: &'static str, args: &[String], out: &mut Output) {
    let args = printflags::bare_dry_run(args.to_vec());
    let (what, path, args) = match sub {
        "namespace" => (What::Namespace, "create namespace".to_string(), args),
        "configmap" => (What::ConfigMap, "create configmap".to_string(), args),
        "deployment" => (What::Deployment, "create deployment".to_string(), args),
        "job" => (What::Job, "create job".to_string(), args),
        "cronjob" => (What::CronJob, "create cronjob".to_string(), args),
        "serviceaccount" => (What::ServiceAccount, "create serviceaccount".to_string(), args),
        "secret" | "service" => {
            let kinds: &[(&str, What)] = if sub == "secret" {
                &[("generic", What::Secret)]
            } else {
                &[
                    ("clusterip", What::Service("ClusterIP")),
                    ("nodeport", What::Service("NodePort")),
                    ("loadbalancer", What::Service("LoadBalancer")),
                    ("externalname", What::Service("ExternalName")),
                ]
            };
            // Like cobra, find the next subcommand word among the arguments.
            let all: Vec<Flag> = kinds.iter().flat_map(|(_, w)| w.flags()).collect();
            let p = match flags::parse(&args, &all) {
                Ok(p) => p,
                Err(e) => return flag_error(out, Some(&format!("create {sub}")), &e),
            };
            let Some(word) = p.args.first().cloned() else {
                if p.bool("help") {
                    return out.out(group_help(sub));
                }
                // cobra's DefaultSubCommandRun: the help on stderr, and a failure.
                out.err(group_help(sub));
                out.status = 1;
                return;
            };
            let Some(&(name, what)) = kinds.iter().find(|(n, _)| *n == word) else {
                if sub == "secret" && matches!(word.as_str(), "docker-registry" | "tls") {
                    return out.error(format!("kubeplay does not support \"kubectl create secret {word}\" yet"));
                }
                return usage_error(out, &format!("create {sub}"), &format!("unknown command {}", go_quote(&word)));
            };
            let at = position_of_word(&args, &word, &all).unwrap_or(0);
            let rest: Vec<String> = args[..at].iter().chain(&args[at + 1..]).cloned().collect();
            (what, format!("create {sub} {name}"), rest)
        }
        _ => return out.error(format!("kubeplay does not support \"kubectl create {sub}\" yet")),
    };
    let spec = what.flags();
    let p = match flags::parse(&args, &spec) {
        Ok(p) => p,
        Err(e) => return flag_error(out, Some(&path), &e),
    };
    if p.bool("help") {
        return out.out(crate::cmd::help::for_command("create"));
    }
    // pflag's typed flags reject bad numbers while parsing.
    let ints: &[(&str, Option<char>, u32)] = &[("replicas", Some('r'), 32), ("port", None, 32), ("node-port", None, 64)];
    for &(name, short, bits) in ints {
        if let Some(v) = p.get(name) {
            if let Err(e) = parse_int(v, bits) {
                let flag = match short {
                    Some(c) => format!("-{c}, --{name}"),
                    None => format!("--{name}"),
                };
                return flag_error(out, Some(&path), &format!("invalid argument {} for \"{flag}\" flag: {e}", go_quote(v)));
            }
        }
    }
    let missing: Vec<&str> = what.required().iter().copied().filter(|f| !p.values.contains_key(f)).collect();
    if !missing.is_empty() {
        return out.error(format!("required flag(s) \"{}\" not set", missing.join("\", \"")));
    }
    for unsupported in ["append-hash"] {
        if p.bool(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl {path} --{unsupported}\" yet"));
        }
    }
    // NameFromCommandArgs: the words before `--`.
    if p.args.len() != 1 {
        return usage_error(out, &path, &format!("exactly one NAME is required, got {}", p.args.len()));
    }
    let name = p.args[0].clone();
    let command: Vec<String> = p.after_dashdash.clone().unwrap_or_default();
    let dry_run = match printflags::dry_run_strategy(p.get("dry-run")) {
        Ok(d) => d,
        Err(e) => return out.error(e),
    };
    let mut printer = match ObjectPrinter::new(p.get("output"), p.get("template"), "created", dry_run) {
        Ok(pr) => pr,
        Err(e) => return out.error(e),
    };
    let enforce_namespace = p.get("namespace").is_some();
    if let Some(ns) = p.get("namespace") {
        ctx.namespace = ns.to_string();
    }
    let built = match what {
        What::Namespace => Ok(Namespace { metadata: ObjectMeta { name, ..Default::default() }, ..Default::default() }.into()),
        What::ConfigMap | What::Secret => data_object(ctx, &p, what, name),
        What::Deployment => deployment(ctx, &p, name, command),
        What::Job => job(ctx, &p, name, command),
        What::CronJob => Ok(cronjob(&p, name, command)),
        What::Service(type_) => service(&p, type_, name),
        What::ServiceAccount => Ok(ServiceAccount { metadata: ObjectMeta { name, ..Default::default() }, ..Default::default() }.into()),
    };
    let mut obj = match built {
        Ok(o) => o,
        Err(e) => return print_errors(out, vec![e]),
    };
    if p.bool("save-config") {
        printflags::save_config(&mut obj);
    }
    let written = match dry_run {
        DryRun::Client => {
            if enforce_namespace && obj.kind().namespaced() {
                obj.meta_mut().namespace = ctx.namespace.clone();
            }
            obj
        }
        _ => {
            if obj.kind().namespaced() {
                obj.meta_mut().namespace = ctx.namespace.clone();
            }
            match write(ctx, obj, dry_run) {
                Ok(o) => o,
                Err(err) => return print_errors(out, vec![create_error(what, err)]),
            }
        }
    };
    if let Err(e) = printer.print(&written, out) {
        print_errors(out, vec![CmdError::Plain(e)]);
    }
}

/// Creates `obj` through the API server, or for `--dry-run=server` through a copy of it: the
/// answer is the object as it would be stored, without a resourceVersion.
pub(crate) fn write(ctx: &mut Context, obj: Object, dry_run: DryRun) -> Result<Object, ApiError> {
    if dry_run == DryRun::Server {
        let mut copy = ctx.cluster.clone();
        let mut created = copy.create(obj)?;
        created.meta_mut().resource_version.clear();
        return Ok(created);
    }
    let created = ctx.cluster.create(obj);
    ctx.cluster.settle();
    created
}

/// The error each subcommand returns when the create call fails.
fn create_error(what: What, err: ApiError) -> CmdError {
    let prefix = match what {
        What::Namespace => return CmdError::Api(err),
        What::ConfigMap => "failed to create configmap: ".to_string(),
        What::Secret => "failed to create secret ".to_string(),
        What::Deployment => "failed to create deployment: ".to_string(),
        What::Job => "failed to create job: ".to_string(),
        What::CronJob => "failed to create cronjob: ".to_string(),
        What::Service(t) => format!("failed to create {t} service: "),
        What::ServiceAccount => "failed to create serviceaccount: ".to_string(),
    };
    CmdError::Plain(format!("{prefix}{}", status_message(&err)))
}

/// A status error's `Error()`: its message (an Invalid one names the GroupKind).
pub(crate) fn status_message(err: &ApiError) -> String {
    match err {
        ApiError::Invalid { kind, name, causes } => {
            let qualified = match Kind::from_name(kind).map(|k| k.resource().group).filter(|g| !g.is_empty()) {
                Some(group) => format!("{kind}.{group}"),
                None => kind.to_string(),
            };
            invalid_status_message(&qualified, name, causes)
        }
        e => e.to_string(),
    }
}

/// The index of `word` as the first positional argument (not a flag's value).
fn position_of_word(args: &[String], word: &str, spec: &[Flag]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            return None;
        }
        if a == word {
            return Some(i);
        }
        let takes_value = if let Some(long) = a.strip_prefix("--") {
            !long.contains('=') && spec.iter().any(|f| f.long == long && f.kind == flags::Kind::Value)
        } else if let Some(short) = a.strip_prefix('-') {
            short.chars().last().is_some_and(|c| spec.iter().any(|f| f.short == Some(c) && f.kind == flags::Kind::Value))
                && short.chars().count() == 1
        } else {
            false
        };
        i += if takes_value { 2 } else { 1 };
    }
    None
}

/// pflag's StringSlice: every value split on commas.
pub(crate) fn string_slice(p: &Parsed, name: &str) -> Vec<String> {
    p.values.get(name).into_iter().flatten().flat_map(|v| v.split(',').map(String::from)).collect()
}

// ---------------------------------------------------------------------------------------------
// configmap, secret generic

/// `--from-literal`, `--from-file`, `--from-env-file` into a ConfigMap or an Opaque Secret.
fn data_object(ctx: &Context, p: &Parsed, what: What, name: String) -> Result<Object, CmdError> {
    let kind = if what == What::Secret { "Secret" } else { "ConfigMap" };
    let literals = p.values.get("from-literal").cloned().unwrap_or_default();
    let files = p.values.get("from-file").cloned().unwrap_or_default();
    let env_files = p.values.get("from-env-file").cloned().unwrap_or_default();
    if !env_files.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err(CmdError::plain("from-env-file cannot be combined with from-file or from-literal"));
    }
    let mut data = Data { kind, name: name.clone(), values: BTreeMap::new() };
    for source in &files {
        let (key, path) = parse_file_source(source)?;
        let text = ctx.files.read(&path).map_err(|e| CmdError::plain(file_error(&path, &e)))?;
        let key = key.unwrap_or_else(|| path.rsplit('/').next().unwrap_or(&path).to_string());
        data.add(&key, text)?;
    }
    for lit in &literals {
        let (k, v) = parse_literal_source(lit)?;
        data.add(&k, v)?;
    }
    for path in &env_files {
        let text = ctx.files.read(path).map_err(|e| CmdError::plain(file_error(path, &e)))?;
        for (k, v) in env_file(&text)? {
            data.add(&k, v)?;
        }
    }
    let meta = ObjectMeta { name, ..Default::default() };
    Ok(if what == What::Secret {
        Secret {
            metadata: meta,
            type_: p.get("type").unwrap_or("").to_string(),
            data: data.values.into_iter().map(|(k, v)| (k, base64_encode(v.as_bytes()))).collect(),
            ..Default::default()
        }
        .into()
    } else {
        ConfigMap { metadata: meta, data: data.values, ..Default::default() }.into()
    })
}

/// kubectl's message for a file it cannot read (`error reading PATH: no such file or directory`).
fn file_error(path: &str, e: &str) -> String {
    if e.contains("does not exist") {
        format!("error reading {path}: no such file or directory")
    } else {
        e.to_string()
    }
}

/// The keys being collected, with `validateNewConfigMap`'s / `validateNewSecret`'s checks.
struct Data {
    kind: &'static str,
    name: String,
    values: BTreeMap<String, String>,
}

impl Data {
    /// `validateNewConfigMap` / `validateNewSecret` (whose texts differ slightly), then the key.
    fn add(&mut self, key: &str, value: String) -> Result<(), CmdError> {
        let secret = self.kind == "Secret";
        let errs = config_key_errors(key);
        if !errs.is_empty() {
            return Err(CmdError::plain(if secret {
                format!("{} is not valid key name for a Secret {}", go_quote(key), errs.join(";"))
            } else {
                format!("{} is not a valid key name for a ConfigMap: {}", go_quote(key), errs.join(","))
            }));
        }
        if self.values.contains_key(key) {
            return Err(CmdError::plain(if secret {
                format!("cannot add key {key}, another key by that name already exists")
            } else {
                format!(
                    "cannot add key {}, another key by that name already exists in Data for ConfigMap {}",
                    go_quote(key),
                    go_quote(&self.name)
                )
            }));
        }
        self.values.insert(key.to_string(), value);
        Ok(())
    }
}

/// `validation.IsConfigMapKey`.
fn config_key_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > 253 {
        errs.push(max_len_error(253));
    }
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        errs.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')".to_string());
    }
    if key == "." {
        errs.push("must not be '.'".to_string());
    } else if key == ".." {
        errs.push("must not be '..'".to_string());
    } else if key.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
    errs
}

/// `util.ParseLiteralSource`: `key=value`, the key non-empty.
fn parse_literal_source(source: &str) -> Result<(String, String), CmdError> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(CmdError::plain(format!("invalid literal source {source}, expected key=value"))),
    }
}

/// `util.ParseFileSource`: `path` or `key=path`.
fn parse_file_source(source: &str) -> Result<(Option<String>, String), CmdError> {
    match source.split_once('=') {
        None => Ok((None, source.to_string())),
        Some(("", v)) => Err(CmdError::plain(format!("key name for file path {v} missing"))),
        Some((k, "")) => Err(CmdError::plain(format!("file path for key name {k} missing"))),
        Some((_, v)) if v.contains('=') => Err(CmdError::plain("key names or file paths cannot contain '='")),
        Some((k, v)) => Ok((Some(k.to_string()), v.to_string())),
    }
}

/// `cmdutil.AddFromEnvFile`: `KEY=value` lines (leading whitespace trimmed, `#` comments and
/// blank lines skipped, a bare `KEY` takes its value from the environment: empty in kubeplay).
fn env_file(text: &str) -> Result<Vec<(String, String)>, CmdError> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = if i == 0 { line.strip_prefix('\u{feff}').unwrap_or(line) } else { line };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value) = match trimmed.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (trimmed.to_string(), None),
        };
        if !is_env_var_name(&key) {
            return Err(CmdError::plain(format!(
                "{} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
                go_quote(&key)
            )));
        }
        // A bare key takes its value from kubectl's environment (`os.Getenv`): kubeplay has none.
        out.push((key, value.unwrap_or_default()));
    }
    Ok(out)
}

/// `validation.IsEnvVarName` (`[-._a-zA-Z][-._a-zA-Z0-9]*`).
pub(crate) fn is_env_var_name(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || matches!(c, '-' | '.' | '_') => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

// ---------------------------------------------------------------------------------------------
// deployment, job, cronjob

fn deployment(ctx: &Context, p: &Parsed, name: String, command: Vec<String>) -> Result<Object, CmdError> {
    let images = string_slice(p, "image");
    if images.len() > 1 && !command.is_empty() {
        return Err(CmdError::plain("cannot specify multiple --image options and command"));
    }
    let replicas = p.get("replicas").map_or(1, |r| parse_int(r, 32).unwrap_or(1) as i32);
    let port = p.get("port").map_or(-1, |r| parse_int(r, 32).unwrap_or(-1) as i32);
    let labels: BTreeMap<String, String> = [("app".to_string(), name.clone())].into();
    let mut containers: Vec<Container> = images
        .iter()
        .map(|image| {
            // buildPodSpec: the image's last path segment without tag or digest.
            let base = image.rsplit('/').next().unwrap_or(image);
            let base = base.split(':').next().unwrap_or(base);
            let base = base.split('@').next().unwrap_or(base);
            Container { name: sanitize_and_uniquify(ctx, base), image: image.clone(), command: command.clone(), ..Default::default() }
        })
        .collect();
    if port >= 0 {
        if let Some(c) = containers.first_mut() {
            c.ports = vec![ContainerPort { container_port: port, ..Default::default() }];
        }
    }
    Ok(Deployment {
        metadata: ObjectMeta { name, labels: labels.clone(), ..Default::default() },
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector { match_labels: labels.clone(), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels, ..Default::default() },
                spec: PodSpec { containers, ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    }
    .into())
}

/// `sanitizeAndUniquify`: `_` and `.` become `-`, and then a random suffix is added (from the
/// simulation's seed, so a transcript stays reproducible).
fn sanitize_and_uniquify(ctx: &Context, name: &str) -> String {
    if !name.contains(['_', '.']) {
        return name.to_string();
    }
    let mut seed = ctx.cluster.config().seed ^ 0x6b75_6265_706c_6179;
    for b in format!("{name}{:?}{}", ctx.cluster.now(), ctx.cluster.store.object_count()).bytes() {
        seed = (seed ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    format!("{}-{}", name.replace(['_', '.'], "-"), Rng::new(seed).name_suffix(5))
}

fn job(ctx: &mut Context, p: &Parsed, name: String, command: Vec<String>) -> Result<Object, CmdError> {
    let image = p.get("image").unwrap_or("");
    let from = p.get("from").unwrap_or("");
    if image.is_empty() == from.is_empty() {
        return Err(CmdError::plain("either --image or --from must be specified"));
    }
    if !command.is_empty() && !from.is_empty() {
        return Err(CmdError::plain("cannot specify --from and command"));
    }
    if !image.is_empty() {
        return Ok(Job {
            metadata: ObjectMeta { name: name.clone(), ..Default::default() },
            spec: JobSpec {
                template: PodTemplateSpec {
                    spec: PodSpec {
                        containers: vec![Container { name, image: image.to_string(), command, ..Default::default() }],
                        restart_policy: "Never".into(),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                ..Default::default()
            },
            ..Default::default()
        }
        .into());
    }
    // The builder's ResourceTypeOrNameArgs(false, from).
    let (_, source) = resolve(&[from.to_string()], false, "", &ctx.namespace, false);
    let found = fetch(ctx.cluster, source?, &ctx.namespace, "");
    let mut items: Vec<Object> = Vec::new();
    for item in found.items {
        items.push(item?.1);
    }
    if items.len() != 1 {
        return Err(CmdError::plain("from must be an existing cronjob"));
    }
    let cj = match items.remove(0) {
        Object::CronJob(cj) => cj,
        // Go's `%T` of the typed object: every kind here is in a `v1` package.
        other => return Err(CmdError::plain(format!("unknown object type *v1.{}", other.kind().name()))),
    };
    let template = cj.spec.job_template;
    let mut annotations: BTreeMap<String, String> = [("cronjob.kubernetes.io/instantiate".to_string(), "manual".to_string())].into();
    annotations.extend(template.metadata.annotations);
    Ok(Job {
        metadata: ObjectMeta {
            name,
            annotations,
            labels: template.metadata.labels,
            owner_references: vec![OwnerReference {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                name: cj.metadata.name,
                uid: cj.metadata.uid,
                controller: Some(true),
                block_owner_deletion: None,
            }],
            ..Default::default()
        },
        spec: template.spec,
        ..Default::default()
    }
    .into())
}

fn cronjob(p: &Parsed, name: String, command: Vec<String>) -> Object {
    let restart = p.get("restart").filter(|r| !r.is_empty()).unwrap_or("OnFailure");
    CronJob {
        metadata: ObjectMeta { name: name.clone(), ..Default::default() },
        spec: CronJobSpec {
            schedule: p.get("schedule").unwrap_or("").to_string(),
            job_template: JobTemplateSpec {
                metadata: ObjectMeta { name: name.clone(), ..Default::default() },
                spec: JobSpec {
                    template: PodTemplateSpec {
                        spec: PodSpec {
                            containers: vec![Container {
                                name,
                                image: p.get("image").unwrap_or("").to_string(),
                                command,
                                ..Default::default()
                            }],
                            restart_policy: restart.to_string(),
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                    ..Default::default()
                },
            },
            ..Default::default()
        },
        ..Default::default()
    }
    .into()
}

// ---------------------------------------------------------------------------------------------
// service

fn service(p: &Parsed, type_: &'static str, name: String) -> Result<Object, CmdError> {
    let tcp = string_slice(p, "tcp");
    let cluster_ip = p.get("clusterip").unwrap_or("").to_string();
    let external_name = p.get("external-name").unwrap_or("").to_string();
    // Validate.
    if cluster_ip == "None" && type_ != "ClusterIP" {
        return Err(CmdError::plain("ClusterIP=None can only be used with ClusterIP service type"));
    }
    if cluster_ip != "None" && tcp.is_empty() && type_ != "ExternalName" {
        return Err(CmdError::plain("at least one tcp port specifier must be provided"));
    }
    if type_ == "ExternalName" && !is_dns1123_subdomain(&external_name).is_empty() {
        return Err(CmdError::plain(format!("invalid service external name {external_name}")));
    }
    let node_port = p.get("node-port").map_or(0, |v| parse_int(v, 64).unwrap_or(0) as i32);
    let mut ports = Vec::new();
    for spec in &tcp {
        let (port, target_port) = parse_ports(spec).map_err(CmdError::Plain)?;
        ports.push(ServicePort {
            name: spec.replace(':', "-"),
            port,
            target_port: Some(target_port),
            protocol: "TCP".into(),
            node_port,
            ..Default::default()
        });
    }
    let labels: BTreeMap<String, String> = [("app".to_string(), name.clone())].into();
    Ok(Service {
        metadata: ObjectMeta { name, labels: labels.clone(), ..Default::default() },
        spec: ServiceSpec { type_: type_.to_string(), selector: labels, ports, external_name, cluster_ip, ..Default::default() },
        ..Default::default()
    }
    .into())
}

/// `parsePorts`: `port[:targetPort]`, the target a number or a port name.
fn parse_ports(spec: &str) -> Result<(i32, IntOrString), String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let port = parse_port(parts[0])?;
    let Some(target) = parts.get(1) else {
        return Ok((port, IntOrString::Int(port)));
    };
    match go_atoi(target) {
        Ok(n) => {
            if !(1..=65535).contains(&n) {
                return Err(inclusive_range_error(1, 65535));
            }
            Ok((port, IntOrString::Int(n as i32)))
        }
        Err(_) => {
            let errs = port_name_errors(target);
            if !errs.is_empty() {
                return Err(errs.join(","));
            }
            Ok((port, IntOrString::String(target.to_string())))
        }
    }
}

/// `validation.IsValidPortName`.
pub(crate) fn port_name_errors(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > 15 {
        errs.push(max_len_error(15));
    }
    if port.is_empty() || !port.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string());
    }
    if !port.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

/// `k8s.io/utils/net.ParsePort(s, true)`: `strconv.ParseUint(s, 10, 16)`.
fn parse_port(s: &str) -> Result<i32, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {}: invalid syntax", go_quote(s)));
    }
    match s.parse::<u64>() {
        Ok(n) if n <= 65535 => Ok(n as i32),
        _ => Err(format!("strconv.ParseUint: parsing {}: value out of range", go_quote(s))),
    }
}

/// Go's `strconv.Atoi` with its error text.
pub(crate) fn go_atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {}: invalid syntax", go_quote(s)));
    }
    s.trim_start_matches('+').parse::<i64>().map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", go_quote(s)))
}

/// Go's `strconv.ParseInt(s, 0, bits)` (pflag's int flags) with its error text.
pub(crate) fn parse_int(s: &str, bits: u32) -> Result<i64, String> {
    let invalid = || format!("strconv.ParseInt: parsing {}: invalid syntax", go_quote(s));
    let range = || format!("strconv.ParseInt: parsing {}: value out of range", go_quote(s));
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d.to_string())
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d.to_string())
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, lower[1..].to_string())
    } else {
        (10, lower.clone())
    };
    // Underscores are allowed between digits when the base comes from a prefix.
    let digits = if radix != 10 && !digits.starts_with('_') && !digits.ends_with('_') && !digits.contains("__") {
        digits.replace('_', "")
    } else {
        digits
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(invalid());
    }
    let magnitude = u128::from_str_radix(&digits, radix).map_err(|_| range())?;
    let limit: u128 = 1 << (bits - 1);
    if (!neg && magnitude >= limit) || (neg && magnitude > limit) {
        return Err(range());
    }
    let v = magnitude as i128;
    Ok(if neg { -v } else { v } as i64)
}

/// Help for `kubectl create secret` and `kubectl create service` without a type.
fn group_help(sub: &str) -> &'static str {
    if sub == "secret" {
        SECRET_HELP
    } else {
        SERVICE_HELP
    }
}

const SECRET_HELP: &str = r#"Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"#;

const SERVICE_HELP: &str = r#"Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_number_parsers() {
        assert_eq!(parse_int("0x10", 32), Ok(16));
        assert_eq!(parse_int("010", 32), Ok(8));
        assert_eq!(parse_int("-5", 32), Ok(-5));
        assert_eq!(parse_int("2147483648", 32).unwrap_err(), "strconv.ParseInt: parsing \"2147483648\": value out of range");
        assert_eq!(parse_int("abc", 32).unwrap_err(), "strconv.ParseInt: parsing \"abc\": invalid syntax");
        assert_eq!(parse_int("", 32).unwrap_err(), "strconv.ParseInt: parsing \"\": invalid syntax");
        assert_eq!(go_atoi("+80"), Ok(80));
        assert_eq!(go_atoi("8x").unwrap_err(), "strconv.Atoi: parsing \"8x\": invalid syntax");
        assert_eq!(parse_port("70000").unwrap_err(), "strconv.ParseUint: parsing \"70000\": value out of range");
        assert_eq!(parse_port("-1").unwrap_err(), "strconv.ParseUint: parsing \"-1\": invalid syntax");
    }

    #[test]
    fn service_port_specs() {
        assert_eq!(parse_ports("80"), Ok((80, IntOrString::Int(80))));
        assert_eq!(parse_ports("80:http"), Ok((80, IntOrString::String("http".into()))));
        assert_eq!(parse_ports("80:8080:9"), Ok((80, IntOrString::Int(8080))));
        assert_eq!(parse_ports("80:0").unwrap_err(), "must be between 1 and 65535, inclusive");
        assert_eq!(parse_ports("80:Http_x").unwrap_err(), "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        assert_eq!(parse_ports("80:toolongportname123").unwrap_err(), "must be no more than 15 characters");
    }

    #[test]
    fn sources() {
        assert!(parse_literal_source("=x").is_err());
        assert_eq!(parse_file_source("k=a/b").unwrap(), (Some("k".into()), "a/b".into()));
        assert_eq!(
            env_file("# c\n\nA=1\n  B= 2 \r\nC\n").unwrap(),
            vec![("A".to_string(), "1".to_string()), ("B".to_string(), " 2 ".to_string()), ("C".to_string(), String::new())]
        );
        assert!(matches!(env_file("B C=1"), Err(CmdError::Plain(s)) if s.starts_with("\"B C\" is not a valid key name")));
    }

    /// Random command lines made of the words these commands take never panic and always print.
    #[test]
    fn odd_input_never_panics() {
        const WORDS: &[&str] = &[
            "create", "deployment", "deploy", "job", "cronjob", "cj", "service", "svc", "clusterip", "nodeport",
            "loadbalancer", "externalname", "serviceaccount", "sa", "secret", "generic", "configmap", "ns", "run",
            "expose", "cluster-info", "dump", "version", "api-versions", "top", "pod", "node", "web", "x", "-o",
            "yaml", "json", "name", "jsonpath={.metadata}", "jsonpath={", "--dry-run", "--dry-run=server",
            "--dry-run=client", "--image=nginx", "--image=", "--image=a_b.c:1", "--image=UPPER", "--port=80",
            "--port=-1", "--port=abc", "--replicas=0x7fffffff", "-r", "--tcp=80:8080", "--tcp=:", "--tcp=0",
            "--node-port=99999999999999999999", "--clusterip=None", "--external-name=a.b", "--from=cronjob/x",
            "--from=cj", "--schedule=* * * * *", "--restart=Never", "--env=A=1", "--env==", "-l", "a=b", "--labels=,",
            "--annotations==", "--expose", "-it", "--rm", "--attach", "--command", "--", "sh", "--selector=a",
            "--target-port=http", "--type=NodePort", "--cluster-ip=None", "--name=", "--protocol=UDP",
            "--save-config", "--from-literal=a=b", "--from-file=k=", "--from-env-file=x", "-n", "kube-system",
            "--sort-by=cpu", "-A", "\u{1F600}", "é", "=", "-", "--output=",
        ];
        let mut rng = Rng::new(31);
        let mut session = crate::Session::new(cluster::ClusterConfig::default());
        for i in 0..3000 {
            let n = 1 + rng.below(9) as usize;
            let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len() as u64) as usize]).collect();
            let line = format!("kubectl {}", words.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" "));
            let out = session.run(&line);
            assert!(!out.text().is_empty(), "`{line}` printed nothing");
            if i % 300 == 0 {
                session = crate::Session::new(cluster::ClusterConfig::default());
            }
        }
    }

    /// `--from-file` and `--from-env-file` read through the session's files.
    #[test]
    fn data_from_files() {
        struct Files;
        impl crate::FileSource for Files {
            fn read(&self, path: &str) -> Result<String, String> {
                match path {
                    "conf/app.properties" => Ok("color=blue\n".into()),
                    "app.env" => Ok("# c\nMODE=dev\nBARE\n".into()),
                    _ => Err(format!("the path \"{path}\" does not exist")),
                }
            }
        }
        let mut s = crate::Session::with_files(cluster::ClusterConfig::default(), Box::new(Files));
        let run = |s: &mut crate::Session, line: &str| s.run(line).text();
        assert_eq!(
            run(&mut s, "kubectl create cm a --from-file=conf/app.properties --from-file=k=conf/app.properties --dry-run=client -o yaml"),
            "apiVersion: v1\ndata:\n  app.properties: |\n    color=blue\n  k: |\n    color=blue\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: a\n"
        );
        assert_eq!(
            run(&mut s, "kubectl create cm e --from-env-file=app.env -o jsonpath={.data}"),
            "{\"BARE\":\"\",\"MODE\":\"dev\"}"
        );
        assert_eq!(run(&mut s, "kubectl create cm x --from-file=nope"), "error: error reading nope: no such file or directory\n");
        assert_eq!(run(&mut s, "kubectl create cm x --from-file==nope"), "error: key name for file path nope missing\n");
        assert_eq!(
            run(&mut s, "kubectl create secret generic s --from-literal=a=1 --from-literal=a=2"),
            "error: cannot add key a, another key by that name already exists\n"
        );
        assert_eq!(
            run(&mut s, "kubectl create secret generic s --from-file=conf/app.properties -o jsonpath={.data}"),
            "{\"app.properties\":\"Y29sb3I9Ymx1ZQo=\"}"
        );
        assert_eq!(run(&mut s, "kubectl get secret s -o jsonpath={.type}"), "Opaque");
    }
}
