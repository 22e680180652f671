//! The `weakref` and `copy` modules: the programs in `tests/weakref_copy/` must print
//! exactly their `.out` file (CPython 3.11's output; when `python3` is CPython 3.11 the
//! test also checks that it still prints that), and weak references must not leak.
//!
//! Regenerate an expectation after changing a program: `python3 NAME.py > NAME.out` in
//! `tests/weakref_copy/`.

mod common;

use refpy::compile::compile;
use refpy::eval::Interp;
use refpy::objects::Obj;

#[test]
fn programs_print_what_cpython_prints() {
    let dir = common::root().join("tests").join("weakref_copy");
    let programs = common::files_with(&dir, "py");
    assert!(!programs.is_empty(), "tests/weakref_copy holds programs");
    for file in programs {
        let name = file
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let expected = std::fs::read_to_string(file.with_extension("out")).expect("an .out file");
        let (stdout, stderr, status) = common::run_refpy(&file, &[]);
        assert_eq!(
            stdout, expected,
            "{name}: stdout differs\nstderr:\n{stderr}"
        );
        assert_eq!(status, 0, "{name}: exit status\nstderr:\n{stderr}");
        if let Some((cpython, _)) = common::run_cpython(&file) {
            assert_eq!(
                cpython, expected,
                "{name}: CPython 3.11 now prints something else"
            );
        }
    }
}

/// Runs a program in-process and returns the heap's live-object count after it, the
/// number of objects still in the weakref table, and the program's global `result`.
fn run_and_count(source: &str) -> (usize, usize, i64) {
    let source = source.to_string();
    refpy::cli::on_interpreter_thread(move || {
        let mut interp = Interp::new();
        let unit = compile(&mut interp, &source, "<leak test>").expect("the program compiles");
        if let Err(e) = interp.run_unit(&unit) {
            panic!("the program raised: {}", interp.format_exception(&e));
        }
        let main = interp.main_module();
        let globals = interp.module_dict(&main);
        let key = interp.intern("result");
        let result = match interp.dict_get_str(&globals, &key).as_deref() {
            Some(Obj::Int(i)) => *i,
            _ => -1,
        };
        (
            refpy::heap::live_objects(),
            refpy::modules::weakref::table_len(),
            result,
        )
    })
}

const CHURN: &str = r#"
import weakref

class Obj:
    pass

class Counter:
    def __init__(self):
        self.fired = 0
    def callback(self, ref):
        self.fired += 1

def churn(n):
    counter = Counter()
    keep = []
    for i in range(n):
        o = Obj()
        r = weakref.ref(o, counter.callback)
        plain = weakref.ref(o)
        p = weakref.proxy(o, counter.callback)
        if i % 7 == 0:
            keep.append((r, p))
        del o
    values = weakref.WeakValueDictionary()
    objs = [Obj() for i in range(100)]
    for i, x in enumerate(objs):
        values[i] = x
    objs = x = None
    return counter.fired + len(values) * 1000000 + len(keep) - len(keep)

result = churn({N})
"#;

#[test]
fn weakrefs_with_callbacks_do_not_leak() {
    let (small_live, small_table, small_result) = run_and_count(&CHURN.replace("{N}", "1000"));
    let (big_live, big_table, big_result) = run_and_count(&CHURN.replace("{N}", "100000"));
    // Two callbacks per object (the ref and the proxy), all fired; the dictionary emptied.
    assert_eq!(small_result, 2 * 1000);
    assert_eq!(big_result, 2 * 100_000);
    assert_eq!(small_table, 0, "no object is left in the weakref table");
    assert_eq!(big_table, 0, "no object is left in the weakref table");
    assert_eq!(
        small_live, big_live,
        "100k iterations leave no more objects than 1k"
    );
}

#[test]
fn deepcopy_of_a_deep_structure_raises_recursion_error() {
    let source = r#"
import copy
deep = []
for i in range(100000):
    deep = [deep]
try:
    copy.deepcopy(deep)
    result = 0
except RecursionError:
    result = 1
"#;
    let (_, _, result) = run_and_count(source);
    assert_eq!(result, 1);
}
