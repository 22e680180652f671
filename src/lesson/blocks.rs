//! Finding the ```python code blocks of a markdown lesson, with the heading each sits
//! under and the line it starts on.

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// 1-based number among the lesson's Python blocks.
    pub number: usize,
    /// The nearest markdown heading above the block (without the `#`s).
    pub heading: String,
    /// 1-based line of the block's first code line in the markdown file.
    pub line: usize,
    pub code: String,
}

/// The ```python (or ```py) blocks of a markdown text, in order.
pub fn python_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut heading = String::new();
    let mut current: Option<(usize, String, String)> = None;
    for (i, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut current {
            None => {
                if let Some(h) = trimmed.strip_prefix('#') {
                    heading = h.trim_start_matches('#').trim().to_string();
                } else if let Some(fence) = trimmed.strip_prefix("```") {
                    let lang = fence.trim().to_ascii_lowercase();
                    if lang == "python" || lang == "py" || lang == "python3" {
                        current = Some((i + 2, String::new(), indent_of(line)));
                    }
                }
            }
            Some((start, code, indent)) => {
                if trimmed.starts_with("```") {
                    blocks.push(Block {
                        number: blocks.len() + 1,
                        heading: heading.clone(),
                        line: *start,
                        code: std::mem::take(code),
                    });
                    current = None;
                } else {
                    code.push_str(line.strip_prefix(indent.as_str()).unwrap_or(line));
                    code.push('\n');
                }
            }
        }
    }
    blocks
}

/// Indentation of a fence (blocks inside list items are indented).
fn indent_of(line: &str) -> String {
    line.chars().take_while(|c| *c == ' ').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_with_headings_and_lines() {
        let md = "# Title\n\ntext\n\n## Part 1\n```python\nx = 1\nprint(x)\n```\n\n```text\nno\n```\n### Part 2\n```py\nprint(2)\n```\n";
        let b = python_blocks(md);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].heading, "Part 1");
        assert_eq!(b[0].line, 7);
        assert_eq!(b[0].code, "x = 1\nprint(x)\n");
        assert_eq!(b[1].number, 2);
        assert_eq!(b[1].heading, "Part 2");
    }
}
