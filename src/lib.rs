//! refpy: a small Python interpreter that makes CPython 3.11's memory model visible and exact.
//!
//! Data flows one way: text → tokens → AST ([`syntax`]) → resolved tree ([`compile`]) →
//! evaluation ([`eval`]) on the refcounted heap ([`heap`], [`objects`]). The command-line
//! front-ends in [`cli`] only use this library's public face.

pub mod cli;
pub mod compile;
pub mod eval;
pub mod format;
pub mod heap;
pub mod inspect;
pub mod lesson;
pub mod modules;
pub mod objects;
pub mod repl;
pub mod syntax;
