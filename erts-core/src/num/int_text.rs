//! Integers as text in bases 2 to 36: `integer_to_list/1,2`,
//! `integer_to_binary/1,2`, `list_to_integer/1,2`, `binary_to_integer/1,2`.
//!
//! Digits above 9 are written as uppercase letters and read in either case.
//! The text is an optional `+` or `-` followed by at least one digit, with
//! nothing else (no whitespace, no underscores, no base prefix).

use num_bigint::{BigInt, BigUint, Sign};

use super::{Exception, Integer};

/// The digits of `value` in `base` (2..=36), `-` first when negative.
/// Any other base is `badarg`.
pub fn integer_to_text(value: &Integer, base: i64) -> Result<String, Exception> {
    let base = valid_base(base)?;
    let text = match value.as_i64() {
        Some(small) => small_to_text(small, base),
        None => value.to_bigint().to_str_radix(base).to_ascii_uppercase(),
    };
    Ok(text)
}

/// Reads an integer written in `base` (2..=36). Bad text or base is
/// `badarg`; a number too large for BEAM is `system_limit`.
///
/// Lists reach this as their characters' bytes: a caller with a character
/// above 255 already has `badarg`.
pub fn parse_integer(text: &[u8], base: i64) -> Result<Integer, Exception> {
    let base = valid_base(base)?;
    let (sign, digits) = match text.split_first() {
        Some((b'-', rest)) => (Sign::Minus, rest),
        Some((b'+', rest)) => (Sign::Plus, rest),
        _ => (Sign::Plus, text),
    };
    if digits.is_empty() {
        return Err(Exception::Badarg);
    }
    let digit_values = digits
        .iter()
        .map(|byte| digit_value(*byte, base))
        .collect::<Option<Vec<u8>>>()
        .ok_or(Exception::Badarg)?;
    let magnitude = BigUint::from_radix_be(&digit_values, base).ok_or(Exception::Badarg)?;
    Integer::from_bigint(BigInt::from_biguint(sign, magnitude))
}

fn valid_base(base: i64) -> Result<u32, Exception> {
    match u32::try_from(base) {
        Ok(base) if (2..=36).contains(&base) => Ok(base),
        _ => Err(Exception::Badarg),
    }
}

/// The value of one digit, if it is a digit of `base`.
fn digit_value(byte: u8, base: u32) -> Option<u8> {
    let value = char::from(byte).to_digit(base)?;
    u8::try_from(value).ok()
}

fn small_to_text(value: i64, base: u32) -> String {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let base = u64::from(base);
    let mut magnitude = value.unsigned_abs();
    let mut reversed = Vec::new();
    loop {
        // The remainder is below the base, so at most 35.
        reversed.push(DIGITS[(magnitude % base) as usize]);
        magnitude /= base;
        if magnitude == 0 {
            break;
        }
    }
    if value < 0 {
        reversed.push(b'-');
    }
    reversed.iter().rev().map(|byte| char::from(*byte)).collect()
}
