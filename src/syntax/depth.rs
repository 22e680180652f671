//! Limits on how deeply a program may nest, checked right after parsing without recursion,
//! so that the recursive passes after it (checks, resolution, evaluation) stay shallow.
//!
//! CPython 3.11's parser fails with `MemoryError` when right-nested constructs (prefix
//! operators, `**` chains) exceed its stack of about 6000 frames; its compiler raises
//! `RecursionError: maximum recursion depth exceeded during compilation` when the AST is
//! deeper than three times the recursion limit (3000).

use super::ast::*;
use super::validate::for_each_child;

/// What a too-deep program raises.
#[derive(Debug, PartialEq, Eq)]
pub enum TooDeep {
    /// The parser's stack overflowed (`MemoryError`).
    ParserStack,
    /// `RecursionError: maximum recursion depth exceeded during compilation`.
    Compilation,
}

const PARSER_LIMIT: usize = 5965;
const COMPILER_LIMIT: usize = 3001;

/// Walks statements and expressions with an explicit stack.
pub fn check(module: &Module) -> Result<(), TooDeep> {
    // (expression, total depth, right-nesting depth)
    let mut exprs: Vec<(&Expr, usize, usize)> = Vec::new();
    let mut stmts: Vec<(&Stmt, usize)> = module.body.iter().map(|s| (s, 2)).collect();
    let mut worst = 0;
    while let Some((s, depth)) = stmts.pop() {
        worst = worst.max(depth);
        match &s.kind {
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                stmts.extend(body.iter().chain(orelse).map(|c| (c, depth + 1)));
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                stmts.extend(
                    body.iter()
                        .chain(orelse)
                        .chain(finalbody)
                        .map(|c| (c, depth + 1)),
                );
                for h in handlers {
                    stmts.extend(h.body.iter().map(|c| (c, depth + 2)));
                }
            }
            StmtKind::With { body, .. } => stmts.extend(body.iter().map(|c| (c, depth + 1))),
            StmtKind::FunctionDef(f) => stmts.extend(f.body.iter().map(|c| (c, depth + 1))),
            StmtKind::ClassDef(c) => stmts.extend(c.body.iter().map(|x| (x, depth + 1))),
            _ => {}
        }
        statement_exprs(s, &mut |e| exprs.push((e, depth + 1, 0)));
        while let Some((e, d, right)) = exprs.pop() {
            if right >= PARSER_LIMIT {
                return Err(TooDeep::ParserStack);
            }
            worst = worst.max(d);
            if let ExprKind::Lambda(f) = &e.kind {
                stmts.extend(f.body.iter().map(|c| (c, d + 1)));
            }
            match &e.kind {
                ExprKind::BinOp { left, right: r, op } => {
                    exprs.push((left, d + 1, 0));
                    let rd = if *op == BinOp::Pow { right + 1 } else { 0 };
                    exprs.push((r, d + 1, rd));
                }
                ExprKind::UnaryOp { operand, .. } => exprs.push((operand, d + 1, right + 1)),
                _ => for_each_child(e, &mut |c| exprs.push((c, d + 1, 0))),
            }
        }
    }
    if worst > COMPILER_LIMIT {
        return Err(TooDeep::Compilation);
    }
    Ok(())
}

fn statement_exprs<'a>(s: &'a Stmt, f: &mut dyn FnMut(&'a Expr)) {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => f(e),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(&mut *f);
            f(value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(target);
            f(value);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            f(target);
            f(annotation);
            value.iter().for_each(f);
        }
        StmtKind::Del(ts) => ts.iter().for_each(f),
        StmtKind::If { test, .. } | StmtKind::While { test, .. } => f(test),
        StmtKind::For { target, iter, .. } => {
            f(target);
            f(iter);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().for_each(&mut *f);
            cause.iter().for_each(f);
        }
        StmtKind::With { items, .. } => {
            for i in items {
                f(&i.context);
                i.target.iter().for_each(&mut *f);
            }
        }
        StmtKind::Assert { test, msg } => {
            f(test);
            msg.iter().for_each(f);
        }
        StmtKind::FunctionDef(func) => {
            func.decorators.iter().for_each(&mut *f);
            func.params
                .all()
                .filter_map(|p| p.default.as_ref())
                .for_each(f);
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().for_each(&mut *f);
            c.bases.iter().for_each(f);
        }
        StmtKind::Try { handlers, .. } => {
            handlers.iter().filter_map(|h| h.typ.as_ref()).for_each(f)
        }
        _ => {}
    }
}
