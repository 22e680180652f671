//! The object store: every Python object lives in an [`ObjBox`] in a slab, and [`Ref`] is
//! one counted (strong) reference to it. This is the only module with `unsafe` code.
//!
//! # Invariants
//! 1. A slot holding a live object has `refcount` equal to the number of `Ref`s to it
//!    (plus the references the gc temporarily accounts for while it runs). A `Ref` is
//!    created only by [`Ref::new`] (count 1), [`Clone`] (count + 1) or [`resurrect`]
//!    (count 0 → 1 for an object waiting for its finalizer); it is destroyed only by
//!    `Drop` (count − 1). So the pointer inside a `Ref` is valid while the `Ref` lives.
//! 2. When a count reaches 0 the object is either freed or, when it has a finalizer or
//!    weak references still to clear, parked on the *pending* list with count 0, where
//!    nothing but [`take_pending`] can reach it. Freed slots go back to their pool's free
//!    list and are reused last-in first-out, the way CPython's pymalloc reuses blocks, so
//!    `id([]) == id([])` holds as it does there.
//! 3. Freeing never recurses: objects whose count reaches 0 while another object is being
//!    freed are pushed on an explicit stack. Each payload drops its children in the
//!    reverse of CPython's deallocation order, so popping the stack frees them in
//!    CPython's order, depth first. A million-long chain frees in constant stack.
//! 4. [`Weak`] is an uncounted pointer used by the gc and weak references; it is only
//!    dereferenced through [`Weak::upgrade_alive`], which checks the slot still holds the
//!    same object (slot number and allocation generation).
//!
//! The heap is per thread: one interpreter per thread.

use crate::objects::Obj;
use std::cell::{Cell, RefCell};
use std::mem::MaybeUninit;
use std::ptr::NonNull;

/// Object header flags.
pub mod flag {
    /// Linked in a gc generation (CPython: `_PyObject_GC_IS_TRACKED`).
    pub const TRACKED: u16 = 1 << 0;
    /// `__del__` already ran (PEP 442: at most once).
    pub const FINALIZED: u16 = 1 << 1;
    /// Some weak reference points at this object.
    pub const HAS_WEAKREFS: u16 = 1 << 2;
    /// Waiting on the pending list for its finalizer or weakref callbacks.
    pub const PENDING: u16 = 1 << 3;
    /// Never freed (the small ints, None, the builtin types).
    pub const IMMORTAL: u16 = 1 << 4;
    /// Storage that CPython keeps inside another object rather than as an object of its
    /// own (an instance's attribute values before `__dict__` is asked for, the builtin
    /// part of `class L(list)`): never tracked or counted by itself; the owner's
    /// traversal lists its contents.
    pub const INLINE: u16 = 1 << 5;
    /// Counted in the gc's generation-0 allocation count (a gc object, CPython's
    /// `PyObject_IS_GC`): its deallocation is counted too.
    pub const COUNTED: u16 = 1 << 6;
    /// For a staticmethod or classmethod: made by the class itself (`__new__`,
    /// `__init_subclass__`), which gives it no `__dict__`, unlike the decorators.
    pub const PLAIN: u16 = 1 << 7;
    /// Bits 8..10 hold the gc list the object is linked in (a generation, the permanent
    /// generation, or the collector's working set).
    pub const GENERATION_SHIFT: u16 = 8;
    pub const GENERATION_MASK: u16 = 0b111 << GENERATION_SHIFT;
}

pub struct ObjBox {
    refcount: Cell<u32>,
    /// Permanent number of the slab slot: gives `id()`.
    slot: u32,
    /// Bumped each time the slot is reused, so stale weak pointers are detected.
    generation: Cell<u32>,
    flags: Cell<u16>,
    /// Index in the gc generation list (valid while TRACKED).
    gc_index: Cell<u32>,
    pub obj: Obj,
}

impl ObjBox {
    pub fn refcount(&self) -> u32 {
        self.refcount.get()
    }

    pub fn flags(&self) -> u16 {
        self.flags.get()
    }

    pub fn set_flag(&self, f: u16) {
        self.flags.set(self.flags.get() | f);
    }

    pub fn clear_flag(&self, f: u16) {
        self.flags.set(self.flags.get() & !f);
    }

    pub fn has_flag(&self, f: u16) -> bool {
        self.flags.get() & f != 0
    }

    pub fn gc_index(&self) -> u32 {
        self.gc_index.get()
    }

    pub fn set_gc_index(&self, i: u32) {
        self.gc_index.set(i)
    }

    pub fn generation(&self) -> usize {
        ((self.flags.get() & flag::GENERATION_MASK) >> flag::GENERATION_SHIFT) as usize
    }

    pub fn set_generation(&self, g: usize) {
        let f = self.flags.get() & !flag::GENERATION_MASK;
        self.flags.set(f | ((g as u16) << flag::GENERATION_SHIFT));
    }

    pub fn slot(&self) -> u32 {
        self.slot
    }

    /// An uncounted pointer to this object (as [`Ref::weak`]).
    pub fn weak(&self) -> Weak {
        Weak {
            ptr: NonNull::from(self),
            slot: self.slot,
            generation: self.generation.get(),
        }
    }

    /// Adjusts the count without a `Ref`: only the gc uses this, to break cycles
    /// symmetrically (it must restore every change it makes).
    pub fn add_refcount(&self, delta: i64) {
        self.refcount
            .set((self.refcount.get() as i64 + delta) as u32);
    }
}

/// One strong reference. Cloning increments the object's count, dropping decrements it.
#[repr(transparent)]
pub struct Ref(NonNull<ObjBox>);

impl Ref {
    /// Allocates an object with count 1.
    pub fn new(obj: Obj) -> Ref {
        let ptr = STATE.with(|s| {
            let ptr = s.slab.borrow_mut().alloc(obj);
            if s.tracing.get() {
                // SAFETY: the object was just allocated with count 1.
                (s.hooks.get().on_alloc)(unsafe { ptr.as_ref() });
            }
            ptr
        });
        Ref(ptr)
    }

    pub fn header(&self) -> &ObjBox {
        // SAFETY: invariant 1: the object lives while this Ref does.
        unsafe { self.0.as_ref() }
    }

    pub fn refcount(&self) -> u32 {
        self.header().refcount.get()
    }

    /// Address and reuse generation of the slot: equal only for the same object, even
    /// after the slot is reused.
    #[inline]
    pub fn identity(&self) -> (usize, u32) {
        (self.0.as_ptr() as usize, self.header().generation.get())
    }

    /// Same object?  (`is`)
    #[inline]
    pub fn is(&self, other: &Ref) -> bool {
        self.0 == other.0
    }

    /// The deterministic, address-like number `id()` returns.
    pub fn id(&self) -> u64 {
        address_of_slot(self.header().slot)
    }

    pub fn weak(&self) -> Weak {
        Weak {
            ptr: self.0,
            slot: self.header().slot,
            generation: self.header().generation.get(),
        }
    }

    /// A stable key for maps keyed by object identity while the object is alive.
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }
}

/// A vector of references as a vector of slots, without copying: `Ref` is a non-null
/// pointer, so `Option<Ref>` has its exact layout (the null niche is `None`).
#[inline]
pub fn refs_into_slots(refs: Vec<Ref>) -> Vec<Option<Ref>> {
    let mut refs = std::mem::ManuallyDrop::new(refs);
    let (ptr, len, capacity) = (refs.as_mut_ptr(), refs.len(), refs.capacity());
    // SAFETY: same size and alignment (asserted below), and every `Ref` is a valid
    // `Some(Ref)`; the buffer changes owner without being freed.
    unsafe { Vec::from_raw_parts(ptr.cast::<Option<Ref>>(), len, capacity) }
}

/// An emptied vector of slots back as a vector of references, keeping its buffer.
#[inline]
pub fn empty_slots_into_refs(mut slots: Vec<Option<Ref>>) -> Vec<Ref> {
    slots.clear();
    let mut slots = std::mem::ManuallyDrop::new(slots);
    let (ptr, capacity) = (slots.as_mut_ptr(), slots.capacity());
    // SAFETY: the vector is empty, so no element is reinterpreted; the layouts match.
    unsafe { Vec::from_raw_parts(ptr.cast::<Ref>(), 0, capacity) }
}

const _: () = assert!(
    std::mem::size_of::<Option<Ref>>() == std::mem::size_of::<Ref>()
        && std::mem::align_of::<Option<Ref>>() == std::mem::align_of::<Ref>()
);

/// The address `id()` reports for a slab slot: 16-byte aligned, CPython-looking.
pub fn address_of_slot(slot: u32) -> u64 {
    0x7f3a_5c00_0000 + slot as u64 * std::mem::size_of::<ObjBox>() as u64
}

impl std::ops::Deref for Ref {
    type Target = Obj;

    #[inline]
    fn deref(&self) -> &Obj {
        &self.header().obj
    }
}

impl Clone for Ref {
    #[inline]
    fn clone(&self) -> Ref {
        let h = self.header();
        h.refcount.set(h.refcount.get() + 1);
        Ref(self.0)
    }
}

impl Drop for Ref {
    #[inline]
    fn drop(&mut self) {
        let h = self.header();
        let n = h.refcount.get() - 1;
        h.refcount.set(n);
        if n == 0 {
            on_zero(self.0);
        }
    }
}

impl std::fmt::Debug for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ref#{}({})", self.header().slot, self.type_name())
    }
}

/// An uncounted pointer to an object, checked before use.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Weak {
    ptr: NonNull<ObjBox>,
    slot: u32,
    generation: u32,
}

impl Weak {
    /// A new strong reference if the object is still alive (count > 0, same allocation).
    pub fn upgrade_alive(&self) -> Option<Ref> {
        let h = self.header_if_same()?;
        if h.refcount.get() == 0 {
            return None;
        }
        h.refcount.set(h.refcount.get() + 1);
        Some(Ref(self.ptr))
    }

    /// The header, if the slot still holds the object this pointer was taken from
    /// (it may have count 0 while it waits on the pending list).
    pub fn header_if_same(&self) -> Option<&ObjBox> {
        // SAFETY: slab slots are never returned to the system allocator while the
        // thread's heap lives, so the memory is readable; a freed slot has its
        // generation bumped, so a stale pointer fails the check below.
        let h = unsafe { self.ptr.as_ref() };
        (h.slot == self.slot && h.generation.get() == self.generation && slot_live(h)).then_some(h)
    }

    pub fn id(&self) -> u64 {
        address_of_slot(self.slot)
    }

    /// The same key as [`Ref::addr`] for the object this pointer was taken from.
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }
}

const CHUNK_SLOTS: usize = 2048;
/// Generation value of a free slot (odd = free, even = live).
fn slot_live(h: &ObjBox) -> bool {
    h.generation.get().is_multiple_of(2)
}

/// Slots per pool: the unit allocation prefers, like one of pymalloc's 16 KiB pools.
const POOL_SLOTS: usize = 256;
const POOLS_PER_CHUNK: usize = CHUNK_SLOTS / POOL_SLOTS;
/// A free slot's payload holds the link to the next free slot of its pool.
const _: () = assert!(
    std::mem::size_of::<Obj>() >= std::mem::size_of::<*mut ObjBox>()
        && std::mem::align_of::<Obj>() >= std::mem::align_of::<*mut ObjBox>()
);

/// Where a free slot keeps the link to the next free slot (its payload is dead).
#[inline]
fn free_link(p: *mut ObjBox) -> *mut *mut ObjBox {
    // SAFETY (of the callers' writes and reads): the payload of a free slot is never
    // read as an `Obj`; it is overwritten whole when the slot is allocated again.
    unsafe { std::ptr::addr_of_mut!((*p).obj).cast() }
}

/// A pool's free slots, linked through their payloads (null ends the list).
struct Pool {
    free_head: *mut ObjBox,
    free_count: u32,
    /// On the slab's `available` stack.
    listed: bool,
}

/// A slab of fixed-size slots grouped in pools, allocated the way CPython's pymalloc
/// does: from the pool on top of the `available` stack until it is full; a freed slot
/// goes to the front of its own pool's free list, and a full pool that gets a slot back
/// goes on top of the stack. So allocations stay close together in memory however the
/// frees were scattered, and the slot freed last is the one handed out next (the reason
/// `id([]) == id([])` holds in both).
struct Slab {
    chunks: Vec<Box<[MaybeUninit<ObjBox>]>>,
    pools: Vec<Pool>,
    /// Pools with free slots; the top one is allocated from.
    available: Vec<u32>,
    live: usize,
}

impl Slab {
    const fn new() -> Slab {
        Slab {
            chunks: Vec::new(),
            pools: Vec::new(),
            available: Vec::new(),
            live: 0,
        }
    }

    /// The slot with this number.
    #[inline]
    fn slot_ptr(&self, slot: u32) -> *mut ObjBox {
        let slot = slot as usize;
        self.chunks[slot / CHUNK_SLOTS][slot % CHUNK_SLOTS].as_ptr() as *mut ObjBox
    }

    #[inline]
    fn alloc(&mut self, obj: Obj) -> NonNull<ObjBox> {
        self.live += 1;
        let pool_index = match self.available.last() {
            Some(&p) => p as usize,
            None => self.new_pool(),
        };
        let pool = &mut self.pools[pool_index];
        let b = pool.free_head;
        // SAFETY: `b` is a free slot of an initialised pool: its header is valid and its
        // payload holds only the free-list link, so it is overwritten without drop.
        unsafe {
            pool.free_head = free_link(b).read();
            pool.free_count -= 1;
            if pool.free_count == 0 {
                pool.listed = false;
                self.available.pop();
            }
            std::ptr::write(std::ptr::addr_of_mut!((*b).obj), obj);
            (*b).refcount.set(1);
            (*b).generation.set((*b).generation.get().wrapping_add(1));
            (*b).flags.set(0);
            (*b).gc_index.set(u32::MAX);
            NonNull::new_unchecked(b)
        }
    }

    /// Carves a pool of never-used slots (and a chunk for it when needed), links its
    /// slots in ascending order and puts it on the available stack.
    #[cold]
    fn new_pool(&mut self) -> usize {
        let pool_index = self.pools.len();
        if pool_index.is_multiple_of(POOLS_PER_CHUNK) {
            let mut chunk = Vec::with_capacity(CHUNK_SLOTS);
            chunk.resize_with(CHUNK_SLOTS, MaybeUninit::uninit);
            self.chunks.push(chunk.into_boxed_slice());
        }
        let first = pool_index * POOL_SLOTS;
        let mut next: *mut ObjBox = std::ptr::null_mut();
        for i in (0..POOL_SLOTS).rev() {
            let slot = (first + i) as u32;
            let p = self.slot_ptr(slot);
            // SAFETY: p is an uninitialised slot of our chunk; only header fields are
            // written (the payload stays uninitialised, as in any free slot), and an odd
            // generation marks the slot free.
            unsafe {
                std::ptr::addr_of_mut!((*p).refcount).write(Cell::new(0));
                std::ptr::addr_of_mut!((*p).slot).write(slot);
                std::ptr::addr_of_mut!((*p).generation).write(Cell::new(1));
                std::ptr::addr_of_mut!((*p).flags).write(Cell::new(0));
                std::ptr::addr_of_mut!((*p).gc_index).write(Cell::new(u32::MAX));
                free_link(p).write(next);
            }
            next = p;
        }
        self.pools.push(Pool {
            free_head: next,
            free_count: POOL_SLOTS as u32,
            listed: true,
        });
        self.available.push(pool_index as u32);
        pool_index
    }

    /// Returns a slot whose payload has been dropped to its pool's free list.
    #[inline]
    fn release(&mut self, ptr: NonNull<ObjBox>) {
        self.live -= 1;
        // SAFETY: ptr points into one of our chunks; the payload was moved out, so it
        // is free to hold the free-list link.
        let slot = unsafe {
            let h = &*ptr.as_ptr();
            h.generation.set(h.generation.get().wrapping_add(1));
            h.slot
        };
        let pool_index = slot as usize / POOL_SLOTS;
        let pool = &mut self.pools[pool_index];
        // SAFETY: as above.
        unsafe { free_link(ptr.as_ptr()).write(pool.free_head) };
        pool.free_head = ptr.as_ptr();
        pool.free_count += 1;
        if !pool.listed {
            pool.listed = true;
            self.available.push(pool_index as u32);
        }
    }
}

/// What the heap asks of the object model when an object's count reaches zero.
pub struct Hooks {
    /// True when the object must be parked for its finalizer / weakref callbacks.
    pub needs_finalizer: fn(&ObjBox) -> bool,
    /// Called just before an object is freed (gc untracking, tracemalloc, observers).
    pub before_free: fn(&ObjBox),
    /// Called after an object is allocated while tracing is on (tracemalloc).
    pub on_alloc: fn(&ObjBox),
}

fn no_finalizer(_: &ObjBox) -> bool {
    false
}

fn nothing_before_free(_: &ObjBox) {}

fn nothing_on_alloc(_: &ObjBox) {}

struct HeapState {
    slab: RefCell<Slab>,
    free_stack: RefCell<Vec<NonNull<ObjBox>>>,
    freeing: Cell<bool>,
    pending: RefCell<Vec<NonNull<ObjBox>>>,
    hooks: Cell<Hooks>,
    /// tracemalloc is tracing: allocations call `hooks.on_alloc`.
    tracing: Cell<bool>,
    /// A recorder of frees is on (the REPL's report): every free calls `before_free`.
    observing: Cell<bool>,
}

impl Clone for Hooks {
    fn clone(&self) -> Hooks {
        *self
    }
}
impl Copy for Hooks {}

thread_local! {
    static STATE: HeapState = const {
        HeapState {
            slab: RefCell::new(Slab::new()),
            free_stack: RefCell::new(Vec::new()),
            freeing: Cell::new(false),
            pending: RefCell::new(Vec::new()),
            hooks: Cell::new(Hooks {
                needs_finalizer: no_finalizer,
                before_free: nothing_before_free,
                on_alloc: nothing_on_alloc,
            }),
            tracing: Cell::new(false),
            observing: Cell::new(false),
        }
    };
}

/// Installs the object model's hooks (done once by the interpreter).
pub fn set_hooks(hooks: Hooks) {
    STATE.with(|s| s.hooks.set(hooks));
}

/// Turns the allocation hook on or off (tracemalloc's start and stop).
pub fn set_tracing(on: bool) {
    STATE.with(|s| s.tracing.set(on));
}

/// Turns the report of every free on or off (the free recorder's start and stop).
pub fn set_observing(on: bool) {
    STATE.with(|s| s.observing.set(on));
}

/// True while tracemalloc traces allocations: the one check on the free path.
#[inline]
pub fn tracing() -> bool {
    STATE.try_with(|s| s.tracing.get()).unwrap_or(false)
}

/// Number of live objects (allocated and not yet freed, pending ones included).
pub fn live_objects() -> usize {
    STATE.with(|s| s.slab.borrow().live)
}

/// Uncounted pointers to every live object, in slot order (for the heap audit). The
/// objects may have count 0 while they wait on the pending list.
pub fn all_live() -> Vec<Weak> {
    STATE.with(|s| {
        let slab = s.slab.borrow();
        let mut out = Vec::with_capacity(slab.live);
        let initialised = slab.pools.len() * POOL_SLOTS;
        for (c, chunk) in slab.chunks.iter().enumerate() {
            let used = initialised.saturating_sub(c * CHUNK_SLOTS).min(CHUNK_SLOTS);
            for cell in &chunk[..used] {
                let p = cell.as_ptr();
                // SAFETY: every slot of a carved pool has its header initialised; a free slot keeps
                // its header fields (only the payload was moved out), and only those are
                // read here, through raw pointers.
                let (slot, generation) = unsafe {
                    (
                        std::ptr::addr_of!((*p).slot).read(),
                        (*std::ptr::addr_of!((*p).generation)).get(),
                    )
                };
                if generation.is_multiple_of(2) {
                    out.push(Weak {
                        ptr: NonNull::new(p as *mut ObjBox).expect("slab slots are not null"),
                        slot,
                        generation,
                    });
                }
            }
        }
        out
    })
}

fn on_zero(ptr: NonNull<ObjBox>) {
    // At thread exit the heap may already be gone: then the memory goes with the thread.
    let _ = STATE.try_with(|s| {
        if s.freeing.get() {
            s.free_stack.borrow_mut().push(ptr);
            return;
        }
        s.freeing.set(true);
        let hooks = s.hooks.get();
        let mut next = Some(ptr);
        while let Some(ptr) = next {
            free_one(s, &hooks, ptr);
            next = s.free_stack.borrow_mut().pop();
        }
        s.freeing.set(false);
    });
}

/// Frees one object whose count reached zero (or parks it for its finalizer); the
/// objects its payload releases go on the free stack.
#[inline]
fn free_one(s: &HeapState, hooks: &Hooks, ptr: NonNull<ObjBox>) {
    // SAFETY: the object has count 0 and is reachable only through the free stack (or
    // is the one whose last reference was just dropped).
    let h = unsafe { ptr.as_ref() };
    if h.refcount.get() != 0 {
        return;
    }
    if h.has_flag(flag::IMMORTAL) {
        h.refcount.set(1);
        return;
    }
    if h.has_flag(flag::PENDING) {
        return;
    }
    let flags = h.flags.get();
    // Only these can need a finalizer or weakref callbacks: the common frees (ints,
    // strs, lists...) skip the hook.
    let may_need_finalizer = flags & flag::HAS_WEAKREFS != 0
        || matches!(
            h.obj,
            Obj::Instance(_) | Obj::Exception(_) | Obj::Generator(_)
        );
    if may_need_finalizer && (hooks.needs_finalizer)(h) {
        h.set_flag(flag::PENDING);
        s.pending.borrow_mut().push(ptr);
        return;
    }
    // Untracked, uncounted objects need no bookkeeping unless someone watches frees.
    if flags & (flag::TRACKED | flag::COUNTED) != 0
        || s.tracing.get()
        || s.observing.get()
        || matches!(h.obj, Obj::WeakRef(_))
    {
        (hooks.before_free)(h);
    }
    // SAFETY: count is 0 and no Ref or pending entry points here: move the payload out
    // and drop it (children go on the free stack), then recycle.
    let payload = unsafe { std::ptr::read(std::ptr::addr_of!((*ptr.as_ptr()).obj)) };
    s.slab.borrow_mut().release(ptr);
    drop(payload);
}

/// Takes the objects waiting for a finalizer or weakref callbacks, each resurrected with
/// a fresh strong reference. When that reference is dropped the object is freed unless
/// something stored it again (PEP 442 resurrection).
pub fn take_pending() -> Vec<Ref> {
    STATE.with(|s| {
        let parked = std::mem::take(&mut *s.pending.borrow_mut());
        parked
            .into_iter()
            .map(|ptr| {
                // SAFETY: parked objects keep their slot until resurrected here.
                let h = unsafe { ptr.as_ref() };
                h.clear_flag(flag::PENDING);
                h.refcount.set(h.refcount.get() + 1);
                Ref(ptr)
            })
            .collect()
    })
}

/// True when objects wait for finalizers (a cheap check for the evaluator's safe points).
pub fn has_pending() -> bool {
    STATE.with(|s| !s.pending.borrow().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_clones_and_drops() {
        let a = Ref::new(Obj::Int(12345));
        assert_eq!(a.refcount(), 1);
        let b = a.clone();
        assert_eq!(a.refcount(), 2);
        drop(b);
        assert_eq!(a.refcount(), 1);
    }

    #[test]
    fn freed_slots_are_reused_last_in_first_out() {
        let a = Ref::new(Obj::Int(1));
        let id = a.id();
        let w = a.weak();
        drop(a);
        assert!(w.upgrade_alive().is_none());
        let b = Ref::new(Obj::Int(2));
        assert_eq!(b.id(), id);
        assert!(
            w.upgrade_alive().is_none(),
            "a stale weak pointer must not see the new object"
        );
    }

    #[test]
    fn allocation_stays_in_one_pool_after_scattered_frees() {
        let objects: Vec<Option<Ref>> = (0..3 * POOL_SLOTS)
            .map(|i| Some(Ref::new(Obj::Int(i as i64))))
            .collect();
        let mut objects = objects;
        let n = objects.len();
        for i in 0..n {
            // 7 is coprime to the length: every object is dropped once, pools interleaved.
            objects[(i * 7) % n] = None;
        }
        let fresh: Vec<Ref> = (0..POOL_SLOTS)
            .map(|i| Ref::new(Obj::Int(i as i64)))
            .collect();
        let pool_of = |r: &Ref| r.header().slot as usize / POOL_SLOTS;
        assert!(
            fresh.iter().all(|r| pool_of(r) == pool_of(&fresh[0])),
            "a pool's worth of allocations must come from one pool"
        );
    }

    #[test]
    fn slot_vectors_share_the_buffer_of_reference_vectors() {
        let a = Ref::new(Obj::Int(1));
        let refs = vec![a.clone(), a.clone()];
        let buffer = refs.as_ptr() as usize;
        let slots = refs_into_slots(refs);
        assert_eq!(slots.as_ptr() as usize, buffer);
        assert!(slots.iter().all(|s| s.as_ref().is_some_and(|r| r.is(&a))));
        assert_eq!(a.refcount(), 3);
        let back = empty_slots_into_refs(slots);
        assert_eq!(back.as_ptr() as usize, buffer);
        assert!(back.is_empty());
        assert_eq!(a.refcount(), 1, "emptying dropped the two references");
    }

    #[test]
    fn long_chains_free_without_recursion() {
        let before = live_objects();
        let mut head = Ref::new(Obj::None);
        for _ in 0..200_000 {
            head = Ref::new(Obj::Tuple(vec![head].into_boxed_slice()));
        }
        drop(head);
        assert_eq!(live_objects(), before);
    }
}
