//! The `atomics` BIFs and the `erts_internal` ones behind `counters`:
//! arrays of 64-bit atomic integers kept off the heap, each held by a
//! magic reference (`erts_core::Resource`) and freed when the last term
//! referring to it is collected.
//!
//! OTP's own `atomics.beam` and `counters.beam` run unchanged over these:
//! `atomics:new/2` calls `erts_internal:atomics_new/2` with its options
//! encoded as an integer (bit 0: signed), `sub/3` and `sub_get/3` negate
//! and call `add/3` and `add_get/3`, and `counters` keeps `{atomics, Ref}`
//! (a signed atomics array) or `{write_concurrency, Ref}` (a
//! `erts_internal:counters_new/1` array). As on BEAM the two kinds of
//! array are told apart: an atomics BIF given a counters array is
//! `badarg`, and the other way round. BEAM spreads a `write_concurrency`
//! array over the schedulers; here both kinds are one atomic per cell, and
//! only `info/1` reports BEAM's figures.
//!
//! Arithmetic wraps at 64 bits. Cells hold the bits; a signed array reads
//! them as two's complement. Stored values must lie in the array's range
//! (`put`, `exchange`, both operands of `compare_exchange`); increments
//! in the union of both ranges, `-2^63..2^64`, as on BEAM.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use erts_core::{build, Atom, Resource, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::process::Process;
use crate::refs;

/// An `atomics` array.
struct AtomicsArray {
    signed: bool,
    cells: Box<[AtomicU64]>,
}

/// A `write_concurrency` counters array (`erts_internal:counters_new/1`):
/// signed cells.
struct CounterArray {
    cells: Box<[AtomicU64]>,
}

/// The values a signed array holds.
const SIGNED: (i128, i128) = (i64::MIN as i128, i64::MAX as i128);
/// The values an unsigned array holds.
const UNSIGNED: (i128, i128) = (0, u64::MAX as i128);
/// The increments every array takes.
const INCREMENTS: (i128, i128) = (i64::MIN as i128, u64::MAX as i128);

impl AtomicsArray {
    fn range(&self) -> (i128, i128) {
        match self.signed {
            true => SIGNED,
            false => UNSIGNED,
        }
    }

    /// The value of the bits of a cell.
    fn value(&self, bits: u64) -> i128 {
        match self.signed {
            true => i128::from(bits as i64),
            false => i128::from(bits),
        }
    }
}

/// The bits a cell holds for `value` (in some array's range or an
/// increment): `value` modulo 2^64.
fn bits(value: i128) -> u64 {
    value as u64
}

/// `count` zeroed cells; `system_limit` when they cannot be allocated.
fn zeroed_cells(count: usize) -> Result<Box<[AtomicU64]>, Exception> {
    let mut cells = Vec::new();
    cells
        .try_reserve_exact(count)
        .map_err(|_| Exception::system_limit())?;
    cells.extend((0..count).map(|_| AtomicU64::new(0)));
    Ok(cells.into_boxed_slice())
}

/// The integer `term` denotes, if it is one between `range.0` and
/// `range.1` (every range here lies within `-2^63..2^64`, so a bignum of
/// more than one digit is outside).
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn integer_in(term: Term, range: (i128, i128)) -> Option<i128> {
    let value = match term.as_small() {
        Some(small) => i128::from(small),
        None => {
            // SAFETY: forwarded from the caller.
            let (negative, digits) = unsafe { term.bignum_digits() }?;
            let [digit] = digits else {
                return None;
            };
            match negative {
                true => -i128::from(*digit),
                false => i128::from(*digit),
            }
        }
    };
    (range.0 <= value && value <= range.1).then_some(value)
}

/// The size argument of `atomics_new/2` and `counters_new/1`: a positive
/// integer; `system_limit` for one beyond a machine word, as on BEAM.
///
/// # Safety
///
/// As [`integer_in`].
unsafe fn array_size(size: Term) -> Result<usize, Exception> {
    if let Some(small) = size.as_small() {
        return match usize::try_from(small) {
            Ok(count) if 0 < count => Ok(count),
            _ => Err(Exception::badarg()),
        };
    }
    // SAFETY: forwarded from the caller.
    match unsafe { size.bignum_digits() } {
        Some((false, _)) => Err(Exception::system_limit()),
        _ => Err(Exception::badarg()),
    }
}

/// The resource of type `T` the magic reference `reference` holds.
///
/// # Safety
///
/// `reference` is valid; the result is used before anything collects.
unsafe fn resource_of<'a, T: 'static>(reference: Term) -> Result<&'a T, Exception> {
    // SAFETY: forwarded from the caller.
    let resource: &Resource =
        unsafe { reference.magic_resource() }.ok_or_else(Exception::badarg)?;
    resource.downcast_ref::<T>().ok_or_else(Exception::badarg)
}

/// The cell `index` (1-based) names among `cells`.
///
/// # Safety
///
/// As [`integer_in`].
unsafe fn cell_at(cells: &[AtomicU64], index: Term) -> Result<&AtomicU64, Exception> {
    // SAFETY: forwarded from the caller.
    let index = unsafe { integer_in(index, (1, cells.len() as i128)) };
    let index = index.ok_or_else(Exception::badarg)?;
    Ok(&cells[index as usize - 1])
}

/// The atomics array `reference` holds and its cell `index`.
///
/// # Safety
///
/// As [`resource_of`].
unsafe fn atomics_cell<'a>(
    reference: Term,
    index: Term,
) -> Result<(&'a AtomicsArray, &'a AtomicU64), Exception> {
    // SAFETY: forwarded from the caller.
    let array: &AtomicsArray = unsafe { resource_of(reference) }?;
    // SAFETY: as above.
    let cell = unsafe { cell_at(&array.cells, index) }?;
    Ok((array, cell))
}

/// The counters array `reference` holds and its cell `index`.
///
/// # Safety
///
/// As [`resource_of`].
unsafe fn counters_cell<'a>(reference: Term, index: Term) -> Result<&'a AtomicU64, Exception> {
    // SAFETY: forwarded from the caller.
    let array: &CounterArray = unsafe { resource_of(reference) }?;
    // SAFETY: as above.
    unsafe { cell_at(&array.cells, index) }
}

/// `value` (in `-2^63..2^64`) as a term on the process heap.
fn make_integer(process: &mut Process, value: i128) -> Result<Term, Exception> {
    if let Some(small) = i64::try_from(value).ok().and_then(Term::small) {
        return Ok(small);
    }
    // SAFETY: the BIF holds no term across the collection.
    unsafe { process.ensure_room(2, process.live as usize, &mut []) }?;
    let magnitude = value.unsigned_abs() as u64;
    process
        .build(|heap| build::bignum(heap, value < 0, &[magnitude]))
        .ok_or_else(Exception::system_limit)
}

/// The map `#{Key => Value}` of `entries`, given in term order, with
/// integer values in `-2^63..2^64`.
fn make_info(process: &mut Process, entries: &[(&str, i128)]) -> Result<Term, Exception> {
    let mut keys = Vec::with_capacity(entries.len());
    for (name, _) in entries {
        keys.push(atom(name)?);
    }
    let mut values = Vec::with_capacity(entries.len());
    for &(_, value) in entries {
        let small = i64::try_from(value).ok().and_then(Term::small);
        values.push(small.ok_or(value));
    }
    let bignums = values.iter().filter(|value| value.is_err()).count();
    let words = 2 * bignums + (1 + entries.len()) + (2 + entries.len());
    // SAFETY: the BIF holds no term across the collection (atoms and
    // smalls are immediates).
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| {
            let mut terms = Vec::with_capacity(values.len());
            for value in &values {
                terms.push(match *value {
                    Ok(small) => small,
                    Err(big) => build::bignum(heap, big < 0, &[big.unsigned_abs() as u64])?,
                });
            }
            let keys = build::tuple(heap, &keys)?;
            build::flat_map(heap, keys, &terms)
        })
        .ok_or_else(Exception::system_limit)
}

fn ok() -> Term {
    Term::atom(Atom::OK)
}

/// `erts_internal:atomics_new/2`: an array of `size` zeroed cells; `opts`
/// is `atomics:new/2`'s options as bits (bit 0: signed).
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn atomics_new_2(process: &mut Process, size: Term, opts: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let count = unsafe { array_size(size) }?;
    let opts = opts
        .as_small()
        .filter(|opts| 0 <= *opts)
        .ok_or_else(Exception::badarg)?;
    let array = AtomicsArray {
        signed: opts & 1 != 0,
        cells: zeroed_cells(count)?,
    };
    let resource: Resource = Arc::new(array);
    refs::build_magic(process, &resource)
}

/// `atomics:get/2`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn get_2(process: &mut Process, reference: Term, index: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller; nothing collects before the array
    // is done with.
    let (array, cell) = unsafe { atomics_cell(reference, index) }?;
    let value = array.value(cell.load(Ordering::SeqCst));
    make_integer(process, value)
}

/// `atomics:put/3`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn put_3(
    _process: &mut Process,
    reference: Term,
    index: Term,
    value: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let (array, cell) = unsafe { atomics_cell(reference, index) }?;
    // SAFETY: as above.
    let value = unsafe { integer_in(value, array.range()) }.ok_or_else(Exception::badarg)?;
    cell.store(bits(value), Ordering::SeqCst);
    Ok(ok())
}

/// The cell and increment of `add/3` and `add_get/3`, the value before.
///
/// # Safety
///
/// As [`resource_of`].
unsafe fn fetch_add<'a>(
    reference: Term,
    index: Term,
    increment: Term,
) -> Result<(&'a AtomicsArray, u64, u64), Exception> {
    // SAFETY: forwarded from the caller.
    let (array, cell) = unsafe { atomics_cell(reference, index) }?;
    // SAFETY: as above.
    let increment = unsafe { integer_in(increment, INCREMENTS) }.ok_or_else(Exception::badarg)?;
    let before = cell.fetch_add(bits(increment), Ordering::SeqCst);
    Ok((array, before, bits(increment)))
}

/// `atomics:add/3`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn add_3(
    _process: &mut Process,
    reference: Term,
    index: Term,
    increment: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    unsafe { fetch_add(reference, index, increment) }?;
    Ok(ok())
}

/// `atomics:add_get/3`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn add_get_3(
    process: &mut Process,
    reference: Term,
    index: Term,
    increment: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let (array, before, increment) = unsafe { fetch_add(reference, index, increment) }?;
    let value = array.value(before.wrapping_add(increment));
    make_integer(process, value)
}

/// `atomics:exchange/3`: the value before.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn exchange_3(
    process: &mut Process,
    reference: Term,
    index: Term,
    value: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let (array, cell) = unsafe { atomics_cell(reference, index) }?;
    // SAFETY: as above.
    let value = unsafe { integer_in(value, array.range()) }.ok_or_else(Exception::badarg)?;
    let before = array.value(cell.swap(bits(value), Ordering::SeqCst));
    make_integer(process, before)
}

/// `atomics:compare_exchange/4`: `ok`, or the value found instead of
/// `expected`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn compare_exchange_4(
    process: &mut Process,
    reference: Term,
    index: Term,
    expected: Term,
    desired: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let (array, cell) = unsafe { atomics_cell(reference, index) }?;
    // SAFETY: as above.
    let (expected, desired) = unsafe {
        (
            integer_in(expected, array.range()),
            integer_in(desired, array.range()),
        )
    };
    let (Some(expected), Some(desired)) = (expected, desired) else {
        return Err(Exception::badarg());
    };
    let exchanged = cell.compare_exchange(
        bits(expected),
        bits(desired),
        Ordering::SeqCst,
        Ordering::SeqCst,
    );
    match exchanged {
        Ok(_) => Ok(ok()),
        Err(found) => make_integer(process, array.value(found)),
    }
}

/// `atomics:info/1`: `#{size, max, min, memory}`, `memory` being what BEAM
/// reports for the array.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn info_1(process: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let array: &AtomicsArray = unsafe { resource_of(reference) }?;
    let size = array.cells.len() as i128;
    let (min, max) = array.range();
    let entries = [
        ("max", max),
        ("memory", 40 + 8 * size),
        ("min", min),
        ("size", size),
    ];
    make_info(process, &entries)
}

/// `erts_internal:counters_new/1`: the array of `counters:new(Size,
/// [write_concurrency])`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn counters_new_1(process: &mut Process, size: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let count = unsafe { array_size(size) }?;
    let array = CounterArray {
        cells: zeroed_cells(count)?,
    };
    let resource: Resource = Arc::new(array);
    refs::build_magic(process, &resource)
}

/// `erts_internal:counters_get/2`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn counters_get_2(
    process: &mut Process,
    reference: Term,
    index: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let cell = unsafe { counters_cell(reference, index) }?;
    let value = cell.load(Ordering::Relaxed) as i64;
    make_integer(process, i128::from(value))
}

/// `erts_internal:counters_add/3`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn counters_add_3(
    _process: &mut Process,
    reference: Term,
    index: Term,
    increment: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let cell = unsafe { counters_cell(reference, index) }?;
    // SAFETY: as above.
    let increment = unsafe { integer_in(increment, INCREMENTS) }.ok_or_else(Exception::badarg)?;
    cell.fetch_add(bits(increment), Ordering::Relaxed);
    Ok(ok())
}

/// `erts_internal:counters_put/3`.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn counters_put_3(
    _process: &mut Process,
    reference: Term,
    index: Term,
    value: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let cell = unsafe { counters_cell(reference, index) }?;
    // SAFETY: as above.
    let value = unsafe { integer_in(value, SIGNED) }.ok_or_else(Exception::badarg)?;
    cell.store(bits(value), Ordering::Relaxed);
    Ok(ok())
}

/// `erts_internal:counters_info/1`: `#{size, memory}`, `memory` being what
/// BEAM reports: a cache-line-padded copy of the array per scheduler and
/// one more.
///
/// # Safety
///
/// The arguments are valid terms.
unsafe fn counters_info_1(process: &mut Process, reference: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let array: &CounterArray = unsafe { resource_of(reference) }?;
    let size = array.cells.len() as i128;
    let copies = crate::run_queue::schedulers() as i128 + 1;
    let padded = (8 * size + 63) / 64 * 64;
    let entries = [("memory", 32 + copies * padded), ("size", size)];
    make_info(process, &entries)
}

bifs! {
    erts_internal:"atomics_new"/2 (size, opts) => process atomics_new_2;
    atomics:"get"/2 (reference, index) => process get_2;
    atomics:"put"/3 (reference, index, value) => process put_3;
    atomics:"add"/3 (reference, index, increment) => process add_3;
    atomics:"add_get"/3 (reference, index, increment) => process add_get_3;
    atomics:"exchange"/3 (reference, index, value) => process exchange_3;
    atomics:"compare_exchange"/4 (reference, index, expected, desired) => process compare_exchange_4;
    atomics:"info"/1 (reference) => process info_1;
    erts_internal:"counters_new"/1 (size) => process counters_new_1;
    erts_internal:"counters_get"/2 (reference, index) => process counters_get_2;
    erts_internal:"counters_add"/3 (reference, index, increment) => process counters_add_3;
    erts_internal:"counters_put"/3 (reference, index, value) => process counters_put_3;
    erts_internal:"counters_info"/1 (reference) => process counters_info_1;
}
