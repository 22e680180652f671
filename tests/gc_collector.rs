//! The cycle collector and the heap audit.
//!
//! - Small programs run under the heap audit (`REFPY_AUDIT=1`): after every top-level
//!   statement each object's stored count must equal the recount of its references, and
//!   nothing may be left alive at exit.
//! - Random object graphs with cycles (a deterministic xorshift generator, so a failing
//!   seed can be replayed): after `gc.collect()` no unreachable object may remain and no
//!   reachable one may have been freed; a young collection may not free anything
//!   reachable either.

use refpy::cli::on_interpreter_thread;
use refpy::eval::Interp;
use refpy::heap::{audit, Ref, Weak};
use refpy::objects::traverse::traverse_all;
use std::collections::HashSet;

fn assert_audit_clean(name: &str, source: &str) {
    let findings = audit::run_audited(source);
    assert!(
        findings.is_empty(),
        "{name}: the audit reported:\n{}",
        findings.join("\n")
    );
}

#[test]
fn audit_is_clean_for_containers_and_cycles() {
    assert_audit_clean(
        "containers",
        r#"
import gc
x = [1, 2, 3]
y = x
d = {"a": x, 5: (1, 2), (1, "k"): [x, y]}
s = {1, 2, "three"}
t = (x, d, s)
l = []
l.append(l)
del l
m = {}
m["self"] = m
del m
found = gc.collect()
z = [t, t, t]
del t
z.pop()
words = "a b c".split()
nested = [[i, [i]] for i in range(10)]
del nested[2:5]
"#,
    );
}

#[test]
fn audit_is_clean_for_instances_closures_and_finalizers() {
    assert_audit_clean(
        "instances",
        r#"
import gc
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
class Loud:
    def __del__(self):
        self.seen = True
class Lazarus:
    saved = []
    def __del__(self):
        Lazarus.saved.append(self)
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
v = Node("v")
v.__dict__["extra"] = [v]
del v
q = Loud()
q.me = q
del q
r = Lazarus()
r.me = r
del r
gc.collect()
Lazarus.saved.clear()
gc.collect()
def outer():
    def inner():
        return inner
    return inner
f = outer()
del f
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step
c = counter()
c()
c()
class L(list):
    pass
k = L([1, 2])
k.append(k)
del k
gc.collect()
"#,
    );
}

#[test]
fn a_class_with_slots_is_a_cycle_the_collector_frees() {
    // The class, its dict and each member descriptor refer to each other; the descriptor
    // is a gc object, so the dict is not untracked as if it held only atoms.
    assert_audit_clean(
        "slots",
        r#"
import gc
import weakref
class Slotted:
    __slots__ = ("a", "b", "__weakref__")
gc.collect()
assert gc.is_tracked(Slotted.a)
assert gc.get_referents(Slotted.a) == [Slotted]
probe = weakref.ref(Slotted)
del Slotted
assert gc.collect() > 0
assert probe() is None
"#,
    );
}

#[test]
fn audit_is_clean_for_exceptions_and_gc_module() {
    assert_audit_clean(
        "exceptions",
        r#"
import gc
def fail(x):
    local = [x]
    raise ValueError(x)
try:
    fail(3)
except ValueError as e:
    kept = e
kept.me = kept
del kept
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
g = []
g.append(g)
del g
gc.collect()
gc.set_debug(0)
saved = len(gc.garbage)
gc.garbage.clear()
gc.collect()
events = []
def cb(phase, info):
    events.append(phase)
gc.callbacks.append(cb)
gc.collect(0)
gc.callbacks.remove(cb)
refs = gc.get_referents([1, (2,)], {"a": []})
back = gc.get_referrers(events)
objs = gc.get_objects(0)
del objs, back, refs
gc.freeze()
gc.unfreeze()
"#,
    );
}

#[test]
fn audit_reports_a_leaked_reference() {
    let findings = on_interpreter_thread(|| {
        let interp = Interp::new();
        let list = interp.new_list(Vec::new());
        std::mem::forget(list.clone());
        audit::check(&interp, None, &[&list])
    });
    assert!(
        findings
            .iter()
            .any(|f| f.starts_with("list at") && f.ends_with("has count 2, 1 reference found")),
        "{findings:?}"
    );
}

/// xorshift64*: deterministic, good enough to draw graphs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Objects reachable from the roots through every counted reference.
fn reachable(roots: &[Ref]) -> HashSet<usize> {
    let mut seen: HashSet<usize> = roots.iter().map(Ref::addr).collect();
    let mut stack: Vec<Weak> = roots.iter().map(Ref::weak).collect();
    while let Some(w) = stack.pop() {
        let Some(h) = w.header_if_same() else {
            continue;
        };
        traverse_all(&h.obj, &mut |r: &Ref| {
            if seen.insert(r.addr()) {
                stack.push(r.weak());
            }
        });
    }
    seen
}

/// Builds a random graph of lists, dicts, instances (some with `__del__`) and tuples,
/// keeps a few roots, and checks what the collector frees.
fn random_graph(seed: u64) {
    on_interpreter_thread(move || {
        let mut interp = Interp::new();
        let setup = "class Plain:\n    pass\nclass Final:\n    def __del__(self):\n        pass\n";
        let unit =
            refpy::compile::compile(&mut interp, setup, "<graph>").expect("the setup compiles");
        interp.run_unit(&unit).expect("the setup runs");
        let main = interp.main_module();
        let globals = interp.module_dict(&main);
        let plain_key = interp.intern("Plain");
        let final_key = interp.intern("Final");
        let plain = interp
            .dict_get_str(&globals, &plain_key)
            .expect("Plain is defined");
        let finalizing = interp
            .dict_get_str(&globals, &final_key)
            .expect("Final is defined");

        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let n = 10 + rng.below(60);
        let mut objs: Vec<Ref> = Vec::new();
        for _ in 0..n {
            let obj = match rng.below(4) {
                0 => interp.new_list(Vec::new()),
                1 => interp.new_dict(),
                2 => interp
                    .new_instance(&plain, &[])
                    .expect("instances can be made"),
                _ => interp
                    .new_instance(&finalizing, &[])
                    .expect("instances can be made"),
            };
            objs.push(obj);
        }
        let link = |interp: &mut Interp, objs: &[Ref], rng: &mut Rng, k: usize| {
            let from = objs[rng.below(objs.len())].clone();
            let to = objs[rng.below(objs.len())].clone();
            match &*from {
                refpy::objects::Obj::List(items) => items.borrow_mut().push(to),
                refpy::objects::Obj::Dict(_) => {
                    let key = interp.new_string(format!("key{k}"));
                    interp.dict_set(&from, key, to).expect("dict_set works");
                }
                refpy::objects::Obj::Instance(_) => {
                    let name = interp.intern(&format!("attr{}", k % 7));
                    interp.setattr(&from, &name, to).expect("setattr works");
                }
                _ => {}
            }
        };
        for k in 0..n * 2 {
            link(&mut interp, &objs, &mut rng, k);
        }
        // Tuples of earlier objects, then more links, some into the tuples.
        for _ in 0..rng.below(8) {
            let items = (0..1 + rng.below(3))
                .map(|_| objs[rng.below(objs.len())].clone())
                .collect();
            let t = interp.new_tuple(items);
            objs.push(t);
        }
        for k in 0..n {
            link(&mut interp, &objs, &mut rng, 1000 + k);
        }

        let roots: Vec<Ref> = objs.iter().filter(|_| rng.below(5) == 0).cloned().collect();
        let all: Vec<Weak> = objs.iter().map(Ref::weak).collect();
        drop(objs);
        let _ = interp.safe_point();

        // A young collection: nothing reachable may go.
        let live = reachable(&roots);
        refpy::modules::gc::collect_now(&mut interp, 0);
        for w in &all {
            if live.contains(&(w.addr())) {
                assert!(
                    w.header_if_same().is_some(),
                    "seed {seed}: a reachable object was freed by collect(0)"
                );
            }
        }
        // A full collection: exactly the unreachable objects go.
        refpy::modules::gc::collect_now(&mut interp, 2);
        let _ = interp.safe_point();
        let live = reachable(&roots);
        for w in &all {
            let alive = w.header_if_same().is_some();
            let wanted = live.contains(&w.addr());
            assert_eq!(
                alive, wanted,
                "seed {seed}: alive {alive}, reachable {wanted}"
            );
        }
        let mut held: Vec<&Ref> = vec![&main, &globals, &plain, &finalizing];
        held.extend(roots.iter());
        let findings = audit::check(&interp, None, &held);
        assert!(
            findings.is_empty(),
            "seed {seed}: the audit reported {findings:?}"
        );
        drop(roots);
        // Objects freed by their count wait for `__del__` until the next safe point.
        let _ = interp.safe_point();
        refpy::modules::gc::collect_now(&mut interp, 2);
        for w in &all {
            assert!(
                w.header_if_same().is_none(),
                "seed {seed}: an object outlived its roots"
            );
        }
    });
}

#[test]
fn collector_frees_exactly_the_unreachable_objects() {
    for seed in 1..=60 {
        random_graph(seed);
    }
}
