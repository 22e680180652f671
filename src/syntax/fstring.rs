//! Splitting an f-string's body into literal text and replacement fields (Python
//! Language Reference §2.4.3 "Formatted string literals"). A port of CPython 3.11's
//! `Parser/string_parser.c` (`fstring_find_literal`, `fstring_find_expr`,
//! `fstring_parse`) with its error messages; the field expressions themselves are
//! parsed later, from [`FStringField::source`] and [`FStringField::offset`].
//!
//! CPython compiles each expression as soon as its end is found, so an error inside
//! an expression wins over a later error in the same f-string (a bad conversion
//! character, say). Here the expressions are parsed after the whole f-string is
//! split, so in that one case the later error is reported instead.

use super::literal::{decode_str, normalize_newlines};
use super::token::{FStringField, FStringPiece};

/// CPython's MAXLEVEL for brackets inside one expression.
const MAX_NESTING: usize = 200;

/// Splits the body of an f-string (the text between its quotes). `body_offset` is the
/// byte offset of the body in the file. The error is CPython's full message; CPython
/// places it at the token that follows the string literal(s).
pub fn split_fstring(body: &str, raw: bool, body_offset: u32) -> Result<Vec<FStringPiece>, String> {
    let splitter = Splitter {
        body,
        b: body.as_bytes(),
        raw,
        body_offset,
    };
    let mut pieces = Vec::new();
    let mut pos = 0;
    splitter.parse(&mut pos, 0, &mut pieces)?;
    Ok(pieces)
}

struct Splitter<'a> {
    body: &'a str,
    b: &'a [u8],
    raw: bool,
    body_offset: u32,
}

/// The result of scanning a run of literal text.
struct Literal {
    start: usize,
    end: usize,
    /// The run ended at a doubled brace: keep scanning literal text.
    doubled: bool,
}

impl Splitter<'_> {
    /// `fstring_parse` / `_PyPegen_FstringParser_ConcatFstring`: literal runs and
    /// fields until the end of the body or, in a format spec, the closing `}`.
    fn parse(
        &self,
        pos: &mut usize,
        level: u32,
        out: &mut Vec<FStringPiece>,
    ) -> Result<(), String> {
        loop {
            let literal = self.find_literal(pos, level)?;
            if literal.end > literal.start {
                let text = decode_str(&self.body[literal.start..literal.end], self.raw)
                    .map_err(|e| e.message())?;
                push_literal(out, text);
            }
            if literal.doubled {
                continue;
            }
            if *pos >= self.b.len() || self.b[*pos] == b'}' {
                break;
            }
            let field = self.find_expr(pos, level)?;
            out.push(FStringPiece::Field(field));
        }
        if level != 0 && self.b.get(*pos) != Some(&b'}') {
            return Err("f-string: expecting '}'".into());
        }
        Ok(())
    }

    /// `fstring_find_literal`: text up to an undoubled `{` (or, in a spec, `}`).
    fn find_literal(&self, pos: &mut usize, level: u32) -> Result<Literal, String> {
        let b = self.b;
        let start = *pos;
        let mut s = start;
        while s < b.len() {
            let mut ch = b[s];
            s += 1;
            if !self.raw && ch == b'\\' && s < b.len() {
                ch = b[s];
                s += 1;
                if ch == b'N' {
                    // Skip `\N{...}` so its braces are not taken for a field.
                    if s < b.len() {
                        let open = b[s];
                        s += 1;
                        if open == b'{' {
                            while s < b.len() {
                                let c = b[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                // Doubled braces collapse only at the top level, so `{0:{3}}` ends
                // with two separate closing braces.
                if level == 0 {
                    if b.get(s) == Some(&ch) {
                        *pos = s + 1;
                        return Ok(Literal {
                            start,
                            end: s,
                            doubled: true,
                        });
                    }
                    if ch == b'}' {
                        *pos = s - 1;
                        return Err("f-string: single '}' is not allowed".into());
                    }
                }
                s -= 1;
                break;
            }
        }
        // `s` stops only at ASCII braces or the end, so it is a char boundary.
        *pos = s;
        Ok(Literal {
            start,
            end: s,
            doubled: false,
        })
    }

    /// `fstring_find_expr`: one `{expression=!c:spec}` field; `pos` is at the `{`.
    fn find_expr(&self, pos: &mut usize, level: u32) -> Result<FStringField, String> {
        let b = self.b;
        if level >= 2 {
            return Err("f-string: expressions nested too deeply".into());
        }
        *pos += 1;
        let expr_start = *pos;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut brackets: Vec<u8> = Vec::new();
        while *pos < b.len() {
            let ch = b[*pos];
            if ch == b'\\' {
                return Err("f-string expression part cannot include a backslash".into());
            }
            if quote != 0 {
                if ch == quote {
                    if !triple {
                        quote = 0;
                    } else if b.get(*pos + 1) == Some(&ch) && b.get(*pos + 2) == Some(&ch) {
                        *pos += 2;
                        quote = 0;
                        triple = false;
                    }
                }
                *pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    if b.get(*pos + 1) == Some(&ch) && b.get(*pos + 2) == Some(&ch) {
                        triple = true;
                        *pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if brackets.len() >= MAX_NESTING {
                        return Err("f-string: too many nested parenthesis".into());
                    }
                    brackets.push(ch);
                }
                b'#' => return Err("f-string expression part cannot include '#'".into()),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if brackets.is_empty() => {
                    // `!=`, `==`, `<=`, `>=` are operators, not the end of the
                    // expression; lone `<` and `>` never end it.
                    if b.get(*pos + 1) == Some(&b'=') && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *pos += 2;
                        continue;
                    }
                    if ch != b'<' && ch != b'>' {
                        break;
                    }
                }
                b']' | b'}' | b')' => {
                    let Some(opening) = brackets.pop() else {
                        return Err(format!("f-string: unmatched '{}'", ch as char));
                    };
                    let matching =
                        matches!((opening, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if !matching {
                        return Err(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, opening as char
                        ));
                    }
                }
                _ => {}
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote != 0 {
            return Err("f-string: unterminated string".into());
        }
        if let Some(&opening) = brackets.last() {
            return Err(format!("f-string: unmatched '{}'", opening as char));
        }
        let Some(&stop) = b.get(*pos) else {
            return Err("f-string: expecting '}'".into());
        };
        // `expr_end` is at an ASCII delimiter, so the slice is on char boundaries.
        let source = &self.body[expr_start..expr_end];
        if source
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            if matches!(stop, b'!' | b':' | b'=') {
                return Err(format!(
                    "f-string: expression required before '{}'",
                    stop as char
                ));
            }
            return Err("f-string: empty expression not allowed".into());
        }

        let mut debug_text = None;
        if stop == b'=' {
            *pos += 1;
            while b
                .get(*pos)
                .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
            {
                *pos += 1;
            }
            if *pos >= b.len() {
                return Err("f-string: expecting '}'".into());
            }
            debug_text = Some(normalize_newlines(&self.body[expr_start..*pos]).into_owned());
        }

        let mut conversion = None;
        if b.get(*pos) == Some(&b'!') {
            *pos += 1;
            let Some(&c) = b.get(*pos) else {
                return Err("f-string: expecting '}'".into());
            };
            *pos += 1;
            if !matches!(c, b's' | b'r' | b'a') {
                return Err(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'".into(),
                );
            }
            conversion = Some(c as char);
        }

        let mut spec = None;
        if b.get(*pos) == Some(&b':') {
            *pos += 1;
            if *pos >= b.len() {
                return Err("f-string: expecting '}'".into());
            }
            let mut pieces = Vec::new();
            self.parse(pos, level + 1, &mut pieces)?;
            spec = Some(pieces);
        }

        if b.get(*pos) != Some(&b'}') {
            return Err("f-string: expecting '}'".into());
        }
        *pos += 1;

        // `{x=}` without conversion or spec shows the repr, as CPython does.
        if debug_text.is_some() && spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        Ok(FStringField {
            source: source.to_string(),
            offset: self.body_offset + expr_start as u32,
            debug_text,
            conversion,
            spec,
        })
    }
}

/// Appends literal text, merging it with a literal piece just before.
fn push_literal(out: &mut Vec<FStringPiece>, text: String) {
    if let Some(FStringPiece::Literal(last)) = out.last_mut() {
        last.push_str(&text);
    } else {
        out.push(FStringPiece::Literal(text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> FStringPiece {
        FStringPiece::Literal(s.into())
    }

    fn field(source: &str, offset: u32) -> FStringField {
        FStringField {
            source: source.into(),
            offset,
            debug_text: None,
            conversion: None,
            spec: None,
        }
    }

    fn split(body: &str) -> Vec<FStringPiece> {
        split_fstring(body, false, 100).unwrap()
    }

    fn error(body: &str) -> String {
        split_fstring(body, false, 0).unwrap_err()
    }

    #[test]
    fn literals_and_doubled_braces() {
        assert_eq!(split(""), vec![]);
        assert_eq!(split("a{{b}}c\\n"), vec![lit("a{b}c\n")]);
        assert_eq!(
            split_fstring("a\\n{{", true, 0).unwrap(),
            vec![lit("a\\n{")]
        );
        // `\N{...}` braces are not a field.
        assert_eq!(split("\\N{BULLET} {x}")[0], lit("• "));
        // `\{` is a backslash, then a field.
        assert_eq!(
            split("\\{x}"),
            vec![lit("\\"), FStringPiece::Field(field("x", 102))]
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            split("a{x}b{ y + 1 }"),
            vec![
                lit("a"),
                FStringPiece::Field(field("x", 102)),
                lit("b"),
                FStringPiece::Field(field(" y + 1 ", 106)),
            ]
        );
        let f = |pieces: Vec<FStringPiece>| match pieces.into_iter().next() {
            Some(FStringPiece::Field(f)) => f,
            other => panic!("{other:?}"),
        };
        let conv = f(split("{x!r}"));
        assert_eq!((conv.source.as_str(), conv.conversion), ("x", Some('r')));
        let ne = f(split("{a != b}"));
        assert_eq!((ne.source.as_str(), ne.conversion), ("a != b", None));
        assert_eq!(f(split("{a<b>c}")).source, "a<b>c");
        assert_eq!(f(split("{d[\"k\"]}")).source, "d[\"k\"]");
        assert_eq!(f(split("{d['}']}")).source, "d['}']");
        assert_eq!(f(split("{f(a, {1: 2})[0]}")).source, "f(a, {1: 2})[0]");
        assert_eq!(f(split("{'''a'b'''}")).source, "'''a'b'''");
        assert_eq!(f(split("{x:{y}}")).source, "x");
        assert_eq!(f(split("{lambda: 1}")).source, "lambda");
    }

    #[test]
    fn debug_form() {
        let f = |pieces: Vec<FStringPiece>| match pieces.into_iter().next() {
            Some(FStringPiece::Field(f)) => f,
            other => panic!("{other:?}"),
        };
        let plain = f(split("{x=}"));
        assert_eq!(plain.source, "x");
        assert_eq!(plain.debug_text.as_deref(), Some("x="));
        assert_eq!(plain.conversion, Some('r'));
        let spaced = f(split("{x = !s:>5}"));
        assert_eq!(spaced.source, "x ");
        assert_eq!(spaced.debug_text.as_deref(), Some("x = "));
        assert_eq!(spaced.conversion, Some('s'));
        assert_eq!(spaced.spec, Some(vec![lit(">5")]));
        let with_spec = f(split("{x=:>5}"));
        assert_eq!(with_spec.conversion, None);
        assert_eq!(f(split("{x==y}")).debug_text, None);
    }

    #[test]
    fn nested_specs() {
        let pieces = split("{x:{width}.{prec}f}");
        let FStringPiece::Field(outer) = &pieces[0] else {
            panic!("{pieces:?}")
        };
        assert_eq!(outer.offset, 101);
        assert_eq!(
            outer.spec,
            Some(vec![
                FStringPiece::Field(field("width", 104)),
                lit("."),
                FStringPiece::Field(field("prec", 112)),
                lit("f"),
            ])
        );
        // In a spec `{{}}` is a field holding an empty dict, as in CPython.
        let pieces = split("{x:{{}}}");
        let FStringPiece::Field(outer) = &pieces[0] else {
            panic!("{pieces:?}")
        };
        assert_eq!(
            outer.spec,
            Some(vec![FStringPiece::Field(field("{}", 104))])
        );
    }

    #[test]
    fn errors_match_cpython() {
        assert_eq!(error("{"), "f-string: expecting '}'");
        assert_eq!(error("}"), "f-string: single '}' is not allowed");
        assert_eq!(error("{}"), "f-string: empty expression not allowed");
        assert_eq!(error("{ }"), "f-string: empty expression not allowed");
        assert_eq!(error("{!r}"), "f-string: expression required before '!'");
        assert_eq!(error("{:x}"), "f-string: expression required before ':'");
        assert_eq!(error("{=}"), "f-string: expression required before '='");
        assert_eq!(
            error("{x!z}"),
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(
            error("{x!}"),
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(error("{a#}"), "f-string expression part cannot include '#'");
        assert_eq!(
            error("{a\\n}"),
            "f-string expression part cannot include a backslash"
        );
        assert_eq!(
            error("{x:{y:{z}}}"),
            "f-string: expressions nested too deeply"
        );
        assert_eq!(error("{a)}"), "f-string: unmatched ')'");
        assert_eq!(
            error("{(a}"),
            "f-string: closing parenthesis '}' does not match opening parenthesis '('"
        );
        assert_eq!(
            error("{(a]}"),
            "f-string: closing parenthesis ']' does not match opening parenthesis '('"
        );
        assert_eq!(error("{(a"), "f-string: unmatched '('");
        assert_eq!(error("{'a}"), "f-string: unterminated string");
        assert_eq!(error("{x!r"), "f-string: expecting '}'");
        assert_eq!(error("{x:"), "f-string: expecting '}'");
        assert_eq!(error("{x"), "f-string: expecting '}'");
        assert_eq!(error("{x=   "), "f-string: expecting '}'");
        assert_eq!(
            error("a\\xZ{x}"),
            "(unicode error) 'unicodeescape' codec can't decode bytes in position 1-2: truncated \\xXX escape"
        );
        let deep = format!("{{{}}}", "(".repeat(201));
        assert_eq!(error(&deep), "f-string: too many nested parenthesis");
    }
}
