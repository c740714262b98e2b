//! `kubectl edit (TYPE NAME | TYPE/NAME | -f FILE)`: the object(s) as YAML (or `-o json`) in
//! the editor — several as a `v1` `List` — then a two-way strategic merge patch from what was
//! shown to what was saved, sent per object. Invalid objects reopen the file with the errors
//! as comments at the top; saving that unchanged gives up and keeps the file.
//!
//! The loop is a state machine ([`EditSession`]) because the editor is the front end's
//! ([`crate::editor`]): the session asks its editor for each opening and feeds the saved text
//! back, at once (terminal, scripts) or later (the web app).
//!
//! Sources (kubectl 1.31, read, not copied): `kubectl/pkg/cmd/edit/edit.go` (flags),
//! `kubectl/pkg/cmd/util/editor/editoptions.go` (`Complete`, `Run`'s `editFn`: the header
//! (`editHeader.writeTo`, `hashOnLineBreak`), `containsError` and the "no valid changes"
//! short-circuit, client-side validation before the no-change check, `hasLines`,
//! `updatedResultGetter` (`edited-file`), `RequireNamespace`, `visitAnnotation`
//! (`--save-config`, `--record`), `visitToPatch` (match by uid, `skipped`, the preconditions,
//! `--output-patch`), `editResults.addError`, `preservedFile`), `editor/editor.go`
//! (`LaunchTempFile`: `kubectl-edit-*.yaml` in the temp dir), `cmdutil.StripComments` /
//! `ManualStrip`, `kubectl/pkg/validation/schema.go` (`paramVerifyingSchema.ValidateBytes`:
//! the document must parse and name its apiVersion and kind; the rest is the server's).
//!
//! Not modelled: `--subresource`, `-k`, `--windows-line-endings` (accepted, no effect),
//! client-side schema validation of a `List` (the server would validate each item).

use cluster::validation::{go_quote, join_aggregate};
use cluster::{ApiError, Kind, Object};
use serde_json::{Map, Value};

use crate::cmd::apply::{last_applied, set_annotation, LAST_APPLIED};
use crate::cmd::errors::{print_errors, CmdError};
use crate::cmd::patch::common::{self, Failure, Printer, Printing};
use crate::cmd::patch::gojson::{self, go_value};
use crate::cmd::patch::request::{self, FieldValidation};
use crate::cmd::patch::threeway::{self, go_json, CHANGED_IDENTITY};
use crate::cmd::printflags::DryRun;
use crate::cmd::resource::{fetch, kind_of, read_documents, resolve, Doc};
use crate::cmd::{flag_error, Command, Context, GLOBAL_FLAGS};
use crate::flags::{self, bool_flag, value_flag, Flag, Parsed};
use crate::manifest;
use crate::output::Output;
use crate::yamlout;

/// Without a session (no editor to open): every file is saved unchanged.
pub(crate) const COMMAND: Command = Command { name: "edit", flags: FLAGS, run: run_unattended };

const FLAGS: &[Flag] = &[
    value_flag("filename", Some('f')),
    value_flag("kustomize", Some('k')),
    bool_flag("recursive", Some('R')),
    value_flag("output", Some('o')),
    bool_flag("output-patch", None),
    bool_flag("save-config", None),
    bool_flag("show-managed-fields", None),
    value_flag("subresource", None),
    value_flag("template", None),
    bool_flag("allow-missing-template-keys", None),
    value_flag("validate", None),
    bool_flag("windows-line-endings", None),
    value_flag("field-manager", None),
    bool_flag("record", None),
];

/// The header of the file (YAML only).
const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n";

fn run_unattended(ctx: &mut Context, p: &Parsed, out: &mut Output) {
    let Some(mut session) = begin(ctx, p, out) else { return };
    while let Some((_, text)) = session.opening() {
        let text = text.to_string();
        session.saved(ctx, Ok(text), out);
    }
}

/// `kubectl edit ARGS…` (the words after `kubectl`, global flags included): parses the flags
/// and gets the objects; the edit to drive, or None when it ended already (errors, `--help`).
pub(crate) fn start(ctx: &mut Context, argv: &[String], out: &mut Output) -> Option<EditSession> {
    let i = crate::cmd::subcommand_index(argv);
    let rest: Vec<String> = argv[..i].iter().chain(argv.get(i + 1..).unwrap_or_default()).cloned().collect();
    let all: Vec<Flag> = FLAGS.iter().chain(GLOBAL_FLAGS).copied().collect();
    let parsed = match flags::parse(&rest, &all) {
        Ok(p) => p,
        Err(e) => {
            flag_error(out, Some("edit"), &e);
            return None;
        }
    };
    if parsed.bool("help") {
        out.out(HELP);
        return None;
    }
    if let Some(ns) = parsed.get("namespace") {
        ctx.namespace = ns.to_string();
    }
    begin(ctx, &parsed, out)
}

/// A reason the file is reopened (`editReason`).
#[derive(Clone, Debug)]
struct Reason {
    head: String,
    other: Vec<String>,
}

/// One object of the saved file.
struct Edited {
    kind: Kind,
    value: Value,
}

impl Edited {
    fn meta(&self, field: &str) -> String {
        self.value.pointer(&format!("/metadata/{field}")).and_then(Value::as_str).unwrap_or("").to_string()
    }
}

/// How a saved object's patch failed (`editResults.addError`'s cases).
enum PatchError {
    Invalid(Vec<String>),
    NotFound,
    Other(String),
}

/// A `kubectl edit` in progress.
pub(crate) struct EditSession {
    /// The objects as fetched (the `infos`).
    originals: Vec<Object>,
    /// `CmdNamespace`.
    namespace: String,
    json: bool,
    printer: Printer,
    output_patch: bool,
    save_config: bool,
    record: Option<String>,
    validation: FieldValidation,
    /// The first file (header and objects), for the no-change check.
    original: String,
    /// The text last saved.
    edited: String,
    contains_error: bool,
    reasons: Vec<Reason>,
    /// `results.file`: the file of the last pass.
    results_file: String,
    /// The file of this pass.
    file: String,
    temp_dir: String,
    /// Which edit of the session this is (temp file names differ from one edit to the next).
    serial: u32,
    launches: u32,
    /// The file the editor opens next; None once the edit is over.
    next: Option<(String, String)>,
    removed: Vec<String>,
}

fn begin(ctx: &mut Context, p: &Parsed, out: &mut Output) -> Option<EditSession> {
    common::deprecations(p, out, &[common::RECORD_DEPRECATED]);
    let output = p.get("output").unwrap_or("");
    let validation = match FieldValidation::from_flag(p.get("validate")) {
        Ok(v) => v,
        Err(e) => {
            out.error(e);
            return None;
        }
    };
    if let Some(sub) = p.get("subresource").filter(|s| !s.is_empty()) {
        if sub != "status" {
            out.error(format!("invalid subresource value: {}. Must be one of [status]", go_quote(sub)));
        } else {
            out.error("kubeplay does not support \"kubectl edit --subresource\" yet");
        }
        return None;
    }
    if p.values.contains_key("kustomize") {
        out.error("kubeplay does not support \"kubectl edit -k\" yet");
        return None;
    }
    let originals = fetch_objects(ctx, p, out)?;
    if originals.is_empty() {
        out.error("edit cancelled, no objects found");
        return None;
    }
    // The editor's printer: yaml (default) or json only.
    let json = match output.to_ascii_lowercase().as_str() {
        "" | "yaml" => false,
        "json" => true,
        _ => {
            out.error(format!("unable to match a printer suitable for the output format {}, allowed formats are: json,yaml", go_quote(output)));
            return None;
        }
    };
    let printer = match common::printer_for(p) {
        Ok(pr) => pr,
        Err(e) => {
            out.error(e);
            return None;
        }
    };
    let record = p.bool("record").then(|| common::change_cause(&["edit"], p));
    let mut session = EditSession {
        originals,
        namespace: ctx.namespace.clone(),
        json,
        printer,
        output_patch: p.bool("output-patch"),
        save_config: p.bool("save-config"),
        record,
        validation,
        original: String::new(),
        edited: String::new(),
        contains_error: false,
        reasons: Vec::new(),
        results_file: String::new(),
        file: String::new(),
        temp_dir: "/tmp".into(),
        serial: 0,
        launches: 0,
        next: None,
        removed: Vec::new(),
    };
    session.prepare();
    Some(session)
}

/// The builder's result (`ResourceTypeOrNameArgs(true, …).Latest()`, `-f`): every object, or
/// the errors (all reported, nothing edited).
fn fetch_objects(ctx: &mut Context, p: &Parsed, out: &mut Output) -> Option<Vec<Object>> {
    let namespace = ctx.namespace.clone();
    let files: Vec<String> = p.values.get("filename").cloned().unwrap_or_default();
    let mut errors: Vec<CmdError> = Vec::new();
    let mut objects = Vec::new();
    if !files.is_empty() {
        if !p.args.is_empty() {
            out.error("When using the -f flag, you must not specify resource types or names");
            return None;
        }
        for doc in read_documents(ctx, &files, "edit", &mut errors) {
            let kind = match kind_of(&doc) {
                Ok(k) => k,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let name = doc.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
            let ns = if kind.namespaced() { doc.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or(&namespace) } else { "" };
            match ctx.cluster.get(kind, ns, name) {
                Ok(o) => objects.push(o),
                Err(e) => errors.push(CmdError::Api(e)),
            }
        }
    } else {
        match resolve(&p.args, true, "", &namespace, false).1 {
            Ok(source) => {
                let found = fetch(ctx.cluster, source, &namespace, "");
                for item in found.items {
                    match item {
                        Ok((_, o)) => objects.push(o),
                        Err(e) => errors.push(e),
                    }
                }
                errors.extend(found.list_errors);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        print_errors(out, errors);
        return None;
    }
    Some(objects)
}

impl EditSession {
    /// The file the editor should open: (path, text). None when the edit is over.
    pub(crate) fn opening(&self) -> Option<(&str, &str)> {
        self.next.as_ref().map(|(p, t)| (p.as_str(), t.as_str()))
    }

    /// The temp files kubectl removed since the last call.
    pub(crate) fn take_removed(&mut self) -> Vec<String> {
        std::mem::take(&mut self.removed)
    }

    /// Where the temp files go (the editor's temp dir), and which edit of the session this is.
    pub(crate) fn configure(&mut self, temp_dir: &str, serial: u32) {
        self.temp_dir = temp_dir.trim_end_matches('/').to_string();
        self.serial = serial;
        if let Some((_, text)) = self.next.take() {
            self.file = self.temp_path(&text);
            self.next = Some((self.file.clone(), text));
        }
    }

    /// `kubectl-edit-<number>.yaml` in the temp dir.
    fn temp_path(&self, text: &str) -> String {
        let ext = if self.json { "json" } else { "yaml" };
        format!("{}/kubectl-edit-{}.{ext}", self.temp_dir, temp_number(text, self.serial, self.launches))
    }

    /// The objects as the editor shows them: one object, or a `List`.
    fn printed(&self) -> String {
        let value = match self.originals.as_slice() {
            [one] => one.to_value(),
            many => {
                let mut list = Map::new();
                list.insert("apiVersion".into(), Value::String("v1".into()));
                list.insert("items".into(), Value::Array(many.iter().map(Object::to_value).collect()));
                list.insert("kind".into(), Value::String("List".into()));
                list.insert("metadata".into(), Value::Object(Map::new()));
                Value::Object(list)
            }
        };
        if self.json {
            yamlout::to_json(&value)
        } else {
            yamlout::to_yaml(&value)
        }
    }

    /// Builds the next file: the header with the reasons, then the objects (first pass, or after
    /// a pass without errors) or the last saved text without its comments.
    fn prepare(&mut self) {
        let mut buf = String::new();
        if !self.json {
            buf.push_str(&header(&self.reasons));
        }
        if !self.contains_error {
            buf.push_str(&self.printed());
            self.original = buf.clone();
        } else {
            buf.push_str(&manual_strip(&self.edited));
        }
        self.launches += 1;
        self.file = self.temp_path(&buf);
        self.next = Some((self.file.clone(), buf));
    }

    fn done(&mut self) {
        self.next = None;
    }

    /// `preservedFile`: where the changes were kept.
    fn preserved(&self, path: &str, out: &mut Output) {
        if !path.is_empty() {
            out.err(format!("A copy of your changes has been stored to {}\n", go_quote(path)));
        }
    }

    /// The editor saved `saved` (or failed): one pass of `editFn`'s loop.
    pub(crate) fn saved(&mut self, ctx: &mut Context, saved: Result<String, String>, out: &mut Output) {
        let edited = match saved {
            Ok(t) => t,
            Err(e) => {
                self.preserved(&self.results_file.clone(), out);
                out.error(e);
                return self.done();
            }
        };
        let file = self.file.clone();
        if self.contains_error && strip_comments(&self.edited) == strip_comments(&edited) {
            self.preserved(&file, out);
            out.error("Edit cancelled, no valid changes were saved.");
            return self.done();
        }
        if !self.results_file.is_empty() {
            self.removed.push(std::mem::take(&mut self.results_file));
        }
        self.edited = edited;
        if self.validation == FieldValidation::Strict {
            if let Err(e) = validate(&strip_comments(&self.edited)) {
                self.results_file = file;
                self.reasons.clear();
                self.contains_error = true;
                let (kind, name) = (self.originals[0].kind(), self.originals[0].meta().name.clone());
                let cause = format!("<nil>: Invalid value: \"The edited file failed validation\": {e}");
                let line = self.add_error(PatchError::Invalid(vec![cause]), kind, &name);
                out.err(format!("{line}\n"));
                return self.prepare();
            }
        }
        if strip_comments(&self.original) == strip_comments(&self.edited) {
            self.removed.push(file);
            out.err("Edit cancelled, no changes made.\n");
            out.status = 0;
            return self.done();
        }
        if !has_lines(&self.edited) {
            self.removed.push(file);
            out.err("Edit cancelled, saved file was empty.\n");
            out.status = 0;
            return self.done();
        }
        self.results_file = file.clone();
        self.reasons.clear();
        let mut updated = match parse_edited(&self.edited) {
            Ok(u) => u,
            Err(e) => {
                self.contains_error = true;
                self.reasons.push(Reason { head: format!("The edited file had a syntax error: {e}"), other: Vec::new() });
                return self.prepare();
            }
        };
        self.contains_error = false;
        // RequireNamespace.
        for u in &mut updated {
            if !u.kind.namespaced() {
                continue;
            }
            let ns = u.meta("namespace");
            if ns.is_empty() {
                if let Some(meta) = u.value.as_object_mut().map(|o| o.entry("metadata").or_insert_with(|| Value::Object(Map::new()))) {
                    if let Some(meta) = meta.as_object_mut() {
                        meta.insert("namespace".into(), Value::String(self.namespace.clone()));
                    }
                }
            } else if ns != self.namespace {
                self.preserved(&file, out);
                out.error(format!(
                    "the namespace from the provided object {} does not match the namespace {}. You must pass '--namespace={ns}' to perform this operation.",
                    go_quote(&ns),
                    go_quote(&self.namespace)
                ));
                return self.done();
            }
        }
        // visitAnnotation.
        for u in &mut updated {
            if self.save_config {
                let config = last_applied(&u.value);
                set_annotation(&mut u.value, LAST_APPLIED, config);
            }
            if let Some(cause) = &self.record {
                set_annotation(&mut u.value, common::CHANGE_CAUSE, cause.clone());
            }
        }
        // visitToPatch.
        let (mut retryable, mut notfound, mut invalid) = (0, 0, 0);
        for u in &updated {
            let uid = u.meta("uid");
            let Some(original) = self.originals.iter().find(|o| o.meta().uid == uid) else {
                self.preserved(&file, out);
                out.error(format!("no original object found for &unstructured.Unstructured{{Object:{}}}", go_sharp_v(&u.value)));
                return self.done();
            };
            let original_value = original.to_value();
            let name = u.meta("name");
            if original_value == u.value {
                self.print(ctx, u.kind, &u.value, "skipped", out);
                continue;
            }
            let empty = Map::new();
            let patch = match threeway::two_way(original_value.as_object().unwrap_or(&empty), u.value.as_object().unwrap_or(&empty), u.kind) {
                Ok(p) if threeway::identity_unchanged(&p) => p,
                Ok(_) => {
                    self.preserved(&file, out);
                    out.error(CHANGED_IDENTITY);
                    return self.done();
                }
                Err(e) => {
                    self.preserved(&file, out);
                    out.error(e);
                    return self.done();
                }
            };
            if self.output_patch {
                out.out(format!("Patch: {}\n", go_json(&Value::Object(patch.clone()))));
            }
            let namespace = u.meta("namespace");
            match request::patch(ctx.cluster, u.kind, &namespace, &name, &patch, self.validation, out) {
                Ok(written) => {
                    ctx.cluster.settle();
                    self.print(ctx, u.kind, &written.to_value(), "edited", out);
                }
                Err(f) => {
                    let e = patch_error(f);
                    match e {
                        PatchError::Invalid(_) => invalid += 1,
                        PatchError::NotFound => notfound += 1,
                        PatchError::Other(_) => retryable += 1,
                    }
                    let line = self.add_error(e, u.kind, &name);
                    out.err(format!("{line}\n"));
                    out.status = 1;
                }
            }
        }
        if retryable > 0 {
            out.err(format!("You can run `kubectl replace -f {file}` to try this update again.\n"));
            out.status = 1;
            return self.done();
        }
        if notfound > 0 {
            out.err(format!("The edits you made on deleted resources have been saved to {}\n", go_quote(&file)));
            out.status = 1;
            return self.done();
        }
        if invalid == 0 {
            self.removed.push(file);
            self.results_file.clear();
            out.status = 0;
            return self.done();
        }
        // Invalid objects: the file reopens with the reasons.
        self.contains_error = !self.reasons.is_empty();
        self.prepare();
    }

    /// `ToPrinter(operation).PrintObj`: a printer per object.
    fn print(&self, _ctx: &mut Context, kind: Kind, value: &Value, operation: &str, out: &mut Output) {
        if let Err(e) = Printing::new(self.printer.clone(), DryRun::None).print(out, kind, value, operation) {
            out.error(e);
        }
    }

    /// `editResults.addError`: records the failure and returns the line kubectl prints.
    fn add_error(&mut self, e: PatchError, kind: Kind, name: &str) -> String {
        let resource = kind.resource().qualified_plural();
        match e {
            PatchError::Invalid(causes) => {
                self.reasons.push(Reason { head: format!("{resource} {} was not valid", go_quote(name)), other: causes });
                format!("error: {resource} {} is invalid", go_quote(name))
            }
            PatchError::NotFound => format!("error: {resource} {} could not be found on the server", go_quote(name)),
            PatchError::Other(m) => format!("error: {resource} {} could not be patched: {m}", go_quote(name)),
        }
    }
}

/// The case of `addError` a failed patch falls in, with what it prints.
fn patch_error(f: Failure) -> PatchError {
    match f {
        Failure::Cmd(CmdError::Api(ApiError::Invalid { causes, .. })) => PatchError::Invalid(causes.iter().map(|c| format!("{}: {}", c.field, c.body())).collect()),
        Failure::Cmd(CmdError::Api(ApiError::NotFound { .. })) => PatchError::NotFound,
        Failure::Cmd(CmdError::Api(e)) => PatchError::Other(common::status_message(&e)),
        Failure::Cmd(other) => PatchError::Other(format!("{other:?}")),
        Failure::Raw(s) if s.starts_with("The request is invalid") => PatchError::Invalid(Vec::new()),
        Failure::Raw(s) => PatchError::Other(s.strip_prefix("Error from server: ").unwrap_or(&s).trim_end().to_string()),
    }
}

/// `editHeader.writeTo`.
fn header(reasons: &[Reason]) -> String {
    let mut s = HEADER.to_string();
    for r in reasons {
        if r.other.is_empty() {
            s.push_str(&format!("# {}\n", hash_on_line_break(&r.head)));
        } else {
            s.push_str(&format!("# {}:\n", hash_on_line_break(&r.head)));
        }
        for o in &r.other {
            s.push_str(&format!("# * {}\n", hash_on_line_break(o)));
        }
        s.push_str("#\n");
    }
    s
}

/// `hashOnLineBreak`: a `# ` after each line break not followed by `#`.
fn hash_on_line_break(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::new();
    for (i, ch) in s.char_indices() {
        if ch == '\n' && i + 1 < bytes.len() && bytes[i + 1] != b'#' {
            out.push_str("\n# ");
        } else {
            out.push(ch);
        }
    }
    out
}

/// A number for the temp file's name (Go's `CreateTemp` uses a random one): a hash of the
/// content, the edit and the pass, so transcripts stay deterministic.
fn temp_number(text: &str, serial: u32, pass: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes().chain(serial.to_le_bytes()).chain(pass.to_le_bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// `cmdutil.ManualStrip`: the lines that are not comments (`#!` lines stay).
fn manual_strip(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with('#') && !t.starts_with("#!") {
            continue;
        }
        out.push_str(line);
        if i < lines.len() - 1 {
            out.push('\n');
        }
    }
    out
}

/// What `cmdutil.StripComments` leaves, as compared: the JSON of the (first) YAML document, or,
/// for JSON input and text that is not YAML, the text itself (comment lines dropped from the
/// latter).
#[derive(Debug, PartialEq)]
enum Stripped {
    Json(Value),
    Text(String),
}

fn has_json_prefix(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// The first YAML document as JSON (`yaml.ToJSON`), or go-yaml's message.
fn yaml_to_json(text: &str) -> Result<Value, String> {
    match manifest::parse("", text).into_iter().next() {
        None => Ok(Value::Null),
        Some(Ok(doc)) => Ok(doc.value),
        Some(Err(e)) => {
            let m = e.message;
            Err(m.strip_prefix("error parsing : error converting YAML to JSON: ").unwrap_or(&m).to_string())
        }
    }
}

fn strip_comments(text: &str) -> Stripped {
    if has_json_prefix(text) {
        return Stripped::Text(text.to_string());
    }
    match yaml_to_json(text) {
        Ok(v) => Stripped::Json(v),
        Err(_) => Stripped::Text(manual_strip(text)),
    }
}

/// The client side of `--validate=strict` (`paramVerifyingSchema.ValidateBytes`): the file must
/// parse and name an apiVersion and a kind; the schema is the server's business.
fn validate(stripped: &Stripped) -> Result<(), String> {
    let value = match stripped {
        Stripped::Json(v) => v.clone(),
        Stripped::Text(t) if has_json_prefix(t) => gojson::parse(t)?,
        Stripped::Text(t) => yaml_to_json(t)?,
    };
    let Value::Object(fields) = &value else { return Err("invalid object to validate".into()) };
    let mut errs = Vec::new();
    match fields.get("apiVersion") {
        None | Some(Value::Null) => errs.push("apiVersion not set".to_string()),
        Some(Value::String(v)) if v.matches('/').count() > 1 => errs.push(format!("unexpected GroupVersion string: {v}")),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("apiVersion isn't string type".to_string()),
    }
    match fields.get("kind") {
        None | Some(Value::Null) => errs.push("kind not set".to_string()),
        Some(Value::String(_)) => {}
        Some(_) => errs.push("kind isn't string type".to_string()),
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(join_aggregate(&errs))
    }
}

/// `hasLines`: a line that is neither blank nor a comment.
fn has_lines(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// The objects of the saved file (`updatedResultGetter`: the stream `edited-file`, lists
/// flattened, each document mapped to its kind).
fn parse_edited(text: &str) -> Result<Vec<Edited>, String> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    let mut add = |value: Value, errs: &mut Vec<String>| match kind_of(&Doc { source: "edited-file".into(), value: value.clone() }) {
        Ok(kind) => out.push(Edited { kind, value }),
        Err(e) => errs.push(error_text(e)),
    };
    for doc in manifest::parse("edited-file", text) {
        match doc {
            Err(e) => errs.push(e.message),
            Ok(doc) => {
                let is_list = doc.value.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List")) && doc.value.get("items").is_some_and(Value::is_array);
                if is_list {
                    for item in doc.value["items"].as_array().cloned().unwrap_or_default() {
                        add(item, &mut errs);
                    }
                } else {
                    add(doc.value, &mut errs);
                }
            }
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(join_aggregate(&errs))
    }
}

fn error_text(e: CmdError) -> String {
    match e {
        CmdError::Plain(s) => s,
        other => format!("{other:?}"),
    }
}

/// Go's `%#v` of a decoded JSON value (`map[string]interface {}{"a":"b"}`), for the error about
/// an object kubectl cannot match.
fn go_sharp_v(v: &Value) -> String {
    match v {
        Value::Null => "interface {}(nil)".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(_) => go_value(v),
        Value::String(s) => go_quote(s),
        Value::Array(a) => format!("[]interface {{}}{{{}}}", a.iter().map(go_sharp_v).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => {
            let items: Vec<String> = m.iter().map(|(k, v)| format!("{}:{}", go_quote(k), go_sharp_v(v))).collect();
            format!("map[string]interface {{}}{{{}}}", items.join(", "))
        }
    }
}

const HELP: &str = r#"Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will
open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or
'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined
in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for
Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as
command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify
the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating
system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied
changes. The most common error when updating a resource is another editor changing the resource on the server. When
this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved
copy to include the latest resource version.

Examples:
  # Edit the service named 'registry'
  kubectl edit svc/registry

  # Use an alternative editor
  KUBE_EDITOR="nano" kubectl edit svc/registry

  # Edit the job 'myjob' in JSON using the v1 API format
  kubectl edit job.v1.batch/myjob -o json

  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubectl edit deployment/mydeployment -o yaml --save-config

  # Edit the 'status' subresource for the 'mydeployment' deployment
  kubectl edit deployment mydeployment --subresource='status'

Options:
    --allow-missing-template-keys=true:
        If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to
        golang and jsonpath output formats.

    --field-manager='kubectl-edit':
        Name of the manager used to track field ownership.

    -f, --filename=[]:
        Filename, directory, or URL to files to use to edit the resource

    -k, --kustomize='':
        Process the kustomization directory. This flag can't be used together with -f or -R.

    -o, --output='':
        Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath,
        jsonpath-as-json, jsonpath-file).

    --output-patch=false:
        Output the patch if the resource is edited.

    -R, --recursive=false:
        Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests
        organized within the same directory.

    --save-config=false:
        If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be
        unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --show-managed-fields=false:
        If true, keep the managedFields when printing objects in JSON or YAML format.

    --subresource='':
        If specified, edit will operate on the subresource of the requested object. This flag is beta and may change in
        the future.

    --template='':
        Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format
        is golang templates [http://golang.org/pkg/text/template/#pkg-overview].

    --validate='strict':
        Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the
        input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is
        enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn
        about unknown or duplicate fields without blocking the request if server-side field validation is enabled on
        the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation,
        silently dropping any unknown or duplicate fields.

    --windows-line-endings=false:
        Defaults to the line ending native to your platform.

Usage:
  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_reasons() {
        let r = vec![
            Reason { head: "deployments.apps \"web\" was not valid".into(), other: vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0".into()] },
            Reason { head: "The edited file had a syntax error: a\nb".into(), other: vec![] },
        ];
        assert_eq!(
            header(&r),
            format!("{HEADER}# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n# The edited file had a syntax error: a\n# b\n#\n")
        );
    }

    #[test]
    fn comments_and_lines() {
        assert_eq!(manual_strip("# a\nb: 1\n  # c\n#!x\n"), "b: 1\n#!x\n");
        assert!(!has_lines("# x\n\n   \n"));
        assert!(has_lines("# x\na: 1"));
        assert_eq!(strip_comments("# x\na: 1\n"), strip_comments("a: 1"));
        assert_eq!(validate(&strip_comments("")), Err("invalid object to validate".into()));
        assert_eq!(validate(&strip_comments("kind: Pod\n")), Err("apiVersion not set".into()));
        assert_eq!(validate(&strip_comments("a: 1\n")), Err("[apiVersion not set, kind not set]".into()));
        assert_eq!(validate(&strip_comments("apiVersion: v1\nkind: Pod\n")), Ok(()));
    }

    /// What the editor shows reads back as the same object, so an edit patches only what the
    /// user changed.
    #[test]
    fn every_object_round_trips_through_the_editor() {
        let mut s = crate::Session::new(cluster::ClusterConfig::default());
        let setup = [
            "kubectl create deployment web --image=nginx --replicas=2 --port=80",
            "kubectl expose deployment web --port=80 --target-port=8080 --type=NodePort",
            "kubectl create configmap cfg --from-literal=a=1 --from-literal=multi='line one\nline two'",
            "kubectl create secret generic pw --from-literal=password='s3cr3t: yes'",
            "kubectl create job pi --image=perl -- perl -Mbignum=bpi -wle 'print bpi(20)'",
            "kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date",
            "kubectl run probe --image=busybox --labels='a=1,b=true' -- sh -c 'echo \"hi\" && sleep 3600'",
            "sim advance 2m",
        ];
        for line in setup {
            let o = s.run(line);
            assert_eq!(o.status, 0, "{line}: {}", o.text());
        }
        let mut checked = 0;
        for kind in Kind::ALL {
            for obj in s.cluster().list(*kind, None) {
                let v = obj.to_value();
                for text in [yamlout::to_yaml(&v), format!("{HEADER}{}", yamlout::to_yaml(&v))] {
                    assert_eq!(parse_edited(&text).map(|u| u.into_iter().map(|e| e.value).collect::<Vec<_>>()), Ok(vec![v.clone()]), "{text}");
                    assert_eq!(strip_comments(&text), Stripped::Json(v.clone()));
                }
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn go_sharp_v_of_values() {
        let v = serde_json::json!({"b": [1, "x"], "a": null});
        assert_eq!(go_sharp_v(&v), "map[string]interface {}{\"a\":interface {}(nil), \"b\":[]interface {}{1, \"x\"}}");
    }
}
