//! Binary construction: the runtime half of `bs_create_bin`. Compiled
//! code lays the segments out as a table of five words each (kind, unit,
//! flags, value, size); the bits are computed first into a byte buffer,
//! so no term is held across the one allocation that follows.

use erts_core::abi::NON_VALUE;
use erts_core::build::{self, heap_binary_words};
use erts_core::num::Number;
use erts_core::Term;
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
    let mut out = BitWriter::default();
    for segment in table.chunks(5) {
        let [kind, unit, flags, value, size] = segment else {
            unreachable!("chunks of five")
        };
        // SAFETY: the compiler passes valid terms (or string bytes).
        if unsafe { write_segment(&mut out, *kind, *unit, *flags, *value, *size) }.is_none() {
            process.exception = Some(Exception::badarg());
            process.stop = Stop::Exception;
            return NON_VALUE;
        }
    }
    let whole_bytes = out.bits % 8 == 0;
    let words = heap_binary_words(out.bytes.len()) + if whole_bytes { 0 } else { 4 };
    let words = words + extra as usize;
    // SAFETY: the live registers and the stack are the roots; the bits are
    // already in `out`.
    if unsafe { process.ensure_room(words, live as usize, &mut []) }.is_err() {
        process.exception = Some(Exception::system_limit());
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
