//! The names of `__main__`, read straight from its namespace dict: the views start from
//! them. Only uncounted pointers come out, so looking a name up holds nothing.

use super::show::header;
use crate::eval::Interp;
use crate::heap::Weak;
use crate::objects::Obj;

/// The namespace dict of the module `name` in `sys.modules`, if it was imported.
pub fn module_dict(interp: &Interp, name: &str) -> Option<Weak> {
    let Obj::Dict(modules) = &*interp.modules else {
        return None;
    };
    let modules = modules.try_borrow().ok()?;
    let found = modules
        .iter()
        .find(|(k, _)| k.as_str_opt() == Some(name))
        .map(|(_, m)| m.weak())?;
    match &header(&found)?.obj {
        Obj::Module(m) => Some(m.dict.weak()),
        _ => None,
    }
}

/// Every binding of a namespace dict, in insertion order (str keys only).
pub fn bindings(dict: &Weak) -> Vec<(String, Weak)> {
    let Some(Obj::Dict(d)) = header(dict).map(|h| &h.obj) else {
        return Vec::new();
    };
    let Ok(d) = d.try_borrow() else {
        return Vec::new();
    };
    d.iter()
        .filter_map(|(k, v)| Some((k.as_str_opt()?.to_string(), v.weak())))
        .collect()
}

/// The bindings of `__main__`.
pub fn main_bindings(interp: &Interp) -> Vec<(String, Weak)> {
    module_dict(interp, "__main__")
        .map(|d| bindings(&d))
        .unwrap_or_default()
}

/// The object a global of `__main__` is bound to, or CPython's NameError text.
pub fn lookup(interp: &Interp, name: &str) -> Result<Weak, String> {
    main_bindings(interp)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, w)| w)
        .ok_or_else(|| format!("name '{name}' is not defined"))
}

/// True for the globals a whole-namespace picture leaves out: dunder names, modules,
/// builtin functions and types (what every program has, not what it built).
pub fn is_background(name: &str, w: &Weak) -> bool {
    if name.starts_with("__") && name.ends_with("__") {
        return true;
    }
    match header(w) {
        Some(h) => match &h.obj {
            Obj::Module(_) | Obj::Builtin(_) => true,
            Obj::Class(c) => c.builtin.is_some() || super::show::is_immortal(h),
            _ => false,
        },
        None => true,
    }
}
