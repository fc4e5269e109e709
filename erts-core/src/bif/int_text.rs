//! Integers to and from lists of characters: `integer_to_list/1,2` and
//! `list_to_integer/1,2`, in bases 2 to 36.

use super::number::{integer_of, make_integer};
use super::{built, BifError, BifHeap};
use crate::build;
use crate::num;
use crate::term::Term;

/// `erlang:integer_to_list/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn integer_to_list_1(heap: &mut impl BifHeap, integer: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { integer_to_list(heap, integer, 10) }
}

/// `erlang:integer_to_list/2`: digits above 9 are uppercase letters.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn integer_to_list_2(
    heap: &mut impl BifHeap,
    integer: Term,
    base: Term,
) -> Result<Term, BifError> {
    let base = base.as_small().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    unsafe { integer_to_list(heap, integer, base) }
}

/// `integer_to_list` in `base`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
unsafe fn integer_to_list(
    heap: &mut impl BifHeap,
    integer: Term,
    base: i64,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let integer = unsafe { integer_of(integer) }.ok_or(BifError::Badarg)?;
    let text = num::integer_to_text(&integer, base)?;
    let mut characters = Vec::with_capacity(text.len());
    for byte in text.bytes() {
        characters.push(Term::small(i64::from(byte)).ok_or(BifError::Badarg)?);
    }
    // SAFETY: the characters are immediates and the arguments are no
    // longer used; there are no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:list_to_integer/1`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn list_to_integer_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { list_to_integer(heap, list, 10) }
}

/// `erlang:list_to_integer/2`: an optional sign, then at least one digit
/// of `base` (in either case), and nothing else.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn list_to_integer_2(
    heap: &mut impl BifHeap,
    list: Term,
    base: Term,
) -> Result<Term, BifError> {
    let base = base.as_small().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    unsafe { list_to_integer(heap, list, base) }
}

/// `list_to_integer` in `base`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
unsafe fn list_to_integer(
    heap: &mut impl BifHeap,
    list: Term,
    base: i64,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { latin1_bytes(list) }.ok_or(BifError::Badarg)?;
    let integer = num::parse_integer(&text, base)?;
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &integer) }
}

/// The bytes of a proper list of characters below 256, if it is one (no
/// digit or sign is above that).
///
/// # Safety
///
/// `list` is valid and nothing collects its heap during the call.
pub(crate) unsafe fn latin1_bytes(list: Term) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(head) = unsafe { rest.head() } {
        bytes.push(u8::try_from(head.as_small()?).ok()?);
        // SAFETY: as above; `rest` is a cons cell.
        rest = unsafe { rest.tail() }?;
    }
    rest.is_nil().then_some(bytes)
}

/// `erlang:integer_to_binary/1`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn integer_to_binary_1(
    heap: &mut impl BifHeap,
    integer: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { integer_to_binary(heap, integer, 10) }
}

/// `erlang:integer_to_binary/2`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn integer_to_binary_2(
    heap: &mut impl BifHeap,
    integer: Term,
    base: Term,
) -> Result<Term, BifError> {
    let base = base.as_small().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    unsafe { integer_to_binary(heap, integer, base) }
}

/// `integer_to_binary` in `base`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
unsafe fn integer_to_binary(
    heap: &mut impl BifHeap,
    integer: Term,
    base: i64,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let integer = unsafe { integer_of(integer) }.ok_or(BifError::Badarg)?;
    let text = num::integer_to_text(&integer, base)?;
    // SAFETY: the arguments are no longer used.
    unsafe { heap.ensure(build::heap_binary_words(text.len()), &mut []) }?;
    built(build::heap_binary(heap, text.as_bytes()))
}

/// `erlang:binary_to_integer/1`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn binary_to_integer_1(heap: &mut impl BifHeap, binary: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_to_integer(heap, binary, 10) }
}

/// `erlang:binary_to_integer/2`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
pub unsafe fn binary_to_integer_2(
    heap: &mut impl BifHeap,
    binary: Term,
    base: Term,
) -> Result<Term, BifError> {
    let base = base.as_small().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    unsafe { binary_to_integer(heap, binary, base) }
}

/// `binary_to_integer` in `base`.
///
/// # Safety
///
/// As [`integer_to_list_1`].
unsafe fn binary_to_integer(
    heap: &mut impl BifHeap,
    binary: Term,
    base: i64,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let text = unsafe { super::binary::whole_bytes(binary) }.ok_or(BifError::Badarg)?;
    let integer = num::parse_integer(&text, base)?;
    drop(text);
    // SAFETY: the argument is no longer used.
    unsafe { make_integer(heap, &integer) }
}
