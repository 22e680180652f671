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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(type_name: &str, value: &str, refcount: u32, edges: Vec<(String, Target)>) -> Node {
        Node {
            type_name: type_name.into(),
            value: value.into(),
            refcount,
            immortal: false,
            edges,
            also_named: Vec::new(),
            more_edges: 0,
        }
    }

    #[test]
    fn names_join_into_their_box_and_rows_line_up() {
        let g = Graph {
            names: vec![
                ("a".into(), Target::Node(0)),
                ("bb".into(), Target::Node(0)),
                ("c".into(), Target::Node(0)),
            ],
            nodes: vec![node(
                "list",
                "[1]",
                3,
                vec![("[0]".into(), Target::Inline("int".into(), "1".into()))],
            )],
            hidden: 0,
            hidden_capped: false,
        };
        let text = render(&g, "");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a  ──┬─▶ ┌─ #1 list · refcount 3 ───┐");
        assert_eq!(lines[1], "bb ──┤   │ [1]                      │");
        assert_eq!(lines[2], "c  ──┘   ├──────────────────────────┤");
        let widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{text}");
    }

    #[test]
    fn more_names_than_rows_stretch_the_box() {
        let names = (0..6).map(|i| (format!("n{i}"), Target::Node(0))).collect();
        let g = Graph {
            names,
            nodes: vec![node("str", "'x y'", 6, Vec::new())],
            hidden: 2,
            hidden_capped: false,
        };
        let text = render(&g, "");
        assert!(text.contains("n5 ──┘"), "{text}");
        assert!(text.ends_with("… 2 more objects (not drawn)\n"), "{text}");
    }

    #[test]
    fn an_empty_graph_says_so() {
        assert_eq!(render(&Graph::default(), "nothing"), "nothing\n");
    }
}
