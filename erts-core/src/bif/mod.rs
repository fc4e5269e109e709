//! Built-in functions that compute on terms, independent of processes.
//!
//! A BIF is a plain Rust function, named after its Erlang name and arity
//! (`tuple::element_2` is `erlang:element/2`), that takes its arguments as
//! [`Term`]s and returns a [`Term`] or the [`BifError`] BEAM raises. BIFs
//! that build terms do it on a [`BifHeap`]: one [`BifHeap::ensure`] for
//! everything the BIF will build, then the builders of [`crate::build`].
//!
//! GC invariant: `ensure` may collect, which moves every term of the heap.
//! A BIF keeps no term in a Rust local across `ensure` unless that term is
//! in the `roots` it passes (and then it reads it back from `roots`), and
//! keeps no slice into the heap across it at all.
//!
//! Invariant: no BIF uses native stack in proportion to its input; lists
//! are walked with loops, whatever their length.
//!
//! - [`tuple`]: `element/2`, `setelement/3`, `make_tuple/2,3`, …
//! - [`list`]: `hd/1`, `tl/1`, `'++'/2`, `'--'/2`.
//! - [`lists`]: the BIFs of module `lists`.
//! - [`atom`]: atoms to and from text.
//! - [`binary`]: binaries to and from lists and iolists.
//! - [`binary_module`]: the BIFs of module `binary`.
//! - [`arith`]: the arithmetic and bitwise operators and number BIFs.
//! - [`int_text`]: integers to and from lists of characters.
//! - [`float_text`]: `float_to_list/1`, `float_to_binary/1`.
//! - [`math`]: the BIFs of module `math`.
//! - [`checksum`]: CRC-32, Adler-32 and MD5.
//! - [`external`]: the external term format BIFs.
//! - [`compare`]: the comparison operators, `min/2` and `max/2`.
//! - [`boolean`]: `and`, `or`, `xor`, `not`.
//! - [`types`]: the type tests, for calls outside guards.
//! - [`number`]: numbers between terms and [`crate::num`]'s owned form.
//! - [`unicode`]: the BIFs of module `unicode`.
//! - [`string`]: the BIFs of module `string`.

pub mod arith;
pub mod atom;
pub mod binary;
pub mod binary_module;
pub mod boolean;
pub mod checksum;
pub mod compare;
pub mod external;
pub mod float_text;
pub mod int_text;
pub mod list;
pub mod lists;
pub mod math;
pub mod number;
pub mod string;
#[cfg(test)]
mod tests;
pub mod tuple;
pub mod types;
pub mod unicode;

use crate::atom::Atom;
use crate::build::TermAlloc;
use crate::heap::HeapFragment;
use crate::num;
use crate::term::Term;

/// The exception a BIF raises, always of class `error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BifError {
    /// `error:badarg`: an argument outside the BIF's domain.
    Badarg,
    /// `error:badarith`: an arithmetic operator got an operand it can't
    /// use, or the result is no finite float.
    Badarith,
    /// `error:system_limit`: the result would exceed a limit of the system
    /// (integer size, atom length or count, memory).
    SystemLimit,
}

impl BifError {
    /// The exception's reason.
    pub fn reason(self) -> Atom {
        match self {
            BifError::Badarg => Atom::BADARG,
            BifError::Badarith => Atom::BADARITH,
            BifError::SystemLimit => Atom::SYSTEM_LIMIT,
        }
    }
}

impl From<num::Exception> for BifError {
    fn from(exception: num::Exception) -> BifError {
        match exception {
            num::Exception::Badarg => BifError::Badarg,
            num::Exception::Badarith => BifError::Badarith,
            num::Exception::SystemLimit => BifError::SystemLimit,
        }
    }
}

/// A heap BIFs build on: memory for the builders, and a way to make room.
///
/// # Safety
///
/// Implementors guarantee that once [`BifHeap::ensure`] returned `Ok` for
/// `words`, allocations totalling at most `words` words succeed until the
/// next `ensure`, and that the memory is the heap the argument terms live
/// in (or one that may refer to it).
pub unsafe trait BifHeap: TermAlloc {
    /// Makes room for `words` words, collecting if needed. `roots` are the
    /// BIF's own terms, rewritten where their objects moved; every other
    /// term the caller holds may be stale afterwards.
    ///
    /// # Safety
    ///
    /// Every term in `roots` is valid, and the caller uses no other term of
    /// this heap afterwards (immediates and literals excepted) without
    /// reading it anew from `roots`.
    unsafe fn ensure(&mut self, words: usize, roots: &mut [Term]) -> Result<(), BifError>;

    /// Makes the terms of `fragment` this heap's: the fragment lives as
    /// long as they are reachable (a collection moves them in).
    fn adopt_fragment(&mut self, fragment: HeapFragment);
}

/// The boolean atom for `value`.
fn boolean_term(value: bool) -> Term {
    Term::atom(if value { Atom::TRUE } else { Atom::FALSE })
}

/// A builder's result after [`BifHeap::ensure`] made room for it. The
/// builders only fail for want of room, which `ensure` rules out; should an
/// implementation break that promise anyway, the BIF fails with
/// `system_limit` (out of memory) rather than panicking.
fn built(term: Option<Term>) -> Result<Term, BifError> {
    term.ok_or(BifError::SystemLimit)
}

/// The elements of a proper list, or `None` for any other term (an
/// improper list included). Iterative, whatever the length.
///
/// # Safety
///
/// `list` is valid and nothing collects its heap during the call.
unsafe fn proper_list_elements(list: Term) -> Option<Vec<Term>> {
    let mut elements = Vec::new();
    let mut rest = list;
    // SAFETY: `rest` is `list` or the tail of one of its cells, all valid.
    while let Some(head) = unsafe { rest.head() } {
        elements.push(head);
        // SAFETY: as above; `rest` is a cons cell.
        rest = unsafe { rest.tail() }?;
    }
    rest.is_nil().then_some(elements)
}

/// A non-negative small integer as a `usize`.
fn non_negative_small(term: Term) -> Option<usize> {
    usize::try_from(term.as_small()?).ok()
}
