//! Processes and the runtime functions compiled code calls.
//!
//! Processes on one scheduler thread per core (the process table, run
//! queues, timers, names), the explicit stack, the trampoline that runs and
//! resumes compiled functions, the runtime half of `erts_core::abi`,
//! exceptions and their handlers, funs and `apply`, ETS, and the BIFs.

pub(crate) mod bif;
mod bif_apply;
mod birth;
mod bits;
mod bits_build;
mod catching;
mod crash_report;
mod display;
pub mod entry;
mod ets;
mod exception;
mod funs;
mod half_float;
mod links;
mod long_work;
mod mailbox;
mod maps;
mod monitors;
mod names;
mod priorities;
mod process;
mod re;
mod refs;
mod registers;
mod run_queue;
mod runtime_abi;
mod runtime_functions;
mod scheduler;
mod stack;
mod sync;
mod table;
mod timers;
mod trampoline;

pub use entry::{run_program, AtomEntry};
pub use process::{ErlangFn, FnResult, Process};

/// The schedulers' protocol cores on loom's primitives, for the models in
/// `loom-tests` (built with `--cfg loom` only).
#[cfg(loom)]
pub mod protocols {
    pub use crate::run_queue::{Queues, RunQueues, Woken};
    pub use crate::table::{Acted, Applied, Occupant, PutBack, Slot, Table};
    pub use crate::timers::{Locked, Service, TimerService, Timers};
}
