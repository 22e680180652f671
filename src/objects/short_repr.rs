//! A short, side-effect-free description of an object: its type name and a repr cut to a
//! few dozen characters. It reads payloads only — no Python code runs, nothing is counted
//! — so the heap can describe an object from inside a free, and the REPL's report can
//! describe bindings without disturbing the counts it shows.

use super::Obj;
use crate::eval::class_name;
use crate::format::{bytes_repr, float_repr, str_repr};
use crate::heap::Ref;

/// Longest repr kept, in characters (a cut one ends with `…`).
pub const MAX_REPR: usize = 40;
/// Container items shown before `...`.
const MAX_ITEMS: usize = 8;
/// Nesting shown before `...`.
const MAX_DEPTH: usize = 3;

/// The type name and short repr of `obj`, whose `id()` is `id`.
pub fn describe(obj: &Obj, id: u64) -> (String, String) {
    let mut text = String::new();
    write_repr(obj, id, 0, &mut text);
    (type_name(obj), truncate(&text, MAX_REPR))
}

/// `type(obj).__name__`.
pub fn type_name(obj: &Obj) -> String {
    match obj {
        Obj::Instance(i) => i
            .class
            .try_borrow()
            .map(|c| class_name(&c))
            .unwrap_or_else(|_| "object".into()),
        Obj::Exception(e) => e
            .class
            .try_borrow()
            .map(|c| class_name(&c))
            .unwrap_or_else(|_| "BaseException".into()),
        other => {
            let n = other.kind().name();
            n.rsplit('.').next().unwrap_or(n).to_string()
        }
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with `…`.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn write_repr(obj: &Obj, id: u64, depth: usize, out: &mut String) {
    // Nothing past what can be shown is worth building.
    if out.len() > 4 * MAX_REPR {
        return;
    }
    match obj {
        Obj::None => out.push_str("None"),
        Obj::NotImplemented => out.push_str("NotImplemented"),
        Obj::Ellipsis => out.push_str("Ellipsis"),
        Obj::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
        Obj::Int(i) => out.push_str(&i.to_string()),
        Obj::BigInt(b) => out.push_str(&b.to_string()),
        Obj::Float(f) => out.push_str(&float_repr(*f)),
        Obj::Str(s) => out.push_str(&str_repr(&truncate(s.as_str(), 4 * MAX_REPR))),
        Obj::Bytes(b) => out.push_str(&bytes_repr(&b[..b.len().min(4 * MAX_REPR)])),
        Obj::List(l) => match l.try_borrow() {
            Ok(items) => write_items(items.iter(), "[", "]", depth, out),
            Err(_) => out.push_str("[...]"),
        },
        Obj::Tuple(items) => {
            if items.len() == 1 {
                out.push('(');
                write_child(&items[0], depth, out);
                out.push_str(",)");
            } else {
                write_items(items.iter(), "(", ")", depth, out);
            }
        }
        Obj::Set(s) => match s.try_borrow() {
            Ok(s) if s.is_empty() => out.push_str("set()"),
            Ok(s) => write_items(s.iter().map(|(_, k)| k), "{", "}", depth, out),
            Err(_) => out.push_str("{...}"),
        },
        Obj::FrozenSet(s) => {
            out.push_str("frozenset(");
            if !s.is_empty() {
                write_items(s.iter().map(|(_, k)| k), "{", "}", depth, out);
            }
            out.push(')');
        }
        Obj::Dict(d) => match d.try_borrow() {
            Ok(d) => {
                if depth >= MAX_DEPTH && !d.is_empty() {
                    out.push_str("{...}");
                    return;
                }
                out.push('{');
                for (i, (k, v)) in d.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if i == MAX_ITEMS {
                        out.push_str("...");
                        break;
                    }
                    write_child(k, depth, out);
                    out.push_str(": ");
                    write_child(v, depth, out);
                }
                out.push('}');
            }
            Err(_) => out.push_str("{...}"),
        },
        Obj::Range(r) => {
            if r.step == 1 {
                out.push_str(&format!("range({}, {})", r.start, r.stop));
            } else {
                out.push_str(&format!("range({}, {}, {})", r.start, r.stop, r.step));
            }
        }
        Obj::Function(f) => {
            let name = f
                .qualname
                .try_borrow()
                .ok()
                .and_then(|q| q.as_str_opt().map(str::to_string))
                .unwrap_or_else(|| "?".into());
            out.push_str(&format!("<function {name} at 0x{id:x}>"));
        }
        Obj::Builtin(b) => out.push_str(&format!("<built-in function {}>", b.name)),
        Obj::Class(c) => {
            let module = c.module.try_borrow().map(|m| m.clone()).unwrap_or_default();
            let qual = c
                .qualname
                .try_borrow()
                .map(|q| q.clone())
                .unwrap_or_default();
            if module == "builtins" {
                out.push_str(&format!("<class '{qual}'>"));
            } else {
                out.push_str(&format!("<class '{module}.{qual}'>"));
            }
        }
        Obj::Module(m) => out.push_str(&format!("<module '{}'>", m.name)),
        Obj::Generator(g) => {
            out.push_str(&format!("<generator object {} at 0x{id:x}>", g.qualname))
        }
        Obj::Instance(i) => {
            let (module, qual) = match i.class.try_borrow().as_deref().map(|c| &**c) {
                Ok(Obj::Class(c)) => (
                    c.module.try_borrow().map(|m| m.clone()).unwrap_or_default(),
                    c.qualname
                        .try_borrow()
                        .map(|q| q.clone())
                        .unwrap_or_default(),
                ),
                _ => ("__main__".into(), "?".into()),
            };
            out.push_str(&format!("<{module}.{qual} object at 0x{id:x}>"));
        }
        Obj::Exception(e) => {
            out.push_str(&type_name(obj));
            match e.args.try_borrow().as_deref().map(|a| &**a) {
                Ok(Obj::Tuple(args)) if args.len() == 1 => {
                    out.push('(');
                    write_child(&args[0], depth, out);
                    out.push(')');
                }
                Ok(args @ Obj::Tuple(_)) => write_repr(args, id, depth + 1, out),
                _ => out.push_str("(...)"),
            }
        }
        Obj::Member(m) => {
            let class = match &*m.2 {
                Obj::Class(c) => c.name.try_borrow().map(|n| n.clone()).unwrap_or_default(),
                _ => "?".into(),
            };
            if m.0 == super::function::GETSET {
                out.push_str(&format!("<attribute '{}' of '{class}' objects>", m.1));
            } else {
                out.push_str(&format!("<member '{}' of '{class}' objects>", m.1));
            }
        }
        other => {
            out.push_str(&format!("<{} object at 0x{id:x}>", type_name(other)));
        }
    }
}

fn write_child(r: &Ref, depth: usize, out: &mut String) {
    write_repr(r, r.id(), depth + 1, out);
}

fn write_items<'a>(
    items: impl Iterator<Item = &'a Ref>,
    open: &str,
    close: &str,
    depth: usize,
    out: &mut String,
) {
    out.push_str(open);
    let mut items = items.peekable();
    if depth >= MAX_DEPTH && items.peek().is_some() {
        out.push_str("...");
        out.push_str(close);
        return;
    }
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if i == MAX_ITEMS || out.len() > 4 * MAX_REPR {
            out.push_str("...");
            break;
        }
        write_child(item, depth, out);
    }
    out.push_str(close);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Interp;

    #[test]
    fn short_reprs_follow_cpython_forms() {
        let interp = Interp::new();
        let items: Vec<Ref> = (1..=3).map(|i| interp.new_int(i)).collect();
        let list = interp.new_list(items);
        assert_eq!(
            describe(&list, list.id()),
            ("list".to_string(), "[1, 2, 3]".to_string())
        );
        let s = interp.new_str("hi");
        assert_eq!(describe(&s, s.id()).1, "'hi'");
    }

    #[test]
    fn long_reprs_are_cut() {
        let interp = Interp::new();
        let items: Vec<Ref> = (0..100).map(|i| interp.new_int(i)).collect();
        let list = interp.new_list(items);
        assert_eq!(
            describe(&list, list.id()).1,
            "[0, 1, 2, 3, 4, 5, 6, 7, ...]"
        );
        let items: Vec<Ref> = (0..4).map(|i| interp.new_int(1_000_000_000 + i)).collect();
        let list = interp.new_list(items);
        let (_, repr) = describe(&list, list.id());
        assert_eq!(repr.chars().count(), MAX_REPR);
        assert!(repr.starts_with("[1000000000, 1000000001") && repr.ends_with('…'));
    }
}
