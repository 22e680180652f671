//! Robustness: truncated and mutated versions of every example and conformance case must
//! never make refpy panic, abort or overflow its stack — only print Python errors.
//! Each run is a separate process with a time limit (a mutation may loop forever), in a
//! scratch folder (cases write files).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic PRNG (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Runs a source text; returns the exit code, or `None` on time-out.
fn run(dir: &Path, source: &str) -> Option<i32> {
    let file = dir.join("fuzz_case.py");
    std::fs::write(&file, source).expect("scratch file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_refpy"))
        .arg("fuzz_case.py")
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("refpy starts");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            assert!(
                !err.contains("panicked")
                    && !err.contains("stack overflow")
                    && status.code().is_some(),
                "refpy crashed on:\n{source}\n--- stderr:\n{err}"
            );
            return status.code();
        }
        if start.elapsed() > Duration::from_secs(3) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn mutate(rng: &mut Rng, source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let pos = rng.below(chars.len());
    let pieces = [
        "(", ")", ":", "\n", " ", "    ", "[", "'", "\"", "x", "0", "**", "yield ", "del ", "*",
        "{", ".", ",", "=", "#",
    ];
    let mut out: Vec<char> = chars.clone();
    match rng.below(3) {
        0 => {
            out.remove(pos);
        }
        1 => {
            let piece = pieces[rng.below(pieces.len())];
            for (i, c) in piece.chars().enumerate() {
                out.insert(pos + i, c);
            }
        }
        _ => {
            let end = (pos + 1 + rng.below(20)).min(out.len());
            out.drain(pos..end);
        }
    }
    out.into_iter().collect()
}

fn sources() -> Vec<PathBuf> {
    let mut files = common::files_with(&common::root().join("examples"), "py");
    if let Some(shared) = common::shared() {
        files.extend(common::files_with(
            &shared.join("conformance").join("cases"),
            "py",
        ));
    }
    files
}

#[test]
fn truncated_and_mutated_programs_never_crash() {
    let scratch = std::env::temp_dir().join(format!("refpy-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let mut runs = 0;
    for file in sources() {
        let source = std::fs::read_to_string(&file).expect("readable");
        let boundaries: Vec<usize> = source.char_indices().map(|(i, _)| i).collect();
        // Truncations at a few points, then random mutations.
        for k in 1..=4 {
            let cut = boundaries[boundaries.len() * k / 5];
            run(&scratch, &source[..cut]);
            runs += 1;
        }
        let mutations: usize = std::env::var("REFPY_FUZZ_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(4);
        for _ in 0..mutations {
            run(&scratch, &mutate(&mut rng, &source));
            runs += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(runs > 0);
}
