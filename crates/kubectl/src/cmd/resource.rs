//! Objects named by `-f` sources, as cli-runtime's resource builder finds them: read each file
//! (or stdin for `-`), split it into documents, and map each document's apiVersion and kind to a
//! resource type.

use cluster::{discovery, Kind};
use serde_json::Value;

use crate::cmd::errors::CmdError;
use crate::cmd::Context;
use crate::manifest;

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
