//! Long native work: BIFs whose cost grows with their input (a huge
//! `term_to_binary`, `binary_to_term` or `lists:reverse`) run on a
//! coroutine (corosensei) and suspend part-way when their slice's budget
//! is spent, so one process can never hold a scheduler for long. OTP
//! rewrites such BIFs by hand into resumable state machines ("trapping");
//! stack switching gives the same without rewriting them.
//!
//! Compiled code calls such a BIF as an Erlang function of the uniform
//! prototype (the linker's `is_runtime_function`; `bif::bifs!`'s `long`
//! kind makes one for each). [`run`] starts the BIF's body on a pooled
//! coroutine stack with the caller's reductions as its budget. When the
//! body finishes within them, the call returns its value like any call.
//! When it runs out, the body suspends: the coroutine is kept in
//! `Process::long_work`, the process yields with `Resume::LongWork`, and
//! the trampoline's next slice goes on with [`resume`], until the body's
//! value goes to the caller's frame as a return does.
//!
//! **Invariant:** while a body is suspended, nothing collects or moves its
//! process's heap: its locals hold raw terms. The trampoline skips its
//! yield-time collection for such a process; the body itself may collect
//! (through `BifHeap::ensure`, with its own terms as roots). Messages
//! delivered meanwhile are built at the heap's top or in fragments, which
//! moves nothing.
//!
//! Processes move between scheduler threads, and a suspended body with
//! them: no frame of a body may keep a thread-local across a suspension
//! (none reads one: the bodies are `erts_core` code over the process's own
//! memory). A process killed while suspended drops its coroutine, which
//! unwinds the body's frames, running their destructors.
//!
//! wasm32 has no stack switching: there a body runs to its end.

use erts_core::budget::Budget;

use erts_core::Term;

use crate::process::{FnResult, Process};

/// The body of a long BIF: runs it on the process's heap with these
/// argument words, reporting to the budget; returns the result's word, or
/// `NON_VALUE` with the exception recorded in the process.
pub type Body = unsafe fn(*mut Process, &[u64], &mut dyn Budget) -> u64;

/// Whether a long BIF's first argument makes its work small enough to run
/// at once, on the scheduler's own stack (`erts_core::budget::is_quick_*`).
pub type Quick = unsafe fn(Term) -> bool;

/// A long BIF as [`run`] calls it.
pub struct LongBif {
    pub arity: usize,
    /// Never consulted on wasm32, where every body runs at once.
    #[cfg_attr(target_family = "wasm", allow(dead_code))]
    pub quick: Quick,
    pub body: Body,
}

/// A budget that only counts, for work that runs at once: what it spent
/// is charged to the caller's reductions.
struct Counted(usize);

impl Budget for Counted {
    fn spend(&mut self, units: usize) {
        self.0 += units;
    }
}

/// Runs `body` to its end on the current stack, charging its work to
/// `reds`.
///
/// # Safety
///
/// As [`run`].
unsafe fn run_at_once(process: *mut Process, words: &[u64], reds: i64, body: Body) -> FnResult {
    let mut counted = Counted(1);
    // SAFETY: forwarded from the caller.
    let word = unsafe { body(process, words, &mut counted) };
    FnResult {
        x0: word,
        reds: reds.saturating_sub(counted.0 as i64),
    }
}

/// The widest long BIF's arity.
const MAX_ARITY: usize = 4;

/// Takes a call over from compiled code: stores its stack pointer and
/// returns the argument words, the first two from native arguments, the
/// rest from the register array (none stays live there: the body keeps
/// them as its roots).
///
/// # Safety
///
/// `process` is compiled code's running process.
unsafe fn take_call(
    process: *mut Process,
    sp: *mut u64,
    arity: usize,
    x0: u64,
    x1: u64,
) -> [u64; MAX_ARITY] {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    process.sp = sp;
    process.live = 0;
    let mut words = [x0, x1, 0, 0];
    for (index, word) in words.iter_mut().enumerate().take(arity).skip(2) {
        *word = process.registers[index];
    }
    words
}

#[cfg(not(target_family = "wasm"))]
pub use coroutine::{resume, run, LongWork};

#[cfg(target_family = "wasm")]
pub use direct::{resume, run, LongWork};

#[cfg(not(target_family = "wasm"))]
mod coroutine {
    use corosensei::stack::DefaultStack;
    use corosensei::{Coroutine, CoroutineResult, Yielder};
    use erts_core::abi::NON_VALUE;
    use erts_core::budget::Budget;
    use erts_core::Term;

    use super::{run_at_once, take_call, LongBif};
    use crate::process::{FnResult, Process, Resume, Stop};
    use crate::trampoline::BUDGET;

    /// A body's result word and the reductions left of its last slice.
    type Finished = (u64, i64);

    /// A suspended body, kept by its process until it goes on.
    pub struct LongWork {
        coroutine: Coroutine<i64, (), Finished, DefaultStack>,
    }

    // SAFETY: the coroutine's frames hold the body's locals: terms and
    // buffers of the process that owns the coroutine, which moves between
    // threads with it (see the module's note on thread-locals).
    unsafe impl Send for LongWork {}

    /// The budget of a body on a coroutine: reductions left in the slice;
    /// spending the last suspends the body until the next slice, which
    /// brings a new allowance.
    struct SliceBudget<'y> {
        yielder: &'y Yielder<i64, ()>,
        left: i64,
    }

    impl Budget for SliceBudget<'_> {
        fn spend(&mut self, units: usize) {
            self.left -= units as i64;
            if self.left <= 0 {
                self.left = self.yielder.suspend(());
            }
        }
    }

    /// Calls the long BIF `bif` for compiled code: as an Erlang function,
    /// returning its value or yielding part-way.
    ///
    /// # Safety
    ///
    /// Called from a uniform-prototype function with compiled code's
    /// running process, stack pointer and reductions, and valid argument
    /// words.
    pub unsafe fn run(
        process: *mut Process,
        sp: *mut u64,
        reds: i64,
        x0: u64,
        x1: u64,
        bif: &'static LongBif,
    ) -> FnResult {
        let LongBif { arity, quick, body } = *bif;
        // SAFETY: forwarded from the caller.
        let words = unsafe { take_call(process, sp, arity, x0, x1) };
        // SAFETY: compiled code passes valid terms; nothing has collected.
        let is_quick = unsafe { quick(Term::from_bits(words[0])) };
        let stack = if is_quick { None } else { stack_pool::take() };
        let Some(stack) = stack else {
            // Small work, or no memory for a stack: run to the end, as
            // wasm32 does.
            // SAFETY: forwarded from the caller.
            return unsafe { run_at_once(process, &words[..arity], reds, body) };
        };
        let coroutine = Coroutine::with_stack(stack, move |yielder, left| {
            let mut budget = SliceBudget { yielder, left };
            // SAFETY: the process outlives its coroutine (it drops it
            // first), and runs nothing else until the body is done.
            let word = unsafe { body(process, &words[..arity], &mut budget) };
            (word, budget.left)
        });
        // SAFETY: forwarded from the caller.
        unsafe { step(process, coroutine, reds) }
    }

    /// Goes on with the process's suspended body for a slice: the
    /// trampoline's `Resume::LongWork`.
    ///
    /// # Safety
    ///
    /// `process` is the running process, suspended in long work.
    pub unsafe fn resume(process: *mut Process) -> FnResult {
        // SAFETY: forwarded from the caller.
        let work = unsafe { (*process).long_work.take() };
        match work {
            // SAFETY: forwarded from the caller.
            Some(work) => unsafe { step(process, work.coroutine, BUDGET) },
            None => crate::entry::fatal("a process resumed long work it does not have"),
        }
    }

    /// Runs the body until it finishes or spends `reds`.
    ///
    /// # Safety
    ///
    /// As [`resume`]; the process holds no reference while the body runs
    /// (it reaches the process through its pointer).
    unsafe fn step(
        process: *mut Process,
        mut coroutine: Coroutine<i64, (), Finished, DefaultStack>,
        reds: i64,
    ) -> FnResult {
        match coroutine.resume(reds) {
            CoroutineResult::Yield(()) => {
                // SAFETY: the body is suspended; the process is ours again.
                let process = unsafe { &mut *process };
                process.long_work = Some(Box::new(LongWork { coroutine }));
                process.resume = Resume::LongWork;
                process.stop = Stop::Yield;
                FnResult {
                    x0: NON_VALUE,
                    reds: 0,
                }
            }
            CoroutineResult::Return((word, left)) => {
                stack_pool::give(coroutine.into_stack());
                // A failed body recorded its exception (and `Stop`).
                FnResult {
                    x0: word,
                    reds: left,
                }
            }
        }
    }

    /// Coroutine stacks kept for reuse: mapping a fresh one costs system
    /// calls, and most long BIFs finish within their first slice.
    mod stack_pool {
        use std::sync::Mutex;

        use corosensei::stack::DefaultStack;

        /// Bytes of one stack: the bodies are iterative (their depth does
        /// not grow with their input), so this leaves a wide margin; pages
        /// never touched take no memory.
        const STACK_BYTES: usize = 256 * 1024;

        /// Stacks kept at most.
        const KEPT: usize = 32;

        static POOL: Mutex<Vec<DefaultStack>> = Mutex::new(Vec::new());

        /// A stack from the pool, or a new one; `None` when none can be
        /// mapped.
        pub fn take() -> Option<DefaultStack> {
            let pooled = POOL
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .pop();
            pooled.or_else(|| DefaultStack::new(STACK_BYTES).ok())
        }

        /// Keeps `stack` for the next body, or unmaps it.
        pub fn give(stack: DefaultStack) {
            let mut pool = POOL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if pool.len() < KEPT {
                pool.push(stack);
            }
        }
    }
}

#[cfg(target_family = "wasm")]
mod direct {
    use super::{run_at_once, take_call, LongBif};
    use crate::process::{FnResult, Process};

    /// Never made: without stack switching no body suspends.
    pub enum LongWork {}

    /// Unreachable: no process has long work to resume.
    ///
    /// # Safety
    ///
    /// None needed; it only stops the program.
    pub unsafe fn resume(_process: *mut Process) -> FnResult {
        crate::entry::fatal("resuming long work, which wasm32 never suspends")
    }

    /// Runs the long BIF `bif` to its end.
    ///
    /// # Safety
    ///
    /// As the native `run`.
    pub unsafe fn run(
        process: *mut Process,
        sp: *mut u64,
        reds: i64,
        x0: u64,
        x1: u64,
        bif: &'static LongBif,
    ) -> FnResult {
        let LongBif { arity, body, .. } = *bif;
        // SAFETY: forwarded from the caller.
        let words = unsafe { take_call(process, sp, arity, x0, x1) };
        // SAFETY: forwarded from the caller.
        unsafe { run_at_once(process, &words[..arity], reds, body) }
    }
}
