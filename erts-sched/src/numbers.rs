//! Numbers between their term form (small, bignum, float objects) and
//! `erts_core::num`'s owned form, on which the arithmetic is defined.

use num_bigint::{BigInt, Sign};

use erts_core::num::{self, Integer, Number};
use erts_core::{build, Term};

use crate::exception::Exception;
use crate::process::Process;

/// The number `term` denotes, if it is one.
///
/// # Safety
///
/// `term` is valid (no collection since it was read).
pub unsafe fn number_of(term: Term) -> Option<Number> {
    if let Some(n) = term.as_small() {
        return Some(Number::from(n));
    }
    // SAFETY: forwarded from the caller.
    if let Some(value) = unsafe { term.float_value() } {
        return Some(Number::Float(value));
    }
    // SAFETY: forwarded from the caller.
    unsafe { integer_of(term) }.map(Number::Int)
}

/// The integer a bignum term denotes.
///
/// # Safety
///
/// As [`number_of`].
pub unsafe fn integer_of(term: Term) -> Option<Integer> {
    // SAFETY: forwarded from the caller.
    let (negative, digits) = unsafe { term.bignum_digits() }?;
    let bytes: Vec<u8> = digits.iter().flat_map(|d| d.to_le_bytes()).collect();
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Integer::from_bigint(BigInt::from_bytes_le(sign, &bytes)).ok()
}

/// Builds `number` on the process heap (a small needs no heap). The first
/// `live` x registers survive a collection.
///
/// # Safety
///
/// The process's `sp` is current (see [`Process::ensure_room`]).
pub unsafe fn make_number(
    process: &mut Process,
    number: &Number,
    live: usize,
) -> Result<Term, Exception> {
    match number {
        Number::Int(integer) => {
            if let Some(small) = integer.as_small60() {
                return Ok(Term::small(small).expect("as_small60 fits a small"));
            }
            let (sign, bytes) = integer.to_bigint().to_bytes_le();
            let digits: Vec<u64> = bytes
                .chunks(8)
                .map(|chunk| {
                    let mut word = [0u8; 8];
                    word[..chunk.len()].copy_from_slice(chunk);
                    u64::from_le_bytes(word)
                })
                .collect();
            // SAFETY: forwarded from the caller.
            unsafe { process.ensure_room(digits.len() + 1, live, &mut []) }?;
            process
                .build(|heap| build::bignum(heap, sign == Sign::Minus, &digits))
                .ok_or_else(Exception::system_limit)
        }
        Number::Float(value) => {
            // SAFETY: forwarded from the caller.
            unsafe { process.ensure_room(2, live, &mut []) }?;
            process
                .build(|heap| build::float(heap, *value))
                .ok_or_else(Exception::system_limit)
        }
    }
}

/// The exception an `erts_core::num` error stands for.
pub fn exception_of(error: num::Exception) -> Exception {
    match error {
        num::Exception::Badarith => Exception::badarith(),
        num::Exception::Badarg => Exception::badarg(),
        num::Exception::SystemLimit => Exception::system_limit(),
    }
}
