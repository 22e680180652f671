//! `refpy check`: the report on a small lesson of right, wrong and skipped claims (an
//! insta snapshot in `snapshots/check/`), the exit status, and the mistakes it finds in the
//! shared lesson when `../shared` is present (each confirmed by running the same code
//! under CPython 3.11).

mod common;

use std::process::Command;

/// Runs `refpy check FILE` in FILE's folder; returns (stdout, exit status).
fn check(file: &std::path::Path) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_refpy"))
        .arg("check")
        .arg(file.file_name().expect("a file"))
        .current_dir(file.parent().expect("a folder"))
        .output()
        .expect("refpy runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn report_on_a_lesson_with_right_wrong_and_skipped_claims() {
    let (report, status) = check(&common::root().join("tests/check/claims.md"));
    insta::with_settings!({snapshot_path => "../snapshots/check", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("claims", report);
    });
    assert_eq!(status, 1, "a wrong claim makes the exit status 1");
}

#[test]
fn a_lesson_without_wrong_claims_passes() {
    for lesson in common::files_with(&common::root().join("examples/lessons"), "md") {
        let (report, status) = check(&lesson);
        assert_eq!(status, 0, "{}:\n{report}", lesson.display());
        assert!(report.contains(" 0 wrong"), "{report}");
    }
}

#[test]
fn the_shared_lesson_has_these_mistakes() {
    let Some(shared) = common::shared() else {
        return;
    };
    let lesson = shared.join("lessons/memory_management_basics.md");
    let (report, status) = check(&lesson);
    let name = "memory_management_basics.md";
    let expected = [
        // `x = 1000; y = 1000` in one block share one constant.
        format!("{name}:232: claims False, printed True"),
        format!("{name}:269: claims 80, printed 88"),
        format!("{name}:271: claims 232, printed 224"),
        format!("{name}:289: claims 80, printed 88"),
        format!("{name}:305: claims 232, printed 184"),
        format!("{name}:306: claims 232, printed 184"),
        // A list cannot be weakly referenced, so the cache raises before printing.
        format!("{name}:575: claims [1, 2, 3], but the block raised TypeError: cannot create weak reference to 'list' object at line 574 first"),
        format!("{name}:578: claims None, but the block raised TypeError: cannot create weak reference to 'list' object at line 574 first"),
    ];
    let wrong: Vec<&str> = report.lines().filter(|l| l.contains(": claims ")).collect();
    assert_eq!(wrong, expected, "full report:\n{report}");
    assert!(
        report.ends_with("36 claims checked, 8 wrong, 14 skipped\n"),
        "{report}"
    );
    assert_eq!(status, 1);
}
