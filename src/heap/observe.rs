//! A recorder of what happens to memory while one statement runs, for the REPL's report:
//! which objects were freed (and why) and which collections ran. It is off unless a
//! front-end starts it; off, the free path pays one thread-local flag check.
//!
//! Descriptions are taken from the payload while the object is still intact (just before
//! it is freed, or for cycle garbage before the collector clears it), by plain Rust code:
//! no Python code ever runs from inside a free.

use super::raw::{ObjBox, Weak};
use super::{flag, Ref};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

/// Objects described one by one; beyond this only a count is kept.
const MAX_DETAILED: usize = 64;

/// Why an object was freed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeReason {
    /// Its reference count reached zero.
    CountZero,
    /// The cycle collector found it unreachable while collecting this generation.
    Collected { generation: usize },
}

/// One freed object, as it looked when it was freed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Freed {
    pub type_name: String,
    pub repr: String,
    pub id: u64,
    pub reason: FreeReason,
}

/// One collection of the cycle collector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Collection {
    pub generation: usize,
    /// What `gc.collect()` would have returned for it.
    pub collected: usize,
}

/// What the recorder saw between [`start`] and [`stop`].
#[derive(Default, Debug)]
pub struct Recording {
    /// Freed objects that existed before recording started, and every object the
    /// collector freed, in the order they went.
    pub freed: Vec<Freed>,
    /// Freed objects past [`MAX_DETAILED`].
    pub more_freed: usize,
    /// Objects both created and freed while recording (temporaries), freed by count.
    pub temporaries: usize,
    pub collections: Vec<Collection>,
}

#[derive(Default)]
struct Recorder {
    /// Objects alive when recording started.
    existing: HashSet<Weak>,
    /// Garbage already described before the collector cleared it.
    described: HashSet<Weak>,
    /// The generation being collected, while a collection runs.
    collecting: Option<usize>,
    recording: Recording,
}

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static RECORDER: RefCell<Recorder> = RefCell::new(Recorder::default());
}

/// Starts recording; objects alive now are the ones whose freeing is reported by name.
pub fn start() {
    let existing: HashSet<Weak> = super::raw::all_live().into_iter().collect();
    RECORDER.with(|r| {
        *r.borrow_mut() = Recorder {
            existing,
            ..Recorder::default()
        }
    });
    ON.with(|on| on.set(true));
    super::raw::set_observing(true);
}

/// Stops recording and returns what was seen.
pub fn stop() -> Recording {
    ON.with(|on| on.set(false));
    super::raw::set_observing(false);
    RECORDER.with(|r| std::mem::take(&mut *r.borrow_mut()).recording)
}

/// True while a recording runs.
#[inline]
pub fn enabled() -> bool {
    ON.try_with(Cell::get).unwrap_or(false)
}

/// Called for every object about to be freed.
#[inline]
pub fn on_free(h: &ObjBox) {
    if enabled() {
        record_free(h);
    }
}

fn record_free(h: &ObjBox) {
    if h.has_flag(flag::INLINE) {
        return;
    }
    let w = h.weak();
    let _ = RECORDER.try_with(|r| {
        let Ok(mut r) = r.try_borrow_mut() else {
            return;
        };
        if r.described.remove(&w) {
            return;
        }
        let reason = match r.collecting {
            Some(generation) => FreeReason::Collected { generation },
            None => FreeReason::CountZero,
        };
        if reason == FreeReason::CountZero && !r.existing.contains(&w) {
            r.recording.temporaries += 1;
            return;
        }
        push(&mut r, h, reason);
    });
}

fn push(r: &mut Recorder, h: &ObjBox, reason: FreeReason) {
    if r.recording.freed.len() >= MAX_DETAILED {
        r.recording.more_freed += 1;
        return;
    }
    let (type_name, repr) = crate::objects::short_repr::describe(&h.obj, h.weak().id());
    r.recording.freed.push(Freed {
        type_name,
        repr,
        id: h.weak().id(),
        reason,
    });
}

/// A collection of `generation` begins: what is freed until it ends is its garbage.
pub fn collection_started(generation: usize) {
    if enabled() {
        RECORDER.with(|r| r.borrow_mut().collecting = Some(generation));
    }
}

/// The collector is about to clear `obj`, cycle garbage: it is described now, while its
/// contents are intact.
pub fn collecting_garbage(obj: &Ref) {
    if !enabled() {
        return;
    }
    RECORDER.with(|r| {
        let mut r = r.borrow_mut();
        let generation = r.collecting.unwrap_or(0);
        let h = obj.header();
        if r.described.insert(h.weak()) {
            push(&mut r, h, FreeReason::Collected { generation });
        }
    });
}

/// A collection ended, having found `collected` unreachable objects.
pub fn collection_finished(generation: usize, collected: usize) {
    if enabled() {
        RECORDER.with(|r| {
            let mut r = r.borrow_mut();
            r.collecting = None;
            r.recording.collections.push(Collection {
                generation,
                collected,
            });
        });
    }
}
