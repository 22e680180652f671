//! `refpy lesson.md`: runs every Python block in order in one `__main__` namespace (or each
//! in a fresh interpreter with `--isolated`), printing each block's heading, its output and
//! any traceback, going on after errors, and ending with a summary.

use super::blocks::{python_blocks, Block};
use crate::compile::{compile, Unit};
use crate::eval::run::Step;
use crate::eval::Interp;
use crate::repl::report::Watch;
use crate::repl::style::Style;
use crate::repl::targets::stored_names;
use std::io::IsTerminal;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, Default)]
pub struct LessonOptions {
    /// A fresh interpreter for every block.
    pub isolated: bool,
    /// The refcount report after each top-level statement.
    pub report: bool,
}

/// What running a lesson found.
#[derive(Debug, Default, PartialEq)]
pub struct LessonSummary {
    pub blocks: usize,
    /// Numbers of the blocks that raised (or did not compile).
    pub raised: Vec<usize>,
}

fn banner(block: &Block, total: usize) -> String {
    let title = if block.heading.is_empty() {
        "(no heading)"
    } else {
        block.heading.as_str()
    };
    format!(
        "── block {}/{} · {} · line {} ──\n",
        block.number, total, title, block.line
    )
}

/// Runs each block (one namespace) and returns every block with what it printed,
/// tracebacks included: the form lesson snapshot tests compare.
pub fn run_blocks_captured(filename: &str, markdown: &str) -> Vec<(Block, String)> {
    let blocks = python_blocks(markdown);
    let mut interp = Interp::new();
    interp.capture_output();
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let unit_name = format!("{filename}:block{}", block.number);
        match compile(&mut interp, &block.code, &unit_name) {
            Ok(unit) => {
                if let Err(exc) = interp.run_unit(&unit) {
                    let report = interp.format_exception(&exc);
                    interp.write_stdout(&report);
                }
            }
            Err(e) => interp.write_stdout(&e.render(&unit_name, &block.code)),
        }
        let text = interp.take_output();
        out.push((block, text));
    }
    interp.shutdown();
    out
}

/// Runs a block's top-level statements one by one (the block stays one compiled unit, so
/// its constants are shared as in a file), printing the refcount report after each and
/// after the traceback of one that raises. Returns whether the block raised.
fn run_reported(interp: &mut Interp, unit: &Rc<Unit>) -> bool {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let style = Style { colour };
    let mut watch: Option<(Watch, Vec<String>)> = None;
    let mut on_step = |interp: &mut Interp, step: Step| match step {
        Step::Before(i) => {
            let stored = stored_names(std::slice::from_ref(&unit.module.body[i]));
            watch = Some((Watch::begin(interp), stored));
        }
        Step::After(_) => {
            if let Some((w, stored)) = watch.take() {
                let report = w.finish(interp, &stored);
                interp.write_stdout(&report.render(style));
            }
        }
    };
    let result = interp.run_unit_watched(unit, Some(&mut on_step));
    if let Err(exc) = &result {
        let text = interp.format_exception(exc);
        interp.write_stdout(&text);
    }
    let raised = result.is_err();
    drop(result);
    if let Some((w, stored)) = watch.take() {
        let report = w.finish(interp, &stored);
        interp.write_stdout(&report.render(style));
    }
    raised
}

/// Runs a lesson's blocks; output goes to stdout (tracebacks too, after the block's output,
/// so a reader sees them in place). Returns the summary.
pub fn run_lesson(filename: &str, markdown: &str, options: LessonOptions) -> LessonSummary {
    let blocks = python_blocks(markdown);
    let mut summary = LessonSummary {
        blocks: blocks.len(),
        raised: Vec::new(),
    };
    let mut interp = Interp::new();
    for block in &blocks {
        if options.isolated && block.number > 1 {
            interp.shutdown();
            interp.teardown();
            interp = Interp::new();
        }
        interp.write_stdout(&banner(block, blocks.len()));
        let unit_name = format!("{filename}:block{}", block.number);
        match compile(&mut interp, &block.code, &unit_name) {
            Ok(unit) => {
                let raised = if options.report {
                    run_reported(&mut interp, &unit)
                } else {
                    match interp.run_unit(&unit) {
                        Ok(()) => false,
                        Err(exc) => {
                            let report = interp.format_exception(&exc);
                            interp.write_stdout(&report);
                            true
                        }
                    }
                };
                if raised {
                    summary.raised.push(block.number);
                }
            }
            Err(e) => {
                interp.write_stdout(&e.render(&unit_name, &block.code));
                summary.raised.push(block.number);
            }
        }
        interp.flush_stdout();
    }
    interp.shutdown();
    let raised = if summary.raised.is_empty() {
        "none raised".to_string()
    } else {
        let list: Vec<String> = summary.raised.iter().map(|n| n.to_string()).collect();
        format!(
            "{} raised (block {})",
            summary.raised.len(),
            list.join(", ")
        )
    };
    interp.write_stdout(&format!("── {} blocks run, {raised} ──\n", summary.blocks));
    interp.flush_stdout();
    summary
}
