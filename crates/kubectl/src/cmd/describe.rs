//! `kubectl describe`: the resource builder's objects, each through its kind's describer
//! (`crate::describe`), separated by blank lines; when `TYPE NAME` names nothing, every object of
//! that type whose name starts with NAME (`DescribeMatchingResources`).
//!
//! Sources (kubectl 1.31, read, not copied): `pkg/cmd/describe/describe.go` (`Complete`,
//! `Run`: `\n\n` between descriptions, `No resources found`, errors collected and printed after
//! the descriptions; `DescribeMatchingResources`: the original NotFound error when no name
//! matches, one description per match followed by a newline), cli-runtime's builder
//! (`SingleResourceType`).

use cluster::validation::go_quote;
use cluster::{ApiError, Object};
use serde_json::Value;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{fetch, kind_of, read_documents, resolve, split_resource_argument, Found};
use crate::cmd::{Command, Context};
use crate::describe::{describe, Settings};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

pub const COMMAND: Command = Command { name: "describe", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    bool_flag("all-namespaces", Some('A')),
    value_flag("selector", Some('l')),
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    bool_flag("show-events", None),
    value_flag("chunk-size", None),
];

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    if let Some(v) = p.get("chunk-size") {
        if v.parse::<i64>().is_err() {
            return crate::cmd::flag_error(
                out,
                Some("describe"),
                &format!("invalid argument \"{v}\" for \"--chunk-size\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax"),
            );
        }
    }
    if p.get("kustomize").is_some() {
        return out.error("kubeplay does not support \"kubectl describe -k\" yet");
    }
    let files = p.values.get("filename").cloned().unwrap_or_default();
    if p.args.is_empty() && files.is_empty() {
        return print_errors(
            out,
            vec![CmdError::plain(
                "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.",
            )],
        );
    }
    let settings = Settings { show_events: p.get("show-events") != Some("false") };
    let all_namespaces = p.bool("all-namespaces");
    let namespace = if all_namespaces { String::new() } else { ctx.namespace.clone() };
    let (found, mut errors) = if files.is_empty() {
        match resolve(&p.args, true, p.get("selector").unwrap_or(""), &namespace, all_namespaces) {
            (_, Ok(source)) => (fetch(ctx.cluster, source, &namespace, ""), Vec::new()),
            (_, Err(e)) => return print_errors(out, vec![e]),
        }
    } else {
        // visitByPaths: files exclude resource arguments; a selector filters the documents' objects.
        if p.args.iter().any(|a| a.contains('/')) {
            return print_errors(out, vec![CmdError::plain("resource/name arguments cannot be provided when a path is specified")]);
        }
        if !p.args.is_empty() {
            return print_errors(
                out,
                vec![CmdError::plain("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well")],
            );
        }
        let selector = p.get("selector").unwrap_or("");
        let sel = match cluster::labels::Selector::parse(selector) {
            Ok(s) => s,
            Err(e) => return print_errors(out, vec![CmdError::plain(format!("the provided selector {} is not valid: {e}", go_quote(selector)))]),
        };
        let (mut found, errors) = from_files(ctx, &files);
        found.items.retain(|i| i.as_ref().map_or(true, |(_, o)| sel.matches(&o.meta().labels)));
        (found, errors)
    };
    let Found { items, list_errors, .. } = found;
    let mut objects: Vec<Object> = Vec::new();
    for item in items {
        match item {
            Ok((_, o)) => objects.push(o),
            Err(e) => errors.push(e),
        }
    }
    errors.extend(list_errors);
    // `TYPE NAME` that names nothing: describe what starts with NAME instead.
    if p.args.len() == 2 && errors.len() == 1 && matches!(&errors[0], CmdError::Api(ApiError::NotFound { .. })) {
        let original = errors.remove(0);
        return describe_matching(ctx, &p.args[0], &p.args[1], original, settings, out);
    }
    let mut text = String::new();
    for (i, o) in objects.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(&describe(ctx.cluster, o, settings));
    }
    out.out(text);
    if objects.is_empty() && errors.is_empty() {
        if all_namespaces {
            out.err("No resources found\n");
        } else {
            out.err(format!("No resources found in {} namespace.\n", ctx.namespace));
        }
    }
    print_errors(out, errors);
}

/// `DescribeMatchingResources`: every object of `resource` in the namespace whose name starts
/// with `prefix`, each description followed by a newline; `original` when none does.
fn describe_matching(ctx: &mut Context, resource: &str, prefix: &str, original: CmdError, settings: Settings, out: &mut Output) {
    let namespace = ctx.namespace.clone();
    // `SingleResourceType`: more than one type (a category counts as several) is an error.
    let types = split_resource_argument(resource);
    if !resource.contains('/') && (types.len() > 1 || types.contains(&"all")) {
        return print_errors(out, vec![CmdError::plain("you may only specify a single resource type")]);
    }
    let source = match resolve(&[resource.to_string()], true, "", &namespace, false) {
        (_, Ok(source)) => source,
        (_, Err(e)) => return print_errors(out, vec![e]),
    };
    let Found { items, mut list_errors, .. } = fetch(ctx.cluster, source, &namespace, "");
    let mut objects = Vec::new();
    for item in items {
        match item {
            Ok((_, o)) => objects.push(o),
            Err(e) => list_errors.push(e),
        }
    }
    if !list_errors.is_empty() {
        return print_errors(out, list_errors);
    }
    let mut text = String::new();
    for o in objects.iter().filter(|o| o.meta().name.starts_with(prefix)) {
        text.push_str(&describe(ctx.cluster, o, settings));
        text.push('\n');
    }
    if text.is_empty() {
        return print_errors(out, vec![original]);
    }
    out.out(text);
}

/// Objects named by `-f` files, fetched from the server in document order.
fn from_files(ctx: &Context, files: &[String]) -> (Found, Vec<CmdError>) {
    let mut errors = Vec::new();
    let docs = read_documents(ctx, files, "describe", &mut errors);
    let mut found = Found::default();
    for doc in &docs {
        match kind_of(doc) {
            Ok(kind) => {
                let name = doc.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
                let ns = doc.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or(&ctx.namespace);
                let ns = if kind.namespaced() { ns } else { "" };
                found.items.push(ctx.cluster.get(kind, ns, name).map(|o| (kind.resource(), o)).map_err(CmdError::Api));
            }
            Err(e) => errors.push(e),
        }
    }
    (found, errors)
}
