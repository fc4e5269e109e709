//! The off-heap list (BEAM's MSO list): every ProcBin and magic reference
//! in a heap or heap fragment, so that the shared binaries and resources
//! of dead ones can be released.
//!
//! Invariant: each entry is the address of a ProcBin or magic-reference
//! object that holds one count on its off-heap object (shared binary or
//! resource cell), in the memory of the owner of this list, and each such
//! object there appears exactly once. Whoever frees that memory first
//! releases the counts of the entries (see `sweep` and `release_all`). The
//! header of an entry's object says which kind it is, so a dead object's
//! header must stay intact until its entry is swept.

use std::ptr::NonNull;

use crate::magic_ref::{self, Resource, MAGIC_REF_ARITY, REF_NUMBER_WORDS};
use crate::refc_binary::{BinaryBytes, SharedBinary};
use crate::term::tag::{Subtag, PRIMARY_BOXED, PRIMARY_MASK};
use crate::term::Header;

#[derive(Default)]
pub(crate) struct OffHeapList {
    objects: Vec<NonNull<u64>>,
}

impl OffHeapList {
    pub(crate) fn push(&mut self, object: NonNull<u64>) {
        self.objects.push(object);
    }

    pub(crate) fn append(&mut self, other: &mut OffHeapList) {
        self.objects.append(&mut other.objects);
    }

    pub(crate) fn len(&self) -> usize {
        self.objects.len()
    }

    /// After a copying pass: keeps objects outside the collected area as
    /// they are, moves forwarded ones to their new address and releases the
    /// shared binaries of the rest, which were not reached.
    ///
    /// # Safety
    ///
    /// Every entry must still be readable; those for which `collected`
    /// returns true must have been either forwarded (header replaced by a
    /// boxed pointer to the copy) or left dead by the pass.
    pub(crate) unsafe fn sweep(&mut self, collected: impl Fn(usize) -> bool) {
        self.objects.retain_mut(|object| {
            if !collected(object.addr().get()) {
                return true;
            }
            // SAFETY: entries are readable (caller's contract).
            let first_word = unsafe { object.as_ptr().read() };
            if first_word & PRIMARY_MASK == PRIMARY_BOXED {
                let copy =
                    std::ptr::with_exposed_provenance_mut((first_word & !PRIMARY_MASK) as usize);
                // SAFETY: a forwarding pointer is the address of the copy,
                // which is never null.
                *object = unsafe { NonNull::new_unchecked(copy) };
                return true;
            }
            // SAFETY: the object was not forwarded, so it is dead and its
            // header and pointer words are intact; its count is released once,
            // here, as the entry leaves the list.
            unsafe { release(*object) };
            false
        });
    }

    /// Releases every entry's count: the owner's memory is going away.
    ///
    /// # Safety
    ///
    /// Every entry must still be readable and unforwarded.
    pub(crate) unsafe fn release_all(&mut self) {
        for object in self.objects.drain(..) {
            // SAFETY: forwarded from the caller; each entry is released once
            // as it is drained.
            unsafe { release(object) };
        }
    }
}

/// Releases the count a ProcBin or magic reference holds.
///
/// # Safety
///
/// `object` must be a readable, unforwarded ProcBin or magic reference
/// whose count has not been released.
unsafe fn release(object: NonNull<u64>) {
    // SAFETY: an unforwarded object starts with its header.
    let header = unsafe { Header::from_bits(object.as_ptr().read()) };
    match header.subtag() {
        Subtag::RefcBinary => {
            // SAFETY: a ProcBin's third word is the shared binary pointer.
            let raw = unsafe { object.as_ptr().add(2).read() };
            let binary: *const BinaryBytes = std::ptr::with_exposed_provenance(raw as usize);
            // SAFETY: the ProcBin held one count on `binary` (caller's
            // contract).
            unsafe { SharedBinary::release_raw(binary) };
        }
        Subtag::Ref => {
            debug_assert_eq!(header.arity(), MAGIC_REF_ARITY);
            // SAFETY: a magic reference's last word is its cell pointer.
            let raw = unsafe { object.as_ptr().add(1 + REF_NUMBER_WORDS).read() };
            let cell: *const Resource = std::ptr::with_exposed_provenance(raw as usize);
            // SAFETY: the magic reference held one count on `cell` (caller's
            // contract).
            unsafe { magic_ref::release_raw(cell) };
        }
        subtag => unreachable!("a {subtag:?} object in the off-heap list"),
    }
}
