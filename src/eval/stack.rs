//! Native stack guard: deep Python recursion must raise RecursionError, never overflow
//! the Rust stack. The interpreter runs on a thread with a large stack; this checks how
//! much of it is used by comparing the address of a local with the one recorded at start.

use std::cell::Cell;

/// Bytes of stack the interpreter thread gets.
pub const STACK_SIZE: usize = 1 << 30;
/// Stop recursing when this little is left.
const RESERVE: usize = 16 << 20;

thread_local! {
    static BASE: Cell<usize> = const { Cell::new(0) };
}

fn here() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Records the current stack position as the base (call once at thread start).
pub fn mark_base() {
    BASE.with(|b| b.set(here()));
}

/// True when the stack is nearly used up.
pub fn near_stack_end() -> bool {
    let base = BASE.with(|b| b.get());
    if base == 0 {
        return false;
    }
    let used = base.saturating_sub(here());
    used > STACK_SIZE - RESERVE
}
