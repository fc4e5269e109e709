//! Binaries to and from lists: `binary_to_list/1`, `list_to_binary/1`,
//! `iolist_to_binary/1`, `iolist_size/1`.

use std::borrow::Cow;

use super::{built, BifError, BifHeap};
use crate::budget::{Budget, TermMeter};
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
pub unsafe fn list_to_binary_1<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    list: Term,
) -> Result<Term, BifError> {
    if !list.is_list() && !list.is_nil() {
        return Err(BifError::Badarg);
    }
    // SAFETY: forwarded from the caller.
    unsafe { iolist_to_binary_1(heap, budget, list) }
}

/// `erlang:iolist_to_binary/1`: a binary as it is, an iolist flattened.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn iolist_to_binary_1<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    iolist: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    if unsafe { whole_bytes(iolist) }.is_some() {
        return Ok(iolist);
    }
    let mut bytes = Vec::new();
    let mut meter = TermMeter::new(budget);
    // SAFETY: as above; the walk may be suspended, but nothing collects.
    unsafe {
        walk_iolist(iolist, &mut |chunk| {
            meter.term();
            meter.bytes(chunk.len());
            bytes.extend_from_slice(chunk);
        })
    }
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
pub(crate) unsafe fn whole_bytes<'a>(term: Term) -> Option<Cow<'a, [u8]>> {
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

/// The largest binary BEAM keeps on a process heap (`ERL_ONHEAP_BIN_LIMIT`):
/// a part of a binary up to this size is copied, a larger part shares the
/// original's bytes.
const ON_HEAP_LIMIT: usize = 64;

/// Words [`byte_slice`] or [`shared_slice`] allocate at most.
pub(crate) const SLICE_WORDS: usize = build::heap_binary_words(ON_HEAP_LIMIT);

/// `len` bytes of the binary `binary` from byte `start`, as BEAM's BIFs
/// extract parts (`binary:part/3`, `split_binary/2`, `binary:split/3`):
/// a heap binary copy up to [`ON_HEAP_LIMIT`] bytes, else a sub binary.
/// `None` if `binary` is no binary, the range is outside it, or there is
/// no room.
///
/// # Safety
///
/// `binary` is valid and nothing collects its heap during the call.
pub(crate) unsafe fn byte_slice(
    alloc: &mut impl crate::build::TermAlloc,
    binary: Term,
    start: usize,
    len: usize,
) -> Option<Term> {
    if ON_HEAP_LIMIT < len {
        // SAFETY: forwarded from the caller.
        return unsafe { shared_slice(alloc, binary, start, len) };
    }
    // SAFETY: forwarded from the caller.
    let bits = match unsafe { view(binary) }? {
        View::Bits(bits) => bits,
        _ => return None,
    };
    let end = start.checked_add(len)?;
    if bits.byte_len() < end {
        return None;
    }
    let bytes = bits.aligned();
    build::heap_binary(alloc, &bytes[start..end])
}

/// `len` bytes of the binary `binary` from byte `start` as a sub binary,
/// whatever the size; otherwise as [`byte_slice`].
///
/// # Safety
///
/// As [`byte_slice`].
pub(crate) unsafe fn shared_slice(
    alloc: &mut impl crate::build::TermAlloc,
    binary: Term,
    start: usize,
    len: usize,
) -> Option<Term> {
    // SAFETY: forwarded from the caller.
    let (original, bit_offset, bit_size) = unsafe { binary_origin(binary) }?;
    let end = start.checked_add(len)? as u64 * 8;
    if bit_size < end {
        return None;
    }
    build::sub_binary(
        alloc,
        original,
        bit_offset + start as u64 * 8,
        len as u64 * 8,
    )
}

/// The heap or refc binary whose bytes `term` (a bitstring) shows, the bit
/// offset into it and the size in bits.
///
/// # Safety
///
/// As [`byte_slice`].
pub(crate) unsafe fn binary_origin(term: Term) -> Option<(Term, u64, u64)> {
    // SAFETY: forwarded from the caller.
    if let Some(bytes) = unsafe { term.binary_bytes() } {
        return Some((term, 0, bytes.len() as u64 * 8));
    }
    // SAFETY: as above.
    let sub = unsafe { term.sub_binary() }?;
    Some((sub.original, sub.bit_offset, sub.bit_size))
}

/// `erlang:split_binary/2`: `{Front, Back}` with `position` bytes in
/// `Front`; a bitstring's trailing bits stay in `Back`. Both share the
/// argument's bytes.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn split_binary_2(
    heap: &mut impl BifHeap,
    binary: Term,
    position: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let (_, _, bit_size) = unsafe { binary_origin(binary) }.ok_or(BifError::Badarg)?;
    let position = super::non_negative_small(position).ok_or(BifError::Badarg)?;
    let split = (position as u64)
        .checked_mul(8)
        .filter(|bits| *bits <= bit_size);
    let split = split.ok_or(BifError::Badarg)?;
    let mut roots = [binary];
    // SAFETY: the argument is the root, read back below.
    unsafe { heap.ensure(2 * SLICE_WORDS + 3, &mut roots) }?;
    // SAFETY: the root is valid after the collection; the room was made.
    let front = built(unsafe { byte_slice(heap, roots[0], 0, position) })?;
    let back = match (bit_size - split) % 8 {
        // SAFETY: as above.
        0 => unsafe { byte_slice(heap, roots[0], position, ((bit_size - split) / 8) as usize) },
        _ => {
            // A bitstring's tail, which always shares the bytes.
            // SAFETY: as above.
            let (original, bit_offset, _) =
                unsafe { binary_origin(roots[0]) }.ok_or(BifError::Badarg)?;
            build::sub_binary(heap, original, bit_offset + split, bit_size - split)
        }
    };
    built(build::tuple(heap, &[front, built(back)?]))
}

/// `erlang:binary_to_list/3`: bytes `start` to `stop` (1-based, both
/// included) of a bitstring's whole bytes.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn binary_to_list_3(
    heap: &mut impl BifHeap,
    binary: Term,
    start: Term,
    stop: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bits = match unsafe { view(binary) } {
        Some(View::Bits(bits)) => bits,
        _ => return Err(BifError::Badarg),
    };
    let start = super::non_negative_small(start).ok_or(BifError::Badarg)?;
    let stop = super::non_negative_small(stop).ok_or(BifError::Badarg)?;
    if start < 1 || stop < start || bits.byte_len() < stop {
        return Err(BifError::Badarg);
    }
    let bytes = bits.aligned();
    let characters: Vec<Term> = bytes[start - 1..stop]
        .iter()
        .map(|&byte| Term::small(i64::from(byte)).ok_or(BifError::Badarg))
        .collect::<Result<_, _>>()?;
    // SAFETY: the characters are immediates; no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// What `iolist_to_iovec/1` gathers bytes into before they become a
/// binary of their own (BEAM's `IOL2V_SMALL_BIN_LIMIT`): smaller binaries
/// are copied into the accumulator, larger ones kept as they are.
const IOVEC_SMALL: usize = 256;
/// An accumulator that has grown to this size is closed rather than grown
/// further.
const IOVEC_ACC_LIMIT: usize = 32 * IOVEC_SMALL;

/// One binary of an iovec.
enum IovecPart {
    /// Bytes copied into an accumulator.
    Copied(Vec<u8>),
    /// `len` bytes of the argument's binary number `binary` from `start`
    /// (the whole binary when `start` is 0 and `len` its size).
    Shared {
        binary: usize,
        start: usize,
        len: usize,
    },
}

/// The accumulator of `iolist_to_iovec/1`: its bytes and the size of the
/// buffer BEAM would have allocated for them, which decides when it is
/// closed.
struct IovecAcc {
    bytes: Vec<u8>,
    allocated: usize,
}

impl IovecAcc {
    /// Makes room for `extra` more bytes as BEAM grows its buffer,
    /// closing the accumulator into `parts` when it is already large.
    fn expand(&mut self, extra: usize, parts: &mut Vec<IovecPart>) {
        let required = self.bytes.len() + extra;
        if self.allocated == 0 {
            self.allocated = required.max(IOVEC_SMALL);
        } else if self.allocated < required {
            if IOVEC_ACC_LIMIT <= self.allocated {
                self.close(parts);
                self.expand(extra, parts);
                return;
            }
            self.allocated = required.max(2 * self.allocated);
        }
    }

    fn close(&mut self, parts: &mut Vec<IovecPart>) {
        if !self.bytes.is_empty() {
            parts.push(IovecPart::Copied(std::mem::take(&mut self.bytes)));
        }
        self.allocated = 0;
    }
}

/// `erlang:iolist_to_iovec/1`: an iolist as a list of binaries, small
/// pieces gathered into binaries of at least 256 bytes where possible and
/// large binaries passed on as they are (or split, BEAM's way).
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn iolist_to_iovec_1(heap: &mut impl BifHeap, iolist: Term) -> Result<Term, BifError> {
    if iolist.is_nil() {
        return Ok(Term::NIL);
    }
    // SAFETY: forwarded from the caller; nothing has collected yet.
    if let Some(bits) = unsafe { binary_bits(iolist) } {
        if bits % 8 != 0 {
            return Err(BifError::Badarg);
        }
        if bits == 0 {
            return Ok(Term::NIL);
        }
        let mut roots = [iolist];
        // SAFETY: the argument is the root.
        unsafe { heap.ensure(2, &mut roots) }?;
        return built(build::cons(heap, roots[0], Term::NIL));
    }
    if !iolist.is_list() {
        return Err(BifError::Badarg);
    }
    let mut binaries = Vec::new();
    let mut parts = Vec::new();
    let mut acc = IovecAcc {
        bytes: Vec::new(),
        allocated: 0,
    };
    let mut pending = Vec::new();
    let mut item = iolist;
    loop {
        // SAFETY: every item is part of the argument.
        while let (Some(head), Some(tail)) = (unsafe { item.head() }, unsafe { item.tail() }) {
            if let Some(byte) = head.as_small() {
                let byte = u8::try_from(byte).map_err(|_| BifError::Badarg)?;
                acc.expand(1, &mut parts);
                acc.bytes.push(byte);
                item = tail;
            } else if head.is_list() || head.is_nil() {
                if !tail.is_nil() {
                    pending.push(tail);
                }
                item = head;
            } else {
                // SAFETY: as above.
                unsafe { iovec_binary(head, &mut binaries, &mut parts, &mut acc) }?;
                item = tail;
            }
        }
        if !item.is_nil() {
            // SAFETY: as above.
            unsafe { iovec_binary(item, &mut binaries, &mut parts, &mut acc) }?;
        }
        match pending.pop() {
            Some(next) => item = next,
            None => break,
        }
    }
    acc.close(&mut parts);
    let words: usize = parts
        .iter()
        .map(|part| match part {
            IovecPart::Copied(bytes) => build::heap_binary_words(bytes.len()) + 2,
            IovecPart::Shared { .. } => SLICE_WORDS + 2,
        })
        .sum();
    // SAFETY: the shared binaries are the roots, read back below.
    unsafe { heap.ensure(words, &mut binaries) }?;
    let mut elements = Vec::with_capacity(parts.len());
    for part in &parts {
        let element = match *part {
            IovecPart::Copied(ref bytes) => built(build::heap_binary(heap, bytes))?,
            IovecPart::Shared { binary, start, len } => {
                let binary = binaries[binary];
                // SAFETY: the root is valid after the collection.
                match start == 0 && unsafe { binary_bits(binary) } == Some(len as u64 * 8) {
                    true => binary,
                    // SAFETY: as above.
                    false => built(unsafe { shared_slice(heap, binary, start, len) })?,
                }
            }
        };
        elements.push(element);
    }
    built(build::list(heap, &elements, Term::NIL))
}

/// The size in bits of a bitstring.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn binary_bits(term: Term) -> Option<u64> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_origin(term) }.map(|(_, _, bits)| bits)
}

/// Adds one binary of an iolist to an iovec: `badarg` for anything else.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn iovec_binary(
    term: Term,
    binaries: &mut Vec<Term>,
    parts: &mut Vec<IovecPart>,
    acc: &mut IovecAcc,
) -> Result<(), BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { whole_bytes(term) }.ok_or(BifError::Badarg)?;
    let size = bytes.len();
    if size == 0 {
        return Ok(());
    }
    let acc_small = acc.bytes.len() < IOVEC_SMALL;
    let binary_small = size < IOVEC_SMALL;
    if !binary_small && (acc.bytes.is_empty() || !acc_small) {
        acc.close(parts);
        binaries.push(term);
        parts.push(IovecPart::Shared {
            binary: binaries.len() - 1,
            start: 0,
            len: size,
        });
    } else if binary_small || acc.bytes.len() + size < 2 * IOVEC_SMALL {
        acc.expand(size, parts);
        acc.bytes.extend_from_slice(&bytes);
    } else {
        let spill = IOVEC_SMALL - acc.bytes.len();
        acc.expand(spill, parts);
        acc.bytes.extend_from_slice(&bytes[..spill]);
        acc.close(parts);
        binaries.push(term);
        parts.push(IovecPart::Shared {
            binary: binaries.len() - 1,
            start: spill,
            len: size - spill,
        });
    }
    Ok(())
}

/// `erlang:bitstring_to_list/1`: the whole bytes, then the trailing bits
/// (if any) as a bitstring of their own, as the list's last element.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn bitstring_to_list_1(
    heap: &mut impl BifHeap,
    bitstring: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let (_, _, bit_size) = unsafe { binary_origin(bitstring) }.ok_or(BifError::Badarg)?;
    // SAFETY: as above.
    let bytes = match unsafe { view(bitstring) } {
        Some(View::Bits(bits)) => bits.aligned().into_owned(),
        _ => return Err(BifError::Badarg),
    };
    let n_whole = (bit_size / 8) as usize;
    let mut characters: Vec<Term> = bytes[..n_whole]
        .iter()
        .map(|&byte| Term::small(i64::from(byte)).ok_or(BifError::Badarg))
        .collect::<Result<_, _>>()?;
    let trailing = bit_size % 8;
    let mut roots = [bitstring];
    let words = 2 * (characters.len() + 1) + 4;
    // SAFETY: the argument is the root, read back below.
    unsafe { heap.ensure(words, &mut roots) }?;
    if trailing != 0 {
        // SAFETY: the root is valid after the collection; the room was made.
        let (original, bit_offset, _) =
            unsafe { binary_origin(roots[0]) }.ok_or(BifError::Badarg)?;
        let offset = bit_offset + n_whole as u64 * 8;
        characters.push(built(build::sub_binary(heap, original, offset, trailing))?);
    }
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:binary_part/2`, as `binary:part/2`.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn binary_part_2(
    heap: &mut impl BifHeap,
    binary: Term,
    range: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { super::binary_module::part_2(heap, binary, range) }
}

/// `erlang:binary_part/3`, as `binary:part/3`.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn binary_part_3(
    heap: &mut impl BifHeap,
    binary: Term,
    start: Term,
    len: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { super::binary_module::part_3(heap, binary, start, len) }
}

/// `erlang:list_to_bitstring/1`: a bitstring list (bytes, bitstrings and
/// bitstring lists, with `[]` or a bitstring as any tail) joined. Not a
/// bitstring itself.
///
/// # Safety
///
/// As [`binary_to_list_1`].
pub unsafe fn list_to_bitstring_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    if !list.is_list() && !list.is_nil() {
        return Err(BifError::Badarg);
    }
    let mut bytes: Vec<u8> = Vec::new();
    let mut bit_len: u64 = 0;
    let mut push_bits = |value: u8, count: u32| {
        // Appends the `count` high bits of `value`.
        for bit in 0..count {
            if bit_len.is_multiple_of(8) {
                bytes.push(0);
            }
            let set = (value >> (7 - bit)) & 1;
            if let Some(last) = bytes.last_mut() {
                *last |= set << (7 - (bit_len % 8));
            }
            bit_len += 1;
        }
    };
    let mut pending = vec![list];
    while let Some(mut item) = pending.pop() {
        while !item.is_nil() {
            // SAFETY: every item is part of the argument; nothing collects.
            if let Some(View::Bits(bits)) = unsafe { view(item) } {
                let aligned = bits.aligned();
                let whole = bits.byte_len();
                for &byte in &aligned[..whole] {
                    push_bits(byte, 8);
                }
                if bits.trailing_bits() != 0 {
                    push_bits(aligned[whole], u32::from(bits.trailing_bits()));
                }
                break;
            }
            // SAFETY: as above; anything but a cons cell is no bitstring list.
            let (head, tail) = unsafe { (item.head(), item.tail()) };
            let (Some(head), Some(tail)) = (head, tail) else {
                return Err(BifError::Badarg);
            };
            match head.as_small() {
                Some(byte) => push_bits(u8::try_from(byte).map_err(|_| BifError::Badarg)?, 8),
                None => {
                    pending.push(tail);
                    item = head;
                    continue;
                }
            }
            item = tail;
        }
    }
    let trailing = bit_len % 8;
    let words = build::heap_binary_words(bytes.len()) + if trailing == 0 { 0 } else { 4 };
    // SAFETY: the argument is no longer used; there are no roots.
    unsafe { heap.ensure(words, &mut []) }?;
    let binary = built(build::heap_binary(heap, &bytes))?;
    match trailing {
        0 => Ok(binary),
        _ => built(build::sub_binary(heap, binary, 0, bit_len)),
    }
}
