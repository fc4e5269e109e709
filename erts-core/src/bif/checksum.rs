//! Checksums of iodata: `erlang:crc32/1,2`, `crc32_combine/3`,
//! `adler32/1,2`, `adler32_combine/3` (zlib's CRC-32 and Adler-32), and
//! MD5 (`md5/1`, `md5_init/0`, `md5_update/2`, `md5_final/1`), written
//! here rather than taken from a crate: each is a page of arithmetic.
//!
//! An MD5 context is an 88-byte binary laid out as BEAM's `MD5_CTX`: the
//! four state words, the message length in bits (64 bits), then the
//! bytes of the block being filled (little-endian throughout). BEAM leaves
//! the unused part of that block uninitialised; earts zeroes it, so only
//! the meaningful bytes are the same. A context of any other size is
//! `badarg`.

use super::binary::{walk_iolist, whole_bytes};
use super::{built, BifError, BifHeap};
use crate::build;
use crate::term::Term;

/// The reflected CRC-32 polynomial (zlib's).
const CRC_POLY: u32 = 0xEDB8_8320;

/// The CRC-32 of each byte value, for the byte-at-a-time loop.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ CRC_POLY
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
};

/// The CRC-32 of `bytes` continuing from `crc` (0 to start).
pub fn crc32(crc: u32, bytes: &[u8]) -> u32 {
    let crc = bytes.iter().fold(!crc, |crc, &byte| {
        CRC_TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8)
    });
    !crc
}

/// `a * b` modulo the CRC polynomial, both reflected.
fn multiply_mod_poly(a: u32, mut b: u32) -> u32 {
    let mut product = 0;
    let mut mask = 1u32 << 31;
    while mask != 0 {
        if a & mask != 0 {
            product ^= b;
        }
        b = if b & 1 != 0 {
            (b >> 1) ^ CRC_POLY
        } else {
            b >> 1
        };
        mask >>= 1;
    }
    product
}

/// The CRC of `A ++ B` from the CRCs of `A` and `B` and `B`'s length:
/// `crc1` multiplied by `x^(8 * len2)`, plus `crc2`.
pub fn crc32_combine(crc1: u32, crc2: u32, len2: u64) -> u32 {
    // `power` runs through x^(8 * 2^k): x^8 first (x^1 is 1 << 30).
    let mut power = (0..3).fold(1u32 << 30, |p, _| multiply_mod_poly(p, p));
    let mut shift = 1u32 << 31;
    let mut remaining = len2;
    while remaining != 0 {
        if remaining & 1 != 0 {
            shift = multiply_mod_poly(power, shift);
        }
        power = multiply_mod_poly(power, power);
        remaining >>= 1;
    }
    multiply_mod_poly(shift, crc1) ^ crc2
}

/// Adler-32's modulus.
const ADLER_BASE: u32 = 65521;

/// The Adler-32 of `bytes` continuing from `adler` (1 to start).
pub fn adler32(adler: u32, bytes: &[u8]) -> u32 {
    let (mut low, mut high) = (adler & 0xFFFF, adler >> 16);
    // 5552 bytes is the most zlib sums before reducing without overflow.
    for chunk in bytes.chunks(5552) {
        for &byte in chunk {
            low += u32::from(byte);
            high += low;
        }
        low %= ADLER_BASE;
        high %= ADLER_BASE;
    }
    low | (high << 16)
}

/// The Adler-32 of `A ++ B` from those of `A` and `B` and `B`'s length
/// (zlib's formula; BEAM returns `adler1` as it is for an empty `B`).
pub fn adler32_combine(adler1: u32, adler2: u32, len2: u64) -> u32 {
    if len2 == 0 {
        return adler1;
    }
    let base = u64::from(ADLER_BASE);
    let (adler1, adler2) = (u64::from(adler1), u64::from(adler2));
    let remainder = len2 % base;
    let mut low = adler1 & 0xFFFF;
    let mut high = (remainder * low) % base;
    low += (adler2 & 0xFFFF) + base - 1;
    high += (adler1 >> 16) + (adler2 >> 16) + base - remainder;
    if low >= base {
        low -= base;
    }
    if low >= base {
        low -= base;
    }
    if high >= base << 1 {
        high -= base << 1;
    }
    if high >= base {
        high -= base;
    }
    (low | (high << 16)) as u32
}

/// A 32-bit checksum argument: an integer in 0..2^32.
fn checksum_argument(term: Term) -> Result<u32, BifError> {
    let value = term.as_small().ok_or(BifError::Badarg)?;
    u32::try_from(value).map_err(|_| BifError::Badarg)
}

/// A length argument of the combine BIFs: an integer in 0..2^32.
fn length_argument(term: Term) -> Result<u64, BifError> {
    checksum_argument(term).map(u64::from)
}

/// Folds `step` over the bytes of iodata; `badarg` for anything else.
///
/// # Safety
///
/// `data` is valid and nothing collects during the call.
unsafe fn fold_iodata(
    data: Term,
    mut state: u32,
    step: fn(u32, &[u8]) -> u32,
) -> Result<u32, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { walk_iolist(data, &mut |chunk| state = step(state, chunk)) }
        .ok_or(BifError::Badarg)?;
    Ok(state)
}

fn u32_term(value: u32) -> Result<Term, BifError> {
    Term::small(i64::from(value)).ok_or(BifError::SystemLimit)
}

/// `erlang:crc32/1`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn crc32_1(data: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    u32_term(unsafe { fold_iodata(data, 0, crc32) }?)
}

/// `erlang:crc32/2`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn crc32_2(old: Term, data: Term) -> Result<Term, BifError> {
    let old = checksum_argument(old)?;
    // SAFETY: forwarded from the caller.
    u32_term(unsafe { fold_iodata(data, old, crc32) }?)
}

/// `erlang:crc32_combine/3`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn crc32_combine_3(crc1: Term, crc2: Term, len2: Term) -> Result<Term, BifError> {
    let (crc1, crc2) = (checksum_argument(crc1)?, checksum_argument(crc2)?);
    u32_term(crc32_combine(crc1, crc2, length_argument(len2)?))
}

/// `erlang:adler32/1`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn adler32_1(data: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    u32_term(unsafe { fold_iodata(data, 1, adler32) }?)
}

/// `erlang:adler32/2`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn adler32_2(old: Term, data: Term) -> Result<Term, BifError> {
    let old = checksum_argument(old)?;
    // SAFETY: forwarded from the caller.
    u32_term(unsafe { fold_iodata(data, old, adler32) }?)
}

/// `erlang:adler32_combine/3`.
///
/// # Safety
///
/// The arguments are valid.
pub unsafe fn adler32_combine_3(adler1: Term, adler2: Term, len2: Term) -> Result<Term, BifError> {
    let (adler1, adler2) = (checksum_argument(adler1)?, checksum_argument(adler2)?);
    u32_term(adler32_combine(adler1, adler2, length_argument(len2)?))
}

/// MD5 in progress: the state words, the length so far in bytes and the
/// bytes of the block being filled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Md5 {
    state: [u32; 4],
    len: u64,
    block: [u8; 64],
}

/// Bytes of a context binary.
const MD5_CONTEXT_BYTES: usize = 88;

/// The per-step left rotations.
const MD5_SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/// `floor(abs(sin(i + 1)) * 2^32)`, the additive constants.
const MD5_CONSTANTS: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

impl Default for Md5 {
    fn default() -> Md5 {
        Md5 {
            state: [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476],
            len: 0,
            block: [0; 64],
        }
    }
}

impl Md5 {
    /// Adds bytes to the message.
    pub fn update(&mut self, mut bytes: &[u8]) {
        let mut filled = (self.len % 64) as usize;
        self.len = self.len.wrapping_add(bytes.len() as u64);
        while !bytes.is_empty() {
            let take = (64 - filled).min(bytes.len());
            self.block[filled..filled + take].copy_from_slice(&bytes[..take]);
            filled += take;
            bytes = &bytes[take..];
            if filled == 64 {
                let block = self.block;
                self.compress(&block);
                filled = 0;
            }
        }
    }

    /// The digest of the message so far.
    pub fn finish(mut self) -> [u8; 16] {
        let bit_len = self.len.wrapping_mul(8);
        let padding = 1 + (119 - (self.len % 64) as usize) % 64;
        let mut tail = vec![0u8; padding];
        tail[0] = 0x80;
        self.update(&tail);
        self.update(&bit_len.to_le_bytes());
        let mut digest = [0u8; 16];
        for (chunk, word) in digest.chunks_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        digest
    }

    fn compress(&mut self, block: &[u8; 64]) {
        let words: Vec<u32> = block
            .chunks(4)
            .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = self.state;
        for step in 0..64 {
            let (mix, index) = match step / 16 {
                0 => ((b & c) | (!b & d), step),
                1 => ((d & b) | (!d & c), (5 * step + 1) % 16),
                2 => (b ^ c ^ d, (3 * step + 5) % 16),
                _ => (c ^ (b | !d), (7 * step) % 16),
            };
            let shift = MD5_SHIFTS[(step / 16) * 4 + step % 4];
            let sum = a
                .wrapping_add(mix)
                .wrapping_add(MD5_CONSTANTS[step])
                .wrapping_add(words[index]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(sum.rotate_left(shift));
        }
        for (word, value) in self.state.iter_mut().zip([a, b, c, d]) {
            *word = word.wrapping_add(value);
        }
    }

    /// The context binary's bytes.
    fn to_context(&self) -> [u8; MD5_CONTEXT_BYTES] {
        let mut bytes = [0u8; MD5_CONTEXT_BYTES];
        for (chunk, word) in bytes[..16].chunks_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        bytes[16..24].copy_from_slice(&self.len.wrapping_mul(8).to_le_bytes());
        let filled = (self.len % 64) as usize;
        bytes[24..24 + filled].copy_from_slice(&self.block[..filled]);
        bytes
    }

    /// A context read back from its binary; `None` for a binary of another
    /// size.
    fn from_context(bytes: &[u8]) -> Option<Md5> {
        if bytes.len() != MD5_CONTEXT_BYTES {
            return None;
        }
        let word = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let mut block = [0u8; 64];
        block.copy_from_slice(&bytes[24..88]);
        let mut len_bytes = [0u8; 8];
        len_bytes.copy_from_slice(&bytes[16..24]);
        Some(Md5 {
            state: [word(0), word(4), word(8), word(12)],
            len: u64::from_le_bytes(len_bytes) / 8,
            block,
        })
    }
}

/// Builds a binary of `bytes`.
///
/// # Safety
///
/// The caller holds no term of the heap.
unsafe fn binary_term(heap: &mut impl BifHeap, bytes: &[u8]) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { heap.ensure(build::heap_binary_words(bytes.len()), &mut []) }?;
    built(build::heap_binary(heap, bytes))
}

/// `erlang:md5/1`: the digest of iodata.
///
/// # Safety
///
/// The argument is valid; see [`BifHeap::ensure`].
pub unsafe fn md5_1(heap: &mut impl BifHeap, data: Term) -> Result<Term, BifError> {
    let mut md5 = Md5::default();
    // SAFETY: forwarded from the caller; nothing has collected yet.
    unsafe { walk_iolist(data, &mut |chunk| md5.update(chunk)) }.ok_or(BifError::Badarg)?;
    // SAFETY: the argument is no longer used.
    unsafe { binary_term(heap, &md5.finish()) }
}

/// `erlang:md5_init/0`.
///
/// # Safety
///
/// See [`BifHeap::ensure`].
pub unsafe fn md5_init_0(heap: &mut impl BifHeap) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller.
    unsafe { binary_term(heap, &Md5::default().to_context()) }
}

/// `erlang:md5_update/2`.
///
/// # Safety
///
/// As [`md5_1`].
pub unsafe fn md5_update_2(
    heap: &mut impl BifHeap,
    context: Term,
    data: Term,
) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let context = unsafe { whole_bytes(context) }.ok_or(BifError::Badarg)?;
    let mut md5 = Md5::from_context(&context).ok_or(BifError::Badarg)?;
    // SAFETY: as above.
    unsafe { walk_iolist(data, &mut |chunk| md5.update(chunk)) }.ok_or(BifError::Badarg)?;
    drop(context);
    // SAFETY: the arguments are no longer used.
    unsafe { binary_term(heap, &md5.to_context()) }
}

/// `erlang:md5_final/1`.
///
/// # Safety
///
/// As [`md5_1`].
pub unsafe fn md5_final_1(heap: &mut impl BifHeap, context: Term) -> Result<Term, BifError> {
    // SAFETY: forwarded from the caller; nothing has collected yet.
    let context = unsafe { whole_bytes(context) }.ok_or(BifError::Badarg)?;
    let md5 = Md5::from_context(&context).ok_or(BifError::Badarg)?;
    drop(context);
    // SAFETY: the argument is no longer used.
    unsafe { binary_term(heap, &md5.finish()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_beam_computes_them() {
        // Each expectation is what OTP 25 returns.
        assert_eq!(crc32(0, b"abc"), 891_568_578);
        assert_eq!(crc32(5, b"abc"), 871_334_697);
        assert_eq!(
            crc32_combine(crc32(0, b"ab"), crc32(0, b"c"), 1),
            891_568_578
        );
        assert_eq!(crc32_combine(1, 2, 0), 3);
        assert_eq!(crc32_combine(1, 2, 1 << 31), 498_536_550);
        assert_eq!(adler32(1, b"abc"), 38_600_999);
        assert_eq!(adler32(7, b"abc"), 39_780_653);
        assert_eq!(adler32_combine(5, 7, 3), 786_443);
        assert_eq!(
            adler32_combine(0x1234_5678, 0x0abc_def0, 1000),
            4_052_170_102
        );
        assert_eq!(adler32_combine(1, 2, 0), 1);
        let mut md5 = Md5::default();
        md5.update(b"abc");
        let expected = [
            144, 1, 80, 152, 60, 210, 79, 176, 214, 150, 63, 125, 40, 225, 127, 114,
        ];
        assert_eq!(md5.clone().finish(), expected);
        assert_eq!(Md5::from_context(&md5.to_context()), Some(md5));
    }
}
