//! Markdown lessons: their ```python blocks run in order, like a notebook; `check` compares
//! the outputs their comments claim with what the lines print.

pub mod blocks;
pub mod check;
pub mod claims;
pub mod runner;

pub use blocks::{python_blocks, Block};
pub use check::{check_lesson, CheckReport};
pub use runner::{run_blocks_captured, run_lesson, LessonOptions};
