//! The `gc` module and the parts of a collection that run Python code, after CPython
//! 3.11's `Modules/gcmodule.c` (`gc_collect_main`, `gc_collect_with_callback`,
//! `gc_collect_generations`, `PyGC_Collect`, `_PyGC_CollectNoFail`).
//!
//! The heap finds the garbage ([`crate::heap::collect`]); this module runs what needs the
//! interpreter, in CPython's order: `gc.callbacks` ("start"), weak references to the
//! garbage cleared (callbacks only for weak references that are not garbage themselves),
//! `__del__` once per object (PEP 442), the resurrection check, `tp_clear` of what is
//! still garbage (or `gc.garbage` under `DEBUG_SAVEALL`), statistics, `DEBUG_STATS` lines
//! on stderr, `gc.callbacks` ("stop").
//!
//! A collection runs only at a safe point (an explicit `gc.collect()`, or the statement
//! boundary after an allocation made one due), so no Rust code holds a borrow into the
//! objects while Python code runs.

use crate::eval::names::N;
use crate::eval::{Args, Interp, PyResult, Unwind};
use crate::heap::gc::{self as heap_gc, debug, Trigger, NUM_GENERATIONS, PERMANENT};
use crate::heap::{collect, flag, raw, Ref, Weak};
use crate::objects::traverse::{clear, is_gc, traverse};
use crate::objects::Obj;
use std::cell::RefCell;
use std::time::Instant;

/// The lists CPython keeps in its gc state and exposes as `gc.garbage` and
/// `gc.callbacks` (rebinding the module attributes does not replace them).
#[derive(Default)]
struct Lists {
    garbage: Option<Ref>,
    callbacks: Option<Ref>,
}

thread_local! {
    static LISTS: RefCell<Lists> = RefCell::new(Lists::default());
}

fn garbage_list(interp: &Interp) -> Ref {
    if let Some(l) = LISTS.with(|l| l.borrow().garbage.clone()) {
        return l;
    }
    let l = interp.new_list(Vec::new());
    LISTS.with(|s| s.borrow_mut().garbage = Some(l.clone()));
    l
}

fn callbacks_list(interp: &Interp) -> Ref {
    if let Some(l) = LISTS.with(|l| l.borrow().callbacks.clone()) {
        return l;
    }
    let l = interp.new_list(Vec::new());
    LISTS.with(|s| s.borrow_mut().callbacks = Some(l.clone()));
    l
}

/// The references the gc state holds (for the heap audit).
pub fn visit_roots(visit: &mut dyn FnMut(&Ref)) {
    LISTS.with(|l| {
        let l = l.borrow();
        l.garbage.iter().chain(l.callbacks.iter()).for_each(visit);
    });
}

/// Drops `gc.garbage`, `gc.callbacks` and the parked callbacks (interpreter teardown).
pub fn release_roots() {
    let lists = LISTS.with(|l| std::mem::take(&mut *l.borrow_mut()));
    drop(lists);
    let parked = PARKED.with(|p| std::mem::take(&mut *p.borrow_mut()));
    drop(parked);
}

/// A full collection at interpreter teardown that runs no Python code: the garbage's weak
/// references are cleared without their callbacks, no `__del__` runs (each object counts
/// as finalized), and the garbage is cleared so ordinary deallocation frees it.
pub fn collect_quietly(interp: &mut Interp) {
    if heap_gc::with_state(|g| g.collecting) {
        return;
    }
    heap_gc::with_state_mut(|g| g.collecting = true);
    let unreachable = collect::find_garbage(2);
    for w in &unreachable {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        h.set_flag(flag::FINALIZED);
        if let Obj::WeakRef(wr) = &h.obj {
            let callback = wr.callback.try_borrow_mut().ok().and_then(|mut c| c.take());
            drop(callback);
        }
    }
    for w in &unreachable {
        let Some(obj) = w.upgrade_alive() else {
            continue;
        };
        if obj.header().has_flag(flag::HAS_WEAKREFS) {
            crate::modules::weakref::clear_weakrefs(interp, &obj, false);
        }
    }
    delete_garbage(interp, &unreachable, 2, false);
    collect::end_collection(2);
    heap_gc::with_state_mut(|g| g.collecting = false);
}

pub fn create(interp: &mut Interp) -> Ref {
    let m = interp.new_module("gc");
    let d = interp.module_dict(&m);
    let funcs: &[(&'static str, crate::objects::BuiltinFn)] = &[
        ("enable", enable),
        ("disable", disable),
        ("isenabled", isenabled),
        ("collect", collect),
        ("get_debug", get_debug),
        ("set_debug", set_debug),
        ("get_stats", get_stats),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("get_objects", get_objects),
        ("get_referrers", get_referrers),
        ("get_referents", get_referents),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
    ];
    for &(name, f) in funcs {
        interp.add_function(&d, name, f);
    }
    let constants = [
        ("DEBUG_STATS", debug::STATS),
        ("DEBUG_COLLECTABLE", debug::COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", debug::UNCOLLECTABLE),
        ("DEBUG_SAVEALL", debug::SAVEALL),
        ("DEBUG_LEAK", debug::LEAK),
    ];
    for (name, value) in constants {
        let key = interp.intern(name);
        let v = interp.new_int(value);
        let _ = interp.dict_set(&d, key, v);
    }
    for (name, list) in [
        ("garbage", garbage_list(interp)),
        ("callbacks", callbacks_list(interp)),
    ] {
        let key = interp.intern(name);
        let _ = interp.dict_set(&d, key, list);
    }
    m
}

// ---------------------------------------------------------------------- argument checks

/// `gc.f()` taking no arguments (METH_NOARGS).
fn no_args(interp: &mut Interp, name: &str, args: &Args) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(interp.err(
            "TypeError",
            format!("gc.{name}() takes no keyword arguments"),
        ));
    }
    if !args.pos.is_empty() {
        let n = args.pos.len();
        return Err(interp.err(
            "TypeError",
            format!("gc.{name}() takes no arguments ({n} given)"),
        ));
    }
    Ok(())
}

/// `gc.f(obj)` (METH_O).
fn one_arg<'a>(interp: &mut Interp, name: &str, args: &Args<'a>) -> PyResult<&'a Ref> {
    if !args.kw.is_empty() {
        return Err(interp.err(
            "TypeError",
            format!("gc.{name}() takes no keyword arguments"),
        ));
    }
    match args.pos {
        [x] => Ok(x),
        _ => {
            let n = args.pos.len();
            Err(interp.err(
                "TypeError",
                format!("gc.{name}() takes exactly one argument ({n} given)"),
            ))
        }
    }
}

/// A C `int` argument (`_PyLong_AsInt` after `__index__`).
fn c_int(interp: &mut Interp, v: &Ref, too_big: &str, too_small: &str) -> PyResult<i64> {
    if matches!(&**v, Obj::BigInt(b) if b.sign() == num_bigint::Sign::Minus) {
        return Err(interp.err("OverflowError", too_small));
    }
    if let Obj::BigInt(_) = &**v {
        return Err(interp.err("OverflowError", too_big));
    }
    let i = interp.index_value(v)?;
    if i > i32::MAX as i64 {
        return Err(interp.err("OverflowError", too_big));
    }
    if i < i32::MIN as i64 {
        return Err(interp.err("OverflowError", too_small));
    }
    Ok(i)
}

const AS_INT_TOO_BIG: &str = "Python int too large to convert to C int";

// ---------------------------------------------------------------------- module functions

fn enable(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "enable", &args)?;
    heap_gc::with_state_mut(|g| g.enabled = true);
    Ok(interp.none())
}

fn disable(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "disable", &args)?;
    heap_gc::with_state_mut(|g| g.enabled = false);
    Ok(interp.none())
}

fn isenabled(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "isenabled", &args)?;
    Ok(interp.bool(heap_gc::with_state(|g| g.enabled)))
}

/// `gc.collect(generation=2)`.
fn collect(interp: &mut Interp, args: Args) -> PyResult {
    if args.pos.len() > 1 {
        let n = args.pos.len();
        return Err(interp.err(
            "TypeError",
            format!("collect() takes at most 1 argument ({n} given)"),
        ));
    }
    let mut generation_arg = args.pos.first();
    for (k, v) in args.kw {
        let name = k.as_str_opt().unwrap_or("");
        if name != "generation" {
            return Err(interp.err(
                "TypeError",
                format!("'{name}' is an invalid keyword argument for collect()"),
            ));
        }
        if generation_arg.is_some() {
            return Err(interp.err(
                "TypeError",
                "argument for collect() given by name ('generation') and position (1)",
            ));
        }
        generation_arg = Some(v);
    }
    let generation = match generation_arg {
        Some(v) => c_int(
            interp,
            v,
            AS_INT_TOO_BIG,
            "Python int too large to convert to C int",
        )?,
        None => NUM_GENERATIONS as i64 - 1,
    };
    if !(0..NUM_GENERATIONS as i64).contains(&generation) {
        return Err(interp.err("ValueError", "invalid generation"));
    }
    // Already collecting (a finalizer called gc.collect()): nothing to do.
    let n = collect_now(interp, generation as usize);
    Ok(interp.new_int(n as i64))
}

fn get_debug(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "get_debug", &args)?;
    Ok(interp.new_int(heap_gc::with_state(|g| g.debug)))
}

fn set_debug(interp: &mut Interp, args: Args) -> PyResult {
    let v = one_arg(interp, "set_debug", &args)?;
    let flags = c_int(interp, v, AS_INT_TOO_BIG, AS_INT_TOO_BIG)?;
    heap_gc::with_state_mut(|g| g.debug = flags);
    Ok(interp.none())
}

fn get_stats(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "get_stats", &args)?;
    let stats = heap_gc::with_state(|g| g.stats);
    let mut out = Vec::new();
    for s in stats {
        let d = interp.new_dict();
        for (name, value) in [
            ("collections", s.collections),
            ("collected", s.collected),
            ("uncollectable", s.uncollectable),
        ] {
            let key = interp.intern(name);
            let v = interp.new_int(value);
            interp.dict_set(&d, key, v)?;
        }
        out.push(d);
    }
    Ok(interp.new_list(out))
}

fn get_count(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "get_count", &args)?;
    let counts = heap_gc::with_state(|g| g.counts);
    let items = counts.iter().map(|&c| interp.new_int(c)).collect();
    Ok(interp.new_tuple(items))
}

fn get_threshold(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "get_threshold", &args)?;
    let t = heap_gc::with_state(|g| g.thresholds);
    let items = t.iter().map(|&c| interp.new_int(c)).collect();
    Ok(interp.new_tuple(items))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold(interp: &mut Interp, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(interp.err("TypeError", "set_threshold() takes no keyword arguments"));
    }
    let n = args.pos.len();
    if n == 0 {
        return Err(interp.err(
            "TypeError",
            "set_threshold() takes at least 1 argument (0 given)",
        ));
    }
    if n > 3 {
        return Err(interp.err(
            "TypeError",
            format!("set_threshold() takes at most 3 arguments ({n} given)"),
        ));
    }
    // PyArg_ParseTuple stores each threshold as it converts it.
    for (i, v) in args.pos.iter().enumerate() {
        let t = c_int(
            interp,
            v,
            "signed integer is greater than maximum",
            "signed integer is less than minimum",
        )?;
        heap_gc::with_state_mut(|g| g.thresholds[i] = t);
    }
    Ok(interp.none())
}

/// `gc.get_objects(generation=None)`.
fn get_objects(interp: &mut Interp, args: Args) -> PyResult {
    if args.pos.len() > 1 {
        let n = args.pos.len();
        return Err(interp.err(
            "TypeError",
            format!("get_objects() takes at most 1 argument ({n} given)"),
        ));
    }
    let mut arg = args.pos.first();
    for (k, v) in args.kw {
        let name = k.as_str_opt().unwrap_or("");
        if name != "generation" || arg.is_some() {
            return Err(interp.err(
                "TypeError",
                format!("'{name}' is an invalid keyword argument for get_objects()"),
            ));
        }
        arg = Some(v);
    }
    let generation = match arg.map(|v| &**v) {
        None | Some(Obj::None) => None,
        Some(Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_)) => {
            let v = arg.expect("matched Some");
            Some(interp.index_value(v)?)
        }
        Some(_) => {
            let t = interp.type_name(arg.expect("matched Some"));
            return Err(interp.err(
                "TypeError",
                format!("argument should be integer or None, not '{t}'"),
            ));
        }
    };
    let lists: Vec<usize> = match generation {
        None => (0..NUM_GENERATIONS).collect(),
        Some(g) if g >= NUM_GENERATIONS as i64 => {
            return Err(interp.err(
                "ValueError",
                format!("generation parameter must be less than the number of available generations ({NUM_GENERATIONS})"),
            ))
        }
        Some(g) if g < 0 => return Err(interp.err("ValueError", "generation parameter cannot be negative")),
        Some(g) => vec![g as usize],
    };
    let mut out = Vec::new();
    for l in lists {
        out.extend(
            heap_gc::objects_of(l)
                .iter()
                .filter_map(Weak::upgrade_alive),
        );
    }
    Ok(interp.new_list(out))
}

/// CPython's `_PyObject_IS_GC`: builtin types are static, not gc objects.
fn is_gc_object(r: &Ref) -> bool {
    is_gc(r) && !(matches!(&**r, Obj::Class(_)) && r.header().has_flag(flag::IMMORTAL))
}

fn get_referents(interp: &mut Interp, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(interp.err("TypeError", "get_referents() takes no keyword arguments"));
    }
    let mut out = Vec::new();
    for obj in args.pos {
        if is_gc_object(obj) {
            traverse(obj, &mut |r: &Ref| out.push(r.clone()));
        }
    }
    Ok(interp.new_list(out))
}

fn get_referrers(interp: &mut Interp, args: Args) -> PyResult {
    if !args.kw.is_empty() {
        return Err(interp.err("TypeError", "get_referrers() takes no keyword arguments"));
    }
    let mut out = Vec::new();
    for generation in 0..NUM_GENERATIONS {
        for w in heap_gc::objects_of(generation) {
            let Some(h) = w.header_if_same() else {
                continue;
            };
            let mut found = false;
            traverse(&h.obj, &mut |r: &Ref| {
                found |= args.pos.iter().any(|o| o.is(r))
            });
            if found {
                out.extend(w.upgrade_alive());
            }
        }
    }
    Ok(interp.new_list(out))
}

fn is_tracked(interp: &mut Interp, args: Args) -> PyResult {
    let obj = one_arg(interp, "is_tracked", &args)?;
    Ok(interp.bool(heap_gc::is_tracked(obj)))
}

fn is_finalized(interp: &mut Interp, args: Args) -> PyResult {
    let obj = one_arg(interp, "is_finalized", &args)?;
    let finalized = is_gc_object(obj) && obj.header().has_flag(flag::FINALIZED);
    Ok(interp.bool(finalized))
}

fn freeze(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "freeze", &args)?;
    heap_gc::freeze();
    Ok(interp.none())
}

fn unfreeze(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "unfreeze", &args)?;
    heap_gc::unfreeze();
    Ok(interp.none())
}

fn get_freeze_count(interp: &mut Interp, args: Args) -> PyResult {
    no_args(interp, "get_freeze_count", &args)?;
    Ok(interp.new_int(heap_gc::list_sizes()[PERMANENT] as i64))
}

// ---------------------------------------------------------------------- collections

/// A collection that became due at an allocation (`gc_collect_generations`), run at the
/// next safe point. Counts the allocations made since it became due as CPython would
/// have: after the collection.
pub fn collect_automatic(interp: &mut Interp) {
    let Some(since_due) = heap_gc::take_due() else {
        return;
    };
    let (enabled, collecting) = heap_gc::with_state(|g| (g.enabled, g.collecting));
    if !enabled || collecting {
        return;
    }
    let Some(generation) = heap_gc::generation_to_collect() else {
        return;
    };
    heap_gc::with_state_mut(|g| g.collecting = true);
    collect_with_callback(interp, generation, Trigger::Automatic);
    heap_gc::with_state_mut(|g| {
        g.collecting = false;
        g.counts[0] += since_due;
    });
}

/// The collections CPython makes at interpreter shutdown, before the modules go:
/// `PyGC_Collect` (only when enabled, with callbacks).
pub fn collect_at_exit(interp: &mut Interp) {
    let (enabled, collecting) = heap_gc::with_state(|g| (g.enabled, g.collecting));
    if !enabled || collecting {
        return;
    }
    heap_gc::with_state_mut(|g| g.collecting = true);
    collect_with_callback(interp, NUM_GENERATIONS - 1, Trigger::Shutdown);
    heap_gc::with_state_mut(|g| g.collecting = false);
}

/// `_PyGC_CollectNoFail`: the full collections of module teardown, made even when the
/// collector is disabled, without `gc.callbacks`.
pub fn collect_no_fail(interp: &mut Interp) -> usize {
    if heap_gc::with_state(|g| g.collecting) {
        return 0;
    }
    heap_gc::with_state_mut(|g| g.collecting = true);
    let (m, n) = collect_main(interp, NUM_GENERATIONS - 1, Trigger::Shutdown);
    heap_gc::with_state_mut(|g| g.collecting = false);
    m + n
}

/// `gc.collect(generation)` from Rust: returns what CPython's would (0 when a collection
/// is already running).
pub fn collect_now(interp: &mut Interp, generation: usize) -> usize {
    if heap_gc::with_state(|g| g.collecting) {
        return 0;
    }
    heap_gc::with_state_mut(|g| g.collecting = true);
    let n = collect_with_callback(interp, generation, Trigger::Explicit);
    heap_gc::with_state_mut(|g| g.collecting = false);
    n
}

/// `gc_collect_with_callback`.
fn collect_with_callback(interp: &mut Interp, generation: usize, trigger: Trigger) -> usize {
    invoke_callbacks(interp, "start", generation, 0, 0);
    let (collected, uncollectable) = collect_main(interp, generation, trigger);
    invoke_callbacks(interp, "stop", generation, collected, uncollectable);
    collected + uncollectable
}

/// `invoke_gc_callback`: each callback gets the phase and an info dict.
fn invoke_callbacks(
    interp: &mut Interp,
    phase: &str,
    generation: usize,
    collected: usize,
    uncollectable: usize,
) {
    let Some(list) = LISTS.with(|l| l.borrow().callbacks.clone()) else {
        return;
    };
    let len = |l: &Ref| match &**l {
        Obj::List(items) => items.borrow().len(),
        _ => 0,
    };
    if len(&list) == 0 {
        return;
    }
    let info = interp.new_dict();
    for (name, value) in [
        ("generation", generation),
        ("collected", collected),
        ("uncollectable", uncollectable),
    ] {
        let key = interp.intern(name);
        let v = interp.new_int(value as i64);
        let _ = interp.dict_set(&info, key, v);
    }
    let phase = interp.new_str(phase);
    let mut i = 0;
    while i < len(&list) {
        let cb = match &*list {
            Obj::List(items) => items.borrow().get(i).cloned(),
            _ => None,
        };
        let Some(cb) = cb else { break };
        if let Err(Unwind::Exception(e)) = interp.call(&cb, vec![phase.clone(), info.clone()]) {
            interp.report_unraisable(&e, &cb);
        }
        i += 1;
    }
}

/// `gc_collect_main`: returns (collected, uncollectable).
fn collect_main(interp: &mut Interp, generation: usize, trigger: Trigger) -> (usize, usize) {
    let debug_flags = heap_gc::with_state(|g| g.debug);
    let started = Instant::now();
    if debug_flags & debug::STATS != 0 {
        interp.flush_stdout();
        let sizes = heap_gc::list_sizes();
        eprint!(
            "gc: collecting generation {generation}...\n\
             gc: objects in each generation: {} {} {}\n\
             gc: objects in permanent generation: {}\n",
            sizes[0], sizes[1], sizes[2], sizes[3]
        );
    }

    crate::heap::observe::collection_started(generation);
    let unreachable = collect::find_garbage(generation);

    if debug_flags & debug::COLLECTABLE != 0 {
        interp.flush_stdout();
        for w in &unreachable {
            if let Some(obj) = w.upgrade_alive() {
                eprintln!(
                    "gc: collectable <{} 0x{:x}>",
                    interp.type_name(&obj),
                    obj.id()
                );
            }
        }
    }

    let scan = scan_garbage(&unreachable);
    let (mut collected, callbacks_ran) = if scan.weakrefs {
        handle_weakrefs(interp, &unreachable)
    } else {
        (0, false)
    };
    // Python code run by a callback may have given a class a `__del__`: look again.
    let finalizers_ran = if scan.finalizers || callbacks_ran {
        finalize_garbage(interp, &unreachable)
    } else {
        restore_parked_callbacks();
        false
    };
    let pending = raw::has_pending();
    if pending {
        interp.run_finalizers();
    }
    // Only Python code can make garbage reachable again: when none ran, the garbage is
    // what was found (CPython examines it again regardless, with the same result).
    let python_ran = callbacks_ran || finalizers_ran || pending;
    let final_garbage = if python_ran {
        collect::recycle(unreachable);
        collect::handle_resurrected(generation)
    } else {
        unreachable
    };
    let hidden = if python_ran {
        final_garbage.iter().map(hidden_objects).sum::<usize>()
    } else {
        scan.hidden
    };
    collected += final_garbage.len() + hidden;
    delete_garbage(
        interp,
        &final_garbage,
        generation,
        debug_flags & debug::SAVEALL != 0,
    );
    collect::end_collection(generation);
    collect::recycle(final_garbage);
    // No legacy (tp_del) finalizers exist in Python code: nothing is uncollectable.
    let uncollectable = 0;

    if debug_flags & debug::STATS != 0 {
        interp.flush_stdout();
        eprintln!(
            "gc: done, {} unreachable, {uncollectable} uncollectable, {:.4}s elapsed",
            collected + uncollectable,
            started.elapsed().as_secs_f64()
        );
    }
    crate::heap::observe::collection_finished(generation, collected + uncollectable);
    heap_gc::with_state_mut(|g| {
        let s = &mut g.stats[generation];
        s.collections += 1;
        s.collected += collected as i64;
        s.uncollectable += uncollectable as i64;
    });
    if raw::has_pending() {
        interp.run_finalizers();
    }
    heap_gc::record_collection(generation, collected, uncollectable, trigger);
    (collected, uncollectable)
}

/// What the garbage holds that needs more than clearing, found in one pass over it.
struct GarbageScan {
    /// A weak reference object, or an object weak references point to.
    weakrefs: bool,
    /// An object with a `__del__` still to run.
    finalizers: bool,
    /// The objects CPython would have in the garbage that refpy keeps inside others.
    hidden: usize,
}

fn scan_garbage(unreachable: &[Weak]) -> GarbageScan {
    let mut scan = GarbageScan {
        weakrefs: false,
        finalizers: false,
        hidden: 0,
    };
    for w in unreachable {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        match &h.obj {
            Obj::Instance(_) | Obj::Exception(_) | Obj::Generator(_)
                if !scan.finalizers && !h.has_flag(flag::FINALIZED) && h.refcount() != 0 =>
            {
                scan.finalizers = has_finalizer(&h.obj);
            }
            Obj::WeakRef(_) => scan.weakrefs = true,
            Obj::StaticMethod(_) | Obj::ClassMethod(_) => scan.hidden += hidden_objects(w),
            _ => {}
        }
        if h.has_flag(flag::HAS_WEAKREFS) {
            scan.weakrefs = true;
        }
    }
    scan
}

/// `handle_weakrefs`: the weak references to garbage are cleared before any finalizer
/// runs, so no Python code can reach the garbage through them; callbacks run only for
/// weak references that are not garbage themselves. Returns how many of those weak
/// references died once their callback had run (CPython counts them as collected), and
/// whether any Python code could have run.
fn handle_weakrefs(interp: &mut Interp, unreachable: &[Weak]) -> (usize, bool) {
    // Weak references that are garbage must not call back: their callbacks are set
    // aside until the finalizers have run.
    let mut parked: Vec<(Weak, Ref)> = Vec::new();
    for w in unreachable {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if let Obj::WeakRef(wr) = &h.obj {
            if let Some(cb) = wr.callback.try_borrow_mut().ok().and_then(|mut c| c.take()) {
                parked.push((*w, cb));
            }
        }
    }
    let freed_before = heap_gc::weakrefs_freed();
    let mut cleared = false;
    for w in unreachable {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if !h.has_flag(flag::HAS_WEAKREFS) {
            continue;
        }
        let Some(obj) = w.upgrade_alive() else {
            continue;
        };
        crate::modules::weakref::clear_weakrefs(interp, &obj, true);
        cleared = true;
    }
    let freed = heap_gc::weakrefs_freed() - freed_before;
    let parked_any = !parked.is_empty();
    PARKED.with(|p| p.borrow_mut().extend(parked));
    (freed, cleared || parked_any)
}

thread_local! {
    /// Callbacks of garbage weak references, held while the finalizers run.
    static PARKED: RefCell<Vec<(Weak, Ref)>> = const { RefCell::new(Vec::new()) };
}

/// Gives the garbage weak references their callbacks back (before the resurrection
/// check, so the callbacks count as what they are: references held by the garbage).
fn restore_parked_callbacks() {
    let parked = PARKED.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for (w, cb) in parked {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if let Obj::WeakRef(wr) = &h.obj {
            if let Ok(mut slot) = wr.callback.try_borrow_mut() {
                if slot.is_none() {
                    *slot = Some(cb);
                }
            }
        }
    }
}

/// True when CPython's type of the object has a `tp_finalize`: classes defining
/// `__del__`, and generators.
fn has_finalizer(obj: &Obj) -> bool {
    match obj {
        Obj::Instance(i) => matches!(&**i.class.borrow(), Obj::Class(c) if c.has_del.get()),
        Obj::Exception(e) => matches!(&**e.class.borrow(), Obj::Class(c) if c.has_del.get()),
        Obj::Generator(_) => true,
        _ => false,
    }
}

/// `finalize_garbage`: `__del__` of each garbage object, at most once in its life.
/// Returns whether any ran.
fn finalize_garbage(interp: &mut Interp, unreachable: &[Weak]) -> bool {
    let mut ran = false;
    for w in unreachable {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        if h.has_flag(flag::FINALIZED) || h.refcount() == 0 || !has_finalizer(&h.obj) {
            continue;
        }
        let Some(obj) = w.upgrade_alive() else {
            continue;
        };
        obj.header().set_flag(flag::FINALIZED);
        call_finalizer(interp, &obj);
        ran = true;
        drop(obj);
        if raw::has_pending() {
            interp.run_finalizers();
        }
    }
    restore_parked_callbacks();
    ran
}

fn call_finalizer(interp: &mut Interp, obj: &Ref) {
    if let Obj::Generator(_) = &**obj {
        interp.generator_finalize(obj);
        return;
    }
    let del = interp.names.get(N::del).clone();
    if let Some(m) = interp.special_method(obj, &del) {
        if let Err(Unwind::Exception(e)) = interp.call(&m, vec![]) {
            interp.report_unraisable(&e, &m);
        }
    }
}

/// `delete_garbage`: each object is cleared (`tp_clear`), which breaks the cycles so
/// ordinary deallocation frees them; under `DEBUG_SAVEALL` they go to `gc.garbage`.
fn delete_garbage(interp: &mut Interp, garbage: &[Weak], generation: usize, save_all: bool) {
    let none = interp.none();
    let saved = save_all.then(|| garbage_list(interp));
    let mut released = Vec::new();
    for w in garbage {
        let Some(obj) = w.upgrade_alive() else {
            continue;
        };
        match &saved {
            Some(list) => {
                if let Obj::List(items) = &**list {
                    items.borrow_mut().push(obj.clone());
                }
            }
            None => {
                crate::heap::observe::collecting_garbage(&obj);
                clear(&obj, &none, &mut released);
                // Released in order, after every borrow of the object has ended.
                released.drain(..).for_each(drop);
            }
        }
        drop(obj);
        collect::after_clear(*w, generation);
    }
}

/// Objects CPython has in a garbage cycle that refpy keeps inside another object, counted
/// in `gc.collect()`'s result: for `staticmethod`/`classmethod` made by the decorators,
/// the `__dict__` holding `__wrapped__`.
fn hidden_objects(w: &Weak) -> usize {
    let Some(h) = w.header_if_same() else {
        return 0;
    };
    match &h.obj {
        Obj::StaticMethod(_) | Obj::ClassMethod(_) => usize::from(!h.has_flag(flag::PLAIN)),
        _ => 0,
    }
}
