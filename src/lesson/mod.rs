//! Markdown lessons: their ```python blocks run in order, like a notebook.

pub mod blocks;
pub mod runner;

pub use blocks::{python_blocks, Block};
pub use runner::{run_blocks_captured, run_lesson, LessonOptions};
