//! References (`make_ref/0`, monitor references, the magic references of
//! `atomics` and `counters`): a 64-bit number from one counter, held in a
//! local reference term as BEAM's three 32-bit words (the first with 18
//! bits, as BEAM's). Numbers are unique for the run of the program.

use std::sync::atomic::{AtomicU64, Ordering};

use erts_core::build::{self, TermAlloc};
use erts_core::{Resource, Term};

use crate::exception::Exception;
use crate::process::Process;

/// Heap words of a reference term.
pub const WORDS: usize = 4;

/// Heap words of a magic reference term: a reference's and the resource
/// pointer.
const MAGIC_WORDS: usize = WORDS + 1;

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A number no reference had before.
pub fn next_number() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn words(number: u64) -> [u64; 3] {
    [
        number & 0x3_ffff,
        (number >> 18) & 0xffff_ffff,
        number >> 50,
    ]
}

/// The reference `number` on `heap`.
pub fn build_on(heap: &mut impl TermAlloc, number: u64) -> Option<Term> {
    build::reference(heap, &words(number))
}

/// A new magic reference on the process heap (making room) that keeps
/// `resource` alive until the last term referring to it is collected.
pub fn build_magic(process: &mut Process, resource: &Resource) -> Result<Term, Exception> {
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(MAGIC_WORDS, process.live as usize, &mut []) }?;
    let number = words(next_number());
    process
        .build(|heap| build::magic_reference(heap, &number, resource))
        .ok_or_else(Exception::system_limit)
}

/// The reference `number` on the process heap (making room).
pub fn build(process: &mut Process, number: u64) -> Result<Term, Exception> {
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(WORDS, process.live as usize, &mut []) }?;
    process
        .build(|heap| build_on(heap, number))
        .ok_or_else(Exception::system_limit)
}

/// The number of a local reference made here.
///
/// # Safety
///
/// `term` is a valid term.
pub unsafe fn number_of(term: Term) -> Option<u64> {
    // SAFETY: forwarded from the caller.
    match unsafe { term.reference_words() }? {
        [low, middle, high] => Some(low | (middle << 18) | (high << 50)),
        _ => None,
    }
}
