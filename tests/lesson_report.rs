//! `refpy --report lesson.md`: the refcount report after each top-level statement of each
//! block, snapshotted in `snapshots/lesson_report/`.

mod common;

use std::process::Command;

#[test]
fn a_lesson_with_the_report() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_refpy"))
        .arg("--report")
        .arg("report_lesson.md")
        .current_dir(format!("{root}/tests/repl"))
        .output()
        .expect("refpy runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\x1b'), "no colours when piped:\n{stdout}");
    insta::with_settings!({snapshot_path => "../snapshots/lesson_report", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("report_lesson", common::redact_ids(&format!("{stdout}--- exit status {}\n", out.status.code().unwrap_or(-1))));
    });
}
