//! Tests of `format_spec.rs`: the tables of cases were generated with python3.11
//! (`format(value, spec)` for each) and are compared byte for byte.

#![allow(clippy::approx_constant)] // 3.14159 is a test input, not an approximation of π

use super::*;
use crate::format::ErrorKind::{self, MemoryError, OverflowError, ValueError};

type Expected = Result<&'static str, (ErrorKind, &'static str)>;

fn check(what: &str, spec: &str, got: Result<String, FormatError>, expected: &Expected) {
    let got = got.map_err(|e| (e.kind, e.message));
    let expected = expected
        .map(str::to_string)
        .map_err(|(kind, message)| (kind, message.to_string()));
    assert_eq!(got, expected, "format({what}, {spec:?})");
}

fn run_int(value: &str, spec: &str) -> Result<String, FormatError> {
    let value: BigInt = value.parse().unwrap();
    format_int(&value, &Spec::parse(spec, "int")?)
}

/// Generated with python3.11: `format(int(value), spec)`.
const INT_CASES: &[(&str, &str, Expected)] = &[
("123456789012345678901234567890", ",", Ok("123,456,789,012,345,678,901,234,567,890")),
("123456789012345678901234567890", "_", Ok("123_456_789_012_345_678_901_234_567_890")),
("-5", "#x", Ok("-0x5")),
("255", "#X", Ok("0XFF")),
("255", "#010x", Ok("0x000000ff")),
("255", "x", Ok("ff")),
("255", "X", Ok("FF")),
("255", "o", Ok("377")),
("255", "#o", Ok("0o377")),
("255", "b", Ok("11111111")),
("255", "#b", Ok("0b11111111")),
("-255", "#b", Ok("-0b11111111")),
("5", "+d", Ok("+5")),
("5", " d", Ok(" 5")),
("-5", " d", Ok("-5")),
("5", "-d", Ok("5")),
("42", "10", Ok("        42")),
("42", "<10", Ok("42        ")),
("42", "^10", Ok("    42    ")),
("42", "=10", Ok("        42")),
("-42", "=10", Ok("-       42")),
("-42", "010", Ok("-000000042")),
("-42", "*^+10", Ok("***-42****")),
("1234", "010,", Ok("00,001,234")),
("1234", "09,", Ok("0,001,234")),
("1234", "08,", Ok("0,001,234")),
("1234", "0=10,", Ok("00,001,234")),
("1234", "x=10,", Ok("xxxxx1,234")),
("1234567", ",d", Ok("1,234,567")),
("1234567", "_d", Ok("1_234_567")),
("1099511627776", "_x", Ok("100_0000_0000")),
("1099511627776", "_b", Ok("1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000")),
("1099511627776", "_o", Ok("20_0000_0000_0000")),
("1099511627776", "#_x", Ok("0x100_0000_0000")),
("1099511627776", "#020_x", Ok("0x000_0100_0000_0000")),
("1234567", "n", Ok("1234567")),
("65", "c", Ok("A")),
("128512", "c", Ok("\u{1f600}")),
("65", "^5c", Ok("  A  ")),
("65", "+c", Err((ValueError, "Sign not allowed with integer format specifier 'c'"))),
("65", "#c", Err((ValueError, "Alternate form (#) not allowed with integer format specifier 'c'"))),
("-1", "c", Err((OverflowError, "%c arg not in range(0x110000)"))),
("1180591620717411303424", "c", Err((OverflowError, "Python int too large to convert to C long"))),
("5", ".2", Err((ValueError, "Precision not allowed in integer format specifier"))),
("5", "z", Err((ValueError, "Negative zero coercion (z) not allowed in integer format specifier"))),
("5", "abc", Err((ValueError, "Invalid format specifier 'abc' for object of type 'int'"))),
("5", "s", Err((ValueError, "Unknown format code 's' for object of type 'int'"))),
("5", ",n", Err((ValueError, "Cannot specify ',' with 'n'."))),
("5", ",c", Err((ValueError, "Cannot specify ',' with 'c'."))),
("5", ",,", Err((ValueError, "Cannot specify ',' with ','."))),
("5", "__", Err((ValueError, "Cannot specify '_' with '_'."))),
("5", ",_", Err((ValueError, "Cannot specify both ',' and '_'."))),
("5", "_,", Err((ValueError, "Cannot specify both ',' and '_'."))),
("5", ",x", Err((ValueError, "Cannot specify ',' with 'x'."))),
("5", "_n", Err((ValueError, "Cannot specify '_' with 'n'."))),
("5", ".", Err((ValueError, "Format specifier missing precision"))),
("5", "99999999999999999999", Err((ValueError, "Too many decimal digits in format string"))),
("5", "", Ok("5")),
("-5", "", Ok("-5")),
("0", "", Ok("0")),
("5", "\u{0}", Err((ValueError, "Unknown format code '\\x0' for object of type 'int'"))),
("5", " ", Ok(" 5")),
("5", "\u{85}", Err((ValueError, "Unknown format code '\\x85' for object of type 'int'"))),
("5", "e", Ok("5.000000e+00")),
("5", ".2f", Ok("5.00")),
("5", "%", Ok("500.000000%")),
("123456789", "g", Ok("1.23457e+08")),
("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "f", Err((OverflowError, "int too large to convert to float"))),
("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", "e", Err((OverflowError, "int too large to convert to float"))),
("-7", "E", Ok("-7.000000E+00")),
("5", ",.2f", Ok("5.00")),
("7", "G", Ok("7")),
("9007199254740993", ".0f", Ok("9007199254740992")),
("5", "\u{f1}<5", Ok("5\u{f1}\u{f1}\u{f1}\u{f1}")),
("5", "05", Ok("00005")),
("5", "<05", Ok("50000")),
("-5", ">05", Ok("000-5")),
("5", "\u{663}", Ok("  5")),
("0", "#x", Ok("0x0")),
("0", "+", Ok("+0")),
("0", "#b", Ok("0b0")),
];

/// Generated with python3.11: `format(value, spec)`.
const FLOAT_CASES: &[(f64, &str, Expected)] = &[
(3.14159, ">10.3f", Ok("     3.142")),
(0.125, ".2f", Ok("0.12")),
(2.675, ".2f", Ok("2.67")),
(0.375, ".2f", Ok("0.38")),
(1.5, ".0f", Ok("2")),
(2.5, ".0f", Ok("2")),
(-0.0, "", Ok("-0.0")),
(-0.0, "f", Ok("-0.000000")),
(-0.0, "z", Ok("0.0")),
(-0.0, "zf", Ok("0.000000")),
(-0.0001, "z.2f", Ok("0.00")),
(-0.0001, ".2f", Ok("-0.00")),
(1e+22, "", Ok("1e+22")),
(1e+22, "f", Ok("10000000000000000000000.000000")),
(1e+16, "", Ok("1e+16")),
(1e+16, "g", Ok("1e+16")),
(1e+16, ".17g", Ok("10000000000000000")),
(5e-324, "", Ok("5e-324")),
(5e-324, "e", Ok("4.940656e-324")),
(5e-324, ".3g", Ok("4.94e-324")),
(1.7976931348623157e+308, "", Ok("1.7976931348623157e+308")),
(1.7976931348623157e+308, ",.0f", Ok("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368")),
(0.30000000000000004, "", Ok("0.30000000000000004")),
(0.30000000000000004, ".17", Ok("0.30000000000000004")),
(0.1, ".30f", Ok("0.100000000000000005551115123126")),
(0.1, ".25g", Ok("0.1000000000000000055511151")),
(1.5, ".2", Ok("1.5")),
(12.0, ".2", Ok("1.2e+01")),
(1234.5, ".2", Ok("1.2e+03")),
(1234.5, ".5", Ok("1234.5")),
(100.0, ".3", Ok("1e+02")),
(1e-05, ".3", Ok("1e-05")),
(0.0001, ".3", Ok("0.0001")),
(123.0, ".3", Ok("1.23e+02")),
(123.0, ".4", Ok("123.0")),
(1.0, "", Ok("1.0")),
(1.0, "g", Ok("1")),
(1.0, "#g", Ok("1.00000")),
(1.0, "#.0f", Ok("1.")),
(1.0, "#.0e", Ok("1.e+00")),
(1.0, "#", Ok("1.0")),
(1.0, "#.3", Ok("1.00")),
(12345.678, "e", Ok("1.234568e+04")),
(12345.678, "E", Ok("1.234568E+04")),
(12345.678, ".0e", Ok("1e+04")),
(12345.678, ",", Ok("12,345.678")),
(12345.678, "_", Ok("12_345.678")),
(1234567.891, ",.2f", Ok("1,234,567.89")),
(1234567.891, "_.3e", Ok("1.235e+06")),
(1234567.891, ",g", Ok("1.23457e+06")),
(1234567.891, "015,.2f", Ok("0,001,234,567.89")),
(-1234567.891, "016,.2f", Ok("-0,001,234,567.89")),
(0.5, "%", Ok("50.000000%")),
(0.5, ".1%", Ok("50.0%")),
(-0.5, "+.0%", Ok("-50%")),
(1.5, "n", Ok("1.5")),
(1234567.0, "n", Ok("1.23457e+06")),
(1.5, "+", Ok("+1.5")),
(1.5, " ", Ok(" 1.5")),
(-1.5, " ", Ok("-1.5")),
(1.5, "=+10", Ok("+      1.5")),
(-1.5, "0=+10", Ok("-0000001.5")),
(-1.5, "010", Ok("-0000001.5")),
(f64::INFINITY, "", Ok("inf")),
(f64::NEG_INFINITY, "", Ok("-inf")),
(f64::NAN, "", Ok("nan")),
(f64::INFINITY, "010", Ok("0000000inf")),
(f64::NAN, "+010", Ok("+000000nan")),
(f64::INFINITY, "F", Ok("INF")),
(f64::NAN, "E", Ok("NAN")),
(f64::NEG_INFINITY, "^10", Ok("   -inf   ")),
(f64::INFINITY, "%", Ok("inf%")),
(f64::NAN, ",.2f", Ok("nan")),
(1.5, "d", Err((ValueError, "Unknown format code 'd' for object of type 'float'"))),
(1.5, "x", Err((ValueError, "Unknown format code 'x' for object of type 'float'"))),
(1.5, "s", Err((ValueError, "Unknown format code 's' for object of type 'float'"))),
(1.5, ",s", Err((ValueError, "Cannot specify ',' with 's'."))),
(1.5, "abc", Err((ValueError, "Invalid format specifier 'abc' for object of type 'float'"))),
(1.5, ".2147483648f", Err((ValueError, "precision too big"))),
(1.5, "\u{0}", Ok("1.5")),
(1.5, "5\u{0}", Ok("  1.5")),
(1.5, ",\u{0}", Ok("1.5")),
(1.5, ".", Err((ValueError, "Format specifier missing precision"))),
(9.995, ".2f", Ok("9.99")),
(9.995, ".3g", Ok("9.99")),
(9.9999, ".3g", Ok("10")),
(1.234e-05, "g", Ok("1.234e-05")),
(0.0001234, "g", Ok("0.0001234")),
(123456.0, "g", Ok("123456")),
(1234567.0, "g", Ok("1.23457e+06")),
(1234567.0, "G", Ok("1.23457E+06")),
(1e-10, "G", Ok("1E-10")),
(1.5, "*<8.2f", Ok("1.50****")),
(1.5, "*>+8.2f", Ok("***+1.50")),
(1.5, "*^8.2f", Ok("**1.50**")),
(2.5, "z.0f", Ok("2")),
(-2.5, "z.0f", Ok("-2")),
(-0.4, "z.0f", Ok("0")),
(-0.4, ".0f", Ok("-0")),
(1e+100, "", Ok("1e+100")),
(1e+100, "f", Ok("10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104.000000")),
(123.456, ".1f", Ok("123.5")),
(0.05, ".1f", Ok("0.1")),
(0.15, ".1f", Ok("0.1")),
(0.25, ".1f", Ok("0.2")),
(0.35, ".1f", Ok("0.3")),
(1.5, "10", Ok("       1.5")),
(1e+301, "", Ok("1e+301")),
(5e-324, ".5e", Ok("4.94066e-324")),
(0.0, "e", Ok("0.000000e+00")),
(0.0, "g", Ok("0")),
(0.0, ".3", Ok("0.0")),
(0.0, "%", Ok("0.000000%")),
(7.0, ".0%", Ok("700%")),
(1.5, ",.1f", Ok("1.5")),
(1.5, "_g", Ok("1.5")),
];

/// Generated with python3.11: `format(value, spec)`.
const STR_CASES: &[(&str, &str, Expected)] = &[
    ("ab", "*^7", Ok("**ab***")),
    ("ab", "^7", Ok("  ab   ")),
    ("ab", "<5", Ok("ab   ")),
    ("ab", ">5", Ok("   ab")),
    ("ab", "5", Ok("ab   ")),
    ("ab", "05", Ok("ab000")),
    ("ab", ">05", Ok("000ab")),
    ("ab", "0^6", Ok("00ab00")),
    ("abcdef", ".3", Ok("abc")),
    ("abcdef", "5.3", Ok("abc  ")),
    ("abcdef", "^9.3", Ok("   abc   ")),
    ("h\u{e9}llo", ".2", Ok("h\u{e9}")),
    (
        "h\u{e9}llo",
        "\u{fc}^9",
        Ok("\u{fc}\u{fc}h\u{e9}llo\u{fc}\u{fc}"),
    ),
    ("\u{1f600}", "*^4", Ok("*\u{1f600}**")),
    ("ab", "s", Ok("ab")),
    ("ab", "", Ok("ab")),
    ("ab", ",", Err((ValueError, "Cannot specify ',' with 's'."))),
    ("ab", "_", Err((ValueError, "Cannot specify '_' with 's'."))),
    (
        "ab",
        "+",
        Err((ValueError, "Sign not allowed in string format specifier")),
    ),
    (
        "ab",
        "-",
        Err((ValueError, "Sign not allowed in string format specifier")),
    ),
    (
        "ab",
        " ",
        Err((ValueError, "Space not allowed in string format specifier")),
    ),
    (
        "ab",
        "z",
        Err((
            ValueError,
            "Negative zero coercion (z) not allowed in string format specifier",
        )),
    ),
    (
        "ab",
        "#",
        Err((
            ValueError,
            "Alternate form (#) not allowed in string format specifier",
        )),
    ),
    (
        "ab",
        "=",
        Err((
            ValueError,
            "'=' alignment not allowed in string format specifier",
        )),
    ),
    (
        "ab",
        "0=",
        Err((
            ValueError,
            "'=' alignment not allowed in string format specifier",
        )),
    ),
    (
        "ab",
        "d",
        Err((
            ValueError,
            "Unknown format code 'd' for object of type 'str'",
        )),
    ),
    (
        "ab",
        "abc",
        Err((
            ValueError,
            "Invalid format specifier 'abc' for object of type 'str'",
        )),
    ),
    (
        "ab",
        "\u{85}",
        Err((
            ValueError,
            "Unknown format code '\\x85' for object of type 'str'",
        )),
    ),
    (
        "ab",
        "\u{0}",
        Err((
            ValueError,
            "Unknown format code '\\x0' for object of type 'str'",
        )),
    ),
    (
        "ab",
        ".",
        Err((ValueError, "Format specifier missing precision")),
    ),
    ("ab", ".0", Ok("")),
    ("ab", " <5", Ok("ab   ")),
    ("ab", "<<5", Ok("ab<<<")),
    ("ab", "=^5", Ok("=ab==")),
    ("", "3", Ok("   ")),
    ("ab", "1", Ok("ab")),
    (
        "ab",
        ",s",
        Err((ValueError, "Cannot specify ',' with 's'.")),
    ),
    ("ab", ".\u{663}", Ok("ab")),
];

#[test]
fn int_specs_match_cpython() {
    for (value, spec, expected) in INT_CASES {
        check(value, spec, run_int(value, spec), expected);
    }
}

#[test]
fn float_specs_match_cpython() {
    for (value, spec, expected) in FLOAT_CASES {
        let got = Spec::parse(spec, "float").and_then(|s| format_float(*value, &s));
        check(&value.to_string(), spec, got, expected);
    }
}

#[test]
fn str_specs_match_cpython() {
    for (value, spec, expected) in STR_CASES {
        let got = Spec::parse(spec, "str").and_then(|s| format_str(value, &s));
        check(value, spec, got, expected);
    }
}

#[test]
fn type_name_appears_in_messages() {
    // python3.11: format(True, 's'), format(True, 'x'), format(True, 'abc')
    let one = BigInt::from(1);
    let spec = Spec::parse("s", "bool").unwrap();
    assert_eq!(
        format_int(&one, &spec).unwrap_err().message,
        "Unknown format code 's' for object of type 'bool'"
    );
    assert_eq!(
        format_int(&one, &Spec::parse("x", "bool").unwrap()).unwrap(),
        "1"
    );
    assert_eq!(
        Spec::parse("abc", "bool").unwrap_err().message,
        "Invalid format specifier 'abc' for object of type 'bool'"
    );
}

#[test]
fn huge_width_is_a_memory_error() {
    // python3.11: format(1, '99999999999999') raises MemoryError
    assert_eq!(
        run_int("1", "99999999999999").unwrap_err().kind,
        MemoryError
    );
    let spec = Spec::parse("99999999999999", "str").unwrap();
    assert_eq!(format_str("x", &spec).unwrap_err().kind, MemoryError);
}

#[test]
fn parse_fields() {
    let spec = Spec::parse("^+z#012_.3e", "float").unwrap();
    assert_eq!(spec.fill, None);
    assert_eq!(spec.align, Some(Align::Center));
    assert_eq!(spec.sign, Some(Sign::Plus));
    assert!(spec.no_neg_zero && spec.alternate && spec.zero_pad);
    assert_eq!(spec.width, Some(12));
    assert_eq!(spec.grouping, Some(Grouping::Underscore));
    assert_eq!(spec.precision, Some(3));
    assert_eq!(spec.kind, Some('e'));
    // A fill character turns off the `0` special case: "0" is then the width's first digit.
    let spec = Spec::parse("x<05", "int").unwrap();
    assert!(!spec.zero_pad);
    assert_eq!(spec.width, Some(5));
}
