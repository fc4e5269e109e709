//! Floats to text: `float_to_list/1,2` and `float_to_binary/1,2`. The
//! `/1` forms print 21 significant digits in scientific notation (C's
//! `%.20e`); the options of the `/2` forms are [`num::float_to_text`]'s.

use super::number::{integer_of, number_of};
use super::{built, BifError, BifHeap};
use crate::build;
use crate::num::{self, FloatOption, Number};
use crate::term::Term;

/// `erlang:float_to_list/2`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn float_to_list_2(
    heap: &mut impl BifHeap,
    float: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { text_with_options(float, options) }?;
    let characters = text
        .bytes()
        .map(|byte| Term::small(i64::from(byte)).ok_or(BifError::Badarg))
        .collect::<Result<Vec<Term>, BifError>>()?;
    // SAFETY: the characters are immediates; no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:float_to_binary/2`.
///
/// # Safety
///
/// As [`float_to_list_2`].
pub unsafe fn float_to_binary_2(
    heap: &mut impl BifHeap,
    float: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { text_with_options(float, options) }?;
    // SAFETY: no roots.
    unsafe { heap.ensure(build::heap_binary_words(text.len()), &mut []) }?;
    built(build::heap_binary(heap, text.as_bytes()))
}

/// The text of a float term under an options list: `badarg` for a float
/// that is none, an improper list or an option that is none.
///
/// # Safety
///
/// The arguments are valid and nothing collects during the call.
unsafe fn text_with_options(float: Term, options: Term) -> Result<String, BifError> {
    // SAFETY: forwarded from the caller.
    let Some(Number::Float(value)) = (unsafe { number_of(float) }) else {
        return Err(BifError::Badarg);
    };
    // SAFETY: as above.
    let elements = unsafe { super::proper_list_elements(options) }.ok_or(BifError::Badarg)?;
    let mut parsed = Vec::with_capacity(elements.len());
    for element in elements {
        // SAFETY: as above.
        parsed.push(unsafe { float_option(element) }.ok_or(BifError::Badarg)?);
    }
    Ok(num::float_to_text(value, &parsed)?)
}

/// One option of `float_to_list/2`.
///
/// # Safety
///
/// As [`text_with_options`].
unsafe fn float_option(option: Term) -> Option<FloatOption> {
    if let Some(atom) = option.as_atom() {
        return match atom.name() {
            "compact" => Some(FloatOption::Compact),
            "short" => Some(FloatOption::Short),
            _ => None,
        };
    }
    // SAFETY: forwarded from the caller.
    let [name, count] = unsafe { option.tuple_elements() }? else {
        return None;
    };
    // SAFETY: as above.
    let count = unsafe { integer_of(*count) }?;
    match name.as_atom()?.name() {
        "decimals" => Some(FloatOption::Decimals(count)),
        "scientific" => Some(FloatOption::Scientific(count)),
        _ => None,
    }
}

/// `erlang:float_to_list/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn float_to_list_1(heap: &mut impl BifHeap, float: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { scientific_text(float) }?;
    let characters = text
        .bytes()
        .map(|byte| Term::small(i64::from(byte)).ok_or(BifError::Badarg))
        .collect::<Result<Vec<Term>, BifError>>()?;
    // SAFETY: the characters are immediates and the argument is no longer
    // used; there are no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:float_to_binary/1`.
///
/// # Safety
///
/// As [`float_to_list_1`].
pub unsafe fn float_to_binary_1(heap: &mut impl BifHeap, float: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { scientific_text(float) }?;
    // SAFETY: the argument is no longer used; there are no roots.
    unsafe { heap.ensure(build::heap_binary_words(text.len()), &mut []) }?;
    built(build::heap_binary(heap, text.as_bytes()))
}

/// The `%.20e` text of a float term; `badarg` for anything else.
///
/// # Safety
///
/// `float` is valid.
unsafe fn scientific_text(float: Term) -> Result<String, BifError> {
    // SAFETY: forwarded from the caller.
    let Some(Number::Float(value)) = (unsafe { number_of(float) }) else {
        return Err(BifError::Badarg);
    };
    Ok(scientific(value))
}

/// `value` as C's `%.20e` prints it: Rust's digits are the same (both are
/// the exact value correctly rounded), only the exponent is written
/// differently (`e-1` there, `e-01` here).
pub fn scientific(value: f64) -> String {
    let rust = format!("{value:.20e}");
    let (mantissa, exponent) = rust.split_once('e').unwrap_or((&rust, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

/// `erlang:list_to_float/1`.
///
/// # Safety
///
/// As [`float_to_list_1`].
pub unsafe fn list_to_float_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { super::int_text::latin1_bytes(list) }.ok_or(BifError::Badarg)?;
    let value = num::parse_float(&text)?;
    // SAFETY: the argument is no longer used.
    unsafe { heap.ensure(2, &mut []) }?;
    built(build::float(heap, value))
}

/// `erlang:binary_to_float/1`.
///
/// # Safety
///
/// As [`float_to_list_1`].
pub unsafe fn binary_to_float_1(heap: &mut impl BifHeap, binary: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { super::binary::whole_bytes(binary) }.ok_or(BifError::Badarg)?;
    let value = num::parse_float(&text)?;
    drop(text);
    // SAFETY: the argument is no longer used.
    unsafe { heap.ensure(2, &mut []) }?;
    built(build::float(heap, value))
}

#[cfg(test)]
mod tests {
    use super::scientific;

    #[test]
    fn as_beam_prints_them() {
        // Each expectation is what OTP 25's float_to_list/1 returns.
        assert_eq!(scientific(1.5), "1.50000000000000000000e+00");
        assert_eq!(scientific(-0.0), "-0.00000000000000000000e+00");
        assert_eq!(scientific(0.1), "1.00000000000000005551e-01");
        assert_eq!(scientific(1.0e300), "1.00000000000000005250e+300");
        assert_eq!(scientific(5.0e-324), "4.94065645841246544177e-324");
    }
}
