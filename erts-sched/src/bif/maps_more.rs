//! The `maps` BIFs over `erts_core::map`'s plans: `put/3`, `update/3`,
//! `remove/2`, `merge/2`, `take/2`, `find/2`, `get/2`, `is_key/2`,
//! `from_keys/2`. Errors as BEAM's: `{badmap, M}`, `{badkey, K}`.

use erts_core::map::{self, MapError, MapPlan};
use erts_core::{build, Atom, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::maps::{build_plan, map_error};
use crate::process::Process;

/// `{badmap, Map}` / `{badkey, Key}` for a failed map operation (badarg
/// where BEAM says so).
fn failure(process: &mut Process, error: MapError, map: Term, key: Term) -> Exception {
    match error {
        MapError::BadArg => Exception::badarg(),
        MapError::BadMap | MapError::BadKey => map_error(process, error, map, key),
    }
}

/// The map `plan_of(roots)` describes (`roots[0]` the map, `roots[1]`
/// the key), or the error BEAM raises when there is none.
fn edited(
    process: &mut Process,
    roots: &mut [Term],
    plan_of: impl Fn(&[Term]) -> Result<MapPlan, MapError>,
) -> Result<Term, Exception> {
    match plan_of(roots) {
        Ok(_) => build_plan(process, roots, |r| {
            plan_of(r).map_err(|_| Exception::badarg())
        }),
        Err(error) => Err(failure(process, error, roots[0], roots[1])),
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn put_3(
    process: &mut Process,
    key: Term,
    value: Term,
    map: Term,
) -> Result<Term, Exception> {
    // SAFETY: the roots are valid (updated by any collection).
    edited(process, &mut [map, key, value], |r| unsafe {
        map::put(r[0], r[1], r[2])
    })
}

/// # Safety
///
/// The terms are valid.
unsafe fn update_3(
    process: &mut Process,
    key: Term,
    value: Term,
    map: Term,
) -> Result<Term, Exception> {
    // SAFETY: the roots are valid (updated by any collection).
    edited(process, &mut [map, key, value], |r| unsafe {
        map::update(r[0], r[1], r[2])
    })
}

/// # Safety
///
/// The terms are valid.
unsafe fn remove_2(process: &mut Process, key: Term, map: Term) -> Result<Term, Exception> {
    // SAFETY: the roots are valid (updated by any collection).
    edited(process, &mut [map, key], |r| unsafe {
        map::remove(r[0], r[1])
    })
}

/// # Safety
///
/// The terms are valid.
unsafe fn merge_2(process: &mut Process, first: Term, second: Term) -> Result<Term, Exception> {
    let mut roots = [first, second];
    // SAFETY: the roots are valid (updated by any collection).
    let plan = |r: &[Term]| unsafe { map::merge(r[0], r[1]) };
    match plan(&roots) {
        Ok(_) => build_plan(process, &mut roots, |r| {
            plan(r).map_err(|_| Exception::badarg())
        }),
        Err(error) => {
            // The first argument that is no map is the culprit.
            // SAFETY: as above.
            let culprit = if unsafe { map::size(first) }.is_err() {
                first
            } else {
                second
            };
            Err(failure(process, error, culprit, culprit))
        }
    }
}

/// A tuple of `elements` on the process heap.
fn tuple(process: &mut Process, elements: &[Term]) -> Result<Term, Exception> {
    let mut roots = elements.to_vec();
    // SAFETY: the elements are the roots.
    unsafe { process.ensure_room(1 + roots.len(), process.live as usize, &mut roots) }?;
    process
        .build(|heap| build::tuple(heap, &roots))
        .ok_or_else(Exception::system_limit)
}

/// # Safety
///
/// The terms are valid.
unsafe fn find_2(process: &mut Process, key: Term, map: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    match unsafe { map::get(map, key) } {
        Ok(Some(value)) => tuple(process, &[atom("ok")?, value]),
        Ok(None) => atom("error"),
        Err(error) => Err(failure(process, error, map, key)),
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn get_2(process: &mut Process, key: Term, map: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    match unsafe { map::get(map, key) } {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(failure(process, MapError::BadKey, map, key)),
        Err(error) => Err(failure(process, error, map, key)),
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn is_key_2(process: &mut Process, key: Term, map: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    match unsafe { map::is_key(map, key) } {
        Ok(found) => Ok(Term::atom(if found { Atom::TRUE } else { Atom::FALSE })),
        Err(error) => Err(failure(process, error, map, key)),
    }
}

/// # Safety
///
/// The terms are valid.
unsafe fn take_2(process: &mut Process, key: Term, map: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let value = match unsafe { map::get(map, key) } {
        Ok(Some(value)) => value,
        Ok(None) => return atom("error"),
        Err(error) => return Err(failure(process, error, map, key)),
    };
    let mut roots = [map, key, value];
    let rest = build_plan(process, &mut roots, |r| {
        // SAFETY: the roots are valid (updated by any collection).
        unsafe { map::remove(r[0], r[1]) }.map_err(|_| Exception::badarg())
    })?;
    tuple(process, &[roots[2], rest])
}

/// `maps:from_keys(Keys, Value)`.
///
/// # Safety
///
/// The terms are valid.
unsafe fn from_keys_2(process: &mut Process, keys: Term, value: Term) -> Result<Term, Exception> {
    let mut roots = [keys, value];
    let plan = |r: &[Term]| -> Result<MapPlan, Exception> {
        let mut pairs = Vec::new();
        let mut rest = r[0];
        // SAFETY: the roots are valid; so is every tail.
        while let (Some(key), Some(tail)) = (unsafe { rest.head() }, unsafe { rest.tail() }) {
            pairs.push((key, r[1]));
            rest = tail;
        }
        if rest != Term::NIL {
            return Err(Exception::badarg());
        }
        // SAFETY: the pairs are valid terms.
        Ok(unsafe { map::from_pairs(pairs) })
    };
    plan(&roots)?;
    build_plan(process, &mut roots, plan)
}

bifs! {
    maps:"put"/3 (key, value, map) => process put_3;
    maps:"update"/3 (key, value, map) => process update_3;
    maps:"remove"/2 (key, map) => process remove_2;
    maps:"merge"/2 (first, second) => process merge_2;
    maps:"find"/2 (key, map) => process find_2;
    maps:"get"/2 (key, map) => process get_2;
    maps:"is_key"/2 (key, map) => process is_key_2;
    maps:"take"/2 (key, map) => process take_2;
    maps:"from_keys"/2 (keys, value) => process from_keys_2;
}
