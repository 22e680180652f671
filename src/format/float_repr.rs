//! `repr(float)` and the layout of a double's digits as text: CPython's `PyOS_double_to_string`
//! and its `format_float_short` (Python/pystrtod.c), which every float-to-text path shares —
//! `repr`, `str`, `format()`, f-strings and `%`-formatting.

use super::dtoa::{self, Digits};
use super::error::FormatError;

/// The format codes `PyOS_double_to_string` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatCode {
    /// `'e'`/`'E'`: exponent notation, `precision` digits after the point.
    Exp { upper: bool },
    /// `'f'`/`'F'`: fixed point, `precision` digits after the point.
    Fixed { upper: bool },
    /// `'g'`/`'G'`: `precision` significant digits, exponent notation when the exponent is
    /// < -4 or >= precision.
    General { upper: bool },
    /// `'r'`: repr — the shortest round-trip digits, exponent notation when the exponent is
    /// < -4 or >= 16. Ignores `precision`.
    Repr,
}

/// The `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// `Py_DTSF_SIGN`: write `+` before non-negative numbers.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: write `.0` after an integral value shown without exponent.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: `#` — keep the point and (for `g`) trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: `z` — drop the sign of a zero (after rounding).
    pub no_neg_0: bool,
}

/// Mirrors `PyOS_double_to_string(val, code, precision, flags, NULL)`.
///
/// "e: mode 2 with precision+1 digits; f: mode 3; g: mode 2, a precision of 0 means 1;
/// r: mode 0." Infinities and NaNs are `inf`/`nan` (`INF`/`NAN` for the upper-case codes); a
/// NaN never gets a `-`. Fails only with `MemoryError` when a huge precision makes the text too
/// large to allocate.
pub fn double_to_string(
    x: f64,
    code: FloatCode,
    precision: usize,
    flags: FloatFlags,
) -> Result<String, FormatError> {
    let upper = matches!(
        code,
        FloatCode::Exp { upper: true }
            | FloatCode::Fixed { upper: true }
            | FloatCode::General { upper: true }
    );
    let mut negative = x.is_sign_negative();
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_nan() {
            negative = false;
        }
        push_sign(&mut out, negative, flags.sign);
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return Ok(out);
    }
    let precision = precision as i64;
    let (digits, precision) = match code {
        FloatCode::Exp { .. } => (dtoa::significant(x, precision as u64 + 1), precision + 1),
        FloatCode::Fixed { .. } => (dtoa::fixed(x, precision as u64), precision),
        FloatCode::General { .. } => {
            let precision = precision.max(1);
            (dtoa::significant(x, precision as u64), precision)
        }
        FloatCode::Repr => (dtoa::shortest(x), 0),
    };
    if flags.no_neg_0 && digits.digits == "0" {
        negative = false;
    }
    push_sign(&mut out, negative, flags.sign);
    layout(&mut out, &digits, code, precision, flags, upper)?;
    Ok(out)
}

fn push_sign(out: &mut String, negative: bool, always: bool) {
    if negative {
        out.push('-');
    } else if always {
        out.push('+');
    }
}

/// The digit layout of `format_float_short`: the output is a slice `vdigits[start..end]` of the
/// digits padded with zeros on both sides, with the point at `decpt`, then an exponent.
fn layout(
    out: &mut String,
    d: &Digits,
    code: FloatCode,
    precision: i64,
    flags: FloatFlags,
    upper: bool,
) -> Result<(), FormatError> {
    let digits = d.digits.as_bytes();
    let digits_len = digits.len() as i64;
    let mut decpt = d.decpt;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        FloatCode::Exp { .. } => {
            use_exp = true;
            vdigits_end = precision;
        }
        FloatCode::Fixed { .. } => vdigits_end = decpt + precision,
        FloatCode::General { .. } => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        // "convert to exponential format at 1e16"
        FloatCode::Repr => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let size = (vdigits_end - vdigits_start) as usize + 8;
    out.try_reserve(size).map_err(|_| FormatError::memory())?;

    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let text = |out: &mut String, range: std::ops::Range<i64>| {
        out.extend(
            digits[range.start as usize..range.end as usize]
                .iter()
                .map(|&b| b as char),
        )
    };
    // Zero padding on the left of the digit string.
    if decpt <= 0 {
        zeros(out, decpt - vdigits_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -vdigits_start);
    }
    // The digits, with the point if it falls inside them.
    if 0 < decpt && decpt <= digits_len {
        text(out, 0..decpt);
        out.push('.');
        text(out, decpt..digits_len);
    } else {
        text(out, 0..digits_len);
    }
    // Zeros on the right.
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, vdigits_end - decpt);
    } else {
        zeros(out, vdigits_end - digits_len);
    }
    // "Delete a trailing decimal pt unless using alternative formatting."
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        // sprintf("%+.02d", exp)
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
    Ok(())
}

/// `repr(x)` for a float, exactly as CPython 3.11: `float_repr` calls
/// `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)`.
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags {
        add_dot_0: true,
        ..FloatFlags::default()
    };
    // A repr is at most 24 characters: it cannot fail to allocate.
    double_to_string(x, FloatCode::Repr, 0, flags).unwrap_or_default()
}

/// `str(x)` for a float: the same as `repr` since Python 3.2.
pub fn float_str(x: f64) -> String {
    float_repr(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        // Expected values from python3.11: [repr(x) for x in cases]
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (100.0, "100.0"),
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012345"),
            (1e22, "1e+22"),
            (1e23, "1e+23"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-f64::NAN, "nan"),
            (-1.5, "-1.5"),
            (123456789.123, "123456789.123"),
            (1.23e-100, "1.23e-100"),
            (2e16 + 8.0, "2.000000000000001e+16"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0f64.powi(63), "9.223372036854776e+18"),
        ];
        for &(x, expected) in cases {
            assert_eq!(float_repr(x), expected, "repr of {x:e}");
            assert_eq!(float_str(x), expected);
        }
    }

    fn double_to_string(x: f64, code: FloatCode, precision: usize, flags: FloatFlags) -> String {
        super::double_to_string(x, code, precision, flags).unwrap()
    }

    #[test]
    fn double_to_string_codes() {
        let plain = FloatFlags::default();
        let alt = FloatFlags { alt: true, ..plain };
        let e = FloatCode::Exp { upper: false };
        let f = FloatCode::Fixed { upper: false };
        let g = FloatCode::General { upper: false };
        // python3.11: '%.3e' % 0.0, '%.0e' % 12345.0, '%#.0e' % 1.0, '%.2f' % 1e22, ...
        assert_eq!(double_to_string(0.0, e, 3, plain), "0.000e+00");
        assert_eq!(double_to_string(12345.0, e, 0, plain), "1e+04");
        assert_eq!(double_to_string(1.0, e, 0, alt), "1.e+00");
        assert_eq!(double_to_string(1e100, e, 6, plain), "1.000000e+100");
        assert_eq!(
            double_to_string(1e22, f, 2, plain),
            "10000000000000000000000.00"
        );
        assert_eq!(double_to_string(0.5, f, 0, plain), "0");
        assert_eq!(double_to_string(1.0, f, 0, alt), "1.");
        assert_eq!(double_to_string(-0.0001, f, 2, plain), "-0.00");
        assert_eq!(
            double_to_string(
                -0.0001,
                f,
                2,
                FloatFlags {
                    no_neg_0: true,
                    ..plain
                }
            ),
            "0.00"
        );
        assert_eq!(double_to_string(1e-5, g, 6, plain), "1e-05");
        assert_eq!(double_to_string(123456.0, g, 6, plain), "123456");
        assert_eq!(double_to_string(1234567.0, g, 6, plain), "1.23457e+06");
        assert_eq!(double_to_string(1.0, g, 6, alt), "1.00000");
        assert_eq!(double_to_string(0.0001, g, 0, plain), "0.0001");
        assert_eq!(
            double_to_string(1e-10, FloatCode::General { upper: true }, 6, plain),
            "1E-10"
        );
        assert_eq!(
            double_to_string(f64::INFINITY, FloatCode::Fixed { upper: true }, 2, plain),
            "INF"
        );
        assert_eq!(
            double_to_string(
                2.5,
                f,
                3,
                FloatFlags {
                    sign: true,
                    ..plain
                }
            ),
            "+2.500"
        );
    }
}
