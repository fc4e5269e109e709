//! Atoms to and from text: `atom_to_list/1`, `list_to_atom/1`,
//! `list_to_existing_atom/1`, `atom_to_binary/1,2`.

use super::{built, BifError, BifHeap};
use crate::atom::{Atom, MAX_ATOM_CHARS};
use crate::build;
use crate::term::Term;

/// `erlang:atom_to_list/1`: the atom's characters (code points).
///
/// # Safety
///
/// See [`BifHeap::ensure`] (the argument is an immediate, so there are no
/// roots).
pub unsafe fn atom_to_list_1(heap: &mut impl BifHeap, atom: Term) -> Result<Term, BifError> {
    let atom = atom.as_atom().ok_or(BifError::Badarg)?;
    let mut characters = Vec::new();
    for character in atom.name().chars() {
        characters.push(Term::small(i64::from(u32::from(character))).ok_or(BifError::Badarg)?);
    }
    // SAFETY: the characters are immediates; there are no roots.
    unsafe { heap.ensure(2 * characters.len(), &mut []) }?;
    built(build::list(heap, &characters, Term::NIL))
}

/// `erlang:list_to_atom/1`: a list of at most 255 code points; more is
/// `system_limit`, as is a full atom table.
///
/// # Safety
///
/// `list` is valid and nothing collects its heap during the call.
pub unsafe fn list_to_atom_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let name = unsafe { atom_name(list) }?;
    let atom = Atom::intern(&name).map_err(|_| BifError::SystemLimit)?;
    Ok(Term::atom(atom))
}

/// `erlang:list_to_existing_atom/1`: like [`list_to_atom_1`], but only for
/// atoms that exist; anything else (too long a name included) is `badarg`.
///
/// # Safety
///
/// As [`list_to_atom_1`].
pub unsafe fn list_to_existing_atom_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let name = unsafe { atom_name(list) }.map_err(|_| BifError::Badarg)?;
    let atom = Atom::lookup_existing(&name).ok_or(BifError::Badarg)?;
    Ok(Term::atom(atom))
}

/// `erlang:atom_to_binary/1`: the atom's name in UTF-8.
///
/// # Safety
///
/// As [`atom_to_list_1`].
pub unsafe fn atom_to_binary_1(heap: &mut impl BifHeap, atom: Term) -> Result<Term, BifError> {
    let atom = atom.as_atom().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    unsafe { binary_of(heap, atom.name().as_bytes()) }
}

/// `erlang:atom_to_binary/2`: the atom's name in `utf8` (or its alias
/// `unicode`), or in `latin1` when every character fits a byte.
///
/// # Safety
///
/// As [`atom_to_list_1`].
pub unsafe fn atom_to_binary_2(
    heap: &mut impl BifHeap,
    atom: Term,
    encoding: Term,
) -> Result<Term, BifError> {
    let atom = atom.as_atom().ok_or(BifError::Badarg)?;
    let encoding = encoding.as_atom().ok_or(BifError::Badarg)?;
    let name = atom.name();
    match encoding.name() {
        // SAFETY: forwarded from the caller.
        "utf8" | "unicode" => unsafe { binary_of(heap, name.as_bytes()) },
        "latin1" => {
            let bytes: Option<Vec<u8>> = name
                .chars()
                .map(|character| u8::try_from(character).ok())
                .collect();
            let bytes = bytes.ok_or(BifError::Badarg)?;
            // SAFETY: forwarded from the caller.
            unsafe { binary_of(heap, &bytes) }
        }
        _ => Err(BifError::Badarg),
    }
}

/// A heap binary holding `bytes` (at most an atom's name, so it is small).
///
/// # Safety
///
/// As [`atom_to_list_1`].
unsafe fn binary_of(heap: &mut impl BifHeap, bytes: &[u8]) -> Result<Term, BifError> {
    // SAFETY: the caller holds no heap terms; there are no roots.
    unsafe { heap.ensure(build::heap_binary_words(bytes.len()), &mut []) }?;
    built(build::heap_binary(heap, bytes))
}

/// The name a list of code points spells: `system_limit` past
/// [`MAX_ATOM_CHARS`] characters, `badarg` for anything but a proper list
/// of Unicode scalar values.
///
/// # Safety
///
/// As [`list_to_atom_1`].
unsafe fn atom_name(list: Term) -> Result<String, BifError> {
    let mut name = String::new();
    let mut count = 0;
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(head) = unsafe { rest.head() } {
        if count == MAX_ATOM_CHARS {
            return Err(BifError::SystemLimit);
        }
        let character = head
            .as_small()
            .and_then(|code| u32::try_from(code).ok())
            .and_then(char::from_u32)
            .ok_or(BifError::Badarg)?;
        name.push(character);
        count += 1;
        // SAFETY: as above; `rest` is a cons cell.
        rest = unsafe { rest.tail() }.ok_or(BifError::Badarg)?;
    }
    if !rest.is_nil() {
        return Err(BifError::Badarg);
    }
    Ok(name)
}

/// An atom's name from a binary in `encoding` (`latin1`, `utf8` or
/// `unicode`): `badarg` for bytes that are not UTF-8 or a bitstring,
/// `system_limit` beyond [`MAX_ATOM_CHARS`] characters.
///
/// # Safety
///
/// The arguments are valid and nothing collects during the call.
unsafe fn binary_atom_name(binary: Term, encoding: Term) -> Result<String, BifError> {
    let encoding = encoding.as_atom().ok_or(BifError::Badarg)?;
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { super::binary::whole_bytes(binary) }.ok_or(BifError::Badarg)?;
    let name: String = match encoding.name() {
        "latin1" => bytes.iter().map(|&byte| char::from(byte)).collect(),
        "utf8" | "unicode" => std::str::from_utf8(&bytes)
            .map_err(|_| BifError::Badarg)?
            .to_string(),
        _ => return Err(BifError::Badarg),
    };
    if MAX_ATOM_CHARS < name.chars().count() {
        return Err(BifError::SystemLimit);
    }
    Ok(name)
}

/// `erlang:binary_to_atom/2`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn binary_to_atom_2(binary: Term, encoding: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let name = unsafe { binary_atom_name(binary, encoding) }?;
    let atom = Atom::intern(&name).map_err(|_| BifError::SystemLimit)?;
    Ok(Term::atom(atom))
}

/// `erlang:binary_to_existing_atom/2`: `badarg` for an atom that does
/// not exist (a name too long for one included).
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn binary_to_existing_atom_2(binary: Term, encoding: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let name = unsafe { binary_atom_name(binary, encoding) }.map_err(|_| BifError::Badarg)?;
    let atom = Atom::lookup_existing(&name).ok_or(BifError::Badarg)?;
    Ok(Term::atom(atom))
}
