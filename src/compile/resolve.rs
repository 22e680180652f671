//! Name resolution before running, after CPython's symbol table (`Python/symtable.c`):
//! every name use becomes a local slot, a cell, a global, or a class-namespace lookup.
//!
//! Three steps over the same traversal order (so scopes line up by position):
//! 1. *collect*: each scope's bindings, uses and `global`/`nonlocal` declarations;
//! 2. *analyze*: top-down, with the names enclosing functions provide, decide each
//!    name's kind; bottom-up, a local that an inner scope uses freely becomes a cell,
//!    and a scope passes free names through to its children;
//! 3. *assign*: write [`NameSlot`]s and [`ScopeInfo`]s into the tree.

use crate::syntax::ast::*;
use std::collections::HashSet;
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Module,
    Function,
    Class,
    Comprehension,
}

#[derive(Debug)]
struct Scope {
    kind: Kind,
    params: Vec<Ident>,
    /// Bound names in order of first binding.
    bound: Vec<Ident>,
    bound_set: HashSet<Ident>,
    used: HashSet<Ident>,
    globals: HashSet<Ident>,
    nonlocals: HashSet<Ident>,
    children: Vec<usize>,
    // Results of the analysis.
    free: Vec<Ident>,
    cells: Vec<Ident>,
    locals: Vec<Ident>,
    class_cell: bool,
}

impl Scope {
    fn new(kind: Kind) -> Scope {
        Scope {
            kind,
            params: Vec::new(),
            bound: Vec::new(),
            bound_set: HashSet::new(),
            used: HashSet::new(),
            globals: HashSet::new(),
            nonlocals: HashSet::new(),
            children: Vec::new(),
            free: Vec::new(),
            cells: Vec::new(),
            locals: Vec::new(),
            class_cell: false,
        }
    }

    fn bind(&mut self, name: &Ident) {
        if self.bound_set.insert(name.clone()) {
            self.bound.push(name.clone());
        }
    }
}

/// Resolves every scope of a module in place.
pub fn resolve_module(module: &mut Module) {
    let mut r = Resolver {
        scopes: vec![Scope::new(Kind::Module)],
        stack: vec![0],
        mode: Mode::Collect,
        cursor: 0,
    };
    r.block(&mut module.body);
    r.analyze(0, &HashSet::new());
    r.mode = Mode::Assign;
    r.cursor = 0;
    r.stack = vec![0];
    r.block(&mut module.body);
    module.scope = r.scope_info(0);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Collect,
    Assign,
}

struct Resolver {
    scopes: Vec<Scope>,
    stack: Vec<usize>,
    mode: Mode,
    /// In assign mode, the number of scopes entered so far (scopes are numbered in
    /// traversal order, the module being 0).
    cursor: usize,
}

impl Resolver {
    fn current(&mut self) -> &mut Scope {
        let i = *self
            .stack
            .last()
            .expect("the module scope is always on the stack");
        &mut self.scopes[i]
    }

    fn current_index(&self) -> usize {
        *self
            .stack
            .last()
            .expect("the module scope is always on the stack")
    }

    fn enter(&mut self, kind: Kind) -> usize {
        match self.mode {
            Mode::Collect => {
                let index = self.scopes.len();
                self.scopes.push(Scope::new(kind));
                let parent = self.current_index();
                self.scopes[parent].children.push(index);
                self.stack.push(index);
                index
            }
            Mode::Assign => {
                self.cursor += 1;
                self.stack.push(self.cursor);
                self.cursor
            }
        }
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    // ----------------------------------------------------------------- analysis

    fn analyze(&mut self, index: usize, provided: &HashSet<Ident>) {
        let kind = self.scopes[index].kind;
        // What this scope provides to its children.
        let mut child_env: HashSet<Ident> = match kind {
            Kind::Module => HashSet::new(),
            Kind::Class => {
                let mut e = provided.clone();
                e.insert("__class__".into());
                e
            }
            Kind::Function | Kind::Comprehension => {
                let s = &self.scopes[index];
                let mut e = provided.clone();
                for n in &s.bound {
                    if !s.globals.contains(n) {
                        e.insert(n.clone());
                    }
                }
                for n in &s.globals {
                    e.remove(n);
                }
                e
            }
        };
        if kind != Kind::Module {
            // Names this scope takes from enclosing functions.
            let s = &self.scopes[index];
            let mut own_free: Vec<Ident> = Vec::new();
            let mut names: Vec<&Ident> = s.used.iter().collect();
            names.sort();
            for n in names {
                let local = s.bound_set.contains(n) && !s.globals.contains(n);
                let explicit_free = s.nonlocals.contains(n);
                if explicit_free || (!local && !s.globals.contains(n) && provided.contains(n)) {
                    own_free.push(n.clone());
                }
            }
            let mut nonlocals: Vec<&Ident> = s.nonlocals.iter().collect();
            nonlocals.sort();
            for n in nonlocals {
                if !own_free.contains(n) {
                    own_free.push(n.clone());
                }
            }
            if kind == Kind::Class {
                // Names a class binds are not visible to its methods.
                child_env = provided.clone();
                child_env.insert("__class__".into());
            }
            self.scopes[index].free = own_free;
        }
        let children = self.scopes[index].children.clone();
        let mut child_free: Vec<Ident> = Vec::new();
        for c in children {
            self.analyze(c, &child_env);
            for n in &self.scopes[c].free {
                if !child_free.contains(n) {
                    child_free.push(n.clone());
                }
            }
        }
        let s = &mut self.scopes[index];
        match s.kind {
            Kind::Function | Kind::Comprehension => {
                for n in &child_free {
                    let local = s.bound_set.contains(n)
                        && !s.globals.contains(n)
                        && !s.nonlocals.contains(n);
                    if local {
                        if !s.cells.contains(n) {
                            s.cells.push(n.clone());
                        }
                    } else if !s.free.contains(n) && !s.globals.contains(n) {
                        s.free.push(n.clone());
                    }
                }
                let mut locals = s.params.clone();
                for n in &s.bound {
                    if s.globals.contains(n) || s.nonlocals.contains(n) || s.free.contains(n) {
                        continue;
                    }
                    if !locals.contains(n) && !s.cells.contains(n) {
                        locals.push(n.clone());
                    }
                }
                s.locals = locals;
            }
            Kind::Class => {
                for n in &child_free {
                    if &**n == "__class__" {
                        s.class_cell = true;
                    } else if !s.free.contains(n) {
                        s.free.push(n.clone());
                    }
                }
            }
            Kind::Module => {}
        }
    }

    fn scope_info(&self, index: usize) -> ScopeInfo {
        let s = &self.scopes[index];
        let mut cells: Vec<Ident> = s.cells.clone();
        if s.class_cell {
            cells.push("__class__".into());
        }
        let own_cells = cells.len() as u32;
        cells.extend(s.free.iter().cloned());
        let cell_params = s
            .params
            .iter()
            .enumerate()
            .filter_map(|(pi, p)| {
                cells
                    .iter()
                    .position(|c| c == p)
                    .filter(|&ci| (ci as u32) < own_cells)
                    .map(|ci| (pi as u32, ci as u32))
            })
            .collect();
        let class_cell = if s.class_cell {
            Some(s.cells.len() as u32)
        } else {
            cells
                .iter()
                .position(|c| &**c == "__class__")
                .map(|i| i as u32)
        };
        ScopeInfo {
            locals: s.locals.clone(),
            cells,
            cell_params,
            own_cells,
            free_sources: Vec::new(),
            is_generator: false,
            class_cell,
            consts: ConstTable::default(),
            names: Default::default(),
        }
    }

    /// Where each free variable of `child` is found among the enclosing scope's cells.
    fn free_sources(&self, parent: usize, child: &ScopeInfo) -> Vec<u32> {
        let parent_info = self.scope_info(parent);
        child.cells[child.own_cells as usize..]
            .iter()
            .map(|n| {
                parent_info
                    .cells
                    .iter()
                    .position(|c| c == n)
                    .map(|i| i as u32)
                    .unwrap_or(u32::MAX)
            })
            .collect()
    }

    fn slot_for(&self, index: usize, name: &Ident) -> NameSlot {
        let s = &self.scopes[index];
        if s.globals.contains(name) {
            return NameSlot::Global;
        }
        let cell_index = || {
            let info_cells = s
                .cells
                .iter()
                .chain(s.class_cell.then_some(&"__class__".into()))
                .chain(s.free.iter())
                .position(|c| c == name);
            info_cells.map(|i| i as u32)
        };
        match s.kind {
            Kind::Module => NameSlot::Global,
            Kind::Class => {
                if !s.bound_set.contains(name) && s.free.contains(name) {
                    NameSlot::ClassBodyCell(cell_index().unwrap_or(0))
                } else {
                    NameSlot::ClassBody
                }
            }
            Kind::Function | Kind::Comprehension => {
                if let Some(i) = s.locals.iter().position(|l| l == name) {
                    if !s.cells.contains(name) {
                        return NameSlot::Local(i as u32);
                    }
                }
                match cell_index() {
                    Some(i) => NameSlot::Cell(i),
                    None => NameSlot::Global,
                }
            }
        }
    }

    // ----------------------------------------------------------------- traversal

    fn name_load(&mut self, name: &mut Name) {
        match self.mode {
            Mode::Collect => {
                let id = name.id.clone();
                let in_function = self.current().kind == Kind::Function;
                self.current().used.insert(id.clone());
                if in_function && (&*id == "super" || &*id == "__class__") {
                    self.current().used.insert("__class__".into());
                }
            }
            Mode::Assign => name.slot = self.slot_for(self.current_index(), &name.id),
        }
    }

    fn name_store(&mut self, name: &mut Name) {
        match self.mode {
            Mode::Collect => {
                let id = name.id.clone();
                let s = self.current();
                s.bind(&id);
                s.used.insert(id);
            }
            Mode::Assign => name.slot = self.slot_for(self.current_index(), &name.id),
        }
    }

    /// A walrus target binds in the nearest enclosing function or module scope.
    fn walrus_store(&mut self, name: &mut Name) {
        if self.mode == Mode::Collect {
            let id = name.id.clone();
            let comps: Vec<usize> = self
                .stack
                .iter()
                .rev()
                .take_while(|&&i| self.scopes[i].kind == Kind::Comprehension)
                .copied()
                .collect();
            if let Some(&target) = self.stack.iter().rev().nth(comps.len()) {
                let target_kind = self.scopes[target].kind;
                self.scopes[target].bind(&id);
                self.scopes[target].used.insert(id.clone());
                for c in comps {
                    if target_kind == Kind::Module {
                        self.scopes[c].globals.insert(id.clone());
                    } else {
                        self.scopes[c].nonlocals.insert(id.clone());
                    }
                    self.scopes[c].used.insert(id.clone());
                }
            }
        }
        self.name_store(name);
    }

    fn block(&mut self, body: &mut [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn target(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Name(n) => self.name_store(n),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.target(e);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(e),
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &mut target.kind {
                    self.name_load(n);
                }
                self.target(target);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(v) = value {
                    self.expr(v);
                }
                if self.current().kind != Kind::Function {
                    self.expr(annotation);
                }
                if value.is_some() || !matches!(target.kind, ExprKind::Name(_)) {
                    self.target(target);
                } else if let ExprKind::Name(n) = &mut target.kind {
                    // `x: int` alone makes `x` local without assigning it.
                    self.name_store(n);
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.target(t);
                }
            }
            StmtKind::Return(value) => {
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter);
                self.target(target);
                self.block(body);
                self.block(orelse);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.block(body);
                for h in handlers {
                    if let Some(t) = &mut h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &mut h.name {
                        self.name_store(n);
                    }
                    self.block(&mut h.body);
                }
                self.block(orelse);
                self.block(finalbody);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&mut item.context);
                    if let Some(t) = &mut item.target {
                        self.target(t);
                    }
                }
                self.block(body);
            }
            StmtKind::FunctionDef(f) => {
                let f = Rc::get_mut(f).expect("the tree is uniquely owned while compiling");
                for d in &mut f.decorators {
                    self.expr(d);
                }
                self.function(f);
                let mut bind = f.bind.clone();
                self.name_store(&mut bind);
                f.bind = bind;
            }
            StmtKind::ClassDef(c) => {
                for d in &mut c.decorators {
                    self.expr(d);
                }
                for b in &mut c.bases {
                    self.expr(b);
                }
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                }
                let parent = self.current_index();
                let index = self.enter(Kind::Class);
                self.block(&mut c.body);
                self.leave();
                if self.mode == Mode::Assign {
                    let mut info = self.scope_info(index);
                    info.free_sources = self.free_sources(parent, &info);
                    c.scope = info;
                }
                let mut bind = c.bind.clone();
                self.name_store(&mut bind);
                c.bind = bind;
            }
            StmtKind::Global(names) => {
                if self.mode == Mode::Collect {
                    for n in names.iter() {
                        self.current().globals.insert(n.clone());
                    }
                }
            }
            StmtKind::Nonlocal(names) => {
                if self.mode == Mode::Collect {
                    for n in names.iter() {
                        self.current().nonlocals.insert(n.clone());
                        self.current().used.insert(n.clone());
                    }
                }
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
                for a in aliases {
                    if &*a.name != "*" {
                        self.name_store(&mut a.bind);
                    }
                }
            }
        }
    }

    /// Defaults and annotations are evaluated in the enclosing scope; the body in its own.
    fn function(&mut self, f: &mut Function) {
        for p in f
            .params
            .posonly
            .iter_mut()
            .chain(f.params.args.iter_mut())
            .chain(f.params.vararg.iter_mut())
            .chain(f.params.kwonly.iter_mut())
            .chain(f.params.kwarg.iter_mut())
        {
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
            if let Some(a) = &mut p.annotation {
                self.expr(a);
            }
        }
        if let Some(r) = &mut f.returns {
            self.expr(r);
        }
        let parent = self.current_index();
        let index = self.enter(Kind::Function);
        if self.mode == Mode::Collect {
            let names: Vec<Ident> = f.params.all().map(|p| p.name.clone()).collect();
            let s = self.current();
            for n in &names {
                s.bind(n);
            }
            s.params = names;
        }
        self.block(&mut f.body);
        self.leave();
        if self.mode == Mode::Assign {
            let mut info = self.scope_info(index);
            info.free_sources = self.free_sources(parent, &info);
            info.is_generator = contains_yield(&f.body);
            if info.is_generator {
                mark_yields(&mut f.body);
            }
            f.scope = info;
        }
    }

    fn comprehension(&mut self, c: &mut Comprehension) {
        // The first iterable is evaluated in the enclosing scope.
        if let Some(first) = c.generators.first_mut() {
            self.expr(&mut first.iter);
        }
        let parent = self.current_index();
        let index = self.enter(Kind::Comprehension);
        for (i, g) in c.generators.iter_mut().enumerate() {
            if i > 0 {
                self.expr(&mut g.iter);
            }
            self.target(&mut g.target);
            for cond in &mut g.ifs {
                self.expr(cond);
            }
        }
        self.expr(&mut c.element);
        if let Some(v) = &mut c.value {
            self.expr(v);
        }
        self.leave();
        if self.mode == Mode::Assign {
            let mut info = self.scope_info(index);
            info.free_sources = self.free_sources(parent, &info);
            c.scope = info;
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Name(n) => self.name_load(n),
            ExprKind::Const(_) => {}
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Tuple(elts) | ExprKind::List(elts) | ExprKind::Set(elts) => {
                for x in elts {
                    self.expr(x);
                }
            }
            ExprKind::Dict(items) => {
                for item in items {
                    if let Some(k) = &mut item.key {
                        self.expr(k);
                    }
                    self.expr(&mut item.value);
                }
            }
            ExprKind::Starred(inner) => self.expr(inner),
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v);
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                self.walrus_store(target);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda(f) => {
                let f = Rc::get_mut(f).expect("the tree is uniquely owned while compiling");
                self.function(f);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::ListComp(c)
            | ExprKind::SetComp(c)
            | ExprKind::DictComp(c)
            | ExprKind::GeneratorExp(c) => {
                let c = Rc::get_mut(c).expect("the tree is uniquely owned while compiling");
                self.comprehension(c)
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => self.expr(v),
            ExprKind::Compare { left, ops } => {
                self.expr(left);
                for (_, e) in ops {
                    self.expr(e);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                for a in args {
                    self.expr(a);
                }
                for k in keywords {
                    self.expr(&mut k.value);
                }
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper, step].into_iter().flatten() {
                    self.expr(p);
                }
            }
        }
    }

    fn fstring(&mut self, parts: &mut [FStringPart]) {
        for p in parts {
            if let FStringPart::Field { value, spec, .. } = p {
                self.expr(value);
                if let Some(spec) = spec {
                    self.fstring(spec);
                }
            }
        }
    }
}

/// Marks the statements of a generator's body that contain a `yield`, at every depth:
/// only those take the resumable path when the generator runs.
pub fn mark_yields(body: &mut [Stmt]) {
    for s in body {
        s.yields = contains_yield(std::slice::from_ref(s));
        if !s.yields {
            continue;
        }
        s.yields_here = match &mut s.kind {
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                mark_yields(body);
                mark_yields(orelse);
                contains_yield_expr(test)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                mark_yields(body);
                mark_yields(orelse);
                contains_yield_expr(target) || contains_yield_expr(iter)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                mark_yields(body);
                for h in handlers.iter_mut() {
                    mark_yields(&mut h.body);
                }
                mark_yields(orelse);
                mark_yields(finalbody);
                handlers
                    .iter()
                    .any(|h| h.typ.as_ref().is_some_and(contains_yield_expr))
            }
            StmtKind::With { items, body } => {
                mark_yields(body);
                items.iter().any(|i| {
                    contains_yield_expr(&i.context)
                        || i.target.as_ref().is_some_and(contains_yield_expr)
                })
            }
            _ => true,
        };
    }
}

/// True when an expression yields (not counting nested scopes).
fn contains_yield_expr(e: &Expr) -> bool {
    expr_has_yield(e)
}

/// Whether an expression contains a `yield` evaluated in its own scope (the common kinds
/// without a closure: this runs each time an operand of a yielding expression is met).
pub fn expr_has_yield(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
        ExprKind::Name(_) | ExprKind::Const(_) => false,
        ExprKind::BinOp { left, right, .. } => expr_has_yield(left) || expr_has_yield(right),
        ExprKind::UnaryOp { operand, .. } => expr_has_yield(operand),
        ExprKind::Attribute { value, .. } => expr_has_yield(value),
        ExprKind::Subscript { value, index } => expr_has_yield(value) || expr_has_yield(index),
        ExprKind::Compare { left, ops } => {
            expr_has_yield(left) || ops.iter().any(|(_, e)| expr_has_yield(e))
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr_has_yield(func)
                || args.iter().any(expr_has_yield)
                || keywords.iter().any(|k| expr_has_yield(&k.value))
        }
        ExprKind::Tuple(elts) | ExprKind::List(elts) | ExprKind::Set(elts) => {
            elts.iter().any(expr_has_yield)
        }
        _ => {
            let mut found = false;
            crate::syntax::validate::for_each_child(e, &mut |c| found = found || expr_has_yield(c));
            found
        }
    }
}

/// True when a function body yields (not counting nested scopes).
pub fn contains_yield(body: &[Stmt]) -> bool {
    fn in_expr(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => true,
            // Nested scopes: only what runs in this scope (defaults, the first iterable)
            // is visited by `for_each_child`.
            _ => {
                let mut found = false;
                crate::syntax::validate::for_each_child(e, &mut |c| found |= in_expr(c));
                found
            }
        }
    }
    fn in_stmt(s: &Stmt) -> bool {
        let mut found = false;
        let mut e = |x: &Expr| found |= in_expr(x);
        match &s.kind {
            StmtKind::Expr(x) | StmtKind::Return(Some(x)) => e(x),
            StmtKind::Assign { targets, value } => {
                targets.iter().for_each(&mut e);
                e(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                e(target);
                e(value);
            }
            StmtKind::AnnAssign { value, .. } => value.iter().for_each(e),
            StmtKind::Del(ts) => ts.iter().for_each(e),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                e(test);
                return found || body.iter().any(in_stmt) || orelse.iter().any(in_stmt);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                e(target);
                e(iter);
                return found || body.iter().any(in_stmt) || orelse.iter().any(in_stmt);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                return body.iter().any(in_stmt)
                    || handlers.iter().any(|h| {
                        h.typ.as_ref().is_some_and(in_expr) || h.body.iter().any(in_stmt)
                    })
                    || orelse.iter().any(in_stmt)
                    || finalbody.iter().any(in_stmt);
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter().for_each(&mut e);
                cause.iter().for_each(e);
            }
            StmtKind::With { items, body } => {
                for i in items {
                    e(&i.context);
                }
                return found || body.iter().any(in_stmt);
            }
            StmtKind::Assert { test, msg } => {
                e(test);
                msg.iter().for_each(e);
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().for_each(&mut e);
                f.params
                    .all()
                    .filter_map(|p| p.default.as_ref())
                    .for_each(e);
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().for_each(&mut e);
                c.bases.iter().for_each(e);
            }
            _ => {}
        }
        found
    }
    body.iter().any(in_stmt)
}
