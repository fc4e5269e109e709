//! The off-heap list (BEAM's MSO list): every ProcBin in a heap or heap
//! fragment, so that the shared binaries of dead ones can be released.
//!
//! Invariant: each entry is the address of a ProcBin object that holds one
//! count on its shared binary, in the memory of the owner of this list, and
//! each ProcBin there appears exactly once. Whoever frees that memory first
//! releases the counts of the entries (see `sweep` and `release_all`).

use std::ptr::NonNull;

use crate::refc_binary::{BinaryBytes, SharedBinary};
use crate::term::tag::{PRIMARY_BOXED, PRIMARY_MASK};

#[derive(Default)]
pub(crate) struct OffHeapList {
    proc_bins: Vec<NonNull<u64>>,
}

impl OffHeapList {
    pub(crate) fn push(&mut self, proc_bin: NonNull<u64>) {
        self.proc_bins.push(proc_bin);
    }

    pub(crate) fn append(&mut self, other: &mut OffHeapList) {
        self.proc_bins.append(&mut other.proc_bins);
    }

    pub(crate) fn len(&self) -> usize {
        self.proc_bins.len()
    }

    /// After a copying pass: keeps ProcBins outside the collected area as
    /// they are, moves forwarded ones to their new address and releases the
    /// shared binaries of the rest, which were not reached.
    ///
    /// # Safety
    ///
    /// Every entry must still be readable; those for which `collected`
    /// returns true must have been either forwarded (header replaced by a
    /// boxed pointer to the copy) or left dead by the pass.
    pub(crate) unsafe fn sweep(&mut self, collected: impl Fn(usize) -> bool) {
        self.proc_bins.retain_mut(|proc_bin| {
            if !collected(proc_bin.addr().get()) {
                return true;
            }
            // SAFETY: entries are readable (caller's contract).
            let first_word = unsafe { proc_bin.as_ptr().read() };
            if first_word & PRIMARY_MASK == PRIMARY_BOXED {
                let copy =
                    std::ptr::with_exposed_provenance_mut((first_word & !PRIMARY_MASK) as usize);
                // SAFETY: a forwarding pointer is the address of the copy,
                // which is never null.
                *proc_bin = unsafe { NonNull::new_unchecked(copy) };
                return true;
            }
            // SAFETY: the ProcBin was not forwarded, so it is dead and its
            // shared-binary word is intact; its count is released once,
            // here, as the entry leaves the list.
            unsafe { release(*proc_bin) };
            false
        });
    }

    /// Releases every entry's count: the owner's memory is going away.
    ///
    /// # Safety
    ///
    /// Every entry must still be readable and unforwarded.
    pub(crate) unsafe fn release_all(&mut self) {
        for proc_bin in self.proc_bins.drain(..) {
            // SAFETY: forwarded from the caller; each entry is released once
            // as it is drained.
            unsafe { release(proc_bin) };
        }
    }
}

/// Releases the count a ProcBin holds.
///
/// # Safety
///
/// `proc_bin` must be a readable, unforwarded ProcBin whose count has not
/// been released.
unsafe fn release(proc_bin: NonNull<u64>) {
    // SAFETY: a ProcBin's third word is the shared binary pointer.
    let raw = unsafe { proc_bin.as_ptr().add(2).read() };
    let binary: *const BinaryBytes = std::ptr::with_exposed_provenance(raw as usize);
    // SAFETY: the ProcBin held one count on `binary` (caller's contract).
    unsafe { SharedBinary::release_raw(binary) };
}
