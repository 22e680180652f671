//! What the `refpy` command does with its arguments, kept in the library so tests can call it.

use crate::compile::compile;
use crate::eval::Interp;
use crate::syntax::{dump, parser};
use std::path::Path;
use std::process::ExitCode;

/// Reads a source file as CPython does: UTF-8, with a clear error when missing.
fn read_source(path: &str) -> Result<String, ExitCode> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(e) => {
                eprintln!(
                    "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                    e.as_bytes()[e.utf8_error().valid_up_to()],
                    e.utf8_error().valid_up_to()
                );
                Err(ExitCode::from(1))
            }
        },
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(2);
            eprintln!(
                "refpy: can't open file '{path}': [Errno {errno}] {}",
                crate::cli::os_error_text(&e)
            );
            Err(ExitCode::from(2))
        }
    }
}

/// The strerror text CPython prints, without Rust's " (os error N)" suffix.
pub fn os_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

pub fn dump_ast(path: &Path) -> ExitCode {
    let name = path.display().to_string();
    let source = match read_source(&name) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let status = on_interpreter_thread(move || match parser::parse_module(&source) {
        Ok(module) => {
            print!("{}", dump::dump_module(&module, &source));
            0
        }
        Err(e) => {
            eprint!("{}", e.render(&name, &source));
            1
        }
    });
    ExitCode::from(status)
}

pub fn run_file(path: &str, argv: &[String]) -> ExitCode {
    let path = script_path(path);
    match read_source(&path) {
        Ok(source) => run_source(&path, &source, argv),
        Err(code) => code,
    }
}

/// The name a program runs under (its `__file__`, its tracebacks' file names): the path
/// made absolute by joining the working directory, not otherwise normalised, as
/// CPython 3.11 names the script it runs.
fn script_path(path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{path}", cwd.to_string_lossy().trim_end_matches('/')),
        Err(_) => path.to_string(),
    }
}

/// Compiles and runs a program as `__main__`, as `python3 FILE` does.
pub fn run_source(filename: &str, source: &str, argv: &[String]) -> ExitCode {
    let filename = filename.to_string();
    let source = source.to_string();
    let argv = argv.to_vec();
    let status = on_interpreter_thread(move || {
        let mut interp = Interp::new();
        interp.argv = if argv.is_empty() {
            vec![String::new()]
        } else {
            argv
        };
        match compile(&mut interp, &source, &filename) {
            Ok(unit) => interp.run_program(&unit),
            Err(e) => {
                eprint!("{}", e.render(&filename, &source));
                1
            }
        }
    });
    ExitCode::from(status as u8)
}

/// Runs the interpreter on a thread with a large stack: deep Python recursion is bounded by
/// the recursion limit and [`crate::eval::stack`]'s guard, never by a stack overflow.
pub fn on_interpreter_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .name("refpy".into())
        .stack_size(crate::eval::stack::STACK_SIZE)
        .spawn(move || {
            crate::eval::stack::mark_base();
            f()
        })
        .expect("the interpreter thread can be started");
    match handle.join() {
        Ok(v) => v,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// `refpy lesson.md`: runs the lesson's Python blocks; exit status 0 even when blocks raise
/// (a lesson may show errors on purpose), 1 when the file cannot be read.
pub fn run_lesson_file(path: &str, options: crate::lesson::LessonOptions) -> ExitCode {
    let source = match read_source(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = path.to_string();
    on_interpreter_thread(move || {
        crate::lesson::run_lesson(&name, &source, options);
    });
    ExitCode::SUCCESS
}

/// `refpy` with no file: the interactive prompt.
pub fn run_repl() -> ExitCode {
    let status = on_interpreter_thread(crate::repl::run);
    ExitCode::from(status.clamp(0, 255) as u8)
}

/// `refpy check lesson.md`: prints each wrong claim as `FILE:LINE: claims X, printed Y`
/// and a summary; exit status 1 when a claim is wrong, 2 when the file cannot be read.
pub fn check_lesson_file(path: &str, verbose: bool) -> ExitCode {
    let source = match read_source(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let name = path.to_string();
    let (text, wrong) = on_interpreter_thread(move || {
        let report = crate::lesson::check_lesson(&name, &source);
        (report.render(&name, verbose), report.wrong().count())
    });
    print!("{text}");
    if wrong > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
