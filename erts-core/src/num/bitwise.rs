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
    Ok(Number::Int(shift_left(value, count.to_bigint())?))
}

/// `A bsr B`.
pub fn bsr(value: &Number, count: &Number) -> Result<Number, Exception> {
    let value = integer_operand(value)?;
    let count = integer_operand(count)?;
    Ok(Number::Int(shift_left(value, -count.to_bigint())?))
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

/// Shifts `value` left by `count` bits, right when `count` is negative.
fn shift_left(value: &Integer, count: BigInt) -> Result<Integer, Exception> {
    if value.is_zero() {
        return Ok(Integer::from(0));
    }
    match i64::try_from(&count) {
        Ok(count) if 0 <= count => {
            let width = value.magnitude_bits().saturating_add(count.unsigned_abs());
            if MAX_INTEGER_BITS < width {
                return Err(Exception::SystemLimit);
            }
            Integer::from_bigint(value.to_bigint() << count.unsigned_abs())
        }
        Ok(count) => Ok(shift_right(value, count.unsigned_abs())),
        Err(_) if count.sign() == num_bigint::Sign::Minus => Ok(shift_right(value, u64::MAX)),
        Err(_) => Err(Exception::SystemLimit),
    }
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
