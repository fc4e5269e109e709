//! A debugging aid of torture mode: blocks a collection leaves behind are
//! poisoned and kept for a while instead of freed, and every collection
//! first checks that no root and no heap word points into one of them.
//!
//! A stale term (a pointer some code kept across a collection without
//! giving it as a root) then fails at the next collection, naming the root
//! or heap word, instead of reading reused memory much later.

use super::block::WordBlock;
use crate::term::tag::{PRIMARY_BOXED, PRIMARY_HEADER, PRIMARY_LIST, PRIMARY_MASK};
use crate::term::{Header, Term};

/// How many retired blocks are kept; older ones are freed.
const KEPT_BLOCKS: usize = 16;

/// Written over retired words: a header word with no defined subtag, so a
/// stale term fails at its first inspection.
const POISON: u64 = 0xDEAD_DEAD_DEAD_DEFC;

#[derive(Default)]
pub(super) struct Quarantine {
    blocks: std::collections::VecDeque<WordBlock>,
}

impl Quarantine {
    /// Poisons `block` and keeps it.
    pub(super) fn retire(&mut self, block: WordBlock) {
        let mut word = block.start();
        while word < block.end() {
            // SAFETY: `word` lies inside the block, which this owns.
            unsafe {
                word.write(POISON);
                word = word.add(1);
            }
        }
        self.blocks.push_back(block);
        if self.blocks.len() > KEPT_BLOCKS {
            self.blocks.pop_front();
        }
    }

    fn holds(&self, address: usize) -> bool {
        let within =
            |block: &WordBlock| (block.start().addr()..block.end().addr()).contains(&address);
        self.blocks.iter().any(within)
    }

    fn check_word(&self, word: u64, place: impl FnOnce() -> String) {
        let primary = word & PRIMARY_MASK;
        if (primary == PRIMARY_LIST || primary == PRIMARY_BOXED)
            && self.holds((word & !PRIMARY_MASK) as usize)
        {
            panic!(
                "stale term {word:#x} in {}: it points into memory a collection freed",
                place()
            );
        }
    }

    /// Panics if a root points into a retired block.
    pub(super) fn check_roots(&self, roots: &[&mut [Term]]) {
        for (slice, terms) in roots.iter().enumerate() {
            for (index, term) in terms.iter().enumerate() {
                self.check_word(term.bits(), || format!("root slice {slice} index {index}"));
            }
        }
    }

    /// Panics if a term word of the objects in `[start, end)` points into a
    /// retired block.
    ///
    /// # Safety
    ///
    /// The range holds well-formed objects.
    pub(super) unsafe fn check_objects(&self, start: *mut u64, end: *mut u64, what: &str) {
        let mut scan = start;
        while scan < end {
            // SAFETY: `scan` is below `end`, inside the range.
            let word = unsafe { scan.read() };
            if word & PRIMARY_MASK == PRIMARY_HEADER {
                // SAFETY: a header word starts an object (the caller's
                // contract); its raw words are skipped.
                let header = unsafe { Header::from_bits(word) };
                // SAFETY: the raw words belong to the same object.
                scan = unsafe { scan.add(1 + header.raw_prefix_words()) };
                continue;
            }
            let offset = (scan.addr() - start.addr()) / size_of::<u64>();
            self.check_word(word, || format!("{what} word {offset}"));
            // SAFETY: still inside the range.
            scan = unsafe { scan.add(1) };
        }
    }
}
