//! The shell that runs inside simulated containers: a resumable POSIX `sh` (busybox ash
//! dialect) with the busybox utilities container scripts use.
//!
//! Containers run no real processes. A container's command (`sh -c "…"`, `sleep 3600`,
//! `cat /tmp/x`) becomes a [`Process`]: [`Process::spawn`] compiles it, [`Process::run`] runs it
//! on the virtual clock until it exits or has to wait, and returns what it waits for
//! ([`State`]). The caller (the kubelet) runs it again when the clock reaches the wake-up time.
//! Nothing blocks a thread and nothing recurses on the script: the script is compiled to a
//! flat instruction list (`compile.rs`) run by a machine with an explicit frame stack
//! (`exec.rs`), so a process stops after any instruction and continues on the next call.
//!
//! The world outside the process is the [`Host`]: the virtual clock, the container's
//! filesystem ([`Fs`]), its hostname, HTTP and DNS for `wget`/`curl`/`nslookup`/`nc`, and the
//! stdout/stderr sinks (complete lines; the kubelet timestamps them for `kubectl logs`).
//!
//! # Dialect and choices
//!
//! - **busybox ash + busybox applets** (what `busybox` and `alpine` images run): error texts
//!   are theirs (`sh: foo: not found` → 127, `cat: can't open '/x': No such file or
//!   directory` → 1, `sh: syntax error: unexpected "fi"` → 2, `sh: can't create /x/y:
//!   nonexistent directory`); `echo` interprets escapes only with `-e`. `bash -c` and `ash -c`
//!   run the same dialect. Syntax errors are found a line at a time, as ash does: the lines
//!   before the error run first.
//! - **Time.** `sleep` suspends the process ([`State::Sleeping`]); `sleep infinity`,
//!   `tail -f`, `nc -l`, `read`/`cat` on an open stdin that nothing feeds suspend it forever
//!   ([`State::Blocked`]). A process's stdin is closed unless [`Process::with_stdin`] opens it
//!   (as `stdin: true` does), so `read` sees end of file and `sh` without a script exits 0.
//!   `$(…)` is a real subshell on the same machine, so a `sleep` inside it takes virtual time
//!   like anywhere else (it is not skipped).
//! - **Busy processes.** One [`Process::run`] call executes at most [`STEP_BUDGET`]
//!   instructions. A process that spends them without waiting (`while true; do :; done`) is
//!   treated as busy for one virtual second: `run` returns `Sleeping { until: now + 1s }` and
//!   the next call continues exactly where it stopped. So a busy loop costs the simulation a
//!   bounded amount of work per virtual second and never hangs it.
//! - **Signals.** The shell is PID 1: without a trap it ignores SIGTERM (and every signal the
//!   caller can send; SIGKILL is the caller dropping the process). A trap (`trap 'echo bye;
//!   exit 0' TERM`) runs at the next [`Process::run`]: a `sleep` or `wait` in progress is
//!   interrupted (status 143) and the trap runs, then the script continues after the
//!   interrupted command unless the trap exits. `trap … EXIT` runs when the shell exits.
//! - **Background jobs** (`cmd &`) are jobs of the same process, scheduled in order at each
//!   instant; `wait` waits for them; when PID 1 exits the others die with it.
//! - **Pipelines** run their commands one after another, each in a subshell, passing the
//!   captured output on (a stage that never ends holds up the rest).
//! - **Bounds.** Scripts up to 256 KiB and 64 levels of nesting; 500 frames (recursion); 1 MiB
//!   per word, variable, captured output and output line; 100,000 arguments; `seq` prints at
//!   most 100,000 numbers; [`MAX_JOBS`] jobs; the filesystem's own limits ([`fs::MAX_BYTES`]).
//!   Nothing panics or loops forever on any input.

mod arith;
mod cmds;
mod compile;
mod exec;
pub mod fs;
mod parser;
mod pattern;
#[cfg(test)]
mod tests;

pub use cmds::{command_exists, strftime};
pub use fs::{Fs, FsError};

use compile::{Op, WMode};
use exec::{Ctx, Job, Wait};

use crate::time::{Duration, Time};

/// Instructions one [`Process::run`] call executes before the process counts as busy for a
/// virtual second.
pub const STEP_BUDGET: u64 = 100_000;
/// Most jobs (PID 1 and background jobs) one process runs at once.
pub const MAX_JOBS: usize = 64;
/// Longest line written to the host; a longer unfinished line is passed on in pieces.
const MAX_LINE: usize = 1 << 20;
/// Finished background jobs remembered for `wait PID`.
const MAX_DONE: usize = 256;

/// Why an HTTP request (or a TCP connection for `nc`) failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpError {
    /// The name does not resolve.
    UnknownHost,
    /// Nothing listens there (a Service without endpoints, a closed port).
    Refused,
    /// Packets are dropped (a NetworkPolicy); the tool waits for its timeout.
    Timeout,
    Unreachable,
}

/// What the process sees of the world: provided by the kubelet.
pub trait Host {
    /// The virtual clock.
    fn now(&self) -> Time;
    /// The container's filesystem.
    fn fs(&mut self) -> &mut Fs;
    fn hostname(&self) -> String;
    /// An HTTP request (`method` `GET`, `HEAD`, `POST`, …) to a full URL
    /// (`http://web-svc:80/`) by a client (`agent`: its User-Agent, `curl/7.88.1`, `Wget`): the
    /// response status and body.
    fn http(&mut self, method: &str, url: &str, agent: &str) -> Result<(u16, String), HttpError>;
    /// A DNS lookup as the pod's resolver does it (search domains included): the fully
    /// qualified name and its address.
    fn resolve(&mut self, name: &str) -> Option<(String, String)>;
    /// A complete line the process wrote on stdout (without the newline).
    fn stdout(&mut self, line: &str);
    /// A complete line the process wrote on stderr.
    fn stderr(&mut self, line: &str);
    /// Whether the image has the utility `name` (images differ: busybox has no curl, Debian no
    /// wget). Builtins are always there.
    fn has_command(&self, _name: &str) -> bool {
        true
    }
    /// Runs a program of the image that is not a shell utility (`nginx -g 'daemon off;'`,
    /// `nginx -v`); `None` when the image has no such program.
    fn external(&mut self, _argv: &[String]) -> Option<External> {
        None
    }
    /// Whether the process's stdout is a terminal (`kubectl exec -t`).
    fn tty(&self) -> bool {
        false
    }
    /// Whether the utilities are GNU's (Debian images) rather than busybox's.
    fn gnu(&self) -> bool {
        false
    }
    /// The shell's message for a command it cannot find; `arg0` is the shell's `$0`.
    fn not_found(&self, arg0: &str, name: &str) -> String {
        format!("{arg0}: {name}: not found")
    }
}

/// What the host did with a program that is not a shell utility ([`Host::external`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum External {
    /// It ran and exited with this code, writing these lines (stderr, text).
    Exited(i32, Vec<(bool, String)>),
    /// It is a server that now runs in the foreground: the command never ends (the host runs
    /// the server).
    Serve,
}

/// Where a process stands after [`Process::run`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Exited(i32),
    /// Waiting for the clock: call `run` again at or after `until`.
    Sleeping {
        until: Time,
    },
    /// Waiting for nothing the simulation will provide; only a signal with a trap wakes it.
    Blocked,
}

/// Signals the caller can send (SIGKILL is dropping the process).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Term,
    Int,
    Hup,
    Quit,
    Usr1,
    Usr2,
}

impl Signal {
    pub fn number(self) -> i32 {
        match self {
            Signal::Hup => 1,
            Signal::Int => 2,
            Signal::Quit => 3,
            Signal::Usr1 => 10,
            Signal::Usr2 => 12,
            Signal::Term => 15,
        }
    }

    /// The name without `SIG`, as `trap` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Hup => "HUP",
            Signal::Int => "INT",
            Signal::Quit => "QUIT",
            Signal::Usr1 => "USR1",
            Signal::Usr2 => "USR2",
            Signal::Term => "TERM",
        }
    }
}

/// Output not yet ended by a newline, per stream.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lines {
    out: String,
    err: String,
}

impl Lines {
    pub(crate) fn write(&mut self, host: &mut dyn Host, err: bool, text: &str) {
        let buf = if err { &mut self.err } else { &mut self.out };
        buf.push_str(text);
        if let Some(last) = buf.rfind('\n') {
            let rest = buf.split_off(last + 1);
            for line in buf[..last].split('\n') {
                if err {
                    host.stderr(line);
                } else {
                    host.stdout(line);
                }
            }
            *buf = rest;
        }
        if buf.len() >= MAX_LINE {
            let line = std::mem::take(buf);
            if err {
                host.stderr(&line);
            } else {
                host.stdout(&line);
            }
        }
    }

    fn flush(&mut self, host: &mut dyn Host) {
        if !self.out.is_empty() {
            host.stdout(&std::mem::take(&mut self.out));
        }
        if !self.err.is_empty() {
            host.stderr(&std::mem::take(&mut self.err));
        }
    }
}

/// A process of a container: PID 1 (its command) with its background jobs.
#[derive(Clone, Debug)]
pub struct Process {
    jobs: Vec<Job>,
    /// Finished background jobs: (pid, parent, status).
    done: Vec<(u32, u32, i32)>,
    lines: Lines,
    signals: Vec<Signal>,
    next_pid: u32,
    stdin_open: bool,
    exited: Option<i32>,
    /// An interactive shell's typed lines not yet read, and its unfinished command.
    input: std::collections::VecDeque<String>,
    partial: String,
}

fn ready(jobs: &[Job], done: &[(u32, u32, i32)], i: usize, now: Time) -> Option<i32> {
    let j = &jobs[i];
    if j.exit.is_some() {
        return None;
    }
    match &j.wait {
        Wait::None => Some(j.status),
        Wait::Until { at, .. } => (*at <= now).then_some(0),
        Wait::Forever | Wait::Input => None,
        Wait::Jobs(pid) => {
            let alive = jobs.iter().any(|k| k.parent == j.pid && k.exit.is_none() && pid.is_none_or(|p| k.pid == p));
            if alive {
                return None;
            }
            Some(match pid {
                Some(p) => done.iter().rev().find(|d| d.0 == *p).map_or(127, |d| d.2),
                None => 0,
            })
        }
    }
}

impl Process {
    /// A process running `argv` (the container's command and args) with `env` (exported).
    /// `sh -c SCRIPT [NAME ARGS…]` (also `/bin/sh`, `bash`, `ash`, with options like `-e`)
    /// runs a script; any other argv runs that one command. An empty argv is a bare `sh`.
    pub fn spawn(argv: &[String], env: Vec<(String, String)>) -> Process {
        let argv: Vec<String> = if argv.is_empty() { vec!["sh".into()] } else { argv.to_vec() };
        let mut ops = vec![Op::Begin];
        for a in &argv {
            ops.push(Op::Word(WMode::Single));
            ops.push(Op::QLit(a.as_str().into()));
            ops.push(Op::Arg);
        }
        ops.push(Op::Exec);
        ops.push(Op::End);
        let job = Job::new(1, argv.join(" "), ops.into(), env);
        Process::with_main(job)
    }

    fn with_main(job: Job) -> Process {
        Process {
            jobs: vec![job],
            done: Vec::new(),
            lines: Lines::default(),
            signals: Vec::new(),
            next_pid: 7,
            stdin_open: false,
            exited: None,
            input: Default::default(),
            partial: String::new(),
        }
    }

    /// An interactive shell (`kubectl exec -it POD -- sh`): it runs the lines given to
    /// [`Process::input_line`] one at a time, in itself, until one of them exits it. `name` is
    /// its `$0` (`sh`, `bash`).
    pub fn interactive(name: &str, env: Vec<(String, String)>) -> Process {
        let mut job = Job::new(1, name.to_string(), vec![Op::Prompt].into(), env);
        job.scope.arg0 = name.to_string();
        // A shell exports its working directory when it starts.
        let cwd = job.scope.cwd.clone();
        job.set_var("PWD", cwd);
        job.export("PWD");
        Process::with_main(job)
    }

    /// A line typed at an interactive shell; it runs at the next [`Process::run`].
    pub fn input_line(&mut self, line: &str) {
        if self.exited.is_none() && self.input.len() < 1024 {
            self.input.push_back(line.to_string());
        }
    }

    /// Whether an interactive shell waits at its prompt (nothing runs in the foreground).
    pub fn awaiting_input(&self) -> bool {
        self.exited.is_none() && self.input.is_empty() && self.jobs.first().is_some_and(|j| j.wait == Wait::Input)
    }

    /// Whether an interactive shell has an unfinished command (it prompts with `> `).
    pub fn continuing(&self) -> bool {
        !self.partial.is_empty()
    }

    /// The shell's working directory (for prompts).
    pub fn cwd(&self) -> &str {
        self.jobs.first().map_or("/", |j| j.scope.cwd.as_str())
    }

    /// A variable of the shell (for prompts: `HOME`).
    pub fn var(&self, name: &str) -> Option<String> {
        self.jobs.first().and_then(|j| j.get(name))
    }

    /// Starts the process in `dir` (the container's working directory).
    pub fn with_cwd(mut self, dir: &str) -> Process {
        if let Some(j) = self.jobs.first_mut() {
            j.scope.cwd = fs::normalize("/", dir);
            if j.scope.vars.contains_key("PWD") {
                j.set_var("PWD", j.scope.cwd.clone());
            }
        }
        self
    }

    /// Gives the process `data` as its whole stdin (`kubectl exec -i … <<EOF`).
    pub fn with_input(mut self, data: &str) -> Process {
        if let Some(j) = self.jobs.first_mut() {
            j.fds[0] = exec::Fd::Input(data.into(), 0);
        }
        self
    }

    /// Opens (or closes) the process's stdin: with an open stdin that nothing feeds, reading
    /// blocks forever instead of seeing end of file.
    pub fn with_stdin(mut self, open: bool) -> Process {
        self.stdin_open = open;
        self
    }

    /// Sends a signal; it takes effect at the next [`Process::run`].
    pub fn signal(&mut self, sig: Signal) {
        if self.exited.is_none() && self.signals.len() < 16 {
            self.signals.push(sig);
        }
    }

    /// The first signal not yet handled.
    pub fn pending_signal(&self) -> Option<Signal> {
        self.signals.first().copied()
    }

    /// Whether PID 1 has a trap for `sig` (so SIGTERM will do something).
    pub fn traps(&self, sig: Signal) -> bool {
        self.jobs.first().is_some_and(|j| j.scope.traps.get(sig.name()).is_some_and(|t| t.code.is_some()))
    }

    /// The exit status, once the process has exited.
    pub fn exit_code(&self) -> Option<i32> {
        self.exited
    }

    /// Runs the process at `host.now()` until it exits or waits.
    pub fn run(&mut self, host: &mut dyn Host) -> State {
        if let Some(c) = self.exited {
            return State::Exited(c);
        }
        let now = host.now();
        for sig in std::mem::take(&mut self.signals) {
            if let Some(main) = self.jobs.first_mut() {
                main.deliver(sig);
            }
        }
        if let Some(main) = self.jobs.first_mut() {
            if main.wait == Wait::Input && !self.input.is_empty() {
                main.wait = Wait::None;
            }
        }
        let procs = self.jobs.iter().map(|j| (j.pid, j.cmd.clone())).collect();
        let mut ctx = Ctx {
            host,
            lines: &mut self.lines,
            now,
            budget: STEP_BUDGET,
            spawned: Vec::new(),
            next_pid: self.next_pid,
            stdin_open: self.stdin_open,
            procs,
            jobs_alive: self.jobs.len(),
            input: &mut self.input,
            partial: &mut self.partial,
        };
        loop {
            let mut progressed = false;
            let mut i = 0;
            while i < self.jobs.len() {
                if let Some(status) = ready(&self.jobs, &self.done, i, now) {
                    self.jobs[i].wake(&mut ctx, status);
                    self.jobs[i].run(&mut ctx);
                    progressed = true;
                }
                self.jobs.append(&mut ctx.spawned);
                ctx.jobs_alive = self.jobs.len();
                if let Some(code) = self.jobs[i].exit {
                    if i == 0 {
                        ctx.lines.flush(&mut *ctx.host);
                        self.next_pid = ctx.next_pid;
                        self.exited = Some(code);
                        self.jobs.truncate(1);
                        return State::Exited(code);
                    }
                    let j = self.jobs.remove(i);
                    if self.done.len() >= MAX_DONE {
                        self.done.remove(0);
                    }
                    self.done.push((j.pid, j.parent, code));
                    continue;
                }
                if ctx.budget == 0 {
                    self.next_pid = ctx.next_pid;
                    return State::Sleeping { until: now + Duration::from_secs(1) };
                }
                i += 1;
            }
            if !progressed {
                break;
            }
        }
        self.next_pid = ctx.next_pid;
        if self.jobs.first().is_some_and(|j| j.wait == Wait::Input) {
            // At the prompt: what was printed without a newline shows before it.
            ctx.lines.flush(&mut *ctx.host);
        }
        let until = self
            .jobs
            .iter()
            .filter_map(|j| match j.wait {
                Wait::Until { at, .. } => Some(at),
                _ => None,
            })
            .min();
        match until {
            Some(t) => State::Sleeping { until: t },
            None => State::Blocked,
        }
    }
}
