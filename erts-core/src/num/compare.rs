//! Comparison between numbers: the term order (`<`, `=<`, ...), `==`,
//! `=:=`, and `min/2`, `max/2`.
//!
//! An integer and a float compare by their exact values, even where the
//! integer has more digits than a float holds: `(1 bsl 53) + 1 > 2.0e53`
//! style questions get the true answer, as on BEAM. Equal values of
//! different types are `==` but not `=:=`. OTP 25 treats `0.0` and `-0.0`
//! as the same float, also for `=:=`.

use std::cmp::Ordering;

use super::convert::integral_float_to_integer;
use super::{Integer, Number};

/// The order of two numbers by value (`Equal` also for `1` and `1.0`).
pub fn compare(lhs: &Number, rhs: &Number) -> Ordering {
    match (lhs, rhs) {
        (Number::Int(a), Number::Int(b)) => compare_integers(a, b),
        (Number::Float(a), Number::Float(b)) => compare_floats(*a, *b),
        (Number::Int(a), Number::Float(b)) => compare_integer_float(a, *b),
        (Number::Float(a), Number::Int(b)) => compare_integer_float(b, *a).reverse(),
    }
}

/// `A == B`.
pub fn equal(lhs: &Number, rhs: &Number) -> bool {
    compare(lhs, rhs) == Ordering::Equal
}

/// `A =:= B`: equal value and the same type.
pub fn exact_equal(lhs: &Number, rhs: &Number) -> bool {
    match (lhs, rhs) {
        (Number::Int(a), Number::Int(b)) => a == b,
        (Number::Float(a), Number::Float(b)) => a == b,
        _ => false,
    }
}

/// `erlang:min/2`: the first argument when both compare equal.
pub fn min<'a>(lhs: &'a Number, rhs: &'a Number) -> &'a Number {
    match compare(rhs, lhs) {
        Ordering::Less => rhs,
        _ => lhs,
    }
}

/// `erlang:max/2`: the first argument when both compare equal.
pub fn max<'a>(lhs: &'a Number, rhs: &'a Number) -> &'a Number {
    match compare(lhs, rhs) {
        Ordering::Less => rhs,
        _ => lhs,
    }
}

fn compare_integers(lhs: &Integer, rhs: &Integer) -> Ordering {
    match (lhs.as_i64(), rhs.as_i64()) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => lhs.to_bigint().cmp(&rhs.to_bigint()),
    }
}

/// Erlang floats are finite, so the order is total; a NaN that slipped in
/// anyway sorts as equal rather than panicking.
fn compare_floats(lhs: f64, rhs: f64) -> Ordering {
    lhs.partial_cmp(&rhs).unwrap_or(Ordering::Equal)
}

/// Compares exactly: the float's integral part is compared as an integer,
/// and a fractional part breaks a tie in the float's favour.
fn compare_integer_float(integer: &Integer, float: f64) -> Ordering {
    let float_floor = float.floor();
    let by_floor = match integral_float_to_integer(float_floor) {
        Ok(floor) => compare_integers(integer, &floor),
        // Only a non-finite float, which Erlang never has, lands here.
        Err(_) => compare_floats(0.0, float),
    };
    match (by_floor, float_floor != float) {
        (Ordering::Equal, true) => Ordering::Less,
        (order, _) => order,
    }
}
