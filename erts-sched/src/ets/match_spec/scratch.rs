//! Scratch memory for running a match specification: the terms guards
//! and bodies build live in heap fragments that never move, so nothing a
//! run holds goes stale, and all of them go when the run's caller has
//! copied its results out.

use std::ptr::NonNull;

use erts_core::bif::{BifError, BifHeap};
use erts_core::build::TermAlloc;
use erts_core::{HeapFragment, Term};

/// Words of a fresh fragment when the request is smaller.
const CHUNK_WORDS: usize = 1024;

/// Fragments that only grow, dropped together.
#[derive(Default)]
pub struct Scratch {
    fragments: Vec<HeapFragment>,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

// SAFETY: words come from the last fragment, which stays allocated (and
// never moves) until the scratch drops.
unsafe impl TermAlloc for Scratch {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        self.fragments.last_mut()?.alloc_words(words)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        if let Some(fragment) = self.fragments.last_mut() {
            // SAFETY: the object was allocated from the last fragment.
            unsafe { fragment.register_off_heap(object) };
        }
    }
}

// SAFETY: after `ensure(words)` the last fragment has `words` free; no
// term ever moves, so the roots need no rewriting.
unsafe impl BifHeap for Scratch {
    unsafe fn ensure(&mut self, words: usize, _roots: &mut [Term]) -> Result<(), BifError> {
        let room = self.fragments.last().map_or(0, HeapFragment::free_words);
        if room < words {
            let fragment = HeapFragment::with_capacity(words.max(CHUNK_WORDS))
                .map_err(|_| BifError::SystemLimit)?;
            self.fragments.push(fragment);
        }
        Ok(())
    }

    fn adopt_fragment(&mut self, fragment: HeapFragment) {
        // Before the last, which is the one allocated from.
        let at = self.fragments.len().saturating_sub(1);
        self.fragments.insert(at, fragment);
    }
}
