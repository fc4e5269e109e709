//! Erlang functions the runtime writes in Rust with the uniform prototype
//! (`erlang:yield/0`, `erlang:hibernate/3`): BIFs that stop the running
//! process. A BIF cannot: compiled code takes its `NON_VALUE` for an
//! exception, and may catch it in the same function. A call to one of
//! these is an ordinary Erlang call (the linker's `is_runtime_function`),
//! so its `NON_VALUE` unwinds to the trampoline with the caller's resume
//! point on the stack, and `process.stop` says why.

use erts_core::abi::{ResumePoint, NON_VALUE};
use erts_core::{Atom, Term};

use crate::exception::{Exception, TopFrame};
use crate::process::{ErlangFn, FnResult, Process, Resume, Stop, Waiting};

/// The code of `module:function/arity` if it is one of these, for `apply`
/// and `fun erlang:F/A`.
pub fn lookup(module: Atom, function: Atom, arity: u64) -> Option<*const u8> {
    let code: ErlangFn = match (module.name(), function.name(), arity) {
        ("erlang", "yield", 0) => erlang_yield_0,
        ("erlang", "hibernate", 3) => erlang_hibernate_3,
        ("erlang", "apply", 2) => apply_2,
        ("erlang", "apply", 3) => apply_3,
        _ => crate::bif::long_function(module, function, arity as u32)?,
    };
    Some(code as *const u8)
}

/// The result that hands the process back to the trampoline.
fn stopped() -> FnResult {
    FnResult {
        x0: NON_VALUE,
        reds: 0,
    }
}

/// `erlang:yield/0`: the process goes to the back of its run queue, and
/// `true` goes to its caller when it runs again.
///
/// # Safety
///
/// Called by compiled code (or the trampoline) with its running process
/// and stack pointer.
#[unsafe(export_name = "erlang:yield/0")]
pub unsafe extern "C" fn erlang_yield_0(
    process: *mut Process,
    sp: *mut u64,
    _reds: i64,
    _entry: u32,
    _x0: u64,
    _x1: u64,
) -> FnResult {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    process.sp = sp;
    process.resume = Resume::Return {
        value: Term::atom(Atom::TRUE),
    };
    process.stop = Stop::Yield;
    stopped()
}

/// Where a hibernating process goes on: the frame above the stack's
/// bottom holds the call to make (`[this point, Module, Function, Args]`).
static WAKE_UP: ResumePoint = ResumePoint {
    function: wake_up as *const u8,
    entry: 0,
    frame_words: WAKE_UP_FRAME as u32,
    location: std::ptr::null(),
};

const WAKE_UP_FRAME: usize = 4;

/// `erlang:hibernate(Module, Function, Args)`: drops the call stack,
/// compacts the heap and waits for a message; then calls
/// `Module:Function(Args...)`, whose return ends the process. A process
/// with messages already queued goes on at once (after a yield).
///
/// # Safety
///
/// As [`erlang_yield_0`]; `x0`, `x1` and the third register are valid
/// terms.
#[unsafe(export_name = "erlang:hibernate/3")]
pub unsafe extern "C" fn erlang_hibernate_3(
    process: *mut Process,
    sp: *mut u64,
    _reds: i64,
    _entry: u32,
    x0: u64,
    x1: u64,
) -> FnResult {
    // SAFETY: forwarded from the caller.
    let process = unsafe { &mut *process };
    process.sp = sp;
    process.registers[0] = x0;
    process.registers[1] = x1;
    // SAFETY: compiled code passes valid terms.
    let [module, function, arguments] =
        [0, 1, 2].map(|n| unsafe { Term::from_bits(process.registers[n]) });
    // SAFETY: as above.
    let is_list = unsafe { erts_core::bif::list::length_1(arguments) }.is_ok();
    if module.as_atom().is_none() || function.as_atom().is_none() || !is_list {
        let exception = Exception {
            top: Some(TopFrame::Missing {
                module: Atom::intern("erlang").expect("a short atom"),
                function: Atom::intern("hibernate").expect("a short atom"),
                arguments: crate::catching::arguments_list(process, 3),
            }),
            ..Exception::badarg()
        };
        process.exception = Some(Box::new(exception));
        process.stop = Stop::Exception;
        return stopped();
    }
    // The stack's last word is its bottom marker; the call goes above it.
    // SAFETY: a new stack has room for this frame over its bottom marker.
    let frame = unsafe { process.stack_end.sub(1 + WAKE_UP_FRAME) };
    let words = [
        std::ptr::from_ref(&WAKE_UP) as u64,
        module.bits(),
        function.bits(),
        arguments.bits(),
    ];
    // SAFETY: the frame lies within the stack (see above).
    unsafe { std::ptr::copy_nonoverlapping(words.as_ptr(), frame, WAKE_UP_FRAME) };
    process.sp = frame;
    process.mailbox.forget_receive_state();
    // SAFETY: every term the process keeps is now in that frame, its
    // mailbox or its dictionary. A failed collection leaves the heap as
    // it was, which is still correct.
    let _ = unsafe { process.collect(0, 0, &mut []) };
    if process.mailbox.messages.is_empty() {
        process.waiting = Some(Waiting {
            on_message: &WAKE_UP,
            on_timeout: &WAKE_UP,
            deadline: None,
        });
        process.stop = Stop::Wait;
    } else {
        process.resume = Resume::At { point: &WAKE_UP };
        process.stop = Stop::Yield;
    }
    stopped()
}

/// Wakes a hibernated process: pops the frame [`erlang_hibernate_3`] made
/// and calls `Module:Function(Args...)` in its place.
///
/// # Safety
///
/// Called by the trampoline with the frame at `sp`.
unsafe extern "C" fn wake_up(
    process: *mut Process,
    sp: *mut u64,
    reds: i64,
    _entry: u32,
    _x0: u64,
    _x1: u64,
) -> FnResult {
    // SAFETY: the trampoline resumes the frame `erlang_hibernate_3` made.
    let ([module, function, arguments], sp) =
        unsafe { ([1, 2, 3].map(|n| sp.add(n).read()), sp.add(WAKE_UP_FRAME)) };
    // SAFETY: forwarded from the caller.
    unsafe { (&mut (*process).registers)[2] = arguments };
    // SAFETY: the frame held the call's valid terms; `sp` is the stack's
    // bottom, which the call returns to.
    unsafe { apply_3(process, sp, reds, 0, module, function) }
}

/// `erlang:apply(Module, Function, Args)` as code: for `apply` and funs
/// of `erlang:apply/3`, hibernating into it, and a spawn of a function the
/// program lacks, which starts a process that fails with `undef` as on
/// BEAM (the argument list in the third register).
///
/// # Safety
///
/// As [`erlang_hibernate_3`].
pub unsafe extern "C" fn apply_3(
    process: *mut Process,
    sp: *mut u64,
    reds: i64,
    _entry: u32,
    x0: u64,
    x1: u64,
) -> FnResult {
    // SAFETY: forwarded from the caller.
    unsafe { apply_list(process, sp, reds, x0, x1, 3) }
}

/// `erlang:apply(Fun, Args)` as code (see [`apply_3`]).
///
/// # Safety
///
/// As [`erlang_hibernate_3`].
unsafe extern "C" fn apply_2(
    process: *mut Process,
    sp: *mut u64,
    reds: i64,
    _entry: u32,
    x0: u64,
    x1: u64,
) -> FnResult {
    // SAFETY: forwarded from the caller.
    unsafe { apply_list(process, sp, reds, x0, x1, 2) }
}

/// Calls what `apply/2` (`x0` a fun, `x1` the arguments) or `apply/3`
/// (`x0`, `x1` and the third register) names.
///
/// # Safety
///
/// As [`erlang_hibernate_3`].
unsafe fn apply_list(
    process: *mut Process,
    sp: *mut u64,
    reds: i64,
    x0: u64,
    x1: u64,
    apply_arity: u64,
) -> FnResult {
    {
        // SAFETY: forwarded from the caller.
        let running = unsafe { &mut *process };
        running.registers[0] = x0;
        running.registers[1] = x1;
    }
    // SAFETY: the registers hold what the apply names.
    let code = unsafe { crate::funs::earts_resolve_apply_list(process, sp, apply_arity) };
    if code.is_null() {
        return FnResult {
            x0: NON_VALUE,
            reds,
        };
    }
    // SAFETY: resolved code has the uniform prototype.
    let function: ErlangFn = unsafe { std::mem::transmute::<*const u8, ErlangFn>(code) };
    // SAFETY: forwarded from the caller.
    let registers = unsafe { &(*process).registers };
    let (x0, x1) = (registers[0], registers[1]);
    // SAFETY: the call's arguments are in the registers.
    unsafe { function(process, sp, reds, 0, x0, x1) }
}
