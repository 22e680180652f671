//! `str` payload: the text, and its hash computed once.

use std::cell::Cell;

pub struct StrObj {
    pub text: Box<str>,
    /// -1 until computed (CPython's convention).
    hash: Cell<i64>,
}

impl StrObj {
    pub fn new(text: Box<str>) -> StrObj {
        StrObj {
            text,
            hash: Cell::new(-1),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// A deterministic string hash (FNV-1a folded to 61 bits). CPython's is randomised per
    /// process, so no program may depend on its value; being fixed keeps runs repeatable.
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = str_hash(&self.text);
        self.hash.set(h);
        h
    }

    /// Number of code points (Python's `len`).
    pub fn char_len(&self) -> usize {
        if self.text.is_ascii() {
            self.text.len()
        } else {
            self.text.chars().count()
        }
    }
}

pub fn str_hash(text: &str) -> i64 {
    // As in CPython, the empty string hashes to 0.
    if text.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let h = (h >> 3) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
