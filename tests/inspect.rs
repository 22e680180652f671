//! Behaviour tests for the heap views (`refpy::inspect`): programs are run in an
//! interpreter as the REPL runs them (compile, run, drop the unit), then the views are
//! asked about the names they bound. The texts are snapshotted in `snapshots/inspect/`
//! with ids redacted; the reference attributions are also checked against what
//! `sys.getrefcount` prints in the same interpreter.

mod common;

use refpy::compile::compile;
use refpy::eval::Interp;
use refpy::inspect;

/// Runs `source` in a fresh interpreter (on a thread with the interpreter's stack), then
/// `f` on it.
fn with_program<T: Send + 'static>(
    source: &'static str,
    f: impl FnOnce(&mut Interp) -> T + Send + 'static,
) -> T {
    refpy::cli::on_interpreter_thread(move || {
        let mut interp = Interp::new();
        interp.capture_output();
        run(&mut interp, source);
        let out = f(&mut interp);
        interp.shutdown();
        out
    })
}

/// Runs one unit as a REPL statement is run: the unit is dropped afterwards.
fn run(interp: &mut Interp, source: &str) -> String {
    let unit = compile(interp, source, "<inspect>").expect("the program compiles");
    if let Err(e) = interp.run_unit(&unit) {
        let report = interp.format_exception(&e);
        panic!("the program raised:\n{report}");
    }
    drop(unit);
    interp.take_output()
}

/// What `sys.getrefcount(name)` prints, run as a statement of its own.
fn getrefcount(interp: &mut Interp, name: &str) -> usize {
    let out = run(
        interp,
        &format!("import sys as _s\nprint(_s.getrefcount({name}))\ndel _s\n"),
    );
    out.trim().parse().expect("a number")
}

/// Replaces every `0x…` hex number (ids) with `0x…`.
fn redact(text: &str) -> String {
    common::redact_ids(text)
}

macro_rules! snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots/inspect", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

const SHARED_LIST: &str = "a = [1, 2, 3]\nb = a\n";

#[test]
fn two_names_on_one_list_draw_one_box_with_refcount_2() {
    let text = with_program(SHARED_LIST, |i| inspect::draw_heap(i, None)).expect("draws");
    assert_eq!(text.matches("┌─").count(), 1, "{text}");
    assert!(text.contains("#1 list · refcount 2"), "{text}");
    assert!(text.contains("a ──┬─▶"), "{text}");
    assert!(text.contains("b ──┘"), "{text}");
    snapshot!("shared_list", text);
}

const CYCLE: &str = "\
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
l = [1]
l.append(l)
";

#[test]
fn a_cycle_draws_without_looping() {
    let text = with_program(CYCLE, |i| inspect::draw_heap(i, None)).expect("draws");
    assert!(text.contains("(itself)"), "{text}");
    snapshot!("cycle", text);
}

const NESTED: &str = "\
inner = [1, 2]
data = {'xs': inner, 'ys': [inner, 'text'], 'n': 10**20, 't': (inner, None)}
s = {1, 2}
";

#[test]
fn nested_containers_draw_each_object_once() {
    let text = with_program(NESTED, |i| inspect::draw_heap(i, Some("data"))).expect("draws");
    assert_eq!(text.matches("list · refcount").count(), 2, "{text}");
    assert!(
        text.contains("#2 list · refcount 4 · also named inner"),
        "{text}"
    );
    snapshot!("nested", text);
}

#[test]
fn an_unknown_name_is_a_name_error() {
    let (heap, refs, dot) = with_program(SHARED_LIST, |i| {
        (
            inspect::draw_heap(i, Some("nope")),
            inspect::explain_refs(i, "nope"),
            inspect::heap_dot(i, Some("nope")),
        )
    });
    let expected = Err("name 'nope' is not defined".to_string());
    assert_eq!(heap, expected);
    assert_eq!(refs, expected);
    assert_eq!(dot, expected);
}

#[test]
fn large_graphs_are_bounded() {
    let text = with_program("l = [[i * 1000] for i in range(100)]\n", |i| {
        inspect::draw_heap(i, None)
    })
    .expect("draws");
    assert!(text.matches("┌─").count() <= 40, "{text}");
    assert!(text.contains("more objects (not drawn)"), "{text}");
}

/// Checks that a DOT text is structurally sound: balanced braces outside strings, every
/// edge endpoint declared as a node.
fn check_dot(dot: &str) {
    assert!(dot.starts_with("digraph heap {"), "{dot}");
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    for c in dot.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                assert!(depth >= 0, "unbalanced braces:\n{dot}");
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced braces:\n{dot}");
    assert!(!in_string, "an unterminated string:\n{dot}");
    let mut declared = std::collections::HashSet::new();
    let mut edges = Vec::new();
    for line in dot.lines().map(str::trim) {
        let head = line.split([' ', '[', ';']).next().unwrap_or("");
        if let Some((from, rest)) = line.split_once(" -> ") {
            let to = rest.split([' ', '[', ';']).next().unwrap_or("");
            edges.push((from.to_string(), to.to_string()));
        } else if line.contains('[') && !matches!(head, "node" | "edge" | "graph") {
            declared.insert(head.to_string());
        }
    }
    assert!(!edges.is_empty(), "{dot}");
    for (from, to) in edges {
        assert!(declared.contains(&from), "{from} is not declared:\n{dot}");
        assert!(declared.contains(&to), "{to} is not declared:\n{dot}");
    }
}

#[test]
fn dot_output_is_structurally_sound() {
    let (all, one) = with_program(NESTED, |i| {
        (
            inspect::heap_dot(i, None),
            inspect::heap_dot(i, Some("data")),
        )
    });
    let all = all.expect("dot");
    check_dot(&all);
    check_dot(&one.expect("dot"));
    let cyc = with_program(CYCLE, |i| inspect::heap_dot(i, None)).expect("dot");
    check_dot(&cyc);
    snapshot!("nested_dot", all);
}

/// Programs and the names whose references must be attributed in full.
const ATTRIBUTION_CASES: &[(&str, &str, &[&str])] = &[
    (
        "list_in_dict_and_list",
        "x = [1, 2, 3]\nd = {'k': x}\nc = [x]\n",
        &["x", "d", "c"],
    ),
    (
        "instance_attribute",
        "class C:\n    pass\nv = [1]\nobj = C()\nobj.items = v\n",
        &["v", "obj", "C"],
    ),
    (
        "slot_attribute",
        "class P:\n    __slots__ = ('x',)\nv = 'a longer string'\np = P()\np.x = v\n",
        &["v", "p"],
    ),
    (
        "closure_cell",
        "def outer():\n    n = [1]\n    def inner():\n        return n\n    return inner\nf = outer()\nv = f.__closure__[0].cell_contents\n",
        &["v", "f"],
    ),
    (
        "default_argument",
        "d = []\ndef g(a, b=d, *, k=d):\n    return b\n",
        &["d", "g"],
    ),
    (
        "big_int_constant_used_twice",
        "def f():\n    return 123456789012345678901234567890\nx = 123456789012345678901234567890\ny = x\n",
        &["x", "f"],
    ),
    (
        "string_constant",
        "def f():\n    return 'hello, world'\ns = 'hello, world'\n",
        &["s"],
    ),
    (
        "suspended_generator_local",
        "def gen(v):\n    w = v\n    yield 1\n    yield w\ndata = [1, 2]\ng = gen(data)\nnext(g)\n",
        &["data", "g"],
    ),
    (
        "generator_loop_iterator",
        "def gen(v):\n    for x in v:\n        yield x\ndata = [1, 2]\ng = gen(data)\nnext(g)\n",
        &["data"],
    ),
    (
        "nested_and_unnamed_holders",
        "x = [0]\nouter = [[x], (x,), {x[0]: x}, {'k': x}]\n",
        &["x", "outer"],
    ),
    (
        "dict_key_tuple",
        "k = (1, 'a b')\nd = {k: 1}\n",
        &["k"],
    ),
    (
        "class_attribute_and_method",
        "v = [1]\nclass K:\n    shared = v\n    def m(self):\n        return self\nk = K()\nbm = k.m\n",
        &["v", "K", "k"],
    ),
];

#[test]
fn attributed_references_sum_to_the_refcount() {
    for &(case, source, names) in ATTRIBUTION_CASES {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let (results, texts) = with_program(source, move |i| {
            let mut results = Vec::new();
            let mut texts = String::new();
            for n in &names {
                let shown = getrefcount(i, n);
                let (found, count) = inspect::refs::attributed(i, n).expect("a bound name");
                results.push((n.clone(), shown, found, count));
                texts.push_str(&inspect::explain_refs(i, n).expect("explains"));
            }
            (results, texts)
        });
        for (n, shown, found, count) in results {
            assert_eq!(count + 1, shown, "{case}: {n}: count against getrefcount");
            assert_eq!(
                found, count,
                "{case}: {n}: attributed against count\n{texts}"
            );
        }
        snapshot!(format!("refs_{case}"), redact(&texts));
    }
}

#[test]
fn immortal_objects_are_marked_and_the_rest_is_reported() {
    let text = with_program("n = 5\nnone = None\n", |i| {
        inspect::explain_refs(i, "n").expect("explains")
    });
    assert!(text.contains("immortal"), "{text}");
    assert!(text.contains("small int cache"), "{text}");
}

#[test]
fn the_views_leave_every_count_unchanged() {
    with_program(CYCLE, |i| {
        run(i, "x = [1, 2]\nd = {'x': x}\n");
        let names = ["a", "b", "l", "x", "d", "Node"];
        let before: Vec<usize> = names.iter().map(|n| getrefcount(i, n)).collect();
        let live = refpy::heap::live_objects();
        for n in names {
            inspect::draw_heap(i, Some(n)).expect("draws");
            inspect::heap_dot(i, Some(n)).expect("dot");
            inspect::explain_refs(i, n).expect("explains");
        }
        inspect::draw_heap(i, None).expect("draws");
        inspect::heap_dot(i, None).expect("dot");
        inspect::gc_status(i);
        let after: Vec<usize> = names.iter().map(|n| getrefcount(i, n)).collect();
        assert_eq!(before, after);
        assert_eq!(live, refpy::heap::live_objects());
    });
}

#[test]
fn gc_status_shows_counts_and_recent_collections() {
    let text = with_program(
        "import gc\ngc.collect()\nclass A:\n    pass\na = A()\na.me = a\ndel a\ngc.collect(0)\n",
        inspect::gc_status,
    );
    assert!(text.contains("gc: enabled"), "{text}");
    assert!(text.contains("threshold"), "{text}");
    assert!(
        text.contains("#1 generation 2 · gc.collect() · 0 collected"),
        "{text}"
    );
    // The instance alone: its attribute values live inside it, as in CPython 3.11.
    assert!(
        text.contains("#2 generation 0 · gc.collect() · 1 collected"),
        "{text}"
    );
    assert!(
        text.contains("permanent generation (gc.freeze()): 0 objects"),
        "{text}"
    );
}

#[test]
fn many_references_are_summed_up() {
    let text = with_program("x = [1]\nl = [x] * 5000\n", |i| {
        inspect::explain_refs(i, "x").expect("explains")
    });
    assert!(text.contains("· 5001 references"), "{text}");
    assert!(text.contains("more references"), "{text}");
    assert!(!text.contains("other reference"), "{text}");
}
