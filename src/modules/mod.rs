//! The modules refpy provides: `builtins`, `sys`, `gc`, `weakref`, `copy`, `tracemalloc`,
//! `os` (remove, path.exists), `math`; and the methods of the builtin types.

pub mod builtins;
pub mod copy;
pub mod gc;
pub mod io;
pub mod os;
pub mod sys;
pub mod tracemalloc;
pub mod weakref;

use crate::eval::Interp;
use crate::heap::{ObjBox, Ref};

const BUILTIN_MODULES: &[&str] = &[
    "builtins",
    "sys",
    "gc",
    "weakref",
    "copy",
    "tracemalloc",
    "os",
    "os.path",
    "math",
];

pub fn is_builtin_module(name: &str) -> bool {
    BUILTIN_MODULES.contains(&name)
}

/// Sets up the builtins namespace and the builtin types' methods.
pub fn install(interp: &mut Interp) {
    crate::eval::finalize::install_heap_hooks();
    builtins::install(interp);
    crate::objects::methods::install(interp);
    weakref::install_types(interp);
    let b = interp.new_module("builtins");
    if let crate::objects::Obj::Module(m) = &*b {
        let _ = m;
    }
    // The builtins module shares the interpreter's builtins dict.
    let module = Ref::new(crate::objects::Obj::Module(Box::new(
        crate::objects::ModuleObj {
            name: "builtins".into(),
            dict: interp.builtins.clone(),
        },
    )));
    drop(b);
    let key = interp.intern("builtins");
    let modules = interp.modules.clone();
    let _ = interp.dict_set(&modules, key, module);
}

/// Creates a module on first import.
pub fn create(interp: &mut Interp, name: &str) -> Option<Ref> {
    match name {
        "sys" => Some(sys::create(interp)),
        "gc" => Some(gc::create(interp)),
        "weakref" => Some(weakref::create(interp)),
        "os" => Some(os::create(interp)),
        "os.path" => Some(os::create_path(interp)),
        "copy" => Some(copy::create(interp)),
        "tracemalloc" => Some(tracemalloc::create(interp)),
        _ => None,
    }
}

/// tracemalloc's accounting of a freed object (a no-op while tracing is off).
#[inline]
pub fn tracemalloc_free(h: &ObjBox) {
    tracemalloc::on_free(h);
}
