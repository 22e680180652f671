//! The ordered entry storage under [`DictObj`](super::DictObj): positions are stable
//! (a deleted entry stays as a hole until the dict compacts), lookups take the Python hash
//! and an equality test from the caller.
//!
//! Most dicts are small: instance `__dict__`s, keyword arguments, little records. Up to
//! [`SMALL_MAX`] positions the entries are a plain vector searched by hash, which needs
//! no index table at all (less memory, one pointer hop fewer, no hashing on insert);
//! past that they move into an `indexmap` with the hash index.

use crate::heap::Ref;
use indexmap::map::RawEntryApiV1;
use indexmap::IndexMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// Positions (holes included) kept without an index table.
pub const SMALL_MAX: usize = 8;

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

/// The index's hash of a Python hash. Python's hashes of small ints are the ints
/// themselves, whose top bits (which the index uses to filter candidates) are all zero:
/// multiplying spreads them.
#[inline]
fn index_hash(hash: i64) -> u64 {
    (hash as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The hashes are Python's, computed by the caller: the hasher only spreads them.
#[derive(Clone, Default)]
pub struct SpreadHash;

pub struct SpreadHasher(u64);

impl Hasher for SpreadHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | *b as u64;
        }
        self.0 = index_hash(self.0 as i64);
    }
    fn write_i64(&mut self, i: i64) {
        self.0 = index_hash(i);
    }
}

impl BuildHasher for SpreadHash {
    type Hasher = SpreadHasher;
    fn build_hasher(&self) -> SpreadHasher {
        SpreadHasher(0)
    }
}

type Indexed = IndexMap<DictKey, Option<Ref>, SpreadHash>;

/// Ordered entries, small (vector) or indexed.
pub enum Entries {
    Small(Vec<(DictKey, Option<Ref>)>),
    Indexed(Box<Indexed>),
}

impl Default for Entries {
    fn default() -> Self {
        Entries::Small(Vec::new())
    }
}

impl Entries {
    /// Positions, holes included.
    #[inline]
    pub fn len(&self) -> usize {
        match self {
            Entries::Small(v) => v.len(),
            Entries::Indexed(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn get_index(&self, pos: usize) -> Option<(&DictKey, &Option<Ref>)> {
        match self {
            Entries::Small(v) => v.get(pos).map(|(k, v)| (k, v)),
            Entries::Indexed(m) => m.get_index(pos),
        }
    }

    /// The entry at `pos` for changing its value or making it a hole (the hash stays).
    pub fn get_index_mut(&mut self, pos: usize) -> Option<(&mut Option<Ref>, &mut Option<Ref>)> {
        match self {
            Entries::Small(v) => v.get_mut(pos).map(|(k, v)| (&mut k.key, v)),
            Entries::Indexed(m) => {
                use indexmap::map::MutableKeys;
                m.get_index_mut2(pos).map(|(k, v)| (&mut k.key, v))
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&DictKey, &Option<Ref>)> {
        let (small, indexed) = match self {
            Entries::Small(v) => (Some(v.iter().map(|(k, v)| (k, v))), None),
            Entries::Indexed(m) => (None, Some(m.iter())),
        };
        small
            .into_iter()
            .flatten()
            .chain(indexed.into_iter().flatten())
    }

    /// Calls `f` with each live key and value, in order: [`Entries::iter`] without the
    /// chained iterators, for the collector's traversals.
    #[inline]
    pub fn for_each_live(&self, mut f: impl FnMut(&Ref, &Ref)) {
        match self {
            Entries::Small(v) => {
                for (k, value) in v {
                    if let (Some(k), Some(value)) = (&k.key, value) {
                        f(k, value);
                    }
                }
            }
            Entries::Indexed(m) => {
                for (k, value) in m.iter() {
                    if let (Some(k), Some(value)) = (&k.key, value) {
                        f(k, value);
                    }
                }
            }
        }
    }

    /// Position of the live key with this hash for which `is_match` holds.
    #[inline]
    pub fn find(&self, hash: i64, mut is_match: impl FnMut(&Ref) -> bool) -> Option<usize> {
        match self {
            Entries::Small(v) => v
                .iter()
                .position(|(k, _)| k.hash == hash && k.key.as_ref().is_some_and(&mut is_match)),
            Entries::Indexed(m) => m
                .raw_entry_v1()
                .from_hash_full(index_hash(hash), |k| {
                    k.hash == hash && k.key.as_ref().is_some_and(&mut is_match)
                })
                .map(|(i, _, _)| i),
        }
    }

    /// Appends a key the caller knows is absent.
    pub fn push(&mut self, hash: i64, key: Ref, value: Ref) {
        let entry = DictKey {
            hash,
            key: Some(key),
        };
        match self {
            Entries::Small(v) if v.len() < SMALL_MAX => v.push((entry, Some(value))),
            Entries::Small(v) => {
                let mut m = Indexed::with_capacity_and_hasher(v.len() * 2, SpreadHash);
                for (k, val) in v.drain(..) {
                    push_indexed(&mut m, k, val);
                }
                push_indexed(&mut m, entry, Some(value));
                *self = Entries::Indexed(Box::new(m));
            }
            Entries::Indexed(m) => push_indexed(m, entry, Some(value)),
        }
    }

    /// Drops the holes (positions of later entries move down).
    pub fn compact(&mut self) {
        match self {
            Entries::Small(v) => v.retain(|(k, _)| k.key.is_some()),
            Entries::Indexed(m) => m.retain(|k, _| k.key.is_some()),
        }
    }

    /// Every position from the last to the first, holes included. The index table is
    /// dropped first, whole: taking entries out one by one would unhash each of them, a
    /// cache miss per entry when a big dict is freed.
    pub fn into_entries_rev(self) -> impl Iterator<Item = (DictKey, Option<Ref>)> {
        let (small, indexed) = match self {
            Entries::Small(v) => (Some(v.into_iter().rev()), None),
            Entries::Indexed(m) => (None, Some(m.into_iter().rev())),
        };
        small
            .into_iter()
            .flatten()
            .chain(indexed.into_iter().flatten())
    }

    /// Every position in order, holes included.
    pub fn into_entries(self) -> Vec<(DictKey, Option<Ref>)> {
        match self {
            Entries::Small(v) => v,
            Entries::Indexed(m) => m.into_iter().collect(),
        }
    }
}

/// Appends to the index without looking for an equal key (none can match a new one).
fn push_indexed(m: &mut Indexed, key: DictKey, value: Option<Ref>) {
    let hash = index_hash(key.hash);
    match m.raw_entry_mut_v1().from_hash(hash, |_| false) {
        indexmap::map::raw_entry_v1::RawEntryMut::Vacant(v) => {
            v.insert_hashed_nocheck(hash, key, value);
        }
        indexmap::map::raw_entry_v1::RawEntryMut::Occupied(_) => {
            unreachable!("the match closure accepts no entry")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::Obj;

    fn int(i: i64) -> Ref {
        Ref::new(Obj::Int(i))
    }

    #[test]
    fn positions_survive_growing_past_the_small_form() {
        let mut e = Entries::default();
        let keys: Vec<Ref> = (0..20).map(int).collect();
        for (i, k) in keys.iter().enumerate() {
            e.push(i as i64, k.clone(), int(i as i64 * 10));
            assert_eq!(e.len(), i + 1);
        }
        assert!(matches!(e, Entries::Indexed(_)));
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(e.find(i as i64, |x| x.is(k)), Some(i));
            let (key, _) = e.get_index(i).unwrap();
            assert!(key.key.as_ref().unwrap().is(k));
        }
    }

    #[test]
    fn holes_are_skipped_by_find_and_removed_by_compact() {
        let mut e = Entries::default();
        let keys: Vec<Ref> = (0..5).map(int).collect();
        for (i, k) in keys.iter().enumerate() {
            e.push(7, k.clone(), int(i as i64));
        }
        let (key, value) = e.get_index_mut(1).unwrap();
        key.take();
        value.take();
        assert_eq!(e.find(7, |x| x.is(&keys[1])), None);
        assert_eq!(e.find(7, |x| x.is(&keys[2])), Some(2));
        e.compact();
        assert_eq!(e.len(), 4);
        assert_eq!(e.find(7, |x| x.is(&keys[2])), Some(1));
    }
}
