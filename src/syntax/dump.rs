//! A readable, indented dump of the AST (`refpy --dump-ast FILE`), one node a line with
//! its source line: stable enough to snapshot, short enough to read.

use super::ast::*;
use super::span::{LineIndex, Span};
use std::fmt::Write;

pub fn dump_module(module: &Module, source: &str) -> String {
    let mut d = Dumper {
        out: String::new(),
        index: LineIndex::new(source),
        depth: 0,
    };
    d.line("Module", None);
    d.nested(|d| d.block("", &module.body));
    d.out
}

struct Dumper<'a> {
    out: String,
    index: LineIndex<'a>,
    depth: usize,
}

impl Dumper<'_> {
    fn line(&mut self, text: &str, span: Option<Span>) {
        let _ = write!(self.out, "{}{}", "  ".repeat(self.depth), text);
        if let Some(span) = span {
            let _ = write!(self.out, "  @{}", self.index.line_of(span.start));
        }
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn labelled(&mut self, label: &str, f: impl FnOnce(&mut Self)) {
        self.line(&format!("{label}:"), None);
        self.nested(f);
    }

    fn block(&mut self, label: &str, body: &[Stmt]) {
        if body.is_empty() {
            return;
        }
        if label.is_empty() {
            body.iter().for_each(|s| self.stmt(s));
        } else {
            self.labelled(label, |d| body.iter().for_each(|s| d.stmt(s)));
        }
    }

    fn opt(&mut self, label: &str, e: &Option<Expr>) {
        if let Some(e) = e {
            self.labelled(label, |d| d.expr(e));
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        let sp = Some(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                self.line("Expr", sp);
                self.nested(|d| d.expr(e));
            }
            StmtKind::Assign { targets, value } => {
                self.line("Assign", sp);
                self.nested(|d| {
                    d.labelled("targets", |d| targets.iter().for_each(|t| d.expr(t)));
                    d.labelled("value", |d| d.expr(value));
                });
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line(&format!("AugAssign {}=", op.symbol()), sp);
                self.nested(|d| {
                    d.expr(target);
                    d.expr(value);
                });
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.line("AnnAssign", sp);
                self.nested(|d| {
                    d.expr(target);
                    d.labelled("annotation", |d| d.expr(annotation));
                    d.opt("value", value);
                });
            }
            StmtKind::Del(targets) => {
                self.line("Del", sp);
                self.nested(|d| targets.iter().for_each(|t| d.expr(t)));
            }
            StmtKind::Pass => self.line("Pass", sp),
            StmtKind::Break => self.line("Break", sp),
            StmtKind::Continue => self.line("Continue", sp),
            StmtKind::Return(value) => {
                self.line("Return", sp);
                self.nested(|d| {
                    if let Some(v) = value {
                        d.expr(v);
                    }
                });
            }
            StmtKind::If { test, body, orelse } => {
                self.line("If", sp);
                self.nested(|d| {
                    d.labelled("test", |d| d.expr(test));
                    d.block("body", body);
                    d.block("else", orelse);
                });
            }
            StmtKind::While { test, body, orelse } => {
                self.line("While", sp);
                self.nested(|d| {
                    d.labelled("test", |d| d.expr(test));
                    d.block("body", body);
                    d.block("else", orelse);
                });
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.line("For", sp);
                self.nested(|d| {
                    d.labelled("target", |d| d.expr(target));
                    d.labelled("iter", |d| d.expr(iter));
                    d.block("body", body);
                    d.block("else", orelse);
                });
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.line("Try", sp);
                self.nested(|d| {
                    d.block("body", body);
                    for h in handlers {
                        let name = h.name.as_ref().map(|n| format!(" as {}", n.id));
                        d.line(&format!("Except{}", name.unwrap_or_default()), Some(h.span));
                        d.nested(|d| {
                            d.opt("type", &h.typ);
                            d.block("body", &h.body);
                        });
                    }
                    d.block("else", orelse);
                    d.block("finally", finalbody);
                });
            }
            StmtKind::Raise { exc, cause } => {
                self.line("Raise", sp);
                self.nested(|d| {
                    d.opt("exc", exc);
                    d.opt("cause", cause);
                });
            }
            StmtKind::With { items, body } => {
                self.line("With", sp);
                self.nested(|d| {
                    for item in items {
                        d.labelled("item", |d| {
                            d.expr(&item.context);
                            d.opt("as", &item.target);
                        });
                    }
                    d.block("body", body);
                });
            }
            StmtKind::FunctionDef(f) => self.function(f, sp),
            StmtKind::ClassDef(c) => {
                self.line(&format!("ClassDef {}", c.name), sp);
                self.nested(|d| {
                    if !c.decorators.is_empty() {
                        d.labelled("decorators", |d| {
                            c.decorators.iter().for_each(|e| d.expr(e))
                        });
                    }
                    if !c.bases.is_empty() {
                        d.labelled("bases", |d| c.bases.iter().for_each(|e| d.expr(e)));
                    }
                    d.keywords(&c.keywords);
                    d.block("body", &c.body);
                });
            }
            StmtKind::Global(names) => self.line(&format!("Global {}", names.join(", ")), sp),
            StmtKind::Nonlocal(names) => self.line(&format!("Nonlocal {}", names.join(", ")), sp),
            StmtKind::Assert { test, msg } => {
                self.line("Assert", sp);
                self.nested(|d| {
                    d.expr(test);
                    d.opt("msg", msg);
                });
            }
            StmtKind::Import(names) => self.line(&format!("Import {}", aliases(names)), sp),
            StmtKind::ImportFrom { module, names } => {
                self.line(&format!("ImportFrom {module}: {}", aliases(names)), sp)
            }
        }
    }

    fn function(&mut self, f: &Function, sp: Option<Span>) {
        let kind = if f.is_lambda { "Lambda" } else { "FunctionDef" };
        let mut header = format!("{kind} {}(", if f.is_lambda { "" } else { &f.name });
        let mut parts: Vec<String> = Vec::new();
        for p in &f.params.posonly {
            parts.push(p.name.to_string());
        }
        if !f.params.posonly.is_empty() {
            parts.push("/".into());
        }
        parts.extend(f.params.args.iter().map(|p| p.name.to_string()));
        match &f.params.vararg {
            Some(v) => parts.push(format!("*{}", v.name)),
            None if !f.params.kwonly.is_empty() => parts.push("*".into()),
            None => {}
        }
        parts.extend(f.params.kwonly.iter().map(|p| p.name.to_string()));
        if let Some(k) = &f.params.kwarg {
            parts.push(format!("**{}", k.name));
        }
        header.push_str(&parts.join(", "));
        header.push(')');
        self.line(&header, sp);
        self.nested(|d| {
            if !f.decorators.is_empty() {
                d.labelled("decorators", |d| {
                    f.decorators.iter().for_each(|e| d.expr(e))
                });
            }
            for p in f.params.all() {
                if let Some(def) = &p.default {
                    d.labelled(&format!("default {}", p.name), |d| d.expr(def));
                }
                if let Some(a) = &p.annotation {
                    d.labelled(&format!("annotation {}", p.name), |d| d.expr(a));
                }
            }
            d.opt("returns", &f.returns);
            d.block("body", &f.body);
        });
    }

    fn keywords(&mut self, keywords: &[Keyword]) {
        for k in keywords {
            let label = match &k.arg {
                Some(name) => format!("keyword {name}"),
                None => "**".to_string(),
            };
            self.labelled(&label, |d| d.expr(&k.value));
        }
    }

    fn exprs(&mut self, label: &str, elts: &[Expr]) {
        self.line(label, None);
        self.nested(|d| elts.iter().for_each(|e| d.expr(e)));
    }

    fn comprehension(&mut self, label: &str, c: &Comprehension) {
        self.line(label, None);
        self.nested(|d| {
            d.expr(&c.element);
            if let Some(v) = &c.value {
                d.expr(v);
            }
            for g in &c.generators {
                d.labelled("for", |d| d.expr(&g.target));
                d.labelled("in", |d| d.expr(&g.iter));
                for cond in &g.ifs {
                    d.labelled("if", |d| d.expr(cond));
                }
            }
        });
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for part in parts {
            match part {
                FStringPart::Literal(s) => self.line(&format!("Literal {s:?}"), None),
                FStringPart::Field {
                    value,
                    conversion,
                    spec,
                } => {
                    let conv = conversion.map(|c| format!(" !{c}")).unwrap_or_default();
                    self.line(&format!("Field{conv}"), None);
                    self.nested(|d| {
                        d.expr(value);
                        if let Some(spec) = spec {
                            d.labelled("spec", |d| d.fstring(spec));
                        }
                    });
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.line(&format!("Name {}", n.id), None),
            ExprKind::Const(c) => self.line(&format!("Const {}", const_text(&c.value)), None),
            ExprKind::FString(parts) => {
                self.line("FString", None);
                self.nested(|d| d.fstring(parts));
            }
            ExprKind::Tuple(elts) => self.exprs("Tuple", elts),
            ExprKind::List(elts) => self.exprs("List", elts),
            ExprKind::Set(elts) => self.exprs("Set", elts),
            ExprKind::Dict(items) => {
                self.line("Dict", None);
                self.nested(|d| {
                    for item in items {
                        match &item.key {
                            Some(k) => d.labelled("entry", |d| {
                                d.expr(k);
                                d.expr(&item.value);
                            }),
                            None => d.labelled("**", |d| d.expr(&item.value)),
                        }
                    }
                });
            }
            ExprKind::Starred(inner) => {
                self.line("Starred", None);
                self.nested(|d| d.expr(inner));
            }
            ExprKind::BoolOp { op, values } => {
                let word = if *op == BoolOp::And { "and" } else { "or" };
                self.exprs(&format!("BoolOp {word}"), values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.line(&format!("NamedExpr {}", target.id), None);
                self.nested(|d| d.expr(value));
            }
            ExprKind::BinOp { left, op, right } => {
                self.line(&format!("BinOp {}", op.symbol()), None);
                self.nested(|d| {
                    d.expr(left);
                    d.expr(right);
                });
            }
            ExprKind::UnaryOp { op, operand } => {
                let sym = match op {
                    UnaryOp::Invert => "~",
                    UnaryOp::Not => "not",
                    UnaryOp::UAdd => "+",
                    UnaryOp::USub => "-",
                };
                self.line(&format!("UnaryOp {sym}"), None);
                self.nested(|d| d.expr(operand));
            }
            ExprKind::Lambda(f) => self.function(f, None),
            ExprKind::IfExp { test, body, orelse } => {
                self.line("IfExp", None);
                self.nested(|d| {
                    d.labelled("test", |d| d.expr(test));
                    d.labelled("body", |d| d.expr(body));
                    d.labelled("else", |d| d.expr(orelse));
                });
            }
            ExprKind::ListComp(c) => self.comprehension("ListComp", c),
            ExprKind::SetComp(c) => self.comprehension("SetComp", c),
            ExprKind::DictComp(c) => self.comprehension("DictComp", c),
            ExprKind::GeneratorExp(c) => self.comprehension("GeneratorExp", c),
            ExprKind::Yield(value) => {
                self.line("Yield", None);
                self.nested(|d| {
                    if let Some(v) = value {
                        d.expr(v);
                    }
                });
            }
            ExprKind::YieldFrom(value) => {
                self.line("YieldFrom", None);
                self.nested(|d| d.expr(value));
            }
            ExprKind::Compare { left, ops } => {
                let syms: Vec<&str> = ops.iter().map(|(op, _)| op.symbol()).collect();
                self.line(&format!("Compare {}", syms.join(" ")), None);
                self.nested(|d| {
                    d.expr(left);
                    ops.iter().for_each(|(_, e)| d.expr(e));
                });
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.line("Call", None);
                self.nested(|d| {
                    d.expr(func);
                    args.iter().for_each(|a| d.expr(a));
                    d.keywords(keywords);
                });
            }
            ExprKind::Attribute { value, attr, .. } => {
                self.line(&format!("Attribute .{attr}"), None);
                self.nested(|d| d.expr(value));
            }
            ExprKind::Subscript { value, index } => {
                self.line("Subscript", None);
                self.nested(|d| {
                    d.expr(value);
                    d.expr(index);
                });
            }
            ExprKind::Slice { lower, upper, step } => {
                self.line("Slice", None);
                self.nested(|d| {
                    for (label, part) in [("lower", lower), ("upper", upper), ("step", step)] {
                        if let Some(p) = part {
                            d.labelled(label, |d| d.expr(p));
                        }
                    }
                });
            }
        }
    }
}

fn aliases(names: &[Alias]) -> String {
    names
        .iter()
        .map(|a| {
            if *a.name == *a.bind.id {
                a.name.to_string()
            } else {
                format!("{} as {}", a.name, a.bind.id)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn const_text(value: &ConstValue) -> String {
    match value {
        ConstValue::None => "None".into(),
        ConstValue::True => "True".into(),
        ConstValue::False => "False".into(),
        ConstValue::Ellipsis => "Ellipsis".into(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => format!("{f:?}"),
        ConstValue::Str(s) => format!("{s:?}"),
        ConstValue::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        ConstValue::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_text).collect();
            format!("({})", inner.join(", "))
        }
    }
}
