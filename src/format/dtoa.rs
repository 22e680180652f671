//! Decimal digits of a finite double, the three ways CPython's `_Py_dg_dtoa` (David Gay's
//! dtoa.c) produces them: shortest round-trip (mode 0, here via `ryu`), a number of significant
//! digits (mode 2) and a number of digits after the point (mode 3). Modes 2 and 3 are computed
//! exactly with big integers and round half to even on the exact binary value, so
//! `format(2.675, '.2f')` is `2.67` (2.675 is stored as 2.67499999…) and `format(0.125, '.2f')` is
//! `0.12` (an exact tie goes to the even digit).

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};

/// A digit string and the position of the decimal point: the value is `0.DIGITS × 10^decpt`.
/// As from `_Py_dg_dtoa`: no leading or trailing zeros, except that zero is `"0"` with `decpt`
/// 1. The sign is not part of it (read it from the double).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digits {
    pub digits: String,
    pub decpt: i64,
}

impl Digits {
    fn zero() -> Digits {
        Digits {
            digits: "0".to_string(),
            decpt: 1,
        }
    }

    /// Builds from an integer `n` meaning `n × 10^(decpt - len(n))`, dropping trailing zeros.
    fn from_integer(n: &BigUint, exp10: i64) -> Digits {
        if n.is_zero() {
            return Digits::zero();
        }
        let text = n.to_str_radix(10);
        let decpt = text.len() as i64 + exp10;
        Digits {
            digits: text.trim_end_matches('0').to_string(),
            decpt,
        }
    }
}

/// `|x|` as `mantissa × 2^exp2` with an integer mantissa (x finite).
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

fn pow10(n: u64) -> BigUint {
    BigUint::from(10u32).pow(n as u32)
}

/// `|x| × 10^scale` as an exact fraction (numerator, denominator).
fn scaled(x: f64, scale: i64) -> (BigUint, BigUint) {
    let (mantissa, exp2) = decompose(x);
    let mut num = BigUint::from(mantissa);
    let mut den = BigUint::one();
    if exp2 >= 0 {
        num <<= exp2 as u64;
    } else {
        den <<= (-exp2) as u64;
    }
    if scale >= 0 {
        num *= pow10(scale as u64);
    } else {
        den *= pow10((-scale) as u64);
    }
    (num, den)
}

/// `num / den` rounded to the nearest integer, ties to even.
fn round_half_even(num: &BigUint, den: &BigUint) -> BigUint {
    let (q, r) = num.div_rem(den);
    let twice = r << 1u32;
    if twice > *den || (twice == *den && q.is_odd()) {
        q + 1u32
    } else {
        q
    }
}

/// Mode 0: the shortest digit string that reads back as `x` (x finite), from `ryu`.
pub fn shortest(x: f64) -> Digits {
    if x == 0.0 {
        return Digits::zero();
    }
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x.abs());
    // ryu writes `d.ddd`, `d.ddde-n` or `de+n`-like forms; read digits and exponent back.
    let (mantissa, exp10) = match text.split_once('e') {
        // ryu only writes a well-formed exponent.
        Some((m, e)) => (m, e.parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int_part.chars().chain(frac_part.chars()).collect();
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all[lead..].trim_end_matches('0').to_string();
    Digits {
        digits,
        decpt: int_part.len() as i64 + exp10 - lead as i64,
    }
}

/// A double `m × 2^e` has at most `-e` <= 1074 decimal places, so more are exact: rounding stops
/// there and the layout pads the zeros (`format(1.5, '.100000f')` stays cheap).
const MAX_PLACES: u64 = 1075;

/// A double has at most 767 significant decimal digits.
const MAX_SIGNIFICANT: u64 = 800;

/// Mode 3: `x` (finite) correctly rounded to `ndigits` digits after the decimal point.
pub fn fixed(x: f64, ndigits: u64) -> Digits {
    if x == 0.0 {
        return Digits::zero();
    }
    let ndigits = ndigits.min(MAX_PLACES);
    let (num, den) = scaled(x, ndigits as i64);
    Digits::from_integer(&round_half_even(&num, &den), -(ndigits as i64))
}

/// Mode 2: `x` (finite) correctly rounded to `ndigits` (at least 1) significant digits.
pub fn significant(x: f64, ndigits: u64) -> Digits {
    if x == 0.0 {
        return Digits::zero();
    }
    let ndigits = ndigits.clamp(1, MAX_SIGNIFICANT);
    // k = floor(log10(|x|)): estimate, then correct with exact comparisons.
    let mut k = x.abs().log10().floor() as i64;
    loop {
        // |x| >= 10^k  <=>  |x| × 10^-k >= 1
        let (num, den) = scaled(x, -k);
        if num < den {
            k -= 1;
        } else if num >= den * 10u32 {
            k += 1;
        } else {
            break;
        }
    }
    let (num, den) = scaled(x, ndigits as i64 - 1 - k);
    let mut n = round_half_even(&num, &den);
    if n == pow10(ndigits) {
        n = pow10(ndigits - 1);
        k += 1;
    }
    let mut result = Digits::from_integer(&n, 0);
    result.decpt = k + 1;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(digits: &str, decpt: i64) -> Digits {
        Digits {
            digits: digits.to_string(),
            decpt,
        }
    }

    #[test]
    fn shortest_digits() {
        assert_eq!(shortest(0.1), d("1", 0));
        assert_eq!(shortest(100.0), d("1", 3));
        assert_eq!(shortest(1.5e-5), d("15", -4));
        assert_eq!(shortest(5e-324), d("5", -323));
        assert_eq!(
            shortest(1.7976931348623157e308),
            d("17976931348623157", 309)
        );
        assert_eq!(shortest(0.1 + 0.2), d("30000000000000004", 0));
        assert_eq!(shortest(0.0), d("0", 1));
        assert_eq!(shortest(-2.5), d("25", 1));
    }

    #[test]
    fn fixed_rounds_on_the_exact_value() {
        assert_eq!(fixed(0.125, 2), d("12", 0));
        assert_eq!(fixed(0.375, 2), d("38", 0));
        assert_eq!(fixed(2.675, 2), d("267", 1));
        assert_eq!(fixed(0.5, 0), d("0", 1));
        assert_eq!(fixed(1.5, 0), d("2", 1));
        assert_eq!(fixed(2.5, 0), d("2", 1));
        assert_eq!(fixed(0.001, 1), d("0", 1));
        assert_eq!(fixed(1e22, 0), d("1", 23));
        assert_eq!(fixed(0.1, 1_000_000), fixed(0.1, 2000));
        assert_eq!(fixed(5e-324, 1074).digits.len(), 751); // 2^-1074 exactly
        assert_eq!(fixed(5e-324, 324), d("5", -323)); // 4.94…e-324 rounds up
        assert_eq!(fixed(5e-324, 323), d("0", 1));
    }

    #[test]
    fn significant_rounds_and_carries() {
        assert_eq!(significant(9.995, 3), d("999", 1)); // 9.99499999…
        assert_eq!(significant(9.9999, 3), d("1", 2));
        assert_eq!(significant(1e23, 17), d("99999999999999992", 23));
        assert_eq!(significant(5e-324, 3), d("494", -323));
        assert_eq!(significant(1e-5, 1), d("1", -4));
        assert_eq!(significant(1000.0, 2), d("1", 4));
        assert_eq!(significant(0.1, 1_000_000), significant(0.1, 900));
        assert_eq!(significant(5e-324, 1000).digits.len(), 751);
    }
}
