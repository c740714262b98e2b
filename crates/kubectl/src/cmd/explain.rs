//! `kubectl explain RESOURCE[.FIELD…]`: the documentation of a kind or of one of its fields, as
//! kubectl 1.31 renders the API server's OpenAPI v3 schema with its `plaintext` template
//! (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl). The schema is
//! [`crate::explain_schema`].

use cluster::discovery::{self, ResourceType};

use super::{Command, Context};
use crate::explain_schema::{self as schema, Field, Type};
use crate::flags::{bool_flag, value_flag, Flag, Parsed};
use crate::output::Output;

const FLAGS: &[Flag] = &[bool_flag("recursive", None), value_flag("api-version", None), value_flag("output", None)];

pub(crate) const COMMAND: Command = Command { name: "explain", flags: FLAGS, run };

/// How kubectl words an error: CheckErr adds `error: ` to most, not to a NoResourceMatchError.
enum Error {
    Prefixed(String),
    Bare(String),
}

fn run(_: &mut Context, p: &Parsed, out: &mut Output) {
    let Some(input) = p.args.first() else {
        return out.error(
            "You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.",
        );
    };
    if p.args.len() > 1 {
        return out.error("We accept only this format: explain RESOURCE");
    }
    let api_version = p.get("api-version").filter(|v| !v.is_empty());
    let (rt, fields) = match parse_resource(input, api_version.is_none()) {
        Ok(r) => r,
        Err(Error::Prefixed(msg)) => return out.error(msg),
        Err(Error::Bare(msg)) => {
            out.err(format!("{msg}\n"));
            out.status = 1;
            return;
        }
    };
    let format = p.get("output").unwrap_or("plaintext");
    if format == "plaintext-openapiv2" {
        return out.error("kubeplay does not support \"kubectl explain --output=plaintext-openapiv2\" yet");
    }
    // The group/version explained: the resource's own, or the one --api-version names.
    let (group, version) = match api_version {
        None => (rt.group.to_string(), rt.version.to_string()),
        Some(v) => match v.split('/').collect::<Vec<_>>()[..] {
            [version] => (String::new(), version.to_string()),
            [group, version] => (group.to_string(), version.to_string()),
            _ => return out.error(format!("unexpected GroupVersion string: {v}")),
        },
    };
    let gvr = format!("{group}/{version}, Resource={}", rt.plural);
    if !discovery::RESOURCE_TYPES.iter().any(|r| r.group == group && r.version == version) {
        return out.error(format!("couldn't find resource for \"{gvr}\""));
    }
    if format != "plaintext" {
        return out.error(format!("unrecognized format: {format}"));
    }
    let kind = schema::lookup(rt.kind).filter(|_| rt.group == group && rt.version == version);
    let Some(kind) = kind else {
        return out.error(format!("GVR ({gvr}) not found in OpenAPI schema"));
    };
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    match render(rt, kind, &fields, p.bool("recursive")) {
        Ok(text) => out.out(text),
        Err((header, msg)) => {
            out.out(header);
            out.error(msg);
        }
    }
}

/// The resource type and field path a command-line word names, as kubectl's
/// `SplitAndParseResourceRequest(WithMatchingPrefix)`: the first dot-separated part is the
/// resource; with `prefix_match` a qualified name such as `deployments.apps` is taken whole.
fn parse_resource(input: &str, prefix_match: bool) -> Result<(&'static ResourceType, Vec<String>), Error> {
    // kubectl parses the word as a JSONPath (`{.WORD}`); these are the errors it can give.
    let input = input.trim_end_matches('.');
    if input.is_empty() {
        return Err(Error::Prefixed("a resource must be present, got: /, Resource=".into()));
    }
    let not_field = || Error::Prefixed("invalid jsonpath syntax, first node must be field node".into());
    let parts: Vec<&str> = input.split('.').collect();
    if parts.iter().any(|p| p.is_empty() || p.contains(|c: char| c.is_whitespace() || c == '[' || c == ']')) {
        return Err(not_field());
    }
    if let Some(c) = input.chars().find(|c| "*{}()@$'\"=!<>?|&".contains(*c)) {
        return Err(Error::Prefixed(format!("unrecognized character in action: U+{:04X} '{c}'", c as u32)));
    }
    let unknown = || Error::Bare(format!("the server doesn't have a resource type \"{}\"", parts[0]));
    // Only the first part names the resource: `deploy.apps` is the field `apps` of deployments.
    let rt = discovery::lookup(parts[0]).ok_or_else(unknown)?;
    let qualified = rt.qualified_plural();
    let rest = match input.strip_prefix(qualified.as_str()) {
        // What follows the qualified name; its first part (if any) is dropped, as upstream does.
        Some(suffix) if prefix_match => {
            if suffix.is_empty() {
                Vec::new()
            } else {
                suffix.split('.').skip(1).map(String::from).collect()
            }
        }
        _ => parts[1..].iter().map(|s| s.to_string()).collect(),
    };
    Ok((rt, rest))
}

/// What explain describes: the kind itself, or one of the fields on the path.
#[derive(Clone, Copy)]
enum Target {
    Kind(&'static Type),
    Field(&'static Field),
}

impl Target {
    /// The object type whose fields are listed: the kind, or the field's named type (of its
    /// items or values for a list or map).
    fn object(self) -> Option<&'static Type> {
        match self {
            Target::Kind(t) => Some(t),
            Target::Field(f) => f.parse().named(),
        }
    }
}

/// The explain text, or the header printed before a field error and the error.
fn render(rt: &ResourceType, kind: &'static Type, path: &[&str], recursive: bool) -> Result<String, (String, String)> {
    let mut out = String::new();
    if !rt.group.is_empty() {
        out.push_str(&format!("GROUP:      {}\n", rt.group));
    }
    out.push_str(&format!("KIND:       {}\nVERSION:    {}\n\n", rt.kind, rt.version));

    let mut target = Target::Kind(kind);
    for (i, name) in path.iter().enumerate() {
        let field = target.object().and_then(|t| t.fields.iter().find(|f| f.name == *name));
        let Some(field) = field else {
            // Upstream names the last element of the path, whichever one was missing.
            return Err((out, format!("field \"{}\" does not exist", path[path.len() - 1])));
        };
        if i == path.len() - 1 {
            let ty = field.parse();
            out.push_str(&format!("FIELD: {} <{}>\n", field.name, ty.display()));
            if let Some(values) = ty.enums {
                out.push_str("ENUM:");
                for v in values.split(',') {
                    out.push_str("\n    ");
                    out.push_str(enum_value(v));
                }
            }
            out.push_str("\n\n");
        }
        target = Target::Field(field);
    }

    let description = match target {
        Target::Kind(t) => format!("{}\n", t.desc),
        Target::Field(f) => match f.parse().named() {
            Some(t) => format!("{}\n{}\n", f.desc, t.desc),
            None => format!("{}\n", f.desc),
        },
    };
    out.push_str("DESCRIPTION:\n");
    out.push_str(&indent(4, &wrap(&description, 76)));
    out.push('\n');
    if let Some(t) = target.object().filter(|t| !t.fields.is_empty()) {
        out.push_str("FIELDS:\n");
        field_list(&mut out, t, 1, recursive, &mut vec![t.name]);
    }
    out.push('\n');
    Ok(out)
}

/// The template's `fieldList`: the fields of `t` by name, each with its type (and, unless
/// recursive, its description); recursive lists nest each field's own fields one level deeper.
fn field_list(out: &mut String, t: &Type, level: usize, recursive: bool, seen: &mut Vec<&'static str>) {
    let mut fields: Vec<&Field> = t.fields.iter().collect();
    fields.sort_by_key(|f| f.name);
    let pad = " ".repeat(2 * level);
    for field in fields {
        let ty = field.parse();
        out.push_str(&format!("{pad}{}\t<{}>", field.name, ty.display()));
        if ty.required {
            out.push_str(" -required-");
        }
        if let Some(values) = ty.enums {
            let shown: Vec<&str> = values.split(',').map(enum_value).collect();
            out.push_str(&format!("\n{pad}enum: {}", shown[..shown.len().min(4)].join(", ")));
            if shown.len() > 4 {
                out.push_str(", ....");
            }
        }
        out.push('\n');
        if recursive {
            // A type already being listed further up is a cycle; upstream stops there too.
            if let Some(inner) = ty.named().filter(|n| !n.fields.is_empty() && !seen.contains(&n.name)) {
                seen.push(inner.name);
                field_list(out, inner, level + 1, recursive, seen);
                seen.pop();
            }
        } else {
            out.push_str(&indent(2 * level + 2, &wrap(field.desc, 78 - 2 * level)));
            out.push_str("\n\n");
        }
    }
}

/// An empty enum value prints as `""`.
fn enum_value(v: &str) -> &str {
    if v.is_empty() {
        "\"\""
    } else {
        v
    }
}

/// The template's `indent`: the padding before the text and after each newline.
fn indent(n: usize, s: &str) -> String {
    let pad = " ".repeat(n);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

/// The template's `wrap`: github.com/mitchellh/go-wordwrap's `WrapString`. Lines break at
/// whitespace so they are at most `lim` characters; a word longer than that gets a line of its
/// own; existing newlines are kept.
fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::with_capacity(s.len() + s.len() / lim.max(1));
    let mut current = 0;
    let (mut word, mut word_len) = (String::new(), 0);
    let (mut space, mut space_len) = (String::new(), 0);
    for c in s.chars() {
        if c == '\n' {
            if word.is_empty() {
                if current + space_len <= lim {
                    buf.push_str(&space);
                }
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                word.clear();
                word_len = 0;
            }
            space.clear();
            space_len = 0;
            buf.push('\n');
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                space_len = 0;
                word.clear();
                word_len = 0;
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + space_len + word_len > lim && word_len < lim {
                buf.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use cluster::ClusterConfig;

    fn explain(args: &str) -> Output {
        let mut s = Session::new(ClusterConfig::default());
        s.run(&format!("kubectl explain {args}"))
    }

    #[test]
    fn wraps_like_go_wordwrap() {
        assert_eq!(wrap("this is a really good test", 3), "this\nis\na\nreally\ngood\ntest");
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("aaa bbb\nccc ddd", 7), "aaa bbb\nccc ddd");
        // A word longer than the limit gets a line of its own.
        assert_eq!(wrap("see: https://example.com/a/very/long/path ok", 10), "see:\nhttps://example.com/a/very/long/path\nok");
        assert_eq!(wrap("a\n", 76), "a\n");
    }

    #[test]
    fn a_kind_lists_its_fields_with_descriptions() {
        let o = explain("deploy");
        let text = o.stdout();
        assert!(text.starts_with("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n    Deployment "), "{text}");
        assert!(text.contains("\n    \nFIELDS:\n  apiVersion\t<string>\n    The versioned schema"), "{text}");
        assert!(text.contains("\n  metadata\t<ObjectMeta>\n"), "{text}");
        assert!(text.ends_with(".\n\n\n"), "{text:?}");
        assert_eq!(o.status, 0);
        // Core kinds have no GROUP line.
        assert!(explain("po").stdout().starts_with("KIND:       Pod\nVERSION:    v1\n\n"));
    }

    #[test]
    fn field_paths_resolve_through_lists_and_named_types() {
        let text = explain("deploy.spec.template.spec.containers.livenessProbe").stdout();
        assert!(text.contains("FIELD: livenessProbe <Probe>\n\n\nDESCRIPTION:\n"), "{text}");
        assert!(text.contains("  httpGet\t<HTTPGetAction>\n"), "{text}");
        let text = explain("pod.spec.containers.imagePullPolicy").stdout();
        assert!(text.contains("FIELD: imagePullPolicy <string>\nENUM:\n    Always\n    IfNotPresent\n    Never\n\nDESCRIPTION:\n"), "{text}");
        let text = explain("pod.spec.volumes.hostPath").stdout();
        assert!(text.contains("  type\t<string>\n  enum: \"\", BlockDevice, CharDevice, Directory, ....\n"), "{text}");
        let text = explain("deployments.apps.spec.replicas").stdout();
        assert!(text.contains("FIELD: replicas <integer>\n"), "{text}");
        let text = explain("pod.metadata.creationTimestamp").stdout();
        assert!(text.contains("FIELD: creationTimestamp <string>\n\n\nDESCRIPTION:\n    When the object"), "{text}");
        assert!(explain("svc.spec.ports.targetPort").stdout().contains("FIELD: targetPort <IntOrString>"));
        assert!(explain("pod.spec.overhead").stdout().contains("FIELD: overhead <map[string]Quantity>"));
        assert!(explain("pod.spec.containers").stdout().contains("FIELD: containers <[]Container>"));
        assert!(explain("Pods.spec.").stdout().contains("FIELD: spec <PodSpec>"));
    }

    #[test]
    fn recursive_prints_the_tree_without_descriptions() {
        let text = explain("cj.spec --recursive").stdout();
        assert!(text.contains("FIELDS:\n  concurrencyPolicy\t<string>\n  enum: Allow, Forbid, Replace\n"), "{text}");
        assert!(text.contains("\n  jobTemplate\t<JobTemplateSpec> -required-\n    metadata\t<ObjectMeta>\n      annotations\t<map[string]string>\n"), "{text}");
        assert!(text.ends_with("  timeZone\t<string>\n\n"), "{text:?}");
    }

    #[test]
    fn errors_read_as_kubectl_prints_them() {
        let o = explain("''");
        assert_eq!(o.stderr(), "error: a resource must be present, got: /, Resource=\n");
        let o = explain("foo");
        assert_eq!((o.stderr().as_str(), o.status), ("the server doesn't have a resource type \"foo\"\n", 1));
        let o = explain("pods.spec.foo.bar");
        assert_eq!(o.stdout(), "KIND:       Pod\nVERSION:    v1\n\n");
        assert_eq!(o.stderr(), "error: field \"bar\" does not exist\n");
        assert_eq!(explain("deploy.apps").stderr(), "error: field \"apps\" does not exist\n");
        assert_eq!(explain("pods.spec.restartPolicy.x").stderr(), "error: field \"x\" does not exist\n");
        let o = explain("pods --api-version=apps/v1");
        assert_eq!((o.stdout().as_str(), o.stderr().as_str()), ("", "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema\n"));
        assert_eq!(explain("cronjobs --api-version=batch/v1beta1").stderr(), "error: couldn't find resource for \"batch/v1beta1, Resource=cronjobs\"\n");
        assert_eq!(explain("pods --api-version=a/b/c").stderr(), "error: unexpected GroupVersion string: a/b/c\n");
        assert!(explain("deploy --api-version=apps/v1").stdout().starts_with("GROUP:      apps\n"));
        assert_eq!(explain("pods --output=foo").stderr(), "error: unrecognized format: foo\n");
        assert_eq!(explain("pods a").stderr(), "error: We accept only this format: explain RESOURCE\n");
        assert_eq!(explain(".spec").stderr(), "error: invalid jsonpath syntax, first node must be field node\n");
        assert_eq!(explain("'pods.*'").stderr(), "error: unrecognized character in action: U+002A '*'\n");
        assert_eq!(explain("pods -o yaml").stderr(), "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl explain --help' for usage.\n");
    }

    #[test]
    fn every_kind_and_every_field_path_renders() {
        fn walk(s: &mut Session, path: String, t: &Type, depth: usize) {
            assert!(depth < 16, "{path}: too deep");
            for f in t.fields {
                let p = format!("{path}.{}", f.name);
                let o = s.run(&format!("kubectl explain {p}"));
                assert_eq!(o.status, 0, "{p}: {}", o.text());
                if let Some(inner) = f.parse().named() {
                    walk(s, p, inner, depth + 1);
                }
            }
        }
        let mut s = Session::new(ClusterConfig::default());
        for rt in discovery::RESOURCE_TYPES {
            let kind = schema::lookup(rt.kind).unwrap_or_else(|| panic!("no schema for {}", rt.kind));
            for name in [rt.plural, rt.singular].iter().chain(rt.short_names) {
                let o = s.run(&format!("kubectl explain {name}"));
                assert!(o.stdout().contains(&format!("KIND:       {}\n", rt.kind)), "{name}: {}", o.text());
                let o = s.run(&format!("kubectl explain {name} --recursive"));
                assert_eq!(o.status, 0, "{name}: {}", o.text());
            }
            walk(&mut s, rt.plural.to_string(), kind, 0);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let mut s = Session::new(ClusterConfig::default());
        for arg in ["'.'", "'..'", "'...spec'", "'pods..'", "'po..spec'", "'é'", "'pods.é'", "'pods/x'", "'pods[0]'", "'\u{1F600}'", "'a b'", "--recursive=x pods", "--api-version= pods", "'' ''"] {
            let o = s.run(&format!("kubectl explain {arg}"));
            assert!(!o.text().is_empty(), "{arg}");
        }
    }
}
