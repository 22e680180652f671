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
        out.status.code().unwrap_or(-1),
    ))
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
