//! `:refs NAME`: every reference to an object, attributed to what holds it.
//!
//! The enumeration is the heap audit's (`heap/audit.rs`): every live object's references
//! through the traversal, the interpreter's own tables, and the constant tables and parse
//! trees of the compiled units that live functions, generators and frames keep alive. The
//! labelled form of the traversal (`objects/edges.rs`) says where each reference sits, so
//! a reference found in the namespace dict of `__main__` reads as "name a in __main__"
//! and one in an instance's dict as "attribute c.x".
//!
//! Everything is collected as uncounted pointers into an index built once per call, so
//! the count shown is the header's and nothing here adds to it. What the enumeration
//! cannot see (the evaluator's temporaries, the parse tree's identifier nodes, a compiled
//! unit only the caller holds) is printed as a residue rather than hidden.

use super::globals;
use super::show::{self, header};
use crate::compile::Unit;
use crate::eval::Interp;
use crate::heap::{raw, Ref, Weak};
use crate::objects::edges::{traverse_labelled, Edge};
use crate::objects::Obj;
use std::collections::HashMap;
use std::rc::Rc;

/// Lines listed before the rest is summed up.
const MAX_LINES: usize = 40;

/// Who holds a reference.
#[derive(Clone)]
enum Holder {
    Object(Weak),
    /// One of the interpreter's own tables or caches.
    Interp(&'static str),
    /// A constant table (`co_consts`), by index in [`Index::tables`].
    Consts(usize),
    /// The parse tree of a unit whose top-level code is running, by index in `units`.
    Literals(usize),
}

/// Every reference on the heap, by the object it points at.
struct Index {
    parents: HashMap<usize, Vec<(Holder, Edge)>>,
    units: Vec<Rc<Unit>>,
    /// Each distinct constant table once, with the unit it belongs to.
    tables: Vec<(Rc<[Ref]>, usize)>,
    functions: Vec<Weak>,
    /// Names of `__main__` bound to each object.
    main_names: HashMap<usize, Vec<String>>,
    main_dict: Option<usize>,
}

impl Index {
    fn build(interp: &Interp) -> Index {
        let mut ix = Index {
            parents: HashMap::new(),
            units: Vec::new(),
            tables: Vec::new(),
            functions: Vec::new(),
            main_names: HashMap::new(),
            main_dict: globals::module_dict(interp, "__main__").map(|d| d.addr()),
        };
        for (name, w) in globals::main_bindings(interp) {
            ix.main_names.entry(w.addr()).or_default().push(name);
        }
        for w in raw::all_live() {
            let Some(h) = header(&w) else { continue };
            let parents = &mut ix.parents;
            traverse_labelled(&h.obj, &mut |edge, r| {
                parents
                    .entry(r.addr())
                    .or_default()
                    .push((Holder::Object(w), edge));
            });
            match &h.obj {
                Obj::Function(f) => {
                    ix.functions.push(w);
                    ix.add_unit(&f.unit);
                }
                Obj::Generator(g) => {
                    if let Some(u) = g.unit() {
                        ix.add_unit(&u);
                    }
                }
                Obj::Frame(f) => ix.add_unit(&f.unit),
                _ => {}
            }
        }
        let parents = &mut ix.parents;
        interp.visit_own_references(&mut |what, r| {
            parents
                .entry(r.addr())
                .or_default()
                .push((Holder::Interp(what), Edge::Field("")));
        });
        for t in 0..ix.tables.len() {
            for (i, r) in ix.tables[t].0.iter().enumerate() {
                ix.parents
                    .entry(r.addr())
                    .or_default()
                    .push((Holder::Consts(t), Edge::Item(i)));
            }
        }
        for u in 0..ix.units.len() {
            if let Ok(literals) = ix.units[u].literals.try_borrow() {
                for r in literals.iter() {
                    ix.parents
                        .entry(r.addr())
                        .or_default()
                        .push((Holder::Literals(u), Edge::Field("")));
                }
            }
        }
        ix
    }

    /// A unit's constant tables, each counted once however many code objects share it.
    fn add_unit(&mut self, unit: &Rc<Unit>) {
        if self.units.iter().any(|u| Rc::ptr_eq(u, unit)) {
            return;
        }
        let u = self.units.len();
        self.units.push(unit.clone());
        for table in &unit.const_tables {
            if !self.tables.iter().any(|(t, _)| Rc::ptr_eq(t, table)) {
                self.tables.push((table.clone(), u));
            }
        }
    }

    fn holders(&self, w: &Weak) -> &[(Holder, Edge)] {
        self.parents.get(&w.addr()).map_or(&[], Vec::as_slice)
    }

    /// The object holding `w` through the field `field` (a dict's owner, a tuple's
    /// function), if any.
    fn owner_via(&self, w: &Weak, field: &str) -> Option<Weak> {
        self.holders(w).iter().find_map(|(h, e)| match (h, e) {
            (Holder::Object(o), Edge::Field(f)) if *f == field => Some(*o),
            _ => None,
        })
    }

    fn name_in_main(&self, w: &Weak) -> Option<&str> {
        self.main_names
            .get(&w.addr())
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    /// A holder object: type and short value, then its name in `__main__` or, one level
    /// up, where it is held.
    fn object_text(&self, w: &Weak, depth: usize) -> String {
        let Some(h) = header(w) else {
            return "a freed object".into();
        };
        let limit = if depth > 0 { 30 } else { 20 };
        format!("{}{}", what(&h.obj, limit), self.context(w, depth))
    }

    /// ` (named x)`, or ` (item [0] of list named l)`, or nothing.
    fn context(&self, w: &Weak, depth: usize) -> String {
        if let Some(names) = self.main_names.get(&w.addr()) {
            return format!(" (named {})", names.join(", "));
        }
        if depth == 0 {
            return String::new();
        }
        let parent = self
            .holders(w)
            .iter()
            .find(|(h, _)| matches!(h, Holder::Object(_)));
        match parent {
            Some((h, e)) => format!(" ({})", self.describe(w, h, e, depth - 1).1),
            None => String::new(),
        }
    }

    /// How an instance is written before `.attr`: its name, or its description.
    fn instance_prefix(&self, w: &Weak, depth: usize) -> (String, bool) {
        match self.name_in_main(w) {
            Some(n) => (n.to_string(), true),
            None => (self.object_text(w, depth), false),
        }
    }

    /// One reference, as a line; the number orders lines (names first, the
    /// interpreter's own tables last).
    fn describe(&self, subject: &Weak, holder: &Holder, edge: &Edge, depth: usize) -> (u8, String) {
        let w = match holder {
            Holder::Interp(what) => return (4, what.to_string()),
            Holder::Consts(t) => return (3, self.constant_text(*t)),
            Holder::Literals(u) => {
                return (
                    3,
                    format!(
                        "the parse tree of {} (a literal; held while its top-level code runs)",
                        self.units[*u].filename
                    ),
                )
            }
            Holder::Object(w) => w,
        };
        let Some(h) = header(w) else {
            return (2, "a freed object".into());
        };
        match (&h.obj, edge) {
            (Obj::Dict(_), Edge::Value(key)) => self.dict_value_text(w, key, depth),
            (Obj::Dict(_), Edge::Key) => {
                // A key of a namespace reads best as the binding it makes: `the key of
                // name a in __main__`; a key of a plain dict as just that.
                let plain = self.owner_via(w, "__dict__").is_none()
                    && self.owner_via(w, "__kwdefaults__").is_none()
                    && Some(w.addr()) != self.main_dict;
                if plain {
                    return (1, format!("a key of {}", self.object_text(w, depth)));
                }
                let (p, text) = self.dict_value_text(w, subject, depth);
                (p.max(1), format!("the key of {text}"))
            }
            (Obj::List(_), Edge::Item(i)) => {
                (1, format!("item [{i}] of {}", self.object_text(w, depth)))
            }
            (Obj::Tuple(items), Edge::Item(i)) => {
                if let Some(f) = self.owner_via(w, "__defaults__") {
                    return (1, default_text(&f, items.len(), *i));
                }
                (1, format!("item [{i}] of {}", self.object_text(w, depth)))
            }
            (Obj::Set(_) | Obj::FrozenSet(_), Edge::Member) => {
                (1, format!("member of {}", self.object_text(w, depth)))
            }
            (Obj::Instance(_), Edge::Slot(name)) => {
                let (prefix, named) = self.instance_prefix(w, depth);
                if named {
                    (1, format!("attribute {prefix}.{name} (a __slots__ slot)"))
                } else {
                    (
                        1,
                        format!("attribute .{name} (a __slots__ slot) of {prefix}"),
                    )
                }
            }
            (Obj::Instance(_), Edge::Attribute(name)) => {
                let (prefix, named) = self.instance_prefix(w, depth);
                if named {
                    (1, format!("attribute {prefix}.{name}"))
                } else {
                    (1, format!("attribute .{name} of {prefix}"))
                }
            }
            (Obj::Cell(_), Edge::Field("cell_contents")) => (1, self.cell_text(w)),
            (Obj::Generator(g), Edge::Local(name)) => (
                1,
                format!(
                    "local variable {name} of suspended generator {}(){}",
                    g.qualname,
                    self.context(w, depth)
                ),
            ),
            (Obj::Generator(g), Edge::CellVar(name)) => (
                1,
                format!(
                    "cell of variable {name} in suspended generator {}(){}",
                    g.qualname,
                    self.context(w, depth)
                ),
            ),
            (Obj::Generator(g), Edge::Suspended(what)) => (
                1,
                format!(
                    "{what} in suspended generator {}(){}",
                    g.qualname,
                    self.context(w, depth)
                ),
            ),
            _ => (
                2,
                format!("{} of {}", edge_text(edge), self.object_text(w, depth)),
            ),
        }
    }

    fn dict_value_text(&self, w: &Weak, key: &Weak, depth: usize) -> (u8, String) {
        let key_text = show::key_text(key);
        if let Some(o) = self.owner_via(w, "__dict__") {
            if let Some(h) = header(&o) {
                match &h.obj {
                    Obj::Module(m) => {
                        let first = Some(w.addr()) == self.main_dict;
                        return (
                            if first { 0 } else { 1 },
                            format!("name {key_text} in {}", m.name),
                        );
                    }
                    Obj::Class(_) => {
                        return (
                            1,
                            format!("class attribute {}.{key_text}", show::class_name(&h.obj)),
                        )
                    }
                    Obj::Function(f) => {
                        return (1, format!("attribute {}.{key_text}", f.qual_text));
                    }
                    _ => {
                        let (prefix, named) = self.instance_prefix(&o, depth);
                        return if named {
                            (1, format!("attribute {prefix}.{key_text}"))
                        } else {
                            (1, format!("attribute .{key_text} of {prefix}"))
                        };
                    }
                }
            }
        }
        if let Some(f) = self.owner_via(w, "__kwdefaults__") {
            if let Some(Obj::Function(func)) = header(&f).map(|h| &h.obj) {
                return (
                    1,
                    format!(
                        "default value of keyword-only parameter {key_text} of function {}()",
                        func.qual_text
                    ),
                );
            }
        }
        if Some(w.addr()) == self.main_dict {
            return (0, format!("name {key_text} in __main__"));
        }
        (
            1,
            format!(
                "value {} of {}",
                show::key_subscript(key),
                self.object_text(w, depth)
            ),
        )
    }

    /// A cell: the variable it is and the functions whose closure holds it.
    fn cell_text(&self, cell: &Weak) -> String {
        let mut users = Vec::new();
        for (h, e) in self.holders(cell) {
            match (h, e) {
                (Holder::Object(t), Edge::Item(i)) => {
                    let Some(f) = self.owner_via(t, "__closure__") else {
                        continue;
                    };
                    if let Some(Obj::Function(func)) = header(&f).map(|h| &h.obj) {
                        let scope = &func.code.scope;
                        let var = scope
                            .cells
                            .get(scope.own_cells as usize + i)
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| "?".into());
                        users.push(format!("{var} of function {}()", func.qual_text));
                    }
                }
                (Holder::Object(g), Edge::CellVar(var)) => {
                    if let Some(Obj::Generator(gen)) = header(g).map(|h| &h.obj) {
                        users.push(format!("{var} of suspended generator {}()", gen.qualname));
                    }
                }
                _ => {}
            }
        }
        if users.is_empty() {
            "a closure cell".into()
        } else {
            format!("closure cell: free variable {}", users.join(", "))
        }
    }

    fn constant_text(&self, t: usize) -> String {
        let (table, u) = &self.tables[t];
        let unit = &self.units[*u];
        let mut users: Vec<String> = Vec::new();
        if Rc::ptr_eq(&unit.module.scope.consts.0, table) {
            users.push("the module code".into());
        }
        for f in &self.functions {
            if let Some(Obj::Function(func)) = header(f).map(|h| &h.obj) {
                if Rc::ptr_eq(&func.code.scope.consts.0, table) {
                    let name = format!("{}()", func.qual_text);
                    if !users.contains(&name) {
                        users.push(name);
                    }
                }
            }
        }
        if users.is_empty() {
            users.push("other code (a class body, comprehension or nested def)".into());
        }
        format!(
            "constant of {} in {} (co_consts)",
            users.join(", "),
            unit.filename
        )
    }
}

/// An object as a holder or a subject is named: containers and values by type and
/// value, everything else by kind and name.
fn what(obj: &Obj, limit: usize) -> String {
    match obj {
        Obj::Function(f) => format!("function {}()", f.qual_text),
        Obj::Generator(g) => format!("generator {}()", g.qualname),
        Obj::Class(_) => format!("class {}", show::class_name(obj)),
        Obj::Module(m) => format!("module {}", m.name),
        Obj::Method(m) => match &m.0.header().obj {
            Obj::Function(f) => format!("bound method {}", f.qual_text),
            _ => "bound method".into(),
        },
        _ => {
            let value = show::short_repr(obj, limit);
            if value.starts_with('<') {
                format!("{} object", show::type_name(obj))
            } else {
                format!("{} {value}", show::type_name(obj))
            }
        }
    }
}

/// A default argument: the parameter it belongs to (defaults fill the last positional
/// parameters).
fn default_text(f: &Weak, n_defaults: usize, i: usize) -> String {
    let Some(Obj::Function(func)) = header(f).map(|h| &h.obj) else {
        return format!("default [{i}] of a function");
    };
    let params: Vec<&str> = func.code.params.positional().map(|p| &*p.name).collect();
    let name = params
        .len()
        .checked_sub(n_defaults)
        .and_then(|first| params.get(first + i));
    match name {
        Some(p) => format!(
            "default value of parameter {p} of function {}()",
            func.qual_text
        ),
        None => format!("default [{i}] of function {}()", func.qual_text),
    }
}

fn edge_text(edge: &Edge) -> String {
    match edge {
        Edge::Item(i) => format!("item [{i}]"),
        Edge::Value(k) => format!("value {}", show::key_subscript(k)),
        Edge::Key => "a key".into(),
        Edge::Member => "member".into(),
        Edge::Slot(n) => format!("slot {n}"),
        Edge::Attribute(n) => format!("attribute {n}"),
        Edge::FieldItem(f, i) => format!("{f}[{i}]"),
        Edge::Field(f) => f.to_string(),
        Edge::Local(n) => format!("local variable {n}"),
        Edge::CellVar(n) => format!("cell of {n}"),
        Edge::Suspended(what) => what.to_string(),
    }
}

/// The explanation of the object bound to `name` in `__main__`.
pub fn explain(interp: &Interp, name: &str) -> Result<String, String> {
    let w = globals::lookup(interp, name)?;
    let index = Index::build(interp);
    let Some(h) = header(&w) else {
        return Err(format!("name '{name}' is bound to a freed object"));
    };
    let count = h.refcount() as usize;
    let immortal = show::is_immortal(h);
    let mut lines: Vec<(u8, String)> = index
        .holders(&w)
        .iter()
        .map(|(holder, edge)| index.describe(&w, holder, edge, 1))
        .collect();
    // Holders come in heap order, which is stable from run to run, except the constant
    // tables: a unit keeps them in hash-map order, so their lines are sorted by text.
    lines.sort_by(|(p, a), (q, b)| {
        p.cmp(q).then_with(|| {
            if *p == 3 {
                a.cmp(b)
            } else {
                std::cmp::Ordering::Equal
            }
        })
    });
    let found = lines.len();
    // The same holder can hold an object several times (a list `[x, x]` names each slot,
    // but a code object's constants keep `None` once per nested code object): equal
    // lines are written once with their number.
    let mut grouped: Vec<(String, usize)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (_, text) in lines {
        match position.get(&text) {
            Some(&at) => grouped[at].1 += 1,
            None => {
                position.insert(text.clone(), grouped.len());
                grouped.push((text, 1));
            }
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = format!(
        "{name} → {} · id 0x{:x} · {count} reference{}\n",
        what(&h.obj, 40),
        w.id(),
        plural(count)
    );
    if immortal {
        out.push_str("  (immortal: one object shared by the whole interpreter and never freed)\n");
    }
    for (text, n) in grouped.iter().take(MAX_LINES) {
        if *n == 1 {
            out.push_str(&format!("  {text}\n"));
        } else {
            out.push_str(&format!("  {text} ×{n}\n"));
        }
    }
    if grouped.len() > MAX_LINES {
        let rest: usize = grouped[MAX_LINES..].iter().map(|(_, n)| n).sum();
        out.push_str(&format!("  … {rest} more reference{}\n", plural(rest)));
    }
    if count > found {
        let rest = count - found;
        let why = if matches!(h.obj, Obj::Str(_)) {
            "interpreter internals: a str spelled like an identifier is also held by the \
             name nodes of compiled code"
        } else {
            "interpreter internals"
        };
        out.push_str(&format!(
            "  {rest} other reference{} ({why})\n",
            plural(rest)
        ));
    } else if found > count {
        out.push_str(&format!(
            "  ({} more found than counted: a holder is listed that does not count its reference)\n",
            found - count
        ));
    }
    out.push_str(&format!(
        "  sys.getrefcount({name}) would show {}: its argument adds one\n",
        count + 1
    ));
    Ok(out)
}

/// How many references the enumeration attributes to the object bound to `name`, and its
/// count (tests check they are equal).
pub fn attributed(interp: &Interp, name: &str) -> Result<(usize, usize), String> {
    let w = globals::lookup(interp, name)?;
    let index = Index::build(interp);
    let count = header(&w).map_or(0, |h| h.refcount() as usize);
    Ok((index.holders(&w).len(), count))
}
