//! The prompt's own commands, which start with `:`. A failing command prints an error
//! and the session goes on.

use super::session::{Flow, Session};
use crate::inspect;

pub const HELP: &str = "\
Commands:
  :help                    this list
  :heap [NAME]             draw the objects reachable from NAME (or from every global)
  :heap --dot FILE [NAME]  write the same graph to FILE in Graphviz DOT
  :gc                      the cycle collector's generations, thresholds and collections
  :refs NAME               every reference to NAME's object, by holder
  :report on|off           the refcount report after each statement
  :reset                   a fresh interpreter
  :quit                    leave (so does Ctrl-D)
";

/// Runs one `:command` line.
pub fn run(session: &mut Session, line: &str) -> Flow {
    let mut words = line.trim().trim_start_matches(':').split_whitespace();
    let command = words.next().unwrap_or("");
    let args: Vec<&str> = words.collect();
    let result = match (command, args.as_slice()) {
        ("help" | "h" | "?", []) => Ok(HELP.to_string()),
        ("quit" | "q" | "exit", []) => return Flow::Exit(0),
        ("heap", ["--dot", file, rest @ ..]) if rest.len() <= 1 => {
            let dot = inspect::heap_dot(&mut session.interp.borrow_mut(), rest.first().copied());
            dot.and_then(|text| {
                std::fs::write(file, text)
                    .map(|()| format!("wrote {file}\n"))
                    .map_err(|e| format!("cannot write {file}: {}", crate::cli::os_error_text(&e)))
            })
        }
        ("heap", rest) if rest.len() <= 1 && rest.first().is_none_or(|a| !a.starts_with('-')) => {
            inspect::draw_heap(&mut session.interp.borrow_mut(), rest.first().copied())
        }
        ("gc", []) => Ok(inspect::gc_status(&mut session.interp.borrow_mut())),
        ("refs", [name]) => inspect::explain_refs(&mut session.interp.borrow_mut(), name),
        ("report", []) => Ok(format!(
            "the report is {}\n",
            if session.report { "on" } else { "off" }
        )),
        ("report", ["on"]) => {
            session.report = true;
            Ok(String::new())
        }
        ("report", ["off"]) => {
            session.report = false;
            Ok(String::new())
        }
        ("reset", []) => {
            session.reset();
            Ok("a fresh interpreter\n".to_string())
        }
        ("heap" | "refs" | "report" | "gc" | "reset" | "help" | "quit", _) => {
            Err(format!("usage: see :help for :{command}"))
        }
        _ => Err(format!("unknown command :{command} (:help lists them)")),
    };
    match result {
        Ok(text) => {
            let text = if text.is_empty() || text.ends_with('\n') {
                text
            } else {
                text + "\n"
            };
            session.print(&text);
        }
        Err(message) => session.print_error(&format!("error: {message}")),
    }
    Flow::Continue
}
