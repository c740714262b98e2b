//! `kubectl` itself: global flags, finding the subcommand, and dispatch. One module per command.

mod api_resources;
mod apply;
mod create;
mod delete;
mod describe;
pub mod errors;
mod explain;
mod expose;
mod resource;
mod run;
mod get;
pub(crate) mod help;
mod info;
mod label;
mod patch;
mod scale;
mod set_image;
mod cordon;
mod drain;
mod printflags;
mod wait;
mod rollout;
mod logs;
pub(crate) mod exec;
pub(crate) mod config;
pub(crate) mod edit;

use cluster::Cluster;

use crate::flags::{self, bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::session::FileSource;

/// What a command runs against.
pub struct Context<'a> {
    pub cluster: &'a mut Cluster,
    /// The namespace of the current context (`kubectl config set-context --current --namespace`).
    pub namespace: String,
    /// What the command reads as stdin (a heredoc body), if anything.
    pub stdin: Option<String>,
    pub files: &'a dyn FileSource,
}

/// Flags every kubectl command accepts.
pub(crate) const GLOBAL_FLAGS: &[Flag] = &[
    value_flag("namespace", Some('n')),
    bool_flag("help", Some('h')),
    value_flag("context", None),
    value_flag("cluster", None),
    value_flag("user", None),
    value_flag("kubeconfig", None),
    value_flag("request-timeout", None),
    value_flag("v", Some('v')),
];

/// Every command kubectl 1.31 has, so an unknown one can be told apart from one not modelled yet.
const KUBECTL_COMMANDS: &[&str] = &[
    "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "certificate",
    "cluster-info", "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff",
    "drain", "edit", "events", "exec", "explain", "expose", "get", "help", "kustomize", "label", "logs",
    "options", "patch", "plugin", "port-forward", "proxy", "replace", "rollout", "run", "scale", "set",
    "taint", "top", "uncordon", "version", "wait",
];

/// Runs `kubectl ARGS...` (the words after `kubectl`).
pub fn kubectl(ctx: &mut Context, argv: &[String], out: &mut Output) {
    let i = subcommand_index(argv);
    let Some(name) = argv.get(i).filter(|a| !a.starts_with('-')) else {
        // Only global flags (or nothing): kubectl prints its help.
        return match flags::parse(argv, GLOBAL_FLAGS) {
            Ok(_) => out.out(help::KUBECTL),
            Err(e) => flag_error(out, None, &e),
        };
    };
    let rest: Vec<String> = argv[..i].iter().chain(&argv[i + 1..]).cloned().collect();
    let name = name.as_str();
    // `kubectl create <subcommand>` has its own flags.
    if name == "create" {
        if let Some(pos) = first_positional(&rest) {
            if create::NOT_YET.contains(&rest[pos].as_str()) {
                return out.error(format!("kubeplay does not support \"kubectl create {}\" yet", rest[pos]));
            }
            if let Some(sub) = create::subcommand(&rest[pos]) {
                let args: Vec<String> = rest[..pos].iter().chain(&rest[pos + 1..]).cloned().collect();
                return create::run(ctx, sub, &args, out);
            }
        }
    }
    let Some(command) = COMMANDS.iter().find(|c| c.name == name) else {
        if KUBECTL_COMMANDS.contains(&name) {
            return out.error(format!("kubeplay does not support \"kubectl {name}\" yet"));
        }
        return unknown_command(out, name);
    };
    let all: Vec<Flag> = command.flags.iter().chain(GLOBAL_FLAGS).copied().collect();
    // pflag's NoOptDefVal: a bare `--dry-run` means `--dry-run=unchanged`.
    let rest = if all.iter().any(|f| f.long == "dry-run") { printflags::bare_dry_run(rest) } else { rest };
    let parsed = match flags::parse(&rest, &all) {
        Ok(p) => p,
        Err(e) => return flag_error(out, Some(name), &e),
    };
    if parsed.bool("help") || name == "help" {
        return out.out(help::for_command(name));
    }
    if let Some(ns) = parsed.get("namespace") {
        ctx.namespace = ns.to_string();
    }
    (command.run)(ctx, &parsed, out)
}

/// Where the subcommand is in `kubectl ARGS…`: like cobra, skip global flags (and the values
/// they take). `argv.len()` when there is none.
pub(crate) fn subcommand_index(argv: &[String]) -> usize {
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" || !a.starts_with('-') || a == "-" {
            break;
        }
        let takes_value = |f: &Flag| f.kind == flags::Kind::Value;
        let next_is_value = if let Some(long) = a.strip_prefix("--") {
            !long.contains('=') && GLOBAL_FLAGS.iter().any(|f| f.long == long && takes_value(f))
        } else {
            a.len() == 2 && GLOBAL_FLAGS.iter().any(|f| a.ends_with(f.short.unwrap_or('\0')) && takes_value(f))
        };
        i += if next_is_value { 2 } else { 1 };
    }
    i
}

/// A kubectl command: its name, its own flags (the global ones are added) and what it does.
pub(crate) struct Command {
    pub name: &'static str,
    pub flags: &'static [Flag],
    pub run: fn(&mut Context, &Parsed, &mut Output),
}

/// The commands kubeplay models; each module defines its entry.
const COMMANDS: &[Command] = &[
    get::COMMAND,
    describe::COMMAND,
    api_resources::COMMAND,
    apply::APPLY,
    apply::CREATE,
    delete::COMMAND,
    label::LABEL,
    label::ANNOTATE,
    wait::COMMAND,
    patch::COMMAND,
    scale::COMMAND,
    set_image::COMMAND,
    cordon::CORDON,
    cordon::UNCORDON,
    drain::COMMAND,
    explain::COMMAND,
    run::COMMAND,
    expose::COMMAND,
    info::CLUSTER_INFO,
    info::VERSION,
    info::API_VERSIONS,
    info::TOP,
    rollout::COMMAND,
    logs::COMMAND,
    exec::COMMAND,
    edit::COMMAND,
    Command { name: "help", flags: &[], run: |_, _, _| {} },
];

/// The index of the first positional word, skipping flags and the values they take.
fn first_positional(args: &[String]) -> Option<usize> {
    let takes_value = ["-n", "--namespace", "-o", "--output", "-f", "--filename", "--context", "--kubeconfig"];
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            return None;
        }
        if !a.starts_with('-') || a == "-" {
            return Some(i);
        }
        i += if takes_value.contains(&a.as_str()) { 2 } else { 1 };
    }
    None
}

/// How kubectl names a resource in result lines: `pod`, `deployment.apps`.
pub(crate) fn resource_name(kind: cluster::Kind) -> String {
    let rt = kind.resource();
    if rt.group.is_empty() {
        rt.singular.to_string()
    } else {
        format!("{}.{}", rt.singular, rt.group)
    }
}

/// A flag error, followed by kubectl's pointer to the command's help.
pub(crate) fn flag_error(out: &mut Output, command: Option<&str>, msg: &str) {
    let path = match command {
        Some(c) => format!("kubectl {c}"),
        None => "kubectl".into(),
    };
    out.error(format!("{msg}\nSee '{path} --help' for usage."));
}

/// `cmdutil.UsageErrorf`: the message and a pointer to `-h`.
pub(crate) fn usage_error(out: &mut Output, command: &str, msg: &str) {
    out.error(format!("{msg}\nSee 'kubectl {command} -h' for help and examples"));
}

/// Cobra's unknown-command error, with its "Did you mean this?" suggestions (distance ≤ 2 or prefix).
fn unknown_command(out: &mut Output, name: &str) {
    let suggestions: Vec<&str> = KUBECTL_COMMANDS
        .iter()
        .copied()
        .filter(|c| levenshtein(name, c) <= 2 || c.starts_with(name))
        .collect();
    let mut msg = format!("unknown command \"{name}\" for \"kubectl\"");
    if !suggestions.is_empty() {
        msg.push_str("\n\nDid you mean this?\n");
        for s in suggestions {
            msg.push('\t');
            msg.push_str(s);
            msg.push('\n');
        }
        msg.pop();
    }
    out.error(msg);
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
