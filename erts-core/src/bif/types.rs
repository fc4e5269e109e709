//! The type tests of module `erlang` as BIFs (`is_atom/1`, …), for calls
//! outside guards; inside guards compiled code tests inline.

use super::number::number_of;
use super::{boolean_term, BifError};
use crate::atom::Atom;
use crate::build::ExternalKind;
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
    boolean_term(matches!(subtag, Some(Subtag::Map | Subtag::HashMap)))
}

/// `erlang:is_port/1`: a local or an external port.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_port_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let external = unsafe { term.external() };
    let is_external_port = external.is_some_and(|external| external.kind == ExternalKind::Port);
    boolean_term(term.is_local_port() || is_external_port)
}

/// `erlang:is_reference/1`: a local or an external reference.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_reference_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let subtag = unsafe { term.header() }.map(|header| header.subtag());
    boolean_term(matches!(subtag, Some(Subtag::Ref | Subtag::ExternalRef)))
}

/// `erlang:is_record/2`: a tuple whose first element is `tag` (an atom,
/// else `badarg`).
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_record_2(term: Term, tag: Term) -> Result<Term, BifError> {
    if !tag.is_atom() {
        return Err(BifError::Badarg);
    }
    // SAFETY: forwarded from the caller.
    let elements = unsafe { term.tuple_elements() };
    Ok(boolean_term(
        elements.and_then(|elements| elements.first()) == Some(&tag),
    ))
}

/// `erlang:is_record/3`: as `/2`, of `size` elements (an integer, else
/// `badarg`).
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn is_record_3(term: Term, tag: Term, size: Term) -> Result<Term, BifError> {
    let size = size.as_small().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    let tagged = unsafe { is_record_2(term, tag) }? == boolean_term(true);
    // SAFETY: as above.
    let arity = unsafe { term.tuple_elements() }.map_or(0, |elements| elements.len());
    Ok(boolean_term(tagged && i64::try_from(arity) == Ok(size)))
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

/// `erlang:phash2/1`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn phash2_1(term: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let hash = unsafe { crate::phash2(term) }.map_err(|_| BifError::Badarg)?;
    Term::small(i64::from(hash)).ok_or(BifError::SystemLimit)
}

/// `erlang:phash2/2`: a hash in `0..Range`, `Range` in `1..=2^32`.
///
/// # Safety
///
/// As [`is_tuple_1`].
pub unsafe fn phash2_2(term: Term, range: Term) -> Result<Term, BifError> {
    let range = range.as_small().and_then(|range| u64::try_from(range).ok());
    let range = range.ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    let hash = unsafe { crate::phash2_range(term, range) }.map_err(|_| BifError::Badarg)?;
    Term::small(i64::from(hash.ok_or(BifError::Badarg)?)).ok_or(BifError::SystemLimit)
}
