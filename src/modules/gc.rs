//! The `gc` module: the cycle collector's Python face.

use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("gc");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "collect", collect);
    m
}

fn collect(interp: &mut Interp, _args: Args) -> PyResult {
    Ok(interp.new_int(0))
}

/// A collection that became due at an allocation.
pub fn collect_automatic(_interp: &mut Interp) {}

/// The collection CPython makes at interpreter shutdown.
pub fn collect_at_exit(_interp: &mut Interp) {}
