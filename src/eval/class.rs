//! Classes: the `class` statement, C3 method resolution order, instance creation
//! (`__new__`, `__init__`), `isinstance`/`issubclass`.

use super::frame::{Frame, FrameKind};
use super::names::N;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::kinds::TypeKind;
use crate::objects::{ClassObj, ExceptionObj, InstanceObj, Obj};
use crate::syntax::ast::{ClassDef, ConstValue, Expr, ExprKind, Ident, StmtKind};
use std::cell::{Cell, RefCell};

impl Interp {
    pub fn exec_class_def(&mut self, f: &mut Frame, c: &ClassDef) -> PyResult {
        let mut decorators = Vec::with_capacity(c.decorators.len());
        for d in &c.decorators {
            decorators.push(self.eval(f, d)?);
        }
        let mut bases = Vec::with_capacity(c.bases.len());
        for b in &c.bases {
            bases.push(self.eval(f, b)?);
        }
        // `__build_class__` makes the tuple of bases before the body runs.
        let bases = self.new_tuple(bases);
        for k in &c.keywords {
            drop(self.eval(f, &k.value)?);
        }
        let qualname = self.qualname_for(f, &c.name);
        let ns = self.new_dict();
        let module_key = self.names.get(N::module).clone();
        let name_key = self.names.get(N::name).clone();
        let module_name = self
            .dict_get_str(&f.globals, &name_key)
            .unwrap_or_else(|| self.new_str("__main__"));
        self.dict_set(&ns, module_key, module_name)?;
        let qual_key = self.names.get(N::qualname).clone();
        let qual_value = self.new_str(&qualname);
        self.dict_set(&ns, qual_key, qual_value)?;
        // The compiler's `__doc__ = "..."` for a body that starts with a string.
        if let Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(k),
            ..
        })) = c.body.first().map(|s| &s.kind)
        {
            if let (ConstValue::Str(_), Some(doc)) =
                (&k.value, c.scope.consts.0.get(k.pool as usize))
            {
                let doc_key = self.intern("__doc__");
                self.dict_set(&ns, doc_key, doc.clone())?;
            }
        }
        let mut cells = Vec::with_capacity(c.scope.cells.len());
        for _ in 0..c.scope.own_cells {
            cells.push(self.new_cell(None));
        }
        for &src in &c.scope.free_sources {
            cells.push(
                f.cells
                    .get(src as usize)
                    .cloned()
                    .unwrap_or_else(|| self.new_cell(None)),
            );
        }
        let mut cf = Frame {
            locals: Vec::new(),
            cells,
            globals: f.globals.clone(),
            class_ns: Some(ns.clone()),
            consts: c.scope.consts.0.clone(),
            kind: FrameKind::Class,
            unit: f.unit.clone(),
            name: c.name.clone(),
            qual: qualname.as_str().into(),
            lineno: f.lineno,
            super_cell: None,
            first_arg_cell: None,
            code: None,
            obj: None,
        };
        self.enter_call()?;
        let traced = self.tracing && crate::modules::tracemalloc::enter_frame();
        let result = self.exec_block(&mut cf, &c.body);
        if traced {
            crate::modules::tracemalloc::leave_frame();
        }
        let depth = self.depth;
        self.end_frame(&mut cf, &result, None, depth);
        self.leave_call();
        result?;
        let class = self.build_class(&c.name, &qualname, bases, ns)?;
        if let Some(i) = c.scope.class_cell {
            if let Obj::Cell(cell) = &*cf.cells[i as usize] {
                *cell.borrow_mut() = Some(class.clone());
            }
        }
        drop(cf);
        let mut value = class;
        for (d, expr) in decorators.into_iter().zip(&c.decorators).rev() {
            value = self
                .call(&d, vec![value])
                .map_err(|u| self.fault(f, expr.span, u))?;
        }
        Ok(value)
    }

    /// `type(name, bases, ns)`: `bases` is a tuple, which the class keeps (`(object,)`
    /// when empty); the class's namespace is a copy of `ns` (`type_new_init`).
    pub fn build_class(&mut self, name: &str, qualname: &str, bases: Ref, ns: Ref) -> PyResult {
        let object = self.type_ref(TypeKind::Object);
        let (bases_tuple, bases) = match &*bases {
            Obj::Tuple(items) if items.is_empty() => {
                (self.new_tuple(vec![object.clone()]), vec![object.clone()])
            }
            Obj::Tuple(items) => (bases.clone(), items.to_vec()),
            _ => {
                return Err(self.err(
                    "TypeError",
                    format!(
                        "type.__new__() argument 2 must be tuple, not {}",
                        self.type_name(&bases)
                    ),
                ))
            }
        };
        let ns = self.dict_copy(&ns)?;
        // `type_new_set_module`: `__module__` from the caller's globals when absent.
        let module_key = self.names.get(N::module).clone();
        if self.dict_get_str(&ns, &module_key).is_none() {
            let main = self.new_str("__main__");
            self.dict_set(&ns, module_key, main)?;
        }
        // `__qualname__` moves out of the namespace into the class (`ht_qualname`).
        let qual_key = self.names.get(N::qualname).clone();
        drop(self.dict_del_str(&ns, &qual_key));
        for b in &bases {
            if !matches!(&**b, Obj::Class(_)) {
                return Err(self.err("TypeError", "bases must be types"));
            }
        }
        let mro = self.c3_mro(&bases)?;
        // Layout: the nearest builtin base decides what instances hold.
        let mut base_kind = TypeKind::Object;
        for b in &mro {
            if let Obj::Class(bc) = &**b {
                if bc.base_kind != TypeKind::Object {
                    base_kind = bc.base_kind;
                    break;
                }
            }
        }
        let slots_key = self.intern("__slots__");
        let own_slots: Option<Vec<Ident>> = match self.dict_get_str(&ns, &slots_key) {
            Some(s) => {
                let items = if let Some(t) = s.as_str_opt() {
                    vec![self.new_str(t)]
                } else {
                    self.collect_iterable(&s)?
                };
                Some(
                    items
                        .iter()
                        .filter_map(|i| i.as_str_opt().map(Ident::from))
                        .collect(),
                )
            }
            None => None,
        };
        let mut slots: Vec<Ident> = Vec::new();
        let mut inherited_dict = false;
        let mut inherited_weakref = false;
        for b in mro.iter().rev() {
            if let Obj::Class(bc) = &**b {
                if bc.builtin.is_some() {
                    continue;
                }
                if let Some(s) = &bc.slots {
                    for n in s {
                        if !slots.contains(n) {
                            slots.push(n.clone());
                        }
                    }
                }
                inherited_dict |= bc.has_dict;
                inherited_weakref |= bc.weakrefable;
            }
        }
        let (has_dict, weakrefable) = match &own_slots {
            Some(own) => {
                for n in own {
                    if &**n != "__dict__" && &**n != "__weakref__" && !slots.contains(n) {
                        slots.push(n.clone());
                    }
                }
                (
                    inherited_dict || own.iter().any(|n| &**n == "__dict__"),
                    inherited_weakref || own.iter().any(|n| &**n == "__weakref__"),
                )
            }
            None => (true, true),
        };
        // Variable-sized builtins (int, tuple, bytes) leave no room for `__weakref__`.
        let weakrefable =
            weakrefable && !matches!(base_kind, TypeKind::Int | TypeKind::Tuple | TypeKind::Bytes);
        // A class that defines __eq__ but not __hash__ is unhashable (type_new).
        let eq_key = self.names.get(N::eq).clone();
        let hash_key = self.names.get(N::hash).clone();
        if self.dict_get_str(&ns, &eq_key).is_some() && self.dict_get_str(&ns, &hash_key).is_none()
        {
            let none = self.none();
            self.dict_set(&ns, hash_key, none)?;
        }
        // `__new__` is implicitly a staticmethod, `__init_subclass__` and
        // `__class_getitem__` classmethods (type_new_set_attrs). Made as
        // `PyStaticMethod_New`/`PyClassMethod_New` make them: without the `__dict__` the
        // decorators' `functools_wraps` gives theirs.
        let init_subclass_key = self.intern("__init_subclass__");
        let del_key = self.names.get(N::del).clone();
        let has_del = self.dict_get_str(&ns, &del_key).is_some()
            || mro
                .iter()
                .any(|b| matches!(&**b, Obj::Class(bc) if bc.has_del.get()));
        let module_key = self.names.get(N::module).clone();
        let module = self
            .dict_get_str(&ns, &module_key)
            .and_then(|m| m.as_str_opt().map(str::to_string))
            .unwrap_or_else(|| "__main__".into());
        // `tp_base`, and whether the class adds `__dict__` / `__weakref__` to what it
        // extends (type_new_slots): decided by that base alone.
        let tp_base = self.best_base(&bases);
        let (base_dict, base_weak, base_sized) = match &*tp_base {
            Obj::Class(bc) => {
                let static_type = tp_base.header().has_flag(crate::heap::flag::IMMORTAL);
                let weak = if static_type {
                    matches!(bc.builtin, Some(TypeKind::Set | TypeKind::FrozenSet))
                } else {
                    bc.weakrefable
                };
                (
                    bc.has_dict,
                    weak,
                    matches!(
                        bc.base_kind,
                        TypeKind::Int | TypeKind::Tuple | TypeKind::Bytes
                    ),
                )
            }
            _ => (false, false, false),
        };
        let declares = |n: &str| {
            own_slots
                .as_ref()
                .is_none_or(|own| own.iter().any(|s| &**s == n))
        };
        let adds_dict = !base_dict && declares("__dict__");
        let adds_weakref = !base_weak && !base_sized && declares("__weakref__");
        let placeholder = self.empty_tuple.clone();
        let class = ClassObj {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(qualname.to_string()),
            module: RefCell::new(module),
            bases: RefCell::new(bases_tuple),
            mro: RefCell::new(placeholder),
            base: RefCell::new(Some(tp_base)),
            dict: ns,
            builtin: None,
            base_kind,
            slots: if own_slots.is_some() || !slots.is_empty() {
                Some(slots)
            } else {
                None
            },
            has_dict,
            has_del: Cell::new(has_del),
            weakrefable,
            data_descriptors: Cell::new((u64::MAX, 0)),
            // A managed dict (CPython 3.11): instances of classes with a `__dict__` whose
            // layout does not already hold one share their keys through the class.
            shared_keys: (has_dict && base_kind != TypeKind::BaseException)
                .then(|| std::rc::Rc::new(crate::objects::dict::SharedKeys::new())),
        };
        let class_ref = crate::heap::gc::track_new(Ref::new(Obj::Class(Box::new(class))));
        let Obj::Class(c) = &*class_ref else {
            unreachable!("a class was just made");
        };
        let ns = c.dict.clone();
        let new_key = self.names.get(N::new).clone();
        let class_getitem_key = self.intern("__class_getitem__");
        for (key, is_static) in [
            (&new_key, true),
            (&init_subclass_key, false),
            (&class_getitem_key, false),
        ] {
            let Some(f) = self.dict_get_str(&ns, key) else {
                continue;
            };
            if !matches!(&*f, Obj::Function(_)) {
                continue;
            }
            let inner = Box::new(RefCell::new(f));
            let wrapper = crate::heap::gc::track_new(Ref::new(if is_static {
                Obj::StaticMethod(inner)
            } else {
                Obj::ClassMethod(inner)
            }));
            wrapper.header().set_flag(crate::heap::flag::PLAIN);
            self.dict_set(&ns, key.clone(), wrapper)?;
        }
        // `__mro__` starts with the class itself: the cycle only the collector frees.
        let mut mro_items = Vec::with_capacity(mro.len() + 1);
        mro_items.push(class_ref.clone());
        mro_items.extend(mro);
        *c.mro.borrow_mut() = self.new_tuple(mro_items);
        let dict = c.dict.clone();
        // Each slot the class itself declares is a member descriptor in its namespace.
        if let Some(own) = &own_slots {
            let all = c.slots.clone().unwrap_or_default();
            for name in own {
                if let Some(index) = all.iter().position(|n| n == name) {
                    // A gc object, as in CPython (`descr_traverse` visits the class): the
                    // class, its dict and the descriptor form a cycle only the collector
                    // can free.
                    let member = crate::heap::gc::track_new(Ref::new(Obj::Member(Box::new((
                        index,
                        name.clone(),
                        class_ref.clone(),
                    )))));
                    let key = self.intern(name);
                    self.dict_set(&dict, key, member)?;
                }
            }
        }
        // The getset descriptors of what the class adds (`subtype_getsets_*`), each
        // holding the class, unless the namespace already has the name.
        for (adds, name) in [(adds_dict, "__dict__"), (adds_weakref, "__weakref__")] {
            if !adds {
                continue;
            }
            let key = self.intern(name);
            if self.dict_get_str(&dict, &key).is_some() {
                continue;
            }
            let getset = crate::heap::gc::track_new(Ref::new(Obj::Member(Box::new((
                crate::objects::function::GETSET,
                Ident::from(name),
                class_ref.clone(),
            )))));
            self.dict_set(&dict, key, getset)?;
        }
        // `type_dict_set_doc`: a class without a docstring has `__doc__` None.
        let doc_key = self.intern("__doc__");
        if self.dict_get_str(&dict, &doc_key).is_none() {
            let none = self.none();
            self.dict_set(&dict, doc_key, none)?;
        }
        self.class_created(&class_ref, &init_subclass_key)?;
        Ok(class_ref)
    }

    /// What `type_new` does once the class exists: `__set_name__` on each attribute
    /// whose type defines it, then the parent's `__init_subclass__`.
    fn class_created(&mut self, class: &Ref, init_subclass_key: &Ref) -> PyResult<()> {
        let Obj::Class(c) = &**class else {
            return Ok(());
        };
        let entries: Vec<(Ref, Ref)> = match &*c.dict {
            Obj::Dict(d) => d
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => Vec::new(),
        };
        let set_name = self.intern("__set_name__");
        for (k, v) in entries {
            if let Some(m) = self.user_special_method(&v, &set_name) {
                self.call(&m, vec![class.clone(), k])?;
            }
        }
        let parents: Vec<Ref> = c.mro_rest().to_vec();
        for parent in parents {
            let Obj::Class(pc) = &*parent else { continue };
            let Some(f) = self.dict_get_str(&pc.dict, init_subclass_key) else {
                continue;
            };
            if let Obj::ClassMethod(inner) = &*f {
                let inner = inner.borrow().clone();
                self.call(&inner, vec![class.clone()])?;
            }
            break;
        }
        Ok(())
    }

    /// CPython's `best_base`: of the bases, the one whose solid base (the nearest class
    /// that changes the instance layout) derives from every other's; the first on ties.
    fn best_base(&self, bases: &[Ref]) -> Ref {
        let mut winner: Option<Ref> = None;
        let mut base = bases[0].clone();
        for b in bases {
            let candidate = self.solid_base(b);
            match &winner {
                None => {
                    winner = Some(candidate);
                    base = b.clone();
                }
                Some(w) if self.is_subclass(w, &candidate) => {}
                Some(w) if self.is_subclass(&candidate, w) => {
                    winner = Some(candidate);
                    base = b.clone();
                }
                Some(_) => {}
            }
        }
        base
    }

    /// CPython's `solid_base`: a class that adds instance fields (its own slots, or a
    /// `__dict__` after a variable-sized builtin) is its own; otherwise its base's.
    fn solid_base(&self, class: &Ref) -> Ref {
        let Obj::Class(c) = &**class else {
            return class.clone();
        };
        if class.header().has_flag(crate::heap::flag::IMMORTAL) {
            if c.builtin.is_none() && c.base_kind == TypeKind::BaseException {
                if let Some(b) = self.exc_types.get("BaseException") {
                    return b.clone();
                }
            }
            return class.clone();
        }
        let base = c.base.borrow().clone();
        let Some(base) = base else {
            return class.clone();
        };
        let inherited = match &*base {
            Obj::Class(bc) => bc.slots.as_ref().map_or(0, Vec::len),
            _ => 0,
        };
        let own_slots = c.slots.as_ref().map_or(0, Vec::len) > inherited;
        let sized_dict = c.has_dict
            && matches!(
                c.base_kind,
                TypeKind::Int | TypeKind::Tuple | TypeKind::Bytes
            )
            && matches!(&*base, Obj::Class(bc) if !bc.has_dict);
        if own_slots || sized_dict {
            class.clone()
        } else {
            self.solid_base(&base)
        }
    }

    /// C3 linearisation of the bases (the class itself is not included).
    fn c3_mro(&mut self, bases: &[Ref]) -> PyResult<Vec<Ref>> {
        let mut seqs: Vec<Vec<Ref>> = Vec::new();
        for b in bases {
            let mut s = vec![b.clone()];
            if let Obj::Class(c) = &**b {
                s.extend(c.mro_rest().iter().cloned());
            }
            seqs.push(s);
        }
        seqs.push(bases.to_vec());
        let mut out: Vec<Ref> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let candidate = seqs
                .iter()
                .map(|s| s[0].clone())
                .find(|head| !seqs.iter().any(|s| s[1..].iter().any(|x| x.is(head))));
            let Some(head) = candidate else {
                let names: Vec<String> = bases.iter().map(super::class_name).collect();
                return Err(self.err(
                    "TypeError",
                    format!(
                        "Cannot create a consistent method resolution order (MRO) for bases {}",
                        names.join(", ")
                    ),
                ));
            };
            for s in seqs.iter_mut() {
                if s[0].is(&head) {
                    s.remove(0);
                }
            }
            out.push(head);
        }
    }

    /// Calling a class: builtin constructors, exceptions, and user classes.
    pub fn instantiate(&mut self, class: &Ref, pos: Vec<Ref>, kw: Vec<(Ref, Ref)>) -> PyResult {
        let Obj::Class(c) = &**class else {
            return Err(self.err("TypeError", "not a class"));
        };
        if let Some(kind) = c.builtin {
            return crate::modules::builtins::construct(self, kind, class, pos, kw);
        }
        let new_key = self.names.get(N::new).clone();
        let init_key = self.names.get(N::init).clone();
        let user_new = if self.class_traits(class) & super::attr::HAS_CUSTOM_NEW != 0 {
            self.class_lookup(class, &new_key)
                .filter(|n| !matches!(&**n, Obj::Builtin(_)))
        } else {
            None
        };
        let obj = match user_new {
            Some(new) => {
                let new = match &*new {
                    Obj::StaticMethod(inner) => inner.borrow().clone(),
                    _ => new,
                };
                let mut args = vec![class.clone()];
                args.extend(pos.iter().cloned());
                let obj = self.call_with(&new, args, kw.clone())?;
                if !self.isinstance(&obj, class) {
                    return Ok(obj);
                }
                obj
            }
            None => self.new_instance_with(class, &pos, &kw)?,
        };
        let init = self.class_lookup(class, &init_key);
        match init {
            Some(init) if !matches!(&*init, Obj::Builtin(_)) => {
                let mut args = Vec::with_capacity(pos.len() + 1);
                args.push(obj.clone());
                args.extend(pos);
                let r = self.call_with(&init, args, kw)?;
                if !matches!(&*r, Obj::None) {
                    return Err(self.err(
                        "TypeError",
                        format!(
                            "__init__() should return None, not '{}'",
                            self.type_name(&r)
                        ),
                    ));
                }
            }
            _ => {
                let base_kind = c.base_kind;
                if base_kind == TypeKind::Object
                    && (!pos.is_empty() || !kw.is_empty())
                    && user_new_missing(self, class)
                {
                    return Err(self.err(
                        "TypeError",
                        format!("{}() takes no arguments", c.name.borrow()),
                    ));
                }
                if matches!(base_kind, TypeKind::List | TypeKind::Dict | TypeKind::Set) {
                    if let Some(base) = self.base_value(&obj) {
                        crate::modules::builtins::init_builtin_base(self, &base, &pos, &kw)?;
                    }
                }
            }
        }
        Ok(obj)
    }

    /// `object.__new__(cls)`: an empty instance with the class's layout.
    pub fn new_instance(&mut self, class: &Ref, args: &[Ref]) -> PyResult {
        self.new_instance_with(class, args, &[])
    }

    /// `T.__new__(cls, *args, **kw)` for the nearest builtin base `T` of `cls`: an
    /// instance with the class's layout; a subclass of an immutable builtin holds the
    /// value `T(*args, **kw)` as its builtin part.
    pub fn new_instance_with(&mut self, class: &Ref, args: &[Ref], kw: &[(Ref, Ref)]) -> PyResult {
        let Obj::Class(c) = &**class else {
            return Err(self.err(
                "TypeError",
                format!(
                    "object.__new__(X): X is not a type object ({})",
                    self.type_name(class)
                ),
            ));
        };
        if c.base_kind == TypeKind::BaseException {
            let args = self.new_tuple(args.to_vec());
            let exc = ExceptionObj {
                class: RefCell::new(class.clone()),
                args: RefCell::new(args),
                dict: RefCell::new(None),
                traceback: RefCell::new(None),
                cause: RefCell::new(None),
                context: RefCell::new(None),
                suppress_context: Cell::new(false),
                tb_depth: Cell::new(usize::MAX),
                name: RefCell::new(None),
                obj: RefCell::new(None),
            };
            return Ok(crate::heap::gc::track_new(Ref::new(Obj::Exception(
                Box::new(exc),
            ))));
        }
        // The builtin part lives inside the instance in CPython: not an object of its own.
        let base_value = match c.base_kind {
            TypeKind::List => Some(Obj::List(Box::default())),
            TypeKind::Dict => Some(Obj::Dict(Box::default())),
            TypeKind::Set => Some(Obj::Set(Box::default())),
            TypeKind::Int
            | TypeKind::Float
            | TypeKind::Str
            | TypeKind::Bytes
            | TypeKind::Tuple
            | TypeKind::FrozenSet => {
                let kind = c.base_kind;
                let builtin = self.type_ref(kind);
                let value = crate::modules::builtins::construct(
                    self,
                    kind,
                    &builtin,
                    args.to_vec(),
                    kw.to_vec(),
                )?;
                crate::objects::slots::own_part(&value)
            }
            _ => None,
        }
        .map(|payload| crate::heap::gc::inline(Ref::new(payload)));
        let Obj::Class(c) = &**class else {
            return Err(self.err("TypeError", "object.__new__(X): X is not a type object"));
        };
        let n_slots = c.slots.as_ref().map(|s| s.len()).unwrap_or(0);
        // object.__new__ gives the instance its inline values (`init_inline_values`).
        if let (Some(keys), TypeKind::Object) = (&c.shared_keys, c.base_kind) {
            keys.instance_created();
        }
        let inst = InstanceObj {
            class: RefCell::new(class.clone()),
            dict: RefCell::new(None),
            values: RefCell::default(),
            slots: RefCell::new(vec![None; n_slots]),
            base_value,
        };
        let obj = Obj::Instance(Box::new(inst));
        // Instances of `object` itself are not gc objects.
        if crate::objects::traverse::is_gc(&obj) {
            Ok(crate::heap::gc::track_new(Ref::new(obj)))
        } else {
            Ok(Ref::new(obj))
        }
    }

    /// The builtin part of an instance of a subclass of a builtin container.
    pub fn base_value(&self, obj: &Ref) -> Option<Ref> {
        match &**obj {
            Obj::Instance(i) => i.base_value.clone(),
            _ => None,
        }
    }

    /// The int inside an instance of a subclass of `int`.
    pub fn int_part(&self, obj: &Ref) -> Option<Ref> {
        self.base_value(obj)
            .filter(|b| matches!(&**b, Obj::Int(_) | Obj::BigInt(_)))
    }

    pub fn isinstance(&self, obj: &Ref, class: &Ref) -> bool {
        let t = self.type_of(obj);
        self.is_subclass(&t, class)
    }

    pub fn is_subclass(&self, sub: &Ref, sup: &Ref) -> bool {
        if sub.is(sup) {
            return true;
        }
        if let Obj::Class(c) = &**sup {
            if c.builtin == Some(TypeKind::Object) {
                return matches!(&**sub, Obj::Class(_));
            }
        }
        match &**sub {
            Obj::Class(c) => c.mro_rest().iter().any(|b| b.is(sup)),
            _ => false,
        }
    }

    /// `isinstance(exc, <builtin exception class named name>)`.
    pub fn is_instance_of(&self, obj: &Ref, name: &str) -> bool {
        match self.exc_types.get(name) {
            Some(class) => self.isinstance(obj, class),
            None => false,
        }
    }

    /// Whether an `except` clause's class (or tuple of classes) matches.
    pub fn exception_matches(&mut self, exc: &Ref, class: &Ref) -> PyResult<bool> {
        match &**class {
            Obj::Tuple(items) => {
                for c in items.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Obj::Class(c) if c.base_kind == TypeKind::BaseException => {
                Ok(self.isinstance(exc, class))
            }
            _ => Err(self.err(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}

fn user_new_missing(interp: &Interp, class: &Ref) -> bool {
    let new_key = interp.names.get(N::new).clone();
    interp
        .class_lookup(class, &new_key)
        .map(|n| matches!(&*n, Obj::Builtin(_)))
        .unwrap_or(true)
}

/// Silences the unused-import lint for `Unwind` in builds without generators.
#[allow(dead_code)]
fn _unwind(_: Unwind) {}
