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

use super::WeakRefObj;
use crate::heap::{flag, Ref, Weak};
use crate::objects::Obj;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// One weak reference in an object's list.
pub struct Entry {
    /// The address of the weakref's payload: its identity while it lives.
    pub id: usize,
    /// The weakref object itself.
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

type Table = HashMap<Weak, Vec<Entry>, BuildHasherDefault<PtrHasher>>;

thread_local! {
    static LISTS: RefCell<Table> = RefCell::new(Table::default());
}

/// The identity of a weakref payload.
pub fn id_of(w: &WeakRefObj) -> usize {
    w as *const WeakRefObj as usize
}

/// The weakref objects of `target`, in list order (new strong references).
pub fn weakrefs(target: &Ref) -> Vec<Ref> {
    if !target.header().has_flag(flag::HAS_WEAKREFS) {
        return Vec::new();
    }
    let ptrs: Vec<Weak> = LISTS.with(|l| {
        l.borrow()
            .get(&target.weak())
            .map(|v| v.iter().map(|e| e.wr).collect())
            .unwrap_or_default()
    });
    ptrs.iter().filter_map(Weak::upgrade_alive).collect()
}

/// How many weak references point at `target`.
pub fn count(target: &Ref) -> usize {
    if !target.header().has_flag(flag::HAS_WEAKREFS) {
        return 0;
    }
    LISTS.with(|l| l.borrow().get(&target.weak()).map_or(0, Vec::len))
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

/// CPython's `get_basic_refs`: the reference and the proxy without callback that head
/// the list, with their positions.
pub fn basic_refs(target: &Ref) -> (Option<(usize, Ref)>, Option<(usize, Ref)>) {
    if !target.header().has_flag(flag::HAS_WEAKREFS) {
        return (None, None);
    }
    let found: (Option<(usize, Weak)>, Option<(usize, Weak)>) = LISTS.with(|l| {
        let l = l.borrow();
        let Some(list) = l.get(&target.weak()) else {
            return (None, None);
        };
        let mut basic_ref = None;
        let mut basic_proxy = None;
        let mut i = 0;
        let plain = |i: usize| list.get(i).and_then(|e| peek(e, |w| (w.callback.borrow().is_none(), w.kind)));
        if let Some((true, kind)) = plain(0) {
            if kind == super::WeakKind::Ref {
                basic_ref = Some((0, list[0].wr));
                i = 1;
            }
            if let Some((true, kind)) = plain(i) {
                if kind.is_proxy() {
                    basic_proxy = Some((i, list[i].wr));
                }
            }
        }
        (basic_ref, basic_proxy)
    });
    let up = |x: Option<(usize, Weak)>| x.and_then(|(i, w)| w.upgrade_alive().map(|r| (i, r)));
    (up(found.0), up(found.1))
}

/// Puts a new weakref at `position` in `target`'s list.
pub fn insert(target: &Ref, wr: &Ref, position: usize) {
    let Obj::WeakRef(w) = &**wr else { return };
    let entry = Entry { id: id_of(w), wr: wr.weak() };
    LISTS.with(|l| {
        let mut l = l.borrow_mut();
        let list = l.entry(target.weak()).or_default();
        let at = position.min(list.len());
        list.insert(at, entry);
    });
    target.header().set_flag(flag::HAS_WEAKREFS);
}

/// Removes a freed weakref from its target's list (CPython's `clear_weakref` from
/// `weakref_dealloc`); the target loses `HAS_WEAKREFS` with its last one.
pub fn unlink(target: Weak, id: usize) {
    let _ = LISTS.try_with(|l| {
        let mut l = l.borrow_mut();
        let Some(list) = l.get_mut(&target) else { return };
        if let Some(i) = list.iter().position(|e| e.id == id) {
            list.remove(i);
        }
        if list.is_empty() {
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
    let entries = LISTS.with(|l| l.borrow_mut().remove(&target.weak()));
    entries
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.wr.upgrade_alive())
        .collect()
}

/// Number of objects that have weak references (for leak tests).
pub fn table_len() -> usize {
    LISTS.with(|l| l.borrow().len())
}
