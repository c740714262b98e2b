//! kubectl's table output: a Go `text/tabwriter` (minwidth 6, padding 3, space padding) over
//! the columns a resource's printer defines, plus the generic column options of `kubectl get`.

use std::collections::BTreeMap;

/// A column of a resource's table. `wide` columns appear only with `-o wide` (priority 1).
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub wide: bool,
}

pub const fn col(name: &'static str) -> Column {
    Column { name, wide: false }
}

pub const fn wide(name: &'static str) -> Column {
    Column { name, wide: true }
}

/// One object's row: its cells (one per column) and what the generic columns need.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub namespace: String,
    pub cells: Vec<String>,
    pub labels: BTreeMap<String, String>,
}

/// Options of `kubectl get` that shape any table.
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    pub wide: bool,
    pub no_headers: bool,
    pub show_labels: bool,
    /// `-L key1,key2`: one extra column per key.
    pub label_columns: Vec<String>,
    /// `-A`: a leading NAMESPACE column.
    pub with_namespace: bool,
}

/// Renders rows as kubectl does: headers, optional NAMESPACE, `-L` columns, then LABELS.
pub fn print_table(columns: &[Column], rows: &[Row], opts: &TableOptions) -> String {
    tabwrite(&table_lines(columns, rows, opts))
}

/// The cells of [`print_table`]'s lines, before the tab writer aligns them.
pub fn table_lines(columns: &[Column], rows: &[Row], opts: &TableOptions) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = Vec::with_capacity(rows.len() + 1);
    if !opts.no_headers {
        let mut h = Vec::new();
        if opts.with_namespace {
            h.push("NAMESPACE".to_string());
        }
        h.extend(columns.iter().filter(|c| opts.wide || !c.wide).map(|c| c.name.to_string()));
        h.extend(opts.label_columns.iter().map(|k| label_header(k)));
        if opts.show_labels {
            h.push("LABELS".into());
        }
        lines.push(h);
    }
    for r in rows {
        let mut l = Vec::new();
        if opts.with_namespace {
            l.push(r.namespace.clone());
        }
        l.extend(columns.iter().zip(&r.cells).filter(|(c, _)| opts.wide || !c.wide).map(|(_, v)| v.clone()));
        l.extend(opts.label_columns.iter().map(|k| r.labels.get(k).cloned().unwrap_or_default()));
        if opts.show_labels {
            l.push(format_labels(&r.labels));
        }
        lines.push(l);
    }
    lines
}

/// `-L app.kubernetes.io/name` → header `NAME`: the upper-cased last path segment.
fn label_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

/// `labels.FormatLabels`: `k=v,k=v` sorted by key, `<none>` when empty.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// Go's tabwriter with kubectl's settings: every cell but the last of a line is padded to its
/// column's width, which is the widest cell + 3, at least 6. Widths count characters.
pub fn tabwrite(lines: &[Vec<String>]) -> String {
    tabwrite_remembering(lines, &mut Vec::new())
}

/// [`tabwrite`] for output flushed piece by piece (`kubectl get -w`): kubectl's tabwriter
/// remembers the column widths of earlier flushes, and a column only ever grows.
pub fn tabwrite_remembering(lines: &[Vec<String>], remembered: &mut Vec<usize>) -> String {
    const MIN_WIDTH: usize = 6;
    const PADDING: usize = 3;
    let columns = lines.iter().map(|l| l.len().saturating_sub(1)).max().unwrap_or(0);
    if remembered.len() < columns {
        remembered.resize(columns, MIN_WIDTH);
    }
    let widths = remembered;
    for l in lines {
        for (i, cell) in l.iter().take(l.len().saturating_sub(1)).enumerate() {
            widths[i] = widths[i].max(cell.chars().count() + PADDING);
        }
    }
    let mut out = String::new();
    for l in lines {
        for (i, cell) in l.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < l.len() {
                let pad = widths[i] - cell.chars().count();
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_pads_to_widest_plus_three_with_a_minimum_of_six() {
        let lines = vec![
            vec!["NAME".into(), "A".into(), "AGE".into()],
            vec!["node-1".into(), "x".into(), "5m".into()],
        ];
        assert_eq!(tabwrite(&lines), "NAME     A     AGE\nnode-1   x     5m\n");
    }

    #[test]
    fn labels_namespace_and_label_columns() {
        let cols = [col("NAME"), wide("IP")];
        let rows = vec![Row {
            namespace: "default".into(),
            cells: vec!["web".into(), "10.0.0.1".into()],
            labels: [("app".to_string(), "web".to_string()), ("tier".to_string(), "fe".to_string())].into(),
        }];
        let opts = TableOptions {
            show_labels: true,
            with_namespace: true,
            label_columns: vec!["app.kubernetes.io/tier".into(), "app".into()],
            ..Default::default()
        };
        assert_eq!(
            print_table(&cols, &rows, &opts),
            "NAMESPACE   NAME   TIER   APP   LABELS\ndefault     web           web   app=web,tier=fe\n"
        );
        let opts = TableOptions { wide: true, no_headers: true, ..Default::default() };
        assert_eq!(print_table(&cols, &rows, &opts), "web   10.0.0.1\n");
    }
}
