//! The iterator protocol: `iter()`, `next()`, and the builtin iterator objects.

use super::names::N;
use super::{Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::iter::{IterKind, IterObj};
use crate::objects::{DictViewKind, Obj};

impl Interp {
    fn new_iter(&self, it: IterObj) -> Ref {
        // Range iterators are plain objects in CPython; the others are tracked gc objects.
        let plain = it.kind == IterKind::Range;
        let r = Ref::new(Obj::Iter(Box::new(it)));
        if plain {
            r
        } else {
            crate::heap::gc::track_new(r)
        }
    }

    pub fn make_iter(&self, kind: IterKind, source: Option<Ref>) -> Ref {
        self.new_iter(IterObj::new(kind, source))
    }

    /// `iter(obj)`.
    pub fn get_iter(&mut self, obj: &Ref) -> PyResult {
        let kind = match &**obj {
            Obj::List(_) => IterKind::List,
            Obj::Tuple(_) => IterKind::Tuple,
            Obj::Str(_) => IterKind::Str,
            Obj::Bytes(_) => IterKind::Bytes,
            Obj::Dict(d) => {
                let it = IterObj::new(IterKind::DictKeys, Some(obj.clone()));
                it.expected_len.set(d.borrow().len());
                return Ok(self.new_iter(it));
            }
            Obj::DictView(v) => {
                let kind = match v.1 {
                    DictViewKind::Keys => IterKind::DictKeys,
                    DictViewKind::Values => IterKind::DictValues,
                    DictViewKind::Items => IterKind::DictItems,
                };
                let it = IterObj::new(kind, Some(v.0.clone()));
                if let Obj::Dict(d) = &*v.0 {
                    it.expected_len.set(d.borrow().len());
                }
                return Ok(self.new_iter(it));
            }
            Obj::Set(s) => {
                let it = IterObj::new(IterKind::Set, Some(obj.clone()));
                it.expected_len.set(s.borrow().len());
                return Ok(self.new_iter(it));
            }
            Obj::FrozenSet(s) => {
                let it = IterObj::new(IterKind::Set, Some(obj.clone()));
                it.expected_len.set(s.len());
                return Ok(self.new_iter(it));
            }
            Obj::Range(r) => {
                let it = IterObj::new(IterKind::Range, None);
                it.range.set((r.start, r.step, r.len()));
                return Ok(self.new_iter(it));
            }
            Obj::Iter(_) | Obj::Generator(_) | Obj::File(_) => return Ok(obj.clone()),
            Obj::Instance(_) => {
                let iter_name = self.names.get(N::iter).clone();
                if let Some(m) = self.special_method(obj, &iter_name) {
                    let it = self.call(&m, vec![])?;
                    if !self.is_iterator(&it) {
                        return Err(self.err(
                            "TypeError",
                            format!(
                                "iter() returned non-iterator of type '{}'",
                                self.type_name(&it)
                            ),
                        ));
                    }
                    return Ok(it);
                }
                if let Some(base) = self.base_value(obj) {
                    return self.get_iter(&base);
                }
                let gi = self.names.get(N::getitem).clone();
                if self.special_method(obj, &gi).is_some() {
                    return Ok(self
                        .make_iter(IterKind::Reversed, Some(obj.clone()))
                        .tap_sequence());
                }
                return Err(self.not_iterable(obj));
            }
            _ => return Err(self.not_iterable(obj)),
        };
        Ok(self.make_iter(kind, Some(obj.clone())))
    }

    fn not_iterable(&mut self, obj: &Ref) -> Unwind {
        let t = self.type_name(obj);
        self.err("TypeError", format!("'{t}' object is not iterable"))
    }

    pub fn is_iterator(&self, obj: &Ref) -> bool {
        match &**obj {
            Obj::Iter(_) | Obj::Generator(_) | Obj::File(_) => true,
            Obj::Instance(_) => {
                let next = self.names.get(N::next).clone();
                self.class_has(&self.type_of(obj), &next)
            }
            _ => false,
        }
    }

    pub fn is_iterable(&self, obj: &Ref) -> bool {
        match &**obj {
            Obj::List(_)
            | Obj::Tuple(_)
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::Dict(_)
            | Obj::DictView(_)
            | Obj::Set(_)
            | Obj::FrozenSet(_)
            | Obj::Range(_)
            | Obj::Iter(_)
            | Obj::Generator(_)
            | Obj::File(_) => true,
            Obj::Instance(_) => {
                let class = self.type_of(obj);
                self.class_has(&class, self.names.get(N::iter))
                    || self.class_has(&class, self.names.get(N::getitem))
                    || self.base_value(obj).is_some()
            }
            _ => false,
        }
    }

    /// `next(it)`: `Ok(None)` when the iterator is exhausted.
    pub fn next(&mut self, it: &Ref) -> PyResult<Option<Ref>> {
        match &**it {
            Obj::Iter(i) => self.next_builtin(it, i),
            Obj::Generator(_) => self.generator_next(it),
            Obj::File(_) => crate::modules::io::file_next(self, it),
            _ => {
                let next_name = self.names.get(N::next).clone();
                let Some(m) = self.special_method(it, &next_name) else {
                    let t = self.type_name(it);
                    return Err(self.err("TypeError", format!("'{t}' object is not an iterator")));
                };
                match self.call(&m, vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(Unwind::Exception(e)) if self.is_instance_of(&e, "StopIteration") => {
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// The next key and value of a dict iterator (`source` is its dict), checking that
    /// the dict kept its size; `None` at the end, where the iterator lets the dict go.
    fn next_dict_entry(
        &mut self,
        it: &IterObj,
        source: Option<Ref>,
    ) -> PyResult<Option<(Ref, Ref)>> {
        let Some(dict) = source else { return Ok(None) };
        let Obj::Dict(d) = &*dict else {
            return Ok(None);
        };
        let entry = {
            let d = d.borrow();
            if d.len() != it.expected_len.get() {
                drop(d);
                it.expected_len.set(usize::MAX);
                return Err(self.err("RuntimeError", "dictionary changed size during iteration"));
            }
            let mut pos = it.index.get() as usize;
            let mut found = None;
            while pos < d.positions() {
                if let Some((k, v)) = d.entry_at(pos) {
                    found = Some((k.clone(), v.clone()));
                    pos += 1;
                    break;
                }
                pos += 1;
            }
            it.index.set(pos as i64);
            found
        };
        if entry.is_none() {
            let old = it.source.borrow_mut().take();
            drop(old);
        }
        Ok(entry)
    }

    /// For `for k, v in d.items()`: the next pair without the tuple CPython would reuse
    /// for it (never visible to the program). `None` when `it` is not a dict items
    /// iterator; `Some(None)` at its end.
    pub(crate) fn next_items_pair(&mut self, it: &Ref) -> Option<PyResult<Option<(Ref, Ref)>>> {
        let Obj::Iter(i) = &**it else { return None };
        if i.kind != IterKind::DictItems {
            return None;
        }
        let source = i.source.borrow().clone();
        Some(self.next_dict_entry(i, source))
    }

    fn next_builtin(&mut self, _it_ref: &Ref, it: &IterObj) -> PyResult<Option<Ref>> {
        let source = it.source.borrow().clone();
        let exhausted = |it: &IterObj| {
            // Like CPython, an exhausted iterator lets go of its sequence.
            let old = it.source.borrow_mut().take();
            drop(old);
        };
        match it.kind {
            IterKind::List | IterKind::Tuple => {
                let Some(seq) = source else { return Ok(None) };
                let i = it.index.get() as usize;
                let item = match &*seq {
                    Obj::List(l) => l.borrow().get(i).cloned(),
                    Obj::Tuple(t) => t.get(i).cloned(),
                    Obj::Instance(_) => match self.base_value(&seq) {
                        Some(b) => match &*b {
                            Obj::List(l) => l.borrow().get(i).cloned(),
                            _ => None,
                        },
                        None => None,
                    },
                    _ => None,
                };
                match item {
                    Some(v) => {
                        it.index.set(i as i64 + 1);
                        Ok(Some(v))
                    }
                    None => {
                        exhausted(it);
                        Ok(None)
                    }
                }
            }
            IterKind::ListReverse => {
                let Some(seq) = source else { return Ok(None) };
                let i = it.index.get();
                let item = if i >= 0 {
                    match &*seq {
                        Obj::List(l) => l.borrow().get(i as usize).cloned(),
                        Obj::Tuple(t) => t.get(i as usize).cloned(),
                        _ => None,
                    }
                } else {
                    None
                };
                match item {
                    Some(v) => {
                        it.index.set(i - 1);
                        Ok(Some(v))
                    }
                    None => {
                        exhausted(it);
                        Ok(None)
                    }
                }
            }
            IterKind::Str => {
                let Some(seq) = source else { return Ok(None) };
                let pos = it.index.get() as usize;
                let ch = match &*seq {
                    Obj::Str(s) => s.text[pos..].chars().next(),
                    _ => None,
                };
                match ch {
                    Some(c) => {
                        it.index.set((pos + c.len_utf8()) as i64);
                        let mut buf = [0u8; 4];
                        Ok(Some(self.new_str(c.encode_utf8(&mut buf))))
                    }
                    None => {
                        exhausted(it);
                        Ok(None)
                    }
                }
            }
            IterKind::Bytes => {
                let Some(seq) = source else { return Ok(None) };
                let i = it.index.get() as usize;
                let b = match &*seq {
                    Obj::Bytes(b) => b.get(i).copied(),
                    _ => None,
                };
                match b {
                    Some(b) => {
                        it.index.set(i as i64 + 1);
                        Ok(Some(self.new_int(b as i64)))
                    }
                    None => {
                        exhausted(it);
                        Ok(None)
                    }
                }
            }
            IterKind::Range => {
                let (cur, step, left) = it.range.get();
                if left <= 0 {
                    return Ok(None);
                }
                it.range.set((cur.wrapping_add(step), step, left - 1));
                Ok(Some(self.new_int(cur)))
            }
            IterKind::DictKeys | IterKind::DictValues | IterKind::DictItems => Ok(self
                .next_dict_entry(it, source)?
                .map(|(k, v)| match it.kind {
                    IterKind::DictKeys => k,
                    IterKind::DictValues => v,
                    _ => self.new_tuple(vec![k, v]),
                })),
            IterKind::Set => {
                let Some(set) = source else { return Ok(None) };
                let next = {
                    let guard;
                    let s = match &*set {
                        Obj::Set(s) => {
                            guard = s.borrow();
                            &*guard
                        }
                        Obj::FrozenSet(s) => &**s,
                        _ => return Ok(None),
                    };
                    if s.len() != it.expected_len.get() {
                        it.expected_len.set(usize::MAX);
                        None
                    } else {
                        let mut pos = it.index.get() as usize;
                        let mut found = None;
                        while let Some(slot) = s.slot_at(pos) {
                            pos += 1;
                            if let Some(k) = slot {
                                found = Some(k.clone());
                                break;
                            }
                        }
                        it.index.set(pos as i64);
                        Some(found)
                    }
                };
                match next {
                    None => Err(self.err("RuntimeError", "Set changed size during iteration")),
                    Some(Some(k)) => Ok(Some(k)),
                    Some(None) => {
                        exhausted(it);
                        Ok(None)
                    }
                }
            }
            IterKind::Enumerate => {
                let Some(inner) = source else { return Ok(None) };
                match self.next(&inner)? {
                    Some(v) => {
                        let i = it.index.get();
                        it.index.set(i + 1);
                        let n = self.new_int(i);
                        Ok(Some(self.new_tuple(vec![n, v])))
                    }
                    None => Ok(None),
                }
            }
            IterKind::Zip => {
                let iters = it.extra.borrow().clone();
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for i in &iters {
                    match self.next(i)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(self.new_tuple(items)))
            }
            IterKind::Map => {
                let extra = it.extra.borrow().clone();
                let Some((func, iters)) = extra.split_first() else {
                    return Ok(None);
                };
                let mut args = Vec::with_capacity(iters.len());
                for i in iters {
                    match self.next(i)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                self.call(func, args).map(Some)
            }
            IterKind::Filter => {
                let Some(inner) = source else { return Ok(None) };
                let func = it.extra.borrow().first().cloned();
                while let Some(v) = self.next(&inner)? {
                    let keep = match &func {
                        Some(f) if !matches!(&**f, Obj::None) => {
                            let r = self.call(f, vec![v.clone()])?;
                            self.truthy(&r)?
                        }
                        _ => self.truthy(&v)?,
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                Ok(None)
            }
            IterKind::Reversed => {
                // Sequence protocol: __getitem__(i) until IndexError (or reversed() of one).
                let Some(seq) = source else { return Ok(None) };
                let i = it.index.get();
                if i < 0 {
                    exhausted(it);
                    return Ok(None);
                }
                let index = self.new_int(i);
                match self.getitem(&seq, &index) {
                    Ok(v) => {
                        it.index
                            .set(if it.range.get().1 < 0 { i - 1 } else { i + 1 });
                        Ok(Some(v))
                    }
                    Err(Unwind::Exception(e))
                        if self.is_instance_of(&e, "IndexError")
                            || self.is_instance_of(&e, "StopIteration") =>
                    {
                        exhausted(it);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            IterKind::Callable => {
                let Some(func) = source else { return Ok(None) };
                let sentinel = it.extra.borrow().first().cloned();
                let v = self.call(&func, vec![])?;
                if let Some(s) = sentinel {
                    if self.eq(&v, &s)? {
                        exhausted(it);
                        return Ok(None);
                    }
                }
                Ok(Some(v))
            }
        }
    }

    /// Appends every item of an iterable.
    pub fn extend_from_iterable(&mut self, out: &mut Vec<Ref>, obj: &Ref) -> PyResult<()> {
        match &**obj {
            Obj::List(l) => out.extend(l.borrow().iter().cloned()),
            Obj::Tuple(t) => out.extend(t.iter().cloned()),
            _ => {
                let it = self.get_iter(obj)?;
                while let Some(v) = self.next(&it)? {
                    out.push(v);
                }
            }
        }
        Ok(())
    }

    pub fn collect_iterable(&mut self, obj: &Ref) -> PyResult<Vec<Ref>> {
        let mut out = Vec::new();
        self.extend_from_iterable(&mut out, obj)?;
        Ok(out)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Ref, item: &Ref) -> PyResult<bool> {
        match &**container {
            Obj::Dict(_) => Ok(self.dict_get(container, item)?.is_some()),
            Obj::DictView(v) if v.1 == DictViewKind::Keys => {
                Ok(self.dict_get(&v.0.clone(), item)?.is_some())
            }
            Obj::Set(_) | Obj::FrozenSet(_) => self.set_contains(container, item),
            Obj::Str(s) => match item.as_str_opt() {
                Some(sub) => Ok(s.text.contains(sub)),
                None => Err(self.err(
                    "TypeError",
                    format!(
                        "'in <string>' requires string as left operand, not {}",
                        self.type_name(item)
                    ),
                )),
            },
            Obj::Bytes(b) => match &**item {
                Obj::Bytes(sub) => Ok(crate::objects::bytes_methods::find_bytes(b, sub).is_some()),
                Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) => {
                    let byte = crate::objects::bytes_methods::needle(self, item)?;
                    Ok(b.contains(&byte[0]))
                }
                _ => Err(self.err(
                    "TypeError",
                    format!(
                        "a bytes-like object is required, not '{}'",
                        self.type_name(item)
                    ),
                )),
            },
            Obj::Range(r) => match &**item {
                Obj::Int(i) => {
                    let (start, step, len) = (r.start, r.step, r.len());
                    let off = i - start;
                    Ok(len > 0 && off % step == 0 && off / step >= 0 && off / step < len)
                }
                _ => self.contains_by_iteration(container, item),
            },
            Obj::List(_) | Obj::Tuple(_) => {
                let items = self.sequence_items(container);
                for x in items {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Obj::Instance(_) => {
                let c = self.names.get(N::contains).clone();
                if let Some(m) = self.special_method(container, &c) {
                    let r = self.call(&m, vec![item.clone()])?;
                    return self.truthy(&r);
                }
                if let Some(base) = self.base_value(container) {
                    return self.contains(&base, item);
                }
                self.contains_by_iteration(container, item)
            }
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: &Ref, item: &Ref) -> PyResult<bool> {
        if !self.is_iterable(container) {
            let t = self.type_name(container);
            return Err(self.err(
                "TypeError",
                format!("argument of type '{t}' is not iterable"),
            ));
        }
        let it = self.get_iter(container)?;
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

trait TapSequence {
    fn tap_sequence(self) -> Self;
}

impl TapSequence for Ref {
    /// A sequence-protocol iterator counts up from 0.
    fn tap_sequence(self) -> Ref {
        if let Obj::Iter(it) = &*self {
            it.index.set(0);
            it.range.set((0, 1, 0));
        }
        self
    }
}
