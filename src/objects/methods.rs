//! Registers the builtin types' methods in their type dicts (as method descriptors), and
//! implements those of `dict`, `set`, `object`, `int`, `float` and exceptions.

use crate::eval::names::N;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::modules::builtins::{check_arity, unpack_keywords, Clinic};
use crate::objects::kinds::TypeKind;
use crate::objects::{BuiltinFn, BuiltinObj, DictViewKind, Obj};

/// Builtin methods that receive the class (`dict.fromkeys`).
const CLASS_METHODS: &[&str] = &["fromkeys", "from_bytes"];

pub fn install(interp: &mut Interp) {
    let tables: Vec<(TypeKind, Vec<(&'static str, BuiltinFn)>)> = vec![
        (TypeKind::List, super::list::methods()),
        (TypeKind::Tuple, super::list::tuple_methods()),
        (TypeKind::Dict, dict_methods()),
        (TypeKind::Set, set_methods(false)),
        (TypeKind::FrozenSet, set_methods(true)),
        (TypeKind::Str, super::str_methods::methods()),
        (TypeKind::Bytes, super::bytes_methods::methods()),
        (TypeKind::Object, object_methods()),
        (TypeKind::Int, int_methods()),
        (TypeKind::Float, float_methods()),
        (TypeKind::TextIOWrapper, crate::modules::io::methods()),
        (TypeKind::Generator, crate::eval::generator::methods()),
        (TypeKind::Property, property_methods()),
    ];
    for (kind, methods) in tables {
        let class = interp.type_ref(kind);
        let Obj::Class(c) = &*class else { continue };
        let dict = c.dict.clone();
        for (name, func) in methods {
            let mut m = crate::heap::gc::track_new(Ref::new(Obj::Builtin(Box::new(BuiltinObj {
                name,
                func,
                self_: None,
                owner: Some(kind),
                sig: super::sigs::sig_of(kind, name),
            }))));
            if CLASS_METHODS.contains(&name) {
                m = crate::heap::gc::track_new(Ref::new(Obj::ClassMethod(Box::new(
                    std::cell::RefCell::new(m),
                ))));
            }
            let key = interp.intern(name);
            let _ = interp.dict_set(&dict, key, m);
        }
    }
    let base_exc = interp.exc_class("BaseException");
    if let Obj::Class(c) = &*base_exc {
        let dict = c.dict.clone();
        for (name, func) in exception_methods() {
            let m = crate::heap::gc::track_new(Ref::new(Obj::Builtin(Box::new(BuiltinObj {
                name,
                func,
                self_: None,
                owner: Some(TypeKind::BaseException),
                sig: super::sigs::Sig::Own,
            }))));
            let key = interp.intern(name);
            let _ = interp.dict_set(&dict, key, m);
        }
    }
    super::slots::install(interp);
}

// ---------------------------------------------------------------------- property

/// `prop.getter(f)`, `.setter(f)`, `.deleter(f)`: a new property with that function in
/// place of the old one (`property_copy`).
fn property_copy(interp: &mut Interp, args: Args, which: usize, name: &str) -> PyResult {
    check_arity(interp, name, &args, 2, 2)?;
    let Obj::Property(p) = &*args.pos[0] else {
        let t = interp.type_name(&args.pos[0]);
        return Err(interp.err(
            "TypeError",
            format!("descriptor '{name}' for 'property' objects doesn't apply to a '{t}' object"),
        ));
    };
    let mut parts = (**p).clone();
    parts[which] = args.pos[1].clone();
    Ok(crate::heap::gc::track_new(Ref::new(Obj::Property(
        Box::new(parts),
    ))))
}

fn property_getter(interp: &mut Interp, args: Args) -> PyResult {
    property_copy(interp, args, 0, "getter")
}

fn property_setter(interp: &mut Interp, args: Args) -> PyResult {
    property_copy(interp, args, 1, "setter")
}

fn property_deleter(interp: &mut Interp, args: Args) -> PyResult {
    property_copy(interp, args, 2, "deleter")
}

fn property_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("getter", property_getter),
        ("setter", property_setter),
        ("deleter", property_deleter),
    ]
}

// ---------------------------------------------------------------------- dict

fn dict_target(interp: &Interp, v: &Ref) -> Ref {
    interp.base_value(v).unwrap_or_else(|| v.clone())
}

fn view(interp: &mut Interp, d: &Ref, kind: DictViewKind) -> Ref {
    let _ = interp;
    crate::heap::gc::track_new(Ref::new(Obj::DictView(Box::new((d.clone(), kind)))))
}

fn dict_keys(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    Ok(view(interp, &d, DictViewKind::Keys))
}

fn dict_values(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    Ok(view(interp, &d, DictViewKind::Values))
}

fn dict_items(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    Ok(view(interp, &d, DictViewKind::Items))
}

fn dict_get(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    match interp.dict_get(&d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => Ok(args.pos.get(2).cloned().unwrap_or_else(|| interp.none())),
    }
}

fn dict_pop(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    match interp.dict_del(&d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(Unwind::Exception(interp.key_error(&args.pos[1]))),
        },
    }
}

fn dict_popitem(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    let removed = match &*d {
        Obj::Dict(dc) => dc.borrow_mut().pop_last(),
        _ => None,
    };
    match removed {
        Some((k, v)) => Ok(interp.new_tuple(vec![k, v])),
        None => Err(interp.err("KeyError", "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    if let Some(v) = interp.dict_get(&d, &args.pos[1])? {
        return Ok(v);
    }
    let default = args.pos.get(2).cloned().unwrap_or_else(|| interp.none());
    interp.dict_set(&d, args.pos[1].clone(), default.clone())?;
    Ok(default)
}

fn dict_update_method(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    if let Some(other) = args.pos.get(1) {
        interp.dict_update(&d, other)?;
    }
    if !args.kw.is_empty() {
        let kw = interp.kwargs_dict(args.kw.to_vec())?;
        interp.dict_update(&d, &kw)?;
    }
    Ok(interp.none())
}

fn dict_clear(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    let old = match &*d {
        Obj::Dict(dc) => dc.borrow_mut().drain(),
        _ => Vec::new(),
    };
    // Entries are released in order, key then value.
    for (k, v) in old {
        drop(k);
        drop(v);
    }
    Ok(interp.none())
}

fn dict_copy_method(interp: &mut Interp, args: Args) -> PyResult {
    let d = dict_target(interp, &args.pos[0]);
    interp.dict_copy(&d)
}

fn dict_fromkeys(interp: &mut Interp, args: Args) -> PyResult {
    let d = interp.new_dict();
    let value = args.pos.get(2).cloned().unwrap_or_else(|| interp.none());
    // `_PyDict_FromKeys`: from a dict or a set the table is sized for it first.
    let presize = match &*args.pos[1] {
        Obj::Dict(src) => Some((src.borrow().len(), src.borrow().is_unicode())),
        Obj::Set(src) => Some((src.borrow().len(), false)),
        Obj::FrozenSet(src) => Some((src.len(), false)),
        _ => None,
    };
    if let (Some((n, unicode)), Obj::Dict(target)) = (presize, &*d) {
        target.borrow_mut().reserve_for_fromkeys(n, unicode);
    }
    for k in interp.collect_iterable(&args.pos[1])? {
        interp.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}

fn dict_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("get", dict_get),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("setdefault", dict_setdefault),
        ("update", dict_update_method),
        ("clear", dict_clear),
        ("copy", dict_copy_method),
        ("fromkeys", dict_fromkeys),
    ]
}

// ---------------------------------------------------------------------- set

fn set_add(interp: &mut Interp, args: Args) -> PyResult {
    interp.set_add(&args.pos[0], args.pos[1].clone())?;
    Ok(interp.none())
}

fn set_discard(interp: &mut Interp, args: Args) -> PyResult {
    interp.set_discard(&args.pos[0], &args.pos[1])?;
    Ok(interp.none())
}

fn set_remove(interp: &mut Interp, args: Args) -> PyResult {
    if !interp.set_discard(&args.pos[0], &args.pos[1])? {
        return Err(Unwind::Exception(interp.key_error(&args.pos[1])));
    }
    Ok(interp.none())
}

fn set_pop(interp: &mut Interp, args: Args) -> PyResult {
    let popped = match &*args.pos[0] {
        Obj::Set(s) => s.borrow_mut().pop(),
        _ => None,
    };
    match popped {
        Some(v) => Ok(v),
        None => Err(interp.err("KeyError", "pop from an empty set")),
    }
}

fn set_clear(interp: &mut Interp, args: Args) -> PyResult {
    let old = match &*args.pos[0] {
        Obj::Set(s) => s.borrow_mut().clear(),
        _ => Vec::new(),
    };
    drop(old);
    Ok(interp.none())
}

fn set_copy(interp: &mut Interp, args: Args) -> PyResult {
    let frozen = matches!(&*args.pos[0], Obj::FrozenSet(_));
    if frozen {
        return Ok(args.pos[0].clone());
    }
    interp.set_copy_of(&args.pos[0], false)
}

fn as_set(interp: &mut Interp, v: &Ref) -> PyResult<Ref> {
    if matches!(&**v, Obj::Set(_) | Obj::FrozenSet(_)) {
        return Ok(v.clone());
    }
    let items = interp.collect_iterable(v)?;
    interp.set_from_items(items, false)
}

fn set_op(interp: &mut Interp, args: Args, op: crate::syntax::ast::BinOp) -> PyResult {
    let mut result = args.pos[0].clone();
    if args.pos.len() == 1 {
        return set_copy(interp, Args::new(&args.pos[..1]));
    }
    for other in &args.pos[1..] {
        let o = as_set(interp, other)?;
        result = interp.set_binary(&result, &o, op)?;
    }
    Ok(result)
}

fn set_union(interp: &mut Interp, args: Args) -> PyResult {
    set_op(interp, args, crate::syntax::ast::BinOp::BitOr)
}

fn set_intersection(interp: &mut Interp, args: Args) -> PyResult {
    set_op(interp, args, crate::syntax::ast::BinOp::BitAnd)
}

fn set_difference(interp: &mut Interp, args: Args) -> PyResult {
    set_op(interp, args, crate::syntax::ast::BinOp::Sub)
}

fn set_symmetric_difference(interp: &mut Interp, args: Args) -> PyResult {
    set_op(interp, args, crate::syntax::ast::BinOp::BitXor)
}

fn set_update(interp: &mut Interp, args: Args) -> PyResult {
    for other in &args.pos[1..] {
        interp.set_update_from(&args.pos[0], other)?;
    }
    Ok(interp.none())
}

/// `difference_update`, `intersection_update`, `symmetric_difference_update`: the
/// in-place operators (`-=`, `&=`, `^=`) applied with each argument in turn.
fn set_update_op(interp: &mut Interp, args: Args, op: crate::syntax::ast::BinOp) -> PyResult {
    for other in &args.pos[1..] {
        let o = as_set(interp, other)?;
        interp.set_inplace(&args.pos[0], &o, op)?;
    }
    Ok(interp.none())
}

fn set_difference_update(interp: &mut Interp, args: Args) -> PyResult {
    set_update_op(interp, args, crate::syntax::ast::BinOp::Sub)
}

fn set_intersection_update(interp: &mut Interp, args: Args) -> PyResult {
    set_update_op(interp, args, crate::syntax::ast::BinOp::BitAnd)
}

fn set_symmetric_difference_update(interp: &mut Interp, args: Args) -> PyResult {
    set_update_op(interp, args, crate::syntax::ast::BinOp::BitXor)
}

fn set_relation(interp: &mut Interp, args: Args, kind: u8) -> PyResult {
    let other = as_set(interp, &args.pos[1])?;
    let (a, b) = match kind {
        0 => (args.pos[0].clone(), other),
        1 => (other, args.pos[0].clone()),
        _ => {
            for x in interp.set_items(&args.pos[0]) {
                if interp.set_contains(&other, &x)? {
                    return Ok(interp.bool(false));
                }
            }
            return Ok(interp.bool(true));
        }
    };
    for x in interp.set_items(&a) {
        if !interp.set_contains(&b, &x)? {
            return Ok(interp.bool(false));
        }
    }
    Ok(interp.bool(true))
}

fn set_issubset(interp: &mut Interp, args: Args) -> PyResult {
    set_relation(interp, args, 0)
}

fn set_issuperset(interp: &mut Interp, args: Args) -> PyResult {
    set_relation(interp, args, 1)
}

fn set_isdisjoint(interp: &mut Interp, args: Args) -> PyResult {
    set_relation(interp, args, 2)
}

fn set_methods(frozen: bool) -> Vec<(&'static str, BuiltinFn)> {
    let mut v: Vec<(&'static str, BuiltinFn)> = vec![
        ("copy", set_copy),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
    ];
    if !frozen {
        v.extend([
            ("add", set_add as BuiltinFn),
            ("discard", set_discard),
            ("remove", set_remove),
            ("pop", set_pop),
            ("clear", set_clear),
            ("update", set_update),
            ("difference_update", set_difference_update),
            ("intersection_update", set_intersection_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
        ]);
    }
    v
}

// ---------------------------------------------------------------------- object

fn object_init(interp: &mut Interp, _args: Args) -> PyResult {
    Ok(interp.none())
}

fn object_new(interp: &mut Interp, args: Args) -> PyResult {
    let Some(class) = args.pos.first() else {
        return Err(interp.err("TypeError", "object.__new__(): not enough arguments"));
    };
    interp.new_instance(class, &args.pos[1..])
}

fn object_repr(interp: &mut Interp, args: Args) -> PyResult {
    let v = &args.pos[0];
    let class = interp.type_of(v);
    let (module, qual) = match &*class {
        Obj::Class(c) => (c.module.borrow().clone(), c.qualname.borrow().clone()),
        _ => ("builtins".into(), "object".into()),
    };
    let addr = super::repr::addr(v);
    Ok(interp.new_string(if module == "builtins" {
        format!("<{qual} object at {addr}>")
    } else {
        format!("<{module}.{qual} object at {addr}>")
    }))
}

fn object_str(interp: &mut Interp, args: Args) -> PyResult {
    let s = interp.repr(&args.pos[0])?;
    Ok(interp.new_string(s))
}

fn object_eq(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__eq__", &args, 2, 2)?;
    if args.pos[0].is(&args.pos[1]) {
        Ok(interp.bool(true))
    } else {
        Ok(interp.not_implemented())
    }
}

fn object_ne(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__ne__", &args, 2, 2)?;
    let eq = interp.names.get(N::eq).clone();
    if let Some(m) = interp.user_special_method(&args.pos[0], &eq) {
        let r = interp.call(&m, vec![args.pos[1].clone()])?;
        if matches!(&*r, Obj::NotImplemented) {
            return Ok(r);
        }
        let t = interp.truthy(&r)?;
        return Ok(interp.bool(!t));
    }
    Ok(interp.bool(!args.pos[0].is(&args.pos[1])))
}

fn object_hash(interp: &mut Interp, args: Args) -> PyResult {
    Ok(interp.new_int(crate::eval::ops::identity_hash(&args.pos[0])))
}

fn object_setattr(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__setattr__", &args, 3, 3)?;
    let name = match args.pos[1].as_str_opt() {
        Some(s) => interp.intern(s),
        None => return Err(interp.err("TypeError", "attribute name must be string")),
    };
    let obj = &args.pos[0];
    match &**obj {
        Obj::Instance(_) => {
            let class = interp.type_of(obj);
            let text = name.as_str_opt().unwrap_or("").to_string();
            interp.instance_set(obj, &class, &name, &text, args.pos[2].clone())?;
        }
        _ => interp.setattr(obj, &name, args.pos[2].clone())?,
    }
    Ok(interp.none())
}

fn object_getattribute(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__getattribute__", &args, 2, 2)?;
    let name = match args.pos[1].as_str_opt() {
        Some(s) => interp.intern(s),
        None => return Err(interp.err("TypeError", "attribute name must be string")),
    };
    match interp.getattr_opt(&args.pos[0], &name)? {
        Some(v) => Ok(v),
        None => Err(interp.attribute_error(&args.pos[0], &name)),
    }
}

fn object_delattr(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__delattr__", &args, 2, 2)?;
    let name = match args.pos[1].as_str_opt() {
        Some(s) => interp.intern(s),
        None => return Err(interp.err("TypeError", "attribute name must be string")),
    };
    if let Obj::Instance(inst) = &*args.pos[0] {
        let dict = interp.instance_attrs_dict(inst);
        if let Some(d) = dict {
            if interp.dict_del_str(&d, &name).is_some() {
                return Ok(interp.none());
            }
        }
        return Err(interp.attribute_error(&args.pos[0], &name));
    }
    interp.delattr(&args.pos[0], &name)?;
    Ok(interp.none())
}

fn object_init_subclass(interp: &mut Interp, _args: Args) -> PyResult {
    Ok(interp.none())
}

fn object_sizeof(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "__sizeof__", &args, 1, 1)?;
    let size = crate::heap::sizes::native_sizeof(&args.pos[0]);
    Ok(interp.new_int(size as i64))
}

fn object_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("__init__", object_init),
        ("__new__", object_new),
        ("__repr__", object_repr),
        ("__str__", object_str),
        ("__eq__", object_eq),
        ("__ne__", object_ne),
        ("__hash__", object_hash),
        ("__setattr__", object_setattr),
        ("__getattribute__", object_getattribute),
        ("__delattr__", object_delattr),
        ("__init_subclass__", object_init_subclass),
        ("__sizeof__", object_sizeof),
    ]
}

// ---------------------------------------------------------------------- numbers

fn int_bit_length(interp: &mut Interp, args: Args) -> PyResult {
    let n = crate::modules::builtins::int_of(&args.pos[0]);
    Ok(interp.new_int(n.bits() as i64))
}

fn int_conjugate(interp: &mut Interp, args: Args) -> PyResult {
    let _ = interp;
    Ok(args.pos[0].clone())
}

fn int_bit_count(interp: &mut Interp, args: Args) -> PyResult {
    let n = crate::modules::builtins::int_of(&args.pos[0]);
    let ones: u64 = n.iter_u64_digits().map(|d| d.count_ones() as u64).sum();
    Ok(interp.new_int(ones as i64))
}

fn int_as_integer_ratio(interp: &mut Interp, args: Args) -> PyResult {
    let n = crate::modules::builtins::int_of(&args.pos[0]);
    let n = interp.new_bigint(n);
    let one = interp.new_int(1);
    Ok(interp.new_tuple(vec![n, one]))
}

/// `byteorder` of `to_bytes`/`from_bytes`: true for little-endian.
fn little_endian(interp: &mut Interp, fname: &str, order: Option<&Ref>) -> PyResult<bool> {
    let Some(order) = order else {
        return Ok(false);
    };
    match order.as_str_opt() {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        Some(_) => Err(interp.err("ValueError", "byteorder must be either 'little' or 'big'")),
        None => Err(interp.err(
            "TypeError",
            format!(
                "{fname}() argument 'byteorder' must be str, not {}",
                interp.type_name(order)
            ),
        )),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "to_bytes",
        params: &["length", "byteorder", "signed"],
        posonly: 0,
        minpos: 0,
        maxpos: 2,
    };
    let slots = unpack_keywords(interp, &SPEC, &args.pos[1..], args.kw)?;
    let length = match &slots[0] {
        Some(v) => interp.index_value(v)?,
        None => 1,
    };
    let little = little_endian(interp, "to_bytes", slots[1].as_ref())?;
    let signed = match &slots[2] {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    if length < 0 {
        return Err(interp.err("ValueError", "length argument must be non-negative"));
    }
    let n = crate::modules::builtins::int_of(&args.pos[0]);
    if !signed && n.sign() == num_bigint::Sign::Minus {
        return Err(interp.err("OverflowError", "can't convert negative int to unsigned"));
    }
    // The bits the value needs, with a sign bit when signed.
    let needed_bits = match (signed, n.sign()) {
        (_, num_bigint::Sign::NoSign) => 0,
        (false, _) => n.bits(),
        (true, num_bigint::Sign::Plus) => n.bits() + 1,
        (true, num_bigint::Sign::Minus) => (-&n - 1u32).bits() + 1,
    };
    if needed_bits.div_ceil(8) > length as u64 {
        return Err(interp.err("OverflowError", "int too big to convert"));
    }
    let length = length as usize;
    let mut out = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    let fill = if n.sign() == num_bigint::Sign::Minus {
        0xff
    } else {
        0
    };
    out.resize(length, fill);
    if !little {
        out.reverse();
    }
    Ok(interp.new_bytes(&out))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class method.
fn int_from_bytes(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "from_bytes",
        params: &["bytes", "byteorder", "signed"],
        posonly: 0,
        minpos: 1,
        maxpos: 2,
    };
    let slots = unpack_keywords(interp, &SPEC, &args.pos[1..], args.kw)?;
    let Some(source) = &slots[0] else {
        return Err(interp.err(
            "TypeError",
            "from_bytes() missing required argument 'bytes' (pos 1)",
        ));
    };
    let little = little_endian(interp, "from_bytes", slots[1].as_ref())?;
    let signed = match &slots[2] {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    let mut data: Vec<u8> = match &**source {
        Obj::Bytes(b) => b.to_vec(),
        Obj::Str(_) => Vec::new(),
        _ if interp.is_iterable(source) => {
            let mut out = Vec::new();
            for item in interp.collect_iterable(source)? {
                let v = interp.index_value(&item)?;
                if !(0..256).contains(&v) {
                    return Err(interp.err("ValueError", "bytes must be in range(0, 256)"));
                }
                out.push(v as u8);
            }
            out
        }
        _ => Vec::new(),
    };
    if matches!(&**source, Obj::Str(_)) || !interp.is_iterable(source) {
        return Err(interp.err(
            "TypeError",
            format!(
                "cannot convert '{}' object to bytes",
                interp.type_name(source)
            ),
        ));
    }
    if little {
        data.reverse();
    }
    let n = if signed {
        num_bigint::BigInt::from_signed_bytes_be(&data)
    } else {
        num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &data)
    };
    let n = interp.new_bigint(n);
    let cls = args.pos[0].clone();
    if cls.is(&interp.type_ref(TypeKind::Int)) {
        return Ok(n);
    }
    interp.call(&cls, vec![n])
}

fn int_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("conjugate", int_conjugate),
        ("as_integer_ratio", int_as_integer_ratio),
        ("to_bytes", int_to_bytes),
        ("from_bytes", int_from_bytes),
    ]
}

fn float_is_integer(interp: &mut Interp, args: Args) -> PyResult {
    match &*args.pos[0] {
        Obj::Float(f) => Ok(interp.bool(f.is_finite() && f.fract() == 0.0)),
        _ => Ok(interp.bool(false)),
    }
}

/// `float.as_integer_ratio()`: the exact value as a fraction in lowest terms.
fn float_as_integer_ratio(interp: &mut Interp, args: Args) -> PyResult {
    let Obj::Float(f) = &*args.pos[0] else {
        return Err(interp.err("TypeError", "descriptor requires a 'float' object"));
    };
    let f = *f;
    if f.is_nan() {
        return Err(interp.err("ValueError", "cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(interp.err("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut mantissa, mut exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if mantissa != 0 {
        let shift = (mantissa.trailing_zeros() as i64).min(-exp.min(0));
        mantissa >>= shift;
        exp += shift;
    } else {
        exp = 0;
    }
    let mut num = num_bigint::BigInt::from(mantissa);
    let mut den = num_bigint::BigInt::from(1u32);
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= exp.unsigned_abs() as usize;
    }
    if f.is_sign_negative() {
        num = -num;
    }
    let (num, den) = (interp.new_bigint(num), interp.new_bigint(den));
    Ok(interp.new_tuple(vec![num, den]))
}

fn float_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("is_integer", float_is_integer),
        ("conjugate", int_conjugate),
        ("as_integer_ratio", float_as_integer_ratio),
    ]
}

// ---------------------------------------------------------------------- exceptions

fn exc_init(interp: &mut Interp, args: Args) -> PyResult {
    if let Obj::Exception(e) = &*args.pos[0] {
        let rest = args.pos[1..].to_vec();
        *e.args.borrow_mut() = interp.new_tuple(rest);
    }
    Ok(interp.none())
}

fn exc_with_traceback(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "with_traceback", &args, 2, 2)?;
    if let Obj::Exception(e) = &*args.pos[0] {
        let tb = args.pos[1].clone();
        *e.traceback.borrow_mut() = if matches!(&*tb, Obj::None) {
            None
        } else {
            Some(tb)
        };
    }
    Ok(args.pos[0].clone())
}

fn exc_str(interp: &mut Interp, args: Args) -> PyResult {
    let s = interp.exception_str(&args.pos[0])?;
    Ok(interp.new_string(s))
}

fn exception_methods() -> Vec<(&'static str, BuiltinFn)> {
    vec![
        ("__init__", exc_init),
        ("with_traceback", exc_with_traceback),
        ("__str__", exc_str),
    ]
}
