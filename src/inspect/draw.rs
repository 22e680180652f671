//! The graph as text: one box per object, in the order a breadth-first walk from the
//! names meets them; the names bound to a box stand on its left with arrows joining into
//! it (two names on one list: one box, two arrows). Inside a box, each edge is a row
//! `label ──▶ #n type` pointing at box `#n`, or at a shared immortal value written in
//! place. Box numbers rather than drawn lines keep the picture readable for shared
//! objects and cycles alike, and stable from one run to the next.
//!
//! ```text
//! a ──┬─▶ ┌─ #1 list · refcount 2 ─┐
//! b ──┘   │ [1, 'x']                │
//!         ├─────────────────────────┤
//!         │ [0] ──▶ int 1 (immortal)│
//!         │ [1] ──▶ #2 str          │
//!         └─────────────────────────┘
//! ```

use super::graph::{Graph, Node, Target};

/// Renders the graph; `empty` is what to say when there is nothing to draw.
pub fn render(g: &Graph, empty: &str) -> String {
    if g.nodes.is_empty() {
        return format!("{empty}\n");
    }
    let name_width = g.names.iter().map(|(n, _)| width(n)).max().unwrap_or(0);
    let mut out = String::new();
    for (i, node) in g.nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let names = g.names_of(i);
        let mut lines = box_lines(i, node, g);
        // Every name needs a row of the box to stand beside.
        while lines.len() < names.len() + 1 {
            let blank = blank_row(&lines[1]);
            lines.insert(lines.len() - 1, blank);
        }
        for (row, line) in lines.iter().enumerate() {
            out.push_str(&name_column(&names, row, name_width));
            out.push_str(line);
            out.push('\n');
        }
    }
    if g.hidden > 0 {
        let plus = if g.hidden_capped { "+" } else { "" };
        let s = if g.hidden == 1 { "" } else { "s" };
        out.push_str(&format!(
            "\n… {}{plus} more object{s} (not drawn)\n",
            g.hidden
        ));
    }
    out
}

/// The part left of a box on one row: a name and its arrow, or blanks.
fn name_column(names: &[&str], row: usize, name_width: usize) -> String {
    if name_width == 0 {
        return String::new();
    }
    let arrow = match (names.len(), row) {
        (0, _) => return " ".repeat(name_width + 7),
        (1, 0) => " ────▶ ",
        (_, 0) => " ──┬─▶ ",
        (n, r) if r + 1 < n => " ──┤   ",
        (n, r) if r + 1 == n => " ──┘   ",
        _ => return " ".repeat(name_width + 7),
    };
    let name = names[row];
    format!("{name}{}{arrow}", " ".repeat(name_width - width(name)))
}

fn box_lines(i: usize, node: &Node, g: &Graph) -> Vec<String> {
    let count = if node.immortal {
        "immortal".to_string()
    } else {
        format!("refcount {}", node.refcount)
    };
    let mut header = format!("#{} {} · {count}", i + 1, node.type_name);
    if !node.also_named.is_empty() {
        header.push_str(&format!(" · also named {}", node.also_named.join(", ")));
    }
    let mut rows: Vec<String> = node
        .edges
        .iter()
        .map(|(label, target)| format!("{label} ──▶ {}", target_text(target, g, i)))
        .collect();
    if node.more_edges > 0 {
        rows.push(format!("… {} more", node.more_edges));
    }
    let content_width = std::iter::once(&node.value)
        .chain(rows.iter())
        .map(|s| width(s))
        .max()
        .unwrap_or(0);
    let inner = (content_width + 2).max(width(&header) + 3);
    let mut lines = vec![format!(
        "┌─ {header} {}┐",
        "─".repeat(inner - width(&header) - 3)
    )];
    lines.push(content_row(&node.value, inner));
    if !rows.is_empty() {
        lines.push(format!("├{}┤", "─".repeat(inner)));
        lines.extend(rows.iter().map(|r| content_row(r, inner)));
    }
    lines.push(format!("└{}┘", "─".repeat(inner)));
    lines
}

fn content_row(text: &str, inner: usize) -> String {
    format!("│ {text}{} │", " ".repeat(inner - 2 - width(text)))
}

/// A row of spaces as wide as `like` (a content row).
fn blank_row(like: &str) -> String {
    content_row("", width(like) - 2)
}

fn target_text(t: &Target, g: &Graph, this: usize) -> String {
    match t {
        Target::Node(j) if *j == this => format!("#{} (itself)", j + 1),
        Target::Node(j) => format!("#{} {}", j + 1, g.nodes[*j].type_name),
        Target::Inline(ty, value) => format!("{ty} {value} (immortal)"),
        Target::Hidden(ty) => format!("{ty} (not drawn)"),
    }
}

/// Columns a text takes (one per char: the heap views write no wide characters of their
/// own, and values are cut short).
fn width(s: &str) -> usize {
    s.chars().count()
}
