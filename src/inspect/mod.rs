//! Looking at the heap from outside the evaluator: the pictures and explanations the REPL's
//! meta commands (`:heap`, `:refs`, `:gc`) print. Everything here reads; nothing changes a count.
//!
//! Objects are only ever held through uncounted pointers while they are examined (see
//! [`show`]), so each figure is the header's count — `sys.getrefcount(x) - 1` — and no
//! view leaves a trace in the numbers the next view or the program prints.
//!
//! - [`graph`]: the objects reachable from names, each once, with labelled edges;
//!   [`draw`] writes it as boxes and arrows, [`dot`] as Graphviz.
//! - [`refs`]: who holds each reference to an object, over the heap audit's enumeration.
//! - [`gc_status`]: the collector's counters, thresholds and recent collections.

pub mod dot;
pub mod draw;
pub mod gc_status;
pub mod globals;
pub mod graph;
pub mod refs;
pub mod show;

use crate::eval::Interp;

/// What a whole-namespace picture says when the program has bound nothing yet.
const NOTHING_BOUND: &str = "(no names bound in __main__ yet)";

/// `:heap [name]`: the objects reachable from one global name (or from every global when
/// `name` is None) drawn as boxes and arrows, each box with type, value and refcount, and
/// shared objects drawn once.
pub fn draw_heap(interp: &mut Interp, name: Option<&str>) -> Result<String, String> {
    let g = graph::build(interp, name)?;
    Ok(draw::render(&g, NOTHING_BOUND))
}

/// `:heap --dot FILE`: the same graph as [`draw_heap`] in Graphviz DOT.
pub fn heap_dot(interp: &mut Interp, name: Option<&str>) -> Result<String, String> {
    let g = graph::build(interp, name)?;
    Ok(dot::render(&g))
}

/// `:gc`: generation counts, thresholds and the last collections.
pub fn gc_status(interp: &mut Interp) -> String {
    let _ = interp;
    gc_status::render()
}

/// `:refs NAME`: every reference to the object bound to `name`, attributed to what holds
/// it (names per scope, container slots, attributes, cells, defaults, code constants,
/// frames), summing exactly to its reference count.
pub fn explain_refs(interp: &mut Interp, name: &str) -> Result<String, String> {
    refs::explain(interp, name)
}
