//! BEAM's portable term hashes: `erlang:phash2/1,2` ([`phash2`],
//! [`phash2_range`]) and the deprecated `erlang:phash/2` ([`phash_range`]).
//!
//! `make_internal_hash`, the hash that orders hash maps, is here too
//! (crate-internal, documented in its module).
//!
//! Both portable hashes give, for every term, the value OTP 25 gives on a 64-bit machine;
//! OTP promises these values never change between releases. The walks are
//! iterative (explicit stacks), so list length never costs native stack.
//!
//! Not supported: local closures, whose hash mixes in the module, index and
//! unique id that only the code generator knows; hashing one is an
//! [`UnsupportedTerm`] error.

mod internal;
mod jenkins;
mod phash;
mod phash2;

pub(crate) use internal::make_internal_hash;
pub use phash::phash_range;
pub use phash2::{phash2, phash2_range};

use crate::view::UnsupportedTerm;

/// An atom's hash: hashpjw over its UTF-8 bytes, where a two-byte sequence
/// of a Latin-1 character counts as that one (truncated) byte, as BEAM's
/// atom table computes it.
pub(crate) fn atom_hash(atom: crate::Atom) -> u32 {
    let bytes = atom.name().as_bytes();
    let mut hash: u32 = 0;
    let mut index = 0;
    while index < bytes.len() {
        let mut byte = bytes[index];
        index += 1;
        if let Some(&next) = bytes.get(index) {
            if byte & 0xFE == 0xC2 && next & 0xC0 == 0x80 {
                byte = (byte << 6) | (next & 0x3F);
                index += 1;
            }
        }
        hash = (hash << 4).wrapping_add(u32::from(byte));
        let top = hash & 0xF000_0000;
        if top != 0 {
            hash ^= top >> 24;
            hash ^= top;
        }
    }
    hash
}
