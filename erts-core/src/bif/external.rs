//! The external term format BIFs over [`crate::etf`]:
//! `term_to_binary/1,2`, `term_to_iovec/1,2`, `binary_to_term/1,2` and
//! `external_size/1,2`.
//!
//! FIXME(etf): local closures have no external form in earts yet
//! (`UnsupportedTerm`); encoding one raises `badarg` here, where BEAM
//! succeeds.

use super::binary::whole_bytes;
use super::{built, proper_list_elements, BifError, BifHeap};
use crate::atom::Atom;
use crate::budget::{Budget, Unlimited};
use crate::build;
use crate::etf::{self, Compression, DecodeOptions, EncodeOptions, MinorVersion};
use crate::heap::copy_term;
use crate::term::Term;

/// The options of `term_to_binary/2` (and `term_to_iovec/2`):
/// `compressed`, `{compressed, 0..9}`, `{minor_version, 0..2}` and
/// `deterministic` (earts' encoding is always the same for the same term).
///
/// # Safety
///
/// `options` is valid and nothing collects during the call.
unsafe fn encode_options(options: Term) -> Result<EncodeOptions, BifError> {
    let mut parsed = EncodeOptions::default();
    // SAFETY: forwarded from the caller.
    for option in unsafe { proper_list_elements(options) }.ok_or(BifError::Badarg)? {
        if let Some(atom) = option.as_atom() {
            match atom.name() {
                "compressed" => parsed.compression = Some(Compression::DEFAULT),
                "deterministic" => {}
                _ => return Err(BifError::Badarg),
            }
            continue;
        }
        // SAFETY: as above.
        let Some([name, value]) = (unsafe { option.tuple_elements() }) else {
            return Err(BifError::Badarg);
        };
        let value = value.as_small().ok_or(BifError::Badarg)?;
        match name.as_atom().map(Atom::name) {
            Some("compressed") => {
                let level = u8::try_from(value).ok().and_then(Compression::level);
                parsed.compression = Some(level.ok_or(BifError::Badarg)?);
            }
            Some("minor_version") => parsed.minor_version = minor_version(value, 2)?,
            _ => return Err(BifError::Badarg),
        }
    }
    Ok(parsed)
}

/// `{minor_version, N}` for `N` up to `highest`.
fn minor_version(value: i64, highest: i64) -> Result<MinorVersion, BifError> {
    match value {
        _ if highest < value => Err(BifError::Badarg),
        0 => Ok(MinorVersion::V0),
        1 => Ok(MinorVersion::V1),
        2 => Ok(MinorVersion::V2),
        _ => Err(BifError::Badarg),
    }
}

/// The bytes of a term.
///
/// # Safety
///
/// `term` is valid and nothing collects during the call.
unsafe fn encoded<B: Budget + ?Sized>(
    term: Term,
    options: &EncodeOptions,
    budget: &mut B,
) -> Result<Vec<u8>, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { etf::term_to_binary_spending(term, options, budget) }.map_err(|_| BifError::Badarg)
}

/// A binary of `bytes`.
///
/// # Safety
///
/// The caller holds no term of the heap.
unsafe fn binary_term(heap: &mut impl BifHeap, bytes: &[u8]) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { heap.ensure(build::heap_binary_words(bytes.len()), &mut []) }?;
    built(build::heap_binary(heap, bytes))
}

/// `erlang:term_to_binary/1`.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn term_to_binary_1<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    term: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bytes = unsafe { encoded(term, &EncodeOptions::default(), budget) }?;
    // SAFETY: the argument is no longer used.
    unsafe { binary_term(heap, &bytes) }
}

/// `erlang:term_to_binary/2`.
///
/// # Safety
///
/// As [`term_to_binary_1`].
pub unsafe fn term_to_binary_2<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    term: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let options = unsafe { encode_options(options) }?;
    // SAFETY: as above.
    let bytes = unsafe { encoded(term, &options, budget) }?;
    // SAFETY: the arguments are no longer used.
    unsafe { binary_term(heap, &bytes) }
}

/// `erlang:external_size/1`: the size `term_to_binary/1` would have.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn external_size_1(term: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { encoded(term, &EncodeOptions::default(), &mut Unlimited) }?;
    Term::small(bytes.len() as i64).ok_or(BifError::SystemLimit)
}

/// `erlang:external_size/2`: as `/1`, under `{minor_version, 0 | 1}`, the
/// only option BEAM takes here.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn external_size_2(term: Term, options: Term) -> Result<Term, BifError> {
    let mut parsed = EncodeOptions::default();
    // SAFETY: forwarded from the caller.
    for option in unsafe { proper_list_elements(options) }.ok_or(BifError::Badarg)? {
        // SAFETY: as above.
        let Some([name, value]) = (unsafe { option.tuple_elements() }) else {
            return Err(BifError::Badarg);
        };
        if name.as_atom().map(Atom::name) != Some("minor_version") {
            return Err(BifError::Badarg);
        }
        // BEAM only ever turns the new float format off here, so one
        // `{minor_version, 0}` anywhere in the list decides.
        if minor_version(value.as_small().ok_or(BifError::Badarg)?, 1)? == MinorVersion::V0 {
            parsed.minor_version = MinorVersion::V0;
        }
    }
    // SAFETY: as above.
    let bytes = unsafe { encoded(term, &parsed, &mut Unlimited) }?;
    Term::small(bytes.len() as i64).ok_or(BifError::SystemLimit)
}

/// `erlang:term_to_iovec/1`.
///
/// # Safety
///
/// As [`term_to_binary_1`].
pub unsafe fn term_to_iovec_1<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    term: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { term_to_iovec(heap, budget, term, EncodeOptions::default()) }
}

/// `erlang:term_to_iovec/2`. As on OTP 25, with compression (a level
/// above 0) the result is the binary itself, not a list.
///
/// # Safety
///
/// As [`term_to_binary_1`].
pub unsafe fn term_to_iovec_2<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    term: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let options = unsafe { encode_options(options) }?;
    if options.compression.is_some_and(Compression::compresses) {
        // SAFETY: as above.
        let bytes = unsafe { encoded(term, &options, budget) }?;
        // SAFETY: the arguments are no longer used.
        return unsafe { binary_term(heap, &bytes) };
    }
    // SAFETY: forwarded from the caller.
    unsafe { term_to_iovec(heap, budget, term, options) }
}

/// A term's encoding as a list of binaries: the encoded bytes, with the
/// binaries of more than 64 bytes in the term as elements of their own
/// (shared, not copied), as BEAM leaves its refc binaries.
///
/// # Safety
///
/// As [`term_to_binary_1`].
unsafe fn term_to_iovec<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    term: Term,
    options: EncodeOptions,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let encoding = unsafe { etf::term_to_iovec(term, options.minor_version, budget) };
    let (bytes, shared) = encoding.map_err(|_| BifError::Badarg)?;
    // The pieces: a range of `bytes`, or the shared binary number `k`.
    let mut pieces: Vec<Result<std::ops::Range<usize>, usize>> = Vec::new();
    let mut start = 0;
    for (index, (position, _)) in shared.iter().enumerate() {
        if start < *position {
            pieces.push(Ok(start..*position));
        }
        pieces.push(Err(index));
        start = *position;
    }
    if start < bytes.len() {
        pieces.push(Ok(start..bytes.len()));
    }
    let words: usize = pieces
        .iter()
        .map(|piece| match piece {
            Ok(range) => build::heap_binary_words(range.len()) + 2,
            Err(_) => 2,
        })
        .sum();
    let mut roots: Vec<Term> = shared.iter().map(|(_, binary)| *binary).collect();
    // SAFETY: the shared binaries are the roots, read back below.
    unsafe { heap.ensure(words, &mut roots) }?;
    let mut elements = Vec::with_capacity(pieces.len());
    for piece in pieces {
        elements.push(match piece {
            Ok(range) => built(build::heap_binary(heap, &bytes[range]))?,
            Err(index) => roots[index],
        });
    }
    built(build::list(heap, &elements, Term::NIL))
}

/// `erlang:binary_to_term/1`.
///
/// # Safety
///
/// As [`term_to_binary_1`].
pub unsafe fn binary_to_term_1<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    binary: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_to_term(heap, budget, binary, DecodeOptions::default(), false) }
}

/// `erlang:binary_to_term/2`: options `safe` and `used` (then the result
/// is `{Term, BytesUsed}`).
///
/// # Safety
///
/// As [`term_to_binary_1`].
pub unsafe fn binary_to_term_2<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    binary: Term,
    options: Term,
) -> Result<Term, BifError> {
    let mut decode_options = DecodeOptions::default();
    let mut used = false;
    // SAFETY: forwarded from the caller; nothing has collected yet.
    for option in unsafe { proper_list_elements(options) }.ok_or(BifError::Badarg)? {
        match option.as_atom().map(Atom::name) {
            Some("safe") => decode_options.safe = true,
            Some("used") => used = true,
            _ => return Err(BifError::Badarg),
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { binary_to_term(heap, budget, binary, decode_options, used) }
}

/// Decoded terms of at most this many words are copied onto the heap.
const COPIED_WORDS: usize = 1024;

/// # Safety
///
/// As [`term_to_binary_1`].
unsafe fn binary_to_term<B: Budget + ?Sized>(
    heap: &mut impl BifHeap,
    budget: &mut B,
    binary: Term,
    options: DecodeOptions,
    used: bool,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bytes = unsafe { whole_bytes(binary) }.ok_or(BifError::Badarg)?;
    let decoded =
        etf::binary_to_term_spending(&bytes, &options, budget).map_err(|_| BifError::Badarg)?;
    drop(bytes);
    let extra = if used { 3 } else { 0 };
    let words = decoded.fragment.used_words();
    let mut roots = [decoded.term];
    if words <= COPIED_WORDS {
        // A small term is copied onto the heap: cheaper than a fragment.
        // SAFETY: the argument is no longer used; the fragment is not the
        // heap, so its term does not move.
        unsafe { heap.ensure(words + extra, &mut []) }?;
        // SAFETY: as above; the room was made.
        roots[0] = built(unsafe { copy_term(decoded.term, heap) })?;
    } else {
        // A large one stays in the fragment it was built in, which becomes
        // the heap's as a message's does: no copy now (a long one would
        // not be suspendable), and the next collection moves it in.
        heap.adopt_fragment(decoded.fragment);
        // SAFETY: the decoded term is the only term held, in `roots`.
        unsafe { heap.ensure(extra, &mut roots) }?;
    }
    if !used {
        return Ok(roots[0]);
    }
    let used = Term::small(decoded.bytes_used as i64).ok_or(BifError::SystemLimit)?;
    built(build::tuple(heap, &[roots[0], used]))
}
