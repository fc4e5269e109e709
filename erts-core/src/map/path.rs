//! Path copying in hash maps: [`put`] and [`remove`] copy only the nodes
//! from the root down to the changed slot (at most `LEVELS + 1` of them)
//! and share every other node and leaf with the old map, as BEAM does.
//!
//! Invariant: the result is the trie `plan` would build from the new
//! entries, because the layout `node` describes is a function of the key
//! set alone: a slot holding one entry is a leaf, a split of two leaves
//! goes down to the first level where their slots differ (or to a
//! collision node), and a removal that leaves a non-root node with a
//! single leaf replaces the node by that leaf, upward as far as it goes.

use std::cmp::Ordering;

use super::node::{hash_map_node, info_word, slot, Child, LEVELS};
use crate::compare::compare_exact;
use crate::hash::make_internal_hash;
use crate::term::build::{self, TermAlloc};
use crate::term::Term;

/// A node on the path, copied with one child changed.
struct Step {
    bitmap: u16,
    size: usize,
    children: Vec<Term>,
    /// The child that the path follows (or that the edit changes, in the
    /// last step).
    index: usize,
}

/// What becomes of the child at the last step's `index`.
enum Edit {
    /// A new leaf goes in at `index`, in the slot `bit` (0 in a collision
    /// node).
    Insert { bit: u16, key: Term, value: Term },
    /// The leaf at `index` gets a new value.
    Replace { key: Term, value: Term },
    /// The leaf at `index` and a new one go one level down, together.
    Split(Split),
    /// The child at `index` goes, with its slot bit `bit`.
    Remove { bit: u16 },
    /// The child at `index` becomes `term`, an existing leaf.
    Collapse(Term),
}

/// Two leaves that share a slot at `level - 1`.
struct Split {
    existing: Term,
    existing_key: Term,
    existing_hash: u32,
    key: Term,
    value: Term,
    hash: u32,
    level: u32,
}

/// A planned change of a hash map.
pub(crate) struct PathEdit {
    /// From the root down; the edit applies to the last step.
    steps: Vec<Step>,
    edit: Edit,
}

impl PathEdit {
    /// Entries of the new map.
    pub(crate) fn size(&self) -> usize {
        self.steps.first().map_or(0, |root| self.changed(root.size))
    }

    /// `size` after the edit, for a node on the path.
    fn changed(&self, size: usize) -> usize {
        match self.edit {
            Edit::Insert { .. } | Edit::Split(_) => size + 1,
            Edit::Replace { .. } => size,
            Edit::Remove { .. } | Edit::Collapse(_) => size.saturating_sub(1),
        }
    }

    /// Words of the new objects.
    pub(crate) fn words(&self) -> usize {
        let Some((last, above)) = self.steps.split_last() else {
            return 0;
        };
        let (new_objects, last_children) = match &self.edit {
            Edit::Insert { .. } => (2, last.children.len() + 1),
            Edit::Replace { .. } => (2, last.children.len()),
            Edit::Split(split) => (2 + split_words(split), last.children.len()),
            Edit::Remove { .. } => (0, last.children.len().saturating_sub(1)),
            Edit::Collapse(_) => (0, last.children.len()),
        };
        let copies: usize = above.iter().map(|step| 2 + step.children.len()).sum();
        new_objects + 2 + last_children + copies
    }

    /// Builds the new map, children first.
    pub(crate) fn build(&self, alloc: &mut impl TermAlloc) -> Option<Term> {
        let (last, above) = self.steps.split_last()?;
        let mut children = last.children.clone();
        let mut bitmap = last.bitmap;
        match &self.edit {
            Edit::Insert { bit, key, value } => {
                children.insert(last.index, build::cons(alloc, *key, *value)?);
                bitmap |= bit;
            }
            Edit::Replace { key, value } => {
                children[last.index] = build::cons(alloc, *key, *value)?;
            }
            Edit::Split(split) => {
                let leaf = build::cons(alloc, split.key, split.value)?;
                children[last.index] = build_split(alloc, split, leaf)?;
            }
            Edit::Remove { bit } => {
                children.remove(last.index);
                bitmap &= !bit;
            }
            Edit::Collapse(leaf) => children[last.index] = *leaf,
        }
        let mut node =
            build::hash_map_node(alloc, info_word(self.changed(last.size), bitmap), &children)?;
        for step in above.iter().rev() {
            let mut children = step.children.clone();
            children[step.index] = node;
            let info = info_word(self.changed(step.size), step.bitmap);
            node = build::hash_map_node(alloc, info, &children)?;
        }
        Some(node)
    }
}

/// Plans `root` with `key` set to `value`; `None` when `root` is no
/// well-formed hash map.
///
/// # Safety
///
/// `root`, `key` and `value` must be valid and unmoved during the call.
pub(crate) unsafe fn put(root: Term, key: Term, value: Term) -> Option<PathEdit> {
    // SAFETY: forwarded from the caller.
    let hash = unsafe { make_internal_hash(key) };
    let mut steps = Vec::new();
    let mut node = root;
    for level in 0..=LEVELS {
        // SAFETY: forwarded from the caller.
        let parts = unsafe { hash_map_node(node) }?;
        let children = parts.children.to_vec();
        if level == LEVELS {
            // SAFETY: forwarded from the caller.
            let (index, found) = unsafe { collision_position(&children, key) }?;
            steps.push(Step {
                bitmap: parts.bitmap,
                size: parts.size,
                children,
                index,
            });
            let edit = match found {
                true => Edit::Replace { key, value },
                false => Edit::Insert { bit: 0, key, value },
            };
            return Some(PathEdit { steps, edit });
        }
        let bit = 1u16 << slot(hash, level);
        let index = (parts.bitmap & (bit - 1)).count_ones() as usize;
        let occupied = parts.bitmap & bit != 0;
        if children.len() < index + usize::from(occupied) {
            return None;
        }
        steps.push(Step {
            bitmap: parts.bitmap,
            size: parts.size,
            children,
            index,
        });
        if !occupied {
            let edit = Edit::Insert { bit, key, value };
            return Some(PathEdit { steps, edit });
        }
        let child = *parts.children.get(index)?;
        // SAFETY: forwarded from the caller.
        match unsafe { Child::of(child) }? {
            Child::Node(lower) => node = lower,
            Child::Leaf {
                key: existing_key, ..
            } => {
                // SAFETY: forwarded from the caller.
                let edit = match unsafe { compare_exact(existing_key, key) } {
                    Ordering::Equal => Edit::Replace { key, value },
                    _ => Edit::Split(Split {
                        existing: child,
                        existing_key,
                        // SAFETY: forwarded from the caller.
                        existing_hash: unsafe { make_internal_hash(existing_key) },
                        key,
                        value,
                        hash,
                        level: level + 1,
                    }),
                };
                return Some(PathEdit { steps, edit });
            }
        }
    }
    None
}

/// Plans `root` without `key`: `Some(None)` when it has no such key,
/// `None` when `root` is no well-formed hash map. The caller keeps maps
/// that would shrink to a flat map away from here.
///
/// # Safety
///
/// As [`put`].
pub(crate) unsafe fn remove(root: Term, key: Term) -> Option<Option<PathEdit>> {
    // SAFETY: forwarded from the caller.
    let hash = unsafe { make_internal_hash(key) };
    let mut steps = Vec::new();
    let mut node = root;
    for level in 0..=LEVELS {
        // SAFETY: forwarded from the caller.
        let parts = unsafe { hash_map_node(node) }?;
        let children = parts.children.to_vec();
        let (index, bit) = if level == LEVELS {
            // SAFETY: forwarded from the caller.
            match unsafe { collision_position(&children, key) }? {
                (index, true) => (index, 0),
                (_, false) => return Some(None),
            }
        } else {
            let bit = 1u16 << slot(hash, level);
            if parts.bitmap & bit == 0 {
                return Some(None);
            }
            ((parts.bitmap & (bit - 1)).count_ones() as usize, bit)
        };
        let child = *parts.children.get(index)?;
        steps.push(Step {
            bitmap: parts.bitmap,
            size: parts.size,
            children,
            index,
        });
        // SAFETY: forwarded from the caller.
        match unsafe { Child::of(child) }? {
            Child::Node(lower) => node = lower,
            Child::Leaf { key: found, .. } => {
                // SAFETY: forwarded from the caller.
                if unsafe { compare_exact(found, key) } != Ordering::Equal {
                    return Some(None);
                }
                return Some(Some(collapse(steps, bit)?));
            }
        }
    }
    None
}

/// The edit that removes the last step's child: a non-root node left with
/// one leaf is replaced by that leaf in its parent, and so on upward.
fn collapse(mut steps: Vec<Step>, bit: u16) -> Option<PathEdit> {
    let last = steps.last()?;
    let is_root = steps.len() == 1;
    if is_root || last.children.len() != 2 {
        return Some(PathEdit {
            steps,
            edit: Edit::Remove { bit },
        });
    }
    let survivor = last.children[1 - last.index];
    // SAFETY: `survivor` is a child word of a node the caller read; it is
    // valid and unmoved (the contract of `remove`, the only caller).
    if !matches!(unsafe { Child::of(survivor) }?, Child::Leaf { .. }) {
        return Some(PathEdit {
            steps,
            edit: Edit::Remove { bit },
        });
    }
    steps.pop();
    // The survivor moves up past every non-root node left with one child.
    while 1 < steps.len() && steps.last()?.children.len() == 1 {
        steps.pop();
    }
    Some(PathEdit {
        steps,
        edit: Edit::Collapse(survivor),
    })
}

/// Where `key` is or would go among the leaves of a collision node (in
/// map-key order), and whether it is there.
///
/// # Safety
///
/// As [`put`].
unsafe fn collision_position(children: &[Term], key: Term) -> Option<(usize, bool)> {
    for (index, child) in children.iter().enumerate() {
        // SAFETY: forwarded from the caller.
        let Child::Leaf { key: found, .. } = (unsafe { Child::of(*child) })? else {
            return None;
        };
        // SAFETY: forwarded from the caller.
        match unsafe { compare_exact(found, key) } {
            Ordering::Less => {}
            Ordering::Equal => return Some((index, true)),
            Ordering::Greater => return Some((index, false)),
        }
    }
    Some((children.len(), false))
}

/// Words of the nodes a split makes (its new leaf not included).
fn split_words(split: &Split) -> usize {
    let mut words = 0;
    for level in split.level..=LEVELS {
        if level == LEVELS || slot(split.hash, level) != slot(split.existing_hash, level) {
            return words + 2 + 2;
        }
        words += 2 + 1;
    }
    words
}

/// Builds the nodes of a split around the existing leaf and `leaf`, the
/// lowest first.
fn build_split(alloc: &mut impl TermAlloc, split: &Split, leaf: Term) -> Option<Term> {
    let mut level = split.level;
    while level < LEVELS && slot(split.hash, level) == slot(split.existing_hash, level) {
        level += 1;
    }
    let (mut node, mut shared_levels) = if level == LEVELS {
        // SAFETY: both keys are valid and unmoved (the contract of the
        // plan's `build`).
        let new_first = unsafe { compare_exact(split.key, split.existing_key) } == Ordering::Less;
        let children = match new_first {
            true => [leaf, split.existing],
            false => [split.existing, leaf],
        };
        (
            build::hash_map_node(alloc, info_word(2, 0), &children)?,
            level - split.level,
        )
    } else {
        let (new_slot, existing_slot) = (slot(split.hash, level), slot(split.existing_hash, level));
        let children = match new_slot < existing_slot {
            true => [leaf, split.existing],
            false => [split.existing, leaf],
        };
        let bitmap = (1u16 << new_slot) | (1u16 << existing_slot);
        (
            build::hash_map_node(alloc, info_word(2, bitmap), &children)?,
            level - split.level,
        )
    };
    while 0 < shared_levels {
        shared_levels -= 1;
        let bit = 1u16 << slot(split.hash, split.level + shared_levels);
        node = build::hash_map_node(alloc, info_word(2, bit), &[node])?;
    }
    Some(node)
}
