//! Time and timers: `erlang:monotonic_time/0,1`, `system_time/0,1`,
//! `timestamp/0`, `os:system_time/0,1`, `os:timestamp/0`,
//! `send_after/3,4`, `start_timer/3,4`, `cancel_timer/1,2`,
//! `read_timer/1,2`. The native time unit is the nanosecond.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use erts_core::{build, Atom, Term};

use super::bifs;
use crate::exception::Exception;
use crate::process::Process;
use crate::refs;

/// Native time units per second.
const NATIVE_PER_SECOND: i64 = 1_000_000_000;

/// The start of monotonic time (the first time anything asked).
fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

fn monotonic_native() -> i64 {
    // Offset as BEAM's, which starts far below zero.
    i64::try_from(epoch().elapsed().as_nanos()).unwrap_or(i64::MAX) - (1 << 59)
}

fn system_native() -> i64 {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
}

/// Units per second of a time unit term, or `badarg`.
fn units_per_second(unit: Term) -> Result<i64, Exception> {
    if let Some(n) = unit.as_small().filter(|n| *n > 0) {
        return Ok(n);
    }
    let name = unit.as_atom().ok_or_else(Exception::badarg)?;
    Ok(match name.name() {
        "second" | "seconds" => 1,
        "millisecond" | "milli_seconds" => 1_000,
        "microsecond" | "micro_seconds" => 1_000_000,
        "nanosecond" | "nano_seconds" | "native" | "perf_counter" => NATIVE_PER_SECOND,
        _ => return Err(Exception::badarg()),
    })
}

/// `native` converted to `per_second` units, rounding down (towards
/// negative infinity), as BEAM does.
fn from_native(native: i64, per_second: i64) -> i64 {
    let value = i128::from(native) * i128::from(per_second);
    value.div_euclid(i128::from(NATIVE_PER_SECOND)) as i64
}

pub(super) fn integer(process: &mut Process, value: i64) -> Result<Term, Exception> {
    if let Some(small) = Term::small(value) {
        return Ok(small);
    }
    let mut heap = super::heap::ProcessHeap::new(process);
    let number = erts_core::num::Number::from(value);
    // SAFETY: no term is held across the allocation.
    unsafe { erts_core::bif::number::make_number(&mut heap, &number) }
        .map_err(|_| Exception::system_limit())
}

fn monotonic_time_0(process: &mut Process) -> Result<Term, Exception> {
    integer(process, monotonic_native())
}

fn monotonic_time_1(process: &mut Process, unit: Term) -> Result<Term, Exception> {
    let per_second = units_per_second(unit)?;
    integer(process, from_native(monotonic_native(), per_second))
}

fn system_time_0(process: &mut Process) -> Result<Term, Exception> {
    integer(process, system_native())
}

fn system_time_1(process: &mut Process, unit: Term) -> Result<Term, Exception> {
    let per_second = units_per_second(unit)?;
    integer(process, from_native(system_native(), per_second))
}

/// `{MegaSecs, Secs, MicroSecs}` of the system time.
fn timestamp_0(process: &mut Process) -> Result<Term, Exception> {
    let micros = from_native(system_native(), 1_000_000);
    let parts = [
        micros / 1_000_000_000_000,
        micros / 1_000_000 % 1_000_000,
        micros % 1_000_000,
    ];
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(4, process.live as usize, &mut []) }?;
    let parts: Vec<Term> = parts
        .iter()
        .map(|p| Term::small(*p).expect("small"))
        .collect();
    process
        .build(|heap| build::tuple(heap, &parts))
        .ok_or_else(Exception::system_limit)
}

/// Whether an option list of `{Name, Bool}` pairs sets `name` (`badarg`
/// for anything else in it than the `known` names).
///
/// # Safety
///
/// `options` is a valid term.
unsafe fn option(options: Term, name: &str, known: &[&str]) -> Result<bool, Exception> {
    let (mut rest, mut value) = (options, false);
    // SAFETY: forwarded from the caller; every tail is valid.
    while let (Some(option), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
        // SAFETY: as above.
        let pair = unsafe { option.tuple_elements() }.ok_or_else(Exception::badarg)?;
        let [key, flag] = pair else {
            return Err(Exception::badarg());
        };
        let key = key
            .as_atom()
            .map(Atom::name)
            .ok_or_else(Exception::badarg)?;
        let flag = match flag.as_atom() {
            Some(Atom::TRUE) => true,
            Some(Atom::FALSE) => false,
            _ => return Err(Exception::badarg()),
        };
        if !known.contains(&key) {
            return Err(Exception::badarg());
        }
        if key == name {
            value = flag;
        }
        rest = tail;
    }
    if rest != Term::NIL {
        return Err(Exception::badarg());
    }
    Ok(value)
}

/// Starts a timer: `message` (for `start_timer`, `{timeout, Ref, Msg}`)
/// to `destination` after `time` milliseconds (or at that monotonic
/// time, in milliseconds, with `{abs, true}`).
///
/// # Safety
///
/// The terms are valid.
unsafe fn start(
    process: &mut Process,
    time: Term,
    destination: Term,
    message: Term,
    options: Term,
    wrap: bool,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let absolute = unsafe { option(options, "abs", &["abs"]) }?;
    let time = time.as_small().ok_or_else(Exception::badarg)?;
    if !(destination.is_local_pid() || destination.as_atom().is_some()) {
        return Err(Exception::badarg());
    }
    let millis = if absolute {
        time - from_native(monotonic_native(), 1_000)
    } else {
        time
    };
    if millis < 0 && !absolute {
        return Err(Exception::badarg());
    }
    let deadline = Instant::now() + Duration::from_millis(millis.max(0) as u64);
    let number = crate::timers::new_timer_number();
    let mut roots = [message];
    // SAFETY: the message is the root.
    unsafe { process.ensure_room(refs::WORDS + 4, process.live as usize, &mut roots) }?;
    let timeout = Atom::intern("timeout").map_err(|_| Exception::system_limit())?;
    let (reference, message) = process
        .build(|heap| {
            let reference = refs::build_on(heap, number)?;
            let message = if wrap {
                build::tuple(heap, &[Term::atom(timeout), reference, roots[0]])?
            } else {
                roots[0]
            };
            Some((reference, message))
        })
        .ok_or_else(Exception::system_limit)?;
    // SAFETY: BIFs run inside the scheduler; the message is valid.
    unsafe {
        crate::timers::own_shard()
            .timers
            .add(number, deadline, destination, message)
    }?;
    Ok(reference)
}

/// # Safety
///
/// The terms are valid.
unsafe fn send_after_3(
    p: &mut Process,
    time: Term,
    dest: Term,
    msg: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { start(p, time, dest, msg, Term::NIL, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn send_after_4(
    p: &mut Process,
    time: Term,
    dest: Term,
    msg: Term,
    options: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { start(p, time, dest, msg, options, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn start_timer_3(
    p: &mut Process,
    time: Term,
    dest: Term,
    msg: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { start(p, time, dest, msg, Term::NIL, true) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn start_timer_4(
    p: &mut Process,
    time: Term,
    dest: Term,
    msg: Term,
    options: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { start(p, time, dest, msg, options, true) }
}

/// Milliseconds left until `deadline` (rounded as BEAM: up).
fn remaining(deadline: Instant) -> i64 {
    let left = deadline.saturating_duration_since(Instant::now());
    left.as_micros().div_ceil(1000) as i64
}

/// `cancel_timer` and `read_timer`: the time left, or `false` when the
/// timer already fired or never was.
///
/// # Safety
///
/// The terms are valid.
unsafe fn timer_query(
    process: &mut Process,
    reference: Term,
    options: Term,
    cancel: bool,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let number = unsafe { refs::number_of(reference) }.ok_or_else(Exception::badarg)?;
    // SAFETY: as above.
    let (asynchronous, info) = unsafe {
        let known = ["async", "info"];
        (option(options, "async", &known)?, {
            // `info` defaults to true.
            let mut informed = true;
            let mut rest = options;
            while let (Some(o), Some(t)) = (rest.head(), rest.tail()) {
                if let Some([key, flag]) = o.tuple_elements() {
                    if key.as_atom().map(Atom::name) == Some("info") {
                        informed = flag.as_atom() == Some(Atom::TRUE);
                    }
                }
                rest = t;
            }
            informed
        })
    };
    let deadline = crate::timers::shard_of(number).and_then(|mut shard| {
        if cancel {
            shard.timers.cancel(number)
        } else {
            shard.timers.deadline(number)
        }
    });
    let result = match deadline {
        Some(deadline) => integer(process, remaining(deadline))?,
        None => Term::atom(Atom::FALSE),
    };
    if asynchronous {
        // The answer would come as a message; without `info`, `ok`.
        let ok = Atom::intern("ok").map_err(|_| Exception::system_limit())?;
        if info {
            let tag = Atom::intern(if cancel { "cancel_timer" } else { "read_timer" })
                .map_err(|_| Exception::system_limit())?;
            let mut roots = [reference, result];
            // SAFETY: the terms are the roots.
            unsafe { process.ensure_room(4, process.live as usize, &mut roots) }?;
            let message = process
                .build(|heap| build::tuple(heap, &[Term::atom(tag), roots[0], roots[1]]))
                .ok_or_else(Exception::system_limit)?;
            // SAFETY: the message was just built on the process's heap.
            unsafe { crate::mailbox::deliver(process, message) }?;
        }
        return Ok(Term::atom(ok));
    }
    if !info {
        return Ok(Term::atom(
            Atom::intern("ok").map_err(|_| Exception::system_limit())?,
        ));
    }
    Ok(result)
}

/// # Safety
///
/// The term is valid.
unsafe fn cancel_timer_1(p: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { timer_query(p, reference, Term::NIL, true) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn cancel_timer_2(
    p: &mut Process,
    reference: Term,
    options: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { timer_query(p, reference, options, true) }
}

/// # Safety
///
/// The term is valid.
unsafe fn read_timer_1(p: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { timer_query(p, reference, Term::NIL, false) }
}

/// # Safety
///
/// The terms are valid.
unsafe fn read_timer_2(p: &mut Process, reference: Term, options: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { timer_query(p, reference, options, false) }
}

/// `erts_internal:time_unit/0` and `perf_counter_unit/0`: native units
/// per second.
fn time_unit_0(_process: &mut Process) -> Result<Term, Exception> {
    Ok(Term::small(NATIVE_PER_SECOND).expect("small"))
}

bifs! {
    erts_internal:"time_unit"/0 () => process time_unit_0;
    erts_internal:"perf_counter_unit"/0 () => process time_unit_0;
    erlang:"monotonic_time"/0 () => process monotonic_time_0;
    erlang:"monotonic_time"/1 (unit) => process monotonic_time_1;
    erlang:"system_time"/0 () => process system_time_0;
    erlang:"system_time"/1 (unit) => process system_time_1;
    erlang:"timestamp"/0 () => process timestamp_0;
    os:"system_time"/0 () => process system_time_0;
    os:"system_time"/1 (unit) => process system_time_1;
    os:"timestamp"/0 () => process timestamp_0;
    erlang:"send_after"/3 (time, destination, message) => process send_after_3;
    erlang:"send_after"/4 (time, destination, message, options) => process send_after_4;
    erlang:"start_timer"/3 (time, destination, message) => process start_timer_3;
    erlang:"start_timer"/4 (time, destination, message, options) => process start_timer_4;
    erlang:"cancel_timer"/1 (reference) => process cancel_timer_1;
    erlang:"cancel_timer"/2 (reference, options) => process cancel_timer_2;
    erlang:"read_timer"/1 (reference) => process read_timer_1;
    erlang:"read_timer"/2 (reference, options) => process read_timer_2;
}
