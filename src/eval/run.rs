//! Running a compiled unit as the `__main__` module, and reporting what escapes it.

use super::frame::Frame;
use super::{Interp, PyResult, Unwind};
use crate::compile::Unit;
use crate::heap::Ref;
use crate::objects::Obj;
use std::rc::Rc;

/// Where [`Interp::run_unit_watched`] stands: about to run, or done with, the top-level
/// statement of that index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Before(usize),
    After(usize),
}

/// What [`Interp::run_unit_watched`] calls around each top-level statement.
pub type StepWatcher<'a> = dyn FnMut(&mut Interp, Step) + 'a;

/// How a run ended.
pub enum Outcome {
    Finished,
    /// An uncaught exception (the traceback has been printed to stderr).
    Raised(Ref),
    /// `sys.exit(code)`.
    Exit(i32),
}

impl Interp {
    /// The `__main__` module, created on first use.
    pub fn main_module(&mut self) -> Ref {
        let key = self.intern("__main__");
        let modules = self.modules.clone();
        if let Some(m) = self.dict_get_str(&modules, &key) {
            return m;
        }
        let m = self.new_module("__main__");
        let dict = self.module_dict(&m);
        let builtins_key = self.intern("__builtins__");
        let builtins = self
            .import_module("builtins")
            .unwrap_or_else(|_| self.none());
        let _ = self.dict_set(&dict, builtins_key, builtins);
        // By the time CPython runs the program, its start-up collections have left the
        // namespace dict of `__main__` ahead of the module object in the gc lists; the
        // order decides in which order finalizers run at exit.
        crate::heap::gc::retrack(&m);
        let _ = self.dict_set(&modules, key, m.clone());
        m
    }

    /// Runs a unit's top-level code in `__main__`; the unit's parse-tree references are
    /// released when it ends, as CPython frees a file's AST after running it.
    pub fn run_unit(&mut self, unit: &Rc<Unit>) -> Result<(), Ref> {
        self.run_unit_watched(unit, None)
    }

    /// [`Interp::run_unit`], calling `watch` before each top-level statement runs (with
    /// [`Step::Before`]) and once it has finished and its finalizers have run
    /// ([`Step::After`]), so a front-end can report what each statement did.
    pub fn run_unit_watched(
        &mut self,
        unit: &Rc<Unit>,
        mut watch: Option<&mut StepWatcher>,
    ) -> Result<(), Ref> {
        let main = self.main_module();
        let globals = self.module_dict(&main);
        let file_key = self.intern("__file__");
        if self.dict_get_str(&globals, &file_key).is_none() && !unit.filename.starts_with('<') {
            let file = self.new_str(&unit.filename);
            let _ = self.dict_set(&globals, file_key, file);
        }
        let mut frame = Frame::module(unit, globals);
        let result = if let Some(watch) = watch.as_mut() {
            let mut result = Ok(());
            for (index, s) in unit.module.body.iter().enumerate() {
                watch(self, Step::Before(index));
                result = self.exec(&mut frame, s);
                if result.is_err() {
                    break;
                }
                let _ = self.safe_point();
                watch(self, Step::After(index));
            }
            result
        } else if crate::heap::audit::enabled() {
            let mut result = Ok(());
            for s in &unit.module.body {
                result = self.exec(&mut frame, s);
                if result.is_err() {
                    break;
                }
                crate::heap::audit::after_statement(self, &frame, &[&main], s.line);
            }
            result
        } else {
            self.exec_block(&mut frame, &unit.module.body)
        };
        let depth = self.depth;
        self.end_frame(&mut frame, &result, None, depth);
        drop(frame);
        let _ = self.safe_point();
        unit.release_literals();
        let _ = self.safe_point();
        match result {
            Ok(()) => Ok(()),
            Err(Unwind::Exception(e)) => Err(e),
            Err(_) => Ok(()),
        }
    }

    /// CPython's `sys.displayhook`: an expression statement typed at the prompt prints the
    /// repr of a value other than None and keeps it in `builtins._`.
    pub fn display_value(&mut self, value: Ref) -> PyResult<()> {
        if matches!(&*value, Obj::None) {
            return Ok(());
        }
        let key = self.intern("_");
        let builtins = self.builtins.clone();
        let none = self.none();
        self.dict_set(&builtins, key.clone(), none)?;
        let text = self.repr(&value)?;
        self.write_stdout(&text);
        self.write_stdout("\n");
        self.dict_set(&builtins, key, value)
    }

    /// Runs a whole program: reports an uncaught exception like CPython and runs the
    /// shutdown finalizers. Returns the process exit status.
    pub fn run_program(&mut self, unit: &Rc<Unit>) -> i32 {
        let status = match self.run_unit(unit) {
            Ok(()) => 0,
            Err(exc) => self.report_uncaught(&exc),
        };
        self.flush_stdout();
        if std::env::var_os("REFPY_LIVE").is_some() {
            eprintln!(
                "live objects before shutdown: {}",
                crate::heap::live_objects()
            );
        }
        self.shutdown();
        self.flush_stdout();
        if crate::heap::audit::enabled() {
            crate::heap::audit::at_exit(self, unit);
        }
        status
    }

    /// Prints the traceback of an uncaught exception; `SystemExit` gives its code.
    pub fn report_uncaught(&mut self, exc: &Ref) -> i32 {
        if self.is_instance_of(exc, "SystemExit") {
            let code = match &**exc {
                Obj::Exception(e) => self
                    .sequence_items(&e.args.borrow().clone())
                    .first()
                    .cloned(),
                _ => None,
            };
            return match code.as_deref() {
                None | Some(Obj::None) => 0,
                Some(Obj::Int(i)) => *i as i32,
                Some(_) => {
                    let text = self
                        .str(code.as_ref().expect("matched Some"))
                        .unwrap_or_default();
                    self.flush_stdout();
                    eprintln!("{text}");
                    1
                }
            };
        }
        self.flush_stdout();
        let report = self.format_exception(exc);
        eprint!("{report}");
        1
    }

    /// Interpreter shutdown, as CPython's `Py_FinalizeEx` and `finalize_modules` do it: a
    /// collection (when the collector is enabled); every module removed from
    /// `sys.modules` — a module nothing else holds dies, and its namespace with it, at
    /// once or, when functions defined in it keep it in a cycle, in the collection that
    /// follows; then the modules still alive have their namespaces cleared, and a last
    /// collection frees what that released.
    pub fn shutdown(&mut self) {
        if self.shut_down {
            return;
        }
        self.shut_down = true;
        self.handling.clear();
        self.pending_back.clear();
        // atexit functions run first, while everything is intact (Py_FinalizeEx).
        crate::modules::weakref::run_exit_functions(self);
        let _ = self.safe_point();
        crate::modules::gc::collect_at_exit(self);
        let _ = self.safe_point();
        // finalize_remove_modules: each entry of sys.modules is set to None, in order.
        let modules = self.modules.clone();
        let entries: Vec<(Ref, crate::heap::Weak)> = self
            .dict_items(&modules)
            .into_iter()
            .map(|(k, m)| (k, m.weak()))
            .collect();
        let none = self.none();
        for (k, _) in &entries {
            let _ = self.dict_set(&modules, k.clone(), none.clone());
            let _ = self.safe_point();
        }
        crate::modules::gc::collect_no_fail(self);
        let _ = self.safe_point();
        // finalize_modules_clear_weaklist: the modules still alive, last imported first,
        // except builtins and sys.
        for (k, w) in entries.iter().rev() {
            let Some(m) = w.upgrade_alive() else { continue };
            if matches!(k.as_str_opt(), Some("builtins" | "sys")) {
                continue;
            }
            let dict = self.module_dict(&m);
            self.clear_module_dict(&dict);
        }
        crate::modules::gc::collect_no_fail(self);
        let _ = self.safe_point();
    }

    /// `_PyModule_ClearDict`: names starting with one underscore are set to None first,
    /// then every other name except `__builtins__`, in dict order.
    fn clear_module_dict(&mut self, dict: &Ref) {
        let items: Vec<(Ref, Ref)> = self.dict_items(dict);
        let none = self.none();
        for (k, v) in &items {
            let s = k.as_str_opt().unwrap_or("");
            if !matches!(&**v, Obj::None) && s.starts_with('_') && !s.starts_with("__") {
                let _ = self.dict_set(dict, k.clone(), none.clone());
                let _ = self.safe_point();
            }
        }
        drop(items);
        let items: Vec<(Ref, Ref)> = self.dict_items(dict);
        for (k, v) in &items {
            let s = k.as_str_opt().unwrap_or("");
            if !matches!(&**v, Obj::None) && s != "__builtins__" {
                let _ = self.dict_set(dict, k.clone(), none.clone());
                let _ = self.safe_point();
            }
        }
    }

    /// Frees everything the interpreter made, once the Python-visible shutdown has run
    /// (it runs first if it has not):
    /// the exceptions still held, the gc module's lists, every module namespace and
    /// `sys.modules`, then the cycles CPython never frees — each builtin type and
    /// exception class with its dict, bases and mro — and the immortal singletons,
    /// small ints and cached strings, which become ordinary objects that their last
    /// reference frees. Runs no Python code; a second call does nothing. Dropping an
    /// interpreter calls it.
    pub fn teardown(&mut self) {
        if self.torn_down {
            return;
        }
        if !self.shut_down {
            self.shutdown();
        }
        self.torn_down = true;
        self.flush_stdout();
        self.handling.clear();
        self.pending_back.clear();
        self.repr_active.clear();
        crate::modules::gc::release_roots();
        crate::modules::weakref::release_names();
        let modules = self.modules.clone();
        let namespaces: Vec<Ref> = self
            .dict_items(&modules)
            .into_iter()
            .filter_map(|(_, m)| match &*m {
                Obj::Module(module) => Some(module.dict.clone()),
                _ => None,
            })
            .collect();
        for dict in namespaces.iter().chain([&self.builtins, &modules]) {
            empty_dict(dict);
        }
        drop(namespaces);
        drop(modules);
        crate::modules::gc::collect_quietly(self);
        // Objects freed since then that wait for a finalizer or weakref callbacks are
        // freed without them.
        while crate::heap::raw::has_pending() {
            for obj in crate::heap::raw::take_pending() {
                obj.header().set_flag(crate::heap::flag::FINALIZED);
                if obj.header().has_flag(crate::heap::flag::HAS_WEAKREFS) {
                    crate::modules::weakref::clear_weakrefs(self, &obj, false);
                }
                drop(obj);
            }
        }
        let mut classes: Vec<Ref> = self.types.clone();
        let mut exc: Vec<(&&'static str, &Ref)> = self.exc_types.iter().collect();
        exc.sort_by_key(|(name, _)| **name);
        classes.extend(exc.into_iter().map(|(_, r)| r.clone()));
        for class in &classes {
            if let Obj::Class(c) = &**class {
                empty_dict(&c.dict);
                let none = self.none.clone();
                let bases = std::mem::replace(&mut *c.bases.borrow_mut(), none.clone());
                let mro = std::mem::replace(&mut *c.mro.borrow_mut(), none);
                let base = c.base.borrow_mut().take();
                // The builtin types' tuples are static like the types: freed with them.
                for t in [&bases, &mro] {
                    t.header().clear_flag(crate::heap::flag::IMMORTAL);
                }
                drop(bases);
                drop(mro);
                drop(base);
            }
        }
        let immortal = crate::heap::flag::IMMORTAL;
        let singletons = [
            &self.none,
            &self.true_,
            &self.false_,
            &self.not_implemented,
            &self.ellipsis,
            &self.empty_str,
            &self.empty_tuple,
        ];
        for r in classes
            .iter()
            .chain(singletons)
            .chain(&self.small_ints)
            .chain(&self.chars)
        {
            r.header().clear_flag(immortal);
        }
        drop(classes);
        self.exc_types.clear();
        self.types.clear();
        self.names.all.clear();
        self.small_ints.clear();
        self.chars.clear();
    }
}

/// Empties a dict in place (its values are released in the order they were stored).
fn empty_dict(dict: &Ref) {
    if let Obj::Dict(d) = &**dict {
        let old = match d.try_borrow_mut() {
            Ok(mut d) => std::mem::take(&mut *d),
            Err(_) => return,
        };
        drop(old);
    }
}

impl Drop for Interp {
    fn drop(&mut self) {
        self.teardown();
    }
}
