//! `repr()` of `str` and `bytes`, and the escaping behind `ascii()`, as CPython 3.11's
//! `unicode_repr` and `bytes_repr` (Objects/unicodeobject.c, Objects/bytesobject.c) write them.

use super::unicode::is_printable;
use std::fmt::Write;

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, whichever is the shortest that holds the code point.
fn push_hex_escape(out: &mut String, cp: u32) {
    // Writing to a String cannot fail.
    let _ = if cp <= 0xFF {
        write!(out, "\\x{cp:02x}")
    } else if cp <= 0xFFFF {
        write!(out, "\\u{cp:04x}")
    } else {
        write!(out, "\\U{cp:08x}")
    };
}

/// Mirrors `unicode_repr`: "If the string contains single quotes but no double quotes, use
/// double quotes"; escape the quote in use and `\`, write `\t \n \r`, other characters below
/// U+0020 and U+007F as `\xhh`, and non-ASCII characters that are not printable
/// (`str.isprintable`) as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if c < ' ' || c == '\x7f' => push_hex_escape(&mut out, c as u32),
            _ if c.is_ascii() || is_printable(c) => out.push(c),
            _ => push_hex_escape(&mut out, c as u32),
        }
    }
    out.push(quote);
    out
}

/// Mirrors `bytes_repr` (`smartquotes` on): `b'…'`, or `b"…"` when the bytes hold `'` but no
/// `"`; `\t \n \r`, `\\`, the quote, and bytes outside 0x20–0x7E as `\xhh`.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b == quote => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7E => out.push(b as char),
            _ => push_hex_escape(&mut out, b as u32),
        }
    }
    out.push(quote as char);
    out
}

/// The `backslashreplace` step of `ascii()` (`PyObject_ASCII`): every non-ASCII character of
/// a repr becomes `\xhh`, `\uhhhh` or `\Uhhhhhhhh`. So `ascii(x)` is `ascii_escape(&repr(x))`.
pub fn ascii_escape(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_hex_escape(&mut out, c as u32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_repr_matches_cpython() {
        // Expected values from python3.11: repr(s)
        let cases: &[(&str, &str)] = &[
            ("", "''"),
            ("abc", "'abc'"),
            ("it's", "\"it's\""),
            ("say \"hi\"", "'say \"hi\"'"),
            ("both ' and \"", "'both \\' and \"'"),
            ("back\\slash", "'back\\\\slash'"),
            ("tab\tnl\ncr\r", "'tab\\tnl\\ncr\\r'"),
            ("\0\x01\x1f\x7f", "'\\x00\\x01\\x1f\\x7f'"),
            ("\u{80}\u{9f}\u{a0}\u{ad}", "'\\x80\\x9f\\xa0\\xad'"),
            ("é中😀", "'é中😀'"),
            ("größe", "'größe'"),
            ("\u{200b}\u{2028}\u{feff}", "'\\u200b\\u2028\\ufeff'"),
            ("\u{378}", "'\\u0378'"),
            ("\u{e0001}\u{10ffff}", "'\\U000e0001\\U0010ffff'"),
            ("\u{3000}x", "'\\u3000x'"),
            ("\u{e000}", "'\\ue000'"),
        ];
        for &(s, expected) in cases {
            assert_eq!(str_repr(s), expected, "repr of {s:?}");
        }
    }

    #[test]
    fn bytes_repr_matches_cpython() {
        // python3.11: repr(b)
        let cases: &[(&[u8], &str)] = &[
            (b"", "b''"),
            (b"abc", "b'abc'"),
            (b"it's", "b\"it's\""),
            (b"'\"", "b'\\'\"'"),
            (
                b"\x00\t\n\r\\\x7f\x80\xff",
                "b'\\x00\\t\\n\\r\\\\\\x7f\\x80\\xff'",
            ),
        ];
        for &(b, expected) in cases {
            assert_eq!(bytes_repr(b), expected, "repr of {b:?}");
        }
    }

    #[test]
    fn ascii_matches_cpython() {
        // python3.11: ascii('é中😀\n'), ascii("it's ü")
        assert_eq!(
            ascii_escape(&str_repr("é中😀\n")),
            "'\\xe9\\u4e2d\\U0001f600\\n'"
        );
        assert_eq!(ascii_escape(&str_repr("it's ü")), "\"it's \\xfc\"");
    }
}
