//! CPython 3.11 keeps an instance's attributes as *inline values*: an array in the order of
//! its class's shared keys, with no dict object, until something asks for `__dict__`.
//! refpy does the same while the instance adds its attributes in the shared keys' order
//! and deletes none (the common case: `__init__` assigning `self.x`, `self.y` …); any
//! other change moves the values into a split dict (`InstanceObj::dict`), which behaves
//! as before. Both forms are invisible to the gc counts, which see neither as an object.

use super::Interp;
use crate::heap::Ref;
use crate::objects::dict::SharedKeys;
use crate::objects::{DictObj, InstanceObj, Obj, TypeKind};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The shared keys an instance of `class` keeps inline values for, if any.
pub fn inline_keys(class: &Ref) -> Option<&Rc<SharedKeys>> {
    match &**class {
        Obj::Class(c) if c.base_kind == TypeKind::Object => c.shared_keys.as_ref(),
        _ => None,
    }
}

impl Interp {
    /// The attribute `name` among an instance's inline values; `hint` is the lookup
    /// site's guess of its position.
    #[inline]
    pub fn inline_get(
        &self,
        inst: &InstanceObj,
        class: &Ref,
        name: &Ref,
        hint: Option<&Cell<u32>>,
    ) -> Option<Ref> {
        let values = inst.values.borrow();
        if values.0.is_empty() {
            return None;
        }
        let keys = inline_keys(class)?;
        let Obj::Str(s) = &**name else { return None };
        let guess = hint.map_or(u32::MAX, Cell::get) as usize;
        let index = if guess < values.0.len() && keys.is_at(guess, &s.text) {
            guess
        } else {
            let i = keys.index_of(s.hash(), &s.text)?;
            if let Some(h) = hint {
                h.set(i as u32);
            }
            i
        };
        values.0.get(index).cloned()
    }

    /// Stores `value` among the inline values when the instance still keeps them and the
    /// name comes next in (or is already in) the shared keys' order: returns the value it
    /// replaced. Otherwise hands `value` back, for the dict.
    pub fn inline_set(
        &self,
        inst: &InstanceObj,
        class: &Ref,
        name: &Ref,
        value: Ref,
    ) -> Result<Option<Ref>, Ref> {
        if inst.dict.borrow().is_some() {
            return Err(value);
        }
        let Some(keys) = inline_keys(class) else {
            return Err(value);
        };
        let Obj::Str(s) = &**name else {
            return Err(value);
        };
        let mut values = inst.values.borrow_mut();
        let index = match keys.index_of(s.hash(), &s.text) {
            Some(i) => i,
            // Only a new name that lands right after the stored ones keeps the order.
            None if keys.len() == values.0.len() => match keys.index_or_add(s.hash(), &s.text) {
                Some(i) => i,
                None => return Err(value),
            },
            None => return Err(value),
        };
        if index < values.0.len() {
            Ok(Some(std::mem::replace(&mut values.0[index], value)))
        } else if index == values.0.len() {
            values.0.push(value);
            Ok(None)
        } else {
            Err(value)
        }
    }

    /// The instance's attributes as a dict object (not yet `__dict__`: it stays outside
    /// the gc counts until asked for), moving inline values into it; None when the
    /// instance has neither.
    pub fn instance_attrs_dict(&self, inst: &InstanceObj) -> Option<Ref> {
        if let Some(d) = inst.dict.borrow().clone() {
            return Some(d);
        }
        let values = std::mem::take(&mut inst.values.borrow_mut().0);
        if values.is_empty() {
            return None;
        }
        let class = inst.class.borrow().clone();
        let keys = inline_keys(&class)?;
        let mut storage = DictObj::new_split(keys.clone());
        for (i, value) in values.into_iter().enumerate() {
            let Some(name) = keys.name_at(i) else { break };
            let key = self.intern(&name);
            let hash = match &*key {
                Obj::Str(s) => s.hash(),
                _ => 0,
            };
            storage.insert_new(hash, key, value);
        }
        let d = crate::heap::gc::inline(Ref::new(Obj::Dict(Box::new(RefCell::new(storage)))));
        *inst.dict.borrow_mut() = Some(d.clone());
        Some(d)
    }
}
