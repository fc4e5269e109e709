//! Heap fragments: blocks of terms built outside a process's heap (a
//! message copied by its sender, a BIF result built when the heap was full)
//! and later attached to the heap, whose next collection copies their live
//! terms in and frees them.
//!
//! Invariants: words from the block's start to `top` are well-formed
//! objects; term words point into this fragment, at literals, or at other
//! memory guaranteed to outlive the fragment. The off-heap list holds the
//! fragment's ProcBins and magic references until the fragment is attached (the heap then takes
//! them over) or dropped (their counts are released).

use std::ptr::NonNull;

use super::block::WordBlock;
use super::off_heap::OffHeapList;
use super::HeapError;
use crate::term::build::TermAlloc;

/// A block of terms built outside a process heap.
pub struct HeapFragment {
    block: WordBlock,
    top: *mut u64,
    pub(crate) off_heap: OffHeapList,
}

// SAFETY: the fragment exclusively owns its block; the shared binaries and
// resources its ProcBins and magic references refer to are atomically
// counted (and resources are `Send + Sync`), so the fragment (a message,
// say) may be built on one thread and attached on another.
unsafe impl Send for HeapFragment {}

impl HeapFragment {
    /// An empty fragment with room for `words` words.
    pub fn with_capacity(words: usize) -> Result<HeapFragment, HeapError> {
        let block = WordBlock::new(words)?;
        let top = block.start();
        Ok(HeapFragment {
            block,
            top,
            off_heap: OffHeapList::default(),
        })
    }

    /// Words in use.
    pub fn used_words(&self) -> usize {
        (self.top.addr() - self.block.start().addr()) / size_of::<u64>()
    }

    /// Words still free.
    pub fn free_words(&self) -> usize {
        (self.block.end().addr() - self.top.addr()) / size_of::<u64>()
    }

    pub(crate) fn start(&self) -> *mut u64 {
        self.block.start()
    }

    pub(crate) fn top(&self) -> *mut u64 {
        self.top
    }

    /// Takes the block out, leaving the fragment empty.
    pub(crate) fn take_block(&mut self) -> WordBlock {
        self.top = std::ptr::null_mut();
        std::mem::replace(&mut self.block, WordBlock::empty())
    }

    /// Forgets the ProcBins and magic references after the heap took them over.
    pub(crate) fn take_off_heap(&mut self) -> OffHeapList {
        std::mem::take(&mut self.off_heap)
    }
}

// SAFETY: words handed out lie between `top` and the block's end, are
// aligned (the block is), and are never handed out twice; the block lives
// until the fragment drops, after the heap it is attached to has copied
// out its live terms.
unsafe impl TermAlloc for HeapFragment {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        if self.free_words() < words {
            return None;
        }
        let allocated = self.top;
        // SAFETY: `words` fit between `top` and the end of the block.
        self.top = unsafe { self.top.add(words) };
        NonNull::new(allocated)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        self.off_heap.push(object);
    }
}

impl Drop for HeapFragment {
    fn drop(&mut self) {
        // SAFETY: objects still listed are in this fragment's block, which
        // is still allocated, and were never forwarded (a heap that copies
        // a fragment's terms takes its list first).
        unsafe { self.off_heap.release_all() };
    }
}
