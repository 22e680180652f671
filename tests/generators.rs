//! Behaviour tests for generators.
//!
//! Each `tests/generators/NAME.py` runs under refpy and its stdout must equal
//! `NAME.out`, which CPython 3.11 printed for it. After editing a program, regenerate its
//! expectation with `python3 tests/generators/NAME.py > tests/generators/NAME.out`.

use refpy::compile::compile;
use refpy::eval::Interp;
use std::path::{Path, PathBuf};
use std::process::Command;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generators");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/generators exists")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py") && p.with_extension("out").exists())
        .collect();
    files.sort();
    files
}

#[test]
fn programs_print_what_cpython_prints() {
    let mut failures = Vec::new();
    for program in programs() {
        let expected =
            std::fs::read_to_string(program.with_extension("out")).expect("expected output");
        let out = Command::new(env!("CARGO_BIN_EXE_refpy"))
            .arg(program.file_name().expect("a file name"))
            .current_dir(program.parent().expect("a folder"))
            .output()
            .expect("refpy runs");
        let got = String::from_utf8_lossy(&out.stdout);
        if got != expected || !out.status.success() {
            failures.push(format!(
                "{}: status {:?}\n--- expected\n{expected}--- got\n{got}--- stderr\n{}",
                program.display(),
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `source` with `sys.argv[1] == n` in a fresh interpreter; returns the number of
/// objects alive once the program's globals have been cleared.
fn live_objects_after(source: &'static str, n: usize) -> usize {
    refpy::cli::on_interpreter_thread(move || {
        let mut interp = Interp::new();
        interp.argv = vec!["leak_check.py".into(), n.to_string()];
        let unit = compile(&mut interp, source, "leak_check.py").expect("the program compiles");
        interp.run_unit(&unit).expect("the program runs");
        interp.shutdown();
        drop(unit);
        refpy::heap::live_objects()
    })
}

#[test]
fn abandoned_generators_are_freed() {
    let source = include_str!("generators/leak_check.py");
    let few = live_objects_after(source, 10);
    let many = live_objects_after(source, 20_000);
    assert_eq!(
        few, many,
        "generators abandoned in a loop left objects alive"
    );
}

#[test]
fn a_hundred_thousand_suspended_generators_are_freed() {
    let source = "
import sys
def gen(n):
    total = 0
    for i in range(n):
        total += i
        yield total
gens = [gen(10) for _ in range(int(sys.argv[1]))]
for g in gens:
    next(g)
del gens
";
    let few = live_objects_after(source, 10);
    let many = live_objects_after(source, 100_000);
    assert_eq!(few, many);
}
