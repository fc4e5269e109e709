//! The list BIFs of module `erlang`: `hd/1`, `tl/1`, `length/1`, `'++'/2`,
//! `'--'/2`.

use std::cmp::Ordering;

use super::{built, proper_list_elements, BifError, BifHeap};
use crate::build;
use crate::compare::compare_exact;
use crate::term::Term;

/// `erlang:hd/1`.
///
/// # Safety
///
/// `list` is valid and nothing collects its heap during the call.
pub unsafe fn hd_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { list.head() }.ok_or(BifError::Badarg)
}

/// `erlang:tl/1`.
///
/// # Safety
///
/// As [`hd_1`].
pub unsafe fn tl_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { list.tail() }.ok_or(BifError::Badarg)
}

/// `erlang:'++'/2`: a copy of the proper list `front` ending in `back`
/// (any term).
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn append_2(heap: &mut impl BifHeap, front: Term, back: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let mut roots = unsafe { proper_list_elements(front) }.ok_or(BifError::Badarg)?;
    let cells = roots.len();
    roots.push(back);
    // SAFETY: the roots are valid terms, read back from `roots` below.
    unsafe { heap.ensure(2 * cells, &mut roots) }?;
    let (elements, back) = roots.split_at(cells);
    built(build::list(heap, elements, back[0]))
}

/// `erlang:'--'/2`: `minuend` without, for each element of `subtrahend`,
/// the first element still there that is exactly equal (`=:=`) to it.
///
/// Each equal element of `subtrahend` removes one more occurrence, the
/// earliest left; so the result keeps an element of `minuend` unless fewer
/// of its equals came before it than `subtrahend` holds. The subtrahend is
/// sorted once and counted, which takes `O((m + n) log n)` time.
///
/// # Safety
///
/// As [`append_2`].
pub unsafe fn subtract_2(
    heap: &mut impl BifHeap,
    minuend: Term,
    subtrahend: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let elements = unsafe { proper_list_elements(minuend) }.ok_or(BifError::Badarg)?;
    // SAFETY: as above.
    let mut removals = unsafe { proper_list_elements(subtrahend) }.ok_or(BifError::Badarg)?;
    // SAFETY: the terms are valid and nothing collects while sorting.
    removals.sort_by(|a, b| unsafe { compare_exact(*a, *b) });
    let mut counted: Vec<(Term, usize)> = Vec::new();
    for removal in removals {
        match counted.last_mut() {
            // SAFETY: as above.
            Some((term, count)) if unsafe { compare_exact(*term, removal) } == Ordering::Equal => {
                *count += 1;
            }
            _ => counted.push((removal, 1)),
        }
    }
    let mut kept = Vec::with_capacity(elements.len());
    for element in elements {
        // SAFETY: as above.
        let found = counted.binary_search_by(|(term, _)| unsafe { compare_exact(*term, element) });
        match found {
            Ok(index) if 0 < counted[index].1 => counted[index].1 -= 1,
            _ => kept.push(element),
        }
    }
    drop(counted);
    // SAFETY: the kept elements are valid terms, read back from `kept`.
    unsafe { heap.ensure(2 * kept.len(), &mut kept) }?;
    built(build::list(heap, &kept, Term::NIL))
}

/// `erlang:length/1`.
///
/// # Safety
///
/// As [`hd_1`].
pub unsafe fn length_1(list: Term) -> Result<Term, BifError> {
    let mut rest = list;
    let mut length: i64 = 0;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(tail) = unsafe { rest.tail() } {
        length += 1;
        rest = tail;
    }
    if !rest.is_nil() {
        return Err(BifError::Badarg);
    }
    Term::small(length).ok_or(BifError::SystemLimit)
}
