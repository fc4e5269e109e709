//! The per-process heap: a young generation that allocation bumps through,
//! an old generation that survivors are promoted to, and the heap fragments
//! attached since the last collection.
//!
//! Invariants:
//! - Words from the young generation's start to `htop`, and from the old
//!   generation's start to its top, are well-formed objects (cons cells and
//!   boxed objects laid out as `term::Header` describes).
//! - Term words point into this heap (young, old, attached fragments) or at
//!   memory that outlives it (literals); never into another process's heap.
//! - A term only refers to objects created before it (Erlang terms are
//!   immutable), so old-generation objects never point into the young
//!   generation or fragments, and objects below `high_water` (survivors of
//!   the last collection) point only below `high_water` or into the old
//!   generation.
//! - Any call that may collect may move every term of this heap: no pointer
//!   into the heap may be kept across it except in the roots it is given.

mod block;
mod copy;
mod evacuate;
mod fragment;
mod gc;
mod off_heap;
mod quarantine;
mod sizes;
#[cfg(test)]
mod tests;

pub(crate) use block::WordBlock;
pub use copy::{copy_term, size_of_term};
pub use fragment::HeapFragment;
pub use gc::CollectionKind;

use std::ptr::NonNull;

use crate::term::build::TermAlloc;
use off_heap::OffHeapList;

/// Why a heap could not be allocated or grown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeapError {
    /// The requested size does not fit the address space (`system_limit`).
    SizeLimit,
    /// The allocator had no memory for the requested block.
    OutOfMemory,
}

/// How a heap sizes and collects itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapConfig {
    /// Smallest young generation, in words (BEAM's `min_heap_size`).
    pub min_heap_size: usize,
    /// Minor collections between two full sweeps (BEAM's `fullsweep_after`).
    pub fullsweep_after: u32,
    /// Debugging mode: leave no free room after a collection, so that every
    /// allocation beyond what the collection was asked for collects again.
    pub torture: bool,
    /// Debugging mode: keep the blocks collections leave, poisoned, and
    /// check before each collection that no root or heap word points into
    /// one (`quarantine`). For heaps whose every object, dead ones too,
    /// was built from rooted terms, as compiled code builds them.
    pub catch_stale_terms: bool,
}

impl Default for HeapConfig {
    fn default() -> HeapConfig {
        HeapConfig {
            min_heap_size: 233,
            fullsweep_after: 65535,
            torture: false,
            catch_stale_terms: false,
        }
    }
}

/// A process heap.
pub struct Heap {
    config: HeapConfig,
    young: WordBlock,
    /// Next free word of the young generation.
    htop: *mut u64,
    /// Where allocation stops: the young generation's end, or sooner in
    /// torture mode.
    limit: *mut u64,
    /// Young words below this survived the last collection; the next minor
    /// collection promotes them.
    high_water: *mut u64,
    old: Option<OldGeneration>,
    fragments: Vec<HeapFragment>,
    /// Words in `fragments`, kept so that [`Heap::wants_collection`] is
    /// cheap with many messages attached.
    fragment_words: usize,
    off_heap: OffHeapList,
    minors_since_full_sweep: u32,
    /// The last collection left the heap more than 3/4 full: the next one
    /// copies into a bigger young generation.
    grow_next: bool,
    /// Torture mode only: retired blocks, poisoned, to catch stale terms.
    quarantine: quarantine::Quarantine,
}

/// The old generation: promoted objects, collected only by full sweeps.
struct OldGeneration {
    block: WordBlock,
    /// Next free word.
    top: *mut u64,
}

// SAFETY: the heap exclusively owns its blocks and fragments; the shared
// binaries and resources its ProcBins and magic references refer to are
// atomically counted (and resources are `Send + Sync`). A process, and its
// heap, may therefore move between scheduler threads.
unsafe impl Send for Heap {}

impl Heap {
    /// An empty heap of `config.min_heap_size` words (rounded up to the size
    /// sequence).
    pub fn new(config: HeapConfig) -> Result<Heap, HeapError> {
        let size = sizes::heap_size_at_least(config.min_heap_size).ok_or(HeapError::SizeLimit)?;
        let young = WordBlock::new(size)?;
        let start = young.start();
        let limit = young.end();
        Ok(Heap {
            config,
            young,
            htop: start,
            limit,
            high_water: start,
            old: None,
            fragments: Vec::new(),
            fragment_words: 0,
            off_heap: OffHeapList::default(),
            minors_since_full_sweep: 0,
            grow_next: false,
            quarantine: quarantine::Quarantine::default(),
        })
    }

    /// `words` uninitialised words on the young generation, or `None` when
    /// the caller must first collect with [`Heap::collect`].
    #[inline]
    pub fn alloc(&mut self, words: usize) -> Option<NonNull<u64>> {
        if self.available() < words {
            return None;
        }
        let allocated = self.htop;
        // SAFETY: `htop + words <= limit`, which is inside the young block.
        self.htop = unsafe { self.htop.add(words) };
        // SAFETY: `htop` points into a live allocation, so it is not null.
        Some(unsafe { NonNull::new_unchecked(allocated) })
    }

    /// The region compiled code bumps through without calling the heap:
    /// `(top, limit)`. Give the new top back with [`Heap::set_top`] before
    /// any other use of the heap.
    pub fn bump_region(&self) -> (*mut u64, *mut u64) {
        (self.htop, self.limit)
    }

    /// Takes back the top of the bump region after compiled code allocated
    /// from it.
    ///
    /// # Safety
    ///
    /// `top` lies between the top and the limit [`Heap::bump_region`]
    /// returned (after no other use of the heap), and every word below it
    /// is part of a well-formed object.
    pub unsafe fn set_top(&mut self, top: *mut u64) {
        debug_assert!(self.htop <= top && top <= self.limit);
        self.htop = top;
    }

    /// Words that can be allocated before the next collection.
    #[inline]
    pub fn available(&self) -> usize {
        (self.limit.addr() - self.htop.addr()) / size_of::<u64>()
    }

    /// Adds a fragment's terms to the heap; the next collection copies the
    /// live ones in. Terms in the fragment stay valid until then.
    pub fn attach_fragment(&mut self, mut fragment: HeapFragment) {
        self.off_heap.append(&mut fragment.take_off_heap());
        self.fragment_words += fragment.used_words();
        self.fragments.push(fragment);
    }

    /// Whether the attached fragments (messages, mostly) hold more words
    /// than the young generation has free: had they been built on the
    /// heap, it would be full. A process that receives much but allocates
    /// little never runs out of heap, so the scheduler asks this when it
    /// stops, as BEAM counts heap fragments towards the next collection.
    pub fn wants_collection(&self) -> bool {
        self.fragment_words > self.available()
    }

    /// Size of the young generation, in words.
    pub fn young_capacity(&self) -> usize {
        self.young.len()
    }

    /// Words in use in the young generation.
    pub fn young_used(&self) -> usize {
        (self.htop.addr() - self.young.start().addr()) / size_of::<u64>()
    }

    /// Words in use in the old generation.
    pub fn old_used(&self) -> usize {
        match &self.old {
            Some(old) => (old.top.addr() - old.block.start().addr()) / size_of::<u64>(),
            None => 0,
        }
    }

    /// How it sizes and collects itself.
    pub fn config(&self) -> &HeapConfig {
        &self.config
    }

    /// Minor collections since the last full sweep (BEAM's `minor_gcs`).
    pub fn minor_collections(&self) -> u32 {
        self.minors_since_full_sweep
    }

    /// Words in attached heap fragments.
    pub fn fragment_words(&self) -> usize {
        self.fragment_words
    }

    /// Number of ProcBins (refc binaries) and magic references on this heap
    /// and its fragments.
    pub fn off_heap_count(&self) -> usize {
        self.off_heap.len()
    }
}

// SAFETY: words come from the young generation between `htop` and `limit`,
// are aligned and never handed out twice; they stay in place until the next
// collection, as the module invariants say.
unsafe impl TermAlloc for Heap {
    fn alloc_words(&mut self, words: usize) -> Option<NonNull<u64>> {
        self.alloc(words)
    }

    unsafe fn register_off_heap(&mut self, object: NonNull<u64>) {
        self.off_heap.push(object);
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: listed ProcBins and magic references are in the young or old generation or in
        // attached fragments, all still allocated (fields drop after this),
        // and unforwarded outside a collection.
        unsafe { self.off_heap.release_all() };
    }
}
