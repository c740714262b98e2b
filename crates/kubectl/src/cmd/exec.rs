//! `kubectl exec`: runs a command in a container (`pods/exec`), or attaches the terminal to a
//! shell there (`-it … -- sh`): the session then sends its lines to that shell until it exits.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/exec/exec.go` (`Complete`: the
//! command after `--`, and since 1.31 `exec [POD] [COMMAND] is not supported anymore`;
//! `Validate`; `Run`: `cannot exec into a container in a completed pod; current phase is …`,
//! `SetupTTY`: no TTY without `-i`), `cmd/util/podcmd/podcmd.go` (`FindOrDefaultContainerByName`
//! and its `Defaulted container "a" out of: a, b` notice, silenced by `-q`),
//! `polymorphichelpers/attachablepodforobject.go` (TYPE/NAME: the most active pod of its
//! selector), and the exit status `command terminated with exit code N` that
//! `client-go/tools/remotecommand` reports and kubectl prints.
//!
//! An exec'd command runs on the virtual clock: `kubectl exec web -- sleep 5` takes five
//! virtual seconds. One that would never end on its own (`tail -f`) is given up after ten
//! virtual minutes, as a user would press ^C.

use cluster::kubelet::{Exec, ExecError, ExecOptions, ExecState};
use cluster::time::{parse_go_duration, Duration};
use cluster::{Cluster, Object};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::logs::{first_pod, object_of, pick_container};
use crate::cmd::{flag_error, usage_error, Command, Context, GLOBAL_FLAGS};
use crate::flags::{self, bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub(crate) const COMMAND: Command = Command {
    name: "exec",
    flags: FLAGS,
    run: |ctx, p, out| {
        // Without a terminal to attach, an interactive shell reads end of input and exits.
        if let Some(mut e) = run_exec(ctx, p, out) {
            e.input_line("exit");
            drive(ctx.cluster, &mut e, out);
        }
    },
};

const FLAGS: &[Flag] = &[
    value_flag("container", Some('c')),
    bool_flag("stdin", Some('i')),
    bool_flag("tty", Some('t')),
    bool_flag("quiet", Some('q')),
    value_flag("filename", Some('f')),
    value_flag("pod-running-timeout", None),
];

/// How long an exec'd command may run (virtual time) before kubeplay stops waiting for it.
const EXEC_LIMIT: Duration = Duration::from_secs(10 * 60);

/// The session's entry point: runs `kubectl exec …` (`argv`: the words after `kubectl`) and
/// returns the shell to attach the terminal to, if it opened one.
pub(crate) fn attach(ctx: &mut Context, argv: &[String], out: &mut Output) -> Option<Exec> {
    let i = crate::cmd::subcommand_index(argv);
    let rest: Vec<String> = argv[..i].iter().chain(argv.get(i + 1..).unwrap_or_default()).cloned().collect();
    let all: Vec<Flag> = FLAGS.iter().chain(GLOBAL_FLAGS).copied().collect();
    let parsed = match flags::parse(&rest, &all) {
        Ok(p) => p,
        Err(e) => {
            flag_error(out, Some("exec"), &e);
            return None;
        }
    };
    if parsed.bool("help") {
        out.out(crate::cmd::help::for_command("exec"));
        return None;
    }
    if let Some(ns) = parsed.get("namespace") {
        ctx.namespace = ns.to_string();
    }
    run_exec(ctx, &parsed, out)
}

fn run_exec(ctx: &mut Context, p: &Parsed, out: &mut Output) -> Option<Exec> {
    // Complete: cobra's ArgsLenAtDash splits the pod from the command.
    let command: Vec<String> = match &p.after_dashdash {
        Some(cmd) => cmd.clone(),
        None if p.args.len() > 1 => {
            usage_error(out, "exec", "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
            return None;
        }
        None => Vec::new(),
    };
    let timeout = match p.get("pod-running-timeout").map(parse_go_duration) {
        None => Duration::from_secs(60),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            usage_error(out, "exec", &e);
            return None;
        }
    };
    // Validate.
    let Some(resource) = p.args.first() else {
        out.error("pod, type/name or --filename must be specified");
        return None;
    };
    if command.is_empty() {
        out.error("you must specify at least one command for the container");
        return None;
    }
    if p.values.contains_key("filename") {
        out.error("kubeplay does not support \"kubectl exec -f\" yet");
        return None;
    }
    let ns = ctx.namespace.clone();
    let pod = match object_of(ctx.cluster, &ns, resource) {
        Ok(Object::Pod(pod)) => pod,
        Ok(other) => match first_pod(ctx.cluster, &other, timeout, false) {
            Ok((pod, _)) => pod,
            Err(e) => {
                print_errors(out, vec![e]);
                return None;
            }
        },
        Err(e) => {
            print_errors(out, vec![e]);
            return None;
        }
    };
    if pod.status.phase == "Succeeded" || pod.status.phase == "Failed" {
        out.error(format!("cannot exec into a container in a completed pod; current phase is {}", pod.status.phase));
        return None;
    }
    let quiet = p.bool("quiet");
    let container = match p.get("container").filter(|c| !c.is_empty()) {
        Some(c) => c.to_string(),
        None => {
            let mut notices = Output::default();
            let picked = pick_container(&pod, None, &mut notices);
            if !quiet {
                for (_, t) in notices.chunks {
                    out.err(t);
                }
            }
            match picked {
                Ok(c) => c,
                Err(e) => {
                    out.error(e);
                    return None;
                }
            }
        }
    };
    let stdin = p.bool("stdin");
    let opts = ExecOptions { container, command: command.clone(), stdin, tty: stdin && p.bool("tty"), input: if stdin { ctx.stdin.clone() } else { None } };
    let mut e = match ctx.cluster.exec_start(&ns, &pod.metadata.name, &opts) {
        Ok(e) => e,
        Err(ExecError::Api(e)) => {
            print_errors(out, vec![CmdError::Api(e)]);
            return None;
        }
        Err(ExecError::Upgrade(msg)) => {
            out.error(format!("unable to upgrade connection: {msg}"));
            return None;
        }
        Err(ExecError::Runtime(msg)) => {
            if stdin {
                out.out(format!("{msg}\r\n"));
                out.err("command terminated with exit code 126\n");
                out.status = 126;
            } else {
                let id = exec_id(ctx.cluster, &pod.metadata.uid, &command);
                out.error(format!("Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{id}\": {msg}"));
            }
            return None;
        }
    };
    match drive(ctx.cluster, &mut e, out) {
        Some(_) => None,
        None => Some(e),
    }
}

/// The runtime's exec ID (64 hex digits; a stable function of what was asked).
fn exec_id(c: &Cluster, uid: &str, command: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ c.now().0 as u64;
    let mut out = String::with_capacity(64);
    for round in 0..4u64 {
        for b in uid.bytes().chain(command.join(" ").into_bytes()).chain(round.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.push_str(&format!("{h:016x}"));
    }
    out
}

/// Runs the exec'd process on the virtual clock until it exits (`Some(status)`, after printing
/// `command terminated with exit code N` for a failure) or, for an interactive shell, waits at
/// its prompt (`None`).
pub(crate) fn drive(c: &mut Cluster, e: &mut Exec, out: &mut Output) -> Option<i32> {
    let deadline = c.now() + EXEC_LIMIT;
    loop {
        let state = c.exec_run(e);
        for (stderr, line) in e.take_output() {
            let text = format!("{line}\n");
            if stderr && !e.tty {
                out.err(text);
            } else {
                out.out(text);
            }
        }
        match state {
            ExecState::Exited(code) => {
                if e.is_bash() && e.interactive() {
                    out.out("exit\n");
                }
                if code != 0 {
                    out.err(format!("command terminated with exit code {code}\n"));
                }
                out.status = code;
                return Some(code);
            }
            ExecState::Idle => return None,
            ExecState::Gone => {
                out.err("command terminated with exit code 137\n");
                out.status = 137;
                return Some(137);
            }
            ExecState::Sleeping(until) if until <= deadline => {
                let now = c.now();
                if until > now {
                    c.advance(until - now);
                }
            }
            ExecState::Sleeping(_) | ExecState::Blocked => {
                let now = c.now();
                if deadline > now && matches!(state, ExecState::Sleeping(_)) {
                    c.advance(deadline - now);
                }
                out.err(format!("kubeplay: the command in container \"{}\" of pod \"{}\" is still running; stopped waiting for it (as ^C would)\n", e.container, e.pod));
                out.status = 130;
                return Some(130);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use cluster::ClusterConfig;

    use crate::Session;

    #[test]
    fn an_interactive_shell_takes_the_terminal_until_it_exits() {
        let mut s = Session::new(ClusterConfig::default());
        s.run("kubectl run box --image=busybox -- sleep 3600");
        s.run("kubectl run web --image=nginx:1.25");
        s.run("sim advance 10s");
        assert_eq!(s.prompt(), "$ ");
        let o = s.run("kubectl exec -it box -- sh");
        assert_eq!((o.text().as_str(), o.status), ("", 0));
        assert!(s.attached());
        assert_eq!(s.prompt(), "/ # ");
        assert_eq!(s.run("cd /tmp; echo hi > f; cat f").text(), "hi\n");
        assert_eq!(s.prompt(), "/tmp # ");
        assert_eq!(s.run("cd").text(), "");
        assert_eq!(s.prompt(), "~ # ");
        assert_eq!(s.run("if true; then").text(), "");
        assert_eq!(s.prompt(), "> ", "an unfinished command continues");
        assert_eq!(s.run("echo yes; fi").text(), "yes\n");
        assert_eq!(s.run("kubectl get pods").text(), "sh: kubectl: not found\n", "lines go to the container");
        let o = s.run("exit 2");
        assert_eq!((o.text().as_str(), o.status), ("command terminated with exit code 2\n", 2));
        assert!(!s.attached());
        assert_eq!(s.prompt(), "$ ");
        s.run("kubectl exec -it web -- bash");
        assert_eq!(s.prompt(), "root@web:/# ");
        assert_eq!(s.run("exit").text(), "exit\n");
        s.run("kubectl exec -it web -- sh");
        assert_eq!(s.prompt(), "# ", "Debian's sh is dash");
        s.run("exit");
        let o = s.run("kubectl exec -i box -- sh");
        assert!(s.attached(), "-i without -t reads lines too, without a prompt");
        assert_eq!((o.text().as_str(), s.prompt().as_str()), ("", ""));
        s.run("exit");
        assert!(!s.attached());
    }
}
