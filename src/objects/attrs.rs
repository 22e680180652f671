//! The data attributes of builtin objects (`f.__defaults__`, `cell.cell_contents`,
//! `e.args`, `C.__mro__` …): computed on access, like CPython's getset descriptors.

use crate::eval::{Interp, PyResult};
use crate::heap::Ref;
use crate::objects::Obj;

pub fn special_attribute(interp: &mut Interp, obj: &Ref, name: &str) -> PyResult<Option<Ref>> {
    let none = interp.none();
    let opt = |r: Option<Ref>| r.unwrap_or_else(|| none.clone());
    Ok(match (&**obj, name) {
        (Obj::Function(f), "__name__") => Some(f.name.borrow().clone()),
        (Obj::Function(f), "__qualname__") => Some(f.qualname.borrow().clone()),
        (Obj::Function(f), "__defaults__") => Some(opt(f.defaults.borrow().clone())),
        (Obj::Function(f), "__kwdefaults__") => Some(opt(f.kwdefaults.borrow().clone())),
        (Obj::Function(f), "__closure__") => Some(opt(f.closure.clone())),
        (Obj::Function(f), "__doc__") => Some(opt(f.doc.borrow().clone())),
        (Obj::Function(f), "__module__") => Some(f.module.clone()),
        (Obj::Function(f), "__globals__") => Some(f.globals.clone()),
        (Obj::Function(_), "__dict__") => interp.dict_of(obj),
        (Obj::Function(f), "__code__") => {
            Some(Ref::new(Obj::Code(Box::new(crate::objects::CodeObj {
                code: Some(f.code.clone()),
                name: f.code.name.clone(),
                filename: f.unit.filename.clone(),
            }))))
        }
        (Obj::Code(c), _) => return code_attribute(interp, c, name),
        (Obj::Method(m), "__self__") => Some(m.1.clone()),
        (Obj::Method(m), "__func__") => Some(m.0.clone()),
        (Obj::Method(m), "__name__" | "__qualname__" | "__doc__" | "__module__") => {
            let inner = m.0.clone();
            return special_attribute(interp, &inner, name);
        }
        (Obj::Builtin(b), "__name__" | "__qualname__") => Some(interp.new_str(b.name)),
        (Obj::Builtin(b), "__self__") => Some(opt(b.self_.clone())),
        (Obj::Cell(c), "cell_contents") => match &*c.borrow() {
            Some(v) => Some(v.clone()),
            None => return Err(interp.err("ValueError", "Cell is empty")),
        },
        (Obj::Class(c), "__name__") => Some(interp.new_str(&c.name.borrow())),
        (Obj::Class(c), "__qualname__") => Some(interp.new_str(&c.qualname.borrow())),
        (Obj::Class(c), "__module__")
            if c.builtin.is_some() || c.module.borrow().as_str() == "builtins" =>
        {
            Some(interp.new_str("builtins"))
        }
        (Obj::Class(c), "__dict__") => Some(c.dict.clone()),
        (Obj::Class(c), "__bases__") => Some(c.bases.borrow().clone()),
        (Obj::Class(c), "__base__") => Some(opt(c.base.borrow().clone())),
        (Obj::Class(c), "__mro__") => Some(c.mro.borrow().clone()),
        (Obj::Class(c), "__doc__") => {
            let key = interp.intern("__doc__");
            Some(opt(interp.dict_get_str(&c.dict, &key)))
        }
        (Obj::Instance(_), "__dict__") => interp.dict_of(obj),
        // The `__weakref__` getset of a class whose instances can be weakly referenced.
        (Obj::Instance(_) | Obj::Exception(_), "__weakref__")
            if matches!(&*interp.type_of(obj), Obj::Class(c) if c.weakrefable && c.builtin.is_none())
                && !interp
                    .type_of(obj)
                    .header()
                    .has_flag(crate::heap::flag::IMMORTAL) =>
        {
            Some(opt(crate::modules::weakref::first_weakref(obj)))
        }
        (Obj::Exception(e), "args") => Some(e.args.borrow().clone()),
        (Obj::Exception(e), "__traceback__") => Some(opt(e.traceback.borrow().clone())),
        (Obj::Exception(e), "__cause__") => Some(opt(e.cause.borrow().clone())),
        (Obj::Exception(e), "__context__") => Some(opt(e.context.borrow().clone())),
        (Obj::Exception(e), "__suppress_context__") => Some(interp.bool(e.suppress_context.get())),
        (Obj::Exception(_), "__dict__") => interp.dict_of(obj),
        (Obj::Exception(e), "name") if interp.has_name_member(obj) => {
            Some(opt(e.name.borrow().clone()))
        }
        (Obj::Exception(e), "obj") if interp.is_instance_of(obj, "AttributeError") => {
            Some(opt(e.obj.borrow().clone()))
        }
        (Obj::Exception(e), "value") if interp.is_instance_of(obj, "StopIteration") => {
            let args = e.args.borrow().clone();
            Some(opt(interp.sequence_items(&args).first().cloned()))
        }
        (Obj::Exception(e), "errno" | "strerror" | "filename")
            if interp.is_instance_of(obj, "OSError") =>
        {
            let args = e.args.borrow().clone();
            let items = interp.sequence_items(&args);
            let i = match name {
                "errno" => 0,
                "strerror" => 1,
                _ => 2,
            };
            Some(if items.len() >= 2 {
                opt(items.get(i).cloned())
            } else {
                none.clone()
            })
        }
        (Obj::Module(m), "__dict__") => Some(m.dict.clone()),
        (Obj::Member(m), "__objclass__") => Some(m.2.clone()),
        (Obj::Member(m), "__name__" | "__qualname__") => Some(interp.new_str(&m.1)),
        (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_), "real" | "numerator") => Some(match &**obj {
            Obj::Bool(b) => interp.new_int(*b as i64),
            _ => obj.clone(),
        }),
        (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_), "imag") => Some(interp.new_int(0)),
        (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_), "denominator") => Some(interp.new_int(1)),
        (Obj::Float(_), "real") => Some(obj.clone()),
        (Obj::Float(_), "imag") => Some(interp.new_float(0.0)),
        (Obj::Slice(p), "start") => Some(p[0].clone()),
        (Obj::Slice(p), "stop") => Some(p[1].clone()),
        (Obj::Slice(p), "step") => Some(p[2].clone()),
        (Obj::Range(r), "start") => Some(interp.new_int(r.start)),
        (Obj::Range(r), "stop") => Some(interp.new_int(r.stop)),
        (Obj::Range(r), "step") => Some(interp.new_int(r.step)),
        (Obj::File(f), "name") => {
            let n = f.borrow().name.clone();
            Some(interp.new_string(n))
        }
        (Obj::File(f), "mode") => {
            let m = f.borrow().mode.clone();
            Some(interp.new_string(m))
        }
        (Obj::File(f), "closed") => Some(interp.bool(f.borrow().closed)),
        (Obj::Traceback(t), "tb_next") => Some(opt(t.next.borrow().clone())),
        (Obj::Traceback(t), "tb_frame") => Some(t.frame.clone()),
        (Obj::Traceback(t), "tb_lineno") => Some(interp.new_int(t.lineno.get() as i64)),
        (Obj::Frame(f), "f_lineno") => Some(interp.new_int(f.lineno.get() as i64)),
        (Obj::Frame(f), "f_back") => Some(opt(f.back.borrow().clone())),
        (Obj::Frame(f), "f_code") => Some(interp.frame_code(f)),
        (Obj::Frame(f), "f_globals") => Some(match f.globals.upgrade_alive() {
            Some(g) => g,
            None => interp.new_dict(),
        }),
        (Obj::Frame(_), "f_locals") => return interp.frame_locals(obj).map(Some),
        (Obj::Generator(g), "__name__") => Some(interp.intern(&g.name)),
        (Obj::Generator(g), "__qualname__") => Some(interp.new_str(&g.qualname)),
        (Obj::Generator(g), "gi_running") => {
            Some(interp.bool(g.state() == crate::eval::generator::GenState::Running))
        }
        (Obj::Generator(g), "gi_suspended") => {
            Some(interp.bool(g.state() == crate::eval::generator::GenState::Suspended))
        }
        (Obj::Generator(g), "gi_yieldfrom") => Some(opt(g.yield_from_target())),
        (Obj::Generator(_), "gi_frame") => Some(interp.generator_frame(obj)),
        (Obj::Property(p), "fget") => Some(p[0].clone()),
        (Obj::Property(p), "fset") => Some(p[1].clone()),
        (Obj::Property(p), "fdel") => Some(p[2].clone()),
        (Obj::Property(p), "__doc__") => Some(p[3].clone()),
        (Obj::StaticMethod(f) | Obj::ClassMethod(f), "__func__") => Some(f.borrow().clone()),
        (_, "__doc__") => Some(none),
        _ => None,
    })
}

/// `co_*` attributes of a code object.
fn code_attribute(
    interp: &mut Interp,
    c: &crate::objects::CodeObj,
    name: &str,
) -> PyResult<Option<Ref>> {
    match name {
        "co_name" if c.code.is_none() => return Ok(Some(interp.new_str(&c.name))),
        "co_filename" => return Ok(Some(interp.new_str(&c.filename))),
        _ => {}
    }
    let Some(code) = &c.code else {
        return Ok(None);
    };
    let scope = &code.scope;
    if let ("co_name" | "co_qualname", Some(made)) = (name, scope.names.0.get()) {
        let obj = if name == "co_name" {
            &made.name
        } else {
            &made.qualname
        };
        return Ok(Some(obj.clone()));
    }
    let names = |interp: &mut Interp, list: &[crate::syntax::ast::Ident]| {
        let items = list.iter().map(|n| interp.new_str(n)).collect();
        interp.new_tuple(items)
    };
    Ok(match name {
        "co_name" | "co_qualname" => Some(interp.new_str(&c.name)),
        "co_freevars" => Some(names(interp, &scope.cells[scope.own_cells as usize..])),
        "co_cellvars" => Some(names(interp, &scope.cells[..scope.own_cells as usize])),
        "co_varnames" => Some(names(interp, &scope.locals)),
        "co_argcount" => {
            let n = code.params.posonly.len() + code.params.args.len();
            Some(interp.new_int(n as i64))
        }
        "co_kwonlyargcount" => Some(interp.new_int(code.params.kwonly.len() as i64)),
        "co_firstlineno" => {
            Some(interp.new_int(code.body.first().map(|s| s.line as i64 - 1).unwrap_or(0)))
        }
        "co_consts" => {
            let items = scope.consts.0.to_vec();
            Some(interp.new_tuple(items))
        }
        _ => None,
    })
}
