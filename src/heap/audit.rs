//! The heap audit (`REFPY_AUDIT=1`): after each top-level statement, every reference is
//! recounted — those every live object holds (through [`traverse_all`]) and those of the
//! roots: the interpreter's tables (builtin types, exception classes, `builtins`,
//! `sys.modules`, names, exceptions being handled, the gc module's lists), the running
//! module frame and the compiled units (constant tables, parse-tree literals). Any object
//! whose stored count differs from the recount is reported on stderr. At exit, objects
//! still alive that no root reaches are reported as leaks. (Garbage cycles waiting for the
//! collector are not reported while the program runs: their references are counted.)
//!
//! A count above the recount means a holder the audit cannot see or a leaked reference;
//! a count below it means a reference listed twice or an object holding a reference it
//! does not count — which would let the collector free a live object. Immortal objects
//! are skipped, and so are strs whose count is above the recount: interned names are also
//! held by the parse tree's name nodes, which the audit does not walk.

use super::raw::{self, flag, Ref, Weak};
use crate::compile::Unit;
use crate::eval::frame::Frame;
use crate::eval::Interp;
use crate::objects::traverse::traverse_all;
use crate::objects::Obj;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

thread_local! {
    /// Set by tests to audit without the environment variable.
    static FORCED: Cell<bool> = const { Cell::new(false) };
    /// Every finding reported on this thread (tests read them back).
    static FINDINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// True when `REFPY_AUDIT=1` (or a test asked for the audit).
pub fn enabled() -> bool {
    static ENV: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    FORCED.with(Cell::get)
        || *ENV.get_or_init(|| std::env::var("REFPY_AUDIT").is_ok_and(|v| v == "1"))
}

/// Turns the audit on for this thread.
pub fn force(on: bool) {
    FORCED.with(|f| f.set(on));
}

/// Takes the findings reported so far on this thread.
pub fn take_findings() -> Vec<String> {
    FINDINGS.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

fn report(interp: &Interp, line: String) {
    interp.flush_stdout();
    eprintln!("{line}");
    FINDINGS.with(|f| f.borrow_mut().push(line));
}

/// References counted per object (keyed by address, with an uncounted pointer).
struct Recount {
    counts: HashMap<usize, (Weak, u32)>,
    queue: Vec<Weak>,
    units: Vec<*const Unit>,
}

impl Recount {
    fn new() -> Recount {
        Recount {
            counts: HashMap::new(),
            queue: Vec::new(),
            units: Vec::new(),
        }
    }

    fn add(&mut self, r: &Ref) {
        let entry = self.counts.entry(r.addr()).or_insert_with(|| {
            self.queue.push(r.weak());
            (r.weak(), 0)
        });
        entry.1 += 1;
    }

    /// A unit's references: its constant tables (each counted once however many code
    /// objects and frames share it) and the parse tree's literals.
    fn add_unit(&mut self, unit: &Rc<Unit>) {
        let p = Rc::as_ptr(unit);
        if self.units.contains(&p) {
            return;
        }
        self.units.push(p);
        for table in &unit.const_tables {
            table.iter().for_each(|r| self.add(r));
        }
        if let Ok(literals) = unit.literals.try_borrow() {
            literals.iter().for_each(|r| self.add(r));
        }
    }

    /// Counts the references of every object queued, queueing the objects they reach
    /// for the first time.
    fn close(&mut self) {
        while let Some(w) = self.queue.pop() {
            let Some(h) = w.header_if_same() else {
                continue;
            };
            let mut children = Vec::new();
            traverse_all(&h.obj, &mut |r: &Ref| children.push(r.weak()));
            for c in children {
                if let Some(ch) = c.header_if_same() {
                    let entry = self
                        .counts
                        .entry(ch as *const _ as usize)
                        .or_insert_with(|| {
                            self.queue.push(c);
                            (c, 0)
                        });
                    entry.1 += 1;
                }
            }
            if let Obj::Function(f) = &h.obj {
                let unit = f.unit.clone();
                self.add_unit(&unit);
            }
        }
    }
}

/// The interpreter's own references.
fn add_interp_roots(interp: &Interp, rc: &mut Recount) {
    interp.types.iter().for_each(|r| rc.add(r));
    interp.exc_types.values().for_each(|r| rc.add(r));
    rc.add(&interp.builtins);
    rc.add(&interp.modules);
    interp.handling.iter().for_each(|r| rc.add(r));
    interp.names.all.iter().for_each(|r| rc.add(r));
    crate::modules::gc::visit_roots(&mut |r| rc.add(r));
}

fn add_frame(frame: &Frame, rc: &mut Recount) {
    frame.locals.iter().flatten().for_each(|r| rc.add(r));
    frame.cells.iter().for_each(|r| rc.add(r));
    rc.add(&frame.globals);
    if let Some(ns) = &frame.class_ns {
        rc.add(ns);
    }
    if let Some(obj) = &frame.obj {
        rc.add(obj);
    }
    rc.add_unit(&frame.unit);
}

fn describe(interp: &Interp, w: &Weak) -> String {
    match w.upgrade_alive() {
        Some(r) => {
            let what = match &*r {
                Obj::Str(s) => format!("str {:?}", s.as_str()),
                Obj::Int(i) => format!("int {i}"),
                _ => interp.type_name(&r),
            };
            format!("{what} at 0x{:x}", r.id())
        }
        None => format!("object at 0x{:x} (count 0)", w.id()),
    }
}

/// Recounts after a top-level statement of `frame`'s module, reporting differences.
/// `extra` are references the evaluator holds around the statement (the module object).
pub fn after_statement(interp: &Interp, frame: &Frame, extra: &[&Ref], line: u32) {
    for text in check(interp, Some(frame), extra) {
        report(interp, format!("refpy audit: line {line}: {text}"));
    }
}

/// The recount: one line per object whose stored count differs, sorted by address.
pub fn check(interp: &Interp, frame: Option<&Frame>, extra: &[&Ref]) -> Vec<String> {
    let mut rc = Recount::new();
    add_interp_roots(interp, &mut rc);
    if let Some(frame) = frame {
        add_frame(frame, &mut rc);
    }
    extra.iter().for_each(|r| rc.add(r));
    // Every live object's references, reachable or not.
    rc.queue.clear();
    for w in raw::all_live() {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        rc.counts.entry(h as *const _ as usize).or_insert((w, 0));
        rc.queue.push(w);
    }
    rc.close();
    let mut bad: Vec<(u64, String)> = Vec::new();
    for (w, counted) in rc.counts.values() {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if h.has_flag(flag::IMMORTAL) {
            continue;
        }
        let stored = h.refcount();
        if stored == *counted || (stored > *counted && matches!(h.obj, Obj::Str(_))) {
            continue;
        }
        let text = format!(
            "{} has count {stored}, {counted} reference{} found",
            describe(interp, w),
            if *counted == 1 { "" } else { "s" }
        );
        bad.push((w.id(), text));
    }
    bad.sort();
    bad.into_iter().map(|(_, text)| text).collect()
}

/// Compiles and runs a program with the audit on, on an interpreter thread of its own;
/// returns what the audit reported (and the exit status, when it is not 0).
pub fn run_audited(source: &str) -> Vec<String> {
    let source = source.to_string();
    crate::cli::on_interpreter_thread(move || {
        force(true);
        let mut interp = Interp::new();
        let status = match crate::compile::compile(&mut interp, &source, "<audit>") {
            Ok(unit) => interp.run_program(&unit),
            Err(_) => return vec!["syntax error".to_string()],
        };
        let mut findings = take_findings();
        if status != 0 {
            findings.push(format!("exit status {status}"));
        }
        findings
    })
}

/// At exit: objects still alive that no root reaches (strs aside: see the module doc).
pub fn at_exit(interp: &Interp, unit: &Rc<Unit>) {
    let mut rc = Recount::new();
    add_interp_roots(interp, &mut rc);
    rc.add_unit(unit);
    rc.close();
    let mut leaked: Vec<Weak> = Vec::new();
    for w in raw::all_live() {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if h.has_flag(flag::IMMORTAL) || matches!(h.obj, Obj::Str(_)) {
            continue;
        }
        let addr = h as *const _ as usize;
        if !rc.counts.contains_key(&addr) {
            leaked.push(w);
        }
    }
    if leaked.is_empty() {
        return;
    }
    report(
        interp,
        format!("refpy audit: {} object(s) not freed at exit", leaked.len()),
    );
    for w in leaked.iter().take(20) {
        let count = w.header_if_same().map_or(0, |h| h.refcount());
        report(
            interp,
            format!("refpy audit:   {} (count {count})", describe(interp, w)),
        );
    }
}
