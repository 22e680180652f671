//! The raw tokenizer (Python Language Reference §2.1.3–§2.6: comments, explicit line
//! joining, identifiers, keywords, literals, operators and delimiters), a logos DFA.
//! It knows nothing of indentation or brackets: `layout.rs` turns its tokens into the
//! parser's [`Tok`]s. Numeric literals and string literals are matched by their first
//! characters and finished by hand-written scanners that mirror CPython 3.11's
//! `Parser/tokenizer.c` step by step, because CPython's error messages and caret
//! positions for malformed literals (`1_`, `0o8`, `012`, unterminated strings) follow
//! from exactly where that code stops reading.

use super::token::Tok;
use logos::Logos;
use num_bigint::BigInt;

/// What can go wrong inside one raw token.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawError {
    /// No pattern matched here: a stray character, which `layout.rs` names.
    #[default]
    Unrecognized,
    /// A malformed numeric literal, with CPython's message and caret span (absolute
    /// byte offsets).
    Number {
        message: String,
        start: u32,
        end: u32,
    },
    /// A string literal that runs into the end of its line or of the file; the token's
    /// span ends where the scan gave up.
    Unterminated { triple: bool },
}

/// State the callbacks share with the layout pass.
#[derive(Default)]
pub struct RawExtras {
    /// `1if x else y`: a number glued to a keyword is accepted with a SyntaxWarning
    /// ("invalid decimal literal"); byte offset of the caret and the literal's kind.
    pub warnings: Vec<(u32, &'static str)>,
}

/// The kind of a numeric literal; its value is read from the token text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    Int { radix: u32 },
    Float,
    Imaginary,
}

/// The prefix and quotes of a string literal, enough to find and decode its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrStart {
    /// Bytes of prefix letters before the opening quote (0–2).
    pub prefix_len: u8,
    /// 1 or 3.
    pub quote_len: u8,
    pub bytes: bool,
    pub raw: bool,
    pub format: bool,
}

impl StrStart {
    /// The text between the quotes of `token` (the whole literal's text).
    pub fn body<'t>(&self, token: &'t str) -> &'t str {
        let open = self.prefix_len as usize + self.quote_len as usize;
        let close = token
            .len()
            .saturating_sub(self.quote_len as usize)
            .max(open);
        token.get(open..close).unwrap_or("")
    }
}

#[derive(Logos, Clone, Debug, PartialEq)]
#[logos(error = RawError, extras = RawExtras)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
pub enum RawTok {
    /// `\r\n`, `\r` or `\n`: CPython reads source with universal newlines.
    #[regex(r"\r\n|\r|\n")]
    Newline,
    /// Explicit line joining (§2.1.5): a backslash ending a physical line.
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    /// A backslash not followed by a line break: an error, or end of file.
    #[token("\\")]
    Backslash,
    /// A run of characters that may form an identifier: ASCII letters, digits, `_`
    /// and any non-ASCII character, as CPython's tokenizer scans it before checking
    /// the run against XID_Start/XID_Continue (so `a€b` fails at `€`).
    #[regex(r"([A-Za-z_]|[^\x00-\x7F])([A-Za-z0-9_]|[^\x00-\x7F])*")]
    Name,
    /// The prefix and opening quote of a string literal; the callback scans to the
    /// closing quote. Only CPython's prefixes are listed, so `ub"x"` is a name `ub`
    /// followed by a string, as in CPython.
    #[regex(r#"([rRuUfFbB]|[rR][bBfF]|[bBfF][rR])?["']"#, scan_string)]
    String(StrStart),
    #[regex(r"[0-9]", scan_number)]
    #[regex(r"\.[0-9]", scan_number)]
    Number(NumKind),
    /// `<>`: only valid under `from __future__ import barry_as_FLUFL`; CPython's
    /// parser reports "invalid syntax" on it.
    #[token("<>")]
    LessGreater,

    #[token("(", |_| Tok::LPar)]
    #[token(")", |_| Tok::RPar)]
    #[token("[", |_| Tok::LSqb)]
    #[token("]", |_| Tok::RSqb)]
    #[token("{", |_| Tok::LBrace)]
    #[token("}", |_| Tok::RBrace)]
    #[token(":", |_| Tok::Colon)]
    #[token(",", |_| Tok::Comma)]
    #[token(";", |_| Tok::Semi)]
    #[token("+", |_| Tok::Plus)]
    #[token("-", |_| Tok::Minus)]
    #[token("*", |_| Tok::Star)]
    #[token("/", |_| Tok::Slash)]
    #[token("|", |_| Tok::VBar)]
    #[token("&", |_| Tok::Amper)]
    #[token("<", |_| Tok::Less)]
    #[token(">", |_| Tok::Greater)]
    #[token("=", |_| Tok::Equal)]
    #[token(".", |_| Tok::Dot)]
    #[token("%", |_| Tok::Percent)]
    #[token("==", |_| Tok::EqEqual)]
    #[token("!=", |_| Tok::NotEqual)]
    #[token("<=", |_| Tok::LessEqual)]
    #[token(">=", |_| Tok::GreaterEqual)]
    #[token("~", |_| Tok::Tilde)]
    #[token("^", |_| Tok::Circumflex)]
    #[token("<<", |_| Tok::LeftShift)]
    #[token(">>", |_| Tok::RightShift)]
    #[token("**", |_| Tok::DoubleStar)]
    #[token("+=", |_| Tok::PlusEqual)]
    #[token("-=", |_| Tok::MinusEqual)]
    #[token("*=", |_| Tok::StarEqual)]
    #[token("/=", |_| Tok::SlashEqual)]
    #[token("%=", |_| Tok::PercentEqual)]
    #[token("&=", |_| Tok::AmperEqual)]
    #[token("|=", |_| Tok::VBarEqual)]
    #[token("^=", |_| Tok::CircumflexEqual)]
    #[token("<<=", |_| Tok::LeftShiftEqual)]
    #[token(">>=", |_| Tok::RightShiftEqual)]
    #[token("**=", |_| Tok::DoubleStarEqual)]
    #[token("//", |_| Tok::DoubleSlash)]
    #[token("//=", |_| Tok::DoubleSlashEqual)]
    #[token("@", |_| Tok::At)]
    #[token("@=", |_| Tok::AtEqual)]
    #[token("->", |_| Tok::RArrow)]
    #[token("...", |_| Tok::Ellipsis)]
    #[token(":=", |_| Tok::ColonEqual)]
    Op(Tok),
}

/// Checks an identifier run against PEP 3131 (the grammar CPython's
/// `_PyUnicode_ScanIdentifier` applies before NFKC normalisation).
#[derive(Logos)]
enum XidName {
    #[regex(r"[\p{XID_Start}_]\p{XID_Continue}*")]
    Ident,
}

/// Byte length of the longest prefix of `text` that is a valid identifier (0 when the
/// first character cannot start one).
pub fn identifier_prefix_len(text: &str) -> usize {
    let mut lexer = XidName::lexer(text);
    match lexer.next() {
        Some(Ok(XidName::Ident)) => lexer.span().end,
        _ => 0,
    }
}

/// CPython's `Py_UNICODE_ISPRINTABLE`: false for controls, separators other than the
/// space, format characters, surrogates, private use and unassigned code points.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return (0x20..0x7F).contains(&cp);
    }
    let table = super::unicode_data::NON_PRINTABLE;
    // The ranges are sorted and disjoint: find the last one starting at or before cp.
    let i = table.partition_point(|&(lo, _)| lo <= cp);
    !(i > 0 && cp <= table[i - 1].1)
}

fn scan_string(lex: &mut logos::Lexer<'_, RawTok>) -> Result<StrStart, RawError> {
    let opening = lex.slice().as_bytes();
    // The regex guarantees at least the quote character.
    let quote = opening[opening.len() - 1];
    let prefix = &opening[..opening.len() - 1];
    let has = |letters: &[u8]| prefix.iter().any(|c| letters.contains(c));
    let mut start = StrStart {
        prefix_len: prefix.len() as u8,
        quote_len: 1,
        bytes: has(b"bB"),
        raw: has(b"rR"),
        format: has(b"fF"),
    };
    let rest = lex.remainder().as_bytes();
    // Mirrors tokenizer.c at `letter_quote`: two more quotes open a triple-quoted
    // string, one more closes an empty one.
    let mut i = 0;
    if rest.first() == Some(&quote) {
        if rest.get(1) == Some(&quote) {
            start.quote_len = 3;
            i = 2;
        } else {
            lex.bump(1);
            return Ok(start);
        }
    }
    let triple = start.quote_len == 3;
    loop {
        match rest.get(i) {
            None => {
                lex.bump(i);
                return Err(RawError::Unterminated { triple });
            }
            Some(b'\n' | b'\r') if !triple => {
                lex.bump(i);
                return Err(RawError::Unterminated { triple });
            }
            Some(&c) if c == quote => {
                if !triple {
                    lex.bump(i + 1);
                    return Ok(start);
                }
                if rest.get(i + 1) == Some(&quote) && rest.get(i + 2) == Some(&quote) {
                    lex.bump(i + 3);
                    return Ok(start);
                }
                i += 1;
            }
            Some(b'\\') => {
                // The escaped character never ends the string; `\r\n` is one newline.
                i += 1;
                match rest.get(i) {
                    None => {}
                    Some(b'\r') if rest.get(i + 1) == Some(&b'\n') => i += 2,
                    Some(&c) => i += utf8_len(c),
                }
            }
            Some(_) => i += 1,
        }
    }
}

/// Length of the UTF-8 sequence that starts with `lead`.
pub fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn scan_number(lex: &mut logos::Lexer<'_, RawTok>) -> Result<NumKind, RawError> {
    let start = lex.span().start;
    let mut scanner = NumberScanner {
        src: lex.source().as_bytes(),
        cur: start,
        start,
        warning: None,
    };
    let result = scanner.scan();
    if let Some(kind) = scanner.warning {
        lex.extras.warnings.push((scanner.cur as u32 - 1, kind));
    }
    let kind = result?;
    let end = lex.span().end;
    if scanner.cur > end {
        lex.bump(scanner.cur - end);
    }
    Ok(kind)
}

/// A port of the number branch of `tok_get` in CPython 3.11's tokenizer. `cur` is the
/// index of the next unread byte, like `tok->cur`; reading past the end yields `None`
/// and does not advance, like `EOF`.
struct NumberScanner<'s> {
    src: &'s [u8],
    cur: usize,
    start: usize,
    warning: Option<&'static str>,
}

type Scan<T> = Result<T, RawError>;

impl NumberScanner<'_> {
    fn nextc(&mut self) -> Option<u8> {
        let c = self.src.get(self.cur).copied();
        if c.is_some() {
            self.cur += 1;
        }
        c
    }

    fn backup(&mut self, c: Option<u8>) {
        if c.is_some() {
            self.cur -= 1;
        }
    }

    /// `syntaxerror(tok, ...)`: the caret sits on the character before `cur`.
    fn error<T>(&self, message: impl Into<String>) -> Scan<T> {
        let at = self.cur.saturating_sub(1) as u32;
        Err(RawError::Number {
            message: message.into(),
            start: at,
            end: at,
        })
    }

    fn scan(&mut self) -> Scan<NumKind> {
        let first = self.nextc();
        if first == Some(b'.') {
            let c = self.nextc();
            return self.fraction(c);
        }
        if first == Some(b'0') {
            let c = self.nextc();
            return match c {
                Some(b'x' | b'X') => self.radix_literal(16, "hexadecimal"),
                Some(b'o' | b'O') => self.radix_literal(8, "octal"),
                Some(b'b' | b'B') => self.radix_literal(2, "binary"),
                _ => self.zero_prefixed(c),
            };
        }
        let c = self.decimal_tail()?;
        self.after_integer_part(c)
    }

    /// `tok_decimal_tail`: digits with single underscores between them.
    fn decimal_tail(&mut self) -> Scan<Option<u8>> {
        loop {
            let mut c;
            loop {
                c = self.nextc();
                if !is_digit(c) {
                    break;
                }
            }
            if c != Some(b'_') {
                return Ok(c);
            }
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return self.error("invalid decimal literal");
            }
        }
    }

    /// Hexadecimal, octal and binary literals after their `0x`/`0o`/`0b`.
    fn radix_literal(&mut self, radix: u32, kind: &'static str) -> Scan<NumKind> {
        let is_radix_digit = |c: Option<u8>| c.is_some_and(|c| (c as char).is_digit(radix));
        let mut c = self.nextc();
        loop {
            if c == Some(b'_') {
                c = self.nextc();
            }
            if !is_radix_digit(c) {
                if radix != 16 && is_digit(c) {
                    return self.invalid_digit(c, kind);
                }
                self.backup(c);
                return self.error(format!("invalid {kind} literal"));
            }
            loop {
                c = self.nextc();
                if !is_radix_digit(c) {
                    break;
                }
            }
            if c != Some(b'_') {
                break;
            }
        }
        if radix != 16 && is_digit(c) {
            return self.invalid_digit(c, kind);
        }
        self.verify_end(c, kind)?;
        self.backup(c);
        Ok(NumKind::Int { radix })
    }

    fn invalid_digit<T>(&self, c: Option<u8>, kind: &str) -> Scan<T> {
        let digit = c.map_or('?', char::from);
        self.error(format!("invalid digit '{digit}' in {kind} literal"))
    }

    /// A literal starting with `0` and no radix letter: `0`, `0_0`, `0.5`, `00e1`,
    /// `0j`, or the old octal form `012` CPython rejects.
    fn zero_prefixed(&mut self, mut c: Option<u8>) -> Scan<NumKind> {
        loop {
            if c == Some(b'_') {
                c = self.nextc();
                if !is_digit(c) {
                    self.backup(c);
                    return self.error("invalid decimal literal");
                }
            }
            if c != Some(b'0') {
                break;
            }
            c = self.nextc();
        }
        let zeros_end = self.cur;
        let mut nonzero = false;
        if is_digit(c) {
            nonzero = true;
            c = self.decimal_tail()?;
        }
        match c {
            Some(b'.') => {
                let c = self.nextc();
                self.fraction(c)
            }
            Some(b'e' | b'E') => self.exponent(c),
            Some(b'j' | b'J') => self.imaginary(),
            _ if nonzero => {
                // syntaxerror_known_range(start + 1, zeros_end): the carets cover
                // the leading zeros (zeros_end is one past the first other digit).
                self.backup(c);
                Err(RawError::Number {
                    message: "leading zeros in decimal integer literals are not permitted; \
                              use an 0o prefix for octal integers"
                        .into(),
                    start: self.start as u32,
                    end: zeros_end as u32 - 1,
                })
            }
            _ => {
                self.verify_end(c, "decimal")?;
                self.backup(c);
                Ok(NumKind::Int { radix: 10 })
            }
        }
    }

    fn after_integer_part(&mut self, c: Option<u8>) -> Scan<NumKind> {
        match c {
            Some(b'.') => {
                let c = self.nextc();
                self.fraction(c)
            }
            Some(b'e' | b'E') => self.exponent(c),
            Some(b'j' | b'J') => self.imaginary(),
            _ => {
                self.verify_end(c, "decimal")?;
                self.backup(c);
                Ok(NumKind::Int { radix: 10 })
            }
        }
    }

    /// After the `.`: `c` is the first character of the fraction, if any.
    fn fraction(&mut self, mut c: Option<u8>) -> Scan<NumKind> {
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        match c {
            Some(b'e' | b'E') => self.exponent(c),
            Some(b'j' | b'J') => self.imaginary(),
            _ => {
                self.verify_end(c, "decimal")?;
                self.backup(c);
                Ok(NumKind::Float)
            }
        }
    }

    /// At an `e`: an exponent, or (as in `1else`) the end of the number before the `e`.
    fn exponent(&mut self, e: Option<u8>) -> Scan<NumKind> {
        let mut c = self.nextc();
        if matches!(c, Some(b'+' | b'-')) {
            c = self.nextc();
            if !is_digit(c) {
                self.backup(c);
                return self.error("invalid decimal literal");
            }
        } else if !is_digit(c) {
            self.backup(c);
            self.verify_end(e, "decimal")?;
            self.backup(e);
            let text = &self.src[self.start..self.cur];
            let is_float = text.contains(&b'.');
            return Ok(if is_float {
                NumKind::Float
            } else {
                NumKind::Int { radix: 10 }
            });
        }
        c = self.decimal_tail()?;
        if matches!(c, Some(b'j' | b'J')) {
            return self.imaginary();
        }
        self.verify_end(c, "decimal")?;
        self.backup(c);
        Ok(NumKind::Float)
    }

    /// After the `j`.
    fn imaginary(&mut self) -> Scan<NumKind> {
        let c = self.nextc();
        self.verify_end(c, "imaginary")?;
        self.backup(c);
        Ok(NumKind::Imaginary)
    }

    /// `verify_end_of_number`: a literal may not run into a name, except into one of
    /// the keywords that can follow a number (`1if x else 2`), which only warns.
    /// `c` has been read; the cursor is after it.
    fn verify_end(&mut self, c: Option<u8>, kind: &'static str) -> Scan<()> {
        let after = &self.src[self.cur.min(self.src.len())..];
        // `lookahead`: the rest of the keyword, then no identifier character (only
        // `if`, `in` and `is` skip that last check).
        let keyword_rest = |rest: &[u8]| {
            after.starts_with(rest)
                && !after
                    .get(rest.len())
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        };
        let glued_keyword = match c {
            Some(b'a') => keyword_rest(b"nd"),
            Some(b'e') => keyword_rest(b"lse"),
            Some(b'f') => keyword_rest(b"or"),
            Some(b'i') => matches!(after.first(), Some(b'f' | b'n' | b's')),
            Some(b'o') => keyword_rest(b"r"),
            Some(b'n') => keyword_rest(b"ot"),
            _ => false,
        };
        if glued_keyword {
            if self.warning.is_none() {
                self.backup(c);
                self.warning = Some(kind);
                self.nextc();
            }
            return Ok(());
        }
        if c.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
            self.backup(c);
            return self.error(format!("invalid {kind} literal"));
        }
        Ok(())
    }
}

fn is_digit(c: Option<u8>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// The value of a numeric literal the scanner accepted.
pub fn number_value(text: &str, kind: NumKind) -> Tok {
    match kind {
        NumKind::Int { radix } => Tok::Int(int_value(text, radix)),
        NumKind::Float => Tok::Float(float_value(text)),
        NumKind::Imaginary => Tok::Imaginary(float_value(&text[..text.len() - 1])),
    }
}

fn int_value(text: &str, radix: u32) -> BigInt {
    let digits = if radix == 10 { text } else { &text[2..] };
    if radix == 10 && digits.len() <= 19 && !digits.contains('_') {
        if let Ok(small) = digits.parse::<u64>() {
            return BigInt::from(small);
        }
    }
    let cleaned: Vec<u8> = digits.bytes().filter(|&b| b != b'_').collect();
    // The scanner admitted only digits of `radix` and underscores, so parsing cannot
    // fail; the default is never used.
    BigInt::parse_bytes(&cleaned, radix).unwrap_or_default()
}

fn float_value(text: &str) -> f64 {
    let parsed = if text.contains('_') {
        text.replace('_', "").parse::<f64>()
    } else {
        text.parse::<f64>()
    };
    // Rust's parser accepts every form the scanner admits (`1.`, `.5`, `1e5`) and,
    // like CPython's, rounds correctly; the fallback is never used.
    parsed.unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(src: &str) -> Vec<(Result<RawTok, RawError>, &str)> {
        let mut lexer = RawTok::lexer(src);
        let mut out = Vec::new();
        while let Some(t) = lexer.next() {
            out.push((t, lexer.slice()));
        }
        out
    }

    #[test]
    fn operators_longest_match() {
        let toks: Vec<_> = raw("**= // //= ... . -> := != <> <<= >>=")
            .into_iter()
            .map(|(t, _)| t.unwrap())
            .collect();
        assert_eq!(
            toks,
            vec![
                RawTok::Op(Tok::DoubleStarEqual),
                RawTok::Op(Tok::DoubleSlash),
                RawTok::Op(Tok::DoubleSlashEqual),
                RawTok::Op(Tok::Ellipsis),
                RawTok::Op(Tok::Dot),
                RawTok::Op(Tok::RArrow),
                RawTok::Op(Tok::ColonEqual),
                RawTok::Op(Tok::NotEqual),
                RawTok::LessGreater,
                RawTok::Op(Tok::LeftShiftEqual),
                RawTok::Op(Tok::RightShiftEqual),
            ]
        );
    }

    #[test]
    fn string_prefixes() {
        for (src, bytes, raw_, format) in [
            ("'a'", false, false, false),
            ("rb'a'", true, true, false),
            ("Br'a'", true, true, false),
            ("fR'a'", false, true, true),
            ("U'a'", false, false, false),
        ] {
            let toks = raw(src);
            assert_eq!(toks.len(), 1, "{src}");
            match &toks[0].0 {
                Ok(RawTok::String(s)) => {
                    assert_eq!((s.bytes, s.raw, s.format), (bytes, raw_, format), "{src}");
                    assert_eq!(s.body(toks[0].1), "a");
                }
                other => panic!("{src}: {other:?}"),
            }
        }
        // `ub` is not a prefix: a name, then a string.
        let toks = raw("ub'a'");
        assert_eq!(toks[0].0, Ok(RawTok::Name));
        assert_eq!(toks[0].1, "ub");
    }

    #[test]
    fn string_ends() {
        let toks = raw(r#""a\"b" '''x''y''' "" 'q'"#);
        let slices: Vec<_> = toks.iter().map(|t| t.1).collect();
        assert_eq!(slices, vec![r#""a\"b""#, "'''x''y'''", "\"\"", "'q'"]);
        assert_eq!(
            raw("'abc\nx")[0],
            (Err(RawError::Unterminated { triple: false }), "'abc")
        );
        assert_eq!(
            raw("'''abc\nx")[0],
            (Err(RawError::Unterminated { triple: true }), "'''abc\nx")
        );
        // A backslash-newline continues a single-quoted string.
        assert_eq!(raw("'a\\\nb'")[0].1, "'a\\\nb'");
    }

    fn number(src: &str) -> Result<(Tok, &str), RawError> {
        let mut lexer = RawTok::lexer(src);
        match lexer.next() {
            Some(Ok(RawTok::Number(kind))) => {
                Ok((number_value(lexer.slice(), kind), lexer.slice()))
            }
            Some(Err(e)) => Err(e),
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn numbers() {
        let int = |v: u64| Tok::Int(BigInt::from(v));
        assert_eq!(number("0").unwrap().0, int(0));
        assert_eq!(number("1_000").unwrap().0, int(1000));
        assert_eq!(number("0x_fF").unwrap().0, int(255));
        assert_eq!(number("0o17").unwrap().0, int(15));
        assert_eq!(number("0B1_0").unwrap().0, int(2));
        assert_eq!(number("00").unwrap().0, int(0));
        assert_eq!(
            number("123456789012345678901234567890").unwrap().0,
            Tok::Int("123456789012345678901234567890".parse().unwrap())
        );
        assert_eq!(number("1.5").unwrap().0, Tok::Float(1.5));
        assert_eq!(number(".5").unwrap().0, Tok::Float(0.5));
        assert_eq!(number("1.").unwrap().0, Tok::Float(1.0));
        assert_eq!(number("1e-3").unwrap().0, Tok::Float(0.001));
        assert_eq!(number("1_000.5").unwrap().0, Tok::Float(1000.5));
        assert_eq!(number("09.5").unwrap().0, Tok::Float(9.5));
        assert_eq!(number("1j").unwrap().0, Tok::Imaginary(1.0));
        assert_eq!(number("1.5e2J").unwrap().0, Tok::Imaginary(150.0));
        assert_eq!(number("1e400").unwrap().0, Tok::Float(f64::INFINITY));
        // A number followed by a keyword ends before it.
        assert_eq!(number("1if").unwrap().1, "1");
        assert_eq!(number("1else").unwrap().1, "1");
        assert_eq!(number("0x1for").unwrap().1, "0x1f");
        assert_eq!(number("0b1or").unwrap().1, "0b1");
        assert_eq!(number("1ifx").unwrap().1, "1");
    }

    fn number_error(src: &str) -> (String, u32, u32) {
        match number(src) {
            Err(RawError::Number {
                message,
                start,
                end,
            }) => (message, start, end),
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn number_errors_match_cpython() {
        // Caret offsets checked against CPython 3.11 (0-based here).
        let cases = [
            ("1abc", "invalid decimal literal", 0),
            ("1_", "invalid decimal literal", 1),
            ("1__0", "invalid decimal literal", 1),
            ("0x", "invalid hexadecimal literal", 1),
            ("0xg", "invalid hexadecimal literal", 1),
            ("0x_", "invalid hexadecimal literal", 2),
            ("0o8", "invalid digit '8' in octal literal", 2),
            ("0o18", "invalid digit '8' in octal literal", 3),
            ("0b2", "invalid digit '2' in binary literal", 2),
            ("0b1_", "invalid binary literal", 3),
            ("0o", "invalid octal literal", 1),
            ("1e", "invalid decimal literal", 0),
            ("1e+", "invalid decimal literal", 2),
            ("0_o", "invalid decimal literal", 1),
            ("1.5_", "invalid decimal literal", 3),
            ("1.5e5_", "invalid decimal literal", 5),
            ("1jx", "invalid imaginary literal", 1),
            ("1.__class__", "invalid decimal literal", 1),
            ("5elser", "invalid decimal literal", 0),
            ("1andé", "invalid decimal literal", 0),
        ];
        for (src, message, at) in cases {
            assert_eq!(number_error(src), (message.to_string(), at, at), "{src}");
        }
        let leading = "leading zeros in decimal integer literals are not permitted; \
                       use an 0o prefix for octal integers";
        assert_eq!(number_error("012"), (leading.to_string(), 0, 1));
        assert_eq!(number_error("00012"), (leading.to_string(), 0, 3));
        assert_eq!(number_error("0_9"), (leading.to_string(), 0, 2));
    }

    #[test]
    fn identifiers_and_printability() {
        assert_eq!(identifier_prefix_len("größe"), "größe".len());
        assert_eq!(identifier_prefix_len("a€b"), 1);
        assert_eq!(identifier_prefix_len("€"), 0);
        assert_eq!(identifier_prefix_len("_x1"), 3);
        assert!(is_printable('€'));
        assert!(is_printable('a'));
        assert!(!is_printable('\u{a0}'));
        assert!(!is_printable('\u{1}'));
        assert!(!is_printable('\u{200b}'));
        assert!(!is_printable('\u{e000}'));
    }

    #[test]
    fn comments_and_whitespace_are_skipped() {
        let toks: Vec<_> = raw("a # c\n\t\x0cb\\\n")
            .into_iter()
            .map(|t| t.0.unwrap())
            .collect();
        assert_eq!(
            toks,
            vec![
                RawTok::Name,
                RawTok::Newline,
                RawTok::Name,
                RawTok::Continuation
            ]
        );
    }
}
