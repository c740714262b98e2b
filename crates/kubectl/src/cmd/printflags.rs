//! kubectl's PrintFlags and `--dry-run`, shared by the commands that write objects and print what
//! they wrote (`create <sub>`, `run`, `expose`, `label`, `annotate`).
//!
//! Sources (kubectl 1.31, read, not copied):
//! - `cli-runtime/pkg/genericclioptions/print_flags.go` (`PrintFlags.ToPrinter`: JSON/YAML, then
//!   name, then the template printers; `NoCompatiblePrinterError` with the allowed formats
//!   sorted), `json_yaml_flags.go` and `name_flags.go` (formats matched lower-cased),
//!   `jsonpath_flags.go` (`jsonpath=TEMPLATE`, `template format specified but no template
//!   given`), `cli-runtime/pkg/printers/name.go` (`kind[.group]/name operation`),
//!   `yaml.go` (`---` between the documents one printer prints), `json.go`.
//! - `kubectl/pkg/cmd/util/helpers.go`: `GetDryRunStrategy`, `PrintFlagsWithDryRunStrategy`
//!   (the ` (dry run)` / ` (server dry run)` suffixes), `AddDryRunFlag` (`NoOptDefVal` is
//!   `unchanged`, so a bare `--dry-run` means client).
//! - `kubectl/pkg/util/apply.go` `CreateOrUpdateAnnotation` (`--save-config`).
//!
//! Objects a command builds are typed in kubectl (`*appsv1.Deployment`), so their `-o json` keeps
//! the Go struct's field order (`kind`, `apiVersion`, `metadata`, `spec`, `status`), unlike
//! `kubectl get -o json`, whose unstructured maps print sorted; [`typed_json`] writes that form.
//! `-o yaml` goes through a map either way and is sorted.
//!
//! Left out: `--template` (and `-o go-template…`, `-o template…`, `-o jsonpath-file`), the klog
//! warning kubectl logs (with a timestamp and pid) for boolean or bare `--dry-run` values.

use serde::Serialize;

use cluster::validation::go_quote;
use cluster::Object;

use crate::cmd::resource_name;
use crate::flags::{bool_flag, value_flag, Flag};
use crate::jsonpath::{self, JsonPath};
use crate::output::Output;
use crate::yamlout;

/// `cmdutil.DryRunStrategy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

impl DryRun {
    /// What `PrintFlagsWithDryRunStrategy` appends to the operation.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// `cmdutil.GetDryRunStrategy`. (Boolean values make kubectl log a klog warning with a
/// timestamp and pid; kubeplay leaves it out.)
pub fn dry_run_strategy(flag: Option<&str>) -> Result<DryRun, String> {
    let Some(v) = flag else {
        return Ok(DryRun::None);
    };
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" | "unchanged" | "client" => Ok(DryRun::Client),
        "0" | "f" | "F" | "false" | "FALSE" | "False" | "none" => Ok(DryRun::None),
        "server" => Ok(DryRun::Server),
        other => Err(format!("Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".")),
    }
}

/// pflag's `NoOptDefVal` for `--dry-run`: a bare `--dry-run` is `--dry-run=unchanged` (and does
/// not take the next word as its value). Words after `--` are left alone.
pub fn bare_dry_run(args: Vec<String>) -> Vec<String> {
    let mut seen_dashdash = false;
    args.into_iter()
        .map(|a| {
            if a == "--" {
                seen_dashdash = true;
            }
            if !seen_dashdash && a == "--dry-run" {
                "--dry-run=unchanged".to_string()
            } else {
                a
            }
        })
        .collect()
}

/// PrintFlags' own flags (with `-o`).
pub const PRINT_FLAGS: &[Flag] = &[
    value_flag("output", Some('o')),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    bool_flag("show-managed-fields", None),
];

/// Output formats PrintFlags knows through its template printers.
pub const TEMPLATE_FORMATS: &[&str] =
    &["go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file"];

/// PrintFlags' formats, sorted as `NoCompatiblePrinterError` prints them.
pub const ALLOWED_FORMATS: &str = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

/// The printer `-o` picks.
#[derive(Clone, Debug)]
pub enum Printer {
    /// `kind/name operation`; `short` (`-o name`) leaves out the operation.
    Name {
        short: bool,
    },
    Json,
    Yaml,
    /// `-o jsonpath=…` / `-o jsonpath-as-json=…`.
    JsonPath(Box<JsonPath>),
}

/// `PrintFlags.ToPrinter` for `-o OUTPUT`.
pub fn printer_for(output: &str) -> Result<Printer, String> {
    match output.to_ascii_lowercase().as_str() {
        "" => return Ok(Printer::Name { short: false }),
        "name" => return Ok(Printer::Name { short: true }),
        "json" => return Ok(Printer::Json),
        "yaml" => return Ok(Printer::Yaml),
        _ => {}
    }
    if TEMPLATE_FORMATS.contains(&output) {
        return Err("template format specified but no template given".into());
    }
    if let Some((format, template)) = output.split_once('=').filter(|(f, _)| TEMPLATE_FORMATS.contains(f)) {
        return match format {
            "jsonpath" | "jsonpath-as-json" => Ok(Printer::JsonPath(Box::new(jsonpath::printer(template, format == "jsonpath-as-json")?))),
            other => Err(format!("kubeplay does not support \"-o {other}\" yet")),
        };
    }
    Err(format!(
        "unable to match a printer suitable for the output format {}, allowed formats are: {ALLOWED_FORMATS}",
        go_quote(output)
    ))
}

/// A printer for the objects one command writes: the format, the operation its name printer
/// reports (`created`, `exposed`) with the dry-run suffix, and how many objects it printed (the
/// YAML printer puts `---` between documents).
pub struct ObjectPrinter {
    pub printer: Printer,
    operation: &'static str,
    dry_run: DryRun,
    printed: usize,
}

impl ObjectPrinter {
    /// `PrintFlagsWithDryRunStrategy` + `ToPrinter`. `--template` is not modelled.
    pub fn new(output: Option<&str>, template: Option<&str>, operation: &'static str, dry_run: DryRun) -> Result<Self, String> {
        if template.is_some_and(|t| !t.is_empty()) {
            return Err("kubeplay does not support \"--template\" yet".into());
        }
        let printer = printer_for(output.unwrap_or(""))?;
        Ok(ObjectPrinter { printer, operation, dry_run, printed: 0 })
    }

    /// Prints a typed object as kubectl's printers do. A JSONPath error is returned.
    pub fn print(&mut self, obj: &Object, out: &mut Output) -> Result<(), String> {
        match &self.printer {
            Printer::Name { short } => {
                let mut line = format!("{}/{}", resource_name(obj.kind()), obj.meta().name);
                if !short {
                    line.push(' ');
                    line.push_str(self.operation);
                    line.push_str(self.dry_run.suffix());
                }
                line.push('\n');
                out.out(line);
            }
            Printer::Json => out.out(typed_json(obj, true)),
            Printer::Yaml => {
                if self.printed > 0 {
                    out.out("---\n");
                }
                out.out(yamlout::to_yaml(&obj.to_value()));
            }
            Printer::JsonPath(jp) => out.out(jp.print_obj(&obj.to_value())?),
        }
        self.printed += 1;
        Ok(())
    }
}

/// `kubectl.kubernetes.io/last-applied-configuration`, as `--save-config` sets it.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// `CreateOrUpdateAnnotation` with `--save-config`: the object (without the annotation) as
/// kubectl's JSON encoder writes it, struct order and a trailing newline.
pub fn save_config(obj: &mut Object) {
    obj.meta_mut().annotations.remove(LAST_APPLIED);
    let config = typed_json(obj, false);
    obj.meta_mut().annotations.insert(LAST_APPLIED.to_string(), config);
}

/// The object as Go's `encoding/json` writes the typed struct: `kind` and `apiVersion` first,
/// then the fields in declaration order; `pretty` is `MarshalIndent` with four spaces (the JSON
/// printer), otherwise compact (the JSON encoder); both end with a newline.
pub fn typed_json(obj: &Object, pretty: bool) -> String {
    /// `TypeMeta` inlined before the object's own fields.
    #[derive(Serialize)]
    struct Typed<'a, T: Serialize> {
        kind: &'static str,
        #[serde(rename = "apiVersion")]
        api_version: &'static str,
        #[serde(flatten)]
        object: &'a T,
    }
    fn write<T: Serialize>(obj: &Object, inner: &T, pretty: bool) -> Option<String> {
        let kind = obj.kind();
        let typed = Typed { kind: kind.name(), api_version: kind.api_version(), object: inner };
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, GoFormatter { pretty, depth: 0, has_value: false });
        typed.serialize(&mut ser).ok()?;
        let mut s = String::from_utf8(buf).ok()?;
        s.push('\n');
        Some(s)
    }
    let written = match obj {
        Object::Pod(o) => write(obj, o, pretty),
        Object::Service(o) => write(obj, o, pretty),
        Object::Deployment(o) => write(obj, o, pretty),
        Object::Job(o) => write(obj, o, pretty),
        Object::CronJob(o) => write(obj, o, pretty),
        Object::ServiceAccount(o) => write(obj, o, pretty),
        Object::ConfigMap(o) => write(obj, o, pretty),
        Object::Secret(o) => write(obj, o, pretty),
        Object::Namespace(o) => write(obj, o, pretty),
        _ => None,
    };
    written.unwrap_or_else(|| {
        let v = obj.to_value();
        if pretty {
            yamlout::to_json(&v)
        } else {
            format!("{}\n", serde_json::to_string(&v).unwrap_or_default())
        }
    })
}

/// Go's `encoding/json` layout: `MarshalIndent(v, "", "    ")` or compact, with `escapeHTML`
/// (`<`, `>`, `&` as `\u003c`…; U+2028 and U+2029 always escaped). serde_json's own escapes for
/// quotes, backslashes and control characters are Go's since Go 1.22 (`\b`, `\f` short forms).
struct GoFormatter {
    pretty: bool,
    depth: usize,
    has_value: bool,
}

impl GoFormatter {
    fn newline<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"    ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, c: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(c)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, c: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.pretty && self.has_value {
            self.newline(w)?;
        }
        self.has_value = true;
        w.write_all(c)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty {
            self.newline(w)?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for GoFormatter {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.pretty { b": " } else { b":" })
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escaped = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            w.write_all(&fragment.as_bytes()[start..i])?;
            w.write_all(escaped.as_bytes())?;
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster::api::{ConfigMap, ObjectMeta};

    #[test]
    fn dry_run_values() {
        assert_eq!(dry_run_strategy(None), Ok(DryRun::None));
        assert_eq!(dry_run_strategy(Some("unchanged")), Ok(DryRun::Client));
        assert_eq!(dry_run_strategy(Some("server")), Ok(DryRun::Server));
        assert_eq!(dry_run_strategy(Some("False")), Ok(DryRun::None));
        assert_eq!(
            dry_run_strategy(Some("x")).unwrap_err(),
            "Invalid dry-run value (x). Must be \"none\", \"server\", or \"client\"."
        );
        let args: Vec<String> = ["--dry-run", "client", "--", "--dry-run"].iter().map(|s| s.to_string()).collect();
        assert_eq!(bare_dry_run(args), ["--dry-run=unchanged", "client", "--", "--dry-run"]);
    }

    #[test]
    fn printers() {
        assert!(matches!(printer_for("YAML"), Ok(Printer::Yaml)));
        assert!(matches!(printer_for("name"), Ok(Printer::Name { short: true })));
        assert_eq!(printer_for("jsonpath").unwrap_err(), "template format specified but no template given");
        assert_eq!(printer_for("jsonpath=").unwrap_err(), "template format specified but no template given");
        assert_eq!(printer_for("jsonpath={.a").unwrap_err(), "error parsing jsonpath {.a, unclosed action");
        assert_eq!(printer_for("go-template={{.a}}").unwrap_err(), "kubeplay does not support \"-o go-template\" yet");
        assert!(printer_for("wide").unwrap_err().starts_with("unable to match a printer suitable for the output format \"wide\""));
    }

    #[test]
    fn typed_json_keeps_struct_order_and_go_escapes() {
        let cm = ConfigMap {
            metadata: ObjectMeta { name: "c".into(), ..Default::default() },
            data: [("a".to_string(), "<b>&\u{2028}\n".to_string())].into(),
            ..Default::default()
        };
        let obj = Object::from(cm);
        assert_eq!(
            typed_json(&obj, true),
            "{\n    \"kind\": \"ConfigMap\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"c\",\n        \"creationTimestamp\": null\n    },\n    \"data\": {\n        \"a\": \"\\u003cb\\u003e\\u0026\\u2028\\n\"\n    }\n}\n"
        );
        assert_eq!(
            typed_json(&obj, false),
            "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\",\"creationTimestamp\":null},\"data\":{\"a\":\"\\u003cb\\u003e\\u0026\\u2028\\n\"}}\n"
        );
        let mut obj = obj;
        save_config(&mut obj);
        assert!(obj.meta().annotations[LAST_APPLIED].starts_with("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\",\"creationTimestamp\":null},"));
    }
}
