//! Timers of `erlang:send_after/3,4` and `start_timer/3,4`: each holds a
//! copy of its message in a heap fragment of its own until it fires (the
//! message goes to the destination then, a pid or a name looked up at that
//! moment) or is cancelled. Identified by the number of the reference
//! the BIF returned.
//!
//! One table per scheduler (a shard), with the deadlines of receives that
//! wait with a timeout: a scheduler adds timers and deadlines only to its
//! own shard, fires what is due in it between slices (reading the first
//! deadline from an atomic first, so the lock is only taken when something
//! is due) and sleeps until its next deadline when nothing runs. Adding
//! never needs to wake another scheduler. Any process may cancel or read
//! any timer: a timer's number carries its shard (above bit 56, where
//! plain reference numbers never reach), so the one lock it takes is that
//! shard's. One shared table measured 11% of a 2-scheduler timer
//! benchmark's time in lock contention; BEAM keeps a timer wheel per
//! scheduler for the same reason (each shard here is ordered maps, not a
//! wheel: O(log n) per timer).
//!
//! A timer fires at most once: firing takes it out of the table under
//! the lock (it is delivered after), so a `cancel` that finds it means it
//! will never be delivered, and one that does not, that it was or will
//! be. The table and that first deadline are [`TimerService`], generic
//! over what a timer holds so that `loom-tests` checks this very code.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use erts_core::{copy_term, size_of_term, HeapFragment, Term};

use crate::exception::Exception;
use crate::sync::atomic::{AtomicU64, Ordering};
use crate::sync::{Mutex, MutexGuard};

/// A timer waiting to fire.
pub struct Timer {
    /// A local pid or a registered name.
    pub destination: Term,
    /// The message, in `_fragment`.
    pub message: Term,
    _fragment: HeapFragment,
}

// SAFETY: the fragment and the terms in it belong to the timer alone.
unsafe impl Send for Timer {}

/// Timers by number and by deadline; `T` is what one holds ([`Timer`]).
pub struct Timers<T = Timer> {
    by_deadline: BTreeMap<(Instant, u64), T>,
    deadlines: HashMap<u64, Instant>,
}

impl<T> Default for Timers<T> {
    fn default() -> Self {
        Timers {
            by_deadline: BTreeMap::new(),
            deadlines: HashMap::new(),
        }
    }
}

impl Timers<Timer> {
    /// Adds a timer `number` that sends `message` (copied) to
    /// `destination` at `deadline`.
    ///
    /// # Safety
    ///
    /// `message` is a valid term; `destination` an immediate.
    pub unsafe fn add(
        &mut self,
        number: u64,
        deadline: Instant,
        destination: Term,
        message: Term,
    ) -> Result<(), Exception> {
        // SAFETY: forwarded from the caller.
        let words = unsafe { size_of_term(message) };
        let mut fragment =
            HeapFragment::with_capacity(words).map_err(|_| Exception::system_limit())?;
        // SAFETY: as above; the fragment has room for the whole message.
        let message =
            unsafe { copy_term(message, &mut fragment) }.ok_or_else(Exception::system_limit)?;
        let timer = Timer {
            destination,
            message,
            _fragment: fragment,
        };
        self.insert(number, deadline, timer);
        Ok(())
    }
}

impl<T> Timers<T> {
    /// Adds `timer` as timer `number`, due at `deadline`.
    pub fn insert(&mut self, number: u64, deadline: Instant, timer: T) {
        self.by_deadline.insert((deadline, number), timer);
        self.deadlines.insert(number, deadline);
    }

    /// Removes timer `number`; its deadline if it had not fired.
    pub fn cancel(&mut self, number: u64) -> Option<Instant> {
        let deadline = self.deadlines.remove(&number)?;
        self.by_deadline.remove(&(deadline, number));
        Some(deadline)
    }

    /// The deadline of timer `number`, if it has not fired.
    pub fn deadline(&self, number: u64) -> Option<Instant> {
        self.deadlines.get(&number).copied()
    }

    /// The first deadline.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.by_deadline
            .keys()
            .next()
            .map(|(deadline, _)| *deadline)
    }

    /// The next timer due at `now`, removed.
    pub fn pop_due(&mut self, now: Instant) -> Option<T> {
        let (&(deadline, number), _) = self.by_deadline.iter().next()?;
        if deadline > now {
            return None;
        }
        self.deadlines.remove(&number);
        self.by_deadline.remove(&(deadline, number))
    }
}

/// The timers and the receive deadlines of every scheduler.
pub struct Service<T = Timer> {
    pub timers: Timers<T>,
    /// (deadline, process id) of receives waiting with a timeout. An entry
    /// whose process no longer waits with that deadline is stale and
    /// ignored when it comes due.
    receives: BTreeSet<(Instant, u64)>,
}

/// The service behind its lock, with its first deadline readable
/// without the lock.
pub struct TimerService<T> {
    service: Mutex<Service<T>>,
    /// The time deadlines are counted from, for `first_due`.
    start: Instant,
    /// The first deadline of the service, in nanoseconds after `start`
    /// (`u64::MAX`: none); stored under the lock whenever it is released.
    first_due: AtomicU64,
}

/// The service, locked; the first deadline is published again when the
/// guard drops.
pub struct Locked<'a, T> {
    service: MutexGuard<'a, Service<T>>,
    owner: &'a TimerService<T>,
}

impl<T> std::ops::Deref for Locked<'_, T> {
    type Target = Service<T>;
    fn deref(&self) -> &Service<T> {
        &self.service
    }
}

impl<T> std::ops::DerefMut for Locked<'_, T> {
    fn deref_mut(&mut self) -> &mut Service<T> {
        &mut self.service
    }
}

impl<T> Drop for Locked<'_, T> {
    fn drop(&mut self) {
        // Still under the lock: the stores come in the lock's order.
        let first = self
            .service
            .next_deadline()
            .map_or(u64::MAX, |deadline| self.owner.nanos(deadline));
        self.owner.first_due.store(first, Ordering::SeqCst);
    }
}

impl<T> TimerService<T> {
    pub fn new(start: Instant) -> TimerService<T> {
        let service = Service {
            timers: Timers::default(),
            receives: BTreeSet::new(),
        };
        TimerService {
            service: Mutex::new(service),
            start,
            first_due: AtomicU64::new(u64::MAX),
        }
    }

    fn nanos(&self, deadline: Instant) -> u64 {
        let since = deadline.saturating_duration_since(self.start);
        u64::try_from(since.as_nanos()).unwrap_or(u64::MAX - 1)
    }

    pub fn lock(&self) -> Locked<'_, T> {
        Locked {
            service: self.service.lock().unwrap_or_else(|p| p.into_inner()),
            owner: self,
        }
    }

    /// Whether anything may be due at `now`, without taking the lock.
    pub fn maybe_due(&self, now: Instant) -> bool {
        self.first_due.load(Ordering::SeqCst) <= self.nanos(now)
    }

    /// Whether any timer or receive deadline is pending.
    pub fn any_pending(&self) -> bool {
        self.first_due.load(Ordering::SeqCst) != u64::MAX
    }

    /// The first deadline, without taking the lock.
    pub fn first_deadline(&self) -> Option<Instant> {
        match self.first_due.load(Ordering::SeqCst) {
            u64::MAX => None,
            nanos => Some(self.start + Duration::from_nanos(nanos)),
        }
    }
}

/// The shards, one per scheduler (made once the schedulers are counted).
static SHARDS: LazyLock<Vec<TimerService<Timer>>> = LazyLock::new(|| {
    let start = Instant::now();
    let count = crate::run_queue::schedulers();
    (0..count).map(|_| TimerService::new(start)).collect()
});

/// Timer numbers keep their shard, plus one, from this bit on.
const SHARD_SHIFT: u32 = 56;

thread_local! {
    /// The shard of the scheduler on this thread.
    static OWN_SHARD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Makes `index` the shard of the calling scheduler thread.
pub fn set_own_shard(index: usize) {
    OWN_SHARD.set(index);
}

fn own() -> &'static TimerService<Timer> {
    let shards = &*SHARDS;
    &shards[OWN_SHARD.get().min(shards.len() - 1)]
}

/// The calling scheduler's shard, locked: where its timers and receive
/// deadlines go.
pub fn own_shard() -> Locked<'static, Timer> {
    own().lock()
}

/// A number for a new timer of the calling scheduler's shard: unique
/// among references, and telling [`shard_of`] the shard.
pub fn new_timer_number() -> u64 {
    let shard = OWN_SHARD.get() as u64 + 1;
    crate::refs::next_number() | (shard << SHARD_SHIFT)
}

/// The shard of timer `number`, locked; `None` when no timer has that
/// number (a reference that did not come from a timer).
pub fn shard_of(number: u64) -> Option<Locked<'static, Timer>> {
    let shard = usize::try_from(number >> SHARD_SHIFT)
        .ok()?
        .checked_sub(1)?;
    SHARDS.get(shard).map(TimerService::lock)
}

/// Whether anything may be due in the calling scheduler's shard at `now`,
/// without taking the lock.
pub fn maybe_due(now: Instant) -> bool {
    own().maybe_due(now)
}

/// Whether any timer or receive deadline is pending in any shard.
pub fn any_pending() -> bool {
    SHARDS.iter().any(TimerService::any_pending)
}

/// The first deadline of the calling scheduler's shard, without taking
/// the lock.
pub fn first_deadline() -> Option<Instant> {
    own().first_deadline()
}

impl<T> Service<T> {
    /// Process `id` waits in a receive until `deadline`.
    pub fn add_receive(&mut self, deadline: Instant, id: u64) {
        self.receives.insert((deadline, id));
    }

    fn next_deadline(&self) -> Option<Instant> {
        let receive = self.receives.first().map(|(deadline, _)| *deadline);
        match (receive, self.timers.next_deadline()) {
            (Some(r), Some(t)) => Some(r.min(t)),
            (r, t) => r.or(t),
        }
    }

    /// The next receive deadline due at `now`: (deadline, process id).
    pub fn pop_due_receive(&mut self, now: Instant) -> Option<(Instant, u64)> {
        let &(deadline, id) = self.receives.first()?;
        if deadline > now {
            return None;
        }
        self.receives.pop_first();
        Some((deadline, id))
    }

    /// The timers due at `now`, out of the table, and the receive
    /// deadlines due (deadline, process id).
    pub fn take_due(&mut self, now: Instant) -> (Vec<T>, Vec<(Instant, u64)>) {
        let mut timers = Vec::new();
        while let Some(timer) = self.timers.pop_due(now) {
            timers.push(timer);
        }
        let mut receives = Vec::new();
        while let Some(due) = self.pop_due_receive(now) {
            receives.push(due);
        }
        (timers, receives)
    }
}
