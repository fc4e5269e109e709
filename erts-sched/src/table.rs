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
//! one run queue, and its process does not wait in a receive. Nobody
//! holds two shard locks at once (closures given to [`with`] must not
//! reach the table).
//!
//! The protocol is [`Table`], generic over what a slot holds (an
//! [`Occupant`]) so that `loom-tests` checks this very code with a model
//! process; the runtime's table is [`TABLE`].

use std::collections::HashMap;
use std::sync::LazyLock;

use erts_core::{HeapFragment, Term};

use crate::process::Process;
use crate::sync::{Mutex, MutexGuard};

/// What another process did to a process while it ran: done, in order,
/// once it is back in its slot.
pub enum Pending {
    /// A message, copied into its fragment.
    Message {
        message: Term,
        fragment: HeapFragment,
    },
    /// A message still on the heap of the sender, which runs on the
    /// acting thread: copied straight into the receiver's heap when the
    /// receiver is in its slot, or into a fragment ([`Pending::Message`])
    /// by [`Occupant::keep`] before it is left pending.
    MessageFrom { message: Term },
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

/// The slot of a process: `P` is the process (`Box<Process>`), `A` what
/// others do to it ([`Pending`]); generic for the loom models.
pub struct Slot<P = Box<Process>, A = Pending> {
    /// The process, while no scheduler runs it.
    pub process: Option<P>,
    /// Its id is in a run queue.
    pub queued: bool,
    /// What others did while it ran.
    pub pending: Vec<A>,
}

/// What a table holds: a process, to which acts are applied.
pub trait Occupant {
    /// What others do to it.
    type Act;
    /// Why an act killed it.
    type Exit;
    /// When a receive times out.
    type Deadline: Copy + PartialEq;
    /// Does `act` to it, which is in its slot (the caller holds the lock)
    /// or just out of it.
    fn apply(&mut self, act: Self::Act) -> Applied<Self::Exit>;
    /// `Some(deadline)` while it waits in a receive (`Some(None)`: with no
    /// timeout).
    fn waiting(&self) -> Option<Option<Self::Deadline>>;
    /// Ends its wait at the receive's timeout.
    fn time_out(&mut self);
    /// `act` made to outlive the actor's call, as it is left pending (an
    /// act applied at once may borrow the actor's data); `None` drops it.
    fn keep(act: Self::Act) -> Option<Self::Act> {
        Some(act)
    }
}

/// What applying an act did.
pub enum Applied<E> {
    Done,
    /// A message came to a process waiting in `receive`: it can run.
    Woken,
    /// An exit signal kills it, with this reason.
    Kill(E),
}

/// What acting on a process came to.
pub enum Acted<P, E> {
    /// Done, or left pending for when its scheduler puts it back.
    Done,
    /// There is no such process.
    Gone,
    /// The act killed it: it is out of its slot, for the caller to end.
    Killed(P, E),
}

/// What putting a process back came to.
pub enum PutBack<P, E, D> {
    /// It is queued again.
    Runnable,
    /// It waits in a receive, with this timeout's deadline.
    Waits(Option<D>),
    /// A pending act killed it: out of its slot, for the caller to end
    /// (the acts after the kill are left in the slot).
    Killed(P, E),
}

/// Hashes process ids, which are counted up from 1: a multiplication
/// spreads them over a map's buckets (SipHash, the default, showed up at
/// 5% of a message-passing benchmark).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = id.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Shard<P, A> = HashMap<u64, Slot<P, A>, std::hash::BuildHasherDefault<IdHasher>>;

/// The slots, in shards each behind its own lock.
pub struct Table<P, A> {
    shards: Vec<Mutex<Shard<P, A>>>,
}

impl<P, A> Table<P, A> {
    pub fn new(shards: usize) -> Table<P, A> {
        Table {
            shards: (0..shards).map(|_| Mutex::new(Shard::default())).collect(),
        }
    }

    fn shard(&self, id: u64) -> MutexGuard<'_, Shard<P, A>> {
        let shard = &self.shards[id as usize % self.shards.len()];
        // A panic elsewhere ends the program; the table stays usable for it.
        shard
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds a new process, marked queued (the caller queues its id).
    pub fn insert(&self, id: u64, process: P) {
        self.shard(id).insert(
            id,
            Slot {
                process: Some(process),
                queued: true,
                pending: Vec::new(),
            },
        );
    }

    /// Runs `f` on the slot of process `id` (`None`: no such process),
    /// under its shard's lock.
    pub fn with<T>(&self, id: u64, f: impl FnOnce(Option<&mut Slot<P, A>>) -> T) -> T {
        f(self.shard(id).get_mut(&id))
    }

    /// Removes the slot of process `id`.
    pub fn remove(&self, id: u64) -> Option<Slot<P, A>> {
        self.shard(id).remove(&id)
    }

    /// Whether process `id` is alive.
    pub fn contains(&self, id: u64) -> bool {
        self.shard(id).contains_key(&id)
    }

    /// The ids of every live process, in order.
    pub fn ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self
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
}

impl<P: Occupant<Act = A>, A> Table<P, A> {
    /// Does `act` to process `id`: now if it is in its slot, else when its
    /// scheduler puts it back. `queue` queues the id of a process the act
    /// made runnable (under the shard lock).
    pub fn act_on(&self, id: u64, act: A, queue: impl FnOnce(u64)) -> Acted<P, P::Exit> {
        self.with(id, |slot| {
            let Some(slot) = slot else {
                return Acted::Gone;
            };
            match slot.process.take() {
                None => slot.pending.extend(P::keep(act)),
                Some(mut process) => match process.apply(act) {
                    Applied::Kill(reason) => return Acted::Killed(process, reason),
                    applied => {
                        let wake = matches!(applied, Applied::Woken) && !slot.queued;
                        slot.process = Some(process);
                        if wake {
                            slot.queued = true;
                            queue(id);
                        }
                    }
                },
            }
            Acted::Done
        })
    }

    /// Takes process `id`, whose id was in a run queue, out of its slot to
    /// run it; `None` if it ended meanwhile.
    pub fn take_to_run(&self, id: u64) -> Option<P> {
        self.with(id, |slot| {
            let slot = slot?;
            slot.queued = false;
            slot.process.take()
        })
    }

    /// Puts process `id` back in its slot after a slice, doing what others
    /// left pending, in order, and queues it again (with `queue`) if it
    /// can go on: it `yielded`, or does not wait, or a message woke it.
    pub fn put_back(
        &self,
        id: u64,
        process: P,
        yielded: bool,
        queue: impl FnOnce(u64),
    ) -> PutBack<P, P::Exit, P::Deadline> {
        self.with(id, |slot| {
            let slot = slot.expect("a running process keeps its slot");
            let mut process = process;
            let mut woken = false;
            let mut pending = std::mem::take(&mut slot.pending).into_iter();
            while let Some(act) = pending.next() {
                match process.apply(act) {
                    Applied::Kill(reason) => {
                        // What is left is for its end to answer.
                        slot.pending = pending.collect();
                        return PutBack::Killed(process, reason);
                    }
                    Applied::Woken => woken = true,
                    Applied::Done => {}
                }
            }
            let waits = match process.waiting() {
                Some(deadline) if !yielded && !woken => Some(deadline),
                _ => None,
            };
            slot.process = Some(process);
            match waits {
                Some(deadline) => PutBack::Waits(deadline),
                None => {
                    slot.queued = true;
                    queue(id);
                    PutBack::Runnable
                }
            }
        })
    }

    /// Ends the receive of process `id` whose timeout is `deadline`, if it
    /// still waits in it (in its slot), and queues it. A process woken
    /// meanwhile, or waiting in a later receive, is left alone.
    pub fn time_out(&self, id: u64, deadline: P::Deadline, queue: impl FnOnce(u64)) {
        self.with(id, |slot| {
            let Some(slot) = slot else { return };
            let Some(process) = &mut slot.process else {
                return;
            };
            if process.waiting() != Some(Some(deadline)) {
                return;
            }
            process.time_out();
            if !slot.queued {
                slot.queued = true;
                queue(id);
            }
        });
    }
}

const SHARDS: usize = 64;

/// The runtime's process table.
pub static TABLE: LazyLock<Table<Box<Process>, Pending>> = LazyLock::new(|| Table::new(SHARDS));

/// Adds a new process, marked queued (the caller queues its id).
pub fn insert(id: u64, process: Box<Process>) {
    TABLE.insert(id, process);
}

/// Runs `f` on the slot of process `id` (`None`: no such process), under
/// its shard's lock.
pub fn with<T>(id: u64, f: impl FnOnce(Option<&mut Slot>) -> T) -> T {
    TABLE.with(id, f)
}

/// Removes the slot of process `id`.
pub fn remove(id: u64) -> Option<Slot> {
    TABLE.remove(id)
}

/// Whether process `id` is alive.
pub fn contains(id: u64) -> bool {
    TABLE.contains(id)
}

/// The ids of every live process, in order.
pub fn ids() -> Vec<u64> {
    TABLE.ids()
}
