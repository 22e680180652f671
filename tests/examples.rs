//! Runs every `.py` program in `examples/` and snapshots what it prints
//! (`snapshots/examples/`). Where `python3` is CPython 3.11, also checks that refpy prints
//! exactly what CPython prints.
//!
//! Every example also runs under the heap audit (`REFPY_AUDIT=1`, `src/heap/audit.rs`):
//! after each top-level statement every object's count must equal the recount of its
//! references, and nothing may be left alive at exit.
//!
//! Update snapshots after an intended change: `INSTA_UPDATE=always cargo test --test examples`
//! or `cargo insta review`.

mod common;

#[test]
fn examples_print_what_cpython_prints() {
    let examples = common::files_with(&common::root().join("examples"), "py");
    assert!(!examples.is_empty(), "examples/ holds programs");
    for file in examples {
        let (stdout, stderr, status) = common::run_refpy(&file, &[]);
        let name = file
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({snapshot_path => "../snapshots/examples", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name.clone(), format!("{stdout}--- exit status {status}\n"));
        });
        if let Some((expected, expected_status)) = common::run_cpython(&file) {
            assert_eq!(
                stdout, expected,
                "{name}: stdout differs from CPython's\nstderr:\n{stderr}"
            );
            assert_eq!(
                status, expected_status,
                "{name}: exit status differs from CPython's"
            );
        }
    }
}

#[test]
fn examples_pass_the_heap_audit() {
    let examples = common::files_with(&common::root().join("examples"), "py");
    let mut failures = Vec::new();
    for file in examples {
        let (_, stderr, _) = common::run_refpy(&file, &[("REFPY_AUDIT", "1")]);
        let findings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("refpy audit"))
            .collect();
        if !findings.is_empty() {
            failures.push(format!("{}:\n{}", file.display(), findings.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "the heap audit reported:\n{}",
        failures.join("\n")
    );
}
