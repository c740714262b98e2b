//! Go's `text/tabwriter` as `kubectl describe` configures it: `NewWriter(out, 0, 8, 2, ' ', 0)`
//! (minwidth 0, padding 2, padded with spaces, no flags). Unlike the `get` printer's writer
//! (`printers::tabwrite`), lines need not have the same number of cells: Go aligns *column
//! blocks* — runs of consecutive lines that have a tab-terminated cell in a column — and a
//! line without a tab ends every block. The text after a line's last tab is not a cell of any
//! column and never pads.
//!
//! Source (read, not copied): Go `text/tabwriter/tabwriter.go` (`format`, `writeLines`,
//! `writePadding`); cell widths count runes, as `utf8.RuneCount` does.

const MIN_WIDTH: usize = 0;
const PADDING: usize = 2;

/// Aligns `text` as a flushed Go tabwriter with describe's settings would.
pub fn format(text: &str) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut w = Writer { lines: &lines, widths: Vec::new(), out: String::with_capacity(text.len() * 2) };
    w.format(0, lines.len());
    w.out
}

struct Writer<'a> {
    lines: &'a [Vec<&'a str>],
    widths: Vec<usize>,
    out: String,
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

impl Writer<'_> {
    /// Formats lines `line0..line1` for the column `self.widths.len()`: each block of lines
    /// with a cell in this column gets the block's width, then the columns to its right.
    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            // A column block begins: print the lines before it with the widths known so far.
            self.write_lines(line0, this);
            line0 = this;
            let mut w = MIN_WIDTH;
            while this < line1 && column + 1 < self.lines[this].len() {
                w = w.max(width(self.lines[this][column]) + PADDING);
                this += 1;
            }
            self.widths.push(w);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            let line = &self.lines[i];
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if let Some(&w) = self.widths.get(j) {
                    self.out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell))));
                }
            }
            // The last line has no newline after it (it is what followed the text's last '\n').
            if i + 1 < self.lines.len() {
                self.out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn consecutive_tabbed_lines_share_a_width_and_untabbed_lines_end_the_block() {
        let text = "Name:\tweb\nNamespace:\tdefault\nContainers:\n  web:\n    Image:\tnginx\n";
        assert_eq!(format(text), "Name:       web\nNamespace:  default\nContainers:\n  web:\n    Image:  nginx\n");
    }

    #[test]
    fn the_text_after_the_last_tab_never_pads_and_an_empty_first_cell_aligns() {
        let text = "Labels:\ta=b\n\tc=d\nAnnotations:\t<none>\nIP:\t\n";
        assert_eq!(format(text), "Labels:       a=b\n              c=d\nAnnotations:  <none>\nIP:           \n");
    }

    #[test]
    fn inner_columns_form_their_own_blocks() {
        // `Port:` has three cells: its middle column is a block of one line.
        let text = "Type:\tClusterIP\nPort:\thttps\t443/TCP\nTargetPort:\t6443/TCP\n";
        assert_eq!(format(text), "Type:        ClusterIP\nPort:        https  443/TCP\nTargetPort:  6443/TCP\n");
        // Empty cells pad too (the node describer's `Name\t\tCPU Requests`).
        assert_eq!(format("  A\tName\t\tCPU\n  -\t----\t\t---\n"), "  A  Name    CPU\n  -  ----    ---\n");
    }

    #[test]
    fn widths_count_characters() {
        assert_eq!(format("é:\tx\nab:\ty\n"), "é:   x\nab:  y\n");
    }
}
