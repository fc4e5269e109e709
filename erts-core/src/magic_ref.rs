//! Magic references: reference terms that also keep an off-heap resource
//! alive, as BEAM's magic binaries do for `atomics` and `counters` arrays,
//! compiled match specifications and NIF resources.
//!
//! A magic reference is a `Ref` object of arity [`MAGIC_REF_ARITY`]: the
//! three words of a local reference number, then one raw word, a thin
//! pointer to a [`Resource`] cell. Everything that reads references (term
//! order, `=:=`, hashes, the external format, printing) sees only the
//! number words, so a magic reference behaves exactly like the plain
//! reference with the same number; [`crate::Term::magic_resource`] gives
//! the resource.
//!
//! The cell is an `Arc<Resource>`: every magic-reference object on a heap,
//! in a heap fragment or in a literal area owns one count on it, exactly as
//! a ProcBin owns one count on its shared binary. The object is listed in
//! its heap's off-heap list, so the collector releases the count when the
//! object dies and a dying heap releases those of all its objects;
//! `copy_term` takes a count for the copy. The resource is dropped when the
//! last count goes and no Rust handle (a clone of the [`Resource`]) is
//! left.
//!
//! Invariants:
//! - Plain local references have at most three number words, so the arity
//!   alone tells a magic reference apart.
//! - The pointer word of a live magic-reference object always holds one
//!   count, taken when the object was written and released once, when the
//!   object's off-heap list entry goes.

use std::any::Any;
use std::sync::Arc;

/// What a magic reference keeps alive: any value threads may share.
/// Downcast it to the type its creator stored.
pub type Resource = Arc<dyn Any + Send + Sync>;

/// Number words of a local reference.
pub(crate) const REF_NUMBER_WORDS: usize = 3;

/// Body words of a magic reference: the number words, then the pointer.
pub(crate) const MAGIC_REF_ARITY: usize = REF_NUMBER_WORDS + 1;

/// A new cell holding `resource`, with one count, as the raw pointer a
/// magic reference stores.
pub(crate) fn into_raw(resource: &Resource) -> *const Resource {
    Arc::into_raw(Arc::new(Arc::clone(resource)))
}

/// Takes one more count on the cell at `cell`, for a copy of a magic
/// reference.
///
/// # Safety
///
/// `cell` must come from [`into_raw`] and still hold at least one count.
pub(crate) unsafe fn retain_raw(cell: *const Resource) {
    // SAFETY: the caller guarantees `cell` is a live `Arc` pointer.
    unsafe { Arc::increment_strong_count(cell) }
}

/// Gives back the count a dead magic reference held, dropping the cell
/// (and its handle on the resource) at zero.
///
/// # Safety
///
/// The caller owns one count on the live cell `cell`, and gives it up.
pub(crate) unsafe fn release_raw(cell: *const Resource) {
    // SAFETY: forwarded from the caller.
    unsafe { Arc::decrement_strong_count(cell) }
}

/// The resource in the cell at `cell`.
///
/// # Safety
///
/// `cell` must come from [`into_raw`] and hold a count for at least `'a`.
pub(crate) unsafe fn borrow_raw<'a>(cell: *const Resource) -> &'a Resource {
    // SAFETY: the caller guarantees the cell lives for 'a.
    unsafe { &*cell }
}
