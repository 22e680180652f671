//! The interactive prompt reading statements from a pipe: the plain transcript (echoed
//! input, values, tracebacks, the refcount report) is snapshotted in
//! `snapshots/repl_piped/`.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `refpy` with `input` on stdin; stdout and stderr together, then the exit status.
fn session(input: &str) -> String {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" 2>&1")
        .arg(env!("CARGO_BIN_EXE_refpy"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .env("XDG_DATA_HOME", std::env::temp_dir())
        .spawn()
        .expect("refpy starts");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("refpy ends");
    format!(
        "{}--- exit status {}\n",
        String::from_utf8_lossy(&out.stdout),
        out.status.code().unwrap_or(-1)
    )
}

#[test]
fn a_piped_session_is_a_plain_transcript() {
    let root = env!("CARGO_MANIFEST_DIR");
    let input = std::fs::read_to_string(format!("{root}/tests/repl/session.txt"))
        .expect("tests/repl/session.txt");
    let output = session(&input);
    assert!(!output.contains('\x1b'), "no colours when piped:\n{output}");
    insta::with_settings!({snapshot_path => "../snapshots/repl_piped", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("session", common::redact_ids(&output));
    });
}

#[test]
fn an_unclosed_block_runs_at_the_end_of_input() {
    let output = session("for i in range(2):\n    print(i)");
    assert!(output.contains("0\n1\n"), "{output}");
    assert!(output.ends_with("--- exit status 0\n"), "{output}");
}

#[test]
fn the_report_can_start_off() {
    let output = session(":report off\na = [1]\n:report\n");
    assert!(!output.contains("refcount"), "{output}");
    assert!(output.contains("the report is off"), "{output}");
}
