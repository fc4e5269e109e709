//! BEAM's `make_internal_hash` (OTP 25, 64-bit, without CRC32C) with salt
//! 0, the hash that places keys in hash maps and so fixes their iteration
//! order.
//!
//! Immediates are hashed as their raw words, which earts shares with BEAM
//! for small integers, `[]` and local pids and ports. Atoms are hashed as
//! their words too, so their place depends on the atom index: on BEAM
//! that is the order atoms were created in a VM instance, so the order of
//! atom keys differs between earts and BEAM (and between two BEAMs). Where
//! BEAM mixes in a pointer (the node of external identifiers, the export
//! entry of `fun M:F/A`) earts mixes in the atoms it names; local closures
//! mix in the code generator's fun entry word. Every other term hashes to
//! BEAM's value. The walk is iterative; the hash is total (words that are
//! no value hash as their raw bits).

use super::jenkins::{
    block_hash, Hasher, HCONST, HCONST_10, HCONST_11, HCONST_12, HCONST_13, HCONST_14, HCONST_15,
    HCONST_16, HCONST_17, HCONST_18, HCONST_20, HCONST_21, HCONST_22, HCONST_4, HCONST_5, HCONST_6,
    HCONST_7, HCONST_8, HCONST_9,
};
use crate::map::node::{hash_map_node, Child};
use crate::term::Term;
use crate::view::{view, Identity, View};

/// BEAM's start value (xored with a salt, 0 here).
const INTERNAL_HASH_SALT: u32 = 3_432_918_353;

/// Work left on the stack.
enum Pending {
    Term(Term),
    /// The tail of a cons cell whose tail is not a list comes next.
    Cdr,
}

/// `make_internal_hash(term, 0)`.
///
/// # Safety
///
/// `term` must be valid and nothing may collect its heap during the call.
pub(crate) unsafe fn make_internal_hash(term: Term) -> u32 {
    let mut hasher = Hasher {
        hash: INTERNAL_HASH_SALT,
    };
    let mut stack: Vec<Pending> = Vec::new();
    let mut next = Some(term);
    loop {
        let term = match next.take() {
            Some(term) => term,
            None => match stack.pop() {
                None => return hasher.hash,
                Some(Pending::Term(term)) => term,
                Some(Pending::Cdr) => {
                    const_hash(&mut hasher, HCONST_18);
                    continue;
                }
            },
        };
        if term.is_immediate() {
            hasher.mix2(term.bits() as u32, (term.bits() >> 32) as u32, HCONST);
            continue;
        }
        // SAFETY: `term` is valid and unmoved (caller's contract), and so is
        // everything reachable from it.
        let Some(viewed) = (unsafe { view(term) }) else {
            hasher.mix2(term.bits() as u32, (term.bits() >> 32) as u32, HCONST);
            continue;
        };
        next = match viewed {
            View::Cons { .. } => hash_list(&mut hasher, &mut stack, term),
            View::Tuple(elements) => {
                hasher.mix1(elements.len() as u32, HCONST_9);
                stack.extend(elements.iter().rev().map(|element| Pending::Term(*element)));
                None
            }
            View::FlatMap { keys, values } => {
                hasher.mix1(keys.len() as u32, HCONST_16);
                for (key, value) in keys.iter().zip(values).rev() {
                    stack.push(Pending::Term(*value));
                    stack.push(Pending::Term(*key));
                }
                None
            }
            View::HashMap { size } => {
                hasher.mix1(size as u32, HCONST_16);
                // SAFETY: as above.
                unsafe { push_children(&mut stack, term) };
                None
            }
            View::Closure { entry, environment } => {
                hasher.mix2(environment.len() as u32, entry as u32, HCONST_20);
                hasher.mix2((entry >> 32) as u32, 0, HCONST_21);
                stack.extend(environment.iter().rev().map(|term| Pending::Term(*term)));
                None
            }
            View::Export {
                module,
                function,
                arity,
            } => {
                let module = Term::atom(module).bits();
                let function = Term::atom(function).bits();
                hasher.mix2(module as u32, function as u32, HCONST_14);
                hasher.mix1(u32::from(arity), HCONST_14);
                None
            }
            View::Bits(bits) => {
                let constant = HCONST_13.wrapping_add(hasher.hash);
                if bits.bit_size() == 0 {
                    hasher.hash = constant;
                } else {
                    let aligned = bits.aligned();
                    hasher.hash = block_hash(&aligned[..bits.byte_len()], constant);
                    let trailing = bits.trailing_bits();
                    if trailing != 0 {
                        let last = aligned[bits.byte_len()] >> (8 - trailing);
                        hasher.mix2(u32::from(trailing), u32::from(last), HCONST_15);
                    }
                }
                None
            }
            View::Big { negative, digits } => {
                let constant = if negative { HCONST_10 } else { HCONST_11 };
                for digit in digits {
                    hasher.mix2(*digit as u32, (*digit >> 32) as u32, constant);
                }
                None
            }
            View::Float(value) => {
                // -0.0 hashes as 0.0; the low word comes first, as BEAM
                // reads the double's words on a little-endian machine.
                let bits = if value == 0.0 { 0 } else { value.to_bits() };
                hasher.mix2(bits as u32, (bits >> 32) as u32, HCONST_12);
                None
            }
            View::Ref(reference) => {
                hash_reference(&mut hasher, &reference);
                None
            }
            View::Pid(pid) => {
                hash_node(&mut hasher, &pid, HCONST_5);
                hasher.mix2(pid.number as u32, pid.serial as u32, HCONST_5);
                None
            }
            View::Port(port) => {
                hash_node(&mut hasher, &port, HCONST_6);
                hasher.mix2(port.number as u32, (port.number >> 32) as u32, HCONST_6);
                None
            }
            // Immediates were hashed above.
            View::Small(_) | View::Atom(_) | View::Nil => None,
        };
    }
}

/// BEAM's light mixing of a constant into the hash.
fn const_hash(hasher: &mut Hasher, constant: u32) {
    hasher.hash ^= constant;
    hasher.hash = hasher.hash.rotate_left(17);
}

/// Mixes in the node of an external identifier, standing in for the node
/// pointer BEAM mixes in.
fn hash_node(hasher: &mut Hasher, identity: &Identity<'_>, constant: u32) {
    let node = Term::atom(identity.node.name).bits();
    hasher.mix2(node as u32, identity.node.creation, constant);
}

/// A reference's 32-bit numbers: three for a local one, up to five for an
/// external one.
fn hash_reference(hasher: &mut Hasher, reference: &Identity<'_>) {
    let number = |index: usize| reference.words.get(index).copied().unwrap_or(0) as u32;
    if reference.node != crate::view::Node::LOCAL {
        let words = reference.words.len();
        if 3 < words {
            hasher.mix2(number(3), number(4), HCONST_9);
        }
        if 1 < words {
            hasher.mix2(number(1), number(2), HCONST_8);
        }
        hash_node(hasher, reference, HCONST_7);
        if 0 < words {
            hasher.mix1(number(0), HCONST_7);
        }
        return;
    }
    hasher.mix1(number(0), HCONST_7);
    hasher.mix2(number(1), number(2), HCONST_8);
}

/// Pushes the children of the hash-map node `node` in ascending order, so
/// they are hashed last child first, a leaf's key before its value.
///
/// # Safety
///
/// As [`make_internal_hash`].
unsafe fn push_children(stack: &mut Vec<Pending>, node: Term) {
    // SAFETY: forwarded from the caller.
    let Some(parts) = (unsafe { hash_map_node(node) }) else {
        return;
    };
    for child in parts.children {
        // SAFETY: forwarded from the caller.
        match unsafe { Child::of(*child) } {
            Some(Child::Leaf { key, value }) => {
                stack.push(Pending::Term(value));
                stack.push(Pending::Term(key));
            }
            Some(Child::Node(lower)) => {
                // SAFETY: forwarded from the caller.
                unsafe { push_children(stack, lower) }
            }
            None => {}
        }
    }
}

/// Hashes the leading run of bytes of a list four at a time; returns the
/// term to hash next (a non-byte head, with the tail pushed, or the
/// list's final tail).
fn hash_list(hasher: &mut Hasher, stack: &mut Vec<Pending>, list: Term) -> Option<Term> {
    let mut packed: u32 = 0;
    let mut n_packed: u32 = 0;
    let mut rest = list;
    // SAFETY: `list` and its cells are valid and unmoved (the contract of
    // `make_internal_hash`, the only caller).
    while let Some(View::Cons { head, tail }) = unsafe { view(rest) } {
        let Some(byte) = head.as_small().filter(|value| (0..=255).contains(value)) else {
            if 0 < n_packed {
                hasher.mix2(packed, n_packed, HCONST_22);
            }
            const_hash(hasher, HCONST_17);
            stack.push(Pending::Term(tail));
            if !tail.is_list() {
                stack.push(Pending::Cdr);
            }
            return Some(head);
        };
        packed = (packed << 8).wrapping_add(byte as u32);
        if n_packed == 3 {
            hasher.mix1(packed, HCONST_4);
            packed = 0;
            n_packed = 0;
        } else {
            n_packed += 1;
        }
        rest = tail;
    }
    if 0 < n_packed {
        hasher.mix2(packed, n_packed, HCONST_22);
    }
    Some(rest)
}
