//! What weakref objects do as operands (`Objects/weakrefobject.c`): calling a reference
//! (`weakref_vectorcall`), comparing and hashing references (`weakref_richcompare`,
//! `weakref_hash`), and proxies forwarding attribute access, calls, `str`, truth and
//! comparisons to their referent (`proxy_getattr`, `proxy_richcompare` …), raising
//! `ReferenceError` once it is gone.
//!
//! The evaluator calls these from its generic paths when an operand is `Obj::WeakRef`.

use super::{tp_name, WeakKind, WeakRefObj};
use crate::eval::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::CmpOp;

fn payload(v: &Ref) -> Option<&WeakRefObj> {
    match &**v {
        Obj::WeakRef(w) => Some(w),
        _ => None,
    }
}

/// A proxy's referent (`UNWRAP`), or `ReferenceError`.
fn referent(interp: &mut Interp, w: &WeakRefObj) -> PyResult {
    match w.target() {
        Some(t) => Ok(t),
        None => Err(interp.err(
            "ReferenceError",
            "weakly-referenced object no longer exists",
        )),
    }
}

/// Calling a weakref object: a reference returns its referent or `None`; a callable
/// proxy calls its referent.
pub fn call(interp: &mut Interp, callable: &Ref, pos: Vec<Ref>, kw: Vec<(Ref, Ref)>) -> PyResult {
    let Some(w) = payload(callable) else {
        return Ok(interp.none());
    };
    match w.kind {
        WeakKind::Ref | WeakKind::KeyedRef => {
            if !kw.is_empty() {
                return Err(interp.err("TypeError", "weakref() takes no keyword arguments"));
            }
            if !pos.is_empty() {
                return Err(interp.err(
                    "TypeError",
                    format!("weakref expected 0 arguments, got {}", pos.len()),
                ));
            }
            Ok(w.target().unwrap_or_else(|| interp.none()))
        }
        WeakKind::CallableProxy => {
            let t = referent(interp, w)?;
            interp.call_with(&t, pos, kw)
        }
        WeakKind::Proxy => {
            Err(interp.err("TypeError", "'weakref.ProxyType' object is not callable"))
        }
    }
}

fn no_attribute(interp: &mut Interp, obj: &Ref, name: &Ref) -> crate::eval::Unwind {
    let t = tp_name(interp, obj);
    let n = name.as_str_opt().unwrap_or("?");
    interp.err(
        "AttributeError",
        format!("'{t}' object has no attribute '{n}'"),
    )
}

/// Attribute lookup on a weakref object; `None` leaves it to the generic lookup (the
/// special attributes every object has).
pub fn getattr(interp: &mut Interp, obj: &Ref, name: &Ref) -> Option<PyResult<Option<Ref>>> {
    let w = payload(obj)?;
    if w.is_proxy() {
        return Some(
            referent(interp, w)
                .and_then(|t| interp.getattr(&t, name))
                .map(Some),
        );
    }
    let text = name.as_str_opt().unwrap_or("");
    match text {
        "__callback__" => {
            let cb = w.callback.borrow().clone();
            Some(Ok(Some(cb.unwrap_or_else(|| interp.none()))))
        }
        "key" if w.kind == WeakKind::KeyedRef => {
            let key = w.key.borrow().clone();
            Some(match key {
                Some(k) => Ok(Some(k)),
                None => {
                    Err(interp.err("AttributeError", "'KeyedRef' object has no attribute 'key'"))
                }
            })
        }
        _ if text.starts_with("__") => None,
        _ => Some(Err(no_attribute(interp, obj, name))),
    }
}

pub fn setattr(interp: &mut Interp, obj: &Ref, name: &Ref, value: Ref) -> PyResult<()> {
    let Some(w) = payload(obj) else { return Ok(()) };
    if w.is_proxy() {
        let t = referent(interp, w)?;
        return interp.setattr(&t, name, value);
    }
    match name.as_str_opt() {
        Some("key") if w.kind == WeakKind::KeyedRef => {
            let old = w.key.borrow_mut().replace(value);
            drop(old);
            Ok(())
        }
        Some("__callback__") => Err(interp.err("AttributeError", "readonly attribute")),
        _ => Err(no_attribute(interp, obj, name)),
    }
}

pub fn delattr(interp: &mut Interp, obj: &Ref, name: &Ref) -> PyResult<()> {
    let Some(w) = payload(obj) else { return Ok(()) };
    if w.is_proxy() {
        let t = referent(interp, w)?;
        return interp.delattr(&t, name);
    }
    match name.as_str_opt() {
        Some("key") if w.kind == WeakKind::KeyedRef => {
            let old = w.key.borrow_mut().take();
            match old {
                Some(k) => {
                    drop(k);
                    Ok(())
                }
                None => Err(interp.err("AttributeError", "key")),
            }
        }
        _ => Err(no_attribute(interp, obj, name)),
    }
}

/// Comparisons with a weakref operand; `None` when the generic rules apply (identity).
///
/// References: `==`/`!=` compare the referents when both are alive, identity otherwise;
/// other operators are not supported. Proxies compare their referents (for any operator).
pub fn rich_compare(interp: &mut Interp, a: &Ref, b: &Ref, op: CmpOp) -> PyResult<Option<Ref>> {
    let wa = payload(a);
    let wb = payload(b);
    if wa.is_some_and(|w| w.is_proxy()) || wb.is_some_and(|w| w.is_proxy()) {
        let x = match wa {
            Some(w) if w.is_proxy() => referent(interp, w)?,
            _ => a.clone(),
        };
        let y = match wb {
            Some(w) if w.is_proxy() => referent(interp, w)?,
            _ => b.clone(),
        };
        return interp.rich_compare(&x, &y, op).map(Some);
    }
    let (Some(wa), Some(wb)) = (wa, wb) else {
        return Ok(None);
    };
    if !matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (wa.target(), wb.target()) else {
        let same = a.is(b);
        return Ok(Some(interp.bool(if op == CmpOp::Eq {
            same
        } else {
            !same
        })));
    };
    interp.rich_compare(&x, &y, op).map(Some)
}

/// `hash(r)`: the referent's hash, computed once; a proxy is unhashable.
pub fn hash(interp: &mut Interp, v: &Ref) -> PyResult<i64> {
    let Some(w) = payload(v) else { return Ok(0) };
    if w.is_proxy() {
        let t = tp_name(interp, v);
        return Err(interp.err("TypeError", format!("unhashable type: '{t}'")));
    }
    if let Some(h) = w.hash.get() {
        return Ok(h);
    }
    let Some(t) = w.target() else {
        return Err(interp.err("TypeError", "weak object has gone away"));
    };
    let h = interp.hash(&t)?;
    w.hash.set(Some(h));
    Ok(h)
}

/// Truth of a weakref object: references are true, proxies ask their referent.
pub fn truthy(interp: &mut Interp, v: &Ref) -> PyResult<bool> {
    match payload(v) {
        Some(w) if w.is_proxy() => {
            let t = referent(interp, w)?;
            interp.truthy(&t)
        }
        _ => Ok(true),
    }
}

/// `str()` of a weakref object: a proxy gives its referent's `str`.
pub fn str(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    match payload(v) {
        Some(w) if w.is_proxy() => {
            let t = referent(interp, w)?;
            interp.str(&t)
        }
        Some(w) => Ok(super::weakref_repr(interp, v, w)),
        None => interp.repr(v),
    }
}
