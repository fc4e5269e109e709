//! Binary construction: the runtime half of `bs_create_bin`. Compiled
//! code lays the segments out as a table of five words each (kind, unit,
//! flags, value, size); the bits are computed first into a byte buffer,
//! so no term is held across the one allocation that follows.
//!
//! Appending (a first segment of kind `append`, which erlc emits for
//! `<<Acc/binary, ...>>` and, as `private_append`, in binary
//! comprehensions) is amortised O(1) in the appended bits, as on BEAM:
//! when the accumulator is a writable refc binary whose bits end where the
//! binary's written bits do, the new bits go into its spare capacity and
//! the result is a new, longer ProcBin over the same bytes (see
//! `erts_core::refc_binary` for why that is safe). Otherwise the
//! accumulator and the new bits are copied: into a heap binary when the
//! result is small, else into a new writable binary with twice the room,
//! so the next append is in place.

use erts_core::abi::NON_VALUE;
use erts_core::build::{self, heap_binary_words};
use erts_core::num::Number;
use erts_core::{BinaryBytes, SharedBinary, Term};
use num_bigint::{BigInt, Sign};

use crate::exception::Exception;
use crate::process::{Process, Stop};

/// Segment kinds, as `compiler::codegen::lower_bits` numbers them.
const INTEGER: u64 = 0;
const BINARY: u64 = 1;
const FLOAT: u64 = 2;
const STRING: u64 = 3;
const UTF8: u64 = 4;
const UTF16: u64 = 5;
const UTF32: u64 = 6;
const APPEND: u64 = 7;

const FLAG_LITTLE: u64 = 2;
const SIZE_ALL: u64 = u64::MAX;

/// Results of an append that copies are heap binaries up to this many
/// bytes (BEAM's `ERL_ONHEAP_BIN_LIMIT`), writable refc binaries above.
const HEAP_BINARY_LIMIT: u64 = 64;
/// The least capacity of a new writable binary, in bytes.
const MIN_WRITABLE_CAPACITY: u64 = 256;

thread_local! {
    /// The byte buffer appends write their new bits into, kept between
    /// calls (up to `SCRATCH_LIMIT` bytes of capacity).
    static SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}
const SCRATCH_LIMIT: usize = 4096;

/// Bits appended one at a time, most significant first.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    bits: u64,
}

impl BitWriter {
    fn push_bit(&mut self, bit: bool) {
        if self.bits.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            let last = self.bytes.len() - 1;
            self.bytes[last] |= 0x80 >> (self.bits % 8);
        }
        self.bits += 1;
    }

    /// The low `bits` bits of `value` (two's complement), most significant
    /// first.
    fn push_integer(&mut self, value: &BigInt, bits: u64) {
        for n in (0..bits).rev() {
            self.push_bit(bit_of(value, n));
        }
    }

    /// The low `bits` (at most 64) of `value`, most significant first.
    fn push_u64(&mut self, value: u64, bits: u64) {
        if self.bits.is_multiple_of(8) && bits.is_multiple_of(8) {
            let bytes = value.to_be_bytes();
            self.bytes
                .extend_from_slice(&bytes[8 - (bits / 8) as usize..]);
            self.bits += bits;
            return;
        }
        for n in (0..bits).rev() {
            self.push_bit(value >> n & 1 == 1);
        }
    }

    /// `bits` bits of `bytes` from bit `offset`.
    fn push_bits(&mut self, bytes: &[u8], offset: u64, bits: u64) {
        if offset.is_multiple_of(8) {
            self.push_bytes(&bytes[(offset / 8) as usize..], bits);
            return;
        }
        for n in 0..bits / 8 {
            self.push_u64(u64::from(crate::bits::byte_at(bytes, offset + 8 * n)), 8);
        }
        for n in bits / 8 * 8..bits {
            let bit = offset + n;
            self.push_bit(bytes[(bit / 8) as usize] & (0x80 >> (bit % 8)) != 0);
        }
    }

    fn push_bytes(&mut self, bytes: &[u8], bits: u64) {
        let whole = bits / 8;
        if self.bits.is_multiple_of(8) {
            self.bytes.extend_from_slice(&bytes[..whole as usize]);
            self.bits += whole * 8;
        } else {
            for byte in &bytes[..whole as usize] {
                self.push_u64(u64::from(*byte), 8);
            }
        }
        for n in whole * 8..bits {
            self.push_bit(bytes[(n / 8) as usize] & (0x80 >> (n % 8)) != 0);
        }
    }
}

/// Bit `n` of `value` in two's complement (infinitely sign-extended).
fn bit_of(value: &BigInt, n: u64) -> bool {
    if value.sign() != Sign::Minus {
        return value.bit(n);
    }
    // -x = !(x - 1) in two's complement.
    let magnitude_less_one: BigInt = -value - 1u8;
    !magnitude_less_one.bit(n)
}

fn size_bits(size: Term, unit: u64) -> Option<u64> {
    u64::try_from(size.as_small()?).ok()?.checked_mul(unit)
}

/// One segment into the writer; `None` for a bad segment (`badarg`).
///
/// # Safety
///
/// The segment's value and size are valid terms (strings: a pointer to
/// `size` bytes).
unsafe fn write_segment(
    out: &mut BitWriter,
    kind: u64,
    unit: u64,
    flags: u64,
    value: u64,
    size: u64,
) -> Option<()> {
    match kind {
        STRING => {
            // SAFETY: the compiler passes the string's bytes and length.
            let bytes = unsafe { std::slice::from_raw_parts(value as *const u8, size as usize) };
            out.push_bytes(bytes, size * 8);
        }
        INTEGER => {
            // SAFETY: forwarded from the caller.
            let (value, size) = unsafe { (Term::from_bits(value), Term::from_bits(size)) };
            let bits = size_bits(size, unit)?;
            if let (Some(small), true) = (value.as_small(), bits <= 64) {
                // Two's complement, cut to the field.
                let raw = if bits == 64 {
                    small as u64
                } else {
                    small as u64 & ((1 << bits) - 1)
                };
                if flags & FLAG_LITTLE != 0 && bits.is_multiple_of(8) {
                    let bytes = raw.to_le_bytes();
                    out.push_bytes(&bytes[..(bits / 8) as usize], bits);
                } else {
                    out.push_u64(raw, bits);
                }
                return Some(());
            }
            // SAFETY: as above.
            let Some(Number::Int(integer)) = (unsafe { erts_core::bif::number::number_of(value) })
            else {
                return None;
            };
            let big = integer.to_bigint();
            if flags & FLAG_LITTLE != 0 && bits % 8 == 0 {
                let bytes: Vec<BigInt> = (0..bits / 8)
                    .map(|n| (&big >> (8 * n)) & BigInt::from(0xffu8))
                    .collect();
                for byte in bytes {
                    out.push_integer(&byte, 8);
                }
            } else {
                out.push_integer(&big, bits);
            }
        }
        FLOAT => {
            // SAFETY: forwarded from the caller.
            let (value, size) = unsafe { (Term::from_bits(value), Term::from_bits(size)) };
            let bits = size_bits(size, unit)?;
            // SAFETY: as above.
            let number = unsafe { erts_core::bif::number::number_of(value) }?;
            let float = erts_core::num::float(&number).ok()?;
            let raw: u64 = match bits {
                64 => float.to_bits(),
                32 => u64::from((float as f32).to_bits()),
                16 => u64::from(crate::half_float::to_bits(float)),
                _ => return None,
            };
            let raw = BigInt::from(raw);
            if flags & FLAG_LITTLE != 0 {
                for n in 0..bits / 8 {
                    out.push_integer(&((&raw >> (8 * n)) & BigInt::from(0xffu8)), 8);
                }
            } else {
                out.push_integer(&raw, bits);
            }
        }
        BINARY | APPEND => {
            // SAFETY: forwarded from the caller.
            let value = unsafe { Term::from_bits(value) };
            // SAFETY: as above.
            let (bytes, last, trailing) = unsafe { crate::bits::bitstring_parts(value) }?;
            let whole_bits = bytes.len() as u64 * 8;
            let available = whole_bits + u64::from(trailing);
            let bits = if size == SIZE_ALL {
                // All of it, in whole units (`binary` is unit 8).
                if !available.is_multiple_of(unit.max(1)) {
                    return None;
                }
                available
            } else {
                // SAFETY: as above.
                size_bits(unsafe { Term::from_bits(size) }, unit)?
            };
            if bits > available {
                return None;
            }
            out.push_bytes(&bytes, bits.min(whole_bits));
            if bits > whole_bits {
                let extra = bits - whole_bits;
                let value = last >> (u64::from(trailing) - extra);
                out.push_integer(&BigInt::from(value), extra);
            }
        }
        UTF8 | UTF16 | UTF32 => {
            // SAFETY: forwarded from the caller.
            let code = unsafe { Term::from_bits(value) }.as_small()?;
            let c = char::from_u32(u32::try_from(code).ok()?)?;
            match kind {
                UTF8 => {
                    let mut buffer = [0u8; 4];
                    let text = c.encode_utf8(&mut buffer);
                    out.push_bytes(text.as_bytes(), text.len() as u64 * 8);
                }
                UTF16 => {
                    let mut buffer = [0u16; 2];
                    for unit in c.encode_utf16(&mut buffer) {
                        let bytes = if flags & FLAG_LITTLE != 0 {
                            unit.to_le_bytes()
                        } else {
                            unit.to_be_bytes()
                        };
                        out.push_bytes(&bytes, 16);
                    }
                }
                _ => {
                    let bytes = if flags & FLAG_LITTLE != 0 {
                        (c as u32).to_le_bytes()
                    } else {
                        (c as u32).to_be_bytes()
                    };
                    out.push_bytes(&bytes, 32);
                }
            }
        }
        _ => return None,
    }
    Some(())
}

/// # Safety
///
/// Called by compiled code with its process, its `sp`, the live register
/// count, the heap words to leave free after the result, and `n`
/// segments of five words at `segments`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn earts_bs_create(
    process: *mut Process,
    sp: *mut u64,
    live: u64,
    extra: u64,
    segments: u64,
    n: u64,
) -> u64 {
    // SAFETY: compiled code passes its own running process.
    let process = unsafe { &mut *process };
    process.sp = sp;
    // SAFETY: the compiler lays out `n` segments of five words.
    let table = unsafe { std::slice::from_raw_parts(segments as *const u64, 5 * n as usize) };
    if let [APPEND, unit, _, accumulator, _, rest @ ..] = table {
        let mut tail = BitWriter {
            bytes: SCRATCH.take(),
            bits: 0,
        };
        tail.bytes.clear();
        // SAFETY: forwarded from compiled code.
        let result = unsafe { append(process, live, extra, *unit, *accumulator, rest, &mut tail) };
        if tail.bytes.capacity() <= SCRATCH_LIMIT {
            SCRATCH.set(tail.bytes);
        }
        return result;
    }
    let mut out = BitWriter::default();
    // SAFETY: the compiler passes valid terms (or string bytes).
    if unsafe { write_segments(&mut out, table) }.is_none() {
        return badarg(process);
    }
    let whole_bytes = out.bits % 8 == 0;
    let words = heap_binary_words(out.bytes.len()) + if whole_bytes { 0 } else { 4 };
    let words = words + extra as usize;
    // SAFETY: the live registers and the stack are the roots; the bits are
    // already in `out`.
    if unsafe { process.ensure_room(words, live as usize, &mut []) }.is_err() {
        process.exception = Some(Box::new(Exception::system_limit()));
        process.stop = Stop::Exception;
        return NON_VALUE;
    }
    let built = process.build(|heap| {
        let binary = build::heap_binary(heap, &out.bytes)?;
        if whole_bytes {
            Some(binary)
        } else {
            build::sub_binary(heap, binary, 0, out.bits)
        }
    });
    built.map_or(NON_VALUE, Term::bits)
}

fn badarg(process: &mut Process) -> u64 {
    process.exception = Some(Box::new(Exception::badarg()));
    process.stop = Stop::Exception;
    NON_VALUE
}

/// Writes the segments of `table` (five words each) into `out`; `None`
/// for a bad segment.
///
/// # Safety
///
/// As [`write_segment`], for every segment.
unsafe fn write_segments(out: &mut BitWriter, table: &[u64]) -> Option<()> {
    for segment in table.chunks(5) {
        let [kind, unit, flags, value, size] = segment else {
            unreachable!("chunks of five")
        };
        // SAFETY: forwarded from the caller.
        unsafe { write_segment(out, *kind, *unit, *flags, *value, *size) }?;
    }
    Some(())
}

/// Where the bits of `term` lie in a refc binary: the binary, and the
/// first and the end bit. `None` for other terms.
///
/// # Safety
///
/// `term` is a valid term.
unsafe fn refc_location(term: Term) -> Option<(*const BinaryBytes, u64, u64)> {
    // SAFETY: forwarded from the caller.
    if let Some((size, binary)) = unsafe { term.refc_binary_parts() } {
        return Some((binary, 0, size * 8));
    }
    // SAFETY: as above.
    let sub = unsafe { term.sub_binary() }?;
    // SAFETY: as above; a sub binary's original is a live binary.
    let (_, binary) = unsafe { sub.original.refc_binary_parts() }?;
    Some((binary, sub.bit_offset, sub.bit_offset + sub.bit_size))
}

/// How an append makes its result.
enum AppendPlan {
    /// The new bits go after the accumulator's, in its writable binary;
    /// the result starts at bit `start` of it.
    InPlace {
        binary: std::mem::ManuallyDrop<SharedBinary>,
        start: u64,
    },
    /// Everything copied into a new writable binary.
    Copied(SharedBinary),
    /// Everything copied into a heap binary of these bytes.
    Heap(Vec<u8>),
}

/// `bs_create_bin` whose first segment appends to `accumulator` (of a
/// whole number of `unit`s): the other segments are `rest`, written into
/// `tail` (empty) first.
///
/// # Safety
///
/// As [`earts_bs_create`].
unsafe fn append(
    process: &mut Process,
    live: u64,
    extra: u64,
    unit: u64,
    accumulator: u64,
    rest: &[u64],
    tail: &mut BitWriter,
) -> u64 {
    // SAFETY: compiled code passes a valid term.
    let accumulator = unsafe { Term::from_bits(accumulator) };
    // SAFETY: the compiler passes valid terms (or string bytes).
    if unsafe { write_segments(tail, rest) }.is_none() {
        return badarg(process);
    }
    // SAFETY: as above.
    let Some((bytes, offset, bits, _)) = (unsafe { crate::bits::bits_of(accumulator) }) else {
        return badarg(process);
    };
    if !bits.is_multiple_of(unit.max(1)) {
        return badarg(process);
    }
    // SAFETY: the accumulator is valid, so its binary is alive; for an
    // append in place the accumulator is a root of the collection below,
    // which keeps it so.
    let location = unsafe { refc_location(accumulator) }.map(|(binary, start, end)| {
        // SAFETY: as above.
        (unsafe { SharedBinary::borrow_raw(binary) }, start, end)
    });
    let total = bits + tail.bits;
    let (plan, end) = match location {
        Some((binary, start, end)) if binary.can_append(end, tail.bits) => {
            (AppendPlan::InPlace { binary, start }, end + tail.bits)
        }
        _ => {
            let total_bytes = total.div_ceil(8);
            let capacity = if total_bytes <= HEAP_BINARY_LIMIT {
                total_bytes
            } else {
                (2 * total_bytes).max(MIN_WRITABLE_CAPACITY)
            };
            let mut out = BitWriter {
                bytes: Vec::with_capacity(capacity as usize),
                bits: 0,
            };
            out.push_bits(bytes, offset, bits);
            out.push_bytes(&tail.bytes, tail.bits);
            let plan = if total_bytes <= HEAP_BINARY_LIMIT {
                AppendPlan::Heap(out.bytes)
            } else {
                AppendPlan::Copied(SharedBinary::new_writable(out.bytes, total))
            };
            (plan, total)
        }
    };
    let start = match &plan {
        AppendPlan::InPlace { start, .. } => *start,
        AppendPlan::Copied(_) | AppendPlan::Heap(_) => 0,
    };
    let sub = start != 0 || !end.is_multiple_of(8);
    let binary_words = match &plan {
        AppendPlan::InPlace { .. } | AppendPlan::Copied(_) => 3,
        AppendPlan::Heap(bytes) => heap_binary_words(bytes.len()),
    };
    let words = binary_words + if sub { 4 } else { 0 } + extra as usize;
    // The accumulator's ProcBin keeps its binary alive for an append in
    // place; otherwise its bits are copied already.
    let mut roots = [accumulator];
    let roots = match &plan {
        AppendPlan::InPlace { .. } => &mut roots[..],
        AppendPlan::Copied(_) | AppendPlan::Heap(_) => &mut [],
    };
    // SAFETY: the live registers, the stack and `roots` are the roots; the
    // accumulator term is not used again.
    if unsafe { process.ensure_room(words, live as usize, roots) }.is_err() {
        process.exception = Some(Box::new(Exception::system_limit()));
        process.stop = Stop::Exception;
        return NON_VALUE;
    }
    if let AppendPlan::InPlace { binary, .. } = &plan {
        // SAFETY: this is the running process's thread; no slice of the
        // binary is alive (the accumulator's bytes were last read above).
        let appended = unsafe { binary.append_raw(end - tail.bits, &tail.bytes, tail.bits) };
        // A collection changes nothing about the binary.
        assert!(appended, "an append checked before the collection");
    }
    let built = process.build(|heap| {
        let binary = match &plan {
            AppendPlan::InPlace { binary, .. } => build::refc_binary(heap, binary)?,
            AppendPlan::Copied(binary) => build::refc_binary(heap, binary)?,
            AppendPlan::Heap(bytes) => build::heap_binary(heap, bytes)?,
        };
        if sub {
            build::sub_binary(heap, binary, start, end - start)
        } else {
            Some(binary)
        }
    });
    built.map_or(NON_VALUE, Term::bits)
}
