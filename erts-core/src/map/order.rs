//! BEAM's order of hash-map entries, and reading a map's entries.
//!
//! A hash map's iteration order (`maps:fold/3`, `maps:iterator/1`,
//! `io:format("~w")`) is a depth-first walk of its trie, slots in
//! ascending order: by the key's hash with its nibbles reversed (nibble 0
//! most significant), then, for equal 32-bit hashes, by BEAM's deeper
//! levels, which re-hash the key with the salt `level / 8`.
//! `maps:to_list/1`, `maps:keys/1`, `maps:values/1` and the external
//! format list the entries the other way round. A flat map iterates and
//! lists in map-key order. Ties that survive [`MAX_SALT`] salts (distinct
//! keys with equal hashes under every salt) are broken by the map-key
//! order.

use std::cmp::Ordering;

use super::node::{hash_map_node, Child};
use crate::compare::compare_exact;
use crate::hash::make_internal_hash;
use crate::term::Term;
use crate::view::{view, View};

/// The most salted re-hashes compared before the map-key order decides.
const MAX_SALT: u32 = 4;

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
    let order = path_of(lhs.hash).cmp(&path_of(rhs.hash));
    if order != Ordering::Equal {
        return order;
    }
    for salt in 1..=MAX_SALT {
        // SAFETY: forwarded from the caller.
        let (lhs_hash, rhs_hash) = unsafe {
            (
                make_internal_hash(lhs.key, salt),
                make_internal_hash(rhs.key, salt),
            )
        };
        let order = path_of(lhs_hash).cmp(&path_of(rhs_hash));
        if order != Ordering::Equal {
            return order;
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { compare_exact(lhs.key, rhs.key) }
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
