//! Functions, builtin functions, classes and instances of user classes.

use super::kinds::TypeKind;
use super::Obj;
use crate::compile::Unit;
use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
use crate::syntax::ast::{self, Ident};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A `def` or `lambda` evaluated at run time.
pub struct FunctionObj {
    pub code: Rc<ast::Function>,
    /// The compiled unit the code belongs to (its constants).
    pub unit: Rc<Unit>,
    /// The module's globals dict.
    pub globals: Ref,
    pub name: RefCell<Ref>,
    pub qualname: RefCell<Ref>,
    /// The qualified name as text, for frames (prefix of nested definitions' names).
    pub qual_text: std::rc::Rc<str>,
    /// Tuple of positional defaults (`__defaults__`), as CPython holds them.
    pub defaults: RefCell<Option<Ref>>,
    /// Dict of keyword-only defaults (`__kwdefaults__`).
    pub kwdefaults: RefCell<Option<Ref>>,
    /// Tuple of cells for the free variables (`__closure__`).
    pub closure: Option<Ref>,
    pub dict: RefCell<Option<Ref>>,
    pub doc: RefCell<Option<Ref>>,
    pub module: Ref,
}

pub type BuiltinFn = fn(&mut Interp, Args) -> PyResult;

/// A function implemented in Rust; `self_` is set for methods bound to an object
/// (`[].append`) and for module functions (the module is not held).
pub struct BuiltinObj {
    pub name: &'static str,
    pub func: BuiltinFn,
    pub self_: Option<Ref>,
    /// The type whose method this is (`list` for `list.append`): a method descriptor.
    pub owner: Option<TypeKind>,
    /// How a method checks its argument count (`Sig::Own` for everything else).
    pub sig: super::sigs::Sig,
}

pub struct ClassObj {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub module: RefCell<String>,
    /// `__bases__`: a tuple object the class holds (CPython's `tp_bases`).
    pub bases: RefCell<Ref>,
    /// `__mro__`: a tuple object starting with the class itself (C3), held by the class
    /// (CPython's `tp_mro`, a cycle through the class). `type_clear` replaces it with
    /// None; lookups then see no bases.
    pub mro: RefCell<Ref>,
    /// CPython's `tp_base`: the base whose layout instances extend (`__base__`); `None`
    /// for `object`.
    pub base: RefCell<Option<Ref>>,
    /// The class namespace (a dict object).
    pub dict: Ref,
    /// For a builtin type, which one.
    pub builtin: Option<TypeKind>,
    /// The builtin type whose layout instances have (`object`, `list`, `BaseException` …).
    pub base_kind: TypeKind,
    /// `__slots__` names, inherited ones first; `None` when instances have a `__dict__`
    /// only.
    pub slots: Option<Vec<Ident>>,
    pub has_dict: bool,
    /// Cached: the class or a base defines `__del__`.
    pub has_del: Cell<bool>,
    /// Instances can be weakly referenced (no `__slots__` without `__weakref__`).
    pub weakrefable: bool,
    /// Cached traits of the MRO (data descriptors, a Python `__getattribute__`), valid
    /// while the interpreter's class epoch is the recorded one.
    pub data_descriptors: Cell<(u64, u8)>,
    /// The keys instances' `__dict__`s share (CPython's `ht_cached_keys`), for classes
    /// whose instances have a managed dict.
    pub shared_keys: Option<Rc<crate::objects::dict::SharedKeys>>,
}

/// The index an `Obj::Member` has when it is a getset descriptor (`__dict__` or
/// `__weakref__` of a class that adds them) rather than a slot's member descriptor.
pub const GETSET: usize = usize::MAX;

impl ClassObj {
    /// The method resolution order after the class itself: the `__mro__` tuple's items
    /// from the second on (empty once the class has been cleared).
    #[inline]
    pub fn mro_rest(&self) -> std::cell::Ref<'_, [Ref]> {
        std::cell::Ref::map(self.mro.borrow(), |m| match &**m {
            Obj::Tuple(items) => items.get(1..).unwrap_or(&[]),
            _ => &[],
        })
    }
}

/// An instance's inline attribute values; released first to last, as CPython's
/// `_PyObject_FreeInstanceAttributes` does (the heap frees objects in the reverse of
/// the order they are dropped).
#[derive(Default)]
pub struct InlineValues(pub Vec<Ref>);

impl Drop for InlineValues {
    fn drop(&mut self) {
        while let Some(v) = self.0.pop() {
            drop(v);
        }
    }
}

pub struct InstanceObj {
    pub class: RefCell<Ref>,
    pub dict: RefCell<Option<Ref>>,
    /// CPython 3.11's inline values: while `dict` is None, the attribute values in the
    /// order of the class's shared keys (the instance added its attributes in that order
    /// and deleted none). Anything else moves them into `dict`.
    pub values: RefCell<InlineValues>,
    /// Values of `__slots__`, in the class's slot order.
    pub slots: RefCell<Vec<Option<Ref>>>,
    /// For subclasses of builtin containers (`class L(list)`), the builtin part.
    pub base_value: Option<Ref>,
}
