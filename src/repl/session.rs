//! One interactive session: an interpreter, whether the report is on, and how output is
//! painted. Each statement is compiled as its own unit, like CPython's prompt, so
//! constants are not shared between statements (`a = 1000` then `b = 1000`: `a is b` is
//! False).

use super::report::Watch;
use super::style::Style;
use super::targets::stored_names;
use crate::compile::compile_interactive;
use crate::eval::Interp;
use crate::heap::Ref;
use crate::objects::Obj;
use std::cell::RefCell;
use std::rc::Rc;

/// The filename of code typed at the prompt.
pub const FILENAME: &str = "<stdin>";

/// Whether the session goes on after a statement or command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// `:quit` or `SystemExit`, with the exit status.
    Exit(i32),
}

pub struct Session {
    /// Shared with the tab completer, which reads names while a line is typed.
    pub interp: Rc<RefCell<Interp>>,
    /// Print the refcount report after each statement.
    pub report: bool,
    pub style: Style,
}

impl Session {
    pub fn new(style: Style) -> Session {
        Session {
            interp: Rc::new(RefCell::new(Interp::new())),
            report: true,
            style,
        }
    }

    /// Writes text to stdout after what the program printed.
    pub fn print(&self, text: &str) {
        let interp = self.interp.borrow();
        interp.write_stdout(text);
        interp.flush_stdout();
    }

    /// Writes an error message to stderr, in order with stdout.
    pub fn print_error(&self, text: &str) {
        self.interp.borrow().flush_stdout();
        eprintln!("{}", self.style.error(text));
    }

    /// Compiles and runs one complete statement, then prints its report.
    pub fn run_statement(&mut self, source: &str) -> Flow {
        crate::eval::interrupt::clear();
        let interp = &mut *self.interp.borrow_mut();
        let watch = self.report.then(|| Watch::begin(interp));
        let mut stored = Vec::new();
        let mut flow = Flow::Continue;
        match compile_interactive(interp, source, FILENAME) {
            Ok(unit) => {
                stored = stored_names(&unit.module.body);
                let result = interp.run_unit(&unit);
                // The statement's code object goes now, with its constants, as at
                // CPython's prompt.
                drop(unit);
                if let Err(exc) = result {
                    flow = report_exception(interp, exc);
                }
            }
            Err(e) => {
                interp.flush_stdout();
                eprint!("{}", e.render(FILENAME, source));
            }
        }
        let _ = interp.safe_point();
        if let Some(watch) = watch {
            let report = watch.finish(interp, &stored);
            interp.write_stdout(&report.render(self.style));
        }
        interp.flush_stdout();
        flow
    }

    /// Ends the session as CPython's interpreter ends: exit functions, finalizers and
    /// the module teardown.
    pub fn shutdown(&mut self) {
        let interp = &mut *self.interp.borrow_mut();
        interp.flush_stdout();
        interp.shutdown();
        interp.flush_stdout();
    }

    /// The heap audit's leak check (`REFPY_AUDIT=1`), after [`Session::shutdown`].
    pub fn audit_at_exit(&mut self) {
        let interp = &mut *self.interp.borrow_mut();
        if let Ok(unit) = crate::compile::compile(interp, "", FILENAME) {
            crate::heap::audit::at_exit(interp, &unit);
        }
    }

    /// A fresh interpreter; the old one is shut down first.
    pub fn reset(&mut self) {
        self.shutdown();
        // The old interpreter frees what it made before the new one starts: they share
        // the thread's heap and the gc module's lists.
        self.interp.borrow_mut().teardown();
        *self.interp.borrow_mut() = Interp::new();
    }
}

/// Prints an uncaught exception's traceback and keeps it in `sys.last_type`,
/// `sys.last_value` and `sys.last_traceback`, as CPython's prompt does (so the frames of
/// the traceback, and what they hold, stay alive until the next error). `SystemExit`
/// ends the session.
fn report_exception(interp: &mut Interp, exc: Ref) -> Flow {
    if interp.is_instance_of(&exc, "SystemExit") {
        return Flow::Exit(interp.report_uncaught(&exc));
    }
    interp.flush_stdout();
    let text = interp.format_exception(&exc);
    eprint!("{text}");
    let traceback = match &*exc {
        Obj::Exception(e) => e.traceback.borrow().clone(),
        _ => None,
    };
    let traceback = traceback.unwrap_or_else(|| interp.none());
    let class = interp.type_of(&exc);
    if let Ok(sys) = interp.import_module("sys") {
        let dict = interp.module_dict(&sys);
        for (name, value) in [
            ("last_type", class),
            ("last_value", exc),
            ("last_traceback", traceback),
        ] {
            let key = interp.intern(name);
            let _ = interp.dict_set(&dict, key, value);
        }
    }
    Flow::Continue
}
