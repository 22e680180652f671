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
    /// The call depth of the frame that added the newest traceback entry in the current
    /// pass (`usize::MAX` when a frame must add one): an exception passing through a frame
    /// gets one entry there however many `try` statements it crosses, a bare `raise` adds
    /// none in its own frame.
    pub tb_depth: Cell<usize>,
    /// NameError's and AttributeError's `name`: the name that was missing.
    pub name: RefCell<Option<Ref>>,
    /// AttributeError's `obj`: the object that lacked the attribute (a counted reference,
    /// as in CPython).
    pub obj: RefCell<Option<Ref>>,
}
