//! The graph both heap pictures draw: names, the objects they reach (each once, however
//! many references lead to it), and labelled edges between them.
//!
//! Objects are collected as uncounted pointers and their counts read from the header, so
//! the figures are what `sys.getrefcount` shows minus its own argument. Shared immortal
//! objects (small ints, `None`, one-character strings) are written inline rather than as
//! boxes: every program points at them from everywhere, and a box for `1` with a hundred
//! arrows would hide the objects the program made. Functions, classes, modules and
//! generators are drawn as boxes without following what they hold: their insides are the
//! interpreter's business and would pull in the whole runtime.

use super::globals;
use super::show::{self, header};
use crate::eval::Interp;
use crate::heap::Weak;
use crate::objects::Obj;
use std::collections::{HashMap, HashSet};

/// At most this many boxes; the rest is summed up in one line.
pub const MAX_BOXES: usize = 40;
/// Boxes at most this many edges away from a name.
pub const MAX_DEPTH: usize = 6;
/// Edges drawn per box; the rest is summed up in one row.
pub const MAX_EDGES: usize = 12;
/// Objects counted beyond the drawn ones before giving up counting.
const COUNT_LIMIT: usize = 10_000;
/// Characters of a value shown in a box.
pub const VALUE_WIDTH: usize = 40;

/// Where a name or an edge leads.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A box, by index in [`Graph::nodes`].
    Node(usize),
    /// A shared immortal object, written in place: type and value.
    Inline(String, String),
    /// An object beyond the limits, not drawn: its type.
    Hidden(String),
}

/// One object drawn as a box.
#[derive(Debug)]
pub struct Node {
    pub type_name: String,
    pub value: String,
    /// References to the object (`sys.getrefcount(x) - 1`).
    pub refcount: u32,
    pub immortal: bool,
    pub edges: Vec<(String, Target)>,
    /// Other names of `__main__` bound to the object, when the picture starts from one.
    pub also_named: Vec<String>,
    /// Edges not drawn because the box has too many.
    pub more_edges: usize,
}

/// Names, boxes and edges.
#[derive(Debug, Default)]
pub struct Graph {
    pub names: Vec<(String, Target)>,
    pub nodes: Vec<Node>,
    /// Objects reachable but not drawn (at most `COUNT_LIMIT`).
    pub hidden: usize,
    /// `hidden` stopped counting at the limit.
    pub hidden_capped: bool,
}

impl Graph {
    /// The names bound directly to box `i`, in namespace order.
    pub fn names_of(&self, i: usize) -> Vec<&str> {
        self.names
            .iter()
            .filter(|(_, t)| *t == Target::Node(i))
            .map(|(n, _)| n.as_str())
            .collect()
    }
}

/// The graph from one global of `__main__`, or from every global a program made.
pub fn build(interp: &Interp, name: Option<&str>) -> Result<Graph, String> {
    let roots: Vec<(String, Weak)> = match name {
        Some(n) => vec![(n.to_string(), globals::lookup(interp, n)?)],
        None => globals::main_bindings(interp)
            .into_iter()
            .filter(|(n, w)| !globals::is_background(n, w))
            .collect(),
    };
    let mut b = Builder::default();
    for (n, w) in roots {
        let target = b.node_for(&w, 0, true);
        b.graph.names.push((n, target));
    }
    let mut next = 0;
    while next < b.graph.nodes.len() {
        b.fill(next);
        next += 1;
    }
    b.count_hidden();
    if let Some(shown) = name {
        for (other, w) in globals::main_bindings(interp) {
            if other == shown {
                continue;
            }
            if let Some(&i) = b.index.get(&w.addr()) {
                b.graph.nodes[i].also_named.push(other);
            }
        }
    }
    Ok(b.graph)
}

#[derive(Default)]
struct Builder {
    graph: Graph,
    index: HashMap<usize, usize>,
    /// The object of each box and its depth.
    objects: Vec<(Weak, usize)>,
    hidden: Vec<Weak>,
}

impl Builder {
    fn node_for(&mut self, w: &Weak, depth: usize, root: bool) -> Target {
        let Some(h) = header(w) else {
            return Target::Hidden("freed object".into());
        };
        if !root && show::is_immortal(h) {
            return Target::Inline(show::type_name(&h.obj), show::short_repr(&h.obj, 24));
        }
        if let Some(&i) = self.index.get(&w.addr()) {
            return Target::Node(i);
        }
        if self.graph.nodes.len() >= MAX_BOXES || depth > MAX_DEPTH {
            self.hidden.push(*w);
            return Target::Hidden(show::type_name(&h.obj));
        }
        let i = self.graph.nodes.len();
        self.index.insert(w.addr(), i);
        self.objects.push((*w, depth));
        self.graph.nodes.push(Node {
            type_name: show::type_name(&h.obj),
            value: show::short_repr(&h.obj, VALUE_WIDTH),
            refcount: h.refcount(),
            immortal: show::is_immortal(h),
            edges: Vec::new(),
            also_named: Vec::new(),
            more_edges: 0,
        });
        Target::Node(i)
    }

    fn fill(&mut self, i: usize) {
        let (w, depth) = self.objects[i];
        let children = children(&w);
        let total = children.len();
        let mut edges = Vec::new();
        for (n, (label, child)) in children.into_iter().enumerate() {
            if n < MAX_EDGES {
                let target = self.node_for(&child, depth + 1, false);
                edges.push((label, target));
            } else if !self.index.contains_key(&child.addr()) {
                self.hidden.push(child);
            }
        }
        let node = &mut self.graph.nodes[i];
        node.edges = edges;
        node.more_edges = total.saturating_sub(MAX_EDGES);
    }

    /// Counts the distinct objects reachable from the hidden ones, immortals aside.
    fn count_hidden(&mut self) {
        let mut seen: HashSet<usize> = self.index.keys().copied().collect();
        let mut stack = std::mem::take(&mut self.hidden);
        let mut count = 0;
        while let Some(w) = stack.pop() {
            if !seen.insert(w.addr()) {
                continue;
            }
            let Some(h) = header(&w) else { continue };
            if show::is_immortal(h) {
                continue;
            }
            count += 1;
            if count >= COUNT_LIMIT {
                self.graph.hidden_capped = true;
                break;
            }
            stack.extend(children(&w).into_iter().map(|(_, c)| c));
        }
        self.graph.hidden = count;
    }
}

/// What a picture follows from an object, with the label of each edge: items by index,
/// dict values by key, attributes by name, set members, a cell's contents.
pub fn children(w: &Weak) -> Vec<(String, Weak)> {
    let Some(h) = header(w) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    push_children(&h.obj, &mut out);
    out
}

fn push_children(obj: &Obj, out: &mut Vec<(String, Weak)>) {
    match obj {
        Obj::List(items) => {
            if let Ok(items) = items.try_borrow() {
                for (i, r) in items.iter().enumerate() {
                    out.push((format!("[{i}]"), r.weak()));
                }
            }
        }
        Obj::Tuple(items) => {
            for (i, r) in items.iter().enumerate() {
                out.push((format!("[{i}]"), r.weak()));
            }
        }
        Obj::Dict(d) => {
            if let Ok(d) = d.try_borrow() {
                for (k, v) in d.iter() {
                    if !matches!(&**k, Obj::Str(_)) && !show::is_immortal(k.header()) {
                        out.push(("key".into(), k.weak()));
                    }
                    out.push((show::key_subscript(&k.weak()), v.weak()));
                }
            }
        }
        Obj::Set(s) => {
            if let Ok(s) = s.try_borrow() {
                s.iter()
                    .for_each(|(_, r)| out.push(("member".into(), r.weak())));
            }
        }
        Obj::FrozenSet(s) => s
            .iter()
            .for_each(|(_, r)| out.push(("member".into(), r.weak()))),
        Obj::Instance(i) => {
            if let Ok(slots) = i.slots.try_borrow() {
                let names = i.class.try_borrow().ok().and_then(|c| match &**c {
                    Obj::Class(c) => c.slots.clone(),
                    _ => None,
                });
                for (n, v) in slots.iter().enumerate() {
                    if let Some(v) = v {
                        let name = names
                            .as_ref()
                            .and_then(|names| names.get(n).map(|s| s.to_string()))
                            .unwrap_or_else(|| format!("slot{n}"));
                        out.push((format!(".{name}"), v.weak()));
                    }
                }
            }
            if let Ok(values) = i.values.try_borrow() {
                let class = i.class.try_borrow().ok();
                let keys = class
                    .as_ref()
                    .and_then(|c| crate::eval::inline_attrs::inline_keys(c));
                for (n, v) in values.0.iter().enumerate() {
                    let name = keys
                        .and_then(|k| k.name_at(n))
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| format!("value{n}"));
                    out.push((format!(".{name}"), v.weak()));
                }
            }
            if let Ok(d) = i.dict.try_borrow() {
                if let Some(d) = &*d {
                    if let Obj::Dict(d) = &**d {
                        if let Ok(d) = d.try_borrow() {
                            for (k, v) in d.iter() {
                                out.push((format!(".{}", show::key_text(&k.weak())), v.weak()));
                            }
                        }
                    }
                }
            }
            if let Some(base) = &i.base_value {
                push_children(base, out);
            }
        }
        Obj::Cell(c) => {
            if let Ok(c) = c.try_borrow() {
                if let Some(r) = &*c {
                    out.push(("cell_contents".into(), r.weak()));
                }
            }
        }
        _ => {}
    }
}
