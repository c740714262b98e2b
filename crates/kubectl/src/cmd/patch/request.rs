//! A strategic merge patch request as `kubectl apply` and `kubectl edit` send it: the API
//! server applies the patch to the stored object, decodes the result with the request's field
//! validation (`Strict` by default: an unknown field fails the request; `Warn`: a warning and
//! the field is dropped; `Ignore`: dropped silently), checks name and namespace, and updates.
//!
//! Sources (read, not copied): the API server's `endpoints/handlers/patch.go`
//! (`applyPatchToObject`: `strict decoding error: unknown field "…"` as a 400 for `Strict`,
//! `checkName`), kubectl's `cmdutil.GetValidationDirective` (`--validate`).

use cluster::object::DecodeError;
use cluster::validation::go_quote;
use cluster::{ApiError, Cluster, Kind, Object};
use serde_json::{Map, Value};

use super::common::Failure;
use super::{decode_patched, server_patch, Body, PatchType};
use crate::cmd::errors::CmdError;
use crate::output::Output;

/// The `fieldValidation` of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldValidation {
    Strict,
    Warn,
    Ignore,
}

impl FieldValidation {
    /// `--validate` (`GetValidationDirective`): strict or true (the default), warn, ignore or
    /// false.
    pub fn from_flag(v: Option<&str>) -> Result<FieldValidation, String> {
        let Some(v) = v else { return Ok(FieldValidation::Strict) };
        match v {
            "1" | "t" | "T" | "TRUE" | "true" | "True" | "strict" => Ok(FieldValidation::Strict),
            "0" | "f" | "F" | "FALSE" | "false" | "False" | "ignore" => Ok(FieldValidation::Ignore),
            "warn" => Ok(FieldValidation::Warn),
            _ => Err(format!("invalid - validate option {}; must be one of: strict (or true), warn, ignore (or false)", go_quote(v))),
        }
    }
}

/// PATCHes `kind` `namespace`/`name` with `patch` (type strategic). Warnings (for `Warn`) go to
/// `out`. Returns the object as written.
pub fn patch(
    cluster: &mut Cluster,
    kind: Kind,
    namespace: &str,
    name: &str,
    patch: &Map<String, Value>,
    validation: FieldValidation,
    out: &mut Output,
) -> Result<Object, Failure> {
    let current = cluster.get(kind, namespace, name)?;
    let body = Body::Value(Value::Object(patch.clone()));
    let patched = server_patch(PatchType::Strategic, &body, &current.to_value(), kind)?;
    if validation == FieldValidation::Strict {
        if let Err(DecodeError::UnknownFields(fields)) = Object::from_value(kind, patched.clone()) {
            let list: Vec<String> = fields.iter().map(|f| format!("unknown field \"{f}\"")).collect();
            return Err(Failure::Cmd(CmdError::Api(ApiError::BadRequest(format!("strict decoding error: {}", list.join(", "))))));
        }
    }
    let mut dropped = Output::default();
    let warnings = if validation == FieldValidation::Warn { out } else { &mut dropped };
    let obj = decode_patched(kind, &current, patched, PatchType::Strategic, &body, warnings)?;
    Ok(cluster.update(obj)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cluster_with_cm() -> Cluster {
        let mut c = Cluster::default();
        c.create(Object::from_value(Kind::ConfigMap, json!({"metadata": {"name": "cfg", "namespace": "default"}, "data": {"a": "1"}})).unwrap()).unwrap();
        c
    }

    #[test]
    fn strict_validation_refuses_unknown_fields_and_warn_drops_them() {
        let mut c = cluster_with_cm();
        let p = json!({"data": {"b": "2"}, "extra": 1});
        let p = p.as_object().unwrap();
        let mut out = Output::default();
        let err = patch(&mut c, Kind::ConfigMap, "default", "cfg", p, FieldValidation::Strict, &mut out).unwrap_err();
        match err {
            Failure::Cmd(CmdError::Api(ApiError::BadRequest(m))) => assert_eq!(m, "strict decoding error: unknown field \"extra\""),
            other => panic!("{other:?}"),
        }
        let written = patch(&mut c, Kind::ConfigMap, "default", "cfg", p, FieldValidation::Warn, &mut out).unwrap();
        assert_eq!(out.stderr(), "Warning: unknown field \"extra\"\n");
        assert_eq!(written.to_value()["data"], json!({"a": "1", "b": "2"}));
        let mut quiet = Output::default();
        patch(&mut c, Kind::ConfigMap, "default", "cfg", p, FieldValidation::Ignore, &mut quiet).unwrap();
        assert_eq!(quiet.text(), "");
    }

    #[test]
    fn validate_flag_values() {
        assert_eq!(FieldValidation::from_flag(None), Ok(FieldValidation::Strict));
        assert_eq!(FieldValidation::from_flag(Some("false")), Ok(FieldValidation::Ignore));
        assert_eq!(FieldValidation::from_flag(Some("warn")), Ok(FieldValidation::Warn));
        assert!(FieldValidation::from_flag(Some("Warn")).is_err());
        assert!(FieldValidation::from_flag(Some("maybe")).is_err());
    }
}
