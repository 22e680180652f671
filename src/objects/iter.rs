//! Iterator objects of the builtin types and of `enumerate`, `zip`, `map`, `filter`,
//! `reversed` and `iter(callable, sentinel)`. Like CPython's, a sequence iterator drops
//! its sequence once exhausted (visible in `sys.getrefcount`).

use crate::heap::Ref;
use std::cell::{Cell, RefCell};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IterKind {
    List,
    ListReverse,
    Tuple,
    Str,
    Range,
    DictKeys,
    DictValues,
    DictItems,
    Set,
    Bytes,
    Enumerate,
    Zip,
    Map,
    Filter,
    Reversed,
    Callable,
}

pub struct IterObj {
    pub kind: IterKind,
    /// The sequence, dict, set or inner iterator; `None` once exhausted.
    pub source: RefCell<Option<Ref>>,
    /// Position (sequence index, dict entry index, or a counter for `enumerate`).
    pub index: Cell<i64>,
    /// Range iterators: current value, step and remaining count.
    pub range: Cell<(i64, i64, i64)>,
    /// `zip`'s iterators; `map`'s function then iterators; `filter`'s function;
    /// `iter(callable, sentinel)`'s sentinel.
    pub extra: RefCell<Vec<Ref>>,
    /// Dicts and sets: the size at creation, to detect changes during iteration.
    pub expected_len: Cell<usize>,
}

impl IterObj {
    pub fn new(kind: IterKind, source: Option<Ref>) -> IterObj {
        IterObj {
            kind,
            source: RefCell::new(source),
            index: Cell::new(0),
            range: Cell::new((0, 0, 0)),
            extra: RefCell::new(Vec::new()),
            expected_len: Cell::new(0),
        }
    }
}
