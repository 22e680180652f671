//! Programs whose output must equal CPython 3.11's: each `tests/cpython/NAME.py` is run
//! with the refpy binary (working directory `tests/cpython`) and its stdout compared with
//! `NAME.out`, which `python3 NAME.py > NAME.out` produced. They pin `sys.getsizeof`
//! along every construction path, tracemalloc's behaviour, and which conversions to str
//! make a new object.

use std::path::Path;
use std::process::Command;

fn run_case(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cpython");
    let expected =
        std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("expected output exists");
    let out = Command::new(env!("CARGO_BIN_EXE_refpy"))
        .arg(format!("{name}.py"))
        .current_dir(&dir)
        .output()
        .expect("refpy runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.trim_end() != expected.trim_end() {
        let first = stdout
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| stdout.lines().count().min(expected.lines().count()));
        panic!(
            "{name}: output differs from CPython's at line {}:\n  expected: {:?}\n  got:      {:?}\nstderr:\n{}",
            first + 1,
            expected.lines().nth(first),
            stdout.lines().nth(first),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(out.status.success(), "{name}: exit status {:?}", out.status);
}

#[test]
fn sizeof_objects() {
    run_case("sizeof_objects");
}

#[test]
fn sizeof_dict_paths() {
    run_case("sizeof_dict_paths");
}

#[test]
fn sizeof_set_paths() {
    run_case("sizeof_set_paths");
}

#[test]
fn set_order_paths() {
    run_case("set_order_paths");
}

#[test]
fn tracemalloc_api() {
    run_case("tracemalloc_api");
}

#[test]
fn tracemalloc_lesson() {
    run_case("tracemalloc_lesson");
}

#[test]
fn str_identity() {
    run_case("str_identity");
}

#[test]
fn traceback_frames() {
    run_case("tb_frames");
}

#[test]
fn std_streams() {
    run_case("std_streams");
}

#[test]
fn str_methods() {
    run_case("str_methods");
}

#[test]
fn operator_messages() {
    run_case("operator_messages");
}

#[test]
fn set_dict_methods() {
    run_case("set_dict_methods");
}

#[test]
fn builtin_subclasses() {
    run_case("builtin_subclasses");
}

#[test]
fn properties() {
    run_case("properties");
}

#[test]
fn dunder_wrappers() {
    run_case("dunder_wrappers");
}

#[test]
fn class_hooks() {
    run_case("class_hooks");
}

#[test]
fn text_newlines() {
    run_case("text_newlines");
}

#[test]
fn builtin_messages() {
    run_case("builtin_messages");
}

#[test]
fn class_cycles() {
    run_case("class_cycles");
}
