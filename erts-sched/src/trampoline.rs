//! Running a process for a slice: calling compiled functions and resuming
//! their frames, until the process yields, blocks in `receive`, finishes
//! or raises an exception nothing catches.
//!
//! A compiled function that must stop returns `NON_VALUE` after saying
//! how to go on (`Process::resume`); every native caller returns at once,
//! its own state being in its frame. Here the process goes on: from a
//! function's entry, or by giving a value to the frame at the stack
//! pointer, whose resume point names the function and the place to go on.

use erts_core::abi::{ResumePoint, NON_VALUE};
use erts_core::Term;

use crate::catching::find_handler;
use crate::exception::Exception;
use crate::process::{Process, Resume, Stop};

/// Reductions a process runs before it yields.
pub const BUDGET: i64 = 4000;

/// The stack address `depth` bytes below the end of the process's stack.
fn at_depth(process: &Process, depth: usize) -> *mut u64 {
    process.stack_end.wrapping_byte_sub(depth)
}

/// How a process ended.
pub enum Outcome {
    Returned,
    Raised(Exception),
}

/// Why a slice of running stopped.
pub enum Slice {
    /// The budget is spent; the process can go on.
    Yielded,
    /// Blocked in `receive` (`Process::waiting` says how to go on).
    Waiting,
    Ended(Outcome),
}

/// Runs `process` until it yields, blocks or ends.
pub fn run_slice(process: &mut Process) -> Slice {
    process.registers.acquire();
    process.x = process.registers.as_mut_ptr();
    loop {
        let sp = process.sp;
        // The stack may grow, and so move, while the process runs; a frame
        // keeps its distance from the stack's end.
        let depth = process.stack_end.addr() - sp.addr();
        let result = match process.resume {
            Resume::Entry { function, .. } => {
                let (x0, x1) = (process.registers[0], process.registers[1]);
                // SAFETY: `function` is a compiled function (uniform
                // prototype); its arguments are in the registers.
                let result = unsafe { function(process, sp, BUDGET, 0, x0, x1) };
                if result.x0 != NON_VALUE {
                    // Runtime calls store their `sp` in the process; the
                    // function returned, so the stack is as it was.
                    process.sp = at_depth(process, depth);
                }
                result
            }
            Resume::Return { value } => {
                // SAFETY: the word at `sp` is the resume point of the frame
                // waiting for a value (or the bottom marker).
                let point = unsafe { &*(*sp as *const ResumePoint) };
                if point.function.is_null() {
                    return Slice::Ended(Outcome::Returned);
                }
                // SAFETY: resume points name compiled functions.
                let function: crate::process::ErlangFn =
                    unsafe { std::mem::transmute(point.function) };
                // SAFETY: resuming the frame at `sp` with its value.
                let result = unsafe { function(process, sp, BUDGET, point.entry, value.bits(), 0) };
                if result.x0 != NON_VALUE {
                    // The resumed function returned, popping its frame.
                    // SAFETY: the frame is `frame_words` long.
                    process.sp =
                        unsafe { at_depth(process, depth).add(point.frame_words as usize) };
                }
                result
            }
            Resume::At { point } => {
                // SAFETY: resume points name compiled functions.
                let function: crate::process::ErlangFn =
                    unsafe { std::mem::transmute(point.function) };
                // SAFETY: going on in the frame at `sp` (x0 is dead here).
                let result = unsafe { function(process, sp, BUDGET, point.entry, NON_VALUE, 0) };
                if result.x0 != NON_VALUE {
                    // SAFETY: the frame is `frame_words` long.
                    process.sp =
                        unsafe { at_depth(process, depth).add(point.frame_words as usize) };
                }
                result
            }
            // SAFETY: the process is suspended in long work; its value
            // goes to the frame at `sp` as a return's does.
            Resume::LongWork => unsafe { crate::long_work::resume(process) },
            Resume::Handler { handler } => {
                // SAFETY: handlers name compiled functions.
                let function: crate::process::ErlangFn =
                    unsafe { std::mem::transmute(handler.function) };
                // SAFETY: the handler's frame is at `sp`; it receives
                // NON_VALUE in x0, as a `catch` tells a caught exception.
                let result = unsafe { function(process, sp, BUDGET, handler.entry, NON_VALUE, 0) };
                if result.x0 != NON_VALUE {
                    // SAFETY: the frame is `frame_words` long.
                    process.sp =
                        unsafe { at_depth(process, depth).add(handler.frame_words as usize) };
                }
                result
            }
        };
        process.reductions += BUDGET.saturating_sub(result.reds).max(0) as u64;
        if result.x0 != NON_VALUE {
            // SAFETY: compiled code returns valid terms.
            let value = unsafe { Term::from_bits(result.x0) };
            process.resume = Resume::Return { value };
            continue;
        }
        match process.stop {
            Stop::Yield => {
                let live = match process.resume {
                    Resume::Entry { arity, .. } => arity as usize,
                    _ => 0,
                };
                // A suspended long BIF holds raw terms of the heap, which
                // must not move until it is done.
                if process.long_work.is_none() {
                    // SAFETY: a yield leaves the function's arguments in the
                    // first `arity` registers and every other term on the
                    // stack.
                    unsafe { process.collect_if_fragments_pile_up(live) };
                }
                return Slice::Yielded;
            }
            Stop::Wait => {
                // Nothing is live in x registers across a receive.
                // SAFETY: so the stack and the mailbox hold every term.
                unsafe { process.collect_if_fragments_pile_up(0) };
                process.registers.release();
                return Slice::Waiting;
            }
            Stop::Exception => match find_handler(process) {
                Some(handler) => process.resume = Resume::Handler { handler },
                None => {
                    let exception = process
                        .exception
                        .take()
                        .map_or_else(Exception::badarg, |e| *e);
                    return Slice::Ended(Outcome::Raised(exception));
                }
            },
        }
    }
}
