//! Label selectors, ported from apimachinery (Kubernetes 1.31).
//!
//! Sources (read, not copied):
//! - `apimachinery/pkg/labels/selector.go` — `Requirement`, `NewRequirement`, `Matches`,
//!   `String`, `internalSelector`, `Everything`, `Nothing`, `SelectorFromSet`, the `Lexer` and
//!   `Parser` behind `labels.Parse`, `validateLabelKey`, `validateLabelValue`.
//! - `apimachinery/pkg/selection/operator.go` — the operator strings.
//! - `apimachinery/pkg/apis/meta/v1/helpers.go` — `LabelSelectorAsSelector`,
//!   `FormatLabelSelector`.
//! - `cli-runtime/pkg/resource/selector.go` (`Selector.Visit` / `EnhanceListError`) — how a bad
//!   `-l` reaches the user (see [`Selector::parse`]).
//!
//! Error texts are upstream's, including field paths built from a nil `*field.Path`
//! (`<nil>: Invalid value: …` for a bad key while parsing; `key:`/`values:` from
//! `NewRequirement`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::validation::{
    aggregate_error, is_qualified_name, is_valid_label_value, FieldError, GoValue,
};

/// `selection.Operator`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `=`
    Equals,
    /// `==`
    DoubleEquals,
    /// `!=`
    NotEquals,
    /// `in`
    In,
    /// `notin`
    NotIn,
    /// `exists` (written as a bare key)
    Exists,
    /// `!` (written as `!key`)
    DoesNotExist,
    /// `gt` (written as `>`)
    GreaterThan,
    /// `lt` (written as `<`)
    LessThan,
}

impl Operator {
    /// The `selection.Operator` string value (`"="`, `"in"`, `"exists"`, `"!"`, `"gt"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => "in",
            Operator::NotIn => "notin",
            Operator::Exists => "exists",
            Operator::DoesNotExist => "!",
            Operator::GreaterThan => "gt",
            Operator::LessThan => "lt",
        }
    }
}

/// `selector.go binaryOperators`, in upstream order (used in the parser's error text).
const BINARY_OPERATORS: [&str; 7] = ["in", "notin", "=", "==", "!=", "gt", "lt"];

/// `labels.Requirement`: one `key op values` term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

/// Renders a nil-able `*field.Path` the way `Path.String()` does.
fn path_string(p: Option<&str>) -> String {
    p.unwrap_or("<nil>").to_string()
}

/// `path.Child(name)` on a possibly nil path.
fn child(p: Option<&str>, name: &str) -> String {
    match p {
        None => name.to_string(),
        Some(p) => format!("{p}.{name}"),
    }
}

/// `selector.go validateLabelKey`.
fn validate_label_key(k: &str, path: &str) -> Option<FieldError> {
    let errs = is_qualified_name(k);
    if errs.is_empty() {
        None
    } else {
        Some(FieldError::invalid(path, k, errs.join("; ")))
    }
}

/// `selector.go validateLabelValue`: the path is `values[i][key]`.
fn validate_label_value(k: &str, v: &str, path: &str) -> Option<FieldError> {
    let errs = is_valid_label_value(v);
    if errs.is_empty() {
        None
    } else {
        Some(FieldError::invalid(
            format!("{path}[{k}]"),
            v,
            errs.join("; "),
        ))
    }
}

impl Requirement {
    /// `labels.NewRequirement(key, op, vals)` with no path option: validates the key (a
    /// qualified name), the value count for the operator, integer values for `gt`/`lt`, and
    /// every value (a label value). The error is the aggregate of all field errors
    /// (`[a, b]` when several), e.g.
    /// `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`.
    pub fn new(key: &str, operator: Operator, values: Vec<String>) -> Result<Requirement, String> {
        Self::new_at(key, operator, values, None)
    }

    fn new_at(
        key: &str,
        operator: Operator,
        values: Vec<String>,
        path: Option<&str>,
    ) -> Result<Requirement, String> {
        let mut errs = Vec::new();
        if let Some(e) = validate_label_key(key, &child(path, "key")) {
            errs.push(e);
        }
        let value_path = child(path, "values");
        let values_rendered = || GoValue::string_slice(Some(&values));
        match operator {
            Operator::In | Operator::NotIn => {
                if values.is_empty() {
                    errs.push(FieldError::invalid(
                        value_path.clone(),
                        values_rendered(),
                        "for 'in', 'notin' operators, values set can't be empty",
                    ));
                }
            }
            Operator::Equals | Operator::DoubleEquals | Operator::NotEquals => {
                if values.len() != 1 {
                    errs.push(FieldError::invalid(
                        value_path.clone(),
                        values_rendered(),
                        "exact-match compatibility requires one single value",
                    ));
                }
            }
            Operator::Exists | Operator::DoesNotExist => {
                if !values.is_empty() {
                    errs.push(FieldError::invalid(
                        value_path.clone(),
                        values_rendered(),
                        "values set must be empty for exists and does not exist",
                    ));
                }
            }
            Operator::GreaterThan | Operator::LessThan => {
                if values.len() != 1 {
                    errs.push(FieldError::invalid(
                        value_path.clone(),
                        values_rendered(),
                        "for 'Gt', 'Lt' operators, exactly one value is required",
                    ));
                }
                for (i, v) in values.iter().enumerate() {
                    if v.parse::<i64>().is_err() {
                        errs.push(FieldError::invalid(
                            format!("{value_path}[{i}]"),
                            v,
                            "for 'Gt', 'Lt' operators, the value must be an integer",
                        ));
                    }
                }
            }
        }
        for (i, v) in values.iter().enumerate() {
            if let Some(e) = validate_label_value(key, v, &format!("{value_path}[{i}]")) {
                errs.push(e);
            }
        }
        if errs.is_empty() {
            Ok(Requirement {
                key: key.to_string(),
                operator,
                values,
            })
        } else {
            Err(aggregate_error(&errs))
        }
    }

    /// The label key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values as given (parsed selectors have them sorted and de-duplicated).
    pub fn values(&self) -> &[String] {
        &self.values
    }

    fn has_value(&self, v: &str) -> bool {
        self.values.iter().any(|x| x == v)
    }

    /// `Requirement.Matches`: `in`/`=`/`==` need the key with one of the values; `notin`/`!=`
    /// match a missing key; `gt`/`lt` need the key with an integer value.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => {
                labels.get(&self.key).is_some_and(|v| self.has_value(v))
            }
            Operator::NotIn | Operator::NotEquals => {
                labels.get(&self.key).is_none_or(|v| !self.has_value(v))
            }
            Operator::Exists => labels.contains_key(&self.key),
            Operator::DoesNotExist => !labels.contains_key(&self.key),
            Operator::GreaterThan | Operator::LessThan => {
                let Some(Ok(have)) = labels.get(&self.key).map(|v| v.parse::<i64>()) else {
                    return false;
                };
                let [want] = self.values.as_slice() else {
                    return false;
                };
                let Ok(want) = want.parse::<i64>() else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

impl fmt::Display for Requirement {
    /// `Requirement.String()`: `!key`, `key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`,
    /// `key notin (a)`, `key>1`, `key<1`; values are printed sorted (not de-duplicated).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
        };
        f.write_str(op)?;
        let set = matches!(self.operator, Operator::In | Operator::NotIn);
        if set {
            f.write_str("(")?;
        }
        let mut vals = self.values.clone();
        vals.sort();
        f.write_str(&vals.join(","))?;
        if set {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// A label selector: `labels.Selector` — either a list of requirements that must all match
/// (`internalSelector`; empty = everything) or the nothing-selector.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Selector {
    requirements: Vec<Requirement>,
    nothing: bool,
}

impl Selector {
    /// `labels.Everything()`: matches every label set; prints as the empty string.
    pub fn everything() -> Selector {
        Selector::default()
    }

    /// Same as [`Selector::everything`] (the empty selector).
    pub fn empty() -> Selector {
        Selector::default()
    }

    /// `labels.Nothing()`: matches nothing; prints as the empty string. This is what a nil API
    /// `LabelSelector` converts to.
    pub fn nothing() -> Selector {
        Selector {
            requirements: Vec::new(),
            nothing: true,
        }
    }

    /// `Selector.Empty()`: true for the everything-selector (not for nothing).
    pub fn is_empty(&self) -> bool {
        !self.nothing && self.requirements.is_empty()
    }

    /// True for [`Selector::nothing`].
    pub fn matches_nothing(&self) -> bool {
        self.nothing
    }

    /// The requirements, sorted by key.
    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// `Selector.Add`: a copy with more requirements, re-sorted by key (stable). Adding to the
    /// nothing-selector leaves it nothing.
    pub fn add(&self, reqs: impl IntoIterator<Item = Requirement>) -> Selector {
        if self.nothing {
            return self.clone();
        }
        let mut requirements = self.requirements.clone();
        requirements.extend(reqs);
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Selector {
            requirements,
            nothing: false,
        }
    }

    /// `Selector.Matches`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        !self.nothing && self.requirements.iter().all(|r| r.matches(labels))
    }

    /// `labels.SelectorFromSet`: `k=v` for every entry, not validated; an empty set selects
    /// everything.
    pub fn from_set(set: &BTreeMap<String, String>) -> Selector {
        Selector {
            requirements: set
                .iter()
                .map(|(k, v)| Requirement {
                    key: k.clone(),
                    operator: Operator::Equals,
                    values: vec![v.clone()],
                })
                .collect(),
            nothing: false,
        }
    }

    /// `labels.Parse`: the `-l`/`--selector` syntax.
    ///
    /// ```text
    /// <selector>    ::= <requirement> | <requirement> "," <selector>
    /// <requirement> ::= [!] KEY [ ("in"|"notin") "(" VALUES ")" | ("="|"=="|"!="|">"|"<") VALUE ]
    /// ```
    /// Whitespace (space, tab, CR, LF) separates tokens; `in`/`notin` are keywords only in
    /// operator position; the empty string (or only whitespace) selects everything; values
    /// may be empty (`a=`, `a in (,b)`). The result is sorted by key; set values are sorted
    /// and de-duplicated.
    ///
    /// Errors are upstream's texts, e.g. `unable to parse requirement: found '', expected: ','
    /// or ')'` or `found 'b', expected: ',' or 'end of string'` (the latter class has no
    /// "unable to parse requirement" prefix).
    ///
    /// What the user sees: kubectl 1.31 does not parse `-l` itself for `get`/`delete`/…; it sends
    /// the string to the API server, which answers 400 BadRequest with this text, and the
    /// resource builder rewrites the message (cli-runtime `selector.go`), so kubectl prints
    /// `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label
    /// selector "<sel>", field selector "": <this error>` — see [`list_selector_error`]
    /// (derived from the code, not observed).
    pub fn parse(selector: &str) -> Result<Selector, String> {
        let mut parser = Parser::new(selector);
        let mut requirements = parser.parse()?;
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(Selector {
            requirements,
            nothing: false,
        })
    }
}

impl std::str::FromStr for Selector {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Selector::parse(s)
    }
}

impl fmt::Display for Selector {
    /// `Selector.String()`: requirements joined by `,` (already sorted by key); both the
    /// everything- and the nothing-selector print as the empty string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.requirements.iter().map(|r| r.to_string()).collect();
        f.write_str(&parts.join(","))
    }
}

/// kubectl's message for a list request whose label selector the server rejected
/// (cli-runtime `resource/selector.go`, `Selector.Visit` → `EnhanceListError`, then
/// `StandardErrorMessage`):
/// `Error from server (BadRequest): Unable to find "<gvr>" that match label selector "<sel>",
/// field selector "<fsel>": <server message>`, where `<gvr>` is a `GroupVersionResource`
/// string such as `/v1, Resource=pods` or `apps/v1, Resource=deployments`. (derived)
pub fn list_selector_error(
    gvr: &str,
    label_selector: &str,
    field_selector: &str,
    message: &str,
) -> String {
    format!(
        "Error from server (BadRequest): Unable to find {} that match label selector {}, field selector {}: {}",
        crate::validation::go_quote(gvr),
        crate::validation::go_quote(label_selector),
        crate::validation::go_quote(field_selector),
        message
    )
}

/// `metav1.LabelSelectorAsSelector` for a non-nil API `LabelSelector` given as plain data:
/// `match_labels`, and `match_expressions` as `(key, operator, values)` with the API operator
/// names `In`, `NotIn`, `Exists`, `DoesNotExist`. (A nil selector converts to
/// [`Selector::nothing`]; callers handle that case.) No labels and no expressions select
/// everything. Errors: `"Foo" is not a valid pod selector operator` for an unknown operator
/// (upstream's wording says "pod"), otherwise [`Requirement::new`]'s texts, e.g.
/// `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`.
pub fn label_selector_as_selector(
    match_labels: &BTreeMap<String, String>,
    match_expressions: &[(String, String, Vec<String>)],
) -> Result<Selector, String> {
    if match_labels.is_empty() && match_expressions.is_empty() {
        return Ok(Selector::everything());
    }
    let mut reqs = Vec::with_capacity(match_labels.len() + match_expressions.len());
    for (k, v) in match_labels {
        reqs.push(Requirement::new(k, Operator::Equals, vec![v.clone()])?);
    }
    for (key, op, values) in match_expressions {
        let operator = match op.as_str() {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            other => {
                return Err(format!(
                    "{} is not a valid pod selector operator",
                    crate::validation::go_quote(other)
                ))
            }
        };
        // Upstream passes `append([]string(nil), expr.Values...)`, which is nil when empty:
        // the error then renders the values as `[]string(nil)`.
        let r = if values.is_empty() {
            Requirement::new_nil_values(key, operator)?
        } else {
            Requirement::new(key, operator, values.clone())?
        };
        reqs.push(r);
    }
    Ok(Selector::everything().add(reqs))
}

impl Requirement {
    /// `NewRequirement` with a nil values slice (renders as `[]string(nil)` in errors).
    fn new_nil_values(key: &str, operator: Operator) -> Result<Requirement, String> {
        match Self::new(key, operator, Vec::new()) {
            Ok(r) => Ok(r),
            Err(e) => Err(e.replace(
                "values: Invalid value: []string{}:",
                "values: Invalid value: []string(nil):",
            )),
        }
    }
}

/// `metav1.FormatLabelSelector` as `kubectl describe` prints selectors: the selector string
/// (`app=web,tier in (a,b)`), `<none>` when it is empty, `<error>` when it does not convert.
pub fn format_label_selector(
    match_labels: &BTreeMap<String, String>,
    match_expressions: &[(String, String, Vec<String>)],
) -> String {
    match label_selector_as_selector(match_labels, match_expressions) {
        Err(_) => "<error>".to_string(),
        Ok(sel) => {
            let s = sel.to_string();
            if s.is_empty() {
                "<none>".to_string()
            } else {
                s
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser (selector.go)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Error,
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
}

/// `string2token`.
fn string_to_token(s: &[u8]) -> Option<Token> {
    Some(match s {
        b")" => Token::ClosedPar,
        b"," => Token::Comma,
        b"!" => Token::DoesNotExist,
        b"==" => Token::DoubleEquals,
        b"=" => Token::Equals,
        b">" => Token::GreaterThan,
        b"in" => Token::In,
        b"<" => Token::LessThan,
        b"!=" => Token::NotEquals,
        b"notin" => Token::NotIn,
        b"(" => Token::OpenPar,
        _ => return None,
    })
}

fn is_whitespace(ch: u8) -> bool {
    matches!(ch, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_special_symbol(ch: u8) -> bool {
    matches!(ch, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

/// `labels.Lexer`: works on bytes; a NUL byte reads like the end of the input (Go's `read`
/// returns 0 for both).
struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Lexer<'_> {
    fn read(&mut self) -> u8 {
        match self.s.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => 0,
        }
    }

    fn unread(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }

    fn text(&self, bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    fn scan_id_or_keyword(&mut self) -> (Token, String) {
        let start = self.pos;
        let mut end = start;
        loop {
            let ch = self.read();
            if ch == 0 {
                break;
            }
            if is_special_symbol(ch) || is_whitespace(ch) {
                self.unread();
                break;
            }
            end = self.pos;
        }
        let buf = self.s.get(start..end).unwrap_or_default();
        match string_to_token(buf) {
            Some(tok) => (tok, self.text(buf)),
            None => (Token::Identifier, self.text(buf)),
        }
    }

    fn scan_special_symbol(&mut self) -> (Token, String) {
        let mut buffer: Vec<u8> = Vec::new();
        let mut last: Option<(Token, String)> = None;
        loop {
            let ch = self.read();
            if ch == 0 {
                break;
            }
            if is_special_symbol(ch) {
                buffer.push(ch);
                if let Some(tok) = string_to_token(&buffer) {
                    last = Some((tok, self.text(&buffer)));
                } else if last.is_some() {
                    self.unread();
                    break;
                }
            } else {
                self.unread();
                break;
            }
        }
        match last {
            Some(item) => item,
            None => (
                Token::Error,
                format!("error expected: keyword found '{}'", self.text(&buffer)),
            ),
        }
    }

    fn skip_white_spaces(&mut self, mut ch: u8) -> u8 {
        while is_whitespace(ch) {
            ch = self.read();
        }
        ch
    }

    fn lex(&mut self) -> (Token, String) {
        let first = self.read();
        let ch = self.skip_white_spaces(first);
        if ch == 0 {
            (Token::EndOfString, String::new())
        } else if is_special_symbol(ch) {
            self.unread();
            self.scan_special_symbol()
        } else {
            self.unread();
            self.scan_id_or_keyword()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    KeyAndOperator,
    Values,
}

struct Parser {
    items: Vec<(Token, String)>,
    position: usize,
}

impl Parser {
    /// `Parser.scan`: tokenise everything up front, up to the first end-of-string token.
    fn new(input: &str) -> Parser {
        let mut lexer = Lexer {
            s: input.as_bytes(),
            pos: 0,
        };
        let mut items = Vec::new();
        loop {
            let (tok, lit) = lexer.lex();
            items.push((tok, lit));
            if tok == Token::EndOfString {
                break;
            }
        }
        Parser { items, position: 0 }
    }

    fn item(&self, i: usize, ctx: Context) -> (Token, String) {
        let (tok, lit) = self
            .items
            .get(i)
            .cloned()
            .unwrap_or((Token::EndOfString, String::new()));
        let tok = match (ctx, tok) {
            (Context::Values, Token::In | Token::NotIn) => Token::Identifier,
            _ => tok,
        };
        (tok, lit)
    }

    fn lookahead(&self, ctx: Context) -> (Token, String) {
        self.item(self.position, ctx)
    }

    fn consume(&mut self, ctx: Context) -> (Token, String) {
        let it = self.item(self.position, ctx);
        self.position += 1;
        it
    }

    fn parse(&mut self) -> Result<Vec<Requirement>, String> {
        let mut reqs = Vec::new();
        loop {
            let (tok, lit) = self.lookahead(Context::Values);
            match tok {
                Token::Identifier | Token::DoesNotExist => {
                    let r = self
                        .parse_requirement()
                        .map_err(|e| format!("unable to parse requirement: {e}"))?;
                    reqs.push(r);
                    let (t, l) = self.consume(Context::Values);
                    match t {
                        Token::EndOfString => return Ok(reqs),
                        Token::Comma => {
                            let (t2, l2) = self.lookahead(Context::Values);
                            if t2 != Token::Identifier && t2 != Token::DoesNotExist {
                                return Err(format!(
                                    "found '{l2}', expected: identifier after ','"
                                ));
                            }
                        }
                        _ => return Err(format!("found '{l}', expected: ',' or 'end of string'")),
                    }
                }
                Token::EndOfString => return Ok(reqs),
                _ => {
                    return Err(format!(
                        "found '{lit}', expected: !, identifier, or 'end of string'"
                    ))
                }
            }
        }
    }

    fn parse_requirement(&mut self) -> Result<Requirement, String> {
        let (key, inferred) = self.parse_key_and_infer_operator()?;
        if let Some(op @ (Operator::Exists | Operator::DoesNotExist)) = inferred {
            return Requirement::new(&key, op, Vec::new());
        }
        let operator = self.parse_operator()?;
        let values = match operator {
            Operator::In | Operator::NotIn => self.parse_values()?,
            _ => self.parse_exact_value()?,
        };
        Requirement::new(&key, operator, values.into_iter().collect())
    }

    /// `parseKeyAndInferOperator`: returns the key and `Some(Exists/DoesNotExist)` when the
    /// requirement ends after the key.
    fn parse_key_and_infer_operator(&mut self) -> Result<(String, Option<Operator>), String> {
        let mut operator = None;
        let (mut tok, mut lit) = self.consume(Context::Values);
        if tok == Token::DoesNotExist {
            operator = Some(Operator::DoesNotExist);
            (tok, lit) = self.consume(Context::Values);
        }
        if tok != Token::Identifier {
            return Err(format!("found '{lit}', expected: identifier"));
        }
        if let Some(e) = validate_label_key(&lit, &path_string(None)) {
            return Err(e.to_string());
        }
        let (t, _) = self.lookahead(Context::Values);
        if (t == Token::EndOfString || t == Token::Comma) && operator.is_none() {
            operator = Some(Operator::Exists);
        }
        Ok((lit, operator))
    }

    fn parse_operator(&mut self) -> Result<Operator, String> {
        let (tok, lit) = self.consume(Context::KeyAndOperator);
        Ok(match tok {
            Token::In => Operator::In,
            Token::Equals => Operator::Equals,
            Token::DoubleEquals => Operator::DoubleEquals,
            Token::GreaterThan => Operator::GreaterThan,
            Token::LessThan => Operator::LessThan,
            Token::NotIn => Operator::NotIn,
            Token::NotEquals => Operator::NotEquals,
            _ => {
                return Err(format!(
                    "found '{lit}', expected: {}",
                    BINARY_OPERATORS.join(", ")
                ))
            }
        })
    }

    fn parse_values(&mut self) -> Result<BTreeSet<String>, String> {
        let (tok, lit) = self.consume(Context::Values);
        if tok != Token::OpenPar {
            return Err(format!("found '{lit}' expected: '('"));
        }
        let (tok, lit) = self.lookahead(Context::Values);
        match tok {
            Token::Identifier | Token::Comma => {
                let s = self.parse_identifiers_list()?;
                let (t, _) = self.consume(Context::Values);
                if t != Token::ClosedPar {
                    return Err(format!("found '{lit}', expected: ')'"));
                }
                Ok(s)
            }
            Token::ClosedPar => {
                self.consume(Context::Values);
                Ok(BTreeSet::from([String::new()]))
            }
            _ => Err(format!("found '{lit}', expected: ',', ')' or identifier")),
        }
    }

    fn parse_identifiers_list(&mut self) -> Result<BTreeSet<String>, String> {
        let mut s = BTreeSet::new();
        loop {
            let (tok, lit) = self.consume(Context::Values);
            match tok {
                Token::Identifier => {
                    s.insert(lit);
                    let (tok2, lit2) = self.lookahead(Context::Values);
                    match tok2 {
                        Token::Comma => continue,
                        Token::ClosedPar => return Ok(s),
                        _ => return Err(format!("found '{lit2}', expected: ',' or ')'")),
                    }
                }
                Token::Comma => {
                    if s.is_empty() {
                        s.insert(String::new());
                    }
                    let (tok2, _) = self.lookahead(Context::Values);
                    if tok2 == Token::ClosedPar {
                        s.insert(String::new());
                        return Ok(s);
                    }
                    if tok2 == Token::Comma {
                        self.consume(Context::Values);
                        s.insert(String::new());
                    }
                }
                _ => return Err(format!("found '{lit}', expected: ',', or identifier")),
            }
        }
    }

    fn parse_exact_value(&mut self) -> Result<BTreeSet<String>, String> {
        let (tok, _) = self.lookahead(Context::Values);
        if tok == Token::EndOfString || tok == Token::Comma {
            return Ok(BTreeSet::from([String::new()]));
        }
        let (tok, lit) = self.consume(Context::Values);
        if tok == Token::Identifier {
            return Ok(BTreeSet::from([lit]));
        }
        Err(format!("found '{lit}', expected: identifier"))
    }
}

impl crate::api::LabelSelector {
    /// The `matchExpressions` as `(key, operator, values)`.
    pub fn expressions(&self) -> Vec<(String, String, Vec<String>)> {
        self.match_expressions.iter().map(|e| (e.key.clone(), e.operator.clone(), e.values.clone())).collect()
    }

    /// `metav1.LabelSelectorAsSelector`.
    pub fn as_selector(&self) -> Result<Selector, String> {
        label_selector_as_selector(&self.match_labels, &self.expressions())
    }

    /// `metav1.FormatLabelSelector`: `app=web,tier in (a,b)`, `<none>` when empty.
    pub fn format(&self) -> String {
        format_label_selector(&self.match_labels, &self.expressions())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const QNAME_RE: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    #[test]
    fn parse_and_print_table() {
        // input → canonical String()
        let cases = [
            ("", ""),
            ("   ", ""),
            ("a=b", "a=b"),
            ("a==b", "a==b"),
            ("a!=b", "a!=b"),
            ("a=b,c!=d", "a=b,c!=d"),
            ("c!=d,a=b", "a=b,c!=d"),
            ("env in (prod, qa)", "env in (prod,qa)"),
            ("env in (qa,prod)", "env in (prod,qa)"),
            ("env in (qa,qa,prod)", "env in (prod,qa)"),
            ("tier notin (x)", "tier notin (x)"),
            ("!env", "!env"),
            ("! env", "!env"),
            ("env", "env"),
            ("  env  ,  !tier ", "env,!tier"),
            (
                "x in (foo,,baz),y,z notin ()",
                "x in (,baz,foo),y,z notin ()",
            ),
            ("a in (,b)", "a in (,b)"),
            ("a in (b,)", "a in (,b)"),
            ("a=", "a="),
            ("a=,b=c", "a=,b=c"),
            ("a>1", "a>1"),
            ("a<5", "a<5"),
            ("in", "in"),
            ("notin=in", "notin=in"),
            ("a in (in,notin)", "a in (in,notin)"),
            ("a\tin\t(b)", "a in (b)"),
            ("app.kubernetes.io/name=web", "app.kubernetes.io/name=web"),
            ("b=1,a=2,c", "a=2,b=1,c"),
            ("a=b\u{0}", "a=b"),
            ("a=b \u{0}c", "a=b"),
        ];
        for (input, want) in cases {
            let sel = Selector::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(sel.to_string(), want, "input {input:?}");
        }
        assert!(Selector::parse("").unwrap().is_empty());
        assert!(!Selector::parse("a").unwrap().is_empty());
    }

    #[test]
    fn parse_error_table() {
        let cases = [
            ("a in (", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
            ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
            ("a in b", "unable to parse requirement: found 'b' expected: '('"),
            ("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'"),
            ("a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
            ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
            ("a=b c", "found 'c', expected: ',' or 'end of string'"),
            ("a=b,", "found '', expected: identifier after ','"),
            ("a=b,,c", "found ',', expected: identifier after ','"),
            ("a=b,=c", "found '=', expected: identifier after ','"),
            ("((", "found '(', expected: !, identifier, or 'end of string'"),
            (",", "found ',', expected: !, identifier, or 'end of string'"),
            ("=a", "found '=', expected: !, identifier, or 'end of string'"),
            ("!", "unable to parse requirement: found '', expected: identifier"),
            ("!=a", "found '!=', expected: !, identifier, or 'end of string'"),
            ("a!==b", "unable to parse requirement: found '=', expected: identifier"),
            ("a=(b)", "unable to parse requirement: found '(', expected: identifier"),
            ("!a=b", "found '=', expected: ',' or 'end of string'"),
            ("a=b\u{0}c", "found 'c', expected: ',' or 'end of string'"),
            ("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"),
            ("a<-5", "unable to parse requirement: values[0][a]: Invalid value: \"-5\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            ("a>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ];
        for (input, want) in cases {
            assert_eq!(Selector::parse(input).unwrap_err(), want, "input {input:?}");
        }
        // Key validation: path is a nil *field.Path, printed `<nil>`.
        assert_eq!(
            Selector::parse("a_=b").unwrap_err(),
            format!(
                "unable to parse requirement: <nil>: Invalid value: \"a_\": name part {QNAME_RE}"
            )
        );
        assert_eq!(
            Selector::parse("a/b/c=d").unwrap_err(),
            format!("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name {QNAME_RE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
        );
        // Several key problems are joined with "; ".
        assert_eq!(
            Selector::parse("/=b").unwrap_err(),
            format!("unable to parse requirement: <nil>: Invalid value: \"/\": prefix part must be non-empty; name part must be non-empty; name part {QNAME_RE}")
        );
        // Value validation: values[i][key].
        assert_eq!(
            Selector::parse("app=a$b").unwrap_err(),
            format!("unable to parse requirement: values[0][app]: Invalid value: \"a$b\": {LABEL_VALUE_MSG}")
        );
        // Several bad values: an aggregate in brackets (values sorted by the set).
        assert_eq!(
            Selector::parse("app in (b$,a$)").unwrap_err(),
            format!("unable to parse requirement: [values[0][app]: Invalid value: \"a$\": {LABEL_VALUE_MSG}, values[1][app]: Invalid value: \"b$\": {LABEL_VALUE_MSG}]")
        );
        // gt with a value that is both non-integer and an invalid label value.
        assert_eq!(
            Selector::parse("a>$").unwrap_err(),
            format!("unable to parse requirement: [values[0]: Invalid value: \"$\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: \"$\": {LABEL_VALUE_MSG}]")
        );
    }

    #[test]
    fn matches_table() {
        let l = labels(&[("app", "web"), ("tier", "fe"), ("n", "5")]);
        let cases = [
            ("", true),
            ("app=web", true),
            ("app==web", true),
            ("app=db", false),
            ("app!=db", true),
            ("app!=web", false),
            ("missing!=x", true),
            ("app in (web,db)", true),
            ("app in (db)", false),
            ("missing in (x)", false),
            ("app notin (db)", true),
            ("app notin (web)", false),
            ("missing notin (x)", true),
            ("app", true),
            ("missing", false),
            ("!missing", true),
            ("!app", false),
            ("n>4", true),
            ("n>5", false),
            ("n<6", true),
            ("app>1", false),
            ("missing<1", false),
            ("app=web,tier=fe", true),
            ("app=web,tier=be", false),
            ("missing=", false),
        ];
        for (sel, want) in cases {
            assert_eq!(
                Selector::parse(sel).unwrap().matches(&l),
                want,
                "selector {sel:?}"
            );
        }
        assert!(!Selector::nothing().matches(&l));
        assert!(!Selector::nothing().matches(&BTreeMap::new()));
        assert!(Selector::everything().matches(&BTreeMap::new()));
        assert!(Selector::parse("a=")
            .unwrap()
            .matches(&labels(&[("a", "")])));
    }

    #[test]
    fn everything_nothing_and_sets() {
        assert_eq!(Selector::everything().to_string(), "");
        assert_eq!(Selector::nothing().to_string(), "");
        assert!(Selector::everything().is_empty());
        assert!(!Selector::nothing().is_empty());
        assert!(Selector::nothing().matches_nothing());
        let set = labels(&[("tier", "fe"), ("app", "web")]);
        let s = Selector::from_set(&set);
        assert_eq!(s.to_string(), "app=web,tier=fe");
        assert!(s.matches(&set));
        assert!(Selector::from_set(&BTreeMap::new()).is_empty());
        let added = Selector::parse("z").unwrap().add([Requirement::new(
            "a",
            Operator::In,
            vec!["y".into(), "x".into()],
        )
        .unwrap()]);
        assert_eq!(added.to_string(), "a in (x,y),z");
        assert_eq!(
            added.requirements()[0].values(),
            ["y".to_string(), "x".to_string()]
        );
        assert_eq!(added.requirements()[0].operator().as_str(), "in");
        assert!(Selector::nothing().add([]).matches_nothing());
        let parsed: Selector = "a=b".parse().unwrap();
        assert_eq!(parsed.requirements()[0].key(), "a");
    }

    #[test]
    fn new_requirement_errors() {
        let e = |k: &str, op, v: &[&str]| {
            Requirement::new(k, op, v.iter().map(|s| s.to_string()).collect()).unwrap_err()
        };
        assert_eq!(
            e("a", Operator::In, &[]),
            "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"
        );
        assert_eq!(
            e("a", Operator::Equals, &["x", "y"]),
            "values: Invalid value: []string{\"x\", \"y\"}: exact-match compatibility requires one single value"
        );
        assert_eq!(
            e("a", Operator::Exists, &["x"]),
            "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist"
        );
        assert_eq!(
            e("a", Operator::GreaterThan, &["1", "2"]),
            "values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is required"
        );
        assert_eq!(
            e("-a", Operator::Exists, &[]),
            format!("key: Invalid value: \"-a\": name part {QNAME_RE}")
        );
        assert_eq!(
            e("-a", Operator::Equals, &["$"]),
            format!("[key: Invalid value: \"-a\": name part {QNAME_RE}, values[0][-a]: Invalid value: \"$\": {LABEL_VALUE_MSG}]")
        );
    }

    #[test]
    fn label_selector_conversion() {
        let ml = labels(&[("app", "web")]);
        let ex = |k: &str, op: &str, v: &[&str]| {
            (
                k.to_string(),
                op.to_string(),
                v.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        let sel = label_selector_as_selector(&ml, &[ex("tier", "In", &["b", "a"])]).unwrap();
        assert_eq!(sel.to_string(), "app=web,tier in (a,b)");
        assert!(sel.matches(&labels(&[("app", "web"), ("tier", "a")])));
        assert!(!sel.matches(&labels(&[("app", "web"), ("tier", "c")])));

        let sel = label_selector_as_selector(
            &BTreeMap::new(),
            &[
                ex("b", "Exists", &[]),
                ex("a", "DoesNotExist", &[]),
                ex("c", "NotIn", &["x"]),
            ],
        )
        .unwrap();
        assert_eq!(sel.to_string(), "!a,b,c notin (x)");

        assert!(label_selector_as_selector(&BTreeMap::new(), &[])
            .unwrap()
            .is_empty());

        let cases = [
            (ex("a", "Foo", &[]), "\"Foo\" is not a valid pod selector operator"),
            (ex("a", "in", &["x"]), "\"in\" is not a valid pod selector operator"),
            (
                ex("a", "In", &[]),
                "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
            ),
            (
                ex("a", "NotIn", &[]),
                "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
            ),
            (
                ex("a", "Exists", &["x"]),
                "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist",
            ),
        ];
        for (expr, want) in cases {
            assert_eq!(
                label_selector_as_selector(&BTreeMap::new(), std::slice::from_ref(&expr))
                    .unwrap_err(),
                want,
                "expr {expr:?}"
            );
        }
        assert_eq!(
            label_selector_as_selector(&labels(&[("app", "a b")]), &[]).unwrap_err(),
            format!("values[0][app]: Invalid value: \"a b\": {LABEL_VALUE_MSG}")
        );
    }

    #[test]
    fn format_label_selector_table() {
        let ex = |k: &str, op: &str, v: &[&str]| {
            (
                k.to_string(),
                op.to_string(),
                v.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            )
        };
        assert_eq!(format_label_selector(&BTreeMap::new(), &[]), "<none>");
        assert_eq!(
            format_label_selector(&labels(&[("app", "web")]), &[]),
            "app=web"
        );
        assert_eq!(
            format_label_selector(&labels(&[("app", "web")]), &[ex("tier", "In", &["b", "a"])]),
            "app=web,tier in (a,b)"
        );
        assert_eq!(
            format_label_selector(&BTreeMap::new(), &[ex("a", "Bogus", &[])]),
            "<error>"
        );
    }

    #[test]
    fn list_selector_error_text() {
        assert_eq!(
            list_selector_error("/v1, Resource=pods", "a in (", "", &Selector::parse("a in (").unwrap_err()),
            "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"a in (\", field selector \"\": unable to parse requirement: found '', expected: ',', ')' or identifier"
        );
    }

    #[test]
    fn no_panics_on_odd_input() {
        let odd = [
            "",
            "-",
            "((",
            "))",
            "a in (",
            "a in ((",
            "a in )",
            "!",
            "!!",
            "!!a",
            "a!",
            "a=",
            "a==",
            "a===",
            "a!==",
            "=",
            "==",
            "<",
            ">",
            "<>",
            "a<>b",
            "a in (,",
            "a in (,,",
            "a in (,,)",
            ",,,",
            "a,",
            "a,,",
            "é",
            "é=ü",
            "a=é",
            "\u{0}",
            "a\u{0}",
            "=\u{0}a",
            "(\u{0})",
            "1e999999",
            "9999999999999999999999Ei",
            "a in (b)) ",
            "notin",
            "in in (in)",
            "a notin",
            "a in",
            "a b c d",
            "\t\n\r",
            "a=b=c",
            "a>99999999999999999999",
        ];
        for s in odd {
            if let Ok(sel) = Selector::parse(s) {
                let printed = sel.to_string();
                let _ = sel.matches(&labels(&[("a", "1")]));
                // Printing is canonical: re-parsing the print gives the same print.
                if let Ok(again) = Selector::parse(&printed) {
                    assert_eq!(again.to_string(), printed, "input {s:?}");
                }
            }
        }
    }
}

