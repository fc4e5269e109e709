//! Erlang maps as BEAM lays them out: flat maps of at most
//! [`MAX_FLAT_SIZE`] keys (a sorted keys tuple and the values), and
//! hash-array-mapped tries above that, with BEAM's internal hash, so that
//! entries come out in BEAM's order.
//!
//! Operations are persistent: they never change an existing map. Reads
//! ([`get`], [`is_key`], [`size`], [`iteration_order`]) return terms of
//! the map. Operations that make a map return a [`MapPlan`]: its
//! [`MapPlan::words`] is the room to make, its [`MapPlan::build`] writes the
//! map into any `TermAlloc` in one allocation (none when the map is
//! unchanged). Lists of a map's entries
//! are sized by [`list_words`] and built by [`build_list`]. A result of at
//! most 32 keys is always flat, a larger one always a trie, as on BEAM.
//!
//! Every function taking terms is `unsafe` with one contract: the terms
//! are valid and nothing collects their heaps during the call.
//!
//! `put`, `update` and `remove` of a hash map copy only the path to the
//! changed slot, as BEAM does; `from_list`, `merge` and changes between
//! flat and hash maps build the whole new map from its entries.

mod carve;
mod lookup;
pub(crate) mod node;
mod order;
mod path;
mod plan;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use crate::compare::compare_exact;
use crate::term::build::{self, TermAlloc};
use crate::term::Term;
use crate::view::{view, View};
use carve::Carve;

pub use node::MAX_FLAT_SIZE;
pub(crate) use order::entries;
pub(crate) use plan::words_bound;
pub use plan::MapPlan;

/// Why a map operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapError {
    /// An argument that must be a map is none (BEAM's `{badmap, Term}`).
    BadMap,
    /// `update` of a key the map does not have (BEAM's `{badkey, Key}`).
    BadKey,
    /// `from_list` of something that is no proper list of pairs
    /// (BEAM's `badarg`).
    BadArg,
}

/// Which list of a map's entries to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    /// `maps:to_list/1`: `[{Key, Value}, …]`.
    ToList,
    /// `maps:keys/1`.
    Keys,
    /// `maps:values/1`.
    Values,
}

/// `maps:size/1`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn size(map: Term) -> Result<usize, MapError> {
    // SAFETY: forwarded from the caller.
    match unsafe { view(map) } {
        Some(View::FlatMap { keys, .. }) => Ok(keys.len()),
        Some(View::HashMap { size }) => Ok(size),
        _ => Err(MapError::BadMap),
    }
}

/// `maps:find/2`: the value of `key`, or `None`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn get(map: Term, key: Term) -> Result<Option<Term>, MapError> {
    // SAFETY: forwarded from the caller.
    unsafe { lookup::find(map, key) }.map_err(|()| MapError::BadMap)
}

/// `maps:is_key/2`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn is_key(map: Term, key: Term) -> Result<bool, MapError> {
    // SAFETY: forwarded from the caller.
    Ok(unsafe { get(map, key)? }.is_some())
}

/// `maps:new/0`.
pub fn new() -> MapPlan {
    // SAFETY: no terms.
    unsafe { MapPlan::new(Vec::new()) }
}

/// `maps:put/3`: `map` with `key` set to `value`, inserted or replaced.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn put(map: Term, key: Term, value: Term) -> Result<MapPlan, MapError> {
    // SAFETY: forwarded from the caller.
    if let Some(View::HashMap { .. }) = unsafe { view(map) } {
        // SAFETY: forwarded from the caller.
        let edit = unsafe { path::put(map, key, value) }.ok_or(MapError::BadMap)?;
        return Ok(MapPlan::path(edit));
    }
    // SAFETY: forwarded from the caller.
    let mut pairs = unsafe { pairs_of(map)? };
    // A flat map's pairs are in map-key order: find the key's place.
    // SAFETY: forwarded from the caller.
    let place = pairs.binary_search_by(|(k, _)| unsafe { compare_exact(*k, key) });
    match place {
        Ok(at) => pairs[at].1 = value,
        Err(at) => pairs.insert(at, (key, value)),
    }
    if pairs.len() <= MAX_FLAT_SIZE {
        return Ok(MapPlan::sorted_flat(pairs));
    }
    // SAFETY: forwarded from the caller.
    Ok(unsafe { MapPlan::new(pairs) })
}

/// `maps:update/3`: like [`put`], for a key `map` has.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn update(map: Term, key: Term, value: Term) -> Result<MapPlan, MapError> {
    // SAFETY: forwarded from the caller.
    if !unsafe { is_key(map, key)? } {
        return Err(MapError::BadKey);
    }
    // SAFETY: forwarded from the caller.
    unsafe { put(map, key, value) }
}

/// `maps:remove/2`: `map` without `key` (the same entries when it has
/// none).
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn remove(map: Term, key: Term) -> Result<MapPlan, MapError> {
    // SAFETY: forwarded from the caller.
    if let Some(View::HashMap { size }) = unsafe { view(map) } {
        // A hash map that stays one after losing a key.
        if MAX_FLAT_SIZE + 1 < size {
            // SAFETY: forwarded from the caller.
            let edit = unsafe { path::remove(map, key) }.ok_or(MapError::BadMap)?;
            return Ok(match edit {
                Some(edit) => MapPlan::path(edit),
                None => MapPlan::same(map, size),
            });
        }
    }
    // SAFETY: forwarded from the caller.
    let mut pairs = unsafe { pairs_of(map)? };
    // SAFETY: forwarded from the caller.
    pairs.retain(|(candidate, _)| unsafe { compare_exact(*candidate, key) } != Ordering::Equal);
    // SAFETY: forwarded from the caller.
    Ok(unsafe { MapPlan::new(pairs) })
}

/// `maps:from_list/1`: of equal keys, the last value wins.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn from_list(list: Term) -> Result<MapPlan, MapError> {
    let mut pairs = Vec::new();
    let mut rest = list;
    loop {
        // SAFETY: forwarded from the caller.
        match unsafe { view(rest) } {
            Some(View::Nil) => break,
            Some(View::Cons { head, tail }) => {
                // SAFETY: forwarded from the caller.
                match unsafe { view(head) } {
                    Some(View::Tuple([key, value])) => pairs.push((*key, *value)),
                    _ => return Err(MapError::BadArg),
                }
                rest = tail;
            }
            _ => return Err(MapError::BadArg),
        }
    }
    // SAFETY: forwarded from the caller.
    Ok(unsafe { MapPlan::new(pairs) })
}

/// A map of `pairs` (of equal keys, the last one wins).
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn from_pairs(pairs: Vec<(Term, Term)>) -> MapPlan {
    // SAFETY: forwarded from the caller.
    unsafe { MapPlan::new(pairs) }
}

/// `maps:merge/2`: the entries of both, `second`'s value where both have a
/// key.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn merge(first: Term, second: Term) -> Result<MapPlan, MapError> {
    // SAFETY: forwarded from the caller.
    let mut pairs = unsafe { pairs_of(first)? };
    // SAFETY: forwarded from the caller.
    pairs.extend(unsafe { pairs_of(second)? });
    // SAFETY: forwarded from the caller.
    Ok(unsafe { MapPlan::new(pairs) })
}

/// The entries of `map` in BEAM's iteration order: the order of
/// `maps:fold/3`, `maps:iterator/1` and `io:format("~w")`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn iteration_order(map: Term) -> Result<Vec<(Term, Term)>, MapError> {
    // SAFETY: forwarded from the caller.
    unsafe { pairs_of(map) }
}

/// The entries of `map` in the order of `maps:to_list/1` (and of the
/// external format): the iteration order for a flat map, its reverse for
/// a hash map.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn to_list_order(map: Term) -> Result<Vec<(Term, Term)>, MapError> {
    // SAFETY: forwarded from the caller.
    let mut pairs = unsafe { pairs_of(map)? };
    // SAFETY: forwarded from the caller (`pairs_of` succeeded, so a map).
    if let Some(View::HashMap { .. }) = unsafe { view(map) } {
        pairs.reverse();
    }
    Ok(pairs)
}

/// Words [`build_list`] takes for `kind` of `map`.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn list_words(map: Term, kind: ListKind) -> Result<usize, MapError> {
    // SAFETY: forwarded from the caller.
    let n_entries = unsafe { size(map)? };
    let per_entry = match kind {
        // A cons cell and a 2-tuple.
        ListKind::ToList => 2 + 3,
        ListKind::Keys | ListKind::Values => 2,
    };
    Ok(n_entries * per_entry)
}

/// `maps:to_list/1`, `maps:keys/1` or `maps:values/1` of `map`, in BEAM's
/// order, built in one allocation of [`list_words`] words; `Ok(None)`,
/// having written nothing, when `alloc` has no room.
///
/// # Safety
///
/// See the module documentation.
pub unsafe fn build_list(
    alloc: &mut impl TermAlloc,
    map: Term,
    kind: ListKind,
) -> Result<Option<Term>, MapError> {
    // SAFETY: forwarded from the caller.
    let pairs = unsafe { to_list_order(map)? };
    // SAFETY: forwarded from the caller.
    let words = unsafe { list_words(map, kind)? };
    if words == 0 {
        return Ok(Some(Term::NIL));
    }
    let Some(mut carve) = Carve::new(alloc, words) else {
        return Ok(None);
    };
    let mut elements = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        let element = match kind {
            ListKind::ToList => match build::tuple(&mut carve, &[key, value]) {
                Some(tuple) => tuple,
                None => return Ok(None),
            },
            ListKind::Keys => key,
            ListKind::Values => value,
        };
        elements.push(element);
    }
    Ok(build::list(&mut carve, &elements, Term::NIL))
}

/// The entries of `map` in iteration order, or `BadMap`.
///
/// # Safety
///
/// See the module documentation.
unsafe fn pairs_of(map: Term) -> Result<Vec<(Term, Term)>, MapError> {
    // SAFETY: forwarded from the caller.
    unsafe { entries(map) }.ok_or(MapError::BadMap)
}
