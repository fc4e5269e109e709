//! The synchronisation primitives of the schedulers' protocol cores (the
//! run queues' sleeping, the process table's slots, the timer service):
//! std's, or loom's under `--cfg loom`, so that `loom-tests` model-checks
//! the very code the runtime runs. Statics and everything outside those
//! cores use std directly.

#[cfg(loom)]
pub use loom::sync::{atomic, Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
pub use std::sync::{atomic, Condvar, Mutex, MutexGuard};

/// Between a `SeqCst` write of one atomic and a `SeqCst` read of another,
/// where the protocol needs the read to see every write that came before
/// in the single `SeqCst` order (two threads each write one and read the
/// other: at least one sees the other's write). `SeqCst` accesses give
/// that by themselves, so this is nothing in the runtime; loom treats them
/// as acquire/release only, and a `SeqCst` fence, which it models, stands
/// in for the guarantee.
#[inline(always)]
pub fn seq_cst_write_then_read() {
    #[cfg(loom)]
    loom::sync::atomic::fence(atomic::Ordering::SeqCst);
}
