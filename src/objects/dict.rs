//! `dict` storage: insertion-ordered, on `indexmap` with Python hashes supplied by the
//! caller (raw-entry API), and deletion leaving a hole like CPython's `DKIX_DUMMY`, so
//! `del d[k]` is O(1) and later entries keep their order. Holes are compacted when they
//! outnumber live entries.
//!
//! Equality of keys may run Python code (`__eq__`), which needs the interpreter; so this
//! type only offers lookups with a caller-given `is_match`, and the evaluator borrows
//! the dict only around calls that cannot re-enter Python code.

use crate::heap::Ref;
use indexmap::map::{MutableKeys, RawEntryApiV1};
use indexmap::IndexMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// A key with its Python hash; `key` is `None` for a deleted entry (a hole).
pub struct DictKey {
    pub hash: i64,
    pub key: Option<Ref>,
}

impl Hash for DictKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash)
    }
}

impl PartialEq for DictKey {
    fn eq(&self, other: &DictKey) -> bool {
        match (&self.key, &other.key) {
            (Some(a), Some(b)) => a.is(b),
            _ => false,
        }
    }
}

impl Eq for DictKey {}

/// The hashes are Python's, computed by the caller: the hasher passes them through.
#[derive(Clone, Default)]
pub struct PassThrough;

pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | *b as u64;
        }
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = i as u64;
    }
}

impl BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;
    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

#[derive(Default)]
pub struct DictObj {
    map: IndexMap<DictKey, Option<Ref>, PassThrough>,
    holes: usize,
    /// Bumped on every insertion or deletion: iterators detect changes with it.
    pub version: u64,
}

impl DictObj {
    pub fn new() -> DictObj {
        DictObj::default()
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
    pub fn find(&self, hash: i64, mut is_match: impl FnMut(&Ref) -> bool) -> Option<usize> {
        self.map
            .raw_entry_v1()
            .from_hash_full(hash as u64, |k| {
                k.hash == hash && k.key.as_ref().is_some_and(&mut is_match)
            })
            .map(|(i, _, _)| i)
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

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Ref, value: Ref) {
        self.version += 1;
        self.map.insert_unique_hashed_nocheck(hash, key, value);
    }

    /// Removes the entry at a live position, leaving a hole.
    pub fn remove_at(&mut self, pos: usize) -> Option<(Ref, Ref)> {
        let (k, v) = self.map.get_index_mut2(pos)?;
        let key = k.key.take()?;
        let value = v.take()?;
        self.holes += 1;
        self.version += 1;
        if self.holes > 8 && self.holes * 2 > self.map.len() {
            self.map.retain(|k, _| k.key.is_some());
            self.holes = 0;
        }
        Some((key, value))
    }

    /// Takes every entry out, in order (for `clear()` and for the gc).
    pub fn drain(&mut self) -> Vec<(Ref, Ref)> {
        self.holes = 0;
        self.version += 1;
        std::mem::take(&mut self.map)
            .into_iter()
            .filter_map(|(k, v)| Some((k.key?, v?)))
            .collect()
    }

    /// Live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Ref, &Ref)> {
        self.map
            .iter()
            .filter_map(|(k, v)| Some((k.key.as_ref()?, v.as_ref()?)))
    }
}

/// Inserting without the raw-entry dance for a key known to be absent.
trait InsertUnique {
    fn insert_unique_hashed_nocheck(&mut self, hash: i64, key: Ref, value: Ref);
}

impl InsertUnique for IndexMap<DictKey, Option<Ref>, PassThrough> {
    fn insert_unique_hashed_nocheck(&mut self, hash: i64, key: Ref, value: Ref) {
        let entry = DictKey {
            hash,
            key: Some(key),
        };
        match self.raw_entry_mut_v1().from_hash(hash as u64, |_| false) {
            indexmap::map::raw_entry_v1::RawEntryMut::Vacant(v) => {
                v.insert_hashed_nocheck(hash as u64, entry, Some(value));
            }
            indexmap::map::raw_entry_v1::RawEntryMut::Occupied(_) => {
                unreachable!("the match closure accepts no entry")
            }
        }
    }
}

impl Drop for DictObj {
    /// CPython releases key then value, first entry first; the heap frees objects in the
    /// reverse of the order they are dropped here.
    fn drop(&mut self) {
        while let Some((k, v)) = self.map.pop() {
            drop(v);
            drop(k);
        }
    }
}
