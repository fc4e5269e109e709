//! The copying engine of the collector: Cheney's algorithm with forwarding
//! pointers, copying into a young to-space and optionally promoting into
//! the old generation.
//!
//! Invariants during a pass:
//! - An object in from-space is copied at most once. Its first word is then
//!   replaced by a forwarding word: a boxed object's header by the boxed
//!   pointer to the copy; a cons cell's head by `FORWARDED_CONS` (a header-
//!   tagged word, which no cons head otherwise holds) and its tail by the
//!   list pointer to the copy.
//! - To-space words between a region's start and `scan` hold only pointers
//!   out of from-space; words between `scan` and `top` are copies whose term
//!   words may still point into from-space. The pass ends when every
//!   region's `scan` reaches its `top`, without recursion, so depth of terms
//!   costs no native stack.
//! - Pointers outside from-space (literals, the old generation in a minor
//!   collection) are left untouched, and so is every word whose primary tag
//!   is `00` in a root slot (frames may keep resume points there).
//! - Children of promoted objects are promoted too, so the old generation
//!   never points into the young one.

use crate::term::tag::{PRIMARY_BOXED, PRIMARY_HEADER, PRIMARY_LIST, PRIMARY_MASK};
use crate::term::{Header, Term};

/// What a forwarded cons cell's head is replaced by.
const FORWARDED_CONS: u64 = PRIMARY_HEADER;

/// The address ranges a pass collects.
pub(super) struct FromSpace {
    /// Collected ranges `(start, end)`, sorted and disjoint.
    ranges: Vec<(usize, usize)>,
    /// The part of `ranges` whose objects are promoted, `(start, end)`;
    /// empty when nothing is.
    mature: (usize, usize),
}

impl FromSpace {
    pub(super) fn new(mut ranges: Vec<(usize, usize)>, mature: (usize, usize)) -> FromSpace {
        ranges.retain(|&(start, end)| start < end);
        ranges.sort_unstable();
        FromSpace { ranges, mature }
    }

    /// Whether `address` is being collected.
    pub(super) fn contains(&self, address: usize) -> bool {
        let after = self.ranges.partition_point(|&(start, _)| start <= address);
        after > 0 && address < self.ranges[after - 1].1
    }

    fn is_mature(&self, address: usize) -> bool {
        self.mature.0 <= address && address < self.mature.1
    }
}

/// A to-space region being filled and scanned.
pub(super) struct Region {
    scan: *mut u64,
    top: *mut u64,
    end: *mut u64,
}

impl Region {
    /// An empty region from `start` to `end`.
    pub(super) fn new(start: *mut u64, end: *mut u64) -> Region {
        Region {
            scan: start,
            top: start,
            end,
        }
    }

    /// A region with no room, for passes that promote nothing.
    pub(super) fn empty() -> Region {
        let nowhere = std::ptr::NonNull::<u64>::dangling().as_ptr();
        Region::new(nowhere, nowhere)
    }

    /// Where the copies end.
    pub(super) fn top(&self) -> *mut u64 {
        self.top
    }

    fn free_words(&self) -> usize {
        (self.end.addr() - self.top.addr()) / size_of::<u64>()
    }
}

/// One copying pass.
pub(super) struct Evacuator<'a> {
    from: &'a FromSpace,
    young: Region,
    old: Region,
}

impl<'a> Evacuator<'a> {
    /// A pass copying from `from` into `young`, promoting mature objects
    /// into `old` while it has room.
    ///
    /// `young` must have room for every word of `from`, and neither region
    /// may overlap `from`.
    pub(super) fn new(from: &'a FromSpace, young: Region, old: Region) -> Evacuator<'a> {
        Evacuator { from, young, old }
    }

    /// Copies everything reachable from `roots` and updates the roots.
    ///
    /// # Safety
    ///
    /// Roots and everything reachable from them must be valid terms (the
    /// heap invariants), and from-space must not be freed before the pass
    /// and the off-heap sweep are done.
    pub(super) unsafe fn run(mut self, roots: &mut [&mut [Term]]) -> (Region, Region) {
        for slot in roots.iter_mut().flat_map(|root| root.iter_mut()) {
            // SAFETY: roots are valid terms (caller's contract).
            let moved = unsafe { self.evacuate(slot.bits(), false) };
            // SAFETY: evacuating a valid term yields a valid term.
            *slot = unsafe { Term::from_bits(moved) };
        }
        loop {
            // SAFETY: the to-space regions hold copies of valid objects.
            let young_progress = unsafe { self.scan_young() };
            // SAFETY: as above.
            let old_progress = unsafe { self.scan_old() };
            if !young_progress && !old_progress {
                break;
            }
        }
        (self.young, self.old)
    }

    /// Scans the young region to its top; returns whether it did anything.
    ///
    /// # Safety
    ///
    /// As for [`Evacuator::run`].
    unsafe fn scan_young(&mut self) -> bool {
        let progress = self.young.scan < self.young.top;
        while self.young.scan < self.young.top {
            let slot = self.young.scan;
            // SAFETY: `slot` is below `top`, in copied words.
            self.young.scan = unsafe { self.scan_word(slot, false) };
        }
        progress
    }

    /// Scans the old region to its top, promoting what it reaches; returns
    /// whether it did anything.
    ///
    /// # Safety
    ///
    /// As for [`Evacuator::run`].
    unsafe fn scan_old(&mut self) -> bool {
        let progress = self.old.scan < self.old.top;
        while self.old.scan < self.old.top {
            let slot = self.old.scan;
            // SAFETY: `slot` is below `top`, in copied words.
            self.old.scan = unsafe { self.scan_word(slot, true) };
        }
        progress
    }

    /// Handles the to-space word at `slot` and returns the next word to scan:
    /// skips a header and its raw words, or evacuates a term word.
    ///
    /// # Safety
    ///
    /// `slot` must be a copied word below its region's top, at an object
    /// boundary or a term word.
    unsafe fn scan_word(&mut self, slot: *mut u64, promote: bool) -> *mut u64 {
        // SAFETY: `slot` holds a copied word (caller's contract).
        let word = unsafe { slot.read() };
        if word & PRIMARY_MASK == PRIMARY_HEADER {
            // SAFETY: a header-tagged word in to-space starts a copied object.
            let header = unsafe { Header::from_bits(word) };
            // SAFETY: the raw words are part of the same copied object.
            return unsafe { slot.add(1 + header.raw_prefix_words()) };
        }
        // SAFETY: a non-header word of a copied object is a valid term.
        let moved = unsafe { self.evacuate(word, promote) };
        // SAFETY: `slot` is a to-space word owned by this pass.
        unsafe {
            slot.write(moved);
            slot.add(1)
        }
    }

    /// Returns where the term `word` lives after the pass, copying its
    /// object on first sight. `promote` sends the copy to the old region
    /// whatever the object's age.
    ///
    /// # Safety
    ///
    /// `word` must be a valid term.
    unsafe fn evacuate(&mut self, word: u64, promote: bool) -> u64 {
        let tag = word & PRIMARY_MASK;
        if tag != PRIMARY_LIST && tag != PRIMARY_BOXED {
            return word;
        }
        let address = (word & !PRIMARY_MASK) as usize;
        if !self.from.contains(address) {
            return word;
        }
        let object: *mut u64 = std::ptr::with_exposed_provenance_mut(address);
        let to_old = promote || self.from.is_mature(address);
        // SAFETY: a valid pointer term points at a readable object.
        let first = unsafe { object.read() };
        if tag == PRIMARY_LIST {
            if first & PRIMARY_MASK == PRIMARY_HEADER {
                // SAFETY: a forwarded cons keeps the new pointer in its tail.
                return unsafe { object.add(1).read() };
            }
            // SAFETY: a cons cell is two words.
            let copy = unsafe { self.copy_object(object, 2, to_old) };
            let forward = copy.expose_provenance() as u64 | PRIMARY_LIST;
            // SAFETY: from-space words of this pass are ours to overwrite.
            unsafe {
                object.write(FORWARDED_CONS);
                object.add(1).write(forward);
            }
            return forward;
        }
        if first & PRIMARY_MASK == PRIMARY_BOXED {
            return first;
        }
        // SAFETY: an unforwarded boxed object starts with its header.
        let header = unsafe { Header::from_bits(first) };
        // SAFETY: the object spans its header and `arity` words.
        let copy = unsafe { self.copy_object(object, header.object_words(), to_old) };
        let forward = copy.expose_provenance() as u64 | PRIMARY_BOXED;
        // SAFETY: from-space words of this pass are ours to overwrite.
        unsafe { object.write(forward) };
        forward
    }

    /// Copies `words` words from `object` to the old region (when `to_old`
    /// and it has room) or else the young region.
    ///
    /// # Safety
    ///
    /// `object` must be readable for `words` words, in from-space.
    unsafe fn copy_object(&mut self, object: *const u64, words: usize, to_old: bool) -> *mut u64 {
        let region = if to_old && words <= self.old.free_words() {
            &mut self.old
        } else {
            &mut self.young
        };
        // The young region was sized to hold all of from-space.
        assert!(words <= region.free_words(), "to-space overflow");
        let copy = region.top;
        // SAFETY: `copy` has `words` free words (checked above); from-space
        // and to-space are distinct allocations.
        unsafe {
            std::ptr::copy_nonoverlapping(object, copy, words);
            region.top = copy.add(words);
        }
        copy
    }
}
