//! `kubectl get`: the resource builder's objects, printed as tables (one per resource type, with
//! `kind/` name prefixes when several types are listed), or generically (`-o yaml|json|name|…`)
//! as one object or one `List`.
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/get/get.go` (`Complete`,
//! `Validate`, `Run`: the separator and tracking writers, `multipleGVKsRequested`,
//! `printGeneric`; the `No resources found` rule), `get/humanreadable_flags.go`,
//! `cli-runtime/pkg/printers/tablegenerator.go` (headers are not printed for an empty table).

use cluster::store::ChangeType;
use cluster::time::{parse_go_duration, Duration};
use cluster::{Kind, Object};
use serde_json::Value;

use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::resource::{fetch, kind_of, read_documents, resolve_with_fields, Found};
use crate::cmd::{resource_name, usage_error, Command, Context};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::printers::{print_table, table_lines, tabwrite_remembering, TableOptions};
use crate::resources::ResourceType;
use crate::{tables, yamlout};

pub const COMMAND: Command = Command { name: "get", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    bool_flag("all-namespaces", Some('A')),
    value_flag("output", Some('o')),
    value_flag("selector", Some('l')),
    value_flag("field-selector", None),
    value_flag("label-columns", Some('L')),
    bool_flag("show-labels", None),
    bool_flag("no-headers", None),
    bool_flag("watch", Some('w')),
    bool_flag("watch-only", None),
    value_flag("sort-by", None),
    value_flag("filename", Some('f')),
    bool_flag("recursive", Some('R')),
    bool_flag("ignore-not-found", None),
    bool_flag("show-kind", None),
    value_flag("chunk-size", None),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
    bool_flag("server-print", None),
    bool_flag("output-watch-events", None),
];

const OUTPUT_FORMATS: &str = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml";

/// How the objects are printed.
enum Format {
    /// The resource's table (`-o wide`: with its wide columns).
    Table { wide: bool },
    Name,
    Yaml,
    Json,
    JsonPath(crate::jsonpath::JsonPath),
    CustomColumns(crate::custom_columns::CustomColumns),
}

fn run(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    let output = p.get("output").unwrap_or("");
    if p.bool("show-labels") && !output.is_empty() && output != "wide" {
        return out.error(format!("--show-labels option cannot be used with {output} printer"));
    }
    if p.bool("output-watch-events") && !(p.bool("watch") || p.bool("watch-only")) {
        return usage_error(out, "get", "--output-watch-events option can only be used with --watch or --watch-only");
    }
    let format = match output {
        "" => Format::Table { wide: false },
        "wide" => Format::Table { wide: true },
        "name" => Format::Name,
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        f if f == "jsonpath" || f.starts_with("jsonpath=") || f == "jsonpath-as-json" || f.starts_with("jsonpath-as-json=") => {
            let (kind, template) = f.split_once('=').unwrap_or((f, p.get("template").unwrap_or("")));
            match crate::jsonpath::printer(template, kind == "jsonpath-as-json") {
                Ok(jp) => Format::JsonPath(jp),
                Err(e) => return out.error(e),
            }
        }
        f if f.starts_with("custom-columns=") || f == "custom-columns" => {
            match crate::custom_columns::parse(f.strip_prefix("custom-columns=").unwrap_or("")) {
                Ok(cc) => Format::CustomColumns(cc),
                Err(e) => return out.error(e),
            }
        }
        f if OUTPUT_FORMATS.split(',').any(|k| f == k || f.starts_with(&format!("{k}="))) => {
            return out.error(format!("kubeplay does not support \"-o {f}\" yet"));
        }
        f => {
            return out.error(format!(
                "unable to match a printer suitable for the output format \"{f}\", allowed formats are: {OUTPUT_FORMATS}"
            ))
        }
    };
    let limit = match watch_limit(p) {
        Ok(l) => l,
        Err(e) => return out.error(e),
    };
    let watching = p.bool("watch") || p.bool("watch-only");
    let sort_field = p.get("sort-by").filter(|f| !f.is_empty());
    if watching && sort_field.is_some() {
        out.err("warning: --watch or --watch-only requested, --sort-by will be ignored\n");
    }
    let files = p.values.get("filename").cloned().unwrap_or_default();
    if p.args.is_empty() && files.is_empty() {
        out.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
        return usage_error(
            out,
            "get",
            "Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).",
        );
    }
    let all_namespaces = p.bool("all-namespaces");
    let namespace = if all_namespaces { String::new() } else { ctx.namespace.clone() };
    let (one, found, mut errors) = if files.is_empty() {
        let (one, source) = resolve_with_fields(&p.args, true, p.get("selector").unwrap_or(""), p.get("field-selector").unwrap_or(""), &namespace, all_namespaces);
        match source {
            Ok(source) => (one, fetch(ctx.cluster, source, &namespace, p.get("field-selector").unwrap_or("")), Vec::new()),
            Err(e) => return print_errors(out, vec![e]),
        }
    } else {
        from_files(ctx, &files)
    };
    if watching {
        let Found { items, list_errors, listed } = found;
        errors.extend(list_errors);
        let mut objects = Vec::new();
        for item in items {
            match item {
                Ok((_, o)) => objects.push(o),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return print_errors(out, errors);
        }
        let mut kinds: Vec<Kind> = listed;
        kinds.extend(objects.iter().map(Object::kind));
        kinds.dedup();
        if kinds.len() > 1 {
            return out.error("you may only specify a single resource type");
        }
        let Some(&kind) = kinds.first() else { return };
        // Named objects are watched by name; a list, by its selectors.
        let named = !files.is_empty() || p.args.len() > 1 || p.args.iter().any(|a| a.contains('/'));
        let names = named.then(|| objects.iter().map(|o| o.meta().name.clone()).collect());
        let filter = WatchFilter {
            kind,
            namespace: (!all_namespaces && kind.namespaced()).then(|| ctx.namespace.clone()),
            names,
            labels: cluster::labels::Selector::parse(p.get("selector").unwrap_or("")).ok(),
            fields: cluster::fields::FieldSelector::parse(p.get("field-selector").unwrap_or("")).ok(),
        };
        let table = TableOptions {
            wide: matches!(format, Format::Table { wide: true }),
            no_headers: p.bool("no-headers"),
            show_labels: p.bool("show-labels"),
            label_columns: label_columns(p),
            with_namespace: all_namespaces && kind.namespaced(),
        };
        let mut w = Watcher { format, table, events: p.bool("output-watch-events"), widths: Vec::new(), headers_done: false, printed: 0 };
        if !p.bool("watch-only") {
            for o in &objects {
                w.print(ctx.cluster, "ADDED", o, out);
            }
        }
        return watch(ctx, &filter, &mut w, limit, out);
    }
    // Lists that failed come back as one aggregate after the objects' errors.
    let Found { items, list_errors, listed } = found;
    let mut objects: Vec<(&'static ResourceType, Object)> = Vec::new();
    for item in items {
        match item {
            Ok(o) => objects.push(o),
            Err(CmdError::Api(e)) if p.bool("ignore-not-found") && e.reason() == "NotFound" => {}
            Err(e) => errors.push(e),
        }
    }
    if !list_errors.is_empty() {
        errors.push(CmdError::Agg(list_errors));
    }
    match format {
        Format::Table { wide } => {
            // Every successful list is an "info" (even an empty one), and so is every named object.
            let mut kinds: Vec<Kind> = listed;
            kinds.extend(objects.iter().map(|(_, o)| o.kind()));
            kinds.dedup();
            let with_kind = p.bool("show-kind") || kinds.windows(2).any(|w| w[0] != w[1]);
            let opts = TableOptions {
                wide,
                no_headers: p.bool("no-headers"),
                show_labels: p.bool("show-labels"),
                label_columns: label_columns(p),
                with_namespace: false,
            };
            if let Some(field) = sort_field {
                if let Err(e) = sort_groups(&mut objects, field) {
                    return out.error(e);
                }
            }
            let written = print_tables(ctx, &objects, with_kind, all_namespaces, &opts, out);
            if !written && errors.is_empty() && !p.bool("ignore-not-found") {
                let namespaced = !all_namespaces && kinds.iter().all(|k| k.namespaced());
                if namespaced {
                    out.err(format!("No resources found in {} namespace.\n", ctx.namespace));
                } else {
                    out.err("No resources found\n");
                }
            }
        }
        _ => {
            // printGeneric: a single implied item that failed is just its error.
            if one && objects.is_empty() && !errors.is_empty() {
                return print_errors(out, errors);
            }
            if objects.is_empty() && p.bool("ignore-not-found") {
                return print_errors(out, errors);
            }
            let single = one && objects.len() == 1;
            let mut values: Vec<Value> = objects.iter().map(|(_, o)| o.to_value()).collect();
            if let Some(field) = sort_field.filter(|_| !single) {
                if let Err(e) = crate::sort::sort_objects(&mut values, field) {
                    print_errors(out, errors);
                    return out.error(e);
                }
            }
            let name = |v: &Value| {
                let kind = v.get("kind").and_then(Value::as_str).and_then(Kind::from_name);
                let name = v.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
                kind.map(|k| format!("{}/{name}\n", resource_name(k))).unwrap_or_default()
            };
            let text = match (&format, single) {
                (Format::Name, _) => Ok(values.iter().map(name).collect()),
                (Format::Yaml, true) => Ok(yamlout::to_yaml(&values.remove(0))),
                (Format::Json, true) => Ok(yamlout::to_json(&values.remove(0))),
                (Format::Yaml, false) => Ok(yamlout::list_to_yaml(values)),
                (Format::Json, false) => Ok(yamlout::list_to_json(values)),
                (Format::JsonPath(jp), true) => jp.print_obj(&values.remove(0)),
                (Format::JsonPath(jp), false) => jp.print_obj(&yamlout::list_value(values)),
                (Format::CustomColumns(cc), _) => cc.print(&values, p.bool("no-headers")),
                (Format::Table { .. }, _) => unreachable!("tables are printed above"),
            };
            match text {
                Ok(t) => out.out(t),
                Err(e) => errors.push(CmdError::Plain(e)),
            }
        }
    }
    print_errors(out, errors);
}

/// Objects named by `-f` files, fetched from the server in document order.
fn from_files(ctx: &Context, files: &[String]) -> (bool, Found, Vec<CmdError>) {
    let mut errors = Vec::new();
    let docs = read_documents(ctx, files, "get", &mut errors);
    let mut targets = Vec::new();
    for doc in &docs {
        match kind_of(doc) {
            Ok(kind) => {
                let name = doc.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("").to_string();
                let ns = doc.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or(&ctx.namespace).to_string();
                targets.push((kind.resource(), kind, ns, name));
            }
            Err(e) => errors.push(e),
        }
    }
    let one = docs.len() == 1 && targets.len() == 1;
    let mut found = Found::default();
    for (rt, kind, ns, name) in targets {
        found.items.push(ctx.cluster.get(kind, &ns, &name).map(|o| (rt, o)).map_err(CmdError::Api));
    }
    (one, found, errors)
}

/// Prints one table per run of objects of the same kind, separated by a blank line (unless
/// `--no-headers`). Returns whether anything was written.
fn print_tables(
    ctx: &Context,
    objects: &[(&'static ResourceType, Object)],
    with_kind: bool,
    all_namespaces: bool,
    opts: &TableOptions,
    out: &mut Output,
) -> bool {
    let mut written = false;
    for group in objects.chunk_by(|a, b| a.1.kind() == b.1.kind()) {
        let kind = group[0].1.kind();
        let rows: Vec<_> = group
            .iter()
            .map(|(_, o)| {
                let mut row = tables::row(ctx.cluster, o);
                if with_kind {
                    if let Some(name) = row.cells.first_mut() {
                        *name = format!("{}/{name}", resource_name(kind));
                    }
                }
                row
            })
            .collect();
        let opts = TableOptions { with_namespace: all_namespaces && kind.namespaced(), ..opts.clone() };
        let text = print_table(tables::columns(kind), &rows, &opts);
        if written && !opts.no_headers {
            out.out("\n");
        }
        written |= !text.is_empty();
        out.out(text);
    }
    written
}

/// `-L key1,key2 -L key3`.
fn label_columns(p: &Parsed) -> Vec<String> {
    p.values.get("label-columns").into_iter().flatten().flat_map(|v| v.split(',')).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// A real `get -w` runs until ^C. kubeplay's advances the virtual clock from one due timer to
/// the next and ends once nothing it watches has changed for this long…
const WATCH_QUIET: Duration = Duration::from_secs(60);
/// …or after this long in all (or `--request-timeout`, which ends a real watch too).
const WATCH_LIMIT: Duration = Duration::from_secs(10 * 60);

/// `--request-timeout`: a Go duration, or a whole number of seconds; 0 means none.
fn watch_limit(p: &Parsed) -> Result<Duration, String> {
    match p.get("request-timeout") {
        None => Ok(WATCH_LIMIT),
        Some(v) => {
            let d = match v.parse::<i64>() {
                Ok(secs) => Duration::from_secs(secs),
                Err(_) => parse_go_duration(v).map_err(|_| {
                    "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)".to_string()
                })?,
            };
            Ok(if d.as_millis() <= 0 { WATCH_LIMIT } else { d })
        }
    }
}

/// Which watch events are printed.
struct WatchFilter {
    kind: Kind,
    namespace: Option<String>,
    names: Option<Vec<String>>,
    labels: Option<cluster::labels::Selector>,
    fields: Option<cluster::fields::FieldSelector>,
}

impl WatchFilter {
    fn matches(&self, o: &Object) -> bool {
        let m = o.meta();
        o.kind() == self.kind
            && self.namespace.as_ref().is_none_or(|ns| *ns == m.namespace)
            && self.names.as_ref().is_none_or(|n| n.contains(&m.name))
            && self.labels.as_ref().is_none_or(|s| s.matches(&m.labels))
            && self.fields.as_ref().is_none_or(|f| f.matches(o))
    }
}

/// Prints watched objects as they come, one flush each: the tab writer remembers column widths,
/// headers come with the first row, YAML documents are separated by `---`.
struct Watcher {
    format: Format,
    table: TableOptions,
    /// `--output-watch-events`: an EVENT column (ADDED, MODIFIED, DELETED).
    events: bool,
    widths: Vec<usize>,
    headers_done: bool,
    printed: usize,
}

impl Watcher {
    fn print(&mut self, cluster: &cluster::Cluster, event: &str, o: &Object, out: &mut Output) {
        self.printed += 1;
        match self.format {
            Format::Table { .. } => {
                let opts = TableOptions { no_headers: self.table.no_headers || self.headers_done, ..self.table.clone() };
                self.headers_done = true;
                let mut lines = table_lines(tables::columns(o.kind()), &[tables::row(cluster, o)], &opts);
                if self.events {
                    let n = lines.len();
                    for (i, l) in lines.iter_mut().enumerate() {
                        l.insert(0, if i + 1 == n { event.to_string() } else { "EVENT".to_string() });
                    }
                }
                out.out(tabwrite_remembering(&lines, &mut self.widths));
            }
            Format::Name => out.out(format!("{}/{}\n", resource_name(o.kind()), o.meta().name)),
            Format::Yaml => {
                if self.printed > 1 {
                    out.out("---\n");
                }
                out.out(yamlout::to_yaml(&o.to_value()));
            }
            Format::Json => out.out(yamlout::to_json(&o.to_value())),
            Format::JsonPath(ref jp) => match jp.print_obj(&o.to_value()) {
                Ok(t) => out.out(t),
                Err(e) => out.error(e),
            },
            Format::CustomColumns(ref cc) => {
                let no_headers = self.table.no_headers || self.headers_done;
                self.headers_done = true;
                match cc.print(&[o.to_value()], no_headers) {
                    Ok(t) => out.out(t),
                    Err(e) => out.error(e),
                }
            }
        }
    }
}

/// Advances the clock through due timers, printing each change the filter selects, until the
/// watch goes quiet or reaches its limit.
fn watch(ctx: &mut Context, filter: &WatchFilter, w: &mut Watcher, limit: Duration, out: &mut Output) {
    let start = ctx.cluster.now();
    let end = start + limit;
    let mut last_change = start;
    ctx.cluster.store.watch(filter.kind);
    loop {
        let stop = end.min(last_change + WATCH_QUIET);
        match ctx.cluster.next_due() {
            Some(t) if t <= stop => {
                let now = ctx.cluster.now();
                ctx.cluster.advance(t - now);
            }
            _ => {
                let now = ctx.cluster.now();
                ctx.cluster.advance(stop - now);
                break;
            }
        }
        for e in ctx.cluster.store.take_watch_events() {
            if filter.matches(&e.object) {
                let event = match e.change {
                    ChangeType::Added => "ADDED",
                    ChangeType::Modified => "MODIFIED",
                    ChangeType::Deleted => "DELETED",
                };
                w.print(ctx.cluster, event, &e.object, out);
                last_change = ctx.cluster.now();
            }
        }
    }
    ctx.cluster.store.stop_watch();
}

/// `--sort-by` on tables: kubectl sorts the rows of each table (one per listed type).
fn sort_groups(objects: &mut Vec<(&'static ResourceType, Object)>, field: &str) -> Result<(), String> {
    let mut sorted = Vec::with_capacity(objects.len());
    for group in objects.chunk_by(|a, b| a.1.kind() == b.1.kind()) {
        let mut values: Vec<Value> = group.iter().map(|(_, o)| o.to_value()).collect();
        crate::sort::sort_by(&mut values, field)?;
        for v in values {
            let uid = v.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or("");
            if let Some(item) = group.iter().find(|(_, o)| o.meta().uid == uid) {
                sorted.push(item.clone());
            }
        }
    }
    *objects = sorted;
    Ok(())
}
