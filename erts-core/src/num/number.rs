//! The owned number values the other `num` modules compute on, and the size
//! limits BEAM puts on them.
//!
//! An [`Integer`] is kept normalised: it holds a `BigInt` only when the value
//! is outside `i64`, so equal values always have equal representations. The
//! runtime's term layout is narrower still (60-bit smalls, heap bignums);
//! [`Integer::fits_small60`] and [`Integer::as_small60`] answer for it.

use std::fmt;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::Exception;

/// Largest magnitude, in bits, that a BEAM bignum can hold on 64-bit
/// machines: 2^19 - 1 digits of 64 bits. Anything wider raises
/// `system_limit` (measured on OTP 25: `1 bsl 33554367` works, `1 bsl
/// 33554368` does not).
pub const MAX_INTEGER_BITS: u64 = ((1 << 19) - 1) * 64;

/// Smallest value of a 60-bit small integer, BEAM's immediate integers.
pub const MIN_SMALL60: i64 = -(1 << 59);
/// Largest value of a 60-bit small integer.
pub const MAX_SMALL60: i64 = (1 << 59) - 1;

/// An Erlang number.
///
/// Erlang has no NaN or infinity: every operation that would make one raises
/// `badarith` instead, so a `Float` built by this module is always finite.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(Integer),
    Float(f64),
}

/// An Erlang integer of any size.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Integer(IntRepr);

/// Invariant: `Big` only holds values outside `i64`.
#[derive(Clone, PartialEq, Eq, Hash)]
enum IntRepr {
    Small(i64),
    Big(BigInt),
}

impl Integer {
    /// The integer as an `i64`, if it fits.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            IntRepr::Small(value) => Some(*value),
            IntRepr::Big(_) => None,
        }
    }

    /// The integer as a `BigInt` (a copy for values that fit in `i64`).
    pub fn to_bigint(&self) -> BigInt {
        match &self.0 {
            IntRepr::Small(value) => BigInt::from(*value),
            IntRepr::Big(value) => value.clone(),
        }
    }

    /// Whether BEAM would hold this integer as an immediate (60-bit) small.
    pub fn fits_small60(&self) -> bool {
        self.as_small60().is_some()
    }

    /// The value, if BEAM would hold it as an immediate (60-bit) small.
    pub fn as_small60(&self) -> Option<i64> {
        self.as_i64()
            .filter(|value| (MIN_SMALL60..=MAX_SMALL60).contains(value))
    }

    /// Builds an integer from an arbitrary-size value, raising
    /// `system_limit` when BEAM could not hold it.
    pub fn from_bigint(value: BigInt) -> Result<Integer, Exception> {
        if MAX_INTEGER_BITS < value.bits() {
            return Err(Exception::SystemLimit);
        }
        Ok(Integer::from_narrower_bigint(value))
    }

    /// Builds an integer from a value known to be no wider than an existing
    /// `Integer` (a right shift, for example), so no limit check is needed.
    pub(super) fn from_narrower_bigint(value: BigInt) -> Integer {
        match value.to_i64() {
            Some(small) => Integer(IntRepr::Small(small)),
            None => Integer(IntRepr::Big(value)),
        }
    }

    /// The number of bits of the magnitude (0 for zero).
    pub fn magnitude_bits(&self) -> u64 {
        match &self.0 {
            IntRepr::Small(value) => u64::from(64 - value.unsigned_abs().leading_zeros()),
            IntRepr::Big(value) => value.bits(),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, IntRepr::Small(0))
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            IntRepr::Small(value) => *value < 0,
            IntRepr::Big(value) => value.is_negative(),
        }
    }
}

impl From<i64> for Integer {
    fn from(value: i64) -> Integer {
        Integer(IntRepr::Small(value))
    }
}

impl fmt::Debug for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            IntRepr::Small(value) => write!(f, "{value}"),
            IntRepr::Big(value) => write!(f, "{value}"),
        }
    }
}

impl fmt::Display for Integer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

impl From<Integer> for Number {
    fn from(value: Integer) -> Number {
        Number::Int(value)
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Number {
        Number::Int(Integer::from(value))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Number {
        Number::Float(value)
    }
}
