//! Laying out a formatted number in its field: sign, prefix, padding and digit grouping, as
//! CPython's `calc_number_widths` and `fill_number` (Python/formatter_unicode.c) do it:
//!
//! ```text
//! <lpadding> <sign> <prefix> <spadding> <grouped_digits> <decimal> <remainder> <rpadding>
//! ```
//!
//! Only one of the three paddings is non-empty. With fill `0` and alignment `=` the padding is
//! made of grouped zeros instead (`format(1234, '09,')` is `0,001,234`).

use super::error::FormatError;

/// Where the padding goes (`<`, `>`, `^`, `=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    /// `=`: between the sign (and prefix) and the digits.
    AfterSign,
}

/// The sign option (`+`, `-`, space).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
    Space,
}

/// The field options that apply to a number once the spec is resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub fill: char,
    pub align: Align,
    pub sign: Option<Sign>,
    pub width: Option<usize>,
    /// Group size and separator: 3 for `,` and `_` on decimal digits, 4 for `_` on b/o/x/X.
    pub grouping: Option<(usize, char)>,
}

/// The pieces of a number: `-` (if negative), a prefix such as `0x`, the integer digits, then an
/// optional `.` and the remainder (fraction, exponent, `%`, or text such as `inf` or the
/// character of `'c'` formatting that takes no grouping).
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    pub prefix: &'a str,
    pub digits: &'a str,
    pub has_decimal: bool,
    pub remainder: &'a str,
}

/// Reserves room for `n` more characters, or fails the way CPython does when its buffer can't be
/// allocated (`format(1, '99999999999999')` raises `MemoryError`).
pub(crate) fn reserve(out: &mut String, n: usize) -> Result<(), FormatError> {
    out.try_reserve(n).map_err(|_| FormatError::memory())
}

pub(crate) fn push_fill(out: &mut String, fill: char, n: usize) -> Result<(), FormatError> {
    reserve(out, n.saturating_mul(fill.len_utf8()))?;
    out.extend(std::iter::repeat_n(fill, n));
    Ok(())
}

/// Mirrors `_PyUnicode_InsertThousandsGrouping`: the digits with separators every `group`
/// digits from the right, left-padded with (grouped) zeros up to `min_width` characters.
fn group_digits(digits: &str, min_width: i64, grouping: Option<(usize, char)>) -> String {
    let digits = digits.as_bytes();
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut digits_pos = digits.len();
    // Built right to left, then reversed.
    let mut reversed: Vec<char> = Vec::new();
    let mut use_separator = false;
    let mut chunk = |reversed: &mut Vec<char>, n_chars: i64, n_zeros: i64, sep: Option<char>| {
        reversed.extend(sep);
        for _ in 0..n_chars {
            digits_pos -= 1;
            reversed.push(digits[digits_pos] as char);
        }
        reversed.extend(std::iter::repeat_n('0', n_zeros as usize));
    };
    let mut loop_broken = false;
    if let Some((group, sep)) = grouping {
        let group = group as i64;
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            chunk(
                &mut reversed,
                n_chars,
                n_zeros,
                use_separator.then_some(sep),
            );
            use_separator = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                loop_broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !loop_broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sep = grouping.map(|(_, sep)| sep).filter(|_| use_separator);
        chunk(&mut reversed, n_chars, n_zeros, sep);
    }
    reversed.iter().rev().collect()
}

/// Mirrors `calc_number_widths` followed by `fill_number`.
pub(crate) fn layout_number(parts: &NumberParts, field: &Field) -> Result<String, FormatError> {
    let sign = match (field.sign, parts.negative) {
        (_, true) => Some('-'),
        (Some(Sign::Plus), false) => Some('+'),
        (Some(Sign::Space), false) => Some(' '),
        _ => None,
    };
    let width = field.width.map_or(-1, |w| w.min(i64::MAX as usize) as i64);
    let n_sign = sign.is_some() as i64;
    let n_prefix = parts.prefix.chars().count() as i64;
    let n_decimal = parts.has_decimal as i64;
    let n_remainder = parts.remainder.chars().count() as i64;
    let n_non_digit = n_sign + n_prefix + n_decimal + n_remainder;
    let min_width = if field.fill == '0' && field.align == Align::AfterSign {
        width - n_non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits, min_width, field.grouping)
    };
    let n_grouped = grouped.len() as i64;
    let padding = (width - (n_non_digit + n_grouped)).max(0) as usize;
    let (lpad, spad, rpad) = match field.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = String::new();
    reserve(
        &mut out,
        padding.saturating_mul(field.fill.len_utf8()) + (n_non_digit + n_grouped) as usize * 4,
    )?;
    push_fill(&mut out, field.fill, lpad)?;
    out.extend(sign);
    out.push_str(parts.prefix);
    push_fill(&mut out, field.fill, spad)?;
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, field.fill, rpad)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping_with_zero_fill() {
        let comma = Some((3, ','));
        assert_eq!(group_digits("1234", 0, comma), "1,234");
        assert_eq!(group_digits("1234", 9, comma), "0,001,234");
        assert_eq!(group_digits("1234", 10, comma), "00,001,234");
        assert_eq!(group_digits("1234", 8, comma), "0,001,234");
        assert_eq!(group_digits("12", 5, None), "00012");
        assert_eq!(
            group_digits("10000000000", 0, Some((4, '_'))),
            "100_0000_0000"
        );
        assert_eq!(group_digits("123", 0, comma), "123");
        assert_eq!(group_digits("123456", 0, comma), "123,456");
    }
}
