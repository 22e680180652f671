//! Tests of the layout pass. Expected messages, lines and carets were taken from
//! CPython 3.11 running each snippet as a file (`python3 t.py`).

use super::*;
use crate::syntax::error::SyntaxErrorKind;
use crate::syntax::span::LineIndex;
use crate::syntax::token::FStringPiece;
use std::time::{Duration, Instant};

/// Tokens as short words: names and literals with their value.
fn show(tok: &Tok) -> String {
    match tok {
        Tok::Name(n) => format!("Name({n})"),
        Tok::Int(v) => format!("Int({v})"),
        Tok::Float(v) => format!("Float({v})"),
        Tok::Imaginary(v) => format!("Imag({v})"),
        Tok::Str(s) => format!("Str({s:?})"),
        Tok::Bytes(b) => format!("Bytes({:?})", String::from_utf8_lossy(b)),
        Tok::FString(_) => "FString".into(),
        other => format!("{other:?}"),
    }
}

fn tokens(src: &str) -> String {
    Lexer::new(src)
        .map(|t| match t {
            Ok((_, tok, _)) => show(&tok),
            Err(e) => format!("ERROR({})", e.message),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn spanned(src: &str) -> Vec<(u32, String, u32)> {
    Lexer::new(src)
        .map(|t| {
            let (s, tok, e) = t.unwrap();
            (s, show(&tok), e)
        })
        .collect()
}

/// The first error: message, class, 1-based line, 0-based character column, and
/// the width of the caret span in characters.
fn error(src: &str) -> (String, SyntaxErrorKind, usize, usize) {
    let error = first_error(src);
    let index = LineIndex::new(src);
    (
        error.message.clone(),
        error.kind,
        index.line_of(error.span.start),
        index.column_of(error.span.start),
    )
}

fn first_error(src: &str) -> SyntaxError {
    for item in Lexer::new(src) {
        if let Err(e) = item {
            return e;
        }
    }
    panic!("no error in {src:?}")
}

const SYNTAX: SyntaxErrorKind = SyntaxErrorKind::SyntaxError;
const INDENT: SyntaxErrorKind = SyntaxErrorKind::IndentationError;
const TAB: SyntaxErrorKind = SyntaxErrorKind::TabError;

fn check(src: &str, message: &str, kind: SyntaxErrorKind, line: usize, column: usize) {
    assert_eq!(
        error(src),
        (message.to_string(), kind, line, column),
        "source: {src:?}"
    );
}

#[test]
fn every_token_kind() {
    assert_eq!(
        tokens("x = 1 + 2.5j - .5e1 * 0x_1F // 0o7 % 0b1 ** 1_000\n"),
        "Name(x) Equal Int(1) Plus Imag(2.5) Minus Float(5) Star Int(31) DoubleSlash Int(7) \
         Percent Int(1) DoubleStar Int(1000) Newline"
    );
    assert_eq!(
        tokens("( ) [ ] { } : , ; | & < > = . ~ ^ << >> @ -> ... := == != <= >= \n"),
        "LPar RPar LSqb RSqb LBrace RBrace Colon Comma Semi VBar Amper Less Greater Equal Dot \
         Tilde Circumflex LeftShift RightShift At RArrow Ellipsis ColonEqual EqEqual NotEqual \
         LessEqual GreaterEqual Newline"
    );
    assert_eq!(
        tokens("a += -= *= /= %= &= |= ^= <<= >>= **= //= @=\n"),
        "Name(a) PlusEqual MinusEqual StarEqual SlashEqual PercentEqual AmperEqual VBarEqual \
         CircumflexEqual LeftShiftEqual RightShiftEqual DoubleStarEqual DoubleSlashEqual AtEqual \
         Newline"
    );
    assert_eq!(
        tokens("False None True and as assert async await break class continue def del\n"),
        "False None True And As Assert Async Await Break Class Continue Def Del Newline"
    );
    assert_eq!(
        tokens("elif else except finally for from global if import in is lambda nonlocal\n"),
        "Elif Else Except Finally For From Global If Import In Is Lambda Nonlocal Newline"
    );
    assert_eq!(
        tokens("not or pass raise return try while with yield match _ self\n"),
        "Not Or Pass Raise Return Try While With Yield Name(match) Name(_) Name(self) Newline"
    );
}

#[test]
fn strings_of_every_form() {
    assert_eq!(
        tokens("'a' \"b\" '''c\n''' \"\"\"d\"\"\" r'\\n' b'\\x41' Rb'\\x41' u'\\t' ''\n"),
        "Str(\"a\") Str(\"b\") Str(\"c\\n\") Str(\"d\") Str(\"\\\\n\") Bytes(\"A\") \
         Bytes(\"\\\\x41\") Str(\"\\t\") Str(\"\") Newline"
    );
    let src = "f'{x!r:>{w}} and {{y}}' rf'\\{z}'\n";
    let toks: Vec<_> = Lexer::new(src).map(|t| t.unwrap().1).collect();
    let Tok::FString(pieces) = &toks[0] else {
        panic!("{toks:?}")
    };
    let FStringPiece::Field(field) = &pieces[0] else {
        panic!("{pieces:?}")
    };
    assert_eq!((field.source.as_str(), field.offset), ("x", 3));
    assert_eq!(field.conversion, Some('r'));
    assert_eq!(pieces[1], FStringPiece::Literal(" and {y}".into()));
    let Tok::FString(raw) = &toks[1] else {
        panic!("{toks:?}")
    };
    let FStringPiece::Field(z) = &raw[1] else {
        panic!("{raw:?}")
    };
    assert_eq!(raw[0], FStringPiece::Literal("\\".into()));
    assert_eq!((z.source.as_str(), z.offset), ("z", 29));
    assert_eq!(&src[29..30], "z");
}

#[test]
fn unicode_names_are_normalised() {
    assert_eq!(tokens("größe = ﬁ\n"), "Name(größe) Equal Name(fi) Newline");
    // CPython matches keywords before normalising: `ｉｆ` is a name.
    assert_eq!(tokens("ｉｆ\n"), "Name(if) Newline");
    // One shared string per distinct name.
    let names: Vec<Tok> = Lexer::new("abc abc").map(|t| t.unwrap().1).collect();
    match (&names[0], &names[1]) {
        (Tok::Name(a), Tok::Name(b)) => assert!(Rc::ptr_eq(a, b)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn nested_blocks_and_multi_level_dedent() {
    let src = "if a:\n    if b:\n        c\n    d\n        \ne\nif f:\n  if g:\n    h\ni\n";
    assert_eq!(
        tokens(src),
        "If Name(a) Colon Newline Indent If Name(b) Colon Newline Indent Name(c) Newline Dedent \
         Name(d) Newline Dedent Name(e) Newline If Name(f) Colon Newline Indent If Name(g) Colon \
         Newline Indent Name(h) Newline Dedent Dedent Name(i) Newline"
    );
}

#[test]
fn indent_and_dedent_spans_sit_at_the_first_token() {
    let src = "if a:\n  b\nc";
    assert_eq!(
        spanned(src),
        vec![
            (0, "If".into(), 2),
            (3, "Name(a)".into(), 4),
            (4, "Colon".into(), 5),
            (5, "Newline".into(), 6),
            (8, "Indent".into(), 8),
            (8, "Name(b)".into(), 9),
            (9, "Newline".into(), 10),
            (10, "Dedent".into(), 10),
            (10, "Name(c)".into(), 11),
            (11, "Newline".into(), 11),
        ]
    );
}

#[test]
fn end_of_file_without_newline() {
    let src = "if a:\n    b";
    let toks = spanned(src);
    assert_eq!(
        toks[toks.len() - 2..],
        [(11, "Newline".into(), 11), (11, "Dedent".into(), 11)]
    );
    assert_eq!(tokens(""), "");
    assert_eq!(tokens("\n\n  # only a comment"), "");
    assert_eq!(tokens("x # comment"), "Name(x) Newline");
    assert_eq!(tokens("x\n   "), "Name(x) Newline");
}

#[test]
fn brackets_join_lines() {
    assert_eq!(
        tokens("x = [1,\n   2,\n# c\n        3]\ny = {\n}\n"),
        "Name(x) Equal LSqb Int(1) Comma Int(2) Comma Int(3) RSqb Newline Name(y) Equal LBrace \
         RBrace Newline"
    );
}

#[test]
fn continuation_lines() {
    assert_eq!(
        tokens("x = 1 + \\\n    2\nif a and \\\n  b:\n    c\n"),
        "Name(x) Equal Int(1) Plus Int(2) Newline If Name(a) And Name(b) Colon Newline Indent \
         Name(c) Newline Dedent"
    );
    // A backslash in the indentation: the first one fixes the indentation.
    assert_eq!(
        tokens("if 1:\n    \\\n        x = 1\n"),
        "If Int(1) Colon Newline Indent Name(x) Equal Int(1) Newline Dedent"
    );
    // A continuation followed by an empty line ends the logical line there.
    assert_eq!(
        tokens("x = \\\n\ny\n"),
        "Name(x) Equal Newline Name(y) Newline"
    );
}

#[test]
fn comment_and_blank_lines_at_odd_indentation() {
    assert_eq!(
        tokens("if x:\n    pass\n  # odd comment\n        # odder\n\t\n\n    y = 1\n"),
        "If Name(x) Colon Newline Indent Pass Newline Name(y) Equal Int(1) Newline Dedent"
    );
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let src = "if a:\r\n    b = '''x\r\ny'''\r\nc\r\n";
    assert_eq!(
        tokens(src),
        "If Name(a) Colon Newline Indent Name(b) Equal Str(\"x\\ny\") Newline Dedent Name(c) Newline"
    );
    assert_eq!(spanned(src)[3], (5, "Newline".into(), 7));
    assert_eq!(
        tokens("x = 1\ry = 2\r"),
        "Name(x) Equal Int(1) Newline Name(y) Equal Int(2) Newline"
    );
}

#[test]
fn tabs_count_to_multiples_of_eight() {
    // A tab and eight spaces are the same column in both counts only if used alike.
    assert_eq!(
        tokens("if x:\n\ty\n\tz\n"),
        "If Name(x) Colon Newline Indent Name(y) Newline Name(z) Newline Dedent"
    );
    // Same column (8), but not when a tab counts as one column: TabError.
    assert_eq!(
        tokens("if x:\n  \ty\n\tz\n"),
        "If Name(x) Colon Newline Indent Name(y) Newline \
         ERROR(inconsistent use of tabs and spaces in indentation)"
    );
    // Form feed resets the column.
    assert_eq!(tokens("\x0cx\n"), "Name(x) Newline");
}

#[test]
fn expression_mode() {
    let src = "a +\n  b[\n1]";
    let toks: Vec<_> = Lexer::new_expression(src, 100)
        .map(|t| {
            let (s, tok, e) = t.unwrap();
            (s, show(&tok), e)
        })
        .collect();
    assert_eq!(
        toks,
        vec![
            (100, "Name(a)".into(), 101),
            (102, "Plus".into(), 103),
            (106, "Name(b)".into(), 107),
            (107, "LSqb".into(), 108),
            (109, "Int(1)".into(), 110),
            (110, "RSqb".into(), 111),
        ]
    );
    let err = Lexer::new_expression("  1_", 10)
        .find_map(|t| t.err())
        .unwrap();
    assert_eq!(
        (err.message.as_str(), err.span.start),
        ("invalid decimal literal", 13)
    );
    let err = Lexer::new_expression("a)", 0)
        .find_map(|t| t.err())
        .unwrap();
    assert_eq!(err.message, "unmatched ')'");
}

#[test]
fn tokenizer_errors_match_cpython() {
    check("1abc\n", "invalid decimal literal", SYNTAX, 1, 0);
    check("x = 1_\n", "invalid decimal literal", SYNTAX, 1, 5);
    check("x = 0x\n", "invalid hexadecimal literal", SYNTAX, 1, 5);
    check(
        "x = 0o8\n",
        "invalid digit '8' in octal literal",
        SYNTAX,
        1,
        6,
    );
    check(
        "x = 0b12\n",
        "invalid digit '2' in binary literal",
        SYNTAX,
        1,
        7,
    );
    check("x = 0o\n", "invalid octal literal", SYNTAX, 1, 5);
    check("x = 0b1_\n", "invalid binary literal", SYNTAX, 1, 7);
    check("x=1jx\n", "invalid imaginary literal", SYNTAX, 1, 3);
    check(
        "x = 012\n",
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = 'abc\n",
        "unterminated string literal (detected at line 1)",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = 'abc",
        "unterminated string literal (detected at line 1)",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = 'abc\\\ndef\n",
        "unterminated string literal (detected at line 2)",
        SYNTAX,
        1,
        4,
    );
    check(
        "a\nx = f'abc\ny=1\n",
        "unterminated string literal (detected at line 2)",
        SYNTAX,
        2,
        4,
    );
    check(
        "x = \"\"\"abc\n",
        "unterminated triple-quoted string literal (detected at line 1)",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = \"\"\"abc\n\ny=2\n",
        "unterminated triple-quoted string literal (detected at line 3)",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = '''a\r\nb\r\nc",
        "unterminated triple-quoted string literal (detected at line 3)",
        SYNTAX,
        1,
        4,
    );
    check("x = (1,\n2\n", "'(' was never closed", SYNTAX, 1, 4);
    check("x = (1, [2,\n3\n", "'[' was never closed", SYNTAX, 1, 8);
    check("foo(a, b", "'(' was never closed", SYNTAX, 1, 3);
    check("x = )\n", "unmatched ')'", SYNTAX, 1, 4);
    check("}", "unmatched '}'", SYNTAX, 1, 0);
    check(
        "x = (]\n",
        "closing parenthesis ']' does not match opening parenthesis '('",
        SYNTAX,
        1,
        5,
    );
    check(
        "x = {\n\n)\n",
        "closing parenthesis ')' does not match opening parenthesis '{' on line 1",
        SYNTAX,
        3,
        0,
    );
    check(
        "def f():\n  x = 1\n y = 2\n",
        "unindent does not match any outer indentation level",
        INDENT,
        3,
        6,
    );
    check(
        "if x:\n\tx = 1\n        y = 2\n",
        "inconsistent use of tabs and spaces in indentation",
        TAB,
        3,
        0,
    );
    check(
        "if x:\n        x = 1\n\ty = 2\n",
        "inconsistent use of tabs and spaces in indentation",
        TAB,
        3,
        0,
    );
    check(
        "x = 1 \\ y\n",
        "unexpected character after line continuation character",
        SYNTAX,
        1,
        7,
    );
    check(
        "x = (1 +\n     2) \\ y\n",
        "unexpected character after line continuation character",
        SYNTAX,
        2,
        9,
    );
    // After a continuation line CPython measures from the first line: clipped.
    check(
        "x = 1 + \\\n  2 \\ y\n",
        "unexpected character after line continuation character",
        SYNTAX,
        2,
        7,
    );
    check("x = 1 + \\\n", "unexpected EOF while parsing", SYNTAX, 1, 9);
    check("x = 1 + \\", "unexpected EOF while parsing", SYNTAX, 1, 9);
    check("x = 1\n\\", "unexpected EOF while parsing", SYNTAX, 2, 0);
    check("x = (1 + \\\n", "'(' was never closed", SYNTAX, 1, 4);
    check("x = €\n", "invalid character '€' (U+20AC)", SYNTAX, 1, 4);
    check("x = a€b\n", "invalid character '€' (U+20AC)", SYNTAX, 1, 5);
    check(
        "x = \u{a0}\n",
        "invalid non-printable character U+00A0",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = 1\u{a0}\n",
        "invalid non-printable character U+00A0",
        SYNTAX,
        1,
        5,
    );
    check(
        "x = \u{1}\n",
        "invalid non-printable character U+0001",
        SYNTAX,
        1,
        4,
    );
    check(
        "x = \u{b}\n",
        "invalid non-printable character U+000B",
        SYNTAX,
        1,
        4,
    );
    check("x = $\n", "invalid syntax", SYNTAX, 1, 4);
    check("x = a ? b\n", "invalid syntax", SYNTAX, 1, 6);
    check("x = !a\n", "invalid syntax", SYNTAX, 1, 4);
    check("1 <> 2\n", "invalid syntax", SYNTAX, 1, 2);
    check(
        "x = 1\0\n",
        "source code cannot contain null bytes",
        SYNTAX,
        1,
        0,
    );
    check(
        "x = 'a'\ny = 2\0\n",
        "source code cannot contain null bytes",
        SYNTAX,
        2,
        0,
    );
}

#[test]
fn nesting_limits() {
    let src = format!("x = {}{}\n", "(".repeat(200), ")".repeat(200));
    assert!(Lexer::new(&src).all(|t| t.is_ok()));
    let src = format!("x = {}{}\n", "(".repeat(201), ")".repeat(201));
    check(&src, "too many nested parentheses", SYNTAX, 1, 204);
    // Deep nesting is a loop, not recursion.
    let src = "(".repeat(10_000);
    check(&src, "too many nested parentheses", SYNTAX, 1, 200);

    let nested = |depth: usize| {
        let mut src = String::new();
        for i in 0..depth {
            src += &format!("{}if x:\n", "    ".repeat(i));
        }
        src + &format!("{}pass\n", "    ".repeat(depth))
    };
    assert!(Lexer::new(&nested(99)).all(|t| t.is_ok()));
    check(
        &nested(100),
        "too many levels of indentation",
        INDENT,
        101,
        0,
    );
}

#[test]
fn literal_errors_point_at_the_next_token() {
    let escape = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
    // At the NEWLINE: an empty span at the line break.
    let e = first_error("x = \"\\x4\"\n");
    assert_eq!(e.message, format!("{escape} 0-2: truncated \\xXX escape"));
    assert_eq!((e.span.start, e.span.end), (9, 9));
    // After a run of adjacent literals, at the following token.
    let e = first_error("x = \"é\\xZZ\" \"abc\" + 1\n");
    assert_eq!(e.message, format!("{escape} 10-11: truncated \\xXX escape"));
    // At `+` (CPython's caret lands one column further: it counts `é` as two).
    assert_eq!(error("x = \"é\\xZZ\" \"abc\" + 1\n").3, 18);
    let e = first_error("x = f\"{}\" abc\n");
    assert_eq!(e.message, "f-string: empty expression not allowed");
    assert_eq!((e.span.start, e.span.end), (10, 13));
    assert_eq!(error("x = (\"abc\" \"\\u12\" \n)\n").2, 2);
    // Non-ASCII bytes: CPython points at the literal itself.
    let e = first_error("x = b\"abc\" b\"é\" + 1\n");
    assert_eq!(e.message, "bytes can only contain ASCII literal characters");
    assert_eq!((e.span.start, e.span.end), (11, 16));
    assert_eq!(
        first_error("x = b\"\\x4\"\n").message,
        "(value error) invalid \\x escape at position 0"
    );
    // A tokenizer error in the next token wins.
    assert_eq!(
        first_error("x = 'a\\xZ' 'b' 0o8\n").message,
        "invalid digit '8' in octal literal"
    );
    // One further on replaces it once the parser has stopped.
    let mut lexer = Lexer::new("x = f\"{x\" + \"\n");
    assert_eq!(
        lexer.nth(2).unwrap().unwrap_err().message,
        "f-string: expecting '}'"
    );
    assert_eq!(
        lexer.later_tokenizer_error(9).unwrap().message,
        "unterminated string literal (detected at line 1)"
    );
    // The f-string's field errors, through the lexer.
    assert_eq!(
        first_error("f'{x!z}'").message,
        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
    );
}

#[test]
fn stops_after_an_error() {
    let mut lexer = Lexer::new("x = 1_\ny = 2\n");
    assert!(matches!(lexer.next(), Some(Ok(_))));
    assert!(matches!(lexer.next(), Some(Ok(_))));
    assert!(matches!(lexer.next(), Some(Err(_))));
    assert_eq!(lexer.next(), None);
    assert_eq!(lexer.next(), None);
    assert_eq!(lexer.later_tokenizer_error(0), None);
}

#[test]
fn later_tokenizer_errors() {
    // The parser fails at `2` on line 1; an unterminated string on line 3 wins.
    let src = "x = 1 2\ny = 3\nz = 'abc\n";
    let mut lexer = Lexer::new(src);
    for _ in 0..4 {
        assert!(matches!(lexer.next(), Some(Ok(_))));
    }
    let later = lexer.later_tokenizer_error(6).unwrap();
    assert_eq!(
        later.message,
        "unterminated string literal (detected at line 3)"
    );
    assert_eq!(lexer.later_tokenizer_error(6), None);

    // Indentation errors do not replace the parser's error.
    let mut lexer = Lexer::new("x = 1 2\nif x:\n  a\n b\n");
    lexer.next();
    assert_eq!(lexer.later_tokenizer_error(6), None);

    // An unclosed bracket does only if the parser's error is on a later line.
    let src = "foo(a,\nb c\n";
    let mut lexer = Lexer::new(src);
    for _ in 0..5 {
        assert!(matches!(lexer.next(), Some(Ok(_))));
    }
    let later = lexer.later_tokenizer_error(9).unwrap();
    assert_eq!(later.message, "'(' was never closed");
    let mut lexer = Lexer::new("foo(a b,\nc\n");
    lexer.next();
    assert_eq!(lexer.later_tokenizer_error(6), None);

    // After a character CPython's tokenizer accepts (`$`) the scan goes on.
    let mut lexer = Lexer::new("x = $\ny = 0o9\n");
    assert!(matches!(lexer.nth(2), Some(Err(_))));
    assert_eq!(lexer.next(), None);
    assert_eq!(
        lexer.later_tokenizer_error(4).unwrap().message,
        "invalid digit '9' in octal literal"
    );
    // Literal errors are the parser's; they do not stop the scan either.
    let mut lexer = Lexer::new("x = '\\xZ'\ny = 'abc\n");
    assert!(matches!(lexer.nth(2), Some(Err(_))));
    assert_eq!(
        lexer.later_tokenizer_error(4).unwrap().message,
        "unterminated string literal (detected at line 2)"
    );
}

#[test]
fn warnings_for_numbers_glued_to_keywords() {
    let mut lexer = Lexer::new("x = 1if y else 2\n");
    let toks: Vec<_> = lexer.by_ref().map(|t| show(&t.unwrap().1)).collect();
    assert_eq!(
        toks.join(" "),
        "Name(x) Equal Int(1) If Name(y) Else Int(2) Newline"
    );
    let warnings = lexer.warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].1, "invalid decimal literal");
}

#[test]
fn byte_order_mark_is_skipped() {
    assert_eq!(tokens("\u{feff}x\n"), "Name(x) Newline");
}

#[test]
fn rendering_matches_cpython() {
    let cases = [
        (
            "x = (1,\n2\n",
            "  File \"t.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n",
        ),
        (
            "def f():\n  x = 1\n y = 2\n",
            "  File \"t.py\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
        ),
        (
            "if x:\n\tx = 1\n        y = 2\n",
            "  File \"t.py\", line 3\n    y = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
        ),
        (
            "x = 00012\n",
            "  File \"t.py\", line 1\n    x = 00012\n        ^^^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n",
        ),
        (
            "x = f\"{}\" abc\n",
            "  File \"t.py\", line 1\n    x = f\"{}\" abc\n              ^^^\nSyntaxError: f-string: empty expression not allowed\n",
        ),
        (
            "x = 1 + \\\n  2 \\ y\n",
            "  File \"t.py\", line 2\n    2 \\ y\n         ^\nSyntaxError: unexpected character after line continuation character\n",
        ),
    ];
    for (src, expected) in cases {
        assert_eq!(first_error(src).render("t.py", src), expected, "{src:?}");
    }
}

#[test]
fn ten_thousand_lines_lex_quickly() {
    let mut src = String::new();
    for i in 0..10_000 {
        match i % 4 {
            0 => src += &format!("def f{i}(a, b=[1, 2.5, 'x']):\n"),
            1 => src += &format!("    if a >= {i} and b: # note\n"),
            2 => src += "        return f\"{a!r:>10}\" + b'\\x00' + \"\"\"doc\"\"\"\n",
            _ => src += "    x = {'k': (a ** 2) // 3}\n",
        }
    }
    let start = Instant::now();
    let mut count = 0;
    for item in Lexer::new(&src) {
        item.unwrap();
        count += 1;
    }
    let elapsed = start.elapsed();
    assert!(count > 100_000, "{count}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
}

#[test]
fn every_prefix_of_tricky_snippets_lexes_without_panic() {
    let snippets = [
        "if x:\n\tpass\n  \\\n# c\r\n\r\telse: y = f'{a!r:{b}.{c}}' rb\"\\\"\" '''\n\\'''",
        "x = (1 + \\\n 0x_f_ 0o7 0b1 1e+5j .5 1. 1_0.0_1e-1_0 012 0_0 1if 2else 3)",
        "größe = '\\N{EM DASH}\\x4\\u12' b'é' f'{x=!s:>{w}}{{}}' r'\\' $ ? ! <> € \u{a0}",
        "def f():\n    '''doc\n    '''\n  return [\n}\n\u{0}",
        "f'{\"a\" if b else c}' f'{d[\"k\"]:%Y}' f\"{'''x'''}\" f'{a!=b}' f'{'",
        "\u{feff}x\r\ny\rz\n\x0c\\\n  \\\r\n",
    ];
    for snippet in snippets {
        let mut ends: Vec<usize> = snippet.char_indices().map(|(i, _)| i).collect();
        ends.push(snippet.len());
        for end in ends {
            let src = &snippet[..end];
            let mut lexer = Lexer::new(src);
            let mut steps = 0;
            for item in lexer.by_ref() {
                steps += 1;
                assert!(steps < 10_000, "runaway on {src:?}");
                if let Err(error) = item {
                    let _ = error.render("t.py", src);
                }
            }
            let _ = lexer.later_tokenizer_error(0);
            let mut expression = Lexer::new_expression(src, 7);
            while expression.next().is_some() {}
            let mut checker = Lexer::new(src);
            let _ = checker.later_tokenizer_error(end as u32);
        }
    }
}

#[test]
fn random_inputs_lex_without_panic() {
    const PIECES: [&str; 40] = [
        "x",
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "(",
        ")",
        "]",
        "{",
        "}",
        "'",
        "\"",
        "'''",
        "\\",
        "#",
        "0",
        "1_",
        "0x",
        "0o8",
        ".5",
        "e",
        "j",
        "f'{",
        "!r",
        ":",
        "=",
        "é",
        "€",
        "\u{a0}",
        "\0",
        "\u{feff}",
        "\x0c",
        "\x0b",
        "$",
        "rb'",
        "\\N{",
        "if",
        "  ",
        "\u{10ffff}",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 24) as usize;
        let src: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let mut lexer = Lexer::new(&src);
        for item in lexer.by_ref() {
            if let Err(error) = item {
                let _ = error.render("t.py", &src);
            }
        }
        let _ = lexer.later_tokenizer_error(src.len() as u32);
        for item in Lexer::new_expression(&src, 3) {
            if let Err(error) = item {
                assert!(error.span.start >= 3);
            }
        }
    }
}
