//! Ctrl-C while code runs: a SIGINT handler that only sets the evaluator's interrupt flag
//! (an atomic store, async-signal-safe); the evaluator raises `KeyboardInterrupt` at its
//! next statement. At the prompt rustyline reads Ctrl-C as a key instead.

#[cfg(unix)]
extern "C" fn on_sigint(_signal: libc::c_int) {
    crate::eval::interrupt::request();
}

/// Installs the handler for the rest of the process.
pub fn install() {
    #[cfg(unix)]
    // SAFETY: the handler only performs an atomic store, which is async-signal-safe.
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
    }
}
