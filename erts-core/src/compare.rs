//! Erlang's standard term order and its two equalities, on heap terms:
//! `compare` (`<`, `=<`, …, `==` is `Equal`) and `eq_exact` (`=:=`).
//!
//! The order is BEAM's (OTP 25): number < atom < reference < fun < port <
//! pid < tuple < map < nil < list < bitstring. Numbers compare by exact
//! value across integers and floats; atoms by their UTF-8 text; tuples by
//! size, then elements; maps by size, then their keys in map-key order,
//! then their values; lists element by element; bitstrings bytewise, then
//! by bit length; pids by serial and number, then node; ports and
//! references by node, then number. Map keys (and everything under `=:=`)
//! compare exactly: integers before floats, `1` different from `1.0`.
//!
//! Invariants: the walk is iterative. Pending pairs live on an explicit
//! stack on the heap whose depth grows with the nesting of tuples and maps,
//! not with the length of lists (a list's tail is taken up right after its
//! head), so no input overflows the native stack.
//!
//! Differences from BEAM: local closures compare by their fun entry word
//! and environment, because the module, index and unique id BEAM compares
//! first are the code generator's, not yet known here.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};

use crate::num::{self, Integer, Number};
use crate::term::Term;
use crate::view::{view, Bits, Identity, Node, View};

/// The standard order of `lhs` and `rhs`; `Equal` means `lhs == rhs`.
///
/// # Safety
///
/// Both terms must be valid and nothing may collect their heaps during the
/// call.
pub unsafe fn compare(lhs: Term, rhs: Term) -> Ordering {
    // SAFETY: forwarded from the caller.
    unsafe { compare_terms(lhs, rhs, Exactness::Arithmetic) }
}

/// `lhs == rhs`.
///
/// # Safety
///
/// As [`compare`].
pub unsafe fn eq(lhs: Term, rhs: Term) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { compare(lhs, rhs) == Ordering::Equal }
}

/// `lhs =:= rhs`.
///
/// # Safety
///
/// As [`compare`].
pub unsafe fn eq_exact(lhs: Term, rhs: Term) -> bool {
    // SAFETY: forwarded from the caller.
    unsafe { compare_exact(lhs, rhs) == Ordering::Equal }
}

/// The map-key order: the standard order, except that all integers sort
/// before all floats and `1` and `1.0` differ. Flat maps keep their keys in
/// this order.
///
/// # Safety
///
/// As [`compare`].
pub unsafe fn compare_exact(lhs: Term, rhs: Term) -> Ordering {
    // SAFETY: forwarded from the caller.
    unsafe { compare_terms(lhs, rhs, Exactness::Exact) }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Exactness {
    /// `==` and the order: numbers by value.
    Arithmetic,
    /// `=:=` and map keys: numbers by type, then value.
    Exact,
}

/// Work left on the stack.
enum Pending<'a> {
    Pair(Term, Term),
    /// Corresponding elements of two equally long, non-empty arrays.
    Elements(&'a [Term], &'a [Term]),
    /// Map keys are done: go back to arithmetic comparison.
    EndOfExactKeys,
    /// Corresponding keys or values of two hash maps, sorted into map-key
    /// order here, stored last first.
    Sorted(Vec<(Term, Term)>),
}

/// What comparing one pair found.
enum Step<'a> {
    Decided(Ordering),
    /// Equal so far; continue with this pair (the rest is on the stack).
    Continue(Term, Term),
    /// Equal so far; continue with these elements.
    ContinueElements(&'a [Term], &'a [Term]),
    /// Equal so far; continue with these map keys, compared exactly.
    ContinueKeys(&'a [Term], &'a [Term]),
}

/// # Safety
///
/// As [`compare`].
unsafe fn compare_terms(lhs: Term, rhs: Term, exactness: Exactness) -> Ordering {
    // The common cases first: the same word, and two small integers.
    if lhs.bits() == rhs.bits() {
        return Ordering::Equal;
    }
    if let (Some(a), Some(b)) = (lhs.as_small(), rhs.as_small()) {
        return a.cmp(&b);
    }
    let mut exactness = exactness;
    let mut stack: Vec<Pending<'_>> = Vec::new();
    let mut next = Some((lhs, rhs));
    loop {
        let (lhs, rhs) = match next.take() {
            Some(pair) => pair,
            None => match stack.pop() {
                None => return Ordering::Equal,
                Some(Pending::Pair(lhs, rhs)) => (lhs, rhs),
                Some(Pending::Elements(lhs, rhs)) => take_first(&mut stack, lhs, rhs),
                Some(Pending::EndOfExactKeys) => {
                    exactness = Exactness::Arithmetic;
                    continue;
                }
                Some(Pending::Sorted(pairs)) => match take_last(&mut stack, pairs) {
                    Some(pair) => pair,
                    None => continue,
                },
            },
        };
        if lhs == rhs {
            continue;
        }
        // SAFETY: both terms are valid and unmoved (caller's contract); the
        // slices on the stack point into their objects.
        let (lhs_view, rhs_view) = unsafe { (view(lhs), view(rhs)) };
        let (lhs_view, rhs_view) = match (lhs_view, rhs_view) {
            (Some(lhs_view), Some(rhs_view)) => (lhs_view, rhs_view),
            // Words that are no value: order by the raw word, to stay total.
            _ => return lhs.bits().cmp(&rhs.bits()),
        };
        if let (View::HashMap { size: lhs_size }, View::HashMap { size: rhs_size }) =
            (&lhs_view, &rhs_view)
        {
            if lhs_size != rhs_size {
                return lhs_size.cmp(rhs_size);
            }
            // SAFETY: as above.
            let (lhs_sorted, rhs_sorted) = unsafe { (sorted_entries(lhs), sorted_entries(rhs)) };
            let ((lhs_keys, lhs_values), (rhs_keys, rhs_values)) = (lhs_sorted, rhs_sorted);
            if lhs_keys.len() != rhs_keys.len() {
                return lhs_keys.len().cmp(&rhs_keys.len());
            }
            stack.push(Pending::Sorted(
                lhs_values.into_iter().zip(rhs_values).collect(),
            ));
            if exactness == Exactness::Arithmetic {
                stack.push(Pending::EndOfExactKeys);
            }
            exactness = Exactness::Exact;
            let keys = lhs_keys.into_iter().zip(rhs_keys).collect();
            next = take_last(&mut stack, keys);
            continue;
        }
        match compare_views(&lhs_view, &rhs_view, exactness, &mut stack) {
            Step::Decided(Ordering::Equal) => {}
            Step::Decided(order) => return order,
            Step::Continue(lhs, rhs) => next = Some((lhs, rhs)),
            Step::ContinueElements(lhs, rhs) => next = Some(take_first(&mut stack, lhs, rhs)),
            Step::ContinueKeys(lhs, rhs) => {
                // Under `==`, an `EndOfExactKeys` below the keys switches back.
                exactness = Exactness::Exact;
                next = Some(take_first(&mut stack, lhs, rhs));
            }
        }
    }
}

/// The first pair of two non-empty arrays; the rest goes on the stack.
fn take_first<'a>(stack: &mut Vec<Pending<'a>>, lhs: &'a [Term], rhs: &'a [Term]) -> (Term, Term) {
    if 1 < lhs.len() {
        stack.push(Pending::Elements(&lhs[1..], &rhs[1..]));
    }
    (lhs[0], rhs[0])
}

/// The last of `pairs`, the rest going back on the stack; `None` when
/// there are none.
fn take_last(stack: &mut Vec<Pending<'_>>, mut pairs: Vec<(Term, Term)>) -> Option<(Term, Term)> {
    let last = pairs.pop()?;
    if !pairs.is_empty() {
        stack.push(Pending::Sorted(pairs));
    }
    Some(last)
}

/// The keys and the values of the hash map `map`, in map-key order,
/// stored last first. Sorting compares keys by a nested comparison, so
/// hash maps nested as keys of hash maps cost native stack.
///
/// # Safety
///
/// As [`compare`].
unsafe fn sorted_entries(map: Term) -> (Vec<Term>, Vec<Term>) {
    // SAFETY: forwarded from the caller.
    let mut pairs = unsafe { crate::map::entries(map) }.unwrap_or_default();
    // SAFETY: forwarded from the caller.
    pairs.sort_by(|lhs, rhs| unsafe { compare_exact(rhs.0, lhs.0) });
    pairs.into_iter().unzip()
}

fn compare_views<'a>(
    lhs: &View<'a>,
    rhs: &View<'a>,
    exactness: Exactness,
    stack: &mut Vec<Pending<'a>>,
) -> Step<'a> {
    let by_rank = lhs.rank().cmp(&rhs.rank());
    if by_rank != Ordering::Equal {
        return Step::Decided(by_rank);
    }
    let order = match (lhs, rhs) {
        (View::Atom(lhs), View::Atom(rhs)) => compare_atoms(*lhs, *rhs),
        (View::Ref(lhs), View::Ref(rhs)) => compare_refs(lhs, rhs),
        (
            View::Closure {
                entry: lhs_entry,
                environment: lhs_env,
            },
            View::Closure {
                entry: rhs_entry,
                environment: rhs_env,
            },
        ) => {
            let order = lhs_entry
                .cmp(rhs_entry)
                .then(lhs_env.len().cmp(&rhs_env.len()));
            if order != Ordering::Equal || lhs_env.is_empty() {
                return Step::Decided(order);
            }
            return Step::ContinueElements(lhs_env, rhs_env);
        }
        (
            View::Export {
                module: lhs_module,
                function: lhs_function,
                arity: lhs_arity,
            },
            View::Export {
                module: rhs_module,
                function: rhs_function,
                arity: rhs_arity,
            },
        ) => compare_atoms(*lhs_module, *rhs_module)
            .then(compare_atoms(*lhs_function, *rhs_function))
            .then(lhs_arity.cmp(rhs_arity)),
        (View::Port(lhs), View::Port(rhs)) => {
            compare_nodes(lhs.node, rhs.node).then(lhs.number.cmp(&rhs.number))
        }
        (View::Pid(lhs), View::Pid(rhs)) => {
            let key = |pid: &Identity<'_>| (u128::from(pid.serial) << 32) | u128::from(pid.number);
            key(lhs)
                .cmp(&key(rhs))
                .then(compare_nodes(lhs.node, rhs.node))
        }
        (View::Tuple(lhs), View::Tuple(rhs)) => {
            let order = lhs.len().cmp(&rhs.len());
            if order != Ordering::Equal || lhs.is_empty() {
                return Step::Decided(order);
            }
            return Step::ContinueElements(lhs, rhs);
        }
        (
            View::FlatMap {
                keys: lhs_keys,
                values: lhs_values,
            },
            View::FlatMap {
                keys: rhs_keys,
                values: rhs_values,
            },
        ) => {
            let order = lhs_keys.len().cmp(&rhs_keys.len());
            if order != Ordering::Equal || lhs_keys.is_empty() {
                return Step::Decided(order);
            }
            stack.push(Pending::Elements(lhs_values, rhs_values));
            if exactness == Exactness::Arithmetic {
                stack.push(Pending::EndOfExactKeys);
            }
            return Step::ContinueKeys(lhs_keys, rhs_keys);
        }
        (View::FlatMap { keys, .. }, View::HashMap { size }) => keys.len().cmp(size),
        (View::HashMap { size }, View::FlatMap { keys, .. }) => size.cmp(&keys.len()),
        (View::Nil, View::Nil) => Ordering::Equal,
        (
            View::Cons {
                head: lhs_head,
                tail: lhs_tail,
            },
            View::Cons {
                head: rhs_head,
                tail: rhs_tail,
            },
        ) => {
            stack.push(Pending::Pair(*lhs_tail, *rhs_tail));
            return Step::Continue(*lhs_head, *rhs_head);
        }
        (View::Bits(lhs), View::Bits(rhs)) => compare_bits(lhs, rhs),
        _ => compare_numbers(lhs, rhs, exactness),
    };
    Step::Decided(order)
}

/// Atoms order by their UTF-8 text, bytewise.
pub(crate) fn compare_atoms(lhs: crate::Atom, rhs: crate::Atom) -> Ordering {
    if lhs == rhs {
        return Ordering::Equal;
    }
    lhs.name().as_bytes().cmp(rhs.name().as_bytes())
}

fn compare_nodes(lhs: Node, rhs: Node) -> Ordering {
    compare_atoms(lhs.name, rhs.name).then(lhs.creation.cmp(&rhs.creation))
}

/// References: node, then the numbers from the most significant, where
/// missing high numbers count as zero.
fn compare_refs(lhs: &Identity<'_>, rhs: &Identity<'_>) -> Ordering {
    let by_node = compare_nodes(lhs.node, rhs.node);
    if by_node != Ordering::Equal {
        return by_node;
    }
    let n_words = lhs.words.len().max(rhs.words.len());
    let word = |words: &[u64], index: usize| words.get(index).copied().unwrap_or(0);
    (0..n_words)
        .rev()
        .map(|index| word(lhs.words, index).cmp(&word(rhs.words, index)))
        .find(|order| *order != Ordering::Equal)
        .unwrap_or(Ordering::Equal)
}

fn compare_bits(lhs: &Bits<'_>, rhs: &Bits<'_>) -> Ordering {
    let (lhs_bytes, rhs_bytes) = (lhs.aligned(), rhs.aligned());
    let common_bits = lhs.bit_size().min(rhs.bit_size());
    let whole = (common_bits / 8) as usize;
    let by_bytes = lhs_bytes[..whole].cmp(&rhs_bytes[..whole]);
    if by_bytes != Ordering::Equal {
        return by_bytes;
    }
    let rest = (common_bits % 8) as u32;
    if rest != 0 {
        let mask = 0xFFu8 << (8 - rest);
        let by_rest = (lhs_bytes[whole] & mask).cmp(&(rhs_bytes[whole] & mask));
        if by_rest != Ordering::Equal {
            return by_rest;
        }
    }
    lhs.bit_size().cmp(&rhs.bit_size())
}

/// Two numbers (both views have rank `Number`).
fn compare_numbers(lhs: &View<'_>, rhs: &View<'_>, exactness: Exactness) -> Ordering {
    let is_float = |view: &View<'_>| matches!(view, View::Float(_));
    match (lhs, rhs) {
        (View::Float(lhs), View::Float(rhs)) => lhs.partial_cmp(rhs).unwrap_or(Ordering::Equal),
        _ if exactness == Exactness::Exact && is_float(lhs) != is_float(rhs) => {
            if is_float(lhs) {
                Ordering::Greater
            } else {
                Ordering::Less
            }
        }
        _ => match (integer_parts(lhs), integer_parts(rhs)) {
            (Some(lhs), Some(rhs)) => compare_integers(lhs, rhs),
            _ => num::compare(&number_of(lhs), &number_of(rhs)),
        },
    }
}

/// Sign and magnitude digits (least significant first) of an integer view.
fn integer_parts<'a>(view: &View<'a>) -> Option<(bool, std::borrow::Cow<'a, [u64]>)> {
    match view {
        View::Small(value) => Some((
            *value < 0,
            std::borrow::Cow::Owned(vec![value.unsigned_abs()]),
        )),
        View::Big { negative, digits } => Some((*negative, std::borrow::Cow::Borrowed(*digits))),
        _ => None,
    }
}

fn compare_integers(
    (lhs_negative, lhs_digits): (bool, std::borrow::Cow<'_, [u64]>),
    (rhs_negative, rhs_digits): (bool, std::borrow::Cow<'_, [u64]>),
) -> Ordering {
    let significant =
        |digits: &[u64]| digits.len() - digits.iter().rev().take_while(|d| **d == 0).count();
    let (lhs_len, rhs_len) = (significant(&lhs_digits), significant(&rhs_digits));
    // Zero has no sign.
    let lhs_negative = lhs_negative && lhs_len != 0;
    let rhs_negative = rhs_negative && rhs_len != 0;
    if lhs_negative != rhs_negative {
        return if lhs_negative {
            Ordering::Less
        } else {
            Ordering::Greater
        };
    }
    let by_magnitude = lhs_len.cmp(&rhs_len).then_with(|| {
        lhs_digits[..lhs_len]
            .iter()
            .rev()
            .cmp(rhs_digits[..rhs_len].iter().rev())
    });
    if lhs_negative {
        by_magnitude.reverse()
    } else {
        by_magnitude
    }
}

/// Bignums wider than this many digits are beyond every float.
const FLOAT_RANGE_DIGITS: usize = 1024 / 64;

/// The owned number a numeric view stands for, for comparing an integer
/// with a float. A bignum wider than any float is replaced by ±2^1024,
/// which orders the same against every float.
fn number_of(view: &View<'_>) -> Number {
    match view {
        View::Small(value) => Number::from(*value),
        View::Float(value) => Number::Float(*value),
        View::Big { negative, digits } => {
            let sign = if *negative { Sign::Minus } else { Sign::Plus };
            let magnitude = if FLOAT_RANGE_DIGITS < digits.len() {
                BigUint::from(1u8) << 1024u32
            } else {
                BigUint::new(
                    digits
                        .iter()
                        .flat_map(|digit| [*digit as u32, (*digit >> 32) as u32])
                        .collect(),
                )
            };
            let value = BigInt::from_biguint(sign, magnitude);
            match Integer::from_bigint(value) {
                Ok(integer) => Number::Int(integer),
                // At most 1025 bits, far inside the limit.
                Err(_) => Number::from(0),
            }
        }
        _ => Number::from(0),
    }
}
