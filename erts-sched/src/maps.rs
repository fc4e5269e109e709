//! The map instructions' runtime half: reading keys (`get_map_elements`,
//! `has_map_fields`) and putting pairs (`put_map_assoc`, `put_map_exact`)
//! over `erts_core::map`.

use erts_core::abi::NON_VALUE;
use erts_core::map::{self, MapError, MapPlan};
use erts_core::{build, Atom, Term};

use crate::exception::Exception;
use crate::process::{Process, Stop};

/// # Safety
///
/// `map` and `key` are valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_map_get(map: u64, key: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    match unsafe { map::get(Term::from_bits(map), Term::from_bits(key)) } {
        Ok(Some(value)) => value.bits(),
        Ok(None) | Err(_) => NON_VALUE,
    }
}

/// # Safety
///
/// Called by compiled code with its process, its stack pointer, valid
/// terms, and `pairs` pointing to `2 * n` words.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_put_map(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    map: u64,
    pairs: *mut u64,
    n: u64,
    exact: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    process.sp = sp;
    // The map and the pairs are roots while the new maps are built.
    let mut roots = Vec::with_capacity(1 + 2 * n as usize);
    // SAFETY: compiled code passes a valid term and `2 * n` valid words.
    unsafe {
        roots.push(Term::from_bits(map));
        roots.extend(
            std::slice::from_raw_parts(pairs, 2 * n as usize)
                .iter()
                .map(|w| Term::from_bits(*w)),
        );
    }
    for pair in 0..n as usize {
        let (key, value) = (1 + 2 * pair, 2 + 2 * pair);
        match put_one(process, live as usize, &mut roots, key, value, exact != 0) {
            Ok(updated) => roots[0] = updated,
            Err(exception) => {
                process.exception = Some(Box::new(exception));
                process.stop = Stop::Exception;
                return NON_VALUE;
            }
        }
    }
    roots[0].bits()
}

/// Puts the pair `roots[key]`, `roots[value]` into the map `roots[0]`.
fn put_one(
    process: &mut Process,
    live: usize,
    roots: &mut [Term],
    key: usize,
    value: usize,
    exact: bool,
) -> Result<Term, Exception> {
    let plan_of = |r: &[Term]| {
        // SAFETY: the roots are valid terms; a collection updates them.
        unsafe {
            match exact {
                true => map::update(r[0], r[key], r[value]),
                false => map::put(r[0], r[key], r[value]),
            }
        }
    };
    if let Err(error) = plan_of(roots) {
        return Err(map_error(process, error, roots[0], roots[key]));
    }
    process.live = live as u64;
    build_plan(process, roots, |r| {
        plan_of(r).map_err(|_| Exception::badarg())
    })
}

/// Builds the map `plan_of(roots)` describes, collecting (with `roots`
/// kept) when the heap has no room; the plan is made again afterwards.
pub(crate) fn build_plan(
    process: &mut Process,
    roots: &mut [Term],
    plan_of: impl Fn(&[Term]) -> Result<MapPlan, Exception>,
) -> Result<Term, Exception> {
    for attempt in 0..2 {
        let plan = plan_of(roots)?;
        process.sync_heap_top();
        if process.heap.available() >= plan.words() {
            // SAFETY: nothing collected since the plan was made.
            return process
                .build(|heap| unsafe { plan.build(heap) })
                .ok_or_else(Exception::system_limit);
        }
        if attempt == 0 {
            // SAFETY: the live registers, the stack and the roots are every
            // term the caller holds; the plan is made again afterwards.
            unsafe { process.collect(plan.words(), process.live as usize, roots) }?;
        }
    }
    Err(Exception::system_limit())
}

/// `{badmap, Map}` or `{badkey, Key}`.
pub(crate) fn map_error(process: &mut Process, error: MapError, map: Term, key: Term) -> Exception {
    let (tag, culprit) = match error {
        MapError::BadKey => (Atom::BADKEY, key),
        MapError::BadMap | MapError::BadArg => (Atom::BADMAP, map),
    };
    let mut roots = [culprit];
    // SAFETY: the culprit is the root; the failed instruction needs nothing
    // else.
    if unsafe { process.ensure_room(3, 0, &mut roots) }.is_err() {
        return Exception::system_limit();
    }
    process
        .build(|heap| build::tuple(heap, &[Term::atom(tag), roots[0]]))
        .map_or_else(Exception::system_limit, Exception::error)
}
