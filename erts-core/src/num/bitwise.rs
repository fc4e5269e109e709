//! The bitwise operators `band bor bxor bnot bsl bsr`.
//!
//! Integers behave as infinite two's complement bit strings, so negative
//! numbers have infinitely many leading ones (`-1 band 5 =:= 5`, `-8 bsr 1
//! =:= -4`). Floats are `badarith`. A negative shift count shifts the other
//! way; a left shift whose result BEAM could not hold is `system_limit`,
//! while a right shift past every bit leaves 0 or -1.

use num_bigint::BigInt;

use super::{Exception, Integer, Number, MAX_INTEGER_BITS};

/// `A band B`.
pub fn band(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    logical(lhs, rhs, |a, b| a & b, |a, b| a & b)
}

/// `A bor B`.
pub fn bor(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    logical(lhs, rhs, |a, b| a | b, |a, b| a | b)
}

/// `A bxor B`.
pub fn bxor(lhs: &Number, rhs: &Number) -> Result<Number, Exception> {
    logical(lhs, rhs, |a, b| a ^ b, |a, b| a ^ b)
}

/// `bnot A`.
pub fn bnot(value: &Number) -> Result<Number, Exception> {
    let integer = integer_operand(value)?;
    let result = match integer.as_i64() {
        Some(small) => Integer::from(!small),
        None => Integer::from_bigint(!integer.to_bigint())?,
    };
    Ok(Number::Int(result))
}

/// `A bsl B`.
pub fn bsl(value: &Number, count: &Number) -> Result<Number, Exception> {
    let value = integer_operand(value)?;
    let count = integer_operand(count)?;
    Ok(Number::Int(shift(value, count, Direction::Left)?))
}

/// `A bsr B`.
pub fn bsr(value: &Number, count: &Number) -> Result<Number, Exception> {
    let value = integer_operand(value)?;
    let count = integer_operand(count)?;
    Ok(Number::Int(shift(value, count, Direction::Right)?))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Left,
    Right,
}

fn integer_operand(value: &Number) -> Result<&Integer, Exception> {
    match value {
        Number::Int(integer) => Ok(integer),
        Number::Float(_) => Err(Exception::Badarith),
    }
}

fn logical(
    lhs: &Number,
    rhs: &Number,
    small_op: fn(i64, i64) -> i64,
    big_op: fn(BigInt, BigInt) -> BigInt,
) -> Result<Number, Exception> {
    let lhs = integer_operand(lhs)?;
    let rhs = integer_operand(rhs)?;
    let result = match (lhs.as_i64(), rhs.as_i64()) {
        (Some(a), Some(b)) => Integer::from(small_op(a, b)),
        _ => Integer::from_bigint(big_op(lhs.to_bigint(), rhs.to_bigint()))?,
    };
    Ok(Number::Int(result))
}

/// Shifts `value` by `count` bits in `direction`, the other way when
/// `count` is negative.
fn shift(value: &Integer, count: &Integer, direction: Direction) -> Result<Integer, Exception> {
    if value.is_zero() {
        return Ok(Integer::from(0));
    }
    // A count beyond `u64` shifts further than any integer has bits, so
    // saturating it changes nothing.
    let n_bits = count.as_i64().map_or(u64::MAX, i64::unsigned_abs);
    let leftwards = (direction == Direction::Left) != count.is_negative();
    if !leftwards {
        return Ok(shift_right(value, n_bits));
    }
    if MAX_INTEGER_BITS < value.magnitude_bits().saturating_add(n_bits) {
        return Err(Exception::SystemLimit);
    }
    Integer::from_bigint(value.to_bigint() << n_bits)
}

/// Arithmetic right shift: rounds towards minus infinity, as two's
/// complement does.
fn shift_right(value: &Integer, count: u64) -> Integer {
    if value.magnitude_bits() <= count {
        return Integer::from(if value.is_negative() { -1 } else { 0 });
    }
    match value.as_i64() {
        // `count` is below the 64 bits of the value here.
        Some(small) => Integer::from(small >> count),
        None => Integer::from_narrower_bigint(value.to_bigint() >> count),
    }
}
