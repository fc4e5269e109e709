//! Monitors and what happens when a process ends: `monitor/2`,
//! `demonitor/1,2`, the `{'DOWN', Ref, process, Pid, Reason}` message a
//! watcher gets, and the clean-up of names and monitors. Each monitor is
//! recorded on both sides (the watcher's `holding`, the target's
//! `watched_by`), so that neither side's end needs a search of all
//! processes.

use erts_core::{build, Atom, HeapFragment, Term};

use crate::exception::{Class, Exception};
use crate::process::Process;
use crate::refs;
use crate::scheduler::{Acted, Scheduler};
use crate::table::Pending;

/// A process's monitors.
#[derive(Debug, Default)]
pub struct Monitors {
    /// (reference number, target process id) of the monitors it holds.
    pub holding: Vec<(u64, u64)>,
    /// (reference number, watcher process id) of the monitors on it.
    pub watched_by: Vec<(u64, u64)>,
}

/// `monitor(process, Target)` by `watcher` on the process `target` (an
/// id, `None` when there is no such process): the monitor's reference.
/// A target that does not exist gets a `noproc` `'DOWN'` at once.
pub fn monitor(
    scheduler: &mut Scheduler,
    watcher: &mut Process,
    target: Option<u64>,
    target_term: Term,
) -> Result<Term, Exception> {
    let number = refs::next_number();
    let watcher_id = watcher.pid.as_local_pid().expect("a local pid");
    let recorded = match target {
        Some(id) if id == watcher_id => {
            watcher.monitors.watched_by.push((number, watcher_id));
            true
        }
        Some(id) => matches!(
            scheduler.act_on(
                id,
                Pending::Monitor {
                    number,
                    watcher: watcher_id,
                },
            ),
            Acted::Done
        ),
        None => false,
    };
    if !recorded {
        let noproc = Term::atom(Atom::intern("noproc").map_err(|_| Exception::system_limit())?);
        let down = down_message(watcher, number, target_term, noproc)?;
        // SAFETY: the message was just built on the watcher's heap.
        unsafe { crate::mailbox::deliver(watcher, down) }?;
        return refs::build(watcher, number);
    }
    watcher
        .monitors
        .holding
        .push((number, target.expect("recorded")));
    refs::build(watcher, number)
}

/// `demonitor(Ref)`: whether `watcher` held the monitor `number`.
pub fn demonitor(scheduler: &mut Scheduler, watcher: &mut Process, number: u64) -> bool {
    scheduler.remove_alias(number);
    let Some(at) = watcher.monitors.holding.iter().position(|m| m.0 == number) else {
        return false;
    };
    let (_, target) = watcher.monitors.holding.swap_remove(at);
    if Some(target) == watcher.pid.as_local_pid() {
        watcher.monitors.watched_by.retain(|m| m.0 != number);
    } else {
        scheduler.act_on(target, Pending::Unwatch { number });
    }
    true
}

/// Removes a `'DOWN'` message of monitor `number` from the mailbox
/// (`demonitor/2`'s `flush`).
pub fn flush_down(process: &mut Process, number: u64) {
    let down = Atom::intern("DOWN").ok();
    process.mailbox.retain(|message| {
        // SAFETY: mailbox messages are valid terms of the process.
        let elements = unsafe { message.tuple_elements() };
        let is_down = elements.is_some_and(|e| {
            e.len() == 5
                && e[0].as_atom() == down
                // SAFETY: as above.
                && unsafe { refs::number_of(e[1]) } == Some(number)
        });
        !is_down
    });
    process.mailbox.position = 0;
}

/// The exit reason of a process that ended as `outcome` describes:
/// `normal`, or the reason of the exception nothing caught.
pub fn exit_reason(process: &mut Process, exception: Option<&Exception>) -> Term {
    let Some(exception) = exception else {
        return Term::atom(Atom::intern("normal").expect("a predefined-size atom"));
    };
    let trace = exception.trace.unwrap_or(Term::NIL);
    match exception.class {
        Class::Exit => exception.reason,
        Class::Error => pair(process, exception.reason, trace).unwrap_or(exception.reason),
        Class::Throw => {
            let nocatch = Term::atom(Atom::intern("nocatch").expect("a short atom"));
            pair(process, nocatch, exception.reason)
                .and_then(|inner| pair(process, inner, trace))
                .unwrap_or(exception.reason)
        }
    }
}

fn pair(process: &mut Process, first: Term, second: Term) -> Option<Term> {
    let mut roots = [first, second];
    // SAFETY: the two terms are the roots; the process has ended.
    unsafe { process.ensure_room(3, 0, &mut roots) }.ok()?;
    process.build(|heap| build::tuple(heap, &roots))
}

/// Tells everyone concerned that `process` ended with `reason`: its
/// watchers get `'DOWN'` and the monitors it held go. Returns the reason,
/// which moves if building the messages collects.
pub fn process_ended(scheduler: &mut Scheduler, process: &mut Process, reason: Term) -> Term {
    let id = process.pid.as_local_pid().expect("a local pid");
    // No register is live any more.
    process.live = 0;
    for (number, target) in std::mem::take(&mut process.monitors.holding) {
        if target != id {
            scheduler.act_on(target, Pending::Unwatch { number });
        }
    }
    let pid = process.pid;
    let mut reason = [reason];
    for (number, watcher) in std::mem::take(&mut process.monitors.watched_by) {
        if watcher == id {
            continue;
        }
        let Ok(down) = down_message_rooted(process, number, pid, &mut reason) else {
            continue;
        };
        scheduler.act_on(watcher, Pending::ForgetMonitor { number });
        scheduler.remove_alias(number);
        // SAFETY: the message is a valid term of the ended process.
        unsafe { scheduler.deliver(watcher, down) };
    }
    reason[0]
}

/// `{'DOWN', Ref, process, Pid, noproc}` for `watcher`, whose monitor
/// `number` reached process `pid` only after it ended.
pub fn down_noproc(scheduler: &mut Scheduler, watcher: u64, number: u64, pid: Term) {
    let Ok(mut fragment) = HeapFragment::with_capacity(6 + refs::WORDS) else {
        return;
    };
    let Ok(noproc) = Atom::intern("noproc") else {
        return;
    };
    let Some(message) = down_tuple(&mut fragment, number, pid, Term::atom(noproc)) else {
        return;
    };
    scheduler.act_on(watcher, Pending::ForgetMonitor { number });
    scheduler.remove_alias(number);
    scheduler.act_on(watcher, Pending::Message { message, fragment });
}

/// `{'DOWN', Ref, process, Target, Reason}` built on `process`'s heap.
fn down_message(
    process: &mut Process,
    number: u64,
    target: Term,
    reason: Term,
) -> Result<Term, Exception> {
    let mut roots = [reason];
    down_message_rooted(process, number, target, &mut roots)
}

/// As [`down_message`], with the reason in `reason[0]` (a root, updated
/// if the heap collects).
fn down_message_rooted(
    process: &mut Process,
    number: u64,
    target: Term,
    reason: &mut [Term; 1],
) -> Result<Term, Exception> {
    let mut roots = [reason[0], target];
    // SAFETY: the reason and the target are the roots.
    unsafe { process.ensure_room(6 + refs::WORDS, process.live as usize, &mut roots) }?;
    reason[0] = roots[0];
    process
        .build(|heap| down_tuple(heap, number, roots[1], roots[0]))
        .ok_or_else(Exception::system_limit)
}

/// `{'DOWN', Ref, process, Target, Reason}` built on `heap` (which has
/// room for it: `6 + refs::WORDS` words).
fn down_tuple(
    heap: &mut impl erts_core::build::TermAlloc,
    number: u64,
    target: Term,
    reason: Term,
) -> Option<Term> {
    let down = Term::atom(Atom::intern("DOWN").ok()?);
    let kind = Term::atom(Atom::intern("process").ok()?);
    let reference = refs::build_on(heap, number)?;
    build::tuple(heap, &[down, reference, kind, target, reason])
}
