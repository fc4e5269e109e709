//! A process as compiled code sees it: the fields at the offsets of
//! `erts_core::abi::process` first, then the runtime's own state.

use erts_core::abi::{CatchHandler, ResumePoint};
use erts_core::{Atom, Heap, HeapConfig, Term};

use crate::exception::Exception;
use crate::mailbox::Mailbox;
use crate::registers::Registers;
use crate::stack::Stack;

/// What the trampoline does next with a process.
#[derive(Debug, Clone, Copy)]
pub enum Resume {
    /// Call `function` from its entry; its arguments are in the registers.
    Entry { function: ErlangFn, arity: u64 },
    /// Give `value` to the frame at the stack pointer.
    Return { value: Term },
    /// Run the exception handler of the frame at the stack pointer.
    Handler { handler: &'static CatchHandler },
    /// Go on at a resume point of the function whose frame (if any) is at
    /// the stack pointer: after a `receive` waited.
    At { point: &'static ResumePoint },
    /// Go on with the suspended long BIF in `Process::long_work`; its
    /// value goes to the frame at the stack pointer.
    LongWork,
}

/// `{Module, Function, Arity}` of the function a process was spawned to
/// run.
#[derive(Debug, Clone, Copy)]
pub struct InitialCall {
    pub module: Atom,
    pub function: Atom,
    pub arity: u32,
}

/// A process blocked in `receive`: where it goes on when a message comes,
/// or when its deadline passes.
#[derive(Debug, Clone, Copy)]
pub struct Waiting {
    pub on_message: &'static ResumePoint,
    pub on_timeout: &'static ResumePoint,
    pub deadline: Option<std::time::Instant>,
}

/// The uniform prototype of compiled Erlang functions (see `erts_core::abi`).
pub type ErlangFn = unsafe extern "C" fn(*mut Process, *mut u64, i64, u32, u64, u64) -> FnResult;

/// What a compiled function returns: `x0` (or `NON_VALUE`) and the budget.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct FnResult {
    pub x0: u64,
    pub reds: i64,
}

/// Why a function returned `NON_VALUE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Yield,
    Exception,
    /// Blocked in `receive` (see `Process::waiting`).
    Wait,
}

#[repr(C)]
pub struct Process {
    // The fields generated code touches, at `abi::process` offsets.
    pub htop: *mut u64,
    pub hend: *mut u64,
    pub stack_limit: *mut u64,
    pub x: *mut u64,
    pub sp: *mut u64,
    pub live: u64,
    pub stack_end: *mut u64,
    // The runtime's own.
    /// A long BIF suspended part-way (`long_work`). First of the runtime's
    /// fields, so that it is dropped (and its frames unwound) while the
    /// heap its locals point into still exists.
    pub long_work: Option<Box<crate::long_work::LongWork>>,
    pub heap: Heap,
    pub stack: Stack,
    /// The x registers (`x` points at them while the process runs);
    /// released while it waits in `receive`.
    pub registers: Registers,
    pub resume: Resume,
    pub stop: Stop,
    /// Boxed: every process holds room for it, and few ever raise.
    pub exception: Option<Box<Exception>>,
    /// The process identifier.
    pub pid: Term,
    pub mailbox: Mailbox,
    /// Set while the process is blocked in `receive`.
    pub waiting: Option<Waiting>,
    /// Where its I/O requests go (`erlang:group_leader/0`): a local pid.
    pub group_leader: Term,
    /// The monitors this process holds and those on it.
    pub monitors: crate::monitors::Monitors,
    /// The ids of the processes it is linked to.
    pub links: std::collections::BTreeSet<u64>,
    /// `process_flag(trap_exit, true)`: exit signals become messages.
    pub trap_exit: bool,
    /// The function it was spawned to run (`process_info`'s
    /// `initial_call`); `None` for a fun, whose is `erlang:apply/2`.
    pub initial_call: Option<InitialCall>,
    /// The process dictionary: `{Key, Value}` tuples on the heap (roots
    /// of every collection).
    pub dictionary: Vec<Term>,
    /// Reductions spent so far (`process_info(P, reductions)`).
    pub reductions: u64,
    /// How many arguments of the BIF running `Registers::bif_arguments`
    /// holds: roots of every collection, so that an error can show them
    /// as BEAM does (`bif::finish_bif`).
    pub bif_arity: u8,
}

// SAFETY: a process is owned by one place at a time (its slot in the
// table, or the one scheduler running it); its heap, stack and fragments
// belong to it alone, and the shared data it points at (literals, refc
// binaries, atoms) is immutable or atomically counted.
unsafe impl Send for Process {}

/// The resume point at the bottom of every stack: returning to it ends the
/// process.
pub static BOTTOM: ResumePoint = ResumePoint {
    function: std::ptr::null(),
    entry: 0,
    frame_words: 1,
    location: std::ptr::null(),
};

impl Process {
    /// A process that will run `function` with the given arguments.
    /// A process `id` that will run `function` with `arity` arguments,
    /// which the caller puts in its registers.
    pub fn new(function: ErlangFn, arity: u64, id: u64) -> Result<Box<Process>, String> {
        let config = HeapConfig {
            torture: gc_torture(),
            catch_stale_terms: gc_torture(),
            ..HeapConfig::default()
        };
        let heap = Heap::new(config).map_err(|e| format!("creating a heap: {e:?}"))?;
        let mut stack = Stack::new();
        let sp = stack.push_bottom(&BOTTOM);
        let registers = Registers::for_new_process();
        let (htop, hend) = heap.bump_region();
        let process = Box::new(Process {
            htop,
            hend,
            stack_limit: stack.limit(),
            // Set when it runs, once it has a register array.
            x: std::ptr::null_mut(),
            sp,
            live: 0,
            stack_end: stack.end(),
            long_work: None,
            heap,
            stack,
            registers,
            resume: Resume::Entry { function, arity },
            stop: Stop::Yield,
            exception: None,
            pid: Term::local_pid(id).ok_or_else(|| "too many processes".to_string())?,
            mailbox: Mailbox::default(),
            waiting: None,
            group_leader: Term::local_pid(id).ok_or_else(|| "too many processes".to_string())?,
            monitors: crate::monitors::Monitors::default(),
            links: std::collections::BTreeSet::new(),
            trap_exit: false,
            initial_call: None,
            dictionary: Vec::new(),
            reductions: 0,
            bif_arity: 0,
        });
        Ok(process)
    }

    /// Hands the bump region back to the heap, before the runtime uses it.
    pub fn sync_heap_top(&mut self) {
        // SAFETY: compiled code only bumps `htop` within the region the
        // heap gave out (each bump checked against `hend` by `test_heap`).
        unsafe { self.heap.set_top(self.htop) };
    }

    /// Takes the bump region from the heap again, after the runtime used it.
    pub fn load_heap_top(&mut self) {
        let (htop, hend) = self.heap.bump_region();
        self.htop = htop;
        self.hend = hend;
    }

    /// Makes sure `words` can be built on the heap, collecting when not,
    /// with the first `live` x registers, the stack and `extra` as roots
    /// (`extra` is updated when its terms move).
    ///
    /// # Safety
    ///
    /// `self.sp` is the current stack pointer; every term the caller keeps
    /// must be in the roots (the registers, the stack or `extra`).
    pub unsafe fn ensure_room(
        &mut self,
        words: usize,
        live: usize,
        extra: &mut [Term],
    ) -> Result<(), Exception> {
        self.sync_heap_top();
        if self.heap.available() >= words {
            return Ok(());
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.collect(words, live, extra) }
    }

    /// Collects when the messages attached since the last collection
    /// would have filled the heap ([`erts_core::Heap::wants_collection`]),
    /// so that received and dropped messages are freed even if the process
    /// allocates nothing. Called as the process stops, with the first
    /// `live` x registers live. Failing to find memory is left to the next
    /// allocation to report.
    ///
    /// # Safety
    ///
    /// As [`Process::ensure_room`].
    pub unsafe fn collect_if_fragments_pile_up(&mut self, live: usize) {
        if self.heap.wants_collection() {
            // SAFETY: forwarded from the caller.
            let _ = unsafe { self.collect(0, live, &mut []) };
        }
    }

    /// Runs a builder on the heap (after [`Process::ensure_room`]).
    pub fn build<T>(&mut self, builder: impl FnOnce(&mut Heap) -> Option<T>) -> Option<T> {
        self.sync_heap_top();
        let built = builder(&mut self.heap);
        self.load_heap_top();
        built
    }

    /// Collects with the first `live` x registers, the stack and `extra`
    /// as roots, leaving at least `need` words free.
    ///
    /// # Safety
    ///
    /// As [`Process::ensure_room`].
    pub unsafe fn collect(
        &mut self,
        need: usize,
        live: usize,
        extra: &mut [Term],
    ) -> Result<(), Exception> {
        // SAFETY: forwarded from the caller.
        unsafe { self.collect_as(need, live, extra, false) }
    }

    /// As [`Process::collect`], sweeping the old generation too
    /// (`erlang:garbage_collect/0`).
    ///
    /// # Safety
    ///
    /// As [`Process::ensure_room`].
    pub unsafe fn collect_fully(&mut self, live: usize) -> Result<(), Exception> {
        // SAFETY: forwarded from the caller.
        unsafe { self.collect_as(0, live, &mut [], true) }
    }

    /// # Safety
    ///
    /// As [`Process::ensure_room`].
    unsafe fn collect_as(
        &mut self,
        need: usize,
        live: usize,
        extra: &mut [Term],
        full: bool,
    ) -> Result<(), Exception> {
        self.sync_heap_top();
        let (registers, bif_arguments) = self
            .registers
            .live_and_bif_arguments(live, self.bif_arity as usize);
        let (registers, bif_arguments) = (as_terms(registers), as_terms(bif_arguments));
        let stack = as_terms(self.stack.used_from(self.sp));
        // An exception on its way to a handler holds terms too, and so do
        // the messages waiting in the mailbox.
        let mut exception_terms: Vec<Term> = self
            .exception
            .as_ref()
            .map(|exception| exception.terms())
            .unwrap_or_default();
        let messages = self.mailbox.messages.make_contiguous();
        let mut roots: [&mut [Term]; 7] = [
            registers,
            stack,
            extra,
            &mut exception_terms,
            messages,
            &mut self.dictionary,
            bif_arguments,
        ];
        let result = if full {
            // SAFETY: as below.
            unsafe { self.heap.collect_full(need, &mut roots) }
        } else {
            // SAFETY: the roots are every term the process holds; stack
            // words tagged 00 are resume points, which the collector
            // leaves alone.
            unsafe { self.heap.collect(need, &mut roots) }.map(|_| ())
        };
        if let Some(exception) = &mut self.exception {
            exception.set_terms(&exception_terms);
        }
        self.load_heap_top();
        result.map_err(|_| Exception::system_limit())
    }
}

/// `EARTS_GC_TORTURE=1` makes every heap collect at every allocation that
/// goes beyond what the last collection made room for: the tests run
/// compiled programs so to check that every root is where the collector
/// looks.
fn gc_torture() -> bool {
    std::env::var_os("EARTS_GC_TORTURE").is_some_and(|v| v == "1")
}

/// Views register or stack words as terms.
fn as_terms(words: &mut [u64]) -> &mut [Term] {
    // SAFETY: `Term` is `repr(transparent)` over `u64`; the words are valid
    // terms (or resume points, which the collector skips).
    unsafe { std::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<Term>(), words.len()) }
}

#[cfg(test)]
mod tests {
    use std::mem::offset_of;

    use erts_core::abi::process;

    use super::Process;

    #[test]
    fn fields_sit_at_the_abi_offsets() {
        assert_eq!(offset_of!(Process, htop), process::HTOP);
        assert_eq!(offset_of!(Process, hend), process::HEND);
        assert_eq!(offset_of!(Process, stack_limit), process::STACK_LIMIT);
        assert_eq!(offset_of!(Process, x), process::X);
        assert_eq!(offset_of!(Process, sp), process::SP);
        assert_eq!(offset_of!(Process, live), process::LIVE);
        assert_eq!(offset_of!(Process, stack_end), process::STACK_END);
    }
}
