//! Erlang terms as 64-bit tagged words, on every target (wasm32 included,
//! where pointers are zero-extended into the word).
//!
//! ```text
//!  63                                    6   5 4   3 2   1 0
//! +----------------------------------------+-----+-----+-----+
//! | address of a cons cell (bits 63..2)                | 0 1 |  list pointer
//! | address of a header word (bits 63..2)              | 1 0 |  boxed pointer
//! | arity: number of body words            |   subtag  | 0 0 |  header word
//! | value, 60-bit two's complement               | 1 1 | 1 1 |  small integer
//! | local process id                             | 0 0 | 1 1 |  local pid
//! | local port id                                | 0 1 | 1 1 |  local port
//! | atom index                             | 0 0 | 1 0 | 1 1 |  atom
//! | catch index                            | 0 1 | 1 0 | 1 1 |  catch tag
//! | 0                                      | 1 1 | 1 0 | 1 1 |  [] (NIL = 0x3b)
//! +----------------------------------------+-----+-----+-----+
//!                                            imm2  imm1  prim
//!
//! cons cell:      [ head term ][ tail term ]
//! boxed object:   [ header: arity << 6 | subtag << 2 ][ arity body words ]
//! ```
//!
//! The primary tag ("prim", 2 bits) separates headers, list pointers,
//! boxed pointers and immediates. Immediates carry a 4-bit immediate1 tag
//! ("imm1": pid, port, small integer, or escape) and the escape a 6-bit
//! immediate2 tag ("imm2": atom, catch tag, nil). Header subtags and body
//! layouts are listed in [`tag`] and [`Header::raw_prefix_words`].
//!
//! Invariants:
//! - A value of type [`Term`] is a valid term: an immediate with an index
//!   that exists (atoms), or a pointer to a live, well-formed object. Making
//!   one from raw bits or a raw pointer is therefore `unsafe`; reading an
//!   object through one is `unsafe` too, because a collection may have moved
//!   or freed what it points to.
//! - Heap objects are 8-byte aligned, so the low 3 bits of an address are
//!   free for the primary tag.
//! - Header words never appear as a term: not as a cons head or tail, not
//!   as an element of an object. Only root slots given to a collection may
//!   hold words tagged `00` (frames keep resume points so); the collector
//!   leaves those alone.

mod access;
pub mod build;
mod header;
mod literal;
pub mod tag;

pub use access::{External, SubBinary};
pub use header::Header;
pub use literal::LiteralArea;

use crate::atom::Atom;
use tag::{
    IMMEDIATE1_BITS, IMMEDIATE1_MASK, IMMEDIATE1_PID, IMMEDIATE1_PORT, IMMEDIATE1_SMALL,
    IMMEDIATE2_ATOM, IMMEDIATE2_BITS, IMMEDIATE2_CATCH, IMMEDIATE2_MASK, IMMEDIATE2_NIL,
    PRIMARY_BOXED, PRIMARY_IMMEDIATE, PRIMARY_LIST, PRIMARY_MASK,
};

/// One Erlang term: an immediate value or a tagged pointer.
///
/// `==` compares the words (identity), not Erlang's `=:=`: two equal tuples
/// at different addresses are different words.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term(u64);

impl Term {
    /// The empty list `[]`.
    pub const NIL: Term = Term(IMMEDIATE2_NIL);
    /// The smallest integer that fits in a small: −2^59.
    pub const MIN_SMALL: i64 = -(1 << 59);
    /// The largest integer that fits in a small: 2^59 − 1.
    pub const MAX_SMALL: i64 = (1 << 59) - 1;
    /// The largest local pid or port id: 2^60 − 1.
    pub const MAX_LOCAL_ID: u64 = (1 << 60) - 1;

    /// The raw word.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Reinterprets a raw word as a term.
    ///
    /// # Safety
    ///
    /// `bits` must be a valid term as the module documentation describes: an
    /// atom index that has been interned, or a pointer to a live object of the
    /// kind its tag says. A word with the header tag `00` is allowed only in
    /// a root slot given to a collection (frames keep resume points so),
    /// which leaves it alone; it must never be read as a term.
    pub const unsafe fn from_bits(bits: u64) -> Term {
        Term(bits)
    }

    /// The small integer `value`, or `None` outside −2^59 … 2^59 − 1.
    pub const fn small(value: i64) -> Option<Term> {
        if !(Term::MIN_SMALL <= value && value <= Term::MAX_SMALL) {
            return None;
        }
        Some(Term(((value as u64) << IMMEDIATE1_BITS) | IMMEDIATE1_SMALL))
    }

    /// The atom `atom`.
    pub const fn atom(atom: Atom) -> Term {
        Term(((atom.index() as u64) << IMMEDIATE2_BITS) | IMMEDIATE2_ATOM)
    }

    /// The local pid with identifier `id`, or `None` above [`Term::MAX_LOCAL_ID`].
    pub const fn local_pid(id: u64) -> Option<Term> {
        if Term::MAX_LOCAL_ID < id {
            return None;
        }
        Some(Term((id << IMMEDIATE1_BITS) | IMMEDIATE1_PID))
    }

    /// The local port with identifier `id`, or `None` above [`Term::MAX_LOCAL_ID`].
    pub const fn local_port(id: u64) -> Option<Term> {
        if Term::MAX_LOCAL_ID < id {
            return None;
        }
        Some(Term((id << IMMEDIATE1_BITS) | IMMEDIATE1_PORT))
    }

    /// The catch tag for `value` (compiled code uses the address of its
    /// handler, which fits in 58 bits), as stored on the explicit stack.
    pub const fn catch_tag(value: u64) -> Term {
        Term((value << IMMEDIATE2_BITS) | IMMEDIATE2_CATCH)
    }

    /// A list term pointing at the cons cell at `cell`.
    ///
    /// # Safety
    ///
    /// `cell` must be 8-byte aligned and point to two initialised words that
    /// hold terms (head, tail), and stay live for as long as the returned term
    /// is read through.
    pub unsafe fn from_cons_ptr(cell: *const u64) -> Term {
        debug_assert!(cell.is_aligned());
        Term(address_of(cell) | PRIMARY_LIST)
    }

    /// A boxed term pointing at the header word at `object`.
    ///
    /// # Safety
    ///
    /// `object` must be 8-byte aligned and point to a header word followed by
    /// a body laid out as its subtag requires, live for as long as the
    /// returned term is read through.
    pub unsafe fn from_boxed_ptr(object: *const u64) -> Term {
        debug_assert!(object.is_aligned());
        Term(address_of(object) | PRIMARY_BOXED)
    }

    /// The primary tag, one of the `PRIMARY_*` constants of [`tag`].
    pub const fn primary_tag(self) -> u64 {
        self.0 & PRIMARY_MASK
    }

    /// Whether this is a small integer.
    pub const fn is_small(self) -> bool {
        self.0 & IMMEDIATE1_MASK == IMMEDIATE1_SMALL
    }

    /// The value of a small integer.
    pub const fn as_small(self) -> Option<i64> {
        if !self.is_small() {
            return None;
        }
        Some((self.0 as i64) >> IMMEDIATE1_BITS)
    }

    /// Whether this is an atom.
    pub const fn is_atom(self) -> bool {
        self.0 & IMMEDIATE2_MASK == IMMEDIATE2_ATOM
    }

    /// The atom this term is.
    pub const fn as_atom(self) -> Option<Atom> {
        if !self.is_atom() {
            return None;
        }
        // Atom terms are only made from interned atoms (see `from_bits`), so
        // the index fits in 32 bits and names an interned atom.
        Some(Atom::from_interned_index(
            (self.0 >> IMMEDIATE2_BITS) as u32,
        ))
    }

    /// Whether this is a local pid.
    pub const fn is_local_pid(self) -> bool {
        self.0 & IMMEDIATE1_MASK == IMMEDIATE1_PID
    }

    /// The identifier of a local pid.
    pub const fn as_local_pid(self) -> Option<u64> {
        if !self.is_local_pid() {
            return None;
        }
        Some(self.0 >> IMMEDIATE1_BITS)
    }

    /// Whether this is a local port.
    pub const fn is_local_port(self) -> bool {
        self.0 & IMMEDIATE1_MASK == IMMEDIATE1_PORT
    }

    /// The identifier of a local port.
    pub const fn as_local_port(self) -> Option<u64> {
        if !self.is_local_port() {
            return None;
        }
        Some(self.0 >> IMMEDIATE1_BITS)
    }

    /// Whether this is a catch tag.
    pub const fn is_catch(self) -> bool {
        self.0 & IMMEDIATE2_MASK == IMMEDIATE2_CATCH
    }

    /// The value of a catch tag.
    pub const fn as_catch(self) -> Option<u64> {
        if !self.is_catch() {
            return None;
        }
        Some(self.0 >> IMMEDIATE2_BITS)
    }

    /// Whether this is `[]`.
    pub const fn is_nil(self) -> bool {
        self.0 == IMMEDIATE2_NIL
    }

    /// Whether this is an immediate (no pointer).
    pub const fn is_immediate(self) -> bool {
        self.primary_tag() == PRIMARY_IMMEDIATE
    }

    /// Whether this is a non-empty list (a pointer to a cons cell).
    pub const fn is_list(self) -> bool {
        self.primary_tag() == PRIMARY_LIST
    }

    /// Whether this is a pointer to a boxed object.
    pub const fn is_boxed(self) -> bool {
        self.primary_tag() == PRIMARY_BOXED
    }

    /// The address a list or boxed term points to, `None` for immediates.
    pub fn pointer(self) -> Option<*mut u64> {
        match self.primary_tag() {
            PRIMARY_LIST | PRIMARY_BOXED => Some(self.untagged_pointer()),
            _ => None,
        }
    }

    /// The word with its primary tag cleared, as a pointer.
    fn untagged_pointer(self) -> *mut u64 {
        // Pointers were zero-extended from `usize`, so the value fits back.
        std::ptr::with_exposed_provenance_mut((self.0 & !PRIMARY_MASK) as usize)
    }
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(value) = self.as_small() {
            return write!(f, "{value}");
        }
        if let Some(atom) = self.as_atom() {
            return write!(f, "'{}'", atom.name());
        }
        if self.is_nil() {
            return f.write_str("[]");
        }
        write!(f, "Term({:#x})", self.0)
    }
}

/// The address of `pointer` as a term word, zero-extended on 32-bit targets.
fn address_of(pointer: *const u64) -> u64 {
    pointer.expose_provenance() as u64
}

#[cfg(test)]
mod tests;
