//! Text → tokens → AST (Python Language Reference §2–§8).

pub mod ast;
pub mod error;
pub mod span;
pub mod token;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused)]
    pub grammar,
    "/python.rs"
);

pub use error::{SyntaxError, SyntaxErrorKind};
pub use span::{LineIndex, Span};
