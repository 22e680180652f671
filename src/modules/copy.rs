//! The `copy` module: `copy.copy` and `copy.deepcopy`, following CPython 3.11's
//! `Lib/copy.py` step for step (natively, so it is fast), with the defaults of
//! `object.__reduce_ex__(4)` from `Objects/typeobject.c` for instances.
//!
//! What a learner can observe is kept: atomic objects come back as they are; a tuple is
//! only rebuilt when one of its items changed; `deepcopy`'s memo is a real dict keyed by
//! `id()`, filled in CPython's order, holding the keep-alive list at `memo[id(memo)]`;
//! `__copy__`, `__deepcopy__(memo)`, `__reduce_ex__`, `__reduce__`, `__getstate__`,
//! `__setstate__` and `__getnewargs__` are honoured; instances are rebuilt with
//! `cls.__new__(cls)` (no `__init__`) and get their `__dict__` and `__slots__` values back;
//! subclasses of list and dict get their items through their own `append` and
//! `__setitem__`. Each Python-level function `copy.py` would run counts against the
//! recursion limit, so a too-deep structure raises `RecursionError` instead of
//! exhausting the native stack.
//!
//! Worked example: `deepcopy([a, a])` with `a = [1]`: the memo gets `id(outer)` (the new
//! outer list, before its items are copied), then `id(a)`, then `id(memo)` → `[a]` when
//! `a`'s copy is complete; the second item is found in the memo, so the copy shares it too.

use crate::eval::names::N;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::modules::weakref::{tp_name, WeakKind};
use crate::objects::kinds::TypeKind;
use crate::objects::Obj;

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("copy");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "copy", copy);
    interp.add_function(&d, "deepcopy", deepcopy);
    let ns = interp.new_dict();
    let module_key = interp.names.get(N::module).clone();
    let module_name = interp.new_str("copy");
    let _ = interp.dict_set(&ns, module_key, module_name);
    let qual_key = interp.names.get(N::qualname).clone();
    let qual = interp.new_str("Error");
    let _ = interp.dict_set(&ns, qual_key, qual);
    let exception = interp.exc_class("Exception");
    let bases = interp.new_tuple(vec![exception]);
    if let Ok(error) = interp.build_class("Error", "Error", bases, ns) {
        for name in ["Error", "error"] {
            let key = interp.intern(name);
            let _ = interp.dict_set(&d, key, error.clone());
        }
    }
    m
}

/// Binds `copy(x)` / `deepcopy(x, memo=None)` arguments with CPython's messages.
fn bind(
    interp: &mut Interp,
    func: &str,
    args: &Args,
    names: &[&str],
) -> PyResult<Vec<Option<Ref>>> {
    let mut out: Vec<Option<Ref>> = vec![None; names.len()];
    if args.pos.len() > names.len() {
        let n = names.len();
        let takes = if n == 1 {
            "1 positional argument".to_string()
        } else {
            format!("from 1 to {n} positional arguments")
        };
        return Err(interp.err(
            "TypeError",
            format!("{func}() takes {takes} but {} were given", args.pos.len()),
        ));
    }
    for (i, v) in args.pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kw {
        let key = k.as_str_opt().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if out[i].is_some() => {
                return Err(interp.err(
                    "TypeError",
                    format!("{func}() got multiple values for argument '{key}'"),
                ))
            }
            Some(i) => out[i] = Some(v.clone()),
            None => {
                return Err(interp.err(
                    "TypeError",
                    format!("{func}() got an unexpected keyword argument '{key}'"),
                ))
            }
        }
    }
    if out[0].is_none() {
        return Err(interp.err(
            "TypeError",
            format!("{func}() missing 1 required positional argument: 'x'"),
        ));
    }
    Ok(out)
}

fn copy(interp: &mut Interp, args: Args) -> PyResult {
    let bound = bind(interp, "copy", &args, &["x"])?;
    let x = bound[0].clone().unwrap_or_else(|| interp.none());
    interp.enter_call()?;
    let r = shallow_copy(interp, &x);
    interp.leave_call();
    r
}

fn deepcopy(interp: &mut Interp, args: Args) -> PyResult {
    let bound = bind(interp, "deepcopy", &args, &["x", "memo", "_nil"])?;
    let x = bound[0].clone().unwrap_or_else(|| interp.none());
    let memo = match bound[1].clone() {
        Some(m) if !matches!(&*m, Obj::None) => m,
        _ => interp.new_dict(),
    };
    deep_copy(interp, &x, &memo)
}

// ---------------------------------------------------------------------- shallow

/// `copy.copy(x)`.
pub fn shallow_copy(interp: &mut Interp, x: &Ref) -> PyResult {
    // _copy_dispatch: immutable types come back as they are, builtin containers copy.
    match &**x {
        Obj::None
        | Obj::Int(_)
        | Obj::BigInt(_)
        | Obj::Float(_)
        | Obj::Bool(_)
        | Obj::Str(_)
        | Obj::Tuple(_)
        | Obj::Bytes(_)
        | Obj::FrozenSet(_)
        | Obj::Class(_)
        | Obj::Range(_)
        | Obj::Slice(_)
        | Obj::Property(_)
        | Obj::Builtin(_)
        | Obj::Ellipsis
        | Obj::NotImplemented
        | Obj::Function(_)
        | Obj::Code(_) => return Ok(x.clone()),
        Obj::WeakRef(w) if w.kind == WeakKind::Ref => return Ok(x.clone()),
        Obj::List(l) => {
            let items = l.borrow().clone();
            return Ok(interp.new_list(items));
        }
        Obj::Dict(_) => return interp.dict_copy(x),
        Obj::Set(_) => {
            let items = interp.set_items(x);
            return interp.set_from_items(items, false);
        }
        _ => {}
    }
    let cls = interp.type_of(x);
    let copy_name = interp.names.get(N::copy).clone();
    if let Some(copier) = interp.getattr_opt(&cls, &copy_name)? {
        return interp.call(&copier, vec![x.clone()]);
    }
    match reduce_ex(interp, x)? {
        Reduced::Same => Ok(x.clone()),
        Reduced::Parts(parts) => reconstruct(interp, x, None, parts),
    }
}

// ---------------------------------------------------------------------- deep

/// Objects `deepcopy` returns as they are (`_deepcopy_atomic`, and classes).
fn is_atomic(x: &Ref) -> bool {
    match &**x {
        Obj::None
        | Obj::Ellipsis
        | Obj::NotImplemented
        | Obj::Int(_)
        | Obj::BigInt(_)
        | Obj::Float(_)
        | Obj::Bool(_)
        | Obj::Bytes(_)
        | Obj::Str(_)
        | Obj::Class(_)
        | Obj::Range(_)
        | Obj::Builtin(_)
        | Obj::Function(_)
        | Obj::Code(_)
        | Obj::Property(_) => true,
        Obj::WeakRef(w) => w.kind == WeakKind::Ref,
        _ => false,
    }
}

/// Runs `f` as one Python-level frame of `copy.py` (for the recursion limit).
fn frame<T>(interp: &mut Interp, f: impl FnOnce(&mut Interp) -> PyResult<T>) -> PyResult<T> {
    interp.enter_call()?;
    let r = f(interp);
    interp.leave_call();
    r
}

fn id_key(interp: &Interp, x: &Ref) -> Ref {
    interp.new_int(x.id() as i64)
}

/// `copy.deepcopy(x, memo)`.
///
/// Atomic objects return at once: CPython first looks `id(x)` up in the memo, which
/// cannot find them (they are never memoised) unless a caller put them there by hand.
pub fn deep_copy(interp: &mut Interp, x: &Ref, memo: &Ref) -> PyResult {
    if is_atomic(x) {
        return Ok(x.clone());
    }
    frame(interp, |interp| deep_copy_frame(interp, x, memo))
}

fn deep_copy_frame(interp: &mut Interp, x: &Ref, memo: &Ref) -> PyResult {
    let d = id_key(interp, x);
    if let Some(y) = memo_get(interp, memo, &d)? {
        return Ok(y);
    }
    let y = match &**x {
        Obj::List(_) => frame(interp, |interp| deepcopy_list(interp, x, memo, &d))?,
        Obj::Tuple(_) => frame(interp, |interp| deepcopy_tuple(interp, x, memo, &d))?,
        Obj::Dict(_) => frame(interp, |interp| deepcopy_dict(interp, x, memo, &d))?,
        Obj::Method(m) => {
            // _deepcopy_method: type(x)(x.__func__, deepcopy(x.__self__, memo))
            let (func, self_) = (m.0.clone(), m.1.clone());
            frame(interp, |interp| {
                let s = deep_copy(interp, &self_, memo)?;
                Ok(interp.new_method(func, s))
            })?
        }
        _ => {
            let name = interp.names.get(N::deepcopy).clone();
            match getattr_soft(interp, x, &name)? {
                Some(copier) => interp.call(&copier, vec![memo.clone()])?,
                None => match reduce_ex(interp, x)? {
                    Reduced::Same => x.clone(),
                    Reduced::Parts(parts) => {
                        frame(interp, |interp| reconstruct(interp, x, Some(memo), parts))?
                    }
                },
            }
        }
    };
    // If it is its own copy, don't memoize.
    if !y.is(x) {
        memo_set(interp, memo, d, y.clone())?;
        keep_alive(interp, x, memo)?;
    }
    Ok(y)
}

fn memo_get(interp: &mut Interp, memo: &Ref, key: &Ref) -> PyResult<Option<Ref>> {
    if matches!(&**memo, Obj::Dict(_)) || interp.base_value(memo).is_some() {
        return interp.dict_get(memo, key);
    }
    match interp.getitem(memo, key) {
        Ok(v) => Ok(Some(v)),
        Err(Unwind::Exception(e)) if interp.is_instance_of(&e, "KeyError") => Ok(None),
        Err(e) => Err(e),
    }
}

fn memo_set(interp: &mut Interp, memo: &Ref, key: Ref, value: Ref) -> PyResult<()> {
    if matches!(&**memo, Obj::Dict(_)) {
        return interp.dict_set(memo, key, value);
    }
    interp.setitem(memo, &key, value)
}

/// `_keep_alive`: `memo[id(memo)]` is a list holding every copied original, so no id in
/// the memo can be reused while the copy runs.
fn keep_alive(interp: &mut Interp, x: &Ref, memo: &Ref) -> PyResult<()> {
    let key = id_key(interp, memo);
    match memo_get(interp, memo, &key)? {
        Some(list) => match &*list {
            Obj::List(l) => {
                l.borrow_mut().push(x.clone());
                Ok(())
            }
            _ => {
                let append = interp.intern("append");
                let m = interp.getattr(&list, &append)?;
                interp.call(&m, vec![x.clone()]).map(drop)
            }
        },
        None => {
            let list = interp.new_list(vec![x.clone()]);
            memo_set(interp, memo, key, list)
        }
    }
}

fn deepcopy_list(interp: &mut Interp, x: &Ref, memo: &Ref, d: &Ref) -> PyResult {
    let Obj::List(items) = &**x else {
        return Ok(x.clone());
    };
    let y = interp.new_list(Vec::new());
    memo_set(interp, memo, d.clone(), y.clone())?;
    let mut i = 0;
    loop {
        // Iterate like a list iterator: the list may change while items are copied.
        let Some(a) = items.borrow().get(i).cloned() else {
            break;
        };
        let c = deep_copy(interp, &a, memo)?;
        if let Obj::List(out) = &*y {
            out.borrow_mut().push(c);
        }
        i += 1;
    }
    Ok(y)
}

fn deepcopy_tuple(interp: &mut Interp, x: &Ref, memo: &Ref, d: &Ref) -> PyResult {
    let Obj::Tuple(items) = &**x else {
        return Ok(x.clone());
    };
    let items = items.to_vec();
    // y = [deepcopy(a, memo) for a in x]  (a comprehension: one more frame)
    let copies = frame(interp, |interp| {
        let mut out = Vec::with_capacity(items.len());
        for a in &items {
            out.push(deep_copy(interp, a, memo)?);
        }
        Ok(out)
    })?;
    // A recursive structure may have memoised the tuple meanwhile.
    if let Some(y) = memo_get(interp, memo, d)? {
        return Ok(y);
    }
    if items.iter().zip(&copies).all(|(k, j)| k.is(j)) {
        return Ok(x.clone());
    }
    Ok(interp.new_tuple(copies))
}

fn deepcopy_dict(interp: &mut Interp, x: &Ref, memo: &Ref, d: &Ref) -> PyResult {
    let y = interp.new_dict();
    memo_set(interp, memo, d.clone(), y.clone())?;
    for (key, value) in interp.dict_items(x) {
        let k = deep_copy(interp, &key, memo)?;
        let v = deep_copy(interp, &value, memo)?;
        interp.dict_set(&y, k, v)?;
    }
    Ok(y)
}

// ---------------------------------------------------------------------- reduce

/// What `x.__reduce_ex__(4)` returned.
enum Reduced {
    /// A string: the object is copied as itself.
    Same,
    Parts(Parts),
}

/// `(func, args, state, listiter, dictiter)`.
struct Parts {
    func: Callable,
    args: Vec<Ref>,
    state: Option<Ref>,
    listiter: Option<Ref>,
    dictiter: Option<Ref>,
}

enum Callable {
    /// `copyreg.__newobj__`: `cls.__new__(cls, *args)`.
    NewObj(Ref),
    Func(Ref),
}

/// `getattr(x, name, None)`: `__getattr__` only runs when the class defines one (so a
/// missing attribute costs no exception).
fn getattr_soft(interp: &mut Interp, x: &Ref, name: &Ref) -> PyResult<Option<Ref>> {
    if let Some(v) = interp.getattr_opt(x, name)? {
        return Ok(Some(v));
    }
    if matches!(&**x, Obj::Instance(_)) {
        let ga = interp.names.get(N::getattr).clone();
        let cls = interp.type_of(x);
        if interp.class_lookup(&cls, &ga).is_some() {
            return match interp.getattr(x, name) {
                Ok(v) => Ok(Some(v)),
                Err(Unwind::Exception(e)) if interp.is_instance_of(&e, "AttributeError") => {
                    Ok(None)
                }
                Err(e) => Err(e),
            };
        }
    }
    Ok(None)
}

/// A method defined in Python on `x`'s class (not a builtin default).
fn user_method(interp: &mut Interp, x: &Ref, name: &str) -> Option<Ref> {
    if !matches!(&**x, Obj::Instance(_) | Obj::Exception(_)) {
        return None;
    }
    let key = interp.intern(name);
    let cls = interp.type_of(x);
    let attr = interp.class_lookup(&cls, &key)?;
    if matches!(&*attr, Obj::Builtin(_)) {
        return None;
    }
    Some(attr)
}

fn cannot_pickle(interp: &mut Interp, x: &Ref) -> Unwind {
    let name = tp_name(interp, x);
    interp.err("TypeError", format!("cannot pickle '{name}' object"))
}

/// `x.__reduce_ex__(4)`: a user `__reduce_ex__` or `__reduce__`, else the builtin
/// reductions (`object.__reduce_ex__` → `reduce_newobj` for instances, `set_reduce`,
/// `BaseException.__reduce__`, `slice.__reduce__`, `method.__reduce__`).
fn reduce_ex(interp: &mut Interp, x: &Ref) -> PyResult<Reduced> {
    if let Some(m) = user_method(interp, x, "__reduce_ex__") {
        let four = interp.new_int(4);
        let rv = interp.call(&m, vec![x.clone(), four])?;
        return parse_reduced(interp, rv);
    }
    if let Some(m) = user_method(interp, x, "__reduce__") {
        let rv = interp.call(&m, vec![x.clone()])?;
        return parse_reduced(interp, rv);
    }
    let parts = match &**x {
        Obj::Instance(inst) => {
            let cls = inst.class.borrow().clone();
            let base_kind = match &*cls {
                Obj::Class(c) => c.base_kind,
                _ => TypeKind::Object,
            };
            if base_kind == TypeKind::Set {
                // set_reduce: (type(x), (list(x),), state)
                let items = match interp.base_value(x) {
                    Some(b) => interp.set_items(&b),
                    None => Vec::new(),
                };
                let list = interp.new_list(items);
                let state = object_getstate(interp, x)?;
                Parts {
                    func: Callable::Func(cls),
                    args: vec![list],
                    state,
                    listiter: None,
                    dictiter: None,
                }
            } else {
                let mut args = Vec::new();
                if let Some(m) = user_method(interp, x, "__getnewargs__") {
                    let a = interp.call(&m, vec![x.clone()])?;
                    if !matches!(&*a, Obj::Tuple(_)) {
                        let t = interp.type_name(&a);
                        return Err(interp.err(
                            "TypeError",
                            format!("__getnewargs__ should return a tuple, not '{t}'"),
                        ));
                    }
                    args = interp.sequence_items(&a);
                }
                let state = object_getstate(interp, x)?;
                let listiter = if base_kind == TypeKind::List {
                    Some(interp.get_iter(x)?)
                } else {
                    None
                };
                let dictiter = if base_kind == TypeKind::Dict {
                    let items_name = interp.intern("items");
                    let m = interp.getattr(x, &items_name)?;
                    let items = interp.call(&m, vec![])?;
                    Some(interp.get_iter(&items)?)
                } else {
                    None
                };
                Parts {
                    func: Callable::NewObj(cls),
                    args,
                    state,
                    listiter,
                    dictiter,
                }
            }
        }
        Obj::Exception(e) => {
            // BaseException.__reduce__: (type, args) or (type, args, __dict__)
            let cls = e.class.borrow().clone();
            let args = e.args.borrow().clone();
            let args = interp.sequence_items(&args);
            let dict = e.dict.borrow().clone();
            let state = dict.filter(|d| matches!(&**d, Obj::Dict(dd) if !dd.borrow().is_empty()));
            Parts {
                func: Callable::Func(cls),
                args,
                state,
                listiter: None,
                dictiter: None,
            }
        }
        Obj::Set(_) | Obj::FrozenSet(_) => {
            let cls = interp.type_of(x);
            let items = interp.set_items(x);
            let list = interp.new_list(items);
            Parts {
                func: Callable::Func(cls),
                args: vec![list],
                state: None,
                listiter: None,
                dictiter: None,
            }
        }
        Obj::Slice(parts) => {
            let cls = interp.type_of(x);
            Parts {
                func: Callable::Func(cls),
                args: parts.to_vec(),
                state: None,
                listiter: None,
                dictiter: None,
            }
        }
        Obj::Method(m) => {
            // method.__reduce__: (getattr, (self, name))
            let self_ = m.1.clone();
            let name_key = interp.names.get(N::name).clone();
            let func = m.0.clone();
            let name = interp.getattr(&func, &name_key)?;
            let getattr_key = interp.intern("getattr");
            let builtins = interp.builtins.clone();
            let Some(getattr) = interp.dict_get_str(&builtins, &getattr_key) else {
                return Err(cannot_pickle(interp, x));
            };
            Parts {
                func: Callable::Func(getattr),
                args: vec![self_, name],
                state: None,
                listiter: None,
                dictiter: None,
            }
        }
        _ => return Err(cannot_pickle(interp, x)),
    };
    Ok(Reduced::Parts(parts))
}

/// Checks and unpacks a user `__reduce__` result.
fn parse_reduced(interp: &mut Interp, rv: Ref) -> PyResult<Reduced> {
    if rv.as_str_opt().is_some() {
        return Ok(Reduced::Same);
    }
    let Obj::Tuple(items) = &*rv else {
        return Err(interp.err("TypeError", "__reduce__ must return a string or tuple"));
    };
    if items.len() < 2 {
        return Err(interp.err(
            "TypeError",
            "_reconstruct() missing 1 required positional argument: 'args'",
        ));
    }
    if items.len() > 5 {
        return Err(interp.err(
            "TypeError",
            format!(
                "_reconstruct() takes from 4 to 7 positional arguments but {} were given",
                items.len() + 2
            ),
        ));
    }
    let func = items[0].clone();
    let args = match &*items[1] {
        Obj::Tuple(_) | Obj::List(_) => interp.sequence_items(&items[1]),
        _ => interp.collect_iterable(&items[1])?,
    };
    let opt = |i: usize| {
        items
            .get(i)
            .filter(|v| !matches!(&***v, Obj::None))
            .cloned()
    };
    Ok(Reduced::Parts(Parts {
        func: Callable::Func(func),
        args,
        state: opt(2),
        listiter: opt(3),
        dictiter: opt(4),
    }))
}

/// `object_getstate`: a user `__getstate__`, else the instance dict (or `None` when it is
/// empty), paired with the `__slots__` values that are set.
fn object_getstate(interp: &mut Interp, x: &Ref) -> PyResult<Option<Ref>> {
    if let Some(m) = user_method(interp, x, "__getstate__") {
        let state = interp.call(&m, vec![x.clone()])?;
        return Ok(Some(state).filter(|s| !matches!(&**s, Obj::None)));
    }
    let Obj::Instance(inst) = &**x else {
        return Ok(None);
    };
    let dict = interp.instance_attrs_dict(inst);
    let dict = dict.filter(|d| matches!(&**d, Obj::Dict(dd) if !dd.borrow().is_empty()));
    let names = slot_names(interp, x);
    if names.is_empty() {
        return Ok(dict);
    }
    let slots = interp.new_dict();
    for name in names {
        let key = interp.new_str(&name);
        match interp.getattr(x, &key) {
            Ok(v) => interp.dict_set(&slots, key, v)?,
            Err(Unwind::Exception(e)) if interp.is_instance_of(&e, "AttributeError") => {}
            Err(e) => return Err(e),
        }
    }
    let has_slots = matches!(&*slots, Obj::Dict(d) if !d.borrow().is_empty());
    if !has_slots {
        return Ok(dict);
    }
    let state = dict.unwrap_or_else(|| interp.none());
    Ok(Some(interp.new_tuple(vec![state, slots])))
}

/// `copyreg._slotnames(cls)`: the `__slots__` names of the class and its bases (class
/// first), without `__dict__` and `__weakref__`, private names mangled.
fn slot_names(interp: &mut Interp, x: &Ref) -> Vec<String> {
    let cls = interp.type_of(x);
    let Obj::Class(c) = &*cls else {
        return Vec::new();
    };
    if c.slots.is_none() {
        return Vec::new();
    }
    let mut classes = vec![cls.clone()];
    classes.extend(c.mro_rest().iter().cloned());
    let slots_key = interp.names.get(N::slots).clone();
    let mut names = Vec::new();
    for k in classes {
        let Obj::Class(kc) = &*k else { continue };
        let Some(slots) = interp.dict_get_str(&kc.dict, &slots_key) else {
            continue;
        };
        let items = match slots.as_str_opt() {
            Some(s) => vec![s.to_string()],
            None => interp
                .collect_iterable(&slots)
                .unwrap_or_default()
                .iter()
                .filter_map(|s| s.as_str_opt().map(str::to_string))
                .collect(),
        };
        let class_name = kc.name.borrow().trim_start_matches('_').to_string();
        for name in items {
            if name == "__dict__" || name == "__weakref__" {
                continue;
            }
            if name.starts_with("__") && !name.ends_with("__") && !class_name.is_empty() {
                names.push(format!("_{class_name}{name}"));
            } else {
                names.push(name);
            }
        }
    }
    names
}

/// `_reconstruct(x, memo, func, args, state, listiter, dictiter)`.
fn reconstruct(interp: &mut Interp, x: &Ref, memo: Option<&Ref>, parts: Parts) -> PyResult {
    let Parts {
        func,
        args,
        state,
        listiter,
        dictiter,
    } = parts;
    let y = match func {
        Callable::NewObj(cls) => {
            // copyreg.__newobj__(cls, *args): the arguments (cls first) are deep-copied.
            let mut args = args;
            if let Some(memo) = memo {
                args = deep_copy_all(interp, args, memo)?;
            }
            frame(interp, |interp| new_object(interp, &cls, args))?
        }
        Callable::Func(f) => {
            let args = match memo {
                Some(memo) if !args.is_empty() => deep_copy_all(interp, args, memo)?,
                _ => args,
            };
            interp.call(&f, args)?
        }
    };
    if let Some(memo) = memo {
        let d = id_key(interp, x);
        memo_set(interp, memo, d, y.clone())?;
    }
    if let Some(state) = state {
        let state = match memo {
            Some(memo) => deep_copy(interp, &state, memo)?,
            None => state,
        };
        set_state(interp, &y, state)?;
    }
    if let Some(listiter) = listiter {
        let append = interp.intern("append");
        while let Some(item) = interp.next(&listiter)? {
            let item = match memo {
                Some(memo) => deep_copy(interp, &item, memo)?,
                None => item,
            };
            let m = interp.getattr(&y, &append)?;
            interp.call(&m, vec![item])?;
        }
    }
    if let Some(dictiter) = dictiter {
        while let Some(pair) = interp.next(&dictiter)? {
            let kv = interp.collect_iterable(&pair)?;
            if kv.len() != 2 {
                let n = kv.len();
                let msg = if n < 2 {
                    format!("not enough values to unpack (expected 2, got {n})")
                } else {
                    "too many values to unpack (expected 2)".to_string()
                };
                return Err(interp.err("ValueError", msg));
            }
            let (mut key, mut value) = (kv[0].clone(), kv[1].clone());
            if let Some(memo) = memo {
                key = deep_copy(interp, &key, memo)?;
                value = deep_copy(interp, &value, memo)?;
            }
            interp.setitem(&y, &key, value)?;
        }
    }
    Ok(y)
}

fn deep_copy_all(interp: &mut Interp, items: Vec<Ref>, memo: &Ref) -> PyResult<Vec<Ref>> {
    let mut out = Vec::with_capacity(items.len());
    for a in &items {
        out.push(deep_copy(interp, a, memo)?);
    }
    Ok(out)
}

/// `cls.__new__(cls, *args)`: a user `__new__`, else a fresh instance (no `__init__`).
fn new_object(interp: &mut Interp, cls: &Ref, args: Vec<Ref>) -> PyResult {
    let new_key = interp.names.get(N::new).clone();
    let user_new = interp
        .class_lookup(cls, &new_key)
        .filter(|n| !matches!(&**n, Obj::Builtin(_)));
    match user_new {
        Some(new) => {
            let new = match &*new {
                Obj::StaticMethod(inner) => inner.borrow().clone(),
                _ => new,
            };
            let mut call_args = vec![cls.clone()];
            call_args.extend(args);
            interp.call(&new, call_args)
        }
        None => interp.new_instance(cls, &[]),
    }
}

/// The state part of `_reconstruct`: `__setstate__`, or `__dict__.update` and `setattr`
/// for the slots.
fn set_state(interp: &mut Interp, y: &Ref, state: Ref) -> PyResult<()> {
    let setstate = interp.intern("__setstate__");
    if let Some(m) = getattr_soft(interp, y, &setstate)? {
        interp.call(&m, vec![state])?;
        return Ok(());
    }
    let (state, slotstate) = match &*state {
        Obj::Tuple(t) if t.len() == 2 => (t[0].clone(), Some(t[1].clone())),
        _ => (state.clone(), None),
    };
    if !matches!(&*state, Obj::None) {
        let dict_name = interp.names.get(N::dict).clone();
        let d = interp.getattr(y, &dict_name)?;
        if matches!(&*d, Obj::Dict(_)) {
            interp.dict_update(&d, &state)?;
        } else {
            let update = interp.intern("update");
            let m = interp.getattr(&d, &update)?;
            interp.call(&m, vec![state])?;
        }
    }
    if let Some(slotstate) = slotstate.filter(|s| !matches!(&**s, Obj::None)) {
        let items = match &*slotstate {
            Obj::Dict(_) => interp.dict_items(&slotstate),
            _ => {
                let items_name = interp.intern("items");
                let m = interp.getattr(&slotstate, &items_name)?;
                let it = interp.call(&m, vec![])?;
                let mut pairs = Vec::new();
                for p in interp.collect_iterable(&it)? {
                    let kv = interp.collect_iterable(&p)?;
                    if kv.len() == 2 {
                        pairs.push((kv[0].clone(), kv[1].clone()));
                    }
                }
                pairs
            }
        };
        for (k, v) in items {
            interp.setattr(y, &k, v)?;
        }
    }
    Ok(())
}
