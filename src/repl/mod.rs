//! The interactive prompt: `>>> ` and `... ` prompts, each statement compiled and run on
//! its own, expression values echoed and kept in `_`, and after every statement a report
//! of what it did to memory ([`report`]). Commands starting with `:` ([`meta`]) draw the
//! heap, explain references and control the session.

pub mod complete;
pub mod input;
pub mod interrupt;
pub mod lines;
pub mod meta;
pub mod report;
pub mod session;
pub mod style;
pub mod targets;

use input::Status;
use lines::{LineSource, Piped, Read, Terminal};
use session::{Flow, Session};
use std::io::IsTerminal;
use style::Style;

/// Runs the prompt until Ctrl-D, `:quit` or `SystemExit`; returns the exit status.
pub fn run() -> i32 {
    interrupt::install();
    let terminal = std::io::stdin().is_terminal();
    let colour =
        terminal && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut session = Session::new(Style { colour });
    let status = if terminal {
        match Terminal::new(session.interp.clone()) {
            Some(mut source) => {
                let status = prompt_loop(&mut session, &mut source);
                source.finish();
                status
            }
            None => prompt_loop(&mut session, &mut Piped::new()),
        }
    } else {
        prompt_loop(&mut session, &mut Piped::new())
    };
    session.shutdown();
    if crate::heap::audit::enabled() {
        session.audit_at_exit();
    }
    status
}

/// Reads lines until a statement is complete, runs it, and so on.
pub fn prompt_loop(session: &mut Session, source: &mut dyn LineSource) -> i32 {
    let mut buffer: Vec<String> = Vec::new();
    loop {
        let prompt = if buffer.is_empty() { ">>> " } else { "... " };
        let line = match source.read(prompt) {
            Read::Line(line) => line,
            Read::Interrupted => {
                buffer.clear();
                session.print("KeyboardInterrupt\n");
                continue;
            }
            Read::Eof => {
                // What was left open (a block without its closing blank line) still runs.
                if !buffer.is_empty() {
                    buffer.push(String::new());
                    if let Flow::Exit(status) = session.run_statement(&buffer.join("\n")) {
                        return status;
                    }
                }
                if source.is_terminal() {
                    session.print("\n");
                }
                return 0;
            }
        };
        if buffer.is_empty() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.starts_with(':') {
                if let Flow::Exit(status) = meta::run(session, trimmed) {
                    return status;
                }
                continue;
            }
        }
        buffer.push(line);
        let text = buffer.join("\n");
        if input::status(&text) == Status::Complete {
            buffer.clear();
            if let Flow::Exit(status) = session.run_statement(&text) {
                return status;
            }
        }
    }
}
