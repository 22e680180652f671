//! The refcounted heap: object storage and counted references ([`raw`], the heap's only unsafe
//! code), the cycle collector's generations and tracking rules ([`gc`]), its collection
//! algorithm ([`collect`]; the steps that run Python code are in `modules::gc`), object
//! sizes ([`sizes`]), the heap audit ([`audit`]) and the recorder of frees and collections
//! the REPL reports ([`observe`]).

pub mod audit;
pub mod collect;
pub mod gc;
pub mod observe;
pub mod raw;
pub mod sizes;

pub use raw::{flag, live_objects, ObjBox, Ref, Weak};
