//! IEEE 754 binary16, for 16-bit float segments. Conversions go straight
//! between binary16 and f64 (through f32 would round twice).

/// The binary16 bits nearest to `x`, ties to even; too large becomes
/// infinity, as a 32-bit segment does.
pub fn to_bits(x: f64) -> u16 {
    let sign = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return sign | 0x7e00;
    }
    let a = x.abs();
    const SMALLEST_NORMAL: f64 = 1.0 / 16384.0; // 2^-14
    if a < SMALLEST_NORMAL {
        // Subnormal: a whole number of 2^-24 steps; 1024 steps is the
        // smallest normal, whose bits are the same number.
        return sign | (a * 16_777_216.0).round_ties_even() as u16;
    }
    if a.is_infinite() {
        return sign | 0x7c00;
    }
    let mut exponent = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let mut mantissa = (a / 2f64.powi(exponent) * 1024.0).round_ties_even() as u32;
    if mantissa == 2048 {
        exponent += 1;
        mantissa = 1024;
    }
    if exponent + 15 >= 31 {
        return sign | 0x7c00;
    }
    sign | (((exponent + 15) as u16) << 10) | (mantissa - 1024) as u16
}

/// The value of binary16 `bits`; `None` for infinities and NaNs, which a
/// float segment does not match.
pub fn from_bits(bits: u16) -> Option<f64> {
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    let magnitude = match exponent {
        0 => mantissa * 2f64.powi(-24),
        31 => return None,
        _ => (1024.0 + mantissa) * 2f64.powi(exponent - 25),
    };
    Some(if bits & 0x8000 != 0 {
        -magnitude
    } else {
        magnitude
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finite_half_round_trips() {
        for bits in 0..=u16::MAX {
            if let Some(value) = from_bits(bits) {
                assert_eq!(to_bits(value), bits, "{bits:#06x} = {value}");
            }
        }
    }

    #[test]
    fn rounding_and_overflow() {
        assert_eq!(to_bits(1.5), 0x3e00);
        assert_eq!(to_bits(65504.0), 0x7bff);
        assert_eq!(to_bits(65520.0), 0x7c00);
        assert_eq!(to_bits(-1.0e300), 0xfc00);
        // Halfway between 1.0 and the next half: ties to the even 1.0.
        assert_eq!(to_bits(1.0 + 2f64.powi(-11)), 0x3c00);
        assert_eq!(to_bits(2f64.powi(-25)), 0x0000);
        assert_eq!(to_bits(3.0 * 2f64.powi(-25)), 0x0002);
    }
}
