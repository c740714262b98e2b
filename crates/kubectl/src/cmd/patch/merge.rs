//! JSON merge patch (RFC 7386) as `github.com/evanphx/json-patch` `MergePatch` applies it for
//! the API server and kubectl: objects merge key by key, `null` removes a key, anything else
//! replaces. Nulls inside a value that is set are pruned (also inside objects within arrays —
//! evanphx's `pruneAryNulls`, a little beyond the RFC).
//!
//! Source (read, not copied): evanphx/json-patch v4 `merge.go` (`doMergePatch`, `mergeDocs`,
//! `merge`, `pruneNulls`, `pruneDocNulls`, `pruneAryNulls`, `errBadJSONPatch`).

use serde_json::{Map, Value};

/// `errBadJSONPatch`.
pub const BAD_JSON_PATCH: &str = "Invalid JSON Patch";

/// Applies `patch` to `doc`. A patch that is not an object or an array (or is `null`) is
/// `Invalid JSON Patch`; an array patch becomes the document (nulls in its objects pruned).
pub fn merge_patch(doc: &Value, patch: &Value) -> Result<Value, &'static str> {
    match (doc, patch) {
        (_, Value::Array(_)) => {
            let mut p = patch.clone();
            prune_nulls(&mut p);
            Ok(p)
        }
        (Value::Object(d), Value::Object(p)) => {
            let mut d = d.clone();
            merge_docs(&mut d, p);
            Ok(Value::Object(d))
        }
        (_, Value::Object(p)) => {
            // Not a document to merge into: the patch, pruned, is the result.
            let mut p = Value::Object(p.clone());
            prune_nulls(&mut p);
            Ok(p)
        }
        _ => Err(BAD_JSON_PATCH),
    }
}

fn merge_docs(doc: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (k, v) in patch {
        if v.is_null() {
            doc.remove(k);
            continue;
        }
        match doc.get_mut(k) {
            Some(cur) if !cur.is_null() => merge(cur, v),
            _ => {
                let mut v = v.clone();
                prune_nulls(&mut v);
                doc.insert(k.clone(), v);
            }
        }
    }
}

/// `merge`: an object current value merges with an object patch; otherwise the patch replaces
/// it (pruned when the current value is not an object).
fn merge(cur: &mut Value, patch: &Value) {
    match (cur.as_object_mut(), patch) {
        (Some(c), Value::Object(p)) => merge_docs(c, p),
        (Some(_), _) => *cur = patch.clone(),
        (None, _) => {
            let mut p = patch.clone();
            prune_nulls(&mut p);
            *cur = p;
        }
    }
}

fn prune_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(prune_nulls);
        }
        Value::Array(a) => a.iter_mut().filter(|x| !x.is_null()).for_each(prune_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 7386 appendix A, the examples whose result evanphx's pruning does not change.
    #[test]
    fn rfc_7386_examples() {
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "b"}), json!({"b": "c"}), json!({"a": "b", "b": "c"})),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (json!({"a": "b", "b": "c"}), json!({"a": null}), json!({"b": "c"})),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
            (json!({"a": {"b": "c"}}), json!({"a": {"b": "d", "c": null}}), json!({"a": {"b": "d"}})),
            (json!({"a": [{"b": "c"}]}), json!({"a": [1]}), json!({"a": [1]})),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "b"}), json!(["c"]), json!(["c"])),
            (json!({"e": null}), json!({"a": 1}), json!({"e": null, "a": 1})),
            (json!([1, 2]), json!({"a": "b", "c": null}), json!({"a": "b"})),
            (json!({}), json!({"a": {"bb": {"ccc": null}}}), json!({"a": {"bb": {}}})),
        ];
        for (doc, patch, want) in cases {
            assert_eq!(merge_patch(&doc, &patch).unwrap(), want, "{doc} + {patch}");
        }
    }

    #[test]
    fn scalars_and_null_are_bad_patches() {
        assert_eq!(merge_patch(&json!({}), &json!(null)), Err(BAD_JSON_PATCH));
        assert_eq!(merge_patch(&json!({}), &json!("x")), Err(BAD_JSON_PATCH));
    }

    #[test]
    fn nulls_inside_arrays_of_objects_are_pruned() {
        assert_eq!(merge_patch(&json!({}), &json!({"a": [{"b": null, "c": 1}, null]})).unwrap(), json!({"a": [{"c": 1}, null]}));
    }
}
