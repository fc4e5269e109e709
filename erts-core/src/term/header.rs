//! The header word that starts every boxed object, and the body layout
//! each subtag implies.
//!
//! Invariant: the body of every object is `raw_prefix_words` raw words
//! followed by term words. Raw words are never read as terms (by the
//! collector or anyone else); term words are always valid terms. Keeping the
//! raw words first lets a scanner skip them and then treat the rest of the
//! object like any run of terms.

use super::tag::{
    Subtag, HEADER_ARITY_SHIFT, HEADER_SUBTAG_MASK, HEADER_SUBTAG_SHIFT, PRIMARY_HEADER,
};

/// A header word: `arity << 6 | subtag << 2 | 0b00`.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header(u64);

impl Header {
    /// The largest arity a header can hold.
    pub const MAX_ARITY: u64 = u64::MAX >> HEADER_ARITY_SHIFT;

    /// The header of a `subtag` object with `arity` body words.
    pub const fn new(subtag: Subtag, arity: usize) -> Header {
        debug_assert!(arity as u64 <= Header::MAX_ARITY);
        Header(
            ((arity as u64) << HEADER_ARITY_SHIFT)
                | ((subtag as u64) << HEADER_SUBTAG_SHIFT)
                | PRIMARY_HEADER,
        )
    }

    /// Reinterprets a raw word as a header.
    ///
    /// # Safety
    ///
    /// `bits` must be a header word written by [`Header::new`] (its primary
    /// tag is `00` and its subtag is defined).
    pub const unsafe fn from_bits(bits: u64) -> Header {
        Header(bits)
    }

    /// The raw word.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Number of body words after the header.
    pub const fn arity(self) -> usize {
        (self.0 >> HEADER_ARITY_SHIFT) as usize
    }

    /// The kind of object.
    pub const fn subtag(self) -> Subtag {
        match Subtag::from_bits(((self.0 & HEADER_SUBTAG_MASK) >> HEADER_SUBTAG_SHIFT) as u8) {
            Some(subtag) => subtag,
            None => panic!("header word with an undefined subtag"),
        }
    }

    /// Words of the whole object, header included.
    pub const fn object_words(self) -> usize {
        1 + self.arity()
    }

    /// How many body words come before the term words: the raw data that
    /// a scanner must skip. The remaining `arity - raw_prefix_words` words
    /// are terms.
    pub const fn raw_prefix_words(self) -> usize {
        match self.subtag() {
            Subtag::Tuple | Subtag::Export | Subtag::Map => 0,
            Subtag::Fun | Subtag::HashMap => 1,
            // The matched or original binary is the last word.
            Subtag::BinMatchState | Subtag::SubBinary => self.arity().saturating_sub(1),
            Subtag::PositiveBignum
            | Subtag::NegativeBignum
            | Subtag::Ref
            | Subtag::Float
            | Subtag::RefcBinary
            | Subtag::HeapBinary
            | Subtag::ExternalPid
            | Subtag::ExternalPort
            | Subtag::ExternalRef => self.arity(),
        }
    }
}
