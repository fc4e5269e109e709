//! Timers of `erlang:send_after/3,4` and `start_timer/3,4`: each holds a
//! copy of its message in a heap fragment of its own until it fires (the
//! message goes to the destination then, a pid or a name looked up at that
//! moment) or is cancelled. Identified by the number of the reference
//! the BIF returned.
//!
//! One table for all schedulers, with the deadlines of receives that wait
//! with a timeout (any process may cancel any timer, wherever it was
//! started). Schedulers fire what is due between slices, reading the first
//! deadline from an atomic first so the lock is only taken when something
//! is due, and sleep until the next deadline when nothing runs.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use erts_core::{copy_term, size_of_term, HeapFragment, Term};

use crate::exception::Exception;

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

#[derive(Default)]
pub struct Timers {
    by_deadline: BTreeMap<(Instant, u64), Timer>,
    deadlines: HashMap<u64, Instant>,
}

impl Timers {
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
        self.by_deadline.insert(
            (deadline, number),
            Timer {
                destination,
                message,
                _fragment: fragment,
            },
        );
        self.deadlines.insert(number, deadline);
        Ok(())
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
    pub fn pop_due(&mut self, now: Instant) -> Option<Timer> {
        let (&(deadline, number), _) = self.by_deadline.iter().next()?;
        if deadline > now {
            return None;
        }
        self.deadlines.remove(&number);
        self.by_deadline.remove(&(deadline, number))
    }
}

/// The timers and the receive deadlines of every scheduler.
#[derive(Default)]
pub struct Service {
    pub timers: Timers,
    /// (deadline, process id) of receives waiting with a timeout. An entry
    /// whose process no longer waits with that deadline is stale and
    /// ignored when it comes due.
    receives: BTreeSet<(Instant, u64)>,
}

static SERVICE: LazyLock<Mutex<Service>> = LazyLock::new(|| Mutex::new(Service::default()));

/// The time deadlines are counted from, for `FIRST_DUE`.
static START: LazyLock<Instant> = LazyLock::new(Instant::now);

/// The first deadline of the service, in nanoseconds after `START`
/// (`u64::MAX`: none).
static FIRST_DUE: AtomicU64 = AtomicU64::new(u64::MAX);

fn nanos(deadline: Instant) -> u64 {
    let since = deadline.saturating_duration_since(*START);
    u64::try_from(since.as_nanos()).unwrap_or(u64::MAX - 1)
}

/// The service, locked; the first deadline is published again when the
/// guard drops.
pub struct Locked(MutexGuard<'static, Service>);

impl std::ops::Deref for Locked {
    type Target = Service;
    fn deref(&self) -> &Service {
        &self.0
    }
}

impl std::ops::DerefMut for Locked {
    fn deref_mut(&mut self) -> &mut Service {
        &mut self.0
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        let first = self.0.next_deadline().map_or(u64::MAX, nanos);
        FIRST_DUE.store(first, Ordering::SeqCst);
    }
}

pub fn service() -> Locked {
    Locked(SERVICE.lock().unwrap_or_else(|p| p.into_inner()))
}

/// Whether anything may be due at `now`, without taking the lock.
pub fn maybe_due(now: Instant) -> bool {
    FIRST_DUE.load(Ordering::SeqCst) <= nanos(now)
}

/// Whether any timer or receive deadline is pending.
pub fn any_pending() -> bool {
    FIRST_DUE.load(Ordering::SeqCst) != u64::MAX
}

/// The first deadline, without taking the lock.
pub fn first_deadline() -> Option<Instant> {
    match FIRST_DUE.load(Ordering::SeqCst) {
        u64::MAX => None,
        nanos => Some(*START + Duration::from_nanos(nanos)),
    }
}

impl Service {
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
}
