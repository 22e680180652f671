//! The refcount report printed after each statement: the names the statement bound,
//! rebound or deleted (type, short repr, id, true reference count, the other names
//! sharing the object), the objects it freed and why, and the collections it triggered.
//!
//! A [`Watch`] is taken before the statement (the `__main__` bindings as uncounted
//! pointers, and the heap's free recorder started) and finished after it; nothing in it
//! holds a reference, so the counts it reads from the object headers are the true ones
//! (`sys.getrefcount(x) - 1`).

use super::style::Style;
use crate::eval::Interp;
use crate::heap::observe::{self, Collection, FreeReason, Freed};
use crate::heap::{flag, Weak};
use crate::objects::short_repr;
use crate::objects::Obj;

/// The state of `__main__` before a statement ran.
pub struct Watch {
    before: Vec<(String, Weak)>,
}

/// One binding as the report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub type_name: String,
    pub repr: String,
    pub id: u64,
    /// The true count; None for the shared objects refpy never frees (None, True, small
    /// ints, the builtin types…), whose counts mean nothing to a learner.
    pub refcount: Option<u32>,
    /// Other global names bound to the same object.
    pub also: Vec<String>,
}

/// What happened to one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Bound (new name) or rebound, to this object.
    Bound {
        name: String,
        new: bool,
        object: Binding,
    },
    /// Deleted; the object it named, when still alive.
    Deleted {
        name: String,
        survivor: Option<Binding>,
    },
}

/// Everything one statement did that the report shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
    pub freed: Vec<Freed>,
    pub more_freed: usize,
    pub collections: Vec<Collection>,
}

/// The `__main__` bindings, as uncounted pointers (no reference is taken).
fn bindings(interp: &mut Interp) -> Vec<(String, Weak)> {
    interp.main_module();
    crate::inspect::globals::main_bindings(interp)
}

impl Watch {
    /// Snapshots the bindings and starts recording frees and collections.
    pub fn begin(interp: &mut Interp) -> Watch {
        let before = bindings(interp);
        observe::start();
        Watch { before }
    }

    /// Stops recording and compares; `stored` are the names the statement's syntax
    /// stores to (reported even when rebound to the same object).
    pub fn finish(self, interp: &mut Interp, stored: &[String]) -> Report {
        let recording = observe::stop();
        let after = bindings(interp);
        let mut changes = Vec::new();
        for (name, w) in &after {
            let old = self.before.iter().find(|(n, _)| n == name).map(|(_, w)| *w);
            let changed = old != Some(*w) || stored.contains(name);
            if !changed {
                continue;
            }
            if let Some(object) = describe(*w, name, &after) {
                changes.push(Change::Bound {
                    name: name.clone(),
                    new: old.is_none(),
                    object,
                });
            }
        }
        for (name, w) in &self.before {
            if after.iter().any(|(n, _)| n == name) {
                continue;
            }
            changes.push(Change::Deleted {
                name: name.clone(),
                survivor: describe(*w, name, &after),
            });
        }
        Report {
            changes,
            freed: recording.freed,
            more_freed: recording.more_freed,
            collections: recording.collections,
        }
    }
}

/// The binding of an object still alive, read from its header.
fn describe(w: Weak, name: &str, names: &[(String, Weak)]) -> Option<Binding> {
    let h = w.header_if_same()?;
    if h.refcount() == 0 {
        return None;
    }
    let (type_name, mut repr) = short_repr::describe(&h.obj, w.id());
    if let Obj::Module(m) = &h.obj {
        if crate::modules::is_builtin_module(&m.name) {
            repr = format!("<module '{}' (built-in)>", m.name);
        }
    }
    let refcount = (!h.has_flag(flag::IMMORTAL)).then(|| h.refcount());
    let also = names
        .iter()
        .filter(|(n, other)| n != name && *other == w)
        .map(|(n, _)| n.clone())
        .collect();
    Some(Binding {
        type_name,
        repr,
        id: w.id(),
        refcount,
        also,
    })
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.freed.is_empty() && self.collections.is_empty()
    }

    /// The report as lines, each starting with a dim `│`.
    pub fn render(&self, style: Style) -> String {
        let bar = style.dim("│");
        let mut out = String::new();
        for change in &self.changes {
            let line = match change {
                Change::Bound { name, object, .. } => {
                    format!("{} → {}", style.name(name), render_binding(object, style))
                }
                Change::Deleted { name, survivor } => match survivor {
                    Some(object) => format!(
                        "{} deleted; its object lives on: {}",
                        style.name(name),
                        render_binding(object, style)
                    ),
                    None => format!("{} deleted", style.name(name)),
                },
            };
            out.push_str(&format!("{bar} {line}\n"));
        }
        for c in &self.collections {
            let objects = if c.collected == 1 {
                "object"
            } else {
                "objects"
            };
            let text = format!(
                "gc collected generation {}: {} unreachable {objects}",
                c.generation, c.collected
            );
            out.push_str(&format!("{bar} {}\n", style.gc(&text)));
        }
        for f in &self.freed {
            let why = match f.reason {
                FreeReason::CountZero => "refcount reached 0".to_string(),
                FreeReason::Collected { generation } => {
                    format!("collected by gc, generation {generation}")
                }
            };
            out.push_str(&format!(
                "{bar} {} {} {}  {}\n",
                style.freed("freed"),
                style.type_name(&f.type_name),
                f.repr,
                style.dim(&format!("({why})"))
            ));
        }
        if self.more_freed > 0 {
            out.push_str(&format!(
                "{bar} {}\n",
                style.freed(&format!("… and {} more objects freed", self.more_freed))
            ));
        }
        out
    }
}

fn render_binding(b: &Binding, style: Style) -> String {
    let count = match b.refcount {
        Some(n) => format!("refcount {}", style.count(&n.to_string())),
        None => style.dim("shared, never freed"),
    };
    let mut line = format!(
        "{} {}  {}  {count}",
        style.type_name(&b.type_name),
        b.repr,
        style.dim(&format!("id {}", b.id))
    );
    if !b.also.is_empty() {
        line.push_str(&format!("  also named {}", b.also.join(", ")));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list_binding(refcount: u32, also: &[&str]) -> Binding {
        Binding {
            type_name: "list".into(),
            repr: "[1, 2, 3]".into(),
            id: 140000,
            refcount: Some(refcount),
            also: also.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn bindings_show_type_repr_id_count_and_sharers() {
        let report = Report {
            changes: vec![Change::Bound {
                name: "b".into(),
                new: true,
                object: list_binding(2, &["a"]),
            }],
            ..Report::default()
        };
        assert_eq!(
            report.render(Style::PLAIN),
            "│ b → list [1, 2, 3]  id 140000  refcount 2  also named a\n"
        );
    }

    #[test]
    fn deletions_frees_and_collections() {
        let report = Report {
            changes: vec![
                Change::Deleted {
                    name: "a".into(),
                    survivor: Some(list_binding(1, &["b"])),
                },
                Change::Deleted {
                    name: "c".into(),
                    survivor: None,
                },
            ],
            freed: vec![Freed {
                type_name: "Node".into(),
                repr: "<__main__.Node object at 0x10>".into(),
                id: 16,
                reason: FreeReason::Collected { generation: 2 },
            }],
            more_freed: 3,
            collections: vec![Collection {
                generation: 2,
                collected: 1,
            }],
        };
        assert_eq!(
            report.render(Style::PLAIN),
            "│ a deleted; its object lives on: list [1, 2, 3]  id 140000  refcount 1  also named b\n\
             │ c deleted\n\
             │ gc collected generation 2: 1 unreachable object\n\
             │ freed Node <__main__.Node object at 0x10>  (collected by gc, generation 2)\n\
             │ … and 3 more objects freed\n"
        );
    }

    #[test]
    fn shared_objects_have_no_count_and_colour_is_optional() {
        let b = Binding {
            type_name: "NoneType".into(),
            repr: "None".into(),
            id: 1,
            refcount: None,
            also: vec![],
        };
        let report = Report {
            changes: vec![Change::Bound {
                name: "x".into(),
                new: false,
                object: b,
            }],
            ..Report::default()
        };
        assert_eq!(
            report.render(Style::PLAIN),
            "│ x → NoneType None  id 1  shared, never freed\n"
        );
        assert!(report.render(Style { colour: true }).contains("\x1b["));
    }
}
