//! Frames: the locals, cells and namespaces one running code object needs.
//!
//! A frame lives on the Rust stack while its code runs. As in CPython 3.11, its frame
//! object ([`FrameObj`]) is made only when something asks for it — a traceback entry, a
//! callee's `f_back` — and while the code runs the frame object owns nothing but its
//! `f_back`. When the frame ends and something else still holds the frame object, the
//! locals and cells move into it (CPython's `take_ownership`), so they stay alive exactly
//! as long as CPython keeps them.

use crate::compile::Unit;
use crate::heap::Ref;
use crate::syntax::ast::Function;
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
    /// The running function's code (None for module, class and comprehension frames).
    pub code: Option<Rc<Function>>,
    /// The frame object, once made (CPython's `frame->frame_obj`, a counted reference).
    pub obj: Option<Ref>,
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
            code: None,
            obj: None,
        }
    }
}

/// Vectors kept at most, and the largest capacity kept: enough for any call depth a
/// loop reaches, without holding memory after deep recursion.
const SPARE_VECS: usize = 64;
const SPARE_CAPACITY: usize = 32;

impl super::Interp {
    /// An empty vector with room for `n` references, reused from an ended call when
    /// there is one.
    #[inline]
    pub(crate) fn take_vec(&mut self, n: usize) -> Vec<Ref> {
        match self.spare_vecs.pop() {
            Some(mut v) => {
                v.reserve(n);
                v
            }
            None => Vec::with_capacity(n),
        }
    }

    /// Drops the references in `v`, first to last, and keeps the vector for reuse.
    #[inline]
    pub(crate) fn recycle_vec(&mut self, mut v: Vec<Ref>) {
        v.clear();
        if v.capacity() != 0 && v.capacity() <= SPARE_CAPACITY && self.spare_vecs.len() < SPARE_VECS
        {
            self.spare_vecs.push(v);
        }
    }

    /// [`Self::recycle_vec`] for a frame's local slots.
    #[inline]
    pub(crate) fn recycle_locals(&mut self, locals: Vec<Option<Ref>>) {
        self.recycle_vec(crate::heap::raw::empty_slots_into_refs(locals));
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FrameKind {
    Module,
    Function,
    Class,
}

/// A frame object (`tb.tb_frame`, `f_back`, `gi_frame`).
pub struct FrameObj {
    pub unit: Rc<Unit>,
    pub name: Rc<str>,
    pub kind: FrameKind,
    pub code: Option<Rc<Function>>,
    /// The line running (updated as tracebacks are made) or, once the frame has ended,
    /// the last line it ran.
    pub lineno: Cell<u32>,
    /// Locals and cells slots of the code (for `sys.getsizeof`).
    pub slots: usize,
    /// Set when the frame has ended and this object took over its contents.
    pub owned: Cell<bool>,
    /// The locals (and cells) the code had when it ended; empty while it runs.
    pub locals: RefCell<Vec<Option<Ref>>>,
    pub cells: RefCell<Vec<Ref>>,
    /// Borrowed, as CPython's frame borrows `f_globals` (its function holds them).
    pub globals: crate::heap::Weak,
    /// The class namespace of an ended class body.
    pub class_ns: RefCell<Option<Ref>>,
    /// The function that ran (CPython's `f_func`), once the frame has ended.
    pub func: RefCell<Option<Ref>>,
    /// The caller's frame object, linked when this frame ended.
    pub back: RefCell<Option<Ref>>,
    /// The dict `f_locals` made (CPython keeps it in the frame, holding the values).
    pub locals_dict: RefCell<Option<Ref>>,
}

impl FrameObj {
    /// Every reference the frame object holds: its `f_back`, and once it has taken over
    /// the ended frame, the locals dict, function, locals, cells and namespace.
    pub fn visit_refs<F: FnMut(&Ref) + ?Sized>(&self, visit: &mut F) {
        if let Ok(b) = self.back.try_borrow() {
            b.iter().for_each(&mut *visit);
        }
        if !self.owned.get() {
            return;
        }
        if let Ok(d) = self.locals_dict.try_borrow() {
            d.iter().for_each(&mut *visit);
        }
        if let Ok(f) = self.func.try_borrow() {
            f.iter().for_each(&mut *visit);
        }
        if let Ok(locals) = self.locals.try_borrow() {
            locals.iter().flatten().for_each(&mut *visit);
        }
        if let Ok(cells) = self.cells.try_borrow() {
            cells.iter().for_each(&mut *visit);
        }
        if let Ok(ns) = self.class_ns.try_borrow() {
            ns.iter().for_each(&mut *visit);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::heap::Ref;
    use crate::objects::Obj;

    #[test]
    fn recycled_locals_keep_their_buffer() {
        let mut interp = crate::eval::Interp::new();
        let mut locals: Vec<Option<Ref>> = Vec::with_capacity(8);
        locals.push(Some(Ref::new(Obj::Int(7))));
        locals.push(None);
        let buffer = locals.as_ptr() as usize;
        interp.recycle_locals(locals);
        let reused = interp.take_vec(4);
        assert_eq!(reused.as_ptr() as usize, buffer);
        assert!(reused.is_empty() && reused.capacity() >= 8);
    }
}
