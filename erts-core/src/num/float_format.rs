//! Floats as text: `float_to_list/1,2` and `float_to_binary/1,2` with the
//! options `{decimals, N}`, `{scientific, N}`, `compact` and `short`.
//!
//! BEAM formats into a 256-byte C buffer, and its limits follow from that:
//! text of 256 bytes or more is `badarg` (so `{decimals, 253}` fits for
//! `1.5` but not for `-1.5`). The option value is read as a C `int`. The
//! last format option wins; `compact` only affects `decimals`.
//!
//! `{decimals, N}` has two paths, as in BEAM: below 2^53 and with fewer than
//! 19 decimals it rounds with float arithmetic (`round(frac * 10^N)`, halves
//! away from zero), otherwise it prints the exact decimal expansion rounded
//! half to even, as C's `%.*f` does. `compact` then strips trailing zeros,
//! on the second path even from a number without a decimal point.

use super::{Exception, Integer};
use crate::float_to_short_string;

/// One element of the options list of `float_to_list/2`.
///
/// The runtime turns any other element, an improper list or a count that is
/// not an integer into `badarg` before calling [`float_to_text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FloatOption {
    Decimals(Integer),
    Scientific(Integer),
    Compact,
    Short,
}

/// `float_to_list(Value, Options)`; `float_to_list/1` passes no options.
pub fn float_to_text(value: f64, options: &[FloatOption]) -> Result<String, Exception> {
    let mut style = Style::Scientific;
    // BEAM's default precision, the 20 digits of `float_to_list/1`.
    let mut precision = 20;
    let mut compact = false;
    for option in options {
        match option {
            FloatOption::Decimals(count) => {
                style = Style::Fixed;
                precision = c_int(count)?;
            }
            FloatOption::Scientific(count) => {
                style = Style::Scientific;
                precision = c_int(count)?;
            }
            FloatOption::Compact => compact = true,
            FloatOption::Short => style = Style::Short,
        }
    }
    match style {
        Style::Short => Ok(float_to_short_string(value)),
        Style::Scientific => scientific(value, precision),
        Style::Fixed => fixed(value, precision, compact),
    }
}

enum Style {
    Short,
    Scientific,
    Fixed,
}

/// The size of BEAM's formatting buffer, terminating NUL included.
const BUFFER_SIZE: usize = 256;

/// Powers of ten that the fast fixed-point path scales by; all exact.
const POWERS_OF_TEN: [f64; 19] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18,
];

/// The option's count as BEAM reads it: a small integer, then cast to C's
/// 32-bit `int`, which keeps the low 32 bits.
fn c_int(count: &Integer) -> Result<i32, Exception> {
    let small = count.as_small60().ok_or(Exception::Badarg)?;
    Ok(small as i32)
}

/// C's `%.*e`: a negative precision means the default, 6.
fn scientific(value: f64, precision: i32) -> Result<String, Exception> {
    let precision = usize::try_from(precision).unwrap_or(6);
    if BUFFER_SIZE < precision {
        return Err(Exception::Badarg);
    }
    let rust_text = format!("{value:.precision$e}");
    // Rust writes `1.5e-7`; C writes at least two exponent digits and a sign.
    let (mantissa, exponent) = rust_text.split_once('e').ok_or(Exception::Badarg)?;
    let (exponent_sign, exponent_digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    fits_buffer(format!("{mantissa}e{exponent_sign}{exponent_digits:0>2}"))
}

fn fixed(value: f64, decimals: i32, compact: bool) -> Result<String, Exception> {
    let decimals = usize::try_from(decimals).map_err(|_| Exception::Badarg)?;
    const TWO_POW_53: f64 = 9_007_199_254_740_992.0;
    if TWO_POW_53 < value.abs() || POWERS_OF_TEN.len() <= decimals {
        if BUFFER_SIZE < decimals {
            return Err(Exception::Badarg);
        }
        // BEAM checks the size before it strips zeros.
        let mut text = fits_buffer(format!("{value:.decimals$}"))?;
        if compact {
            strip_trailing_zeros(&mut text);
        }
        return Ok(text);
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let magnitude = value.abs();
    if decimals == 0 {
        return Ok(format!("{sign}{}", magnitude.round() as u64));
    }
    let scale = POWERS_OF_TEN[decimals];
    let integer_part = magnitude.floor();
    let fraction = ((magnitude - integer_part) * scale).round();
    let (integer_part, fraction) = match scale <= fraction {
        // Rounding the fraction carried into the integer part.
        true => (integer_part as u64 + 1, 0),
        false => (integer_part as u64, fraction as u64),
    };
    let mut text = format!("{sign}{integer_part}.{fraction:0decimals$}");
    if compact {
        strip_trailing_zeros(&mut text);
    }
    Ok(text)
}

fn fits_buffer(text: String) -> Result<String, Exception> {
    match text.len() < BUFFER_SIZE {
        true => Ok(text),
        false => Err(Exception::Badarg),
    }
}

/// Drops trailing zeros but keeps one digit after a decimal point.
fn strip_trailing_zeros(text: &mut String) {
    text.truncate(text.trim_end_matches('0').len());
    if text.ends_with('.') {
        text.push('0');
    }
}
