//! Which source line printed what: `refpy check` compares a lesson's comments
//! (`print(len(a))  # 3`) with the output of the line they sit on.
//!
//! While attribution is on, every statement of the watched unit that starts executing is
//! pushed on a stack of active lines and popped when it ends (however it ends). Text
//! written to stdout is credited to every active line, so a claim on a `print` inside a
//! function body and a claim on the call of that function both find their output. Each
//! execution of a line keeps its own piece of text: a line in a loop printed once per pass.
//! Statements of other units (functions defined in an earlier lesson block) push nothing,
//! so their output is credited to the line of the watched unit that called them.
//!
//! Off by default: the only cost to ordinary runs is one test of a `bool` per statement.

use super::frame::Frame;
use super::{Interp, PyResult, Unwind};
use crate::compile::Unit;
use crate::syntax::ast::Stmt;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// What each line of one unit printed, execution by execution.
#[derive(Debug, Default)]
pub struct LineOutput {
    /// 1-based lines of the unit whose statements started executing.
    pub ran: HashSet<u32>,
    /// For each line, the text printed during each of its executions that printed.
    pub printed: HashMap<u32, Vec<String>>,
    /// The line of the unit's top-level statement an exception escaped from.
    pub raised_at: Option<u32>,
}

/// The state kept while a unit is watched.
pub struct Attribution {
    /// The watched unit, compared by address.
    unit: *const Unit,
    /// Active lines with the number of the execution that started them.
    active: Vec<(u32, u64)>,
    executions: u64,
    /// For each line, (execution number, text) pieces.
    pieces: HashMap<u32, Vec<(u64, String)>>,
    ran: HashSet<u32>,
    raised_at: Option<u32>,
}

impl Attribution {
    fn new(unit: &Rc<Unit>) -> Attribution {
        Attribution {
            unit: Rc::as_ptr(unit),
            active: Vec::new(),
            executions: 0,
            pieces: HashMap::new(),
            ran: HashSet::new(),
            raised_at: None,
        }
    }

    /// A statement starts; true when it belongs to the watched unit (and was pushed).
    fn enter(&mut self, unit: &Rc<Unit>, line: u32) -> bool {
        if !std::ptr::eq(Rc::as_ptr(unit), self.unit) {
            return false;
        }
        self.executions += 1;
        self.active.push((line, self.executions));
        self.ran.insert(line);
        true
    }

    fn leave(&mut self, raised: bool) {
        if let Some((line, _)) = self.active.pop() {
            if raised && self.active.is_empty() {
                self.raised_at = Some(line);
            }
        }
    }

    /// Credits printed text to every active line (once per line, for recursion).
    pub(crate) fn record(&mut self, text: &str) {
        let mut seen: Vec<u32> = Vec::with_capacity(self.active.len());
        for &(line, execution) in self.active.iter().rev() {
            if seen.contains(&line) {
                continue;
            }
            seen.push(line);
            let pieces = self.pieces.entry(line).or_default();
            match pieces.last_mut() {
                Some((e, text_so_far)) if *e == execution => text_so_far.push_str(text),
                _ => pieces.push((execution, text.to_string())),
            }
        }
    }

    fn finish(self) -> LineOutput {
        LineOutput {
            ran: self.ran,
            printed: self
                .pieces
                .into_iter()
                .map(|(line, pieces)| (line, pieces.into_iter().map(|(_, t)| t).collect()))
                .collect(),
            raised_at: self.raised_at,
        }
    }
}

impl Interp {
    /// From now on, credit printed text to the lines of `unit` (replacing any watch).
    pub fn attribute_output_to(&mut self, unit: &Rc<Unit>) {
        *self.attribution.borrow_mut() = Some(Attribution::new(unit));
        self.attributing = true;
    }

    /// Stops attributing and returns what each line of the watched unit printed.
    pub fn take_line_output(&mut self) -> LineOutput {
        self.attributing = false;
        self.attribution
            .borrow_mut()
            .take()
            .map(Attribution::finish)
            .unwrap_or_default()
    }

    /// [`Interp::exec`] while attributing: the statement's line is active while it runs.
    pub(super) fn exec_attributed(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<()> {
        let pushed = self
            .attribution
            .borrow_mut()
            .as_mut()
            .is_some_and(|a| a.enter(&f.unit, s.line));
        let result = self.exec_stmt(f, s);
        if pushed {
            if let Some(a) = self.attribution.borrow_mut().as_mut() {
                a.leave(matches!(result, Err(Unwind::Exception(_))));
            }
        }
        result
    }
}
