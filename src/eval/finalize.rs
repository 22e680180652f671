//! Finalizers: `__del__` and weak-reference callbacks. When a count reaches zero the heap
//! parks objects that need Python code run for them; the evaluator runs that code at the
//! next safe point (before and after every call and at every statement), so output
//! appears where CPython's does, and never while Rust code holds a borrow.

use super::names::N;
use super::{Interp, PyResult, Unwind};
use crate::heap::{flag, raw, ObjBox, Ref};
use crate::objects::Obj;

/// Tells the heap which objects need finalizing and what to do as objects are freed.
pub fn install_heap_hooks() {
    raw::set_hooks(raw::Hooks {
        needs_finalizer,
        before_free,
        on_alloc: crate::modules::tracemalloc::on_alloc,
    });
}

/// The heap asks only about objects flagged with weak references and about instances,
/// exceptions and generators (`raw::free_one`): a new kind with a finalizer must be
/// added there too.
fn needs_finalizer(h: &ObjBox) -> bool {
    if h.has_flag(flag::HAS_WEAKREFS) {
        return true;
    }
    if h.has_flag(flag::FINALIZED) {
        return false;
    }
    match &h.obj {
        Obj::Instance(i) => matches!(&**i.class.borrow(), Obj::Class(c) if c.has_del.get()),
        Obj::Exception(e) => matches!(&**e.class.borrow(), Obj::Class(c) if c.has_del.get()),
        Obj::Generator(g) => g.needs_close(),
        _ => false,
    }
}

fn before_free(h: &ObjBox) {
    crate::heap::observe::on_free(h);
    crate::heap::gc::on_free(h);
    crate::modules::tracemalloc_free(h);
}

/// Objects of the kinds CPython allocates with a gc header.
pub fn is_container(obj: &Obj) -> bool {
    crate::objects::traverse::is_gc(obj)
}

impl Interp {
    /// Runs what became due since the last safe point.
    pub fn safe_point(&mut self) -> PyResult<()> {
        if raw::has_pending() {
            self.run_finalizers();
        }
        if self.gc_due.get() || crate::heap::gc::due() {
            self.gc_due.set(false);
            crate::modules::gc::collect_automatic(self);
        }
        Ok(())
    }

    /// Calls `__del__` and weakref callbacks of the objects whose count reached zero.
    pub fn run_finalizers(&mut self) {
        loop {
            let pending = raw::take_pending();
            if pending.is_empty() {
                break;
            }
            for obj in pending {
                self.finalize(obj);
            }
        }
    }

    fn finalize(&mut self, obj: Ref) {
        let needs_del = !obj.header().has_flag(flag::FINALIZED)
            && matches!(
                &*obj,
                Obj::Instance(_) | Obj::Exception(_) | Obj::Generator(_)
            );
        if needs_del {
            obj.header().set_flag(flag::FINALIZED);
            if let Obj::Generator(_) = &*obj {
                self.generator_finalize(&obj);
            } else {
                let del = self.names.get(N::del).clone();
                if let Some(m) = self.special_method(&obj, &del) {
                    if let Err(Unwind::Exception(e)) = self.call(&m, vec![]) {
                        self.report_unraisable(&e, &m);
                    }
                }
            }
        }
        // As in subtype_dealloc, weakrefs are cleared (and their callbacks run) after
        // `__del__`, unless it resurrected the object.
        if obj.refcount() == 1 && obj.header().has_flag(flag::HAS_WEAKREFS) {
            crate::modules::weakref::clear_weakrefs(self, &obj, true);
        }
        drop(obj);
    }

    /// "Exception ignored in: …" on stderr, as CPython reports errors in `__del__`.
    pub fn report_unraisable(&mut self, exc: &Ref, origin: &Ref) {
        self.flush_stdout();
        let what = match &**origin {
            Obj::Method(m) => self.repr(&m.0).unwrap_or_default(),
            _ => self.repr(origin).unwrap_or_default(),
        };
        let report = self.format_exception(exc);
        eprint!("Exception ignored in: {what}\n{report}");
    }
}
