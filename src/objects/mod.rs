//! The object model: the payload every heap object carries, one variant per kind of
//! object. Behaviour lives in one file per type; this file only says what each holds.
//!
//! Mutable payloads sit in `RefCell`s. Code never holds a borrow across a call back into
//! Python code: it copies what it needs (cloning `Ref`s, as CPython increfs), calls, and
//! borrows again.

pub mod attrs;
pub mod bytes_methods;
pub mod dict;
pub mod dict_entries;
pub mod edges;
pub mod exception;
pub mod function;
pub mod iter;
pub mod kinds;
pub mod list;
pub mod list_store;
pub mod methods;
pub mod repr;
pub mod set;
pub mod short_repr;
pub mod sigs;
pub mod slots;
pub mod str;
pub mod str_format;
pub mod str_methods;
pub mod traverse;

use crate::heap::Ref;
use num_bigint::BigInt;
use std::cell::{Cell, RefCell};

pub use dict::DictObj;
pub use exception::ExceptionObj;
pub use function::{BuiltinFn, BuiltinObj, ClassObj, FunctionObj, InstanceObj};
pub use iter::IterObj;
pub use kinds::TypeKind;
pub use list_store::ListObj;
pub use set::SetObj;
pub use str::StrObj;

pub enum Obj {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(Box<BigInt>),
    Float(f64),
    Str(StrObj),
    Bytes(Box<[u8]>),
    List(Box<RefCell<ListObj>>),
    Tuple(Box<[Ref]>),
    Dict(Box<RefCell<DictObj>>),
    Set(Box<RefCell<SetObj>>),
    FrozenSet(Box<SetObj>),
    Range(Box<RangeObj>),
    Slice(Box<[Ref; 3]>),
    Function(Box<FunctionObj>),
    Builtin(Box<BuiltinObj>),
    /// A function bound to an instance: `obj.method`.
    Method(Box<(Ref, Ref)>),
    Cell(RefCell<Option<Ref>>),
    Class(Box<ClassObj>),
    Instance(Box<InstanceObj>),
    Exception(Box<ExceptionObj>),
    Module(Box<ModuleObj>),
    Iter(Box<IterObj>),
    Generator(Box<crate::eval::generator::GeneratorObj>),
    Property(Box<[Ref; 4]>),
    StaticMethod(Box<RefCell<Ref>>),
    ClassMethod(Box<RefCell<Ref>>),
    Super(Box<(Ref, Ref)>),
    Frame(Box<crate::eval::frame::FrameObj>),
    Traceback(Box<TracebackObj>),
    File(Box<RefCell<crate::modules::io::FileObj>>),
    WeakRef(Box<crate::modules::weakref::WeakRefObj>),
    /// The view objects of `dict.keys()`, `.values()`, `.items()`.
    DictView(Box<(Ref, DictViewKind)>),
    /// A function's code object (`f.__code__`).
    Code(Box<CodeObj>),
    /// A `__slots__` member of a class (`C.__dict__['x']`): the slot's index and name.
    Member(Box<(usize, crate::syntax::ast::Ident, Ref)>),
}

/// What `f.__code__` shows of a compiled function.
pub struct CodeObj {
    /// The function compiled; None for a module's, class body's or comprehension's code
    /// (`frame.f_code`), which shows its name and file only.
    pub code: Option<std::rc::Rc<crate::syntax::ast::Function>>,
    pub name: std::rc::Rc<str>,
    pub filename: std::rc::Rc<str>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

pub struct ModuleObj {
    pub name: String,
    pub dict: Ref,
}

pub struct TracebackObj {
    pub frame: Ref,
    pub lineno: Cell<u32>,
    /// The source of the operation that raised or passed the exception on (CPython's
    /// instruction position), when known: tracebacks underline it.
    pub position: Option<crate::syntax::Span>,
    pub next: RefCell<Option<Ref>>,
}

impl Obj {
    /// The kind of a builtin object, or `None` for instances of user classes.
    pub fn kind(&self) -> TypeKind {
        kinds::kind_of(self)
    }
}
