//! The list of weak references to each object. CPython keeps it inside the object (at
//! `tp_weaklistoffset`, a doubly linked list through the weakref objects); here it is a
//! side table keyed by the object, and the header flag `HAS_WEAKREFS` says the object has
//! an entry. The order is CPython's: the basic reference (no callback) first, then the
//! basic proxy, then the others, newest first (`insert_head` / `insert_after` in
//! `Objects/weakrefobject.c`).
//!
//! The table holds no counts: entries are uncounted pointers to the weakref objects. A
//! weakref object unlinks itself when it is freed ([`unlink`]); a dying object takes its
//! whole list out ([`take`]) before its weakrefs are cleared.

use super::{WeakKind, WeakRefObj};
use crate::heap::{flag, Ref, Weak};
use crate::objects::Obj;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// One weak reference in an object's list: the weakref object itself. A freed weakref's
/// entry goes stale (its slot's generation changes), which is how it is found and unlinked.
#[derive(Clone, Copy)]
pub struct Entry {
    pub wr: Weak,
}

/// A multiplicative hasher for the table's keys (they are already unique pointers).
#[derive(Default)]
pub struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// An object's list: most objects have a single weak reference, kept inline.
pub enum WeakList {
    One(Entry),
    Many(Vec<Entry>),
}

impl WeakList {
    fn as_slice(&self) -> &[Entry] {
        match self {
            WeakList::One(e) => std::slice::from_ref(e),
            WeakList::Many(v) => v,
        }
    }

    fn insert(&mut self, position: usize, entry: Entry) {
        match self {
            WeakList::Many(v) => v.insert(position.min(v.len()), entry),
            WeakList::One(_) => {
                let WeakList::One(first) = std::mem::replace(self, WeakList::Many(Vec::new()))
                else {
                    return;
                };
                let v = if position == 0 {
                    vec![entry, first]
                } else {
                    vec![first, entry]
                };
                *self = WeakList::Many(v);
            }
        }
    }

    /// Drops the entries of freed weakrefs; true when the list is now empty.
    fn remove_stale(&mut self) -> bool {
        match self {
            WeakList::One(e) => e.wr.header_if_same().is_none(),
            WeakList::Many(v) => {
                v.retain(|e| e.wr.header_if_same().is_some());
                if v.len() == 1 {
                    *self = WeakList::One(v[0]);
                    return false;
                }
                v.is_empty()
            }
        }
    }
}

type Table = HashMap<Weak, WeakList, BuildHasherDefault<PtrHasher>>;

thread_local! {
    static LISTS: RefCell<Table> = RefCell::new(Table::default());
}

/// The weakref objects of `target`, in list order (new strong references).
pub fn weakrefs(target: &Ref) -> Vec<Ref> {
    if !target.header().has_flag(flag::HAS_WEAKREFS) {
        return Vec::new();
    }
    let ptrs: Vec<Weak> = LISTS.with(|l| {
        l.borrow()
            .get(&target.weak())
            .map(|v| v.as_slice().iter().map(|e| e.wr).collect())
            .unwrap_or_default()
    });
    ptrs.iter().filter_map(Weak::upgrade_alive).collect()
}

/// How many weak references point at `target`.
pub fn count(target: &Ref) -> usize {
    if !target.header().has_flag(flag::HAS_WEAKREFS) {
        return 0;
    }
    LISTS.with(|l| {
        l.borrow()
            .get(&target.weak())
            .map_or(0, |v| v.as_slice().len())
    })
}

/// What an entry's weakref is, read without taking a reference.
fn peek<R>(e: &Entry, f: impl FnOnce(&WeakRefObj) -> R) -> Option<R> {
    let h = e.wr.header_if_same()?;
    if h.refcount() == 0 {
        return None;
    }
    match &h.obj {
        Obj::WeakRef(w) => Some(f(w)),
        _ => None,
    }
}

/// CPython's `get_basic_refs`: the positions of the reference and the proxy without
/// callback that head the list.
fn basic_positions(list: &[Entry]) -> (Option<usize>, Option<usize>) {
    let plain = |i: usize| {
        list.get(i)
            .and_then(|e| peek(e, |w| (w.callback.borrow().is_none(), w.kind)))
    };
    let mut basic_ref = None;
    let mut basic_proxy = None;
    if let Some((true, kind)) = plain(0) {
        let mut i = 0;
        if kind == WeakKind::Ref {
            basic_ref = Some(0);
            i = 1;
        }
        if let Some((true, kind)) = plain(i) {
            if kind.is_proxy() {
                basic_proxy = Some(i);
            }
        }
    }
    (basic_ref, basic_proxy)
}

/// `weakref___new__` / `PyWeakref_NewProxy` on the list: reuses the basic reference
/// (or proxy) when asked for one without callback, else creates a weakref with `make` and
/// links it where CPython does: a basic reference at the head, a basic proxy after the
/// basic reference, anything else after both.
pub fn add(target: &Ref, kind: WeakKind, has_callback: bool, make: impl FnOnce() -> Ref) -> Ref {
    let key = target.weak();
    let flagged = target.header().has_flag(flag::HAS_WEAKREFS);
    let wr = LISTS.with(|l| {
        // No Python code runs and nothing is freed while the table is borrowed.
        let mut l = l.borrow_mut();
        let list = match l.get_mut(&key) {
            Some(list) if flagged => list,
            _ => {
                let wr = make();
                l.insert(key, WeakList::One(entry(&wr)));
                return wr;
            }
        };
        let (basic_ref, basic_proxy) = basic_positions(list.as_slice());
        let reuse = match (has_callback, kind) {
            (false, WeakKind::Ref) => basic_ref,
            (false, k) if k.is_proxy() => basic_proxy,
            _ => None,
        };
        if let Some(existing) = reuse.and_then(|i| list.as_slice()[i].wr.upgrade_alive()) {
            return existing;
        }
        let position = match (has_callback, kind) {
            (false, WeakKind::Ref) => 0,
            (false, k) if k.is_proxy() => basic_ref.map_or(0, |i| i + 1),
            _ => basic_proxy.or(basic_ref).map_or(0, |i| i + 1),
        };
        let wr = make();
        list.insert(position, entry(&wr));
        wr
    });
    target.header().set_flag(flag::HAS_WEAKREFS);
    wr
}

fn entry(wr: &Ref) -> Entry {
    Entry { wr: wr.weak() }
}

/// Removes a freed weakref from its target's list (CPython's `clear_weakref` from
/// `weakref_dealloc`); the target loses `HAS_WEAKREFS` with its last one. Called as the
/// weakref's payload is dropped, when its slot is already released: its entry is stale.
pub fn unlink(target: Weak) {
    let _ = LISTS.try_with(|l| {
        let mut l = l.borrow_mut();
        let Some(list) = l.get_mut(&target) else {
            return;
        };
        if list.remove_stale() {
            l.remove(&target);
            if let Some(h) = target.header_if_same() {
                h.clear_flag(flag::HAS_WEAKREFS);
            }
        }
    });
}

/// Takes `target`'s whole list out of the table, as its weakrefs are about to be cleared:
/// the weakref objects, in list order.
pub fn take(target: &Ref) -> Vec<Ref> {
    target.header().clear_flag(flag::HAS_WEAKREFS);
    let list = LISTS.with(|l| l.borrow_mut().remove(&target.weak()));
    match list {
        Some(list) => list
            .as_slice()
            .iter()
            .filter_map(|e| e.wr.upgrade_alive())
            .collect(),
        None => Vec::new(),
    }
}

/// Number of objects that have weak references (for leak tests).
pub fn table_len() -> usize {
    LISTS.with(|l| l.borrow().len())
}
