//! `set` and `frozenset` storage: an open-addressing table laid out exactly like CPython
//! 3.11's `Objects/setobject.c` (linear probes of 9, then perturbation; growth when
//! `fill*5 >= mask*3`; LIFO-free dummies), so that iterating and printing a set gives
//! CPython's order.

use crate::heap::Ref;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Default)]
pub enum Slot {
    #[default]
    Unused,
    Dummy,
    Active(i64, Ref),
}

pub struct SetObj {
    table: Vec<Slot>,
    /// Active + dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop()` starts looking (CPython's `finger`).
    finger: usize,
}

impl Default for SetObj {
    fn default() -> Self {
        SetObj::new()
    }
}

/// Result of probing for a key.
enum Probe {
    Found(usize),
    /// Not present: the slot an insertion would use.
    Absent(usize),
}

impl SetObj {
    pub fn new() -> SetObj {
        SetObj {
            table: (0..MIN_SIZE).map(|_| Slot::Unused).collect(),
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Table size (for `sys.getsizeof`).
    pub fn table_size(&self) -> usize {
        self.table.len()
    }

    /// Bytes of the table allocated apart from the set object: none while the 8-slot
    /// table inside the object (`smalltable`) is used.
    pub fn table_bytes(&self) -> usize {
        if self.table.len() > MIN_SIZE {
            16 * self.table.len()
        } else {
            0
        }
    }

    /// Tells tracemalloc the table changed (a no-op unless tracing). Only called on a set
    /// already in the heap.
    fn table_changed(&self) {
        if crate::heap::raw::tracing() {
            crate::modules::tracemalloc::realloc(
                self as *const SetObj as usize,
                self.table_bytes(),
            );
        }
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Mirrors `set_add_entry`'s probe sequence.
    fn probe(&self, hash: i64, is_match: &mut dyn FnMut(&Ref) -> bool) -> Probe {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot: Option<usize> = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Unused => return Probe::Absent(freeslot.unwrap_or(j)),
                    Slot::Active(h, k) => {
                        if *h == hash && is_match(k) {
                            return Probe::Found(j);
                        }
                    }
                    Slot::Dummy => {
                        if freeslot.is_none() {
                            freeslot = Some(j);
                        }
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn contains(&self, hash: i64, mut is_match: impl FnMut(&Ref) -> bool) -> bool {
        matches!(self.probe(hash, &mut is_match), Probe::Found(_))
    }

    /// Positions of active keys with this hash (for keys whose equality runs Python code).
    pub fn candidates(&self, hash: i64) -> Vec<Ref> {
        self.table
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) if *h == hash => Some(k.clone()),
                _ => None,
            })
            .collect()
    }

    /// Adds a key; returns false (and drops `key`) when an equal key is present.
    pub fn add(&mut self, hash: i64, key: Ref, mut is_match: impl FnMut(&Ref) -> bool) -> bool {
        match self.probe(hash, &mut is_match) {
            Probe::Found(_) => false,
            Probe::Absent(pos) => {
                let was_unused = matches!(self.table[pos], Slot::Unused);
                self.table[pos] = Slot::Active(hash, key);
                self.used += 1;
                if was_unused {
                    self.fill += 1;
                    if self.fill * 5 >= self.mask() * 3 {
                        let minused = if self.used > 50000 {
                            self.used * 2
                        } else {
                            self.used * 4
                        };
                        self.resize(minused);
                    }
                }
                true
            }
        }
    }

    /// `set_merge`: adds the keys of another set. One resize up front when the keys
    /// would not fit; an empty set takes the other's table slot for slot when the sizes
    /// agree, else re-inserts cleanly; otherwise keys are added one by one.
    pub fn merge(&mut self, other: &SetObj, mut is_match: impl FnMut(&Ref, &Ref) -> bool) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            for (i, slot) in other.table.iter().enumerate() {
                if let Slot::Active(h, k) = slot {
                    self.table[i] = Slot::Active(*h, k.clone());
                }
            }
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for slot in &other.table {
                if let Slot::Active(h, k) = slot {
                    self.insert_clean(*h, k.clone());
                }
            }
            return;
        }
        for slot in &other.table {
            if let Slot::Active(h, k) = slot {
                self.add(*h, k.clone(), |x| is_match(x, k));
            }
        }
    }

    /// `set_update_internal` from a dict of `n` keys: one resize up front if needed.
    pub fn reserve(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    /// Removes a key, returning it.
    pub fn remove(&mut self, hash: i64, mut is_match: impl FnMut(&Ref) -> bool) -> Option<Ref> {
        match self.probe(hash, &mut is_match) {
            Probe::Found(pos) => {
                let old = std::mem::replace(&mut self.table[pos], Slot::Dummy);
                self.used -= 1;
                match old {
                    Slot::Active(_, k) => Some(k),
                    _ => None,
                }
            }
            Probe::Absent(_) => None,
        }
    }

    /// Mirrors `set_table_resize` with `set_insert_clean`.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(
            &mut self.table,
            (0..newsize).map(|_| Slot::Unused).collect(),
        );
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(h, k) = slot {
                self.insert_clean(h, k);
            }
        }
        self.table_changed();
    }

    fn insert_clean(&mut self, hash: i64, key: Ref) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(self.table[i], Slot::Unused) {
                self.table[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in i + 1..=i + LINEAR_PROBES {
                    if matches!(self.table[j], Slot::Unused) {
                        self.table[j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// `set.pop()`: the first active slot from the finger on.
    pub fn pop(&mut self) -> Option<Ref> {
        if self.used == 0 {
            return None;
        }
        let n = self.table.len();
        let mut i = self.finger & self.mask();
        while !matches!(self.table[i], Slot::Active(..)) {
            i = (i + 1) % n;
        }
        let old = std::mem::replace(&mut self.table[i], Slot::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        match old {
            Slot::Active(_, k) => Some(k),
            _ => None,
        }
    }

    /// Active keys with their hashes, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Ref)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The key at a table position (set iterators walk positions).
    pub fn slot_at(&self, pos: usize) -> Option<Option<&Ref>> {
        self.table.get(pos).map(|s| match s {
            Slot::Active(_, k) => Some(k),
            _ => None,
        })
    }

    pub fn clear(&mut self) -> Vec<Ref> {
        let old = std::mem::take(self);
        if old.table_bytes() > 0 {
            self.table_changed();
        }
        let mut out = Vec::new();
        let mut old = old;
        for slot in std::mem::take(&mut old.table) {
            if let Slot::Active(_, k) = slot {
                out.push(k);
            }
        }
        out
    }
}
