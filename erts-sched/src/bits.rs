//! Binary matching: the runtime half of the `bs_*` match instructions.
//!
//! A match state is a boxed object (subtag `BinMatchState`):
//! `[header][position][end][bitstring]`, positions in bits from the start
//! of the bitstring's bits; the two raw words come first, as the header
//! layout requires. Functions that read take the state and return a term
//! (or `NON_VALUE`: the match fails), or 1/0 for the tests.

use erts_core::abi::NON_VALUE;
use erts_core::num::{Integer, Number};
use erts_core::tag::Subtag;
use erts_core::{build, Header, Term};
use num_bigint::{BigInt, Sign};

use crate::bif::heap::ProcessHeap;
use crate::process::Process;

/// `bs_*` field flags.
const FLAG_LITTLE: u64 = 2;
const FLAG_SIGNED: u64 = 4;

/// "The rest of the bitstring" as a size.
const SIZE_ALL: u64 = u64::MAX;

/// The bytes, first bit and bit length of a bitstring term, and the
/// heap or refc binary they belong to.
///
/// # Safety
///
/// `term` is a valid term.
pub(crate) unsafe fn bits_of<'a>(term: Term) -> Option<(&'a [u8], u64, u64, Term)> {
    // SAFETY: forwarded from the caller.
    if let Some(bytes) = unsafe { term.binary_bytes() } {
        return Some((bytes, 0, bytes.len() as u64 * 8, term));
    }
    // SAFETY: forwarded from the caller.
    let sub = unsafe { term.sub_binary() }?;
    // SAFETY: a sub binary's original is a heap or refc binary.
    let bytes = unsafe { sub.original.binary_bytes() }?;
    Some((bytes, sub.bit_offset, sub.bit_size, sub.original))
}

/// A match state's position, end and bitstring.
///
/// # Safety
///
/// `ctx` is a valid term.
unsafe fn state_of(ctx: Term) -> Option<(*mut u64, u64, u64, Term)> {
    // SAFETY: forwarded from the caller.
    let header = unsafe { ctx.header() }?;
    if header.subtag() != Subtag::BinMatchState {
        return None;
    }
    let object = ctx.pointer()?;
    // SAFETY: a match state has three body words after its header.
    unsafe {
        Some((
            object,
            *object.add(1),
            *object.add(2),
            Term::from_bits(*object.add(3)),
        ))
    }
}

fn set_position(object: *mut u64, position: u64) {
    // SAFETY: `object` is a match state (from `state_of`).
    unsafe { *object.add(1) = position };
}

/// Reads `bits` bits at bit `start` of `bytes` (big-endian order), into
/// a big unsigned integer.
/// `bits` bits from bit `start` as an unsigned number, in the field's
/// byte order.
fn read_unsigned(bytes: &[u8], start: u64, bits: u64, flags: u64) -> BigInt {
    if flags & FLAG_LITTLE != 0 && bits.is_multiple_of(8) {
        // The first byte in memory is the least significant.
        let in_memory_order: Vec<u8> = (0..bits / 8)
            .map(|n| byte_at(bytes, start + 8 * n))
            .collect();
        BigInt::from_bytes_le(Sign::Plus, &in_memory_order)
    } else {
        read_bits(bytes, start, bits)
    }
}

/// The `bits` (at most 64) at bit `start` as an unsigned number, most
/// significant first, or in memory order when `little` (whole bytes).
fn read_u64(bytes: &[u8], start: u64, bits: u64, little: bool) -> u64 {
    if start.is_multiple_of(8) && bits.is_multiple_of(8) {
        let first = (start / 8) as usize;
        let field = &bytes[first..first + (bits / 8) as usize];
        return if little {
            field
                .iter()
                .rev()
                .fold(0, |acc, b| (acc << 8) | u64::from(*b))
        } else {
            field.iter().fold(0, |acc, b| (acc << 8) | u64::from(*b))
        };
    }
    if little {
        return (0..bits / 8).rev().fold(0, |acc, n| {
            (acc << 8) | u64::from(byte_at(bytes, start + 8 * n))
        });
    }
    (0..bits).fold(0, |acc, n| {
        let bit = start + n;
        (acc << 1) | u64::from((bytes[(bit / 8) as usize] >> (7 - bit % 8)) & 1)
    })
}

fn read_bits(bytes: &[u8], start: u64, bits: u64) -> BigInt {
    let mut value = BigInt::from(0u8);
    for n in 0..bits {
        let bit = start + n;
        let byte = bytes[(bit / 8) as usize];
        let set = (byte >> (7 - bit % 8)) & 1;
        value = (value << 1u8) | BigInt::from(set);
    }
    value
}

/// The 8 bits at bit `start`.
pub(crate) fn byte_at(bytes: &[u8], start: u64) -> u8 {
    (0..8).fold(0u8, |acc, n| {
        let bit = start + n;
        (acc << 1) | ((bytes[(bit / 8) as usize] >> (7 - bit % 8)) & 1)
    })
}

/// The size operand in bits: `size * unit`, or all that is left.
fn size_in_bits(size: Term, unit: u64, remaining: u64) -> Option<u64> {
    if size.bits() == SIZE_ALL {
        return remaining.is_multiple_of(unit.max(1)).then_some(remaining);
    }
    let size = u64::try_from(size.as_small()?).ok()?;
    size.checked_mul(unit)
}

/// # Safety
///
/// Called by compiled code with its process, its `sp`, the live register
/// count and a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_start_match(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    term: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    process.sp = sp;
    process.live = live;
    // SAFETY: compiled code passes a valid term.
    let term = unsafe { Term::from_bits(term) };
    // SAFETY: as above.
    if unsafe { state_of(term) }.is_some() {
        return term.bits();
    }
    // SAFETY: as above.
    let Some((_, _, size, _)) = (unsafe { bits_of(term) }) else {
        return NON_VALUE;
    };
    let mut roots = [term];
    // SAFETY: the live registers, the stack and the term are the roots.
    if unsafe { process.ensure_room(4, live as usize, &mut roots) }.is_err() {
        return NON_VALUE;
    }
    let header = Header::new(Subtag::BinMatchState, 3).bits();
    let built = process.build(|heap| {
        use erts_core::build::TermAlloc;
        let object = heap.alloc_words(4)?.as_ptr();
        // SAFETY: four fresh words: header, position, end, bitstring.
        unsafe {
            object.write(header);
            object.add(1).write(0);
            object.add(2).write(size);
            object.add(3).write(roots[0].bits());
            Some(Term::from_boxed_ptr(object))
        }
    });
    built.map_or(NON_VALUE, Term::bits)
}

/// # Safety
///
/// `ctx` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_position(ctx: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    match unsafe { state_of(Term::from_bits(ctx)) } {
        Some((_, position, _, _)) => Term::small(position as i64).map_or(NON_VALUE, Term::bits),
        None => NON_VALUE,
    }
}

/// # Safety
///
/// `ctx` and `position` are valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_set_position(ctx: u64, position: u64) {
    // SAFETY: forwarded from the caller.
    let (ctx, position) = unsafe { (Term::from_bits(ctx), Term::from_bits(position)) };
    // SAFETY: as above.
    if let (Some((object, ..)), Some(position)) = (unsafe { state_of(ctx) }, position.as_small()) {
        set_position(object, position as u64);
    }
}

/// The tests: `bs_test_tail2` (exactly `bits` left), `bs_test_unit`
/// (what is left is a multiple of `bits`), `bs_skip_bits2`.
///
/// # Safety
///
/// `ctx` and `size` are valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_test(ctx: u64, kind: u64, size: u64, unit: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let Some((object, position, end, _)) = (unsafe { state_of(Term::from_bits(ctx)) }) else {
        return 0;
    };
    let remaining = end - position;
    let holds = match kind {
        0 => remaining == unit,
        1 => remaining % unit.max(1) == 0,
        _ => {
            // SAFETY: forwarded from the caller.
            match size_in_bits(unsafe { Term::from_bits(size) }, unit, remaining) {
                Some(bits) if bits <= remaining => {
                    set_position(object, position + bits);
                    true
                }
                _ => false,
            }
        }
    };
    u64::from(holds)
}

/// `bs_match_string`: the next `bits` bits equal those at `string`.
///
/// # Safety
///
/// `ctx` is a valid term; `string` holds `ceil(bits / 8)` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_match_string(ctx: u64, bits: u64, string: *const u8) -> u64 {
    // SAFETY: forwarded from the caller.
    let Some((object, position, end, bitstring)) = (unsafe { state_of(Term::from_bits(ctx)) })
    else {
        return 0;
    };
    // SAFETY: a match state holds a bitstring.
    let Some((bytes, offset, _, _)) = (unsafe { bits_of(bitstring) }) else {
        return 0;
    };
    if end - position < bits {
        return 0;
    }
    // SAFETY: the compiler emits the string's bytes.
    let expected = unsafe { std::slice::from_raw_parts(string, bits.div_ceil(8) as usize) };
    let matches = read_bits(bytes, offset + position, bits) == read_bits(expected, 0, bits);
    if matches {
        set_position(object, position + bits);
    }
    u64::from(matches)
}

/// A numeric field at the match position: its `size * unit` bits read as
/// an unsigned number in the field's byte order.
struct Field {
    state: *mut u64,
    end_position: u64,
    bits: u64,
    raw: BigInt,
}

/// The field of `size * unit` bits at `ctx`'s position, or `None` when
/// fewer bits are left (or the size is bad).
///
/// # Safety
///
/// `ctx` and `size` are valid terms.
unsafe fn read_field(ctx: u64, size: u64, unit: u64, flags: u64) -> Option<Field> {
    // SAFETY: forwarded from the caller.
    let (state, position, end, bitstring) = unsafe { state_of(Term::from_bits(ctx)) }?;
    // SAFETY: as above.
    let bits = size_in_bits(unsafe { Term::from_bits(size) }, unit, end - position)?;
    if bits > end - position {
        return None;
    }
    // SAFETY: a match state holds a bitstring.
    let (bytes, offset, _, _) = unsafe { bits_of(bitstring) }?;
    Some(Field {
        state,
        end_position: position + bits,
        bits,
        raw: read_unsigned(bytes, offset + position, bits, flags),
    })
}

/// Moves the match to `end_position` (past a field) and returns `number`
/// built on the heap.
///
/// # Safety
///
/// `process` is the running process; `sp` its stack pointer.
unsafe fn matched_number(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    (state, end_position): (*mut u64, u64),
    number: &Number,
) -> u64 {
    set_position(state, end_position);
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    process.sp = sp;
    process.live = live;
    let mut heap = ProcessHeap::new(process);
    // SAFETY: `sp` and `live` are stored; the state moved position only.
    match unsafe { erts_core::bif::number::make_number(&mut heap, number) } {
        Ok(term) => term.bits(),
        Err(_) => NON_VALUE,
    }
}

/// `bs_get_integer2`: an integer of `size * unit` bits.
///
/// # Safety
///
/// As [`earts_bs_start_match`]; `ctx` and `size` are valid terms.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_integer(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    ctx: u64,
    size: u64,
    unit: u64,
    flags: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    if let Some(small) = unsafe { small_integer_field(ctx, size, unit, flags) } {
        return small;
    }
    // SAFETY: forwarded from the caller.
    let Some(field) = (unsafe { read_field(ctx, size, unit, flags) }) else {
        return NON_VALUE;
    };
    let end = (field.state, field.end_position);
    let (bits, mut value) = (field.bits, field.raw);
    if flags & FLAG_SIGNED != 0 && bits > 0 && value.bit(bits - 1) {
        value -= BigInt::from(1u8) << bits;
    }
    let Ok(integer) = Integer::from_bigint(value) else {
        return NON_VALUE;
    };
    // SAFETY: forwarded from the caller.
    unsafe { matched_number(process, sp, live, end, &Number::Int(integer)) }
}

/// The fast path of [`earts_bs_get_integer`]: a field of up to 56 bits
/// (always a small integer, so nothing is allocated) read without bignums.
/// `None` when the field is larger or does not match.
///
/// # Safety
///
/// As [`earts_bs_get_integer`].
unsafe fn small_integer_field(ctx: u64, size: u64, unit: u64, flags: u64) -> Option<u64> {
    // SAFETY: forwarded from the caller.
    let (state, position, end, bitstring) = unsafe { state_of(Term::from_bits(ctx)) }?;
    // SAFETY: as above.
    let bits = size_in_bits(unsafe { Term::from_bits(size) }, unit, end - position)?;
    let little = flags & FLAG_LITTLE != 0;
    if bits > 56 || bits > end - position || (little && !bits.is_multiple_of(8)) {
        return None;
    }
    // SAFETY: a match state holds a bitstring.
    let (bytes, offset, _, _) = unsafe { bits_of(bitstring) }?;
    let raw = read_u64(bytes, offset + position, bits, little);
    let value = if flags & FLAG_SIGNED != 0 && bits > 0 && raw >> (bits - 1) & 1 == 1 {
        raw as i64 - (1i64 << bits)
    } else {
        raw as i64
    };
    let term = Term::small(value)?;
    set_position(state, position + bits);
    Some(term.bits())
}

/// `bs_get_float2`: a float of `size * unit` bits (16, 32 or 64) with the
/// field flags; infinities and NaNs do not match, as on BEAM.
///
/// # Safety
///
/// As [`earts_bs_get_integer`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_float(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    ctx: u64,
    size: u64,
    unit: u64,
    flags: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    let Some(field) = (unsafe { read_field(ctx, size, unit, flags) }) else {
        return NON_VALUE;
    };
    let Ok(raw) = u64::try_from(&field.raw) else {
        return NON_VALUE;
    };
    let float = match field.bits {
        64 => Some(f64::from_bits(raw)),
        32 => Some(f64::from(f32::from_bits(raw as u32))),
        16 => crate::half_float::from_bits(raw as u16),
        _ => None,
    };
    let Some(float) = float.filter(|f| f.is_finite()) else {
        return NON_VALUE;
    };
    let end = (field.state, field.end_position);
    // SAFETY: forwarded from the caller.
    unsafe { matched_number(process, sp, live, end, &Number::Float(float)) }
}

/// `bs_get_binary2`: a sub binary of `size * unit` bits (`size` = all:
/// all that is left), moving past it.
///
/// # Safety
///
/// As [`earts_bs_get_integer`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_binary(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    ctx: u64,
    size: u64,
    unit: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { get_binary(process, sp, live, ctx, size, unit, true) }
}

/// `bs_get_tail`: the rest of the match, the position left as it is.
///
/// # Safety
///
/// As [`earts_bs_get_integer`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_tail(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    ctx: u64,
) -> u64 {
    // SAFETY: forwarded from the caller.
    unsafe { get_binary(process, sp, live, ctx, SIZE_ALL, 1, false) }
}

/// A sub binary of the next `size` bits (in `unit`s), moving past them
/// when `advance`.
///
/// # Safety
///
/// As [`earts_bs_get_integer`].
unsafe fn get_binary(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    ctx: u64,
    size: u64,
    unit: u64,
    advance: bool,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    process.sp = sp;
    // SAFETY: compiled code passes a valid term.
    let mut roots = [unsafe { Term::from_bits(ctx) }];
    // SAFETY: as above.
    let Some((_, position, end, _)) = (unsafe { state_of(roots[0]) }) else {
        return NON_VALUE;
    };
    // SAFETY: as above.
    let Some(bits) = size_in_bits(unsafe { Term::from_bits(size) }, unit, end - position) else {
        return NON_VALUE;
    };
    if bits > end - position {
        return NON_VALUE;
    }
    // SAFETY: the live registers, the stack and the state are the roots.
    if unsafe { process.ensure_room(4, live as usize, &mut roots) }.is_err() {
        return NON_VALUE;
    }
    // SAFETY: the state is valid after the collection.
    let Some((object, position, _, bitstring)) = (unsafe { state_of(roots[0]) }) else {
        return NON_VALUE;
    };
    // SAFETY: a match state holds a bitstring.
    let Some((_, offset, _, original)) = (unsafe { bits_of(bitstring) }) else {
        return NON_VALUE;
    };
    let sub = process.build(|heap| build::sub_binary(heap, original, offset + position, bits));
    match sub {
        Some(sub) => {
            if advance {
                set_position(object, position + bits);
            }
            sub.bits()
        }
        None => NON_VALUE,
    }
}

/// The bytes of a bitstring of whole bytes (a heap, refc or sub binary).
///
/// # Safety
///
/// `term` is a valid term.
pub(crate) unsafe fn binary_bytes(term: Term) -> Option<Vec<u8>> {
    // SAFETY: forwarded from the caller.
    let (bytes, offset, size, _) = unsafe { bits_of(term) }?;
    if size % 8 != 0 {
        return None;
    }
    Some(
        (0..size / 8)
            .map(|n| byte_at(bytes, offset + 8 * n))
            .collect(),
    )
}

/// The whole bytes of a bitstring term, and the bits after them as
/// `(value, count)` (`count` 0 for a binary).
///
/// # Safety
///
/// `term` is a valid term.
pub(crate) unsafe fn bitstring_parts(term: Term) -> Option<(Vec<u8>, u8, u8)> {
    // SAFETY: forwarded from the caller.
    let (bytes, offset, size, _) = unsafe { bits_of(term) }?;
    let whole = (0..size / 8)
        .map(|n| byte_at(bytes, offset + 8 * n))
        .collect();
    let trailing = (size % 8) as u8;
    let value = (size / 8 * 8..size).fold(0u8, |acc, n| {
        let bit = offset + n;
        (acc << 1) | ((bytes[(bit / 8) as usize] >> (7 - bit % 8)) & 1)
    });
    Some((whole, value, trailing))
}

/// `bs_get_utf8`/`16`/`32` (and the skips): the next character, moving
/// past it; NON_VALUE when there is no valid one. `width` is 8, 16 or 32.
///
/// # Safety
///
/// `ctx` is a valid term.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_get_utf(ctx: u64, width: u64, flags: u64) -> u64 {
    // SAFETY: forwarded from the caller.
    let Some((object, position, end, bitstring)) = (unsafe { state_of(Term::from_bits(ctx)) })
    else {
        return NON_VALUE;
    };
    // SAFETY: a match state holds a bitstring.
    let Some((bytes, offset, _, _)) = (unsafe { bits_of(bitstring) }) else {
        return NON_VALUE;
    };
    let available = (end - position) / 8;
    let byte = |n: u64| byte_at(bytes, offset + position + 8 * n);
    let decoded = match width {
        8 => {
            if available == 0 {
                return NON_VALUE;
            }
            let first = byte(0);
            let len = match first {
                0x00..=0x7f => 1,
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => return NON_VALUE,
            };
            if available < len {
                return NON_VALUE;
            }
            let mut encoded = [0u8; 4];
            for (n, slot) in encoded.iter_mut().take(len as usize).enumerate() {
                *slot = byte(n as u64);
            }
            std::str::from_utf8(&encoded[..len as usize])
                .ok()
                .and_then(|s| s.chars().next())
                .map(|c| (c, len * 8))
        }
        16 => {
            let unit = |n: u64| {
                let pair = [byte(2 * n), byte(2 * n + 1)];
                if flags & FLAG_LITTLE != 0 {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            };
            if available < 2 {
                return NON_VALUE;
            }
            let first = unit(0);
            if (0xd800..0xdc00).contains(&first) {
                if available < 4 {
                    return NON_VALUE;
                }
                char::decode_utf16([first, unit(1)])
                    .next()
                    .and_then(Result::ok)
                    .map(|c| (c, 32))
            } else {
                char::decode_utf16([first])
                    .next()
                    .and_then(Result::ok)
                    .map(|c| (c, 16))
            }
        }
        _ => {
            if available < 4 {
                return NON_VALUE;
            }
            let quad = [byte(0), byte(1), byte(2), byte(3)];
            let code = if flags & FLAG_LITTLE != 0 {
                u32::from_le_bytes(quad)
            } else {
                u32::from_be_bytes(quad)
            };
            char::from_u32(code).map(|c| (c, 32))
        }
    };
    match decoded {
        Some((c, bits)) => {
            set_position(object, position + bits);
            Term::small(c as i64).map_or(NON_VALUE, Term::bits)
        }
        None => NON_VALUE,
    }
}
