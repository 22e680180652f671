//! The `refpy` command: a REPL, a file runner, a lesson runner and a claim checker.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "refpy",
    version,
    about = "A Python interpreter that shows CPython's memory model",
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Run CODE instead of a file.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,

    /// Print the syntax tree of FILE instead of running it.
    #[arg(long = "dump-ast", value_name = "FILE")]
    dump_ast: Option<PathBuf>,

    /// With a lesson: run each block in a fresh interpreter.
    #[arg(long)]
    isolated: bool,

    /// With a lesson: after each top-level statement, report the names it bound and their
    /// reference counts, and what it freed.
    #[arg(long)]
    report: bool,

    /// A `.py` file to run (or a `.md` lesson), then its arguments.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

/// Subcommands come first on the command line, so `refpy check lesson.md` checks a lesson
/// (a program named `check` still runs as `refpy ./check`).
#[derive(Subcommand)]
enum Command {
    /// Compare the outputs a lesson's comments claim with what its lines print.
    Check {
        /// The markdown lesson.
        file: String,
        /// List every claim, also those that hold or were skipped.
        #[arg(short, long)]
        verbose: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Check { file, verbose }) = cli.command {
        return refpy::cli::check_lesson_file(&file, verbose);
    }
    if let Some(path) = cli.dump_ast {
        return refpy::cli::dump_ast(&path);
    }
    if let Some(code) = cli.code {
        return refpy::cli::run_source("<string>", &code, &cli.args);
    }
    match cli.args.first() {
        Some(path) if path.ends_with(".md") => {
            let options = refpy::lesson::LessonOptions {
                isolated: cli.isolated,
                report: cli.report,
            };
            refpy::cli::run_lesson_file(path, options)
        }
        Some(path) => refpy::cli::run_file(path, &cli.args),
        None => refpy::cli::run_repl(),
    }
}
