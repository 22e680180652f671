//! The evaluator: walks the resolved tree on the refcounted heap.
//!
//! `impl Interp` is split by concern: object construction and the type table here,
//! expressions in `expr.rs`, statements in `stmt.rs`, calls in `call.rs`, operators in
//! `ops.rs`, attributes in `attr.rs`, iteration in `iterate.rs`, classes in `class.rs`,
//! exceptions and tracebacks in `exceptions.rs`.

pub mod attr;
pub mod attribution;
pub mod call;
pub mod class;
pub mod containers;
pub mod exceptions;
pub mod expr;
pub mod finalize;
pub mod frame;
pub mod generator;
pub mod import;
pub mod inline_attrs;
pub mod interrupt;
pub mod iterate;
pub mod ops;
pub mod resume;
pub mod resume_expr;
pub mod run;
pub mod stack;
pub mod stmt;
pub mod suggest;
pub mod traceback;
pub mod unwind;

use crate::heap::{self, Ref};
use crate::objects::kinds::{TypeKind, ALL_KINDS};
use crate::objects::{ClassObj, DictObj, Obj, SetObj, StrObj};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;

pub use unwind::{Args, PyResult, Unwind};

/// Small ints −5..=256 are shared objects, as in CPython.
const SMALL_INT_MIN: i64 = -5;
const SMALL_INT_MAX: i64 = 256;

pub struct Interp {
    /// The builtin types, indexed by [`TypeKind`].
    pub types: Vec<Ref>,
    pub(crate) none: Ref,
    pub(crate) true_: Ref,
    pub(crate) false_: Ref,
    pub(crate) not_implemented: Ref,
    pub(crate) ellipsis: Ref,
    pub(crate) small_ints: Vec<Ref>,
    /// One-character latin-1 strings and the empty string are cached like CPython's.
    pub(crate) chars: Vec<Ref>,
    pub(crate) empty_str: Ref,
    pub(crate) empty_tuple: Ref,
    /// Interned strings; uncounted, like CPython 3.11's interned dict.
    interned: RefCell<HashMap<Box<str>, heap::Weak>>,
    /// The builtin exception classes by name.
    pub exc_types: HashMap<&'static str, Ref>,
    /// The `builtins` module's dict.
    pub builtins: Ref,
    /// `sys.modules`.
    pub modules: Ref,
    pub recursion_limit: usize,
    pub depth: usize,
    /// Exceptions being handled (innermost last): `raise` with no argument, `__context__`.
    pub handling: Vec<Ref>,
    /// Frame objects of frames that ended (with their call depth) whose caller has not
    /// yet linked its frame object as their `f_back`.
    pub pending_back: Vec<(usize, heap::Weak)>,
    /// Empty argument and local-slot vectors of ended calls, kept for the next calls so
    /// a call allocates no vector (see `frame.rs`).
    pub(crate) spare_vecs: Vec<Vec<Ref>>,
    /// Where `print` goes: the process's stdout, or a buffer (tests, lesson snapshots).
    pub stdout: RefCell<Output>,
    pub argv: Vec<String>,
    /// Bumped whenever a class attribute is set or deleted: invalidates per-class caches.
    pub class_epoch: Cell<u64>,
    /// Set when a gc collection became due at an allocation; run at the next safe point.
    pub gc_due: Cell<bool>,
    /// Names of the `__dunder__` attributes looked up often, interned once.
    pub names: names::Names,
    /// Containers whose `repr` is being computed (the `[...]` recursion guard).
    pub repr_active: Vec<usize>,
    /// tracemalloc is tracing: statements and calls report where they run.
    pub tracing: bool,
    /// Printed text is being credited to source lines (`refpy check`); the state is in
    /// `attribution`, this flag keeps the per-statement test cheap.
    pub attributing: bool,
    pub attribution: RefCell<Option<attribution::Attribution>>,
    /// [`Interp::shutdown`] has run.
    pub shut_down: bool,
    /// [`Interp::teardown`] has run.
    pub torn_down: bool,
}

pub mod names;

/// The destination of `print` and `sys.stdout`.
pub enum Output {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    Buffer(String),
}

impl Interp {
    pub fn new() -> Interp {
        let none = Ref::new(Obj::None);
        let true_ = Ref::new(Obj::Bool(true));
        let false_ = Ref::new(Obj::Bool(false));
        let not_implemented = Ref::new(Obj::NotImplemented);
        let ellipsis = Ref::new(Obj::Ellipsis);
        for r in [&none, &true_, &false_, &not_implemented, &ellipsis] {
            r.header().set_flag(heap::flag::IMMORTAL);
        }
        let small_ints: Vec<Ref> = (SMALL_INT_MIN..=SMALL_INT_MAX)
            .map(|i| {
                let r = Ref::new(Obj::Int(i));
                r.header().set_flag(heap::flag::IMMORTAL);
                r
            })
            .collect();
        let chars: Vec<Ref> = (0u32..256)
            .map(|c| {
                let s = char::from_u32(c)
                    .expect("latin-1 code points are chars")
                    .to_string();
                let r = Ref::new(Obj::Str(StrObj::new(s.into())));
                r.header().set_flag(heap::flag::IMMORTAL);
                r
            })
            .collect();
        let empty_str = Ref::new(Obj::Str(StrObj::new("".into())));
        let empty_tuple = Ref::new(Obj::Tuple(Box::new([])));
        empty_str.header().set_flag(heap::flag::IMMORTAL);
        empty_tuple.header().set_flag(heap::flag::IMMORTAL);
        let builtins = Ref::new(Obj::Dict(Box::new(RefCell::new(DictObj::new()))));
        let modules = Ref::new(Obj::Dict(Box::new(RefCell::new(DictObj::new()))));
        let mut interp = Interp {
            types: Vec::new(),
            none,
            true_,
            false_,
            not_implemented,
            ellipsis,
            small_ints,
            chars,
            empty_str,
            empty_tuple,
            interned: RefCell::new(HashMap::new()),
            exc_types: HashMap::new(),
            builtins,
            modules,
            recursion_limit: 1000,
            depth: 0,
            handling: Vec::new(),
            pending_back: Vec::new(),
            spare_vecs: Vec::new(),
            stdout: RefCell::new(Output::Stdout(std::io::BufWriter::new(std::io::stdout()))),
            argv: Vec::new(),
            gc_due: Cell::new(false),
            class_epoch: Cell::new(0),
            names: names::Names::default(),
            repr_active: Vec::new(),
            tracing: false,
            attributing: false,
            attribution: RefCell::new(None),
            shut_down: false,
            torn_down: false,
        };
        interp.names = names::Names::new(&mut interp);
        interp.create_types();
        crate::modules::install(&mut interp);
        interp
    }

    /// Creates the builtin type objects and the exception hierarchy.
    fn create_types(&mut self) {
        for &kind in ALL_KINDS {
            let dict = self.new_dict();
            let class = ClassObj {
                name: RefCell::new(kind.name().rsplit('.').next().unwrap_or("").to_string()),
                qualname: RefCell::new(kind.name().rsplit('.').next().unwrap_or("").to_string()),
                module: RefCell::new("builtins".into()),
                bases: RefCell::new(self.empty_tuple.clone()),
                mro: RefCell::new(self.empty_tuple.clone()),
                base: RefCell::new(None),
                dict,
                builtin: Some(kind),
                base_kind: kind,
                slots: None,
                has_dict: false,
                has_del: Cell::new(false),
                weakrefable: false,
                data_descriptors: Cell::new((u64::MAX, 0)),
                shared_keys: None,
            };
            let r = Ref::new(Obj::Class(Box::new(class)));
            r.header().set_flag(heap::flag::IMMORTAL);
            self.types.push(r);
        }
        let object = self.types[TypeKind::Object.index()].clone();
        if let Obj::Class(c) = &*object {
            *c.mro.borrow_mut() = static_tuple(vec![object.clone()]);
        }
        for &kind in ALL_KINDS {
            if kind == TypeKind::Object {
                continue;
            }
            let base = if kind == TypeKind::Bool {
                self.types[TypeKind::Int.index()].clone()
            } else {
                object.clone()
            };
            let class = self.types[kind.index()].clone();
            if let Obj::Class(c) = &*class {
                let mut mro = vec![class.clone(), base.clone()];
                if kind == TypeKind::Bool {
                    mro.push(object.clone());
                }
                *c.bases.borrow_mut() = static_tuple(vec![base.clone()]);
                *c.mro.borrow_mut() = static_tuple(mro);
                *c.base.borrow_mut() = Some(base);
            }
        }
        exceptions::create_exception_types(self);
    }

    pub fn type_ref(&self, kind: TypeKind) -> Ref {
        self.types[kind.index()].clone()
    }

    /// Calls `visit` for every reference the interpreter holds in its own tables and
    /// caches, with what the table is: the references no object and no compiled unit
    /// holds, which the heap views attribute to "the interpreter".
    pub fn visit_own_references(&self, visit: &mut dyn FnMut(&'static str, &Ref)) {
        self.types
            .iter()
            .for_each(|r| visit("the interpreter's table of builtin types", r));
        let mut exc: Vec<(&&'static str, &Ref)> = self.exc_types.iter().collect();
        exc.sort_by_key(|(name, _)| **name);
        exc.into_iter()
            .for_each(|(_, r)| visit("the interpreter's table of exception classes", r));
        visit("the interpreter's builtins dict", &self.builtins);
        visit("the interpreter's sys.modules", &self.modules);
        self.handling
            .iter()
            .for_each(|r| visit("an exception being handled", r));
        self.names
            .all
            .iter()
            .for_each(|r| visit("the interpreter's table of special method names", r));
        for r in [
            &self.none,
            &self.true_,
            &self.false_,
            &self.not_implemented,
            &self.ellipsis,
        ] {
            visit("the interpreter's singletons", r);
        }
        self.small_ints
            .iter()
            .for_each(|r| visit("the interpreter's small int cache", r));
        self.chars
            .iter()
            .for_each(|r| visit("the interpreter's one-character string cache", r));
        visit("the interpreter's empty string", &self.empty_str);
        visit("the interpreter's empty tuple", &self.empty_tuple);
        crate::modules::gc::visit_roots(&mut |r| visit("gc.garbage or gc.callbacks", r));
    }

    // ------------------------------------------------------------------ singletons

    pub fn none(&self) -> Ref {
        self.none.clone()
    }

    pub fn bool(&self, b: bool) -> Ref {
        if b {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }

    pub fn not_implemented(&self) -> Ref {
        self.not_implemented.clone()
    }

    pub fn ellipsis(&self) -> Ref {
        self.ellipsis.clone()
    }

    // ------------------------------------------------------------------ constructors

    pub fn new_int(&self, i: i64) -> Ref {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            return self.small_ints[(i - SMALL_INT_MIN) as usize].clone();
        }
        Ref::new(Obj::Int(i))
    }

    pub fn new_bigint(&self, i: BigInt) -> Ref {
        match i.to_i64() {
            Some(small) => self.new_int(small),
            None => Ref::new(Obj::BigInt(Box::new(i))),
        }
    }

    pub fn new_float(&self, f: f64) -> Ref {
        Ref::new(Obj::Float(f))
    }

    /// A new string; one-character latin-1 strings and `''` come from the cache.
    pub fn new_str(&self, s: &str) -> Ref {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => self.empty_str.clone(),
            (Some(c), None) if (c as u32) < 256 => self.chars[c as usize].clone(),
            _ => Ref::new(Obj::Str(StrObj::new(s.into()))),
        }
    }

    /// The text of an int as `str()`, `repr()`, `format()` and f-strings return it: CPython
    /// writes an int's digits into a freshly allocated string (`long_to_decimal_string`),
    /// so even a one-digit result is a new object — `str(5) is str(5)` is False — where
    /// other one-character strings come from the shared cache.
    pub fn new_decimal_str(&self, s: String) -> Ref {
        if s.is_empty() {
            return self.empty_str.clone();
        }
        Ref::new(Obj::Str(StrObj::new(s.into_boxed_str())))
    }

    /// The str object `str()`/`repr()` of `v` returns, given its text: an int's digits are
    /// a new string ([`Interp::new_decimal_str`]), a bool's name is one shared interned
    /// string (`bool_repr` returns static strings), anything else is made as usual.
    pub fn conversion_result(&mut self, v: &Ref, text: String) -> Ref {
        match &**v {
            Obj::Int(_) | Obj::BigInt(_) => self.new_decimal_str(text),
            Obj::Bool(_) => self.intern(&text),
            _ => self.new_string(text),
        }
    }

    pub fn new_string(&self, s: String) -> Ref {
        if s.len() <= 2 {
            return self.new_str(&s);
        }
        Ref::new(Obj::Str(StrObj::new(s.into_boxed_str())))
    }

    /// The interned string for `s` (`sys.intern`, identifiers, attribute names).
    pub fn intern(&self, s: &str) -> Ref {
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.clone().next()) {
            if (c as u32) < 256 {
                return self.chars[c as usize].clone();
            }
        }
        if s.is_empty() {
            return self.empty_str.clone();
        }
        if let Some(w) = self.interned.borrow().get(s) {
            if let Some(r) = w.upgrade_alive() {
                return r;
            }
        }
        let r = Ref::new(Obj::Str(StrObj::new(s.into())));
        self.interned.borrow_mut().insert(s.into(), r.weak());
        r
    }

    /// Interns an existing string object (`sys.intern(s)`): the first one seen wins.
    pub fn intern_ref(&mut self, r: &Ref) -> Ref {
        let s = r.as_str_opt().unwrap_or("");
        if s.chars().count() <= 1 {
            return self.intern(s);
        }
        if let Some(w) = self.interned.borrow().get(s) {
            if let Some(existing) = w.upgrade_alive() {
                return existing;
            }
        }
        self.interned.borrow_mut().insert(s.into(), r.weak());
        r.clone()
    }

    pub fn new_bytes(&self, b: &[u8]) -> Ref {
        Ref::new(Obj::Bytes(b.into()))
    }

    /// A list of exactly these items (`PyList_New(n)`: displays, slices, concatenation).
    pub fn new_list(&self, items: Vec<Ref>) -> Ref {
        self.list_from(crate::objects::ListObj::exact(items))
    }

    pub fn list_from(&self, list: crate::objects::ListObj) -> Ref {
        heap::gc::track_new(Ref::new(Obj::List(Box::new(RefCell::new(list)))))
    }

    pub fn new_tuple(&self, items: Vec<Ref>) -> Ref {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        heap::gc::track_new(Ref::new(Obj::Tuple(items.into_boxed_slice())))
    }

    /// A new dict: a gc object that starts untracked, like CPython's, until a container
    /// is stored in it.
    pub fn new_dict(&self) -> Ref {
        heap::gc::count_new(Ref::new(Obj::Dict(Box::new(RefCell::new(DictObj::new())))))
    }

    /// An instance `__dict__` sharing its class's keys (a split table).
    pub fn new_split_dict(&self, class: &ClassObj) -> Ref {
        let d = match &class.shared_keys {
            Some(keys) => DictObj::new_split(keys.clone()),
            None => DictObj::new(),
        };
        self.dict_from(d)
    }

    /// A dict object around prepared storage (presized, or a cloned table).
    pub fn dict_from(&self, d: DictObj) -> Ref {
        // Like CPython, a dict is tracked only once it holds something the collector tracks.
        let holds_tracked = d.iter().any(|(k, v)| {
            k.header().has_flag(heap::flag::TRACKED) || v.header().has_flag(heap::flag::TRACKED)
        });
        let r = heap::gc::count_new(Ref::new(Obj::Dict(Box::new(RefCell::new(d)))));
        if holds_tracked {
            heap::gc::track(&r);
        }
        r
    }

    pub fn new_set(&self) -> Ref {
        heap::gc::track_new(Ref::new(Obj::Set(Box::new(RefCell::new(SetObj::new())))))
    }

    /// A heap object for a literal constant.
    pub fn const_object(&mut self, value: &crate::syntax::ast::ConstValue) -> Ref {
        use crate::syntax::ast::ConstValue as C;
        match value {
            C::None => self.none(),
            C::True => self.bool(true),
            C::False => self.bool(false),
            C::Ellipsis => self.ellipsis(),
            C::Int(i) => self.new_bigint(i.clone()),
            C::Float(f) => self.new_float(*f),
            C::Str(s) => {
                if is_identifier_like(s) {
                    self.intern(s)
                } else {
                    self.new_str(s)
                }
            }
            C::Bytes(b) => self.new_bytes(b),
            C::Tuple(items) => {
                let elems = items.iter().map(|v| self.const_object(v)).collect();
                self.new_tuple(elems)
            }
        }
    }

    // ------------------------------------------------------------------ types

    /// `type(x)`.
    pub fn type_of(&self, obj: &Ref) -> Ref {
        match &**obj {
            Obj::Instance(i) => i.class.borrow().clone(),
            Obj::Exception(e) => e.class.borrow().clone(),
            other => self.types[other.kind().index()].clone(),
        }
    }

    /// The type's name (`type(x).__name__`).
    pub fn type_name(&self, obj: &Ref) -> String {
        match &**obj {
            Obj::Instance(i) => class_name(&i.class.borrow()),
            Obj::Exception(e) => class_name(&e.class.borrow()),
            other => {
                let n = other.kind().name();
                n.rsplit('.').next().unwrap_or(n).to_string()
            }
        }
    }

    /// Equal str objects (no Python code runs).
    pub fn str_eq(&self, a: &Ref, b: &Ref) -> bool {
        a.is(b) || (a.as_str_opt().is_some() && a.as_str_opt() == b.as_str_opt())
    }

    /// Writes to `sys.stdout`.
    pub fn write_stdout(&self, text: &str) {
        if self.attributing {
            if let Some(a) = self.attribution.borrow_mut().as_mut() {
                a.record(text);
            }
        }
        match &mut *self.stdout.borrow_mut() {
            Output::Stdout(out) => {
                let _ = out.write_all(text.as_bytes());
            }
            Output::Buffer(buf) => buf.push_str(text),
        }
    }

    pub fn flush_stdout(&self) {
        if let Output::Stdout(out) = &mut *self.stdout.borrow_mut() {
            let _ = out.flush();
        }
    }

    /// From now on, collect what the program prints instead of writing it out.
    pub fn capture_output(&self) {
        self.flush_stdout();
        *self.stdout.borrow_mut() = Output::Buffer(String::new());
    }

    /// What was printed since the last call (or since capturing began).
    pub fn take_output(&self) -> String {
        match &mut *self.stdout.borrow_mut() {
            Output::Buffer(buf) => std::mem::take(buf),
            Output::Stdout(_) => String::new(),
        }
    }
}

impl Default for Interp {
    fn default() -> Self {
        Interp::new()
    }
}

pub fn class_name(class: &Ref) -> String {
    match &**class {
        Obj::Class(c) => c.name.borrow().clone(),
        _ => "?".into(),
    }
}

/// CPython interns string constants made only of ASCII letters, digits and underscores.
pub fn is_identifier_like(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

impl Ref {
    /// The text of a `str` object.
    /// The text of a str, or of the str inside an instance of a subclass of `str`.
    pub fn as_str_opt(&self) -> Option<&str> {
        match &**self {
            Obj::Str(s) => Some(s.as_str()),
            Obj::Instance(i) => match i.base_value.as_deref() {
                Some(Obj::Str(s)) => Some(s.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        self.kind().name()
    }
}

/// The `__bases__` or `__mro__` tuple of a builtin type: a static object, never freed and
/// not seen by the collector, like the type itself.
pub(crate) fn static_tuple(items: Vec<Ref>) -> Ref {
    let t = Ref::new(Obj::Tuple(items.into_boxed_slice()));
    t.header().set_flag(heap::flag::IMMORTAL);
    t
}
