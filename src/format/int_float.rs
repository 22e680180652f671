//! Exact conversions between Python ints and floats: `float(n)` (`PyLong_AsDouble`, correctly
//! rounded, half to even) and `int(x)` for a float (`PyLong_FromDouble`, truncation toward zero).

use super::error::FormatError;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::ToPrimitive;

/// Mirrors `PyLong_AsDouble`: the nearest double (ties to even), or
/// `OverflowError: int too large to convert to float` when it rounds past the largest double.
pub fn int_to_f64(value: &BigInt) -> Result<f64, FormatError> {
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    let result = if bits <= 64 {
        // u64 → f64 rounds to nearest, ties to even. `bits <= 64` proves the value fits.
        magnitude.to_u64().map_or(f64::INFINITY, |m| m as f64)
    } else {
        // Keep the top 64 bits and fold every bit below them into a sticky lowest bit: 64 bits
        // are more than 53 + 2, so rounding the result once is the same as rounding exactly.
        let shift = bits - 64;
        let top: BigUint = magnitude >> shift;
        let mut top = top.to_u64().unwrap_or(u64::MAX);
        if magnitude.trailing_zeros().unwrap_or(0) < shift {
            top |= 1;
        }
        // Scaling by a power of two is exact until it overflows to infinity.
        let scale = i32::try_from(shift).unwrap_or(i32::MAX).min(2000);
        top as f64 * 2f64.powi(scale)
    };
    if result.is_infinite() {
        return Err(FormatError::overflow("int too large to convert to float"));
    }
    Ok(if value.sign() == Sign::Minus {
        -result
    } else {
        result
    })
}

/// Mirrors `PyLong_FromDouble`: truncates toward zero. NaN raises
/// `ValueError: cannot convert float NaN to integer`, an infinity
/// `OverflowError: cannot convert float infinity to integer`.
pub fn f64_to_int(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() < 9.007_199_254_740_992e15 {
        return Ok(BigInt::from(t as i64));
    }
    // |t| >= 2^53: an integer mantissa times a power of two.
    let bits = t.to_bits();
    let exp2 = ((bits >> 52) & 0x7FF) as i64 - 1075;
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let magnitude = BigInt::from(mantissa) << (exp2 as u64);
    Ok(if t < 0.0 { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        text.parse().unwrap()
    }

    #[test]
    fn int_to_float_rounds_half_even() {
        // python3.11: float(2**53 + 1), float(2**53 + 3), float(2**64 + 2**11), ...
        assert_eq!(
            int_to_f64(&big("9007199254740993")).unwrap(),
            9007199254740992.0
        );
        assert_eq!(
            int_to_f64(&big("9007199254740995")).unwrap(),
            9007199254740996.0
        );
        assert_eq!(
            int_to_f64(&big("18446744073709553664")).unwrap(),
            18446744073709551616.0
        );
        // 2**64 + 2**11 + 1 is above the tie: rounds up.
        assert_eq!(
            int_to_f64(&big("18446744073709553665")).unwrap(),
            18446744073709555712.0
        );
        assert_eq!(int_to_f64(&big("-5")).unwrap(), -5.0);
        assert_eq!(int_to_f64(&BigInt::from(0)).unwrap(), 0.0);
        let max = big("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368");
        assert_eq!(int_to_f64(&max).unwrap(), f64::MAX);
        // 2**1024 - 2**970 rounds up to 2**1024: too large.
        let just_over = (BigInt::from(1) << 1024u32) - (BigInt::from(1) << 970u32);
        let err = int_to_f64(&just_over);
        assert_eq!(
            err.unwrap_err().message,
            "int too large to convert to float"
        );
        assert!(int_to_f64(&(BigInt::from(1) << 1024u32)).is_err());
    }

    #[test]
    fn float_to_int_truncates() {
        assert_eq!(f64_to_int(1.9).unwrap(), BigInt::from(1));
        assert_eq!(f64_to_int(-1.9).unwrap(), BigInt::from(-1));
        assert_eq!(f64_to_int(1e22).unwrap(), big("10000000000000000000000"));
        assert_eq!(f64_to_int(-1e300).unwrap().to_string().len(), 302);
        assert_eq!(
            f64_to_int(f64::NAN).unwrap_err().message,
            "cannot convert float NaN to integer"
        );
        assert_eq!(
            f64_to_int(f64::NEG_INFINITY).unwrap_err().message,
            "cannot convert float infinity to integer"
        );
    }
}
