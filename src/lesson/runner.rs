//! `refpy lesson.md`: runs every Python block in order in one `__main__` namespace (or each
//! in a fresh interpreter with `--isolated`), printing each block's heading, its output and
//! any traceback, going on after errors, and ending with a summary.

use super::blocks::{python_blocks, Block};
use crate::compile::compile;
use crate::eval::Interp;

#[derive(Clone, Copy, Debug, Default)]
pub struct LessonOptions {
    /// A fresh interpreter for every block.
    pub isolated: bool,
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
            interp = Interp::new();
        }
        interp.write_stdout(&banner(block, blocks.len()));
        let unit_name = format!("{filename}:block{}", block.number);
        match compile(&mut interp, &block.code, &unit_name) {
            Ok(unit) => {
                if let Err(exc) = interp.run_unit(&unit) {
                    let report = interp.format_exception(&exc);
                    interp.write_stdout(&report);
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
