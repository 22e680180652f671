//! Frames: the locals, cells and namespaces one running code object needs.
//!
//! A frame lives on the Rust stack while its code runs. When an exception leaves a
//! function, the frame's locals move into a [`FrameObj`] that the traceback holds, so they
//! stay alive exactly as long as CPython keeps them (until the traceback dies).

use crate::compile::Unit;
use crate::heap::Ref;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Frame {
    pub locals: Vec<Option<Ref>>,
    /// Own cells, then free variables' cells.
    pub cells: Vec<Ref>,
    pub globals: Ref,
    /// The class namespace while a class body runs.
    pub class_ns: Option<Ref>,
    /// The running code's constants.
    pub consts: Rc<[Ref]>,
    pub kind: FrameKind,
    pub unit: Rc<Unit>,
    /// The code's name for tracebacks (`<module>`, the function's name).
    pub name: Rc<str>,
    /// The qualified name of the running code (`""` for a module), prefix of the
    /// `__qualname__` of functions and classes defined in it.
    pub qual: Rc<str>,
    /// The line being executed.
    pub lineno: u32,
    /// In a method using `super()`: the `__class__` cell's index.
    pub super_cell: Option<u32>,
    /// When the first parameter lives in a cell, that cell's index (for `super()`).
    pub first_arg_cell: Option<u32>,
}

impl Frame {
    /// The frame of a module's top-level code running in `globals`.
    pub fn module(unit: &Rc<Unit>, globals: Ref) -> Frame {
        Frame {
            locals: Vec::new(),
            cells: Vec::new(),
            globals,
            class_ns: None,
            consts: unit.module.scope.consts.0.clone(),
            kind: FrameKind::Module,
            unit: unit.clone(),
            name: "<module>".into(),
            qual: "".into(),
            lineno: 0,
            super_cell: None,
            first_arg_cell: None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FrameKind {
    Module,
    Function,
    Class,
}

/// A frame kept alive by a traceback (`tb.tb_frame`).
pub struct FrameObj {
    pub unit: Rc<Unit>,
    pub name: Rc<str>,
    pub lineno: Cell<u32>,
    /// The locals (and cells) the code had when the exception left it.
    pub locals: RefCell<Vec<Option<Ref>>>,
    pub cells: RefCell<Vec<Ref>>,
    pub globals: Ref,
}
