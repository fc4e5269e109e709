//! The BIFs of module `math`: C's math library on floats.
//!
//! As on BEAM: an argument that is no number is `badarg`; an integer is
//! converted to a float first (a bignum beyond the floats is `badarith`);
//! a result that is not a finite float (NaN, an infinity: `log(0)`,
//! `sqrt(-1)`, `acos(2)`) is `badarith`. `ceil/1` and `floor/1` return
//! floats. The functions are the C library's (Rust's `f64` methods call
//! it), so results are BEAM's to the bit on the same platform.

use super::number::number_of;
use super::{built, BifError, BifHeap};
use crate::build;
use crate::num::{self, Number};
use crate::term::Term;

/// A function of one float.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atanh,
    Ceil,
    Cos,
    Cosh,
    Erf,
    Erfc,
    Exp,
    Floor,
    Log,
    Log10,
    Log2,
    Sin,
    Sinh,
    Sqrt,
    Tan,
    Tanh,
}

/// A function of two floats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    Atan2,
    Fmod,
    Pow,
}

unsafe extern "C" {
    // The C library's functions that Rust's `f64` lacks (the error
    // functions) or computes in Rust with other roundings (the inverse
    // hyperbolic ones); the platform C library (glibc natively, wasi-libc
    // on wasm32-wasip1) provides them as it provides `sin` to `f64::sin`.
    safe fn erf(x: f64) -> f64;
    safe fn erfc(x: f64) -> f64;
    safe fn asinh(x: f64) -> f64;
    safe fn acosh(x: f64) -> f64;
    safe fn atanh(x: f64) -> f64;
}

impl Unary {
    /// Every one, with its Erlang name.
    pub const ALL: [(Unary, &'static str); 21] = [
        (Unary::Acos, "acos"),
        (Unary::Acosh, "acosh"),
        (Unary::Asin, "asin"),
        (Unary::Asinh, "asinh"),
        (Unary::Atan, "atan"),
        (Unary::Atanh, "atanh"),
        (Unary::Ceil, "ceil"),
        (Unary::Cos, "cos"),
        (Unary::Cosh, "cosh"),
        (Unary::Erf, "erf"),
        (Unary::Erfc, "erfc"),
        (Unary::Exp, "exp"),
        (Unary::Floor, "floor"),
        (Unary::Log, "log"),
        (Unary::Log10, "log10"),
        (Unary::Log2, "log2"),
        (Unary::Sin, "sin"),
        (Unary::Sinh, "sinh"),
        (Unary::Sqrt, "sqrt"),
        (Unary::Tan, "tan"),
        (Unary::Tanh, "tanh"),
    ];

    fn apply(self, x: f64) -> f64 {
        match self {
            Unary::Acos => x.acos(),
            Unary::Acosh => acosh(x),
            Unary::Asin => x.asin(),
            Unary::Asinh => asinh(x),
            Unary::Atan => x.atan(),
            Unary::Atanh => atanh(x),
            Unary::Ceil => x.ceil(),
            Unary::Cos => x.cos(),
            Unary::Cosh => x.cosh(),
            Unary::Erf => erf(x),
            Unary::Erfc => erfc(x),
            Unary::Exp => x.exp(),
            Unary::Floor => x.floor(),
            Unary::Log => x.ln(),
            Unary::Log10 => x.log10(),
            Unary::Log2 => x.log2(),
            Unary::Sin => x.sin(),
            Unary::Sinh => x.sinh(),
            Unary::Sqrt => x.sqrt(),
            Unary::Tan => x.tan(),
            Unary::Tanh => x.tanh(),
        }
    }
}

impl Binary {
    /// Every one, with its Erlang name.
    pub const ALL: [(Binary, &'static str); 3] = [
        (Binary::Atan2, "atan2"),
        (Binary::Fmod, "fmod"),
        (Binary::Pow, "pow"),
    ];

    fn apply(self, x: f64, y: f64) -> f64 {
        match self {
            Binary::Atan2 => x.atan2(y),
            Binary::Fmod => x % y,
            Binary::Pow => x.powf(y),
        }
    }
}

/// `math:F(X)` on an owned number.
pub fn unary(function: Unary, x: &Number) -> Result<f64, num::Exception> {
    finite(function.apply(to_float(x)?))
}

/// `math:F(X, Y)` on owned numbers.
pub fn binary(function: Binary, x: &Number, y: &Number) -> Result<f64, num::Exception> {
    let x = to_float(x)?;
    finite(function.apply(x, to_float(y)?))
}

/// A number as a float; a bignum beyond the floats is `badarith`.
fn to_float(value: &Number) -> Result<f64, num::Exception> {
    num::float(value).map_err(|_| num::Exception::Badarith)
}

fn finite(result: f64) -> Result<f64, num::Exception> {
    match result.is_finite() {
        true => Ok(result),
        false => Err(num::Exception::Badarith),
    }
}

/// A number argument; `badarg` for anything else.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn argument(term: Term) -> Result<Number, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { number_of(term) }.ok_or(BifError::Badarg)
}

/// Builds a float result.
///
/// # Safety
///
/// The caller holds no term of the heap.
unsafe fn float_term(heap: &mut impl BifHeap, value: f64) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { heap.ensure(2, &mut []) }?;
    built(build::float(heap, value))
}

/// A BIF of one argument.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn unary_bif(
    heap: &mut impl BifHeap,
    function: Unary,
    x: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let x = unsafe { argument(x) }?;
    let value = unary(function, &x)?;
    // SAFETY: the argument is no longer used.
    unsafe { float_term(heap, value) }
}

/// A BIF of two arguments.
///
/// # Safety
///
/// As [`unary_bif`].
pub unsafe fn binary_bif(
    heap: &mut impl BifHeap,
    function: Binary,
    x: Term,
    y: Term,
) -> Result<Term, BifError> {
    // Each argument is checked and converted before the next is looked at,
    // so `pow(1 bsl 1100, a)` is `badarith`, `pow(a, 1 bsl 1100)` `badarg`.
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let x = to_float(&unsafe { argument(x) }?)?;
    // SAFETY: as above.
    let y = to_float(&unsafe { argument(y) }?)?;
    let value = finite(function.apply(x, y))?;
    // SAFETY: the arguments are no longer used.
    unsafe { float_term(heap, value) }
}

/// Defines `name(heap, x)` as the unary BIF `function`.
macro_rules! unary_bifs {
    ($($name:ident => $function:ident),* $(,)?) => {$(
        #[doc = concat!("`math:", stringify!($function), "/1`.")]
        ///
        /// # Safety
        ///
        /// As [`unary_bif`].
        pub unsafe fn $name(heap: &mut impl BifHeap, x: Term) -> Result<Term, BifError> {
            // SAFETY: forwarded from the caller.
            unsafe { unary_bif(heap, Unary::$function, x) }
        }
    )*};
}

unary_bifs! {
    acos_1 => Acos, acosh_1 => Acosh, asin_1 => Asin, asinh_1 => Asinh, atan_1 => Atan,
    atanh_1 => Atanh, ceil_1 => Ceil, cos_1 => Cos, cosh_1 => Cosh, erf_1 => Erf,
    erfc_1 => Erfc, exp_1 => Exp, floor_1 => Floor, log_1 => Log, log10_1 => Log10,
    log2_1 => Log2, sin_1 => Sin, sinh_1 => Sinh, sqrt_1 => Sqrt, tan_1 => Tan, tanh_1 => Tanh,
}

/// `math:atan2/2`.
///
/// # Safety
///
/// As [`unary_bif`].
pub unsafe fn atan2_2(heap: &mut impl BifHeap, y: Term, x: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_bif(heap, Binary::Atan2, y, x) }
}

/// `math:fmod/2`.
///
/// # Safety
///
/// As [`unary_bif`].
pub unsafe fn fmod_2(heap: &mut impl BifHeap, x: Term, y: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_bif(heap, Binary::Fmod, x, y) }
}

/// `math:pow/2`.
///
/// # Safety
///
/// As [`unary_bif`].
pub unsafe fn pow_2(heap: &mut impl BifHeap, x: Term, y: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_bif(heap, Binary::Pow, x, y) }
}

#[cfg(test)]
mod tests {
    use super::{binary, unary, Binary, Unary};
    use crate::num::{Exception, Number};

    #[test]
    // Miri computes the C library's transcendental functions itself, to a
    // different last bit; the values are compared natively.
    #[cfg_attr(miri, ignore)]
    fn as_beam_computes_them() {
        // Each expectation is what OTP 25 returns.
        let half = Number::Float(0.5);
        assert_eq!(unary(Unary::Erf, &half), Ok(0.5204998778130465));
        assert_eq!(unary(Unary::Erfc, &half), Ok(0.4795001221869535));
        assert_eq!(
            unary(Unary::Asinh, &Number::Float(2.1256252544851755)),
            Ok(1.498445520833179)
        );
        assert_eq!(unary(Unary::Floor, &Number::from(3)), Ok(3.0));
        assert_eq!(
            unary(Unary::Log, &Number::from(0)),
            Err(Exception::Badarith)
        );
        assert_eq!(
            unary(Unary::Sqrt, &Number::from(-1)),
            Err(Exception::Badarith)
        );
        let seven = Number::from(-7);
        assert_eq!(binary(Binary::Fmod, &seven, &Number::from(2)), Ok(-1.0));
        assert_eq!(
            binary(Binary::Pow, &Number::from(0), &seven),
            Err(Exception::Badarith)
        );
    }
}
