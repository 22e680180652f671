//! Statements (Language Reference §7, §8).

use super::frame::{Frame, FrameKind};
use super::interrupt;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::*;
use std::rc::Rc;

impl Interp {
    pub fn exec_block(&mut self, f: &mut Frame, body: &[Stmt]) -> PyResult<()> {
        for s in body {
            self.exec(f, s)?;
        }
        Ok(())
    }

    /// Runs one statement. An exception it raises itself (not one of its expressions or
    /// nested statements) gets its traceback entry here, at the statement.
    #[inline]
    pub fn exec(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<()> {
        let done = if self.attributing {
            self.exec_attributed(f, s)
        } else {
            self.exec_stmt(f, s)
        };
        match done {
            Err(u @ Unwind::Exception(_)) => Err(self.fault(f, s.span, u)),
            other => other,
        }
    }

    pub(super) fn exec_stmt(&mut self, f: &mut Frame, s: &Stmt) -> PyResult<()> {
        if !self.pending_back.is_empty() {
            let depth = self.depth;
            self.link_callees(f, depth);
        }
        f.lineno = s.line;
        if self.tracing {
            crate::modules::tracemalloc::set_line(&f.unit.filename, s.line);
        }
        if crate::heap::raw::has_pending() || crate::heap::gc::due() || self.gc_due.get() {
            self.safe_point()?;
        }
        if interrupt::requested() && interrupt::take() {
            let exc = self.new_exception("KeyboardInterrupt", None);
            return Err(Unwind::Exception(exc));
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(f, e)?;
                if f.unit.interactive && f.kind == FrameKind::Module {
                    return self.display_value(v);
                }
                drop(v);
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(f, value)?;
                let last = targets.len() - 1;
                for (i, t) in targets.iter().enumerate() {
                    if i == last {
                        return self.assign(f, t, v);
                    }
                    self.assign(f, t, v.clone())?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(f, target, *op, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    let v = self.eval(f, v)?;
                    self.assign(f, target, v)?;
                }
                if *simple && f.kind != super::frame::FrameKind::Function {
                    let ann = self.eval(f, annotation)?;
                    self.record_annotation(f, target, ann)?;
                }
                Ok(())
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete(f, t)?;
                }
                Ok(())
            }
            StmtKind::Pass => Ok(()),
            StmtKind::Return(value) => {
                let v = match value {
                    Some(v) => self.eval(f, v)?,
                    None => self.none(),
                };
                Err(Unwind::Return(v))
            }
            StmtKind::Break => Err(Unwind::Break),
            StmtKind::Continue => Err(Unwind::Continue),
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(f, test)?;
                if self.truthy(&t)? {
                    drop(t);
                    self.exec_block(f, body)
                } else {
                    drop(t);
                    self.exec_block(f, orelse)
                }
            }
            StmtKind::While { test, body, orelse } => {
                loop {
                    let t = self.eval(f, test)?;
                    if !self.truthy(&t)? {
                        break;
                    }
                    drop(t);
                    match self.exec_block(f, body) {
                        Ok(()) | Err(Unwind::Continue) => {}
                        Err(Unwind::Break) => return Ok(()),
                        Err(e) => return Err(e),
                    }
                }
                self.exec_block(f, orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let iterable = self.eval(f, iter)?;
                let it = self.get_iter(&iterable)?;
                drop(iterable);
                if let Some(pair) = pair_target(target) {
                    if let Some(first) = self.next_items_pair(&it) {
                        return self.for_items_pairs(f, s.line, it, first, pair, body, orelse);
                    }
                }
                loop {
                    let item = match self.next(&it) {
                        Ok(Some(item)) => item,
                        Ok(None) => break,
                        Err(e) => {
                            // An error from the iterator is reported on the `for` line.
                            f.lineno = s.line;
                            return Err(e);
                        }
                    };
                    self.assign(f, target, item)?;
                    match self.exec_block(f, body) {
                        Ok(()) | Err(Unwind::Continue) => {}
                        Err(Unwind::Break) => return Ok(()),
                        Err(e) => return Err(e),
                    }
                }
                drop(it);
                self.exec_block(f, orelse)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.exec_try(f, body, handlers, orelse, finalbody),
            StmtKind::Raise { exc, cause } => self.exec_raise(f, exc.as_ref(), cause.as_ref()),
            StmtKind::With { items, body } => self.exec_with(f, items, body),
            StmtKind::FunctionDef(func) => {
                let mut decorators = Vec::with_capacity(func.decorators.len());
                for d in &func.decorators {
                    decorators.push(self.eval(f, d)?);
                }
                let mut value = self.make_function(f, func)?;
                for (d, expr) in decorators.into_iter().zip(&func.decorators).rev() {
                    value = self
                        .call(&d, vec![value])
                        .map_err(|u| self.fault(f, expr.span, u))?;
                }
                self.store_name(f, &func.bind, value)
            }
            StmtKind::ClassDef(c) => {
                let class = self.exec_class_def(f, c)?;
                self.store_name(f, &c.bind, class)
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Assert { test, msg } => {
                let t = self.eval(f, test)?;
                if self.truthy(&t)? {
                    return Ok(());
                }
                let exc = match msg {
                    Some(m) => {
                        let m = self.eval(f, m)?;
                        let class = self.exc_class("AssertionError");
                        self.call(&class, vec![m])?
                    }
                    None => self.new_exception("AssertionError", None),
                };
                let at = assertion_position(test).unwrap_or(s.span);
                Err(self.fault(f, at, Unwind::Exception(exc)))
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let module = self.import_module(&a.name)?;
                    let bound = if &*a.bind.id == a.name.split('.').next().unwrap_or("") {
                        self.import_module(a.name.split('.').next().unwrap_or(""))?
                    } else {
                        module
                    };
                    self.store_name(f, &a.bind, bound)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { module, names } => {
                let m = self.import_module(module)?;
                for a in names {
                    if &*a.name == "*" {
                        self.import_star(f, &m)?;
                        continue;
                    }
                    let key = self.intern(&a.name);
                    let v = match self.getattr(&m, &key) {
                        Ok(v) => v,
                        Err(Unwind::Exception(_)) => {
                            return Err(self.err(
                                "ImportError",
                                format!(
                                    "cannot import name '{}' from '{}' (unknown location)",
                                    a.name, module
                                ),
                            ))
                        }
                        Err(e) => return Err(e),
                    };
                    self.store_name(f, &a.bind, v)?;
                }
                Ok(())
            }
        }
    }

    fn record_annotation(&mut self, f: &mut Frame, target: &Expr, ann: Ref) -> PyResult<()> {
        if let ExprKind::Name(n) = &target.kind {
            let ns = f.class_ns.clone().unwrap_or_else(|| f.globals.clone());
            let key = self.names.get(super::names::N::annotations).clone();
            let dict = match self.dict_get_str(&ns, &key) {
                Some(d) => d,
                None => {
                    let d = self.new_dict();
                    self.dict_set(&ns, key, d.clone())?;
                    d
                }
            };
            self.dict_set(&dict, n.key.get().clone(), ann)?;
        }
        Ok(())
    }

    /// Binds a value to an assignment target; a failure is the target's.
    #[inline]
    pub fn assign(&mut self, f: &mut Frame, target: &Expr, value: Ref) -> PyResult<()> {
        match self.assign_to(f, target, value) {
            Err(u) => Err(self.fault(f, target.span, u)),
            ok => ok,
        }
    }

    fn assign_to(&mut self, f: &mut Frame, target: &Expr, value: Ref) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.store_name(f, n, value),
            ExprKind::Attribute {
                value: obj, key, ..
            } => {
                let o = self.eval(f, obj)?;
                self.setattr(&o, key.get(), value)
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                self.setitem(&o, &i, value)
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => self.unpack(f, elts, value),
            _ => Err(self.err("SyntaxError", "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, f: &mut Frame, targets: &[Expr], value: Ref) -> PyResult<()> {
        let star = targets
            .iter()
            .position(|t| matches!(t.kind, ExprKind::Starred(_)));
        let items = self.unpack_items(&value, targets.len(), star)?;
        drop(value);
        let mut items = items.into_iter();
        for (i, t) in targets.iter().enumerate() {
            match (&t.kind, star) {
                (ExprKind::Starred(inner), Some(s)) if s == i => {
                    let rest = items.len() - (targets.len() - 1 - i);
                    let collected: Vec<Ref> = items.by_ref().take(rest).collect();
                    let list = self.new_list(collected);
                    self.assign(f, inner, list)?;
                }
                _ => {
                    let item = items.next().expect("unpack_items checked the count");
                    self.assign(f, t, item)?;
                }
            }
        }
        Ok(())
    }

    /// The items of `value` for unpacking into `n` targets (one of them starred).
    fn unpack_items(&mut self, value: &Ref, n: usize, star: Option<usize>) -> PyResult<Vec<Ref>> {
        let items: Vec<Ref> = match &**value {
            Obj::Tuple(t) => t.to_vec(),
            Obj::List(l) => l.borrow().clone(),
            _ => {
                let it = match self.get_iter(value) {
                    Ok(it) => it,
                    Err(Unwind::Exception(e)) if self.is_instance_of(&e, "TypeError") => {
                        return Err(self.err(
                            "TypeError",
                            format!(
                                "cannot unpack non-iterable {} object",
                                self.type_name(value)
                            ),
                        ))
                    }
                    Err(e) => return Err(e),
                };
                let mut items = Vec::new();
                while let Some(x) = self.next(&it)? {
                    items.push(x);
                    if star.is_none() && items.len() > n {
                        return Err(self.err(
                            "ValueError",
                            format!("too many values to unpack (expected {n})"),
                        ));
                    }
                }
                items
            }
        };
        match star {
            None if items.len() > n => Err(self.err(
                "ValueError",
                format!("too many values to unpack (expected {n})"),
            )),
            None if items.len() < n => Err(self.err(
                "ValueError",
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                ),
            )),
            Some(_) if items.len() < n - 1 => Err(self.err(
                "ValueError",
                format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    n - 1,
                    items.len()
                ),
            )),
            _ => Ok(items),
        }
    }

    fn aug_assign(
        &mut self,
        f: &mut Frame,
        target: &Expr,
        op: BinOp,
        value: &Expr,
    ) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let old = self
                    .load_name(f, n)
                    .map_err(|u| self.fault(f, target.span, u))?;
                let v = self.eval(f, value)?;
                let new = self.inplace_op(old, &v, op)?;
                self.store_name(f, n, new)
            }
            ExprKind::Attribute {
                value: obj, key, ..
            } => {
                let o = self.eval(f, obj)?;
                let old = self
                    .getattr(&o, key.get())
                    .map_err(|u| self.fault(f, target.span, u))?;
                let v = self.eval(f, value)?;
                let new = self.inplace_op(old, &v, op)?;
                self.setattr(&o, key.get(), new)
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(f, obj)?;
                let i = self.eval(f, index)?;
                let old = self
                    .getitem(&o, &i)
                    .map_err(|u| self.fault(f, target.span, u))?;
                let v = self.eval(f, value)?;
                let new = self.inplace_op(old, &v, op)?;
                self.setitem(&o, &i, new)
            }
            _ => Err(self.err("SyntaxError", "illegal expression for augmented assignment")),
        }
    }

    /// Unbinds a `del` target; a failure is the target's.
    fn delete(&mut self, f: &mut Frame, target: &Expr) -> PyResult<()> {
        self.delete_target(f, target)
            .map_err(|u| self.fault(f, target.span, u))
    }

    fn delete_target(&mut self, f: &mut Frame, target: &Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.delete_name(f, n),
            ExprKind::Attribute { value, key, .. } => {
                let o = self.eval(f, value)?;
                self.delattr(&o, key.get())
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(f, value)?;
                let i = self.eval(f, index)?;
                self.delitem(&o, &i)
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.delete(f, e)?;
                }
                Ok(())
            }
            _ => Err(self.err("SyntaxError", "cannot delete expression")),
        }
    }

    fn exec_try(
        &mut self,
        f: &mut Frame,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<()> {
        let mut outcome = self.exec_block(f, body);
        if let Err(Unwind::Exception(exc)) = outcome {
            let depth = self.depth;
            self.traceback_here(f, &exc, depth);
            outcome = self.handle_exception(f, exc, handlers);
        } else if outcome.is_ok() {
            outcome = self.exec_block(f, orelse);
        }
        if finalbody.is_empty() {
            return outcome;
        }
        if let Err(Unwind::Exception(exc)) = &outcome {
            let depth = self.depth;
            self.traceback_here(f, exc, depth);
        }
        // The finally block sees the pending exception as the one being handled.
        let pending = match &outcome {
            Err(Unwind::Exception(e)) => Some(e.clone()),
            _ => None,
        };
        if let Some(e) = &pending {
            self.handling.push(e.clone());
        }
        let fin = self.exec_block(f, finalbody);
        if pending.is_some() {
            self.handling.pop();
        }
        match fin {
            Ok(()) => outcome,
            Err(e) => Err(e),
        }
    }

    fn handle_exception(
        &mut self,
        f: &mut Frame,
        exc: Ref,
        handlers: &[ExceptHandler],
    ) -> PyResult<()> {
        for h in handlers {
            if !self.handler_matches(f, h, &exc)? {
                continue;
            }
            if let Some(name) = &h.name {
                self.store_name(f, name, exc.clone())?;
            }
            self.handling.push(exc.clone());
            drop(exc);
            let result = self.exec_block(f, &h.body);
            self.handling.pop();
            if let Some(name) = &h.name {
                // `except E as e` ends with `del e`, breaking the frame ↔ traceback cycle.
                let _ = self.delete_name(f, name);
            }
            return result;
        }
        Err(Unwind::Exception(exc))
    }

    /// Whether an `except` clause takes the exception.
    pub(crate) fn handler_matches(
        &mut self,
        f: &mut Frame,
        h: &ExceptHandler,
        exc: &Ref,
    ) -> PyResult<bool> {
        match &h.typ {
            None => Ok(true),
            Some(t) => {
                let class = self.eval(f, t)?;
                self.exception_matches(exc, &class)
            }
        }
    }

    fn exec_raise(
        &mut self,
        f: &mut Frame,
        exc: Option<&Expr>,
        cause: Option<&Expr>,
    ) -> PyResult<()> {
        let Some(exc) = exc else {
            return match self.handling.last() {
                Some(e) => {
                    self.mark_reraised(e);
                    Err(Unwind::Exception(e.clone()))
                }
                None => Err(self.err("RuntimeError", "No active exception to reraise")),
            };
        };
        let value = self.eval(f, exc)?;
        // Both operands are evaluated before either is checked (CPython's `do_raise`).
        let cause = match cause {
            Some(c) => Some(self.eval(f, c)?),
            None => None,
        };
        let exc = self.make_raisable(value)?;
        if let Some(c) = cause {
            let cause = match &*c {
                Obj::None => None,
                Obj::Exception(_) => Some(c),
                Obj::Class(k) if k.base_kind == crate::objects::kinds::TypeKind::BaseException => {
                    Some(self.make_raisable(c)?)
                }
                _ => {
                    return Err(self.err(
                        "TypeError",
                        "exception causes must derive from BaseException",
                    ))
                }
            };
            if let Obj::Exception(e) = &*exc {
                *e.cause.borrow_mut() = cause;
                e.suppress_context.set(true);
            }
        }
        Err(Unwind::Exception(exc))
    }

    fn exec_with(&mut self, f: &mut Frame, items: &[WithItem], body: &[Stmt]) -> PyResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.exec_block(f, body);
        };
        let (exit, mut outcome) = self.enter_with_item(f, item)?;
        if outcome.is_ok() {
            outcome = self.exec_with(f, rest, body);
        }
        if let Err(Unwind::Exception(exc)) = &outcome {
            let depth = self.depth;
            self.traceback_here(f, exc, depth);
        }
        self.exit_with_item(exit, outcome)
    }

    /// Evaluates a `with` item's manager, calls `__enter__` and binds the target: returns
    /// `__exit__` and how binding went.
    pub(crate) fn enter_with_item(
        &mut self,
        f: &mut Frame,
        item: &WithItem,
    ) -> PyResult<(Ref, PyResult<()>)> {
        let manager = self.eval(f, &item.context)?;
        let enter_name = self.names.get(super::names::N::enter).clone();
        let exit_name = self.names.get(super::names::N::exit).clone();
        let enter = self.special_method(&manager, &enter_name);
        let exit = self.special_method(&manager, &exit_name);
        let (enter, exit) = match (enter, exit) {
            (Some(e), Some(x)) => (e, x),
            (None, _) => {
                let t = self.type_name(&manager);
                return Err(self.err(
                    "TypeError",
                    format!("'{t}' object does not support the context manager protocol"),
                ));
            }
            (_, None) => {
                let t = self.type_name(&manager);
                return Err(self.err(
                    "TypeError",
                    format!("'{t}' object does not support the context manager protocol (missed __exit__ method)"),
                ));
            }
        };
        let entered = self.call(&enter, vec![])?;
        drop(manager);
        let outcome = match &item.target {
            Some(t) => self.assign(f, t, entered),
            None => Ok(()),
        };
        Ok((exit, outcome))
    }

    /// Leaves a `with` item: `__exit__` sees the exception, if any, and may suppress it.
    pub(crate) fn exit_with_item(&mut self, exit: Ref, outcome: PyResult<()>) -> PyResult<()> {
        match outcome {
            Err(Unwind::Exception(exc)) => {
                let class = self.type_of(&exc);
                let tb = self.traceback_of(&exc);
                self.handling.push(exc.clone());
                let r = self.call(&exit, vec![class, exc.clone(), tb]);
                self.handling.pop();
                let suppress = self.truthy(&r?)?;
                if suppress {
                    Ok(())
                } else {
                    Err(Unwind::Exception(exc))
                }
            }
            other => {
                let none = self.none();
                self.call(&exit, vec![none.clone(), none.clone(), none])?;
                other
            }
        }
    }

    /// Defines a function from a `def` or `lambda`.
    pub fn make_function(&mut self, f: &mut Frame, func: &Rc<Function>) -> PyResult {
        let mut defaults = Vec::new();
        for p in func.params.positional() {
            if let Some(d) = &p.default {
                defaults.push(self.eval(f, d)?);
            }
        }
        let kwdefaults = {
            let mut kw = None;
            for p in &func.params.kwonly {
                if let Some(d) = &p.default {
                    let v = self.eval(f, d)?;
                    let dict = kw.get_or_insert_with(|| self.new_dict()).clone();
                    let key = self.intern(&p.name);
                    self.dict_set(&dict, key, v)?;
                }
            }
            kw
        };
        for p in func.params.all() {
            if let Some(a) = &p.annotation {
                drop(self.eval(f, a)?);
            }
        }
        if let Some(r) = &func.returns {
            drop(self.eval(f, r)?);
        }
        let closure = if func.scope.free_sources.is_empty() {
            None
        } else {
            let cells: Vec<Ref> = func
                .scope
                .free_sources
                .iter()
                .map(|&i| {
                    f.cells
                        .get(i as usize)
                        .cloned()
                        .unwrap_or_else(|| self.new_cell(None))
                })
                .collect();
            Some(self.new_tuple(cells))
        };
        let defaults = if defaults.is_empty() {
            None
        } else {
            Some(self.new_tuple(defaults))
        };
        Ok(self.new_function(func.clone(), f, defaults, kwdefaults, closure))
    }

    /// The rest of `for k, v in d.items(): ...` once its first pair is read: each pair is
    /// assigned to the two targets directly.
    #[allow(clippy::too_many_arguments)]
    fn for_items_pairs(
        &mut self,
        f: &mut Frame,
        line: u32,
        it: Ref,
        first: PyResult<Option<(Ref, Ref)>>,
        (key_target, value_target): (&Expr, &Expr),
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> PyResult<()> {
        let mut next = first;
        loop {
            let (k, v) = match next {
                Ok(Some(pair)) => pair,
                Ok(None) => break,
                Err(e) => {
                    f.lineno = line;
                    return Err(e);
                }
            };
            self.assign(f, key_target, k)?;
            self.assign(f, value_target, v)?;
            match self.exec_block(f, body) {
                Ok(()) | Err(Unwind::Continue) => {}
                Err(Unwind::Break) => return Ok(()),
                Err(e) => return Err(e),
            }
            next = match self.next_items_pair(&it) {
                Some(r) => r,
                None => Ok(None),
            };
        }
        drop(it);
        self.exec_block(f, orelse)
    }

    /// The code's name objects, made the first time a function is created from it:
    /// the qualified name is CPython's `co_qualname`, fixed by where the code is.
    pub fn code_names(&self, f: &Frame, code: &Function) -> CodeNameRefs {
        code.scope
            .names
            .0
            .get_or_init(|| {
                let name = self.intern(&code.name);
                let qual_text = self.qualname_for(f, &code.name);
                let qualname = if qual_text == *code.name {
                    name.clone()
                } else {
                    self.new_str(&qual_text)
                };
                CodeNameRefs {
                    name,
                    qualname,
                    qual_text: qual_text.into(),
                }
            })
            .clone()
    }

    /// `outer.<locals>.inner`, `Class.method`.
    pub fn qualname_for(&self, f: &Frame, name: &str) -> String {
        if f.qual.is_empty() {
            name.to_string()
        } else if f.class_ns.is_some() {
            format!("{}.{name}", f.qual)
        } else {
            format!("{}.<locals>.{name}", f.qual)
        }
    }
}

/// The two targets of `for a, b in ...`, when the target is a plain pair.
fn pair_target(target: &Expr) -> Option<(&Expr, &Expr)> {
    match &target.kind {
        ExprKind::Tuple(elts) | ExprKind::List(elts) => match elts.as_slice() {
            [a, b]
                if !matches!(a.kind, ExprKind::Starred(_))
                    && !matches!(b.kind, ExprKind::Starred(_)) =>
            {
                Some((a, b))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Where CPython 3.11 places a failed `assert`: at the comparison its test ended with
/// (the compiler's position is left there by the test's jumps), else at the statement.
pub(super) fn assertion_position(test: &Expr) -> Option<crate::syntax::Span> {
    match &test.kind {
        ExprKind::Compare { .. } => Some(test.span),
        ExprKind::UnaryOp {
            op: UnaryOp::Not,
            operand,
        } => assertion_position(operand),
        ExprKind::BoolOp { values, .. } => values.iter().rev().find_map(assertion_position),
        _ => None,
    }
}
