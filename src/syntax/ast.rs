//! The abstract syntax tree (Python Language Reference §6 "Expressions", §7 "Simple
//! statements", §8 "Compound statements"). Every node carries its source span.
//!
//! The tree is built by the parser and then annotated in place by the resolver
//! (`crate::compile`): each [`Name`] gets its [`NameSlot`], each [`Const`] its index in
//! the unit's constant pool and each function, class and comprehension its [`ScopeInfo`].
//! The evaluator walks the annotated tree directly.

use super::span::Span;
use num_bigint::BigInt;
use std::rc::Rc;

/// Identifiers are shared, NFKC-normalised strings.
pub type Ident = Rc<str>;

#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
    pub scope: ScopeInfo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub span: Span,
    /// 1-based line of the statement's start, filled in before running (tracebacks).
    pub line: u32,
    /// In a generator's body: this statement contains a `yield` (not counting nested
    /// scopes), so it runs on the resumable path. Set by the resolver.
    pub yields: bool,
    /// The `yield` is in the statement's own expressions (a test, an iterable, a value),
    /// not only in the blocks it contains.
    pub yields_here: bool,
    pub kind: StmtKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: targets left to right.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        /// A plain name target (not parenthesised): recorded in `__annotations__`.
        simple: bool,
    },
    Del(Vec<Expr>),
    Pass,
    Return(Option<Expr>),
    Break,
    Continue,
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    FunctionDef(Rc<Function>),
    ClassDef(Box<ClassDef>),
    Global(Vec<Ident>),
    Nonlocal(Vec<Ident>),
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Import(Vec<Alias>),
    ImportFrom {
        module: Ident,
        names: Vec<Alias>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    pub span: Span,
    pub typ: Option<Expr>,
    pub name: Option<Name>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

/// `import a.b as c` / `from m import x as y`: `name` is what is imported,
/// `bind` the name it is stored under.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub span: Span,
    pub name: Ident,
    pub bind: Name,
}

/// A `def` or a `lambda` (whose body is a single `return`).
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub span: Span,
    pub name: Ident,
    /// The name the function is bound to (unused for lambdas).
    pub bind: Name,
    pub params: Params,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub returns: Option<Expr>,
    pub is_lambda: bool,
    pub scope: ScopeInfo,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    pub posonly: Vec<Param>,
    pub args: Vec<Param>,
    pub vararg: Option<Param>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<Param>,
}

impl Params {
    /// Positional parameters (positional-only first), in order.
    pub fn positional(&self) -> impl Iterator<Item = &Param> {
        self.posonly.iter().chain(self.args.iter())
    }

    /// Every parameter in frame-slot order: positional, `*args`, keyword-only, `**kwargs`.
    pub fn all(&self) -> impl Iterator<Item = &Param> {
        self.positional()
            .chain(self.vararg.iter())
            .chain(self.kwonly.iter())
            .chain(self.kwarg.iter())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub span: Span,
    pub name: Ident,
    pub annotation: Option<Expr>,
    pub default: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub span: Span,
    pub name: Ident,
    pub bind: Name,
    pub bases: Vec<Expr>,
    pub keywords: Vec<Keyword>,
    pub body: Vec<Stmt>,
    pub decorators: Vec<Expr>,
    pub scope: ScopeInfo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Name(Name),
    Const(Const),
    FString(Vec<FStringPart>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<DictItem>),
    Starred(Box<Expr>),
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `target := value`; the target is always a name.
    NamedExpr {
        target: Name,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Lambda(Rc<Function>),
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    ListComp(Rc<Comprehension>),
    SetComp(Rc<Comprehension>),
    DictComp(Rc<Comprehension>),
    GeneratorExp(Rc<Comprehension>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `a < b <= c`: `left` then each operator with its right operand.
    Compare {
        left: Box<Expr>,
        ops: Vec<(CmpOp, Expr)>,
    },
    /// Positional arguments may be `Starred`; a keyword without a name is `**mapping`.
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: Ident,
        key: NameKey,
    },
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

/// A dict display entry: `key: value`, or `**mapping` when `key` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct DictItem {
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub span: Span,
    /// `None` for `**mapping`.
    pub arg: Option<Ident>,
    pub value: Expr,
    pub key: NameKey,
}

/// `[element for target in iter if cond ...]`; for dict comprehensions `value` is set.
/// Comprehensions run in a scope of their own, like a nested function.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub element: Expr,
    pub value: Option<Expr>,
    pub generators: Vec<CompFor>,
    pub scope: ScopeInfo,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompFor {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FStringPart {
    Literal(String),
    Field {
        value: Box<Expr>,
        conversion: Option<char>,
        spec: Option<Vec<FStringPart>>,
    },
}

/// A name use or binding. `slot` is filled in by the resolver.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub id: Ident,
    pub slot: NameSlot,
    pub key: NameKey,
}

impl Name {
    pub fn new(id: Ident) -> Name {
        Name {
            id,
            slot: NameSlot::Unresolved,
            key: NameKey::default(),
        }
    }
}

/// The interned string object of a name, set before running so that namespace lookups
/// need no allocation or hashing, and the lookup hints of the site that uses it.
#[derive(Clone, Default)]
pub struct NameKey(pub Option<crate::heap::Ref>, pub SiteHints);

impl NameKey {
    pub fn new(name: crate::heap::Ref) -> NameKey {
        NameKey(Some(name), SiteHints::default())
    }

    pub fn get(&self) -> &crate::heap::Ref {
        self.0.as_ref().expect("names are interned before running")
    }

    pub fn hints(&self) -> &SiteHints {
        &self.1
    }
}

/// Where the last lookup at one site found its name: guesses that are always verified
/// before use (a wrong guess only costs the normal lookup), so they never need
/// invalidating and hold no references.
#[derive(Clone, Default)]
pub struct SiteHints {
    /// Entry position in the dict (instance or globals) where the name was found.
    pub position: std::cell::Cell<u32>,
    /// Entry position in builtins, for global names found there.
    pub builtin_position: std::cell::Cell<u32>,
    /// Keys version of the globals dict when the name was last missing from it.
    pub globals_miss: std::cell::Cell<u64>,
    /// For lookups along a class's MRO: the class and class epoch it was made for.
    pub class: std::cell::Cell<ClassHint>,
}

/// A resolved MRO lookup: valid while the class (slot and generation) and the class
/// epoch are the same.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassHint {
    pub class: usize,
    pub generation: u32,
    pub epoch: u64,
    /// 0 for the class itself, i for the i-th class of its MRO after it.
    pub depth: u32,
    pub position: u32,
}

impl PartialEq for NameKey {
    fn eq(&self, _: &NameKey) -> bool {
        true
    }
}

impl std::fmt::Debug for NameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NameKey")
    }
}

/// Where a name lives at run time, decided before running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSlot {
    Unresolved,
    /// A fast local: index into the frame's local slots.
    Local(u32),
    /// A cell (own cell variable or free variable): index into the frame's cells.
    Cell(u32),
    /// A module global, falling back to builtins on load.
    Global,
    /// Looked up in the class body's namespace, then globals and builtins.
    ClassBody,
    /// In a class body, a free variable of an enclosing function: the namespace first, then the cell.
    ClassBodyCell(u32),
}

/// A literal constant; `pool` is its index in the compiled unit's constant pool.
#[derive(Clone, Debug, PartialEq)]
pub struct Const {
    pub value: ConstValue,
    pub pool: u32,
}

impl Const {
    pub fn new(value: ConstValue) -> Const {
        Const { value, pool: 0 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    /// A tuple of constants, produced by constant folding.
    Tuple(Rc<[ConstValue]>),
}

/// What the resolver learns about a function, class, comprehension or module scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScopeInfo {
    /// Local slot names, parameters first.
    pub locals: Vec<Ident>,
    /// Cell names: own cell variables first, then free variables.
    pub cells: Vec<Ident>,
    /// For each own cell variable that is also a parameter, the parameter's local slot.
    pub cell_params: Vec<(u32, u32)>,
    /// Number of own cell variables (the rest of `cells` are free variables).
    pub own_cells: u32,
    /// For each free variable, where the enclosing scope holds its cell.
    pub free_sources: Vec<u32>,
    pub is_generator: bool,
    /// The class body's `__class__` cell, when a method uses `super()` or `__class__`.
    pub class_cell: Option<u32>,
    /// The code object's constants (`co_consts`); `Const::pool` indexes it.
    pub consts: ConstTable,
    /// The code object's name objects, made by the first function created from it.
    pub names: CodeNames,
}

/// A code object's `co_name` and `co_qualname`: every function made from the code holds
/// these same objects, as in CPython, and making one needs no formatting or interning.
#[derive(Clone, Default)]
pub struct CodeNames(pub std::cell::OnceCell<CodeNameRefs>);

#[derive(Clone)]
pub struct CodeNameRefs {
    /// The interned name.
    pub name: crate::heap::Ref,
    /// The qualified name: the name itself at top level, else a str of its own.
    pub qualname: crate::heap::Ref,
    /// The qualified name as text, for the frames of functions made from the code.
    pub qual_text: Rc<str>,
}

impl PartialEq for CodeNames {
    fn eq(&self, _: &CodeNames) -> bool {
        true
    }
}

impl std::fmt::Debug for CodeNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CodeNames")
    }
}

/// A code object's constants. Code objects of one unit with equal constant lists share
/// one table, as CPython 3.11 merges equal `co_consts` tuples.
#[derive(Clone, Default)]
pub struct ConstTable(pub Rc<[crate::heap::Ref]>);

impl PartialEq for ConstTable {
    fn eq(&self, _: &ConstTable) -> bool {
        true
    }
}

impl std::fmt::Debug for ConstTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConstTable({})", self.0.len())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    MatMult,
    Div,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    FloorDiv,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mult => "*",
            BinOp::MatMult => "@",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::FloorDiv => "//",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Invert,
    Not,
    UAdd,
    USub,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}

impl Expr {
    pub fn new(span: Span, kind: ExprKind) -> Expr {
        Expr { span, kind }
    }
}

impl Stmt {
    pub fn new(span: Span, kind: StmtKind) -> Stmt {
        Stmt {
            span,
            line: 0,
            yields: false,
            yields_here: false,
            kind,
        }
    }
}
