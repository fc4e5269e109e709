//! The external term format: [`term_to_binary`] writes the bytes OTP 25
//! writes, [`binary_to_term`] reads them (and every older form OTP 25
//! still reads) into a heap fragment.
//!
//! Identifiers use the local node `nonode@nohost`, creation 0, as a BEAM
//! that is not distributed does; the split of earts' pid, port and
//! reference words into BEAM's fields is `crate::view`'s.
//!
//! Invariants: both directions are iterative (lists of any length, nesting
//! limited only by memory); decoding never panics and never allocates more
//! than its input justifies: every count is checked against the bytes left
//! before anything is reserved, and the whole term is validated and sized
//! before the heap fragment is allocated.
//!
//! Maps of more than 32 keys are written in BEAM's order (that of
//! `maps:to_list/1`) and read into hash maps; the room reserved for one is
//! `map::words_bound`, a bound on any trie of that many keys.
//!
//! Not supported yet: local closures (`NEW_FUN_EXT`, which needs the code
//! generator's fun table). Never supported: atoms
//! given by an index into a BEAM's own atom table (`ATOM_INTERNAL_REF2`/`3`,
//! which BEAM's `binary_to_term` reads). Each is a
//! [`DecodeError::Unsupported`] or [`crate::UnsupportedTerm`] error, never a
//! silently different term.

mod decode;
mod encode;
mod tags;
#[cfg(test)]
mod tests;

pub use decode::{binary_to_term, binary_to_term_spending, DecodeError, DecodeOptions, Decoded};
pub use encode::{
    term_to_binary, term_to_binary_spending, term_to_iovec, Compression, EncodeOptions,
    MinorVersion,
};
