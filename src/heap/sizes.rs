//! `sys.getsizeof`: CPython 3.11's object sizes on 64-bit Linux (basic size, items, and
//! the 16-byte gc header of container objects).

use crate::eval::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::Obj;

const GC_HEADER: usize = 16;

/// Bytes of a str of these characters (PyASCIIObject / PyCompactUnicodeObject + data).
pub fn str_size(text: &str) -> usize {
    let max = text.chars().map(|c| c as u32).max().unwrap_or(0);
    let n = text.chars().count();
    if max < 128 {
        49 + n
    } else if max < 256 {
        73 + n
    } else if max < 65536 {
        74 + 2 * (n + 1) - 2
    } else {
        76 + 4 * (n + 1) - 4
    }
}

/// Bytes of an int: a header and one 4-byte digit per 30 bits (zero has no digits).
pub fn int_size(bits: u64) -> usize {
    24 + 4 * bits.div_ceil(30) as usize
}

pub fn getsizeof(_interp: &mut Interp, v: &Ref) -> PyResult<usize> {
    Ok(match &**v {
        Obj::None | Obj::NotImplemented | Obj::Ellipsis => 16,
        Obj::Bool(b) => {
            if *b {
                28
            } else {
                24
            }
        }
        Obj::Int(i) => int_size(64 - i.unsigned_abs().leading_zeros() as u64),
        Obj::BigInt(b) => int_size(b.bits()),
        Obj::Float(_) => 24,
        Obj::Str(s) => str_size(&s.text),
        Obj::Bytes(b) => 33 + b.len(),
        Obj::Tuple(t) => 24 + 8 * t.len() + GC_HEADER,
        Obj::List(l) => 40 + 8 * l.borrow().allocated() + GC_HEADER,
        Obj::Dict(d) => {
            let n = d.borrow().len();
            if n == 0 {
                48 + GC_HEADER
            } else {
                let mut size = 8;
                while size * 2 < n * 3 {
                    size *= 2;
                }
                let usable = size * 2 / 3;
                let index_bytes = if size <= 128 {
                    1
                } else if size <= 1 << 15 {
                    2
                } else {
                    4
                };
                48 + GC_HEADER + 32 + size * index_bytes + usable * 24
            }
        }
        Obj::Set(s) => {
            200 + GC_HEADER
                + if s.borrow().table_size() > 8 {
                    s.borrow().table_size() * 16
                } else {
                    0
                }
        }
        Obj::FrozenSet(s) => {
            200 + GC_HEADER
                + if s.table_size() > 8 {
                    s.table_size() * 16
                } else {
                    0
                }
        }
        Obj::Range(_) => 48,
        Obj::Function(_) => 136 + GC_HEADER,
        Obj::Instance(_) => 32 + GC_HEADER,
        Obj::WeakRef(w) => crate::modules::weakref::sizeof(w),
        _ => 48,
    })
}
