//! `list` storage that tracks CPython 3.11's `allocated` exactly (`Objects/listobject.c`),
//! so `sys.getsizeof` of a list matches CPython whatever built or changed it.
//!
//! The items live in a `Vec`; every mutation goes through a method that applies the rule
//! CPython applies to `allocated` for that operation. A change of `allocated` is CPython's
//! `realloc` of `ob_item`, which tracemalloc sees; so the mutating methods are only called
//! on a list already in the heap (constructors compute `allocated` directly).

use crate::heap::Ref;

#[derive(Default)]
pub struct ListObj {
    items: Vec<Ref>,
    /// CPython's `ob_item` capacity (0 means `ob_item == NULL`).
    allocated: usize,
}

/// Mirrors `list_resize`: keep the block when `allocated/2 <= newsize <= allocated`, else
/// `new_allocated = (newsize + (newsize >> 3) + 6) & ~3`, or `(newsize + 1) & ~1` when
/// that is closer to the new size than the old size is; 0 for an empty list.
pub fn resized(allocated: usize, size: usize, newsize: usize) -> usize {
    if allocated >= newsize && newsize >= (allocated >> 1) {
        return allocated;
    }
    if newsize == 0 {
        return 0;
    }
    let mut new_allocated = (newsize + (newsize >> 3) + 6) & !3;
    if newsize as isize - size as isize > (new_allocated - newsize) as isize {
        new_allocated = (newsize + 1) & !1;
    }
    new_allocated
}

/// Mirrors `list_preallocate_exact` (rounded up to an even count).
fn preallocated(n: usize) -> usize {
    (n + 1) & !1
}

impl ListObj {
    /// `PyList_New(n)` filled: BUILD_LIST, concatenation, slicing, repetition, copy.
    pub fn exact(items: Vec<Ref>) -> ListObj {
        let allocated = items.len();
        ListObj { items, allocated }
    }

    /// An empty list from `[]` then `list.extend(seq)`-like filling (`list(x)`,
    /// `[*x]`, constant displays of 3+ items): preallocated to an even count.
    pub fn from_sequence(items: Vec<Ref>) -> ListObj {
        let allocated = if items.is_empty() {
            0
        } else {
            preallocated(items.len())
        };
        ListObj { items, allocated }
    }

    /// `list(iterable)` where the iterable has no length: a hint of 8, then appends,
    /// then a final `list_resize` to the size.
    pub fn from_unsized(items: Vec<Ref>) -> ListObj {
        let mut allocated = preallocated(8);
        for size in 0..items.len() {
            if size == allocated {
                allocated = resized(allocated, size, size + 1);
            }
        }
        if items.len() < allocated {
            allocated = resized(allocated, items.len(), items.len());
        }
        ListObj { items, allocated }
    }

    /// `str.split` and friends start from 12 preallocated slots (PREALLOC_SIZE).
    pub fn with_prealloc(items: Vec<Ref>, prealloc: usize) -> ListObj {
        let mut allocated = prealloc;
        for size in 0..items.len() {
            if size == allocated {
                allocated = resized(allocated, size, size + 1);
            }
        }
        ListObj { items, allocated }
    }

    pub fn allocated(&self) -> usize {
        self.allocated
    }

    /// Sets `allocated`, telling tracemalloc when the item array changes size.
    fn set_allocated(&mut self, allocated: usize) {
        if allocated != self.allocated {
            self.allocated = allocated;
            if crate::heap::raw::tracing() {
                crate::modules::tracemalloc::realloc(
                    self as *const ListObj as usize,
                    8 * allocated,
                );
            }
        }
    }

    fn resize_to(&mut self, newsize: usize) {
        self.set_allocated(resized(self.allocated, self.items.len(), newsize));
    }

    pub fn push(&mut self, v: Ref) {
        let n = self.items.len();
        if n == self.allocated {
            self.resize_to(n + 1);
        }
        self.items.push(v);
    }

    pub fn insert(&mut self, i: usize, v: Ref) {
        self.resize_to(self.items.len() + 1);
        self.items.insert(i, v);
    }

    pub fn remove(&mut self, i: usize) -> Ref {
        let v = self.items.remove(i);
        self.set_allocated(resized(
            self.allocated,
            self.items.len() + 1,
            self.items.len(),
        ));
        v
    }

    /// `list.extend(list_or_tuple)` / `+=`: exact preallocation when empty, else resize.
    pub fn extend_exact(&mut self, items: Vec<Ref>) {
        if self.allocated == 0 {
            self.set_allocated(preallocated(items.len()));
        } else {
            self.resize_to(self.items.len() + items.len());
        }
        self.items.extend(items);
    }

    /// `list.extend(iterator)`: room for the length hint, appends, then trimmed.
    pub fn extend_iter(&mut self, items: Vec<Ref>, hint: usize) {
        let m = self.items.len();
        if self.allocated == 0 && hint > 0 {
            self.set_allocated(preallocated(hint));
        } else {
            self.set_allocated(resized(self.allocated, m, m + hint));
        }
        for v in items {
            self.push(v);
        }
        if self.items.len() < self.allocated {
            self.resize_to(self.items.len());
        }
    }

    /// Slice assignment / deletion: `list_ass_slice`.
    pub fn splice(&mut self, range: std::ops::Range<usize>, new: Vec<Ref>) -> Vec<Ref> {
        let newsize = self.items.len() - range.len() + new.len();
        let old_size = self.items.len();
        let removed: Vec<Ref> = self.items.splice(range, new).collect();
        self.set_allocated(resized(self.allocated, old_size, newsize));
        removed
    }

    /// `del l[a:b:k]` with `k != 1`: the items at `positions` (ascending) leave in one
    /// pass and the list is resized once, as `list_ass_subscript` does; returned in
    /// ascending order, the order CPython releases them.
    pub fn remove_positions(&mut self, positions: &[usize]) -> Vec<Ref> {
        let old_size = self.items.len();
        let mut removed = Vec::with_capacity(positions.len());
        let mut next = positions.iter().peekable();
        let mut kept = Vec::with_capacity(old_size - positions.len());
        for (i, item) in std::mem::take(&mut self.items).into_iter().enumerate() {
            if next.peek() == Some(&&i) {
                next.next();
                removed.push(item);
            } else {
                kept.push(item);
            }
        }
        self.items = kept;
        self.set_allocated(resized(self.allocated, old_size, self.items.len()));
        removed
    }

    pub fn set(&mut self, i: usize, v: Ref) -> Ref {
        std::mem::replace(&mut self.items[i], v)
    }

    /// `list.clear()`: the item array is freed.
    pub fn clear(&mut self) -> Vec<Ref> {
        self.set_allocated(0);
        std::mem::take(&mut self.items)
    }

    /// `*=`: `list_inplace_repeat` resizes to the full size first.
    pub fn repeat_in_place(&mut self, n: usize) {
        let copy = self.items.clone();
        let newsize = copy.len() * n;
        if newsize == 0 {
            let old = self.clear();
            drop(old);
            return;
        }
        self.resize_to(newsize);
        self.items.clear();
        for _ in 0..n {
            self.items.extend(copy.iter().cloned());
        }
    }

    pub fn reverse(&mut self) {
        self.items.reverse();
    }

    /// Takes the items out for sorting, keeping `allocated` (CPython restores it).
    pub fn take_items(&mut self) -> Vec<Ref> {
        std::mem::take(&mut self.items)
    }

    /// Puts items back after sorting; returns what was in the list meanwhile.
    pub fn restore_items(&mut self, items: Vec<Ref>) -> Vec<Ref> {
        std::mem::replace(&mut self.items, items)
    }
}

impl std::ops::Deref for ListObj {
    type Target = Vec<Ref>;
    fn deref(&self) -> &Vec<Ref> {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_matches_cpython() {
        // Appends: 0, 4, 4, 4, 4, 8, … 16 (9..16), 24 (17..).
        let mut allocated = 0;
        let mut seen = Vec::new();
        for size in 0..20 {
            seen.push(allocated);
            if size == allocated {
                allocated = resized(allocated, size, size + 1);
            }
        }
        assert_eq!(
            seen,
            [0, 4, 4, 4, 4, 8, 8, 8, 8, 16, 16, 16, 16, 16, 16, 16, 16, 24, 24, 24]
        );
        // Shrinking by pops from 10.
        let mut allocated = 10;
        let mut out = Vec::new();
        for size in (0..10).rev() {
            allocated = resized(allocated, size + 1, size);
            out.push(allocated);
        }
        assert_eq!(out, [10, 10, 10, 10, 10, 8, 8, 8, 4, 0]);
        assert_eq!(preallocated(3), 4);
        assert_eq!(resized(0, 0, 5), 6);
    }
}
