//! Run queues: each scheduler thread owns a FIFO of process ids
//! (crossbeam-deque) that idle schedulers steal from; ids pushed outside a
//! scheduler thread go to a shared injector, and so do the ids of
//! processes whose priority is not `normal`, one injector per priority. A scheduler with nothing to
//! do sleeps on a condition variable until work arrives or its next
//! deadline passes: no spinning.
//!
//! No lost wake-ups ([`RunQueues`], generic over the queues so that
//! `loom-tests` checks this very code): a pusher counts the id in `queued`
//! before it looks at `sleeping`, and wakes a sleeper under `sleep_lock`;
//! a sleeper counts itself in `sleeping` and looks at `queued` under that
//! same lock before it waits. The end of the program is recorded under
//! the lock too, so no scheduler goes to sleep after it.

use std::cell::Cell;
use std::sync::OnceLock;
use std::time::Instant;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

use crate::priorities::{Priority, LOW_TURN};
use crate::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use crate::sync::{Condvar, Mutex};

/// Where queued ids wait, with one local end per scheduler.
pub trait Queues {
    /// A scheduler's own end.
    type Local;
    /// Queues `id` on `local`, or where every scheduler finds it.
    fn push(&self, local: Option<&Self::Local>, id: u64);
    /// The next id for the scheduler owning `local`, from anywhere.
    fn pop(&self, local: &Self::Local) -> Option<u64>;
    /// Whether a push to `local` leaves work for another scheduler: more
    /// than the one id the pushing scheduler runs next.
    fn surplus(&self, _local: &Self::Local) -> bool {
        true
    }
}

/// The queues, and the counts that let idle schedulers sleep.
pub struct RunQueues<Q> {
    queues: Q,
    schedulers: usize,
    /// Ids in all queues.
    queued: AtomicUsize,
    /// Schedulers asleep.
    sleeping: AtomicUsize,
    /// Sleepers wait under it; true once the program ends.
    sleep_lock: Mutex<bool>,
    wake: Condvar,
}

/// How a sleep ended.
pub enum Woken {
    /// Work may be queued, the deadline passed, or the program ends.
    Maybe,
    /// Every scheduler sleeps with nothing queued and no deadline: no
    /// process can ever run again.
    Deadlock,
}

impl<Q: Queues> RunQueues<Q> {
    pub fn new(queues: Q, schedulers: usize) -> RunQueues<Q> {
        RunQueues {
            queues,
            schedulers,
            queued: AtomicUsize::new(0),
            sleeping: AtomicUsize::new(0),
            sleep_lock: Mutex::new(false),
            wake: Condvar::new(),
        }
    }

    /// Queues `id` and wakes a sleeper if there is one, unless the id is
    /// the only one on the pushing scheduler's own queue: that scheduler,
    /// awake, runs it after its slice (as on BEAM, where a spawned process
    /// usually runs after its parent's slice).
    pub fn push(&self, local: Option<&Q::Local>, id: u64) {
        self.queues.push(local, id);
        self.queued.fetch_add(1, SeqCst);
        crate::sync::seq_cst_write_then_read();
        let surplus = local.is_none_or(|local| self.queues.surplus(local));
        if surplus && self.sleeping.load(SeqCst) > 0 {
            let _guard = self.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
            self.wake.notify_one();
        }
    }

    /// The next id for the scheduler owning `local`.
    pub fn pop(&self, local: &Q::Local) -> Option<u64> {
        let found = self.queues.pop(local);
        if found.is_some() {
            self.queued.fetch_sub(1, SeqCst);
        }
        found
    }

    /// Sleeps until work is queued, `deadline` passes or the program
    /// ends. `timers_pending` says whether a timer or a receive deadline
    /// may still make work.
    pub fn sleep(&self, deadline: Option<Instant>, timers_pending: impl FnOnce() -> bool) -> Woken {
        let guard = self.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
        if *guard {
            return Woken::Maybe;
        }
        let asleep = self.sleeping.fetch_add(1, SeqCst) + 1;
        crate::sync::seq_cst_write_then_read();
        if self.queued.load(SeqCst) > 0 {
            self.sleeping.fetch_sub(1, SeqCst);
            return Woken::Maybe;
        }
        // A poisoned lock means a panic, which ends the program anyway.
        let _ = match deadline {
            None if asleep == self.schedulers && !timers_pending() => {
                // The last one awake: wake the others so they end too.
                self.wake.notify_all();
                self.sleeping.fetch_sub(1, SeqCst);
                return Woken::Deadlock;
            }
            None => self.wake.wait(guard).ok().map(drop),
            Some(deadline) => {
                let timeout = deadline.saturating_duration_since(Instant::now());
                self.wake.wait_timeout(guard, timeout).ok().map(drop)
            }
        };
        self.sleeping.fetch_sub(1, SeqCst);
        Woken::Maybe
    }

    /// Wakes every sleeping scheduler for good (the program is ending).
    pub fn wake_all(&self) {
        let mut ending = self.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
        *ending = true;
        self.wake.notify_all();
    }
}

/// The runtime's queues: crossbeam deques with stealing for `normal`
/// processes, and a shared injector for each other priority (few
/// processes have one; any scheduler takes them).
struct Deques {
    injector: Injector<u64>,
    stealers: Vec<Stealer<u64>>,
    max: Injector<u64>,
    high: Injector<u64>,
    low: Injector<u64>,
}

/// A scheduler's own end of the queues.
pub struct LocalQueue {
    worker: Worker<u64>,
    /// `normal` processes taken since a `low` one had its turn.
    normal_streak: Cell<u32>,
}

impl Queues for Deques {
    type Local = LocalQueue;

    fn push(&self, local: Option<&LocalQueue>, id: u64) {
        match (crate::priorities::of(id), local) {
            (Priority::Max, _) => self.max.push(id),
            (Priority::High, _) => self.high.push(id),
            (Priority::Low, _) => self.low.push(id),
            (Priority::Normal, Some(local)) => local.worker.push(id),
            (Priority::Normal, None) => self.injector.push(id),
        }
    }

    fn surplus(&self, local: &LocalQueue) -> bool {
        local.worker.len() > 1
            || !self.max.is_empty()
            || !self.high.is_empty()
            || !self.low.is_empty()
    }

    /// The most urgent id: `max`, then `high`, then `normal` (a `low` one
    /// every [`LOW_TURN`] `normal` ones, or when there is no `normal` one).
    fn pop(&self, local: &LocalQueue) -> Option<u64> {
        if let Some(id) = take(&self.max).or_else(|| take(&self.high)) {
            return Some(id);
        }
        let streak = local.normal_streak.get();
        if streak >= LOW_TURN {
            local.normal_streak.set(0);
            if let Some(id) = take(&self.low) {
                return Some(id);
            }
        }
        match self.pop_normal(&local.worker) {
            Some(id) => {
                local.normal_streak.set(streak.saturating_add(1));
                Some(id)
            }
            None => take(&self.low),
        }
    }
}

impl Deques {
    /// A `normal` id: its own, the injector's, or one stolen from another
    /// scheduler.
    fn pop_normal(&self, local: &Worker<u64>) -> Option<u64> {
        local.pop().or_else(|| loop {
            let mut retry = false;
            match self.injector.steal_batch_and_pop(local) {
                Steal::Success(id) => break Some(id),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
            for stealer in &self.stealers {
                match stealer.steal() {
                    Steal::Success(id) => return Some(id),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
            if !retry {
                break None;
            }
        })
    }
}

/// One id from a shared injector (cheap when it is empty).
fn take(injector: &Injector<u64>) -> Option<u64> {
    if injector.is_empty() {
        return None;
    }
    loop {
        match injector.steal() {
            Steal::Success(id) => return Some(id),
            Steal::Retry => continue,
            Steal::Empty => return None,
        }
    }
}

static SHARED: OnceLock<RunQueues<Deques>> = OnceLock::new();

fn shared() -> &'static RunQueues<Deques> {
    SHARED
        .get()
        .expect("the run queues are set up before any process runs")
}

/// Sets up the queues of `count` schedulers; their local ends, one per
/// scheduler thread.
pub fn setup(count: usize) -> Vec<LocalQueue> {
    let workers: Vec<Worker<u64>> = (0..count).map(|_| Worker::new_fifo()).collect();
    let stealers = workers.iter().map(Worker::stealer).collect();
    let deques = Deques {
        injector: Injector::new(),
        stealers,
        max: Injector::new(),
        high: Injector::new(),
        low: Injector::new(),
    };
    if SHARED.set(RunQueues::new(deques, count)).is_err() {
        crate::entry::fatal("the schedulers started twice");
    }
    let locals = workers.into_iter().map(|worker| LocalQueue {
        worker,
        normal_streak: Cell::new(0),
    });
    locals.collect()
}

/// The number of schedulers.
pub fn schedulers() -> usize {
    SHARED.get().map_or(1, |shared| shared.schedulers)
}

/// Queues `id` on `local` (the calling scheduler's own queue), or on the
/// injector without one.
pub fn push(local: Option<&LocalQueue>, id: u64) {
    shared().push(local, id);
}

/// The next id for the scheduler owning `local`: its own, the injector's,
/// or one stolen from another scheduler.
pub fn pop(local: &LocalQueue) -> Option<u64> {
    shared().pop(local)
}

/// Sleeps until work is queued or `deadline` passes.
pub fn sleep(deadline: Option<Instant>) -> Woken {
    shared().sleep(deadline, crate::timers::any_pending)
}

/// Wakes every sleeping scheduler (the program is ending).
pub fn wake_all() {
    if let Some(shared) = SHARED.get() {
        shared.wake_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::priorities::{set, Priority};

    fn deques() -> (Deques, LocalQueue) {
        let worker = Worker::new_fifo();
        let deques = Deques {
            injector: Injector::new(),
            stealers: vec![worker.stealer()],
            max: Injector::new(),
            high: Injector::new(),
            low: Injector::new(),
        };
        let local = LocalQueue {
            worker,
            normal_streak: Cell::new(0),
        };
        (deques, local)
    }

    fn drain(deques: &Deques, local: &LocalQueue) -> Vec<u64> {
        std::iter::from_fn(|| deques.pop(local)).collect()
    }

    #[test]
    fn urgent_priorities_run_first_in_order() {
        // Ids far from any a process in another test could have.
        let (normal, high, max) = (9_000_001, 9_000_002, 9_000_003);
        set(high, Priority::High);
        set(max, Priority::Max);
        let (deques, local) = deques();
        for id in [normal, high, max] {
            deques.push(Some(&local), id);
        }
        assert_eq!(drain(&deques, &local), [max, high, normal]);
        set(high, Priority::Normal);
        set(max, Priority::Normal);
    }

    #[test]
    fn low_gets_a_turn_after_a_streak_of_normal() {
        let low = 9_100_000;
        set(low, Priority::Low);
        let (deques, local) = deques();
        deques.push(Some(&local), low);
        let normals: Vec<u64> = (9_100_001..9_100_021).collect();
        for &id in &normals {
            deques.push(Some(&local), id);
        }
        let order = drain(&deques, &local);
        let turn = order.iter().position(|&id| id == low).expect("low ran");
        assert_eq!(turn, LOW_TURN as usize);
        assert_eq!(order.len(), normals.len() + 1);
        set(low, Priority::Normal);
    }
}
