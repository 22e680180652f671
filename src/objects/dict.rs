//! `dict` storage: insertion-ordered, on `indexmap` with Python hashes supplied by the
//! caller (raw-entry API), and deletion leaving a hole like CPython's `DKIX_DUMMY`, so
//! `del d[k]` is O(1) and later entries keep their order. Holes are compacted when they
//! outnumber live entries.
//!
//! Equality of keys may run Python code (`__eq__`), which needs the interpreter; so this
//! type only offers lookups with a caller-given `is_match`, and the evaluator borrows
//! the dict only around calls that cannot re-enter Python code.
//!
//! Beside the entries, each dict mirrors the shape of CPython 3.11's keys table
//! ([`KeysShape`], `Objects/dictobject.c`): its size, kind (str-only or general),
//! usable and used entry counts, changed exactly where CPython's `insertdict`,
//! `dictresize`, `dict_merge`, `PyDict_Copy` … change them; and whether the dict is an
//! instance `__dict__` sharing its class's keys ([`SharedKeys`]). `sys.getsizeof` and
//! tracemalloc read sizes from it.

pub use super::dict_entries::DictKey;
use super::dict_entries::Entries;
use crate::heap::Ref;
use crate::objects::Obj;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// `PyDict_LOG_MINSIZE`: a dict's first table has 8 slots.
const LOG_MINSIZE: u8 = 3;
/// `SHARED_KEYS_MAX_SIZE`: a class's shared keys hold at most 30 names.
const SHARED_KEYS_MAX_SIZE: isize = 30;
/// `NEXT_LOG2_SHARED_KEYS_MAX_SIZE`: shared keys tables have 64 slots.
const LOG_SHARED_KEYS_SIZE: u8 = 6;

/// `USABLE_FRACTION`: entries a table of `n` slots holds.
pub fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// `calculate_log2_keysize`: `bit_length(((minsize | 8) - 1) | 7)`.
pub fn calculate_log2_keysize(minsize: usize) -> u8 {
    let m = ((minsize | 8) - 1) | 7;
    (usize::BITS - m.leading_zeros()) as u8
}

/// `estimate_log2_keysize`: a table for `n` entries without resizing.
pub fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize((n * 3).div_ceil(2))
}

/// The shape of CPython's keys table for a combined dict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeysShape {
    /// log2 of the number of slots; 0 for the static empty keys (`Py_EMPTY_KEYS`).
    pub log2_size: u8,
    /// `DICT_KEYS_UNICODE`: only exact-str keys, 16-byte entries (24 otherwise).
    pub unicode: bool,
    /// `dk_usable`: entries still free.
    pub usable: isize,
    /// `dk_nentries`: entries used, deleted ones included.
    pub nentries: usize,
}

impl KeysShape {
    /// `Py_EMPTY_KEYS`, shared by every empty dict (no table of its own).
    pub const EMPTY: KeysShape = KeysShape {
        log2_size: 0,
        unicode: true,
        usable: 0,
        nentries: 0,
    };

    /// `new_keys_object(log2_size, unicode)`.
    pub fn new(log2_size: u8, unicode: bool) -> KeysShape {
        KeysShape {
            log2_size,
            unicode,
            usable: usable_fraction(1 << log2_size) as isize,
            nentries: 0,
        }
    }

    pub fn slots(&self) -> usize {
        1 << self.log2_size
    }

    /// `_PyDict_KeysSize`: header, index array (1, 2, 4 or 8 bytes per slot) and
    /// entries; 0 for the static empty keys.
    pub fn bytes(&self) -> usize {
        if self.log2_size == 0 {
            return 0;
        }
        let index_bytes = match self.log2_size {
            0..=7 => 1,
            8..=15 => 2,
            16..=31 => 4,
            _ => 8,
        };
        let entry = if self.unicode { 16 } else { 24 };
        32 + self.slots() * index_bytes + usable_fraction(self.slots()) * entry
    }
}

/// A class's shared keys (`ht_cached_keys`): the attribute names its instances' split
/// `__dict__`s use. Its size is counted in the class (`type.__sizeof__`).
pub struct SharedKeys {
    /// Hashes and names, in insertion order.
    names: RefCell<Vec<(i64, Box<str>)>>,
    usable: Cell<isize>,
}

impl Default for SharedKeys {
    fn default() -> Self {
        SharedKeys::new()
    }
}

impl SharedKeys {
    /// `_PyDict_NewKeysForClass`: 64 slots, usable set to 30.
    pub fn new() -> SharedKeys {
        SharedKeys {
            names: RefCell::new(Vec::new()),
            usable: Cell::new(SHARED_KEYS_MAX_SIZE),
        }
    }

    /// `_PyDict_KeysSize` of a shared keys table (always 64 str slots).
    pub const TABLE_BYTES: usize = 32 + 64 + 42 * 16;

    /// `init_inline_values`: each new instance shrinks the usable count by one (down to
    /// one), as CPython 3.11 does; returns the size of the instance's values array.
    pub fn instance_created(&self) -> usize {
        if self.usable.get() > 1 {
            self.usable.set(self.usable.get() - 1);
        }
        self.usable_size()
    }

    /// `shared_keys_usable_size`: `dk_nentries + dk_usable`.
    pub fn usable_size(&self) -> usize {
        (self.names.borrow().len() as isize + self.usable.get()).max(0) as usize
    }

    /// Bytes of an instance's values array of `n` slots (`new_values`).
    pub fn values_bytes(n: usize) -> usize {
        (n + 2).div_ceil(8) * 8 + 8 * n
    }

    /// Position of a name in the shared keys (an instance's inline values follow it).
    pub fn index_of(&self, hash: i64, name: &str) -> Option<usize> {
        self.names
            .borrow()
            .iter()
            .position(|(h, n)| *h == hash && &**n == name)
    }

    /// The name at a position.
    pub fn name_at(&self, index: usize) -> Option<Box<str>> {
        self.names.borrow().get(index).map(|(_, n)| n.clone())
    }

    /// Whether the name at `index` is `name` (a lookup site's guess).
    pub fn is_at(&self, index: usize, name: &str) -> bool {
        self.names
            .borrow()
            .get(index)
            .is_some_and(|(_, n)| &**n == name)
    }

    /// Names in the shared keys.
    pub fn len(&self) -> usize {
        self.names.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `insert_into_dictkeys` for an instance keeping inline values: the name's
    /// position, added at the end when there is room; None when the keys are full.
    pub fn index_or_add(&self, hash: i64, name: &str) -> Option<usize> {
        if let Some(i) = self.index_of(hash, name) {
            return Some(i);
        }
        self.has_or_add(hash, name).then(|| self.len() - 1)
    }

    /// `insert_into_dictkeys`: true when the name is (now) in the shared keys.
    fn has_or_add(&self, hash: i64, name: &str) -> bool {
        let mut names = self.names.borrow_mut();
        if names.iter().any(|(h, n)| *h == hash && &**n == name) {
            return true;
        }
        if self.usable.get() <= 0 {
            return false;
        }
        names.push((hash, name.into()));
        self.usable.set(self.usable.get() - 1);
        true
    }
}

/// How `PyDict_Copy` / `dict_merge` into an empty dict copy a dict.
pub enum CopyPlan {
    /// The copy is a new empty dict.
    Empty,
    /// The table is cloned as is (`clone_combined_dict_keys`), or a split dict's values.
    Clone,
    /// A new dict into which the entries are merged.
    Merge,
}

thread_local! {
    static LAST_KEYS_VERSION: Cell<u64> = const { Cell::new(0) };
}

/// A keys version no dict of this thread has had: equal versions mean the same dict
/// with the same keys (CPython's `ma_version_tag` idea).
fn next_keys_version() -> u64 {
    LAST_KEYS_VERSION.with(|v| {
        let next = v.get() + 1;
        v.set(next);
        next
    })
}

pub struct DictObj {
    map: Entries,
    holes: usize,
    /// Changes on every insertion or deletion, to a value unique in the thread:
    /// iterators detect changes with it, lookup sites cache misses with it.
    pub version: u64,
    /// CPython's keys table (for a combined dict).
    shape: KeysShape,
    /// The class's keys when this is a split instance `__dict__`.
    split: Option<Rc<SharedKeys>>,
}

impl Default for DictObj {
    fn default() -> Self {
        DictObj::new()
    }
}

impl DictObj {
    /// `PyDict_New`: no table until the first insertion.
    pub fn new() -> DictObj {
        DictObj {
            map: Entries::default(),
            holes: 0,
            version: next_keys_version(),
            shape: KeysShape::EMPTY,
            split: None,
        }
    }

    /// `dict_new_presized(n, unicode)` (dict displays, keyword-argument dicts): up to five
    /// entries fit the first table, more get a table for `n` at once.
    pub fn presized(n: usize, unicode: bool) -> DictObj {
        let mut d = DictObj::new();
        if n > usable_fraction(1 << LOG_MINSIZE) {
            d.shape = KeysShape::new(estimate_log2_keysize(n), unicode);
        }
        d
    }

    /// An instance `__dict__` sharing its class's keys (a split table).
    pub fn new_split(keys: Rc<SharedKeys>) -> DictObj {
        let mut d = DictObj::new();
        d.split = Some(keys);
        d
    }

    /// The keys table's shape.
    pub fn shape(&self) -> KeysShape {
        self.shape
    }

    pub fn is_split(&self) -> bool {
        self.split.is_some()
    }

    /// Bytes beyond the dict object itself that `sys.getsizeof` counts: the values array
    /// of a split dict (`shared_keys_usable_size` slots), or the keys table of a combined
    /// one (none for the static empty keys).
    pub fn extra_size(&self) -> usize {
        match &self.split {
            Some(keys) => 8 * keys.usable_size(),
            None => self.shape.bytes(),
        }
    }

    /// The block tracemalloc charges beyond the dict object: the keys table of a combined
    /// dict (a split dict's values belong to its instance).
    pub fn table_bytes(&self) -> usize {
        match &self.split {
            Some(_) => 0,
            None => self.shape.bytes(),
        }
    }

    /// Tells tracemalloc the table changed (a no-op unless tracing).
    fn table_changed(&self) {
        if crate::heap::raw::tracing() {
            crate::modules::tracemalloc::realloc(
                self as *const DictObj as usize,
                self.table_bytes(),
            );
        }
    }

    /// `dictresize`: a fresh combined table of `2**log2_size` slots holding the live
    /// entries; str-only only if asked and the old table was.
    fn resize(&mut self, log2_size: u8, unicode: bool) {
        let was_unicode = self.split.is_some() || self.shape.unicode;
        let used = self.len();
        self.split = None;
        self.shape = KeysShape::new(log2_size, unicode && was_unicode);
        self.shape.usable -= used as isize;
        self.shape.nentries = used;
        self.table_changed();
    }

    /// `insertion_resize`: room for growth, `used * 3`.
    fn insertion_resize(&mut self, unicode: bool) {
        self.resize(calculate_log2_keysize(self.len() * 3), unicode);
    }

    /// What `insertdict` does to the table before adding a new key.
    fn before_insert(&mut self, hash: i64, key: &Ref) {
        let str_key = match &**key {
            Obj::Str(s) => Some(&s.text),
            _ => None,
        };
        if let Some(keys) = &self.split {
            match str_key {
                Some(name) if keys.has_or_add(hash, name) => return,
                Some(_) => self.insertion_resize(true),
                None => self.insertion_resize(false),
            }
        } else if self.shape.log2_size == 0 {
            // insert_to_emptydict
            self.shape = KeysShape::new(LOG_MINSIZE, str_key.is_some());
            self.table_changed();
        } else {
            if self.shape.unicode && str_key.is_none() {
                self.insertion_resize(false);
            }
            if self.shape.usable <= 0 {
                self.insertion_resize(true);
            }
        }
        self.shape.usable -= 1;
        self.shape.nentries += 1;
    }

    /// `dict_merge` of `other_len` entries into this dict when it is not cloned: one
    /// resize up front if the table cannot hold them.
    pub fn reserve_for_merge(&mut self, other_len: usize, other_unicode: bool) {
        let slots = match &self.split {
            Some(_) => 1 << LOG_SHARED_KEYS_SIZE,
            None => self.shape.slots(),
        };
        if usable_fraction(slots) < other_len {
            self.resize(estimate_log2_keysize(self.len() + other_len), other_unicode);
        }
    }

    /// `dict.fromkeys(d_or_set)`: a table for the source's size before inserting.
    pub fn reserve_for_fromkeys(&mut self, n: usize, unicode: bool) {
        self.resize(estimate_log2_keysize(n), unicode);
    }

    /// True when the table holds only exact-str keys (`DK_IS_UNICODE`).
    pub fn is_unicode(&self) -> bool {
        self.split.is_some() || self.shape.unicode
    }

    /// How `d.copy()` copies this dict (`PyDict_Copy`).
    pub fn copy_plan(&self) -> CopyPlan {
        let used = self.len();
        if used == 0 {
            CopyPlan::Empty
        } else if self.split.is_some() || used >= self.shape.nentries * 2 / 3 {
            CopyPlan::Clone
        } else {
            CopyPlan::Merge
        }
    }

    /// True when `dict_merge` into an empty dict clones this table: clean (no deleted
    /// entries), combined, and either minimal or more than half full.
    pub fn merge_clones(&self) -> bool {
        let used = self.len();
        self.split.is_none()
            && used > 0
            && used == self.shape.nentries
            && (self.shape.log2_size == LOG_MINSIZE
                || usable_fraction(self.shape.slots() / 2) < used)
    }

    /// A copy with the same table (`clone_combined_dict_keys`, or a split dict's
    /// values copied), the entries' references cloned in order.
    pub fn clone_table(&self) -> DictObj {
        let mut d = DictObj::new();
        for (k, v) in self.map.iter() {
            if let (Some(key), Some(value)) = (&k.key, v) {
                d.map.push(k.hash, key.clone(), value.clone());
            }
        }
        // The keys object is copied as it is, deleted entries and all.
        d.shape = self.shape;
        d.split = self.split.clone();
        d
    }

    pub fn len(&self) -> usize {
        self.map.len() - self.holes
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of entry positions, holes included (iterators walk positions).
    pub fn positions(&self) -> usize {
        self.map.len()
    }

    /// The live entry at a position, if it is not a hole.
    pub fn entry_at(&self, pos: usize) -> Option<(&Ref, &Ref)> {
        let (k, v) = self.map.get_index(pos)?;
        Some((k.key.as_ref()?, v.as_ref()?))
    }

    pub fn hash_at(&self, pos: usize) -> i64 {
        self.map.get_index(pos).map(|(k, _)| k.hash).unwrap_or(0)
    }

    /// Position of the key with this hash for which `is_match` holds.
    pub fn find(&self, hash: i64, is_match: impl FnMut(&Ref) -> bool) -> Option<usize> {
        self.map.find(hash, is_match)
    }

    /// Positions of live keys with this hash (for keys whose equality runs Python code).
    pub fn candidates(&self, hash: i64) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, (k, _)) in self.map.iter().enumerate() {
            if k.hash == hash && k.key.is_some() {
                out.push(i);
            }
        }
        out
    }

    /// The value at `pos` when the key there is `key` itself (a site's position hint).
    #[inline]
    pub fn value_if_key_at(&self, pos: usize, key: &Ref) -> Option<&Ref> {
        match self.map.get_index(pos) {
            Some((k, v)) if k.key.as_ref().is_some_and(|k| k.is(key)) => v.as_ref(),
            _ => None,
        }
    }

    pub fn key_at(&self, pos: usize) -> Option<&Ref> {
        self.map.get_index(pos).and_then(|(k, _)| k.key.as_ref())
    }

    pub fn value_at(&self, pos: usize) -> Option<&Ref> {
        self.map.get_index(pos).and_then(|(_, v)| v.as_ref())
    }

    /// Replaces the value at a live position, returning the old one.
    pub fn replace_value(&mut self, pos: usize, value: Ref) -> Option<Ref> {
        let (_, v) = self.map.get_index_mut(pos)?;
        v.replace(value)
    }

    /// Replaces the whole storage (an empty dict taking a cloned table), returning the
    /// old one.
    pub fn replace_with(&mut self, mut other: DictObj) -> DictObj {
        other.version = next_keys_version();
        let old = std::mem::replace(self, other);
        self.table_changed();
        old
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Ref, value: Ref) {
        self.before_insert(hash, &key);
        self.version = next_keys_version();
        self.map.push(hash, key, value);
    }

    /// `dict.popitem()`: removes the last live entry. CPython also drops it (and the
    /// deleted entries after it) from the table's used entries; a split dict is first
    /// made combined.
    pub fn pop_last(&mut self) -> Option<(Ref, Ref)> {
        let pos = (0..self.map.len())
            .rev()
            .find(|&p| self.entry_at(p).is_some())?;
        let trailing = if self.split.is_some() {
            // dictresize compacts the entries: the popped one is then the last.
            self.resize(LOG_SHARED_KEYS_SIZE, true);
            1
        } else {
            self.map.len() - pos
        };
        let removed = self.remove_at(pos);
        self.shape.nentries = self.shape.nentries.saturating_sub(trailing);
        removed
    }

    /// Removes the entry at a live position, leaving a hole.
    pub fn remove_at(&mut self, pos: usize) -> Option<(Ref, Ref)> {
        let (k, v) = self.map.get_index_mut(pos)?;
        let key = k.take()?;
        let value = v.take()?;
        self.holes += 1;
        self.version = next_keys_version();
        if self.holes > 8 && self.holes * 2 > self.map.len() {
            self.map.compact();
            self.holes = 0;
        }
        Some((key, value))
    }

    /// Takes every entry out, in order (for `clear()` and for the gc): the dict is left
    /// with the static empty keys, as `dict.clear()` leaves it.
    pub fn drain(&mut self) -> Vec<(Ref, Ref)> {
        self.holes = 0;
        self.version = next_keys_version();
        let had_table = self.table_bytes() > 0;
        self.shape = KeysShape::EMPTY;
        self.split = None;
        if had_table {
            self.table_changed();
        }
        std::mem::take(&mut self.map)
            .into_entries()
            .into_iter()
            .filter_map(|(k, v)| Some((k.key?, v?)))
            .collect()
    }

    /// Calls `f` with each live key and value, in order (as [`DictObj::iter`], faster).
    #[inline]
    pub fn for_each_live(&self, f: impl FnMut(&Ref, &Ref)) {
        self.map.for_each_live(f)
    }

    /// Live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Ref, &Ref)> {
        self.map
            .iter()
            .filter_map(|(k, v)| Some((k.key.as_ref()?, v.as_ref()?)))
    }
}

impl Drop for DictObj {
    /// CPython releases key then value, first entry first; the heap frees objects in the
    /// reverse of the order they are dropped here.
    fn drop(&mut self) {
        for (k, v) in std::mem::take(&mut self.map).into_entries_rev() {
            drop(v);
            drop(k);
        }
    }
}
