//! When the lines typed so far form a whole statement, as CPython's interactive prompt
//! decides: a compound statement (`def`, `if`, `for`, a decorator…) goes on until a blank
//! line; anything else ends with its line unless a bracket, a triple-quoted string or a
//! backslash continuation is still open.

use crate::syntax::parser::parse_module;

/// Whether to run the buffered lines or ask for more with `... `.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Complete,
    Incomplete,
}

const COMPOUND: &[&str] = &[
    "if", "while", "for", "try", "with", "def", "class", "async", "match",
];

/// True when the first line opens a compound statement, which only a blank line closes.
fn opens_block(first_line: &str) -> bool {
    let line = first_line.trim_start();
    if line.starts_with('@') {
        return true;
    }
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // `match` is a soft keyword: `match = 1` is an assignment.
    if word == "match" {
        return line.trim_end().ends_with(':');
    }
    COMPOUND.contains(&word.as_str())
}

/// Errors that only mean the input stops early.
fn stops_early(message: &str) -> bool {
    message.contains("was never closed")
        || message.starts_with("unterminated triple-quoted")
        || message == "unexpected EOF while parsing"
}

/// Classifies the lines typed so far (joined with newlines, no trailing newline).
pub fn status(source: &str) -> Status {
    let lines: Vec<&str> = source.split('\n').collect();
    let first = lines.first().copied().unwrap_or("");
    if first.trim().is_empty() && lines.len() == 1 {
        return Status::Complete;
    }
    let parsed = parse_module(&format!("{source}\n"));
    let open = matches!(&parsed, Err(e) if stops_early(&e.message));
    if open {
        return Status::Incomplete;
    }
    if opens_block(first) {
        let last_blank = lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty());
        return if last_blank {
            Status::Complete
        } else {
            Status::Incomplete
        };
    }
    Status::Complete
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_statements_end_with_their_line() {
        assert_eq!(status("a = [1, 2, 3]"), Status::Complete);
        assert_eq!(
            status("x = 1 +"),
            Status::Complete,
            "a SyntaxError, shown at once"
        );
        assert_eq!(status("if_x = 3"), Status::Complete);
        assert_eq!(status("match = 1"), Status::Complete);
    }

    #[test]
    fn open_brackets_strings_and_continuations_ask_for_more() {
        assert_eq!(status("x = (1,"), Status::Incomplete);
        assert_eq!(status("x = (1,\n2)"), Status::Complete);
        assert_eq!(status("s = \"\"\"abc"), Status::Incomplete);
        assert_eq!(status("x = \\"), Status::Incomplete);
    }

    #[test]
    fn compound_statements_end_at_a_blank_line() {
        assert_eq!(status("def f():"), Status::Incomplete);
        assert_eq!(status("def f():\n    return 1"), Status::Incomplete);
        assert_eq!(status("def f():\n    return 1\n"), Status::Complete);
        assert_eq!(status("if x: pass"), Status::Incomplete);
        assert_eq!(status("if x: pass\n"), Status::Complete);
        assert_eq!(status("@dec"), Status::Incomplete);
        assert_eq!(status("for i in (1,\n\n"), Status::Incomplete);
    }
}
