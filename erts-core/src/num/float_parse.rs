//! Floats from text: `list_to_float/1` and `binary_to_float/1`.
//!
//! BEAM's syntax is strict: an optional sign, digits, a decimal point,
//! digits, and an optional exponent (`e` or `E`, optional sign, digits).
//! `"1e10"`, `"1."`, `".5"` and `" 1.0"` are all `badarg`. BEAM also takes
//! `,` as the decimal point, and since it hands the text to C as a
//! NUL-terminated string, a NUL byte ends the text early. A value beyond the
//! float range is `badarg`; one too small for a float reads as zero.

use super::Exception;

/// Reads a float the way `list_to_float/1` and `binary_to_float/1` do.
///
/// Lists reach this as their characters' bytes: a caller with a character
/// above 255 already has `badarg`.
pub fn parse_float(text: &[u8]) -> Result<f64, Exception> {
    let text = match text.iter().position(|byte| *byte == 0) {
        Some(nul) => &text[..nul],
        None => text,
    };
    let normalised = normalise_syntax(text).ok_or(Exception::Badarg)?;
    match normalised.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        _ => Err(Exception::Badarg),
    }
}

/// Checks BEAM's float syntax and returns the text with a `.` as its
/// decimal point, ready for Rust's parser.
fn normalise_syntax(text: &[u8]) -> Option<String> {
    let mut rest = text;
    let sign = take_sign(&mut rest);
    let integer_digits = take_digits(&mut rest)?;
    let (point, after_point) = rest.split_first()?;
    if *point != b'.' && *point != b',' {
        return None;
    }
    rest = after_point;
    let fraction_digits = take_digits(&mut rest)?;
    let mut normalised = format!("{sign}{integer_digits}.{fraction_digits}");
    if let Some((marker, after_marker)) = rest.split_first() {
        if *marker != b'e' && *marker != b'E' {
            return None;
        }
        rest = after_marker;
        let exponent_sign = take_sign(&mut rest);
        let exponent_digits = take_digits(&mut rest)?;
        if !rest.is_empty() {
            return None;
        }
        normalised.push_str(&format!("e{exponent_sign}{exponent_digits}"));
    }
    Some(normalised)
}

fn take_sign<'a>(rest: &mut &'a [u8]) -> &'a str {
    match rest.first() {
        Some(b'-') => {
            *rest = &rest[1..];
            "-"
        }
        Some(b'+') => {
            *rest = &rest[1..];
            "+"
        }
        _ => "",
    }
}

/// Takes one or more ASCII digits from the front of `rest`.
fn take_digits<'a>(rest: &mut &'a [u8]) -> Option<&'a str> {
    let n_digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    if n_digits == 0 {
        return None;
    }
    let (digits, after) = rest.split_at(n_digits);
    *rest = after;
    std::str::from_utf8(digits).ok()
}
