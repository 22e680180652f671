//! Object sizes as CPython 3.11 reports them on 64-bit Linux.
//!
//! `sys.getsizeof(x)` is `x.__sizeof__()` plus the pre-header CPython allocates in front
//! of the object: the 16-byte gc header of container types, and for instances with a
//! managed `__dict__` two more pointers (`_PyType_PreHeaderSize`). [`native_sizeof`] is
//! the builtin `__sizeof__` of every kind of object: basic size plus items (int digits,
//! str characters of the str's kind, the list's `allocated` slots, the dict's keys table
//! or split values, the set's table when it outgrew the 8 slots inside the object).
//!
//! tracemalloc charges allocations with the same figures, split as CPython allocates
//! them ([`blocks`]): the object's block (pre-header included), and apart from it the
//! list's item array, the dict's keys table, the set's large table, an instance's values.

mod stack_depth;

use crate::eval::names::N;
use crate::eval::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::dict::SharedKeys;
use crate::objects::iter::IterKind;
use crate::objects::kinds::TypeKind;
use crate::objects::{ClassObj, Obj};
use crate::syntax::ast;

/// `sizeof(PyGC_Head)`.
pub const GC_HEADER: usize = 16;
/// The managed-dict pre-header: dict and values pointers.
const MANAGED_DICT: usize = 16;
/// `sizeof(PyTypeObject)`: static (builtin) types.
const STATIC_TYPE: usize = 408;
/// `sizeof(PyHeapTypeObject)`: classes.
const HEAP_TYPE: usize = 904;
/// `offsetof(PyGenObject, gi_iframe) + offsetof(_PyInterpreterFrame, localsplus)`.
const GENERATOR_BASE: usize = 80 + 72;
/// `offsetof(PyFrameObject, _f_frame_data) + offsetof(_PyInterpreterFrame, localsplus)`.
const FRAME_BASE: usize = 48 + 72;

/// Bytes of a str of these characters: a compact ASCII str (`PyASCIIObject`) holds one
/// byte per character, a compact str 1, 2 or 4 (`PyCompactUnicodeObject`), plus the NUL.
pub fn str_size(text: &str) -> usize {
    if text.is_ascii() {
        return 48 + text.len() + 1;
    }
    let mut n = 0;
    let mut max = 0;
    for c in text.chars() {
        n += 1;
        max = max.max(c as u32);
    }
    let kind = if max < 256 {
        1
    } else if max < 65536 {
        2
    } else {
        4
    };
    72 + (n + 1) * kind
}

/// Bytes of an int of this many significant bits: a header and one 4-byte digit per 30
/// bits, at least one (zero has one digit in 3.11's `int.__sizeof__`).
pub fn int_size(bits: u64) -> usize {
    24 + 4 * (bits.div_ceil(30) as usize).max(1)
}

/// The size of a generator object whose frame has `slots` local and stack slots
/// (`gen_sizeof`), gc header included.
pub fn generator_size(slots: usize) -> usize {
    GC_HEADER + GENERATOR_BASE + 8 * slots
}

/// `co_nlocalsplus + co_stacksize` of a generator function's code.
pub fn function_frame_slots(f: &ast::Function) -> usize {
    let s = &f.scope;
    s.locals.len() + s.cells.len() - s.cell_params.len() + stack_depth::function(f)
}

/// `co_nlocalsplus + co_stacksize` of a generator expression's code (`.0` included).
pub fn genexpr_frame_slots(c: &ast::Comprehension) -> usize {
    let s = &c.scope;
    let dot0 = usize::from(!s.locals.iter().any(|l| &**l == ".0"));
    dot0 + s.locals.len() + s.cells.len() - s.cell_params.len() + stack_depth::genexpr(c)
}

/// True for objects CPython allocates with a gc header.
pub fn has_gc_header(obj: &Obj) -> bool {
    !matches!(
        obj,
        Obj::None
            | Obj::NotImplemented
            | Obj::Ellipsis
            | Obj::Bool(_)
            | Obj::Int(_)
            | Obj::BigInt(_)
            | Obj::Float(_)
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::Range(_)
    ) && !matches!(obj, Obj::Iter(it) if it.kind == IterKind::Range)
        && !matches!(obj, Obj::Instance(i) if matches!(&**i.class.borrow(), Obj::Class(c) if c.builtin.is_some()))
}

/// The pre-header `sys.getsizeof` adds to `__sizeof__` (`_PyType_PreHeaderSize`).
pub fn preheader(obj: &Obj) -> usize {
    let gc = if has_gc_header(obj) { GC_HEADER } else { 0 };
    gc + match obj {
        Obj::Instance(i) => match &**i.class.borrow() {
            Obj::Class(c) if managed_dict(c) => MANAGED_DICT,
            _ => 0,
        },
        _ => 0,
    }
}

/// Instances keep their `__dict__` in the pre-header (CPython 3.11's managed dict) when
/// the class gives them one and the base layout has none.
fn managed_dict(c: &ClassObj) -> bool {
    c.has_dict
        && !matches!(
            c.base_kind,
            TypeKind::BaseException | TypeKind::Int | TypeKind::Tuple | TypeKind::Bytes
        )
}

/// `sys.getsizeof(v)`: a `__sizeof__` defined in Python is called (its result must be a
/// non-negative int); otherwise the builtin size. The pre-header is added either way.
pub fn getsizeof(interp: &mut Interp, v: &Ref) -> PyResult<usize> {
    let name = interp.names.get(N::sizeof).clone();
    let size = match interp.user_special_method(v, &name) {
        Some(method) => {
            let result = interp.call(&method, vec![])?;
            let n: i128 = match &*result {
                Obj::Int(i) => *i as i128,
                Obj::Bool(b) => *b as i128,
                Obj::BigInt(_) => {
                    return Err(interp.err(
                        "OverflowError",
                        "Python int too large to convert to C ssize_t",
                    ))
                }
                _ => return Err(interp.err("TypeError", "an integer is required")),
            };
            if n < 0 {
                return Err(interp.err("ValueError", "__sizeof__() should return >= 0"));
            }
            n as usize
        }
        None => native_sizeof(v),
    };
    Ok(size + preheader(v))
}

/// The builtin `__sizeof__` of an object: its basic size plus its items, without the
/// pre-header.
pub fn native_sizeof(v: &Obj) -> usize {
    match v {
        Obj::None | Obj::NotImplemented | Obj::Ellipsis => 16,
        Obj::Bool(b) => int_size(*b as u64),
        Obj::Int(i) => int_size(64 - i.unsigned_abs().leading_zeros() as u64),
        Obj::BigInt(b) => int_size(b.bits()),
        Obj::Float(_) => 24,
        Obj::Str(s) => str_size(&s.text),
        Obj::Bytes(b) => 33 + b.len(),
        Obj::Tuple(t) => 24 + 8 * t.len(),
        Obj::List(l) => 40 + 8 * l.borrow().allocated(),
        Obj::Dict(d) => 48 + d.borrow().extra_size(),
        Obj::Set(s) => 200 + s.borrow().table_bytes(),
        Obj::FrozenSet(s) => 200 + s.table_bytes(),
        Obj::Range(_) => 48,
        Obj::Slice(_) => 40,
        Obj::Function(_) => 136,
        Obj::Builtin(_) => 56,
        Obj::Method(_) => 48,
        Obj::Cell(_) => 24,
        Obj::Class(c) => class_size(c),
        Obj::Instance(i) => {
            let class = i.class.borrow();
            let Obj::Class(c) = &**class else { return 16 };
            let dict_ptr = if c.has_dict { 8 } else { 0 };
            let extra = match i.base_value.as_deref() {
                Some(Obj::List(l)) => 8 * l.borrow().allocated(),
                Some(Obj::Dict(d)) => d.borrow().extra_size(),
                Some(Obj::Set(s)) => s.borrow().table_bytes(),
                Some(Obj::FrozenSet(s)) => s.table_bytes(),
                // A str subclass's text is not compact: `PyUnicodeObject` and the
                // characters with their NUL (`unicode___sizeof__` ignores the rest).
                Some(Obj::Str(s)) => {
                    let compact = str_size(&s.text);
                    let header = if s.text.is_ascii() { 48 } else { 72 };
                    return 80 + (compact - header);
                }
                // `int.__sizeof__` counts the digits only.
                Some(p @ (Obj::Int(_) | Obj::BigInt(_))) => return native_sizeof(p),
                Some(Obj::Float(_)) => return 24 + instance_basic_size(c) - 16,
                // Variable-sized: the `__dict__` pointer follows the fixed part.
                Some(Obj::Tuple(t)) => return 24 + dict_ptr + 8 * t.len(),
                Some(Obj::Bytes(b)) => return 33 + dict_ptr + b.len(),
                _ => 0,
            };
            instance_basic_size(c) + extra
        }
        Obj::Exception(e) => {
            let class = e.class.borrow();
            match &**class {
                Obj::Class(c) => exception_basic_size(c),
                _ => 72,
            }
        }
        Obj::Module(_) => 56,
        Obj::Iter(it) => match it.kind {
            IterKind::Range => 48,
            IterKind::DictKeys
            | IterKind::DictValues
            | IterKind::DictItems
            | IterKind::Enumerate => 56,
            IterKind::Set | IterKind::Zip => 48,
            _ => 32,
        },
        Obj::Generator(g) => GENERATOR_BASE + 8 * g.frame_slots(),
        Obj::Property(_) => 64,
        Obj::StaticMethod(_) | Obj::ClassMethod(_) => 32,
        Obj::Super(_) => 40,
        Obj::Frame(f) => {
            FRAME_BASE
                + 8 * match &f.code {
                    Some(code) => function_frame_slots(code),
                    None => f.slots,
                }
        }
        Obj::Traceback(_) => 40,
        Obj::Code(_) => 176,
        Obj::Member(_) => 48,
        Obj::File(f) => {
            if f.borrow().mode.contains('b') {
                // A buffered binary file counts its 4096-byte buffer.
                152 + 4096
            } else {
                192
            }
        }
        Obj::WeakRef(_) => 64,
        Obj::DictView(_) => 24,
    }
}

/// `type.__sizeof__`: builtin types are static `PyTypeObject`s; classes are heap types
/// and count their shared keys table.
fn class_size(c: &ClassObj) -> usize {
    if c.builtin.is_some() || c.module.borrow().as_str() == "builtins" {
        return STATIC_TYPE;
    }
    HEAP_TYPE
        + if c.shared_keys.is_some() {
            SharedKeys::TABLE_BYTES
        } else {
            0
        }
}

/// The basic size of an instance of a class (`tp_basicsize`): the base type's layout,
/// one pointer per `__slots__` name and one for `__weakref__` when the class adds it.
pub fn instance_basic_size(c: &ClassObj) -> usize {
    let (base, has_weaklist) = match c.base_kind {
        TypeKind::List => (40, false),
        TypeKind::Dict => (48, false),
        TypeKind::Set | TypeKind::FrozenSet => (200, true),
        _ => (16, false),
    };
    let slots = c.slots.as_ref().map(|s| s.len()).unwrap_or(0);
    let weakref = if c.weakrefable && !has_weaklist { 8 } else { 0 };
    base + 8 * slots + weakref
}

/// The basic size of an exception: `PyBaseExceptionObject` or the larger structs of
/// the builtin exceptions with extra fields; a class defined in Python adds
/// `__weakref__` and its slots.
fn exception_basic_size(c: &ClassObj) -> usize {
    let mut size = 72;
    let mut builtin_names: Vec<String> = Vec::new();
    if is_builtin_class(c) {
        builtin_names.push(c.name.borrow().clone());
    }
    for b in c.mro_rest().iter() {
        if let Obj::Class(bc) = &**b {
            if is_builtin_class(bc) {
                builtin_names.push(bc.name.borrow().clone());
            }
        }
    }
    for name in builtin_names {
        let found = match name.as_str() {
            "OSError" => Some(112),
            "SyntaxError" => Some(136),
            "ImportError" => Some(96),
            "AttributeError" => Some(88),
            "NameError" | "StopIteration" | "SystemExit" => Some(80),
            _ => None,
        };
        if let Some(s) = found {
            size = s;
            break;
        }
    }
    if !is_builtin_class(c) {
        let slots = c.slots.as_ref().map(|s| s.len()).unwrap_or(0);
        size += 8 + 8 * slots;
    }
    size
}

fn is_builtin_class(c: &ClassObj) -> bool {
    c.builtin.is_some() || c.module.borrow().as_str() == "builtins"
}

/// How tracemalloc sees an object's memory: the object's own block (pre-header and
/// all), and the block allocated apart from it, if any (list items, dict keys table,
/// large set table, an instance's inline values).
pub fn blocks(obj: &Obj) -> (usize, usize) {
    match obj {
        Obj::List(l) => (GC_HEADER + 40, 8 * l.borrow().allocated()),
        Obj::Dict(d) => {
            let d = d.borrow();
            if d.is_split() {
                // An instance's `__dict__` lives in its values until asked for.
                (0, 0)
            } else {
                (GC_HEADER + 48, d.table_bytes())
            }
        }
        Obj::Set(s) => (GC_HEADER + 200, s.borrow().table_bytes()),
        Obj::FrozenSet(s) => (GC_HEADER + 200, s.table_bytes()),
        Obj::Instance(i) => {
            let class = i.class.borrow();
            let values = match &**class {
                Obj::Class(c) if c.base_kind == TypeKind::Object => c
                    .shared_keys
                    .as_ref()
                    .map(|k| SharedKeys::values_bytes(k.usable_size()))
                    .unwrap_or(0),
                _ => 0,
            };
            drop(class);
            (native_sizeof(obj) + preheader(obj), values)
        }
        other => (native_sizeof(other) + preheader(other), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures printed by CPython 3.11.7 (`sys.getsizeof`).
    #[test]
    fn str_sizes_match_cpython() {
        let cases = [
            ("", 49),
            ("a", 50),
            ("hello", 54),
            ("Hello, World!", 62),
            ("é", 74),
            ("café", 77),
            ("größe", 78),
            ("€", 76),
            ("a€", 78),
            ("привет", 86),
            ("日本語", 80),
            ("😀", 80),
            ("a😀", 84),
            ("€😀", 84),
        ];
        for (s, want) in cases {
            assert_eq!(str_size(s), want, "{s:?}");
        }
        assert_eq!(str_size(&"a".repeat(100)), 149);
        assert_eq!(str_size(&"ä".repeat(100)), 173);
        assert_eq!(str_size(&"€".repeat(100)), 274);
        assert_eq!(str_size(&"😀".repeat(100)), 476);
    }

    #[test]
    fn int_sizes_match_cpython() {
        // (bit_length, size) for 0, 1, 2**30 - 1, 2**30, 2**60, 2**90, 10**100, 2**1000.
        for (bits, want) in [
            (0, 28),
            (1, 28),
            (30, 28),
            (31, 32),
            (60, 32),
            (61, 36),
            (91, 40),
            (333, 72),
            (1001, 160),
        ] {
            assert_eq!(int_size(bits), want, "{bits} bits");
        }
    }

    #[test]
    fn generator_sizes_match_cpython() {
        // (x * 2 for x in range(10)): 2 locals + 3 stack; countdown(n): 1 + 2.
        assert_eq!(generator_size(5), 208);
        assert_eq!(generator_size(3), 192);
        assert_eq!(generator_size(4), 200);
    }

    #[test]
    fn dict_tables_match_cpython() {
        use crate::objects::dict::{calculate_log2_keysize, estimate_log2_keysize, KeysShape};
        // getsizeof of dicts: 64 + keys table.
        assert_eq!(64 + KeysShape::new(3, true).bytes(), 184);
        assert_eq!(64 + KeysShape::new(3, false).bytes(), 224);
        assert_eq!(64 + KeysShape::new(4, true).bytes(), 272);
        assert_eq!(64 + KeysShape::new(5, true).bytes(), 464);
        assert_eq!(64 + KeysShape::new(6, true).bytes(), 832);
        assert_eq!(64 + KeysShape::new(7, true).bytes(), 1584);
        assert_eq!(64 + KeysShape::new(7, false).bytes(), 2264);
        assert_eq!(64 + KeysShape::new(11, false).bytes(), 36952);
        assert_eq!(64 + KeysShape::EMPTY.bytes(), 64);
        // Growth: used * 3; presizing: (3n + 1) / 2, with the `| 8` quirk.
        assert_eq!(calculate_log2_keysize(15), 4);
        assert_eq!(calculate_log2_keysize(30), 5);
        assert_eq!(calculate_log2_keysize(0), 3);
        assert_eq!(estimate_log2_keysize(1), 4);
        assert_eq!(estimate_log2_keysize(5), 3);
        assert_eq!(estimate_log2_keysize(21), 6);
        assert_eq!(SharedKeys::TABLE_BYTES + HEAP_TYPE + GC_HEADER, 1688);
        assert_eq!(SharedKeys::values_bytes(29), 264);
    }
}
