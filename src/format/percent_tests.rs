//! Tests of `percent.rs`: a stand-in for interpreter objects implementing `PercentSource`
//! (shared with the oracle tests), and a table of `fmt % args` cases generated with python3.11.

#![allow(clippy::approx_constant)] // 3.14159 is a test input, not an approximation of π

use super::*;
use crate::format::float_repr::float_repr;
use crate::format::repr_str::str_repr;

/// A stand-in for interpreter objects.
#[derive(Clone, Debug)]
pub(crate) enum Val {
    Int(BigInt),
    Bool(bool),
    Float(f64),
    Str(String),
    /// An empty list: a "mapping" to `PyMapping_Check`.
    List,
    None,
}

pub(crate) enum Operand {
    Tuple(Vec<Val>),
    Single(Val),
    Dict(Vec<(String, Val)>),
}

/// An exception as (class name, message), so the tests can also see a KeyError.
#[derive(Debug, PartialEq)]
pub(crate) struct TestError(pub String, pub String);

impl From<FormatError> for TestError {
    fn from(e: FormatError) -> TestError {
        TestError(e.kind.name().to_string(), e.message)
    }
}

impl PercentSource for Operand {
    type Value = Val;
    type Error = TestError;

    fn tuple_len(&self) -> Option<usize> {
        match self {
            Operand::Tuple(items) => Some(items.len()),
            _ => None,
        }
    }

    fn is_mapping(&self) -> bool {
        matches!(self, Operand::Dict(_) | Operand::Single(Val::List))
    }

    fn operand(&mut self) -> Val {
        match self {
            Operand::Single(v) => v.clone(),
            // `%s` of the dict itself: stand in with its text.
            Operand::Dict(pairs) => {
                let pairs = pairs.clone();
                let items: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{}: {}", str_repr(k), self.repr(v).unwrap()))
                    .collect();
                Val::Str(format!("{{{}}}", items.join(", ")))
            }
            Operand::Tuple(_) => unreachable!("operand() is not asked of a tuple"),
        }
    }

    fn item(&mut self, index: usize) -> Val {
        match self {
            Operand::Tuple(items) => items[index].clone(),
            _ => unreachable!("item() is only asked of a tuple"),
        }
    }

    fn lookup(&mut self, key: &str) -> Result<Val, TestError> {
        match self {
            Operand::Dict(pairs) => pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| TestError("KeyError".to_string(), str_repr(key))),
            _ => unreachable!("lookup() is only asked of a mapping"),
        }
    }

    fn classify(&mut self, value: &Val) -> Result<PercentValue, TestError> {
        Ok(match value {
            Val::Int(n) => PercentValue::Int(n.clone()),
            Val::Bool(b) => PercentValue::Int(BigInt::from(*b as u8)),
            Val::Float(x) => PercentValue::Float(*x),
            Val::Str(s) => PercentValue::Str(s.clone()),
            Val::List | Val::None => PercentValue::Other,
        })
    }

    fn type_name(&mut self, value: &Val) -> String {
        match value {
            Val::Int(_) => "int",
            Val::Bool(_) => "bool",
            Val::Float(_) => "float",
            Val::Str(_) => "str",
            Val::List => "list",
            Val::None => "NoneType",
        }
        .to_string()
    }

    fn str(&mut self, value: &Val) -> Result<String, TestError> {
        Ok(match value {
            Val::Str(s) => s.clone(),
            other => self.repr(other)?,
        })
    }

    fn repr(&mut self, value: &Val) -> Result<String, TestError> {
        Ok(match value {
            Val::Int(n) => n.to_string(),
            Val::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            Val::Float(x) => float_repr(*x),
            Val::Str(s) => str_repr(s),
            Val::List => "[]".to_string(),
            Val::None => "None".to_string(),
        })
    }
}

fn int(text: &str) -> Val {
    Val::Int(text.parse().unwrap())
}

fn float(x: f64) -> Val {
    Val::Float(x)
}

fn s(text: &str) -> Val {
    Val::Str(text.to_string())
}

fn tuple(items: Vec<Val>) -> Operand {
    Operand::Tuple(items)
}

fn single(value: Val) -> Operand {
    Operand::Single(value)
}

fn dict(pairs: Vec<(&str, Val)>) -> Operand {
    Operand::Dict(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

#[test]
fn percent_matches_cpython() {
    // Generated with python3.11: `fmt % args`.
    type Case = (
        &'static str,
        Operand,
        Result<&'static str, (&'static str, &'static str)>,
    );
    let cases: Vec<Case> = vec![
    ("%5.1f|%-4d|%r", tuple(vec![float(2.25), int("7"), s("x")]), Ok("  2.2|7   |'x'")),
    ("%d", single(s("s")), Err(("TypeError", "%d format: a real number is required, not str"))),
    ("%x", single(float(1.5)), Err(("TypeError", "%x format: an integer is required, not float"))),
    ("%d", single(float(1.9)), Ok("1")),
    ("%d", single(float(-1.9)), Ok("-1")),
    ("%d", single(float(f64::NAN)), Err(("ValueError", "cannot convert float NaN to integer"))),
    ("%d", single(float(f64::INFINITY)), Err(("OverflowError", "cannot convert float infinity to integer"))),
    ("%f", single(s("s")), Err(("TypeError", "must be real number, not str"))),
    ("%c", single(float(1.5)), Err(("TypeError", "%c requires int or char"))),
    ("%c", single(s("ab")), Err(("TypeError", "%c requires int or char"))),
    ("%c", single(int("-1")), Err(("OverflowError", "%c arg not in range(0x110000)"))),
    ("%c", single(int("1180591620717411303424")), Err(("OverflowError", "%c arg not in range(0x110000)"))),
    ("%y", single(int("1")), Err(("ValueError", "unsupported format character 'y' (0x79) at index 1"))),
    ("%y", tuple(vec![]), Err(("TypeError", "not enough arguments for format string"))),
    ("%5%", tuple(vec![]), Err(("TypeError", "not enough arguments for format string"))),
    ("%5%", tuple(vec![int("1")]), Err(("ValueError", "unsupported format character '%' (0x25) at index 2"))),
    ("abc%", tuple(vec![]), Err(("ValueError", "incomplete format"))),
    ("abc%", tuple(vec![int("1")]), Err(("ValueError", "incomplete format"))),
    ("%s %s", tuple(vec![int("1")]), Err(("TypeError", "not enough arguments for format string"))),
    ("%s", tuple(vec![int("1"), int("2")]), Err(("TypeError", "not all arguments converted during string formatting"))),
    ("abc", single(int("5")), Err(("TypeError", "not all arguments converted during string formatting"))),
    ("abc", dict(vec![]), Ok("abc")),
    ("abc", tuple(vec![]), Ok("abc")),
    ("abc", single(Val::List), Ok("abc")),
    ("%s", single(Val::List), Ok("[]")),
    ("%s", tuple(vec![]), Err(("TypeError", "not enough arguments for format string"))),
    ("%(a)s", tuple(vec![int("1")]), Err(("TypeError", "format requires a mapping"))),
    ("%(a)s", dict(vec![("a", int("1"))]), Ok("1")),
    ("%(a)s %s", dict(vec![("a", int("1"))]), Err(("TypeError", "not enough arguments for format string"))),
    ("%(a", dict(vec![("a", int("1"))]), Err(("ValueError", "incomplete format key"))),
    ("%(a)s|%(b)5.2f|%(a)r", dict(vec![("a", s("x")), ("b", float(2.5))]), Ok("x| 2.50|'x'")),
    ("%((a))s", dict(vec![("(a)", int("3"))]), Ok("3")),
    ("%s", dict(vec![]), Ok("{}")),
    ("%*d", tuple(vec![int("5"), int("3")]), Ok("    3")),
    ("%-*d|", tuple(vec![int("5"), int("3")]), Ok("3    |")),
    ("%*d", tuple(vec![int("-5"), int("3")]), Ok("3    ")),
    ("%.*f", tuple(vec![int("2"), float(3.14159)]), Ok("3.14")),
    ("%.*f", tuple(vec![int("-2"), float(3.14159)]), Ok("3")),
    ("%*.*f|", tuple(vec![int("8"), int("2"), float(3.14159)]), Ok("    3.14|")),
    ("%*d", tuple(vec![s("a"), int("3")]), Err(("TypeError", "* wants int"))),
    ("%*d", tuple(vec![float(1.5), int("3")]), Err(("TypeError", "* wants int"))),
    ("%*d", tuple(vec![int("5")]), Err(("TypeError", "not enough arguments for format string"))),
    ("%#x", single(int("255")), Ok("0xff")),
    ("%#X", single(int("255")), Ok("0XFF")),
    ("%#o", single(int("8")), Ok("0o10")),
    ("%#5x", single(int("255")), Ok(" 0xff")),
    ("%#05x", single(int("255")), Ok("0x0ff")),
    ("%-#05x|", single(int("255")), Ok("0xff |")),
    ("%+05d", single(int("-3")), Ok("-0003")),
    ("%+05d", single(int("3")), Ok("+0003")),
    ("% d", single(int("3")), Ok(" 3")),
    ("% 05d", single(int("3")), Ok(" 0003")),
    ("%+ d", single(int("3")), Ok("+3")),
    ("%05s", single(s("ab")), Ok("   ab")),
    ("%.3d", single(int("5")), Ok("005")),
    ("%.3x", single(int("-5")), Ok("-005")),
    ("%#.3x", single(int("5")), Ok("0x005")),
    ("%#.3X", single(int("-5")), Ok("-0X005")),
    ("%08.3d", single(int("-5")), Ok("-0000005")),
    ("%5.3s|", single(s("abcdef")), Ok("  abc|")),
    ("%.1r", single(s("abc")), Ok("'")),
    ("%r", single(s("it's")), Ok("\"it's\"")),
    ("%a", single(s("\u{e9}")), Ok("'\\xe9'")),
    ("%5a|", single(s("\u{e9}")), Ok("'\\xe9'|")),
    ("%e", single(float(1e+100)), Ok("1.000000e+100")),
    ("%g", single(float(1e-05)), Ok("1e-05")),
    ("%#g", single(float(1.0)), Ok("1.00000")),
    ("%G", single(float(1e-10)), Ok("1E-10")),
    ("%.0e", single(float(12345.0)), Ok("1e+04")),
    ("%#.0f", single(float(1.0)), Ok("1.")),
    ("%10.4f|", single(float(-3.14159)), Ok("   -3.1416|")),
    ("%-10.2e|", single(float(12345.678)), Ok("1.23e+04  |")),
    ("%010.2f", single(float(-3.14159)), Ok("-000003.14")),
    ("%+.2f", single(float(0.0)), Ok("+0.00")),
    ("%+.2f", single(float(-0.0)), Ok("-0.00")),
    ("% f", single(float(1.5)), Ok(" 1.500000")),
    ("%F", single(float(f64::INFINITY)), Ok("INF")),
    ("%08.2f", single(float(f64::NEG_INFINITY)), Ok("-0000inf")),
    ("%f", single(float(f64::NAN)), Ok("nan")),
    ("%i", single(Val::Bool(true)), Ok("1")),
    ("%s", single(Val::Bool(true)), Ok("True")),
    ("%r", single(Val::Bool(false)), Ok("False")),
    ("%ld", single(int("5")), Ok("5")),
    ("%hd", single(int("5")), Ok("5")),
    ("%Ld", single(int("5")), Ok("5")),
    ("%", tuple(vec![]), Err(("ValueError", "incomplete format"))),
    ("%(a)*d", dict(vec![("a", int("1"))]), Err(("TypeError", "not enough arguments for format string"))),
    ("%\u{e9}", single(int("1")), Err(("ValueError", "unsupported format character '?' (0xe9) at index 1"))),
    ("%\n", single(int("1")), Err(("ValueError", "unsupported format character '?' (0xa) at index 1"))),
    ("%\u{1f}", single(int("1")), Err(("ValueError", "unsupported format character '\u{1f}' (0x1f) at index 1"))),
    ("% ", single(int("1")), Err(("ValueError", "incomplete format"))),
    ("%c", single(s("\u{e9}")), Ok("\u{e9}")),
    ("%5c|", single(int("65")), Ok("    A|")),
    ("%-5c|", single(s("x")), Ok("x    |")),
    ("%c", single(int("128512")), Ok("\u{1f600}")),
    ("%d", single(int("1267650600228229401496703205376")), Ok("1267650600228229401496703205376")),
    ("%x", single(int("-255")), Ok("-ff")),
    ("%o", single(int("-8")), Ok("-10")),
    ("%#o", single(int("-8")), Ok("-0o10")),
    ("%X", single(float(3.0)), Err(("TypeError", "%X format: an integer is required, not float"))),
    ("%0-5d|", single(int("3")), Ok("3    |")),
    ("%f", single(int("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")), Err(("OverflowError", "int too large to convert to float"))),
    ("%f", single(Val::Bool(true)), Ok("1.000000")),
    ("%e", single(int("1152921504606846976")), Ok("1.152922e+18")),
    ("%.2f", single(float(2.675)), Ok("2.67")),
    ("%.2f", single(float(0.125)), Ok("0.12")),
    ("%s", single(Val::None), Ok("None")),
    ("%d", single(Val::None), Err(("TypeError", "%d format: a real number is required, not NoneType"))),
    ("%x", single(Val::None), Err(("TypeError", "%x format: an integer is required, not NoneType"))),
    ("%f", single(Val::None), Err(("TypeError", "must be real number, not NoneType"))),
    ("%c", single(Val::None), Err(("TypeError", "%c requires int or char"))),
    ("%s", single(float(f64::NAN)), Ok("nan")),
    ("%r", single(float(1e+22)), Ok("1e+22")),
    ("%s and %s", tuple(vec![s("a"), s("b")]), Ok("a and b")),
    ("100%%", tuple(vec![]), Ok("100%")),
    ("%%%s%%", tuple(vec![s("x")]), Ok("%x%")),
    ("%s%%", single(int("5")), Ok("5%")),
    ("%d%%", tuple(vec![int("5")]), Ok("5%")),
    ("%5s|%-5s|", single(s("ab")), Err(("TypeError", "not enough arguments for format string"))),
    ("%s", single(s("\u{e9}\u{4e2d}")), Ok("\u{e9}\u{4e2d}")),
    ("%3s|", single(s("\u{e9}\u{4e2d}")), Ok(" \u{e9}\u{4e2d}|")),
    ("%.1s", single(s("\u{e9}\u{4e2d}")), Ok("\u{e9}")),
    ("%u", single(int("-7")), Ok("-7")),
    ("%i", single(float(2.999)), Ok("2")),
    ("%3$s", single(int("1")), Err(("ValueError", "unsupported format character '$' (0x24) at index 2"))),
    ("%(a)s%(b)s", dict(vec![("a", int("1"))]), Err(("KeyError", "'b'"))),
    ("%#.0e", single(float(3.0)), Ok("3.e+00")),
    ("%.3g", single(float(1234567.0)), Ok("1.23e+06")),
    ("%10.3g|", single(float(1.234e-05)), Ok("  1.23e-05|")),
    ("%-+8.3g|", single(float(1234.5678)), Ok("+1.23e+03|")),
    ("%#x", single(int("0")), Ok("0x0")),
    ("%#o", single(int("0")), Ok("0o0")),
    ("%.0d", single(int("0")), Ok("0")),
    ("%.0x", single(int("0")), Ok("0")),
    ("%+s", single(int("1")), Ok("1")),
    ("%05r", single(s("x")), Ok("  'x'")),
    ("%+r", single(int("1")), Ok("1")),
    ];
    for (fmt, mut args, expected) in cases {
        let got = percent_format(fmt, &mut args);
        let expected = expected
            .map(str::to_string)
            .map_err(|(kind, message)| TestError(kind.to_string(), message.to_string()));
        assert_eq!(got, expected, "{fmt:?} % …");
    }
}

#[test]
fn limits_match_cpython() {
    // python3.11: '%99999999999999d' % 1 raises MemoryError; '%.99999999999f' % 1.0 and
    // '%.3000000000d' % 1 raise ValueError: precision too big; '%.f' % 1.5 is '2'.
    let run = |fmt: &str, value: Val| percent_format(fmt, &mut single(value));
    assert_eq!(
        run("%99999999999999d", int("1")),
        Err(TestError("MemoryError".to_string(), String::new()))
    );
    let too_big = Err(TestError(
        "ValueError".to_string(),
        "precision too big".to_string(),
    ));
    assert_eq!(run("%.99999999999f", float(1.0)), too_big);
    assert_eq!(run("%.3000000000d", int("1")), too_big);
    assert_eq!(run("%.f", float(1.5)), Ok("2".to_string()));
}
