//! Erlang number semantics, independent of how terms are laid out: the
//! arithmetic, bitwise, comparison and conversion BIFs on owned values, each
//! returning the exception BEAM raises where BEAM raises one.
//!
//! Behaviour is BEAM's (OTP 25), checked by the differential tests in
//! `erts-core/tests/numbers.rs`, which ask a running `erl` for every case.
//! Where BEAM computes something in a particular way (bignum to float
//! conversion, fixed-point float formatting) the code follows that way, not
//! the mathematically nicer one, because the results differ.

mod arith;
mod bitwise;
mod compare;
mod convert;
mod float_format;
mod float_parse;
mod int_text;
mod number;

pub use arith::{abs, add, divide, int_div, multiply, negate, plus, rem, subtract};
pub use bitwise::{band, bnot, bor, bsl, bsr, bxor};
pub use compare::{compare, equal, exact_equal, max, min};
pub use convert::{ceil, float, floor, round, trunc};
pub use float_format::{float_to_text, FloatOption};
pub use float_parse::parse_float;
pub use int_text::{integer_to_text, parse_integer};
pub use number::{Integer, Number, MAX_INTEGER_BITS, MAX_SMALL60, MIN_SMALL60};

/// The `error` exceptions the number BIFs raise, named after their reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exception {
    /// `error:badarith`: an arithmetic operator got an operand it can't use,
    /// or the result would not be a finite float.
    Badarith,
    /// `error:badarg`: a BIF got an argument outside its domain.
    Badarg,
    /// `error:system_limit`: the result would be a bigger integer than BEAM
    /// can hold.
    SystemLimit,
}
