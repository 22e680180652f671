//! The names a statement stores to at module level, read from its syntax tree: with them
//! the report shows `a += [4]` (which rebinds `a` to the same list) although the binding's
//! object did not change.

use crate::syntax::ast::{Expr, ExprKind, Stmt, StmtKind};

/// Names bound, rebound or deleted by `body` in its own scope, first occurrence order.
/// Function and class bodies are not entered: their names are theirs.
pub fn stored_names(body: &[Stmt]) -> Vec<String> {
    let mut out = Vec::new();
    for s in body {
        stmt_names(s, &mut out);
    }
    out
}

fn add(out: &mut Vec<String>, name: &str) {
    if !out.iter().any(|n| n == name) {
        out.push(name.to_string());
    }
}

fn stmt_names(s: &Stmt, out: &mut Vec<String>) {
    match &s.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, out)),
        StmtKind::AugAssign { target, .. } | StmtKind::AnnAssign { target, .. } => {
            target_names(target, out)
        }
        StmtKind::Del(targets) => targets.iter().for_each(|t| target_names(t, out)),
        StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            body.iter().chain(orelse).for_each(|s| stmt_names(s, out))
        }
        StmtKind::For {
            target,
            body,
            orelse,
            ..
        } => {
            target_names(target, out);
            body.iter().chain(orelse).for_each(|s| stmt_names(s, out));
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            body.iter().for_each(|s| stmt_names(s, out));
            for h in handlers {
                if let Some(n) = &h.name {
                    add(out, &n.id);
                }
                h.body.iter().for_each(|s| stmt_names(s, out));
            }
            orelse
                .iter()
                .chain(finalbody)
                .for_each(|s| stmt_names(s, out));
        }
        StmtKind::With { items, body } => {
            for item in items {
                if let Some(t) = &item.target {
                    target_names(t, out);
                }
            }
            body.iter().for_each(|s| stmt_names(s, out));
        }
        StmtKind::FunctionDef(f) => add(out, &f.bind.id),
        StmtKind::ClassDef(c) => add(out, &c.bind.id),
        StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. } => {
            aliases.iter().for_each(|a| add(out, &a.bind.id))
        }
        _ => {}
    }
}

fn target_names(t: &Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name(n) => add(out, &n.id),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| target_names(i, out))
        }
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse_module;

    fn names(source: &str) -> Vec<String> {
        stored_names(&parse_module(source).expect("parses").body)
    }

    #[test]
    fn finds_every_kind_of_store() {
        assert_eq!(names("a = b = 1"), ["a", "b"]);
        assert_eq!(names("x, *ys = [1, 2]"), ["x", "ys"]);
        assert_eq!(names("a += [4]"), ["a"]);
        assert_eq!(names("del a, b"), ["a", "b"]);
        assert_eq!(names("import gc as g, sys"), ["g", "sys"]);
        assert_eq!(names("for i in x:\n    j = i\n"), ["i", "j"]);
        assert_eq!(names("def f():\n    inner = 1\n"), ["f"]);
        assert_eq!(names("a[0] = 1\nb.c = 2"), Vec::<String>::new());
    }
}
