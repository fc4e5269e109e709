//! `erlang:phash2/1,2`: BEAM's `make_hash2`, Bob Jenkins' mix over 32-bit
//! pieces of the term.
//!
//! Map entries are hashed separately and combined with xor, so the value
//! does not depend on the order of a map's entries. Small integers of more
//! than 28 bits are hashed as the one-digit bignums they are on 32-bit
//! BEAMs, which keeps the value the same on every word size.

use super::jenkins::{
    block_hash, Hasher, HCONST, HCONST_12, HCONST_13, HCONST_14, HCONST_15, HCONST_16, HCONST_19,
    HCONST_2, HCONST_3, HCONST_4, HCONST_5, HCONST_6, HCONST_7, HCONST_9,
};
use super::{atom_hash, UnsupportedTerm};
use crate::map::entries;
use crate::term::Term;
use crate::view::{view, View};

/// `erlang:phash2(Term)`: a hash in `0..2^27`.
///
/// # Safety
///
/// `term` must be valid and nothing may collect its heap during the call.
pub unsafe fn phash2(term: Term) -> Result<u32, UnsupportedTerm> {
    // SAFETY: forwarded from the caller.
    Ok(unsafe { make_hash2(term)? } & ((1 << 27) - 1))
}

/// `erlang:phash2(Term, Range)` for `Range` in `1..=2^32`: a hash in
/// `0..Range`. `None` for a range outside that (BEAM's `badarg`).
///
/// # Safety
///
/// As [`phash2`].
pub unsafe fn phash2_range(term: Term, range: u64) -> Result<Option<u32>, UnsupportedTerm> {
    if !(1..=1 << 32).contains(&range) {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    let hash = unsafe { make_hash2(term)? };
    Ok(Some((u64::from(hash) % range) as u32))
}

/// The hash of `[]` when it is hashed first.
const NIL_FIRST_HASH: u32 = 3_468_870_702;
/// BEAM's type code of `[]` (`NIL_DEF`), mixed in when `[]` comes later.
const NIL_TYPE_CODE: u32 = 2;

/// Whether `value` fits a signed 28-bit integer.
fn fits_28_bits(value: i64) -> bool {
    (-(1 << 27)..(1 << 27)).contains(&value)
}

enum Pending {
    Term(Term),
    /// The end of one key-value pair of a map.
    MapPair,
    /// The end of a map: the hash and the xor of pairs of the enclosing map.
    MapEnd {
        outer_hash: u32,
        outer_pairs: u32,
    },
}

/// BEAM's `make_hash2`.
///
/// # Safety
///
/// As [`phash2`].
pub(crate) unsafe fn make_hash2(term: Term) -> Result<u32, UnsupportedTerm> {
    let mut hasher = Hasher { hash: 0 };
    let mut pairs: u32 = 0;
    let mut stack: Vec<Pending> = Vec::new();
    let mut next = Some(term);
    loop {
        let term = match next.take() {
            Some(term) => term,
            None => match stack.pop() {
                None => return Ok(hasher.hash),
                Some(Pending::Term(term)) => term,
                Some(Pending::MapPair) => {
                    pairs ^= hasher.hash;
                    hasher.hash = 0;
                    continue;
                }
                Some(Pending::MapEnd {
                    outer_hash,
                    outer_pairs,
                }) => {
                    hasher.hash = outer_hash;
                    hasher.mix1(pairs, HCONST_19);
                    pairs = outer_pairs;
                    continue;
                }
            },
        };
        // SAFETY: `term` is valid and unmoved (caller's contract), and so is
        // everything reachable from it.
        let viewed = unsafe { view(term) }.ok_or(UnsupportedTerm::NotAValue)?;
        match viewed {
            View::Small(value) if fits_28_bits(value) => hasher.small28(value as i32),
            View::Small(value) => hasher.bignum(value < 0, &[value.unsigned_abs()]),
            View::Big { negative, digits } => hasher.bignum(negative, digits),
            View::Float(value) => {
                // -0.0 hashes as 0.0.
                let bits = if value == 0.0 { 0 } else { value.to_bits() };
                hasher.mix2((bits >> 32) as u32, bits as u32, HCONST_12);
            }
            View::Atom(atom) => {
                if hasher.hash == 0 {
                    hasher.hash = atom_hash(atom);
                } else {
                    hasher.mix1(atom_hash(atom), HCONST_3);
                }
            }
            View::Nil => {
                if hasher.hash == 0 {
                    hasher.hash = NIL_FIRST_HASH;
                } else {
                    hasher.mix1(NIL_TYPE_CODE, HCONST_2);
                }
            }
            View::Ref(reference) => hasher.mix1(
                reference.words.first().copied().unwrap_or(0) as u32,
                HCONST_7,
            ),
            View::Pid(pid) => hasher.mix1(pid.number as u32, HCONST_5),
            View::Port(port) => {
                hasher.mix2(port.number as u32, (port.number >> 32) as u32, HCONST_6)
            }
            View::Export {
                module,
                function,
                arity,
            } => {
                hasher.mix2(u32::from(arity), atom_hash(module), HCONST);
                hasher.mix1(atom_hash(function), HCONST_14);
            }
            View::Closure { .. } => return Err(UnsupportedTerm::Closure),
            View::Bits(bits) => {
                let constant = HCONST_13.wrapping_add(hasher.hash);
                if bits.bit_size() == 0 {
                    hasher.hash = constant;
                } else {
                    let aligned = bits.aligned();
                    let whole = &aligned[..bits.byte_len()];
                    hasher.hash = block_hash(whole, constant);
                    let trailing = bits.trailing_bits();
                    if trailing != 0 {
                        let last = aligned[bits.byte_len()] >> (8 - trailing);
                        hasher.mix2(u32::from(trailing), u32::from(last), HCONST_15);
                    }
                }
            }
            View::Tuple(elements) => {
                hasher.mix1(elements.len() as u32, HCONST_9);
                stack.extend(elements.iter().rev().map(|element| Pending::Term(*element)));
            }
            View::FlatMap { .. } | View::HashMap { .. } => {
                // SAFETY: as above.
                let entries = unsafe { entries(term) }.ok_or(UnsupportedTerm::NotAValue)?;
                hasher.mix1(entries.len() as u32, HCONST_16);
                if !entries.is_empty() {
                    stack.push(Pending::MapEnd {
                        outer_hash: hasher.hash,
                        outer_pairs: pairs,
                    });
                    hasher.hash = 0;
                    pairs = 0;
                    for (key, value) in entries.into_iter().rev() {
                        stack.push(Pending::MapPair);
                        stack.push(Pending::Term(value));
                        stack.push(Pending::Term(key));
                    }
                }
            }
            View::Cons { .. } => next = hash_list(&mut hasher, &mut stack, term),
        }
    }
}

/// Hashes the leading run of bytes of a list four at a time; returns the
/// term to hash next (a non-byte head, with the tail pushed, or the
/// list's final tail).
fn hash_list(hasher: &mut Hasher, stack: &mut Vec<Pending>, list: Term) -> Option<Term> {
    let mut packed: u32 = 0;
    let mut n_packed = 0;
    let mut rest = list;
    // SAFETY: `list` and its cells are valid and unmoved (the contract of
    // `make_hash2`, the only caller).
    while let Some(View::Cons { head, tail }) = unsafe { view(rest) } {
        let Some(byte) = head.as_small().filter(|value| (0..=255).contains(value)) else {
            if 0 < n_packed {
                hasher.mix1(packed, HCONST_4);
            }
            stack.push(Pending::Term(tail));
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
        hasher.mix1(packed, HCONST_4);
    }
    Some(rest)
}
