//! Type tests that look into boxed objects: `is_function/1`, `is_map/1`.

use super::boolean_term;
use crate::tag::Subtag;
use crate::term::Term;

/// `erlang:is_function/1`: a local closure or an export fun.
///
/// # Safety
///
/// `term` is valid and nothing collects its heap during the call.
pub unsafe fn is_function_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let header = unsafe { term.header() };
    let subtag = header.map(|header| header.subtag());
    boolean_term(matches!(subtag, Some(Subtag::Fun | Subtag::Export)))
}

/// `erlang:is_map/1`.
///
/// # Safety
///
/// As [`is_function_1`].
pub unsafe fn is_map_1(term: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let header = unsafe { term.header() };
    boolean_term(matches!(
        header.map(|header| header.subtag()),
        Some(Subtag::Map)
    ))
}
