//! [`MapPlan`]: a map about to be built, with the exact number of words it
//! takes: the entries of a whole new map, in the order its layout needs; a
//! path-copying edit of a hash map (`path`); or an existing map, unchanged.
//!
//! Invariants of entries: keys are distinct (no two equal under `=:=`); a plan of at
//! most [`MAX_FLAT_SIZE`] entries is in map-key order and builds a flat
//! map, a larger one is in hash-map iteration order (`order::hash_order`)
//! and builds a trie whose shape the `node` module describes. Children are
//! built before their parents, so every object refers only to older ones.

use std::cmp::Ordering;

use super::carve::Carve;
use super::node::{info_word, slot, LEVELS, MAX_FLAT_SIZE};
use super::order::{hash_order, Entry};
use super::path::PathEdit;
use crate::compare::compare_exact;
use crate::hash::make_internal_hash;
use crate::term::build::{self, TermAlloc};
use crate::term::Term;

/// A map ready to be built: [`MapPlan::words`] says how much room it
/// needs, [`MapPlan::build`] writes it.
///
/// A plan holds terms, so it is only good until the next collection of
/// the heaps they live in; after one, plan again.
pub struct MapPlan {
    shape: Shape,
}

enum Shape {
    /// In map-key order (flat) or hash-map iteration order (trie).
    Entries(Vec<Entry>),
    Path(PathEdit),
    /// The map `map` of `size` entries, as it is.
    Same {
        map: Term,
        size: usize,
    },
}

impl MapPlan {
    /// A plan of `pairs`; of equal keys (under `=:=`), the last one wins.
    ///
    /// # Safety
    ///
    /// Every term in `pairs` must be valid and unmoved during the call.
    pub(crate) unsafe fn new(pairs: Vec<(Term, Term)>) -> MapPlan {
        let mut entries: Vec<Entry> = pairs
            .into_iter()
            .map(|(key, value)| Entry {
                key,
                value,
                hash: 0,
            })
            .collect();
        // SAFETY: forwarded from the caller. The sort is stable, so equal
        // keys keep their order and the last of each run is the latest.
        entries.sort_by(|lhs, rhs| unsafe { compare_exact(lhs.key, rhs.key) });
        entries.dedup_by(|later, earlier| {
            // SAFETY: forwarded from the caller.
            let equal = unsafe { compare_exact(later.key, earlier.key) } == Ordering::Equal;
            if equal {
                *earlier = *later;
            }
            equal
        });
        if MAX_FLAT_SIZE < entries.len() {
            for entry in &mut entries {
                // SAFETY: forwarded from the caller.
                entry.hash = unsafe { make_internal_hash(entry.key) };
            }
            // SAFETY: forwarded from the caller.
            entries.sort_by(|lhs, rhs| unsafe { hash_order(lhs, rhs) });
        }
        MapPlan {
            shape: Shape::Entries(entries),
        }
    }

    /// A plan of a flat map's `pairs`, already in map-key order without
    /// duplicates and no more than [`MAX_FLAT_SIZE`].
    pub(crate) fn sorted_flat(pairs: Vec<(Term, Term)>) -> MapPlan {
        debug_assert!(pairs.len() <= MAX_FLAT_SIZE);
        let entries = pairs
            .into_iter()
            .map(|(key, value)| Entry {
                key,
                value,
                hash: 0,
            })
            .collect();
        MapPlan {
            shape: Shape::Entries(entries),
        }
    }

    /// A plan of the path-copying `edit`.
    pub(crate) fn path(edit: PathEdit) -> MapPlan {
        MapPlan {
            shape: Shape::Path(edit),
        }
    }

    /// A plan that is `map` itself, of `size` entries.
    pub(crate) fn same(map: Term, size: usize) -> MapPlan {
        MapPlan {
            shape: Shape::Same { map, size },
        }
    }

    /// Number of entries of the map.
    pub fn size(&self) -> usize {
        match &self.shape {
            Shape::Entries(entries) => entries.len(),
            Shape::Path(edit) => edit.size(),
            Shape::Same { size, .. } => *size,
        }
    }

    /// Words the new objects of the map take (0 for an unchanged map).
    pub fn words(&self) -> usize {
        match &self.shape {
            // The keys tuple and the map object.
            Shape::Entries(entries) if entries.len() <= MAX_FLAT_SIZE => {
                (1 + entries.len()) + (2 + entries.len())
            }
            Shape::Entries(entries) => trie_words(entries, 0),
            Shape::Path(edit) => edit.words(),
            Shape::Same { .. } => 0,
        }
    }

    /// Builds the map in `alloc`, in one allocation of
    /// [`MapPlan::words`] words; `None`, having written nothing, when
    /// `alloc` has no room.
    ///
    /// # Safety
    ///
    /// No collection may have moved the plan's terms since it was made.
    pub unsafe fn build(&self, alloc: &mut impl TermAlloc) -> Option<Term> {
        if let Shape::Same { map, .. } = self.shape {
            return Some(map);
        }
        let mut carve = Carve::new(alloc, self.words())?;
        match &self.shape {
            Shape::Entries(entries) if entries.len() <= MAX_FLAT_SIZE => {
                let keys: Vec<Term> = entries.iter().map(|entry| entry.key).collect();
                let values: Vec<Term> = entries.iter().map(|entry| entry.value).collect();
                let keys = build::tuple(&mut carve, &keys)?;
                build::flat_map(&mut carve, keys, &values)
            }
            Shape::Entries(entries) => build_node(&mut carve, entries, 0),
            Shape::Path(edit) => edit.build(&mut carve),
            Shape::Same { map, .. } => Some(*map),
        }
    }
}

/// An upper bound on the words of any map of `size` entries, whatever
/// their hashes: `MapPlan::words` of such a map never exceeds it.
pub(crate) fn words_bound(size: usize) -> usize {
    if size <= MAX_FLAT_SIZE {
        return 3 + 2 * size;
    }
    // Every node but the root holds at least two entries, and nodes of one
    // level hold disjoint entries, so a level below the root has at most
    // min(16^level, size / 2) nodes. Each node takes a header, an info
    // word and one word per child; each entry a leaf of two words and the
    // child word pointing at it; each node but the root a child word.
    let nodes: usize = 1
        + (1..=LEVELS)
            .map(|level| 16usize.saturating_pow(level).min(size / 2))
            .sum::<usize>();
    3 * nodes + 3 * size
}

/// The runs of `entries` (in iteration order) that share a slot at
/// `level`, with that slot.
fn slot_runs(entries: &[Entry], level: u32) -> impl Iterator<Item = (u32, &[Entry])> {
    entries
        .chunk_by(move |lhs, rhs| slot(lhs.hash, level) == slot(rhs.hash, level))
        .map(move |run| (slot(run[0].hash, level), run))
}

/// Words of the node at `level` holding `entries` (at least two).
fn trie_words(entries: &[Entry], level: u32) -> usize {
    if level == LEVELS {
        // A collision node: header, info word, and one leaf per entry.
        return 2 + 3 * entries.len();
    }
    slot_runs(entries, level)
        .map(|(_, run)| match run.len() {
            1 => 1 + 2,
            _ => 1 + trie_words(run, level + 1),
        })
        .sum::<usize>()
        + 2
}

/// Builds the node at `level` holding `entries` (at least two), children
/// first. Recursion depth is at most [`LEVELS`].
fn build_node(alloc: &mut impl TermAlloc, entries: &[Entry], level: u32) -> Option<Term> {
    let mut children = Vec::new();
    let mut bitmap: u16 = 0;
    if level == LEVELS {
        for entry in entries {
            children.push(build::cons(alloc, entry.key, entry.value)?);
        }
    } else {
        for (slot, run) in slot_runs(entries, level) {
            bitmap |= 1 << slot;
            let child = match run {
                [entry] => build::cons(alloc, entry.key, entry.value)?,
                _ => build_node(alloc, run, level + 1)?,
            };
            children.push(child);
        }
    }
    build::hash_map_node(alloc, info_word(entries.len(), bitmap), &children)
}
