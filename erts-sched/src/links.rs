//! Links and exit signals, with BEAM's rules: a process that ends sends
//! its exit reason to every process linked to it; `exit/2` sends one to
//! any process. A process that traps exits gets `{'EXIT', From, Reason}`
//! as a message instead; otherwise `normal` is ignored (but for a
//! process's `exit(self(), normal)`), `kill` kills as `killed`, and any
//! other reason kills with that reason, which cascades along the victim's
//! own links and monitors. Links are recorded on both sides.

use erts_core::{build, copy_term, size_of_term, Atom, HeapFragment, Term};

use crate::exception::{Class, Exception};
use crate::process::Process;
use crate::scheduler::Scheduler;

fn atom(name: &str) -> Term {
    Term::atom(Atom::intern(name).expect("a short atom"))
}

/// Links `process` and process `other`; false when `other` is not alive.
pub fn link(scheduler: &mut Scheduler, process: &mut Process, other: u64) -> bool {
    let id = process.pid.as_local_pid().expect("a local pid");
    if other == id {
        return true;
    }
    match scheduler.process(other) {
        Some(target) => {
            target.links.insert(id);
            process.links.insert(other);
            true
        }
        None => false,
    }
}

/// Removes the link between `process` and process `other`, if any.
pub fn unlink(scheduler: &mut Scheduler, process: &mut Process, other: u64) {
    let id = process.pid.as_local_pid().expect("a local pid");
    process.links.remove(&other);
    if let Some(target) = scheduler.process(other) {
        target.links.remove(&id);
    }
}

/// `{'EXIT', From, Reason}` delivered to `receiver` (the reason copied
/// from wherever it lives).
///
/// # Safety
///
/// `reason` is a valid term.
pub unsafe fn deliver_exit_message(
    receiver: &mut Process,
    from: Term,
    reason: Term,
) -> Result<(), Exception> {
    // Build the message in a fragment of its own, then queue it.
    // SAFETY: forwarded from the caller.
    let words = unsafe { size_of_term(reason) } + 4;
    let mut fragment = HeapFragment::with_capacity(words).map_err(|_| Exception::system_limit())?;
    // SAFETY: as above; the fragment has room for the reason and the tuple.
    let message = unsafe { copy_term(reason, &mut fragment) }
        .and_then(|reason| build::tuple(&mut fragment, &[atom("EXIT"), from, reason]))
        .ok_or_else(Exception::system_limit)?;
    // SAFETY: the message is a valid term of the fragment, which outlives
    // the copy `deliver` makes.
    unsafe { crate::mailbox::deliver(receiver, message) }
}

/// What an exit signal with `reason` does to a process that is not
/// running: `Some(reason)` when it must die (`kill` becomes `killed`).
fn effect(target: &Process, reason: Term, from_self: bool) -> Signal {
    if reason == atom("kill") {
        return Signal::Kill(atom("killed"));
    }
    if target.trap_exit {
        return Signal::Message;
    }
    if reason == atom("normal") && !from_self {
        return Signal::Ignore;
    }
    Signal::Kill(reason)
}

enum Signal {
    Ignore,
    Message,
    Kill(Term),
}

/// Sends an exit signal with `reason` from `from` to the process `target`
/// (not the running one), killing it, queueing a message, or nothing.
///
/// # Safety
///
/// `reason` is a valid term of a heap that stays put during the call.
pub unsafe fn signal(scheduler: &mut Scheduler, target: u64, from: Term, reason: Term) {
    // SAFETY: forwarded from the caller.
    if unsafe { scheduler.defer_signal(target, from, reason) } {
        return;
    }
    let Some(process) = scheduler.process(target) else {
        return;
    };
    match effect(process, reason, false) {
        Signal::Ignore => {}
        Signal::Message => {
            // SAFETY: forwarded from the caller.
            if unsafe { deliver_exit_message(process, from, reason) }.is_ok() {
                scheduler.wake(target);
            }
        }
        Signal::Kill(reason) => {
            // SAFETY: forwarded from the caller.
            unsafe { kill(scheduler, target, reason) };
        }
    }
}

/// Ends process `target` (not the running one) with `reason`, as if it
/// had exited: its links and monitors hear of it.
///
/// # Safety
///
/// As [`signal`].
unsafe fn kill(scheduler: &mut Scheduler, target: u64, reason: Term) {
    let Some(mut process) = scheduler.take(target) else {
        return;
    };
    // The reason on the victim's own heap, as its exit reason.
    let mut fragment = match HeapFragment::with_capacity(
        // SAFETY: forwarded from the caller.
        unsafe { size_of_term(reason) },
    ) {
        Ok(fragment) => fragment,
        Err(_) => return,
    };
    // SAFETY: as above; the fragment has room for the reason.
    let Some(copy) = (unsafe { copy_term(reason, &mut fragment) }) else {
        return;
    };
    process.sync_heap_top();
    process.heap.attach_fragment(fragment);
    process.load_heap_top();
    scheduler.process_exited(process, copy);
}

/// What `process`, which ended with `reason`, owes its links.
///
/// # Safety
///
/// `reason` is a valid term of `process`, which has left the table.
pub unsafe fn notify_links(scheduler: &mut Scheduler, process: &mut Process, reason: Term) {
    let id = process.pid.as_local_pid().expect("a local pid");
    let pid = process.pid;
    for linked in std::mem::take(&mut process.links) {
        scheduler.forget_link(linked, id);
        // SAFETY: forwarded from the caller.
        unsafe { signal(scheduler, linked, pid, reason) };
    }
}

/// `exit(Target, Reason)` sent by the running `process`.
///
/// # Safety
///
/// `reason` is a valid term of `process`.
pub unsafe fn exit_2(
    scheduler: &mut Scheduler,
    process: &mut Process,
    target: u64,
    reason: Term,
) -> Result<(), Exception> {
    if Some(target) != process.pid.as_local_pid() {
        // SAFETY: forwarded from the caller.
        unsafe { signal(scheduler, target, process.pid, reason) };
        return Ok(());
    }
    match effect(process, reason, true) {
        Signal::Ignore => Ok(()),
        Signal::Message => {
            let pid = process.pid;
            // SAFETY: forwarded from the caller.
            unsafe { deliver_exit_message(process, pid, reason) }
        }
        Signal::Kill(reason) => Err(Exception {
            uncatchable: true,
            ..Exception::new(Class::Exit, reason)
        }),
    }
}
