//! Strategic merge patch, as the API server applies `kubectl patch` (the default `--type`):
//! maps merge key by key and `null` deletes a key, like a JSON merge patch; lists whose field
//! has `patchStrategy:"merge"` merge — lists of objects by their `patchMergeKey` (containers by
//! `name`, ports by `containerPort`, …), lists of scalars as a set union — and every other list
//! is replaced. Directives: `$patch: replace|delete` on a map or a list item, `$retainKeys`,
//! `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
//!
//! The field strategies come from the struct tags of k8s.io/api v0.31 (`patchStrategy`,
//! `patchMergeKey`) for the types kubeplay serves; see [`list_meta`].
//!
//! Sources (read, not copied): `k8s.io/apimachinery/pkg/util/strategicpatch/patch.go`
//! (`StrategicMergeMapPatchUsingLookupPatchMeta` with `MergeParallelList` and
//! `IgnoreUnmatchedNulls`, `mergeMap`, `handleDirectiveInMergeMap`, `applyRetainKeysDirective`,
//! `mergePatchIntoOriginal`, `preprocessDeletionListForMerging`, `mergeSliceHandler`,
//! `mergeSlice`, `mergeSliceWithSpecialElements`, `mergeSliceWithoutSpecialElements`,
//! `deleteFromSlice`, `deduplicateScalars`, `removeDirectives`, `discardNullValuesFromPatch`,
//! `normalizeElementOrder`, `normalizeSliceOrder`, `mergeSortedSlice`, `index`,
//! `partitionMapsByPresentInList`, `validatePatchWithSetOrderList`), `mergepatch/errors.go`
//! and the API server's `interpretStrategicMergePatchError` (which errors are 400, 422, 500).

use cluster::Kind;
use serde_json::{Map, Value};

use super::gojson::{go_type_name, go_value};

/// How the API server reports a failed strategic merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmpError {
    /// 400 (`Error from server (BadRequest): …`).
    BadRequest(String),
    /// 422 without details (`The request is invalid: the server rejected our request …`).
    Unprocessable(String),
    /// Any other error: a 500 with no reason (`Error from server: …`).
    Other(String),
}

impl SmpError {
    /// The underlying message (what kubectl prints for a client-side patch).
    pub fn message(&self) -> &str {
        match self {
            SmpError::BadRequest(m) | SmpError::Unprocessable(m) | SmpError::Other(m) => m,
        }
    }
}

const BAD_PRIMITIVE_LIST: &str = "invalid patch format of primitive list";
pub(super) const BAD_RETAIN_KEYS: &str = "invalid patch format of retainKeys";
pub(super) const BAD_SET_ELEMENT_ORDER: &str = "invalid patch format of setElementOrder list";
pub(super) const NO_LIST_OF_LISTS: &str = "lists of lists are not supported";

pub(super) const DIRECTIVE: &str = "$patch";
pub(super) const RETAIN_KEYS: &str = "$retainKeys";
pub(super) const DELETE_FROM_PRIMITIVE_LIST: &str = "$deleteFromPrimitiveList";
pub(super) const SET_ELEMENT_ORDER: &str = "$setElementOrder";

pub(super) fn no_merge_key(m: &Map<String, Value>, key: &str) -> SmpError {
    SmpError::Other(format!("map: {} does not contain declared merge key: {key}", go_value(&Value::Object(m.clone()))))
}

pub(super) fn bad_arg_type(expected: &str, actual: &Value) -> SmpError {
    SmpError::Other(format!("expected a {expected}, but received a {}", go_type_name(actual)))
}

/// Applies `patch` to `original` (an object of `kind` as JSON). The patch must be an object
/// (the server decodes it into a map first; see the command for that error).
pub fn apply(original: &Value, patch: &Map<String, Value>, kind: Kind) -> Result<Value, SmpError> {
    let original = match original {
        Value::Object(m) => m.clone(),
        _ => Map::new(),
    };
    merge_map(original, patch.clone(), Ty::Root(kind)).map(Value::Object)
}

// ---------------------------------------------------------------------------------------------
// The schema: which struct a map is, and the patch strategy of its list fields.
// ---------------------------------------------------------------------------------------------

/// The Go struct a JSON object stands for, as far as patch strategies go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    Root(Kind),
    Meta,
    /// The spec of a workload with a pod template (Deployment, ReplicaSet, …, Job).
    WorkloadSpec,
    CronJobSpec,
    /// `metadata` + `spec` of a pod or job template.
    Template { job: bool },
    PodSpec,
    Container,
    ServiceSpec,
    NodeSpec,
    Status,
    /// A struct without merging lists (or a map of strings).
    Other,
}

/// The struct of the object under `key`.
pub(super) fn child(ty: Ty, key: &str) -> Ty {
    match (ty, key) {
        (Ty::Root(_), "metadata") => Ty::Meta,
        (Ty::Root(_), "status") => Ty::Status,
        (Ty::Root(kind), "spec") => match kind {
            Kind::Pod => Ty::PodSpec,
            Kind::Deployment | Kind::ReplicaSet | Kind::ReplicationController | Kind::DaemonSet | Kind::StatefulSet | Kind::Job => {
                Ty::WorkloadSpec
            }
            Kind::CronJob => Ty::CronJobSpec,
            Kind::Service => Ty::ServiceSpec,
            Kind::Node => Ty::NodeSpec,
            _ => Ty::Other,
        },
        (Ty::WorkloadSpec, "template") => Ty::Template { job: false },
        (Ty::CronJobSpec, "jobTemplate") => Ty::Template { job: true },
        (Ty::Template { .. }, "metadata") => Ty::Meta,
        (Ty::Template { job: false }, "spec") => Ty::PodSpec,
        (Ty::Template { job: true }, "spec") => Ty::WorkloadSpec,
        _ => Ty::Other,
    }
}

/// A list field's strategy: `Some(merge key)` when it merges ("" for a list of scalars), and the
/// struct of its items.
pub(super) fn list_meta(ty: Ty, key: &str) -> (Option<&'static str>, Ty) {
    let merge = |k: &'static str, item: Ty| (Some(k), item);
    match (ty, key) {
        // core/v1 PodSpec
        (Ty::PodSpec, "containers" | "initContainers" | "ephemeralContainers") => merge("name", Ty::Container),
        (Ty::PodSpec, "volumes" | "imagePullSecrets" | "schedulingGates" | "resourceClaims") => merge("name", Ty::Other),
        (Ty::PodSpec, "hostAliases") => merge("ip", Ty::Other),
        (Ty::PodSpec, "topologySpreadConstraints") => merge("topologyKey", Ty::Other),
        // core/v1 Container
        (Ty::Container, "ports") => merge("containerPort", Ty::Other),
        (Ty::Container, "env") => merge("name", Ty::Other),
        (Ty::Container, "volumeMounts") => merge("mountPath", Ty::Other),
        (Ty::Container, "volumeDevices") => merge("devicePath", Ty::Other),
        // meta/v1 ObjectMeta
        (Ty::Meta, "finalizers") => merge("", Ty::Other),
        (Ty::Meta, "ownerReferences") => merge("uid", Ty::Other),
        // core/v1 ServiceSpec, NodeSpec, ServiceAccount
        (Ty::ServiceSpec, "ports") => merge("port", Ty::Other),
        (Ty::NodeSpec, "podCIDRs") => merge("", Ty::Other),
        (Ty::Root(Kind::ServiceAccount), "secrets") => merge("name", Ty::Other),
        // Statuses (written by controllers, kept on update; listed for completeness)
        (Ty::Status, "conditions" | "addresses") => merge("type", Ty::Other),
        (Ty::Status, "podIPs" | "hostIPs") => merge("ip", Ty::Other),
        _ => (None, Ty::Other),
    }
}

// ---------------------------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------------------------

fn merge_map(mut original: Map<String, Value>, mut patch: Map<String, Value>, ty: Ty) -> Result<Map<String, Value>, SmpError> {
    if let Some(d) = patch.get(DIRECTIVE) {
        return match d.as_str() {
            Some("replace") => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some("delete") => Ok(Map::new()),
            _ => Err(SmpError::Other(format!("unknown patch type: {} in map: {}", go_value(d), go_value(&Value::Object(patch.clone()))))),
        };
    }
    apply_retain_keys(&mut original, &mut patch)?;
    merge_set_element_order(&mut original, &mut patch, ty)?;
    for (k, patch_v) in patch {
        let (key, delete_list) = if k.starts_with(DELETE_FROM_PRIMITIVE_LIST) {
            (extract_key(&k, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST)?, true)
        } else {
            (k, false)
        };
        if patch_v.is_null() {
            original.remove(&key);
            continue;
        }
        let same_type = original.get(&key).map(|o| go_type_name(o) == go_type_name(&patch_v));
        match same_type {
            None | Some(false) => {
                if !delete_list {
                    let mut v = patch_v;
                    discard_nulls(&mut v);
                    match remove_directives(v) {
                        Some(v) => original.insert(key, v),
                        None => original.remove(&key),
                    };
                }
            }
            Some(true) => {
                let Some(cur) = original.remove(&key) else { continue };
                let merged = match (cur, patch_v) {
                    (Value::Object(o), Value::Object(p)) => Value::Object(merge_map(o, p, child(ty, &key))?),
                    (Value::Array(o), Value::Array(p)) => {
                        let (merge_key, item) = list_meta(ty, &key);
                        Value::Array(merge_slice_handler(o, p, merge_key, item, delete_list)?)
                    }
                    (_, p) => match remove_directives(p) {
                        Some(v) => v,
                        None => continue,
                    },
                };
                original.insert(key, merged);
            }
        }
    }
    Ok(original)
}

/// `extractKey`: the field after `<prefix>/`.
pub(super) fn extract_key(k: &str, prefix: &str, err: &str) -> Result<String, SmpError> {
    match k.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest.to_string()),
        _ => Err(SmpError::BadRequest(err.to_string())),
    }
}

/// `applyRetainKeysDirective`: keep only the listed keys of the original; every key the patch
/// sets must be listed.
fn apply_retain_keys(original: &mut Map<String, Value>, patch: &mut Map<String, Value>) -> Result<(), SmpError> {
    let Some(list) = patch.remove(RETAIN_KEYS) else { return Ok(()) };
    let Value::Array(keep) = list else { return Err(SmpError::BadRequest(BAD_RETAIN_KEYS.into())) };
    let listed = |k: &str| keep.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null() || k.starts_with(DELETE_FROM_PRIMITIVE_LIST) || k.starts_with(SET_ELEMENT_ORDER) {
            continue;
        }
        if !listed(k) {
            return Err(SmpError::BadRequest(BAD_RETAIN_KEYS.into()));
        }
    }
    original.retain(|k, _| listed(k));
    Ok(())
}

/// `mergePatchIntoOriginal`: each `$setElementOrder/<field>` merges its list now and orders the
/// result by the directive, then the list, then the live order.
fn merge_set_element_order(original: &mut Map<String, Value>, patch: &mut Map<String, Value>, ty: Ty) -> Result<(), SmpError> {
    let keys: Vec<String> = patch.keys().filter(|k| k.starts_with(SET_ELEMENT_ORDER)).cloned().collect();
    for key in keys {
        let Some(order) = patch.remove(&key) else { continue };
        let Value::Array(order) = order else { return Err(bad_arg_type("[]interface {}", &order)) };
        let field = extract_key(&key, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER)?;
        let original_list = match original.get(&field) {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(other) => return Err(bad_arg_type("[]interface {}", other)),
        };
        let patch_list = match patch.get(&field) {
            None => None,
            Some(Value::Array(a)) => Some(a.clone()),
            Some(other) => return Err(bad_arg_type("[]interface {}", other)),
        };
        let (merge_key, item) = list_meta(ty, &field);
        let merge_key_str = merge_key.unwrap_or("");
        if let Some(p) = &patch_list {
            validate_patch_with_order(p, &order, merge_key_str)?;
        }
        let merged = match (&original_list, &patch_list) {
            (Some(o), None) => o.clone(),
            (None, Some(p)) => match remove_directives(Value::Array(p.clone())) {
                Some(Value::Array(a)) => a,
                _ => continue,
            },
            (Some(o), Some(p)) => merge_slice_handler(o.clone(), p.clone(), merge_key, item, false)?,
            (None, None) => continue,
        };
        let (patch_items, server_only) = partition(&merged, &order, merge_key_str)?;
        let kind = element_kind(&[original_list.as_deref().unwrap_or(&[]), patch_list.as_deref().unwrap_or(&[])])?;
        let both = normalize_element_order(patch_items, server_only, &order, original_list.as_deref().unwrap_or(&[]), merge_key_str, kind)?;
        original.insert(field.clone(), Value::Array(both));
        patch.remove(&field);
    }
    Ok(())
}

/// `validatePatchWithSetOrderList`: the patch list's items appear in the directive, in order.
pub(super) fn validate_patch_with_order(patch: &[Value], order: &[Value], merge_key: &str) -> Result<(), SmpError> {
    if order.is_empty() || patch.is_empty() {
        return Ok(());
    }
    let non_delete: Vec<&Value> = patch.iter().filter(|v| !is_delete_item(v)).collect();
    let (mut pi, mut oi) = (0, 0);
    while pi < non_delete.len() && oi < order.len() {
        if non_delete[pi].get(DIRECTIVE).is_some() {
            pi += 1;
            continue;
        }
        if merge_key_equal(non_delete[pi], &order[oi], merge_key)? {
            pi += 1;
        }
        oi += 1;
    }
    if pi < non_delete.len() && oi >= order.len() {
        return Err(SmpError::Other(format!(
            "The order in patch list:\n{}\n doesn't match {SET_ELEMENT_ORDER} list:\n{}\n",
            go_value(&Value::Array(patch.to_vec())),
            go_value(&Value::Array(order.to_vec()))
        )));
    }
    Ok(())
}

pub(super) fn merge_key_equal(a: &Value, b: &Value, merge_key: &str) -> Result<bool, SmpError> {
    if merge_key.is_empty() {
        return Ok(a == b);
    }
    let (Value::Object(x), Value::Object(y)) = (a, b) else {
        return Err(bad_arg_type("map[string]interface {}", if a.is_object() { b } else { a }));
    };
    let vx = x.get(merge_key).ok_or_else(|| no_merge_key(x, merge_key))?;
    let vy = y.get(merge_key).ok_or_else(|| no_merge_key(y, merge_key))?;
    Ok(vx == vy)
}

fn is_delete_item(v: &Value) -> bool {
    v.get(DIRECTIVE).and_then(Value::as_str) == Some("delete")
}

/// `removeDirectives`: drops maps carrying `$patch` (None: drop the value itself).
pub(super) fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            Some(Value::Object(m.into_iter().filter_map(|(k, x)| remove_directives(x).map(|x| (k, x))).collect()))
        }
        Value::Array(a) => Some(Value::Array(a.into_iter().filter_map(remove_directives).collect())),
        other => Some(other),
    }
}

/// `discardNullValuesFromPatch`: `key: null` entries go, at any depth (list items stay).
fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/// What the items of a list are (`sliceElementType`'s kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ElemKind {
    Map,
    Scalar,
}

pub(super) fn element_kind(lists: &[&[Value]]) -> Result<ElemKind, SmpError> {
    let mut prev: Option<&'static str> = None;
    for v in lists.iter().flat_map(|l| l.iter()) {
        let t = go_type_name(v);
        match prev {
            None if v.is_array() => return Err(SmpError::Unprocessable(NO_LIST_OF_LISTS.into())),
            None => prev = Some(t),
            Some(p) if p != t => {
                let all: Vec<Value> = lists.iter().map(|l| Value::Array(l.to_vec())).collect();
                return Err(SmpError::Other(format!("list element types are not identical: {}", go_value(&Value::Array(all)))));
            }
            Some(_) => {}
        }
    }
    match prev {
        None => Err(SmpError::Other("no elements in any of the given slices".into())),
        Some("map[string]interface {}") => Ok(ElemKind::Map),
        Some(_) => Ok(ElemKind::Scalar),
    }
}

fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: Option<&'static str>,
    item: Ty,
    delete_list: bool,
) -> Result<Vec<Value>, SmpError> {
    if merge_key.is_some() || delete_list {
        merge_slice(original, patch, merge_key.unwrap_or(""), item, delete_list)
    } else {
        Ok(patch)
    }
}

fn merge_slice(original: Vec<Value>, patch: Vec<Value>, merge_key: &str, item: Ty, delete_list: bool) -> Result<Vec<Value>, SmpError> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let kind = element_kind(&[&original, &patch])?;
    let (original, patch, merged) = if kind == ElemKind::Scalar {
        if delete_list {
            return Ok(original.into_iter().filter(|v| !patch.contains(v)).collect());
        }
        let both: Vec<Value> = original.iter().chain(&patch).cloned().collect();
        (original, patch, deduplicate_scalars(both))
    } else {
        if merge_key.is_empty() {
            return Err(SmpError::Other("cannot merge lists without merge key for ".into()));
        }
        let (original, patch) = merge_special_elements(original, patch, merge_key)?;
        let merged = merge_without_special_elements(original.clone(), &patch, merge_key, item)?;
        (original, patch, merged)
    };
    let (patch_items, server_only) = partition(&merged, &patch, merge_key)?;
    normalize_element_order(patch_items, server_only, &patch, &original, merge_key, kind)
}

/// `mergeSliceWithSpecialElements`: `$patch: delete` items remove their match from the
/// original; a `$patch: replace` item makes the rest of the patch the whole list.
pub(super) fn merge_special_elements(mut original: Vec<Value>, patch: Vec<Value>, merge_key: &str) -> Result<(Vec<Value>, Vec<Value>), SmpError> {
    let mut rest = Vec::new();
    let mut replace = false;
    for v in patch {
        let Value::Object(m) = &v else {
            return Err(bad_arg_type("map[string]interface {}", &v));
        };
        match m.get(DIRECTIVE) {
            None => rest.push(v),
            Some(Value::String(d)) if d == "delete" => {
                let want = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
                original.retain(|o| o.get(merge_key) != Some(want));
            }
            Some(Value::String(d)) if d == "replace" => replace = true,
            Some(Value::String(d)) if d == "merge" => {
                return Err(SmpError::Other("merging lists cannot yet be specified in the patch".into()));
            }
            Some(d) => {
                return Err(SmpError::Other(format!("unknown patch type: {} in map: {}", go_value(d), go_value(&v))));
            }
        }
    }
    if replace {
        return Ok((rest, Vec::new()));
    }
    Ok((original, rest))
}

/// `mergeSliceWithoutSpecialElements`: items with a matching merge key merge; the rest append.
fn merge_without_special_elements(mut original: Vec<Value>, patch: &[Value], merge_key: &str, item: Ty) -> Result<Vec<Value>, SmpError> {
    for v in patch {
        let Value::Object(pm) = v else { return Err(bad_arg_type("map[string]interface {}", v)) };
        let want = pm.get(merge_key).ok_or_else(|| no_merge_key(pm, merge_key))?;
        let mut found = None;
        for (i, o) in original.iter().enumerate() {
            let Value::Object(om) = o else {
                return Err(SmpError::Other(format!("value for key {i} is not a map")));
            };
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

/// Go's `deduplicateScalars`: a later duplicate is overwritten by the last element.
pub(super) fn deduplicate_scalars(mut s: Vec<Value>) -> Vec<Value> {
    if s.is_empty() {
        return s;
    }
    let mut length = s.len() - 1;
    let mut i = 0;
    while i < length {
        let mut j = i + 1;
        while j <= length {
            if s[i] == s[j] {
                s[j] = s[length].clone();
                s.truncate(length);
                length -= 1;
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    s
}

/// `partitionMapsByPresentInList` / `partitionPrimitivesByPresentInList`: (items present in
/// `by`, items not).
pub(super) fn partition(list: &[Value], by: &[Value], merge_key: &str) -> Result<(Vec<Value>, Vec<Value>), SmpError> {
    let (mut present, mut absent) = (Vec::new(), Vec::new());
    for v in list {
        let found = if merge_key.is_empty() {
            by.contains(v)
        } else {
            let Value::Object(m) = v else { return Err(bad_arg_type("map[string]interface {}", v)) };
            let want = m.get(merge_key).ok_or_else(|| no_merge_key(m, merge_key))?;
            let mut found = false;
            for (i, b) in by.iter().enumerate() {
                let Value::Object(bm) = b else {
                    return Err(SmpError::Other(format!("value for key {i} is not a map")));
                };
                if bm.get(merge_key) == Some(want) {
                    found = true;
                    break;
                }
            }
            found
        };
        if found {
            present.push(v.clone());
        } else {
            absent.push(v.clone());
        }
    }
    Ok((present, absent))
}

/// `index`: where `v` is in `list` (by merge key for maps), or None.
fn position(list: &[Value], v: &Value, merge_key: &str, kind: ElemKind) -> Option<usize> {
    match kind {
        ElemKind::Map => {
            let want = v.get(merge_key);
            list.iter().position(|x| x.get(merge_key) == want)
        }
        ElemKind::Scalar => list.iter().position(|x| x == v),
    }
}

/// `normalizeElementOrder`: the patch's items in the patch's order, the server-only ones in
/// the live order, then the two interleaved by the live order.
pub(super) fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    kind: ElemKind,
) -> Result<Vec<Value>, SmpError> {
    let patch = normalize_slice_order(patch, patch_order, merge_key, kind)?;
    let server_only = normalize_slice_order(server_only, server_order, merge_key, kind)?;
    Ok(merge_sorted(server_only, patch, server_order, merge_key, kind))
}

/// `normalizeSliceOrder`: a stable sort by position in `order` (Go's insertion sort with its
/// comparator: "less" whenever either item is not in `order`); `$patch: delete` items last.
pub(super) fn normalize_slice_order(to_sort: Vec<Value>, order: &[Value], merge_key: &str, kind: ElemKind) -> Result<Vec<Value>, SmpError> {
    let mut to_sort = to_sort;
    let mut to_delete = Vec::new();
    if kind == ElemKind::Map {
        for v in to_sort.iter().chain(order) {
            let Value::Object(m) = v else { return Err(bad_arg_type("map[string]interface {}", v)) };
            if !m.contains_key(merge_key) {
                return Err(no_merge_key(m, merge_key));
            }
        }
        let (keep, del): (Vec<Value>, Vec<Value>) = to_sort.into_iter().partition(|v| !is_delete_item(v));
        to_sort = keep;
        to_delete = del;
    }
    let less = |a: &Value, b: &Value| match (position(order, a, merge_key, kind), position(order, b, merge_key, kind)) {
        (Some(i), Some(j)) => i < j,
        _ => true,
    };
    for i in 1..to_sort.len() {
        let mut j = i;
        while j > 0 && less(&to_sort[j], &to_sort[j - 1]) {
            to_sort.swap(j, j - 1);
            j -= 1;
        }
    }
    to_sort.extend(to_delete);
    Ok(to_sort)
}

/// `mergeSortedSlice`: a server-only item goes first only when both it and the next patch item
/// are in the live list and it comes before; otherwise the patch item does.
fn merge_sorted(left: Vec<Value>, right: Vec<Value>, server_order: &[Value], merge_key: &str, kind: ElemKind) -> Vec<Value> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        let take_left = match (l.peek(), r.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => matches!(
                (position(server_order, a, merge_key, kind), position(server_order, b, merge_key, kind)),
                (Some(i), Some(j)) if i < j
            ),
        };
        let next = if take_left { l.next() } else { r.next() };
        out.extend(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn smp(kind: Kind, original: Value, patch: Value) -> Result<Value, SmpError> {
        apply(&original, patch.as_object().unwrap(), kind)
    }

    fn deployment(containers: Value) -> Value {
        json!({"metadata": {"name": "web"}, "spec": {"replicas": 1, "template": {"spec": {"containers": containers}}}})
    }

    #[test]
    fn maps_merge_and_null_deletes() {
        let out = smp(Kind::ConfigMap, json!({"data": {"a": "1", "b": "2"}}), json!({"data": {"a": null, "c": "3"}})).unwrap();
        assert_eq!(out, json!({"data": {"b": "2", "c": "3"}}));
        // A null for a missing key is dropped, also inside new values.
        let out = smp(Kind::ConfigMap, json!({}), json!({"data": {"x": null}, "metadata": {"labels": {"a": "b", "c": null}}})).unwrap();
        assert_eq!(out, json!({"data": {}, "metadata": {"labels": {"a": "b"}}}));
    }

    #[test]
    fn containers_merge_by_name_and_new_ones_go_first() {
        let original = deployment(json!([{"name": "web", "image": "nginx:1.25"}, {"name": "log", "image": "busybox"}]));
        let out = smp(Kind::Deployment, original.clone(), json!({"spec": {"template": {"spec": {"containers": [{"name": "log", "image": "busybox:1.36"}]}}}})).unwrap();
        assert_eq!(out["spec"]["template"]["spec"]["containers"], json!([{"name": "web", "image": "nginx:1.25"}, {"name": "log", "image": "busybox:1.36"}]));
        // A container the live object does not have is put before the live ones (mergeSortedSlice).
        let out = smp(Kind::Deployment, original, json!({"spec": {"template": {"spec": {"containers": [{"name": "side", "image": "envoy"}]}}}})).unwrap();
        let names: Vec<&str> = out["spec"]["template"]["spec"]["containers"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["side", "web", "log"]);
    }

    #[test]
    fn ports_env_and_volume_mounts_use_their_merge_keys() {
        let original = deployment(json!([{"name": "web", "image": "nginx", "ports": [{"containerPort": 80}], "env": [{"name": "A", "value": "1"}]}]));
        let patch = json!({"spec": {"template": {"spec": {"containers": [{"name": "web", "ports": [{"containerPort": 443}], "env": [{"name": "A", "value": "2"}]}]}}}});
        let out = smp(Kind::Deployment, original, patch).unwrap();
        let c = &out["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["ports"], json!([{"containerPort": 443}, {"containerPort": 80}]));
        assert_eq!(c["env"], json!([{"name": "A", "value": "2"}]));
        assert_eq!(c["image"], "nginx");
    }

    #[test]
    fn lists_without_a_strategy_are_replaced() {
        let original = json!({"spec": {"containers": [{"name": "c", "image": "i", "args": ["a", "b"]}], "tolerations": [{"key": "a"}]}});
        let out = smp(Kind::Pod, original, json!({"spec": {"tolerations": [{"key": "b"}], "containers": [{"name": "c", "args": ["z"]}]}})).unwrap();
        assert_eq!(out["spec"]["tolerations"], json!([{"key": "b"}]));
        assert_eq!(out["spec"]["containers"][0]["args"], json!(["z"]));
    }

    #[test]
    fn directives() {
        let original = deployment(json!([{"name": "web", "image": "nginx"}, {"name": "log", "image": "busybox"}]));
        let del = json!({"spec": {"template": {"spec": {"containers": [{"name": "log", "$patch": "delete"}]}}}});
        let out = smp(Kind::Deployment, original.clone(), del).unwrap();
        assert_eq!(out["spec"]["template"]["spec"]["containers"], json!([{"name": "web", "image": "nginx"}]));
        let replace = json!({"spec": {"template": {"spec": {"containers": [{"name": "only", "image": "x"}, {"$patch": "replace"}]}}}});
        let out = smp(Kind::Deployment, original.clone(), replace).unwrap();
        assert_eq!(out["spec"]["template"]["spec"]["containers"], json!([{"name": "only", "image": "x"}]));
        let map_replace = json!({"metadata": {"$patch": "replace", "name": "web", "labels": {"x": "y"}}});
        let out = smp(Kind::Deployment, json!({"metadata": {"name": "web", "labels": {"a": "b"}, "uid": "u"}}), map_replace).unwrap();
        assert_eq!(out["metadata"], json!({"name": "web", "labels": {"x": "y"}}));
        let map_delete = json!({"spec": {"strategy": {"$patch": "delete"}}});
        assert_eq!(smp(Kind::Deployment, json!({"spec": {"strategy": {"type": "Recreate"}}}), map_delete).unwrap(), json!({"spec": {"strategy": {}}}));
        let bad = json!({"metadata": {"$patch": "frob"}});
        assert_eq!(smp(Kind::Pod, json!({"metadata": {"name": "p"}}), bad.clone()).unwrap_err(), SmpError::Other("unknown patch type: frob in map: map[$patch:frob]".into()));
        // A value the original does not have is taken as it is, its directives dropped.
        assert_eq!(smp(Kind::Pod, json!({}), bad).unwrap(), json!({}));
    }

    #[test]
    fn retain_keys_and_primitive_lists() {
        let original = json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}});
        let patch = json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}});
        assert_eq!(smp(Kind::Deployment, original, patch).unwrap(), json!({"spec": {"strategy": {"type": "Recreate"}}}));
        let bad = json!({"spec": {"strategy": {"$retainKeys": ["type"], "other": 1}}});
        assert_eq!(smp(Kind::Deployment, json!({"spec": {"strategy": {}}}), bad).unwrap_err(), SmpError::BadRequest("invalid patch format of retainKeys".into()));
        // finalizers merge as a set; $deleteFromPrimitiveList removes.
        let out = smp(Kind::ConfigMap, json!({"metadata": {"finalizers": ["a", "b"]}}), json!({"metadata": {"finalizers": ["c", "a"]}})).unwrap();
        assert_eq!(out["metadata"]["finalizers"], json!(["c", "a", "b"]));
        let out = smp(Kind::ConfigMap, json!({"metadata": {"finalizers": ["a", "b"]}}), json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"]}})).unwrap();
        assert_eq!(out["metadata"]["finalizers"], json!(["b"]));
    }

    #[test]
    fn set_element_order() {
        let original = deployment(json!([{"name": "a", "image": "1"}, {"name": "b", "image": "2"}]));
        let patch = json!({"spec": {"template": {"spec": {
            "$setElementOrder/containers": [{"name": "b"}, {"name": "a"}, {"name": "c"}],
            "containers": [{"name": "c", "image": "3"}]}}}});
        let out = smp(Kind::Deployment, original, patch).unwrap();
        let names: Vec<&str> = out["spec"]["template"]["spec"]["containers"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["b", "a", "c"]);
    }

    #[test]
    fn errors_are_upstreams() {
        let original = deployment(json!([{"name": "web", "image": "nginx"}]));
        let no_key = json!({"spec": {"template": {"spec": {"containers": [{"image": "nginx:2"}]}}}});
        assert_eq!(
            smp(Kind::Deployment, original.clone(), no_key).unwrap_err(),
            SmpError::Other("map: map[image:nginx:2] does not contain declared merge key: name".into())
        );
        let lists = json!({"metadata": {"finalizers": [["a"]]}});
        assert_eq!(smp(Kind::Pod, json!({"metadata": {"finalizers": ["x"]}}), lists).unwrap_err(), SmpError::Other("list element types are not identical: [[x] [[a]]]".into()));
        let lists = json!({"metadata": {"finalizers": [["a"]]}});
        assert_eq!(smp(Kind::Pod, json!({"metadata": {"finalizers": []}}), lists).unwrap_err(), SmpError::Unprocessable("lists of lists are not supported".into()));
    }

    #[test]
    fn go_deduplication_order() {
        assert_eq!(deduplicate_scalars(vec![json!("a"), json!("b"), json!("a"), json!("c")]), vec![json!("a"), json!("b"), json!("c")]);
        assert_eq!(deduplicate_scalars(vec![json!(1), json!(1), json!(2), json!(3)]), vec![json!(1), json!(3), json!(2)]);
    }
}
