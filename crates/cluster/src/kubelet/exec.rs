//! Processes started in a running container from outside: `kubectl exec` (the API server's
//! `pods/exec`, streamed to the kubelet, run by the runtime in the container's namespaces) and
//! exec probes. They run in the container's filesystem (volumes mounted) with its environment,
//! in the shell of its image.
//!
//! An exec'd command takes virtual time like anything else: [`Cluster::exec_run`] runs it until
//! it waits, and whoever drives it (kubectl) moves the clock to its wake-up. An interactive
//! shell (`kubectl exec -it POD -- sh`) runs the lines given to [`Exec::input_line`] and waits
//! at its prompt ([`ExecState::Idle`]) in between.

use super::images::Userland;
use super::runtime::{self, RunHost, Sink};
use super::sh::{self, Process};
use super::CtrState;
use crate::api::Probe;
use crate::apiserver::ApiError;
use crate::cluster::Cluster;
use crate::object::Kind;
use crate::time::{Duration, Time};

/// What `kubectl exec` asks for.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// The container (kubectl has picked the default one already).
    pub container: String,
    pub command: Vec<String>,
    /// Stdin is attached (`-i`).
    pub stdin: bool,
    /// A terminal is attached (`-t` with `-i`).
    pub tty: bool,
    /// What stdin holds, when it is not a terminal (`kubectl exec -i POD -- sh <<EOF`).
    pub input: Option<String>,
}

/// Why an exec could not start, as kubectl reports it.
#[derive(Clone, Debug, PartialEq)]
pub enum ExecError {
    /// From the API server (`Error from server (BadRequest): …`).
    Api(ApiError),
    /// From the connection upgrade (`error: unable to upgrade connection: …`).
    Upgrade(String),
    /// The runtime could not start the command (runc's message; exit code 126).
    Runtime(String),
}

/// Where an exec'd process stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecState {
    Exited(i32),
    /// Waiting for the clock.
    Sleeping(Time),
    /// An interactive shell at its prompt.
    Idle,
    /// Waiting for something that will not come (`tail -f`, `sleep infinity`).
    Blocked,
    /// The container stopped under it: the stream ends (kubectl: exit code 137).
    Gone,
}

/// The shell of an interactive exec, for its prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shell {
    /// busybox ash: `/ # `.
    Ash,
    /// Debian's dash: `# `.
    Dash,
    /// bash: `root@host:/# `.
    Bash,
}

/// A process exec'd in a container.
#[derive(Clone, Debug)]
pub struct Exec {
    uid: String,
    index: usize,
    generation: u32,
    pub pod: String,
    pub container: String,
    process: Box<Process>,
    output: Vec<(bool, String)>,
    pub tty: bool,
    shell: Option<Shell>,
    hostname: String,
    exit: Option<i32>,
}

impl Exec {
    /// Output written since the last call: (stderr, line).
    pub fn take_output(&mut self) -> Vec<(bool, String)> {
        std::mem::take(&mut self.output)
    }

    /// Whether this is an interactive shell with a prompt.
    pub fn interactive(&self) -> bool {
        self.shell.is_some()
    }

    /// A line typed at the interactive shell.
    pub fn input_line(&mut self, line: &str) {
        self.process.input_line(line);
    }

    /// The shell's prompt (empty without a terminal).
    pub fn prompt(&self) -> String {
        let Some(shell) = self.shell.filter(|_| self.tty) else { return String::new() };
        if self.process.continuing() {
            return "> ".into();
        }
        let cwd = self.process.cwd().to_string();
        let home = self.process.var("HOME").unwrap_or_else(|| "/root".into());
        let short = if cwd == home {
            "~".to_string()
        } else if let Some(rest) = cwd.strip_prefix(&format!("{home}/")) {
            format!("~/{rest}")
        } else {
            cwd.clone()
        };
        match shell {
            Shell::Ash => format!("{short} # "),
            Shell::Dash => "# ".into(),
            Shell::Bash => format!("root@{}:{short}# ", self.hostname),
        }
    }

    /// Whether the shell is bash (it says `exit` when it leaves).
    pub fn is_bash(&self) -> bool {
        self.shell == Some(Shell::Bash)
    }

    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }
}

fn shell_of(argv: &[String], userland: Userland) -> Option<(Shell, String)> {
    let first = argv.first()?;
    let base = first.rsplit('/').next().unwrap_or(first);
    if argv[1..].iter().any(|a| !matches!(a.as_str(), "-i" | "-l" | "-il" | "-li" | "--login")) {
        return None;
    }
    let shell = match (base, userland) {
        ("bash", _) => Shell::Bash,
        ("sh" | "ash", Userland::Busybox | Userland::Alpine) => Shell::Ash,
        ("sh" | "dash", Userland::Debian) => Shell::Dash,
        _ => return None,
    };
    Some((shell, base.to_string()))
}

impl Cluster {
    /// `POST pods/exec`: starts `opts.command` in a container of a running pod.
    pub fn exec_start(&mut self, namespace: &str, pod: &str, opts: &ExecOptions) -> Result<Exec, ExecError> {
        let Some(p) = self.store.pods.get(namespace, pod).cloned() else {
            return Err(ExecError::Api(ApiError::not_found(Kind::Pod, pod)));
        };
        let name = &opts.container;
        let index = p.spec.init_containers.iter().chain(&p.spec.containers).position(|k| k.name == *name);
        let Some(index) = index else {
            return Err(ExecError::Api(ApiError::BadRequest(format!("container {name} is not valid for pod {pod}"))));
        };
        if p.spec.node_name.is_empty() {
            return Err(ExecError::Api(ApiError::BadRequest(format!("pod {pod} does not have a host assigned"))));
        }
        let uid = p.metadata.uid.clone();
        let not_found = || ExecError::Upgrade(format!("container not found (\"{name}\")"));
        let Some(w) = self.kubelets.pods.get(&uid) else { return Err(not_found()) };
        let Some(k) = w.containers.get(index).filter(|k| matches!(k.state, CtrState::Running { .. })) else { return Err(not_found()) };
        let generation = k.generation;
        let Some(run) = self.kubelets.data(&uid, index).and_then(|d| d.run.as_ref()) else { return Err(not_found()) };
        let Some(first) = opts.command.first() else {
            return Err(ExecError::Api(ApiError::BadRequest("you must specify at least one command for the container".into())));
        };
        if !run.has_command(first, &self.kubelets.templates) {
            return Err(ExecError::Runtime(runtime::exec_failure("OCI runtime exec failed: exec failed: unable to start container process", first)));
        }
        let interactive = if opts.stdin && opts.input.is_none() { shell_of(&opts.command, run.userland) } else { None };
        let process = match &interactive {
            Some((_, name)) => Process::interactive(name, run.env.clone()),
            None => {
                let p = Process::spawn(&opts.command, run.env.clone());
                match &opts.input {
                    Some(data) => p.with_input(data),
                    None => p.with_stdin(opts.stdin),
                }
            }
        };
        let process = process.with_cwd(&run.workdir);
        Ok(Exec {
            uid,
            index,
            generation,
            pod: pod.to_string(),
            container: name.clone(),
            process: Box::new(process),
            output: Vec::new(),
            tty: opts.tty && opts.stdin,
            shell: interactive.map(|(s, _)| s),
            hostname: run.hostname.clone(),
            exit: None,
        })
    }

    /// Runs an exec'd process at the current time until it exits or waits.
    pub fn exec_run(&mut self, e: &mut Exec) -> ExecState {
        if let Some(code) = e.exit {
            return ExecState::Exited(code);
        }
        if !super::running(self, &e.uid, e.index, e.generation) {
            return ExecState::Gone;
        }
        let key = (e.uid.clone(), e.index);
        let Some(mut run) = self.kubelets.data_mut(&key.0, key.1).and_then(|d| d.run.take()) else { return ExecState::Gone };
        let mut host = RunHost::new(self, &e.uid, e.index, &mut run, Sink::Capture(Vec::new()));
        host.bash = e.shell == Some(Shell::Bash);
        host.interactive = e.shell.is_some();
        host.tty = e.tty;
        let state = e.process.run(&mut host);
        let out = host.finish();
        if let Some(d) = self.kubelets.data_mut(&key.0, key.1) {
            d.run = Some(run);
        }
        e.output.extend(out);
        match state {
            sh::State::Exited(code) => {
                e.exit = Some(code);
                ExecState::Exited(code)
            }
            sh::State::Sleeping { until } => ExecState::Sleeping(until),
            sh::State::Blocked if e.process.awaiting_input() => ExecState::Idle,
            sh::State::Blocked => ExecState::Blocked,
        }
    }
}

/// An exec probe: runs `command` in container `i` of pod `uid` for at most the probe's
/// timeout; success is exit code 0, the output is what it printed (stdout and stderr).
pub(crate) fn probe(c: &mut Cluster, uid: &str, i: usize, command: &[String], p: &Probe) -> (bool, String) {
    let key = (uid, i);
    let Some(mut run) = c.kubelets.data_mut(key.0, key.1).and_then(|d| d.run.take()) else {
        return (false, "container not running".into());
    };
    let result = match command.first() {
        None => (false, "rpc error: code = Unknown desc = failed to exec in container: no command specified".to_string()),
        Some(first) if !run.has_command(first, &c.kubelets.templates) => (false, runtime::exec_failure("OCI runtime exec failed: exec failed: unable to start container process", first)),
        Some(_) => {
            let mut process = Process::spawn(command, run.env.clone()).with_cwd(&run.workdir);
            let mut host = RunHost::new(c, uid, i, &mut run, Sink::Capture(Vec::new()));
            let timeout = Duration::from_secs(i64::from(p.timeout_seconds.max(1)));
            let code = runtime::run_to_end(&mut process, &mut host, timeout);
            let out = host.finish();
            let text = out.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join("\n");
            match code {
                Some(0) => (true, text),
                Some(_) => (false, text),
                None => (false, format!("command \"{}\" timed out", command.join(" "))),
            }
        }
    };
    if let Some(d) = c.kubelets.data_mut(key.0, key.1) {
        d.run = Some(run);
    }
    result
}
