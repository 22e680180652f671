//! Expressions containing a `yield`, evaluated so that the generator can suspend in the
//! middle of them (see `resume.rs`): operands evaluated before the `yield` are kept in a
//! [`Temps`] record while suspended, as CPython keeps them on the frame's value stack, and
//! nothing is evaluated twice. Also `yield` and `yield from` themselves (Language
//! Reference §6.2.9).

use super::generator::{Sent, Step};
use super::resume::{expr_has_yield, suspend, Rec, Resume, Temps};
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::Obj;
use crate::syntax::ast::*;

use super::frame::Frame;

impl Interp {
    /// Evaluates an operand: on the resumable path only if it contains a `yield`.
    #[inline]
    pub(crate) fn geval_child(&mut self, f: &mut Frame, e: &Expr, ctx: &mut Resume) -> PyResult {
        if expr_has_yield(e) {
            self.geval(f, e, ctx)
        } else {
            self.eval(f, e)
        }
    }

    /// An expression that contains a `yield`; an exception leaving it gets its
    /// traceback entry here, as in [`Interp::eval`].
    pub(crate) fn geval(&mut self, f: &mut Frame, e: &Expr, ctx: &mut Resume) -> PyResult {
        match self.geval_node(f, e, ctx) {
            Err(u) => Err(self.fault(f, e.span, u)),
            ok => ok,
        }
    }

    fn geval_node(&mut self, f: &mut Frame, e: &Expr, ctx: &mut Resume) -> PyResult {
        match &e.kind {
            ExprKind::Yield(value) => self.gyield(f, value.as_deref(), ctx),
            ExprKind::YieldFrom(value) => self.gyield_from(f, value, ctx),
            ExprKind::BinOp { left, op, right } => {
                let v = self.geval_operands(f, &[left, right], ctx)?;
                self.binary_op(&v[0], &v[1], *op)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.geval(f, operand, ctx)?;
                self.unary_op(&v, *op)
            }
            ExprKind::Attribute { value, key, .. } => {
                let v = self.geval(f, value, ctx)?;
                self.getattr(&v, key.get())
            }
            ExprKind::Subscript { value, index } => {
                let v = self.geval_operands(f, &[value, index], ctx)?;
                self.getitem(&v[0], &v[1])
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.geval(f, value, ctx)?;
                self.store_name(f, target, v.clone())?;
                Ok(v)
            }
            ExprKind::Slice { lower, upper, step } => {
                let parts: Vec<Option<&Expr>> =
                    [lower, upper, step].iter().map(|p| p.as_deref()).collect();
                let present: Vec<&Expr> = parts.iter().flatten().copied().collect();
                let mut vals = self.geval_operands(f, &present, ctx)?.into_iter();
                let mut out = Vec::with_capacity(3);
                for p in parts {
                    out.push(match p {
                        Some(_) => vals.next().unwrap_or_else(|| self.none()),
                        None => self.none(),
                    });
                }
                Ok(self.new_slice(out))
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) | ExprKind::Set(elts) => {
                let operands: Vec<&Expr> = elts
                    .iter()
                    .map(|x| match &x.kind {
                        ExprKind::Starred(inner) => &**inner,
                        _ => x,
                    })
                    .collect();
                let vals = self.geval_operands(f, &operands, ctx)?;
                let mut items = Vec::with_capacity(vals.len());
                let is_set = matches!(e.kind, ExprKind::Set(_));
                for (x, v) in elts.iter().zip(vals) {
                    if matches!(x.kind, ExprKind::Starred(_)) {
                        if let Err(u) = self.extend_from_iterable(&mut items, &v) {
                            return Err(if is_set {
                                u
                            } else {
                                self.star_display_error(u, &v)
                            });
                        }
                    } else {
                        items.push(v);
                    }
                }
                match &e.kind {
                    ExprKind::Tuple(_) => Ok(self.new_tuple(items)),
                    ExprKind::List(_) => Ok(self.new_list(items)),
                    _ => {
                        let set = self.new_set();
                        for item in items {
                            self.set_add(&set, item)?;
                        }
                        Ok(set)
                    }
                }
            }
            ExprKind::Dict(entries) => {
                let mut operands: Vec<&Expr> = Vec::with_capacity(entries.len() * 2);
                for item in entries {
                    if let Some(k) = &item.key {
                        operands.push(k);
                    }
                    operands.push(&item.value);
                }
                let mut vals = self.geval_operands(f, &operands, ctx)?.into_iter();
                let dict = self.new_dict();
                for item in entries {
                    let (Some(first), key) = (vals.next(), item.key.is_some()) else {
                        return Err(self.corrupt());
                    };
                    if key {
                        let Some(value) = vals.next() else {
                            return Err(self.corrupt());
                        };
                        self.dict_set(&dict, first, value)?;
                    } else {
                        self.dict_merge_display(&dict, &first)?;
                    }
                }
                Ok(dict)
            }
            ExprKind::BoolOp { op, values } => {
                let start = self.resume_step(ctx)?.map_or(0, |t| t.step as usize);
                let last = values.len() - 1;
                for (i, v) in values.iter().enumerate().skip(start) {
                    let value =
                        suspend!(self.geval_child(f, v, ctx), ctx, Temps::at(i, Vec::new()))?;
                    if i == last {
                        return Ok(value);
                    }
                    let truth = self.truthy(&value)?;
                    if (*op == BoolOp::And) != truth {
                        return Ok(value);
                    }
                }
                Err(self.corrupt())
            }
            ExprKind::IfExp { test, body, orelse } => {
                let mut step = self.resume_step(ctx)?.map_or(0, |t| t.step as usize);
                if step == 0 {
                    let t = suspend!(
                        self.geval_child(f, test, ctx),
                        ctx,
                        Temps::at(0, Vec::new())
                    )?;
                    step = if self.truthy(&t)? { 1 } else { 2 };
                }
                let branch = if step == 1 { body } else { orelse };
                suspend!(
                    self.geval_child(f, branch, ctx),
                    ctx,
                    Temps::at(step, Vec::new())
                )
            }
            ExprKind::Compare { left, ops } => {
                let (mut a, start) = match self.resume_step(ctx)? {
                    Some(t) => (t.vals.into_iter().next(), t.step as usize),
                    None => (None, 0),
                };
                if start == 0 {
                    a = Some(suspend!(
                        self.geval_child(f, left, ctx),
                        ctx,
                        Temps::at(0, Vec::new())
                    )?);
                }
                let Some(mut a) = a else {
                    return Err(self.corrupt());
                };
                let last = ops.len() - 1;
                for (i, (op, right)) in ops.iter().enumerate().skip(start.saturating_sub(1)) {
                    let b = suspend!(
                        self.geval_child(f, right, ctx),
                        ctx,
                        Temps::at(i + 1, vec![a])
                    )?;
                    let result = self.compare(&a, &b, *op)?;
                    if i == last || !self.truthy(&result)? {
                        return Ok(result);
                    }
                    a = b;
                }
                Err(self.corrupt())
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.gcall(f, func, args, keywords, ctx),
            ExprKind::FString(parts) => {
                // The fields' values are the operands; format specs run afterwards.
                let operands: Vec<&Expr> = parts
                    .iter()
                    .filter_map(|p| match p {
                        FStringPart::Field { value, .. } => Some(&**value),
                        FStringPart::Literal(_) => None,
                    })
                    .collect();
                let mut vals = self.geval_operands(f, &operands, ctx)?.into_iter();
                let mut out = String::new();
                for part in parts {
                    match part {
                        FStringPart::Literal(s) => out.push_str(s),
                        FStringPart::Field {
                            conversion, spec, ..
                        } => {
                            let Some(v) = vals.next() else {
                                return Err(self.corrupt());
                            };
                            self.fstring_field(f, v, *conversion, spec.as_deref(), &mut out)?;
                        }
                    }
                }
                Ok(self.new_string(out))
            }
            _ => self.eval(f, e),
        }
    }

    /// The operands record of the expression being resumed, if resuming.
    fn resume_step(&mut self, ctx: &mut Resume) -> PyResult<Option<Temps>> {
        if !ctx.resuming() {
            return Ok(None);
        }
        match self.pop_rec(ctx)? {
            Rec::Temps(t) => Ok(Some(*t)),
            _ => Err(self.corrupt()),
        }
    }

    /// Evaluates operands left to right; a `yield` among them suspends with the earlier
    /// values kept.
    fn geval_operands(
        &mut self,
        f: &mut Frame,
        operands: &[&Expr],
        ctx: &mut Resume,
    ) -> PyResult<Vec<Ref>> {
        let (mut vals, start) = match self.resume_step(ctx)? {
            Some(t) => (t.vals, t.step as usize),
            None => (Vec::with_capacity(operands.len()), 0),
        };
        for (i, e) in operands.iter().enumerate().skip(start) {
            let v = suspend!(self.geval_child(f, e, ctx), ctx, Temps::at(i, vals))?;
            vals.push(v);
        }
        Ok(vals)
    }

    /// A call with a `yield` among its operands: `vals` holds the callable (and `self`
    /// for a method call), then the positional arguments.
    fn gcall(
        &mut self,
        f: &mut Frame,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
        ctx: &mut Resume,
    ) -> PyResult {
        let (mut vals, mut kw, start) = match self.resume_step(ctx)? {
            Some(t) => (t.vals, t.kw, t.step as usize),
            None => (Vec::with_capacity(args.len() + 2), Vec::new(), 0),
        };
        if start == 0 {
            if let ExprKind::Attribute { value, key, .. } = &func.kind {
                let obj = suspend!(
                    self.geval_child(f, value, ctx),
                    ctx,
                    Temps::with_kw(0, vals, kw)
                )?;
                match self.lookup_method(&obj, key.get(), Some(key.hints()))? {
                    Some(function) => {
                        vals.push(function);
                        vals.push(obj);
                    }
                    None => vals.push(self.getattr(&obj, key.get())?),
                }
            } else {
                let callable = suspend!(
                    self.geval_child(f, func, ctx),
                    ctx,
                    Temps::with_kw(0, vals, kw)
                )?;
                vals.push(callable);
            }
        }
        for (i, a) in args.iter().enumerate().skip(start.saturating_sub(1)) {
            let step = i + 1;
            if let ExprKind::Starred(inner) = &a.kind {
                let iterable = suspend!(
                    self.geval_child(f, inner, ctx),
                    ctx,
                    Temps::with_kw(step, vals, kw)
                )?;
                if let Err(u) = self.extend_from_iterable(&mut vals, &iterable) {
                    let callable = vals[0].clone();
                    return Err(self.star_argument_error(u, &callable, &iterable, args.len()));
                }
            } else {
                let v = suspend!(
                    self.geval_child(f, a, ctx),
                    ctx,
                    Temps::with_kw(step, vals, kw)
                )?;
                vals.push(v);
            }
        }
        let first_kw = args.len() + 1;
        for (j, k) in keywords
            .iter()
            .enumerate()
            .skip(start.saturating_sub(first_kw))
        {
            let step = first_kw + j;
            let v = suspend!(
                self.geval_child(f, &k.value, ctx),
                ctx,
                Temps::with_kw(step, vals, kw)
            )?;
            match &k.arg {
                Some(_) => kw.push((k.key.get().clone(), v)),
                None => {
                    let callable = vals[0].clone();
                    self.extend_kwargs(&mut kw, &v, &callable)?;
                }
            }
        }
        if vals.is_empty() {
            return Err(self.corrupt());
        }
        let callable = vals.remove(0);
        self.call_with(&callable, vals, kw)
    }

    /// `yield value`: suspends; on resuming evaluates to what was sent, or raises what
    /// was thrown.
    fn gyield(&mut self, f: &mut Frame, value: Option<&Expr>, ctx: &mut Resume) -> PyResult {
        let mut in_value = false;
        if ctx.resuming() {
            match ctx.pop_plain() {
                Some(Rec::Yield) => return self.take_sent(ctx),
                Some(Rec::At(0)) => in_value = true,
                _ => return Err(self.corrupt()),
            }
        }
        let v = match value {
            Some(e) if in_value => suspend!(self.geval(f, e, ctx), ctx, Rec::At(0))?,
            Some(e) => suspend!(self.geval_child(f, e, ctx), ctx, Rec::At(0))?,
            None => self.none(),
        };
        ctx.stack.push(Rec::Yield);
        Err(Unwind::Yield(v))
    }

    /// What the suspended `yield` evaluates to.
    pub(crate) fn take_sent(&mut self, ctx: &mut Resume) -> PyResult {
        match ctx.sent.take() {
            Some(Sent::Value(v)) => Ok(v),
            Some(Sent::Throw(e)) => {
                // Chained only to an exception the generator itself is handling
                // (`_PyErr_ChainStackItem` with the generator's exception state).
                if self.handling.len() > ctx.handling_base {
                    self.set_context(&e);
                }
                Err(Unwind::Exception(e))
            }
            None => Ok(self.none()),
        }
    }

    /// `yield from iterable`: delegates `next`/`send`/`throw`/`close` to the iterator
    /// until it finishes; evaluates to its return value (CPython 3.11's SEND and
    /// `_gen_throw`).
    fn gyield_from(&mut self, f: &mut Frame, value: &Expr, ctx: &mut Resume) -> PyResult {
        let (sub, step) = if ctx.resuming() {
            let Rec::YieldFrom(sub) = self.pop_rec(ctx)? else {
                return Err(self.corrupt());
            };
            let sent = ctx.sent.take().unwrap_or_else(|| Sent::Value(self.none()));
            let step = self.delegate(&sub, sent);
            (sub, step)
        } else {
            let v = self.eval(f, value)?;
            let sub = self.get_iter(&v)?;
            drop(v);
            let step = self.delegate(&sub, Sent::Value(self.none()));
            (sub, step)
        };
        match step? {
            Step::Yielded(x) => {
                ctx.stack.push(Rec::YieldFrom(sub));
                Err(Unwind::Yield(x))
            }
            Step::Returned(r) => Ok(r),
        }
    }

    /// One step of the iterator a `yield from` delegates to.
    fn delegate(&mut self, sub: &Ref, sent: Sent) -> PyResult<Step> {
        if let Obj::Generator(_) = &**sub {
            return match sent {
                Sent::Throw(exc) if self.is_instance_of(&exc, "GeneratorExit") => {
                    // Closing the delegating generator closes the sub-generator first.
                    self.generator_close(sub)?;
                    Err(Unwind::Exception(exc))
                }
                sent => self.generator_resume(sub, sent),
            };
        }
        match sent {
            Sent::Value(v) if matches!(&*v, Obj::None) => match &**sub {
                Obj::Iter(_) | Obj::File(_) => Ok(match self.next(sub)? {
                    Some(x) => Step::Yielded(x),
                    None => Step::Returned(self.none()),
                }),
                _ => {
                    let name = self.names.get(super::names::N::next).clone();
                    match self.special_method(sub, &name) {
                        Some(m) => self.call_for_step(&m, vec![]),
                        None => {
                            let t = self.type_name(sub);
                            Err(self.err("TypeError", format!("'{t}' object is not an iterator")))
                        }
                    }
                }
            },
            Sent::Value(v) => {
                let name = self.intern("send");
                let m = self.getattr(sub, &name)?;
                self.call_for_step(&m, vec![v])
            }
            Sent::Throw(exc) => {
                if self.is_instance_of(&exc, "GeneratorExit") {
                    let name = self.intern("close");
                    if let Some(close) = self.getattr_opt(sub, &name)? {
                        self.call(&close, vec![])?;
                    }
                    return Err(Unwind::Exception(exc));
                }
                let name = self.intern("throw");
                match self.getattr_opt(sub, &name)? {
                    Some(throw) => self.call_for_step(&throw, vec![exc]),
                    None => Err(Unwind::Exception(exc)),
                }
            }
        }
    }

    /// Calls `__next__`/`send`/`throw` of a delegated-to iterator: StopIteration means it
    /// finished, with `StopIteration.value` as its result.
    fn call_for_step(&mut self, method: &Ref, args: Vec<Ref>) -> PyResult<Step> {
        match self.call(method, args) {
            Ok(v) => Ok(Step::Yielded(v)),
            Err(Unwind::Exception(e)) if self.is_instance_of(&e, "StopIteration") => {
                let value = match &*e {
                    Obj::Exception(x) => {
                        let args = x.args.borrow().clone();
                        self.sequence_items(&args).into_iter().next()
                    }
                    _ => None,
                };
                Ok(Step::Returned(value.unwrap_or_else(|| self.none())))
            }
            Err(e) => Err(e),
        }
    }
}

impl Temps {
    fn at(step: usize, vals: Vec<Ref>) -> Rec {
        Rec::Temps(Box::new(Temps {
            vals,
            kw: Vec::new(),
            step: step as u32,
        }))
    }

    fn with_kw(step: usize, vals: Vec<Ref>, kw: Vec<(Ref, Ref)>) -> Rec {
        Rec::Temps(Box::new(Temps {
            vals,
            kw,
            step: step as u32,
        }))
    }
}
