//! What each object holds: one `traverse` per payload kind (CPython's `tp_traverse`),
//! listing every counted reference the object owns, and `clear` (CPython's `tp_clear`),
//! which drops the references that can take part in a cycle.
//!
//! `traverse` is the single source of truth for the cycle collector, `gc.get_referents`,
//! `gc.get_referrers`, the heap audit and the heap diagram, so it must list exactly the
//! references the object counts: one visit per counted reference it holds (a reference
//! listed that is not counted would let the collector free a live object). References
//! shared through an `Rc` (the constant tables of compiled code) are owned by the code,
//! not by the object, and are not listed.
//!
//! The order of visits follows CPython 3.11's traverse functions, because it shows in
//! `gc.get_referents` and decides the order in which the collector finds objects:
//! `list_traverse` and `tupletraverse` go from the last item to the first, `dict_traverse`
//! visits value then key (only values when every key is a str), `subtype_traverse` visits
//! `__slots__`, then the instance dict, then the class.
//!
//! Borrows are only tried: a container that is mutably borrowed while the collector runs
//! (never the case at a safe point) is skipped, which only makes the collector more
//! conservative.

use super::iter::IterKind;
use super::Obj;
use crate::heap::{flag, Ref};

/// CPython's `PyObject_IS_GC` for an object: its type supports the cycle collector.
/// Instances of `object` itself and range iterators are plain objects there.
pub fn is_gc(obj: &Obj) -> bool {
    match obj {
        Obj::List(_)
        | Obj::Tuple(_)
        | Obj::Dict(_)
        | Obj::Set(_)
        | Obj::FrozenSet(_)
        | Obj::Slice(_)
        | Obj::Function(_)
        | Obj::Builtin(_)
        | Obj::Method(_)
        | Obj::Cell(_)
        | Obj::Class(_)
        | Obj::Exception(_)
        | Obj::Module(_)
        | Obj::Generator(_)
        | Obj::Property(_)
        | Obj::StaticMethod(_)
        | Obj::ClassMethod(_)
        | Obj::Super(_)
        | Obj::Frame(_)
        | Obj::Traceback(_)
        | Obj::WeakRef(_)
        | Obj::DictView(_)
        | Obj::Member(_) => true,
        Obj::Instance(i) => match i.class.try_borrow() {
            Ok(c) => !matches!(&**c, Obj::Class(c) if c.builtin.is_some()),
            Err(_) => true,
        },
        Obj::Iter(it) => it.kind != IterKind::Range,
        _ => false,
    }
}

/// How literally a traversal lists an object's references.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// CPython's `tp_traverse`: what `gc.get_referents` shows.
    Exact,
    /// For the collector: the same gc objects in the same order, without deciding first
    /// whether a dict's keys are all strs (strs are not gc objects and are skipped).
    Gc,
    /// Every counted reference, literally: also str keys, builtin classes and the inline
    /// storage objects themselves (for the heap audit's recount).
    All,
}

/// Calls `visit` for the references `obj` holds, as CPython's `tp_traverse` lists them.
pub fn traverse(obj: &Obj, visit: &mut dyn FnMut(&Ref)) {
    walk(obj, visit, Mode::Exact)
}

/// [`traverse`] for the collector (the same gc objects, in the same order; faster).
#[inline]
pub fn traverse_gc<F: FnMut(&Ref)>(obj: &Obj, visit: &mut F) {
    walk(obj, visit, Mode::Gc)
}

/// Calls `visit` exactly once for every counted reference `obj` holds.
pub fn traverse_all(obj: &Obj, visit: &mut dyn FnMut(&Ref)) {
    walk(obj, visit, Mode::All)
}

fn walk<F: FnMut(&Ref) + ?Sized>(obj: &Obj, visit: &mut F, mode: Mode) {
    match obj {
        Obj::List(items) => {
            if let Ok(items) = items.try_borrow() {
                items.iter().rev().for_each(&mut *visit);
            }
        }
        Obj::Tuple(items) => items.iter().rev().for_each(visit),
        Obj::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                dict_entries(&d, visit, mode);
            }
        }
        Obj::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.iter().for_each(|(_, k)| visit(k));
            }
        }
        Obj::FrozenSet(s) => s.iter().for_each(|(_, k)| visit(k)),
        Obj::Slice(parts) => parts.iter().for_each(visit),
        Obj::Function(f) => {
            visit(&f.globals);
            visit(&f.module);
            for field in [&f.defaults, &f.kwdefaults, &f.doc] {
                visit_opt_cell(field, visit);
            }
            if let Ok(name) = f.name.try_borrow() {
                visit(&name);
            }
            visit_opt_cell(&f.dict, visit);
            if let Some(c) = &f.closure {
                visit(c);
            }
            if let Ok(q) = f.qualname.try_borrow() {
                visit(&q);
            }
        }
        Obj::Builtin(b) => {
            if let Some(s) = &b.self_ {
                visit(s);
            }
        }
        Obj::Method(m) => {
            visit(&m.0);
            visit(&m.1);
        }
        Obj::Cell(c) => visit_opt_cell(c, visit),
        Obj::Class(c) => {
            // `type_traverse`: dict, mro, bases, base.
            visit(&c.dict);
            if let Ok(mro) = c.mro.try_borrow() {
                visit(&mro);
            }
            if let Ok(bases) = c.bases.try_borrow() {
                visit(&bases);
            }
            visit_opt_cell(&c.base, visit);
        }
        Obj::Instance(i) => {
            if let Ok(slots) = i.slots.try_borrow() {
                slots.iter().flatten().for_each(&mut *visit);
            }
            if let Ok(d) = i.dict.try_borrow() {
                if let Some(d) = &*d {
                    visit_or_inline(d, visit, mode);
                }
            }
            if let Ok(values) = i.values.try_borrow() {
                values.0.iter().for_each(&mut *visit);
            }
            if let Ok(class) = i.class.try_borrow() {
                if mode == Mode::All || is_heap_type(&class) {
                    visit(&class);
                }
            }
            if let Some(base) = &i.base_value {
                visit_or_inline(base, visit, mode);
            }
        }
        Obj::Exception(e) => {
            if let Ok(class) = e.class.try_borrow() {
                if mode == Mode::All || is_heap_type(&class) {
                    visit(&class);
                }
            }
            visit_opt_cell(&e.dict, visit);
            if let Ok(args) = e.args.try_borrow() {
                visit(&args);
            }
            for field in [&e.traceback, &e.cause, &e.context, &e.name, &e.obj] {
                visit_opt_cell(field, visit);
            }
        }
        Obj::Module(m) => visit(&m.dict),
        Obj::Iter(it) => {
            visit_opt_cell(&it.source, visit);
            if let Ok(extra) = it.extra.try_borrow() {
                extra.iter().for_each(&mut *visit);
            }
        }
        Obj::Generator(g) => g.traverse(&mut |r: &Ref| visit(r)),
        Obj::Property(p) => p.iter().for_each(visit),
        Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
            if let Ok(f) = f.try_borrow() {
                visit(&f);
            }
        }
        Obj::Super(s) => {
            visit(&s.0);
            visit(&s.1);
        }
        Obj::Frame(f) => f.visit_refs(visit),
        Obj::Traceback(t) => {
            visit_opt_cell(&t.next, visit);
            visit(&t.frame);
        }
        Obj::WeakRef(w) => {
            // A KeyedRef's `key` slot, then the callback (subtype_traverse, gc_traverse).
            visit_opt_cell(&w.key, visit);
            visit_opt_cell(&w.callback, visit);
        }
        Obj::DictView(v) => visit(&v.0),
        Obj::Code(c) => {
            if let Some(code) = &c.code {
                code.scope.consts.0.iter().for_each(visit);
            }
        }
        Obj::Member(m) => visit(&m.2),
        Obj::None
        | Obj::NotImplemented
        | Obj::Ellipsis
        | Obj::Bool(_)
        | Obj::Int(_)
        | Obj::BigInt(_)
        | Obj::Float(_)
        | Obj::Str(_)
        | Obj::Bytes(_)
        | Obj::Range(_)
        | Obj::File(_) => {}
    }
}

fn visit_opt_cell<F: FnMut(&Ref) + ?Sized>(cell: &std::cell::RefCell<Option<Ref>>, visit: &mut F) {
    if let Ok(v) = cell.try_borrow() {
        if let Some(r) = &*v {
            visit(r);
        }
    }
}

/// `dict_traverse`: value then key for each entry; a table of str keys only
/// (`DK_IS_UNICODE`) lists its values alone.
fn dict_entries<F: FnMut(&Ref) + ?Sized>(d: &super::DictObj, visit: &mut F, mode: Mode) {
    let str_table = mode == Mode::Exact && d.iter().all(|(k, _)| matches!(&**k, Obj::Str(_)));
    d.for_each_live(|k, v| {
        visit(v);
        let skip = match mode {
            Mode::Exact => str_table,
            Mode::Gc => matches!(&**k, Obj::Str(_)),
            Mode::All => false,
        };
        if !skip {
            visit(k);
        }
    });
}

/// Storage kept inline in its owner is listed item by item; a real object is listed.
fn visit_or_inline<F: FnMut(&Ref) + ?Sized>(r: &Ref, visit: &mut F, mode: Mode) {
    if mode != Mode::All && r.header().has_flag(flag::INLINE) {
        walk(r, visit, mode);
    } else {
        visit(r);
    }
}

/// A class created by a `class` statement (CPython's heap types); the builtin types are
/// static and not gc objects.
fn is_heap_type(class: &Ref) -> bool {
    !class.header().has_flag(flag::IMMORTAL)
}

/// CPython's `tp_clear`: drops the references of `obj` that can close a cycle, pushing
/// them on `out` in the order CPython releases them; the caller drops them in that order,
/// after every borrow is released. Kinds without a `tp_clear` in CPython (tuples, bound
/// methods, iterators …) keep their references: they are freed when what holds them is
/// cleared. `none` stands in for fields that cannot be empty.
pub fn clear(obj: &Obj, none: &Ref, out: &mut Vec<Ref>) {
    match obj {
        Obj::List(items) => {
            // `_list_clear`: the list is emptied first, then its items released last first.
            if let Ok(mut items) = items.try_borrow_mut() {
                let taken = items.clear();
                out.extend(taken.into_iter().rev());
            }
        }
        Obj::Dict(d) => {
            // `PyDict_Clear`: the old entries are released in order, key then value.
            if let Ok(mut d) = d.try_borrow_mut() {
                for (k, v) in d.drain() {
                    out.push(k);
                    out.push(v);
                }
            }
        }
        Obj::Set(s) => {
            if let Ok(mut s) = s.try_borrow_mut() {
                out.extend(s.clear());
            }
        }
        Obj::Function(f) => {
            // `func_clear`; the globals, module and closure fields cannot be emptied here,
            // and what they hold is cleared on its own when it is garbage too.
            for field in [&f.defaults, &f.kwdefaults, &f.doc, &f.dict] {
                take_cell(field, out);
            }
        }
        Obj::Cell(c) => take_cell(c, out),
        Obj::Class(c) => {
            // `type_clear`: the namespace dict is emptied (it stays the class's dict) and
            // the mro tuple, whose first item is the class, dropped (None stands in).
            if let Obj::Dict(d) = &*c.dict {
                if let Ok(mut d) = d.try_borrow_mut() {
                    for (k, v) in d.drain() {
                        out.push(k);
                        out.push(v);
                    }
                }
            }
            if let Ok(mut mro) = c.mro.try_borrow_mut() {
                out.push(std::mem::replace(&mut *mro, none.clone()));
            }
        }
        Obj::Instance(i) => {
            // `subtype_clear`: slots, then the instance dict, then the builtin base part.
            if let Ok(mut slots) = i.slots.try_borrow_mut() {
                for s in slots.iter_mut() {
                    if let Some(v) = s.take() {
                        out.push(v);
                    }
                }
            }
            take_cell(&i.dict, out);
            if let Ok(mut values) = i.values.try_borrow_mut() {
                out.append(&mut values.0);
            }
            if let Some(base) = &i.base_value {
                clear(base, none, out);
            }
        }
        Obj::Exception(e) => {
            // `BaseException_clear`: dict, args, traceback, cause, context.
            take_cell(&e.dict, out);
            if let Ok(mut args) = e.args.try_borrow_mut() {
                out.push(std::mem::replace(&mut *args, none.clone()));
            }
            for field in [&e.traceback, &e.cause, &e.context, &e.name, &e.obj] {
                take_cell(field, out);
            }
        }
        Obj::Generator(g) => g.clear(out),
        Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
            if let Ok(mut f) = f.try_borrow_mut() {
                out.push(std::mem::replace(&mut *f, none.clone()));
            }
        }
        Obj::Frame(f) => {
            // `frame_tp_clear` empties the locals (cells included) only.
            if let Ok(mut locals) = f.locals.try_borrow_mut() {
                out.extend(std::mem::take(&mut *locals).into_iter().flatten());
            }
            if let Ok(mut cells) = f.cells.try_borrow_mut() {
                out.extend(std::mem::take(&mut *cells));
            }
        }
        Obj::Traceback(t) => take_cell(&t.next, out),
        Obj::WeakRef(w) => {
            take_cell(&w.key, out);
            take_cell(&w.callback, out);
        }
        _ => {}
    }
}

fn take_cell(cell: &std::cell::RefCell<Option<Ref>>, out: &mut Vec<Ref>) {
    if let Ok(mut v) = cell.try_borrow_mut() {
        if let Some(r) = v.take() {
            out.push(r);
        }
    }
}
