//! Text → tokens → AST (Python Language Reference §2–§8).

pub mod actions;
pub mod ast;
pub mod depth;
pub mod dump;
pub mod error;
pub mod fstring;
pub mod layout;
pub mod lexer;
pub mod literal;
pub mod parser;
pub mod span;
pub mod token;
mod unicode_data;
pub mod validate;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused)]
    pub grammar,
    "/python.rs"
);

pub use error::{SyntaxError, SyntaxErrorKind};
pub use layout::{Lexer, Spanned};
pub use span::{LineIndex, Span};
