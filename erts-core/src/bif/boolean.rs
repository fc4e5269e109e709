//! The boolean operators of module `erlang`: `and`, `or`, `xor`, `not`,
//! strict in both operands; anything but `true` or `false` is `badarg`.

use super::{boolean_term, BifError};
use crate::atom::Atom;
use crate::term::Term;

/// `erlang:'and'/2`.
pub fn and_2(lhs: Term, rhs: Term) -> Result<Term, BifError> {
    Ok(boolean_term(boolean(lhs)? & boolean(rhs)?))
}

/// `erlang:'or'/2`.
pub fn or_2(lhs: Term, rhs: Term) -> Result<Term, BifError> {
    Ok(boolean_term(boolean(lhs)? | boolean(rhs)?))
}

/// `erlang:'xor'/2`.
pub fn xor_2(lhs: Term, rhs: Term) -> Result<Term, BifError> {
    Ok(boolean_term(boolean(lhs)? ^ boolean(rhs)?))
}

/// `erlang:'not'/1`.
pub fn not_1(operand: Term) -> Result<Term, BifError> {
    Ok(boolean_term(!boolean(operand)?))
}

/// The value of a boolean atom.
fn boolean(term: Term) -> Result<bool, BifError> {
    match term.as_atom() {
        Some(Atom::TRUE) => Ok(true),
        Some(Atom::FALSE) => Ok(false),
        _ => Err(BifError::Badarg),
    }
}
