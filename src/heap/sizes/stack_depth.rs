//! The evaluation-stack depth CPython 3.11's compiler computes for a code object
//! (`co_stacksize`), estimated from the tree: a generator's size is its frame's size,
//! `co_nlocalsplus + co_stacksize` slots (`gen_sizeof` in `Objects/genobject.c`).
//!
//! Each rule follows the instruction sequence `Python/compile.c` (3.11) emits for the
//! construct: `PUSH_NULL` + callable before a call's arguments, `LOAD_METHOD` pushing two,
//! chained comparisons `SWAP`/`COPY`ing, exception handlers entered with the exception
//! (and `lasti`) pushed, `with` keeping `__exit__` below its body, `for` keeping the
//! iterator. Every function also needs one slot for its implicit `return None`.

use crate::syntax::ast::*;

/// `STACK_USE_GUIDELINE`: beyond this the compiler builds containers incrementally.
const GUIDELINE: usize = 30;

/// `co_stacksize` of a function's code.
pub fn function(f: &Function) -> usize {
    let mut s = Depth::default();
    s.block(&f.body, 0);
    s.max.max(1)
}

/// `co_stacksize` of a generator expression's code: `.0` and the running loops' iterators
/// stay on the stack below the element, which is yielded.
pub fn genexpr(c: &Comprehension) -> usize {
    let mut s = Depth::default();
    s.see(1);
    let loops = s.comprehension_loops(c, 0);
    s.expr(&c.element, loops);
    s.max.max(1)
}

#[derive(Default)]
struct Depth {
    max: usize,
}

impl Depth {
    fn see(&mut self, depth: usize) {
        if depth > self.max {
            self.max = depth;
        }
    }

    /// Runs the `for` clauses of a comprehension's own code starting at `d` (the `.0`
    /// iterator or the result container is already counted); returns the depth at which
    /// the element is computed.
    fn comprehension_loops(&mut self, c: &Comprehension, d: usize) -> usize {
        let mut d = d + 1;
        for (i, g) in c.generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter, d);
                d += 1;
            }
            // FOR_ITER pushes the item above the iterator.
            self.see(d + 1);
            self.store(&g.target, d + 1);
            for cond in &g.ifs {
                self.condition(cond, d);
            }
        }
        d
    }

    fn block(&mut self, body: &[Stmt], d: usize) {
        for s in body {
            self.stmt(s, d);
        }
    }

    fn stmt(&mut self, s: &Stmt, d: usize) {
        match &s.kind {
            StmtKind::Expr(e) => {
                if !matches!(e.kind, ExprKind::Const(_)) {
                    self.expr(e, d);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value, d);
                let last = targets.len() - 1;
                for (i, t) in targets.iter().enumerate() {
                    if i < last {
                        self.see(d + 2);
                        self.store(t, d + 2);
                    } else {
                        self.store(t, d + 1);
                    }
                }
            }
            StmtKind::AugAssign { target, value, .. } => match &target.kind {
                ExprKind::Attribute { value: obj, .. } => {
                    self.expr(obj, d);
                    self.see(d + 2);
                    self.expr(value, d + 2);
                }
                ExprKind::Subscript { value: obj, index } => {
                    self.expr(obj, d);
                    self.expr(index, d + 1);
                    self.see(d + 4);
                    self.expr(value, d + 3);
                }
                _ => {
                    self.expr(target, d);
                    self.expr(value, d + 1);
                }
            },
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v, d);
                    self.store(target, d + 1);
                }
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    match &t.kind {
                        ExprKind::Attribute { value, .. } => self.expr(value, d),
                        ExprKind::Subscript { value, index } => {
                            self.expr(value, d);
                            self.expr(index, d + 1);
                        }
                        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                            for e in elts {
                                self.stmt(&Stmt::new(s.span, StmtKind::Del(vec![e.clone()])), d);
                            }
                        }
                        _ => {}
                    }
                }
            }
            StmtKind::Return(value) => match value {
                Some(v) => self.expr(v, d),
                None => self.see(d + 1),
            },
            StmtKind::If { test, body, orelse } => {
                self.condition(test, d);
                self.block(body, d);
                self.block(orelse, d);
            }
            StmtKind::While { test, body, orelse } => {
                self.condition(test, d);
                self.block(body, d);
                self.block(orelse, d);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter, d);
                self.see(d + 2);
                self.store(target, d + 2);
                self.block(body, d + 1);
                self.block(orelse, d);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if !finalbody.is_empty() {
                    // The exceptional path: exception pushed, then lasti + exception for
                    // the cleanup handler, which copies the third item.
                    self.see(d + 4);
                    self.block(finalbody, d);
                    self.block(finalbody, d + 2);
                }
                self.block(body, d);
                if !handlers.is_empty() {
                    self.see(d + 4);
                    for h in handlers {
                        if let Some(t) = &h.typ {
                            self.expr(t, d + 2);
                        }
                        self.block(&h.body, d + 1);
                    }
                }
                self.block(orelse, d);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e, d);
                }
                if let Some(c) = cause {
                    self.expr(c, d + 1);
                }
            }
            StmtKind::With { items, body } => {
                let mut d = d;
                for item in items {
                    self.expr(&item.context, d);
                    // BEFORE_WITH leaves __exit__ and the entered value; the exceptional
                    // exit pushes the exception, lasti and WITH_EXCEPT_START's result,
                    // and its cleanup copies the third item.
                    self.see(d + 6);
                    if let Some(t) = &item.target {
                        self.store(t, d + 2);
                    }
                    d += 1;
                }
                self.block(body, d);
            }
            StmtKind::FunctionDef(f) => {
                let mut d = d;
                for dec in &f.decorators {
                    self.expr(dec, d);
                    d += 1;
                }
                self.make_function(f, d);
            }
            StmtKind::ClassDef(c) => {
                let mut d = d;
                for dec in &c.decorators {
                    self.expr(dec, d);
                    d += 1;
                }
                // PUSH_NULL, LOAD_BUILD_CLASS, the body function, the name, then bases.
                let free = c.scope.cells.len() - c.scope.own_cells as usize;
                self.see(d + 2 + free.max(2));
                let mut top = d + 4;
                self.see(top);
                for b in &c.bases {
                    self.expr(b, top);
                    top += 1;
                }
                for k in &c.keywords {
                    self.expr(&k.value, top);
                    top += 1;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.condition(test, d);
                self.see(d + 1);
                if let Some(m) = msg {
                    self.expr(m, d + 1);
                }
            }
            StmtKind::Import(_) => self.see(d + 2),
            StmtKind::ImportFrom { .. } => self.see(d + 2),
            StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_) => {}
        }
    }

    /// A test compiled with jumps (`compiler_jump_if`): `and`/`or`/`not` need no extra
    /// slots, a comparison chain needs its `COPY`.
    fn condition(&mut self, e: &Expr, d: usize) {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.condition(v, d);
                }
            }
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.condition(operand, d),
            _ => self.expr(e, d),
        }
    }

    /// Storing the value on top of the stack (at depth `d`, counting it).
    fn store(&mut self, t: &Expr, d: usize) {
        match &t.kind {
            ExprKind::Attribute { value, .. } => self.expr(value, d),
            ExprKind::Subscript { value, index } => {
                self.expr(value, d);
                self.expr(index, d + 1);
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let n = elts.len();
                let top = d - 1 + n;
                self.see(top);
                for (i, e) in elts.iter().enumerate() {
                    let inner = match &e.kind {
                        ExprKind::Starred(x) => x,
                        _ => e,
                    };
                    self.store(inner, top - i);
                }
            }
            ExprKind::Starred(x) => self.store(x, d),
            _ => {}
        }
    }

    /// Evaluating `e` with `d` items below: records the deepest point; the result then
    /// occupies depth `d + 1`.
    fn expr(&mut self, e: &Expr, d: usize) {
        self.see(d + 1);
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Const(_) => {}
            ExprKind::FString(parts) => self.fstring(parts, d),
            ExprKind::Tuple(elts) => self.sequence(elts, d, true),
            ExprKind::List(elts) | ExprKind::Set(elts) => self.sequence(elts, d, false),
            ExprKind::Dict(items) => self.dict(items, d),
            ExprKind::Starred(x) => self.expr(x, d),
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v, d);
                }
            }
            ExprKind::NamedExpr { value, .. } => {
                self.expr(value, d);
                self.see(d + 2);
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, d);
                self.expr(right, d + 1);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, d),
            ExprKind::Lambda(f) => self.make_function(f, d),
            ExprKind::IfExp { test, body, orelse } => {
                self.condition(test, d);
                self.expr(body, d);
                self.expr(orelse, d);
            }
            ExprKind::ListComp(c)
            | ExprKind::SetComp(c)
            | ExprKind::DictComp(c)
            | ExprKind::GeneratorExp(c) => {
                // The comprehension function (closure tuple, code), then its first
                // iterable, called with it.
                let free = c.scope.cells.len() - c.scope.own_cells as usize;
                self.see(d + free.max(2));
                if let Some(g) = c.generators.first() {
                    self.expr(&g.iter, d + 1);
                }
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.expr(v, d);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v, d);
                self.see(d + 2);
            }
            ExprKind::Compare { left, ops } => {
                self.expr(left, d);
                let n = ops.len();
                for (i, (_, right)) in ops.iter().enumerate() {
                    self.expr(right, d + 1);
                    if i + 1 < n {
                        self.see(d + 3);
                    }
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, d),
            ExprKind::Attribute { value, .. } => self.expr(value, d),
            ExprKind::Subscript { value, index } => {
                self.expr(value, d);
                self.expr(index, d + 1);
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut top = d;
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p, top),
                        None => self.see(top + 1),
                    }
                    top += 1;
                }
                if let Some(s) = step {
                    self.expr(s, top);
                }
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart], d: usize) {
        for (top, part) in (d..).zip(parts) {
            match part {
                FStringPart::Literal(_) => self.see(top + 1),
                FStringPart::Field { value, spec, .. } => {
                    self.expr(value, top);
                    if let Some(spec) = spec {
                        self.fstring(spec, top + 1);
                    }
                }
            }
        }
    }

    /// `starunpack_helper`: plain items are pushed then built; with `*x` (or too many
    /// items) the container is built first and extended; three or more constants are
    /// one constant.
    fn sequence(&mut self, elts: &[Expr], d: usize, tuple: bool) {
        let n = elts.len();
        if n > 2 && elts.iter().all(|e| matches!(e.kind, ExprKind::Const(_))) {
            self.see(d + if tuple { 1 } else { 2 });
            return;
        }
        let starred = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !starred && n <= GUIDELINE {
            for (i, e) in elts.iter().enumerate() {
                self.expr(e, d + i);
            }
            return;
        }
        let mut built = n > GUIDELINE;
        let mut top = d;
        for e in elts {
            if let ExprKind::Starred(x) = &e.kind {
                if !built {
                    built = true;
                    top = d + 1;
                }
                self.expr(x, top);
            } else {
                self.expr(e, top);
                if !built {
                    top += 1;
                }
            }
        }
    }

    /// `compiler_dict`: runs of up to 16 items (17 when split), each a `BUILD_MAP` of
    /// key/value pairs or, for constant keys, values and a key tuple; `**m` merges.
    fn dict(&mut self, items: &[DictItem], d: usize) {
        let mut have_dict = false;
        let mut run: Vec<&DictItem> = Vec::new();
        for item in items {
            match &item.key {
                None => {
                    if !run.is_empty() {
                        self.subdict(&run, if have_dict { d + 1 } else { d });
                        run.clear();
                    }
                    have_dict = true;
                    self.see(d + 1);
                    self.expr(&item.value, d + 1);
                }
                Some(_) => {
                    run.push(item);
                    if run.len() == 17 {
                        self.subdict(&run, if have_dict { d + 1 } else { d });
                        run.clear();
                        have_dict = true;
                    }
                }
            }
        }
        if !run.is_empty() {
            self.subdict(&run, if have_dict { d + 1 } else { d });
        }
    }

    fn subdict(&mut self, run: &[&DictItem], d: usize) {
        let n = run.len();
        let big = n * 2 > GUIDELINE;
        let const_keys = run
            .iter()
            .all(|i| matches!(i.key.as_ref().map(|k| &k.kind), Some(ExprKind::Const(_))));
        if n > 1 && !big && const_keys {
            for (i, item) in run.iter().enumerate() {
                self.expr(&item.value, d + i);
            }
            self.see(d + n + 1);
            return;
        }
        let base = if big { d + 1 } else { d };
        self.see(base);
        for (i, item) in run.iter().enumerate() {
            let at = if big { base } else { d + 2 * i };
            if let Some(k) = &item.key {
                self.expr(k, at);
            }
            self.expr(&item.value, at + 1);
        }
    }

    /// `compiler_call`: `PUSH_NULL` and the callable, or the object and `LOAD_METHOD`
    /// (two slots either way), then the arguments; `*args`/`**kw` build a tuple and a
    /// dict instead.
    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword], d: usize) {
        match &func.kind {
            ExprKind::Attribute { value, .. } => self.expr(value, d),
            _ => {
                self.see(d + 1);
                self.expr(func, d + 1);
            }
        }
        let top = d + 2;
        self.see(top);
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let double = keywords.iter().any(|k| k.arg.is_none());
        if !starred && !double && args.len() + 2 * keywords.len() <= GUIDELINE {
            for (i, a) in args.iter().enumerate() {
                self.expr(a, top + i);
            }
            for (i, k) in keywords.iter().enumerate() {
                self.expr(&k.value, top + args.len() + i);
            }
            return;
        }
        // CALL_FUNCTION_EX: one positional tuple, then one keyword dict.
        if args.len() == 1 && starred {
            if let ExprKind::Starred(x) = &args[0].kind {
                self.expr(x, top);
            }
        } else {
            self.sequence(args, top, true);
        }
        if keywords.is_empty() {
            return;
        }
        let top = top + 1;
        let mut have_dict = false;
        let mut seen: Vec<&Keyword> = Vec::new();
        for k in keywords {
            if k.arg.is_none() {
                if !seen.is_empty() {
                    self.subkwargs(&seen, if have_dict { top + 1 } else { top });
                    seen.clear();
                }
                have_dict = true;
                self.see(top + 1);
                self.expr(&k.value, top + 1);
            } else {
                seen.push(k);
            }
        }
        if !seen.is_empty() {
            self.subkwargs(&seen, if have_dict { top + 1 } else { top });
        }
    }

    fn subkwargs(&mut self, kws: &[&Keyword], d: usize) {
        let n = kws.len();
        if n > 1 && n * 2 <= GUIDELINE {
            for (i, k) in kws.iter().enumerate() {
                self.expr(&k.value, d + i);
            }
            self.see(d + n + 1);
            return;
        }
        for (i, k) in kws.iter().enumerate() {
            self.see(d + 2 * i + 1);
            self.expr(&k.value, d + 2 * i + 1);
        }
    }

    /// `MAKE_FUNCTION` and what it pops: the defaults tuple, keyword-only defaults,
    /// annotations, the closure tuple and the code.
    fn make_function(&mut self, f: &Function, d: usize) {
        let mut top = d;
        let defaults: Vec<&Expr> = f
            .params
            .positional()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            self.sequence(
                &defaults.iter().map(|e| (*e).clone()).collect::<Vec<_>>(),
                top,
                true,
            );
            top += 1;
        }
        let kwdefaults: Vec<&Expr> = f
            .params
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !kwdefaults.is_empty() {
            for (i, e) in kwdefaults.iter().enumerate() {
                self.expr(e, top + i);
            }
            self.see(top + kwdefaults.len() + 1);
            top += 1;
        }
        let annotations: Vec<&Expr> = f
            .params
            .all()
            .filter_map(|p| p.annotation.as_ref())
            .chain(f.returns.iter())
            .collect();
        if !annotations.is_empty() && !f.is_lambda {
            for (i, a) in annotations.iter().enumerate() {
                self.see(top + 2 * i + 1);
                self.expr(a, top + 2 * i + 1);
            }
            top += 1;
        }
        let free = f.scope.cells.len() - f.scope.own_cells as usize;
        if free > 0 {
            self.see(top + free);
            top += 1;
        }
        self.see(top + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_function(src: &str) -> Function {
        let mut interp = crate::eval::Interp::new();
        let unit = crate::compile::compile(&mut interp, src, "<test>").expect("test source parses");
        let f = match &unit.module.body[0].kind {
            StmtKind::FunctionDef(f) => (**f).clone(),
            other => panic!("expected a def, got {other:?}"),
        };
        unit.release_literals();
        f
    }

    /// `co_stacksize` printed by CPython 3.11.7 for each function.
    #[test]
    fn function_stack_depths_match_cpython() {
        let cases: &[(&str, usize)] = &[
            ("def f():\n    pass", 1),
            ("def f(n):\n    while n > 0:\n        yield n\n        n -= 1", 2),
            ("def f():\n    yield 1", 1),
            ("def f(a, b):\n    return a * b + a // b - 3", 3),
            ("def f(a):\n    return g(a, a, a)", 5),
            ("def f(a):\n    return a.m(1, 2)", 4),
            ("def f(a):\n    return a.m(1, k=2)", 4),
            ("def f(a):\n    return g(*a)", 3),
            ("def f(a):\n    return g(*a, **a)", 5),
            ("def f(a):\n    return g(1, *a)", 4),
            ("def f(a):\n    for x in a:\n        for y in x:\n            yield x, y", 4),
            ("def f(a):\n    for i, x in enumerate(a):\n        yield i * x", 3),
            ("def f(a):\n    x = [1, 2, 3]\n    return x", 2),
            ("def f(a):\n    x = [a, a, a, a]\n    return x", 4),
            ("def f(a):\n    return {a: 1, 'b': 2}", 4),
            ("def f(a):\n    return {'a': a, 'b': 2, 'c': 3}", 4),
            ("def f(a):\n    return a[1:2:3]", 4),
            ("def f(a):\n    a[1] = 2", 3),
            ("def f(a):\n    a.x += 2", 3),
            ("def f(a):\n    a[0] += 2", 4),
            ("def f(a):\n    x = y = a", 2),
            ("def f(a):\n    return 1 < a < 3", 3),
            ("def f(a):\n    return a and b or c", 1),
            ("def f(a):\n    return a if b else c", 1),
            ("def f(a):\n    return f'{a} and {b!r:>10}'", 4),
            ("def f(a):\n    return [x * y for x in a for y in a if x]", 2),
            ("def f(a):\n    return lambda: a", 2),
            ("def f(a):\n    try:\n        yield 1\n    finally:\n        print('x')", 5),
            ("def f(a):\n    try:\n        yield 1\n    except ValueError as e:\n        print(e)", 4),
            ("def f(a):\n    try:\n        yield 1\n    except (ValueError, TypeError):\n        pass", 4),
            ("def f(a):\n    with open(a) as fh:\n        yield fh.read()", 6),
            ("def f(a):\n    yield from a", 2),
            ("def f(a):\n    x = yield a\n    print(x)", 3),
            ("def f(a):\n    total = 0\n    for x in a:\n        if x % 2 == 0:\n            total += x * x\n    return total", 4),
            ("def f(a):\n    raise ValueError('x') from None", 3),
            ("def f(a):\n    assert a, 'msg'", 2),
            ("def f(a):\n    return [*a, 1]", 2),
            ("def f(a):\n    x = a.b.c.d(1)[2]\n    return x", 3),
            ("def f(a):\n    print(a[0], a[1], g(a, a))", 8),
            ("def f(a):\n    for k, v in a.items():\n        print(k, v)", 5),
            ("def f(a):\n    class C:\n        pass\n    return C", 4),
            ("def f(a):\n    for i in range(10):\n        yield i ** 2", 3),
            ("def f(a):\n    return sum(x * x for x in a)", 4),
            ("def f(a):\n    return a == b == c == d", 3),
            ("def f(a):\n    return g(h(i(j(a))))", 9),
            ("def f(a):\n    return a.b(c.d(e.f(1)))", 7),
            ("def f(a):\n    return [[1, 2], [3, 4]]", 3),
        ];
        for (src, want) in cases {
            let f = parse_function(src);
            assert_eq!(function(&f), *want, "{src}");
        }
    }

    #[test]
    fn genexpr_stack_depths_match_cpython() {
        let cases: &[(&str, usize)] = &[
            ("(x for x in a)", 2),
            ("(x * 2 for x in a)", 3),
            ("(x for x in a if x)", 2),
            ("(x + y for x in a for y in b)", 4),
            ("((x, y) for x, y in a)", 3),
            ("(f(x) for x in a)", 4),
            ("(x.m(1) for x in a)", 4),
            ("(str(i) * 20 for i in range(2000))", 4),
            ("(x for x in range(10) if x % 2 == 0)", 3),
        ];
        for (src, want) in cases {
            let f = parse_function(&format!("def f():\n    return {src}"));
            let StmtKind::Return(Some(e)) = &f.body[0].kind else {
                panic!()
            };
            let ExprKind::GeneratorExp(c) = &e.kind else {
                panic!()
            };
            assert_eq!(genexpr(c), *want, "{src}");
        }
    }
}
