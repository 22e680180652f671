//! Programs that end in an error (`examples/mistakes/`): what refpy prints to stderr —
//! SyntaxErrors, tracebacks with their underlined operations, chained exceptions,
//! folded recursion, "Did you mean" suggestions — is snapshotted in
//! `snapshots/mistakes/`, and where `python3` is CPython 3.11 it must equal CPython's
//! report character for character (the programs' folder written as `<dir>`).

mod common;

use std::path::Path;

/// Output with the program's absolute folder replaced, so snapshots hold on any machine.
fn portable(text: &str, dir: &Path) -> String {
    text.replace(&format!("{}/", dir.display()), "<dir>/")
}

#[test]
fn mistakes_are_reported_as_cpython_reports_them() {
    let dir = common::root().join("examples").join("mistakes");
    let programs = common::files_with(&dir, "py");
    assert!(!programs.is_empty(), "examples/mistakes/ holds programs");
    for file in programs {
        let name = file
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let (stdout, stderr, status) = common::run_refpy(&file, &[]);
        let stderr = portable(&stderr, &dir);
        assert_ne!(
            status, 0,
            "{name}: a mistake ends the program with an error"
        );
        insta::with_settings!({snapshot_path => "../snapshots/mistakes", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(
                name.clone(),
                format!("{stdout}--- stderr\n{stderr}--- exit status {status}\n")
            );
        });
        if let Some((out, err, code)) = common::run_cpython_full(&file) {
            assert_eq!(stdout, out, "{name}: stdout differs from CPython's");
            assert_eq!(
                stderr,
                portable(&err, &dir),
                "{name}: the error report differs from CPython's"
            );
            assert_eq!(status, code, "{name}: exit status differs from CPython's");
        }
    }
}
