//! Interpreters free everything they made: creating, running, shutting down and dropping
//! several interpreters in one thread (as the prompt's `:reset` and the lesson runner's
//! `--isolated` do) leaves the heap's live-object count where it started.

use refpy::cli::on_interpreter_thread;
use refpy::eval::Interp;
use refpy::heap::{live_objects, raw};

const PROGRAM: &str = r#"
import gc, sys, weakref
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
    def __del__(self):
        pass
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
r = weakref.ref(a)
def fails():
    raise ValueError("kept")
try:
    fails()
except ValueError as e:
    kept = e
    tb = e.__traceback__
d = {i: str(i) * 3 for i in range(50)}
g = (x * 2 for x in range(10))
next(g)
gc.callbacks.append(lambda phase, info: None)
print(sys.getrefcount(a) > 0, len(d))
"#;

/// The kinds of the objects alive, to explain a failure.
fn survivors() -> Vec<String> {
    let mut kinds: Vec<String> = raw::all_live()
        .into_iter()
        .filter_map(|w| {
            let h = w.header_if_same()?;
            Some(format!("{:?}", refpy::objects::kinds::kind_of(&h.obj)))
        })
        .collect();
    kinds.sort();
    kinds.dedup_by(|a, b| a == b);
    kinds
}

#[test]
fn interpreters_leave_no_objects_behind() {
    let outcome = on_interpreter_thread(|| {
        let before = live_objects();
        for round in 0..4 {
            let mut interp = Interp::new();
            interp.capture_output();
            let unit = refpy::compile::compile(&mut interp, PROGRAM, "<teardown>")
                .unwrap_or_else(|_| panic!("round {round}: the program compiles"));
            if round % 2 == 0 {
                let status = interp.run_program(&unit);
                assert_eq!(status, 0, "round {round}: the program runs");
            } else {
                // Dropped without an explicit shutdown: dropping runs it.
                assert!(
                    interp.run_unit(&unit).is_ok(),
                    "round {round}: the program runs"
                );
            }
            drop(unit);
            drop(interp);
            let after = live_objects();
            if after != before {
                return Err(format!(
                    "round {round}: {} objects alive after teardown, {before} before: {:?}",
                    after,
                    survivors()
                ));
            }
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}
