//! Process priorities: `low`, `normal`, `high` and `max`, as on BEAM.
//!
//! A runnable `max` process runs before any `high` one, a `high` one
//! before any `normal` or `low` one; `normal` and `low` share the
//! schedulers, a `low` process getting a turn after every
//! [`LOW_TURN`] `normal` ones (see `run_queue`).
//!
//! The priority decides which queue a process id goes to, and ids are
//! queued from many places that hold only the id; so the priorities
//! other than `normal` are kept here, by process id, and a run of
//! processes that are all `normal` never takes the lock.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex};

use erts_core::Atom;

/// A process's priority, in increasing urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Max,
}

/// `normal` processes run between two turns of `low` ones.
pub const LOW_TURN: u32 = 8;

impl Priority {
    /// The priority an atom names.
    pub fn from_atom(atom: Atom) -> Option<Priority> {
        match atom.name() {
            "low" => Some(Priority::Low),
            "normal" => Some(Priority::Normal),
            "high" => Some(Priority::High),
            "max" => Some(Priority::Max),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Max => "max",
        }
    }
}

/// The processes that are not `normal`.
static OTHERS: LazyLock<Mutex<HashMap<u64, Priority>>> = LazyLock::new(Mutex::default);
/// Entries in `OTHERS`: zero in most programs, which then skip the lock.
static OTHERS_COUNT: AtomicUsize = AtomicUsize::new(0);

fn others() -> std::sync::MutexGuard<'static, HashMap<u64, Priority>> {
    OTHERS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Process `id`'s priority.
///
/// A process's priority is set by the process itself, or by its parent
/// before it is first queued, and both happen before any queueing of the
/// id that must see it; so a relaxed look at the count suffices.
pub fn of(id: u64) -> Priority {
    if OTHERS_COUNT.load(Ordering::Relaxed) == 0 {
        return Priority::Normal;
    }
    others().get(&id).copied().unwrap_or_default()
}

/// Sets process `id`'s priority; returns the old one.
pub fn set(id: u64, priority: Priority) -> Priority {
    let mut others = others();
    let old = if priority == Priority::Normal {
        others.remove(&id)
    } else {
        others.insert(id, priority)
    };
    OTHERS_COUNT.store(others.len(), Ordering::Relaxed);
    old.unwrap_or_default()
}

/// Process `id` ended.
pub fn forget(id: u64) {
    if OTHERS_COUNT.load(Ordering::Relaxed) != 0 {
        set(id, Priority::Normal);
    }
}
