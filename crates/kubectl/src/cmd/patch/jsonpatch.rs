//! JSON patch (RFC 6902) as `gopkg.in/evanphx/json-patch.v4` applies it for the API server and
//! kubectl: `add`, `remove`, `replace`, `move`, `copy`, `test`; `~1`/`~0` escapes; `-` appends
//! to an array; negative indexes count from the end (`SupportNegativeIndices`).
//!
//! Where v4 differs from the RFC it is followed: `replace` of a missing object key sets it, the
//! first path segment is skipped rather than required to be empty (kubernetes#81422), `add`
//! needs the parent to exist.
//!
//! Sources (read, not copied): evanphx/json-patch v4 `patch.go` (`Operation.Kind/Path/From`,
//! `findObject`, `partialDoc`/`partialArray` `get/set/add/remove`, `Patch.add/remove/replace/
//! move/test/copy`, `decodePatchKey`, `ErrMissing`, `ErrInvalidIndex`), and the API server's
//! `handlers/patch.go` (`jsonPatchOp`, the strict decode whose errors are `error decoding patch:`).

use serde_json::{Map, Value};

/// One operation, as decoded from the patch document.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    /// `op`, or `unknown` when missing or not a string.
    pub kind: String,
    pub path: Option<String>,
    pub from: Option<String>,
    /// `value`: absent is `None`, `null` is `Some(Null)`.
    pub value: Option<Value>,
}

/// Who decodes the patch: the API server (a strict decode into `[]handlers.jsonPatchOp`) or
/// kubectl itself for `--dry-run=client` (`jsonpatch.DecodePatch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decoder {
    Server,
    Client,
}

/// Decodes a patch document into operations, with Go's decode errors.
pub fn decode(patch: &Value, decoder: Decoder) -> Result<Vec<Op>, String> {
    let (list_type, op_type) = match decoder {
        Decoder::Server => ("[]handlers.jsonPatchOp", "handlers.jsonPatchOp"),
        Decoder::Client => ("jsonpatch.Patch", "jsonpatch.Operation"),
    };
    let items = match patch {
        Value::Null => return Ok(Vec::new()),
        Value::Array(a) => a,
        other => return Err(super::gojson::unmarshal_type_error(other, list_type)),
    };
    let mut ops = Vec::new();
    for item in items {
        let m = match item {
            Value::Null => {
                ops.push(Op { kind: "unknown".into(), path: None, from: None, value: None });
                continue;
            }
            Value::Object(m) => m,
            other => return Err(super::gojson::unmarshal_type_error(other, op_type)),
        };
        let text = |field: &str| -> Result<Option<String>, String> {
            match m.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(other) if decoder == Decoder::Server => Err(format!(
                    "json: cannot unmarshal {} into Go struct field jsonPatchOp.{field} of type string",
                    super::gojson::json_type(other)
                )),
                Some(_) => Ok(None),
            }
        };
        let kind = text("op")?.unwrap_or_else(|| "unknown".into());
        let (path, from) = (text("path")?, text("from")?);
        ops.push(Op { kind, path, from, value: m.get("value").cloned() });
    }
    Ok(ops)
}

/// Applies the operations in order to a copy of `doc`; the first failure is the error (v4's
/// message).
pub fn apply(doc: &Value, ops: &[Op]) -> Result<Value, String> {
    let mut doc = doc.clone();
    for op in ops {
        let path = || op.path.clone().ok_or_else(|| "operation missing path field: missing value".to_string());
        let from = || op.from.clone().ok_or_else(|| "operation missing from field: missing value".to_string());
        match op.kind.as_str() {
            "add" => {
                let path = path()?;
                let value = op.value.clone().unwrap_or(Value::Null);
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("add operation does not apply: doc is missing path: \"{path}\": missing value"))?;
                add(con, &key, value).map_err(|e| format!("error in add for path: '{path}': {e}"))?;
            }
            "remove" => {
                let path = path()?;
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("remove operation does not apply: doc is missing path: \"{path}\": missing value"))?;
                remove(con, &key).map_err(|e| format!("error in remove for path: '{path}': {e}"))?;
            }
            "replace" => {
                let path = path()?;
                let value = op.value.clone().unwrap_or(Value::Null);
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("replace operation does not apply: doc is missing path: {path}: missing value"))?;
                if get(con, &key).is_err() {
                    return Err(format!("replace operation does not apply: doc is missing key: {path}: missing value"));
                }
                set(con, &key, value).map_err(|e| format!("error in remove for path: '{path}': {e}"))?;
            }
            "move" => {
                let (from, path) = (from()?, path()?);
                let (con, key) = find_object(&mut doc, &from)
                    .ok_or_else(|| format!("move operation does not apply: doc is missing from path: {from}: missing value"))?;
                let value = get(con, &key).map_err(|e| format!("error in move for path: '{key}': {e}"))?.cloned().unwrap_or(Value::Null);
                remove(con, &key).map_err(|e| format!("error in move for path: '{key}': {e}"))?;
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("move operation does not apply: doc is missing destination path: {path}: missing value"))?;
                add(con, &key, value).map_err(|e| format!("error in move for path: '{key}': {e}"))?;
            }
            "copy" => {
                let (from, path) = (from()?, path()?);
                let (con, key) = find_object(&mut doc, &from)
                    .ok_or_else(|| format!("copy operation does not apply: doc is missing from path: {from}: missing value"))?;
                let value = get(con, &key)
                    .map_err(|e| format!("error in copy for from: '{from}': {e}"))?
                    .cloned()
                    .ok_or_else(|| format!("copy operation does not apply: doc is missing from path: {from}: missing value"))?;
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("copy operation does not apply: doc is missing destination path: {path}: missing value"))?;
                add(con, &key, value).map_err(|e| format!("error in copy for path: '{path}': {e}"))?;
            }
            "test" => {
                let path = path()?;
                let (con, key) = find_object(&mut doc, &path)
                    .ok_or_else(|| format!("test operation does not apply: is nil for {path}: missing value"))?;
                let failed = || format!("testing value {path} failed: test failed");
                match (get(con, &key), &op.value) {
                    (Err(e), _) => return Err(format!("error in test for path: '{path}': {e}")),
                    (Ok(None), None | Some(Value::Null)) => {}
                    (Ok(None), _) | (Ok(Some(_)), None) => return Err(failed()),
                    (Ok(Some(have)), Some(want)) if json_equal(have, want) => {}
                    (Ok(Some(_)), Some(_)) => return Err(failed()),
                }
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

/// `decodePatchKey`: `~1` is `/`, `~0` is `~`.
fn decode_key(k: &str) -> String {
    k.replace("~1", "/").replace("~0", "~")
}

/// `findObject`: the container holding the path's last segment, and that segment. The first
/// segment is dropped unread; every segment between must exist and be an object or array.
fn find_object<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Value, String)> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return None;
    }
    let mut cur = doc;
    for part in &split[1..split.len() - 1] {
        let key = decode_key(part);
        let next = match cur {
            Value::Object(m) => m.get_mut(&key)?,
            Value::Array(a) => {
                let i = index(&key, a.len(), false).ok()?;
                a.get_mut(i)?
            }
            _ => return None,
        };
        if !(next.is_object() || next.is_array()) {
            return None;
        }
        cur = next;
    }
    Some((cur, decode_key(split[split.len() - 1])))
}

/// Go's `strconv.Atoi`, with its error text.
fn atoi(s: &str) -> Result<i64, String> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {}: invalid syntax", cluster::validation::go_quote(s)));
    }
    s.parse::<i64>().map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", cluster::validation::go_quote(s)))
}

/// An array index for `len` elements; `-n` counts from the end. `insert` allows `len` itself.
fn index(key: &str, len: usize, insert: bool) -> Result<usize, String> {
    let idx = atoi(key)?;
    let len = len as i64;
    let bound = if insert { len + 1 } else { len };
    let invalid = |i: i64| format!("Unable to access invalid index: {i}: invalid index referenced");
    if idx >= bound {
        return Err(invalid(idx));
    }
    let idx = if idx < 0 {
        if idx < -bound {
            return Err(invalid(idx));
        }
        idx + bound
    } else {
        idx
    };
    Ok(idx as usize)
}

fn get<'a>(con: &'a Value, key: &str) -> Result<Option<&'a Value>, String> {
    match con {
        Value::Object(m) => Ok(m.get(key)),
        Value::Array(a) => index(key, a.len(), false).map(|i| a.get(i)),
        _ => Ok(None),
    }
}

fn set(con: &mut Value, key: &str, value: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
            Ok(())
        }
        Value::Array(a) => {
            let i = index(key, a.len(), false)?;
            a[i] = value;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn add(con: &mut Value, key: &str, value: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
            Ok(())
        }
        Value::Array(a) if key == "-" => {
            a.push(value);
            Ok(())
        }
        Value::Array(a) => {
            let idx = atoi(key).map_err(|e| format!("value was not a proper array index: '{key}': {e}"))?;
            let i = index(&idx.to_string(), a.len(), true)?;
            a.insert(i, value);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn remove(con: &mut Value, key: &str) -> Result<(), String> {
    match con {
        Value::Object(m) => m.remove(key).map(|_| ()).ok_or_else(|| format!("Unable to remove nonexistent key: {key}: missing value")),
        Value::Array(a) => {
            let i = index(key, a.len(), false)?;
            a.remove(i);
            Ok(())
        }
        _ => Ok(()),
    }
}

/// `lazyNode.equal`: structural, numbers by value (Go decodes them all as float64).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q)),
        (Value::Object(x), Value::Object(y)) => objects_equal(x, y),
        _ => a == b,
    }
}

fn objects_equal(x: &Map<String, Value>, y: &Map<String, Value>) -> bool {
    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(doc: Value, patch: Value) -> Result<Value, String> {
        let ops = decode(&patch, Decoder::Server)?;
        apply(&doc, &ops)
    }

    /// RFC 6902 appendix A.
    #[test]
    fn rfc_6902_examples() {
        assert_eq!(run(json!({"foo": "bar"}), json!([{"op": "add", "path": "/baz", "value": "qux"}])).unwrap(), json!({"baz": "qux", "foo": "bar"}));
        assert_eq!(run(json!({"foo": ["bar", "baz"]}), json!([{"op": "add", "path": "/foo/1", "value": "qux"}])).unwrap(), json!({"foo": ["bar", "qux", "baz"]}));
        assert_eq!(run(json!({"baz": "qux", "foo": "bar"}), json!([{"op": "remove", "path": "/baz"}])).unwrap(), json!({"foo": "bar"}));
        assert_eq!(run(json!({"foo": ["bar", "qux", "baz"]}), json!([{"op": "remove", "path": "/foo/1"}])).unwrap(), json!({"foo": ["bar", "baz"]}));
        assert_eq!(run(json!({"baz": "qux", "foo": "bar"}), json!([{"op": "replace", "path": "/baz", "value": "boo"}])).unwrap(), json!({"baz": "boo", "foo": "bar"}));
        assert_eq!(
            run(json!({"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}), json!([{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}])).unwrap(),
            json!({"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}})
        );
        assert_eq!(run(json!({"foo": ["all", "grass", "cows", "eat"]}), json!([{"op": "move", "from": "/foo/1", "path": "/foo/3"}])).unwrap(), json!({"foo": ["all", "cows", "eat", "grass"]}));
        assert!(run(json!({"baz": "qux", "foo": ["a", 2, "c"]}), json!([{"op": "test", "path": "/baz", "value": "qux"}, {"op": "test", "path": "/foo/1", "value": 2}])).is_ok());
        assert!(run(json!({"baz": "qux"}), json!([{"op": "test", "path": "/baz", "value": "bar"}])).is_err());
        assert_eq!(run(json!({"foo": "bar"}), json!([{"op": "add", "path": "/child", "value": {"grandchild": {}}}])).unwrap(), json!({"foo": "bar", "child": {"grandchild": {}}}));
        assert!(run(json!({"foo": "bar"}), json!([{"op": "add", "path": "/baz/bat", "value": "qux"}])).is_err());
        assert_eq!(run(json!({"foo": ["bar"]}), json!([{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}])).unwrap(), json!({"foo": ["bar", ["abc", "def"]]}));
        assert_eq!(
            run(json!({"/": 9, "~1": 10}), json!([{"op": "test", "path": "/~01", "value": 10}, {"op": "copy", "from": "/~1", "path": "/a~1b"}])).unwrap(),
            json!({"/": 9, "~1": 10, "a/b": 9})
        );
        assert!(run(json!({"foo": 1}), json!([{"op": "test", "path": "/foo", "value": 1.0}])).is_ok(), "numbers compare by value");
    }

    #[test]
    fn v4_details() {
        // Negative indexes count from the end; `add` at the length appends.
        assert_eq!(run(json!({"a": [1, 2, 3]}), json!([{"op": "remove", "path": "/a/-1"}])).unwrap(), json!({"a": [1, 2]}));
        assert_eq!(run(json!({"a": [1]}), json!([{"op": "add", "path": "/a/1", "value": 2}])).unwrap(), json!({"a": [1, 2]}));
        assert_eq!(
            run(json!({"a": [1]}), json!([{"op": "add", "path": "/a/5", "value": 2}])).unwrap_err(),
            "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"
        );
        // `replace` of a missing object key sets it; of a missing array index fails.
        assert_eq!(run(json!({}), json!([{"op": "replace", "path": "/x", "value": 1}])).unwrap(), json!({"x": 1}));
        assert_eq!(
            run(json!({"a": []}), json!([{"op": "replace", "path": "/a/0", "value": 1}])).unwrap_err(),
            "replace operation does not apply: doc is missing key: /a/0: missing value"
        );
        assert_eq!(run(json!({}), json!([{"op": "remove", "path": "/x"}])).unwrap_err(), "error in remove for path: '/x': Unable to remove nonexistent key: x: missing value");
        assert_eq!(run(json!({}), json!([{"op": "frob", "path": "/x"}])).unwrap_err(), "Unexpected kind: frob");
        assert_eq!(run(json!({}), json!([{"path": "/x"}])).unwrap_err(), "Unexpected kind: unknown");
    }

    #[test]
    fn decode_errors_name_go_types() {
        assert_eq!(decode(&json!({"op": "add"}), Decoder::Server).unwrap_err(), "json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
        assert_eq!(decode(&json!({"op": "add"}), Decoder::Client).unwrap_err(), "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        assert_eq!(decode(&json!([{"op": "add", "path": 5}]), Decoder::Server).unwrap_err(), "json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string");
        assert_eq!(decode(&json!(["x"]), Decoder::Server).unwrap_err(), "json: cannot unmarshal string into Go value of type handlers.jsonPatchOp");
    }
}
