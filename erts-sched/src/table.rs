//! The process table: the slot of every live process, shared by all
//! scheduler threads, in shards each behind its own lock.
//!
//! A slot holds its process while no scheduler runs it; a scheduler takes
//! the process out for a slice and puts it back after. Others act on a
//! process through its slot, under the shard lock: directly while the
//! process is in the slot, or by leaving a [`Pending`] signal while it
//! runs, which its scheduler does when it puts the process back, before
//! anyone else can act on it. Signals from one process to another are
//! therefore done in the order they were sent.
//!
//! Invariants: a process is in at most one place: its slot, or the one
//! scheduler running it. A slot with `queued` set has its id in exactly
//! one run queue. Nobody holds two shard locks at once (closures given to
//! [`with`] must not reach the table).

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use erts_core::{HeapFragment, Term};

use crate::process::Process;

/// What another process did to a process while it ran: done, in order,
/// once it is back in its slot.
pub enum Pending {
    /// A message, copied into its fragment.
    Message {
        message: Term,
        fragment: HeapFragment,
    },
    /// An exit signal from `from`, the reason in the fragment.
    Exit {
        from: Term,
        reason: Term,
        fragment: HeapFragment,
    },
    /// A link from process `other`.
    Link { other: u64 },
    /// Forget the link to process `other`.
    Unlink { other: u64 },
    /// `watcher` monitors it with monitor `number`.
    Monitor { number: u64, watcher: u64 },
    /// Forget the monitor `number` on it.
    Unwatch { number: u64 },
    /// Forget the monitor `number` it held.
    ForgetMonitor { number: u64 },
    /// `group_leader/2` from another process.
    GroupLeader { leader: Term },
}

// SAFETY: the terms live in the fragments owned alongside them, or are
// immediates (pids).
unsafe impl Send for Pending {}

pub struct Slot {
    /// The process, while no scheduler runs it.
    pub process: Option<Box<Process>>,
    /// Its id is in a run queue.
    pub queued: bool,
    /// What others did while it ran.
    pub pending: Vec<Pending>,
}

const SHARDS: usize = 64;

struct Table {
    shards: Vec<Mutex<HashMap<u64, Slot>>>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| Table {
    shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
});

fn shard(id: u64) -> std::sync::MutexGuard<'static, HashMap<u64, Slot>> {
    let shard = &TABLE.shards[id as usize % SHARDS];
    // A panic elsewhere ends the program; the table stays usable for it.
    shard
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Adds a new process, marked queued (the caller queues its id).
pub fn insert(id: u64, process: Box<Process>) {
    shard(id).insert(
        id,
        Slot {
            process: Some(process),
            queued: true,
            pending: Vec::new(),
        },
    );
}

/// Runs `f` on the slot of process `id` (`None`: no such process), under
/// its shard's lock.
pub fn with<T>(id: u64, f: impl FnOnce(Option<&mut Slot>) -> T) -> T {
    f(shard(id).get_mut(&id))
}

/// Removes the slot of process `id`.
pub fn remove(id: u64) -> Option<Slot> {
    shard(id).remove(&id)
}

/// Whether process `id` is alive.
pub fn contains(id: u64) -> bool {
    shard(id).contains_key(&id)
}

/// The ids of every live process, in order.
pub fn ids() -> Vec<u64> {
    let mut ids: Vec<u64> = TABLE
        .shards
        .iter()
        .flat_map(|shard| {
            let shard = shard.lock().unwrap_or_else(|p| p.into_inner());
            shard.keys().copied().collect::<Vec<_>>()
        })
        .collect();
    ids.sort_unstable();
    ids
}
