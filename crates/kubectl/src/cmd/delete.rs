//! `kubectl delete`: by name, by file, by label or `--all`; cascading policy; grace periods;
//! and `--wait`, which advances the virtual clock until the objects are gone.

use cluster::time::Duration;
use cluster::{DeleteOptions, Kind, Propagation};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{fetch, kind_of, read_documents, resolve_with_fields};
use crate::cmd::wait::{block_until, timeout_error};
use crate::cmd::{resource_name, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: crate::cmd::Command = crate::cmd::Command { name: "delete", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("filename", Some('f')),
    bool_flag("all", None),
    bool_flag("all-namespaces", Some('A')),
    value_flag("selector", Some('l')),
    value_flag("field-selector", None),
    value_flag("cascade", None),
    value_flag("grace-period", None),
    bool_flag("force", None),
    bool_flag("now", None),
    value_flag("wait", None),
    value_flag("timeout", None),
    bool_flag("ignore-not-found", None),
    value_flag("output", Some('o')),
    value_flag("dry-run", None),
    bool_flag("recursive", Some('R')),
];

/// How long `--wait` waits unless `--timeout` says otherwise (kubectl: "0s" = a week).
const DEFAULT_WAIT: Duration = Duration::from_secs(7 * 24 * 3600);

pub fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    for unsupported in ["dry-run", "output"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl delete --{unsupported}\" yet"));
        }
    }
    // --cascade, with kubectl's deprecation warnings for the booleans.
    let propagation = match p.get("cascade").unwrap_or("background") {
        "background" | "true" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" | "false" => Propagation::Orphan,
        other => return out.error(format!("invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"")),
    };
    match p.get("cascade") {
        Some("false") => out.err("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n"),
        Some("true") => out.err("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n"),
        _ => {}
    }
    let mut grace = match p.get("grace-period").map(str::parse::<i64>) {
        None => None,
        Some(Ok(g)) if g < 0 => None, // -1: the object's own default
        Some(Ok(g)) => Some(g),
        Some(Err(_)) => return out.error(format!("invalid argument {:?} for \"--grace-period\" flag: strconv.ParseInt: parsing {:?}: invalid syntax", p.get("grace-period").unwrap_or(""), p.get("grace-period").unwrap_or(""))),
    };
    if p.bool("now") {
        grace = Some(1);
    }
    let force = p.bool("force");
    if force && grace.is_none() {
        grace = Some(0);
    }
    if grace == Some(0) && !force {
        grace = Some(1); // kubectl: --grace-period=0 without --force means 1
    }
    if force {
        out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    let wait = match p.get("wait") {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => return out.error(format!("invalid argument \"{other}\" for \"--wait\" flag: strconv.ParseBool: parsing \"{other}\": invalid syntax")),
    };
    let timeout = match p.get("timeout").map(cluster::time::parse_go_duration) {
        None | Some(Ok(Duration(0))) => DEFAULT_WAIT,
        Some(Ok(d)) => d,
        Some(Err(e)) => return out.error(e),
    };
    let opts = DeleteOptions { grace_period_seconds: grace, propagation: Some(propagation) };

    let mut targets: Vec<(Kind, String, String)> = Vec::new();
    let mut errors = Vec::new();
    // With --all, -l or --field-selector, NotFound is ignored unless the flag says otherwise.
    let selecting = p.bool("all") || p.get("selector").is_some() || p.get("field-selector").is_some();
    let ignore_not_found = match p.get("ignore-not-found") {
        Some(v) => v == "true",
        None => selecting,
    };
    if p.bool("all") && p.get("selector").is_some() {
        return out.error("cannot set --all and --selector at the same time");
    }
    if p.bool("all") && p.get("field-selector").is_some() {
        return out.error("cannot set --all and --field-selector at the same time");
    }
    if let Some(files) = p.values.get("filename") {
        for doc in read_documents(ctx, files, "delete", &mut errors) {
            match kind_of(&doc) {
                Ok(kind) => {
                    let name = doc.value.pointer("/metadata/name").and_then(|v| v.as_str()).unwrap_or("").to_string();
                    let ns = doc.value.pointer("/metadata/namespace").and_then(|v| v.as_str()).map(String::from);
                    targets.push((kind, ns.unwrap_or_else(|| ctx.namespace.clone()), name));
                }
                Err(e) => errors.push(e),
            }
        }
    } else {
        let all_namespaces = p.bool("all-namespaces");
        let namespace = if all_namespaces { String::new() } else { ctx.namespace.clone() };
        let selector = p.get("selector").unwrap_or("");
        let source = match resolve_with_fields(&p.args, p.bool("all"), selector, p.get("field-selector").unwrap_or(""), &namespace, all_namespaces).1 {
            Ok(s) => s,
            Err(e) => return print_errors(out, vec![e]),
        };
        let found = fetch(ctx.cluster, source, &namespace, p.get("field-selector").unwrap_or(""));
        for item in found.items {
            match item {
                Ok((_, obj)) => targets.push((obj.kind(), obj.meta().namespace.clone(), obj.meta().name.clone())),
                Err(CmdError::Api(e)) if ignore_not_found && e.reason() == "NotFound" => {}
                Err(e) => errors.push(e),
            }
        }
        if !found.list_errors.is_empty() {
            errors.push(CmdError::Agg(found.list_errors));
        }
    }
    // kubectl warns once when -n names a namespace and a cluster-scoped object is deleted.
    if p.get("namespace").is_some() && !p.bool("all-namespaces") && targets.iter().any(|(k, _, _)| !k.namespaced()) {
        out.err("warning: deleting cluster-scoped resources, not scoped to the provided namespace\n");
    }
    let mut deleted = Vec::new();
    for (kind, ns, name) in targets {
        match ctx.cluster.delete(kind, &ns, &name, opts) {
            Ok(obj) => {
                let word = if force { "force deleted" } else { "deleted" };
                out.out(format!("{} \"{name}\" {word}\n", resource_name(kind)));
                deleted.push((kind, ns, name, obj.meta().uid.clone()));
            }
            Err(e) if ignore_not_found && e.reason() == "NotFound" => {}
            Err(err) => errors.push(CmdError::Api(err)),
        }
        ctx.cluster.settle();
    }
    if deleted.is_empty() && errors.is_empty() {
        return out.out("No resources found\n");
    }
    // The visitor's errors end the command before it waits.
    if wait && !deleted.is_empty() && errors.is_empty() {
        // Block, on the virtual clock, until every deleted object is gone (or the timeout).
        let deadline = ctx.cluster.now() + timeout;
        let present = |c: &cluster::Cluster, (k, ns, n, uid): &(Kind, String, String, String)| c.get(*k, ns, n).is_ok_and(|o| o.meta().uid == *uid);
        if !block_until(ctx.cluster, deadline, |c| !deleted.iter().any(|d| present(c, d))) {
            if let Some((k, _, n, _)) = deleted.iter().find(|d| present(ctx.cluster, d)) {
                errors.push(timeout_error(*k, n));
            }
        }
    }
    print_errors(out, errors);
}
