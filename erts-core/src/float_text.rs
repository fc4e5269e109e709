//! The shortest text that reads back as the same float, laid out as BEAM's
//! `float_to_list(F, [short])` (and so `io:format("~w")`) lays it out.
//!
//! BEAM takes the shortest round-trip digits (Ryu) and then writes them in
//! plain decimal or in scientific notation, whichever is shorter, preferring
//! decimal on a tie; from 2^53 up it always writes scientific notation,
//! because decimal notation would print digits the float does not hold.

/// Formats `value` exactly as BEAM's `float_to_list(value, [short])`.
///
/// Erlang has no NaN or infinities; they are printed as Rust prints them.
pub fn float_to_short_string(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        }
        .to_string();
    }
    let (digits, exponent) = shortest_digits(value.abs());
    let sign = if value < 0.0 { "-" } else { "" };
    let scientific = scientific_notation(&digits, exponent);
    const TWO_POW_53: f64 = 9_007_199_254_740_992.0;
    if value.abs() >= TWO_POW_53 {
        return format!("{sign}{scientific}");
    }
    let decimal = decimal_notation(&digits, exponent);
    if scientific.len() < decimal.len() {
        format!("{sign}{scientific}")
    } else {
        format!("{sign}{decimal}")
    }
}

/// The shortest round-trip significant digits of a positive finite float
/// and the decimal exponent of the first digit (`d.ddd × 10^exponent`).
fn shortest_digits(value: f64) -> (String, i32) {
    // Rust's `{:e}` prints the shortest digits that round-trip.
    let text = format!("{value:e}");
    let (mantissa, exponent) = text
        .split_once('e')
        .expect("`{:e}` always prints an exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let exponent = exponent.parse().expect("`{:e}` prints a decimal exponent");
    (even_on_a_tie(value, digits, exponent), exponent)
}

/// Ryu's rule for a value exactly halfway between two shortest digit
/// strings that both read back as it: BEAM keeps the one ending in an even
/// digit, where Rust's formatter rounds up (`682575727972374.25` prints as
/// `682575727972374.2` on BEAM).
fn even_on_a_tie(value: f64, digits: String, exponent: i32) -> String {
    let last = digits.as_bytes()[digits.len() - 1];
    if (last - b'0').is_multiple_of(2) {
        return digits;
    }
    let mut lower = digits.clone().into_bytes();
    *lower.last_mut().expect("at least one digit") -= 1;
    let lower = String::from_utf8(lower).expect("ASCII digits");
    let (first, rest) = lower.split_at(1);
    let reads_back = format!("{first}.{rest}e{exponent}").parse::<f64>() == Ok(value);
    if reads_back && is_exactly(value, &format!("{lower}5"), exponent - digits.len() as i32) {
        lower
    } else {
        digits
    }
}

/// Whether `value` (positive, finite) is exactly the integer `digits`
/// times `10^power`.
fn is_exactly(value: f64, digits: &str, power: i32) -> bool {
    use num_bigint::BigUint;
    let bits = value.to_bits();
    let (mantissa, binary_exponent) = match ((bits >> 52) & 0x7ff) as i32 {
        0 => (bits & ((1 << 52) - 1), -1074),
        biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075),
    };
    let Ok(decimal) = digits.parse::<BigUint>() else {
        return false;
    };
    // value = mantissa * 2^binary_exponent; decimal * 10^power. Both sides
    // are scaled to integers.
    let mut left = BigUint::from(mantissa);
    let mut right = decimal;
    if binary_exponent >= 0 {
        left <<= binary_exponent as u32;
    } else {
        right <<= (-binary_exponent) as u32;
    }
    let ten = BigUint::from(10u32);
    if power >= 0 {
        right *= ten.pow(power as u32);
    } else {
        left *= ten.pow((-power) as u32);
    }
    left == right
}

fn scientific_notation(digits: &str, exponent: i32) -> String {
    let (first, rest) = digits.split_at(1);
    let rest = if rest.is_empty() { "0" } else { rest };
    format!("{first}.{rest}e{exponent}")
}

fn decimal_notation(digits: &str, exponent: i32) -> String {
    if exponent < 0 {
        let zeros = "0".repeat((-exponent - 1) as usize);
        return format!("0.{zeros}{digits}");
    }
    let n_integer_digits = exponent as usize + 1;
    if digits.len() <= n_integer_digits {
        let zeros = "0".repeat(n_integer_digits - digits.len());
        format!("{digits}{zeros}.0")
    } else {
        let (integer, fraction) = digits.split_at(n_integer_digits);
        format!("{integer}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::float_to_short_string;

    /// Pairs printed by `erl` (OTP 25) with `io:format("~w")`.
    #[test]
    fn matches_beam_layout() {
        let cases = [
            (6.825757279723743e14, "682575727972374.2"),
            (0.125, "0.125"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (100.0, "100.0"),
            (1000.0, "1.0e3"),
            (0.1, "0.1"),
            (0.0001, "0.0001"),
            (1.5e-5, "1.5e-5"),
            (123456.0, "123456.0"),
            (1.0e15, "1.0e15"),
            (12345678901234567.0, "1.2345678901234568e16"),
            (2.75, "2.75"),
            (5.0e-324, "5.0e-324"),
            (1.7976931348623157e308, "1.7976931348623157e308"),
            (99999.0, "99999.0"),
            (100000.0, "1.0e5"),
            (-1234.5, "-1234.5"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_to_short_string(value), expected, "for {value:e}");
        }
    }
}
