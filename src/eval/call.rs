//! Calls: argument evaluation, binding arguments to parameters with CPython's errors,
//! and dispatch on the kind of callable.
//!
//! As in CPython 3.11, `obj.method(args)` does not create a bound method: the function
//! and `obj` are taken apart (LOAD_METHOD) and `obj` moves into the callee's frame, so a
//! method sees `self` with exactly one reference from its frame.

use super::expr::operand;
use super::frame::Frame;
use super::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::{FunctionObj, Obj};
use crate::syntax::ast::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    #[inline(never)]
    pub(crate) fn eval_call(
        &mut self,
        f: &mut Frame,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> PyResult {
        let mut pos = self.take_vec(args.len() + 1);
        let callable = if let ExprKind::Attribute { value, key, .. } = &func.kind {
            let obj = operand!(self, f, value);
            // A failed lookup is the attribute's fault, not the call's.
            let found = match self.lookup_method(&obj, key.get(), Some(key.hints())) {
                Ok(Some(function)) => {
                    pos.push(obj);
                    Ok(function)
                }
                Ok(None) => self.getattr_at(&obj, key.get(), Some(key.hints())),
                Err(u) => Err(u),
            };
            found.map_err(|u| self.fault(f, func.span, u))?
        } else if args.is_empty() && is_super_name(func) && f.super_cell.is_some() {
            return self.zero_arg_super(f);
        } else {
            self.eval(f, func)?
        };
        // Arguments become the callee's first local slots: reserve room for all of them so
        // the argument vector can turn into the frame's locals without reallocating.
        if let Obj::Function(func_obj) = &*callable {
            pos.reserve(func_obj.code.scope.locals.len().saturating_sub(pos.len()));
        }
        for a in args {
            if let ExprKind::Starred(inner) = &a.kind {
                let iterable = self.eval(f, inner)?;
                if let Err(u) = self.extend_from_iterable(&mut pos, &iterable) {
                    return Err(self.star_argument_error(u, &callable, &iterable, args.len()));
                }
            } else {
                pos.push(operand!(self, f, a));
            }
        }
        let mut kw: Vec<(Ref, Ref)> = Vec::new();
        for k in keywords {
            let v = self.eval(f, &k.value)?;
            match &k.arg {
                Some(_) => kw.push((k.key.get().clone(), v)),
                None => self.extend_kwargs(&mut kw, &v, &callable)?,
            }
        }
        self.call_with(&callable, pos, kw)
    }

    /// The error of `f(*x)` when `x` is not iterable. A lone `*x` goes to the call as it
    /// is (`CALL_FUNCTION_EX` names the function); with other positional arguments
    /// CPython builds a list first and reports the display's error.
    #[cold]
    pub(crate) fn star_argument_error(
        &mut self,
        u: Unwind,
        callable: &Ref,
        iterable: &Ref,
        n_args: usize,
    ) -> Unwind {
        if n_args != 1 {
            return self.star_display_error(u, iterable);
        }
        if self.is_iterable(iterable) {
            return u;
        }
        let name = self.callable_name(callable);
        self.err(
            "TypeError",
            format!(
                "{name} argument after * must be an iterable, not {}",
                self.type_name(iterable)
            ),
        )
    }

    pub(crate) fn extend_kwargs(
        &mut self,
        kw: &mut Vec<(Ref, Ref)>,
        mapping: &Ref,
        callable: &Ref,
    ) -> PyResult<()> {
        let items = match &**mapping {
            Obj::Dict(d) => d
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>(),
            _ => {
                // Any object with `keys` is a mapping here (`PyMapping_Keys`).
                let keys_name = self.intern("keys");
                let Some(keys) = self.getattr_opt(mapping, &keys_name)? else {
                    let name = self.callable_name(callable);
                    return Err(self.err(
                        "TypeError",
                        format!(
                            "{name} argument after ** must be a mapping, not {}",
                            self.type_name(mapping)
                        ),
                    ));
                };
                let keys = self.call(&keys, vec![])?;
                let mut items = Vec::new();
                for k in self.collect_iterable(&keys)? {
                    let v = self.getitem(mapping, &k)?;
                    items.push((k, v));
                }
                items
            }
        };
        for (k, v) in items {
            if k.as_str_opt().is_none() {
                return Err(self.err("TypeError", "keywords must be strings"));
            }
            if kw.iter().any(|(n, _)| self.str_eq(n, &k)) {
                let name = self.callable_name(callable);
                return Err(self.err(
                    "TypeError",
                    format!(
                        "{name} got multiple values for keyword argument '{}'",
                        k.as_str_opt().unwrap_or("")
                    ),
                ));
            }
            kw.push((k, v));
        }
        Ok(())
    }

    /// `super()` in a method: the class from the `__class__` cell, the first argument.
    fn zero_arg_super(&mut self, f: &Frame) -> PyResult {
        let class = f
            .super_cell
            .and_then(|i| f.cells.get(i as usize))
            .and_then(|c| match &**c {
                Obj::Cell(cell) => cell.borrow().clone(),
                _ => None,
            });
        let Some(class) = class else {
            return Err(self.err("RuntimeError", "super(): __class__ cell not found"));
        };
        let first = match f.locals.first().cloned().flatten() {
            Some(v) => v,
            None => match f.first_arg_cell.and_then(|i| f.cells.get(i as usize)) {
                Some(c) => match &**c {
                    Obj::Cell(cell) => match cell.borrow().clone() {
                        Some(v) => v,
                        None => return Err(self.err("RuntimeError", "super(): arg[0] deleted")),
                    },
                    _ => return Err(self.err("RuntimeError", "super(): no arguments")),
                },
                None => return Err(self.err("RuntimeError", "super(): no arguments")),
            },
        };
        Ok(crate::heap::gc::track_new(Ref::new(Obj::Super(Box::new(
            (class, first),
        )))))
    }

    /// Calls with positional arguments only.
    pub fn call(&mut self, callable: &Ref, pos: Vec<Ref>) -> PyResult {
        self.call_with(callable, pos, Vec::new())
    }

    pub fn call_with(
        &mut self,
        callable: &Ref,
        mut pos: Vec<Ref>,
        kw: Vec<(Ref, Ref)>,
    ) -> PyResult {
        if crate::heap::raw::has_pending() {
            self.run_finalizers();
        }
        let result = match &**callable {
            Obj::Function(func) => self.call_function(callable, func, pos, kw),
            Obj::Builtin(b) => {
                if let Some(s) = &b.self_ {
                    pos.insert(0, s.clone());
                }
                let func = b.func;
                let checked = match b.owner {
                    Some(owner) => {
                        let bound = b.self_.is_some();
                        crate::objects::sigs::check(self, b.sig, owner, b.name, bound, &pos, &kw)
                    }
                    None => Ok(()),
                };
                // A method of a builtin type called on an instance of a subclass works
                // on the instance's builtin part.
                let part = match (b.owner, pos.first().map(|p| &**p)) {
                    (Some(owner), Some(Obj::Instance(i))) => match &i.base_value {
                        Some(base) if base.kind() == owner => Some(base.clone()),
                        _ => None,
                    },
                    _ => None,
                };
                match (checked, part) {
                    (Err(e), _) => {
                        self.recycle_vec(pos);
                        Err(e)
                    }
                    (Ok(()), None) => {
                        let r = func(self, Args { pos: &pos, kw: &kw });
                        self.recycle_vec(pos);
                        r
                    }
                    (Ok(()), Some(part)) => {
                        let instance = std::mem::replace(&mut pos[0], part.clone());
                        let r = func(self, Args { pos: &pos, kw: &kw });
                        self.recycle_vec(pos);
                        // The builtin part never escapes its instance: a method
                        // returning its `self` returns the instance (`l += x`), or an
                        // exact copy of an immutable value (`S("a").strip()` is a str).
                        match r {
                            Ok(v) if v.is(&part) => {
                                drop(v);
                                match crate::objects::slots::exact_copy(self, &part) {
                                    Some(copy) => copy,
                                    None => Ok(instance),
                                }
                            }
                            r => r,
                        }
                    }
                }
            }
            Obj::Method(m) => {
                let (func, self_) = (m.0.clone(), m.1.clone());
                pos.insert(0, self_);
                self.call_with(&func, pos, kw)
            }
            Obj::Class(_) => self.instantiate(callable, pos, kw),
            Obj::WeakRef(_) => crate::modules::weakref::call(self, callable, pos, kw),
            Obj::StaticMethod(inner) => {
                let inner = inner.borrow().clone();
                self.call_with(&inner, pos, kw)
            }
            _ => {
                let call_name = self.names.get(super::names::N::call).clone();
                match self.special_method(callable, &call_name) {
                    Some(m) => self.call_with(&m, pos, kw),
                    None => {
                        let t = self.type_name(callable);
                        Err(self.err("TypeError", format!("'{t}' object is not callable")))
                    }
                }
            }
        };
        if crate::heap::raw::has_pending() {
            self.run_finalizers();
        }
        result
    }

    /// Counts a Python-level call against the recursion limit. The limit counts the
    /// module's own frame too, as CPython's does: `depth` counts the frames above it.
    pub fn enter_call(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth >= self.recursion_limit || super::stack::near_stack_end() {
            self.depth -= 1;
            return Err(self.err("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    pub fn leave_call(&mut self) {
        self.depth -= 1;
    }

    #[inline(never)]
    fn call_function(
        &mut self,
        callable: &Ref,
        func: &FunctionObj,
        pos: Vec<Ref>,
        kw: Vec<(Ref, Ref)>,
    ) -> PyResult {
        let code = func.code.clone();
        let n_locals = code.scope.locals.len();
        let params = &code.params;
        let simple = kw.is_empty()
            && params.vararg.is_none()
            && params.kwarg.is_none()
            && params.kwonly.is_empty()
            && pos.len() == params.posonly.len() + params.args.len();
        // Fast path: exactly the positional parameters were passed; the argument vector
        // becomes the locals in place (`Option<Ref>` has `Ref`'s layout).
        let (locals, pending_args) = if simple {
            let mut locals = crate::heap::raw::refs_into_slots(pos);
            locals.resize(n_locals, None);
            (locals, None)
        } else {
            (vec![None; n_locals], Some((pos, kw)))
        };
        let mut frame = Frame {
            locals,
            cells: Vec::new(),
            globals: func.globals.clone(),
            class_ns: None,
            consts: code.scope.consts.0.clone(),
            kind: super::frame::FrameKind::Function,
            unit: func.unit.clone(),
            name: code.name.clone(),
            qual: func.qual_text.clone(),
            lineno: code.body.first().map(|s| s.line).unwrap_or(0),
            super_cell: code.scope.class_cell,
            first_arg_cell: code
                .scope
                .cell_params
                .iter()
                .find(|(p, _)| *p == 0)
                .map(|(_, c)| *c),
            code: Some(code.clone()),
            obj: None,
        };
        if let Some((pos, kw)) = pending_args {
            self.bind_arguments(func, &code, &mut frame.locals, pos, kw)?;
        }
        // Cells: own cells (parameters that are cells move into theirs), then the closure.
        let scope = &code.scope;
        let free_cells = match func.closure.as_deref() {
            Some(Obj::Tuple(cells)) => cells.len(),
            _ => 0,
        };
        let n_cells = scope.own_cells as usize + free_cells;
        if n_cells > 0 {
            frame.cells = self.take_vec(n_cells);
        }
        for i in 0..scope.own_cells {
            let initial = scope
                .cell_params
                .iter()
                .find(|(_, c)| *c == i)
                .and_then(|(p, _)| frame.locals[*p as usize].take());
            frame.cells.push(self.new_cell(initial));
        }
        if let Some(closure) = &func.closure {
            if let Obj::Tuple(cells) = &**closure {
                frame.cells.extend(cells.iter().cloned());
            }
        }
        if scope.is_generator {
            return Ok(self.new_generator(callable, frame));
        }
        self.enter_call()?;
        let traced = self.tracing && crate::modules::tracemalloc::enter_frame();
        let result = self.exec_block(&mut frame, &code.body);
        if traced {
            crate::modules::tracemalloc::leave_frame();
        }
        let depth = self.depth;
        self.end_frame(&mut frame, &result, Some(callable), depth);
        self.recycle_locals(std::mem::take(&mut frame.locals));
        self.recycle_vec(std::mem::take(&mut frame.cells));
        self.leave_call();
        match result {
            Ok(()) => Ok(self.none()),
            Err(Unwind::Return(v)) => Ok(v),
            Err(Unwind::Exception(e)) => Err(Unwind::Exception(e)),
            Err(_) => Err(self.err("SyntaxError", "'break' outside loop")),
        }
    }

    /// CPython's `too_many_positional`: the range comes from the function's defaults,
    /// and keyword-only arguments that were given are counted in.
    #[cold]
    fn too_many_positional(
        &mut self,
        func: &FunctionObj,
        n_positional: usize,
        given: usize,
        locals: &[Option<Ref>],
        kwonly_start: usize,
    ) -> Unwind {
        let n_kwonly = func.code.params.kwonly.len();
        let kwonly_given = locals[kwonly_start..kwonly_start + n_kwonly]
            .iter()
            .filter(|v| v.is_some())
            .count();
        let defcount = match func.defaults.borrow().as_deref() {
            Some(Obj::Tuple(t)) => t.len(),
            _ => 0,
        };
        let (sig, plural) = if defcount > 0 {
            (
                format!("from {} to {n_positional}", n_positional - defcount),
                true,
            )
        } else {
            (n_positional.to_string(), n_positional != 1)
        };
        let kwonly_sig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        let were = if given == 1 && kwonly_given == 0 {
            "was"
        } else {
            "were"
        };
        let name = &*func.qual_text;
        self.err(
            "TypeError",
            format!(
                "{name}() takes {sig} positional argument{} but {given}{kwonly_sig} {were} given",
                if plural { "s" } else { "" }
            ),
        )
    }

    /// Binds call arguments to the parameter slots, with CPython's messages.
    fn bind_arguments(
        &mut self,
        func: &FunctionObj,
        code: &Function,
        locals: &mut [Option<Ref>],
        pos: Vec<Ref>,
        kw: Vec<(Ref, Ref)>,
    ) -> PyResult<()> {
        let params = &code.params;
        let n_positional = params.posonly.len() + params.args.len();
        let name = &*func.qual_text;
        let given = pos.len();
        let mut pos = pos.into_iter();
        for slot in locals.iter_mut().take(n_positional.min(given)) {
            *slot = pos.next();
        }
        let extra: Vec<Ref> = if pos.len() == 0 {
            Vec::new()
        } else {
            pos.collect()
        };
        let mut slot = n_positional;
        let too_many = params.vararg.is_none() && !extra.is_empty();
        if let Some(_v) = &params.vararg {
            locals[slot] = Some(self.new_tuple(extra));
            slot += 1;
        } else {
            drop(extra);
        }
        let kwonly_start = slot;
        let kwarg_slot = kwonly_start + params.kwonly.len();
        let mut kwargs_dict: Option<Ref> = None;
        if params.kwarg.is_some() {
            kwargs_dict = Some(self.new_dict());
        }
        for (k, v) in kw {
            let key = k.as_str_opt().unwrap_or("").to_string();
            let index = params
                .args
                .iter()
                .position(|p| *p.name == *key)
                .map(|i| i + params.posonly.len())
                .or_else(|| {
                    params
                        .kwonly
                        .iter()
                        .position(|p| *p.name == *key)
                        .map(|i| i + kwonly_start)
                });
            match index {
                Some(i) => {
                    if locals[i].is_some() {
                        return Err(self.err(
                            "TypeError",
                            format!("{name}() got multiple values for argument '{key}'"),
                        ));
                    }
                    locals[i] = Some(v);
                }
                None => match &kwargs_dict {
                    Some(d) => self.dict_set(d, k, v)?,
                    None => {
                        if params.posonly.iter().any(|p| *p.name == *key) {
                            return Err(self.err(
                                "TypeError",
                                format!("{name}() got some positional-only arguments passed as keyword arguments: '{key}'"),
                            ));
                        }
                        return Err(self.err(
                            "TypeError",
                            format!("{name}() got an unexpected keyword argument '{key}'"),
                        ));
                    }
                },
            }
        }
        // As in CPython, unknown keywords are reported before surplus positionals.
        if too_many {
            return Err(self.too_many_positional(func, n_positional, given, locals, kwonly_start));
        }
        // Defaults for missing positional parameters.
        if locals[..n_positional].iter().any(Option::is_none) {
            let defaults_ref = func.defaults.borrow().clone();
            let defaults: &[Ref] = match defaults_ref.as_deref() {
                Some(Obj::Tuple(t)) => t,
                _ => &[],
            };
            let first_default = n_positional - defaults.len();
            let mut missing: Vec<&str> = Vec::new();
            for (i, p) in params.positional().enumerate() {
                if locals[i].is_none() {
                    if i >= first_default {
                        locals[i] = Some(defaults[i - first_default].clone());
                    } else {
                        missing.push(&p.name);
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_arguments(name, &missing, "positional"));
            }
        }
        let mut missing_kw: Vec<&str> = Vec::new();
        for (j, p) in params.kwonly.iter().enumerate() {
            let i = kwonly_start + j;
            if locals[i].is_none() {
                let default = func.kwdefaults.borrow().as_ref().and_then(|d| {
                    let key = self.intern(&p.name);
                    self.dict_get_str(d, &key)
                });
                match default {
                    Some(v) => locals[i] = Some(v),
                    None => missing_kw.push(&p.name),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(self.missing_arguments(name, &missing_kw, "keyword-only"));
        }
        if let Some(d) = kwargs_dict {
            locals[kwarg_slot] = Some(d);
        }
        Ok(())
    }

    fn missing_arguments(&mut self, name: &str, missing: &[&str], kind: &str) -> Unwind {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            _ => format!(
                "{}, and {}",
                quoted[..quoted.len() - 1].join(", "),
                quoted[quoted.len() - 1]
            ),
        };
        let n = missing.len();
        self.err(
            "TypeError",
            format!(
                "{name}() missing {n} required {kind} argument{}: {list}",
                if n == 1 { "" } else { "s" }
            ),
        )
    }

    pub fn new_function(
        &mut self,
        code: Rc<Function>,
        f: &Frame,
        defaults: Option<Ref>,
        kwdefaults: Option<Ref>,
        closure: Option<Ref>,
    ) -> Ref {
        let names = self.code_names(f, &code);
        let module_key = self.names.get(super::names::N::name).clone();
        let module = self
            .dict_get_str(&f.globals, &module_key)
            .unwrap_or_else(|| self.none());
        let doc = match code.body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(Expr {
                kind: ExprKind::Const(c),
                ..
            })) if matches!(c.value, ConstValue::Str(_)) && !code.is_lambda => {
                Some(code.scope.consts.0[c.pool as usize].clone())
            }
            _ => None,
        };
        let obj = FunctionObj {
            code,
            unit: f.unit.clone(),
            globals: f.globals.clone(),
            name: RefCell::new(names.name),
            qual_text: names.qual_text,
            qualname: RefCell::new(names.qualname),
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults),
            closure,
            dict: RefCell::new(None),
            doc: RefCell::new(doc),
            module,
        };
        crate::heap::gc::track_new(Ref::new(Obj::Function(Box::new(obj))))
    }

    /// What a TypeError about a call names the callable as (`f()`, `list.append()`).
    /// How CPython names a callable in call errors (`_PyObject_FunctionStr`): its
    /// `__qualname__`, prefixed with its `__module__` unless that is `builtins` or None.
    pub fn callable_name(&mut self, callable: &Ref) -> String {
        let qualified = |module: &str, qualname: &str| {
            if module.is_empty() || module == "builtins" {
                format!("{qualname}()")
            } else {
                format!("{module}.{qualname}()")
            }
        };
        match &**callable {
            Obj::Function(f) => {
                let qualname = f.qualname.borrow();
                qualified(
                    f.module.as_str_opt().unwrap_or(""),
                    qualname.as_str_opt().unwrap_or("?"),
                )
            }
            Obj::Builtin(b) => match b.owner {
                Some(owner) => format!("{}.{}()", owner.name(), b.name),
                None => format!("{}()", b.name),
            },
            Obj::Method(m) => self.callable_name(&m.0),
            Obj::Class(c) => qualified(&c.module.borrow(), &c.qualname.borrow()),
            // Without a `__qualname__`, the object's str().
            _ => match self.str(callable) {
                Ok(s) => s,
                Err(_) => format!("{} object", self.type_name(callable)),
            },
        }
    }
}

fn is_super_name(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Name(n) if &*n.id == "super")
}
