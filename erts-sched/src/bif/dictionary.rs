//! The process dictionary: `put/2`, `get/0,1`, `erase/0,1`, `get_keys/0,1`.
//! Entries are `{Key, Value}` tuples on the process heap, found by `=:=`
//! on the key; `get/0` lists them newest first.

use erts_core::{build, eq_exact, Atom, Term};

use super::bifs;
use crate::exception::Exception;
use crate::process::Process;

fn undefined() -> Result<Term, Exception> {
    Atom::intern("undefined")
        .map(Term::atom)
        .map_err(|_| Exception::system_limit())
}

/// The index of `key`'s entry.
///
/// # Safety
///
/// `key` is valid.
unsafe fn position(process: &Process, key: Term) -> Option<usize> {
    process.dictionary.iter().position(|entry| {
        // SAFETY: entries are 2-tuples of the process heap.
        let elements = unsafe { entry.tuple_elements() }.expect("a dictionary entry");
        // SAFETY: as above; the key is valid.
        unsafe { eq_exact(elements[0], key) }
    })
}

fn value_of(entry: Term) -> Term {
    // SAFETY: entries are 2-tuples of the process heap.
    unsafe { entry.tuple_elements() }.expect("a dictionary entry")[1]
}

/// A list of `terms` on the process heap.
fn list(process: &mut Process, terms: Vec<Term>) -> Result<Term, Exception> {
    let mut roots = terms;
    // SAFETY: the terms are the roots.
    unsafe { process.ensure_room(2 * roots.len(), process.live as usize, &mut roots) }?;
    process
        .build(|heap| build::list(heap, &roots, Term::NIL))
        .ok_or_else(Exception::system_limit)
}

/// # Safety
///
/// The terms are valid.
unsafe fn put_2(process: &mut Process, key: Term, value: Term) -> Result<Term, Exception> {
    let mut roots = [key, value];
    // SAFETY: the key and value are the roots.
    unsafe { process.ensure_room(3, process.live as usize, &mut roots) }?;
    let entry = process
        .build(|heap| build::tuple(heap, &roots))
        .ok_or_else(Exception::system_limit)?;
    // SAFETY: the key (in the new entry) is valid.
    match unsafe { position(process, roots[0]) } {
        Some(at) => Ok(value_of(std::mem::replace(
            &mut process.dictionary[at],
            entry,
        ))),
        None => {
            process.dictionary.push(entry);
            undefined()
        }
    }
}

/// # Safety
///
/// The term is valid.
unsafe fn get_1(process: &mut Process, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    match unsafe { position(process, key) } {
        Some(at) => Ok(value_of(process.dictionary[at])),
        None => undefined(),
    }
}

fn get_0(process: &mut Process) -> Result<Term, Exception> {
    let entries: Vec<Term> = process.dictionary.iter().rev().copied().collect();
    list(process, entries)
}

/// # Safety
///
/// The term is valid.
unsafe fn erase_1(process: &mut Process, key: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    match unsafe { position(process, key) } {
        Some(at) => Ok(value_of(process.dictionary.remove(at))),
        None => undefined(),
    }
}

fn erase_0(process: &mut Process) -> Result<Term, Exception> {
    let entries: Vec<Term> = std::mem::take(&mut process.dictionary)
        .into_iter()
        .rev()
        .collect();
    list(process, entries)
}

fn get_keys_0(process: &mut Process) -> Result<Term, Exception> {
    let keys: Vec<Term> = process
        .dictionary
        .iter()
        .rev()
        // SAFETY: entries are 2-tuples of the process heap.
        .map(|entry| unsafe { entry.tuple_elements() }.expect("a dictionary entry")[0])
        .collect();
    list(process, keys)
}

/// # Safety
///
/// The term is valid.
unsafe fn get_keys_1(process: &mut Process, value: Term) -> Result<Term, Exception> {
    let keys: Vec<Term> = process
        .dictionary
        .iter()
        .rev()
        .filter_map(|entry| {
            // SAFETY: entries are 2-tuples of the process heap.
            let elements = unsafe { entry.tuple_elements() }.expect("a dictionary entry");
            // SAFETY: as above; the value is valid.
            unsafe { eq_exact(elements[1], value) }.then_some(elements[0])
        })
        .collect();
    list(process, keys)
}

bifs! {
    erlang:"put"/2 (key, value) => process put_2;
    erlang:"get"/1 (key) => process get_1;
    erlang:"get"/0 () => process get_0;
    erlang:"erase"/1 (key) => process erase_1;
    erlang:"erase"/0 () => process erase_0;
    erlang:"get_keys"/0 () => process get_keys_0;
    erlang:"get_keys"/1 (value) => process get_keys_1;
}
