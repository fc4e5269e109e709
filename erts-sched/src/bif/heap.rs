//! The running process's heap as `erts_core::bif` sees it.
//!
//! Compiled code bumps `Process::htop` inline; the heap's own top lags
//! behind until [`ProcessHeap::new`] syncs it. From then on every
//! allocation and collection keeps the two equal, so compiled code finds
//! the heap where the BIF left it.

use std::ptr::NonNull;

use erts_core::bif::{BifError, BifHeap};
use erts_core::build::TermAlloc;
use erts_core::{HeapFragment, Term};

use crate::process::Process;

/// The heap of the process a BIF runs in.
pub struct ProcessHeap<'a> {
    process: &'a mut Process,
}

impl<'a> ProcessHeap<'a> {
    /// Takes over the heap from compiled code.
    pub fn new(process: &'a mut Process) -> ProcessHeap<'a> {
        process.sync_heap_top();
        ProcessHeap { process }
    }

    /// The process, to record an exception in once the BIF is done.
    pub fn process(&mut self) -> &mut Process {
        self.process
    }
}

// SAFETY: words come from the process heap's young generation, which
// stays allocated until the next collection, and only one BIF at a time
// holds the process.
unsafe impl TermAlloc for ProcessHeap<'_> {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        let allocated = self.process.heap.alloc(words);
        self.process.load_heap_top();
        allocated
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        // SAFETY: forwarded from the caller; the object is in this heap.
        unsafe { self.process.heap.register_off_heap(object) }
    }
}

// SAFETY: `ensure` leaves at least `words` available on the process heap
// (or fails), and `alloc_words` takes from that same heap.
unsafe impl BifHeap for ProcessHeap<'_> {
    unsafe fn ensure(&mut self, words: usize, roots: &mut [Term]) -> Result<(), BifError> {
        let live = self.process.live as usize;
        // SAFETY: compiled code stored `sp` and `live` before calling the
        // BIF, so the registers and the stack are the caller's roots; the
        // BIF's own terms are `roots` (the caller's contract).
        unsafe { self.process.ensure_room(words, live, roots) }.map_err(|_| BifError::SystemLimit)
    }

    fn adopt_fragment(&mut self, fragment: HeapFragment) {
        self.process.heap.attach_fragment(fragment);
    }
}
