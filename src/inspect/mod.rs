//! Looking at the heap from outside the evaluator: the pictures and explanations the REPL's
//! meta commands (`:heap`, `:refs`, `:gc`) print. Everything here reads; nothing changes a count.

use crate::eval::Interp;

/// `:heap [name]`: the objects reachable from one global name (or from every global when
/// `name` is None) drawn as boxes and arrows, each box with type, value and refcount, and
/// shared objects drawn once.
pub fn draw_heap(interp: &mut Interp, name: Option<&str>) -> Result<String, String> {
    let _ = (interp, name);
    Err("the heap diagram is not available yet".into())
}

/// `:heap --dot FILE`: the same graph as [`draw_heap`] in Graphviz DOT.
pub fn heap_dot(interp: &mut Interp, name: Option<&str>) -> Result<String, String> {
    let _ = (interp, name);
    Err("the DOT export is not available yet".into())
}

/// `:gc`: generation counts, thresholds and the last collections.
pub fn gc_status(interp: &mut Interp) -> String {
    let _ = interp;
    "gc status is not available yet\n".into()
}

/// `:refs NAME`: every reference to the object bound to `name`, attributed to what holds
/// it (names per scope, container slots, attributes, cells, defaults, code constants,
/// frames), summing exactly to its reference count.
pub fn explain_refs(interp: &mut Interp, name: &str) -> Result<String, String> {
    let _ = (interp, name);
    Err("reference attribution is not available yet".into())
}
