//! `meta/v1` and apimachinery basics: ObjectMeta, OwnerReference, LabelSelector, the `Object`
//! trait, the time types the API serialises as RFC 3339 (`Time`, `MicroTime`), and the value
//! types every group shares (`IntOrString`, `Quantity`, base64 for `[]byte` fields).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::time::Time;

// ---------------------------------------------------------------------------------------------
// Time, MicroTime

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Time::parse_rfc3339(&s).ok_or_else(|| {
            de::Error::custom(format!("parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"))
        })
    }
}

/// metav1.MicroTime: a [`Time`] serialised with six fractional digits (`eventTime`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MicroTime(pub Time);

impl MicroTime {
    /// RFC 3339 with microseconds, as the API server serialises `metav1.MicroTime`.
    pub fn rfc3339_micro(self) -> String {
        let secs = Time(self.0 .0.div_euclid(1000) * 1000).rfc3339();
        let ms = self.0 .0.rem_euclid(1000);
        // "…:05Z" → "…:05.123000Z"
        format!("{}.{:03}000Z", secs.trim_end_matches('Z'), ms)
    }

    /// Parses RFC 3339 with an optional fraction, keeping milliseconds.
    pub fn parse(s: &str) -> Option<MicroTime> {
        let whole = Time::parse_rfc3339(s)?;
        let ms = match s.get(19..).and_then(|r| r.strip_prefix('.')) {
            Some(frac) => {
                let digits: String = frac.chars().take_while(char::is_ascii_digit).take(3).collect();
                format!("{digits:0<3}").parse::<i64>().unwrap_or(0)
            }
            None => 0,
        };
        Some(MicroTime(Time(whole.0 + ms)))
    }
}

impl From<Time> for MicroTime {
    fn from(t: Time) -> Self {
        MicroTime(t)
    }
}

impl Serialize for MicroTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339_micro())
    }
}

impl<'de> Deserialize<'de> for MicroTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MicroTime::parse(&s).ok_or_else(|| {
            de::Error::custom(format!(
                "parsing time \"{s}\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse"
            ))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta and friends

/// metav1.ObjectMeta: the `metadata` of every object.
///
/// `creationTimestamp` is a value (not a pointer) upstream, so an unset one serialises as
/// `creationTimestamp: null`, as in `kubectl create … --dry-run=client -o yaml` and in pod
/// templates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generate_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub generation: i64,
    #[serde(default)]
    pub creation_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owner_references: Vec<OwnerReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
}

/// metav1.OwnerReference: a link from a dependent to its owner (garbage collection).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OwnerReference {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

/// metav1.LabelSelector: `matchLabels` and `matchExpressions`, ANDed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelector {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// metav1.LabelSelectorRequirement: `key`, `operator` (In, NotIn, Exists, DoesNotExist), `values`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LabelSelectorRequirement {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// `skip_serializing_if` for Go fields tagged `omitempty` whose zero value is the Rust default
/// (`0`, `false`).
pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// `deserialize_with` for every non-`Option` field: Go's decoder treats an explicit `null` as
/// "leave the zero value" (`env:` with nothing after it in YAML), so null decodes as the default.
pub(crate) fn null_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `serialize_with` for Go slices tagged without `omitempty`: an empty list is Go's nil slice,
/// written as `null`.
#[allow(clippy::ptr_arg)]
pub(crate) fn vec_or_null<T: Serialize, S: Serializer>(v: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
    if v.is_empty() {
        s.serialize_none()
    } else {
        s.collect_seq(v)
    }
}

/// What the store needs to know of any object it holds.
pub trait Object: Clone {
    /// The `kind` of the object, e.g. `Node`.
    const KIND: &'static str;
    /// The `apiVersion` the object is served as, e.g. `v1` or `apps/v1`.
    const API_VERSION: &'static str;
    fn meta(&self) -> &ObjectMeta;
    fn meta_mut(&mut self) -> &mut ObjectMeta;
}

/// `impl Object for $ty` with the given kind and apiVersion (the struct has a `metadata` field).
macro_rules! impl_object {
    ($ty:ty, $kind:literal, $api_version:literal) => {
        impl $crate::api::meta::Object for $ty {
            const KIND: &'static str = $kind;
            const API_VERSION: &'static str = $api_version;
            fn meta(&self) -> &$crate::api::meta::ObjectMeta {
                &self.metadata
            }
            fn meta_mut(&mut self) -> &mut $crate::api::meta::ObjectMeta {
                &mut self.metadata
            }
        }
    };
}
pub(crate) use impl_object;

// ---------------------------------------------------------------------------------------------
// IntOrString

/// intstr.IntOrString: a port number or name, a count or a percentage (`25%`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IntOrString {
    Int(i32),
    String(String),
}

impl Default for IntOrString {
    fn default() -> Self {
        IntOrString::Int(0)
    }
}

impl fmt::Display for IntOrString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntOrString::Int(i) => write!(f, "{i}"),
            IntOrString::String(s) => f.write_str(s),
        }
    }
}

impl From<i32> for IntOrString {
    fn from(i: i32) -> Self {
        IntOrString::Int(i)
    }
}

impl From<&str> for IntOrString {
    fn from(s: &str) -> Self {
        IntOrString::String(s.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Quantity

/// resource.Quantity (`100m`, `64Mi`, `1`), kept as its serialised string.
///
/// Decoding accepts a string or a number, as the API server does, and validates and
/// canonicalises it the way `resource.ParseQuantity` + `MarshalJSON` would: `0.5` → `500m`,
/// `1000000` → `1M`, `2048Mi` → `2Gi`, while an already canonical string (`100m`, `1Gi`) is
/// kept as written. An empty (zero) quantity serialises as `"0"`.
/// Equality is textual; compare values with [`Quantity::milli_value`] (or `crate::quantity`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Quantity(pub String);

impl Default for Quantity {
    /// The zero quantity, `"0"`.
    fn default() -> Self {
        Quantity("0".to_string())
    }
}

impl Quantity {
    /// Parses and canonicalises a quantity as the API server does on decoding
    /// (`resource.ParseQuantity`, then `MarshalJSON`), with Go's error texts; the arithmetic
    /// lives in [`crate::quantity`].
    pub fn parse(s: &str) -> Result<Quantity, String> {
        crate::quantity::Quantity::parse(s).map(|q| Quantity(q.to_string())).map_err(|e| e.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn parsed(&self) -> Option<crate::quantity::Quantity> {
        if self.0.is_empty() {
            return Some(crate::quantity::Quantity::default());
        }
        crate::quantity::Quantity::parse(&self.0).ok()
    }

    /// `Quantity.Value()`: the value rounded up to an integer (bytes, cores), saturating.
    /// `None` if the string is not a quantity.
    pub fn value(&self) -> Option<i64> {
        self.parsed().map(|q| q.value())
    }

    /// `Quantity.MilliValue()`: the value in thousandths (millicores), rounded up, saturating.
    pub fn milli_value(&self) -> Option<i64> {
        self.parsed().map(|q| q.milli_value())
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "0" } else { &self.0 })
    }
}

impl From<&str> for Quantity {
    fn from(s: &str) -> Self {
        Quantity(s.to_string())
    }
}

impl From<String> for Quantity {
    fn from(s: String) -> Self {
        Quantity(s)
    }
}

impl PartialEq<str> for Quantity {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Quantity {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if self.0.is_empty() { "0" } else { &self.0 })
    }
}

struct QuantityVisitor;

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a quantity (a string such as \"100m\" or \"64Mi\", or a number)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
        Quantity::parse(v.trim()).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
        Quantity::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
        Quantity::parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
        if !v.is_finite() {
            return Err(E::custom(crate::quantity::QuantityError::FormatWrong));
        }
        // Rust's shortest round-trip form, never in exponent notation: 0.5 → "0.5".
        Quantity::parse(&format!("{v}")).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Quantity, E> {
        Ok(Quantity("0".to_string()))
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(QuantityVisitor)
    }
}

/// `deserialize_with` for `BTreeMap<String, String>` resource lists that predate [`Quantity`]
/// (Node capacity/allocatable): accepts numbers and canonicalises like a `Quantity` map.
pub(crate) fn quantity_string_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let m = Option::<BTreeMap<String, Quantity>>::deserialize(d)?.unwrap_or_default();
    Ok(m.into_iter().map(|(k, v)| (k, v.to_string())).collect())
}

// ---------------------------------------------------------------------------------------------
// base64 (Go's `[]byte` JSON fields: Secret.data, ConfigMap.binaryData)

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as Go's `encoding/json` writes `[]byte`.
pub fn base64_encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn b64_value(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

/// Go's `base64.StdEncoding.DecodeString` (newlines ignored), with its error text
/// `illegal base64 data at input byte N`.
pub fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let src = s.as_bytes();
    let err = |at: usize| format!("illegal base64 data at input byte {at}");
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    loop {
        // One quantum of up to four characters (Go's decodeQuantum).
        let mut buf = [0u8; 4];
        let mut j = 0;
        let mut dlen = 4;
        let mut done = false;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                return Err(err(si - j));
            }
            let c = src[si];
            si += 1;
            if let Some(v) = b64_value(c) {
                buf[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' {
                return Err(err(si - 1));
            }
            // Padding: only after two or three characters of the quantum.
            match j {
                0 | 1 => return Err(err(si - 1)),
                2 => {
                    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                        si += 1;
                    }
                    if si == src.len() {
                        return Err(err(src.len()));
                    }
                    if src[si] != b'=' {
                        return Err(err(si - 1));
                    }
                    si += 1;
                }
                _ => {}
            }
            while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                si += 1;
            }
            if si < src.len() {
                return Err(err(si));
            }
            dlen = j;
            done = true;
            break;
        }
        let n = (u32::from(buf[0]) << 18) | (u32::from(buf[1]) << 12) | (u32::from(buf[2]) << 6) | u32::from(buf[3]);
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..dlen - 1]);
        if done {
            return Ok(out);
        }
    }
}

/// `deserialize_with` for `map[string][]byte` fields: each value must be valid base64 and is
/// kept in canonical form (what the API server stores and serves back).
pub(crate) fn base64_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    let m = Option::<BTreeMap<String, Option<String>>>::deserialize(d)?.unwrap_or_default();
    m.into_iter()
        .map(|(k, v)| {
            let bytes = base64_decode(&v.unwrap_or_default()).map_err(de::Error::custom)?;
            Ok((k, base64_encode(&bytes)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn quantity_numbers_render_like_go() {
        let q = |v: serde_json::Value| serde_json::from_value::<Quantity>(v).map(|q| q.0);
        assert_eq!(q(json!(1)).unwrap(), "1");
        assert_eq!(q(json!(0.5)).unwrap(), "500m");
        assert_eq!(q(json!(0.1)).unwrap(), "100m");
        assert_eq!(q(json!(1.5)).unwrap(), "1500m");
        assert_eq!(q(json!(1000000)).unwrap(), "1M");
        assert_eq!(q(json!(1500)).unwrap(), "1500");
        assert_eq!(q(json!(128974848)).unwrap(), "128974848");
        assert_eq!(q(json!(0)).unwrap(), "0");
        assert_eq!(q(json!(-2)).unwrap(), "-2");
        assert_eq!(q(json!(null)).unwrap(), "0");
    }

    #[test]
    fn quantity_strings_canonicalise_like_go() {
        let p = |s: &str| Quantity::parse(s).map(|q| q.0);
        // Canonical input is kept as written.
        for s in ["100m", "1Gi", "64Mi", "250m", "1", "2", "1e3", "129e6", "123Mi", "+1", "1.5Gi"] {
            let want = if s == "1.5Gi" { "1536Mi" } else { s };
            assert_eq!(p(s).unwrap(), want, "{s}");
        }
        assert_eq!(p("0.5").unwrap(), "500m");
        assert_eq!(p("1000m").unwrap(), "1");
        assert_eq!(p("2000m").unwrap(), "2");
        assert_eq!(p("1024Mi").unwrap(), "1Gi");
        assert_eq!(p("2048Ki").unwrap(), "2Mi");
        assert_eq!(p("1000Mi").unwrap(), "1000Mi");
        assert_eq!(p("0.5Gi").unwrap(), "512Mi");
        assert_eq!(p("1000").unwrap(), "1k");
        // Go strips leading zeros before its "already canonical" check, so "01" is kept.
        assert_eq!(p("01").unwrap(), "01");
        assert_eq!(p("0.0000000001").unwrap(), "1n");
        assert_eq!(p("1.2345678901").unwrap(), "1234567891n");
        assert_eq!(p("0Mi").unwrap(), "0");
        assert_eq!(p("100k").unwrap(), "100k");
        assert_eq!(p("1e-3").unwrap(), "1e-3");
        assert_eq!(p("10e3").unwrap(), "10e3");
        assert_eq!(p("64MB").unwrap_err(), crate::quantity::QuantityError::FormatWrong.to_string());
        assert_eq!(p("1 Gi").unwrap_err(), crate::quantity::QuantityError::FormatWrong.to_string());
        assert_eq!(p("").unwrap_err(), crate::quantity::QuantityError::FormatWrong.to_string());
        assert_eq!(p("abc").unwrap_err(), crate::quantity::QuantityError::FormatWrong.to_string());
        assert_eq!(p("1K").unwrap_err(), crate::quantity::QuantityError::Suffix.to_string());
        assert_eq!(p("1Ki2").unwrap_err(), crate::quantity::QuantityError::Suffix.to_string());
    }

    #[test]
    fn quantity_values() {
        let q = |s: &str| Quantity::parse(s).unwrap();
        assert_eq!(q("100m").milli_value(), Some(100));
        assert_eq!(q("1").milli_value(), Some(1000));
        assert_eq!(q("1.5").value(), Some(2));
        assert_eq!(q("64Mi").value(), Some(64 << 20));
        assert_eq!(q("1k").value(), Some(1000));
        assert_eq!(q("1n").milli_value(), Some(1));
        assert_eq!(Quantity::default().value(), Some(0));
        assert_eq!(Quantity("junk".into()).value(), None);
        assert_eq!(serde_json::to_value(Quantity::default()).unwrap(), json!("0"));
    }

    #[test]
    fn base64_round_trip_and_errors() {
        assert_eq!(base64_encode(b"admin"), "YWRtaW4=");
        assert_eq!(base64_encode(b"1f2d1e2e67df"), "MWYyZDFlMmU2N2Rm");
        assert_eq!(base64_encode(b"ab"), "YWI=");
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_decode("YWRtaW4=").unwrap(), b"admin");
        assert_eq!(base64_decode("YWRt\naW4=").unwrap(), b"admin");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("my-password").unwrap_err(), "illegal base64 data at input byte 2");
        assert_eq!(base64_decode("YWRtaW4").unwrap_err(), "illegal base64 data at input byte 4");
        assert_eq!(base64_decode("YQ=").unwrap_err(), "illegal base64 data at input byte 3");
        assert_eq!(base64_decode("YQ==YQ==").unwrap_err(), "illegal base64 data at input byte 4");
        assert_eq!(base64_decode("Y===").unwrap_err(), "illegal base64 data at input byte 1");
    }

    #[test]
    fn int_or_string() {
        let v: IntOrString = serde_json::from_value(json!(8080)).unwrap();
        assert_eq!(v, IntOrString::Int(8080));
        let v: IntOrString = serde_json::from_value(json!("25%")).unwrap();
        assert_eq!(v.to_string(), "25%");
        assert_eq!(serde_json::to_value(IntOrString::from("http")).unwrap(), json!("http"));
        assert!(serde_json::from_value::<IntOrString>(json!(1.5)).is_err());
    }

    #[test]
    fn micro_time() {
        let t = MicroTime::parse("2024-01-01T00:00:01.123456Z").unwrap();
        assert_eq!(t.0, Time(1_704_067_201_123));
        assert_eq!(serde_json::to_value(t).unwrap(), json!("2024-01-01T00:00:01.123000Z"));
        let t: MicroTime = serde_json::from_value(json!("2024-01-01T00:00:00Z")).unwrap();
        assert_eq!(t.rfc3339_micro(), "2024-01-01T00:00:00.000000Z");
    }

    #[test]
    fn object_meta_shape() {
        let m: ObjectMeta = serde_json::from_value(json!({
            "name": "web-0",
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web",
                                 "uid": "u1", "controller": true, "blockOwnerDeletion": true}],
            "finalizers": ["kubernetes.io/pvc-protection"],
        }))
        .unwrap();
        assert_eq!(m.owner_references[0].kind, "StatefulSet");
        assert_eq!(m.owner_references[0].controller, Some(true));
        // creationTimestamp is a Go value type: null when unset, like kubectl shows.
        let out = serde_json::to_value(ObjectMeta { name: "x".into(), ..Default::default() }).unwrap();
        assert_eq!(out, json!({"name": "x", "creationTimestamp": null}));
        assert!(serde_json::from_value::<ObjectMeta>(json!({"nmae": "x"})).is_err());
    }
}
