//! Exceptions: the builtin hierarchy, raising, tracebacks (as CPython's
//! `PyTraceBack_Here`: each frame an exception is raised in or passes through adds an
//! entry holding that frame's frame object), frame objects and their end, and CPython's
//! report of an uncaught exception.

use super::frame::{Frame, FrameKind, FrameObj};
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::kinds::TypeKind;
use crate::objects::{ClassObj, Obj, TracebackObj};
use crate::syntax::Span;
use std::cell::{Cell, RefCell};

/// CPython 3.11's builtin exceptions: (name, base).
const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("ResourceWarning", "Warning"),
];

pub fn create_exception_types(interp: &mut Interp) {
    let object = interp.type_ref(TypeKind::Object);
    for &(name, base) in HIERARCHY {
        let (bases, mut mro) = if base.is_empty() {
            (vec![object.clone()], vec![object.clone()])
        } else {
            let b = interp.exc_types[base].clone();
            let mut mro = vec![b.clone()];
            if let Obj::Class(bc) = &*b {
                mro.extend(bc.mro_rest().iter().cloned());
            }
            (vec![b], mro)
        };
        mro.dedup_by(|a, b| a.is(b));
        let base_ref = bases[0].clone();
        let class = ClassObj {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            module: RefCell::new("builtins".into()),
            bases: RefCell::new(super::static_tuple(bases)),
            mro: RefCell::new(interp.empty_tuple.clone()),
            base: RefCell::new(Some(base_ref)),
            dict: interp.new_dict(),
            builtin: None,
            base_kind: TypeKind::BaseException,
            slots: None,
            has_dict: true,
            has_del: Cell::new(false),
            weakrefable: true,
            data_descriptors: Cell::new((u64::MAX, 0)),
            shared_keys: None,
        };
        let r = Ref::new(Obj::Class(Box::new(class)));
        r.header().set_flag(crate::heap::flag::IMMORTAL);
        if let Obj::Class(c) = &*r {
            mro.insert(0, r.clone());
            *c.mro.borrow_mut() = super::static_tuple(mro);
        }
        interp.exc_types.insert(name, r);
    }
    // EnvironmentError and IOError are OSError.
    let os = interp.exc_types["OSError"].clone();
    interp.exc_types.insert("EnvironmentError", os.clone());
    interp.exc_types.insert("IOError", os);
}

impl Interp {
    pub fn exc_class(&self, name: &str) -> Ref {
        self.exc_types
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.exc_types["RuntimeError"].clone())
    }

    /// A new exception of a builtin class, with one message argument (or none).
    pub fn new_exception(&mut self, class: &str, message: Option<String>) -> Ref {
        let class = self.exc_class(class);
        let args: Vec<Ref> = match message {
            Some(m) => vec![self.new_string(m)],
            None => Vec::new(),
        };
        let exc = self
            .new_instance(&class, &args)
            .expect("builtin exception classes can always be instantiated");
        self.set_context(&exc);
        exc
    }

    /// `__context__`: the exception being handled when this one was raised.
    pub fn set_context(&mut self, exc: &Ref) {
        let Some(handling) = self.handling.last().cloned() else {
            return;
        };
        if handling.is(exc) {
            return;
        }
        if let Obj::Exception(e) = &**exc {
            if e.context.borrow().is_some() {
                return;
            }
            // Avoid a cycle: cut the chain where it would come back to `exc`.
            let mut cur = Some(handling.clone());
            let mut steps = 0;
            while let Some(c) = cur {
                if c.is(exc) || steps > 100 {
                    return;
                }
                steps += 1;
                cur = match &*c {
                    Obj::Exception(ce) => ce.context.borrow().clone(),
                    _ => None,
                };
            }
            *e.context.borrow_mut() = Some(handling);
        }
    }

    /// The object `raise X` raises: an instance, or a class called with no arguments.
    pub fn make_raisable(&mut self, value: Ref) -> PyResult {
        match &*value {
            Obj::Exception(_) => {
                self.set_context(&value);
                Self::mark_raised(&value);
                Ok(value)
            }
            Obj::Class(c) if c.base_kind == TypeKind::BaseException => {
                let exc = self.call(&value, vec![])?;
                if !matches!(&*exc, Obj::Exception(_)) {
                    return Err(self.err(
                        "TypeError",
                        format!(
                            "calling {} should have returned an instance of BaseException, not {}",
                            c.name.borrow(),
                            self.type_name(&exc)
                        ),
                    ));
                }
                self.set_context(&exc);
                Ok(exc)
            }
            _ => Err(self.err("TypeError", "exceptions must derive from BaseException")),
        }
    }

    /// The frame object of `f`, made on first use (`_PyFrame_GetFrameObject`). While the
    /// frame runs it owns nothing but its `f_back` and the collector does not track it.
    pub fn frame_object(&mut self, f: &mut Frame) -> Ref {
        if let Some(obj) = &f.obj {
            if let Obj::Frame(fo) = &**obj {
                fo.lineno.set(f.lineno);
            }
            return obj.clone();
        }
        let frame = FrameObj {
            unit: f.unit.clone(),
            name: f.name.clone(),
            kind: f.kind,
            code: f.code.clone(),
            lineno: Cell::new(f.lineno),
            slots: f.locals.len() + f.cells.len(),
            owned: Cell::new(false),
            locals: RefCell::new(Vec::new()),
            cells: RefCell::new(Vec::new()),
            globals: f.globals.weak(),
            class_ns: RefCell::new(None),
            func: RefCell::new(None),
            back: RefCell::new(None),
            locals_dict: RefCell::new(None),
        };
        let obj = crate::heap::gc::count_new(Ref::new(Obj::Frame(Box::new(frame))));
        f.obj = Some(obj.clone());
        obj
    }

    /// `PyTraceBack_Here`: the exception is raised in, or propagates into, frame `f`
    /// (running at call depth `depth`): a traceback entry for `f` at its current line goes
    /// in front of the exception's traceback — once per pass through the frame.
    pub fn traceback_here(&mut self, f: &mut Frame, exc: &Ref, depth: usize) {
        self.traceback_entry(f, exc, depth, None);
    }

    /// The error `u` leaves the operation at `position` in frame `f`: when it is an
    /// exception without an entry for this frame yet, the entry is made here, naming the
    /// innermost operation that failed (the position CPython's traceback underlines).
    #[cold]
    #[inline(never)]
    pub fn fault(&mut self, f: &mut Frame, position: Span, u: Unwind) -> Unwind {
        if let Unwind::Exception(exc) = &u {
            let depth = self.depth;
            self.traceback_entry(f, exc, depth, Some(position));
        }
        u
    }

    fn traceback_entry(&mut self, f: &mut Frame, exc: &Ref, depth: usize, at: Option<Span>) {
        let Obj::Exception(e) = &**exc else {
            return;
        };
        if e.tb_depth.get() == depth {
            return;
        }
        e.tb_depth.set(depth);
        self.link_callees(f, depth);
        let frame = self.frame_object(f);
        let next = e.traceback.borrow_mut().take();
        let lineno = match at {
            Some(span) => f.unit.lines().line_of(span.start) as u32,
            None => f.lineno,
        };
        let tb = TracebackObj {
            frame,
            lineno: Cell::new(lineno),
            position: at,
            next: RefCell::new(next),
        };
        let tb = crate::heap::gc::track_new(Ref::new(Obj::Traceback(Box::new(tb))));
        *e.traceback.borrow_mut() = Some(tb);
    }

    /// A bare `raise` re-raises without a traceback entry for its own frame.
    pub fn mark_reraised(&self, exc: &Ref) {
        if let Obj::Exception(e) = &**exc {
            e.tb_depth.set(self.depth);
        }
    }

    /// `raise exc` (or an exception thrown in) adds an entry even in a frame that
    /// already has one.
    pub fn mark_raised(exc: &Ref) {
        if let Obj::Exception(e) = &**exc {
            e.tb_depth.set(usize::MAX);
        }
    }

    /// The frame `f` (at depth `depth`) ends, normally or by an exception, which then
    /// gets its traceback entry here. As CPython's `_PyFrame_Clear`: a frame object
    /// something else still holds takes over the locals, cells and function (`func`),
    /// starts being tracked, and gets the caller's frame object as `f_back` (linked by
    /// the caller, see [`Interp::link_callees`]); one only the frame holds is freed,
    /// before the locals.
    pub fn end_frame(
        &mut self,
        f: &mut Frame,
        result: &PyResult<()>,
        func: Option<&Ref>,
        depth: usize,
    ) {
        if let Err(Unwind::Exception(exc)) = result {
            self.traceback_here(f, exc, depth);
        }
        if !self.pending_back.is_empty() {
            self.link_callees(f, depth);
        }
        let Some(obj) = f.obj.take() else {
            return;
        };
        if obj.refcount() == 1 {
            return;
        }
        if let Obj::Frame(fo) = &*obj {
            fo.lineno.set(f.lineno);
            *fo.locals.borrow_mut() = std::mem::take(&mut f.locals);
            *fo.cells.borrow_mut() = std::mem::take(&mut f.cells);
            *fo.class_ns.borrow_mut() = f.class_ns.take();
            *fo.func.borrow_mut() = func.cloned();
            fo.owned.set(true);
        }
        crate::heap::gc::track(&obj);
        if depth > 0 {
            self.pending_back.push((depth, obj.weak()));
        }
    }

    /// Frames that ended below `f` (at depth `depth`) since it last looked get `f`'s
    /// frame object as their `f_back`.
    pub fn link_callees(&mut self, f: &mut Frame, depth: usize) {
        while let Some((d, _)) = self.pending_back.last() {
            if *d <= depth {
                break;
            }
            let Some((_, callee)) = self.pending_back.pop() else {
                break;
            };
            let Some(callee) = callee.upgrade_alive() else {
                continue;
            };
            let back = self.frame_object(f);
            if let Obj::Frame(fo) = &*callee {
                let mut slot = fo.back.borrow_mut();
                if slot.is_none() {
                    *slot = Some(back);
                }
            }
        }
    }

    /// `frame.f_locals`: a module's globals, an ended class body's namespace, or for a
    /// function the dict the frame keeps (`PyFrame_FastToLocals`), updated from the
    /// locals and cells of the ended frame — so it holds a reference to each value, as
    /// CPython's does. A function frame still running shows the dict as last filled.
    pub fn frame_locals(&mut self, frame: &Ref) -> PyResult {
        let Obj::Frame(fo) = &**frame else {
            return Ok(self.new_dict());
        };
        match fo.kind {
            FrameKind::Module => {
                return Ok(fo
                    .globals
                    .upgrade_alive()
                    .unwrap_or_else(|| self.new_dict()));
            }
            FrameKind::Class => {
                if let Some(ns) = fo.class_ns.borrow().clone() {
                    return Ok(ns);
                }
            }
            FrameKind::Function => {}
        }
        let existing = fo.locals_dict.borrow().clone();
        let dict = match existing {
            Some(d) => d,
            None => {
                let d = self.new_dict();
                *fo.locals_dict.borrow_mut() = Some(d.clone());
                d
            }
        };
        let (Some(code), true) = (&fo.code, fo.owned.get()) else {
            return Ok(dict);
        };
        let scope = &code.scope;
        let locals = fo.locals.borrow().clone();
        let cells = fo.cells.borrow().clone();
        let cell_value = |i: u32| -> Option<Ref> {
            match cells.get(i as usize).map(|c| &**c) {
                Some(Obj::Cell(c)) => c.borrow().clone(),
                _ => None,
            }
        };
        let mut entries: Vec<(&str, Option<Ref>)> = Vec::new();
        for (i, name) in scope.locals.iter().enumerate() {
            let value = match scope.cell_params.iter().find(|(p, _)| *p as usize == i) {
                Some((_, c)) => cell_value(*c),
                None => locals.get(i).cloned().flatten(),
            };
            entries.push((name, value));
        }
        for (i, name) in scope.cells.iter().enumerate() {
            if scope.cell_params.iter().any(|(_, c)| *c as usize == i) {
                continue;
            }
            entries.push((name, cell_value(i as u32)));
        }
        for (name, value) in entries {
            let key = self.intern(name);
            match value {
                Some(v) => self.dict_set(&dict, key, v)?,
                None => {
                    self.dict_del(&dict, &key)?;
                }
            }
        }
        Ok(dict)
    }

    /// `frame.f_code`: the function's code object, or one showing only the name and
    /// file of a module's, class body's or comprehension's code.
    pub fn frame_code(&self, fo: &FrameObj) -> Ref {
        Ref::new(Obj::Code(Box::new(crate::objects::CodeObj {
            code: fo.code.clone(),
            name: fo.name.clone(),
            filename: fo.unit.filename.clone(),
        })))
    }

    pub fn traceback_of(&self, exc: &Ref) -> Ref {
        match &**exc {
            Obj::Exception(e) => e.traceback.borrow().clone().unwrap_or_else(|| self.none()),
            _ => self.none(),
        }
    }

    /// `str(exc)`: the message (for KeyError, the key's repr).
    pub fn exception_str(&mut self, exc: &Ref) -> PyResult<String> {
        let Obj::Exception(e) = &**exc else {
            return self.str(exc);
        };
        let args = e.args.borrow().clone();
        let items = self.sequence_items(&args);
        if (2..=3).contains(&items.len()) && self.is_instance_of(exc, "OSError") {
            // OSError(errno, strerror[, filename]): "[Errno 2] No such file …: 'x'".
            let errno = self.str(&items[0])?;
            let strerror = self.str(&items[1])?;
            return Ok(match items.get(2) {
                Some(f) => format!("[Errno {errno}] {strerror}: {}", self.repr(f)?),
                None => format!("[Errno {errno}] {strerror}"),
            });
        }
        match items.len() {
            0 => Ok(String::new()),
            1 => {
                if self.is_instance_of(exc, "KeyError") {
                    self.repr(&items[0])
                } else {
                    self.str(&items[0])
                }
            }
            _ => self.repr(&args),
        }
    }

    /// `TypeName: message`, the last line of a traceback.
    pub fn exception_summary(&mut self, exc: &Ref) -> String {
        let class = self.type_of(exc);
        let mut name = match &*class {
            Obj::Class(c) => c.qualname.borrow().clone(),
            _ => self.type_name(exc),
        };
        if let Obj::Class(c) = &*class {
            let module = c.module.borrow().clone();
            if module != "builtins" && module != "__main__" {
                name = format!("{module}.{name}");
            }
        }
        let msg = match self.str(exc) {
            Ok(m) => m,
            Err(_) => "<exception str() failed>".to_string(),
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}
