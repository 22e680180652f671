//! Native bodies for the hottest steps of `WeakValueDictionary` (a cache's `get`, storing a
//! value, and the callback that drops an entry when its value dies). They do what the
//! Python code of `Lib/weakref.py` does, step for step, on the same attributes (`data`,
//! `_pending_removals`, `_iterating`, `_remove`), without running Python frames.

use super::{new_weakref, WeakKind};
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::modules::builtins::check_arity;
use crate::objects::{BuiltinObj, Obj};
use std::cell::RefCell;

thread_local! {
    /// The attribute names used here, interned once per thread.
    static NAMES: RefCell<Vec<(&'static str, Ref)>> = const { RefCell::new(Vec::new()) };
}

fn name(interp: &mut Interp, text: &'static str) -> Ref {
    let cached = NAMES.with(|n| {
        n.borrow()
            .iter()
            .find(|(t, _)| *t == text)
            .map(|(_, r)| r.clone())
    });
    if let Some(r) = cached {
        return r;
    }
    let r = interp.intern(text);
    NAMES.with(|n| n.borrow_mut().push((text, r.clone())));
    r
}

fn attr(interp: &mut Interp, obj: &Ref, text: &'static str) -> PyResult {
    let key = name(interp, text);
    interp.getattr(obj, &key)
}

/// `if self._pending_removals: self._commit_removals()`
fn commit_pending(interp: &mut Interp, self_: &Ref) -> PyResult<()> {
    let pending = attr(interp, self_, "_pending_removals")?;
    if interp.truthy(&pending)? {
        let commit = attr(interp, self_, "_commit_removals")?;
        interp.call(&commit, vec![])?;
    }
    Ok(())
}

/// `self.data[key]`, or `None` for a missing key (the `KeyError` Python code catches).
fn lookup(interp: &mut Interp, data: &Ref, key: &Ref) -> PyResult<Option<Ref>> {
    if matches!(&**data, Obj::Dict(_)) {
        return interp.dict_get(data, key);
    }
    match interp.getitem(data, key) {
        Ok(v) => Ok(Some(v)),
        Err(Unwind::Exception(e)) if interp.is_instance_of(&e, "KeyError") => Ok(None),
        Err(e) => Err(e),
    }
}

/// `WeakValueDictionary.get(self, key, default=None)`.
pub fn wvd_get(interp: &mut Interp, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(interp.err("TypeError", "get() takes no keyword arguments"));
    }
    check_arity(interp, "get", &args, 2, 3)?;
    let (self_, key) = (&args.pos[0], &args.pos[1]);
    let default = args.pos.get(2).cloned().unwrap_or_else(|| interp.none());
    commit_pending(interp, self_)?;
    let data = attr(interp, self_, "data")?;
    let Some(wr) = lookup(interp, &data, key)? else {
        return Ok(default);
    };
    let o = match &*wr {
        Obj::WeakRef(w) if !w.is_proxy() => w.target(),
        _ => Some(interp.call(&wr, vec![])?).filter(|o| !matches!(&**o, Obj::None)),
    };
    Ok(o.unwrap_or(default))
}

/// `_wvd_setitem(self, key, value)`: the body of `WeakValueDictionary.__setitem__`,
/// `self.data[key] = KeyedRef(value, self._remove, key)`.
pub fn wvd_setitem(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_wvd_setitem", &args, 3, 3)?;
    let (self_, key, value) = (&args.pos[0], &args.pos[1], &args.pos[2]);
    commit_pending(interp, self_)?;
    let data = attr(interp, self_, "data")?;
    let remove = attr(interp, self_, "_remove")?;
    let wr = new_weakref(
        interp,
        value,
        Some(remove),
        WeakKind::KeyedRef,
        Some(key.clone()),
    )?;
    interp.setitem(&data, key, wr)?;
    Ok(interp.none())
}

/// `_wvd_remover(self)`: the `remove` callback of a new `WeakValueDictionary`, holding
/// only a weak reference to it (`selfref=ref(self)`).
pub fn wvd_remover(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_wvd_remover", &args, 1, 1)?;
    let selfref = new_weakref(interp, &args.pos[0], None, WeakKind::Ref, None)?;
    Ok(Ref::new(Obj::Builtin(Box::new(BuiltinObj {
        name: "remove",
        func: wvd_remove,
        self_: Some(selfref),
        owner: None,
    }))))
}

/// `remove(wr, selfref)`: a value died; drop its entry, or queue the key while the
/// dictionary is being iterated.
fn wvd_remove(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "remove", &args, 2, 2)?;
    let (selfref, wr) = (&args.pos[0], &args.pos[1]);
    let self_ = match &**selfref {
        Obj::WeakRef(w) => w.target(),
        _ => None,
    };
    let Some(self_) = self_ else {
        return Ok(interp.none());
    };
    let key = attr(interp, wr, "key")?;
    let iterating = attr(interp, &self_, "_iterating")?;
    if interp.truthy(&iterating)? {
        let pending = attr(interp, &self_, "_pending_removals")?;
        let append = name(interp, "append");
        let m = interp.getattr(&pending, &append)?;
        interp.call(&m, vec![key])?;
    } else {
        let data = attr(interp, &self_, "data")?;
        super::remove_dead(interp, &data, &key)?;
    }
    Ok(interp.none())
}
