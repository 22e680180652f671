//! The collection algorithm of CPython 3.11's `gc_collect_main`, as far as it needs no
//! Python code: finding the unreachable objects of a generation (and the younger ones),
//! untracking tuples, promoting survivors, the long-lived bookkeeping, re-checking after
//! finalizers (resurrection) and moving what survives `tp_clear` to the older generation.
//! The steps that run Python code — weak-reference callbacks, `__del__`, `gc.callbacks` —
//! are driven by `modules::gc`, which calls these in order:
//!
//! 1. [`find_garbage`] (`update_refs`, `subtract_refs`, `move_unreachable`,
//!    `untrack_tuples`, merge into the older generation, `untrack_dicts`);
//! 2. weak references cleared, finalizers run (by the caller);
//! 3. [`handle_resurrected`] (`handle_resurrected_objects`);
//! 4. the garbage cleared one object at a time (by the caller), each followed by
//!    [`after_clear`]; then [`end_collection`].
//!
//! While a collection runs, the objects under examination sit in the `WORK` list; their
//! `gc_index` is their position there, which indexes the side tables of `gc_refs`. The
//! objects are never touched through counted references here, so the stored counts are
//! what CPython's `gc_refs` start from. Everything is iterative and linear in the size of
//! the generations collected.

use super::gc::{GcState, GC, NUM_GENERATIONS, WORK};
use super::raw::{flag, ObjBox, Ref, Weak};
use crate::objects::traverse::traverse_gc;
use crate::objects::Obj;
use std::cell::RefCell;

/// Scan state of an object in the working set (CPython keeps these in `_gc_prev` bits).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// In `young`, not scanned yet: `refs` counts references from outside the set.
    Young,
    /// Scanned and reachable: no longer "collecting".
    Reachable,
    /// Tentatively unreachable (`NEXT_MASK_UNREACHABLE`).
    Unreachable,
}

/// The position in the working set of an object visited by a traversal, if it is there.
#[inline]
fn work_position(h: &ObjBox) -> Option<usize> {
    const IN_WORK: u16 = flag::TRACKED | ((WORK as u16) << flag::GENERATION_SHIFT);
    (h.flags() & (flag::TRACKED | flag::GENERATION_MASK) == IN_WORK).then(|| h.gc_index() as usize)
}

fn header(w: &Weak) -> Option<&ObjBox> {
    w.header_if_same()
}

/// Buffers reused from one collection to the next (large allocations and frees on every
/// collection would cost more than the collection itself).
#[derive(Default)]
struct Scratch {
    /// The objects examined, by position in the working set.
    set: Vec<Weak>,
    refs: Vec<i64>,
    state: Vec<Scan>,
    /// Positions found reachable, in the order `move_unreachable` leaves them.
    young: Vec<u32>,
    /// Positions found unreachable, in list order.
    unreachable: Vec<u32>,
    /// The buffer the working set's list gets at the next gathering.
    spare: Vec<Option<Weak>>,
    /// The buffer of the next list of garbage (see [`recycle`]).
    garbage: Vec<Weak>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// `deduce_unreachable` over `s.set` (which is the working set, each object knowing its
/// position, `s.refs` holding its count): fills `s.young` and `s.unreachable`.
fn deduce_unreachable(s: &mut Scratch) {
    let Scratch {
        set,
        refs,
        state,
        young,
        unreachable,
        ..
    } = s;
    let n = set.len();
    debug_assert_eq!(refs.len(), n);
    // subtract_refs: every reference from inside the set is not a reason to live.
    for w in set.iter() {
        if let Some(h) = header(w) {
            traverse_gc(&h.obj, &mut |r: &Ref| {
                if let Some(p) = work_position(r.header()) {
                    refs[p] -= 1;
                }
            });
        }
    }
    // move_unreachable: scan `young` in order; an object with outside references is
    // reachable and so is everything it reaches; one without is assumed unreachable until
    // something reachable turns out to refer to it, which moves it back to the end of
    // `young` to be scanned again.
    state.clear();
    state.resize(n, Scan::Young);
    young.clear();
    young.extend(0..n as u32);
    unreachable.clear();
    let mut read = 0;
    let mut write = 0;
    let mut revived = false;
    while read < young.len() {
        let pos = young[read] as usize;
        read += 1;
        if refs[pos] > 0 {
            if let Some(h) = header(&set[pos]) {
                traverse_gc(&h.obj, &mut |r: &Ref| {
                    let Some(p) = work_position(r.header()) else {
                        return;
                    };
                    match state[p] {
                        Scan::Reachable => {}
                        Scan::Unreachable => {
                            state[p] = Scan::Young;
                            refs[p] = 1;
                            young.push(p as u32);
                            revived = true;
                        }
                        Scan::Young => {
                            if refs[p] == 0 {
                                refs[p] = 1;
                            }
                        }
                    }
                });
            }
            state[pos] = Scan::Reachable;
            young[write] = pos as u32;
            write += 1;
        } else {
            state[pos] = Scan::Unreachable;
            unreachable.push(pos as u32);
        }
    }
    young.truncate(write);
    if revived {
        unreachable.retain(|&p| state[p as usize] == Scan::Unreachable);
    }
}

/// `_PyTuple_MaybeUntrack`: a tuple of untracked or atomic items can never be part of a
/// cycle.
fn tuple_may_untrack(h: &ObjBox) -> bool {
    match &h.obj {
        Obj::Tuple(items) => items.iter().all(|x| !super::gc::may_be_tracked(x)),
        _ => false,
    }
}

/// `_PyDict_MaybeUntrack` for exact dicts (the instance-attribute storage is never here).
fn dict_may_untrack(h: &ObjBox) -> bool {
    match &h.obj {
        Obj::Dict(d) => d
            .try_borrow()
            .map(|d| {
                d.iter()
                    .all(|(k, v)| !super::gc::may_be_tracked(k) && !super::gc::may_be_tracked(v))
            })
            .unwrap_or(false),
        _ => false,
    }
}

/// Untracks an object that sits in the working set (its place there is dropped with the
/// whole set).
fn untrack_in_work(h: &ObjBox) {
    h.clear_flag(flag::TRACKED);
}

fn older(generation: usize) -> usize {
    (generation + 1).min(NUM_GENERATIONS - 1)
}

/// Puts objects in the working set, in order, each knowing its position.
fn fill_work(g: &mut GcState, objs: &[Weak]) {
    let work = &mut g.lists[WORK];
    work.slots.clear();
    work.live = 0;
    for w in objs {
        if let Some(h) = header(w) {
            work.push(h, *w, WORK);
        }
    }
}

/// Moves the objects of `from` (in that order) into the working set, each knowing its
/// position, with their counts in `refs` (`update_refs`). Objects whose count reached zero
/// wait for their finalizer: they are not the collector's to examine, will be freed soon,
/// and meanwhile go to the older generation. One pass over the objects.
fn gather(g: &mut GcState, from: &[usize], old: usize, sc: &mut Scratch) {
    let Scratch {
        set, refs, spare, ..
    } = sc;
    set.clear();
    refs.clear();
    let mut work = std::mem::take(spare);
    work.clear();
    let mut waiting = Vec::new();
    for &list in from {
        let mut slots = std::mem::take(&mut g.lists[list].slots);
        g.lists[list].live = 0;
        for w in slots.drain(..).flatten() {
            let Some(h) = header(&w) else { continue };
            let count = h.refcount();
            if count == 0 {
                waiting.push(w);
                continue;
            }
            h.set_gc_index(set.len() as u32);
            h.set_generation(WORK);
            set.push(w);
            refs.push(count as i64);
            work.push(Some(w));
        }
        // The list keeps its buffer (nothing was pushed to it meanwhile).
        debug_assert!(g.lists[list].slots.is_empty());
        if list == WORK {
            *spare = slots;
        } else {
            g.lists[list].slots = slots;
        }
    }
    if !from.contains(&WORK) {
        // The working set is empty between collections: its buffer is the next spare.
        *spare = std::mem::take(&mut g.lists[WORK].slots);
    }
    g.lists[WORK].live = work.len();
    g.lists[WORK].slots = work;
    for w in waiting {
        if let Some(h) = header(&w) {
            g.lists[old].push(h, w, old);
        }
    }
}

/// Step 1 of a collection of `generation`: updates the counts, finds the unreachable
/// objects of that generation and the younger ones, and moves the reachable ones to the
/// older generation. Returns the unreachable objects, in CPython's order; they stay
/// tracked in the working set until [`handle_resurrected`].
pub fn find_garbage(generation: usize) -> Vec<Weak> {
    let old = older(generation);
    SCRATCH.with(|sc| {
        let mut sc = sc.borrow_mut();
        let sc = &mut *sc;
        // Update the counts, and merge the younger generations into the one collected.
        GC.with(|g| {
            let mut g = g.borrow_mut();
            let g = &mut *g;
            if generation + 1 < NUM_GENERATIONS {
                g.counts[generation + 1] += 1;
            }
            for i in 0..=generation {
                g.counts[i] = 0;
            }
            // The collected generation, then the younger ones merged after it.
            let mut from = [generation; NUM_GENERATIONS];
            for (i, list) in from[1..=generation].iter_mut().enumerate() {
                *list = i;
            }
            gather(g, &from[..=generation], old, sc);
        });

        deduce_unreachable(sc);

        // untrack_tuples, then merge the survivors into the older generation.
        GC.with(|g| {
            let mut g = g.borrow_mut();
            let mut promoted = 0;
            for &p in &sc.young {
                let w = sc.set[p as usize];
                let Some(h) = header(&w) else { continue };
                if tuple_may_untrack(h) {
                    untrack_in_work(h);
                    continue;
                }
                if generation == NUM_GENERATIONS - 1 && dict_may_untrack(h) {
                    // Dicts are only untracked in full collections (bpo-14775).
                    untrack_in_work(h);
                    continue;
                }
                g.lists[old].push(h, w, old);
                promoted += 1;
            }
            if generation == NUM_GENERATIONS - 2 {
                g.long_lived_pending += promoted;
            } else if generation == NUM_GENERATIONS - 1 {
                g.long_lived_pending = 0;
                g.long_lived_total = promoted;
            }
            let garbage = garbage_of(sc);
            fill_work(&mut g, &garbage);
            garbage
        })
    })
}

/// Step 3, after weak references were cleared and finalizers ran: the objects still in
/// the working set are examined again; those a finalizer made reachable (and everything
/// they reach) join the older generation, the rest is returned — the final garbage.
pub fn handle_resurrected(generation: usize) -> Vec<Weak> {
    let old = older(generation);
    SCRATCH.with(|sc| {
        let mut sc = sc.borrow_mut();
        let sc = &mut *sc;
        GC.with(|g| {
            let mut g = g.borrow_mut();
            let g = &mut *g;
            gather(g, &[WORK], old, sc);
        });
        deduce_unreachable(sc);
        GC.with(|g| {
            let mut g = g.borrow_mut();
            for &p in &sc.young {
                let w = sc.set[p as usize];
                if let Some(h) = header(&w) {
                    g.lists[old].push(h, w, old);
                }
            }
            let garbage = garbage_of(sc);
            fill_work(&mut g, &garbage);
            garbage
        })
    })
}

/// Step 4, after one garbage object was cleared: if it is still alive (something it
/// does not own still refers to it), it moves to the older generation and may die later.
pub fn after_clear(w: Weak, generation: usize) {
    let old = older(generation);
    let Some(h) = header(&w) else { return };
    if work_position(h).is_none() {
        return;
    }
    GC.with(|g| {
        let mut g = g.borrow_mut();
        g.lists[WORK].remove_at(h.gc_index() as usize);
        g.lists[old].push(h, w, old);
    });
}

/// Ends a collection: nothing may stay in the working set.
pub fn end_collection(generation: usize) {
    let old = older(generation);
    GC.with(|g| {
        let mut g = g.borrow_mut();
        let mut left = std::mem::take(&mut g.lists[WORK].slots);
        g.lists[WORK].live = 0;
        for w in left.drain(..).flatten() {
            if let Some(h) = header(&w) {
                g.lists[old].push(h, w, old);
            }
        }
        g.lists[WORK].slots = left;
    });
}

/// The unreachable objects found, in a buffer that served an earlier collection.
fn garbage_of(sc: &mut Scratch) -> Vec<Weak> {
    let mut garbage = std::mem::take(&mut sc.garbage);
    garbage.clear();
    garbage.extend(sc.unreachable.iter().map(|&p| sc.set[p as usize]));
    garbage
}

/// Gives back a list of garbage once the collection is done with it, so the next
/// collection reuses its buffer (large buffers freed and allocated again on every
/// collection cost more than the work they hold).
pub fn recycle(mut garbage: Vec<Weak>) {
    garbage.clear();
    let _ = SCRATCH.try_with(|sc| {
        if let Ok(mut sc) = sc.try_borrow_mut() {
            if garbage.capacity() > sc.garbage.capacity() {
                sc.garbage = garbage;
            }
        }
    });
}
