//! The data half of the earts runtime: how Erlang values are laid out and
//! computed on, independent of schedulers, threads and I/O.
//!
//! - [`abi`]: the contract with generated code (prototype, offsets,
//!   runtime functions).
//! - [`Term`]: the 64-bit term encoding (drawn in the `term` module and
//!   tabled in [`tag`]), object layouts ([`Header`]), builders ([`build`])
//!   and [`LiteralArea`]s.
//! - [`Atom`]: the global atom table.
//! - [`bif`]: the built-in functions that compute on terms, over any heap
//!   that can make room.
//! - [`Heap`]: per-process heaps and their generational copying collector,
//!   heap fragments, and deep copies between heaps.
//! - [`SharedBinary`]: the off-heap bytes behind refc binaries.
//! - [`Resource`]: what a magic reference keeps alive (`magic_ref`).
//! - [`num`]: Erlang's number semantics on owned numbers.
//! - [`float_to_short_string`]: the textual form of floats that
//!   `float_to_list(F, [short])` and `~w` print.
//! - [`compare`], [`eq`], [`eq_exact`]: the standard term order and the two
//!   equalities on heap terms.
//! - [`phash2`], [`phash2_range`], [`phash_range`]: BEAM's portable hashes.
//! - [`term_to_binary`], [`binary_to_term`]: the external term format.
//! - [`map`]: map operations over flat maps and BEAM's hash-array-mapped
//!   tries, in BEAM's order.

pub mod abi;
mod atom;
pub mod bif;
pub mod budget;
mod compare;
mod etf;
mod float_text;
mod hash;
mod heap;
mod magic_ref;
pub mod map;
pub mod num;
mod refc_binary;
mod term;
#[cfg(test)]
mod test_support;
mod view;

pub use atom::{
    Atom, AtomError, AtomLimitError, DEFAULT_ATOM_LIMIT, MAX_ATOM_CHARS, MAX_ATOM_LIMIT,
    PREDEFINED_ATOMS,
};
pub use compare::{compare, compare_exact, eq, eq_exact};
pub use etf::{
    binary_to_term, term_to_binary, Compression, DecodeError, DecodeOptions, Decoded,
    EncodeOptions, MinorVersion,
};
pub use float_text::float_to_short_string;
pub use hash::{phash2, phash2_range, phash_range};
pub use heap::{
    copy_term, size_of_term, CollectionKind, Heap, HeapConfig, HeapError, HeapFragment,
};
pub use magic_ref::Resource;
pub use refc_binary::{BinaryBytes, SharedBinary};
pub use term::{build, tag, External, Header, LiteralArea, SubBinary, Term};
pub use view::UnsupportedTerm;
