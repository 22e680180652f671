//! The format-specification mini-language of `format()`, `str.format` and f-strings
//! (Python Library Reference, "Format Specification Mini-Language"):
//!
//! ```text
//! [[fill]align][sign]["z"]["#"]["0"][width][grouping_option]["." precision][type]
//! ```
//!
//! Parsing mirrors `parse_internal_render_format_spec` and the three formatters mirror
//! `format_long_internal`, `format_float_internal` and `format_string_internal` in CPython 3.11's
//! Python/formatter_unicode.c, with their exact error messages. An empty spec means `str(value)`:
//! these functions return that for int, float and str, but a caller formatting a `bool` with an
//! empty spec must print `True`/`False` itself (only a non-empty spec formats it as an int).

use super::error::FormatError;
use super::float_repr::{double_to_string, FloatCode, FloatFlags};
use super::int_float::int_to_f64;
use super::number_field::{layout_number, push_fill, reserve, Field, NumberParts};
pub use super::number_field::{Align, Sign};
use super::unicode::decimal_value;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// The thousands separator option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`
    Comma,
    /// `_`
    Underscore,
}

impl Grouping {
    fn char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec, before the value's type supplies its defaults (type `d`, `s` or none;
/// alignment `>` for numbers and `<` for strings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec<'t> {
    /// The fill character, when one was written before the alignment.
    pub fill: Option<char>,
    pub align: Option<Align>,
    pub sign: Option<Sign>,
    /// `z`: coerce a negative zero to positive (floats only).
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// A `0` before the width, with no explicit fill: fill with `0` (and align `=` for numbers).
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type, if given (`'\0'` counts as "no type", as in CPython).
    pub kind: Option<char>,
    /// The type of the object being formatted, for error messages ("… for object of type 'bool'").
    pub type_name: &'t str,
}

fn is_align(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// Mirrors `get_integer`: a run of Unicode decimal digits; `None` if there are none.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let start = *pos;
    let mut accumulator: usize = 0;
    while let Some(digit) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        // "Detect possible overflow before it happens" (limit PY_SSIZE_T_MAX)
        if accumulator > (isize::MAX as usize - digit as usize) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        accumulator = accumulator * 10 + digit as usize;
        *pos += 1;
    }
    Ok((*pos > start).then_some(accumulator))
}

impl<'t> Spec<'t> {
    /// Mirrors `parse_internal_render_format_spec` for an object of type `type_name`.
    pub fn parse(text: &str, type_name: &'t str) -> Result<Spec<'t>, FormatError> {
        let chars: Vec<char> = text.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut spec = Spec {
            fill: None,
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            kind: None,
            type_name,
        };
        // "If the second char is an alignment token, then parse the fill char"
        if let Some(align) = chars.get(1).and_then(|&c| is_align(c)) {
            spec.fill = Some(chars[0]);
            spec.align = Some(align);
            pos = 2;
        } else if let Some(align) = chars.first().and_then(|&c| is_align(c)) {
            spec.align = Some(align);
            pos = 1;
        }
        spec.sign = match chars.get(pos) {
            Some('+') => Some(Sign::Plus),
            Some('-') => Some(Sign::Minus),
            Some(' ') => Some(Sign::Space),
            _ => None,
        };
        if spec.sign.is_some() {
            pos += 1;
        }
        if chars.get(pos) == Some(&'z') {
            spec.no_neg_zero = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            spec.alternate = true;
            pos += 1;
        }
        // "The special case for 0-padding (backwards compat)"
        if spec.fill.is_none() && chars.get(pos) == Some(&'0') {
            spec.zero_pad = true;
            pos += 1;
        }
        spec.width = get_integer(&chars, &mut pos)?;
        if chars.get(pos) == Some(&',') {
            spec.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if spec.grouping.is_some() {
                return Err(FormatError::value("Cannot specify both ',' and '_'."));
            }
            spec.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && spec.grouping == Some(Grouping::Underscore) {
            return Err(FormatError::value("Cannot specify both ',' and '_'."));
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            spec.precision = get_integer(&chars, &mut pos)?;
            if spec.precision.is_none() {
                return Err(FormatError::value("Format specifier missing precision"));
            }
        }
        if end - pos > 1 {
            return Err(FormatError::value(format!(
                "Invalid format specifier '{text}' for object of type '{type_name}'"
            )));
        }
        spec.kind = chars.get(pos).copied();
        Ok(spec)
    }

    /// The type character with the object's default applied (`'\0'` = none).
    fn type_char(&self, default_type: char) -> char {
        self.kind.unwrap_or(default_type)
    }

    /// Applies the object's defaults and the separator check that ends
    /// `parse_internal_render_format_spec`.
    fn resolve(&self, default_type: char, default_align: Align) -> Result<Field, FormatError> {
        let kind = self.type_char(default_type);
        let grouping = match self.grouping {
            None => None,
            Some(grouping) => match kind {
                'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Some((3, grouping.char())),
                // "Underscores are allowed in bin/oct/hex. See PEP 515." — every four digits.
                'b' | 'o' | 'x' | 'X' if grouping == Grouping::Underscore => Some((4, '_')),
                _ => {
                    return Err(FormatError::value(format!(
                        "Cannot specify '{}' with {}.",
                        grouping.char(),
                        quoted_code(kind)
                    )))
                }
            },
        };
        let fill = self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' });
        let align = self
            .align
            .unwrap_or(if self.zero_pad && default_align == Align::Right {
                Align::AfterSign
            } else {
                default_align
            });
        Ok(Field {
            fill,
            align,
            sign: self.sign,
            width: self.width,
            grouping,
        })
    }
}

/// A type character as CPython's messages quote it: `'x'`, or `'\x85'` outside printable ASCII.
fn quoted_code(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{:x}'", c as u32)
    }
}

/// Mirrors `unknown_presentation_type`.
fn unknown_code(c: char, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code {} for object of type '{type_name}'",
        quoted_code(c)
    ))
}

/// `format(value, spec)` for an int (or bool, or int subclass: `spec.type_name` names it).
///
/// Mirrors `_PyLong_FormatAdvancedWriter`: types b c d o x X n format the int; e E f F g G %
/// convert it to float first (`OverflowError: int too large to convert to float`).
pub fn format_int(value: &BigInt, spec: &Spec) -> Result<String, FormatError> {
    let field = spec.resolve('d', Align::Right)?;
    match spec.type_char('d') {
        kind @ ('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => format_long(value, spec, kind, field),
        kind @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            format_double(int_to_f64(value)?, spec, kind, field)
        }
        kind => Err(unknown_code(kind, spec.type_name)),
    }
}

/// Mirrors `format_long_internal`.
fn format_long(
    value: &BigInt,
    spec: &Spec,
    kind: char,
    mut field: Field,
) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if kind == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = int_to_char(value)?;
        let text = c.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &text,
        };
        return layout_number(&parts, &field);
    }
    let (radix, prefix) = match kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    if kind == 'n' {
        // The C locale CPython runs in has no grouping and no thousands separator.
        field.grouping = None;
    }
    let mut digits = value.magnitude().to_str_radix(radix);
    if kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: value.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    layout_number(&parts, &field)
}

/// The character of `'c'` formatting: "%c arg not in range(0x110000)" past the code points,
/// and `PyLong_AsLong`'s overflow before that.
pub(crate) fn int_to_char(value: &BigInt) -> Result<char, FormatError> {
    let x = value
        .to_i64()
        .ok_or_else(|| FormatError::overflow("Python int too large to convert to C long"))?;
    if !(0..=0x10FFFF).contains(&x) {
        return Err(FormatError::overflow("%c arg not in range(0x110000)"));
    }
    // Lone surrogates (U+D800–U+DFFF) are valid in a CPython str but cannot be held by a Rust
    // `String`; they are refused rather than silently replaced.
    char::from_u32(x as u32).ok_or_else(|| {
        FormatError::value(format!(
            "%c arg {x:#x} is a lone surrogate, which this interpreter's str cannot hold"
        ))
    })
}

/// `format(value, spec)` for a float (`spec.type_name` names a subclass).
///
/// Mirrors `_PyFloat_FormatAdvancedWriter`: types e E f F g G n % and none.
pub fn format_float(value: f64, spec: &Spec) -> Result<String, FormatError> {
    let field = spec.resolve('\0', Align::Right)?;
    match spec.type_char('\0') {
        kind @ ('\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            format_double(value, spec, kind, field)
        }
        kind => Err(unknown_code(kind, spec.type_name)),
    }
}

/// Mirrors `format_float_internal`.
fn format_double(
    value: f64,
    spec: &Spec,
    kind: char,
    mut field: Field,
) -> Result<String, FormatError> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value("precision too big"));
    }
    let mut flags = FloatFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        ..FloatFlags::default()
    };
    let mut value = value;
    let mut default_precision = 6;
    let code = match kind {
        // "Omitted type specifier. Behaves in the same way as repr(x) and str(x) if no
        // precision is given, else like 'g', but with at least one digit after the decimal
        // point."
        '\0' => {
            flags.add_dot_0 = true;
            default_precision = 0;
            if spec.precision.is_some() {
                FloatCode::General { upper: false }
            } else {
                FloatCode::Repr
            }
        }
        'e' | 'E' => FloatCode::Exp { upper: kind == 'E' },
        'f' | 'F' => FloatCode::Fixed { upper: kind == 'F' },
        '%' => {
            value *= 100.0;
            FloatCode::Fixed { upper: false }
        }
        // 'n' is 'g' in the C locale.
        _ => FloatCode::General { upper: kind == 'G' },
    };
    let precision = spec.precision.unwrap_or(default_precision);
    let mut text = double_to_string(value, code, precision, flags)?;
    if kind == '%' {
        text.push('%');
    }
    if kind == 'n' {
        field.grouping = None;
    }
    // Split "-123.45e+06" into sign, integer digits, point and remainder (`parse_number`).
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let n_int = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_int);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(after) => (true, after),
        None => (false, rest),
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        has_decimal,
        remainder,
    };
    layout_number(&parts, &field)
}

/// `format(value, spec)` for a str (`spec.type_name` names a subclass).
///
/// Mirrors `format_string_internal`: type `s` only; no sign, `z`, `#` or `=`; the precision
/// truncates; left-aligned by default.
pub fn format_str(value: &str, spec: &Spec) -> Result<String, FormatError> {
    let field = spec.resolve('s', Align::Left)?;
    let kind = spec.type_char('s');
    if kind != 's' {
        return Err(unknown_code(kind, spec.type_name));
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if field.align == Align::AfterSign {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let text = match spec.precision {
        Some(precision) => match value.char_indices().nth(precision) {
            Some((cut, _)) => &value[..cut],
            None => value,
        },
        None => value,
    };
    pad(text, field.width, field.align, field.fill)
}

/// Mirrors `calc_padding`: `text` in a field of at least `width` characters.
pub(crate) fn pad(
    text: &str,
    width: Option<usize>,
    align: Align,
    fill: char,
) -> Result<String, FormatError> {
    let len = text.chars().count();
    let total = width.map_or(len, |w| w.max(len));
    let left = match align {
        Align::Right => total - len,
        Align::Center => (total - len) / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let right = total - len - left;
    let mut out = String::new();
    reserve(&mut out, text.len())?;
    push_fill(&mut out, fill, left)?;
    out.push_str(text);
    push_fill(&mut out, fill, right)?;
    Ok(out)
}

#[cfg(test)]
#[path = "format_spec_tests.rs"]
mod tests;
