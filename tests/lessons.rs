//! Every block of every lesson in `examples/lessons/` is run (one namespace per lesson, as
//! `refpy lesson.md` does) and each block's output is an insta snapshot of its own in
//! `snapshots/lessons/`, named after the lesson and the block's heading.
//!
//! Adding a lesson: write `examples/lessons/NAME.md` with ```python blocks, run
//! `INSTA_UPDATE=always cargo test --test lessons` (or `cargo insta review`), read the new
//! snapshots, commit them.

mod common;

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
