//! The tokens the parser consumes (Python Language Reference §2, "Lexical analysis").
//! The lexer (`lexer.rs`, logos) and the layout pass (`layout.rs`) produce them; the
//! grammar's `extern` block maps each variant to a terminal.

use super::ast::Ident;
use num_bigint::BigInt;

/// One piece of an f-string as the lexer splits it: literal text or a replacement field.
#[derive(Clone, Debug, PartialEq)]
pub enum FStringPiece {
    /// Literal text with escapes already decoded and `{{`/`}}` collapsed.
    Literal(String),
    /// A `{expression!conversion:spec}` field.
    Field(FStringField),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FStringField {
    /// The expression's source text, exactly as written between `{` and `!`/`:`/`=`/`}`.
    pub source: String,
    /// Byte offset of `source` in the whole file, so nested errors point at the right place.
    pub offset: u32,
    /// `=` debugging form: the text to print before the value (`"x = "`), whitespace kept.
    pub debug_text: Option<String>,
    /// `!r`, `!s` or `!a`.
    pub conversion: Option<char>,
    /// The format spec after `:`, itself an f-string (it may hold nested fields).
    pub spec: Option<Vec<FStringPiece>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(Ident),
    Int(BigInt),
    Float(f64),
    Imaginary(f64),
    Str(String),
    Bytes(Vec<u8>),
    FString(Vec<FStringPiece>),

    Newline,
    Indent,
    Dedent,
    /// Zero-width markers the parser driver puts first, choosing the grammar's entry:
    /// a whole module, or one f-string field expression.
    StartModule,
    StartExpression,

    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,

    // Operators and delimiters.
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinusEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
}

impl Tok {
    /// The keyword token for an identifier, if it is one.
    pub fn keyword(word: &str) -> Option<Tok> {
        Some(match word {
            "False" => Tok::False,
            "None" => Tok::None,
            "True" => Tok::True,
            "and" => Tok::And,
            "as" => Tok::As,
            "assert" => Tok::Assert,
            "async" => Tok::Async,
            "await" => Tok::Await,
            "break" => Tok::Break,
            "class" => Tok::Class,
            "continue" => Tok::Continue,
            "def" => Tok::Def,
            "del" => Tok::Del,
            "elif" => Tok::Elif,
            "else" => Tok::Else,
            "except" => Tok::Except,
            "finally" => Tok::Finally,
            "for" => Tok::For,
            "from" => Tok::From,
            "global" => Tok::Global,
            "if" => Tok::If,
            "import" => Tok::Import,
            "in" => Tok::In,
            "is" => Tok::Is,
            "lambda" => Tok::Lambda,
            "nonlocal" => Tok::Nonlocal,
            "not" => Tok::Not,
            "or" => Tok::Or,
            "pass" => Tok::Pass,
            "raise" => Tok::Raise,
            "return" => Tok::Return,
            "try" => Tok::Try,
            "while" => Tok::While,
            "with" => Tok::With,
            "yield" => Tok::Yield,
            _ => return None,
        })
    }

    /// True for the keywords `if`, `for`, `def` … that open a compound statement.
    pub fn opens_block(&self) -> bool {
        matches!(
            self,
            Tok::If
                | Tok::Elif
                | Tok::Else
                | Tok::While
                | Tok::For
                | Tok::Def
                | Tok::Class
                | Tok::Try
                | Tok::Except
                | Tok::Finally
                | Tok::With
        )
    }
}
