//! Native bodies for the hottest steps of `WeakValueDictionary` (a cache's `get`, storing a
//! value, and the callback that drops an entry when its value dies). They do what the
//! Python code of `Lib/weakref.py` does, step for step, on the same attributes (`data`,
//! `_pending_removals`, `_iterating`, `_remove`), without running Python frames.

use super::{new_weakref, WeakKind};
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::{Ref, Weak};
use crate::modules::builtins::check_arity;
use crate::objects::{BuiltinObj, Obj};
use std::cell::{Cell, RefCell};

/// The attribute names used here.
const NAMES: [&str; 7] = [
    "data",
    "_pending_removals",
    "_commit_removals",
    "_remove",
    "_iterating",
    "append",
    "key",
];

thread_local! {
    /// [`NAMES`], interned once per thread.
    static INTERNED: RefCell<Vec<Ref>> = const { RefCell::new(Vec::new()) };
}

/// Drops the interned names (interpreter teardown).
pub fn release_names() {
    let names = INTERNED.with(|n| std::mem::take(&mut *n.borrow_mut()));
    drop(names);
}

fn name(interp: &mut Interp, text: &'static str) -> Ref {
    let Some(i) = NAMES
        .iter()
        .position(|n| std::ptr::eq(*n, text) || *n == text)
    else {
        return interp.intern(text);
    };
    let cached = INTERNED.with(|n| n.borrow().get(i).cloned());
    if let Some(r) = cached {
        return r;
    }
    let all: Vec<Ref> = NAMES.iter().map(|n| interp.intern(n)).collect();
    let r = all[i].clone();
    INTERNED.with(|n| *n.borrow_mut() = all);
    r
}

thread_local! {
    /// The prelude's `WeakValueDictionary` class.
    static CLASS: Cell<Option<Weak>> = const { Cell::new(None) };
}

/// Remembers the prelude's `WeakValueDictionary` class (done when the module is created).
pub fn set_class(class: &Ref) {
    CLASS.with(|c| c.set(Some(class.weak())));
}

fn attr(interp: &mut Interp, obj: &Ref, text: &'static str) -> PyResult {
    let key = name(interp, text);
    // On an instance of the prelude's class itself no class attribute shadows these
    // names, so its `__dict__` answers as the generic lookup would, only sooner.
    if let Obj::Instance(inst) = &**obj {
        let plain = CLASS.with(|c| c.get()) == Some(inst.class.borrow().weak());
        if plain {
            if let Some(v) = interp.instance_attr(obj, &key, None) {
                return Ok(v);
            }
        }
    }
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
        sig: crate::objects::sigs::Sig::Own,
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
    let key = match &**wr {
        Obj::WeakRef(w) if w.key.borrow().is_some() => {
            w.key.borrow().clone().unwrap_or_else(|| interp.none())
        }
        _ => attr(interp, wr, "key")?,
    };
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
