//! Run queues: each scheduler thread owns a FIFO of process ids
//! (crossbeam-deque) that idle schedulers steal from; ids pushed outside a
//! scheduler thread go to a shared injector. A scheduler with nothing to
//! do sleeps on a condition variable until work arrives or its next
//! deadline passes: no spinning.
//!
//! A scheduler wakes a sleeping one only when its own queue holds more
//! than the one id it will run next.
//!
//! No lost wake-ups: a pusher counts the id in `queued` before it looks at
//! `sleeping`, and wakes a sleeper under `sleep_lock`; a sleeper counts
//! itself in `sleeping` and looks at `queued` under that same lock before
//! it waits.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Instant;

use crossbeam_deque::{Injector, Steal, Stealer, Worker};

struct Shared {
    injector: Injector<u64>,
    stealers: Vec<Stealer<u64>>,
    /// Ids in all queues.
    queued: AtomicUsize,
    /// Schedulers asleep.
    sleeping: AtomicUsize,
    sleep_lock: Mutex<()>,
    wake: Condvar,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

fn shared() -> &'static Shared {
    SHARED
        .get()
        .expect("the run queues are set up before any process runs")
}

/// Sets up the queues of `count` schedulers; their local ends, one per
/// scheduler thread.
pub fn setup(count: usize) -> Vec<Worker<u64>> {
    let workers: Vec<Worker<u64>> = (0..count).map(|_| Worker::new_fifo()).collect();
    let stealers = workers.iter().map(Worker::stealer).collect();
    let fresh = Shared {
        injector: Injector::new(),
        stealers,
        queued: AtomicUsize::new(0),
        sleeping: AtomicUsize::new(0),
        sleep_lock: Mutex::new(()),
        wake: Condvar::new(),
    };
    if SHARED.set(fresh).is_err() {
        crate::entry::fatal("the schedulers started twice");
    }
    workers
}

/// The number of schedulers.
pub fn schedulers() -> usize {
    SHARED.get().map_or(1, |shared| shared.stealers.len())
}

/// Queues `id` on `local` (the calling scheduler's own queue), or on the
/// injector without one.
pub fn push(local: Option<&Worker<u64>>, id: u64) {
    let shared = shared();
    match local {
        Some(worker) => worker.push(id),
        None => shared.injector.push(id),
    }
    shared.queued.fetch_add(1, SeqCst);
    // One id on a scheduler's own queue waits for that scheduler's next
    // slice (as on BEAM, where a spawned process usually runs after its
    // parent's slice): others are woken to steal only when work piles up.
    let surplus = local.is_none_or(|worker| worker.len() > 1);
    if surplus && shared.sleeping.load(SeqCst) > 0 {
        let _guard = shared.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
        shared.wake.notify_one();
    }
}

/// The next id for the scheduler owning `local`: its own, the injector's,
/// or one stolen from another scheduler.
pub fn pop(local: &Worker<u64>) -> Option<u64> {
    let shared = shared();
    let found = local.pop().or_else(|| loop {
        let mut retry = false;
        match shared.injector.steal_batch_and_pop(local) {
            Steal::Success(id) => break Some(id),
            Steal::Retry => retry = true,
            Steal::Empty => {}
        }
        for stealer in &shared.stealers {
            match stealer.steal() {
                Steal::Success(id) => return Some(id),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
        }
        if !retry {
            break None;
        }
    });
    if found.is_some() {
        shared.queued.fetch_sub(1, SeqCst);
    }
    found
}

/// How a sleep ended.
pub enum Woken {
    /// Work may be queued, or the deadline passed.
    Maybe,
    /// Every scheduler sleeps with nothing queued and no deadline: no
    /// process can ever run again.
    Deadlock,
}

/// Sleeps until work is queued or `deadline` passes.
pub fn sleep(deadline: Option<Instant>) -> Woken {
    let shared = shared();
    let guard = shared.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
    let asleep = shared.sleeping.fetch_add(1, SeqCst) + 1;
    if shared.queued.load(SeqCst) > 0 {
        shared.sleeping.fetch_sub(1, SeqCst);
        return Woken::Maybe;
    }
    // A poisoned lock means a panic, which ends the program anyway.
    let _ = match deadline {
        None if asleep == shared.stealers.len() && !crate::timers::any_pending() => {
            // The last one awake: wake the others so they end too.
            shared.wake.notify_all();
            shared.sleeping.fetch_sub(1, SeqCst);
            return Woken::Deadlock;
        }
        None => shared.wake.wait(guard).ok().map(drop),
        Some(deadline) => {
            let timeout = deadline.saturating_duration_since(Instant::now());
            shared.wake.wait_timeout(guard, timeout).ok().map(drop)
        }
    };
    shared.sleeping.fetch_sub(1, SeqCst);
    Woken::Maybe
}

/// Wakes every sleeping scheduler (the program is ending).
pub fn wake_all() {
    if let Some(shared) = SHARED.get() {
        let _guard = shared.sleep_lock.lock().unwrap_or_else(|p| p.into_inner());
        shared.wake.notify_all();
    }
}
