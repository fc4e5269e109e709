//! Conversions between integers and floats: `float/1` and the rounding
//! BIFs `round/1`, `trunc/1`, `ceil/1`, `floor/1`.
//!
//! BEAM converts a bignum to a float digit by digit from the most significant
//! 64-bit digit, `d = d * 2^64 + digit`, rounding at every step. That is not
//! always the correctly rounded value, and mixed arithmetic uses the same
//! conversion, so [`integer_to_f64`] does exactly the same.

use num_bigint::{BigInt, Sign};
use num_traits::FromPrimitive;

use super::{Exception, Integer, Number};

/// `erlang:float/1`.
pub fn float(value: &Number) -> Result<f64, Exception> {
    match value {
        Number::Int(integer) => integer_to_f64(integer).ok_or(Exception::Badarg),
        Number::Float(float) => Ok(*float),
    }
}

/// `erlang:round/1`: halves round away from zero.
pub fn round(value: &Number) -> Result<Integer, Exception> {
    round_with(value, f64::round)
}

/// `erlang:trunc/1`.
pub fn trunc(value: &Number) -> Result<Integer, Exception> {
    round_with(value, f64::trunc)
}

/// `erlang:ceil/1`.
pub fn ceil(value: &Number) -> Result<Integer, Exception> {
    round_with(value, f64::ceil)
}

/// `erlang:floor/1`.
pub fn floor(value: &Number) -> Result<Integer, Exception> {
    round_with(value, f64::floor)
}

fn round_with(value: &Number, rounding: fn(f64) -> f64) -> Result<Integer, Exception> {
    match value {
        Number::Int(integer) => Ok(integer.clone()),
        Number::Float(float) => integral_float_to_integer(rounding(*float)),
    }
}

/// The integer a float with no fractional part stands for, exactly.
/// Non-finite input (which Erlang never has) is `badarg`.
pub(super) fn integral_float_to_integer(value: f64) -> Result<Integer, Exception> {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_POW_63..TWO_POW_63).contains(&value) {
        // In range and integral, so the cast is exact.
        return Ok(Integer::from(value as i64));
    }
    let big = BigInt::from_f64(value).ok_or(Exception::Badarg)?;
    Integer::from_bigint(big)
}

/// The float BEAM makes of an integer, or `None` when it is beyond the
/// float range.
pub(super) fn integer_to_f64(value: &Integer) -> Option<f64> {
    if let Some(small) = value.as_i64() {
        // One digit or a small: BEAM converts it with one correct rounding.
        return Some(small as f64);
    }
    let (sign, digits) = value.to_bigint().to_u64_digits();
    let mut acc = 0.0_f64;
    const DIGIT_BASE: f64 = 18_446_744_073_709_551_616.0;
    for digit in digits.iter().rev() {
        acc = acc * DIGIT_BASE + *digit as f64;
        if !acc.is_finite() {
            return None;
        }
    }
    Some(if sign == Sign::Minus { -acc } else { acc })
}
