//! Node builders called from the grammar's actions (`grammar/python.lalrpop`).
//!
//! Besides building nodes they make the checks CPython 3.11's grammar makes through its
//! `invalid_*` rules: assignment, deletion and `for` targets, keyword arguments, argument
//! order and parameter lists, each with CPython's message and location.

use super::ast::*;
use super::error::SyntaxError;
use super::parser;
use super::span::Span;
use super::token::{FStringPiece, Tok};
use lalrpop_util::ParseError;
use std::rc::Rc;

pub type Fallible<T> = Result<T, ParseError<u32, Tok, SyntaxError>>;

fn fail<T>(message: impl Into<String>, span: Span) -> Fallible<T> {
    Err(ParseError::User {
        error: SyntaxError::new(message, span),
    })
}

/// One element of a call's argument list before it is sorted into positional and keyword.
pub enum ArgItem {
    Positional(Expr),
    /// An unparenthesised generator expression (`f(x for x in y)`).
    Generator(Expr),
    Keyword(Keyword),
    DoubleStar(Span, Expr),
}

/// One element of a parameter list before its order is checked.
pub enum ParamItem {
    Plain(Param),
    Slash(Span),
    Star(Span, Option<Param>),
    DoubleStar(Param),
}

/// One literal of an implicitly concatenated string group.
pub enum StrPiece {
    Str(String),
    Bytes(Span, Vec<u8>),
    FString(Vec<FStringPiece>),
}

pub fn constant(span: Span, value: ConstValue) -> Expr {
    Expr::new(span, ExprKind::Const(Const::new(value)))
}

pub fn binary(span: Span, left: Expr, op: BinOp, right: Expr) -> Expr {
    Expr::new(
        span,
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
    )
}

pub fn unary(span: Span, op: UnaryOp, operand: Expr) -> Expr {
    Expr::new(
        span,
        ExprKind::UnaryOp {
            op,
            operand: Box::new(operand),
        },
    )
}

pub fn bool_op(span: Span, op: BoolOp, first: Expr, rest: Vec<Expr>) -> Expr {
    let mut values = Vec::with_capacity(rest.len() + 1);
    values.push(first);
    values.extend(rest);
    Expr::new(span, ExprKind::BoolOp { op, values })
}

pub fn tuple_or_single(span: Span, mut elts: Vec<Expr>, trailing_comma: bool) -> Expr {
    if elts.len() == 1 && !trailing_comma {
        // The grammar's OneOrMore guarantees at least one element.
        elts.pop().expect("one element")
    } else {
        Expr::new(span, ExprKind::Tuple(elts))
    }
}

/// `( e )`: a parenthesised tuple's span includes its parentheses, so that a bare tuple
/// (`a, b = …`) can be told from a parenthesised one; any other expression keeps its own.
pub fn parenthesized(span: Span, mut e: Expr) -> Expr {
    if matches!(e.kind, ExprKind::Tuple(_)) {
        e.span = span;
    }
    e
}

pub fn dotted(first: Ident, rest: Vec<Ident>) -> Ident {
    if rest.is_empty() {
        return first;
    }
    let mut s = first.to_string();
    for part in rest {
        s.push('.');
        s.push_str(&part);
    }
    s.into()
}

pub fn relative(dots: usize, rest: Option<Ident>) -> Ident {
    let mut s = ".".repeat(dots);
    if let Some(rest) = rest {
        s.push_str(&rest);
    }
    s.into()
}

/// `import a.b` binds `a`; `import a.b as c` binds `c`.
pub fn import_alias(span: Span, name: Ident, asname: Option<Ident>) -> Alias {
    let bind = match asname {
        Some(asname) => asname,
        None => match name.split_once('.') {
            Some((head, _)) => head.into(),
            None => name.clone(),
        },
    };
    Alias {
        span,
        name,
        bind: Name::new(bind),
    }
}

/// What CPython calls an expression in target errors (`_PyPegen_get_expr_name`).
pub fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Name(_) => "name",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp(_) => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp(_) => "list comprehension",
        ExprKind::SetComp(_) => "set comprehension",
        ExprKind::DictComp(_) => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Const(c) => match c.value {
            ConstValue::None => "None",
            ConstValue::True => "True",
            ConstValue::False => "False",
            ConstValue::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TargetKind {
    Store,
    Delete,
}

/// The first sub-expression that cannot be a target (`_PyPegen_get_invalid_target`).
fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            elts.iter().find_map(|elt| invalid_target(elt, kind))
        }
        ExprKind::Starred(inner) if kind == TargetKind::Store => invalid_target(inner, kind),
        _ => Some(e),
    }
}

fn check_store(e: &Expr) -> Fallible<()> {
    match invalid_target(e, TargetKind::Store) {
        Some(bad) => fail(format!("cannot assign to {}", describe(bad)), bad.span),
        None => Ok(()),
    }
}

/// True for the targets CPython's "here. Maybe you meant '=='" rule skips.
fn is_display_or_singleton(e: &Expr) -> bool {
    matches!(
        &e.kind,
        ExprKind::Tuple(_)
            | ExprKind::List(_)
            | ExprKind::GeneratorExp(_)
            | ExprKind::Const(Const {
                value: ConstValue::None | ConstValue::True | ConstValue::False,
                ..
            })
    )
}

/// The first target of `a = b`: CPython's `invalid_named_expression` rule reports an invalid
/// expression directly before `=` with a hint that `==` may have been meant.
fn check_first_target(first: &Expr) -> Fallible<()> {
    let candidate = match &first.kind {
        ExprKind::Tuple(elts) if elts.first().map(|e| e.span.start) == Some(first.span.start) => {
            elts.last()
        }
        _ => Some(first),
    };
    if let Some(candidate) = candidate {
        if !is_display_or_singleton(candidate)
            && invalid_target(candidate, TargetKind::Store).is_some()
        {
            return fail(
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    describe(candidate)
                ),
                candidate.span,
            );
        }
    }
    check_store(first)
}

fn check_assign_target(e: &Expr) -> Fallible<()> {
    if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
        return fail("assignment to yield expression not possible", e.span);
    }
    check_store(e)
}

pub fn assign(span: Span, first: Expr, mut rest: Vec<Expr>) -> Fallible<Stmt> {
    let Some(value) = rest.pop() else {
        return Ok(Stmt::new(span, StmtKind::Expr(first)));
    };
    if matches!(first.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
        return fail("assignment to yield expression not possible", first.span);
    }
    check_first_target(&first)?;
    for target in &rest {
        check_assign_target(target)?;
    }
    let mut targets = Vec::with_capacity(rest.len() + 1);
    targets.push(first);
    targets.extend(rest);
    Ok(Stmt::new(span, StmtKind::Assign { targets, value }))
}

pub fn aug_assign(span: Span, target: Expr, op: BinOp, value: Expr) -> Fallible<Stmt> {
    if !matches!(
        target.kind,
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    ) {
        return fail(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                describe(&target)
            ),
            target.span,
        );
    }
    Ok(Stmt::new(span, StmtKind::AugAssign { target, op, value }))
}

pub fn ann_assign(
    span: Span,
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
) -> Fallible<Stmt> {
    match &target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
        ExprKind::Tuple(_) => {
            return fail(
                "only single target (not tuple) can be annotated",
                target.span,
            )
        }
        ExprKind::List(_) => {
            return fail(
                "only single target (not list) can be annotated",
                target.span,
            )
        }
        _ => return fail("illegal target for annotation", target.span),
    }
    let simple = matches!(target.kind, ExprKind::Name(_));
    Ok(Stmt::new(
        span,
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        },
    ))
}

pub fn del(span: Span, targets: Vec<Expr>) -> Fallible<Stmt> {
    for target in &targets {
        if let Some(bad) = invalid_target(target, TargetKind::Delete) {
            return fail(format!("cannot delete {}", describe(bad)), bad.span);
        }
    }
    Ok(Stmt::new(span, StmtKind::Del(targets)))
}

pub fn if_chain(
    span: Span,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(u32, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    // Build from the last `elif` backwards: each becomes the `orelse` of the one before.
    let mut tail = orelse.unwrap_or_default();
    for (start, test, body) in elifs.into_iter().rev() {
        let end = tail
            .last()
            .map(|s| s.span.end)
            .unwrap_or_else(|| body.last().map(|s| s.span.end).unwrap_or(test.span.end));
        tail = vec![Stmt::new(
            Span::new(start, end),
            StmtKind::If {
                test,
                body,
                orelse: tail,
            },
        )];
    }
    Stmt::new(
        span,
        StmtKind::If {
            test,
            body,
            orelse: tail,
        },
    )
}

pub fn for_stmt(
    span: Span,
    target: Expr,
    iter: Expr,
    body: Vec<Stmt>,
    orelse: Option<Vec<Stmt>>,
) -> Fallible<Stmt> {
    check_store(&target)?;
    Ok(Stmt::new(
        span,
        StmtKind::For {
            target,
            iter,
            body,
            orelse: orelse.unwrap_or_default(),
        },
    ))
}

pub fn with_item(context: Expr, target: Expr) -> Fallible<WithItem> {
    check_store(&target)?;
    Ok(WithItem {
        context,
        target: Some(target),
    })
}

pub fn comp_for(target: Expr, iter: Expr, ifs: Vec<Expr>) -> Fallible<CompFor> {
    check_store(&target)?;
    Ok(CompFor { target, iter, ifs })
}

pub fn comprehension(
    span: Span,
    element: Expr,
    value: Option<Expr>,
    generators: Vec<CompFor>,
    make: fn(Rc<Comprehension>) -> ExprKind,
) -> Expr {
    Expr::new(
        span,
        make(Rc::new(Comprehension {
            element,
            value,
            generators,
            scope: ScopeInfo::default(),
        })),
    )
}

pub fn keyword_argument(span: Span, target: Expr, value: Expr) -> Fallible<ArgItem> {
    match target.kind {
        ExprKind::Name(name) => Ok(ArgItem::Keyword(Keyword {
            span,
            arg: Some(name.id),
            value,
            key: NameKey::default(),
        })),
        ExprKind::Const(Const {
            value: ConstValue::None | ConstValue::True | ConstValue::False,
            ..
        }) => fail(format!("cannot assign to {}", describe(&target)), span),
        _ => fail(
            "expression cannot contain assignment, perhaps you meant \"==\"?",
            Span::new(target.span.start, value.span.end),
        ),
    }
}

/// Sorts a call's arguments, with CPython's errors for the orders it rejects.
fn split_arguments(call_end: u32, items: Vec<ArgItem>) -> Fallible<(Vec<Expr>, Vec<Keyword>)> {
    let count = items.len();
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_double_star = false;
    let close_paren = Span::new(call_end.saturating_sub(1), call_end);
    for item in items {
        match item {
            ArgItem::Generator(e) if count > 1 => {
                return fail("Generator expression must be parenthesized", e.span)
            }
            ArgItem::Positional(e) | ArgItem::Generator(e) => {
                let starred = matches!(e.kind, ExprKind::Starred(_));
                if starred && seen_double_star {
                    return fail(
                        "iterable argument unpacking follows keyword argument unpacking",
                        e.span,
                    );
                }
                if !starred && seen_double_star {
                    return fail(
                        "positional argument follows keyword argument unpacking",
                        close_paren,
                    );
                }
                if !starred && !keywords.is_empty() {
                    return fail("positional argument follows keyword argument", close_paren);
                }
                args.push(e);
            }
            ArgItem::Keyword(k) => keywords.push(k),
            ArgItem::DoubleStar(span, value) => {
                seen_double_star = true;
                keywords.push(Keyword {
                    span,
                    arg: None,
                    value,
                    key: NameKey::default(),
                });
            }
        }
    }
    Ok((args, keywords))
}

pub fn call(span: Span, func: Expr, items: Vec<ArgItem>) -> Fallible<Expr> {
    let (args, keywords) = split_arguments(span.end, items)?;
    Ok(Expr::new(
        span,
        ExprKind::Call {
            func: Box::new(func),
            args,
            keywords,
        },
    ))
}

/// Orders a parameter list, with CPython's errors for the orders it rejects.
fn params(items: Vec<ParamItem>) -> Fallible<Params> {
    let mut params = Params::default();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut seen_default = false;
    let mut bare_star: Option<Span> = None;
    for item in items {
        if params.kwarg.is_some() {
            let span = match &item {
                ParamItem::Plain(p) | ParamItem::DoubleStar(p) => p.span,
                ParamItem::Slash(s) | ParamItem::Star(s, _) => *s,
            };
            return fail("arguments cannot follow var-keyword argument", span);
        }
        match item {
            ParamItem::Plain(p) => {
                if seen_star {
                    bare_star = None;
                    params.kwonly.push(p);
                } else {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return fail("non-default argument follows default argument", p.span);
                    }
                    params.args.push(p);
                }
            }
            ParamItem::Slash(span) => {
                if seen_star {
                    return fail("/ must be ahead of *", span);
                }
                if seen_slash {
                    return fail("/ may appear only once", span);
                }
                if params.args.is_empty() {
                    return fail("at least one argument must precede /", span);
                }
                seen_slash = true;
                params.posonly = std::mem::take(&mut params.args);
            }
            ParamItem::Star(span, vararg) => {
                if seen_star {
                    return fail("* argument may appear only once", span);
                }
                seen_star = true;
                if vararg.is_none() {
                    bare_star = Some(span);
                }
                params.vararg = vararg;
            }
            ParamItem::DoubleStar(p) => {
                if let Some(star) = bare_star {
                    return fail("named arguments must follow bare *", star);
                }
                params.kwarg = Some(p);
            }
        }
    }
    if let Some(star) = bare_star {
        return fail("named arguments must follow bare *", star);
    }
    Ok(params)
}

pub fn function(
    span: Span,
    decorators: Vec<Expr>,
    name: Ident,
    items: Vec<ParamItem>,
    returns: Option<Expr>,
    body: Vec<Stmt>,
) -> Fallible<Stmt> {
    let params = params(items)?;
    Ok(Stmt::new(
        span,
        StmtKind::FunctionDef(Rc::new(Function {
            span,
            bind: Name::new(name.clone()),
            name,
            params,
            body,
            decorators,
            returns,
            is_lambda: false,
            scope: ScopeInfo::default(),
        })),
    ))
}

pub fn lambda(span: Span, items: Vec<ParamItem>, body: Expr) -> Fallible<Expr> {
    let params = params(items)?;
    let body_span = body.span;
    let name: Ident = "<lambda>".into();
    Ok(Expr::new(
        span,
        ExprKind::Lambda(Rc::new(Function {
            span,
            bind: Name::new(name.clone()),
            name,
            params,
            body: vec![Stmt::new(body_span, StmtKind::Return(Some(body)))],
            decorators: vec![],
            returns: None,
            is_lambda: true,
            scope: ScopeInfo::default(),
        })),
    ))
}

pub fn class(
    span: Span,
    decorators: Vec<Expr>,
    name: Ident,
    args: Option<Vec<ArgItem>>,
    body: Vec<Stmt>,
) -> Fallible<Stmt> {
    let mut bases = Vec::new();
    let mut keywords = Vec::new();
    if let Some(items) = args {
        if let Some(ArgItem::Generator(g)) =
            items.iter().find(|i| matches!(i, ArgItem::Generator(_)))
        {
            return fail("invalid syntax", g.span);
        }
        (bases, keywords) = split_arguments(span.end, items)?;
    }
    Ok(Stmt::new(
        span,
        StmtKind::ClassDef(Box::new(ClassDef {
            span,
            bind: Name::new(name.clone()),
            name,
            bases,
            keywords,
            body,
            decorators,
            scope: ScopeInfo::default(),
        })),
    ))
}

/// Implicit concatenation of adjacent literals; f-string fields are parsed here.
pub fn strings(span: Span, pieces: Vec<StrPiece>) -> Fallible<Expr> {
    let has_bytes = pieces.iter().any(|p| matches!(p, StrPiece::Bytes(..)));
    let all_bytes = pieces.iter().all(|p| matches!(p, StrPiece::Bytes(..)));
    if has_bytes && !all_bytes {
        return fail("cannot mix bytes and nonbytes literals", span);
    }
    if all_bytes {
        let mut bytes = Vec::new();
        for piece in pieces {
            if let StrPiece::Bytes(_, b) = piece {
                bytes.extend(b);
            }
        }
        return Ok(constant(span, ConstValue::Bytes(Rc::from(bytes))));
    }
    if !pieces.iter().any(|p| matches!(p, StrPiece::FString(_))) {
        let mut text = String::new();
        for piece in pieces {
            if let StrPiece::Str(s) = piece {
                text.push_str(&s);
            }
        }
        return Ok(constant(span, ConstValue::Str(Rc::from(text))));
    }
    let mut parts = Vec::new();
    for piece in pieces {
        match piece {
            StrPiece::Str(s) => push_literal(&mut parts, s),
            StrPiece::FString(fpieces) => {
                for part in fstring_parts(fpieces)? {
                    match part {
                        FStringPart::Literal(s) => push_literal(&mut parts, s),
                        field => parts.push(field),
                    }
                }
            }
            StrPiece::Bytes(..) => unreachable!("mixed bytes were rejected above"),
        }
    }
    Ok(Expr::new(span, ExprKind::FString(parts)))
}

fn push_literal(parts: &mut Vec<FStringPart>, s: String) {
    if s.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(&s);
    } else {
        parts.push(FStringPart::Literal(s));
    }
}

fn fstring_parts(pieces: Vec<FStringPiece>) -> Fallible<Vec<FStringPart>> {
    let mut parts = Vec::new();
    for piece in pieces {
        match piece {
            FStringPiece::Literal(s) => push_literal(&mut parts, s),
            FStringPiece::Field(field) => {
                if let Some(debug) = field.debug_text {
                    push_literal(&mut parts, debug);
                }
                let value = parser::parse_fstring_field(&field.source, field.offset)
                    .map_err(|error| ParseError::User { error })?;
                let spec = match field.spec {
                    Some(spec) => Some(fstring_parts(spec)?),
                    None => None,
                };
                parts.push(FStringPart::Field {
                    value: Box::new(value),
                    conversion: field.conversion,
                    spec,
                });
            }
        }
    }
    Ok(parts)
}
