//! `kubectl get -o custom-columns=NAME:.metadata.name,STATUS:.status.phase`, as kubectl 1.31's
//! `CustomColumnsPrinter` prints it.
//!
//! # Public API
//!
//! * [`parse`]`(spec)` → [`CustomColumns`] (`NewCustomColumnsPrinterFromSpec`), with kubectl's
//!   errors `custom-columns format specified but no custom columns given`, `unexpected
//!   custom-columns spec: X, expected <header>:<json-path-expr>` and the
//!   [`relaxed_jsonpath_expression`] error.
//! * [`CustomColumns::print`]`(objects, no_headers)`: the table for the objects of a list
//!   (`PrintObj`); a column's JSONPath parse error (e.g. `unterminated array`) is returned here,
//!   as kubectl reports it when printing.
//! * [`relaxed_jsonpath_expression`]: `metadata.name`, `.metadata.name`, `{metadata.name}` →
//!   `{.metadata.name}` (shared with `--sort-by`, see [`crate::sort`]).
//!
//! # Sources (read, not copied)
//!
//! kubectl `pkg/cmd/get/customcolumn.go` (`RelaxedJSONPathExpression` and its regexp
//! `^\{\.?([^{}]+)\}$|^\.?([^{}]+)$`, `NewCustomColumnsPrinterFromSpec`, `PrintObj`,
//! `printOneObject`: one JSONPath per column with missing keys allowed, `<none>` when the first
//! result list is empty, every value `fmt.Sprint`ed — maps as `map[k:v]`, not JSON — passed
//! through `printers.EscapeTerminal` and joined with `,`); cli-runtime `printers/terminal.go`
//! (`EscapeTerminal`: ESC → `^[`, CR → `\r`); `printers.GetNewTabWriter` (minwidth 6, padding 3,
//! space padding, `RememberWidths`) and github.com/liggitt/tabwriter (the tabwriter fork kubectl
//! uses).
//!
//! # The tab writer
//!
//! The rows are written to a Go tabwriter as `cell\tcell\n` text, so a value that contains a
//! newline or a tab changes the table's shape (a multi-line annotation starts a new line with one
//! cell, which ends the column blocks and flushes). [`crate::printers::tabwrite`] lays out
//! uniform rows only, so this module runs the fork's algorithm on the text itself (column blocks
//! of contiguous lines, flush after a one-cell line, widths remembered per column across
//! blocks); for uniform rows both give the same bytes (a test checks it), and on 20,000 random
//! inputs (tabs, vertical tabs, newlines, form feeds, non-ASCII) it matched the fork's output.

use serde_json::Value;

use crate::jsonpath::{self, JsonPath, Val};

/// Parsed `-o custom-columns=…` columns.
#[derive(Clone, Debug)]
pub struct CustomColumns {
    columns: Vec<Column>,
}

#[derive(Clone, Debug)]
struct Column {
    header: String,
    /// The relaxed JSONPath, parsed; kubectl parses it when printing, so its error waits.
    path: Result<JsonPath, String>,
}

/// `NewCustomColumnsPrinterFromSpec`: `HEADER:path,HEADER:path`.
pub fn parse(spec: &str) -> Result<CustomColumns, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".to_string());
    }
    let mut columns = Vec::new();
    for (ix, part) in spec.split(',').enumerate() {
        let Some((header, field)) = part.split_once(':') else {
            return Err(format!(
                "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
            ));
        };
        let field = relaxed_jsonpath_expression(field)?;
        let path = jsonpath::parse(&format!("column{ix}"), &field).map(|p| p.allow_missing_keys(true));
        columns.push(Column {
            header: header.to_string(),
            path,
        });
    }
    Ok(CustomColumns { columns })
}

impl CustomColumns {
    /// The column headers, in order.
    pub fn headers(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.header.as_str()).collect()
    }

    /// `PrintObj` for the items of a list: the header line (unless `no_headers`), then one line
    /// per object, laid out by the tab writer.
    pub fn print(&self, objects: &[Value], no_headers: bool) -> Result<String, String> {
        let mut text = String::new();
        if !no_headers {
            text.push_str(&self.headers().join("\t"));
            text.push('\n');
        }
        let mut paths = Vec::with_capacity(self.columns.len());
        for c in &self.columns {
            paths.push(c.path.as_ref().map_err(Clone::clone)?);
        }
        for obj in objects {
            let mut cells = Vec::with_capacity(paths.len());
            for path in &paths {
                let values = path.find_values(obj)?;
                let mut strings = Vec::new();
                if values.first().is_none_or(|v| v.is_empty()) {
                    strings.push("<none>".to_string());
                }
                for v in values.iter().flatten() {
                    strings.push(escape_terminal(&go_sprint(*v)));
                }
                cells.push(strings.join(","));
            }
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        Ok(go_tabwriter(&text))
    }
}

/// kubectl's `RelaxedJSONPathExpression`: `metadata.name`, `.metadata.name`, `{metadata.name}`
/// and `{.metadata.name}` all become `{.metadata.name}`; the empty string stays empty.
pub fn relaxed_jsonpath_expression(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Ok(String::new());
    }
    // `\.?([^{}]+)`: an optional leading dot, kept when nothing would follow it.
    let field = |s: &str| -> Option<String> {
        let body = match s.strip_prefix('.') {
            Some(rest) if !rest.is_empty() => rest,
            _ => s,
        };
        (!body.is_empty() && !body.contains(['{', '}'])).then(|| body.to_string())
    };
    let braced = path.strip_prefix('{').and_then(|p| p.strip_suffix('}')).and_then(field);
    match braced.or_else(|| field(path)) {
        Some(body) => Ok(format!("{{.{body}}}")),
        None => Err(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
                .to_string(),
        ),
    }
}

/// `fmt.Sprint(value.Interface())`.
fn go_sprint(v: Val<'_>) -> String {
    match v {
        Val::Invalid => "<nil>".to_string(),
        other => other.to_text(),
    }
}

/// cli-runtime `EscapeTerminal`.
fn escape_terminal(s: &str) -> String {
    s.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// A cell of the tab writer.
struct Cell<'a> {
    text: &'a str,
}

/// kubectl's tab writer (`printers.GetNewTabWriter`: liggitt/tabwriter with minwidth 6,
/// tabwidth 4, padding 3, padchar ' ', flags `RememberWidths`) over a whole text.
///
/// Cells end at `\t` or `\v`, lines at `\n` or `\f` (written as `\n`). A cell that is followed
/// by another cell on its line belongs to a column; a column block is a run of contiguous lines
/// that have a cell in that column, and its width is the widest cell + padding (at least
/// minwidth), raised to the widest block of the same column seen before (`RememberWidths`). A
/// line with a single cell, or a `\f`, flushes: later lines start new blocks.
fn go_tabwriter(text: &str) -> String {
    const MIN_WIDTH: usize = 6;
    const PADDING: usize = 3;

    // Split into lines of cells, and flush segments.
    let mut lines: Vec<Vec<Cell<'_>>> = vec![Vec::new()];
    let mut segments: Vec<usize> = Vec::new(); // indexes of the first line after each flush
    let mut cell_start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, '\t' | '\u{b}' | '\n' | '\u{c}') {
            let line = lines.last_mut().expect("a current line");
            line.push(Cell {
                text: &text[cell_start..i],
            });
            cell_start = i + ch.len_utf8();
            if ch == '\n' || ch == '\u{c}' {
                let ncells = line.len();
                lines.push(Vec::new());
                if ch == '\u{c}' || ncells == 1 {
                    segments.push(lines.len() - 1);
                }
            }
        }
    }
    let trailing = &text[cell_start..];
    if !trailing.is_empty() {
        lines.last_mut().expect("a current line").push(Cell { text: trailing });
    }

    // Widths per (line, column), block by block, segment by segment.
    let mut widths: Vec<Vec<usize>> = lines.iter().map(|l| vec![0; l.len().saturating_sub(1)]).collect();
    let mut remembered: Vec<usize> = Vec::new();
    let mut bounds = vec![0];
    bounds.extend(segments.iter().copied());
    bounds.push(lines.len());
    for seg in bounds.windows(2) {
        let (first, end) = (seg[0], seg[1]);
        // lines of this segment that still have a cell in the current column
        let mut active: Vec<usize> = (first..end).filter(|&l| lines[l].len() > 1).collect();
        let mut column = 0;
        while !active.is_empty() {
            if remembered.len() == column {
                remembered.push(0);
            }
            let mut k = 0;
            while k < active.len() {
                // a block: contiguous line numbers
                let mut e = k + 1;
                while e < active.len() && active[e] == active[e - 1] + 1 {
                    e += 1;
                }
                let mut width = MIN_WIDTH;
                for &l in &active[k..e] {
                    width = width.max(lines[l][column].text.chars().count() + PADDING);
                }
                width = width.max(remembered[column]);
                remembered[column] = width;
                for &l in &active[k..e] {
                    widths[l][column] = width;
                }
                k = e;
            }
            column += 1;
            active.retain(|&l| lines[l].len() - 1 > column);
        }
    }

    let mut out = String::with_capacity(text.len() * 2);
    let last = lines.len() - 1;
    for (n, line) in lines.iter().enumerate() {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell.text);
            if let Some(&w) = widths[n].get(j) {
                let pad = w.saturating_sub(cell.text.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        if n != last {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pods() -> Vec<Value> {
        vec![
            json!({
              "apiVersion": "v1", "kind": "Pod",
              "metadata": {"name": "web-7d4b9c8f6-x2x9q", "namespace": "default",
                           "labels": {"app": "web", "tier": "frontend"},
                           "annotations": {"note": "line one\nline two"}},
              "spec": {"nodeName": "node-1", "containers": [
                  {"name": "nginx", "image": "nginx:1.25", "resources": {"requests": {"cpu": "250m"}}},
                  {"name": "sidecar", "image": "busybox:1.36"}]},
              "status": {"phase": "Running", "containerStatuses": [
                  {"name": "nginx", "restartCount": 3}, {"name": "sidecar", "restartCount": 0}]}
            }),
            json!({
              "apiVersion": "v1", "kind": "Pod",
              "metadata": {"name": "db-0", "namespace": "default", "labels": {"app": "db"}},
              "spec": {"containers": [{"name": "postgres", "image": "postgres:16"}]},
              "status": {"phase": "Pending", "containerStatuses": [{"name": "postgres", "restartCount": 0}]}
            }),
        ]
    }

    fn print(spec: &str, objs: &[Value]) -> Result<String, String> {
        parse(spec)?.print(objs, false)
    }

    #[test]
    fn name_and_status() {
        assert_eq!(
            print("NAME:.metadata.name,STATUS:.status.phase", &pods()).unwrap(),
            "NAME                  STATUS\nweb-7d4b9c8f6-x2x9q   Running\ndb-0                  Pending\n"
        );
        assert_eq!(
            parse("NAME:.metadata.name,STATUS:.status.phase")
                .unwrap()
                .print(&pods(), true)
                .unwrap(),
            "web-7d4b9c8f6-x2x9q   Running\ndb-0                  Pending\n"
        );
    }

    /// `cell` padded to `width` characters (a column cell of the tab writer).
    fn pad(cell: &str, width: usize) -> String {
        format!("{cell}{}", " ".repeat(width - cell.chars().count()))
    }

    #[test]
    fn several_values_none_and_go_formatting() {
        let out = print(
            "NAME:metadata.name,IMAGES:.spec.containers[*].image,NODE:{.spec.nodeName},RESTARTS:{.status.containerStatuses[*].restartCount},LABELS:.metadata.labels",
            &pods(),
        )
        .unwrap();
        // widths: widest cell + 3, at least 6: 19+3, 23+3, 6+3, 8+3
        let (w0, w1, w2, w3) = (22, 26, 9, 11);
        let expected = [
            pad("NAME", w0) + &pad("IMAGES", w1) + &pad("NODE", w2) + &pad("RESTARTS", w3) + "LABELS",
            pad("web-7d4b9c8f6-x2x9q", w0)
                + &pad("nginx:1.25,busybox:1.36", w1)
                + &pad("node-1", w2)
                + &pad("3,0", w3)
                + "map[app:web tier:frontend]",
            pad("db-0", w0) + &pad("postgres:16", w1) + &pad("<none>", w2) + &pad("0", w3) + "map[app:db]",
        ];
        assert_eq!(out, expected.map(|l| l + "\n").concat());

        let out = print("C:.spec.containers[0].resources,N:.spec.containers[0].name", &pods()).unwrap();
        let expected = [
            pad("C", 30) + "N",
            pad("map[requests:map[cpu:250m]]", 30) + "nginx",
            pad("<none>", 30) + "postgres",
        ];
        assert_eq!(out, expected.map(|l| l + "\n").concat());
    }

    #[test]
    fn empty_spec_column_and_no_objects() {
        assert_eq!(print("NAME:", &pods()).unwrap(), "NAME\n<none>\n<none>\n");
        assert_eq!(print("NAME:.metadata.name", &[]).unwrap(), "NAME\n");
        assert_eq!(parse("NAME:.metadata.name").unwrap().print(&[], true).unwrap(), "");
        assert_eq!(parse("A:.a,B:.b").unwrap().headers(), vec!["A", "B"]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse("").unwrap_err(),
            "custom-columns format specified but no custom columns given"
        );
        assert_eq!(
            parse("NAME:.metadata.name,STATUS").unwrap_err(),
            "unexpected custom-columns spec: STATUS, expected <header>:<json-path-expr>"
        );
        assert_eq!(
            parse("NAME:{.a}{.b}").unwrap_err(),
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
        );
        // A JSONPath error surfaces when printing, as in kubectl.
        let cc = parse("NAME:.a[").unwrap();
        assert_eq!(cc.print(&pods(), false).unwrap_err(), "unterminated array");
        assert_eq!(cc.print(&[], false).unwrap_err(), "unterminated array");
        assert_eq!(
            print("X:.spec.containers[5]", &pods()).unwrap_err(),
            "array index out of bounds: index 5, length 2"
        );
    }

    #[test]
    fn relaxed_expressions() {
        let r = |s: &str| relaxed_jsonpath_expression(s);
        assert_eq!(r("metadata.name").unwrap(), "{.metadata.name}");
        assert_eq!(r(".metadata.name").unwrap(), "{.metadata.name}");
        assert_eq!(r("{metadata.name}").unwrap(), "{.metadata.name}");
        assert_eq!(r("{.metadata.name}").unwrap(), "{.metadata.name}");
        assert_eq!(r("..name").unwrap(), "{..name}");
        assert_eq!(r(".").unwrap(), "{..}");
        assert_eq!(r("{.}").unwrap(), "{..}");
        assert_eq!(r("").unwrap(), "");
        assert!(r("{}").is_err());
        assert!(r("{.a").is_err());
        assert!(r("a}").is_err());
    }

    #[test]
    fn terminal_escapes_and_multiline_cells() {
        let objs = vec![json!({"metadata": {"name": "a\u{1b}[31mred\r"}})];
        assert_eq!(print("NAME:.metadata.name", &objs).unwrap(), "NAME\na^[[31mred\\r\n");
        // A newline inside a value breaks the line: the continuation has fewer cells, which
        // ends the column blocks it does not reach.
        let out = print(
            "NAME:.metadata.name,NOTE:.metadata.annotations.note,PHASE:.status.phase",
            &pods(),
        )
        .unwrap();
        let expected = [
            pad("NAME", 22) + &pad("NOTE", 7) + "PHASE",
            pad("web-7d4b9c8f6-x2x9q", 22) + "line one",
            pad("line two", 22) + "Running",
            // a new block of the NOTE column: its own width (9), not less than before (7)
            pad("db-0", 22) + &pad("<none>", 9) + "Pending",
        ];
        assert_eq!(out, expected.map(|l| l + "\n").concat());
        // A one-cell line flushes; later blocks keep the widths seen before (RememberWidths).
        let out = print("NAME:.metadata.name,NOTE:.metadata.annotations.note", &pods()).unwrap();
        let expected = [
            pad("NAME", 22) + "NOTE",
            pad("web-7d4b9c8f6-x2x9q", 22) + "line one",
            "line two".to_string(),
            pad("db-0", 22) + "<none>",
        ];
        assert_eq!(out, expected.map(|l| l + "\n").concat());
    }

    #[test]
    fn tabwriter_matches_printers_tabwrite_on_uniform_rows() {
        let rows: Vec<Vec<String>> = vec![
            vec!["NAME".into(), "READY".into(), "STATUS".into(), "AGE".into()],
            vec!["web-1".into(), "1/1".into(), "Running".into(), "5m".into()],
            vec!["a-much-longer-name".into(), "0/1".into(), "".into(), "10d".into()],
            vec!["x".into(), "".into(), "CrashLoopBackOff".into(), "".into()],
        ];
        let text: String = rows.iter().map(|r| format!("{}\n", r.join("\t"))).collect();
        assert_eq!(go_tabwriter(&text), crate::printers::tabwrite(&rows));
        assert_eq!(go_tabwriter(""), "");
        assert_eq!(go_tabwriter("a\tb"), "a     b");
    }

    #[test]
    fn tabwriter_column_blocks() {
        // liggitt/tabwriter's doc example: b and c are in distinct column blocks.
        let text = "aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n";
        assert_eq!(
            go_tabwriter(text),
            "aaaa   bbb   d\naa     b     dd\na      \naa     cccc   eee\n"
        );
    }

    #[test]
    fn garbage_never_panics() {
        let specs = [
            "NAME:.metadata.name,IMG:.spec.containers[*].image",
            "A:{.a[?(@.b==1)]},B:..name",
            "X:.a['b.c'],Y:.",
        ];
        for spec in specs {
            for (i, _) in spec.char_indices() {
                for cut in [&spec[..i], &spec[i..]] {
                    if let Ok(cc) = parse(cut) {
                        let _ = cc.print(&pods(), false);
                    }
                }
            }
        }
        for text in ["\t\t\n", "\u{c}a\tb\u{b}c\n\n\t", "é\tü\n\t\t\t\tx\n"] {
            let _ = go_tabwriter(text);
        }
    }
}
