//! `erlang:phash/2`: BEAM's older `make_hash`, a multiplicative hash over
//! the bytes of numbers and binaries with one prime per kind of value.
//!
//! Integers hash the same whether small or bignum: the magnitude's bytes,
//! least significant first, in whole 32-bit words. Maps hash through
//! [`super::phash2`]'s `make_hash2`, as on BEAM.

use super::phash2::make_hash2;
use super::{atom_hash, UnsupportedTerm};
use crate::term::Term;
use crate::view::{view, View};

/// `erlang:phash(Term, Range)` for `Range` in `1..=2^32`: a hash in
/// `1..=Range`. `None` for a range outside that (BEAM's `badarg`).
///
/// # Safety
///
/// `term` must be valid and nothing may collect its heap during the call.
pub unsafe fn phash_range(term: Term, range: u64) -> Result<Option<u64>, UnsupportedTerm> {
    if !(1..=1 << 32).contains(&range) {
        return Ok(None);
    }
    // SAFETY: forwarded from the caller.
    let hash = unsafe { make_hash(term)? };
    Ok(Some(u64::from(hash) % range + 1))
}

/// Primes just above 2^28, BEAM's `FUNNY_NUMBER1` … `14`.
const FUNNY: [u32; 15] = [
    0,
    268_440_163,
    268_439_161,
    268_435_459,
    268_436_141,
    268_438_633,
    268_437_017,
    268_438_039,
    268_437_511,
    268_439_627,
    268_440_479,
    268_440_577,
    268_440_581,
    268_440_593,
    268_440_611,
];

enum Pending<'a> {
    /// Elements of a tuple still to hash (non-empty).
    Elements(&'a [Term]),
    /// A tuple of this arity is done.
    TupleEnd(u32),
    /// The rest of a list whose head was not a byte.
    ListRest(Term),
    /// A list (with its final tail) is done.
    ListEnd,
}

struct Hasher {
    hash: u32,
}

impl Hasher {
    fn add(&mut self, prime: usize, value: u32) {
        self.hash = self.hash.wrapping_mul(FUNNY[prime]).wrapping_add(value);
    }

    fn scale(&mut self, prime: usize) {
        self.hash = self.hash.wrapping_mul(FUNNY[prime]);
    }

    /// The four bytes of `value`, least significant first.
    fn bytes_of_word(&mut self, value: u32, prime: usize) {
        for byte in value.to_le_bytes() {
            self.add(prime, u32::from(byte));
        }
    }

    /// An integer's magnitude, as whole 32-bit words.
    fn integer(&mut self, negative: bool, digits: &[u64]) {
        let n_digits = digits.len() - digits.iter().rev().take_while(|d| **d == 0).count();
        for (index, digit) in digits[..n_digits].iter().enumerate() {
            self.bytes_of_word(*digit as u32, 2);
            let is_last = index + 1 == n_digits;
            if !is_last || *digit >> 32 != 0 {
                self.bytes_of_word((*digit >> 32) as u32, 2);
            }
        }
        if n_digits == 0 {
            self.bytes_of_word(0, 2);
        }
        self.scale(if negative { 4 } else { 3 });
    }
}

/// BEAM's `make_hash`.
///
/// # Safety
///
/// As [`phash_range`].
unsafe fn make_hash(term: Term) -> Result<u32, UnsupportedTerm> {
    let mut hasher = Hasher { hash: 0 };
    let mut stack: Vec<Pending<'_>> = Vec::new();
    let mut next = Some(term);
    loop {
        let term = match next.take() {
            Some(term) => term,
            None => match stack.pop() {
                None => return Ok(hasher.hash),
                Some(Pending::Elements(elements)) => {
                    if 1 < elements.len() {
                        stack.push(Pending::Elements(&elements[1..]));
                    }
                    elements[0]
                }
                Some(Pending::TupleEnd(arity)) => {
                    hasher.add(9, arity);
                    continue;
                }
                Some(Pending::ListRest(rest)) => {
                    if !rest.is_list() {
                        stack.push(Pending::ListEnd);
                    }
                    rest
                }
                Some(Pending::ListEnd) => {
                    hasher.scale(8);
                    continue;
                }
            },
        };
        // SAFETY: `term` is valid and unmoved (caller's contract), and so is
        // everything reachable from it.
        let viewed = unsafe { view(term) }.ok_or(UnsupportedTerm::NotAValue)?;
        match viewed {
            View::Nil => hasher.add(3, 1),
            View::Atom(atom) => hasher.add(1, atom_hash(atom)),
            View::Small(value) => hasher.integer(value < 0, &[value.unsigned_abs()]),
            View::Big { negative, digits } => hasher.integer(negative, digits),
            View::Float(value) => {
                let bits = if value == 0.0 { 0 } else { value.to_bits() };
                hasher.add(6, (bits as u32) ^ ((bits >> 32) as u32));
            }
            View::Bits(bits) => {
                let aligned = bits.aligned();
                for byte in &aligned[..bits.byte_len()] {
                    hasher.add(1, u32::from(*byte));
                }
                let trailing = bits.trailing_bits();
                if trailing != 0 {
                    hasher.add(1, u32::from(aligned[bits.byte_len()] >> (8 - trailing)));
                    hasher.add(12, u32::from(trailing));
                }
                hasher.add(4, bits.byte_len() as u32);
            }
            View::Export {
                module,
                function,
                arity,
            } => {
                hasher.add(11, u32::from(arity));
                hasher.add(1, atom_hash(module));
                hasher.add(1, atom_hash(function));
            }
            View::Closure { .. } => return Err(UnsupportedTerm::Closure),
            View::Pid(pid) => {
                hasher.bytes_of_word(pid.number as u32, 5);
                hasher.scale(6);
            }
            View::Port(port) => {
                // Port numbers above 32 bits hash their high half first.
                let high = (port.number >> 32) as u32;
                if high != 0 {
                    hasher.bytes_of_word(high, 11);
                }
                hasher.bytes_of_word(port.number as u32, 9);
                hasher.scale(10);
            }
            View::Ref(reference) => {
                let first = reference.words.first().copied().unwrap_or(0) as u32;
                hasher.bytes_of_word(first, 9);
                hasher.scale(10);
            }
            View::FlatMap { .. } | View::HashMap { .. } => {
                // SAFETY: forwarded from the caller.
                let map_hash = unsafe { make_hash2(term)? };
                hasher.add(13, FUNNY[14].wrapping_add(map_hash));
            }
            View::Tuple(elements) => {
                stack.push(Pending::TupleEnd(elements.len() as u32));
                if !elements.is_empty() {
                    stack.push(Pending::Elements(elements));
                }
            }
            View::Cons { .. } => next = hash_list(&mut hasher, &mut stack, term),
        }
    }
}

/// Hashes a list's leading bytes; returns the next term to hash.
fn hash_list(hasher: &mut Hasher, stack: &mut Vec<Pending<'_>>, list: Term) -> Option<Term> {
    let mut cell = list;
    loop {
        // SAFETY: the list's cells are valid and unmoved (the contract of
        // `make_hash`, the only caller).
        let Some(View::Cons { head, tail }) = (unsafe { view(cell) }) else {
            return None;
        };
        match head.as_small().filter(|value| (0..=255).contains(value)) {
            Some(byte) => {
                hasher.add(2, byte as u32);
                if !tail.is_list() {
                    stack.push(Pending::ListEnd);
                    return Some(tail);
                }
                cell = tail;
            }
            None => {
                stack.push(Pending::ListRest(tail));
                return Some(head);
            }
        }
    }
}
