//! Messages and `receive`: a message is copied into a heap fragment of
//! the receiver and queued; `receive` walks the queue from a position that
//! `loop_rec_end` advances and a match or a timeout resets. A receive that
//! finds nothing blocks the process until a message comes or its timeout
//! passes (the scheduler keeps the deadlines).

use std::collections::VecDeque;

use std::time::{Duration, Instant};

use erts_core::abi::{Location, ResumePoint, NON_VALUE};
use erts_core::{copy_term, size_of_term, Atom, HeapFragment, Term};

use crate::exception::Exception;
use crate::process::{Process, Stop, Waiting};
use crate::refs;

/// A process's message queue and the position of the receive in progress.
#[derive(Default)]
pub struct Mailbox {
    pub messages: VecDeque<Term>,
    /// Index of the next message `loop_rec` looks at.
    pub position: usize,
    /// The receive in progress has started its timer: the deadline, for
    /// the receive's `on_timeout` resume point. A wait that a message
    /// interrupted and that runs again keeps it (as BEAM's timer), without
    /// reading its timeout operand again.
    pub timer: Option<(*const ResumePoint, Option<Instant>)>,
    /// Receive markers: where the mailbox ended when each was reserved,
    /// and the reference number it is bound to.
    markers: Vec<Marker>,
    /// The number of the next marker.
    next_marker: u64,
}

struct Marker {
    number: u64,
    /// Messages before this index arrived before the marker.
    index: usize,
    reference: Option<u64>,
}

/// Markers kept at most: a process that reserves and never clears (a
/// receive left by an exception) drops its oldest.
const MAX_MARKERS: usize = 8;

impl Mailbox {
    /// Forgets the receive in progress, its timer and its markers:
    /// `erlang:hibernate/3` drops the stack that receive ran on.
    pub fn forget_receive_state(&mut self) {
        self.position = 0;
        self.timer = None;
        self.markers.clear();
    }

    /// Keeps only the messages `keep` accepts (markers follow).
    pub fn retain(&mut self, mut keep: impl FnMut(&Term) -> bool) {
        let mut index = 0;
        while index < self.messages.len() {
            if keep(&self.messages[index]) {
                index += 1;
            } else {
                self.messages.remove(index);
                self.removed(index);
            }
        }
    }

    /// The message at `position` leaves the queue: later markers move up.
    fn removed(&mut self, position: usize) {
        for marker in &mut self.markers {
            if marker.index > position {
                marker.index -= 1;
            }
        }
    }
}

fn raise(process: &mut Process, sp: *mut u64, exception: Exception) {
    process.sp = sp;
    process.exception = Some(Box::new(Exception {
        location: None::<&'static Location>,
        ..exception
    }));
    process.stop = Stop::Exception;
}

/// # Safety
///
/// Called by compiled code with its process and valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_send(
    process: *mut Process,
    sp: *mut u64,
    destination: u64,
    message: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (destination, message) =
        unsafe { (Term::from_bits(destination), Term::from_bits(message)) };
    // SAFETY: as above.
    match unsafe { send(process, destination, message) } {
        Ok(()) => message.bits(),
        Err(exception) => {
            raise(process, sp, exception);
            NON_VALUE
        }
    }
}

/// `Destination ! Message` from the running `process`: to a pid, a
/// registered name, `{Name, Node}` on this node, or an alias. A message
/// to a process that is gone, or to an alias no longer active, is
/// dropped, as on BEAM; a name nobody has is `badarg`.
///
/// # Safety
///
/// The terms are valid terms of `process`.
pub(crate) unsafe fn send(
    process: &mut Process,
    destination: Term,
    message: Term,
) -> Result<(), Exception> {
    // SAFETY: the scheduler runs this process, out of its table.
    let target = unsafe { crate::scheduler::with_current(|s| s.destination(destination)) };
    match target.ok_or_else(Exception::badarg)? {
        None => Ok(()),
        // SAFETY: the message is a valid term of this process.
        Some(pid) if pid == process.pid => unsafe { deliver(process, message) },
        Some(pid) => {
            let id = pid.as_local_pid().expect("a local pid");
            // SAFETY: the receiver is another process; the message is
            // valid until copied.
            unsafe { crate::scheduler::with_current(|s| s.deliver(id, message)) };
            Ok(())
        }
    }
}

/// Copies `message` into a heap fragment of `receiver` and queues it.
///
/// # Safety
///
/// `message` is a valid term (of the sender's heap).
pub(crate) unsafe fn deliver(receiver: &mut Process, message: Term) -> Result<(), Exception> {
    // SAFETY: forwarded from the caller.
    let words = unsafe { size_of_term(message) };
    let mut fragment = HeapFragment::with_capacity(words).map_err(|_| Exception::system_limit())?;
    // SAFETY: as above; the fragment has room for the whole term.
    let copy = unsafe { copy_term(message, &mut fragment) }.ok_or_else(Exception::system_limit)?;
    deliver_copied(receiver, copy, fragment);
    Ok(())
}

/// Copies `message`, a term of another process, straight into the heap of
/// `receiver` (which is not running) when it has room, else into a heap
/// fragment, and queues it. A message copied onto the heap costs no
/// allocation and no fragment to collect later.
///
/// # Safety
///
/// `message` is a valid term of another process's heap.
pub(crate) unsafe fn deliver_from(receiver: &mut Process, message: Term) {
    receiver.sync_heap_top();
    // `copy_term` allocates nothing when the young generation lacks room.
    // SAFETY: forwarded from the caller.
    let copy = unsafe { copy_term(message, &mut receiver.heap) };
    receiver.load_heap_top();
    match copy {
        Some(copy) => receiver.mailbox.messages.push_back(copy),
        // SAFETY: as above. Without memory for it, the message is lost,
        // as a message to a process that cannot take it.
        None => drop(unsafe { deliver(receiver, message) }),
    }
}

/// Queues `message`, a term of `fragment`, in `receiver`'s mailbox.
pub(crate) fn deliver_copied(receiver: &mut Process, message: Term, fragment: HeapFragment) {
    receiver.sync_heap_top();
    receiver.heap.attach_fragment(fragment);
    receiver.load_heap_top();
    receiver.mailbox.messages.push_back(message);
}

/// # Safety
///
/// Called by compiled code with its process.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_loop_rec(process: *mut Process) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let mailbox = unsafe { &(*process).mailbox };
    mailbox
        .messages
        .get(mailbox.position)
        .map_or(NON_VALUE, |message| message.bits())
}

/// # Safety
///
/// As [`earts_loop_rec`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_loop_rec_end(process: *mut Process) {
    // SAFETY: compiled code passes its own running process.
    unsafe { (*process).mailbox.position += 1 };
}

/// # Safety
///
/// As [`earts_loop_rec`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_remove_message(process: *mut Process) {
    // SAFETY: compiled code passes its own running process.
    let mailbox = unsafe { &mut (*process).mailbox };
    let position = mailbox.position;
    mailbox.messages.remove(position);
    mailbox.removed(position);
    mailbox.position = 0;
    mailbox.timer = None;
}

/// # Safety
///
/// As [`earts_loop_rec`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_recv_marker_reserve(process: *mut Process) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let mailbox = unsafe { &mut (*process).mailbox };
    if mailbox.markers.len() == MAX_MARKERS {
        mailbox.markers.remove(0);
    }
    let number = mailbox.next_marker;
    mailbox.next_marker = (number + 1) & 0xffff_ffff;
    mailbox.markers.push(Marker {
        number,
        index: mailbox.messages.len(),
        reference: None,
    });
    Term::small(number as i64).expect("a small marker").bits()
}

/// # Safety
///
/// As [`earts_loop_rec`], with valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_recv_marker_bind(
    process: *mut Process,
    marker: u64,
    reference: u64,
) {
    // SAFETY: compiled code passes its own running process and terms.
    let (mailbox, marker, reference) = unsafe {
        (
            &mut (*process).mailbox,
            Term::from_bits(marker),
            Term::from_bits(reference),
        )
    };
    // SAFETY: as above.
    let (Some(number), Some(reference)) =
        (marker.as_small(), unsafe { refs::number_of(reference) })
    else {
        return;
    };
    if let Some(marker) = mailbox
        .markers
        .iter_mut()
        .find(|m| m.number as i64 == number)
    {
        marker.reference = Some(reference);
    }
}

/// # Safety
///
/// As [`earts_recv_marker_bind`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_recv_marker_use(process: *mut Process, reference: u64) {
    // SAFETY: compiled code passes its own running process and a term.
    let (mailbox, reference) = unsafe { (&mut (*process).mailbox, Term::from_bits(reference)) };
    // SAFETY: as above.
    let Some(reference) = (unsafe { refs::number_of(reference) }) else {
        return;
    };
    if let Some(marker) = mailbox
        .markers
        .iter()
        .find(|m| m.reference == Some(reference))
    {
        mailbox.position = mailbox.position.max(marker.index);
    }
}

/// # Safety
///
/// As [`earts_recv_marker_bind`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_recv_marker_clear(process: *mut Process, reference: u64) {
    // SAFETY: compiled code passes its own running process and a term.
    let (mailbox, reference) = unsafe { (&mut (*process).mailbox, Term::from_bits(reference)) };
    // SAFETY: as above.
    let Some(reference) = (unsafe { refs::number_of(reference) }) else {
        return;
    };
    mailbox.markers.retain(|m| m.reference != Some(reference));
}

/// # Safety
///
/// As [`earts_loop_rec`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_timeout(process: *mut Process) {
    // SAFETY: compiled code passes its own running process.
    let mailbox = unsafe { &mut (*process).mailbox };
    mailbox.position = 0;
    mailbox.timer = None;
}

/// # Safety
///
/// As [`earts_send`]; the resume points are constants of the caller.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_wait(
    process: *mut Process,
    sp: *mut u64,
    timeout: u64,
    on_message: *const ResumePoint,
    on_timeout: *const ResumePoint,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // Waiting ignores the messages already queued, as BEAM's does: the
    // receive's loop_rec has looked at them (a receive with no clauses,
    // `receive after T -> ... end`, has none to look for); a message that
    // arrives while the process waits wakes it.
    let running = process
        .mailbox
        .timer
        .filter(|(point, _)| std::ptr::eq(*point, on_timeout));
    // SAFETY: compiled code passes a valid term.
    let timeout = unsafe { Term::from_bits(timeout) };
    let deadline = match timeout.as_small() {
        _ if running.is_some() => running.and_then(|(_, deadline)| deadline),
        Some(0) => return WAIT_TIMED_OUT,
        Some(milliseconds) if (0..=u32::MAX as i64).contains(&milliseconds) => {
            Some(Instant::now() + Duration::from_millis(milliseconds as u64))
        }
        _ if timeout.as_atom() == Some(Atom::INFINITY) => None,
        _ => {
            raise(
                process,
                sp,
                Exception::error(Term::atom(Atom::TIMEOUT_VALUE)),
            );
            return WAIT_RAISED;
        }
    };
    process.mailbox.timer = Some((on_timeout, deadline));
    // SAFETY: compiled code passes its constant resume points.
    let (on_message, on_timeout) = unsafe { (&*on_message, &*on_timeout) };
    process.sp = sp;
    process.waiting = Some(Waiting {
        on_message,
        on_timeout,
        deadline,
    });
    process.stop = Stop::Wait;
    WAIT_BLOCKED
}

/// What `earts_wait` answers (see `erts_core::abi`; 0, "look at the
/// messages again", is not answered on one scheduler).
const WAIT_TIMED_OUT: u64 = 1;
const WAIT_RAISED: u64 = 2;
const WAIT_BLOCKED: u64 = 3;
