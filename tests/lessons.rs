//! Every block of every lesson in `examples/lessons/` is run (one namespace per lesson, as
//! `refpy lesson.md` does) and each block's output is an insta snapshot of its own in
//! `snapshots/lessons/`, named after the lesson and the block's heading.
//!
//! Where `python3` is CPython 3.11, each lesson also runs under CPython through
//! `tools/cpython_lesson.py` (same blocks, same single namespace) and every block must print
//! exactly what refpy prints.
//!
//! Adding a lesson: write `examples/lessons/NAME.md` with ```python blocks, run
//! `INSTA_UPDATE=always cargo test --test lessons` (or `cargo insta review`), read the new
//! snapshots, commit them.

mod common;

use std::process::Command;

fn slug(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while s.contains("__") {
        s = s.replace("__", "_");
    }
    s.trim_matches('_').to_string()
}

/// Each block's output under CPython 3.11, when `python3` is that version.
fn cpython_blocks(lesson: &std::path::Path) -> Option<Vec<String>> {
    let version = Command::new("python3").arg("--version").output().ok()?;
    if !String::from_utf8_lossy(&version.stdout).starts_with("Python 3.11") {
        return None;
    }
    let tool = common::root().join("tools").join("cpython_lesson.py");
    let out = Command::new("python3")
        .arg(tool)
        .arg(lesson.file_name()?)
        .current_dir(lesson.parent()?)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut blocks: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("── block ") && line.ends_with(" ──\n") {
            blocks.push(String::new());
        } else if let Some(last) = blocks.last_mut() {
            last.push_str(line);
        }
    }
    Some(blocks)
}

#[test]
fn lesson_blocks_match_their_snapshots() {
    let lessons = common::files_with(&common::root().join("examples").join("lessons"), "md");
    assert!(!lessons.is_empty(), "examples/lessons/ holds lessons");
    for lesson in lessons {
        let stem = lesson
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&lesson).expect("readable lesson");
        let results = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || refpy::lesson::run_blocks_captured(&format!("{stem}.md"), &text))
            .expect("thread")
            .join()
            .expect("the lesson runs without a panic");
        let stem = lesson
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if let Some(expected) = cpython_blocks(&lesson) {
            assert_eq!(
                expected.len(),
                results.len(),
                "{stem}: CPython ran a different number of blocks"
            );
            for ((block, output), expected) in results.iter().zip(&expected) {
                assert_eq!(
                    output, expected,
                    "{stem}: block {} ({}) prints differently under CPython",
                    block.number, block.heading
                );
            }
        }
        for (block, output) in results {
            let name = format!("{stem}__{:02}_{}", block.number, slug(&block.heading));
            insta::with_settings!({
                snapshot_path => "../snapshots/lessons",
                prepend_module_to_snapshot => false,
                snapshot_suffix => "",
                description => block.code.clone(),
            }, {
                insta::assert_snapshot!(name, output);
            });
        }
    }
}
