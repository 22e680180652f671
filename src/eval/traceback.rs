//! CPython's report of an uncaught exception (`PyErr_Display`): chained exceptions first;
//! each traceback entry with its source line, underlined where the failing operation is
//! (PEP 657: `~` for the operands of a binary operation or subscript, `^` for the rest);
//! a run of entries on one repeated line folded after three; at most 1000 entries.

use super::Interp;
use crate::compile::Unit;
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::{ExprKind, StmtKind};
use crate::syntax::Span;

/// Entries of one repeated line printed before the rest are counted (CPython's
/// `TB_RECURSIVE_CUTOFF`).
const RECURSIVE_CUTOFF: usize = 3;

/// The most entries printed, the innermost kept (`PyTraceBack_LIMIT`).
const ENTRY_LIMIT: usize = 1000;

impl Interp {
    /// The report CPython prints for an uncaught exception, chained ones first.
    pub fn format_exception(&mut self, exc: &Ref) -> String {
        let mut out = String::new();
        let mut seen: Vec<Ref> = Vec::new();
        self.format_exception_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_exception_chain(&mut self, exc: &Ref, out: &mut String, seen: &mut Vec<Ref>) {
        seen.push(exc.clone());
        if let Obj::Exception(e) = &**exc {
            let cause = e.cause.borrow().clone();
            let context = e.context.borrow().clone();
            if let Some(c) = cause {
                if !seen.iter().any(|s| s.is(&c)) {
                    self.format_exception_chain(&c, out, seen);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                }
            } else if let Some(c) = context {
                if !e.suppress_context.get() && !seen.iter().any(|s| s.is(&c)) {
                    self.format_exception_chain(&c, out, seen);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
            let tb = e.traceback.borrow().clone();
            if let Some(tb) = tb {
                out.push_str("Traceback (most recent call last):\n");
                format_traceback(&tb, out);
            }
        }
        out.push_str(&self.exception_summary(exc));
        if let Some(name) = self.suggestion_for(exc) {
            out.push_str(&format!(". Did you mean: '{name}'?"));
        }
        out.push('\n');
    }
}

/// One traceback entry: where it ran and what it was doing there.
struct Entry<'a> {
    unit: &'a Unit,
    name: &'a str,
    lineno: u32,
    position: Option<Span>,
}

/// The entries of a traceback chain, outermost first (`tb_printinternal`).
fn format_traceback(first: &Ref, out: &mut String) {
    let mut chain: Vec<Ref> = Vec::new();
    let mut next = Some(first.clone());
    while let Some(t) = next {
        let Obj::Traceback(tb) = &*t else { break };
        next = tb.next.borrow().clone();
        chain.push(t);
    }
    let skip = chain.len().saturating_sub(ENTRY_LIMIT);
    let mut last: Option<(*const Unit, u32, &str)> = None;
    let mut repeats = 0;
    for t in &chain[skip..] {
        let Obj::Traceback(tb) = &**t else { continue };
        let Obj::Frame(frame) = &*tb.frame else {
            continue;
        };
        let entry = Entry {
            unit: &frame.unit,
            name: &frame.name,
            lineno: tb.lineno.get(),
            position: tb.position,
        };
        let key = (std::rc::Rc::as_ptr(&frame.unit), entry.lineno, entry.name);
        if last != Some(key) {
            write_repeats(out, repeats);
            last = Some(key);
            repeats = 0;
        }
        repeats += 1;
        if repeats <= RECURSIVE_CUTOFF {
            write_entry(out, &entry);
        }
    }
    write_repeats(out, repeats);
}

fn write_repeats(out: &mut String, repeats: usize) {
    if repeats > RECURSIVE_CUTOFF {
        let more = repeats - RECURSIVE_CUTOFF;
        let plural = if more > 1 { "s" } else { "" };
        out.push_str(&format!(
            "  [Previous line repeated {more} more time{plural}]\n"
        ));
    }
}

fn write_entry(out: &mut String, entry: &Entry) {
    let unit = entry.unit;
    out.push_str(&format!(
        "  File \"{}\", line {}, in {}\n",
        unit.filename, entry.lineno, entry.name
    ));
    // CPython's prompt cannot read `<stdin>` back: no source lines.
    if unit.interactive {
        return;
    }
    let line = unit.lines().line_text(entry.lineno as usize);
    let text = line.trim_start_matches(is_indent);
    if text.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(text);
    out.push('\n');
    if let Some(marks) = entry.position.and_then(|p| underline(unit, line, p)) {
        out.push_str("    ");
        out.push_str(&marks);
        out.push('\n');
    }
}

/// Leading white space CPython strips from a source line it shows.
fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\x0c')
}

/// The marker line under `line` (the first line of `position`), without the margin, or
/// `None` when the operation spans the whole shown line (as `tb_displayline` decides).
fn underline(unit: &Unit, line: &str, position: Span) -> Option<String> {
    let lines = unit.lines();
    let start_line = lines.line_of(position.start);
    let start = lines.column_of(position.start);
    let line_len = line.chars().count();
    let mut anchors = None;
    let end = if lines.line_of(position.end) == start_line {
        let end = lines.column_of(position.end).min(line_len);
        let segment: String = line
            .chars()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        anchors = operator_anchors(&segment).map(|(l, r)| (l + start, r + start));
        end
    } else {
        // A multi-line operation is underlined to the end of its first line.
        line.trim_end_matches(is_indent).chars().count()
    };
    let indent = line_len - line.trim_start_matches(is_indent).chars().count();
    if end.saturating_sub(start) == line_len - indent && anchors.is_none() {
        return None;
    }
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    let mut marks = String::new();
    for column in indent..end {
        marks.push(if column < start {
            ' '
        } else if anchors.is_some_and(|(left, right)| left <= column && column < right) {
            secondary
        } else {
            primary
        });
    }
    Some(marks)
}

/// Where the operator of a binary operation, or the brackets of a subscript, lie in an
/// operation's source text `segment` (character columns, the end exclusive): read by
/// parsing the segment, as CPython's `extract_anchors_from_line` does.
fn operator_anchors(segment: &str) -> Option<(usize, usize)> {
    let module = crate::syntax::parser::parse_module(segment).ok()?;
    let [statement] = module.body.as_slice() else {
        return None;
    };
    let StmtKind::Expr(expr) = &statement.kind else {
        return None;
    };
    let bytes = segment.as_bytes();
    let blank = |i: usize| matches!(bytes.get(i), Some(b' ' | b'\t' | b'\x0c'));
    let (left, right) = match &expr.kind {
        ExprKind::BinOp { left, right, .. } => {
            let (operands_end, next_start) = (left.span.end as usize, right.span.start as usize);
            let mut found = None;
            let mut i = operands_end;
            while i < next_start {
                if blank(i) {
                    i += 1;
                    continue;
                }
                let mut r = i + 1;
                if i + 1 < next_start && !blank(i + 1) {
                    r += 1;
                }
                found = Some((i, r));
                // A closing parenthesis of the left operand is not the operator.
                if i + 1 < next_start && bytes[i] == b')' {
                    i += 1;
                    continue;
                }
                break;
            }
            found?
        }
        ExprKind::Subscript { value, index } => {
            let len = bytes.len();
            let mut l = value.span.end as usize;
            while l < len && bytes[l] != b'[' {
                l += 1;
            }
            let mut r = index.span.end as usize + 1;
            while r < len && bytes[r] != b']' {
                r += 1;
            }
            if r < len {
                r += 1;
            }
            (l, r)
        }
        _ => return None,
    };
    let column = |byte: usize| segment.get(..byte).map_or(byte, |s| s.chars().count());
    Some((column(left), column(right)))
}

#[cfg(test)]
mod tests {
    use super::operator_anchors;

    #[test]
    fn binary_operators_and_subscripts_are_anchored() {
        assert_eq!(operator_anchors("1 / y"), Some((2, 3)));
        assert_eq!(operator_anchors("a // b"), Some((2, 4)));
        assert_eq!(operator_anchors("(1)+(None)"), Some((3, 5)));
        assert_eq!(operator_anchors("(1 )  + None"), Some((6, 7)));
        assert_eq!(operator_anchors("x[5]"), Some((1, 4)));
        assert_eq!(operator_anchors("(x)[5]"), Some((3, 6)));
        assert_eq!(operator_anchors("x[(5)]"), Some((1, 6)));
        assert_eq!(operator_anchors("größe + 1"), Some((6, 7)));
        assert_eq!(operator_anchors("f(x)"), None);
        assert_eq!(operator_anchors("a.b"), None);
    }
}
