//! The parser driver: runs the generated LR parser over the layout pass's tokens and turns
//! its failures into the SyntaxErrors CPython 3.11 reports.
//!
//! CPython's PEG parser makes a second pass with its `invalid_*` rules to find a helpful
//! message; an LR parser knows instead which token it could not take and what it expected
//! there. The mapping in [`describe_failure`] reproduces the messages learners meet most
//! (`expected ':'`, `expected an indented block after 'if' statement on line N`,
//! `Perhaps you forgot a comma?` …). Like CPython, after any parser error the rest of the
//! file is tokenized, and a tokenizer error found there (an unclosed bracket, an
//! unterminated string) is reported instead.

use super::ast::{Expr, Module, ScopeInfo, StmtKind};
use super::error::SyntaxError;
use super::grammar::TopParser;
use super::layout::{Lexer, Spanned};
use super::span::{LineIndex, Span};
use super::token::Tok;
use super::validate;
use lalrpop_util::ParseError;

/// Parses a whole file (or REPL statement, or lesson block) and makes CPython's
/// post-parse checks (`'return' outside function` …).
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    let mut lexer = Lexer::new(source);
    let mut recorder = Recorder::new(&mut lexer, Tok::StartModule);
    let result = TopParser::new().parse(&mut recorder);
    let history = std::mem::take(&mut recorder.history);
    let lexer_failed = recorder.lexer_failed;
    match result {
        Ok(body) => {
            let module = Module {
                body,
                scope: ScopeInfo::default(),
            };
            if let Err(deep) = super::depth::check(&module) {
                let (kind, message) = match deep {
                    super::depth::TooDeep::ParserStack => (super::SyntaxErrorKind::MemoryError, ""),
                    super::depth::TooDeep::Compilation => (
                        super::SyntaxErrorKind::RecursionError,
                        "maximum recursion depth exceeded during compilation",
                    ),
                };
                // Dropping a deep tree recurses: callers parse on the interpreter thread,
                // whose stack is large.
                drop(module);
                return Err(SyntaxError {
                    kind,
                    ..SyntaxError::new(message, Span::default())
                });
            }
            validate::check_module(&module)?;
            Ok(module)
        }
        Err(ParseError::User { error }) if lexer_failed => Err(error),
        Err(err) => {
            let last_offset = history.last().map(|t| t.0).unwrap_or(0);
            let parser_error = describe_failure(source, &history, err);
            // A tokenizer error later in the file takes precedence (CPython's
            // _PyPegen_tokenize_full_source_to_check_for_errors), except after an
            // indentation error.
            if parser_error.kind == super::SyntaxErrorKind::SyntaxError {
                if let Some(tokenizer_error) = lexer.later_tokenizer_error(last_offset) {
                    return Err(tokenizer_error);
                }
            }
            Err(parser_error)
        }
    }
}

/// Parses the expression of an f-string replacement field; `offset` is where its text
/// starts in the file, so spans point into the file.
pub fn parse_fstring_field(source: &str, offset: u32) -> Result<Expr, SyntaxError> {
    let mut lexer = Lexer::new_expression(source, offset);
    let mut recorder = Recorder::new(&mut lexer, Tok::StartExpression);
    let result = TopParser::new().parse(&mut recorder);
    let history = std::mem::take(&mut recorder.history);
    let lexer_failed = recorder.lexer_failed;
    let prefix = |mut e: SyntaxError| {
        if !e.message.starts_with("f-string") {
            e.message = format!("f-string: {}", e.message);
        }
        e
    };
    match result {
        Ok(mut stmts) => match stmts.pop().map(|s| s.kind) {
            Some(StmtKind::Expr(e)) => Ok(e),
            _ => Err(SyntaxError::new(
                "f-string: invalid syntax",
                Span::new(offset, offset),
            )),
        },
        Err(ParseError::User { error }) if lexer_failed => Err(error),
        Err(err) => Err(prefix(describe_failure(source, &history, err))),
    }
}

/// Feeds tokens to the parser (after the entry marker) and remembers them, so a failure
/// can be explained from the tokens before it.
struct Recorder<'l, 'a> {
    lexer: &'l mut Lexer<'a>,
    marker: Option<Tok>,
    history: Vec<(u32, Tok, u32)>,
    lexer_failed: bool,
}

impl<'l, 'a> Recorder<'l, 'a> {
    fn new(lexer: &'l mut Lexer<'a>, marker: Tok) -> Self {
        Recorder {
            lexer,
            marker: Some(marker),
            history: Vec::new(),
            lexer_failed: false,
        }
    }
}

impl Iterator for Recorder<'_, '_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        if let Some(marker) = self.marker.take() {
            return Some(Ok((0, marker, 0)));
        }
        let item = self.lexer.next()?;
        match &item {
            Ok(token) => self.history.push(token.clone()),
            Err(_) => self.lexer_failed = true,
        }
        Some(item)
    }
}

fn expects(expected: &[String], terminal: &str) -> bool {
    expected.iter().any(|e| e == terminal)
}

/// Index in `history` of the first token of the logical line holding token `at`.
fn line_start(history: &[(u32, Tok, u32)], at: usize) -> usize {
    let mut depth = 0i32;
    let mut i = at;
    while i > 0 {
        match &history[i - 1].1 {
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => depth -= 1,
            Tok::Newline | Tok::Indent | Tok::Dedent if depth <= 0 => return i,
            _ => {}
        }
        i -= 1;
    }
    0
}

/// Bracket depth just before token `at`, counted from the start of its logical line.
fn bracket_depth(history: &[(u32, Tok, u32)], at: usize) -> i32 {
    history[line_start(history, at)..at]
        .iter()
        .map(|(_, t, _)| match t {
            Tok::LPar | Tok::LSqb | Tok::LBrace => 1,
            Tok::RPar | Tok::RSqb | Tok::RBrace => -1,
            _ => 0,
        })
        .sum()
}

fn starts_atom(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imaginary(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FString(_)
            | Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
    )
}

fn ends_atom(t: &Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Int(_)
            | Tok::Float(_)
            | Tok::Imaginary(_)
            | Tok::Str(_)
            | Tok::Bytes(_)
            | Tok::FString(_)
            | Tok::RPar
            | Tok::RSqb
            | Tok::RBrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
    )
}

fn is_string(t: &Tok) -> bool {
    matches!(t, Tok::Str(_) | Tok::Bytes(_) | Tok::FString(_))
}

/// What CPython says of the block a header opens, in "expected an indented block after …".
fn block_name(t: &Tok) -> Option<&'static str> {
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::With => "'with' statement",
        Tok::Try => "'try' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        _ => return None,
    })
}

/// The header keyword of the block whose body was expected at token `at`.
fn open_block_header(history: &[(u32, Tok, u32)], at: usize) -> Option<(u32, &'static str)> {
    // history[at - 1] is the NEWLINE ending the header line.
    let header_end = at.checked_sub(1)?;
    let start = line_start(history, header_end);
    let mut i = start;
    // Skip decorators' lines are separate logical lines; `else`/`except` open their own.
    while i < header_end {
        if let Some(name) = block_name(&history[i].1) {
            return Some((history[i].0, name));
        }
        if !matches!(history[i].1, Tok::Colon) {
            // The header keyword is the first token of the line, except for a one-line
            // suite like `if a: if b:` which CPython rejects as invalid syntax anyway.
            return None;
        }
        i += 1;
    }
    None
}

/// Turns an LR failure into CPython's SyntaxError.
fn describe_failure(
    source: &str,
    history: &[(u32, Tok, u32)],
    err: ParseError<u32, Tok, SyntaxError>,
) -> SyntaxError {
    let index = LineIndex::new(source);
    let end = source.len() as u32;
    let (token_span, token, expected) = match err {
        ParseError::User { error } => return error,
        ParseError::UnrecognizedToken {
            token: (l, t, r),
            expected,
        } => (Span::new(l, r), Some(t), expected),
        ParseError::UnrecognizedEof { location, expected } => {
            (Span::new(location, location), None, expected)
        }
        ParseError::InvalidToken { location } => {
            return SyntaxError::new("invalid syntax", Span::new(location, location))
        }
        ParseError::ExtraToken { token: (l, _, r) } => {
            return SyntaxError::new("invalid syntax", Span::new(l, r))
        }
    };
    // The failing token is the last one recorded (none at end of input).
    let at = if token.is_some() {
        history.len().saturating_sub(1)
    } else {
        history.len()
    };
    let at_end_of_input = token.is_none()
        || (matches!(token, Some(Tok::Dedent) | Some(Tok::Newline)) && token_span.start >= end);
    // Errors at the end of input point at the last line with text, without a caret.
    let end_line_span = || {
        let last = source.trim_end().len() as u32;
        let line_start = source[..last as usize]
            .rfind('\n')
            .map(|i| i as u32 + 1)
            .unwrap_or(0);
        Span::new(line_start, line_start)
    };
    let located = |e: SyntaxError| {
        if at_end_of_input {
            SyntaxError {
                span: end_line_span(),
                ..e
            }
            .without_caret()
        } else {
            e
        }
    };

    if matches!(token, Some(Tok::Indent)) {
        return SyntaxError::indentation("unexpected indent", token_span).without_caret();
    }
    if expects(&expected, "Indent") {
        if let Some((header, what)) = open_block_header(history, at) {
            let line = index.line_of(header);
            return located(SyntaxError::indentation(
                format!("expected an indented block after {what} on line {line}"),
                Span::new(token_span.start, token_span.start),
            ));
        }
    }
    if expects(&expected, "\"except\"") && expects(&expected, "\"finally\"") {
        return located(SyntaxError::new(
            "expected 'except' or 'finally' block",
            Span::new(token_span.start, token_span.start),
        ));
    }
    if matches!(token, Some(Tok::Newline)) && expects(&expected, "\":\"") {
        return SyntaxError::new("expected ':'", token_span);
    }
    let prev = at.checked_sub(1).and_then(|i| history.get(i));
    if let (Some(tok), Some((prev_start, prev_tok, _))) = (&token, prev) {
        let first = line_start(history, at);
        // `print "hello"`: the Python 2 statement.
        if first + 1 == at {
            if let Tok::Name(n) = prev_tok {
                if (&**n == "print" || &**n == "exec") && starts_atom(tok) {
                    let line_end = source[*prev_start as usize..]
                        .find('\n')
                        .map(|i| *prev_start + i as u32)
                        .unwrap_or(end);
                    return SyntaxError::new(
                        format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                        Span::new(*prev_start, line_end),
                    );
                }
            }
        }
        let depth = bracket_depth(history, at);
        if depth > 0
            && starts_atom(tok)
            && ends_atom(prev_tok)
            && !(matches!(prev_tok, Tok::Name(_)) && is_string(tok))
        {
            return SyntaxError::new(
                "invalid syntax. Perhaps you forgot a comma?",
                Span::new(*prev_start, token_span.end),
            );
        }
        if matches!(tok, Tok::Equal) && matches!(prev_tok, Tok::Name(_)) {
            let in_header = matches!(
                history.get(first).map(|t| &t.1),
                Some(Tok::If | Tok::Elif | Tok::While)
            );
            if depth > 0 || in_header {
                return SyntaxError::new(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    Span::new(*prev_start, token_span.end),
                );
            }
        }
        if expects(&expected, "\"else\"") && !expects(&expected, "\":\"") {
            if let Some(if_at) = (first..at).rev().find(|&i| matches!(history[i].1, Tok::If)) {
                if if_at > first {
                    let start = history[if_at - 1].0;
                    return SyntaxError::new(
                        "expected 'else' after 'if' expression",
                        Span::new(start, history[at - 1].2),
                    );
                }
            }
        }
    }
    located(SyntaxError::new("invalid syntax", token_span))
}
