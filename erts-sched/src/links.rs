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
use crate::scheduler::{Acted, Scheduler};
use crate::table::Pending;

fn atom(name: &str) -> Term {
    Term::atom(Atom::intern(name).expect("a short atom"))
}

/// Links `process` and process `other`; false when `other` is not alive.
pub fn link(scheduler: &mut Scheduler, process: &mut Process, other: u64) -> bool {
    let id = process.pid.as_local_pid().expect("a local pid");
    if other == id {
        return true;
    }
    match scheduler.act_on(other, Pending::Link { other: id }) {
        Acted::Done => {
            process.links.insert(other);
            true
        }
        Acted::Gone => false,
    }
}

/// Removes the link between `process` and process `other`, if any.
pub fn unlink(scheduler: &mut Scheduler, process: &mut Process, other: u64) {
    let id = process.pid.as_local_pid().expect("a local pid");
    process.links.remove(&other);
    scheduler.act_on(other, Pending::Unlink { other: id });
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
/// (not the running one), which kills it, queues a message, or nothing,
/// when it is received.
///
/// # Safety
///
/// `reason` is a valid term.
pub unsafe fn signal(scheduler: &mut Scheduler, target: u64, from: Term, reason: Term) {
    // SAFETY: forwarded from the caller.
    if let Some((reason, fragment)) = unsafe { crate::scheduler::copied(reason) } {
        scheduler.act_on(
            target,
            Pending::Exit {
                from,
                reason,
                fragment,
            },
        );
    }
}

/// What receiving an exit signal did.
pub enum Received {
    Ignored,
    /// Queued as an `'EXIT'` message (the process traps exits).
    Queued,
    /// The process must die with this reason, a term of its heap (`kill`
    /// becomes `killed`).
    Dies(Term),
}

/// Receives an exit signal from `from` in `process` (not running).
///
/// # Safety
///
/// `reason` is a valid term of `fragment`.
pub unsafe fn receive_exit(
    process: &mut Process,
    from: Term,
    reason: Term,
    fragment: HeapFragment,
) -> Received {
    match effect(process, reason, false) {
        Signal::Ignore => Received::Ignored,
        Signal::Message => {
            // SAFETY: forwarded from the caller; the fragment lives on.
            let _ = unsafe { deliver_exit_message(process, from, reason) };
            Received::Queued
        }
        Signal::Kill(reason) => {
            // The reason becomes a term of the victim's heap.
            process.sync_heap_top();
            process.heap.attach_fragment(fragment);
            process.load_heap_top();
            Received::Dies(reason)
        }
    }
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
        scheduler.act_on(linked, Pending::Unlink { other: id });
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
