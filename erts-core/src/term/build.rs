//! Building objects: one function per object kind, writing into memory from
//! any [`TermAlloc`] (a process heap, a heap fragment, a literal area).
//!
//! Every builder returns `None`, having written nothing, when the allocator
//! has no room; the caller collects or takes a bigger block and retries.
//! Builders never collect, so the terms passed in stay valid throughout.

use std::ptr::NonNull;

use super::tag::Subtag;
use super::{Header, Term};
use crate::atom::Atom;
use crate::magic_ref::{self, Resource, MAGIC_REF_ARITY, REF_NUMBER_WORDS};
use crate::refc_binary::SharedBinary;

/// Memory that objects can be built in.
///
/// # Safety
///
/// Implementors guarantee that `alloc_words(n)` returns `n` 8-byte aligned,
/// writable words that no one else uses, and that they stay allocated until
/// the implementor's documented end (the next collection for a process
/// heap, never for a literal area).
pub unsafe trait TermAlloc {
    /// `words` uninitialised words, or `None` when there is no room.
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>>;

    /// Records the object at `object`, a ProcBin or a magic reference, so
    /// its count on the off-heap object it refers to (shared binary or
    /// resource) is released when it dies.
    ///
    /// # Safety
    ///
    /// `object` must be a refc-binary or magic-reference object fully
    /// written in memory that this allocator returned, holding one count.
    unsafe fn register_off_heap(&mut self, object: NonNull<u64>);
}

/// The kinds of external identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternalKind {
    /// A pid on another node.
    Pid,
    /// A port on another node.
    Port,
    /// A reference made on another node.
    Ref,
}

/// Words taken by a heap binary of `byte_len` bytes, header included.
pub const fn heap_binary_words(byte_len: usize) -> usize {
    2 + byte_len.div_ceil(8)
}

/// The tuple `{elements…}`.
pub fn tuple(alloc: &mut impl TermAlloc, elements: &[Term]) -> Option<Term> {
    let words = elements.iter().map(|element| element.bits());
    write_object(alloc, Subtag::Tuple, elements.len(), words)
}

/// The cons cell `[head | tail]`.
pub fn cons(alloc: &mut impl TermAlloc, head: Term, tail: Term) -> Option<Term> {
    list(alloc, &[head], tail)
}

/// The list `[elements… | tail]`, in one block of `2 * elements.len()` words.
pub fn list(alloc: &mut impl TermAlloc, elements: &[Term], tail: Term) -> Option<Term> {
    if elements.is_empty() {
        return Some(tail);
    }
    let cells = alloc.alloc_words(2 * elements.len())?.as_ptr();
    let mut rest = tail;
    for (index, element) in elements.iter().enumerate().rev() {
        // SAFETY: `cells` has 2 * len words, so cell `index` is in bounds.
        let cell = unsafe { cells.add(2 * index) };
        // SAFETY: `cell` and `cell + 1` are in bounds and ours to write.
        unsafe {
            cell.write(element.bits());
            cell.add(1).write(rest.bits());
        }
        // SAFETY: the cell was just written with two terms and is aligned.
        rest = unsafe { Term::from_cons_ptr(cell) };
    }
    Some(rest)
}

/// The float `value`.
pub fn float(alloc: &mut impl TermAlloc, value: f64) -> Option<Term> {
    write_object(alloc, Subtag::Float, 1, [value.to_bits()].into_iter())
}

/// A bignum with magnitude `digits` (least significant first). Storage
/// only: callers keep bignums normalised (no high zero digits, and values
/// that fit a small stored as smalls).
pub fn bignum(alloc: &mut impl TermAlloc, negative: bool, digits: &[u64]) -> Option<Term> {
    let subtag = if negative {
        Subtag::NegativeBignum
    } else {
        Subtag::PositiveBignum
    };
    write_object(alloc, subtag, digits.len(), digits.iter().copied())
}

/// A heap binary holding `bytes`.
pub fn heap_binary(alloc: &mut impl TermAlloc, bytes: &[u8]) -> Option<Term> {
    let words = heap_binary_words(bytes.len());
    let object = alloc.alloc_words(words)?.as_ptr();
    // SAFETY: `object` has `words` words: header, size, ceil(len / 8) data
    // words. The last word is zeroed first so padding is defined, then the
    // bytes are copied into the data words, which start 8-aligned.
    unsafe {
        object.write(Header::new(Subtag::HeapBinary, words - 1).bits());
        object.add(1).write(bytes.len() as u64);
        object.add(words - 1).write(0);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), object.add(2).cast::<u8>(), bytes.len());
    }
    // SAFETY: the object was fully written above.
    Some(unsafe { Term::from_boxed_ptr(object) })
}

/// A refc binary (ProcBin) referring to `binary`; takes one count on it.
pub fn refc_binary(alloc: &mut impl TermAlloc, binary: &SharedBinary) -> Option<Term> {
    let object = alloc.alloc_words(3)?;
    let len = binary.as_bytes().len() as u64;
    let raw = binary.clone().into_raw();
    // SAFETY: `object` has 3 words for header, size and pointer.
    unsafe {
        let words = object.as_ptr();
        words.write(Header::new(Subtag::RefcBinary, 2).bits());
        words.add(1).write(len);
        words.add(2).write(raw.expose_provenance() as u64);
    }
    // SAFETY: the ProcBin was fully written above and holds the count taken
    // by `into_raw`, in memory `alloc` returned.
    unsafe { alloc.register_off_heap(object) };
    // SAFETY: the object was fully written above.
    Some(unsafe { Term::from_boxed_ptr(object.as_ptr()) })
}

/// A sub binary: `bit_size` bits of the binary `original`, starting at
/// `bit_offset`. `original` must be a heap or refc binary; the range is the
/// caller's to check.
pub fn sub_binary(
    alloc: &mut impl TermAlloc,
    original: Term,
    bit_offset: u64,
    bit_size: u64,
) -> Option<Term> {
    let words = [bit_size, bit_offset, original.bits()];
    write_object(alloc, Subtag::SubBinary, 3, words.into_iter())
}

/// A flat map with the tuple `keys` (sorted in term order, by the caller)
/// and one value per key.
pub fn flat_map(alloc: &mut impl TermAlloc, keys: Term, values: &[Term]) -> Option<Term> {
    let words = std::iter::once(keys.bits()).chain(values.iter().map(|value| value.bits()));
    write_object(alloc, Subtag::Map, 1 + values.len(), words)
}

/// A hash-map node with the raw word `info` (`size << 16 | bitmap`) and
/// `children` (leaves `[Key | Value]` and lower nodes, as the `map` module
/// lays them out).
pub fn hash_map_node(alloc: &mut impl TermAlloc, info: u64, children: &[Term]) -> Option<Term> {
    let words = std::iter::once(info).chain(children.iter().map(|child| child.bits()));
    write_object(alloc, Subtag::HashMap, 1 + children.len(), words)
}

/// A closure over `environment` for the code whose fun entry is
/// `fun_entry` (an address or index the code generator defines).
pub fn fun(alloc: &mut impl TermAlloc, fun_entry: u64, environment: &[Term]) -> Option<Term> {
    let words = std::iter::once(fun_entry).chain(environment.iter().map(|term| term.bits()));
    write_object(alloc, Subtag::Fun, 1 + environment.len(), words)
}

/// The export fun `fun module:function/arity`.
pub fn export(alloc: &mut impl TermAlloc, module: Atom, function: Atom, arity: u8) -> Option<Term> {
    let arity = Term::small(i64::from(arity))?;
    let words = [
        Term::atom(module).bits(),
        Term::atom(function).bits(),
        arity.bits(),
    ];
    write_object(alloc, Subtag::Export, 3, words.into_iter())
}

/// A local reference with the reference number `words` (at most three).
pub fn reference(alloc: &mut impl TermAlloc, words: &[u64]) -> Option<Term> {
    assert!(
        words.len() <= REF_NUMBER_WORDS,
        "a reference number has 3 words"
    );
    write_object(alloc, Subtag::Ref, words.len(), words.iter().copied())
}

/// A magic reference (see `crate::magic_ref`) with the reference number
/// `words` that keeps `resource` alive; takes one count for the object.
pub fn magic_reference(
    alloc: &mut impl TermAlloc,
    words: &[u64; REF_NUMBER_WORDS],
    resource: &Resource,
) -> Option<Term> {
    let object = alloc.alloc_words(1 + MAGIC_REF_ARITY)?;
    let cell = magic_ref::into_raw(resource);
    // SAFETY: `object` has a header and `MAGIC_REF_ARITY` body words.
    unsafe {
        let object = object.as_ptr();
        object.write(Header::new(Subtag::Ref, MAGIC_REF_ARITY).bits());
        std::ptr::copy_nonoverlapping(words.as_ptr(), object.add(1), REF_NUMBER_WORDS);
        object
            .add(1 + REF_NUMBER_WORDS)
            .write(cell.expose_provenance() as u64);
    }
    // SAFETY: the object was fully written above and holds the count
    // `into_raw` took, in memory `alloc` returned.
    unsafe { alloc.register_off_heap(object) };
    // SAFETY: the object was fully written above.
    Some(unsafe { Term::from_boxed_ptr(object.as_ptr()) })
}

/// An external pid, port or reference of `node`, with identifier `id`.
pub fn external(
    alloc: &mut impl TermAlloc,
    kind: ExternalKind,
    node: Atom,
    creation: u32,
    id: &[u64],
) -> Option<Term> {
    let subtag = match kind {
        ExternalKind::Pid => Subtag::ExternalPid,
        ExternalKind::Port => Subtag::ExternalPort,
        ExternalKind::Ref => Subtag::ExternalRef,
    };
    let words = [Term::atom(node).bits(), u64::from(creation)]
        .into_iter()
        .chain(id.iter().copied());
    write_object(alloc, subtag, 2 + id.len(), words)
}

/// Writes a header and `arity` body words into a new object.
fn write_object(
    alloc: &mut impl TermAlloc,
    subtag: Subtag,
    arity: usize,
    body: impl Iterator<Item = u64>,
) -> Option<Term> {
    let object = alloc.alloc_words(1 + arity)?.as_ptr();
    // SAFETY: `object` has 1 + arity words.
    unsafe { object.write(Header::new(subtag, arity).bits()) };
    let mut written = 0;
    for word in body.take(arity) {
        // SAFETY: at most `arity` body words are written after the header.
        unsafe { object.add(1 + written).write(word) };
        written += 1;
    }
    debug_assert_eq!(written, arity);
    // SAFETY: header and all `arity` body words were written above.
    Some(unsafe { Term::from_boxed_ptr(object) })
}
