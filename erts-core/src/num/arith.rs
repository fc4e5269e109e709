//! The arithmetic operators `+ - * / div rem`, unary `-` and `+`, and
//! `abs/1`.
//!
//! Integers are exact and grow into bignums; as soon as one operand is a
//! float both are converted (as BEAM converts them) and the result must be a
//! finite float, else `badarith`. `div` and `rem` take integers only and
//! truncate towards zero, so `rem` has the sign of the dividend.

use num_bigint::BigInt;

use super::convert::integer_to_f64;
use super::{Exception, Integer, Number};

/// `A + B`.
pub fn add(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    mixed(lhs, rhs, i64::checked_add, |a, b| a + b, |a, b| a + b)
}

/// `A - B`.
pub fn subtract(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    mixed(lhs, rhs, i64::checked_sub, |a, b| a - b, |a, b| a - b)
}

/// `A * B`.
pub fn multiply(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    mixed(lhs, rhs, i64::checked_mul, |a, b| a * b, |a, b| a * b)
}

/// `A / B`: always a float; a zero divisor (of either sign) is `badarith`.
pub fn divide(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    let dividend = to_f64(lhs)?;
    let divisor = to_f64(rhs)?;
    if divisor == 0.0 {
        return Err(Exception::Badarith);
    }
    finite(dividend / divisor)
}

/// `-A`.
pub fn negate(value: &Number) -> Result<Number, Exception> {
    match value {
        Number::Int(integer) => Ok(Number::Int(negate_integer(integer)?)),
        Number::Float(float) => Ok(Number::Float(-float)),
    }
}

/// `+A`: a number is its own value (anything else is the runtime's
/// `badarith`).
pub fn plus(value: &Number) -> Number {
    value.clone()
}

/// `abs(A)`. BEAM keeps the sign of `-0.0`, so this does too.
pub fn abs(value: &Number) -> Result<Number, Exception> {
    match value {
        Number::Int(integer) if integer.is_negative() => Ok(Number::Int(negate_integer(integer)?)),
        Number::Int(integer) => Ok(Number::Int(integer.clone())),
        Number::Float(float) if *float < 0.0 => Ok(Number::Float(-float)),
        Number::Float(float) => Ok(Number::Float(*float)),
    }
}

/// `A div B`.
pub fn int_div(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    integer_division(lhs, rhs, i64::checked_div, |a, b| a / b)
}

/// `A rem B`.
pub fn rem(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    // `i64::MIN rem -1` overflows in Rust but is 0; wrapping gives that.
    integer_division(lhs, rhs, |a, b| Some(a.wrapping_rem(b)), |a, b| a % b)
}

fn negate_integer(integer: &Integer) -> Result<Integer, Exception> {
    match integer.as_i64().and_then(i64::checked_neg) {
        Some(negated) => Ok(Integer::from(negated)),
        None => Integer::from_bigint(-integer.to_bigint()),
    }
}

fn mixed(
    lhs: &Number,
    rhs: &Number,
    small_op: fn(i64, i64) -> Option<i64>,
    big_op: fn(BigInt, BigInt) -> BigInt,
    float_op: fn(f64, f64) -> f64,
) -> Result<Number, Exception> {
    match (lhs, rhs) {
        (Number::Int(a), Number::Int(b)) => Ok(Number::Int(integer_op(a, b, small_op, big_op)?)),
        _ => finite(float_op(to_f64(lhs)?, to_f64(rhs)?)),
    }
}

fn integer_division(
    lhs: &Number,
    rhs: &Number,
    small_op: fn(i64, i64) -> Option<i64>,
    big_op: fn(BigInt, BigInt) -> BigInt,
) -> Result<Number, Exception> {
    match (lhs, rhs) {
        (Number::Int(_), Number::Int(divisor)) if divisor.is_zero() => Err(Exception::Badarith),
        (Number::Int(a), Number::Int(b)) => Ok(Number::Int(integer_op(a, b, small_op, big_op)?)),
        _ => Err(Exception::Badarith),
    }
}

fn integer_op(
    lhs: &Integer,
    rhs: &Integer,
    small_op: fn(i64, i64) -> Option<i64>,
    big_op: fn(BigInt, BigInt) -> BigInt,
) -> Result<Integer, Exception> {
    let small_result = match (lhs.as_i64(), rhs.as_i64()) {
        (Some(a), Some(b)) => small_op(a, b),
        _ => None,
    };
    match small_result {
        Some(result) => Ok(Integer::from(result)),
        None => Integer::from_bigint(big_op(lhs.to_bigint(), rhs.to_bigint())),
    }
}

/// An operand of mixed arithmetic as BEAM converts it; an integer too big
/// for a float makes the whole operation `badarith`.
fn to_f64(value: &Number) -> Result<f64, Exception> {
    match value {
        Number::Int(integer) => integer_to_f64(integer).ok_or(Exception::Badarith),
        Number::Float(float) => Ok(*float),
    }
}

fn finite(result: f64) -> Result<Number, Exception> {
    match result.is_finite() {
        true => Ok(Number::Float(result)),
        false => Err(Exception::Badarith),
    }
}
