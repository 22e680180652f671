//! SyntaxError as a value, and its rendering in CPython 3.11's form:
//!
//! ```text
//!   File "x.py", line 4
//!     if x > 2
//!             ^
//! SyntaxError: expected ':'
//! ```

use super::span::{LineIndex, Span};
use std::fmt::Write;

/// Which class CPython raises: IndentationError and TabError are SyntaxError subclasses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Not SyntaxErrors, but compilation failures CPython reports with no traceback:
    /// the parser's stack overflowing, and a too-deep tree.
    MemoryError,
    RecursionError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::MemoryError => "MemoryError",
            SyntaxErrorKind::RecursionError => "RecursionError",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub message: String,
    /// Where the caret points; an empty span gets a single caret.
    pub span: Span,
    /// Some errors (tokenizer errors at end of file) show no source line or caret.
    pub show_source: bool,
    /// CPython gives some errors offset 0 (a backslash continuation running into the
    /// end of the file, null bytes): the source line shows, but no caret.
    pub show_caret: bool,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            message: message.into(),
            span,
            show_source: true,
            show_caret: true,
        }
    }

    /// The same error shown with its source line but no caret.
    pub fn without_caret(self) -> SyntaxError {
        SyntaxError {
            show_caret: false,
            ..self
        }
    }

    pub fn indentation(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::IndentationError,
            ..SyntaxError::new(message, span)
        }
    }

    pub fn tab(message: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::TabError,
            ..SyntaxError::new(message, span)
        }
    }

    /// 1-based line of the error.
    pub fn line(&self, source: &str) -> usize {
        LineIndex::new(source).line_of(self.span.start)
    }

    /// The report CPython prints to stderr for an uncaught SyntaxError.
    pub fn render(&self, filename: &str, source: &str) -> String {
        match self.kind {
            SyntaxErrorKind::MemoryError => return "MemoryError\n".into(),
            SyntaxErrorKind::RecursionError => {
                return format!("RecursionError: {}\n", self.message)
            }
            _ => {}
        }
        let index = LineIndex::new(source);
        let line = index.line_of(self.span.start.min(source.len() as u32));
        let mut out = String::new();
        let _ = writeln!(out, "  File \"{filename}\", line {line}");
        // CPython prints the line as a C string: it ends at a NUL.
        let text = index.line_text(line).split('\0').next().unwrap_or("");
        if self.show_source {
            // Like CPython's print_error_text: strip leading spaces, tabs and form feeds
            // (the rest of the line is printed as it is, even when blank), and print no
            // caret when it would point into the stripped indentation (TabError,
            // unexpected indent).
            let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
            let indent = text.chars().count() - trimmed.chars().count();
            let column = index.column_of(self.span.start);
            if column < indent || !self.show_caret {
                let _ = writeln!(out, "    {trimmed}");
                let _ = writeln!(out, "{}: {}", self.kind.name(), self.message);
                return out;
            }
            let col = column - indent;
            let end_line = index.line_of(self.span.end.max(self.span.start));
            let width = if end_line == line && self.span.end > self.span.start {
                index
                    .column_of(self.span.end)
                    .saturating_sub(indent)
                    .saturating_sub(col)
                    .max(1)
            } else {
                1
            };
            let _ = writeln!(out, "    {trimmed}");
            let _ = writeln!(out, "    {}{}", " ".repeat(col), "^".repeat(width));
        }
        let _ = writeln!(out, "{}: {}", self.kind.name(), self.message);
        out
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for SyntaxError {}
