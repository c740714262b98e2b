//! The container runtime: what a container is while it runs. Its root filesystem (the image's
//! files plus what the kubelet writes: `/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf`), its
//! volumes, its environment, its command, and its main process: a native program
//! ([`super::apps`]) or the container shell ([`super::sh`]).
//!
//! Volumes are filesystems of their own, mounted into the container's filesystem while one of
//! its processes runs and taken out again afterwards, so containers of a pod share an emptyDir
//! and a PersistentVolume keeps its data for the next pod that claims it:
//! - emptyDir: one per pod, gone with the pod;
//! - persistentVolumeClaim: one per PersistentVolume (or per claim while unbound), kept by the
//!   cluster;
//! - hostPath: one per node and path;
//! - configMap, secret, downwardAPI, projected: written fresh at every mount (so they follow
//!   the objects, as the kubelet's periodic sync does).
//!
//! Networking: cluster DNS (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`, `pod.svc` under a
//! headless Service), Service ClusterIPs and NodePorts load-balanced over their ready
//! endpoints (a pick from the cluster's seeded RNG), pod IPs, and a few well-known outside hosts.

use std::collections::BTreeMap;

use super::apps::{self, App, Program, Request, StartInfo};
use super::images::{self, ImageRef, Tools, Userland};
use super::sh::{self, fs::normalize, Fs, Host, HttpError, Process};
use crate::api::*;
use crate::cluster::Cluster;
use crate::time::{Duration, Time};

/// A container run: its main process, root filesystem and environment.
#[derive(Clone, Debug)]
pub(crate) struct Run {
    pub main: Main,
    /// The root filesystem (without the volumes: they are mounted while something runs), once
    /// something looked at it; until then the image's files are the kubelet's shared copy
    /// ([`super::Kubelets::templates`]) plus `extra`. Thousands of nginx replicas cost no
    /// filesystem each.
    pub fs: Option<Fs>,
    /// The image's template (its full reference).
    pub template: String,
    /// Files the kubelet writes into the container (`/etc/hosts`, …).
    pub extra: Vec<(String, String)>,
    /// Where the container's volumes are mounted.
    pub mount_paths: Vec<String>,
    /// The image (which programs it has).
    pub image: ImageRef,
    pub env: Vec<(String, String)>,
    pub userland: Userland,
    pub tools: Tools,
    pub hostname: String,
    pub workdir: String,
    /// The main process sleeps and will run again (a timer is due).
    pub sleeping: bool,
}

/// The container's main process.
#[derive(Clone, Debug)]
pub(crate) enum Main {
    Shell(Box<Process>),
    App(Box<App>),
    /// Taken out while it runs, or gone.
    None,
}

impl Run {
    pub fn app(&self) -> Option<&App> {
        match &self.main {
            Main::App(a) => Some(a),
            _ => None,
        }
    }

    pub fn listens(&self, port: i32) -> bool {
        self.app().is_some_and(|a| a.listens(port))
    }

    /// Whether the image has a program (a utility of its userland, or a file); `templates`: the
    /// kubelet's image files, for a container that has not touched its own yet.
    pub fn has_command(&self, name: &str, templates: &BTreeMap<String, Fs>) -> bool {
        let empty = Fs::empty();
        let fs = self.fs.as_ref().or_else(|| templates.get(&self.template)).unwrap_or(&empty);
        let base = name.rsplit('/').next().unwrap_or(name);
        if name.contains('/') && fs.is_file(&normalize(&self.workdir, name)) {
            return true;
        }
        if !name.contains('/') && ["/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/bin"].iter().any(|d| fs.is_file(&format!("{d}/{name}"))) {
            return true;
        }
        apps::has_program(&self.image, name) || (userland_has(self.userland, self.tools, base) && sh::command_exists(base, fs))
    }

    /// The container's own filesystem, made from the image's files on first use.
    pub fn materialize(&mut self, templates: &BTreeMap<String, Fs>) -> &mut Fs {
        if self.fs.is_none() {
            let mut fs = templates.get(&self.template).cloned().unwrap_or_default();
            for (path, data) in &self.extra {
                let _ = fs.put_file(path, data);
            }
            let _ = fs.mkdir(&self.workdir, true);
            self.fs = Some(fs);
        }
        self.fs.get_or_insert_with(Fs::new)
    }
}

/// Whether a userland (with an image's extra tools) has a utility.
pub(crate) fn userland_has(u: Userland, tools: Tools, name: &str) -> bool {
    match u {
        Userland::Scratch => false,
        Userland::Busybox | Userland::Alpine => !matches!(name, "bash" | "dash" | "curl"),
        Userland::Debian => match name {
            "curl" => tools.curl,
            "wget" => tools.wget,
            "ps" => tools.ps,
            "nc" | "nslookup" | "ash" => false,
            _ => true,
        },
    }
}

// ---- starting a container ----

/// What the kubelet needs to start a container.
pub(crate) struct Spec<'a> {
    pub pod: &'a Pod,
    pub container: &'a Container,
    pub image: &'a ImageRef,
    pub pod_ip: &'a str,
    pub node: &'a str,
}

/// Why a container could not be created or started, as the kubelet reports it.
pub(crate) enum StartError {
    /// `CreateContainerConfigError`: the environment refers to something missing.
    Config(String),
    /// `StartError` (exit code 128): the runtime could not start the command.
    Start(String),
}

/// The pod's hostname (`spec.hostname`, else its name cut to 63 characters).
pub(crate) fn hostname(pod: &Pod) -> String {
    let h = if pod.spec.hostname.is_empty() { &pod.metadata.name } else { &pod.spec.hostname };
    h.chars().take(63).collect::<String>().trim_end_matches(['-', '.']).to_string()
}

/// The pod's fully qualified name under its headless Service (`web-0.nginx.default.svc.cluster.local`).
fn pod_fqdn(pod: &Pod) -> Option<String> {
    (!pod.spec.subdomain.is_empty()).then(|| format!("{}.{}.{}.svc.cluster.local", hostname(pod), pod.spec.subdomain, pod.metadata.namespace))
}

/// Prepares a container: filesystem, environment, command; decides what runs.
pub(crate) fn prepare(c: &mut Cluster, s: &Spec) -> Result<(Run, Vec<String>, Option<Program>), StartError> {
    let cfg = images::config(s.image);
    let host = hostname(s.pod);
    let env = environment(c, s, &cfg, &host).map_err(StartError::Config)?;
    let template = s.image.full();
    if !c.kubelets.templates.contains_key(&template) {
        let mut fs = Fs::new();
        images::populate(&mut fs, s.image, &cfg);
        c.kubelets.templates.insert(template.clone(), fs);
    }
    let extra = kubelet_files(s, &host);
    let workdir = if s.container.working_dir.is_empty() { cfg.workdir.clone() } else { normalize("/", &s.container.working_dir) };
    let argv = command(s.container, &cfg, &env);
    let mount_paths = s.container.volume_mounts.iter().map(|m| normalize("/", &m.mount_path)).collect();
    let run = Run {
        main: Main::None,
        fs: None,
        template,
        extra,
        mount_paths,
        image: s.image.clone(),
        env,
        userland: cfg.userland,
        tools: cfg.tools,
        hostname: host,
        workdir,
        sleeping: false,
    };
    let program = apps::program_for(s.image, &argv).or_else(|| apps::generic(s.image, &argv, &cfg));
    if program.is_none() {
        let Some(first) = argv.first() else {
            return Err(StartError::Start("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown".into()));
        };
        if !run.has_command(first, &c.kubelets.templates) {
            return Err(StartError::Start(exec_failure("failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process", first)));
        }
    }
    Ok((run, argv, program))
}

/// runc's words for a command it cannot find.
pub(crate) fn exec_failure(prefix: &str, cmd: &str) -> String {
    if cmd.contains('/') {
        format!("{prefix}: exec: \"{cmd}\": stat {cmd}: no such file or directory: unknown")
    } else {
        format!("{prefix}: exec: \"{cmd}\": executable file not found in $PATH: unknown")
    }
}

/// The argv Kubernetes runs: `command` replaces the image's ENTRYPOINT (and drops its CMD),
/// `args` replaces its CMD; `$(VAR)` refers to the container's environment.
pub(crate) fn command(spec: &Container, cfg: &images::Config, env: &[(String, String)]) -> Vec<String> {
    let (entry, cmd): (Vec<String>, Vec<String>) = match (spec.command.is_empty(), spec.args.is_empty()) {
        (false, _) => (spec.command.clone(), spec.args.clone()),
        (true, false) => (cfg.entrypoint.clone(), spec.args.clone()),
        (true, true) => (cfg.entrypoint.clone(), cfg.cmd.clone()),
    };
    let explicit = !spec.command.is_empty() || !spec.args.is_empty();
    entry
        .into_iter()
        .chain(cmd)
        .map(|a| if explicit { expand_refs(&a, env) } else { a })
        .collect()
}

/// `$(VAR)` expansion of the kubelet (`expansion.Expand`): a defined variable is replaced, an
/// undefined reference stays as written, `$$` is a literal `$`.
pub(crate) fn expand_refs(s: &str, env: &[(String, String)]) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && i + 1 < b.len() {
            if b[i + 1] == b'$' {
                out.push('$');
                i += 2;
                continue;
            }
            if b[i + 1] == b'(' {
                if let Some(end) = s[i + 2..].find(')') {
                    let name = &s[i + 2..i + 2 + end];
                    match env.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => out.push_str(&s[i..i + 3 + end]),
                    }
                    i += 3 + end;
                    continue;
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

fn env_name(s: &str) -> String {
    s.to_uppercase().replace('-', "_")
}

/// The Service environment variables a container gets (`envvars.FromServices`): services of
/// its namespace that have a ClusterIP (and `kubernetes` from `default`), as they are when the
/// container starts.
fn service_env(c: &Cluster, pod: &Pod) -> Vec<(String, String)> {
    let ns = &pod.metadata.namespace;
    let links = pod.spec.enable_service_links != Some(false);
    let mut services: Vec<&Service> = c
        .store
        .services
        .iter()
        .filter(|s| (s.metadata.namespace == *ns && links) || (s.metadata.namespace == "default" && s.metadata.name == "kubernetes"))
        .filter(|s| !s.spec.cluster_ip.is_empty() && s.spec.cluster_ip != "None")
        .collect();
    services.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    services.dedup_by(|a, b| a.metadata.name == b.metadata.name);
    let mut out = Vec::new();
    for s in services {
        let prefix = env_name(&s.metadata.name);
        let ip = &s.spec.cluster_ip;
        let Some(first) = s.spec.ports.first() else { continue };
        out.push((format!("{prefix}_SERVICE_HOST"), ip.clone()));
        out.push((format!("{prefix}_SERVICE_PORT"), first.port.to_string()));
        for p in s.spec.ports.iter().filter(|p| !p.name.is_empty()) {
            out.push((format!("{prefix}_SERVICE_PORT_{}", env_name(&p.name)), p.port.to_string()));
        }
        for (k, p) in s.spec.ports.iter().enumerate() {
            let proto = if p.protocol.is_empty() { "TCP".to_string() } else { p.protocol.to_uppercase() };
            let lower = proto.to_lowercase();
            let url = format!("{lower}://{ip}:{}", p.port);
            if k == 0 {
                out.push((format!("{prefix}_PORT"), url.clone()));
            }
            let pp = format!("{prefix}_PORT_{}_{proto}", p.port);
            out.push((pp.clone(), url));
            out.push((format!("{pp}_PROTO"), lower));
            out.push((format!("{pp}_PORT"), p.port.to_string()));
            out.push((format!("{pp}_ADDR"), ip.clone()));
        }
    }
    out
}

fn decode_secret(v: &str) -> String {
    crate::api::base64_decode(v).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// A downward API field (`fieldRef.fieldPath`).
fn field_value(pod: &Pod, path: &str, pod_ip: &str, host_ip: &str) -> Option<String> {
    let m = &pod.metadata;
    let bracket = |p: &str, prefix: &str| p.strip_prefix(prefix).and_then(|r| r.strip_suffix("']")).map(str::to_string);
    Some(match path {
        "metadata.name" => m.name.clone(),
        "metadata.namespace" => m.namespace.clone(),
        "metadata.uid" => m.uid.clone(),
        "spec.nodeName" => pod.spec.node_name.clone(),
        "spec.serviceAccountName" => pod.spec.service_account_name.clone(),
        "status.hostIP" | "status.hostIPs" => host_ip.to_string(),
        "status.podIP" | "status.podIPs" => pod_ip.to_string(),
        "metadata.labels" => m.labels.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect::<Vec<_>>().join("\n"),
        "metadata.annotations" => m.annotations.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect::<Vec<_>>().join("\n"),
        p => {
            if let Some(k) = bracket(p, "metadata.labels['") {
                m.labels.get(&k).cloned().unwrap_or_default()
            } else if let Some(k) = bracket(p, "metadata.annotations['") {
                m.annotations.get(&k).cloned().unwrap_or_default()
            } else {
                return None;
            }
        }
    })
}

/// A resource field (`resourceFieldRef`): the container's limit or request, the node's
/// allocatable when no limit is set, in units of the divisor (rounded up).
fn resource_value(c: &Cluster, pod: &Pod, container: &Container, sel: &ResourceFieldSelector, node: &str) -> String {
    let target = if sel.container_name.is_empty() {
        container
    } else {
        pod.spec.containers.iter().find(|k| k.name == sel.container_name).unwrap_or(container)
    };
    let (kind, res) = sel.resource.split_once('.').unwrap_or(("limits", sel.resource.as_str()));
    let set = if kind == "requests" { &target.resources.requests } else { &target.resources.limits };
    let node_alloc = c.store.nodes.get("", node).and_then(|n| n.status.allocatable.get(res).cloned());
    let value = set.get(res).map(|q| q.0.clone()).or(node_alloc).unwrap_or_else(|| "0".into());
    let q = crate::quantity::Quantity::parse(&value).ok();
    let d = crate::quantity::Quantity::parse(if sel.divisor.0.is_empty() || sel.divisor.0 == "0" { "1" } else { &sel.divisor.0 }).ok();
    match (q, d) {
        (Some(q), Some(d)) if d.milli_value() > 0 => {
            let (qm, dm) = (q.milli_value() as i128, d.milli_value() as i128);
            ((qm + dm - 1) / dm).to_string()
        }
        _ => value,
    }
}

/// The container's environment, in the order `env` shows it: PATH and HOSTNAME, the image's ENV,
/// `env` and `envFrom`, the Service variables, HOME. Errors are the kubelet's
/// `CreateContainerConfigError` messages.
fn environment(c: &Cluster, s: &Spec, cfg: &images::Config, host: &str) -> Result<Vec<(String, String)>, String> {
    let pod = s.pod;
    let ns = &pod.metadata.namespace;
    let host_ip = c.store.nodes.get("", s.node).and_then(|n| n.address("InternalIP").map(String::from)).unwrap_or_default();
    let mut k8s: Vec<(String, String)> = Vec::new();
    let set = |list: &mut Vec<(String, String)>, k: String, v: String| match list.iter_mut().find(|(n, _)| *n == k) {
        Some(e) => e.1 = v,
        None => list.push((k, v)),
    };
    for from in &s.container.env_from {
        if let Some(r) = &from.config_map_ref {
            match c.store.configmaps.get(ns, &r.name) {
                Some(cm) => {
                    for (k, v) in &cm.data {
                        set(&mut k8s, format!("{}{k}", from.prefix), v.clone());
                    }
                }
                None if r.optional == Some(true) => {}
                None => return Err(format!("configmap \"{}\" not found", r.name)),
            }
        }
        if let Some(r) = &from.secret_ref {
            match c.store.secrets.get(ns, &r.name) {
                Some(sec) => {
                    for (k, v) in &sec.data {
                        set(&mut k8s, format!("{}{k}", from.prefix), decode_secret(v));
                    }
                }
                None if r.optional == Some(true) => {}
                None => return Err(format!("secret \"{}\" not found", r.name)),
            }
        }
    }
    for e in &s.container.env {
        let value = match &e.value_from {
            None => expand_refs(&e.value, &k8s),
            Some(src) => {
                if let Some(f) = &src.field_ref {
                    field_value(pod, &f.field_path, s.pod_ip, &host_ip).unwrap_or_default()
                } else if let Some(r) = &src.resource_field_ref {
                    resource_value(c, pod, s.container, r, s.node)
                } else if let Some(r) = &src.config_map_key_ref {
                    match c.store.configmaps.get(ns, &r.name) {
                        Some(cm) => match cm.data.get(&r.key) {
                            Some(v) => v.clone(),
                            None if r.optional == Some(true) => continue,
                            None => return Err(format!("couldn't find key {} in ConfigMap {ns}/{}", r.key, r.name)),
                        },
                        None if r.optional == Some(true) => continue,
                        None => return Err(format!("configmap \"{}\" not found", r.name)),
                    }
                } else if let Some(r) = &src.secret_key_ref {
                    match c.store.secrets.get(ns, &r.name) {
                        Some(sec) => match sec.data.get(&r.key) {
                            Some(v) => decode_secret(v),
                            None if r.optional == Some(true) => continue,
                            None => return Err(format!("couldn't find key {} in Secret {ns}/{}", r.key, r.name)),
                        },
                        None if r.optional == Some(true) => continue,
                        None => return Err(format!("secret \"{}\" not found", r.name)),
                    }
                } else {
                    String::new()
                }
            }
        };
        set(&mut k8s, e.name.clone(), value);
    }
    for (k, v) in service_env(c, pod) {
        if !k8s.iter().any(|(n, _)| *n == k) {
            k8s.push((k, v));
        }
    }
    let mut env: Vec<(String, String)> = Vec::new();
    let mut image_env = cfg.env.iter();
    if let Some((k, v)) = cfg.env.first().filter(|(k, _)| k == "PATH") {
        env.push((k.clone(), v.clone()));
        image_env.next();
    }
    env.push(("HOSTNAME".into(), host.to_string()));
    for (k, v) in image_env.chain(k8s.iter()) {
        set(&mut env, k.clone(), v.clone());
    }
    if !env.iter().any(|(k, _)| k == "HOME") && cfg.userland != Userland::Scratch {
        env.push(("HOME".into(), "/root".into()));
    }
    Ok(env)
}

/// The files the kubelet writes into every container.
fn kubelet_files(s: &Spec, host: &str) -> Vec<(String, String)> {
    let pod = s.pod;
    let mut hosts = String::from("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
    match pod_fqdn(pod) {
        Some(fqdn) => hosts.push_str(&format!("{}\t{fqdn}\t{host}\n", s.pod_ip)),
        None => hosts.push_str(&format!("{}\t{host}\n", s.pod_ip)),
    }
    for a in &pod.spec.host_aliases {
        hosts.push_str(&format!("\n# Entries added by HostAliases.\n{}\t{}\n", a.ip, a.hostnames.join("\t")));
    }
    let ns = &pod.metadata.namespace;
    let resolv = if pod.spec.dns_policy == "Default" {
        "nameserver 172.18.0.1\n".to_string()
    } else {
        format!("search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n")
    };
    vec![
        ("/etc/hosts".into(), hosts),
        ("/etc/hostname".into(), format!("{host}\n")),
        ("/etc/resolv.conf".into(), resolv),
        ("/dev/termination-log".into(), String::new()),
    ]
}

// ---- volumes ----

/// Where a mounted volume's data lives when nothing runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum VolKey {
    /// An emptyDir of the pod.
    Pod(String),
    /// A PersistentVolume (or an unbound claim, `ns/name`).
    Claim(String),
    /// A hostPath: (node, path).
    Host(String, String),
    /// Written at mount, dropped at unmount (configMap, secret, downwardAPI, projected).
    Fresh,
}

/// A volume mounted into a filesystem, and what the mount hid.
#[derive(Debug)]
pub(crate) struct Mounted {
    path: String,
    key: VolKey,
    sub: String,
    hidden: Option<Fs>,
    existed: bool,
}

fn projected_keys(data: &BTreeMap<String, String>, items: &[KeyToPath], decode: bool) -> Vec<(String, String)> {
    let value = |v: &String| if decode { decode_secret(v) } else { v.clone() };
    if items.is_empty() {
        data.iter().map(|(k, v)| (k.clone(), value(v))).collect()
    } else {
        items.iter().filter_map(|i| data.get(&i.key).map(|v| (i.path.clone(), value(v)))).collect()
    }
}

/// The files of a configMap/secret/downwardAPI/projected volume.
fn fresh_volume(c: &Cluster, pod: &Pod, v: &Volume, pod_ip: &str) -> Option<Fs> {
    let ns = &pod.metadata.namespace;
    let mut files: Vec<(String, String)> = Vec::new();
    let host_ip = c.store.nodes.get("", &pod.spec.node_name).and_then(|n| n.address("InternalIP").map(String::from)).unwrap_or_default();
    let downward = |items: &[DownwardApiVolumeFile], files: &mut Vec<(String, String)>| {
        for it in items {
            if let Some(f) = &it.field_ref {
                files.push((it.path.clone(), field_value(pod, &f.field_path, pod_ip, &host_ip).unwrap_or_default()));
            }
        }
    };
    if let Some(cm) = &v.config_map {
        let obj = c.store.configmaps.get(ns, &cm.name)?;
        files = projected_keys(&obj.data, &cm.items, false);
    } else if let Some(sec) = &v.secret {
        let obj = c.store.secrets.get(ns, &sec.secret_name)?;
        files = projected_keys(&obj.data, &sec.items, true);
    } else if let Some(d) = &v.downward_api {
        downward(&d.items, &mut files);
    } else if let Some(p) = &v.projected {
        for src in &p.sources {
            if let Some(cm) = &src.config_map {
                if let Some(obj) = c.store.configmaps.get(ns, &cm.name) {
                    files.extend(projected_keys(&obj.data, &cm.items, false));
                }
            }
            if let Some(sec) = &src.secret {
                if let Some(obj) = c.store.secrets.get(ns, &sec.name) {
                    files.extend(projected_keys(&obj.data, &sec.items, true));
                }
            }
            if let Some(d) = &src.downward_api {
                downward(&d.items, &mut files);
            }
            if let Some(t) = &src.service_account_token {
                let token = format!("eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVwbGF5In0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6{}.kubeplay", pod.metadata.uid.replace('-', ""));
                files.push((t.path.clone(), token));
            }
        }
    } else {
        return None;
    }
    let mut fs = Fs::empty();
    for (path, data) in files {
        let _ = fs.put_file(&path, &data);
    }
    Some(fs)
}

/// The mounts of container `i` of a pod: (mount path, volume, subPath).
fn mounts_of(pod: &Pod, i: usize) -> Vec<(String, Volume, String)> {
    let inits = pod.spec.init_containers.len();
    let spec = if i < inits { pod.spec.init_containers.get(i) } else { pod.spec.containers.get(i - inits) };
    let Some(spec) = spec else { return Vec::new() };
    let mut out: Vec<(String, Volume, String)> = spec
        .volume_mounts
        .iter()
        .filter_map(|m| pod.spec.volumes.iter().find(|v| v.name == m.name).map(|v| (normalize("/", &m.mount_path), v.clone(), m.sub_path.clone())))
        .collect();
    out.sort_by_key(|(p, _, _)| p.len());
    out
}

/// Takes a volume's data out of its store (or builds it).
fn take_volume(c: &mut Cluster, uid: &str, pod: &Pod, v: &Volume, pod_ip: &str) -> (VolKey, Fs) {
    if v.empty_dir.is_some() {
        let fs = c.kubelets.pod_volumes.entry(uid.to_string()).or_default().remove(&v.name).unwrap_or_else(Fs::empty);
        return (VolKey::Pod(v.name.clone()), fs);
    }
    if let Some(claim) = &v.persistent_volume_claim {
        let ns = &pod.metadata.namespace;
        let unbound = format!("{ns}/{}", claim.claim_name);
        let key = match c.store.persistentvolumeclaims.get(ns, &claim.claim_name) {
            Some(pvc) if !pvc.spec.volume_name.is_empty() => pvc.spec.volume_name.clone(),
            _ => unbound.clone(),
        };
        // Data written while the claim was unbound moves to its volume once it is bound.
        let fs = c.kubelets.claims.remove(&key).or_else(|| c.kubelets.claims.remove(&unbound)).unwrap_or_else(Fs::empty);
        return (VolKey::Claim(key), fs);
    }
    if let Some(h) = &v.host_path {
        let node = pod.spec.node_name.clone();
        let path = normalize("/", &h.path);
        let fs = c.kubelets.nodes.entry(node.clone()).or_default().host_paths.remove(&path).unwrap_or_else(Fs::empty);
        return (VolKey::Host(node, path), fs);
    }
    match fresh_volume(c, pod, v, pod_ip) {
        Some(fs) => (VolKey::Fresh, fs),
        None => (VolKey::Fresh, Fs::empty()),
    }
}

fn store_volume(c: &mut Cluster, uid: &str, key: VolKey, fs: Fs) {
    match key {
        VolKey::Pod(name) => {
            c.kubelets.pod_volumes.entry(uid.to_string()).or_default().insert(name, fs);
        }
        VolKey::Claim(k) => {
            c.kubelets.claims.insert(k, fs);
        }
        VolKey::Host(node, path) => {
            c.kubelets.nodes.entry(node).or_default().host_paths.insert(path, fs);
        }
        VolKey::Fresh => {}
    }
}

/// Whether a mount at `path` matters to a reader of `under` (one is inside the other).
fn overlaps(path: &str, under: &str) -> bool {
    let inside = |a: &str, b: &str| a == b || b == "/" || (a.len() > b.len() && a.starts_with(b) && a.as_bytes()[b.len()] == b'/');
    inside(path, under) || inside(under, path)
}

/// A mount: (mount path, volume, subPath).
type MountSpec = (String, Volume, String);

/// Container `i`'s mounts that matter to a reader of the paths `only` (all with `None`).
fn wanted_mounts(c: &Cluster, uid: &str, i: usize, only: Option<&[&str]>) -> Option<(Pod, Vec<MountSpec>)> {
    let w = c.kubelets.pods.get(uid)?;
    let pod = c.store.pods.get(&w.key.namespace, &w.key.name).filter(|p| p.metadata.uid == uid)?;
    let inits = pod.spec.init_containers.len();
    let spec = if i < inits { pod.spec.init_containers.get(i) } else { pod.spec.containers.get(i - inits) }?;
    let relevant = |m: &VolumeMount| only.is_none_or(|paths| paths.iter().any(|p| overlaps(&normalize("/", &m.mount_path), p)));
    if spec.volume_mounts.iter().all(|m| !relevant(m)) {
        return None;
    }
    let mounts = mounts_of(pod, i).into_iter().filter(|(path, _, _)| only.is_none_or(|paths| paths.iter().any(|p| overlaps(path, p)))).collect();
    Some((pod.clone(), mounts))
}

/// Mounts container `i`'s volumes into `fs` (with `only`, just those that matter there).
pub(crate) fn mount(c: &mut Cluster, uid: &str, i: usize, fs: &mut Fs, only: Option<&[&str]>) -> Vec<Mounted> {
    let Some((pod, mounts)) = wanted_mounts(c, uid, i, only) else { return Vec::new() };
    let pod_ip = c.kubelets.pods.get(uid).map(|w| w.ip.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for (path, v, sub) in mounts {
        let (key, mut vol) = take_volume(c, uid, &pod, &v, &pod_ip);
        let existed = fs.exists(&path);
        let hidden = existed.then(|| fs.take_subtree(&path));
        let sub = if sub.is_empty() { String::new() } else { normalize("/", &sub) };
        if sub.is_empty() {
            fs.put_subtree(&path, vol);
        } else {
            let _ = vol.mkdir(&sub, true);
            let part = vol.take_subtree(&sub);
            fs.put_subtree(&path, part);
            // The rest of the volume waits in the store until the unmount puts the part back.
            store_volume(c, uid, key.clone(), vol);
        }
        out.push(Mounted { path, key, sub, hidden, existed });
    }
    out
}

/// Takes the volumes out of `fs` again (in reverse order) and puts back what they hid.
pub(crate) fn unmount(c: &mut Cluster, uid: &str, fs: &mut Fs, mounted: Vec<Mounted>) {
    for m in mounted.into_iter().rev() {
        let data = fs.take_subtree(&m.path);
        if m.sub.is_empty() {
            store_volume(c, uid, m.key, data);
        } else {
            let (_, mut whole) = match &m.key {
                VolKey::Pod(name) => (m.key.clone(), c.kubelets.pod_volumes.entry(uid.to_string()).or_default().remove(name).unwrap_or_else(Fs::empty)),
                VolKey::Claim(k) => (m.key.clone(), c.kubelets.claims.remove(k).unwrap_or_else(Fs::empty)),
                VolKey::Host(node, path) => (m.key.clone(), c.kubelets.nodes.entry(node.clone()).or_default().host_paths.remove(path).unwrap_or_else(Fs::empty)),
                VolKey::Fresh => (VolKey::Fresh, Fs::empty()),
            };
            whole.put_subtree(&m.sub, data);
            store_volume(c, uid, m.key, whole);
        }
        match m.hidden {
            Some(h) => fs.put_subtree(&m.path, h),
            None if !m.existed => {}
            None => {}
        }
        if !fs.exists(&m.path) {
            // The mount point stays, as runc leaves it.
            let _ = fs.mkdir(&m.path, true);
        }
    }
}

// ---- the network ----

/// Outside hosts the sandbox pretends to reach.
const OUTSIDE: &[(&str, &str)] = &[
    ("example.com", "93.184.215.14"),
    ("www.example.com", "93.184.215.14"),
    ("kubernetes.io", "3.33.186.135"),
    ("google.com", "142.250.196.110"),
    ("www.google.com", "142.250.196.100"),
    ("github.com", "20.200.245.247"),
];

fn is_ip(s: &str) -> bool {
    s.split('.').count() == 4 && s.split('.').all(|p| p.parse::<u8>().is_ok())
}

fn ready_ips(c: &Cluster, ns: &str, svc: &str) -> Vec<String> {
    c.store.endpoints.get(ns, svc).map(|e| e.subsets.iter().flat_map(|s| s.addresses.iter().map(|a| a.ip.clone())).collect()).unwrap_or_default()
}

fn lookup_fqdn(c: &Cluster, fqdn: &str) -> Option<String> {
    if let Some(rest) = fqdn.strip_suffix(".svc.cluster.local") {
        let parts: Vec<&str> = rest.split('.').collect();
        return match parts.as_slice() {
            [svc, ns] => {
                let s = c.store.services.get(ns, svc)?;
                if s.spec.type_ == "ExternalName" {
                    return lookup_outside(&s.spec.external_name);
                }
                if s.spec.cluster_ip == "None" {
                    ready_ips(c, ns, svc).into_iter().next()
                } else {
                    Some(s.spec.cluster_ip.clone())
                }
            }
            [host, svc, ns] => {
                c.store.services.get(ns, svc)?;
                let pod = c.store.pods.in_namespace(ns).find(|p| p.spec.subdomain == *svc && hostname(p) == *host)?;
                (!pod.status.pod_ip.is_empty()).then(|| pod.status.pod_ip.clone())
            }
            _ => None,
        };
    }
    if let Some(rest) = fqdn.strip_suffix(".pod.cluster.local") {
        let (dashed, _ns) = rest.split_once('.')?;
        let ip = dashed.replace('-', ".");
        return is_ip(&ip).then_some(ip);
    }
    lookup_outside(fqdn)
}

fn lookup_outside(name: &str) -> Option<String> {
    OUTSIDE.iter().find(|(h, _)| *h == name).map(|(_, ip)| ip.to_string())
}

/// A DNS lookup from a pod of namespace `ns` (search domains, `ndots:5`).
pub(crate) fn resolve(c: &Cluster, ns: &str, name: &str) -> Option<(String, String)> {
    let name = name.trim_end_matches('.');
    if is_ip(name) {
        return Some((name.to_string(), name.to_string()));
    }
    if name == "localhost" {
        return Some(("localhost".into(), "127.0.0.1".into()));
    }
    let mut candidates = Vec::new();
    if name.matches('.').count() < 5 {
        for d in [format!("{ns}.svc.cluster.local"), "svc.cluster.local".into(), "cluster.local".into()] {
            candidates.push(format!("{name}.{d}"));
        }
    }
    candidates.push(name.to_string());
    candidates.into_iter().find_map(|fqdn| lookup_fqdn(c, &fqdn).map(|ip| (fqdn, ip)))
}

/// Where a connection to `ip:port` goes.
pub(crate) enum Route {
    /// A container of a pod (pod uid, container index) listening there.
    Container(String, usize),
    /// An outside host answering HTTP.
    Outside(String),
    Refused,
    Timeout,
}

fn pod_by_ip(c: &Cluster, ip: &str) -> Option<String> {
    c.kubelets.pods.iter().find(|(_, w)| w.sandbox_ready && w.ip == ip).map(|(u, _)| u.clone())
}

/// The container of a pod listening on `port`.
pub(crate) fn listener(c: &Cluster, uid: &str, port: i32) -> Option<usize> {
    let w = c.kubelets.pods.get(uid)?;
    (0..w.containers.len()).find(|j| c.kubelets.data(uid, *j).and_then(|d| d.run.as_ref()).is_some_and(|r| r.listens(port)))
}

/// Routes a TCP connection from pod `from` (its uid) to `ip:port`.
pub(crate) fn route(c: &mut Cluster, from: &str, ip: &str, port: i32) -> Route {
    if ip == "127.0.0.1" || ip == "::1" {
        return match listener(c, from, port) {
            Some(j) => Route::Container(from.to_string(), j),
            None => Route::Refused,
        };
    }
    if let Some((h, _)) = OUTSIDE.iter().find(|(_, a)| *a == ip) {
        return Route::Outside(h.to_string());
    }
    if let Some(uid) = pod_by_ip(c, ip) {
        return match listener(c, &uid, port) {
            Some(j) => Route::Container(uid, j),
            None => Route::Refused,
        };
    }
    // A Service's ClusterIP, or a node's NodePort.
    let by_ip = c.store.services.iter().find(|s| s.spec.cluster_ip == ip && ip != "None").cloned();
    let node_port = c.store.nodes.iter().any(|n| n.address("InternalIP") == Some(ip));
    let svc = by_ip.or_else(|| {
        node_port.then(|| c.store.services.iter().find(|s| s.spec.ports.iter().any(|p| p.node_port == port && p.node_port != 0)).cloned()).flatten()
    });
    let Some(svc) = svc else { return Route::Timeout };
    let sp = if node_port { svc.spec.ports.iter().find(|p| p.node_port == port) } else { svc.spec.ports.iter().find(|p| p.port == port) };
    let Some(sp) = sp else { return Route::Timeout };
    let ns = svc.metadata.namespace.clone();
    let Some(ep) = c.store.endpoints.get(&ns, &svc.metadata.name) else { return Route::Refused };
    let mut targets: Vec<(String, i32)> = Vec::new();
    for s in &ep.subsets {
        let Some(p) = s.ports.iter().find(|p| p.name == sp.name).or_else(|| (s.ports.len() == 1).then(|| &s.ports[0])) else { continue };
        for a in &s.addresses {
            targets.push((a.ip.clone(), p.port));
        }
    }
    if targets.is_empty() {
        return Route::Refused;
    }
    let pick = if targets.len() == 1 { 0 } else { c.rng_mut().below(targets.len() as u64) as usize };
    let (tip, tport) = targets[pick].clone();
    match pod_by_ip(c, &tip) {
        Some(uid) => match listener(c, &uid, tport) {
            Some(j) => Route::Container(uid, j),
            None => Route::Refused,
        },
        None => Route::Timeout,
    }
}

/// A parsed `http://host:port/path` URL.
pub(crate) struct Url {
    pub host: String,
    pub port: i32,
    pub path: String,
}

pub(crate) fn parse_url(url: &str) -> Url {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let default = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty() => (h, p.parse().unwrap_or(default)),
        _ => (authority, default),
    };
    let path = if path.starts_with('?') { format!("/{path}") } else { path };
    Url { host: host.trim_start_matches('[').trim_end_matches(']').to_string(), port, path }
}

/// Writes a log line of container `(uid, j)`.
pub(crate) fn log_line(c: &mut Cluster, uid: &str, j: usize, now: Time, stderr: bool, text: &str) {
    if let Some(d) = c.kubelets.data_mut(uid, j) {
        d.logs.push(now, stderr, text);
    }
}

/// Container `(uid, j)` serves a request: its volumes are mounted while it reads its files, and
/// what it logs goes to its log. `None` when nothing there speaks HTTP.
pub(crate) fn serve(c: &mut Cluster, uid: &str, j: usize, req: &Request) -> Option<(u16, String)> {
    let now = c.now();
    let key = (uid, j);
    let mut run = c.kubelets.data_mut(key.0, key.1)?.run.take()?;
    let main = std::mem::replace(&mut run.main, Main::None);
    let result = if let Main::App(mut app) = main {
        let mut lines = Vec::new();
        let roots = app.docroots();
        let r = if !app.speaks_http() {
            None
        } else if run.fs.is_some() || run.mount_paths.iter().any(|m| roots.iter().any(|r| overlaps(m, r))) {
            // A volume (or a change) where the server reads: its own filesystem, mounted.
            let fs = run.materialize(&c.kubelets.templates);
            let mounted = mount(c, uid, j, fs, Some(roots));
            let r = app.serve(req, fs, now, &mut |err, l| lines.push((err, l)));
            unmount(c, uid, fs, mounted);
            Some(r)
        } else {
            let empty = Fs::empty();
            let fs = c.kubelets.templates.get(&run.template).unwrap_or(&empty);
            Some(app.serve(req, fs, now, &mut |err, l| lines.push((err, l))))
        };
        run.main = Main::App(app);
        for (err, l) in lines {
            log_line(c, uid, j, now, err, &l);
        }
        r
    } else {
        run.main = main;
        None
    };
    if let Some(d) = c.kubelets.data_mut(key.0, key.1) {
        d.run = Some(run);
    }
    result
}

// ---- running processes ----

/// Where a process's output goes.
pub(crate) enum Sink {
    /// The container's log (its main process).
    Log,
    /// Collected for `kubectl exec` or a probe: (stderr, line).
    Capture(Vec<(bool, String)>),
}

/// The world a process of container `(uid, i)` sees.
pub(crate) struct RunHost<'a> {
    pub c: &'a mut Cluster,
    pub uid: String,
    pub i: usize,
    pub run: &'a mut Run,
    /// The volumes, once something looked at the filesystem (mounting costs; `echo hi; sleep 1`
    /// never needs them).
    pub mounted: Option<Vec<Mounted>>,
    pub now: Time,
    pub sink: Sink,
    /// The shell is bash in a terminal (its messages differ).
    pub bash: bool,
    pub interactive: bool,
    /// Stdout is a terminal (`kubectl exec -t`).
    pub tty: bool,
    /// The main process started the image's server in the foreground (`exec nginx -g 'daemon
    /// off;'`): the kubelet runs it from now on.
    pub serve: Option<Program>,
}

impl<'a> RunHost<'a> {
    /// The world of a process of the container (its volumes are mounted when first needed).
    pub fn new(c: &'a mut Cluster, uid: &str, i: usize, run: &'a mut Run, sink: Sink) -> RunHost<'a> {
        let now = c.now();
        RunHost { c, uid: uid.to_string(), i, run, mounted: None, now, sink, bash: false, interactive: false, tty: false, serve: None }
    }

    fn ensure_mounted(&mut self) {
        if self.mounted.is_none() {
            let fs = self.run.materialize(&self.c.kubelets.templates);
            self.mounted = Some(mount(self.c, &self.uid, self.i, fs, None));
        }
    }

    /// Unmounts the volumes; returns what was captured.
    pub fn finish(mut self) -> Vec<(bool, String)> {
        if let (Some(mounted), Some(fs)) = (self.mounted.take(), self.run.fs.as_mut()) {
            unmount(self.c, &self.uid, fs, mounted);
        }
        match std::mem::replace(&mut self.sink, Sink::Log) {
            Sink::Capture(v) => v,
            Sink::Log => Vec::new(),
        }
    }

    fn emit(&mut self, stderr: bool, line: &str) {
        match &mut self.sink {
            Sink::Log => log_line(self.c, &self.uid, self.i, self.now, stderr, line),
            Sink::Capture(v) => {
                if v.len() < 100_000 {
                    v.push((stderr, line.to_string()));
                }
            }
        }
    }

    fn pod_ip(&self) -> String {
        self.c.kubelets.pods.get(&self.uid).map(|w| w.ip.clone()).unwrap_or_default()
    }

    fn namespace(&self) -> String {
        self.c.kubelets.pods.get(&self.uid).map(|w| w.key.namespace.clone()).unwrap_or_default()
    }
}

impl Host for RunHost<'_> {
    fn now(&self) -> Time {
        self.now
    }

    fn fs(&mut self) -> &mut Fs {
        self.ensure_mounted();
        self.run.materialize(&self.c.kubelets.templates)
    }

    fn hostname(&self) -> String {
        self.run.hostname.clone()
    }

    fn http(&mut self, method: &str, url: &str, agent: &str) -> Result<(u16, String), HttpError> {
        let u = parse_url(url);
        let ns = self.namespace();
        let Some((_, ip)) = resolve(self.c, &ns, &u.host) else { return Err(HttpError::UnknownHost) };
        // `localhost` is `::1` first (curl and wget try IPv6, nginx listens there too).
        let client = match (u.host.as_str(), ip.as_str()) {
            ("localhost", _) => "::1".to_string(),
            (_, "127.0.0.1") => "127.0.0.1".to_string(),
            _ => self.pod_ip(),
        };
        let host_header = if (u.port == 80 && !url.contains(":80")) || u.port == 443 { u.host.clone() } else { format!("{}:{}", u.host, u.port) };
        let req = Request { method, path: &u.path, port: u.port, client: &client, host: &host_header, agent };
        let own = ip == "127.0.0.1" || ip == "::1" || ip == self.pod_ip();
        let to = if own && self.run.listens(u.port) { Route::Container(self.uid.clone(), self.i) } else { route(self.c, &self.uid.clone(), &ip, u.port) };
        match to {
            Route::Refused => Err(HttpError::Refused),
            Route::Timeout => Err(HttpError::Timeout),
            Route::Outside(h) => Ok((200, format!("<!doctype html>\n<html>\n<head>\n<title>{h}</title>\n</head>\n<body>\n<h1>{h}</h1>\n</body>\n</html>\n"))),
            Route::Container(uid, j) if uid == self.uid && j == self.i => {
                // The container itself (`curl localhost` next to nginx): its volumes are
                // already mounted.
                let now = self.now;
                self.ensure_mounted();
                let mut lines = Vec::new();
                let fs = self.run.fs.as_ref().expect("mounted above");
                let r = match &mut self.run.main {
                    Main::App(app) if app.speaks_http() => Some(app.serve(&req, fs, now, &mut |e, l| lines.push((e, l)))),
                    _ => None,
                };
                for (e, l) in lines {
                    log_line(self.c, &uid, j, now, e, &l);
                }
                r.ok_or(HttpError::Refused)
            }
            Route::Container(uid, j) => {
                // Another container: this one's volumes go back first, so a volume they share
                // is where the other one looks for it.
                if let (Some(mounted), Some(fs)) = (self.mounted.take(), self.run.fs.as_mut()) {
                    unmount(self.c, &self.uid, fs, mounted);
                }
                serve(self.c, &uid, j, &req).ok_or(HttpError::Refused)
            }
        }
    }

    fn resolve(&mut self, name: &str) -> Option<(String, String)> {
        let ns = self.namespace();
        resolve(self.c, &ns, name)
    }

    fn stdout(&mut self, line: &str) {
        self.emit(false, line);
    }

    fn stderr(&mut self, line: &str) {
        self.emit(true, line);
    }

    fn has_command(&self, name: &str) -> bool {
        userland_has(self.run.userland, self.run.tools, name)
    }

    fn tty(&self) -> bool {
        self.tty
    }

    fn external(&mut self, argv: &[String]) -> Option<sh::External> {
        let exited = |code: i32, lines: Vec<(bool, String)>| Some(sh::External::Exited(code, lines));
        if let (Some(v), Some(flag)) = (apps::nginx_of(&self.run.image, argv), argv.get(1)) {
            let version = format!("nginx version: nginx/{}.{}.{}", v.0, v.1, v.2);
            match flag.as_str() {
                "-v" => return exited(0, vec![(true, version)]),
                "-t" | "-T" => {
                    return exited(
                        0,
                        vec![
                            (true, "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok".into()),
                            (true, "nginx: configuration file /etc/nginx/nginx.conf test is successful".into()),
                        ],
                    )
                }
                _ => {}
            }
        }
        let program = apps::program_for(&self.run.image, argv)?;
        if let Program::Perl { .. } = &program {
            let info = StartInfo { hostname: "", pod_ip: "", cpus: 1, kernel: "", declared_ports: Vec::new() };
            let mut app = App::new(program, self.now, &info);
            let mut lines = Vec::new();
            app.start(self.now, &info, &mut |e, l| lines.push((e, l)));
            app.finish(&mut |e, l| lines.push((e, l)));
            return exited(app.exit_code, lines);
        }
        let main = matches!(self.sink, Sink::Log) && matches!(self.run.main, Main::None);
        if main && self.serve.is_none() {
            self.serve = Some(program);
            return Some(sh::External::Serve);
        }
        // The container's server already holds its port.
        let lines = match program {
            Program::Nginx { .. } => {
                let t = sh::strftime(self.now, "%Y/%m/%d %H:%M:%S");
                let mut v = Vec::new();
                for _ in 0..5 {
                    v.push((true, format!("{t} [emerg] 7#7: bind() to 0.0.0.0:80 failed (98: Address already in use)")));
                    v.push((true, "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)".to_string()));
                }
                v.push((true, format!("{t} [emerg] 7#7: still could not bind()")));
                v.push((true, "nginx: [emerg] still could not bind()".to_string()));
                v
            }
            _ => vec![(true, "Error: listen EADDRINUSE: address already in use".to_string())],
        };
        exited(1, lines)
    }

    fn gnu(&self) -> bool {
        self.run.userland == Userland::Debian
    }

    fn not_found(&self, arg0: &str, name: &str) -> String {
        match self.run.userland {
            Userland::Debian if arg0 == "bash" || arg0.ends_with("/bash") => {
                if self.interactive {
                    format!("bash: {name}: command not found")
                } else {
                    format!("bash: line 1: {name}: command not found")
                }
            }
            Userland::Debian => format!("{arg0}: 1: {name}: not found"),
            _ => format!("{arg0}: {name}: not found"),
        }
    }
}

/// The start information a native program needs.
pub(crate) fn start_info<'a>(c: &'a Cluster, node: &str, hostname: &'a str, pod_ip: &'a str, declared: Vec<i32>) -> StartInfo<'a> {
    let n = c.store.nodes.get("", node);
    let cpus = n.and_then(|n| n.status.capacity.get("cpu")).and_then(|q| q.parse::<u32>().ok()).unwrap_or(2);
    let kernel = n.map(|n| n.status.node_info.kernel_version.as_str()).unwrap_or("6.8.0-45-generic");
    StartInfo { hostname, pod_ip, cpus, kernel, declared_ports: declared }
}

/// How long to let a probe or an exec'd command run before giving up on it, in runs.
pub(crate) const MAX_RUNS: usize = 10_000;

/// Runs a process to its end on a private clock from `now` for at most `limit` (a probe's
/// timeout): Some(exit code) or None when it did not finish in time.
pub(crate) fn run_to_end(p: &mut Process, host: &mut RunHost, limit: Duration) -> Option<i32> {
    let start = host.now;
    for _ in 0..MAX_RUNS {
        match p.run(host) {
            sh::State::Exited(code) => return Some(code),
            sh::State::Sleeping { until } => {
                if until - start > limit {
                    return None;
                }
                host.now = until.max(host.now + Duration::from_millis(1));
            }
            sh::State::Blocked => return None,
        }
    }
    None
}
