//! BIFs of module `maps`, and `erts_internal:map_next/3`, the iterator
//! that OTP's `maps:to_list/1`, `maps:fold/3` and `maps:next/1` are
//! written on. A path here is the index of the next entry in iteration
//! order (BEAM's is opaque too).

use erts_core::map::{self, ListKind, MapError};
use erts_core::{build, Atom, Term};

use super::{bifs, raise};
use crate::exception::Exception;
use crate::process::Process;

/// `{badmap, Map}`, `{badkey, Key}` or `badarg` for a failed map operation.
fn failure(process: &mut Process, error: MapError, map: Term, key: Term) -> u64 {
    let exception = crate::maps::map_error(process, error, map, key);
    match error {
        MapError::BadArg => raise(process, Exception::badarg()),
        MapError::BadMap | MapError::BadKey => raise(process, exception),
    }
}

/// `maps:from_list/1`.
///
/// # Safety
///
/// Called by compiled code with its running process and a valid term.
unsafe fn from_list_1(process: *mut Process, list: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    let mut roots = [
        // SAFETY: compiled code passes a valid term.
        unsafe { Term::from_bits(list) },
    ];
    for attempt in 0..2 {
        // SAFETY: the list is valid (a root, updated by any collection).
        let plan = match unsafe { map::from_list(roots[0]) } {
            Ok(plan) => plan,
            Err(error) => return failure(process, error, roots[0], roots[0]),
        };
        process.sync_heap_top();
        if process.heap.available() >= plan.words() {
            // SAFETY: nothing collected since the plan was made.
            return process
                .build(|heap| unsafe { plan.build(heap) })
                .map_or_else(|| raise(process, Exception::system_limit()), Term::bits);
        }
        let live = process.live as usize;
        // SAFETY: the registers, the stack and the list are the roots.
        if attempt > 0 || unsafe { process.collect(plan.words(), live, &mut roots) }.is_err() {
            break;
        }
    }
    raise(process, Exception::system_limit())
}

/// A list of a map's keys or values, in `maps:to_list/1` order.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn entries_list(process: *mut Process, map: u64, kind: ListKind) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes a valid term.
    let mut roots = [unsafe { Term::from_bits(map) }];
    // SAFETY: as above.
    let words = match unsafe { map::list_words(roots[0], kind) } {
        Ok(words) => words,
        Err(error) => return failure(process, error, roots[0], roots[0]),
    };
    let live = process.live as usize;
    // SAFETY: the registers, the stack and the map are the roots.
    if unsafe { process.ensure_room(words, live, &mut roots) }.is_err() {
        return raise(process, Exception::system_limit());
    }
    let map = roots[0];
    let build_list = |heap: &mut erts_core::Heap| {
        // SAFETY: the map is valid; the room was made.
        let list = unsafe { map::build_list(heap, map, kind) };
        list.ok().flatten()
    };
    match process.build(build_list) {
        Some(list) => list.bits(),
        None => raise(process, Exception::system_limit()),
    }
}

/// `maps:keys/1`.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn keys_1(process: *mut Process, map: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { entries_list(process, map, ListKind::Keys) }
}

/// `maps:values/1`.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn values_1(process: *mut Process, map: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { entries_list(process, map, ListKind::Values) }
}

/// `erts_internal:map_next(Path, Map, Acc)`: with a list `Acc`, every
/// remaining `{K, V}` consed onto it (the whole of `maps:to_list/1`); with
/// `iterator`, `{K, V, [NextPath | Map]}` or `none`.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn map_next_3(process: *mut Process, path: u64, map: u64, acc: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (path, map, acc) = unsafe {
        (
            Term::from_bits(path),
            Term::from_bits(map),
            Term::from_bits(acc),
        )
    };
    let Some(start) = path.as_small().filter(|p| *p >= 0).map(|p| p as usize) else {
        return raise(process, Exception::badarg());
    };
    // SAFETY: the map is valid.
    let entries = match unsafe { map::iteration_order(map) } {
        Ok(entries) => entries,
        Err(error) => return failure(process, error, map, map),
    };
    let rest = entries.get(start..).unwrap_or_default();
    // `iterator` exists as an atom whenever a program passes it.
    let iterating = acc
        .as_atom()
        .is_some_and(|atom| Some(atom) == Atom::lookup_existing("iterator"));
    // Every term used is a root: the map (whose entries are re-read after a
    // collection) and the accumulator.
    let mut roots = [map, acc];
    let words = if iterating { 4 + 2 } else { 5 * rest.len() };
    let live = process.live as usize;
    // SAFETY: the registers, the stack and the roots are the roots.
    if unsafe { process.ensure_room(words, live, &mut roots) }.is_err() {
        return raise(process, Exception::system_limit());
    }
    let [map, acc] = roots;
    // SAFETY: the map is valid after the collection; no allocation since.
    let entries = unsafe { map::iteration_order(map) }.unwrap_or_default();
    let rest = entries.get(start..).unwrap_or_default();
    let built = process.build(|heap| {
        if iterating {
            let Some((key, value)) = rest.first() else {
                return Atom::intern("none").ok().map(Term::atom);
            };
            let next = build::cons(heap, Term::small(start as i64 + 1)?, map)?;
            return build::tuple(heap, &[*key, *value, next]);
        }
        // The whole list at once, in `maps:to_list/1`'s order.
        // SAFETY: the map is valid; building allocates no map words.
        let pairs = unsafe { map::to_list_order(map) }.unwrap_or_default();
        let mut list = acc;
        for (key, value) in pairs.iter().rev() {
            let pair = build::tuple(heap, &[*key, *value])?;
            list = build::cons(heap, pair, list)?;
        }
        Some(list)
    });
    built.map_or_else(|| raise(process, Exception::system_limit()), Term::bits)
}

/// `erlang:phash/2`.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn phash_2(process: *mut Process, term: u64, range: u64) -> u64 {
    // SAFETY: compiled code passes valid terms.
    let (term, range) = unsafe { (Term::from_bits(term), Term::from_bits(range)) };
    let hash = range.as_small().filter(|r| *r > 0).and_then(|range| {
        // SAFETY: the term is valid.
        let hash = unsafe { erts_core::phash_range(term, range as u64) };
        hash.ok().flatten()
    });
    match hash.and_then(|h| Term::small(h as i64)) {
        Some(hash) => hash.bits(),
        // SAFETY: compiled code passes its own running process.
        None => raise(unsafe { &mut *process }, Exception::badarg()),
    }
}

/// `erlang:map_get/2`: `{badmap, Map}` or `{badkey, Key}` as BEAM raises.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn map_get_2(process: *mut Process, key: u64, map: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (key, map) = unsafe { (Term::from_bits(key), Term::from_bits(map)) };
    // SAFETY: as above.
    match unsafe { map::get(map, key) } {
        Ok(Some(value)) => value.bits(),
        Ok(None) => failure(process, MapError::BadKey, map, key),
        Err(error) => failure(process, error, map, key),
    }
}

/// `erlang:is_map_key/2`: `{badmap, Map}` for a map that is none.
///
/// # Safety
///
/// As [`from_list_1`].
unsafe fn is_map_key_2(process: *mut Process, key: u64, map: u64) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    // SAFETY: compiled code passes valid terms.
    let (key, map) = unsafe { (Term::from_bits(key), Term::from_bits(map)) };
    // SAFETY: as above.
    match unsafe { map::get(map, key) } {
        Ok(found) => Term::atom(if found.is_some() {
            Atom::TRUE
        } else {
            Atom::FALSE
        })
        .bits(),
        Err(error) => failure(process, error, map, key),
    }
}

bifs! {
    maps:"from_list"/1 (list) => raw from_list_1;
    maps:"keys"/1 (map) => raw keys_1;
    maps:"values"/1 (map) => raw values_1;
    erts_internal:"map_next"/3 (path, map, acc) => raw map_next_3;
    erlang:"phash"/2 (term, range) => raw phash_2;
    erlang:"map_get"/2 (key, map) => raw map_get_2;
    erlang:"is_map_key"/2 (key, map) => raw is_map_key_2;
}
