//! refpy: a small Python interpreter that makes CPython 3.11's memory model visible and exact.

pub mod format;
pub mod syntax;
