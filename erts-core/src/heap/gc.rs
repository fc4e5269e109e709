//! Collection policy: when to do a minor or a full-sweep collection, how
//! big the new young generation is, and committing a pass's result.
//!
//! A minor collection copies the live young objects (and live fragment
//! objects) into a fresh young generation, promoting those that already
//! survived one collection (below `high_water`) into the old generation. A
//! full sweep copies everything live, old generation included, into a fresh
//! young generation and drops the old one. Full sweeps happen after
//! `fullsweep_after` minor ones, when the old generation has no room for
//! what could be promoted, or on request.
//!
//! The young generation's size follows `sizes`: the to-space holds every
//! word that could survive, then the heap grows if the survivors plus the
//! caller's need do not fit, shrinks if they fill less than a quarter of it,
//! and grows at the next collection if they fill more than three quarters.
//!
//! Invariant: a collection either fails before changing anything (an
//! allocation error) or completes; every root and heap word is then
//! updated, every unreachable ProcBin and magic reference released and every attached fragment
//! freed.

use super::evacuate::{Evacuator, FromSpace, Region};
use super::sizes::heap_size_at_least;
use super::{Heap, HeapError, OldGeneration, WordBlock};
use crate::term::Term;

/// Which kind of collection ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CollectionKind {
    /// Young generation and fragments only.
    Minor,
    /// Everything: young, old and fragments (a full sweep).
    Major,
}

impl Heap {
    /// Collects garbage so that at least `need` words can be allocated, and
    /// updates the terms in `roots` (live x registers, the stack, the
    /// process dictionary, mailbox terms…) to where their objects moved.
    ///
    /// # Safety
    ///
    /// `roots` must hold every term through which this heap's objects will
    /// be reached afterwards, and only valid terms (the module invariants of
    /// `heap`); any other copy of a pointer into this heap is invalid
    /// afterwards. Root words tagged `00` (resume points in frames) are left
    /// as they are.
    pub unsafe fn collect(
        &mut self,
        need: usize,
        roots: &mut [&mut [Term]],
    ) -> Result<CollectionKind, HeapError> {
        // SAFETY: forwarded from the caller.
        unsafe { self.check_for_stale_terms(roots) };
        if self.full_sweep_due() {
            // SAFETY: forwarded from the caller.
            unsafe { self.full_sweep(roots)? };
            // SAFETY: forwarded from the caller.
            unsafe { self.resize(need, roots, CollectionKind::Major)? };
            return Ok(CollectionKind::Major);
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.minor(roots)? };
        // SAFETY: forwarded from the caller.
        unsafe { self.resize(need, roots, CollectionKind::Minor)? };
        Ok(CollectionKind::Minor)
    }

    /// A full-sweep collection, as `erlang:garbage_collect/0` asks for.
    ///
    /// # Safety
    ///
    /// As for [`Heap::collect`].
    pub unsafe fn collect_full(
        &mut self,
        need: usize,
        roots: &mut [&mut [Term]],
    ) -> Result<(), HeapError> {
        // SAFETY: forwarded from the caller.
        unsafe { self.check_for_stale_terms(roots) };
        // SAFETY: forwarded from the caller.
        unsafe { self.full_sweep(roots)? };
        // SAFETY: forwarded from the caller.
        unsafe { self.resize(need, roots, CollectionKind::Major) }
    }

    /// Allocates `words`, collecting first if needed.
    ///
    /// # Safety
    ///
    /// As for [`Heap::collect`].
    pub unsafe fn alloc_or_collect(
        &mut self,
        words: usize,
        roots: &mut [&mut [Term]],
    ) -> Result<std::ptr::NonNull<u64>, HeapError> {
        if let Some(allocated) = self.alloc(words) {
            return Ok(allocated);
        }
        // SAFETY: forwarded from the caller.
        unsafe { self.collect(words, roots)? };
        // `collect` leaves at least `words` available or fails.
        self.alloc(words).ok_or(HeapError::SizeLimit)
    }

    /// Words below `high_water`, which a minor collection would promote.
    fn mature_words(&self) -> usize {
        (self.high_water.addr() - self.young.start().addr()) / size_of::<u64>()
    }

    fn full_sweep_due(&self) -> bool {
        if self.config.fullsweep_after <= self.minors_since_full_sweep {
            return true;
        }
        match &self.old {
            Some(old) => old.free_words() < self.mature_words(),
            None => false,
        }
    }

    /// # Safety
    ///
    /// As for [`Heap::collect`].
    unsafe fn minor(&mut self, roots: &mut [&mut [Term]]) -> Result<(), HeapError> {
        let mature_words = self.mature_words();
        if mature_words > 0 && self.old.is_none() {
            let old_size = heap_size_at_least(mature_words.max(self.young.len()))
                .ok_or(HeapError::SizeLimit)?;
            self.old = Some(OldGeneration::new(WordBlock::new(old_size)?));
        }
        let to_space = self.new_to_space(self.young_used() + self.fragment_words())?;
        let mut ranges = self.fragment_ranges();
        ranges.push((self.young.start().addr(), self.htop.addr()));
        let from = FromSpace::new(ranges, (self.young.start().addr(), self.high_water.addr()));
        let old_region = match &self.old {
            Some(old) if mature_words > 0 => Region::new(old.top, old.block.end()),
            _ => Region::empty(),
        };
        let young_region = Region::new(to_space.start(), to_space.end());
        // SAFETY: the roots are valid (caller's contract); from-space stays
        // allocated until after the sweep; the to-space is a new block and
        // the old region lies past the old generation's top, outside
        // from-space; the to-space holds all young and fragment words.
        let (young_region, old_region) =
            unsafe { Evacuator::new(&from, young_region, old_region).run(roots) };
        // SAFETY: the pass forwarded every reached from-space off-heap object.
        unsafe { self.off_heap.sweep(|address| from.contains(address)) };
        if let Some(old) = &mut self.old {
            if mature_words > 0 {
                old.top = old_region.top();
            }
        }
        self.install_young(to_space, young_region.top());
        self.retire_fragments();
        self.minors_since_full_sweep += 1;
        Ok(())
    }

    /// # Safety
    ///
    /// As for [`Heap::collect`].
    unsafe fn full_sweep(&mut self, roots: &mut [&mut [Term]]) -> Result<(), HeapError> {
        let all_words = self.young_used() + self.old_used() + self.fragment_words();
        let to_space = self.new_to_space(all_words)?;
        let mut ranges = self.fragment_ranges();
        ranges.push((self.young.start().addr(), self.htop.addr()));
        if let Some(old) = &self.old {
            ranges.push((old.block.start().addr(), old.top.addr()));
        }
        let from = FromSpace::new(ranges, (0, 0));
        let young_region = Region::new(to_space.start(), to_space.end());
        // SAFETY: as in `minor`; the to-space holds every word of the
        // young and old generations and of the fragments.
        let (young_region, _) =
            unsafe { Evacuator::new(&from, young_region, Region::empty()).run(roots) };
        // SAFETY: the pass forwarded every reached from-space off-heap object.
        unsafe { self.off_heap.sweep(|address| from.contains(address)) };
        self.install_young(to_space, young_region.top());
        if let Some(old) = self.old.take() {
            self.retire(old.block);
        }
        self.retire_fragments();
        self.minors_since_full_sweep = 0;
        Ok(())
    }

    /// After a pass: moves the young generation into a block of a better
    /// size if the survivors plus `need` do not fit or fill under a quarter
    /// of it, and prepares the allocation limit.
    ///
    /// After a minor collection, which promotes what survived twice and so
    /// often leaves the young generation nearly empty, it shrinks only when
    /// bigger than 8,000 words and than the old generation (BEAM's rule):
    /// shrinking it to its survivors made a process that builds long lists
    /// collect every few hundred words and promote the lists it was
    /// building, which then filled the old generation with garbage.
    ///
    /// # Safety
    ///
    /// As for [`Heap::collect`]; called right after a pass, when nothing
    /// in the old generation points into the young one.
    unsafe fn resize(
        &mut self,
        need: usize,
        roots: &mut [&mut [Term]],
        after: CollectionKind,
    ) -> Result<(), HeapError> {
        let need_after = self
            .young_used()
            .checked_add(need)
            .ok_or(HeapError::SizeLimit)?;
        let capacity = self.young.len();
        let must_grow = capacity < need_after;
        let wanted = if must_grow {
            Some(heap_size_at_least(need_after).ok_or(HeapError::SizeLimit)?)
        } else if need_after < capacity / 4 && self.may_shrink_after(after) {
            heap_size_at_least(self.config.min_heap_size.max(2 * need_after))
                .filter(|&size| size < capacity)
        } else {
            None
        };
        if let Some(size) = wanted {
            // SAFETY: forwarded from the caller.
            match unsafe { self.relocate_young(size, roots) } {
                Ok(()) => {}
                // A failed shrink only leaves the heap bigger than needed.
                Err(_) if !must_grow => {}
                Err(error) => return Err(error),
            }
        }
        self.grow_next = 3 * self.young.len() < 4 * need_after;
        if self.config.torture {
            // SAFETY: `need` words are free after `htop` (ensured above).
            self.limit = unsafe { self.htop.add(need) };
        }
        Ok(())
    }

    /// Whether the young generation may shrink after a collection of kind
    /// `after` (see [`Heap::resize`]).
    fn may_shrink_after(&self, after: CollectionKind) -> bool {
        let capacity = self.young.len();
        let old_capacity = self.old.as_ref().map_or(0, |old| old.block.len());
        match after {
            CollectionKind::Major => true,
            CollectionKind::Minor => capacity > 8000 && capacity > old_capacity,
        }
    }

    /// Copies the young generation into a new block of `size` words.
    ///
    /// # Safety
    ///
    /// As for [`Heap::resize`].
    unsafe fn relocate_young(
        &mut self,
        size: usize,
        roots: &mut [&mut [Term]],
    ) -> Result<(), HeapError> {
        let to_space = WordBlock::new(size)?;
        let from = FromSpace::new(vec![(self.young.start().addr(), self.htop.addr())], (0, 0));
        let young_region = Region::new(to_space.start(), to_space.end());
        // SAFETY: as in `minor`; every young object survived the pass that
        // just ran and is reachable from the roots alone, since the old
        // generation does not point into the young one.
        let (young_region, _) =
            unsafe { Evacuator::new(&from, young_region, Region::empty()).run(roots) };
        // SAFETY: the pass forwarded every reached from-space off-heap object.
        unsafe { self.off_heap.sweep(|address| from.contains(address)) };
        self.install_young(to_space, young_region.top());
        Ok(())
    }

    /// A block for the copies of up to `survivors` words.
    fn new_to_space(&self, survivors: usize) -> Result<WordBlock, HeapError> {
        let mut wanted = survivors.max(self.config.min_heap_size);
        if self.grow_next {
            wanted = wanted.max(self.young.len() + 1);
        }
        WordBlock::new(heap_size_at_least(wanted).ok_or(HeapError::SizeLimit)?)
    }

    fn fragment_ranges(&self) -> Vec<(usize, usize)> {
        let ranges = self.fragments.iter();
        ranges
            .map(|fragment| (fragment.start().addr(), fragment.top().addr()))
            .collect()
    }

    /// Makes `block`, filled up to `top` with survivors, the young generation.
    fn install_young(&mut self, block: WordBlock, top: *mut u64) {
        let from = std::mem::replace(&mut self.young, block);
        self.retire(from);
        self.htop = top;
        self.high_water = top;
        self.limit = self.young.end();
    }
}

/// Heaps and root sets above this many words skip the stale-term checks.
const STALE_SCAN_LIMIT: usize = 1 << 12;

impl Heap {
    /// Frees a block a collection is done with; `catch_stale_terms`
    /// poisons and keeps it instead.
    fn retire(&mut self, block: WordBlock) {
        if self.config.catch_stale_terms {
            self.quarantine.retire(block);
        }
    }

    fn retire_fragments(&mut self) {
        self.fragment_words = 0;
        for mut fragment in std::mem::take(&mut self.fragments) {
            let block = fragment.take_block();
            self.retire(block);
        }
    }

    /// With `catch_stale_terms`, panics if a root or a heap word points into a block
    /// an earlier collection retired.
    ///
    /// # Safety
    ///
    /// As for [`Heap::collect`].
    unsafe fn check_for_stale_terms(&self, roots: &[&mut [Term]]) {
        if !self.config.catch_stale_terms {
            return;
        }
        // Scanning every word at every allocation is quadratic: only small
        // heaps and root sets are checked (most stale terms show up there
        // as well, tests being small).
        let root_words: usize = roots.iter().map(|slice| slice.len()).sum();
        if root_words <= STALE_SCAN_LIMIT {
            self.quarantine.check_roots(roots);
        }
        if self.young_used() + self.old_used() + self.fragment_words() > STALE_SCAN_LIMIT {
            return;
        }
        // SAFETY: the heap's invariants: these ranges hold objects.
        unsafe {
            self.quarantine
                .check_objects(self.young.start(), self.htop, "young generation");
            if let Some(old) = &self.old {
                self.quarantine
                    .check_objects(old.block.start(), old.top, "old generation");
            }
            for fragment in &self.fragments {
                self.quarantine
                    .check_objects(fragment.start(), fragment.top(), "fragment");
            }
        }
    }
}

impl OldGeneration {
    fn new(block: WordBlock) -> OldGeneration {
        let top = block.start();
        OldGeneration { block, top }
    }

    fn free_words(&self) -> usize {
        (self.block.end().addr() - self.top.addr()) / size_of::<u64>()
    }
}
