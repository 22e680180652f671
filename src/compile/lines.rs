//! Line numbers of statements, computed once before running so tracebacks and frames
//! need no offset-to-line search while code runs.

use crate::syntax::ast::*;
use crate::syntax::LineIndex;
use std::rc::Rc;

pub fn annotate(body: &mut [Stmt], index: &LineIndex) {
    for s in body {
        s.line = index.line_of(s.span.start) as u32;
        match &mut s.kind {
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                annotate(body, index);
                annotate(orelse, index);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                annotate(body, index);
                for h in handlers {
                    annotate(&mut h.body, index);
                }
                annotate(orelse, index);
                annotate(finalbody, index);
            }
            StmtKind::With { body, .. } => annotate(body, index),
            StmtKind::FunctionDef(f) => {
                if let Some(f) = Rc::get_mut(f) {
                    annotate(&mut f.body, index);
                }
            }
            StmtKind::ClassDef(c) => annotate(&mut c.body, index),
            _ => {}
        }
        annotate_exprs(s, index);
    }
}

/// Lambdas keep a one-statement body; give it the lambda's line.
fn annotate_exprs(s: &mut Stmt, index: &LineIndex) {
    fn expr(e: &mut Expr, index: &LineIndex) {
        if let ExprKind::Lambda(f) = &mut e.kind {
            if let Some(f) = Rc::get_mut(f) {
                annotate(&mut f.body, index);
            }
        }
        visit_children_mut(e, &mut |c| expr(c, index));
    }
    match &mut s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr(e, index),
        StmtKind::Assign { value, .. } => expr(value, index),
        _ => {}
    }
}

fn visit_children_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    match &mut e.kind {
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter_mut().for_each(&mut *f);
            keywords.iter_mut().for_each(|k| f(&mut k.value));
        }
        ExprKind::Tuple(v) | ExprKind::List(v) | ExprKind::Set(v) => v.iter_mut().for_each(f),
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        _ => {}
    }
}
