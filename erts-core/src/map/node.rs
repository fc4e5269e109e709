//! The layout of hash-map (HAMT) nodes, and reading them.
//!
//! A node is a `Subtag::HashMap` object: one raw word `size << 16 |
//! bitmap`, then one child per set bit of the 16-bit bitmap, in ascending
//! bit order. A child is a leaf, the cons cell `[Key | Value]`, or a boxed
//! pointer to a node one level down. `size` is the number of entries under
//! the node. The map term is a pointer to the root (level 0); lower nodes
//! are never terms of their own.
//!
//! Invariants, kept by `build`: at level `L < LEVELS` the child in slot
//! `n` holds the keys whose hash (`make_internal_hash(Key, 0)`) has `n` as
//! its nibble `L` (least significant first); a node that would hold a
//! single entry is that entry's leaf instead; levels `0..LEVELS` have
//! bitmaps, and a node at level `LEVELS` (keys whose 32-bit hashes are
//! equal) is a collision node: bitmap 0 and at least two leaves, in
//! map-key order (`order` says how that differs from BEAM). Only maps of
//! more than [`MAX_FLAT_SIZE`] keys are hash maps.

use crate::term::Term;
use crate::view::{view, View};

/// The most keys a flat map holds; larger maps are hash maps, as on BEAM.
pub const MAX_FLAT_SIZE: usize = 32;

/// Levels with bitmaps: one per nibble of a 32-bit hash.
pub(crate) const LEVELS: u32 = 8;

/// A node's parts.
pub(crate) struct NodeParts<'a> {
    /// Entries under the node.
    pub(crate) size: usize,
    /// Which of the 16 slots have children (0 in a collision node).
    pub(crate) bitmap: u16,
    pub(crate) children: &'a [Term],
}

/// The raw first word of a node.
pub(crate) fn info_word(size: usize, bitmap: u16) -> u64 {
    ((size as u64) << 16) | u64::from(bitmap)
}

/// The parts of the hash-map node `node`, or `None` when it is none.
///
/// # Safety
///
/// `node` must be valid and unmoved for `'a`.
pub(crate) unsafe fn hash_map_node<'a>(node: Term) -> Option<NodeParts<'a>> {
    // SAFETY: forwarded from the caller.
    let (info, children) = unsafe { node.hash_map_node_parts()? };
    Some(NodeParts {
        size: (info >> 16) as usize,
        bitmap: info as u16,
        children,
    })
}

/// One child of a node.
pub(crate) enum Child {
    Leaf { key: Term, value: Term },
    Node(Term),
}

impl Child {
    /// Classifies the child word `child`; `None` for a word that is
    /// neither a leaf nor a node.
    ///
    /// # Safety
    ///
    /// `child` must be a valid, unmoved term.
    pub(crate) unsafe fn of(child: Term) -> Option<Child> {
        // SAFETY: forwarded from the caller.
        match unsafe { view(child) }? {
            View::Cons { head, tail } => Some(Child::Leaf {
                key: head,
                value: tail,
            }),
            View::HashMap { .. } => Some(Child::Node(child)),
            _ => None,
        }
    }
}

/// The slot of a key with hash `hash` at level `level` (below [`LEVELS`]).
pub(crate) fn slot(hash: u32, level: u32) -> u32 {
    (hash >> (4 * level)) & 0xF
}
