//! The `builtins` module: functions (`print`, `len`, `sorted` …) and the constructors of
//! the builtin types (`int(x)`, `list(it)` …).

use crate::eval::generator::{Sent, Step};
use crate::eval::names::N;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::Ref;
use crate::objects::iter::{IterKind, IterObj};
use crate::objects::kinds::TypeKind;
use crate::objects::{Obj, RangeObj};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cell::RefCell;

pub fn install(interp: &mut Interp) {
    let b = interp.builtins.clone();
    let funcs: &[(&'static str, crate::objects::BuiltinFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("id", id),
        ("hash", hash),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("iter", iter),
        ("next", next),
        ("getattr", getattr),
        ("setattr", setattr),
        ("hasattr", hasattr),
        ("delattr", delattr),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("callable", callable),
        ("chr", chr),
        ("ord", ord),
        ("round", round),
        ("divmod", divmod),
        ("pow", pow),
        ("all", all),
        ("any", any),
        ("format", format),
        ("vars", vars),
        ("dir", dir),
        ("globals", globals),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("open", crate::modules::io::open),
        ("input", input),
        ("exit", exit),
        ("quit", exit),
    ];
    for &(name, f) in funcs {
        interp.add_function(&b, name, f);
    }
    let types: &[(&str, TypeKind)] = &[
        ("object", TypeKind::Object),
        ("type", TypeKind::Type),
        ("bool", TypeKind::Bool),
        ("int", TypeKind::Int),
        ("float", TypeKind::Float),
        ("str", TypeKind::Str),
        ("bytes", TypeKind::Bytes),
        ("list", TypeKind::List),
        ("tuple", TypeKind::Tuple),
        ("dict", TypeKind::Dict),
        ("set", TypeKind::Set),
        ("frozenset", TypeKind::FrozenSet),
        ("range", TypeKind::Range),
        ("slice", TypeKind::Slice),
        ("property", TypeKind::Property),
        ("staticmethod", TypeKind::StaticMethod),
        ("classmethod", TypeKind::ClassMethod),
        ("super", TypeKind::Super),
        ("enumerate", TypeKind::Enumerate),
        ("zip", TypeKind::Zip),
        ("map", TypeKind::Map),
        ("filter", TypeKind::Filter),
        ("reversed", TypeKind::Reversed),
    ];
    for &(name, kind) in types {
        let key = interp.intern(name);
        let t = interp.type_ref(kind);
        let _ = interp.dict_set(&b, key, t);
    }
    let consts = [
        ("None", interp.none()),
        ("True", interp.bool(true)),
        ("False", interp.bool(false)),
        ("NotImplemented", interp.not_implemented()),
        ("Ellipsis", interp.ellipsis()),
        ("__debug__", interp.bool(true)),
    ];
    for (name, v) in consts {
        let key = interp.intern(name);
        let _ = interp.dict_set(&b, key, v);
    }
    let excs: Vec<(&'static str, Ref)> = interp
        .exc_types
        .iter()
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    let mut excs = excs;
    excs.sort_by_key(|(k, _)| *k);
    for (name, class) in excs {
        let key = interp.intern(name);
        let _ = interp.dict_set(&b, key, class);
    }
    let name_key = interp.intern("__name__");
    let name = interp.new_str("builtins");
    let _ = interp.dict_set(&b, name_key, name);
}

// ---------------------------------------------------------------------- helpers

fn arity(interp: &mut Interp, name: &str, args: &Args, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    if min == max && min <= 1 && !args.kw.is_empty() {
        // METH_O and METH_NOARGS functions take no keywords.
        return Err(interp.err("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if n < min || n > max {
        if min == max && min <= 1 {
            // METH_O and METH_NOARGS functions.
            let msg = if min == 1 {
                format!("{name}() takes exactly one argument ({n} given)")
            } else {
                format!("{name}() takes no arguments ({n} given)")
            };
            return Err(interp.err("TypeError", msg));
        }
        return positional(interp, name, args, min, max);
    }
    Ok(())
}

/// CPython's `_PyArg_CheckPositional`, the check of functions whose arguments are
/// unpacked by Argument Clinic (`sorted`, `reversed`, `iter` …).
fn positional(
    interp: &mut Interp,
    name: &str,
    args: &Args,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = args.pos.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let (bound, which) = if n < min {
        (min, "at least ")
    } else {
        (max, "at most ")
    };
    let which = if min == max { "" } else { which };
    Err(interp.err(
        "TypeError",
        format!(
            "{name} expected {which}{bound} argument{}, got {n}",
            if bound == 1 { "" } else { "s" }
        ),
    ))
}

/// A function's parameters as Argument Clinic declares them: names in order (the first
/// `posonly` positional-only), the first `minpos` required, the first `maxpos`
/// accepted by position.
pub struct Clinic {
    pub fname: &'static str,
    pub params: &'static [&'static str],
    pub posonly: usize,
    pub minpos: usize,
    pub maxpos: usize,
}

/// CPython's `_PyArg_UnpackKeywords`: the arguments in parameter order (None where
/// one is not given), with its messages for too many, missing and unknown arguments.
pub fn unpack_keywords(
    interp: &mut Interp,
    spec: &Clinic,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
) -> PyResult<Vec<Option<Ref>>> {
    let f = spec.fname;
    let (nargs, nkw, maxargs) = (pos.len(), kw.len(), spec.params.len());
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let fail = |interp: &mut Interp, msg: String| Err(interp.err("TypeError", msg));
    if nargs + nkw > maxargs {
        let keyword = if nargs == 0 { "keyword " } else { "" };
        return fail(
            interp,
            format!(
                "{f}() takes at most {maxargs} {keyword}argument{} ({} given)",
                s(maxargs),
                nargs + nkw
            ),
        );
    }
    if nargs > spec.maxpos {
        let msg = if spec.maxpos == 0 {
            format!("{f}() takes no positional arguments")
        } else {
            let which = if spec.minpos < spec.maxpos {
                "at most"
            } else {
                "exactly"
            };
            format!(
                "{f}() takes {which} {} positional argument{} ({nargs} given)",
                spec.maxpos,
                s(spec.maxpos)
            )
        };
        return fail(interp, msg);
    }
    let minposonly = spec.minpos.min(spec.posonly);
    if nargs < minposonly {
        let which = if minposonly < spec.maxpos {
            "at least"
        } else {
            "exactly"
        };
        return fail(
            interp,
            format!(
                "{f}() takes {which} {minposonly} positional argument{} ({nargs} given)",
                s(minposonly)
            ),
        );
    }
    let mut slots: Vec<Option<Ref>> = vec![None; maxargs];
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    let find = |key: &str| {
        spec.params
            .iter()
            .enumerate()
            .skip(spec.posonly)
            .find(|(_, p)| **p == key)
            .map(|(i, _)| i)
    };
    let mut used = 0;
    for (i, slot) in slots.iter_mut().enumerate().skip(nargs.max(spec.posonly)) {
        let name = spec.params[i];
        if let Some((_, v)) = kw.iter().find(|(k, _)| k.as_str_opt() == Some(name)) {
            *slot = Some(v.clone());
            used += 1;
        } else if i < spec.minpos {
            return fail(
                interp,
                format!("{f}() missing required argument '{name}' (pos {})", i + 1),
            );
        }
    }
    if used < nkw {
        // `error_unexpected_keyword_arg`
        for (k, _) in kw {
            let key = k.as_str_opt().unwrap_or("");
            match find(key) {
                Some(i) if i < nargs => {
                    return fail(
                        interp,
                        format!(
                            "argument for {f}() given by name ('{key}') and position ({})",
                            i + 1
                        ),
                    )
                }
                Some(_) => {}
                None => {
                    return fail(
                        interp,
                        format!("'{key}' is an invalid keyword argument for {f}()"),
                    )
                }
            }
        }
    }
    Ok(slots)
}

/// [`unpack_keywords`] for functions written for positional arguments: the arguments
/// by position, None filling a gap; `None` when they are already so.
fn clinic_positional(
    interp: &mut Interp,
    spec: &Clinic,
    args: &Args,
) -> PyResult<Option<Vec<Ref>>> {
    let n = args.pos.len();
    if args.kw.is_empty() && n >= spec.minpos && n <= spec.maxpos {
        return Ok(None);
    }
    let slots = unpack_keywords(interp, spec, args.pos, args.kw)?;
    let used = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    let none = interp.none();
    Ok(Some(
        slots
            .into_iter()
            .take(used)
            .map(|v| v.unwrap_or_else(|| none.clone()))
            .collect(),
    ))
}

pub fn check_arity(
    interp: &mut Interp,
    name: &str,
    args: &Args,
    min: usize,
    max: usize,
) -> PyResult<()> {
    arity(interp, name, args, min, max)
}

fn print(interp: &mut Interp, args: Args) -> PyResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file: Option<Ref> = None;
    for (k, v) in args.kw {
        let key = k.as_str_opt().unwrap_or("");
        match key {
            "sep" | "end" => {
                let text = match &**v {
                    Obj::None => None,
                    Obj::Str(s) => Some(s.text.to_string()),
                    _ => {
                        return Err(interp.err(
                            "TypeError",
                            format!(
                                "{key} must be None or a string, not {}",
                                interp.type_name(v)
                            ),
                        ))
                    }
                };
                if let Some(t) = text {
                    if key == "sep" {
                        sep = t;
                    } else {
                        end = t;
                    }
                }
            }
            "file" => {
                if !matches!(&**v, Obj::None) {
                    file = Some(v.clone());
                }
            }
            "flush" => {}
            _ => {
                return Err(interp.err(
                    "TypeError",
                    format!("'{key}' is an invalid keyword argument for print()"),
                ))
            }
        }
    }
    let mut out = String::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&interp.str(a)?);
    }
    out.push_str(&end);
    match file {
        Some(f) => crate::modules::io::write_to(interp, &f, &out)?,
        None => interp.write_stdout(&out),
    }
    Ok(interp.none())
}

fn len(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "len", &args, 1, 1)?;
    let n = interp.len_of(&args.pos[0])?;
    Ok(interp.new_int(n as i64))
}

impl Interp {
    /// `len(obj)`.
    pub fn len_of(&mut self, v: &Ref) -> PyResult<usize> {
        Ok(match &**v {
            Obj::Str(s) => s.char_len(),
            Obj::Bytes(b) => b.len(),
            Obj::List(l) => l.borrow().len(),
            Obj::Tuple(t) => t.len(),
            Obj::Dict(d) => d.borrow().len(),
            Obj::Set(s) => s.borrow().len(),
            Obj::FrozenSet(s) => s.len(),
            Obj::Range(r) => r.len() as usize,
            Obj::DictView(view) => match &*view.0 {
                Obj::Dict(d) => d.borrow().len(),
                _ => 0,
            },
            _ => {
                let len_name = self.names.get(N::len).clone();
                if let Some(m) = self.user_special_method(v, &len_name) {
                    let r = self.call(&m, vec![])?;
                    let n = self.index_value(&r)?;
                    if n < 0 {
                        return Err(self.err("ValueError", "__len__() should return >= 0"));
                    }
                    return Ok(n as usize);
                }
                if let Some(base) = self.base_value(v) {
                    return self.len_of(&base);
                }
                let t = self.type_name(v);
                return Err(self.err("TypeError", format!("object of type '{t}' has no len()")));
            }
        })
    }
}

fn repr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "repr", &args, 1, 1)?;
    let s = interp.repr(&args.pos[0])?;
    Ok(interp.conversion_result(&args.pos[0], s))
}

fn ascii(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "ascii", &args, 1, 1)?;
    let s = interp.repr(&args.pos[0])?;
    Ok(interp.new_string(crate::format::ascii_escape(&s)))
}

fn id(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "id", &args, 1, 1)?;
    let id = args.pos[0].id();
    Ok(interp.new_bigint(BigInt::from(id)))
}

fn hash(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "hash", &args, 1, 1)?;
    let h = interp.hash(&args.pos[0])?;
    Ok(interp.new_int(h))
}

pub(crate) fn abs(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "abs", &args, 1, 1)?;
    let v = &args.pos[0];
    match &**v {
        Obj::Int(i) => match i.checked_abs() {
            Some(a) => Ok(interp.new_int(a)),
            None => Ok(interp.new_bigint(BigInt::from(*i).abs())),
        },
        Obj::Bool(b) => Ok(interp.new_int(*b as i64)),
        Obj::BigInt(b) => Ok(interp.new_bigint(b.abs())),
        Obj::Float(f) => Ok(interp.new_float(f.abs())),
        _ => {
            let name = interp.names.get(N::abs).clone();
            match interp.special_method(v, &name) {
                Some(m) => interp.call(&m, vec![]),
                None => {
                    let t = interp.type_name(v);
                    Err(interp.err("TypeError", format!("bad operand type for abs(): '{t}'")))
                }
            }
        }
    }
}

fn min_max(interp: &mut Interp, args: Args, name: &str, want_less: bool) -> PyResult {
    if args.kw.len() > 2 {
        return Err(interp.err(
            "TypeError",
            format!(
                "{name}() takes at most 2 keyword arguments ({} given)",
                args.kw.len()
            ),
        ));
    }
    for (k, _) in args.kw {
        let k = k.as_str_opt().unwrap_or("");
        if k != "key" && k != "default" {
            return Err(interp.err(
                "TypeError",
                format!("'{k}' is an invalid keyword argument for {name}()"),
            ));
        }
    }
    let key = args
        .kwarg("key")
        .filter(|k| !matches!(&***k, Obj::None))
        .cloned();
    let default = args.kwarg("default").cloned();
    let items = if args.pos.len() == 1 {
        interp.collect_iterable(&args.pos[0])?
    } else if args.pos.is_empty() {
        return Err(interp.err(
            "TypeError",
            format!("{name} expected at least 1 argument, got 0"),
        ));
    } else if default.is_some() {
        return Err(interp.err(
            "TypeError",
            format!("Cannot specify a default for {name}() with multiple positional arguments"),
        ));
    } else {
        args.pos.to_vec()
    };
    let mut best: Option<(Ref, Ref)> = None;
    for item in items {
        let k = match &key {
            Some(f) => interp.call(f, vec![item.clone()])?,
            None => item.clone(),
        };
        let replace = match &best {
            None => true,
            Some((_, bk)) => {
                let op = if want_less {
                    crate::syntax::ast::CmpOp::Lt
                } else {
                    crate::syntax::ast::CmpOp::Gt
                };
                let r = interp.rich_compare(&k, bk, op)?;
                interp.truthy(&r)?
            }
        };
        if replace {
            best = Some((item, k));
        }
    }
    match best {
        Some((item, _)) => Ok(item),
        None => match default {
            Some(d) => Ok(d),
            None => Err(interp.err("ValueError", format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn min(interp: &mut Interp, args: Args) -> PyResult {
    min_max(interp, args, "min", true)
}

fn max(interp: &mut Interp, args: Args) -> PyResult {
    min_max(interp, args, "max", false)
}

fn sum(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "sum",
        params: &["iterable", "start"],
        posonly: 1,
        minpos: 1,
        maxpos: 2,
    };
    let given = clinic_positional(interp, &SPEC, &args)?;
    let args = match &given {
        Some(pos) => Args { pos, kw: &[] },
        None => args,
    };
    let mut total = match args.pos.get(1) {
        Some(s) => {
            if matches!(&**s, Obj::Str(_)) {
                return Err(interp.err(
                    "TypeError",
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            s.clone()
        }
        None => interp.new_int(0),
    };
    let it = interp.get_iter(&args.pos[0])?;
    use crate::syntax::ast::BinOp::Add;
    // CPython's fast paths: ints (and bools) add up in a machine integer, then floats in a
    // double, until an item of another kind or an overflow needs the generic `+`.
    if let Obj::Int(start) = &*total {
        let mut acc = *start;
        loop {
            let Some(x) = interp.next(&it)? else {
                return Ok(interp.new_int(acc));
            };
            let item = match &*x {
                Obj::Int(v) => Some(*v),
                Obj::Bool(b) => Some(*b as i64),
                _ => None,
            };
            match item.and_then(|v| acc.checked_add(v)) {
                Some(sum) => acc = sum,
                None => {
                    let so_far = interp.new_int(acc);
                    total = interp.binary_op(&so_far, &x, Add)?;
                    break;
                }
            }
        }
    }
    if let Obj::Float(start) = &*total {
        let mut acc = *start;
        loop {
            let Some(x) = interp.next(&it)? else {
                return Ok(interp.new_float(acc));
            };
            match &*x {
                Obj::Float(f) => acc += f,
                Obj::Int(v) => acc += *v as f64,
                Obj::Bool(b) => acc += *b as i64 as f64,
                _ => {
                    let so_far = interp.new_float(acc);
                    total = interp.binary_op(&so_far, &x, Add)?;
                    break;
                }
            }
        }
    }
    while let Some(x) = interp.next(&it)? {
        total = interp.binary_op(&total, &x, Add)?;
    }
    Ok(total)
}

fn sorted(interp: &mut Interp, args: Args) -> PyResult {
    positional(interp, "sorted", &args, 1, 1)?;
    let list = crate::objects::list::list_of_iterable(interp, &args.pos[0])?;
    let kw = args.kw.to_vec();
    crate::objects::list::sort_list(interp, &list, &kw)?;
    Ok(list)
}

fn iter(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "iter", &args, 1, 2)?;
    if args.pos.len() == 2 {
        if !is_callable(interp, &args.pos[0]) {
            return Err(interp.err("TypeError", "iter(v, w): v must be callable"));
        }
        let it = IterObj::new(IterKind::Callable, Some(args.pos[0].clone()));
        it.extra.borrow_mut().push(args.pos[1].clone());
        return Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
            it,
        )))));
    }
    interp.get_iter(&args.pos[0])
}

fn next(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "next", &args, 1, 2)?;
    let it = &args.pos[0];
    if !interp.is_iterator(it) {
        let t = interp.type_name(it);
        return Err(interp.err("TypeError", format!("'{t}' object is not an iterator")));
    }
    if let Obj::Generator(_) = &**it {
        // A finished generator's return value travels in the StopIteration.
        let none = interp.none();
        return match interp.generator_resume(it, Sent::Value(none))? {
            Step::Yielded(v) => Ok(v),
            Step::Returned(v) => match args.pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(interp.stop_iteration(v)),
            },
        };
    }
    match interp.next(it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => {
                let class = interp.exc_class("StopIteration");
                let exc = interp.new_instance(&class, &[])?;
                Err(Unwind::Exception(exc))
            }
        },
    }
}

fn attr_name(interp: &mut Interp, v: &Ref) -> PyResult<Ref> {
    match v.as_str_opt() {
        Some(s) => Ok(interp.intern(s)),
        None => {
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("attribute name must be string, not '{t}'"),
            ))
        }
    }
}

fn getattr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "getattr", &args, 2, 3)?;
    let name = attr_name(interp, &args.pos[1])?;
    match interp.getattr(&args.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(Unwind::Exception(e))
            if args.pos.len() == 3 && interp.is_instance_of(&e, "AttributeError") =>
        {
            Ok(args.pos[2].clone())
        }
        Err(e) => Err(e),
    }
}

fn setattr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "setattr", &args, 3, 3)?;
    let name = attr_name(interp, &args.pos[1])?;
    interp.setattr(&args.pos[0], &name, args.pos[2].clone())?;
    Ok(interp.none())
}

fn hasattr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "hasattr", &args, 2, 2)?;
    let name = attr_name(interp, &args.pos[1])?;
    match interp.getattr(&args.pos[0], &name) {
        Ok(_) => Ok(interp.bool(true)),
        Err(Unwind::Exception(e)) if interp.is_instance_of(&e, "AttributeError") => {
            Ok(interp.bool(false))
        }
        Err(e) => Err(e),
    }
}

fn delattr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "delattr", &args, 2, 2)?;
    let name = attr_name(interp, &args.pos[1])?;
    interp.delattr(&args.pos[0], &name)?;
    Ok(interp.none())
}

fn class_or_tuple_check(interp: &mut Interp, obj: &Ref, cls: &Ref, sub: bool) -> PyResult<bool> {
    match &**cls {
        Obj::Tuple(items) => {
            for c in items.iter() {
                if class_or_tuple_check(interp, obj, c, sub)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Obj::Class(_) => Ok(if sub {
            interp.is_subclass(obj, cls)
        } else {
            interp.isinstance(obj, cls)
        }),
        _ => {
            let which = if sub { "issubclass" } else { "isinstance" };
            Err(interp.err(
                "TypeError",
                format!("{which}() arg 2 must be a type, a tuple of types, or a union"),
            ))
        }
    }
}

fn isinstance(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "isinstance", &args, 2, 2)?;
    let r = class_or_tuple_check(interp, &args.pos[0], &args.pos[1], false)?;
    Ok(interp.bool(r))
}

fn issubclass(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "issubclass", &args, 2, 2)?;
    if !matches!(&*args.pos[0], Obj::Class(_)) {
        return Err(interp.err("TypeError", "issubclass() arg 1 must be a class"));
    }
    let r = class_or_tuple_check(interp, &args.pos[0], &args.pos[1], true)?;
    Ok(interp.bool(r))
}

fn callable(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "callable", &args, 1, 1)?;
    let r = is_callable(interp, &args.pos[0]);
    Ok(interp.bool(r))
}

/// `PyCallable_Check`.
fn is_callable(interp: &Interp, v: &Ref) -> bool {
    match &**v {
        Obj::Function(_) | Obj::Builtin(_) | Obj::Method(_) | Obj::Class(_) => true,
        Obj::Instance(_) => {
            let call = interp.names.get(N::call).clone();
            interp.class_has(&interp.type_of(v), &call)
        }
        _ => false,
    }
}

fn chr(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "chr", &args, 1, 1)?;
    let i = interp.index_value(&args.pos[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut buf = [0u8; 4];
            Ok(interp.new_str(c.encode_utf8(&mut buf)))
        }
        None => Err(interp.err("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn ord(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "ord", &args, 1, 1)?;
    match &*args.pos[0] {
        Obj::Str(s) => {
            let mut chars = s.text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(interp.new_int(c as i64)),
                _ => Err(interp.err(
                    "TypeError",
                    format!(
                        "ord() expected a character, but string of length {} found",
                        s.char_len()
                    ),
                )),
            }
        }
        Obj::Bytes(b) if b.len() == 1 => Ok(interp.new_int(b[0] as i64)),
        _ => {
            let t = interp.type_name(&args.pos[0]);
            Err(interp.err(
                "TypeError",
                format!("ord() expected string of length 1, but {t} found"),
            ))
        }
    }
}

fn round(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "round",
        params: &["number", "ndigits"],
        posonly: 0,
        minpos: 1,
        maxpos: 2,
    };
    let given = clinic_positional(interp, &SPEC, &args)?;
    let args = match &given {
        Some(pos) => Args { pos, kw: &[] },
        None => args,
    };
    let ndigits = match args.pos.get(1) {
        Some(n) if !matches!(&**n, Obj::None) => Some(interp.index_value(n)?),
        _ => None,
    };
    match &*args.pos[0] {
        Obj::Float(f) => match ndigits {
            None => {
                if !f.is_finite() {
                    let msg = if f.is_nan() {
                        "cannot convert float NaN to integer"
                    } else {
                        "cannot convert float infinity to integer"
                    };
                    let class = if f.is_nan() {
                        "ValueError"
                    } else {
                        "OverflowError"
                    };
                    return Err(interp.err(class, msg));
                }
                let r = round_half_even(*f);
                Ok(interp.new_bigint(crate::format::f64_to_int(r).unwrap_or_default()))
            }
            Some(n) => match round_float(*f, n) {
                Some(r) => Ok(interp.new_float(r)),
                None => Err(interp.err("OverflowError", "rounded value too large to represent")),
            },
        },
        Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) => match ndigits {
            Some(n) if n < 0 => {
                let v = int_of(&args.pos[0]);
                let p = num_traits::pow(BigInt::from(10), (-n) as usize);
                let (q, r) = num_integer::Integer::div_mod_floor(&v, &p);
                let twice = &r * 2;
                let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                    q + 1
                } else {
                    q
                };
                Ok(interp.new_bigint(q * p))
            }
            _ => Ok(interp.new_bigint(int_of(&args.pos[0]))),
        },
        _ => {
            let name = interp.names.get(N::round).clone();
            match interp.special_method(&args.pos[0], &name) {
                Some(m) => interp.call(&m, args.pos[1..].to_vec()),
                None => {
                    let t = interp.type_name(&args.pos[0]);
                    Err(interp.err(
                        "TypeError",
                        format!("type {t} doesn't define __round__ method"),
                    ))
                }
            }
        }
    }
}

/// `round(x, n)` for floats: the correctly rounded decimal, read back.
/// `round(f, n)` as CPython's `double_round`: the exact value of `f` rounded half to
/// even at the `n`th decimal, then read back correctly rounded; `None` when that
/// overflows.
fn round_float(f: f64, n: i64) -> Option<f64> {
    if !f.is_finite() || n > 308 {
        return Some(f);
    }
    if n >= 0 {
        return Some(format!("{:.*}", n as usize, f).parse().unwrap_or(f));
    }
    let k = n.unsigned_abs();
    if k > 400 {
        return Some(0.0 * f);
    }
    // f = mantissa * 2^exp exactly.
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let mut num = BigInt::from(mantissa);
    let mut den = num_traits::pow(BigInt::from(10), k as usize);
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= exp.unsigned_abs() as usize;
    }
    let (q, r) = num_integer::Integer::div_rem(&num, &den);
    let twice = r * 2u32;
    let q = if twice > den || (twice == den && num_integer::Integer::is_odd(&q)) {
        q + 1u32
    } else {
        q
    };
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let r: f64 = format!("{sign}{q}e{k}").parse().unwrap_or(0.0);
    r.is_finite().then_some(r)
}

fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

pub fn int_of(v: &Ref) -> BigInt {
    match &**v {
        Obj::Int(i) => BigInt::from(*i),
        Obj::Bool(b) => BigInt::from(*b as i64),
        Obj::BigInt(b) => (**b).clone(),
        _ => BigInt::zero(),
    }
}

fn divmod(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "divmod", &args, 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    let number = |interp: &Interp, v: &Ref| {
        let v = interp.base_value(v).unwrap_or_else(|| v.clone());
        matches!(
            &*v,
            Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) | Obj::Float(_)
        )
    };
    if !number(interp, a) || !number(interp, b) {
        // `nb_divmod`: `__divmod__`, then the reflected `__rdivmod__`.
        let names = [interp.intern("__divmod__"), interp.intern("__rdivmod__")];
        for (x, y, name) in [(a, b, &names[0]), (b, a, &names[1])] {
            if let Some(m) = interp.user_special_method(x, name) {
                let r = interp.call(&m, vec![y.clone()])?;
                if !matches!(&*r, Obj::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        return Err(interp.err(
            "TypeError",
            format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                interp.type_name(a),
                interp.type_name(b)
            ),
        ));
    }
    let float = |v: &Ref| matches!(&**v, Obj::Float(_));
    if (float(a) || float(b)) && interp.to_float(b).ok() == Some(0.0) {
        return Err(interp.err("ZeroDivisionError", "float divmod()"));
    }
    let q = interp.binary_op(a, b, crate::syntax::ast::BinOp::FloorDiv)?;
    let r = interp.binary_op(a, b, crate::syntax::ast::BinOp::Mod)?;
    Ok(interp.new_tuple(vec![q, r]))
}

fn pow(interp: &mut Interp, args: Args) -> PyResult {
    const SPEC: Clinic = Clinic {
        fname: "pow",
        params: &["base", "exp", "mod"],
        posonly: 0,
        minpos: 2,
        maxpos: 3,
    };
    let given = clinic_positional(interp, &SPEC, &args)?;
    let args = match &given {
        Some(pos) => Args { pos, kw: &[] },
        None => args,
    };
    if let Some(m) = args.pos.get(2) {
        if !matches!(&**m, Obj::None) {
            return modular_pow(interp, &args.pos[0], &args.pos[1], m);
        }
    }
    interp.binary_op(&args.pos[0], &args.pos[1], crate::syntax::ast::BinOp::Pow)
}

/// `pow(base, exp, mod)` on ints; a negative exponent raises the inverse of `base`.
fn modular_pow(interp: &mut Interp, base: &Ref, exp: &Ref, modulus: &Ref) -> PyResult {
    let operands = [base, exp, modulus];
    let is_int = |v: &&Ref| matches!(&***v, Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_));
    if !operands.iter().all(is_int) {
        let numeric = |v: &&Ref| is_int(v) || matches!(&***v, Obj::Float(_));
        if operands.iter().all(numeric) {
            return Err(interp.err(
                "TypeError",
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        }
        let names: Vec<String> = operands.iter().map(|v| interp.type_name(v)).collect();
        return Err(interp.err(
            "TypeError",
            format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                names[0], names[1], names[2]
            ),
        ));
    }
    let (mut b, mut e, m) = (int_of(base), int_of(exp), int_of(modulus));
    if m.is_zero() {
        return Err(interp.err("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let am = m.abs();
    if e.is_negative() {
        let g = b.mod_floor(&am).extended_gcd(&am);
        if !g.gcd.is_one() {
            return Err(interp.err("ValueError", "base is not invertible for the given modulus"));
        }
        b = g.x;
        e = -e;
    }
    let mut r = b.mod_floor(&am).modpow(&e, &am);
    if m.is_negative() && !r.is_zero() {
        r -= &am;
    }
    Ok(interp.new_bigint(r))
}

fn all(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "all", &args, 1, 1)?;
    let it = interp.get_iter(&args.pos[0])?;
    while let Some(x) = interp.next(&it)? {
        if !interp.truthy(&x)? {
            return Ok(interp.bool(false));
        }
    }
    Ok(interp.bool(true))
}

fn any(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "any", &args, 1, 1)?;
    let it = interp.get_iter(&args.pos[0])?;
    while let Some(x) = interp.next(&it)? {
        if interp.truthy(&x)? {
            return Ok(interp.bool(true));
        }
    }
    Ok(interp.bool(false))
}

fn format(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "format", &args, 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(s) => s.as_str_opt().unwrap_or("").to_string(),
        None => String::new(),
    };
    let s = interp.format_value(&args.pos[0], &spec)?;
    if spec.is_empty() {
        return Ok(interp.conversion_result(&args.pos[0], s));
    }
    Ok(interp.new_string(s))
}

fn vars(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "vars", &args, 1, 1)?;
    match interp.dict_of(&args.pos[0]) {
        Some(d) => Ok(d),
        None => Err(interp.err("TypeError", "vars() argument must have __dict__ attribute")),
    }
}

fn dir(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "dir", &args, 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    if let Some(obj) = args.pos.first() {
        if let Some(d) = interp.dict_of(obj) {
            for (k, _) in interp.dict_items(&d) {
                names.push(k.as_str_opt().unwrap_or("").to_string());
            }
        }
        let class = match &**obj {
            Obj::Class(_) => obj.clone(),
            _ => interp.type_of(obj),
        };
        let mut classes = vec![class.clone()];
        if let Obj::Class(c) = &*class {
            classes.extend(c.mro_rest().iter().cloned());
        }
        for c in classes {
            if let Obj::Class(c) = &*c {
                for (k, _) in interp.dict_items(&c.dict) {
                    names.push(k.as_str_opt().unwrap_or("").to_string());
                }
            }
        }
    } else {
        let main = interp.main_module();
        let d = interp.module_dict(&main);
        for (k, _) in interp.dict_items(&d) {
            names.push(k.as_str_opt().unwrap_or("").to_string());
        }
    }
    names.sort();
    names.dedup();
    let items = names.iter().map(|n| interp.new_str(n)).collect();
    Ok(interp.new_list(items))
}

fn globals(interp: &mut Interp, args: Args) -> PyResult {
    arity(interp, "globals", &args, 0, 0)?;
    let main = interp.main_module();
    Ok(interp.module_dict(&main))
}

fn radix(interp: &mut Interp, args: Args, name: &str, base: u32) -> PyResult {
    arity(interp, name, &args, 1, 1)?;
    let v = interp
        .index_value(&args.pos[0])
        .map(BigInt::from)
        .or_else(|e| match &*args.pos[0] {
            Obj::BigInt(b) => Ok((**b).clone()),
            _ => Err(e),
        })?;
    Ok(interp.new_string(crate::format::int_to_prefixed(&v, base)))
}

fn hex(interp: &mut Interp, args: Args) -> PyResult {
    radix(interp, args, "hex", 16)
}

fn oct(interp: &mut Interp, args: Args) -> PyResult {
    radix(interp, args, "oct", 8)
}

fn bin(interp: &mut Interp, args: Args) -> PyResult {
    radix(interp, args, "bin", 2)
}

fn input(interp: &mut Interp, args: Args) -> PyResult {
    if let Some(p) = args.pos.first() {
        let s = interp.str(p)?;
        interp.write_stdout(&s);
    }
    interp.flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(interp.err("EOFError", "EOF when reading a line")),
        Ok(_) => {
            let line = line.trim_end_matches('\n').to_string();
            Ok(interp.new_string(line))
        }
        Err(e) => Err(interp.err("OSError", e.to_string())),
    }
}

fn exit(interp: &mut Interp, args: Args) -> PyResult {
    let class = interp.exc_class("SystemExit");
    let exc = interp.new_instance(&class, args.pos)?;
    Err(Unwind::Exception(exc))
}

// ---------------------------------------------------------------------- constructors

/// The parameters of builtin constructors that take keywords, in order; "" is a
/// positional-only one.
fn keyword_params(kind: TypeKind) -> Option<&'static [&'static str]> {
    Some(match kind {
        TypeKind::Int => &["", "base"],
        TypeKind::Str => &["object", "encoding", "errors"],
        TypeKind::Bytes => &["source", "encoding", "errors"],
        TypeKind::Enumerate => &["iterable", "start"],
        _ => return None,
    })
}

/// CPython's argument checks of the builtin constructors, before any argument is used:
/// `_PyArg_NoKeywords` and `_PyArg_CheckPositional` for those that take positional
/// arguments only, `PyArg_ParseTupleAndKeywords` for those with keyword parameters.
/// For the latter, the arguments in parameter order (None fills a gap before a given
/// one); `None` when the arguments stay as given.
fn check_constructor_args(
    interp: &mut Interp,
    kind: TypeKind,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
) -> PyResult<Option<Vec<Ref>>> {
    let name = kind.name();
    let positional_only = match kind {
        TypeKind::Bool
        | TypeKind::Float
        | TypeKind::List
        | TypeKind::Tuple
        | TypeKind::Set
        | TypeKind::FrozenSet => Some((0, 1)),
        TypeKind::Range | TypeKind::Slice => Some((1, 3)),
        TypeKind::Filter => Some((2, 2)),
        TypeKind::Reversed | TypeKind::StaticMethod | TypeKind::ClassMethod => Some((1, 1)),
        TypeKind::Map => Some((0, usize::MAX)),
        _ => None,
    };
    if let Some((min, max)) = positional_only {
        if !kw.is_empty() {
            return Err(interp.err("TypeError", format!("{name}() takes no keyword arguments")));
        }
        positional(interp, name, &Args { pos, kw }, min, max)?;
        return Ok(None);
    }
    let Some(params) = keyword_params(kind) else {
        return Ok(None);
    };
    if kw.is_empty() && pos.len() <= 1 {
        return Ok(None);
    }
    let given = pos.len() + kw.len();
    if given > params.len() {
        return Err(interp.err(
            "TypeError",
            format!(
                "{name}() takes at most {} argument{} ({given} given)",
                params.len(),
                if params.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut slots: Vec<Option<Ref>> = vec![None; params.len()];
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    for (k, v) in kw {
        let key = k.as_str_opt().unwrap_or("");
        match params.iter().position(|p| !p.is_empty() && *p == key) {
            Some(i) if i < pos.len() => {
                return Err(interp.err(
                    "TypeError",
                    format!(
                        "argument for {name}() given by name ('{key}') and position ({})",
                        i + 1
                    ),
                ))
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => {
                return Err(interp.err(
                    "TypeError",
                    format!("'{key}' is an invalid keyword argument for {name}()"),
                ))
            }
        }
    }
    if matches!(kind, TypeKind::Str | TypeKind::Bytes) {
        for (slot, param) in slots.iter().zip(params).skip(1) {
            if let Some(v) = slot.as_ref().filter(|v| v.as_str_opt().is_none()) {
                return Err(interp.err(
                    "TypeError",
                    format!(
                        "{name}() argument '{param}' must be str, not {}",
                        interp.type_name(v)
                    ),
                ));
            }
        }
    }
    if kind == TypeKind::Int && slots[0].is_none() {
        return Err(interp.err("TypeError", "int() missing string argument"));
    }
    if kind == TypeKind::Enumerate && slots[0].is_none() {
        return Err(interp.err(
            "TypeError",
            "enumerate() missing required argument 'iterable'",
        ));
    }
    let used = slots.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    let none = interp.none();
    Ok(Some(
        slots
            .into_iter()
            .take(used)
            .map(|v| v.unwrap_or_else(|| none.clone()))
            .collect(),
    ))
}

/// Calling a builtin type: `int("3")`, `list(it)`, `type(x)` …
pub fn construct(
    interp: &mut Interp,
    kind: TypeKind,
    class: &Ref,
    pos: Vec<Ref>,
    kw: Vec<(Ref, Ref)>,
) -> PyResult {
    let name = kind.name();
    // Keyword arguments go to their parameters' places (`str(object=1)`).
    let (pos, kw) = match check_constructor_args(interp, kind, &pos, &kw)? {
        Some(slots) => (slots, Vec::new()),
        None => (pos, kw),
    };
    let args = Args { pos: &pos, kw: &kw };
    match kind {
        TypeKind::Object => {
            if !pos.is_empty() {
                return Err(interp.err("TypeError", "object() takes no arguments"));
            }
            let obj = interp.new_instance(class, &[])?;
            Ok(obj)
        }
        TypeKind::Type => match pos.len() {
            1 => Ok(interp.type_of(&pos[0])),
            3 => {
                let name = pos[0].as_str_opt().unwrap_or("?").to_string();
                interp.build_class(&name, &name, pos[1].clone(), pos[2].clone())
            }
            _ => Err(interp.err("TypeError", "type() takes 1 or 3 arguments")),
        },
        TypeKind::WeakRef | TypeKind::KeyedRef => {
            crate::modules::weakref::construct(interp, kind, pos, kw)
        }
        TypeKind::Bool => {
            arity(interp, "bool", &args, 0, 1)?;
            let b = match pos.first() {
                Some(v) => interp.truthy(v)?,
                None => false,
            };
            Ok(interp.bool(b))
        }
        TypeKind::Int => construct_int(interp, &args),
        TypeKind::Float => {
            arity(interp, "float", &args, 0, 1)?;
            let Some(v) = pos.first() else {
                return Ok(interp.new_float(0.0));
            };
            interp.to_float(v).map(|f| interp.new_float(f))
        }
        TypeKind::Str => {
            arity(interp, "str", &args, 0, 3)?;
            match pos.first() {
                Some(v) => {
                    if pos.len() > 1 && !matches!(&**v, Obj::Bytes(_)) {
                        return Err(interp.err(
                            "TypeError",
                            format!(
                                "decoding to str: need a bytes-like object, {} found",
                                interp.type_name(v)
                            ),
                        ));
                    }
                    if let (Obj::Bytes(b), Some(_)) = (&**v, pos.get(1)) {
                        return match std::str::from_utf8(b) {
                            Ok(s) => Ok(interp.new_str(s)),
                            Err(_) => Err(interp
                                .err("UnicodeDecodeError", "'utf-8' codec can't decode bytes")),
                        };
                    }
                    if let Obj::Str(_) = &**v {
                        return Ok(v.clone());
                    }
                    let s = interp.str(v)?;
                    Ok(interp.conversion_result(v, s))
                }
                None => Ok(interp.new_str("")),
            }
        }
        TypeKind::Bytes => {
            arity(interp, "bytes", &args, 0, 3)?;
            if pos.len() > 1 && !matches!(&*pos[0], Obj::Str(_)) {
                let which = if matches!(&*pos[1], Obj::None) {
                    "errors"
                } else {
                    "encoding"
                };
                return Err(interp.err("TypeError", format!("{which} without a string argument")));
            }
            match pos.first().map(|v| &**v) {
                None => Ok(interp.new_bytes(&[])),
                Some(Obj::Str(s)) => {
                    if pos.len() < 2 {
                        return Err(interp.err("TypeError", "string argument without an encoding"));
                    }
                    Ok(interp.new_bytes(s.text.as_bytes()))
                }
                Some(Obj::Int(n)) => {
                    if *n < 0 {
                        return Err(interp.err("ValueError", "negative count"));
                    }
                    Ok(interp.new_bytes(&vec![0u8; *n as usize]))
                }
                Some(_) => {
                    let items = interp.collect_iterable(&pos[0])?;
                    let mut out = Vec::with_capacity(items.len());
                    for i in items {
                        let v = interp.index_value(&i)?;
                        if !(0..256).contains(&v) {
                            return Err(interp.err("ValueError", "bytes must be in range(0, 256)"));
                        }
                        out.push(v as u8);
                    }
                    Ok(interp.new_bytes(&out))
                }
            }
        }
        TypeKind::List => {
            arity(interp, "list", &args, 0, 1)?;
            match pos.first() {
                Some(v) => crate::objects::list::list_of_iterable(interp, v),
                None => Ok(interp.new_list(Vec::new())),
            }
        }
        TypeKind::Tuple => {
            arity(interp, "tuple", &args, 0, 1)?;
            match pos.first() {
                Some(v) if matches!(&**v, Obj::Tuple(_)) => Ok(v.clone()),
                Some(v) => {
                    let items = interp.collect_iterable(v)?;
                    Ok(interp.new_tuple(items))
                }
                None => Ok(interp.new_tuple(Vec::new())),
            }
        }
        TypeKind::Dict => {
            arity(interp, "dict", &args, 0, 1)?;
            let d = interp.new_dict();
            if let Some(v) = pos.first() {
                interp.dict_update(&d, v)?;
            }
            // `dict_vectorcall` inserts keyword arguments one by one.
            for (k, v) in kw {
                interp.dict_set(&d, k, v)?;
            }
            Ok(d)
        }
        TypeKind::Set => {
            arity(interp, "set", &args, 0, 1)?;
            let s = interp.new_set();
            if let Some(v) = pos.first() {
                interp.set_update_from(&s, v)?;
            }
            Ok(s)
        }
        TypeKind::FrozenSet => {
            arity(interp, "frozenset", &args, 0, 1)?;
            match pos.first() {
                Some(v) if matches!(&**v, Obj::FrozenSet(_)) => Ok(v.clone()),
                Some(v) => interp.frozenset_of(v),
                None => interp.set_from_items(Vec::new(), true),
            }
        }
        TypeKind::Range => {
            arity(interp, "range", &args, 1, 3)?;
            let mut nums = Vec::new();
            for v in &pos {
                nums.push(interp.index_value(v)?);
            }
            let (start, stop, step) = match nums.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => unreachable!("arity checked"),
            };
            if step == 0 {
                return Err(interp.err("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Ref::new(Obj::Range(Box::new(RangeObj {
                start,
                stop,
                step,
            }))))
        }
        TypeKind::Slice => {
            arity(interp, "slice", &args, 1, 3)?;
            let none = interp.none();
            let parts = match pos.len() {
                1 => vec![none.clone(), pos[0].clone(), none],
                2 => vec![pos[0].clone(), pos[1].clone(), none],
                _ => pos.clone(),
            };
            Ok(interp.new_slice(parts))
        }
        TypeKind::Property => {
            let none = interp.none();
            let get = |i: usize, n: &str| pos.get(i).cloned().or_else(|| args.kwarg(n).cloned());
            let fget = get(0, "fget").unwrap_or_else(|| none.clone());
            let fset = get(1, "fset").unwrap_or_else(|| none.clone());
            let fdel = get(2, "fdel").unwrap_or_else(|| none.clone());
            let doc = get(3, "doc").unwrap_or(none);
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Property(
                Box::new([fget, fset, fdel, doc]),
            ))))
        }
        TypeKind::StaticMethod | TypeKind::ClassMethod => {
            arity(interp, name, &args, 1, 1)?;
            let inner = Box::new(RefCell::new(pos[0].clone()));
            let obj = if kind == TypeKind::StaticMethod {
                Obj::StaticMethod(inner)
            } else {
                Obj::ClassMethod(inner)
            };
            Ok(crate::heap::gc::track_new(Ref::new(obj)))
        }
        TypeKind::Super => {
            if pos.len() != 2 {
                return Err(interp.err("RuntimeError", "super(): no arguments"));
            }
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Super(Box::new(
                (pos[0].clone(), pos[1].clone()),
            )))))
        }
        TypeKind::Enumerate => {
            let start = match pos.get(1).or(args.kwarg("start")) {
                Some(s) => interp.index_value(s)?,
                None => 0,
            };
            let Some(iterable) = pos.first() else {
                return Err(interp.err(
                    "TypeError",
                    "enumerate() missing required argument 'iterable'",
                ));
            };
            let inner = interp.get_iter(iterable)?;
            let it = IterObj::new(IterKind::Enumerate, Some(inner));
            it.index.set(start);
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                it,
            )))))
        }
        TypeKind::Zip => {
            let it = IterObj::new(IterKind::Zip, None);
            let mut iters = Vec::new();
            for v in pos.iter() {
                iters.push(interp.get_iter(v)?);
            }
            *it.extra.borrow_mut() = iters;
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                it,
            )))))
        }
        TypeKind::Map => {
            if pos.len() < 2 {
                return Err(interp.err("TypeError", "map() must have at least two arguments."));
            }
            let it = IterObj::new(IterKind::Map, None);
            let mut extra = vec![pos[0].clone()];
            for v in &pos[1..] {
                extra.push(interp.get_iter(v)?);
            }
            *it.extra.borrow_mut() = extra;
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                it,
            )))))
        }
        TypeKind::Filter => {
            arity(interp, "filter", &args, 2, 2)?;
            let inner = interp.get_iter(&pos[1])?;
            let it = IterObj::new(IterKind::Filter, Some(inner));
            it.extra.borrow_mut().push(pos[0].clone());
            Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                it,
            )))))
        }
        TypeKind::Reversed => {
            positional(interp, "reversed", &args, 1, 1)?;
            let seq = &pos[0];
            match &**seq {
                Obj::List(l) => {
                    let it = IterObj::new(IterKind::ListReverse, Some(seq.clone()));
                    it.index.set(l.borrow().len() as i64 - 1);
                    Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                        it,
                    )))))
                }
                Obj::Tuple(t) => {
                    let it = IterObj::new(IterKind::ListReverse, Some(seq.clone()));
                    it.index.set(t.len() as i64 - 1);
                    Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                        it,
                    )))))
                }
                Obj::Range(r) => {
                    let n = r.len();
                    let it = IterObj::new(IterKind::Range, None);
                    it.range.set((r.item(n - 1), -r.step, n));
                    Ok(Ref::new(Obj::Iter(Box::new(it))))
                }
                Obj::Str(_) | Obj::Dict(_) | Obj::DictView(_) => {
                    let items = interp.collect_iterable(seq)?;
                    let list = interp.new_list(items);
                    let n = interp.len_of(&list)?;
                    let it = IterObj::new(IterKind::ListReverse, Some(list));
                    it.index.set(n as i64 - 1);
                    Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                        it,
                    )))))
                }
                _ => {
                    let rev = interp.names.get(N::reversed).clone();
                    if let Some(m) = interp.user_special_method(seq, &rev) {
                        return interp.call(&m, vec![]);
                    }
                    // Without `__reversed__`, only a sequence (`PySequence_Check`) will do.
                    let getitem = interp.names.get(N::getitem).clone();
                    if interp.special_method(seq, &getitem).is_none() {
                        return Err(interp.err(
                            "TypeError",
                            format!("'{}' object is not reversible", interp.type_name(seq)),
                        ));
                    }
                    let n = interp.len_of(seq)?;
                    let it = IterObj::new(IterKind::Reversed, Some(seq.clone()));
                    it.index.set(n as i64 - 1);
                    it.range.set((0, -1, 0));
                    Ok(crate::heap::gc::track_new(Ref::new(Obj::Iter(Box::new(
                        it,
                    )))))
                }
            }
        }
        _ => Err(interp.err("TypeError", format!("cannot create '{name}' instances"))),
    }
}

fn construct_int(interp: &mut Interp, args: &Args) -> PyResult {
    arity(interp, "int", args, 0, 2)?;
    let Some(v) = args.pos.first() else {
        return Ok(interp.new_int(0));
    };
    let base = match args.pos.get(1).or(args.kwarg("base")) {
        Some(b) => Some(interp.index_value(b)?),
        None => None,
    };
    if let Some(base) = base {
        let Some(s) = v.as_str_opt() else {
            return Err(interp.err(
                "TypeError",
                "int() can't convert non-string with explicit base",
            ));
        };
        if base != 0 && !(2..=36).contains(&base) {
            return Err(interp.err("ValueError", "int() base must be >= 2 and <= 36, or 0"));
        }
        return match crate::format::parse_int(s, base as u32) {
            Ok(i) => Ok(interp.new_bigint(i)),
            Err(e) => Err(interp.format_error(e)),
        };
    }
    match &**v {
        Obj::Int(_) | Obj::BigInt(_) => Ok(v.clone()),
        Obj::Bool(b) => Ok(interp.new_int(*b as i64)),
        Obj::Float(f) => match crate::format::f64_to_int(*f) {
            Ok(i) => Ok(interp.new_bigint(i)),
            Err(e) => Err(interp.format_error(e)),
        },
        Obj::Str(s) => match crate::format::parse_int(&s.text, 10) {
            Ok(i) => Ok(interp.new_bigint(i)),
            Err(e) => Err(interp.format_error(e)),
        },
        Obj::Bytes(b) => match crate::format::parse_int(&String::from_utf8_lossy(b), 10) {
            Ok(i) => Ok(interp.new_bigint(i)),
            Err(e) => Err(interp.format_error(e)),
        },
        _ => {
            for n in [N::int, N::index, N::trunc] {
                let name = interp.names.get(n).clone();
                if let Some(m) = interp.user_special_method(v, &name) {
                    return interp.call(&m, vec![]);
                }
            }
            if let Some(base) = interp.base_value(v) {
                let mut pos = args.pos.to_vec();
                pos[0] = base;
                return construct_int(
                    interp,
                    &Args {
                        pos: &pos,
                        kw: args.kw,
                    },
                );
            }
            let t = interp.type_name(v);
            Err(interp.err(
                "TypeError",
                format!("int() argument must be a string, a bytes-like object or a real number, not '{t}'"),
            ))
        }
    }
}

impl Interp {
    /// `float(v)`.
    pub fn to_float(&mut self, v: &Ref) -> PyResult<f64> {
        match &**v {
            Obj::Float(f) => Ok(*f),
            Obj::Int(i) => Ok(*i as f64),
            Obj::Bool(b) => Ok(*b as i64 as f64),
            Obj::BigInt(b) => crate::format::int_to_f64(b).map_err(|e| self.format_error(e)),
            Obj::Str(s) => crate::format::parse_float(&s.text).map_err(|e| self.format_error(e)),
            _ => {
                let name = self.names.get(N::float).clone();
                if let Some(m) = self.user_special_method(v, &name) {
                    let r = self.call(&m, vec![])?;
                    return self.to_float(&r);
                }
                if let Some(base) = self.base_value(v) {
                    return self.to_float(&base);
                }
                let t = self.type_name(v);
                Err(self.err(
                    "TypeError",
                    format!("float() argument must be a string or a real number, not '{t}'"),
                ))
            }
        }
    }
}

/// `list.__init__` and friends for instances of subclasses of builtin containers.
pub fn init_builtin_base(
    interp: &mut Interp,
    base: &Ref,
    pos: &[Ref],
    kw: &[(Ref, Ref)],
) -> PyResult<()> {
    let name = match &**base {
        Obj::List(_) => "list",
        Obj::Dict(_) => "dict",
        Obj::Set(_) => "set",
        _ => return Ok(()),
    };
    if pos.len() > 1 {
        return Err(interp.err(
            "TypeError",
            format!("{name} expected at most 1 argument, got {}", pos.len()),
        ));
    }
    if !kw.is_empty() && name != "dict" {
        return Err(interp.err("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if let Some(arg) = pos.first() {
        match &**base {
            Obj::List(_) => crate::objects::list::extend_list(interp, base, arg)?,
            Obj::Dict(_) => interp.dict_update(base, arg)?,
            _ => {
                for x in interp.collect_iterable(arg)? {
                    interp.set_add(base, x)?;
                }
            }
        }
    }
    for (k, v) in kw {
        interp.dict_set(base, k.clone(), v.clone())?;
    }
    Ok(())
}

/// Unused-import guard for builds without float helpers.
#[allow(dead_code)]
fn _touch(x: BigInt) -> Option<i64> {
    x.to_i64()
}
