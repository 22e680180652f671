//! Attribute access (Language Reference §3.3.2): the type's MRO, instance dictionaries and
//! `__slots__`, descriptors (functions bind, `property`, `staticmethod`, `classmethod`),
//! `__getattr__`, and the special attributes of builtin objects.

use super::names::N;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::{BuiltinObj, Obj};
use crate::syntax::ast::{ClassHint, SiteHints};
use std::cell::Cell;

/// [`Interp::class_traits`] bits.
const HAS_DATA_DESCRIPTORS: u8 = 1;
const HAS_CUSTOM_GETATTRIBUTE: u8 = 2;
const HAS_CUSTOM_SETATTR: u8 = 4;
/// A `__new__` other than `object.__new__` on the MRO (a Python function or a
/// `staticmethod` around one).
pub const HAS_CUSTOM_NEW: u8 = 8;

impl Interp {
    /// Looks `name` up along a class's MRO.
    pub fn class_lookup(&self, class: &Ref, name: &Ref) -> Option<Ref> {
        let Obj::Class(c) = &**class else { return None };
        if let Some(v) = self.dict_get_str(&c.dict, name) {
            return Some(v);
        }
        for base in c.mro_rest().iter() {
            if let Obj::Class(b) = &**base {
                if let Some(v) = self.dict_get_str(&b.dict, name) {
                    return Some(v);
                }
            }
        }
        None
    }

    /// [`class_lookup`](Self::class_lookup) for one site, reusing where the site found
    /// the name for the same class in the same class epoch (misses are remembered too).
    pub fn class_lookup_at(&self, class: &Ref, name: &Ref, hints: &SiteHints) -> Option<Ref> {
        let Obj::Class(c) = &**class else { return None };
        let (addr, generation) = class.identity();
        let epoch = self.class_epoch.get();
        let h = hints.class.get();
        if h.class == addr && h.generation == generation && h.epoch == epoch {
            if h.position == u32::MAX {
                return None;
            }
            let dict = if h.depth == 0 {
                Some(c.dict.clone())
            } else {
                c.mro_rest()
                    .get(h.depth as usize - 1)
                    .and_then(|b| match &**b {
                        Obj::Class(b) => Some(b.dict.clone()),
                        _ => None,
                    })
            };
            if let Some(Obj::Dict(d)) = dict.as_deref() {
                if let Some(v) = d.borrow().value_if_key_at(h.position as usize, name) {
                    return Some(v.clone());
                }
            }
        }
        let mut found = None;
        let position = std::cell::Cell::new(u32::MAX);
        let mut depth = 0;
        if let Some(v) = self.dict_get_hinted(&c.dict, name, &position) {
            found = Some(v);
        } else {
            for (i, base) in c.mro_rest().iter().enumerate() {
                if let Obj::Class(b) = &**base {
                    if let Some(v) = self.dict_get_hinted(&b.dict, name, &position) {
                        found = Some(v);
                        depth = i as u32 + 1;
                        break;
                    }
                }
            }
        }
        hints.class.set(ClassHint {
            class: addr,
            generation,
            epoch,
            depth,
            position: if found.is_some() {
                position.get()
            } else {
                u32::MAX
            },
        });
        found
    }

    /// Whether a class or one of its bases defines a property or a slot.
    pub fn has_data_descriptors(&self, class: &Ref) -> bool {
        self.class_traits(class) & HAS_DATA_DESCRIPTORS != 0
    }

    /// Whether a class overrides `__getattribute__` in Python.
    pub fn has_custom_getattribute(&self, class: &Ref) -> bool {
        self.class_traits(class) & HAS_CUSTOM_GETATTRIBUTE != 0
    }

    /// Facts about a class that decide which attribute paths apply, cached per class
    /// until a class attribute changes anywhere.
    pub fn class_traits(&self, class: &Ref) -> u8 {
        let Obj::Class(c) = &**class else {
            return HAS_DATA_DESCRIPTORS | HAS_CUSTOM_GETATTRIBUTE;
        };
        let epoch = self.class_epoch.get();
        let (seen, traits) = c.data_descriptors.get();
        if seen == epoch {
            return traits;
        }
        let is_data = |dict: &Ref| match &**dict {
            Obj::Dict(d) => d
                .borrow()
                .iter()
                // `__dict__`/`__weakref__` getsets are served by the paths for those names.
                .any(|(_, v)| match &**v {
                    Obj::Property(_) => true,
                    Obj::Member(m) => m.0 != crate::objects::function::GETSET,
                    _ => false,
                }),
            _ => true,
        };
        let mut data = is_data(&c.dict) || c.slots.is_some();
        for base in c.mro_rest().iter() {
            if let Obj::Class(b) = &**base {
                data |= is_data(&b.dict) || b.slots.is_some();
            }
        }
        let in_python = |method: N| {
            self.class_lookup(class, self.names.get(method))
                .is_some_and(|g| !matches!(&*g, Obj::Builtin(_)))
        };
        let traits = if data { HAS_DATA_DESCRIPTORS } else { 0 }
            | if in_python(N::getattribute) {
                HAS_CUSTOM_GETATTRIBUTE
            } else {
                0
            }
            | if in_python(N::setattr) {
                HAS_CUSTOM_SETATTR
            } else {
                0
            }
            | if in_python(N::new) { HAS_CUSTOM_NEW } else { 0 };
        c.data_descriptors.set((epoch, traits));
        traits
    }

    pub fn class_has(&self, class: &Ref, name: &Ref) -> bool {
        self.class_lookup(class, name).is_some()
    }

    /// A special method looked up on the type (not the instance) and bound to `obj`.
    pub fn special_method(&mut self, obj: &Ref, name: &Ref) -> Option<Ref> {
        let class = self.type_of(obj);
        let attr = self.class_lookup(&class, name)?;
        Some(self.bind(attr, obj, &class))
    }

    /// Like [`special_method`](Self::special_method), but only for methods written in
    /// Python (on user classes): builtin behaviour is handled natively by the caller.
    pub fn user_special_method(&mut self, obj: &Ref, name: &Ref) -> Option<Ref> {
        if !matches!(&**obj, Obj::Instance(_) | Obj::Exception(_) | Obj::Class(_)) {
            return None;
        }
        if let Obj::Class(_) = &**obj {
            return None;
        }
        let class = self.type_of(obj);
        let attr = self.class_lookup(&class, name)?;
        if matches!(&*attr, Obj::Builtin(_)) {
            return None;
        }
        Some(self.bind(attr, obj, &class))
    }

    /// Applies the descriptor protocol to a class attribute found for `obj`.
    fn bind(&mut self, attr: Ref, obj: &Ref, class: &Ref) -> Ref {
        match &*attr {
            Obj::Function(_) => self.new_method(attr.clone(), obj.clone()),
            Obj::Builtin(b) if b.self_.is_none() && b.owner.is_some() => {
                self.bind_builtin(b, obj.clone())
            }
            Obj::StaticMethod(inner) => inner.borrow().clone(),
            Obj::ClassMethod(inner) => {
                let inner = inner.borrow().clone();
                self.new_method(inner, class.clone())
            }
            _ => attr,
        }
    }

    pub fn bind_builtin(&self, b: &BuiltinObj, self_: Ref) -> Ref {
        crate::heap::gc::track_new(Ref::new(Obj::Builtin(Box::new(BuiltinObj {
            name: b.name,
            func: b.func,
            self_: Some(self_),
            owner: b.owner,
            sig: b.sig,
        }))))
    }

    pub fn new_method(&self, func: Ref, self_: Ref) -> Ref {
        crate::heap::gc::track_new(Ref::new(Obj::Method(Box::new((func, self_)))))
    }

    /// For `obj.name(...)`: the plain function to call with `obj` first, when that is what
    /// the attribute resolves to (no bound method object is made, like LOAD_METHOD).
    pub fn lookup_method(
        &mut self,
        obj: &Ref,
        name: &Ref,
        hints: Option<&SiteHints>,
    ) -> PyResult<Option<Ref>> {
        if matches!(&**obj, Obj::Class(_) | Obj::Module(_) | Obj::Super(_)) {
            return Ok(None);
        }
        let class = self.type_of(obj);
        let found = match hints {
            Some(h) => self.class_lookup_at(&class, name, h),
            None => self.class_lookup(&class, name),
        };
        let Some(attr) = found else {
            return Ok(None);
        };
        let is_method = match &*attr {
            Obj::Function(_) => true,
            Obj::Builtin(b) => b.self_.is_none() && b.owner.is_some(),
            _ => false,
        };
        if !is_method {
            return Ok(None);
        }
        if self
            .instance_attr(obj, name, hints.map(|h| &h.position))
            .is_some()
        {
            return Ok(None);
        }
        if matches!(&**obj, Obj::Instance(_)) && self.has_custom_getattribute(&class) {
            return Ok(None);
        }
        Ok(Some(attr))
    }

    /// An attribute stored on the object itself (instance dict or inline values, a
    /// function's or module's dict), without converting anything.
    pub fn instance_attr(&self, obj: &Ref, name: &Ref, hint: Option<&Cell<u32>>) -> Option<Ref> {
        if let Obj::Instance(inst) = &**obj {
            let dict = inst.dict.borrow().clone();
            return match dict {
                Some(d) => match hint {
                    Some(h) => self.dict_get_hinted(&d, name, h),
                    None => self.dict_get_str(&d, name),
                },
                None => self.inline_get(inst, &inst.class.borrow(), name, hint),
            };
        }
        let dict = self.instance_dict(obj)?;
        match hint {
            Some(h) => self.dict_get_hinted(&dict, name, h),
            None => self.dict_get_str(&dict, name),
        }
    }

    /// The dict holding an object's own attributes; an instance's inline values move
    /// into one.
    pub fn instance_dict(&self, obj: &Ref) -> Option<Ref> {
        match &**obj {
            Obj::Instance(i) => self.instance_attrs_dict(i),
            Obj::Exception(e) => e.dict.borrow().clone(),
            Obj::Function(f) => f.dict.borrow().clone(),
            Obj::Module(m) => Some(m.dict.clone()),
            _ => None,
        }
    }

    pub fn getattr(&mut self, obj: &Ref, name: &Ref) -> PyResult {
        self.getattr_at(obj, name, None)
    }

    /// `obj.name` at a site of the program, whose hints speed up the lookups.
    pub fn getattr_at(&mut self, obj: &Ref, name: &Ref, hints: Option<&SiteHints>) -> PyResult {
        match self.getattr_or_fail(obj, name, hints) {
            Err(u) => Err(self.attribute_error_context(obj, name, u)),
            ok => ok,
        }
    }

    #[inline]
    fn getattr_or_fail(&mut self, obj: &Ref, name: &Ref, hints: Option<&SiteHints>) -> PyResult {
        match self.getattr_opt_at(obj, name, hints)? {
            Some(v) => Ok(v),
            None => {
                if matches!(&**obj, Obj::Instance(_)) {
                    let ga = self.names.get(N::getattr).clone();
                    if let Some(m) = self.special_method(obj, &ga) {
                        return self.call(&m, vec![name.clone()]);
                    }
                }
                Err(self.attribute_error(obj, name))
            }
        }
    }

    /// NameError and AttributeError instances have a `name` member.
    pub fn has_name_member(&self, exc: &Ref) -> bool {
        self.is_instance_of(exc, "NameError") || self.is_instance_of(exc, "AttributeError")
    }

    /// An AttributeError leaving a lookup of `name` on `obj` records both, unless it
    /// already names them (CPython's `set_attribute_error_context`): the uncaught report
    /// suggests a close attribute from them.
    #[cold]
    fn attribute_error_context(&mut self, obj: &Ref, name: &Ref, u: Unwind) -> Unwind {
        if let Unwind::Exception(exc) = &u {
            if let Obj::Exception(e) = &**exc {
                if e.name.borrow().is_none()
                    && e.obj.borrow().is_none()
                    && self.is_instance_of(exc, "AttributeError")
                {
                    *e.name.borrow_mut() = Some(name.clone());
                    *e.obj.borrow_mut() = Some(obj.clone());
                }
            }
        }
        u
    }

    pub fn attribute_error(&mut self, obj: &Ref, name: &Ref) -> Unwind {
        let n = name.as_str_opt().unwrap_or("?").to_string();
        let msg = match &**obj {
            Obj::Module(m) => format!("module '{}' has no attribute '{n}'", m.name),
            Obj::Class(c) => format!("type object '{}' has no attribute '{n}'", c.name.borrow()),
            _ => format!("'{}' object has no attribute '{n}'", self.type_name(obj)),
        };
        self.err("AttributeError", msg)
    }

    /// Attribute lookup without `__getattr__`; `None` when absent.
    pub fn getattr_opt(&mut self, obj: &Ref, name: &Ref) -> PyResult<Option<Ref>> {
        self.getattr_opt_at(obj, name, None)
    }

    fn getattr_opt_at(
        &mut self,
        obj: &Ref,
        name: &Ref,
        hints: Option<&SiteHints>,
    ) -> PyResult<Option<Ref>> {
        let text = name.as_str_opt().unwrap_or("");
        // User instances have no special attributes but dunder ones: their own dict,
        // then the class, straight away.
        if let Obj::Instance(inst) = &**obj {
            if !text.starts_with("__") {
                let class = inst.class.borrow().clone();
                if !self.has_data_descriptors(&class) {
                    let found = self.instance_attr(obj, name, hints.map(|h| &h.position));
                    if found.is_some() {
                        return Ok(found);
                    }
                    let class_attr = match hints {
                        Some(h) => self.class_lookup_at(&class, name, h),
                        None => self.class_lookup(&class, name),
                    };
                    return match class_attr {
                        Some(attr) if !matches!(&*attr, Obj::Instance(_)) => {
                            Ok(Some(self.bind(attr, obj, &class)))
                        }
                        Some(_) => self.getattr_opt_general(obj, name, text),
                        None => Ok(None),
                    };
                }
            }
        }
        self.getattr_opt_general(obj, name, text)
    }

    fn getattr_opt_general(&mut self, obj: &Ref, name: &Ref, text: &str) -> PyResult<Option<Ref>> {
        if let Obj::WeakRef(_) = &**obj {
            if let Some(r) = crate::modules::weakref::getattr(self, obj, name) {
                return r;
            }
        }
        if let Some(v) = self.special_attribute(obj, text)? {
            return Ok(Some(v));
        }
        match &**obj {
            Obj::Class(_) => return self.class_getattr(obj, name),
            Obj::Module(m) => return Ok(self.dict_get_str(&m.dict, name)),
            Obj::Super(s) => return self.super_getattr(&s.0, &s.1, name),
            _ => {}
        }
        let class = self.type_of(obj);
        // Without data descriptors on the type, an instance attribute wins at once.
        if matches!(&**obj, Obj::Instance(_)) && !self.has_data_descriptors(&class) {
            if let Some(v) = self.instance_attr(obj, name, None) {
                return Ok(Some(v));
            }
        }
        let class_attr = self.class_lookup(&class, name);
        // Data descriptors on the type win over the instance dict.
        if let Some(attr) = &class_attr {
            if let Obj::Property(p) = &**attr {
                let fget = p[0].clone();
                if matches!(&*fget, Obj::None) {
                    return Err(self.err(
                        "AttributeError",
                        format!(
                            "property '{text}' of '{}' object has no getter",
                            self.type_name(obj)
                        ),
                    ));
                }
                return self.call(&fget, vec![obj.clone()]).map(Some);
            }
        }
        if let Some(v) = self.slot_get(obj, &class, text)? {
            return Ok(Some(v));
        }
        if let Some(v) = self.instance_attr(obj, name, None) {
            return Ok(Some(v));
        }
        match class_attr {
            Some(attr) => {
                if let Obj::Instance(_) = &*attr {
                    let get = self.names.get(N::get).clone();
                    if let Some(g) = self.special_method(&attr, &get) {
                        return self.call(&g, vec![obj.clone(), class]).map(Some);
                    }
                }
                Ok(Some(self.bind(attr, obj, &class)))
            }
            None => Ok(None),
        }
    }

    /// `super(cls, obj).name`: the MRO of `obj`'s type after `cls`.
    fn super_getattr(&mut self, cls: &Ref, obj: &Ref, name: &Ref) -> PyResult<Option<Ref>> {
        let obj_type = match &**obj {
            Obj::Class(_) => obj.clone(),
            _ => self.type_of(obj),
        };
        let mut mro = vec![obj_type.clone()];
        if let Obj::Class(c) = &*obj_type {
            mro.extend(c.mro_rest().iter().cloned());
        }
        let start = mro
            .iter()
            .position(|c| c.is(cls))
            .map(|i| i + 1)
            .unwrap_or(mro.len());
        for class in &mro[start..] {
            let Obj::Class(c) = &**class else { continue };
            if let Some(attr) = self.dict_get_str(&c.dict, name) {
                return Ok(Some(match &*attr {
                    Obj::Function(_) if matches!(&**obj, Obj::Class(_)) => attr,
                    Obj::Builtin(b) if matches!(&**obj, Obj::Class(_)) && b.self_.is_none() => attr,
                    Obj::Property(p) if !matches!(&**obj, Obj::Class(_)) => {
                        let fget = p[0].clone();
                        self.call(&fget, vec![obj.clone()])?
                    }
                    _ => self.bind(attr, obj, &obj_type),
                }));
            }
        }
        Ok(None)
    }

    fn class_getattr(&mut self, class: &Ref, name: &Ref) -> PyResult<Option<Ref>> {
        let Some(attr) = self.class_lookup(class, name) else {
            return Ok(None);
        };
        Ok(Some(match &*attr {
            Obj::StaticMethod(inner) => inner.borrow().clone(),
            Obj::ClassMethod(inner) => {
                let inner = inner.borrow().clone();
                self.new_method(inner, class.clone())
            }
            // A descriptor written in Python: `type(d).__get__(d, None, C)`.
            Obj::Instance(_) => {
                let get = self.names.get(N::get).clone();
                match self.user_special_method(&attr, &get) {
                    Some(g) => {
                        let none = self.none();
                        return self.call(&g, vec![none, class.clone()]).map(Some);
                    }
                    None => attr,
                }
            }
            _ => attr,
        }))
    }

    /// A `__slots__` member of an instance.
    fn slot_get(&mut self, obj: &Ref, class: &Ref, name: &str) -> PyResult<Option<Ref>> {
        let (Obj::Instance(inst), Obj::Class(c)) = (&**obj, &**class) else {
            return Ok(None);
        };
        let Some(slots) = &c.slots else {
            return Ok(None);
        };
        let Some(i) = slots.iter().position(|s| &**s == name) else {
            return Ok(None);
        };
        match inst.slots.borrow().get(i).cloned().flatten() {
            Some(v) => Ok(Some(v)),
            None => Err(self.err(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", c.name.borrow()),
            )),
        }
    }

    pub fn setattr(&mut self, obj: &Ref, name: &Ref, value: Ref) -> PyResult<()> {
        let text: &str = name.as_str_opt().unwrap_or("");
        match &**obj {
            Obj::Instance(inst) => {
                let class = inst.class.borrow().clone();
                let traits = self.class_traits(&class);
                let attr = if traits & HAS_DATA_DESCRIPTORS != 0 {
                    self.class_lookup(&class, name)
                } else {
                    None
                };
                if let Some(attr) = attr {
                    if let Obj::Property(p) = &*attr {
                        let fset = p[1].clone();
                        if matches!(&*fset, Obj::None) {
                            return Err(self.err(
                                "AttributeError",
                                format!(
                                    "property '{text}' of '{}' object has no setter",
                                    self.type_name(obj)
                                ),
                            ));
                        }
                        self.call(&fset, vec![obj.clone(), value])?;
                        return Ok(());
                    }
                }
                if traits & HAS_CUSTOM_SETATTR != 0 {
                    let sa = self.names.get(N::setattr).clone();
                    if let Some(m) = self.class_lookup(&class, &sa) {
                        if !matches!(&*m, Obj::Builtin(_)) {
                            self.call(&m, vec![obj.clone(), name.clone(), value])?;
                            return Ok(());
                        }
                    }
                }
                self.instance_set(obj, &class, name, text, value)
            }
            Obj::Exception(e) => match text {
                "name" if self.has_name_member(obj) => {
                    *e.name.borrow_mut() = Some(value);
                    Ok(())
                }
                "obj" if self.is_instance_of(obj, "AttributeError") => {
                    *e.obj.borrow_mut() = Some(value);
                    Ok(())
                }
                "__traceback__" => {
                    *e.traceback.borrow_mut() = if matches!(&*value, Obj::None) {
                        None
                    } else {
                        Some(value)
                    };
                    Ok(())
                }
                "__cause__" => {
                    *e.cause.borrow_mut() = if matches!(&*value, Obj::None) {
                        None
                    } else {
                        Some(value)
                    };
                    e.suppress_context.set(true);
                    Ok(())
                }
                "__context__" => {
                    *e.context.borrow_mut() = if matches!(&*value, Obj::None) {
                        None
                    } else {
                        Some(value)
                    };
                    Ok(())
                }
                "args" => {
                    let items = self.collect_iterable(&value)?;
                    *e.args.borrow_mut() = self.new_tuple(items);
                    Ok(())
                }
                _ => {
                    let dict = e.dict.borrow().clone();
                    let dict = match dict {
                        Some(d) => d,
                        None => {
                            let d = self.new_dict();
                            *e.dict.borrow_mut() = Some(d.clone());
                            d
                        }
                    };
                    self.dict_set(&dict, name.clone(), value)
                }
            },
            Obj::Class(c) => {
                self.class_epoch.set(self.class_epoch.get() + 1);
                if text == "__del__" {
                    c.has_del.set(true);
                }
                self.dict_set(&c.dict.clone(), name.clone(), value)
            }
            Obj::Module(m) => self.dict_set(&m.dict.clone(), name.clone(), value),
            Obj::Function(func) => match text {
                "__defaults__" => {
                    *func.defaults.borrow_mut() = if matches!(&*value, Obj::None) {
                        None
                    } else {
                        Some(value)
                    };
                    Ok(())
                }
                "__name__" => {
                    *func.name.borrow_mut() = value;
                    Ok(())
                }
                "__qualname__" => {
                    *func.qualname.borrow_mut() = value;
                    Ok(())
                }
                "__doc__" => {
                    *func.doc.borrow_mut() = Some(value);
                    Ok(())
                }
                _ => {
                    let dict = func.dict.borrow().clone();
                    let dict = match dict {
                        Some(d) => d,
                        None => {
                            let d = self.new_dict();
                            *func.dict.borrow_mut() = Some(d.clone());
                            d
                        }
                    };
                    self.dict_set(&dict, name.clone(), value)
                }
            },
            Obj::Cell(c) if text == "cell_contents" => {
                *c.borrow_mut() = Some(value);
                Ok(())
            }
            Obj::WeakRef(_) => crate::modules::weakref::setattr(self, obj, name, value),
            _ => Err(self.unwritable_attribute(obj, name)),
        }
    }

    /// Setting or deleting an attribute of an object without a `__dict__`
    /// (`PyObject_GenericSetAttr`): a data attribute of its type cannot be written, a
    /// method is read-only, anything else does not exist.
    #[cold]
    fn unwritable_attribute(&mut self, obj: &Ref, name: &Ref) -> Unwind {
        let text = name.as_str_opt().unwrap_or("");
        let t = self.type_name(obj);
        let msg = if self.class_has(&self.type_of(obj), name) {
            format!("'{t}' object attribute '{text}' is read-only")
        } else if matches!(self.special_attribute(obj, text), Ok(Some(_))) {
            format!("attribute '{text}' of '{t}' objects is not writable")
        } else {
            format!("'{t}' object has no attribute '{text}'")
        };
        self.err("AttributeError", msg)
    }

    /// Stores into an instance's `__slots__` or `__dict__` (object.__setattr__).
    pub fn instance_set(
        &mut self,
        obj: &Ref,
        class: &Ref,
        name: &Ref,
        text: &str,
        value: Ref,
    ) -> PyResult<()> {
        let Obj::Instance(inst) = &**obj else {
            return Ok(());
        };
        if let Obj::Class(c) = &**class {
            if let Some(slots) = &c.slots {
                if let Some(i) = slots.iter().position(|s| &**s == text) {
                    let old = {
                        let mut s = inst.slots.borrow_mut();
                        if s.len() <= i {
                            s.resize(i + 1, None);
                        }
                        s[i].replace(value)
                    };
                    drop(old);
                    return Ok(());
                }
            }
            if !c.has_dict {
                return Err(self.err(
                    "AttributeError",
                    format!("'{}' object has no attribute '{text}'", c.name.borrow()),
                ));
            }
        }
        let value = match self.inline_set(inst, class, name, value) {
            Ok(old) => {
                drop(old);
                return Ok(());
            }
            Err(value) => value,
        };
        let dict = self.instance_attrs_dict(inst);
        let dict = match dict {
            Some(d) => d,
            None => {
                // CPython 3.11 keeps the values inside the instance until `__dict__` is
                // asked for: no dict object exists for the collector to see. The keys are
                // shared through the class when it has a managed dict.
                let storage = match &**class {
                    Obj::Class(c) => match &c.shared_keys {
                        Some(keys) => crate::objects::DictObj::new_split(keys.clone()),
                        None => crate::objects::DictObj::new(),
                    },
                    _ => crate::objects::DictObj::new(),
                };
                let d = crate::heap::gc::inline(Ref::new(Obj::Dict(Box::new(
                    std::cell::RefCell::new(storage),
                ))));
                *inst.dict.borrow_mut() = Some(d.clone());
                d
            }
        };
        self.dict_set(&dict, name.clone(), value)
    }

    pub fn delattr(&mut self, obj: &Ref, name: &Ref) -> PyResult<()> {
        let text: &str = name.as_str_opt().unwrap_or("");
        if matches!(&**obj, Obj::Class(_)) {
            self.class_epoch.set(self.class_epoch.get() + 1);
        }
        match &**obj {
            Obj::Instance(inst) => {
                let class = inst.class.borrow().clone();
                if let Some(attr) = self.class_lookup(&class, name) {
                    if let Obj::Property(p) = &*attr {
                        let fdel = p[2].clone();
                        if matches!(&*fdel, Obj::None) {
                            return Err(self.err(
                                "AttributeError",
                                format!(
                                    "property '{text}' of '{}' object has no deleter",
                                    self.type_name(obj)
                                ),
                            ));
                        }
                        self.call(&fdel, vec![obj.clone()])?;
                        return Ok(());
                    }
                }
                let da = self.names.get(N::delattr).clone();
                if let Some(m) = self.class_lookup(&class, &da) {
                    if !matches!(&*m, Obj::Builtin(_)) {
                        self.call(&m, vec![obj.clone(), name.clone()])?;
                        return Ok(());
                    }
                }
                if let Obj::Class(c) = &*class {
                    if let Some(slots) = &c.slots {
                        if let Some(i) = slots.iter().position(|s| **s == *text) {
                            let old = inst.slots.borrow_mut().get_mut(i).and_then(|s| s.take());
                            if old.is_none() {
                                return Err(self.attribute_error(obj, name));
                            }
                            drop(old);
                            return Ok(());
                        }
                    }
                }
                if let Some(d) = self.instance_attrs_dict(inst) {
                    if self.dict_del_str(&d, name).is_some() {
                        return Ok(());
                    }
                }
                Err(self.attribute_error(obj, name))
            }
            Obj::Class(c) => {
                let dict = c.dict.clone();
                match self.dict_del_str(&dict, name) {
                    Some(_) => Ok(()),
                    None => Err(self.attribute_error(obj, name)),
                }
            }
            Obj::Module(m) => {
                let dict = m.dict.clone();
                match self.dict_del_str(&dict, name) {
                    Some(_) => Ok(()),
                    None => Err(self.attribute_error(obj, name)),
                }
            }
            Obj::WeakRef(_) => crate::modules::weakref::delattr(self, obj, name),
            _ => {
                if let Some(d) = self.instance_dict(obj) {
                    if self.dict_del_str(&d, name).is_some() {
                        return Ok(());
                    }
                    return Err(self.attribute_error(obj, name));
                }
                Err(self.unwritable_attribute(obj, name))
            }
        }
    }

    /// Attributes every object of a builtin kind has (`__class__`, `__name__` …).
    fn special_attribute(&mut self, obj: &Ref, name: &str) -> PyResult<Option<Ref>> {
        if !name.starts_with("__")
            && !name.starts_with("co_")
            && !matches!(
                name,
                "cell_contents"
                    | "args"
                    | "real"
                    | "imag"
                    | "start"
                    | "stop"
                    | "step"
                    | "value"
                    | "errno"
                    | "strerror"
                    | "filename"
                    | "closed"
                    | "name"
                    | "obj"
                    | "mode"
                    | "gi_frame"
                    | "gi_running"
                    | "gi_suspended"
                    | "gi_yieldfrom"
                    | "f_locals"
                    | "f_back"
                    | "f_globals"
                    | "f_lineno"
                    | "tb_next"
                    | "tb_frame"
                    | "tb_lineno"
                    | "f_code"
                    | "co_name"
                    | "co_qualname"
                    | "numerator"
                    | "denominator"
                    | "fget"
                    | "fset"
                    | "fdel"
            )
        {
            return Ok(None);
        }
        if name == "__class__" {
            return Ok(Some(self.type_of(obj)));
        }
        crate::objects::attrs::special_attribute(self, obj, name)
    }

    /// `obj.__dict__`, created on demand for instances.
    pub fn dict_of(&mut self, obj: &Ref) -> Option<Ref> {
        match &**obj {
            Obj::Instance(inst) => {
                let class = inst.class.borrow().clone();
                if let Obj::Class(c) = &*class {
                    if !c.has_dict {
                        return None;
                    }
                }
                let existing = self.instance_attrs_dict(inst);
                Some(match existing {
                    Some(d) => {
                        crate::heap::gc::materialize(&d);
                        d
                    }
                    None => {
                        let d = match &*class {
                            Obj::Class(c) if c.shared_keys.is_some() => self.new_split_dict(c),
                            _ => self.new_dict(),
                        };
                        *inst.dict.borrow_mut() = Some(d.clone());
                        d
                    }
                })
            }
            Obj::Function(f) => {
                let existing = f.dict.borrow().clone();
                Some(match existing {
                    Some(d) => d,
                    None => {
                        let d = self.new_dict();
                        *f.dict.borrow_mut() = Some(d.clone());
                        d
                    }
                })
            }
            Obj::Exception(e) => {
                let existing = e.dict.borrow().clone();
                Some(match existing {
                    Some(d) => d,
                    None => {
                        let d = self.new_dict();
                        *e.dict.borrow_mut() = Some(d.clone());
                        d
                    }
                })
            }
            Obj::Class(c) => Some(c.dict.clone()),
            Obj::Module(m) => Some(m.dict.clone()),
            _ => None,
        }
    }
}
