//! BEAM's order of hash-map entries, and reading a map's entries.
//!
//! A hash map's iteration order (`maps:fold/3`, `maps:iterator/1`,
//! `io:format("~w")`) is a depth-first walk of its trie, slots in
//! ascending order: by the key's hash with its nibbles reversed (nibble 0
//! most significant). `maps:to_list/1`, `maps:keys/1`, `maps:values/1` and
//! the external format list the entries the other way round. A flat map
//! iterates and lists in map-key order.
//!
//! Keys with equal 32-bit hashes (a pair in about 2^32) go below level 8,
//! where BEAM orders them by a re-hash that is not reproduced here: earts
//! orders them by the map-key order, which agrees with BEAM for about
//! half of such pairs.

use std::cmp::Ordering;

use super::node::{hash_map_node, Child};
use crate::compare::compare_exact;
use crate::term::Term;
use crate::view::{view, View};

/// A key, its value and its unsalted hash.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    pub(crate) key: Term,
    pub(crate) value: Term,
    pub(crate) hash: u32,
}

/// `hash` with its eight nibbles in reverse order, so that comparing the
/// results compares the trie paths.
pub(crate) fn path_of(hash: u32) -> u32 {
    let bytes_swapped = hash.swap_bytes();
    ((bytes_swapped & 0x0F0F_0F0F) << 4) | ((bytes_swapped >> 4) & 0x0F0F_0F0F)
}

/// The iteration order of two hash-map entries with distinct keys.
///
/// # Safety
///
/// Both keys must be valid and unmoved during the call.
pub(crate) unsafe fn hash_order(lhs: &Entry, rhs: &Entry) -> Ordering {
    path_of(lhs.hash)
        .cmp(&path_of(rhs.hash))
        // SAFETY: forwarded from the caller.
        .then_with(|| unsafe { compare_exact(lhs.key, rhs.key) })
}

/// The entries of `map` in its iteration order, or `None` when `map` is
/// no map.
///
/// # Safety
///
/// `map` must be valid and unmoved during the call.
pub(crate) unsafe fn entries(map: Term) -> Option<Vec<(Term, Term)>> {
    // SAFETY: forwarded from the caller.
    match unsafe { view(map) }? {
        View::FlatMap { keys, values } => {
            Some(keys.iter().copied().zip(values.iter().copied()).collect())
        }
        View::HashMap { size } => {
            let mut found = Vec::with_capacity(size);
            // SAFETY: forwarded from the caller.
            unsafe { collect(&mut found, map)? };
            Some(found)
        }
        _ => None,
    }
}

/// Appends the leaves under `node`, slots in ascending order. Recursion
/// depth is bounded by the trie's levels.
///
/// # Safety
///
/// As [`entries`].
unsafe fn collect(found: &mut Vec<(Term, Term)>, node: Term) -> Option<()> {
    // SAFETY: forwarded from the caller.
    let parts = unsafe { hash_map_node(node) }?;
    for child in parts.children {
        // SAFETY: forwarded from the caller.
        match unsafe { Child::of(*child) }? {
            Child::Leaf { key, value } => found.push((key, value)),
            // SAFETY: forwarded from the caller.
            Child::Node(lower) => unsafe { collect(found, lower)? },
        }
    }
    Some(())
}
