//! Byte-offset spans. Every token and AST node carries one; lines and columns are
//! computed only when an error or traceback is rendered.

use std::borrow::Cow;

/// A half-open byte range `[start, end)` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Maps byte offsets to 1-based line numbers and character columns.
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset at which each line starts.
    line_starts: Cow<'a, [u32]>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> LineIndex<'a> {
        let mut line_starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            source,
            line_starts: Cow::Owned(line_starts),
        }
    }

    /// An index over line starts computed before (see [`LineIndex::into_starts`]).
    pub fn with_starts(source: &'a str, line_starts: &'a [u32]) -> LineIndex<'a> {
        LineIndex {
            source,
            line_starts: Cow::Borrowed(line_starts),
        }
    }

    /// The line starts, to keep beside the source.
    pub fn into_starts(self) -> Vec<u32> {
        self.line_starts.into_owned()
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 0-based character column of a byte offset within its line.
    pub fn column_of(&self, offset: u32) -> usize {
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1] as usize;
        let end = (offset as usize).min(self.source.len());
        self.source
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        if line == 0 || line > self.line_starts.len() {
            return "";
        }
        let start = self.line_starts[line - 1] as usize;
        let end = self
            .line_starts
            .get(line)
            .map(|&e| e as usize)
            .unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let idx = LineIndex::new("ab\ncdé f\n");
        assert_eq!(idx.line_of(0), 1);
        assert_eq!(idx.line_of(3), 2);
        assert_eq!(idx.column_of(8), 4);
        assert_eq!(idx.line_text(2), "cdé f");
        assert_eq!(idx.line_text(9), "");
    }
}
