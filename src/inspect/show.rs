//! Short, safe descriptions of objects for the heap views: a type name and a repr cut to a
//! few dozen characters, computed from the payload alone. No Python code runs (a user
//! `__repr__` could allocate, print or change counts), and no counted reference is taken,
//! so describing an object never changes the numbers being shown.

use crate::heap::{flag, ObjBox, Weak};
use crate::objects::Obj;

/// Objects are looked at through uncounted pointers; this one is the header if alive.
pub fn header(w: &Weak) -> Option<&ObjBox> {
    w.header_if_same()
}

/// `type(x).__name__`, read from the payload.
pub fn type_name(obj: &Obj) -> String {
    let class = match obj {
        Obj::Instance(i) => i
            .class
            .try_borrow()
            .ok()
            .map(|c| class_name(&c.header().obj)),
        Obj::Exception(e) => e
            .class
            .try_borrow()
            .ok()
            .map(|c| class_name(&c.header().obj)),
        _ => None,
    };
    class.unwrap_or_else(|| {
        let n = obj.kind().name();
        n.rsplit('.').next().unwrap_or(n).to_string()
    })
}

/// The name of a class object.
pub fn class_name(obj: &Obj) -> String {
    match obj {
        Obj::Class(c) => c
            .name
            .try_borrow()
            .map(|n| n.clone())
            .unwrap_or_else(|_| "?".into()),
        _ => "?".into(),
    }
}

/// True for the objects every program shares and that are never freed (small ints,
/// `None`, `True`, one-character strings, builtin types …).
pub fn is_immortal(h: &ObjBox) -> bool {
    h.has_flag(flag::IMMORTAL)
}

/// A repr of at most about `limit` characters (an ellipsis marks the cut).
pub fn short_repr(obj: &Obj, limit: usize) -> String {
    let mut out = Limited {
        text: String::new(),
        limit,
        stack: Vec::new(),
    };
    out.repr(obj, 0);
    if out.text.chars().count() > limit {
        let cut: String = out.text.chars().take(limit.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        out.text
    }
}

/// A plain key for a label: a str key as its text, anything else as its repr.
pub fn key_text(w: &Weak) -> String {
    match header(w).map(|h| &h.obj) {
        Some(Obj::Str(s)) => s.as_str().to_string(),
        Some(obj) => short_repr(obj, 24),
        None => "?".into(),
    }
}

/// A key as Python writes a subscript: `['x']`, `[1]`.
pub fn key_subscript(w: &Weak) -> String {
    match header(w) {
        Some(h) => format!("[{}]", short_repr(&h.obj, 24)),
        None => "[?]".into(),
    }
}

struct Limited {
    text: String,
    limit: usize,
    /// Containers being written (the `[...]` of a recursive repr).
    stack: Vec<*const Obj>,
}

impl Limited {
    fn full(&self) -> bool {
        self.text.len() > self.limit
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn repr(&mut self, obj: &Obj, depth: usize) {
        if self.full() {
            return;
        }
        match obj {
            Obj::None => self.push("None"),
            Obj::NotImplemented => self.push("NotImplemented"),
            Obj::Ellipsis => self.push("Ellipsis"),
            Obj::Bool(b) => self.push(if *b { "True" } else { "False" }),
            Obj::Int(i) => self.push(&i.to_string()),
            Obj::BigInt(i) => {
                let digits = i.to_string();
                if digits.len() > 24 {
                    let head: String = digits.chars().take(10).collect();
                    let tail: String = digits.chars().skip(digits.len() - 4).collect();
                    self.push(&format!("{head}…{tail} ({} digits)", digits.len()));
                } else {
                    self.push(&digits);
                }
            }
            Obj::Float(f) => self.push(&crate::format::float_repr::float_repr(*f)),
            Obj::Str(s) => {
                // Only the start of a long string is needed.
                let head: String = s.as_str().chars().take(self.limit + 2).collect();
                self.push(&crate::format::repr_str::str_repr(&head));
            }
            Obj::Bytes(b) => {
                let head = &b[..b.len().min(self.limit + 2)];
                self.push(&crate::format::repr_str::bytes_repr(head));
            }
            Obj::List(items) => {
                let Ok(items) = items.try_borrow() else {
                    return self.push("[…]");
                };
                self.sequence(obj, "[", "]", items.iter().map(|r| &r.header().obj), depth);
            }
            Obj::Tuple(items) => {
                if items.len() == 1 {
                    self.sequence(obj, "(", ",)", items.iter().map(|r| &r.header().obj), depth);
                } else {
                    self.sequence(obj, "(", ")", items.iter().map(|r| &r.header().obj), depth);
                }
            }
            Obj::Set(s) => {
                let Ok(s) = s.try_borrow() else {
                    return self.push("{…}");
                };
                if s.is_empty() {
                    return self.push("set()");
                }
                self.sequence(obj, "{", "}", s.iter().map(|(_, r)| &r.header().obj), depth);
            }
            Obj::FrozenSet(s) => {
                if s.is_empty() {
                    return self.push("frozenset()");
                }
                let items = s.iter().map(|(_, r)| &r.header().obj);
                self.sequence(obj, "frozenset({", "})", items, depth);
            }
            Obj::Dict(d) => {
                let Ok(d) = d.try_borrow() else {
                    return self.push("{…}");
                };
                if self.recursive(obj) {
                    return self.push("{...}");
                }
                if depth > 3 {
                    return self.push("{…}");
                }
                self.stack.push(obj);
                self.push("{");
                for (n, (k, v)) in d.iter().enumerate() {
                    if n > 0 {
                        self.push(", ");
                    }
                    if self.full() {
                        break;
                    }
                    self.repr(&k.header().obj, depth + 1);
                    self.push(": ");
                    self.repr(&v.header().obj, depth + 1);
                }
                self.push("}");
                self.stack.pop();
            }
            Obj::Instance(_) => self.push(&format!("<{} object>", type_name(obj))),
            Obj::Exception(_) => self.push(&format!("{}(…)", type_name(obj))),
            Obj::Function(f) => self.push(&format!("<function {}>", f.qual_text)),
            Obj::Builtin(b) => self.push(&format!("<built-in function {}>", b.name)),
            Obj::Class(_) => self.push(&format!("<class '{}'>", class_name(obj))),
            Obj::Module(m) => self.push(&format!("<module '{}'>", m.name)),
            Obj::Member(m) => {
                let what = if m.0 == crate::objects::function::GETSET {
                    "attribute"
                } else {
                    "member"
                };
                let text = format!("<{what} '{}' of '{}' objects>", m.1, class_name(&m.2));
                self.push(&text)
            }
            Obj::Generator(g) => self.push(&format!("<generator object {}>", g.qualname)),
            Obj::Range(r) => {
                let text = if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                };
                self.push(&text)
            }
            Obj::Cell(c) => match c.try_borrow().ok().and_then(|c| c.clone_weak()) {
                Some(w) => {
                    let inner = header(&w)
                        .map(|h| type_name(&h.obj))
                        .unwrap_or_else(|| "?".into());
                    self.push(&format!("<cell: {inner} object>"))
                }
                None => self.push("<cell: empty>"),
            },
            other => self.push(&format!("<{} object>", type_name(other))),
        }
    }

    fn recursive(&self, obj: &Obj) -> bool {
        self.stack.contains(&(obj as *const Obj))
    }

    fn sequence<'a>(
        &mut self,
        obj: &Obj,
        open: &str,
        close: &str,
        items: impl Iterator<Item = &'a Obj>,
        depth: usize,
    ) {
        if self.recursive(obj) {
            return self.push(&format!("{open}...{close}"));
        }
        if depth > 3 {
            return self.push(&format!("{open}…{close}"));
        }
        self.stack.push(obj);
        self.push(open);
        for (n, item) in items.enumerate() {
            if n > 0 {
                self.push(", ");
            }
            if self.full() {
                break;
            }
            self.repr(item, depth + 1);
        }
        self.push(close);
        self.stack.pop();
    }
}

/// An uncounted pointer to what an optional slot holds.
trait CloneWeak {
    fn clone_weak(&self) -> Option<Weak>;
}

impl CloneWeak for Option<crate::heap::Ref> {
    fn clone_weak(&self) -> Option<Weak> {
        self.as_ref().map(|r| r.weak())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_with_an_ellipsis() {
        let s = Obj::Str(crate::objects::StrObj::new("x".repeat(100).into()));
        let text = short_repr(&s, 20);
        assert_eq!(text.chars().count(), 20);
        assert!(text.ends_with('…'));
        assert_eq!(short_repr(&Obj::Int(-7), 20), "-7");
        assert_eq!(short_repr(&Obj::Float(0.1), 20), "0.1");
    }
}
