//! The BIFs of module `unicode`: `characters_to_binary/2`,
//! `characters_to_list/2` and `bin_is_7bit/1`.
//!
//! The conversions take chardata: a binary, or a possibly deep list of
//! code points and binaries whose tails may be binaries. The whole argument
//! is checked first: anything else anywhere in it is `badarg`, even after
//! the point where the conversion stops. Then, in order:
//!
//! - a code point that is invalid (above 16#10FFFF, a surrogate, negative,
//!   a bignum, or above 255 for `latin1`) stops the conversion with
//!   `{error, Converted, Rest}`;
//! - a binary is decoded as latin1 or UTF-8; a bad sequence stops with the
//!   binary's remaining bytes in `Rest`;
//! - a binary that ends in a lead byte (`16#C0..16#F7`) with fewer bytes
//!   after it than it announces leaves those bytes *pending*, whatever
//!   they are: the next binaries are appended to them until they hold as
//!   many bytes as announced, and the completed sequence must then be one
//!   valid character. A code point while bytes are pending, or a completion that
//!   is no character, is an error whose `Rest` is `[Pending, Rest1]`, with
//!   `Rest1` the rest at that element (the whole binary, for a binary).
//!   Bytes still pending at the end are `{incomplete, Converted, Pending}`
//!   if they are a sequence's beginning (only continuation bytes after the
//!   lead), else `{error, Converted, Pending}`.
//!
//! `Rest` keeps the list structure (except that `characters_to_binary/2`
//! converts `[Binary]` as `Binary`): at the level of the failing element it
//! is the list from that element on (a failing binary replaced by its
//! remaining bytes; a failing binary tail is just those bytes), and each
//! enclosing level wraps it as `[Inner | TailAfterIt]`.
//!
//! The encodings `utf16` and `utf32` (with endianness) are converted by
//! OTP in Erlang (`unicode:characters_to_binary_int/2`, to which BEAM's BIF
//! traps), with other rules for the rest and no check beforehand;
//! [`other`] follows that code here.

use std::borrow::Cow;

use super::binary::{shared_slice, whole_bytes, SLICE_WORDS};
use super::{boolean_term, built, BifError, BifHeap};
use crate::atom::Atom;
use crate::build;
use crate::term::Term;

mod other;

/// `unicode:characters_to_binary/2`: chardata in `encoding` to UTF-8.
///
/// # Safety
///
/// The arguments are valid; see [`BifHeap::ensure`].
pub unsafe fn characters_to_binary_2(
    heap: &mut impl BifHeap,
    data: Term,
    encoding: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { characters_to(heap, data, encoding, Output::Binary) }
}

/// `unicode:characters_to_list/2`: chardata in `encoding` to a list of code
/// points.
///
/// # Safety
///
/// As [`characters_to_binary_2`].
pub unsafe fn characters_to_list_2(
    heap: &mut impl BifHeap,
    data: Term,
    encoding: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { characters_to(heap, data, encoding, Output::List) }
}

/// `unicode:bin_is_7bit/1`: whether a binary holds only bytes below 128
/// (`false` for anything else, bitstrings included).
///
/// # Safety
///
/// The argument is valid.
pub unsafe fn bin_is_7bit_1(binary: Term) -> Term {
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { whole_bytes(binary) };
    boolean_term(bytes.is_some_and(|bytes| bytes.is_ascii()))
}

/// The form the converted characters take.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Binary,
    List,
}

/// An encoding argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Latin1,
    Utf8,
    Utf16 { little: bool },
    Utf32 { little: bool },
}

impl Encoding {
    /// `latin1`, `unicode`, `utf8`, `utf16`, `utf32`, `{utf16, big |
    /// little}`, `{utf32, big | little}`.
    ///
    /// # Safety
    ///
    /// `term` is valid.
    pub(crate) unsafe fn of(term: Term) -> Option<Encoding> {
        if let Some(atom) = term.as_atom() {
            return match atom.name() {
                "latin1" => Some(Encoding::Latin1),
                "unicode" | "utf8" => Some(Encoding::Utf8),
                "utf16" => Some(Encoding::Utf16 { little: false }),
                "utf32" => Some(Encoding::Utf32 { little: false }),
                _ => None,
            };
        }
        // SAFETY: forwarded from the caller.
        let [name, endian] = unsafe { term.tuple_elements() }? else {
            return None;
        };
        let little = match endian.as_atom()?.name() {
            "big" => false,
            "little" => true,
            _ => return None,
        };
        match name.as_atom()?.name() {
            "utf16" => Some(Encoding::Utf16 { little }),
            "utf32" => Some(Encoding::Utf32 { little }),
            _ => None,
        }
    }
}

/// Both conversions.
///
/// # Safety
///
/// As [`characters_to_binary_2`].
unsafe fn characters_to(
    heap: &mut impl BifHeap,
    data: Term,
    encoding: Term,
    output: Output,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    let encoding = unsafe { Encoding::of(encoding) }.ok_or(BifError::Badarg)?;
    let utf8 = match encoding {
        Encoding::Latin1 => false,
        Encoding::Utf8 => true,
        // SAFETY: forwarded from the caller.
        _ => return unsafe { other::characters_to(heap, data, encoding, output == Output::List) },
    };
    // SAFETY: forwarded from the caller; nothing has collected yet.
    unsafe { check_chardata(data) }?;
    let data = match output {
        // SAFETY: as above.
        Output::Binary => unsafe { lone_binary(data) }.unwrap_or(data),
        Output::List => data,
    };
    // SAFETY: as above.
    let conversion = unsafe { convert(data, utf8) };
    // SAFETY: forwarded from the caller.
    unsafe { build_result(heap, conversion, output) }
}

/// The binary of a list that is one binary, `[Binary]`, which BEAM's
/// `characters_to_binary/2` (not `characters_to_list/2`) converts as the
/// binary itself, so a failing `Rest` is not in a list.
///
/// # Safety
///
/// `data` is valid and nothing collects its heap during the call.
unsafe fn lone_binary(data: Term) -> Option<Term> {
    // SAFETY: forwarded from the caller.
    let (head, tail) = unsafe { (data.head()?, data.tail()?) };
    // SAFETY: as above.
    (tail.is_nil() && unsafe { whole_bytes(head) }.is_some()).then_some(head)
}

/// `badarg` unless `data` is chardata (see the module documentation).
///
/// # Safety
///
/// `data` is valid and nothing collects its heap during the call.
unsafe fn check_chardata(data: Term) -> Result<(), BifError> {
    // SAFETY: forwarded from the caller.
    if unsafe { whole_bytes(data) }.is_some() {
        return Ok(());
    }
    let mut pending = vec![data];
    while let Some(mut list) = pending.pop() {
        // SAFETY: every term visited is part of `data`.
        while let Some(head) = unsafe { list.head() } {
            // SAFETY: as above.
            let is_leaf = head.is_small()
                || unsafe { head.bignum_digits() }.is_some()
                || unsafe { whole_bytes(head) }.is_some();
            if !is_leaf {
                if !head.is_list() && !head.is_nil() {
                    return Err(BifError::Badarg);
                }
                pending.push(head);
            }
            // SAFETY: as above; `list` is a cons cell.
            list = unsafe { list.tail() }.ok_or(BifError::Badarg)?;
        }
        // SAFETY: as above.
        if !list.is_nil() && unsafe { whole_bytes(list) }.is_none() {
            return Err(BifError::Badarg);
        }
    }
    Ok(())
}

/// What the conversion made of checked chardata.
struct Conversion {
    chars: Vec<u32>,
    end: End,
}

/// How the conversion ended.
enum End {
    Complete,
    /// A sequence's first bytes, and nothing after them.
    Incomplete(Vec<u8>),
    Failed(Failure),
}

/// Where the conversion stopped, in terms of the argument.
struct Failure {
    /// The cells whose heads the walk descended into, outermost first.
    path: Vec<Term>,
    spot: Spot,
    /// Bytes that were pending when it stopped.
    pending: Option<Vec<u8>>,
}

/// The failing element at the deepest level.
enum Spot {
    /// The element at the head of this cell (a code point, or a binary
    /// given back whole): the rest is the cell itself.
    Cell(Term),
    /// A binary at the head of `cell`, failing at byte `from`.
    HeadBinary {
        cell: Term,
        binary: Term,
        from: usize,
    },
    /// A binary that is the argument or a list's tail, failing at `from`.
    Binary { binary: Term, from: usize },
    /// Nothing: the rest is the pending bytes alone.
    PendingOnly,
}

/// Bytes of a sequence begun in one binary, waiting for the next ones.
struct Pending {
    bytes: Vec<u8>,
    missing: usize,
}

/// Why a binary could not be taken in whole.
enum BinaryFailure {
    /// A bad sequence at this byte.
    At(usize),
    /// The pending bytes completed with the first ones of this binary are
    /// no character.
    Completion,
}

/// Converts checked chardata.
///
/// # Safety
///
/// `data` is valid chardata and nothing collects its heap during the call.
unsafe fn convert(data: Term, utf8: bool) -> Conversion {
    let mut chars = Vec::new();
    let mut pending: Option<Pending> = None;
    let fail = |path: &[Term], spot: Spot, pending: Option<Pending>| {
        End::Failed(Failure {
            path: path.to_vec(),
            spot,
            pending: pending.map(|pending| pending.bytes),
        })
    };
    // The current cell of each level; below the top, each is the cell
    // whose head the next level is.
    let mut levels = vec![data];
    while let Some(&current) = levels.last() {
        let outer = &levels[..levels.len() - 1];
        // SAFETY: `current` is part of `data`.
        if let Some(bytes) = unsafe { whole_bytes(current) } {
            if let Err(failure) = take_binary(&bytes, utf8, &mut chars, &mut pending) {
                let from = match failure {
                    BinaryFailure::At(from) => from,
                    BinaryFailure::Completion => 0,
                };
                let spot = Spot::Binary {
                    binary: current,
                    from,
                };
                return Conversion {
                    end: fail(outer, spot, pending),
                    chars,
                };
            }
            levels.pop();
            // SAFETY: the levels are cells of `data`.
            unsafe { advance(&mut levels) };
            continue;
        }
        // SAFETY: checked chardata: a cell or nil.
        let Some(head) = (unsafe { current.head() }) else {
            levels.pop();
            // SAFETY: the levels are cells of `data`.
            unsafe { advance(&mut levels) };
            continue;
        };
        if head.is_list() {
            levels.push(head);
            continue;
        }
        // SAFETY: part of `data`.
        if let Some(bytes) = unsafe { whole_bytes(head) } {
            if let Err(failure) = take_binary(&bytes, utf8, &mut chars, &mut pending) {
                let spot = match failure {
                    BinaryFailure::At(from) => Spot::HeadBinary {
                        cell: current,
                        binary: head,
                        from,
                    },
                    BinaryFailure::Completion => Spot::Cell(current),
                };
                return Conversion {
                    end: fail(outer, spot, pending),
                    chars,
                };
            }
        } else if !head.is_nil() {
            let code_point = head
                .as_small()
                .and_then(|value| u32::try_from(value).ok())
                .filter(|value| valid_code_point(*value, utf8));
            match code_point {
                Some(code_point) if pending.is_none() => chars.push(code_point),
                _ => {
                    return Conversion {
                        end: fail(outer, Spot::Cell(current), pending),
                        chars,
                    }
                }
            }
        }
        // SAFETY: the levels are cells of `data`.
        unsafe { advance(&mut levels) };
    }
    let end = match pending {
        None => End::Complete,
        Some(pending) if incomplete_need(&pending.bytes).is_some() => {
            End::Incomplete(pending.bytes)
        }
        Some(pending) => fail(&[], Spot::PendingOnly, Some(pending)),
    };
    Conversion { chars, end }
}

/// Moves the innermost level on to its cell's tail.
///
/// # Safety
///
/// Every level is a cell of valid chardata, and nothing collects.
unsafe fn advance(levels: &mut [Term]) {
    if let Some(cell) = levels.last_mut() {
        // SAFETY: forwarded from the caller.
        *cell = unsafe { cell.tail() }.unwrap_or(Term::NIL);
    }
}

/// Whether `value` is a character of the encoding.
fn valid_code_point(value: u32, utf8: bool) -> bool {
    match utf8 {
        true => char::from_u32(value).is_some(),
        false => value < 256,
    }
}

/// Decodes one binary's bytes onto `chars`, completing `pending` first.
fn take_binary(
    bytes: &[u8],
    utf8: bool,
    chars: &mut Vec<u32>,
    pending: &mut Option<Pending>,
) -> Result<(), BinaryFailure> {
    if !utf8 {
        chars.extend(bytes.iter().map(|&byte| u32::from(byte)));
        return Ok(());
    }
    let mut start = 0;
    if let Some(waiting) = pending {
        if bytes.len() < waiting.missing {
            waiting.bytes.extend_from_slice(bytes);
            waiting.missing -= bytes.len();
            return Ok(());
        }
        let mut sequence = waiting.bytes.clone();
        sequence.extend_from_slice(&bytes[..waiting.missing]);
        let Some(code_point) = one_character(&sequence) else {
            return Err(BinaryFailure::Completion);
        };
        chars.push(code_point);
        start = waiting.missing;
        *pending = None;
    }
    let mut index = start;
    while index < bytes.len() {
        let rest = &bytes[index..];
        if rest[0] < 0x80 {
            chars.push(u32::from(rest[0]));
            index += 1;
            continue;
        }
        let need = sequence_len(rest[0]).unwrap_or(0);
        if let Some(code_point) = rest.get(..need).and_then(one_character) {
            chars.push(code_point);
            index += need;
            continue;
        }
        // A lead byte with fewer bytes after it than it announces waits
        // for the next binary, whatever those bytes are.
        return match sequence_len(rest[0]).filter(|need| rest.len() < *need) {
            Some(need) => {
                *pending = Some(Pending {
                    bytes: rest.to_vec(),
                    missing: need - rest.len(),
                });
                Ok(())
            }
            None => Err(BinaryFailure::At(index)),
        };
    }
    Ok(())
}

/// The length a UTF-8 lead byte announces, as BEAM reads lead bytes
/// (`16#C0..16#F7`; the invalid ones among them fail later).
fn sequence_len(lead: u8) -> Option<usize> {
    match lead {
        0xC0..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF7 => Some(4),
        _ => None,
    }
}

/// The length announced by `bytes`' lead byte, if `bytes` are fewer than
/// that and all continuation bytes: the beginning of a sequence.
fn incomplete_need(bytes: &[u8]) -> Option<usize> {
    let need = sequence_len(*bytes.first()?)?;
    let continued = bytes[1..].iter().all(|byte| byte & 0xC0 == 0x80);
    (bytes.len() < need && continued).then_some(need)
}

/// The character `sequence` encodes, if it is exactly one valid one.
fn one_character(sequence: &[u8]) -> Option<u32> {
    let text = std::str::from_utf8(sequence).ok()?;
    let mut chars = text.chars();
    let first = chars.next()?;
    chars.next().is_none().then_some(u32::from(first))
}

/// Builds the result: the converted characters, or the `error` or
/// `incomplete` tuple.
///
/// # Safety
///
/// The terms in `conversion` are valid (part of the argument), and the
/// caller holds no other term of the heap.
unsafe fn build_result(
    heap: &mut impl BifHeap,
    conversion: Conversion,
    output: Output,
) -> Result<Term, BifError> {
    let Conversion { chars, end } = conversion;
    let converted_words = converted_words(&chars, output);
    match end {
        End::Complete => {
            // SAFETY: the caller holds no term across this.
            unsafe { heap.ensure(converted_words, &mut []) }?;
            built(converted(heap, &chars, output))
        }
        End::Incomplete(bytes) => {
            let words = converted_words + build::heap_binary_words(bytes.len()) + 4;
            // SAFETY: as above.
            unsafe { heap.ensure(words, &mut []) }?;
            let converted = built(converted(heap, &chars, output))?;
            let rest = built(build::heap_binary(heap, &bytes))?;
            let tag = Atom::intern("incomplete").map_err(|_| BifError::SystemLimit)?;
            built(build::tuple(heap, &[Term::atom(tag), converted, rest]))
        }
        End::Failed(failure) => {
            let Failure {
                path,
                spot,
                pending,
            } = failure;
            // Roots: the path, then the spot's terms.
            let mut roots = path.clone();
            let (spot_words, n_spot_roots) = match &spot {
                Spot::Cell(cell) => {
                    roots.push(*cell);
                    (0, 1)
                }
                Spot::HeadBinary { cell, binary, .. } => {
                    roots.extend([*cell, *binary]);
                    (2 + SLICE_WORDS, 2)
                }
                Spot::Binary { binary, .. } => {
                    roots.push(*binary);
                    (SLICE_WORDS, 1)
                }
                Spot::PendingOnly => (0, 0),
            };
            let pending_words = pending
                .as_ref()
                .map_or(0, |bytes| build::heap_binary_words(bytes.len()) + 4);
            let words = converted_words + 2 * path.len() + spot_words + pending_words + 4;
            // SAFETY: every term held is in `roots`, read back below.
            unsafe { heap.ensure(words, &mut roots) }?;
            let (path, spot_roots) = roots.split_at(roots.len() - n_spot_roots);
            let mut rest = match spot {
                Spot::Cell(_) => spot_roots[0],
                Spot::HeadBinary { from, .. } => {
                    // SAFETY: the roots are valid after the collection.
                    let tail = unsafe { spot_roots[0].tail() }.unwrap_or(Term::NIL);
                    // SAFETY: as above.
                    let remaining = unsafe { remaining_bytes(heap, spot_roots[1], from) }?;
                    built(build::cons(heap, remaining, tail))?
                }
                // SAFETY: as above.
                Spot::Binary { from, .. } => unsafe { remaining_bytes(heap, spot_roots[0], from) }?,
                Spot::PendingOnly => Term::NIL,
            };
            for cell in path.iter().rev() {
                // SAFETY: as above.
                let tail = unsafe { cell.tail() }.unwrap_or(Term::NIL);
                rest = built(build::cons(heap, rest, tail))?;
            }
            if let Some(bytes) = pending {
                let pending = built(build::heap_binary(heap, &bytes))?;
                rest = match path.is_empty() && n_spot_roots == 0 {
                    true => pending,
                    false => built(build::list(heap, &[pending, rest], Term::NIL))?,
                };
            }
            let converted = built(converted(heap, &chars, output))?;
            built(build::tuple(
                heap,
                &[Term::atom(Atom::ERROR), converted, rest],
            ))
        }
    }
}

/// The bytes of `binary` from `from` on: the binary itself from 0, else a
/// sub binary.
///
/// # Safety
///
/// `binary` is valid and nothing collects during the call; the room was
/// made.
unsafe fn remaining_bytes(
    heap: &mut impl BifHeap,
    binary: Term,
    from: usize,
) -> Result<Term, BifError> {
    if from == 0 {
        return Ok(binary);
    }
    // SAFETY: forwarded from the caller.
    let len = unsafe { whole_bytes(binary) }.map_or(0, |bytes| bytes.len());
    // SAFETY: as above.
    built(unsafe { shared_slice(heap, binary, from, len - from) })
}

/// The words [`converted`] takes.
fn converted_words(chars: &[u32], output: Output) -> usize {
    match output {
        Output::Binary => build::heap_binary_words(utf8_of(chars).len()),
        Output::List => 2 * chars.len(),
    }
}

/// The characters as a UTF-8 binary or a list.
fn converted(heap: &mut impl BifHeap, chars: &[u32], output: Output) -> Option<Term> {
    match output {
        Output::Binary => build::heap_binary(heap, &utf8_of(chars)),
        Output::List => {
            let elements: Vec<Term> = chars
                .iter()
                .map(|&char| Term::small(i64::from(char)))
                .collect::<Option<_>>()?;
            build::list(heap, &elements, Term::NIL)
        }
    }
}

/// Code points (all valid) as UTF-8.
fn utf8_of(chars: &[u32]) -> Cow<'static, [u8]> {
    let text: String = chars
        .iter()
        .filter_map(|&char| char::from_u32(char))
        .collect();
    Cow::Owned(text.into_bytes())
}
