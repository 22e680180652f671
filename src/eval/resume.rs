//! Running a generator's body so that it can stop at a `yield` and later continue, with no
//! native stack of its own (DESIGN §5).
//!
//! Only statements that contain a `yield` (the resolver marks them, `Stmt::yields`) take
//! this path; the others run on the ordinary evaluator, so ordinary functions pay nothing.
//!
//! Suspending: the `yield` returns `Err(Unwind::Yield(value))`. Each construct the yield
//! passes on its way out pushes one [`Rec`] saying where it stands (statement index, loop
//! iterator, `try` phase, operands already evaluated …) — innermost first.
//!
//! Resuming: the body is entered again with those records. A construct that finds the
//! stack non-empty is on the path to the suspended `yield`: it pops its record (the top
//! one, outermost first) and goes straight to the recorded place; the `yield` itself pops
//! the last record and evaluates to the sent value, or raises what `throw()` sent. From
//! there on the stack is empty and everything runs normally.
//!
//! Worked example, `for x in it: total += yield x` suspended at the yield:
//! the `AugAssign` pushes `Temps([total])` (the value loaded before the yield), the loop
//! body's block `Block(0)`, the `for` `Iter(it)`, the function body's block `Block(1)`.
//! `send(5)` pops `Block(1)`, `Iter(it)`, `Block(0)`, `Temps`, then `Yield`: `5` is added
//! to the saved `total` and the loop carries on with the same iterator.

use super::frame::Frame;
use super::generator::Sent;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::syntax::ast::*;

pub use crate::compile::resolve::expr_has_yield;

/// Where one construct stands in a suspended generator.
pub enum Rec {
    /// Index of the statement running in a block.
    Block(u32),
    /// Phase of an `if`/`while` (0 test, 1 body, 2 else) or `for` (0 iterable, 2 else).
    At(u32),
    /// A `for` loop (or generator-expression level) in its body, with its iterator.
    Iter(Ref),
    /// The suspended `yield` itself.
    Yield,
    /// A suspended `yield from`, with the iterator it delegates to.
    YieldFrom(Ref),
    TryBody,
    TryElse,
    /// In `except` clause number `.0`, handling `.1`.
    Handler(u32, Ref),
    /// In a `finally` block; what happens after it: nothing pending, a `return`, a
    /// `break`, a `continue`, an exception.
    FinallyNothing,
    FinallyReturn(Ref),
    FinallyBreak,
    FinallyContinue,
    FinallyRaise(Ref),
    /// Inside a `with` item, with the manager's `__exit__`.
    With(Ref),
    /// An expression with operands evaluated before the one that yielded.
    Temps(Box<Temps>),
}

/// Operands evaluated so far (CPython keeps them on the frame's value stack).
pub struct Temps {
    pub vals: Vec<Ref>,
    /// Keyword arguments of a call.
    pub kw: Vec<(Ref, Ref)>,
    /// The operand that yielded.
    pub step: u32,
}

impl Rec {
    /// Whether closing a generator suspended here runs code (`finally`, `except`,
    /// `__exit__`, the sub-iterator's `close`).
    pub fn runs_code_on_close(&self) -> bool {
        matches!(
            self,
            Rec::TryBody
                | Rec::TryElse
                | Rec::Handler(..)
                | Rec::FinallyNothing
                | Rec::FinallyReturn(_)
                | Rec::FinallyBreak
                | Rec::FinallyContinue
                | Rec::FinallyRaise(_)
                | Rec::With(_)
                | Rec::YieldFrom(_)
        )
    }

    pub fn visit_refs(&self, visit: &mut dyn FnMut(&Ref)) {
        match self {
            Rec::Iter(r) | Rec::YieldFrom(r) | Rec::Handler(_, r) | Rec::With(r) => visit(r),
            Rec::FinallyReturn(r) | Rec::FinallyRaise(r) => visit(r),
            Rec::Temps(t) => {
                t.vals.iter().for_each(&mut *visit);
                for (k, v) in &t.kw {
                    visit(k);
                    visit(v);
                }
            }
            _ => {}
        }
    }
}

/// The records of a generator being resumed, and what the suspended `yield` receives.
pub struct Resume {
    pub stack: Vec<Rec>,
    pub sent: Option<Sent>,
    /// Length of `Interp::handling` when the generator was resumed: entries above it are
    /// the exceptions the generator itself is handling (CPython's `gi_exc_state`).
    pub handling_base: usize,
}

impl Resume {
    /// True while descending to the suspended `yield`.
    #[inline]
    pub fn resuming(&self) -> bool {
        !self.stack.is_empty()
    }

    /// Pops the top record if it holds no reference (`Block`, `At`, `Yield`), as a copy;
    /// otherwise leaves the stack alone and returns `None`. Spares the hot resume path
    /// the records' drop glue.
    #[inline]
    pub fn pop_plain(&mut self) -> Option<Rec> {
        let copy = match self.stack.last()? {
            Rec::Block(i) => Rec::Block(*i),
            Rec::At(i) => Rec::At(*i),
            Rec::Yield => Rec::Yield,
            _ => return None,
        };
        std::mem::forget(self.stack.pop());
        Some(copy)
    }
}

/// Passes a result through; on a yield, records where the construct stands first.
macro_rules! suspend {
    ($result:expr, $ctx:expr, $rec:expr) => {
        match $result {
            Err(Unwind::Yield(v)) => {
                $ctx.stack.push($rec);
                return Err(Unwind::Yield(v));
            }
            other => other,
        }
    };
}
pub(crate) use suspend;

impl Interp {
    /// The record a construct on the way to the suspended `yield` expects; a mismatch
    /// is an evaluator bug, reported as SystemError rather than a panic.
    pub(crate) fn pop_rec(&mut self, ctx: &mut Resume) -> PyResult<Rec> {
        match ctx.stack.pop() {
            Some(r) => Ok(r),
            None => Err(self.corrupt()),
        }
    }

    pub(crate) fn corrupt(&mut self) -> Unwind {
        self.err("SystemError", "generator resume state is inconsistent")
    }

    pub(crate) fn gexec_block(
        &mut self,
        f: &mut Frame,
        body: &[Stmt],
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let start = if ctx.resuming() {
            match ctx.pop_plain() {
                Some(Rec::Block(i)) => i as usize,
                _ => return Err(self.corrupt()),
            }
        } else {
            0
        };
        for (i, s) in body.iter().enumerate().skip(start) {
            if s.yields {
                suspend!(self.gexec(f, s, ctx), ctx, Rec::Block(i as u32))?;
            } else {
                self.exec(f, s)?;
            }
        }
        Ok(())
    }

    /// A statement containing a `yield`.
    /// Runs a statement containing a `yield`; an exception it raises itself gets its
    /// traceback entry here, as in [`Interp::exec`].
    fn gexec(&mut self, f: &mut Frame, s: &Stmt, ctx: &mut Resume) -> PyResult<()> {
        match self.gexec_node(f, s, ctx) {
            Err(u @ Unwind::Exception(_)) => Err(self.fault(f, s.span, u)),
            other => other,
        }
    }

    fn gexec_node(&mut self, f: &mut Frame, s: &Stmt, ctx: &mut Resume) -> PyResult<()> {
        if !ctx.resuming() {
            if !self.pending_back.is_empty() {
                let depth = self.depth;
                self.link_callees(f, depth);
            }
            f.lineno = s.line;
            if crate::heap::raw::has_pending() || self.gc_due.get() {
                self.safe_point()?;
            }
        }
        match &s.kind {
            StmtKind::Expr(e) => {
                let v = self.geval(f, e, ctx)?;
                drop(v);
                Ok(())
            }
            StmtKind::Assign { targets, value } if !targets.iter().any(expr_has_yield) => {
                let v = self.geval(f, value, ctx)?;
                let last = targets.len() - 1;
                for (i, t) in targets.iter().enumerate() {
                    if i == last {
                        return self.assign(f, t, v);
                    }
                    self.assign(f, t, v.clone())?;
                }
                Ok(())
            }
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } if !expr_has_yield(target) => {
                let v = self.geval(f, value, ctx)?;
                self.assign(f, target, v)
            }
            StmtKind::AugAssign { target, op, value } if !expr_has_yield(target) => {
                self.gexec_aug_assign(f, target, *op, value, ctx)
            }
            StmtKind::Return(Some(value)) => {
                let v = self.geval(f, value, ctx)?;
                Err(Unwind::Return(v))
            }
            StmtKind::If { test, body, orelse } => {
                let mut stage = if ctx.resuming() { self.pop_at(ctx)? } else { 0 };
                if stage == 0 {
                    let t = suspend!(self.geval_head(f, s, test, ctx), ctx, Rec::At(0))?;
                    stage = if self.truthy(&t)? { 1 } else { 2 };
                }
                let block = if stage == 1 { body } else { orelse };
                suspend!(self.gexec_block(f, block, ctx), ctx, Rec::At(stage))
            }
            StmtKind::While { test, body, orelse } => {
                self.gexec_while(f, s, test, body, orelse, ctx)
            }
            StmtKind::For { target, .. } if !s.yields_here || !expr_has_yield(target) => {
                self.gexec_for(f, s, ctx)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.gexec_try(f, body, handlers, orelse, finalbody, ctx),
            StmtKind::With { items, body } => self.gexec_with(f, items, body, ctx),
            StmtKind::Assert { test, msg } if !msg.as_ref().is_some_and(expr_has_yield) => {
                let t = self.geval(f, test, ctx)?;
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
                let at = super::stmt::assertion_position(test).unwrap_or(s.span);
                Err(self.fault(f, at, Unwind::Exception(exc)))
            }
            StmtKind::Raise {
                exc: Some(exc),
                cause,
            } => {
                let value = self.geval(f, exc, ctx)?;
                let exc = self.make_raisable(value)?;
                if let Some(c) = cause {
                    let c = self.eval(f, c)?;
                    let cause = if matches!(&*c, crate::objects::Obj::None) {
                        None
                    } else {
                        Some(self.make_raisable(c)?)
                    };
                    if let crate::objects::Obj::Exception(e) = &*exc {
                        *e.cause.borrow_mut() = cause;
                        e.suppress_context.set(true);
                    }
                }
                Err(Unwind::Exception(exc))
            }
            // Yields elsewhere (decorators, defaults, targets …) are not resumable.
            _ => self.exec(f, s),
        }
    }

    /// A compound statement's own expression: resumable only if the resolver found a
    /// `yield` in the statement's own expressions.
    #[inline]
    fn geval_head(&mut self, f: &mut Frame, s: &Stmt, e: &Expr, ctx: &mut Resume) -> PyResult {
        if s.yields_here {
            self.geval_child(f, e, ctx)
        } else {
            self.eval(f, e)
        }
    }

    fn pop_at(&mut self, ctx: &mut Resume) -> PyResult<u32> {
        match ctx.pop_plain() {
            Some(Rec::At(i)) => Ok(i),
            _ => Err(self.corrupt()),
        }
    }

    /// `target op= value` with a `yield` in the value: the target's object, index and
    /// old value are loaded first (and kept while suspended), as CPython does.
    fn gexec_aug_assign(
        &mut self,
        f: &mut Frame,
        target: &Expr,
        op: BinOp,
        value: &Expr,
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let mut vals = if ctx.resuming() {
            match self.pop_rec(ctx)? {
                Rec::Temps(t) => t.vals,
                _ => return Err(self.corrupt()),
            }
        } else {
            match &target.kind {
                ExprKind::Name(n) => vec![self.load_name(f, n)?],
                ExprKind::Attribute {
                    value: obj, key, ..
                } => {
                    let o = self.eval(f, obj)?;
                    let old = self.getattr(&o, key.get())?;
                    vec![o, old]
                }
                ExprKind::Subscript { value: obj, index } => {
                    let o = self.eval(f, obj)?;
                    let i = self.eval(f, index)?;
                    let old = self.getitem(&o, &i)?;
                    vec![o, i, old]
                }
                _ => {
                    return Err(
                        self.err("SyntaxError", "illegal expression for augmented assignment")
                    )
                }
            }
        };
        let v = suspend!(
            self.geval(f, value, ctx),
            ctx,
            Rec::Temps(Box::new(Temps {
                vals,
                kw: Vec::new(),
                step: 0
            }))
        )?;
        let Some(old) = vals.pop() else {
            return Err(self.corrupt());
        };
        let new = self.inplace_op(old, &v, op)?;
        match (&target.kind, vals.as_slice()) {
            (ExprKind::Name(n), []) => self.store_name(f, n, new),
            (ExprKind::Attribute { key, .. }, [o]) => self.setattr(o, key.get(), new),
            (ExprKind::Subscript { .. }, [o, i]) => self.setitem(o, i, new),
            _ => Err(self.corrupt()),
        }
    }

    fn gexec_while(
        &mut self,
        f: &mut Frame,
        s: &Stmt,
        test: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let mut stage = if ctx.resuming() { self.pop_at(ctx)? } else { 0 };
        loop {
            if stage == 0 {
                let t = suspend!(self.geval_head(f, s, test, ctx), ctx, Rec::At(0))?;
                stage = if self.truthy(&t)? { 1 } else { 2 };
            }
            if stage == 2 {
                return suspend!(self.gexec_block(f, orelse, ctx), ctx, Rec::At(2));
            }
            match self.gexec_block(f, body, ctx) {
                Ok(()) | Err(Unwind::Continue) => stage = 0,
                Err(Unwind::Break) => return Ok(()),
                Err(Unwind::Yield(v)) => {
                    ctx.stack.push(Rec::At(1));
                    return Err(Unwind::Yield(v));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// A `for` loop whose body (or iterable) yields; the target holds no `yield`.
    fn gexec_for(&mut self, f: &mut Frame, s: &Stmt, ctx: &mut Resume) -> PyResult<()> {
        let StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } = &s.kind
        else {
            return Err(self.corrupt());
        };
        let resumed = if ctx.resuming() {
            Some(self.pop_rec(ctx)?)
        } else {
            None
        };
        let (it, mut in_body) = match resumed {
            Some(Rec::Iter(it)) => (it, true),
            Some(Rec::At(2)) => return suspend!(self.gexec_block(f, orelse, ctx), ctx, Rec::At(2)),
            Some(Rec::At(0)) | None => {
                let iterable = suspend!(self.geval_head(f, s, iter, ctx), ctx, Rec::At(0))?;
                let it = self.get_iter(&iterable)?;
                drop(iterable);
                (it, false)
            }
            Some(_) => return Err(self.corrupt()),
        };
        loop {
            if !in_body {
                let item = match self.next(&it) {
                    Ok(Some(item)) => item,
                    Ok(None) => break,
                    Err(e) => {
                        f.lineno = s.line;
                        return Err(e);
                    }
                };
                self.assign(f, target, item)?;
            }
            in_body = false;
            match self.gexec_block(f, body, ctx) {
                Ok(()) | Err(Unwind::Continue) => {}
                Err(Unwind::Break) => return Ok(()),
                Err(Unwind::Yield(v)) => {
                    ctx.stack.push(Rec::Iter(it));
                    return Err(Unwind::Yield(v));
                }
                Err(e) => return Err(e),
            }
        }
        drop(it);
        suspend!(self.gexec_block(f, orelse, ctx), ctx, Rec::At(2))
    }

    fn gexec_try(
        &mut self,
        f: &mut Frame,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let resumed = if ctx.resuming() {
            Some(self.pop_rec(ctx)?)
        } else {
            None
        };
        let outcome = match resumed {
            None | Some(Rec::TryBody) => {
                let outcome = suspend!(self.gexec_block(f, body, ctx), ctx, Rec::TryBody);
                match outcome {
                    Err(Unwind::Exception(exc)) => {
                        let depth = self.depth;
                        self.traceback_here(f, &exc, depth);
                        self.gexec_handlers(f, exc, handlers, ctx)
                    }
                    Ok(()) => suspend!(self.gexec_block(f, orelse, ctx), ctx, Rec::TryElse),
                    other => other,
                }
            }
            Some(Rec::TryElse) => suspend!(self.gexec_block(f, orelse, ctx), ctx, Rec::TryElse),
            Some(Rec::Handler(i, exc)) => match handlers.get(i as usize) {
                Some(h) => self.gexec_handler_body(f, i, h, exc, ctx),
                None => Err(self.corrupt()),
            },
            Some(Rec::FinallyNothing) => return self.gexec_finally(f, finalbody, Ok(()), ctx),
            Some(Rec::FinallyReturn(v)) => {
                return self.gexec_finally(f, finalbody, Err(Unwind::Return(v)), ctx)
            }
            Some(Rec::FinallyBreak) => {
                return self.gexec_finally(f, finalbody, Err(Unwind::Break), ctx)
            }
            Some(Rec::FinallyContinue) => {
                return self.gexec_finally(f, finalbody, Err(Unwind::Continue), ctx)
            }
            Some(Rec::FinallyRaise(e)) => {
                return self.gexec_finally(f, finalbody, Err(Unwind::Exception(e)), ctx)
            }
            Some(_) => Err(self.corrupt()),
        };
        if matches!(outcome, Err(Unwind::Yield(_))) || finalbody.is_empty() {
            return outcome;
        }
        self.gexec_finally(f, finalbody, outcome, ctx)
    }

    fn gexec_handlers(
        &mut self,
        f: &mut Frame,
        exc: Ref,
        handlers: &[ExceptHandler],
        ctx: &mut Resume,
    ) -> PyResult<()> {
        for (i, h) in handlers.iter().enumerate() {
            if !self.handler_matches(f, h, &exc)? {
                continue;
            }
            if let Some(name) = &h.name {
                self.store_name(f, name, exc.clone())?;
            }
            return self.gexec_handler_body(f, i as u32, h, exc, ctx);
        }
        Err(Unwind::Exception(exc))
    }

    /// An `except` body; while suspended in it, the generator (not its caller) holds the
    /// exception being handled.
    fn gexec_handler_body(
        &mut self,
        f: &mut Frame,
        index: u32,
        h: &ExceptHandler,
        exc: Ref,
        ctx: &mut Resume,
    ) -> PyResult<()> {
        self.handling.push(exc);
        let result = self.gexec_block(f, &h.body, ctx);
        let exc = self.handling.pop();
        if let Err(Unwind::Yield(v)) = result {
            let Some(exc) = exc else {
                return Err(self.corrupt());
            };
            ctx.stack.push(Rec::Handler(index, exc));
            return Err(Unwind::Yield(v));
        }
        drop(exc);
        if let Some(name) = &h.name {
            let _ = self.delete_name(f, name);
        }
        result
    }

    fn gexec_finally(
        &mut self,
        f: &mut Frame,
        finalbody: &[Stmt],
        outcome: PyResult<()>,
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let pending = match &outcome {
            Err(Unwind::Exception(e)) => Some(e.clone()),
            _ => None,
        };
        if let Some(e) = &pending {
            if !ctx.resuming() {
                let depth = self.depth;
                self.traceback_here(f, e, depth);
            }
            self.handling.push(e.clone());
        }
        let fin = self.gexec_block(f, finalbody, ctx);
        if pending.is_some() {
            self.handling.pop();
        }
        match fin {
            Ok(()) => outcome,
            Err(Unwind::Yield(v)) => {
                let rec = match outcome {
                    Ok(()) => Rec::FinallyNothing,
                    Err(Unwind::Return(r)) => Rec::FinallyReturn(r),
                    Err(Unwind::Break) => Rec::FinallyBreak,
                    Err(Unwind::Continue) => Rec::FinallyContinue,
                    Err(Unwind::Exception(e)) => Rec::FinallyRaise(e),
                    Err(Unwind::Yield(_)) => return Err(self.corrupt()),
                };
                ctx.stack.push(rec);
                Err(Unwind::Yield(v))
            }
            Err(e) => Err(e),
        }
    }

    fn gexec_with(
        &mut self,
        f: &mut Frame,
        items: &[WithItem],
        body: &[Stmt],
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.gexec_block(f, body, ctx);
        };
        let (exit, outcome) = if ctx.resuming() {
            match self.pop_rec(ctx)? {
                Rec::With(exit) => {
                    let outcome = self.gexec_with(f, rest, body, ctx);
                    (exit, outcome)
                }
                _ => return Err(self.corrupt()),
            }
        } else {
            let (exit, mut outcome) = self.enter_with_item(f, item)?;
            if outcome.is_ok() {
                outcome = self.gexec_with(f, rest, body, ctx);
            }
            (exit, outcome)
        };
        if let Err(Unwind::Yield(v)) = outcome {
            ctx.stack.push(Rec::With(exit));
            return Err(Unwind::Yield(v));
        }
        if let Err(Unwind::Exception(exc)) = &outcome {
            let depth = self.depth;
            self.traceback_here(f, exc, depth);
        }
        self.exit_with_item(exit, outcome)
    }

    /// One level of a generator expression's loops; the innermost yields the element.
    pub(crate) fn genexp_level(
        &mut self,
        f: &mut Frame,
        c: &Comprehension,
        level: usize,
        ctx: &mut Resume,
    ) -> PyResult<()> {
        let gen = &c.generators[level];
        let innermost = level + 1 == c.generators.len();
        let (it, mut resume) = if ctx.resuming() {
            match self.pop_rec(ctx)? {
                Rec::Iter(it) => (it, true),
                _ => return Err(self.corrupt()),
            }
        } else if level == 0 {
            // The argument `.0`: the iterator made in the enclosing scope.
            match f.locals.last().cloned().flatten() {
                Some(it) => (it, false),
                None => return Err(self.corrupt()),
            }
        } else {
            let iterable = self.eval(f, &gen.iter)?;
            let it = self.get_iter(&iterable)?;
            drop(iterable);
            (it, false)
        };
        'items: loop {
            if !resume {
                let Some(item) = self.next(&it)? else {
                    return Ok(());
                };
                self.assign(f, &gen.target, item)?;
                for cond in &gen.ifs {
                    let v = self.eval(f, cond)?;
                    if !self.truthy(&v)? {
                        continue 'items;
                    }
                }
            }
            let r = if !innermost {
                self.genexp_level(f, c, level + 1, ctx)
            } else if resume {
                match self.pop_rec(ctx)? {
                    Rec::Yield => self.take_sent(ctx).map(drop),
                    _ => Err(self.corrupt()),
                }
            } else {
                let v = self.eval(f, &c.element)?;
                ctx.stack.push(Rec::Yield);
                Err(Unwind::Yield(v))
            };
            resume = false;
            suspend!(r, ctx, Rec::Iter(it))?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_stay_two_words() {
        // A suspended generator keeps one record per construct it is inside.
        assert_eq!(std::mem::size_of::<Rec>(), 16);
    }

    #[test]
    fn plain_records_pop_without_touching_others() {
        let mut ctx = Resume {
            stack: vec![Rec::Yield, Rec::Block(3), Rec::At(1)],
            sent: None,
            handling_base: 0,
        };
        assert!(matches!(ctx.pop_plain(), Some(Rec::At(1))));
        assert!(matches!(ctx.pop_plain(), Some(Rec::Block(3))));
        assert!(ctx.resuming());
        assert!(matches!(ctx.pop_plain(), Some(Rec::Yield)));
        assert!(!ctx.resuming());
        assert!(ctx.pop_plain().is_none());
    }

    #[test]
    fn only_try_with_and_delegation_need_closing() {
        assert!(!Rec::Block(0).runs_code_on_close());
        assert!(!Rec::At(1).runs_code_on_close());
        assert!(!Rec::Yield.runs_code_on_close());
        assert!(Rec::TryBody.runs_code_on_close());
        assert!(Rec::FinallyNothing.runs_code_on_close());
    }
}
