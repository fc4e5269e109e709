//! Messages and `receive` for the one process that runs today: a message
//! to itself is copied into a heap fragment and queued; `receive` walks
//! the queue from a position that `loop_rec_end` advances and a match or
//! a timeout resets. With no other process, a receive that finds nothing
//! can only time out; waiting forever is a deadlock, reported as such.
//! The schedulers of the processes issue replace the waiting and the
//! sending to other processes; the queue and its walk stay.

use std::collections::VecDeque;

use erts_core::abi::{Location, NON_VALUE};
use erts_core::{copy_term, size_of_term, Atom, HeapFragment, Term};

use crate::exception::Exception;
use crate::process::{Process, Stop};

/// A process's message queue and the position of the receive in progress.
#[derive(Default)]
pub struct Mailbox {
    pub messages: VecDeque<Term>,
    /// Index of the next message `loop_rec` looks at.
    pub position: usize,
}

fn raise(process: &mut Process, sp: *mut u64, exception: Exception) {
    process.sp = sp;
    process.exception = Some(Exception {
        location: None::<&'static Location>,
        ..exception
    });
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
    if !destination.is_local_pid() {
        // Registered names come with the processes issue.
        raise(process, sp, Exception::badarg());
        return NON_VALUE;
    }
    if destination == process.pid {
        // SAFETY: the message is a valid term of this process.
        let words = unsafe { size_of_term(message) };
        let Ok(mut fragment) = HeapFragment::with_capacity(words) else {
            raise(process, sp, Exception::system_limit());
            return NON_VALUE;
        };
        // SAFETY: as above; the fragment has room for the whole term.
        let Some(copy) = (unsafe { copy_term(message, &mut fragment) }) else {
            raise(process, sp, Exception::system_limit());
            return NON_VALUE;
        };
        process.sync_heap_top();
        process.heap.attach_fragment(fragment);
        process.load_heap_top();
        process.mailbox.messages.push_back(copy);
    }
    // A message to a process that does not exist is dropped, as on BEAM.
    message.bits()
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
    mailbox.position = 0;
}

/// # Safety
///
/// As [`earts_loop_rec`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_timeout(process: *mut Process) {
    // SAFETY: compiled code passes its own running process.
    unsafe { (*process).mailbox.position = 0 };
}

/// # Safety
///
/// As [`earts_send`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_wait(process: *mut Process, sp: *mut u64, timeout: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    if process.mailbox.position < process.mailbox.messages.len() {
        return 0;
    }
    // SAFETY: compiled code passes a valid term.
    let timeout = unsafe { Term::from_bits(timeout) };
    match timeout.as_small() {
        Some(milliseconds) if (0..=u32::MAX as i64).contains(&milliseconds) => {
            std::thread::sleep(std::time::Duration::from_millis(milliseconds as u64));
            1
        }
        _ if timeout.as_atom() == Some(Atom::INFINITY) => crate::entry::fatal(
            "deadlock: the only process waits for a message that no process can send",
        ),
        _ => {
            raise(
                process,
                sp,
                Exception::error(Term::atom(Atom::TIMEOUT_VALUE)),
            );
            2
        }
    }
}
