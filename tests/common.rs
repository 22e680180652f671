//! Helpers shared by the behaviour tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project, when present (it is not part of a user's clone).
pub fn shared() -> Option<PathBuf> {
    let dir = root().join("..").join("shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared is not present beside the project");
        None
    }
}

/// Runs the `refpy` binary on a file in its folder; returns (stdout, stderr, status).
pub fn run_refpy(file: &Path, envs: &[(&str, &str)]) -> (String, String, i32) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_refpy"));
    cmd.arg(file.file_name().expect("a file"));
    cmd.current_dir(file.parent().expect("a folder"));
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("refpy runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// CPython 3.11's output for the same file, when `python3` is CPython 3.11.
pub fn run_cpython(file: &Path) -> Option<(String, i32)> {
    run_cpython_full(file).map(|(stdout, _, status)| (stdout, status))
}

/// CPython 3.11's stdout, stderr and exit status for a file, when `python3` is 3.11.
pub fn run_cpython_full(file: &Path) -> Option<(String, String, i32)> {
    let version = Command::new("python3").arg("--version").output().ok()?;
    if !String::from_utf8_lossy(&version.stdout).starts_with("Python 3.11") {
        return None;
    }
    let out = Command::new("python3")
        .arg(file.file_name()?)
        .current_dir(file.parent()?)
        .output()
        .ok()?;
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    ))
}

/// Files with an extension in a folder, sorted.
pub fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == ext));
    v.sort();
    v
}

/// Text with addresses (`0x7f…`) and `id NNN` figures replaced: they move whenever the
/// interpreter allocates a little more or less at start-up, and say nothing of behaviour.
pub fn redact_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let hex = rest.find("0x");
        let id = rest.find("id ").filter(|&i| {
            rest[i + 3..].starts_with(|c: char| c.is_ascii_digit())
                && !rest[i + 3..].starts_with("0x")
                && (i == 0 || !rest[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        });
        let (at, prefix, digits_of): (usize, &str, fn(char) -> bool) = match (hex, id) {
            (Some(h), Some(i)) if i < h => (i, "id ", |c| c.is_ascii_digit()),
            (Some(h), _) => (h, "0x", |c| c.is_ascii_hexdigit()),
            (None, Some(i)) => (i, "id ", |c| c.is_ascii_digit()),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let digits = after.find(|c: char| !digits_of(c)).unwrap_or(after.len());
        out.push_str(prefix);
        if digits > 0 {
            out.push('…');
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
