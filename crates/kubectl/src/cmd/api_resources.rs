//! `kubectl api-resources`: the resource types the (simulated) API server serves.

use crate::cmd::Context;
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;
use crate::printers::tabwrite;
use crate::resources::RESOURCE_TYPES;

pub const COMMAND: crate::cmd::Command = crate::cmd::Command { name: "api-resources", flags: FLAGS, run };

const FLAGS: &[Flag] = &[
    value_flag("api-group", None),
    bool_flag("namespaced", None),
    bool_flag("no-headers", None),
    value_flag("output", Some('o')),
    value_flag("sort-by", None),
    value_flag("verbs", None),
    bool_flag("cached", None),
    value_flag("categories", None),
];

pub fn run(_ctx: &mut Context, p: &Parsed, out: &mut Output) {
    let output = p.get("output").unwrap_or("");
    if !matches!(output, "" | "wide" | "name") {
        return out.error(format!("--output {output} is not available"));
    }
    for unsupported in ["verbs", "categories"] {
        if p.values.contains_key(unsupported) {
            return out.error(format!("kubeplay does not support \"kubectl api-resources --{unsupported}\" yet"));
        }
    }
    let mut types: Vec<_> = RESOURCE_TYPES
        .iter()
        .filter(|r| p.get("api-group").is_none_or(|g| g == r.group))
        .filter(|r| !p.values.contains_key("namespaced") || p.bool("namespaced") == r.namespaced)
        .collect();
    // Discovery order: the core group first, then groups by name; resources by name within.
    types.sort_by_key(|r| (!r.group.is_empty(), r.group, r.plural));
    match p.get("sort-by") {
        None => {}
        Some("name") => types.sort_by_key(|r| r.plural),
        Some("kind") => types.sort_by_key(|r| r.kind),
        Some(other) => return out.error(format!("--sort-by accepts only name or kind, got \"{other}\"")),
    }
    if output == "name" {
        for r in types {
            out.out(format!("{}\n", r.qualified_plural()));
        }
        return;
    }
    let mut lines = Vec::new();
    if !p.bool("no-headers") {
        lines.push(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"].map(String::from).to_vec());
    }
    for r in types {
        lines.push(vec![r.plural.into(), r.short_names.join(","), r.api_version(), r.namespaced.to_string(), r.kind.into()]);
    }
    out.out(tabwrite(&lines));
}
