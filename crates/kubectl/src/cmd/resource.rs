//! cli-runtime's resource builder: the objects a command's arguments name.
//! - `-f` sources: read each file (or stdin for `-`), split it into documents, and map each
//!   document's apiVersion and kind to a resource type ([`read_documents`], [`kind_of`]).
//! - `TYPE NAME…`, `TYPE/NAME…`, `TYPE1,TYPE2`, categories (`all`), `-l`, `--all`
//!   ([`resolve`]), and fetching what they select ([`fetch`]).
//!
//! Sources (read, not copied): `cli-runtime/pkg/resource/builder.go` (`ResourceTypeOrNameArgs`,
//! `normalizeMultipleResourcesArgs`, `hasCombinedTypeArgs`, `splitResourceTypeName`,
//! `ReplaceAliases`, `visitorResult`, `visitBySelector`, `visitByResource`, `visitByName`),
//! `visitor.go` (`ContinueOnErrorVisitor`: every object is tried, errors come at the end),
//! `restmapper/category_expansion.go` and the `categories` of each resource's discovery entry.

use std::collections::BTreeMap;

use cluster::fields::FieldSelector;
use cluster::labels::Selector;
use cluster::validation::go_quote;
use cluster::{discovery, ApiError, Cluster, Kind, Object};
use serde_json::Value;

use crate::cmd::errors::CmdError;
use crate::cmd::Context;
use crate::manifest;
use crate::resources::{self, ResourceType};

/// One document of a manifest and where it came from (a file name, or `STDIN`).
pub struct Doc {
    pub source: String,
    pub value: Value,
}

/// Reads every source's documents. Unreadable files and broken documents become errors;
/// `no objects passed to <verb>` when there was nothing at all.
pub fn read_documents(ctx: &Context, files: &[String], verb: &str, errors: &mut Vec<CmdError>) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut seen = 0;
    for file in files {
        let (source, text) = if file == "-" {
            ("STDIN".to_string(), ctx.stdin.clone().unwrap_or_default())
        } else {
            match ctx.files.read(file) {
                Ok(t) => (file.clone(), t),
                Err(e) => {
                    errors.push(CmdError::Plain(e));
                    continue;
                }
            }
        };
        for doc in manifest::parse(&source, &text) {
            seen += 1;
            match doc {
                Ok(d) => docs.push(Doc { source: source.clone(), value: d.value }),
                Err(e) => errors.push(CmdError::Plain(e.message)),
            }
        }
    }
    if seen == 0 && errors.is_empty() {
        errors.push(CmdError::Plain(format!("no objects passed to {verb}")));
    }
    docs
}

/// The kind a document's `apiVersion` and `kind` name, or kubectl's error — with one extra line
/// for apiVersions that older textbooks use and Kubernetes has since removed.
pub fn kind_of(doc: &Doc) -> Result<Kind, CmdError> {
    let text = |field: &str| doc.value.get(field).and_then(Value::as_str).unwrap_or("").to_string();
    let (api_version, kind_name) = (text("apiVersion"), text("kind"));
    if kind_name.is_empty() || api_version.is_empty() {
        let missing = match (api_version.is_empty(), kind_name.is_empty()) {
            (true, true) => "[apiVersion not set, kind not set]",
            (true, false) => "apiVersion not set",
            _ => "kind not set",
        };
        return Err(CmdError::Plain(format!(
            "error validating \"{}\": error validating data: {missing}; if you choose to ignore these errors, turn validation off with --validate=false",
            doc.source
        )));
    }
    let served = discovery::for_kind(&kind_name).filter(|rt| rt.api_version() == api_version);
    if let Some(kind) = served.and_then(|rt| Kind::from_name(rt.kind)) {
        return Ok(kind);
    }
    let name = doc.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    let ns = doc.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
    let mut msg = format!(
        "resource mapping not found for name: \"{name}\" namespace: \"{ns}\" from \"{}\": no matches for kind \"{kind_name}\" in version \"{api_version}\"\nensure CRDs are installed first",
        doc.source
    );
    if let Some(v) = discovery::removed_version(&api_version, &kind_name) {
        msg.push_str(&format!("\nkubeplay: {api_version} was removed from Kubernetes; {kind_name} is served as `apiVersion: {v}`"));
    } else if let Some(rt) = discovery::for_kind(&kind_name) {
        msg.push_str(&format!("\nkubeplay: {kind_name} is served as `apiVersion: {}`", rt.api_version()));
    }
    Err(CmdError::Plain(msg))
}

/// What the arguments select.
pub enum Source {
    /// Named objects, in order: by `TYPE NAME…` or `TYPE/NAME…`.
    Objects(Vec<(&'static ResourceType, Kind, String)>),
    /// Every object of the types matching a label selector (`-l`, or `--all`: the empty one).
    Selector { types: Vec<(&'static ResourceType, Kind)>, selector: String },
}

/// `builder.SplitResourceArgument`: comma-separated, duplicates dropped.
pub fn split_resource_argument(arg: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in arg.split(',') {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The `all` category as discovery lists it (core, then apps, autoscaling and batch, each group's
/// resources in alphabetical order). HorizontalPodAutoscalers are not modelled.
const CATEGORY_ALL: &str = "pods,replicationcontrollers,services,daemonsets.apps,deployments.apps,replicasets.apps,statefulsets.apps,cronjobs.batch,jobs.batch";

/// `Builder.ReplaceAliases`: categories in a comma-separated type list become their resources.
fn replace_aliases(types: &str) -> String {
    types.split(',').map(|t| if t == "all" { CATEGORY_ALL } else { t }).collect::<Vec<_>>().join(",")
}

/// `builder.mappingFor`.
pub fn mapping_for(typed: &str) -> Result<(&'static ResourceType, Kind), CmdError> {
    resources::lookup(typed)
        .and_then(|rt| Kind::from_name(rt.kind).map(|k| (rt, k)))
        .ok_or_else(|| CmdError::plain(format!("the server doesn't have a resource type {}", go_quote(&resource_part(typed)))))
}

/// The resource part of `schema.ParseResourceArg` (`deployments.v1.apps` → `deployments`), as
/// the "doesn't have a resource type" error names it.
fn resource_part(typed: &str) -> String {
    typed.split('.').next().unwrap_or(typed).to_string()
}

/// The resource builder (`ResourceTypeOrNameArgs`, `LabelSelectorParam`, `visitorResult`):
/// what the arguments select and whether they name a single item (`IntoSingleItemImplied`).
pub fn resolve(args: &[String], all: bool, selector: &str, namespace: &str, all_namespaces: bool) -> (bool, Result<Source, CmdError>) {
    resolve_with_fields(args, all, selector, "", namespace, all_namespaces)
}

/// [`resolve`] with a field selector (`--field-selector`), which selects like `-l` does; pass it
/// to [`fetch`] too.
pub fn resolve_with_fields(
    args: &[String],
    all: bool,
    selector: &str,
    fields: &str,
    namespace: &str,
    all_namespaces: bool,
) -> (bool, Result<Source, CmdError>) {
    // normalizeMultipleResourcesArgs: `a,b x y` → a/x a/y b/x b/y.
    let mut args: Vec<String> = args.to_vec();
    if args.len() >= 2 {
        let types = split_resource_argument(&args[0]);
        if types.len() > 1 {
            args = types.iter().flat_map(|t| args[1..].iter().map(move |n| format!("{t}/{n}"))).collect();
        }
    }
    let selector = selector.trim();
    let mut label_selector = (!selector.is_empty() || !fields.trim().is_empty()).then(|| selector.to_string());
    let mut tuples: Vec<(String, String)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut types: Vec<String> = Vec::new();
    let slashes = args.iter().filter(|a| a.contains('/')).count();
    if slashes > 0 {
        if slashes != args.len() {
            return (false, Err(CmdError::plain("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'")));
        }
        for a in &args {
            let seg: Vec<&str> = a.split('/').collect();
            let [resource, name] = seg.as_slice() else {
                return (false, Err(CmdError::plain("arguments in resource/name form may not have more than one slash")));
            };
            if resource.is_empty() || name.is_empty() || split_resource_argument(resource).len() != 1 {
                return (false, Err(CmdError::plain("arguments in resource/name form must have a single resource and name")));
            }
            tuples.push((resource.to_string(), name.to_string()));
        }
    } else if let Some((first, rest)) = args.split_first() {
        let first = replace_aliases(first);
        types = split_resource_argument(&first).into_iter().map(String::from).collect();
        names = rest.to_vec();
        if rest.is_empty() && label_selector.is_none() && all {
            label_selector = Some(String::new());
        }
    }
    let namespace_error = || {
        CmdError::plain(if all_namespaces {
            "a resource cannot be retrieved by name across all namespaces"
        } else {
            "namespace may not be empty when retrieving a resource by name"
        })
    };
    if let Some(selector) = label_selector {
        if !names.is_empty() {
            return (false, Err(CmdError::plain("name cannot be provided when a selector is specified")));
        }
        if !tuples.is_empty() {
            return (false, Err(CmdError::plain("selectors and the all flag cannot be used when passing resource/name arguments")));
        }
        if types.is_empty() {
            return (false, Err(CmdError::plain("at least one resource must be specified to use a selector")));
        }
        let mut mappings: Vec<(&'static ResourceType, Kind)> = Vec::new();
        for t in &types {
            match mapping_for(t) {
                Ok(m) if mappings.iter().any(|(_, k)| *k == m.1) => {}
                Ok(m) => mappings.push(m),
                Err(e) => return (false, Err(e)),
            }
        }
        return (false, Ok(Source::Selector { types: mappings, selector }));
    }
    if !tuples.is_empty() {
        let one = tuples.len() == 1;
        let mut mapped: BTreeMap<&str, (&'static ResourceType, Kind)> = BTreeMap::new();
        for (resource, _) in &tuples {
            if !mapped.contains_key(resource.as_str()) {
                match mapping_for(resource) {
                    Ok(m) => {
                        mapped.insert(resource, m);
                    }
                    Err(e) => return (one, Err(e)),
                }
            }
        }
        let mut objects = Vec::new();
        for (resource, name) in &tuples {
            let Some(&(rt, kind)) = mapped.get(resource.as_str()) else {
                continue;
            };
            if kind.namespaced() && namespace.is_empty() {
                return (one, Err(namespace_error()));
            }
            objects.push((rt, kind, name.clone()));
        }
        return (one, Ok(Source::Objects(objects)));
    }
    if !names.is_empty() {
        let one = names.len() == 1;
        if types.len() > 1 {
            return (one, Err(CmdError::plain("you must specify only one resource")));
        }
        let (rt, kind) = match mapping_for(types.first().map(String::as_str).unwrap_or("")) {
            Ok(m) => m,
            Err(e) => return (one, Err(e)),
        };
        if kind.namespaced() && namespace.is_empty() {
            return (one, Err(namespace_error()));
        }
        return (one, Ok(Source::Objects(names.into_iter().map(|n| (rt, kind, n)).collect())));
    }
    if !types.is_empty() {
        for t in &types {
            if let Err(e) = mapping_for(t) {
                return (false, Err(e));
            }
        }
        return (false, Err(CmdError::plain("resource(s) were provided, but no name was specified")));
    }
    (
        false,
        Err(CmdError::plain(
            "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
        )),
    )
}

/// What the builder found, in visiting order: each object, or the error getting it; and the
/// errors of listing by selector, which the visitor reports together after the objects'.
#[derive(Default)]
pub struct Found {
    pub items: Vec<Result<(&'static ResourceType, Object), CmdError>>,
    pub list_errors: Vec<CmdError>,
    /// The kinds listed successfully (each a result, even when empty).
    pub listed: Vec<Kind>,
}

/// Gets the named objects or lists the selected ones. `namespace` empty means all namespaces;
/// `fields` is `--field-selector` (empty for none).
pub fn fetch(cluster: &Cluster, source: Source, namespace: &str, fields: &str) -> Found {
    let mut found = Found::default();
    match source {
        Source::Objects(targets) => {
            for (rt, kind, name) in targets {
                found.items.push(cluster.get(kind, namespace, &name).map(|o| (rt, o)).map_err(CmdError::Api));
            }
        }
        Source::Selector { types, selector } => {
            for (rt, kind) in types {
                let field_selector = FieldSelector::parse(fields).and_then(|f| f.check(kind).map(|()| f));
                let (sel, fsel) = match (Selector::parse(&selector), field_selector) {
                    (Ok(s), Ok(f)) => (s, f),
                    (Err(msg), _) | (_, Err(msg)) => {
                        let line = cluster::labels::list_selector_error(&rt.gvr(), &selector, fields, &msg);
                        let msg = line.strip_prefix("Error from server (BadRequest): ").unwrap_or(&line).to_string();
                        found.list_errors.push(CmdError::Api(ApiError::BadRequest(msg)));
                        continue;
                    }
                };
                let ns = (!namespace.is_empty()).then_some(namespace);
                found.listed.push(kind);
                for obj in cluster.list(kind, ns) {
                    if sel.matches(&obj.meta().labels) && fsel.matches(&obj) {
                        found.items.push(Ok((rt, obj)));
                    }
                }
            }
        }
    }
    found
}
