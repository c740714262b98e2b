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

/// resource.ErrFormatWrong's text.
pub const QUANTITY_FORMAT_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_NUMERIC_ERROR: &str = "unable to parse numeric part of quantity";
const QUANTITY_SUFFIX_ERROR: &str = "unable to parse quantity's suffix";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuantityFormat {
    DecimalSI,
    BinarySI,
    DecimalExponent,
}

/// An exact decimal: `unscaled × 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    unscaled: i128,
    scale: i32,
}

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

impl Decimal {
    /// ceil(|self| × 10^-scale) with the sign restored: the value in units of `10^scale`,
    /// rounded away from zero (Go's `inf.RoundUp`, as `Quantity` uses).
    fn in_units_of(self, scale: i32) -> Option<i128> {
        let diff = i64::from(self.scale) - i64::from(scale);
        if diff >= 0 {
            self.unscaled.checked_mul(pow10(u32::try_from(diff).ok()?)?)
        } else {
            let d = pow10(u32::try_from(-diff).ok()?)?;
            let mag = self.unscaled.checked_abs()?;
            let q = mag / d + i128::from(mag % d != 0);
            Some(if self.unscaled < 0 { -q } else { q })
        }
    }
}

/// The parts `resource.parseQuantityString` splits a quantity into.
struct QuantityParts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn split_quantity(s: &str) -> Result<QuantityParts<'_>, &'static str> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(QuantityParts { positive, num: "0", denom: "", suffix: "" });
    }
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    if pos >= end {
        return Ok(QuantityParts { positive, num, denom: "", suffix: "" });
    }
    let mut denom = "";
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[start..pos];
        if pos >= end {
            return Ok(QuantityParts { positive, num, denom, suffix: "" });
        }
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end {
        if !b[pos].is_ascii_digit() {
            return Err(QUANTITY_FORMAT_ERROR);
        }
        pos += 1;
    }
    Ok(QuantityParts { positive, num, denom, suffix: &s[suffix_start..] })
}

/// A suffix → (base, exponent, format), as `quantitySuffixer.interpret`.
fn interpret_suffix(suffix: &str) -> Option<(u32, i32, QuantityFormat)> {
    use QuantityFormat::*;
    let dec = |e| Some((10, e, DecimalSI));
    let bin = |e| Some((2, e, BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ => {
            let rest = suffix.strip_prefix(['e', 'E'])?;
            if rest.is_empty() {
                return None;
            }
            let e: i64 = rest.parse().ok()?;
            // Go truncates to int32; anything this large is nonsense for a quantity anyway.
            Some((10, i32::try_from(e).ok()?, DecimalExponent))
        }
    }
}

/// A parsed quantity: its exact value (rounded up to nano precision), its format, and the input
/// string when Go would keep it verbatim.
struct ParsedQuantity {
    value: Decimal,
    format: QuantityFormat,
    verbatim: bool,
}

/// `resource.ParseQuantity`. `Ok(None)` means the value is valid but too large for this model
/// (beyond i128), in which case callers keep the string as written.
fn parse_quantity(s: &str) -> Result<Option<ParsedQuantity>, &'static str> {
    if s.is_empty() {
        return Err(QUANTITY_FORMAT_ERROR);
    }
    if s == "0" {
        return Ok(Some(ParsedQuantity {
            value: Decimal { unscaled: 0, scale: 0 },
            format: QuantityFormat::DecimalSI,
            verbatim: true,
        }));
    }
    let parts = split_quantity(s)?;
    let (base, exponent, mut format) = interpret_suffix(parts.suffix).ok_or(QUANTITY_SUFFIX_ERROR)?;
    let digits = format!("{}{}", parts.num, parts.denom);
    let denom_len = i32::try_from(parts.denom.len()).unwrap_or(i32::MAX);

    // Go keeps the input string when it is already canonical (its int64 fast path).
    let verbatim = match format {
        QuantityFormat::DecimalSI | QuantityFormat::DecimalExponent => {
            let precision = 18 - digits.len() as i64;
            let scale = i64::from(exponent) - i64::from(denom_len);
            precision >= 0
                && scale >= -9
                && scale % 3 == 0
                && !digits.ends_with("000")
                && !digits.starts_with('0')
        }
        QuantityFormat::BinarySI => {
            let precision = 15 - parts.num.len() as i64 - i64::from(exponent) * 3 / 10 - 1;
            let value: Option<i64> = parts.num.parse().ok();
            parts.denom.is_empty()
                && precision >= 0
                && value.is_some_and(|v| v & 7 != 0 && v.checked_mul(1i64 << exponent).is_some())
        }
    };

    let Ok(mut unscaled) = digits.parse::<i128>() else {
        return if digits.bytes().all(|c| c.is_ascii_digit()) { Ok(None) } else { Err(QUANTITY_NUMERIC_ERROR) };
    };
    let mut scale = -denom_len;
    if base == 10 {
        scale = scale.saturating_add(exponent);
    } else {
        let Some(v) = unscaled.checked_mul(1i128 << exponent) else { return Ok(None) };
        unscaled = v;
    }
    if !parts.positive {
        unscaled = -unscaled;
    }
    let mut value = Decimal { unscaled, scale };
    if value.scale < -9 {
        let Some(u) = value.in_units_of(-9) else { return Ok(None) };
        value = Decimal { unscaled: u, scale: -9 };
    }
    if format == QuantityFormat::BinarySI && !verbatim {
        let max = Decimal { unscaled: i128::from(i64::MAX), scale: 0 };
        if value.unscaled > 0 && cmp_decimal(value, max) == Some(std::cmp::Ordering::Greater) {
            value = max;
        }
        let one = Decimal { unscaled: 1, scale: 0 };
        if value.unscaled > 0 && cmp_decimal(value, one) == Some(std::cmp::Ordering::Less) {
            format = QuantityFormat::DecimalSI;
        }
    }
    Ok(Some(ParsedQuantity { value, format, verbatim }))
}

fn cmp_decimal(a: Decimal, b: Decimal) -> Option<std::cmp::Ordering> {
    let scale = a.scale.min(b.scale);
    Some(a.in_units_of(scale)?.cmp(&b.in_units_of(scale)?))
}

/// Strips factors of `base` from `v` (as Go's `removeInt64Factors`), at most `max` of them.
fn remove_factors(mut v: i128, base: i128, max: i32) -> (i128, i32) {
    let mut times = 0;
    while times < max && v.unsigned_abs() >= base.unsigned_abs() && v % base == 0 {
        v /= base;
        times += 1;
    }
    (v, times)
}

/// `Quantity.CanonicalizeBytes` + suffix.
fn canonical_quantity(value: Decimal, format: QuantityFormat) -> String {
    if value.unscaled == 0 {
        return "0".to_string();
    }
    let mut format = format;
    if format == QuantityFormat::BinarySI {
        let magnitude = Decimal { unscaled: value.unscaled.saturating_abs(), scale: value.scale };
        let small = cmp_decimal(magnitude, Decimal { unscaled: 1024, scale: 0 }) == Some(std::cmp::Ordering::Less);
        let integer = value.scale >= 0 || value.unscaled % pow10(value.scale.unsigned_abs()).unwrap_or(1) == 0;
        match value.in_units_of(0) {
            Some(v) if !small && integer => {
                let (amount, times) = remove_factors(v, 1024, 6);
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][times as usize];
                return format!("{amount}{suffix}");
            }
            _ => format = QuantityFormat::DecimalSI,
        }
    }
    let (mut amount, times) = remove_factors(value.unscaled, 10, i32::MAX);
    let mut exponent = value.scale.saturating_add(times);
    while exponent % 3 != 0 {
        match amount.checked_mul(10) {
            Some(a) => amount = a,
            None => break,
        }
        exponent -= 1;
    }
    if format == QuantityFormat::DecimalExponent {
        return if exponent == 0 { format!("{amount}") } else { format!("{amount}e{exponent}") };
    }
    while exponent > 18 {
        match amount.checked_mul(1000) {
            Some(a) => amount = a,
            None => return format!("{amount}e{exponent}"),
        }
        exponent -= 3;
    }
    let suffix = match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => "",
    };
    format!("{amount}{suffix}")
}

impl Quantity {
    /// Parses and canonicalises a quantity as the API server does on decoding
    /// (`resource.ParseQuantity`), with Go's error texts.
    pub fn parse(s: &str) -> Result<Quantity, String> {
        match parse_quantity(s) {
            Ok(Some(p)) if p.verbatim => Ok(Quantity(s.to_string())),
            Ok(Some(p)) => Ok(Quantity(canonical_quantity(p.value, p.format))),
            Ok(None) => Ok(Quantity(s.to_string())),
            Err(e) => Err(e.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn decimal(&self) -> Option<Decimal> {
        if self.0.is_empty() {
            return Some(Decimal { unscaled: 0, scale: 0 });
        }
        parse_quantity(&self.0).ok()?.map(|p| p.value)
    }

    /// `Quantity.Value()`: the value rounded up to an integer (bytes, cores), saturating.
    /// `None` if the string is not a quantity.
    pub fn value(&self) -> Option<i64> {
        self.scaled(0)
    }

    /// `Quantity.MilliValue()`: the value in thousandths (millicores), rounded up, saturating.
    pub fn milli_value(&self) -> Option<i64> {
        self.scaled(-3)
    }

    fn scaled(&self, scale: i32) -> Option<i64> {
        let d = self.decimal()?;
        let v = match d.in_units_of(scale) {
            Some(v) => v,
            None if d.unscaled < 0 => i128::MIN,
            None => i128::MAX,
        };
        Some(v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
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
            return Err(E::custom(QUANTITY_FORMAT_ERROR));
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
        assert_eq!(p("64MB").unwrap_err(), QUANTITY_FORMAT_ERROR);
        assert_eq!(p("1 Gi").unwrap_err(), QUANTITY_FORMAT_ERROR);
        assert_eq!(p("").unwrap_err(), QUANTITY_FORMAT_ERROR);
        assert_eq!(p("abc").unwrap_err(), QUANTITY_FORMAT_ERROR);
        assert_eq!(p("1K").unwrap_err(), QUANTITY_SUFFIX_ERROR);
        assert_eq!(p("1Ki2").unwrap_err(), QUANTITY_SUFFIX_ERROR);
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
