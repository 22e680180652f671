//! Exception instances: the builtin hierarchy and user subclasses share this layout
//! (CPython's `PyBaseExceptionObject`).

use crate::heap::Ref;
use std::cell::{Cell, RefCell};

pub struct ExceptionObj {
    pub class: RefCell<Ref>,
    /// Tuple of constructor arguments (`e.args`).
    pub args: RefCell<Ref>,
    pub dict: RefCell<Option<Ref>>,
    pub traceback: RefCell<Option<Ref>>,
    pub cause: RefCell<Option<Ref>>,
    pub context: RefCell<Option<Ref>>,
    pub suppress_context: Cell<bool>,
}
