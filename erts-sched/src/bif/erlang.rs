//! BIFs of module `erlang`.

use std::io::Write;

use erts_core::abi::NON_VALUE;
use erts_core::num::{self, Number};
use erts_core::{Atom, Term};

use crate::display::display;
use crate::exception::Exception;
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
        // SAFETY: the operands are no longer needed; `sp` was stored.
        Ok(result) => match unsafe { make_number(process, &result, 0) } {
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
