//! BIFs of module `erlang`.

use std::io::Write;

use erts_core::abi::NON_VALUE;
use erts_core::num::{self, Number};
use erts_core::{Atom, Term};

use crate::display::display;
use crate::exception::{Class, Exception};
use crate::numbers::{exception_of, make_number, number_of};
use crate::process::Process;

/// Records `exception` and returns `NON_VALUE`.
fn raise(process: &mut Process, exception: Exception) -> u64 {
    process.exception = Some(exception);
    process.stop = crate::process::Stop::Exception;
    NON_VALUE
}

/// An arithmetic operator's slow path (the fast path for smalls is inline
/// in compiled code).
///
/// # Safety
///
/// `process` is the running process; `a` and `b` are valid terms.
unsafe fn arith(
    process: *mut Process,
    a: u64,
    b: u64,
    op: fn(&Number, &Number) -> Result<Number, num::Exception>,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (a, b) = unsafe { (number_of(Term::from_bits(a)), number_of(Term::from_bits(b))) };
    let (Some(a), Some(b)) = (a, b) else {
        return raise(process, Exception::badarith());
    };
    match op(&a, &b) {
        // SAFETY: the operands are no longer needed; `sp` and `live` were
        // stored by the caller.
        Ok(result) => match unsafe { make_number(process, &result, process.live as usize) } {
            Ok(term) => term.bits(),
            Err(exception) => raise(process, exception),
        },
        Err(error) => raise(process, exception_of(error)),
    }
}

/// `erlang:'+'/2`.
///
/// # Safety
///
/// Called by compiled code with its running process and valid terms.
#[unsafe(export_name = "earts_bif:erlang:+/2")]
pub unsafe extern "C" fn plus_2(process: *mut Process, a: u64, b: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { arith(process, a, b, num::add) }
}

/// `erlang:'-'/2`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:-/2")]
pub unsafe extern "C" fn minus_2(process: *mut Process, a: u64, b: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { arith(process, a, b, num::subtract) }
}

/// `erlang:'*'/2`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:*/2")]
pub unsafe extern "C" fn times_2(process: *mut Process, a: u64, b: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { arith(process, a, b, num::multiply) }
}

/// `erlang:display/1`: writes the term and a newline to standard output.
/// BEAM writes it through its terminal driver, which ends lines with CR LF
/// even when the output is not a terminal.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:display/1")]
pub unsafe extern "C" fn display_1(_process: *mut Process, term: u64) -> u64 {
    let mut text = String::new();
    // SAFETY: compiled code passes a valid term.
    unsafe { display(&mut text, Term::from_bits(term)) };
    text.push_str("\r\n");
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    Term::atom(Atom::TRUE).bits()
}

/// Raises `class:reason` from a BIF.
///
/// # Safety
///
/// As [`plus_2`].
unsafe fn raise_class(process: *mut Process, class: Class, reason: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes a valid term.
    let reason = unsafe { Term::from_bits(reason) };
    raise(process, Exception::new(class, reason))
}

/// `erlang:error/1`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:error/1")]
pub unsafe extern "C" fn error_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Error, reason) }
}

/// `erlang:error/2` (the arguments only matter to stack traces, which do
/// not show BIF arguments yet).
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:error/2")]
pub unsafe extern "C" fn error_2(process: *mut Process, reason: u64, _args: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Error, reason) }
}

/// `erlang:throw/1`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:throw/1")]
pub unsafe extern "C" fn throw_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Throw, reason) }
}

/// `erlang:exit/1`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:exit/1")]
pub unsafe extern "C" fn exit_1(process: *mut Process, reason: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { raise_class(process, Class::Exit, reason) }
}

/// `erlang:raise/3`: raises `class:reason` with `stacktrace` as its trace;
/// a bad class or trace makes it return `badarg` instead, as on BEAM.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:raise/3")]
pub unsafe extern "C" fn raise_3(
    process: *mut Process,
    class: u64,
    reason: u64,
    stacktrace: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (class, reason, stacktrace) = unsafe {
        (
            Term::from_bits(class),
            Term::from_bits(reason),
            Term::from_bits(stacktrace),
        )
    };
    let is_list = stacktrace.is_list() || stacktrace == Term::NIL;
    match Exception::class_of(class) {
        Some(class) if is_list => raise(
            process,
            Exception {
                trace: Some(stacktrace),
                ..Exception::new(class, reason)
            },
        ),
        _ => raise(process, Exception::badarg()),
    }
}

/// `erlang:length/1`.
///
/// # Safety
///
/// As [`plus_2`].
#[unsafe(export_name = "earts_bif:erlang:length/1")]
pub unsafe extern "C" fn length_1(process: *mut Process, list: u64) -> u64 {
    // SAFETY: compiled code passes a valid term.
    let mut rest = unsafe { Term::from_bits(list) };
    let mut length: i64 = 0;
    // SAFETY: `rest` is valid; each tail of a cons is.
    while let Some(tail) = unsafe { rest.tail() } {
        length += 1;
        rest = tail;
    }
    if rest != Term::NIL {
        // SAFETY: compiled code passes its own running process.
        return raise(unsafe { &mut *process }, Exception::badarg());
    }
    Term::small(length).map_or_else(|| Term::NIL.bits(), Term::bits)
}

/// The type-test BIFs (`is_atom/1`, …) called outside guards; inside
/// guards compiled code tests inline.
macro_rules! type_test_bif {
    ($name:ident, $symbol:literal, |$term:ident| $test:expr) => {
        /// A type test.
        ///
        /// # Safety
        ///
        /// As [`plus_2`].
        #[unsafe(export_name = $symbol)]
        pub unsafe extern "C" fn $name(_process: *mut Process, term: u64) -> u64 {
            // SAFETY: compiled code passes a valid term.
            let $term = unsafe { Term::from_bits(term) };
            // SAFETY: the term is valid; the test only reads it.
            #[allow(unused_unsafe, reason = "only some tests read the heap")]
            let holds: bool = unsafe { $test };
            Term::atom(if holds { Atom::TRUE } else { Atom::FALSE }).bits()
        }
    };
}

type_test_bif!(is_atom_1, "earts_bif:erlang:is_atom/1", |t| t.is_atom());
type_test_bif!(is_list_1, "earts_bif:erlang:is_list/1", |t| t.is_list()
    || t == Term::NIL);
type_test_bif!(is_tuple_1, "earts_bif:erlang:is_tuple/1", |t| t
    .tuple_elements()
    .is_some());
type_test_bif!(is_pid_1, "earts_bif:erlang:is_pid/1", |t| t.is_local_pid());
type_test_bif!(is_integer_1, "earts_bif:erlang:is_integer/1", |t| t
    .is_small()
    || t.bignum_digits().is_some());
type_test_bif!(is_float_1, "earts_bif:erlang:is_float/1", |t| t
    .float_value()
    .is_some());
type_test_bif!(is_number_1, "earts_bif:erlang:is_number/1", |t| number_of(
    t
)
.is_some());
type_test_bif!(is_boolean_1, "earts_bif:erlang:is_boolean/1", |t| matches!(
    t.as_atom(),
    Some(Atom::TRUE | Atom::FALSE)
));
