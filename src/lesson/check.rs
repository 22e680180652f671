//! `refpy check lesson.md`: runs the lesson's blocks as `refpy lesson.md` does (in order,
//! one namespace) while crediting printed text to source lines, then compares every
//! comment that claims an output with what its line printed.
//!
//! Which comments are claims: a trailing comment on a line that calls `print(` or printed
//! something, read by [`claims::read_comment`]. Claims on lines that print an `id()` are
//! skipped (addresses differ from run to run), and so are examples, prose, and lines the
//! lesson never reaches (a function it never calls; a block that stops at a `NameError`
//! because it relies on code left to the reader). A claim on a line that a block's error
//! kept from running is wrong: CPython raises there instead of printing the claim.

use super::blocks::{python_blocks, Block};
use super::claims::{self, Reading, SourceLine};
use crate::compile::compile;
use crate::eval::attribution::LineOutput;
use crate::eval::Interp;

/// The result for one claim.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Right,
    /// What the line printed, or why it printed nothing.
    Wrong(String),
    /// Why the comment was not checked.
    Skipped(&'static str),
}

/// One checked comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// 1-based line in the markdown file.
    pub line: usize,
    /// The claim as written (the comment's values), or the whole comment when skipped.
    pub claim: String,
    pub verdict: Verdict,
}

/// Everything `check` found, in file order.
#[derive(Debug, Default, PartialEq)]
pub struct CheckReport {
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn wrong(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| matches!(f.verdict, Verdict::Wrong(_)))
    }

    fn count(&self, pick: fn(&Verdict) -> bool) -> usize {
        self.findings.iter().filter(|f| pick(&f.verdict)).count()
    }

    /// The text `refpy check` prints: one line per wrong claim (every claim with
    /// `verbose`), then the summary.
    pub fn render(&self, filename: &str, verbose: bool) -> String {
        let mut out = String::new();
        for f in &self.findings {
            let line = match &f.verdict {
                Verdict::Wrong(actual) => {
                    format!("{filename}:{}: claims {}, {actual}\n", f.line, f.claim)
                }
                Verdict::Right if verbose => {
                    format!("{filename}:{}: ok: {}\n", f.line, f.claim)
                }
                Verdict::Skipped(why) if verbose => {
                    format!("{filename}:{}: skipped ({why}): {}\n", f.line, f.claim)
                }
                _ => continue,
            };
            out.push_str(&line);
        }
        let wrong = self.count(|v| matches!(v, Verdict::Wrong(_)));
        let skipped = self.count(|v| matches!(v, Verdict::Skipped(_)));
        out.push_str(&format!(
            "{} claims checked, {wrong} wrong, {skipped} skipped\n",
            self.findings.len() - skipped
        ));
        out
    }
}

/// How a block's run ended, for claims its error kept from running.
struct BlockRun {
    output: LineOutput,
    /// The last line of the traceback (`TypeError: …`) when the block raised.
    error: Option<String>,
}

/// Runs the lesson and checks its claims. Must run on an interpreter thread.
pub fn check_lesson(filename: &str, markdown: &str) -> CheckReport {
    let blocks = python_blocks(markdown);
    let mut interp = Interp::new();
    interp.capture_output();
    let mut report = CheckReport::default();
    for block in &blocks {
        let run = run_block(&mut interp, filename, block);
        check_block(block, &run, &mut report);
        interp.take_output();
    }
    interp.shutdown();
    report
}

fn run_block(interp: &mut Interp, filename: &str, block: &Block) -> BlockRun {
    let unit_name = format!("{filename}:block{}", block.number);
    match compile(interp, &block.code, &unit_name) {
        Ok(unit) => {
            interp.attribute_output_to(&unit);
            let result = interp.run_unit(&unit);
            let output = interp.take_line_output();
            let error = result.err().map(|exc| {
                let text = interp.format_exception(&exc);
                text.lines().last().unwrap_or_default().to_string()
            });
            BlockRun { output, error }
        }
        Err(e) => {
            let text = e.render(&unit_name, &block.code);
            BlockRun {
                output: LineOutput::default(),
                error: Some(text.lines().last().unwrap_or_default().to_string()),
            }
        }
    }
}

fn check_block(block: &Block, run: &BlockRun, report: &mut CheckReport) {
    for source in claims::scan_lines(&block.code) {
        let Some(comment) = &source.comment else {
            continue;
        };
        let pieces = run.output.printed.get(&(source.start as u32));
        let prints = source.code.contains("print(") || pieces.is_some();
        if !prints || comment.is_empty() {
            continue;
        }
        let line = block.line + source.line - 1;
        let (values, claim) = match claims::read_comment(comment) {
            Reading::Values(values, claim) => (values, claim),
            Reading::Example => {
                report.findings.push(skipped(line, comment, "an example"));
                continue;
            }
            Reading::NoValue => {
                report.findings.push(skipped(line, comment, "no value"));
                continue;
            }
        };
        if calls_id(&source) {
            report
                .findings
                .push(skipped(line, comment, "addresses differ per run"));
            continue;
        }
        let verdict = match pieces {
            Some(pieces) => judge(comment, &values, pieces),
            None => unprinted(block, run, &source),
        };
        report.findings.push(Finding {
            line,
            claim,
            verdict,
        });
    }
}

fn skipped(line: usize, comment: &str, why: &'static str) -> Finding {
    Finding {
        line,
        claim: comment.to_string(),
        verdict: Verdict::Skipped(why),
    }
}

/// True when the line's code calls `id(`.
fn calls_id(source: &SourceLine) -> bool {
    let code = &source.code;
    code.match_indices("id(").any(|(i, _)| {
        code[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'))
    })
}

/// A line that printed: the claim must match its first execution's output, or all of
/// its executions' output together (a claim on a `print` in a loop). A comment that
/// repeats the printed line word for word (`# 1: alpha`) holds too.
fn judge(comment: &str, values: &[claims::Value], pieces: &[String]) -> Verdict {
    let first = pieces.first().map(String::as_str).unwrap_or("");
    let all: String = pieces.concat();
    if claims::claim_matches(values, first)
        || claims::claim_matches(values, &all)
        || claims::verbatim(comment, first)
    {
        return Verdict::Right;
    }
    let shown = if pieces.len() == 1 { first } else { &all };
    Verdict::Wrong(format!("printed {}", one_line(shown)))
}

/// A claim whose line printed nothing.
fn unprinted(block: &Block, run: &BlockRun, source: &SourceLine) -> Verdict {
    if run.output.ran.contains(&(source.start as u32)) {
        return match &run.error {
            Some(error) if run.output.raised_at == Some(source.start as u32) => {
                Verdict::Wrong(format!("but the line raised {error}"))
            }
            _ => Verdict::Wrong("printed nothing".into()),
        };
    }
    match &run.error {
        Some(error) if error.starts_with("NameError") => {
            Verdict::Skipped("the block relies on code the lesson leaves out")
        }
        Some(error) => {
            let at = run
                .output
                .raised_at
                .map(|l| format!(" at line {}", block.line + l as usize - 1))
                .unwrap_or_default();
            Verdict::Wrong(format!("but the block raised {error}{at} first"))
        }
        None => Verdict::Skipped("the line never runs"),
    }
}

/// Printed text on one line of the report: lines joined with ` / `, long text cut.
fn one_line(text: &str) -> String {
    let joined = text.trim_end().lines().collect::<Vec<_>>().join(" / ");
    if joined.is_empty() {
        return "nothing".into();
    }
    if joined.chars().count() > 100 {
        let cut: String = joined.chars().take(97).collect();
        format!("{cut}...")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(md: &str) -> String {
        let md = md.to_string();
        crate::cli::on_interpreter_thread(move || check_lesson("t.md", &md).render("t.md", true))
    }

    #[test]
    fn claims_are_credited_to_their_lines() {
        let text = report(
            "# T\n```python\ndef f():\n    print(3)  # 3\nf()  # 3\nfor i in range(2):\n    print(i)  # 0 1\nprint(1); print(2)  # 1 2\nprint(  # 5\n  4)\n```\n",
        );
        assert_eq!(
            text,
            "t.md:4: ok: 3\nt.md:5: ok: 3\nt.md:7: ok: 0 1\nt.md:8: ok: 1 2\nt.md:9: claims 5, printed 4\n5 claims checked, 1 wrong, 0 skipped\n"
        );
    }

    #[test]
    fn errors_and_unreached_lines() {
        let text = report(
            "```python\nprint(1)  # 1\n[].x\nprint(2)  # 2\n```\n```python\nprint([].x)  # 0\n```\n```python\nundefined()\nprint(3)  # 3\n```\n```python\ndef g():\n    print(4)  # 4\nprint(id(g))  # 1234\nif False:\n    print(5)  # 5\n```\n",
        );
        assert_eq!(
            text,
            "t.md:2: ok: 1\n\
             t.md:4: claims 2, but the block raised AttributeError: 'list' object has no attribute 'x' at line 3 first\n\
             t.md:7: claims 0, but the line raised AttributeError: 'list' object has no attribute 'x'\n\
             t.md:11: skipped (the block relies on code the lesson leaves out): 3\n\
             t.md:15: skipped (the line never runs): 4\n\
             t.md:16: skipped (addresses differ per run): 1234\n\
             t.md:18: skipped (the line never runs): 5\n\
             3 claims checked, 2 wrong, 4 skipped\n"
        );
    }
}
