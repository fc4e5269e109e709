//! The tuple BIFs of module `erlang`: reading, updating, making tuples and
//! converting them to and from lists.

use super::{built, non_negative_small, proper_list_elements, BifError, BifHeap};
use crate::build;
use crate::term::Term;

/// The most elements a tuple may have, as in BEAM (`ERTS_MAX_TUPLE_SIZE`).
const MAX_TUPLE_SIZE: usize = (1 << 24) - 1;

/// `erlang:element/2`.
///
/// # Safety
///
/// The arguments are valid and nothing collects their heap during the call.
pub unsafe fn element_2(index: Term, tuple: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let elements = unsafe { tuple.tuple_elements() }.ok_or(BifError::Badarg)?;
    let position = one_based(index, elements.len()).ok_or(BifError::Badarg)?;
    Ok(elements[position])
}

/// `erlang:setelement/3`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn setelement_3(
    heap: &mut impl BifHeap,
    index: Term,
    tuple: Term,
    value: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let arity = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .len();
    let position = one_based(index, arity).ok_or(BifError::Badarg)?;
    let mut roots = [tuple, value];
    // SAFETY: the arguments are valid; they are read back from `roots`.
    unsafe { heap.ensure(1 + arity, &mut roots) }?;
    let [tuple, value] = roots;
    // SAFETY: `tuple` was read back after `ensure`, and was a tuple.
    let mut elements = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .to_vec();
    elements[position] = value;
    built(build::tuple(heap, &elements))
}

/// `erlang:tuple_size/1`.
///
/// # Safety
///
/// As [`element_2`].
pub unsafe fn tuple_size_1(tuple: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let elements = unsafe { tuple.tuple_elements() }.ok_or(BifError::Badarg)?;
    size_term(elements.len())
}

/// `erlang:make_tuple/2`.
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn make_tuple_2(
    heap: &mut impl BifHeap,
    arity: Term,
    initial: Term,
) -> Result<Term, BifError> {
    let arity = tuple_arity(arity)?;
    let mut roots = [initial];
    // SAFETY: the argument is valid; it is read back from `roots`.
    unsafe { heap.ensure(1 + arity, &mut roots) }?;
    built(build::tuple(heap, &vec![roots[0]; arity]))
}

/// `erlang:make_tuple/3`: a tuple of `default`s, with the `{Position,
/// Value}` pairs of `init_list` put in place (the last one wins).
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn make_tuple_3(
    heap: &mut impl BifHeap,
    arity: Term,
    default: Term,
    init_list: Term,
) -> Result<Term, BifError> {
    let arity = tuple_arity(arity)?;
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let pairs = unsafe { proper_list_elements(init_list) }.ok_or(BifError::Badarg)?;
    for pair in &pairs {
        // SAFETY: as above.
        unsafe { init_pair(*pair, arity) }.ok_or(BifError::Badarg)?;
    }
    let mut roots = [default, init_list];
    // SAFETY: the arguments are valid; they are read back from `roots`.
    unsafe { heap.ensure(1 + arity, &mut roots) }?;
    let [default, init_list] = roots;
    let mut elements = vec![default; arity];
    // SAFETY: `init_list` was read back after `ensure`; no collection since.
    let pairs = unsafe { proper_list_elements(init_list) }.ok_or(BifError::Badarg)?;
    for pair in pairs {
        // SAFETY: as above.
        let (position, value) = unsafe { init_pair(pair, arity) }.ok_or(BifError::Badarg)?;
        elements[position] = value;
    }
    built(build::tuple(heap, &elements))
}

/// `erlang:append_element/2`.
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn append_element_2(
    heap: &mut impl BifHeap,
    tuple: Term,
    element: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let arity = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .len();
    if MAX_TUPLE_SIZE <= arity {
        return Err(BifError::Badarg);
    }
    let mut roots = [tuple, element];
    // SAFETY: the arguments are valid; they are read back from `roots`.
    unsafe { heap.ensure(2 + arity, &mut roots) }?;
    let [tuple, element] = roots;
    // SAFETY: `tuple` was read back after `ensure`, and was a tuple.
    let mut elements = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .to_vec();
    elements.push(element);
    built(build::tuple(heap, &elements))
}

/// `erlang:tuple_to_list/1`.
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn tuple_to_list_1(heap: &mut impl BifHeap, tuple: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let arity = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .len();
    let mut roots = [tuple];
    // SAFETY: the argument is valid; it is read back from `roots`.
    unsafe { heap.ensure(2 * arity, &mut roots) }?;
    // SAFETY: `roots[0]` was read back after `ensure`, and was a tuple.
    let elements = unsafe { roots[0].tuple_elements() }
        .ok_or(BifError::Badarg)?
        .to_vec();
    built(build::list(heap, &elements, Term::NIL))
}

/// `erlang:list_to_tuple/1`.
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn list_to_tuple_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let mut elements = unsafe { proper_list_elements(list) }.ok_or(BifError::Badarg)?;
    if MAX_TUPLE_SIZE < elements.len() {
        return Err(BifError::Badarg);
    }
    // SAFETY: the elements are valid terms; the builder reads them back
    // from `elements`, which `ensure` rewrites.
    unsafe { heap.ensure(1 + elements.len(), &mut elements) }?;
    built(build::tuple(heap, &elements))
}

/// The 0-based position of a 1-based `index` into `len` elements.
fn one_based(index: Term, len: usize) -> Option<usize> {
    let position = non_negative_small(index)?.checked_sub(1)?;
    (position < len).then_some(position)
}

/// The arity argument of `make_tuple`: at most [`MAX_TUPLE_SIZE`].
fn tuple_arity(arity: Term) -> Result<usize, BifError> {
    match non_negative_small(arity) {
        Some(arity) if arity <= MAX_TUPLE_SIZE => Ok(arity),
        _ => Err(BifError::Badarg),
    }
}

/// An element `{Position, Value}` of `make_tuple/3`'s list, as the 0-based
/// position and the value.
///
/// # Safety
///
/// `pair` is valid and nothing collects its heap during the call.
unsafe fn init_pair(pair: Term, arity: usize) -> Option<(usize, Term)> {
    // SAFETY: forwarded from the caller.
    let [position, value] = unsafe { pair.tuple_elements() }? else {
        return None;
    };
    Some((one_based(*position, arity)?, *value))
}

/// A size as a term: every size a heap can hold fits a small.
fn size_term(size: usize) -> Result<Term, BifError> {
    i64::try_from(size)
        .ok()
        .and_then(Term::small)
        .ok_or(BifError::SystemLimit)
}

/// `erlang:delete_element/2`: the tuple without its element at `index`
/// (1-based).
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn delete_element_2(
    heap: &mut impl BifHeap,
    index: Term,
    tuple: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let arity = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .len();
    let index = index
        .as_small()
        .filter(|index| (1..=arity as i64).contains(index));
    let index = index.ok_or(BifError::Badarg)? as usize;
    let mut roots = [tuple];
    // SAFETY: the tuple is the root, read back below.
    unsafe { heap.ensure(arity, &mut roots) }?;
    // SAFETY: read back after `ensure`; a tuple.
    let mut elements = unsafe { roots[0].tuple_elements() }
        .ok_or(BifError::Badarg)?
        .to_vec();
    elements.remove(index - 1);
    built(build::tuple(heap, &elements))
}

/// `erlang:insert_element/3`: the tuple with `element` at `index`
/// (1-based, up to one past the end).
///
/// # Safety
///
/// As [`setelement_3`].
pub unsafe fn insert_element_3(
    heap: &mut impl BifHeap,
    index: Term,
    tuple: Term,
    element: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let arity = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .len();
    let index = index
        .as_small()
        .filter(|index| (1..=arity as i64 + 1).contains(index));
    let index = index.ok_or(BifError::Badarg)? as usize;
    if MAX_TUPLE_SIZE <= arity {
        return Err(BifError::Badarg);
    }
    let mut roots = [tuple, element];
    // SAFETY: the arguments are the roots, read back below.
    unsafe { heap.ensure(2 + arity, &mut roots) }?;
    let [tuple, element] = roots;
    // SAFETY: read back after `ensure`; a tuple.
    let mut elements = unsafe { tuple.tuple_elements() }
        .ok_or(BifError::Badarg)?
        .to_vec();
    elements.insert(index - 1, element);
    built(build::tuple(heap, &elements))
}

/// `erlang:size/1`: a tuple's arity or a bitstring's whole bytes (unlike
/// `byte_size/1`, BEAM does not round up here).
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn size_1(term: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    if let Some(elements) = unsafe { term.tuple_elements() } {
        return Term::small(elements.len() as i64).ok_or(BifError::SystemLimit);
    }
    // SAFETY: as above.
    let (_, _, bits) = unsafe { super::binary::binary_origin(term) }.ok_or(BifError::Badarg)?;
    Term::small((bits / 8) as i64).ok_or(BifError::SystemLimit)
}
