//! Numbers between their term form (smalls, bignum and float objects) and
//! [`crate::num`]'s owned form, on which the arithmetic is defined.

use num_bigint::{BigInt, Sign};

use super::{built, BifError, BifHeap};
use crate::build;
use crate::num::{Integer, Number};
use crate::term::Term;

/// The number `term` denotes, if it is one.
///
/// # Safety
///
/// `term` is valid and nothing collects its heap during the call.
pub unsafe fn number_of(term: Term) -> Option<Number> {
    if let Some(small) = term.as_small() {
        return Some(Number::from(small));
    }
    // SAFETY: forwarded from the caller.
    if let Some(value) = unsafe { term.float_value() } {
        return Some(Number::Float(value));
    }
    // SAFETY: forwarded from the caller.
    unsafe { integer_of(term) }.map(Number::Int)
}

/// The integer `term` denotes (a small or a bignum), if it is one.
///
/// # Safety
///
/// As [`number_of`].
pub unsafe fn integer_of(term: Term) -> Option<Integer> {
    if let Some(small) = term.as_small() {
        return Some(Integer::from(small));
    }
    // SAFETY: forwarded from the caller.
    let (negative, digits) = unsafe { term.bignum_digits() }?;
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    let bytes: Vec<u8> = digits
        .iter()
        .flat_map(|digit| digit.to_le_bytes())
        .collect();
    Integer::from_bigint(BigInt::from_bytes_le(sign, &bytes)).ok()
}

/// Builds `number` on `heap` (a small needs no room).
///
/// # Safety
///
/// As [`BifHeap::ensure`] with no roots: the caller holds no term of the
/// heap across this call.
pub unsafe fn make_number(heap: &mut impl BifHeap, number: &Number) -> Result<Term, BifError> {
    match number {
        // SAFETY: forwarded from the caller.
        Number::Int(integer) => unsafe { make_integer(heap, integer) },
        Number::Float(value) => {
            // SAFETY: forwarded from the caller.
            unsafe { heap.ensure(2, &mut []) }?;
            built(build::float(heap, *value))
        }
    }
}

/// Builds `integer` on `heap`, as a small when it fits one.
///
/// # Safety
///
/// As [`make_number`].
pub unsafe fn make_integer(heap: &mut impl BifHeap, integer: &Integer) -> Result<Term, BifError> {
    if let Some(small) = integer.as_small60().and_then(Term::small) {
        return Ok(small);
    }
    let (sign, digits) = integer.to_bigint().to_u64_digits();
    // SAFETY: forwarded from the caller.
    unsafe { heap.ensure(1 + digits.len(), &mut []) }?;
    built(build::bignum(heap, sign == Sign::Minus, &digits))
}
