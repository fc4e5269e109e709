//! Literal areas: memory for terms that live for the rest of the program,
//! such as the compiler's constant pools.
//!
//! Invariant: nothing allocated here is ever freed or moved, even after the
//! `LiteralArea` itself is dropped, so terms pointing here stay valid
//! forever. A collector recognises such terms as pointing outside the heap
//! it collects and leaves them alone; ProcBins built here keep their count
//! on the shared binary forever, magic references on their resource.

use std::ptr::NonNull;

use crate::heap::WordBlock;
use crate::term::build::TermAlloc;

/// Words per chunk; bigger objects get a chunk of their own.
const CHUNK_WORDS: usize = 4096;

/// A never-freed arena of literal terms. Build terms in it with the
/// functions of [`crate::term::build`].
pub struct LiteralArea {
    /// Next free word of the current chunk.
    top: *mut u64,
    /// End of the current chunk.
    end: *mut u64,
}

// SAFETY: the area only refers to leaked chunks that nothing else writes,
// and hands out disjoint words; literal terms may then be read anywhere.
unsafe impl Send for LiteralArea {}

impl LiteralArea {
    /// An empty literal area; chunks are taken as terms are built.
    pub fn new() -> LiteralArea {
        let empty = NonNull::<u64>::dangling().as_ptr();
        LiteralArea {
            top: empty,
            end: empty,
        }
    }

    fn free_words(&self) -> usize {
        (self.end.addr() - self.top.addr()) / size_of::<u64>()
    }
}

impl Default for LiteralArea {
    fn default() -> LiteralArea {
        LiteralArea::new()
    }
}

// SAFETY: words are handed out from leaked chunks (never freed), aligned,
// and never twice.
unsafe impl TermAlloc for LiteralArea {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        if self.free_words() < words {
            let chunk = WordBlock::new(words.max(CHUNK_WORDS)).ok()?;
            (self.top, self.end) = (chunk.start(), chunk.end());
            // Literals are never freed.
            std::mem::forget(chunk);
        }
        let allocated = self.top;
        // SAFETY: `words` fit between `top` and the chunk's end.
        self.top = unsafe { self.top.add(words) };
        NonNull::new(allocated)
    }

    unsafe fn register_off_heap(&mut self, _object: NonNull<u64>) {
        // A literal ProcBin or magic reference is never freed, so its count
        // is never released.
    }
}
