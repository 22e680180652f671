//! Decoding the bodies of string and bytes literals (Python Language Reference §2.4.1
//! "String and Bytes literals", including the escape-sequence table). Mirrors CPython
//! 3.11: `decode_unicode_with_escapes` and `_PyUnicode_DecodeUnicodeEscapeInternal` for
//! str, `_PyBytes_DecodeEscape` for bytes, with their error messages. Unknown escapes
//! such as `\d` are kept verbatim (CPython only warns, and hides the warning by default).

use super::unicode_data::NAMES;
use std::borrow::Cow;

/// Why a literal's body could not be decoded.
#[derive(Clone, Debug, PartialEq)]
pub enum LiteralError {
    /// A bytes literal holding a non-ASCII character: CPython points at the literal.
    NonAsciiBytes,
    /// A bad escape, with CPython's full message (`(unicode error) ...`); CPython
    /// points at the token after the literal(s).
    Escape(String),
}

impl LiteralError {
    pub fn message(&self) -> String {
        match self {
            LiteralError::NonAsciiBytes => "bytes can only contain ASCII literal characters".into(),
            LiteralError::Escape(message) => message.clone(),
        }
    }
}

/// CPython reads source with universal newlines, so a literal spanning lines holds
/// `\n` whatever the file's line endings were.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The value of a str literal's body (between the quotes).
pub fn decode_str(body: &str, raw: bool) -> Result<String, LiteralError> {
    let body = normalize_newlines(body);
    if raw || !body.contains('\\') {
        return Ok(body.into_owned());
    }
    decode_escapes(&body)
}

/// The value of a bytes literal's body (between the quotes).
pub fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, LiteralError> {
    if !body.is_ascii() {
        return Err(LiteralError::NonAsciiBytes);
    }
    let body = normalize_newlines(body);
    if raw || !body.contains('\\') {
        return Ok(body.into_owned().into_bytes());
    }
    decode_bytes_escapes(body.as_bytes())
}

/// `_PyUnicode_DecodeUnicodeEscapeInternal` over the body. CPython first rewrites every
/// non-ASCII character as `\UXXXXXXXX` (and a backslash before one, or at the very
/// end, as `\u005c`); error positions count in that rewritten text, which
/// [`rewritten_offset`] reproduces.
fn decode_escapes(s: &str) -> Result<String, LiteralError> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let next = s[i..].find('\\').map_or(b.len(), |k| i + k);
        out.push_str(&s[i..next]);
        i = next;
        if i >= b.len() {
            break;
        }
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            // A lone trailing backslash (possible in an f-string's literal part)
            // became `\u005c`: a backslash.
            out.push('\\');
            break;
        };
        if c >= 0x80 {
            // `\` before a non-ASCII character became `\u005c`: kept as written.
            out.push('\\');
            continue;
        }
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut value = u32::from(c - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                // At most 0o777, always a valid scalar value.
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                let (count, message) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut value: u32 = 0;
                for _ in 0..count {
                    let Some(&d) = b.get(i) else {
                        return Err(escape_error(s, start, b.len(), message));
                    };
                    let Some(digit) = (d as char).to_digit(16) else {
                        return Err(escape_error(s, start, i, message));
                    };
                    value = (value << 4) | digit;
                    i += 1;
                }
                if value > 0x10FFFF {
                    return Err(escape_error(s, start, i, "illegal Unicode character"));
                }
                // A lone surrogate (`\ud800`) is a valid Python str but cannot live in
                // a Rust String: it becomes U+FFFD.
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            b'N' => {
                let malformed = "malformed \\N character escape";
                match b.get(i) {
                    None => return Err(escape_error(s, start, b.len(), malformed)),
                    Some(b'{') => {}
                    Some(_) => return Err(escape_error(s, start, i, malformed)),
                }
                let name_start = i + 1;
                let Some(close) = s[name_start..].find('}').map(|k| name_start + k) else {
                    return Err(escape_error(s, start, b.len(), malformed));
                };
                if close == name_start {
                    return Err(escape_error(s, start, close, malformed));
                }
                i = close + 1;
                match lookup_name(&s[name_start..close]) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(escape_error(s, start, i, "unknown Unicode character name"))
                    }
                }
            }
            _ => {
                out.push('\\');
                out.push(c as char);
            }
        }
    }
    Ok(out)
}

/// CPython's UnicodeDecodeError text for the escape spanning `start..end` of `s`.
fn escape_error(s: &str, start: usize, end: usize, reason: &str) -> LiteralError {
    let start = rewritten_offset(s, start);
    let end = rewritten_offset(s, end);
    let message = if end == start + 1 {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {start}: {reason}"
        )
    } else {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{}: {reason}",
            end.saturating_sub(1)
        )
    };
    LiteralError::Escape(message)
}

/// Where byte `index` of `s` lands in the text `decode_unicode_with_escapes` builds:
/// each non-ASCII character takes 10 bytes (`\UXXXXXXXX`), a backslash before one or
/// at the end takes 6 (`\u005c`), a backslash and the ASCII character after it are
/// copied as a pair.
fn rewritten_offset(s: &str, index: usize) -> usize {
    let b = s.as_bytes();
    let mut offset = 0;
    let mut i = 0;
    while i < b.len() && i < index {
        if b[i] == b'\\' {
            offset += 1;
            i += 1;
            if i >= b.len() || b[i] >= 0x80 {
                offset += 5;
            }
            if i >= b.len() || i >= index {
                break;
            }
        }
        if b[i] >= 0x80 {
            offset += 10;
            i += super::lexer::utf8_len(b[i]);
        } else {
            offset += 1;
            i += 1;
        }
    }
    offset
}

/// `_PyBytes_DecodeEscape`; the body is ASCII.
fn decode_bytes_escapes(b: &[u8]) -> Result<Vec<u8>, LiteralError> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            return Err(LiteralError::Escape(
                "(value error) Trailing \\ in string".into(),
            ));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut value = u32::from(c - b'0');
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                // CPython stores the low byte of `\400`–`\777`.
                out.push((value & 0xFF) as u8);
            }
            b'x' => {
                let hex = |k: usize| b.get(k).and_then(|&d| (d as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(high), Some(low)) => {
                        out.push((high * 16 + low) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(LiteralError::Escape(format!(
                            "(value error) invalid \\x escape at position {start}"
                        )))
                    }
                }
            }
            _ => {
                // Unknown escape: the backslash stays and the character is read again.
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// The character a `\N{...}` escape names. Like CPython, names match case-insensitively,
/// and `CJK UNIFIED IDEOGRAPH-XXXX` and `HANGUL SYLLABLE ...` are computed (those two
/// only in upper case). The table covers the common blocks only (see `unicode_data.rs`).
pub fn lookup_name(name: &str) -> Option<char> {
    if let Some(hex) = name.strip_prefix("CJK UNIFIED IDEOGRAPH-") {
        return cjk_ideograph(hex);
    }
    if let Some(syllable) = name.strip_prefix("HANGUL SYLLABLE ") {
        return hangul_syllable(syllable);
    }
    if !name.is_ascii() {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    let i = NAMES
        .binary_search_by(|(entry, _)| entry.cmp(&upper.as_str()))
        .ok()?;
    char::from_u32(NAMES[i].1)
}

fn cjk_ideograph(hex: &str) -> Option<char> {
    let valid_digits = hex
        .bytes()
        .all(|d| d.is_ascii_digit() || (b'A'..=b'F').contains(&d));
    if !(4..=5).contains(&hex.len()) || !valid_digits {
        return None;
    }
    let cp = u32::from_str_radix(hex, 16).ok()?;
    // CJK Unified Ideographs and extensions A–G as of Unicode 14.
    const RANGES: [(u32, u32); 8] = [
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0x20000, 0x2A6DF),
        (0x2A700, 0x2B738),
        (0x2B740, 0x2B81D),
        (0x2B820, 0x2CEA1),
        (0x2CEB0, 0x2EBE0),
        (0x30000, 0x3134A),
    ];
    RANGES
        .iter()
        .any(|&(lo, hi)| (lo..=hi).contains(&cp))
        .then(|| char::from_u32(cp))
        .flatten()
}

/// The Unicode standard's algorithm (§3.12) for Hangul syllable names.
fn hangul_syllable(name: &str) -> Option<char> {
    const LEADS: [&str; 19] = [
        "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T",
        "P", "H",
    ];
    const VOWELS: [&str; 21] = [
        "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO",
        "WE", "WI", "YU", "EU", "YI", "I",
    ];
    const TRAILS: [&str; 28] = [
        "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH",
        "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
    ];
    for (l, lead) in LEADS.iter().enumerate() {
        let Some(rest) = name.strip_prefix(lead) else {
            continue;
        };
        for (v, vowel) in VOWELS.iter().enumerate() {
            let Some(rest) = rest.strip_prefix(vowel) else {
                continue;
            };
            if let Some(t) = TRAILS.iter().position(|trail| *trail == rest) {
                let cp = 0xAC00 + ((l * 21 + v) * 28 + t) as u32;
                return char::from_u32(cp);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        decode_str(body, false).unwrap_err().message()
    }

    #[test]
    fn simple_escapes() {
        assert_eq!(
            decode_str(r#"a\n\t\\\'\"\a\b\f\v\r"#, false).unwrap(),
            "a\n\t\\'\"\x07\x08\x0c\x0b\r"
        );
        assert_eq!(decode_str(r"\0\101\7777", false).unwrap(), "\0A\u{1ff}7");
        assert_eq!(decode_str(r"\x41\u00e9\U0001F600", false).unwrap(), "Aé😀");
        assert_eq!(decode_str("a\\\nb", false).unwrap(), "ab");
        assert_eq!(decode_str("a\\\r\nb", false).unwrap(), "ab");
        assert_eq!(decode_str("a\r\nb\rc", false).unwrap(), "a\nb\nc");
    }

    #[test]
    fn unknown_escapes_are_kept() {
        assert_eq!(decode_str(r"\d\w\ ", false).unwrap(), r"\d\w\ ");
        assert_eq!(decode_str("\\é", false).unwrap(), "\\é");
        assert_eq!(decode_str("\\\\é", false).unwrap(), "\\é");
    }

    #[test]
    fn raw_strings_keep_backslashes() {
        assert_eq!(decode_str(r"\n\x", true).unwrap(), r"\n\x");
        assert_eq!(decode_bytes(r"\n\x", true).unwrap(), br"\n\x".to_vec());
    }

    #[test]
    fn named_escapes() {
        assert_eq!(
            decode_str(
                r"\N{EM DASH}\N{bullet}\N{LF}\N{GREEK SMALL LETTER ALPHA}",
                false
            )
            .unwrap(),
            "—•\nα"
        );
        assert_eq!(
            decode_str(
                r"\N{CJK UNIFIED IDEOGRAPH-4E00}\N{HANGUL SYLLABLE GAG}",
                false
            )
            .unwrap(),
            "一각"
        );
        assert_eq!(lookup_name("HANGUL SYLLABLE HIH"), Some('\u{D7A3}'));
        assert_eq!(lookup_name("CJK UNIFIED IDEOGRAPH-4e00"), None);
    }

    #[test]
    fn escape_errors_match_cpython() {
        let prefix = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
        assert_eq!(err(r"\x4"), format!("{prefix} 0-2: truncated \\xXX escape"));
        assert_eq!(
            err(r"\xZZ"),
            format!("{prefix} 0-1: truncated \\xXX escape")
        );
        assert_eq!(
            err(r"é\xZZ"),
            format!("{prefix} 10-11: truncated \\xXX escape")
        );
        assert_eq!(
            err(r"\u12"),
            format!("{prefix} 0-3: truncated \\uXXXX escape")
        );
        assert_eq!(
            err(r"\U00110000"),
            format!("{prefix} 0-9: illegal Unicode character")
        );
        assert_eq!(
            err(r"\N{foo}"),
            format!("{prefix} 0-6: unknown Unicode character name")
        );
        assert_eq!(
            err(r"\N"),
            format!("{prefix} 0-1: malformed \\N character escape")
        );
        assert_eq!(
            err(r"\N{"),
            format!("{prefix} 0-2: malformed \\N character escape")
        );
        assert_eq!(
            err(r"\N{}"),
            format!("{prefix} 0-2: malformed \\N character escape")
        );
        assert_eq!(
            err(r"ab\x"),
            format!("{prefix} 2-3: truncated \\xXX escape")
        );
    }

    #[test]
    fn bytes() {
        assert_eq!(
            decode_bytes(r"a\x41\101\777\d\n", false).unwrap(),
            b"aAA\xff\\d\n".to_vec()
        );
        assert_eq!(decode_bytes("é", false), Err(LiteralError::NonAsciiBytes));
        assert_eq!(
            decode_bytes(r"ab\x4", false).unwrap_err().message(),
            "(value error) invalid \\x escape at position 2"
        );
    }
}
