//! Control flow as values: an exception, `return`, `break` and `continue` travel outward
//! through the `Err` side of [`PyResult`] until a frame or loop takes them.

use crate::heap::Ref;

pub enum Unwind {
    /// A raised exception (an exception instance).
    Exception(Ref),
    Return(Ref),
    Break,
    Continue,
    /// A generator suspending: the yielded value travels out to `send`/`next`, each
    /// construct on the way recording where it stands (see `eval::resume`).
    Yield(Ref),
}

impl std::fmt::Debug for Unwind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unwind::Exception(e) => write!(f, "Exception({e:?})"),
            Unwind::Return(v) => write!(f, "Return({v:?})"),
            Unwind::Break => write!(f, "Break"),
            Unwind::Continue => write!(f, "Continue"),
            Unwind::Yield(v) => write!(f, "Yield({v:?})"),
        }
    }
}

pub type PyResult<T = Ref> = Result<T, Unwind>;

/// Arguments of a call into a builtin: positional, then keyword (name, value) pairs.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Ref],
    pub kw: &'a [(Ref, Ref)],
}

impl<'a> Args<'a> {
    pub fn new(pos: &'a [Ref]) -> Args<'a> {
        Args { pos, kw: &[] }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&'a Ref> {
        self.pos.get(i)
    }

    /// A keyword argument by name.
    pub fn kwarg(&self, name: &str) -> Option<&'a Ref> {
        self.kw
            .iter()
            .find(|(k, _)| k.as_str_opt() == Some(name))
            .map(|(_, v)| v)
    }

    /// The positional arguments after the first (for methods: after `self`).
    pub fn rest(&self) -> Args<'a> {
        Args {
            pos: &self.pos[1.min(self.pos.len())..],
            kw: self.kw,
        }
    }
}
