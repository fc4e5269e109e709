//! The arithmetic and bitwise operators of module `erlang` (`+`, `-`, `*`,
//! `/`, `div`, `rem`, `band`, `bor`, `bxor`, `bsl`, `bsr`, `bnot`, unary `-`
//! and `+`) and the number BIFs `abs/1`, `float/1`, `round/1`, `trunc/1`,
//! `ceil/1`, `floor/1`.
//!
//! An operator given something that is not a number raises `badarith`; a
//! BIF (`abs`, `float`, …) raises `badarg`. The semantics are
//! [`crate::num`]'s; this module only moves numbers in and out of terms.

use super::number::{make_integer, make_number, number_of};
use super::{BifError, BifHeap};
use crate::num::{self, Number};
use crate::term::Term;

/// A binary operator of [`crate::num`].
type BinaryOp = fn(&Number, &Number) -> Result<Number, num::Exception>;

/// A unary operator of [`crate::num`].
type UnaryOp = fn(&Number) -> Result<Number, num::Exception>;

macro_rules! binary_operator {
    ($(#[$doc:meta])* $name:ident => $op:path) => {
        $(#[$doc])*
        ///
        /// # Safety
        ///
        /// The arguments are valid; see [`BifHeap::ensure`].
        pub unsafe fn $name(
            heap: &mut impl BifHeap,
            lhs: Term,
            rhs: Term,
        ) -> Result<Term, BifError> {
            // SAFETY: forwarded from the caller.
            unsafe { binary(heap, lhs, rhs, $op) }
        }
    };
}

macro_rules! unary_operator {
    ($(#[$doc:meta])* $name:ident => $op:path) => {
        $(#[$doc])*
        ///
        /// # Safety
        ///
        /// The argument is valid; see [`BifHeap::ensure`].
        pub unsafe fn $name(heap: &mut impl BifHeap, operand: Term) -> Result<Term, BifError> {
            // SAFETY: forwarded from the caller.
            unsafe { unary(heap, operand, $op) }
        }
    };
}

binary_operator!(
    /// `erlang:'+'/2`.
    plus_2 => num::add
);
binary_operator!(
    /// `erlang:'-'/2`.
    minus_2 => num::subtract
);
binary_operator!(
    /// `erlang:'*'/2`.
    times_2 => num::multiply
);
binary_operator!(
    /// `erlang:'/'/2`: float division.
    divide_2 => num::divide
);
binary_operator!(
    /// `erlang:'div'/2`: integer division, truncating.
    div_2 => num::int_div
);
binary_operator!(
    /// `erlang:'rem'/2`: the remainder of `div`.
    rem_2 => num::rem
);
binary_operator!(
    /// `erlang:'band'/2`.
    band_2 => num::band
);
binary_operator!(
    /// `erlang:'bor'/2`.
    bor_2 => num::bor
);
binary_operator!(
    /// `erlang:'bxor'/2`.
    bxor_2 => num::bxor
);
binary_operator!(
    /// `erlang:'bsl'/2`.
    bsl_2 => num::bsl
);
binary_operator!(
    /// `erlang:'bsr'/2`.
    bsr_2 => num::bsr
);
unary_operator!(
    /// `erlang:'bnot'/1`.
    bnot_1 => num::bnot
);
unary_operator!(
    /// `erlang:'-'/1`.
    minus_1 => num::negate
);
unary_operator!(
    /// `erlang:'+'/1`: the number itself.
    plus_1 => plus
);

/// `erlang:abs/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn abs_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = num::abs(&number)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_number(heap, &result) }
}

/// `erlang:float/1`.
///
/// # Safety
///
/// As [`abs_1`].
pub unsafe fn float_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = Number::Float(num::float(&number)?);
    // SAFETY: the argument is no longer used.
    unsafe { make_number(heap, &result) }
}

/// `erlang:round/1`: halves away from zero.
///
/// # Safety
///
/// As [`abs_1`].
pub unsafe fn round_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = num::round(&number)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &result) }
}

/// `erlang:trunc/1`.
///
/// # Safety
///
/// As [`abs_1`].
pub unsafe fn trunc_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = num::trunc(&number)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &result) }
}

/// `erlang:ceil/1`.
///
/// # Safety
///
/// As [`abs_1`].
pub unsafe fn ceil_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = num::ceil(&number)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &result) }
}

/// `erlang:floor/1`.
///
/// # Safety
///
/// As [`abs_1`].
pub unsafe fn floor_1(heap: &mut impl BifHeap, number: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let number = unsafe { number_of(number) }.ok_or(BifError::Badarg)?;
    let result = num::floor(&number)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &result) }
}

/// [`num::plus`] as a [`UnaryOp`]: unary `+` cannot fail on a number.
fn plus(value: &Number) -> Result<Number, num::Exception> {
    Ok(num::plus(value))
}

/// An operator on two numbers; anything else is `badarith`.
///
/// # Safety
///
/// As [`plus_2`].
unsafe fn binary(
    heap: &mut impl BifHeap,
    lhs: Term,
    rhs: Term,
    op: BinaryOp,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let operands = unsafe { (number_of(lhs), number_of(rhs)) };
    let (Some(lhs), Some(rhs)) = operands else {
        return Err(BifError::Badarith);
    };
    let result = op(&lhs, &rhs)?;
    // SAFETY: the arguments are no longer used.
    unsafe { make_number(heap, &result) }
}

/// An operator on one number; anything else is `badarith`.
///
/// # Safety
///
/// As [`plus_2`].
unsafe fn unary(heap: &mut impl BifHeap, operand: Term, op: UnaryOp) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let operand = unsafe { number_of(operand) }.ok_or(BifError::Badarith)?;
    let result = op(&operand)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_number(heap, &result) }
}
