//! Binaries to and from lists: `binary_to_list/1`, `list_to_binary/1`,
//! `iolist_to_binary/1`, `iolist_size/1`.

use std::borrow::Cow;

use super::{built, BifError, BifHeap};
use crate::build;
use crate::term::Term;
use crate::view::{view, View};

/// `erlang:binary_to_list/1`: the bytes of a binary (whole bytes only).
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn binary_to_list_1(heap: &mut impl BifHeap, binary: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bytes = unsafe { whole_bytes(binary) }.ok_or(BifError::Badarg)?;
    let characters = bytes
        .iter()
        .map(|&byte| Term::small(i64::from(byte)).ok_or(BifError::Badarg))
        .collect::<Result<Vec<Term>, BifError>>()?;
    // SAFETY: the characters are immediates and the argument is no longer
    // used; there are no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:list_to_binary/1`: an iolist (not a binary itself) flattened.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn list_to_binary_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    if !list.is_list() && !list.is_nil() {
        return Err(BifError::Badarg);
    }
    // SAFETY: forwarded from the caller.
    unsafe { iolist_to_binary_1(heap, list) }
}

/// `erlang:iolist_to_binary/1`: a binary as it is, an iolist flattened.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn iolist_to_binary_1(heap: &mut impl BifHeap, iolist: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    if unsafe { whole_bytes(iolist) }.is_some() {
        return Ok(iolist);
    }
    let mut bytes = Vec::new();
    // SAFETY: as above.
    unsafe { walk_iolist(iolist, &mut |chunk| bytes.extend_from_slice(chunk)) }
        .ok_or(BifError::Badarg)?;
    // SAFETY: the argument is no longer used; there are no roots.
    unsafe { heap.ensure(build::heap_binary_words(bytes.len()), &mut []) }?;
    built(build::heap_binary(heap, &bytes))
}

/// `erlang:iolist_size/1`: the bytes `iolist_to_binary/1` would hold.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn iolist_size_1(iolist: Term) -> Result<Term, BifError> {
    let mut size = 0usize;
    // SAFETY: forwarded from the caller.
    unsafe { walk_iolist(iolist, &mut |chunk| size += chunk.len()) }.ok_or(BifError::Badarg)?;
    Term::small(size as i64).ok_or(BifError::SystemLimit)
}

/// The bytes of a binary, or `None` for any other term (a bitstring that
/// is not whole bytes included).
///
/// # Safety
///
/// `term` is valid and nothing collects its heap during the call.
unsafe fn whole_bytes<'a>(term: Term) -> Option<Cow<'a, [u8]>> {
    // SAFETY: forwarded from the caller.
    match unsafe { view(term) }? {
        View::Bits(bits) if bits.trailing_bits() == 0 => Some(bits.aligned()),
        _ => None,
    }
}

/// Gives `chunk` the bytes of an iolist (bytes, binaries and iolists,
/// with nil or a binary as any tail) in order; `None` if `iolist` is not
/// one. Nested lists are walked with an explicit stack of the tails still
/// to do.
///
/// # Safety
///
/// `iolist` is valid and nothing collects its heap during the call.
pub unsafe fn walk_iolist(iolist: Term, chunk: &mut impl FnMut(&[u8])) -> Option<()> {
    let mut pending = vec![iolist];
    while let Some(mut item) = pending.pop() {
        while !item.is_nil() {
            // SAFETY: every item is `iolist` or part of it, all valid.
            if let Some(bytes) = unsafe { whole_bytes(item) } {
                chunk(&bytes);
                break;
            }
            // SAFETY: as above; anything but a cons cell is no iolist.
            let (head, tail) = unsafe { (item.head()?, item.tail()?) };
            match head.as_small() {
                Some(byte) => chunk(&[u8::try_from(byte).ok()?]),
                None => {
                    pending.push(tail);
                    item = head;
                    continue;
                }
            }
            item = tail;
        }
    }
    Some(())
}
