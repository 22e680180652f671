//! The `sys` module: reference counts, object sizes, interning, the recursion limit.

use crate::eval::{Args, Interp, PyResult};
use crate::heap::Ref;
use crate::modules::builtins::check_arity;
use crate::modules::io::{FileObj, StdStream};
use crate::objects::Obj;
use std::cell::RefCell;

fn standard_stream(stream: StdStream) -> Ref {
    Ref::new(Obj::File(Box::new(RefCell::new(FileObj::standard(stream)))))
}

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("sys");
    let d = interp.module_dict(&m);
    interp.add_function(&d, "getrefcount", getrefcount);
    interp.add_function(&d, "getsizeof", getsizeof);
    interp.add_function(&d, "intern", intern);
    interp.add_function(&d, "getrecursionlimit", getrecursionlimit);
    interp.add_function(&d, "setrecursionlimit", setrecursionlimit);
    interp.add_function(&d, "exit", exit);
    interp.add_function(&d, "exc_info", exc_info);
    interp.add_function(&d, "exception", exception);
    let argv: Vec<Ref> = interp
        .argv
        .clone()
        .iter()
        .map(|a| interp.new_str(a))
        .collect();
    let argv = interp.new_list(argv);
    let entries: Vec<(&str, Ref)> = vec![
        ("argv", argv),
        ("maxsize", interp.new_int(i64::MAX)),
        ("version", interp.new_str("3.11.7 (refpy)")),
        ("platform", interp.new_str("linux")),
        ("byteorder", interp.new_str("little")),
        ("modules", interp.modules.clone()),
        ("stdout", standard_stream(StdStream::Out)),
        ("stderr", standard_stream(StdStream::Err)),
    ];
    for (k, v) in entries {
        let key = interp.intern(k);
        let _ = interp.dict_set(&d, key, v);
    }
    let vi: Vec<Ref> = [3, 11, 7].iter().map(|&i| interp.new_int(i)).collect();
    let vi = interp.new_tuple(vi);
    let key = interp.intern("version_info");
    let _ = interp.dict_set(&d, key, vi);
    m
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception being handled.
fn exc_info(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "exc_info", &args, 0, 0)?;
    let items = match interp.handling.last().cloned() {
        Some(exc) => {
            let tb = interp.traceback_of(&exc);
            vec![interp.type_of(&exc), exc, tb]
        }
        None => vec![interp.none(), interp.none(), interp.none()],
    };
    Ok(interp.new_tuple(items))
}

/// `sys.exception()`: the exception being handled, or None.
fn exception(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "exception", &args, 0, 0)?;
    Ok(interp
        .handling
        .last()
        .cloned()
        .unwrap_or_else(|| interp.none()))
}

fn getrefcount(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "getrefcount", &args, 1, 1)?;
    let n = args.pos[0].refcount() as i64;
    Ok(interp.new_int(n))
}

/// `sys.getsizeof(object[, default])`: the default is returned when the size cannot be
/// had because of a TypeError.
fn getsizeof(interp: &mut Interp, args: Args) -> PyResult {
    let mut object = args.pos.first().cloned();
    let mut default = args.pos.get(1).cloned();
    if args.pos.len() > 2 {
        return Err(interp.err(
            "TypeError",
            format!(
                "getsizeof() takes at most 2 arguments ({} given)",
                args.pos.len() + args.kw.len()
            ),
        ));
    }
    for (k, v) in args.kw {
        match k.as_str_opt() {
            Some("object") if object.is_none() => object = Some(v.clone()),
            Some("default") if default.is_none() => default = Some(v.clone()),
            Some(name @ ("object" | "default")) => {
                let pos = if name == "object" { 1 } else { 2 };
                return Err(interp.err(
                    "TypeError",
                    format!(
                        "argument for getsizeof() given by name ('{name}') and position ({pos})"
                    ),
                ));
            }
            Some(name) => {
                return Err(interp.err(
                    "TypeError",
                    format!("'{name}' is an invalid keyword argument for getsizeof()"),
                ))
            }
            None => return Err(interp.err("TypeError", "keywords must be strings")),
        }
    }
    let Some(object) = object else {
        return Err(interp.err(
            "TypeError",
            "getsizeof() missing required argument 'object' (pos 1)",
        ));
    };
    match crate::heap::sizes::getsizeof(interp, &object) {
        Ok(size) => Ok(interp.new_int(size as i64)),
        Err(crate::eval::Unwind::Exception(e))
            if default.is_some() && interp.is_instance_of(&e, "TypeError") =>
        {
            Ok(default.expect("checked"))
        }
        Err(e) => Err(e),
    }
}

fn intern(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "intern", &args, 1, 1)?;
    if args.pos[0].as_str_opt().is_none() {
        let t = interp.type_name(&args.pos[0]);
        return Err(interp.err(
            "TypeError",
            format!("intern() argument must be str, not {t}"),
        ));
    }
    Ok(interp.intern_ref(&args.pos[0]))
}

fn getrecursionlimit(interp: &mut Interp, _args: Args) -> PyResult {
    Ok(interp.new_int(interp.recursion_limit as i64))
}

fn setrecursionlimit(interp: &mut Interp, args: Args) -> PyResult {
    check_arity(interp, "setrecursionlimit", &args, 1, 1)?;
    let n = interp.index_value(&args.pos[0])?;
    if n < 1 {
        return Err(interp.err(
            "ValueError",
            "recursion limit must be greater or equal than 1",
        ));
    }
    // CPython counts the module's frame and this builtin's own call in the depth.
    let depth = interp.depth + 2;
    if n as usize <= depth {
        return Err(interp.err(
            "RecursionError",
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    interp.recursion_limit = n as usize;
    Ok(interp.none())
}

fn exit(interp: &mut Interp, args: Args) -> PyResult {
    let class = interp.exc_class("SystemExit");
    let exc = interp.new_instance(&class, args.pos)?;
    Err(crate::eval::Unwind::Exception(exc))
}
