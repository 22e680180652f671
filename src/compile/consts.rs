//! Constants: folding (after CPython's `Python/ast_opt.c`) and the constant tables of
//! each code object (`co_consts`).
//!
//! CPython 3.11 running a file holds each distinct literal from two places: the parse
//! tree of the running unit (one reference, for the first occurrence; equal literals are
//! merged into it) and the `co_consts` tuple of every code object using it — where code
//! objects with equal constant lists share one tuple. So `x = 123456789` at module level
//! shows `sys.getrefcount(x) == 4`: the tree, the module's constants, `x`, the argument.

use crate::eval::Interp;
use crate::heap::Ref;
use crate::syntax::ast::*;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::collections::HashMap;
use std::rc::Rc;

/// A constant's identity for merging: type-aware, so `1`, `1.0` and `True` stay apart.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum ConstKey {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<ConstKey>),
    /// A nested code object: never equal to another.
    Code(usize),
}

pub fn key_of(value: &ConstValue) -> ConstKey {
    match value {
        ConstValue::None => ConstKey::None,
        ConstValue::True => ConstKey::True,
        ConstValue::False => ConstKey::False,
        ConstValue::Ellipsis => ConstKey::Ellipsis,
        ConstValue::Int(i) => ConstKey::Int(i.clone()),
        ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
        ConstValue::Str(s) => ConstKey::Str(s.clone()),
        ConstValue::Bytes(b) => ConstKey::Bytes(b.clone()),
        ConstValue::Tuple(items) => ConstKey::Tuple(items.iter().map(key_of).collect()),
    }
}

struct CodeConsts {
    keys: Vec<ConstKey>,
    refs: Vec<Ref>,
    index: HashMap<ConstKey, u32>,
}

impl CodeConsts {
    fn new() -> CodeConsts {
        CodeConsts {
            keys: Vec::new(),
            refs: Vec::new(),
            index: HashMap::new(),
        }
    }
}

/// Builds every constant table of a resolved module. Returns the parse tree's references
/// and the distinct tables (for the heap audit, which counts each table's references once).
pub fn build(interp: &mut Interp, module: &mut Module) -> (Vec<Ref>, Vec<Rc<[Ref]>>) {
    let mut b = Builder {
        interp,
        canonical: HashMap::new(),
        literals: Vec::new(),
        tables: HashMap::new(),
        stack: vec![CodeConsts::new()],
        codes: 0,
    };
    b.block(&mut module.body);
    // The module's code ends with `return None`.
    b.add_key(ConstKey::None, &ConstValue::None);
    module.scope.consts = b.finish_code();
    let tables = b.tables.values().cloned().collect();
    (b.literals, tables)
}

struct Builder<'a> {
    interp: &'a mut Interp,
    canonical: HashMap<ConstKey, Ref>,
    literals: Vec<Ref>,
    tables: HashMap<Vec<ConstKey>, Rc<[Ref]>>,
    stack: Vec<CodeConsts>,
    codes: usize,
}

impl Builder<'_> {
    fn object(&mut self, key: &ConstKey, value: &ConstValue, literal: bool) -> Ref {
        if let Some(r) = self.canonical.get(key) {
            return r.clone();
        }
        let obj = match value {
            ConstValue::Tuple(items) => {
                let elems: Vec<Ref> = items
                    .iter()
                    .map(|v| self.object(&key_of(v), v, true))
                    .collect();
                self.interp.new_tuple(elems)
            }
            other => self.interp.const_object(other),
        };
        if literal {
            self.literals.push(obj.clone());
        }
        self.canonical.insert(key.clone(), obj.clone());
        obj
    }

    fn add_key(&mut self, key: ConstKey, value: &ConstValue) -> u32 {
        let top = self.stack.last().expect("a code object is open");
        if let Some(&i) = top.index.get(&key) {
            return i;
        }
        let obj = self.object(&key, value, !matches!(value, ConstValue::None));
        let top = self.stack.last_mut().expect("a code object is open");
        let i = top.keys.len() as u32;
        top.index.insert(key.clone(), i);
        top.keys.push(key);
        top.refs.push(obj);
        i
    }

    fn add_code_marker(&mut self) {
        self.codes += 1;
        let key = ConstKey::Code(self.codes);
        let none = self.canonical_none();
        let top = self.stack.last_mut().expect("a code object is open");
        let i = top.keys.len() as u32;
        top.index.insert(key.clone(), i);
        top.keys.push(key);
        // The code object itself is not a Python object here; None stands in its slot.
        top.refs.push(none);
    }

    fn canonical_none(&mut self) -> Ref {
        self.interp.none()
    }

    fn finish_code(&mut self) -> ConstTable {
        let code = self.stack.pop().expect("a code object is open");
        let table = self
            .tables
            .entry(code.keys)
            .or_insert_with(|| Rc::from(code.refs))
            .clone();
        ConstTable(table)
    }

    fn open_code(&mut self, first_none: bool) {
        self.stack.push(CodeConsts::new());
        if first_none {
            self.add_key(ConstKey::None, &ConstValue::None);
        }
    }

    fn block(&mut self, body: &mut [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn name(&mut self, n: &mut Name) {
        if n.key.0.is_none() {
            n.key = NameKey::new(self.interp.intern(&n.id));
        }
    }

    fn target(&mut self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::Name(n) => self.name(n),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for x in elts {
                    self.target(x);
                }
            }
            ExprKind::Starred(inner) => self.target(inner),
            ExprKind::Attribute { value, attr, key } => {
                *key = NameKey::new(self.interp.intern(attr));
                self.expr(value)
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
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
                self.target(target);
                self.expr(value);
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
                self.target(target);
                self.expr(annotation);
            }
            StmtKind::Del(ts) => {
                for t in ts {
                    self.target(t);
                }
            }
            StmtKind::Return(v) => match v {
                Some(v) => self.expr(v),
                None => {
                    self.add_key(ConstKey::None, &ConstValue::None);
                }
            },
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
                list_to_tuple(iter);
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
                        self.name(n);
                    }
                    self.block(&mut h.body);
                }
                self.block(orelse);
                self.block(finalbody);
            }
            StmtKind::Raise { exc, cause } => {
                for e in [exc, cause].into_iter().flatten() {
                    self.expr(e);
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
                self.name(&mut bind);
                f.bind = bind;
            }
            StmtKind::ClassDef(c) => {
                for d in &mut c.decorators {
                    self.expr(d);
                }
                self.add_code_marker();
                self.open_code(false);
                self.block(&mut c.body);
                self.add_key(ConstKey::None, &ConstValue::None);
                c.scope.consts = self.finish_code();
                for b in &mut c.bases {
                    self.expr(b);
                }
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                    if let Some(arg) = &k.arg {
                        k.key = NameKey::new(self.interp.intern(arg));
                    }
                }
                let mut bind = c.bind.clone();
                self.name(&mut bind);
                c.bind = bind;
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
                for a in aliases {
                    self.name(&mut a.bind);
                }
            }
        }
    }

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
        self.add_code_marker();
        // co_consts[0] is the docstring, or None.
        let doc = docstring(&f.body);
        self.open_code(doc.is_none());
        self.block(&mut f.body);
        if !ends_with_return(&f.body) {
            self.add_key(ConstKey::None, &ConstValue::None);
        }
        f.scope.consts = self.finish_code();
    }

    fn comprehension(&mut self, c: &mut Comprehension, is_generator: bool) {
        if let Some(first) = c.generators.first_mut() {
            self.expr(&mut first.iter);
        }
        self.add_code_marker();
        self.open_code(false);
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
        if is_generator {
            self.add_key(ConstKey::None, &ConstValue::None);
        }
        c.scope.consts = self.finish_code();
    }

    fn expr(&mut self, e: &mut Expr) {
        fold(e);
        match &mut e.kind {
            ExprKind::Const(c) => {
                let key = key_of(&c.value);
                let value = c.value.clone();
                c.pool = self.add_key(key, &value);
            }
            ExprKind::Name(n) => self.name(n),
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
                self.name(target);
                self.expr(value)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda(f) => {
                let f = Rc::get_mut(f).expect("the tree is uniquely owned while compiling");
                for p in f.params.all_mut() {
                    if let Some(d) = &mut p.default {
                        self.expr(d);
                    }
                }
                self.add_code_marker();
                self.open_code(true);
                self.block(&mut f.body);
                f.scope.consts = self.finish_code();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::ListComp(c) | ExprKind::SetComp(c) | ExprKind::DictComp(c) => {
                let c = Rc::get_mut(c).expect("the tree is uniquely owned while compiling");
                self.comprehension(c, false)
            }
            ExprKind::GeneratorExp(c) => {
                let c = Rc::get_mut(c).expect("the tree is uniquely owned while compiling");
                self.comprehension(c, true)
            }
            ExprKind::Yield(v) => match v {
                Some(v) => self.expr(v),
                None => {
                    self.add_key(ConstKey::None, &ConstValue::None);
                }
            },
            ExprKind::YieldFrom(v) => self.expr(v),
            ExprKind::Compare { left, ops } => {
                self.expr(left);
                for (op, e) in ops {
                    if matches!(op, CmpOp::In | CmpOp::NotIn) {
                        list_to_tuple(e);
                    }
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
                for k in keywords.iter_mut() {
                    self.expr(&mut k.value);
                    if let Some(arg) = &k.arg {
                        k.key = NameKey::new(self.interp.intern(arg));
                    }
                }
                // Keyword names travel as a constant tuple (KW_NAMES).
                if keywords.iter().all(|k| k.arg.is_some()) && !keywords.is_empty() {
                    let names: Vec<ConstValue> = keywords
                        .iter()
                        .filter_map(|k| k.arg.clone().map(ConstValue::Str))
                        .collect();
                    let value = ConstValue::Tuple(names.into());
                    self.add_key(key_of(&value), &value);
                }
            }
            ExprKind::Attribute { value, attr, key } => {
                *key = NameKey::new(self.interp.intern(attr));
                self.expr(value)
            }
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
            match p {
                FStringPart::Literal(s) => {
                    let value = ConstValue::Str(s.as_str().into());
                    self.add_key(key_of(&value), &value);
                }
                FStringPart::Field { value, spec, .. } => {
                    self.expr(value);
                    if let Some(spec) = spec {
                        self.fstring(spec);
                    }
                }
            }
        }
    }
}

impl Params {
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut Param> {
        self.posonly
            .iter_mut()
            .chain(self.args.iter_mut())
            .chain(self.vararg.iter_mut())
            .chain(self.kwonly.iter_mut())
            .chain(self.kwarg.iter_mut())
    }
}

fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr {
            kind:
                ExprKind::Const(Const {
                    value: ConstValue::Str(s),
                    ..
                }),
            ..
        })) => Some(s),
        _ => None,
    }
}

fn ends_with_return(body: &[Stmt]) -> bool {
    matches!(
        body.last().map(|s| &s.kind),
        Some(StmtKind::Return(Some(_)))
    )
}

/// `x in [1, 2]` and `for x in [1, 2]` use a constant tuple, as CPython compiles them.
fn list_to_tuple(e: &mut Expr) {
    if let ExprKind::List(elts) = &mut e.kind {
        if elts.iter().all(|x| matches!(x.kind, ExprKind::Const(_))) {
            let elts = std::mem::take(elts);
            e.kind = ExprKind::Tuple(elts);
            fold(e);
        }
    }
}

fn const_of(e: &Expr) -> Option<&ConstValue> {
    match &e.kind {
        ExprKind::Const(c) => Some(&c.value),
        _ => None,
    }
}

/// Folds an expression whose operands are constants, within CPython's size limits.
fn fold(e: &mut Expr) {
    let folded = match &e.kind {
        ExprKind::UnaryOp { op, operand } => const_of(operand).and_then(|v| fold_unary(*op, v)),
        ExprKind::BinOp { left, op, right } => match (const_of(left), const_of(right)) {
            (Some(a), Some(b)) => fold_binary(a, *op, b),
            _ => None,
        },
        ExprKind::Tuple(elts) if !elts.is_empty() => {
            let values: Option<Vec<ConstValue>> =
                elts.iter().map(|x| const_of(x).cloned()).collect();
            values.map(|v| ConstValue::Tuple(v.into()))
        }
        _ => None,
    };
    if let Some(value) = folded {
        e.kind = ExprKind::Const(Const::new(value));
    }
}

fn fold_unary(op: UnaryOp, v: &ConstValue) -> Option<ConstValue> {
    Some(match (op, v) {
        (UnaryOp::USub, ConstValue::Int(i)) => ConstValue::Int(-i),
        (UnaryOp::USub, ConstValue::Float(f)) => ConstValue::Float(-f),
        (UnaryOp::UAdd, ConstValue::Int(i)) => ConstValue::Int(i.clone()),
        (UnaryOp::UAdd, ConstValue::Float(f)) => ConstValue::Float(*f),
        (UnaryOp::Invert, ConstValue::Int(i)) => ConstValue::Int(-i - 1),
        _ => return None,
    })
}

const MAX_INT_BITS: u64 = 128;
const MAX_STR_SIZE: usize = 4096;
const MAX_COLLECTION_SIZE: usize = 256;

fn fold_binary(a: &ConstValue, op: BinOp, b: &ConstValue) -> Option<ConstValue> {
    use ConstValue as C;
    match (a, b) {
        (C::Int(x), C::Int(y)) => fold_int(x, op, y).map(C::Int),
        (C::Float(_), C::Float(_) | C::Int(_)) | (C::Int(_), C::Float(_)) => {
            let x = as_f64(a)?;
            let y = as_f64(b)?;
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mult => x * y,
                BinOp::Div if y != 0.0 => x / y,
                _ => return None,
            };
            r.is_finite().then_some(C::Float(r))
        }
        (C::Str(x), C::Str(y)) if op == BinOp::Add => Some(C::Str(format!("{x}{y}").into())),
        (C::Str(s), C::Int(n)) | (C::Int(n), C::Str(s)) if op == BinOp::Mult => {
            let n = n.to_i64()?;
            let n = n.max(0) as usize;
            (s.chars().count() * n <= MAX_STR_SIZE).then(|| C::Str(s.repeat(n).into()))
        }
        (C::Tuple(t), C::Int(n)) if op == BinOp::Mult => {
            let n = n.to_i64()?.max(0) as usize;
            (t.len() * n <= MAX_COLLECTION_SIZE).then(|| {
                let mut v = Vec::new();
                for _ in 0..n {
                    v.extend(t.iter().cloned());
                }
                C::Tuple(v.into())
            })
        }
        _ => None,
    }
}

fn as_f64(v: &ConstValue) -> Option<f64> {
    match v {
        ConstValue::Float(f) => Some(*f),
        ConstValue::Int(i) => i.to_f64(),
        _ => None,
    }
}

fn fold_int(x: &BigInt, op: BinOp, y: &BigInt) -> Option<BigInt> {
    use num_integer::Integer;
    Some(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => {
            if x.bits() + y.bits() > MAX_INT_BITS * 2 {
                return None;
            }
            x * y
        }
        BinOp::FloorDiv if !y.is_zero() => x.div_floor(y),
        BinOp::Mod if !y.is_zero() => x.mod_floor(y),
        BinOp::Pow => {
            if y.is_negative() {
                return None;
            }
            let e = y.to_u32()?;
            if !x.is_zero() && x.bits() * e as u64 > MAX_INT_BITS {
                return None;
            }
            num_traits::pow(x.clone(), e as usize)
        }
        BinOp::LShift => {
            let s = y.to_u32()?;
            if x.bits() + s as u64 > MAX_INT_BITS {
                return None;
            }
            x << s
        }
        BinOp::RShift => x >> y.to_u32()?,
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        _ => return None,
    })
}
