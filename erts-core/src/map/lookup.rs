//! Finding a key: a binary search in a flat map's sorted keys, a descent
//! by hash nibbles in a hash map (then a scan of a collision node).

use std::cmp::Ordering;

use super::node::{hash_map_node, slot, Child, LEVELS};
use crate::compare::compare_exact;
use crate::hash::make_internal_hash;
use crate::term::Term;
use crate::view::{view, View};

/// The value of `key` in `map`: `Err(())` when `map` is no map, `Ok(None)`
/// when the key is missing.
///
/// # Safety
///
/// `map` and `key` must be valid and unmoved during the call.
pub(crate) unsafe fn find(map: Term, key: Term) -> Result<Option<Term>, ()> {
    // SAFETY: forwarded from the caller.
    match unsafe { view(map) } {
        Some(View::FlatMap { keys, values }) => {
            // SAFETY: forwarded from the caller.
            let found = keys.binary_search_by(|probe| unsafe { compare_exact(*probe, key) });
            Ok(found.ok().map(|index| values[index]))
        }
        // SAFETY: forwarded from the caller.
        Some(View::HashMap { .. }) => Ok(unsafe { find_in_trie(map, key) }),
        _ => Err(()),
    }
}

/// # Safety
///
/// As [`find`]; `root` is a hash map.
unsafe fn find_in_trie(root: Term, key: Term) -> Option<Term> {
    // SAFETY: forwarded from the caller.
    let hash = unsafe { make_internal_hash(key) };
    let same_key =
        // SAFETY: forwarded from the caller.
        |candidate: Term| unsafe { compare_exact(candidate, key) } == Ordering::Equal;
    let mut node = root;
    for level in 0..=LEVELS {
        // SAFETY: forwarded from the caller.
        let parts = unsafe { hash_map_node(node) }?;
        let child = if level == LEVELS {
            // A collision node: every child is a leaf.
            return parts.children.iter().find_map(|child| {
                // SAFETY: forwarded from the caller.
                match unsafe { Child::of(*child) } {
                    Some(Child::Leaf { key, value }) if same_key(key) => Some(value),
                    _ => None,
                }
            });
        } else {
            let bit = 1u16 << slot(hash, level);
            if parts.bitmap & bit == 0 {
                return None;
            }
            let index = (parts.bitmap & (bit - 1)).count_ones() as usize;
            *parts.children.get(index)?
        };
        // SAFETY: forwarded from the caller.
        match unsafe { Child::of(child) }? {
            Child::Leaf { key: found, value } => return same_key(found).then_some(value),
            Child::Node(lower) => node = lower,
        }
    }
    None
}
