//! Creating strategic merge patches, as kubectl does before it sends one: the two-way patch of
//! `kubectl edit` (original → edited) and the three-way patch of client-side `kubectl apply`
//! (the last-applied configuration, the new manifest with its new last-applied annotation, and
//! the live object). Applying a patch is [`super::strategic`]'s job; both use its field
//! strategies (merge keys of containers, ports, env, volumes, …), plus the `retainKeys`
//! strategies that only matter when a patch is made (a Deployment's `strategy`, a pod's
//! `volumes`).
//!
//! The three-way patch is upstream's: `delta` = the changes and additions from the live object
//! to the manifest (deletions ignored), `deletions` = what the manifest dropped since the last
//! apply (nulls, `$patch: delete` items, `$deleteFromPrimitiveList`), then `delta` merged into
//! `deletions` without merging the parallel lists. An empty result (`{}`) is "unchanged".
//!
//! Go's quirks are kept where they show: merge lists are diffed in the order of their merge
//! keys' `%v` strings; a list of scalars is compared with `$setElementOrder` after the live list
//! was sorted in place (so an unsorted `finalizers` list always yields a `$setElementOrder`).
//!
//! Sources (read, not copied): `k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`
//! (`CreateTwoWayMergePatch`, `CreateThreeWayMergePatch`, `diffMaps`, `handleDirectiveMarker`,
//! `handleMapDiff`, `handleSliceDiff`, `replacePatchFieldIfNotEqual`, `updatePatchIfMissing`,
//! `diffLists`, `isOrderSame`, `diffListsOfScalars`, `compareListValuesAtIndex`,
//! `diffListsOfMaps`, `sortMergeListsByNameArray`, `sortScalars`, `hasAdditionalNewField`, and
//! `mergeMap` / `applyRetainKeysDirective` / `mergePatchIntoOriginal` /
//! `preprocessDeletionListForMerging` / `mergeSlice` with `MergeOptions{}`),
//! `mergepatch/util.go` (`RequireKeyUnchanged`, `RequireMetadataKeyUnchanged`), the struct tags
//! of k8s.io/api v0.31, and Go's `encoding/json` encoder (compact, sorted keys, `escapeHTML`).

use cluster::Kind;
use serde_json::{Map, Value};

use super::gojson::{go_type_name, go_value};
use super::strategic::{
    self as smp, bad_arg_type, extract_key, ElemKind, SmpError, Ty, BAD_SET_ELEMENT_ORDER, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE,
    RETAIN_KEYS, SET_ELEMENT_ORDER,
};

type Obj = Map<String, Value>;

/// kubectl edit's error when a precondition of its patch fails.
pub const CHANGED_IDENTITY: &str = "At least one of apiVersion, kind and name was changed";

fn msg(e: SmpError) -> String {
    e.message().to_string()
}

/// `CreateTwoWayMergePatch`: the patch that turns `original` into `modified`.
pub fn two_way(original: &Obj, modified: &Obj, kind: Kind) -> Result<Obj, String> {
    let opts = DiffOptions { set_element_order: true, ..DiffOptions::default() };
    diff_maps(original, modified, Ty::Root(kind), opts)
}

/// `CreateThreeWayMergePatch` with `overwrite` (kubectl apply's default): `original` is the
/// last-applied configuration (empty when there is none), `modified` the new manifest with its
/// last-applied annotation, `current` the live object.
pub fn three_way(original: &Obj, modified: &Obj, current: &Obj, kind: Kind) -> Result<Obj, String> {
    let root = Ty::Root(kind);
    let delta = diff_maps(current, modified, root, DiffOptions { ignore_deletions: true, set_element_order: true, ..DiffOptions::default() })?;
    let deletions =
        diff_maps(original, modified, root, DiffOptions { set_element_order: true, ignore_changes_and_additions: true, ..DiffOptions::default() })?;
    merge_map(deletions, delta, root)
}

/// kubectl edit's preconditions (`RequireKeyUnchanged("apiVersion")`, `("kind")`,
/// `RequireMetadataKeyUnchanged("name")`, `RequireKeyUnchanged("managedFields")`).
pub fn identity_unchanged(patch: &Obj) -> bool {
    let name_changed = patch.get("metadata").and_then(Value::as_object).is_some_and(|m| m.contains_key("name"));
    !patch.contains_key("apiVersion") && !patch.contains_key("kind") && !patch.contains_key("managedFields") && !name_changed
}

// ---------------------------------------------------------------------------------------------
// Diffing
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, Default)]
struct DiffOptions {
    /// Emit `$setElementOrder` lists for merge lists.
    set_element_order: bool,
    ignore_changes_and_additions: bool,
    ignore_deletions: bool,
    /// Emit `$retainKeys` (the field's strategy says so).
    build_retain_keys: bool,
}

/// Map fields with the `retainKeys` strategy.
fn retain_keys_map(ty: Ty, key: &str) -> bool {
    // apps/v1 DeploymentSpec.strategy (no other workload spec has a `strategy` field).
    matches!((ty, key), (Ty::WorkloadSpec, "strategy"))
}

/// Merge lists whose items have the `retainKeys` strategy.
fn retain_keys_list(ty: Ty, key: &str) -> bool {
    matches!((ty, key), (Ty::PodSpec, "volumes" | "resourceClaims"))
}

/// `diffMaps`.
fn diff_maps(original: &Obj, modified: &Obj, ty: Ty, opts: DiffOptions) -> Result<Obj, String> {
    let mut patch = Obj::new();
    let mut retain: Vec<Value> = Vec::new();
    for (key, m) in modified {
        if opts.build_retain_keys && !m.is_null() {
            retain.push(Value::String(key.clone()));
        }
        let Some(o) = original.get(key) else {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), m.clone());
            }
            continue;
        };
        if key == DIRECTIVE {
            match (o.as_str(), m.as_str()) {
                (Some(a), Some(b)) => {
                    if a != b {
                        patch.insert(key.clone(), m.clone());
                    }
                }
                _ => return Err(format!("invalid value for special key: {DIRECTIVE}")),
            }
            continue;
        }
        if go_type_name(o) != go_type_name(m) {
            if !opts.ignore_changes_and_additions {
                patch.insert(key.clone(), m.clone());
            }
            continue;
        }
        match (o, m) {
            (Value::Object(o), Value::Object(m)) => {
                let sub = DiffOptions { build_retain_keys: retain_keys_map(ty, key), ..opts };
                let p = diff_maps(o, m, smp::child(ty, key), sub)?;
                if !p.is_empty() {
                    patch.insert(key.clone(), Value::Object(p));
                }
            }
            (Value::Array(o), Value::Array(m)) => handle_slice_diff(key, o, m, &mut patch, ty, opts)?,
            _ => replace_if_not_equal(key, o, m, &mut patch, opts),
        }
    }
    if !opts.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }
    if !retain.is_empty() && (!patch.is_empty() || has_additional_new_field(original, modified)) {
        patch.insert(RETAIN_KEYS.into(), Value::Array(sort_scalars(retain)));
    }
    Ok(patch)
}

fn replace_if_not_equal(key: &str, original: &Value, modified: &Value, patch: &mut Obj, opts: DiffOptions) {
    if !opts.ignore_changes_and_additions && original != modified {
        patch.insert(key.to_string(), modified.clone());
    }
}

/// `hasAdditionalNewField`: `original` has a non-null key that `modified` lacks.
fn has_additional_new_field(original: &Obj, modified: &Obj) -> bool {
    original.iter().any(|(k, v)| !v.is_null() && !modified.contains_key(k))
}

/// `handleSliceDiff`: merge lists are diffed item by item; other lists are replaced whole.
fn handle_slice_diff(key: &str, original: &[Value], modified: &[Value], patch: &mut Obj, ty: Ty, opts: DiffOptions) -> Result<(), String> {
    let (merge_key, item) = smp::list_meta(ty, key);
    let Some(merge_key) = merge_key else {
        replace_if_not_equal(key, &Value::Array(original.to_vec()), &Value::Array(modified.to_vec()), patch, opts);
        return Ok(());
    };
    let sub = DiffOptions { build_retain_keys: retain_keys_list(ty, key), ..opts };
    let (add, delete, order) = diff_lists(original, modified, item, merge_key, sub)?;
    if !add.is_empty() {
        patch.insert(key.to_string(), Value::Array(add));
    }
    if !delete.is_empty() {
        patch.insert(format!("{DELETE_FROM_PRIMITIVE_LIST}/{key}"), Value::Array(delete));
    }
    if !order.is_empty() {
        patch.insert(format!("{SET_ELEMENT_ORDER}/{key}"), Value::Array(order));
    }
    Ok(())
}

type Lists = (Vec<Value>, Vec<Value>, Vec<Value>);

/// `diffLists`: (the patch list, the parallel deletion list, the `$setElementOrder` list).
fn diff_lists(original: &[Value], modified: &[Value], item: Ty, merge_key: &str, opts: DiffOptions) -> Result<Lists, String> {
    if original.is_empty() {
        if modified.is_empty() || opts.ignore_changes_and_additions {
            return Ok((Vec::new(), Vec::new(), Vec::new()));
        }
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    match smp::element_kind(&[original, modified]).map_err(msg)? {
        ElemKind::Map => {
            let (patch_list, deletions) = diff_lists_of_maps(original, modified, item, merge_key, opts)?;
            let mut patch_list = smp::normalize_slice_order(patch_list, modified, merge_key, ElemKind::Map).map_err(msg)?;
            let order_same = is_order_same(original, modified, merge_key)?;
            patch_list.extend(deletions);
            let mut order = Vec::new();
            let changed = !patch_list.is_empty();
            if opts.set_element_order && ((!opts.ignore_changes_and_additions && (changed || !order_same)) || (!opts.ignore_deletions && changed)) {
                order = modified
                    .iter()
                    .map(|v| {
                        let mut m = Obj::new();
                        m.insert(merge_key.to_string(), v.get(merge_key).cloned().unwrap_or(Value::Null));
                        Value::Object(m)
                    })
                    .collect();
            }
            Ok((patch_list, Vec::new(), order))
        }
        ElemKind::Scalar => {
            let (add, delete, sorted_original) = diff_lists_of_scalars(original, modified, opts);
            let add = smp::normalize_slice_order(add, modified, merge_key, ElemKind::Scalar).map_err(msg)?;
            let mut order = Vec::new();
            // Go compares with the original sorted in place by diffListsOfScalars.
            if opts.set_element_order
                && ((!opts.ignore_deletions && !delete.is_empty()) || (!opts.ignore_changes_and_additions && sorted_original != modified))
            {
                order = modified.to_vec();
            }
            Ok((add, delete, order))
        }
    }
}

/// `isOrderSame`: the merge keys are the same, in the same order.
fn is_order_same(original: &[Value], modified: &[Value], merge_key: &str) -> Result<bool, String> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (a, b) in original.iter().zip(modified) {
        if !smp::merge_key_equal(a, b, merge_key).map_err(msg)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `sortScalars`: by the `%v` string (a stable sort stands in for Go's `sort.Sort`).
fn sort_scalars(mut s: Vec<Value>) -> Vec<Value> {
    s.sort_by_key(go_value);
    s
}

/// `diffListsOfScalars`: (additions, deletions, the original as sorted for the walk).
fn diff_lists_of_scalars(original: &[Value], modified: &[Value], opts: DiffOptions) -> Lists {
    let o = sort_scalars(original.to_vec());
    let m = sort_scalars(modified.to_vec());
    let (mut add, mut delete) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < o.len() || j < m.len() {
        let os = o.get(i).map(go_value);
        let ms = m.get(j).map(go_value);
        match (&os, &ms) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (None, _) => {
                if !opts.ignore_changes_and_additions {
                    add.push(m[j].clone());
                }
                j += 1;
            }
            (Some(a), Some(b)) if a > b => {
                if !opts.ignore_changes_and_additions {
                    add.push(m[j].clone());
                }
                j += 1;
            }
            _ => {
                if !opts.ignore_deletions {
                    delete.push(o[i].clone());
                }
                i += 1;
            }
        }
    }
    (add, smp::deduplicate_scalars(delete), o)
}

/// `sortMergeListsByNameArray` (without recursion) for a list of maps: by the `%v` of the merge
/// key, a missing key sorting as `<nil>`.
fn sort_maps_by_merge_key(list: &[Value], merge_key: &str) -> Result<Vec<Value>, String> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    smp::element_kind(&[list]).map_err(msg)?;
    let mut sorted = list.to_vec();
    sorted.sort_by_key(|v| v.get(merge_key).map_or_else(|| "<nil>".to_string(), go_value));
    Ok(sorted)
}

/// `getMapAndMergeKeyValueByIndex`.
fn map_and_key<'a>(v: &'a Value, merge_key: &str) -> Result<(&'a Obj, &'a Value), String> {
    let Value::Object(m) = v else { return Err(msg(bad_arg_type("map[string]interface {}", v))) };
    let key = m.get(merge_key).ok_or_else(|| msg(smp::no_merge_key(m, merge_key)))?;
    Ok((m, key))
}

/// `diffListsOfMaps`: items matched by merge key are diffed (the patch item carries the merge
/// key); new items go whole; dropped ones become `{<key>: …, $patch: delete}`.
fn diff_lists_of_maps(original: &[Value], modified: &[Value], item: Ty, merge_key: &str, opts: DiffOptions) -> Result<(Vec<Value>, Vec<Value>), String> {
    let o = sort_maps_by_merge_key(original, merge_key)?;
    let m = sort_maps_by_merge_key(modified, merge_key)?;
    let (mut patch, mut deletions) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < o.len() || j < m.len() {
        let oe = o.get(i).map(|v| map_and_key(v, merge_key)).transpose()?;
        let me = m.get(j).map(|v| map_and_key(v, merge_key)).transpose()?;
        let os = oe.map(|(_, k)| go_value(k));
        let ms = me.map(|(_, k)| go_value(k));
        match (oe, me) {
            (Some((om, _)), Some((mm, mk))) if os == ms => {
                let mut p = diff_maps(om, mm, item, opts)?;
                if !p.is_empty() {
                    p.insert(merge_key.to_string(), mk.clone());
                    patch.push(Value::Object(p));
                }
                i += 1;
                j += 1;
            }
            (None, Some((mm, _))) => {
                if !opts.ignore_changes_and_additions {
                    patch.push(Value::Object(mm.clone()));
                }
                j += 1;
            }
            (Some(_), Some((mm, _))) if os > ms => {
                if !opts.ignore_changes_and_additions {
                    patch.push(Value::Object(mm.clone()));
                }
                j += 1;
            }
            (Some((_, ok)), _) => {
                if !opts.ignore_deletions {
                    let mut d = Obj::new();
                    d.insert(merge_key.to_string(), ok.clone());
                    d.insert(DIRECTIVE.to_string(), Value::String("delete".into()));
                    deletions.push(Value::Object(d));
                }
                i += 1;
            }
            (None, None) => break,
        }
    }
    Ok((patch, deletions))
}

// ---------------------------------------------------------------------------------------------
// Merging the delta into the deletions (`mergeMap` with `MergeOptions{}`)
// ---------------------------------------------------------------------------------------------

fn merge_map(mut original: Obj, mut patch: Obj, ty: Ty) -> Result<Obj, String> {
    if let Some(d) = patch.get(DIRECTIVE) {
        return match d.as_str() {
            Some("replace") => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some("delete") => Ok(Obj::new()),
            _ => Err(format!("unknown patch type: {} in map: {}", go_value(d), go_value(&Value::Object(patch.clone())))),
        };
    }
    // applyRetainKeysDirective: the directive moves to the result (both sides must agree).
    if let Some(keys) = patch.remove(RETAIN_KEYS) {
        match original.get(RETAIN_KEYS) {
            Some(o) if *o != keys => {
                return Err(format!("{} and {} are not deep equal: this may happen when calculating the 3-way diff patch", go_value(o), go_value(&keys)))
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS.into(), keys);
            }
        }
    }
    merge_ordered_lists(&mut original, &mut patch, ty)?;
    for (k, pv) in patch {
        // Parallel deletion lists are kept as they are.
        if k.starts_with(DELETE_FROM_PRIMITIVE_LIST) {
            original.insert(k, pv);
            continue;
        }
        if pv.is_null() {
            original.remove(&k);
        }
        let same_type = original.get(&k).map(|o| go_type_name(o) == go_type_name(&pv));
        if same_type != Some(true) {
            match smp::remove_directives(pv) {
                Some(v) => original.insert(k, v),
                None => original.remove(&k),
            };
            continue;
        }
        let Some(ov) = original.remove(&k) else { continue };
        let merged = match (ov, pv) {
            (Value::Object(o), Value::Object(p)) => Some(Value::Object(merge_map(o, p, smp::child(ty, &k))?)),
            (Value::Array(o), Value::Array(p)) => {
                let (merge_key, item) = smp::list_meta(ty, &k);
                Some(Value::Array(merge_slice_handler(o, p, merge_key, item)?))
            }
            (_, p) => smp::remove_directives(p),
        };
        if let Some(v) = merged {
            original.insert(k, v);
        }
    }
    Ok(original)
}

/// `mergePatchIntoOriginal` without merging parallel lists: each `$setElementOrder/<field>` of
/// the patch moves to the result (equal ones may be on both sides), and its list is merged and
/// ordered now.
fn merge_ordered_lists(original: &mut Obj, patch: &mut Obj, ty: Ty) -> Result<(), String> {
    let keys: Vec<String> = patch.keys().filter(|k| k.starts_with(SET_ELEMENT_ORDER)).cloned().collect();
    for key in keys {
        let Some(order) = patch.remove(&key) else { continue };
        match original.get(&key) {
            Some(o) if *o != order => return Err(BAD_SET_ELEMENT_ORDER.into()),
            Some(_) => {}
            None => {
                original.insert(key.clone(), order.clone());
            }
        }
        let Value::Array(order) = order else { return Err(msg(bad_arg_type("[]interface {}", &order))) };
        let field = extract_key(&key, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER).map_err(msg)?;
        let list = |m: &Obj| -> Result<Option<Vec<Value>>, String> {
            match m.get(&field) {
                None => Ok(None),
                Some(Value::Array(a)) => Ok(Some(a.clone())),
                Some(other) => Err(msg(bad_arg_type("[]interface {}", other))),
            }
        };
        let (original_list, patch_list) = (list(original)?, list(patch)?);
        let (merge_key, item) = smp::list_meta(ty, &field);
        let merge_key_str = merge_key.unwrap_or("");
        smp::validate_patch_with_order(patch_list.as_deref().unwrap_or(&[]), &order, merge_key_str).map_err(msg)?;
        let merged = match (&original_list, &patch_list) {
            (Some(o), None) => o.clone(),
            (None, Some(p)) => p.clone(),
            (Some(o), Some(p)) => merge_slice_handler(o.clone(), p.clone(), merge_key, item)?,
            (None, None) => continue,
        };
        let (patch_items, server_only) = smp::partition(&merged, &order, merge_key_str).map_err(msg)?;
        let empty: Vec<Value> = Vec::new();
        let (ol, pl) = (original_list.as_ref().unwrap_or(&empty), patch_list.as_ref().unwrap_or(&empty));
        let kind = smp::element_kind(&[ol, pl]).map_err(msg)?;
        let both = smp::normalize_element_order(patch_items, server_only, &order, ol, merge_key_str, kind).map_err(msg)?;
        original.insert(field.clone(), Value::Array(both));
        patch.remove(&field);
    }
    Ok(())
}

/// `mergeSliceHandler`: merge lists merge, other lists are replaced.
fn merge_slice_handler(original: Vec<Value>, patch: Vec<Value>, merge_key: Option<&'static str>, item: Ty) -> Result<Vec<Value>, String> {
    match merge_key {
        Some(k) => merge_slice(original, patch, k, item),
        None => Ok(patch),
    }
}

/// `mergeSlice` (not a deletion list, parallel lists not merged).
fn merge_slice(original: Vec<Value>, patch: Vec<Value>, merge_key: &str, item: Ty) -> Result<Vec<Value>, String> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let kind = smp::element_kind(&[&original, &patch]).map_err(msg)?;
    let (original, patch, merged) = if kind == ElemKind::Scalar {
        let both: Vec<Value> = original.iter().chain(&patch).cloned().collect();
        let merged = smp::deduplicate_scalars(both);
        (original, patch, merged)
    } else {
        if merge_key.is_empty() {
            return Err("cannot merge lists without merge key for type struct".into());
        }
        let (original, patch) = smp::merge_special_elements(original, patch, merge_key).map_err(msg)?;
        let merged = merge_without_special_elements(original.clone(), &patch, merge_key, item)?;
        (original, patch, merged)
    };
    let (patch_items, server_only) = smp::partition(&merged, &patch, merge_key).map_err(msg)?;
    smp::normalize_element_order(patch_items, server_only, &patch, &original, merge_key, kind).map_err(msg)
}

/// `mergeSliceWithoutSpecialElements`: items with a matching merge key merge; others append.
fn merge_without_special_elements(mut original: Vec<Value>, patch: &[Value], merge_key: &str, item: Ty) -> Result<Vec<Value>, String> {
    for v in patch {
        let Value::Object(pm) = v else { return Err(msg(bad_arg_type("map[string]interface {}", v))) };
        let want = pm.get(merge_key).ok_or_else(|| msg(smp::no_merge_key(pm, merge_key)))?;
        let mut found = None;
        for (i, o) in original.iter().enumerate() {
            let Value::Object(om) = o else { return Err(format!("value for key {i} is not a map.")) };
            if om.get(merge_key) == Some(want) {
                found = Some(i);
                break;
            }
        }
        match found {
            Some(i) => {
                let Value::Object(om) = std::mem::take(&mut original[i]) else { continue };
                original[i] = Value::Object(merge_map(om, pm.clone(), item)?);
            }
            None => original.push(v.clone()),
        }
    }
    Ok(original)
}

// ---------------------------------------------------------------------------------------------
// Go's JSON encoder
// ---------------------------------------------------------------------------------------------

/// `json.Marshal` of a decoded value: compact, map keys sorted, `<`, `>`, `&`, U+2028 and
/// U+2029 escaped (`escapeHTML`), floats as Go formats them.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_go_json(&mut out, v);
    out
}

fn write_go_json(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) if !n.is_f64() => out.push_str(&i.to_string()),
            (_, Some(u), _) if !n.is_f64() => out.push_str(&u.to_string()),
            (_, _, Some(f)) => out.push_str(&go_json_float(f)),
            _ => out.push('0'),
        },
        Value::String(s) => write_go_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json(out, x);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_string(out, k);
                out.push(':');
                write_go_json(out, &m[k]);
            }
            out.push('}');
        }
    }
}

fn write_go_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{0}'..='\u{1f}' => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 0xf]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// `encoding/json`'s float64: `%f`-style shortest digits, `%e` below 1e-6 or from 1e21 on.
fn go_json_float(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        return match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e:0>2}"),
            _ => s,
        };
    }
    format!("{f}")
}

#[cfg(test)]
mod tests {
    //! Expected patches are what kubectl 1.31's apply sends (observed with a real kubectl against
    //! a recording API server) and what its edit sends.
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Obj {
        v.as_object().cloned().unwrap()
    }

    fn three(original: Value, modified: Value, current: Value, kind: Kind) -> String {
        go_json(&Value::Object(three_way(&obj(original), &obj(modified), &obj(current), kind).unwrap()))
    }

    fn deployment(labels: Value, replicas: i64, containers: Value) -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"annotations": {}, "labels": labels, "name": "web", "namespace": "default"},
               "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                        "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": containers}}}})
    }

    fn live_of(manifest: &Value) -> Value {
        // The live object: the manifest plus what the server adds.
        let mut live = manifest.clone();
        live["metadata"]["uid"] = json!("u-1");
        live["metadata"]["resourceVersion"] = json!("20");
        live["spec"]["strategy"] = json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}});
        for c in live["spec"]["template"]["spec"]["containers"].as_array_mut().unwrap() {
            c["imagePullPolicy"] = json!("IfNotPresent");
            c["terminationMessagePath"] = json!("/dev/termination-log");
            if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
                for p in ports {
                    p["protocol"] = json!("TCP");
                }
            }
        }
        live["status"] = json!({"replicas": 2});
        live
    }

    #[test]
    fn an_unchanged_manifest_gives_an_empty_patch() {
        let m = deployment(json!({"app": "web"}), 2, json!([{"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}]));
        assert_eq!(three(m.clone(), m.clone(), live_of(&m), Kind::Deployment), "{}");
    }

    #[test]
    fn changes_deletions_and_set_element_order_as_kubectl_sends_them() {
        // Observed: the last apply had labels and a port; the new manifest drops both, adds env.
        let last = deployment(json!({"app": "web"}), 2, json!([{"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}]));
        let mut new = deployment(json!(null), 3, json!([{"name": "web", "image": "nginx:1.26", "env": [{"name": "A", "value": "1"}]}]));
        new["metadata"].as_object_mut().unwrap().remove("labels");
        assert_eq!(
            three(last.clone(), new, live_of(&last), Kind::Deployment),
            r#"{"metadata":{"labels":null},"spec":{"replicas":3,"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"env":[{"name":"A","value":"1"}],"image":"nginx:1.26","name":"web","ports":null}]}}}}"#
        );
    }

    #[test]
    fn list_items_removed_and_added_by_merge_key() {
        let last = deployment(json!({"app": "web"}), 1, json!([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]));
        let new = deployment(json!({"app": "web"}), 1, json!([{"name": "c", "image": "z"}, {"name": "a", "image": "x"}]));
        assert_eq!(
            three(last.clone(), new, live_of(&last), Kind::Deployment),
            r#"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"}],"containers":[{"image":"z","name":"c"},{"$patch":"delete","name":"b"}]}}}}"#
        );
    }

    #[test]
    fn ports_by_container_port_and_a_replaced_plain_list() {
        let last = deployment(json!({"app": "web"}), 1, json!([{"name": "a", "image": "x", "args": ["1"], "ports": [{"containerPort": 80}, {"containerPort": 443}]}]));
        let new = deployment(json!({"app": "web"}), 1, json!([{"name": "a", "image": "x", "args": ["2"], "ports": [{"containerPort": 443}, {"containerPort": 8080}]}]));
        assert_eq!(
            three(last.clone(), new, live_of(&last), Kind::Deployment),
            r#"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"$setElementOrder/ports":[{"containerPort":443},{"containerPort":8080}],"args":["2"],"name":"a","ports":[{"containerPort":8080},{"$patch":"delete","containerPort":80}]}]}}}}"#
        );
    }

    #[test]
    fn retain_keys_for_a_deployment_strategy() {
        let last = deployment(json!({"app": "web"}), 1, json!([{"name": "a", "image": "x"}]));
        let mut new = last.clone();
        new["spec"]["strategy"] = json!({"type": "Recreate"});
        assert_eq!(three(last.clone(), new, live_of(&last), Kind::Deployment), r#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#);
    }

    #[test]
    fn a_missing_last_applied_configuration_deletes_nothing() {
        let m = deployment(json!({"app": "web"}), 2, json!([{"name": "web", "image": "nginx:1.25"}]));
        let mut live = live_of(&m);
        live["metadata"]["labels"]["extra"] = json!("kept");
        let mut with_annotation = m.clone();
        with_annotation["metadata"]["annotations"] = json!({"a": "1"});
        assert_eq!(three(json!({}), with_annotation, live, Kind::Deployment), r#"{"metadata":{"annotations":{"a":"1"}}}"#);
    }

    #[test]
    fn nulls_in_the_manifest_are_sent() {
        let last = deployment(json!({"app": "web"}), 2, json!([{"name": "web", "image": "nginx:1.25"}]));
        let new = deployment(json!({"app": "web"}), 2, json!([{"name": "web", "image": "nginx:1.25", "resources": null}]));
        let mut live = live_of(&last);
        live["spec"]["template"]["spec"]["containers"][0]["resources"] = json!({});
        assert_eq!(
            three(last, new, live, Kind::Deployment),
            r#"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"name":"web","resources":null}]}}}}"#
        );
    }

    #[test]
    fn unsorted_finalizers_always_get_an_order_directive() {
        // Go sorts the live list in place before comparing it with the manifest's.
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": ["x/b", "x/a"]}});
        assert_eq!(three(cm.clone(), cm.clone(), cm.clone(), Kind::ConfigMap), r#"{"metadata":{"$setElementOrder/finalizers":["x/b","x/a"]}}"#);
        let sorted = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": ["x/a", "x/b"]}});
        assert_eq!(three(sorted.clone(), sorted.clone(), sorted, Kind::ConfigMap), "{}");
    }

    #[test]
    fn service_account_image_pull_secrets_are_replaced() {
        let last = json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa"}, "imagePullSecrets": [{"name": "a"}]});
        let new = json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "sa"}, "imagePullSecrets": [{"name": "b"}]});
        assert_eq!(three(last.clone(), new, last, Kind::ServiceAccount), r#"{"imagePullSecrets":[{"name":"b"}]}"#);
    }

    #[test]
    fn volumes_carry_retain_keys() {
        let pod = |vol: Value| json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"volumes": [vol]}});
        let last = pod(json!({"name": "data", "emptyDir": {}}));
        let new = pod(json!({"name": "data", "configMap": {"name": "cfg"}}));
        assert_eq!(
            three(last.clone(), new, last, Kind::Pod),
            r#"{"spec":{"$setElementOrder/volumes":[{"name":"data"}],"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cfg"},"emptyDir":null,"name":"data"}]}}"#
        );
    }

    #[test]
    fn two_way_patches_and_the_identity_preconditions() {
        let a = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "uid": "u"}, "spec": {"replicas": 2}});
        let mut b = a.clone();
        b["spec"]["replicas"] = json!(3);
        let p = two_way(&obj(a.clone()), &obj(b), Kind::Deployment).unwrap();
        assert_eq!(go_json(&Value::Object(p.clone())), r#"{"spec":{"replicas":3}}"#);
        assert!(identity_unchanged(&p));
        let mut renamed = a.clone();
        renamed["metadata"]["name"] = json!("other");
        assert!(!identity_unchanged(&two_way(&obj(a.clone()), &obj(renamed), Kind::Deployment).unwrap()));
        let mut no_uid = a.clone();
        no_uid["metadata"].as_object_mut().unwrap().remove("uid");
        assert_eq!(go_json(&Value::Object(two_way(&obj(a), &obj(no_uid), Kind::Deployment).unwrap())), r#"{"metadata":{"uid":null}}"#);
    }

    #[test]
    fn merge_key_errors_are_upstreams() {
        let last = deployment(json!({"app": "web"}), 1, json!([{"name": "a", "image": "x"}]));
        let new = deployment(json!({"app": "web"}), 1, json!([{"image": "y"}]));
        let err = three_way(&obj(last.clone()), &obj(new), &obj(live_of(&last)), Kind::Deployment).unwrap_err();
        assert_eq!(err, "map: map[image:y] does not contain declared merge key: name");
    }

    #[test]
    fn go_json_escapes_like_encoding_json() {
        assert_eq!(go_json(&json!({"b": ["a && b <x>"], "a": 1.5, "c": 1e21, "d": 1e-7})), r#"{"a":1.5,"b":["a \u0026\u0026 b \u003cx\u003e"],"c":1e+21,"d":1e-7}"#);
    }
}
