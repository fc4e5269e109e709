//! The report of a process (not the first) that ended with an exception
//! nothing caught, as BEAM makes it: a message to the `logger` process
//! (OTP's logger server, when the program runs it), which formats it like
//! any error event; without one, straight on stderr.

use std::io::Write;

use erts_core::{build, Atom, HeapFragment, Term};

use crate::display::display;
use crate::process::Process;
use crate::scheduler::Scheduler;

/// What BEAM's logger event says.
const FORMAT: &str = "Error in process ~p with exit value:~n~p~n";

/// Reports that `process` ended with `exit_reason` (a term of its heap).
pub fn report_crash(scheduler: &mut Scheduler, process: &Process, exit_reason: Term) {
    let logger = Atom::intern("logger")
        .ok()
        .and_then(|name| scheduler.whereis(name));
    let event = logger.and_then(|_| logger_event(process, exit_reason));
    match (logger, event) {
        (Some(logger), Some((event, fragment))) => {
            // SAFETY: the event lives in its fragment, dropped after the copy.
            unsafe { scheduler.deliver(logger, event) };
            drop(fragment);
        }
        _ => write_to_stderr(process.pid, exit_reason),
    }
}

/// `{log, error, Format, [Pid, Reason], Meta}`, the message BEAM's
/// emulator sends the logger, in a fragment of its own.
fn logger_event(process: &Process, exit_reason: Term) -> Option<(Term, HeapFragment)> {
    let atom = |name: &str| Atom::intern(name).ok().map(Term::atom);
    let characters: Vec<Term> = FORMAT
        .chars()
        .filter_map(|c| Term::small(c as i64))
        .collect();
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_micros();
    let time = Term::small(i64::try_from(micros).ok()?)?;
    // The reason's copy, the format, two lists, two maps and the tuple.
    // SAFETY: the reason is a valid term of the ended process's heap.
    let words = unsafe { erts_core::size_of_term(exit_reason) } + 2 * characters.len() + 40;
    let mut fragment = HeapFragment::with_capacity(words).ok()?;
    let heap = &mut fragment;
    // SAFETY: as above; the fragment has room.
    let reason = unsafe { erts_core::copy_term(exit_reason, heap) }?;
    let format = build::list(heap, &characters, Term::NIL)?;
    let arguments = build::list(heap, &[process.pid, reason], Term::NIL)?;
    let origin_keys = build::tuple(heap, &[atom("emulator")?, atom("tag")?])?;
    let origin = build::flat_map(heap, origin_keys, &[Term::atom(Atom::TRUE), atom("error")?])?;
    // Keys in term order: atoms compare by name.
    let keys = [
        atom("error_logger")?,
        atom("gl")?,
        atom("pid")?,
        atom("time")?,
    ];
    let keys = build::tuple(heap, &keys)?;
    let meta = build::flat_map(
        heap,
        keys,
        &[origin, process.group_leader, process.pid, time],
    )?;
    let event = build::tuple(
        heap,
        &[atom("log")?, atom("error")?, format, arguments, meta],
    )?;
    Some((event, fragment))
}

/// The report on stderr, for a program without OTP's logger.
fn write_to_stderr(pid: Term, exit_reason: Term) {
    let (mut who, mut reason) = (String::new(), String::new());
    // SAFETY: the process just ended; its heap (owned by the caller until
    // the report is written) still holds these terms.
    unsafe {
        display(&mut who, pid);
        display(&mut reason, exit_reason);
    }
    let _ = writeln!(
        std::io::stderr(),
        "=ERROR REPORT==== {} ===\nError in process {who} with exit value:\n{reason}\n",
        report_time()
    );
}

/// The time as BEAM's reports show it, `27-Nov-2026::17:40:00.123456`
/// (in UTC here).
fn report_time() -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let (days, seconds) = (now.as_secs() / 86_400, now.as_secs() % 86_400);
    let (year, month, day) = crate::bif::date_time::civil_from_days(days as i64);
    format!(
        "{day}-{}-{year}::{:02}:{:02}:{:02}.{:06}",
        MONTHS[(month - 1) as usize],
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        now.subsec_micros()
    )
}
