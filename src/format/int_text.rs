//! Ints to text in any base, and `int(text, base)` / `float(text)` of a string, as CPython 3.11
//! reads them: `PyLong_FromUnicodeObject` and `PyLong_FromString` (Objects/longobject.c),
//! `PyFloat_FromString` (Objects/floatobject.c) and `_Py_string_to_number_with_underscores`.
//! Both first pass the text through `_PyUnicode_TransformDecimalAndSpaceToASCII`, so Unicode
//! digits (`int('١٢')`) and Unicode spaces are accepted. The 4300-digit limit of CPython 3.11's
//! int/str conversions is not applied.

use super::error::FormatError;
use super::repr_str::str_repr;
use super::unicode::{decimal_value, is_space};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// The digits of `value` in `radix` (2–36), lower case, with a leading `-` when negative and
/// no prefix: `int_to_string(-255, 16)` is `-ff`.
pub fn int_to_string(value: &BigInt, radix: u32) -> String {
    value.to_str_radix(radix)
}

/// `bin()`, `oct()` and `hex()` (CPython's `_PyLong_Format`): the sign, then `0b`, `0o` or `0x`
/// for radix 2, 8 and 16, then the digits: `-0x1f`.
pub fn int_to_prefixed(value: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let digits = value.magnitude().to_str_radix(radix);
    let sign = if value.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{digits}")
}

/// Mirrors `_PyUnicode_TransformDecimalAndSpaceToASCII`: characters below U+007F stay, Unicode
/// spaces become ` `, Unicode decimal digits become ASCII digits, and anything else ends the
/// text with a `?` (which no parser accepts). NUL stays NUL, which also fails every parser.
fn to_ascii(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if (c as u32) < 127 {
            out.push(c as u8);
        } else if is_space(c) {
            out.push(b' ');
        } else if let Some(d) = decimal_value(c) {
            out.push(b'0' + d as u8);
        } else {
            out.push(b'?');
            break;
        }
    }
    out
}

/// `Py_ISSPACE`: the ASCII whitespace C's `isspace` knows.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// `_PyLong_DigitValue`: 0–9, then letters as 10–35 in either case, 37 for anything else.
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 37,
    }
}

/// `int(text, base)` for a str.
///
/// Mirrors `PyLong_FromString`: surrounding whitespace, one sign, then for base 0 a prefix
/// `0x`/`0o`/`0b` chooses the base (and a bare leading `0` allows only zero: "old C-style octal
/// literal, now invalid"); for base 16, 8 or 2 the matching prefix is allowed; "One underscore
/// allowed" after the prefix and between digits, none leading or trailing. Errors:
/// `int() base must be >= 2 and <= 36, or 0` and
/// `invalid literal for int() with base 10: 'abc'` (the repr cut to 200 characters).
pub fn parse_int(text: &str, base: u32) -> Result<BigInt, FormatError> {
    if base == 1 || base > 36 {
        return Err(FormatError::value(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    parse_int_ascii(&to_ascii(text), base).ok_or_else(|| {
        let repr: String = str_repr(text).chars().take(200).collect();
        FormatError::value(format!(
            "invalid literal for int() with base {base}: {repr}"
        ))
    })
}

fn parse_int_ascii(s: &[u8], base: u32) -> Option<BigInt> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_c_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' || at(i) == b'-' {
        negative = at(i) == b'-';
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = match (at(i), at(i + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0'
        && matches!(
            (base, at(i + 1)),
            (16, b'x' | b'X') | (8, b'o' | b'O') | (2, b'b' | b'B')
        )
    {
        i += 2;
        // "One underscore allowed here."
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return None;
    }
    let mut digits = Vec::new();
    let mut prev = 0u8;
    while digit_value(at(i)) < base || at(i) == b'_' {
        let b = at(i);
        if b == b'_' {
            if prev == b'_' {
                return None;
            }
        } else {
            digits.push(b);
        }
        prev = b;
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return None;
    }
    while is_c_space(at(i)) {
        i += 1;
    }
    // The text must end here; a NUL ends CPython's C string early and fails the same way.
    if i != s.len() {
        return None;
    }
    let magnitude = BigInt::parse_bytes(&digits, base)?;
    if error_if_nonzero && !magnitude.is_zero() {
        return None;
    }
    Some(if negative { -magnitude } else { magnitude })
}

/// `float(text)` for a str.
///
/// Mirrors `PyFloat_FromString`: surrounding whitespace; `_` only between digits;
/// `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]`, correctly rounded, or
/// `inf`, `infinity` and `nan` in any case with an optional sign. Out-of-range values become
/// `inf` or `0.0`. Error: `could not convert string to float: 'x'` (the whole repr).
pub fn parse_float(text: &str) -> Result<f64, FormatError> {
    parse_float_ascii(&to_ascii(text)).ok_or_else(|| {
        FormatError::value(format!(
            "could not convert string to float: {}",
            str_repr(text)
        ))
    })
}

fn parse_float_ascii(s: &[u8]) -> Option<f64> {
    if s.contains(&0) {
        return None;
    }
    let cleaned;
    let s = if s.contains(&b'_') {
        cleaned = remove_underscores(s)?;
        &cleaned[..]
    } else {
        s
    };
    let start = s.iter().position(|&b| !is_c_space(b))?;
    let end = s.iter().rposition(|&b| !is_c_space(b))? + 1;
    let s = &s[start..end];
    if is_decimal_literal(s) {
        // The grammar was checked above; Rust's parser is correctly rounded.
        return std::str::from_utf8(s).ok()?.parse::<f64>().ok();
    }
    // `_Py_parse_inf_or_nan`
    let (negative, word) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let value = if word.eq_ignore_ascii_case(b"inf") || word.eq_ignore_ascii_case(b"infinity") {
        f64::INFINITY
    } else if word.eq_ignore_ascii_case(b"nan") {
        f64::NAN
    } else {
        return None;
    };
    Some(if negative { -value } else { value })
}

/// Mirrors `_Py_string_to_number_with_underscores`: "Underscores are only allowed after
/// digits" and "only allowed before digits", and not at the end.
fn remove_underscores(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev = 0u8;
    for &b in s {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        prev = b;
    }
    (prev != b'_').then_some(out)
}

/// The decimal syntax `_Py_dg_strtod` accepts, consuming the whole text.
fn is_decimal_literal(s: &[u8]) -> bool {
    let mut i = 0;
    let digits_from = |i: &mut usize| {
        let start = *i;
        while s.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if matches!(s.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa_digits = digits_from(&mut i);
    if s.get(i) == Some(&b'.') {
        i += 1;
        mantissa_digits += digits_from(&mut i);
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits_from(&mut i) == 0 {
            return false;
        }
    }
    i == s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_ok(text: &str, base: u32) -> String {
        parse_int(text, base).unwrap().to_string()
    }

    fn int_err(text: &str, base: u32) -> String {
        parse_int(text, base).unwrap_err().message
    }

    #[test]
    fn int_to_text() {
        let n: BigInt = "-255".parse().unwrap();
        assert_eq!(int_to_string(&n, 16), "-ff");
        assert_eq!(int_to_string(&n, 10), "-255");
        assert_eq!(int_to_string(&BigInt::from(35), 36), "z");
        assert_eq!(int_to_prefixed(&n, 16), "-0xff");
        assert_eq!(int_to_prefixed(&BigInt::from(5), 2), "0b101");
        assert_eq!(int_to_prefixed(&BigInt::from(0), 8), "0o0");
    }

    #[test]
    fn parse_int_matches_cpython() {
        // Expected values from python3.11: int(text, base)
        assert_eq!(int_ok(" 12 ", 10), "12");
        assert_eq!(int_ok("-0x1f", 16), "-31");
        assert_eq!(int_ok("0x1f", 0), "31");
        assert_eq!(int_ok("0b_1", 0), "1");
        assert_eq!(int_ok("00", 0), "0");
        assert_eq!(int_ok("0_0", 0), "0");
        assert_eq!(int_ok("1_000", 10), "1000");
        assert_eq!(int_ok("z", 36), "35");
        assert_eq!(int_ok("Z", 36), "35");
        assert_eq!(int_ok("١٢", 10), "12");
        assert_eq!(int_ok("\u{85} 5\u{3000}", 10), "5");
        assert_eq!(int_ok("-0", 10), "0");
        assert_eq!(int_ok("0o17", 8), "15");
        assert_eq!(int_ok("0B1", 0), "1");
        assert_eq!(int_ok("12", 0), "12");
        assert_eq!(
            int_ok("123456789012345678901234567890", 10),
            "123456789012345678901234567890"
        );
        let bad = |text: &str, base: u32| {
            format!(
                "invalid literal for int() with base {base}: {}",
                str_repr(text)
            )
        };
        for (text, base) in [
            ("0_1", 0),
            ("007", 0),
            ("1__0", 10),
            ("_1", 10),
            ("1_", 10),
            ("0x", 16),
            ("0x_", 16),
            ("12", 2),
            ("\x1c5", 10),
            ("5\0", 10),
            ("", 10),
            (" ", 10),
            ("+", 10),
            ("+_1", 10),
            ("0o17", 10),
            ("٣x", 10),
            ("\x7f", 10),
            ("1 2", 10),
            ("0x1f", 10),
            ("-", 0),
            ("- 1", 10),
            ("0x__1", 16),
        ] {
            assert_eq!(
                int_err(text, base),
                bad(text, base),
                "int({text:?}, {base})"
            );
        }
        assert_eq!(int_err("1", 1), "int() base must be >= 2 and <= 36, or 0");
        assert_eq!(int_err("1", 37), "int() base must be >= 2 and <= 36, or 0");
        // The repr in the message is cut to 200 characters.
        let long = "a".repeat(300);
        assert_eq!(
            int_err(&long, 10),
            format!(
                "invalid literal for int() with base 10: '{}",
                "a".repeat(199)
            )
        );
    }

    #[test]
    fn parse_float_matches_cpython() {
        // Expected values from python3.11: float(text)
        let ok: &[(&str, f64)] = &[
            ("1_000.5", 1000.5),
            ("inf", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("iNfInItY", f64::INFINITY),
            ("  1e5 ", 100000.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e99999999999999999999", f64::INFINITY),
            ("\u{85} 5\u{3000}", 5.0),
            ("1.5e+3", 1500.0),
            ("+.5e-3", 0.0005),
            ("5_5", 55.0),
            ("0.1", 0.1),
            ("2.2250738585072011e-308", 2.225073858507201e-308),
            ("1.7976931348623159e308", f64::INFINITY),
            ("4.9406564584124654e-324", 5e-324),
            ("2.4703282292062328e-324", 5e-324),
            ("2.4703282292062327e-324", 0.0),
            ("１２.５", 12.5),
        ];
        for &(text, expected) in ok {
            assert_eq!(parse_float(text).unwrap(), expected, "float({text:?})");
        }
        let neg_zero = parse_float("-1e-99999999999999999999").unwrap();
        assert!(neg_zero == 0.0 && neg_zero.is_sign_negative());
        assert!(parse_float("nan").unwrap().is_nan());
        let neg_nan = parse_float("-nan").unwrap();
        assert!(neg_nan.is_nan() && neg_nan.is_sign_negative());
        for text in [
            "1e", ".", "1_e5", "1e_5", "1e5_", "1.5_", "_1", "1__0", "0x1", "infx", "١٫٢", "in",
            "", "  ", "1\0", "1._5", "1_.5", "- 1", "+-1", "1e+", "e5", "infinit", "nana",
        ] {
            assert_eq!(
                parse_float(text).unwrap_err().message,
                format!("could not convert string to float: {}", str_repr(text)),
                "float({text:?})"
            );
        }
    }
}
