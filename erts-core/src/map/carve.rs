//! One allocation carved into many objects, so that a map or list of any
//! shape is built all or nothing.
//!
//! Invariant: `next..end` lies inside one block that the parent allocator
//! returned and no one else uses; objects are carved from it in order.

use std::ptr::NonNull;

use crate::term::build::TermAlloc;

/// A block of `words` words taken from `parent`, handed out front to back.
pub(crate) struct Carve<'p, A: TermAlloc> {
    parent: &'p mut A,
    next: *mut u64,
    end: *mut u64,
}

impl<'p, A: TermAlloc> Carve<'p, A> {
    /// Takes `words` words from `parent`, or `None` when it has no room.
    pub(crate) fn new(parent: &'p mut A, words: usize) -> Option<Carve<'p, A>> {
        let start = parent.alloc_words(words)?.as_ptr();
        // SAFETY: the block has `words` words, so its end is in bounds.
        let end = unsafe { start.add(words) };
        Some(Carve {
            parent,
            next: start,
            end,
        })
    }
}

// SAFETY: words handed out come from one block the parent allocated for us
// alone, each word at most once; they live as long as the parent promises.
unsafe impl<A: TermAlloc> TermAlloc for Carve<'_, A> {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        let left = (self.end.addr() - self.next.addr()) / 8;
        if left < words {
            return None;
        }
        let start = self.next;
        // SAFETY: `words` fit before `end`, checked above.
        self.next = unsafe { start.add(words) };
        NonNull::new(start)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        // SAFETY: the object lies in memory the parent returned (our
        // block), fully written (the caller's contract).
        unsafe { self.parent.register_off_heap(object) }
    }
}
