//! The special methods of the builtin types (`[].__len__`, `int.__add__`,
//! `iter(x).__next__` …): CPython's slot wrappers. Each name maps to one generic wrapper
//! that performs the operation natively on its `self`, so `list.__getitem__(l, 0)`,
//! `(1).__add__(2)` and `super().__setitem__(k, v)` in a subclass all reach the builtin
//! behaviour. A subclass instance's builtin part stands in for `self` (see
//! [`Interp::call_with`](crate::eval::Interp::call_with)); other operands that are
//! subclass instances are unwrapped here.

use crate::eval::names::N;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::kinds::TypeKind;
use crate::objects::{BuiltinFn, Obj};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

/// The builtin part of a subclass instance, or the value itself.
fn payload(interp: &Interp, v: &Ref) -> Ref {
    interp.base_value(v).unwrap_or_else(|| v.clone())
}

fn one_arg<'a>(interp: &mut Interp, args: &'a Args) -> PyResult<&'a Ref> {
    if args.pos.len() != 2 {
        return Err(interp.err(
            "TypeError",
            format!(
                "expected 1 argument, got {}",
                args.pos.len().saturating_sub(1)
            ),
        ));
    }
    Ok(&args.pos[1])
}

fn no_args(interp: &mut Interp, args: &Args, name: &str) -> PyResult<()> {
    if args.pos.len() != 1 || !args.kw.is_empty() {
        return Err(interp.err(
            "TypeError",
            format!(
                "{name}() takes no arguments ({} given)",
                args.pos.len().saturating_sub(1)
            ),
        ));
    }
    Ok(())
}

fn slot_len(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__len__")?;
    let n = interp.len_of(&args.pos[0])?;
    Ok(interp.new_int(n as i64))
}

fn slot_getitem(interp: &mut Interp, args: Args) -> PyResult {
    let k = one_arg(interp, &args)?.clone();
    interp.getitem(&args.pos[0], &k)
}

fn slot_setitem(interp: &mut Interp, args: Args) -> PyResult {
    if args.pos.len() != 3 {
        return Err(interp.err(
            "TypeError",
            format!(
                "expected 2 arguments, got {}",
                args.pos.len().saturating_sub(1)
            ),
        ));
    }
    interp.setitem(&args.pos[0], &args.pos[1], args.pos[2].clone())?;
    Ok(interp.none())
}

fn slot_delitem(interp: &mut Interp, args: Args) -> PyResult {
    let k = one_arg(interp, &args)?.clone();
    interp.delitem(&args.pos[0], &k)?;
    Ok(interp.none())
}

fn slot_contains(interp: &mut Interp, args: Args) -> PyResult {
    let k = one_arg(interp, &args)?.clone();
    let r = interp.contains(&args.pos[0], &k)?;
    Ok(interp.bool(r))
}

fn slot_iter(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__iter__")?;
    interp.get_iter(&args.pos[0])
}

fn slot_next(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__next__")?;
    match interp.next(&args.pos[0])? {
        Some(v) => Ok(v),
        None => {
            let class = interp.exc_class("StopIteration");
            let exc = interp.new_instance(&class, &[])?;
            Err(Unwind::Exception(exc))
        }
    }
}

fn slot_repr(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__repr__")?;
    let s = interp.repr(&args.pos[0])?;
    Ok(interp.new_string(s))
}

fn slot_str(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__str__")?;
    let s = interp.str(&args.pos[0])?;
    Ok(interp.new_string(s))
}

fn slot_hash(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__hash__")?;
    let h = interp.hash(&args.pos[0])?;
    Ok(interp.new_int(h))
}

fn slot_bool(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__bool__")?;
    let b = interp.truthy(&args.pos[0])?;
    Ok(interp.bool(b))
}

fn slot_format(interp: &mut Interp, args: Args) -> PyResult {
    let spec = one_arg(interp, &args)?;
    let Some(spec) = spec.as_str_opt().map(str::to_string) else {
        let t = interp.type_name(spec);
        return Err(interp.err(
            "TypeError",
            format!("__format__() argument must be str, not {t}"),
        ));
    };
    let s = interp.format_value(&args.pos[0], &spec)?;
    Ok(interp.new_string(s))
}

/// `int(self)` / `float(self)` as an exact builtin value.
fn slot_int(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__int__")?;
    let class = interp.type_ref(TypeKind::Int);
    interp.call(&class, vec![args.pos[0].clone()])
}

fn slot_float(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__float__")?;
    let class = interp.type_ref(TypeKind::Float);
    interp.call(&class, vec![args.pos[0].clone()])
}

fn slot_index(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__index__")?;
    let n = crate::modules::builtins::int_of(&args.pos[0]);
    Ok(interp.new_bigint(n))
}

fn slot_abs(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, &args, "__abs__")?;
    crate::modules::builtins::abs(interp, Args::new(&args.pos[..1]))
}

fn unary(interp: &mut Interp, args: Args, op: UnaryOp, name: &str) -> PyResult {
    no_args(interp, &args, name)?;
    interp.unary_op(&args.pos[0], op)
}

fn slot_neg(interp: &mut Interp, args: Args) -> PyResult {
    unary(interp, args, UnaryOp::USub, "__neg__")
}

fn slot_pos(interp: &mut Interp, args: Args) -> PyResult {
    unary(interp, args, UnaryOp::UAdd, "__pos__")
}

fn slot_invert(interp: &mut Interp, args: Args) -> PyResult {
    unary(interp, args, UnaryOp::Invert, "__invert__")
}

/// `self op other` (or, reflected, `other op self`) by the builtin operator only;
/// NotImplemented when it does not apply to these operands.
fn binary(interp: &mut Interp, args: Args, op: BinOp, reflected: bool) -> PyResult {
    let other = one_arg(interp, &args)?;
    let other = payload(interp, other);
    let me = &args.pos[0];
    let r = if reflected {
        interp.builtin_binary(&other, me, op)?
    } else {
        interp.builtin_binary(me, &other, op)?
    };
    Ok(r.unwrap_or_else(|| interp.not_implemented()))
}

/// `self op= other`: in place for lists and sets, otherwise NotImplemented (the
/// operation falls back to `self op other`).
fn inplace(interp: &mut Interp, args: Args, op: BinOp) -> PyResult {
    let other = one_arg(interp, &args)?;
    let other = payload(interp, other);
    let me = &args.pos[0];
    match (&**me, op) {
        (Obj::Dict(_), BinOp::BitOr) => {
            interp.dict_update(me, &other)?;
            Ok(me.clone())
        }
        (Obj::List(_) | Obj::Set(_), _) => interp.inplace_op(me.clone(), &other, op),
        _ => Ok(interp.not_implemented()),
    }
}

fn compare(interp: &mut Interp, args: Args, op: CmpOp) -> PyResult {
    let other = one_arg(interp, &args)?;
    let other = payload(interp, other);
    let r = interp.builtin_rich_compare(&args.pos[0], &other, op)?;
    Ok(r.unwrap_or_else(|| interp.not_implemented()))
}

/// `list.__init__`, `dict.__init__`, `set.__init__`: (re)fill the object.
fn slot_init(interp: &mut Interp, args: Args) -> PyResult {
    let me = args.pos[0].clone();
    match &*me {
        Obj::List(l) => {
            let old = l.borrow_mut().clear();
            drop(old);
        }
        Obj::Set(s) => {
            let old = s.borrow_mut().clear();
            drop(old);
        }
        _ => {}
    }
    crate::modules::builtins::init_builtin_base(interp, &me, &args.pos[1..], args.kw)?;
    Ok(interp.none())
}

/// `T.__new__(cls, …)` of a builtin type: the type's constructor, or for a subclass an
/// instance holding the value built from the arguments.
fn slot_new(interp: &mut Interp, args: Args) -> PyResult {
    let Some(cls) = args.pos.first() else {
        return Err(interp.err("TypeError", "__new__(): not enough arguments"));
    };
    let Obj::Class(c) = &**cls else {
        let t = interp.type_name(cls);
        return Err(interp.err(
            "TypeError",
            format!("__new__(X): X is not a type object ({t})"),
        ));
    };
    if let Some(kind) = c.builtin {
        return crate::modules::builtins::construct(
            interp,
            kind,
            cls,
            args.pos[1..].to_vec(),
            args.kw.to_vec(),
        );
    }
    let cls = cls.clone();
    interp.new_instance_with(&cls, &args.pos[1..], args.kw)
}

macro_rules! binary_slots {
    ($($f:ident, $rf:ident, $if:ident => $op:expr;)*) => {
        $(
            fn $f(interp: &mut Interp, args: Args) -> PyResult { binary(interp, args, $op, false) }
            fn $rf(interp: &mut Interp, args: Args) -> PyResult { binary(interp, args, $op, true) }
            fn $if(interp: &mut Interp, args: Args) -> PyResult { inplace(interp, args, $op) }
        )*
    };
}

binary_slots! {
    slot_add, slot_radd, slot_iadd => BinOp::Add;
    slot_sub, slot_rsub, slot_isub => BinOp::Sub;
    slot_mul, slot_rmul, slot_imul => BinOp::Mult;
    slot_truediv, slot_rtruediv, slot_itruediv => BinOp::Div;
    slot_floordiv, slot_rfloordiv, slot_ifloordiv => BinOp::FloorDiv;
    slot_mod, slot_rmod, slot_imod => BinOp::Mod;
    slot_pow, slot_rpow, slot_ipow => BinOp::Pow;
    slot_lshift, slot_rlshift, slot_ilshift => BinOp::LShift;
    slot_rshift, slot_rrshift, slot_irshift => BinOp::RShift;
    slot_and, slot_rand, slot_iand => BinOp::BitAnd;
    slot_or, slot_ror, slot_ior => BinOp::BitOr;
    slot_xor, slot_rxor, slot_ixor => BinOp::BitXor;
}

macro_rules! compare_slots {
    ($($f:ident => $op:expr;)*) => {
        $( fn $f(interp: &mut Interp, args: Args) -> PyResult { compare(interp, args, $op) } )*
    };
}

compare_slots! {
    slot_eq => CmpOp::Eq;
    slot_ne => CmpOp::NotEq;
    slot_lt => CmpOp::Lt;
    slot_le => CmpOp::LtE;
    slot_gt => CmpOp::Gt;
    slot_ge => CmpOp::GtE;
}

/// The wrapper for a special method name.
fn slot_fn(name: &str) -> Option<BuiltinFn> {
    Some(match name {
        "__len__" => slot_len,
        "__getitem__" => slot_getitem,
        "__setitem__" => slot_setitem,
        "__delitem__" => slot_delitem,
        "__contains__" => slot_contains,
        "__iter__" => slot_iter,
        "__next__" => slot_next,
        "__repr__" => slot_repr,
        "__str__" => slot_str,
        "__hash__" => slot_hash,
        "__bool__" => slot_bool,
        "__format__" => slot_format,
        "__int__" | "__trunc__" => slot_int,
        "__float__" => slot_float,
        "__index__" => slot_index,
        "__abs__" => slot_abs,
        "__neg__" => slot_neg,
        "__pos__" => slot_pos,
        "__invert__" => slot_invert,
        "__init__" => slot_init,
        "__new__" => slot_new,
        "__eq__" => slot_eq,
        "__ne__" => slot_ne,
        "__lt__" => slot_lt,
        "__le__" => slot_le,
        "__gt__" => slot_gt,
        "__ge__" => slot_ge,
        "__add__" => slot_add,
        "__radd__" => slot_radd,
        "__iadd__" => slot_iadd,
        "__sub__" => slot_sub,
        "__rsub__" => slot_rsub,
        "__isub__" => slot_isub,
        "__mul__" => slot_mul,
        "__rmul__" => slot_rmul,
        "__imul__" => slot_imul,
        "__truediv__" => slot_truediv,
        "__rtruediv__" => slot_rtruediv,
        "__itruediv__" => slot_itruediv,
        "__floordiv__" => slot_floordiv,
        "__rfloordiv__" => slot_rfloordiv,
        "__ifloordiv__" => slot_ifloordiv,
        "__mod__" => slot_mod,
        "__rmod__" => slot_rmod,
        "__imod__" => slot_imod,
        "__pow__" => slot_pow,
        "__rpow__" => slot_rpow,
        "__ipow__" => slot_ipow,
        "__lshift__" => slot_lshift,
        "__rlshift__" => slot_rlshift,
        "__ilshift__" => slot_ilshift,
        "__rshift__" => slot_rshift,
        "__rrshift__" => slot_rrshift,
        "__irshift__" => slot_irshift,
        "__and__" => slot_and,
        "__rand__" => slot_rand,
        "__iand__" => slot_iand,
        "__or__" => slot_or,
        "__ror__" => slot_ror,
        "__ior__" => slot_ior,
        "__xor__" => slot_xor,
        "__rxor__" => slot_rxor,
        "__ixor__" => slot_ixor,
        _ => return None,
    })
}

const CMP: &[&str] = &["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"];
const SEQ: &[&str] = &["__len__", "__getitem__", "__contains__", "__iter__"];
const NUM: &[&str] = &[
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__mod__",
    "__rmod__",
    "__pow__",
    "__rpow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__bool__",
    "__int__",
    "__float__",
    "__trunc__",
    "__hash__",
    "__repr__",
    "__new__",
];
const INT_ONLY: &[&str] = &[
    "__index__",
    "__invert__",
    "__lshift__",
    "__rlshift__",
    "__rshift__",
    "__rrshift__",
    "__and__",
    "__rand__",
    "__or__",
    "__ror__",
    "__xor__",
    "__rxor__",
];
const SET_OPS: &[&str] = &[
    "__and__", "__rand__", "__or__", "__ror__", "__sub__", "__rsub__", "__xor__", "__rxor__",
];
const ITERATOR: &[&str] = &["__iter__", "__next__"];

/// The special methods each builtin type defines itself (`T.__dict__`), as CPython 3.11
/// lists them; `None` marks `__hash__ = None` (unhashable types).
fn table(kind: TypeKind) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    let mut add = |names: &[&'static str]| v.extend_from_slice(names);
    match kind {
        TypeKind::Int => {
            add(CMP);
            add(NUM);
            add(INT_ONLY);
            add(&["__format__"]);
        }
        TypeKind::Float => {
            add(CMP);
            add(NUM);
            add(&["__format__"]);
        }
        TypeKind::Bool => add(&[
            "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__", "__repr__",
            "__new__",
        ]),
        TypeKind::Str => {
            add(CMP);
            add(SEQ);
            add(&[
                "__add__",
                "__mul__",
                "__rmul__",
                "__mod__",
                "__rmod__",
                "__hash__",
                "__repr__",
                "__str__",
                "__format__",
                "__new__",
            ]);
        }
        TypeKind::Bytes => {
            add(CMP);
            add(SEQ);
            add(&[
                "__add__", "__mul__", "__rmul__", "__mod__", "__rmod__", "__hash__", "__repr__",
                "__str__", "__new__",
            ]);
        }
        TypeKind::Tuple => {
            add(CMP);
            add(SEQ);
            add(&[
                "__add__", "__mul__", "__rmul__", "__hash__", "__repr__", "__new__",
            ]);
        }
        TypeKind::List => {
            add(CMP);
            add(SEQ);
            add(&[
                "__add__",
                "__mul__",
                "__rmul__",
                "__iadd__",
                "__imul__",
                "__setitem__",
                "__delitem__",
                "__repr__",
                "__init__",
                "__new__",
            ]);
        }
        TypeKind::Dict => {
            add(CMP);
            add(SEQ);
            add(&[
                "__setitem__",
                "__delitem__",
                "__or__",
                "__ror__",
                "__ior__",
                "__repr__",
                "__init__",
                "__new__",
            ]);
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            add(CMP);
            add(&["__len__", "__contains__", "__iter__"]);
            add(SET_OPS);
            add(&["__repr__", "__new__"]);
            if kind == TypeKind::Set {
                add(&["__iand__", "__ior__", "__isub__", "__ixor__", "__init__"]);
            } else {
                add(&["__hash__"]);
            }
        }
        TypeKind::Range => {
            add(CMP);
            add(SEQ);
            add(&["__bool__", "__hash__", "__repr__"]);
        }
        TypeKind::DictKeys | TypeKind::DictItems => {
            add(CMP);
            add(&["__len__", "__contains__", "__iter__", "__repr__"]);
        }
        TypeKind::DictValues => add(&["__len__", "__iter__", "__repr__"]),
        TypeKind::ListIterator
        | TypeKind::ListReverseIterator
        | TypeKind::TupleIterator
        | TypeKind::StrIterator
        | TypeKind::RangeIterator
        | TypeKind::DictKeyIterator
        | TypeKind::DictValueIterator
        | TypeKind::DictItemIterator
        | TypeKind::SetIterator
        | TypeKind::BytesIterator
        | TypeKind::Enumerate
        | TypeKind::Zip
        | TypeKind::Map
        | TypeKind::Filter
        | TypeKind::Reversed
        | TypeKind::CallableIterator => add(ITERATOR),
        _ => {}
    }
    v
}

/// Puts the wrappers in the builtin types' dicts (methods already there win), and
/// `__hash__ = None` in those of the unhashable ones.
pub fn install(interp: &mut Interp) {
    for &kind in crate::objects::kinds::ALL_KINDS {
        let names = table(kind);
        let unhashable = matches!(kind, TypeKind::List | TypeKind::Dict | TypeKind::Set);
        if names.is_empty() && !unhashable {
            continue;
        }
        let class = interp.type_ref(kind);
        let Obj::Class(c) = &*class else { continue };
        let dict = c.dict.clone();
        for name in names {
            let key = interp.intern(name);
            if interp.dict_get_str(&dict, &key).is_some() {
                continue;
            }
            let Some(func) = slot_fn(name) else { continue };
            let w = crate::heap::gc::track_new(Ref::new(Obj::Builtin(Box::new(
                crate::objects::BuiltinObj {
                    name,
                    func,
                    self_: None,
                    owner: Some(kind),
                    sig: crate::objects::sigs::sig_of(kind, name),
                },
            ))));
            let _ = interp.dict_set(&dict, key, w);
        }
        if unhashable {
            let key = interp.names.get(N::hash).clone();
            let none = interp.none();
            let _ = interp.dict_set(&dict, key, none);
        }
    }
}

/// An exact builtin copy of an immutable builtin part (what CPython's str, int, float,
/// tuple, bytes and frozenset methods return for a subclass instance where an exact
/// object would return itself); `None` for mutable parts, which stand for their instance.
pub fn exact_copy(interp: &mut Interp, part: &Ref) -> Option<PyResult> {
    Some(Ok(match &**part {
        Obj::Int(i) => interp.new_int(*i),
        Obj::BigInt(b) => interp.new_bigint((**b).clone()),
        Obj::Float(f) => interp.new_float(*f),
        Obj::Str(s) => interp.new_str(&s.text),
        Obj::Bytes(b) => interp.new_bytes(b),
        Obj::Tuple(t) => interp.new_tuple(t.to_vec()),
        Obj::FrozenSet(_) => {
            let items = interp.set_items(part);
            return Some(interp.set_from_items(items, true));
        }
        _ => return None,
    }))
}

/// The builtin part of a new instance of a subclass of an immutable type, made from the
/// value the builtin constructor returned: an object of its own, never shared.
pub fn own_part(value: &Ref) -> Option<Obj> {
    Some(match &**value {
        Obj::Int(i) => Obj::Int(*i),
        Obj::Bool(b) => Obj::Int(*b as i64),
        Obj::BigInt(b) => Obj::BigInt(b.clone()),
        Obj::Float(f) => Obj::Float(*f),
        Obj::Str(s) => Obj::Str(crate::objects::StrObj::new(s.text.clone())),
        Obj::Bytes(b) => Obj::Bytes(b.clone()),
        Obj::Tuple(t) => Obj::Tuple(t.clone()),
        Obj::FrozenSet(s) => {
            let mut copy = crate::objects::SetObj::new();
            copy.merge(s, |a, b| a.is(b));
            Obj::FrozenSet(Box::new(copy))
        }
        _ => return None,
    })
}
