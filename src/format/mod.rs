//! Text for numbers and strings, exactly as CPython 3.11 writes and reads it: `repr` of floats
//! and strings, `format()`'s mini-language, `%`-formatting, and `int()`/`float()` of a string.
//!
//! Everything here is a pure function on Rust values; errors are [`FormatError`] values naming
//! the exception class and CPython's message. Each file mirrors one part of CPython's C source
//! and quotes the rule it follows.

mod dtoa;
pub mod error;
pub mod float_repr;
pub mod format_spec;
pub mod int_float;
pub mod int_text;
mod number_field;
pub mod percent;
pub mod repr_str;
pub mod unicode;
mod unicode_tables;

#[cfg(test)]
mod oracle;

pub use error::{ErrorKind, FormatError};
pub use float_repr::{double_to_string, float_repr, float_str, FloatCode, FloatFlags};
pub use format_spec::{format_float, format_int, format_str, Align, Grouping, Sign, Spec};
pub use int_float::{f64_to_int, int_to_f64};
pub use int_text::{int_to_prefixed, int_to_string, parse_float, parse_int};
pub use percent::{percent_format, PercentSource, PercentValue};
pub use repr_str::{ascii_escape, bytes_repr, str_repr};
