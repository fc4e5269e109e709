//! Timers of `erlang:send_after/3,4` and `start_timer/3,4`: each holds a
//! copy of its message in a heap fragment of its own until it fires (the
//! message goes to the destination then, a pid or a name looked up at that
//! moment) or is cancelled. One ordered table per scheduler; the
//! scheduler fires what is due between slices and sleeps until the next
//! deadline when nothing runs. Identified by the number of the reference
//! the BIF returned.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

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
