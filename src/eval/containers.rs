//! Dict and set operations with Python hashing and equality, and subscription
//! (`x[i]`, `x[i] = v`, `del x[i]`) for the builtin sequences and mappings.
//!
//! Equality between keys may run `__eq__` (Python code); the table is never borrowed while
//! it runs: candidates with an equal hash are cloned out first.

use super::names::N;
use super::ops::builtin_eq;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::{DictObj, Obj, SetObj};
use std::cell::{Cell, RefCell};

/// A key compares without Python code when it is a builtin scalar or has no `__eq__`.
fn simple_key(k: &Ref) -> bool {
    matches!(
        &**k,
        Obj::Str(_)
            | Obj::Int(_)
            | Obj::BigInt(_)
            | Obj::Float(_)
            | Obj::Bool(_)
            | Obj::None
            | Obj::Bytes(_)
    )
}

impl Interp {
    fn dict_cell<'a>(&self, dict: &'a Ref) -> Option<&'a RefCell<DictObj>> {
        match &**dict {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// Looks up a string key (names, attributes): no Python code can run.
    pub fn dict_get_str(&self, dict: &Ref, key: &Ref) -> Option<Ref> {
        let d = self.dict_cell(dict)?;
        let Obj::Str(ks) = &**key else { return None };
        let d = d.borrow();
        let pos = d.find(ks.hash(), |k| {
            k.is(key) || matches!(&**k, Obj::Str(s) if s.text == ks.text)
        })?;
        d.value_at(pos).cloned()
    }

    /// [`dict_get_str`](Self::dict_get_str) trying first the position where this
    /// site found the name last time.
    #[inline]
    pub fn dict_get_hinted(&self, dict: &Ref, key: &Ref, hint: &Cell<u32>) -> Option<Ref> {
        let d = self.dict_cell(dict)?.borrow();
        if let Some(v) = d.value_if_key_at(hint.get() as usize, key) {
            return Some(v.clone());
        }
        let Obj::Str(ks) = &**key else { return None };
        let pos = d.find(ks.hash(), |k| {
            k.is(key) || matches!(&**k, Obj::Str(s) if s.text == ks.text)
        })?;
        hint.set(pos as u32);
        d.value_at(pos).cloned()
    }

    /// The keys version of a dict (see [`DictObj::version`]).
    pub fn dict_version(&self, dict: &Ref) -> u64 {
        self.dict_cell(dict).map_or(0, |d| d.borrow().version)
    }

    pub fn dict_del_str(&self, dict: &Ref, key: &Ref) -> Option<Ref> {
        let d = self.dict_cell(dict)?;
        let Obj::Str(ks) = &**key else { return None };
        let removed = {
            let mut d = d.borrow_mut();
            let pos = d.find(ks.hash(), |k| {
                k.is(key) || matches!(&**k, Obj::Str(s) if s.text == ks.text)
            })?;
            d.remove_at(pos)
        };
        removed.map(|(_, v)| v)
    }

    /// Position of `key` in the dict, comparing with `__eq__` where needed.
    fn dict_find(&mut self, dict: &Ref, key: &Ref, hash: i64) -> PyResult<Option<usize>> {
        let Some(d) = self.dict_cell(dict) else {
            return Ok(None);
        };
        let fast = {
            let d = d.borrow();
            let mut needs_python = false;
            let pos = d.find(hash, |k| match builtin_eq(k, key) {
                Some(r) => r,
                None => {
                    needs_python = true;
                    false
                }
            });
            if pos.is_some() || !needs_python {
                return Ok(pos);
            }
            d.candidates(hash)
                .into_iter()
                .filter_map(|p| d.key_at(p).map(|k| (p, k.clone())))
                .collect::<Vec<_>>()
        };
        for (pos, k) in fast {
            if self.eq(&k, key)? {
                return Ok(Some(pos));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, dict: &Ref, key: &Ref) -> PyResult<Option<Ref>> {
        if let Some(base) = self.base_value(dict) {
            return self.dict_get(&base, key);
        }
        let hash = self.hash(key)?;
        let pos = self.dict_find(dict, key, hash)?;
        Ok(pos.and_then(|p| {
            self.dict_cell(dict)
                .and_then(|d| d.borrow().value_at(p).cloned())
        }))
    }

    pub fn dict_set(&mut self, dict: &Ref, key: Ref, value: Ref) -> PyResult<()> {
        if let Some(base) = self.base_value(dict) {
            return self.dict_set(&base, key, value);
        }
        let hash = if let Obj::Str(s) = &*key {
            s.hash()
        } else {
            self.hash(&key)?
        };
        let pos = if simple_key(&key) {
            let Some(d) = self.dict_cell(dict) else {
                return Ok(());
            };
            let d = d.borrow();
            let mut needs_python = false;
            let p = d.find(hash, |k| match builtin_eq(k, &key) {
                Some(r) => r,
                None => {
                    needs_python = true;
                    false
                }
            });
            drop(d);
            if p.is_none() && needs_python {
                self.dict_find(dict, &key, hash)?
            } else {
                p
            }
        } else {
            self.dict_find(dict, &key, hash)?
        };
        let Some(d) = self.dict_cell(dict) else {
            return Ok(());
        };
        crate::heap::gc::maintain_dict_tracking(dict, &key, &value);
        let old = match pos {
            Some(p) => d.borrow_mut().replace_value(p, value),
            None => {
                d.borrow_mut().insert_new(hash, key, value);
                None
            }
        };
        drop(old);
        Ok(())
    }

    /// Removes a key; `Ok(None)` when absent.
    pub fn dict_del(&mut self, dict: &Ref, key: &Ref) -> PyResult<Option<Ref>> {
        if let Some(base) = self.base_value(dict) {
            return self.dict_del(&base, key);
        }
        let hash = self.hash(key)?;
        let Some(pos) = self.dict_find(dict, key, hash)? else {
            return Ok(None);
        };
        let removed = self
            .dict_cell(dict)
            .and_then(|d| d.borrow_mut().remove_at(pos));
        Ok(removed.map(|(k, v)| {
            drop(k);
            v
        }))
    }

    /// `d.update(other)` / `{**other}` / `dict(other)`: CPython's `dict_merge`. A dict
    /// merged into an empty one may have its table cloned; otherwise the table is grown
    /// once for all the entries, which are then inserted in order.
    pub fn dict_update(&mut self, dict: &Ref, other: &Ref) -> PyResult<()> {
        if let (Obj::Dict(target), Obj::Dict(o)) = (&**dict, &**other) {
            if dict.is(other) || o.borrow().is_empty() {
                return Ok(());
            }
            if target.borrow().is_empty() && o.borrow().merge_clones() {
                let clone = o.borrow().clone_table();
                let old = target.borrow_mut().replace_with(clone);
                drop(old);
                return Ok(());
            }
            let (n, unicode) = {
                let o = o.borrow();
                (o.len(), o.is_unicode())
            };
            target.borrow_mut().reserve_for_merge(n, unicode);
        }
        let pairs: Vec<(Ref, Ref)> = match &**other {
            Obj::Dict(o) => o
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => {
                let keys_name = self.intern("keys");
                if let Some(keys) = self.getattr_opt(other, &keys_name)? {
                    let ks = self.call(&keys, vec![])?;
                    let ks = self.collect_iterable(&ks)?;
                    let mut pairs = Vec::new();
                    for k in ks {
                        let v = self.getitem(other, &k)?;
                        pairs.push((k, v));
                    }
                    pairs
                } else {
                    let items = self.collect_iterable(other)?;
                    let mut pairs = Vec::new();
                    for (i, item) in items.iter().enumerate() {
                        let kv = self.collect_iterable(item).map_err(|_| {
                            self.err(
                                "TypeError",
                                format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                            )
                        })?;
                        if kv.len() != 2 {
                            return Err(self.err(
                                "ValueError",
                                format!(
                                    "dictionary update sequence element #{i} has length {}; 2 is required",
                                    kv.len()
                                ),
                            ));
                        }
                        let mut kv = kv.into_iter();
                        let k = kv.next().expect("length checked");
                        let v = kv.next().expect("length checked");
                        pairs.push((k, v));
                    }
                    pairs
                }
            }
        };
        for (k, v) in pairs {
            self.dict_set(dict, k, v)?;
        }
        Ok(())
    }

    /// `{**other}` (`DICT_UPDATE`): a mapping is anything with `keys`; the sequence of
    /// pairs that `dict(other)` takes is not.
    pub fn dict_merge_display(&mut self, dict: &Ref, other: &Ref) -> PyResult<()> {
        if !matches!(&**other, Obj::Dict(_)) {
            let keys_name = self.intern("keys");
            if self.getattr_opt(other, &keys_name)?.is_none() {
                return Err(self.err(
                    "TypeError",
                    format!("'{}' object is not a mapping", self.type_name(other)),
                ));
            }
        }
        self.dict_update(dict, other)
    }

    /// `d.copy()` (`PyDict_Copy`): an empty dict, a clone of the table (when at most a
    /// third of its entries are deleted ones), or a merge into a new dict.
    pub fn dict_copy(&mut self, dict: &Ref) -> PyResult {
        let plan = match &**dict {
            Obj::Dict(d) => d.borrow().copy_plan(),
            _ => crate::objects::dict::CopyPlan::Merge,
        };
        match (plan, &**dict) {
            (crate::objects::dict::CopyPlan::Empty, _) => Ok(self.new_dict()),
            (crate::objects::dict::CopyPlan::Clone, Obj::Dict(d)) => {
                let clone = d.borrow().clone_table();
                Ok(self.dict_from(clone))
            }
            _ => {
                let d = self.new_dict();
                self.dict_update(&d, dict)?;
                Ok(d)
            }
        }
    }

    /// A dict of keyword arguments as a call passes them to a builtin
    /// (`_PyStack_AsDict`: presized for them).
    pub fn kwargs_dict(&mut self, kw: Vec<(Ref, Ref)>) -> PyResult {
        let unicode = kw.iter().all(|(k, _)| matches!(&**k, Obj::Str(_)));
        let d = self.dict_from(DictObj::presized(kw.len(), unicode));
        for (k, v) in kw {
            self.dict_set(&d, k, v)?;
        }
        Ok(d)
    }

    pub fn dict_items(&self, dict: &Ref) -> Vec<(Ref, Ref)> {
        match &**dict {
            Obj::Dict(d) => d
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    // ------------------------------------------------------------------ sets

    fn set_table<'a>(&self, set: &'a Ref) -> Option<&'a RefCell<SetObj>> {
        match &**set {
            Obj::Set(s) => Some(s),
            _ => None,
        }
    }

    pub fn set_items(&self, set: &Ref) -> Vec<Ref> {
        match &**set {
            Obj::Set(s) => s.borrow().iter().map(|(_, k)| k.clone()).collect(),
            Obj::FrozenSet(s) => s.iter().map(|(_, k)| k.clone()).collect(),
            _ => Vec::new(),
        }
    }

    pub fn set_contains(&mut self, set: &Ref, item: &Ref) -> PyResult<bool> {
        let hash = match self.hash(item) {
            Ok(h) => h,
            Err(e) => {
                if let (Obj::Set(_), true) = (&**item, true) {
                    // `set in set` looks the item up as a frozenset.
                    let fs = self.frozenset_of(item)?;
                    return self.set_contains(set, &fs);
                }
                return Err(e);
            }
        };
        let (found, candidates) = {
            let guard;
            let table: &SetObj = match &**set {
                Obj::Set(s) => {
                    guard = s.borrow();
                    &guard
                }
                Obj::FrozenSet(s) => s,
                _ => return Ok(false),
            };
            let mut needs_python = false;
            let found = table.contains(hash, |k| match builtin_eq(k, item) {
                Some(r) => r,
                None => {
                    needs_python = true;
                    false
                }
            });
            let candidates = if !found && needs_python {
                table.candidates(hash)
            } else {
                Vec::new()
            };
            (found, candidates)
        };
        if found {
            return Ok(true);
        }
        for c in candidates {
            if self.eq(&c, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn set_add(&mut self, set: &Ref, item: Ref) -> PyResult<()> {
        let hash = self.hash(&item)?;
        if !simple_key(&item) && self.set_contains(set, &item)? {
            return Ok(());
        }
        if let Some(t) = self.set_table(set) {
            t.borrow_mut().add(hash, item.clone(), |k| {
                builtin_eq(k, &item).unwrap_or(false)
            });
        } else if let Some(base) = self.base_value(set) {
            return self.set_add(&base, item);
        }
        Ok(())
    }

    /// Removes an item; returns whether it was present.
    pub fn set_discard(&mut self, set: &Ref, item: &Ref) -> PyResult<bool> {
        let hash = self.hash(item)?;
        let target = if simple_key(item) {
            None
        } else {
            let candidates = match self.set_table(set) {
                Some(t) => t.borrow().candidates(hash),
                None => Vec::new(),
            };
            let mut found = None;
            for c in candidates {
                if self.eq(&c, item)? {
                    found = Some(c);
                    break;
                }
            }
            match found {
                Some(c) => Some(c),
                None => return Ok(false),
            }
        };
        let removed = match self.set_table(set) {
            Some(t) => t.borrow_mut().remove(hash, |k| match &target {
                Some(c) => k.is(c),
                None => builtin_eq(k, item).unwrap_or(false),
            }),
            None => None,
        };
        Ok(removed.is_some())
    }

    pub fn frozenset_of(&mut self, items: &Ref) -> PyResult {
        let set = self.new_set();
        self.set_update_from(&set, items)?;
        Ok(self.freeze(&set))
    }

    /// A frozenset taking the table of a set built for it.
    fn freeze(&mut self, set: &Ref) -> Ref {
        let table = match &**set {
            Obj::Set(s) => std::mem::take(&mut *s.borrow_mut()),
            _ => SetObj::new(),
        };
        crate::heap::gc::track_new(Ref::new(Obj::FrozenSet(Box::new(table))))
    }

    /// `set_update_internal`: the keys of a set or frozenset are merged (`set_merge`), a
    /// dict's keys added after one resize, any other iterable's items added one by one.
    pub fn set_update_from(&mut self, target: &Ref, other: &Ref) -> PyResult<()> {
        let other = self.base_value(other).unwrap_or_else(|| other.clone());
        let Some(t) = self.set_table(target) else {
            if let Some(base) = self.base_value(target) {
                return self.set_update_from(&base, &other);
            }
            return Ok(());
        };
        let same = |a: &Ref, b: &Ref| a.is(b) || builtin_eq(a, b).unwrap_or(false);
        match &*other {
            Obj::Set(_) if target.is(&other) => {}
            Obj::Set(o) => t.borrow_mut().merge(&o.borrow(), same),
            Obj::FrozenSet(o) => t.borrow_mut().merge(o, same),
            Obj::Dict(d) => {
                let keys: Vec<Ref> = d.borrow().iter().map(|(k, _)| k.clone()).collect();
                t.borrow_mut().reserve(keys.len());
                for k in keys {
                    self.set_add(target, k)?;
                }
            }
            _ => {
                for x in self.collect_iterable(&other)? {
                    self.set_add(target, x)?;
                }
            }
        }
        Ok(())
    }

    /// `set.copy()` / `set(s)`: a new set merged from `s`.
    pub fn set_copy_of(&mut self, set: &Ref, frozen: bool) -> PyResult {
        let r = self.new_set();
        self.set_update_from(&r, set)?;
        Ok(if frozen { self.freeze(&r) } else { r })
    }

    /// A new set (or frozenset, like `like`) holding `items` in order.
    pub fn set_from_items(&mut self, items: Vec<Ref>, frozen: bool) -> PyResult {
        let set = self.new_set();
        for x in items {
            self.set_add(&set, x)?;
        }
        if frozen {
            let table = match &*set {
                Obj::Set(s) => std::mem::take(&mut *s.borrow_mut()),
                _ => SetObj::new(),
            };
            return Ok(crate::heap::gc::track_new(Ref::new(Obj::FrozenSet(
                Box::new(table),
            ))));
        }
        Ok(set)
    }

    pub fn set_binary(&mut self, a: &Ref, b: &Ref, op: crate::syntax::ast::BinOp) -> PyResult {
        use crate::syntax::ast::BinOp;
        let frozen = matches!(&**a, Obj::FrozenSet(_));
        let xs = self.set_items(a);
        let ys = self.set_items(b);
        let items = match op {
            // set_or: a copy of `a` updated with `b`.
            BinOp::BitOr => {
                let r = self.new_set();
                self.set_update_from(&r, a)?;
                self.set_update_from(&r, b)?;
                return Ok(if frozen { self.freeze(&r) } else { r });
            }
            // set_difference copies `a` when `b` is much smaller.
            BinOp::Sub if (xs.len() >> 2) > ys.len() => {
                let r = self.new_set();
                self.set_update_from(&r, a)?;
                for y in ys {
                    self.set_discard(&r, &y)?;
                }
                return Ok(if frozen { self.freeze(&r) } else { r });
            }
            // set_symmetric_difference: a copy of `b`, toggled by each key of `a`.
            BinOp::BitXor => {
                let r = self.new_set();
                self.set_update_from(&r, b)?;
                for x in xs {
                    if !self.set_discard(&r, &x)? {
                        self.set_add(&r, x)?;
                    }
                }
                return Ok(if frozen { self.freeze(&r) } else { r });
            }
            BinOp::BitAnd => {
                // set_intersection walks the smaller set (`b` when sizes are equal).
                let (small, big) = if ys.len() > xs.len() {
                    (xs, b)
                } else {
                    (ys, a)
                };
                let mut v = Vec::new();
                for x in small {
                    if self.set_contains(big, &x)? {
                        v.push(x);
                    }
                }
                v
            }
            BinOp::Sub => {
                let mut v = Vec::new();
                for x in xs {
                    if !self.set_contains(b, &x)? {
                        v.push(x);
                    }
                }
                v
            }
            _ => {
                let mut v = Vec::new();
                for x in xs {
                    if !self.set_contains(b, &x)? {
                        v.push(x);
                    }
                }
                for y in ys {
                    if !self.set_contains(a, &y)? {
                        v.push(y);
                    }
                }
                v
            }
        };
        self.set_from_items(items, frozen)
    }

    pub fn set_inplace(
        &mut self,
        a: &Ref,
        b: &Ref,
        op: crate::syntax::ast::BinOp,
    ) -> PyResult<Option<Ref>> {
        use crate::syntax::ast::BinOp;
        if !matches!(&**b, Obj::Set(_) | Obj::FrozenSet(_)) {
            return Ok(None);
        }
        match op {
            BinOp::BitOr => {
                for y in self.set_items(b) {
                    self.set_add(a, y)?;
                }
            }
            BinOp::Sub => {
                for y in self.set_items(b) {
                    self.set_discard(a, &y)?;
                }
            }
            _ => {
                let result = self.set_binary(a, b, op)?;
                let items = self.set_items(&result);
                if let Some(t) = self.set_table(a) {
                    let old = t.borrow_mut().clear();
                    drop(old);
                }
                for x in items {
                    self.set_add(a, x)?;
                }
            }
        }
        Ok(Some(a.clone()))
    }

    // ------------------------------------------------------------------ subscription

    pub fn getitem(&mut self, obj: &Ref, index: &Ref) -> PyResult {
        match &**obj {
            Obj::List(l) => {
                if let Obj::Slice(_) = &**index {
                    // The slice's bounds may run `__index__`: fixed before borrowing.
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(index, len)?;
                    let picked = pick_positions(&l.borrow(), start, stop, step);
                    return Ok(self.new_list(picked));
                }
                let i = self.sequence_index(index, "list")?;
                let l = l.borrow();
                match normalize(i, l.len()) {
                    Some(i) => Ok(l[i].clone()),
                    None => {
                        drop(l);
                        Err(self.err("IndexError", "list index out of range"))
                    }
                }
            }
            Obj::Tuple(t) => {
                if let Obj::Slice(_) = &**index {
                    // A full slice of a tuple is the tuple itself (tuplesubscript).
                    let (start, stop, step) = self.slice_indices(index, t.len())?;
                    if step == 1 && start == 0 && stop as usize >= t.len() {
                        return Ok(obj.clone());
                    }
                    let picked = self.slice_pick(t, index)?;
                    return Ok(self.new_tuple(picked));
                }
                let i = self.sequence_index(index, "tuple")?;
                match normalize(i, t.len()) {
                    Some(i) => Ok(t[i].clone()),
                    None => Err(self.err("IndexError", "tuple index out of range")),
                }
            }
            Obj::Str(s) => {
                // ASCII text is indexed by byte; other text is decoded once.
                let text = &s.text;
                let ascii = text.is_ascii();
                let decoded: Vec<char> = if ascii {
                    Vec::new()
                } else {
                    text.chars().collect()
                };
                let len = if ascii { text.len() } else { decoded.len() };
                let char_at = |i: usize| {
                    if ascii {
                        text.as_bytes()[i] as char
                    } else {
                        decoded[i]
                    }
                };
                if let Obj::Slice(_) = &**index {
                    let (start, stop, step) = self.slice_indices(index, len)?;
                    if step == 1 && start == 0 && stop as usize >= len {
                        return Ok(obj.clone());
                    }
                    if step == 1 && ascii {
                        let (a, b) = (start as usize, (stop.max(start)) as usize);
                        return Ok(self.new_str(&text[a..b]));
                    }
                    let picked: String = slice_positions(start, stop, step).map(char_at).collect();
                    return Ok(self.new_string(picked));
                }
                let i = self.sequence_index(index, "string")?;
                match normalize(i, len) {
                    Some(i) => {
                        let mut buf = [0u8; 4];
                        Ok(self.new_str(char_at(i).encode_utf8(&mut buf)))
                    }
                    None => Err(self.err("IndexError", "string index out of range")),
                }
            }
            Obj::Bytes(b) => {
                if let Obj::Slice(_) = &**index {
                    let (start, stop, step) = self.slice_indices(index, b.len())?;
                    let picked: Vec<u8> =
                        slice_positions(start, stop, step).map(|i| b[i]).collect();
                    return Ok(self.new_bytes(&picked));
                }
                let i = self.sequence_index(index, "bytes")?;
                match normalize(i, b.len()) {
                    Some(i) => Ok(self.new_int(b[i] as i64)),
                    None => Err(self.err("IndexError", "index out of range")),
                }
            }
            Obj::Range(r) => {
                let len = r.len() as usize;
                if let Obj::Slice(_) = &**index {
                    let (start, stop, step) = self.slice_indices(index, len)?;
                    let n = slice_positions(start, stop, step).count() as i64;
                    let (rs, rstep) = (r.item(start as i64), r.step * step as i64);
                    return Ok(Ref::new(Obj::Range(Box::new(crate::objects::RangeObj {
                        start: rs,
                        stop: rs + rstep * n,
                        step: rstep,
                    }))));
                }
                let i = self.sequence_index(index, "range object")?;
                match normalize(i, len) {
                    Some(i) => Ok(self.new_int(r.item(i as i64))),
                    None => Err(self.err("IndexError", "range object index out of range")),
                }
            }
            Obj::Dict(_) => match self.dict_get(obj, index)? {
                Some(v) => Ok(v),
                None => Err(Unwind::Exception(self.key_error(index))),
            },
            Obj::Class(c) => {
                let name = c.name.borrow().clone();
                Err(self.err("TypeError", format!("type '{name}' is not subscriptable")))
            }
            _ => {
                let gi = self.names.get(N::getitem).clone();
                if let Some(m) = self.user_special_method(obj, &gi) {
                    return self.call(&m, vec![index.clone()]);
                }
                if let Some(base) = self.base_value(obj) {
                    if matches!(&*base, Obj::Dict(_)) {
                        if let Some(v) = self.dict_get(&base, index)? {
                            return Ok(v);
                        }
                        let missing = self.names.get(N::missing).clone();
                        if let Some(m) = self.special_method(obj, &missing) {
                            return self.call(&m, vec![index.clone()]);
                        }
                        return Err(Unwind::Exception(self.key_error(index)));
                    }
                    return self.getitem(&base, index);
                }
                let t = self.type_name(obj);
                Err(self.err("TypeError", format!("'{t}' object is not subscriptable")))
            }
        }
    }

    pub fn key_error(&mut self, key: &Ref) -> Ref {
        let class = self.exc_class("KeyError");
        let exc = self
            .new_instance(&class, std::slice::from_ref(key))
            .expect("KeyError can be instantiated");
        self.set_context(&exc);
        exc
    }

    pub fn setitem(&mut self, obj: &Ref, index: &Ref, value: Ref) -> PyResult<()> {
        match &**obj {
            Obj::List(l) => {
                if let Obj::Slice(_) = &**index {
                    let new_items = match self.collect_iterable(&value) {
                        Ok(items) => items,
                        // `PySequence_Fast(v, "can only assign an iterable")`
                        Err(_) if !self.is_iterable(&value) => {
                            return Err(self.err("TypeError", "can only assign an iterable"))
                        }
                        Err(u) => return Err(u),
                    };
                    return self.list_assign_slice(obj, index, new_items);
                }
                let i = self.sequence_index(index, "list")?;
                let old = {
                    let mut l = l.borrow_mut();
                    let len = l.len();
                    normalize(i, len).map(|i| l.set(i, value))
                };
                match old {
                    Some(old) => {
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.err("IndexError", "list assignment index out of range")),
                }
            }
            Obj::Dict(_) => self.dict_set(obj, index.clone(), value),
            _ => {
                let si = self.names.get(N::setitem).clone();
                if let Some(m) = self.user_special_method(obj, &si) {
                    self.call(&m, vec![index.clone(), value])?;
                    return Ok(());
                }
                if let Some(base) = self.base_value(obj) {
                    return self.setitem(&base, index, value);
                }
                let t = self.type_name(obj);
                Err(self.err(
                    "TypeError",
                    format!("'{t}' object does not support item assignment"),
                ))
            }
        }
    }

    pub fn delitem(&mut self, obj: &Ref, index: &Ref) -> PyResult<()> {
        match &**obj {
            Obj::List(l) => {
                if let Obj::Slice(_) = &**index {
                    let len = l.borrow().len();
                    let (start, stop, step) = self.slice_indices(index, len)?;
                    if (step > 0 && stop <= start) || (step < 0 && stop >= start) {
                        return Ok(());
                    }
                    if step == 1 {
                        // `list_ass_slice`: one move, items released last to first.
                        let removed = l
                            .borrow_mut()
                            .splice(start as usize..stop as usize, Vec::new());
                        removed.into_iter().rev().for_each(drop);
                        return Ok(());
                    }
                    let mut remove: Vec<usize> = slice_positions(start, stop, step).collect();
                    remove.sort_unstable();
                    let removed = l.borrow_mut().remove_positions(&remove);
                    drop(removed);
                    return Ok(());
                }
                let i = self.sequence_index(index, "list")?;
                let removed = {
                    let mut l = l.borrow_mut();
                    let len = l.len();
                    normalize(i, len).map(|i| l.remove(i))
                };
                match removed {
                    Some(v) => {
                        drop(v);
                        Ok(())
                    }
                    None => Err(self.err("IndexError", "list assignment index out of range")),
                }
            }
            Obj::Dict(_) => match self.dict_del(obj, index)? {
                Some(_) => Ok(()),
                None => Err(Unwind::Exception(self.key_error(index))),
            },
            _ => {
                let di = self.names.get(N::delitem).clone();
                if let Some(m) = self.user_special_method(obj, &di) {
                    self.call(&m, vec![index.clone()])?;
                    return Ok(());
                }
                if let Some(base) = self.base_value(obj) {
                    return self.delitem(&base, index);
                }
                let t = self.type_name(obj);
                Err(self.err(
                    "TypeError",
                    format!("'{t}' object doesn't support item deletion"),
                ))
            }
        }
    }

    fn list_assign_slice(&mut self, list: &Ref, index: &Ref, new_items: Vec<Ref>) -> PyResult<()> {
        let Obj::List(l) = &**list else { return Ok(()) };
        let len = l.borrow().len();
        let (start, stop, step) = self.slice_indices(index, len)?;
        if step == 1 {
            let stop = stop.max(start) as usize;
            let removed: Vec<Ref> = l.borrow_mut().splice(start as usize..stop, new_items);
            drop(removed);
            return Ok(());
        }
        let positions: Vec<usize> = slice_positions(start, stop, step).collect();
        if positions.len() != new_items.len() {
            return Err(self.err(
                "ValueError",
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    new_items.len(),
                    positions.len()
                ),
            ));
        }
        let mut old = Vec::new();
        {
            let mut l = l.borrow_mut();
            for (p, v) in positions.into_iter().zip(new_items) {
                old.push(l.set(p, v));
            }
        }
        drop(old);
        Ok(())
    }

    fn sequence_index(&mut self, index: &Ref, what: &str) -> PyResult<i64> {
        match &**index {
            Obj::Int(i) => Ok(*i),
            Obj::Bool(b) => Ok(*b as i64),
            Obj::BigInt(_) => Err(self.err(
                "IndexError",
                "cannot fit 'int' into an index-sized integer".to_string(),
            )),
            _ => {
                let ix = self.names.get(N::index).clone();
                if self.user_special_method(index, &ix).is_some() {
                    return self.index_value(index);
                }
                if let Some(base) = self.int_part(index) {
                    return self.sequence_index(&base, what);
                }
                let t = self.type_name(index);
                let msg = match what {
                    "string" => format!("string indices must be integers, not '{t}'"),
                    "bytes" => format!("byte indices must be integers or slices, not {t}"),
                    _ => format!("{what} indices must be integers or slices, not {t}"),
                };
                Err(self.err("TypeError", msg))
            }
        }
    }

    /// `slice.indices(len)`: normalised start, stop, step.
    pub fn slice_indices(&mut self, slice: &Ref, len: usize) -> PyResult<(isize, isize, isize)> {
        let Obj::Slice(parts) = &**slice else {
            return Ok((0, 0, 1));
        };
        let len = len as isize;
        let step = match &*parts[2] {
            Obj::None => 1,
            _ => self.index_value(&parts[2])? as isize,
        };
        if step == 0 {
            return Err(self.err("ValueError", "slice step cannot be zero"));
        }
        let bound = |interp: &mut Interp, v: &Ref, default: isize| -> PyResult<isize> {
            if matches!(&**v, Obj::None) {
                return Ok(default);
            }
            let i = match &**v {
                Obj::BigInt(b) => {
                    if num_traits::Signed::is_negative(&**b) {
                        isize::MIN / 2
                    } else {
                        isize::MAX / 2
                    }
                }
                _ => interp.index_value(v)? as isize,
            };
            Ok(if i < 0 {
                let j = i + len;
                if j < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    j
                }
            } else if i >= len {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            } else {
                i
            })
        };
        let (ds, de) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let start = bound(self, &parts[0], ds)?;
        let stop = bound(self, &parts[1], de)?;
        Ok((start, stop, step))
    }

    fn slice_pick(&mut self, items: &[Ref], slice: &Ref) -> PyResult<Vec<Ref>> {
        let (start, stop, step) = self.slice_indices(slice, items.len())?;
        Ok(pick_positions(items, start, stop, step))
    }
}

/// The items a normalised slice selects, in a vector of exactly their number (positions
/// past the end, possible if the sequence shrank meanwhile, are left out).
pub fn pick_positions(items: &[Ref], start: isize, stop: isize, step: isize) -> Vec<Ref> {
    let count = match step {
        s if s > 0 && stop > start => (stop - start - 1) / s + 1,
        s if s < 0 && stop < start => (start - stop - 1) / (-s) + 1,
        _ => 0,
    };
    let mut out = Vec::with_capacity(count as usize);
    out.extend(slice_positions(start, stop, step).filter_map(|i| items.get(i).cloned()));
    out
}

/// A Python index into a sequence of `len`, or `None` when out of range.
pub fn normalize(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// The positions a normalised slice selects.
pub fn slice_positions(start: isize, stop: isize, step: isize) -> impl Iterator<Item = usize> {
    let mut i = start;
    std::iter::from_fn(move || {
        if (step > 0 && i < stop) || (step < 0 && i > stop) {
            let r = i as usize;
            i += step;
            Some(r)
        } else {
            None
        }
    })
}
