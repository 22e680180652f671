//! The graph in Graphviz DOT, for pictures larger than a terminal: names as plain text,
//! objects as boxes labelled with type, value and refcount, edges labelled with the index,
//! key or attribute. Node names are positional (`obj1`, `name1`), never ids, so the same
//! program gives the same file.

use super::graph::{Graph, Target};

pub fn render(g: &Graph) -> String {
    let mut out = String::from(
        "digraph heap {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n  edge [fontname=\"monospace\"];\n",
    );
    for (i, (name, _)) in g.names.iter().enumerate() {
        out.push_str(&format!(
            "  name{} [shape=plaintext, label=\"{}\"];\n",
            i + 1,
            escape(name)
        ));
    }
    for (i, node) in g.nodes.iter().enumerate() {
        let count = if node.immortal {
            "immortal".to_string()
        } else {
            format!("refcount {}", node.refcount)
        };
        let mut label = format!(
            "{}\\n{}\\n{count}",
            escape(&node.type_name),
            escape(&node.value)
        );
        if !node.also_named.is_empty() {
            label.push_str(&format!(
                "\\nalso named {}",
                escape(&node.also_named.join(", "))
            ));
        }
        out.push_str(&format!("  obj{} [shape=box, label=\"{label}\"];\n", i + 1));
    }
    let mut extra = 0;
    let mut target_node = |t: &Target, out: &mut String| -> String {
        match t {
            Target::Node(j) => format!("obj{}", j + 1),
            Target::Inline(ty, value) => {
                extra += 1;
                out.push_str(&format!(
                    "  val{extra} [shape=ellipse, label=\"{} {}\\nimmortal\"];\n",
                    escape(ty),
                    escape(value)
                ));
                format!("val{extra}")
            }
            Target::Hidden(ty) => {
                extra += 1;
                out.push_str(&format!(
                    "  val{extra} [shape=plaintext, label=\"{} (not drawn)\"];\n",
                    escape(ty)
                ));
                format!("val{extra}")
            }
        }
    };
    for (i, (_, t)) in g.names.iter().enumerate() {
        let to = target_node(t, &mut out);
        out.push_str(&format!("  name{} -> {to};\n", i + 1));
    }
    for (i, node) in g.nodes.iter().enumerate() {
        for (label, t) in &node.edges {
            let to = target_node(t, &mut out);
            out.push_str(&format!(
                "  obj{} -> {to} [label=\"{}\"];\n",
                i + 1,
                escape(label)
            ));
        }
        if node.more_edges > 0 {
            out.push_str(&format!(
                "  more{0} [shape=plaintext, label=\"… {1} more\"];\n  obj{0} -> more{0} [style=dashed];\n",
                i + 1,
                node.more_edges
            ));
        }
    }
    if g.hidden > 0 {
        let plus = if g.hidden_capped { "+" } else { "" };
        out.push_str(&format!(
            "  hidden [shape=plaintext, label=\"… {}{plus} more objects (not drawn)\"];\n",
            g.hidden
        ));
    }
    out.push_str("}\n");
    out
}

/// A DOT string body: quotes and backslashes escaped, newlines as `\n`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn labels_escape_quotes_and_backslashes() {
        assert_eq!(escape(r#"'a"b\c'"#), r#"'a\"b\\c'"#);
    }
}
