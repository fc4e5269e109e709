//! The BIFs of module `lists`: `reverse/2`, `member/2` and the key
//! searches `keyfind/3`, `keymember/3`, `keysearch/3`.

use super::{boolean_term, built, non_negative_small, proper_list_elements, BifError, BifHeap};
use crate::atom::Atom;
use crate::build;
use crate::compare::{eq, eq_exact};
use crate::term::Term;

/// `lists:reverse/2`: the proper list `list` reversed, ending in `tail`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn reverse_2(heap: &mut impl BifHeap, list: Term, tail: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let mut roots = unsafe { proper_list_elements(list) }.ok_or(BifError::Badarg)?;
    roots.reverse();
    let cells = roots.len();
    roots.push(tail);
    // SAFETY: the roots are valid terms, read back from `roots` below.
    unsafe { heap.ensure(2 * cells, &mut roots) }?;
    let (elements, tail) = roots.split_at(cells);
    built(build::list(heap, elements, tail[0]))
}

/// `lists:member/2`, by exact equality. An improper list is fine if
/// `element` is found before its end.
///
/// # Safety
///
/// The arguments are valid and nothing collects their heap during the call.
pub unsafe fn member_2(element: Term, list: Term) -> Result<Term, BifError> {
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(head) = unsafe { rest.head() } {
        // SAFETY: both terms are valid; nothing collects.
        if unsafe { eq_exact(head, element) } {
            return Ok(boolean_term(true));
        }
        // SAFETY: as above; `rest` is a cons cell.
        rest = unsafe { rest.tail() }.ok_or(BifError::Badarg)?;
    }
    if !rest.is_nil() {
        return Err(BifError::Badarg);
    }
    Ok(boolean_term(false))
}

/// `lists:keyfind/3`: the first tuple of `list` whose element `position`
/// equals (`==`) `key`, or `false`.
///
/// # Safety
///
/// As [`member_2`].
pub unsafe fn keyfind_3(key: Term, position: Term, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let found = unsafe { key_search(key, position, list) }?;
    Ok(found.unwrap_or(Term::atom(Atom::FALSE)))
}

/// `lists:keymember/3`: whether [`keyfind_3`] finds a tuple.
///
/// # Safety
///
/// As [`member_2`].
pub unsafe fn keymember_3(key: Term, position: Term, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let found = unsafe { key_search(key, position, list) }?;
    Ok(boolean_term(found.is_some()))
}

/// `lists:keysearch/3`: `{value, Tuple}` for the tuple [`keyfind_3`]
/// finds, or `false`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn keysearch_3(
    heap: &mut impl BifHeap,
    key: Term,
    position: Term,
    list: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let found = unsafe { key_search(key, position, list) }?;
    let Some(tuple) = found else {
        return Ok(Term::atom(Atom::FALSE));
    };
    let mut roots = [tuple];
    // SAFETY: `tuple` is valid; it is read back from `roots`.
    unsafe { heap.ensure(3, &mut roots) }?;
    built(build::tuple(heap, &[Term::atom(Atom::VALUE), roots[0]]))
}

/// The search the key BIFs share: the first tuple of `list` with at least
/// `position` elements whose element `position` is `==` to `key`. A
/// position that is not a positive small is `badarg`, and so is a list
/// that is not proper, unless the tuple is found before its end.
///
/// As in BEAM, an integer key that fits a small matches a float element
/// when the key converted to a float equals it.
///
/// # Safety
///
/// As [`member_2`].
unsafe fn key_search(key: Term, position: Term, list: Term) -> Result<Option<Term>, BifError> {
    let index = match non_negative_small(position) {
        Some(position) if 0 < position => position - 1,
        _ => return Err(BifError::Badarg),
    };
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(head) = unsafe { rest.head() } {
        // SAFETY: as above.
        let element = unsafe { head.tuple_elements() }.and_then(|elements| elements.get(index));
        if let Some(element) = element {
            // SAFETY: both terms are valid; nothing collects.
            if unsafe { key_matches(key, *element) } {
                return Ok(Some(head));
            }
        }
        // SAFETY: as above; `rest` is a cons cell.
        rest = unsafe { rest.tail() }.ok_or(BifError::Badarg)?;
    }
    if !rest.is_nil() {
        return Err(BifError::Badarg);
    }
    Ok(None)
}

/// Whether a tuple element matches the key of a key search.
///
/// # Safety
///
/// As [`member_2`].
unsafe fn key_matches(key: Term, element: Term) -> bool {
    if let Some(small) = key.as_small() {
        // SAFETY: forwarded from the caller.
        if let Some(value) = unsafe { element.float_value() } {
            return small as f64 == value;
        }
        return key == element;
    }
    // SAFETY: forwarded from the caller.
    unsafe { eq(key, element) }
}
