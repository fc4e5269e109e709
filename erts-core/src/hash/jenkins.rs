//! Bob Jenkins' mixing, as BEAM's `make_hash2` and `make_internal_hash`
//! use it: the 96-bit `mix`, a [`Hasher`] that mixes 32-bit pieces with a
//! per-kind constant into a running 32-bit hash, and the block hash of
//! bytes. All arithmetic wraps modulo 2^32, as in C.

/// The golden ratio, and its multiples `HCONST * n mod 2^32` that tell the
/// kinds of values apart.
pub(super) const HCONST: u32 = 0x9e37_79b9;
pub(super) const HCONST_2: u32 = 0x3c6e_f372;
pub(super) const HCONST_3: u32 = 0xdaa6_6d2b;
pub(super) const HCONST_4: u32 = 0x78dd_e6e4;
pub(super) const HCONST_5: u32 = 0x1715_609d;
pub(super) const HCONST_6: u32 = 0xb54c_da56;
pub(super) const HCONST_7: u32 = 0x5384_540f;
pub(super) const HCONST_8: u32 = 0xf1bb_cdc8;
pub(super) const HCONST_9: u32 = 0x8ff3_4781;
pub(super) const HCONST_10: u32 = 0x2e2a_c13a;
pub(super) const HCONST_11: u32 = 0xcc62_3af3;
pub(super) const HCONST_12: u32 = 0x6a99_b4ac;
pub(super) const HCONST_13: u32 = 0x08d1_2e65;
pub(super) const HCONST_14: u32 = 0xa708_a81e;
pub(super) const HCONST_15: u32 = 0x4540_21d7;
pub(super) const HCONST_16: u32 = 0xe377_9b90;
pub(super) const HCONST_17: u32 = 0x81af_1549;
pub(super) const HCONST_18: u32 = 0x1fe6_8f02;
pub(super) const HCONST_19: u32 = 0xbe1e_08bb;
pub(super) const HCONST_20: u32 = 0x5c55_8274;
pub(super) const HCONST_21: u32 = 0xfa8c_fc2d;
pub(super) const HCONST_22: u32 = 0x98c4_75e6;

/// Jenkins' 96-bit mix.
pub(super) fn mix(a: &mut u32, b: &mut u32, c: &mut u32) {
    let rounds: [(u32, bool); 9] = [
        (13, false),
        (8, true),
        (13, false),
        (12, false),
        (16, true),
        (5, false),
        (3, false),
        (10, true),
        (15, false),
    ];
    for (round, (shift, left)) in rounds.into_iter().enumerate() {
        // Each round updates one of a, b, c from the other two, in turn.
        let (x, y, z) = match round % 3 {
            0 => (&mut *a, &*b, &*c),
            1 => (&mut *b, &*c, &*a),
            _ => (&mut *c, &*a, &*b),
        };
        *x = x.wrapping_sub(*y).wrapping_sub(*z);
        *x ^= if left { *z << shift } else { *z >> shift };
    }
}

pub(super) struct Hasher {
    pub(super) hash: u32,
}

impl Hasher {
    pub(super) fn mix2(&mut self, first: u32, second: u32, constant: u32) {
        let mut a = constant.wrapping_add(first);
        let mut b = constant.wrapping_add(second);
        mix(&mut a, &mut b, &mut self.hash);
    }

    pub(super) fn mix1(&mut self, value: u32, constant: u32) {
        self.mix2(value, 0, constant);
    }

    /// A value of at most 28 bits (negative ones are mixed twice, as BEAM does).
    pub(super) fn small28(&mut self, value: i32) {
        if value < 0 {
            self.mix1(value.wrapping_neg() as u32, HCONST);
        }
        self.mix1(value as u32, HCONST);
    }

    pub(super) fn bignum(&mut self, negative: bool, digits: &[u64]) {
        let constant = if negative { HCONST_10 } else { HCONST_11 };
        for digit in digits {
            self.mix2(*digit as u32, (*digit >> 32) as u32, constant);
        }
    }
}

/// Jenkins' hash of a byte block, starting from `initial`.
pub(super) fn block_hash(bytes: &[u8], initial: u32) -> u32 {
    let word = |chunk: &[u8]| {
        chunk.iter().enumerate().fold(0u32, |acc, (index, byte)| {
            acc.wrapping_add(u32::from(*byte) << (8 * index))
        })
    };
    let (mut a, mut b, mut c) = (HCONST, HCONST, initial);
    let mut chunks = bytes.chunks_exact(12);
    for chunk in &mut chunks {
        a = a.wrapping_add(word(&chunk[0..4]));
        b = b.wrapping_add(word(&chunk[4..8]));
        c = c.wrapping_add(word(&chunk[8..12]));
        mix(&mut a, &mut b, &mut c);
    }
    let rest = chunks.remainder();
    c = c.wrapping_add(bytes.len() as u32);
    a = a.wrapping_add(word(&rest[..rest.len().min(4)]));
    if 4 < rest.len() {
        b = b.wrapping_add(word(&rest[4..rest.len().min(8)]));
    }
    if 8 < rest.len() {
        // The low byte of c holds the length, so these bytes go above it.
        c = c.wrapping_add(word(&rest[8..]) << 8);
    }
    mix(&mut a, &mut b, &mut c);
    c
}
