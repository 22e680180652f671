//! What each object holds, with the place it holds it: [`traverse_labelled`] visits the
//! same counted references as [`super::traverse::traverse_all`] — one visit per reference,
//! nothing more, nothing less — and says for each whether it is list item 3, the value
//! under key `'x'`, the `__defaults__` of a function or the local `n` of a suspended
//! generator.
//!
//! It is a separate walk, not a flag on the one in `traverse.rs`, because that one runs in
//! every collection and must stay lean; this one serves the REPL's heap views, where a
//! label is the whole point and speed does not matter. A unit test checks both walks agree
//! on every live object, so a holder added to `traverse_all` and forgotten here fails.

use super::Obj;
use crate::heap::{Ref, Weak};
use std::rc::Rc;

/// Where a reference sits inside the object that holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Edge {
    /// Item `i` of a list or tuple (also of a code object's constants).
    Item(usize),
    /// The value stored under a key of a dict.
    Value(Weak),
    /// A key of a dict.
    Key,
    /// A member of a set or frozenset.
    Member,
    /// A `__slots__` value of an instance, by slot name.
    Slot(Rc<str>),
    /// An attribute an instance keeps among its inline values, by name.
    Attribute(Rc<str>),
    /// Entry `i` of a sequence-valued field (`__mro__`, `__bases__`, …).
    FieldItem(&'static str, usize),
    /// A named field (`__dict__`, `__class__`, `__defaults__`, `cell_contents`, …).
    Field(&'static str),
    /// A local variable of a suspended generator, by name.
    Local(Rc<str>),
    /// A cell of a suspended generator's frame, by variable name.
    CellVar(Rc<str>),
    /// A value a suspended generator keeps for the construct it stopped in (a loop's
    /// iterator, operands evaluated before the `yield`, an exception being handled).
    Suspended(&'static str),
}

/// Calls `visit` once for every counted reference `obj` holds, with its place.
pub fn traverse_labelled(obj: &Obj, visit: &mut dyn FnMut(Edge, &Ref)) {
    match obj {
        Obj::List(items) => {
            if let Ok(items) = items.try_borrow() {
                for (i, r) in items.iter().enumerate() {
                    visit(Edge::Item(i), r);
                }
            }
        }
        Obj::Tuple(items) => {
            for (i, r) in items.iter().enumerate() {
                visit(Edge::Item(i), r);
            }
        }
        Obj::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                for (k, v) in d.iter() {
                    visit(Edge::Key, k);
                    visit(Edge::Value(k.weak()), v);
                }
            }
        }
        Obj::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.iter().for_each(|(_, k)| visit(Edge::Member, k));
            }
        }
        Obj::FrozenSet(s) => s.iter().for_each(|(_, k)| visit(Edge::Member, k)),
        Obj::Slice(parts) => {
            for (name, r) in ["start", "stop", "step"].into_iter().zip(parts.iter()) {
                visit(Edge::Field(name), r);
            }
        }
        Obj::Function(f) => {
            visit(Edge::Field("__globals__"), &f.globals);
            visit(Edge::Field("__module__"), &f.module);
            for (name, field) in [
                ("__defaults__", &f.defaults),
                ("__kwdefaults__", &f.kwdefaults),
                ("__doc__", &f.doc),
                ("__dict__", &f.dict),
            ] {
                opt_cell(field, name, visit);
            }
            if let Ok(name) = f.name.try_borrow() {
                visit(Edge::Field("__name__"), &name);
            }
            if let Some(c) = &f.closure {
                visit(Edge::Field("__closure__"), c);
            }
            if let Ok(q) = f.qualname.try_borrow() {
                visit(Edge::Field("__qualname__"), &q);
            }
        }
        Obj::Builtin(b) => {
            if let Some(s) = &b.self_ {
                visit(Edge::Field("__self__"), s);
            }
        }
        Obj::Method(m) => {
            visit(Edge::Field("__func__"), &m.0);
            visit(Edge::Field("__self__"), &m.1);
        }
        Obj::Cell(c) => opt_cell(c, "cell_contents", visit),
        Obj::Class(c) => {
            visit(Edge::Field("__dict__"), &c.dict);
            if let Ok(mro) = c.mro.try_borrow() {
                visit(Edge::Field("__mro__"), &mro);
            }
            if let Ok(bases) = c.bases.try_borrow() {
                visit(Edge::Field("__bases__"), &bases);
            }
            opt_cell(&c.base, "tp_base", visit);
        }
        Obj::Instance(i) => {
            let class = i.class.try_borrow().ok();
            if let Ok(slots) = i.slots.try_borrow() {
                let names = class.as_ref().and_then(|c| match &***c {
                    Obj::Class(c) => c.slots.clone(),
                    _ => None,
                });
                for (n, v) in slots.iter().enumerate() {
                    if let Some(v) = v {
                        let name = names
                            .as_ref()
                            .and_then(|names| names.get(n).cloned())
                            .unwrap_or_else(|| Rc::from(format!("slot {n}")));
                        visit(Edge::Slot(name), v);
                    }
                }
            }
            if let Ok(d) = i.dict.try_borrow() {
                if let Some(d) = &*d {
                    visit(Edge::Field("__dict__"), d);
                }
            }
            if let Ok(values) = i.values.try_borrow() {
                let keys = class
                    .as_ref()
                    .and_then(|c| crate::eval::inline_attrs::inline_keys(c));
                for (n, v) in values.0.iter().enumerate() {
                    let name = keys
                        .and_then(|k| k.name_at(n))
                        .map(Rc::from)
                        .unwrap_or_else(|| Rc::from(format!("value {n}")));
                    visit(Edge::Attribute(name), v);
                }
            }
            if let Some(class) = &class {
                visit(Edge::Field("__class__"), class);
            }
            if let Some(base) = &i.base_value {
                visit(Edge::Field("builtin base value"), base);
            }
        }
        Obj::Exception(e) => {
            if let Ok(class) = e.class.try_borrow() {
                visit(Edge::Field("__class__"), &class);
            }
            opt_cell(&e.dict, "__dict__", visit);
            if let Ok(args) = e.args.try_borrow() {
                visit(Edge::Field("args"), &args);
            }
            for (name, field) in [
                ("__traceback__", &e.traceback),
                ("__cause__", &e.cause),
                ("__context__", &e.context),
                ("name", &e.name),
                ("obj", &e.obj),
            ] {
                opt_cell(field, name, visit);
            }
        }
        Obj::Module(m) => visit(Edge::Field("__dict__"), &m.dict),
        Obj::Iter(it) => {
            opt_cell(&it.source, "iterated object", visit);
            if let Ok(extra) = it.extra.try_borrow() {
                for (i, r) in extra.iter().enumerate() {
                    visit(Edge::FieldItem("iterator state", i), r);
                }
            }
        }
        Obj::Generator(g) => g.traverse_labelled(visit),
        Obj::Property(p) => {
            for (name, r) in ["fget", "fset", "fdel", "__doc__"]
                .into_iter()
                .zip(p.iter())
            {
                visit(Edge::Field(name), r);
            }
        }
        Obj::StaticMethod(f) | Obj::ClassMethod(f) => {
            if let Ok(f) = f.try_borrow() {
                visit(Edge::Field("__func__"), &f);
            }
        }
        Obj::Super(s) => {
            visit(Edge::Field("__thisclass__"), &s.0);
            visit(Edge::Field("__self__"), &s.1);
        }
        Obj::Frame(f) => {
            // In the order of `FrameObj::visit_refs`.
            opt_cell(&f.back, "f_back", visit);
            if !f.owned.get() {
                return;
            }
            opt_cell(&f.locals_dict, "f_locals", visit);
            opt_cell(&f.func, "f_func", visit);
            if let Ok(locals) = f.locals.try_borrow() {
                for (i, r) in locals.iter().enumerate() {
                    if let Some(r) = r {
                        visit(Edge::FieldItem("f_locals", i), r);
                    }
                }
            }
            if let Ok(cells) = f.cells.try_borrow() {
                for (i, r) in cells.iter().enumerate() {
                    visit(Edge::FieldItem("cell", i), r);
                }
            }
            opt_cell(&f.class_ns, "f_locals", visit);
        }
        Obj::Traceback(t) => {
            opt_cell(&t.next, "tb_next", visit);
            visit(Edge::Field("tb_frame"), &t.frame);
        }
        Obj::WeakRef(w) => {
            opt_cell(&w.key, "key", visit);
            opt_cell(&w.callback, "__callback__", visit);
        }
        Obj::DictView(v) => visit(Edge::Field("mapping"), &v.0),
        Obj::Code(c) => {
            if let Some(code) = &c.code {
                for (i, r) in code.scope.consts.0.iter().enumerate() {
                    visit(Edge::FieldItem("co_consts", i), r);
                }
            }
        }
        Obj::Member(m) => visit(Edge::Field("__objclass__"), &m.2),
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

fn opt_cell(
    cell: &std::cell::RefCell<Option<Ref>>,
    name: &'static str,
    visit: &mut dyn FnMut(Edge, &Ref),
) {
    if let Ok(v) = cell.try_borrow() {
        if let Some(r) = &*v {
            visit(Edge::Field(name), r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Interp;
    use crate::heap::raw;
    use crate::objects::traverse::traverse_all;

    /// Both walks list the same references, as multisets, for every object alive after a
    /// program that builds one of each kind of holder.
    #[test]
    fn agrees_with_traverse_all_on_every_live_object() {
        crate::cli::on_interpreter_thread(|| {
            let mut interp = Interp::new();
            let source = "\
class C:
    pass
class S:
    __slots__ = ('a', 'b')
def outer(n=[1], *, k={}):
    def inner():
        return n
    return inner
def gen(v):
    for x in v:
        yield x
c = C()
c.x = [1, 2]
s = S()
s.a = 'text'
g = gen([3, 4])
next(g)
d = {1: 'one', 'k': (1, 2)}
f = outer()
m = c.__init__
fs = frozenset({1, 2})
sl = slice(1, 2)
it = iter([5, 6])
";
            let unit = crate::compile::compile(&mut interp, source, "<edges>").expect("compiles");
            interp.run_unit(&unit).expect("runs");
            for w in raw::all_live() {
                let Some(h) = w.header_if_same() else {
                    continue;
                };
                let mut plain: Vec<usize> = Vec::new();
                traverse_all(&h.obj, &mut |r| plain.push(r.addr()));
                let mut labelled: Vec<usize> = Vec::new();
                traverse_labelled(&h.obj, &mut |_, r| labelled.push(r.addr()));
                plain.sort_unstable();
                labelled.sort_unstable();
                assert_eq!(plain, labelled, "a {} object", h.obj.kind().name());
            }
            drop(unit);
            interp.shutdown();
        });
    }
}
