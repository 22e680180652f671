//! The error every function of this module returns: the CPython exception class and its exact
//! message, for the interpreter to raise as `ValueError: Invalid format specifier` and so on.

use std::fmt;

/// Which built-in exception CPython raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    TypeError,
    OverflowError,
    /// A result too large to allocate (`format(1, '99999999999999')`); the message is empty.
    MemoryError,
}

impl ErrorKind {
    /// The exception class's name, as a traceback prints it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// An exception to raise: class and message (the text after `ValueError: `).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub kind: ErrorKind,
    pub message: String,
}

impl FormatError {
    pub fn value(message: impl Into<String>) -> FormatError {
        FormatError {
            kind: ErrorKind::ValueError,
            message: message.into(),
        }
    }

    pub fn type_error(message: impl Into<String>) -> FormatError {
        FormatError {
            kind: ErrorKind::TypeError,
            message: message.into(),
        }
    }

    pub fn overflow(message: impl Into<String>) -> FormatError {
        FormatError {
            kind: ErrorKind::OverflowError,
            message: message.into(),
        }
    }

    pub fn memory() -> FormatError {
        FormatError {
            kind: ErrorKind::MemoryError,
            message: String::new(),
        }
    }
}

/// Renders the way the last line of a traceback does: `ValueError: message`, or just the class
/// name when the message is empty.
impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for FormatError {}
