//! Generations of tracked container objects, after CPython 3.11's `Modules/gcmodule.c`:
//! three generations with thresholds (700, 10, 10); the gen-0 count is allocations minus
//! deallocations of container objects.
//!
//! Membership is a `Vec` of uncounted pointers per generation; an object records its
//! position, and freeing it leaves an empty place that the next collection compacts.

use super::raw::{flag, ObjBox, Ref, Weak};
use std::cell::RefCell;

pub struct Generations {
    pub lists: [Vec<Option<Weak>>; 3],
    pub counts: [i64; 3],
    pub thresholds: [i64; 3],
    pub enabled: bool,
    pub collecting: bool,
}

thread_local! {
    pub static GC: RefCell<Generations> = const {
        RefCell::new(Generations {
            lists: [Vec::new(), Vec::new(), Vec::new()],
            counts: [0, 0, 0],
            thresholds: [700, 10, 10],
            enabled: true,
            collecting: false,
        })
    };
}

/// Counts a new container allocation and tracks it in generation 0.
pub fn track_new(r: Ref) -> Ref {
    GC.with(|g| g.borrow_mut().counts[0] += 1);
    track(&r);
    r
}

/// Counts a container allocation that starts untracked (CPython: dicts, until they hold
/// a container).
pub fn count_new(r: Ref) -> Ref {
    GC.with(|g| g.borrow_mut().counts[0] += 1);
    r
}

pub fn track(r: &Ref) {
    let h = r.header();
    if h.has_flag(flag::TRACKED) {
        return;
    }
    GC.with(|g| {
        let mut g = g.borrow_mut();
        let list = &mut g.lists[0];
        h.set_gc_index(list.len() as u32);
        h.set_generation(0);
        list.push(Some(r.weak()));
    });
    h.set_flag(flag::TRACKED);
}

pub fn untrack(h: &ObjBox) {
    if !h.has_flag(flag::TRACKED) {
        return;
    }
    let _ = GC.try_with(|g| {
        let mut g = g.borrow_mut();
        let gen = h.generation();
        if let Some(place) = g.lists[gen].get_mut(h.gc_index() as usize) {
            *place = None;
        }
    });
    h.clear_flag(flag::TRACKED);
}

/// Called as a container is freed: untrack it and count the deallocation.
pub fn on_free(h: &ObjBox, is_container: bool) {
    untrack(h);
    if is_container {
        let _ = GC.try_with(|g| {
            let mut g = g.borrow_mut();
            if g.counts[0] > 0 {
                g.counts[0] -= 1;
            }
        });
    }
}

/// True when generation 0 has passed its threshold and automatic collection is on.
pub fn collection_due() -> bool {
    GC.with(|g| {
        let g = g.borrow();
        g.enabled && !g.collecting && g.thresholds[0] > 0 && g.counts[0] > g.thresholds[0]
    })
}
