//! printf-style `str % args` (Python Library Reference, "printf-style String Formatting"), as
//! CPython 3.11's `PyUnicode_Format` (Objects/unicodeobject.c) does it: the conversions
//! `%s %r %a %d %i %u %o %x %X %e %E %f %F %g %G %c %%`, the flags `- + space # 0`, width,
//! precision, `*` for either, `%(key)s` lookups in a mapping, and the ignored length modifiers
//! `h l L`.
//!
//! The interpreter supplies the arguments through [`PercentSource`], lazily: `str()` and
//! `repr()` of an argument are asked for only when a `%s` or `%r` needs them, so user
//! `__str__`/`__repr__` methods run in CPython's order and their exceptions pass through as the
//! source's own error type.

use super::error::FormatError;
use super::float_repr::{double_to_string, FloatCode, FloatFlags};
use super::int_float::{f64_to_int, int_to_f64};
use super::number_field::reserve;
use super::repr_str::ascii_escape;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// What a numeric or `%c` conversion sees of an argument.
#[derive(Clone, Debug, PartialEq)]
pub enum PercentValue {
    /// An int, including `bool` (CPython's `PyLong_Check`).
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A str (for `%c`, which takes a one-character string).
    Str(String),
    /// Anything else.
    Other,
}

/// The right operand of `%`, as the interpreter holds it.
pub trait PercentSource {
    /// A handle to one argument (an object reference of the interpreter).
    type Value;
    /// The interpreter's exception type; format errors convert into it.
    type Error: From<FormatError>;

    /// `Some(n)` when the right operand is a tuple of `n` items (its items are the arguments),
    /// `None` when it is a single value.
    fn tuple_len(&self) -> Option<usize>;
    /// CPython's `PyMapping_Check(args) && !PyTuple_Check(args) && !PyUnicode_Check(args)`: true
    /// for a dict, but also a list or any object with `__getitem__`. It enables `%(key)s` and
    /// excuses unused arguments (`'abc' % []` is `'abc'`).
    fn is_mapping(&self) -> bool;
    /// The whole right operand (used when it is not a tuple).
    fn operand(&mut self) -> Self::Value;
    /// Item `index` of the tuple operand (`index < tuple_len`).
    fn item(&mut self, index: usize) -> Self::Value;
    /// `operand[key]` for `%(key)s`; a missing key raises the interpreter's `KeyError`.
    fn lookup(&mut self, key: &str) -> Result<Self::Value, Self::Error>;
    /// How a numeric or `%c` conversion sees the value (an object whose `__index__` or
    /// `__float__` the interpreter honours may be reported as `Int` or `Float`).
    fn classify(&mut self, value: &Self::Value) -> Result<PercentValue, Self::Error>;
    /// `type(value).__name__`, for error messages.
    fn type_name(&mut self, value: &Self::Value) -> String;
    /// `str(value)`.
    fn str(&mut self, value: &Self::Value) -> Result<String, Self::Error>;
    /// `repr(value)`.
    fn repr(&mut self, value: &Self::Value) -> Result<String, Self::Error>;
}

/// The flags of one conversion (`F_LJUST`, `F_SIGN`, `F_BLANK`, `F_ALT`, `F_ZERO`).
#[derive(Default)]
struct Flags {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

/// One conversion specifier (`struct unicode_format_arg_t`).
struct Arg {
    ch: char,
    flags: Flags,
    /// -1 when not given.
    width: i64,
    /// -1 when not given.
    prec: i64,
    /// The converted text is a number whose sign goes before any zero padding.
    sign: bool,
}

/// The formatter's state (`struct unicode_formatter_t`): the format's characters, a read
/// position and `fmtcnt`, the count of characters left, which goes to -1 when a read runs past
/// the end — ported as is, so "incomplete format" is raised exactly where CPython raises it.
struct Formatter<'s, S: PercentSource> {
    fmt: Vec<char>,
    pos: usize,
    cnt: i64,
    source: &'s mut S,
    /// The value `%(key)` looked up, until a conversion takes it.
    looked_up: Option<S::Value>,
    arglen: i64,
    argidx: i64,
    dict: bool,
    out: String,
}

/// `format % args` for a str format.
///
/// Errors as CPython: `not enough arguments for format string`,
/// `not all arguments converted during string formatting`, `format requires a mapping`,
/// `incomplete format`, `incomplete format key`, `* wants int`,
/// `unsupported format character 'y' (0x79) at index 1`, `%d format: a real number is required,
/// not str`, `%x format: an integer is required, not float`, `must be real number, not str`,
/// `%c requires int or char`, `%c arg not in range(0x110000)`.
pub fn percent_format<S: PercentSource>(format: &str, source: &mut S) -> Result<String, S::Error> {
    let fmt: Vec<char> = format.chars().collect();
    let (arglen, argidx) = match source.tuple_len() {
        Some(n) => (n as i64, 0),
        None => (-1, -2),
    };
    let dict = source.is_mapping() && source.tuple_len().is_none();
    let mut f = Formatter {
        cnt: fmt.len() as i64,
        fmt,
        pos: 0,
        source,
        looked_up: None,
        arglen,
        argidx,
        dict,
        out: String::with_capacity(format.len() + 16),
    };
    loop {
        f.cnt -= 1;
        if f.cnt < 0 {
            break;
        }
        if f.read() != '%' {
            let start = f.pos;
            f.pos += 1;
            while f.cnt >= 0 && f.read() != '%' {
                f.pos += 1;
                f.cnt -= 1;
            }
            if f.cnt < 0 {
                f.pos -= 1;
            }
            let text: String = f.fmt[start..f.pos].iter().collect();
            f.out.push_str(&text);
        } else {
            f.pos += 1;
            f.format_arg()?;
        }
    }
    if f.argidx < f.arglen && !f.dict {
        return Err(not_all_converted().into());
    }
    Ok(f.out)
}

fn not_all_converted() -> FormatError {
    FormatError::type_error("not all arguments converted during string formatting")
}

impl<S: PercentSource> Formatter<'_, S> {
    /// `PyUnicode_READ` at the position; past the end reads the terminating NUL.
    fn read(&self) -> char {
        self.fmt.get(self.pos).copied().unwrap_or('\0')
    }

    /// Reads the next character if one is left (`if (--fmtcnt >= 0) { ch = READ; pos++ }`).
    fn advance(&mut self, ch: &mut char) -> bool {
        self.cnt -= 1;
        if self.cnt >= 0 {
            *ch = self.read();
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Mirrors `unicode_format_getnextarg`.
    fn next_arg(&mut self) -> Result<S::Value, FormatError> {
        if self.argidx < self.arglen {
            let index = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(match self.looked_up.take() {
                    Some(value) => value,
                    None => self.source.operand(),
                });
            }
            return Ok(self.source.item(index as usize));
        }
        Err(FormatError::type_error(
            "not enough arguments for format string",
        ))
    }

    /// Mirrors `unicode_format_arg`: one `%…` after its `%`.
    fn format_arg(&mut self) -> Result<(), S::Error> {
        if self.read() == '%' {
            self.pos += 1;
            self.cnt -= 1;
            self.out.push('%');
            return Ok(());
        }
        let mut arg = Arg {
            ch: self.read(),
            flags: Flags::default(),
            width: -1,
            prec: -1,
            sign: false,
        };
        self.parse_arg(&mut arg)?;
        let text = self.convert_arg(&mut arg)?;
        output(&mut self.out, &mut arg, &text)?;
        if self.dict && self.argidx < self.arglen {
            return Err(not_all_converted().into());
        }
        Ok(())
    }

    /// Mirrors `unicode_format_arg_parse`: key, flags, width, precision, length modifier.
    fn parse_arg(&mut self, arg: &mut Arg) -> Result<(), S::Error> {
        if self.read() == '(' {
            if !self.dict {
                return Err(FormatError::type_error("format requires a mapping").into());
            }
            self.pos += 1;
            self.cnt -= 1;
            let key_start = self.pos;
            let mut depth = 1;
            // "Skip over balanced parentheses"
            while depth > 0 && self.advance(&mut arg.ch) {
                match arg.ch {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
            }
            if self.cnt < 0 || depth > 0 {
                return Err(FormatError::value("incomplete format key").into());
            }
            let key: String = self.fmt[key_start..self.pos - 1].iter().collect();
            let value = self.source.lookup(&key)?;
            self.looked_up = Some(value);
            self.arglen = -1;
            self.argidx = -2;
        }
        while self.advance(&mut arg.ch) {
            match arg.ch {
                '-' => arg.flags.ljust = true,
                '+' => arg.flags.sign = true,
                ' ' => arg.flags.blank = true,
                '#' => arg.flags.alt = true,
                '0' => arg.flags.zero = true,
                _ => break,
            }
        }
        if arg.ch == '*' {
            let width = self.star_arg()?;
            let width = width.to_i64().ok_or_else(|| {
                FormatError::overflow("Python int too large to convert to C ssize_t")
            })?;
            if width < 0 {
                arg.flags.ljust = true;
            }
            arg.width = width.unsigned_abs().min(i64::MAX as u64) as i64;
            self.advance(&mut arg.ch);
        } else if arg.ch.is_ascii_digit() {
            arg.width = digit(arg.ch);
            while self.advance(&mut arg.ch) {
                if !arg.ch.is_ascii_digit() {
                    break;
                }
                if arg.width > (i64::MAX - digit(arg.ch)) / 10 {
                    return Err(FormatError::value("width too big").into());
                }
                arg.width = arg.width * 10 + digit(arg.ch);
            }
        }
        if arg.ch == '.' {
            arg.prec = 0;
            self.advance(&mut arg.ch);
            if arg.ch == '*' {
                let prec = self.star_arg()?;
                let prec = prec.to_i32().ok_or_else(|| {
                    FormatError::overflow("Python int too large to convert to C int")
                })?;
                arg.prec = prec.max(0) as i64;
                self.advance(&mut arg.ch);
            } else if arg.ch.is_ascii_digit() {
                arg.prec = digit(arg.ch);
                while self.advance(&mut arg.ch) {
                    if !arg.ch.is_ascii_digit() {
                        break;
                    }
                    if arg.prec > (i32::MAX as i64 - digit(arg.ch)) / 10 {
                        return Err(FormatError::value("precision too big").into());
                    }
                    arg.prec = arg.prec * 10 + digit(arg.ch);
                }
            }
        }
        // "Ignore "h", "l" and "L" format prefix (ex: "%hi" or "%ls")"
        if self.cnt >= 0 && matches!(arg.ch, 'h' | 'l' | 'L') {
            self.advance(&mut arg.ch);
        }
        if self.cnt < 0 {
            return Err(FormatError::value("incomplete format").into());
        }
        Ok(())
    }

    /// The int argument of a `*`: "* wants int" for anything else.
    fn star_arg(&mut self) -> Result<BigInt, S::Error> {
        let value = self.next_arg()?;
        match self.source.classify(&value)? {
            PercentValue::Int(n) => Ok(n),
            _ => Err(FormatError::type_error("* wants int").into()),
        }
    }

    /// Mirrors `unicode_format_arg_format`: the converted text of one argument.
    fn convert_arg(&mut self, arg: &mut Arg) -> Result<String, S::Error> {
        let value = self.next_arg()?;
        let text = match arg.ch {
            's' => self.source.str(&value)?,
            'r' => self.source.repr(&value)?,
            'a' => ascii_escape(&self.source.repr(&value)?),
            'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
                let n = self.int_arg(&value, arg.ch)?;
                arg.sign = true;
                format_long(&n, arg.flags.alt, arg.prec, arg.ch)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = self.float_arg(&value)?;
                arg.sign = true;
                format_float(x, arg)?
            }
            'c' => self.char_arg(&value)?.to_string(),
            ch => {
                let shown = if (' '..='~').contains(&ch) || ch == '\x1f' {
                    ch
                } else {
                    '?'
                };
                return Err(FormatError::value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {}",
                    ch as u32,
                    self.pos - 1
                ))
                .into());
            }
        };
        Ok(text)
    }

    /// Mirrors `mainformatlong`'s conversion: `int(x)` for `%d %i %u`, `operator.index(x)` for
    /// `%o %x %X`.
    fn int_arg(&mut self, value: &S::Value, ch: char) -> Result<BigInt, S::Error> {
        match self.source.classify(value)? {
            PercentValue::Int(n) => Ok(n),
            PercentValue::Float(x) if !matches!(ch, 'o' | 'x' | 'X') => Ok(f64_to_int(x)?),
            _ => {
                let required = if matches!(ch, 'o' | 'x' | 'X') {
                    "an integer"
                } else {
                    "a real number"
                };
                let type_name = self.source.type_name(value);
                Err(FormatError::type_error(format!(
                    "%{ch} format: {required} is required, not {type_name}"
                ))
                .into())
            }
        }
    }

    /// `PyFloat_AsDouble`.
    fn float_arg(&mut self, value: &S::Value) -> Result<f64, S::Error> {
        match self.source.classify(value)? {
            PercentValue::Float(x) => Ok(x),
            PercentValue::Int(n) => Ok(int_to_f64(&n)?),
            _ => {
                let type_name = self.source.type_name(value);
                Err(FormatError::type_error(format!("must be real number, not {type_name}")).into())
            }
        }
    }

    /// Mirrors `formatchar`.
    fn char_arg(&mut self, value: &S::Value) -> Result<char, S::Error> {
        let requires = || FormatError::type_error("%c requires int or char");
        match self.source.classify(value)? {
            PercentValue::Str(s) => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(requires().into()),
                }
            }
            PercentValue::Int(n) => {
                let in_range = n.to_u32().filter(|&cp| cp <= 0x10FFFF);
                let cp = in_range
                    .ok_or_else(|| FormatError::overflow("%c arg not in range(0x110000)"))?;
                // A lone surrogate cannot live in a Rust String (see format_spec::int_to_char).
                Ok(char::from_u32(cp).ok_or_else(|| {
                    FormatError::value(format!(
                        "%c arg {cp:#x} is a lone surrogate, which this interpreter's str cannot hold"
                    ))
                })?)
            }
            _ => Err(requires().into()),
        }
    }
}

fn digit(c: char) -> i64 {
    c as i64 - '0' as i64
}

/// Mirrors `_PyUnicode_FormatLong`: the sign, the `0x`/`0X`/`0o` prefix only with `#`, and
/// digits zero-filled to at least `prec`.
fn format_long(n: &BigInt, alt: bool, prec: i64, ch: char) -> Result<String, FormatError> {
    if prec > i32::MAX as i64 - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    let (radix, prefix) = match ch {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = n.magnitude().to_str_radix(radix);
    if ch == 'X' {
        digits.make_ascii_uppercase();
    }
    let zeros = (prec - digits.len() as i64).max(0) as usize;
    let mut out = String::new();
    reserve(&mut out, zeros + digits.len() + 3)?;
    if n.is_negative() {
        out.push('-');
    }
    if alt {
        out.push_str(prefix);
    }
    out.extend(std::iter::repeat_n('0', zeros));
    out.push_str(&digits);
    Ok(out)
}

/// Mirrors `formatfloat`: `PyOS_double_to_string` with precision 6 by default and `#` as
/// `Py_DTSF_ALT`; the sign and padding come later.
fn format_float(x: f64, arg: &Arg) -> Result<String, FormatError> {
    let upper = arg.ch.is_ascii_uppercase();
    let code = match arg.ch.to_ascii_lowercase() {
        'e' => FloatCode::Exp { upper },
        'f' => FloatCode::Fixed { upper },
        _ => FloatCode::General { upper },
    };
    let flags = FloatFlags {
        alt: arg.flags.alt,
        ..FloatFlags::default()
    };
    let prec = if arg.prec < 0 { 6 } else { arg.prec as usize };
    double_to_string(x, code, prec, flags)
}

/// Mirrors `unicode_format_arg_output`: truncation for `%s %r %a`, then sign, `#` prefix and
/// padding. A number pads with `0` when the `0` flag is given (after its sign and prefix),
/// anything else with spaces; `-` pads on the right, always with spaces.
fn output(out: &mut String, arg: &mut Arg, text: &str) -> Result<(), FormatError> {
    let chars: Vec<char> = text.chars().collect();
    let fill = if arg.sign && arg.flags.zero { '0' } else { ' ' };
    let mut len = chars.len() as i64;
    if (arg.width == -1 || arg.width <= len)
        && (arg.prec == -1 || arg.prec >= len)
        && !(arg.flags.sign || arg.flags.blank)
    {
        out.push_str(text);
        return Ok(());
    }
    if matches!(arg.ch, 's' | 'r' | 'a') && arg.prec >= 0 && len > arg.prec {
        len = arg.prec;
    }
    let mut pindex = 0usize;
    let mut signchar = ' ';
    if arg.sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                signchar = c;
                len -= 1;
                pindex += 1;
            }
            _ if arg.flags.sign => signchar = '+',
            _ if arg.flags.blank => signchar = ' ',
            _ => arg.sign = false,
        }
    }
    if arg.width < len {
        arg.width = len;
    }
    reserve(out, (arg.width as usize + 1).saturating_mul(4))?;
    if arg.sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if arg.width > len {
            arg.width -= 1;
        }
    }
    let prefixed = arg.flags.alt && matches!(arg.ch, 'x' | 'X' | 'o');
    if prefixed {
        if fill != ' ' {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
        arg.width = (arg.width - 2).max(0);
        len -= 2;
    }
    if arg.width > len && !arg.flags.ljust {
        out.extend(std::iter::repeat_n(fill, (arg.width - len) as usize));
        arg.width = len;
    }
    if fill == ' ' {
        if arg.sign {
            out.push(signchar);
        }
        if prefixed {
            out.push('0');
            out.push(arg.ch);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend(&chars[pindex..pindex + len as usize]);
    }
    if arg.width > len {
        out.extend(std::iter::repeat_n(' ', (arg.width - len) as usize));
    }
    Ok(())
}

#[cfg(test)]
#[path = "percent_tests.rs"]
pub(crate) mod tests;
