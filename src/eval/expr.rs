//! Expressions (Language Reference §6). Each evaluation returns a new strong reference,
//! CPython's value-stack temporary, so `sys.getrefcount(x)` sees exactly one more.

use super::frame::Frame;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::*;

/// The value of an operand `e` (`self.eval_operand(f, e)`), or a return from the
/// enclosing function with the operand's exception placed at the operand. The placing
/// happens only on the error path, so evaluating an operand costs no more than `?`.
macro_rules! operand {
    ($self:ident, $f:ident, $e:expr) => {
        match $self.eval_operand($f, $e) {
            Ok(v) => v,
            Err(u) => return Err($self.fault($f, $e.span, u)),
        }
    };
}
pub(crate) use operand;

impl Interp {
    /// [`Self::eval`] with the two commonest leaves (a bound local, a constant) done
    /// in the caller: operands are mostly leaves, and this saves the call. An exception
    /// from the operand's own operation is not placed yet: use it through [`operand!`].
    #[inline(always)]
    pub(crate) fn eval_operand(&mut self, f: &mut Frame, e: &Expr) -> PyResult {
        match &e.kind {
            ExprKind::Name(n) => {
                if let NameSlot::Local(i) = n.slot {
                    if let Some(v) = &f.locals[i as usize] {
                        return Ok(v.clone());
                    }
                }
                self.load_name(f, n)
            }
            ExprKind::Const(c) => Ok(f.consts[c.pool as usize].clone()),
            _ => self.eval_node(f, e),
        }
    }

    /// Evaluates `e`. An exception leaving it gets its traceback entry for this frame at
    /// the innermost expression it left (see [`Interp::fault`]).
    #[inline(always)]
    pub fn eval(&mut self, f: &mut Frame, e: &Expr) -> PyResult {
        match self.eval_node(f, e) {
            Err(u) => Err(self.fault(f, e.span, u)),
            ok => ok,
        }
    }

    /// Evaluates `e`, placing the exceptions of its operands but not of its own
    /// operation (its caller does, knowing `e`). The hot expression kinds are handled
    /// here; the rest in `eval_other`, kept out of line so this function's frame stays
    /// small (it recurses for every operand).
    fn eval_node(&mut self, f: &mut Frame, e: &Expr) -> PyResult {
        match &e.kind {
            ExprKind::Name(n) => {
                if let NameSlot::Local(i) = n.slot {
                    if let Some(v) = &f.locals[i as usize] {
                        return Ok(v.clone());
                    }
                }
                self.load_name(f, n)
            }
            ExprKind::Const(c) => Ok(f.consts[c.pool as usize].clone()),
            ExprKind::BinOp { left, op, right } => {
                let a = operand!(self, f, left);
                let b = operand!(self, f, right);
                self.binary_op(&a, &b, *op)
            }
            ExprKind::Compare { left, ops } if ops.len() == 1 => {
                let a = operand!(self, f, left);
                let b = operand!(self, f, &ops[0].1);
                self.compare(&a, &b, ops[0].0)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.eval_call(f, func, args, keywords),
            ExprKind::Attribute { value, key, .. } => {
                let v = operand!(self, f, value);
                self.getattr_at(&v, key.get(), Some(key.hints()))
            }
            _ => self.eval_other(f, e),
        }
    }

    #[inline(never)]
    fn eval_other(&mut self, f: &mut Frame, e: &Expr) -> PyResult {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(f, n),
            ExprKind::Const(c) => Ok(f.consts[c.pool as usize].clone()),
            ExprKind::BinOp { left, op, right } => {
                let a = self.eval(f, left)?;
                let b = self.eval(f, right)?;
                self.binary_op(&a, &b, *op)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(f, operand)?;
                self.unary_op(&v, *op)
            }
            ExprKind::BoolOp { op, values } => {
                let last = values.len() - 1;
                for (i, v) in values.iter().enumerate() {
                    let value = self.eval(f, v)?;
                    if i == last {
                        return Ok(value);
                    }
                    let truth = self.truthy(&value)?;
                    if (*op == BoolOp::And) != truth {
                        return Ok(value);
                    }
                }
                unreachable!("a BoolOp has at least two values")
            }
            ExprKind::Compare { left, ops } => {
                let mut a = self.eval(f, left)?;
                let last = ops.len() - 1;
                for (i, (op, right)) in ops.iter().enumerate() {
                    let b = self.eval(f, right)?;
                    let result = self.compare(&a, &b, *op)?;
                    if i == last {
                        return Ok(result);
                    }
                    if !self.truthy(&result)? {
                        return Ok(result);
                    }
                    a = b;
                }
                unreachable!("a Compare has at least one operator")
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.eval_call(f, func, args, keywords),
            ExprKind::Attribute { value, key, .. } => {
                let v = self.eval(f, value)?;
                self.getattr(&v, key.get())
            }
            ExprKind::Subscript { value, index } => {
                let v = operand!(self, f, value);
                let i = operand!(self, f, index);
                self.getitem(&v, &i)
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut parts = Vec::with_capacity(3);
                for p in [lower, upper, step] {
                    parts.push(match p {
                        Some(x) => self.eval(f, x)?,
                        None => self.none(),
                    });
                }
                Ok(self.new_slice(parts))
            }
            ExprKind::Tuple(elts) => {
                let items = self.eval_sequence(f, elts)?;
                Ok(self.new_tuple(items))
            }
            ExprKind::List(elts) => self.eval_list_display(f, elts),
            ExprKind::Set(elts) => {
                // Three or more constants are a frozenset constant the new set is
                // updated from (the compiler builds it from the items, then rebuilds it
                // from its own order as it merges constants); `*x` updates; other items
                // are added.
                if elts.len() > 2 && elts.iter().all(|e| matches!(e.kind, ExprKind::Const(_))) {
                    let items = self.eval_sequence(f, elts)?;
                    let folded = self.set_from_items(items, true)?;
                    let items = self.set_items(&folded);
                    drop(folded);
                    let constant = self.set_from_items(items, true)?;
                    let set = self.new_set();
                    self.set_update_from(&set, &constant)?;
                    return Ok(set);
                }
                let set = self.new_set();
                for e in elts {
                    if let ExprKind::Starred(inner) = &e.kind {
                        let iterable = self.eval(f, inner)?;
                        self.set_update_from(&set, &iterable)?;
                    } else {
                        let item = self.eval(f, e)?;
                        self.set_add(&set, item)?;
                    }
                }
                Ok(set)
            }
            ExprKind::Dict(items) => self.eval_dict_display(f, items),
            ExprKind::ListComp(c) => self.eval_comprehension(f, c, CompKind::List),
            ExprKind::SetComp(c) => self.eval_comprehension(f, c, CompKind::Set),
            ExprKind::DictComp(c) => self.eval_comprehension(f, c, CompKind::Dict),
            ExprKind::GeneratorExp(c) => self.make_generator_expression(f, c),
            ExprKind::Lambda(func) => self.make_function(f, func),
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(f, test)?;
                if self.truthy(&t)? {
                    self.eval(f, body)
                } else {
                    self.eval(f, orelse)
                }
            }
            ExprKind::FString(parts) => {
                if let [FStringPart::Field {
                    value,
                    conversion,
                    spec,
                }] = parts.as_slice()
                {
                    let v = self.eval(f, value)?;
                    if let Some(r) = self.lone_fstring_field(&v, *conversion, spec.as_deref())? {
                        return Ok(r);
                    }
                    let mut out = String::new();
                    self.fstring_field(f, v, *conversion, spec.as_deref(), &mut out)?;
                    return Ok(self.new_string(out));
                }
                let mut out = String::new();
                self.eval_fstring(f, parts, &mut out)?;
                Ok(self.new_string(out))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(f, value)?;
                self.store_name(f, target, v.clone())?;
                Ok(v)
            }
            ExprKind::Starred(_) => {
                Err(self.err("SyntaxError", "can't use starred expression here"))
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.eval_yield(f, e),
        }
    }

    /// A dict display as CPython 3.11 compiles it (`compiler_dict`): runs of up to 17
    /// `key: value` items each become a dict (presized when small, `BUILD_MAP`/
    /// `BUILD_CONST_KEY_MAP`; filled one by one when big), merged into the first; `**m`
    /// merges too.
    fn eval_dict_display(
        &mut self,
        f: &mut Frame,
        items: &[crate::syntax::ast::DictItem],
    ) -> PyResult {
        let mut dict: Option<Ref> = None;
        let mut run: Vec<(Ref, Ref)> = Vec::new();
        for item in items {
            match &item.key {
                Some(k) => {
                    let key = self.eval(f, k)?;
                    let value = self.eval(f, &item.value)?;
                    run.push((key, value));
                    if run.len() == 17 {
                        self.flush_subdict(&mut dict, std::mem::take(&mut run))?;
                    }
                }
                None => {
                    if !run.is_empty() {
                        self.flush_subdict(&mut dict, std::mem::take(&mut run))?;
                    }
                    let target = match &dict {
                        Some(d) => d.clone(),
                        None => {
                            let d = self.new_dict();
                            dict = Some(d.clone());
                            d
                        }
                    };
                    let other = self.eval(f, &item.value)?;
                    self.dict_merge_display(&target, &other)?;
                }
            }
        }
        if !run.is_empty() {
            self.flush_subdict(&mut dict, run)?;
        }
        Ok(match dict {
            Some(d) => d,
            None => self.new_dict(),
        })
    }

    fn flush_subdict(&mut self, dict: &mut Option<Ref>, pairs: Vec<(Ref, Ref)>) -> PyResult<()> {
        let big = pairs.len() * 2 > 30;
        let sub = if big {
            self.new_dict()
        } else {
            let unicode = pairs.iter().all(|(k, _)| matches!(&**k, Obj::Str(_)));
            self.dict_from(crate::objects::DictObj::presized(pairs.len(), unicode))
        };
        for (k, v) in pairs {
            self.dict_set(&sub, k, v)?;
        }
        match dict {
            None => *dict = Some(sub),
            Some(d) => {
                let d = d.clone();
                self.dict_update(&d, &sub)?;
            }
        }
        Ok(())
    }

    /// The error of `*x` in a list or tuple display (`LIST_EXTEND`): when `x` is not
    /// iterable at all, CPython names the display's star instead of the iteration.
    #[cold]
    pub(crate) fn star_display_error(&mut self, u: Unwind, iterable: &Ref) -> Unwind {
        if self.is_iterable(iterable) {
            return u;
        }
        self.err(
            "TypeError",
            format!(
                "Value after * must be an iterable, not {}",
                self.type_name(iterable)
            ),
        )
    }

    /// Elements of a display, with `*iterable` unpacked.
    pub fn eval_sequence(&mut self, f: &mut Frame, elts: &[Expr]) -> PyResult<Vec<Ref>> {
        let mut items = Vec::with_capacity(elts.len());
        for e in elts {
            if let ExprKind::Starred(inner) = &e.kind {
                let iterable = self.eval(f, inner)?;
                if let Err(u) = self.extend_from_iterable(&mut items, &iterable) {
                    return Err(self.star_display_error(u, &iterable));
                }
            } else {
                items.push(self.eval(f, e)?);
            }
        }
        Ok(items)
    }

    /// A list display, with CPython's allocation: `BUILD_LIST n` for plain items; three or
    /// more constants are one constant tuple extended into an empty list; `*x` extends.
    fn eval_list_display(&mut self, f: &mut Frame, elts: &[Expr]) -> PyResult {
        use crate::objects::ListObj;
        let starred = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !starred {
            let all_const =
                elts.len() >= 3 && elts.iter().all(|e| matches!(e.kind, ExprKind::Const(_)));
            let mut items = Vec::with_capacity(elts.len());
            for e in elts {
                items.push(self.eval(f, e)?);
            }
            let store = if all_const {
                ListObj::from_sequence(items)
            } else {
                ListObj::exact(items)
            };
            return Ok(self.list_from(store));
        }
        // Items before the first `*` are built exactly, the rest extended or appended.
        let first_star = elts
            .iter()
            .position(|e| matches!(e.kind, ExprKind::Starred(_)))
            .unwrap_or(0);
        let mut head = Vec::with_capacity(first_star);
        for e in &elts[..first_star] {
            head.push(self.eval(f, e)?);
        }
        let list = self.new_list(head);
        for e in &elts[first_star..] {
            match &e.kind {
                ExprKind::Starred(inner) => {
                    let iterable = self.eval(f, inner)?;
                    if let Err(u) = crate::objects::list::extend_list(self, &list, &iterable) {
                        return Err(self.star_display_error(u, &iterable));
                    }
                }
                _ => {
                    let v = self.eval(f, e)?;
                    if let Obj::List(l) = &*list {
                        l.borrow_mut().push(v);
                    }
                }
            }
        }
        Ok(list)
    }

    fn eval_fstring(
        &mut self,
        f: &mut Frame,
        parts: &[FStringPart],
        out: &mut String,
    ) -> PyResult<()> {
        for part in parts {
            match part {
                FStringPart::Literal(s) => out.push_str(s),
                FStringPart::Field {
                    value,
                    conversion,
                    spec,
                } => {
                    let v = self.eval(f, value)?;
                    self.fstring_field(f, v, *conversion, spec.as_deref(), out)?;
                }
            }
        }
        Ok(())
    }

    /// An f-string that is a single replacement field is CPython's lone `FORMAT_VALUE`,
    /// whose result is used as it is: a str without conversion or spec is the same object
    /// (`f"{s}" is s`), an int or bool gives what `str()` gives (see
    /// [`Interp::conversion_result`]). `None` when the general path applies.
    fn lone_fstring_field(
        &mut self,
        v: &Ref,
        conversion: Option<char>,
        spec: Option<&[FStringPart]>,
    ) -> PyResult<Option<Ref>> {
        let spec_empty = spec.is_none_or(|parts| {
            parts
                .iter()
                .all(|p| matches!(p, FStringPart::Literal(s) if s.is_empty()))
        });
        if !spec_empty {
            return Ok(None);
        }
        match (&**v, conversion) {
            (Obj::Str(_), None | Some('s')) => Ok(Some(v.clone())),
            (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_), None | Some('s') | Some('r')) => {
                let text = self.str(v)?;
                Ok(Some(self.conversion_result(v, text)))
            }
            _ => Ok(None),
        }
    }

    /// One replacement field of an f-string, its value already evaluated: conversion,
    /// then the format spec (itself an f-string).
    #[inline]
    pub(crate) fn fstring_field(
        &mut self,
        f: &mut Frame,
        v: Ref,
        conversion: Option<char>,
        spec: Option<&[FStringPart]>,
        out: &mut String,
    ) -> PyResult<()> {
        let v = match conversion {
            Some('r') => {
                let s = self.repr(&v)?;
                self.new_string(s)
            }
            Some('s') => {
                let s = self.str(&v)?;
                self.new_string(s)
            }
            Some('a') => {
                let s = self.repr(&v)?;
                self.new_string(crate::format::ascii_escape(&s))
            }
            _ => v,
        };
        let spec_text = match spec {
            Some(spec) => {
                let mut s = String::new();
                self.eval_fstring(f, spec, &mut s)?;
                s
            }
            None => String::new(),
        };
        let text = self.format_value(&v, &spec_text)?;
        out.push_str(&text);
        Ok(())
    }

    // ------------------------------------------------------------------ names

    pub fn load_name(&mut self, f: &mut Frame, n: &Name) -> PyResult {
        match n.slot {
            NameSlot::Local(i) => match &f.locals[i as usize] {
                Some(v) => Ok(v.clone()),
                None => Err(self.err(
                    "UnboundLocalError",
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        n.id
                    ),
                )),
            },
            NameSlot::Cell(i) => self.load_cell(f, i, &n.id),
            NameSlot::Global => self.load_global(f, n),
            NameSlot::ClassBody => {
                if let Some(ns) = &f.class_ns {
                    if let Some(v) = self.dict_get_str(ns, n.key.get()) {
                        return Ok(v);
                    }
                }
                self.load_global(f, n)
            }
            NameSlot::ClassBodyCell(i) => {
                if let Some(ns) = &f.class_ns {
                    if let Some(v) = self.dict_get_str(ns, n.key.get()) {
                        return Ok(v);
                    }
                }
                self.load_cell(f, i, &n.id)
            }
            NameSlot::Unresolved => self.load_global(f, n),
        }
    }

    fn load_cell(&mut self, f: &Frame, i: u32, name: &str) -> PyResult {
        let cell = &f.cells[i as usize];
        if let Obj::Cell(c) = &**cell {
            if let Some(v) = &*c.borrow() {
                return Ok(v.clone());
            }
        }
        Err(self.err(
            "NameError",
            format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ),
        ))
    }

    fn load_global(&mut self, f: &Frame, n: &Name) -> PyResult {
        let key = n.key.get();
        let hints = n.key.hints();
        let version = self.dict_version(&f.globals);
        if hints.globals_miss.get() != version {
            if let Some(v) = self.dict_get_hinted(&f.globals, key, &hints.position) {
                return Ok(v);
            }
            hints.globals_miss.set(version);
        }
        if let Some(v) = self.dict_get_hinted(&self.builtins, key, &hints.builtin_position) {
            return Ok(v);
        }
        Err(self.name_error(n))
    }

    /// `NameError: name 'x' is not defined`, carrying the name.
    #[cold]
    pub fn name_error(&mut self, n: &Name) -> Unwind {
        let exc = self.new_exception("NameError", Some(format!("name '{}' is not defined", n.id)));
        if let Obj::Exception(e) = &*exc {
            *e.name.borrow_mut() = Some(n.key.get().clone());
        }
        Unwind::Exception(exc)
    }

    pub fn store_name(&mut self, f: &mut Frame, n: &Name, value: Ref) -> PyResult<()> {
        match n.slot {
            NameSlot::Local(i) => {
                // The old value is released after the new one is stored, as CPython does.
                let old = f.locals[i as usize].replace(value);
                drop(old);
                Ok(())
            }
            NameSlot::Cell(i) => {
                if let Obj::Cell(c) = &*f.cells[i as usize] {
                    let old = c.borrow_mut().replace(value);
                    drop(old);
                }
                Ok(())
            }
            NameSlot::ClassBody | NameSlot::ClassBodyCell(_) => {
                let ns = f.class_ns.clone().unwrap_or_else(|| f.globals.clone());
                self.dict_set(&ns, n.key.get().clone(), value)
            }
            NameSlot::Global | NameSlot::Unresolved => {
                let g = f.globals.clone();
                self.dict_set(&g, n.key.get().clone(), value)
            }
        }
    }

    pub fn delete_name(&mut self, f: &mut Frame, n: &Name) -> PyResult<()> {
        let missing = match n.slot {
            NameSlot::Local(i) => {
                let old = f.locals[i as usize].take();
                match old {
                    Some(v) => {
                        drop(v);
                        false
                    }
                    None => {
                        return Err(self.err(
                            "UnboundLocalError",
                            format!(
                                "cannot access local variable '{}' where it is not associated with a value",
                                n.id
                            ),
                        ))
                    }
                }
            }
            NameSlot::Cell(i) => {
                let old = match &*f.cells[i as usize] {
                    Obj::Cell(c) => c.borrow_mut().take(),
                    _ => None,
                };
                old.is_none()
            }
            NameSlot::ClassBody | NameSlot::ClassBodyCell(_) => {
                let ns = f.class_ns.clone().unwrap_or_else(|| f.globals.clone());
                self.dict_del_str(&ns, n.key.get()).is_none()
            }
            NameSlot::Global | NameSlot::Unresolved => {
                let g = f.globals.clone();
                self.dict_del_str(&g, n.key.get()).is_none()
            }
        };
        if missing {
            return Err(self.name_error(n));
        }
        Ok(())
    }

    // ------------------------------------------------------------------ comprehensions

    fn eval_comprehension(&mut self, f: &mut Frame, c: &Comprehension, kind: CompKind) -> PyResult {
        let first = self.eval(f, &c.generators[0].iter)?;
        let iter = self.get_iter(&first)?;
        drop(first);
        let name: &str = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
        };
        let mut cf = self.nested_frame(f, &c.scope, name);
        let result = match kind {
            CompKind::List => self.new_list(Vec::new()),
            CompKind::Set => self.new_set(),
            CompKind::Dict => self.new_dict(),
        };
        self.enter_call()?;
        let outcome = self.comprehension_level(&mut cf, c, 0, iter, &result, kind);
        let depth = self.depth;
        self.end_frame(&mut cf, &outcome, None, depth);
        self.leave_call();
        outcome?;
        Ok(result)
    }

    fn comprehension_level(
        &mut self,
        cf: &mut Frame,
        c: &Comprehension,
        level: usize,
        iter: Ref,
        result: &Ref,
        kind: CompKind,
    ) -> PyResult<()> {
        let gen = &c.generators[level];
        'items: while let Some(item) = self.next(&iter)? {
            self.assign(cf, &gen.target, item)?;
            for cond in &gen.ifs {
                let v = self.eval(cf, cond)?;
                if !self.truthy(&v)? {
                    continue 'items;
                }
            }
            if level + 1 < c.generators.len() {
                let inner = self.eval(cf, &c.generators[level + 1].iter)?;
                let inner_iter = self.get_iter(&inner)?;
                drop(inner);
                self.comprehension_level(cf, c, level + 1, inner_iter, result, kind)?;
                continue;
            }
            match kind {
                CompKind::List => {
                    let v = self.eval(cf, &c.element)?;
                    if let Obj::List(l) = &**result {
                        l.borrow_mut().push(v);
                    }
                }
                CompKind::Set => {
                    let v = self.eval(cf, &c.element)?;
                    self.set_add(result, v)?;
                }
                CompKind::Dict => {
                    let k = self.eval(cf, &c.element)?;
                    let v = match &c.value {
                        Some(v) => self.eval(cf, v)?,
                        None => self.none(),
                    };
                    self.dict_set(result, k, v)?;
                }
            }
        }
        Ok(())
    }

    /// A frame for a nested scope (comprehension, generator expression) sharing the
    /// enclosing frame's globals and closing over its cells.
    pub fn nested_frame(&mut self, f: &Frame, scope: &ScopeInfo, name: &str) -> Frame {
        let mut cells = Vec::with_capacity(scope.cells.len());
        for _ in 0..scope.own_cells {
            cells.push(self.new_cell(None));
        }
        for &src in &scope.free_sources {
            match f.cells.get(src as usize) {
                Some(c) => cells.push(c.clone()),
                None => cells.push(self.new_cell(None)),
            }
        }
        Frame {
            locals: vec![None; scope.locals.len()],
            cells,
            globals: f.globals.clone(),
            class_ns: None,
            consts: scope.consts.0.clone(),
            kind: super::frame::FrameKind::Function,
            unit: f.unit.clone(),
            name: name.into(),
            qual: f.qual.clone(),
            lineno: f.lineno,
            super_cell: None,
            first_arg_cell: None,
            code: None,
            obj: None,
        }
    }

    pub fn new_cell(&self, value: Option<Ref>) -> Ref {
        crate::heap::gc::track_new(Ref::new(Obj::Cell(std::cell::RefCell::new(value))))
    }

    pub fn new_slice(&self, parts: Vec<Ref>) -> Ref {
        let mut it = parts.into_iter();
        let a = it.next().unwrap_or_else(|| self.none());
        let b = it.next().unwrap_or_else(|| self.none());
        let c = it.next().unwrap_or_else(|| self.none());
        crate::heap::gc::track_new(Ref::new(Obj::Slice(Box::new([a, b, c]))))
    }

    /// Raises a fresh exception of a builtin class with a message.
    pub fn err(&mut self, class: &str, message: impl Into<String>) -> Unwind {
        let exc = self.new_exception(class, Some(message.into()));
        Unwind::Exception(exc)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
}
