//! File names as the file driver wants them: `file:native_name_encoding/0`
//! and `prim_file:internal_name2native/1` (file names are UTF-8, as on
//! BEAM started with its default `+fnu`).

use erts_core::{build, Term};

use super::{atom, bifs};
use crate::exception::Exception;
use crate::process::Process;

/// `file:native_name_encoding/0`.
fn native_name_encoding_0(_process: &mut Process) -> Result<Term, Exception> {
    atom("utf8")
}

/// The bytes of a file name: a binary as it is, or a flat list of code
/// points in UTF-8.
///
/// # Safety
///
/// `name` is valid.
unsafe fn name_bytes(name: Term) -> Option<Vec<u8>> {
    // SAFETY: forwarded from the caller.
    if let Some(bytes) = unsafe { name.binary_bytes() } {
        return Some(bytes.to_vec());
    }
    // SAFETY: forwarded from the caller.
    unsafe { super::char_list_text(name) }.map(String::into_bytes)
}

/// `prim_file:internal_name2native/1`: the name's bytes and a NUL.
///
/// # Safety
///
/// The term is valid.
unsafe fn internal_name2native_1(process: &mut Process, name: Term) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let mut bytes = unsafe { name_bytes(name) }.ok_or_else(Exception::badarg)?;
    bytes.push(0);
    let words = build::heap_binary_words(bytes.len());
    // SAFETY: no term is held across the collection.
    unsafe { process.ensure_room(words, process.live as usize, &mut []) }?;
    process
        .build(|heap| build::heap_binary(heap, &bytes))
        .ok_or_else(Exception::system_limit)
}

bifs! {
    file:"native_name_encoding"/0 () => process native_name_encoding_0;
    prim_file:"internal_name2native"/1 (name) => process internal_name2native_1;
}
