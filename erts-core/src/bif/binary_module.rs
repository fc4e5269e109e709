//! The BIFs of module `binary`.
//!
//! A compiled pattern (`binary:compile_pattern/1`) is, on BEAM, `{bm, Ref}`
//! for one pattern or `{ac, Ref}` for several, the reference naming a
//! search table. Here it is `{bm, [Pattern]}` or `{ac, [Pattern, ...]}`
//! with the patterns as binaries: the tag is BEAM's, the table is simply
//! the patterns, which every search takes as they are. (So a hand-made
//! tuple of that shape is accepted where BEAM would say `badarg`.)
//!
//! The options are checked first, then the pattern, unless the search area
//! ends at 0 (an empty subject, or the scope `{0, 0}`): then nothing
//! matches and the pattern may be anything.
//!
//! Searches find the leftmost match, and of the patterns matching there the
//! longest, as BEAM's Boyer-Moore and Aho-Corasick searches do; `matches`
//! and `split` go on after the end of each match. Parts of a subject are
//! sub binaries sharing its bytes.

use super::binary::{byte_slice, whole_bytes, SLICE_WORDS};
use super::{built, proper_list_elements, BifError, BifHeap};
use crate::atom::Atom;
use crate::build;
use crate::term::Term;

/// `binary:compile_pattern/1`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn compile_pattern_1(heap: &mut impl BifHeap, pattern: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let patterns = unsafe { pattern_terms(pattern) }.ok_or(BifError::Badarg)?;
    let tag = atom(if patterns.len() == 1 { "bm" } else { "ac" })?;
    let mut roots = patterns;
    // SAFETY: the patterns are the roots, read back below.
    unsafe { heap.ensure(2 * roots.len() + 3, &mut roots) }?;
    let list = built(build::list(heap, &roots, Term::NIL))?;
    built(build::tuple(heap, &[Term::atom(tag), list]))
}

/// `binary:match/2`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn match_2(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { match_3(heap, subject, pattern, Term::NIL) }
}

/// `binary:match/3`: `{Position, Length}` of the first match, or `nomatch`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn match_3(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let search = unsafe { Search::new(subject, pattern, options, false) }?;
    let first = search.matches().next();
    // The search reads the subject's bytes in the heap: gone before `ensure`.
    drop(search);
    match first {
        Some(found) => {
            // SAFETY: no term is held.
            unsafe { heap.ensure(3, &mut []) }?;
            found_tuple(heap, found)
        }
        None => Ok(Term::atom(atom("nomatch")?)),
    }
}

/// `binary:matches/2`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn matches_2(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { matches_3(heap, subject, pattern, Term::NIL) }
}

/// `binary:matches/3`: every match, each search starting after the last
/// match's end.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn matches_3(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let search = unsafe { Search::new(subject, pattern, options, false) }?;
    let found: Vec<Found> = search.matches().collect();
    drop(search);
    // SAFETY: no term is held.
    unsafe { heap.ensure(5 * found.len(), &mut []) }?;
    let mut elements = Vec::with_capacity(found.len());
    for each in found {
        elements.push(found_tuple(heap, each)?);
    }
    built(build::list(heap, &elements, Term::NIL))
}

/// `binary:split/2`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn split_2(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { split_3(heap, subject, pattern, Term::NIL) }
}

/// `binary:split/3`: the parts between the first match (every match with
/// `global`), without the empty parts at the end (`trim`) or anywhere
/// (`trim_all`). A scope only limits where matches are looked for.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn split_3(
    heap: &mut impl BifHeap,
    subject: Term,
    pattern: Term,
    options: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let search = unsafe { Search::new(subject, pattern, options, true) }?;
    let size = search.subject.len();
    let found: Vec<Found> = match search.global {
        true => search.matches().collect(),
        false => search.matches().take(1).collect(),
    };
    let mut parts = Vec::with_capacity(found.len() + 1);
    let mut start = 0;
    for Found { position, len } in found {
        parts.push((start, position - start));
        start = position + len;
    }
    parts.push((start, size - start));
    match search.trim {
        Trim::None => {}
        Trim::Trailing => {
            while parts.last().is_some_and(|(_, len)| *len == 0) {
                parts.pop();
            }
        }
        Trim::All => parts.retain(|(_, len)| *len != 0),
    }
    drop(search);
    let mut roots = [subject];
    // SAFETY: the subject is the root, read back below.
    unsafe { heap.ensure((SLICE_WORDS + 2) * parts.len(), &mut roots) }?;
    let mut elements = Vec::with_capacity(parts.len());
    for (start, len) in parts {
        // SAFETY: the root is valid after the collection; the room was made.
        elements.push(built(unsafe { byte_slice(heap, roots[0], start, len) })?);
    }
    built(build::list(heap, &elements, Term::NIL))
}

/// The atom `name`.
fn atom(name: &str) -> Result<Atom, BifError> {
    Atom::intern(name).map_err(|_| BifError::SystemLimit)
}

/// One match: where it starts and how long it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Found {
    position: usize,
    len: usize,
}

/// `{Position, Length}`; needs 3 words.
fn found_tuple(heap: &mut impl BifHeap, found: Found) -> Result<Term, BifError> {
    let position = Term::small(found.position as i64).ok_or(BifError::SystemLimit)?;
    let len = Term::small(found.len as i64).ok_or(BifError::SystemLimit)?;
    built(build::tuple(heap, &[position, len]))
}

/// What `split/3` removes of the empty parts.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Trim {
    None,
    Trailing,
    All,
}

/// A search's subject bytes, patterns and options.
struct Search<'a> {
    subject: std::borrow::Cow<'a, [u8]>,
    patterns: Vec<Vec<u8>>,
    /// Where matches may lie: `start..end`.
    start: usize,
    end: usize,
    global: bool,
    trim: Trim,
}

impl Search<'_> {
    /// Reads the arguments: a binary subject, a pattern and the options
    /// (`{scope, {Start, Length}}`, and for `split` also `global`, `trim`,
    /// `trim_all`); `badarg` for anything else.
    ///
    /// # Safety
    ///
    /// The terms are valid and nothing collects while the search lives.
    unsafe fn new<'a>(
        subject: Term,
        pattern: Term,
        options: Term,
        split: bool,
    ) -> Result<Search<'a>, BifError> {
        // SAFETY: forwarded from the caller.
        let subject = unsafe { whole_bytes(subject) }.ok_or(BifError::Badarg)?;
        let mut search = Search {
            start: 0,
            end: subject.len(),
            subject,
            patterns: Vec::new(),
            global: false,
            trim: Trim::None,
        };
        // SAFETY: as above.
        let options = unsafe { proper_list_elements(options) }.ok_or(BifError::Badarg)?;
        for option in options {
            let name = option.as_atom().map(Atom::name);
            match name {
                Some("global") if split => search.global = true,
                // `trim_all` wins over `trim`, in any order.
                Some("trim") if split => search.trim = search.trim.max(Trim::Trailing),
                Some("trim_all") if split => search.trim = Trim::All,
                // SAFETY: as above.
                _ => (search.start, search.end) = unsafe { scope(option, search.subject.len()) }?,
            }
        }
        // As on BEAM, a search area that ends at 0 (an empty subject, or
        // the scope `{0, 0}`) matches nothing, and the pattern is not
        // looked at.
        if search.end != 0 {
            // SAFETY: as above.
            search.patterns = unsafe { pattern_bytes(pattern) }.ok_or(BifError::Badarg)?;
        }
        Ok(search)
    }

    /// The matches from left to right, each after the previous one.
    fn matches(&self) -> impl Iterator<Item = Found> + '_ {
        let mut from = self.start;
        std::iter::from_fn(move || {
            let found = self.first_from(from)?;
            from = found.position + found.len;
            Some(found)
        })
    }

    /// The leftmost match at or after `from` that lies inside the scope,
    /// the longest pattern at that position.
    fn first_from(&self, from: usize) -> Option<Found> {
        let window = self.subject.get(from..self.end)?;
        (0..window.len()).find_map(|offset| {
            let rest = &window[offset..];
            let len = self
                .patterns
                .iter()
                .filter(|pattern| rest.starts_with(pattern))
                .map(|pattern| pattern.len())
                .max()?;
            Some(Found {
                position: from + offset,
                len,
            })
        })
    }
}

/// `{scope, {Start, Length}}` as the range `start..end` of a subject of
/// `size` bytes (a negative length counts back from `Start`).
///
/// # Safety
///
/// `option` is valid and nothing collects during the call.
pub(crate) unsafe fn scope(option: Term, size: usize) -> Result<(usize, usize), BifError> {
    // SAFETY: forwarded from the caller.
    let [name, range] = unsafe { option.tuple_elements() }.ok_or(BifError::Badarg)? else {
        return Err(BifError::Badarg);
    };
    if name.as_atom().map(Atom::name) != Some("scope") {
        return Err(BifError::Badarg);
    }
    // SAFETY: as above.
    let [start, len] = unsafe { range.tuple_elements() }.ok_or(BifError::Badarg)? else {
        return Err(BifError::Badarg);
    };
    part_range(*start, *len, size).ok_or(BifError::Badarg)
}

/// `Start` and `Length` (possibly negative) as a range inside `size`
/// bytes, as `binary:part/3` and scopes take them.
pub(crate) fn part_range(start: Term, len: Term, size: usize) -> Option<(usize, usize)> {
    let (start, len) = (start.as_small()?, len.as_small()?);
    let end = start.checked_add(len)?;
    let (low, high) = if len < 0 { (end, start) } else { (start, end) };
    if low < 0 || (size as i64) < high {
        return None;
    }
    Some((low as usize, high as usize))
}

/// The pattern binaries of a pattern argument: a non-empty binary, a
/// non-empty list of them, or a compiled pattern.
///
/// # Safety
///
/// `pattern` is valid and nothing collects during the call.
unsafe fn pattern_terms(pattern: Term) -> Option<Vec<Term>> {
    // SAFETY: forwarded from the caller.
    let non_empty =
        |term: Term| unsafe { whole_bytes(term) }.is_some_and(|bytes| !bytes.is_empty());
    if non_empty(pattern) {
        return Some(vec![pattern]);
    }
    // SAFETY: as above.
    let elements = unsafe { proper_list_elements(pattern) }?;
    (!elements.is_empty() && elements.iter().all(|element| non_empty(*element))).then_some(elements)
}

/// The patterns' bytes, compiled patterns included.
///
/// # Safety
///
/// As [`pattern_terms`].
unsafe fn pattern_bytes(pattern: Term) -> Option<Vec<Vec<u8>>> {
    // SAFETY: forwarded from the caller.
    let terms = match unsafe { pattern.tuple_elements() } {
        Some([tag, list]) if matches!(tag.as_atom().map(Atom::name), Some("bm" | "ac")) => {
            // SAFETY: as above.
            unsafe { pattern_terms(*list) }?
        }
        // SAFETY: as above.
        _ => unsafe { pattern_terms(pattern) }?,
    };
    terms
        .into_iter()
        // SAFETY: as above.
        .map(|term| unsafe { whole_bytes(term) }.map(|bytes| bytes.into_owned()))
        .collect()
}

/// The bytes of a binary (not a bitstring that is not whole bytes).
///
/// # Safety
///
/// `term` is valid and nothing collects while the bytes are used.
unsafe fn binary_bytes<'a>(term: Term) -> Result<std::borrow::Cow<'a, [u8]>, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { whole_bytes(term) }.ok_or(BifError::Badarg)
}

/// A small integer term, for byte values and sizes.
fn small(value: usize) -> Result<Term, BifError> {
    Term::small(value as i64).ok_or(BifError::SystemLimit)
}

/// `binary:at/2`: the byte at a 0-based position.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn at_2(subject: Term, position: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { binary_bytes(subject) }?;
    let position = super::non_negative_small(position).ok_or(BifError::Badarg)?;
    small(usize::from(*bytes.get(position).ok_or(BifError::Badarg)?))
}

/// `binary:first/1`.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn first_1(subject: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { binary_bytes(subject) }?;
    small(usize::from(*bytes.first().ok_or(BifError::Badarg)?))
}

/// `binary:last/1`.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn last_1(subject: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { binary_bytes(subject) }?;
    small(usize::from(*bytes.last().ok_or(BifError::Badarg)?))
}

/// `binary:copy/1`: a binary with the same bytes.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn copy_1(heap: &mut impl BifHeap, subject: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { copy_2(heap, subject, Term::small(1).ok_or(BifError::Badarg)?) }
}

/// `binary:copy/2`: the bytes `times` times.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn copy_2(
    heap: &mut impl BifHeap,
    subject: Term,
    times: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bytes = unsafe { binary_bytes(subject) }?.into_owned();
    let times = super::non_negative_small(times).ok_or(BifError::Badarg)?;
    let size = bytes
        .len()
        .checked_mul(times)
        .ok_or(BifError::SystemLimit)?;
    if isize::MAX as usize / 2 < size {
        return Err(BifError::SystemLimit);
    }
    let copied = bytes.repeat(times);
    // SAFETY: no term is held.
    unsafe { heap.ensure(build::heap_binary_words(size), &mut []) }?;
    built(build::heap_binary(heap, &copied))
}

/// The byte order argument: `big` or `little`.
fn little_endian(endianness: Term) -> Result<bool, BifError> {
    match endianness.as_atom().map(Atom::name) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        _ => Err(BifError::Badarg),
    }
}

/// `binary:decode_unsigned/1`: the bytes as a big-endian unsigned integer.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn decode_unsigned_1(heap: &mut impl BifHeap, subject: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { decode_unsigned(heap, subject, false) }
}

/// `binary:decode_unsigned/2`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn decode_unsigned_2(
    heap: &mut impl BifHeap,
    subject: Term,
    endianness: Term,
) -> Result<Term, BifError> {
    let little = little_endian(endianness)?;
    // SAFETY: forwarded from the caller.
    unsafe { decode_unsigned(heap, subject, little) }
}

/// # Safety
///
/// As [`compile_pattern_1`].
unsafe fn decode_unsigned(
    heap: &mut impl BifHeap,
    subject: Term,
    little: bool,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let bytes = unsafe { binary_bytes(subject) }?;
    let value = match little {
        true => num_bigint::BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes),
        false => num_bigint::BigInt::from_bytes_be(num_bigint::Sign::Plus, &bytes),
    };
    drop(bytes);
    let integer = crate::num::Integer::from_bigint(value)?;
    // SAFETY: no term is held.
    unsafe { super::number::make_integer(heap, &integer) }
}

/// `binary:encode_unsigned/1`: a non-negative integer in as few big-endian
/// bytes as it takes (one for 0).
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn encode_unsigned_1(heap: &mut impl BifHeap, integer: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { encode_unsigned(heap, integer, false) }
}

/// `binary:encode_unsigned/2`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn encode_unsigned_2(
    heap: &mut impl BifHeap,
    integer: Term,
    endianness: Term,
) -> Result<Term, BifError> {
    let little = little_endian(endianness)?;
    // SAFETY: forwarded from the caller.
    unsafe { encode_unsigned(heap, integer, little) }
}

/// # Safety
///
/// As [`compile_pattern_1`].
unsafe fn encode_unsigned(
    heap: &mut impl BifHeap,
    integer: Term,
    little: bool,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let integer = unsafe { super::number::integer_of(integer) }.ok_or(BifError::Badarg)?;
    if integer.is_negative() {
        return Err(BifError::Badarg);
    }
    let (_, bytes) = match little {
        true => integer.to_bigint().to_bytes_le(),
        false => integer.to_bigint().to_bytes_be(),
    };
    // SAFETY: no term is held.
    unsafe { heap.ensure(build::heap_binary_words(bytes.len()), &mut []) }?;
    built(build::heap_binary(heap, &bytes))
}

/// `binary:list_to_bin/1`: as `erlang:list_to_binary/1`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn list_to_bin_1(heap: &mut impl BifHeap, list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { super::binary::list_to_binary_1(heap, &mut crate::budget::Unlimited, list) }
}

/// `binary:longest_common_prefix/1`: the length of the prefix all the
/// binaries of a non-empty list share.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn longest_common_prefix_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { longest_common(list, false) }
}

/// `binary:longest_common_suffix/1`.
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn longest_common_suffix_1(list: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { longest_common(list, true) }
}

/// # Safety
///
/// The argument is valid.
unsafe fn longest_common(list: Term, suffix: bool) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let elements = unsafe { proper_list_elements(list) }.ok_or(BifError::Badarg)?;
    let mut binaries = Vec::with_capacity(elements.len());
    for element in elements {
        // SAFETY: as above.
        binaries.push(unsafe { binary_bytes(element) }?);
    }
    let (first, others) = binaries.split_first().ok_or(BifError::Badarg)?;
    let common = others.iter().fold(first.len(), |common, other| {
        let pairs: Box<dyn Iterator<Item = (&u8, &u8)>> = match suffix {
            true => Box::new(first.iter().rev().zip(other.iter().rev())),
            false => Box::new(first.iter().zip(other.iter())),
        };
        common.min(pairs.take_while(|(a, b)| a == b).count())
    });
    small(common)
}

/// `binary:part/2`: `part(Subject, {Start, Length})`.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn part_2(
    heap: &mut impl BifHeap,
    subject: Term,
    range: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let [start, len] = unsafe { range.tuple_elements() }.ok_or(BifError::Badarg)? else {
        return Err(BifError::Badarg);
    };
    let (start, len) = (*start, *len);
    // SAFETY: forwarded from the caller.
    unsafe { part_3(heap, subject, start, len) }
}

/// `binary:part/3`: the bytes from `Start`, `Length` of them (counting
/// back from `Start` when negative); the whole bytes of a bitstring.
///
/// # Safety
///
/// As [`compile_pattern_1`].
pub unsafe fn part_3(
    heap: &mut impl BifHeap,
    subject: Term,
    start: Term,
    len: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let (_, _, bit_size) =
        unsafe { super::binary::binary_origin(subject) }.ok_or(BifError::Badarg)?;
    let (low, high) = part_range(start, len, (bit_size / 8) as usize).ok_or(BifError::Badarg)?;
    let mut roots = [subject];
    // SAFETY: the subject is the root, read back below.
    unsafe { heap.ensure(SLICE_WORDS, &mut roots) }?;
    // SAFETY: the root is valid after the collection; the room was made.
    built(unsafe { byte_slice(heap, roots[0], low, high - low) })
}

/// `binary:referenced_byte_size/1`: the size of the binary whose bytes a
/// bitstring shows (itself, or a sub binary's original).
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn referenced_byte_size_1(subject: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let (original, _, _) =
        unsafe { super::binary::binary_origin(subject) }.ok_or(BifError::Badarg)?;
    // SAFETY: as above; the original is a heap or refc binary.
    let bytes = unsafe { original.binary_bytes() }.ok_or(BifError::Badarg)?;
    small(bytes.len())
}
