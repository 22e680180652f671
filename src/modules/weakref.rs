//! The `weakref` module: references that do not keep their target alive.
//!
//! Mirrors CPython 3.11: the reference, proxy and `KeyedRef` types of
//! `Objects/weakrefobject.c` are native ([`WeakRefObj`], one payload for the four types),
//! the functions of `Modules/_weakref.c` too; the weak containers and `finalize` of
//! `Lib/weakref.py` and `Lib/_weakrefset.py` run as a small Python prelude
//! (`weakref/prelude.py`) on top of them, so their reference counts and callback order are
//! CPython's.
//!
//! A weak reference holds no count on its target. Each target's weakrefs are listed in a
//! side table ([`lists`]); when the target's count reaches zero it is parked (its header
//! has `HAS_WEAKREFS`), and [`clear_weakrefs`] clears the list and calls the callbacks
//! (`PyObject_ClearWeakRefs`), before the target is freed.
//!
//! Worked example: `r1 = ref(o, f1); r2 = ref(o, f2); r = ref(o)` gives the list
//! `[r, r2, r1]` (the basic reference first, then callback refs newest first); `del o`
//! clears all three, then calls `f2(r2)` and `f1(r1)`.
//!
//! For the cycle collector: [`detach_weakrefs`] clears the weakrefs to a garbage object
//! without calling their callbacks (CPython's `_PyWeakref_ClearRef`), and [`has_callback`]
//! and [`call_callback`] call those it honours. What a weakref holds (its callback, a
//! `KeyedRef`'s key) is listed in `objects/traverse.rs`. An object whose header has
//! `HAS_WEAKREFS` must go through [`clear_weakrefs`] or [`detach_weakrefs`] before it is
//! freed.

mod fast;

pub use fast::release_names;
mod lists;
mod proxy;

pub use lists::table_len;
pub use proxy::{call, delattr, getattr, hash, rich_compare, setattr, str, truthy};

use crate::compile::compile;
use crate::eval::frame::Frame;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::{Ref, Weak};
use crate::modules::builtins::check_arity;
use crate::objects::kinds::TypeKind;
use crate::objects::Obj;
use std::cell::{Cell, RefCell};

/// Which of the weakref types a [`WeakRefObj`] is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WeakKind {
    /// `weakref.ref` (`ReferenceType`).
    Ref,
    /// `weakref.KeyedRef`: a ref carrying a `key` (used by `WeakValueDictionary`).
    KeyedRef,
    /// `weakref.proxy` of a non-callable object (`ProxyType`).
    Proxy,
    /// `weakref.proxy` of a callable object (`CallableProxyType`).
    CallableProxy,
}

impl WeakKind {
    pub fn is_proxy(self) -> bool {
        matches!(self, WeakKind::Proxy | WeakKind::CallableProxy)
    }
}

/// A weak reference or proxy (CPython's `PyWeakReference`).
pub struct WeakRefObj {
    /// The referent; `None` once cleared (`wr_object == Py_None`).
    target: Cell<Option<Weak>>,
    /// `wr_callback`.
    pub callback: RefCell<Option<Ref>>,
    /// The target's hash, computed on first use (`hash`, -1 until then).
    hash: Cell<Option<i64>>,
    pub kind: WeakKind,
    /// `KeyedRef.key`.
    pub key: RefCell<Option<Ref>>,
}

impl WeakRefObj {
    /// The referent, if it is still alive (a new strong reference).
    pub fn target(&self) -> Option<Ref> {
        self.target.get()?.upgrade_alive()
    }

    pub fn is_proxy(&self) -> bool {
        self.kind.is_proxy()
    }

    pub fn type_kind(&self) -> TypeKind {
        match self.kind {
            WeakKind::Ref => TypeKind::WeakRef,
            WeakKind::KeyedRef => TypeKind::KeyedRef,
            WeakKind::Proxy => TypeKind::WeakProxy,
            WeakKind::CallableProxy => TypeKind::WeakCallableProxy,
        }
    }

    /// CPython's `clear_weakref`: forget the referent (the list entry is gone already).
    fn clear(&self) {
        self.target.set(None);
    }
}

impl Drop for WeakRefObj {
    /// `weakref_dealloc`: a freed weakref leaves its target's list.
    fn drop(&mut self) {
        if let Some(target) = self.target.take() {
            lists::unlink(target);
        }
    }
}

// ---------------------------------------------------------------------- creation

/// `Py_TYPE(ob)->tp_name`: the full name of builtin types (`weakref.ReferenceType`), the
/// class name for instances.
pub fn tp_name(interp: &Interp, obj: &Ref) -> String {
    match &**obj {
        Obj::Instance(_) | Obj::Exception(_) => interp.type_name(obj),
        other => other.kind().name().to_string(),
    }
}

/// Whether objects of this kind have a weakref list (`tp_weaklistoffset != 0`).
pub fn supports_weakrefs(obj: &Ref) -> bool {
    match &**obj {
        Obj::Instance(i) => matches!(&**i.class.borrow(), Obj::Class(c) if c.weakrefable),
        // Builtin exception classes have no `__weakref__`; user subclasses get one.
        Obj::Exception(e) => match &**e.class.borrow() {
            Obj::Class(c) => c.weakrefable && c.module.borrow().as_str() != "builtins",
            _ => false,
        },
        Obj::Function(_)
        | Obj::Builtin(_)
        | Obj::Method(_)
        | Obj::Class(_)
        | Obj::Set(_)
        | Obj::FrozenSet(_)
        | Obj::Generator(_)
        | Obj::Module(_)
        | Obj::Code(_)
        | Obj::File(_) => true,
        _ => false,
    }
}

fn is_callable(interp: &mut Interp, obj: &Ref) -> bool {
    match &**obj {
        Obj::Function(_) | Obj::Builtin(_) | Obj::Method(_) | Obj::Class(_) => true,
        Obj::WeakRef(w) => w.kind != WeakKind::Proxy,
        Obj::Instance(_) => {
            let call = interp.names.get(crate::eval::names::N::call).clone();
            interp.class_has(&interp.type_of(obj), &call)
        }
        _ => false,
    }
}

/// Creates (or reuses) a weak reference of `kind` to `target`: `weakref___new__` for refs
/// and `KeyedRef`s, `PyWeakref_NewProxy` for proxies.
pub fn new_weakref(
    interp: &mut Interp,
    target: &Ref,
    callback: Option<Ref>,
    kind: WeakKind,
    key: Option<Ref>,
) -> PyResult {
    if !supports_weakrefs(target) {
        let name = tp_name(interp, target);
        return Err(interp.err(
            "TypeError",
            format!("cannot create weak reference to '{name}' object"),
        ));
    }
    let callback = callback.filter(|c| !matches!(&**c, Obj::None));
    let kind = match kind {
        WeakKind::Proxy | WeakKind::CallableProxy if is_callable(interp, target) => {
            WeakKind::CallableProxy
        }
        WeakKind::Proxy | WeakKind::CallableProxy => WeakKind::Proxy,
        other => other,
    };
    let has_callback = callback.is_some();
    let wr = lists::add(target, kind, has_callback, || {
        let obj = WeakRefObj {
            target: Cell::new(Some(target.weak())),
            callback: RefCell::new(callback),
            hash: Cell::new(None),
            kind,
            key: RefCell::new(key),
        };
        crate::heap::gc::track_new(Ref::new(Obj::WeakRef(Box::new(obj))))
    });
    Ok(wr)
}

/// Calling `weakref.ref` / `weakref.KeyedRef` (the type objects).
pub fn construct(
    interp: &mut Interp,
    kind: TypeKind,
    pos: Vec<Ref>,
    kw: Vec<(Ref, Ref)>,
) -> PyResult {
    if kind == TypeKind::KeyedRef {
        let names = ["ob", "callback", "key"];
        let mut args: [Option<Ref>; 3] = [
            pos.first().cloned(),
            pos.get(1).cloned(),
            pos.get(2).cloned(),
        ];
        if pos.len() > 3 {
            return Err(interp.err(
                "TypeError",
                format!(
                    "KeyedRef.__new__() takes 4 positional arguments but {} were given",
                    pos.len() + 1
                ),
            ));
        }
        for (k, v) in kw {
            let name = k.as_str_opt().unwrap_or("");
            match names.iter().position(|n| *n == name) {
                Some(i) => args[i] = Some(v),
                None => {
                    return Err(interp.err(
                        "TypeError",
                        format!("KeyedRef.__new__() got an unexpected keyword argument '{name}'"),
                    ))
                }
            }
        }
        let missing: Vec<String> = names
            .iter()
            .zip(&args)
            .filter(|(_, a)| a.is_none())
            .map(|(n, _)| format!("'{n}'"))
            .collect();
        if !missing.is_empty() {
            let n = missing.len();
            let list = match n {
                1 => missing[0].clone(),
                2 => format!("{} and {}", missing[0], missing[1]),
                _ => format!("{}, {}, and {}", missing[0], missing[1], missing[2]),
            };
            return Err(interp.err(
                "TypeError",
                format!(
                    "KeyedRef.__new__() missing {n} required positional argument{}: {list}",
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
        let [Some(ob), Some(callback), Some(key)] = args else {
            return Err(interp.err("TypeError", "KeyedRef.__new__() missing arguments"));
        };
        return new_weakref(interp, &ob, Some(callback), WeakKind::KeyedRef, Some(key));
    }
    if !kw.is_empty() {
        return Err(interp.err("TypeError", "ref() takes no keyword arguments"));
    }
    check_arity(interp, "__new__", &Args::new(&pos), 1, 2)?;
    new_weakref(interp, &pos[0], pos.get(1).cloned(), WeakKind::Ref, None)
}

// ---------------------------------------------------------------------- clearing

/// Clears the weak references to a dying object, as CPython's `PyObject_ClearWeakRefs`:
/// every weakref in the list forgets the object first, then the callbacks run in list
/// order, each with its weakref. A callback that raises is reported as unraisable.
///
/// With `callbacks == false` the weakrefs are cleared but keep their callbacks, as
/// `_PyWeakref_ClearRef` does for the cycle collector, which then calls the callbacks of
/// the weakrefs it decides to honour with [`call_callback`] (see [`detach_weakrefs`]).
pub fn clear_weakrefs(interp: &mut Interp, obj: &Ref, callbacks: bool) {
    let refs = lists::take(obj);
    if !callbacks {
        for wr in &refs {
            if let Obj::WeakRef(w) = &**wr {
                w.clear();
            }
        }
        return;
    }
    let single = refs.len() == 1;
    let mut pending: Vec<(Ref, Ref)> = Vec::new();
    for wr in refs {
        let Obj::WeakRef(w) = &*wr else { continue };
        w.clear();
        let callback = w.callback.borrow_mut().take();
        if let Some(cb) = callback {
            pending.push((wr, cb));
        }
    }
    if single {
        // One weakref: called directly, not through the pairs tuple.
        if let Some((wr, cb)) = pending.pop() {
            handle_callback(interp, wr, &cb);
            drop(cb);
        }
        return;
    }
    for (wr, cb) in &pending {
        handle_callback(interp, wr.clone(), cb);
    }
    // The pairs tuple is freed last to first.
    while let Some((wr, cb)) = pending.pop() {
        drop(cb);
        drop(wr);
    }
}

/// `handle_callback`: calls `callback(wr)`, reporting an exception as unraisable.
fn handle_callback(interp: &mut Interp, wr: Ref, callback: &Ref) {
    // Room for a bound method's `self` in front.
    let mut args = Vec::with_capacity(2);
    args.push(wr);
    if let Err(Unwind::Exception(e)) = interp.call(callback, args) {
        interp.report_unraisable(&e, callback);
    }
}

/// For the cycle collector: clears the weakrefs to `obj` without calling their callbacks
/// and returns them (in list order, callbacks still attached).
pub fn detach_weakrefs(obj: &Ref) -> Vec<Ref> {
    let refs = lists::take(obj);
    for wr in &refs {
        if let Obj::WeakRef(w) = &**wr {
            w.clear();
        }
    }
    refs
}

/// Whether a weakref still has a callback to call.
pub fn has_callback(wr: &Ref) -> bool {
    matches!(&**wr, Obj::WeakRef(w) if w.callback.borrow().is_some())
}

/// Calls a cleared weakref's callback once (the collector's `wrcb_to_call` step).
pub fn call_callback(interp: &mut Interp, wr: &Ref) {
    let Obj::WeakRef(w) = &**wr else { return };
    let callback = w.callback.borrow_mut().take();
    if let Some(cb) = callback {
        handle_callback(interp, wr.clone(), &cb);
    }
}

// ---------------------------------------------------------------------- repr

/// `<weakref at 0x…; to 'A' at 0x…>` (with ` (name)` when the type has a `__name__`
/// attribute, as for functions and classes), `<weakref at 0x…; dead>`, and
/// `<weakproxy at 0x… to A at 0x…>` for proxies.
pub fn weakref_repr(interp: &mut Interp, v: &Ref, w: &WeakRefObj) -> String {
    let target = w.target();
    if w.is_proxy() {
        let (name, addr) = match &target {
            Some(t) => (tp_name(interp, t), t.id()),
            None => {
                let none = interp.none();
                ("NoneType".to_string(), none.id())
            }
        };
        return format!("<weakproxy at 0x{:x} to {name} at 0x{addr:x}>", v.id());
    }
    match target {
        Some(t) => {
            let name = match &*t {
                Obj::Function(_) | Obj::Class(_) | Obj::Builtin(_) | Obj::Generator(_) => {
                    crate::objects::attrs::special_attribute(interp, &t, "__name__")
                        .ok()
                        .flatten()
                }
                _ => None,
            };
            let tn = tp_name(interp, &t);
            match name.as_ref().and_then(|n| n.as_str_opt()) {
                Some(n) => format!(
                    "<weakref at 0x{:x}; to '{tn}' at 0x{:x} ({n})>",
                    v.id(),
                    t.id()
                ),
                None => format!("<weakref at 0x{:x}; to '{tn}' at 0x{:x}>", v.id(), t.id()),
            }
        }
        None => format!("<weakref at 0x{:x}; dead>", v.id()),
    }
}

// ---------------------------------------------------------------------- module

/// `sys.getsizeof` of a weakref object (with its gc header).
pub fn sizeof(w: &WeakRefObj) -> usize {
    if w.kind == WeakKind::KeyedRef {
        88
    } else {
        80
    }
}

const PRELUDE: &str = include_str!("weakref/prelude.py");

/// Gives the weakref types their module and `KeyedRef` its base (done at startup).
pub fn install_types(interp: &mut Interp) {
    for kind in [
        TypeKind::WeakRef,
        TypeKind::WeakProxy,
        TypeKind::WeakCallableProxy,
        TypeKind::KeyedRef,
    ] {
        if let Obj::Class(c) = &*interp.type_ref(kind) {
            *c.module.borrow_mut() = "weakref".into();
        }
    }
    let base = interp.type_ref(TypeKind::WeakRef);
    let object = interp.type_ref(TypeKind::Object);
    let keyed = interp.type_ref(TypeKind::KeyedRef);
    if let Obj::Class(c) = &*keyed {
        let bases = crate::eval::static_tuple(vec![base.clone()]);
        let mro = crate::eval::static_tuple(vec![keyed.clone(), base.clone(), object]);
        let old = [
            std::mem::replace(&mut *c.bases.borrow_mut(), bases),
            std::mem::replace(&mut *c.mro.borrow_mut(), mro),
        ];
        // The static tuples made for `object` as the base are freed.
        for t in old {
            t.header().clear_flag(crate::heap::flag::IMMORTAL);
        }
        *c.base.borrow_mut() = Some(base);
    }
}

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("weakref");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "getweakrefcount", getweakrefcount);
    interp.add_function(&d, "getweakrefs", getweakrefs);
    interp.add_function(&d, "proxy", proxy);
    interp.add_function(&d, "_remove_dead_weakref", remove_dead_weakref);
    interp.add_function(&d, "_register_exit", register_exit);
    interp.add_function(&d, "_report_exception", report_exception);
    interp.add_function(&d, "_wvd_setitem", fast::wvd_setitem);
    interp.add_function(&d, "_wvd_remover", fast::wvd_remover);
    let types = [
        ("ref", TypeKind::WeakRef),
        ("ReferenceType", TypeKind::WeakRef),
        ("ProxyType", TypeKind::WeakProxy),
        ("CallableProxyType", TypeKind::WeakCallableProxy),
        ("KeyedRef", TypeKind::KeyedRef),
    ];
    for (name, kind) in types {
        let key = interp.intern(name);
        let t = interp.type_ref(kind);
        let _ = interp.dict_set(&d, key, t);
    }
    let exits = interp.new_list(Vec::new());
    let key = interp.intern("_exit_functions");
    let _ = interp.dict_set(&d, key, exits);
    run_prelude(interp, &d);
    // WeakValueDictionary.get is called as a method: the native one replaces the Python one.
    let class_key = interp.intern("WeakValueDictionary");
    if let Some(class) = interp.dict_get_str(&d, &class_key) {
        fast::set_class(&class);
        if let Obj::Class(c) = &*class {
            let get = Ref::new(Obj::Builtin(Box::new(crate::objects::BuiltinObj {
                name: "get",
                func: fast::wvd_get,
                self_: None,
                owner: Some(TypeKind::Object),
                sig: crate::objects::sigs::Sig::Own,
            })));
            let key = interp.intern("get");
            let _ = interp.dict_set(&c.dict, key, get);
        }
    }
    m
}

/// Runs the Python part of the module in its namespace.
fn run_prelude(interp: &mut Interp, globals: &Ref) {
    let unit = match compile(interp, PRELUDE, "<weakref>") {
        Ok(u) => u,
        Err(e) => panic!(
            "the weakref prelude does not compile: {}",
            e.render("<weakref>", PRELUDE)
        ),
    };
    let mut frame = Frame::module(&unit, globals.clone());
    let result = interp.exec_block(&mut frame, &unit.module.body);
    drop(frame);
    unit.release_literals();
    if let Err(Unwind::Exception(e)) = result {
        let report = interp.format_exception(&e);
        panic!("the weakref prelude failed:\n{report}");
    }
}

fn getweakrefcount(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "getweakrefcount", &args, 1, 1)?;
    Ok(interp.new_int(lists::count(&args.pos[0]) as i64))
}

/// `obj.__weakref__`: the head of the object's list of weak references.
pub fn first_weakref(obj: &Ref) -> Option<Ref> {
    lists::weakrefs(obj).into_iter().next()
}

fn getweakrefs(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "getweakrefs", &args, 1, 1)?;
    let refs = lists::weakrefs(&args.pos[0]);
    Ok(interp.new_list(refs))
}

fn proxy(interp: &mut Interp, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(interp.err("TypeError", "proxy() takes no keyword arguments"));
    }
    check_arity(interp, "proxy", &args, 1, 2)?;
    new_weakref(
        interp,
        &args.pos[0],
        args.pos.get(1).cloned(),
        WeakKind::Proxy,
        None,
    )
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weakref.
fn remove_dead_weakref(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_remove_dead_weakref", &args, 2, 2)?;
    remove_dead(interp, &args.pos[0], &args.pos[1])?;
    Ok(interp.none())
}

fn remove_dead(interp: &mut Interp, d: &Ref, key: &Ref) -> PyResult<()> {
    if !matches!(&**d, Obj::Dict(_)) {
        let t = interp.type_name(d);
        return Err(interp.err(
            "TypeError",
            format!("_remove_dead_weakref() argument 1 must be dict, not {t}"),
        ));
    }
    if let Some(v) = interp.dict_get(d, key)? {
        let dead = match &*v {
            Obj::WeakRef(w) => w.target().is_none(),
            _ => return Err(interp.err("TypeError", "not a weakref")),
        };
        drop(v);
        if dead {
            drop(interp.dict_del(d, key)?);
        }
    }
    Ok(())
}

/// `atexit.register` for the prelude's `finalize`.
fn register_exit(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_register_exit", &args, 1, 1)?;
    if let Some(list) = exit_functions(interp) {
        if let Obj::List(l) = &*list {
            l.borrow_mut().push(args.pos[0].clone());
        }
    }
    Ok(interp.none())
}

/// Prints an exception's traceback to stderr (what `sys.excepthook` does).
fn report_exception(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "_report_exception", &args, 1, 1)?;
    interp.flush_stdout();
    let report = interp.format_exception(&args.pos[0]);
    eprint!("{report}");
    Ok(interp.none())
}

fn exit_functions(interp: &mut Interp) -> Option<Ref> {
    let modules = interp.modules.clone();
    let key = interp.intern("weakref");
    let module = interp.dict_get_str(&modules, &key)?;
    let Obj::Module(m) = &*module else {
        return None;
    };
    let key = interp.intern("_exit_functions");
    interp.dict_get_str(&m.dict, &key)
}

/// At interpreter exit, before modules are torn down: runs the registered exit functions,
/// last registered first (`atexit`), e.g. the pending `finalize` objects.
pub fn run_exit_functions(interp: &mut Interp) {
    let Some(list) = exit_functions(interp) else {
        return;
    };
    loop {
        let next = match &*list {
            Obj::List(l) => {
                let n = l.borrow().len();
                (n > 0).then(|| l.borrow_mut().remove(n - 1))
            }
            _ => None,
        };
        let Some(func) = next else { break };
        if let Err(Unwind::Exception(e)) = interp.call(&func, vec![]) {
            interp.flush_stdout();
            let what = interp.repr(&func).unwrap_or_default();
            let report = interp.format_exception(&e);
            eprint!("Exception ignored in atexit callback: {what}\n{report}");
        }
        let _ = interp.safe_point();
    }
}
