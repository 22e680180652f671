//! The three Unicode properties formatting and parsing need, answered exactly as CPython 3.11
//! answers them (its Unicode 14.0.0 database): `str.isprintable`, `str.isspace` and the decimal
//! value of a digit (`unicodedata.decimal`). The tables live in the generated `unicode_tables.rs`.

use super::unicode_tables::{DECIMAL_ZEROS, NOT_PRINTABLE, SPACE};

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Mirrors `Py_UNICODE_ISPRINTABLE`: false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
/// other than the ASCII space.
pub fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if (0x20..0x7F).contains(&cp) {
        return true;
    }
    !in_ranges(NOT_PRINTABLE, cp)
}

/// Mirrors `Py_UNICODE_ISSPACE` (`str.isspace`): bidirectional class WS, B or S, or category Zs.
pub fn is_space(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return matches!(cp, 0x09..=0x0D | 0x1C..=0x20);
    }
    in_ranges(SPACE, cp)
}

/// Mirrors `Py_UNICODE_TODECIMAL`: the value 0–9 of a Unicode decimal digit (category Nd).
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let i = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (cp - zero < 10).then_some(cp - zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_matches_cpython() {
        // [c for c in ' a\x7f\xa0\xad\u0378\u2028\u3000\U0001f600\U000e0001\ue000' if c.isprintable()]
        for c in [' ', 'a', 'é', '\u{1F600}', 'ä', '中'] {
            assert!(is_printable(c), "{c:?}");
        }
        for c in [
            '\n',
            '\x7f',
            '\u{a0}',
            '\u{ad}',
            '\u{378}',
            '\u{2028}',
            '\u{3000}',
            '\u{e0001}',
            '\u{e000}',
            '\u{10ffff}',
        ] {
            assert!(!is_printable(c), "{c:?}");
        }
    }

    #[test]
    fn space_and_decimal_match_cpython() {
        for c in [
            ' ', '\t', '\x1c', '\u{85}', '\u{a0}', '\u{2009}', '\u{3000}',
        ] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['a', '\u{200b}', '\u{feff}', '\0'] {
            assert!(!is_space(c), "{c:?}");
        }
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{663}'), Some(3)); // ARABIC-INDIC DIGIT THREE
        assert_eq!(decimal_value('\u{ff19}'), Some(9)); // FULLWIDTH DIGIT NINE
        assert_eq!(decimal_value('\u{1d7ce}'), Some(0)); // MATHEMATICAL BOLD DIGIT ZERO
        assert_eq!(decimal_value('\u{b2}'), None); // SUPERSCRIPT TWO is a digit, not decimal
        assert_eq!(decimal_value('a'), None);
        assert_eq!(decimal_value('\u{2f}'), None);
    }
}
