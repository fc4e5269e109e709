//! The tag table: every bit pattern that the term encoding gives a meaning
//! to, in one place, so the runtime and the code generator share it.
//!
//! Masks select the low bits of a word; tags are compared after masking.
//! The layout is drawn in the `term` module's documentation.

/// Mask of the primary tag, the low 2 bits of every word.
pub const PRIMARY_MASK: u64 = 0b11;
/// Primary tag of a header word; header words exist only at the start of a
/// boxed object, never as a term.
pub const PRIMARY_HEADER: u64 = 0b00;
/// Primary tag of a pointer to a cons cell (head word, tail word).
pub const PRIMARY_LIST: u64 = 0b01;
/// Primary tag of a pointer to a boxed object (a header word).
pub const PRIMARY_BOXED: u64 = 0b10;
/// Primary tag of an immediate; the next 2 bits say which kind.
pub const PRIMARY_IMMEDIATE: u64 = 0b11;

/// Number of low bits taken by an immediate1 tag.
pub const IMMEDIATE1_BITS: u32 = 4;
/// Mask of the immediate1 tag.
pub const IMMEDIATE1_MASK: u64 = 0b1111;
/// Local process identifier: `id << 4 | 0b0011`.
pub const IMMEDIATE1_PID: u64 = 0b0011;
/// Local port identifier: `id << 4 | 0b0111`.
pub const IMMEDIATE1_PORT: u64 = 0b0111;
/// Escape to the immediate2 tags.
pub const IMMEDIATE1_IMMEDIATE2: u64 = 0b1011;
/// Small integer: `value << 4 | 0b1111`, 60-bit two's complement.
pub const IMMEDIATE1_SMALL: u64 = 0b1111;

/// Number of low bits taken by an immediate2 tag.
pub const IMMEDIATE2_BITS: u32 = 6;
/// Mask of the immediate2 tag.
pub const IMMEDIATE2_MASK: u64 = 0b11_1111;
/// Atom: `index << 6 | 0b00_1011`.
pub const IMMEDIATE2_ATOM: u64 = 0b00_1011;
/// Catch tag on the explicit stack: `index << 6 | 0b01_1011`.
pub const IMMEDIATE2_CATCH: u64 = 0b01_1011;
/// The empty list `[]`; the whole word is this tag.
pub const IMMEDIATE2_NIL: u64 = 0b11_1011;

/// Shift of the subtag inside a header word.
pub const HEADER_SUBTAG_SHIFT: u32 = 2;
/// Mask of the subtag inside a header word (before shifting).
pub const HEADER_SUBTAG_MASK: u64 = 0b1111 << HEADER_SUBTAG_SHIFT;
/// Shift of the arity (number of words after the header) in a header word.
pub const HEADER_ARITY_SHIFT: u32 = 6;

/// What kind of boxed object a header word starts, bits 2..6 of the header.
///
/// The body layout of each kind (which body words are terms, which raw) is
/// given by [`crate::Header::raw_prefix_words`].
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subtag {
    /// Tuple: `arity` element terms.
    Tuple = 0,
    /// Reserved for binary match states: raw words, then the matched binary
    /// as the last word.
    BinMatchState = 1,
    /// Non-negative bignum: `arity` raw 64-bit digits, least significant first.
    PositiveBignum = 2,
    /// Negative bignum: the magnitude's `arity` raw digits, least significant first.
    NegativeBignum = 3,
    /// Local reference: `arity` raw words of reference number (at most
    /// three); or, with arity 4, a magic reference: the three number words
    /// then a raw pointer to the resource it keeps alive (`magic_ref`),
    /// listed in the off-heap list like a ProcBin.
    Ref = 4,
    /// Closure: one raw word (the code's fun entry), then the captured terms.
    Fun = 5,
    /// Float: one raw word holding the IEEE 754 bits, on every target.
    Float = 6,
    /// Export fun `fun M:F/A`: three terms, module atom, function atom, arity.
    Export = 7,
    /// Refc binary (ProcBin): raw byte size, raw pointer to the shared
    /// off-heap binary that this object holds one reference to.
    RefcBinary = 8,
    /// Heap binary: raw byte size, then the bytes padded to whole words.
    HeapBinary = 9,
    /// Sub binary: raw bit size, raw bit offset, then the original binary term.
    SubBinary = 10,
    /// Map (flat): the keys tuple, then one value term per key, keys sorted
    /// in term order.
    Map = 11,
    /// External pid: raw words (node atom, creation, identifier).
    ExternalPid = 12,
    /// External port: raw words (node atom, creation, identifier).
    ExternalPort = 13,
    /// External reference: raw words (node atom, creation, reference number).
    ExternalRef = 14,
    /// Node of a hash map (BEAM's HAMT, for maps of more than 32 keys): one
    /// raw word `size << 16 | bitmap`, then one child term per set bitmap
    /// bit, in ascending bit order. A child is a leaf, the cons cell
    /// `[Key | Value]`, or a boxed pointer to the next level's node. The
    /// map term points at the root node; `size` counts the entries under a
    /// node. A node at the collision level has bitmap 0 and only leaves
    /// (the `map` module documents the levels).
    HashMap = 15,
}

impl Subtag {
    /// Every subtag, indexed by its value.
    const ALL: [Subtag; 16] = [
        Subtag::Tuple,
        Subtag::BinMatchState,
        Subtag::PositiveBignum,
        Subtag::NegativeBignum,
        Subtag::Ref,
        Subtag::Fun,
        Subtag::Float,
        Subtag::Export,
        Subtag::RefcBinary,
        Subtag::HeapBinary,
        Subtag::SubBinary,
        Subtag::Map,
        Subtag::ExternalPid,
        Subtag::ExternalPort,
        Subtag::ExternalRef,
        Subtag::HashMap,
    ];

    /// The subtag with value `bits`, if one is defined.
    pub const fn from_bits(bits: u8) -> Option<Subtag> {
        if (bits as usize) < Subtag::ALL.len() {
            Some(Subtag::ALL[bits as usize])
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtag_values_round_trip() {
        for bits in 0..16u8 {
            let subtag = Subtag::from_bits(bits).expect("all 16 subtags are defined");
            assert_eq!(subtag as u8, bits);
        }
    }

    #[test]
    fn nil_is_0x3b() {
        assert_eq!(IMMEDIATE2_NIL, 0x3b);
    }
}
