//! Generator objects (Language Reference §6.2.9 "Yield expressions", §6.2.9.1
//! "Generator-iterator methods"): creation, `next()`, `send()`, `throw()`, `close()`, and
//! closing a suspended generator when it is freed. Mirrors CPython 3.11's
//! `Objects/genobject.c` (`gen_send_ex2`, `_gen_throw`, `gen_close`, `_PyGen_Finalize`).
//!
//! A generator owns its frame between runs, never a native stack: when the body yields,
//! [`Unwind::Yield`] travels out of the evaluator and each construct on the way records
//! where it stands; resuming descends again to the suspended `yield` (see [`super::resume`]).
//!
//! References are held where CPython 3.11 holds them: an unstarted generator holds its
//! frame (the bound arguments) and its function (`f_func`), a suspended one its locals
//! and the values its frame's stack holds (loop iterators, `with` exits, `yield from`
//! sub-iterators, operands evaluated before a `yield`); a finished one holds nothing.

use super::frame::Frame;
use super::resume::{Rec, Resume};
use super::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::edges::Edge;
use crate::objects::Obj;
use crate::syntax::ast::{Comprehension, Expr, Function};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct GeneratorObj {
    /// `__name__`: the function's name, or `<genexpr>`.
    pub name: Rc<str>,
    /// `__qualname__`, also shown by `repr`.
    pub qualname: Rc<str>,
    state: Cell<GenState>,
    /// Suspended where closing runs code (inside `try`, `with` or `yield from`): then
    /// freeing the generator must close it first, through the heap's finalizer path.
    must_close: Cell<bool>,
    /// `co_nlocalsplus + co_stacksize`: the frame CPython embeds in the generator
    /// (`sys.getsizeof` counts it whatever the state).
    frame_size: usize,
    /// The frame while created, suspended or running (borrowed while it runs); `None`
    /// once finished (CPython clears the frame as the generator completes).
    body: RefCell<Option<GenFrame>>,
}

impl GeneratorObj {
    /// The references a suspended generator holds (its frame, the constructs' state, the
    /// function), for the cycle collector.
    pub fn traverse(&self, visit: &mut dyn FnMut(&Ref)) {
        if let Ok(body) = self.body.try_borrow() {
            if let Some(b) = &*body {
                b.frame.locals.iter().flatten().for_each(&mut *visit);
                b.frame.cells.iter().for_each(&mut *visit);
                visit(&b.frame.globals);
                if let Some(ns) = &b.frame.class_ns {
                    visit(ns);
                }
                for rec in &b.stack {
                    rec.visit_refs(visit);
                }
                if let Some(f) = &b.function {
                    visit(f);
                }
            }
        }
    }

    /// [`Self::traverse`] with each reference's place: locals and cells by variable
    /// name, the suspended constructs' values by kind (for the REPL's heap views).
    pub fn traverse_labelled(&self, visit: &mut dyn FnMut(Edge, &Ref)) {
        let Ok(body) = self.body.try_borrow() else {
            return;
        };
        let Some(b) = &*body else { return };
        let scope = match &b.code {
            GenCode::Function(f) => &f.scope,
            GenCode::Expression(c) => &c.scope,
        };
        let name_of = |names: &[crate::syntax::ast::Ident], i: usize| -> Rc<str> {
            names
                .get(i)
                .cloned()
                .unwrap_or_else(|| Rc::from(format!("#{i}")))
        };
        if let Some(obj) = &b.frame.obj {
            visit(Edge::Field("gi_frame"), obj);
        }
        for (i, r) in b.frame.locals.iter().enumerate() {
            if let Some(r) = r {
                visit(Edge::Local(name_of(&scope.locals, i)), r);
            }
        }
        for (i, r) in b.frame.cells.iter().enumerate() {
            visit(Edge::CellVar(name_of(&scope.cells, i)), r);
        }
        visit(Edge::Field("f_globals"), &b.frame.globals);
        if let Some(ns) = &b.frame.class_ns {
            visit(Edge::Field("class namespace"), ns);
        }
        for rec in &b.stack {
            let what = match rec {
                Rec::Iter(_) => "loop iterator",
                Rec::YieldFrom(_) => "yield from target",
                Rec::Handler(..) | Rec::FinallyRaise(_) => "exception being handled",
                Rec::With(_) => "with exit",
                Rec::FinallyReturn(_) => "pending return value",
                _ => "operand saved across the yield",
            };
            rec.visit_refs(&mut |r| visit(Edge::Suspended(what), r));
        }
        if let Some(f) = &b.function {
            visit(Edge::Field("gi_frame.f_func"), f);
        }
    }

    /// The compiled unit of the suspended frame, whose constants the frame uses.
    pub fn unit(&self) -> Option<Rc<crate::compile::Unit>> {
        let body = self.body.try_borrow().ok()?;
        body.as_ref().map(|b| b.frame.unit.clone())
    }

    /// Slots of the frame CPython embeds in the generator object.
    pub fn frame_slots(&self) -> usize {
        self.frame_size
    }

    /// Drops the suspended frame (the collector's `tp_clear`), handing its references to
    /// `out` so they are released after the collector is done with the object.
    pub fn clear(&self, out: &mut Vec<Ref>) {
        let taken = match self.body.try_borrow_mut() {
            Ok(mut body) => body.take(),
            Err(_) => None,
        };
        if let Some(b) = taken {
            self.traverse_body(&b, &mut |r| out.push(r.clone()));
            drop(b);
        }
    }

    fn traverse_body(&self, b: &GenFrame, visit: &mut dyn FnMut(&Ref)) {
        b.frame.locals.iter().flatten().for_each(&mut *visit);
        b.frame.cells.iter().for_each(&mut *visit);
        visit(&b.frame.globals);
        for rec in &b.stack {
            rec.visit_refs(visit);
        }
        if let Some(f) = &b.function {
            visit(f);
        }
    }
}

/// What a generator keeps between runs.
pub struct GenFrame {
    pub frame: Frame,
    /// Where each construct stands, innermost first (see [`Resume`]).
    pub stack: Vec<Rec>,
    /// The function called (CPython 3.11's frame holds `f_func`); `None` for generator
    /// expressions, whose function object is never visible.
    pub function: Option<Ref>,
    pub code: GenCode,
}

pub enum GenCode {
    Function(Rc<Function>),
    /// A generator expression; its first iterator is the frame's last local (`.0`).
    Expression(Rc<Comprehension>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Finished,
}

/// What resuming delivers at the suspended `yield`.
pub enum Sent {
    Value(Ref),
    Throw(Ref),
}

/// How one run of a generator ended.
pub enum Step {
    Yielded(Ref),
    /// The generator finished, with its return value (`StopIteration.value`).
    Returned(Ref),
}

impl GeneratorObj {
    /// A suspended generator must be closed (its `finally` blocks run) when freed. One
    /// suspended where closing runs no code is simply freed, with the same effect.
    pub fn needs_close(&self) -> bool {
        self.state.get() == GenState::Suspended && self.must_close.get()
    }

    pub fn state(&self) -> GenState {
        self.state.get()
    }

    /// Calls `visit` on every reference the generator holds (its frame's locals and
    /// cells, the suspended constructs' values, its function): the generator's children
    /// for the cycle collector and the heap views. A running generator's frame is
    /// borrowed and not listed (like a running frame in CPython, it is a root).
    pub fn visit_refs(&self, visit: &mut dyn FnMut(&Ref)) {
        let Ok(body) = self.body.try_borrow() else {
            return;
        };
        let Some(gf) = body.as_ref() else { return };
        gf.frame.obj.iter().for_each(&mut *visit);
        gf.frame.locals.iter().flatten().for_each(&mut *visit);
        gf.frame.cells.iter().for_each(&mut *visit);
        for rec in &gf.stack {
            rec.visit_refs(visit);
        }
        if let Some(f) = &gf.function {
            visit(f);
        }
    }

    /// The sub-iterator a suspended `yield from` delegates to (`gi_yieldfrom`).
    pub fn yield_from_target(&self) -> Option<Ref> {
        let body = self.body.try_borrow().ok()?;
        match body.as_ref()?.stack.first()? {
            Rec::YieldFrom(sub) => Some(sub.clone()),
            _ => None,
        }
    }
}

impl Drop for GeneratorObj {
    /// Freed while created or suspended (and not needing close): release the frame in
    /// the order CPython 3.11 does (stack values innermost first, then locals, cells, the
    /// function). The heap frees children last-pushed first, so drop in reverse.
    fn drop(&mut self) {
        let Some(gf) = self.body.get_mut().take() else {
            return;
        };
        let GenFrame {
            mut frame,
            mut stack,
            function,
            code,
        } = gf;
        drop(function);
        while let Some(c) = frame.cells.pop() {
            drop(c);
        }
        while let Some(l) = frame.locals.pop() {
            drop(l);
        }
        while let Some(r) = stack.pop() {
            drop(r);
        }
        drop(code);
    }
}

impl Interp {
    /// The generator a call of a generator function returns: it holds the frame with the
    /// bound arguments and runs nothing yet.
    pub fn new_generator(&mut self, function: &Ref, frame: Frame) -> Ref {
        let code = match &**function {
            Obj::Function(func) => func.code.clone(),
            _ => unreachable!("only functions create generators"),
        };
        let name = code.name.clone();
        let qualname = frame.qual.clone();
        let gf = GenFrame {
            frame,
            stack: Vec::new(),
            function: Some(function.clone()),
            code: GenCode::Function(code),
        };
        self.generator_object(name, qualname, gf)
    }

    /// `(element for target in iterable ...)`: the first iterable is evaluated and
    /// `iter()` called on it here, in the enclosing scope; the rest runs lazily.
    pub fn make_generator_expression(&mut self, f: &mut Frame, c: &Rc<Comprehension>) -> PyResult {
        let first = self.eval(f, &c.generators[0].iter)?;
        let it = self.get_iter(&first)?;
        drop(first);
        let mut frame = self.nested_frame(f, &c.scope, "<genexpr>");
        frame.locals.push(Some(it));
        let qualname: Rc<str> = self.qualname_for(f, "<genexpr>").into();
        let gf = GenFrame {
            frame,
            stack: Vec::new(),
            function: None,
            code: GenCode::Expression(c.clone()),
        };
        Ok(self.generator_object("<genexpr>".into(), qualname, gf))
    }

    fn generator_object(&mut self, name: Rc<str>, qualname: Rc<str>, gf: GenFrame) -> Ref {
        let frame_size = match &gf.code {
            GenCode::Function(f) => crate::heap::sizes::function_frame_slots(f),
            GenCode::Expression(c) => crate::heap::sizes::genexpr_frame_slots(c),
        };
        let g = GeneratorObj {
            name,
            qualname,
            state: Cell::new(GenState::Created),
            must_close: Cell::new(false),
            frame_size,
            body: RefCell::new(Some(gf)),
        };
        crate::heap::gc::track_new(Ref::new(Obj::Generator(Box::new(g))))
    }

    /// Runs the generator until it yields or finishes (CPython's `gen_send_ex2`).
    pub fn generator_resume(&mut self, gen: &Ref, sent: Sent) -> PyResult<Step> {
        let Obj::Generator(g) = &**gen else {
            return Err(self.err("TypeError", "expected a generator"));
        };
        let state = g.state.get();
        match state {
            GenState::Running => return Err(self.err("ValueError", "generator already executing")),
            GenState::Finished => {
                return match sent {
                    Sent::Value(_) => Ok(Step::Returned(self.none())),
                    Sent::Throw(e) => Err(Unwind::Exception(e)),
                }
            }
            GenState::Created => {
                if let Sent::Value(v) = &sent {
                    if !matches!(&**v, Obj::None) {
                        return Err(self.err(
                            "TypeError",
                            "can't send non-None value to a just-started generator",
                        ));
                    }
                }
            }
            GenState::Suspended => {}
        }
        if let Sent::Throw(e) = &sent {
            Self::mark_raised(e);
        }
        self.enter_call()?;
        let depth = self.depth;
        // The frame runs in place: while `Running`, everything else that looks at it
        // checks the state first or only tries to borrow it.
        let mut body = g.body.borrow_mut();
        let Some(gf) = body.as_mut() else {
            drop(body);
            self.leave_call();
            return Err(self.err("SystemError", "generator has no frame"));
        };
        g.state.set(GenState::Running);
        let mut ctx = Resume {
            stack: std::mem::take(&mut gf.stack),
            sent: None,
            handling_base: self.handling.len(),
        };
        let result = if state == GenState::Created {
            match sent {
                // Thrown into a generator that never ran: raised before its first line.
                Sent::Throw(e) => Err(Unwind::Exception(e)),
                Sent::Value(_) => self.run_generator_body(gf, &mut ctx),
            }
        } else {
            ctx.sent = Some(sent);
            self.run_generator_body(gf, &mut ctx)
        };
        self.leave_call();
        match result {
            Err(Unwind::Yield(v)) => {
                if !self.pending_back.is_empty() {
                    self.link_callees(&mut gf.frame, depth);
                }
                ctx.sent = None;
                g.must_close
                    .set(ctx.stack.iter().any(Rec::runs_code_on_close));
                gf.stack = ctx.stack;
                drop(body);
                g.state.set(GenState::Suspended);
                Ok(Step::Yielded(v))
            }
            other => {
                g.state.set(GenState::Finished);
                g.must_close.set(false);
                drop(ctx);
                let ended = match &other {
                    Err(Unwind::Exception(e)) => Err(Unwind::Exception(e.clone())),
                    _ => Ok(()),
                };
                let function = gf.function.clone();
                self.end_frame(&mut gf.frame, &ended, function.as_ref(), depth);
                drop(ended);
                drop(function);
                let outcome = match other {
                    Ok(()) => Ok(Step::Returned(self.none())),
                    Err(Unwind::Return(v)) => Ok(Step::Returned(v)),
                    Err(Unwind::Exception(e)) => {
                        Err(self.stop_iteration_escaped(Unwind::Exception(e)))
                    }
                    Err(_) => Err(self.err("SyntaxError", "'break' outside loop")),
                };
                // The frame is cleared as the generator completes: locals in order, and
                // their finalizers run now, before the caller goes on.
                let gf = body.take();
                drop(body);
                drop(gf);
                if crate::heap::raw::has_pending() {
                    self.run_finalizers();
                }
                outcome
            }
        }
    }

    fn run_generator_body(&mut self, gf: &mut GenFrame, ctx: &mut Resume) -> PyResult<()> {
        let GenFrame { frame, code, .. } = gf;
        match code {
            GenCode::Function(func) => self.gexec_block(frame, &func.body, ctx),
            GenCode::Expression(c) => self.genexp_level(frame, c, 0, ctx),
        }
    }

    /// PEP 479: a StopIteration leaving a generator's frame becomes
    /// `RuntimeError: generator raised StopIteration`, caused by it.
    fn stop_iteration_escaped(&mut self, unwind: Unwind) -> Unwind {
        let Unwind::Exception(exc) = &unwind else {
            return unwind;
        };
        if !self.is_instance_of(exc, "StopIteration") {
            return unwind;
        }
        let err = self.new_exception(
            "RuntimeError",
            Some("generator raised StopIteration".into()),
        );
        if let Obj::Exception(e) = &*err {
            *e.cause.borrow_mut() = Some(exc.clone());
            *e.context.borrow_mut() = Some(exc.clone());
            e.suppress_context.set(true);
        }
        Unwind::Exception(err)
    }

    /// `next(gen)` for the iterator protocol: `None` once finished (the return value,
    /// like the StopIteration a `for` loop swallows, is dropped at once).
    pub fn generator_next(&mut self, gen: &Ref) -> PyResult<Option<Ref>> {
        match self.generator_resume(gen, Sent::Value(self.none()))? {
            Step::Yielded(v) => Ok(Some(v)),
            Step::Returned(_) => Ok(None),
        }
    }

    /// `StopIteration(value)`, or `StopIteration()` for `None` (CPython's
    /// `_PyGen_SetStopIterationValue`).
    pub fn stop_iteration(&mut self, value: Ref) -> Unwind {
        let class = self.exc_class("StopIteration");
        let args: Vec<Ref> = if matches!(&*value, Obj::None) {
            Vec::new()
        } else {
            vec![value]
        };
        match self.new_instance(&class, &args) {
            Ok(exc) => Unwind::Exception(exc),
            Err(e) => e,
        }
    }

    /// A finished run as the Python-level methods report it: the value yielded, or
    /// StopIteration carrying the return value.
    fn step_result(&mut self, step: Step) -> PyResult {
        match step {
            Step::Yielded(v) => Ok(v),
            Step::Returned(v) => Err(self.stop_iteration(v)),
        }
    }

    /// `gen.close()`: GeneratorExit at the suspended `yield` (CPython's `gen_close`).
    pub fn generator_close(&mut self, gen: &Ref) -> PyResult<()> {
        let Obj::Generator(g) = &**gen else {
            return Ok(());
        };
        match g.state.get() {
            GenState::Finished => return Ok(()),
            GenState::Created => {
                // GeneratorExit raised before the first line ends it at once.
                g.state.set(GenState::Finished);
                let gf = g.body.borrow_mut().take();
                drop(gf);
                return Ok(());
            }
            GenState::Running => return Err(self.err("ValueError", "generator already executing")),
            GenState::Suspended => {}
        }
        let exit = self.new_exception("GeneratorExit", None);
        match self.generator_resume(gen, Sent::Throw(exit)) {
            Ok(Step::Yielded(v)) => {
                drop(v);
                Err(self.err("RuntimeError", "generator ignored GeneratorExit"))
            }
            Ok(Step::Returned(_)) => Ok(()),
            Err(Unwind::Exception(e))
                if self.is_instance_of(&e, "GeneratorExit")
                    || self.is_instance_of(&e, "StopIteration") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// The heap's finalizer for a generator freed while suspended (`_PyGen_Finalize`):
    /// close it; an error is reported as unraisable.
    pub fn generator_finalize(&mut self, gen: &Ref) {
        let Obj::Generator(g) = &**gen else { return };
        if g.state.get() != GenState::Suspended {
            return;
        }
        if let Err(Unwind::Exception(e)) = self.generator_close(gen) {
            self.report_unraisable(&e, gen);
        }
    }

    /// A `yield` where this evaluator cannot suspend (the resumable path covers yields in
    /// statements and in the operands of calls, operators, displays, subscripts …).
    pub fn eval_yield(&mut self, _f: &mut Frame, _e: &Expr) -> PyResult {
        Err(self.err(
            "SystemError",
            "refpy cannot suspend a generator at a 'yield' in this position",
        ))
    }

    /// The exception `gen.throw(typ[, val[, tb]])` raises (`_gen_throw`'s checks).
    fn throw_argument(&mut self, args: &[Ref]) -> PyResult<Ref> {
        let typ = args[0].clone();
        let val = args.get(1).filter(|v| !matches!(&***v, Obj::None)).cloned();
        if let Some(tb) = args.get(2) {
            if !matches!(&**tb, Obj::None | Obj::Traceback(_)) {
                return Err(self.err(
                    "TypeError",
                    "throw() third argument must be a traceback object",
                ));
            }
        }
        match &*typ {
            Obj::Exception(_) => {
                if val.is_some() {
                    return Err(self.err(
                        "TypeError",
                        "instance exception may not have a separate value",
                    ));
                }
                Ok(typ)
            }
            Obj::Class(c) if c.base_kind == crate::objects::TypeKind::BaseException => {
                let exc = match val {
                    Some(v) if self.isinstance(&v, &typ) => v,
                    Some(v) => match &*v {
                        Obj::Tuple(items) => {
                            let items = items.to_vec();
                            self.call(&typ, items)?
                        }
                        _ => self.call(&typ, vec![v])?,
                    },
                    None => self.call(&typ, vec![])?,
                };
                Ok(exc)
            }
            _ => {
                let t = self.type_name(&typ);
                Err(self.err(
                    "TypeError",
                    format!("exceptions must be classes or instances deriving from BaseException, not {t}"),
                ))
            }
        }
    }

    /// `gen.gi_frame`: the generator's frame object while it can still run, else `None`.
    pub fn generator_frame(&mut self, gen: &Ref) -> Ref {
        let Obj::Generator(g) = &**gen else {
            return self.none();
        };
        let Ok(mut body) = g.body.try_borrow_mut() else {
            return self.none();
        };
        let Some(gf) = body.as_mut() else {
            return self.none();
        };
        self.frame_object(&mut gf.frame)
    }
}

fn this<'a>(interp: &mut Interp, args: &Args<'a>, method: &str) -> PyResult<&'a Ref> {
    match args.pos.first() {
        Some(g) if matches!(&**g, Obj::Generator(_)) => Ok(g),
        _ => Err(interp.err(
            "TypeError",
            format!("descriptor '{method}' for 'generator' objects doesn't apply to this object"),
        )),
    }
}

fn gen_send(interp: &mut Interp, args: Args) -> PyResult {
    let gen = this(interp, &args, "send")?;
    if args.pos.len() != 2 {
        let n = args.pos.len().saturating_sub(1);
        return Err(interp.err(
            "TypeError",
            format!("generator.send() takes exactly one argument ({n} given)"),
        ));
    }
    let step = interp.generator_resume(gen, Sent::Value(args.pos[1].clone()))?;
    interp.step_result(step)
}

fn gen_throw(interp: &mut Interp, args: Args) -> PyResult {
    let gen = this(interp, &args, "throw")?;
    let n = args.pos.len() - 1;
    if !(1..=3).contains(&n) {
        let msg = if n == 0 {
            "throw expected at least 1 argument, got 0".to_string()
        } else {
            format!("throw expected at most 3 arguments, got {n}")
        };
        return Err(interp.err("TypeError", msg));
    }
    let exc = interp.throw_argument(&args.pos[1..])?;
    let step = interp.generator_resume(gen, Sent::Throw(exc))?;
    interp.step_result(step)
}

fn gen_close(interp: &mut Interp, args: Args) -> PyResult {
    let gen = this(interp, &args, "close")?;
    if args.pos.len() != 1 {
        let n = args.pos.len() - 1;
        return Err(interp.err(
            "TypeError",
            format!("generator.close() takes no arguments ({n} given)"),
        ));
    }
    interp.generator_close(gen)?;
    Ok(interp.none())
}

fn gen_next(interp: &mut Interp, args: Args) -> PyResult {
    let gen = this(interp, &args, "__next__")?;
    let step = interp.generator_resume(gen, Sent::Value(interp.none()))?;
    interp.step_result(step)
}

fn gen_iter(interp: &mut Interp, args: Args) -> PyResult {
    Ok(this(interp, &args, "__iter__")?.clone())
}

pub fn methods() -> Vec<(&'static str, crate::objects::BuiltinFn)> {
    vec![
        ("send", gen_send),
        ("throw", gen_throw),
        ("close", gen_close),
        ("__next__", gen_next),
        ("__iter__", gen_iter),
    ]
}
