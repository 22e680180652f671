//! Exceptions: the builtin hierarchy, raising, tracebacks (each frame an exception leaves
//! adds an entry that keeps the frame's locals alive), and CPython's report of an uncaught
//! exception.

use super::frame::{Frame, FrameObj};
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::kinds::TypeKind;
use crate::objects::{ClassObj, Obj, TracebackObj};
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
                mro.extend(bc.mro.borrow().iter().cloned());
            }
            (vec![b], mro)
        };
        mro.dedup_by(|a, b| a.is(b));
        let class = ClassObj {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            module: RefCell::new("builtins".into()),
            bases: RefCell::new(bases),
            mro: RefCell::new(mro),
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

    /// Records that an exception left `frame`: a traceback entry holding the frame (and so
    /// its locals) goes in front of the exception's traceback.
    pub fn add_traceback(&mut self, unwind: Unwind, frame: &mut Frame) -> Unwind {
        let Unwind::Exception(exc) = &unwind else {
            return unwind;
        };
        let Obj::Exception(e) = &**exc else {
            return unwind;
        };
        let frame_obj = FrameObj {
            unit: frame.unit.clone(),
            name: frame.name.clone(),
            lineno: Cell::new(frame.lineno),
            locals: RefCell::new(std::mem::take(&mut frame.locals)),
            cells: RefCell::new(std::mem::take(&mut frame.cells)),
            globals: frame.globals.clone(),
        };
        let frame_ref = crate::heap::gc::track_new(Ref::new(Obj::Frame(Box::new(frame_obj))));
        let next = e.traceback.borrow_mut().take();
        let tb = TracebackObj {
            frame: frame_ref,
            lineno: Cell::new(frame.lineno),
            next: RefCell::new(next),
        };
        let tb = crate::heap::gc::track_new(Ref::new(Obj::Traceback(Box::new(tb))));
        *e.traceback.borrow_mut() = Some(tb);
        unwind
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

    /// The report CPython prints for an uncaught exception, chained ones first.
    pub fn format_exception(&mut self, exc: &Ref) -> String {
        let mut out = String::new();
        let mut seen: Vec<Ref> = Vec::new();
        self.format_exception_chain(exc, &mut out, &mut seen);
        out
    }

    fn format_exception_chain(&mut self, exc: &Ref, out: &mut String, seen: &mut Vec<Ref>) {
        seen.push(exc.clone());
        if let Obj::Exception(e) = &**exc {
            let cause = e.cause.borrow().clone();
            let context = e.context.borrow().clone();
            if let Some(c) = cause {
                if !seen.iter().any(|s| s.is(&c)) {
                    self.format_exception_chain(&c, out, seen);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                }
            } else if let Some(c) = context {
                if !e.suppress_context.get() && !seen.iter().any(|s| s.is(&c)) {
                    self.format_exception_chain(&c, out, seen);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
            let mut tb = e.traceback.borrow().clone();
            if tb.is_some() {
                out.push_str("Traceback (most recent call last):\n");
            }
            while let Some(t) = tb {
                let Obj::Traceback(t) = &*t else { break };
                if let Obj::Frame(fr) = &*t.frame {
                    let line = t.lineno.get();
                    out.push_str(&format!(
                        "  File \"{}\", line {}, in {}\n",
                        fr.unit.filename, line, fr.name
                    ));
                    // CPython's prompt cannot read `<stdin>` back: no source lines.
                    let text = fr.unit.line(line);
                    if !text.is_empty() && !fr.unit.interactive {
                        out.push_str(&format!("    {text}\n"));
                    }
                }
                tb = t.next.borrow().clone();
            }
        }
        out.push_str(&self.exception_summary(exc));
        out.push('\n');
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
        let msg = match self.exception_str(exc) {
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
