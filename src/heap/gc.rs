//! The cycle collector's bookkeeping, after CPython 3.11's `Modules/gcmodule.c`: three
//! generations with thresholds (700, 10, 10), the permanent generation of `gc.freeze()`,
//! the generation-0 count (gc-object allocations minus deallocations) and the rules that
//! untrack dicts and tuples holding only atomic values.
//!
//! Each generation is a list of uncounted pointers in CPython's order; an object records
//! which list it is in and where (header bits and `gc_index`), so tracking and untracking
//! are O(1): untracking leaves a hole that the list compacts away once holes outnumber
//! live entries. The collection algorithm itself is in [`super::collect`]. A ring of the
//! last few collections ([`recent_collections`]) lets the REPL's `:gc` show what the
//! collector did lately.

use super::raw::{flag, ObjBox, Ref, Weak};
use crate::objects::Obj;
use std::cell::{Cell, RefCell};

pub const NUM_GENERATIONS: usize = 3;
/// The list of `gc.freeze()`: tracked, never collected.
pub const PERMANENT: usize = 3;
/// The collector's working set while a collection runs (CPython's `young`/`unreachable`).
pub(super) const WORK: usize = 4;
const NUM_LISTS: usize = 5;

/// `gc.DEBUG_*` flags.
pub mod debug {
    pub const STATS: i64 = 1 << 0;
    pub const COLLECTABLE: i64 = 1 << 1;
    pub const UNCOLLECTABLE: i64 = 1 << 2;
    pub const SAVEALL: i64 = 1 << 5;
    pub const LEAK: i64 = COLLECTABLE | UNCOLLECTABLE | SAVEALL;
}

/// One gc list: entries in order, holes where objects were untracked.
#[derive(Default)]
pub(super) struct GcList {
    pub(super) slots: Vec<Option<Weak>>,
    pub(super) live: usize,
}

impl GcList {
    const fn new() -> GcList {
        GcList {
            slots: Vec::new(),
            live: 0,
        }
    }

    pub(super) fn push(&mut self, h: &ObjBox, w: Weak, list: usize) {
        h.set_gc_index(self.slots.len() as u32);
        h.set_generation(list);
        self.slots.push(Some(w));
        self.live += 1;
    }

    pub(super) fn remove_at(&mut self, index: usize) {
        if let Some(place) = self.slots.get_mut(index) {
            if place.take().is_some() {
                self.live -= 1;
            }
        }
    }

    /// Drops the holes once they outnumber the live entries (amortised O(1) per untrack).
    fn maybe_compact(&mut self) {
        if self.slots.len() > 64 && self.slots.len() > 2 * self.live {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut write = 0;
        for read in 0..self.slots.len() {
            if let Some(w) = self.slots[read] {
                if let Some(h) = w.header_if_same() {
                    h.set_gc_index(write as u32);
                }
                self.slots[write] = Some(w);
                write += 1;
            }
        }
        self.slots.truncate(write);
    }

    /// Takes every entry out, in order.
    pub(super) fn take_all(&mut self) -> Vec<Weak> {
        let mut out = Vec::with_capacity(self.live);
        self.drain_into(&mut out);
        out
    }

    /// Moves every entry to the end of `out`, in order; the list keeps its buffer.
    pub(super) fn drain_into(&mut self, out: &mut Vec<Weak>) {
        self.live = 0;
        out.extend(self.slots.drain(..).flatten());
    }

    pub(super) fn entries(&self) -> impl Iterator<Item = Weak> + '_ {
        self.slots.iter().flatten().copied()
    }
}

/// What started a collection: shown with the recent collections (`:gc`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Trigger {
    /// Generation 0 passed its threshold at an allocation.
    Automatic,
    /// `gc.collect()`.
    Explicit,
    /// Interpreter shutdown.
    Shutdown,
}

/// One finished collection, kept in a small ring so a learner can see what the collector
/// did lately without turning on `gc.DEBUG_STATS`.
#[derive(Clone, Copy, Debug)]
pub struct CollectionRecord {
    /// 1 for the first collection of the thread, counting every generation.
    pub number: u64,
    pub generation: usize,
    pub collected: usize,
    pub uncollectable: usize,
    pub trigger: Trigger,
    /// Live objects on the heap once the collection ended: where it happened, in the
    /// only unit that means something without source positions.
    pub live_after: usize,
}

/// How many recent collections are remembered.
pub const RECENT_COLLECTIONS: usize = 8;

/// `gc.get_stats()` figures of one generation.
#[derive(Clone, Copy, Default)]
pub struct GenStats {
    pub collections: i64,
    pub collected: i64,
    pub uncollectable: i64,
}

pub struct GcState {
    pub(super) lists: [GcList; NUM_LISTS],
    /// Generation 0: gc-object allocations minus deallocations since its last collection;
    /// generations 1 and 2: collections of the next younger generation since their last.
    pub counts: [i64; NUM_GENERATIONS],
    pub thresholds: [i64; NUM_GENERATIONS],
    pub enabled: bool,
    /// A collection is running (nested ones are refused, as in CPython).
    pub collecting: bool,
    pub debug: i64,
    pub stats: [GenStats; NUM_GENERATIONS],
    /// The 25% rule for full collections: objects that survived a generation-1
    /// collection since the last full one, and the size of the oldest generation then.
    pub long_lived_pending: usize,
    pub long_lived_total: usize,
    /// The generation-0 count when an automatic collection became due.
    pub(super) due_at: i64,
    /// The last collections, a ring indexed by `number % RECENT_COLLECTIONS`.
    recent: [Option<CollectionRecord>; RECENT_COLLECTIONS],
    /// Collections finished so far (all generations).
    finished: u64,
}

thread_local! {
    pub(super) static GC: RefCell<GcState> = const {
        RefCell::new(GcState {
            lists: [GcList::new(), GcList::new(), GcList::new(), GcList::new(), GcList::new()],
            counts: [0, 0, 0],
            thresholds: [700, 10, 10],
            enabled: true,
            collecting: false,
            debug: 0,
            stats: [GenStats { collections: 0, collected: 0, uncollectable: 0 }; NUM_GENERATIONS],
            long_lived_pending: 0,
            long_lived_total: 0,
            due_at: 0,
            recent: [None; RECENT_COLLECTIONS],
            finished: 0,
        })
    };
    /// An automatic collection became due at an allocation; it runs at the next safe point.
    static DUE: Cell<bool> = const { Cell::new(false) };
    /// Weak reference objects freed so far (the collector counts those its callbacks free).
    static WEAKREFS_FREED: Cell<usize> = const { Cell::new(0) };
}

/// Reads the collector's state.
pub fn with_state<T>(f: impl FnOnce(&GcState) -> T) -> T {
    GC.with(|g| f(&g.borrow()))
}

/// Changes the collector's settings (never while a Ref could be dropped inside `f`).
pub fn with_state_mut<T>(f: impl FnOnce(&mut GcState) -> T) -> T {
    GC.with(|g| f(&mut g.borrow_mut()))
}

/// Counts a new gc object and tracks it in generation 0 (`PyObject_GC_New` followed by
/// `PyObject_GC_Track`).
#[inline]
pub fn track_new(r: Ref) -> Ref {
    let h = r.header();
    h.set_flag(flag::COUNTED | flag::TRACKED);
    GC.with(|g| {
        let mut g = g.borrow_mut();
        count_allocation(&mut g);
        g.lists[0].push(h, r.weak(), 0);
    });
    r
}

/// Counts a new gc object that starts untracked (CPython: dicts, until they hold a
/// container).
pub fn count_new(r: Ref) -> Ref {
    count(&r);
    r
}

/// Marks storage that CPython keeps inside its owner (see [`flag::INLINE`]).
pub fn inline(r: Ref) -> Ref {
    r.header().set_flag(flag::INLINE);
    r
}

fn count(r: &Ref) {
    r.header().set_flag(flag::COUNTED);
    GC.with(|g| count_allocation(&mut g.borrow_mut()));
}

/// `_PyObject_GC_Link`: one more gc object; a collection is due when generation 0 passes
/// its threshold.
#[inline]
fn count_allocation(g: &mut GcState) {
    g.counts[0] += 1;
    if g.counts[0] > g.thresholds[0]
        && g.enabled
        && g.thresholds[0] != 0
        && !g.collecting
        && !DUE.get()
    {
        DUE.set(true);
        g.due_at = g.counts[0];
    }
}

pub fn track(r: &Ref) {
    let h = r.header();
    if h.has_flag(flag::TRACKED) || h.has_flag(flag::INLINE) {
        return;
    }
    GC.with(|g| g.borrow_mut().lists[0].push(h, r.weak(), 0));
    h.set_flag(flag::TRACKED);
}

pub fn untrack(h: &ObjBox) {
    if !h.has_flag(flag::TRACKED) {
        return;
    }
    let _ = GC.try_with(|g| {
        let mut g = g.borrow_mut();
        let list = h.generation();
        let l = &mut g.lists[list];
        l.remove_at(h.gc_index() as usize);
        if list != WORK {
            l.maybe_compact();
        }
    });
    h.clear_flag(flag::TRACKED);
}

pub fn is_tracked(r: &Ref) -> bool {
    r.header().has_flag(flag::TRACKED)
}

/// Called as an object is freed: untrack it and count the deallocation of a gc object.
pub fn on_free(h: &ObjBox) {
    let f = h.flags();
    if f & (flag::TRACKED | flag::COUNTED) != 0 {
        let _ = GC.try_with(|g| {
            let mut g = g.borrow_mut();
            if f & flag::TRACKED != 0 {
                let list = h.generation();
                let l = &mut g.lists[list];
                l.remove_at(h.gc_index() as usize);
                if list != WORK {
                    l.maybe_compact();
                }
            }
            if f & flag::COUNTED != 0 && g.counts[0] > 0 {
                g.counts[0] -= 1;
            }
        });
        h.clear_flag(flag::TRACKED);
    }
    if matches!(h.obj, Obj::WeakRef(_)) {
        let _ = WEAKREFS_FREED.try_with(|n| n.set(n.get() + 1));
    }
}

/// Weak reference objects freed since the thread started.
pub fn weakrefs_freed() -> usize {
    WEAKREFS_FREED.with(Cell::get)
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`: a gc object that is tracked or, unless it
/// is a tuple, could become tracked.
pub fn may_be_tracked(r: &Ref) -> bool {
    let f = r.header().flags();
    f & flag::TRACKED != 0 || (f & flag::COUNTED != 0 && !matches!(&**r, Obj::Tuple(_)))
}

/// `MAINTAIN_TRACKING`: a dict starts tracking when a key or value that may be tracked
/// is stored in it.
pub fn maintain_dict_tracking(dict: &Ref, key: &Ref, value: &Ref) {
    let f = dict.header().flags();
    if f & (flag::TRACKED | flag::INLINE) == 0 && (may_be_tracked(key) || may_be_tracked(value)) {
        track(dict);
    }
}

/// An instance's attribute storage becomes a dict object of its own (`__dict__` was
/// asked for): counted as a new gc object, tracked when a value may be tracked
/// (`make_dict_from_instance_attributes`).
pub fn materialize(dict: &Ref) {
    let h = dict.header();
    if !h.has_flag(flag::INLINE) {
        return;
    }
    h.clear_flag(flag::INLINE);
    count(dict);
    let holds_container = match &**dict {
        Obj::Dict(d) => d.try_borrow().map(|d| {
            d.iter()
                .any(|(k, v)| may_be_tracked(k) || may_be_tracked(v))
        }),
        _ => Ok(false),
    };
    if holds_container.unwrap_or(true) {
        track(dict);
    }
}

/// True when an automatic collection became due at an allocation.
#[inline]
pub fn due() -> bool {
    DUE.with(Cell::get)
}

/// Clears the due flag; returns the allocations made since it was set.
pub fn take_due() -> Option<i64> {
    if !DUE.with(Cell::get) {
        return None;
    }
    DUE.with(|d| d.set(false));
    Some(GC.with(|g| {
        let g = g.borrow();
        (g.counts[0] - g.due_at).max(0)
    }))
}

/// The generation an automatic collection takes (`gc_collect_generations`): the oldest
/// whose count exceeds its threshold, except that the oldest one is only collected when
/// the objects that survived since the last full collection are 25% of those it held.
pub fn generation_to_collect() -> Option<usize> {
    GC.with(|g| {
        let g = g.borrow();
        (0..NUM_GENERATIONS).rev().find(|&i| {
            // Generation 0 passed its threshold when the collection became due.
            let over = i == 0 || g.counts[i] > g.thresholds[i];
            over && !(i == NUM_GENERATIONS - 1 && g.long_lived_pending < g.long_lived_total / 4)
        })
    })
}

/// Remembers a finished collection (a fixed-size ring: no allocation, O(1)).
pub fn record_collection(
    generation: usize,
    collected: usize,
    uncollectable: usize,
    trigger: Trigger,
) {
    let live_after = super::raw::live_objects();
    GC.with(|g| {
        let mut g = g.borrow_mut();
        g.finished += 1;
        let number = g.finished;
        g.recent[(number % RECENT_COLLECTIONS as u64) as usize] = Some(CollectionRecord {
            number,
            generation,
            collected,
            uncollectable,
            trigger,
            live_after,
        });
    });
}

/// The remembered collections, oldest first.
pub fn recent_collections() -> Vec<CollectionRecord> {
    GC.with(|g| {
        let g = g.borrow();
        let mut out: Vec<CollectionRecord> = g.recent.iter().flatten().copied().collect();
        out.sort_by_key(|r| r.number);
        out
    })
}

/// Live entries of each list: the three generations and the permanent generation.
pub fn list_sizes() -> [usize; 4] {
    GC.with(|g| {
        let g = g.borrow();
        [
            g.lists[0].live,
            g.lists[1].live,
            g.lists[2].live,
            g.lists[PERMANENT].live,
        ]
    })
}

/// The objects of one list, in order (`gc.get_objects`, `gc.get_referrers`).
pub fn objects_of(list: usize) -> Vec<Weak> {
    GC.with(|g| g.borrow().lists[list].entries().collect())
}

/// `gc.freeze()`: every tracked object moves to the permanent generation.
pub fn freeze() {
    GC.with(|g| {
        let mut g = g.borrow_mut();
        for gen in 0..NUM_GENERATIONS {
            let moved = g.lists[gen].take_all();
            for w in moved {
                if let Some(h) = w.header_if_same() {
                    g.lists[PERMANENT].push(h, w, PERMANENT);
                }
            }
            g.counts[gen] = 0;
        }
    });
}

/// `gc.unfreeze()`: the permanent generation joins the oldest one.
pub fn unfreeze() {
    GC.with(|g| {
        let mut g = g.borrow_mut();
        let moved = g.lists[PERMANENT].take_all();
        for w in moved {
            if let Some(h) = w.header_if_same() {
                g.lists[NUM_GENERATIONS - 1].push(h, w, NUM_GENERATIONS - 1);
            }
        }
    });
}

/// Moves an object to the end of generation 0, as if it were tracked just now.
pub fn retrack(r: &Ref) {
    if is_tracked(r) {
        untrack(r.header());
        track(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_last_collections_in_order() {
        std::thread::spawn(|| {
            for n in 0..RECENT_COLLECTIONS + 3 {
                record_collection(n % NUM_GENERATIONS, n, 0, Trigger::Explicit);
            }
            let recent = recent_collections();
            assert_eq!(recent.len(), RECENT_COLLECTIONS);
            assert_eq!(recent[0].number, 4);
            assert_eq!(recent[0].collected, 3);
            let last = recent.last().expect("some");
            assert_eq!(last.number, RECENT_COLLECTIONS as u64 + 3);
            assert!(recent.windows(2).all(|w| w[0].number < w[1].number));
        })
        .join()
        .expect("the test thread");
    }
}
