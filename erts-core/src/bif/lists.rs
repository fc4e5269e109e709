//! The BIFs of module `lists`: `reverse/2`, `member/2` and the key
//! searches `keyfind/3`, `keymember/3`, `keysearch/3`.

use super::{boolean_term, built, non_negative_small, BifError, BifHeap};
use crate::atom::Atom;
use crate::budget::{Budget, TERMS_PER_UNIT};
use crate::build;
use crate::compare::{eq, eq_exact};
use crate::term::Term;

/// `lists:reverse/2`: the proper list `list` reversed, ending in `tail`.
///
/// Built a chunk of cells at a time, each chunk reported to `budget`, so a
/// long list can be suspended part-way: between chunks the list left and
/// the part built are the only terms held, as roots.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn reverse_2<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    list: Term,
    tail: Term,
) -> Result<Term, BifError> {
    // [the list left to reverse, the reversed part built]
    let mut roots = [list, tail];
    loop {
        // SAFETY: the roots are valid terms (rewritten by each `ensure`).
        let cells = unsafe { count_cells(roots[0], REVERSE_CHUNK) };
        if cells == 0 {
            return if roots[0].is_nil() {
                Ok(roots[1])
            } else {
                Err(BifError::Badarg)
            };
        }
        // SAFETY: as above; every term held is in `roots`.
        unsafe { heap.ensure(2 * cells, &mut roots) }?;
        let block = heap.alloc_words(2 * cells).ok_or(BifError::SystemLimit)?;
        let [mut rest, mut reversed] = roots;
        for index in 0..cells {
            // SAFETY: `count_cells` found `cells` cells from `roots[0]`.
            let (head, next) = unsafe { (rest.head(), rest.tail()) };
            let (Some(head), Some(next)) = (head, next) else {
                return Err(BifError::Badarg);
            };
            // SAFETY: the block has `2 * cells` words; cell `index` is in it
            // and ours to write, and once written it is a cons cell.
            reversed = unsafe {
                let cell = block.as_ptr().add(2 * index);
                cell.write(head.bits());
                cell.add(1).write(reversed.bits());
                Term::from_cons_ptr(cell)
            };
            rest = next;
        }
        roots = [rest, reversed];
        budget.spend(cells / TERMS_PER_UNIT);
    }
}

/// Cells reversed between progress reports.
const REVERSE_CHUNK: usize = 4096;

/// How many cons cells start `list`, counting at most `limit`.
///
/// # Safety
///
/// `list` is valid and nothing collects during the call.
unsafe fn count_cells(list: Term, limit: usize) -> usize {
    let mut cells = 0;
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let (true, Some(tail)) = (cells < limit, unsafe { rest.tail() }) {
        cells += 1;
        rest = tail;
    }
    cells
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
