//! The layout pass (Python Language Reference §2.1 "Line structure": logical lines,
//! explicit and implicit line joining, blank lines, indentation, and the NEWLINE,
//! INDENT and DEDENT tokens). It drives the raw tokenizer of `lexer.rs`, tracks
//! brackets and the indentation stack like CPython 3.11's `tok_get`, decodes literals
//! and reports tokenizer errors with CPython's message, class and caret position.
//!
//! Where CPython raises an error matters as much as what it says, so the pass mirrors
//! three CPython habits: a literal's escapes are decoded only after the token that
//! follows the run of adjacent literals has been read (the error points at that
//! token, and a tokenizer error in it wins); a few characters (`$`, `?`, `` ` ``, a
//! lone `!`, `<>`) are not tokenizer errors but "invalid syntax" from the parser; and
//! after the parser gives up, the rest of the file is tokenized again to look for a
//! tokenizer error that should be reported instead ([`Lexer::later_tokenizer_error`]).

use super::ast::Ident;
use super::error::SyntaxError;
use super::fstring::split_fstring;
use super::lexer::{identifier_prefix_len, is_printable, number_value, RawError, RawTok, StrStart};
use super::literal::{decode_bytes, decode_str, LiteralError};
use super::span::Span;
use super::token::Tok;
use logos::Logos;
use num_bigint::BigInt;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

/// What the parser consumes: a token with its byte span, or the error that ends lexing.
pub type Spanned = Result<(u32, Tok, u32), SyntaxError>;

/// A tab advances to the next multiple of 8 columns (CPython's `tok->tabsize`).
const TAB_SIZE: usize = 8;
/// CPython's MAXINDENT: at most 99 nested indentation levels.
const MAX_INDENT: usize = 100;
/// CPython's MAXLEVEL: at most 200 open brackets.
const MAX_LEVEL: usize = 200;

/// How an error behaves when the parser has already failed and CPython tokenizes the
/// rest of the file (`_PyPegen_tokenize_full_source_to_check_for_errors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Raised by the tokenizer itself: it replaces the parser's error.
    Raised,
    /// The tokenizer only stops (bad indentation, bad continuation, end of file): the
    /// parser's error stands, unless a bracket opened on an earlier line is unclosed.
    Halting,
    /// Not a tokenizer error at all in CPython; tokenizing goes on past it.
    Soft,
}

/// One step of the pass, before the `base_offset` shift.
enum Item {
    Tok(u32, Tok, u32),
    /// A literal whose body does not decode. `at` is set when CPython points at the
    /// literal itself; otherwise it points at the token after the run of literals.
    BadLiteral {
        message: String,
        at: Option<Span>,
    },
    Error(SyntaxError, Class),
    End,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Running,
    /// `next` returned an error the parser reports, but tokenizing may go on when
    /// looking for a later tokenizer error.
    SoftStopped,
    Stopped,
}

/// The token stream of a module (or of an f-string's expression), as an iterator of
/// [`Spanned`] items. After it has yielded an error it yields `None`.
pub struct Lexer<'a> {
    source: &'a str,
    raw: logos::Lexer<'a, RawTok>,
    /// Added to every span (an f-string expression's offset in its file).
    base: u32,
    /// Expression mode: as if inside brackets, no NEWLINE/INDENT/DEDENT.
    expression: bool,
    queue: VecDeque<(u32, Tok, u32)>,
    /// Indentation stack of (column, column counting tabs as 1), as CPython keeps
    /// `indstack` and `altindstack`; the bottom entry is (0, 0).
    indents: Vec<(usize, usize)>,
    /// Open brackets: the character and its byte offset.
    parens: Vec<(u8, usize)>,
    at_bol: bool,
    /// The logical line has tokens, so a NEWLINE is due at its end.
    pending_newline: bool,
    /// Start of CPython's line buffer (`tok->buf`), which only the E_LINECONT caret
    /// uses: reset at each new line, except lines joined by a backslash or read
    /// inside a multi-line string.
    buf_start: usize,
    /// Start of the first line holding a NUL byte (CPython refuses it when reading
    /// that line), or `usize::MAX`.
    nul_line: usize,
    /// An error to report before anything else (source too large).
    pending_error: Option<SyntaxError>,
    finished: bool,
    state: State,
    /// Decode literals and intern names; off while only looking for errors.
    decode: bool,
    names: HashMap<&'a str, Ident>,
    placeholder_name: Option<Ident>,
}

impl<'a> Lexer<'a> {
    /// A lexer for a whole module (file mode).
    pub fn new(source: &'a str) -> Lexer<'a> {
        Lexer::with_mode(source, 0, false)
    }

    /// A lexer for an f-string field's expression text, found at `base_offset` in its
    /// file: it behaves as if inside parentheses (no NEWLINE, INDENT or DEDENT) and
    /// shifts every span by `base_offset`.
    pub fn new_expression(source: &'a str, base_offset: u32) -> Lexer<'a> {
        Lexer::with_mode(source, base_offset, true)
    }

    fn with_mode(source: &'a str, base: u32, expression: bool) -> Lexer<'a> {
        let mut raw = RawTok::lexer(source);
        // Reading a file decodes and drops a UTF-8 byte order mark.
        if !expression && source.starts_with('\u{feff}') {
            raw.bump('\u{feff}'.len_utf8());
        }
        let nul_line = match source.bytes().position(|b| b == 0) {
            Some(nul) => line_start_of(source, nul),
            None => usize::MAX,
        };
        let pending_error =
            (source.len() as u64 + base as u64 >= u32::MAX as u64).then(|| SyntaxError {
                show_source: false,
                ..SyntaxError::new("source code too large", Span::new(0, 0))
            });
        let start = raw.span().end;
        Lexer {
            source,
            raw,
            base,
            expression,
            queue: VecDeque::new(),
            indents: vec![(0, 0)],
            parens: Vec::new(),
            at_bol: !expression,
            pending_newline: false,
            buf_start: start,
            nul_line,
            pending_error,
            finished: false,
            state: State::Running,
            decode: true,
            names: HashMap::new(),
            placeholder_name: None,
        }
    }

    /// After the parser stopped at a syntax error, tokenizes the rest of the source
    /// and returns the tokenizer error CPython 3.11 would report instead, if any
    /// (`_PyPegen_tokenize_full_source_to_check_for_errors`). `parser_error_offset` is
    /// the start of the last token the parser read; an unclosed bracket replaces the
    /// parser's error only when that token is on a later line than the bracket.
    /// Returns `None` at once if this lexer has already yielded a tokenizer error.
    /// CPython skips this check when its error is "unexpected indent/unindent" found
    /// at an INDENT or DEDENT token.
    pub fn later_tokenizer_error(&mut self, parser_error_offset: u32) -> Option<SyntaxError> {
        if self.state == State::Stopped {
            return None;
        }
        self.state = State::Stopped;
        self.decode = false;
        loop {
            match self.produce() {
                Item::Tok(..) | Item::BadLiteral { .. } | Item::Error(_, Class::Soft) => {}
                Item::End => return None,
                Item::Error(error, Class::Raised) => return Some(self.shift(error)),
                Item::Error(_, Class::Halting) => {
                    let &(open, at) = self.parens.last()?;
                    let error_at = parser_error_offset.saturating_sub(self.base) as usize;
                    return (self.line_number(error_at) > self.line_number(at))
                        .then(|| self.shift(never_closed(open, at)));
                }
            }
        }
    }

    /// SyntaxWarnings found so far (a number glued to a keyword, as in `1if x else 2`:
    /// "invalid decimal literal"), with the span of the number's last character.
    pub fn warnings(&self) -> Vec<(Span, String)> {
        self.raw
            .extras
            .warnings
            .iter()
            .map(|&(at, kind)| {
                let at = at + self.base;
                (Span::new(at, at + 1), format!("invalid {kind} literal"))
            })
            .collect()
    }

    fn shift(&self, mut error: SyntaxError) -> SyntaxError {
        error.span.start += self.base;
        error.span.end += self.base;
        error
    }

    /// The next token or error of the pass, unshifted.
    fn produce(&mut self) -> Item {
        if let Some(error) = self.pending_error.take() {
            self.finished = true;
            return Item::Error(error, Class::Raised);
        }
        loop {
            if let Some((start, tok, end)) = self.queue.pop_front() {
                return Item::Tok(start, tok, end);
            }
            if self.finished {
                return Item::End;
            }
            if self.at_bol {
                self.at_bol = false;
                if let Some(item) = self.begin_line() {
                    return item;
                }
                continue;
            }
            let token = self.raw.next();
            let span = self.raw.span();
            if span.end > self.nul_line {
                return self.nul_error();
            }
            let Some(token) = token else {
                if let Some(item) = self.end_of_input() {
                    return item;
                }
                continue;
            };
            match token {
                Ok(RawTok::Newline) => {
                    self.at_bol = true;
                    self.buf_start = span.end;
                    if !self.expression && self.parens.is_empty() && self.pending_newline {
                        self.pending_newline = false;
                        return Item::Tok(span.start as u32, Tok::Newline, span.end as u32);
                    }
                }
                Ok(RawTok::Continuation) => {
                    if span.end >= self.source.len() {
                        return self.eof_after_continuation(span.start + 1);
                    }
                }
                Ok(RawTok::Backslash) => {
                    if span.end >= self.source.len() {
                        return self.eof_after_continuation(span.end);
                    }
                    return self.line_continuation_error(span.start);
                }
                Ok(RawTok::Name) => {
                    self.pending_newline = true;
                    return self.name(span.start, span.end);
                }
                Ok(RawTok::Number(kind)) => {
                    self.pending_newline = true;
                    let tok = if self.decode {
                        number_value(&self.source[span.clone()], kind)
                    } else {
                        Tok::Int(BigInt::default())
                    };
                    return Item::Tok(span.start as u32, tok, span.end as u32);
                }
                Ok(RawTok::String(start)) => {
                    self.pending_newline = true;
                    return self.string(start, span.start, span.end);
                }
                Ok(RawTok::LessGreater) => {
                    self.pending_newline = true;
                    let span = Span::new(span.start as u32, span.end as u32);
                    return Item::Error(SyntaxError::new("invalid syntax", span), Class::Soft);
                }
                Ok(RawTok::Op(tok)) => {
                    self.pending_newline = true;
                    return self.operator(tok, span.start, span.end);
                }
                Err(error) => {
                    self.pending_newline = true;
                    return self.raw_error(error, span.start, span.end);
                }
            }
        }
    }

    /// CPython's `atbol` block: measures the indentation of a new line and queues
    /// INDENT/DEDENT tokens, unless the line is blank or inside brackets.
    fn begin_line(&mut self) -> Option<Item> {
        if self.expression {
            return None;
        }
        let src = self.source.as_bytes();
        let mut pos = self.raw.span().end;
        let mut line_start = pos;
        if line_start >= self.nul_line {
            return Some(self.nul_error());
        }
        let (mut col, mut altcol, mut cont_col) = (0usize, 0usize, 0usize);
        loop {
            match src.get(pos) {
                Some(b' ') => {
                    col += 1;
                    altcol += 1;
                }
                Some(b'\t') => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                Some(b'\x0c') => {
                    col = 0;
                    altcol = 0;
                }
                Some(b'\\') => {
                    // The first backslash found fixes the indentation of what
                    // follows (indentation cannot be split across lines).
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    let newline = newline_len(src, pos + 1);
                    if newline == 0 {
                        if pos + 1 >= src.len() {
                            return Some(self.eof_after_continuation_at_bol(line_start));
                        }
                        self.buf_start = line_start;
                        return Some(self.line_continuation_error(pos));
                    }
                    pos += 1 + newline;
                    if pos >= src.len() {
                        return Some(self.eof_after_continuation_at_bol(line_start));
                    }
                    line_start = pos;
                    self.buf_start = pos;
                    if pos >= self.nul_line {
                        return Some(self.nul_error());
                    }
                    continue;
                }
                _ => break,
            }
            pos += 1;
        }
        let next = src.get(pos).copied();
        if matches!(next, Some(b'#' | b'\n' | b'\r')) || !self.parens.is_empty() {
            return None;
        }
        if next.is_none() {
            // End of file: trailing blanks form a blank line, then column 0.
            col = 0;
            altcol = 0;
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let at = pos as u32;
        let (top, top_alt) = self.top_indent();
        if col == top {
            if altcol != top_alt {
                return Some(self.tab_error(line_start));
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                let span = Span::new(line_start as u32, line_start as u32);
                let error = SyntaxError::indentation("too many levels of indentation", span);
                return Some(Item::Error(error, Class::Halting));
            }
            if altcol <= top_alt {
                return Some(self.tab_error(line_start));
            }
            self.indents.push((col, altcol));
            self.queue.push_back((at, Tok::Indent, at));
        } else {
            while self.indents.len() > 1 && col < self.top_indent().0 {
                self.indents.pop();
                self.queue.push_back((at, Tok::Dedent, at));
            }
            let (top, top_alt) = self.top_indent();
            if col != top {
                self.queue.clear();
                // CPython's caret: the end of the offending line.
                let end = line_end_of(self.source, pos) as u32;
                let error = SyntaxError::indentation(
                    "unindent does not match any outer indentation level",
                    Span::new(end, end),
                );
                return Some(Item::Error(error, Class::Halting));
            }
            if altcol != top_alt {
                self.queue.clear();
                return Some(self.tab_error(line_start));
            }
        }
        None
    }

    fn top_indent(&self) -> (usize, usize) {
        self.indents.last().copied().unwrap_or((0, 0))
    }

    /// TabError: CPython points at column 0, inside the indentation, so no caret shows.
    fn tab_error(&self, line_start: usize) -> Item {
        let at = line_start as u32;
        let error = SyntaxError::tab(
            "inconsistent use of tabs and spaces in indentation",
            Span::new(at, at),
        );
        Item::Error(error, Class::Halting)
    }

    /// End of input: an unclosed bracket is an error; otherwise the last NEWLINE (when
    /// the last line has no line break) and the DEDENTs back to column 0.
    fn end_of_input(&mut self) -> Option<Item> {
        if let Some(&(open, at)) = self.parens.last() {
            return Some(Item::Error(never_closed(open, at), Class::Halting));
        }
        self.finished = true;
        if !self.expression {
            let end = self.source.len() as u32;
            if self.pending_newline {
                self.pending_newline = false;
                self.queue.push_back((end, Tok::Newline, end));
            }
            while self.indents.len() > 1 {
                self.indents.pop();
                self.queue.push_back((end, Tok::Dedent, end));
            }
        }
        None
    }

    /// A backslash continuation with nothing after it: CPython's E_EOF, which becomes
    /// "'(' was never closed" inside brackets. `at` is just after the backslash.
    fn eof_after_continuation(&self, at: usize) -> Item {
        if let Some(&(open, pos)) = self.parens.last() {
            return Item::Error(never_closed(open, pos), Class::Halting);
        }
        let at = at as u32;
        let error = SyntaxError::new("unexpected EOF while parsing", Span::new(at, at));
        Item::Error(error, Class::Halting)
    }

    /// The same, for a backslash in a line's indentation: CPython gives offset 0, so
    /// no caret shows.
    fn eof_after_continuation_at_bol(&self, line_start: usize) -> Item {
        if let Some(&(open, pos)) = self.parens.last() {
            return Item::Error(never_closed(open, pos), Class::Halting);
        }
        let at = line_start as u32;
        let error = SyntaxError::new("unexpected EOF while parsing", Span::new(at, at));
        Item::Error(error.without_caret(), Class::Halting)
    }

    /// E_LINECONT. CPython computes the caret as the offset of the character after
    /// the backslash from the start of its line buffer, applied to the current line
    /// and clipped to its end: usually that character, further right after a chain of
    /// continuation lines.
    fn line_continuation_error(&self, backslash: usize) -> Item {
        let after = backslash + 1;
        let line_start = line_start_of(self.source, backslash);
        let line_end = line_end_of(self.source, after);
        let column = after.saturating_sub(self.buf_start);
        let mut caret = (line_start + column).min(line_end);
        while !self.source.is_char_boundary(caret) {
            caret -= 1;
        }
        let at = caret as u32;
        let error = SyntaxError::new(
            "unexpected character after line continuation character",
            Span::new(at, at),
        );
        Item::Error(error, Class::Halting)
    }

    fn nul_error(&mut self) -> Item {
        self.finished = true;
        let at = self.nul_line.min(self.source.len()) as u32;
        let error = SyntaxError::new("source code cannot contain null bytes", Span::new(at, at));
        let error = error.without_caret();
        Item::Error(error, Class::Raised)
    }

    fn name(&mut self, start: usize, end: usize) -> Item {
        let text = &self.source[start..end];
        let (s, e) = (start as u32, end as u32);
        if text.is_ascii() {
            if let Some(keyword) = Tok::keyword(text) {
                return Item::Tok(s, keyword, e);
            }
        } else {
            let valid = identifier_prefix_len(text);
            if let Some(bad) = text[valid..].chars().next() {
                let at = (start + valid) as u32;
                return Item::Error(invalid_character(bad, at), Class::Raised);
            }
        }
        if !self.decode {
            let name = self
                .placeholder_name
                .get_or_insert_with(|| Rc::from(""))
                .clone();
            return Item::Tok(s, Tok::Name(name), e);
        }
        // CPython matches keywords on the text as written, then NFKC-normalises
        // the identifier: `ｉｆ` is the name `if`, not the keyword.
        let name = self
            .names
            .entry(text)
            .or_insert_with(|| {
                if text.is_ascii() {
                    Rc::from(text)
                } else {
                    Rc::from(text.nfkc().collect::<String>())
                }
            })
            .clone();
        Item::Tok(s, Tok::Name(name), e)
    }

    fn string(&mut self, start: StrStart, s: usize, e: usize) -> Item {
        let (s32, e32) = (s as u32, e as u32);
        if !self.decode {
            return Item::Tok(s32, Tok::Str(String::new()), e32);
        }
        let body = start.body(&self.source[s..e]);
        let body_offset =
            self.base + (s + start.prefix_len as usize + start.quote_len as usize) as u32;
        let decoded = if start.format {
            split_fstring(body, start.raw, body_offset)
                .map(Tok::FString)
                .map_err(|message| (message, None))
        } else if start.bytes {
            decode_bytes(body, start.raw)
                .map(Tok::Bytes)
                .map_err(|error| {
                    let at =
                        matches!(error, LiteralError::NonAsciiBytes).then(|| Span::new(s32, e32));
                    (error.message(), at)
                })
        } else {
            decode_str(body, start.raw)
                .map(Tok::Str)
                .map_err(|error| (error.message(), None))
        };
        match decoded {
            Ok(tok) => Item::Tok(s32, tok, e32),
            Err((message, at)) => Item::BadLiteral { message, at },
        }
    }

    fn operator(&mut self, tok: Tok, start: usize, end: usize) -> Item {
        let (s, e) = (start as u32, end as u32);
        let bracket = match tok {
            Tok::LPar => b'(',
            Tok::LSqb => b'[',
            Tok::LBrace => b'{',
            Tok::RPar => b')',
            Tok::RSqb => b']',
            Tok::RBrace => b'}',
            _ => return Item::Tok(s, tok, e),
        };
        let at = Span::new(s, s);
        if matches!(bracket, b'(' | b'[' | b'{') {
            if self.parens.len() >= MAX_LEVEL {
                let error = SyntaxError::new("too many nested parentheses", at);
                return Item::Error(error, Class::Raised);
            }
            self.parens.push((bracket, start));
            return Item::Tok(s, tok, e);
        }
        let Some((open, open_at)) = self.parens.pop() else {
            let error = SyntaxError::new(format!("unmatched '{}'", bracket as char), at);
            return Item::Error(error, Class::Raised);
        };
        if !matches!((open, bracket), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
            let (close, open) = (bracket as char, open as char);
            let message = if self.source[open_at..start].contains(['\n', '\r']) {
                let line = self.line_number(open_at);
                format!(
                    "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {line}"
                )
            } else {
                format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
            };
            return Item::Error(SyntaxError::new(message, at), Class::Raised);
        }
        Item::Tok(s, tok, e)
    }

    fn raw_error(&mut self, error: RawError, start: usize, end: usize) -> Item {
        match error {
            RawError::Number {
                message,
                start,
                end,
            } => Item::Error(
                SyntaxError::new(message, Span::new(start, end)),
                Class::Raised,
            ),
            RawError::Unterminated { triple } => {
                let line = self.detected_line(end);
                let message = if triple {
                    format!("unterminated triple-quoted string literal (detected at line {line})")
                } else {
                    format!("unterminated string literal (detected at line {line})")
                };
                let at = start as u32;
                Item::Error(SyntaxError::new(message, Span::new(at, at)), Class::Raised)
            }
            RawError::Unrecognized => {
                let ch = self.source[start..].chars().next().unwrap_or('\0');
                if ch == '\0' {
                    return self.nul_error();
                }
                if !is_printable(ch) {
                    return Item::Error(invalid_character(ch, start as u32), Class::Raised);
                }
                // `$`, `?`, `` ` `` and a lone `!` are operator tokens to CPython's
                // tokenizer, which its parser then rejects.
                let span = Span::new(start as u32, (start + ch.len_utf8()).max(end) as u32);
                Item::Error(SyntaxError::new("invalid syntax", span), Class::Soft)
            }
        }
    }

    /// CPython decodes a run of adjacent literals only when the parser has read the
    /// token after it: the error points at that token (or, for non-ASCII bytes, at the
    /// literal), and a tokenizer error in that token is reported instead.
    fn locate_literal_error(&mut self, message: String, at: Option<Span>) -> SyntaxError {
        loop {
            match self.produce() {
                Item::Tok(_, Tok::Str(_) | Tok::Bytes(_) | Tok::FString(_), _)
                | Item::BadLiteral { .. } => {}
                Item::Tok(s, tok, e) => {
                    self.state = State::SoftStopped;
                    let next = if tok == Tok::Newline {
                        Span::new(s, s)
                    } else {
                        Span::new(s, e)
                    };
                    return self.shift(SyntaxError::new(message, at.unwrap_or(next)));
                }
                Item::Error(error, Class::Soft) => {
                    self.state = State::SoftStopped;
                    return self.shift(SyntaxError::new(message, at.unwrap_or(error.span)));
                }
                Item::Error(error, _) => {
                    self.state = State::Stopped;
                    return self.shift(error);
                }
                Item::End => {
                    self.state = State::Stopped;
                    let end = self.source.len() as u32;
                    let next = Span::new(end, end);
                    return self.shift(SyntaxError::new(message, at.unwrap_or(next)));
                }
            }
        }
    }

    /// 1-based line of a byte offset, counting `\r\n`, `\r` and `\n` as CPython does.
    fn line_number(&self, offset: usize) -> usize {
        let bytes = self.source.as_bytes();
        let upto = &bytes[..offset.min(bytes.len())];
        let mut line = 1;
        for (i, &c) in upto.iter().enumerate() {
            if c == b'\n' || (c == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                line += 1;
            }
        }
        line
    }

    /// The line CPython names in "detected at line N": where the scan stopped, with
    /// end of file counted on the last line (the line break ending it included).
    fn detected_line(&self, offset: usize) -> usize {
        let bytes = self.source.as_bytes();
        if offset >= bytes.len() {
            if bytes.ends_with(b"\r\n") {
                return self.line_number(bytes.len() - 2);
            }
            if bytes.ends_with(b"\n") || bytes.ends_with(b"\r") {
                return self.line_number(bytes.len() - 1);
            }
        }
        self.line_number(offset)
    }
}

impl Iterator for Lexer<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        if self.state != State::Running {
            return None;
        }
        let base = self.base;
        match self.produce() {
            Item::Tok(start, tok, end) => Some(Ok((start + base, tok, end + base))),
            Item::End => {
                self.state = State::Stopped;
                None
            }
            Item::Error(error, class) => {
                self.state = if class == Class::Soft {
                    State::SoftStopped
                } else {
                    State::Stopped
                };
                Some(Err(self.shift(error)))
            }
            Item::BadLiteral { message, at } => Some(Err(self.locate_literal_error(message, at))),
        }
    }
}

fn never_closed(open: u8, at: usize) -> SyntaxError {
    let at = at as u32;
    SyntaxError::new(
        format!("'{}' was never closed", open as char),
        Span::new(at, at),
    )
}

fn invalid_character(ch: char, at: u32) -> SyntaxError {
    let code = ch as u32;
    let message = if is_printable(ch) {
        format!("invalid character '{ch}' (U+{code:04X})")
    } else {
        format!("invalid non-printable character U+{code:04X}")
    };
    SyntaxError::new(message, Span::new(at, at))
}

/// Length of the line break at `pos` (0 if none).
fn newline_len(src: &[u8], pos: usize) -> usize {
    match (src.get(pos), src.get(pos + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\r' | b'\n'), _) => 1,
        _ => 0,
    }
}

/// Start of the line holding byte `pos`.
fn line_start_of(source: &str, pos: usize) -> usize {
    let pos = pos.min(source.len());
    source.as_bytes()[..pos]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// End of the text of the line holding byte `pos` (its line break, or end of file).
fn line_end_of(source: &str, pos: usize) -> usize {
    let pos = pos.min(source.len());
    source.as_bytes()[pos..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(source.len(), |i| pos + i)
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
