//! The runtime functions of `erts_core::abi::RUNTIME_FUNCTIONS`, as compiled
//! code calls them. Each takes the running process first; the stack
//! pointer it is given is the caller's current one.

use std::cmp::Ordering;

use erts_core::abi::Location;
use erts_core::{build, Atom, Term};

use crate::exception::Exception;
use crate::process::{ErlangFn, Process, Resume, Stop};
use erts_core::{compare, eq as equal, eq_exact as exact_equal};

/// Compiled code passes its own process, which nothing else touches while
/// it runs.
///
/// # Safety
///
/// `process` is the running process.
unsafe fn running<'a>(process: *mut Process) -> &'a mut Process {
    // SAFETY: forwarded from the caller.
    unsafe { &mut *process }
}

/// # Safety
///
/// Called by compiled code (see `abi::RUNTIME_FUNCTIONS`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_gc(process: *mut Process, sp: *mut u64, need: u64, live: u64) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    process.sp = sp;
    // SAFETY: the live registers are in the register array, the rest of
    // the process's terms on its stack.
    if let Err(exception) = unsafe { process.collect(need as usize, live as usize, &mut []) } {
        // A heap that cannot grow is fatal for the process, as on BEAM.
        crate::entry::fatal(&format!(
            "cannot allocate {need} heap words: {:?}",
            exception.reason
        ));
    }
}

/// # Safety
///
/// As [`earts_gc`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_grow_stack(
    process: *mut Process,
    sp: *mut u64,
    need: u64,
) -> *mut u64 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    let sp = process.stack.grow(sp, need as usize);
    process.stack_limit = process.stack.limit();
    process.stack_end = process.stack.end();
    process.sp = sp;
    sp
}

/// # Safety
///
/// As [`earts_gc`]; `function` has the uniform prototype.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_yield_at_entry(
    process: *mut Process,
    sp: *mut u64,
    function: *const u8,
    arity: u64,
) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    // SAFETY: compiled code passes one of its functions, which all have
    // the uniform prototype.
    let function: ErlangFn = unsafe { std::mem::transmute::<*const u8, ErlangFn>(function) };
    process.sp = sp;
    process.resume = Resume::Entry { function, arity };
    process.stop = Stop::Yield;
}

/// # Safety
///
/// `a` and `b` are valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_compare(a: u64, b: u64) -> i32 {
    // SAFETY: forwarded from the caller.
    match unsafe { compare(Term::from_bits(a), Term::from_bits(b)) } {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// # Safety
///
/// As [`earts_compare`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_eq_exact(a: u64, b: u64) -> i32 {
    // SAFETY: forwarded from the caller.
    i32::from(unsafe { exact_equal(Term::from_bits(a), Term::from_bits(b)) })
}

/// # Safety
///
/// As [`earts_compare`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_eq(a: u64, b: u64) -> i32 {
    // SAFETY: forwarded from the caller.
    i32::from(unsafe { equal(Term::from_bits(a), Term::from_bits(b)) })
}

fn raise(process: &mut Process, sp: *mut u64, mut exception: Exception, location: *const Location) {
    process.sp = sp;
    // SAFETY: compiled code passes a pointer to one of its constant
    // locations, which live as long as the program.
    exception.location = unsafe { location.as_ref() };
    process.exception = Some(Box::new(exception));
    process.stop = Stop::Exception;
}

/// # Safety
///
/// As [`earts_gc`]; `reason` is a valid term; `location` a constant location.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_raise_error(
    process: *mut Process,
    sp: *mut u64,
    reason: u64,
    location: *const Location,
) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    // SAFETY: forwarded from the caller.
    let reason = unsafe { Term::from_bits(reason) };
    raise(process, sp, Exception::error(reason), location);
}

/// # Safety
///
/// As [`earts_gc`]; `location` a constant location.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_locate_failure(process: *mut Process, location: *const Location) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    if let Some(exception) = process.exception.as_mut() {
        if exception.location.is_none() {
            // SAFETY: compiled code passes one of its constant locations.
            exception.location = unsafe { location.as_ref() };
        }
    }
}

/// # Safety
///
/// As [`earts_raise_error`]; `tag` is an atom.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_raise_tagged(
    process: *mut Process,
    sp: *mut u64,
    tag: u64,
    value: u64,
    location: *const Location,
) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    process.sp = sp;
    // SAFETY: forwarded from the caller.
    let mut roots = unsafe { [Term::from_bits(tag), Term::from_bits(value)] };
    // SAFETY: `sp` is stored; the tag and value are roots.
    let reason = match unsafe { process.ensure_room(3, 0, &mut roots) } {
        Ok(()) => process
            .build(|heap| build::tuple(heap, &roots))
            .unwrap_or(Term::atom(Atom::SYSTEM_LIMIT)),
        Err(exception) => exception.reason,
    };
    raise(process, sp, Exception::error(reason), location);
}

/// # Safety
///
/// As [`earts_gc`]; `location` names the function whose arguments are in
/// the register array.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_raise_function_clause(
    process: *mut Process,
    sp: *mut u64,
    location: *const Location,
) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    process.sp = sp;
    // SAFETY: compiled code passes a constant location.
    let arity = unsafe { location.as_ref() }.map_or(0, |l| l.arity as usize);
    let arguments = crate::catching::arguments_list(process, arity);
    let exception = Exception {
        top: Some(crate::exception::TopFrame::Arguments(arguments)),
        ..Exception::error(Term::atom(Atom::FUNCTION_CLAUSE))
    };
    raise(process, sp, exception, location);
}

/// # Safety
///
/// As [`earts_gc`]; called at the start of a `try` handler.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_try_case(process: *mut Process, sp: *mut u64) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    process.sp = sp;
    let values = crate::catching::try_case_values(process);
    for (register, value) in process.registers.iter_mut().zip(values) {
        *register = value.bits();
    }
}

/// # Safety
///
/// As [`earts_gc`]; called when a `catch` caught an exception.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_catch_value(process: *mut Process, sp: *mut u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    process.sp = sp;
    crate::catching::catch_value(process).bits()
}

/// # Safety
///
/// As [`earts_raise_error`]; `raw` is a raw stack trace (or any term).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_raise_raw(
    process: *mut Process,
    sp: *mut u64,
    raw: u64,
    reason: u64,
    location: *const Location,
) {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    // SAFETY: compiled code passes valid terms.
    let exception =
        unsafe { crate::catching::reraise(Term::from_bits(raw), Term::from_bits(reason)) };
    raise(process, sp, exception, location);
}

/// # Safety
///
/// As [`earts_gc`]; `raw` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_build_stacktrace(
    _process: *mut Process,
    _sp: *mut u64,
    raw: u64,
) -> u64 {
    // SAFETY: compiled code passes a valid term.
    unsafe { crate::catching::trace_of(Term::from_bits(raw)) }.bits()
}

/// # Safety
///
/// As [`earts_gc`]; `term` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_float_of(process: *mut Process, sp: *mut u64, term: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let process = unsafe { running(process) };
    // SAFETY: forwarded from the caller.
    let number = unsafe { erts_core::bif::number::number_of(Term::from_bits(term)) };
    match number.map(|n| erts_core::num::float(&n)) {
        Some(Ok(value)) => value.to_bits(),
        _ => {
            raise(process, sp, Exception::badarith(), std::ptr::null());
            f64::NAN.to_bits()
        }
    }
}

/// # Safety
///
/// `term` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bitstring_kind(term: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let term = unsafe { Term::from_bits(term) };
    // SAFETY: the term is valid; these only read it.
    if unsafe { term.binary_bytes() }.is_some() {
        return 2;
    }
    // SAFETY: as above.
    match unsafe { term.sub_binary() } {
        Some(sub) if sub.bit_size % 8 == 0 => 2,
        Some(_) => 1,
        None => 0,
    }
}
