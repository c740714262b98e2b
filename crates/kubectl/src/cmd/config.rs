//! `kubectl config`: the terminal's kubeconfig. It is client state, so the session owns it
//! ([`KubeConfig`]) and runs this command itself; the current context's namespace is the one
//! every other command defaults to. Texts are kubectl 1.31's (`pkg/cmd/config`).

use cluster::nodes::Preset;
use serde_json::{json, Value};

use super::help;
use crate::flags::{self, bool_flag, value_flag, Flag};
use crate::output::Output;
use crate::printers::tabwrite;

/// Where kubectl would have read and written the file; it appears in some messages.
const PATH: &str = "/root/.kube/config";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedContext {
    pub name: String,
    pub cluster: String,
    pub user: String,
    pub namespace: String,
}

/// The kubeconfig a cluster preset's installer writes (kind-like or minikube).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeConfig {
    pub current: String,
    pub contexts: Vec<NamedContext>,
    /// (name, server URL)
    pub clusters: Vec<(String, String)>,
    pub users: Vec<String>,
}

impl KubeConfig {
    pub fn for_preset(preset: Preset) -> KubeConfig {
        let (host, port) = preset.api_server();
        // minikube writes `namespace: default` into its context; kind writes none.
        let (name, namespace) = match preset {
            Preset::Default => ("kubeplay", ""),
            Preset::Minikube => ("minikube", "default"),
        };
        KubeConfig {
            current: name.into(),
            contexts: vec![NamedContext { name: name.into(), cluster: name.into(), user: name.into(), namespace: namespace.into() }],
            clusters: vec![(name.into(), format!("https://{host}:{port}"))],
            users: vec![name.into()],
        }
    }

    fn current_context(&self) -> Option<&NamedContext> {
        self.contexts.iter().find(|c| c.name == self.current)
    }

    /// The namespace commands use when `-n` is not given.
    pub fn namespace(&self) -> &str {
        match self.current_context() {
            Some(c) if !c.namespace.is_empty() => &c.namespace,
            _ => "default",
        }
    }

    fn to_value(&self, minify: bool) -> Value {
        let ctx = self.current_context();
        let contexts: Vec<&NamedContext> = self.contexts.iter().filter(|c| !minify || Some(*c) == ctx).collect();
        let clusters: Vec<&(String, String)> = self.clusters.iter().filter(|(n, _)| !minify || ctx.is_some_and(|c| &c.cluster == n)).collect();
        let users: Vec<&String> = self.users.iter().filter(|u| !minify || ctx.is_some_and(|c| &c.user == *u)).collect();
        let list = |v: Vec<Value>| if v.is_empty() { Value::Null } else { Value::Array(v) };
        json!({
            "apiVersion": "v1",
            "clusters": list(clusters.iter().map(|(n, s)| json!({"cluster": {"certificate-authority-data": "DATA+OMITTED", "server": s}, "name": n})).collect()),
            "contexts": list(contexts.iter().map(|c| {
                let mut inner = serde_json::Map::new();
                if !c.cluster.is_empty() { inner.insert("cluster".into(), json!(c.cluster)); }
                if !c.namespace.is_empty() { inner.insert("namespace".into(), json!(c.namespace)); }
                if !c.user.is_empty() { inner.insert("user".into(), json!(c.user)); }
                json!({"context": inner, "name": c.name})
            }).collect()),
            "current-context": self.current,
            "kind": "Config",
            "preferences": {},
            "users": list(users.iter().map(|u| json!({"name": u, "user": {"client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED"}})).collect()),
        })
    }
}

const SUBCOMMANDS: &[(&str, &[Flag])] = &[
    ("current-context", &[]),
    ("get-contexts", &[bool_flag("no-headers", None), value_flag("output", Some('o'))]),
    ("get-clusters", &[]),
    ("get-users", &[]),
    ("use-context", &[]),
    ("set-context", &[bool_flag("current", None), value_flag("namespace", None), value_flag("cluster", None), value_flag("user", None)]),
    ("delete-context", &[]),
    ("rename-context", &[]),
    ("view", &[bool_flag("minify", None), bool_flag("raw", None), bool_flag("flatten", None), value_flag("output", Some('o'))]),
];

/// Every `kubectl config` subcommand, so the ones not modelled get an honest message.
const ALL_SUBCOMMANDS: &[&str] = &[
    "current-context", "delete-cluster", "delete-context", "delete-user", "get-clusters", "get-contexts", "get-users",
    "rename-context", "set", "set-cluster", "set-context", "set-credentials", "unset", "use-context", "view",
];

/// Runs `kubectl config ARGS…` (the words after `config`, global flags included).
pub fn run(kc: &mut KubeConfig, args: &[String], out: &mut Output) {
    let Some(pos) = args.iter().position(|a| !a.starts_with('-')) else {
        return out.out(help::for_command("config"));
    };
    let sub = args[pos].as_str();
    let rest: Vec<String> = args[..pos].iter().chain(&args[pos + 1..]).cloned().collect();
    let Some((_, own)) = SUBCOMMANDS.iter().find(|(n, _)| *n == sub) else {
        if ALL_SUBCOMMANDS.contains(&sub) {
            return out.error(format!("kubeplay does not support \"kubectl config {sub}\" yet"));
        }
        return out.error(format!("unknown command \"{sub}\"\nSee 'kubectl config -h' for help and examples"));
    };
    // The subcommand's own flags shadow the global ones of the same name (`--namespace`).
    let mut all: Vec<Flag> = own.to_vec();
    all.extend(super::GLOBAL_FLAGS.iter().filter(|g| !own.iter().any(|f| f.long == g.long)));
    let p = match flags::parse(&rest, &all) {
        Ok(p) => p,
        Err(e) => return out.error(format!("{e}\nSee 'kubectl config {sub} --help' for usage.")),
    };
    if p.bool("help") {
        return out.out(help::for_command("config"));
    }
    let args = &p.args;
    match sub {
        "current-context" => {
            if kc.current.is_empty() {
                return out.error("current-context is not set");
            }
            out.out(format!("{}\n", kc.current));
        }
        "get-contexts" => {
            let name_only = match p.get("output") {
                None | Some("") => false,
                Some("name") => true,
                Some(o) => return out.error(format!("output must be one of '' or 'name': {o}")),
            };
            let mut missing = Vec::new();
            let selected: Vec<&NamedContext> = if args.is_empty() {
                kc.contexts.iter().collect()
            } else {
                args.iter()
                    .filter_map(|n| {
                        let c = kc.contexts.iter().find(|c| &c.name == n);
                        if c.is_none() {
                            missing.push(n.clone());
                        }
                        c
                    })
                    .collect()
            };
            let mut sorted = selected;
            sorted.sort_by(|a, b| a.name.cmp(&b.name));
            if name_only {
                out.out(sorted.iter().map(|c| format!("{}\n", c.name)).collect::<String>());
            } else {
                let mut lines = Vec::new();
                if !p.bool("no-headers") {
                    lines.push(["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"].map(String::from).to_vec());
                }
                for c in sorted {
                    let mark = if c.name == kc.current { "*" } else { "" };
                    lines.push(vec![mark.into(), c.name.clone(), c.cluster.clone(), c.user.clone(), c.namespace.clone()]);
                }
                out.out(tabwrite(&lines));
            }
            if !missing.is_empty() {
                let msgs: Vec<String> = missing.iter().map(|n| format!("context {n} not found")).collect();
                out.error(msgs.join(", "));
            }
        }
        "get-clusters" => {
            out.out(format!("NAME\n{}", kc.clusters.iter().map(|(n, _)| format!("{n}\n")).collect::<String>()));
        }
        "get-users" => {
            out.out(format!("NAME\n{}", kc.users.iter().map(|u| format!("{u}\n")).collect::<String>()));
        }
        "use-context" => match args.as_slice() {
            [name] if kc.contexts.iter().any(|c| &c.name == name) => {
                kc.current = name.clone();
                out.out(format!("Switched to context \"{name}\".\n"));
            }
            [name] => out.error(format!("no context exists with the name: \"{name}\"")),
            _ => out.error("Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples"),
        },
        "set-context" => {
            let name = match (args.as_slice(), p.bool("current")) {
                ([], true) => {
                    if kc.current.is_empty() {
                        return out.error("no current context is set");
                    }
                    kc.current.clone()
                }
                ([_], true) => return out.error("you cannot specify both a context name and --current"),
                ([name], false) => name.clone(),
                ([], false) => return out.error("you must specify a non-empty context name or --current"),
                _ => return out.error("Unexpected args: [".to_string() + &args[1..].join(" ") + "]\nSee 'kubectl config set-context -h' for help and examples"),
            };
            let existed = kc.contexts.iter().any(|c| c.name == name);
            if !existed {
                kc.contexts.push(NamedContext { name: name.clone(), cluster: String::new(), user: String::new(), namespace: String::new() });
            }
            let ctx = kc.contexts.iter_mut().find(|c| c.name == name).expect("just ensured");
            if let Some(ns) = p.get("namespace") {
                ctx.namespace = ns.to_string();
            }
            if let Some(cl) = p.get("cluster") {
                ctx.cluster = cl.to_string();
            }
            if let Some(u) = p.get("user") {
                ctx.user = u.to_string();
            }
            out.out(format!("Context \"{name}\" {}.\n", if existed { "modified" } else { "created" }));
        }
        "delete-context" => match args.as_slice() {
            [name] if kc.contexts.iter().any(|c| &c.name == name) => {
                kc.contexts.retain(|c| &c.name != name);
                if &kc.current == name {
                    out.err("warning: this removed your active context, use \"kubectl config use-context\" to select a different one\n");
                }
                out.out(format!("deleted context {name} from {PATH}\n"));
            }
            [name] => out.error(format!("cannot delete context {name}, not in {PATH}")),
            _ => out.error("Unexpected args: []\nSee 'kubectl config delete-context -h' for help and examples"),
        },
        "rename-context" => match args.as_slice() {
            [old, new] => {
                if !kc.contexts.iter().any(|c| &c.name == old) {
                    return out.error(format!("cannot rename the context \"{old}\", it's not in {PATH}"));
                }
                if kc.contexts.iter().any(|c| &c.name == new) {
                    return out.error(format!("cannot rename the context \"{old}\", the context \"{new}\" already exists in {PATH}"));
                }
                for c in kc.contexts.iter_mut().filter(|c| &c.name == old) {
                    c.name = new.clone();
                }
                if &kc.current == old {
                    kc.current = new.clone();
                }
                out.out(format!("Context \"{old}\" renamed to \"{new}\".\n"));
            }
            _ => out.error("Unexpected args: []\nSee 'kubectl config rename-context -h' for help and examples"),
        },
        "view" => {
            let minify = p.bool("minify");
            if minify && kc.current_context().is_none() {
                return out.error(format!("cannot locate context {}", kc.current));
            }
            let v = kc.to_value(minify);
            match p.get("output").unwrap_or("yaml") {
                "yaml" => out.out(crate::yamlout::to_yaml(&v)),
                "json" => out.out(crate::yamlout::to_json(&v)),
                o if o.starts_with("jsonpath=") || o.starts_with("jsonpath-as-json=") => {
                    let (kind, template) = o.split_once('=').expect("checked above");
                    match crate::jsonpath::printer(template, kind == "jsonpath-as-json").and_then(|jp| jp.print_obj(&v)) {
                        Ok(s) => out.out(s),
                        Err(e) => out.error(e),
                    }
                }
                o => out.error(format!("unable to match a printer suitable for the output format \"{o}\", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml")),
            }
        }
        _ => unreachable!("every modelled subcommand is matched"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_line(kc: &mut KubeConfig, line: &str) -> Output {
        let args: Vec<String> = line.split_whitespace().map(String::from).collect();
        let mut out = Output::default();
        run(kc, &args, &mut out);
        out
    }

    #[test]
    fn the_namespace_follows_the_current_context() {
        let mut kc = KubeConfig::for_preset(Preset::Default);
        assert_eq!(kc.namespace(), "default");
        assert_eq!(run_line(&mut kc, "set-context --current --namespace=dev").text(), "Context \"kubeplay\" modified.\n");
        assert_eq!(kc.namespace(), "dev");
        assert_eq!(run_line(&mut kc, "set-context other --namespace=x").text(), "Context \"other\" created.\n");
        assert_eq!(run_line(&mut kc, "use-context other").text(), "Switched to context \"other\".\n");
        assert_eq!(kc.namespace(), "x");
        assert_eq!(
            run_line(&mut kc, "get-contexts").text(),
            "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n          kubeplay   kubeplay   kubeplay   dev\n*         other                            x\n"
        );
        assert_eq!(run_line(&mut kc, "delete-context other").text(), "warning: this removed your active context, use \"kubectl config use-context\" to select a different one\ndeleted context other from /root/.kube/config\n");
        assert_eq!(kc.namespace(), "default", "no current context: the default namespace");
    }

    #[test]
    fn errors_are_kubectls() {
        let mut kc = KubeConfig::for_preset(Preset::Minikube);
        let rows = [
            ("use-context nope", "error: no context exists with the name: \"nope\"\n"),
            ("set-context", "error: you must specify a non-empty context name or --current\n"),
            ("get-contexts nope", "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\nerror: context nope not found\n"),
            ("bogus", "error: unknown command \"bogus\"\nSee 'kubectl config -h' for help and examples\n"),
            ("rename-context a b", "error: cannot rename the context \"a\", it's not in /root/.kube/config\n"),
        ];
        for (line, want) in rows {
            let o = run_line(&mut kc, line);
            assert_eq!((o.text().as_str(), o.status), (want, 1), "{line}");
        }
    }
}
