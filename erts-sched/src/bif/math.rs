//! BIFs of module `math`.

use erts_core::bif::math;
use erts_core::Term;

use super::bifs;
use crate::process::Process;

bifs! {
    math:"acos"/1 (x) => heap math::acos_1;
    math:"acosh"/1 (x) => heap math::acosh_1;
    math:"asin"/1 (x) => heap math::asin_1;
    math:"asinh"/1 (x) => heap math::asinh_1;
    math:"atan"/1 (x) => heap math::atan_1;
    math:"atanh"/1 (x) => heap math::atanh_1;
    math:"ceil"/1 (x) => heap math::ceil_1;
    math:"cos"/1 (x) => heap math::cos_1;
    math:"cosh"/1 (x) => heap math::cosh_1;
    math:"erf"/1 (x) => heap math::erf_1;
    math:"erfc"/1 (x) => heap math::erfc_1;
    math:"exp"/1 (x) => heap math::exp_1;
    math:"floor"/1 (x) => heap math::floor_1;
    math:"log"/1 (x) => heap math::log_1;
    math:"log10"/1 (x) => heap math::log10_1;
    math:"log2"/1 (x) => heap math::log2_1;
    math:"sin"/1 (x) => heap math::sin_1;
    math:"sinh"/1 (x) => heap math::sinh_1;
    math:"sqrt"/1 (x) => heap math::sqrt_1;
    math:"tan"/1 (x) => heap math::tan_1;
    math:"tanh"/1 (x) => heap math::tanh_1;
    math:"atan2"/2 (y, x) => heap math::atan2_2;
    math:"fmod"/2 (x, y) => heap math::fmod_2;
    math:"pow"/2 (x, y) => heap math::pow_2;
}
