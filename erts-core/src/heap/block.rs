//! An owned, 8-byte aligned block of uninitialised words: the memory of a
//! young generation, an old generation or a heap fragment.
//!
//! Invariant: `start` points to `len` words allocated with the layout
//! `Layout::array::<u64>(len)` (or is dangling when `len` is 0), owned by
//! this block alone and freed when it drops. The block only hands out raw
//! pointers; it never creates references to its words, so pointers derived
//! from `start` stay usable for the block's whole life.

use std::alloc::Layout;
use std::ptr::NonNull;

use super::HeapError;

pub(crate) struct WordBlock {
    start: NonNull<u64>,
    len: usize,
}

impl WordBlock {
    /// A block of `len` words.
    pub(crate) fn new(len: usize) -> Result<WordBlock, HeapError> {
        if len == 0 {
            return Ok(WordBlock {
                start: NonNull::dangling(),
                len,
            });
        }
        let layout = Layout::array::<u64>(len).map_err(|_| HeapError::SizeLimit)?;
        // SAFETY: the layout has a non-zero size.
        let start = unsafe { std::alloc::alloc(layout) }.cast::<u64>();
        let start = NonNull::new(start).ok_or(HeapError::OutOfMemory)?;
        Ok(WordBlock { start, len })
    }

    /// A block of no words.
    pub(crate) fn empty() -> WordBlock {
        WordBlock {
            start: NonNull::dangling(),
            len: 0,
        }
    }

    pub(crate) fn start(&self) -> *mut u64 {
        self.start.as_ptr()
    }

    /// One past the last word.
    pub(crate) fn end(&self) -> *mut u64 {
        // SAFETY: `len` words were allocated from `start`, so one past the
        // end is in bounds of the same allocation.
        unsafe { self.start.as_ptr().add(self.len) }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

impl Drop for WordBlock {
    fn drop(&mut self) {
        if self.len == 0 {
            return;
        }
        // SAFETY: `Layout::array::<u64>(len)` succeeded at allocation, so this
        // size and alignment form that same valid layout.
        let layout = unsafe {
            Layout::from_size_align_unchecked(self.len * size_of::<u64>(), align_of::<u64>())
        };
        // SAFETY: `start` was allocated with exactly this layout and is
        // freed only here.
        unsafe { std::alloc::dealloc(self.start.as_ptr().cast::<u8>(), layout) };
    }
}
