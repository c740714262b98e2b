//! `kubectl delete`: by name, by file, by label or `--all`; cascading policy; grace periods;
//! and `--wait`, which advances the virtual clock until the objects are gone.

use cluster::time::Duration;
use cluster::{DeleteOptions, Kind, Propagation};

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{kind_of, read_documents};
use crate::cmd::{resource_name, usage_error, Context};
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
    for unsupported in ["field-selector", "dry-run", "output"] {
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
        let Some(first) = p.args.first() else {
            return usage_error(out, "delete", "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        };
        let (typed, names): (&str, Vec<String>) = match first.split_once('/') {
            Some((t, n)) => (t, std::iter::once(n.to_string()).chain(p.args[1..].iter().cloned()).collect()),
            None => (first.as_str(), p.args[1..].to_vec()),
        };
        let Some(kind) = crate::resources::lookup(typed).and_then(|rt| Kind::from_name(rt.kind)) else {
            return out.error(format!("the server doesn't have a resource type \"{typed}\""));
        };
        let selector = match p.get("selector").map(cluster::labels::Selector::parse) {
            None => None,
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => return out.error(e),
        };
        let all_ns = p.bool("all-namespaces");
        if names.is_empty() {
            if !p.bool("all") && selector.is_none() {
                return out.error("resource(s) were provided, but no name was specified");
            }
            let ns = if all_ns { None } else { Some(ctx.namespace.as_str()) };
            for obj in ctx.cluster.list(kind, ns) {
                if selector.as_ref().is_none_or(|s| s.matches(&obj.meta().labels)) {
                    targets.push((kind, obj.meta().namespace.clone(), obj.meta().name.clone()));
                }
            }
            if targets.is_empty() {
                if kind.namespaced() && !all_ns {
                    out.err(format!("No resources found in {} namespace.\n", ctx.namespace));
                } else {
                    out.err("No resources found\n");
                }
                return;
            }
        } else {
            if p.bool("all") {
                return out.error("name cannot be provided when a selector is specified");
            }
            targets.extend(names.into_iter().map(|n| (kind, ctx.namespace.clone(), n)));
        }
    }

    let mut deleted = Vec::new();
    for (kind, ns, name) in targets {
        match ctx.cluster.delete(kind, &ns, &name, opts) {
            Ok(obj) => {
                let word = if force { "force deleted" } else { "deleted" };
                out.out(format!("{} \"{name}\" {word}\n", resource_name(kind)));
                deleted.push((kind, ns, name, obj.meta().uid.clone()));
            }
            Err(cluster::ApiError::NotFound { .. }) if p.bool("ignore-not-found") => {}
            Err(err) => errors.push(CmdError::Api(err)),
        }
        ctx.cluster.settle();
    }
    if wait && !deleted.is_empty() {
        // Block, on the virtual clock, until every deleted object is gone (or the timeout).
        let deadline = ctx.cluster.now() + timeout;
        let gone = |c: &cluster::Cluster| deleted.iter().all(|(k, ns, n, uid)| c.get(*k, ns, n).map_or(true, |o| o.meta().uid != *uid));
        while !gone(ctx.cluster) {
            match ctx.cluster.next_due() {
                Some(t) if t <= deadline => ctx.cluster.advance(t - ctx.cluster.now()),
                _ => {
                    let left = deadline - ctx.cluster.now();
                    ctx.cluster.advance(left);
                    break;
                }
            }
        }
        if !gone(ctx.cluster) {
            if let Some((k, _, n, _)) = deleted.iter().find(|(k, ns, n, uid)| ctx.cluster.get(*k, ns, n).is_ok_and(|o| o.meta().uid == *uid)) {
                errors.push(CmdError::Plain(format!("timed out waiting for the condition on {}/{n}", k.resource().qualified_plural())));
            }
        }
    }
    print_errors(out, errors);
}
