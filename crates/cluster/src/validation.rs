//! Name/label validation and field errors, ported from apimachinery (Kubernetes 1.31).
//!
//! Sources (read, not copied):
//! - `apimachinery/pkg/util/validation/validation.go` — `IsDNS1123Label`, `IsDNS1123Subdomain`,
//!   `IsDNS1035Label`, `IsQualifiedName`, `IsValidLabelValue`, `RegexError`, `MaxLenError`,
//!   `EmptyError`, `InclusiveRangeError`.
//! - `apimachinery/pkg/api/validation/generic.go` — `NameIsDNSSubdomain`, `NameIsDNSLabel`,
//!   `NameIsDNS1035Label`, `maskTrailingDash`, `IsNegativeErrorMsg`;
//!   `apimachinery/pkg/api/validation/objectmeta.go` — `FieldImmutableErrorMsg`.
//! - `apimachinery/pkg/util/validation/field/errors.go` — `Error.Error`, `ErrorBody`,
//!   `ErrorType.String`, the constructors, `ErrorList.ToAggregate`.
//! - `apimachinery/pkg/util/validation/field/path.go` — `Path.String` (`<nil>` for a nil path).
//! - `apimachinery/pkg/util/errors/errors.go` — `aggregate.Error` (`[a, b]`, duplicates once).
//! - `apimachinery/pkg/api/errors/errors.go` — `NewInvalid` (the server's Status message).
//! - `kubectl/pkg/cmd/util/helpers.go` — `checkErr` (the Invalid branch), `statusCausesToAggrError`,
//!   `MultilineError` (what kubectl prints for an Invalid error).
//!
//! The regular expressions are matched by hand-written scanners (no `regex` crate); the texts
//! quote the upstream regular expressions verbatim because they are part of the messages.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

// ---------------------------------------------------------------------------------------------
// Message constants
// ---------------------------------------------------------------------------------------------

/// `validation.DNS1123LabelMaxLength`.
pub const DNS1123_LABEL_MAX_LENGTH: usize = 63;
/// `validation.DNS1123SubdomainMaxLength`.
pub const DNS1123_SUBDOMAIN_MAX_LENGTH: usize = 253;
/// `validation.DNS1035LabelMaxLength`.
pub const DNS1035_LABEL_MAX_LENGTH: usize = 63;
/// `validation.qualifiedNameMaxLength` (the name part of a label/annotation key).
pub const QUALIFIED_NAME_MAX_LENGTH: usize = 63;
/// `validation.LabelValueMaxLength`.
pub const LABEL_VALUE_MAX_LENGTH: usize = 63;

/// `validation.dns1123LabelFmt`.
pub const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
/// `validation.dns1123SubdomainFmt` (`dns1123LabelFmt + "(\\." + dns1123LabelFmt + ")*"`).
pub const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
/// `validation.dns1035LabelFmt`.
pub const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
/// `validation.qualifiedNameFmt` (`"(" + qnameCharFmt + qnameExtCharFmt + "*)?" + qnameCharFmt`).
pub const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
/// `validation.labelValueFmt` (`"(" + qualifiedNameFmt + ")?"`).
pub const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

/// `validation.dns1123LabelErrMsg`.
pub const DNS1123_LABEL_ERR_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
/// `validation.dns1123SubdomainErrorMsg`.
pub const DNS1123_SUBDOMAIN_ERR_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
/// `validation.dns1035LabelErrMsg`.
pub const DNS1035_LABEL_ERR_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
/// `validation.qualifiedNameErrMsg`.
pub const QUALIFIED_NAME_ERR_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
/// `validation.labelValueErrMsg`.
pub const LABEL_VALUE_ERR_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// `apimachinery/pkg/api/validation.IsNegativeErrorMsg` (core's `isNegativeErrorMsg` is the same).
pub const IS_NEGATIVE_ERROR_MSG: &str = "must be greater than or equal to 0";
/// `must be greater than 0` (the brief's constant). The wording exists upstream for positive
/// int64 checks outside core/apps, but no 1.31 apps/core call site was verified; core's own
/// wording is [`IS_NOT_POSITIVE_ZERO_ERROR_MSG`].
pub const IS_NOT_POSITIVE_ERROR_MSG: &str = "must be greater than 0";
/// core validation's `isNotPositiveErrorMsg` (`pkg/apis/core/validation/validation.go`), used for
/// positive quantities and some core integer fields.
pub const IS_NOT_POSITIVE_ZERO_ERROR_MSG: &str = "must be greater than zero";
/// `apimachinery/pkg/api/validation.FieldImmutableErrorMsg`.
pub const FIELD_IMMUTABLE_ERROR_MSG: &str = "field is immutable";
/// core validation's `isNotIntegerErrorMsg`.
pub const IS_NOT_INTEGER_ERROR_MSG: &str = "must be an integer";

/// `validation.MaxLenError`: `must be no more than N characters`.
pub fn max_len_error(length: usize) -> String {
    format!("must be no more than {length} characters")
}

/// `validation.EmptyError`: `must be non-empty`.
pub fn empty_error() -> &'static str {
    "must be non-empty"
}

/// `validation.InclusiveRangeError`: `must be between LO and HI, inclusive`.
pub fn inclusive_range_error(lo: i64, hi: i64) -> String {
    format!("must be between {lo} and {hi}, inclusive")
}

/// `validation.RegexError`. Note the upstream quirk: every example is followed by `', '`, so two
/// examples read `(e.g. 'my-name',  or '123-abc', regex used …)` — two spaces before `or`.
pub fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut s = String::from(msg);
    s.push_str(" (e.g. ");
    for (i, ex) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push('\'');
        s.push_str(ex);
        s.push_str("', ");
    }
    s.push_str("regex used for validation is '");
    s.push_str(fmt);
    s.push_str("')");
    s
}

// ---------------------------------------------------------------------------------------------
// Hand-written matchers for the upstream regular expressions (anchored with ^…$).
// ---------------------------------------------------------------------------------------------

fn lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
fn match_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            lower_alnum(f) && lower_alnum(l) && b.iter().all(|&c| lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// `^label(\.label)*$`
fn match_dns1123_subdomain(s: &str) -> bool {
    s.split('.').all(match_dns1123_label)
}

/// `^[a-z]([-a-z0-9]*[a-z0-9])?$`
fn match_dns1035_label(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_lowercase()
                && lower_alnum(l)
                && b.iter().all(|&c| lower_alnum(c) || c == b'-')
        }
        _ => false,
    }
}

/// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
fn match_qualified_name(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b'.')
        }
        _ => false,
    }
}

/// `^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$`
fn match_label_value(s: &str) -> bool {
    s.is_empty() || match_qualified_name(s)
}

// ---------------------------------------------------------------------------------------------
// The Is* validators
// ---------------------------------------------------------------------------------------------

/// `validation.IsDNS1123Label`: a DNS label (namespaces, container names, StatefulSet pod
/// hostnames). A valid *subdomain* that is not a valid label (so: it has dots) gets the short
/// `must not contain dots` message instead of the regex text.
pub fn is_dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_LABEL_MAX_LENGTH));
    }
    if !match_dns1123_label(value) {
        if match_dns1123_subdomain(value) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_ERR_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `validation.IsDNS1123Subdomain`: most object names (pods, deployments, nodes, …).
pub fn is_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1123_SUBDOMAIN_MAX_LENGTH {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if !match_dns1123_subdomain(value) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `validation.IsDNS1035Label`: Service names.
pub fn is_dns1035_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > DNS1035_LABEL_MAX_LENGTH {
        errs.push(max_len_error(DNS1035_LABEL_MAX_LENGTH));
    }
    if !match_dns1035_label(value) {
        errs.push(regex_error(
            DNS1035_LABEL_ERR_MSG,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

fn qualified_name_regex_error() -> String {
    regex_error(
        QUALIFIED_NAME_ERR_MSG,
        QUALIFIED_NAME_FMT,
        &["MyName", "my.name", "123-abc"],
    )
}

/// `validation.IsQualifiedName`: label keys and annotation keys — an optional DNS-subdomain
/// prefix and `/`, then a name of at most 63 characters.
pub fn is_qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push(format!("prefix part {}", empty_error()));
            } else {
                for m in is_dns1123_subdomain(prefix) {
                    errs.push(format!("prefix part {m}"));
                }
            }
            *name
        }
        _ => {
            errs.push(format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                qualified_name_regex_error()
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push(format!("name part {}", empty_error()));
    } else if name.len() > QUALIFIED_NAME_MAX_LENGTH {
        errs.push(format!(
            "name part {}",
            max_len_error(QUALIFIED_NAME_MAX_LENGTH)
        ));
    }
    if !match_qualified_name(name) {
        errs.push(format!("name part {}", qualified_name_regex_error()));
    }
    errs
}

/// `validation.IsValidLabelValue`: empty, or ≤ 63 characters of `[-A-Za-z0-9_.]` starting and
/// ending with an alphanumeric.
pub fn is_valid_label_value(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX_LENGTH {
        errs.push(max_len_error(LABEL_VALUE_MAX_LENGTH));
    }
    if !match_label_value(value) {
        errs.push(regex_error(
            LABEL_VALUE_ERR_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// `generic.go maskTrailingDash`: for `generateName` prefixes a trailing `-` is allowed. The
/// upstream slice is `name[:len(name)-2] + "a"` (it drops two characters and appends one) — a
/// quirk kept because it decides which prefixes validate.
fn mask_trailing_dash(name: &str) -> String {
    if name.len() > 1 && name.ends_with('-') {
        // The last byte is '-', so len-2 falls on a char boundary unless the byte before it is
        // the tail of a multi-byte char; `get` keeps that case panic-free (the name is invalid
        // anyway, and the result only has to stay invalid).
        let head = name.get(..name.len() - 2).unwrap_or("\u{0}");
        return format!("{head}a");
    }
    name.to_string()
}

/// `ValidateNameFunc NameIsDNSSubdomain`: `prefix` is true when validating `generateName`.
pub fn name_is_dns_subdomain(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        return is_dns1123_subdomain(&mask_trailing_dash(name));
    }
    is_dns1123_subdomain(name)
}

/// `ValidateNameFunc NameIsDNSLabel` (namespaces).
pub fn name_is_dns_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        return is_dns1123_label(&mask_trailing_dash(name));
    }
    is_dns1123_label(name)
}

/// `ValidateNameFunc NameIsDNS1035Label` (services).
pub fn name_is_dns1035_label(name: &str, prefix: bool) -> Vec<String> {
    if prefix {
        return is_dns1035_label(&mask_trailing_dash(name));
    }
    is_dns1035_label(name)
}

// ---------------------------------------------------------------------------------------------
// Go value rendering
// ---------------------------------------------------------------------------------------------

/// Go `strconv.Quote` (what `%q` prints): `"` and `\` escaped, `\a \b \f \n \r \t \v`, other
/// ASCII controls as `\xNN`, non-printable runes as `\uNNNN` / `\UNNNNNNNN`, printable Unicode
/// as-is. Go's `IsPrint` table is approximated for non-ASCII: controls, non-ASCII spaces, the
/// common format characters, private-use and non-characters are escaped; unassigned code points
/// are printed as-is (Go would escape them).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if go_is_print(c) => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn go_is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let format_chars = [
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0xE000, 0xF8FF),
        (0xFFFE, 0xFFFF),
        (0xF0000, 0x10FFFF),
    ];
    !format_chars.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// A field error's bad value, already rendered the way `field.Error.ErrorBody` prints it:
/// strings `%q`-quoted, integers and booleans bare, everything else Go `%#v`.
///
/// `From<&str>`/`From<String>` quote (a Go `string`); the integer and `bool` conversions print
/// bare; [`GoValue::raw`] takes text that is already rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoValue(pub String);

impl GoValue {
    /// Already-rendered text, used verbatim.
    pub fn raw(s: impl Into<String>) -> Self {
        GoValue(s.into())
    }
    /// Go `%#v` of a `map[string]string`: `map[string]string{"a":"1", "b":"2"}` (keys sorted, as
    /// `fmt` sorts maps); `None` is a nil map, `map[string]string(nil)`; empty is `{}`.
    pub fn string_map(m: Option<&BTreeMap<String, String>>) -> Self {
        GoValue(go_string_map(m))
    }
    /// Go `%#v` of a `[]string`: `[]string{"a", "b"}`; `None` is `[]string(nil)`.
    pub fn string_slice(v: Option<&[String]>) -> Self {
        GoValue(go_string_slice(v))
    }
    /// Go `%#v` of a `v1.LabelSelector` value, as apps validation reports a selector
    /// (kubernetes-behavior.md §11.3/§11.4):
    /// `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`.
    /// Each expression is `(key, operator, values)`; `None` stands for a nil map / nil slice.
    pub fn label_selector(
        match_labels: Option<&BTreeMap<String, String>>,
        match_expressions: Option<&[(String, String, Vec<String>)]>,
    ) -> Self {
        let exprs = match match_expressions {
            None => "[]v1.LabelSelectorRequirement(nil)".to_string(),
            Some(list) => {
                let items: Vec<String> = list
                    .iter()
                    .map(|(k, op, vals)| {
                        format!(
                            "v1.LabelSelectorRequirement{{Key:{}, Operator:{}, Values:{}}}",
                            go_quote(k),
                            go_quote(op),
                            go_string_slice(Some(vals))
                        )
                    })
                    .collect();
                format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
            }
        };
        GoValue(format!(
            "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{}}}",
            go_string_map(match_labels),
            exprs
        ))
    }
}

fn go_string_map(m: Option<&BTreeMap<String, String>>) -> String {
    match m {
        None => "map[string]string(nil)".to_string(),
        Some(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_quote(v)))
                .collect();
            format!("map[string]string{{{}}}", items.join(", "))
        }
    }
}

fn go_string_slice(v: Option<&[String]>) -> String {
    match v {
        None => "[]string(nil)".to_string(),
        Some(v) => {
            let items: Vec<String> = v.iter().map(|s| go_quote(s)).collect();
            format!("[]string{{{}}}", items.join(", "))
        }
    }
}

impl From<&str> for GoValue {
    fn from(s: &str) -> Self {
        GoValue(go_quote(s))
    }
}
impl From<String> for GoValue {
    fn from(s: String) -> Self {
        GoValue(go_quote(&s))
    }
}
impl From<&String> for GoValue {
    fn from(s: &String) -> Self {
        GoValue(go_quote(s))
    }
}
impl From<bool> for GoValue {
    fn from(b: bool) -> Self {
        GoValue(b.to_string())
    }
}
macro_rules! go_value_int {
    ($($t:ty),*) => {$(
        impl From<$t> for GoValue {
            fn from(i: $t) -> Self {
                GoValue(i.to_string())
            }
        }
    )*};
}
go_value_int!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

// ---------------------------------------------------------------------------------------------
// field.Error
// ---------------------------------------------------------------------------------------------

/// `field.ErrorType` (the subset the simulator produces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `ErrorTypeRequired` — `Required value`, never prints the value.
    Required,
    /// `ErrorTypeInvalid` — `Invalid value: <value>`.
    Invalid,
    /// `ErrorTypeForbidden` — `Forbidden`, never prints the value.
    Forbidden,
    /// `ErrorTypeNotSupported` — `Unsupported value: <value>`.
    Unsupported,
    /// `ErrorTypeDuplicate` — `Duplicate value: <value>`.
    Duplicate,
    /// `ErrorTypeNotFound` — `Not found: <value>`.
    NotFound,
    /// `ErrorTypeTooLong` — `Too long`, never prints the value.
    TooLong,
    /// `ErrorTypeTooMany` — `Too many: <count>` (the count may be omitted).
    TooMany,
}

impl ErrorKind {
    /// `ErrorType.String()`: the text in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Required => "Required value",
            ErrorKind::Invalid => "Invalid value",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::Unsupported => "Unsupported value",
            ErrorKind::Duplicate => "Duplicate value",
            ErrorKind::NotFound => "Not found",
            ErrorKind::TooLong => "Too long",
            ErrorKind::TooMany => "Too many",
        }
    }

    /// The `ErrorType` constant itself, which is the `StatusCause.reason`/`type` in an API
    /// Status (`FieldValueInvalid`, …).
    pub fn cause_type(self) -> &'static str {
        match self {
            ErrorKind::Required => "FieldValueRequired",
            ErrorKind::Invalid => "FieldValueInvalid",
            ErrorKind::Forbidden => "FieldValueForbidden",
            ErrorKind::Unsupported => "FieldValueNotSupported",
            ErrorKind::Duplicate => "FieldValueDuplicate",
            ErrorKind::NotFound => "FieldValueNotFound",
            ErrorKind::TooLong => "FieldValueTooLong",
            ErrorKind::TooMany => "FieldValueTooMany",
        }
    }

    /// `ErrorBody` omits the value for Required, Forbidden and TooLong.
    fn prints_value(self) -> bool {
        !matches!(
            self,
            ErrorKind::Required | ErrorKind::Forbidden | ErrorKind::TooLong
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `field.Error`: one validation failure at a field path.
///
/// `value` is the bad value already rendered (see [`GoValue`]); `None` means "not printed"
/// (Go's `omitValue`). `Display` is `field.Error.Error()`: `<field>: <ErrorBody()>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub kind: ErrorKind,
    pub detail: String,
    pub value: Option<String>,
}

impl FieldError {
    fn make(
        field: impl Into<String>,
        kind: ErrorKind,
        value: Option<String>,
        detail: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            kind,
            detail: detail.into(),
            value,
        }
    }

    /// `field.Required(path, detail)`: `spec.containers: Required value` or, with a detail,
    /// `metadata.name: Required value: name or generateName is required`.
    pub fn required(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::make(path, ErrorKind::Required, None, detail)
    }

    /// `field.Invalid(path, value, detail)`: `spec.replicas: Invalid value: -1: must be …`.
    /// `&str`/`String` values are quoted, integers bare (see [`GoValue`]).
    pub fn invalid(
        path: impl Into<String>,
        value: impl Into<GoValue>,
        detail: impl Into<String>,
    ) -> Self {
        Self::make(path, ErrorKind::Invalid, Some(value.into().0), detail)
    }

    /// `field.NotSupported(path, value, validValues)`: the detail is
    /// `supported values: "a", "b"` (each `strconv.Quote`d), or empty when no values are given.
    pub fn unsupported(
        path: impl Into<String>,
        value: impl Into<GoValue>,
        supported: &[&str],
    ) -> Self {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::make(path, ErrorKind::Unsupported, Some(value.into().0), detail)
    }

    /// `field.Forbidden(path, detail)`.
    pub fn forbidden(path: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::make(path, ErrorKind::Forbidden, None, detail)
    }

    /// `field.Duplicate(path, value)`.
    pub fn duplicate(path: impl Into<String>, value: impl Into<GoValue>) -> Self {
        Self::make(path, ErrorKind::Duplicate, Some(value.into().0), "")
    }

    /// `field.NotFound(path, value)`.
    pub fn not_found(path: impl Into<String>, value: impl Into<GoValue>) -> Self {
        Self::make(path, ErrorKind::NotFound, Some(value.into().0), "")
    }

    /// `field.TooLong(path, value, maxLength)`: `Too long: must have at most N bytes` (the value
    /// is never printed).
    pub fn too_long(path: impl Into<String>, max_length: usize) -> Self {
        Self::make(
            path,
            ErrorKind::TooLong,
            None,
            format!("must have at most {max_length} bytes"),
        )
    }

    /// `field.TooLongMaxLength(path, value, maxLength)`: `may not be longer than N`, or
    /// `value is too long` when `max_length` is `None` (Go: negative).
    pub fn too_long_max_length(path: impl Into<String>, max_length: Option<usize>) -> Self {
        let detail = match max_length {
            Some(n) => format!("may not be longer than {n}"),
            None => "value is too long".to_string(),
        };
        Self::make(path, ErrorKind::TooLong, None, detail)
    }

    /// `field.TooMany(path, actual, max)`: `Too many: 5: must have at most 3 items`; a `None`
    /// actual omits the count, a `None` max says `has too many items`.
    pub fn too_many(path: impl Into<String>, actual: Option<i64>, max: Option<i64>) -> Self {
        let detail = match max {
            Some(m) => format!("must have at most {m} items"),
            None => "has too many items".to_string(),
        };
        Self::make(
            path,
            ErrorKind::TooMany,
            actual.map(|a| a.to_string()),
            detail,
        )
    }

    /// `field.Error.ErrorBody()`: the message without the field path.
    pub fn body(&self) -> String {
        let mut s = self.kind.as_str().to_string();
        if self.kind.prints_value() {
            if let Some(v) = &self.value {
                s.push_str(": ");
                s.push_str(v);
            }
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    /// `field.Error.Error()`: `<field>: <body>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

impl std::error::Error for FieldError {}

/// The messages of `errs` with repeats dropped, first occurrence wins — what both
/// `ErrorList.ToAggregate` and kubectl's `statusCausesToAggrError` do.
fn dedup_messages(errs: &[FieldError]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for e in errs {
        let msg = e.to_string();
        if seen.insert(msg.clone()) {
            out.push(msg);
        }
    }
    out
}

/// `field.ErrorList.ToAggregate().Error()`: one error prints as itself, several as
/// `[a, b]`; an empty list is the empty string (Go: a nil aggregate).
pub fn aggregate_error(errs: &[FieldError]) -> String {
    join_aggregate(&dedup_messages(errs))
}

/// `utilerrors.aggregate.Error()` over plain messages: one → itself, several → `[a, b]`
/// (duplicates once).
pub fn join_aggregate(msgs: &[String]) -> String {
    let mut seen = BTreeSet::new();
    let uniq: Vec<&String> = msgs.iter().filter(|m| seen.insert(m.as_str())).collect();
    match uniq.as_slice() {
        [] => String::new(),
        [one] => (*one).clone(),
        many => {
            let parts: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

/// The API server's Status `message` for an Invalid error, `errors.NewInvalid`:
/// `<GroupKind> "<name>" is invalid: <aggregate>` where GroupKind is `Kind` for the core group
/// and `Kind.group` otherwise (`Deployment.apps`), and the aggregate is `[a, b]` for several.
/// This is what controllers see (e.g. in `FailedCreate` events:
/// `Pod "web-x" is invalid: spec.containers[0].image: Required value`).
pub fn invalid_status_message(qualified_kind: &str, name: &str, errs: &[FieldError]) -> String {
    format!(
        "{} {} is invalid: {}",
        qualified_kind,
        go_quote(name),
        aggregate_error(errs)
    )
}

/// What kubectl 1.31 prints (to stderr) for an Invalid API error, without the final newline.
///
/// kubectl does not print the server's message for Invalid; `checkErr` rebuilds it from
/// `Status.details`: `The <Kind> "<name>" is invalid` (Kind without group), then the causes
/// through `statusCausesToAggrError` (each `"<field>: <message>"`, repeats dropped) and
/// `MultilineError(prefix + ": ", aggregate)`:
/// - one cause: `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be …`
/// - several: the prefix line `The Deployment "web" is invalid: ` (note the trailing space;
///   `fmt.Fprintln(buf, prefix)`), then one `* <cause>` line per cause.
/// - no causes: `The Deployment "web" is invalid`.
///
/// `kubectl create/apply -f FILE` print the same (the `error when creating "FILE"` wrapping
/// only changes the Status message, which this branch ignores).
/// Sources: `kubectl@0.31 pkg/cmd/util/helpers.go checkErr, statusCausesToAggrError,
/// MultilineError`; kubernetes-behavior.md §11.
pub fn invalid_error(kind: &str, name: &str, errs: &[FieldError]) -> String {
    let prefix = if kind.is_empty() && name.is_empty() {
        "The request is invalid".to_string()
    } else {
        format!("The {} {} is invalid", kind, go_quote(name))
    };
    let msgs = dedup_messages(errs);
    match msgs.as_slice() {
        [] => prefix,
        [one] => format!("{prefix}: {one}"),
        many => {
            let mut s = format!("{prefix}: ");
            for m in many {
                s.push_str("\n* ");
                s.push_str(m);
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    const DNS1035_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    const QNAME_RE: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    #[test]
    fn subdomain_table() {
        let long = "a".repeat(254);
        let ok_253 = format!(
            "{}.{}.{}.{}",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61)
        );
        assert_eq!(ok_253.len(), 253);
        let cases: Vec<(&str, Vec<String>)> = vec![
            ("web", vec![]),
            ("a", vec![]),
            ("0", vec![]),
            ("example.com", vec![]),
            ("a-b.c-d", vec![]),
            ("my-app-5d7f9c", vec![]),
            (&ok_253, vec![]),
            ("My_App", vec![SUBDOMAIN_MSG.into()]),
            ("", vec![SUBDOMAIN_MSG.into()]),
            ("-a", vec![SUBDOMAIN_MSG.into()]),
            ("a-", vec![SUBDOMAIN_MSG.into()]),
            ("a..b", vec![SUBDOMAIN_MSG.into()]),
            (".a", vec![SUBDOMAIN_MSG.into()]),
            ("a.", vec![SUBDOMAIN_MSG.into()]),
            ("a_b", vec![SUBDOMAIN_MSG.into()]),
            ("A", vec![SUBDOMAIN_MSG.into()]),
            ("a b", vec![SUBDOMAIN_MSG.into()]),
            ("é", vec![SUBDOMAIN_MSG.into()]),
            ("a\n", vec![SUBDOMAIN_MSG.into()]),
            (&long, vec!["must be no more than 253 characters".into()]),
        ];
        for (input, want) in cases {
            assert_eq!(is_dns1123_subdomain(input), want, "input {input:?}");
        }
        let long_bad = format!("{}_", "a".repeat(253));
        assert_eq!(
            is_dns1123_subdomain(&long_bad),
            vec![
                "must be no more than 253 characters".to_string(),
                SUBDOMAIN_MSG.to_string()
            ]
        );
    }

    #[test]
    fn label_table() {
        let l63 = "a".repeat(63);
        let l64 = "a".repeat(64);
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("default", vec![]),
            ("kube-system", vec![]),
            ("123-abc", vec![]),
            ("1", vec![]),
            (&l63, vec![]),
            (&l64, vec!["must be no more than 63 characters"]),
            ("foo.bar", vec!["must not contain dots"]),
            ("a.b.c", vec!["must not contain dots"]),
            ("Foo", vec![LABEL_MSG]),
            ("foo_bar", vec![LABEL_MSG]),
            ("", vec![LABEL_MSG]),
            ("-foo", vec![LABEL_MSG]),
            ("foo-", vec![LABEL_MSG]),
            ("foo..bar", vec![LABEL_MSG]),
        ];
        for (input, want) in cases {
            assert_eq!(is_dns1123_label(input), want, "input {input:?}");
        }
        // Too long and dotted (a valid subdomain): both messages, length first.
        let long_dots = format!("{}.b", "a".repeat(63));
        assert_eq!(
            is_dns1123_label(&long_dots),
            vec![
                "must be no more than 63 characters",
                "must not contain dots"
            ]
        );
        assert!(
            LABEL_MSG.contains("'my-name',  or '123-abc'"),
            "two spaces before `or`"
        );
    }

    #[test]
    fn dns1035_table() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("web", vec![]),
            ("a", vec![]),
            ("a1", vec![]),
            ("my-svc", vec![]),
            ("1abc", vec![DNS1035_MSG]),
            ("no-domain.com", vec![DNS1035_MSG]),
            ("Web", vec![DNS1035_MSG]),
            ("a-", vec![DNS1035_MSG]),
            ("", vec![DNS1035_MSG]),
        ];
        for (input, want) in cases {
            assert_eq!(is_dns1035_label(input), want, "input {input:?}");
        }
        assert_eq!(
            is_dns1035_label(&"a".repeat(64)),
            vec!["must be no more than 63 characters"]
        );
    }

    #[test]
    fn qualified_name_table() {
        let name_re = format!("name part {QNAME_RE}");
        let too_many = format!(
            "a qualified name {QNAME_RE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        );
        let prefix_sub = format!("prefix part {SUBDOMAIN_MSG}");
        let cases: Vec<(String, Vec<String>)> = vec![
            ("app".into(), vec![]),
            ("App".into(), vec![]),
            ("app.kubernetes.io/name".into(), vec![]),
            ("example.com/Uppercase_Is_OK_123".into(), vec![]),
            ("a".into(), vec![]),
            ("requests.storage-foo".into(), vec![]),
            ("a".repeat(63), vec![]),
            (format!("{}/{}", "a".repeat(253), "b".repeat(63)), vec![]),
            (
                "".into(),
                vec!["name part must be non-empty".into(), name_re.clone()],
            ),
            ("-app".into(), vec![name_re.clone()]),
            ("app_".into(), vec![name_re.clone()]),
            ("a b".into(), vec![name_re.clone()]),
            (
                "a".repeat(64),
                vec!["name part must be no more than 63 characters".into()],
            ),
            ("/name".into(), vec!["prefix part must be non-empty".into()]),
            (
                "example.com/".into(),
                vec!["name part must be non-empty".into(), name_re.clone()],
            ),
            ("Example.com/name".into(), vec![prefix_sub.clone()]),
            ("a/b/c".into(), vec![too_many.clone()]),
            (
                format!("{}/a", "a".repeat(254)),
                vec!["prefix part must be no more than 253 characters".into()],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(is_qualified_name(&input), want, "input {input:?}");
        }
    }

    #[test]
    fn label_value_table() {
        let cases: Vec<(String, Vec<&str>)> = vec![
            ("".into(), vec![]),
            ("web".into(), vec![]),
            ("MyValue".into(), vec![]),
            ("my_value".into(), vec![]),
            ("1.2.3".into(), vec![]),
            ("a".repeat(63), vec![]),
            ("a".repeat(64), vec!["must be no more than 63 characters"]),
            ("-a".into(), vec![LABEL_VALUE_MSG]),
            ("a b".into(), vec![LABEL_VALUE_MSG]),
            ("a/b".into(), vec![LABEL_VALUE_MSG]),
            ("a$b".into(), vec![LABEL_VALUE_MSG]),
        ];
        for (input, want) in cases {
            assert_eq!(is_valid_label_value(&input), want, "input {input:?}");
        }
    }

    #[test]
    fn generate_name_prefixes() {
        assert!(name_is_dns_subdomain("web-", true).is_empty());
        assert!(name_is_dns_subdomain("web-7d4b9-", true).is_empty());
        assert_eq!(
            name_is_dns_subdomain("web-", false),
            vec![SUBDOMAIN_MSG.to_string()]
        );
        // "-" alone is not masked (len > 1 guard).
        assert_eq!(
            name_is_dns_subdomain("-", true),
            vec![SUBDOMAIN_MSG.to_string()]
        );
        // The len-2 quirk: "a.-" masks to "a" + "a" = "aa" (two bytes dropped, one added).
        assert!(name_is_dns_subdomain("a.-", true).is_empty());
        assert!(name_is_dns_label("ns-", true).is_empty());
        assert!(name_is_dns1035_label("svc-", true).is_empty());
        // Multi-byte before the dash must not panic.
        let _ = name_is_dns_subdomain("é-", true);
    }

    #[test]
    fn regex_error_shapes() {
        assert_eq!(
            regex_error("m", "f", &[]),
            "m (regex used for validation is 'f')"
        );
        assert_eq!(
            regex_error("m", "f", &["x"]),
            "m (e.g. 'x', regex used for validation is 'f')"
        );
        assert_eq!(
            regex_error("m", "f", &["x", "y"]),
            "m (e.g. 'x',  or 'y', regex used for validation is 'f')"
        );
        assert_eq!(
            inclusive_range_error(1, 65535),
            "must be between 1 and 65535, inclusive"
        );
    }

    #[test]
    fn go_quote_table() {
        let cases = [
            ("", "\"\""),
            ("abc", "\"abc\""),
            ("a\"b", "\"a\\\"b\""),
            ("a\\b", "\"a\\\\b\""),
            ("\n\t\r", "\"\\n\\t\\r\""),
            ("\u{7}\u{8}\u{b}\u{c}", "\"\\a\\b\\v\\f\""),
            ("\u{0}\u{1b}\u{7f}", "\"\\x00\\x1b\\x7f\""),
            ("héllo", "\"héllo\""),
            ("日本", "\"日本\""),
            ("\u{a0}", "\"\\u00a0\""),
            ("\u{feff}", "\"\\ufeff\""),
            ("\u{85}", "\"\\u0085\""),
            ("\u{f0000}", "\"\\U000f0000\""),
        ];
        for (input, want) in cases {
            assert_eq!(go_quote(input), want, "input {input:?}");
        }
    }

    #[test]
    fn go_values() {
        let mut m = BTreeMap::new();
        m.insert("tier".to_string(), "x".to_string());
        m.insert("app".to_string(), "other".to_string());
        assert_eq!(
            GoValue::string_map(Some(&m)).0,
            "map[string]string{\"app\":\"other\", \"tier\":\"x\"}"
        );
        assert_eq!(GoValue::string_map(None).0, "map[string]string(nil)");
        assert_eq!(
            GoValue::string_map(Some(&BTreeMap::new())).0,
            "map[string]string{}"
        );
        assert_eq!(GoValue::string_slice(None).0, "[]string(nil)");
        assert_eq!(GoValue::string_slice(Some(&[])).0, "[]string{}");
        assert_eq!(
            GoValue::string_slice(Some(&["a".to_string(), "b".to_string()])).0,
            "[]string{\"a\", \"b\"}"
        );
        let mut web2 = BTreeMap::new();
        web2.insert("app".to_string(), "web2".to_string());
        assert_eq!(
            GoValue::label_selector(Some(&web2), None).0,
            "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
        );
        let exprs = vec![("tier".to_string(), "In".to_string(), vec!["a".to_string()])];
        assert_eq!(
            GoValue::label_selector(None, Some(&exprs)).0,
            "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", Values:[]string{\"a\"}}}}"
        );
        assert_eq!(GoValue::from(-1i64).0, "-1");
        assert_eq!(GoValue::from(5i32).0, "5");
        assert_eq!(GoValue::from(true).0, "true");
        assert_eq!(GoValue::from("x").0, "\"x\"");
        assert_eq!(GoValue::raw("raw").0, "raw");
    }

    #[test]
    fn field_error_display_table() {
        let mut other = BTreeMap::new();
        other.insert("app".to_string(), "other".to_string());
        let cases = vec![
            (
                FieldError::invalid("spec.replicas", -1i32, IS_NEGATIVE_ERROR_MSG),
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            ),
            (
                FieldError::required("metadata.name", "name or generateName is required"),
                "metadata.name: Required value: name or generateName is required",
            ),
            (
                FieldError::unsupported("spec.template.spec.restartPolicy", "Never", &["Always"]),
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
            ),
            (
                FieldError::required("spec.containers", ""),
                "spec.containers: Required value",
            ),
            (
                FieldError::required("spec.template.spec.restartPolicy", "valid values: \"OnFailure\", \"Never\""),
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"",
            ),
            (
                FieldError::invalid(
                    "spec.template.metadata.labels",
                    GoValue::string_map(Some(&other)),
                    "`selector` does not match template `labels`",
                ),
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`",
            ),
            (
                FieldError::invalid("spec.progressDeadlineSeconds", 5i32, "must be greater than minReadySeconds"),
                "spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds",
            ),
            (
                FieldError::forbidden("spec.foo", "may not be set"),
                "spec.foo: Forbidden: may not be set",
            ),
            (
                FieldError::duplicate("spec.containers[1].name", "web"),
                "spec.containers[1].name: Duplicate value: \"web\"",
            ),
            (
                FieldError::not_found("spec.x", "y"),
                "spec.x: Not found: \"y\"",
            ),
            (
                FieldError::too_long("metadata.annotations", 262144),
                "metadata.annotations: Too long: must have at most 262144 bytes",
            ),
            (
                FieldError::too_long_max_length("spec.x", Some(10)),
                "spec.x: Too long: may not be longer than 10",
            ),
            (
                FieldError::too_long_max_length("spec.x", None),
                "spec.x: Too long: value is too long",
            ),
            (
                FieldError::too_many("spec.x", Some(5), Some(3)),
                "spec.x: Too many: 5: must have at most 3 items",
            ),
            (
                FieldError::too_many("spec.x", None, None),
                "spec.x: Too many: has too many items",
            ),
            (
                FieldError::unsupported("spec.x", "z", &[]),
                "spec.x: Unsupported value: \"z\"",
            ),
            (
                FieldError::unsupported("spec.x", "z", &["a", "b"]),
                "spec.x: Unsupported value: \"z\": supported values: \"a\", \"b\"",
            ),
            (
                FieldError::invalid("metadata.name", "My_App", is_dns1123_subdomain("My_App").join(", ")),
                "metadata.name: Invalid value: \"My_App\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ),
        ];
        for (err, want) in cases {
            assert_eq!(err.to_string(), want);
        }
        // A Required/Forbidden/TooLong value is never printed, even if set.
        let mut e = FieldError::required("a", "");
        e.value = Some("\"x\"".into());
        assert_eq!(e.to_string(), "a: Required value");
        assert_eq!(
            ErrorKind::Unsupported.cause_type(),
            "FieldValueNotSupported"
        );
        assert_eq!(FieldError::required("a", "d").body(), "Required value: d");
    }

    #[test]
    fn invalid_error_rendering() {
        let one = [FieldError::invalid(
            "spec.replicas",
            -1i64,
            IS_NEGATIVE_ERROR_MSG,
        )];
        assert_eq!(
            invalid_error("Deployment", "web", &one),
            "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"
        );
        let mut labels = BTreeMap::new();
        labels.insert("app".to_string(), "web".to_string());
        let two = [
            FieldError::required("spec.selector", ""),
            FieldError::invalid(
                "spec.template.metadata.labels",
                GoValue::string_map(Some(&labels)),
                "`selector` does not match template `labels`",
            ),
        ];
        assert_eq!(
            invalid_error("Deployment", "web", &two),
            "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"
        );
        // Duplicates collapse; a collapsed pair prints on one line.
        let dup = [one[0].clone(), one[0].clone()];
        assert_eq!(
            invalid_error("Deployment", "web", &dup),
            invalid_error("Deployment", "web", &one)
        );
        assert_eq!(invalid_error("Pod", "x", &[]), "The Pod \"x\" is invalid");
        assert_eq!(invalid_error("", "", &[]), "The request is invalid");

        // The server's message (NewInvalid + ToAggregate).
        assert_eq!(
            invalid_status_message("Deployment.apps", "web", &two),
            "Deployment.apps \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`]"
        );
        assert_eq!(
            invalid_status_message(
                "Pod",
                "web-1",
                &[FieldError::required("spec.containers[0].image", "")]
            ),
            "Pod \"web-1\" is invalid: spec.containers[0].image: Required value"
        );
        assert_eq!(aggregate_error(&[]), "");
        assert_eq!(join_aggregate(&["a".into(), "a".into()]), "a");
        assert_eq!(
            join_aggregate(&["a".into(), "b".into(), "a".into()]),
            "[a, b]"
        );
    }

    #[test]
    fn no_panics_on_odd_input() {
        let odd = [
            "",
            "-",
            ".",
            "..",
            "/",
            "//",
            "a/",
            "/a",
            "((",
            "a in (",
            "é",
            "\u{0}",
            "a\u{0}b",
            "1e999999",
            "9999999999999999999999Ei",
            "日本/語",
            "-é-",
            "a.-",
        ];
        for s in odd {
            let _ = is_dns1123_label(s);
            let _ = is_dns1123_subdomain(s);
            let _ = is_dns1035_label(s);
            let _ = is_qualified_name(s);
            let _ = is_valid_label_value(s);
            let _ = name_is_dns_subdomain(s, true);
            let _ = name_is_dns_label(s, true);
            let _ = name_is_dns1035_label(s, true);
            let _ = go_quote(s);
        }
    }
}
