//! A sandbox session: one cluster and the state of the "terminal" in front of it. Both front
//! ends (the `kubeplay` binary and the web app) feed it command lines and show its [`Output`].

use std::collections::BTreeMap;

use cluster::time::parse_go_duration;
use cluster::{Cluster, ClusterConfig};

use crate::cmd::config::KubeConfig;
use crate::cmd::{self, Context};
use crate::coreutils;
use crate::output::{Output, Stream};
use crate::shell::{self, Connector, ParseError, Pipeline, Redirect};

/// Where `-f FILE` reads from: the real filesystem for the terminal binary, the editor's tabs
/// in the web app.
pub trait FileSource {
    /// The file's text, or kubectl's message when it cannot be read.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// No files at all (every path "does not exist").
pub struct NoFiles;

impl FileSource for NoFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        Err(format!("the path \"{path}\" does not exist"))
    }
}

pub struct Session {
    cluster: Cluster,
    /// The terminal's kubeconfig: its current context's namespace is the default for commands.
    kubeconfig: KubeConfig,
    files: Box<dyn FileSource>,
    /// The terminal's aliases (bash's `alias`); they outlive `sim reset`.
    aliases: BTreeMap<String, String>,
    /// A shell in a container the terminal is attached to (`kubectl exec -it POD -- sh`): lines
    /// go to it until it exits.
    attached: Option<cluster::kubelet::Exec>,
    /// `kubectl edit`'s editor, the openings `sim editor` scripted, and an edit waiting for an
    /// asynchronous editor.
    edits: crate::editor::Edits,
}

/// The aliases every new terminal has (`k` also works without its alias).
const DEFAULT_ALIASES: &[(&str, &str)] = &[
    ("k", "kubectl"),
    ("kgd", "kubectl get deployments"),
    ("kgp", "kubectl get pods"),
    ("kgs", "kubectl get services"),
];

impl Session {
    pub fn new(config: ClusterConfig) -> Self {
        Session::with_files(config, Box::new(NoFiles))
    }

    pub fn with_files(config: ClusterConfig, files: Box<dyn FileSource>) -> Self {
        let aliases = DEFAULT_ALIASES.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let kubeconfig = KubeConfig::for_preset(config.preset);
        Session { cluster: Cluster::new(config), kubeconfig, files, aliases, attached: None, edits: Default::default() }
    }

    /// The prompt the terminal shows: `$ `, or the attached container shell's (`/ # `,
    /// `root@web-0:/# `).
    pub fn prompt(&self) -> String {
        match &self.attached {
            Some(e) => e.prompt(),
            None => "$ ".into(),
        }
    }

    /// Whether the terminal is attached to a shell in a container.
    pub fn attached(&self) -> bool {
        self.attached.is_some()
    }

    /// Runs a command line on the host even while a container shell is attached (the web app's
    /// buttons: Apply, describe, node actions, the clock bar). A shell the line opens wins.
    pub fn run_on_host(&mut self, command: &str) -> Output {
        let attached = self.attached.take();
        let out = self.run(command);
        self.attached = self.attached.take().or(attached);
        out
    }

    /// A line for the attached container shell.
    fn run_attached(&mut self, command: &str) -> Output {
        let mut out = Output::default();
        let Some(e) = self.attached.as_mut() else { return out };
        for line in command.split('\n') {
            e.input_line(line);
        }
        if cmd::exec::drive(&mut self.cluster, e, &mut out).is_some() {
            self.attached = None;
        }
        out
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The editor `kubectl edit` opens (the default saves every file unchanged; `sim editor`
    /// scripts the next openings whatever the editor).
    pub fn set_editor(&mut self, editor: Box<dyn crate::editor::Editor>) {
        self.edits.editor = editor;
    }

    /// The file an asynchronous editor should show: a `kubectl edit` waits for it.
    pub fn pending_edit(&self) -> Option<crate::editor::PendingEdit> {
        self.edits.pending_edit()
    }

    /// The asynchronous editor saved `text` (closing it without saving is `text` unchanged):
    /// the `kubectl edit` goes on, and may open the editor again (see [`Self::pending_edit`]).
    pub fn finish_edit(&mut self, text: &str) -> Output {
        let mut out = Output::default();
        let mut ctx = Context { cluster: &mut self.cluster, namespace: self.kubeconfig.namespace().to_string(), stdin: None, files: self.files.as_ref() };
        self.edits.finish(text, &mut ctx, &mut out);
        for w in self.cluster.take_warnings() {
            out.err(format!("{w}\n"));
        }
        out
    }

    /// The terminal's aliases, by name.
    pub fn aliases(&self) -> &BTreeMap<String, String> {
        &self.aliases
    }

    /// Runs one command line and returns what it printed. The line is a shell list
    /// (`a | b && c; d`); it may open heredocs (`<<EOF`), whose bodies and terminators follow it
    /// and become the stdin of their commands. Further lines run in turn, as a shell runs a
    /// script. The status is the last pipeline's, whose status is its last command's.
    /// Never panics on any input.
    pub fn run(&mut self, command: &str) -> Output {
        if self.attached.is_some() {
            return self.run_attached(command);
        }
        let mut out = Output::default();
        let mut rest = command;
        let mut status = 0;
        while !rest.is_empty() {
            let (parsed, used) = shell::parse_line(rest, &self.aliases);
            rest = rest.get(used.max(1)..).unwrap_or("");
            let list = match parsed {
                Ok(list) => list,
                Err(ParseError::Syntax(e)) => {
                    out.err(format!("sh: {e}\n"));
                    out.status = 2;
                    return out;
                }
                Err(ParseError::Unsupported(what)) => {
                    out.error(format!("kubeplay does not support {what} yet"));
                    return out;
                }
            };
            for (connector, pipeline) in &list {
                let skip = match connector {
                    Connector::Seq => false,
                    Connector::And => status != 0,
                    Connector::Or => status == 0,
                };
                if !skip {
                    status = self.run_pipeline(pipeline, &mut out);
                }
            }
        }
        out.status = status;
        out
    }

    /// Runs the stages of a pipeline in turn, each one's stdout the next one's stdin. Stderr goes
    /// straight to the terminal. Returns the last stage's status (bash without `pipefail`).
    fn run_pipeline(&mut self, pipeline: &Pipeline, out: &mut Output) -> i32 {
        let mut piped: Option<String> = None;
        let mut status = 0;
        let last = pipeline.stages.len().saturating_sub(1);
        for (k, stage) in pipeline.stages.iter().enumerate() {
            let from_pipe = piped.take();
            let routes = match self.redirections(&stage.redirects) {
                Ok(r) => r,
                Err(e) => {
                    for (stream, text) in e.chunks {
                        match stream {
                            Stream::Stdout => out.out(text),
                            Stream::Stderr => out.err(text),
                        }
                    }
                    status = e.status;
                    piped = Some(String::new());
                    continue;
                }
            };
            // A heredoc or `<` wins over the pipe, as in bash.
            let stdin = routes.stdin.or_else(|| stage.stdin.clone()).or(from_pipe);
            let result = self.run_command(&stage.words, stdin);
            let mut next = String::new();
            for (stream, text) in result.chunks {
                let sink = match stream {
                    Stream::Stdout => routes.stdout,
                    Stream::Stderr => routes.stderr,
                };
                match sink {
                    Sink::Stdout if k < last => next.push_str(&text),
                    Sink::Stdout => out.out(text),
                    Sink::Stderr => out.err(text),
                    Sink::Null => {}
                }
            }
            status = result.status;
            piped = Some(next);
        }
        status
    }

    /// Where a stage's output goes and what it reads, after its redirections (left to right).
    /// Only `/dev/null`, the standard streams and reading a file with `<` are modelled.
    fn redirections(&self, redirects: &[Redirect]) -> Result<Routes, Output> {
        let mut routes = Routes { stdout: Sink::Stdout, stderr: Sink::Stderr, stdin: None };
        let unsupported = |r: &Redirect| {
            let mut out = Output::default();
            out.error(format!(
                "kubeplay does not support the redirection `{}{}{}` yet (only /dev/null, 2>&1 and < FILE)",
                r.fd.map(|f| f.to_string()).unwrap_or_default(),
                r.op,
                r.target
            ));
            out
        };
        for r in redirects {
            let reads = r.op.starts_with('<');
            let fd = r.fd.unwrap_or(if reads { 0 } else { 1 });
            let sink = |target: &str, routes: &Routes| match target {
                "/dev/null" => Some(Sink::Null),
                "/dev/stdout" | "/dev/fd/1" => Some(routes.stdout),
                "/dev/stderr" | "/dev/fd/2" => Some(routes.stderr),
                _ => None,
            };
            match r.op.as_str() {
                "<" if fd == 0 => {
                    if r.target == "/dev/null" {
                        routes.stdin = Some(String::new());
                        continue;
                    }
                    match self.files.read(&r.target) {
                        Ok(text) => routes.stdin = Some(text),
                        Err(_) => {
                            let mut out = Output::default();
                            out.err(format!("sh: {}: No such file or directory\n", r.target));
                            out.status = 1;
                            return Err(out);
                        }
                    }
                }
                ">" | ">>" | ">|" if fd == 1 || fd == 2 => {
                    let Some(s) = sink(&r.target, &routes) else { return Err(unsupported(r)) };
                    if fd == 1 {
                        routes.stdout = s;
                    } else {
                        routes.stderr = s;
                    }
                }
                ">&" if fd == 1 || fd == 2 => {
                    let s = match r.target.as_str() {
                        "1" => routes.stdout,
                        "2" => routes.stderr,
                        "-" => Sink::Null,
                        t if r.fd.is_none() => match sink(t, &routes) {
                            // `>&FILE` is `&>FILE`.
                            Some(s) => {
                                routes.stderr = s;
                                s
                            }
                            None => return Err(unsupported(r)),
                        },
                        _ => return Err(unsupported(r)),
                    };
                    if fd == 1 {
                        routes.stdout = s;
                    } else {
                        routes.stderr = s;
                    }
                }
                "&>" | "&>>" => {
                    let Some(s) = sink(&r.target, &routes) else { return Err(unsupported(r)) };
                    routes.stdout = s;
                    routes.stderr = s;
                }
                _ => return Err(unsupported(r)),
            }
        }
        Ok(routes)
    }

    /// Runs one simple command: kubectl, a sandbox or shell builtin, or a filter.
    fn run_command(&mut self, words: &[String], stdin: Option<String>) -> Output {
        let mut out = Output::default();
        let Some((program, args)) = words.split_first() else {
            return out;
        };
        match program.as_str() {
            "kubectl" | "k" if args.get(cmd::subcommand_index(args)).is_some_and(|s| s == "config") => {
                let i = cmd::subcommand_index(args);
                let rest: Vec<String> = args[..i].iter().chain(&args[i + 1..]).cloned().collect();
                cmd::config::run(&mut self.kubeconfig, &rest, &mut out);
            }
            "kubectl" | "k" if args.get(cmd::subcommand_index(args)).is_some_and(|s| s == "exec") => {
                let mut ctx = Context { cluster: &mut self.cluster, namespace: self.kubeconfig.namespace().to_string(), stdin, files: self.files.as_ref() };
                self.attached = cmd::exec::attach(&mut ctx, args, &mut out);
                for w in self.cluster.take_warnings() {
                    out.err(format!("{w}\n"));
                }
            }
            "kubectl" | "k" if args.get(cmd::subcommand_index(args)).is_some_and(|s| s == "edit") => {
                let mut ctx = Context { cluster: &mut self.cluster, namespace: self.kubeconfig.namespace().to_string(), stdin, files: self.files.as_ref() };
                if let Some(edit) = cmd::edit::start(&mut ctx, args, &mut out) {
                    self.edits.start(edit, &mut ctx, &mut out);
                }
                for w in self.cluster.take_warnings() {
                    out.err(format!("{w}\n"));
                }
            }
            "kubectl" | "k" => {
                // `-n` on one command does not change the session's namespace.
                let mut ctx = Context {
                    cluster: &mut self.cluster,
                    namespace: self.kubeconfig.namespace().to_string(),
                    stdin,
                    files: self.files.as_ref(),
                };
                cmd::kubectl(&mut ctx, args, &mut out);
                for w in self.cluster.take_warnings() {
                    out.err(format!("{w}\n"));
                }
            }
            "sim" => self.sim(args, &mut out),
            "alias" => self.alias(args, &mut out),
            "unalias" => self.unalias(args, &mut out),
            other => match coreutils::run(other, args, stdin.as_deref().unwrap_or("")) {
                Some(o) => out = o,
                None => {
                    out.err(format!("{other}: command not found\n"));
                    out.status = 127;
                }
            },
        }
        out
    }

    /// bash's `alias [-p] [NAME[=VALUE] ...]`.
    fn alias(&mut self, args: &[String], out: &mut Output) {
        let mut args = args;
        while let Some(a) = args.first() {
            match a.as_str() {
                "-p" => args = &args[1..],
                "--" => {
                    args = &args[1..];
                    break;
                }
                a if a.starts_with('-') && a.len() > 1 => {
                    out.err(format!("sh: alias: {a}: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n"));
                    out.status = 2;
                    return;
                }
                _ => break,
            }
        }
        if args.is_empty() {
            let listing: String = self.aliases.iter().map(|(k, v)| format!("alias {k}={}\n", single_quote(v))).collect();
            out.out(listing);
            return;
        }
        for a in args {
            match a.split_once('=') {
                Some((name, value)) if valid_alias_name(name) => {
                    self.aliases.insert(name.to_string(), value.to_string());
                }
                Some((name, _)) => {
                    out.err(format!("sh: alias: `{name}': invalid alias name\n"));
                    out.status = 1;
                }
                None => match self.aliases.get(a.as_str()) {
                    Some(v) => out.out(format!("alias {a}={}\n", single_quote(v))),
                    None => {
                        out.err(format!("sh: alias: {a}: not found\n"));
                        out.status = 1;
                    }
                },
            }
        }
    }

    /// bash's `unalias [-a] NAME...`.
    fn unalias(&mut self, args: &[String], out: &mut Output) {
        let usage = "unalias: usage: unalias [-a] name [name ...]\n";
        let mut args = args;
        match args.first().map(String::as_str) {
            Some("-a") => {
                self.aliases.clear();
                return;
            }
            Some("--") => args = &args[1..],
            Some(a) if a.starts_with('-') && a.len() > 1 => {
                out.err(format!("sh: unalias: {a}: invalid option\n{usage}"));
                out.status = 2;
                return;
            }
            _ => {}
        }
        if args.is_empty() {
            out.err(usage);
            out.status = 2;
            return;
        }
        for a in args {
            if self.aliases.remove(a.as_str()).is_none() {
                out.err(format!("sh: unalias: {a}: not found\n"));
                out.status = 1;
            }
        }
    }

    /// `sim …`: sandbox commands that have no kubectl equivalent.
    fn sim(&mut self, args: &[String], out: &mut Output) {
        match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            ["now"] => out.out(format!("{}\n", self.cluster.now())),
            ["editor", ..] => self.edits.sim(&args[1..], out),
            ["reset"] => {
                self.cluster = Cluster::new(self.cluster.config().clone());
                self.kubeconfig = KubeConfig::for_preset(self.cluster.config().preset);
                out.out(format!("cluster reset (seed {}, clock {})\n", self.cluster.config().seed, self.cluster.now()));
            }
            ["seed", n] => match n.parse::<u64>() {
                Ok(seed) => {
                    let config = ClusterConfig { seed, ..self.cluster.config().clone() };
                    self.cluster = Cluster::new(config);
                    self.kubeconfig = KubeConfig::for_preset(self.cluster.config().preset);
                    out.out(format!("cluster reset (seed {seed}, clock {})\n", self.cluster.now()));
                }
                Err(_) => out.error(format!("sim seed: \"{n}\" is not a non-negative integer")),
            },
            ["advance", d] => match parse_go_duration(d) {
                Ok(d) if d.as_millis() >= 0 => {
                    self.cluster.advance(d);
                    out.out(format!("{}\n", self.cluster.now()));
                }
                Ok(_) => out.error("sim advance: the duration must not be negative"),
                Err(e) => out.error(format!("sim advance: {e}")),
            },
            ["cluster", preset] => match cluster::nodes::Preset::parse(preset) {
                Some(preset) => {
                    let config = ClusterConfig { preset, ..self.cluster.config().clone() };
                    self.cluster = Cluster::new(config);
                    self.kubeconfig = KubeConfig::for_preset(self.cluster.config().preset);
                    let name = format!("{preset:?}").to_lowercase();
                    out.out(format!("cluster reset: {name} preset (seed {}, clock {})\n", self.cluster.config().seed, self.cluster.now()));
                }
                None => out.error(format!("sim cluster: unknown preset \"{preset}\" (default, minikube)")),
            },
            ["node", verb @ ("stop" | "start" | "remove"), name] => {
                let result = match *verb {
                    "stop" => self.cluster.stop_node(name),
                    "start" => self.cluster.start_node(name),
                    _ => self.cluster.remove_node(name),
                };
                self.cluster.settle();
                match result {
                    Ok(()) if *verb == "stop" => out.out(format!("node/{name} stopped (kubelet and network down)\n")),
                    Ok(()) if *verb == "start" => out.out(format!("node/{name} started\n")),
                    Ok(()) => out.out(format!("node/{name} removed\n")),
                    Err(e) => out.error(format!("sim node {verb}: {e}")),
                }
            }
            ["node", "add", name, rest @ ..] => {
                let mut labels = std::collections::BTreeMap::new();
                let (mut cpu, mut memory) = (None, None);
                let mut it = rest.iter();
                while let Some(flag) = it.next() {
                    let (flag, inline) = match flag.split_once('=') {
                        Some((f, v)) if f.starts_with("--") => (f, Some(v)),
                        _ => (*flag, None),
                    };
                    let Some(value) = inline.or_else(|| it.next().copied()) else {
                        return out.error(format!("sim node add: {flag} needs a value"));
                    };
                    match flag {
                        "--label" | "-l" => match value.split_once('=') {
                            Some((k, v)) if !k.is_empty() => {
                                labels.insert(k.to_string(), v.to_string());
                            }
                            _ => return out.error(format!("sim node add: --label {value}: expected key=value")),
                        },
                        "--cpu" => cpu = Some(value),
                        "--memory" => memory = Some(value),
                        other => return out.error(format!("sim node add: unknown flag {other} (--label k=v, --cpu N, --memory Q)")),
                    }
                }
                match self.cluster.add_node(name, labels, cpu, memory) {
                    Ok(()) => out.out(format!("node/{name} added\n")),
                    Err(e) => out.error(format!("sim node add: {e}")),
                }
            }
            _ => out.error(SIM_USAGE),
        }
    }
}

/// Where a stage's stdout or stderr goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sink {
    /// Standard output: the next stage's stdin, or the terminal for the last stage.
    Stdout,
    /// The terminal, as stderr.
    Stderr,
    Null,
}

struct Routes {
    stdout: Sink,
    stderr: Sink,
    stdin: Option<String>,
}

/// bash's `legal_alias_name`: no quotes, no `/`, `$`, `` ` ``, `=`, nor shell metacharacters.
fn valid_alias_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| "/$`='\"\\|&;()<> \t\n".contains(c))
}

/// A value in single quotes as bash's `alias` prints it (`'` becomes `'\''`).
fn single_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\\''"))
}

const SIM_USAGE: &str = "usage: sim now | sim advance DURATION (Go syntax: 90s, 5m, 1h30m) | sim reset | sim seed N | sim cluster default|minikube\n       sim node stop|start|remove NAME | sim node add NAME [--label k=v]... [--cpu N] [--memory Q]\n       sim editor OP... (what the next opening of the editor by kubectl edit does: s/RE/TEXT/[g], /RE/d, /RE/a TEXT, /RE/i TEXT, /RE/c TEXT, clear, keep)\n       sim editor show (the files the editor was opened with by the last kubectl edit) | sim editor reset";

#[cfg(test)]
mod tests {
    use super::*;

    fn run(session: &mut Session, line: &str) -> (String, String, i32) {
        let o = session.run(line);
        (o.stdout(), o.stderr(), o.status)
    }

    #[test]
    fn pipelines_pass_stdout_and_report_the_last_status() {
        let mut s = Session::new(ClusterConfig::default());
        assert_eq!(run(&mut s, "kubectl get nodes -o name | grep -c node"), ("4\n".into(), String::new(), 0));
        assert_eq!(run(&mut s, "kubectl get nodes | grep nothing"), (String::new(), String::new(), 1));
        assert_eq!(run(&mut s, "kubectl get nothing | cat"), (String::new(), "error: the server doesn't have a resource type \"nothing\"\n".into(), 0));
        assert_eq!(run(&mut s, "kubectl get nodes | nosuch"), (String::new(), "nosuch: command not found\n".into(), 127));
        assert_eq!(run(&mut s, "nosuch | wc -l"), ("0\n".into(), "nosuch: command not found\n".into(), 0));
        assert_eq!(run(&mut s, "echo -n admin | base64 | base64 -d"), ("admin".into(), String::new(), 0));
        // stderr of an early stage comes before the filtered stdout.
        let o = s.run("kubectl get nodez 2>&1 | wc -l; kubectl get nodez | wc -l");
        assert_eq!(o.text(), "1\nerror: the server doesn't have a resource type \"nodez\"\n0\n");
        assert_eq!(o.status, 0);
    }

    #[test]
    fn lists_redirections_and_heredocs() {
        let mut s = Session::new(ClusterConfig::default());
        assert_eq!(run(&mut s, "false && echo no; echo yes"), ("yes\n".into(), String::new(), 0));
        assert_eq!(run(&mut s, "true && false"), (String::new(), String::new(), 1));
        assert_eq!(run(&mut s, "false || echo rescued"), ("rescued\n".into(), String::new(), 0));
        assert_eq!(run(&mut s, "kubectl get nodez 2>/dev/null"), (String::new(), String::new(), 1));
        assert_eq!(run(&mut s, "echo out >&2"), (String::new(), "out\n".into(), 0));
        assert_eq!(run(&mut s, "kubectl get nodes &>/dev/null && echo ok"), ("ok\n".into(), String::new(), 0));
        let (_, e, st) = run(&mut s, "kubectl get nodes > nodes.txt");
        assert_eq!((e.as_str(), st), ("error: kubeplay does not support the redirection `>nodes.txt` yet (only /dev/null, 2>&1 and < FILE)\n", 1));
        assert_eq!(run(&mut s, "grep x < pod.yaml"), (String::new(), "sh: pod.yaml: No such file or directory\n".into(), 1));
        let (o, _, st) = run(&mut s, "kubectl apply -f - <<EOF | grep -c created\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\nEOF");
        assert_eq!((o.as_str(), st), ("1\n", 0));
        assert_eq!(run(&mut s, "| wc"), (String::new(), "sh: syntax error near unexpected token `|'\n".into(), 2));
        let (_, e, st) = run(&mut s, "kubectl port-forward svc/web 8080:80 &");
        assert_eq!((e.as_str(), st), ("error: kubeplay does not support running commands in the background (`&`) yet\n", 1));
    }

    #[test]
    fn aliases_are_the_terminals_and_survive_a_reset() {
        let mut s = Session::new(ClusterConfig::default());
        assert_eq!(run(&mut s, "kgd").1, "No resources found in default namespace.\n");
        assert_eq!(run(&mut s, "alias kn='kubectl get nodes' kx=\"kubectl get ns\""), (String::new(), String::new(), 0));
        assert_eq!(run(&mut s, "kn -o name | head -1"), ("node/control-plane\n".into(), String::new(), 0));
        assert_eq!(run(&mut s, "sim reset").2, 0);
        assert_eq!(run(&mut s, "alias kn kx").0, "alias kn='kubectl get nodes'\nalias kx='kubectl get ns'\n");
        assert_eq!(run(&mut s, "alias it=\"echo it's\"; alias it").0, "alias it='echo it'\\''s'\n");
        assert_eq!(run(&mut s, "alias nope"), (String::new(), "sh: alias: nope: not found\n".into(), 1));
        assert_eq!(run(&mut s, "alias 'a b=c'"), (String::new(), "sh: alias: `a b': invalid alias name\n".into(), 1));
        assert_eq!(run(&mut s, "unalias kn nope"), (String::new(), "sh: unalias: nope: not found\n".into(), 1));
        assert_eq!(run(&mut s, "unalias"), (String::new(), "unalias: usage: unalias [-a] name [name ...]\n".into(), 2));
        assert_eq!(run(&mut s, "kn"), (String::new(), "kn: command not found\n".into(), 127));
        assert_eq!(run(&mut s, "unalias -a; alias; k get ns -o name | wc -l"), ("4\n".into(), String::new(), 0), "k still works");
    }
}
