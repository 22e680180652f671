//! `repr()` and `str()` of every builtin kind, in CPython's exact forms, with the
//! recursion guard (`[[...]]`) for self-containing containers.

use crate::eval::names::N;
use crate::eval::{class_name, Interp, PyResult};
use crate::format::{bytes_repr, float_repr, str_repr};
use crate::heap::Ref;
use crate::objects::{DictViewKind, Obj};

/// `<__main__.A object at 0x7f…>`-style address text.
pub fn addr(r: &Ref) -> String {
    format!("0x{:x}", r.id())
}

pub fn repr(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    Ok(match &**v {
        Obj::None => "None".into(),
        Obj::NotImplemented => "NotImplemented".into(),
        Obj::Ellipsis => "Ellipsis".into(),
        Obj::Bool(b) => if *b { "True" } else { "False" }.into(),
        Obj::Int(i) => i.to_string(),
        Obj::BigInt(b) => b.to_string(),
        Obj::Float(f) => float_repr(*f),
        Obj::Str(s) => str_repr(&s.text),
        Obj::Bytes(b) => bytes_repr(b),
        Obj::List(_)
        | Obj::Tuple(_)
        | Obj::Dict(_)
        | Obj::Set(_)
        | Obj::FrozenSet(_)
        | Obj::DictView(_) => return container_repr(interp, v),
        Obj::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Obj::Slice(parts) => {
            let a = interp.repr(&parts[0])?;
            let b = interp.repr(&parts[1])?;
            let c = interp.repr(&parts[2])?;
            format!("slice({a}, {b}, {c})")
        }
        Obj::Function(f) => format!(
            "<function {} at {}>",
            f.qualname.borrow().as_str_opt().unwrap_or("?"),
            addr(v)
        ),
        Obj::Builtin(b) => match &b.self_ {
            Some(s) if !matches!(&**s, Obj::Module(_)) => format!(
                "<built-in method {} of {} object at {}>",
                b.name,
                interp.type_name(s),
                addr(s)
            ),
            _ => match b.owner {
                Some(kind) => format!("<method '{}' of '{}' objects>", b.name, kind.name()),
                None => format!("<built-in function {}>", b.name),
            },
        },
        Obj::Method(m) => {
            let name = match &*m.0 {
                Obj::Function(f) => f.qualname.borrow().as_str_opt().unwrap_or("?").to_string(),
                _ => "?".into(),
            };
            let of = interp.repr(&m.1)?;
            format!("<bound method {name} of {of}>")
        }
        Obj::Cell(c) => match &*c.borrow() {
            Some(x) => format!(
                "<cell at {}: {} object at {}>",
                addr(v),
                interp.type_name(x),
                addr(x)
            ),
            None => format!("<cell at {}: empty>", addr(v)),
        },
        Obj::Class(c) => {
            let module = c.module.borrow().clone();
            if module == "builtins" {
                format!("<class '{}'>", c.qualname.borrow())
            } else {
                format!("<class '{module}.{}'>", c.qualname.borrow())
            }
        }
        Obj::Instance(_) | Obj::Exception(_) => {
            let repr_name = interp.names.get(N::repr).clone();
            if let Some(m) = interp.user_special_method(v, &repr_name) {
                let r = interp.call(&m, vec![])?;
                return match r.as_str_opt() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(interp.err(
                        "TypeError",
                        format!(
                            "__repr__ returned non-string (type {})",
                            interp.type_name(&r)
                        ),
                    )),
                };
            }
            if let Obj::Exception(e) = &**v {
                let args = e.args.borrow().clone();
                let items = interp.sequence_items(&args);
                let name = interp.type_name(v);
                return Ok(if items.len() == 1 {
                    format!("{name}({})", interp.repr(&items[0])?)
                } else {
                    format!("{name}{}", interp.repr(&args)?)
                });
            }
            if let Some(base) = interp.base_value(v) {
                return interp.repr(&base);
            }
            let class = interp.type_of(v);
            let (module, qual) = match &*class {
                Obj::Class(c) => (c.module.borrow().clone(), c.qualname.borrow().clone()),
                _ => ("__main__".into(), "?".into()),
            };
            if module == "builtins" {
                format!("<{qual} object at {}>", addr(v))
            } else {
                format!("<{module}.{qual} object at {}>", addr(v))
            }
        }
        Obj::Module(m) => {
            if crate::modules::is_builtin_module(&m.name) {
                format!("<module '{}' (built-in)>", m.name)
            } else {
                format!("<module '{}'>", m.name)
            }
        }
        Obj::Iter(_) => format!("<{} object at {}>", v.type_name(), addr(v)),
        Obj::Generator(g) => format!("<generator object {} at {}>", g.qualname, addr(v)),
        Obj::Property(_) => format!("<property object at {}>", addr(v)),
        Obj::StaticMethod(_) => format!("<staticmethod object at {}>", addr(v)),
        Obj::ClassMethod(_) => format!("<classmethod object at {}>", addr(v)),
        Obj::Super(s) => format!(
            "<super: <class '{}'>, <{} object>>",
            class_name(&s.0),
            interp.type_name(&s.1)
        ),
        Obj::Frame(f) => format!(
            "<frame at {}, file '{}', line {}, code {}>",
            addr(v),
            f.unit.filename,
            f.lineno.get(),
            f.name
        ),
        Obj::Traceback(_) => format!("<traceback object at {}>", addr(v)),
        Obj::File(f) => {
            let f = f.borrow();
            // Files take the locale's encoding name; the standard streams are utf-8.
            let encoding = if f.stream.is_some() { "utf-8" } else { "UTF-8" };
            format!(
                "<_io.TextIOWrapper name={} mode={} encoding='{encoding}'>",
                str_repr(&f.name),
                str_repr(&f.mode)
            )
        }
        Obj::WeakRef(w) => crate::modules::weakref::weakref_repr(interp, v, w),
        Obj::Code(c) => format!(
            "<code object {} at {}, file \"{}\", line {}>",
            c.name,
            addr(v),
            c.filename,
            c.code
                .as_ref()
                .and_then(|code| code.body.first())
                .map(|s| s.line.saturating_sub(1))
                .unwrap_or(0)
        ),
        Obj::Member(m) if m.0 == super::function::GETSET => {
            format!("<attribute '{}' of '{}' objects>", m.1, class_name(&m.2))
        }
        Obj::Member(m) => format!("<member '{}' of '{}' objects>", m.1, class_name(&m.2)),
    })
}

fn container_repr(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    if interp.repr_active.contains(&v.addr()) {
        return Ok(match &**v {
            Obj::List(_) => "[...]".into(),
            Obj::Dict(_) => "{...}".into(),
            _ => "...".into(),
        });
    }
    interp.repr_active.push(v.addr());
    let result = container_repr_inner(interp, v);
    interp.repr_active.pop();
    result
}

fn join(interp: &mut Interp, items: &[Ref]) -> PyResult<String> {
    let mut parts = Vec::with_capacity(items.len());
    for x in items {
        parts.push(interp.repr(x)?);
    }
    Ok(parts.join(", "))
}

fn container_repr_inner(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    Ok(match &**v {
        Obj::List(l) => {
            let items = l.borrow().clone();
            format!("[{}]", join(interp, &items)?)
        }
        Obj::Tuple(t) => {
            let items = t.to_vec();
            if items.len() == 1 {
                format!("({},)", interp.repr(&items[0])?)
            } else {
                format!("({})", join(interp, &items)?)
            }
        }
        Obj::Dict(_) => {
            let items = interp.dict_items(v);
            let mut parts = Vec::with_capacity(items.len());
            for (k, x) in items {
                let ks = interp.repr(&k)?;
                let xs = interp.repr(&x)?;
                parts.push(format!("{ks}: {xs}"));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Obj::Set(_) => {
            let items = interp.set_items(v);
            if items.is_empty() {
                "set()".into()
            } else {
                format!("{{{}}}", join(interp, &items)?)
            }
        }
        Obj::FrozenSet(_) => {
            let items = interp.set_items(v);
            if items.is_empty() {
                "frozenset()".into()
            } else {
                format!("frozenset({{{}}})", join(interp, &items)?)
            }
        }
        Obj::DictView(view) => {
            let items = interp.dict_items(&view.0);
            let (name, parts): (&str, Vec<Ref>) = match view.1 {
                DictViewKind::Keys => ("dict_keys", items.into_iter().map(|(k, _)| k).collect()),
                DictViewKind::Values => {
                    ("dict_values", items.into_iter().map(|(_, x)| x).collect())
                }
                DictViewKind::Items => {
                    let mut t = Vec::new();
                    for (k, x) in items {
                        t.push(interp.new_tuple(vec![k, x]));
                    }
                    ("dict_items", t)
                }
            };
            format!("{name}([{}])", join(interp, &parts)?)
        }
        _ => String::new(),
    })
}

pub fn str(interp: &mut Interp, v: &Ref) -> PyResult<String> {
    match &**v {
        Obj::Str(s) => Ok(s.text.to_string()),
        Obj::Instance(_) | Obj::Exception(_) => {
            let str_name = interp.names.get(N::str).clone();
            if let Some(m) = interp.user_special_method(v, &str_name) {
                let r = interp.call(&m, vec![])?;
                return match r.as_str_opt() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(interp.err(
                        "TypeError",
                        format!(
                            "__str__ returned non-string (type {})",
                            interp.type_name(&r)
                        ),
                    )),
                };
            }
            if let Obj::Exception(_) = &**v {
                return interp.exception_str(v);
            }
            if let Some(base) = interp.base_value(v) {
                if let Obj::Str(s) = &*base {
                    return Ok(s.text.to_string());
                }
            }
            repr(interp, v)
        }
        Obj::WeakRef(_) => crate::modules::weakref::str(interp, v),
        _ => repr(interp, v),
    }
}
