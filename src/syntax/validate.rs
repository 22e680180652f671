//! The checks CPython 3.11 makes after parsing, in its symbol-table pass
//! (`Python/symtable.c`: global/nonlocal rules, duplicate parameters, `yield` in a
//! comprehension) and its compiler (`Python/compile.c`: `return`, `yield`, `break` and
//! `continue` outside their context, starred targets). As in CPython the whole file's
//! symbol-table errors are found before any compiler error.

use super::ast::*;
use super::error::SyntaxError;
use super::span::Span;
use std::collections::HashMap;

pub fn check_module(module: &Module) -> Result<(), SyntaxError> {
    let mut symbols = SymbolCheck::default();
    symbols.scopes.push(ScopeState::module());
    symbols.block(&module.body)?;
    let mut flow = FlowCheck::default();
    flow.block(&module.body)
}

// ------------------------------------------------------------------- symbol-table checks

#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Read,
    Bound,
    Parameter,
    Global,
    Nonlocal,
}

struct ScopeState {
    is_function: bool,
    uses: HashMap<Ident, Use>,
    /// `nonlocal` names with their statement span, resolved when the scope closes.
    nonlocals: Vec<(Ident, Span)>,
}

impl ScopeState {
    fn module() -> ScopeState {
        ScopeState {
            is_function: false,
            uses: HashMap::new(),
            nonlocals: Vec::new(),
        }
    }
}

#[derive(Default)]
struct SymbolCheck {
    scopes: Vec<ScopeState>,
    /// Names bound in each enclosing function scope (for `nonlocal`).
    bound_stack: Vec<Vec<Ident>>,
}

impl SymbolCheck {
    fn scope(&mut self) -> &mut ScopeState {
        self.scopes
            .last_mut()
            .expect("the module scope is always present")
    }

    fn note(&mut self, name: &Ident, how: Use) {
        let uses = &mut self.scope().uses;
        match uses.get(name) {
            Some(Use::Global | Use::Nonlocal | Use::Parameter | Use::Bound) => {}
            _ => {
                uses.insert(name.clone(), how);
            }
        }
    }

    fn declare(&mut self, names: &[Ident], span: Span, global: bool) -> Result<(), SyntaxError> {
        let word = if global { "global" } else { "nonlocal" };
        if !global && !self.scope().is_function {
            return Err(SyntaxError::new(
                "nonlocal declaration not allowed at module level",
                span,
            ));
        }
        for name in names {
            let message = match self.scope().uses.get(name) {
                Some(Use::Parameter) => Some(format!("name '{name}' is parameter and {word}")),
                Some(Use::Read) => {
                    Some(format!("name '{name}' is used prior to {word} declaration"))
                }
                Some(Use::Bound) => Some(format!(
                    "name '{name}' is assigned to before {word} declaration"
                )),
                _ => None,
            };
            if let Some(message) = message {
                return Err(SyntaxError::new(message, span));
            }
            let how = if global { Use::Global } else { Use::Nonlocal };
            self.scope().uses.insert(name.clone(), how);
            if !global {
                self.scope().nonlocals.push((name.clone(), span));
            }
        }
        Ok(())
    }

    fn block(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn target(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.note(&n.id, Use::Bound);
                Ok(())
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                elts.iter().try_for_each(|e| self.target(e))
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(e),
        }
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.note(&n.id, Use::Read);
                }
                self.target(target)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(annotation)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)
            }
            StmtKind::Del(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::Return(value) => value.iter().try_for_each(|e| self.expr(e)),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.block(body)?;
                self.block(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.block(body)?;
                self.block(orelse)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.block(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.note(&n.id, Use::Bound);
                    }
                    self.block(&h.body)?;
                }
                self.block(orelse)?;
                self.block(finalbody)
            }
            StmtKind::Raise { exc, cause } => exc
                .iter()
                .chain(cause.iter())
                .try_for_each(|e| self.expr(e)),
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.block(body)
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().try_for_each(|d| self.expr(d))?;
                self.note(&f.name, Use::Bound);
                self.function(f)
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().try_for_each(|d| self.expr(d))?;
                c.bases.iter().try_for_each(|b| self.expr(b))?;
                c.keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                self.note(&c.name, Use::Bound);
                self.scopes.push(ScopeState {
                    is_function: false,
                    ..ScopeState::module()
                });
                self.bound_stack.push(Vec::new());
                let result = self.block(&c.body);
                self.bound_stack.pop();
                self.scopes.pop();
                result
            }
            StmtKind::Global(names) => self.declare(names, s.span, true),
            StmtKind::Nonlocal(names) => self.declare(names, s.span, false),
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.iter().try_for_each(|e| self.expr(e))
            }
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
                for a in aliases {
                    self.note(&a.bind.id, Use::Bound);
                }
                Ok(())
            }
        }
    }

    fn function(&mut self, f: &Function) -> Result<(), SyntaxError> {
        let mut seen: Vec<&Ident> = Vec::new();
        for p in f.params.all() {
            if seen.contains(&&p.name) {
                return Err(SyntaxError::new(
                    format!("duplicate argument '{}' in function definition", p.name),
                    p.span,
                ));
            }
            seen.push(&p.name);
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
            if let Some(a) = &p.annotation {
                self.expr(a)?;
            }
        }
        if let Some(r) = &f.returns {
            self.expr(r)?;
        }
        let mut scope = ScopeState {
            is_function: true,
            ..ScopeState::module()
        };
        for p in f.params.all() {
            scope.uses.insert(p.name.clone(), Use::Parameter);
        }
        self.scopes.push(scope);
        self.bound_stack.push(bound_names(f));
        let result = self.block(&f.body).and_then(|()| self.close_function());
        self.bound_stack.pop();
        self.scopes.pop();
        result
    }

    /// `nonlocal x` needs a binding of `x` in an enclosing function.
    fn close_function(&mut self) -> Result<(), SyntaxError> {
        let nonlocals = std::mem::take(&mut self.scope().nonlocals);
        let depth = self.bound_stack.len();
        for (name, span) in nonlocals {
            let enclosing_functions = self.scopes[1..self.scopes.len() - 1]
                .iter()
                .zip(&self.bound_stack[..depth - 1])
                .filter(|(scope, _)| scope.is_function);
            if !enclosing_functions
                .into_iter()
                .any(|(_, bound)| bound.contains(&name))
            {
                return Err(SyntaxError::new(
                    format!("no binding for nonlocal '{name}' found"),
                    span,
                ));
            }
        }
        Ok(())
    }

    fn comprehension(&mut self, c: &Comprehension, kind: &'static str) -> Result<(), SyntaxError> {
        for e in [&c.element].into_iter().chain(c.value.iter()) {
            if let Some(y) = find_yield(e) {
                return Err(SyntaxError::new(format!("'yield' inside {kind}"), y));
            }
        }
        for g in &c.generators {
            self.expr(&g.iter)?;
            for cond in &g.ifs {
                if let Some(y) = find_yield(cond) {
                    return Err(SyntaxError::new(format!("'yield' inside {kind}"), y));
                }
                self.expr(cond)?;
            }
        }
        self.expr(&c.element)?;
        c.value.iter().try_for_each(|v| self.expr(v))
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.note(&n.id, Use::Read);
                Ok(())
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.note(&target.id, Use::Bound);
                Ok(())
            }
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::ListComp(c) => self.comprehension(c, "list comprehension"),
            ExprKind::SetComp(c) => self.comprehension(c, "set comprehension"),
            ExprKind::DictComp(c) => self.comprehension(c, "dict comprehension"),
            ExprKind::GeneratorExp(c) => self.comprehension(c, "generator expression"),
            _ => {
                let mut result = Ok(());
                for_each_child(e, &mut |child| {
                    if result.is_ok() {
                        result = self.expr(child);
                    }
                });
                result
            }
        }
    }
}

/// Names a function binds locally (parameters, assignments, defs, imports …), not
/// looking into nested scopes.
fn bound_names(f: &Function) -> Vec<Ident> {
    fn target(e: &Expr, out: &mut Vec<Ident>) {
        match &e.kind {
            ExprKind::Name(n) => out.push(n.id.clone()),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                elts.iter().for_each(|e| target(e, out))
            }
            ExprKind::Starred(inner) => target(inner, out),
            _ => {}
        }
    }
    fn walrus(e: &Expr, out: &mut Vec<Ident>) {
        if let ExprKind::NamedExpr { target, .. } = &e.kind {
            out.push(target.id.clone());
        }
        if !matches!(e.kind, ExprKind::Lambda(_)) {
            for_each_child(e, &mut |c| walrus(c, out));
        }
    }
    fn block(body: &[Stmt], out: &mut Vec<Ident>) {
        for s in body {
            match &s.kind {
                StmtKind::Assign { targets, value } => {
                    targets.iter().for_each(|t| target(t, out));
                    walrus(value, out);
                }
                StmtKind::AugAssign { target: t, .. } | StmtKind::AnnAssign { target: t, .. } => {
                    target(t, out)
                }
                StmtKind::Expr(e) => walrus(e, out),
                StmtKind::For {
                    target: t,
                    body,
                    orelse,
                    ..
                } => {
                    target(t, out);
                    block(body, out);
                    block(orelse, out);
                }
                StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                    walrus(test, out);
                    block(body, out);
                    block(orelse, out);
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    block(body, out);
                    for h in handlers {
                        if let Some(n) = &h.name {
                            out.push(n.id.clone());
                        }
                        block(&h.body, out);
                    }
                    block(orelse, out);
                    block(finalbody, out);
                }
                StmtKind::With { items, body } => {
                    items
                        .iter()
                        .filter_map(|i| i.target.as_ref())
                        .for_each(|t| target(t, out));
                    block(body, out);
                }
                StmtKind::FunctionDef(f) => out.push(f.name.clone()),
                StmtKind::ClassDef(c) => out.push(c.name.clone()),
                StmtKind::Import(a) | StmtKind::ImportFrom { names: a, .. } => {
                    a.iter().for_each(|a| out.push(a.bind.id.clone()))
                }
                StmtKind::Del(ts) => ts.iter().for_each(|t| target(t, out)),
                _ => {}
            }
        }
    }
    let mut out: Vec<Ident> = f.params.all().map(|p| p.name.clone()).collect();
    block(&f.body, &mut out);
    out
}

/// The span of a `yield` in `e`, not looking into nested scopes.
fn find_yield(e: &Expr) -> Option<Span> {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Some(e.span),
        ExprKind::Lambda(_)
        | ExprKind::ListComp(_)
        | ExprKind::SetComp(_)
        | ExprKind::DictComp(_)
        | ExprKind::GeneratorExp(_) => None,
        _ => {
            let mut found = None;
            for_each_child(e, &mut |c| {
                if found.is_none() {
                    found = find_yield(c);
                }
            });
            found
        }
    }
}

/// Calls `f` on each direct sub-expression of `e` that is evaluated in `e`'s own scope.
/// Comprehensions contribute their first iterable only; lambdas their defaults.
pub fn for_each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Const(_) => {}
        ExprKind::FString(parts) => {
            fn parts_walk<'a>(parts: &'a [FStringPart], f: &mut dyn FnMut(&'a Expr)) {
                for p in parts {
                    if let FStringPart::Field { value, spec, .. } = p {
                        f(value);
                        if let Some(spec) = spec {
                            parts_walk(spec, f);
                        }
                    }
                }
            }
            parts_walk(parts, f)
        }
        ExprKind::Tuple(elts) | ExprKind::List(elts) | ExprKind::Set(elts) => {
            elts.iter().for_each(f)
        }
        ExprKind::Dict(items) => {
            for item in items {
                if let Some(k) = &item.key {
                    f(k);
                }
                f(&item.value);
            }
        }
        ExprKind::Starred(inner) => f(inner),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::NamedExpr { value, .. } => f(value),
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::Lambda(func) => func
            .params
            .all()
            .filter_map(|p| p.default.as_ref())
            .for_each(f),
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::ListComp(c)
        | ExprKind::SetComp(c)
        | ExprKind::DictComp(c)
        | ExprKind::GeneratorExp(c) => {
            if let Some(first) = c.generators.first() {
                f(&first.iter);
            }
        }
        ExprKind::Yield(value) => value.iter().for_each(|v| f(v)),
        ExprKind::YieldFrom(value) => f(value),
        ExprKind::Compare { left, ops } => {
            f(left);
            ops.iter().for_each(|(_, e)| f(e));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            keywords.iter().for_each(|k| f(&k.value));
        }
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                f(part);
            }
        }
    }
}

// ------------------------------------------------------------------- compiler checks

#[derive(Default)]
struct FlowCheck {
    in_function: bool,
    in_loop: bool,
}

impl FlowCheck {
    fn block(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn nested<T>(&mut self, in_function: bool, in_loop: bool, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = (self.in_function, self.in_loop);
        self.in_function = in_function;
        self.in_loop = in_loop;
        let result = f(self);
        (self.in_function, self.in_loop) = saved;
        result
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Return(value) => {
                if !self.in_function {
                    return Err(SyntaxError::new("'return' outside function", s.span));
                }
                value.iter().try_for_each(|e| self.expr(e, false))
            }
            StmtKind::Break if !self.in_loop => {
                Err(SyntaxError::new("'break' outside loop", s.span))
            }
            StmtKind::Continue if !self.in_loop => {
                Err(SyntaxError::new("'continue' not properly in loop", s.span))
            }
            StmtKind::Expr(e) => self.expr(e, false),
            StmtKind::Assign { targets, value } => {
                for t in targets {
                    self.assign_target(t)?;
                }
                self.expr(value, false)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, false)?;
                self.expr(value, false)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target, false)?;
                self.expr(annotation, false)?;
                value.iter().try_for_each(|v| self.expr(v, false))
            }
            StmtKind::Del(ts) => ts.iter().try_for_each(|t| self.expr(t, false)),
            StmtKind::If { test, body, orelse } => {
                self.expr(test, false)?;
                self.block(body)?;
                self.block(orelse)
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test, false)?;
                let f = self.in_function;
                self.nested(f, true, |c| c.block(body))?;
                self.block(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.assign_target(target)?;
                self.expr(iter, false)?;
                let f = self.in_function;
                self.nested(f, true, |c| c.block(body))?;
                self.block(orelse)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.block(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t, false)?;
                    }
                    self.block(&h.body)?;
                }
                self.block(orelse)?;
                self.block(finalbody)
            }
            StmtKind::Raise { exc, cause } => exc
                .iter()
                .chain(cause.iter())
                .try_for_each(|e| self.expr(e, false)),
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context, false)?;
                    if let Some(t) = &item.target {
                        self.assign_target(t)?;
                    }
                }
                self.block(body)
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().try_for_each(|d| self.expr(d, false))?;
                self.function(f)
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().try_for_each(|d| self.expr(d, false))?;
                c.bases.iter().try_for_each(|b| self.expr(b, true))?;
                self.nested(false, false, |ch| ch.block(&c.body))
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, false)?;
                msg.iter().try_for_each(|m| self.expr(m, false))
            }
            _ => Ok(()),
        }
    }

    fn function(&mut self, f: &Function) -> Result<(), SyntaxError> {
        for p in f.params.all() {
            if let Some(d) = &p.default {
                self.expr(d, false)?;
            }
        }
        self.nested(true, false, |c| c.block(&f.body))
    }

    /// `*a = x` and `a, *b, *c = x` are compiler errors.
    fn assign_target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Starred(_) => Err(SyntaxError::new(
                "starred assignment target must be in a list or tuple",
                t.span,
            )),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let starred = elts
                    .iter()
                    .filter(|e| matches!(e.kind, ExprKind::Starred(_)))
                    .count();
                if starred > 1 {
                    return Err(SyntaxError::new(
                        "multiple starred expressions in assignment",
                        t.span,
                    ));
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.assign_target(inner)?,
                        _ => self.assign_target(e)?,
                    }
                }
                Ok(())
            }
            _ => self.expr(t, false),
        }
    }

    /// `starred_ok` is true where a starred expression may stand (displays, call arguments).
    fn expr(&mut self, e: &Expr, starred_ok: bool) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Starred(inner) => {
                if !starred_ok {
                    return Err(SyntaxError::new(
                        "can't use starred expression here",
                        e.span,
                    ));
                }
                self.expr(inner, false)
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) if !self.in_function => {
                Err(SyntaxError::new("'yield' outside function", e.span))
            }
            ExprKind::Lambda(f) => self.function(f),
            ExprKind::Tuple(elts) | ExprKind::List(elts) | ExprKind::Set(elts) => {
                elts.iter().try_for_each(|x| self.expr(x, true))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, false)?;
                args.iter().try_for_each(|a| self.expr(a, true))?;
                keywords.iter().try_for_each(|k| self.expr(&k.value, false))
            }
            ExprKind::ListComp(c)
            | ExprKind::SetComp(c)
            | ExprKind::DictComp(c)
            | ExprKind::GeneratorExp(c) => {
                for (i, g) in c.generators.iter().enumerate() {
                    if i > 0 {
                        self.expr(&g.iter, false)?;
                    }
                    g.ifs.iter().try_for_each(|x| self.expr(x, false))?;
                }
                self.expr(&c.element, false)?;
                if let Some(v) = &c.value {
                    self.expr(v, false)?;
                }
                if let Some(first) = c.generators.first() {
                    self.expr(&first.iter, false)?;
                }
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value, false)?;
                self.expr(index, true)
            }
            _ => {
                let mut result = Ok(());
                for_each_child(e, &mut |child| {
                    if result.is_ok() {
                        result = self.expr(child, false);
                    }
                });
                result
            }
        }
    }
}
