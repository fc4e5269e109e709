//! The compact term encoding of the `Code` and `Line` chunks.
//!
//! The low three bits of the first byte are the tag (`u i a x y f h z`).
//! Bit 3 clear: the value is the high four bits. Bit 3 set, bit 4 clear: an
//! 11-bit value with the next byte. Both set: the high three bits give the
//! byte count (2..8), or 7 means the count minus 9 follows as an operand;
//! then that many big-endian bytes, two's complement for `i`. Tag `z`
//! introduces the extended kinds: float, list, float register, allocation
//! list, literal and typed register.

use num_bigint::BigInt;

use super::cursor::Cursor;
use super::error::{at, Res};
use super::operand::{Alloc, AllocKind, Atom, Label, LiteralIdx, Operand, Register, TypeIdx};
use super::term::Int;

const TAG_U: u8 = 0;
const TAG_I: u8 = 1;
const TAG_A: u8 = 2;
const TAG_X: u8 = 3;
const TAG_Y: u8 = 4;
const TAG_F: u8 = 5;
const TAG_H: u8 = 6;
const TAG_Z: u8 = 7;

/// A tag and its value before interpretation.
enum Raw {
    Small(u64),
    /// More than 64 bits (only meaningful for `i`).
    Big(Vec<u8>),
}

pub(crate) fn operand(c: &mut Cursor) -> Res<Operand> {
    operand_nested(c, false)
}

fn operand_nested(c: &mut Cursor, in_list: bool) -> Res<Operand> {
    let offset = c.offset();
    let first = c.rest().first().copied();
    let Some(first) = first else {
        return at(offset, "operand: unexpected end of code");
    };
    let tag = first & 7;
    if tag == TAG_Z {
        c.u8("operand")?;
        return extended(c, first, offset, in_list);
    }
    let raw = raw_value(c)?;
    let small = |what: &str| -> Res<u32> {
        match raw {
            Raw::Small(n) if n <= u32::MAX as u64 => Ok(n as u32),
            _ => at(offset, format!("{what} out of range")),
        }
    };
    Ok(match tag {
        TAG_U => match raw {
            Raw::Small(n) => Operand::Unsigned(n),
            Raw::Big(_) => return at(offset, "unsigned operand wider than 64 bits"),
        },
        TAG_I => Operand::Integer(match raw {
            Raw::Small(n) => Int::Small(n as i64),
            Raw::Big(bytes) => Int::from_big(BigInt::from_signed_bytes_be(&bytes)),
        }),
        TAG_A => match small("atom index")? {
            0 => Operand::Nil,
            n => Operand::Atom(Atom(n)),
        },
        TAG_X => Operand::Reg(Register::X(small("x register")?)),
        TAG_Y => Operand::Reg(Register::Y(small("y register")?)),
        TAG_F => Operand::Label(Label(small("label")?)),
        TAG_H => Operand::Char(small("character")?),
        _ => unreachable!("tag is three bits and z was handled"),
    })
}

/// Reads a non-`z` operand's value. For `i`, values of up to 8 bytes are
/// sign-extended into the `u64` (read back as `i64`).
fn raw_value(c: &mut Cursor) -> Res<Raw> {
    let offset = c.offset();
    let first = c.u8("operand")?;
    if first & 0x08 == 0 {
        return Ok(Raw::Small((first >> 4) as u64));
    }
    if first & 0x10 == 0 {
        let next = c.u8("operand")?;
        return Ok(Raw::Small((((first & 0xe0) as u64) << 3) | next as u64));
    }
    let n_bytes = match first >> 5 {
        7 => match operand(c)? {
            Operand::Unsigned(n) if n <= (c.remaining() as u64) => n as usize + 9,
            Operand::Unsigned(n) => return at(offset, format!("integer of {} bytes", n + 9)),
            _ => return at(offset, "integer length is not an unsigned operand"),
        },
        n => n as usize + 2,
    };
    let bytes = c.take(n_bytes, "integer operand")?;
    let signed = first & 7 == TAG_I;
    if n_bytes <= 8 {
        let negative = signed && bytes[0] & 0x80 != 0;
        let mut value: u64 = if negative { u64::MAX } else { 0 };
        for b in bytes {
            value = (value << 8) | *b as u64;
        }
        return Ok(Raw::Small(value));
    }
    // Wider than 64 bits: a bignum for `i`; for `u`, still in range when the
    // leading bytes are zero (OTP writes a zero byte before values with the
    // top bit set, so a 64-bit value may take nine bytes).
    let significant = bytes.iter().skip_while(|b| **b == 0).count();
    if !signed && significant <= 8 {
        let value = bytes.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
        return Ok(Raw::Small(value));
    }
    Ok(Raw::Big(bytes.to_vec()))
}

fn extended(c: &mut Cursor, first: u8, offset: usize, in_list: bool) -> Res<Operand> {
    if first & 0x08 != 0 {
        return at(offset, format!("extended operand with byte {first:#04x}"));
    }
    match first >> 4 {
        0 => {
            let bits = c.take(8, "float operand")?;
            Ok(Operand::Float(f64::from_be_bytes(
                bits.try_into().expect("took 8 bytes"),
            )))
        }
        1 => {
            if in_list {
                return at(offset, "list operand inside a list");
            }
            let n = unsigned(c, "list length")?;
            c.check_count(n, 1, offset, "list operand")?;
            let items = (0..n)
                .map(|_| operand_nested(c, true))
                .collect::<Res<Vec<_>>>()?;
            Ok(Operand::List(items))
        }
        2 => Ok(Operand::FloatReg(unsigned_u32(c, "float register")?)),
        3 => {
            let n = unsigned(c, "allocation list length")?;
            c.check_count(n, 2, offset, "allocation list")?;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let kind_offset = c.offset();
                let kind = match unsigned(c, "allocation kind")? {
                    0 => AllocKind::Words,
                    1 => AllocKind::Floats,
                    2 => AllocKind::Funs,
                    k => return at(kind_offset, format!("allocation kind {k}")),
                };
                entries.push((kind, unsigned_u32(c, "allocation count")?));
            }
            Ok(Operand::Alloc(Alloc::List(entries)))
        }
        4 => Ok(Operand::Literal(LiteralIdx(unsigned_u32(
            c,
            "literal index",
        )?))),
        5 => {
            let reg_offset = c.offset();
            let reg = match operand_nested(c, true)? {
                Operand::Reg(r) => r,
                _ => return at(reg_offset, "typed register is not a register"),
            };
            Ok(Operand::Typed(reg, TypeIdx(unsigned_u32(c, "type index")?)))
        }
        n => at(offset, format!("unknown extended operand kind {n}")),
    }
}

/// Reads an operand that must be `u`-tagged.
pub(crate) fn unsigned(c: &mut Cursor, what: &str) -> Res<usize> {
    let offset = c.offset();
    match operand_nested(c, true)? {
        Operand::Unsigned(n) if n <= usize::MAX as u64 => Ok(n as usize),
        _ => at(offset, format!("{what}: expected an unsigned operand")),
    }
}

fn unsigned_u32(c: &mut Cursor, what: &str) -> Res<u32> {
    let offset = c.offset();
    let n = unsigned(c, what)?;
    u32::try_from(n).or_else(|_| at(offset, format!("{what} out of range")))
}
