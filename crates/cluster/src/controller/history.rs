//! What the DaemonSet and StatefulSet controllers share: ControllerRevisions and their hashes
//! (upstream's `pkg/controller/history`, `controller.ComputeHash`), pod readiness and
//! availability (`pkg/api/v1/pod`), scaled int-or-percent values (`intstr`).
//!
//! A revision stores the patch that restores its template, `{"spec":{"template":{…,
//! "$patch":"replace"}}}` (`getPatch`). StatefulSet revision names hash that patch's bytes as
//! Go's `encoding/json` writes them (FNV-32, then the collision count in decimal), so they come
//! out as upstream's; `controller.ComputeHash` (DaemonSet revisions) hashes a Go dump of the
//! template that kubeplay cannot reproduce, so it hashes the template's JSON with FNV-32a: the
//! same shape of value (`5d8b6f7c9c`), not the same value.

use serde_json::Value;

use crate::api::*;
use crate::time::{Duration, Time};

/// The pod label and ControllerRevision label naming a revision (`controller-revision-hash`).
pub(crate) const CONTROLLER_REVISION_HASH: &str = "controller-revision-hash";

/// `rand.SafeEncodeString`: each byte mapped onto apimachinery's 27 safe characters.
pub(crate) fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes().map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char).collect()
}

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// FNV-1, 32 bits (Go's `fnv.New32`).
fn fnv32(data: &[u8], mut h: u32) -> u32 {
    for b in data {
        h = h.wrapping_mul(FNV_PRIME);
        h ^= u32::from(*b);
    }
    h
}

/// FNV-1a, 32 bits (Go's `fnv.New32a`).
fn fnv32a(data: &[u8], mut h: u32) -> u32 {
    for b in data {
        h ^= u32::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// `json.Marshal` of a value decoded into Go maps: keys sorted (serde_json's maps are), `<`, `>`
/// and `&` escaped as Go's encoder escapes them for HTML safety.
pub(crate) fn go_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    if !s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return s;
    }
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

/// `getPatch`: the template as the API serves it, marked to replace the whole template.
pub(crate) fn template_patch(template: &PodTemplateSpec) -> Value {
    let mut t = serde_json::to_value(template).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut t {
        m.insert("$patch".into(), Value::String("replace".into()));
    }
    serde_json::json!({ "spec": { "template": t } })
}

/// The template a revision's patch restores.
pub(crate) fn template_of(revision: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut t = revision.data.get("spec")?.get("template")?.clone();
    if let Value::Object(m) = &mut t {
        m.remove("$patch");
    }
    crate::object::strip_nulls(&mut t);
    serde_json::from_value(t).ok()
}

/// `controller.ComputeHash` (see the module comment).
pub(crate) fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let json = serde_json::to_string(template).unwrap_or_default();
    let mut h = fnv32a(json.as_bytes(), FNV_OFFSET);
    if let Some(n) = collision_count {
        let mut bytes = [0u8; 8];
        bytes[..4].copy_from_slice(&(n as u32).to_le_bytes());
        h = fnv32a(&bytes, h);
    }
    safe_encode(&h.to_string())
}

/// `history.HashControllerRevision`: FNV-32 of the patch's bytes, then the collision count.
pub(crate) fn hash_revision(data: &Value, probe: Option<i32>) -> String {
    let mut h = fnv32(go_json(data).as_bytes(), FNV_OFFSET);
    if let Some(n) = probe {
        h = fnv32(n.to_string().as_bytes(), h);
    }
    safe_encode(&h.to_string())
}

/// `ControllerRevisionName`: the owner's name (at most 223 characters) and the hash.
pub(crate) fn revision_name(prefix: &str, hash: &str) -> String {
    let prefix: String = prefix.chars().take(223).collect();
    format!("{prefix}-{hash}")
}

/// `intstr.GetScaledValueFromIntOrPercent`: a count, or a percentage of `total` rounded up or
/// down. A malformed percentage counts as 0 (validation rejects it earlier).
pub(crate) fn scaled_value(v: Option<&IntOrString>, total: i32, round_up: bool) -> i32 {
    match v {
        None => 0,
        Some(IntOrString::Int(i)) => *i,
        Some(IntOrString::String(s)) => {
            let Some(pct) = s.strip_suffix('%').and_then(|p| p.parse::<i64>().ok()) else { return 0 };
            let product = pct * i64::from(total);
            let v = if round_up { (product + 99).div_euclid(100) } else { product.div_euclid(100) };
            v as i32
        }
    }
}

/// `podutil.IsPodReady`: the Ready condition is True.
pub(crate) fn is_pod_ready(p: &Pod) -> bool {
    p.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True")
}

/// `podutil.IsPodAvailable`: Ready for longer than `minReadySeconds` (Ready is enough at 0).
pub(crate) fn is_pod_available(p: &Pod, min_ready_seconds: i32, now: Time) -> bool {
    let Some(ready) = p.status.conditions.iter().find(|c| c.type_ == "Ready" && c.status == "True") else { return false };
    if min_ready_seconds <= 0 {
        return true;
    }
    ready.last_transition_time.is_some_and(|t| t + Duration::from_secs(i64::from(min_ready_seconds)) < now)
}

/// When a Ready pod becomes available (`None` when it is not Ready).
pub(crate) fn available_at(p: &Pod, min_ready_seconds: i32) -> Option<Time> {
    let ready = p.status.conditions.iter().find(|c| c.type_ == "Ready" && c.status == "True")?;
    Some(ready.last_transition_time? + Duration::from_secs(i64::from(min_ready_seconds.max(0))))
}

/// `metav1.NewControllerRef`.
pub(crate) fn controller_ref(kind: crate::object::Kind, name: &str, uid: &str) -> OwnerReference {
    OwnerReference {
        api_version: kind.api_version().into(),
        kind: kind.name().into(),
        name: name.into(),
        uid: uid.into(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The uid of an object's controller, if it has one.
pub(crate) fn controller_uid(meta: &ObjectMeta) -> Option<&str> {
    meta.owner_references.iter().find(|r| r.controller == Some(true)).map(|r| r.uid.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_go() {
        // hash/fnv test vectors.
        assert_eq!(fnv32(b"a", FNV_OFFSET), 0x050c_5d7e);
        assert_eq!(fnv32a(b"a", FNV_OFFSET), 0xe40c_292c);
        assert_eq!(safe_encode("123"), "567");
    }

    #[test]
    fn go_json_sorts_and_escapes() {
        let v = serde_json::json!({"b": 1, "a": {"d": "<x&y>", "c": null}});
        assert_eq!(go_json(&v), r#"{"a":{"c":null,"d":"\u003cx\u0026y\u003e"},"b":1}"#);
    }

    #[test]
    fn scaled_values_round_as_upstream() {
        let pct = IntOrString::String("25%".into());
        assert_eq!(scaled_value(Some(&pct), 10, true), 3);
        assert_eq!(scaled_value(Some(&pct), 10, false), 2);
        assert_eq!(scaled_value(Some(&IntOrString::Int(2)), 10, true), 2);
        assert_eq!(scaled_value(None, 10, true), 0);
    }

    #[test]
    fn patches_round_trip() {
        let t = PodTemplateSpec {
            metadata: ObjectMeta { labels: [("app".to_string(), "web".to_string())].into(), ..Default::default() },
            spec: PodSpec { containers: vec![Container { name: "c".into(), image: "nginx".into(), ..Default::default() }], ..Default::default() },
        };
        let patch = template_patch(&t);
        assert_eq!(patch["spec"]["template"]["$patch"], "replace");
        let cr = ControllerRevision { data: patch, ..Default::default() };
        assert_eq!(template_of(&cr), Some(t.clone()));
        assert_eq!(compute_hash(&t, None), compute_hash(&t, None));
        assert_ne!(compute_hash(&t, None), compute_hash(&t, Some(1)));
        assert_ne!(hash_revision(&cr.data, Some(0)), hash_revision(&cr.data, Some(1)));
    }
}
