//! Chardata in UTF-16 or UTF-32 (either endianness), which OTP converts in
//! Erlang (`unicode:characters_to_binary_int/2`).
//!
//! FIXME(unicode): only data that converts completely is done; where OTP
//! returns an `error` or `incomplete` tuple (built by its `ml_map/3`, whose
//! `Rest` shapes differ from the UTF-8 path's), this raises `badarg`.

use super::{check_chardata, converted, converted_words, Encoding};
use crate::bif::binary::whole_bytes;
use crate::bif::{built, BifError, BifHeap};
use crate::term::Term;

/// `characters_to_binary/2` (`to_list` false) or `characters_to_list/2`.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub(super) unsafe fn characters_to(
    heap: &mut impl BifHeap,
    data: Term,
    encoding: Encoding,
    to_list: bool,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    unsafe { check_chardata(data) }?;
    let mut chars = Vec::new();
    let mut bytes = Vec::new();
    let mut pending = vec![data];
    // Code points and binaries in order; the bytes of consecutive binaries
    // are decoded together, as OTP joins an incomplete unit with the next.
    while let Some(item) = pending.pop() {
        // SAFETY: every item is part of the argument.
        if let Some(chunk) = unsafe { whole_bytes(item) } {
            bytes.extend_from_slice(&chunk);
            continue;
        }
        // SAFETY: as above; checked chardata.
        let (Some(head), Some(tail)) = (unsafe { item.head() }, unsafe { item.tail() }) else {
            continue;
        };
        pending.push(tail);
        match head.as_small() {
            Some(value) => {
                // A unit split across a code point is OTP's `error`, not
                // done here.
                if !decode(&mut bytes, &mut chars, encoding)? || !bytes.is_empty() {
                    return Err(BifError::Badarg);
                }
                let char = u32::try_from(value).ok().and_then(char::from_u32);
                chars.push(u32::from(char.ok_or(BifError::Badarg)?));
            }
            None => pending.push(head),
        }
    }
    if !decode(&mut bytes, &mut chars, encoding)? || !bytes.is_empty() {
        return Err(BifError::Badarg);
    }
    let output = if to_list {
        super::Output::List
    } else {
        super::Output::Binary
    };
    // SAFETY: no term is held any more.
    unsafe { heap.ensure(converted_words(&chars, output), &mut []) }?;
    built(converted(heap, &chars, output))
}

/// Decodes the whole units at the start of `bytes` onto `chars` and drops
/// them; `badarg` for an invalid unit, `false` if a unit is cut short.
fn decode(bytes: &mut Vec<u8>, chars: &mut Vec<u32>, encoding: Encoding) -> Result<bool, BifError> {
    let mut index = 0;
    let word = |at: usize, width: usize, little: bool| -> Option<u32> {
        let unit = bytes.get(at..at + width)?;
        let value = unit
            .iter()
            .fold(0u32, |acc, &byte| acc << 8 | u32::from(byte));
        let swapped = unit
            .iter()
            .rev()
            .fold(0u32, |acc, &byte| acc << 8 | u32::from(byte));
        Some(if little { swapped } else { value })
    };
    let complete = loop {
        let (code_point, width) = match encoding {
            Encoding::Utf32 { little } => match word(index, 4, little) {
                Some(value) => (value, 4),
                None => break index == bytes.len(),
            },
            Encoding::Utf16 { little } => match word(index, 2, little) {
                Some(high @ 0xD800..=0xDBFF) => match word(index + 2, 2, little) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), 4)
                    }
                    Some(_) => return Err(BifError::Badarg),
                    None => break false,
                },
                Some(value) => (value, 2),
                None => break index == bytes.len(),
            },
            _ => return Err(BifError::Badarg),
        };
        let char = char::from_u32(code_point).ok_or(BifError::Badarg)?;
        chars.push(u32::from(char));
        index += width;
    };
    bytes.drain(..index);
    Ok(complete)
}
