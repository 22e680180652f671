//! Ctrl-C while code runs: a signal handler (installed by the front-end) sets a flag, and
//! the evaluator checks it at every statement — one relaxed atomic load — raising
//! `KeyboardInterrupt` there, as CPython checks its pending-signal flag in the eval loop.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Asks the running code to stop with `KeyboardInterrupt` (async-signal-safe).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// True when an interrupt waits to be raised: the cheap check of the statement loop.
#[inline]
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Takes the waiting interrupt, if any.
pub fn take() -> bool {
    REQUESTED.swap(false, Ordering::Relaxed)
}

/// Forgets an interrupt that arrived while no code ran.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}
