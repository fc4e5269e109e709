//! The comparison operators of module `erlang` (`=:=`, `=/=`, `==`, `/=`,
//! `<`, `>`, `=<`, `>=`) and `min/2`, `max/2`, in the standard term order
//! of [`crate::compare`]. None of them fails.

use std::cmp::Ordering;

use super::boolean_term;
use crate::compare::{compare, eq_exact};
use crate::term::Term;

/// `erlang:'=:='/2`.
///
/// # Safety
///
/// The arguments are valid and nothing collects their heap during the call.
pub unsafe fn exact_eq_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { eq_exact(lhs, rhs) })
}

/// `erlang:'=/='/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn exact_neq_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(!unsafe { eq_exact(lhs, rhs) })
}

/// `erlang:'=='/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn eq_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_eq())
}

/// `erlang:'/='/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn neq_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_ne())
}

/// `erlang:'<'/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn lt_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_lt())
}

/// `erlang:'>'/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn gt_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_gt())
}

/// `erlang:'=<'/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn le_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_le())
}

/// `erlang:'>='/2`.
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn ge_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { compare(lhs, rhs) }.is_ge())
}

/// `erlang:min/2`: the smaller term; `lhs` when they are equal (`==`).
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn min_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    match unsafe { compare(lhs, rhs) } {
        Ordering::Greater => rhs,
        Ordering::Less | Ordering::Equal => lhs,
    }
}

/// `erlang:max/2`: the larger term; `lhs` when they are equal (`==`).
///
/// # Safety
///
/// As [`exact_eq_2`].
pub unsafe fn max_2(lhs: Term, rhs: Term) -> Term {
    // SAFETY: forwarded from the caller.
    match unsafe { compare(lhs, rhs) } {
        Ordering::Less => rhs,
        Ordering::Greater | Ordering::Equal => lhs,
    }
}
