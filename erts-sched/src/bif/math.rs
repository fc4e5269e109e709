//! BIFs of module `math`.

use erts_core::bif::math;
use erts_core::Term;

use super::bif;
use crate::process::Process;

bif!(math:"acos"/1 (x) => heap math::acos_1);
bif!(math:"acosh"/1 (x) => heap math::acosh_1);
bif!(math:"asin"/1 (x) => heap math::asin_1);
bif!(math:"asinh"/1 (x) => heap math::asinh_1);
bif!(math:"atan"/1 (x) => heap math::atan_1);
bif!(math:"atanh"/1 (x) => heap math::atanh_1);
bif!(math:"ceil"/1 (x) => heap math::ceil_1);
bif!(math:"cos"/1 (x) => heap math::cos_1);
bif!(math:"cosh"/1 (x) => heap math::cosh_1);
bif!(math:"erf"/1 (x) => heap math::erf_1);
bif!(math:"erfc"/1 (x) => heap math::erfc_1);
bif!(math:"exp"/1 (x) => heap math::exp_1);
bif!(math:"floor"/1 (x) => heap math::floor_1);
bif!(math:"log"/1 (x) => heap math::log_1);
bif!(math:"log10"/1 (x) => heap math::log10_1);
bif!(math:"log2"/1 (x) => heap math::log2_1);
bif!(math:"sin"/1 (x) => heap math::sin_1);
bif!(math:"sinh"/1 (x) => heap math::sinh_1);
bif!(math:"sqrt"/1 (x) => heap math::sqrt_1);
bif!(math:"tan"/1 (x) => heap math::tan_1);
bif!(math:"tanh"/1 (x) => heap math::tanh_1);
bif!(math:"atan2"/2 (y, x) => heap math::atan2_2);
bif!(math:"fmod"/2 (x, y) => heap math::fmod_2);
bif!(math:"pow"/2 (x, y) => heap math::pow_2);
