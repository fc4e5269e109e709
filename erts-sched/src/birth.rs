//! What a spawn BIF asks of the new process from its first moment: its
//! priority, a link to the parent, the parent's monitor on it.
//!
//! They must hold before the process is first queued: another scheduler
//! may run it at once, and a process that ended before its parent linked
//! to it or monitored it would give `noproc`, where BEAM's spawn is one
//! atomic step. The spawn BIFs reach [`crate::scheduler::Scheduler::spawn`]
//! through the code that looks up the function to run, so the wishes
//! travel beside it, in a thread-local set around the spawn
//! ([`spawning_with`]).

use std::cell::Cell;

use crate::priorities::Priority;

/// The child's side of what a spawn asks for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Birth {
    pub priority: Priority,
    /// The parent's id, when the child starts linked to it.
    pub linked_to: Option<u64>,
    /// `(monitor number, the parent's id)` when the parent monitors it.
    pub monitored_by: Option<(u64, u64)>,
}

thread_local! {
    static NEXT: Cell<Birth> = const {
        Cell::new(Birth {
            priority: Priority::Normal,
            linked_to: None,
            monitored_by: None,
        })
    };
}

/// Runs `spawn` so that the process it starts is born with `birth`.
pub fn spawning_with<T>(birth: Birth, spawn: impl FnOnce() -> T) -> T {
    let outer = NEXT.replace(birth);
    let result = spawn();
    NEXT.set(outer);
    result
}

/// What the process being spawned now is born with.
pub fn current() -> Birth {
    NEXT.get()
}
