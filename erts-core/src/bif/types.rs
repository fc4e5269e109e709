//! The type tests of module `erlang` as BIFs (`is_atom/1`, …), for calls
//! outside guards; inside guards compiled code tests inline.

use super::boolean_term;
use super::number::number_of;
use crate::atom::Atom;
use crate::tag::Subtag;
use crate::term::Term;

/// `erlang:is_atom/1`.
pub fn is_atom_1(term: Term) -> Term {
    boolean_term(term.is_atom())
}

/// `erlang:is_boolean/1`.
pub fn is_boolean_1(term: Term) -> Term {
    boolean_term(matches!(term.as_atom(), Some(Atom::TRUE | Atom::FALSE)))
}

/// `erlang:is_list/1`: `[]` or a cons cell (proper or not).
pub fn is_list_1(term: Term) -> Term {
    boolean_term(term.is_list() || term.is_nil())
}

/// `erlang:is_pid/1`.
pub fn is_pid_1(term: Term) -> Term {
    boolean_term(term.is_local_pid())
}

/// `erlang:is_tuple/1`.
///
/// # Safety
///
/// `term` is valid and nothing collects its heap during the call.
pub unsafe fn is_tuple_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { term.tuple_elements() }.is_some())
}

/// `erlang:is_integer/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_integer_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(term.is_small() || unsafe { term.bignum_digits() }.is_some())
}

/// `erlang:is_float/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_float_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { term.float_value() }.is_some())
}

/// `erlang:is_number/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_number_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    boolean_term(unsafe { number_of(term) }.is_some())
}

/// `erlang:is_function/1`: a local closure or an export fun.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_function_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let subtag = unsafe { term.header() }.map(|header| header.subtag());
    boolean_term(matches!(subtag, Some(Subtag::Fun | Subtag::Export)))
}

/// `erlang:is_map/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_map_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let subtag = unsafe { term.header() }.map(|header| header.subtag());
    boolean_term(matches!(subtag, Some(Subtag::Map)))
}

/// `erlang:is_bitstring/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_bitstring_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let subtag = unsafe { term.header() }.map(|header| header.subtag());
    boolean_term(matches!(
        subtag,
        Some(Subtag::HeapBinary | Subtag::RefcBinary | Subtag::SubBinary)
    ))
}

/// `erlang:is_binary/1`: a bitstring of whole bytes.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_binary_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let whole_bytes = unsafe { term.binary_bytes() }.is_some()
        // SAFETY: forwarded from the caller.
        || unsafe { term.sub_binary() }.is_some_and(|sub| sub.bit_size % 8 == 0);
    boolean_term(whole_bytes)
}
