//! refpy: a small Python interpreter that makes CPython 3.11's memory model visible and exact.
//!
//! Data flows one way: text → tokens → AST ([`syntax`]) → evaluation. The command-line
//! front-ends in [`cli`] only use this library's public face.

pub mod cli;
pub mod syntax;
