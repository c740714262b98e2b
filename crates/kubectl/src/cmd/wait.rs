//! `kubectl wait --for=condition=…|delete|jsonpath=…`, and [`block_until`], which every command
//! that blocks in a real terminal uses to move the virtual clock instead.
//!
//! Source (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/wait/wait.go` — `conditionFuncFor`,
//! `RunWait` (objects are visited in order under one shared timeout; the first error ends the
//! command; `no matching resources found`), `IsDeleted`, `getObjAndCheckCondition` (timeout 0:
//! check once, `condition not met for pod/x`), `ConditionalWait.checkCondition` (case-folded
//! type and status; a condition older than the object's generation does not count),
//! `extendErrWaitTimeout` (`timed out waiting for the condition on pods/x`), and the JSONPath
//! wait's `processJSONPathInput`/`compareResults`.

use cluster::time::{parse_go_duration, Duration, Time};
use cluster::{Cluster, Object};
use serde_json::Value;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{fetch, resolve_with_fields};
use crate::cmd::{resource_name, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "wait", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("for", None),
    value_flag("timeout", None),
    value_flag("selector", Some('l')),
    value_flag("field-selector", None),
    bool_flag("all", None),
    bool_flag("all-namespaces", Some('A')),
    value_flag("filename", Some('f')),
    bool_flag("recursive", Some('R')),
    bool_flag("local", None),
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
];

/// "Negative means wait for a week."
const WEEK: Duration = Duration::from_secs(168 * 3600);

/// Moves the virtual clock from one due timer to the next until `done` holds, or to `deadline`.
/// Returns whether `done` held. A real kubectl blocks in wall-clock time instead.
pub(crate) fn block_until(cluster: &mut Cluster, deadline: Time, mut done: impl FnMut(&Cluster) -> bool) -> bool {
    loop {
        if done(cluster) {
            return true;
        }
        let now = cluster.now();
        match cluster.next_due() {
            Some(t) if t <= deadline => cluster.advance(t - now),
            _ => {
                cluster.advance(deadline - now);
                return done(cluster);
            }
        }
    }
}

/// `timed out waiting for the condition on pods/x` (the plain plural, without the group).
pub(crate) fn timeout_error(kind: cluster::Kind, name: &str) -> CmdError {
    CmdError::plain(format!("timed out waiting for the condition on {}/{name}", kind.resource().plural))
}

/// What `--for` asks.
enum Condition {
    Delete,
    /// `condition=NAME[=VALUE]`, VALUE defaulting to "true"; compared case-insensitively.
    Status { name: String, value: String },
}

fn condition_for(spec: &str) -> Result<Condition, String> {
    if spec.eq_ignore_ascii_case("delete") {
        return Ok(Condition::Delete);
    }
    if let Some(rest) = spec.strip_prefix("condition=") {
        let (name, value) = rest.split_once('=').unwrap_or((rest, "true"));
        return Ok(Condition::Status { name: name.to_string(), value: value.to_string() });
    }
    if spec.starts_with("jsonpath=") {
        return Err("kubeplay does not support \"kubectl wait --for=jsonpath\" yet".into());
    }
    Err(format!("unrecognized condition: {}", cluster::validation::go_quote(spec)))
}

impl Condition {
    fn met(&self, obj: &Object) -> bool {
        let Condition::Status { name, value } = self else { return false };
        let v = obj.to_value();
        let generation = v.pointer("/metadata/generation").and_then(Value::as_i64);
        let status_generation = v.pointer("/status/observedGeneration").and_then(Value::as_i64);
        let conditions = v.pointer("/status/conditions").and_then(Value::as_array).cloned().unwrap_or_default();
        for c in &conditions {
            let Some(t) = c.get("type").and_then(Value::as_str) else { continue };
            if !t.to_lowercase().eq(&name.to_lowercase()) {
                continue;
            }
            let Some(status) = c.get("status").and_then(Value::as_str) else { continue };
            if let Some(g) = generation {
                let observed = c.get("observedGeneration").and_then(Value::as_i64).or(status_generation);
                if observed.is_some_and(|o| o < g) {
                    return false;
                }
            }
            return status.to_lowercase() == value.to_lowercase();
        }
        false
    }
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    let condition = match condition_for(p.get("for").unwrap_or("")) {
        Ok(c) => c,
        Err(e) => return out.error(e),
    };
    if p.get("output").is_some_and(|o| o != "name") {
        return out.error("kubeplay does not support \"kubectl wait -o\" other than name yet");
    }
    let timeout = match p.get("timeout").map(parse_go_duration) {
        None => Duration::from_secs(30),
        Some(Ok(d)) if d.as_millis() < 0 => WEEK,
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            let v = p.get("timeout").unwrap_or("");
            return out.error(format!("invalid argument \"{v}\" for \"--timeout\" flag: {e}"));
        }
    };
    if p.values.contains_key("filename") {
        return out.error("kubeplay does not support \"kubectl wait -f\" yet");
    }
    let all_namespaces = p.bool("all-namespaces");
    let namespace = if all_namespaces { String::new() } else { ctx.namespace.clone() };
    let fields = p.get("field-selector").unwrap_or("");
    let source = match resolve_with_fields(&p.args, p.bool("all"), p.get("selector").unwrap_or(""), fields, &namespace, all_namespaces).1 {
        Ok(s) => s,
        Err(e) => return print_errors(out, vec![e]),
    };
    let found = fetch(ctx.cluster, source, &namespace, fields);
    if let Some(e) = found.list_errors.into_iter().next() {
        return print_errors(out, vec![e]);
    }
    let deleting = matches!(condition, Condition::Delete);
    let deadline = ctx.cluster.now() + timeout;
    let mut visited = 0;
    for item in found.items {
        let (_, obj) = match item {
            Ok(o) => o,
            Err(CmdError::Api(e)) if deleting && e.reason() == "NotFound" => continue,
            Err(e) => return print_errors(out, vec![e]),
        };
        visited += 1;
        let (kind, ns, name, uid) = (obj.kind(), obj.meta().namespace.clone(), obj.meta().name.clone(), obj.meta().uid.clone());
        let current = |c: &Cluster| c.get(kind, &ns, &name).ok().filter(|o| o.meta().uid == uid || !deleting);
        let met = |c: &Cluster| match (&condition, current(c)) {
            (Condition::Delete, None) => true,
            (Condition::Delete, Some(_)) => false,
            (_, Some(o)) => condition.met(&o),
            (_, None) => false,
        };
        let ok = if timeout.as_millis() == 0 { met(ctx.cluster) } else { block_until(ctx.cluster, deadline, met) };
        if !ok {
            if !deleting && current(ctx.cluster).is_none() {
                return print_errors(out, vec![CmdError::Api(cluster::ApiError::not_found(kind, &name))]);
            }
            let err = if timeout.as_millis() == 0 {
                CmdError::plain(format!("condition not met for {}/{name}", resource_name(kind)))
            } else {
                timeout_error(kind, &name)
            };
            return print_errors(out, vec![err]);
        }
        if p.get("output") == Some("name") {
            out.out(format!("{}/{name}\n", resource_name(kind)));
        } else {
            out.out(format!("{}/{name} condition met\n", resource_name(kind)));
        }
    }
    if visited == 0 && !deleting {
        out.error("no matching resources found");
    }
}
